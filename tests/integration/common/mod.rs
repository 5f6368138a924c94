//! Shared helpers of the gRPC integration tests: a real server on an ephemeral port, the
//! generated clients, and a raw codec for requests no well-behaved client would send.

#![allow(dead_code)] // each test binary uses its own subset of the helpers

use std::time::Duration;

use bytes::{Buf, BufMut};
use textanalytics::proto::v1 as pb;
use textanalytics::proto::v1::text_analytics_client::TextAnalyticsClient;
use textanalytics::service::{self, RunningServer, ServeConfig};
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::transport::Channel;
use tonic::Status;

/// A server on 127.0.0.1 with an ephemeral port.
pub struct TestServer {
    pub running: RunningServer,
    pub channel: Channel,
}

impl TestServer {
    pub fn client(&self) -> TextAnalyticsClient<Channel> {
        TextAnalyticsClient::new(self.channel.clone())
    }

    pub fn health(&self) -> tonic_health::pb::health_client::HealthClient<Channel> {
        tonic_health::pb::health_client::HealthClient::new(self.channel.clone())
    }

    pub fn addr(&self) -> std::net::SocketAddr {
        self.running.local_addr()
    }
}

/// Small, quick settings: two workers, no drain delay, short admission wait.
pub fn test_config() -> ServeConfig {
    ServeConfig {
        listen: "127.0.0.1:0".parse().expect("literal address"),
        workers: Some(2),
        drain_delay: Duration::ZERO,
        grace_period: Duration::from_secs(5),
        admission_wait: Duration::from_millis(50),
        ..ServeConfig::default()
    }
}

pub async fn start(config: ServeConfig) -> TestServer {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind an ephemeral port");
    let running = service::start(config, listener)
        .await
        .expect("server starts");
    let channel = connect(running.local_addr()).await;
    let server = TestServer { running, channel };
    wait_until_serving(&server).await;
    server
}

pub async fn connect(addr: std::net::SocketAddr) -> Channel {
    tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .expect("valid uri")
        .connect()
        .await
        .expect("connect to the test server")
}

/// Health says SERVING once warm-up is done; calls before that would still work, but tests
/// start from the steady state.
pub async fn wait_until_serving(server: &TestServer) {
    let mut health = server.health();
    for _ in 0..500 {
        let request = tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        };
        if let Ok(answer) = health.check(request).await {
            if answer.into_inner().status
                == tonic_health::pb::health_check_response::ServingStatus::Serving as i32
            {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the server never reported SERVING");
}

pub fn request(id: &str, content: &str) -> pb::AnalyzeRequest {
    pb::AnalyzeRequest {
        id: id.to_string(),
        content: content.to_string(),
        ..Default::default()
    }
}

/// A short news story in plain text, written for these tests.
pub const STORY: &str = "The city council of Lakeside voted on Tuesday to rebuild the old ferry pier. \
\"It is a wonderful day for the harbour,\" said councillor Maria Jensen. Critics warned that the cost \
could rise sharply.";

/// Sends arbitrary bytes as the request message of a unary method and decodes the answer as
/// `AnalyzeResponse`: the way to send what the generated client never would (invalid UTF-8).
pub async fn raw_unary(
    channel: Channel,
    path: &'static str,
    body: Vec<u8>,
) -> Result<pb::AnalyzeResponse, Status> {
    let mut grpc = tonic::client::Grpc::new(channel);
    grpc.ready()
        .await
        .map_err(|e| Status::unknown(e.to_string()))?;
    let path = http::uri::PathAndQuery::from_static(path);
    grpc.unary(tonic::Request::new(body), path, RawCodec)
        .await
        .map(tonic::Response::into_inner)
}

/// Encodes `Vec<u8>` verbatim; decodes an `AnalyzeResponse`.
#[derive(Clone, Copy, Default)]
pub struct RawCodec;

impl Codec for RawCodec {
    type Encode = Vec<u8>;
    type Decode = pb::AnalyzeResponse;
    type Encoder = RawEncoder;
    type Decoder = ResponseDecoder;

    fn encoder(&mut self) -> RawEncoder {
        RawEncoder
    }

    fn decoder(&mut self) -> ResponseDecoder {
        ResponseDecoder
    }
}

pub struct RawEncoder;

impl Encoder for RawEncoder {
    type Item = Vec<u8>;
    type Error = Status;

    fn encode(&mut self, item: Vec<u8>, buf: &mut EncodeBuf<'_>) -> Result<(), Status> {
        buf.put_slice(&item);
        Ok(())
    }
}

pub struct ResponseDecoder;

impl Decoder for ResponseDecoder {
    type Item = pb::AnalyzeResponse;
    type Error = Status;

    fn decode(&mut self, buf: &mut DecodeBuf<'_>) -> Result<Option<pb::AnalyzeResponse>, Status> {
        let bytes = buf.copy_to_bytes(buf.remaining());
        prost::Message::decode(bytes)
            .map(Some)
            .map_err(|e| Status::internal(e.to_string()))
    }
}

/// A hand-encoded `AnalyzeRequest` with `id` and raw `content` bytes (fields 1 and 2).
pub fn encode_request_bytes(id: &str, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (tag, value) in [(0x0a_u8, id.as_bytes()), (0x12_u8, content)] {
        out.push(tag);
        let mut len = value.len();
        while len >= 0x80 {
            out.push((len as u8) | 0x80);
            len >>= 7;
        }
        out.push(len as u8);
        out.extend_from_slice(value);
    }
    out
}

/// A client connection without tonic's client-side deadline timer, so a test sees the
/// status the server sends when a deadline passes rather than the client's own `CANCELLED`.
#[derive(Clone)]
pub struct TimerlessChannel {
    sender: hyper::client::conn::http2::SendRequest<tonic::body::Body>,
}

pub async fn timerless_client(addr: std::net::SocketAddr) -> TextAnalyticsClient<TimerlessChannel> {
    let stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connect to the test server");
    let (sender, connection) = hyper::client::conn::http2::handshake(
        hyper_util::rt::TokioExecutor::new(),
        hyper_util::rt::TokioIo::new(stream),
    )
    .await
    .expect("HTTP/2 handshake");
    tokio::spawn(connection);
    let origin = http::Uri::try_from(format!("http://{addr}")).expect("valid origin");
    TextAnalyticsClient::with_origin(TimerlessChannel { sender }, origin)
}

impl tower::Service<http::Request<tonic::body::Body>> for TimerlessChannel {
    type Response = http::Response<hyper::body::Incoming>;
    type Error = hyper::Error;
    type Future = futures_util::future::BoxFuture<'static, Result<Self::Response, hyper::Error>>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), hyper::Error>> {
        self.sender.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        Box::pin(self.sender.send_request(request))
    }
}

/// The Prometheus page of a `--metrics-listen` listener, fetched with a plain HTTP/1.1 GET.
pub async fn scrape_metrics(metrics_addr: std::net::SocketAddr) -> String {
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(metrics_addr).expect("connect to the metrics listener");
        stream.write_all(b"GET /metrics HTTP/1.1\r\nHost: metrics\r\nConnection: close\r\n\r\n").expect("send");
        let mut page = String::new();
        stream.read_to_string(&mut page).expect("read");
        page
    })
    .await
    .expect("scrape")
}

/// The value of `series` (name and labels, exactly as rendered) on a metrics page.
pub fn metric_value(page: &str, series: &str) -> Option<f64> {
    page.lines().find_map(|line| line.strip_prefix(series).and_then(|rest| rest.trim().parse().ok()))
}
