//! Word evidence between near-twin languages, read from the embedded word-pair table.
//!
//! Some pairs of languages share most of their letters, syllables and short words — Indonesian
//! and Malay, Norwegian Bokmål and Danish, Spanish and Portuguese, Czech and Slovak, Slovene and
//! Croatian — so the character n-gram models leave a sentence's choice between them close, and
//! for some the models lean the wrong way (18% of the development data's Indonesian items came
//! back Malay). Tagalog and English are a pair of another kind: Tagalog text is often written
//! with English words in it, and a sentence of both was read as English. Their everyday words differ (`bisa`, `karena`, `kantor` against `boleh`,
//! `kerana`, `pejabat`; `hva`, `noen`, `mye` against `hvad`, `nogen`, `meget`), and a
//! word-frequency list per language knows by how much: the table gives each common word of
//! either language of a pair its unigram log-likelihood ratio between the two
//! (`data/language/word_pairs.tsv`, from wordfreq, `eval/language/make_word_pairs.py`).
//!
//! The detector sums a text's ratios per pair (a capitalised word weighs as in the n-gram
//! evidence) and [`settle`] uses the sum only to choose between the pair's two languages: the
//! better of the two keeps its score, so the pair stands against every other language exactly
//! as before, and which of the two holds that score is decided by the words, with a share
//! ([`NGRAM_EIGHTHS`]) of the n-gram models' own difference. No language is in two pairs, so
//! the order in which pairs are settled does not matter.

use super::layout::{word_at, word_hash, PAIRS, PAIR_HEADER_BYTES, PAIR_SLOT_BYTES};
use super::model::LANGUAGES;
use std::sync::LazyLock;

static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/language_word_pairs.bin"));

/// How much a word's ratio counts, in eighths: twice its unigram ratio, tuned on the
/// development data's tuning part (`language_eval -- --tune` does not tune it; see the README):
/// one and a half and three times scored within 0.1 point of it.
pub const WORD_EIGHTHS: i64 = 16;
/// The share, in eighths, of the n-gram models' difference between a pair's languages that
/// counts next to the words, per pair of [`PAIRS`], chosen on the development data's tuning
/// part among 0, 2, 4 and 8. Indonesian/Malay: a quarter (their n-gram models lean to Malay:
/// held-back Indonesian was 68.8% on n-grams alone; with the words 72.4% counting all of the
/// n-gram difference, 82.9% a quarter, 85.9% none — but none took our own Malay sentences,
/// `eval/language/malay_own.jsonl`, from 37 to 36 of 40, a quarter to 38; measured with the first
/// table, two pairs of 30,000 words a language). Spanish/Portuguese
/// Slovene/Croatian and Tagalog/English: a quarter too; Bokmål/Danish and Czech/Slovak: all
/// of it (without it Czech fell from 91.3% to 83.6% on the tuning part).
pub const NGRAM_EIGHTHS: [i64; PAIRS.len()] = [2, 8, 2, 8, 2, 2];

/// The signed steps a lower-cased word gives each pair (positive: towards its first
/// language); zeros for a word the table does not hold.
pub fn steps(word: &[u8]) -> [i8; PAIRS.len()] {
    let slot_count = word_at(TABLE, 8).unwrap_or(0) as usize;
    if slot_count == 0 {
        return [0; PAIRS.len()];
    }
    let hash = word_hash(word);
    let mut slot = hash as usize & (slot_count - 1);
    for _ in 0..slot_count {
        let at = PAIR_HEADER_BYTES + slot * PAIR_SLOT_BYTES;
        let Some(bytes) = TABLE.get(at..at + PAIR_SLOT_BYTES) else { break };
        let stored = u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default());
        if stored == 0 {
            break;
        }
        if stored == hash {
            let mut row = [0; PAIRS.len()];
            for (steps, &byte) in row.iter_mut().zip(&bytes[8..]) {
                *steps = i8::from_le_bytes([byte]);
            }
            return row;
        }
        slot = (slot + 1) & (slot_count - 1);
    }
    [0; PAIRS.len()]
}

/// The model ids of each pair's two languages, found once.
static PAIR_IDS: LazyLock<[Option<(usize, usize)>; PAIRS.len()]> = LazyLock::new(|| {
    let id = |code: &str| LANGUAGES.iter().position(|&(c, _)| c == code);
    PAIRS.map(|(first, second)| id(first).zip(id(second)))
});

/// Decides each pair whose two languages are both `candidate`: `gain` holds the n-gram
/// evidence in steps by model id, `words` each pair's summed word steps in
/// [`super::detector::FULL_WEIGHT`]ths. The better of the two keeps its gain; the other trails it by the
/// pair's combined difference.
pub fn settle(gain: &mut [i64], candidate: &[bool], words: &[i64; PAIRS.len()]) {
    for (pair, &ids) in PAIR_IDS.iter().enumerate() {
        let Some((first, second)) = ids else { continue };
        if !(candidate.get(first) == Some(&true) && candidate.get(second) == Some(&true)) {
            continue;
        }
        let best = gain[first].max(gain[second]);
        // In 64ths of a step: the n-gram share is in eighths, the word sum in eighths twice.
        let difference = (gain[first] - gain[second]) * NGRAM_EIGHTHS[pair] * 8 + words[pair] * WORD_EIGHTHS;
        let behind = (difference / 64).abs();
        if difference >= 0 {
            (gain[first], gain[second]) = (best, best - behind);
        } else {
            (gain[first], gain[second]) = (best - behind, best);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::word_pairs_table::build;
    use super::*;

    const LIST: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/language/word_pairs.tsv"));

    fn id(code: &str) -> usize {
        LANGUAGES.iter().position(|&(c, _)| c == code).unwrap()
    }

    #[test]
    fn the_embedded_table_is_the_committed_list_and_holds_every_word() {
        assert_eq!(build(LIST).unwrap(), TABLE);
        let mut checked = 0;
        for line in LIST.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            let pair = PAIRS.iter().position(|&(a, b)| a == fields[1] || b == fields[1]).unwrap();
            let sign = if PAIRS[pair].0 == fields[1] { 1 } else { -1 };
            assert_eq!(steps(fields[0].as_bytes())[pair], sign * fields[2].parse::<i8>().unwrap(), "{line}");
            checked += 1;
        }
        assert!(checked > 50_000, "{checked} words");
        assert_eq!(steps(b"qzxv"), [0; PAIRS.len()]);
        assert_eq!(steps(b""), [0; PAIRS.len()]);
    }

    #[test]
    fn everyday_words_lean_to_their_language() {
        // (word, pair, towards the pair's first language?)
        for (word, pair, first) in [
            ("bisa", 0, true),
            ("boleh", 0, false),
            ("gjøre", 1, true),
            ("hvad", 1, false),
            ("pero", 2, true),
            ("mas", 2, false),
            ("který", 3, true),
            ("ktorý", 3, false),
            ("zelo", 4, true),
            ("vrlo", 4, false),
            ("ngayon", 5, true),
            ("which", 5, false),
        ] {
            let steps = steps(word.as_bytes())[pair];
            assert!(if first { steps > 0 } else { steps < 0 }, "{word}: {steps}");
        }
    }

    #[test]
    fn settling_a_pair_moves_only_the_pair() {
        let mut candidate = vec![false; LANGUAGES.len()];
        let (ind, msa, eng) = (id("ind"), id("msa"), id("eng"));
        for &i in &[ind, msa, eng] {
            candidate[i] = true;
        }
        let mut gain = vec![0i64; LANGUAGES.len()];
        (gain[ind], gain[msa], gain[eng]) = (100, 120, 110);
        // Words worth 30 steps towards Indonesian (given in eighths) count twice; Malay's n-gram
        // lead of 20 counts a quarter: Indonesian leads by 60 − 5 = 55 with the pair's best score.
        let mut words = [0; PAIRS.len()];
        words[0] = 30 * 8;
        settle(&mut gain, &candidate, &words);
        assert_eq!((gain[ind], gain[msa], gain[eng]), (120, 65, 110));
        // Without word evidence the n-gram lead keeps Malay ahead, by a quarter of it.
        (gain[ind], gain[msa]) = (100, 120);
        settle(&mut gain, &candidate, &[0; PAIRS.len()]);
        assert_eq!((gain[ind], gain[msa]), (115, 120));
    }
}
