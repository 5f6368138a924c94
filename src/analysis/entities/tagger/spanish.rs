//! Where a Spanish name begins and ends, mended on the tagger's tags before they become names.
//!
//! Spanish names bodies and places through chains of `de` (`Comité de Competición de la
//! Federación Española de Fútbol`, `Corte de Apelaciones de Santiago`), and CoNLL-2002's Spanish
//! news takes the longest such chain as one name. The tagger, reading a few words either side,
//! often stops inside the chain: it ends a name on `de` (`Pablo Hermoso de` + `Mendoza`), or
//! ends a body's name before `de` and a place (`Corte de Apelaciones` + `Santiago`). It also
//! carries a score or a season into a club's name (`Barcelona 98`, `CALPISA 1975-76`) and, now
//! and then, a lower-case word at either end (`Paolo Maldonado y`, `española Telefónica`).

use super::type_of;
use crate::analysis::document::{Document, TokenKind};

/// Type index of organisations in [`super::TYPE_NAMES`].
const ORGANIZATION: usize = 1;

/// The words that open a `de` chain, and the articles that may follow `de` in it.
const CHAIN_OPENERS: &[&str] = &["de", "del"];
const CHAIN_ARTICLES: &[&str] = &["la", "las", "los"];

/// Whether a folded word opens a `de` chain (`de`, `del`).
pub(crate) fn opens_chain(folded: &str) -> bool {
    CHAIN_OPENERS.contains(&folded)
}

/// The languages whose tags are mended so: Spanish, on whose half A of the development split
/// the rules gained 1.1 points of PER/ORG/LOC F1 end to end (75.6 → 76.7); the other
/// languages' names are left as their taggers end them.
const LANGUAGES: &[&str] = &["es"];

/// Whether [`mend`] applies to a language.
pub(crate) fn applies(language: &str) -> bool {
    LANGUAGES.contains(&language)
}

/// Mends the tags of a Spanish document in place (see the module docs).
pub(crate) fn mend(document: &Document, folded: &str, tags: &mut [u8]) {
    untag_numbers(document, tags);
    join_chains(document, folded, tags);
    trim_lower_case_ends(document, folded, tags);
}

/// A bare number is never part of a name (`Barcelona 72 TAU Vitoria` is two clubs and a
/// score): numbers lose their tag, and the tagged word after one begins a name of its own.
fn untag_numbers(document: &Document, tags: &mut [u8]) {
    for t in 0..tags.len() {
        if tags[t] == 0 || document.tokens[t].kind != TokenKind::Number {
            continue;
        }
        tags[t] = 0;
        // The punctuation between the number and the next word (`71 - TAU`) goes with it.
        let mut next = t + 1;
        while next < tags.len() && tags[next] != 0 && !matches!(document.tokens[next].kind, TokenKind::Word | TokenKind::Number) {
            tags[next] = 0;
            next += 1;
        }
        if next < tags.len() && tags[next] != 0 && document.tokens[next].kind == TokenKind::Word {
            tags[next] = begin(type_of(tags[next]));
        }
    }
}

/// Joins a name to the name after it across a `de` chain when the tagger's own run ends on the
/// chain (`Pablo Hermoso de` + `Mendoza`), or when the first names a body (`Corte de
/// Apelaciones` + `de` + `Santiago`); the joined name keeps the first's type.
fn join_chains(document: &Document, folded: &str, tags: &mut [u8]) {
    let mut from = 0;
    while let Some((t, end)) = next_name(tags, from) {
        let kind = type_of(tags[t]);
        // The chain's words the tagger already put in the name, then the untagged ones after it.
        let inside = trailing_chain(document, folded, t, end);
        let after = chain_from(document, folded, tags, end);
        let next = end + after;
        let joins = inside + after > 0
            && next < tags.len()
            && tags[next] % 2 == 1
            && document.tokens[next].is_capitalized(&document.text)
            && (inside > 0 || kind == ORGANIZATION);
        if !joins {
            from = end;
            continue;
        }
        let last = run_end(tags, next);
        for tag in &mut tags[end..last] {
            *tag = inside_of(kind);
        }
        // The joined name may end on another chain: look at it again from its start.
        from = t;
    }
}

/// How many of the last tokens of the run `start..end` form a `de` chain (0 when none, or when
/// the chain would be the whole run).
fn trailing_chain(document: &Document, folded: &str, start: usize, end: usize) -> usize {
    let word = |k: usize| &folded[document.tokens[k].span.range()];
    let is_chain_word = |k: usize| is_lower_case_word(document, k) && (CHAIN_OPENERS.contains(&word(k)) || CHAIN_ARTICLES.contains(&word(k)));
    let mut first = end;
    while first > start + 1 && is_chain_word(first - 1) {
        first -= 1;
    }
    if first < end && CHAIN_OPENERS.contains(&word(first)) {
        end - first
    } else {
        0
    }
}

/// How many untagged tokens from `at` form a `de` chain (`de`, `del`, `de la`), 0 when none.
fn chain_from(document: &Document, folded: &str, tags: &[u8], at: usize) -> usize {
    let word = |k: usize| &folded[document.tokens[k].span.range()];
    let untagged_lower = |k: usize| k < tags.len() && tags[k] == 0 && is_lower_case_word(document, k);
    if !untagged_lower(at) || !CHAIN_OPENERS.contains(&word(at)) {
        return 0;
    }
    if word(at) == "de" && untagged_lower(at + 1) && CHAIN_ARTICLES.contains(&word(at + 1)) {
        2
    } else {
        1
    }
}

/// Drops lower-case words from either end of each name, except a `de` chain opening a person's
/// particle (`de la Sota`): names end on a capitalised word.
fn trim_lower_case_ends(document: &Document, folded: &str, tags: &mut [u8]) {
    let word = |k: usize| &folded[document.tokens[k].span.range()];
    let mut from = 0;
    while let Some((t, end)) = next_name(tags, from) {
        let kind = type_of(tags[t]);
        let mut last = end;
        while last > t && is_lower_case_word(document, last - 1) {
            last -= 1;
        }
        tags[last..end].fill(0);
        let mut first = t;
        while first < last && is_lower_case_word(document, first) && !CHAIN_OPENERS.contains(&word(first)) && !CHAIN_ARTICLES.contains(&word(first)) {
            first += 1;
        }
        tags[t..first].fill(0);
        if first < last {
            tags[first] = begin(kind);
        }
        from = end;
    }
}

/// A word written wholly in lower case (`de`, `y`; not `iPhone`).
fn is_lower_case_word(document: &Document, t: usize) -> bool {
    let token = &document.tokens[t];
    token.kind == TokenKind::Word && !document.token_text(token).chars().any(char::is_uppercase)
}

/// The first name at or after token `from`: its first token and the end of its run.
fn next_name(tags: &[u8], from: usize) -> Option<(usize, usize)> {
    let start = from + tags.get(from..)?.iter().position(|&tag| tag != 0)?;
    Some((start, run_end(tags, start)))
}

/// The end of the name whose tag run starts at `start`: the first token after it that does not
/// continue a name of its type.
fn run_end(tags: &[u8], start: usize) -> usize {
    let kind = type_of(tags[start]);
    let mut end = start + 1;
    while end < tags.len() && continues(tags[end], kind) {
        end += 1;
    }
    end
}

/// Whether `tag` continues a name of type `kind`.
fn continues(tag: u8, kind: usize) -> bool {
    tag != 0 && tag % 2 == 0 && type_of(tag) == kind
}

/// The `B-` tag of type `kind`.
fn begin(kind: usize) -> u8 {
    1 + 2 * kind as u8
}

/// The `I-` tag of type `kind`.
fn inside_of(kind: usize) -> u8 {
    2 + 2 * kind as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ContentFormat;

    /// Tags the words of `text` as `marks` says, one mark per word and number (`.` untagged,
    /// `B`/`I` and a type letter: `BO`, `IL`…), mends them and returns the names as
    /// (text, type letter).
    fn mended(text: &str, marks: &[&str]) -> Vec<(String, char)> {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let mut tags = vec![0u8; document.tokens.len()];
        let mut marks = marks.iter();
        for (t, token) in document.tokens.iter().enumerate() {
            if matches!(token.kind, TokenKind::Word | TokenKind::Number) || document.token_text(token) == "-" {
                let mark = marks.next().expect("a mark per word");
                let kind = match mark.chars().nth(1) {
                    Some('P') => 0,
                    Some('O') => 1,
                    Some('L') => 2,
                    _ => continue,
                };
                tags[t] = if mark.starts_with('B') { begin(kind) } else { inside_of(kind) };
            }
        }
        assert!(marks.next().is_none(), "more marks than words");
        mend(&document, &document.folded, &mut tags);
        super::super::spans(&tags)
            .into_iter()
            .map(|(range, kind)| {
                let span = document.tokens[range.start].span.start..document.tokens[range.end - 1].span.end;
                (document.text[span].to_string(), ['P', 'O', 'L', 'M'][kind])
            })
            .collect()
    }

    fn names(list: &[(&str, char)]) -> Vec<(String, char)> {
        list.iter().map(|(n, k)| (n.to_string(), *k)).collect()
    }

    #[test]
    fn a_body_takes_the_place_after_its_de() {
        let found = mended("La Junta Vecinal de Tordesillas votó.", &[".", "BO", "IO", ".", "BL", "."]);
        assert_eq!(found, names(&[("Junta Vecinal de Tordesillas", 'O')]));
        let chained = mended("El Consejo Asesor de la Lonja de Vigo votó.", &[".", "BO", "IO", "IO", "IO", "IO", "IO", "BL", "."]);
        assert_eq!(chained, names(&[("Consejo Asesor de la Lonja de Vigo", 'O')]));
    }

    #[test]
    fn a_name_the_tagger_ended_on_de_goes_on_with_the_next_name() {
        let found = mended("Habló Rosa Prieto de Lema ayer.", &[".", "BP", "IP", "IP", "BL", "."]);
        assert_eq!(found, names(&[("Rosa Prieto de Lema", 'P')]));
    }

    #[test]
    fn a_place_before_de_and_another_place_stays_apart() {
        let found = mended("Visitó la Casa Pintada de Tarifa.", &[".", ".", "BL", "IL", ".", "BL"]);
        assert_eq!(found, names(&[("Casa Pintada", 'L'), ("Tarifa", 'L')]));
    }

    #[test]
    fn scores_and_seasons_split_club_names() {
        let found = mended("Ganó el Tarragona 88 - Girona 80.", &[".", ".", "BO", "IO", "IO", "IO", "IO"]);
        assert_eq!(found, names(&[("Tarragona", 'O'), ("Girona", 'O')]));
    }

    #[test]
    fn lower_case_words_leave_either_end_of_a_name() {
        let found = mended("Llegaron Ana Ruiz y Luis Gil con la firma sueca Nordvik.", &[
            ".", "BP", "IP", "IP", "BP", "IP", ".", ".", ".", "BO", "IO",
        ]);
        assert_eq!(found, names(&[("Ana Ruiz", 'P'), ("Luis Gil", 'P'), ("Nordvik", 'O')]));
        // A trailing `de` with no name after it goes too.
        let dangling = mended("Vino el Grupo Lunar de ayer.", &[".", ".", "BO", "IO", "IO", "."]);
        assert_eq!(dangling, names(&[("Grupo Lunar", 'O')]));
    }
}
