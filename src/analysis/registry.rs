//! The typed language registry: every language some analysis has data for, as a [`Language`],
//! with what the analyses need to know of it in one table ([`LanguageInfo`]).
//!
//! A document's language is resolved once: detection (or the hint) gives an ISO code, and
//! [`Language::from_code`] turns it into `Option<Language>` on the `DetectedLanguage`
//! (`None`: a language no analysis has data for). Keywords, tone and entities then choose their
//! resources by that value; string codes remain only in the answer's language fields and at the
//! edge. Each analysis keeps its own data (the keyword profile in `keywords/language.rs`, the
//! lexicon in `tone/`, the gazetteers in `entities/`) but asks the registry whether and how a
//! language is served. `GetCapabilities` and the server's warm-up iterate [`Language::ALL`].

use rust_stemmers::Algorithm;

/// A language with a Snowball stemmer, stop words and a background table (the 18 that
/// rust-stemmers knows); tone and entities cover subsets of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    Arabic,
    Danish,
    Dutch,
    English,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Russian,
    Spanish,
    Swedish,
    Tamil,
    Turkish,
}

/// What the analyses know of one language.
#[derive(Debug)]
pub struct LanguageInfo {
    pub language: Language,
    /// Every code that names the language: ISO 639-1 first, then the ISO 639-3 / 639-2 codes
    /// and the codes of its written standards (`nb`, `nn` for Norwegian).
    pub codes: &'static [&'static str],
    /// The Snowball stemmer of keyword extraction.
    pub stemmer: Algorithm,
    /// Tone has a lexicon for it.
    pub tone_lexicon: bool,
    /// Entities are extracted: its function words and titles are listed in the gazetteers.
    pub entities: bool,
}

const fn info(
    language: Language,
    codes: &'static [&'static str],
    stemmer: Algorithm,
    tone_lexicon: bool,
    entities: bool,
) -> LanguageInfo {
    LanguageInfo { language, codes, stemmer, tone_lexicon, entities }
}

/// Indexed by `Language as usize` (a unit test checks).
static TABLE: [LanguageInfo; Language::ALL.len()] = [
    info(Language::Arabic, &["ar", "ara", "arb"], Algorithm::Arabic, false, false),
    info(Language::Danish, &["da", "dan"], Algorithm::Danish, false, false),
    info(Language::Dutch, &["nl", "nld", "dut"], Algorithm::Dutch, false, true),
    info(Language::English, &["en", "eng"], Algorithm::English, true, true),
    info(Language::Finnish, &["fi", "fin"], Algorithm::Finnish, false, false),
    info(Language::French, &["fr", "fra", "fre"], Algorithm::French, false, true),
    info(Language::German, &["de", "deu", "ger"], Algorithm::German, false, true),
    info(Language::Greek, &["el", "ell", "gre"], Algorithm::Greek, false, false),
    info(Language::Hungarian, &["hu", "hun"], Algorithm::Hungarian, false, false),
    info(Language::Italian, &["it", "ita"], Algorithm::Italian, false, true),
    info(Language::Norwegian, &["no", "nb", "nn", "nor", "nob", "nno"], Algorithm::Norwegian, false, false),
    info(Language::Portuguese, &["pt", "por"], Algorithm::Portuguese, false, true),
    info(Language::Romanian, &["ro", "ron", "rum", "mo"], Algorithm::Romanian, false, false),
    info(Language::Russian, &["ru", "rus"], Algorithm::Russian, false, false),
    info(Language::Spanish, &["es", "spa"], Algorithm::Spanish, false, true),
    info(Language::Swedish, &["sv", "swe"], Algorithm::Swedish, false, false),
    info(Language::Tamil, &["ta", "tam"], Algorithm::Tamil, false, false),
    info(Language::Turkish, &["tr", "tur"], Algorithm::Turkish, false, false),
];

impl Language {
    /// Every language of the registry, in declaration order.
    pub const ALL: [Language; 18] = [
        Language::Arabic,
        Language::Danish,
        Language::Dutch,
        Language::English,
        Language::Finnish,
        Language::French,
        Language::German,
        Language::Greek,
        Language::Hungarian,
        Language::Italian,
        Language::Norwegian,
        Language::Portuguese,
        Language::Romanian,
        Language::Russian,
        Language::Spanish,
        Language::Swedish,
        Language::Tamil,
        Language::Turkish,
    ];

    /// The language a code names (ISO 639-1, 639-2/3, or a BCP-47 tag's primary subtag, in any
    /// case), if the registry has it.
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.split(['-', '_']).next().unwrap_or("").trim();
        TABLE.iter().find(|info| info.codes.iter().any(|c| c.eq_ignore_ascii_case(primary))).map(|info| info.language)
    }

    pub fn info(self) -> &'static LanguageInfo {
        &TABLE[self as usize]
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        // Every row starts with its ISO 639-1 code (a unit test checks).
        self.info().codes[0]
    }

    pub fn stemmer(self) -> Algorithm {
        self.info().stemmer
    }

    pub fn has_tone_lexicon(self) -> bool {
        self.info().tone_lexicon
    }

    pub fn has_entities(self) -> bool {
        self.info().entities
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_indexed_by_language() {
        for (index, info) in TABLE.iter().enumerate() {
            assert_eq!(info.language as usize, index, "{:?}", info.language);
            assert_eq!(Language::ALL[index], info.language);
        }
    }

    #[test]
    fn every_language_is_named_by_its_iso_639_1_code_first() {
        for language in Language::ALL {
            let code = language.code();
            assert!(code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase()), "{language:?}");
            assert_eq!(Language::from_code(code), Some(language));
        }
    }

    #[test]
    fn no_code_names_two_languages() {
        let mut codes: Vec<&str> = TABLE.iter().flat_map(|info| info.codes.iter().copied()).collect();
        let all = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all);
    }

    #[test]
    fn codes_resolve_in_any_form() {
        assert_eq!(Language::from_code("en-GB"), Some(Language::English));
        assert_eq!(Language::from_code("EN"), Some(Language::English));
        assert_eq!(Language::from_code("deu"), Some(Language::German));
        assert_eq!(Language::from_code("nob"), Some(Language::Norwegian));
        assert_eq!(Language::from_code("pt_BR"), Some(Language::Portuguese));
        assert_eq!(Language::from_code("ja"), None);
        assert_eq!(Language::from_code("und"), None);
        assert_eq!(Language::from_code(""), None);
    }

    #[test]
    fn tone_and_entities_cover_what_their_data_covers() {
        let tone: Vec<&str> = Language::ALL.iter().filter(|l| l.has_tone_lexicon()).map(|l| l.code()).collect();
        assert_eq!(tone, ["en"]);
        let entities: Vec<&str> = Language::ALL.iter().filter(|l| l.has_entities()).map(|l| l.code()).collect();
        assert_eq!(entities, ["nl", "en", "fr", "de", "it", "pt", "es"]);
    }
}
