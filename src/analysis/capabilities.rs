//! What the core can do per language, for `GetCapabilities`. Each answer comes from the
//! module that does the work, so it can never claim more than is built: codes and names from
//! [`language`], detection from whatlang, stemming and stop words from [`keywords::support`],
//! the tone lexicon from [`tone::supports`], entities from [`entities::supports`].

use whatlang::Lang;

use super::{entities, keywords, language, tone};

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
            let keyword_support = keywords::support(code);
            let name = language::lookup_code(code).map_or(lang.eng_name(), |entry| entry.name);
            LanguageSupport {
                code: code.to_string(),
                code_alpha3: lang.code().to_string(),
                name: name.to_string(),
                detection: true,
                stemming: keyword_support.stemming,
                stop_words: keyword_support.stop_words,
                tone_lexicon: tone::supports(code),
                entities: entities::supports(code),
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
        assert_eq!(english.stemming, keywords::support("en").stemming);
        assert_eq!(english.tone_lexicon, tone::supports("en"));
        assert_eq!(english.entities, entities::supports("en"));
        let mandarin = languages.iter().find(|l| l.code_alpha3 == "cmn").unwrap();
        assert_eq!(mandarin.code, "zh");
    }
}
