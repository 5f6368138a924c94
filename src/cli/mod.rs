//! The offline CLI: `textanalytics analyze` answers exactly what the server answers, without a
//! server, by calling the same validation, core and proto mapping.

pub mod analyze;
pub mod json;
