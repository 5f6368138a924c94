//! Which language the document is in, and which parts are in which language.
//!
//! - Detection is our own ([`detector`]: a script pre-filter, then character n-gram scores from
//!   lingua's published models, embedded as one compact table, [`model`]). It runs on the content
//!   after the dateline, once as a whole and, where a paragraph does not fit that answer, paragraph
//!   by paragraph ([`spans`]). A text in one language (no second
//!   language covering [`MIXED_SHARE`] of its letters) gets the detector's answer on the whole
//!   content; a mixed one the letter-weighted mean of its paragraphs' confidences, so its top
//!   language is the one of most of its letters.
//! - `code` is ISO 639-1 where one exists (`cmn` → `zh`, `pes` → `fa`, `nob` → `nb`), else
//!   ISO 639-3; `code_alpha3` is whatlang's code where whatlang knows the language, else ISO
//!   639-3; `name` is the English name of `code`; `script` is whatlang's script name, with `Han`
//!   for the script whatlang calls `Mandarin`. Text with no letters of any known script (only
//!   digits, punctuation, emoji, spaces) is `und` ("Undetermined", ISO 639-2's code for it).
//! - `alternatives` are the (at most three) best languages, the answer first; `reliable` means
//!   the answer's confidence is at least [`RELIABLE`].
//! - Mixed documents: every language other than the dominant one whose spans cover at least
//!   [`MIXED_SHARE`] of the text's letters is named in a warning, with its share.
//! - The code table (`data/languages/iso639.tsv`) holds every ISO 639-1 code, the 639-3
//!   individual codes of macrolanguage members, and common 639-3 codes without a 639-1 code.

#[cfg(test)]
mod densify;
pub mod detector;
mod layout;
pub mod model;
pub mod spans;
mod word_pairs;
#[cfg(test)]
mod word_pairs_table;

use std::collections::HashMap;
use std::sync::LazyLock;

use whatlang::{Lang, Script};

use super::document::Document;
use super::{AnalysisError, Feature, Language, TextSpan, Warning};
use detector::Ranked;

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
    entry_of_code(lang.code())
}

/// The table entry for a detector's ISO 639-3 code, named after the code the API reports.
fn entry_of_code(alpha3: &'static str) -> LanguageCode {
    let own = lookup_code(alpha3);
    let reported = own.and_then(|row| row.alpha2).and_then(lookup_code).or(own);
    // Every detector and whatlang code is in the table (a unit test checks); the fallback keeps
    // the code as its own name should a future model add a language.
    reported.unwrap_or(LanguageCode { alpha2: None, alpha3, name: alpha3 })
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
    /// whatlang's language, when whatlang knows it.
    pub lang: Option<Lang>,
    /// The registry's language of `code`, resolved once here: the analyses choose their data by
    /// it. `None` when no analysis has data for the language (and for `und`).
    pub registered: Option<Language>,
    /// The best languages, this one first, at most [`detector::MAX_RANKED`]; empty for a hint
    /// and for `und`.
    pub alternatives: Vec<LanguageAlternative>,
}

/// One of the languages a text may be in.
#[derive(Clone, Debug, PartialEq)]
pub struct LanguageAlternative {
    /// As [`DetectedLanguage::code`].
    pub code: String,
    /// As [`DetectedLanguage::code_alpha3`].
    pub code_alpha3: String,
    pub confidence: f32,
}

impl LanguageAlternative {
    fn of(ranked: Ranked) -> Self {
        LanguageAlternative {
            code: entry_of_code(ranked.code).code().to_string(),
            code_alpha3: ranked.code.to_string(),
            confidence: ranked.confidence.clamp(0.0, 1.0),
        }
    }
}

/// A run of the text in one language, as the answer reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct LanguageSpan {
    pub span: TextSpan,
    /// As [`DetectedLanguage::code`].
    pub code: String,
    pub confidence: f32,
}

/// The language analysis of a document: its language, the runs of each language, and the
/// warning naming other languages of substance.
#[derive(Clone, Debug, PartialEq)]
pub struct LanguageAnalysis {
    pub language: DetectedLanguage,
    pub spans: Vec<LanguageSpan>,
    pub warnings: Vec<Warning>,
}

/// A detected language is reliable from this confidence on.
pub const RELIABLE: f32 = 0.9;

impl DetectedLanguage {
    fn detected(ranked: &[Ranked], script: &str) -> Self {
        let Some(&best) = ranked.first() else { return DetectedLanguage::undetermined() };
        let entry = entry_of_code(best.code);
        let confidence = best.confidence.clamp(0.0, 1.0);
        DetectedLanguage {
            code: entry.code().to_string(),
            code_alpha3: best.code.to_string(),
            name: entry.name.to_string(),
            script: script.to_string(),
            confidence,
            reliable: confidence >= RELIABLE,
            from_hint: false,
            lang: Lang::from_code(best.code),
            registered: Language::from_code(entry.code()),
            alternatives: ranked.iter().map(|&r| LanguageAlternative::of(r)).collect(),
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
            registered: None,
            alternatives: Vec::new(),
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
            registered: Language::from_code(&hint.code),
            alternatives: Vec::new(),
        }
    }
}

/// Share of the text's letters another language must cover to be mentioned.
pub const MIXED_SHARE: f64 = 0.2;

/// Detects the language, or takes the hint when there is one.
pub fn determine(document: &Document, hint: Option<&LanguageHint>) -> (DetectedLanguage, Vec<Warning>) {
    let analysis = analyze(document, hint);
    (analysis.language, analysis.warnings)
}

/// The document's language (the hint's when there is one), its language spans, and the
/// mixed-language warning.
pub fn analyze(document: &Document, hint: Option<&LanguageHint>) -> LanguageAnalysis {
    let content_start = document.dateline.as_ref().map_or(0, |d| d.span.end);
    let content = &document.text[content_start..];
    let whole = detector::detect(content);
    let script = whole.script.map_or("", script_name);
    let units = spans::units(document, content_start, &whole.ranked);
    let runs = spans::runs(&units, document.text.len());
    let spans = runs
        .iter()
        .map(|run| LanguageSpan { span: run.span, code: entry_of_code(run.code).code().to_string(), confidence: run.confidence })
        .collect();
    if let Some(hint) = hint {
        return LanguageAnalysis { language: DetectedLanguage::from_hint(hint, script), spans, warnings: Vec::new() };
    }
    // A text in one language is read as a whole (more evidence than any one paragraph); a
    // mixed one gets the letter-weighted mean of its paragraphs, which says how mixed it is.
    let ranking = if is_mixed(&runs) { document_ranking(&units) } else { whole.ranked };
    let language = DetectedLanguage::detected(&ranking, script);
    let warnings = other_languages(&runs, &language).into_iter().collect();
    LanguageAnalysis { language, spans, warnings }
}

/// Whether more than one language covers at least [`MIXED_SHARE`] of the runs' letters.
fn is_mixed(runs: &[spans::Run]) -> bool {
    let total: usize = runs.iter().map(|run| run.letters).sum();
    let mut substantial: Vec<&str> = Vec::new();
    for run in runs {
        let letters: usize = runs.iter().filter(|other| other.code == run.code).map(|other| other.letters).sum();
        if letters as f64 >= MIXED_SHARE * total as f64 && !substantial.contains(&run.code) {
            substantial.push(run.code);
        }
    }
    substantial.len() > 1
}

/// The document's ranking: each language's confidence averaged over the units, weighted by
/// their letters; best first, ties to the smaller code.
fn document_ranking(units: &[spans::Unit]) -> Vec<Ranked> {
    let total: usize = units.iter().filter(|u| !u.ranked.is_empty()).map(|u| u.letters.max(1)).sum();
    let mut sums: Vec<Ranked> = Vec::new();
    for unit in units {
        let weight = unit.letters.max(1) as f32 / total.max(1) as f32;
        for ranked in &unit.ranked {
            match sums.iter_mut().find(|r| r.code == ranked.code) {
                Some(sum) => sum.confidence += ranked.confidence * weight,
                None => sums.push(Ranked { code: ranked.code, confidence: ranked.confidence * weight }),
            }
        }
    }
    sums.sort_by(|a, b| b.confidence.total_cmp(&a.confidence).then_with(|| a.code.cmp(b.code)));
    sums.truncate(detector::MAX_RANKED);
    sums
}

/// A warning naming the languages other than the document's whose spans cover a substantial
/// share of its letters.
fn other_languages(runs: &[spans::Run], language: &DetectedLanguage) -> Option<Warning> {
    let total: usize = runs.iter().map(|run| run.letters).sum();
    if total == 0 {
        return None;
    }
    let mut letters_by_code: Vec<(&'static str, usize)> = Vec::new();
    for run in runs.iter().filter(|run| run.code != language.code_alpha3) {
        match letters_by_code.iter_mut().find(|(code, _)| *code == run.code) {
            Some((_, letters)) => *letters += run.letters,
            None => letters_by_code.push((run.code, run.letters)),
        }
    }
    letters_by_code.retain(|&(_, letters)| letters as f64 >= MIXED_SHARE * total as f64);
    if letters_by_code.is_empty() {
        return None;
    }
    letters_by_code.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let described: Vec<String> = letters_by_code
        .iter()
        .map(|&(code, letters)| {
            let entry = entry_of_code(code);
            let percent = (100.0 * letters as f64 / total as f64).round();
            format!("{} ({}, about {percent}% of the text)", entry.name, entry.code())
        })
        .collect();
    Some(Warning::new(
        Some(Feature::Language),
        format!(
            "the text is mostly {} ({}) but also contains {}; analyses use {}",
            language.name,
            language.code,
            described.join(", "),
            language.name
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
    fn the_dateline_is_not_read_as_language() {
        let document = Document::parse("date 2025-03-14 Ja".to_string(), ContentFormat::PlainText);
        let (language, _) = determine(&document, None);
        let alone = detector::detect("Ja").ranked[0].code;
        assert_eq!(language.code_alpha3, alone);
    }

    #[test]
    fn short_english_headlines_are_english() {
        for text in ["What a wonderful day!", "Great news for fans.", "Terrible crash kills five.", "A short story."] {
            let (language, _) = detect_text(text);
            assert_eq!(language.code, "en", "{text}: {language:?}");
            assert_eq!(language.alternatives[0].code, "en");
        }
    }

    #[test]
    fn short_headlines_in_other_languages() {
        for (code, text) in [
            ("de", "Schwerer Unfall auf der Autobahn"),
            ("fr", "Grève des cheminots ce jeudi"),
            ("es", "Sube el precio de la luz"),
            ("it", "Nuove regole per i mutui"),
            ("nl", "Kabinet valt over asielbeleid"),
            ("pt", "Governo anuncia novas medidas"),
            ("pl", "Rząd przyjął nowy budżet"),
            ("sv", "Regeringen sänker skatten"),
            ("tr", "Yeni vergi düzenlemesi açıklandı"),
            ("ru", "Правительство снизило налоги"),
        ] {
            let (language, _) = detect_text(text);
            assert_eq!(language.code, code, "{text}: {language:?}");
        }
    }

    #[test]
    fn alternatives_are_few_and_best_first_and_reliable_means_confident() {
        let (language, _) = detect_text(GERMAN);
        assert!(!language.alternatives.is_empty() && language.alternatives.len() <= detector::MAX_RANKED);
        assert_eq!(language.alternatives[0].code_alpha3, language.code_alpha3);
        assert!(language.alternatives.windows(2).all(|w| w[0].confidence >= w[1].confidence));
        assert_eq!(language.reliable, language.confidence >= RELIABLE);
    }

    #[test]
    fn spans_split_a_two_language_text_at_its_paragraphs() {
        let text = format!("{ENGLISH}\n\n{ENGLISH}\n\n{GERMAN}");
        let document = Document::parse(text.clone(), ContentFormat::PlainText);
        let analysis = analyze(&document, None);
        let codes: Vec<&str> = analysis.spans.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["en", "de"], "{:?}", analysis.spans);
        assert_eq!(analysis.spans[0].span.start, 0);
        assert_eq!(analysis.spans[0].span.end, analysis.spans[1].span.start);
        assert_eq!(analysis.spans[1].span.end, text.len());
        assert!(text[analysis.spans[1].span.start..].trim_start().starts_with("Die Bundesregierung"));
        let (_, warnings) = detect_text(ENGLISH);
        assert!(warnings.is_empty());
        let one = analyze(&Document::parse(ENGLISH.to_string(), ContentFormat::PlainText), None).spans;
        assert_eq!(one.len(), 1);
        assert_eq!((one[0].span.start, one[0].span.end), (0, ENGLISH.len()));
    }

    #[test]
    fn the_mixed_language_share_is_measured_in_letters() {
        let text = format!("{ENGLISH}\n\n{GERMAN}");
        let letters = |t: &str| t.chars().filter(|c| c.is_alphabetic()).count() as f64;
        let dateline_letters = letters("date");
        let english = letters(ENGLISH) - dateline_letters;
        let expected = (100.0 * letters(GERMAN) / (english + letters(GERMAN))).round();
        let (_, warnings) = detect_text(&text);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains(&format!("German (de, about {expected}% of the text)")), "{}", warnings[0].message);
    }
}
