//! Speed of the tone stage alone (document already parsed, language known) on 1 MB inputs:
//! a news article repeated, one emotive word repeated, shouting with exclamations, and quote
//! marks everywhere. Target: well under 50 ms per 1 MB in release.
//!
//! `cargo bench --bench tone`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;
use textanalytics::analysis::document::Document;
use textanalytics::analysis::language::DetectedLanguage;
use textanalytics::analysis::{tone, ContentFormat};

const ARTICLE: &str = include_str!("../eval/tone/fixture_article.html");
const SIZE: usize = 1 << 20;

fn repeated(unit: &str, separator: &str) -> String {
    let mut text = String::with_capacity(SIZE + unit.len());
    while text.len() < SIZE {
        text.push_str(unit);
        text.push_str(separator);
    }
    text
}

fn english() -> DetectedLanguage {
    DetectedLanguage::hinted("en").expect("a valid language code")
}

fn tone_1mb(c: &mut Criterion) {
    let language = english();
    // The lexicon is built once per process; build it before timing.
    tone::analyze(
        &Document::parse("warm up".to_string(), ContentFormat::PlainText),
        &language,
    );
    let mut group = c.benchmark_group("tone");
    group
        .measurement_time(Duration::from_secs(10))
        .sample_size(20);
    let inputs = [
        (
            "news_1MB",
            Document::parse(repeated(ARTICLE, "\n"), ContentFormat::Html),
        ),
        (
            "one_word_1MB",
            Document::parse(repeated("bad", " "), ContentFormat::PlainText),
        ),
        (
            "shouting_1MB",
            Document::parse(
                repeated("NOT GOOD at all, said he!!!", " "),
                ContentFormat::PlainText,
            ),
        ),
        (
            "quotes_1MB",
            Document::parse(
                repeated("“no,” he said ‘so’ \"bad\"", " "),
                ContentFormat::PlainText,
            ),
        ),
    ];
    for (name, document) in inputs {
        group.throughput(Throughput::Bytes(document.text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(name),
            &document,
            |b, document| b.iter(|| std::hint::black_box(tone::analyze(document, &language))),
        );
    }
    group.finish();
}

criterion_group!(benches, tone_1mb);
criterion_main!(benches);
