//! Which language the document is in: whatlang over the extracted text, or the caller's hint.

use super::document::Document;
use super::{AnalysisError, Warning};

/// A validated `language_hint`: the primary subtag of an ISO 639-1/639-3 code or BCP-47 tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageHint {
    /// Lower-case primary subtag as given (`en`, `nob`).
    pub code: String,
}

impl LanguageHint {
    pub fn parse(raw: &str) -> Result<Self, AnalysisError> {
        let primary = raw.split(['-', '_']).next().unwrap_or("");
        let valid = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
        if !valid {
            return Err(AnalysisError::InvalidLanguageHint { hint: raw.to_string() });
        }
        Ok(LanguageHint { code: primary.to_ascii_lowercase() })
    }
}

/// The document's language as the analyses and the answer see it.
#[derive(Clone, Debug, PartialEq)]
pub struct DetectedLanguage {
    /// ISO 639-1 where one exists, else 639-3 (`en`, `zh`, `nb`).
    pub code: String,
    /// whatlang's code (`eng`, `cmn`, `nob`); empty for a hinted language whatlang does not know.
    pub code_alpha3: String,
    pub name: String,
    pub script: String,
    pub confidence: f32,
    pub reliable: bool,
    pub from_hint: bool,
    pub lang: Option<whatlang::Lang>,
}

/// Detects the language, or takes the hint when there is one.
pub fn determine(document: &Document, hint: Option<&LanguageHint>) -> (DetectedLanguage, Vec<Warning>) {
    let script = whatlang::detect_script(&document.text).map(|s| s.name().to_string()).unwrap_or_default();
    if let Some(hint) = hint {
        return (
            DetectedLanguage {
                code: hint.code.clone(),
                code_alpha3: String::new(),
                name: String::new(),
                script,
                confidence: 1.0,
                reliable: true,
                from_hint: true,
                lang: None,
            },
            Vec::new(),
        );
    }
    match whatlang::detect(&document.text) {
        Some(info) => (
            DetectedLanguage {
                code: info.lang().code().to_string(),
                code_alpha3: info.lang().code().to_string(),
                name: info.lang().eng_name().to_string(),
                script,
                confidence: info.confidence() as f32,
                reliable: info.is_reliable(),
                from_hint: false,
                lang: Some(info.lang()),
            },
            Vec::new(),
        ),
        None => (
            DetectedLanguage {
                code: String::new(),
                code_alpha3: String::new(),
                name: String::new(),
                script,
                confidence: 0.0,
                reliable: false,
                from_hint: false,
                lang: None,
            },
            Vec::new(),
        ),
    }
}
