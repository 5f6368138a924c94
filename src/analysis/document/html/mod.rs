//! HTML input: an HTML5 tree builder (html5ever, scripting disabled, so `<noscript>` content is
//! markup) and the text a reader sees, with an offset map back to the source.
//!
//! html5ever reports no source positions, so extraction runs in four linear steps:
//! 1. [`parse`], [`tree`]: parse into an arena DOM, keeping every character run in arrival (source) order;
//! 2. [`scan`]: find the character data in the source with a small tokenizer of our own;
//! 3. [`align`]: match the two, giving every produced character its source range;
//! 4. [`render`]: walk the DOM and write the text, blocks, anchors and emphasis.

mod align;
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
use crate::analysis::{CancelFlag, Warning};

#[cfg(test)]
pub fn extract(source: &str) -> Extraction {
    extract_cancellable(source, &CancelFlag::new())
}

/// [`extract`], giving up on the rest of the source once `cancel` is set (the caller then
/// discards the result).
pub fn extract_cancellable(source: &str, cancel: &CancelFlag) -> Extraction {
    let scanned = scan::scan(source);
    let dom = parse::parse(source, &scanned.cuts, cancel);
    let alignment = align::align(&dom.incoming, source, &scanned.pieces);
    let mut extraction = render::render(&dom, &alignment);
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

#[cfg(test)]
mod tests;
