//! The embedded tables' layouts, shared by the build script (which writes them from the
//! committed `data/language/model.bin` and `word_pairs.tsv`) and their readers ([`super::model`]
//! and `word_pairs.rs`, which read them in place), with the hash both use.
//!
//! `scripts/language_model` writes the source file, version 1: a 16-byte header (`TALM`,
//! version, slot count, language count), `slot count` slots of `(fingerprint: u32, packed:
//! u32)`, then the postings. A slot's `packed` holds the index of its first posting (high 24
//! bits) and their number (low 8); each posting is two bytes, `(language id, q)`.
//!
//! The n-grams that running text meets most (letters, frequent pairs and triples) are listed by
//! dozens of languages, and adding their postings one by one was most of the detector's work.
//! So the build rewrites the table as version 2 (`densify.rs`): an n-gram with many postings
//! gets a dense row instead, one `q` byte per language id ([`LANES`] of them, 255 where the
//! language does not list it), which the detector adds to every language at once. Its slot's `packed` holds the row's index (high 24 bits) and 0
//! (low 8; a sparse entry always has at least one posting). Version 2: a 24-byte header (`TALM`,
//! 2, slot count, language count, dense row count, 0), the slots in the source's order (so
//! probing finds every key where it did), the dense rows, then the remaining postings.
//!
//! 255 for an absent language is exact: a language scores `floor − q` saturating at 0 per
//! n-gram, and a floor is a `u8`, so an absent language gains nothing from its lane, as it
//! gained nothing from a posting it did not have.

/// FNV-1a state before any byte.
pub const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Feeds one byte into an FNV-1a state: the detector extends an n-gram's state by one
/// character to get the next order's.
#[inline]
pub fn hash_byte(state: u64, byte: u8) -> u64 {
    (state ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// The key's hash from its FNV-1a state: a finaliser mixes both halves (the low one picks the
/// slot, the high one is the fingerprint). Must equal the builder's (`scripts/language_model`).
#[inline]
pub fn finalise(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Bytes in a version-2 header.
pub const HEADER_BYTES: usize = 24;
/// Bytes per slot, in both versions.
pub const SLOT_BYTES: usize = 8;
/// Languages a dense row holds: room for every model language id (a test checks the model has
/// no more).
pub const LANES: usize = 64;

/// Reads the little-endian `u32` at byte `at`.
pub fn word_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

// The word-pair table (`word_pairs.rs`; written by `word_pairs_table.rs`): a 16-byte header
// (`TAWP`, version 1, slot count — a power of two —, word count), then the slots,
// [`PAIR_SLOT_BYTES`] each: the word's full 64-bit hash ([`word_hash`]; 0 = empty) and one
// signed byte per pair of [`PAIRS`] (positive: steps towards the pair's first language). A
// word is found by linear probing from slot `hash & (slot count − 1)`; with the full hash
// stored no two words can be confused (the writer checks that no two share one).

/// The languages the table decides between, two by two, by detector code: (first, second).
/// No language is in two pairs.
pub const PAIRS: [(&str, &str); 6] = [("ind", "msa"), ("nob", "dan"), ("spa", "por"), ("ces", "slk"), ("slv", "hrv"), ("tgl", "eng")];
/// Bytes in the table's header.
pub const PAIR_HEADER_BYTES: usize = 16;
/// Bytes per slot: the hash, then one signed byte per pair (a word's ratio is capped at 37
/// steps, well within a byte).
pub const PAIR_SLOT_BYTES: usize = 8 + PAIRS.len();

/// A word's hash as the table and the detector compute it.
#[inline]
pub fn word_hash(word: &[u8]) -> u64 {
    finalise(word.iter().fold(HASH_START, |h, &b| hash_byte(h, b))).max(1)
}

