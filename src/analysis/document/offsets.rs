//! The map from extracted text back to the source, and conversion of spans to the caller's
//! string unit.
//!
//! The map is a sorted list of segments of the text. A *verbatim* segment is byte-for-byte a
//! stretch of the source, so every offset inside it maps one to one. Any other segment stands for
//! a whole source range: a decoded character reference (`&amp;` → `&`), a CRLF, a collapsed run
//! of whitespace (mapped to its first whitespace character), or — with an empty range — text
//! that extraction inserted (paragraph and line separators). A document of plain running text
//! needs one segment per tag boundary, not one per byte.

use crate::analysis::TextSpan;

/// The unit of every offset in an answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OffsetEncoding {
    #[default]
    Utf8,
    Utf16,
    CodePoints,
}

/// A span in the caller's encoding: into the text and into the original content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EncodedSpan {
    pub start: u32,
    pub end: u32,
    pub source_start: u32,
    pub source_end: u32,
}

/// Where a stretch of extracted text comes from in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Origin {
    /// Byte-identical to the source starting at this offset.
    Verbatim(u32),
    /// Stands for this whole source range; an empty range marks inserted or unmapped text.
    Whole(u32, u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    text_start: u32,
    src_start: u32,
    src_end: u32,
    verbatim: bool,
}

/// Maps byte offsets of the extracted text to byte ranges of the source.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    /// Sorted by `text_start`; each covers the text up to the next one's start.
    segments: Vec<Segment>,
    text_len: u32,
    /// Source ranges never go backwards along the text (false after foster parenting moved
    /// table text before its table), so a span's range is given by its ends alone.
    monotonic: bool,
}

fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl OffsetMap {
    /// Text and source are the same string.
    pub fn identity(len: usize) -> Self {
        let segments = if len == 0 {
            Vec::new()
        } else {
            vec![Segment { text_start: 0, src_start: 0, src_end: to_u32(len), verbatim: true }]
        };
        OffsetMap { segments, text_len: to_u32(len), monotonic: true }
    }

    /// How many segments the map holds (a measure of its size).
    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    fn segment_end(&self, index: usize) -> u32 {
        self.segments.get(index + 1).map_or(self.text_len, |s| s.text_start)
    }

    /// Source offset where the text at `pos` begins.
    fn start_of(&self, pos: u32) -> u32 {
        let index = self.segments.partition_point(|s| s.text_start <= pos);
        let Some(seg) = index.checked_sub(1).and_then(|i| self.segments.get(i)) else {
            return 0;
        };
        if pos >= self.text_len {
            return if seg.verbatim { seg.src_start + (self.text_len - seg.text_start) } else { seg.src_end };
        }
        if seg.verbatim {
            seg.src_start + (pos - seg.text_start)
        } else {
            // Any part of a replaced stretch (one of the two characters of `&NotEqualTilde;`)
            // comes from the whole of it.
            seg.src_start
        }
    }

    /// Source offset where the text ending at `pos` (exclusive) ends.
    fn end_of(&self, pos: u32) -> u32 {
        let index = self.segments.partition_point(|s| s.text_start < pos);
        let Some(i) = index.checked_sub(1) else {
            return self.start_of(pos);
        };
        let seg = self.segments[i];
        if seg.verbatim {
            seg.src_start + (pos - seg.text_start)
        } else {
            seg.src_end
        }
    }

    /// The source byte range that produced `span` of the text: from where its first character
    /// came from to where its last one did. Inserted text maps to an empty range.
    pub fn source_range(&self, span: TextSpan) -> std::ops::Range<usize> {
        let start = to_u32(span.start).min(self.text_len);
        let end = to_u32(span.end).min(self.text_len).max(start);
        let src_start = self.start_of(start);
        if start == end {
            return src_start as usize..src_start as usize;
        }
        let src_end = self.end_of(end);
        if self.monotonic {
            return src_start as usize..src_end.max(src_start) as usize;
        }
        self.covering_range(start, end, src_start, src_end)
    }

    /// The smallest source range covering every mapped segment of text `start..end`.
    fn covering_range(&self, start: u32, end: u32, src_start: u32, src_end: u32) -> std::ops::Range<usize> {
        let first = self.segments.partition_point(|s| s.text_start <= start).saturating_sub(1);
        let mut low = src_start;
        let mut high = src_end.max(src_start);
        for (i, seg) in self.segments.iter().enumerate().skip(first) {
            if seg.text_start >= end {
                break;
            }
            if seg.src_start == seg.src_end && !seg.verbatim {
                continue;
            }
            let seg_start = if seg.verbatim { seg.src_start + (start.max(seg.text_start) - seg.text_start) } else { seg.src_start };
            let seg_end = if seg.verbatim { seg.src_start + (end.min(self.segment_end(i)) - seg.text_start) } else { seg.src_end };
            low = low.min(seg_start);
            high = high.max(seg_end);
        }
        low as usize..high as usize
    }

    /// Converts every span to `encoding`, for the text and the source, in one pass over each
    /// string: the offsets are sorted once and each string is walked once.
    pub fn encode(&self, text: &str, source: &str, spans: &[TextSpan], encoding: OffsetEncoding) -> Vec<EncodedSpan> {
        let mut encoded: Vec<EncodedSpan> = spans
            .iter()
            .map(|span| {
                let range = self.source_range(*span);
                EncodedSpan {
                    start: to_u32(span.start),
                    end: to_u32(span.end),
                    source_start: to_u32(range.start),
                    source_end: to_u32(range.end),
                }
            })
            .collect();
        if encoding == OffsetEncoding::Utf8 {
            return encoded;
        }
        let mut text_offsets = Vec::with_capacity(encoded.len() * 2);
        let mut source_offsets = Vec::with_capacity(encoded.len() * 2);
        for (i, e) in encoded.iter().enumerate() {
            let slot = to_u32(i * 2);
            text_offsets.push((e.start, slot));
            text_offsets.push((e.end, slot + 1));
            source_offsets.push((e.source_start, slot));
            source_offsets.push((e.source_end, slot + 1));
        }
        let text_units = convert_offsets(text.as_bytes(), text_offsets, encoding);
        let source_units = convert_offsets(source.as_bytes(), source_offsets, encoding);
        for (i, e) in encoded.iter_mut().enumerate() {
            e.start = text_units[i * 2];
            e.end = text_units[i * 2 + 1];
            e.source_start = source_units[i * 2];
            e.source_end = source_units[i * 2 + 1];
        }
        encoded
    }
}

/// Converts byte offsets (with the slot each result goes to) to `encoding` units in one walk.
/// An offset inside a character counts as the start of that character.
fn convert_offsets(bytes: &[u8], mut offsets: Vec<(u32, u32)>, encoding: OffsetEncoding) -> Vec<u32> {
    offsets.sort_unstable();
    let mut out = vec![0u32; offsets.len()];
    let utf16 = encoding == OffsetEncoding::Utf16;
    let mut pos = 0usize;
    let mut units = 0u32;
    for (offset, slot) in offsets {
        let mut target = (offset as usize).min(bytes.len());
        while target > pos && target < bytes.len() && bytes[target] & 0xC0 == 0x80 {
            target -= 1;
        }
        if target > pos {
            units += count_units(&bytes[pos..target], utf16);
            pos = target;
        }
        out[slot as usize] = units;
    }
    out
}

/// Characters start at every non-continuation byte; a 4-byte character is two UTF-16 units.
fn count_units(bytes: &[u8], utf16: bool) -> u32 {
    let starts = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let astral = if utf16 { bytes.iter().filter(|&&b| b >= 0xF0).count() } else { 0 };
    to_u32(starts + astral)
}

/// Collects the segments of an [`OffsetMap`] while text is appended.
#[derive(Default)]
pub(super) struct OffsetMapBuilder {
    segments: Vec<Segment>,
    text_len: u32,
    monotonic_until: u32,
    monotonic: bool,
}

impl OffsetMapBuilder {
    pub(super) fn new() -> Self {
        OffsetMapBuilder { monotonic: true, ..Self::default() }
    }

    /// Records that text `text_start..text_end` (appended just now) comes from `origin`.
    pub(super) fn push(&mut self, text_start: usize, text_end: usize, origin: Origin) {
        let (text_start, text_end) = (to_u32(text_start), to_u32(text_end));
        if text_end <= text_start {
            return;
        }
        let seg = match origin {
            Origin::Verbatim(src) => Segment { text_start, src_start: src, src_end: src + (text_end - text_start), verbatim: true },
            Origin::Whole(start, end) => Segment { text_start, src_start: start, src_end: end, verbatim: false },
        };
        let mapped = seg.verbatim || seg.src_start != seg.src_end;
        if mapped {
            if seg.src_start < self.monotonic_until {
                self.monotonic = false;
            }
            self.monotonic_until = self.monotonic_until.max(seg.src_end);
        }
        self.text_len = text_end;
        if let Some(last) = self.segments.last_mut() {
            if last.verbatim && seg.verbatim && last.src_end == seg.src_start {
                last.src_end = seg.src_end;
                return;
            }
            let empty = |s: &Segment| !s.verbatim && s.src_start == s.src_end;
            if empty(last) && empty(&seg) && last.src_start == seg.src_start {
                return;
            }
        }
        self.segments.push(seg);
    }

    /// The source offset the text so far has reached: where inserted text is placed.
    pub(super) fn source_cursor(&self) -> u32 {
        self.monotonic_until
    }

    pub(super) fn finish(self) -> OffsetMap {
        OffsetMap { segments: self.segments, text_len: self.text_len, monotonic: self.monotonic }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pieces: &[(usize, usize, Origin)]) -> OffsetMap {
        let mut builder = OffsetMapBuilder::new();
        for &(start, end, origin) in pieces {
            builder.push(start, end, origin);
        }
        builder.finish()
    }

    #[test]
    fn identity_maps_every_span_to_itself() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.source_range(TextSpan::new(2, 7)), 2..7);
        assert_eq!(m.source_range(TextSpan::new(10, 10)), 10..10);
        assert_eq!(m.segment_count(), 1);
    }

    #[test]
    fn verbatim_runs_merge_and_references_map_whole() {
        // text "a & b" from source "<p>a &amp; b"
        let m = map(&[(0, 2, Origin::Verbatim(3)), (2, 3, Origin::Whole(5, 10)), (3, 5, Origin::Verbatim(10))]);
        assert_eq!(m.source_range(TextSpan::new(2, 3)), 5..10);
        assert_eq!(m.source_range(TextSpan::new(0, 5)), 3..12);
        assert_eq!(m.source_range(TextSpan::new(4, 5)), 11..12);
        assert_eq!(m.source_range(TextSpan::new(3, 3)), 10..10);
    }

    #[test]
    fn inserted_text_maps_to_an_empty_range() {
        // "ab\n\ncd" from "<p>ab</p><p>cd</p>"
        let m = map(&[(0, 2, Origin::Verbatim(3)), (2, 4, Origin::Whole(5, 5)), (4, 6, Origin::Verbatim(12))]);
        assert_eq!(m.source_range(TextSpan::new(2, 4)), 5..5);
        assert_eq!(m.source_range(TextSpan::new(3, 4)), 5..5);
        assert_eq!(m.source_range(TextSpan::new(1, 5)), 4..13);
    }

    #[test]
    fn reordered_text_gets_a_covering_range() {
        // foster parenting: "b" (source 20) comes before "a" (source 10)
        let m = map(&[(0, 1, Origin::Verbatim(20)), (1, 3, Origin::Whole(21, 21)), (3, 4, Origin::Verbatim(10))]);
        assert_eq!(m.source_range(TextSpan::new(0, 4)), 10..21);
        assert_eq!(m.source_range(TextSpan::new(3, 4)), 10..11);
    }

    #[test]
    fn encodings_count_code_points_and_utf16_units() {
        let text = "a€😀b";
        let m = OffsetMap::identity(text.len());
        let spans = [TextSpan::new(0, 1), TextSpan::new(1, 4), TextSpan::new(4, 8), TextSpan::new(8, 9)];
        let cp = m.encode(text, text, &spans, OffsetEncoding::CodePoints);
        assert_eq!(cp.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>(), vec![(0, 1), (1, 2), (2, 3), (3, 4)]);
        let u16 = m.encode(text, text, &spans, OffsetEncoding::Utf16);
        assert_eq!(u16.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>(), vec![(0, 1), (1, 2), (2, 4), (4, 5)]);
        assert_eq!(u16[2].source_start, 2);
        assert_eq!(u16[2].source_end, 4);
        let u8 = m.encode(text, text, &spans, OffsetEncoding::Utf8);
        assert_eq!(u8[2], EncodedSpan { start: 4, end: 8, source_start: 4, source_end: 8 });
    }

    #[test]
    fn unsorted_spans_convert_in_their_own_order() {
        let text = "é-é-é";
        let m = OffsetMap::identity(text.len());
        let spans = [TextSpan::new(6, 8), TextSpan::new(0, 2), TextSpan::new(3, 5)];
        let cp = m.encode(text, text, &spans, OffsetEncoding::CodePoints);
        assert_eq!(cp.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>(), vec![(4, 5), (0, 1), (2, 3)]);
    }
}
