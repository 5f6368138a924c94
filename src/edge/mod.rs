//! The edge between the contract and the core: the one mapping that the gRPC server, the HTTP
//! gateway and the offline CLI all call, so each gives the same answer to the same request.
//!
//! - [`request`]: requests → core options. A proto `AnalyzeRequest` is checked (enum values,
//!   content size and emptiness, language hint, base URL) and becomes a [`PreparedDocument`]
//!   holding [`AnalysisOptions`](crate::analysis::AnalysisOptions); a refusal names the field.
//! - [`analyze`]: a prepared document through the core and back, a panic turned into INTERNAL.
//! - [`response`]: results → proto. The core's `Analysis` becomes an `AnalyzeResponse`, every
//!   span converted to the caller's offset encoding in one pass; the capability table too.
//! - [`status`]: failures → statuses. Why a document got no answer ([`DocumentFailure`]) and the
//!   gRPC code, status and `DocumentError` each failure maps to.
//!
//! The edge knows tonic's `Status` and the generated messages, the core knows neither; the
//! edge knows nothing of the server (pool, limits, transport) or the CLI.

pub mod analyze;
pub mod request;
pub mod response;
pub mod status;

pub use analyze::analyze_guarded;
pub use request::{prepare, PreparedDocument};
pub use status::DocumentFailure;
