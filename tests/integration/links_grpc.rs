//! Links through the real server: the fixture article and page, `FEATURE_LINKS` alone, spans in
//! UTF-16 pointing at the anchor text in both the returned text and the original content.

use crate::common;

use common::{request, start, test_config};
use textanalytics::proto::v1 as pb;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/links/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn links_only(id: &str, content: &str, base_url: &str) -> pb::AnalyzeRequest {
    pb::AnalyzeRequest {
        features: vec![pb::Feature::Links as i32],
        offset_encoding: pb::OffsetEncoding::Utf16 as i32,
        include_text: true,
        base_url: base_url.to_string(),
        ..request(id, content)
    }
}

/// The UTF-16 range `start..end` of `text`, as a string.
fn utf16_slice(text: &str, start: u32, end: u32) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16_lossy(&units[start as usize..end as usize])
}

#[tokio::test]
async fn article_links_come_back_resolved_classified_and_located() {
    let server = start(test_config()).await;
    let content = fixture("article.html");
    let answer = server.client().analyze(links_only("a", &content, "")).await.unwrap().into_inner();
    assert!(answer.keywords.is_empty() && answer.key_phrases.is_empty() && answer.entities.is_empty());
    assert!(answer.tone.is_none(), "FEATURE_LINKS alone returns no tone");
    assert!(answer.warnings.iter().all(|w| w.feature != pb::Feature::Links as i32), "{:?}", answer.warnings);

    let links = &answer.links;
    assert_eq!(links.len(), 5);
    let kinds: Vec<i32> = links.iter().map(|l| l.kind).collect();
    let (tag, article) = (pb::LinkKind::Tag as i32, pb::LinkKind::Article as i32);
    assert_eq!(kinds, [tag, tag, article, article, article]);
    assert_eq!(links[0].slug_terms, ["ursula", "von", "der", "leyen"]);
    assert_eq!(links[1].slug_terms, ["emmanuel", "macron"]);
    let dates: Vec<&str> = links.iter().map(|l| l.date.as_str()).collect();
    assert_eq!(dates, ["", "", "2024-11-05", "2025-05-13", "2025-05-12"]);
    assert_eq!(links[2].rel, ["noreferrer"]);
    for link in links {
        assert_eq!(link.host, "www.harbourherald.co.uk");
        assert_eq!(link.domain, "harbourherald.co.uk");
        assert_eq!(link.url, link.href);
        assert_eq!(link.title, link.href);
        assert_eq!(link.target, "_blank");
        let span = link.span.expect("every link has a span");
        assert_eq!(utf16_slice(&answer.text, span.start, span.end), link.text);
        assert_eq!(utf16_slice(&content, span.source_start, span.source_end), link.text);
    }
}

#[tokio::test]
async fn page_links_resolve_against_base_href_and_base_url() {
    let server = start(test_config()).await;
    let page_url =
        "https://www.harbourherald.co.uk/news/uk/2025/05/14/storm-closes-ferry-routes-across-the-channel/";
    let answer =
        server.client().analyze(links_only("p", &fixture("page.html"), page_url)).await.unwrap().into_inner();
    let reference = fixture("page.expected.tsv");
    let expected_urls: Vec<&str> =
        reference.lines().map(|line| line.split('\t').nth(1).unwrap_or_default()).collect();
    let urls: Vec<&str> = answer.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, expected_urls);
    let external = answer.links.iter().filter(|l| l.external).count();
    assert_eq!(external, 9, "Met Office, the IDN report, BBC and six share links (whatsapp: has no domain)");
}

#[tokio::test]
async fn unresolved_relative_links_are_reported_in_a_warning() {
    let server = start(test_config()).await;
    let content =
        "<p>See <a href=\"/tags/storm-kathleen\">the storm</a> and <a href=\"../sport/\">sport</a>.</p>";
    let answer = server.client().analyze(links_only("w", content, "")).await.unwrap().into_inner();
    assert_eq!(answer.links.len(), 2);
    assert!(answer.links.iter().all(|l| l.url.is_empty()));
    assert_eq!(answer.links[0].kind, pb::LinkKind::Tag as i32);
    let warning =
        answer.warnings.iter().find(|w| w.feature == pb::Feature::Links as i32).expect("a links warning");
    assert!(warning.message.starts_with("2 relative links left unresolved"), "{}", warning.message);
}
