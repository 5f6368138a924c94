//! HTML input: an HTML5 tree builder (html5ever, scripting disabled, so `<noscript>` content is
//! markup) and the text a reader sees, with an offset map back to the source.
//!
//! html5ever reports no source positions, so extraction runs in linear steps:
//! 1. [`parse`], [`tree`]: parse into an arena DOM, keeping every character run in arrival (source) order;
//! 2. [`extract`]: for a whole page, choose the article's nodes and read the page's metadata;
//! 3. [`scan`]: find the character data in the source with a small tokenizer of our own;
//! 4. [`align`]: match the two, giving every produced character its source range;
//! 5. [`render`]: walk the DOM and write the text, blocks, anchors and emphasis of the chosen nodes.

mod align;
mod extract;
mod parse;
mod render;
mod scan;
mod tree;

use super::Extraction;
/// Attributes an HTML tag keeps; the rest never reach the tokenizer.
pub const MAX_TAG_ATTRIBUTES: usize = scan::MAX_ATTRIBUTES;
/// Attributes starting further than this into a tag never reach the tokenizer.
pub const MAX_TAG_BYTES: usize = scan::MAX_TAG_BYTES;
/// Nodes the HTML tree keeps per KiB of source.
pub const NODES_PER_KIB: usize = (tree::NODES_PER_SOURCE_BYTE * 1024.0) as usize;
use crate::analysis::{CancelFlag, ContentExtraction, TextSpan, Warning};

/// The text, blocks, anchors and page metadata of an HTML source, cut down to its article as
/// `mode` says; gives up on the rest of the source once `cancel` is set (the caller then
/// discards the result).
pub fn extract(source: &str, mode: ContentExtraction, cancel: &CancelFlag) -> Extraction {
    read(source, Some(mode), cancel)
}

/// The whole page, neither extracted nor its metadata read.
pub fn extract_without_page(source: &str, cancel: &CancelFlag) -> Extraction {
    read(source, None, cancel)
}

/// The tree of a document whose analysis was stopped, on its way to be freed elsewhere
/// ([`crate::analysis::reclaim`]): a million nodes took 5 ms to free after a cancel.
struct StoppedTree {
    _freed_on_drop: tree::Dom,
}

// SAFETY: a `Dom` is not `Send` only because its attribute values are tendrils, whose shared
// buffers count references without atomics. Every tendril sharing a buffer with the tree's
// was owned by the tokenizer and tree builder of `parse::parse`, which dropped them before
// returning the tree; so all remaining owners of those counts are inside this one value, and
// moving it whole to another thread leaves no owner behind to race with.
unsafe impl Send for StoppedTree {}

/// A stop request between the steps returns nothing: the caller discards the document, and
/// each later step would still walk the whole (partly built) tree.
fn read(source: &str, mode: Option<ContentExtraction>, cancel: &CancelFlag) -> Extraction {
    let scanned = scan::scan(source);
    if cancel.is_cancelled() {
        return Extraction::default();
    }
    let dom = parse::parse(source, &scanned.cuts, cancel);
    if cancel.is_cancelled() {
        crate::analysis::reclaim(StoppedTree { _freed_on_drop: dom });
        return Extraction::default();
    }
    let whole_page = mode.is_some() && extract::is_whole_page(source, &dom);
    let wants_article = match mode {
        Some(ContentExtraction::Auto) => whole_page,
        Some(ContentExtraction::Article) => true,
        Some(ContentExtraction::None) | None => false,
    };
    let selection = (whole_page || wants_article).then(|| extract::select(&dom));
    if cancel.is_cancelled() {
        crate::analysis::reclaim(StoppedTree { _freed_on_drop: dom });
        return Extraction::default();
    }
    let alignment = align::align(&dom.incoming, source, &scanned.pieces);
    let used = selection.as_ref().filter(|s| wants_article && s.extracted);
    let rendered = render::render(&dom, &alignment, used);
    if cancel.is_cancelled() {
        crate::analysis::reclaim(StoppedTree { _freed_on_drop: dom });
        return Extraction::default();
    }
    let mut extraction = rendered.extraction;
    extraction.page = selection.as_ref().map(|selection| {
        let mut page = extract::meta::read(&dom, selection);
        page.extracted = used.is_some();
        page.body = body_span(&extraction, rendered.headline_end);
        page
    });
    if dom.depth_capped {
        extraction.warnings.push(Warning::new(
            None,
            format!("elements nested deeper than {} levels were attached at that depth", tree::MAX_DEPTH),
        ));
    }
    if !scanned.cuts.is_empty() {
        extraction.warnings.push(Warning::new(
            None,
            format!(
                "{} tag{} had more than {} attributes or attributes starting over {} KiB into the tag; those were ignored",
                scanned.cuts.len(),
                if scanned.cuts.len() == 1 { "" } else { "s" },
                scan::MAX_ATTRIBUTES,
                scan::MAX_TAG_BYTES / 1024
            ),
        ));
    }
    if dom.budget_exhausted {
        extraction.warnings.push(Warning::new(
            None,
            format!(
                "the markup creates more elements than {} per source byte or more than {} formatting elements at once; the elements beyond were dropped, their text kept",
                tree::NODES_PER_SOURCE_BYTE,
                parse::MAX_ACTIVE_FORMATTING
            ),
        ));
    }
    if extraction.text.is_empty() {
        extraction.warnings.push(Warning::new(None, "the HTML contains no readable text"));
    }
    extraction
}

/// The body: from the first block after the headline to the end of the text.
fn body_span(extraction: &Extraction, headline_end: Option<usize>) -> TextSpan {
    let end = extraction.text.len();
    let after = headline_end.unwrap_or(0);
    let start = extraction.blocks.iter().map(|b| b.span.start).find(|&s| s >= after).unwrap_or(end);
    TextSpan::new(start, end)
}

#[cfg(test)]
mod tests;
