//! Drives html5ever's tokenizer and tree builder into our arena, shedding absurd nesting first.
//!
//! The tree builder's scope checks walk its stack of open elements, so 100,000 unclosed `<div>`s
//! would cost 100,000² steps. A thin filter between tokenizer and tree builder therefore watches
//! the stack (measured every few start tags, through the tree builder's handle tracing) and, while
//! it is deeper than [`MAX_DEPTH`], drops further start tags — and later the end tags that would
//! have closed them. Below that depth nothing changes; above it the DOM would only have gained
//! empty siblings at the depth cap, so the text is the same.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use html5ever::buffer_queue::BufferQueue;
use html5ever::interface::tree_builder::{Tracer, TreeSink};
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::tendril::StrTendril;
use html5ever::{local_name, LocalName, TokenizerResult};

use super::tree::{ArenaSink, Dom, Handle, MAX_DEPTH};

/// How many start tags may pass between two measurements of the stack.
const CHECK_EVERY: u32 = 32;

/// Parses a whole document with scripting disabled.
pub fn parse(source: &str) -> Dom {
    let tree_builder = TreeBuilder::new(
        ArenaSink::new(source.len()),
        TreeBuilderOpts { scripting_enabled: false, ..TreeBuilderOpts::default() },
    );
    let filter = DepthFilter {
        tree_builder,
        since_check: Cell::new(CHECK_EVERY),
        shedding: Cell::new(false),
        shed: RefCell::new(HashMap::new()),
        shed_any: Cell::new(false),
    };
    let tokenizer = Tokenizer::new(filter, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(source));
    // The tokenizer pauses after a `<script>` and at a `<meta charset>`; the text is already
    // decoded and scripting is off, so both need nothing but resuming.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let shed_any = tokenizer.sink.shed_any.get();
    let mut dom = tokenizer.sink.tree_builder.sink.finish();
    dom.depth_capped |= shed_any;
    dom
}

struct DepthFilter {
    tree_builder: TreeBuilder<Handle, ArenaSink>,
    since_check: Cell<u32>,
    shedding: Cell<bool>,
    /// Start tags dropped per name, so their end tags are dropped too.
    shed: RefCell<HashMap<LocalName, u32>>,
    shed_any: Cell<bool>,
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

impl DepthFilter {
    /// Roughly the depth of the tree builder's stack: its traced handles are the open elements
    /// plus the active formatting elements and a few pointers.
    fn measure(&self) -> usize {
        let tracer = CountingTracer { handles: Cell::new(0) };
        self.tree_builder.trace_handles(&tracer);
        tracer.handles.get()
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
                    self.shedding.set(self.measure() >= MAX_DEPTH as usize);
                } else {
                    self.since_check.set(countdown);
                }
                if self.shedding.get() && !tag.self_closing {
                    *self.shed.borrow_mut().entry(tag.name.clone()).or_insert(0) += 1;
                    self.shed_any.set(true);
                    return true;
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
                    _ => false,
                }
            }
        }
    }
}

impl TokenSink for DepthFilter {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
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
