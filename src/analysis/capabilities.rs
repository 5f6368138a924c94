//! What the core can do per language, for `GetCapabilities`: one entry per language whatlang
//! names, resolved once into the typed registry ([`Language`]); each answer then comes from the
//! module that does the work, so it can never claim more than is built: codes and names from
//! [`language`], stemming and stop words from [`keywords::support`], the tone lexicon from
//! [`tone::supports`], entities from [`entities::supports`]. Every registry language is among
//! them (a unit test checks).

use whatlang::Lang;

use super::{entities, keywords, language, tone, Language};

/// The analyses available for one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageSupport {
    /// ISO 639-1 where one exists, else ISO 639-3.
    pub code: String,
    /// ISO 639-3, as whatlang names it.
    pub code_alpha3: String,
    /// English name.
    pub name: String,
    pub detection: bool,
    pub stemming: bool,
    pub stop_words: bool,
    pub tone_lexicon: bool,
    pub entities: bool,
    /// Key phrases have part-of-speech edge rules in this language.
    pub keyword_phrase_rules: bool,
    /// Key phrases may link words with this language's own connectors.
    pub keyword_connectors: bool,
}

/// One entry per language whatlang detects, ordered by `code`.
pub fn language_support() -> Vec<LanguageSupport> {
    let mut languages: Vec<LanguageSupport> = Lang::all()
        .iter()
        .map(|&lang| {
            let code = language::iso_639_1(lang);
            let registered = Language::from_code(code);
            let keyword_support = keywords::support(registered);
            let name = language::lookup_code(code).map_or(lang.eng_name(), |entry| entry.name);
            LanguageSupport {
                code: code.to_string(),
                code_alpha3: lang.code().to_string(),
                name: name.to_string(),
                detection: true,
                stemming: keyword_support.stemming,
                stop_words: keyword_support.stop_words,
                tone_lexicon: tone::supports(registered),
                entities: entities::supports(registered),
                keyword_phrase_rules: keyword_support.phrase_rules,
                keyword_connectors: keyword_support.connectors,
            }
        })
        .collect();
    languages.sort_by(|a, b| {
        a.code
            .cmp(&b.code)
            .then_with(|| a.code_alpha3.cmp(&b.code_alpha3))
    });
    languages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_detected_language_is_listed_once_in_code_order() {
        let languages = language_support();
        assert_eq!(languages.len(), Lang::all().len());
        assert!(
            languages.windows(2).all(|w| w[0].code < w[1].code),
            "codes must be unique and sorted"
        );
        assert!(languages.iter().all(|l| l.detection && l.code.len() == 2));
    }

    #[test]
    fn english_names_and_answers_come_from_the_modules() {
        let languages = language_support();
        let english = languages.iter().find(|l| l.code == "en").unwrap();
        assert_eq!(
            (english.code_alpha3.as_str(), english.name.as_str()),
            ("eng", "English")
        );
        let registered = Some(Language::English);
        assert_eq!(english.stemming, keywords::support(registered).stemming);
        assert_eq!(english.tone_lexicon, tone::supports(registered));
        assert_eq!(english.entities, entities::supports(registered));
        let mandarin = languages.iter().find(|l| l.code_alpha3 == "cmn").unwrap();
        assert_eq!(mandarin.code, "zh");
    }

    #[test]
    fn every_registry_language_is_listed_with_its_analyses() {
        let languages = language_support();
        for language in Language::ALL {
            // Norwegian is listed as whatlang names it, Bokmål (`nb`).
            let entry = languages.iter().find(|l| Language::from_code(&l.code) == Some(language)).unwrap();
            assert!(entry.stemming && entry.stop_words, "{language:?}");
            assert_eq!(entry.tone_lexicon, language.has_tone_lexicon(), "{language:?}");
            assert_eq!(entry.entities, language.has_entities(), "{language:?}");
        }
        let listed = languages.iter().filter(|l| l.stemming).count();
        assert_eq!(listed, Language::ALL.len());
    }
}
