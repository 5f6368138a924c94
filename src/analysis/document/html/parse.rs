//! Drives html5ever's tokenizer and tree builder into our arena, shedding absurd nesting first.
//!
//! The tree builder's scope checks walk its stack of open elements, so 100,000 unclosed `<div>`s
//! would cost 100,000² steps. A thin filter between tokenizer and tree builder therefore watches
//! the stack (measured every few start tags, through the tree builder's handle tracing) and, while
//! it is deeper than [`MAX_DEPTH`], drops further start tags — and later the end tags that would
//! have closed them. Below that depth nothing changes; above it the DOM would only have gained
//! empty siblings at the depth cap, so the text is the same.
//!
//! The same filter bounds the tree builder's other super-linear habits, dropping only markup:
//! - the list of active formatting elements is re-opened for every paragraph, so its length
//!   multiplies the work of each `<p>`; formatting start tags beyond [`MAX_ACTIVE_FORMATTING`]
//!   (an upper estimate, tightened at every measurement) are dropped with their end tags;
//! - once the arena's node budget is spent ([`super::tree::node_budget`]), every start tag that
//!   may be dropped is, since its element would only be a phantom.
//!
//! Before the tokenizer, the scanner's cuts ([`super::scan::Scan::cuts`]) remove the attributes
//! of a tag beyond its attribute and length caps: html5ever's duplicate-attribute check is
//! quadratic in a tag's attributes.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Range;

use html5ever::buffer_queue::BufferQueue;
use html5ever::interface::tree_builder::{Tracer, TreeSink};
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::tendril::StrTendril;
use html5ever::{local_name, LocalName, TokenizerResult};

use super::tree::{ArenaSink, Dom, Handle, MAX_DEPTH};
use crate::analysis::CancelFlag;

/// How many start tags may pass between two measurements of the stack.
const CHECK_EVERY: u32 = 32;

/// How many tokens may pass between two looks at the cancel flag. A token can cost up to
/// [`MAX_ACTIVE_FORMATTING`] element insertions (a `<p>` re-opening every active formatting
/// element), so a whole [`FEED_CHUNK`] of them took 16 ms after a cancel; 64 take well
/// under a millisecond.
const CANCEL_CHECK_TOKENS: u32 = 64;

/// Formatting elements (`<b>`, `<font>`, `<a>`…) that may be active at once. Real pages keep a
/// handful open; the HTML standard's own "Noah's Ark" clause keeps at most three alike.
pub const MAX_ACTIVE_FORMATTING: u32 = 32;

/// Bytes fed to the tokenizer at a time: the feeding loop looks at the cancel flag between
/// pieces, and inside one the filter looks every [`CANCEL_CHECK_TOKENS`] tokens.
const FEED_CHUNK: usize = 4 * 1024;

/// The parts of `source` between the `cuts`.
fn kept_parts<'a>(source: &'a str, cuts: &'a [Range<u32>]) -> impl Iterator<Item = &'a str> {
    let starts = std::iter::once(0).chain(cuts.iter().map(|cut| cut.end as usize));
    let ends = cuts.iter().map(|cut| cut.start as usize).chain(std::iter::once(source.len()));
    starts.zip(ends).filter_map(|(start, end)| source.get(start..end)).filter(|part| !part.is_empty())
}

/// `text` in pieces of about [`FEED_CHUNK`] bytes, cut on character boundaries.
fn chunks(mut text: &str) -> impl Iterator<Item = &str> {
    std::iter::from_fn(move || {
        if text.is_empty() {
            return None;
        }
        let mut end = FEED_CHUNK.min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let (chunk, rest) = text.split_at(end);
        text = rest;
        Some(chunk)
    })
}

/// Parses a document with scripting disabled; the `cuts` (sorted, disjoint byte ranges of
/// markup) are left out of what the tokenizer reads. Once `cancel` is set the rest of the
/// source is not read, and the tree holds what was parsed so far.
pub fn parse(source: &str, cuts: &[Range<u32>], cancel: &CancelFlag) -> Dom {
    let tree_builder = TreeBuilder::new(
        ArenaSink::new(source.len()),
        TreeBuilderOpts { scripting_enabled: false, ..TreeBuilderOpts::default() },
    );
    let filter = DepthFilter::new(tree_builder, cancel);
    let tokenizer = Tokenizer::new(filter, TokenizerOpts::default());
    let input = BufferQueue::default();
    'feeding: for kept in kept_parts(source, cuts) {
        for chunk in chunks(kept) {
            if cancel.is_cancelled() {
                break 'feeding;
            }
            input.push_back(StrTendril::from(chunk));
            // The tokenizer pauses after a `<script>` and at a `<meta charset>`; the text is
            // already decoded and scripting is off, so both need nothing but resuming.
            while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
        }
    }
    tokenizer.end();
    let shed_any = tokenizer.sink.shed_any.get();
    let over_budget = tokenizer.sink.over_budget.get();
    let mut dom = tokenizer.sink.tree_builder.sink.finish();
    dom.depth_capped |= shed_any;
    dom.budget_exhausted |= over_budget;
    dom
}

struct DepthFilter {
    tree_builder: TreeBuilder<Handle, ArenaSink>,
    since_check: Cell<u32>,
    shedding: Cell<bool>,
    /// Start tags dropped per name, so their end tags are dropped too.
    shed: RefCell<HashMap<LocalName, u32>>,
    shed_any: Cell<bool>,
    /// Markup was dropped for the formatting or node budget.
    over_budget: Cell<bool>,
    /// At least as many formatting elements as are in the tree builder's active list.
    formatting: Cell<u32>,
    cancel: CancelFlag,
    until_cancel_check: Cell<u32>,
    /// Once set, tokens are no longer built into the tree: the document is being discarded.
    cancelled: Cell<bool>,
}

struct CountingTracer {
    handles: Cell<usize>,
}

impl Tracer for CountingTracer {
    type Handle = Handle;

    fn trace_handle(&self, _node: &Handle) {
        self.handles.set(self.handles.get() + 1);
    }
}

/// Elements that never take children, or that switch the tokenizer into another state (which
/// the source scanner must see happen): never dropped.
fn must_pass(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("script")
            | local_name!("style")
            | local_name!("title")
            | local_name!("textarea")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("plaintext")
    )
}

/// The elements the tree builder keeps in its list of active formatting elements.
fn is_formatting(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u")
    )
}

impl DepthFilter {
    fn new(tree_builder: TreeBuilder<Handle, ArenaSink>, cancel: &CancelFlag) -> DepthFilter {
        DepthFilter {
            tree_builder,
            since_check: Cell::new(CHECK_EVERY),
            shedding: Cell::new(false),
            shed: RefCell::new(HashMap::new()),
            shed_any: Cell::new(false),
            formatting: Cell::new(0),
            over_budget: Cell::new(false),
            cancel: cancel.clone(),
            until_cancel_check: Cell::new(CANCEL_CHECK_TOKENS),
            cancelled: Cell::new(false),
        }
    }

    /// Roughly the depth of the tree builder's stack: its traced handles are the open elements
    /// plus the active formatting elements and a few pointers.
    fn measure(&self) -> usize {
        let tracer = CountingTracer { handles: Cell::new(0) };
        self.tree_builder.trace_handles(&tracer);
        tracer.handles.get()
    }

    /// Whether the analysis was cancelled, looking at the flag every [`CANCEL_CHECK_TOKENS`] calls.
    fn cancelled(&self) -> bool {
        if self.cancelled.get() {
            return true;
        }
        let countdown = self.until_cancel_check.get().saturating_sub(1);
        if countdown > 0 {
            self.until_cancel_check.set(countdown);
            return false;
        }
        self.until_cancel_check.set(CANCEL_CHECK_TOKENS);
        self.cancelled.set(self.cancel.is_cancelled());
        self.cancelled.get()
    }

    /// Whether a tag token is dropped.
    fn drops(&self, tag: &Tag) -> bool {
        if must_pass(&tag.name) {
            return false;
        }
        match tag.kind {
            TagKind::StartTag => {
                let countdown = self.since_check.get().saturating_sub(1);
                if countdown == 0 {
                    self.since_check.set(CHECK_EVERY);
                    let measured = self.measure();
                    self.shedding.set(measured >= MAX_DEPTH as usize);
                    // The traced handles include every active formatting element.
                    let tightened = self.formatting.get().min(u32::try_from(measured).unwrap_or(u32::MAX));
                    self.formatting.set(tightened);
                } else {
                    self.since_check.set(countdown);
                }
                let formatting = is_formatting(&tag.name);
                let too_deep = self.shedding.get() && !tag.self_closing;
                let over_budget = self.tree_builder.sink.budget_exhausted()
                    || (formatting && self.formatting.get() >= MAX_ACTIVE_FORMATTING);
                if too_deep || over_budget {
                    // A self-closing tag of an ordinary element still opens it, but no end tag
                    // of its own will follow to be dropped.
                    if !tag.self_closing {
                        *self.shed.borrow_mut().entry(tag.name.clone()).or_insert(0) += 1;
                    }
                    if too_deep {
                        self.shed_any.set(true);
                    } else {
                        self.over_budget.set(true);
                    }
                    return true;
                }
                if formatting {
                    self.formatting.set(self.formatting.get() + 1);
                }
                false
            }
            TagKind::EndTag => {
                let mut shed = self.shed.borrow_mut();
                match shed.get_mut(&tag.name) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        true
                    }
                    _ => {
                        if is_formatting(&tag.name) {
                            self.formatting.set(self.formatting.get().saturating_sub(1));
                        }
                        false
                    }
                }
            }
        }
    }
}

impl TokenSink for DepthFilter {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        if self.cancelled() {
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token {
            if self.drops(tag) {
                return TokenSinkResult::Continue;
            }
        }
        self.tree_builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.tree_builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.tree_builder.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::document::html::tree::NodeData;

    /// Paragraphs in the tree after one piece of 1,000 `<p>x` is fed whole.
    fn paragraphs_built(cancel: &CancelFlag) -> usize {
        let source = "<p>x".repeat(1000);
        let tree_builder = TreeBuilder::new(ArenaSink::new(source.len()), TreeBuilderOpts::default());
        let tokenizer = Tokenizer::new(DepthFilter::new(tree_builder, cancel), TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from(source.as_str()));
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
        tokenizer.end();
        let dom = tokenizer.sink.tree_builder.sink.finish();
        let is_paragraph = |data: &NodeData| matches!(data, NodeData::Element(e) if e.name.local == local_name!("p"));
        dom.nodes.iter().filter(|node| is_paragraph(&node.data)).count()
    }

    #[test]
    fn a_cancel_stops_tree_building_inside_a_piece() {
        assert_eq!(paragraphs_built(&CancelFlag::new()), 1000);
        let cancelled = CancelFlag::new();
        cancelled.cancel();
        let built = paragraphs_built(&cancelled);
        assert!(built < CANCEL_CHECK_TOKENS as usize, "{built} paragraphs built after the cancel");
    }
}
