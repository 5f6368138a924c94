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
use crate::analysis::Warning;

pub fn extract(source: &str) -> Extraction {
    let dom = parse::parse(source);
    let pieces = scan::scan(source);
    let alignment = align::align(&dom.incoming, source, &pieces);
    let mut extraction = render::render(&dom, &alignment);
    if dom.depth_capped {
        extraction.warnings.push(Warning::new(
            None,
            format!("elements nested deeper than {} levels were attached at that depth", tree::MAX_DEPTH),
        ));
    }
    if extraction.text.is_empty() {
        extraction.warnings.push(Warning::new(None, "the HTML contains no readable text"));
    }
    extraction
}

#[cfg(test)]
mod tests;
