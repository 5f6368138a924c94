//! Keyword stems and key phrases.

use super::document::Document;
use super::language::DetectedLanguage;
use super::{TextSpan, Warning};

#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// rust-stemmers' stem in the document's language (lower-cased word where there is no stemmer).
    pub stem: String,
    /// The most frequent surface form, with its casing.
    pub text: String,
    pub count: u32,
    /// 0..1, on the same scale as key phrases' scores.
    pub score: f32,
    pub spans: Vec<TextSpan>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct KeyPhrase {
    pub text: String,
    pub stems: Vec<String>,
    pub count: u32,
    pub score: f32,
    pub spans: Vec<TextSpan>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Keywords {
    pub keywords: Vec<Keyword>,
    pub key_phrases: Vec<KeyPhrase>,
    pub warnings: Vec<Warning>,
}

/// Ranks the document's keywords and key phrases; `max` caps each list separately.
pub fn extract(_document: &Document, _language: &DetectedLanguage, _max: usize) -> Keywords {
    Keywords::default()
}
