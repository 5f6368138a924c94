//! The server's own bounds, through the real server: the answer-size and per-document time
//! limits, settings refused at start, statuses for requests a client library would never
//! send (corrupt compression, a cut-off frame, no message at all), huge invalid values that
//! must not be echoed, and health while the pool is saturated.

#![cfg(feature = "test-hooks")]

use crate::common;

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use common::{request, start, test_config, STORY};
use http_body::{Body as _, Frame};
use textanalytics::proto::v1 as pb;
use textanalytics::service::{self, ServeConfig};
use tonic::Code;

/// Content whose analysis takes at least `millis` (the hook sleeps, watching the cancel flag).
fn slow(millis: u64) -> String {
    format!("@@test-sleep-ms={millis}@@ {STORY}")
}

/// An HTML page with `links` absolute links: its answer grows with them.
fn page_with_links(links: usize) -> String {
    let anchors: String = (0..links)
        .map(|i| format!("<a href=\"https://news.example.com/section/story-{i}\">story {i}</a> "))
        .collect();
    format!("<p>Harbour news. {anchors}</p>")
}

fn html(id: &str, content: &str) -> pb::AnalyzeRequest {
    pb::AnalyzeRequest {
        format: pb::ContentFormat::Html as i32,
        ..request(id, content)
    }
}

#[tokio::test]
async fn an_answer_over_the_response_limit_is_resource_exhausted_naming_the_flag() {
    let server = start(ServeConfig {
        max_response_bytes: 20_000,
        ..test_config()
    })
    .await;
    let status = server
        .client()
        .analyze(html("big", &page_with_links(400)))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains("--max-response-bytes"), "{}", status.message());
    let small = server.client().analyze(html("small", &page_with_links(3))).await;
    assert!(small.is_ok(), "{small:?}");
}

#[tokio::test]
async fn a_batch_answers_what_fits_and_tells_the_rest() {
    let page = page_with_links(60);
    let measure = start(test_config()).await;
    let one = measure.client().analyze(html("d0", &page)).await.unwrap().into_inner();
    let size = prost::Message::encoded_len(&one);
    // Each answer fits alone, two fit together, three do not.
    let server = start(ServeConfig {
        max_response_bytes: 2 * size + 2_000,
        ..test_config()
    })
    .await;
    let batch = pb::BatchAnalyzeRequest {
        requests: (0..3).map(|i| html(&format!("d{i}"), &page)).collect(),
    };
    let results = server
        .client()
        .batch_analyze(batch)
        .await
        .unwrap()
        .into_inner()
        .results;
    assert_eq!(results.len(), 3);
    let answered = |r: &pb::BatchResult| matches!(r.outcome, Some(pb::batch_result::Outcome::Response(_)));
    assert!(answered(&results[0]) && answered(&results[1]), "the first two answers fit");
    let Some(pb::batch_result::Outcome::Error(error)) = &results[2].outcome else {
        panic!("the last answer cannot fit in {} bytes", 2 * size + 2_000);
    };
    assert_eq!(error.code_name, "RESOURCE_EXHAUSTED");
    assert!(error.message.starts_with("requests[2]."), "{}", error.message);
    assert!(error.message.contains("--max-response-bytes"), "{}", error.message);
}

#[tokio::test]
async fn a_document_over_its_time_budget_is_resource_exhausted_and_frees_the_worker() {
    let server = start(ServeConfig {
        workers: Some(1),
        max_document_time: Duration::from_millis(200),
        ..test_config()
    })
    .await;
    let started = Instant::now();
    let status = server.client().analyze(request("slow", &slow(30_000))).await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(status.message().contains("--max-document-time"), "{}", status.message());
    assert!(started.elapsed() < Duration::from_secs(20), "the worker was freed by the budget, not the hook");
    let next = server.client().analyze(request("next", STORY)).await.unwrap().into_inner();
    assert_eq!(next.id, "next");

    let batch = pb::BatchAnalyzeRequest {
        requests: vec![request("quick", STORY), request("slow", &slow(30_000))],
    };
    let results = server.client().batch_analyze(batch).await.unwrap().into_inner().results;
    assert!(matches!(results[0].outcome, Some(pb::batch_result::Outcome::Response(_))));
    let Some(pb::batch_result::Outcome::Error(error)) = &results[1].outcome else {
        panic!("the slow document has its own error: {:?}", results[1].outcome);
    };
    assert_eq!(error.code_name, "RESOURCE_EXHAUSTED");
}

#[tokio::test]
async fn settings_that_cannot_serve_are_refused_at_start() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let config = ServeConfig {
        max_concurrent_streams: 0,
        ..test_config()
    };
    let error = service::start(config, listener).await.err().expect("refused");
    assert!(error.to_string().contains("--max-concurrent-streams"), "{error}");
}

#[tokio::test]
async fn huge_invalid_values_get_invalid_argument_not_a_header_overflow() {
    let server = start(test_config()).await;
    let huge = "z".repeat(1_000_000);
    for request in [
        pb::AnalyzeRequest { language_hint: huge.clone(), ..request("hint", STORY) },
        pb::AnalyzeRequest { base_url: format!("https://example.com/{huge}/"), ..request("base", STORY) },
        pb::AnalyzeRequest { base_url: format!("not a url {huge}"), ..request("garbage", STORY) },
    ] {
        let status = server.client().analyze(request).await.unwrap_err();
        assert_eq!(status.code(), Code::InvalidArgument, "{:?}", status.code());
        assert!(status.message().len() < 400, "{} bytes echoed", status.message().len());
    }
}

#[tokio::test]
async fn capabilities_list_the_new_limits() {
    let server = start(test_config()).await;
    let limits = server
        .client()
        .get_capabilities(pb::GetCapabilitiesRequest {})
        .await
        .unwrap()
        .into_inner()
        .limits
        .unwrap();
    assert_eq!(limits.max_response_bytes, 16 * 1024 * 1024);
    assert_eq!(limits.max_document_time_ms, 2000);
    assert_eq!(limits.max_url_bytes, 8192);
    assert_eq!(limits.max_tag_attributes, 128);
    assert_eq!(limits.max_tag_bytes, 65536);
    assert_eq!(limits.html_nodes_per_kib, 256);
    assert_eq!(limits.max_connections, 1024);
    assert_eq!(limits.url_bytes_per_content_byte, 8);
    assert_eq!(limits.max_buffered_request_bytes, 64 * 1024 * 1024);
    assert_eq!(limits.connection_idle_timeout_ms, 300_000);
    assert_eq!(limits.request_idle_timeout_ms, 10_000);
}

/// A request body of exactly these bytes, in one frame.
struct RawBody(Option<Bytes>);

impl http_body::Body for RawBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Poll::Ready(self.0.take().map(|bytes| Ok(Frame::data(bytes))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_none()
    }
}

/// A request body that sends one frame and then nothing, never ending.
struct StallingBody(Option<Bytes>);

impl http_body::Body for StallingBody {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        match self.0.take() {
            Some(bytes) => Poll::Ready(Some(Ok(Frame::data(bytes)))),
            None => Poll::Pending,
        }
    }
}

#[tokio::test]
async fn a_request_that_stalls_is_ended() {
    let server = start(ServeConfig {
        request_idle_timeout: Duration::from_millis(300),
        ..test_config()
    })
    .await;
    let addr = server.addr();
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http2::handshake(
        hyper_util::rt::TokioExecutor::new(),
        hyper_util::rt::TokioIo::new(stream),
    )
    .await
    .unwrap();
    tokio::spawn(connection);
    // The frame announces a message of 100,000 bytes and brings ten.
    let request = http::Request::post(format!("http://{addr}/textanalytics.v1.TextAnalytics/Analyze"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(StallingBody(Some(Bytes::from(framed(false, 100_000, b"0123456789")))))
        .unwrap();
    let response = tokio::time::timeout(Duration::from_secs(10), sender.send_request(request))
        .await
        .expect("the server ends the stalled call")
        .unwrap();
    let status = tonic::Status::from_header_map(response.headers()).expect("a trailers-only status");
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
    assert!(status.message().contains("--request-idle-timeout"), "{}", status.message());
}

/// Sends `body` to Analyze as it is (with `grpc-encoding: gzip` when `gzip`) and returns the
/// status the server answers, from the headers or the trailers.
async fn raw_status(addr: std::net::SocketAddr, body: Vec<u8>, gzip: bool) -> (Code, String) {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http2::handshake(
        hyper_util::rt::TokioExecutor::new(),
        hyper_util::rt::TokioIo::new(stream),
    )
    .await
    .unwrap();
    tokio::spawn(connection);
    let mut builder = http::Request::post(format!("http://{addr}/textanalytics.v1.TextAnalytics/Analyze"))
        .header("content-type", "application/grpc")
        .header("te", "trailers");
    if gzip {
        builder = builder.header("grpc-encoding", "gzip");
    }
    let body = if body.is_empty() { RawBody(None) } else { RawBody(Some(Bytes::from(body))) };
    let response = sender.send_request(builder.body(body).unwrap()).await.unwrap();
    let (parts, mut body) = response.into_parts();
    let mut headers = parts.headers;
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        if let Ok(trailers) = frame.unwrap().into_trailers() {
            headers.extend(trailers);
        }
    }
    let status = tonic::Status::from_header_map(&headers).expect("a grpc-status");
    (status.code(), status.message().to_string())
}

fn framed(compressed: bool, declared_len: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![u8::from(compressed)];
    out.extend_from_slice(&declared_len.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

#[tokio::test]
async fn unreadable_requests_are_invalid_argument() {
    let server = start(test_config()).await;
    let message = common::encode_request_bytes("r", STORY.as_bytes());
    let cases = [
        ("corrupt gzip", framed(true, 16, b"this is not gzip"), true),
        ("truncated frame", framed(false, message.len() as u32 + 50, &message), false),
        ("empty body", Vec::new(), false),
    ];
    for (name, body, gzip) in cases {
        let (code, message) = raw_status(server.addr(), body, gzip).await;
        assert_eq!(code, Code::InvalidArgument, "{name}: {message}");
    }
    // The same path still answers a well-formed request.
    let (code, message) = raw_status(server.addr(), framed(false, message.len() as u32, &message), false).await;
    assert_eq!(code, Code::Ok, "{message}");
}

#[tokio::test]
async fn health_answers_while_the_pool_is_saturated() {
    let server = start(ServeConfig {
        workers: Some(1),
        max_pending_documents: Some(2),
        ..test_config()
    })
    .await;
    let mut busy = Vec::new();
    for i in 0..2 {
        let mut client = server.client();
        busy.push(tokio::spawn(async move { client.analyze(request(&format!("b{i}"), &slow(1_500))).await }));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let refused = server.client().analyze(request("refused", STORY)).await.unwrap_err();
    assert_eq!(refused.code(), Code::ResourceExhausted, "the pool is full");
    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        let started = Instant::now();
        let answer = server
            .health()
            .check(tonic_health::pb::HealthCheckRequest { service: String::new() })
            .await
            .unwrap()
            .into_inner();
        slowest = slowest.max(started.elapsed());
        assert_eq!(answer.status, tonic_health::pb::health_check_response::ServingStatus::Serving as i32);
    }
    // Reported, not asserted: timing belongs to benchmarks.
    eprintln!("slowest of 20 health checks with the pool saturated: {slowest:?}");
    for call in busy {
        assert!(call.await.unwrap().is_ok());
    }
}

/// Sends an encoded `BatchAnalyzeRequest` as it is and decodes the answer.
async fn raw_batch(addr: std::net::SocketAddr, message: Vec<u8>) -> pb::BatchAnalyzeResponse {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http2::handshake(
        hyper_util::rt::TokioExecutor::new(),
        hyper_util::rt::TokioIo::new(stream),
    )
    .await
    .unwrap();
    tokio::spawn(connection);
    let request = http::Request::post(format!("http://{addr}/textanalytics.v1.TextAnalytics/BatchAnalyze"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(RawBody(Some(Bytes::from(framed(false, message.len() as u32, &message)))))
        .unwrap();
    let mut body = sender.send_request(request).await.unwrap().into_body();
    let mut data = Vec::new();
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        if let Ok(bytes) = frame.unwrap().into_data() {
            data.extend_from_slice(&bytes);
        }
    }
    assert!(data.len() >= 5, "no message in the answer");
    prost::Message::decode(&data[5..]).expect("a BatchAnalyzeResponse")
}

#[tokio::test]
async fn invalid_utf8_in_one_batch_document_fails_only_that_document() {
    let server = start(test_config()).await;
    let mut message = Vec::new();
    for entry in [
        common::encode_request_bytes("good", STORY.as_bytes()),
        common::encode_request_bytes("bad", b"Caf\xe9 au lait \xff"),
        common::encode_request_bytes("also-good", "Café au lait.".as_bytes()),
    ] {
        message.push(0x0a);
        prost::encoding::encode_varint(entry.len() as u64, &mut message);
        message.extend_from_slice(&entry);
    }
    let results = raw_batch(server.addr(), message).await.results;
    assert_eq!(results.len(), 3);
    assert_eq!(results[1].id, "bad");
    let Some(pb::batch_result::Outcome::Error(error)) = &results[1].outcome else {
        panic!("the bad document has its own error: {:?}", results[1].outcome);
    };
    assert_eq!(error.code_name, "INVALID_ARGUMENT");
    assert!(error.message.starts_with("requests[1].content"), "{}", error.message);
    for index in [0, 2] {
        assert!(matches!(results[index].outcome, Some(pb::batch_result::Outcome::Response(_))), "entry {index}");
    }
}

/// The binary serving on an ephemeral port with `flags`, and the address it logged.
fn spawn_binary(flags: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_textanalytics"))
        .args(["serve", "--listen", "127.0.0.1:0", "--log-format", "json", "--workers", "1"])
        .args(flags)
        .env("RUST_LOG", std::env::var("SERVER_RUST_LOG").unwrap_or("info".into()))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start the textanalytics binary");
    let stderr = child.stderr.take().expect("piped stderr");
    let (address_tx, address_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            if std::env::var_os("SHOW_SERVER_LOG").is_some() { eprintln!("{line}"); }
            let event: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
            if event["fields"]["message"] == "listening" {
                let _ = address_tx.send(event["fields"]["address"].as_str().unwrap_or_default().to_string());
            }
        }
    });
    let address = address_rx.recv_timeout(Duration::from_secs(60)).expect("the server logs its address");
    (child, address)
}

#[tokio::test]
async fn shutdown_with_an_open_health_watch_takes_drain_plus_grace() {
    let (drain, grace) = (Duration::from_millis(200), Duration::from_millis(400));
    let (mut child, address) = spawn_binary(&["--drain-delay", "200ms", "--grace-period", "400ms"]);
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{address}")).unwrap().connect().await.unwrap();
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel);
    let mut watch = health
        .watch(tonic_health::pb::HealthCheckRequest { service: String::new() })
        .await
        .unwrap()
        .into_inner();
    // Watch answers with every change; the stream then stays open. Shutdown starts after warm-up.
    let serving = tonic_health::pb::health_check_response::ServingStatus::Serving as i32;
    while watch.message().await.unwrap().expect("an answer").status != serving {}

    let started = Instant::now();
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let exit = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the server did not exit");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let took = started.elapsed();
    assert!(exit.success(), "{exit:?}");
    // The stream was ended by the server, not left to the final flush (which adds a whole second).
    assert!(took < drain + grace + Duration::from_millis(700), "shutdown took {took:?}");
    let mut ended = false;
    while let Ok(next) = tokio::time::timeout(Duration::from_secs(5), watch.message()).await {
        match next {
            Ok(Some(_)) => continue,
            Ok(None) | Err(_) => {
                ended = true;
                break;
            }
        }
    }
    assert!(ended, "the watch stream ended");
}

/// Plain text of long made-up words (cheap to analyse, slow to compress): `bytes` long.
fn letters(bytes: usize, seed: u64) -> String {
    let mut state = seed;
    let mut out = String::with_capacity(bytes + 64);
    while out.len() < bytes {
        for _ in 0..40 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            out.push(char::from(b'a' + u8::try_from((state >> 33) % 26).unwrap_or(0)));
        }
        out.push(' ');
    }
    out.truncate(bytes);
    out
}

/// The big answer is compressed off the runtime: with one runtime thread, health checks
/// are still answered while a ~20 MB batch answer is encoded and gzipped (before, that thread
/// compressed it and every health check waited for it).
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn health_is_answered_while_a_big_answer_is_compressed() {
    let server = start(ServeConfig {
        compress_responses: service::config::CompressResponses::Always,
        max_response_bytes: 64 * 1024 * 1024,
        ..test_config()
    })
    .await;
    let requests: Vec<_> = (0..20)
        .map(|i| pb::AnalyzeRequest {
            include_text: true,
            features: vec![pb::Feature::Language as i32],
            format: pb::ContentFormat::PlainText as i32,
            ..request(&format!("d{i}"), &letters(1_000_000, i))
        })
        .collect();
    let addr = server.addr();
    // The big call's client runs on a runtime of its own: decompressing and decoding the answer
    // must not hold the server's only runtime thread either.
    let (done_tx, mut done) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let outcome = runtime.block_on(async move {
            let mut client = pb::text_analytics_client::TextAnalyticsClient::new(common::connect(addr).await)
                .accept_compressed(tonic::codec::CompressionEncoding::Gzip)
                .max_decoding_message_size(64 * 1024 * 1024)
                .max_encoding_message_size(64 * 1024 * 1024);
            client.batch_analyze(pb::BatchAnalyzeRequest { requests }).await.map(|answer| answer.into_inner().results.len())
        });
        let _ = done_tx.send(outcome);
    });
    let mut health = server.health();
    // The longest gap between two health answers (a stalled runtime thread also delays the
    // timer between checks, so the time of one check alone would miss it).
    let mut slowest = Duration::ZERO;
    let mut last_answer = Instant::now();
    let results = loop {
        health.check(tonic_health::pb::HealthCheckRequest { service: String::new() }).await.unwrap();
        slowest = slowest.max(last_answer.elapsed());
        last_answer = Instant::now();
        if let Ok(outcome) = done.try_recv() {
            break outcome.expect("the batch is answered");
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    assert_eq!(results, 20);
    eprintln!("longest wait for a health answer while a 20 MB answer was compressed: {slowest:?}");
    // Compressing 20 MB on the runtime thread held health for 3.6 s in a test build; off it, 0.2 s
    // (mostly decoding the 20 MB request, which tonic does on the runtime).
    assert!(slowest < Duration::from_secs(1), "a health check waited {slowest:?}");
}

/// Opens an HTTP/2 connection by hand; the connection's task ends when the server closes it.
async fn raw_connection(
    addr: std::net::SocketAddr,
) -> (hyper::client::conn::http2::SendRequest<StallingBody>, tokio::task::JoinHandle<()>) {
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (sender, connection) =
        hyper::client::conn::http2::handshake(hyper_util::rt::TokioExecutor::new(), hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    (sender, tokio::spawn(async move {
        let _ = connection.await;
    }))
}

fn grpc_post(addr: std::net::SocketAddr, method: &str, body: StallingBody) -> http::Request<StallingBody> {
    http::Request::post(format!("http://{addr}/{method}"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(body)
        .unwrap()
}

#[tokio::test]
async fn requests_still_arriving_are_held_within_a_budget() {
    let server = start(ServeConfig {
        max_request_bytes: 4 * 1024 * 1024,
        max_buffered_request_bytes: 4 * 1024 * 1024,
        request_idle_timeout: Duration::from_secs(60),
        ..test_config()
    })
    .await;
    let addr = server.addr();
    // Two calls announce 3 MiB messages, send 2.5 MiB of each, and stall.
    let mut stalled = Vec::new();
    for _ in 0..2 {
        let (mut sender, connection) = raw_connection(addr).await;
        let body = StallingBody(Some(Bytes::from(framed(false, 3 * 1024 * 1024, &vec![b'x'; 5 * 512 * 1024]))));
        let call = tokio::spawn(async move { sender.send_request(grpc_post(addr, "textanalytics.v1.TextAnalytics/Analyze", body)).await });
        stalled.push((call, connection));
    }
    let started = Instant::now();
    let refused = loop {
        match server.client().analyze(request("next", STORY)).await {
            Err(status) if status.code() == Code::ResourceExhausted => break status,
            _ if started.elapsed() > Duration::from_secs(20) => panic!("never refused while 5 MiB were held"),
            _ => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    };
    assert!(refused.message().contains("--max-buffered-request-bytes"), "{}", refused.message());
    // Health is answered all the same.
    server.health().check(tonic_health::pb::HealthCheckRequest { service: String::new() }).await.unwrap();
    // The stalled clients go away: their bytes are released and calls are served again.
    for (call, connection) in stalled {
        call.abort();
        connection.abort();
    }
    let started = Instant::now();
    while server.client().analyze(request("after", STORY)).await.is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "the budget was never given back");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_stream_that_sends_no_message_is_ended() {
    let server = start(ServeConfig { request_idle_timeout: Duration::from_millis(300), ..test_config() }).await;
    let addr = server.addr();
    let (mut sender, _connection) = raw_connection(addr).await;
    let response = tokio::time::timeout(
        Duration::from_secs(10),
        sender.send_request(grpc_post(addr, "textanalytics.v1.TextAnalytics/AnalyzeStream", StallingBody(None))),
    )
    .await
    .expect("the stream is answered")
    .unwrap();
    let (parts, mut body) = response.into_parts();
    let mut headers = parts.headers;
    let read = async {
        while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
            if let Ok(trailers) = frame.unwrap().into_trailers() {
                headers.extend(trailers);
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(10), read).await.expect("the stream ends");
    let status = tonic::Status::from_header_map(&headers).expect("a grpc-status");
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
    assert!(status.message().contains("--request-idle-timeout"), "{}", status.message());
}

#[tokio::test]
async fn a_connection_without_calls_is_closed_after_the_idle_timeout() {
    let server = start(ServeConfig { connection_idle_timeout: Duration::from_millis(300), ..test_config() }).await;
    let addr = server.addr();
    // A connection that never makes a call.
    let (_sender, idle) = raw_connection(addr).await;
    // A connection whose one call (a stalled request) stays open past the timeout.
    let (mut sender, busy) = raw_connection(addr).await;
    let body = StallingBody(Some(Bytes::from(framed(false, 1000, b"0123456789"))));
    let call = tokio::spawn(async move { sender.send_request(grpc_post(addr, "textanalytics.v1.TextAnalytics/Analyze", body)).await });
    tokio::time::timeout(Duration::from_secs(10), idle).await.expect("the idle connection is closed").unwrap();
    assert!(!busy.is_finished(), "a connection with a call open is not idle");
    drop(call);
}
