//! The mixed list (`key_terms`): single words and phrases ranked against each other.
//!
//! Readers asked to tag a news article write topic words more than names, so this list does
//! not reuse the keyword score (which favours proper nouns) as is. A word's score is its
//! background rarity times its weighted frequency, position and spread, times its centrality in
//! the article's word co-occurrence graph (TextRank: a word next to many other content words
//! is what the article is about, a name mentioned in one passage is not), times a prior that
//! makes a capitalised word earn its place. The phrases are those `scoring.rs` keeps (no two
//! overlapping); each competes with the words on the same features — its own frequency,
//! position and spread, its words' summed rarity — discounted so that only a phrase that recurs
//! outranks its own words.

use std::cmp::Ordering;

use super::candidates::{Candidates, Occurrence, Role, Stats, TermId};
use super::scoring::{self, sort_top, Scored};

/// Sub-linear growth with frequency.
const TF_EXPONENT: f64 = 0.9;
/// How much an early first mention counts: `1 + bonus / sqrt(1 + first sentence)`.
const POSITION_BONUS: f64 = 0.6;
/// How much mentions spread over many sentences count.
const SPREAD_BONUS: f64 = 0.3;
/// Share of its score a word written capitalised everywhere loses: a name must earn its rank
/// by frequency, rarity and centrality. Only in languages where the part-of-speech signal keeps
/// verbs down (otherwise the prior would lift them over names) and whose nouns are lower case
/// (German capitalises every noun).
const NAME_PENALTY: f64 = 0.8;
/// Share of its score a word loses when the part-of-speech signal reads every occurrence as a
/// verb or adverb (it may neither open nor close a phrase: "derailing", "overnight"); a word that
/// only may not close one (a past form, "stalled") loses half as much. Readers tag nouns.
const VERB_PENALTY: f64 = 0.5;
/// Content words within this many places of each other (in one sentence) are linked.
const WINDOW: usize = 3;
/// TextRank's damping factor and its fixed number of iterations (enough to settle the order
/// of the top words on a news article; fixed so the cost stays linear).
const DAMPING: f64 = 0.85;
const ITERATIONS: usize = 12;
/// Exponent of the centrality factor (centrality is scaled so that the average word has 1).
const CENTRALITY_EXPONENT: f64 = 0.5;
/// What a phrase's score is multiplied by before it meets the words' scores: readers tag an
/// article mostly with single words, and a phrase's words are in the list on their own too.
const PHRASE_FACTOR: f64 = 0.6;
/// Phrases of three or four words are long names ("Japan Automobile Dealers Association")
/// that readers shorten, or clauses.
const LONG_PHRASE_FACTOR: f64 = 0.5;
/// A phrase seen once is a turn of phrase more often than a topic.
const ONCE_FACTOR: f64 = 0.25;
/// A word with at least this share of its occurrences inside one kept name ("Lanka" in "Sri
/// Lanka") is that name in the list: readers tag the name, and the word alone would spend a
/// place on a fragment of it (measured on the 500N-KPCrowd tuning documents and our own texts).
const NAME_MERGE_SHARE: f64 = 0.9;
/// Tempers background rarity: in a news article a rare word seen once is less telling than a
/// common topical word seen often (tuned on the 500N-KPCrowd development documents).
const IDF_EXPONENT: f64 = 0.7;

/// One entry of the mixed list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// An index into `Candidates::terms`.
    Word(usize),
    /// An index into `Candidates::phrases`.
    Phrase(usize),
}

pub struct Ranked {
    pub pick: Pick,
    pub raw: f64,
}

/// The best `max` words and phrases, best first; `phrases` are the kept phrases of the
/// phrase ranking.
pub fn rank(candidates: &Candidates<'_>, idfs: &[f64], phrases: &[Scored], name_prior: bool, max: usize) -> Vec<Ranked> {
    let penalty = if name_prior { NAME_PENALTY } else { 0.0 };
    let sentence_count = f64::from(candidates.sentence_count.max(1));
    let centrality = centrality(&candidates.occurrences, candidates.terms.len());
    let verb_likeness = verb_likeness(&candidates.occurrences, candidates.terms.len());
    let mut ranked: Vec<Ranked> = candidates
        .terms
        .iter()
        .enumerate()
        .filter(|(_, term)| term.stats.count > 0)
        .map(|(index, term)| {
            let raw = evidence(&term.stats, sentence_count)
                * idfs[index].powf(IDF_EXPONENT)
                * centrality[index].powf(CENTRALITY_EXPONENT)
                * prior(&term.stats, penalty)
                * (1.0 - VERB_PENALTY * verb_likeness[index]);
            Ranked { pick: Pick::Word(index), raw }
        })
        .chain(phrases.iter().map(|scored| {
            let phrase = &candidates.phrases[scored.index];
            let stats = &phrase.stats;
            let long = if phrase.key.terms().len() > 2 { LONG_PHRASE_FACTOR } else { 1.0 };
            let once = if stats.count < 2 { ONCE_FACTOR } else { 1.0 };
            // The summed rarity of its content words (connectors have no occurrences of their own).
            let rarity: f64 = phrase
                .key
                .terms()
                .iter()
                .filter(|&&t| candidates.terms[t as usize].stats.count > 0)
                .map(|&t| idfs[t as usize])
                .sum();
            let raw = evidence(stats, sentence_count) * rarity.powf(IDF_EXPONENT) * PHRASE_FACTOR * prior(stats, penalty) * long * once;
            Ranked { pick: Pick::Phrase(scored.index), raw }
        }))
        .filter(|ranked| ranked.raw > 0.0)
        .collect();
    let names = names_of_words(candidates, phrases);
    let mut merged = 0;
    for entry in &mut ranked {
        if let Pick::Word(index) = entry.pick {
            if let Some(phrase) = names[index] {
                entry.pick = Pick::Phrase(phrase);
                merged += 1;
            }
        }
    }
    // Only the best `max` survive the merge below, which drops at most one entry per merged
    // word: the rest need no order. Entries that compare equal are the same name at the same
    // score, so an unstable order is the stable one.
    sort_top(&mut ranked, max.saturating_add(merged), |a, b| {
        b.raw.total_cmp(&a.raw).then_with(|| tie_break(candidates, a.pick, b.pick))
    });
    // A name now stands for its words too: it keeps its best place only.
    let mut listed = vec![false; candidates.phrases.len()];
    ranked.retain(|entry| match entry.pick {
        Pick::Word(_) => true,
        Pick::Phrase(index) => !std::mem::replace(&mut listed[index], true),
    });
    ranked.truncate(max);
    ranked
}

/// Per term, the kept name it stands for: the most frequent capitalised phrase among `phrases`
/// that holds at least `NAME_MERGE_SHARE` of the word's occurrences.
fn names_of_words(candidates: &Candidates<'_>, phrases: &[Scored]) -> Vec<Option<usize>> {
    let mut names: Vec<Option<usize>> = vec![None; candidates.terms.len()];
    for scored in phrases {
        let phrase = &candidates.phrases[scored.index];
        if !scoring::is_name(phrase) {
            continue;
        }
        for &term in phrase.key.terms() {
            let word = &candidates.terms[term as usize].stats;
            if word.count == 0 || f64::from(phrase.stats.count) < NAME_MERGE_SHARE * f64::from(word.count) {
                continue;
            }
            let slot = &mut names[term as usize];
            // Kept phrases do not overlap, so two names hold one word only when neither holds
            // it everywhere; the more frequent wins, the better ranked on a tie.
            let better = slot.is_none_or(|current| candidates.phrases[current].stats.count < phrase.stats.count);
            if better {
                *slot = Some(scored.index);
            }
        }
    }
    names
}

/// Equal scores: words before phrases, then by stems.
fn tie_break(candidates: &Candidates<'_>, a: Pick, b: Pick) -> Ordering {
    let stems = |pick: Pick| -> Vec<&str> {
        match pick {
            Pick::Word(index) => vec![candidates.terms[index].stem.as_ref()],
            Pick::Phrase(index) => candidates.phrases[index]
                .key
                .terms()
                .iter()
                .map(|&t| candidates.terms[t as usize].stem.as_ref())
                .collect(),
        }
    };
    let is_phrase = |pick: Pick| matches!(pick, Pick::Phrase(_));
    is_phrase(a).cmp(&is_phrase(b)).then_with(|| stems(a).cmp(&stems(b)))
}

fn evidence(stats: &Stats, sentence_count: f64) -> f64 {
    let frequency = scoring::damped_frequency(stats.weight, TF_EXPONENT);
    let spread = 1.0 + SPREAD_BONUS * f64::from(stats.sentences) / sentence_count;
    let position = 1.0 + POSITION_BONUS / (1.0 + f64::from(stats.first_sentence)).sqrt();
    frequency * spread * position
}

fn prior(stats: &Stats, penalty: f64) -> f64 {
    1.0 - penalty * stats.capitalised_share()
}

/// Per term, the mean over its content occurrences of 1 (neither phrase edge allowed), 0.5 (may
/// open but not close a phrase) or 0.
fn verb_likeness(occurrences: &[Occurrence], term_count: usize) -> Vec<f64> {
    let mut sums = vec![(0.0, 0u32); term_count];
    for occurrence in occurrences.iter().filter(|o| o.role == Role::Content) {
        let likeness = match (occurrence.edges.start, occurrence.edges.end) {
            (false, false) => 1.0,
            (true, false) => 0.5,
            _ => 0.0,
        };
        let entry = &mut sums[occurrence.term as usize];
        entry.0 += likeness;
        entry.1 += 1;
    }
    sums.iter().map(|&(sum, count)| if count == 0 { 0.0 } else { sum / f64::from(count) }).collect()
}

/// One pair of term ids packed into a `u64` (the smaller id in the high half), so that the pairs
/// sort as single integers, in the same order as `(low, high)` tuples but with one comparison.
fn packed(a: TermId, b: TermId) -> u64 {
    (u64::from(a.min(b)) << 32) | u64::from(a.max(b))
}

/// The distinct pairs in order, each with how often it occurs (as the edge weight).
fn counted(mut pairs: Vec<u64>) -> Vec<((TermId, TermId), f64)> {
    pairs.sort_unstable();
    let mut edges: Vec<((TermId, TermId), f64)> = Vec::with_capacity(pairs.len());
    let mut previous = None;
    for pair in pairs {
        match edges.last_mut() {
            Some((_, weight)) if previous == Some(pair) => *weight += 1.0,
            _ => {
                // The halves of a packed pair: both fit a `TermId` by construction.
                let (low, high) = ((pair >> 32) as TermId, pair as TermId);
                edges.push(((low, high), 1.0));
            }
        }
        previous = Some(pair);
    }
    edges
}

/// One term in the iteration of `centrality`, everything an edge reads or writes of it side by
/// side, so that an edge looks each end up once. An edge's share is
/// `DAMPING * rank * weight / strength`, multiplied left to right: its first product is computed
/// once per term and round (`damped`).
struct Node {
    damped: f64,
    strength: f64,
    /// The last round's rank until the round starts, then the rank being summed.
    rank: f64,
    teleport: f64,
}

/// TextRank centrality of every term, scaled so the average content term has 1 (0 for terms
/// with no occurrence). Linear in the occurrences: each links to at most `WINDOW - 1` others.
// Out of line, once per document: its own entry in a callgrind profile of the stage.
#[inline(never)]
fn centrality(occurrences: &[Occurrence], term_count: usize) -> Vec<f64> {
    let content: Vec<&Occurrence> = occurrences.iter().filter(|o| o.role == Role::Content).collect();
    let mut pairs: Vec<u64> = Vec::with_capacity(content.len() * (WINDOW - 1));
    for (position, occurrence) in content.iter().enumerate() {
        for next in content.iter().skip(position + 1).take(WINDOW - 1) {
            if next.sentence != occurrence.sentence || next.term == occurrence.term {
                continue;
            }
            pairs.push(packed(occurrence.term, next.term));
        }
    }
    // Sorted so that the floating-point sums below run in one order on every run; a pair's
    // weight is how often it occurs.
    let edges = counted(pairs);
    let mut strength = vec![0.0; term_count];
    for &((a, b), weight) in &edges {
        strength[a as usize] += weight;
        strength[b as usize] += weight;
    }
    let mut present = vec![false; term_count];
    for occurrence in &content {
        present[occurrence.term as usize] = true;
    }
    let nodes = present.iter().filter(|&&p| p).count().max(1) as f64;
    let mut graph: Vec<Node> = present
        .iter()
        .zip(&strength)
        .map(|(&p, &strength)| Node { damped: 0.0, strength, rank: if p { 1.0 } else { 0.0 }, teleport: if p { 1.0 - DAMPING } else { 0.0 } })
        .collect();
    for _ in 0..ITERATIONS {
        // The round's products are taken from the last round's rank before it is reset to the
        // teleport share, and edges only read `damped`: one slot holds both rounds' ranks.
        for node in &mut graph {
            node.damped = DAMPING * node.rank;
            node.rank = node.teleport;
        }
        for &((a, b), weight) in &edges {
            let (a, b) = (a as usize, b as usize);
            let (damped_a, strength_a) = (graph[a].damped, graph[a].strength);
            let (damped_b, strength_b) = (graph[b].damped, graph[b].strength);
            graph[b].rank += damped_a * weight / strength_a;
            graph[a].rank += damped_b * weight / strength_b;
        }
    }
    let rank: Vec<f64> = graph.iter().map(|node| node.rank).collect();
    let total: f64 = rank.iter().sum();
    if total <= 0.0 {
        return rank;
    }
    rank.iter().map(|r| r * nodes / total).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::document::Document;
    use crate::analysis::keywords::language::profile_of;
    use crate::analysis::ContentFormat;

    /// The candidates borrow the document: a test's document lives as long as the test binary.
    fn candidates(text: &str) -> Candidates<'static> {
        let document: &'static Document = Box::leak(Box::new(Document::parse(text.to_string(), ContentFormat::PlainText)));
        let layout = super::super::layout::analyse(document);
        super::super::candidates::collect(document, &layout, profile_of("en"))
    }

    #[test]
    fn a_word_linked_to_many_others_is_more_central() {
        let found = candidates("Harbour cranes. Harbour fees. Harbour pilots. Harbour tugs. Lonely gull.");
        let centrality = centrality(&found.occurrences, found.terms.len());
        let id = |stem: &str| found.terms.iter().position(|t| t.stem == stem).expect(stem);
        assert!(centrality[id("harbour")] > centrality[id("gull")]);
        let mean = centrality.iter().sum::<f64>() / found.terms.len() as f64;
        assert!((mean - 1.0).abs() < 1e-9, "{mean}");
    }

    #[test]
    fn a_word_seen_only_inside_a_name_is_listed_as_the_name() {
        let text = "Floods hit Sri Lanka. Rescuers in Sri Lanka reached villages. Sri Lanka asked for help. \
                    Floods also hit Kerala, and Kerala relief camps opened.";
        let found = candidates(text);
        let kept: Vec<Scored> = (0..found.phrases.len()).map(|index| Scored { index, raw: 1.0 }).collect();
        let idfs = vec![5.0; found.terms.len()];
        let listed: Vec<String> = rank(&found, &idfs, &kept, true, 30)
            .iter()
            .map(|entry| match entry.pick {
                Pick::Word(index) => found.terms[index].stem.to_string(),
                Pick::Phrase(index) => scoring::phrase_stems(&found.phrases[index].key, &found.terms).join(" "),
            })
            .collect();
        assert!(listed.contains(&"sri lanka".to_string()), "{listed:?}");
        assert!(!listed.iter().any(|entry| entry == "sri" || entry == "lanka"), "{listed:?}");
        assert_eq!(listed.iter().filter(|entry| *entry == "sri lanka").count(), 1, "{listed:?}");
        assert!(listed.contains(&"kerala".to_string()), "{listed:?}");
    }

    #[test]
    fn repeated_pairs_are_counted_in_order() {
        let pairs = [(5, 2), (0, 1), (2, 5), (3, 0), (2, 5), (1, 0)].map(|(a, b)| packed(a, b));
        let edges = counted(pairs.to_vec());
        assert_eq!(edges, [((0, 1), 2.0), ((0, 3), 1.0), ((2, 5), 3.0)]);
        assert!(counted(Vec::new()).is_empty());
    }

    /// The iteration as written before its products were shared per term: `DAMPING * rank[a]`
    /// per edge, and a new vector per round.
    fn pushed_ranks(edges: &[((TermId, TermId), f64)], present: &[bool]) -> Vec<f64> {
        let mut strength = vec![0.0; present.len()];
        for &((a, b), weight) in edges {
            strength[a as usize] += weight;
            strength[b as usize] += weight;
        }
        let mut rank: Vec<f64> = present.iter().map(|&p| if p { 1.0 } else { 0.0 }).collect();
        for _ in 0..ITERATIONS {
            let mut next: Vec<f64> = present.iter().map(|&p| if p { 1.0 - DAMPING } else { 0.0 }).collect();
            for &((a, b), weight) in edges {
                let (a, b) = (a as usize, b as usize);
                next[b] += DAMPING * rank[a] * weight / strength[a];
                next[a] += DAMPING * rank[b] * weight / strength[b];
            }
            rank = next;
        }
        rank
    }

    #[test]
    fn sharing_the_damped_rank_per_term_changes_no_bit() {
        let found = candidates(
            "Harbour cranes lift steel. Harbour fees rise as steel prices rise. Pilots guide tugs past cranes. \
             Steel cranes, harbour pilots and harbour tugs: the harbour works night and day.",
        );
        let content: Vec<&Occurrence> = found.occurrences.iter().filter(|o| o.role == Role::Content).collect();
        let mut pairs = Vec::new();
        for (position, occurrence) in content.iter().enumerate() {
            for next in content.iter().skip(position + 1).take(WINDOW - 1) {
                if next.sentence == occurrence.sentence && next.term != occurrence.term {
                    pairs.push(packed(occurrence.term, next.term));
                }
            }
        }
        let edges = counted(pairs);
        assert!(edges.iter().any(|&(_, weight)| weight > 1.0), "{edges:?}");
        let mut present = vec![false; found.terms.len()];
        for occurrence in &content {
            present[occurrence.term as usize] = true;
        }
        let pushed = pushed_ranks(&edges, &present);
        let nodes = present.iter().filter(|&&p| p).count() as f64;
        let total: f64 = pushed.iter().sum();
        let expected: Vec<u64> = pushed.iter().map(|r| (r * nodes / total).to_bits()).collect();
        let shared: Vec<u64> = centrality(&found.occurrences, found.terms.len()).iter().map(|c| c.to_bits()).collect();
        assert_eq!(shared, expected);
    }

    #[test]
    fn an_article_without_links_still_ranks() {
        let found = candidates("Harbour");
        let centrality = centrality(&found.occurrences, found.terms.len());
        assert!(centrality.iter().all(|c| c.is_finite()));
    }
}
