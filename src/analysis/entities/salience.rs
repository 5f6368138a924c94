//! Salience and tone per entity.
//!
//! Salience is a raw weight per entity, normalised so a document's saliences sum to at most 1:
//! one point per mention (half for a link-only mention), up to two for how early the first
//! mention comes, one for a mention in the lead, a half per linking URL (up to three), a half
//! for a titled mention; scaled by type (people and organisations are what news is about; a
//! nationality is mostly an adjective).
//!
//! Tone is the tone of the sentences that mention the entity: score the mean of their scores,
//! magnitude the sum of their magnitudes (each sentence counted once).

use crate::analysis::document::Document;
use crate::analysis::tone::{SentenceTone, Tone, ToneSummary};
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

/// The tone of the sentences holding any of `spans`, or `None` when none holds one.
pub(crate) fn tone_of(tone: &Tone, spans: impl Iterator<Item = TextSpan>) -> Option<ToneSummary> {
    let sentences: &[SentenceTone] = &tone.sentences;
    let mut hit: Vec<usize> = spans
        .filter_map(|span| {
            let after = sentences.partition_point(|s| s.span.start <= span.start);
            let index = after.checked_sub(1)?;
            sentences[index].span.contains(span).then_some(index)
        })
        .collect();
    hit.sort_unstable();
    hit.dedup();
    if hit.is_empty() {
        return None;
    }
    let score = hit.iter().map(|&i| sentences[i].score).sum::<f32>() / hit.len() as f32;
    let magnitude = hit.iter().map(|&i| sentences[i].magnitude).sum::<f32>();
    Some(ToneSummary { score, magnitude })
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
    fn tone_is_the_mean_score_and_summed_magnitude_of_mentioning_sentences() {
        let sentence = |start, end, score, magnitude| SentenceTone { span: TextSpan::new(start, end), score, magnitude, quoted: false, markers: 0..0 };
        let tone = Tone { sentences: vec![sentence(0, 10, 0.5, 1.0), sentence(10, 20, -0.1, 2.0), sentence(20, 30, 0.9, 3.0)], ..Tone::default() };
        let spans = [TextSpan::new(1, 3), TextSpan::new(4, 6), TextSpan::new(12, 14)];
        let summary = tone_of(&tone, spans.into_iter()).unwrap_or_default();
        assert!((summary.score - 0.2).abs() < 1e-6);
        assert!((summary.magnitude - 3.0).abs() < 1e-6);
        assert_eq!(tone_of(&tone, std::iter::empty()), None);
    }
}
