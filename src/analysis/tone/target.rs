//! Tone toward a target — an entity's mentions — rather than the tone of the sentences near it.
//!
//! Pipeline, per mention: the markers of its sentence are each given one [`Relation`] to the
//! mention, from the tokens between them: right before it in its clause (`praised the mayor`,
//! `the corrupt mayor`), right after it as its predicate (`the mayor resigned`) or as a passive
//! (`the mayor was attacked`), elsewhere in its clause, in another clause, in speech the mention
//! is the speaker of (`Ruiz said the plan was a disaster`: said *by* Ruiz, not about her), in
//! someone else's speech, or beyond [`WINDOW`] tokens. A marker near several mentions of the same
//! entity counts once, for the nearest. The evidence is `z = Σ w[relation] · valence` over the
//! markers, pooled over sentences as `Σ z / √k`; the weights and the neutral band are fitted by
//! `eval/tone/train_target.py` (ordinal logistic regression on the NewsMTSC training split, over
//! the sums this module computes, dumped by `examples/tone_targets.rs`) and embedded from
//! `data/tone/target_weights.rs`. Every marker with a non-zero weighted contribution is listed
//! in the summary, so the score is explained by its markers.

use super::quotes::is_attribution;
use super::{normalize_band, Tone, ToneSummary};
use crate::analysis::document::{Document, Token, TokenKind};
use crate::analysis::TextSpan;

/// How a marker stands to a mention; the order is the order of the fitted weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    /// Up to [`NEAR`] words before the mention in its clause, or inside it.
    BeforeNear = 0,
    /// Up to [`NEAR`] words after the mention in its clause: its predicate.
    AfterNear = 1,
    /// After the mention in its clause, with a form of `be`/`get` between: done to it.
    Passive = 2,
    /// Elsewhere in the mention's clause.
    SameClause = 3,
    /// In another clause of the sentence.
    OtherClause = 4,
    /// Inside speech the mention is the speaker of.
    SpeechByTarget = 5,
    /// Inside speech the mention is neither inside nor the speaker of.
    QuotedOther = 6,
    /// More than [`WINDOW`] tokens away, but within [`FAR_WINDOW`]; markers further away do
    /// not bear on the mention.
    Far = 7,
}

/// Number of [`Relation`]s.
pub const RELATIONS: usize = 8;
/// Number of features: each relation's positive and negative valence apart, since news
/// readers weigh blame and praise differently.
pub const FEATURES: usize = 2 * RELATIONS;

mod weights {
    use super::FEATURES;
    include!("../../../data/tone/target_weights.rs");
}
pub use weights::{BAND, WEIGHTS};

/// Tokens on each side of a mention that are read; markers beyond are [`Relation::Far`]. Keeps
/// each mention's cost bounded whatever the sentence length.
pub const WINDOW: usize = 40;
/// Tokens on each side of a mention beyond which markers are not read at all.
pub const FAR_WINDOW: usize = 120;
/// Words between a marker and the mention for the marker to be its modifier or predicate.
const NEAR: usize = 3;
/// Words after the mention in which `said` makes it a speaker (`Ruiz, the mayor, said`).
const SPEAKER_AFTER: usize = 4;
/// Words before the mention in which `said` makes it a speaker (`said Ms Ruiz`).
const SPEAKER_BEFORE: usize = 2;

/// Words that open a new clause even without punctuation.
const CLAUSE_WORDS: &[&str] = &[
    "but", "although", "though", "while", "whereas", "however", "because", "since", "when", "who",
    "which", "whom", "whose", "where", "that", "after", "before", "if", "unless",
];
/// Forms of `be` and `get` that make a following sentiment word something done to the subject.
const PASSIVE_AUXILIARIES: &[&str] =
    &["is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "gotten"];

/// One marker's bearing on a target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contribution {
    /// Index into [`Tone::markers`].
    pub marker: usize,
    pub relation: Relation,
    /// Tokens between the marker and the mention (for keeping the nearest mention's relation).
    pub distance: usize,
    /// Index into [`Tone::sentences`].
    pub sentence: usize,
}

/// The markers of the mention's sentence with their relation to it, appended to `out`.
pub fn relate(document: &Document, tone: &Tone, mention: TextSpan, out: &mut Vec<Contribution>) {
    let Some(sentence) = document
        .sentences
        .get(document.sentences.partition_point(|s| s.span.end <= mention.start))
        .filter(|s| s.span.start <= mention.start)
    else {
        return;
    };
    let tone_index = tone.sentences.partition_point(|s| s.span.end <= mention.start);
    let Some(markers) = tone
        .sentences
        .get(tone_index)
        .filter(|s| s.span == sentence.span)
        .map(|s| s.markers.clone())
    else {
        return;
    };
    let tokens = &document.tokens[sentence.tokens.clone()];
    let first = tokens.partition_point(|t| t.span.end <= mention.start);
    let end = tokens.partition_point(|t| t.span.start < mention.end).max(first + 1).min(tokens.len());
    if first >= end {
        return;
    }
    let window = Window::new(document, tokens, first, end);
    let target_quoted = inside(&tone.speech, mention);
    let speaks = !target_quoted && window.is_speaker(document, tokens, first, end);
    // Only markers within FAR_WINDOW tokens are visited, so a mention costs the same in a
    // sentence of any length.
    let reach = TextSpan::new(
        tokens[first.saturating_sub(FAR_WINDOW)].span.start,
        tokens[(end + FAR_WINDOW).min(tokens.len()) - 1].span.end,
    );
    let sentence_markers = &tone.markers[markers.clone()];
    let from = markers.start + sentence_markers.partition_point(|m| m.span.start < reach.start);
    let to = markers.start + sentence_markers.partition_point(|m| m.span.start < reach.end);
    for index in from..to {
        let marker = &tone.markers[index];
        if marker.valence == 0.0 {
            continue;
        }
        let at = tokens.partition_point(|t| t.span.end <= marker.span.start);
        let (relation, distance) = if at < window.start || at >= window.end {
            (Relation::Far, WINDOW + 1)
        } else if marker.quoted && !target_quoted {
            let relation = if speaks { Relation::SpeechByTarget } else { Relation::QuotedOther };
            (relation, at.abs_diff(first))
        } else if !marker.quoted && target_quoted {
            (Relation::OtherClause, at.abs_diff(first))
        } else {
            window.positional(document, tokens, at, first, end)
        };
        out.push(Contribution { marker: index, relation, distance, sentence: tone_index });
    }
}

/// The tone expressed toward the entity mentioned at `mentions`: zero with no markers when
/// nothing in their sentences bears on it.
pub fn toward(document: &Document, tone: &Tone, mentions: impl IntoIterator<Item = TextSpan>) -> ToneSummary {
    let mut contributions = Vec::new();
    for mention in mentions {
        relate(document, tone, mention, &mut contributions);
    }
    // One relation per marker: the one to the nearest mention (full tie-break on the relation).
    contributions.sort_by_key(|c| (c.marker, c.distance, c.relation));
    contributions.dedup_by_key(|c| c.marker);
    summarize(tone, &contributions)
}

/// The feature a marker's valence goes to: its relation, positive and negative apart.
fn feature(relation: Relation, valence: f32) -> usize {
    2 * relation as usize + usize::from(valence < 0.0)
}

/// Sums of marker valence per feature ([`feature`]): what the weights apply to.
pub fn relation_sums(tone: &Tone, contributions: &[Contribution]) -> [f32; FEATURES] {
    let mut sums = [0.0f32; FEATURES];
    for c in contributions {
        let valence = tone.markers[c.marker].valence;
        sums[feature(c.relation, valence)] += valence;
    }
    sums
}

/// Pools deduplicated contributions into a summary (see the module docs).
fn summarize(tone: &Tone, contributions: &[Contribution]) -> ToneSummary {
    let (mut total, mut magnitude, mut sentences) = (0.0f64, 0.0f64, 0usize);
    let mut markers = Vec::new();
    let mut last_sentence = None;
    for c in contributions {
        let valence = tone.markers[c.marker].valence;
        let weighted = f64::from(WEIGHTS[feature(c.relation, valence)]) * f64::from(valence);
        if weighted == 0.0 {
            continue;
        }
        total += weighted;
        magnitude += f64::from(valence.abs());
        markers.push(c.marker as u32);
        if last_sentence != Some(c.sentence) {
            sentences += 1;
            last_sentence = Some(c.sentence);
        }
    }
    if markers.is_empty() {
        return ToneSummary::default();
    }
    markers.sort_unstable();
    ToneSummary {
        score: normalize_band(total / (sentences as f64).sqrt(), f64::from(BAND)),
        magnitude: magnitude as f32,
        markers,
    }
}

fn inside(regions: &[TextSpan], span: TextSpan) -> bool {
    let at = regions.partition_point(|r| r.end <= span.start);
    regions.get(at).is_some_and(|r| r.start <= span.start && span.end <= r.end)
}

fn lower_is_one_of(document: &Document, token: &Token, list: &[&str]) -> bool {
    token.kind == TokenKind::Word && list.iter().any(|w| document.token_text(token).eq_ignore_ascii_case(w))
}

fn is_clause_break(document: &Document, token: &Token) -> bool {
    match token.kind {
        TokenKind::Punctuation => document
            .token_text(token)
            .chars()
            .any(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '“' | '”' | '"' | '«' | '»' | '—' | '–')),
        TokenKind::Word => lower_is_one_of(document, token, CLAUSE_WORDS),
        _ => false,
    }
}

/// The tokens around a mention with their clause and word numbers.
struct Window {
    start: usize,
    end: usize,
    /// Per token of `start..end`: (clause number, words before it in the window).
    marks: Vec<(u32, u32)>,
}

impl Window {
    fn new(document: &Document, tokens: &[Token], first: usize, end: usize) -> Window {
        let start = first.saturating_sub(WINDOW);
        let stop = (end + WINDOW).min(tokens.len());
        let (mut clause, mut words) = (0u32, 0u32);
        let marks = tokens[start..stop]
            .iter()
            .map(|token| {
                clause += u32::from(is_clause_break(document, token));
                let mark = (clause, words);
                words += u32::from(token.kind.is_wordlike());
                mark
            })
            .collect();
        Window { start, end: stop, marks }
    }

    fn mark(&self, token: usize) -> (u32, u32) {
        self.marks[token - self.start]
    }

    /// Whether an attribution verb next to the mention makes it the speaker of the sentence's
    /// speech (`Ruiz said`, `said Ms Ruiz`, `according to Ruiz`).
    fn is_speaker(&self, document: &Document, tokens: &[Token], first: usize, end: usize) -> bool {
        let words_after = tokens[end..self.end].iter().filter(|t| t.kind == TokenKind::Word).take(SPEAKER_AFTER);
        let mut words_before = tokens[self.start..first].iter().rev().filter(|t| t.kind == TokenKind::Word);
        let before: Vec<&Token> = words_before.by_ref().take(SPEAKER_BEFORE).collect();
        words_after.clone().any(|t| is_attribution(document, t))
            || before.iter().any(|t| is_attribution(document, t))
            || (before.len() == 2
                && lower_is_one_of(document, before[0], &["to"])
                && lower_is_one_of(document, before[1], &["according"]))
    }

    /// The relation of a marker at token `at` to a mention at `first..end` in the same voice.
    fn positional(&self, document: &Document, tokens: &[Token], at: usize, first: usize, end: usize) -> (Relation, usize) {
        if (first..end).contains(&at) {
            return (Relation::BeforeNear, 0);
        }
        let (target_clause, target_words) = if at < first { self.mark(first) } else { self.mark(end - 1) };
        let (clause, words) = self.mark(at);
        let between = words.abs_diff(target_words) as usize;
        let distance = at.abs_diff(first);
        if clause != target_clause {
            return (Relation::OtherClause, distance);
        }
        // Word numbers count the marker's or the mention's own word too.
        if between > NEAR + 1 {
            return (Relation::SameClause, distance);
        }
        if at < first {
            return (Relation::BeforeNear, distance);
        }
        let passive = tokens[end..at].iter().any(|t| lower_is_one_of(document, t, PASSIVE_AUXILIARIES));
        (if passive { Relation::Passive } else { Relation::AfterNear }, distance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tone::{analyze, summarize_sentences};
    use crate::analysis::{language::DetectedLanguage, ContentFormat};

    fn scored(text: &str) -> (Document, Tone) {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let english = DetectedLanguage::hinted("en").expect("a valid code");
        let tone = analyze(&document, &english).0.expect("English has tone");
        (document, tone)
    }

    fn span_of(text: &str, word: &str) -> TextSpan {
        let start = text.find(word).expect("word in text");
        TextSpan::new(start, start + word.len())
    }

    fn relations(text: &str, word: &str) -> Vec<(String, Relation)> {
        let (document, tone) = scored(text);
        let mut out = Vec::new();
        relate(&document, &tone, span_of(text, word), &mut out);
        out.iter().map(|c| (document.slice(tone.markers[c.marker].span).to_string(), c.relation)).collect()
    }

    #[test]
    fn praise_and_attack_go_to_their_objects() {
        let text = "The senator praised the mayor but attacked the governor.";
        assert_eq!(relations(text, "mayor"), [("praised".into(), Relation::BeforeNear), ("attacked".into(), Relation::OtherClause)]);
        assert_eq!(relations(text, "governor"), [("praised".into(), Relation::OtherClause), ("attacked".into(), Relation::BeforeNear)]);
        let (document, tone) = scored(text);
        let mayor = toward(&document, &tone, [span_of(text, "mayor")]);
        let governor = toward(&document, &tone, [span_of(text, "governor")]);
        assert!(mayor.score > governor.score, "{mayor:?} {governor:?}");
        assert!(governor.score < 0.0, "{governor:?}");
    }

    #[test]
    fn predicates_and_passives_after_the_subject() {
        let text = "Okafor was killed near the border.";
        assert_eq!(relations(text, "Okafor"), [("killed".into(), Relation::Passive)]);
        let text = "Okafor criticised the new budget plan.";
        assert_eq!(relations(text, "Okafor"), [("criticised".into(), Relation::AfterNear)]);
    }

    #[test]
    fn speech_is_said_by_its_speaker_not_about_them() {
        let text = "Ruiz said the plan was a disaster.";
        assert_eq!(relations(text, "Ruiz"), [("disaster".into(), Relation::SpeechByTarget)]);
        let (document, tone) = scored("Ruiz said the plan was a disaster.");
        let ruiz = toward(&document, &tone, [TextSpan::new(0, 4)]);
        assert!(ruiz.score.abs() < summarize_sentences(&tone, [TextSpan::new(0, 4)]).score.abs());
    }

    #[test]
    fn the_summary_lists_the_markers_that_moved_it() {
        let text = "Voters praised Lind. The harbour was calm.";
        let (document, tone) = scored(text);
        let lind = toward(&document, &tone, [span_of(text, "Lind"), span_of(text, "Lind")]);
        let praised = tone.markers.iter().position(|m| document.slice(m.span) == "praised").expect("a marker");
        assert_eq!(lind.markers, [praised as u32]);
        assert!(lind.score > 0.05 && lind.magnitude > 0.0, "{lind:?}");
        let calm = toward(&document, &tone, [span_of(text, "harbour")]);
        assert_eq!(calm.markers.len(), usize::from(tone.markers.iter().any(|m| document.slice(m.span) == "calm")));
        assert_eq!(toward(&document, &tone, []), ToneSummary::default());
    }

    #[test]
    fn far_markers_and_long_sentences_stay_bounded() {
        let sentence = |fillers: usize| {
            let mut text = String::from("Lind arrived");
            for _ in 0..fillers {
                text.push_str(" and waited");
            }
            text + " in a terrible mood."
        };
        assert_eq!(relations(&sentence(30), "Lind"), [("terrible".into(), Relation::Far)]);
        assert!(relations(&sentence(200), "Lind").is_empty());
    }

    #[test]
    fn band_edges_separate_neutral_from_polar() {
        assert_eq!(normalize_band(0.0, 0.5), 0.0);
        assert!(normalize_band(0.49, 0.5).abs() < 0.05);
        assert!(normalize_band(0.5, 0.5) >= 0.05);
        assert!(normalize_band(-0.5, 0.5) <= -0.05);
        assert!(normalize_band(1e300, 0.5) <= 1.0);
        assert_eq!(normalize_band(f64::NAN, 0.5), 0.0);
        assert_eq!(normalize_band(1.0, 0.0), 0.0);
    }
}
