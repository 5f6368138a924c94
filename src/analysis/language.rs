//! Which language the document is in: whatlang over the extracted text (never markup), or the
//! caller's hint.
//!
//! - Detection runs on the content after the dateline. Texts up to [`SAMPLE_BYTES`] are read
//!   whole, so short texts get exactly whatlang's answer; longer ones are read through
//!   [`SAMPLE_WINDOWS`] windows spread evenly over the text, which bounds the cost on 1 MiB.
//! - `code` is ISO 639-1 where one exists (`cmn` → `zh`, `pes` → `fa`, `nob` → `nb`), else
//!   ISO 639-3; `code_alpha3` is whatlang's code; `name` is the English name of `code`;
//!   `script` is whatlang's script name, with `Han` for the script whatlang calls `Mandarin`.
//! - When whatlang gives no answer but finds a script, the answer is the first language whatlang
//!   lists for that script, with confidence 0 and `reliable` false. Text with no letters of any
//!   known script (only digits, punctuation, emoji) is `und` ("Undetermined", ISO 639-2's code
//!   for it): an honest non-empty answer rather than an invented language.
//! - Mixed documents: the text is cut into chunks of whole sentences; up to
//!   [`MAX_CHUNKS_CHECKED`] of them, spread evenly, are detected one by one. A language other
//!   than the dominant one that reliably covers at least [`MIXED_SHARE`] of the checked text is
//!   named in a warning.
//! - The code table (`data/languages/iso639.tsv`) holds every ISO 639-1 code, the 639-3
//!   individual codes of macrolanguage members, and common 639-3 codes without a 639-1 code.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use whatlang::{Lang, Script};

use super::document::Document;
use super::{AnalysisError, Feature, TextSpan, Warning};

/// One language of the ISO 639 table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LanguageCode {
    /// ISO 639-1, when the language has one.
    pub alpha2: Option<&'static str>,
    /// ISO 639-3.
    pub alpha3: &'static str,
    pub name: &'static str,
}

impl LanguageCode {
    /// The code the API reports: ISO 639-1 where one exists, else ISO 639-3.
    pub fn code(&self) -> &'static str {
        self.alpha2.unwrap_or(self.alpha3)
    }
}

struct CodeTable {
    /// By ISO 639-1 code: the row of the language itself (macrolanguage rows come first).
    by_alpha2: HashMap<&'static str, LanguageCode>,
    by_alpha3: HashMap<&'static str, LanguageCode>,
}

static CODE_TABLE: LazyLock<CodeTable> = LazyLock::new(|| {
    let mut table = CodeTable { by_alpha2: HashMap::new(), by_alpha3: HashMap::new() };
    let source = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/languages/iso639.tsv"));
    for row in source.lines().filter_map(parse_code_row) {
        if let Some(alpha2) = row.alpha2 {
            table.by_alpha2.entry(alpha2).or_insert(row);
        }
        table.by_alpha3.entry(row.alpha3).or_insert(row);
    }
    table
});

fn parse_code_row(line: &'static str) -> Option<LanguageCode> {
    if line.starts_with('#') {
        return None;
    }
    let mut fields = line.split('\t');
    let alpha2 = fields.next()?;
    let alpha3 = fields.next()?;
    let name = fields.next()?;
    let well_formed = (alpha2 == "-" || is_code(alpha2, 2)) && is_code(alpha3, 3) && !name.is_empty();
    well_formed.then_some(LanguageCode { alpha2: (alpha2 != "-").then_some(alpha2), alpha3, name })
}

fn is_code(code: &str, length: usize) -> bool {
    code.len() == length && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// The table entry of an ISO 639-1 or 639-3 code (lower case).
pub fn lookup_code(code: &str) -> Option<LanguageCode> {
    let table = &*CODE_TABLE;
    match code.len() {
        2 => table.by_alpha2.get(code).copied(),
        3 => table.by_alpha3.get(code).copied(),
        _ => None,
    }
}

/// The ISO 639-1 code of a language whatlang detects (every one has one; the macrolanguage's
/// where whatlang names a member: `cmn` → `zh`).
pub fn iso_639_1(lang: Lang) -> &'static str {
    entry_of(lang).code()
}

/// The table entry for a whatlang language, named after the code the API reports.
fn entry_of(lang: Lang) -> LanguageCode {
    let own = lookup_code(lang.code());
    let reported = own.and_then(|row| row.alpha2).and_then(lookup_code).or(own);
    // Every whatlang code is in the table (a unit test checks); the fallback keeps whatlang's
    // own names should a future whatlang add a language.
    reported.unwrap_or(LanguageCode { alpha2: None, alpha3: lang.code(), name: lang.eng_name() })
}

/// whatlang's language for an ISO 639-1 code, when whatlang detects one by that code.
fn whatlang_for(alpha2: &str) -> Option<Lang> {
    if alpha2 == "no" {
        // Norwegian without a written standard: Bokmål, which most Norwegians write.
        return Some(Lang::Nob);
    }
    Lang::all().iter().copied().find(|&lang| iso_639_1(lang) == alpha2)
}

/// The name the API uses for a script: whatlang's, except `Han` for the script it calls `Mandarin`.
pub fn script_name(script: Script) -> &'static str {
    match script {
        Script::Mandarin => "Han",
        Script::Latin => "Latin",
        Script::Cyrillic => "Cyrillic",
        Script::Arabic => "Arabic",
        Script::Devanagari => "Devanagari",
        Script::Hiragana => "Hiragana",
        Script::Katakana => "Katakana",
        Script::Ethiopic => "Ethiopic",
        Script::Hebrew => "Hebrew",
        Script::Bengali => "Bengali",
        Script::Georgian => "Georgian",
        Script::Hangul => "Hangul",
        Script::Greek => "Greek",
        Script::Kannada => "Kannada",
        Script::Tamil => "Tamil",
        Script::Thai => "Thai",
        Script::Gujarati => "Gujarati",
        Script::Gurmukhi => "Gurmukhi",
        Script::Telugu => "Telugu",
        Script::Malayalam => "Malayalam",
        Script::Oriya => "Oriya",
        Script::Myanmar => "Myanmar",
        Script::Sinhala => "Sinhala",
        Script::Khmer => "Khmer",
        Script::Armenian => "Armenian",
    }
}

/// A validated `language_hint`: an ISO 639-1 or 639-3 code, or a BCP-47 tag whose primary
/// subtag is one (`en-US`, `pt-BR`, `zh-Hant-TW`; `_` is accepted in place of `-`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageHint {
    /// ISO 639-1 where one exists, else ISO 639-3 (`en` for `eng` or `en-US`, `zh` for `cmn`).
    pub code: String,
    /// The table entry of the primary subtag as given (`cmn` stays Mandarin Chinese).
    pub language: LanguageCode,
    /// whatlang's language, when whatlang knows it (`Cmn` for `zh`, `Nob` for `nb` and `no`).
    pub lang: Option<Lang>,
}

impl LanguageHint {
    pub fn parse(raw: &str) -> Result<Self, AnalysisError> {
        let invalid = || AnalysisError::InvalidLanguageHint { hint: raw.to_string() };
        let mut subtags = raw.trim().split(['-', '_']);
        let primary = subtags.next().unwrap_or("").to_ascii_lowercase();
        let well_formed_rest = subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !well_formed_rest || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(invalid());
        }
        let language = lookup_code(&primary).ok_or_else(invalid)?;
        let lang = Lang::from_code(language.alpha3).or_else(|| whatlang_for(language.code()));
        Ok(LanguageHint { code: language.code().to_string(), language, lang })
    }
}

/// The document's language as the analyses and the answer see it.
#[derive(Clone, Debug, PartialEq)]
pub struct DetectedLanguage {
    /// ISO 639-1 where one exists, else 639-3 (`en`, `zh`, `nb`); `und` when the text has no
    /// letters of any known script.
    pub code: String,
    /// whatlang's code (`eng`, `cmn`, `nob`); for a hinted language whatlang does not know, its
    /// ISO 639-3 code.
    pub code_alpha3: String,
    pub name: String,
    pub script: String,
    pub confidence: f32,
    pub reliable: bool,
    pub from_hint: bool,
    pub lang: Option<Lang>,
}

impl DetectedLanguage {
    fn detected(lang: Lang, script: &str, confidence: f64, reliable: bool) -> Self {
        let entry = entry_of(lang);
        DetectedLanguage {
            code: entry.code().to_string(),
            code_alpha3: lang.code().to_string(),
            name: entry.name.to_string(),
            script: script.to_string(),
            confidence: confidence.clamp(0.0, 1.0) as f32,
            reliable,
            from_hint: false,
            lang: Some(lang),
        }
    }

    fn undetermined() -> Self {
        DetectedLanguage {
            code: "und".to_string(),
            code_alpha3: "und".to_string(),
            name: "Undetermined".to_string(),
            script: String::new(),
            confidence: 0.0,
            reliable: false,
            from_hint: false,
            lang: None,
        }
    }

    /// The language a caller names, as a hint would give it (for tools and tests that know the
    /// language and skip detection).
    pub fn hinted(code: &str) -> Result<Self, AnalysisError> {
        LanguageHint::parse(code).map(|hint| DetectedLanguage::from_hint(&hint, ""))
    }

    fn from_hint(hint: &LanguageHint, script: &str) -> Self {
        let reported = lookup_code(&hint.code).unwrap_or(hint.language);
        DetectedLanguage {
            code: hint.code.clone(),
            code_alpha3: hint.lang.map_or(hint.language.alpha3, |l| l.code()).to_string(),
            name: reported.name.to_string(),
            script: script.to_string(),
            confidence: 1.0,
            reliable: true,
            from_hint: true,
            lang: hint.lang,
        }
    }
}

/// Texts up to this size are detected whole.
pub const SAMPLE_BYTES: usize = 32 * 1024;
/// Longer texts are sampled through this many windows of `SAMPLE_BYTES / SAMPLE_WINDOWS`.
pub const SAMPLE_WINDOWS: usize = 8;
/// At most this many chunks are detected one by one to find other languages.
pub const MAX_CHUNKS_CHECKED: usize = 32;
/// One chunk is checked per this many bytes of text (at least two): every whatlang call has a
/// fixed cost, and checking every sentence chunk of a short article costs more than the rest of
/// the analysis together.
const TEXT_BYTES_PER_CHUNK_CHECKED: usize = 2048;
/// Sentences are gathered into chunks of at least this many bytes…
const CHUNK_BYTES: usize = 300;
/// …and chunks shorter than this (a block's last few words) are not checked.
const MIN_CHUNK_BYTES: usize = 120;
/// A chunk longer than this is checked by its beginning only.
const MAX_CHUNK_BYTES: usize = 800;
/// Share of the checked text another language must cover to be mentioned.
pub const MIXED_SHARE: f64 = 0.2;

/// Detects the language, or takes the hint when there is one.
pub fn determine(document: &Document, hint: Option<&LanguageHint>) -> (DetectedLanguage, Vec<Warning>) {
    let content_start = document.dateline.as_ref().map_or(0, |d| d.span.end);
    let sample = sample(&document.text[content_start..]);
    if let Some(hint) = hint {
        let script = whatlang::detect_script(&sample).map_or("", script_name);
        return (DetectedLanguage::from_hint(hint, script), Vec::new());
    }
    let language = detect(&sample);
    let warnings = match language.lang {
        Some(dominant) => other_languages(document, dominant).into_iter().collect(),
        None => Vec::new(),
    };
    (language, warnings)
}

fn detect(text: &str) -> DetectedLanguage {
    match whatlang::detect(text) {
        Some(info) => DetectedLanguage::detected(info.lang(), script_name(info.script()), info.confidence(), info.is_reliable()),
        None => match whatlang::detect_script(text) {
            Some(script) => match script.langs().first() {
                Some(&lang) => DetectedLanguage::detected(lang, script_name(script), 0.0, false),
                None => DetectedLanguage::undetermined(),
            },
            None => DetectedLanguage::undetermined(),
        },
    }
}

/// The text whatlang reads: all of it when short, else evenly spread windows that start and
/// end at whitespace, so no word is cut.
fn sample(text: &str) -> Cow<'_, str> {
    if text.len() <= SAMPLE_BYTES {
        return Cow::Borrowed(text);
    }
    let window = SAMPLE_BYTES / SAMPLE_WINDOWS;
    let mut sampled = String::with_capacity(SAMPLE_BYTES + SAMPLE_WINDOWS);
    for index in 0..SAMPLE_WINDOWS {
        let start = word_start_at_or_after(text, index * text.len() / SAMPLE_WINDOWS);
        let end = word_end_at_or_before(text, (start + window).min(text.len()), start);
        sampled.push_str(&text[start..end]);
        sampled.push('\n');
    }
    Cow::Owned(sampled)
}

fn floor_char_boundary(text: &str, mut position: usize) -> usize {
    position = position.min(text.len());
    while !text.is_char_boundary(position) {
        position -= 1;
    }
    position
}

/// The first position at or after `position` that follows whitespace (or `position` itself
/// when no whitespace comes within a window's length).
fn word_start_at_or_after(text: &str, position: usize) -> usize {
    let position = floor_char_boundary(text, position);
    if position == 0 {
        return 0;
    }
    let horizon = floor_char_boundary(text, position + SAMPLE_BYTES / SAMPLE_WINDOWS / 4);
    text[position..horizon]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(position, |(offset, c)| position + offset + c.len_utf8())
}

/// The last whitespace at or before `position` but after `floor`, else `position`.
fn word_end_at_or_before(text: &str, position: usize, floor: usize) -> usize {
    let position = floor_char_boundary(text, position);
    if position == text.len() {
        return position;
    }
    text[floor..position].rfind(char::is_whitespace).map_or(position, |offset| floor + offset)
}

/// Chunks of whole sentences of one block, each at least `chunk_bytes` long where the block
/// allows, in text order.
fn sentence_chunks(document: &Document, chunk_bytes: usize) -> Vec<TextSpan> {
    let mut chunks = Vec::new();
    let mut current: Option<(usize, TextSpan)> = None;
    for sentence in &document.sentences {
        current = match current {
            Some((block, span)) if block == sentence.block && span.len() < chunk_bytes => {
                Some((block, TextSpan::new(span.start, sentence.span.end)))
            }
            finished => {
                chunks.extend(finished.map(|(_, span)| span));
                Some((sentence.block, sentence.span))
            }
        };
    }
    chunks.extend(current.map(|(_, span)| span));
    chunks.retain(|chunk| chunk.len() >= MIN_CHUNK_BYTES);
    chunks
}

/// A warning naming the languages other than `dominant` that reliably cover a substantial part
/// of the text.
fn other_languages(document: &Document, dominant: Lang) -> Option<Warning> {
    let affordable = (document.text.len() / TEXT_BYTES_PER_CHUNK_CHECKED).clamp(2, MAX_CHUNKS_CHECKED);
    let chunks = sentence_chunks(document, CHUNK_BYTES.max(document.text.len() / affordable));
    if chunks.len() < 2 {
        return None;
    }
    let picked = chunks.len().min(affordable);
    let mut checked_bytes = 0usize;
    // Keyed by whatlang's code so the order of the warning does not depend on hashing.
    let mut bytes_by_language: BTreeMap<&'static str, (Lang, usize)> = BTreeMap::new();
    for index in 0..picked {
        // Spread over the text, first and last chunk included.
        let chunk = chunks[index * (chunks.len() - 1) / (picked - 1)];
        let end = floor_char_boundary(&document.text, chunk.start + MAX_CHUNK_BYTES.min(chunk.len()));
        let text = &document.text[chunk.start..end];
        checked_bytes += text.len();
        if let Some(info) = whatlang::detect(text).filter(|info| info.is_reliable()) {
            bytes_by_language.entry(info.lang().code()).or_insert((info.lang(), 0)).1 += text.len();
        }
    }
    let mut others: Vec<(Lang, usize)> = bytes_by_language
        .into_values()
        .filter(|&(lang, bytes)| lang != dominant && bytes as f64 >= MIXED_SHARE * checked_bytes as f64)
        .collect();
    if others.is_empty() {
        return None;
    }
    others.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.code().cmp(b.0.code())));
    let described: Vec<String> = others
        .iter()
        .map(|&(lang, bytes)| {
            let entry = entry_of(lang);
            let percent = (100.0 * bytes as f64 / checked_bytes as f64).round();
            format!("{} ({}, about {percent}% of the text)", entry.name, entry.code())
        })
        .collect();
    let dominant = entry_of(dominant);
    Some(Warning::new(
        Some(Feature::Language),
        format!(
            "the text is mostly {} ({}) but also contains {}; analyses use {}",
            dominant.name,
            dominant.code(),
            described.join(", "),
            dominant.name
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ContentFormat;

    fn detect_text(text: &str) -> (DetectedLanguage, Vec<Warning>) {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        determine(&document, None)
    }

    #[test]
    fn the_code_table_is_complete_and_well_formed() {
        let source = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/languages/iso639.tsv"));
        for line in source.lines().filter(|l| !l.starts_with('#')) {
            assert!(parse_code_row(line).is_some(), "bad row {line:?}");
        }
        assert_eq!(CODE_TABLE.by_alpha2.len(), 184, "every ISO 639-1 code");
        for &lang in Lang::all() {
            let entry = lookup_code(lang.code()).unwrap_or_else(|| panic!("{} missing", lang.code()));
            assert!(entry.alpha2.is_some(), "{} has no ISO 639-1 code", lang.code());
        }
    }

    #[test]
    fn whatlang_codes_map_to_iso_639_1() {
        assert_eq!(iso_639_1(Lang::Cmn), "zh");
        assert_eq!(iso_639_1(Lang::Pes), "fa");
        assert_eq!(iso_639_1(Lang::Nob), "nb");
        assert_eq!(iso_639_1(Lang::Eng), "en");
        assert_eq!(iso_639_1(Lang::Yid), "yi");
        assert_eq!(entry_of(Lang::Cmn).name, "Chinese");
        let codes: std::collections::BTreeSet<_> = Lang::all().iter().map(|&l| iso_639_1(l)).collect();
        assert_eq!(codes.len(), Lang::all().len(), "no two whatlang languages share a code");
    }

    #[test]
    fn hints_accept_codes_and_bcp47_tags() {
        let hint = LanguageHint::parse("en-US").unwrap();
        assert_eq!((hint.code.as_str(), hint.lang), ("en", Some(Lang::Eng)));
        assert_eq!(LanguageHint::parse("pt_BR").unwrap().code, "pt");
        let chinese = LanguageHint::parse("zh-Hant-TW").unwrap();
        assert_eq!((chinese.code.as_str(), chinese.lang), ("zh", Some(Lang::Cmn)));
        assert_eq!(LanguageHint::parse("CMN").unwrap().code, "zh");
        assert_eq!(LanguageHint::parse("deu").unwrap().code, "de");
        assert_eq!(LanguageHint::parse("no").unwrap().lang, Some(Lang::Nob));
        let cantonese = LanguageHint::parse("yue").unwrap();
        assert_eq!((cantonese.code.as_str(), cantonese.lang, cantonese.language.name), ("yue", None, "Cantonese"));
        assert_eq!(LanguageHint::parse("ga").unwrap().language.name, "Irish");
    }

    #[test]
    fn hints_that_are_no_language_code_are_invalid() {
        for bad in ["english", "xx", "e1", "123", "", "en-", "-US", "en--US", "zzz", "und", "en US", "ger"] {
            let error = LanguageHint::parse(bad).unwrap_err();
            assert_eq!(error, AnalysisError::InvalidLanguageHint { hint: bad.to_string() }, "{bad:?}");
            assert!(error.to_string().contains("language_hint"));
        }
    }

    #[test]
    fn a_hint_is_used_instead_of_detection() {
        let document = Document::parse("The minister said the budget would pass.".to_string(), ContentFormat::PlainText);
        let hint = LanguageHint::parse("fr").unwrap();
        let (language, warnings) = determine(&document, Some(&hint));
        assert_eq!(language.code, "fr");
        assert_eq!(language.code_alpha3, "fra");
        assert_eq!(language.name, "French");
        assert_eq!(language.script, "Latin");
        assert!(language.from_hint && language.reliable);
        assert_eq!(language.lang, Some(Lang::Fra));
        assert!(warnings.is_empty());
        let unknown = LanguageHint::parse("haw").unwrap();
        let (language, _) = determine(&document, Some(&unknown));
        assert_eq!((language.code.as_str(), language.code_alpha3.as_str(), language.lang), ("haw", "haw", None));
    }

    const ENGLISH: &str = "date 2025-03-14 Finance Minister Rachel Reeves told \u{201C}The Herald\u{201D} on \
        Friday that the spending review would go ahead as planned. \u{201C}We will not change course now,\u{201D} \
        Ms Reeves said after a meeting with business leaders in Glasgow. Opposition parties accused the \
        government of ignoring warnings from economists about weak growth.";

    const SPANISH: &str = "El presidente del Gobierno anunció el jueves un nuevo paquete de ayudas para los \
        agricultores afectados por la sequía. \u{201C}No vamos a dejar a nadie atrás\u{201D}, dijo ante los \
        periodistas en Madrid. La oposición criticó que las medidas llegan tarde y que no incluyen a los \
        pequeños productores de las regiones del sur.";

    const GERMAN: &str = "Die Bundesregierung hat am Mittwoch einen Gesetzentwurf zur Reform der Rente \
        beschlossen. \u{201E}Wir sorgen dafür, dass sich Arbeit auch im Alter lohnt\u{201C}, sagte der \
        Arbeitsminister in Berlin. Kritiker aus der Opposition bemängeln, dass die Finanzierung für die \
        kommenden Jahre noch nicht gesichert sei.";

    #[test]
    fn articles_are_detected_in_their_language() {
        for (text, code, alpha3) in [(ENGLISH, "en", "eng"), (SPANISH, "es", "spa"), (GERMAN, "de", "deu")] {
            let (language, warnings) = detect_text(text);
            assert_eq!((language.code.as_str(), language.code_alpha3.as_str()), (code, alpha3));
            assert!(language.reliable && !language.from_hint, "{code}: {language:?}");
            assert_eq!(language.script, "Latin");
            assert!(warnings.is_empty(), "{code}: {warnings:?}");
        }
    }

    #[test]
    fn han_script_and_macrolanguage_codes() {
        let (language, _) = detect_text("北京市政府周三宣布，将在今年年底前开通三条新的地铁线路，以缓解交通压力。");
        assert_eq!((language.code.as_str(), language.code_alpha3.as_str()), ("zh", "cmn"));
        assert_eq!(language.script, "Han");
    }

    #[test]
    fn text_without_letters_is_undetermined_but_not_empty() {
        let (language, _) = detect_text("12345 !!! 2024-03-01 \u{1F600}");
        assert_eq!((language.code.as_str(), language.name.as_str()), ("und", "Undetermined"));
        assert!(!language.reliable);
        assert_eq!(language.confidence, 0.0);
    }

    #[test]
    fn a_substantial_second_language_is_named_in_a_warning() {
        let text = format!("{ENGLISH}\n\n{ENGLISH}\n\n{SPANISH}");
        let (language, warnings) = detect_text(&text);
        assert_eq!(language.code, "en");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].feature, Some(Feature::Language));
        assert!(warnings[0].message.contains("Spanish (es"), "{}", warnings[0].message);
        let (_, warnings) = detect_text(&format!("{ENGLISH}\n\nMerci beaucoup."));
        assert!(warnings.is_empty(), "a short aside is no second language: {warnings:?}");
    }

    #[test]
    fn long_texts_are_sampled_evenly_without_cutting_characters() {
        let text = format!("{} {}", "Größe über Äpfel — ".repeat(4000), SPANISH.repeat(200));
        let sampled = sample(&text);
        assert!(sampled.len() <= SAMPLE_BYTES + SAMPLE_WINDOWS);
        assert!(sampled.contains("Größe") && sampled.contains("agricultores"));
        let unbroken = "x".repeat(SAMPLE_BYTES * 3);
        assert!(sample(&unbroken).len() <= SAMPLE_BYTES + SAMPLE_WINDOWS);
    }

    #[test]
    fn the_dateline_is_not_read_as_language() {
        let document = Document::parse("date 2025-03-14 Ja".to_string(), ContentFormat::PlainText);
        let (language, _) = determine(&document, None);
        assert_eq!(language.code_alpha3, whatlang::detect("Ja").map_or("und", |i| i.lang().code()));
    }
}
