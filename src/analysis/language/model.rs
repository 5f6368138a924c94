//! The embedded n-gram table (`data/language/model.bin`, built by `scripts/language_model`),
//! read in place: nothing is parsed or copied at start-up.
//!
//! Layout, little-endian: a 16-byte header (`TALM`, version, slot count, language count), then
//! `slot count` slots of `(fingerprint: u32, postings: u32)`, then the postings. A slot's
//! `postings` packs the index of its first posting (high 24 bits) and their number (low 8);
//! each posting is two bytes, `(language id, q)`, where `q / STEPS_PER_NAT` is minus the natural
//! log of the n-gram's share of that language's letters (its joint probability). A key is
//! found by linear probing from its home slot until its fingerprint or an empty slot (fingerprint
//! 0); the builder checks that no two keys share a fingerprint.

/// Steps of the quantised log-probabilities per nat (the builder's constant).
pub const STEPS_PER_NAT: f32 = 8.0;

const HEADER_BYTES: usize = 16;
const SLOT_BYTES: usize = 8;

static MODEL: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/language/model.bin"));

/// The model's languages by id: the code the service reports and their script (whatlang's name).
pub static LANGUAGES: &[(&str, &str)] = include!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/language/languages.rs"));

/// The number of languages the table knows.
pub fn language_count() -> usize {
    LANGUAGES.len()
}

/// A view of the embedded table.
#[derive(Clone, Copy)]
pub struct Model {
    slots: &'static [u8],
    postings: &'static [u8],
    slot_count: usize,
}

impl Model {
    /// The embedded table; an empty one (every lookup misses) should the file be malformed,
    /// which a unit test rules out.
    pub fn embedded() -> Self {
        Self::from_bytes(MODEL).unwrap_or(Model { slots: &[], postings: &[], slot_count: 0 })
    }

    fn from_bytes(bytes: &'static [u8]) -> Option<Self> {
        let word = |index: usize| -> Option<u32> {
            let field = bytes.get(index * 4..index * 4 + 4)?;
            Some(u32::from_le_bytes(field.try_into().ok()?))
        };
        if bytes.get(..4) != Some(b"TALM") || word(1)? != 1 || word(3)? as usize != LANGUAGES.len() {
            return None;
        }
        let slot_count = word(2)? as usize;
        let slots_end = HEADER_BYTES + slot_count * SLOT_BYTES;
        let slots = bytes.get(HEADER_BYTES..slots_end)?;
        let postings = bytes.get(slots_end..)?;
        Some(Model { slots, postings, slot_count })
    }

    /// The postings of the n-gram whose hash is `h` (see [`hash`]): `(language id, q)` pairs.
    #[inline]
    pub fn lookup(&self, h: u64) -> &'static [u8] {
        if self.slot_count == 0 {
            return &[];
        }
        let wanted = fingerprint(h);
        let mut index = slot_of(h, self.slot_count);
        // At most every slot once; the table is 80% full, so a probe ends within a few slots.
        for _ in 0..self.slot_count {
            let slot = &self.slots[index * SLOT_BYTES..index * SLOT_BYTES + SLOT_BYTES];
            let found = u32::from_le_bytes([slot[0], slot[1], slot[2], slot[3]]);
            if found == 0 {
                return &[];
            }
            if found == wanted {
                let packed = u32::from_le_bytes([slot[4], slot[5], slot[6], slot[7]]) as usize;
                let (start, count) = ((packed >> 8) * 2, (packed & 0xff) * 2);
                return self.postings.get(start..start + count).unwrap_or(&[]);
            }
            index = if index + 1 == self.slot_count { 0 } else { index + 1 };
        }
        &[]
    }
}

/// FNV-1a state before any byte.
pub const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Feeds one byte into an FNV-1a state: the detector extends an n-gram's state by one
/// character to get the next order's.
#[inline]
pub fn hash_byte(state: u64, byte: u8) -> u64 {
    (state ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// The key's hash from its FNV-1a state: a finaliser mixes both halves (the low one picks the
/// slot, the high one is the fingerprint). Must equal the builder's.
#[inline]
pub fn finalise(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The hash of a whole key (tests and tools; the detector hashes incrementally).
pub fn hash(key: &str) -> u64 {
    finalise(key.bytes().fold(HASH_START, hash_byte))
}

#[inline]
fn slot_of(h: u64, slot_count: usize) -> usize {
    (((h & 0xffff_ffff) * slot_count as u64) >> 32) as usize
}

#[inline]
fn fingerprint(h: u64) -> u32 {
    ((h >> 32) as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id_of(code: &str) -> u8 {
        LANGUAGES.iter().position(|&(c, _)| c == code).unwrap() as u8
    }

    #[test]
    fn the_embedded_table_is_well_formed() {
        let model = Model::from_bytes(MODEL).expect("model.bin header");
        assert!(model.slot_count > 100_000);
        assert_eq!(model.postings.len() % 2, 0);
        assert!(LANGUAGES.len() >= 60);
    }

    #[test]
    fn common_ngrams_are_found_for_their_languages() {
        let model = Model::embedded();
        let languages = |key: &str| -> Vec<u8> { model.lookup(hash(key)).chunks(2).map(|p| p[0]).collect() };
        let q = |key: &str, code: &str| model.lookup(hash(key)).chunks(2).find(|p| p[0] == id_of(code)).map(|p| p[1]);
        assert!(languages("the").contains(&id_of("eng")));
        // ß is common in German; English has it at most from a few borrowed names.
        assert!(q("ß", "deu").unwrap() + 5 * 8 < q("ß", "eng").unwrap_or(255));
        assert!(languages("że").contains(&id_of("pol")));
        assert!(languages("qqqqx").is_empty());
    }
}
