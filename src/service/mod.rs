//! The gRPC shell around the analysis core, calling [`crate::edge`] for the mapping of requests,
//! answers and failures: limits, the CPU pool, deadlines, request ids, health, reflection and
//! shutdown. Nothing here analyses text.

pub mod accept;
pub mod api;
pub mod auth;
pub mod budget;
pub mod call;
pub mod codec;
pub mod config;
pub mod document;
pub mod gateway;
pub mod logging;
pub mod memory;
pub mod metrics;
pub mod pool;
pub mod server;

pub use config::{LogFormat, ServeConfig};
pub use server::{start, RunningServer, ServerError};
