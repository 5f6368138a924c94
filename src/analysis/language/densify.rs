//! Rewrites the committed language model (version 1) in the layout the detector reads
//! (version 2, `layout.rs`): run by the build script, and by the tests that check the rewrite.

use super::layout::{word_at, HEADER_BYTES, LANES, SLOT_BYTES};

/// Bytes in a version-1 header.
pub const SOURCE_HEADER_BYTES: usize = 16;
/// The `q` of a language a dense row's n-gram does not list.
pub const ABSENT: u8 = u8::MAX;
/// From this many postings on, an n-gram gets a dense row: 20,062 of the 1.16 million n-grams,
/// 1.3 MB of rows, and nearly every lookup of ordinary text.
pub const DENSE_MIN_POSTINGS: usize = 16;

/// Why a source table could not be rewritten.
#[derive(Debug, PartialEq, Eq)]
pub enum LayoutError {
    /// Not a version-1 table, or cut short.
    Malformed,
    /// A posting's language id does not fit a dense row.
    LanguageIdTooLarge(u8),
    /// A present key without postings, which version 2 could not tell from a dense one.
    EmptyKey,
}

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LayoutError::Malformed => write!(f, "not a version-1 language model"),
            LayoutError::LanguageIdTooLarge(id) => write!(f, "language id {id} does not fit a dense row of {LANES}"),
            LayoutError::EmptyKey => write!(f, "a key without postings"),
        }
    }
}

impl std::error::Error for LayoutError {}

/// The version-2 table of a version-1 `source`.
pub fn densify(source: &[u8]) -> Result<Vec<u8>, LayoutError> {
    if source.get(..4) != Some(b"TALM") || word_at(source, 4) != Some(1) {
        return Err(LayoutError::Malformed);
    }
    let slot_count = word_at(source, 8).ok_or(LayoutError::Malformed)? as usize;
    let language_count = word_at(source, 12).ok_or(LayoutError::Malformed)?;
    let slots_end = SOURCE_HEADER_BYTES + slot_count * SLOT_BYTES;
    let slots = source.get(SOURCE_HEADER_BYTES..slots_end).ok_or(LayoutError::Malformed)?;
    let postings = &source[slots_end..];
    let mut new_slots = Vec::with_capacity(slots.len());
    let mut rows: Vec<u8> = Vec::new();
    let mut sparse: Vec<u8> = Vec::with_capacity(postings.len());
    for slot in slots.chunks_exact(SLOT_BYTES) {
        let fingerprint = word_at(slot, 0).ok_or(LayoutError::Malformed)?;
        let packed = word_at(slot, 4).ok_or(LayoutError::Malformed)? as usize;
        let mut new_packed = 0u32;
        if fingerprint != 0 {
            let (start, count) = ((packed >> 8) * 2, packed & 0xff);
            let own = postings.get(start..start + count * 2).ok_or(LayoutError::Malformed)?;
            new_packed = match count {
                0 => return Err(LayoutError::EmptyKey),
                _ if count >= DENSE_MIN_POSTINGS => {
                    let row = rows.len() / LANES;
                    rows.extend_from_slice(&dense_row(own)?);
                    (row as u32) << 8
                }
                _ => {
                    let first = sparse.len() / 2;
                    sparse.extend_from_slice(own);
                    ((first as u32) << 8) | count as u32
                }
            };
        }
        new_slots.extend_from_slice(&fingerprint.to_le_bytes());
        new_slots.extend_from_slice(&new_packed.to_le_bytes());
    }
    let mut table = Vec::with_capacity(HEADER_BYTES + new_slots.len() + rows.len() + sparse.len());
    table.extend_from_slice(b"TALM");
    for field in [2, slot_count as u32, language_count, (rows.len() / LANES) as u32, 0] {
        table.extend_from_slice(&field.to_le_bytes());
    }
    table.extend_from_slice(&new_slots);
    table.extend_from_slice(&rows);
    table.extend_from_slice(&sparse);
    Ok(table)
}

/// One `q` per language id, [`ABSENT`] for the languages `postings` does not list.
pub fn dense_row(postings: &[u8]) -> Result<[u8; LANES], LayoutError> {
    let mut row = [ABSENT; LANES];
    for posting in postings.chunks_exact(2) {
        let slot = row.get_mut(usize::from(posting[0])).ok_or(LayoutError::LanguageIdTooLarge(posting[0]))?;
        *slot = posting[1];
    }
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version-1 table of three slots: a key with `many` postings, an empty slot, a key
    /// with one posting.
    fn source(many: usize) -> Vec<u8> {
        let mut table = b"TALM".to_vec();
        for field in [1u32, 3, 62] {
            table.extend_from_slice(&field.to_le_bytes());
        }
        for (fingerprint, packed) in [(7u32, many as u32), (0, 0), (9, ((many as u32) << 8) | 1)] {
            table.extend_from_slice(&fingerprint.to_le_bytes());
            table.extend_from_slice(&packed.to_le_bytes());
        }
        for id in 0..many {
            table.extend_from_slice(&[id as u8 * 2, 10 + id as u8]);
        }
        table.extend_from_slice(&[5, 99]);
        table
    }

    #[test]
    fn a_key_with_many_postings_gets_a_dense_row_and_the_others_keep_theirs() {
        let table = densify(&source(DENSE_MIN_POSTINGS)).unwrap();
        assert_eq!(word_at(&table, 4), Some(2));
        assert_eq!(word_at(&table, 16), Some(1), "one dense row");
        let slot = |index: usize| (word_at(&table, HEADER_BYTES + index * 8), word_at(&table, HEADER_BYTES + index * 8 + 4));
        assert_eq!(slot(0), (Some(7), Some(0)), "row 0, count 0");
        assert_eq!(slot(1), (Some(0), Some(0)));
        assert_eq!(slot(2), (Some(9), Some(1)), "first sparse posting, one of them");
        let rows = HEADER_BYTES + 3 * SLOT_BYTES;
        let row = &table[rows..rows + LANES];
        assert_eq!(row[0], 10);
        assert_eq!(row[2], 11);
        assert_eq!(row[1], ABSENT);
        assert_eq!(&table[rows + LANES..], &[5, 99]);
    }

    #[test]
    fn a_key_with_few_postings_stays_sparse() {
        let table = densify(&source(DENSE_MIN_POSTINGS - 1)).unwrap();
        assert_eq!(word_at(&table, 16), Some(0));
        assert_eq!(word_at(&table, HEADER_BYTES + 4), Some(DENSE_MIN_POSTINGS as u32 - 1));
    }

    #[test]
    fn malformed_tables_are_refused() {
        assert_eq!(densify(b"TALX"), Err(LayoutError::Malformed));
        let mut cut = source(3);
        cut.truncate(30);
        assert_eq!(densify(&cut), Err(LayoutError::Malformed));
        assert_eq!(dense_row(&[64, 1]), Err(LayoutError::LanguageIdTooLarge(64)));
    }
}
