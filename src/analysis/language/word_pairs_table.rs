//! Writes the word-pair table (layout in `layout.rs`, read by `word_pairs.rs`) from the
//! committed `data/language/word_pairs.tsv`: run by the build script, and by the tests that
//! check it.

use super::layout::{word_hash, PAIRS, PAIR_HEADER_BYTES, PAIR_SLOT_BYTES};

/// Why the word list could not be turned into a table.
#[derive(Debug, PartialEq, Eq)]
pub enum PairTableError {
    /// A line that is not `word<TAB>code<TAB>steps` with steps in 0..=127, by line number
    /// (1-based).
    Malformed(usize),
    /// A code that is in no pair.
    UnknownLanguage(usize),
    /// Two words with one hash (never seen; the table would need another hash).
    HashCollision(String),
}

impl std::fmt::Display for PairTableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PairTableError::Malformed(line) => write!(f, "word_pairs.tsv line {line}: not word, code, steps (0 to 127)"),
            PairTableError::UnknownLanguage(line) => write!(f, "word_pairs.tsv line {line}: a language in no pair"),
            PairTableError::HashCollision(word) => write!(f, "word_pairs.tsv: `{word}` shares its hash with another word"),
        }
    }
}

impl std::error::Error for PairTableError {}

/// The pair a language code belongs to and the sign of steps towards it.
fn pair_of(code: &str) -> Option<(usize, i8)> {
    PAIRS.iter().enumerate().find_map(|(index, &(first, second))| match code {
        c if c == first => Some((index, 1)),
        c if c == second => Some((index, -1)),
        _ => None,
    })
}

/// Each word's signed steps per pair, in the order the words first appear.
fn parse(tsv: &str) -> Result<Vec<(&str, [i8; PAIRS.len()])>, PairTableError> {
    let mut words: Vec<(&str, [i8; PAIRS.len()])> = Vec::new();
    for (index, line) in tsv.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.is_empty()) {
        let mut fields = line.split('\t');
        let (Some(word), Some(code), Some(steps), None) = (fields.next(), fields.next(), fields.next(), fields.next()) else {
            return Err(PairTableError::Malformed(index + 1));
        };
        let steps: i8 = steps.parse().ok().filter(|&s: &i8| s >= 0).ok_or(PairTableError::Malformed(index + 1))?;
        let (pair, sign) = pair_of(code).ok_or(PairTableError::UnknownLanguage(index + 1))?;
        // The file is sorted by word, so a word's lines are adjacent.
        match words.last_mut() {
            Some((last, row)) if *last == word => row[pair] = sign * steps,
            _ => {
                let mut row = [0; PAIRS.len()];
                row[pair] = sign * steps;
                words.push((word, row));
            }
        }
    }
    Ok(words)
}

/// The table of `tsv` (the committed word list).
pub fn build(tsv: &str) -> Result<Vec<u8>, PairTableError> {
    let words = parse(tsv)?;
    // At most three quarters full: a probe ends within a few neighbouring slots, most often
    // in the same cache line.
    let slot_count = (words.len() * 4 / 3 + 1).next_power_of_two().max(16);
    let mut slots = vec![(0u64, [0i8; PAIRS.len()]); slot_count];
    for &(word, row) in &words {
        let hash = word_hash(word.as_bytes());
        let mut slot = hash as usize & (slot_count - 1);
        while slots[slot].0 != 0 {
            if slots[slot].0 == hash {
                return Err(PairTableError::HashCollision(word.to_string()));
            }
            slot = (slot + 1) & (slot_count - 1);
        }
        slots[slot] = (hash, row);
    }
    let mut table = Vec::with_capacity(PAIR_HEADER_BYTES + slot_count * PAIR_SLOT_BYTES);
    table.extend_from_slice(b"TAWP");
    for field in [1, slot_count, words.len()] {
        table.extend_from_slice(&u32::try_from(field).unwrap_or(u32::MAX).to_le_bytes());
    }
    for (hash, row) in slots {
        table.extend_from_slice(&hash.to_le_bytes());
        table.extend(row.map(|steps| steps.to_le_bytes()[0]));
    }
    Ok(table)
}
