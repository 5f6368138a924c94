//! Tokens and sentences over the extracted text.

use super::Block;
use crate::analysis::TextSpan;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A UAX #29 word containing a letter ("Trump", "Kyiv", "don't", "U.S").
    Word,
    /// Digits, possibly with separators ("2025", "3.5", "1,000").
    Number,
    /// A possessive clitic split off a word: `'s`, `’s`, or a lone `'` after an s.
    Clitic,
    /// Punctuation: `.`, `,`, `"`, `“`, `!`, `-`, `(`…
    Punctuation,
    /// Other symbols: `$`, `%`, `&`, `+`…
    Symbol,
    /// `:)`, `:-(`, `<3`, `;)`…
    Emoticon,
    /// One emoji (a grapheme cluster with emoji presentation).
    Emoji,
    /// A bare `http(s)://…` or `www.…` URL or an e-mail address.
    Url,
}

impl TokenKind {
    /// Counts as a word in `stats.words`.
    pub fn is_wordlike(self) -> bool {
        matches!(self, TokenKind::Word | TokenKind::Number)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: TextSpan,
    pub kind: TokenKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: TextSpan,
    /// Indexes into [`super::Document::tokens`].
    pub tokens: Range<usize>,
    /// Index into [`super::Document::blocks`].
    pub block: usize,
}

/// Splits the text of every block into tokens and sentences.
pub fn tokenize(text: &str, blocks: &[Block]) -> (Vec<Token>, Vec<Sentence>) {
    use unicode_segmentation::UnicodeSegmentation;
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    for (block_index, block) in blocks.iter().enumerate() {
        let first = tokens.len();
        for (offset, word) in text[block.span.range()].split_word_bound_indices() {
            if word.chars().all(char::is_whitespace) {
                continue;
            }
            let start = block.span.start + offset;
            let kind = if word.chars().any(char::is_alphabetic) {
                TokenKind::Word
            } else if word.chars().all(|c| c.is_ascii_digit()) {
                TokenKind::Number
            } else {
                TokenKind::Punctuation
            };
            tokens.push(Token { span: TextSpan::new(start, start + word.len()), kind });
        }
        if tokens.len() > first {
            sentences.push(Sentence { span: block.span, tokens: first..tokens.len(), block: block_index });
        }
    }
    (tokens, sentences)
}
