//! A small scanner of the HTML source that finds the character data a tokenizer would emit and
//! where each piece of it sits in the source.
//!
//! html5ever reports no source positions, so this scanner re-reads the source with just enough of
//! the HTML5 tokenizer's rules to tell markup from text: tags with quoted attributes, comments,
//! doctypes and other `<!`/`<?` declarations, the raw text of `script`/`style` and friends, the
//! RCDATA of `title`/`textarea`, character references (named with the legacy semicolon-less
//! forms, numeric with the spec's replacements) and CR/CRLF normalisation. It does not need to be
//! perfect: the aligner only accepts matches against the characters html5ever actually produced,
//! so a disagreement costs an unmapped character, never a wrong range.
//!
//! While reading tags it also marks the attributes beyond [`MAX_ATTRIBUTES`] per tag, or that
//! start more than [`MAX_TAG_BYTES`] into a tag, as *cuts*: markup the tokenizer is not fed,
//! because html5ever checks each attribute against all earlier ones of its tag.

use std::ops::Range;

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};

use crate::analysis::Pacer;

/// A run of character data found in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub src: Range<u32>,
    pub decoded: Decoded,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decoded {
    /// The source bytes are the characters.
    Verbatim,
    /// The source bytes (a character reference, a CRLF, a NUL) stand for these one or two
    /// characters; the second is `'\0'` when absent, except that a NUL in the source is
    /// `One('\0')` and may come out of the tokenizer as U+FFFD or not at all.
    One(char),
    Two(char, char),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Content {
    Data,
    /// `script`, `style`, `xmp`, `iframe`, `noembed`, `noframes`: text up to the end tag, no
    /// character references.
    RawText(&'static str),
    /// `title`, `textarea`: text with character references up to the end tag.
    RcData(&'static str),
}

const RAW_TEXT: [&str; 6] = ["script", "style", "xmp", "iframe", "noembed", "noframes"];
const RC_DATA: [&str; 2] = ["title", "textarea"];

/// Attributes a tag keeps; the rest are cut before the tokenizer.
pub const MAX_ATTRIBUTES: usize = 128;
/// Attributes starting further than this into a tag are cut before the tokenizer.
pub const MAX_TAG_BYTES: usize = 64 * 1024;

/// What a scan found.
pub struct Scan {
    pub pieces: Vec<Piece>,
    /// Sorted, disjoint byte ranges of attributes beyond the caps.
    pub cuts: Vec<Range<u32>>,
}

/// Scans the whole source once; linear in its length.
pub fn scan(source: &str) -> Scan {
    let mut scanner =
        Scanner { src: source.as_bytes(), source, pieces: Vec::new(), cuts: Vec::new(), run_start: None, foreign: Vec::new(), open_html: Vec::new() };
    scanner.run();
    Scan { pieces: scanner.pieces, cuts: scanner.cuts }
}

/// Start tags that end foreign content (the HTML standard's list for a start tag in foreign
/// content; `font` only breaks out with certain attributes and is left out).
const BREAKOUT: [&str; 44] = [
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4",
    "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small",
    "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
];

/// The elements that open foreign content, where CDATA sections are text.
const FOREIGN_ROOTS: [&str; 2] = ["svg", "math"];

/// How many open foreign elements the scanner remembers: deeper ones are not pushed, so
/// pathological nesting costs no memory (their end tags then fall through to the HTML rules).
const OPEN_FOREIGN_NAMES: usize = 64;

struct Scanner<'a> {
    src: &'a [u8],
    source: &'a str,
    pieces: Vec<Piece>,
    cuts: Vec<Range<u32>>,
    /// Start of the verbatim run being collected.
    run_start: Option<usize>,
    /// Open foreign elements: `<svg>`/`<math>` and everything opened inside them (names,
    /// innermost last), where `<![CDATA[` holds text rather than a comment. Names, not a
    /// count: an end tag in foreign content closes the innermost open foreign element of its
    /// name (`<math><a></a>` leaves the math open), and one naming none goes to the HTML rules
    /// (`<math></svg>` is ignored, `<span><math></span>` ends the formula).
    foreign: Vec<String>,
    /// The latest HTML elements opened outside foreign content and not yet closed (at most
    /// [`OPEN_HTML_NAMES`], innermost last): an end tag inside `<svg>`/`<math>` that names one
    /// of them ends the foreign content, since the tree builder then closes that element and
    /// everything in it (`<span><math></span><textarea>` is an HTML textarea again).
    open_html: Vec<String>,
}

/// How many open HTML element names the scanner remembers: enough for the nesting around a
/// formula, and a bound on the work per end tag.
const OPEN_HTML_NAMES: usize = 32;

/// Elements that never have an end tag, so are never open.
const VOID: [&str; 13] = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Tags or text runs scanned between two looks at the stop flag.
const PACE_PIECES: u32 = 256;

fn is_tag_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b' ' | b'\r')
}

fn u32_of(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl Scanner<'_> {
    fn run(&mut self) {
        let mut pos = 0;
        let mut content = Content::Data;
        // A stop request ends the scan where it is (the reader then returns nothing).
        let mut pacer = Pacer::every(PACE_PIECES);
        while pos < self.src.len() && !pacer.stop() {
            pos = match content {
                Content::Data => self.data(pos, &mut content),
                Content::RawText(name) => self.until_end_tag(pos, name, false, &mut content),
                Content::RcData(name) => self.until_end_tag(pos, name, true, &mut content),
            };
        }
        self.close_run(self.src.len());
    }

    fn text_byte(&mut self, pos: usize) {
        if self.run_start.is_none() {
            self.run_start = Some(pos);
        }
    }

    fn close_run(&mut self, end: usize) {
        if let Some(start) = self.run_start.take() {
            if start < end {
                self.pieces.push(Piece { src: u32_of(start)..u32_of(end), decoded: Decoded::Verbatim });
            }
        }
    }

    fn replaced(&mut self, range: Range<usize>, decoded: Decoded) {
        self.close_run(range.start);
        self.pieces.push(Piece { src: u32_of(range.start)..u32_of(range.end), decoded });
    }

    /// Handles the bytes that are never verbatim text wherever they occur: CR and NUL.
    /// Returns the position after them, or `None` when `pos` holds an ordinary byte.
    fn special(&mut self, pos: usize) -> Option<usize> {
        match self.src[pos] {
            b'\r' => {
                let end = if self.src.get(pos + 1) == Some(&b'\n') { pos + 2 } else { pos + 1 };
                self.replaced(pos..end, Decoded::One('\n'));
                Some(end)
            }
            0 => {
                self.replaced(pos..pos + 1, Decoded::One('\0'));
                Some(pos + 1)
            }
            _ => None,
        }
    }

    /// Skips a run of bytes that are plain text whatever the state; returns its end.
    fn plain_run(&mut self, pos: usize, references: bool) -> usize {
        let rest = &self.src[pos..];
        let run = rest
            .iter()
            .position(|&b| b == b'<' || b == b'\r' || b == 0 || (references && b == b'&'))
            .unwrap_or(rest.len());
        if run > 0 {
            self.text_byte(pos);
        }
        pos + run
    }

    /// One step in the data state; returns the next position.
    fn data(&mut self, pos: usize, content: &mut Content) -> usize {
        let next = self.plain_run(pos, true);
        if next > pos {
            return next;
        }
        match self.src[pos] {
            b'<' => self.markup(pos, content),
            b'&' => self.char_ref(pos),
            _ => {
                if let Some(next) = self.special(pos) {
                    return next;
                }
                self.text_byte(pos);
                pos + 1
            }
        }
    }

    /// Remembers an HTML element opened outside foreign content (the innermost
    /// [`OPEN_HTML_NAMES`] of them).
    fn opened_html(&mut self, name: String) {
        if VOID.contains(&name.as_str()) {
            return;
        }
        if self.open_html.len() == OPEN_HTML_NAMES {
            self.open_html.remove(0);
        }
        self.open_html.push(name);
    }

    /// At a `<`: skips a tag, comment or declaration, or keeps the `<` as text.
    fn markup(&mut self, pos: usize, content: &mut Content) -> usize {
        let next = self.src.get(pos + 1).copied();
        match next {
            Some(b) if b.is_ascii_alphabetic() => {
                self.close_run(pos);
                let (end, name) = self.tag(pos + 1);
                if end < self.src.len() || self.src.last() == Some(&b'>') {
                    if BREAKOUT.contains(&name.as_str()) {
                        // The tree builder closes the foreign elements and reads this one as HTML.
                        self.foreign.clear();
                    }
                    // In SVG or MathML, `<textarea>` or `<style>` is a foreign element like any
                    // other: the tokenizer goes on reading tags and references.
                    if self.foreign.is_empty() && !FOREIGN_ROOTS.contains(&name.as_str()) {
                        *content = content_after(&name);
                        self.opened_html(name);
                    } else if !self.src[..end].ends_with(b"/>") && self.foreign.len() < OPEN_FOREIGN_NAMES {
                        self.foreign.push(name);
                    }
                }
                end
            }
            Some(b'/') => match self.src.get(pos + 2).copied() {
                Some(b) if b.is_ascii_alphabetic() => {
                    self.close_run(pos);
                    let (end, name) = self.tag(pos + 2);
                    if name == "p" || name == "br" {
                        // These end tags also close the foreign elements (as breakout start tags do).
                        self.foreign.clear();
                    }
                    if let Some(open) = self.foreign.iter().rposition(|open| *open == name) {
                        self.foreign.truncate(open);
                    } else if let Some(open) = self.open_html.iter().rposition(|open| *open == name) {
                        // Closing an HTML element closes the foreign content inside it too.
                        self.open_html.truncate(open);
                        self.foreign.clear();
                    }
                    end
                }
                Some(b'>') => {
                    self.close_run(pos);
                    pos + 3
                }
                Some(_) => {
                    self.close_run(pos);
                    self.bogus_comment(pos + 2)
                }
                None => {
                    // `</` at the end of input is emitted as text.
                    self.text_byte(pos);
                    pos + 1
                }
            },
            Some(b'!') => {
                self.close_run(pos);
                if self.src[pos + 2..].starts_with(b"--") {
                    self.comment(pos + 4)
                } else if !self.foreign.is_empty() && self.src[pos + 2..].starts_with(b"[CDATA[") {
                    self.cdata(pos + 9)
                } else {
                    self.bogus_comment(pos + 2)
                }
            }
            Some(b'?') => {
                self.close_run(pos);
                self.bogus_comment(pos + 1)
            }
            _ => {
                self.text_byte(pos);
                pos + 1
            }
        }
    }

    /// A start or end tag whose name starts at `pos`; returns the end (after `>`, or the end of
    /// input, where an unfinished tag is dropped) and the lower-cased name.
    fn tag(&mut self, pos: usize) -> (usize, String) {
        let src = self.src;
        let mut i = pos;
        while i < src.len() && !is_tag_space(src[i]) && src[i] != b'/' && src[i] != b'>' {
            i += 1;
        }
        let name = String::from_utf8_lossy(&src[pos..i]).to_ascii_lowercase();
        let mut attributes = 0;
        // End of the last attribute kept, and of the last one seen.
        let (mut kept_end, mut last_end) = (i, i);
        let end = loop {
            while i < src.len() && (is_tag_space(src[i]) || src[i] == b'/') {
                i += 1;
            }
            if i >= src.len() {
                break src.len();
            }
            if src[i] == b'>' {
                break i + 1;
            }
            let keep = attributes < MAX_ATTRIBUTES && i - pos <= MAX_TAG_BYTES;
            attributes += 1;
            // Attribute name: the first character may be `=`, the rest stop at it.
            i += 1;
            while i < src.len() && !is_tag_space(src[i]) && !matches!(src[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            while i < src.len() && is_tag_space(src[i]) {
                i += 1;
            }
            if i < src.len() && src[i] == b'=' {
                i += 1;
                while i < src.len() && is_tag_space(src[i]) {
                    i += 1;
                }
                match src.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        i += 1;
                        while i < src.len() && src[i] != quote {
                            i += 1;
                        }
                        i = (i + 1).min(src.len());
                    }
                    Some(b'>') => {}
                    Some(_) => {
                        while i < src.len() && !is_tag_space(src[i]) && src[i] != b'>' {
                            i += 1;
                        }
                    }
                    None => {}
                }
            }
            last_end = i;
            if keep {
                kept_end = i;
            }
        };
        // The cut runs from the end of the last kept attribute to the end of the last one, so
        // what follows (spaces, a self-closing `/`, the `>`) stays as it was.
        if last_end > kept_end {
            self.cuts.push(u32_of(kept_end)..u32_of(last_end));
        }
        (end, name)
    }

    /// `<!--` seen, `pos` after it.
    fn comment(&self, pos: usize) -> usize {
        let rest = &self.src[pos.min(self.src.len())..];
        if rest.starts_with(b">") {
            return pos + 1;
        }
        if rest.starts_with(b"->") {
            return pos + 2;
        }
        let mut i = 0;
        while i < rest.len() {
            if rest[i..].starts_with(b"-->") {
                return pos + i + 3;
            }
            if rest[i..].starts_with(b"--!>") {
                return pos + i + 4;
            }
            i += 1;
        }
        self.src.len()
    }

    /// `<![CDATA[` inside SVG or MathML, `pos` after it: text up to `]]>`.
    fn cdata(&mut self, pos: usize) -> usize {
        let end = self.src.get(pos..).and_then(|rest| rest.windows(3).position(|w| w == b"]]>"));
        let text_end = end.map_or(self.src.len(), |e| pos + e);
        let mut i = pos;
        while i < text_end {
            match self.special(i) {
                Some(next) => i = next,
                None => {
                    self.text_byte(i);
                    i += 1;
                }
            }
        }
        self.close_run(text_end);
        end.map_or(self.src.len(), |e| pos + e + 3)
    }

    /// Up to and including the next `>`.
    fn bogus_comment(&self, pos: usize) -> usize {
        match self.src.get(pos..).and_then(|rest| rest.iter().position(|&b| b == b'>')) {
            Some(i) => pos + i + 1,
            None => self.src.len(),
        }
    }

    /// Raw text or RCDATA up to `</name` followed by a space, `/` or `>`.
    fn until_end_tag(&mut self, pos: usize, name: &str, references: bool, content: &mut Content) -> usize {
        let next = self.plain_run(pos, references);
        if next > pos {
            return next;
        }
        let src = self.src;
        let b = src[pos];
        if b == b'<' && src.get(pos + 1) == Some(&b'/') {
            let name_end = pos + 2 + name.len();
            let matches_name =
                src.get(pos + 2..name_end).is_some_and(|candidate| candidate.eq_ignore_ascii_case(name.as_bytes()));
            let terminated = src.get(name_end).is_some_and(|&t| is_tag_space(t) || t == b'/' || t == b'>');
            if matches_name && terminated {
                self.close_run(pos);
                *content = Content::Data;
                // The end tag is read here, not by `markup`: the element is closed too.
                if self.open_html.last().is_some_and(|open| open == name) {
                    self.open_html.pop();
                }
                return self.tag(pos + 2).0;
            }
        }
        if references && b == b'&' {
            return self.char_ref(pos);
        }
        if let Some(next) = self.special(pos) {
            return next;
        }
        self.text_byte(pos);
        pos + 1
    }

    /// At a `&` in text: a character reference, or a literal `&`.
    fn char_ref(&mut self, pos: usize) -> usize {
        let src = self.src;
        match src.get(pos + 1) {
            Some(b'#') => self.numeric_ref(pos),
            Some(b) if b.is_ascii_alphanumeric() => self.named_ref(pos),
            _ => {
                self.text_byte(pos);
                pos + 1
            }
        }
    }

    fn numeric_ref(&mut self, pos: usize) -> usize {
        let src = self.src;
        let mut i = pos + 2;
        let hex = matches!(src.get(i), Some(b'x' | b'X'));
        if hex {
            i += 1;
        }
        let base = if hex { 16 } else { 10 };
        let digits_start = i;
        let mut value: u32 = 0;
        let mut too_big = false;
        while let Some(digit) = src.get(i).and_then(|&b| char::from(b).to_digit(base)) {
            value = value.wrapping_mul(base);
            if value > 0x10FFFF {
                too_big = true;
            }
            value = value.wrapping_add(digit);
            i += 1;
        }
        if i == digits_start {
            self.text_byte(pos);
            return pos + 1;
        }
        if src.get(i) == Some(&b';') {
            i += 1;
        }
        let c = numeric_char(value, too_big);
        self.replaced(pos..i, Decoded::One(c));
        i
    }

    fn named_ref(&mut self, pos: usize) -> usize {
        let name_start = pos + 1;
        let mut best: Option<(usize, (u32, u32))> = None;
        let mut end = name_start;
        // The table holds every prefix of every name, so the longest match is found by growing
        // the name until it is no longer a prefix. Names are ASCII; stop at anything else.
        while end < self.src.len() && self.src[end].is_ascii() {
            end += 1;
            let Some(&value) = NAMED_ENTITIES.get(&self.source[name_start..end]) else {
                break;
            };
            if value.0 != 0 {
                best = Some((end, value));
            }
        }
        match best {
            Some((end, (first, second))) => {
                let first = char::from_u32(first).unwrap_or('\u{FFFD}');
                let decoded = match char::from_u32(second) {
                    Some(second) if second != '\0' => Decoded::Two(first, second),
                    _ => Decoded::One(first),
                };
                self.replaced(pos..end, decoded);
                end
            }
            None => {
                self.text_byte(pos);
                pos + 1
            }
        }
    }
}

/// The tokenizer's replacements for numeric references (spec 13.2.5.80).
fn numeric_char(value: u32, too_big: bool) -> char {
    match value {
        _ if too_big => '\u{FFFD}',
        0 | 0xD800..=0xDFFF => '\u{FFFD}',
        0x80..=0x9F => C1_REPLACEMENTS[(value - 0x80) as usize]
            .or_else(|| char::from_u32(value))
            .unwrap_or('\u{FFFD}'),
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    }
}

fn content_after(start_tag: &str) -> Content {
    if let Some(&name) = RAW_TEXT.iter().find(|&&n| n == start_tag) {
        return Content::RawText(name);
    }
    if let Some(&name) = RC_DATA.iter().find(|&&n| n == start_tag) {
        return Content::RcData(name);
    }
    Content::Data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(source: &str) -> String {
        let mut out = String::new();
        for piece in scan(source).pieces {
            match piece.decoded {
                Decoded::Verbatim => out.push_str(&source[piece.src.start as usize..piece.src.end as usize]),
                Decoded::One(c) => out.push(c),
                Decoded::Two(a, b) => {
                    out.push(a);
                    out.push(b);
                }
            }
        }
        out
    }

    #[test]
    fn tags_and_comments_are_markup() {
        assert_eq!(decode("<p class=\"a>b\">Hi <!-- x > y --> there</p>"), "Hi  there");
        assert_eq!(decode("a<!---->b<!-->c"), "abc");
        assert_eq!(decode("<!DOCTYPE html><?xml x?>t</ x>u</>v"), "tuv");
    }

    #[test]
    fn a_lone_less_than_is_text() {
        assert_eq!(decode("a < b <3 <"), "a < b <3 <");
        assert_eq!(decode("x</"), "x</");
    }

    #[test]
    fn references_are_decoded() {
        assert_eq!(decode("&amp; &nbsp;&#8220;&#x201D; &copy 2025 &notit; &#xD800; &#0; &#x80;"), "& \u{a0}\u{201c}\u{201d} © 2025 ¬it; \u{fffd} \u{fffd} €");
        assert_eq!(decode("&bogus; &# &#x; &"), "&bogus; &# &#x; &");
        assert_eq!(decode("&NotEqualTilde;"), "\u{2242}\u{338}");
    }

    #[test]
    fn raw_text_and_rcdata() {
        assert_eq!(decode("<script>if (a<b) x = '&amp;'</script >z"), "if (a<b) x = '&amp;'z");
        assert_eq!(decode("<title>A &amp; <b>B</b></title>"), "A & <b>B</b>");
        assert_eq!(decode("<style>p{}</styles></style>q"), "p{}</styles>q");
    }

    #[test]
    fn cdata_is_text_only_in_foreign_content() {
        assert_eq!(decode("<svg><![CDATA[a<b]]></svg><![CDATA[hidden]]>c"), "a<bc");
        // An end tag naming no open foreign element leaves the math open.
        assert_eq!(decode("<math></svg><![CDATA[z]]>"), "z");
        assert_eq!(decode("<svg><math></svg><![CDATA[hidden]]>"), "");
        // An end tag closes the foreign element of its name, not the HTML one outside.
        assert_eq!(decode("<a href=x><math><a></a><![CDATA[z]]>"), "z");
        assert_eq!(decode("<svg><circle/></circle><![CDATA[z]]>"), "z");
        // A title's end tag closes it, so a formula's own title is no way out of the formula.
        assert_eq!(decode("<title>T</title><math><title>t</title><![CDATA[z]]>"), "Ttz");
    }

    #[test]
    fn raw_text_elements_are_ordinary_inside_foreign_content() {
        // html5ever reads `<b>` as a tag here: the math's textarea is no RCDATA element.
        assert_eq!(decode("<math><textarea>a<b></textarea>c"), "ac");
        // A breakout tag ends the foreign content, so a later textarea is HTML again.
        assert_eq!(decode("<svg><p><textarea>x<i></textarea>"), "x<i>");
        assert_eq!(decode("<math></p><textarea>a<b></textarea>"), "a<b>");
        // Closing the HTML element the formula is in closes the formula.
        assert_eq!(decode("<span><math></span><textarea>a<b></textarea>"), "a<b>");
        assert_eq!(decode("<b>x</b><math></b><textarea>a<i></textarea>"), "xa");
    }

    #[test]
    fn line_breaks_are_normalised() {
        assert_eq!(decode("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn unfinished_tags_drop_the_rest() {
        assert_eq!(decode("a<b title=\"x"), "a");
        assert_eq!(decode("a<!-- never closed"), "a");
    }
}
