//! The `textanalytics.v1.TextAnalytics` handlers: limits, admission, deadlines, batch and
//! stream bookkeeping. The analysis itself happens in [`super::document`] on the pool.

use std::pin::Pin;
use std::sync::Arc;

use futures_util::stream::{FuturesOrdered, StreamExt};
use futures_util::Future;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status, Streaming};
use tracing::Instrument;

use super::metrics;
use super::call::{mark_heavy, record_load, CallInfo};
use super::config::{CompressResponses, ServeConfig};
use super::document::{self, Answer, DocumentLimits};
use super::pool::Pool;
use crate::analysis::document::{MAX_TAG_ATTRIBUTES, MAX_TAG_BYTES, NODES_PER_KIB};
use crate::analysis::links::{MAX_URL_BYTES, URL_BYTES_PER_SOURCE_BYTE};
use crate::analysis::{capabilities, DEFAULT_MAX_KEYWORDS};
use crate::edge::{self, DocumentFailure, PreparedDocument};
use crate::proto::v1 as pb;
use crate::proto::v1::text_analytics_server::TextAnalytics;
use crate::version::analyzer_version;

/// The shutdown phases a call can observe.
#[derive(Clone, Debug, Default)]
pub struct ShutdownPhases {
    /// The drain delay is over: streams stop reading new requests, answer what they hold and
    /// end with UNAVAILABLE.
    pub stop_accepting: CancellationToken,
    /// The grace period is over: whatever is still running is cancelled.
    pub cancel_calls: CancellationToken,
}

/// Everything the handlers share.
pub struct ServiceState {
    pub pool: Pool,
    pub max_content_bytes: usize,
    pub max_batch: usize,
    pub max_request_bytes: usize,
    pub stream_window: usize,
    pub limits: DocumentLimits,
    pub compress: CompressResponses,
    pub max_connections: usize,
    pub max_buffered_request_bytes: usize,
    pub connection_idle_timeout: std::time::Duration,
    pub request_idle_timeout: std::time::Duration,
    pub shutdown: ShutdownPhases,
}

impl ServiceState {
    pub fn new(config: &ServeConfig, pool: Pool, shutdown: ShutdownPhases) -> Self {
        ServiceState {
            pool,
            max_content_bytes: config.max_content_bytes,
            max_batch: config.max_batch,
            max_request_bytes: config.max_request_bytes,
            stream_window: config.stream_window(),
            limits: DocumentLimits {
                max_document_time: config.max_document_time,
                max_response_bytes: config.max_response_bytes,
            },
            compress: config.compress_responses,
            max_connections: config.max_connections,
            max_buffered_request_bytes: config.max_buffered_request_bytes,
            connection_idle_timeout: config.connection_idle_timeout,
            request_idle_timeout: config.request_idle_timeout,
            shutdown,
        }
    }
}

#[derive(Clone)]
pub struct TextAnalyticsService {
    state: Arc<ServiceState>,
}

impl TextAnalyticsService {
    pub fn new(state: Arc<ServiceState>) -> Self {
        TextAnalyticsService { state }
    }
}

type AnswerFuture = Pin<Box<dyn Future<Output = Result<Answer, DocumentFailure>> + Send>>;

/// Bytes a batch keeps free for each entry after the current one, so that entries which no
/// longer fit can still be answered with their `DocumentError`.
const BATCH_ERROR_RESERVE: usize = 512;

/// Completes when the deadline passes; never, without one.
async fn deadline_passed(deadline: Option<tokio::time::Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// Races `work` against the caller's deadline and the end of the grace period.
async fn bounded<T>(
    call: &CallInfo,
    shutdown: &ShutdownPhases,
    work: impl Future<Output = Result<T, DocumentFailure>>,
) -> Result<T, DocumentFailure> {
    tokio::select! {
        biased;
        result = work => result,
        () = deadline_passed(call.deadline) => Err(DocumentFailure::DeadlineExceeded),
        () = shutdown.cancel_calls.cancelled() => Err(DocumentFailure::ShuttingDown),
    }
}

/// An admission handed out fewer permits than it was granted for: a bug, not the caller's fault.
fn missing_permit() -> DocumentFailure {
    DocumentFailure::Internal("admission granted fewer permits than documents".to_string())
}

impl ServiceState {
    /// Admission and analysis of one prepared document (Analyze, stream entries).
    fn answer_one(
        self: &Arc<Self>,
        document: PreparedDocument,
        request_id: String,
    ) -> AnswerFuture {
        let state = Arc::clone(self);
        Box::pin(async move {
            let mut admission = state
                .pool
                .admit(1)
                .await
                .map_err(|refusal| DocumentFailure::Saturated(refusal.to_string()))?;
            let permit = admission.take_one().ok_or_else(missing_permit)?;
            document::run(&state.pool, permit, document, &request_id, state.limits).await
        })
    }
}

#[tonic::async_trait]
impl TextAnalytics for TextAnalyticsService {
    async fn analyze(
        &self,
        request: Request<pb::AnalyzeRequest>,
    ) -> Result<Response<pb::AnalyzeResponse>, Status> {
        let call = CallInfo::of(&request);
        let request = request.into_inner();
        record_load(1, request.content.len());
        let state = &self.state;
        let document =
            edge::prepare(request, state.max_content_bytes).map_err(Status::from)?;
        let work = state.answer_one(document, call.request_id.clone());
        let answer = bounded(&call, &state.shutdown, work)
            .await
            .map_err(Status::from)?;
        let mut response = Response::new(answer.response);
        let compressed = state.compress.compresses(call.request_compressed, answer.encoded_len);
        if !compressed {
            response.disable_compression();
        }
        mark_heavy(&mut response, compressed, answer.encoded_len);
        Ok(response)
    }

    async fn batch_analyze(
        &self,
        request: Request<pb::BatchAnalyzeRequest>,
    ) -> Result<Response<pb::BatchAnalyzeResponse>, Status> {
        let call = CallInfo::of(&request);
        let requests = request.into_inner().requests;
        record_load(
            requests.len(),
            requests.iter().map(|r| r.content.len()).sum(),
        );
        let state = &self.state;
        if requests.len() > state.max_batch {
            return Err(Status::invalid_argument(format!(
                "requests has {} entries; the limit is {} (--max-batch)",
                requests.len(),
                state.max_batch
            )));
        }
        let ids: Vec<String> = requests.iter().map(|r| r.id.clone()).collect();
        let prepared: Vec<_> = requests
            .into_iter()
            .map(|r| edge::prepare(r, state.max_content_bytes))
            .collect();
        let valid = prepared.iter().filter(|p| p.is_ok()).count();

        let work = async {
            let mut admission = state
                .pool
                .admit(valid)
                .await
                .map_err(|refusal| DocumentFailure::Saturated(refusal.to_string()))?;
            let answers = prepared.into_iter().map(|prepared| {
                let permit = if prepared.is_ok() {
                    admission.take_one()
                } else {
                    None
                };
                let request_id = call.request_id.clone();
                let state = Arc::clone(state);
                async move {
                    let document = prepared?;
                    let permit = permit.ok_or_else(missing_permit)?;
                    document::run(&state.pool, permit, document, &request_id, state.limits).await
                }
            });
            Ok(futures_util::future::join_all(answers).await)
        };
        let answers = bounded(&call, &state.shutdown, work)
            .await
            .map_err(Status::from)?;

        let (results, encoded_len) = fit_batch(answers, ids, state.limits.max_response_bytes);
        let mut response = Response::new(pb::BatchAnalyzeResponse { results });
        let compressed = state.compress.compresses(call.request_compressed, encoded_len);
        if !compressed {
            response.disable_compression();
        }
        mark_heavy(&mut response, compressed, encoded_len);
        Ok(response)
    }

    type AnalyzeStreamStream = ReceiverStream<Result<pb::AnalyzeResponse, Status>>;

    async fn analyze_stream(
        &self,
        request: Request<Streaming<pb::AnalyzeRequest>>,
    ) -> Result<Response<Self::AnalyzeStreamStream>, Status> {
        let call = CallInfo::of(&request);
        let inbound = request.into_inner();
        let (answers, receiver) = mpsc::channel(self.state.stream_window);
        let state = Arc::clone(&self.state);
        // One setting covers every message of a stream: sizes are unknown when it starts.
        let compress = state.compress.compresses(call.request_compressed, 0);
        let in_flight = metrics::StreamInFlight::open();
        tokio::spawn(
            async move {
                serve_stream(state, call, inbound, answers).await;
                drop(in_flight);
            }
            .in_current_span(),
        );
        let mut response = Response::new(ReceiverStream::new(receiver));
        if compress {
            // Each message may be as large as --max-response-bytes: compressed ones are heavy.
            mark_heavy(&mut response, true, usize::MAX);
        } else {
            response.disable_compression();
        }
        Ok(response)
    }

    async fn get_capabilities(
        &self,
        _request: Request<pb::GetCapabilitiesRequest>,
    ) -> Result<Response<pb::GetCapabilitiesResponse>, Status> {
        let state = &self.state;
        let as_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let languages = edge::response::language_support_to_proto(capabilities::language_support());
        Ok(Response::new(pb::GetCapabilitiesResponse {
            analyzer_version: analyzer_version().to_string(),
            limits: Some(pb::Limits {
                max_content_bytes: as_u32(state.max_content_bytes),
                max_batch: as_u32(state.max_batch),
                max_request_bytes: as_u32(state.max_request_bytes),
                stream_window: as_u32(state.stream_window),
                max_pending_documents: as_u32(state.pool.capacity()),
                default_max_keywords: as_u32(DEFAULT_MAX_KEYWORDS),
                max_response_bytes: as_u32(state.limits.max_response_bytes),
                max_document_time_ms: as_u32(
                    usize::try_from(state.limits.max_document_time.as_millis()).unwrap_or(usize::MAX),
                ),
                max_url_bytes: as_u32(MAX_URL_BYTES),
                max_tag_attributes: as_u32(MAX_TAG_ATTRIBUTES),
                max_tag_bytes: as_u32(MAX_TAG_BYTES),
                html_nodes_per_kib: as_u32(NODES_PER_KIB),
                max_connections: as_u32(state.max_connections),
                url_bytes_per_content_byte: as_u32(URL_BYTES_PER_SOURCE_BYTE),
                max_buffered_request_bytes: as_u32(state.max_buffered_request_bytes),
                connection_idle_timeout_ms: as_u32(
                    usize::try_from(state.connection_idle_timeout.as_millis()).unwrap_or(usize::MAX),
                ),
                request_idle_timeout_ms: as_u32(
                    usize::try_from(state.request_idle_timeout.as_millis()).unwrap_or(usize::MAX),
                ),
            }),
            languages,
        }))
    }
}

/// The batch's entries in request order, answers kept while the whole response stays within
/// `max_response_bytes` (the entries after each answer keep [`BATCH_ERROR_RESERVE`] bytes for
/// their errors); an answer that no longer fits becomes its entry's `DocumentError`. Returns the
/// entries and about how many bytes they encode to.
fn fit_batch(
    answers: Vec<Result<Answer, DocumentFailure>>,
    ids: Vec<String>,
    max_response_bytes: usize,
) -> (Vec<pb::BatchResult>, usize) {
    let count = answers.len();
    let mut used = 0usize;
    let results = answers
        .into_iter()
        .zip(ids)
        .enumerate()
        .map(|(index, (answer, id))| {
            let reserve = (count - index - 1).saturating_mul(BATCH_ERROR_RESERVE);
            // The entry's own framing: the id and a few tag and length bytes.
            let framing = id.len() + 16;
            let answer = answer.and_then(|answer| {
                let cost = answer.encoded_len + framing;
                if used + cost + reserve <= max_response_bytes {
                    used += cost;
                    Ok(answer.response)
                } else {
                    Err(DocumentFailure::TooLarge(format!(
                        "the answer ({} bytes) no longer fits in the batch response; the limit is {max_response_bytes} bytes (--max-response-bytes)",
                        answer.encoded_len
                    )))
                }
            });
            let outcome = match answer {
                Ok(response) => pb::batch_result::Outcome::Response(response),
                Err(failure) => {
                    let error = failure.to_document_error(&format!("requests[{index}]."));
                    used += framing + error.message.len() + error.code_name.len() + 8;
                    pb::batch_result::Outcome::Error(error)
                }
            };
            pb::BatchResult { outcome: Some(outcome), id }
        })
        .collect();
    (results, used)
}

/// How a stream ends when it does not simply run out of requests.
enum StreamEnd {
    /// Every request was answered and the client closed its side.
    Complete,
    /// The client stopped listening.
    ClientGone,
    /// Ends with this status after the answers already sent.
    Status(Status),
}

/// Reads requests while fewer than `stream_window` are in flight, answers them in request
/// order, and keeps going past bad documents. Backpressure: when the window is full nothing is
/// read, so HTTP/2 flow control slows the client down.
async fn serve_stream(
    state: Arc<ServiceState>,
    call: CallInfo,
    mut inbound: Streaming<pb::AnalyzeRequest>,
    answers: mpsc::Sender<Result<pb::AnalyzeResponse, Status>>,
) {
    let mut in_flight: FuturesOrdered<Pin<Box<dyn Future<Output = pb::AnalyzeResponse> + Send>>> =
        FuturesOrdered::new();
    let mut ready: Option<pb::AnalyzeResponse> = None;
    let mut reading = true;
    let mut pending_end: Option<Status> = None;
    let (mut documents, mut bytes) = (0usize, 0usize);
    let deadline = deadline_passed(call.deadline);
    tokio::pin!(deadline);

    let end = loop {
        if !reading && in_flight.is_empty() && ready.is_none() {
            break match pending_end.take() {
                Some(status) => StreamEnd::Status(status),
                None => StreamEnd::Complete,
            };
        }
        tokio::select! {
            biased;
            () = state.shutdown.cancel_calls.cancelled() => {
                break StreamEnd::Status(Status::from(DocumentFailure::ShuttingDown));
            }
            () = &mut deadline => break StreamEnd::Status(Status::from(DocumentFailure::DeadlineExceeded)),
            () = state.shutdown.stop_accepting.cancelled(), if reading => {
                reading = false;
                pending_end = Some(Status::from(DocumentFailure::ShuttingDown));
            }
            permit = answers.reserve(), if ready.is_some() => match (permit, ready.take()) {
                (Ok(permit), Some(answer)) => permit.send(Ok(answer)),
                _ => break StreamEnd::ClientGone,
            },
            Some(answer) = in_flight.next(), if ready.is_none() => ready = Some(answer),
            message = inbound.message(), if reading && in_flight.len() < state.stream_window => match message {
                Ok(Some(request)) => {
                    documents += 1;
                    bytes += request.content.len();
                    in_flight.push_back(stream_answer(&state, request, &call.request_id));
                }
                Ok(None) => reading = false,
                Err(status) => {
                    reading = false;
                    pending_end = Some(inbound_error(status, state.max_request_bytes));
                }
            },
        }
    };
    record_load(documents, bytes);
    match end {
        StreamEnd::Complete | StreamEnd::ClientGone => {}
        StreamEnd::Status(status) => {
            let _ = answers.send(Err(status)).await;
        }
    }
}

/// One stream entry: its answer, or an answer with `error` set; never a stream failure.
fn stream_answer(
    state: &Arc<ServiceState>,
    request: pb::AnalyzeRequest,
    request_id: &str,
) -> Pin<Box<dyn Future<Output = pb::AnalyzeResponse> + Send>> {
    let id = request.id.clone();
    let answer = edge::prepare(request, state.max_content_bytes)
        .map(|document| state.answer_one(document, request_id.to_string()));
    Box::pin(async move {
        let result = match answer {
            Ok(answer) => answer.await.map(|answer| answer.response),
            Err(failure) => Err(failure),
        };
        result.unwrap_or_else(|failure| failure.to_error_answer(id))
    })
}

/// A stream message that could not be read. tonic reports an oversized one as OUT_OF_RANGE;
/// the contract says RESOURCE_EXHAUSTED.
fn inbound_error(status: Status, max_request_bytes: usize) -> Status {
    if status.code() == tonic::Code::OutOfRange {
        Status::resource_exhausted(format!(
            "a stream message is larger than the limit of {max_request_bytes} bytes (--max-request-bytes): {}",
            status.message()
        ))
    } else {
        edge::status::restate_caller_fault(status)
    }
}
