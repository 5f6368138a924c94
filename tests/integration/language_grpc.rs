//! Language answers over gRPC: alternatives, reliability, language spans of an English/German
//! article, and the mixed-language warning's share. The texts were written for this test.

use crate::common;

use common::{request, start, test_config};
use textanalytics::proto::v1 as pb;

const ENGLISH: &str = "The regional council agreed on Monday to extend the night bus service to the \
    northern suburbs. Residents had collected more than four thousand signatures over the summer, \
    and the transport committee said the first routes would open in the spring.";

const GERMAN: &str = "Der Gemeinderat hat am Montag beschlossen, den Nachtbus bis in die nördlichen \
    Vororte fahren zu lassen. Die Anwohner hatten im Sommer mehr als viertausend Unterschriften \
    gesammelt, und der Verkehrsausschuss kündigte an, dass die ersten Linien im Frühjahr starten.";

async fn analyze(content: &str, encoding: pb::OffsetEncoding) -> pb::AnalyzeResponse {
    let server = start(test_config()).await;
    let mut message = request("lang", content);
    message.include_text = true;
    message.offset_encoding = encoding as i32;
    server.client().analyze(message).await.unwrap().into_inner()
}

#[tokio::test]
async fn an_english_german_article_is_split_at_its_paragraph() {
    let content = format!("{ENGLISH}\n\n{ENGLISH}\n\n{GERMAN}");
    let answer = analyze(&content, pb::OffsetEncoding::Utf8).await;
    let language = answer.language.expect("language");
    assert_eq!(language.code, "en");
    let codes: Vec<&str> = answer.language_spans.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes, ["en", "de"], "{:?}", answer.language_spans);
    let german = answer.language_spans[1].span.expect("span");
    let english = answer.language_spans[0].span.expect("span");
    assert_eq!((english.start, english.end), (0, german.start));
    assert_eq!(german.end as usize, answer.text.len());
    assert!(answer.text[german.start as usize..].trim_start().starts_with("Der Gemeinderat"));
    assert!(answer.language_spans.iter().all(|s| s.confidence > 0.9), "{:?}", answer.language_spans);
    let letters = |t: &str| t.chars().filter(|c| c.is_alphabetic()).count() as f64;
    let share = (100.0 * letters(GERMAN) / (2.0 * letters(ENGLISH) + letters(GERMAN))).round();
    let warning = answer.warnings.iter().find(|w| w.message.contains("German")).expect("mixed-language warning");
    assert!(warning.message.contains(&format!("German (de, about {share}% of the text)")), "{}", warning.message);
}

#[tokio::test]
async fn spans_are_in_the_requested_encoding() {
    let content = format!("{GERMAN}\n\n{ENGLISH}");
    let answer = analyze(&content, pb::OffsetEncoding::Utf16).await;
    let spans = &answer.language_spans;
    assert_eq!(spans.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), ["de", "en"]);
    let end = spans[1].span.expect("span").end as usize;
    assert_eq!(end, content.encode_utf16().count());
}

#[tokio::test]
async fn a_one_language_text_has_one_span_and_ranked_alternatives() {
    let answer = analyze(ENGLISH, pb::OffsetEncoding::Utf8).await;
    assert_eq!(answer.language_spans.len(), 1);
    let span = answer.language_spans[0].span.expect("span");
    assert_eq!((span.start as usize, span.end as usize), (0, ENGLISH.len()));
    let language = answer.language.expect("language");
    assert!(language.reliable && language.confidence >= 0.9);
    assert!(!language.alternatives.is_empty() && language.alternatives.len() <= 3);
    assert_eq!(language.alternatives[0].code, "en");
    assert_eq!(language.alternatives[0].confidence, language.confidence);
    assert!(language.alternatives.windows(2).all(|w| w[0].confidence >= w[1].confidence));
}

#[tokio::test]
async fn short_headlines_come_back_english() {
    for text in ["What a wonderful day!", "Great news for fans.", "Terrible crash kills five.", "A short story."] {
        let answer = analyze(text, pb::OffsetEncoding::Utf8).await;
        assert_eq!(answer.language.expect("language").code, "en", "{text}");
    }
}

#[tokio::test]
async fn text_without_letters_is_undetermined_with_no_spans() {
    let answer = analyze("\u{a0}\u{3000}\u{2003}\u{200b} 12 345 !!!", pb::OffsetEncoding::Utf8).await;
    let language = answer.language.expect("language");
    assert_eq!((language.code.as_str(), language.reliable), ("und", false));
    assert!(language.alternatives.is_empty());
    assert!(answer.language_spans.is_empty());
}
