//! Extraction on pages of our own in the shapes crawlers meet.

use crate::analysis::document::html::extract as read;
use crate::analysis::document::{Extraction, Page};
use crate::analysis::ContentExtraction;

const PARAGRAPH_A: &str = "The harbour council voted on Tuesday to rebuild the northern pier, which storms damaged twice last winter, at a cost of four million euros.";
const PARAGRAPH_B: &str = "Engineers said the work, funded by the regional government and two ferry operators, would start in spring and last about eighteen months.";
const PARAGRAPH_C: &str = "Fishermen, who moor their boats at the old pier, asked for a temporary landing stage while the building goes on, and the council agreed.";

fn article(extraction: ContentExtraction, page: &str) -> Extraction {
    read(page, extraction, &crate::analysis::CancelFlag::new())
}

fn page_of(extraction: &Extraction) -> &Page {
    extraction.page.as_ref().expect("a whole page has page metadata")
}

fn body_of(extraction: &Extraction) -> &str {
    &extraction.text[page_of(extraction).body.range()]
}

fn news_page() -> String {
    format!(
        r##"<!doctype html><html><head><title>Pier to be rebuilt | Coast Courier</title>
<meta property="og:site_name" content="Coast Courier"><link rel="canonical" href="https://courier.example/2023/11/07/pier-rebuilt">
</head><body>
<header class="site-header"><a href="/">Coast Courier</a><nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<div class="breadcrumbs"><a href="/news">News</a> › <a href="/news/local">Local</a></div>
<h1>Council approves new northern pier</h1>
<div class="byline">By Marta Quintela</div>
<div class="share-bar"><a href="https://facebook.com/share">Share on Facebook</a> <a href="mailto:?x">Email</a> <a href="#comments">Comments (12)</a></div>
<div class="article-body">
<p>{PARAGRAPH_A}</p>
<p>{PARAGRAPH_B} See the <a href="/topics/ferries">ferry timetable</a>.</p>
<p>{PARAGRAPH_C}</p>
</div>
<div class="related-stories"><h2>Related</h2><ul><li><a href="/a">Storm closes beach road</a></li><li><a href="/b">Ferry fares rise again</a></li><li><a href="/c">Lighthouse reopens for visitors</a></li></ul></div>
</article>
<section id="comments"><h2>Comments</h2><div class="comment"><p>Finally! It took them long enough to decide on this, honestly speaking.</p></div></section>
</main>
<aside><h2>Most read</h2><ol><li><a href="/x">Man finds giant crab</a></li><li><a href="/y">Tides explained</a></li></ol></aside>
<div class="cookie-consent">We use cookies to improve your experience. <button>Accept</button></div>
<footer><p>© Coast Courier Ltd. All rights reserved.</p></footer>
</body></html>"##
    )
}

#[test]
fn a_news_page_keeps_headline_and_article_only() {
    let page = news_page();
    let extraction = article(ContentExtraction::Auto, &page);
    let text = &extraction.text;
    assert!(text.starts_with("Council approves new northern pier\n\n"), "{text}");
    assert_eq!(body_of(&extraction), format!("{PARAGRAPH_A}\n\n{PARAGRAPH_B} See the ferry timetable.\n\n{PARAGRAPH_C}"));
    for furniture in ["Sport", "Share on Facebook", "Related", "Finally", "cookies", "All rights", "Most read", "Marta", "Local"] {
        assert!(!text.contains(furniture), "{furniture:?} left in {text}");
    }
    let meta = page_of(&extraction);
    assert!(meta.extracted);
    assert_eq!(meta.authors, ["Marta Quintela"]);
    assert_eq!(meta.site_name, "Coast Courier");
    assert_eq!(meta.title, "Council approves new northern pier");
}

#[test]
fn links_outside_the_article_stay_but_are_not_in_body() {
    let extraction = article(ContentExtraction::Auto, &news_page());
    let in_body: Vec<&str> = extraction.anchors.iter().filter(|a| a.in_body).map(|a| a.text.as_str()).collect();
    assert_eq!(in_body, ["ferry timetable"]);
    let share = extraction.anchors.iter().find(|a| a.text == "Share on Facebook").expect("share link kept");
    assert!(!share.in_body);
    let timetable = extraction.anchors.iter().find(|a| a.in_body).unwrap();
    assert_eq!(&extraction.text[timetable.span.range()], "ferry timetable");
}

#[test]
fn without_extraction_the_page_is_read_whole_with_metadata() {
    let extraction = article(ContentExtraction::None, &news_page());
    assert!(extraction.text.contains("Share on Facebook") && extraction.text.contains("All rights reserved"));
    assert!(extraction.anchors.iter().all(|a| a.in_body));
    let meta = page_of(&extraction);
    assert!(!meta.extracted);
    assert_eq!(meta.site_name, "Coast Courier");
}

/// Figures (photo, caption, credit) leave the body: the human-judged article bodies of the
/// development pages never hold them.
#[test]
fn an_article_split_by_ads_is_joined() {
    let page = format!(
        r##"<html><body><div id="page"><div class="story">
<h1>Pier plan approved</h1>
<p>{PARAGRAPH_A}</p>
<div class="ad-slot"><span>Advertisement</span></div>
<p>{PARAGRAPH_B}</p>
<figure><img src="pier.jpg" alt=""><figcaption>The old pier at low tide.</figcaption></figure>
<div class="advert"><a href="https://ads.example/click">Buy cheap boats now</a></div>
<p>{PARAGRAPH_C}</p>
</div></div></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &page);
    assert_eq!(
        body_of(&extraction),
        format!("{PARAGRAPH_A}\n\n{PARAGRAPH_B}\n\n{PARAGRAPH_C}")
    );
}

#[test]
fn an_index_page_keeps_its_teasers() {
    let teasers: String = (1..=8)
        .map(|i| format!(r##"<div class="card"><h3><a href="/story/{i}">Story number {i} of the day</a></h3><span>Short line {i}.</span></div>"##))
        .collect();
    let page = format!(r##"<!doctype html><html><body><nav><a href="/">Home</a></nav><main>{teasers}</main><footer>Contact us</footer></body></html>"##);
    let extraction = article(ContentExtraction::Auto, &page);
    assert!(extraction.text.contains("Story number 1 of the day"), "{}", extraction.text);
    assert!(extraction.text.contains("Short line 8."));
}

#[test]
fn json_ld_outranks_meta_and_time() {
    let page = format!(
        r##"<!doctype html><html><head>
<meta property="og:title" content="Meta headline">
<meta property="article:published_time" content="2023-11-08T06:00:00Z">
<meta name="author" content="Meta Author">
<script type="application/ld+json">{{"@context":"https://schema.org","@graph":[{{"@type":"WebSite","name":"Site"}},{{"@type":"NewsArticle","headline":"JSON-LD headline","datePublished":"2023-11-07T18:30:00+01:00","dateModified":"2023-11-09","author":[{{"@type":"Person","name":"Rita Sousa"}},{{"@type":"Person","name":"Ivo Lemos"}}],"publisher":{{"@type":"Organization","name":"Coast Courier"}},"keywords":"harbour, ferries"}}]}}</script>
</head><body><article><h1>Pier approved</h1><time datetime="2023-11-01">1 Nov</time><p>{PARAGRAPH_A}</p><p>{PARAGRAPH_B}</p></article></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &page);
    let meta = page_of(&extraction);
    assert_eq!(meta.title, "JSON-LD headline");
    assert_eq!(meta.published_date, "2023-11-07");
    assert_eq!(meta.modified_date, "2023-11-09");
    assert_eq!(meta.authors, ["Rita Sousa", "Ivo Lemos"]);
    assert_eq!(meta.site_name, "Coast Courier");
    assert_eq!(meta.tags, ["harbour", "ferries"]);
}

#[test]
fn meta_outranks_time_and_time_outranks_the_byline() {
    let with_meta = format!(
        r##"<!doctype html><html><head><meta property="article:published_time" content="2023-11-08T06:00:00Z"></head>
<body><article><time datetime="2023-11-01">1 Nov</time><p>{PARAGRAPH_A}</p></article></body></html>"##
    );
    assert_eq!(page_of(&article(ContentExtraction::Auto, &with_meta)).published_date, "2023-11-08");
    let with_time = format!(
        r##"<!doctype html><html><body><article><div class="byline">By Ana Reis, 3 October 2023</div><time datetime="2023-11-01">1 Nov</time><p>{PARAGRAPH_A}</p></article></body></html>"##
    );
    assert_eq!(page_of(&article(ContentExtraction::Auto, &with_time)).published_date, "2023-11-01");
    let with_byline = format!(
        r##"<!doctype html><html><body><article><div class="byline">By Ana Reis, 3 October 2023</div><p>{PARAGRAPH_A}</p></article></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &with_byline);
    assert_eq!(page_of(&extraction).published_date, "2023-10-03");
    assert_eq!(page_of(&extraction).authors, ["Ana Reis"]);
}

#[test]
fn a_fragment_with_inline_links_is_read_whole_under_auto() {
    let fragment = "Lisbon's ferry operator said on Monday it would add two <a href=\"https://example.org/ferries\">crossings</a> a day, while the <a href=\"/council\">city council</a> studies a new <b>pier</b>.\nCommuters welcomed the change.";
    let auto = article(ContentExtraction::Auto, fragment);
    let none = article(ContentExtraction::None, fragment);
    assert_eq!(auto.text, none.text);
    assert_eq!(auto.blocks, none.blocks);
    assert_eq!(auto.anchors, none.anchors);
    assert!(auto.page.is_none());
    for at in 0..=auto.text.len() {
        if auto.text.is_char_boundary(at) {
            let span = crate::analysis::TextSpan::new(at, at);
            assert_eq!(auto.offsets.source_range(span), none.offsets.source_range(span));
        }
    }
}

#[test]
fn an_icon_link_takes_its_svg_title_as_text() {
    let page = r##"<p>Follow the story. <a href="https://social.example/courier"><svg viewBox="0 0 10 10"><title>Follow us on Social</title><path d="M0 0"/></svg></a></p>"##;
    let extraction = article(ContentExtraction::None, page);
    assert_eq!(extraction.text, "Follow the story.");
    assert_eq!(extraction.anchors[0].text, "Follow us on Social");
}

#[test]
fn a_blog_post_without_article_markup_is_found_by_its_prose() {
    let page = format!(
        r##"<html><body><div id="wrap"><div id="top"><a href="/">My garden blog</a> <a href="/about">About</a> <a href="/archive">Archive</a></div>
<div id="left"><div class="post"><h2 class="title">Planting garlic in November</h2><p>{PARAGRAPH_A}</p><p>{PARAGRAPH_B}</p><p>{PARAGRAPH_C}</p>
<div class="postmeta">Posted in <a href="/c/veg">Vegetables</a> | <a href="/p/1#respond">Leave a comment</a></div></div></div>
<div id="right"><h3>Blogroll</h3><a href="https://x.example">Friend one</a><br><a href="https://y.example">Friend two</a></div>
</div></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &page);
    let body = body_of(&extraction);
    assert!(body.contains(PARAGRAPH_A) && body.contains(PARAGRAPH_C), "{body}");
    for furniture in ["Blogroll", "Friend one", "Archive", "Leave a comment"] {
        assert!(!extraction.text.contains(furniture), "{furniture:?} left in {}", extraction.text);
    }
}

#[test]
fn a_live_blog_keeps_every_entry() {
    let entries: String = (1..=5)
        .map(|i| format!(r##"<div class="live-entry"><time datetime="2023-11-07T1{i}:00">1{i}:00</time><p>Update {i}: {PARAGRAPH_B}</p><div class="share"><a href="/e{i}">Share this entry</a></div></div>"##))
        .collect();
    let page = format!(
        r##"<!doctype html><html><body><nav><a href="/">Home</a><a href="/live">Live</a></nav><article><h1>Storm live: pier closed</h1><div class="live-feed">{entries}</div></article><footer>Courier</footer></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &page);
    let body = body_of(&extraction);
    for i in 1..=5 {
        assert!(body.contains(&format!("Update {i}:")), "entry {i} missing: {body}");
    }
    assert!(!body.contains("Share this entry"));
}

/// Credits, newsletter pleas, share prompts and bios after the last paragraph leave the body;
/// the article's own last paragraph stays even when it mentions subscribers.
#[test]
fn credits_and_promotion_after_the_article_go() {
    let last = "The ferry company, which has ten thousand subscribers to its season ticket, said fares would not rise.";
    let page = format!(
        r##"<!doctype html><html><body><article><h1>Pier plan approved</h1>
<p>{PARAGRAPH_A}</p><p>{PARAGRAPH_B}</p><p>{PARAGRAPH_C}</p><p>{last}</p>
<p>Reporting by Marta Quintela; Editing by Ivo Lemos</p>
<h3>Before you go</h3>
<p>Like this story? Share it with a friend, and sign up for the Courier's morning newsletter to get stories like it every day.</p>
<p>Marta Quintela is a staff writer at the Courier, where she has covered the harbour since 2015.</p>
<p>Home</p>
<p>Updated at 4:05 p.m.</p>
</article></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &page);
    assert_eq!(body_of(&extraction), format!("{PARAGRAPH_A}\n\n{PARAGRAPH_B}\n\n{PARAGRAPH_C}\n\n{last}"));
}

/// A line that only says when (or who) between the headline and the first paragraph is
/// metadata, not body, and so is a plea to subscribe; a first paragraph that starts with a date
/// is body.
#[test]
fn date_lines_and_bylines_opening_the_article_go() {
    let lede = "On 7 November 2023 the harbour council voted to rebuild the northern pier, which storms damaged twice.";
    let page = format!(
        r##"<!doctype html><html><body><article><h1>Pier plan approved</h1>
<div>November 7, 2023</div><p>Updated at 1:23 p.m.</p><p>By Marta Quintela</p>
<p>{lede}</p><p>{PARAGRAPH_B}</p><p>{PARAGRAPH_C}</p>
</article></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &page);
    assert_eq!(body_of(&extraction), format!("{lede}\n\n{PARAGRAPH_B}\n\n{PARAGRAPH_C}"));
    assert_eq!(page_of(&extraction).authors, ["Marta Quintela"]);

    let pleading = format!(
        r##"<!doctype html><html><body><article><h1>Pier plan approved</h1>
<p><strong>Start the day with the Courier's harbour briefing. <a href="/signup">Sign up</a> for the free morning newsletter.</strong></p>
<p>{lede}</p><p>{PARAGRAPH_B}</p><p>{PARAGRAPH_C}</p>
</article></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &pleading);
    assert_eq!(body_of(&extraction), format!("{lede}\n\n{PARAGRAPH_B}\n\n{PARAGRAPH_C}"));
}

/// A link wrapped in a `<span>` inside a sentence is part of the sentence, not a link list.
#[test]
fn links_wrapped_in_spans_inside_paragraphs_stay() {
    let page = format!(
        r##"<!doctype html><html><body><nav><a href="/">Home</a></nav><article><h1>Pier plan approved</h1>
<p>{PARAGRAPH_A} The plan <span><a href="/plan">looks like a fine piece of work</a></span>, the mayor said.</p>
<p>{PARAGRAPH_B} Shares of the operator (<span><span class="quote"><a href="/q/ferry">FERRY</a></span></span>) rose.</p>
<p>{PARAGRAPH_C}</p></article></body></html>"##
    );
    let body = body_of(&article(ContentExtraction::Auto, &page)).to_string();
    assert!(body.contains("The plan looks like a fine piece of work, the mayor said."), "{body}");
    assert!(body.contains("(FERRY) rose."), "{body}");
}

/// A short item on a page that declares itself an article, amid more text than it holds, is
/// still the article: the page is not read whole like an index.
#[test]
fn a_short_declared_article_amid_a_busy_page_is_still_cut() {
    let teasers: String = (1..=20)
        .map(|i| format!("<div class=\"card\"><a href=\"/s/{i}\">Story {i}: the headline of another story that readers may open next</a></div>"))
        .collect();
    let page = format!(
        r##"<!doctype html><html><head><meta property="og:type" content="article"></head><body>
<main><div class="story"><h1>Pier closed after storm</h1><p>{PARAGRAPH_A}</p></div></main>
<div class="more">{teasers}</div></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &page);
    assert_eq!(body_of(&extraction), PARAGRAPH_A);
}

/// An endless page appends the next stories, each its own `<article>` with its own headline,
/// in the same class: only the first (the page's own) is the body.
#[test]
fn the_next_stories_of_an_endless_page_are_not_joined() {
    let story = |h: &str, a: &str, b: &str| format!(r##"<article class="story"><h1>{h}</h1><div class="text"><p>{a}</p><p>{b}</p></div></article>"##);
    let own = format!("{PARAGRAPH_B}</p><p>{PARAGRAPH_C}");
    let page = format!(
        r##"<!doctype html><html><head><title>Pier plan approved | Courier</title></head><body><nav><a href="/">Home</a></nav><main><div class="stream">{}{}{}</div></main></body></html>"##,
        story("Pier plan approved", PARAGRAPH_A, &own),
        story("Ferry fares to rise", PARAGRAPH_C, PARAGRAPH_B),
        story("Lighthouse reopens", PARAGRAPH_A, PARAGRAPH_C),
    );
    let extraction = article(ContentExtraction::Auto, &page);
    assert!(extraction.text.starts_with("Pier plan approved\n\n"), "{}", extraction.text);
    assert_eq!(body_of(&extraction), format!("{PARAGRAPH_A}\n\n{PARAGRAPH_B}\n\n{PARAGRAPH_C}"));
}

fn menu(links: usize) -> String {
    let items: String = (1..=links).map(|i| format!(r##"<li><a href="/section/{i}">Section number {i}</a></li>"##)).collect();
    format!(r##"<div class="menu"><ul>{items}</ul></div>"##)
}

/// A `<form>` wrapping the whole page (ASP.NET) whose menus hold more text than a short article
/// is still its wrapper: the article inside is found, not the page read whole.
#[test]
fn a_page_wide_form_with_heavy_menus_keeps_its_article() {
    let page = format!(
        r##"<!doctype html><html><body><form id="main-form" action="/page.aspx">{}
<div class="story"><h1>Pier reopens to walkers</h1><p>{PARAGRAPH_A}</p><p>{PARAGRAPH_B}</p></div>{}</form></body></html>"##,
        menu(30),
        menu(10)
    );
    let extraction = article(ContentExtraction::Auto, &page);
    assert!(page_of(&extraction).extracted);
    assert_eq!(body_of(&extraction), format!("{PARAGRAPH_A}\n\n{PARAGRAPH_B}"));
}

/// When the furniture names drop every word (here a hidden page wrapper that a script reveals,
/// its article written as loose lines), the page is judged again by tag alone: the article is
/// still cut out of the menus around it.
#[test]
fn furniture_names_that_drop_every_word_are_judged_again() {
    let page = format!(
        r##"<!doctype html><html><body><div id="page" style="display: none">{}
<div class="story"><h1>Pier reopens to walkers</h1><div>{PARAGRAPH_A}<br><br>{PARAGRAPH_B}</div></div></div>
<footer>Courier</footer></body></html>"##,
        menu(40)
    );
    let extraction = article(ContentExtraction::Auto, &page);
    assert!(page_of(&extraction).extracted);
    let body = body_of(&extraction);
    assert!(body.contains(PARAGRAPH_A) && body.contains(PARAGRAPH_B), "{body}");
    assert!(!body.contains("Section number"), "{body}");
}

/// A headline written as a paragraph (no `<h1>` on the page) whose text is the page's title
/// leaves the body, and the date line under it goes as under an `<h1>`.
#[test]
fn a_headline_written_as_a_paragraph_is_the_headline() {
    let page = format!(
        r##"<!doctype html><html><head><title>Pier reopens to walkers after repairs</title></head><body>
<div class="menu"><a href="/">Home</a> <a href="/news">News</a></div>
<div class="main"><p class="titulo">Pier reopens to walkers after repairs</p><div class="meta">17/11/2023 - Posted by: Marta Quintela</div>
<p>{PARAGRAPH_A}</p><p>{PARAGRAPH_B}</p><p>{PARAGRAPH_C}</p></div></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &page);
    assert!(extraction.text.starts_with("Pier reopens to walkers after repairs\n\n"), "{}", extraction.text);
    assert_eq!(body_of(&extraction), format!("{PARAGRAPH_A}\n\n{PARAGRAPH_B}\n\n{PARAGRAPH_C}"));
}

/// A press release's closing notes after a thematic break (about the company, contacts) leave
/// the body; a break between two sections of the story, or before a source note, keeps what
/// follows it.
#[test]
fn short_notes_after_the_last_thematic_break_go() {
    let about = "Harbourline runs twelve ferries from Porto and employs about 400 people.";
    let release = format!(
        r##"<!doctype html><html><body><article><h1>Harbourline orders two electric ferries</h1>
<p>{PARAGRAPH_A}</p><p>{PARAGRAPH_B}</p><p>{PARAGRAPH_C}</p>
<hr><p>{about}</p><p>Media contact: press@harbourline.example</p>
</article></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &release);
    assert_eq!(body_of(&extraction), format!("{PARAGRAPH_A}\n\n{PARAGRAPH_B}\n\n{PARAGRAPH_C}"));

    let sectioned = format!(
        r##"<!doctype html><html><body><article><h1>Harbourline orders two electric ferries</h1>
<p>{PARAGRAPH_A}</p><hr><p>{PARAGRAPH_B}</p><p>{PARAGRAPH_C}</p>
</article></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &sectioned);
    assert_eq!(body_of(&extraction), format!("{PARAGRAPH_A}\n\n{PARAGRAPH_B}\n\n{PARAGRAPH_C}"));

    let source = "More information: the council's pier study (2023). Provided by the Coast Authority.";
    let noted = format!(
        r##"<!doctype html><html><body><article><h1>Harbourline orders two electric ferries</h1>
<p>{PARAGRAPH_A}</p><p>{PARAGRAPH_B}</p><p>{PARAGRAPH_C}</p><hr><p>{source}</p>
</article></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &noted);
    assert_eq!(body_of(&extraction), format!("{PARAGRAPH_A}\n\n{PARAGRAPH_B}\n\n{PARAGRAPH_C}\n\n{source}"));
}

/// Metadata written as inline lines of their own (a date `<span>` under the headline, a
/// `<small>` line of date, author and tags) leaves the body, as do a tag line in a `<strong>`
/// and a notice on comment moderation closing the article; a date inside the lede stays.
#[test]
fn inline_metadata_lines_tag_lines_and_comment_notices_go() {
    let lede = "On 7 November 2023 the harbour council voted to rebuild the northern pier, which storms damaged twice.";
    let page = format!(
        r##"<!doctype html><html><body><nav><a href="/">Home</a></nav><div class="post">
<h1>Council approves new northern pier</h1>
<span class="when">terça-feira, 7 de novembro de 2023 às 9:41</span><br>
<small><b>07/11/2023</b> - Posted by: Marta Quintela - Section: <a href="/c/local">Local</a> - Tags: <a href="/t/pier">pier</a> <a href="/t/ferry">ferry</a></small><br><br>
{lede}<br><br>{PARAGRAPH_B}<br><br>{PARAGRAPH_C}
<p>{PARAGRAPH_A}</p>
<strong>Tags<br><a href="/t/pier">northern pier</a>, <a href="/t/council">harbour council</a>, <a href="/t/ferry">ferry operators</a>, <a href="/t/storm">winter storms</a></strong>
<p>Note: comments that insult other readers will not be approved by the moderator of this page.</p>
</div></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &page);
    let body = body_of(&extraction);
    assert!(body.starts_with(lede), "{body}");
    assert!(body.ends_with(PARAGRAPH_A), "{body}");
    for gone in ["novembro", "Posted by", "07/11/2023", "harbour council,", "moderator"] {
        assert!(!body.contains(gone), "{gone:?} in {body}");
    }
}

/// A heading or paragraph inside the article that points to another story ("Related post:
/// <a>…</a>") leaves the body, as do a slideshow's counters; a paragraph with a link in a
/// sentence stays.
#[test]
fn pointers_to_other_stories_inside_the_article_go() {
    let linked = "The plan follows a <a href=\"/study\">study of the northern pier</a> published last year.";
    let page = format!(
        r##"<!doctype html><html><body><nav><a href="/">Home</a></nav><article><h1>Pier plan approved</h1>
<p>{PARAGRAPH_A}</p><h3>Related post: <a href="/2022/storm">Storm closes the beach road again</a></h3>
<div class="slide"><span>Image 1 of 3</span></div><div class="slide"><div>Photo 2/3</div></div>
<p>{PARAGRAPH_B}</p><p>Read more: <a href="/2021/ferry">Ferry fares rise for the third year</a></p>
<p>{PARAGRAPH_C}</p><p>{linked}</p>
</article></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &page);
    let sentence = "The plan follows a study of the northern pier published last year.";
    assert_eq!(body_of(&extraction), format!("{PARAGRAPH_A}\n\n{PARAGRAPH_B}\n\n{PARAGRAPH_C}\n\n{sentence}"));
}

/// A paragraph that is mostly one long link is still a sentence when enough words surround the
/// link; a lead-in and a link ("Watch: <a>…</a>") is a pointer and goes.
#[test]
fn a_sentence_around_a_long_link_stays_in_the_body() {
    let sentence = "The harbour inquiry had been shelved in 2019 but was <a href=\"/2024/inquiry\">reopened earlier this year after the second storm flooded the harbour road</a>.";
    let page = format!(
        r##"<!doctype html><html><body><nav><a href="/">Home</a></nav><article><h1>Pier plan approved</h1>
<p>{PARAGRAPH_A}</p><p>{sentence}</p>
<p>Watch: <a href="/video/pier">Drone footage of the damaged northern pier</a></p><p>{PARAGRAPH_B}</p>
</article></body></html>"##
    );
    let extraction = article(ContentExtraction::Auto, &page);
    let kept = "The harbour inquiry had been shelved in 2019 but was reopened earlier this year after the second storm flooded the harbour road.";
    assert_eq!(body_of(&extraction), format!("{PARAGRAPH_A}\n\n{kept}\n\n{PARAGRAPH_B}"));
}
