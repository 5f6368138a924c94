//! Where the article speaks with someone else's voice: direct quotes (“…”, "…", «…», ‘…’,
//! block quotes) and reported speech introduced or closed by an attribution verb
//! (`Mr Smith said the talks had failed`, `The talks failed, she said.`).
//!
//! The result is a sorted list of non-overlapping speech regions; everything else is the
//! narrator's voice.

use crate::analysis::document::{BlockKind, Document, Token, TokenKind};
use crate::analysis::TextSpan;

/// Quotes with fewer words than this are scare quotes or titles unless their sentence has
/// an attribution verb.
const MIN_SPEECH_WORDS: usize = 3;
/// A reported clause that ends the sentence must have this many words to count as speech.
const MIN_REPORTED_WORDS: usize = 3;
/// How close to the end of its sentence a closing attribution (`…, she said.`) stands.
const CLOSING_ATTRIBUTION_WORDS: usize = 4;

/// How many tokens after a quote an attribution verb may stand ("“Stop!” Ms Ruiz wrote").
const ATTRIBUTION_AFTER_QUOTE: usize = 5;

/// Words after an attribution verb that start a circumstance, not the reported clause
/// (`wrote on his platform after…`).
const CIRCUMSTANCE_WORDS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "for",
    "with",
    "about",
    "of",
    "from",
    "by",
    "to",
    "via",
    "while",
    "when",
    "as",
    "last",
    "this",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Finds the speech regions of the document, sorted and non-overlapping.
pub fn speech_regions(document: &Document) -> Vec<TextSpan> {
    let text = &document.text;
    let mut direct: Vec<TextSpan> = Vec::new();
    for block in &document.blocks {
        if block.kind == BlockKind::Quote {
            direct.push(block.span);
        } else {
            quote_marks(text, block.span, &mut direct);
        }
    }
    direct.sort_by_key(|s| (s.start, s.end));

    // Word counts over token ranges in O(1), so no input makes this quadratic.
    let mut word_prefix = Vec::with_capacity(document.tokens.len() + 1);
    word_prefix.push(0usize);
    for token in &document.tokens {
        word_prefix
            .push(word_prefix[word_prefix.len() - 1] + usize::from(token.kind.is_wordlike()));
    }
    let words_between = |from: usize, to: usize| word_prefix[to] - word_prefix[from];
    let first_token_at = |offset: usize| document.tokens.partition_point(|t| t.span.start < offset);

    let mut regions = Vec::with_capacity(direct.len());
    let mut quote_cursor = 0;
    for sentence in &document.sentences {
        let tokens = &document.tokens[sentence.tokens.clone()];
        while quote_cursor < direct.len() && direct[quote_cursor].end <= sentence.span.start {
            quote_cursor += 1;
        }
        let quotes_here = direct[quote_cursor..]
            .iter()
            .take_while(|q| q.start < sentence.span.end);
        // Only a sentence with a quote needs to know whether it attributes one.
        let attributed = quotes_here.clone().next().is_some() && tokens.iter().any(|t| is_attribution(document, t));
        let sentence_words = words_between(sentence.tokens.start, sentence.tokens.end);
        for quote in quotes_here {
            let (first, after) = (first_token_at(quote.start), first_token_at(quote.end));
            let words = words_between(first, after);
            let attributed_after = document.tokens[after..]
                .iter()
                .take(ATTRIBUTION_AFTER_QUOTE)
                .any(|t| is_attribution(document, t));
            // A quote that is its whole sentence is speech, short or not.
            if words >= MIN_SPEECH_WORDS
                || attributed
                || attributed_after
                || words >= sentence_words
            {
                regions.push(*quote);
            }
        }
        let words_from = |offset: usize| {
            words_between(
                first_token_at(offset).max(sentence.tokens.start),
                sentence.tokens.end,
            )
        };
        reported_speech(
            document,
            tokens,
            &direct,
            sentence.span,
            &words_from,
            &mut regions,
        );
    }
    merge(regions)
}

/// Whether the token is an attribution verb (`said`, `told`, `wrote`…), in any case.
pub(super) fn is_attribution(document: &Document, token: &Token) -> bool {
    const SHORTEST: usize = 4;
    const LONGEST: usize = 12;
    // Most words are shorter or longer than every verb and end here: this runs for every
    // word of the document, several times (speech regions, speakers, target tone).
    if token.kind != TokenKind::Word || !(SHORTEST..=LONGEST).contains(&token.span.len()) {
        return false;
    }
    // Lower-cased on the stack.
    let mut buffer = [0u8; LONGEST];
    let word = document.token_text(token).as_bytes();
    for (slot, byte) in buffer.iter_mut().zip(word) {
        *slot = byte.to_ascii_lowercase();
    }
    is_attribution_verb(&buffer[..word.len()])
}

/// The verbs that attribute speech, as one `match`: compiled to a branch on the length and a
/// few comparisons, where a list would be compared entry by entry.
fn is_attribution_verb(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"said" | b"says" | b"told" | b"tells" | b"wrote" | b"writes" | b"added" | b"stated" |
            b"claimed" | b"insisted" | b"insists" | b"warned" | b"warns" | b"argued" |
            b"argues" | b"declared" | b"declares" | b"tweeted" | b"explained" | b"explains" |
            b"remarked" | b"asserted" | b"asserts" | b"acknowledged" | b"admitted" |
            b"conceded" | b"noted" | b"posted" | b"replied" | b"responded" | b"testified"
    )
}

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Reported speech around attribution verbs outside direct quotes.
fn reported_speech(
    document: &Document,
    tokens: &[Token],
    direct: &[TextSpan],
    sentence: TextSpan,
    words_from: &dyn Fn(usize) -> usize,
    regions: &mut Vec<TextSpan>,
) {
    let in_quote = |span: TextSpan| {
        let at = direct.partition_point(|q| q.end <= span.start);
        direct.get(at).is_some_and(|q| q.contains(span))
    };
    let words: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].kind.is_wordlike())
        .collect();
    for (position, &index) in words.iter().enumerate() {
        let token = &tokens[index];
        if in_quote(token.span) {
            continue;
        }
        if according_to(document, tokens, index) {
            according_to_speech(document, tokens, index, sentence, regions);
            continue;
        }
        if !is_attribution(document, token) {
            continue;
        }
        // A quote right before the verb is its object ("“Stop!” she wrote on…").
        let quote_before = tokens[..index]
            .iter()
            .rev()
            .take(5)
            .any(|t| t.kind == TokenKind::Punctuation && closes_quote(document.token_text(t)));
        if let Some(start) = clause_after(document, tokens, index).filter(|_| !quote_before) {
            if words_from(start) >= MIN_REPORTED_WORDS {
                regions.push(TextSpan::new(start, sentence.end));
            }
        }
        // "…, she said." — the clause before the closing attribution is the speech.
        if words.len() - position <= CLOSING_ATTRIBUTION_WORDS {
            let comma = tokens[..index]
                .iter()
                .rev()
                .take(CLOSING_ATTRIBUTION_WORDS + 1)
                .find(|t| t.kind == TokenKind::Punctuation && document.token_text(t) == ",");
            if let Some(comma) = comma {
                regions.push(TextSpan::new(sentence.start, comma.span.start));
            }
        }
    }
}

/// Whether `according to` starts at token `index`.
fn according_to(document: &Document, tokens: &[Token], index: usize) -> bool {
    let word = |i: usize, w: &str| tokens.get(i).is_some_and(|t| document.token_text(t).eq_ignore_ascii_case(w));
    word(index, "according") && word(index + 1, "to")
}

/// The speech an `according to` phrase vouches for: the rest of the sentence after the comma
/// that closes a leading phrase (`According to the ministry, …`), or the clause before the
/// comma that opens a trailing one (`…, according to the ministry.`).
fn according_to_speech(document: &Document, tokens: &[Token], index: usize, sentence: TextSpan, regions: &mut Vec<TextSpan>) {
    let is_comma = |t: &&Token| t.kind == TokenKind::Punctuation && document.token_text(t) == ",";
    let leading = tokens[..index].iter().all(|t| t.kind != TokenKind::Word);
    if leading {
        let comma = tokens[index..].iter().take(8).position(|t| is_comma(&t));
        if let Some(next) = comma.and_then(|c| tokens.get(index + c + 1)) {
            regions.push(TextSpan::new(next.span.start, sentence.end));
        }
    } else if tokens.get(index.wrapping_sub(1)).filter(is_comma).is_some() {
        regions.push(TextSpan::new(sentence.start, tokens[index - 1].span.start));
    }
}

/// Where the reported clause after the verb at `index` starts, if one does.
fn clause_after(document: &Document, tokens: &[Token], index: usize) -> Option<usize> {
    let mut rest = tokens[index + 1..]
        .iter()
        .filter(|t| t.kind == TokenKind::Word);
    let next = rest.next()?;
    let next_word = document.token_text(next);
    let verb = document.token_text(&tokens[index]);
    let needs_that =
        is_one_of(next_word, CIRCUMSTANCE_WORDS) || is_one_of(verb, &["told", "tells"]);
    if next_word.eq_ignore_ascii_case("that") {
        return tokens[index + 1..]
            .iter()
            .skip_while(|t| t.span != next.span)
            .nth(1)
            .map(|t| t.span.start);
    }
    if !needs_that {
        return Some(next.span.start);
    }
    // "said in a statement that…", "told reporters that…": the clause starts after `that`.
    let mut following = tokens[index + 1..].iter().take(10);
    following.find(|t| document.token_text(t).eq_ignore_ascii_case("that"))?;
    following.next().map(|t| t.span.start)
}

fn closes_quote(punctuation: &str) -> bool {
    matches!(punctuation, "”" | "\"" | "»" | "’" | "'")
}

/// Quote pairs inside one block; an unclosed double quote runs to the block's end, as a
/// quoted paragraph that continues in the next one does.
fn quote_marks(text: &str, block: TextSpan, out: &mut Vec<TextSpan>) {
    let slice = &text[block.range()];
    let mut open: Option<(usize, char)> = None;
    for (offset, c) in quote_mark_candidates(slice) {
        let at = block.start + offset;
        let end = at + c.len_utf8();
        let previous = slice[..offset].chars().next_back();
        let next = slice[offset + c.len_utf8()..].chars().next();
        let word_before = previous.is_some_and(char::is_alphanumeric);
        let word_after = next.is_some_and(char::is_alphanumeric);
        match open {
            None => {
                let opens = match c {
                    '“' | '«' | '"' => true,
                    '‘' | '\'' => !word_before && word_after,
                    _ => false,
                };
                if opens {
                    open = Some((at, c));
                }
            }
            Some((start, opener)) => {
                let closes = match (opener, c) {
                    ('“', '”') | ('«', '»') | ('"', '"') => true,
                    // Curly or straight double closers some writers mix.
                    ('“', '"') => true,
                    ('‘', '’') | ('\'', '\'') | ('‘', '\'') => {
                        !word_after && previous.is_some_and(|p| !p.is_whitespace())
                    }
                    _ => false,
                };
                if closes {
                    out.push(TextSpan::new(start, end));
                    open = None;
                }
            }
        }
    }
    if let Some((start, opener)) = open {
        if matches!(opener, '“' | '«' | '"') {
            out.push(TextSpan::new(start, block.end));
        }
    }
}

/// The quote marks of `slice` (`"`, `'`, `“`, `”`, `‘`, `’`, `«`, `»`) with their byte
/// offsets. Scans bytes, not chars: every other character leaves the quote state as it is,
/// and a block is mostly other characters.
fn quote_mark_candidates(slice: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = slice.as_bytes();
    bytes.iter().enumerate().filter_map(move |(offset, &byte)| {
        let c = match (byte, bytes.get(offset + 1), bytes.get(offset + 2)) {
            (b'"', ..) => '"',
            (b'\'', ..) => '\'',
            (0xE2, Some(0x80), Some(0x9C)) => '“',
            (0xE2, Some(0x80), Some(0x9D)) => '”',
            (0xE2, Some(0x80), Some(0x98)) => '‘',
            (0xE2, Some(0x80), Some(0x99)) => '’',
            (0xC2, Some(0xAB), _) => '«',
            (0xC2, Some(0xBB), _) => '»',
            _ => return None,
        };
        Some((offset, c))
    })
}

/// Sorts and merges overlapping or touching regions.
fn merge(mut regions: Vec<TextSpan>) -> Vec<TextSpan> {
    regions.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<TextSpan> = Vec::with_capacity(regions.len());
    for region in regions {
        if region.is_empty() {
            continue;
        }
        match merged.last_mut() {
            Some(last) if region.start <= last.end => last.end = last.end.max(region.end),
            _ => merged.push(region),
        }
    }
    merged
}

/// Answers "is this position inside speech?" for positions visited in increasing order.
pub struct SpeechCursor<'a> {
    regions: &'a [TextSpan],
    next: usize,
}

impl<'a> SpeechCursor<'a> {
    pub fn new(regions: &'a [TextSpan]) -> Self {
        SpeechCursor { regions, next: 0 }
    }

    pub fn contains(&mut self, span: TextSpan) -> bool {
        while self.next < self.regions.len() && self.regions[self.next].end <= span.start {
            self.next += 1;
        }
        self.regions
            .get(self.next)
            .is_some_and(|r| r.start <= span.start && span.end <= r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ContentFormat;

    fn regions(text: &str) -> Vec<String> {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        speech_regions(&document)
            .into_iter()
            .map(|s| document.slice(s).to_string())
            .collect()
    }

    #[test]
    fn curly_and_straight_double_quotes() {
        assert_eq!(
            regions("“Stop the shelling now!” the mayor wrote on his blog."),
            ["“Stop the shelling now!”"]
        );
        assert_eq!(
            regions("He called it \"a disaster for everyone\" yesterday."),
            ["\"a disaster for everyone\""]
        );
        assert_eq!(
            regions("«Nous sommes prêts à tout» dit-il."),
            ["«Nous sommes prêts à tout»"]
        );
    }

    #[test]
    fn apostrophes_are_not_single_quotes() {
        assert_eq!(
            regions("The ministers’ talks didn’t end; it’s over."),
            Vec::<String>::new()
        );
        assert_eq!(
            regions("She said ‘we will never give in’ to them."),
            ["‘we will never give in’ to them."]
        );
    }

    #[test]
    fn short_quotes_need_an_attribution() {
        assert!(regions("The so-called “peace plan” collapsed.").is_empty());
        assert_eq!(
            regions("She said that he has “real courage” now."),
            ["he has “real courage” now."]
        );
    }

    #[test]
    fn reported_speech_after_and_before_the_verb() {
        assert_eq!(
            regions("The mayor said the bridge was a disgrace."),
            ["the bridge was a disgrace."]
        );
        assert_eq!(
            regions("The bridge was a disgrace, the mayor said."),
            ["The bridge was a disgrace"]
        );
        assert_eq!(
            regions("He told reporters that the deal was dead."),
            ["the deal was dead."]
        );
    }

    #[test]
    fn quote_marks_are_found_among_other_multibyte_characters() {
        let text = "é\"b'c“d”e‘f’g«h»i—j€…";
        let found: Vec<(usize, char)> = quote_mark_candidates(text).collect();
        let expected: Vec<(usize, char)> = text
            .char_indices()
            .filter(|(_, c)| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»'))
            .collect();
        assert_eq!(found, expected);
        assert_eq!(found.len(), 8);
    }

    #[test]
    fn attribution_verbs_are_whole_words_in_any_case() {
        let document = Document::parse(
            "SAID Said acknowledged Acknowledgedly sai says, tweeted-out TESTIFIED".to_string(),
            ContentFormat::PlainText,
        );
        let verbs: Vec<&str> = document
            .tokens
            .iter()
            .filter(|t| is_attribution(&document, t))
            .map(|t| document.token_text(t))
            .collect();
        assert_eq!(verbs, ["SAID", "Said", "acknowledged", "says", "tweeted", "TESTIFIED"]);
    }

    #[test]
    fn according_to_vouches_for_its_clause() {
        assert_eq!(
            regions("According to the ministry, the dam held overnight."),
            ["the dam held overnight."]
        );
        assert_eq!(
            regions("The dam held overnight, according to the ministry."),
            ["The dam held overnight"]
        );
        assert!(regions("Prices rose according to plan.").is_empty());
    }

    #[test]
    fn a_verb_after_its_quote_introduces_no_reported_clause() {
        assert_eq!(
            regions(
                "“Enough!” the mayor wrote on the town website after floods ruined the market."
            ),
            ["“Enough!”"]
        );
    }

    #[test]
    fn unclosed_quote_runs_to_the_end_of_its_paragraph() {
        let text = "“We lost everything in the fire\n\nNext paragraph.";
        let mut found = Vec::new();
        quote_marks(text, TextSpan::new(0, 31 + "“".len() - 1), &mut found);
        assert_eq!(
            found.iter().map(|s| &text[s.range()]).collect::<Vec<_>>(),
            ["“We lost everything in the fire"]
        );
    }
}
