//! Per-call plumbing around every service the server hosts (a tower layer): the request id,
//! the caller's deadline, the tracing span and the one log line per call.
//!
//! - `x-request-id` is taken from the request metadata (or made up) and echoed in the response.
//! - A W3C `traceparent` joins the call to the caller's trace: its trace id (or a new one) and
//!   the caller's span id are fields of the call's span, so every log line of the call carries
//!   them, and the answer's `traceparent` names the trace and this call's span.
//! - `grpc-timeout` becomes a [`CallInfo::deadline`] the handlers race their work against.
//!   tonic's own timer on the same header answers `CANCELLED`; ours is set a hair earlier and
//!   our future is polled first, so the caller sees `DEADLINE_EXCEEDED`. The layer also races
//!   the whole call, which covers a request body that arrives too slowly for any handler.
//! - tonic refuses a request over the size limit with `OUT_OF_RANGE`; the contract says
//!   `RESOURCE_EXHAUSTED`, and the message names the flag.
//! - The request body of a unary call must keep arriving: a body that stalls for
//!   `--request-idle-timeout` (headers sent, the message never finished) ends the call with
//!   `DEADLINE_EXCEEDED`, so a stalled client cannot hold its buffered bytes forever. Streams
//!   (`AnalyzeStream`, health's Watch, reflection) may rightly wait between messages, so for
//!   them the timeout covers only the wait for the first one.
//! - Request bytes still arriving count against `--max-buffered-request-bytes`
//!   ([`super::budget`]); while it is spent, new calls (health checks excepted) are refused
//!   RESOURCE_EXHAUSTED.
//! - Each call is counted on its connection ([`super::accept::ConnectionInfo`]) until its
//!   response is over, so connections without calls can be closed as idle.
//! - A response marked [`HeavyAnswer`] is encoded and compressed off the async runtime's
//!   threads: tonic does both while the body is polled, and a 16 MiB answer takes a large
//!   fraction of a second, during which a runtime thread would answer no health check, fire no
//!   timer and see no cancellation. Its body is polled inside `block_in_place`, which hands
//!   the thread's other tasks to another thread first.
//! - When the shutdown's grace period is over, every response still open (a Health/Watch
//!   stream, a reflection stream) ends with UNAVAILABLE, so the server stops at drain + grace
//!   instead of waiting out the final flush for streams that would never end on their own.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::future::BoxFuture;
use futures_util::Future;
use http::{HeaderMap, HeaderValue};
use http_body::Frame;
use tonic::body::Body;
use tonic::transport::server::TlsConnectInfo;
use tonic::{Code, Status};
use tracing::{field, Instrument, Span};
use tokio_util::sync::{CancellationToken, WaitForCancellationFutureOwned};
use tracing_opentelemetry::OpenTelemetrySpanExt;

use super::accept::{ConnectionInfo, OpenCall};
use super::budget::{MeteredBody, RequestBudget};
use super::gateway::GatewayOutcome;
use super::metrics;
use crate::edge::status::{code_name, restate_caller_fault};

pub const REQUEST_ID_HEADER: &str = "x-request-id";
const GRPC_TIMEOUT_HEADER: &str = "grpc-timeout";
const GRPC_ENCODING_HEADER: &str = "grpc-encoding";
const TRACEPARENT_HEADER: &str = "traceparent";
const MAX_REQUEST_ID_LEN: usize = 128;
/// Our deadline fires this much before tonic's timer on the same header.
const DEADLINE_MARGIN: Duration = Duration::from_millis(2);
/// Health checks are answered even while the request budget is spent: a probe that failed
/// then would get a busy server restarted.
const HEALTH_PREFIX: &str = "/grpc.health.v1.Health/";

/// Set by a handler on a response whose encoding or compression is slow enough to hold a
/// runtime thread (see [`is_heavy`]); the call layer then polls its body off the runtime.
#[derive(Clone, Copy, Debug)]
pub struct HeavyAnswer;

/// Encoded answers at least this large are heavy however they are sent (encoding runs at a
/// few hundred MB/s: about a millisecond).
const HEAVY_ENCODED_BYTES: usize = 256 * 1024;
/// Compressed answers at least this large are heavy (gzip runs at tens of MB/s).
const HEAVY_COMPRESSED_BYTES: usize = 16 * 1024;

/// Whether an answer of `encoded_len` bytes, `compressed` or not, is heavy.
pub fn is_heavy(compressed: bool, encoded_len: usize) -> bool {
    encoded_len >= HEAVY_ENCODED_BYTES || (compressed && encoded_len >= HEAVY_COMPRESSED_BYTES)
}

/// Whether `block_in_place` may be used here: it needs the multi-threaded runtime (the
/// server's); elsewhere (tests on a current-thread runtime) heavy work runs in place.
pub fn can_leave_runtime() -> bool {
    tokio::runtime::Handle::try_current()
        .is_ok_and(|handle| handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread)
}

/// `response` marked as heavy when it is.
pub fn mark_heavy<T>(response: &mut tonic::Response<T>, compressed: bool, encoded_len: usize) {
    if is_heavy(compressed, encoded_len) {
        response.extensions_mut().insert(HeavyAnswer);
    }
}

/// What every handler may want to know about its call; found in the request extensions.
#[derive(Clone, Debug)]
pub struct CallInfo {
    pub request_id: String,
    pub deadline: Option<tokio::time::Instant>,
    /// The request came with a `grpc-encoding` other than identity.
    pub request_compressed: bool,
}

impl CallInfo {
    pub fn of<T>(request: &tonic::Request<T>) -> CallInfo {
        request
            .extensions()
            .get::<CallInfo>()
            .cloned()
            .unwrap_or_else(|| CallInfo {
                request_id: new_request_id(),
                deadline: None,
                request_compressed: false,
            })
    }
}

/// Records how many documents and bytes a call carried on its span.
pub fn record_load(documents: usize, bytes: usize) {
    let span = Span::current();
    span.record("documents", documents);
    span.record("bytes", bytes);
}

/// The methods whose request bodies must not stall (health and reflection are tonic's own, and
/// reflection clients rightly keep their stream open).
const SERVICE_PREFIX: &str = "/textanalytics.v1.TextAnalytics/";
/// The method whose request body may rightly pause: requests of a stream come when they come.
const STREAM_METHOD: &str = "/textanalytics.v1.TextAnalytics/AnalyzeStream";
/// The JSON gateway's paths: their bodies must not stall either.
const GATEWAY_PREFIX: &str = "/v1/";

#[derive(Clone, Debug)]
pub struct CallLayer {
    max_request_bytes: usize,
    request_idle_timeout: Duration,
    /// Cancelled when the shutdown's grace period is over.
    cancel_calls: CancellationToken,
    budget: Arc<RequestBudget>,
}

impl CallLayer {
    pub fn new(
        max_request_bytes: usize,
        request_idle_timeout: Duration,
        cancel_calls: CancellationToken,
        budget: Arc<RequestBudget>,
    ) -> Self {
        CallLayer { max_request_bytes, request_idle_timeout, cancel_calls, budget }
    }
}

impl<S> tower::Layer<S> for CallLayer {
    type Service = CallService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        CallService {
            inner,
            max_request_bytes: self.max_request_bytes,
            request_idle_timeout: self.request_idle_timeout,
            cancel_calls: self.cancel_calls.clone(),
            budget: Arc::clone(&self.budget),
        }
    }
}

#[derive(Clone, Debug)]
pub struct CallService<S> {
    inner: S,
    max_request_bytes: usize,
    request_idle_timeout: Duration,
    cancel_calls: CancellationToken,
    budget: Arc<RequestBudget>,
}

impl<S> tower::Service<http::Request<Body>> for CallService<S>
where
    S: tower::Service<http::Request<Body>, Response = http::Response<Body>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<http::Response<Body>, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<Body>) -> Self::Future {
        let started = Instant::now();
        let request_id = request
            .headers()
            .get(REQUEST_ID_HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|id| is_acceptable_request_id(id))
            .map_or_else(new_request_id, str::to_string);
        let deadline = request
            .headers()
            .get(GRPC_TIMEOUT_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_grpc_timeout)
            .map(|timeout| tokio::time::Instant::now() + timeout.saturating_sub(DEADLINE_MARGIN));
        let method = request.uri().path().to_string();
        let parent = request
            .headers()
            .get(TRACEPARENT_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(TraceParent::parse);
        let trace = TraceContext::joining(parent);
        let open_call = request
            .extensions()
            .get::<ConnectionInfo>()
            .or_else(|| request.extensions().get::<TlsConnectInfo<ConnectionInfo>>().map(TlsConnectInfo::get_ref))
            .map(|info| info.activity.call_opened());
        let is_grpc = request
            .headers()
            .get(http::header::CONTENT_TYPE)
            .is_some_and(|value| value.as_bytes().starts_with(b"application/grpc"));
        let refusal = if is_grpc && !method.starts_with(HEALTH_PREFIX) { self.budget.admit().err() } else { None };
        let whole_body = (method.starts_with(SERVICE_PREFIX) && method != STREAM_METHOD) || method.starts_with(GATEWAY_PREFIX);
        let idle = self.request_idle_timeout;
        let budget = Arc::clone(&self.budget);
        request = request.map(|body| {
            let metered = Body::new(MeteredBody::new(body, budget));
            Body::new(StallGuard::new(metered, idle, whole_body))
        });
        let span = tracing::info_span!(
            "call",
            request_id = %request_id,
            trace_id = %trace.trace_id,
            span_id = %trace.span_id,
            parent_span_id = trace.parent_span_id.as_deref().unwrap_or(""),
            method = %method,
            documents = field::Empty,
            bytes = field::Empty,
        );
        if let Some(parent) = trace.remote_parent() {
            // Exported spans (with --otlp-endpoint) become children of the caller's span.
            let _ = span.set_parent(parent);
        }
        let request_compressed = request
            .headers()
            .get(GRPC_ENCODING_HEADER)
            .is_some_and(|encoding| encoding.as_bytes() != b"identity");
        request.extensions_mut().insert(CallInfo {
            request_id: request_id.clone(),
            deadline,
            request_compressed,
        });

        // The service that was polled ready handles this call; a fresh clone takes its place.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let max_request_bytes = self.max_request_bytes;
        let cancel_calls = self.cancel_calls.clone();
        let log = CallLog {
            method: method.clone(),
            span: span.clone(),
            started,
            finished: false,
            status: None,
            _open_call: open_call,
        };

        Box::pin(
            async move {
                if let Some(refusal) = refusal {
                    metrics::record_shed();
                    let mut log = log;
                    log.status = Some(refusal.code());
                    let response = refusal.into_http();
                    return Ok(response.map(|body| {
                        Body::new(LoggedBody::new(body, log, max_request_bytes, cancel_calls, false))
                    }));
                }
                let call = inner.call(request);
                let response = match deadline {
                    Some(deadline) => match tokio::time::timeout_at(deadline, call).await {
                        Ok(response) => response,
                        Err(_) => Ok(Status::deadline_exceeded(
                            "the caller's deadline passed before the request was handled",
                        )
                        .into_http()),
                    },
                    None => call.await,
                };
                let Ok(mut response) = response;
                restate_status(response.headers_mut(), max_request_bytes);
                if let Ok(value) = HeaderValue::from_str(&request_id) {
                    response.headers_mut().insert(REQUEST_ID_HEADER, value);
                }
                if let Ok(value) = HeaderValue::from_str(&trace.traceparent()) {
                    response.headers_mut().insert(TRACEPARENT_HEADER, value);
                }
                let mut log = log;
                // A trailers-only answer (every error before the first message) has an empty
                // body that hyper may never poll: its status is known now.
                log.status = status_in(response.headers())
                    .or_else(|| response.extensions().get::<GatewayOutcome>().map(|outcome| outcome.0));
                let heavy = response.extensions().get::<HeavyAnswer>().is_some();
                Ok(response.map(|body| Body::new(LoggedBody::new(body, log, max_request_bytes, cancel_calls, heavy))))
            }
            .instrument(span),
        )
    }
}

/// Statuses tonic sets that the contract words differently: OUT_OF_RANGE for an oversized
/// message becomes RESOURCE_EXHAUSTED naming the flag; INTERNAL for an unreadable request
/// becomes INVALID_ARGUMENT ([`restate_caller_fault`]).
fn restate_status(headers: &mut HeaderMap, max_request_bytes: usize) {
    let Some(status) = Status::from_header_map(headers) else {
        return;
    };
    let restated = match status.code() {
        Code::OutOfRange => Status::resource_exhausted(format!(
            "the request message is larger than the limit of {max_request_bytes} bytes (--max-request-bytes): {}",
            status.message()
        )),
        Code::Internal => {
            let restated = restate_caller_fault(status);
            if restated.code() == Code::Internal {
                return;
            }
            restated
        }
        _ => return,
    };
    headers.remove("grpc-message");
    // add_header only fails on values it cannot encode, which a formatted message is not.
    let _ = restated.add_header(headers);
}

fn status_in(headers: &HeaderMap) -> Option<Code> {
    headers
        .get("grpc-status")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i32>().ok())
        .map(Code::from_i32)
}

/// The caller's place in a W3C trace (`traceparent: 00-<trace id>-<parent span id>-<flags>`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct TraceParent {
    trace_id: String,
    parent_span_id: String,
    flags: String,
}

impl TraceParent {
    /// Version 00's shape: lower-case hex fields of 32, 16 and 2 digits, ids not all zero. A
    /// header of a later version is read by the same prefix, as the specification asks.
    fn parse(header: &str) -> Option<TraceParent> {
        let mut parts = header.trim().splitn(4, '-');
        let (version, trace_id, parent_span_id, rest) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let flags = rest.get(..2)?;
        let is_hex = |field: &str, len: usize| field.len() == len && field.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        let well_formed = is_hex(version, 2)
            && version != "ff"
            && is_hex(trace_id, 32)
            && is_hex(parent_span_id, 16)
            && is_hex(flags, 2)
            && (version != "00" || rest.len() == 2)
            && trace_id.bytes().any(|b| b != b'0')
            && parent_span_id.bytes().any(|b| b != b'0');
        well_formed.then(|| TraceParent {
            trace_id: trace_id.to_string(),
            parent_span_id: parent_span_id.to_string(),
            flags: flags.to_string(),
        })
    }
}

/// The trace this call belongs to and its own span id in it.
struct TraceContext {
    trace_id: String,
    span_id: String,
    parent_span_id: Option<String>,
    flags: String,
}

impl TraceContext {
    /// Joins the caller's trace, or starts one when the caller sent none (or a malformed one).
    fn joining(parent: Option<TraceParent>) -> TraceContext {
        let random = uuid::Uuid::new_v4().simple().to_string();
        let span_id = random[..16].to_string();
        match parent {
            Some(parent) => TraceContext {
                trace_id: parent.trace_id,
                span_id,
                parent_span_id: Some(parent.parent_span_id),
                flags: parent.flags,
            },
            None => TraceContext {
                trace_id: uuid::Uuid::new_v4().simple().to_string(),
                span_id,
                parent_span_id: None,
                flags: "00".to_string(),
            },
        }
    }

    /// The caller's span as an OpenTelemetry parent context, when the call carried one.
    fn remote_parent(&self) -> Option<opentelemetry::Context> {
        use opentelemetry::trace::{SpanContext, SpanId, TraceContextExt, TraceFlags, TraceId, TraceState};
        let parent_span_id = self.parent_span_id.as_deref()?;
        let flags = u8::from_str_radix(&self.flags, 16).ok()?;
        let context = SpanContext::new(
            TraceId::from_hex(&self.trace_id).ok()?,
            SpanId::from_hex(parent_span_id).ok()?,
            TraceFlags::new(flags),
            true,
            TraceState::default(),
        );
        Some(opentelemetry::Context::new().with_remote_span_context(context))
    }

    fn traceparent(&self) -> String {
        format!("00-{}-{}-{}", self.trace_id, self.span_id, self.flags)
    }
}

/// Visible ASCII, at most 128 characters: anything else is replaced by a fresh id rather than
/// copied into logs and response headers.
fn is_acceptable_request_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_REQUEST_ID_LEN && id.bytes().all(|b| b.is_ascii_graphic())
}

pub fn new_request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `grpc-timeout`: up to 8 digits and a unit (H, M, S, m, u, n), per the gRPC HTTP/2 protocol.
pub fn parse_grpc_timeout(raw: &str) -> Option<Duration> {
    if raw.len() < 2 || raw.len() > 9 {
        return None;
    }
    let (digits, unit) = raw.split_at(raw.len() - 1);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u64 = digits.parse().ok()?;
    match unit {
        "H" => Some(Duration::from_secs(value * 3600)),
        "M" => Some(Duration::from_secs(value * 60)),
        "S" => Some(Duration::from_secs(value)),
        "m" => Some(Duration::from_millis(value)),
        "u" => Some(Duration::from_micros(value)),
        "n" => Some(Duration::from_nanos(value)),
        _ => None,
    }
}

/// A request body that fails with DEADLINE_EXCEEDED when no frame arrives for `idle`: at any
/// point when `whole_body`, else only before the first frame.
struct StallGuard {
    inner: Body,
    idle: Duration,
    timer: Pin<Box<tokio::time::Sleep>>,
    whole_body: bool,
    /// A frame arrived: a guard of the first frame only is done.
    started: bool,
}

impl StallGuard {
    fn new(inner: Body, idle: Duration, whole_body: bool) -> Self {
        StallGuard { inner, idle, timer: Box::pin(tokio::time::sleep(idle)), whole_body, started: false }
    }
}

impl http_body::Body for StallGuard {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Status>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                this.started = true;
                if this.whole_body {
                    let deadline = tokio::time::Instant::now() + this.idle;
                    this.timer.as_mut().reset(deadline);
                }
                Poll::Ready(frame)
            }
            Poll::Pending if this.started && !this.whole_body => Poll::Pending,
            Poll::Pending => match this.timer.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err(Status::deadline_exceeded(format!(
                    "the request stalled: no data for {} ms (--request-idle-timeout)",
                    this.idle.as_millis()
                ))))),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

/// Writes the call's log line once: when the response ends, or when it is dropped early.
struct CallLog {
    method: String,
    span: Span,
    started: Instant,
    finished: bool,
    /// The status of a trailers-only answer, logged even if its body is never polled.
    status: Option<Code>,
    /// The call's place in its connection's count of open calls.
    _open_call: Option<OpenCall>,
}

impl CallLog {
    fn finish(&mut self, status: Option<Code>) {
        if self.finished {
            return;
        }
        self.finished = true;
        let elapsed = self.started.elapsed();
        metrics::record_call(&self.method, status, elapsed);
        let duration_us = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        match status {
            Some(code) => {
                let status = code_name(code);
                match code {
                    Code::Internal | Code::Unknown | Code::DataLoss => {
                        tracing::error!(parent: &self.span, status, duration_us, "call finished")
                    }
                    _ => tracing::info!(parent: &self.span, status, duration_us, "call finished"),
                }
            }
            None => {
                tracing::info!(parent: &self.span, status = "ABANDONED", duration_us, "call finished")
            }
        }
    }
}

impl Drop for CallLog {
    fn drop(&mut self) {
        // Without a status the answer was cut off before its trailers: the client went away.
        self.finish(self.status);
    }
}

/// The response body, watched for the status in its trailers, and ended with UNAVAILABLE when
/// the grace period is over while it is still waiting for more.
struct LoggedBody {
    inner: Body,
    log: CallLog,
    max_request_bytes: usize,
    cancel_calls: Pin<Box<WaitForCancellationFutureOwned>>,
    /// The shutdown ended this body; nothing more comes.
    cut_off: bool,
    /// Polled inside `block_in_place` (a heavy answer on the multi-threaded runtime).
    off_runtime: bool,
}

impl LoggedBody {
    fn new(inner: Body, log: CallLog, max_request_bytes: usize, cancel_calls: CancellationToken, heavy: bool) -> Self {
        let multi_threaded = can_leave_runtime();
        LoggedBody {
            inner,
            log,
            max_request_bytes,
            cancel_calls: Box::pin(cancel_calls.cancelled_owned()),
            cut_off: false,
            off_runtime: heavy && multi_threaded,
        }
    }
}

/// The trailers that end a response the shutdown cut off.
fn shutdown_trailers() -> HeaderMap {
    let mut trailers = HeaderMap::new();
    // add_header only fails on values it cannot encode, which this message is not.
    let _ = Status::unavailable("the server is shutting down; retry on another instance").add_header(&mut trailers);
    trailers
}

impl http_body::Body for LoggedBody {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Status>>> {
        let this = &mut *self;
        if this.cut_off {
            return Poll::Ready(None);
        }
        let inner = Pin::new(&mut this.inner);
        let mut polled = if this.off_runtime {
            tokio::task::block_in_place(|| inner.poll_frame(cx))
        } else {
            inner.poll_frame(cx)
        };
        if polled.is_pending() && this.cancel_calls.as_mut().poll(cx).is_ready() {
            this.cut_off = true;
            this.log.finish(Some(Code::Unavailable));
            return Poll::Ready(Some(Ok(Frame::trailers(shutdown_trailers()))));
        }
        match &mut polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(trailers) = frame.trailers_mut() {
                    // A stream's reading error ends up here, in the trailers.
                    restate_status(trailers, this.max_request_bytes);
                    if let Some(code) = status_in(trailers) {
                        this.log.finish(Some(code));
                    }
                }
            }
            Poll::Ready(Some(Err(status))) => this.log.finish(Some(status.code())),
            Poll::Ready(None) => {
                let status = this.log.status;
                this.log.finish(status);
            }
            Poll::Pending => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.cut_off || self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_timeout_units() {
        assert_eq!(parse_grpc_timeout("100m"), Some(Duration::from_millis(100)));
        assert_eq!(parse_grpc_timeout("2S"), Some(Duration::from_secs(2)));
        assert_eq!(parse_grpc_timeout("1H"), Some(Duration::from_secs(3600)));
        assert_eq!(
            parse_grpc_timeout("99999999u"),
            Some(Duration::from_micros(99_999_999))
        );
        assert_eq!(parse_grpc_timeout("123456789m"), None);
        assert_eq!(parse_grpc_timeout("m"), None);
        assert_eq!(parse_grpc_timeout("-5m"), None);
        assert_eq!(parse_grpc_timeout("5x"), None);
    }

    #[test]
    fn traceparents_are_read_by_the_w3c_shape() {
        let parent = TraceParent::parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").expect("valid");
        assert_eq!(parent.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(parent.parent_span_id, "00f067aa0ba902b7");
        assert_eq!(parent.flags, "01");
        // A later version may append fields; version 00 may not.
        assert!(TraceParent::parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra").is_some());
        for bad in [
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "garbage",
            "",
        ] {
            assert!(TraceParent::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_call_joins_the_callers_trace_or_starts_one() {
        let joined = TraceContext::joining(TraceParent::parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        let header = joined.traceparent();
        assert!(header.starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-") && header.ends_with("-01"), "{header}");
        assert_ne!(joined.span_id, "00f067aa0ba902b7");
        assert!(TraceParent::parse(&header).is_some());
        let fresh = TraceContext::joining(None);
        assert!(TraceParent::parse(&fresh.traceparent()).is_some());
        assert!(fresh.parent_span_id.is_none());
    }

    #[test]
    fn request_ids_are_checked() {
        assert!(is_acceptable_request_id("abc-123"));
        assert!(!is_acceptable_request_id(""));
        assert!(!is_acceptable_request_id("has space"));
        assert!(!is_acceptable_request_id(&"x".repeat(129)));
        assert_eq!(new_request_id().len(), 36);
    }

    #[test]
    fn oversized_message_status_is_restated() {
        let mut headers = HeaderMap::new();
        Status::out_of_range("decoded message length too large")
            .add_header(&mut headers)
            .unwrap();
        restate_status(&mut headers, 1024);
        let status = Status::from_header_map(&headers).unwrap();
        assert_eq!(status.code(), Code::ResourceExhausted);
        assert!(
            status
                .message()
                .contains("1024 bytes (--max-request-bytes)"),
            "{}",
            status.message()
        );
    }
}
