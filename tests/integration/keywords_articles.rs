//! Keywords and key phrases end to end through the analysis pipeline, on our own news fixtures:
//! an English article with inline anchors in the shape of a wire story, and short German,
//! Spanish, French and Russian articles requested with the keywords feature alone.

use textanalytics::analysis::keywords::{self, Keyword};
use textanalytics::analysis::{analyze, Analysis, AnalysisOptions, CancelFlag, ContentFormat, Feature, FeatureSet, Language};

const EN_ARTICLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keywords/en_article.html"));
const DE_ARTICLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keywords/de_article.txt"));
const ES_ARTICLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keywords/es_article.txt"));
const FR_ARTICLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keywords/fr_article.txt"));
const RU_ARTICLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keywords/ru_article.txt"));

fn keywords_only(content: &str, format: ContentFormat) -> Analysis {
    keywords_only_up_to(content, format, 10)
}

fn keywords_only_up_to(content: &str, format: ContentFormat, max_keywords: usize) -> Analysis {
    let features: FeatureSet = [Feature::Keywords].into_iter().collect();
    let options = AnalysisOptions { features, format, max_keywords, ..AnalysisOptions::default() };
    match analyze(content.to_string(), &options, &CancelFlag::new()) {
        Ok(analysis) => analysis,
        Err(error) => panic!("analysis failed: {error}"),
    }
}

fn keyword_with_stem<'a>(analysis: &'a Analysis, stem: &str) -> &'a Keyword {
    match analysis.keywords.iter().find(|k| k.stem == stem) {
        Some(keyword) => keyword,
        None => panic!("no keyword with stem {stem}: {:?}", stems(analysis)),
    }
}

fn stems(analysis: &Analysis) -> Vec<&str> {
    analysis.keywords.iter().map(|k| k.stem.as_str()).collect()
}

#[test]
fn english_top_ten_names_the_story() {
    let analysis = keywords_only(EN_ARTICLE, ContentFormat::Html);
    let top: Vec<String> = analysis.keywords.iter().take(10).map(|k| k.text.to_lowercase()).collect();
    let expected = ["leyen", "xi", "china", "chinese", "rare", "earths", "export", "curbs", "tariffs", "trade", "talks", "beijing"];
    let named = expected.iter().filter(|word| top.iter().any(|t| t == *word)).count();
    assert!(named >= 5, "top ten {top:?} names only {named} of {expected:?}");
}

#[test]
fn english_top_ten_has_no_stop_word_title_number_or_url_fragment() {
    let analysis = keywords_only(EN_ARTICLE, ContentFormat::Html);
    let forbidden = [
        "the", "on", "said", "mr", "ms", "mrs", "president", "minister", "2026", "03", "19", "https", "http", "www",
        "com", "example", "news", "tags", "blank", "noreferrer", "date",
    ];
    for keyword in analysis.keywords.iter().take(10) {
        let lower = keyword.text.to_lowercase();
        assert!(!forbidden.contains(&lower.as_str()), "{lower} is no keyword");
        assert!(!lower.chars().next().is_some_and(|c| c.is_ascii_digit()), "{lower} is a number");
        assert!(lower.chars().count() > 1, "{lower} is a single character");
        assert!(!lower.contains(['/', ':', '.']), "{lower} is a URL fragment");
    }
}

#[test]
fn english_keywords_have_readable_text_and_spans_of_every_occurrence() {
    let analysis = keywords_only_up_to(EN_ARTICLE, ContentFormat::Html, 100);
    let text = &analysis.document.text;
    for keyword in &analysis.keywords {
        assert_eq!(keyword.count as usize, keyword.spans.len(), "{keyword:?}");
        assert!(!keyword.text.is_empty());
        for span in &keyword.spans {
            let covered = &text[span.range()];
            assert!(covered.eq_ignore_ascii_case(&keyword.text) || covered.to_lowercase().starts_with(&keyword.stem[..1]), "{covered} for {keyword:?}");
            assert!(!covered.ends_with("'s") && !covered.ends_with("’s"), "possessive in span: {covered}");
        }
    }
    let china = keyword_with_stem(&analysis, "china");
    assert_eq!(china.text, "China");
    let occurrences = text.matches("China").count();
    assert_eq!(china.count as usize, occurrences, "every China, also China's, is counted");
}

#[test]
fn english_has_multi_word_key_phrases_on_the_keyword_scale() {
    let analysis = keywords_only(EN_ARTICLE, ContentFormat::Html);
    let phrases: Vec<&str> = analysis.key_phrases.iter().map(|p| p.text.as_str()).collect();
    assert!(analysis.key_phrases.len() >= 5, "{phrases:?}");
    assert!(analysis.key_phrases.iter().all(|p| p.stems.len() >= 2 && p.text.contains(' ')), "{phrases:?}");
    assert!(phrases.contains(&"rare earths"), "{phrases:?}");
    assert!(phrases.contains(&"export curbs"), "{phrases:?}");
    assert!(!phrases.iter().any(|p| p.starts_with("Mr ") || p.starts_with("President ")), "{phrases:?}");
    let best = analysis.keywords.iter().map(|k| k.score).chain(analysis.key_phrases.iter().map(|p| p.score)).fold(0.0, f32::max);
    assert_eq!(best, 1.0, "one scale, best item at 1");
}

#[test]
fn german_inflections_are_one_stem() {
    let analysis = keywords_only(DE_ARTICLE, ContentFormat::PlainText);
    let attack = keyword_with_stem(&analysis, "angriff");
    assert_eq!(attack.count, 4, "Angriffe ×2, Angriffen, Angriff: {attack:?}");
    assert_eq!(attack.text, "Angriffe");
    assert!(stems(&analysis).contains(&"stromnetz"), "{:?}", stems(&analysis));
}

#[test]
fn spanish_inflections_are_one_stem() {
    let analysis = keywords_only(ES_ARTICLE, ContentFormat::PlainText);
    let strike = keyword_with_stem(&analysis, "huelg");
    assert_eq!(strike.count, 4, "{strike:?}");
    assert!(analysis.keywords.iter().take(5).any(|k| k.stem == "huelg"), "{:?}", stems(&analysis));
}

#[test]
fn french_inflections_are_one_stem() {
    let analysis = keywords_only(FR_ARTICLE, ContentFormat::PlainText);
    let farmers = keyword_with_stem(&analysis, "agriculteur");
    assert_eq!(farmers.count, 4, "{farmers:?}");
    let motorways = keyword_with_stem(&analysis, "autorout");
    assert_eq!(motorways.count, 3, "{motorways:?}");
}

#[test]
fn russian_inflections_are_one_stem() {
    let analysis = keywords_only(RU_ARTICLE, ContentFormat::PlainText);
    let strike = keyword_with_stem(&analysis, "удар");
    assert_eq!(strike.count, 5, "Удары, удары ×2, удара, удар: {strike:?}");
    assert!(analysis.keywords.iter().take(5).any(|k| k.stem == "удар"), "{:?}", stems(&analysis));
}

#[test]
fn capabilities_report_the_stemmer_languages() {
    for code in ["ar", "da", "nl", "en", "fi", "fr", "de", "el", "hu", "it", "no", "pt", "ro", "ru", "es", "sv", "ta", "tr"] {
        let support = keywords::support(Language::from_code(code));
        assert!(support.stemming && support.stop_words && support.background_frequencies, "{code}");
    }
    for code in ["ja", "zh", "pl", "xx"] {
        assert!(!keywords::support(Language::from_code(code)).stemming, "{code}");
    }
}
