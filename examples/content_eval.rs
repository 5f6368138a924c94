//! Prints the core's article body and page metadata for pages read as JSON lines on stdin
//! (`{"id": "...", "url": "...", "html": "..."}`), one JSON line per page on stdout: `body` (the
//! text cut to `page.body`), `title`, `published_date` (the answer's top-level date), `authors`,
//! `extracted`, and `seconds` (parse and extraction, timed). Used by `eval/content/run.py`;
//! `--extraction none` reads pages whole (the baseline).

use std::io::{BufRead, Write};
use std::time::Instant;

use textanalytics::analysis::{analyze, AnalysisOptions, CancelFlag, ContentExtraction, ContentFormat, Feature};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let extraction = match args.iter().position(|a| a == "--extraction").and_then(|i| args.get(i + 1)).map(String::as_str) {
        Some("none") => ContentExtraction::None,
        Some("auto") => ContentExtraction::Auto,
        _ => ContentExtraction::Article,
    };
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let Ok(input) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let html = input["html"].as_str().unwrap_or_default().to_string();
        let url = input["url"].as_str().unwrap_or_default();
        let mut options = AnalysisOptions::parse(
            ContentFormat::Html,
            url,
            "",
            [Feature::Language].into_iter().collect(),
            0,
        )
        .unwrap_or_default();
        options.extraction = extraction;
        let started = Instant::now();
        let Ok(analysis) = analyze(html, &options, &CancelFlag::new()) else { continue };
        let seconds = started.elapsed().as_secs_f64();
        let text = &analysis.document.text;
        let (body, title, authors, extracted) = match &analysis.page {
            Some(page) => (&text[page.body.range()], page.title.clone(), page.authors.clone(), page.extracted),
            None => (text.as_str(), String::new(), Vec::new(), false),
        };
        let out = serde_json::json!({
            "id": input["id"],
            "body": body,
            "title": title,
            "authors": authors,
            "published_date": analysis.published_date.unwrap_or_default(),
            "extracted": extracted,
            "seconds": seconds,
        });
        let _ = writeln!(stdout, "{out}");
    }
}
