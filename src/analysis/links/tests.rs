//! Tests of link extraction on hand-built documents (anchors and tokens set directly), so each
//! rule is checked independently of the HTML extractor and the tokenizer.

use super::*;
use crate::analysis::document::Token;
use crate::analysis::ContentFormat;

/// An anchor as the HTML extractor reports it, with only the href set.
fn anchor(href: &str) -> Anchor {
    Anchor {
        href: href.to_string(),
        title: None,
        rel: None,
        target: None,
        text: String::new(),
        image_alt: String::new(),
        span: TextSpan::default(),
        in_body: true,
    }
}

/// An HTML document whose model holds exactly these anchors.
fn html_document(anchors: Vec<Anchor>, base_href: Option<&str>) -> Document {
    let mut document = Document::parse("<p>Links under test.</p>".to_string(), ContentFormat::Html);
    document.format = SourceFormat::Html;
    document.anchors = anchors;
    document.base_href = base_href.map(str::to_string);
    document
}

fn page(raw: &str) -> Url {
    Url::parse(raw).unwrap()
}

fn links_of(hrefs: &[&str], base_url: Option<&str>) -> (Vec<Link>, Vec<Warning>) {
    let document = html_document(hrefs.iter().map(|href| anchor(href)).collect(), None);
    let base = base_url.map(page);
    extract(&document, base.as_ref())
}

fn one(href: &str, base_url: Option<&str>) -> Link {
    links_of(&[href], base_url).0.remove(0)
}

const ARTICLE_URL: &str = "https://www.example-news.com/world/europe/2025/05/14/harbour-talks-stall-again/";

#[test]
fn anchor_attributes_are_carried_over() {
    let mut with_attributes = anchor("https://www.example-news.com/tags/ada-lovelace");
    with_attributes.title = Some("Ada Lovelace".to_string());
    with_attributes.rel = Some("  NoReferrer\tnofollow noreferrer ".to_string());
    with_attributes.target = Some("_blank".to_string());
    with_attributes.text = "Ada Lovelace".to_string();
    with_attributes.image_alt = "portrait".to_string();
    with_attributes.span = TextSpan::new(4, 16);
    let (links, warnings) =
        extract(&html_document(vec![with_attributes, anchor("/x")], None), Some(&page(ARTICLE_URL)));
    assert!(warnings.is_empty());
    let link = &links[0];
    assert_eq!(link.title, "Ada Lovelace");
    assert_eq!(link.rel, ["noreferrer", "nofollow"]);
    assert_eq!(link.target, "_blank");
    assert_eq!(link.text, "Ada Lovelace");
    assert_eq!(link.image_alt, "portrait");
    assert_eq!(link.span, TextSpan::new(4, 16));
    let bare = &links[1];
    assert_eq!((bare.title.as_str(), bare.target.as_str()), ("", ""));
    assert!(bare.rel.is_empty());
}

#[test]
fn empty_rel_gives_no_tokens() {
    assert!(rel_tokens("").is_empty());
    assert!(rel_tokens(" \t\n").is_empty());
    assert_eq!(rel_tokens("UGC sponsored"), ["ugc", "sponsored"]);
}

#[test]
fn links_come_back_in_document_order_with_their_parts() {
    let (links, _) = links_of(
        &[
            "/tags/ada-lovelace",
            "https://News.BBC.co.uk:443/news/world-europe-68612345?utm_source=x&id=1#top",
        ],
        Some(ARTICLE_URL),
    );
    assert_eq!(links[0].url, "https://www.example-news.com/tags/ada-lovelace");
    assert_eq!(links[0].href, "/tags/ada-lovelace");
    let bbc = &links[1];
    assert_eq!(bbc.url, "https://news.bbc.co.uk/news/world-europe-68612345?utm_source=x&id=1#top");
    assert_eq!(bbc.canonical_url, "https://news.bbc.co.uk/news/world-europe-68612345?id=1");
    assert_eq!(bbc.scheme, "https");
    assert_eq!(bbc.host, "news.bbc.co.uk");
    assert_eq!(bbc.domain, "bbc.co.uk");
    assert_eq!(bbc.path, "/news/world-europe-68612345");
    assert_eq!(bbc.kind, LinkKind::Article);
    assert!(bbc.external);
    assert!(!links[0].external);
}

#[test]
fn base_href_takes_precedence_and_is_resolved_against_base_url() {
    let document = html_document(vec![anchor("story-one-two-three"), anchor("#top")], Some("/archive/"));
    let (links, warnings) = extract(&document, Some(&page(ARTICLE_URL)));
    assert!(warnings.is_empty());
    assert_eq!(links[0].url, "https://www.example-news.com/archive/story-one-two-three");
    assert_eq!(links[1].url, "https://www.example-news.com/archive/#top");
    assert_eq!(links[1].kind, LinkKind::Fragment);
}

#[test]
fn absolute_base_href_works_without_base_url() {
    let document = html_document(
        vec![anchor("sport/"), anchor("https://other.example.org/")],
        Some("https://www.example-news.com/"),
    );
    let (links, warnings) = extract(&document, None);
    assert!(warnings.is_empty());
    assert_eq!(links[0].url, "https://www.example-news.com/sport/");
    assert_eq!(links[0].kind, LinkKind::Section);
}

#[test]
fn unusable_base_href_is_ignored_with_a_warning() {
    let document = html_document(vec![anchor("/sport/")], Some("javascript:alert(1)"));
    let (links, warnings) = extract(&document, Some(&page(ARTICLE_URL)));
    assert_eq!(links[0].url, "https://www.example-news.com/sport/");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].message.contains("<base href"), "{:?}", warnings[0]);
}

#[test]
fn without_any_base_relative_links_stay_unresolved_with_one_warning() {
    let (links, warnings) = links_of(
        &[
            "/tags/ada-lovelace",
            "../2025/05/14/harbour-talks-stall-again/",
            "https://example.org/a",
            "",
            "#x",
            "/?utm_source=x",
        ],
        None,
    );
    let tag = &links[0];
    assert_eq!(
        (tag.url.as_str(), tag.host.as_str(), tag.domain.as_str(), tag.path.as_str()),
        ("", "", "", "")
    );
    assert_eq!(tag.kind, LinkKind::Tag, "still classified by its path");
    assert_eq!(tag.slug_terms, ["ada", "lovelace"]);
    assert_eq!(links[1].kind, LinkKind::Article);
    assert_eq!(links[1].date, "2025-05-14");
    assert_eq!(links[2].url, "https://example.org/a");
    assert_eq!(links[3].kind, LinkKind::Empty);
    assert_eq!(links[4].kind, LinkKind::Fragment);
    assert_eq!(links[5].kind, LinkKind::Home);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].feature, Some(Feature::Links));
    assert!(warnings[0].message.starts_with("5 relative links left unresolved"), "{}", warnings[0].message);
}

#[test]
fn unparsable_hrefs_keep_href_and_leave_url_empty() {
    let (links, warnings) =
        links_of(&["http://exa mple.com/", "https://[::1/x", "http://a.example:99999/"], Some(ARTICLE_URL));
    for link in &links {
        assert_eq!(link.url, "");
        assert_eq!(link.canonical_url, "");
        assert_eq!(link.kind, LinkKind::Other);
        assert!(!link.external);
    }
    assert_eq!(links[0].href, "http://exa mple.com/");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].message.starts_with("3 links with an href that is no valid URL"));
}

#[test]
fn hrefs_with_whitespace_and_control_characters() {
    let link = one("\u{c}\n  https://www.example-news.com/tags/\tada-love\nlace  ", None);
    assert_eq!(link.url, "https://www.example-news.com/tags/ada-lovelace");
    assert_eq!(link.kind, LinkKind::Tag);
    let spaced = one("/search results/a b", Some(ARTICLE_URL));
    assert_eq!(spaced.url, "https://www.example-news.com/search%20results/a%20b");
    let control = one("/a\u{1}b\u{7f}", Some(ARTICLE_URL));
    assert_eq!(control.url, "https://www.example-news.com/a%01b%7F");
}

#[test]
fn special_kinds_by_scheme_and_shape() {
    let kind = |href: &str| one(href, Some(ARTICLE_URL)).kind;
    assert_eq!(kind(""), LinkKind::Empty);
    assert_eq!(kind(" \t "), LinkKind::Empty);
    assert_eq!(kind("javascript:void(0)"), LinkKind::Script);
    assert_eq!(kind("JavaScript:share()"), LinkKind::Script);
    assert_eq!(kind("java\nscript:x()"), LinkKind::Script);
    assert_eq!(kind("mailto:desk@example-news.com?subject=Tip"), LinkKind::Email);
    assert_eq!(kind("#comments"), LinkKind::Fragment);
    assert_eq!(kind(&format!("{ARTICLE_URL}#comments")), LinkKind::Fragment);
    assert_eq!(kind("https://www.example-news.com/other-page-about-the-harbour#comments"), LinkKind::Article);
    assert_eq!(kind("whatsapp://send?text=x"), LinkKind::Social);
    assert_eq!(kind("tel:+441234567890"), LinkKind::Other);
    assert_eq!(kind("https://www.example-news.com/"), LinkKind::Home);
    assert_eq!(kind("/?utm_source=nav"), LinkKind::Home);
    assert_eq!(kind("/world/us-news/"), LinkKind::Section);
    assert_eq!(kind("/people/ada-lovelace"), LinkKind::Tag);
    assert_eq!(kind("https://twitter.com/intent/tweet?url=x"), LinkKind::Social);
    assert_eq!(kind("https://www.facebook.com/sharer/sharer.php?u=x"), LinkKind::Social);
    assert_eq!(kind("/media/harbour.webp"), LinkKind::Media);
    assert_eq!(kind("/about-us"), LinkKind::Other);
}

#[test]
fn without_base_url_a_fragment_of_the_base_href_is_same_page() {
    let document = html_document(
        vec![anchor("https://www.example-news.com/live/#latest"), anchor("https://www.example-news.com/#x")],
        Some("https://www.example-news.com/live/"),
    );
    let (links, _) = extract(&document, None);
    assert_eq!(links[0].kind, LinkKind::Fragment);
    assert_eq!(links[1].kind, LinkKind::Home);
}

#[test]
fn empty_href_resolves_to_the_page_like_a_browser() {
    let link = one("", Some(&format!("{ARTICLE_URL}#top")));
    assert_eq!(link.url, ARTICLE_URL);
    assert_eq!(link.kind, LinkKind::Empty);
}

#[test]
fn non_web_links_carry_no_slug_or_date() {
    for href in ["mailto:desk@example-news.com", "javascript:void(0)", "#2024-03-22-anchor", ""] {
        let link = one(href, Some(ARTICLE_URL));
        assert!(link.slug_terms.is_empty(), "{href}");
        assert_eq!(link.date, "", "{href}");
    }
}

#[test]
fn mailto_has_no_host_and_is_never_external() {
    let link = one("mailto:someone@elsewhere.example.org", Some(ARTICLE_URL));
    assert_eq!((link.scheme.as_str(), link.host.as_str(), link.domain.as_str()), ("mailto", "", ""));
    assert!(!link.external);
}

#[test]
fn idn_hosts_become_punycode_with_their_domain() {
    let link = one("https://nachrichten.bücher.example/themen/ökologie", None);
    assert_eq!(link.host, "nachrichten.xn--bcher-kva.example");
    assert_eq!(link.domain, "xn--bcher-kva.example");
    assert_eq!(link.kind, LinkKind::Tag);
    assert_eq!(link.slug_terms, ["ökologie"]);
}

#[test]
fn external_is_decided_against_base_url_domain() {
    let (links, _) = links_of(
        &[
            "https://sport.example-news.com/x",
            "https://www.example-news.com/y",
            "https://example.org/z",
            "http://192.0.2.1/",
        ],
        Some(ARTICLE_URL),
    );
    let external: Vec<bool> = links.iter().map(|l| l.external).collect();
    assert_eq!(external, [false, false, true, true]);
}

#[test]
fn without_base_url_the_most_common_domain_is_internal() {
    let (links, _) = links_of(
        &[
            "https://a.example.org/1",
            "https://www.example-news.com/2",
            "https://example-news.com/3",
            "mailto:x@example.org",
        ],
        None,
    );
    let external: Vec<bool> = links.iter().map(|l| l.external).collect();
    assert_eq!(external, [true, false, false, false]);
}

#[test]
fn most_common_domain_ties_go_to_the_first_seen() {
    let (links, _) = links_of(
        &["https://b.example/1", "https://a.example/2", "https://a.example/3", "https://b.example/4"],
        None,
    );
    let external: Vec<bool> = links.iter().map(|l| l.external).collect();
    assert_eq!(external, [false, true, true, false]);
    let (links, _) = links_of(
        &["https://a.example/1", "https://b.example/2", "https://b.example/3", "https://a.example/4"],
        None,
    );
    let external: Vec<bool> = links.iter().map(|l| l.external).collect();
    assert_eq!(external, [false, true, true, false]);
}

#[test]
fn no_domains_no_external_links() {
    let (links, _) = links_of(&["/a", "mailto:x@example.org", "javascript:void(0)"], None);
    assert!(links.iter().all(|l| !l.external));
}

#[test]
fn tag_name_terms_only_for_named_tags() {
    assert_eq!(
        one("/tags/ada-lovelace", Some(ARTICLE_URL)).tag_name_terms(),
        Some(&["ada".to_string(), "lovelace".to_string()][..])
    );
    assert_eq!(one("/news/topics/c0vv2pjz7xvt", Some(ARTICLE_URL)).tag_name_terms(), None);
    assert_eq!(one(ARTICLE_URL, None).tag_name_terms(), None);
}

/// A plain-text document with its URL tokens marked by hand.
fn plain_document(text: &str, urls: &[&str]) -> Document {
    let mut document = Document::parse(text.to_string(), ContentFormat::PlainText);
    document.tokens = urls
        .iter()
        .map(|url| {
            let start = text.find(url).unwrap();
            Token { span: TextSpan::new(start, start + url.len()), kind: TokenKind::Url }
        })
        .collect();
    document
}

#[test]
fn plain_text_urls_become_links_with_their_span() {
    let text = "Read https://www.example-news.com/tags/ada-lovelace and WWW.Example.org/sport/ or mail desk@example.org.";
    let document = plain_document(
        text,
        &["https://www.example-news.com/tags/ada-lovelace", "WWW.Example.org/sport/", "desk@example.org"],
    );
    let (links, warnings) = extract(&document, None);
    assert!(warnings.is_empty());
    assert_eq!(links.len(), 2, "e-mail addresses are no links");
    assert_eq!(links[0].href, "https://www.example-news.com/tags/ada-lovelace");
    assert_eq!(links[0].text, links[0].href);
    assert_eq!(&text[links[0].span.range()], links[0].href);
    assert_eq!(links[0].kind, LinkKind::Tag);
    assert_eq!(links[1].href, "WWW.Example.org/sport/");
    assert_eq!(links[1].url, "https://www.example.org/sport/");
    assert_eq!(links[1].kind, LinkKind::Section);
    assert!(links.iter().all(|l| l.title.is_empty() && l.rel.is_empty() && l.target.is_empty()));
}

#[test]
fn plain_text_ignores_anchors_and_base_href() {
    let mut document = plain_document("see www.example.org now", &["www.example.org"]);
    document.anchors = vec![anchor("https://ignored.example/")];
    document.base_href = Some("https://ignored.example/".to_string());
    let (links, _) = extract(&document, None);
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].url, "https://www.example.org/");
}

#[test]
fn a_hundred_thousand_links_are_handled() {
    let anchors: Vec<Anchor> = (0..100_000)
        .map(|i| match i % 4 {
            0 => anchor(&format!("/tags/name-{i}")),
            1 => anchor(&format!("https://site{}.example.org/2024/03/22/story-{i}", i % 97)),
            2 => anchor("javascript:void(0)"),
            _ => anchor(&format!("#f{i}")),
        })
        .collect();
    let (links, warnings) = extract(&html_document(anchors, None), Some(&page(ARTICLE_URL)));
    assert_eq!(links.len(), 100_000);
    assert!(warnings.is_empty());
    assert_eq!(links[0].kind, LinkKind::Tag);
    assert_eq!(links[1].date, "2024-03-22");
    assert!(links[1].external);
}

#[test]
fn long_base_href_is_shortened_in_the_warning() {
    let long = format!("/{}", "x".repeat(500));
    let (_, warnings) = extract(&html_document(vec![anchor("a")], Some(&long)), None);
    assert!(warnings[0].message.chars().count() < 200, "{}", warnings[0].message);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Hrefs from URL-ish pieces and arbitrary characters, controls and non-ASCII included.
    fn href() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("https://".to_string()),
            Just("//".to_string()),
            Just("/".to_string()),
            Just("#".to_string()),
            Just("?".to_string()),
            Just("&utm_source=x".to_string()),
            Just("mailto:".to_string()),
            Just("javascript:".to_string()),
            Just("www.example-news.com".to_string()),
            Just("2024/03/22".to_string()),
            Just("tags".to_string()),
            Just("%".to_string()),
            Just("[".to_string()),
            Just(" ".to_string()),
            "[a-z0-9-]{1,12}",
            any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..10).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_href_gives_a_consistent_record(hrefs in prop::collection::vec(href(), 1..8), with_base in any::<bool>()) {
            let base = with_base.then(|| page(ARTICLE_URL));
            let document = html_document(hrefs.iter().map(|h| anchor(h)).collect(), None);
            let (links, _) = extract(&document, base.as_ref());
            prop_assert_eq!(links.len(), hrefs.len());
            for (link, href) in links.iter().zip(&hrefs) {
                prop_assert_eq!(&link.href, href);
                prop_assert_eq!(link.kind == LinkKind::Empty, cleaned(href).is_empty());
                if link.url.is_empty() {
                    prop_assert!(link.canonical_url.is_empty() && link.host.is_empty() && link.domain.is_empty());
                    prop_assert!(!link.external);
                } else {
                    let reparsed = Url::parse(&link.url);
                    prop_assert!(reparsed.is_ok(), "{} does not reparse", link.url);
                    prop_assert!(Url::parse(&link.canonical_url).is_ok());
                    prop_assert!(link.host.trim_end_matches('.').ends_with(&link.domain), "{} / {}", link.host, link.domain);
                }
                if !link.date.is_empty() {
                    prop_assert_eq!(link.date.len(), 10);
                }
                prop_assert!(link.slug_terms.iter().all(|t| !t.is_empty() && t.chars().all(char::is_alphanumeric)));
            }
        }
    }
}

#[test]
fn a_url_longer_than_the_cap_keeps_its_href_and_leaves_url_empty() {
    let long_path = format!("/{}", "p".repeat(MAX_URL_BYTES));
    let (links, warnings) = links_of(&[&long_path, "/short"], Some("https://news.example.com/"));
    assert_eq!(links[0].href, long_path);
    assert_eq!(links[0].url, "");
    assert_eq!(links[1].url, "https://news.example.com/short");
    assert!(warnings.iter().any(|w| w.message.contains("longer than 8192 bytes")), "{warnings:?}");
}

#[test]
fn a_base_href_longer_than_the_cap_is_ignored() {
    let long_base = format!("https://news.example.com/{}/", "d".repeat(MAX_URL_BYTES));
    let document = html_document(vec![anchor("a")], Some(&long_base));
    let (links, warnings) = extract(&document, None);
    assert_eq!(links[0].url, "");
    assert!(warnings.iter().any(|w| w.message.contains("was ignored")), "{warnings:?}");
}

/// Resolved URL bytes of an HTML source with a long `<base href>` and many short links.
fn resolved_bytes(scale: usize) -> (usize, usize) {
    let base = format!("<base href=\"https://news.example.com/{}/\">", "b".repeat(8000));
    let anchors = "<a href=x>l</a>".repeat(5_000 * scale);
    let source = format!("{base}{anchors}");
    let document = Document::parse(source.clone(), ContentFormat::Html);
    let (links, _) = extract(&document, None);
    assert_eq!(links.len(), 5_000 * scale);
    (links.iter().map(|l| l.url.len() + l.canonical_url.len()).sum(), source.len())
}

#[test]
fn resolved_urls_grow_at_most_linearly_with_the_source() {
    let (small, _) = resolved_bytes(1);
    let (large, large_source) = resolved_bytes(8);
    assert!(large <= URL_BYTES_PER_SOURCE_BYTE * large_source + URL_BYTES_ALLOWANCE, "{large}");
    assert!(large <= 9 * small, "{small} → {large}");
}

#[test]
fn a_link_against_a_long_base_is_paced_as_many_short_ones() {
    let long_base = page(&format!("https://news.example.com/{}/", "b".repeat(8000)));
    let short_base = page("https://news.example.com/world/");
    let long = Context { base: Some(&long_base), page: Some(&long_base) };
    let short = Context { base: Some(&short_base), page: Some(&short_base) };
    // Against 8 KiB of base every link is checked (64 of them took 10 ms unchecked).
    assert!(pace_steps(1, &long) >= PACE_LINKS, "{}", pace_steps(1, &long));
    assert_eq!(pace_steps(12, &short), 1, "a short link against a short base is one step");
    assert_eq!(pace_steps(12, &Context { base: None, page: None }), 1);
}
