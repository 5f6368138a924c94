//! Text counts per element, gathered bottom-up in one pass over a pre-order list of the tree.
//!
//! Lengths count characters that are not white space (UTF-8 lead bytes, so no decoding), which
//! makes them independent of how the source indents its markup.

use html5ever::{local_name, ns};

use super::super::render::is_block;
use super::super::tree::{Dom, NodeData, NodeId, DOCUMENT, NO_NODE};

/// Every node reachable from the document, parents before children, siblings in order; plus,
/// per node, its position in that list (`u32::MAX` when unreachable).
pub struct Order {
    pub list: Vec<NodeId>,
    pub position: Vec<u32>,
}

impl Order {
    pub fn of(dom: &Dom) -> Order {
        let nodes = &dom.nodes;
        let mut list = Vec::with_capacity(nodes.len());
        let mut position = vec![u32::MAX; nodes.len()];
        let mut node = nodes[DOCUMENT as usize].first_child;
        while node != NO_NODE {
            position[node as usize] = list.len() as u32;
            list.push(node);
            let current = &nodes[node as usize];
            if current.first_child != NO_NODE {
                node = current.first_child;
                continue;
            }
            let mut at = node;
            node = NO_NODE;
            while at != NO_NODE && at != DOCUMENT {
                let n = &nodes[at as usize];
                if n.next_sibling != NO_NODE {
                    node = n.next_sibling;
                    break;
                }
                at = n.parent;
            }
        }
        Order { list, position }
    }
}

/// Counts of one subtree.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    /// Visible characters.
    pub text: u32,
    /// Of those, the ones inside `<a>`.
    pub link_text: u32,
    pub commas: u32,
    /// Characters in text nodes that are direct children.
    pub own_text: u32,
    /// Characters in paragraphs (`p`, `pre`, `blockquote`, `td`) that are not mostly links.
    pub prose: u32,
}

impl Counts {
    pub fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link_text as f32 / self.text as f32
        }
    }
}

/// Whether an element's content is never seen by a reader.
pub fn is_unread(dom: &Dom, id: NodeId) -> bool {
    match &dom.nodes[id as usize].data {
        NodeData::Element(e) => {
            e.name.ns == ns!(html)
                && matches!(
                    e.name.local,
                    local_name!("script")
                        | local_name!("style")
                        | local_name!("template")
                        | local_name!("head")
                        | local_name!("iframe")
                        | local_name!("noembed")
                        | local_name!("noframes")
                )
        }
        NodeData::Inert => true,
        _ => false,
    }
}

/// Counts per node; subtrees for which `excluded` says true count nothing.
pub fn count(dom: &Dom, order: &Order, excluded: impl Fn(NodeId) -> bool) -> Vec<Counts> {
    let nodes = &dom.nodes;
    let mut counts = vec![Counts::default(); nodes.len()];
    // An excluded or unread node silences its whole subtree.
    let mut dead = vec![false; nodes.len()];
    for &id in &order.list {
        let parent = nodes[id as usize].parent;
        dead[id as usize] =
            (parent != NO_NODE && dead[parent as usize]) || excluded(id) || is_unread(dom, id);
    }
    for &id in order.list.iter().rev() {
        if dead[id as usize] {
            continue;
        }
        let node = &nodes[id as usize];
        let mut own = Counts::default();
        match &node.data {
            NodeData::Text(runs) => {
                for run in runs {
                    let bytes = &dom.incoming.as_bytes()[run.start as usize..run.end as usize];
                    for &b in bytes {
                        if !b.is_ascii_whitespace() && (b & 0xC0) != 0x80 {
                            own.text += 1;
                        }
                        if b == b',' {
                            own.commas += 1;
                        }
                    }
                }
            }
            NodeData::Element(_) => {
                let mut child = node.first_child;
                while child != NO_NODE {
                    let c = counts[child as usize];
                    own.text += c.text;
                    own.link_text += c.link_text;
                    own.commas += c.commas;
                    own.prose += c.prose;
                    if matches!(nodes[child as usize].data, NodeData::Text(_)) {
                        own.own_text += c.text;
                    }
                    child = nodes[child as usize].next_sibling;
                }
                if is_anchor(dom, id) {
                    own.link_text = own.text;
                }
                if is_paragraph(dom, id) {
                    own.prose = if own.link_density() < 0.5 { own.text } else { 0 };
                }
            }
            _ => {}
        }
        counts[id as usize] = own;
    }
    counts
}

/// Whether an element is a unit of prose.
pub fn is_paragraph(dom: &Dom, id: NodeId) -> bool {
    matches!(&dom.nodes[id as usize].data, NodeData::Element(e) if e.name.ns == ns!(html) && matches!(
        e.name.local,
        local_name!("p") | local_name!("pre") | local_name!("td") | local_name!("blockquote")
    ))
}

pub fn is_anchor(dom: &Dom, id: NodeId) -> bool {
    matches!(&dom.nodes[id as usize].data, NodeData::Element(e) if e.name.ns == ns!(html) && e.name.local == local_name!("a"))
}

/// The list position just after `id`'s subtree.
pub fn end_of_subtree(dom: &Dom, order: &Order, id: NodeId) -> usize {
    let mut at = id;
    while at != NO_NODE {
        let next = dom.nodes[at as usize].next_sibling;
        if next != NO_NODE {
            return order.position[next as usize] as usize;
        }
        at = dom.nodes[at as usize].parent;
    }
    order.list.len()
}

/// Whether an inline element is a line of its own: on each side, before any other text, a block
/// boundary or a `<br>` (`<h1>…</h1><span>12 March 2024</span><p>…`), so it is read as a line
/// of the page rather than as words of a sentence.
/// `has_text` says whether a sibling shows any text.
pub fn stands_alone(dom: &Dom, has_text: &dyn Fn(NodeId) -> bool, id: NodeId) -> bool {
    line_edge(dom, has_text, id, true) && line_edge(dom, has_text, id, false)
}

/// How many inline ancestors [`line_edge`] climbs through, and how many siblings it passes on
/// each level, before it gives up (so a run of thousands of empty siblings costs no more).
const LINE_DEPTH: usize = 4;
const LINE_SIBLINGS: usize = 32;

fn line_edge(dom: &Dom, has_text: &dyn Fn(NodeId) -> bool, id: NodeId, backwards: bool) -> bool {
    let mut current = id;
    for _ in 0..LINE_DEPTH {
        let node = &dom.nodes[current as usize];
        let mut at = if backwards { node.prev_sibling } else { node.next_sibling };
        for _ in 0..LINE_SIBLINGS {
            if at == NO_NODE {
                break;
            }
            match &dom.nodes[at as usize].data {
                NodeData::Element(e) if is_block(&e.name) || e.name.local == local_name!("br") => return true,
                _ if is_unread(dom, at) || !has_text(at) => {}
                _ => return false,
            }
            let sibling = &dom.nodes[at as usize];
            at = if backwards { sibling.prev_sibling } else { sibling.next_sibling };
        }
        if at != NO_NODE {
            return false;
        }
        let parent = node.parent;
        match &dom.nodes.get(parent as usize).map(|n| &n.data) {
            Some(NodeData::Element(e)) if !is_block(&e.name) => current = parent,
            _ => return true,
        }
    }
    false
}
