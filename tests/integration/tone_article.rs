//! Tone on a news article in the shape of the service's typical input (HTML fragment with
//! inline anchors, a dateline, quotes, reported speech): the markers a reader expects, exact
//! spans, narrator apart from quotes, and sentence scores recomputable from the markers.

use textanalytics::analysis::document::Document;
use textanalytics::analysis::language::{self, LanguageHint};
use textanalytics::analysis::tone::{self, Tone, ToneMarker, ToneMarkerKind, ALPHA};
use textanalytics::analysis::{ContentFormat, Feature, Language};

/// Our own story in the shape of the service's input (also the tone benchmark's text).
const ARTICLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/tone/fixture_article.html"));

fn english_tone(text: &str, format: ContentFormat) -> (Document, Tone) {
    let document = Document::parse(text.to_string(), format);
    let hint = LanguageHint::parse("en").expect("en is a language code");
    let (detected, _) = language::determine(&document, Some(&hint));
    let (tone, warnings) = tone::analyze(&document, &detected);
    assert!(warnings.is_empty(), "{warnings:?}");
    (document, tone.expect("English has a tone lexicon"))
}

fn marker<'a>(tone: &'a Tone, text: &str, kind: Option<ToneMarkerKind>) -> &'a ToneMarker {
    tone.markers
        .iter()
        .find(|m| m.text == text && kind.is_none_or(|k| m.kind == k))
        .unwrap_or_else(|| panic!("no marker {text:?} ({kind:?}) in {:?}", tone.markers))
}

#[test]
fn the_article_reads_negative_with_the_expected_markers() {
    let (document, tone) = english_tone(ARTICLE, ContentFormat::Html);
    assert!(tone.score < 0.0, "document score {}", tone.score);
    assert!(tone.negative > tone.positive);
    for marker in &tone.markers {
        assert_eq!(document.slice(marker.span), marker.text, "{marker:?}");
    }
    for word in ["dead", "pounded", "derailing", "assailed", "jaw-dropping"] {
        let found = marker(&tone, word, None);
        assert_eq!(found.kind, ToneMarkerKind::Negative, "{found:?}");
        assert!(found.valence < 0.0 && !found.negated, "{found:?}");
    }

    let happy = marker(&tone, "happy", None);
    assert!(
        happy.negated && happy.valence < 0.0 && happy.kind == ToneMarkerKind::Negative,
        "{happy:?}"
    );
    let not = marker(&tone, "not", Some(ToneMarkerKind::Negation));
    assert!(not.span.end <= happy.span.start && happy.span.start - not.span.end <= 1);

    let very = marker(&tone, "very", Some(ToneMarkerKind::Intensifier));
    let bad = marker(&tone, "bad", None);
    assert_eq!(very.valence, 0.0);
    assert!(
        bad.valence < 0.0 && very.span.end < bad.span.start,
        "{bad:?}"
    );
    assert_eq!(bad.entry, "bad timing");
    let (_, plain) = english_tone("It was bad timing.", ContentFormat::PlainText);
    let unmodified = marker(&plain, "bad", None);
    assert!(
        bad.valence.abs() > unmodified.valence.abs(),
        "{bad:?} vs {unmodified:?}"
    );

    let respect = marker(&tone, "respect", None);
    assert_eq!(respect.entry, "a certain respect");
    assert!(respect.valence > 0.0 && respect.quoted);
}

#[test]
fn quotes_and_reported_speech_are_apart_from_the_narrator() {
    let (document, tone) = english_tone(ARTICLE, ContentFormat::Html);
    let stop_quote = document
        .text
        .find("“Marco, stop!”")
        .expect("fixture has the quote");
    let stop = tone
        .markers
        .iter()
        .find(|m| m.text == "stop" && m.span.start > stop_quote)
        .expect("the quoted stop is a marker");
    assert!(stop.quoted && stop.valence < 0.0, "{stop:?}");
    let exclamation = tone
        .markers
        .iter()
        .find(|m| m.text == "!" && m.span.start > stop_quote)
        .expect("the quoted ! is a marker");
    assert!(
        exclamation.quoted
            && exclamation.kind == ToneMarkerKind::Emphasis
            && exclamation.valence < 0.0
    );

    // The article's own voice: the storm and the hearing.
    for word in ["pounded", "dead", "assailed", "jaw-dropping"] {
        assert!(
            !marker(&tone, word, None).quoted,
            "{word} is the narrator's"
        );
    }
    // The governor's voice: quoted and reported.
    for word in ["happy", "bad", "derailing", "respect"] {
        assert!(
            marker(&tone, word, None).quoted,
            "{word} is quoted or reported"
        );
    }
    assert!(tone.quoted.score < 0.0 && tone.narrator.score < 0.0);
    assert!(tone.quoted.magnitude > 0.0 && tone.narrator.magnitude > 0.0);
    let happy = marker(&tone, "happy", None).span;
    let happy_sentence = tone
        .sentences
        .iter()
        .find(|s| s.span.contains(happy))
        .expect("in a sentence");
    assert!(happy_sentence.quoted);
    let engineers = document.text.find("Engineers").expect("fixture");
    let narrated = tone
        .sentences
        .iter()
        .find(|s| s.span.start <= engineers && engineers < s.span.end);
    assert!(narrated.is_some_and(|s| !s.quoted));
}

#[test]
fn sentence_scores_are_recomputable_from_their_markers() {
    let (_, tone) = english_tone(ARTICLE, ContentFormat::Html);
    assert!(tone.sentences.len() > 1);
    let mut total = 0.0f64;
    for sentence in &tone.sentences {
        let inside: Vec<&ToneMarker> = tone
            .markers
            .iter()
            .filter(|m| sentence.span.contains(m.span))
            .collect();
        assert_eq!(inside.len(), sentence.markers.len(), "{sentence:?}");
        let x: f64 = inside.iter().map(|m| f64::from(m.valence)).sum();
        let magnitude: f64 = inside.iter().map(|m| f64::from(m.valence.abs())).sum();
        let recomputed = x / (x * x + ALPHA).sqrt();
        assert!(
            (recomputed - f64::from(sentence.score)).abs() < 1e-5,
            "{sentence:?}: {recomputed}"
        );
        assert!((magnitude - f64::from(sentence.magnitude)).abs() < 1e-4);
        total += x;
    }
    let emotive = tone.sentences.iter().filter(|s| s.magnitude > 0.0).count();
    let pooled = total / (emotive as f64).sqrt();
    assert!((pooled / (pooled * pooled + ALPHA).sqrt() - f64::from(tone.score)).abs() < 1e-5);
    for modifier in tone.markers.iter().filter(|m| {
        !matches!(
            m.kind,
            ToneMarkerKind::Positive | ToneMarkerKind::Negative | ToneMarkerKind::Emphasis
        )
    }) {
        assert_eq!(modifier.valence, 0.0, "{modifier:?}");
    }
}

#[test]
fn shares_and_densities_are_consistent() {
    let (document, tone) = english_tone(ARTICLE, ContentFormat::Html);
    assert!((tone.positive + tone.negative + tone.neutral - 1.0).abs() < 1e-5);
    assert!(tone.magnitude > 0.0);
    let words = document
        .content_tokens()
        .filter(|(_, t)| t.kind.is_wordlike())
        .count() as f32;
    let positive = tone
        .markers
        .iter()
        .filter(|m| m.kind == ToneMarkerKind::Positive)
        .count() as f32;
    let negative = tone
        .markers
        .iter()
        .filter(|m| m.kind == ToneMarkerKind::Negative)
        .count() as f32;
    assert!((tone.tone_per_100_words - (positive - negative) / words * 100.0).abs() < 1e-3);
    assert!((tone.emotive_share - (positive + negative) / words).abs() < 1e-4);
    assert!(tone.tone_per_100_words < 0.0);
}

#[test]
fn entities_get_the_tone_of_their_sentences() {
    let (document, tone) = english_tone(ARTICLE, ContentFormat::Html);
    let spans_of = |name: &str| {
        document
            .text
            .match_indices(name)
            .map(|(at, _)| textanalytics::analysis::TextSpan::new(at, at + name.len()))
            .collect::<Vec<_>>()
    };
    let bellini = tone::summarize_sentences(&tone, spans_of("Bellini"));
    assert!(
        bellini.score < 0.0 && bellini.magnitude > 0.0,
        "{bellini:?}"
    );
    let engineers = tone::summarize_sentences(&tone, spans_of("Engineers"));
    let sentence = tone
        .sentences
        .iter()
        .find(|s| s.span.contains(spans_of("Engineers")[0]))
        .expect("in a sentence");
    assert_eq!(engineers.score, sentence.score);
    assert_eq!(
        tone::summarize_sentences(&tone, Vec::new()),
        tone::ToneSummary::default()
    );
}

#[test]
fn other_languages_get_no_tone_and_a_warning() {
    let document = Document::parse(
        "Die Märkte sind eingebrochen, und die Anleger sind entsetzt.".to_string(),
        ContentFormat::PlainText,
    );
    let hint = LanguageHint::parse("de").expect("de is a language code");
    let (german, _) = language::determine(&document, Some(&hint));
    let (found, warnings) = tone::analyze(&document, &german);
    assert!(found.is_none());
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].feature, Some(Feature::Tone));
    assert!(
        tone::supports(Language::from_code("en"))
            && tone::supports(Language::from_code("EN"))
            && !tone::supports(Language::from_code("de"))
            && !tone::supports(None)
    );
}

#[test]
fn the_pipeline_detects_english_and_returns_the_tone() {
    let options = textanalytics::analysis::AnalysisOptions::default();
    let cancel = textanalytics::analysis::CancelFlag::new();
    let analysis = textanalytics::analysis::analyze(ARTICLE.to_string(), &options, &cancel)
        .expect("analysable");
    assert_eq!(analysis.language.code, "en");
    let tone = analysis.tone.expect("tone for English");
    assert!(tone.score < 0.0);
    assert!(tone.markers.iter().any(|m| m.text == "jaw-dropping"));
    assert!(
        analysis
            .warnings
            .iter()
            .all(|w| w.feature != Some(Feature::Tone)),
        "{:?}",
        analysis.warnings
    );
}

#[test]
fn the_pipeline_never_applies_the_english_lexicon_to_german() {
    let options = textanalytics::analysis::AnalysisOptions {
        language_hint: Some(LanguageHint::parse("de").expect("de is a language code")),
        ..Default::default()
    };
    let cancel = textanalytics::analysis::CancelFlag::new();
    let content =
        "Die Märkte sind eingebrochen. Die Anleger sind entsetzt, die Kurse fallen weiter.";
    let analysis = textanalytics::analysis::analyze(content.to_string(), &options, &cancel)
        .expect("analysable");
    assert!(analysis.tone.is_none());
    assert!(
        analysis
            .warnings
            .iter()
            .any(|w| w.feature == Some(Feature::Tone)),
        "{:?}",
        analysis.warnings
    );
    let detected =
        textanalytics::analysis::analyze(content.to_string(), &Default::default(), &cancel)
            .expect("analysable");
    assert_eq!(detected.language.code, "de");
    assert!(detected.tone.is_none());
}
