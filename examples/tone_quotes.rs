//! Prints who said what, for `eval/tone/run.py` (speaker attribution on our fixtures) and for
//! reviewing answers by eye.
//!
//! Reads JSON lines `{"id": …, "text": …, "format": "text"|"html"}` on stdin, runs the whole
//! analysis (language hinted as English) and prints one JSON object per quote: the text of
//! the speech region, the speaker, the verb and the quote's tone.

use std::io::{self, BufRead, BufWriter, Write};

use serde_json::{json, Value};
use textanalytics::analysis::language::LanguageHint;
use textanalytics::analysis::{analyze, AnalysisOptions, CancelFlag, ContentFormat};

fn main() -> io::Result<()> {
    let hint = LanguageHint::parse("en").expect("a valid hint");
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let Ok(item) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let format = if item["format"] == "html" { ContentFormat::Html } else { ContentFormat::PlainText };
        let options = AnalysisOptions { format, language_hint: Some(hint.clone()), ..AnalysisOptions::default() };
        let text = item["text"].as_str().unwrap_or_default().to_string();
        let Ok(analysis) = analyze(text, &options, &CancelFlag::new()) else {
            continue;
        };
        let Some(tone) = &analysis.tone else {
            continue;
        };
        for quote in &tone.quotes {
            let record = json!({
                "id": item["id"],
                "speech": analysis.document.slice(quote.span),
                "speaker": quote.speaker,
                "entity": quote.speaker_entity.is_some(),
                "verb": quote.verb,
                "score": quote.tone.score,
            });
            writeln!(out, "{record}")?;
        }
    }
    out.flush()
}
