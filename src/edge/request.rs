//! Requests → core options: every check that needs no analysis (enum values, content size and
//! emptiness, language hint, base URL), each refusal naming the field.

use super::status::DocumentFailure;
use crate::analysis::document::OffsetEncoding;
use crate::analysis::{AnalysisError, AnalysisOptions, ContentExtraction, ContentFormat, Feature, FeatureSet};
use crate::proto::v1 as pb;

/// The server's and the CLI's default bound on `content` (`--max-content-bytes`).
pub const DEFAULT_MAX_CONTENT_BYTES: usize = 1024 * 1024;

/// The `format` of a stand-in for a batch entry that could not be decoded: no ContentFormat
/// value (so it could never be analysed), and a caller sending it gets INVALID_ARGUMENT
/// either way. Its `content` says what failed, starting with the field.
pub const UNREADABLE_ENTRY_FORMAT: i32 = i32::MIN;

/// A request that passed every check that needs no analysis.
#[derive(Debug)]
pub struct PreparedDocument {
    pub id: String,
    pub content: String,
    pub options: AnalysisOptions,
    pub encoding: OffsetEncoding,
    pub include_text: bool,
}

/// Validates a request: enum values, content size and emptiness, language hint, base URL.
pub fn prepare(
    request: pb::AnalyzeRequest,
    max_content_bytes: usize,
) -> Result<PreparedDocument, DocumentFailure> {
    if request.format == UNREADABLE_ENTRY_FORMAT {
        // A batch entry the codec could not decode; `content` says why, naming the field.
        return Err(DocumentFailure::InvalidField(request.content));
    }
    let format =
        format_from_proto(request.format).map_err(DocumentFailure::InvalidField)?;
    let extraction =
        extraction_from_proto(request.extraction).map_err(DocumentFailure::InvalidField)?;
    let features =
        features_from_proto(&request.features).map_err(DocumentFailure::InvalidField)?;
    let encoding = offset_encoding_from_proto(request.offset_encoding)
        .map_err(DocumentFailure::InvalidField)?;
    if request.content.len() > max_content_bytes {
        return Err(AnalysisError::ContentTooLarge {
            size: request.content.len(),
            limit: max_content_bytes,
        }
        .into());
    }
    if request.content.trim().is_empty() {
        return Err(AnalysisError::EmptyContent.into());
    }
    let max_keywords = usize::try_from(request.max_keywords).unwrap_or(usize::MAX);
    let mut options = AnalysisOptions::parse(
        format,
        &request.base_url,
        &request.language_hint,
        features,
        max_keywords,
    )?;
    options.extraction = extraction;
    Ok(PreparedDocument {
        id: request.id,
        content: request.content,
        options,
        encoding,
        include_text: request.include_text,
    })
}

pub fn extraction_from_proto(value: i32) -> Result<ContentExtraction, String> {
    match pb::ContentExtraction::try_from(value) {
        Ok(pb::ContentExtraction::Unspecified) => Ok(ContentExtraction::Auto),
        Ok(pb::ContentExtraction::Article) => Ok(ContentExtraction::Article),
        Ok(pb::ContentExtraction::None) => Ok(ContentExtraction::None),
        Err(_) => Err(format!("extraction is {value}, which is no ContentExtraction value")),
    }
}

/// The request's `features`; unspecified entries are ignored, unknown numbers are an error
/// naming the field.
pub fn features_from_proto(values: &[i32]) -> Result<FeatureSet, String> {
    let mut set = FeatureSet::none();
    for (index, value) in values.iter().enumerate() {
        match pb::Feature::try_from(*value) {
            Ok(pb::Feature::Unspecified) => {}
            Ok(pb::Feature::Language) => set.insert(Feature::Language),
            Ok(pb::Feature::Keywords) => set.insert(Feature::Keywords),
            Ok(pb::Feature::Entities) => set.insert(Feature::Entities),
            Ok(pb::Feature::Tone) => set.insert(Feature::Tone),
            Ok(pb::Feature::Links) => set.insert(Feature::Links),
            Err(_) => {
                return Err(format!(
                    "features[{index}] is {value}, which is no Feature value"
                ))
            }
        }
    }
    Ok(set)
}

pub fn format_from_proto(value: i32) -> Result<ContentFormat, String> {
    match pb::ContentFormat::try_from(value) {
        Ok(pb::ContentFormat::Unspecified) => Ok(ContentFormat::Sniff),
        Ok(pb::ContentFormat::PlainText) => Ok(ContentFormat::PlainText),
        Ok(pb::ContentFormat::Html) => Ok(ContentFormat::Html),
        Err(_) => Err(format!(
            "format is {value}, which is no ContentFormat value"
        )),
    }
}

pub fn offset_encoding_from_proto(value: i32) -> Result<OffsetEncoding, String> {
    match pb::OffsetEncoding::try_from(value) {
        Ok(pb::OffsetEncoding::Unspecified | pb::OffsetEncoding::Utf8) => Ok(OffsetEncoding::Utf8),
        Ok(pb::OffsetEncoding::Utf16) => Ok(OffsetEncoding::Utf16),
        Ok(pb::OffsetEncoding::CodePoints) => Ok(OffsetEncoding::CodePoints),
        Err(_) => Err(format!(
            "offset_encoding is {value}, which is no OffsetEncoding value"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;

    fn request(content: &str) -> pb::AnalyzeRequest {
        pb::AnalyzeRequest {
            id: "a".into(),
            content: content.into(),
            ..Default::default()
        }
    }

    #[test]
    fn rejects_callers_mistakes_naming_the_field() {
        let empty = prepare(request("  \n\t "), 100).unwrap_err();
        assert!(empty.message().starts_with("content"));
        let large = prepare(request(&"x".repeat(101)), 100).unwrap_err();
        assert_eq!(
            large.message(),
            "content is 101 bytes; the limit is 100 (--max-content-bytes)"
        );
        let hint = prepare(
            pb::AnalyzeRequest {
                language_hint: "english!".into(),
                ..request("text")
            },
            100,
        )
        .unwrap_err();
        assert!(hint.message().starts_with("language_hint"));
        let base = prepare(
            pb::AnalyzeRequest {
                base_url: "/relative".into(),
                ..request("text")
            },
            100,
        )
        .unwrap_err();
        assert!(base.message().starts_with("base_url"));
        let format = prepare(
            pb::AnalyzeRequest {
                format: 7,
                ..request("text")
            },
            100,
        )
        .unwrap_err();
        assert!(format.message().starts_with("format"));
        for failure in [empty, large, hint, base, format] {
            assert_eq!(failure.code(), tonic::Code::InvalidArgument);
        }
    }

    #[test]
    fn huge_invalid_values_are_not_echoed_whole() {
        let long = "x".repeat(1_000_000);
        let hint = prepare(pb::AnalyzeRequest { language_hint: long.clone(), ..request("text") }, 100).unwrap_err();
        let base = prepare(pb::AnalyzeRequest { base_url: format!("ftp:{long}"), ..request("text") }, 100).unwrap_err();
        let relative = prepare(pb::AnalyzeRequest { base_url: "/r".repeat(2000), ..request("text") }, 100).unwrap_err();
        for failure in [hint, base, relative] {
            assert_eq!(failure.code(), tonic::Code::InvalidArgument);
            assert!(failure.message().len() < 400, "{}", failure.message().len());
        }
    }

    #[test]
    fn accepts_a_plain_request() {
        let prepared = prepare(request("Some text."), 100).unwrap();
        assert_eq!(prepared.id, "a");
        assert_eq!(prepared.encoding, OffsetEncoding::Utf8);
        assert_eq!(
            prepared.options.max_keywords,
            analysis::DEFAULT_MAX_KEYWORDS
        );
    }

    #[test]
    fn request_enums_are_checked() {
        let set = features_from_proto(&[pb::Feature::Tone as i32, 0]).unwrap();
        assert!(set.contains(Feature::Tone) && !set.contains(Feature::Links));
        assert!(features_from_proto(&[42])
            .unwrap_err()
            .starts_with("features[0]"));
        assert_eq!(format_from_proto(2), Ok(ContentFormat::Html));
        assert!(format_from_proto(-1).unwrap_err().starts_with("format"));
        assert_eq!(extraction_from_proto(0), Ok(ContentExtraction::Auto));
        assert_eq!(extraction_from_proto(2), Ok(ContentExtraction::None));
        assert!(extraction_from_proto(5).unwrap_err().starts_with("extraction"));
        assert_eq!(offset_encoding_from_proto(0), Ok(OffsetEncoding::Utf8));
        assert!(offset_encoding_from_proto(9)
            .unwrap_err()
            .starts_with("offset_encoding"));
    }
}
