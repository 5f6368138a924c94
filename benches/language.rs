//! Speed of language detection, ours next to `whatlang::detect` on the same inputs in the same
//! run: short texts per second (20–100 characters) and article-length text in MB/s. Targets:
//! ≥ 30,000 short texts/s and ≥ 100 MB/s on articles, per core.
//!
//! Short texts are headlines written for this bench, plus, when `../shared/dev/langid/` is
//! present, the development sentences of 20–100 characters (the bench only reads them; the build
//! and the tests never do). Articles are the bench corpus's plain-text articles, each repeated to
//! about 6 KB, and the same texts as whole documents through `language::analyze` (paragraph
//! spans included), which is what the service runs.
//!
//! `cargo bench --bench language`

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use textanalytics::analysis::document::Document;
use textanalytics::analysis::language::{self, detector};
use textanalytics::analysis::ContentFormat;

const HEADLINES: &[&str] = &[
    "Storm closes schools across the north coast",
    "Minister promises cheaper trains by next summer",
    "Local team wins the cup after a late penalty",
    "Sturm schließt Schulen an der Nordküste",
    "Der Minister verspricht billigere Züge ab Sommer",
    "La tempête ferme les écoles de la côte nord",
    "Le ministre promet des trains moins chers l'été prochain",
    "La tormenta cierra las escuelas de la costa norte",
    "El ministro promete trenes más baratos el próximo verano",
    "La tempesta chiude le scuole della costa settentrionale",
    "Storm sluit scholen langs de noordkust",
    "A tempestade fecha escolas na costa norte",
    "Burza zamyka szkoły na północnym wybrzeżu",
    "Fırtına kuzey kıyısındaki okulları kapattı",
    "Шторм закрыл школы на северном побережье",
    "Шторм закрив школи на північному узбережжі",
    "Stormen stänger skolor längs norra kusten",
    "Myrsky sulki koulut pohjoisrannikolla",
    "Bão đóng cửa các trường học ở bờ biển phía bắc",
    "Badai menutup sekolah di pantai utara",
];

fn dev_short_texts() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev/langid/ud_dev_sentences.jsonl");
    let Ok(source) = std::fs::read_to_string(path) else { return Vec::new() };
    source
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|item| item.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .filter(|text| (20..=100).contains(&text.chars().count()))
        .step_by(4)
        .take(3_000)
        .collect()
}

fn articles() -> Vec<String> {
    [
        include_str!("corpus/de.txt"),
        include_str!("corpus/es.txt"),
        include_str!("corpus/ru.txt"),
    ]
    .iter()
    .map(|text| {
        let mut article = String::new();
        while article.len() < 6_000 {
            article.push_str(text);
            article.push_str("\n\n");
        }
        article
    })
    .collect()
}

fn short_texts(c: &mut Criterion) {
    let mut texts: Vec<String> = HEADLINES.iter().map(|t| t.to_string()).collect();
    texts.extend(dev_short_texts());
    let mut group = c.benchmark_group("language_short_texts");
    group.measurement_time(Duration::from_secs(8)).sample_size(20);
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("ours", |b| {
        b.iter(|| texts.iter().map(|t| detector::detect(t).ranked.len()).sum::<usize>())
    });
    group.bench_function("whatlang", |b| {
        b.iter(|| texts.iter().filter(|t| whatlang::detect(t).is_some()).count())
    });
    group.finish();
}

fn article_texts(c: &mut Criterion) {
    let texts = articles();
    let bytes: usize = texts.iter().map(String::len).sum();
    let documents: Vec<Document> =
        texts.iter().map(|t| Document::parse(t.clone(), ContentFormat::PlainText)).collect();
    let mut group = c.benchmark_group("language_articles");
    group.measurement_time(Duration::from_secs(8)).sample_size(20);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("ours", |b| {
        b.iter(|| texts.iter().map(|t| detector::detect(t).ranked.len()).sum::<usize>())
    });
    group.bench_function("ours_with_paragraph_spans", |b| {
        b.iter(|| documents.iter().map(|d| language::analyze(d, None).spans.len()).sum::<usize>())
    });
    group.bench_function("whatlang", |b| {
        b.iter(|| texts.iter().filter(|t| whatlang::detect(t).is_some()).count())
    });
    group.finish();
}

criterion_group!(benches, short_texts, article_texts);
criterion_main!(benches);
