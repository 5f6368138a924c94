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
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
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
