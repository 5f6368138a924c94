//! Tone: explainable valence markers, sentence and document scores, narrator apart from quotes.

use super::document::Document;
use super::language::DetectedLanguage;
use super::{TextSpan, Warning};

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
    pub kind: ToneMarkerKind,
    pub negated: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ToneSummary {
    pub score: f32,
    pub magnitude: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SentenceTone {
    pub span: TextSpan,
    pub score: f32,
    pub magnitude: f32,
    pub quoted: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tone {
    pub score: f32,
    pub magnitude: f32,
    pub positive: f32,
    pub negative: f32,
    pub neutral: f32,
    pub markers: Vec<ToneMarker>,
    pub sentences: Vec<SentenceTone>,
    pub narrator: ToneSummary,
    pub quoted: ToneSummary,
    pub tone_per_100_words: f32,
    pub emotive_share: f32,
}

/// Scores the document's tone; `None` (with a warning) where the language has no lexicon.
pub fn analyze(_document: &Document, _language: &DetectedLanguage) -> (Option<Tone>, Vec<Warning>) {
    (None, Vec::new())
}
