//! Dutch names the tagger typed as people where the words before say otherwise, retyped on the
//! tags before they become names.
//!
//! In CoNLL-2002's Dutch news, a name after the article `de` or `het` is almost never a person
//! (1 of the 293 names after them on half A of the development split: mostly nationalities,
//! events and titles, then bodies; `een` is left out: `een Shimon Peres` is rhetoric, and a
//! person), and a name after `in`, `uit` or `naar` is a
//! place (120 of 129, one a person). The tagger, which sees the word before as one feature among many, still
//! types some of them as people (`de Braziliaan`, `in Karnataka`).

use std::ops::Range;

use foldhash::HashMap;

use crate::analysis::document::{Document, TokenKind};

/// Type indexes in [`super::TYPE_NAMES`].
const PERSON: usize = 0;
const LOCATION: usize = 2;
const MISCELLANEOUS: usize = 3;

/// Articles before which no person's name stands.
const ARTICLES: &[&str] = &["de", "het"];
/// Prepositions of place: what follows them is a place when the tagger thought it a person.
const PLACE_PREPOSITIONS: &[&str] = &["in", "uit", "naar"];

/// The languages whose tags are retyped so: Dutch, whose half A of the development split chose it.
const LANGUAGES: &[&str] = &["nl"];

/// Whether [`retype_persons`] applies to a language.
pub(crate) fn applies(language: &str) -> bool {
    LANGUAGES.contains(&language)
}

/// Retypes the person names right after an article (to the tagger's miscellaneous type) or a
/// preposition of place (to a place), in place, and every other person name of the document
/// written the same way as a name so cued: one name, one referent (`in Karnataka`, whatever
/// the tagger made of it there, makes every `Karnataka` a place; `de Telegraaf`, typed as a body
/// there, makes every `Telegraaf` one).
pub(crate) fn retype_persons(document: &Document, folded: &str, tags: &mut [u8]) {
    let runs = super::spans(tags);
    let key = |range: &Range<usize>| &folded[document.tokens[range.start].span.start..document.tokens[range.end - 1].span.end];
    // Folded name → the type its cue gives it; a preposition of place wins over an article.
    let mut retyped: HashMap<&str, usize> = HashMap::default();
    for (range, kind) in &runs {
        let Some(cue) = cue_before(document, folded, range.start) else { continue };
        let new_kind = match cue {
            Cue::Place => LOCATION,
            Cue::Article if *kind == PERSON => MISCELLANEOUS,
            Cue::Article => *kind,
        };
        let entry = retyped.entry(key(range)).or_insert(new_kind);
        if cue == Cue::Place {
            *entry = LOCATION;
        }
    }
    for (range, kind) in runs {
        if kind != PERSON {
            continue;
        }
        if let Some(&new_kind) = retyped.get(key(&range)) {
            tags[range.start] = 1 + 2 * new_kind as u8;
            tags[range.start + 1..range.end].fill(2 + 2 * new_kind as u8);
        }
    }
}

/// What the word right before a name says of it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// An article: no person.
    Article,
    /// A preposition of place: a place.
    Place,
}

/// The cue of the word right before a name starting at `start`: an article (lower case, or
/// opening the sentence) or a preposition of place (lower case).
fn cue_before(document: &Document, folded: &str, start: usize) -> Option<Cue> {
    let before = start.checked_sub(1)?;
    let token = &document.tokens[before];
    let spaced = &document.text[token.span.end..document.tokens[start].span.start] == " ";
    if token.kind != TokenKind::Word || !spaced {
        return None;
    }
    let word = &folded[token.span.range()];
    let lower = token.is_lowercase_initial(&document.text);
    if ARTICLES.contains(&word) && (lower || document.is_sentence_initial(before)) {
        Some(Cue::Article)
    } else if PLACE_PREPOSITIONS.contains(&word) && lower {
        Some(Cue::Place)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ContentFormat;

    /// The type letters of the names in `text` after retyping, each word of `person` first tagged
    /// as a one-word person.
    fn retyped(text: &str, persons: &[&str]) -> Vec<(String, char)> {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let mut tags: Vec<u8> = document.tokens.iter().map(|t| u8::from(persons.contains(&document.token_text(t)))).collect();
        retype_persons(&document, &document.folded, &mut tags);
        super::super::spans(&tags)
            .into_iter()
            .map(|(range, kind)| (document.token_text(&document.tokens[range.start]).to_string(), ['P', 'O', 'L', 'M'][kind]))
            .collect()
    }

    #[test]
    fn a_person_after_an_article_or_a_preposition_of_place_is_retyped() {
        let found = retyped("De Noor won, zegt Visser, die in Gelderveen woont. Toen kwam het Zweed.", &["Noor", "Visser", "Gelderveen", "Zweed"]);
        let expected = [("Noor", 'M'), ("Visser", 'P'), ("Gelderveen", 'L'), ("Zweed", 'M')];
        assert_eq!(found, expected.iter().map(|(n, k)| (n.to_string(), *k)).collect::<Vec<_>>());
    }

    #[test]
    fn a_body_after_an_article_makes_the_same_name_a_body_everywhere() {
        let document = Document::parse("Zij werkt bij de Veldpost. Veldpost meldt het.".to_string(), ContentFormat::PlainText);
        let at: Vec<usize> = (0..document.tokens.len()).filter(|&t| document.token_text(&document.tokens[t]) == "Veldpost").collect();
        let mut tags = vec![0u8; document.tokens.len()];
        tags[at[0]] = 3;
        tags[at[1]] = 1;
        retype_persons(&document, &document.folded, &mut tags);
        assert_eq!((tags[at[0]], tags[at[1]]), (3, 3));
    }

    #[test]
    fn the_cue_retypes_every_person_written_the_same_way() {
        let found = retyped("Gelderveen groeit. Wie in Gelderveen woont, kent Gelderveen en Visser.", &["Gelderveen", "Visser"]);
        let expected = [("Gelderveen", 'L'), ("Gelderveen", 'L'), ("Gelderveen", 'L'), ("Visser", 'P')];
        assert_eq!(found, expected.iter().map(|(n, k)| (n.to_string(), *k)).collect::<Vec<_>>());
    }

    #[test]
    fn a_capitalised_article_inside_a_sentence_is_a_name_of_its_own() {
        // `De` inside the sentence is no article: `Pieter De Smet`-style particles keep their person.
        let found = retyped("Gisteren sprak Els De Vos.", &["Vos"]);
        assert_eq!(found, vec![("Vos".to_string(), 'P')]);
    }
}
