//! In-document coreference of names: one group per referent. Full names come first; then a
//! surname alone, a titled form, a first name alone (when only one person has it), an acronym of
//! an expansion, or the first word of a longer organisation's name joins the group it belongs to.

use std::borrow::Borrow;
use std::hash::Hash;

use foldhash::HashMap;

use super::mentions::Candidate;
use super::typing::{is_connector, Evidence};
use super::EntityType;

/// All candidates written the same way (folded).
pub(crate) struct Form {
    pub words: Vec<String>,
    pub candidates: Vec<usize>,
    pub evidence: Evidence,
    pub first: usize,
}

impl Form {
    fn significant(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str).filter(|w| !is_connector(w))
    }
}

/// One referent: its forms, the best first.
pub(crate) struct Group {
    pub forms: Vec<usize>,
    pub evidence: Evidence,
    pub entity_type: EntityType,
}

/// Below this summed evidence, a one-word name keeps no guessed type.
const UNSUPPORTED_SINGLE_WORD: f32 = 1.0;

/// More people sharing one surname than this, and a lone surname is left unmerged.
const MAX_SHARED_SURNAME: usize = 8;

pub(crate) fn forms(candidates: &[Candidate]) -> Vec<Form> {
    // Only looked up, never iterated: the forms keep the candidates' order.
    let mut by_key: HashMap<String, usize> = HashMap::default();
    let mut forms: Vec<Form> = Vec::new();
    for (index, candidate) in candidates.iter().enumerate() {
        let words: Vec<String> = candidate.words.iter().map(|w| straight_apostrophes(w)).collect();
        let key = words.join(" ");
        let form = *by_key.entry(key).or_insert_with(|| {
            forms.push(Form { words, candidates: Vec::new(), evidence: Evidence::default(), first: candidate.span.start });
            forms.len() - 1
        });
        forms[form].candidates.push(index);
        forms[form].evidence.merge(&candidate.evidence);
        forms[form].first = forms[form].first.min(candidate.span.start);
    }
    forms
}

/// A word with its typographic apostrophes made plain; copied as it is when it has none (the
/// usual case: most keys are already plain).
pub(crate) fn straight_apostrophes(word: &str) -> String {
    if word.contains('’') {
        word.replace('’', "'")
    } else {
        word.to_string()
    }
}

/// Whether `words`, their apostrophes made plain ([`straight_apostrophes`]), are `plain`: compared
/// character by character, without building the plain copies.
pub(crate) fn same_words_straightened(words: &[String], plain: &[String]) -> bool {
    let straight = |c: char| if c == '’' { '\'' } else { c };
    words.len() == plain.len() && words.iter().zip(plain).all(|(word, plain)| word.chars().map(straight).eq(plain.chars()))
}

/// Groups forms per referent. `written_all_caps` tells whether a form is written as an acronym.
pub(crate) fn group(forms: &[Form], written_all_caps: impl Fn(&Form) -> bool) -> Vec<Group> {
    // Counted once per form, not twice per comparison.
    let significant_words: Vec<usize> = forms.iter().map(|form| form.significant().count()).collect();
    let mut order: Vec<usize> = (0..forms.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&forms[a], &forms[b]);
        significant_words[b].cmp(&significant_words[a]).then(fa.first.cmp(&fb.first)).then(fa.words.cmp(&fb.words))
    });
    let mut groups: Vec<Group> = Vec::new();
    // Keyed by words borrowed from the forms: no key is copied to be stored or looked up.
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_given: HashMap<&str, Vec<usize>> = HashMap::default();
    // Inner names of long person names: Portuguese and Spanish usage often shortens a name to a
    // middle part (`Luiz Inácio Lula da Silva` → `Lula`).
    let mut by_inner: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_first_word: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
    let mut by_ends: HashMap<(&str, &str), Vec<usize>> = HashMap::default();

    for f in order {
        let form = &forms[f];
        let significant: Vec<&str> = form.significant().collect();
        let own_type = form.evidence.decide();
        // A country, a demonym or a known body keeps its own identity; a city named like a surname
        // (`Hamilton`) does not stop the surname from joining its person.
        let own_is_other_thing = own_type != EntityType::Person && form.evidence.score(own_type) >= 4.0;
        let mut target = None;
        if significant.len() == 1 && form.words.len() == 1 {
            let word = significant[0];
            if !own_is_other_thing {
                target = match by_surname.get(word) {
                    Some(candidates) if candidates.len() <= MAX_SHARED_SURNAME => {
                        nearest_before(candidates, form.first, &groups, forms)
                    }
                    _ => None,
                };
                if target.is_none() && !by_surname.contains_key(word) {
                    target = only_group(&by_given, word);
                }
                if target.is_none() && !by_surname.contains_key(word) && !by_given.contains_key(word) {
                    target = only_group(&by_inner, word);
                }
            }
            if target.is_none() && (written_all_caps(form) || word.len() <= 6) {
                target = only_group(&by_initials, word);
            }
            if target.is_none() && !own_is_other_thing && form.evidence.score(EntityType::Person) < 1.5 {
                target = only_group(&by_first_word, word);
            }
        } else if significant.len() >= 2 {
            let ends = (significant[0], significant[significant.len() - 1]);
            if let Some(groups) = by_ends.get(&ends) {
                if groups.len() == 1 {
                    target = Some(groups[0]);
                }
            }
        }
        match target {
            Some(g) => {
                groups[g].forms.push(f);
                groups[g].evidence.merge(&form.evidence);
            }
            None => {
                let g = groups.len();
                groups.push(Group { forms: vec![f], evidence: form.evidence, entity_type: own_type });
                if significant.len() >= 2 {
                    let (first, last) = (significant[0], significant[significant.len() - 1]);
                    if own_type == EntityType::Person {
                        by_surname.entry(last).or_default().push(g);
                        by_given.entry(first).or_default().push(g);
                        if significant.len() >= 3 {
                            by_ends.entry((first, last)).or_default().push(g);
                            for &inner in &significant[1..significant.len() - 1] {
                                by_inner.entry(inner).or_default().push(g);
                            }
                        }
                    } else {
                        by_first_word.entry(first).or_default().push(g);
                        let initials: String = significant
                            .iter()
                            .filter(|w| !matches!(**w, "for" | "on" | "in"))
                            .filter_map(|w| w.chars().next())
                            .collect();
                        by_initials.entry(initials).or_default().push(g);
                    }
                }
            }
        }
    }
    for group in &mut groups {
        group.entity_type = group.evidence.decide();
        // A lone capitalised word that nothing but the weak priors speaks for (`Mass`,
        // `Starship`) is reported, but not guessed to be a person or an organisation.
        let one_word = group.forms.iter().all(|&f| forms[f].words.len() == 1);
        if one_word && group.evidence.score(group.entity_type) < UNSUPPORTED_SINGLE_WORD {
            group.entity_type = EntityType::Other;
        }
    }
    groups
}

/// The one group `index` lists for `word`, when it lists exactly one.
fn only_group<K: Borrow<str> + Hash + Eq>(index: &HashMap<K, Vec<usize>>, word: &str) -> Option<usize> {
    match index.get(word) {
        Some(groups) if groups.len() == 1 => Some(groups[0]),
        _ => None,
    }
}

/// Among groups sharing a surname, the one whose first mention most closely precedes `position`
/// (or the earliest, when none precedes).
fn nearest_before(candidates: &[usize], position: usize, groups: &[Group], forms: &[Form]) -> Option<usize> {
    let first_of = |g: usize| groups[g].forms.iter().map(|&f| forms[f].first).min().unwrap_or(usize::MAX);
    candidates
        .iter()
        .copied()
        .filter(|&g| first_of(g) <= position)
        .max_by_key(|&g| (first_of(g), std::cmp::Reverse(g)))
        .or_else(|| candidates.iter().copied().min_by_key(|&g| (first_of(g), g)))
}

#[cfg(test)]
mod tests {
    use super::super::gazetteer::LEXICON;
    use super::super::mentions::Detector;
    use super::*;
    use crate::analysis::document::Document;

    #[test]
    fn words_compare_straightened_as_their_plain_copies_do() {
        let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect::<Vec<String>>();
        let cases = [
            (words(&["o’brien"]), words(&["o'brien"])),
            (words(&["o'brien"]), words(&["o'brien"])),
            (words(&["o’brien"]), words(&["o’brien"])),
            (words(&["anna", "weber"]), words(&["anna", "weber"])),
            (words(&["anna"]), words(&["anna", "weber"])),
            (words(&["anna", "weber"]), words(&["anna", "webe"])),
            (words(&["d’alema", "x"]), words(&["d'alema", "x"])),
            (words(&[]), words(&[])),
        ];
        for (written, plain) in cases {
            let copies: Vec<String> = written.iter().map(|w| straight_apostrophes(w)).collect();
            assert_eq!(same_words_straightened(&written, &plain), copies == plain, "{written:?} {plain:?}");
        }
        assert!(same_words_straightened(&words(&["o’brien"]), &words(&["o'brien"])));
        assert!(!same_words_straightened(&words(&["o'brien"]), &words(&["o’brien"])));
    }
    use crate::analysis::ContentFormat;

    fn groups_of(text: &str) -> Vec<Vec<String>> {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let candidates = Detector::new(&LEXICON, "en", &document).detect();
        let forms = forms(&candidates);
        let groups = group(&forms, |_| false);
        groups.iter().map(|g| g.forms.iter().map(|&f| forms[f].words.join(" ")).collect()).collect()
    }

    #[test]
    fn surnames_titles_and_first_names_join_the_full_name() {
        let groups = groups_of("President Emmanuel Macron spoke. Mr Macron left. “Emmanuel, enough!” said Keir Starmer. Starmer agreed.");
        assert!(groups.contains(&vec!["emmanuel macron".to_string(), "macron".to_string(), "emmanuel".to_string()]), "{groups:?}");
        assert!(groups.contains(&vec!["keir starmer".to_string(), "starmer".to_string()]), "{groups:?}");
    }

    #[test]
    fn an_inner_name_joins_its_long_name_unless_a_surname_claims_it() {
        let groups = groups_of(
            "President Luiz Inácio Lula da Silva met Marina Silva in Brasília. Mr Lula said the talks went well.",
        );
        let has = |group: &Vec<String>, name: &str| group.iter().any(|n| n.eq_ignore_ascii_case(name));
        let lula = groups.iter().find(|g| g.iter().any(|n| n.to_lowercase().contains("luiz"))).expect("Lula's group");
        assert!(has(lula, "Lula"), "{groups:?}");
        let marina = groups.iter().find(|g| has(g, "Marina Silva")).expect("Marina Silva's group");
        assert!(!has(marina, "Lula"), "{groups:?}");
    }

    #[test]
    fn a_first_name_shared_by_two_people_stays_apart() {
        let groups = groups_of("John Smith met John Brown. Later, John said no.");
        assert!(groups.contains(&vec!["john".to_string()]), "{groups:?}");
    }

    #[test]
    fn acronyms_join_their_expansion() {
        let groups = groups_of("The North Atlantic Treaty Organization met. The NATO chief spoke.");
        assert!(groups.contains(&vec!["north atlantic treaty organization".to_string(), "nato".to_string()]), "{groups:?}");
    }

    #[test]
    fn the_first_word_of_an_organisation_is_no_entity_of_its_own() {
        let groups = groups_of("He posted on Truth Social. Truth is, he said, it works.");
        assert!(!groups.iter().any(|g| g == &vec!["truth".to_string()]), "{groups:?}");
    }
}
