//! What the German tagger knows about German words beyond its training sentences, read the
//! first time German is tagged:
//! - how common a word is in German at large: the Zipf frequency (log10 of occurrences per
//!   billion words) of the keyword scorer's background list `data/keywords/background/de.txt`
//!   (wordfreq, sources in `data/README.md`);
//! - the same for the head of a compound, the longest listed word the word ends with;
//! - German given names that the shared list (`given_names.txt`, mostly US Census names) lacks,
//!   from `data/entities/given_names_de.txt`.
//!
//! German capitalises every noun, so a capital says little about a name. A capitalised word the
//! language uses a lot is more often a common noun (`Regierung`, `Haus`) than a name, and one the
//! list does not know at all more often a name (or a rare compound): the tagger reads the word's
//! frequency band as a feature, which reaches words the training sentences never showed it.

use std::sync::LazyLock;

use foldhash::{HashMap, HashSet};

use super::super::gazetteer::fold;
use crate::analysis::keywords::frequency_list;

/// Each listed German word's band: twice its Zipf frequency, rounded (6 for 3.0 … 15 for 7.5).
static FREQUENCY_BANDS: LazyLock<HashMap<&'static str, u8>> =
    LazyLock::new(|| bands(include_str!("../../../../data/keywords/background/de.txt")));

/// The German given names, folded.
static GIVEN_NAMES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let list = include_str!("../../../../data/entities/given_names_de.txt");
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(fold).collect()
});

/// Each word of a background list with its band. A word listed twice keeps its first, highest,
/// band.
fn bands(list: &'static str) -> HashMap<&'static str, u8> {
    let mut bands = HashMap::default();
    for (zipf, word) in frequency_list(list) {
        // Zipf frequencies lie within 0..8, so twice them fits a `u8`.
        bands.entry(word).or_insert((zipf * 2.0).round().clamp(1.0, 255.0) as u8);
    }
    bands
}

/// The frequency band of a folded German word, 0 when the list does not know it.
pub(crate) fn frequency_band(folded: &str) -> u8 {
    FREQUENCY_BANDS.get(folded).copied().unwrap_or(0)
}

/// The longest word of the background list can be 28 bytes; tails longer than this are not
/// looked up, so a long token costs a bounded number of look-ups.
const MAX_HEAD_BYTES: usize = 32;

/// The frequency band of the longest listed word of at least four letters that a folded word
/// ends with, other than the word itself: the head of a compound (`Stallmistbereitung` →
/// `bereitung`, `Commerzbank` → `bank`), 0 when none is listed.
pub(crate) fn compound_head_band(folded: &str) -> u8 {
    let earliest = folded.len().saturating_sub(MAX_HEAD_BYTES);
    for (start, _) in folded.char_indices().skip(1).filter(|(b, _)| *b >= earliest) {
        let head = &folded[start..];
        if head.chars().count() < 4 {
            break;
        }
        let band = frequency_band(head);
        if band != 0 {
            return band;
        }
    }
    0
}

/// Whether a folded word is one of the German given names.
pub(crate) fn is_given_name(folded: &str) -> bool {
    GIVEN_NAMES.contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_german_words_have_high_bands_and_unknown_words_none() {
        assert!(frequency_band("regierung") >= 9, "{}", frequency_band("regierung"));
        assert!(frequency_band("und") > frequency_band("regierung"));
        assert_eq!(frequency_band("kestrelwerke"), 0);
    }

    #[test]
    fn a_group_line_sets_the_band_of_the_words_under_it() {
        let table = bands("# comment\n@7.5\ndie\n@3.0\nhaus\ndie\n");
        assert_eq!(table.get("die"), Some(&15));
        assert_eq!(table.get("haus"), Some(&6));
        assert_eq!(table.len(), 2);
    }

    #[test]
    fn a_compound_is_scored_by_the_longest_listed_word_it_ends_with() {
        assert_eq!(compound_head_band("stallmistbereitung"), frequency_band("bereitung"));
        assert_ne!(compound_head_band("kestrelbank"), 0);
        assert_eq!(compound_head_band("kestrelbank"), frequency_band("bank"));
        // Never the whole word, never fewer than four letters, nothing for an unknown tail.
        assert_eq!(compound_head_band("bundesregierung"), frequency_band("regierung"));
        assert_ne!(frequency_band("bank"), 0);
        assert_eq!(compound_head_band("bank"), 0);
        assert_eq!(compound_head_band("zxqvwo"), 0);
        assert_eq!(compound_head_band(""), 0);
        // A long token costs at most a few look-ups and still finds its head.
        let long = format!("{}bank", "q".repeat(100_000));
        assert_eq!(compound_head_band(&long), frequency_band("bank"));
    }

    #[test]
    fn german_given_names_are_read_folded() {
        assert!(is_given_name("henning") && is_given_name("torsten"));
        assert!(!is_given_name("Torsten") && !is_given_name("regierung"));
    }
}
