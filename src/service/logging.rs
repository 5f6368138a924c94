//! Log output: to stderr, as text or one JSON object per line, filtered by `RUST_LOG`
//! (default `info`); and, with `--otlp-endpoint`, every call's span exported over OTLP/gRPC,
//! joined to the caller's trace when the call carried a `traceparent`.

use std::io::IsTerminal;
use std::sync::OnceLock;

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::WithExportConfig;
use opentelemetry_sdk::trace::span_processor_with_async_runtime::BatchSpanProcessor;
use opentelemetry_sdk::trace::SdkTracerProvider;
use opentelemetry_sdk::Resource;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, Registry};

use super::config::LogFormat;

/// The exporter's provider, kept to flush spans at shutdown.
static TRACER_PROVIDER: OnceLock<SdkTracerProvider> = OnceLock::new();

/// Installs the global subscriber; a second call (tests) leaves the first in place. Panic
/// reports go through it too, so a JSON log stays one object per line. With an OTLP endpoint
/// it must run inside the Tokio runtime, whose tasks export the spans.
pub fn init(format: LogFormat, otlp_endpoint: Option<&str>) -> Result<(), String> {
    std::panic::set_hook(Box::new(|info| tracing::error!(panic = %info, "panic")));
    let filter = filter(std::env::var("RUST_LOG").ok().as_deref());
    let ansi = std::io::stderr().is_terminal();
    let output: Box<dyn Layer<Registry> + Send + Sync> = match format {
        LogFormat::Text => Box::new(tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(ansi)),
        LogFormat::Json => Box::new(
            tracing_subscriber::fmt::layer()
                .json()
                .with_current_span(true)
                .with_span_list(false)
                .with_writer(std::io::stderr),
        ),
    };
    let mut layers = vec![output];
    if let Some(endpoint) = otlp_endpoint {
        layers.push(otlp_layer(endpoint)?);
    }
    let _ = tracing_subscriber::registry().with(layers).with(filter).try_init();
    Ok(())
}

/// Crates whose log records speak of the input, not of the service: html5ever warns once per
/// misnested element ("foster parenting not implemented"), 15,000 lines for one hostile page,
/// and writing them held a worker 150 ms past its cancellation. Silent unless `RUST_LOG` names them.
const INPUT_CHATTER: [&str; 2] = ["html5ever", "markup5ever"];

/// `RUST_LOG`'s filter (default `info`), with [`INPUT_CHATTER`] off unless it names them.
fn filter(rust_log: Option<&str>) -> EnvFilter {
    let mut filter = rust_log.and_then(|directives| EnvFilter::try_new(directives).ok()).unwrap_or_else(|| EnvFilter::new("info"));
    for target in INPUT_CHATTER {
        if !rust_log.is_some_and(|directives| directives.contains(target)) {
            if let Ok(directive) = format!("{target}=off").parse() {
                filter = filter.add_directive(directive);
            }
        }
    }
    filter
}

fn otlp_layer(endpoint: &str) -> Result<Box<dyn Layer<Registry> + Send + Sync>, String> {
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_tonic()
        .with_endpoint(endpoint)
        .build()
        .map_err(|error| format!("--otlp-endpoint {endpoint}: {error}"))?;
    let processor = BatchSpanProcessor::builder(exporter, opentelemetry_sdk::runtime::Tokio).build();
    let provider = SdkTracerProvider::builder()
        .with_span_processor(processor)
        .with_resource(Resource::builder().with_service_name("textanalytics").build())
        .build();
    let tracer = provider.tracer("textanalytics");
    let _ = TRACER_PROVIDER.set(provider);
    Ok(Box::new(tracing_opentelemetry::layer().with_tracer(tracer)))
}

/// Sends the spans still buffered (at shutdown, before the runtime stops).
pub fn flush() {
    if let Some(provider) = TRACER_PROVIDER.get() {
        if let Err(error) = provider.shutdown() {
            eprintln!("textanalytics: OTLP export did not finish: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use tracing_subscriber::layer::{Context, SubscriberExt};

    use super::*;

    struct Counting(Arc<AtomicUsize>);

    impl<S: tracing::Subscriber> Layer<S> for Counting {
        fn on_event(&self, _event: &tracing::Event<'_>, _context: Context<'_, S>) {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// How many of a parser warning and a service warning pass `RUST_LOG=rust_log`.
    fn passing(rust_log: Option<&str>) -> usize {
        let count = Arc::new(AtomicUsize::new(0));
        let subscriber = tracing_subscriber::registry().with(Counting(Arc::clone(&count))).with(filter(rust_log));
        tracing::subscriber::with_default(subscriber, || {
            tracing::warn!(target: "html5ever::tree_builder", "foster parenting not implemented");
            tracing::warn!(target: "textanalytics::service", "a service warning");
        });
        count.load(Ordering::Relaxed)
    }

    #[test]
    fn the_parser_is_silent_unless_asked_for() {
        assert_eq!(passing(None), 1);
        assert_eq!(passing(Some("warn")), 1);
        assert_eq!(passing(Some("warn,html5ever=warn")), 2);
    }
}
