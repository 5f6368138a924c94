//! Link extraction end to end through `Document::parse` on the fixtures of `tests/fixtures/links/`:
//! an article fragment in the usual shape (inline anchors with title, rel and target) and a whole
//! news page (navigation, share buttons, footer, `<base href>`, broken markup). The page's expected
//! hrefs, URLs and texts come from an independent HTML5 parser (`reference.mjs`, parse5 + Node's
//! WHATWG URL), not from this crate.

use textanalytics::analysis::document::{Document, OffsetEncoding};
use textanalytics::analysis::links::{self, Link, LinkKind};
use textanalytics::analysis::ContentFormat;

const PAGE_URL: &str =
    "https://www.harbourherald.co.uk/news/uk/2025/05/14/storm-closes-ferry-routes-across-the-channel/";

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/links/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn links_of(name: &str, base_url: Option<&str>) -> (Document, Vec<Link>) {
    let document = Document::parse(fixture(name), ContentFormat::Sniff);
    let base = base_url.map(|raw| url::Url::parse(raw).unwrap());
    let (links, _) = links::extract(&document, base.as_ref());
    (document, links)
}

/// `href`, `url`, `text` per line, with `\t`, `\n` and `\\` escaped.
fn expected(name: &str) -> Vec<[String; 3]> {
    let unescape = |field: &str| field.replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\");
    fixture(name)
        .lines()
        .map(|line| {
            let fields: Vec<String> = line.split('\t').map(unescape).collect();
            assert_eq!(fields.len(), 3, "{line}");
            [fields[0].clone(), fields[1].clone(), fields[2].clone()]
        })
        .collect()
}

#[test]
fn article_gives_five_resolved_classified_links() {
    let (document, links) = links_of("article.html", None);
    assert_eq!(links.len(), 5);
    let kinds: Vec<LinkKind> = links.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [LinkKind::Tag, LinkKind::Tag, LinkKind::Article, LinkKind::Article, LinkKind::Article]
    );
    let texts: Vec<&str> = links.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Ursula von der Leyen",
            "Emmanuel Macron",
            "planned offshore grid",
            "might delay its turbine orders",
            "North Sea summit"
        ]
    );
    let dates: Vec<&str> = links.iter().map(|l| l.date.as_str()).collect();
    assert_eq!(dates, ["", "", "2024-11-05", "2025-05-13", "2025-05-12"]);
    assert_eq!(links[0].slug_terms, ["ursula", "von", "der", "leyen"]);
    assert_eq!(links[1].slug_terms, ["emmanuel", "macron"]);
    assert_eq!(links[1].tag_name_terms(), Some(&["emmanuel".to_string(), "macron".to_string()][..]));
    assert_eq!(
        links[2].slug_terms,
        ["how", "the", "north", "sea", "grid", "would", "link", "six", "countries"]
    );
    let rels: Vec<Vec<String>> = links.iter().map(|l| l.rel.clone()).collect();
    assert_eq!(rels, [vec![], vec![], vec!["noreferrer".to_string()], vec![], vec![]]);
    for link in &links {
        assert_eq!(link.url, link.href, "absolute hrefs parse alone");
        assert_eq!(link.canonical_url, link.url);
        assert_eq!(link.scheme, "https");
        assert_eq!(link.host, "www.harbourherald.co.uk");
        assert_eq!(link.domain, "harbourherald.co.uk");
        assert_eq!(link.title, link.href);
        assert_eq!(link.target, "_blank");
        assert!(!link.external, "all links share the document's most common domain");
        assert_eq!(document.slice(link.span), link.text, "text span of {}", link.href);
        let encoded = document.encode_spans(&[link.span], OffsetEncoding::Utf8)[0];
        let source = &document.source[encoded.source_start as usize..encoded.source_end as usize];
        assert_eq!(source, link.text, "source span of {}", link.href);
    }
}

#[test]
fn article_links_are_external_against_another_base_url() {
    let (_, links) = links_of("article.html", Some("https://www.example.org/mirror/"));
    assert_eq!(links.len(), 5);
    assert!(links.iter().all(|l| l.external));
    let (_, links) = links_of("article.html", Some("https://live.harbourherald.co.uk/"));
    assert!(links.iter().all(|l| !l.external));
}

#[test]
fn article_matches_the_reference_parser() {
    let (_, links) = links_of("article.html", None);
    let found: Vec<[String; 3]> =
        links.iter().map(|l| [l.href.clone(), l.url.clone(), l.text.clone()]).collect();
    assert_eq!(found, expected("article.expected.tsv"));
}

#[test]
fn page_matches_the_reference_parser_link_for_link() {
    let (_, links) = links_of("page.html", Some(PAGE_URL));
    let found: Vec<[String; 3]> =
        links.iter().map(|l| [l.href.clone(), l.url.clone(), l.text.clone()]).collect();
    let reference = expected("page.expected.tsv");
    for (index, (ours, theirs)) in found.iter().zip(&reference).enumerate() {
        assert_eq!(ours, theirs, "link {index}");
    }
    assert_eq!(found.len(), reference.len());
}

fn find<'a>(links: &'a [Link], href: &str) -> &'a Link {
    links.iter().find(|l| l.href == href).unwrap_or_else(|| panic!("no link {href:?}"))
}

#[test]
fn page_links_are_classified() {
    let (_, links) = links_of("page.html", Some(PAGE_URL));
    let kind = |href: &str| find(&links, href).kind;
    assert_eq!(kind("/"), LinkKind::Home);
    assert_eq!(kind("news/uk/"), LinkKind::Section);
    assert_eq!(kind("/business/energy/"), LinkKind::Section);
    assert_eq!(kind("/search?q="), LinkKind::Other);
    assert_eq!(kind("javascript:void(0)"), LinkKind::Script);
    assert_eq!(kind("/authors/morwenna-trevithick"), LinkKind::Tag);
    assert_eq!(kind("#comments"), LinkKind::Fragment);
    assert_eq!(
        kind("news/uk/2024/02/09/dover-queues-stretch-for-twenty-miles-after-ferry-strike/"),
        LinkKind::Article
    );
    assert_eq!(kind("https://news.bbc.co.uk/news/uk-england-kent-68612345"), LinkKind::Article);
    assert_eq!(kind("/static/photos/dover-harbour-waves.jpg"), LinkKind::Media);
    assert_eq!(kind("/static/reports/port-closures-2025.pdf"), LinkKind::Media);
    assert_eq!(kind("mailto:tips@harbourherald.co.uk?subject=Storm%20photos"), LinkKind::Email);
    assert_eq!(kind(""), LinkKind::Empty);
    assert_eq!(kind("http://exa mple.com/"), LinkKind::Other);
    for share in
        ["whatsapp://send?text=Storm%20closes%20ferry%20routes", "https://www.youtube.com/@harbourherald"]
    {
        assert_eq!(kind(share), LinkKind::Social, "{share}");
    }
    let social = links.iter().filter(|l| l.kind == LinkKind::Social).count();
    assert_eq!(social, 7);
    for footer in ["/about-us", "/privacy-policy", "/contact"] {
        assert_eq!(kind(footer), LinkKind::Other, "{footer}");
    }
}

#[test]
fn page_links_carry_anchor_details() {
    let (_, links) = links_of("page.html", Some(PAGE_URL));
    let logo = &links[0];
    assert_eq!((logo.text.as_str(), logo.image_alt.as_str()), ("", "The Harbour Herald"));
    let photo = find(&links, "/static/photos/dover-harbour-waves.jpg");
    assert_eq!(photo.image_alt, "Waves over the harbour wall at Dover");
    let tag = find(&links, "https://www.harbourherald.co.uk/tags/storm-kathleen?utm_source=article&utm_medium=inline&fbclid=IwAR0abc");
    assert_eq!(tag.canonical_url, "https://www.harbourherald.co.uk/tags/storm-kathleen");
    assert_eq!(tag.kind, LinkKind::Tag);
    assert_eq!(tag.slug_terms, ["storm", "kathleen"]);
    let met = find(&links, "https://www.metoffice.gov.uk/weather/warnings-and-advice/uk-warnings");
    assert_eq!(met.rel, ["noopener", "noreferrer"]);
    assert_eq!(met.domain, "metoffice.gov.uk");
    assert!(met.external);
    let idn = find(&links, "https://nachrichten.bücher.example/wetter/sturm-ueber-dem-aermelkanal");
    assert_eq!(idn.host, "nachrichten.xn--bcher-kva.example");
    assert!(idn.external);
    let spaced = find(&links, "/spaced/attribute/value");
    assert_eq!(spaced.title, "Shouted");
    let author = find(&links, "/authors/morwenna-trevithick");
    assert_eq!(author.rel, ["author"]);
    assert!(!author.external);
    assert!(links.iter().all(|l| l.href != "/inside-template" && l.href != "/not-a-link"));
}

#[test]
fn page_without_base_url_resolves_by_its_base_href_and_finds_its_own_domain() {
    let (_, links) = links_of("page.html", None);
    let (_, with_page_url) = links_of("page.html", Some(PAGE_URL));
    let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
    let reference: Vec<&str> = with_page_url.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, reference, "the absolute <base href> alone resolves every relative link");
    let external: Vec<bool> = links.iter().map(|l| l.external).collect();
    let reference: Vec<bool> = with_page_url.iter().map(|l| l.external).collect();
    assert_eq!(external, reference, "the most common domain is the site's own");
    assert_eq!(find(&links, "#comments").kind, LinkKind::Fragment);
}
