//! Scores texts with the tone core for the quality benchmark (`eval/tone/run.py`).
//!
//! Reads `id<TAB>text` lines on stdin (text on one line; `\n` in it stands for a line break)
//! and prints one JSON object per line: the document score, the sentence scores and the
//! voice summaries. The language is taken as English: the benchmark measures the lexicon
//! and rules, not language detection.

use std::io::{self, BufRead, BufWriter, Write};

use serde_json::json;
use textanalytics::analysis::document::Document;
use textanalytics::analysis::language::DetectedLanguage;
use textanalytics::analysis::{tone, ContentFormat};

fn main() -> io::Result<()> {
    let english = DetectedLanguage::hinted("en").expect("a valid language code");
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let Some((id, text)) = line.split_once('\t') else {
            continue;
        };
        let document = Document::parse(text.replace("\\n", "\n"), ContentFormat::PlainText);
        let (found, _) = tone::analyze(&document, &english);
        let record = match found {
            Some(t) => json!({
                "id": id,
                "score": t.score,
                "magnitude": t.magnitude,
                "positive": t.positive,
                "negative": t.negative,
                "neutral": t.neutral,
                "sentences": t.sentences.iter().map(|s| s.score).collect::<Vec<_>>(),
                "sentence_sums": t.sentences.iter().map(|s| t.markers[s.markers.clone()].iter().map(|m| m.valence).sum::<f32>()).collect::<Vec<_>>(),
                "sentence_magnitudes": t.sentences.iter().map(|s| s.magnitude).collect::<Vec<_>>(),
                "narrator": t.narrator.score,
                "quoted": t.quoted.score,
                "markers": t.markers.iter().map(|m| format!("{}:{:.2}", m.text, m.valence)).collect::<Vec<_>>(),
            }),
            None => json!({ "id": id, "score": null }),
        };
        writeln!(out, "{record}")?;
    }
    out.flush()
}
