//! The JSON gateway, on the gRPC port itself, for callers without gRPC (a browser, `curl`, a
//! webhook): a tower layer that answers HTTP requests on its own paths and passes every gRPC
//! (and gRPC-Web) request through untouched.
//!
//! | request | answer |
//! | --- | --- |
//! | `POST /v1/analyze` (an `AnalyzeRequest`) | an `AnalyzeResponse` |
//! | `POST /v1/batchAnalyze` (a `BatchAnalyzeRequest`) | a `BatchAnalyzeResponse` |
//! | `GET /v1/capabilities` | a `GetCapabilitiesResponse` |
//! | `GET /healthz` | `{"status": "SERVING"}` (200) or `NOT_SERVING` (503) |
//!
//! Bodies are proto3 JSON through the contract's one mapping (`crate::proto::json`), answers
//! exactly what `grpcurl -emit-defaults` prints. Calls go through the same handlers as gRPC
//! (admission, limits, deadlines, the call log); a failure is the gRPC status mapped to its
//! HTTP code as Google's API design guide maps them, with a body
//! `{"error": {"code": 400, "message": "…", "status": "INVALID_ARGUMENT"}}`.

use std::convert::Infallible;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_util::future::BoxFuture;
use http::{header, Method, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use tonic::body::Body;
use tonic::metadata::MetadataMap;
use tonic::{Code, Status};
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_server::Health;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::server::HealthService;

use super::api::TextAnalyticsService;
use crate::edge::status::code_name;
use crate::proto::json::{from_json, to_json, JsonMessage};
use crate::proto::v1 as pb;
use crate::proto::v1::text_analytics_server::TextAnalytics;

/// The gateway's paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Route {
    Analyze,
    BatchAnalyze,
    Capabilities,
    Health,
}

impl Route {
    fn of(path: &str) -> Option<Route> {
        match path {
            "/v1/analyze" => Some(Route::Analyze),
            "/v1/batchAnalyze" => Some(Route::BatchAnalyze),
            "/v1/capabilities" => Some(Route::Capabilities),
            "/healthz" => Some(Route::Health),
            _ => None,
        }
    }

    fn method(self) -> Method {
        match self {
            Route::Analyze | Route::BatchAnalyze => Method::POST,
            Route::Capabilities | Route::Health => Method::GET,
        }
    }
}

#[derive(Clone)]
pub struct GatewayLayer {
    handlers: Arc<Handlers>,
}

struct Handlers {
    api: TextAnalyticsService,
    health: HealthService,
    max_request_bytes: usize,
}

impl GatewayLayer {
    pub fn new(api: TextAnalyticsService, health: HealthService, max_request_bytes: usize) -> Self {
        GatewayLayer { handlers: Arc::new(Handlers { api, health, max_request_bytes }) }
    }
}

impl<S> tower::Layer<S> for GatewayLayer {
    type Service = Gateway<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Gateway { inner, handlers: Arc::clone(&self.handlers) }
    }
}

#[derive(Clone)]
pub struct Gateway<S> {
    inner: S,
    handlers: Arc<Handlers>,
}

impl<S> tower::Service<http::Request<Body>> for Gateway<S>
where
    S: tower::Service<http::Request<Body>, Response = http::Response<Body>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<http::Response<Body>, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        if is_grpc(&request) {
            return Box::pin(self.inner.call(request));
        }
        let handlers = Arc::clone(&self.handlers);
        Box::pin(async move { Ok(handlers.answer(request).await) })
    }
}

/// gRPC and gRPC-Web requests say so in their content type; everything else is ours.
pub fn is_grpc(request: &http::Request<Body>) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/grpc"))
}

impl Handlers {
    async fn answer(&self, request: http::Request<Body>) -> http::Response<Body> {
        let Some(route) = Route::of(request.uri().path()) else {
            let message = format!("no such path: {} (the gateway serves /v1/analyze, /v1/batchAnalyze, /v1/capabilities and /healthz)", request.uri().path());
            return error(&Status::not_found(message));
        };
        if request.method() != route.method() {
            let message = format!("{} takes {}, not {}", request.uri().path(), route.method(), request.method());
            return with_code(json(StatusCode::METHOD_NOT_ALLOWED, error_body(StatusCode::METHOD_NOT_ALLOWED, Code::InvalidArgument, &message)), Code::InvalidArgument);
        }
        match route {
            Route::Health => self.health().await,
            Route::Capabilities => {
                let call = tonic::Request::from_parts(MetadataMap::new(), request.extensions().clone(), pb::GetCapabilitiesRequest {});
                reply(self.api.get_capabilities(call).await)
            }
            Route::Analyze => match self.read::<pb::AnalyzeRequest>(request).await {
                Ok(call) => reply(self.api.analyze(call).await),
                Err(status) => error(&status),
            },
            Route::BatchAnalyze => match self.read::<pb::BatchAnalyzeRequest>(request).await {
                Ok(call) => reply(self.api.batch_analyze(call).await),
                Err(status) => error(&status),
            },
        }
    }

    /// The body as a request message, with the call's metadata and extensions (request id,
    /// deadline) as the gRPC handlers expect them.
    async fn read<T: prost::Message + JsonMessage + Default>(&self, request: http::Request<Body>) -> Result<tonic::Request<T>, Status> {
        let (parts, body) = request.into_parts();
        let bytes = Limited::new(body, self.max_request_bytes).collect().await.map_err(|_| {
            Status::resource_exhausted(format!(
                "the request body is larger than the limit of {} bytes (--max-request-bytes), or it was cut off",
                self.max_request_bytes
            ))
        })?;
        let text = std::str::from_utf8(&bytes.to_bytes())
            .map_err(|_| Status::invalid_argument("the request body is not valid UTF-8"))?
            .to_string();
        let message = from_json::<T>(&text).map_err(|reason| {
            Status::invalid_argument(format!("the body is not a {} in proto3 JSON: {}", T::FULL_NAME, truncate(&reason)))
        })?;
        Ok(tonic::Request::from_parts(MetadataMap::from_headers(parts.headers), parts.extensions, message))
    }

    async fn health(&self) -> http::Response<Body> {
        let check = self.health.check(tonic::Request::new(HealthCheckRequest { service: String::new() })).await;
        let serving = check.is_ok_and(|answer| answer.into_inner().status() == ServingStatus::Serving);
        let (status, name) = if serving {
            (StatusCode::OK, "SERVING")
        } else {
            (StatusCode::SERVICE_UNAVAILABLE, "NOT_SERVING")
        };
        let body = serde_json::to_string_pretty(&serde_json::json!({ "status": name })).unwrap_or_default() + "\n";
        with_code(json(status, body), if serving { Code::Ok } else { Code::Unavailable })
    }
}

fn reply<T: JsonMessage>(outcome: Result<tonic::Response<T>, Status>) -> http::Response<Body> {
    match outcome {
        // The same bytes `grpcurl -emit-defaults` prints for the same answer.
        Ok(answer) => with_code(json(StatusCode::OK, to_json(answer.get_ref(), true) + "\n"), Code::Ok),
        Err(status) => error(&status),
    }
}

/// A failure as the gateway answers it: the status's HTTP code and a JSON error body.
pub fn error(status: &Status) -> http::Response<Body> {
    let http_status = http_status_of(status.code());
    with_code(json(http_status, error_body(http_status, status.code(), status.message())), status.code())
}

fn error_body(http_status: StatusCode, code: Code, message: &str) -> String {
    let body = serde_json::json!({
        "error": { "code": http_status.as_u16(), "message": message, "status": code_name(code) }
    });
    serde_json::to_string_pretty(&body).unwrap_or_default() + "\n"
}

/// gRPC codes to HTTP, as Google's API design guide (errors) maps them.
fn http_status_of(code: Code) -> StatusCode {
    match code {
        Code::Ok => StatusCode::OK,
        Code::Cancelled => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => StatusCode::BAD_REQUEST,
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::AlreadyExists | Code::Aborted => StatusCode::CONFLICT,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
        Code::Unimplemented => StatusCode::NOT_IMPLEMENTED,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Code::Unknown | Code::Internal | Code::DataLoss => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn json(status: StatusCode, body: String) -> http::Response<Body> {
    let mut response = http::Response::new(Body::new(Full::new(Bytes::from(body))));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, http::HeaderValue::from_static("application/json; charset=utf-8"));
    response
}

/// The call log reads a gateway answer's outcome from this extension (it has no grpc-status).
fn with_code(mut response: http::Response<Body>, code: Code) -> http::Response<Body> {
    response.extensions_mut().insert(GatewayOutcome(code));
    response
}

/// The gRPC status a gateway answer stands for.
#[derive(Clone, Copy, Debug)]
pub struct GatewayOutcome(pub Code);

/// Parser messages can quote the body; keep them short.
fn truncate(reason: &str) -> String {
    const LIMIT: usize = 200;
    match reason.char_indices().nth(LIMIT) {
        Some((at, _)) => format!("{}…", &reason[..at]),
        None => reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_and_their_methods() {
        assert_eq!(Route::of("/v1/analyze"), Some(Route::Analyze));
        assert_eq!(Route::of("/v1/batchAnalyze").map(Route::method), Some(Method::POST));
        assert_eq!(Route::of("/healthz").map(Route::method), Some(Method::GET));
        assert_eq!(Route::of("/textanalytics.v1.TextAnalytics/Analyze"), None);
    }

    #[test]
    fn codes_map_as_the_api_design_guide_says() {
        assert_eq!(http_status_of(Code::InvalidArgument), StatusCode::BAD_REQUEST);
        assert_eq!(http_status_of(Code::ResourceExhausted), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(http_status_of(Code::DeadlineExceeded), StatusCode::GATEWAY_TIMEOUT);
        assert_eq!(http_status_of(Code::Unavailable), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(http_status_of(Code::Cancelled).as_u16(), 499);
        assert_eq!(http_status_of(Code::Internal), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
