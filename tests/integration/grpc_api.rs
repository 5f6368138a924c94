//! The contract end to end through the generated client: every RPC, every error row of the
//! API that needs no test hook, request ids, compression, health and both reflection versions.

use crate::common;

use common::{encode_request_bytes, raw_unary, request, start, test_config, STORY};
use textanalytics::proto::v1 as pb;
use textanalytics::service::ServeConfig;
use tokio_stream::StreamExt;
use tonic::codec::CompressionEncoding;
use tonic::Code;

#[tokio::test]
async fn analyze_echoes_the_id_and_names_the_version() {
    let server = start(test_config()).await;
    let answer = server
        .client()
        .analyze(request("story-1", STORY))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answer.id, "story-1");
    assert_eq!(
        answer.analyzer_version,
        textanalytics::version::analyzer_version()
    );
    assert!(
        answer.text.is_empty(),
        "text only comes back with include_text"
    );
    assert!(answer.error.is_none());
    let language = answer.language.expect("language is always answered");
    assert_eq!(language.code_alpha3, "eng");
    let stats = answer.stats.expect("stats are always answered");
    assert_eq!(stats.characters as usize, STORY.chars().count());
}

#[tokio::test]
async fn include_text_returns_plain_text_unchanged() {
    let server = start(test_config()).await;
    let answer = server
        .client()
        .analyze(pb::AnalyzeRequest {
            include_text: true,
            ..request("t", STORY)
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(answer.text, STORY);
}

#[tokio::test]
async fn equal_requests_give_equal_answers() {
    let server = start(test_config()).await;
    let mut client = server.client();
    let first = client
        .analyze(request("same", STORY))
        .await
        .unwrap()
        .into_inner();
    let second = client
        .analyze(request("same", STORY))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        prost::Message::encode_to_vec(&first),
        prost::Message::encode_to_vec(&second)
    );
}

#[tokio::test]
async fn batch_answers_the_good_documents_around_an_empty_one() {
    let server = start(test_config()).await;
    let batch = pb::BatchAnalyzeRequest {
        requests: vec![
            request("first", STORY),
            request("empty", ""),
            request("third", "Rain is expected tomorrow in the hills."),
        ],
    };
    let results = server
        .client()
        .batch_analyze(batch)
        .await
        .unwrap()
        .into_inner()
        .results;
    assert_eq!(
        results.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["first", "empty", "third"]
    );
    for index in [0, 2] {
        match &results[index].outcome {
            Some(pb::batch_result::Outcome::Response(answer)) => {
                assert_eq!(answer.id, results[index].id)
            }
            other => panic!("result {index} should be an answer, got {other:?}"),
        }
    }
    match &results[1].outcome {
        Some(pb::batch_result::Outcome::Error(error)) => {
            assert_eq!(error.code, Code::InvalidArgument as i32);
            assert_eq!(error.code_name, "INVALID_ARGUMENT");
            assert_eq!(
                error.message,
                "requests[1].content is empty or only whitespace"
            );
        }
        other => panic!("the empty document should be an error, got {other:?}"),
    }
}

#[tokio::test]
async fn batch_over_the_limit_is_invalid_argument() {
    let server = start(ServeConfig {
        max_batch: 2,
        ..test_config()
    })
    .await;
    let batch = pb::BatchAnalyzeRequest {
        requests: (0..3).map(|n| request(&n.to_string(), STORY)).collect(),
    };
    let status = server.client().batch_analyze(batch).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(
        status.message(),
        "requests has 3 entries; the limit is 2 (--max-batch)"
    );
}

#[tokio::test]
async fn stream_of_three_answers_three_ids_in_order() {
    let server = start(test_config()).await;
    let requests = vec![
        request("a", STORY),
        request("b", "A short note about the weather in the valley."),
        request(
            "c",
            "<p>The <b>museum</b> opens a new wing next spring.</p>",
        ),
    ];
    let answers: Vec<pb::AnalyzeResponse> = server
        .client()
        .analyze_stream(tokio_stream::iter(requests))
        .await
        .unwrap()
        .into_inner()
        .collect::<Result<_, _>>()
        .await
        .unwrap();
    assert_eq!(
        answers.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
    assert!(answers.iter().all(|a| a.error.is_none()));
}

#[tokio::test]
async fn stream_answers_a_bad_document_with_an_error_and_goes_on() {
    let server = start(ServeConfig {
        max_content_bytes: 200,
        ..test_config()
    })
    .await;
    let requests = vec![
        request("ok-1", "Short and fine."),
        request("blank", " \n "),
        request("huge", &"word ".repeat(100)),
        pb::AnalyzeRequest {
            language_hint: "not a language".into(),
            ..request("hint", "Fine text.")
        },
        request("ok-2", "Also fine."),
    ];
    let answers: Vec<pb::AnalyzeResponse> = server
        .client()
        .analyze_stream(tokio_stream::iter(requests))
        .await
        .unwrap()
        .into_inner()
        .collect::<Result<_, _>>()
        .await
        .unwrap();
    let ids: Vec<&str> = answers.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["ok-1", "blank", "huge", "hint", "ok-2"]);
    let error_of = |i: usize| answers[i].error.clone().expect("an error answer");
    assert!(answers[0].error.is_none() && answers[4].error.is_none());
    assert_eq!(error_of(1).code_name, "INVALID_ARGUMENT");
    assert_eq!(
        error_of(2).message,
        "content is 500 bytes; the limit is 200 (--max-content-bytes)"
    );
    assert!(
        error_of(3).message.starts_with("language_hint"),
        "{}",
        error_of(3).message
    );
}

#[tokio::test]
async fn an_oversized_stream_message_ends_the_stream_with_resource_exhausted() {
    let server = start(ServeConfig {
        max_request_bytes: 64 * 1024,
        ..test_config()
    })
    .await;
    let requests = vec![
        request("small", STORY),
        request("huge", &"c".repeat(100 * 1024)),
    ];
    let mut answers = server
        .client()
        .analyze_stream(tokio_stream::iter(requests))
        .await
        .unwrap()
        .into_inner();
    let mut seen = Vec::new();
    let status = loop {
        match answers.next().await {
            Some(Ok(answer)) => seen.push(answer.id),
            Some(Err(status)) => break status,
            None => panic!("the stream ended without an error after {seen:?}"),
        }
    };
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    assert!(
        status.message().contains("--max-request-bytes"),
        "{}",
        status.message()
    );
    assert!(seen.iter().all(|id| id == "small"));
}

#[tokio::test]
async fn capabilities_report_version_limits_and_languages() {
    let config = ServeConfig {
        max_batch: 7,
        max_content_bytes: 4096,
        ..test_config()
    };
    let server = start(config).await;
    let answer = server
        .client()
        .get_capabilities(pb::GetCapabilitiesRequest {})
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        answer.analyzer_version,
        textanalytics::version::analyzer_version()
    );
    let limits = answer.limits.unwrap();
    assert_eq!((limits.max_batch, limits.max_content_bytes), (7, 4096));
    assert_eq!(limits.default_max_keywords, 10);
    let english = answer
        .languages
        .iter()
        .find(|l| l.code == "en")
        .expect("English is listed");
    assert!(english.detection);
    assert_eq!(english.code_alpha3, "eng");
    let support = textanalytics::analysis::capabilities::language_support();
    assert_eq!(answer.languages.len(), support.len());
}

async fn analyze_status(config: ServeConfig, request: pb::AnalyzeRequest) -> tonic::Status {
    let server = start(config).await;
    server
        .client()
        .analyze(request)
        .await
        .expect_err("the request must be refused")
}

#[tokio::test]
async fn error_rows_of_the_contract() {
    let cases: Vec<(&str, ServeConfig, pb::AnalyzeRequest, Code, &str)> = vec![
        (
            "empty",
            test_config(),
            request("x", ""),
            Code::InvalidArgument,
            "content is empty or only whitespace",
        ),
        (
            "whitespace",
            test_config(),
            request("x", " \t\n "),
            Code::InvalidArgument,
            "content is empty or only whitespace",
        ),
        (
            "content over the limit",
            ServeConfig {
                max_content_bytes: 1024,
                ..test_config()
            },
            request("x", &"a".repeat(1536)),
            Code::InvalidArgument,
            "content is 1536 bytes; the limit is 1024 (--max-content-bytes)",
        ),
        (
            "language hint",
            test_config(),
            pb::AnalyzeRequest {
                language_hint: "english please".into(),
                ..request("x", STORY)
            },
            Code::InvalidArgument,
            "language_hint",
        ),
        (
            "base url",
            test_config(),
            pb::AnalyzeRequest {
                base_url: "not a url".into(),
                ..request("x", STORY)
            },
            Code::InvalidArgument,
            "base_url",
        ),
        (
            "unknown enum value",
            test_config(),
            pb::AnalyzeRequest {
                offset_encoding: 99,
                ..request("x", STORY)
            },
            Code::InvalidArgument,
            "offset_encoding",
        ),
        (
            "request over the limit",
            ServeConfig {
                max_request_bytes: 64 * 1024,
                ..test_config()
            },
            request("x", &"b".repeat(100 * 1024)),
            Code::ResourceExhausted,
            "--max-request-bytes",
        ),
    ];
    for (name, config, request, code, message) in cases {
        let status = analyze_status(config, request).await;
        assert_eq!(status.code(), code, "{name}: {status:?}");
        assert!(
            status.message().contains(message),
            "{name}: {:?} lacks {message:?}",
            status.message()
        );
    }
}

#[tokio::test]
async fn invalid_utf8_is_invalid_argument_naming_the_field() {
    let server = start(test_config()).await;
    let body = encode_request_bytes("bad", b"Caf\xe9 au lait \xff\xfe");
    let status = raw_unary(
        server.channel.clone(),
        "/textanalytics.v1.TextAnalytics/Analyze",
        body,
    )
    .await
    .expect_err("invalid UTF-8 must be refused");
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    assert!(
        status.message().contains("AnalyzeRequest.content"),
        "{}",
        status.message()
    );
    // The same bytes as valid UTF-8 go through, so it was the encoding that was refused.
    let body = encode_request_bytes("good", "Café au lait".as_bytes());
    let answer = raw_unary(
        server.channel.clone(),
        "/textanalytics.v1.TextAnalytics/Analyze",
        body,
    )
    .await
    .unwrap();
    assert_eq!(answer.id, "good");
}

#[tokio::test]
async fn request_ids_are_echoed_or_made_up() {
    let server = start(test_config()).await;
    let mut client = server.client();

    let mut with_id = tonic::Request::new(request("r", STORY));
    with_id
        .metadata_mut()
        .insert("x-request-id", "caller-chosen-42".parse().unwrap());
    let answer = client.analyze(with_id).await.unwrap();
    assert_eq!(
        answer.metadata().get("x-request-id").unwrap(),
        "caller-chosen-42"
    );

    let answer = client.analyze(request("r", STORY)).await.unwrap();
    let made_up = answer
        .metadata()
        .get("x-request-id")
        .expect("a request id is made up")
        .to_str()
        .unwrap();
    assert_eq!(uuid::Uuid::parse_str(made_up).unwrap().get_version_num(), 4);

    // Refusals carry the id too.
    let mut refused = tonic::Request::new(request("r", ""));
    refused
        .metadata_mut()
        .insert("x-request-id", "refused-7".parse().unwrap());
    let status = client.analyze(refused).await.unwrap_err();
    assert_eq!(status.metadata().get("x-request-id").unwrap(), "refused-7");
}

#[tokio::test]
async fn gzip_and_zstd_work_both_ways() {
    let server = start(test_config()).await;
    for encoding in [CompressionEncoding::Gzip, CompressionEncoding::Zstd] {
        let mut client = server
            .client()
            .send_compressed(encoding)
            .accept_compressed(encoding);
        let answer = client
            .analyze(request("z", &STORY.repeat(20)))
            .await
            .unwrap();
        let used = answer
            .metadata()
            .get("grpc-encoding")
            .map(|v| v.to_str().unwrap().to_string());
        let expected = match encoding {
            CompressionEncoding::Gzip => "gzip",
            _ => "zstd",
        };
        assert_eq!(used.as_deref(), Some(expected));
        assert_eq!(answer.into_inner().id, "z");
    }
}

#[tokio::test]
async fn health_reports_serving_for_the_server_and_the_service() {
    let server = start(test_config()).await;
    let mut health = server.health();
    for service in ["", "textanalytics.v1.TextAnalytics"] {
        let answer = health
            .check(tonic_health::pb::HealthCheckRequest {
                service: service.to_string(),
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            answer.status,
            tonic_health::pb::health_check_response::ServingStatus::Serving as i32,
            "{service:?}"
        );
    }
}

const EXPECTED_SERVICES: [&str; 4] = [
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
    "textanalytics.v1.TextAnalytics",
];

#[tokio::test]
async fn reflection_v1_lists_every_service_and_describes_them() {
    use tonic_reflection::pb::v1::{
        server_reflection_client::ServerReflectionClient,
        server_reflection_request::MessageRequest, server_reflection_response::MessageResponse,
        ServerReflectionRequest,
    };
    let server = start(test_config()).await;
    let mut client = ServerReflectionClient::new(server.channel.clone());
    let ask = |request: MessageRequest| ServerReflectionRequest {
        host: String::new(),
        message_request: Some(request),
    };
    let requests = vec![
        ask(MessageRequest::ListServices(String::new())),
        ask(MessageRequest::FileContainingSymbol(
            "textanalytics.v1.TextAnalytics".into(),
        )),
        ask(MessageRequest::FileContainingSymbol(
            "grpc.health.v1.Health".into(),
        )),
    ];
    let answers: Vec<_> = client
        .server_reflection_info(tokio_stream::iter(requests))
        .await
        .unwrap()
        .into_inner()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    let Some(MessageResponse::ListServicesResponse(list)) = &answers[0].message_response else {
        panic!(
            "expected a service list, got {:?}",
            answers[0].message_response
        );
    };
    let mut names: Vec<&str> = list.service.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, EXPECTED_SERVICES);
    for answer in &answers[1..] {
        assert!(
            matches!(&answer.message_response, Some(MessageResponse::FileDescriptorResponse(f)) if !f.file_descriptor_proto.is_empty()),
            "{answer:?}"
        );
    }
}

#[tokio::test]
async fn reflection_v1alpha_lists_every_service() {
    use tonic_reflection::pb::v1alpha::{
        server_reflection_client::ServerReflectionClient,
        server_reflection_request::MessageRequest, server_reflection_response::MessageResponse,
        ServerReflectionRequest,
    };
    let server = start(test_config()).await;
    let mut client = ServerReflectionClient::new(server.channel.clone());
    let requests = vec![
        ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::ListServices(String::new())),
        },
        ServerReflectionRequest {
            host: String::new(),
            message_request: Some(MessageRequest::FileContainingSymbol(
                "textanalytics.v1.AnalyzeRequest".into(),
            )),
        },
    ];
    let answers: Vec<_> = client
        .server_reflection_info(tokio_stream::iter(requests))
        .await
        .unwrap()
        .into_inner()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    let Some(MessageResponse::ListServicesResponse(list)) = &answers[0].message_response else {
        panic!(
            "expected a service list, got {:?}",
            answers[0].message_response
        );
    };
    let mut names: Vec<&str> = list.service.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, EXPECTED_SERVICES);
    assert!(matches!(
        &answers[1].message_response,
        Some(MessageResponse::FileDescriptorResponse(_))
    ));
}

#[tokio::test]
async fn shutdown_without_calls_stops_the_server() {
    let server = start(test_config()).await;
    server.running.shutdown();
    tokio::time::timeout(std::time::Duration::from_secs(10), server.running.wait())
        .await
        .expect("the server stops well within the grace period")
        .unwrap();
}

/// A Prometheus scrape on `--metrics-listen`: calls by method and code, latency buckets,
/// documents per feature, build info, and no health probes.
#[tokio::test]
async fn metrics_show_calls_by_code_and_latency_buckets() {
    let server = start(ServeConfig { metrics_listen: Some("127.0.0.1:0".parse().expect("literal")), ..test_config() }).await;
    let metrics_addr = server.running.metrics_addr().expect("a metrics listener");
    let mut client = server.client();
    for id in ["m1", "m2"] {
        client.analyze(request(id, STORY)).await.expect("analysed");
    }
    let refused = client.analyze(pb::AnalyzeRequest { language_hint: "not a language".into(), ..request("m3", STORY) }).await;
    assert_eq!(refused.unwrap_err().code(), Code::InvalidArgument);
    let mut health = tonic_health::pb::health_client::HealthClient::new(server.channel.clone());
    health.check(tonic_health::pb::HealthCheckRequest { service: String::new() }).await.expect("healthy");

    let page = common::scrape_metrics(metrics_addr).await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let value = |series: &str| -> f64 {
        common::metric_value(&page, series).unwrap_or_else(|| panic!("{series} missing from:\n{page}"))
    };
    let analyze = "/textanalytics.v1.TextAnalytics/Analyze";
    assert!(value(&format!("textanalytics_calls_total{{method=\"{analyze}\",code=\"OK\"}}")) >= 2.0);
    assert!(value(&format!("textanalytics_calls_total{{method=\"{analyze}\",code=\"INVALID_ARGUMENT\"}}")) >= 1.0);
    assert!(value(&format!("textanalytics_call_duration_seconds_bucket{{method=\"{analyze}\",le=\"+Inf\"}}")) >= 3.0);
    assert!(value("textanalytics_documents_total{feature=\"keywords\"}") >= 2.0);
    assert!(page.contains("textanalytics_build_info{analyzer_version=\""), "{page}");
    assert!(!page.contains("grpc.health"), "health probes are not traffic:\n{page}");
}
