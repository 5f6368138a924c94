//! Property: through `Document::parse`, every link's `span` covers exactly its anchor text, in the
//! extracted text and in the source, and links come back one per anchor in document order.

use proptest::prelude::*;
use textanalytics::analysis::document::{Document, OffsetEncoding};
use textanalytics::analysis::links::{self, LinkKind};
use textanalytics::analysis::ContentFormat;

/// A piece of a paragraph: running text or an anchor around some words.
#[derive(Clone, Debug)]
enum Piece {
    Text(String),
    Anchor { href: String, words: Vec<String>, attributes: String },
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Za-z]{1,10}", "[a-zé]{2,6}", Just("Ø".to_string()), Just("“quoted”".to_string())]
}

fn href() -> impl Strategy<Value = String> {
    prop_oneof![
        "/tags/[a-z]{1,8}(-[a-z]{1,8}){0,2}",
        "https://www\\.[a-z]{3,8}\\.co\\.uk/20[0-2][0-9]/0[1-9]/1[0-9]/[a-z]{2,6}(-[a-z]{2,6}){0,5}/",
        "#[a-z]{0,5}",
        Just(String::new()),
        Just("javascript:void(0)".to_string()),
        "mailto:[a-z]{1,5}@example\\.org",
    ]
}

fn attributes() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" target=\"_blank\" rel=\"\"".to_string()),
        Just(" rel=\"noreferrer nofollow\" title=\"x\"".to_string()),
    ]
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        prop::collection::vec(word(), 1..6).prop_map(|words| Piece::Text(words.join(" "))),
        (href(), prop::collection::vec(word(), 1..5), attributes())
            .prop_map(|(href, words, attributes)| Piece::Anchor { href, words, attributes }),
    ]
}

fn html_of(paragraphs: &[Vec<Piece>]) -> String {
    let mut html = String::new();
    for paragraph in paragraphs {
        html.push_str("<p>");
        for piece in paragraph {
            match piece {
                Piece::Text(text) => html.push_str(text),
                Piece::Anchor { href, words, attributes } => {
                    html.push_str(&format!("<a href=\"{href}\"{attributes}>{}</a>", words.join(" ")));
                }
            }
            html.push(' ');
        }
        html.push_str("</p>\n");
    }
    html
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn each_span_covers_exactly_its_anchor_text(paragraphs in prop::collection::vec(prop::collection::vec(piece(), 1..6), 1..5)) {
        let html = html_of(&paragraphs);
        let document = Document::parse(html.clone(), ContentFormat::Html);
        let (found, _) = links::extract(&document, None);
        let anchors: Vec<(&String, &Vec<String>)> = paragraphs
            .iter()
            .flatten()
            .filter_map(|piece| match piece {
                Piece::Anchor { href, words, .. } => Some((href, words)),
                Piece::Text(_) => None,
            })
            .collect();
        prop_assert_eq!(found.len(), anchors.len(), "{}", html);
        let spans: Vec<_> = found.iter().map(|l| l.span).collect();
        let encoded = document.encode_spans(&spans, OffsetEncoding::Utf8);
        for ((link, (href, words)), encoded) in found.iter().zip(&anchors).zip(&encoded) {
            let text = words.join(" ");
            prop_assert_eq!(&link.href, *href);
            prop_assert_eq!(&link.text, &text);
            prop_assert_eq!(document.slice(link.span), text.as_str(), "text span in {}", html);
            let source = &document.source[encoded.source_start as usize..encoded.source_end as usize];
            prop_assert_eq!(source, text.as_str(), "source span in {}", html);
            if href.is_empty() {
                prop_assert_eq!(link.kind, LinkKind::Empty);
            }
        }
        prop_assert!(spans.windows(2).all(|pair| pair[0].end <= pair[1].start), "document order");
    }
}
