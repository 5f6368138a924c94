//! Boilerplate at the edges of the chosen article, found by its words once the container is
//! chosen: markup cannot tell a credit line or a newsletter plea from the paragraph before it,
//! but its place and wording can.
//!
//! - **Lead:** up to [`LEAD_BLOCKS`] blocks after the headline that are only a date or time
//!   ("November 20, 2019", "Updated at 1:23 p.m."), a line opening with a date before other
//!   metadata ("05/10/2018 - Posted by … - Tags: …") or a short "By …" byline go; the same for
//!   inline elements standing on a line of their own there (`<span class="date">`, `<small>`);
//!   so does a short plea to subscribe with a link ("Sign up for our morning newsletter").
//! - **Tail:** from the end backwards, a zone of blocks that are either short or boilerplate by
//!   their words (credits, "Sign up for our newsletter", "Follow us on", "Like this story?
//!   Share it", copyright and citation notes, author bios, a closing "Updated at …" line); the
//!   zone's first boilerplate block, the headings just before it and everything after it go.
//!   The first block that is neither short nor boilerplate ends the zone, so the article's own
//!   last paragraph is never read past.
//! - **After a thematic break:** the blocks after the article's last `<hr>` go when they are
//!   short beside the article before it and read as a press release's closing notes (the
//!   company's self-description, media contacts, the notice on forward-looking statements);
//!   a source note or a reference after a break ("More information: …") stays, as the
//!   human-judged bodies keep it.
//!
//! Blocks are the innermost visible block elements (as the renderer writes paragraphs).

use super::super::render::is_block;
use super::super::tree::{Dom, NodeData, NodeId, DOCUMENT, NO_NODE};
use super::dates::normalise;
use super::stats::{end_of_subtree, is_unread, stands_alone, Counts, Order};
use super::Mark;

/// Blocks after the headline read for a date line or byline.
const LEAD_BLOCKS: usize = 3;
/// Blocks from the end read for boilerplate.
const TAIL_BLOCKS: usize = 10;
/// A date line or byline is at most this many characters.
const LEAD_MAX: usize = 100;
/// A metadata line opening with a date is at most this many characters.
const META_MAX: usize = 160;
/// Nodes after the headline read for inline date lines and bylines.
const LEAD_SCAN: usize = 200;
/// Blocks of at most this many characters ("LEARN MORE", "Home", "___") do not end the tail zone.
const SHORT: usize = 50;
/// Boilerplate blocks are at most this many characters; a longer block is prose.
const TAIL_MAX: usize = 450;
/// What follows the article's last `<hr>` is a note on it when it holds at most this many
/// characters...
const BREAK_TAIL_MAX: u32 = 1200;
/// ...and at most this share of what precedes the break.
const BREAK_TAIL_SHARE: f32 = 0.35;

/// Word sequences that mark a block at the end of an article as no part of it, wherever they
/// stand in it.
const TAIL_PHRASES: &[&str] = &[
    // Credits, which the human-judged bodies leave out.
    "contributed to this report",
    "contributed reporting",
    "additional reporting by",
    "reporting by",
    "editing by",
    "writing by",
    // Promotion, sharing widgets written as text.
    "newsletter",
    "if you enjoyed",
    "you may also like",
    "you might also like",
    "click here",
    "follow us on",
    "sharing is caring",
    "like this story",
    "like loading",
    // Legal and archival notes.
    "all rights reserved",
    "subject to copyright",
    "opinions expressed",
    "filed under",
    // Author bios.
    "is the editor",
    "is an editor",
    "is a senior editor",
    "is a staff writer",
    "is a freelance",
    "is a contributing",
    "is the author of",
];

/// Word sequences of a press release's closing notes: the issuer describing itself, contacts
/// for the press and investors, the legal notice.
const RELEASE_PHRASES: &[&str] = &[
    "is headquartered",
    "headquartered in",
    "employs around",
    "employs about",
    "employs approximately",
    "employs more than",
    "employs over",
    "people worldwide",
    "employees worldwide",
    "employees in",
    "shares are listed",
    "shares are traded",
    "is listed on",
    "is traded on",
    "forward looking statements",
    "media contact",
    "media contacts",
    "press contact",
    "press contacts",
    "media inquiries",
    "media enquiries",
    "investor relations",
    "investor contact",
];

/// Word sequences that mark such a block when it starts with them: calls to act.
const TAIL_OPENINGS: &[&str] = &[
    "sign up",
    "subscribe",
    "listen to",
    "listen back",
    "how to listen",
    "watch",
    "follow us",
    "follow him",
    "follow her",
    "follow me",
    "follow our",
    "share",
    "like this",
    "email",
    "read more",
    "related",
    "see also",
    "get",
    "join",
    "citation",
    "copyright",
    "note",
];

/// Hides the edge blocks of the article in `marks`; returns the bylines it found.
pub fn trim(dom: &Dom, order: &Order, raw: &[Counts], headline: Option<NodeId>, marks: &mut [Mark]) -> Vec<NodeId> {
    let visible = visibility(dom, order, marks);
    let blocks = leaf_blocks(dom, order, raw, &visible);
    let start = headline.map_or(0, |h| {
        let end = end_of_subtree(dom, order, h);
        blocks.partition_point(|&b| (order.position[b as usize] as usize) < end)
    });
    let blocks = &blocks[start..];
    let mut bylines = headline.map_or_else(Vec::new, |h| trim_lead_lines(dom, order, raw, h, &visible, marks));
    for &block in blocks.iter().take(LEAD_BLOCKS) {
        let text = visible_text(dom, block, &visible);
        if is_date_line(&text) || is_meta_line(&text) {
            marks[block as usize] = Mark::Hide;
        } else if is_byline(&text) {
            marks[block as usize] = Mark::Hide;
            bylines.push(block);
        } else if raw[block as usize].link_text > 0 && is_promotion(&text) {
            marks[block as usize] = Mark::Hide;
        } else {
            break;
        }
    }
    trim_tail(dom, blocks, &visible, marks);
    if let Some(from) = after_last_break(dom, order, raw, blocks, &visible) {
        for &block in &blocks[from..] {
            marks[block as usize] = Mark::Hide;
        }
    }
    bylines
}

/// Inline elements on lines of their own between the headline and the article's first text
/// (`<h1>…</h1><span class="date">…</span>`, `<small>date - Posted by … - Tags: …</small><br>`):
/// date and metadata lines and bylines go, as blocks would; the first other text ends the lead.
fn trim_lead_lines(dom: &Dom, order: &Order, raw: &[Counts], headline: NodeId, visible: &[bool], marks: &mut [Mark]) -> Vec<NodeId> {
    let has_text = |at: NodeId| visible[at as usize] && raw[at as usize].text > 0;
    let mut bylines = Vec::new();
    let mut i = end_of_subtree(dom, order, headline);
    let limit = (i + LEAD_SCAN).min(order.list.len());
    let mut lines = 0;
    while i < limit && lines < LEAD_BLOCKS {
        let id = order.list[i];
        if !has_text(id) {
            i = end_of_subtree(dom, order, id);
            continue;
        }
        let NodeData::Element(element) = &dom.nodes[id as usize].data else { break };
        // A block wrapper is entered; its own text is the lead's end.
        if is_block(&element.name) {
            i += 1;
            continue;
        }
        if !stands_alone(dom, &has_text, id) {
            break;
        }
        let text = visible_text(dom, id, visible);
        if is_date_line(&text) || is_meta_line(&text) {
            marks[id as usize] = Mark::Hide;
        } else if is_byline(&text) {
            marks[id as usize] = Mark::Hide;
            bylines.push(id);
        } else {
            break;
        }
        lines += 1;
        i = end_of_subtree(dom, order, id);
    }
    bylines
}

/// The index of the first block after the article's last visible `<hr>`, when the blocks from
/// there on are short beside the article before the break.
fn after_last_break(dom: &Dom, order: &Order, raw: &[Counts], blocks: &[NodeId], visible: &[bool]) -> Option<usize> {
    let (&first, &last) = (blocks.first()?, blocks.last()?);
    let (lo, hi) = (order.position[first as usize] as usize, order.position[last as usize] as usize);
    let rule = *order.list[lo..hi].iter().rev().find(|&&id| visible[id as usize] && is_element(dom, id, "hr"))?;
    let at = order.position[rule as usize];
    let from = blocks.partition_point(|&b| order.position[b as usize] < at);
    let length = |part: &[NodeId]| part.iter().map(|&b| raw[b as usize].text).sum::<u32>();
    let (before, after) = (length(&blocks[..from]), length(&blocks[from..]));
    let short = from > 0 && after > 0 && after <= BREAK_TAIL_MAX && after as f32 <= BREAK_TAIL_SHARE * before as f32;
    let release = || blocks[from..].iter().any(|&b| has_phrase(&words(&visible_text(dom, b, visible)), RELEASE_PHRASES));
    (short && release()).then_some(from)
}

fn is_element(dom: &Dom, id: NodeId, name: &str) -> bool {
    matches!(&dom.nodes[id as usize].data, NodeData::Element(e) if &*e.name.local == name)
}

fn trim_tail(dom: &Dom, blocks: &[NodeId], visible: &[bool], marks: &mut [Mark]) {
    let mut first_boilerplate = None;
    let tail = blocks.len().saturating_sub(TAIL_BLOCKS);
    // Never the article's first block: a zone reaching it would be the whole article.
    for at in (tail.max(1)..blocks.len()).rev() {
        let text = visible_text(dom, blocks[at], visible);
        let length = text.chars().count();
        // A date line closing the article ("Updated at 1:23 p.m.") is a note on it.
        let closing_date = at + 1 == blocks.len() && is_date_line(&text);
        if length <= TAIL_MAX && (closing_date || is_boilerplate(&text)) {
            first_boilerplate = Some(at);
        } else if length > SHORT {
            break;
        }
    }
    let Some(mut from) = first_boilerplate else { return };
    while from > 1 && is_heading(dom, blocks[from - 1]) {
        from -= 1;
    }
    for &block in &blocks[from..] {
        marks[block as usize] = Mark::Hide;
    }
}

/// Whether each node is shown under the marks: the nearest mark above it decides.
fn visibility(dom: &Dom, order: &Order, marks: &[Mark]) -> Vec<bool> {
    let mut visible = vec![false; dom.nodes.len()];
    for &id in &order.list {
        let parent = dom.nodes[id as usize].parent;
        let inherited = parent != NO_NODE && parent != DOCUMENT && visible[parent as usize];
        visible[id as usize] = !is_unread(dom, id)
            && match marks[id as usize] {
                Mark::Show => true,
                Mark::Hide => false,
                Mark::Inherit => inherited,
            };
    }
    visible
}

/// The innermost block elements holding visible text, in document order.
fn leaf_blocks(dom: &Dom, order: &Order, raw: &[Counts], visible: &[bool]) -> Vec<NodeId> {
    let n = dom.nodes.len();
    let mut text = vec![0u32; n];
    // Whether a block with visible text lies strictly below the node.
    let mut has_block = vec![false; n];
    for &id in order.list.iter().rev() {
        let node = &dom.nodes[id as usize];
        match &node.data {
            NodeData::Text(_) if visible[id as usize] => text[id as usize] = raw[id as usize].text,
            NodeData::Element(_) => {
                let mut child = node.first_child;
                while child != NO_NODE {
                    text[id as usize] += text[child as usize];
                    has_block[id as usize] |= has_block[child as usize] || (text[child as usize] > 0 && block(dom, child));
                    child = dom.nodes[child as usize].next_sibling;
                }
            }
            _ => {}
        }
    }
    order
        .list
        .iter()
        .copied()
        .filter(|&id| visible[id as usize] && text[id as usize] > 0 && !has_block[id as usize] && block(dom, id))
        .collect()
}

fn block(dom: &Dom, id: NodeId) -> bool {
    matches!(&dom.nodes[id as usize].data, NodeData::Element(e) if is_block(&e.name))
}

fn is_heading(dom: &Dom, id: NodeId) -> bool {
    matches!(&dom.nodes[id as usize].data, NodeData::Element(e) if matches!(&*e.name.local, "h2" | "h3" | "h4" | "h5" | "h6"))
}

/// The visible text of a block, whitespace-collapsed.
fn visible_text(dom: &Dom, id: NodeId, visible: &[bool]) -> String {
    super::collapsed_text(dom, id, |at| !visible[at as usize])
}

/// Lower-case words (letters and digits) of a text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

fn is_boilerplate(text: &str) -> bool {
    if text.contains('©') {
        return true;
    }
    let words = words(text);
    TAIL_OPENINGS.iter().any(|phrase| phrase_at(&words, 0, phrase)) || has_phrase(&words, TAIL_PHRASES) || is_comment_notice(&words)
}

/// Word sequences of a plea to subscribe.
const PROMOTION_PHRASES: &[&str] = &["newsletter", "sign up", "subscribe to", "subscribe for", "subscribe now"];
/// A plea opening the article is at most this many characters.
const PROMOTION_MAX: usize = 300;

/// A short plea to subscribe, which a block with a link opening the article is when it holds
/// one of [`PROMOTION_PHRASES`] ("Start your day with our briefing. Sign up for the newsletter.").
fn is_promotion(text: &str) -> bool {
    text.chars().count() <= PROMOTION_MAX && has_phrase(&words(text), PROMOTION_PHRASES)
}

/// "Comments" as sites in several languages write the word.
const COMMENT_WORDS: &[&str] = &[
    "comment", "comments", "commenting", "commenters", "comentário", "comentários", "comentario", "comentarios",
    "commentaire", "commentaires", "kommentar", "kommentare", "commento", "commenti", "reacties",
];

/// Stems of how a site says comments are screened: moderated, approved, under a policy.
const MODERATION_STEMS: &[&str] = &["moderat", "approv", "aprova", "aprob", "netiquet", "guideline", "diretriz"];

/// A notice on how comments are moderated ("Comments that are off topic will not be approved").
fn is_comment_notice(words: &[String]) -> bool {
    words.iter().any(|w| COMMENT_WORDS.contains(&w.as_str()))
        && words.iter().any(|w| MODERATION_STEMS.iter().any(|stem| w.starts_with(stem)))
}

/// Whether the words hold one of the phrases, on whole words.
fn has_phrase(words: &[String], phrases: &[&str]) -> bool {
    phrases.iter().any(|phrase| (0..words.len()).any(|i| phrase_at(words, i, phrase)))
}

fn phrase_at(words: &[String], i: usize, phrase: &str) -> bool {
    phrase.split(' ').enumerate().all(|(k, p)| words.get(i + k).is_some_and(|w| w == p))
}

/// A short block that states only when: a date or a clock time, no sentence.
fn is_date_line(text: &str) -> bool {
    if text.len() > LEAD_MAX {
        return false;
    }
    let sentence = ends_sentence(text);
    let clock = text.as_bytes().windows(4).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit());
    !sentence && (clock || normalise(text).is_some())
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with('.') && !(text.ends_with("a.m.") || text.ends_with("p.m."))
}

/// A short line opening with a date and going on with other metadata, no sentence:
/// "05/10/2018 - Posted by Ana Reis - Section: Health - Tags: pier, ferries". The date may be
/// one whose day and month cannot be told apart: it is not read, only recognised.
fn is_meta_line(text: &str) -> bool {
    if text.chars().count() > META_MAX || ends_sentence(text) {
        return false;
    }
    let head: String = text.chars().take(24).collect();
    starts_with_numeric_date(text) || normalise(&head).is_some_and(|_| starts_with_digit_or_month(text))
}

/// `05/10/2018`, `5.10.18`, `2018-10-05` at the start of the text.
fn starts_with_numeric_date(text: &str) -> bool {
    let mut groups = Vec::new();
    let mut rest = text;
    for _ in 0..3 {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 4 {
            return false;
        }
        groups.push(digits);
        rest = &rest[digits..];
        if groups.len() < 3 {
            let Some(tail) = rest.strip_prefix(['/', '.', '-']) else { return false };
            rest = tail;
        }
    }
    let boundary = !rest.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric());
    boundary && (groups[0] == 4 || groups[2] >= 2)
}

/// Whether the text starts with a number or a word that could be a month or weekday, not with
/// a sentence's first word ("On 7 May…" is no metadata line).
fn starts_with_digit_or_month(text: &str) -> bool {
    let first: String = text.chars().take_while(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    first.chars().next().is_some_and(|c| c.is_ascii_digit())
        || ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .any(|m| first.starts_with(m))
}

/// "By Ana Reis and Ivo Lemos": a short block starting with "By" whose other words are names.
fn is_byline(text: &str) -> bool {
    if text.len() > LEAD_MAX {
        return false;
    }
    let mut tokens = text.split_whitespace();
    if !tokens.next().is_some_and(|t| t.eq_ignore_ascii_case("by")) {
        return false;
    }
    let rest: Vec<&str> = tokens.collect();
    !rest.is_empty()
        && rest.len() <= 8
        && rest.iter().all(|t| t.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(*t, "and" | "&" | "," | "|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_is_matched_on_whole_words() {
        assert!(is_boilerplate("Sign up for the free daily newsletter."));
        assert!(is_boilerplate("Reporting by Ana Reis; Editing by Ivo Lemos"));
        assert!(is_boilerplate("© 2023 Coast Courier"));
        assert!(!is_boilerplate("The service now has ten million subscribers, the company said."));
        assert!(!is_boilerplate("She declined to comment on the report."));
        assert!(!is_boilerplate("Follow-up talks are planned for next week, the ministry said."));
        assert!(!is_boilerplate("Shares of the operator fell 3% on Monday."));
    }

    #[test]
    fn date_lines_and_bylines() {
        assert!(is_date_line("November 20, 2019"));
        assert!(is_date_line("Updated at 1:23 p.m."));
        assert!(!is_date_line("On 20 November 2019 the council met."));
        assert!(is_byline("By Ana Reis and Ivo Lemos"));
        assert!(!is_byline("By the time the council met, the pier had gone."));
        assert!(is_meta_line("05/10/2018 - Posted by Ana Reis - Section: Health - Tags: pier ferries"));
        assert!(is_meta_line("2018-10-05 | Health"));
        assert!(is_meta_line("Tuesday, March 12, 2024 - Coast section"));
        assert!(!is_meta_line("On 7 May 2024 the council met - and voted"));
        assert!(!is_meta_line("05/10/2018 - The council voted to rebuild the pier."));
        assert!(!is_meta_line("2018 was the year the pier fell"));
    }

    #[test]
    fn comment_policy_notices_are_boilerplate() {
        assert!(is_boilerplate("Comments that insult others will not be approved by the moderators."));
        assert!(is_boilerplate("ATENÇÃO: Comentários ofensivos não serão aprovados pelo moderador."));
        assert!(!is_boilerplate("The minister declined to comment on the new rules for ferries."));
    }
}
