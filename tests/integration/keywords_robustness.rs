//! Keyword extraction on hostile or odd input: it must answer, never panic, and keep its
//! invariants (scores in 0..1 and sorted, counts equal to spans, spans inside the text).

use proptest::prelude::*;
use textanalytics::analysis::document::Document;
use textanalytics::analysis::keywords::{self, Keywords};
use textanalytics::analysis::language::DetectedLanguage;
use textanalytics::analysis::{ContentFormat, Language};

/// The language the extractor is told; `""` stands for one the analysis could not name.
fn language(code: &str) -> DetectedLanguage {
    DetectedLanguage::hinted(code).unwrap_or_else(|_| DetectedLanguage {
        code: code.to_string(),
        code_alpha3: String::new(),
        name: String::new(),
        script: String::new(),
        confidence: 0.0,
        reliable: false,
        from_hint: false,
        lang: None,
        registered: Language::from_code(code),
        alternatives: Vec::new(),
    })
}

fn extract(text: &str, format: ContentFormat, code: &str, max: usize) -> (Document, Keywords) {
    let document = Document::parse(text.to_string(), format);
    let result = keywords::extract(&document, &language(code), max);
    (document, result)
}

fn assert_invariants(document: &Document, result: &Keywords, max: usize) {
    assert!(result.keywords.len() <= max && result.key_phrases.len() <= max);
    let scores: Vec<f32> = result.keywords.iter().map(|k| k.score).chain(result.key_phrases.iter().map(|p| p.score)).collect();
    assert!(scores.iter().all(|s| s.is_finite() && (0.0..=1.0).contains(s)), "{scores:?}");
    assert!(result.keywords.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(result.key_phrases.windows(2).all(|w| w[0].score >= w[1].score));
    for keyword in &result.keywords {
        assert_eq!(keyword.count as usize, keyword.spans.len());
        assert!(!keyword.stem.is_empty() && !keyword.text.is_empty());
        for span in &keyword.spans {
            assert!(document.text.get(span.range()).is_some_and(|s| !s.is_empty()), "{span:?}");
        }
    }
    for phrase in &result.key_phrases {
        assert_eq!(phrase.count as usize, phrase.spans.len());
        assert!(phrase.stems.len() >= 2);
        for span in &phrase.spans {
            assert!(document.text.get(span.range()).is_some(), "{span:?}");
        }
    }
}

#[test]
fn a_megabyte_of_one_word_is_one_keyword() {
    let text = "strike ".repeat(150_000);
    let (document, result) = extract(&text, ContentFormat::PlainText, "en", 10);
    assert_invariants(&document, &result, 10);
    assert_eq!(result.keywords.len(), 1);
    assert_eq!(result.keywords[0].count, 150_000);
    assert!(result.keywords[0].score > 0.0);
    assert!(result.key_phrases.is_empty(), "a word repeated is no phrase: {:?}", result.key_phrases);
}

#[test]
fn binary_junk_gets_an_answer() {
    let junk: String = (0u32..20_000).filter_map(|i| char::from_u32((i * 7919) % 0x3000)).collect();
    for format in [ContentFormat::PlainText, ContentFormat::Html, ContentFormat::Sniff] {
        let (document, result) = extract(&junk, format, "en", 10);
        assert_invariants(&document, &result, 10);
    }
}

#[test]
fn all_capitals_and_no_capitals_still_give_keywords() {
    let text = "FLOODS SWEPT THE RIVER VALLEY. RESCUE BOATS REACHED STRANDED FARMERS IN THE RIVER VALLEY.";
    let (document, result) = extract(text, ContentFormat::PlainText, "en", 10);
    assert_invariants(&document, &result, 10);
    assert!(result.keywords.iter().any(|k| k.stem == "valley" && k.count == 2), "{:?}", result.keywords);
    let lower = text.to_lowercase();
    let (document, result) = extract(&lower, ContentFormat::PlainText, "en", 10);
    assert_invariants(&document, &result, 10);
    assert!(result.key_phrases.iter().any(|p| p.stems == ["river", "valley"]), "{:?}", result.key_phrases);
}

#[test]
fn only_stop_words_numbers_and_urls_give_nothing() {
    let text = "The and of 2025 12,000 https://example.com/a/b www.example.org Mr Mrs the of.";
    let (document, result) = extract(text, ContentFormat::PlainText, "en", 10);
    assert_invariants(&document, &result, 10);
    assert!(result.keywords.is_empty(), "{:?}", result.keywords);
    assert!(result.key_phrases.is_empty(), "{:?}", result.key_phrases);
}

#[test]
fn a_byline_and_dateline_are_not_content() {
    let text = "date 2026-02-01\nBy Jonas Whitfield\n\nGlaciers retreated across the Alps, and glaciers in Norway thinned.";
    let (_, result) = extract(text, ContentFormat::PlainText, "en", 10);
    let stems: Vec<&str> = result.keywords.iter().map(|k| k.stem.as_str()).collect();
    assert!(stems.contains(&"glacier"), "{stems:?}");
    assert!(!stems.iter().any(|s| ["jona", "jonas", "whitfield", "date"].contains(s)), "{stems:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_keeps_the_invariants(text in "\\PC{0,400}", max in 0usize..15, code in prop::sample::select(vec!["en", "de", "tr", "fr", "ja", ""])) {
        let (document, result) = extract(&text, ContentFormat::Sniff, code, max);
        assert_invariants(&document, &result, max);
    }

    #[test]
    fn word_soup_keeps_the_invariants(words in prop::collection::vec("[A-Za-z’'\\-]{1,9}|[0-9]{1,4}|[.,;!?]", 0..200)) {
        let text = words.join(" ");
        let (document, result) = extract(&text, ContentFormat::PlainText, "en", 10);
        assert_invariants(&document, &result, 10);
    }
}
