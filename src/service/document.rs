//! One document's way through the server: prepared on the reactor (cheap, [`crate::edge`]),
//! analysed and converted on a pool worker ([`crate::edge::analyze`]), answered through a
//! oneshot channel, within the server's time and answer-size bounds.

use std::time::Duration;

use prost::Message;

use tokio::sync::{oneshot, OwnedSemaphorePermit};
use tracing::Span;

use super::config::{DEFAULT_MAX_DOCUMENT_TIME, DEFAULT_MAX_RESPONSE_BYTES};
use super::metrics;
use super::pool::Pool;
use crate::analysis::{CancelFlag, Feature};
use crate::edge::{analyze_guarded, DocumentFailure, PreparedDocument};
use crate::proto::v1 as pb;

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
        let features = document.options.features;
        let outcome = analyze_guarded(document, &limited, &request_id).and_then(|response| {
            metrics::record_document(Feature::ALL.into_iter().filter(|feature| features.contains(*feature)), bytes);
            sized(response, limits.max_response_bytes)
        });
        if let Some(since) = limited.stopped_since() {
            metrics::record_stop_overrun(since.elapsed(), &request_id, bytes);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_over_the_response_limit_is_resource_exhausted() {
        let response = pb::AnalyzeResponse { id: "x".repeat(100), ..Default::default() };
        let failure = sized(response.clone(), 50).unwrap_err();
        assert_eq!(failure.code(), tonic::Code::ResourceExhausted);
        assert!(failure.message().contains("(--max-response-bytes)"), "{}", failure.message());
        assert_eq!(sized(response, 1000).unwrap().encoded_len, 102);
    }
}
