//! Where an article's parts are: headings (and a plain-text headline), the lead paragraph, and
//! text that is not content at all — bylines ("By Jane Smith", "Reporting by …"), URLs, agency
//! credits ("(AP Photo/Jane Smith)", "(Reuters)") and the datelines before them
//! ("BUENOS AIRES, Argentina (AP) -", "SALEM, Ore. —"), wherever in the text they stand.
//!
//! Works on the extracted text line by line, so it behaves the same whether the extractor made
//! one block or many; heading blocks from HTML count as headings too.

use super::super::document::{BlockKind, Document, Token, TokenKind};
use super::super::TextSpan;
use super::language::is_agency;

/// Longest line (in bytes) that may be a plain-text headline.
const HEADLINE_MAX_BYTES: usize = 200;
/// Longest line (in bytes) that may be a "By …" byline.
const BYLINE_MAX_BYTES: usize = 80;
/// Longest line (in bytes) that may be a "Reporting by …" credit line.
const CREDIT_MAX_BYTES: usize = 240;

#[derive(Debug, Default)]
pub struct Layout {
    /// Bylines and URLs, sorted by start: tokens inside are skipped.
    pub skipped: Vec<TextSpan>,
    /// Heading blocks and the plain-text headline, sorted by start.
    pub headings: Vec<TextSpan>,
    /// The first paragraph of body text.
    pub lead: Option<TextSpan>,
}

// Out of line, once per document: its own entry in a callgrind profile of the stage.
#[inline(never)]
pub fn analyse(document: &Document) -> Layout {
    let text = document.text.as_str();
    let mut headings: Vec<TextSpan> = document
        .blocks
        .iter()
        .filter(|block| matches!(block.kind, BlockKind::Heading(_)))
        .map(|block| block.span)
        .collect();
    let has_heading_blocks = !headings.is_empty();
    let content_start = document.dateline.as_ref().map_or(0, |dateline| dateline.span.end).min(text.len());

    let mut skipped = Vec::new();
    let mut lead: Option<TextSpan> = None;
    let mut seen_body_line = false;
    let mut lead_open = false;
    let mut offset = content_start;
    let mut next_heading = 0;
    for line in text.get(content_start..).unwrap_or("").split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            lead_open = false;
            continue;
        }
        let leading = line.len() - line.trim_start().len();
        let span = TextSpan::new(start + leading, start + leading + trimmed.len());
        if is_byline(trimmed) {
            skipped.push(span);
            lead_open = false;
            continue;
        }
        if !seen_body_line && !has_heading_blocks && lead.is_none() && is_headline(trimmed) {
            headings.push(span);
            seen_body_line = true;
            continue;
        }
        seen_body_line = true;
        // Heading blocks are in text order, so one forward pointer finds the one around a line.
        while headings.get(next_heading).is_some_and(|heading| heading.end <= span.start) {
            next_heading += 1;
        }
        if headings.get(next_heading).is_some_and(|heading| heading.start <= span.start && span.end <= heading.end) {
            continue;
        }
        match lead.as_mut() {
            None => {
                lead = Some(span);
                lead_open = true;
            }
            Some(lead_span) if lead_open => lead_span.end = span.end,
            Some(_) => {}
        }
    }
    skipped.extend(url_spans(text));
    skipped.extend(credits_and_datelines(document));
    skipped.sort_by_key(|span| (span.start, span.end));
    headings.sort_by_key(|span| (span.start, span.end));
    Layout { skipped, headings, lead }
}

/// A short line with at least two words and no closing punctuation: a headline, not a sentence.
fn is_headline(line: &str) -> bool {
    let ends_like_sentence = line.ends_with(['.', '!', '?', '…', ':', ';', ',', '"', '”', '»', ')']);
    line.len() <= HEADLINE_MAX_BYTES && !ends_like_sentence && line.split_whitespace().nth(1).is_some()
}

/// "By Jane Smith", "By Jane Smith and John Doe in Kyiv", "Reporting by …; Editing by …".
fn is_byline(line: &str) -> bool {
    let line = line.trim_start_matches('(');
    // A line opening with an ASCII byte other than the credits' first letters is no credit: no
    // need to lower-case its start.
    let may_be_credit = line.bytes().next().is_none_or(|first| !first.is_ascii() || matches!(first.to_ascii_lowercase(), b'r' | b'e' | b'w' | b'a'));
    let is_credit = may_be_credit && {
        let lower_prefix: String = line.chars().take(24).flat_map(char::to_lowercase).collect();
        ["reporting by", "editing by", "writing by", "additional reporting by"].iter().any(|prefix| lower_prefix.starts_with(prefix))
    };
    if is_credit {
        return line.len() <= CREDIT_MAX_BYTES;
    }
    let Some(rest) = ["By ", "BY ", "Von ", "Por ", "Par ", "Door ", "Av ", "Di "]
        .iter()
        .find_map(|prefix| line.strip_prefix(prefix))
    else {
        return false;
    };
    if line.len() > BYLINE_MAX_BYTES || rest.trim().is_empty() {
        return false;
    }
    // Every word is a capitalised name part or a joiner; a sentence such as "By Wednesday, the
    // fire had spread" has lower-case words and stays content.
    rest.split(|c: char| c.is_whitespace() || c == ',').filter(|word| !word.is_empty()).all(|word| {
        matches!(word, "and" | "&" | "und" | "y" | "et" | "en" | "og" | "och" | "e" | "in" | "|" | "-" | "–")
            || word.chars().next().is_some_and(char::is_uppercase)
    })
}

/// Tokens an agency credit in brackets may hold ("(AP Photo/Jane Smith, File)").
const MAX_CREDIT_TOKENS: usize = 16;
/// Words of a dateline's place: a city in capitals ("ST. LOUIS") and a state or country after a
/// comma ("Argentina", "Ore.", "N.Y.").
const MAX_PLACE_TOKENS: usize = 8;

/// Agency credits in brackets, each with the capitalised dateline before it, and datelines that
/// open a line and end in a dash without any credit.
fn credits_and_datelines(document: &Document) -> Vec<TextSpan> {
    let text = document.text.as_str();
    let tokens = &document.tokens;
    let mut spans = Vec::new();
    let mut line_start = true;
    for (index, token) in tokens.iter().enumerate() {
        let starts_line = line_start || index == 0;
        line_start = tokens.get(index + 1).is_some_and(|next| text[token.span.end..next.span.start].contains('\n'));
        let token_text = token.text(text);
        if token_text == "(" && tokens.get(index + 1).is_some_and(|next| is_agency(&next.text(text).to_lowercase())) {
            let Some(close) = tokens[index..].iter().take(MAX_CREDIT_TOKENS).position(|t| t.text(text) == ")") else {
                continue;
            };
            let start = dateline_before(text, tokens, index).unwrap_or(index);
            let mut end = index + close;
            // The dash after "(AP)" belongs to the dateline.
            if tokens.get(end + 1).is_some_and(|t| is_dash(t.text(text))) {
                end += 1;
            }
            spans.push(TextSpan::new(tokens[start].span.start, tokens[end].span.end));
        } else if starts_line && token.is_all_caps(text) && token.kind == TokenKind::Word {
            if let Some(dash) = dash_after_place(text, tokens, index) {
                spans.push(TextSpan::new(token.span.start, tokens[dash].span.end));
            }
        }
    }
    spans
}

fn is_dash(token: &str) -> bool {
    matches!(token, "-" | "–" | "—" | "--")
}

/// Place words: capitalised words, dots of abbreviations and commas.
fn is_place_token(text: &str, token: &Token) -> bool {
    (token.kind == TokenKind::Word && token.is_capitalized(text)) || matches!(token.text(text), "." | ",")
}

/// The first token of "CITY[, Place]" directly before `open` (a bracket), when the city is in
/// capitals.
fn dateline_before(text: &str, tokens: &[Token], open: usize) -> Option<usize> {
    let mut first = None;
    for index in (open.saturating_sub(MAX_PLACE_TOKENS)..open).rev() {
        let token = &tokens[index];
        if !is_place_token(text, token) {
            break;
        }
        if token.kind == TokenKind::Word && token.is_all_caps(text) {
            first = Some(index);
        } else if first.is_some() {
            break;
        }
    }
    first
}

/// The dash ending "CITY[, Place] —" that starts at `start`.
fn dash_after_place(text: &str, tokens: &[Token], start: usize) -> Option<usize> {
    let mut saw_comma_or_dash = false;
    for index in start..tokens.len().min(start + MAX_PLACE_TOKENS) {
        let token = &tokens[index];
        if is_dash(token.text(text)) && index > start {
            return Some(index).filter(|_| saw_comma_or_dash || tokens[start..index].iter().all(|t| t.is_all_caps(text)));
        }
        if token.text(text) == "," {
            saw_comma_or_dash = true;
        }
        if !is_place_token(text, token) {
            return None;
        }
    }
    None
}

/// Bare URLs (`http://`, `https://`, `www.`) up to the next whitespace.
fn url_spans(text: &str) -> Vec<TextSpan> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut position = 0;
    while position < bytes.len() {
        // Only an `h` or a `w` can start one: every other byte is passed over at once.
        if !matches!(bytes[position], b'h' | b'w' | b'W') {
            position += 1;
            continue;
        }
        let rest = &bytes[position..];
        let starts_url = rest.starts_with(b"http://")
            || rest.starts_with(b"https://")
            || (rest.len() > 4 && rest[..4].eq_ignore_ascii_case(b"www.") && rest[4].is_ascii_alphanumeric());
        let at_word_start = position == 0 || !bytes[position - 1].is_ascii_alphanumeric();
        if starts_url && at_word_start {
            let length = rest.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(rest.len());
            spans.push(TextSpan::new(position, position + length));
            position += length;
        } else {
            position += 1;
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ContentFormat;

    fn layout_of(text: &str) -> (Document, Layout) {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let layout = analyse(&document);
        (document, layout)
    }

    #[test]
    fn headline_byline_and_lead_are_found() {
        let (document, layout) = layout_of(
            "Storm closes ports along the coast\nBy Ana Lopes and Tom Reed\n\nA storm closed three ports on Monday.\nShips waited offshore.\n\nOfficials said more rain was due.",
        );
        let headings: Vec<&str> = layout.headings.iter().map(|s| document.slice(*s)).collect();
        assert_eq!(headings, ["Storm closes ports along the coast"]);
        let skipped: Vec<&str> = layout.skipped.iter().map(|s| document.slice(*s)).collect();
        assert_eq!(skipped, ["By Ana Lopes and Tom Reed"]);
        let lead = layout.lead.map(|s| document.slice(s));
        assert_eq!(lead, Some("A storm closed three ports on Monday.\nShips waited offshore."));
    }

    #[test]
    fn a_sentence_starting_with_by_is_content() {
        assert!(is_byline("Additional reporting by Ana Lopes") && is_byline("WRITING BY Tom Reed") && is_byline("(editing by Jo Lind)"));
        assert!(!is_byline("Rain fell all day.") && !is_byline("") && !is_byline("Éditing by nobody"));
        assert!(!is_byline("By Wednesday, the fire had reached the valley."));
        assert!(is_byline("By JANE SMITH"));
        assert!(is_byline("(Reporting by Jan Novak; Editing by Mark Heinrich)"));
    }

    #[test]
    fn agency_credits_and_datelines_are_skipped_wherever_they_stand() {
        let (document, layout) = layout_of(
            "Harbour reopens\nCranes idle on the quay. (AP Photo/Jo Lind) OSLO, Norway (AP) - Harbour cranes moved again.\nBERGEN — Ferries sailed.",
        );
        let skipped: Vec<&str> = layout.skipped.iter().map(|s| document.slice(*s)).collect();
        assert_eq!(skipped, ["(AP Photo/Jo Lind)", "OSLO, Norway (AP) -", "BERGEN —"]);
    }

    #[test]
    fn a_capitalised_sentence_start_is_not_a_dateline() {
        let (_, layout) = layout_of("NATO ministers met in Brussels - and agreed.\nThe EU (European Union) said no.");
        assert!(layout.skipped.is_empty(), "{:?}", layout.skipped);
    }

    #[test]
    fn urls_start_at_a_word_start_only() {
        let spans = url_spans("see xhttp://a.b and WWW.Example.org, whttps://c.d or http://e.f");
        assert_eq!(spans, [TextSpan::new(20, 36), TextSpan::new(53, 63)]);
        assert!(url_spans("www.").is_empty() && url_spans("").is_empty());
    }

    #[test]
    fn urls_are_skipped() {
        let (document, layout) = layout_of("See https://example.com/a/b?c=d and www.example.org now.");
        let skipped: Vec<&str> = layout.skipped.iter().map(|s| document.slice(*s)).collect();
        assert_eq!(skipped, ["https://example.com/a/b?c=d", "www.example.org"]);
    }

    #[test]
    fn a_first_line_ending_in_a_full_stop_is_the_lead_not_a_headline() {
        let (document, layout) = layout_of("Rain fell all day in the capital.\nRivers rose.");
        assert!(layout.headings.is_empty());
        assert_eq!(layout.lead.map(|s| document.slice(s)), Some("Rain fell all day in the capital.\nRivers rose."));
    }
}
