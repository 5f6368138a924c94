//! Property tests of the document model's text and offset map: for HTML-ish and arbitrary input,
//! every text character maps back to source that decodes to it, spans stay ordered, and the
//! three offset encodings agree with each other.

use html5ever::data::NAMED_ENTITIES;
use proptest::prelude::*;
use textanalytics::analysis::document::{BlockKind, Casing, Document, OffsetEncoding, TokenKind, MAX_COMPOUND_WORDS};
use textanalytics::analysis::{CancelFlag, ContentExtraction, ContentFormat, TextSpan};

/// Decodes the source behind one text character: a character reference, a CR/CRLF, a NUL, or
/// the character itself. Written apart from the extractor's scanner so the two check each other.
fn decode_one(piece: &str) -> String {
    match piece {
        "\r\n" | "\r" => return "\n".into(),
        "\0" => return "\u{fffd}".into(),
        _ => {}
    }
    let Some(reference) = piece.strip_prefix('&') else {
        return piece.into();
    };
    if let Some(number) = reference.strip_prefix('#') {
        let number = number.trim_end_matches(';');
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        let c = match value {
            Some(0x80) => Some('\u{20ac}'),
            Some(0x93) => Some('\u{201c}'),
            Some(v) if v != 0 => char::from_u32(v),
            _ => None,
        };
        return c.unwrap_or('\u{fffd}').to_string();
    }
    match NAMED_ENTITIES.get(reference) {
        Some(&(first, second)) if first != 0 => {
            let mut out = String::new();
            out.extend(char::from_u32(first));
            if second != 0 {
                out.extend(char::from_u32(second));
            }
            out
        }
        _ => piece.into(),
    }
}

/// The word model against the tokens and text it was built from: words in order, one per
/// word-like token or compound, spans on character boundaries, lower-case forms as
/// `to_lowercase` gives them modulo apostrophes and hyphens, casing and sentence facts as the
/// text shows them.
fn check_words(doc: &Document) -> Result<(), TestCaseError> {
    let text = &doc.text;
    let straighten = |s: &str| s.replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{2010}', '\u{2011}'], "-");
    let mut next_token = 0;
    for (index, word) in doc.words.iter().enumerate() {
        prop_assert!(word.tokens.start >= next_token && !word.tokens.is_empty(), "words in order");
        next_token = word.tokens.end;
        let (first, last) = (doc.tokens[word.tokens.start], doc.tokens[word.tokens.end - 1]);
        prop_assert_eq!(word.span, TextSpan::new(first.span.start, last.span.end));
        prop_assert!(word.span.end <= text.len() && text.is_char_boundary(word.span.start) && text.is_char_boundary(word.span.end));
        prop_assert!(!matches!(first.kind, TokenKind::Punctuation | TokenKind::Symbol | TokenKind::Clitic));
        prop_assert!(word.tokens.len() == 1 || word.tokens.len() % 2 == 1 && word.tokens.len() <= 2 * MAX_COMPOUND_WORDS - 1);
        let written = doc.slice(word.span);
        prop_assert_eq!(doc.word_lower(word), straighten(&written.to_lowercase()), "lower of {:?}", written);
        prop_assert_eq!(word.casing, Casing::of(written));
        prop_assert_eq!(doc.folded.len(), text.len());
        let sentence = &doc.sentences[word.sentence as usize];
        prop_assert!(sentence.tokens.start <= word.tokens.start && word.tokens.end <= sentence.tokens.end);
        prop_assert!(sentence.words.contains(&index));
        prop_assert_eq!(word.block as usize, sentence.block);
        prop_assert_eq!(word.sentence_initial, doc.is_sentence_initial(word.tokens.start));
        prop_assert_eq!(word.possessive, doc.tokens.get(word.tokens.end).is_some_and(|t| t.kind == TokenKind::Clitic));
        for token in word.tokens.clone() {
            prop_assert_eq!(doc.word_of_token(token), Some(index));
        }
        if let Some(anchor) = word.anchor {
            prop_assert!(doc.anchor_spans[anchor as usize].start <= word.span.start && word.span.start < doc.anchor_spans[anchor as usize].end);
        }
    }
    let word_like = doc.content_tokens().filter(|(_, t)| !matches!(t.kind, TokenKind::Punctuation | TokenKind::Symbol | TokenKind::Clitic)).count();
    let in_words: usize = doc.words.iter().map(|w| w.tokens.len().div_ceil(2)).sum();
    prop_assert_eq!(in_words, word_like, "every word-like content token is in one word");
    Ok(())
}

/// Checks every character of the text against its source range.
fn check_characters(doc: &Document, require_mapped: bool) -> Result<(), TestCaseError> {
    let text = &doc.text;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut index = 0;
    while index < chars.len() {
        let (at, c) = chars[index];
        // A two-character reference (`&NotEqualTilde;`) maps both characters to itself.
        let mut end = at + c.len_utf8();
        let range = doc.offsets.source_range(TextSpan::new(at, end));
        prop_assert!(range.start <= range.end && range.end <= doc.source.len(), "range {range:?} out of the source");
        if range.is_empty() {
            prop_assert!(!require_mapped || c.is_whitespace(), "{c:?} at {at} has no source in {:?}", doc.source);
            index += 1;
            continue;
        }
        let decoded = decode_one(&doc.source[range.clone()]);
        let expected = if decoded.chars().count() == 2 && index + 1 < chars.len() {
            let second = chars[index + 1].1;
            end += second.len_utf8();
            index += 1;
            format!("{c}{second}")
        } else {
            c.to_string()
        };
        if c == ' ' {
            prop_assert!(decoded.chars().count() == 1 && decoded.chars().all(char::is_whitespace),
                "space at {at} maps to {:?}", &doc.source[range]);
        } else {
            prop_assert_eq!(&decoded, &expected, "text {:?} at {} maps to {:?}", &text[at..end], at, &doc.source[range]);
        }
        index += 1;
    }
    Ok(())
}

/// Blocks, anchors, emphasis and tokens are inside the text, ordered, and on char boundaries.
fn check_spans(doc: &Document) -> Result<(), TestCaseError> {
    let len = doc.text.len();
    let in_text = |s: TextSpan| s.start <= s.end && s.end <= len && doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end);
    for pair in doc.blocks.windows(2) {
        prop_assert!(pair[0].span.end <= pair[1].span.start, "blocks overlap: {:?}", pair);
    }
    for pair in doc.emphasis.windows(2) {
        prop_assert!(pair[0].end <= pair[1].start, "emphasis overlaps: {:?}", pair);
    }
    for span in doc.blocks.iter().map(|b| b.span).chain(doc.anchors.iter().map(|a| a.span)).chain(doc.emphasis.iter().copied()) {
        prop_assert!(in_text(span), "span {span:?} outside the text");
    }
    let spans: Vec<TextSpan> = doc.tokens.iter().map(|t| t.span).collect();
    let encoded = doc.encode_spans(&spans, OffsetEncoding::Utf8);
    for pair in encoded.windows(2) {
        prop_assert!(pair[0].start <= pair[1].start, "tokens out of order");
    }
    for e in &encoded {
        prop_assert!(e.start <= e.end && e.source_start <= e.source_end);
    }
    Ok(())
}

/// UTF-16 and code point offsets select the same characters as the byte offsets.
fn check_encodings(doc: &Document) -> Result<(), TestCaseError> {
    let mut spans: Vec<TextSpan> = doc.text.char_indices().map(|(at, c)| TextSpan::new(at, at + c.len_utf8())).collect();
    spans.extend(doc.blocks.iter().map(|b| b.span));
    spans.extend(doc.anchors.iter().map(|a| a.span));
    let bytes = doc.encode_spans(&spans, OffsetEncoding::Utf8);
    let utf16 = doc.encode_spans(&spans, OffsetEncoding::Utf16);
    let points = doc.encode_spans(&spans, OffsetEncoding::CodePoints);
    let text16: Vec<u16> = doc.text.encode_utf16().collect();
    let source16: Vec<u16> = doc.source.encode_utf16().collect();
    let text_chars: Vec<char> = doc.text.chars().collect();
    let source_chars: Vec<char> = doc.source.chars().collect();
    for ((b, u), p) in bytes.iter().zip(&utf16).zip(&points) {
        let text_slice = &doc.text[b.start as usize..b.end as usize];
        let source_slice = &doc.source[b.source_start as usize..b.source_end as usize];
        prop_assert_eq!(String::from_utf16_lossy(&text16[u.start as usize..u.end as usize]), text_slice);
        prop_assert_eq!(String::from_utf16_lossy(&source16[u.source_start as usize..u.source_end as usize]), source_slice);
        prop_assert_eq!(text_chars[p.start as usize..p.end as usize].iter().collect::<String>(), text_slice);
        prop_assert_eq!(source_chars[p.source_start as usize..p.source_end as usize].iter().collect::<String>(), source_slice);
    }
    Ok(())
}

fn html_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "word", "Trump", "Zelenskyy", "café", "naïve", "中文", "日本語", "😀", "👍🏽", "Ελλάδα", "مرحبا",
            "jaw-dropping", "U.S.", "a", "x\u{200b}y", "\u{200f}", "\u{1}", "\u{7f}", "'", "\"", "=", "/",
        ]).prop_map(str::to_string),
        3 => prop::sample::select(vec![" ", "  ", "\n", "\t", "\r\n", "\r", "\u{a0}", " \n "]).prop_map(str::to_string),
        2 => prop::sample::select(vec![
            "&amp;", "&nbsp;", "&#8220;", "&#x201D;", "&copy", "&copy;", "&lt", "&gt;", "&#xD800;", "&#0;",
            "&#128512;", "&#x80;", "&bogus;", "&", "&#", "&#x;", "&notit;", "&NotEqualTilde;", "&amp",
        ]).prop_map(str::to_string),
        4 => prop::sample::select(vec![
            "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<i>", "</i>", "<em>", "</em>", "<span>", "</span>",
            "<br>", "<br/>", "<pre>", "</pre>", "<li>", "<ul>", "</ul>", "<table>", "<tr>", "<td>", "</td>",
            "</table>", "<h2>", "</h2>", "<blockquote>", "</blockquote>", "<noscript>", "</noscript>",
            "<a href=\"/tags/x\" title=\"A &amp; B\">", "<a href=https://example.com/a?b=1&amp;c=2 rel=noreferrer>",
            "</a>", "<img alt=\"pic > here\" src=x.png>", "<script>if (a < b) x();</script>",
            "<style>p > b { }</style>", "<title>T &amp; t</title>", "<textarea>a<b></textarea>",
            "<!-- comment -->", "<!-->", "<!DOCTYPE html>", "<?php echo ?>", "</ odd>", "<", "a < b", "<3",
            "<template><p>t</p></template>", "<select><option>o</option></select>", "<base href=\"/b/\">",
            "<svg><title>s</title><text>t</text></svg>", "<svg><![CDATA[x<y]]></svg>", "<![CDATA[z]]>", "<math>",
            "</svg>", "<frameset>", "\u{feff}", "<head>", "<body>", "</body>", "<html>", "\0",
        ]).prop_map(str::to_string),
    ]
}

fn html_document() -> impl Strategy<Value = String> {
    prop::collection::vec(html_fragment(), 0..60).prop_map(|parts| parts.concat())
}

/// Pieces of whole pages: furniture, article containers, prose, link lists.
fn page_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => html_fragment(),
        3 => prop::sample::select(vec![
            "<p>The ferry, which left at dawn, reached the island after a calm crossing of four hours.</p>",
            "<p>Residents said the new timetable, agreed last month, would help schools and clinics.</p>",
            "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>", "<header>", "</header>", "<footer>",
            "</footer>", "<aside>", "</aside>", "<article>", "</article>", "<main>", "</main>",
            "<div class=\"share-bar\">", "<div class=\"related\">", "<div class=\"article-body\">",
            "<div class=\"byline\">By Ana Reis</div>", "<h1>Ferry reaches the island</h1>", "<section id=\"comments\">",
            "<div hidden>", "<div style=\"display: none\">", "<ul><li><a href=\"/a\">One</a></li><li><a href=\"/b\">Two</a></li></ul>",
            "<figure><img alt=\"x\" src=x.png><figcaption>A caption here.</figcaption></figure>",
            "<a href=\"/s\"><svg><title>Share this</title></svg></a>", "<time datetime=\"2024-03-12\">12 March</time>",
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\"}</script>",
        ]).prop_map(str::to_string),
    ]
}

fn page_document() -> impl Strategy<Value = String> {
    prop::collection::vec(page_fragment(), 0..80).prop_map(|parts| format!("<!doctype html><html><body>{}", parts.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn extracted_pages_still_map_into_the_original(source in page_document()) {
        let doc = Document::parse_with(source, ContentFormat::Html, ContentExtraction::Article, &CancelFlag::new());
        check_characters(&doc, true)?;
        check_spans(&doc)?;
        check_encodings(&doc)?;
        let page = doc.page.as_ref().expect("a whole page has page metadata");
        prop_assert!(page.body.start <= page.body.end && page.body.end == doc.text.len());
        prop_assert!(doc.text.is_char_boundary(page.body.start));
    }

    #[test]
    fn html_text_maps_back_to_its_source(source in html_document()) {
        let doc = Document::parse(source, ContentFormat::Html);
        check_characters(&doc, true)?;
        check_spans(&doc)?;
        check_encodings(&doc)?;
        check_words(&doc)?;
    }

    #[test]
    fn arbitrary_strings_as_html_never_break_the_map(source in ".{0,200}") {
        let doc = Document::parse(source, ContentFormat::Html);
        check_characters(&doc, false)?;
        check_spans(&doc)?;
        check_encodings(&doc)?;
        check_words(&doc)?;
    }

    #[test]
    fn plain_text_maps_to_itself(source in ".{0,200}") {
        let doc = Document::parse(source.clone(), ContentFormat::PlainText);
        prop_assert_eq!(&doc.text, &source);
        let whole = TextSpan::new(0, source.len());
        prop_assert_eq!(doc.offsets.source_range(whole), 0..source.len());
        check_encodings(&doc)?;
        check_words(&doc)?;
    }

    #[test]
    fn words_of_news_like_text_are_well_formed(source in "([A-Za-zÉéİıΣσß’'‘-]{1,8}|[ .,!?“”\"()@#&;:0-9\u{2010}\u{2011}]|\n|Mr\\. |U\\.S\\. |'s ){0,60}") {
        let doc = Document::parse(source, ContentFormat::PlainText);
        check_words(&doc)?;
    }

    #[test]
    fn text_is_collapsed_and_trimmed(source in html_document()) {
        let doc = Document::parse(source, ContentFormat::Html);
        prop_assert!(!doc.text.starts_with(char::is_whitespace) && !doc.text.ends_with(char::is_whitespace));
        if !doc.source.contains("<pre") && !doc.source.contains("<textarea") {
            prop_assert!(!doc.text.contains("\n\n\n"));
            let uncollapsed = doc.text.contains("  ") || doc.text.contains(['\t', '\u{a0}']);
            prop_assert!(!uncollapsed, "whitespace left uncollapsed in {:?}", doc.text);
        }
    }
}

#[test]
fn surrogate_escapes_and_huge_words_are_handled() {
    let doc = Document::parse("<p>&#xD800;&#xDFFF;</p>".into(), ContentFormat::Html);
    assert_eq!(doc.text, "\u{fffd}\u{fffd}");
    let word = "a".repeat(1 << 20);
    let doc = Document::parse(format!("<p>{word}</p>"), ContentFormat::Html);
    assert_eq!(doc.text.len(), 1 << 20);
    assert_eq!(doc.offsets.source_range(TextSpan::new(0, 1 << 20)), 3..3 + (1 << 20));
    assert!(doc.offsets.segment_count() <= 2);
}

#[test]
fn a_hundred_thousand_spans_on_a_mebibyte_convert_in_one_pass() {
    let paragraph = "<p>Ünïcödé wörds and 😀 emoji &amp; entities, repeated.</p>\n";
    let source = paragraph.repeat((1 << 20) / paragraph.len());
    let doc = Document::parse(source, ContentFormat::Html);
    let spans: Vec<TextSpan> = doc
        .text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .take(100_000)
        .map(|(at, c)| TextSpan::new(at, at + c.len_utf8()))
        .collect();
    assert_eq!(spans.len(), 100_000);
    let utf16 = doc.encode_spans(&spans, OffsetEncoding::Utf16);
    let last = utf16.last().copied().unwrap_or_default();
    let prefix16 = doc.text[..spans[99_999].start].encode_utf16().count() as u32;
    assert_eq!(last.start, prefix16);
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/articles/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn inline_article_reads_as_text_with_decoded_quotes() {
    let doc = Document::parse(fixture("inline_article.html"), ContentFormat::Sniff);
    check_characters(&doc, true).expect("offsets faithful");
    assert!(doc.text.starts_with("date 2026-03-12 UN Secretary General António Guterres urged"));
    assert!(doc.text.contains("\u{201c}The forest cannot wait another season,\u{201d} Mr Guterres"));
    assert!(doc.text.contains("“We are not asking for miracles."));
    assert!(doc.text.contains("UN chief had \u{201c}a fair point"));
    assert!(doc.text.contains("Brazil\u{2019}s environment") && doc.text.contains("Norway's climate"));
    assert!(!doc.text.contains('<') && !doc.text.contains("href") && !doc.text.contains("&amp;"));
    assert_eq!(doc.blocks.len(), 1);
    let texts: Vec<&str> = doc.anchors.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["António Guterres", "Luiz Inácio Lula da Silva", "Belém summit", "cutting deforestation", "trip to New York"]);
    for anchor in &doc.anchors {
        assert_eq!(doc.slice(anchor.span), anchor.text);
        assert_eq!(anchor.target.as_deref(), Some("_blank"));
        assert_eq!(anchor.title.as_deref(), Some(anchor.href.as_str()));
        let source = &doc.source[doc.offsets.source_range(anchor.span)];
        assert!(source.starts_with(&anchor.text[..1]) && !source.contains('<'), "{source:?}");
    }
    assert_eq!(doc.anchors[2].rel.as_deref(), Some("noreferrer"));
}

#[test]
fn news_page_keeps_the_article_and_drops_the_machinery() {
    let doc = Document::parse(fixture("news_page.html"), ContentFormat::Sniff);
    check_characters(&doc, true).expect("offsets faithful");
    let text = &doc.text;
    assert!(text.starts_with("Guterres presses Lula on Amazon drilling permits | The Daily Meridian\n\nNews\n\nClimate"));
    for gone in ["dataLayer", "font-family", "NewsArticle", "Hidden template", "description", "app.js"] {
        assert!(!text.contains(gone), "{gone} leaked into the text");
    }
    assert!(text.contains("Enable JavaScript to see the interactive map."));
    assert!(text.contains("By Inês Carvalho · March 12, 2026"));
    assert!(text.contains("\u{201c}The forest cannot wait another season,\u{201d} Mr Guterres said. \u{201c}We are asking"));
    assert!(text.contains("to a ten-year low.\nOfficials in Brasília declined to comment."));
    assert!(text.ends_with("© 2026 The Daily Meridian. All rights reserved.\n\nAbout us | Privacy | Top"));
    assert_eq!(doc.base_href.as_deref(), Some("https://www.dailymeridian.com/climate/"));
    assert_eq!(doc.anchors.len(), 19);
    assert_eq!(doc.anchors[0].image_alt, "The Daily Meridian");
    assert_eq!(doc.anchors[0].text, "");
    let cutting = doc.anchors.iter().find(|a| a.text == "cutting deforestation").expect("inline link");
    assert_eq!(cutting.href, "2026/03/04/brazil-deforestation-falls-to-decade-low/?utm_source=newsletter&utm_medium=email");
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds[0], BlockKind::Heading(0));
    assert!(kinds.contains(&BlockKind::Heading(1)) && kinds.contains(&BlockKind::Quote) && kinds.contains(&BlockKind::ListItem));
    let headline = doc.blocks.iter().find(|b| b.kind == BlockKind::Heading(1)).expect("h1");
    assert_eq!(doc.slice(headline.span), "Guterres presses Lula on Amazon drilling permits");
    assert!(doc.emphasis.iter().any(|s| doc.slice(*s) == "environment ministry"));
}

#[test]
fn spanish_article_decodes_guillemets_and_percent() {
    let doc = Document::parse(fixture("spanish_article.html"), ContentFormat::Sniff);
    check_characters(&doc, true).expect("offsets faithful");
    assert!(doc.text.contains("«No podemos esperar otra década», dijo"));
    assert!(doc.text.contains("un 11 % en"));
    assert_eq!(doc.anchors[0].text, "Pedro Sánchez");
}

/// Found by `html_text_maps_back_to_its_source`: inside MathML a `<textarea>` is an ordinary
/// foreign element, so the `<b>` in it is a tag, not text.
#[test]
fn a_textarea_inside_mathml_maps_back_to_its_source() {
    let doc = Document::parse("<math><textarea>a<b></textarea>a\0word".to_string(), ContentFormat::Html);
    check_characters(&doc, true).unwrap();
    check_spans(&doc).unwrap();
    check_words(&doc).unwrap();
}
