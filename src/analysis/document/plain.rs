//! Plain-text input: the text is the content unchanged (identity offsets); paragraphs are
//! separated by blank lines.
//!
//! A blank line is a line holding nothing but whitespace. Lines end at `\n`, `\r\n`, `\r`,
//! U+0085 or U+2028; U+2029 (PARAGRAPH SEPARATOR) separates paragraphs by itself. Each block
//! covers its paragraph with surrounding whitespace trimmed; single line breaks stay inside it.

use super::{Block, BlockKind, Extraction, OffsetMap};
use crate::analysis::TextSpan;

pub fn extract(source: &str) -> Extraction {
    Extraction {
        text: source.to_string(),
        offsets: OffsetMap::identity(source.len()),
        blocks: paragraphs(source),
        ..Extraction::default()
    }
}

/// Blocks of `text`: maximal runs of non-blank lines, trimmed.
fn paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    // The current paragraph: from its first non-whitespace character to the end of its last
    // non-whitespace character.
    let mut current: Option<TextSpan> = None;
    let mut line_is_blank = true;
    let mut push = |span: TextSpan| blocks.push(Block { span, kind: BlockKind::Paragraph });
    let mut chars = text.char_indices().peekable();
    while let Some((position, c)) = chars.next() {
        let ends_line = matches!(c, '\n' | '\r' | '\u{0085}' | '\u{2028}');
        if c == '\u{2029}' {
            if let Some(span) = current.take() {
                push(span);
            }
            line_is_blank = true;
        } else if ends_line {
            if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
                chars.next();
            }
            if line_is_blank {
                if let Some(span) = current.take() {
                    push(span);
                }
            }
            line_is_blank = true;
        } else if !c.is_whitespace() {
            let end = position + c.len_utf8();
            match current.as_mut() {
                Some(span) => span.end = end,
                None => current = Some(TextSpan::new(position, end)),
            }
            line_is_blank = false;
        }
    }
    if let Some(span) = current {
        push(span);
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs_of(text: &str) -> Vec<&str> {
        paragraphs(text).iter().map(|b| &text[b.span.range()]).collect()
    }

    #[test]
    fn text_and_offsets_are_the_content_unchanged() {
        let source = "  Héllo\r\n\r\nwörld  ";
        let extraction = extract(source);
        assert_eq!(extraction.text, source);
        assert_eq!(extraction.offsets.source_range(TextSpan::new(2, 8)), 2..8);
        assert!(extraction.anchors.is_empty());
    }

    #[test]
    fn blank_lines_separate_trimmed_paragraphs() {
        let text = "\n  First line\nstill first.  \n \t \nSecond.\n\n\n   Third  \n";
        assert_eq!(paragraphs_of(text), ["First line\nstill first.", "Second.", "Third"]);
    }

    #[test]
    fn every_line_ending_counts() {
        assert_eq!(paragraphs_of("a\r\n\r\nb\r\rc\u{2028}\u{2028}d\u{2029}e"), ["a", "b", "c", "d", "e"]);
        assert_eq!(paragraphs_of("a\r\nb"), ["a\r\nb"]);
    }

    #[test]
    fn whitespace_only_text_has_no_paragraphs() {
        assert!(paragraphs_of(" \n\t\n\u{00A0}").is_empty());
        assert_eq!(paragraphs_of("x"), ["x"]);
    }
}
