//! Link extraction alone on documents with many anchors (1,000 to 100,000), to show it stays
//! linear: one URL parse, one Public Suffix List lookup and one classification per link.
//!
//! `cargo bench --bench links`; criterion prints links per second per size.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;
use textanalytics::analysis::document::{Anchor, Document};
use textanalytics::analysis::links;
use textanalytics::analysis::{ContentFormat, TextSpan};

/// The mix of a news page: dated articles, tags, sections, share buttons, fragments, media.
fn href(index: usize) -> String {
    match index % 8 {
        0 => format!("/news/uk/2025/05/{:02}/ferries-resume-after-storm-number-{index}/", index % 28 + 1),
        1 => format!("https://www.harbourherald.co.uk/tags/person-{index}?utm_source=nav&id={index}"),
        2 => "/world/europe/".to_string(),
        3 => format!("https://twitter.com/intent/tweet?url=https%3A%2F%2Fexample.org%2F{index}"),
        4 => format!("#comment-{index}"),
        5 => format!("https://site{}.example.co.uk/static/photo-{index}.jpg", index % 100),
        6 => format!("https://news.bbc.co.uk/news/uk-england-kent-{}", 60_000_000 + index),
        _ => "javascript:void(0)".to_string(),
    }
}

fn document_with_anchors(count: usize) -> Document {
    let mut document = Document::parse("<p>placeholder</p>".to_string(), ContentFormat::Html);
    document.anchors = (0..count)
        .map(|index| Anchor {
            href: href(index),
            title: None,
            rel: Some("noopener noreferrer".to_string()),
            target: Some("_blank".to_string()),
            text: format!("link {index}"),
            image_alt: String::new(),
            span: TextSpan::default(),
            in_body: true,
        })
        .collect();
    document
}

fn extract_links(c: &mut Criterion) {
    let base = url::Url::parse("https://www.harbourherald.co.uk/news/uk/2025/05/14/storm-closes-ferry-routes/").ok();
    let mut group = c.benchmark_group("links_extract");
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(3));
    for count in [1_000, 10_000, 100_000] {
        let document = document_with_anchors(count);
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::from_parameter(count), &document, |b, document| {
            b.iter(|| links::extract(document, base.as_ref()))
        });
    }
    group.finish();
}

criterion_group!(benches, extract_links);
criterion_main!(benches);
