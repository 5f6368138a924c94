use thiserror::Error;

/// Why a document could not be analysed. Each variant is a caller's mistake or an abandoned
/// call; the service maps them to gRPC statuses in one place. Messages name the request field.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum AnalysisError {
    #[error("content is empty or only whitespace")]
    EmptyContent,
    #[error("content is {size} bytes; the limit is {limit} (--max-content-bytes)")]
    ContentTooLarge { size: usize, limit: usize },
    #[error("language_hint {hint:?} is not an ISO 639-1/639-3 code or a BCP-47 tag starting with one")]
    InvalidLanguageHint { hint: String },
    #[error("base_url {url:?} is not an absolute URL: {reason}")]
    InvalidBaseUrl { url: String, reason: String },
    #[error("the analysis was cancelled before it finished")]
    Cancelled,
}
