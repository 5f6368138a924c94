//! Speed of the tone stage alone (document already parsed, language known) on 1 MB inputs:
//! a news article repeated, one emotive word repeated, shouting with exclamations, and quote
//! marks everywhere. Target: well under 50 ms per 1 MB in release.
//!
//! The `target_tone` group times the tone toward one entity mention (`tone::target::toward`)
//! side by side with the sentence tone it replaces (`tone::summarize_sentences`), per mention:
//! every capitalised word of the news article stands for a mention. Target: ≤ 20 µs each.
//!
//! `cargo bench --bench tone`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;
use textanalytics::analysis::document::Document;
use textanalytics::analysis::language::DetectedLanguage;
use textanalytics::analysis::{tone, ContentFormat, TextSpan};

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

fn target_tone(c: &mut Criterion) {
    let language = english();
    let inputs = [
        ("news", Document::parse(ARTICLE.to_string(), ContentFormat::Html)),
        // One 100 kB sentence: a mention's cost must not grow with its sentence.
        ("long_sentence", Document::parse(repeated("Lind hated the awful plan and", " ").chars().take(100_000).collect(), ContentFormat::PlainText)),
    ];
    let mut group = c.benchmark_group("target_tone");
    group.measurement_time(Duration::from_secs(5)).sample_size(20);
    for (name, document) in inputs {
        let (found, _) = tone::analyze(&document, &language);
        let found = found.expect("English has tone");
        let mentions: Vec<TextSpan> = document
            .tokens
            .iter()
            .filter(|t| t.is_capitalized(&document.text))
            .map(|t| t.span)
            .collect();
        group.throughput(Throughput::Elements(mentions.len() as u64));
        group.bench_with_input(BenchmarkId::new("toward", name), &mentions, |b, mentions| {
            b.iter(|| {
                for &m in mentions {
                    std::hint::black_box(tone::target::toward(&document, &found, [m]));
                }
            })
        });
        group.bench_with_input(BenchmarkId::new("sentence", name), &mentions, |b, mentions| {
            b.iter(|| {
                for &m in mentions {
                    std::hint::black_box(tone::summarize_sentences(&found, [m]));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, tone_1mb, target_tone);
criterion_main!(benches);
