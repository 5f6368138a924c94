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
