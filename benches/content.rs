//! What main-content extraction and page metadata cost next to parsing: the document model and
//! language of whole pages read whole without metadata (the baseline), beside the same with
//! extraction and metadata (`CONTENT_EXTRACTION_ARTICLE`), one core.
//!
//! Pages: the development pages of `../shared/dev/article-extraction/pages/` when that folder
//! exists (decompressed with the system's `gzip`), else our own fixture pages. Criterion prints
//! MiB/s per group; the ratio of the two is the cost of extraction.
//!
//! `cargo bench --bench content`

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use textanalytics::analysis::document::Document;
use textanalytics::analysis::{language, CancelFlag, ContentExtraction, ContentFormat};

const FIXTURES: &[&str] = &[
    include_str!("../tests/fixtures/articles/news_page.html"),
    include_str!("corpus/en.html"),
    include_str!("corpus/fr.html"),
];

fn dev_pages() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dev/article-extraction/pages");
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| Command::new("gzip").arg("-dc").arg(path).output().ok())
        .filter_map(|out| String::from_utf8(out.stdout).ok())
        .collect()
}

fn pages() -> Vec<String> {
    let dev = dev_pages();
    if dev.is_empty() {
        FIXTURES.iter().map(|s| s.to_string()).collect()
    } else {
        dev
    }
}

fn extraction(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("content_extraction");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse_and_language", |b| {
        b.iter(|| {
            for page in &pages {
                let document = Document::parse_without_page(page.clone(), ContentFormat::Html);
                std::hint::black_box(language::determine(&document, None));
            }
        })
    });
    group.bench_function("parse_language_extraction_metadata", |b| {
        b.iter(|| {
            for page in &pages {
                let document = Document::parse_with(page.clone(), ContentFormat::Html, ContentExtraction::Article, &CancelFlag::new());
                std::hint::black_box(language::determine(&document, None));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
