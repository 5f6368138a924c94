//! Main-content extraction through the real server: the three `extraction` values on a whole
//! page and on a fragment in the seed's shape (inline links, no paragraphs), `page` metadata,
//! `in_body` links, and a wrong value named in the status.

use crate::common;

use common::{request, start, test_config};
use textanalytics::proto::v1 as pb;

const PAGE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles/news_page.html"));

/// A fragment in the seed's shape, in words of our own: one run of text with inline links and
/// line breaks, no block elements.
const FRAGMENT: &str = "Porto's port authority said on Tuesday it would dredge the <a href=\"https://news.example.org/tags/douro\">Douro</a> channel before winter.<br>\nThe mayor, <a href=\"/people/rita-sousa\">Rita Sousa</a>, welcomed the plan, while fishermen asked for <b>compensation</b>.\nWork starts in October, the authority said, and should last six weeks.";

fn with_extraction(content: &str, extraction: pb::ContentExtraction) -> pb::AnalyzeRequest {
    pb::AnalyzeRequest {
        include_text: true,
        extraction: extraction as i32,
        base_url: "https://www.dailymeridian.com/climate/".into(),
        ..request("x", content)
    }
}

#[tokio::test]
async fn a_whole_page_is_cut_to_its_article_unless_told_otherwise() {
    let server = start(test_config()).await;
    let mut client = server.client();
    let auto = client.analyze(with_extraction(PAGE, pb::ContentExtraction::Unspecified)).await.unwrap().into_inner();
    let article = client.analyze(with_extraction(PAGE, pb::ContentExtraction::Article)).await.unwrap().into_inner();
    let none = client.analyze(with_extraction(PAGE, pb::ContentExtraction::None)).await.unwrap().into_inner();

    assert_eq!(auto.text, article.text);
    assert!(auto.text.starts_with("Guterres presses Lula on Amazon drilling permits\n\n"), "{}", auto.text);
    for furniture in ["Business", "Share:", "Related", "All rights reserved", "Inês Carvalho", "Daily Meridian"] {
        assert!(!auto.text.contains(furniture), "{furniture:?} in {}", auto.text);
        assert!(none.text.contains(furniture), "{furniture:?} missing without extraction");
    }
    let page = auto.page.as_ref().expect("a whole page gets page metadata");
    assert!(page.extracted);
    assert_eq!(page.authors, ["Inês Carvalho"]);
    assert_eq!(page.published_date, "2026-03-12");
    assert_eq!(auto.published_date, "2026-03-12");
    let body = page.body.as_ref().expect("the body span");
    assert!(auto.text[body.start as usize..].starts_with("UN Secretary General"));
    assert_eq!(body.end as usize, auto.text.len());
    assert!(!none.page.as_ref().expect("metadata whatever extraction says").extracted);

    // Links of the furniture stay, outside the body and without a span.
    assert_eq!(auto.links.len(), none.links.len());
    let share = auto.links.iter().find(|l| l.text == "Facebook").expect("the share link");
    assert!(!share.in_body && share.span.is_none());
    let tag = auto.links.iter().find(|l| l.text == "António Guterres").expect("an in-article link");
    assert!(tag.in_body);
    let span = tag.span.as_ref().expect("an in-body link has a span");
    assert_eq!(&auto.text[span.start as usize..span.end as usize], "António Guterres");
    assert!(none.links.iter().all(|l| l.in_body && l.span.is_some()));
    // Entities get URLs only from in-body links.
    let urls: Vec<&str> = auto.entities.iter().flat_map(|e| e.urls.iter().map(String::as_str)).collect();
    assert!(urls.iter().all(|u| !u.contains("/authors/")), "{urls:?}");
}

#[tokio::test]
async fn a_fragment_in_the_seeds_shape_is_read_whole_with_identical_spans() {
    let server = start(test_config()).await;
    let mut client = server.client();
    let mut auto = client.analyze(with_extraction(FRAGMENT, pb::ContentExtraction::Unspecified)).await.unwrap().into_inner();
    let mut none = client.analyze(with_extraction(FRAGMENT, pb::ContentExtraction::None)).await.unwrap().into_inner();
    assert!(auto.page.is_none());
    assert!(auto.text.contains("Douro") && auto.text.contains("six weeks"));
    auto.id.clear();
    none.id.clear();
    assert_eq!(auto, none, "auto and none differ on a fragment");
    let article = client.analyze(with_extraction(FRAGMENT, pb::ContentExtraction::Article)).await.unwrap().into_inner();
    assert!(article.page.is_some(), "asking for the article reads page metadata");
}

#[tokio::test]
async fn an_unknown_extraction_value_is_an_invalid_argument_naming_the_field() {
    let server = start(test_config()).await;
    let mut bad = request("x", PAGE);
    bad.extraction = 9;
    let status = server.client().analyze(bad).await.unwrap_err();
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
    assert!(status.message().contains("extraction"), "{}", status.message());
}
