//! textanalytics: a gRPC text-analytics service for news articles.
//!
//! [`analysis`] is the pure core (plain Rust in, plain Rust out); the gRPC shell and the CLI
//! are thin layers around it.

pub mod analysis;
pub mod cli;
pub mod proto;
pub mod service;
pub mod version;
