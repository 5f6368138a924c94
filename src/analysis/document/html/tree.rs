//! The DOM that html5ever's tree builder builds for us: an arena of nodes linked by index.
//!
//! Text is not copied into the nodes. Every character run the tree builder inserts is appended to
//! one `incoming` string in the order it arrives — which is source order, even when the tree
//! builder puts the run somewhere else (foster parenting) — and a text node keeps the ranges of
//! `incoming` it holds. That order is what lets the aligner map text back to the source.
//!
//! Nesting is capped like browsers cap it: a node appended below [`MAX_DEPTH`] is attached to the
//! deepest allowed ancestor instead, so it becomes a sibling rather than a child.
//!
//! The arena is also bounded by the source: at most [`NODES_PER_SOURCE_BYTE`] nodes per byte
//! (plus [`NODE_ALLOWANCE`]). The tree builder can create far more elements than the source has
//! tags (it re-opens every active formatting element for each new paragraph), so beyond the
//! budget it gets *phantom* handles: elements that exist for its bookkeeping but not in the
//! arena. Text inserted into a phantom goes to the last real element a phantom was attached to,
//! so no text is lost; only the markup beyond the budget is.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::ops::Range;

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, QualName};

/// Browsers (Blink, WebKit) stop nesting elements at this depth.
pub const MAX_DEPTH: u32 = 512;

/// Nodes the arena may hold per byte of source. An element takes at least three bytes of
/// markup and a text node at least one byte of text, so real documents stay well below it.
pub const NODES_PER_SOURCE_BYTE: f64 = 0.25;
/// Nodes allowed on top of the per-byte budget, for the elements the tree builder implies
/// (`html`, `head`, `body`, table sections) in a short document.
pub const NODE_ALLOWANCE: usize = 1024;
/// Attributes an element keeps when the tree builder merges repeated `<html>`/`<body>` tags.
pub const MAX_MERGED_ATTRIBUTES: usize = 256;

/// Phantom handles take ids from the top half of the id space, which the arena never reaches.
const PHANTOM: NodeId = 0x8000_0000;

/// Index of a node in [`Dom::nodes`]; [`NO_NODE`] stands for "none".
pub type NodeId = u32;
pub const NO_NODE: NodeId = u32::MAX;
pub const DOCUMENT: NodeId = 0;

pub struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub prev_sibling: NodeId,
    pub next_sibling: NodeId,
    /// Distance from the document when the node was last inserted. Descendants of a moved
    /// subtree keep their old depth; it only steers where later children go, so that is enough.
    depth: u32,
    pub data: NodeData,
}

pub enum NodeData {
    Document,
    Element(Element),
    /// Byte ranges of [`Dom::incoming`], in order.
    Text(Vec<Range<u32>>),
    /// Comments, processing instructions, template contents: nothing a reader sees.
    Inert,
}

pub struct Element {
    pub name: QualName,
    pub attrs: Vec<Attribute>,
    template_contents: NodeId,
    mathml_integration_point: bool,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.ns == ns!() && &*a.name.local == name)
            .map(|a| &*a.value)
    }
}

/// What parsing produced.
pub struct Dom {
    pub nodes: Vec<Node>,
    /// Every character run the tree builder inserted, in arrival (= source) order.
    pub incoming: String,
    /// Some element was re-attached higher up because of [`MAX_DEPTH`].
    pub depth_capped: bool,
    /// The node budget ran out: later elements were not kept (their text was).
    pub budget_exhausted: bool,
}

#[derive(Clone)]
pub struct Handle {
    id: NodeId,
    /// Kept in the handle so `elem_name` can lend it without borrowing the arena.
    name: QualName,
}

fn is_phantom(id: NodeId) -> bool {
    id != NO_NODE && id & PHANTOM != 0
}

pub struct ArenaSink {
    nodes: RefCell<Vec<Node>>,
    incoming: RefCell<String>,
    depth_capped: Cell<bool>,
    /// Most nodes the arena takes.
    budget: usize,
    /// Phantoms handed out so far, for their distinct ids.
    phantoms: Cell<u32>,
    /// Where content inserted into a phantom goes: the real parent of the last attached phantom.
    overflow_parent: Cell<NodeId>,
}

impl ArenaSink {
    /// A sink for a source of `source_len` bytes.
    pub fn new(source_len: usize) -> Self {
        let mut nodes = Vec::with_capacity(source_len / 16 + 8);
        nodes.push(Node::new(NodeData::Document));
        ArenaSink {
            nodes: RefCell::new(nodes),
            incoming: RefCell::new(String::with_capacity(source_len)),
            depth_capped: Cell::new(false),
            budget: node_budget(source_len),
            phantoms: Cell::new(0),
            overflow_parent: Cell::new(DOCUMENT),
        }
    }

    /// Whether the arena is full: from now on elements are phantoms.
    pub fn budget_exhausted(&self) -> bool {
        self.nodes.borrow().len() >= self.budget
    }

    fn handle(id: NodeId, name: QualName) -> Handle {
        Handle { id, name }
    }

    fn phantom(&self, name: QualName) -> Handle {
        let serial = self.phantoms.get();
        self.phantoms.set(serial.wrapping_add(1));
        Self::handle(PHANTOM | (serial & !PHANTOM), name)
    }

    /// The node that really receives content inserted into `id`.
    fn real(&self, id: NodeId) -> NodeId {
        if is_phantom(id) {
            self.overflow_parent.get()
        } else {
            id
        }
    }

    fn nameless() -> QualName {
        QualName::new(None, ns!(), local_name!(""))
    }

    /// A comment or other node nobody reads; a phantom once the budget is spent.
    fn inert(&self) -> Handle {
        if self.budget_exhausted() {
            return self.phantom(Self::nameless());
        }
        Self::handle(self.push_node(NodeData::Inert), Self::nameless())
    }

    fn push_node(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        let id = node_id(nodes.len());
        nodes.push(Node::new(data));
        id
    }

    fn push_incoming(&self, text: &str) -> Range<u32> {
        let mut incoming = self.incoming.borrow_mut();
        let start = offset_u32(incoming.len());
        incoming.push_str(text);
        start..offset_u32(incoming.len())
    }

    /// The node that really receives a child of `parent`: `parent` itself, or its deepest
    /// ancestor above the depth cap.
    fn capped_parent(&self, nodes: &[Node], parent: NodeId) -> NodeId {
        let mut target = parent;
        while nodes[target as usize].depth >= MAX_DEPTH && nodes[target as usize].parent != NO_NODE {
            target = nodes[target as usize].parent;
            self.depth_capped.set(true);
        }
        target
    }

    fn append_text_run(&self, parent: NodeId, run: Range<u32>) {
        let mut nodes = self.nodes.borrow_mut();
        let last = nodes[parent as usize].last_child;
        if last != NO_NODE {
            if let NodeData::Text(pieces) = &mut nodes[last as usize].data {
                extend_pieces(pieces, run);
                return;
            }
        }
        let id = node_id(nodes.len());
        nodes.push(Node::new(NodeData::Text(vec![run])));
        link_last(&mut nodes, parent, id);
    }
}

fn extend_pieces(pieces: &mut Vec<Range<u32>>, run: Range<u32>) {
    match pieces.last_mut() {
        Some(last) if last.end == run.start => last.end = run.end,
        _ => pieces.push(run),
    }
}

/// The arena holds at most one node per input byte plus a few, and input is capped far below
/// 4 GiB by the service, so ids fit in u32; saturating keeps a pathological caller from wrapping.
fn node_id(len: usize) -> NodeId {
    u32::try_from(len).unwrap_or(NO_NODE - 1)
}

/// [`NODES_PER_SOURCE_BYTE`] per byte plus [`NODE_ALLOWANCE`], below the phantom id space.
pub fn node_budget(source_len: usize) -> usize {
    let per_byte = (source_len as f64 * NODES_PER_SOURCE_BYTE) as usize;
    per_byte.saturating_add(NODE_ALLOWANCE).min(PHANTOM as usize - 1)
}

fn offset_u32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl Node {
    fn new(data: NodeData) -> Self {
        Node {
            parent: NO_NODE,
            first_child: NO_NODE,
            last_child: NO_NODE,
            prev_sibling: NO_NODE,
            next_sibling: NO_NODE,
            depth: 0,
            data,
        }
    }
}

fn detach(nodes: &mut [Node], id: NodeId) {
    let (parent, prev, next) = {
        let n = &nodes[id as usize];
        (n.parent, n.prev_sibling, n.next_sibling)
    };
    if parent == NO_NODE {
        return;
    }
    if prev != NO_NODE {
        nodes[prev as usize].next_sibling = next;
    } else {
        nodes[parent as usize].first_child = next;
    }
    if next != NO_NODE {
        nodes[next as usize].prev_sibling = prev;
    } else {
        nodes[parent as usize].last_child = prev;
    }
    let n = &mut nodes[id as usize];
    n.parent = NO_NODE;
    n.prev_sibling = NO_NODE;
    n.next_sibling = NO_NODE;
}

fn link_last(nodes: &mut [Node], parent: NodeId, child: NodeId) {
    detach(nodes, child);
    let last = nodes[parent as usize].last_child;
    let depth = nodes[parent as usize].depth.saturating_add(1);
    {
        let c = &mut nodes[child as usize];
        c.parent = parent;
        c.prev_sibling = last;
        c.depth = depth;
    }
    if last != NO_NODE {
        nodes[last as usize].next_sibling = child;
    } else {
        nodes[parent as usize].first_child = child;
    }
    nodes[parent as usize].last_child = child;
}

fn link_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
    detach(nodes, child);
    let parent = nodes[sibling as usize].parent;
    let prev = nodes[sibling as usize].prev_sibling;
    let depth = nodes[parent as usize].depth.saturating_add(1);
    {
        let c = &mut nodes[child as usize];
        c.parent = parent;
        c.prev_sibling = prev;
        c.next_sibling = sibling;
        c.depth = depth;
    }
    nodes[sibling as usize].prev_sibling = child;
    if prev != NO_NODE {
        nodes[prev as usize].next_sibling = child;
    } else {
        nodes[parent as usize].first_child = child;
    }
}

impl TreeSink for ArenaSink {
    type Handle = Handle;
    type Output = Dom;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
            incoming: self.incoming.into_inner(),
            depth_capped: self.depth_capped.get(),
            budget_exhausted: self.phantoms.get() > 0,
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        Self::handle(DOCUMENT, Self::nameless())
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
        &target.name
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        if self.budget_exhausted() {
            return self.phantom(name);
        }
        let template_contents = if flags.template { self.push_node(NodeData::Inert) } else { NO_NODE };
        let id = self.push_node(NodeData::Element(Element {
            name: name.clone(),
            attrs,
            template_contents,
            mathml_integration_point: flags.mathml_annotation_xml_integration_point,
        }));
        Self::handle(id, name)
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        self.inert()
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.inert()
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        let parent = self.real(parent.id);
        match child {
            NodeOrText::AppendNode(node) if is_phantom(node.id) => self.overflow_parent.set(parent),
            NodeOrText::AppendNode(node) => {
                let mut nodes = self.nodes.borrow_mut();
                let target = self.capped_parent(&nodes, parent);
                link_last(&mut nodes, target, node.id);
            }
            NodeOrText::AppendText(text) => {
                let target = self.capped_parent(&self.nodes.borrow(), parent);
                let run = self.push_incoming(&text);
                self.append_text_run(target, run);
            }
        }
    }

    fn append_based_on_parent_node(&self, element: &Handle, prev_element: &Handle, child: NodeOrText<Handle>) {
        let has_parent = !is_phantom(element.id) && self.nodes.borrow()[element.id as usize].parent != NO_NODE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        if is_phantom(target.id) {
            return self.phantom(Self::nameless());
        }
        let contents = match &self.nodes.borrow()[target.id as usize].data {
            NodeData::Element(e) if e.template_contents != NO_NODE => e.template_contents,
            // The tree builder only asks for templates' contents; an inert stand-in keeps any
            // other call harmless.
            _ => NO_NODE,
        };
        if contents == NO_NODE {
            return self.inert();
        }
        Self::handle(contents, Self::nameless())
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        if is_phantom(sibling.id) || self.nodes.borrow()[sibling.id as usize].parent == NO_NODE {
            // The tree builder never does this; appending keeps the content rather than losing it.
            self.append(sibling, new_node);
            return;
        }
        match new_node {
            NodeOrText::AppendNode(node) if is_phantom(node.id) => {
                let parent = self.nodes.borrow()[sibling.id as usize].parent;
                self.overflow_parent.set(parent);
            }
            NodeOrText::AppendNode(node) => link_before(&mut self.nodes.borrow_mut(), sibling.id, node.id),
            NodeOrText::AppendText(text) => {
                let run = self.push_incoming(&text);
                let mut nodes = self.nodes.borrow_mut();
                let prev = nodes[sibling.id as usize].prev_sibling;
                if prev != NO_NODE {
                    if let NodeData::Text(pieces) = &mut nodes[prev as usize].data {
                        extend_pieces(pieces, run);
                        return;
                    }
                }
                let id = node_id(nodes.len());
                nodes.push(Node::new(NodeData::Text(vec![run])));
                link_before(&mut nodes, sibling.id, id);
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        if is_phantom(target.id) {
            return;
        }
        if let NodeData::Element(e) = &mut self.nodes.borrow_mut()[target.id as usize].data {
            for attr in attrs {
                // Each repeated `<body>` could add new names; the cap keeps the check linear.
                if e.attrs.len() >= MAX_MERGED_ATTRIBUTES {
                    break;
                }
                if !e.attrs.iter().any(|a| a.name == attr.name) {
                    e.attrs.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        if is_phantom(target.id) {
            return;
        }
        detach(&mut self.nodes.borrow_mut(), target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        // A phantom has no children to give, and children given to one stay where they are.
        if is_phantom(node.id) || is_phantom(new_parent.id) {
            return;
        }
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[node.id as usize].first_child;
        while child != NO_NODE {
            let next = nodes[child as usize].next_sibling;
            link_last(&mut nodes, new_parent.id, child);
            child = next;
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        if is_phantom(handle.id) {
            return false;
        }
        match &self.nodes.borrow()[handle.id as usize].data {
            NodeData::Element(e) => e.mathml_integration_point,
            _ => false,
        }
    }
}
