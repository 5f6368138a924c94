//! Sentence segmentation over the tokens of each block. Sentences never cross blocks.
//!
//! A sentence ends at terminal punctuation (`.`, `!`, `?`, `…`, runs like `?!` or `...`),
//! together with the closing quotes and brackets that touch it, when whitespace and a likely
//! sentence start follow. A following lower-case word or a comma-like mark means the sentence
//! goes on (`“Stop!” he said`). A full stop after an abbreviation or an initial ends the
//! sentence only when a usual sentence opener follows (`in the U.S. The …`, but `U.S. President`,
//! `J. D. Vance`); after a title (`Mr.`) or an inline abbreviation (`e.g.`) never; before a
//! number (`No. 10`, `Jan. 5`) never. The abbreviation lists live in `data/abbreviations/` and
//! are merged over all languages, since the language is not known yet.
//!
//! Line breaks inside a block (`<br>`, single newlines in plain text) end a sentence when the
//! next line starts with anything but a lower-case letter — unless the block looks like
//! hard-wrapped prose (several lines of similar length), where they are mere spaces.
//! Emoji and emoticons right after a sentence's end belong to that sentence.

use super::{Block, Sentence, Token, TokenKind};
use crate::analysis::TextSpan;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AbbreviationKind {
    Title,
    BeforeNumber,
    Inline,
    Common,
}

struct Abbreviations {
    kinds: HashMap<String, AbbreviationKind>,
    months: std::collections::HashSet<String>,
    starters: std::collections::HashSet<String>,
}

const ABBREVIATION_FILES: [&str; 4] = [
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/abbreviations/en.txt")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/abbreviations/de.txt")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/abbreviations/fr.txt")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/abbreviations/es.txt")),
];

static ABBREVIATIONS: LazyLock<Abbreviations> = LazyLock::new(|| Abbreviations::parse(&ABBREVIATION_FILES));

impl Abbreviations {
    /// Lines that do not parse are skipped (a unit test checks there are none). A word listed
    /// with different kinds in different languages becomes `Common`, the kind that decides by
    /// the next word.
    fn parse(files: &[&str]) -> Self {
        let mut table = Abbreviations {
            kinds: HashMap::new(),
            months: Default::default(),
            starters: Default::default(),
        };
        for line in files.iter().flat_map(|f| f.lines()) {
            let Some((kind, word)) = parse_line(line) else { continue };
            let word = word.to_string();
            let kind = match kind {
                "title" => AbbreviationKind::Title,
                "number" => AbbreviationKind::BeforeNumber,
                "inline" => AbbreviationKind::Inline,
                "common" => AbbreviationKind::Common,
                "month" => {
                    table.months.insert(word);
                    continue;
                }
                _ => {
                    table.starters.insert(word);
                    continue;
                }
            };
            table
                .kinds
                .entry(word)
                .and_modify(|existing| {
                    if *existing != kind {
                        *existing = AbbreviationKind::Common;
                    }
                })
                .or_insert(kind);
        }
        table
    }
}

const KINDS: [&str; 6] = ["title", "number", "inline", "common", "month", "starter"];

fn parse_line(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (kind, word) = line.split_once(' ')?;
    let word = word.trim();
    (KINDS.contains(&kind) && !word.is_empty() && !word.contains(' ')).then_some((kind, word))
}

/// Whether `lower` (lower case, without its full stop) is listed as written with one, in any
/// language of `data/abbreviations/`: `mr`, `ltd`, `vs`, `no`.
pub fn is_abbreviation(lower: &str) -> bool {
    ABBREVIATIONS.kinds.contains_key(lower)
}

/// Terminal punctuation, one token each.
pub fn is_terminal(mark: &str) -> bool {
    matches!(mark, "." | "!" | "?" | "…" | "‼" | "⁇" | "⁈" | "⁉" | "؟" | "۔" | "।" | "॥") || is_full_width_terminal(mark)
}

/// Terminals of scripts written without spaces: they end a sentence with nothing after them.
fn is_full_width_terminal(mark: &str) -> bool {
    matches!(mark, "。" | "！" | "？" | "｡")
}

fn is_closer(mark: &str) -> bool {
    matches!(mark, "\"" | "'" | "”" | "’" | "»" | "›" | ")" | "]" | "}" | "」" | "』" | "）" | "〉" | "》")
}

fn is_opener(mark: &str) -> bool {
    matches!(
        mark,
        "\"" | "'" | "“" | "‘" | "„" | "«" | "‹" | "(" | "[" | "{" | "「" | "『" | "（" | "¿" | "¡" | "—" | "–" | "•"
    )
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{0085}')
}

/// Whether the gap between two tokens (or a whole block) holds a line break
/// ([`is_line_break`]). Its bytes are looked at first: the two line breaks outside ASCII end in
/// the bytes 0x85 (U+0085) and 0xA8 (U+2028), so only text holding one of those is decoded.
fn has_line_break(gap: &str) -> bool {
    let mut maybe_wide = false;
    for b in gap.bytes() {
        match b {
            b'\n' | b'\r' => return true,
            0x85 | 0xA8 => maybe_wide = true,
            _ => {}
        }
    }
    maybe_wide && gap.contains(is_line_break)
}

/// Sentences of every block; `block_tokens[i]` are the tokens of `blocks[i]`.
pub fn segment(
    text: &str,
    blocks: &[Block],
    block_tokens: &[Range<usize>],
    tokens: &[Token],
    metadata: Option<TextSpan>,
) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    for (block_index, (block, range)) in blocks.iter().zip(block_tokens).enumerate() {
        let line_breaks_end_sentences = !is_wrapped_prose(&text[block.span.range()]);
        let mut close = |range: Range<usize>| {
            if !range.is_empty() {
                let span = TextSpan::new(tokens[range.start].span.start, tokens[range.end - 1].span.end);
                sentences.push(Sentence { span, tokens: range, block: block_index, words: 0..0 });
            }
        };
        let mut start = range.start;
        let mut index = range.start;
        while index < range.end {
            let token = tokens[index];
            if metadata.is_some_and(|m| m.contains(token.span)) {
                close(start..index);
                index += 1;
                start = index;
                continue;
            }
            if index > start
                && line_breaks_end_sentences
                && has_line_break(&text[tokens[index - 1].span.end..token.span.start])
                && !token.is_lowercase_initial(text)
            {
                close(start..index);
                start = index;
            }
            if token.is_terminal_punctuation(text) {
                if let Some(last) = sentence_end(text, tokens, index, range.clone()) {
                    close(start..last + 1);
                    start = last + 1;
                    index = last + 1;
                    continue;
                }
            }
            index += 1;
        }
        close(start..range.end);
    }
    sentences
}

/// Hard-wrapped prose: the lines before the last are of similar length (none shorter than half
/// the longest, which has at least 30 characters), or there is one such line of at least 60
/// characters — longer than a heading usually is.
fn is_wrapped_prose(block: &str) -> bool {
    if !has_line_break(block) {
        // One line, and no line before the last to measure (most blocks of a page).
        return true;
    }
    let mut lines: Vec<usize> = block.split(is_line_break).map(|l| l.trim().chars().count()).collect();
    lines.retain(|&length| length > 0);
    lines.pop();
    let Some(&longest) = lines.iter().max() else { return true };
    match lines.len() {
        1 => longest >= 60,
        _ => longest >= 30 && lines.iter().all(|&length| 2 * length >= longest),
    }
}

/// When the terminal punctuation at `index` ends a sentence: the index of the sentence's last
/// token (after closing quotes, brackets and trailing emoji).
fn sentence_end(text: &str, tokens: &[Token], index: usize, block: Range<usize>) -> Option<usize> {
    let mut last_terminal = index;
    while last_terminal + 1 < block.end
        && tokens[last_terminal].touches(&tokens[last_terminal + 1])
        && tokens[last_terminal + 1].is_terminal_punctuation(text)
    {
        last_terminal += 1;
    }
    let mut last = last_terminal;
    while last + 1 < block.end
        && tokens[last].touches(&tokens[last + 1])
        && tokens[last + 1].kind == TokenKind::Punctuation
        && is_closer(tokens[last + 1].text(text))
    {
        last += 1;
    }
    if last + 1 == block.end {
        return Some(last);
    }
    let run = &text[tokens[index].span.start..tokens[last_terminal].span.end];
    let full_width = tokens[index..=last_terminal].iter().any(|t| is_full_width_terminal(t.text(text)));
    let next = tokens[last + 1];
    if !full_width && tokens[last].touches(&next) {
        return None;
    }
    if matches!(next.kind, TokenKind::Emoji | TokenKind::Emoticon) {
        let mut end = last + 1;
        while end + 1 < block.end && matches!(tokens[end + 1].kind, TokenKind::Emoji | TokenKind::Emoticon) {
            end += 1;
        }
        return Some(end);
    }
    if full_width {
        return Some(last);
    }
    let next_word = next_word(text, tokens, last + 1, block.end)?;
    let next_text = next_word.text(text);
    if next_word.is_lowercase_initial(text) {
        return None;
    }
    let is_single_stop = run == ".";
    let is_ellipsis = run.contains('…') || (run.len() >= 2 && run.bytes().all(|b| b == b'.'));
    if is_ellipsis {
        return (next_word.kind == TokenKind::Word && !next_word.is_lowercase_initial(text)).then_some(last);
    }
    if !is_single_stop {
        return Some(last);
    }
    let before = index
        .checked_sub(1)
        .filter(|&i| i >= block.start && tokens[i].touches(&tokens[index]))
        .map(|i| tokens[i]);
    let Some(before) = before else { return Some(last) };
    let before_text = before.text(text);
    let table = &*ABBREVIATIONS;
    match before.kind {
        TokenKind::Number => {
            let is_day = before_text.len() <= 2 && before_text.bytes().all(|b| b.is_ascii_digit());
            if is_day && table.months.contains(&next_text.to_lowercase()) {
                return None;
            }
            Some(last)
        }
        TokenKind::Word => {
            let lowered = before_text.to_lowercase();
            let opens_sentence = || {
                table.starters.contains(&next_text.to_lowercase()) && !is_initial(text, tokens, next_word, block.end)
            };
            match table.kinds.get(&lowered) {
                Some(AbbreviationKind::Title | AbbreviationKind::Inline) => None,
                Some(AbbreviationKind::BeforeNumber) if next_word.kind == TokenKind::Number => None,
                Some(_) => opens_sentence().then_some(last),
                None if before_text.chars().count() == 1 || before_text.contains('.') => {
                    opens_sentence().then_some(last)
                }
                None => Some(last),
            }
        }
        _ => Some(last),
    }
}

/// The first word, number, URL or symbol from `from`, skipping up to three opening quotes or
/// brackets; `None` when other punctuation comes first (the sentence goes on).
fn next_word(text: &str, tokens: &[Token], from: usize, end: usize) -> Option<Token> {
    for token in tokens[from..end].iter().take(4) {
        match token.kind {
            TokenKind::Punctuation if is_opener(token.text(text)) => continue,
            TokenKind::Punctuation | TokenKind::Clitic => return None,
            _ => return Some(*token),
        }
    }
    None
}

/// A single letter directly followed by a full stop: `A.` in `J. A. Smith`.
fn is_initial(text: &str, tokens: &[Token], word: Token, end: usize) -> bool {
    if word.text(text).chars().count() != 1 {
        return false;
    }
    let position = tokens.partition_point(|t| t.span.start < word.span.start);
    tokens[position..end]
        .get(1)
        .is_some_and(|stop| word.touches(stop) && stop.text(text) == ".")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::document::tokens::tokenize;
    use crate::analysis::document::BlockKind;

    fn sentences_of(text: &str) -> Vec<&str> {
        let blocks = [Block { span: TextSpan::new(0, text.len()), kind: BlockKind::Paragraph }];
        let (_, sentences) = tokenize(text, &blocks, None);
        sentences.iter().map(|s| &text[s.span.range()]).collect()
    }

    #[test]
    fn every_abbreviation_line_parses() {
        for file in ABBREVIATION_FILES {
            for line in file.lines() {
                let ignorable = line.trim().is_empty() || line.starts_with('#');
                assert!(ignorable || parse_line(line).is_some(), "bad line {line:?}");
            }
        }
    }

    #[test]
    fn terminal_punctuation_and_runs() {
        assert_eq!(sentences_of("It rained. Then it stopped!"), ["It rained.", "Then it stopped!"]);
        assert_eq!(sentences_of("Really?! Yes!!! Fine."), ["Really?!", "Yes!!!", "Fine."]);
        assert_eq!(sentences_of("Wait… What happened?"), ["Wait…", "What happened?"]);
        assert_eq!(sentences_of("Wait... What happened?"), ["Wait...", "What happened?"]);
        assert_eq!(sentences_of("He paused... and went on."), ["He paused... and went on."]);
    }

    #[test]
    fn titles_and_common_abbreviations() {
        assert_eq!(sentences_of("Mr. Starmer met Dr. Ngozi Okonjo-Iweala."), ["Mr. Starmer met Dr. Ngozi Okonjo-Iweala."]);
        assert_eq!(sentences_of("Sen. Warren and Gen. Milley spoke."), ["Sen. Warren and Gen. Milley spoke."]);
        assert_eq!(sentences_of("She lives on Baker St. The house is old."), ["She lives on Baker St.", "The house is old."]);
        assert_eq!(sentences_of("They visited St. Petersburg."), ["They visited St. Petersburg."]);
        assert_eq!(sentences_of("Fruit, e.g. Apples, is sold. Cheap."), ["Fruit, e.g. Apples, is sold.", "Cheap."]);
        assert_eq!(sentences_of("Leeds vs. Chelsea ended 2-1."), ["Leeds vs. Chelsea ended 2-1."]);
    }

    #[test]
    fn numbers_after_abbreviations_and_months() {
        assert_eq!(sentences_of("He lives at No. 10 Downing Street."), ["He lives at No. 10 Downing Street."]);
        assert_eq!(sentences_of("It opened on Jan. 5 in Ohio."), ["It opened on Jan. 5 in Ohio."]);
        assert_eq!(sentences_of("Am 3. März 2024 kam er."), ["Am 3. März 2024 kam er."]);
        assert_eq!(sentences_of("Prices rose 3.5 per cent. Wages fell."), ["Prices rose 3.5 per cent.", "Wages fell."]);
        assert_eq!(sentences_of("It ended in 2024. Nobody won."), ["It ended in 2024.", "Nobody won."]);
    }

    #[test]
    fn initials_and_dotted_acronyms() {
        assert_eq!(sentences_of("J. D. Vance spoke. He left."), ["J. D. Vance spoke.", "He left."]);
        assert_eq!(sentences_of("U.S. President Biden and the U.K. Government met."), ["U.S. President Biden and the U.K. Government met."]);
        assert_eq!(sentences_of("They flew to the U.S. The trip was long."), ["They flew to the U.S.", "The trip was long."]);
        assert_eq!(sentences_of("Written by J. A. Smith."), ["Written by J. A. Smith."]);
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences_of("“We are not pleased.” Ms Reeves said so."),
            ["“We are not pleased.”", "Ms Reeves said so."]
        );
        assert_eq!(sentences_of("“Stop!” she shouted."), ["“Stop!” she shouted."]);
        assert_eq!(sentences_of("“It is over,” he said. Done."), ["“It is over,” he said.", "Done."]);
        assert_eq!(sentences_of("He left (again.) Then he returned."), ["He left (again.)", "Then he returned."]);
        assert_eq!(sentences_of("She said \"no.\" They agreed."), ["She said \"no.\"", "They agreed."]);
    }

    #[test]
    fn emoji_after_the_end_stay_with_the_sentence() {
        assert_eq!(sentences_of("We won! :) \u{1F389} Next week again."), ["We won! :) \u{1F389}", "Next week again."]);
    }

    #[test]
    fn full_width_terminals_need_no_space() {
        assert_eq!(sentences_of("今日は晴れ。明日は雨！"), ["今日は晴れ。", "明日は雨！"]);
    }

    #[test]
    fn no_split_inside_tokens_or_before_lower_case() {
        assert_eq!(sentences_of("Visit example.com today."), ["Visit example.com today."]);
        assert_eq!(sentences_of("It cost approx. five pounds."), ["It cost approx. five pounds."]);
        assert_eq!(sentences_of("Yes! , he said."), ["Yes! , he said."]);
    }

    #[test]
    fn line_breaks_end_short_lines_but_not_wrapped_prose() {
        assert_eq!(sentences_of("Breaking news\nThe minister resigned today."), ["Breaking news", "The minister resigned today."]);
        assert_eq!(sentences_of("one line\ncontinues here."), ["one line\ncontinues here."]);
        let wrapped = "The committee published its findings on Monday after\n\
                       Parliament had asked for a full account of the decisions\n\
                       Ministers took during the crisis.";
        assert_eq!(sentences_of(wrapped).len(), 1);
        let two_lines = "The committee published its findings on Monday after a long day\n\
                         Parliament session had asked for them.";
        assert_eq!(sentences_of(two_lines).len(), 1);
        let list = "Results\nLeeds 2 Chelsea 1\nArsenal 0 Everton 0";
        assert_eq!(sentences_of(list), ["Results", "Leeds 2 Chelsea 1", "Arsenal 0 Everton 0"]);
    }

    #[test]
    fn sentences_never_cross_blocks_and_skip_metadata() {
        let text = "date 2025-01-02 First one\n\nSecond one. Third";
        let blocks = [
            Block { span: TextSpan::new(0, 25), kind: BlockKind::Paragraph },
            Block { span: TextSpan::new(27, text.len()), kind: BlockKind::Paragraph },
        ];
        let (tokens, sentences) = tokenize(text, &blocks, Some(TextSpan::new(0, 15)));
        let texts: Vec<_> = sentences.iter().map(|s| &text[s.span.range()]).collect();
        assert_eq!(texts, ["First one", "Second one.", "Third"]);
        assert_eq!(sentences.iter().map(|s| s.block).collect::<Vec<_>>(), [0, 1, 1]);
        assert_eq!(tokens[sentences[0].tokens.start].text(text), "First");
    }
}
