//! Bare URLs of plain-text documents become links, through `Document::parse` and the tokenizer.

use textanalytics::analysis::document::Document;
use textanalytics::analysis::links::{self, LinkKind};
use textanalytics::analysis::ContentFormat;

#[test]
fn bare_urls_of_plain_text_become_links_with_their_spans() {
    let text = "Ferries resumed on Thursday (details: https://www.harbourherald.co.uk/tags/storm-kathleen?utm_source=rss). \
                Photos at www.harbourherald.co.uk/news/uk/2025/05/15/ferries-resume-after-two-days-of-storms/, \
                questions to desk@harbourherald.co.uk.";
    let document = Document::parse(text.to_string(), ContentFormat::PlainText);
    let (links, warnings) = links::extract(&document, None);
    assert!(warnings.is_empty(), "{warnings:?}");
    let hrefs: Vec<&str> = links.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(
        hrefs,
        [
            "https://www.harbourherald.co.uk/tags/storm-kathleen?utm_source=rss",
            "www.harbourherald.co.uk/news/uk/2025/05/15/ferries-resume-after-two-days-of-storms/",
        ]
    );
    for link in &links {
        assert_eq!(document.slice(link.span), link.href);
        assert_eq!(link.text, link.href);
        assert_eq!(link.domain, "harbourherald.co.uk");
        assert!(link.title.is_empty() && link.rel.is_empty() && link.target.is_empty());
    }
    assert_eq!(links[0].kind, LinkKind::Tag);
    assert_eq!(links[0].canonical_url, "https://www.harbourherald.co.uk/tags/storm-kathleen");
    assert_eq!(
        links[1].url,
        "https://www.harbourherald.co.uk/news/uk/2025/05/15/ferries-resume-after-two-days-of-storms/"
    );
    assert_eq!(links[1].kind, LinkKind::Article);
    assert_eq!(links[1].date, "2025-05-15");
}

#[test]
fn html_text_urls_are_not_links() {
    let document =
        Document::parse("<p>See https://www.example.org/a for more.</p>".to_string(), ContentFormat::Html);
    let (links, _) = links::extract(&document, None);
    assert!(links.is_empty());
}
