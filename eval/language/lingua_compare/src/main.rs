//! Writes `eval/language/lingua_answers.tsv`: per item of the given JSONL files, lingua 1.8's
//! answer in high- and low-accuracy mode, as `file, id, high, low` with whatlang-style codes.
//!
//! `cd eval/language/lingua_compare && cargo run --release -- ../../../../shared/dev/langid/*.jsonl`

use std::io::{BufRead, BufReader, Write};

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

/// lingua's ISO 639-3 code, spelt as whatlang and our detector spell it.
fn code(language: Option<Language>) -> String {
    let Some(language) = language else { return "und".to_string() };
    match language.iso_code_639_3().to_string().as_str() {
        "zho" => "cmn".to_string(),
        "fas" => "pes".to_string(),
        other => other.to_string(),
    }
}

fn main() {
    let high: LanguageDetector = LanguageDetectorBuilder::from_all_languages().with_preloaded_language_models().build();
    let low: LanguageDetector = LanguageDetectorBuilder::from_all_languages().with_low_accuracy_mode().build();
    let out_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../lingua_answers.tsv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(out_path).expect("create lingua_answers.tsv"));
    for path in std::env::args().skip(1) {
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for line in BufReader::new(file).lines() {
            let line = line.expect("read line");
            let Ok(item) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
            let id = item.get("id").and_then(|v| v.as_str()).unwrap_or("");
            let text = item.get("text").and_then(|v| v.as_str()).unwrap_or("");
            let (h, l) = (code(high.detect_language_of(text)), code(low.detect_language_of(text)));
            writeln!(out, "{name}\t{id}\t{h}\t{l}").expect("write");
        }
    }
}
