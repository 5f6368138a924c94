//! One document's way through the service: checked on the reactor (cheap), analysed and
//! converted on a pool worker under `catch_unwind`, answered through a oneshot channel.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use prost::Message;

use tokio::sync::{oneshot, OwnedSemaphorePermit};
use tracing::Span;

use super::config::{DEFAULT_MAX_DOCUMENT_TIME, DEFAULT_MAX_RESPONSE_BYTES};
use super::convert;
use super::metrics;
use super::pool::Pool;
use super::status::DocumentFailure;
use crate::analysis::document::OffsetEncoding;
use crate::analysis::{self, AnalysisError, AnalysisOptions, CancelFlag, CancelScope, Feature};
use crate::proto::v1 as pb;

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
    if request.format == super::codec::UNREADABLE_ENTRY_FORMAT {
        // A batch entry the codec could not decode; `content` says why, naming the field.
        return Err(DocumentFailure::InvalidField(request.content));
    }
    let format =
        convert::format_from_proto(request.format).map_err(DocumentFailure::InvalidField)?;
    let extraction =
        convert::extraction_from_proto(request.extraction).map_err(DocumentFailure::InvalidField)?;
    let features =
        convert::features_from_proto(&request.features).map_err(DocumentFailure::InvalidField)?;
    let encoding = convert::offset_encoding_from_proto(request.offset_encoding)
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

/// Sets the flag when the waiting side goes away (deadline, client gone, shutdown), so a queued
/// or running analysis stops at its next check and frees the worker.
struct CancelOnDrop(CancelFlag);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// The server's bounds on one document: its analysis time and the size of its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentLimits {
    pub max_document_time: Duration,
    pub max_response_bytes: usize,
}

impl Default for DocumentLimits {
    fn default() -> Self {
        DocumentLimits { max_document_time: DEFAULT_MAX_DOCUMENT_TIME, max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES }
    }
}

/// A document's answer and its encoded size, measured on the worker.
#[derive(Debug)]
pub struct Answer {
    pub response: pb::AnalyzeResponse,
    pub encoded_len: usize,
}

/// The answer with its size, or TooLarge when it exceeds `max_response_bytes`.
fn sized(response: pb::AnalyzeResponse, max_response_bytes: usize) -> Result<Answer, DocumentFailure> {
    let encoded_len = response.encoded_len();
    if encoded_len > max_response_bytes {
        return Err(DocumentFailure::TooLarge(format!(
            "the answer would be {encoded_len} bytes; the limit is {max_response_bytes} (--max-response-bytes)"
        )));
    }
    Ok(Answer { response, encoded_len })
}

/// Runs one prepared document on the pool. Dropping the returned future cancels the analysis.
pub fn run(
    pool: &Pool,
    permit: OwnedSemaphorePermit,
    document: PreparedDocument,
    request_id: &str,
    limits: DocumentLimits,
) -> impl std::future::Future<Output = Result<Answer, DocumentFailure>> + Send + 'static {
    let cancel = CancelFlag::new();
    let guard = CancelOnDrop(cancel.clone());
    let (answer, receiver) = oneshot::channel();
    let span = Span::current();
    let request_id = request_id.to_string();
    let queued = pool.execute(permit, move || {
        let _entered = span.enter();
        if cancel.is_cancelled() {
            // Abandoned while queued: skip it; nobody waits for the answer.
            return;
        }
        // The time budget starts when a worker takes the document, not while it queues.
        let limited = cancel.with_time_limit(limits.max_document_time);
        let bytes = document.content.len();
        let outcome = analyze_guarded(document, &limited, &request_id)
            .and_then(|response| sized(response, limits.max_response_bytes));
        if let Some(since) = limited.stopped_since() {
            metrics::record_stop_overrun(since.elapsed());
        }
        let _ = answer.send(outcome);
        super::memory::release_after(bytes);
    });
    async move {
        let _guard = guard;
        queued.map_err(|refusal| DocumentFailure::Saturated(refusal.to_string()))?;
        match receiver.await {
            Ok(result) => result,
            // The job was skipped because it was cancelled.
            Err(_) => Err(DocumentFailure::Cancelled),
        }
    }
}

/// Analysis and conversion, with a panic turned into this document's INTERNAL error.
pub fn analyze_guarded(
    document: PreparedDocument,
    cancel: &CancelFlag,
    request_id: &str,
) -> Result<pb::AnalyzeResponse, DocumentFailure> {
    let PreparedDocument {
        id,
        content,
        options,
        encoding,
        include_text,
    } = document;
    let bytes = content.len();
    let features = options.features;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        test_hooks::before_analysis(&content, cancel);
        analysis::analyze(content, &options, cancel).and_then(|found| {
            // The conversion's loops look at the flag too; a cut-short answer is never sent.
            let _scope = CancelScope::enter(cancel);
            let response = convert::to_proto(found, id, include_text, encoding);
            cancel.check().map(|()| response)
        })
    }));
    match outcome {
        Ok(Ok(response)) => {
            metrics::record_document(Feature::ALL.into_iter().filter(|feature| features.contains(*feature)), bytes);
            Ok(response)
        }
        Ok(Err(AnalysisError::Cancelled)) => Err(DocumentFailure::Cancelled),
        Ok(Err(error)) => Err(DocumentFailure::Rejected(error)),
        Err(panic) => {
            let reason = panic_message(panic.as_ref());
            tracing::error!(panic = %reason, "the analysis of a document panicked");
            Err(DocumentFailure::Internal(format!(
                "the analysis failed unexpectedly; this is a bug in the service (request id {request_id})"
            )))
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(message) = panic.downcast_ref::<&str>() {
        (*message).to_string()
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message.clone()
    } else {
        "non-string panic payload".to_string()
    }
}

#[cfg(feature = "test-hooks")]
mod test_hooks {
    //! Compiled only with the `test-hooks` feature, for the integration tests: content that
    //! starts with [`SLOW_MARKER`]`<ms>@@` makes the analysis wait that long first (watching the
    //! cancel flag, as a long analysis would between stages); content that starts with
    //! [`PANIC_MARKER`] panics.

    use std::time::{Duration, Instant};

    use crate::analysis::CancelFlag;

    pub const SLOW_MARKER: &str = "@@test-sleep-ms=";
    pub const PANIC_MARKER: &str = "@@test-panic@@";

    pub fn before_analysis(content: &str, cancel: &CancelFlag) {
        if content.starts_with(PANIC_MARKER) {
            panic!("test hook: panic requested by the document");
        }
        let Some(rest) = content.strip_prefix(SLOW_MARKER) else {
            return;
        };
        let Some((millis, _)) = rest.split_once("@@") else {
            return;
        };
        let Ok(millis) = millis.parse::<u64>() else {
            return;
        };
        let until = Instant::now() + Duration::from_millis(millis);
        while Instant::now() < until && !cancel.is_cancelled() {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

#[cfg(not(feature = "test-hooks"))]
mod test_hooks {
    //! Release builds carry no test hooks.

    use crate::analysis::CancelFlag;

    #[inline]
    pub fn before_analysis(_content: &str, _cancel: &CancelFlag) {}
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn an_answer_over_the_response_limit_is_resource_exhausted() {
        let response = pb::AnalyzeResponse { id: "x".repeat(100), ..Default::default() };
        let failure = sized(response.clone(), 50).unwrap_err();
        assert_eq!(failure.code(), tonic::Code::ResourceExhausted);
        assert!(failure.message().contains("(--max-response-bytes)"), "{}", failure.message());
        assert_eq!(sized(response, 1000).unwrap().encoded_len, 102);
    }

    #[test]
    fn panics_are_reported_not_propagated() {
        let payload: Box<dyn std::any::Any + Send> = Box::new("boom");
        assert_eq!(panic_message(payload.as_ref()), "boom");
    }
}
