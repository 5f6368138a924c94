//! The offline CLI answers exactly what the server answers: the same requests go to a real server
//! (through the generated client) and to the built `textanalytics analyze`, and the proto3 JSON of
//! both must be equal.

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use textanalytics::cli::json::response_to_json;
use textanalytics::proto::v1 as pb;

const ARTICLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/corpus/en.html"));
const GERMAN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/corpus/de.txt"));

fn cli(args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_textanalytics"))
        .arg("analyze")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().expect("piped stdin").write_all(stdin.as_bytes()).expect("write stdin");
    let output = child.wait_with_output().expect("the binary finishes");
    (
        output.status.success(),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Pairs of (CLI flags, the same request for the server).
fn cases() -> Vec<(Vec<&'static str>, pb::AnalyzeRequest)> {
    vec![
        (
            vec!["--id", "article", "--include-text", "--base-url", "https://www.example-news.com/world/"],
            pb::AnalyzeRequest {
                id: "article".into(),
                content: ARTICLE.into(),
                include_text: true,
                base_url: "https://www.example-news.com/world/".into(),
                ..Default::default()
            },
        ),
        (
            vec!["--extraction", "none", "--include-text"],
            pb::AnalyzeRequest {
                content: ARTICLE.into(),
                include_text: true,
                extraction: pb::ContentExtraction::None as i32,
                ..Default::default()
            },
        ),
        (
            vec!["--extraction", "article", "--include-text"],
            pb::AnalyzeRequest {
                content: ARTICLE.into(),
                include_text: true,
                extraction: pb::ContentExtraction::Article as i32,
                ..Default::default()
            },
        ),
        (
            vec!["--offset-encoding", "utf16", "--features", "keywords,links", "--max-keywords", "3"],
            pb::AnalyzeRequest {
                content: ARTICLE.into(),
                offset_encoding: pb::OffsetEncoding::Utf16 as i32,
                features: vec![pb::Feature::Keywords as i32, pb::Feature::Links as i32],
                max_keywords: 3,
                ..Default::default()
            },
        ),
        (
            vec!["--format", "plain", "--offset-encoding", "code-points"],
            pb::AnalyzeRequest {
                content: GERMAN.into(),
                format: pb::ContentFormat::PlainText as i32,
                offset_encoding: pb::OffsetEncoding::CodePoints as i32,
                ..Default::default()
            },
        ),
    ]
}

#[tokio::test]
async fn cli_json_equals_server_json() {
    let server = common::start(common::test_config()).await;
    for (flags, request) in cases() {
        let content = request.content.clone();
        let from_server = server.client().analyze(request).await.expect("the server answers").into_inner();
        let (ok, stdout, stderr) = cli(&flags, &content);
        assert!(ok, "analyze {flags:?} failed: {stderr}");
        assert_eq!(json(&stdout), json(&response_to_json(&from_server, false)), "flags {flags:?}");
    }
}

#[tokio::test]
async fn jsonl_answers_every_line_in_order_with_errors_of_their_own() {
    let server = common::start(common::test_config()).await;
    let good = pb::AnalyzeRequest { id: "g1".into(), content: common::STORY.into(), ..Default::default() };
    let from_server = server.client().analyze(good).await.expect("the server answers").into_inner();

    let input = format!(
        "{}\nthis line is not JSON\n{}\n{}\n",
        serde_json::json!({"id": "g1", "content": common::STORY}),
        serde_json::json!({"id": "empty", "content": "   "}),
        serde_json::json!({"id": "hint", "content": common::STORY, "languageHint": "english"}),
    );
    let (ok, stdout, stderr) = cli(&["--jsonl"], &input);
    assert!(ok, "{stderr}");
    let lines: Vec<serde_json::Value> = stdout.lines().map(json).collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert_eq!(lines[0], json(&response_to_json(&from_server, false)));
    assert_eq!(lines[1]["error"]["codeName"], "INVALID_ARGUMENT");
    assert_eq!(lines[2]["id"], "empty");
    assert_eq!(lines[2]["error"]["codeName"], "INVALID_ARGUMENT");
    assert!(lines[2]["error"]["message"].as_str().unwrap_or_default().contains("content"));
    assert_eq!(lines[3]["id"], "hint");
    assert!(lines[3]["error"]["message"].as_str().unwrap_or_default().contains("language_hint"));
}

#[test]
fn jsonl_answers_blank_lines_and_keeps_the_id_of_a_bad_request() {
    let input = format!(
        "{}\n\n   \n{}\n{}\n",
        serde_json::json!({"id": "first", "content": common::STORY}),
        serde_json::json!({"id": "typo", "contnet": common::STORY}),
        serde_json::json!({"id": "last", "content": common::STORY}),
    );
    let (ok, stdout, stderr) = cli(&["--jsonl"], &input);
    assert!(ok, "{stderr}");
    let lines: Vec<serde_json::Value> = stdout.lines().map(json).collect();
    assert_eq!(lines.len(), 5, "one answer per input line: {stdout}");
    assert_eq!(lines[0]["id"], "first");
    for blank in &lines[1..3] {
        assert_eq!(blank["id"], "");
        assert_eq!(blank["error"]["codeName"], "INVALID_ARGUMENT");
        assert!(blank["error"]["message"].as_str().unwrap_or_default().contains("blank"), "{blank}");
    }
    assert_eq!(lines[3]["id"], "typo");
    assert_eq!(lines[3]["error"]["codeName"], "INVALID_ARGUMENT");
    assert_eq!(lines[4]["id"], "last");
    assert!(lines[4]["error"].is_null(), "{}", lines[4]);
}

#[test]
fn a_file_that_cannot_be_read_is_named() {
    let missing = "no-such-article-7f3a.txt";
    let (ok, stdout, stderr) = cli(&[missing], "");
    assert!(!ok);
    assert!(stdout.is_empty());
    assert!(stderr.contains(missing), "{stderr}");
}

#[test]
fn a_callers_mistake_exits_non_zero_and_names_the_field() {
    let (ok, stdout, stderr) = cli(&["--language-hint", "english"], "Some text to analyse.");
    assert!(!ok);
    assert!(stdout.is_empty());
    assert!(stderr.contains("INVALID_ARGUMENT") && stderr.contains("language_hint"), "{stderr}");
}
