//! Scores stems and phrases on one scale and picks the best of each.
//!
//! A stem's score is a TF-IDF in which the document frequency comes from the language's
//! background table instead of a corpus, refined by what a single news article says about
//! itself: weighted occurrences (headings, lead, anchors, emphasis), how early the word first
//! appears, how many sentences it spreads over, and whether it is written as a proper noun.
//! A phrase is scored with the same features, its rarity being the summed rarity of its
//! content words, and it is credited in part for its words' occurrences outside it ("Zelenskyy"
//! alone supports "Volodymyr Zelenskyy"). Raw scores of both kinds are divided by the best of
//! either, so a caller may merge the two lists by score.

use std::cmp::Ordering;

use super::candidates::{Candidates, Phrase, PhraseKey, Stats, Term, TermId};
use super::language::Profile;
use super::terms::{self, Ranked};

/// Stands in for the background idf in a language without a table: every word equally rare.
const DEFAULT_IDF: f64 = 5.0;
/// Sub-linear growth with frequency: the tenth mention adds less than the second.
const TF_EXPONENT: f64 = 0.8;
/// Tempers rarity so that a name mentioned once in passing does not outrank the country the
/// article is about, mentioned five times.
const IDF_EXPONENT: f64 = 1.0;
/// How much an early first mention counts: `1 + bonus / sqrt(1 + first sentence)`.
const POSITION_BONUS: f64 = 0.6;
/// How much a capitalised (proper-noun) spelling counts: `1 + bonus × capitalised share`.
const CASING_BONUS: f64 = 0.5;
/// How much mentions spread over many sentences count, relative to the count alone.
const SPREAD_BONUS: f64 = 0.3;
/// Phrases' words co-occur more often than independent words would, so their summed
/// rarity overstates how rare the phrase is.
const PHRASE_IDF_SHARE: f64 = 0.6;
/// Share of a phrase word's occurrences outside the phrase that count for the phrase.
const PHRASE_SUPPORT: f64 = 0.3;
/// A name's most repeated word alone is usually the same person or place again ("Otieno"
/// after "Samuel Otieno", "Xi" after "Xi Jinping"): its occurrences count fully for the name.
const NAME_SUPPORT: f64 = 1.0;
/// Lower-case phrases of three and four words are mostly clauses ("pound weakened slightly"),
/// not the noun phrases that say what an article is about; names of any length are fine.
const THREE_WORD_FACTOR: f64 = 0.5;
const FOUR_WORD_FACTOR: f64 = 0.35;
/// A keyword that is part of a better-ranked phrase — a capitalised word of a name ("Otieno" in
/// "Samuel Otieno") or a word mostly seen inside the phrase ("flu" in "bird flu") — steps back
/// behind it, so a merged list does not spend two places on one thing.
const PART_FACTOR: f64 = 0.5;
/// A lower-case phrase seen only in the headline is often subject and verb ("heatwave grips").
const HEADLINE_ONLY_FACTOR: f64 = 0.5;
/// Share of a name's other words' rarity added to its rarest word's: the parts of a name come
/// together, so they are not independent evidence.
const NAME_RARITY_SHARE: f64 = 0.5;

/// A scored candidate: its index in `Candidates::terms` or `Candidates::phrases`.
#[derive(Clone, Copy, Debug)]
pub struct Scored {
    pub index: usize,
    pub raw: f64,
}

pub struct Ranking {
    pub keywords: Vec<Scored>,
    pub phrases: Vec<Scored>,
    /// The best raw score of either list: what 1.0 stands for.
    pub scale: f64,
    /// The mixed list of words and phrases, best first; its first entry's score is 1.0.
    pub terms: Vec<Ranked>,
}

pub fn rank(candidates: &Candidates<'_>, profile: &Profile, max: usize) -> Ranking {
    let idfs: Vec<f64> = candidates.terms.iter().map(|term| idf(profile, term)).collect();
    let sentence_count = f64::from(candidates.sentence_count.max(1));

    let mut phrases: Vec<Scored> = candidates
        .phrases
        .iter()
        .enumerate()
        .map(|(index, phrase)| Scored { index, raw: phrase_score(phrase, &candidates.terms, &idfs, sentence_count) })
        .filter(|scored| scored.raw > 0.0)
        .collect();
    phrases.sort_by(|a, b| {
        by_score(a, b).then_with(|| {
            let stems = |scored: &Scored| {
                candidates.phrases[scored.index].key.terms().iter().map(|&t| candidates.terms[t as usize].stem.as_ref())
            };
            stems(a).cmp(stems(b))
        })
    });
    let phrases = without_overlaps(phrases, &candidates.phrases, max);
    // Most words are in no kept phrase: those need no look at the phrases.
    let mut in_kept_phrase = vec![false; candidates.terms.len()];
    for scored in &phrases {
        for &term in candidates.phrases[scored.index].key.terms() {
            in_kept_phrase[term as usize] = true;
        }
    }

    let mut keywords: Vec<Scored> = candidates
        .terms
        .iter()
        .enumerate()
        .filter(|(_, term)| term.stats.count > 0)
        .map(|(index, term)| {
            let mut raw = term_score(&term.stats, idfs[index], sentence_count);
            if in_kept_phrase[index] && is_phrase_part(index, raw, term, &phrases, &candidates.phrases) {
                raw *= PART_FACTOR;
            }
            Scored { index, raw }
        })
        .filter(|scored| scored.raw > 0.0)
        .collect();
    // Stems are distinct, so the order is total and the best `max` need no stable sort.
    sort_top(&mut keywords, max, |a, b| by_score(a, b).then_with(|| candidates.terms[a.index].stem.cmp(&candidates.terms[b.index].stem)));

    let scale = keywords.iter().chain(&phrases).map(|scored| scored.raw).fold(0.0, f64::max);
    let terms = terms::rank(candidates, &idfs, &phrases, profile.name_prior(), max);
    Ranking { keywords, phrases, scale, terms }
}

/// Keeps the `keep` first items of `items` in `compare`'s order, sorted, and drops the rest:
/// a selection, then a sort of what is kept only. Items that compare equal may come in any
/// order, so `compare` should be total where that matters.
pub fn sort_top<T>(items: &mut Vec<T>, keep: usize, mut compare: impl FnMut(&T, &T) -> Ordering) {
    if keep == 0 {
        items.clear();
        return;
    }
    if keep < items.len() {
        items.select_nth_unstable_by(keep - 1, &mut compare);
        items.truncate(keep);
    }
    items.sort_unstable_by(compare);
}

fn by_score(a: &Scored, b: &Scored) -> Ordering {
    b.raw.total_cmp(&a.raw)
}

fn idf(profile: &Profile, term: &Term) -> f64 {
    profile.background.as_ref().map_or(DEFAULT_IDF, |background| background.idf(&term.stem)).powf(IDF_EXPONENT)
}

/// `weight` to the power `exponent`, the commonest weight (one plain mention) without the
/// library call: `pow(1, y)` is exactly 1 for every `y` (IEEE 754, C99 Annex F), so the short
/// way gives the same bits.
pub fn damped_frequency(weight: f64, exponent: f64) -> f64 {
    if weight == 1.0 {
        1.0
    } else {
        weight.powf(exponent)
    }
}

/// The features every candidate shares: weighted frequency, spread, position and casing.
fn evidence(stats: &Stats, weight: f64, sentence_count: f64) -> f64 {
    let frequency = damped_frequency(weight, TF_EXPONENT);
    let spread = 1.0 + SPREAD_BONUS * f64::from(stats.sentences) / sentence_count;
    let position = 1.0 + POSITION_BONUS / (1.0 + f64::from(stats.first_sentence)).sqrt();
    let casing = 1.0 + CASING_BONUS * stats.capitalised_share();
    frequency * spread * position * casing
}

fn term_score(stats: &Stats, idf: f64, sentence_count: f64) -> f64 {
    evidence(stats, stats.weight, sentence_count) * idf
}

/// A phrase written capitalised wherever casing says something: a name.
pub fn is_name(phrase: &Phrase) -> bool {
    phrase.stats.capitalised_share() >= 0.5
}

fn phrase_score(phrase: &Phrase, terms: &[Term], idfs: &[f64], sentence_count: f64) -> f64 {
    let stats = &phrase.stats;
    if stats.mixed_casing > 0 && 2 * stats.mixed_casing >= stats.informative {
        return 0.0;
    }
    if stats.name_fragments == stats.count {
        return 0.0;
    }
    let mut rarity = 0.0;
    let mut rarest: f64 = 0.0;
    let mut outside = 0.0;
    let mut most_outside: f64 = 0.0;
    let mut content_words = 0u32;
    for &term in phrase.key.terms() {
        let index = term as usize;
        let Some(term_stats) = terms.get(index).map(|t| &t.stats).filter(|term_stats| term_stats.count > 0) else {
            continue;
        };
        content_words += 1;
        rarity += idfs[index];
        rarest = rarest.max(idfs[index]);
        let word_outside = (term_stats.weight - stats.weight).max(0.0);
        most_outside = most_outside.max(word_outside);
        outside += word_outside;
    }
    let terms_of_phrase = phrase.key.terms();
    let one_word_repeated = terms_of_phrase.iter().all(|&t| t == terms_of_phrase[0]);
    if content_words < 2 || one_word_repeated {
        return 0.0;
    }
    let name = is_name(phrase);
    let support = if name { NAME_SUPPORT * most_outside } else { PHRASE_SUPPORT * outside / f64::from(content_words) };
    let length = match (name, phrase.key.terms().len()) {
        (true, _) | (false, 0..=2) => 1.0,
        (false, 3) => THREE_WORD_FACTOR,
        (false, _) => FOUR_WORD_FACTOR,
    };
    let rarity = if name { rarest + NAME_RARITY_SHARE * (rarity - rarest) } else { rarity * PHRASE_IDF_SHARE };
    let headline_only = if !name && stats.in_heading == stats.count { HEADLINE_ONLY_FACTOR } else { 1.0 };
    evidence(stats, stats.weight + support, sentence_count) * rarity * length * headline_only
}

/// A keyword inside a kept phrase that scores at least as well as the keyword, where the
/// keyword is a capitalised part of a name or at least half its mentions are in the phrase.
fn is_phrase_part(index: usize, raw: f64, term: &Term, kept: &[Scored], phrases: &[Phrase]) -> bool {
    let capitalised = term.stats.capitalised_share() >= 0.5;
    kept.iter().any(|scored| {
        let phrase = &phrases[scored.index];
        let mostly_inside = 2 * phrase.stats.count >= term.stats.count;
        scored.raw >= raw
            && ((capitalised && is_name(phrase)) || mostly_inside)
            && phrase.key.terms().iter().any(|&t| t as usize == index)
    })
}

/// Best first, dropping a phrase inside or around a better one ("peace talks" beats
/// "derailing peace talks" and "talks"). One exception: a kept name that never occurs outside
/// a longer name ("Cyber Security" only ever in "National Cyber Security Centre") gives way to
/// the longer one, which takes its place and score.
fn without_overlaps(ranked: Vec<Scored>, phrases: &[Phrase], max: usize) -> Vec<Scored> {
    let mut kept: Vec<Scored> = Vec::new();
    for scored in ranked {
        if kept.len() >= max {
            break;
        }
        let phrase = &phrases[scored.index];
        let overlapping: Vec<usize> = kept
            .iter()
            .enumerate()
            .filter(|(_, better)| {
                let better_key = &phrases[better.index].key;
                better_key.contains(&phrase.key) || phrase.key.contains(better_key)
            })
            .map(|(position, _)| position)
            .collect();
        match overlapping.as_slice() {
            [] => kept.push(scored),
            &[position] => {
                let shorter = &phrases[kept[position].index];
                let extends_name = is_name(phrase)
                    && is_name(shorter)
                    && phrase.key.contains(&shorter.key)
                    && phrase.stats.count == shorter.stats.count;
                if extends_name {
                    kept[position].index = scored.index;
                }
            }
            _ => {}
        }
    }
    kept
}

/// The stems of a phrase's words in order.
pub fn phrase_stems(key: &PhraseKey, terms: &[Term]) -> Vec<String> {
    key.terms().iter().filter_map(|&t: &TermId| terms.get(t as usize)).map(|term| term.stem.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_damped_frequency_is_the_power_bit_for_bit() {
        for weight in [1.0, 1.5, 2.0, 3.3, 17.0, 0.5] {
            for exponent in [TF_EXPONENT, 0.9, 0.5] {
                assert_eq!(damped_frequency(weight, exponent).to_bits(), weight.powf(exponent).to_bits(), "{weight} {exponent}");
            }
        }
    }

    #[test]
    fn sort_top_keeps_the_first_in_order() {
        let all: Vec<u32> = (0..50).map(|i| (i * 37) % 50).collect();
        for keep in [0, 1, 2, 10, 49, 50, 80] {
            let mut items = all.clone();
            sort_top(&mut items, keep, |a, b| b.cmp(a));
            let mut expected = all.clone();
            expected.sort_by(|a, b| b.cmp(a));
            expected.truncate(keep);
            assert_eq!(items, expected, "keep {keep}");
        }
        let mut none: Vec<u32> = Vec::new();
        sort_top(&mut none, 3, u32::cmp);
        assert!(none.is_empty());
    }
}
