//! Golden answers: the whole proto3 JSON answer for a few fixture documents, as the CLI prints
//! it, compared with a reviewed file in `tests/golden/`. Any change to an analysis shows up here
//! as a diff to read before accepting it with `BLESS=1 cargo test --test golden` — never
//! regenerate without reading the diff.

use std::path::Path;

use textanalytics::analysis::document::OffsetEncoding;
use textanalytics::analysis::{analyze, AnalysisOptions, CancelFlag, ContentFormat, FeatureSet};
use textanalytics::cli::json::response_to_json;
use textanalytics::edge::response::to_proto;

struct Case {
    name: &'static str,
    fixture: &'static str,
    base_url: &'static str,
    encoding: OffsetEncoding,
}

const CASES: &[Case] = &[
    Case {
        name: "inline_article",
        fixture: "tests/fixtures/articles/inline_article.html",
        base_url: "",
        encoding: OffsetEncoding::Utf8,
    },
    Case {
        name: "news_page_utf16",
        fixture: "tests/fixtures/articles/news_page.html",
        base_url: "https://www.example.com/world/",
        encoding: OffsetEncoding::Utf16,
    },
    Case {
        name: "spanish_article_code_points",
        fixture: "tests/fixtures/articles/spanish_article.html",
        base_url: "",
        encoding: OffsetEncoding::CodePoints,
    },
    Case { name: "german_plain", fixture: "benches/corpus/de.txt", base_url: "", encoding: OffsetEncoding::Utf8 },
    Case { name: "russian_plain", fixture: "benches/corpus/ru.txt", base_url: "", encoding: OffsetEncoding::Utf16 },
];

fn answer_json(case: &Case) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = std::fs::read_to_string(root.join(case.fixture)).expect("fixture readable");
    let options = AnalysisOptions::parse(ContentFormat::Sniff, case.base_url, "", FeatureSet::all(), 0)
        .expect("valid options");
    let analysis = analyze(content, &options, &CancelFlag::new()).expect("fixture analyses");
    let mut response = to_proto(analysis, case.name.to_string(), true, case.encoding);
    // The version carries a hash of the embedded data, which every data change moves; the
    // golden files pin the answers, not the version string.
    response.analyzer_version = "<analyzer version>".to_string();
    response_to_json(&response, true) + "\n"
}

#[test]
fn answers_match_the_reviewed_golden_files() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut differing = Vec::new();
    for case in CASES {
        let actual = answer_json(case);
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("{}.json", case.name));
        if bless {
            std::fs::write(&path, &actual).expect("golden file writable");
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{} missing ({e}); review the answer and create it with BLESS=1", path.display()));
        if expected != actual {
            let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
            differing.push(format!(
                "{}: first difference at line {}:\n  golden: {}\n  actual: {}",
                case.name,
                line + 1,
                expected.lines().nth(line).unwrap_or(""),
                actual.lines().nth(line).unwrap_or("")
            ));
        }
    }
    assert!(differing.is_empty(), "answers changed (review, then BLESS=1):\n{}", differing.join("\n"));
}

#[test]
fn the_same_request_gives_byte_identical_answers() {
    for case in CASES {
        assert_eq!(answer_json(case), answer_json(case), "{} is not deterministic", case.name);
    }
}
