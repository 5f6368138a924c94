//! Tone on any input: no panic, and the invariants a caller relies on (finite scores in range,
//! shares summing to 1, marker spans covering their text, sentence scores recomputable from
//! the markers) hold for hostile and arbitrary text.

use proptest::prelude::*;
use textanalytics::analysis::document::Document;
use textanalytics::analysis::language::{self, LanguageHint};
use textanalytics::analysis::tone::{self, Tone, ALPHA};
use textanalytics::analysis::ContentFormat;

fn english_tone(text: &str, format: ContentFormat) -> (Document, Tone) {
    let document = Document::parse(text.to_string(), format);
    let hint = LanguageHint::parse("en").expect("en is a language code");
    let (detected, _) = language::determine(&document, Some(&hint));
    let (tone, _) = tone::analyze(&document, &detected);
    (document, tone.expect("English has a tone lexicon"))
}

fn check_invariants(document: &Document, tone: &Tone) {
    for value in [tone.score, tone.narrator.score, tone.quoted.score] {
        assert!(
            value.is_finite() && (-1.0..=1.0).contains(&value),
            "{value}"
        );
    }
    for value in [
        tone.magnitude,
        tone.narrator.magnitude,
        tone.quoted.magnitude,
        tone.emotive_share,
    ] {
        assert!(value.is_finite() && value >= 0.0, "{value}");
    }
    assert!(tone.emotive_share <= 1.0 && tone.tone_per_100_words.is_finite());
    assert!((tone.positive + tone.negative + tone.neutral - 1.0).abs() < 1e-4);
    for marker in &tone.markers {
        assert!(marker.span.end <= document.text.len());
        assert_eq!(document.slice(marker.span), marker.text);
        assert!(marker.valence.is_finite());
    }
    for pair in tone.markers.windows(2) {
        assert!((pair[0].span.start, pair[0].span.end) <= (pair[1].span.start, pair[1].span.end));
    }
    for sentence in &tone.sentences {
        let x: f64 = tone.markers[sentence.markers.clone()]
            .iter()
            .map(|m| f64::from(m.valence))
            .sum();
        assert!((x / (x * x + ALPHA).sqrt() - f64::from(sentence.score)).abs() < 1e-5);
        assert!(tone.markers[sentence.markers.clone()]
            .iter()
            .all(|m| sentence.span.contains(m.span)));
    }
    for pair in tone.speech.windows(2) {
        assert!(
            pair[0].end < pair[1].start,
            "speech regions overlap: {:?}",
            tone.speech
        );
    }
}

#[test]
fn hostile_inputs_get_an_answer() {
    let long_word = "bad ".repeat(50_000);
    let shouting = "TERRIBLE NEWS TODAY!!! ".repeat(2_000);
    let quotes = "“‘«\"'".repeat(5_000);
    let said = "said ".repeat(20_000);
    let inputs = [
        "\u{0}\u{1}\u{fffd}\u{7f}binary\u{0}junk",
        "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        "not not not not never no nothing",
        "but but however but",
        "😡😡😡 🙂 :) :( <3",
        "“unclosed quote with great joy",
        "’’’ ‘‘‘ ' ' '' \"\"",
        "jaw- -dropping --- - -",
        &long_word,
        &shouting,
        &quotes,
        &said,
        "<p>“Stop!” <b>he</b> wrote</p><blockquote>awful, awful day</blockquote>",
    ];
    for input in inputs {
        for format in [ContentFormat::PlainText, ContentFormat::Sniff] {
            let (document, tone) = english_tone(input, format);
            check_invariants(&document, &tone);
        }
    }
}

#[test]
fn one_repeated_word_scales_magnitude_not_score_to_the_limit() {
    let (_, one) = english_tone("This is bad.", ContentFormat::PlainText);
    let (_, many) = english_tone(&"This is bad. ".repeat(200), ContentFormat::PlainText);
    assert!(many.magnitude > one.magnitude * 100.0);
    assert!(many.score < one.score && many.score > -1.0);
}

#[test]
fn text_without_emotive_words_is_neutral() {
    let (_, tone) = english_tone(
        "The committee meets on Thursday at the town hall.",
        ContentFormat::PlainText,
    );
    assert_eq!(tone.score, 0.0);
    assert_eq!(tone.neutral, 1.0);
    assert_eq!(tone.emotive_share, 0.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_keeps_the_invariants(text in "\\PC{0,300}") {
        let (document, tone) = english_tone(&text, ContentFormat::PlainText);
        check_invariants(&document, &tone);
    }

    #[test]
    fn news_like_text_keeps_the_invariants(
        words in proptest::collection::vec(
            prop_oneof![
                Just("not"), Just("very"), Just("bad"), Just("GOOD"), Just("happy"), Just("but"),
                Just("said"), Just("“"), Just("”"), Just("\""), Just("'"), Just("!"), Just("."),
                Just(","), Just("jaw-dropping"), Just("no longer"), Just(":)"), Just("😡"), Just("reportedly"),
                Just("Mr"), Just("Smith"), Just("killed"), Just("peace"), Just("talks"), Just("\n\n"),
            ],
            0..80,
        )
    ) {
        let text = words.join(" ");
        let (document, tone) = english_tone(&text, ContentFormat::PlainText);
        check_invariants(&document, &tone);
    }
}
