//! Feeds arbitrary UTF-8 to `Document::parse` as HTML and as sniffed content, and checks that
//! every character's source range stays inside the source and that all three encodings agree.

#![no_main]

use libfuzzer_sys::fuzz_target;
use textanalytics::analysis::document::{Document, OffsetEncoding};
use textanalytics::analysis::{ContentFormat, TextSpan};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    for format in [ContentFormat::Html, ContentFormat::Sniff] {
        let doc = Document::parse(source.to_string(), format);
        let spans: Vec<TextSpan> =
            doc.text.char_indices().map(|(at, c)| TextSpan::new(at, at + c.len_utf8())).collect();
        let bytes = doc.encode_spans(&spans, OffsetEncoding::Utf8);
        for span in &bytes {
            assert!(span.source_start <= span.source_end && span.source_end as usize <= doc.source.len());
            assert!(doc.source.is_char_boundary(span.source_start as usize));
            assert!(doc.source.is_char_boundary(span.source_end as usize));
        }
        let utf16 = doc.encode_spans(&spans, OffsetEncoding::Utf16);
        let points = doc.encode_spans(&spans, OffsetEncoding::CodePoints);
        for ((b, u), p) in bytes.iter().zip(&utf16).zip(&points) {
            let chars = doc.source[b.source_start as usize..b.source_end as usize].chars();
            let units: usize = chars.clone().map(char::len_utf16).sum();
            assert_eq!((u.source_end - u.source_start) as usize, units);
            assert_eq!((p.source_end - p.source_start) as usize, chars.count());
        }
    }
});
