//! Entities on hostile input: all capitals, no capitals, a megabyte of names, token lines
//! without punctuation, binary junk. Each must answer without panicking, with a bounded number
//! of candidates and spans that cover their text. (Speed is measured in benches, not here.)

use proptest::prelude::*;
use textanalytics::analysis::document::Document;
use textanalytics::analysis::entities::{self, Entity};
use textanalytics::analysis::language::DetectedLanguage;
use textanalytics::analysis::ContentFormat;

fn english() -> DetectedLanguage {
    DetectedLanguage::hinted("en").expect("a valid language code")
}

fn run(text: String) -> (Document, Vec<Entity>) {
    let document = Document::parse(text, ContentFormat::PlainText);
    let (found, _) = entities::extract(&document, &english(), &[], None);
    for entity in &found {
        for mention in &entity.mentions {
            if let Some(span) = mention.span {
                assert_eq!(document.slice(span), mention.text);
            }
        }
    }
    (document, found)
}

fn mention_count(found: &[Entity]) -> usize {
    found.iter().map(|e| e.mentions.len()).sum()
}

#[test]
fn all_capitals_keep_only_known_names() {
    let (_, found) = run("PRESIDENT PUTIN SAYS RUSSIA WILL TALK TO UKRAINE IN ISTANBUL ON MONDAY. ".repeat(200));
    let names: Vec<&str> = found.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Russia") && names.contains(&"Ukraine") && names.contains(&"Istanbul"), "{names:?}");
    assert!(!names.iter().any(|n| ["SAYS", "WILL", "MONDAY", "Monday"].contains(n)), "{names:?}");
}

#[test]
fn no_capitals_at_all_still_finds_places() {
    let (_, found) = run("the talks in kyiv between iran and the us ended on friday without a deal. ".repeat(100));
    let names: Vec<&str> = found.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Kyiv") && names.contains(&"Iran"), "{names:?}");
    assert!(!names.contains(&"us") && !names.contains(&"US"), "{names:?}");
}

#[test]
fn a_megabyte_of_names_gives_bounded_candidates() {
    let names = ["John Smith", "Maria Garcia", "Wei Zhang", "Olga Petrova", "Ahmed Khan"];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 1_000_000 {
        text.push_str(names[i % names.len()]);
        text.push_str(if i % 7 == 0 { ".\n" } else { ", " });
        i += 1;
    }
    let (document, found) = run(text);
    assert!(mention_count(&found) <= document.tokens.len());
    assert!(found.len() <= 2 * names.len(), "{}", found.len());
}

#[test]
fn token_lines_without_punctuation_are_cut_into_bounded_names() {
    let line = "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu ";
    let (document, found) = run(line.repeat(15_000));
    assert!(mention_count(&found) <= document.tokens.len());
    assert!(found.iter().all(|e| e.name.split_whitespace().count() <= 8));
}

#[test]
fn one_word_repeated_is_one_entity_at_most() {
    let (_, found) = run("Kyiv ".repeat(200_000));
    assert!(found.len() <= 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        run(text);
    }

    #[test]
    fn name_like_text_never_panics(text in "([A-Z][a-z]{0,6}|of|al-|'s|’s|\\.|-|&|Mr\\.|JD|\n| ){0,80}") {
        let (_, found) = run(text);
        let total: f32 = found.iter().map(|e| e.salience).sum();
        prop_assert!(total <= 1.0);
    }
}
