//! Scores targets inside texts with the tone core, for `eval/tone/targets.py` (evaluation) and
//! `eval/tone/train_target.py` (fitting the target weights on the features this prints).
//!
//! Reads JSON lines `{"id": …, "text": …, "targets": [{"id": …, "start": …, "end": …}]}` on
//! stdin, offsets in UTF-8 bytes, and prints one JSON object per target: the tone toward it
//! (`tone::target::toward`), its sentence's tone (`tone::summarize_sentences`), and the model's
//! features of the mention (`tone::target::mention_features`) as `[group, key, value]`, which
//! the trainer fits the weights over; whether any marker bears on it; and the markers that
//! moved its tone. The language is taken as English.

use std::io::{self, BufRead, BufWriter, Write};

use serde_json::{json, Value};
use textanalytics::analysis::document::Document;
use textanalytics::analysis::language::DetectedLanguage;
use textanalytics::analysis::tone::{self, target};
use textanalytics::analysis::{ContentFormat, TextSpan};

fn main() -> io::Result<()> {
    let english = DetectedLanguage::hinted("en").expect("a valid language code");
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let Ok(item) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let text = item["text"].as_str().unwrap_or_default().to_string();
        let document = Document::parse(text, ContentFormat::PlainText);
        let (Some(found), _) = tone::analyze(&document, &english) else {
            continue;
        };
        for t in item["targets"].as_array().into_iter().flatten() {
            let offset = |key: &str| t[key].as_u64().unwrap_or(0) as usize;
            let span = TextSpan::new(offset("start"), offset("end"));
            let (mut contributions, mut features) = (Vec::new(), Vec::new());
            target::mention_features(&document, &found, span, &mut contributions, &mut features);
            let toward = target::toward(&document, &found, [span]);
            let record = json!({
                "id": t["id"],
                "target": toward.score,
                "sentence": tone::summarize_sentences(&found, [span]).score,
                "features": features.iter().map(|f| json!([f.group as u8, f.key, f.value])).collect::<Vec<_>>(),
                "contributions": contributions.len(),
                "markers": toward.markers.iter().map(|&m| document.slice(found.markers[m as usize].span)).collect::<Vec<_>>(),
            });
            writeln!(out, "{record}")?;
        }
    }
    out.flush()
}
