//! The layout of a precomputed background table, shared by the build script that writes the
//! tables and the reader that looks stems up in them. Keeping both sides on this one file is
//! what guarantees they agree.
//!
//! A table is one little-endian byte string:
//! - a header: `MAGIC`, the slot count (a power of two), the blob length, and the idf of a stem
//!   the table does not list (f64);
//! - `slot count` slots of `SLOT_LEN` bytes: the stem's place in the blob (`u32`, offset in the
//!   low 24 bits and length in the high 8; `EMPTY_SLOT` when free) and its idf (f64);
//! - the blob: every stem's UTF-8 bytes, one after another.
//!
//! Slots are an open-addressing hash table probed linearly from `stem_hash(stem) & (slots - 1)`,
//! filled to at most three quarters, so a lookup touches one or two slots.

/// The entries of a word-frequency list, the source the tables are written from: `#` lines are
/// comments, a line `@z` opens a group of words of Zipf frequency `z` (log10 of occurrences per
/// billion words), every other line is a word of the current group. Words before any valid
/// `@z` line have no frequency and are skipped.
pub fn frequency_list(list: &str) -> impl Iterator<Item = (f64, &str)> {
    let mut zipf = f64::NAN;
    list.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).filter_map(move |line| {
        if let Some(value) = line.strip_prefix('@') {
            zipf = value.parse().unwrap_or(f64::NAN);
            return None;
        }
        zipf.is_finite().then_some((zipf, line))
    })
}

pub const MAGIC: &[u8; 4] = b"BGT1";
pub const HEADER_LEN: usize = 4 + 4 + 4 + 8;
pub const SLOT_LEN: usize = 4 + 8;
pub const EMPTY_SLOT: u32 = u32::MAX;
/// FNV-1a (64 bit): stable across builds and platforms, which the table layout needs, and fast
/// on the short keys stems are.
pub fn stem_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A word-to-stem table, written from the same list: the header is `STEM_MAGIC`, the slot count
/// (a power of two) and the blob length; each slot (`STEM_SLOT_LEN` bytes) holds the word's place
/// in the blob and its stem's (each a `u32` as above; `EMPTY_SLOT` when free), probed linearly
/// from `stem_hash(word) & (slots - 1)` and filled to at most three quarters. A stem that begins
/// its word shares the word's bytes.
pub const STEM_MAGIC: &[u8; 4] = b"STM1";
pub const STEM_HEADER_LEN: usize = 4 + 4 + 4;
pub const STEM_SLOT_LEN: usize = 4 + 4;
/// The most frequent words of each list that the word-to-stem table holds: the words most
/// articles have, whose stems then cost a lookup instead of a run of the stemmer. Every word of
/// a 15,000-word list and most of a longer one's: a news article's topic words are often past
/// the 12,000th (`tariffs`, `exemptions`), and one run of the stemmer costs as much as the rest
/// of a word's reading. 24,000 words fill 32,768 slots to less than three quarters.
// Read by the writer, which only the build script and the tests compile.
#[allow(dead_code)]
pub const STEM_TABLE_WORDS: usize = 24_000;
