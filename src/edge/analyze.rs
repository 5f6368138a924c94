//! One prepared document analysed and converted to its answer, with a panic in the analysis
//! turned into this document's INTERNAL error; the server runs it on a pool worker, the CLI
//! on its own threads.

use std::panic::{catch_unwind, AssertUnwindSafe};

use super::request::PreparedDocument;
use super::status::DocumentFailure;
use crate::analysis::{self, AnalysisError, CancelFlag, CancelScope};
use crate::proto::v1 as pb;

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
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        test_hooks::before_analysis(&content, cancel);
        analysis::analyze(content, &options, cancel).and_then(|found| {
            // The conversion's loops look at the flag too; a cut-short answer is never sent.
            let _scope = CancelScope::enter(cancel);
            let response = super::response::to_proto(found, id, include_text, encoding);
            match cancel.check() {
                Ok(()) => Ok(response),
                Err(stop) => {
                    // A cut-short answer is freed off this worker, like a stopped analysis's parts.
                    analysis::reclaim(response);
                    Err(stop)
                }
            }
        })
    }));
    match outcome {
        Ok(Ok(response)) => Ok(response),
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

    #[test]
    fn panics_are_reported_not_propagated() {
        let payload: Box<dyn std::any::Any + Send> = Box::new("boom");
        assert_eq!(panic_message(payload.as_ref()), "boom");
    }
}
