//! The embedded n-gram table's layout, shared by the build script (which writes it from the
//! committed `data/language/model.bin`) and [`super::model`] (which reads it in place).
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
