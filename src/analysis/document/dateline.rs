//! The publication date a document states about itself.
//!
//! Two forms are read, both only at the very start of the text:
//! - the `date YYYY-MM-DD` marker news feeds prepend (after optional whitespace, followed by
//!   whitespace or the end of the text); `date` is matched without regard to case;
//! - a classic agency dateline at the start of the text or of its first paragraph (after a
//!   headline), whose date includes the year: `WASHINGTON, March 3, 2024 (Reuters) -`,
//!   `LONDON, 3 March 2024 —`, `AUSTIN, Texas, Sept. 9, 2023 (AP) —`. The place is written in
//!   capitals; English month names only. A dateline without a year gives no date: years are never
//!   guessed.
//!
//! Dates are validated (month 1–12, day within the month, leap years by the Gregorian rule).
//! The dateline's span covers the marker or the whole dateline up to and including its dash.

use super::{Block, BlockKind, Dateline};
use crate::analysis::TextSpan;

pub fn find(text: &str, blocks: &[Block]) -> Option<Dateline> {
    let start = text.len() - text.trim_start_matches(is_leading_filler).len();
    date_marker(text, start).or_else(|| agency_dateline(text, start)).or_else(|| {
        // A page's title or headline may come before the story's first paragraph.
        let first_paragraph = blocks.iter().find(|b| b.kind == BlockKind::Paragraph)?;
        (first_paragraph.span.start > start).then(|| agency_dateline(text, first_paragraph.span.start))?
    })
}

/// Whitespace, a byte-order mark or zero-width characters before the first word.
fn is_leading_filler(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}')
}

/// A cursor over the text that parsing functions advance when they match.
struct Cursor<'a> {
    text: &'a str,
    position: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.position..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn literal_ignore_case(&mut self, literal: &str) -> bool {
        let matched = self.rest().get(..literal.len()).is_some_and(|r| r.eq_ignore_ascii_case(literal));
        if matched {
            self.position += literal.len();
        }
        matched
    }

    fn literal(&mut self, literal: &str) -> bool {
        let matched = self.rest().starts_with(literal);
        if matched {
            self.position += literal.len();
        }
        matched
    }

    /// Skips whitespace within a line; true when at least one character was skipped.
    fn spaces(&mut self) -> bool {
        let rest = self.rest();
        let skipped = rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() && c != '\n' && c != '\r').len();
        self.position += skipped;
        skipped > 0
    }

    /// Exactly `count` ASCII digits.
    fn digits(&mut self, count: usize) -> Option<u32> {
        let digits = self.rest().get(..count)?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.position += count;
        digits.parse().ok()
    }

    /// One or two ASCII digits not followed by a third.
    fn day(&mut self) -> Option<u32> {
        let length = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&length) {
            return None;
        }
        self.digits(length)
    }

    /// A run of characters satisfying `accept`.
    fn word(&mut self, accept: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let length = rest.len() - rest.trim_start_matches(accept).len();
        self.position += length;
        &rest[..length]
    }
}

fn date_marker(text: &str, start: usize) -> Option<Dateline> {
    let mut cursor = Cursor { text, position: start };
    if !cursor.literal_ignore_case("date") || !cursor.spaces() {
        return None;
    }
    let year = cursor.digits(4)?;
    cursor.literal("-").then_some(())?;
    let month = cursor.digits(2)?;
    cursor.literal("-").then_some(())?;
    let day = cursor.digits(2)?;
    let end = cursor.position;
    if cursor.peek().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    Some(Dateline { date: format_date(year, month, day)?, span: TextSpan::new(start, end) })
}

const MONTHS: [(&str, u32); 24] = [
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("April", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("August", 8),
    ("September", 9),
    ("October", 10),
    ("November", 11),
    ("December", 12),
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sept", 9),
    ("Sep", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

fn month_number(word: &str) -> Option<u32> {
    MONTHS.iter().find(|(name, _)| name.eq_ignore_ascii_case(word)).map(|&(_, number)| number)
}

/// The longest stretch a dateline may take; anything longer is prose.
const MAX_DATELINE_BYTES: usize = 160;

fn agency_dateline(text: &str, start: usize) -> Option<Dateline> {
    let end_of_window = (start + MAX_DATELINE_BYTES..=text.len().min(start + MAX_DATELINE_BYTES + 3))
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
        .min(text.len());
    let mut cursor = Cursor { text: &text[..end_of_window], position: start };
    place(&mut cursor)?;
    let (year, month, day) = loop {
        cursor.literal(",").then_some(())?;
        cursor.spaces();
        if let Some(date) = date(&mut cursor) {
            break date;
        }
        region(&mut cursor)?;
    };
    cursor.spaces();
    if cursor.literal("(") {
        cursor.word(|c| c != ')' && c != '\n' && c != '(');
        cursor.literal(")").then_some(())?;
        cursor.spaces();
    }
    let dashed = ["--", "-", "\u{2013}", "\u{2014}", ":"].iter().any(|dash| cursor.literal(dash));
    if !dashed || cursor.peek().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    let date = format_date(year, month, day)?;
    Some(Dateline { date, span: TextSpan::new(start, cursor.position) })
}

/// Up to five capitalised words: `WASHINGTON`, `NEW YORK`, `ST. LOUIS`.
fn place(cursor: &mut Cursor) -> Option<()> {
    let mut letters = 0;
    for index in 0..5 {
        if index > 0 && !(cursor.literal(" ") && cursor.peek().is_some_and(char::is_uppercase)) {
            break;
        }
        let word = cursor.word(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '-' | '\u{2019}'));
        if word.is_empty() || cursor.peek().is_some_and(char::is_alphanumeric) {
            return None;
        }
        letters += word.chars().filter(|c| c.is_alphabetic()).count();
    }
    (letters >= 2 && cursor.peek() == Some(',')).then_some(())
}

/// A region after the place: `Texas`, `Calif.`, `N.Y.`, `New Mexico`.
fn region(cursor: &mut Cursor) -> Option<()> {
    for index in 0..3 {
        if index > 0 && !(cursor.literal(" ") && cursor.peek().is_some_and(char::is_uppercase)) {
            break;
        }
        let word = cursor.word(|c| c.is_alphabetic() || c == '.');
        if !word.chars().next().is_some_and(char::is_uppercase) || month_number(word.trim_end_matches('.')).is_some() {
            return None;
        }
    }
    (cursor.peek() == Some(',')).then_some(())
}

/// `March 3, 2024`, `Sept. 9, 2023` or `3 March 2024`, as (year, month, day).
fn date(cursor: &mut Cursor) -> Option<(u32, u32, u32)> {
    let start = cursor.position;
    let parsed = month_first(cursor).or_else(|| {
        cursor.position = start;
        day_first(cursor)
    });
    if parsed.is_none() {
        cursor.position = start;
    }
    parsed
}

fn month_first(cursor: &mut Cursor) -> Option<(u32, u32, u32)> {
    let month = month_number(cursor.word(char::is_alphabetic))?;
    cursor.literal(".");
    cursor.spaces().then_some(())?;
    let day = cursor.day()?;
    cursor.literal(",").then_some(())?;
    cursor.spaces().then_some(())?;
    let year = cursor.digits(4)?;
    Some((year, month, day))
}

fn day_first(cursor: &mut Cursor) -> Option<(u32, u32, u32)> {
    let day = cursor.day()?;
    cursor.spaces().then_some(())?;
    let month = month_number(cursor.word(char::is_alphabetic))?;
    cursor.literal(".");
    cursor.spaces().then_some(())?;
    let year = cursor.digits(4)?;
    Some((year, month, day))
}

fn is_leap_year(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// `YYYY-MM-DD` for a real calendar date (years 1000–9999).
fn format_date(year: u32, month: u32, day: u32) -> Option<String> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => return None,
    };
    let valid = (1000..=9999).contains(&year) && (1..=days_in_month).contains(&day);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> [Block; 1] {
        [Block { span: TextSpan::new(0, text.len()), kind: BlockKind::Paragraph }]
    }

    fn date_of(text: &str) -> Option<String> {
        find(text, &whole(text)).map(|d| d.date)
    }

    fn covered(text: &str) -> Option<&str> {
        find(text, &whole(text)).map(|d| &text[d.span.range()])
    }

    #[test]
    fn agency_dateline_after_a_headline() {
        let text = "Storm hits coast\n\nMIAMI, Aug. 30, 2023 (AP) \u{2014} Winds rose.\n\nLONDON, 3 May 2023 \u{2014} Later.";
        let blocks = [
            Block { span: TextSpan::new(0, 16), kind: BlockKind::Heading(1) },
            Block { span: TextSpan::new(18, 59), kind: BlockKind::Paragraph },
            Block { span: TextSpan::new(61, text.len()), kind: BlockKind::Paragraph },
        ];
        let found = find(text, &blocks).map(|d| (d.date, &text[d.span.range()]));
        assert_eq!(found, Some(("2023-08-30".to_string(), "MIAMI, Aug. 30, 2023 (AP) \u{2014}")));
        assert_eq!(find(text, &blocks[..1]), None, "a headline alone has no dateline");
    }

    #[test]
    fn leading_date_marker() {
        assert_eq!(date_of(" date 2024-11-05 Voters in Ohio…").as_deref(), Some("2024-11-05"));
        assert_eq!(covered("\n\t date 2024-11-05 Voters"), Some("date 2024-11-05"));
        assert_eq!(date_of("Date 2024-02-29\nText").as_deref(), Some("2024-02-29"));
        assert_eq!(date_of("date 2024-11-05").as_deref(), Some("2024-11-05"));
    }

    #[test]
    fn marker_must_lead_and_be_well_formed() {
        assert_eq!(date_of("The date 2024-11-05 was set"), None);
        assert_eq!(date_of("date 2024-11-05x more"), None);
        assert_eq!(date_of("date 2024-1-05 more"), None);
        assert_eq!(date_of("date2024-11-05 more"), None);
        assert_eq!(date_of("dated 2024-11-05 more"), None);
        assert_eq!(date_of("date 20241-10-05 more"), None);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00", "1900-02-29", "0999-01-01"] {
            assert_eq!(date_of(&format!("date {bad} text")), None, "{bad}");
        }
        assert_eq!(date_of("date 2000-02-29 text").as_deref(), Some("2000-02-29"));
    }

    #[test]
    fn agency_datelines_with_a_year() {
        let text = "WASHINGTON, March 3, 2024 (Reuters) - The Senate voted.";
        assert_eq!(date_of(text).as_deref(), Some("2024-03-03"));
        assert_eq!(covered(text), Some("WASHINGTON, March 3, 2024 (Reuters) -"));
        assert_eq!(date_of("LONDON, 3 March 2024 \u{2014} Rain fell.").as_deref(), Some("2024-03-03"));
        assert_eq!(date_of("AUSTIN, Texas, Sept. 9, 2023 (AP) \u{2014} A storm.").as_deref(), Some("2023-09-09"));
        assert_eq!(date_of("NEW YORK, Dec. 31, 2023 -- Markets closed.").as_deref(), Some("2023-12-31"));
        assert_eq!(date_of("ST. LOUIS, Mo., May 1, 2022 (AP) \u{2014} Fans.").as_deref(), Some("2022-05-01"));
    }

    #[test]
    fn datelines_without_a_full_date_give_nothing() {
        assert_eq!(date_of("WASHINGTON (Reuters) - The Senate voted."), None);
        assert_eq!(date_of("LONDON, March 3 (Reuters) - Rain."), None);
        assert_eq!(date_of("WASHINGTON, February 30, 2024 (Reuters) - No."), None);
        assert_eq!(date_of("Washington, March 3, 2024 - lower-case place."), None);
        assert_eq!(date_of("NATO, March 3, 2024 is when it happened."), None);
    }

    #[test]
    fn junk_never_panics() {
        for text in ["", "date", "date ", "date 2024-", "WASHINGTON,", "A, 1 May", "\u{FEFF}\u{200B}é, 3 Mäy 2024 —"] {
            let _ = find(text, &whole(text));
        }
        let long = format!("LONDON, {}", "x".repeat(1000));
        assert_eq!(date_of(&long), None);
    }
}
