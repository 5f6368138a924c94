//! Salience and tone per entity.
//!
//! Salience is a raw weight per entity, normalised so a document's saliences sum to at most 1:
//! one point per mention (half for a link-only mention), up to two for how early the first
//! mention comes, one for a mention in the lead, a half per linking URL (up to three), a half
//! for a titled mention; scaled by type (people and organisations are what news is about; a
//! nationality is mostly an adjective).
//!
//! Tone is the tone of the sentences that mention the entity (each counted once), pooled as
//! `tone::summarize_sentences` pools them for the document.

use crate::analysis::document::Document;
use crate::analysis::tone::{Tone, ToneSummary};
use crate::analysis::TextSpan;

use super::{EntityType, Mention, MentionKind};

/// The facts salience is computed from.
pub(crate) struct SalienceInput<'a> {
    pub mentions: &'a [Mention],
    pub url_count: usize,
    pub entity_type: EntityType,
}

/// Where the lead ends: the first block with content, or its first stretch when the whole text
/// is one block (plain text without blank lines).
pub(crate) fn lead_end(document: &Document) -> usize {
    let content_start = document.dateline.as_ref().map_or(0, |d| d.span.end);
    let first_block = document.blocks.iter().find(|b| b.span.end > content_start && !document.text[b.span.range()].trim().is_empty());
    let stretch = content_start + (document.text.len() / 5).max(400);
    match first_block {
        Some(block) if document.blocks.len() > 1 => block.span.end,
        _ => stretch.min(document.text.len()),
    }
}

fn raw_weight(input: &SalienceInput<'_>, text_len: usize, lead_end: usize) -> f64 {
    let mut weight = 0.0;
    let mut first: Option<usize> = None;
    let mut in_lead = false;
    let mut titled = false;
    for mention in input.mentions {
        match mention.span {
            Some(span) => {
                weight += 1.0;
                first = Some(first.map_or(span.start, |f| f.min(span.start)));
                in_lead |= span.start < lead_end;
            }
            None => weight += 0.5,
        }
        titled |= mention.kind == MentionKind::Titled;
    }
    if let Some(first) = first {
        weight += 2.0 * (1.0 - first as f64 / text_len.max(1) as f64);
    }
    if in_lead {
        weight += 1.0;
    }
    weight += 0.5 * input.url_count.min(3) as f64;
    if titled {
        weight += 0.5;
    }
    let type_scale = match input.entity_type {
        EntityType::Person | EntityType::Organization => 1.0,
        EntityType::Location | EntityType::Event | EntityType::Work => 0.8,
        EntityType::Nationality => 0.4,
        _ => 0.5,
    };
    weight * type_scale
}

/// Saliences in the order of `inputs`, summing to at most 1.
pub(crate) fn saliences(inputs: &[SalienceInput<'_>], text_len: usize, lead_end: usize) -> Vec<f32> {
    let weights: Vec<f64> = inputs.iter().map(|i| raw_weight(i, text_len, lead_end)).collect();
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return vec![0.0; inputs.len()];
    }
    // Rounding each share down to f32 could push the sum a hair over 1; the margin prevents it.
    weights.iter().map(|w| ((w / total) * (1.0 - 1e-6)) as f32).collect()
}

/// The tone expressed toward the entity mentioned at `spans` (`tone::target::toward`); `None`
/// for an entity known only from links (no span, so no sentence).
pub(crate) fn tone_of(document: &Document, tone: &Tone, spans: impl Iterator<Item = TextSpan>) -> Option<ToneSummary> {
    let mut spans = spans.peekable();
    spans.peek()?;
    Some(crate::analysis::tone::target::toward(document, tone, spans))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(start: usize, kind: MentionKind) -> Mention {
        Mention { text: "X".into(), span: Some(TextSpan::new(start, start + 1)), kind, title: String::new() }
    }

    #[test]
    fn saliences_sum_to_at_most_one_and_favour_the_frequent_early_name() {
        let often = [mention(0, MentionKind::Proper), mention(50, MentionKind::Titled), mention(90, MentionKind::Partial)];
        let once = [mention(80, MentionKind::Proper)];
        let inputs = [
            SalienceInput { mentions: &once, url_count: 0, entity_type: EntityType::Location },
            SalienceInput { mentions: &often, url_count: 1, entity_type: EntityType::Person },
        ];
        let s = saliences(&inputs, 100, 40);
        assert!(s[1] > s[0]);
        assert!(s.iter().sum::<f32>() <= 1.0);
        assert!(s.iter().all(|v| (0.0..=1.0).contains(v)));
    }

    #[test]
    fn tone_is_the_tone_toward_the_entity() {
        use crate::analysis::document::Document;
        use crate::analysis::{language, ContentFormat};
        let text = "Ana Silva praised the wonderful, excellent plan. The weather was mild. Critics called the Brandt plan a terrible disaster.";
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let (english, _) = language::determine(&document, None);
        let (tone, _) = crate::analysis::tone::analyze(&document, &english);
        let tone = tone.expect("English has tone");
        let span_of = |word: &str| {
            let start = text.find(word).expect("word in text");
            TextSpan::new(start, start + word.len())
        };
        let silva = tone_of(&document, &tone, [span_of("Silva")].into_iter()).expect("a mention in a sentence");
        let brandt = tone_of(&document, &tone, [span_of("Brandt")].into_iter()).expect("a mention in a sentence");
        assert!(silva.score > 0.0 && brandt.score < 0.0, "{silva:?} {brandt:?}");
        assert!(silva.magnitude > 0.0 && brandt.magnitude > 0.0);
        assert_eq!(tone_of(&document, &tone, std::iter::empty()), None);
    }
}
