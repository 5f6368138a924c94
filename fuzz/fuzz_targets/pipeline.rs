//! Feeds arbitrary UTF-8 through the whole analysis (`analysis::analyze`, every feature) and
//! checks what every answer must hold: each span inside the text, on character boundaries,
//! start before end; tokens, sentences, blocks and each keyword's spans in text order; each
//! tone marker's text equal to its span; every score finite. The first byte picks the format
//! and whether a `base_url` is set, so the link code sees relative and absolute resolution.

#![no_main]

use libfuzzer_sys::fuzz_target;
use textanalytics::analysis::{self, Analysis, AnalysisOptions, CancelFlag, ContentFormat, FeatureSet, TextSpan};

fn options(selector: u8) -> AnalysisOptions {
    let format = match selector % 3 {
        0 => ContentFormat::Html,
        1 => ContentFormat::PlainText,
        _ => ContentFormat::Sniff,
    };
    let base_url = if selector & 0x80 != 0 { "https://news.example.com/world/story/" } else { "" };
    AnalysisOptions::parse(format, base_url, "", FeatureSet::all(), 0).expect("fixed options are valid")
}

fn check_span(text: &str, span: TextSpan) {
    assert!(span.start <= span.end && span.end <= text.len(), "{span:?} outside {} bytes", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{span:?} splits a character");
}

fn check_in_order<'a>(text: &str, spans: impl Iterator<Item = &'a TextSpan>) {
    let mut previous = 0;
    for span in spans {
        check_span(text, *span);
        assert!(span.start >= previous, "{span:?} starts before {previous}");
        previous = span.start;
    }
}

fn check_finite(values: &[f32]) {
    assert!(values.iter().all(|v| v.is_finite()), "{values:?}");
}

fn check(analysis: &Analysis) {
    let document = &analysis.document;
    let text = document.text.as_str();
    check_in_order(text, document.tokens.iter().map(|t| &t.span));
    check_in_order(text, document.sentences.iter().map(|s| &s.span));
    check_in_order(text, document.blocks.iter().map(|b| &b.span));
    check_finite(&[analysis.language.confidence]);
    for keyword in &analysis.keywords {
        check_in_order(text, keyword.spans.iter());
        check_finite(&[keyword.score]);
    }
    for phrase in &analysis.key_phrases {
        check_in_order(text, phrase.spans.iter());
        check_finite(&[phrase.score]);
    }
    for entity in &analysis.entities {
        check_finite(&[entity.salience]);
        for mention in &entity.mentions {
            if let Some(span) = mention.span {
                check_span(text, span);
            }
        }
    }
    for link in &analysis.links {
        check_span(text, link.span);
    }
    if let Some(tone) = &analysis.tone {
        check_finite(&[tone.score, tone.magnitude, tone.positive, tone.negative, tone.neutral]);
        for marker in &tone.markers {
            check_span(text, marker.span);
            assert_eq!(marker.text, &text[marker.span.start..marker.span.end]);
            check_finite(&[marker.valence]);
        }
        for sentence in &tone.sentences {
            check_span(text, sentence.span);
            check_finite(&[sentence.score, sentence.magnitude]);
        }
    }
    let spans: Vec<TextSpan> = document.tokens.iter().map(|t| t.span).collect();
    for encoded in document.encode_spans(&spans, analysis::document::OffsetEncoding::Utf8) {
        assert!(encoded.source_start <= encoded.source_end && encoded.source_end as usize <= document.source.len());
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(content) = std::str::from_utf8(rest) else {
        return;
    };
    match analysis::analyze(content.to_string(), &options(selector), &CancelFlag::new()) {
        Ok(found) => check(&found),
        Err(analysis::AnalysisError::EmptyContent) => assert!(content.trim().is_empty()),
        Err(other) => panic!("no other error is possible here: {other}"),
    }
});
