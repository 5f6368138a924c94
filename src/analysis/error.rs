use thiserror::Error;

/// Why a document could not be analysed. Each variant is a caller's mistake or an abandoned
/// call; the service maps them to gRPC statuses in one place. Messages name the request field.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum AnalysisError {
    #[error("content is empty or only whitespace")]
    EmptyContent,
    #[error("content is {size} bytes; the limit is {limit} (--max-content-bytes)")]
    ContentTooLarge { size: usize, limit: usize },
    #[error("language_hint {:?} is not an ISO 639-1/639-3 code or a BCP-47 tag starting with one", echo(.hint))]
    InvalidLanguageHint { hint: String },
    #[error("base_url {:?} is not an absolute URL: {}", echo(.url), echo(.reason))]
    InvalidBaseUrl { url: String, reason: String },
    #[error("base_url is {size} bytes; the limit is {limit}")]
    BaseUrlTooLong { size: usize, limit: usize },
    #[error("the analysis was cancelled before it finished")]
    Cancelled,
    #[error("the analysis took longer than the server's limit of {limit_ms} ms per document (--max-document-time)")]
    TimeLimitExceeded { limit_ms: u64 },
}

/// Most bytes of a caller's value quoted back in a message: a status message travels in an
/// HTTP/2 header, and a megabyte echoed there would turn the answer into a transport error.
pub const MAX_ECHO_BYTES: usize = 200;

/// `raw`, cut to at most [`MAX_ECHO_BYTES`] on a character boundary, with `…` when cut.
pub fn echo(raw: &str) -> String {
    if raw.len() <= MAX_ECHO_BYTES {
        return raw.to_string();
    }
    let mut cut = MAX_ECHO_BYTES;
    while !raw.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", &raw[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoes_are_cut_on_a_character_boundary() {
        assert_eq!(echo("short"), "short");
        let long = "é".repeat(150);
        let echoed = echo(&long);
        assert!(echoed.len() <= MAX_ECHO_BYTES + '…'.len_utf8());
        assert!(echoed.ends_with('…'));
        let message = AnalysisError::InvalidLanguageHint { hint: "x".repeat(1_000_000) }.to_string();
        assert!(message.len() < 400, "{}", message.len());
    }
}
