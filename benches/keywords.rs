//! Speed of the keyword stage alone (document already parsed, language known): one news article
//! of about 2.6 KB (target: at most 60 µs), and 1 MB inputs — an English news text repeated, and
//! one word repeated (target: well under 50 ms per 1 MB).
//!
//! `cargo bench --bench keywords` (`-- article` for the 2.6 KB case alone)

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;
use textanalytics::analysis::document::Document;
use textanalytics::analysis::keywords;
use textanalytics::analysis::language::DetectedLanguage;
use textanalytics::analysis::ContentFormat;

const ARTICLE: &str = include_str!("../eval/keywords/texts/01-port-strike.txt");
const SIZE: usize = 1 << 20;
/// Three of our own news texts in a row: about 2.6 KB, the size of a typical wire story.
const ARTICLE_PARTS: [&str; 3] = [
    include_str!("../eval/keywords/texts/01-port-strike.txt"),
    include_str!("../eval/keywords/texts/06-vaccine-malaria.txt"),
    include_str!("../eval/keywords/texts/07-cyberattack-hospital.txt"),
];

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

fn keywords_article(c: &mut Criterion) {
    let language = english();
    let text = ARTICLE_PARTS.join("\n\n");
    let document = Document::parse(text, ContentFormat::PlainText);
    keywords::extract(&document, &language, 10);
    let mut group = c.benchmark_group("keywords");
    group.throughput(Throughput::Bytes(document.text.len() as u64));
    group.bench_with_input(BenchmarkId::new("article", document.text.len()), &document, |b, document| {
        b.iter(|| std::hint::black_box(keywords::extract(document, &language, 10)))
    });
    group.finish();
}

criterion_group!(benches, keywords_article, keywords_1mb);
criterion_main!(benches);
