//! Writes a background table (layout in `format`) from a word-frequency list: the build script
//! runs this once per language, so the server never stems or sums at start-up.
//!
//! Lists give words with their Zipf frequency (log10 of occurrences per billion words) in groups
//! headed by `@z`; `#` lines are comments. The frequencies of all words sharing a stem are
//! summed, and each stem's idf is computed here, once.

use std::collections::BTreeMap;

use super::format::{frequency_list, stem_hash, EMPTY_SLOT, HEADER_LEN, MAGIC, SLOT_LEN, STEM_HEADER_LEN, STEM_MAGIC, STEM_SLOT_LEN, STEM_TABLE_WORDS};

/// Stems are at most this long in a table: the length has eight bits of the slot reference.
const MAX_STEM_LEN: usize = 255;
/// Blob offsets have the other 24 bits.
const MAX_BLOB_LEN: usize = 1 << 24;

/// Words in a typical news article: turns a per-word probability into the chance that an
/// article contains the word at least once, which is what document frequency measures.
const ARTICLE_LENGTH: f64 = 600.0;

/// The table's bytes for a frequency list, each word stemmed by `stem`.
pub fn write_table(list: &str, stem: impl Fn(&str) -> String) -> Vec<u8> {
    let (per_billion, rarest_zipf) = per_billion_by_stem(list, stem);
    // A stem the list does not name is a little rarer than its rarest entry, since the list
    // holds a language's most common words.
    let unseen_zipf = if rarest_zipf.is_finite() { rarest_zipf - 0.3 } else { 3.0 };
    let stems: Vec<(String, f64)> = per_billion
        .into_iter()
        .filter(|(stem, _)| stem.len() <= MAX_STEM_LEN)
        .map(|(stem, per_billion)| (stem, idf_of_zipf(per_billion.log10())))
        .collect();
    encode(&stems, idf_of_zipf(unseen_zipf))
}

/// Occurrences per billion words summed per stem, and the lowest Zipf frequency listed.
fn per_billion_by_stem(list: &str, stem: impl Fn(&str) -> String) -> (BTreeMap<String, f64>, f64) {
    let mut per_billion: BTreeMap<String, f64> = BTreeMap::new();
    let mut rarest = f64::INFINITY;
    for (zipf, word) in frequency_list(list) {
        rarest = rarest.min(zipf);
        *per_billion.entry(stem(word)).or_insert(0.0) += 10f64.powf(zipf);
    }
    (per_billion, rarest)
}

/// `-ln(1 - e^(-p·L))` for a word with probability `p` per word in an article of `L` words.
pub fn idf_of_zipf(zipf: f64) -> f64 {
    let per_word = 10f64.powf(zipf - 9.0);
    let in_article = -(-per_word * ARTICLE_LENGTH).exp_m1();
    // The clamp keeps the logarithm finite and the result non-negative at both extremes.
    (-in_article.clamp(1e-12, 1.0).ln()).max(0.0)
}

fn encode(stems: &[(String, f64)], unseen_idf: f64) -> Vec<u8> {
    let mut slot_bytes = empty_slots(slot_count(stems.len()), SLOT_LEN);
    let mut blob = Vec::new();
    for (stem, idf) in stems {
        let reference = (blob.len() as u32) | ((stem.len() as u32) << 24);
        blob.extend_from_slice(stem.as_bytes());
        assert!(blob.len() < MAX_BLOB_LEN, "background table too large for 24-bit offsets");
        let slot = free_slot(&mut slot_bytes, SLOT_LEN, stem.as_bytes());
        slot[..4].copy_from_slice(&reference.to_le_bytes());
        slot[4..].copy_from_slice(&idf.to_le_bytes());
    }
    let table = assemble(MAGIC, &unseen_idf.to_le_bytes(), &slot_bytes, SLOT_LEN, &blob);
    debug_assert_eq!(table.len(), HEADER_LEN + slot_bytes.len() + blob.len());
    table
}

/// The number of slots for `stems` entries: a power of two, at most three quarters full.
/// `slots` slots of `slot_len` bytes, each marked empty in its first four.
fn empty_slots(slots: usize, slot_len: usize) -> Vec<u8> {
    let mut slot_bytes = vec![0u8; slots * slot_len];
    for slot in slot_bytes.chunks_exact_mut(slot_len) {
        slot[..4].copy_from_slice(&EMPTY_SLOT.to_le_bytes());
    }
    slot_bytes
}

/// The slot `key` takes: its hash's slot, or the next free one after it (linear probing, as the
/// readers look it up). The slot count is a power of two and never full (see [`slot_count`]).
fn free_slot<'a>(slot_bytes: &'a mut [u8], slot_len: usize, key: &[u8]) -> &'a mut [u8] {
    let slots = slot_bytes.len() / slot_len;
    let mut index = stem_hash(key) as usize & (slots - 1);
    while slot_bytes[index * slot_len..index * slot_len + 4] != EMPTY_SLOT.to_le_bytes() {
        index = (index + 1) & (slots - 1);
    }
    &mut slot_bytes[index * slot_len..(index + 1) * slot_len]
}

/// A table's bytes: magic, slot count, blob length, the format's `extra` header fields, the
/// slots and the blob.
fn assemble(magic: &[u8], extra: &[u8], slot_bytes: &[u8], slot_len: usize, blob: &[u8]) -> Vec<u8> {
    let mut table = Vec::with_capacity(magic.len() + 8 + extra.len() + slot_bytes.len() + blob.len());
    table.extend_from_slice(magic);
    table.extend_from_slice(&((slot_bytes.len() / slot_len) as u32).to_le_bytes());
    table.extend_from_slice(&(blob.len() as u32).to_le_bytes());
    table.extend_from_slice(extra);
    table.extend_from_slice(slot_bytes);
    table.extend_from_slice(blob);
    table
}

fn slot_count(stems: usize) -> usize {
    (stems * 4 / 3 + 1).next_power_of_two()
}

/// The word-to-stem table's bytes (layout in `format`) for the first `STEM_TABLE_WORDS`
/// distinct words of a frequency list (its most frequent), each stemmed by `stem`.
pub fn write_stem_table(list: &str, stem: impl Fn(&str) -> String) -> Vec<u8> {
    let mut words: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for word in list_words(list) {
        if words.len() == STEM_TABLE_WORDS {
            break;
        }
        if word.len() <= MAX_STEM_LEN && seen.insert(word) {
            words.push(word);
        }
    }
    let mut slot_bytes = empty_slots(slot_count(words.len()), STEM_SLOT_LEN);
    let mut blob: Vec<u8> = Vec::new();
    for word in words {
        let stem = stem(word);
        let word_reference = (blob.len() as u32) | ((word.len() as u32) << 24);
        let stem_reference = if stem.len() <= MAX_STEM_LEN && word.as_bytes().starts_with(stem.as_bytes()) {
            (blob.len() as u32) | ((stem.len() as u32) << 24)
        } else {
            assert!(stem.len() <= MAX_STEM_LEN, "a stem longer than 255 bytes");
            (blob.len() + word.len()) as u32 | ((stem.len() as u32) << 24)
        };
        blob.extend_from_slice(word.as_bytes());
        if !word.as_bytes().starts_with(stem.as_bytes()) {
            blob.extend_from_slice(stem.as_bytes());
        }
        assert!(blob.len() < MAX_BLOB_LEN, "stem table too large for 24-bit offsets");
        let slot = free_slot(&mut slot_bytes, STEM_SLOT_LEN, word.as_bytes());
        slot[..4].copy_from_slice(&word_reference.to_le_bytes());
        slot[4..].copy_from_slice(&stem_reference.to_le_bytes());
    }
    let table = assemble(STEM_MAGIC, &[], &slot_bytes, STEM_SLOT_LEN, &blob);
    debug_assert_eq!(table.len(), STEM_HEADER_LEN + slot_bytes.len() + blob.len());
    table
}

/// The words of a frequency list in its order, skipping comments, group headers and words
/// before the first valid header (as `per_billion_by_stem` does).
pub fn list_words(list: &str) -> impl Iterator<Item = &str> {
    let mut zipf = f64::NAN;
    list.lines().map(str::trim).filter(move |line| {
        if line.is_empty() || line.starts_with('#') {
            return false;
        }
        if let Some(value) = line.strip_prefix('@') {
            zipf = value.parse().unwrap_or(f64::NAN);
            return false;
        }
        zipf.is_finite()
    })
}
