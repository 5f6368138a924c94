//! Tokens that UAX #29 would tear apart: bare URLs, e-mail addresses and ASCII emoticons.
//! Found in one left-to-right pass before word segmentation; everything between them is
//! segmented normally.

use super::TokenKind;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Special {
    pub range: Range<usize>,
    pub kind: TokenKind,
}

/// Longest first, so `:-)` wins over `:-` prefixes and `</3` over `<3`.
const EMOTICONS: [&str; 37] = [
    ":'-(", ":'-)", ":-)", ":-(", ":-D", ":-P", ":-p", ":-O", ":-o", ":-/", ":-|", ":-*", ";-)", ":'(", ":')",
    "</3", "^_^", "-_-", "<3", ":)", ":(", ":D", ":P", ":p", ":O", ":o", ":|", ":*", ";)", ";D", ";P", ";p", "=)",
    "=(", ":]", ":[", ":/",
];

/// Sorted, non-overlapping specials of `text`.
pub fn find(text: &str) -> Vec<Special> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut position = 0;
    // Where the local part of an e-mail address may start: after the previous special or `@`.
    let mut local_floor = 0;
    while position < bytes.len() {
        // Bytes that can start nothing are passed over in one scan, not one loop turn each.
        match bytes[position..].iter().position(|&b| may_start_special(b)) {
            Some(skip) => position += skip,
            None => break,
        }
        let byte = bytes[position];
        // The character before is only decoded where a URL may start: most bytes are no `h`/`w`.
        let may_start_url = matches!(byte, b'h' | b'H' | b'w' | b'W')
            && (position == 0 || !char_before(text, position).is_some_and(char::is_alphanumeric));
        if may_start_url {
            if let Some(end) = url_end(text, position) {
                found.push(Special { range: position..end, kind: TokenKind::Url });
                position = end;
                local_floor = end;
                continue;
            }
        }
        if byte == b'@' {
            if let Some(range) = email_around(text, position, local_floor) {
                position = range.end;
                local_floor = range.end;
                found.push(Special { range, kind: TokenKind::Url });
                continue;
            }
            local_floor = position + 1;
        }
        if matches!(byte, b':' | b';' | b'<' | b'=' | b'^' | b'-') {
            if let Some(end) = emoticon_end(text, position) {
                found.push(Special { range: position..end, kind: TokenKind::Emoticon });
                position = end;
                local_floor = end;
                continue;
            }
        }
        position += 1;
    }
    found
}

/// The bytes the loop of [`find`] acts on: a URL's `h`/`w`, an e-mail's `@`, an emoticon's first
/// character. Any other byte is stepped over there.
fn may_start_special(byte: u8) -> bool {
    matches!(byte, b'h' | b'H' | b'w' | b'W' | b'@' | b':' | b';' | b'<' | b'=' | b'^' | b'-')
}

fn char_before(text: &str, position: usize) -> Option<char> {
    text.get(..position)?.chars().next_back()
}

fn char_at(text: &str, position: usize) -> Option<char> {
    text.get(position..)?.chars().next()
}

fn starts_with_ignore_case(text: &str, position: usize, prefix: &str) -> bool {
    text.as_bytes().get(position..position + prefix.len()).is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Characters that end a bare URL: whitespace, controls, and delimiters that cannot appear
/// unescaped in one (`<`, `>`, `"`, typographic quotes and brackets).
fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
        || matches!(c, '\u{2018}'..='\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2039}' | '\u{203A}')
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}')
}

/// The end of a bare `http://`, `https://` or `www.` URL starting at `start`, without trailing
/// sentence punctuation or an unbalanced closing bracket.
fn url_end(text: &str, start: usize) -> Option<usize> {
    let scheme_length = ["https://", "http://", "www."]
        .iter()
        .find(|prefix| starts_with_ignore_case(text, start, prefix))
        .map(|prefix| prefix.len())?;
    let host_start = start + scheme_length;
    let rest = &text[host_start..];
    // The host is checked before the rest is scanned, so a run of hostless candidates
    // (`http://?http://?…`) costs linear time.
    let host_length = rest.find(|c| ends_url(c) || matches!(c, '/' | '?' | '#')).unwrap_or(rest.len());
    if !rest[..host_length].chars().any(char::is_alphanumeric) {
        return None;
    }
    let mut end = host_start + rest.find(ends_url).unwrap_or(rest.len());
    let open_parens = text[start..end].matches('(').count();
    let mut close_parens = text[start..end].matches(')').count();
    while let Some(last) = char_before(text, end).filter(|_| end > host_start) {
        let trailing = matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | ']' | '}')
            || (last == ')' && close_parens > open_parens);
        if !trailing {
            break;
        }
        if last == ')' {
            close_parens -= 1;
        }
        end -= last.len_utf8();
    }
    let host = text[host_start..end].split(['/', '?', '#']).next().unwrap_or("");
    if !host.chars().any(char::is_alphanumeric) {
        return None;
    }
    if scheme_length == 4 && !host.trim_end_matches('.').contains('.') {
        return None;
    }
    Some(end)
}

fn is_local_part_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// An e-mail address whose `@` is at `at`, with its local part starting no earlier than `floor`.
fn email_around(text: &str, at: usize, floor: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut start = at;
    while start > floor && is_local_part_char(bytes[start - 1]) {
        start -= 1;
    }
    while start < at && bytes[start] == b'.' {
        start += 1;
    }
    if start == at || bytes[at - 1] == b'.' || char_before(text, start).is_some_and(char::is_alphanumeric) {
        return None;
    }
    let mut end = at + 1;
    while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'.' | b'-')) {
        end += 1;
    }
    while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
        end -= 1;
    }
    if char_at(text, end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    let domain = &text[at + 1..end];
    let mut labels = domain.split('.');
    let valid_labels = domain.split('.').all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
    let top_level = labels.next_back().unwrap_or("");
    let has_two_labels = labels.next().is_some();
    let valid_top_level = top_level.len() >= 2 && top_level.bytes().all(|b| b.is_ascii_alphabetic());
    (valid_labels && has_two_labels && valid_top_level).then_some(start..end)
}

/// The end of an emoticon starting at `start`, if one stands there on its own.
fn emoticon_end(text: &str, start: usize) -> Option<usize> {
    let emoticon = EMOTICONS.iter().find(|e| text[start..].starts_with(**e))?;
    let mut end = start + emoticon.len();
    let last = emoticon.as_bytes()[emoticon.len() - 1];
    if matches!(last, b')' | b'(' | b']' | b'[') {
        while text.as_bytes().get(end) == Some(&last) {
            end += 1;
        }
    }
    let before = char_before(text, start);
    let after = char_at(text, end);
    if after.is_some_and(|c| c.is_alphanumeric() || c == '/') {
        return None;
    }
    let ends_with_letter = last.is_ascii_alphabetic();
    let allowed_before = match before {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some(c) if c.is_numeric() => false,
        Some(c) if c.is_alphabetic() => !ends_with_letter && !emoticon.starts_with(['<', '^', '-', '=']),
        Some(c) => c != '<' && c != ':' && c != ';' && c != '=',
    };
    allowed_before.then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        find(text).into_iter().map(|s| (&text[s.range], s.kind)).collect()
    }

    #[test]
    fn url_prefixes_are_case_insensitive_and_need_a_host() {
        assert_eq!(kinds("HTTPS://Example.COM/x"), [("HTTPS://Example.COM/x", TokenKind::Url)]);
        assert_eq!(kinds("www.example"), []);
        assert_eq!(kinds("awww.example.com"), []);
        assert_eq!(kinds("http://..."), []);
    }

    #[test]
    fn url_stops_at_quotes_and_markup_delimiters() {
        assert_eq!(kinds("“https://example.com/a”"), [("https://example.com/a", TokenKind::Url)]);
        assert_eq!(kinds("<https://example.com/a>"), [("https://example.com/a", TokenKind::Url)]);
        assert_eq!(kinds("https://example.com/über?q=ä!"), [("https://example.com/über?q=ä", TokenKind::Url)]);
    }

    #[test]
    fn email_needs_a_local_part_and_a_dotted_domain() {
        assert_eq!(kinds("write to a.b+c@mail.example.com."), [("a.b+c@mail.example.com", TokenKind::Url)]);
        assert_eq!(kinds("user@localhost"), []);
        assert_eq!(kinds("@example.com"), []);
        assert_eq!(kinds("x@y.c1"), []);
        assert_eq!(kinds("a@b@c.com"), [("b@c.com", TokenKind::Url)]);
    }

    #[test]
    fn repeated_emoticon_mouths_are_one_token() {
        assert_eq!(kinds("yes :))) ok"), [(":)))", TokenKind::Emoticon)]);
        assert_eq!(kinds("^_^ and -_-"), [("^_^", TokenKind::Emoticon), ("-_-", TokenKind::Emoticon)]);
    }

    #[test]
    fn pathological_inputs_stay_linear() {
        let many_ats = "a@".repeat(50_000);
        assert!(find(&many_ats).is_empty());
        let many_urls = "www.a.b ".repeat(10_000);
        assert_eq!(find(&many_urls).len(), 10_000);
    }
}
