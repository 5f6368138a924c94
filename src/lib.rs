//! textanalytics: a gRPC text-analytics service for news articles.
//!
//! [`analysis`] is the pure core (plain Rust in, plain Rust out); [`edge`] maps the contract's
//! messages to and from it; the gRPC shell ([`service`]) and the CLI ([`cli`]) are thin layers
//! that both call the edge.

pub mod analysis;
pub mod cli;
pub mod edge;
pub mod proto;
pub mod service;
pub mod version;
