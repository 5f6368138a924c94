//! Aligns the character data html5ever produced (in arrival order) with the character data the
//! scanner found in the source, so every produced character gets the source range it came from.
//!
//! The walk is greedy and linear: both sequences advance together; verbatim runs are compared a
//! slice at a time. When they disagree, the tree builder has dropped something (whitespace before
//! `<html>`, the newline after `<pre>`, a NUL, text of a frameset page) or the scanner misread the
//! markup, so the aligner looks ahead a bounded distance for the produced character. Whitespace
//! and NULs — the usual casualties — are skipped freely while a global budget lasts, anything
//! else only within [`LOOK_AHEAD`] characters. A character that cannot be found maps to an empty
//! source range: unmapped rather than wrong.

use std::ops::Range;

use super::scan::{Decoded, Piece};
use crate::analysis::document::offsets::Origin;
use crate::analysis::Pacer;

/// How many non-whitespace source characters the aligner may skip to resynchronise.
const LOOK_AHEAD: usize = 32;

/// Alignment steps between two looks at the stop request (a step covers one run of text).
const PACE_STEPS: u32 = 1024;

/// One aligned stretch of the produced text, covering `incoming..` up to the next segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seg {
    pub incoming: u32,
    pub src_start: u32,
    pub src_end: u32,
    /// Byte-for-byte the same as the source (so inner offsets map one to one); otherwise the
    /// whole stretch maps to the whole source range (a character reference, a CRLF) or, when the
    /// range is empty, to nothing.
    pub verbatim: bool,
}

pub struct Alignment {
    segs: Vec<Seg>,
    incoming_len: u32,
}

#[derive(Clone, Copy)]
struct Cursor {
    piece: usize,
    /// Byte offset inside a verbatim piece.
    offset: u32,
}

enum Candidate {
    One(char),
    Two(char, char),
}

fn same_char(produced: char, candidate: char) -> bool {
    // The tokenizer turns a NUL into U+FFFD in most contexts.
    produced == candidate || (candidate == '\0' && produced == '\u{FFFD}')
}

struct Aligner<'a> {
    incoming: &'a str,
    source: &'a str,
    pieces: &'a [Piece],
    segs: Vec<Seg>,
    /// Free skips over whitespace left; keeps pathological inputs linear.
    budget: usize,
}

impl Aligner<'_> {
    fn candidate(&self, cursor: Cursor) -> Option<(Candidate, Cursor)> {
        let piece = self.pieces.get(cursor.piece)?;
        let next_piece = Cursor { piece: cursor.piece + 1, offset: 0 };
        match piece.decoded {
            Decoded::Verbatim => {
                let at = (piece.src.start + cursor.offset) as usize;
                let c = self.source.get(at..)?.chars().next()?;
                let offset = cursor.offset + c.len_utf8() as u32;
                let next = if piece.src.start + offset >= piece.src.end { next_piece } else { Cursor { offset, ..cursor } };
                Some((Candidate::One(c), next))
            }
            Decoded::One(c) => Some((Candidate::One(c), next_piece)),
            Decoded::Two(a, b) => Some((Candidate::Two(a, b), next_piece)),
        }
    }

    fn source_pos(&self, cursor: Cursor) -> u32 {
        match self.pieces.get(cursor.piece) {
            Some(piece) => piece.src.start + cursor.offset,
            None => self.pieces.last().map_or(0, |p| p.src.end),
        }
    }

    /// Whether the produced text at `at` starts with the candidate; returns its length.
    fn matches(&self, at: usize, candidate: &Candidate) -> Option<usize> {
        let mut chars = self.incoming.get(at..)?.chars();
        match *candidate {
            Candidate::One(c) => {
                let produced = chars.next()?;
                same_char(produced, c).then(|| produced.len_utf8())
            }
            Candidate::Two(a, b) => {
                let first = chars.next()?;
                let second = chars.next()?;
                (first == a && second == b).then(|| first.len_utf8() + second.len_utf8())
            }
        }
    }

    fn push(&mut self, seg: Seg) {
        if let Some(last) = self.segs.last_mut() {
            if last.verbatim && seg.verbatim && last.src_end == seg.src_start {
                // Contiguous in both strings (the produced text is contiguous by construction).
                last.src_end = seg.src_end;
                return;
            }
            let unmapped = |s: &Seg| !s.verbatim && s.src_start == s.src_end;
            if unmapped(last) && unmapped(&seg) && last.src_start == seg.src_start {
                return;
            }
        }
        self.segs.push(seg);
    }

    /// Tries to consume produced text at `at` against the candidate under `cursor`.
    fn step(&mut self, at: usize, cursor: Cursor) -> Option<(usize, Cursor)> {
        let piece = self.pieces.get(cursor.piece)?;
        if piece.decoded == Decoded::Verbatim {
            let src_at = (piece.src.start + cursor.offset) as usize;
            let produced = &self.incoming.as_bytes()[at..];
            let available = &self.source.as_bytes()[src_at..piece.src.end as usize];
            let mut common = produced.iter().zip(available).position(|(a, b)| a != b).unwrap_or(produced.len().min(available.len()));
            while common > 0 && !self.incoming.is_char_boundary(at + common) {
                common -= 1;
            }
            if common == 0 {
                return None;
            }
            self.push(Seg { incoming: at as u32, src_start: src_at as u32, src_end: (src_at + common) as u32, verbatim: true });
            let offset = cursor.offset + common as u32;
            let next = if piece.src.start + offset >= piece.src.end {
                Cursor { piece: cursor.piece + 1, offset: 0 }
            } else {
                Cursor { offset, ..cursor }
            };
            return Some((at + common, next));
        }
        let (candidate, next) = self.candidate(cursor)?;
        let len = self.matches(at, &candidate)?;
        self.push(Seg { incoming: at as u32, src_start: piece.src.start, src_end: piece.src.end, verbatim: false });
        Some((at + len, next))
    }

    /// Looks past `cursor` for a candidate the produced text at `at` matches.
    fn resync(&mut self, at: usize, cursor: Cursor) -> Option<Cursor> {
        let mut skipped = 0;
        let (_, mut probe) = self.candidate(cursor)?;
        loop {
            let (candidate, next) = self.candidate(probe)?;
            if let Some(len) = self.matches(at, &candidate) {
                // Skipping only whitespace is the tree builder's usual doing; skipping real
                // characters is a guess, taken only when the next character agrees too.
                if skipped == 0 || self.confirms(at + len, next) {
                    return Some(probe);
                }
            }
            let droppable = matches!(candidate, Candidate::One(c) if c.is_whitespace() || c == '\0');
            if droppable && self.budget > 0 {
                self.budget -= 1;
            } else {
                skipped += 1;
                if skipped > LOOK_AHEAD {
                    return None;
                }
            }
            probe = next;
        }
    }

    /// Whether the produced text at `at` continues with the candidate under `cursor`.
    fn confirms(&self, at: usize, cursor: Cursor) -> bool {
        if at >= self.incoming.len() {
            return true;
        }
        self.candidate(cursor).is_some_and(|(candidate, _)| self.matches(at, &candidate).is_some())
    }

    fn run(mut self) -> Alignment {
        let mut at = 0;
        let mut cursor = Cursor { piece: 0, offset: 0 };
        // A stop request ends the alignment early; the caller then discards the document.
        let mut pacer = Pacer::every(PACE_STEPS);
        while at < self.incoming.len() && !pacer.stop() {
            if let Some((next_at, next_cursor)) = self.step(at, cursor) {
                at = next_at;
                cursor = next_cursor;
                continue;
            }
            if let Some(found) = self.resync(at, cursor) {
                cursor = found;
                if let Some((next_at, next_cursor)) = self.step(at, cursor) {
                    at = next_at;
                    cursor = next_cursor;
                    continue;
                }
            }
            let len = self.incoming[at..].chars().next().map_or(1, char::len_utf8);
            let pos = self.source_pos(cursor);
            self.push(Seg { incoming: at as u32, src_start: pos, src_end: pos, verbatim: false });
            at += len;
        }
        Alignment { segs: self.segs, incoming_len: self.incoming.len() as u32 }
    }
}

/// Aligns `incoming` (what the tree builder inserted) with the scanned `pieces` of `source`.
pub fn align(incoming: &str, source: &str, pieces: &[Piece]) -> Alignment {
    let aligner = Aligner { incoming, source, pieces, segs: Vec::new(), budget: 4 * source.len() + 4096 };
    aligner.run()
}

impl Alignment {
    /// Index of the segment holding produced offset `pos`, starting the search at `hint` (text is
    /// mostly read in arrival order, so the hint is usually right or one short).
    fn seg_at(&self, pos: u32, hint: usize) -> usize {
        let fits = |i: usize| {
            self.segs.get(i).is_some_and(|s| s.incoming <= pos)
                && self.segs.get(i + 1).is_none_or(|n| n.incoming > pos)
        };
        if fits(hint) {
            return hint;
        }
        if fits(hint + 1) {
            return hint + 1;
        }
        self.segs.partition_point(|s| s.incoming <= pos).saturating_sub(1)
    }

    /// Calls `each` for the consecutive stretches of produced `range` with their origin.
    /// `hint` carries the position between calls.
    pub fn origins(&self, range: Range<u32>, hint: &mut usize, mut each: impl FnMut(Range<u32>, Origin)) {
        if self.segs.is_empty() {
            return;
        }
        let mut pos = range.start;
        let mut index = self.seg_at(pos, *hint);
        while pos < range.end {
            let Some(seg) = self.segs.get(index) else { break };
            let seg_end = self.segs.get(index + 1).map_or(self.incoming_len, |n| n.incoming);
            let end = seg_end.min(range.end);
            each(pos..end, seg.origin_at(pos));
            pos = end;
            if end == seg_end {
                index += 1;
            }
        }
        *hint = index.min(self.segs.len().saturating_sub(1));
    }

    /// The origin of the produced text at `pos`: what [`Alignment::origins`] gives a range
    /// starting there first, without walking the range (a collapsed whitespace run needs only
    /// its first character's). `None` when nothing was aligned.
    pub fn origin_at(&self, pos: u32, hint: &mut usize) -> Option<Origin> {
        if self.segs.is_empty() {
            return None;
        }
        let index = self.seg_at(pos, *hint);
        *hint = index;
        Some(self.segs[index].origin_at(pos))
    }
}

impl Seg {
    /// Where the produced text at `pos` (inside this segment) comes from.
    fn origin_at(&self, pos: u32) -> Origin {
        if self.verbatim {
            Origin::Verbatim(self.src_start + (pos - self.incoming))
        } else {
            Origin::Whole(self.src_start, self.src_end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::scan::scan;
    use super::*;

    fn origins_of(incoming: &str, source: &str) -> Vec<(Range<u32>, Origin)> {
        let alignment = align(incoming, source, &scan(source).pieces);
        let mut out = Vec::new();
        alignment.origins(0..incoming.len() as u32, &mut 0, |r, o| out.push((r, o)));
        out
    }

    #[test]
    fn the_origin_at_a_position_is_the_first_of_a_range_starting_there() {
        let source = "<p>a &amp; b</p>\r\n<p>c&#x1F600;d</p>";
        let incoming = "a & b\nc\u{1F600}d";
        let alignment = align(incoming, source, &scan(source).pieces);
        for pos in (0..incoming.len()).filter(|&p| incoming.is_char_boundary(p)) {
            let mut first = None;
            alignment.origins(pos as u32..incoming.len() as u32, &mut 0, |_, o| {
                first.get_or_insert(o);
            });
            assert_eq!(alignment.origin_at(pos as u32, &mut 0), first, "at {pos}");
            assert_eq!(alignment.origin_at(pos as u32, &mut 3), first, "the hint changes nothing");
        }
    }

    #[test]
    fn verbatim_text_maps_byte_for_byte() {
        assert_eq!(origins_of("Hi there", "<p>Hi <b>there</b>"), vec![(0..3, Origin::Verbatim(3)), (3..8, Origin::Verbatim(9))]);
    }

    #[test]
    fn references_map_to_the_whole_reference() {
        assert_eq!(
            origins_of("a & b", "a &amp; b"),
            vec![(0..2, Origin::Verbatim(0)), (2..3, Origin::Whole(2, 7)), (3..5, Origin::Verbatim(7))]
        );
    }

    #[test]
    fn dropped_whitespace_is_skipped() {
        assert_eq!(origins_of("x", "\n\n  <html>\n<body>x"), vec![(0..1, Origin::Verbatim(17))]);
    }

    #[test]
    fn text_the_scanner_did_not_see_is_unmapped() {
        assert_eq!(origins_of("zq", "<p>ab</p>"), vec![(0..2, Origin::Whole(3, 3))]);
    }

    #[test]
    fn a_lone_match_past_other_characters_is_not_trusted() {
        // "q" is nowhere in the scanned text; the "q" in "qz" must not be taken for it.
        assert_eq!(origins_of("qa", "<p>bcqz a"), vec![(0..1, Origin::Whole(3, 3)), (1..2, Origin::Verbatim(8))]);
    }

    #[test]
    fn similar_multibyte_characters_are_not_confused() {
        assert_eq!(origins_of("\u{201c}", "\u{201d}\u{201c}"), vec![(0..3, Origin::Verbatim(3))]);
    }
}
