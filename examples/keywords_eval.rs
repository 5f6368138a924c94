//! Runs keyword extraction on text files for the quality benchmark (eval/keywords/run.py).
//!
//! Usage: `cargo run --release --example keywords_eval -- [--lang CODE] [--max N] FILE...`
//! Prints one JSON object per file and line: `{"file", "keywords": [...], "key_phrases": [...],
//! "key_terms": [...]}`, each entry with `text`, `stems`, `count` and `score` (key terms also
//! `phrase`). Files are parsed with the same
//! content sniffing as the service, so HTML fixtures work too. Without `--lang`, the language
//! is detected as the service would.

use std::process::ExitCode;

use serde_json::json;
use textanalytics::analysis::document::Document;
use textanalytics::analysis::keywords;
use textanalytics::analysis::language;
use textanalytics::analysis::ContentFormat;

fn main() -> ExitCode {
    let mut hint: Option<String> = None;
    let mut max = 20usize;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => hint = args.next(),
            "--max" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => max = n,
                None => {
                    eprintln!("--max needs a number");
                    return ExitCode::FAILURE;
                }
            },
            _ => files.push(arg),
        }
    }
    let hint = match hint.as_deref().map(language::LanguageHint::parse).transpose() {
        Ok(hint) => hint,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    for file in files {
        let content = match std::fs::read_to_string(&file) {
            Ok(content) => content,
            Err(error) => {
                eprintln!("{file}: {error}");
                return ExitCode::FAILURE;
            }
        };
        let document = Document::parse(content, ContentFormat::Sniff);
        let (detected, _) = language::determine(&document, hint.as_ref());
        let result = keywords::extract(&document, &detected, max);
        let keywords: Vec<_> = result
            .keywords
            .iter()
            .map(|k| json!({"text": k.text, "stems": [k.stem], "count": k.count, "score": k.score}))
            .collect();
        let phrases: Vec<_> = result
            .key_phrases
            .iter()
            .map(|p| json!({"text": p.text, "stems": p.stems, "count": p.count, "score": p.score}))
            .collect();
        let terms: Vec<_> = result
            .key_terms
            .iter()
            .map(|t| json!({"text": t.text, "stems": t.stems, "count": t.count, "score": t.score, "phrase": t.phrase}))
            .collect();
        println!(
            "{}",
            json!({"file": file, "language": detected.code, "keywords": keywords, "key_phrases": phrases, "key_terms": terms})
        );
    }
    ExitCode::SUCCESS
}
