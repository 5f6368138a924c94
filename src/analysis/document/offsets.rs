//! The map from extracted text back to the source, and conversion of spans to the caller's
//! string unit.

use crate::analysis::TextSpan;

/// The unit of every offset in an answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OffsetEncoding {
    #[default]
    Utf8,
    Utf16,
    CodePoints,
}

/// A span in the caller's encoding: into the text and into the original content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EncodedSpan {
    pub start: u32,
    pub end: u32,
    pub source_start: u32,
    pub source_end: u32,
}

/// Maps byte offsets of the extracted text to byte ranges of the source.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    identity_len: usize,
}

impl OffsetMap {
    /// Text and source are the same string.
    pub fn identity(len: usize) -> Self {
        OffsetMap { identity_len: len }
    }

    /// The source byte range that produced `span` of the text.
    pub fn source_range(&self, span: TextSpan) -> std::ops::Range<usize> {
        span.start.min(self.identity_len)..span.end.min(self.identity_len)
    }

    pub fn encode(&self, _text: &str, _source: &str, spans: &[TextSpan], encoding: OffsetEncoding) -> Vec<EncodedSpan> {
        assert_eq!(encoding, OffsetEncoding::Utf8, "interim: only UTF-8 until the offset map lands");
        spans
            .iter()
            .map(|s| {
                let src = self.source_range(*s);
                EncodedSpan { start: s.start as u32, end: s.end as u32, source_start: src.start as u32, source_end: src.end as u32 }
            })
            .collect()
    }
}
