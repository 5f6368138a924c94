//! The extraction rules, one test each, plus the offset map checked character by character.

use crate::analysis::document::{Anchor, BlockKind, Extraction};
use crate::analysis::{ContentExtraction, TextSpan};

/// These tests pin the rendering rules, so they read every node.
fn extract(source: &str) -> Extraction {
    super::extract(source, ContentExtraction::None, &crate::analysis::CancelFlag::new())
}

fn text(source: &str) -> String {
    let extraction = extract(source);
    assert_offsets_faithful(source, &extraction);
    extraction.text
}

/// Every text character maps to a source range that decodes to it (a space to a whitespace
/// character), or to an empty range; ranges never leave the source.
fn assert_offsets_faithful(source: &str, extraction: &Extraction) {
    let text = &extraction.text;
    for (at, c) in text.char_indices() {
        let range = extraction.offsets.source_range(TextSpan::new(at, at + c.len_utf8()));
        assert!(range.end <= source.len(), "{c:?} at {at} maps past the source");
        if range.is_empty() {
            continue;
        }
        let piece = &source[range.clone()];
        let decoded = decode_reference(piece);
        if c == ' ' || c == '\n' {
            assert!(decoded.chars().all(char::is_whitespace) && decoded.chars().count() == 1 || piece == "\r\n",
                "{c:?} at {at} maps to {piece:?}");
        } else {
            assert_eq!(decoded, c.to_string(), "{c:?} at {at} maps to {piece:?} in {source:?}");
        }
    }
}

/// The few references the tests use, decoded independently of the scanner.
fn decode_reference(piece: &str) -> String {
    match piece {
        "&amp;" => "&".into(),
        "&nbsp;" => "\u{a0}".into(),
        "&#8220;" => "\u{201c}".into(),
        "&#8221;" => "\u{201d}".into(),
        "&rsquo;" => "\u{2019}".into(),
        "&copy" => "©".into(),
        "&lt;" => "<".into(),
        "&#xD800;" => "\u{fffd}".into(),
        "\r\n" | "\r" => "\n".into(),
        other => other.into(),
    }
}

fn anchor<'a>(extraction: &'a Extraction, href: &str) -> &'a Anchor {
    extraction.anchors.iter().find(|a| a.href == href).expect("anchor present")
}

#[test]
fn character_references_are_decoded() {
    assert_eq!(
        text("<p>Tom &amp; Jerry&nbsp;said &#8220;hi&#8221; &copy 2025 &#xD800;</p>"),
        "Tom & Jerry said \u{201c}hi\u{201d} © 2025 \u{fffd}"
    );
}

#[test]
fn script_style_template_and_head_are_not_text() {
    let source = "<html><head><title>Page</title><style>p { color: red }</style><script>var x = '<p>';</script>\
        <meta name=x content=y></head><body><template><p>inert</p></template><script>alert(1)</script>\
        <noscript>Enable scripts</noscript><p>Body text</p></body></html>";
    let extraction = extract(source);
    assert_offsets_faithful(source, &extraction);
    assert_eq!(extraction.text, "Page\n\nEnable scripts\n\nBody text");
    assert_eq!(extraction.blocks[0].kind, BlockKind::Heading(0));
    assert_eq!(extraction.blocks.len(), 3);
}

#[test]
fn a_charset_declaration_does_not_stop_parsing() {
    assert_eq!(text("<head><meta charset=\"utf-8\"><title>T</title></head><p>body"), "T\n\nbody");
    assert_eq!(text("<p>a</p><meta http-equiv=content-type content=\"text/html; charset=latin1\"><p>b"), "a\n\nb");
}

#[test]
fn malformed_markup_reads_as_html5_does() {
    assert_eq!(text("a < b and c <3 d"), "a < b and c <3 d");
    assert_eq!(text("<p>x <!-- hidden --> y</p>"), "x y");
    assert_eq!(text("<p>one<p>two<div>three"), "one\n\ntwo\n\nthree");
    assert_eq!(text("<p>stray < here</p>"), "stray < here");
    assert_eq!(text("<p>unclosed <b>bold"), "unclosed bold");
}

#[test]
fn inline_elements_never_split_words() {
    assert_eq!(text("<b>Mr</b> Trump"), "Mr Trump");
    assert_eq!(text("Mr<b> </b>Trump"), "Mr Trump");
    assert_eq!(text("Ukr<span>ai</span>ne"), "Ukraine");
    let extraction = extract("<b>Mr</b> Trump <em>said <i>so</i></em>.");
    assert_eq!(extraction.emphasis, vec![TextSpan::new(0, 2), TextSpan::new(9, 16)]);
    assert!(extract("Mr<b> </b>Trump").emphasis.is_empty());
}

#[test]
fn whitespace_collapses_and_nothing_leads_or_trails() {
    assert_eq!(text("  <p>\n  a \t\r\n b  </p>  "), "a b");
    assert_eq!(text("<p>a\u{a0}\u{2003} b</p>"), "a b");
}

#[test]
fn blocks_end_paragraphs_and_br_ends_lines() {
    let source = "<h2>Title</h2><p>First<br>line<br><br>new</p><ul><li>one</li><li>two</li></ul>\
        <blockquote>quoted</blockquote><table><tr><td>c1</td><td>c2</td></tr></table>";
    let extraction = extract(source);
    assert_offsets_faithful(source, &extraction);
    assert_eq!(extraction.text, "Title\n\nFirst\nline\n\nnew\n\none\n\ntwo\n\nquoted\n\nc1\n\nc2");
    let kinds: Vec<BlockKind> = extraction.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        vec![
            BlockKind::Heading(2),
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::Quote,
            BlockKind::TableCell,
            BlockKind::TableCell
        ]
    );
    for block in &extraction.blocks {
        let slice = &extraction.text[block.span.range()];
        assert!(!slice.contains("\n\n") && !slice.starts_with(char::is_whitespace) && !slice.ends_with(char::is_whitespace));
    }
}

#[test]
fn preformatted_text_keeps_its_whitespace() {
    assert_eq!(text("<p>x</p><pre>\n  fn main() {\n      go();\n  }\n</pre>"), "x\n\nfn main() {\n      go();\n  }");
}

#[test]
fn nested_anchors_are_split_like_a_browser() {
    let extraction = extract("<p><a href=\"/one\">first <a href=\"/two\">second</a> tail</a></p>");
    let hrefs: Vec<&str> = extraction.anchors.iter().map(|a| a.href.as_str()).collect();
    assert_eq!(hrefs, vec!["/one", "/two"]);
    assert_eq!(extraction.anchors[0].text, "first");
    assert_eq!(extraction.anchors[1].text, "second");
    assert_eq!(extraction.text, "first second tail");
    assert_eq!(&extraction.text[extraction.anchors[1].span.range()], "second");
}

#[test]
fn anchors_keep_their_attributes_text_and_images() {
    let source = "<p>See <a href=\"https://example.com/tags/jane-doe\" title=\"Jane &amp; co\" rel=\"noopener Noreferrer\" \
        target=\"_blank\">Jane <b>Doe</b><img src=x.png alt=\"portrait\"></a> and <a href=\"#top\"></a>.</p>\
        <a name=\"no-href\">plain</a>";
    let extraction = extract(source);
    assert_eq!(extraction.anchors.len(), 2);
    let jane = anchor(&extraction, "https://example.com/tags/jane-doe");
    assert_eq!(jane.title.as_deref(), Some("Jane & co"));
    assert_eq!(jane.rel.as_deref(), Some("noopener Noreferrer"));
    assert_eq!(jane.target.as_deref(), Some("_blank"));
    assert_eq!(jane.text, "Jane Doe");
    assert_eq!(jane.image_alt, "portrait");
    assert_eq!(&extraction.text[jane.span.range()], "Jane Doe");
    let top = anchor(&extraction, "#top");
    assert!(top.span.is_empty() && top.text.is_empty() && top.title.is_none());
}

#[test]
fn anchor_text_skips_scripts_and_collapses_whitespace() {
    let extraction = extract("<a href=/x>  Breaking\n <script>no()</script><span>news</span>  </a>");
    assert_eq!(extraction.anchors[0].text, "Breaking news");
}

#[test]
fn first_base_href_is_kept() {
    let extraction = extract("<head><base href=\"https://news.example/world/\"><base href=\"/other\"></head><p>x");
    assert_eq!(extraction.base_href.as_deref(), Some("https://news.example/world/"));
}

#[test]
fn foster_parented_table_text_comes_first_and_maps_back() {
    let source = "<table><tr><td>cell</td></tr>loose</table>";
    let extraction = extract(source);
    assert_offsets_faithful(source, &extraction);
    assert_eq!(extraction.text, "loose\n\ncell");
    let loose = extraction.offsets.source_range(TextSpan::new(0, 5));
    assert_eq!(&source[loose], "loose");
    let cell = extraction.offsets.source_range(TextSpan::new(7, 11));
    assert_eq!(&source[cell], "cell");
}

#[test]
fn deep_nesting_is_capped_without_recursion() {
    let source = format!("{}deep text{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let extraction = extract(&source);
    assert_eq!(extraction.text, "deep text");
    assert!(extraction.warnings.iter().any(|w| w.message.contains("512")));
    let spans = "<span>".repeat(100_000) + "x";
    assert_eq!(extract(&spans).text, "x");
}

#[test]
fn a_hundred_thousand_anchors() {
    let source: String = (0..100_000).map(|i| format!("<a href=\"/n/{i}\">w{i}</a> ")).collect();
    let extraction = extract(&source);
    assert_eq!(extraction.anchors.len(), 100_000);
    let last = &extraction.anchors[99_999];
    assert_eq!(last.href, "/n/99999");
    assert_eq!(&extraction.text[last.span.range()], "w99999");
    assert_eq!(&source[extraction.offsets.source_range(last.span)], "w99999");
}

#[test]
fn control_characters_and_invisible_marks_survive() {
    assert_eq!(text("<p>a\u{1}b \u{200b}c\u{200f}d \u{202e}e</p>"), "a\u{1}b \u{200b}c\u{200f}d \u{202e}e");
    assert_eq!(text("<p>a\0b</p>"), "ab");
    assert_eq!(text("x\r\ny"), "x y");
}

#[test]
fn empty_html_warns() {
    let extraction = extract("<html><head><script>x()</script></head><body>  <img src=a.png> </body></html>");
    assert!(extraction.text.is_empty());
    assert!(extraction.blocks.is_empty());
    assert!(extraction.warnings.iter().any(|w| w.message.contains("no readable text")));
}

#[test]
fn separators_map_to_empty_ranges_and_spaces_to_whitespace() {
    let source = "<p>one</p>\n<p>two &amp;\n  three</p>";
    let extraction = extract(source);
    assert_eq!(extraction.text, "one\n\ntwo & three");
    assert!(extraction.offsets.source_range(TextSpan::new(3, 5)).is_empty());
    assert_eq!(&source[extraction.offsets.source_range(TextSpan::new(8, 9))], " ");
    assert_eq!(&source[extraction.offsets.source_range(TextSpan::new(9, 10))], "&amp;");
    assert_eq!(&source[extraction.offsets.source_range(TextSpan::new(10, 11))], "\n");
    assert_eq!(&source[extraction.offsets.source_range(TextSpan::new(5, 17))], "two &amp;\n  three");
}

#[test]
fn dropped_leading_whitespace_and_doctype_do_not_disturb_alignment() {
    let source = "\n\n<!DOCTYPE html>\n<html lang=en>\n<body>\n<pre>\nkept</pre><textarea>\n a &lt; b</textarea>";
    let extraction = extract(source);
    assert_offsets_faithful(source, &extraction);
    assert_eq!(extraction.text, "kept\n\na < b");
    assert_eq!(&source[extraction.offsets.source_range(TextSpan::new(0, 4))], "kept");
}


/// Nodes the tree builder leaves in the arena for a source.
fn node_count(source: &str) -> usize {
    let scanned = super::scan::scan(source);
    super::parse::parse(source, &scanned.cuts, &crate::analysis::CancelFlag::new()).nodes.len()
}

/// Nodes grow at most linearly: eight times the source, at most about eight times the nodes.
fn assert_linear_nodes(shape: impl Fn(usize) -> String) {
    let (small, large) = (shape(1), shape(8));
    let (nodes_small, nodes_large) = (node_count(&small), node_count(&large));
    assert!(
        nodes_large <= nodes_small * 9 + 64,
        "{nodes_small} nodes at {} bytes, {nodes_large} at {} bytes",
        small.len(),
        large.len()
    );
    assert!(
        nodes_large <= super::tree::node_budget(large.len()) + large.len() / 8,
        "{nodes_large} nodes for {} bytes",
        large.len()
    );
}

#[test]
fn reopened_formatting_elements_stay_within_the_node_budget() {
    // Every paragraph re-opens each active formatting element.
    let shape = |scale: usize| {
        let open: String = (0..40 * scale).map(|i| format!("<b id={i}>")).collect();
        format!("<p>{open}{}", "<p>x".repeat(1000 * scale))
    };
    assert_linear_nodes(shape);
    let extraction = extract(&shape(2));
    assert_eq!(extraction.text.matches('x').count(), 2000, "every paragraph's text is kept");
    assert!(extraction.warnings.iter().any(|w| w.message.contains("formatting elements")));
}

#[test]
fn the_node_budget_keeps_the_text() {
    // More elements than the budget allows for so short a source: text goes on after it.
    let open: String = (0..30).map(|i| format!("<i class=c{i}>")).collect();
    let source = format!("<div>{open}{}</div>", "<p>word ".repeat(3000));
    let extraction = extract(&source);
    assert_eq!(extraction.text.matches("word").count(), 3000);
    assert!(node_count(&source) <= super::tree::node_budget(source.len()));
}

#[test]
fn unclosed_formatting_and_tables_grow_linearly() {
    assert_linear_nodes(|scale| "<a href=x>l<nobr>n<font>f".repeat(500 * scale));
    assert_linear_nodes(|scale| "<table><tr><td>a<table><tr><td>b".repeat(60 * scale));
    assert_linear_nodes(|scale| "<table><b>foster<tr><td>c</b>".repeat(300 * scale));
    assert_linear_nodes(|scale| format!("<select>{}", "<option>o<optgroup>g".repeat(800 * scale)));
    assert_linear_nodes(|scale| "<template><p>t".repeat(400 * scale));
}

#[test]
fn attributes_beyond_the_cap_are_ignored_with_a_warning() {
    let many: String = (0..300).map(|i| format!(" a{i}=\"v\"")).collect();
    let source = format!("<p id=first{many} title=\"t\">kept text</p><p>next</p>");
    let extraction = extract(&source);
    assert_eq!(extraction.text, "kept text\n\nnext");
    assert!(extraction.warnings.iter().any(|w| w.message.contains("more than 128 attributes")));
    let cuts = super::scan::scan(&source).cuts;
    assert_eq!(cuts.len(), 1);
    // The cut ends where the last attribute ends: the `>` is left to close the tag.
    assert_eq!(&source[cuts[0].end as usize..cuts[0].end as usize + 1], ">");
}

#[test]
fn a_self_closing_slash_survives_a_cut() {
    let many: String = (0..200).map(|i| format!(" x{i}")).collect();
    let source = format!("<svg><g{many}/><text>in svg</text></svg>after");
    let cuts = super::scan::scan(&source).cuts;
    assert_eq!(&source[cuts[0].end as usize..cuts[0].end as usize + 2], "/>");
    assert_eq!(text(&source), "in svgafter");
}

/// Alignment segments and rendered words of 20,000 paragraphs, the tree parsed whole, when
/// alignment and rendering run under `stop`.
fn aligned_and_rendered(stop: &crate::analysis::CancelFlag) -> (usize, usize) {
    let source = "<p>word &amp; more</p>".repeat(20_000);
    let scanned = super::scan::scan(&source);
    let dom = super::parse::parse(&source, &scanned.cuts, &crate::analysis::CancelFlag::new());
    let _scope = crate::analysis::CancelScope::enter(stop);
    let alignment = super::align::align(&dom.incoming, &source, &scanned.pieces);
    let mut segments = 0;
    alignment.origins(0..dom.incoming.len() as u32, &mut 0, |_, _| segments += 1);
    let whole_alignment = {
        let _unstopped = crate::analysis::CancelScope::enter(&crate::analysis::CancelFlag::new());
        super::align::align(&dom.incoming, &source, &scanned.pieces)
    };
    let rendered = super::render::render(&dom, &whole_alignment, None);
    (segments, rendered.extraction.text.matches("word").count())
}

#[test]
fn a_stop_ends_alignment_and_rendering_early() {
    let (segments, words) = aligned_and_rendered(&crate::analysis::CancelFlag::new());
    assert_eq!(words, 20_000);
    assert!(segments > 20_000, "{segments} segments");
    let stopped = crate::analysis::CancelFlag::new();
    stopped.cancel();
    let (segments, words) = aligned_and_rendered(&stopped);
    assert!(segments <= 1, "{segments} segments aligned after the stop");
    assert_eq!(words, 0, "{words} paragraphs rendered after the stop");
}

#[test]
fn a_cancelled_parse_stops_reading_the_source() {
    let source = "<p>word</p>".repeat(20_000);
    let cancel = crate::analysis::CancelFlag::new();
    cancel.cancel();
    let extraction = super::extract(&source, ContentExtraction::None, &cancel);
    assert!(extraction.text.is_empty(), "{} bytes of text", extraction.text.len());
    let whole = super::extract(&source, ContentExtraction::None, &crate::analysis::CancelFlag::new());
    assert_eq!(whole.text.matches("word").count(), 20_000);
}

#[test]
fn cdata_text_in_foreign_content_maps_back() {
    for source in [
        "<title>T &amp; t</title><math><title>T &amp; t</title><![CDATA[z]]>",
        "<a href=x><math><a></a><![CDATA[z]]>",
        "<a href=x><svg><a/></a><![CDATA[z]]>",
        "<td><math><td></td><![CDATA[z]]>",
        "<textarea>a</textarea><svg><textarea>q</textarea><![CDATA[z]]>",
    ] {
        let extraction = extract(source);
        assert_offsets_faithful(source, &extraction);
        for (at, c) in extraction.text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
            let range = extraction.offsets.source_range(TextSpan::new(at, at + c.len_utf8()));
            assert!(!range.is_empty(), "{c:?} at {at} has no source in {source:?} (text {:?})", extraction.text);
        }
    }
}
