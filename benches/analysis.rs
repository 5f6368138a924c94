//! Throughput of the whole analysis (document model, language, keywords, entities, tone, links)
//! on our own fixtures, plain text and HTML, 1 KB to 1 MB, several languages, on one core.
//!
//! `cargo bench --bench analysis`; criterion prints MiB/s per input.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;
use textanalytics::analysis::{analyze, AnalysisOptions, CancelFlag, ContentFormat, Feature, FeatureSet};

const CORPUS: &[(&str, &str)] = &[
    ("en.html", include_str!("corpus/en.html")),
    ("fr.html", include_str!("corpus/fr.html")),
    ("de.txt", include_str!("corpus/de.txt")),
    ("es.txt", include_str!("corpus/es.txt")),
    ("ru.txt", include_str!("corpus/ru.txt")),
];

const SIZES: &[(&str, usize)] = &[("1KB", 1 << 10), ("10KB", 10 << 10), ("100KB", 100 << 10), ("1MB", 1 << 20)];

/// Repeats the article (separated by a paragraph break) until it reaches `size` bytes.
fn document_of_size(article: &str, size: usize) -> String {
    let mut document = String::with_capacity(size + article.len());
    while document.len() < size {
        document.push_str(article);
        document.push_str("\n\n");
    }
    let mut cut = size.min(document.len());
    while !document.is_char_boundary(cut) {
        cut -= 1;
    }
    document.truncate(cut);
    document
}

fn run(content: &str, features: FeatureSet) {
    let options = AnalysisOptions { features, format: ContentFormat::Sniff, ..AnalysisOptions::default() };
    let analysis = analyze(content.to_string(), &options, &CancelFlag::new());
    std::hint::black_box(analysis.ok());
}

fn whole_analysis(c: &mut Criterion) {
    let mut group = c.benchmark_group("whole_analysis");
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    for (name, article) in CORPUS {
        for (size_name, size) in SIZES {
            let content = document_of_size(article, *size);
            group.throughput(Throughput::Bytes(content.len() as u64));
            group.bench_with_input(BenchmarkId::new(*name, size_name), &content, |b, content| {
                b.iter(|| run(content, FeatureSet::all()))
            });
        }
    }
    group.finish();
}

/// The document model and language alone: what the analyses leave of the budget.
fn document_and_language(c: &mut Criterion) {
    let mut group = c.benchmark_group("document_and_language");
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    let only_language: FeatureSet = [Feature::Language].into_iter().collect();
    for (name, article) in CORPUS {
        let content = document_of_size(article, 1 << 20);
        group.throughput(Throughput::Bytes(content.len() as u64));
        group.bench_with_input(BenchmarkId::new(*name, "1MB"), &content, |b, content| {
            b.iter(|| run(content, only_language))
        });
    }
    group.finish();
}

/// The entity stage alone on the parsed 2.6 KB English article (the budget: 150 µs per
/// article), and on the German and Spanish texts: `cargo bench --bench analysis -- entity_stage`.
fn entity_stage(c: &mut Criterion) {
    use textanalytics::analysis::document::Document;
    use textanalytics::analysis::language::DetectedLanguage;
    use textanalytics::analysis::{entities, links};
    let mut group = c.benchmark_group("entity_stage");
    group.sample_size(20).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    for (name, content, code) in [("en.html", CORPUS[0].1, "en"), ("de.txt", CORPUS[2].1, "de"), ("es.txt", CORPUS[3].1, "es")] {
        let document = Document::parse(content.to_string(), ContentFormat::Sniff);
        let (found_links, _) = links::extract(&document, None);
        let language = DetectedLanguage::hinted(code).expect("a valid code");
        group.throughput(Throughput::Bytes(content.len() as u64));
        group.bench_function(BenchmarkId::new(name, "article"), |b| {
            b.iter(|| std::hint::black_box(entities::extract(&document, &language, &found_links, None)))
        });
    }
    group.finish();
}

criterion_group!(benches, whole_analysis, document_and_language, entity_stage);
criterion_main!(benches);
