//! The analysis core: plain Rust types in, plain Rust types out.
//!
//! Nothing here knows about gRPC or protobuf. Data flows one way:
//! source → [`document::Document`] (text + offset map + tokens + sentences) → the analyses
//! ([`language`], [`keywords`], [`entities`], [`tone`], [`links`]) → [`Analysis`].
//! The document's language is resolved once into the typed [`registry`]'s [`Language`], by
//! which keywords, tone and entities choose their data.
//! Every analysis reads the same document; nobody re-parses HTML or re-tokenises.
//! Spans are byte ranges into the extracted text ([`TextSpan`]) until the edge converts them.

pub mod capabilities;
pub mod document;
pub mod entities;
pub mod keywords;
pub mod language;
pub mod links;
pub mod registry;
pub mod tone;

mod error;
mod options;
mod pipeline;
mod reclaim;

pub use error::AnalysisError;
pub use options::{AnalysisOptions, ContentExtraction, ContentFormat, Feature, FeatureSet, DEFAULT_MAX_KEYWORDS};
pub use reclaim::reclaim;
pub use registry::Language;
pub use pipeline::{analyze, stop_requested, Analysis, CancelFlag, CancelScope, Pacer, TextStats, Warning};

/// A half-open byte range `start..end` into [`document::Document::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
}

impl TextSpan {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        TextSpan { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, other: TextSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}
