//! Chooses the article: drops furniture, scores containers by the prose they hold, merges the
//! winner's siblings that continue it, prunes link lists and widgets inside, finds the headline.
//!
//! Furniture first: when its class and id names drop every word of the page (a page-wide
//! wrapper misjudged), it is judged again by tag alone.
//! The fallback cascade: the best container when it holds a real share of the page's prose
//! (or, on a page declared an article, a short paragraph's worth);
//! else the whole body without its furniture (an index page keeps its teasers); else, when
//! that leaves nothing, the page as read without extraction.

use html5ever::{local_name, ns, LocalName};

use super::super::tree::{Dom, NodeData, NodeId, NO_NODE};
use super::edges;
use super::hints::{hint, Hint};
use super::stats::{count, end_of_subtree, is_paragraph, is_unread, stands_alone, Counts, Order};
use super::{Mark, Selection};

/// Prose shorter than this (visible characters) is no paragraph.
const MIN_PARAGRAPH: u32 = 25;
/// A winner holding at least this many characters is an article whatever the page around it.
const ENOUGH_TEXT: u32 = 250;
/// Else it must hold this share of the body's prose.
const ENOUGH_SHARE: f32 = 0.2;
/// Or, on a page whose head declares an article, this many characters: a short news item
/// amid a busy page is still the article, not an index.
const MIN_DECLARED: u32 = 100;

fn local(dom: &Dom, id: NodeId) -> Option<&LocalName> {
    match &dom.nodes[id as usize].data {
        NodeData::Element(e) if e.name.ns == ns!(html) => Some(&e.name.local),
        _ => None,
    }
}

/// Whether `id` is an HTML element with one of `names`.
fn named(dom: &Dom, id: NodeId, names: &[LocalName]) -> bool {
    local(dom, id).is_some_and(|name| names.contains(name))
}

pub fn select(dom: &Dom, titles: &[String], declared_article: bool) -> Selection {
    let order = Order::of(dom);
    let n = dom.nodes.len();
    let raw = count(dom, &order, |_| false);
    let body = order.list.iter().copied().find(|&id| local(dom, id) == Some(&local_name!("body")));
    let body_text = body.map_or(0, |b| raw[b as usize].text).max(1);

    let body_prose = body.map_or(0, |b| raw[b as usize].prose);
    let share = Share { text: body_text, prose: body_prose };
    let (mut dropped, mut bylines) = furniture(dom, &order, &raw, share, Strictness::ByName);
    let mut clean = count(dom, &order, |id| dropped[id as usize]);
    // Furniture wrapping every word of the page (a page-wide `<form>` or hidden wrapper whose
    // menus outweigh a short article) was misjudged: judge again by markup alone.
    if body.is_some_and(|b| clean[b as usize].text == 0) {
        (dropped, bylines) = furniture(dom, &order, &raw, share, Strictness::MarkupOnly);
        clean = count(dom, &order, |id| dropped[id as usize]);
    }

    let scores = score(dom, &order, &clean, &dropped);
    let Some(top) = best(&order, &scores) else {
        return fallback(dom, body, &clean, &dropped, bylines);
    };
    let body_clean = body.map_or(0, |b| clean[b as usize].text).max(1);
    let landmarks = landmarks(dom, &order, &dropped);
    let top = climb(dom, top, &clean, &landmarks);
    let mut parts = with_siblings(dom, top, &scores, &clean, &landmarks);
    let part_text: u32 = parts.iter().map(|&p| clean[p as usize].text).sum();
    let short_article = declared_article && part_text >= MIN_DECLARED;
    if part_text < ENOUGH_TEXT && (part_text as f32) < ENOUGH_SHARE * body_clean as f32 && !short_article {
        return fallback(dom, body, &clean, &dropped, bylines);
    }

    let mut marks = vec![Mark::Inherit; n];
    for &part in &parts {
        marks[part as usize] = Mark::Show;
    }
    prune(dom, &order, &parts, &clean, &dropped, &mut marks);
    let headline = headline(dom, &order, &parts, &clean, &dropped, titles);
    if let Some(h) = headline {
        hide_before_headline(dom, h, &mut parts, &order, &mut marks);
        marks[h as usize] = Mark::Show;
    }
    bylines.extend(edges::trim(dom, &order, &raw, headline, &mut marks));
    Selection { marks, headline, extracted: true, bylines }
}

/// The body's totals a furniture element is measured against.
#[derive(Clone, Copy)]
struct Share {
    text: u32,
    prose: u32,
}

/// How much a furniture hint counts: the first pass trusts class and id names; the second, run
/// when the first dropped every word, only the elements that are furniture by their tag.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strictness {
    ByName,
    MarkupOnly,
}

/// Furniture and bylines, decided top-down so a dropped subtree is dropped once.
fn furniture(dom: &Dom, order: &Order, raw: &[Counts], share: Share, strictness: Strictness) -> (Vec<bool>, Vec<NodeId>) {
    let mut dropped = vec![false; dom.nodes.len()];
    let mut bylines = Vec::new();
    for &id in &order.list {
        let parent = dom.nodes[id as usize].parent;
        if parent != NO_NODE && dropped[parent as usize] {
            dropped[id as usize] = true;
            continue;
        }
        let NodeData::Element(element) = &dom.nodes[id as usize].data else { continue };
        let by_name = strictness == Strictness::ByName;
        match hint(element) {
            Hint::Furniture if by_name || always_furniture(dom, id) => {
                dropped[id as usize] = !holds_the_article(dom, id, raw, share, true)
            }
            Hint::FurnitureByName if by_name => dropped[id as usize] = !holds_the_article(dom, id, raw, share, false),
            Hint::Byline if raw[id as usize].text < 200 => {
                dropped[id as usize] = true;
                bylines.push(id);
            }
            _ => {}
        }
    }
    (dropped, bylines)
}

/// `<nav>`, `<footer>`, `<aside>`, `<header>` and controls: furniture whatever they hold.
fn always_furniture(dom: &Dom, id: NodeId) -> bool {
    named(
        dom,
        id,
        &[
            local_name!("nav"),
            local_name!("footer"),
            local_name!("aside"),
            local_name!("button"),
            local_name!("select"),
            local_name!("noscript"),
            local_name!("header"),
        ],
    )
}

/// A furniture element is kept when it holds most of the page's text and that text is no
/// link list, or most of the page's paragraphs however many links its menus add: a `<form>`
/// wrapping the whole page (ASP.NET), a `sidebar-layout` class on the article's own wrapper.
/// [`always_furniture`] elements are furniture whatever they hold.
fn holds_the_article(dom: &Dom, id: NodeId, raw: &[Counts], share: Share, by_markup: bool) -> bool {
    if by_markup && always_furniture(dom, id) {
        return false;
    }
    let c = raw[id as usize];
    let most_text = c.text as f32 >= 0.5 * share.text as f32;
    let most_prose = c.prose > 0 && c.prose as f32 >= 0.5 * share.prose as f32;
    most_text && (c.link_density() < 0.5 || most_prose)
}

/// Readability-style scores: every paragraph gives its parent, grandparent and great-grandparent
/// points for its length and commas; text written straight into a container counts for it.
fn score(dom: &Dom, order: &Order, clean: &[Counts], dropped: &[bool]) -> Vec<f32> {
    let mut scores = vec![0.0f32; dom.nodes.len()];
    for &id in &order.list {
        if dropped[id as usize] || is_unread(dom, id) || local(dom, id).is_none() {
            continue;
        }
        let c = clean[id as usize];
        let (length, first) = if is_paragraph(dom, id) {
            (c.text, dom.nodes[id as usize].parent)
        } else if c.own_text >= MIN_PARAGRAPH && holds_loose_text(dom, id) {
            (c.own_text, id)
        } else {
            continue;
        };
        if length < MIN_PARAGRAPH {
            continue;
        }
        let commas = c.commas.min(length / 20) as f32;
        let points = (1.0 + commas + (length / 100).min(3) as f32) * (1.0 - c.link_density());
        let mut at = first;
        for divisor in [1.0, 2.0, 3.0] {
            if at == NO_NODE || local(dom, at).is_none() {
                break;
            }
            scores[at as usize] += points / divisor;
            at = dom.nodes[at as usize].parent;
        }
    }
    for &id in &order.list {
        if scores[id as usize] > 0.0 {
            let bonus = base_score(dom, id, clean[id as usize].text);
            scores[id as usize] = (scores[id as usize] + bonus) * (1.0 - clean[id as usize].link_density());
        }
    }
    scores
}

/// Containers whose own text runs (text beside `<br>`s, not inside a `<p>`) are prose.
fn holds_loose_text(dom: &Dom, id: NodeId) -> bool {
    named(
        dom,
        id,
        &[
            local_name!("div"),
            local_name!("section"),
            local_name!("article"),
            local_name!("main"),
            local_name!("dd"),
            local_name!("center"),
            local_name!("font"),
        ],
    )
}

fn base_score(dom: &Dom, id: NodeId, text: u32) -> f32 {
    let NodeData::Element(element) = &dom.nodes[id as usize].data else { return 0.0 };
    let by_tag = match element.name.local {
        local_name!("article") | local_name!("main") => 10.0,
        local_name!("div") | local_name!("section") => 5.0,
        local_name!("pre") | local_name!("td") | local_name!("blockquote") => 3.0,
        local_name!("ol") | local_name!("ul") | local_name!("dl") | local_name!("li") | local_name!("form") => -3.0,
        local_name!("body") | local_name!("html") => -10.0,
        _ => 0.0,
    };
    // A name is worth more the more prose stands behind it: `article-title` is no article.
    let weight = (text as f32 / 1000.0).min(1.0);
    let by_name = match hint(element) {
        Hint::Content => 25.0 * weight,
        Hint::FurnitureByName => -25.0,
        _ => 0.0,
    };
    by_tag + by_name
}

/// `<article>` and `<h1>` elements (outside furniture) in each subtree: the marks of a story.
#[derive(Clone, Copy, Default)]
struct Landmarks {
    articles: u32,
    h1s: u32,
}

impl Landmarks {
    /// Whether `other` (a larger subtree or a sibling) adds a story of its own to `self`'s:
    /// another `<article>` beside ours, or another headline beside ours.
    fn another_story(self, extra: Landmarks) -> bool {
        (self.articles > 0 && extra.articles > 0) || (self.h1s > 0 && extra.h1s > 0)
    }

    fn minus(self, inner: Landmarks) -> Landmarks {
        Landmarks { articles: self.articles.saturating_sub(inner.articles), h1s: self.h1s.saturating_sub(inner.h1s) }
    }
}

fn landmarks(dom: &Dom, order: &Order, dropped: &[bool]) -> Vec<Landmarks> {
    let mut counts = vec![Landmarks::default(); dom.nodes.len()];
    for &id in order.list.iter().rev() {
        if dropped[id as usize] {
            continue;
        }
        let mut own = Landmarks::default();
        match local(dom, id) {
            Some(&local_name!("article")) => own.articles = 1,
            Some(&local_name!("h1")) => own.h1s = 1,
            _ => {}
        }
        let mut child = dom.nodes[id as usize].first_child;
        while child != NO_NODE {
            own.articles += counts[child as usize].articles;
            own.h1s += counts[child as usize].h1s;
            child = dom.nodes[child as usize].next_sibling;
        }
        counts[id as usize] = own;
    }
    counts
}

/// From the winner up through wrappers and through parents whose other content is prose too
/// (an article whose paragraphs sit in several sibling blocks around an embed), but never into
/// a parent that holds another story beside this one (the next article of an endless page).
fn climb(dom: &Dom, top: NodeId, clean: &[Counts], landmarks: &[Landmarks]) -> NodeId {
    let mut current = top;
    loop {
        let parent = dom.nodes[current as usize].parent;
        if parent == NO_NODE || matches!(local(dom, parent), None | Some(&local_name!("body")) | Some(&local_name!("html"))) {
            return current;
        }
        let ours = landmarks[current as usize];
        if ours.another_story(landmarks[parent as usize].minus(ours)) {
            return current;
        }
        let (inner, outer) = (clean[current as usize], clean[parent as usize]);
        let extra_text = outer.text.saturating_sub(inner.text);
        let extra_links = outer.link_text.saturating_sub(inner.link_text);
        let extra_prose = outer.prose.saturating_sub(inner.prose);
        let wrapper = extra_text == 0;
        let more_prose = extra_prose > 0
            && extra_prose as f32 >= 0.6 * extra_text as f32
            && (extra_links as f32) < 0.25 * extra_text as f32;
        if !(wrapper || more_prose) {
            return current;
        }
        current = parent;
    }
}

/// The highest score; ties go to the first in document order.
fn best(order: &Order, scores: &[f32]) -> Option<NodeId> {
    let mut best: Option<(NodeId, f32)> = None;
    for &id in &order.list {
        let s = scores[id as usize];
        if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
            best = Some((id, s));
        }
    }
    best.map(|(id, _)| id)
}

/// The winner and those of its siblings that continue the article (a split by an ad or a
/// photo): scored near it, or a paragraph of plain prose; never a sibling with a story of its
/// own.
fn with_siblings(dom: &Dom, top: NodeId, scores: &[f32], clean: &[Counts], landmarks: &[Landmarks]) -> Vec<NodeId> {
    let parent = dom.nodes[top as usize].parent;
    if parent == NO_NODE || local(dom, parent).is_none() {
        return vec![top];
    }
    let threshold = (scores[top as usize] * 0.2).max(10.0);
    let top_class = class_of(dom, top);
    let mut parts = Vec::new();
    let mut child = dom.nodes[parent as usize].first_child;
    while child != NO_NODE {
        let c = clean[child as usize];
        let keep = child == top || !landmarks[top as usize].another_story(landmarks[child as usize]) && {
            let same_class = top_class.is_some() && class_of(dom, child) == top_class;
            let bonus = if same_class { scores[top as usize] * 0.2 } else { 0.0 };
            let by_score = scores[child as usize] + bonus >= threshold;
            let prose = is_paragraph(dom, child) && c.text >= 80 && c.link_density() < 0.25;
            by_score || prose
        };
        if keep && c.text > 0 {
            parts.push(child);
        }
        child = dom.nodes[child as usize].next_sibling;
    }
    parts
}

fn class_of(dom: &Dom, id: NodeId) -> Option<&str> {
    match &dom.nodes[id as usize].data {
        NodeData::Element(e) => e.attr("class").filter(|c| !c.trim().is_empty()),
        _ => None,
    }
}

/// Inside the article: furniture, link lists and widgets go.
fn prune(dom: &Dom, order: &Order, parts: &[NodeId], clean: &[Counts], dropped: &[bool], marks: &mut [Mark]) {
    for &part in parts {
        let start = order.position[part as usize] as usize;
        let end = end_of_subtree(dom, order, part);
        let mut i = start + 1;
        while i < end {
            let id = order.list[i];
            let c = &clean[id as usize];
            let drop = dropped[id as usize]
                || is_link_list(dom, id, c, clean)
                || is_widget_label(dom, id, c)
                || is_pointer_to_more(dom, id, c);
            if drop {
                marks[id as usize] = Mark::Hide;
                i = end_of_subtree(dom, order, id);
            } else {
                i += 1;
            }
        }
    }
}

/// Characters outside the links of a paragraph that make it a sentence rather than a lead-in
/// ("Read more: ", "Watch: ").
const SENTENCE_AROUND_LINK: u32 = 40;

/// A container whose text is mostly links: related stories, tag clouds, share bars.
fn is_link_list(dom: &Dom, id: NodeId, c: &Counts, clean: &[Counts]) -> bool {
    let Some(name) = local(dom, id) else { return false };
    // A `<span>` around a link among other text close above it is the link's wrapper in a
    // sentence (`<p>… <span>(<span><a>KOSPI</a></span>)</span> fell</p>`).
    if *name == local_name!("span") && in_running_text(dom, id, c, clean) {
        return false;
    }
    // Other inline wrappers are a list only on a line of their own (`<strong>Tags<br><a>…</a>,
    // <a>…</a></strong>` between two paragraphs), never amid a sentence.
    let inline = matches!(*name, local_name!("strong") | local_name!("b") | local_name!("small") | local_name!("em") | local_name!("font"));
    if inline && !stands_alone(dom, &|at| clean[at as usize].text > 0, id) {
        return false;
    }
    let container = matches!(
        *name,
        local_name!("div")
            | local_name!("section")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("dl")
            | local_name!("table")
            | local_name!("p")
            | local_name!("span")
            | local_name!("li")
    );
    if !(container || inline) || c.text == 0 {
        return false;
    }
    let density = c.link_density();
    match *name {
        // A paragraph or item that is a link with a few words around it ("Read more: …").
        _ if inline => density > 0.8 || (density > 0.5 && c.text < 150),
        // A paragraph whose words around its link make a sentence ("The inquiry was shelved
        // but <a>re-opened this year</a>.") is prose that links, not a pointer.
        local_name!("p") if c.text - c.link_text >= SENTENCE_AROUND_LINK => density > 0.8,
        local_name!("p") | local_name!("li") | local_name!("span") => density > 0.8 || (density > 0.5 && c.text < 150),
        _ => density > 0.5 || (density > 0.3 && c.text < 200),
    }
}

/// Whether the element above `id` (through a few `<span>`s holding just as much) holds more
/// text than it, most of it no link: a sentence, not a row of links.
fn in_running_text(dom: &Dom, id: NodeId, c: &Counts, clean: &[Counts]) -> bool {
    let mut at = dom.nodes[id as usize].parent;
    for _ in 0..4 {
        if at == NO_NODE {
            return false;
        }
        if clean[at as usize].text > c.text {
            return clean[at as usize].link_density() < 0.5;
        }
        if local(dom, at) != Some(&local_name!("span")) {
            return false;
        }
        at = dom.nodes[at as usize].parent;
    }
    false
}

/// Labels of page widgets that sit inside articles, compared folded (letters and digits only).
const WIDGET_LABELS: &[&str] = &[
    "advertisement", "advert", "ad", "ads", "sponsored", "sponsoredcontent", "comments", "comment", "share",
    "sharethis", "sharethisarticle", "sharethisstory", "tags", "related", "relatedarticles", "relatedstories",
    "readmore", "seealso", "recommended", "trending", "mostread", "mostpopular", "loadingcomments",
    "telluswhatyouthink", "leaveacomment", "caption", "close", "expand", "enlarge", "closecaption",
    // The same labels as other languages and blog engines write them.
    "anzeige", "werbung", "publicidad", "publicité", "pubblicità", "reklame", "iklan", "likethis", "sukaiini",
    "terkait", "sharingiscaring", "youmayalsolike", "relatedposts", "関連記事", "相关文章", "관련기사",
];

/// Lead-ins of a line pointing to other stories, compared folded as words: "Related post: …",
/// "Read more: …", "See also …".
const POINTER_LEADS: &[&str] = &[
    "related", "relatedpost", "relatedarticle", "relatedstory", "readmore", "readalso", "alsoread", "seealso",
    "moreon", "leiatambém", "leiamais", "léatambién", "leatambién", "léamás", "liraaussi", "lireaussi",
    "lesensieauch", "mehrzumthema", "bacajuga", "関連記事", "相关文章", "关联阅读", "관련기사",
];

/// The widest block read as such a pointer.
const POINTER_MAX: u32 = 200;

/// A heading or paragraph that opens with a pointer's lead-in and is otherwise a link.
fn is_pointer_to_more(dom: &Dom, id: NodeId, c: &Counts) -> bool {
    let block = named(
        dom,
        id,
        &[
            local_name!("p"),
            local_name!("div"),
            local_name!("li"),
            local_name!("h2"),
            local_name!("h3"),
            local_name!("h4"),
            local_name!("h5"),
            local_name!("h6"),
        ],
    );
    if !block || c.text == 0 || c.text > POINTER_MAX || c.link_density() < 0.5 {
        return false;
    }
    let text = super::text_of(dom, id);
    // The lead-in is the text before the first colon, dash or link text; at most three words.
    let lead: String = text.split([':', '–', '—', '»', '|']).next().unwrap_or("").split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    let folded_lead = folded(&lead);
    !folded_lead.is_empty() && folded_lead.len() < text.len() && POINTER_LEADS.iter().any(|l| folded(l) == folded_lead)
}

/// A short block that only names a widget ("Advertisement", "Share this article").
fn is_widget_label(dom: &Dom, id: NodeId, c: &Counts) -> bool {
    if c.text == 0 || c.text > 40 || local(dom, id).is_none() {
        return false;
    }
    let block = named(
        dom,
        id,
        &[
            local_name!("p"),
            local_name!("div"),
            local_name!("span"),
            local_name!("li"),
            local_name!("h2"),
            local_name!("h3"),
            local_name!("h4"),
            local_name!("strong"),
        ],
    );
    if !block {
        return false;
    }
    let text = super::text_of(dom, id);
    WIDGET_LABELS.contains(&folded(&text).as_str()) || is_gallery_counter(&text)
}

/// A slideshow's counter: "Image 3 of 12", "Photo 2/5", "1 of 4".
fn is_gallery_counter(text: &str) -> bool {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let number = |w: &String| w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit());
    let of = |w: &String| matches!(w.as_str(), "of" | "von" | "de" | "di" | "sur" | "van" | "dari");
    let label = |w: &String| {
        matches!(w.as_str(), "image" | "photo" | "picture" | "slide" | "foto" | "bild" | "imagen" | "immagine" | "gambar")
    };
    match words.as_slice() {
        [a, o, b] if number(a) => of(o) && number(b),
        [l, a, b] => label(l) && number(a) && number(b) && text.contains('/'),
        [l, a, o, b] => label(l) && number(a) && of(o) && number(b),
        _ => false,
    }
}

fn is_inside(dom: &Dom, mut id: NodeId, ancestor: NodeId) -> bool {
    while id != NO_NODE {
        if id == ancestor {
            return true;
        }
        id = dom.nodes[id as usize].parent;
    }
    false
}

/// The article's headline: the `<h1>` the page's own titles (`<title>`, `og:title`) name; else
/// the first `<h1>` inside the article when it opens it (no paragraph before it); else a block
/// opening the article whose text is the page's title; else the last `<h1>` before the article. `<h1>`s in nav, footer or aside are never the headline.
fn headline(dom: &Dom, order: &Order, parts: &[NodeId], clean: &[Counts], dropped: &[bool], titles: &[String]) -> Option<NodeId> {
    let first = *parts.first()?;
    let start = order.position[first as usize] as usize;
    let last = *parts.last()?;
    let end = end_of_subtree(dom, order, last);
    let h1s: Vec<(usize, NodeId, String)> = order
        .list
        .iter()
        .enumerate()
        .filter(|&(_, &id)| local(dom, id) == Some(&local_name!("h1")) && !in_hard_furniture(dom, id))
        .map(|(at, &id)| (at, id, folded(&super::text_of(dom, id))))
        .filter(|(_, _, text)| !text.is_empty())
        .collect();
    // A logo `<h1>` ("CNN") is inside every title: only a heading of some length names one.
    let named = |text: &str| text.len() >= 12 && titles.iter().any(|t| t.contains(text) || text.contains(t.as_str()));
    let before_or_inside = |at: usize| at < end;
    if let Some(&(_, id, _)) = h1s.iter().find(|(at, _, text)| before_or_inside(*at) && named(text)) {
        return Some(id);
    }
    let first_paragraph = order.list[start..end]
        .iter()
        .position(|&id| is_paragraph(dom, id) && !dropped[id as usize])
        .map_or(end, |p| start + p);
    if let Some(&(_, id, _)) = h1s.iter().find(|(at, id, _)| (start..first_paragraph).contains(at) && !dropped[*id as usize]) {
        return Some(id);
    }
    titled_block(dom, order, start, end, clean, dropped, titles)
        .or_else(|| h1s.iter().rev().find(|(at, _, _)| *at < start).map(|&(_, id, _)| id))
}

/// Elements read at the article's start for a headline not marked up as `<h1>`.
const TITLE_SCAN: usize = 40;

/// A headline written as another block (`<p class="title">`, a blog's `<h2>`): among the
/// article's first elements, before its prose starts, a block whose text is the page's title
/// (the whole `<title>` or `og:title`, or its start or end beside the site's name).
fn titled_block(
    dom: &Dom,
    order: &Order,
    start: usize,
    end: usize,
    clean: &[Counts],
    dropped: &[bool],
    titles: &[String],
) -> Option<NodeId> {
    // A block with far more characters than the longest title cannot fold to it, so its text
    // is not collected (else each of the article's wrappers would be read whole).
    let longest = titles.iter().map(String::len).max().unwrap_or(0) as u32;
    let is_title = |text: &str| {
        text.len() >= 20 && titles.iter().any(|t| t == text || t.starts_with(text) || t.ends_with(text))
    };
    for &id in order.list[start..end].iter().take(TITLE_SCAN) {
        let block = named(dom, id, &[local_name!("h2"), local_name!("h3"), local_name!("h4"), local_name!("p"), local_name!("div")]);
        if !block || dropped[id as usize] {
            continue;
        }
        // The article's prose has begun: a later heading is a section's.
        let prose = is_paragraph(dom, id) && clean[id as usize].text >= 80;
        if clean[id as usize].text <= 2 * longest && is_title(&folded(&super::text_of(dom, id))) {
            return Some(id);
        }
        if prose {
            return None;
        }
    }
    None
}

/// Lower case, letters and digits only, for comparing a heading with the page's titles.
pub fn folded(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn in_hard_furniture(dom: &Dom, mut id: NodeId) -> bool {
    while id != NO_NODE {
        if matches!(local(dom, id), Some(&local_name!("nav")) | Some(&local_name!("footer")) | Some(&local_name!("aside"))) {
            return true;
        }
        id = dom.nodes[id as usize].parent;
    }
    false
}

/// Whatever of the article precedes its headline (kicker, breadcrumbs, share bar) is no body.
fn hide_before_headline(dom: &Dom, headline: NodeId, parts: &mut Vec<NodeId>, order: &Order, marks: &mut [Mark]) {
    let Some(&first) = parts.first() else { return };
    if order.position[headline as usize] < order.position[first as usize] {
        return;
    }
    let Some(&container) = parts.iter().find(|&&p| is_inside(dom, headline, p)) else { return };
    for &p in parts.iter() {
        if order.position[p as usize] < order.position[container as usize] {
            marks[p as usize] = Mark::Inherit;
        }
    }
    parts.retain(|&p| order.position[p as usize] >= order.position[container as usize]);
    let mut at = headline;
    while at != container && at != NO_NODE {
        let mut prev = dom.nodes[at as usize].prev_sibling;
        while prev != NO_NODE {
            marks[prev as usize] = Mark::Hide;
            prev = dom.nodes[prev as usize].prev_sibling;
        }
        at = dom.nodes[at as usize].parent;
    }
}

/// No container stands out: the body without its furniture, or the page as it is.
fn fallback(dom: &Dom, body: Option<NodeId>, clean: &[Counts], dropped: &[bool], bylines: Vec<NodeId>) -> Selection {
    let n = dom.nodes.len();
    let Some(body) = body.filter(|&b| clean[b as usize].text > 0) else {
        return Selection { marks: vec![Mark::Inherit; n], headline: None, extracted: false, bylines };
    };
    let mut marks = vec![Mark::Inherit; n];
    marks[body as usize] = Mark::Show;
    for (id, &d) in dropped.iter().enumerate() {
        if d {
            marks[id] = Mark::Hide;
        }
    }
    Selection { marks, headline: None, extracted: true, bylines }
}
