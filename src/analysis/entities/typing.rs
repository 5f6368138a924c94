//! Typing: each mention adds weighted evidence for every type it might have; an entity's type is
//! decided on the sum over all its mentions, not by the first rule that fires.

use super::gazetteer::{Known, Lexicon};
use crate::analysis::document::Casing;
use super::EntityType;

/// The types a name can be given from evidence, in tie-break order.
const TYPES: [EntityType; 5] =
    [EntityType::Person, EntityType::Organization, EntityType::Location, EntityType::Nationality, EntityType::Event];

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Evidence {
    scores: [f32; 5],
}

impl Evidence {
    pub fn add(&mut self, entity_type: EntityType, weight: f32) {
        if let Some(i) = TYPES.iter().position(|t| *t == entity_type) {
            self.scores[i] += weight;
        }
    }

    pub fn merge(&mut self, other: &Evidence) {
        for (mine, theirs) in self.scores.iter_mut().zip(other.scores) {
            *mine += theirs;
        }
    }

    pub fn score(&self, entity_type: EntityType) -> f32 {
        TYPES.iter().position(|t| *t == entity_type).map_or(0.0, |i| self.scores[i])
    }

    /// The best-supported type; `Other` when nothing speaks for any.
    pub fn decide(&self) -> EntityType {
        let mut best = (EntityType::Other, 0.0_f32);
        for (entity_type, score) in TYPES.iter().zip(self.scores) {
            if score > best.1 {
                best = (*entity_type, score);
            }
        }
        best.0
    }

    /// Something other than the weak priors speaks for a type (German needs this to keep a name).
    pub fn is_specific(&self) -> bool {
        self.scores.iter().any(|s| *s >= 1.5)
    }
}

/// What typing needs to know about one mention.
pub(crate) struct MentionFacts<'a> {
    /// Folded words of the name (hyphenated parts kept together).
    pub words: &'a [&'a str],
    /// The name's words as written (same length as `words`).
    pub written: &'a [&'a str],
    /// Folded name key (words joined by single spaces).
    pub key: &'a str,
    pub titled: bool,
    /// The folded word just before the name (or its title), when nothing but space separates them.
    pub previous: Option<&'a str>,
    /// The folded word just after the name, when nothing but space separates them.
    pub next: Option<&'a str>,
    pub possessive: bool,
}

const CONNECTORS: &[&str] = &[
    "of", "the", "and", "de", "da", "di", "do", "dos", "das", "du", "des", "del", "della", "van", "von", "der",
    "den", "ter", "ten", "bin", "ibn", "ben", "bint", "al", "el", "y", "la", "le", "zu", "upon",
];

pub(crate) fn is_connector(folded: &str) -> bool {
    CONNECTORS.contains(&folded)
}

/// Suffixes of surnames common in world news (Slavic, Baltic, Greek, Nordic patronymics).
const SURNAME_ENDINGS: &[&str] =
    &["ov", "ova", "ev", "eva", "enko", "sky", "skyy", "skiy", "ski", "ska", "vich", "wicz", "escu", "opoulos", "idis", "sson", "yan", "ian"];

/// Verbs of saying that follow a speaker.
const SPEECH_VERBS: &[&str] = &["said", "says", "told", "added", "wrote", "tweeted", "posted", "warned", "insisted", "argued", "stressed"];

pub(crate) fn evidence(lexicon: &Lexicon, facts: &MentionFacts<'_>) -> Evidence {
    let mut e = Evidence::default();
    let words = facts.words;
    let Some((&first, &last)) = words.first().zip(words.last()) else { return e };
    let known = lexicon.known(facts.key).map(|p| p.known).unwrap_or_default();
    let significant = words.iter().filter(|w| !is_connector(w)).count();

    if facts.titled {
        e.add(EntityType::Person, 3.0);
    }
    add_gazetteer(&mut e, known, words.len());

    // Organisation words: the head anywhere it counts, or last.
    for (i, word) in words.iter().enumerate() {
        if let Some(&anywhere) = lexicon.org_words.get(*word) {
            if (anywhere || i + 1 == words.len()) && words.len() > 1 {
                e.add(EntityType::Organization, 3.5);
                break;
            }
        }
    }
    if words.len() > 1 && lexicon.facility_heads.contains(last) && !known.any() {
        e.add(EntityType::Location, 3.5);
    }
    if words.len() > 1 && !known.any() {
        if lexicon.event_heads.contains(last) || lexicon.event_heads.contains(&words[words.len() - 2..].join(" ")) {
            e.add(EntityType::Event, 3.0);
        }
    } else if words.len() == 1 && lexicon.event_heads.contains(first) && !known.any() {
        e.add(EntityType::Event, 2.0);
    }

    // Person names: a given name first, initials, surname endings.
    let given_first = lexicon.given_names.contains(first) && !known.any();
    if significant >= 2 && given_first {
        e.add(EntityType::Person, 2.5);
    } else if words.len() == 1 && lexicon.given_names.contains(first) && !known.any() {
        e.add(EntityType::Person, 1.5);
    }
    let initials = facts.written.first().is_some_and(|w| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        (letters == 1 || (letters == 2 && Casing::of(w).is_all_caps())) && words.len() >= 2
    }) && !lexicon.known(first).is_some_and(|p| p.known.any())
        && !lexicon.org_words.contains_key(last);
    if initials {
        e.add(EntityType::Person, 2.0);
    }
    let middle_initial = words.len() == 3 && facts.written.get(1).is_some_and(|w| w.chars().filter(|c| c.is_alphabetic()).count() == 1);
    if middle_initial {
        e.add(EntityType::Person, 1.5);
    }
    if significant >= 2 && SURNAME_ENDINGS.iter().any(|s| last.len() > s.len() + 2 && last.ends_with(s)) {
        e.add(EntityType::Person, 0.8);
    }

    // Acronyms not known as places are most often organisations.
    if words.len() == 1 && facts.written.first().is_some_and(|w| Casing::of(w).is_all_caps()) && !known.any() {
        e.add(EntityType::Organization, 2.0);
    }

    // Context.
    match facts.previous {
        Some("the") => {
            e.add(EntityType::Organization, 1.2);
            e.add(EntityType::Location, 0.6);
            e.add(EntityType::Person, -1.5);
        }
        Some("in" | "near" | "across" | "outside" | "inside" | "throughout") => e.add(EntityType::Location, 1.5),
        Some("from" | "to" | "into" | "towards" | "toward") => e.add(EntityType::Location, 0.5),
        Some("visit" | "visited" | "visiting" | "capital") => e.add(EntityType::Location, 0.8),
        Some(word) if lexicon.role_words.contains(word) => e.add(EntityType::Person, 1.5),
        _ => {}
    }
    if facts.next.is_some_and(|n| SPEECH_VERBS.contains(&n)) {
        e.add(EntityType::Person, 0.6);
        e.add(EntityType::Organization, 0.3);
    }
    if facts.possessive {
        e.add(EntityType::Person, 0.2);
        e.add(EntityType::Organization, 0.2);
    }

    // Weak priors: in news an unknown capitalised name is most often a person's.
    if (2..=4).contains(&significant) && words.len() == significant {
        e.add(EntityType::Person, 0.6);
    } else if words.len() == 1 {
        e.add(EntityType::Person, 0.3);
        e.add(EntityType::Organization, 0.2);
    } else {
        e.add(EntityType::Organization, 0.4);
    }
    e
}

fn add_gazetteer(e: &mut Evidence, known: Known, word_count: usize) {
    if known.country {
        e.add(EntityType::Location, 4.0);
    }
    if known.capital || known.region {
        e.add(EntityType::Location, 3.5);
    }
    if known.subdivision {
        e.add(EntityType::Location, 3.0);
    }
    if known.city && !known.strong_place() {
        e.add(EntityType::Location, if word_count > 1 { 3.0 } else { 2.2 });
    }
    if known.organization {
        e.add(EntityType::Organization, 4.5);
    }
    if known.demonym {
        e.add(EntityType::Nationality, 4.5);
    }
}

/// Evidence for a name known only from a link slug (no context).
pub(crate) fn slug_evidence(lexicon: &Lexicon, key: &str, words: &[&str]) -> Evidence {
    let written: Vec<&str> = words.to_vec();
    let facts = MentionFacts { words, written: &written, key, titled: false, previous: None, next: None, possessive: false };
    evidence(lexicon, &facts)
}

#[cfg(test)]
mod tests {
    use super::super::gazetteer::LEXICON;
    use super::*;

    fn type_of(written: &[&str], previous: Option<&str>, titled: bool) -> EntityType {
        let folded: Vec<String> = written.iter().map(|w| w.to_lowercase()).collect();
        let words: Vec<&str> = folded.iter().map(String::as_str).collect();
        let key = words.join(" ");
        let facts = MentionFacts { words: &words, written, key: &key, titled, previous, next: None, possessive: false };
        evidence(&LEXICON, &facts).decide()
    }

    #[test]
    fn evidence_types_the_usual_suspects() {
        assert_eq!(type_of(&["John", "Healey"], None, false), EntityType::Person);
        assert_eq!(type_of(&["Healey"], None, true), EntityType::Person);
        assert_eq!(type_of(&["JD", "Vance"], None, false), EntityType::Person);
        assert_eq!(type_of(&["Pentagon"], Some("the"), false), EntityType::Organization);
        assert_eq!(type_of(&["Nato"], None, false), EntityType::Organization);
        assert_eq!(type_of(&["Ministry", "of", "Defence"], None, false), EntityType::Organization);
        assert_eq!(type_of(&["Crimea"], None, false), EntityType::Location);
        assert_eq!(type_of(&["Saudi", "Arabia"], None, false), EntityType::Location);
        assert_eq!(type_of(&["Russian"], None, false), EntityType::Nationality);
        assert_eq!(type_of(&["Bakhmutovka"], Some("in"), false), EntityType::Location);
        assert_eq!(type_of(&["World", "Cup"], None, false), EntityType::Event);
        assert_eq!(type_of(&["Emirates", "Stadium"], Some("the"), false), EntityType::Location);
    }

    #[test]
    fn a_country_stays_a_place_even_when_it_is_a_given_name() {
        assert_eq!(type_of(&["Jordan"], Some("in"), false), EntityType::Location);
        assert_eq!(type_of(&["Georgia"], None, false), EntityType::Location);
    }
}
