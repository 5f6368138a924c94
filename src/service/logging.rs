//! Log output: to stderr, as text or one JSON object per line, filtered by `RUST_LOG`
//! (default `info`).

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use super::config::LogFormat;

/// Installs the global subscriber; a second call (tests) leaves the first in place. Panic
/// reports go through it too, so a JSON log stays one object per line.
pub fn init(format: LogFormat) {
    std::panic::set_hook(Box::new(|info| tracing::error!(panic = %info, "panic")));
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
}
