//! Prometheus metrics: every metric's name and labels are here, recorded through the `metrics`
//! facade (a no-op until a recorder is installed, so a server without `--metrics-listen` pays
//! nothing) and exposed as text on a listener of their own (`GET /metrics`), apart from the
//! gRPC port so a scrape never competes with calls for admission.
//!
//! | metric | kind | labels |
//! | --- | --- | --- |
//! | `textanalytics_calls_total` | counter | `method`, `code` |
//! | `textanalytics_call_duration_seconds` | histogram | `method` |
//! | `textanalytics_documents_total` | counter | `feature` |
//! | `textanalytics_document_bytes_total` | counter | `feature` |
//! | `textanalytics_shed_calls_total` | counter | |
//! | `textanalytics_admission_queue_depth` | gauge | |
//! | `textanalytics_streams_in_flight` | gauge | |
//! | `textanalytics_build_info` | gauge (1) | `analyzer_version` |
//!
//! Health checks are probes, not traffic: they are not counted.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;
use tonic::Code;

use crate::analysis::Feature;
use crate::edge::status::code_name;

const CALLS: &str = "textanalytics_calls_total";
const CALL_DURATION: &str = "textanalytics_call_duration_seconds";
const DOCUMENTS: &str = "textanalytics_documents_total";
const DOCUMENT_BYTES: &str = "textanalytics_document_bytes_total";
const SHED_CALLS: &str = "textanalytics_shed_calls_total";
const QUEUE_DEPTH: &str = "textanalytics_admission_queue_depth";
const STREAMS_IN_FLIGHT: &str = "textanalytics_streams_in_flight";
const STOP_OVERRUN: &str = "textanalytics_stop_overrun_seconds";

/// A worker still busy this long after its document was cancelled or ran out of time is
/// logged: every stage checks the flag within about a millisecond of work, so it means a
/// loop that does not.
pub const STOP_OVERRUN_WARNING: Duration = Duration::from_millis(10);
const BUILD_INFO: &str = "textanalytics_build_info";

/// Latency buckets, in seconds: sub-millisecond answers up to the default time limit and beyond.
const DURATION_BUCKETS: [f64; 14] =
    [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

const HEALTH_PREFIX: &str = "/grpc.health.v1.Health/";

/// The process's one recorder: installed on first use, shared by every server of the process.
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".to_string()), &DURATION_BUCKETS)
            .expect("the bucket list is not empty");
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Fails only if another recorder was installed first, which nothing in this crate does;
        // the handle then renders an empty page rather than failing the server.
        let _ = metrics::set_global_recorder(recorder);
        metrics::gauge!(BUILD_INFO, "analyzer_version" => crate::version::analyzer_version().to_string()).set(1.0);
        handle
    })
}

/// Serves `GET /metrics` on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener) {
    let handle = handle();
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of descriptors or a reset connection: try again shortly rather than spin.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| async move {
                Ok::<_, Infallible>(answer(request.method(), request.uri().path(), handle))
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

fn answer(method: &hyper::Method, path: &str, handle: &PrometheusHandle) -> hyper::Response<Full<Bytes>> {
    let (status, body) = match (method, path) {
        (&hyper::Method::GET, "/metrics") => {
            handle.run_upkeep();
            (hyper::StatusCode::OK, handle.render())
        }
        _ => (hyper::StatusCode::NOT_FOUND, "not found: metrics are at GET /metrics\n".to_string()),
    };
    let mut response = hyper::Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    response
}

/// Binds the metrics listener before the server reports itself ready.
pub async fn bind(address: SocketAddr) -> std::io::Result<TcpListener> {
    let listener = TcpListener::bind(address).await?;
    handle();
    Ok(listener)
}

/// One finished call: its status and how long it took. Health probes are skipped.
pub fn record_call(method: &str, code: Option<Code>, duration: Duration) {
    if method.starts_with(HEALTH_PREFIX) {
        return;
    }
    let code = code.map_or("ABANDONED", code_name);
    metrics::counter!(CALLS, "method" => method.to_string(), "code" => code).increment(1);
    metrics::histogram!(CALL_DURATION, "method" => method.to_string()).record(duration.as_secs_f64());
}

/// One analysed document: counted once per feature it asked for, with its content size.
pub fn record_document(features: impl Iterator<Item = Feature>, bytes: usize) {
    for feature in features {
        let name = feature_name(feature);
        metrics::counter!(DOCUMENTS, "feature" => name).increment(1);
        metrics::counter!(DOCUMENT_BYTES, "feature" => name).increment(bytes as u64);
    }
}

fn feature_name(feature: Feature) -> &'static str {
    match feature {
        Feature::Language => "language",
        Feature::Keywords => "keywords",
        Feature::Entities => "entities",
        Feature::Tone => "tone",
        Feature::Links => "links",
    }
}

/// A call refused because the admission queue was full.
pub fn record_shed() {
    metrics::counter!(SHED_CALLS).increment(1);
}

/// How long a worker went on with a document after it should have stopped.
pub fn record_stop_overrun(overrun: Duration, request_id: &str, bytes: usize) {
    metrics::histogram!(STOP_OVERRUN).record(overrun.as_secs_f64());
    if overrun > STOP_OVERRUN_WARNING {
        let overrun_ms = overrun.as_secs_f64() * 1e3;
        tracing::warn!(overrun_ms, request_id, bytes, "a document's analysis went on past its cancellation or time limit");
    }
}

/// Documents admitted and not yet finished (running or queued).
pub fn set_queue_depth(documents: usize) {
    metrics::gauge!(QUEUE_DEPTH).set(documents as f64);
}

/// Counts an open `AnalyzeStream` for as long as the guard lives.
pub struct StreamInFlight;

impl StreamInFlight {
    pub fn open() -> StreamInFlight {
        metrics::gauge!(STREAMS_IN_FLIGHT).increment(1.0);
        StreamInFlight
    }
}

impl Drop for StreamInFlight {
    fn drop(&mut self) {
        metrics::gauge!(STREAMS_IN_FLIGHT).decrement(1.0);
    }
}
