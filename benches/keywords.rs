//! Speed of the keyword stage alone (document already parsed, language known) on 1 MB inputs:
//! an English news text repeated, and one word repeated. Target: well under 50 ms per 1 MB.
//!
//! `cargo bench --bench keywords`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;
use textanalytics::analysis::document::Document;
use textanalytics::analysis::keywords;
use textanalytics::analysis::language::DetectedLanguage;
use textanalytics::analysis::ContentFormat;

const ARTICLE: &str = include_str!("../eval/keywords/texts/01-port-strike.txt");
const SIZE: usize = 1 << 20;

fn repeated(unit: &str) -> String {
    let mut text = String::with_capacity(SIZE + unit.len());
    while text.len() < SIZE {
        text.push_str(unit);
        text.push_str("\n\n");
    }
    text
}

fn english() -> DetectedLanguage {
    DetectedLanguage::hinted("en").expect("a valid language code")
}

fn keywords_1mb(c: &mut Criterion) {
    let language = english();
    // The tables are built once per process; build them before timing.
    keywords::extract(&Document::parse("warm up".to_string(), ContentFormat::PlainText), &language, 10);
    let mut group = c.benchmark_group("keywords");
    group.measurement_time(Duration::from_secs(10)).sample_size(20);
    for (name, text) in [("news_1MB", repeated(ARTICLE)), ("one_word_1MB", "strike ".repeat(SIZE / 7))] {
        let document = Document::parse(text, ContentFormat::PlainText);
        group.throughput(Throughput::Bytes(document.text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &document, |b, document| {
            b.iter(|| std::hint::black_box(keywords::extract(document, &language, 10)))
        });
    }
    group.finish();
}

criterion_group!(benches, keywords_1mb);
criterion_main!(benches);
