//! Prints the core's entities for texts read as JSON lines on stdin (`{"id": "...", "text": "..."}`),
//! one JSON line per text on stdout, with mention offsets in Unicode code points (as Python
//! counts them). Used by `eval/entities/run.py`; `--language xx` sets the language (default `en`),
//! `--html` parses the texts as HTML fragments, `--repeat N` times N runs of the entity stage.

use std::io::{BufRead, Write};
use std::time::Instant;

use textanalytics::analysis::document::Document;
use textanalytics::analysis::language::DetectedLanguage;
use textanalytics::analysis::{entities, links, ContentFormat};

fn language(code: &str) -> DetectedLanguage {
    DetectedLanguage::hinted(code).expect("a valid language code")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let option = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let code = option("--language").unwrap_or_else(|| "en".to_string());
    let repeat: usize = option("--repeat").and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
    let format = if args.iter().any(|a| a == "--html") { ContentFormat::Html } else { ContentFormat::PlainText };
    let detected = language(&code);
    // Builds the embedded tables once, as a long-running server does, so timings are per call.
    let warm_up = Document::parse("Warm up in Kyiv.".to_string(), ContentFormat::PlainText);
    entities::extract(&warm_up, &detected, &[], None);
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let Ok(input) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let text = input["text"].as_str().unwrap_or_default().to_string();
        let document = Document::parse(text, format);
        let (found_links, _) = links::extract(&document, None);
        let started = Instant::now();
        let mut result = entities::extract(&document, &detected, &found_links, None);
        for _ in 1..repeat {
            result = entities::extract(&document, &detected, &found_links, None);
        }
        let elapsed = started.elapsed().as_secs_f64() / repeat as f64;
        let mut chars_before = vec![0usize; document.text.len() + 1];
        let mut count = 0;
        for (byte, c) in document.text.char_indices() {
            chars_before[byte] = count;
            count += 1;
            chars_before[byte + 1..byte + c.len_utf8()].fill(count);
        }
        chars_before[document.text.len()] = count;
        let char_offset = |byte: usize| chars_before[byte];
        let entities: Vec<serde_json::Value> = result
            .0
            .iter()
            .map(|e| {
                let mentions: Vec<serde_json::Value> = e
                    .mentions
                    .iter()
                    .map(|m| {
                        serde_json::json!({
                            "text": m.text,
                            "start": m.span.map(|s| char_offset(s.start)),
                            "end": m.span.map(|s| char_offset(s.end)),
                            "kind": format!("{:?}", m.kind),
                            "title": m.title,
                        })
                    })
                    .collect();
                serde_json::json!({
                    "name": e.name,
                    "type": format!("{:?}", e.entity_type),
                    "salience": e.salience,
                    "urls": e.urls,
                    "mentions": mentions,
                })
            })
            .collect();
        let output = serde_json::json!({
            "id": input["id"],
            "seconds": elapsed,
            "entities": entities,
            "warnings": result.1.iter().map(|w| w.message.clone()).collect::<Vec<_>>(),
        });
        if writeln!(stdout, "{output}").is_err() {
            break;
        }
    }
}
