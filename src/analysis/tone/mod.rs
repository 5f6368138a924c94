//! Tone: explainable valence markers, sentence and document scores, narrator apart from quotes.
//!
//! Every contribution is a [`ToneMarker`] with its span; a sentence's score is recomputable
//! from the markers inside it: `x / √(x² + α)` with `x` the sum of their valences and
//! α = [`ALPHA`]. Documents, voices and entities pool their sentences the same way over
//! `Σx / √n` (see [`Tone::score`]). Modifiers (negation, degree words, hedges, contrast, ALL CAPS) carry valence
//! 0 — their effect is folded into the valence of the lexicon word they modify — except
//! exclamation and question marks, which carry the increment they add to their sentence.
//! Only English has a lexicon; other languages get no tone and a warning.

mod lexicon;
mod quotes;
mod rules;
mod scoring;
pub mod speakers;
pub mod target;
pub mod target_model;

use std::ops::Range;

use super::document::Document;
use super::language::DetectedLanguage;
use super::{Feature, Language, TextSpan, Warning};

pub use scoring::{normalize, ALPHA};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ToneMarkerKind {
    Positive,
    Negative,
    Negation,
    Intensifier,
    Downtoner,
    Hedge,
    /// Exclamation marks, ALL-CAPS words in mixed-case text.
    Emphasis,
    /// `but`, `however`.
    Contrast,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ToneMarker {
    pub text: String,
    pub span: TextSpan,
    /// Signed contribution after modifiers; 0 for pure modifiers.
    pub valence: f32,
    /// Positive or Negative by the sign of `valence` after modifiers, so a negated positive
    /// word is a Negative marker with `negated` set.
    pub kind: ToneMarkerKind,
    pub negated: bool,
    /// Inside quoted or reported speech rather than the narrator's voice.
    pub quoted: bool,
    /// The lexicon entry that matched, lower case: the word, or the multi-word entry
    /// (`bad timing`) whose head word the marker sits on.
    pub entry: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ToneSummary {
    pub score: f32,
    pub magnitude: f32,
    /// Indices into [`Tone::markers`] of the markers that moved the score, ascending; empty
    /// where the summary pools whole sentences (document, narrator, quoted voice).
    pub markers: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SentenceTone {
    pub span: TextSpan,
    pub score: f32,
    pub magnitude: f32,
    /// Most of the sentence's words are quoted or reported speech.
    pub quoted: bool,
    /// The sentence's markers: a range of [`Tone::markers`].
    pub markers: Range<usize>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tone {
    /// `y / √(y² + α)` with `y` the sum of all marker valences divided by √n, `n` the number
    /// of sentences that carry valence: sentence evidence pooled so that one sentence scores
    /// as itself, neutral sentences do not dilute it, and a long article does not saturate.
    pub score: f32,
    /// Sum of the absolute valences of all markers.
    pub magnitude: f32,
    pub positive: f32,
    pub negative: f32,
    pub neutral: f32,
    /// Sorted by span (start, end), then kind.
    pub markers: Vec<ToneMarker>,
    pub sentences: Vec<SentenceTone>,
    pub narrator: ToneSummary,
    pub quoted: ToneSummary,
    pub tone_per_100_words: f32,
    pub emotive_share: f32,
    /// Quoted and reported speech, sorted and non-overlapping; the rest is the narrator's.
    pub speech: Vec<TextSpan>,
    /// Who said what: one per region of `speech`, in the same order.
    pub quotes: Vec<speakers::Quote>,
    /// What the tone toward each entity reads of every token, filled by its first call
    /// ([`target::toward`]); not part of the answer.
    pub target_cache: target::Cache,
}

/// Whether tone is computed for a language: the registry's answer, which `lexicon::of` follows.
pub fn supports(language: Option<Language>) -> bool {
    language.is_some_and(Language::has_tone_lexicon)
}

/// Scores the document's tone; `None` (with a warning) where the language has no lexicon.
pub fn analyze(document: &Document, language: &DetectedLanguage) -> (Option<Tone>, Vec<Warning>) {
    let Some(lexicon) = language.registered.and_then(lexicon::of) else {
        let name = if language.name.is_empty() {
            language.code.as_str()
        } else {
            language.name.as_str()
        };
        let warning = Warning::new(
            Some(Feature::Tone),
            format!(
                "tone is not supported for language {name} ({}): only English has a tone lexicon",
                language.code
            ),
        );
        return (None, vec![warning]);
    };
    (Some(scoring::score_document(document, lexicon)), Vec::new())
}

/// The tone of the sentences that overlap any of `spans` (an entity's mentions), each sentence
/// counted once, combined as the document's sentences are (see [`Tone::score`]).
/// Zero when no sentence overlaps.
pub fn summarize_sentences(tone: &Tone, spans: impl IntoIterator<Item = TextSpan>) -> ToneSummary {
    let mut hit: Vec<usize> = Vec::new();
    for span in spans {
        let first = tone.sentences.partition_point(|s| s.span.end <= span.start);
        hit.extend(
            (first..tone.sentences.len())
                .take_while(|&i| tone.sentences[i].span.start < span.end.max(span.start + 1))
                .filter(|&i| overlaps(tone.sentences[i].span, span)),
        );
    }
    hit.sort_unstable();
    hit.dedup();
    scoring::combine(
        hit.iter()
            .map(|&i| scoring::sentence_sum(tone, &tone.sentences[i])),
    )
}

fn overlaps(a: TextSpan, b: TextSpan) -> bool {
    if b.is_empty() {
        a.start <= b.start && b.start < a.end
    } else {
        a.start < b.end && b.start < a.end
    }
}
