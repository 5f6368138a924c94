//! The command line beside the server: `textanalytics analyze` answers exactly what the server
//! answers, without a server, by calling the same validation, core and proto mapping;
//! `textanalytics healthcheck` asks a running server whether it is serving.

pub mod analyze;
pub mod healthcheck;
pub mod json;
