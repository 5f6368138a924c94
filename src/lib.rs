//! textanalytics: a gRPC text-analytics service for news articles.
//!
//! [`analysis`] is the pure core (plain Rust in, plain Rust out); [`edge`] maps the contract's
//! messages to and from it; the gRPC shell ([`service`]) and the CLI ([`cli`]) are thin layers
//! that both call the edge. Everything but the core is behind the `server` feature (on by
//! default), so the fuzz targets build the core without the network stack.

pub mod analysis;
#[cfg(feature = "server")]
pub mod cli;
#[cfg(feature = "server")]
pub mod edge;
#[cfg(feature = "server")]
pub mod proto;
#[cfg(feature = "server")]
pub mod service;
pub mod version;
