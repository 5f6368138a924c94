//! Why a document or a call got no answer, and how that maps to gRPC: one place for every
//! status the service returns, so callers' mistakes are never `INTERNAL`.

use tonic::{Code, Status};

use crate::analysis::AnalysisError;
use crate::proto::v1 as pb;

/// Why one document could not be analysed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentFailure {
    /// The request itself is wrong: empty content, too large, a bad hint or base URL.
    Rejected(AnalysisError),
    /// A request field holds a value the contract does not define.
    InvalidField(String),
    /// No pool capacity within the admission bound.
    Saturated(String),
    /// The answer would exceed `--max-response-bytes`.
    TooLarge(String),
    /// The caller's deadline passed before the answer was ready.
    DeadlineExceeded,
    /// The call was abandoned (client gone) before the answer was ready.
    Cancelled,
    /// The server is shutting down and gave up on this document.
    ShuttingDown,
    /// The analysis panicked: a bug in the service, never the caller's fault.
    Internal(String),
}

impl DocumentFailure {
    pub fn code(&self) -> Code {
        match self {
            DocumentFailure::Rejected(AnalysisError::Cancelled) => Code::Cancelled,
            DocumentFailure::Rejected(AnalysisError::TimeLimitExceeded { .. })
            | DocumentFailure::TooLarge(_) => Code::ResourceExhausted,
            DocumentFailure::Rejected(_) | DocumentFailure::InvalidField(_) => {
                Code::InvalidArgument
            }
            DocumentFailure::Saturated(_) => Code::ResourceExhausted,
            DocumentFailure::DeadlineExceeded => Code::DeadlineExceeded,
            DocumentFailure::Cancelled => Code::Cancelled,
            DocumentFailure::ShuttingDown => Code::Unavailable,
            DocumentFailure::Internal(_) => Code::Internal,
        }
    }

    pub fn message(&self) -> String {
        match self {
            DocumentFailure::Rejected(error) => error.to_string(),
            DocumentFailure::InvalidField(message)
            | DocumentFailure::Saturated(message)
            | DocumentFailure::TooLarge(message)
            | DocumentFailure::Internal(message) => message.clone(),
            DocumentFailure::DeadlineExceeded => {
                "the caller's deadline passed before the analysis finished".to_string()
            }
            DocumentFailure::Cancelled => {
                "the call was cancelled before the analysis finished".to_string()
            }
            DocumentFailure::ShuttingDown => {
                "the server is shutting down; send the document to another instance".to_string()
            }
        }
    }

    /// The answer to a document that could not be analysed: its id, the analyzer version and
    /// the error, nothing else (a stream entry, a CLI `--jsonl` line).
    pub fn to_error_answer(&self, id: String) -> pb::AnalyzeResponse {
        pb::AnalyzeResponse {
            id,
            analyzer_version: crate::version::analyzer_version().to_string(),
            error: Some(self.to_document_error("")),
            ..Default::default()
        }
    }

    /// The error as one entry of a batch or stream answer; `field_prefix` (`requests[3].`)
    /// says which request of a batch it concerns.
    pub fn to_document_error(&self, field_prefix: &str) -> pb::DocumentError {
        let code = self.code();
        pb::DocumentError {
            code: code as i32,
            code_name: code_name(code).to_string(),
            message: format!("{field_prefix}{}", self.message()),
        }
    }
}

impl From<AnalysisError> for DocumentFailure {
    fn from(error: AnalysisError) -> Self {
        DocumentFailure::Rejected(error)
    }
}

/// What tonic says when it cannot read a request: corrupt compression, a frame cut short, a
/// unary call without a message, an invalid compressed flag.
const UNREADABLE_REQUEST: [&str; 4] = [
    "Error decompressing",
    "Unexpected EOF decoding stream",
    "Missing request message",
    "protocol error: received message with",
];

/// tonic answers a request it cannot read with INTERNAL, as the gRPC status-code document
/// suggests for an unparsable or undecompressable message. The fault is the caller's, so we
/// depart from that on purpose: INVALID_ARGUMENT, saying what was wrong. Our own INTERNAL
/// (a panic in the analysis) never uses these words and stays INTERNAL.
pub fn restate_caller_fault(status: Status) -> Status {
    let unreadable = status.code() == Code::Internal
        && UNREADABLE_REQUEST.iter().any(|prefix| status.message().starts_with(prefix));
    if unreadable {
        Status::invalid_argument(format!("the request could not be read: {}", status.message()))
    } else {
        status
    }
}

/// The canonical upper-case name of a status code (`INVALID_ARGUMENT`).
pub fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

/// The one mapping of a document's failure to the call's status.
impl From<DocumentFailure> for Status {
    fn from(failure: DocumentFailure) -> Status {
        Status::new(failure.code(), failure.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callers_mistakes_are_invalid_argument() {
        let rejected = [
            AnalysisError::EmptyContent,
            AnalysisError::ContentTooLarge { size: 10, limit: 5 },
            AnalysisError::InvalidLanguageHint {
                hint: "??".to_string(),
            },
            AnalysisError::InvalidBaseUrl {
                url: "x".to_string(),
                reason: "relative".to_string(),
            },
        ];
        for error in rejected {
            assert_eq!(DocumentFailure::from(error).code(), Code::InvalidArgument);
        }
    }

    #[test]
    fn document_error_carries_code_name_and_field_prefix() {
        let failure = DocumentFailure::from(AnalysisError::EmptyContent);
        let error = failure.to_document_error("requests[2].");
        assert_eq!(error.code, 3);
        assert_eq!(error.code_name, "INVALID_ARGUMENT");
        assert_eq!(
            error.message,
            "requests[2].content is empty or only whitespace"
        );
    }

    #[test]
    fn server_limits_are_resource_exhausted_naming_the_flag() {
        let slow = DocumentFailure::from(AnalysisError::TimeLimitExceeded { limit_ms: 2000 });
        assert_eq!(slow.code(), Code::ResourceExhausted);
        assert!(slow.message().contains("--max-document-time"));
        assert_eq!(DocumentFailure::TooLarge("x".into()).code(), Code::ResourceExhausted);
    }

    #[test]
    fn unreadable_requests_are_the_callers_fault() {
        for message in ["Error decompressing: corrupt deflate stream, while sending request", "Missing request message."] {
            let status = restate_caller_fault(Status::internal(message));
            assert_eq!(status.code(), Code::InvalidArgument, "{message}");
            assert!(status.message().contains(message));
        }
        let ours = restate_caller_fault(Status::internal("the analysis failed unexpectedly"));
        assert_eq!(ours.code(), Code::Internal);
    }

    #[test]
    fn saturation_is_resource_exhausted() {
        let failure = DocumentFailure::Saturated("busy".to_string());
        assert_eq!(Status::from(failure.clone()).code(), Code::ResourceExhausted);
        assert_eq!(
            failure.to_document_error("").code_name,
            "RESOURCE_EXHAUSTED"
        );
    }
}
