//! How common a stem is in the language at large, from an embedded word-frequency table.
//!
//! A single article is too small a sample to tell a topical word from a merely frequent one;
//! the table supplies what a corpus would: an inverse-document-frequency estimate per stem, so
//! "said" weighs little and "Zelenskyy" a lot. Tables list words with their Zipf frequency
//! (log10 of occurrences per billion words) in groups headed by `@z`; the frequencies of all
//! words sharing a stem are summed, so the estimate is per stem as the scorer counts. The build
//! script does all of that (stemming, summing, the idf) and writes one hashed table per language
//! (`format` gives its layout), so start-up costs nothing.

mod format;

pub(crate) use format::frequency_list;
use format::{stem_hash, EMPTY_SLOT, HEADER_LEN, MAGIC, SLOT_LEN, STEM_HEADER_LEN, STEM_MAGIC, STEM_SLOT_LEN};
#[cfg(test)]
pub use format::STEM_TABLE_WORDS;

/// One language's table, read in place from the bytes the build script wrote: nothing is parsed
/// or allocated at start-up, and a lookup reads one or two slots.
pub struct Background {
    slots: &'static [u8],
    blob: &'static [u8],
    /// `slots - 1`: slot counts are powers of two.
    mask: usize,
    unseen_idf: f64,
}

/// The slots, the blob and the slot mask of a table the build script wrote in either format
/// (magic, slot count, blob length, the format's own fields up to `header_len`); `None` if the
/// bytes are not one (which only a broken build can cause).
fn open_table(table: &'static [u8], magic: &[u8], header_len: usize, slot_len: usize) -> Option<(&'static [u8], &'static [u8], usize)> {
    if table.len() < header_len || &table[..magic.len()] != magic {
        return None;
    }
    let slot_count = read_u32(table, 4) as usize;
    let blob_len = read_u32(table, 8) as usize;
    let slots_end = header_len.checked_add(slot_count.checked_mul(slot_len)?)?;
    if !slot_count.is_power_of_two() || table.len() != slots_end.checked_add(blob_len)? {
        return None;
    }
    Some((&table[header_len..slots_end], &table[slots_end..], slot_count - 1))
}

impl Background {
    /// Reads a table written by the build script; `None` if the bytes are not one (which only a
    /// broken build can cause).
    pub fn from_table(table: &'static [u8]) -> Option<Background> {
        let (slots, blob, mask) = open_table(table, MAGIC, HEADER_LEN, SLOT_LEN)?;
        Some(Background { slots, blob, mask, unseen_idf: read_f64(table, 12) })
    }

    /// Stems the table lists.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.slots.chunks_exact(SLOT_LEN).filter(|slot| read_u32(slot, 0) != EMPTY_SLOT).count()
    }

    /// Inverse document frequency estimated from the stem's frequency in the language,
    /// `-ln P(an article contains it)`: near zero for words every article has, and a little
    /// above the rarest listed stem's for a stem the table does not list.
    pub fn idf(&self, stem: &str) -> f64 {
        let key = stem.as_bytes();
        let mut index = stem_hash(key) as usize & self.mask;
        // The table is at most three quarters full, so a probe always meets an empty slot.
        loop {
            let slot = &self.slots[index * SLOT_LEN..(index + 1) * SLOT_LEN];
            let reference = read_u32(slot, 0);
            if reference == EMPTY_SLOT {
                return self.unseen_idf;
            }
            let offset = (reference & 0x00ff_ffff) as usize;
            let len = (reference >> 24) as usize;
            if self.blob.get(offset..offset + len) == Some(key) {
                return read_f64(slot, 4);
            }
            index = (index + 1) & self.mask;
        }
    }
}

/// One language's word-to-stem table, read in place like `Background`: the stems of the
/// language's most frequent words, as its stemmer gives them, so that those words are not
/// stemmed again in every document.
pub struct StemTable {
    slots: &'static [u8],
    /// Checked to be UTF-8 once when the table is opened: a stem is then a slice of it at
    /// character boundaries, with no check of its own on every lookup.
    blob: &'static str,
    /// `slots - 1`: slot counts are powers of two.
    mask: usize,
}

impl StemTable {
    /// Reads a table written by the build script; `None` if the bytes are not one.
    pub fn from_table(table: &'static [u8]) -> Option<StemTable> {
        let (slots, blob, mask) = open_table(table, STEM_MAGIC, STEM_HEADER_LEN, STEM_SLOT_LEN)?;
        Some(StemTable { slots, blob: std::str::from_utf8(blob).ok()?, mask })
    }

    /// The stem of a word the table lists; `None` for any other word.
    pub fn stem(&self, word: &str) -> Option<&'static str> {
        let key = word.as_bytes();
        let mut index = stem_hash(key) as usize & self.mask;
        // At most three quarters full: a probe always meets an empty slot.
        loop {
            let slot = &self.slots[index * STEM_SLOT_LEN..(index + 1) * STEM_SLOT_LEN];
            let reference = read_u32(slot, 0);
            if reference == EMPTY_SLOT {
                return None;
            }
            if self.part(reference).map(str::as_bytes) == Some(key) {
                return self.part(read_u32(slot, 4));
            }
            index = (index + 1) & self.mask;
        }
    }

    /// Stems the table lists.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.slots.chunks_exact(STEM_SLOT_LEN).filter(|slot| read_u32(slot, 0) != EMPTY_SLOT).count()
    }

    /// A word or stem of the blob; `None` where the reference is out of it or not at character
    /// boundaries (a part that is UTF-8 on its own inside a UTF-8 blob is always at boundaries).
    fn part(&self, reference: u32) -> Option<&'static str> {
        let offset = (reference & 0x00ff_ffff) as usize;
        let len = (reference >> 24) as usize;
        self.blob.get(offset..offset + len)
    }
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(word)
}

fn read_f64(bytes: &[u8], at: usize) -> f64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    f64::from_le_bytes(word)
}

#[cfg(test)]
mod writer;
#[cfg(test)]
pub use writer::list_words;

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "# test\n@6.0\nsaid\n@4.5\nstrike\n@4.2\nstrikes\n@3.0\nkyiv\n";

    fn table() -> Background {
        let bytes = writer::write_table(LIST, |w| w.trim_end_matches('s').to_string());
        Background::from_table(Box::leak(bytes.into_boxed_slice())).expect("a table the writer wrote")
    }

    #[test]
    fn frequencies_of_a_stem_are_summed() {
        let background = table();
        assert_eq!(background.len(), 3);
        let summed = (10f64.powf(4.5) + 10f64.powf(4.2)).log10();
        assert_eq!(background.idf("strike"), writer::idf_of_zipf(summed));
    }

    #[test]
    fn common_words_weigh_less_than_rare_ones() {
        let background = table();
        assert!(background.idf("said") < 1.0);
        assert!(background.idf("kyiv") > background.idf("strike"));
        assert!(background.idf("zelenskyy") > background.idf("kyiv"));
    }

    #[test]
    fn idf_is_finite_and_never_negative() {
        for zipf in [-5.0, 0.0, 3.0, 7.7, 9.0, 12.0] {
            let idf = writer::idf_of_zipf(zipf);
            assert!(idf.is_finite() && idf >= 0.0, "{zipf}: {idf}");
        }
    }

    #[test]
    fn the_stem_table_gives_the_stems_of_listed_words_only() {
        let list = "# test\nstray\n@6.0\nsaid\nharbours\n@4.0\nmice\nsaid\n";
        let stem = |word: &str| match word {
            "harbours" => "harbour".to_string(),
            "mice" => "mouse".to_string(),
            other => other.to_string(),
        };
        let bytes = writer::write_stem_table(list, stem);
        let table = StemTable::from_table(Box::leak(bytes.into_boxed_slice())).expect("a table the writer wrote");
        assert_eq!(table.len(), 3);
        assert_eq!(table.stem("said"), Some("said"));
        assert_eq!(table.stem("harbours"), Some("harbour"));
        assert_eq!(table.stem("mice"), Some("mouse"));
        assert_eq!(table.stem("stray"), None);
        assert_eq!(table.stem("harbour"), None);
        assert_eq!(table.stem(""), None);
        assert!(StemTable::from_table(b"STM1").is_none());
        assert!(StemTable::from_table(b"BGT1\x01\0\0\0\0\0\0\0\xff\xff\xff\xff\0\0\0\0").is_none());
    }

    #[test]
    fn the_stem_table_holds_the_most_frequent_words() {
        let mut list = String::from("@5.0\n");
        for index in 0..format::STEM_TABLE_WORDS + 10 {
            list.push_str(&format!("w{index}\n"));
        }
        let bytes = writer::write_stem_table(&list, |word| word.to_string());
        let table = StemTable::from_table(Box::leak(bytes.into_boxed_slice())).expect("a table");
        assert_eq!(table.len(), format::STEM_TABLE_WORDS);
        assert_eq!(table.stem("w0"), Some("w0"));
        assert_eq!(table.stem(&format!("w{}", format::STEM_TABLE_WORDS)), None);
    }

    #[test]
    fn bytes_that_are_no_table_are_refused() {
        assert!(Background::from_table(b"").is_none());
        assert!(Background::from_table(b"BGT1\x03\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0").is_none());
    }
}
