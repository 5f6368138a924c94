use std::cell::RefCell;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use super::document::{Document, Page};
use super::entities::{self, Entity};
use super::keywords::{self, KeyPhrase, KeyTerm, Keyword};
use super::language::{self, DetectedLanguage, LanguageSpan};
use super::links::{self, Link};
use super::tone::{self, Tone};
use super::{AnalysisError, AnalysisOptions, Feature};

/// Set by the caller's side when the answer is no longer wanted (deadline passed, client gone),
/// or expiring on its own after a time limit; the pipeline checks it between stages, and long
/// stages (HTML parsing) check it as they go, so abandoned work leaves the pool early.
#[derive(Clone, Debug, Default)]
pub struct CancelFlag {
    /// When the caller's side cancelled (set once).
    cancelled: Arc<OnceLock<Instant>>,
    /// When the document's time budget runs out, and how long that budget was.
    time_limit: Option<(Instant, Duration)>,
}

impl CancelFlag {
    pub fn new() -> Self {
        CancelFlag::default()
    }

    /// The same flag, also expiring `limit` from now.
    pub fn with_time_limit(&self, limit: Duration) -> Self {
        CancelFlag { cancelled: Arc::clone(&self.cancelled), time_limit: Some((Instant::now() + limit, limit)) }
    }

    pub fn cancel(&self) {
        let _ = self.cancelled.set(Instant::now());
    }

    /// Cancelled, or out of time.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get().is_some() || self.out_of_time().is_some()
    }

    /// Since when the work should have stopped (the cancel, or the end of the time budget);
    /// `None` while it may go on. How long work runs past this is what the server measures.
    pub fn stopped_since(&self) -> Option<Instant> {
        let expired = self.time_limit.map(|(deadline, _)| deadline).filter(|deadline| Instant::now() >= *deadline);
        match (self.cancelled.get().copied(), expired) {
            (Some(cancelled), Some(expired)) => Some(cancelled.min(expired)),
            (cancelled, expired) => cancelled.or(expired),
        }
    }

    /// The time limit, once it has passed.
    fn out_of_time(&self) -> Option<Duration> {
        self.time_limit.filter(|(deadline, _)| Instant::now() >= *deadline).map(|(_, limit)| limit)
    }

    /// `Cancelled` or `TimeLimitExceeded` once the flag is set or the time is up.
    pub fn check(&self) -> Result<(), AnalysisError> {
        if self.cancelled.get().is_some() {
            return Err(AnalysisError::Cancelled);
        }
        match self.out_of_time() {
            Some(limit) => Err(AnalysisError::TimeLimitExceeded {
                limit_ms: u64::try_from(limit.as_millis()).unwrap_or(u64::MAX),
            }),
            None => Ok(()),
        }
    }
}

thread_local! {
    /// The flag of the analysis running on this thread: a pool worker analyses one document
    /// at a time, and the stages' loops read the flag from here instead of taking it through
    /// every helper they call.
    static CURRENT: RefCell<Option<CancelFlag>> = const { RefCell::new(None) };
}

/// Makes `flag` the current thread's flag (what [`stop_requested`] reads) until dropped.
#[must_use = "the flag is current only while the scope lives"]
pub struct CancelScope {
    previous: Option<CancelFlag>,
}

impl CancelScope {
    pub fn enter(flag: &CancelFlag) -> CancelScope {
        CancelScope { previous: CURRENT.with(|current| current.replace(Some(flag.clone()))) }
    }
}

impl Drop for CancelScope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|current| *current.borrow_mut() = previous);
    }
}

/// Whether the analysis running on this thread should stop (cancelled or out of time); never,
/// outside a [`CancelScope`]. A stage that sees it stops its loop and returns what it has, which
/// the pipeline then discards.
pub fn stop_requested() -> bool {
    CURRENT.with(|current| current.borrow().as_ref().is_some_and(CancelFlag::is_cancelled))
}

/// [`stop_requested`] for a loop whose steps are too small to check each one: it checks every
/// `every`th step, so the flag (an atomic load and a clock read) costs nothing measurable while
/// a stop is still seen within well under a millisecond of work.
pub struct Pacer {
    every: u32,
    steps: u32,
}

impl Pacer {
    pub fn every(every: u32) -> Pacer {
        // The first step is checked: a loop entered after a stop does no work at all.
        let every = every.max(1);
        Pacer { every, steps: every - 1 }
    }

    /// Counts a step; true once a stop was requested (seen at a checked step).
    pub fn stop(&mut self) -> bool {
        self.stop_after(1)
    }

    /// [`Pacer::stop`] for a step that costs `steps` ordinary ones (a link resolved against a
    /// long base): the flag is looked at once `every` steps' worth of work is done.
    pub fn stop_after(&mut self, steps: u32) -> bool {
        self.steps = self.steps.saturating_add(steps);
        if self.steps < self.every {
            return false;
        }
        self.steps = 0;
        stop_requested()
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
    /// Words and phrases in one list, best first.
    pub key_terms: Vec<KeyTerm>,
    pub entities: Vec<Entity>,
    pub tone: Option<Tone>,
    pub links: Vec<Link>,
    pub stats: TextStats,
    pub published_date: Option<String>,
    /// A whole page's metadata and article body.
    pub page: Option<Page>,
    pub warnings: Vec<Warning>,
}

/// Analyses one document. Checks `cancel` between stages; within them, the stages' loops
/// check it too ([`stop_requested`]) and cut their work short, so a cancelled or timed-out
/// document leaves its worker within about a millisecond whichever stage it is in. What a
/// stopped analysis had built (the document, tens of thousands of link records) is freed on
/// the background thread of [`super::reclaim`]: freeing it here took up to 10 ms of the
/// worker's time after the caller had gone.
pub fn analyze(
    content: String,
    options: &AnalysisOptions,
    cancel: &CancelFlag,
) -> Result<Analysis, AnalysisError> {
    if content.trim().is_empty() {
        return Err(AnalysisError::EmptyContent);
    }
    let _scope = CancelScope::enter(cancel);
    let document = Document::parse_with(content, options.format, options.extraction, cancel);
    let mut found = Found::default();
    let language = match run_stages(&document, options, cancel, &mut found) {
        Ok(language) => language,
        Err(stop) => {
            super::reclaim((document, found));
            return Err(stop);
        }
    };
    let Found { language_spans, links, keywords, key_phrases, key_terms, tone, entities, warnings, page } = found;
    Ok(Analysis {
        stats: TextStats::of(&document),
        published_date: published_date(&document, page.as_ref()),
        page,
        document,
        language,
        language_spans,
        keywords,
        key_phrases,
        key_terms,
        entities,
        tone,
        links,
        warnings,
    })
}

/// What the stages after the document model have found so far.
#[derive(Default)]
struct Found {
    language_spans: Vec<LanguageSpan>,
    links: Vec<Link>,
    keywords: Vec<Keyword>,
    key_phrases: Vec<KeyPhrase>,
    key_terms: Vec<KeyTerm>,
    tone: Option<Tone>,
    entities: Vec<Entity>,
    warnings: Vec<Warning>,
    page: Option<Page>,
}

/// Language, links, keywords, tone, entities and page metadata, in that order, into `found`;
/// the document's language, or the stop that cut the stages short.
fn run_stages(
    document: &Document,
    options: &AnalysisOptions,
    cancel: &CancelFlag,
    found: &mut Found,
) -> Result<DetectedLanguage, AnalysisError> {
    cancel.check()?;
    found.warnings = document.warnings.clone();

    let language::LanguageAnalysis { language, spans: language_spans, warnings: language_warnings } =
        language::analyze(document, options.language_hint.as_ref());
    found.language_spans = language_spans;
    found.warnings.extend(language_warnings);
    cancel.check()?;

    let wants = |feature| options.features.contains(feature);
    if wants(Feature::Links) || wants(Feature::Entities) {
        let (links, link_warnings) = links::extract(document, options.base_url.as_ref());
        found.links = links;
        if wants(Feature::Links) {
            found.warnings.extend(link_warnings);
        }
        cancel.check()?;
    }

    if wants(Feature::Keywords) {
        let keywords = keywords::extract(document, &language, options.max_keywords);
        found.keywords = keywords.keywords;
        found.key_phrases = keywords.key_phrases;
        found.key_terms = keywords.key_terms;
        found.warnings.extend(keywords.warnings);
        cancel.check()?;
    }

    if wants(Feature::Tone) || wants(Feature::Entities) {
        let (tone, tone_warnings) = tone::analyze(document, &language);
        found.tone = tone;
        if wants(Feature::Tone) {
            found.warnings.extend(tone_warnings);
        }
        cancel.check()?;
    }

    if wants(Feature::Entities) {
        let (mut entities, entity_warnings) = entities::extract(document, &language, &found.links, found.tone.as_ref());
        if let Some(tone) = found.tone.as_mut() {
            tone::speakers::attribute(document, tone, &mut entities);
        }
        found.entities = entities;
        found.warnings.extend(entity_warnings);
        cancel.check()?;
    }

    if !wants(Feature::Links) {
        found.links.clear();
    }
    if !wants(Feature::Tone) {
        found.tone = None;
    }

    found.page = page_with_url_date(document, options.base_url.as_ref());
    cancel.check()?;
    Ok(language)
}

/// The page's metadata, its date taken from the URL path (the canonical URL's, else `base_url`'s)
/// when the page states none.
fn page_with_url_date(document: &Document, base_url: Option<&url::Url>) -> Option<Page> {
    let mut page = document.page.clone()?;
    if page.published_date.is_empty() {
        let canonical = url::Url::parse(&page.canonical_url).ok();
        let from_url = canonical.as_ref().and_then(links::path_date).or_else(|| base_url.and_then(links::path_date));
        page.published_date = from_url.unwrap_or_default();
    }
    Some(page)
}

/// The text's own date (a dateline) first, else the page's.
fn published_date(document: &Document, page: Option<&Page>) -> Option<String> {
    let from_page = || page.map(|p| p.published_date.clone()).filter(|d| !d.is_empty());
    document.dateline.as_ref().map(|d| d.date.clone()).or_else(from_page)
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
    fn a_spent_time_limit_stops_the_analysis_with_its_own_error() {
        let cancel = CancelFlag::new().with_time_limit(Duration::ZERO);
        let outcome = analyze("<p>Some text.</p>".to_string(), &AnalysisOptions::default(), &cancel);
        assert_eq!(outcome.unwrap_err(), AnalysisError::TimeLimitExceeded { limit_ms: 0 });
        let roomy = CancelFlag::new().with_time_limit(Duration::from_secs(60));
        assert!(analyze("Some text.".to_string(), &AnalysisOptions::default(), &roomy).is_ok());
    }

    #[test]
    fn unusual_spaces_alone_are_undetermined() {
        let analysis = run("\u{a0}\u{3000}\u{2003}\u{200b}", &AnalysisOptions::default());
        assert_eq!((analysis.language.code.as_str(), analysis.language.name.as_str()), ("und", "Undetermined"));
        let hinted = AnalysisOptions::parse(ContentFormat::PlainText, "", "de", Feature::ALL.iter().copied().collect(), 0)
            .expect("valid options");
        assert_eq!(run("\u{a0}\u{200b} 42", &hinted).language.code, "de");
    }

    /// A text that gives every stage work: names, a link, tone words, two paragraphs.
    fn busy_text() -> String {
        "Mayor Ana Silva praised the wonderful new harbour in Porto on Monday. \
         Critics from Lisbon called it a terrible waste, see https://news.example.com/harbour for more.\n\n"
            .repeat(20)
    }

    #[test]
    fn every_stage_stops_inside_when_a_stop_is_requested() {
        let document = Document::parse(busy_text(), ContentFormat::PlainText);
        let language = language::analyze(&document, None).language;
        let (tone_found, _) = tone::analyze(&document, &language);
        let (links_found, _) = links::extract(&document, None);
        assert!(!document.tokens.is_empty() && !links_found.is_empty());
        assert!(!keywords::extract(&document, &language, 10).keywords.is_empty());
        assert!(!entities::extract(&document, &language, &links_found, tone_found.as_ref()).0.is_empty());
        assert!(!tone_found.expect("English has tone").sentences.is_empty());

        let stop = CancelFlag::new();
        stop.cancel();
        let _scope = CancelScope::enter(&stop);
        assert!(Document::parse(busy_text(), ContentFormat::PlainText).tokens.is_empty());
        assert!(language::analyze(&document, None).spans.len() <= 1);
        assert!(links::extract(&document, None).0.is_empty());
        assert!(keywords::extract(&document, &language, 10).keywords.is_empty());
        assert!(entities::extract(&document, &language, &links_found, None).0.is_empty());
        assert!(tone::analyze(&document, &language).0.is_none_or(|tone| tone.sentences.is_empty()));
    }

    #[test]
    fn a_scope_ends_with_its_guard() {
        let stop = CancelFlag::new();
        stop.cancel();
        {
            let _scope = CancelScope::enter(&stop);
            assert!(stop_requested());
        }
        assert!(!stop_requested());
        let mut pacer = Pacer::every(4);
        let _scope = CancelScope::enter(&stop);
        assert_eq!((0..5).map(|_| pacer.stop()).collect::<Vec<_>>(), [true, false, false, false, true]);
    }

    #[test]
    fn a_heavy_step_brings_the_next_look_at_the_flag_closer() {
        let stop = CancelFlag::new();
        stop.cancel();
        let _scope = CancelScope::enter(&stop);
        let mut pacer = Pacer::every(8);
        assert!(pacer.stop_after(1), "the first step is checked");
        assert_eq!([pacer.stop_after(3), pacer.stop_after(5), pacer.stop_after(20), pacer.stop()], [false, true, true, false]);
    }

    #[test]
    fn whitespace_only_content_is_rejected() {
        let outcome = analyze(" \n\t ".to_string(), &AnalysisOptions::default(), &CancelFlag::new());
        assert_eq!(outcome.unwrap_err(), AnalysisError::EmptyContent);
    }
}
