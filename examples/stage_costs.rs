//! What each stage of the analysis costs on one real-size article, one core: the document
//! model, language, links, keywords, tone, entities (with who-said-what) and the proto
//! conversion, each run on its own, in the pipeline's order and with its inputs.
//!
//!     cargo run --release --example stage_costs [-- FILE [ROUNDS]]
//!
//! FILE defaults to `benches/corpus/en.html` (2,635 bytes of English news HTML). Prints the
//! median µs per stage over ROUNDS (default 2,000) after a warm-up. For instruction counts that
//! machine noise does not move, run it under callgrind, collecting only the measured rounds:
//!
//!     valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*stage_costs*measured*' \
//!         target/release/examples/stage_costs benches/corpus/en.html 20
//!     callgrind_annotate --inclusive=yes callgrind.out.* | grep -E 'analysis::|edge::'
//!
//! Both calls of `measured` are collected (the 20 warm-up rounds and the ROUNDS measured ones),
//! and every stage runs twice a round (on its own, and inside the whole analysis): with ROUNDS 20
//! divide a stage's inclusive count by 80, `pipeline::analyze`'s and `response::to_proto`'s by 40,
//! and take the entity gazetteer's one-time `gazetteer::build` off the entity stage first.

use std::time::{Duration, Instant};

use textanalytics::analysis::document::{Document, OffsetEncoding};
use textanalytics::analysis::{entities, keywords, language, links, tone, AnalysisOptions, CancelFlag, ContentFormat, FeatureSet};
use textanalytics::edge::response;

const STAGES: [&str; 8] = ["document", "language", "links", "keywords", "tone", "entities", "proto", "whole analysis"];

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/benches/corpus/en.html").to_string());
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let content = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let options = AnalysisOptions::parse(ContentFormat::Sniff, "", "", FeatureSet::all(), 0).expect("default options");

    measured(&content, &options, 20); // warm-up: embedded tables touched, caches filled
    let samples = measured(&content, &options, rounds);
    println!("{path}: {} bytes, {rounds} rounds, median µs per stage", content.len());
    for (stage, times) in STAGES.iter().zip(samples) {
        println!("{stage:>15}: {:>8.1}", median(times).as_secs_f64() * 1e6);
    }
}

/// Runs every stage `rounds` times; the times of each stage, round by round.
#[inline(never)]
fn measured(content: &str, options: &AnalysisOptions, rounds: usize) -> Vec<Vec<Duration>> {
    let mut times = vec![Vec::with_capacity(rounds); STAGES.len()];
    for _ in 0..rounds {
        let mut lap = Lap(Instant::now());
        let document = Document::parse_with(content.to_string(), options.format, options.extraction, &CancelFlag::new());
        times[0].push(lap.next());
        let found = language::analyze(&document, None);
        times[1].push(lap.next());
        let (found_links, _) = links::extract(&document, None);
        times[2].push(lap.next());
        let found_keywords = keywords::extract(&document, &found.language, options.max_keywords);
        times[3].push(lap.next());
        let (mut found_tone, _) = tone::analyze(&document, &found.language);
        times[4].push(lap.next());
        let (mut found_entities, _) = entities::extract(&document, &found.language, &found_links, found_tone.as_ref());
        if let Some(tone) = found_tone.as_mut() {
            tone::speakers::attribute(&document, tone, &mut found_entities);
        }
        times[5].push(lap.next());
        drop((found_keywords, found_entities, found_tone, found_links));
        let analysis = textanalytics::analysis::analyze(content.to_string(), options, &CancelFlag::new()).expect("an answer");
        let analysed = lap.next();
        let answer = response::to_proto(analysis, String::new(), false, OffsetEncoding::Utf8);
        let converted = lap.next();
        times[6].push(converted);
        times[7].push(analysed + converted);
        std::hint::black_box(answer);
    }
    times
}

struct Lap(Instant);

impl Lap {
    fn next(&mut self) -> Duration {
        let now = Instant::now();
        let lap = now - self.0;
        self.0 = now;
        lap
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}
