//! The embedded n-gram table, read in place: nothing is parsed or copied at start-up. The build
//! writes it from the committed `data/language/model.bin` (built by `scripts/language_model`)
//! in the layout `src/analysis/language/layout.rs` describes: the slots, dense rows for the n-grams most languages
//! list, then the other n-grams' postings. Each posting is two bytes, `(language id, q)`, where
//! `q / STEPS_PER_NAT` is minus the natural log of the n-gram's share of that language's
//! letters (its joint probability); a dense row holds one `q` per language id. A key is found
//! by linear probing from its home slot until its fingerprint or an empty slot (fingerprint 0);
//! the builder checks that no two keys share a fingerprint.

pub use super::layout::{finalise, hash_byte, HASH_START};
use super::layout::{word_at, HEADER_BYTES, LANES, SLOT_BYTES};

/// Steps of the quantised log-probabilities per nat (the builder's constant).
pub const STEPS_PER_NAT: f32 = 8.0;

static MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/language_model.bin"));

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
    rows: &'static [u8],
    postings: &'static [u8],
    slot_count: usize,
}

/// What the table lists for an n-gram.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Postings {
    /// `(language id, q)` pairs (none for an n-gram the table lacks).
    Sparse(&'static [u8]),
    /// `q` per language id, `u8::MAX` for the languages it does not list.
    Dense(&'static [u8; LANES]),
}

impl Model {
    /// The embedded table; an empty one (every lookup misses) should the file be malformed,
    /// which a unit test rules out.
    pub fn embedded() -> Self {
        Self::from_bytes(MODEL).unwrap_or(Model { slots: &[], rows: &[], postings: &[], slot_count: 0 })
    }

    fn from_bytes(bytes: &'static [u8]) -> Option<Self> {
        if bytes.get(..4) != Some(b"TALM") || word_at(bytes, 4)? != 2 || word_at(bytes, 12)? as usize != LANGUAGES.len() {
            return None;
        }
        let slot_count = word_at(bytes, 8)? as usize;
        let row_count = word_at(bytes, 16)? as usize;
        let slots_end = HEADER_BYTES + slot_count * SLOT_BYTES;
        let rows_end = slots_end + row_count * LANES;
        let slots = bytes.get(HEADER_BYTES..slots_end)?;
        let rows = bytes.get(slots_end..rows_end)?;
        let postings = bytes.get(rows_end..)?;
        Some(Model { slots, rows, postings, slot_count })
    }

    /// What the table lists for the n-gram whose hash is `h` (see [`hash`]).
    #[inline]
    pub fn lookup(&self, h: u64) -> Postings {
        const NONE: Postings = Postings::Sparse(&[]);
        if self.slot_count == 0 {
            return NONE;
        }
        let wanted = fingerprint(h);
        let mut index = slot_of(h, self.slot_count);
        // At most every slot once; the table is 80% full, so a probe ends within a few slots.
        for _ in 0..self.slot_count {
            let slot = &self.slots[index * SLOT_BYTES..index * SLOT_BYTES + SLOT_BYTES];
            let found = u32::from_le_bytes([slot[0], slot[1], slot[2], slot[3]]);
            if found == 0 {
                return NONE;
            }
            if found == wanted {
                let packed = u32::from_le_bytes([slot[4], slot[5], slot[6], slot[7]]) as usize;
                return self.postings_of(packed);
            }
            index = if index + 1 == self.slot_count { 0 } else { index + 1 };
        }
        NONE
    }

    /// A found slot's entry: a dense row (count 0) or its sparse postings.
    #[inline]
    fn postings_of(&self, packed: usize) -> Postings {
        let (first, count) = (packed >> 8, packed & 0xff);
        if count == 0 {
            let row = self.rows.get(first * LANES..first * LANES + LANES).and_then(|row| row.try_into().ok());
            return row.map_or(Postings::Sparse(&[]), Postings::Dense);
        }
        Postings::Sparse(self.postings.get(first * 2..first * 2 + count * 2).unwrap_or(&[]))
    }
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
    use super::super::densify::{dense_row, ABSENT, SOURCE_HEADER_BYTES};
    use super::*;

    /// The committed table the build rewrote.
    static SOURCE: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/language/model.bin"));

    fn id_of(code: &str) -> u8 {
        LANGUAGES.iter().position(|&(c, _)| c == code).unwrap() as u8
    }

    /// `q` per language id, whatever the entry's form.
    fn row_of(postings: Postings) -> [u8; LANES] {
        match postings {
            Postings::Dense(row) => *row,
            Postings::Sparse(pairs) => dense_row(pairs).unwrap(),
        }
    }

    #[test]
    fn the_embedded_table_is_well_formed() {
        let model = Model::from_bytes(MODEL).expect("language model header");
        assert!(model.slot_count > 100_000);
        assert_eq!(model.postings.len() % 2, 0);
        assert!(LANGUAGES.len() >= 60 && LANGUAGES.len() <= LANES);
    }

    #[test]
    fn every_key_lists_what_the_committed_table_lists() {
        let model = Model::embedded();
        let slot_count = word_at(SOURCE, 8).unwrap() as usize;
        assert_eq!(slot_count, model.slot_count);
        let postings = &SOURCE[SOURCE_HEADER_BYTES + slot_count * SLOT_BYTES..];
        let (mut dense, mut keys) = (0, 0);
        for index in 0..slot_count {
            let at = SOURCE_HEADER_BYTES + index * SLOT_BYTES;
            let (fingerprint, packed) = (word_at(SOURCE, at).unwrap(), word_at(SOURCE, at + 4).unwrap() as usize);
            let embedded = &model.slots[index * SLOT_BYTES..index * SLOT_BYTES + SLOT_BYTES];
            assert_eq!(word_at(embedded, 0), Some(fingerprint), "slot {index}");
            if fingerprint == 0 {
                continue;
            }
            keys += 1;
            let (start, count) = ((packed >> 8) * 2, (packed & 0xff) * 2);
            let found = model.postings_of(word_at(embedded, 4).unwrap() as usize);
            dense += usize::from(matches!(found, Postings::Dense(_)));
            assert_eq!(row_of(found), dense_row(&postings[start..start + count]).unwrap(), "slot {index}");
        }
        assert!(keys > 1_000_000 && dense > 10_000, "{keys} keys, {dense} dense");
    }

    #[test]
    fn common_ngrams_are_found_for_their_languages() {
        let model = Model::embedded();
        let q = |key: &str, code: &str| Some(row_of(model.lookup(hash(key)))[usize::from(id_of(code))]).filter(|&q| q != ABSENT);
        assert!(q("the", "eng").is_some());
        // ß is common in German; English has it at most from a few borrowed names.
        assert!(q("ß", "deu").unwrap() + 5 * 8 < q("ß", "eng").unwrap_or(255));
        assert!(q("że", "pol").is_some());
        assert_eq!(model.lookup(hash("qqqqx")), Postings::Sparse(&[]));
    }
}
