//! The word model every analysis reads, computed once per document after tokenising.
//!
//! A [`Word`] is a word, number, URL, emoticon or emoji token of a sentence; a hyphenated
//! compound of words (`jaw-dropping`, `state-of-the-art`, at most [`MAX_COMPOUND_WORDS`]
//! parts) is one word. Each word knows its tokens, its lower-case form, its [`Casing`], whether a
//! possessive clitic follows it, its sentence and block, whether it opens its sentence and which
//! anchor it sits in. The dateline is metadata: its tokens belong to no sentence and make no word.
//!
//! Two lower-case forms of the text exist because the analyses compare against two kinds of
//! tables:
//! - [`Document::lower`]: every token lower-cased once, as lexicons, stop lists and stemmers
//!   expect it (curly apostrophes straight, the hyphens of compounds `-`); token `i`'s form is
//!   [`Document::token_lower`]`(i)`, and a word's form runs over its tokens' forms;
//! - [`Document::folded`]: the whole text folded with byte offsets kept ([`fold`]), so that a
//!   text span indexes it too (the gazetteer automaton scans it at text positions).

use std::ops::Range;

use super::tokens::{Sentence, Token, TokenKind, MAX_COMPOUND_WORDS, MAX_LEADING_MARKS};
use crate::analysis::TextSpan;

/// One word of a sentence: a token, or the tokens of a hyphenated compound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Indexes into [`super::Document::tokens`]: one token, or `part - part (- part…)`.
    pub tokens: Range<usize>,
    pub span: TextSpan,
    /// The first token's kind ([`TokenKind::Word`] for a compound).
    pub kind: TokenKind,
    /// The lower-case form: a range of [`super::Document::lower`].
    pub lower: Range<usize>,
    pub casing: Casing,
    /// A possessive clitic (`'s`, `’s`, a lone `'` after an s) follows the word.
    pub possessive: bool,
    /// Index into [`super::Document::sentences`].
    pub sentence: u32,
    /// Opens its sentence, possibly after up to [`MAX_LEADING_MARKS`] punctuation marks or
    /// symbols (`The`, `“We`): its capital letter says nothing.
    pub sentence_initial: bool,
    /// Index into [`super::Document::blocks`].
    pub block: u32,
    /// Index into [`super::Document::anchor_spans`] of the anchor the word starts in.
    pub anchor: Option<u32>,
}

/// How a word is written, in the terms the analyses ask about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// No upper- or lower-case character: numbers, ideographs, emoji.
    Caseless,
    /// Lower-case characters and no capital: `talks`, `al`.
    Lower,
    /// The first letter the only capital, with lower-case letters: `Trump`, `Kyiv`, `Jean-claude`.
    Capitalized,
    /// Capitals and no lower-case character: `NATO`, `U.S`, `I`, `3D`.
    AllCaps,
    /// Capitals and lower-case letters otherwise: `McDonald`, `Jean-Claude`, `iPhone`, `al-Assad`.
    Mixed,
}

/// The case facts of a piece of text, gathered in one pass over its characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Casing {
    flags: u8,
    /// Alphabetic characters, saturating.
    letters: u8,
}

const HAS_LOWER: u8 = 1;
const HAS_UPPER: u8 = 2;
const MANY_UPPER: u8 = 4;
/// The first character is a capital.
const INITIAL_UPPER: u8 = 8;
/// The first alphabetic character is a capital (`3D`, `Trump`, not `iPhone`).
const FIRST_LETTER_UPPER: u8 = 16;

impl Casing {
    pub fn of(text: &str) -> Casing {
        let mut casing = Casing::default();
        if text.is_ascii() {
            // Most words of most texts: the byte tests give what the Unicode ones would.
            for (index, b) in text.bytes().enumerate() {
                casing.record(index, b.is_ascii_uppercase(), b.is_ascii_lowercase(), b.is_ascii_alphabetic());
            }
            return casing;
        }
        for (index, c) in text.chars().enumerate() {
            casing.record(index, c.is_uppercase(), c.is_lowercase(), c.is_alphabetic());
        }
        casing
    }

    /// Adds the `index`th character of the text, of the given case and kind.
    fn record(&mut self, index: usize, upper: bool, lower: bool, alphabetic: bool) {
        if lower {
            self.flags |= HAS_LOWER;
        } else if upper {
            self.flags |= if self.flags & HAS_UPPER != 0 { MANY_UPPER } else { HAS_UPPER };
            if index == 0 {
                self.flags |= INITIAL_UPPER;
            }
        }
        if alphabetic {
            if self.letters == 0 && upper {
                self.flags |= FIRST_LETTER_UPPER;
            }
            self.letters = self.letters.saturating_add(1);
        }
    }

    pub fn case(self) -> Case {
        match (self.has(HAS_UPPER), self.has(HAS_LOWER)) {
            (false, false) => Case::Caseless,
            (false, true) => Case::Lower,
            (true, false) => Case::AllCaps,
            (true, true) if self.has(FIRST_LETTER_UPPER) && !self.has(MANY_UPPER) => Case::Capitalized,
            (true, true) => Case::Mixed,
        }
    }

    fn has(self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Alphabetic characters (counted up to 255).
    pub fn letters(self) -> usize {
        usize::from(self.letters)
    }

    pub fn has_lower(self) -> bool {
        self.has(HAS_LOWER)
    }

    /// The first character is a capital: `Trump`, `U.S`, `İstanbul` (not `3D`, `iPhone`).
    pub fn starts_with_capital(self) -> bool {
        self.has(INITIAL_UPPER)
    }

    /// The first letter is a capital: `Trump`, `3D` (not `iPhone`, `al-Assad`).
    pub fn first_letter_is_capital(self) -> bool {
        self.has(FIRST_LETTER_UPPER)
    }

    /// At least two letters and none of them lower case: `NATO`, `U.S`, `WOW` (not `I`).
    pub fn is_all_caps(self) -> bool {
        self.letters >= 2 && !self.has_lower()
    }

    /// The first character is a capital and no other is: `Trump`, `I`, `Jean-claude`.
    pub fn is_title_case(self) -> bool {
        self.starts_with_capital() && !self.has(MANY_UPPER)
    }
}

/// Lower case with byte offsets kept: a character whose lower case has another length (or is
/// several characters) stays as written, so spans of the text index the folded text too.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let read = if c.is_ascii() {
            // ASCII runs, most of the text, are copied whole and lowered in place.
            let run = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
            push_ascii_lower(&mut out, &rest[..run]);
            run
        } else {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
                _ => out.push(c),
            }
            c.len_utf8()
        };
        rest = &rest[read..];
    }
    out
}

/// Appends ASCII `text` lower-cased.
fn push_ascii_lower(out: &mut String, text: &str) {
    let start = out.len();
    out.push_str(text);
    out[start..].make_ascii_lowercase();
}

/// Appends `token`'s lower-case form: `str::to_lowercase` (so a final sigma is `ς`), curly
/// apostrophes made straight, hyphens `‐` `‑` made `-`.
fn push_lower(out: &mut String, token: &str) {
    if token.is_ascii() {
        push_ascii_lower(out, token);
        return;
    }
    let straight = |c: char| match c {
        '\u{2019}' | '\u{2018}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        c => c,
    };
    if token.contains('Σ') {
        // Only `Σ` lowers by context; the rare word that has one pays for a whole-string call.
        out.extend(token.to_lowercase().chars().map(straight));
        return;
    }
    for c in token.chars() {
        match straight(c) {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The lower-case forms of all tokens, one string, and where each token's form starts (one
/// entry per token and a final end).
pub(super) fn lower_forms(text: &str, tokens: &[Token]) -> (String, Vec<u32>) {
    let mut lower = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(tokens.len() + 1);
    for token in tokens {
        starts.push(offset(lower.len()));
        push_lower(&mut lower, &text[token.span.range()]);
    }
    starts.push(offset(lower.len()));
    (lower, starts)
}

/// A position in a string the size of the text, which the service caps far below 4 GiB.
fn offset(position: usize) -> u32 {
    u32::try_from(position).unwrap_or(u32::MAX)
}

/// The anchors' non-empty spans, sorted once.
pub(super) fn anchor_spans(anchors: &[super::Anchor]) -> Vec<TextSpan> {
    let mut spans: Vec<TextSpan> = anchors.iter().map(|a| a.span).filter(|s| !s.is_empty()).collect();
    spans.sort_unstable();
    spans
}

/// The index of the last anchor span starting at or before `position`, if it contains it.
pub(super) fn anchor_at(spans: &[TextSpan], position: usize) -> Option<u32> {
    let index = spans.partition_point(|s| s.start <= position).checked_sub(1)?;
    (position < spans[index].end).then(|| offset(index))
}

/// What [`words`] reads.
pub(super) struct Inputs<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub lower_starts: &'a [u32],
    pub anchor_spans: &'a [TextSpan],
}

/// The words of every sentence, in text order; fills each sentence's `words` range.
pub(super) fn words(inputs: &Inputs<'_>, sentences: &mut [Sentence]) -> Vec<Word> {
    let mut words = Vec::with_capacity(inputs.tokens.len());
    for (index, sentence) in sentences.iter_mut().enumerate() {
        let first_word = words.len();
        sentence_words(inputs, sentence, offset(index), &mut words);
        sentence.words = first_word..words.len();
    }
    words
}

fn sentence_words(inputs: &Inputs<'_>, sentence: &Sentence, index: u32, out: &mut Vec<Word>) {
    let Inputs { text, tokens, lower_starts, anchor_spans } = *inputs;
    let range = sentence.tokens.clone();
    let mut at = range.start;
    // The end of a chain too long to be a compound: its parts are words of their own.
    let mut single_until = 0;
    while at < range.end {
        let token = tokens[at];
        if !is_word_kind(token.kind) {
            at += 1;
            continue;
        }
        let end = match token.kind {
            TokenKind::Word if at >= single_until => match chain_end(text, tokens, at, range.end) {
                (end, parts) if parts <= MAX_COMPOUND_WORDS => end,
                (end, _) => {
                    single_until = end;
                    at + 1
                }
            },
            _ => at + 1,
        };
        let span = TextSpan::new(token.span.start, tokens[end - 1].span.end);
        let lower = lower_starts[at] as usize..lower_starts[end] as usize;
        let leading = &tokens[range.start..at];
        out.push(Word {
            tokens: at..end,
            span,
            kind: token.kind,
            lower,
            casing: Casing::of(&text[span.range()]),
            possessive: tokens.get(end).is_some_and(|next| next.kind == TokenKind::Clitic && end < range.end),
            sentence: index,
            sentence_initial: leading.len() <= MAX_LEADING_MARKS
                && leading.iter().all(|t| matches!(t.kind, TokenKind::Punctuation | TokenKind::Symbol)),
            block: offset(sentence.block),
            anchor: anchor_at(anchor_spans, span.start),
        });
        at = end;
    }
}

/// Tokens that make a word: everything but punctuation, symbols and clitics.
fn is_word_kind(kind: TokenKind) -> bool {
    !matches!(kind, TokenKind::Punctuation | TokenKind::Symbol | TokenKind::Clitic)
}

/// The token end and word count of the hyphen chain starting at word token `first` (one word
/// when nothing joins): words joined by one touching hyphen each, inside the sentence (`end` is
/// its token end). A chain of more than [`MAX_COMPOUND_WORDS`] words is no compound.
fn chain_end(text: &str, tokens: &[Token], first: usize, end: usize) -> (usize, usize) {
    let joins = |hyphen: usize| {
        hyphen + 1 < end
            && tokens[hyphen].is_hyphen(text)
            && tokens[hyphen + 1].kind == TokenKind::Word
            && tokens[hyphen - 1].touches(&tokens[hyphen])
            && tokens[hyphen].touches(&tokens[hyphen + 1])
    };
    let mut last = first;
    let mut parts = 1;
    while joins(last + 1) {
        last += 2;
        parts += 1;
    }
    (last + 1, parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::document::Document;
    use crate::analysis::ContentFormat;

    fn document(text: &str) -> Document {
        Document::parse(text.to_string(), ContentFormat::PlainText)
    }

    fn word<'d>(document: &'d Document, written: &str) -> &'d Word {
        document
            .words
            .iter()
            .find(|w| document.slice(w.span) == written)
            .unwrap_or_else(|| panic!("no word {written:?} in {:?}", document.words.iter().map(|w| document.slice(w.span)).collect::<Vec<_>>()))
    }

    #[test]
    fn compounds_are_one_word_and_punctuation_is_none() {
        let doc = document("A jaw\u{2011}dropping, state-of-the-art plan (COVID-19) won.");
        let written: Vec<&str> = doc.words.iter().map(|w| doc.slice(w.span)).collect();
        assert_eq!(written, ["A", "jaw\u{2011}dropping", "state-of-the-art", "plan", "COVID", "19", "won"]);
        assert_eq!(doc.word_lower(word(&doc, "jaw\u{2011}dropping")), "jaw-dropping");
        assert_eq!(word(&doc, "state-of-the-art").tokens.len(), 7);
        let chain = "a-".repeat(MAX_COMPOUND_WORDS) + "a";
        assert_eq!(document(&chain).words.len(), MAX_COMPOUND_WORDS + 1, "too long to be one word");
        let long = "a-".repeat(100_000) + "a";
        assert!(document(&long).words.iter().all(|w| w.tokens.len() == 1), "linear, and no part starts a compound");
        let longest = "a-".repeat(MAX_COMPOUND_WORDS - 1) + "a";
        assert_eq!(document(&longest).words.len(), 1);
    }

    #[test]
    fn lower_forms_are_straightened_and_final_sigmas_kept() {
        let doc = document("Don\u{2019}t tell ΟΔΟΣ about İstanbul.");
        assert_eq!(doc.word_lower(word(&doc, "Don\u{2019}t")), "don't");
        assert_eq!(doc.word_lower(word(&doc, "ΟΔΟΣ")), "οδος");
        assert_eq!(doc.word_lower(word(&doc, "İstanbul")), "İstanbul".to_lowercase());
        assert_eq!(doc.token_lower(doc.tokens.len() - 1), ".");
        assert_eq!(&doc.folded[word(&doc, "İstanbul").span.range()], "İstanbul", "folding keeps offsets");
    }

    #[test]
    fn casing_answers_what_the_analyses_ask() {
        let case = |w: &str| Casing::of(w).case();
        assert_eq!(
            ["talks", "Trump", "NATO", "I", "3D", "McDonald", "iPhone", "2025", "中国"].map(case),
            [Case::Lower, Case::Capitalized, Case::AllCaps, Case::AllCaps, Case::AllCaps, Case::Mixed, Case::Mixed, Case::Caseless, Case::Caseless]
        );
        assert!(Casing::of("U.S").is_all_caps() && !Casing::of("I").is_all_caps() && !Casing::of("Nato").is_all_caps());
        assert!(Casing::of("Trump").is_title_case() && Casing::of("I").is_title_case() && !Casing::of("McDonald").is_title_case());
        assert!(Casing::of("3D").first_letter_is_capital() && !Casing::of("3D").starts_with_capital());
        assert_eq!(Casing::of("Jean-Claude").letters(), 10);
    }

    #[test]
    fn possessives_sentences_and_initials() {
        let doc = document("\u{201C}Merkel\u{2019}s plan,\u{201D} said the Smiths\u{2019} aide. It failed.");
        assert!(word(&doc, "Merkel").possessive && word(&doc, "Smiths").possessive && !word(&doc, "plan").possessive);
        assert!(word(&doc, "Merkel").sentence_initial && !word(&doc, "said").sentence_initial);
        assert!(word(&doc, "It").sentence_initial);
        assert_eq!((word(&doc, "aide").sentence, word(&doc, "It").sentence), (0, 1));
        assert_eq!(doc.sentences[1].words, doc.words.len() - 2..doc.words.len());
        let failed = doc.words.iter().position(|w| doc.slice(w.span) == "failed").unwrap_or(0);
        assert_eq!(doc.word_of_token(doc.words[failed].tokens.start), Some(failed));
        assert_eq!(doc.word_of_token(doc.tokens.len() - 1), None, "the full stop is no word");
    }

    #[test]
    fn the_dateline_has_no_words_and_anchors_are_found() {
        let dated = document("date 2024-05-06 Two words");
        assert_eq!(dated.words.len(), 2);
        let html = "<p>Read <a href=\"/a\">Ana Silva</a> and <a href=\"/b\">more</a>.</p>";
        let doc = Document::parse(html.to_string(), ContentFormat::Html);
        let anchors: Vec<Option<u32>> = doc.words.iter().map(|w| w.anchor).collect();
        assert_eq!(anchors, [None, Some(0), Some(0), None, Some(1)]);
    }
}
