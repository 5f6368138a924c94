//! Behaviour under slow and failing documents, through the test-only document hooks (built
//! with `--features test-hooks`): deadlines, saturation, panics, and shutdown with calls in
//! flight.

#![cfg(feature = "test-hooks")]

use crate::common;

use std::time::Duration;

use common::{request, start, test_config, timerless_client, STORY};
use textanalytics::proto::v1 as pb;
use textanalytics::service::ServeConfig;
use tokio_stream::StreamExt;
use tonic::Code;
use tonic_health::pb::health_check_response::ServingStatus;

// Deadline tests use `timerless_client`: tonic's own client would race the server with a
// timer on the same deadline and report its own CANCELLED.

/// Content whose analysis takes at least `millis` (the hook sleeps, watching the cancel flag).
fn slow(millis: u64) -> String {
    format!("@@test-sleep-ms={millis}@@ {STORY}")
}

const PANIC: &str = "@@test-panic@@ This document makes the analysis panic.";

fn with_timeout<T>(message: T, timeout: Duration) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    request.set_timeout(timeout);
    request
}

#[tokio::test]
async fn a_passed_deadline_is_deadline_exceeded_and_frees_the_worker() {
    // One worker, one pending document: if the abandoned analysis kept the worker, the
    // follow-up call would be refused as saturated.
    let config = ServeConfig {
        workers: Some(1),
        max_pending_documents: Some(1),
        admission_wait: Duration::from_secs(2),
        ..test_config()
    };
    let server = start(config).await;
    let mut client = timerless_client(server.addr()).await;
    let status = client
        .analyze(with_timeout(
            request("late", &slow(30_000)),
            Duration::from_millis(300),
        ))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
    let answer = client
        .analyze(request("next", STORY))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answer.id, "next");
}

#[tokio::test]
async fn a_batch_past_its_deadline_is_deadline_exceeded() {
    let server = start(test_config()).await;
    let batch = pb::BatchAnalyzeRequest {
        requests: vec![request("quick", STORY), request("slow", &slow(30_000))],
    };
    let mut client = timerless_client(server.addr()).await;
    let status = client
        .batch_analyze(with_timeout(batch, Duration::from_millis(300)))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
}

/// A document whose call is cancelled is measured: how long its worker went on after the
/// cancel is a histogram on the metrics page (the figure itself is the soak's to report).
#[tokio::test]
async fn how_long_work_runs_past_a_cancel_is_measured() {
    let server = start(ServeConfig { metrics_listen: Some("127.0.0.1:0".parse().expect("literal")), ..test_config() }).await;
    let metrics_addr = server.running.metrics_addr().expect("a metrics listener");
    let count = "textanalytics_stop_overrun_seconds_count";
    let before = common::metric_value(&common::scrape_metrics(metrics_addr).await, count).unwrap_or(0.0);
    let mut client = timerless_client(server.addr()).await;
    let status = client
        .analyze(with_timeout(request("late", &slow(30_000)), Duration::from_millis(200)))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
    // The worker records the overrun when it lets the document go, shortly after the cancel.
    let mut after = before;
    for _ in 0..100 {
        after = common::metric_value(&common::scrape_metrics(metrics_addr).await, count).unwrap_or(0.0);
        if after > before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(after > before, "no overrun recorded for the cancelled document ({before} before, {after} after)");
}

#[tokio::test]
async fn a_stream_past_its_deadline_ends_with_deadline_exceeded() {
    let server = start(test_config()).await;
    let requests = tokio_stream::iter(vec![
        request("quick", STORY),
        request("slow", &slow(30_000)),
    ]);
    let mut client = timerless_client(server.addr()).await;
    let mut answers = client
        .analyze_stream(with_timeout(requests, Duration::from_millis(400)))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answers.next().await.unwrap().unwrap().id, "quick");
    let status = answers.next().await.unwrap().unwrap_err();
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
}

#[tokio::test]
async fn a_stream_answers_in_request_order_when_a_later_document_finishes_first() {
    let server = start(ServeConfig {
        stream_window: 3,
        ..test_config()
    })
    .await;
    let requests: Vec<_> = (0..7)
        .map(|n| {
            let content = if n % 3 == 0 {
                slow(250)
            } else {
                STORY.to_string()
            };
            request(&format!("doc-{n}"), &content)
        })
        .collect();
    let answers: Vec<_> = server
        .client()
        .analyze_stream(tokio_stream::iter(requests))
        .await
        .unwrap()
        .into_inner()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    let ids: Vec<String> = answers.iter().map(|a| a.id.clone()).collect();
    let expected: Vec<String> = (0..7).map(|n| format!("doc-{n}")).collect();
    assert_eq!(ids, expected);
    assert!(answers.iter().all(|a| a.error.is_none()));
}

#[tokio::test]
async fn a_saturated_server_refuses_at_once() {
    let config = ServeConfig {
        workers: Some(1),
        max_pending_documents: Some(1),
        ..test_config()
    };
    let server = start(config).await;
    let mut busy_client = server.client();
    let busy =
        tokio::spawn(async move { busy_client.analyze(request("busy", &slow(1_500))).await });
    // Give the slow call time to take the only permit.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let status = server
        .client()
        .analyze(request("refused", STORY))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(
        status.message().contains("--max-pending-documents"),
        "{}",
        status.message()
    );

    // A batch that could never fit is refused without waiting.
    let batch = pb::BatchAnalyzeRequest {
        requests: vec![request("a", STORY), request("b", STORY)],
    };
    let status = server.client().batch_analyze(batch).await.unwrap_err();
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");

    // A stream entry that finds no room is answered with an error, and the stream goes on.
    let requests = tokio_stream::iter(vec![request("s1", STORY)]);
    let answers: Vec<_> = server
        .client()
        .analyze_stream(requests)
        .await
        .unwrap()
        .into_inner()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(
        answers[0].error.as_ref().map(|e| e.code_name.as_str()),
        Some("RESOURCE_EXHAUSTED")
    );

    assert_eq!(busy.await.unwrap().unwrap().into_inner().id, "busy");
}

#[tokio::test]
async fn a_panicking_document_is_internal_and_the_server_keeps_serving() {
    let server = start(test_config()).await;
    let mut client = server.client();
    let status = client.analyze(request("boom", PANIC)).await.unwrap_err();
    assert_eq!(status.code(), Code::Internal);
    assert!(
        status.message().contains("request id"),
        "{}",
        status.message()
    );

    let batch = pb::BatchAnalyzeRequest {
        requests: vec![request("boom", PANIC), request("fine", STORY)],
    };
    let results = client
        .batch_analyze(batch)
        .await
        .unwrap()
        .into_inner()
        .results;
    assert!(
        matches!(&results[0].outcome, Some(pb::batch_result::Outcome::Error(e)) if e.code_name == "INTERNAL")
    );
    assert!(
        matches!(&results[1].outcome, Some(pb::batch_result::Outcome::Response(r)) if r.id == "fine")
    );

    let answer = client
        .analyze(request("after", STORY))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answer.id, "after");
}

#[tokio::test]
async fn shutdown_drains_then_lets_an_in_flight_call_finish() {
    let config = ServeConfig {
        drain_delay: Duration::from_millis(400),
        grace_period: Duration::from_secs(10),
        ..test_config()
    };
    let server = start(config).await;
    let mut client = server.client();
    let in_flight =
        tokio::spawn(async move { client.analyze(request("in-flight", &slow(1_000))).await });
    tokio::time::sleep(Duration::from_millis(150)).await;
    server.running.shutdown();

    // During the drain delay health says NOT_SERVING while calls are still accepted.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let health = server
        .health()
        .check(tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(health.status, ServingStatus::NotServing as i32);

    let answer = in_flight
        .await
        .unwrap()
        .expect("the in-flight call completes")
        .into_inner();
    assert_eq!(answer.id, "in-flight");
    tokio::time::timeout(Duration::from_secs(10), server.running.wait())
        .await
        .expect("the server stops")
        .unwrap();
}

#[tokio::test]
async fn shutdown_cancels_what_outlives_the_grace_period() {
    let config = ServeConfig {
        grace_period: Duration::from_millis(300),
        ..test_config()
    };
    let server = start(config).await;
    let mut client = server.client();
    let stuck = tokio::spawn(async move { client.analyze(request("stuck", &slow(60_000))).await });

    // An open stream that never closes its side.
    let (sender, receiver) = tokio::sync::mpsc::channel(4);
    sender.send(request("s1", STORY)).await.unwrap();
    let mut answers = server
        .client()
        .analyze_stream(tokio_stream::wrappers::ReceiverStream::new(receiver))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answers.next().await.unwrap().unwrap().id, "s1");

    tokio::time::sleep(Duration::from_millis(100)).await;
    server.running.shutdown();
    let stream_end = answers.next().await.unwrap().unwrap_err();
    assert_eq!(stream_end.code(), Code::Unavailable, "{stream_end:?}");
    let status = stuck.await.unwrap().unwrap_err();
    assert_eq!(status.code(), Code::Unavailable, "{status:?}");
    tokio::time::timeout(Duration::from_secs(10), server.running.wait())
        .await
        .expect("the server stops")
        .unwrap();
    drop(sender);
}
