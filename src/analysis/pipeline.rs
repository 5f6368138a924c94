use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::document::Document;
use super::entities::{self, Entity};
use super::keywords::{self, KeyPhrase, Keyword};
use super::language::{self, DetectedLanguage, LanguageSpan};
use super::links::{self, Link};
use super::tone::{self, Tone};
use super::{AnalysisError, AnalysisOptions, Feature};

/// Set by the caller's side when the answer is no longer wanted (deadline passed, client gone);
/// the pipeline checks it between stages so abandoned work leaves the pool early.
#[derive(Clone, Debug, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    pub fn new() -> Self {
        CancelFlag::default()
    }

    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn check(&self) -> Result<(), AnalysisError> {
        if self.is_cancelled() {
            Err(AnalysisError::Cancelled)
        } else {
            Ok(())
        }
    }
}

/// Something that was skipped or degraded, and why; the answer still comes back.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// The analysis concerned, or `None` for the document as a whole.
    pub feature: Option<Feature>,
    pub message: String,
}

impl Warning {
    pub fn new(feature: Option<Feature>, message: impl Into<String>) -> Self {
        Warning { feature, message: message.into() }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextStats {
    /// Unicode scalar values in the extracted text.
    pub characters: usize,
    /// Word and number tokens outside the dateline.
    pub words: usize,
    pub sentences: usize,
    pub paragraphs: usize,
}

impl TextStats {
    pub fn of(document: &Document) -> Self {
        TextStats {
            characters: document.text.chars().count(),
            words: document.content_word_count(),
            sentences: document.sentences.len(),
            paragraphs: document.blocks.len(),
        }
    }
}

/// Everything the core found in one document. Spans are still byte ranges into
/// `document.text`; the edge converts them to the caller's encoding.
#[derive(Debug)]
pub struct Analysis {
    pub document: Document,
    pub language: DetectedLanguage,
    /// Runs of the text in one language, covering it in text order.
    pub language_spans: Vec<LanguageSpan>,
    pub keywords: Vec<Keyword>,
    pub key_phrases: Vec<KeyPhrase>,
    pub entities: Vec<Entity>,
    pub tone: Option<Tone>,
    pub links: Vec<Link>,
    pub stats: TextStats,
    pub published_date: Option<String>,
    pub warnings: Vec<Warning>,
}

/// Analyses one document. Checks `cancel` between stages.
pub fn analyze(
    content: String,
    options: &AnalysisOptions,
    cancel: &CancelFlag,
) -> Result<Analysis, AnalysisError> {
    if content.trim().is_empty() {
        return Err(AnalysisError::EmptyContent);
    }
    let document = Document::parse(content, options.format);
    let mut warnings = document.warnings.clone();
    cancel.check()?;

    let language::LanguageAnalysis { language, spans: language_spans, warnings: language_warnings } =
        language::analyze(&document, options.language_hint.as_ref());
    warnings.extend(language_warnings);
    cancel.check()?;

    let wants = |feature| options.features.contains(feature);
    let mut links = Vec::new();
    if wants(Feature::Links) || wants(Feature::Entities) {
        let (found, link_warnings) = links::extract(&document, options.base_url.as_ref());
        links = found;
        if wants(Feature::Links) {
            warnings.extend(link_warnings);
        }
        cancel.check()?;
    }

    let (mut keywords, mut key_phrases) = (Vec::new(), Vec::new());
    if wants(Feature::Keywords) {
        let found = keywords::extract(&document, &language, options.max_keywords);
        keywords = found.keywords;
        key_phrases = found.key_phrases;
        warnings.extend(found.warnings);
        cancel.check()?;
    }

    let mut tone = None;
    if wants(Feature::Tone) || wants(Feature::Entities) {
        let (found, tone_warnings) = tone::analyze(&document, &language);
        tone = found;
        if wants(Feature::Tone) {
            warnings.extend(tone_warnings);
        }
        cancel.check()?;
    }

    let mut entities = Vec::new();
    if wants(Feature::Entities) {
        let (found, entity_warnings) = entities::extract(&document, &language, &links, tone.as_ref());
        entities = found;
        warnings.extend(entity_warnings);
        cancel.check()?;
    }

    if !wants(Feature::Links) {
        links.clear();
    }
    if !wants(Feature::Tone) {
        tone = None;
    }

    Ok(Analysis {
        stats: TextStats::of(&document),
        published_date: document.dateline.as_ref().map(|d| d.date.clone()),
        document,
        language,
        language_spans,
        keywords,
        key_phrases,
        entities,
        tone,
        links,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AnalysisOptions, ContentFormat};

    fn run(content: &str, options: &AnalysisOptions) -> Analysis {
        analyze(content.to_string(), options, &CancelFlag::new()).expect("valid content")
    }

    #[test]
    fn the_dateline_is_no_words_and_gives_the_published_date() {
        let analysis = run(" date 2024-10-02 Ferries resumed on Monday.", &AnalysisOptions::default());
        assert_eq!(analysis.published_date.as_deref(), Some("2024-10-02"));
        assert_eq!(analysis.stats.words, 4);
        assert_eq!(analysis.stats.sentences, 1);
    }

    #[test]
    fn only_the_requested_features_come_back() {
        let html = "<p>Mayor Ana Silva opened the <a href=\"https://news.example.com/tags/harbour\">harbour</a> in Porto. It was a wonderful day.</p>";
        let only_links = AnalysisOptions {
            features: [Feature::Links].into_iter().collect(),
            format: ContentFormat::Html,
            ..AnalysisOptions::default()
        };
        let analysis = run(html, &only_links);
        assert_eq!(analysis.links.len(), 1);
        assert!(analysis.keywords.is_empty() && analysis.key_phrases.is_empty());
        assert!(analysis.entities.is_empty());
        assert!(analysis.tone.is_none());
        assert_eq!(analysis.language.code, "en");

        let everything = run(html, &AnalysisOptions::default());
        assert!(!everything.keywords.is_empty());
        assert!(!everything.entities.is_empty());
        assert!(everything.tone.is_some());
    }

    #[test]
    fn a_cancelled_analysis_stops() {
        let cancel = CancelFlag::new();
        cancel.cancel();
        let outcome = analyze("Some text.".to_string(), &AnalysisOptions::default(), &cancel);
        assert_eq!(outcome.unwrap_err(), AnalysisError::Cancelled);
    }

    #[test]
    fn whitespace_only_content_is_rejected() {
        let outcome = analyze(" \n\t ".to_string(), &AnalysisOptions::default(), &CancelFlag::new());
        assert_eq!(outcome.unwrap_err(), AnalysisError::EmptyContent);
    }
}
