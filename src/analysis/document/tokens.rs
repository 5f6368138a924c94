//! Tokens and sentences over the extracted text.
//!
//! Tokens are UAX #29 word segments of each block, refined for news text: bare URLs, e-mail
//! addresses and ASCII emoticons are found first and kept whole; possessive clitics are split
//! off words (`Trump's` → `Trump` + `'s`) while contractions stay whole (`don't`, `it's`);
//! emoji are one token per grapheme cluster. Whitespace is never a token. Hyphenated compounds
//! stay separate tokens with adjacent spans (`jaw` `-` `dropping`); the word model
//! ([`super::Word`]) joins them. Sentences come from [`sentences`].

mod emoji;
mod sentences;

pub use sentences::is_abbreviation;
mod specials;

use super::{Block, Casing, Document};
use crate::analysis::{Pacer, TextSpan};
use std::ops::{ControlFlow, Range};
use unicode_segmentation::UnicodeSegmentation;

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
    /// Indexes into [`super::Document::words`].
    pub words: Range<usize>,
}

/// Characters that join the parts of a hyphenated compound (`jaw-dropping`).
const HYPHENS: [&str; 3] = ["-", "\u{2010}", "\u{2011}"];

/// Compounds of more words than this are not treated as one (keeps lookups constant-time on
/// pathological input like `a-a-a-a-…`).
pub const MAX_COMPOUND_WORDS: usize = 6;

/// How many quotes, brackets or dashes may precede a sentence's first word.
pub const MAX_LEADING_MARKS: usize = 3;

impl Token {
    /// The token's text; `text` is [`Document::text`].
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.range()]
    }

    /// Starts with an upper-case (or title-case) letter: `Trump`, `U.S`, `İstanbul`.
    pub fn is_capitalized(&self, text: &str) -> bool {
        self.text(text).chars().next().is_some_and(char::is_uppercase)
    }

    /// Starts with a lower-case letter.
    pub fn is_lowercase_initial(&self, text: &str) -> bool {
        self.text(text).chars().next().is_some_and(char::is_lowercase)
    }

    /// At least two letters and none of them lower case: `NATO`, `U.S`, `WOW` (but not `I`).
    pub fn is_all_caps(&self, text: &str) -> bool {
        Casing::of(self.text(text)).is_all_caps()
    }

    /// A hyphen that may join a compound (`-`, `‐`, `‑`).
    pub fn is_hyphen(&self, text: &str) -> bool {
        self.kind == TokenKind::Punctuation && HYPHENS.contains(&self.text(text))
    }

    /// `.`, `!`, `?`, `…` and their full-width forms.
    pub fn is_terminal_punctuation(&self, text: &str) -> bool {
        self.kind == TokenKind::Punctuation && sentences::is_terminal(self.text(text))
    }

    /// Directly followed by `next` with nothing in between.
    pub fn touches(&self, next: &Token) -> bool {
        self.span.end == next.span.start
    }
}

impl Document {
    /// The index of the sentence containing token `token_index`; `None` for tokens outside any
    /// sentence (the dateline) or out of range. O(log sentences).
    pub fn sentence_of(&self, token_index: usize) -> Option<usize> {
        let after = self.sentences.partition_point(|s| s.tokens.start <= token_index);
        let candidate = after.checked_sub(1)?;
        self.sentences[candidate].tokens.contains(&token_index).then_some(candidate)
    }

    /// Words and numbers outside the dateline: the `words` of `stats`.
    pub fn content_word_count(&self) -> usize {
        self.content_tokens().filter(|(_, t)| t.kind.is_wordlike()).count()
    }

    /// The tokens of sentence `sentence_index` (empty when out of range).
    pub fn sentence_tokens(&self, sentence_index: usize) -> &[Token] {
        self.sentences.get(sentence_index).map_or(&[], |s| &self.tokens[s.tokens.clone()])
    }

    /// True when the token opens its sentence, possibly after up to
    /// [`MAX_LEADING_MARKS`] punctuation marks or symbols (`The`, or `“We` after an opening
    /// quote), so its capitalisation says nothing. Constant time.
    pub fn is_sentence_initial(&self, token_index: usize) -> bool {
        let Some(sentence) = self.sentence_of(token_index) else { return false };
        let start = self.sentences[sentence].tokens.start;
        token_index - start <= MAX_LEADING_MARKS
            && self.tokens[start..token_index]
                .iter()
                .all(|t| matches!(t.kind, TokenKind::Punctuation | TokenKind::Symbol))
    }
}

/// Splits the text of every block into tokens and sentences. Tokens inside `metadata` (the
/// dateline) belong to no sentence, and a sentence always starts after it.
///
/// A stop request ([`crate::analysis::stop_requested`]) ends it with no tokens at all: the
/// document is about to be discarded, and an empty one is consistent.
pub fn tokenize(text: &str, blocks: &[Block], metadata: Option<TextSpan>) -> (Vec<Token>, Vec<Sentence>) {
    let mut tokens = Vec::new();
    let mut block_tokens = Vec::with_capacity(blocks.len());
    let mut pacer = Pacer::every(PACE_SEGMENTS);
    for block in blocks {
        let first = tokens.len();
        tokenize_block(text, block.span, &mut tokens, &mut pacer);
        if crate::analysis::stop_requested() {
            return (Vec::new(), Vec::new());
        }
        block_tokens.push(first..tokens.len());
    }
    let sentences = sentences::segment(text, blocks, &block_tokens, &tokens, metadata);
    (tokens, sentences)
}

/// Word segments between two looks at the stop flag: a few microseconds of work.
const PACE_SEGMENTS: u32 = 256;

fn tokenize_block(text: &str, block: TextSpan, tokens: &mut Vec<Token>, pacer: &mut Pacer) {
    let block_text = &text[block.range()];
    let first = tokens.len();
    let mut position = 0;
    for special in specials::find(block_text) {
        if segment_words(block_text, position..special.range.start, block.start, tokens, pacer).is_break() {
            return;
        }
        let span = TextSpan::new(block.start + special.range.start, block.start + special.range.end);
        tokens.push(Token { span, kind: special.kind });
        position = special.range.end;
    }
    if segment_words(block_text, position..block_text.len(), block.start, tokens, pacer).is_break() {
        return;
    }
    mark_trailing_apostrophes(text, &mut tokens[first..]);
}

/// UAX #29 word segmentation of `range` of `block_text`, classified and with clitics split;
/// breaks off when a stop is requested.
///
/// The piece is cut into chunks at places where UAX #29 always breaks and whose neighbours no
/// rule looks across: an ASCII whitespace byte followed by a non-whitespace ASCII byte. ASCII
/// stretches (most of Latin-script text) take a byte-level path that applies the same rules;
/// each chunk holding another character goes through `unicode-segmentation`. Both give the
/// tokens one pass over the whole piece would.
fn segment_words(block_text: &str, range: Range<usize>, base: usize, tokens: &mut Vec<Token>, pacer: &mut Pacer) -> ControlFlow<()> {
    let piece = &block_text[range.clone()];
    let bytes = piece.as_bytes();
    let base = base + range.start;
    let mut start = 0;
    while start < piece.len() {
        let Some(other) = bytes[start..].iter().position(|b| !b.is_ascii()).map(|at| start + at) else {
            return segment_ascii(&piece[start..], base + start, tokens, pacer);
        };
        let ascii_end = last_sure_break(bytes, start, other);
        if ascii_end > start {
            segment_ascii(&piece[start..ascii_end], base + start, tokens, pacer)?;
        }
        let end = next_sure_break(bytes, other);
        segment_unicode(&piece[ascii_end..end], base + ascii_end, tokens, pacer)?;
        start = end;
    }
    ControlFlow::Continue(())
}

/// Whitespace by `char::is_whitespace`, for an ASCII byte: tab, line feed, vertical tab, form
/// feed, carriage return and space.
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ')
}

/// Whether UAX #29 surely breaks before byte `at`: ASCII whitespace meets a non-whitespace
/// ASCII byte there. No rule joins whitespace to a following letter, digit or mark of ASCII,
/// and the rules that look two characters back or one ahead (WB6, WB7, WB11, WB12) need a
/// letter, digit or infix where the whitespace is.
fn is_sure_break(bytes: &[u8], at: usize) -> bool {
    is_ascii_space(bytes[at - 1]) && bytes[at].is_ascii() && !is_ascii_space(bytes[at])
}

/// The first sure break after `from`, or the end.
fn next_sure_break(bytes: &[u8], from: usize) -> usize {
    (from + 1..bytes.len()).find(|&at| is_sure_break(bytes, at)).unwrap_or(bytes.len())
}

/// The last sure break in `from + 1..=until`, or `from` when there is none.
fn last_sure_break(bytes: &[u8], from: usize, until: usize) -> usize {
    (from + 1..=until).rev().find(|&at| is_sure_break(bytes, at)).unwrap_or(from)
}

/// The general path: `unicode-segmentation`'s word bounds of `chunk`, which starts at byte
/// `base` of the text.
fn segment_unicode(chunk: &str, base: usize, tokens: &mut Vec<Token>, pacer: &mut Pacer) -> ControlFlow<()> {
    for (offset, segment) in chunk.split_word_bound_indices() {
        if pacer.stop() {
            return ControlFlow::Break(());
        }
        let start = base + offset;
        let end = start + segment.len();
        if segment.chars().all(char::is_whitespace) {
            continue;
        }
        if segment.chars().any(char::is_alphabetic) {
            push_word(segment, start, tokens);
        } else if segment.chars().any(char::is_numeric) {
            tokens.push(Token { span: TextSpan::new(start, end), kind: TokenKind::Number });
        } else {
            for (cluster_offset, cluster) in segment.grapheme_indices(true) {
                // A combining mark on a space clusters with it; the space is still no token.
                let mark = cluster.trim_start();
                if mark.is_empty() {
                    continue;
                }
                let cluster_end = start + cluster_offset + cluster.len();
                tokens.push(Token { span: TextSpan::new(cluster_end - mark.len(), cluster_end), kind: classify_cluster(mark) });
            }
        }
    }
    ControlFlow::Continue(())
}

/// The ASCII path: UAX #29 restricted to ASCII, where a word is a run of letters, digits and
/// `_` that may carry `.` `'` `:` between two letters and `.` `,` `;` `'` between two digits
/// (WB5–WB13b), and every other non-space byte is a segment and a grapheme of its own.
fn segment_ascii(chunk: &str, base: usize, tokens: &mut Vec<Token>, pacer: &mut Pacer) -> ControlFlow<()> {
    let bytes = chunk.as_bytes();
    let mut position = 0;
    while position < bytes.len() {
        if is_ascii_space(bytes[position]) {
            position += 1;
            continue;
        }
        if pacer.stop() {
            return ControlFlow::Break(());
        }
        let start = base + position;
        if !is_ascii_word_byte(bytes[position]) {
            tokens.push(Token { span: TextSpan::new(start, start + 1), kind: classify_cluster(&chunk[position..position + 1]) });
            position += 1;
            continue;
        }
        let end = ascii_word_end(bytes, position);
        let segment = &chunk[position..end];
        if segment.bytes().any(|b| b.is_ascii_alphabetic()) {
            push_word(segment, start, tokens);
        } else if segment.bytes().any(|b| b.is_ascii_digit()) {
            tokens.push(Token { span: TextSpan::new(start, base + end), kind: TokenKind::Number });
        } else {
            // Only underscores: each is a grapheme of its own.
            tokens.extend((start..base + end).map(|at| Token { span: TextSpan::new(at, at + 1), kind: classify_cluster("_") }));
        }
        position = end;
    }
    ControlFlow::Continue(())
}

/// Letters, digits and `_` (ALetter, Numeric, ExtendNumLet), which join each other.
fn is_ascii_word_byte(byte: u8) -> bool {
    ASCII_WORD_BYTES[usize::from(byte)]
}

/// [`is_ascii_word_byte`] by byte: one load per byte of the words it scans, not three tests.
static ASCII_WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b == b'_';
        byte += 1;
    }
    table
};

/// Where the ASCII word starting at `start` ends.
fn ascii_word_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start + 1;
    while end < bytes.len() {
        if is_ascii_word_byte(bytes[end]) {
            end += 1;
        } else if bytes.get(end + 1).is_some_and(|&next| joins_as_infix(bytes[end - 1], bytes[end], next)) {
            end += 2;
        } else {
            break;
        }
    }
    end
}

/// `infix` between `before` and `after` stays inside the word: `e.g`, `don't`, `Note:Dave`
/// (WB6/WB7) and `1,000`, `3.5` (WB11/WB12).
fn joins_as_infix(before: u8, infix: u8, after: u8) -> bool {
    let between_letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic();
    let between_digits = before.is_ascii_digit() && after.is_ascii_digit();
    (between_letters && matches!(infix, b'.' | b'\'' | b':')) || (between_digits && matches!(infix, b'.' | b',' | b';' | b'\''))
}

/// A word segment starting at byte `start`, with its possessive clitic split off.
fn push_word(segment: &str, start: usize, tokens: &mut Vec<Token>) {
    let end = start + segment.len();
    match possessive_clitic_length(segment) {
        Some(clitic) => {
            tokens.push(Token { span: TextSpan::new(start, end - clitic), kind: TokenKind::Word });
            tokens.push(Token { span: TextSpan::new(end - clitic, end), kind: TokenKind::Clitic });
        }
        None => tokens.push(Token { span: TextSpan::new(start, end), kind: TokenKind::Word }),
    }
}

/// Pronouns and question words whose `'s` is `is`/`has`/`us`, not a possessive.
const CONTRACTIONS_WITH_S: [&str; 14] = [
    "it", "he", "she", "that", "what", "who", "there", "here", "where", "let", "how", "when", "why", "this",
];

/// The byte length of a possessive `'s`/`’s` ending the word, if it should be split off.
fn possessive_clitic_length(word: &str) -> Option<usize> {
    let stem_and_apostrophe = word.strip_suffix(['s', 'S'])?;
    let stem = stem_and_apostrophe.strip_suffix(['\'', '\u{2019}'])?;
    if !stem.chars().any(char::is_alphabetic) {
        return None;
    }
    let is_contraction = stem.len() <= 5 && CONTRACTIONS_WITH_S.iter().any(|c| c.eq_ignore_ascii_case(stem));
    (!is_contraction).then_some(word.len() - stem.len())
}

fn classify_cluster(cluster: &str) -> TokenKind {
    if emoji::is_emoji(cluster) {
        return TokenKind::Emoji;
    }
    match cluster.chars().next() {
        Some(c) if is_symbol(c) => TokenKind::Symbol,
        _ => TokenKind::Punctuation,
    }
}

/// Currency, mathematical and other symbols (Unicode categories S*, approximately), plus the
/// `%`, `&`, `#`, `@`, `*` that readers see as symbols rather than punctuation.
fn is_symbol(c: char) -> bool {
    matches!(c, '$' | '%' | '&' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' | '#' | '@' | '*')
        || matches!(c, '¢'..='©' | '¬' | '®'..='±' | '´' | '×' | '÷' | '‰' | '‱')
        || matches!(c, '\u{2044}' | '\u{2052}' | '\u{20A0}'..='\u{20CF}' | '\u{2100}'..='\u{214F}')
        || matches!(c, '\u{2190}'..='\u{23FF}' | '\u{2500}'..='\u{2BFF}' | '\u{FFE0}'..='\u{FFEE}')
}

/// A lone apostrophe right after a word ending in `s` (`the Smiths' house`) is a possessive
/// clitic, unless it closes a single quote opened earlier in the block.
fn mark_trailing_apostrophes(text: &str, tokens: &mut [Token]) {
    let mut open_single_quotes = 0usize;
    for index in 0..tokens.len() {
        let token = tokens[index];
        if token.kind != TokenKind::Punctuation {
            continue;
        }
        let mark = token.text(text);
        if mark == "\u{2018}" {
            open_single_quotes += 1;
            continue;
        }
        if mark != "'" && mark != "\u{2019}" {
            continue;
        }
        let previous = index.checked_sub(1).map(|i| tokens[i]);
        let next = tokens.get(index + 1).copied();
        let opens = previous.is_none_or(|p| !p.touches(&token)) && next.is_some_and(|n| token.touches(&n));
        if opens {
            open_single_quotes += 1;
            continue;
        }
        let after_s = previous.is_some_and(|p| {
            p.kind == TokenKind::Word && p.touches(&token) && p.text(text).ends_with(['s', 'S'])
        });
        let followed_by_word = next.is_some_and(|n| token.touches(&n) && n.kind.is_wordlike());
        if open_single_quotes > 0 {
            open_single_quotes -= 1;
        } else if after_s && !followed_by_word {
            tokens[index].kind = TokenKind::Clitic;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::document::BlockKind;

    fn tokens_of(text: &str) -> Vec<(String, TokenKind)> {
        let blocks = [Block { span: TextSpan::new(0, text.len()), kind: BlockKind::Paragraph }];
        let (tokens, _) = tokenize(text, &blocks, None);
        tokens.iter().map(|t| (t.text(text).to_string(), t.kind)).collect()
    }

    fn texts_of(text: &str) -> Vec<String> {
        tokens_of(text).into_iter().map(|(t, _)| t).collect()
    }

    fn kind_of(text: &str, token: &str) -> TokenKind {
        tokens_of(text)
            .into_iter()
            .find(|(t, _)| t == token)
            .map(|(_, k)| k)
            .unwrap_or_else(|| panic!("no token {token:?} in {:?}", texts_of(text)))
    }

    #[test]
    fn possessive_clitics_are_split_from_words() {
        assert_eq!(texts_of("Merkel's plan"), ["Merkel", "'s", "plan"]);
        assert_eq!(texts_of("Macron\u{2019}s plan"), ["Macron", "\u{2019}s", "plan"]);
        assert_eq!(kind_of("Macron\u{2019}s plan", "\u{2019}s"), TokenKind::Clitic);
        assert_eq!(kind_of("NATO'S reply", "NATO"), TokenKind::Word);
    }

    #[test]
    fn contractions_stay_whole() {
        assert_eq!(texts_of("I don't know"), ["I", "don't", "know"]);
        assert_eq!(texts_of("it's late and that\u{2019}s fine"), ["it's", "late", "and", "that\u{2019}s", "fine"]);
        assert_eq!(texts_of("O'Brien can't"), ["O'Brien", "can't"]);
    }

    #[test]
    fn plural_possessive_apostrophe_is_a_clitic_but_a_closing_quote_is_not() {
        assert_eq!(kind_of("the Smiths' house", "'"), TokenKind::Clitic);
        assert_eq!(kind_of("he said 'go to bus' and left", "'"), TokenKind::Punctuation);
        let text = "the \u{2018}yes\u{2019} campaigns\u{2019} funds";
        let kinds: Vec<_> = tokens_of(text).into_iter().filter(|(t, _)| t == "\u{2019}").map(|(_, k)| k).collect();
        assert_eq!(kinds, [TokenKind::Punctuation, TokenKind::Clitic]);
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(tokens_of("1,000 people")[0], ("1,000".to_string(), TokenKind::Number));
        assert_eq!(tokens_of("3.5 per cent")[0], ("3.5".to_string(), TokenKind::Number));
        assert_eq!(texts_of("in 2025."), ["in", "2025", "."]);
        assert_eq!(kind_of("costs $40", "$"), TokenKind::Symbol);
        assert_eq!(kind_of("up 5%", "%"), TokenKind::Symbol);
    }

    #[test]
    fn emoticons_are_single_tokens() {
        for emoticon in [":)", ":-(", ";)", ":D", "<3", ":'(", ":-P"] {
            let text = format!("great news {emoticon} see you");
            assert_eq!(kind_of(&text, emoticon), TokenKind::Emoticon, "{emoticon}");
        }
        assert_eq!(kind_of("fun:)", ":)"), TokenKind::Emoticon);
    }

    #[test]
    fn colons_and_brackets_that_are_not_emoticons() {
        assert_eq!(texts_of("at 10:30 (local)"), ["at", "10", ":", "30", "(", "local", ")"]);
        assert_eq!(texts_of("Note:Dave"), ["Note:Dave"]);
        assert_eq!(texts_of("if x<3y"), ["if", "x", "<", "3y"]);
        assert_eq!(texts_of("see (a):(b)"), ["see", "(", "a", ")", ":", "(", "b", ")"]);
    }

    #[test]
    fn emoji_are_one_token_per_grapheme_cluster() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let thumbs = "\u{1F44D}\u{1F3FD}";
        let flag = "\u{1F1FA}\u{1F1E6}";
        let text = format!("wow{family}{thumbs}{flag}\u{1F600}\u{1F600} \u{2764}\u{FE0F}");
        let emoji: Vec<_> =
            tokens_of(&text).into_iter().filter(|(_, k)| *k == TokenKind::Emoji).map(|(t, _)| t).collect();
        assert_eq!(emoji, [family, thumbs, flag, "\u{1F600}", "\u{1F600}", "\u{2764}\u{FE0F}"]);
        assert_eq!(kind_of("\u{00A9} 2024 Agency", "\u{00A9}"), TokenKind::Symbol);
    }

    #[test]
    fn urls_and_emails_are_single_tokens_without_trailing_punctuation() {
        let text = "See https://example.com/a/b?x=1&y=2, or www.example.org. Mail desk@news.example.co.uk.";
        let urls: Vec<_> =
            tokens_of(text).into_iter().filter(|(_, k)| *k == TokenKind::Url).map(|(t, _)| t).collect();
        assert_eq!(urls, ["https://example.com/a/b?x=1&y=2", "www.example.org", "desk@news.example.co.uk"]);
        let text = "(source: https://en.example.org/wiki/Foo_(bar)) and (http://example.com/x).";
        let urls: Vec<_> =
            tokens_of(text).into_iter().filter(|(_, k)| *k == TokenKind::Url).map(|(t, _)| t).collect();
        assert_eq!(urls, ["https://en.example.org/wiki/Foo_(bar)", "http://example.com/x"]);
        assert_eq!(texts_of("https:// nothing"), ["https", ":", "/", "/", "nothing"]);
        assert_eq!(texts_of("a @handle"), ["a", "@", "handle"]);
    }

    #[test]
    fn hyphenated_compounds_are_separate_adjacent_tokens() {
        assert_eq!(texts_of("a jaw-dropping meeting"), ["a", "jaw", "-", "dropping", "meeting"]);
        assert_eq!(kind_of("a jaw-dropping meeting", "-"), TokenKind::Punctuation);
    }

    #[test]
    fn whitespace_is_never_a_token_and_spans_point_at_their_text() {
        let text = "  Hello,\n\tworld \u{00A0} again  ";
        let blocks = [Block { span: TextSpan::new(0, text.len()), kind: BlockKind::Paragraph }];
        let (tokens, _) = tokenize(text, &blocks, None);
        assert_eq!(tokens.len(), 4);
        assert!(tokens.iter().all(|t| !t.text(text).trim().is_empty()));
        assert!(tokens.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    }

    #[test]
    fn case_helpers() {
        let text = "NATO U.S I Trump nato";
        let blocks = [Block { span: TextSpan::new(0, text.len()), kind: BlockKind::Paragraph }];
        let (tokens, _) = tokenize(text, &blocks, None);
        let caps: Vec<_> = tokens.iter().map(|t| t.is_all_caps(text)).collect();
        assert_eq!(caps, [true, true, false, false, false]);
        let capitalized: Vec<_> = tokens.iter().map(|t| t.is_capitalized(text)).collect();
        assert_eq!(capitalized, [true, true, true, true, false]);
        assert!(tokens[4].is_lowercase_initial(text));
    }

    #[test]
    fn pathological_repetitions_finish() {
        for unit in ["http://?", "www.a ", "(", "a-", "Mr. ", "x's ", "' ", ":) ", "\u{1F600}", "a@b.", ". ", "J. "] {
            let text = unit.repeat(200_000 / unit.len());
            let blocks = [Block { span: TextSpan::new(0, text.len()), kind: BlockKind::Paragraph }];
            let (tokens, sentences) = tokenize(&text, &blocks, None);
            assert!(!tokens.is_empty() && !sentences.is_empty(), "{unit:?}");
        }
    }

    #[test]
    fn sentence_and_compound_helpers() {
        let text = "\u{201C}We won,\u{201D} said a state-of-the-art robot. It left.";
        let document = Document::parse(text.to_string(), crate::analysis::ContentFormat::PlainText);
        let index_of = |word: &str| document.tokens.iter().position(|t| document.token_text(t) == word).unwrap();
        assert!(document.is_sentence_initial(index_of("We")));
        assert!(!document.is_sentence_initial(index_of("said")));
        assert!(document.is_sentence_initial(index_of("It")));
        assert_eq!(document.sentence_of(index_of("It")), Some(1));
        assert_eq!(document.sentence_tokens(1).len(), 3);
        let compound = document.word_of_token(index_of("the")).map(|w| &document.words[w]);
        assert_eq!(compound.map(|w| document.slice(w.span)), Some("state-of-the-art"));
        assert_eq!(compound.map(|w| w.tokens.len()), Some(7));
        assert_eq!(document.content_word_count(), 11);
        let dated = Document::parse("date 2024-05-06 Two words".to_string(), crate::analysis::ContentFormat::PlainText);
        assert_eq!(dated.content_word_count(), 2);
    }

    proptest::proptest! {
        /// For any plain text: tokens are ordered, disjoint, inside their block, never
        /// whitespace; sentences partition each block's tokens in order and never cross blocks.
        #[test]
        fn tokens_and_sentences_are_well_formed(text in "(\\PC|[ \n.!?'’“”\":;()<3@-]|www\\.|http://|Mr\\. |U\\.S\\. ){0,80}") {
            let document = Document::parse(text.clone(), crate::analysis::ContentFormat::PlainText);
            let tokens = &document.tokens;
            for pair in tokens.windows(2) {
                proptest::prop_assert!(pair[0].span.end <= pair[1].span.start);
            }
            for token in tokens {
                proptest::prop_assert!(!token.span.is_empty());
                proptest::prop_assert!(text.is_char_boundary(token.span.start) && text.is_char_boundary(token.span.end));
                proptest::prop_assert!(!token.text(&text).trim().is_empty());
                proptest::prop_assert!(document.blocks.iter().any(|b| b.span.contains(token.span)));
            }
            let mut next_token = 0;
            for sentence in &document.sentences {
                proptest::prop_assert!(sentence.tokens.start >= next_token && !sentence.tokens.is_empty());
                next_token = sentence.tokens.end;
                let block = document.blocks[sentence.block].span;
                proptest::prop_assert!(block.contains(sentence.span));
                proptest::prop_assert_eq!(sentence.span.start, tokens[sentence.tokens.start].span.start);
                proptest::prop_assert_eq!(sentence.span.end, tokens[sentence.tokens.end - 1].span.end);
            }
            let in_sentences: usize = document.sentences.iter().map(|s| s.tokens.len()).sum();
            proptest::prop_assert_eq!(in_sentences, document.content_tokens().count());
        }
    }

    /// Characters for the fast-path check: all of ASCII, and the non-ASCII ones that interact
    /// with its rules (letters, curly quotes, combining marks, format and joiner characters,
    /// other spaces, emoji, regional indicators).
    fn segmentation_char() -> impl proptest::strategy::Strategy<Value = char> {
        use proptest::prelude::*;
        let others = [
            'é', 'ß', 'Ж', '\u{2019}', '\u{2018}', '\u{201C}', '\u{301}', '\u{AD}', '\u{200D}', '\u{200B}', '\u{A0}',
            '\u{2003}', '\u{3000}', '\u{85}', '\u{2028}', '\u{1F600}', '\u{1F1FA}', '\u{FE0F}', '\u{B7}', '\u{5D0}',
            '\u{30A2}', '\u{FF0C}', '٣',
        ];
        prop_oneof![3 => (0u8..=127).prop_map(char::from), 1 => proptest::sample::select(others.to_vec())]
    }

    fn segmented(text: &str, segment: fn(&str, usize, &mut Vec<Token>, &mut Pacer) -> ControlFlow<()>) -> Vec<Token> {
        let mut tokens = Vec::new();
        let _ = segment(text, 0, &mut tokens, &mut Pacer::every(PACE_SEGMENTS));
        tokens
    }

    fn segment_whole(text: &str, base: usize, tokens: &mut Vec<Token>, pacer: &mut Pacer) -> ControlFlow<()> {
        segment_words(text, 0..text.len(), base, tokens, pacer)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Chunking at sure breaks and the ASCII path give exactly the tokens of one
        /// `unicode-segmentation` pass over the whole piece.
        #[test]
        fn chunked_segmentation_equals_one_unicode_pass(chars in proptest::collection::vec(segmentation_char(), 0..60)) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(segmented(&text, segment_whole), segmented(&text, segment_unicode));
        }
    }

    #[test]
    fn ascii_path_agrees_on_infixes_and_marks_after_spaces() {
        for text in ["e.g. 1,000.5 don't Note:Dave a.1 1.a __ a_1 _x ;; x. 'a' 1'000", "a \u{301}b", "x \u{AD}y", "a\r\nb \x0b c"] {
            assert_eq!(segmented(text, segment_whole), segmented(text, segment_unicode), "{text:?}");
        }
    }

    #[test]
    fn junk_input_tokenizes_without_panicking() {
        let inputs = [
            "\u{0}\u{1}\u{7f}\u{200B}\u{202E}abc\u{FEFF}",
            "''''''''",
            "@@@@a@b.c@@",
            ":::)))<<<333",
            "http://",
            "www.",
            "\u{301}\u{301} x",
            "Mr.  \u{1DA9B}",
            "a \u{301} b",
        ];
        for input in inputs {
            let _ = tokens_of(input);
        }
    }
}
