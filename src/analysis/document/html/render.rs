//! Walks the DOM once, iteratively, and writes the text a reader sees with its offset map,
//! blocks, anchors, emphasis and `<base href>`.
//!
//! The rules (README "Text format"): block elements end a paragraph ("\n\n"), `<br>` ends a line
//! ("\n", two in a row end a paragraph); inline elements never split a word; runs of White_Space
//! become one U+0020 (kept as written inside `<pre>`); nothing leads or trails. Separators are
//! written lazily — only when more content follows — so no paragraph is empty and nothing trails.
//! The document's first `<title>` is read as a level-0 heading where it sits (normally first);
//! the rest of `<head>` is not read.
//!
//! With a main-content [`Selection`], only the nodes it shows are written; text it hides (and an
//! SVG's `<title>`/`<desc>`) still adds to the text of the anchors around it, as API.md defines
//! a link's text, and such an anchor is not `in_body` and has no place in the text.

use std::ops::Range;

use html5ever::{local_name, ns, LocalName, QualName};

use super::align::Alignment;
use super::extract::{Mark, Selection};
use super::tree::{Dom, Element, NodeData, NodeId, DOCUMENT, NO_NODE};
use crate::analysis::document::offsets::{OffsetMapBuilder, Origin};
use crate::analysis::document::{Anchor, Block, BlockKind, Extraction};
use crate::analysis::{Pacer, TextSpan};

/// Nodes walked between two looks at the stop request: a page of a million nodes renders in
/// about 8 ms, so the walk stops within a few hundred microseconds of one.
const PACE_NODES: u32 = 4096;

/// What an element does to the text.
#[derive(Clone, Copy, Default)]
struct Role {
    /// Nothing inside is read (`script`, `style`, …).
    skip: bool,
    /// Nothing inside is written to the text, but it counts as anchor text (SVG `<title>`).
    hidden: bool,
    /// Ends the paragraph before and after it.
    block: bool,
    /// The kind its paragraphs get, when more specific than a paragraph.
    kind: Option<BlockKind>,
    emphasis: bool,
    preformatted: bool,
}

fn role(name: &QualName) -> Role {
    if name.ns != ns!(html) {
        let skip = matches!(&*name.local, "script" | "style");
        let hidden = matches!(&*name.local, "title" | "desc");
        return Role { skip, hidden, ..Role::default() };
    }
    let local: &LocalName = &name.local;
    let block = |kind| Role { block: true, kind, ..Role::default() };
    match *local {
        local_name!("script")
        | local_name!("style")
        | local_name!("template")
        | local_name!("iframe")
        | local_name!("noembed")
        | local_name!("noframes") => Role { skip: true, ..Role::default() },
        local_name!("b") | local_name!("strong") | local_name!("em") | local_name!("i") | local_name!("mark") => {
            Role { emphasis: true, ..Role::default() }
        }
        local_name!("h1") => Role { emphasis: true, ..block(Some(BlockKind::Heading(1))) },
        local_name!("h2") => Role { emphasis: true, ..block(Some(BlockKind::Heading(2))) },
        local_name!("h3") => Role { emphasis: true, ..block(Some(BlockKind::Heading(3))) },
        local_name!("h4") => Role { emphasis: true, ..block(Some(BlockKind::Heading(4))) },
        local_name!("h5") => Role { emphasis: true, ..block(Some(BlockKind::Heading(5))) },
        local_name!("h6") => Role { emphasis: true, ..block(Some(BlockKind::Heading(6))) },
        local_name!("li") | local_name!("dd") | local_name!("dt") => block(Some(BlockKind::ListItem)),
        local_name!("blockquote") => block(Some(BlockKind::Quote)),
        local_name!("td") | local_name!("th") => block(Some(BlockKind::TableCell)),
        local_name!("pre")
        | local_name!("listing")
        | local_name!("xmp")
        | local_name!("plaintext")
        | local_name!("textarea") => Role { preformatted: true, ..block(Some(BlockKind::Preformatted)) },
        local_name!("address")
        | local_name!("article")
        | local_name!("aside")
        | local_name!("body")
        | local_name!("caption")
        | local_name!("center")
        | local_name!("details")
        | local_name!("dialog")
        | local_name!("dir")
        | local_name!("div")
        | local_name!("dl")
        | local_name!("fieldset")
        | local_name!("figcaption")
        | local_name!("figure")
        | local_name!("footer")
        | local_name!("form")
        | local_name!("header")
        | local_name!("hgroup")
        | local_name!("hr")
        | local_name!("legend")
        | local_name!("main")
        | local_name!("menu")
        | local_name!("nav")
        | local_name!("ol")
        | local_name!("optgroup")
        | local_name!("option")
        | local_name!("p")
        | local_name!("search")
        | local_name!("section")
        | local_name!("select")
        | local_name!("summary")
        | local_name!("table")
        | local_name!("tbody")
        | local_name!("tfoot")
        | local_name!("thead")
        | local_name!("tr")
        | local_name!("ul") => block(None),
        _ => Role::default(),
    }
}

/// Whether the element starts a paragraph of its own (extraction reads blocks as written).
pub fn is_block(name: &QualName) -> bool {
    role(name).block
}

/// A separator waiting for the next content; stronger ones win.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Break {
    None,
    /// A collapsed whitespace run, mapped to its first character's source.
    Space(Origin),
    Line,
    Paragraph,
}

impl Break {
    fn rank(self) -> u8 {
        match self {
            Break::None => 0,
            Break::Space(..) => 1,
            Break::Line => 2,
            Break::Paragraph => 3,
        }
    }

    fn join(self, other: Break) -> Break {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

/// What to undo when leaving an element.
struct Frame {
    node: NodeId,
    role: Role,
    anchor: bool,
    /// `suppress` to restore (the document title lifts the suppression of `<head>`).
    restore_suppress: Option<u32>,
    /// `visible` to restore when the selection marked this node.
    restore_visible: Option<bool>,
}

struct OpenAnchor {
    index: usize,
    start: Option<usize>,
    end: usize,
    space_pending: bool,
}

struct Writer<'a> {
    incoming: &'a str,
    alignment: &'a Alignment,
    hint: usize,
    text: String,
    map: OffsetMapBuilder,
    pending: Break,
    /// Whitespace inside `<pre>` waiting for more content of the same block, as written.
    pre_whitespace: Vec<Range<u32>>,
    /// Start and kind of the paragraph being written.
    block: Option<(usize, BlockKind)>,
    /// End of the last content written (separators excluded).
    content_end: usize,
    blocks: Vec<Block>,
    /// Kinds of the open block elements that give their paragraphs a kind.
    kinds: Vec<BlockKind>,
    emphasis_depth: u32,
    emphasis_start: Option<usize>,
    emphasis: Vec<TextSpan>,
    anchors: Vec<Anchor>,
    open_anchors: Vec<OpenAnchor>,
    preformatted: u32,
    /// Above zero inside `<head>`, whose text is not read.
    suppress: u32,
    /// `<br>`s since the last content: two in a row end the paragraph.
    breaks_in_a_row: u32,
    title_seen: bool,
    base_href: Option<String>,
    /// The selection's marks; `None` writes every node.
    marks: Option<&'a [Mark]>,
    /// Whether the selection shows the current node.
    visible: bool,
    /// Above zero inside elements whose text is only anchor text (SVG `<title>`).
    hidden: u32,
    headline: Option<NodeId>,
    /// Where the text stood after the headline.
    headline_end: Option<usize>,
}

/// The renderer's output: the extraction and where the headline ended in its text.
pub struct Rendered {
    pub extraction: Extraction,
    pub headline_end: Option<usize>,
}

/// Everything of the extraction but its warnings, which the caller adds.
pub fn render(dom: &Dom, alignment: &Alignment, selection: Option<&Selection>) -> Rendered {
    let mut writer = Writer {
        incoming: &dom.incoming,
        alignment,
        hint: 0,
        text: String::with_capacity(dom.incoming.len()),
        map: OffsetMapBuilder::new(),
        pending: Break::None,
        pre_whitespace: Vec::new(),
        block: None,
        content_end: 0,
        blocks: Vec::new(),
        kinds: Vec::new(),
        emphasis_depth: 0,
        emphasis_start: None,
        emphasis: Vec::new(),
        anchors: Vec::new(),
        open_anchors: Vec::new(),
        preformatted: 0,
        suppress: 0,
        breaks_in_a_row: 0,
        title_seen: false,
        base_href: None,
        marks: selection.map(|s| s.marks.as_slice()),
        visible: selection.is_none(),
        hidden: 0,
        headline: selection.and_then(|s| s.headline),
        headline_end: None,
    };
    writer.walk(dom);
    writer.close_emphasis();
    writer.close_block();
    Rendered {
        headline_end: writer.headline_end,
        extraction: Extraction {
            text: writer.text,
            offsets: writer.map.finish(),
            blocks: writer.blocks,
            anchors: writer.anchors,
            emphasis: writer.emphasis,
            base_href: writer.base_href,
            page: None,
            warnings: Vec::new(),
        },
    }
}

impl Writer<'_> {
    /// Pre-order walk with an explicit stack of open elements: no recursion, each node once.
    fn walk(&mut self, dom: &Dom) {
        let nodes = &dom.nodes;
        let mut frames: Vec<Frame> = Vec::new();
        let mut node = nodes[DOCUMENT as usize].first_child;
        // A stop request ends the walk early; the caller then discards what was written.
        let mut pacer = Pacer::every(PACE_NODES);
        while node != NO_NODE && !pacer.stop() {
            let current = &nodes[node as usize];
            let mut descend = false;
            match &current.data {
                NodeData::Element(element) => {
                    let frame = self.enter(node, element);
                    descend = !frame.role.skip && current.first_child != NO_NODE;
                    frames.push(frame);
                }
                NodeData::Text(runs) => {
                    if self.suppress == 0 {
                        let written = self.visible && self.hidden == 0;
                        for run in runs {
                            if written {
                                self.text_run(run.clone());
                            } else {
                                self.anchor_text_only(run.clone());
                            }
                        }
                    }
                }
                NodeData::Document | NodeData::Inert => {}
            }
            if descend {
                node = current.first_child;
                continue;
            }
            // Leave finished elements until one has a next sibling.
            let mut at = node;
            loop {
                if frames.last().is_some_and(|f| f.node == at) {
                    if let Some(frame) = frames.pop() {
                        self.leave(frame);
                    }
                }
                let n = &nodes[at as usize];
                if n.next_sibling != NO_NODE {
                    node = n.next_sibling;
                    break;
                }
                at = n.parent;
                if at == DOCUMENT || at == NO_NODE {
                    node = NO_NODE;
                    break;
                }
            }
        }
        while let Some(frame) = frames.pop() {
            self.leave(frame);
        }
    }

    fn enter(&mut self, node: NodeId, element: &Element) -> Frame {
        let mut role = role(&element.name);
        let mut restore_suppress = None;
        if element.name.ns == ns!(html) {
            match element.name.local {
                local_name!("head") => {
                    restore_suppress = Some(self.suppress);
                    self.suppress += 1;
                }
                local_name!("title") => {
                    if self.title_seen {
                        role.skip = true;
                    } else {
                        self.title_seen = true;
                        role = Role { block: true, kind: Some(BlockKind::Heading(0)), emphasis: true, ..role };
                        restore_suppress = Some(self.suppress);
                        self.suppress = 0;
                    }
                }
                local_name!("br") => self.line_break(),
                local_name!("base") => {
                    if self.base_href.is_none() {
                        self.base_href = element.attr("href").map(str::to_string);
                    }
                }
                local_name!("img") => self.image(element),
                _ => {}
            }
        }
        let mut restore_visible = None;
        match self.marks.and_then(|marks| marks.get(node as usize)) {
            Some(Mark::Show) => restore_visible = Some(std::mem::replace(&mut self.visible, true)),
            Some(Mark::Hide) => restore_visible = Some(std::mem::replace(&mut self.visible, false)),
            _ => {}
        }
        let mut frame = Frame { node, role, anchor: false, restore_suppress, restore_visible };
        if role.skip {
            return frame;
        }
        if role.hidden {
            self.hidden += 1;
        }
        if element.name.ns == ns!(html) && element.name.local == local_name!("a") {
            if let Some(href) = element.attr("href") {
                frame.anchor = true;
                self.open_anchors.push(OpenAnchor { index: self.anchors.len(), start: None, end: 0, space_pending: false });
                self.anchors.push(Anchor {
                    href: href.to_string(),
                    title: element.attr("title").map(str::to_string),
                    rel: element.attr("rel").map(str::to_string),
                    target: element.attr("target").map(str::to_string),
                    text: String::new(),
                    image_alt: String::new(),
                    span: TextSpan::default(),
                    in_body: self.visible && self.hidden == 0,
                });
            }
        }
        if role.block {
            self.request(Break::Paragraph);
        }
        if let Some(kind) = role.kind {
            self.kinds.push(kind);
        }
        if role.emphasis {
            self.emphasis_depth += 1;
        }
        if role.preformatted {
            self.preformatted += 1;
        }
        frame
    }

    fn leave(&mut self, frame: Frame) {
        if let Some(saved) = frame.restore_suppress {
            self.suppress = saved;
        }
        let role = frame.role;
        if let Some(saved) = frame.restore_visible {
            self.visible = saved;
        }
        if Some(frame.node) == self.headline && self.headline_end.is_none() {
            self.headline_end = Some(self.text.len());
        }
        if role.skip {
            return;
        }
        if role.hidden {
            self.hidden -= 1;
        }
        if role.preformatted {
            self.preformatted -= 1;
        }
        if role.emphasis {
            self.emphasis_depth -= 1;
            if self.emphasis_depth == 0 {
                self.close_emphasis();
            }
        }
        if role.kind.is_some() {
            self.kinds.pop();
        }
        if role.block {
            self.request(Break::Paragraph);
        }
        if frame.anchor {
            if let Some(open) = self.open_anchors.pop() {
                let span = match open.start {
                    Some(start) => TextSpan::new(start, open.end),
                    None => TextSpan::new(self.text.len(), self.text.len()),
                };
                if let Some(anchor) = self.anchors.get_mut(open.index) {
                    anchor.span = span;
                }
            }
        }
    }

    fn image(&mut self, element: &Element) {
        let Some(alt) = element.attr("alt").map(str::trim).filter(|a| !a.is_empty()) else {
            return;
        };
        for open in &self.open_anchors {
            if let Some(anchor) = self.anchors.get_mut(open.index) {
                if !anchor.image_alt.is_empty() {
                    anchor.image_alt.push(' ');
                }
                anchor.image_alt.push_str(alt);
            }
        }
    }

    fn line_break(&mut self) {
        self.breaks_in_a_row += 1;
        self.request(if self.breaks_in_a_row >= 2 { Break::Paragraph } else { Break::Line });
    }

    fn request(&mut self, wanted: Break) {
        if matches!(wanted, Break::Line | Break::Paragraph) {
            self.pre_whitespace.clear();
        }
        self.pending = self.pending.join(wanted);
    }

    /// Splits a run of character data into words and whitespace.
    fn text_run(&mut self, run: Range<u32>) {
        for (piece, is_space) in pieces(self.incoming, run) {
            if is_space {
                self.whitespace(piece);
            } else {
                self.content(piece);
            }
        }
    }

    fn whitespace(&mut self, run: Range<u32>) {
        for open in &mut self.open_anchors {
            open.space_pending = true;
        }
        if self.preformatted > 0 {
            if self.block.is_some() && matches!(self.pending, Break::None | Break::Space(..)) {
                match self.pre_whitespace.last_mut() {
                    Some(last) if last.end == run.start => last.end = run.end,
                    _ => self.pre_whitespace.push(run),
                }
            }
            return;
        }
        if self.pending == Break::None {
            let first = self.incoming[run.start as usize..].chars().next().unwrap_or(' ');
            let first_len = first.len_utf8() as u32;
            let origin = match self.alignment.origin_at(run.start, &mut self.hint) {
                // A plain space stays verbatim, so running text needs no segment per word.
                Some(Origin::Verbatim(at)) if first == ' ' => Origin::Verbatim(at),
                Some(Origin::Verbatim(at)) => Origin::Whole(at, at + first_len),
                Some(whole) => whole,
                None => {
                    let at = self.map.source_cursor();
                    Origin::Whole(at, at)
                }
            };
            self.pending = Break::Space(origin);
        }
    }

    fn content(&mut self, run: Range<u32>) {
        self.flush_pending();
        if self.block.is_none() {
            let kind = self.kinds.last().copied().unwrap_or(BlockKind::Paragraph);
            self.block = Some((self.text.len(), kind));
        }
        let at = self.text.len();
        self.append_aligned(run.clone());
        let end = self.text.len();
        self.content_end = end;
        self.breaks_in_a_row = 0;
        if self.emphasis_depth > 0 && self.emphasis_start.is_none() {
            self.emphasis_start = Some(at);
        }
        for open in &mut self.open_anchors {
            open.start.get_or_insert(at);
            open.end = end;
        }
        self.anchor_words(run);
    }

    /// Adds a word to the text of every open anchor.
    fn anchor_words(&mut self, run: Range<u32>) {
        if self.open_anchors.is_empty() {
            // Most words are in no anchor: no slice to cut.
            return;
        }
        let words = &self.incoming[run.start as usize..run.end as usize];
        for open in &mut self.open_anchors {
            if let Some(anchor) = self.anchors.get_mut(open.index) {
                if open.space_pending && !anchor.text.is_empty() {
                    anchor.text.push(' ');
                }
                anchor.text.push_str(words);
            }
            open.space_pending = false;
        }
    }

    /// Text that is not written but is part of the anchors around it.
    fn anchor_text_only(&mut self, run: Range<u32>) {
        if self.open_anchors.is_empty() {
            return;
        }
        for (piece, is_space) in pieces(self.incoming, run) {
            if is_space {
                for open in &mut self.open_anchors {
                    open.space_pending = true;
                }
            } else {
                self.anchor_words(piece);
            }
        }
    }

    /// Appends produced text with the source ranges the alignment gives it.
    fn append_aligned(&mut self, run: Range<u32>) {
        let at = self.text.len();
        self.text.push_str(&self.incoming[run.start as usize..run.end as usize]);
        let map = &mut self.map;
        let base = run.start;
        self.alignment.origins(run, &mut self.hint, |piece, origin| {
            map.push(at + (piece.start - base) as usize, at + (piece.end - base) as usize, origin);
        });
    }

    fn insert(&mut self, separator: &str) {
        let at = self.text.len();
        self.text.push_str(separator);
        let cursor = self.map.source_cursor();
        self.map.push(at, self.text.len(), Origin::Whole(cursor, cursor));
    }

    fn flush_pending(&mut self) {
        let pending = std::mem::replace(&mut self.pending, Break::None);
        let pre_whitespace = std::mem::take(&mut self.pre_whitespace);
        if self.text.is_empty() {
            return;
        }
        match pending {
            Break::Paragraph => {
                self.close_emphasis();
                self.close_block();
                self.insert("\n\n");
            }
            Break::Line => {
                self.close_emphasis();
                self.insert("\n");
            }
            Break::Space(..) | Break::None if !pre_whitespace.is_empty() => {
                for run in &pre_whitespace {
                    self.append_aligned(run.clone());
                }
                self.pre_whitespace = pre_whitespace;
                self.pre_whitespace.clear();
            }
            Break::Space(origin) => {
                let at = self.text.len();
                self.text.push(' ');
                self.map.push(at, at + 1, origin);
            }
            Break::None => {}
        }
    }

    fn close_emphasis(&mut self) {
        if let Some(start) = self.emphasis_start.take() {
            if self.content_end > start {
                self.emphasis.push(TextSpan::new(start, self.content_end));
            }
        }
    }

    fn close_block(&mut self) {
        if let Some((start, kind)) = self.block.take() {
            self.blocks.push(Block { span: TextSpan::new(start, self.content_end.max(start)), kind });
        }
    }
}

/// A run of character data cut into alternating words and whitespace runs, in order, each with
/// whether it is whitespace.
fn pieces(incoming: &str, run: Range<u32>) -> impl Iterator<Item = (Range<u32>, bool)> + '_ {
    let bytes = incoming.as_bytes();
    let end = run.end as usize;
    let mut i = run.start as usize;
    std::iter::from_fn(move || {
        if i >= end {
            return None;
        }
        let start = i;
        let is_space = whitespace_at(incoming, bytes, i).0;
        while i < end {
            // ASCII bytes, nearly all of most runs, are classified in one tight scan.
            i += bytes[i..end].iter().position(|&b| !b.is_ascii() || is_ascii_white_space(b) != is_space).unwrap_or(end - i);
            if i == end || bytes[i].is_ascii() {
                // The end, or an ASCII byte of the other kind.
                break;
            }
            let (space, len) = whitespace_at(incoming, bytes, i);
            if space != is_space {
                break;
            }
            i += len;
        }
        Some((start as u32..i as u32, is_space))
    })
}

/// White_Space among ASCII bytes: tab, line feed, vertical tab, form feed, carriage return, space.
fn is_ascii_white_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Whether `incoming[i..]` starts with a White_Space character, and that character's length.
#[inline]
fn whitespace_at(incoming: &str, bytes: &[u8], i: usize) -> (bool, usize) {
    let b = bytes[i];
    if b < 0x80 {
        return (is_ascii_white_space(b), 1);
    }
    match incoming[i..].chars().next() {
        Some(c) => (c.is_whitespace(), c.len_utf8()),
        None => (false, 1),
    }
}
