//! Main-content extraction: which parts of a whole page are the article, decided on the arena
//! tree before anything is rendered, so the text, blocks, anchors and offset map are written
//! once, from the kept nodes only, and every span still points into the original page.
//!
//! The pipeline:
//! 1. [`is_whole_page`]: the auto rule — a page (doctype, `<html>`, `<head>`, `<body>` in the
//!    source, or `nav`/`header`/`footer`/`aside` outside any `article`) is extracted, a fragment
//!    is read whole;
//! 2. [`hints`]: furniture by markup, role, class and id (nav, share bars, related lists, ads,
//!    cookie notices, comments) and bylines;
//! 3. [`stats`]: visible text, link text and commas per element, bottom-up;
//! 4. [`select`]: containers scored by the prose under them, the winner's continuing siblings
//!    merged, link lists pruned inside, the headline found; a cascade falls back to the body
//!    without furniture, then to the whole page;
//! 5. [`edges`]: date lines and bylines opening the article, credits, promotion and notes
//!    closing it, found by their words;
//! 6. [`meta`]: the page's metadata (JSON-LD, OpenGraph, `<meta>`, `<time>`, bylines).
//!
//! The renderer reads the [`Selection`]'s marks: text under a hidden node is not written, but
//! still counts towards the text of the anchors around it (their links stay in the answer).

mod dates;
mod edges;
mod hints;
pub mod meta;
mod select;
mod stats;

use html5ever::{local_name, ns};

use super::tree::{Dom, NodeData, NodeId, NO_NODE};

/// What the extraction says about one node; children inherit unless they say otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Inherit,
    Show,
    Hide,
}

/// The outcome of extraction for the renderer and the metadata reader.
pub struct Selection {
    /// One per node of the DOM; the document itself starts hidden.
    pub marks: Vec<Mark>,
    /// The `<h1>` written first, as the headline; the body starts after it.
    pub headline: Option<NodeId>,
    /// Whether anything was removed (false: the whole page is read).
    pub extracted: bool,
    /// Byline elements taken out of the body.
    pub bylines: Vec<NodeId>,
}

pub fn select(dom: &Dom) -> Selection {
    let titles: Vec<String> =
        meta::titles(dom).iter().map(|t| select::folded(t)).filter(|t| !t.is_empty()).collect();
    select::select(dom, &titles, meta::declares_article(dom))
}

/// The auto rule: whether the source is a whole page rather than a fragment.
pub fn is_whole_page(source: &str, dom: &Dom) -> bool {
    has_page_tag(source) || has_furniture_outside_article(dom)
}

/// A doctype or an `<html>`, `<head>` or `<body>` tag written in the source (the tree builder
/// adds those elements to any fragment, so the tree cannot tell).
fn has_page_tag(source: &str) -> bool {
    let bytes = source.as_bytes();
    let mut from = 0;
    while let Some(offset) = bytes[from..].iter().position(|&b| b == b'<') {
        let at = from + offset + 1;
        let name_end = bytes[at..]
            .iter()
            .position(|b| !(b.is_ascii_alphabetic() || *b == b'!'))
            .map_or(bytes.len(), |p| at + p);
        let name = &bytes[at..name_end];
        let is = |tag: &str| name.eq_ignore_ascii_case(tag.as_bytes());
        if is("!doctype") || is("html") || is("head") || is("body") {
            return true;
        }
        from = at;
    }
    false
}

fn has_furniture_outside_article(dom: &Dom) -> bool {
    dom.nodes.iter().enumerate().any(|(id, node)| {
        let NodeData::Element(e) = &node.data else { return false };
        e.name.ns == ns!(html)
            && matches!(
                e.name.local,
                local_name!("nav") | local_name!("header") | local_name!("footer") | local_name!("aside")
            )
            && node.parent != NO_NODE
            && !has_article_ancestor(dom, id as NodeId)
    })
}

fn has_article_ancestor(dom: &Dom, id: NodeId) -> bool {
    let mut at = dom.nodes[id as usize].parent;
    while at != NO_NODE {
        if let NodeData::Element(e) = &dom.nodes[at as usize].data {
            if e.name.ns == ns!(html) && e.name.local == local_name!("article") {
                return true;
            }
        }
        at = dom.nodes[at as usize].parent;
    }
    false
}

/// The text of a subtree, whitespace-collapsed (for metadata: titles, bylines, `<time>`).
pub fn text_of(dom: &Dom, id: NodeId) -> String {
    collapsed_text(dom, id, |at| at != id && stats::is_unread(dom, at))
}

/// The text of `id`'s subtree in document order, whitespace-collapsed, leaving out every node
/// (with its subtree) for which `skip` holds.
fn collapsed_text(dom: &Dom, id: NodeId, skip: impl Fn(NodeId) -> bool) -> String {
    let mut raw = String::new();
    let mut stack = vec![id];
    while let Some(at) = stack.pop() {
        let node = &dom.nodes[at as usize];
        if skip(at) {
            continue;
        }
        if let NodeData::Text(runs) = &node.data {
            for run in runs {
                raw.push_str(&dom.incoming[run.start as usize..run.end as usize]);
            }
        }
        // Children pushed last-first so they pop in order.
        let mut child = node.last_child;
        while child != NO_NODE {
            stack.push(child);
            child = dom.nodes[child as usize].prev_sibling;
        }
    }
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
