//! What the core can do per language, for `GetCapabilities`. Each answer comes from the
//! module that does the work, so it can never claim more than is built: detection from
//! whatlang, stemming and stop words from [`keywords::support`], the tone lexicon from
//! [`tone::supports`], entities from [`entities_supported`] (until the entities module offers
//! its own answer).

use whatlang::Lang;

use super::{keywords, tone};

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
}

/// One entry per language whatlang detects, ordered by `code`.
pub fn language_support() -> Vec<LanguageSupport> {
    let mut languages: Vec<LanguageSupport> = Lang::all()
        .iter()
        .map(|&lang| {
            let code = iso_639_1(lang);
            let keyword_support = keywords::support(code);
            LanguageSupport {
                code: code.to_string(),
                code_alpha3: lang.code().to_string(),
                name: lang.eng_name().to_string(),
                detection: true,
                stemming: keyword_support.stemming,
                stop_words: keyword_support.stop_words,
                tone_lexicon: tone::supports(code),
                entities: entities_supported(code),
            }
        })
        .collect();
    languages.sort_by(|a, b| a.code.cmp(&b.code).then_with(|| a.code_alpha3.cmp(&b.code_alpha3)));
    languages
}

/// Whether entity recognition works for a language. The entities module has no answer of its
/// own yet; when it gets one (`entities::supports`), this should call it.
pub fn entities_supported(_code: &str) -> bool {
    false
}

/// The ISO 639-1 code of a language whatlang detects (every one has a code; a macrolanguage
/// code where whatlang names a member: `cmn` → `zh`, `pes` → `fa`).
pub fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_detected_language_is_listed_once_in_code_order() {
        let languages = language_support();
        assert_eq!(languages.len(), Lang::all().len());
        assert!(languages.windows(2).all(|w| w[0].code < w[1].code), "codes must be unique and sorted");
        assert!(languages.iter().all(|l| l.detection && l.code.len() == 2));
    }

    #[test]
    fn english_names_and_answers_come_from_the_modules() {
        let languages = language_support();
        let english = languages.iter().find(|l| l.code == "en").unwrap();
        assert_eq!((english.code_alpha3.as_str(), english.name.as_str()), ("eng", "English"));
        assert_eq!(english.stemming, keywords::support("en").stemming);
        assert_eq!(english.tone_lexicon, tone::supports("en"));
        let mandarin = languages.iter().find(|l| l.code_alpha3 == "cmn").unwrap();
        assert_eq!(mandarin.code, "zh");
    }
}
