//! How a language usually writes a word: the evidence the table for sentences in capitals gets
//! in place of the case the sentence lost (`APPLE SHARES` — is `apple` usually `Apple`?).
//!
//! Counted by `examples/train_ner.rs` on the training split (every word after a sentence's
//! first, in sentences not written in capitals: capitalised or lower case) and stored at the end
//! of the weight file: `u32` entry count `n`, then `n` ascending `u32` word hashes, then `n`
//! bucket bytes, all little-endian. Read in place by binary search; nothing is parsed at start-up.

use super::features::word_hash;
use super::read_u32;

/// The word was not seen after a sentence's first word (or the table does not have it).
pub const UNSEEN: u8 = 0;
/// Only ever seen in lower case.
pub const ALWAYS_LOWER: u8 = 1;
/// Capitalised in fewer than a quarter of its sightings.
pub const MOSTLY_LOWER: u8 = 2;
/// Capitalised in a quarter to three quarters of them.
pub const MIXED: u8 = 3;
/// Capitalised in more than three quarters, not all.
pub const MOSTLY_CAPITALISED: u8 = 4;
/// Only ever seen capitalised.
pub const ALWAYS_CAPITALISED: u8 = 5;

/// The bucket byte of a word seen `capitalised` times capitalised and `lower` times in lower
/// case: the class (low four bits, [`UNSEEN`] … [`ALWAYS_CAPITALISED`]) and how often it was seen
/// (high bits: 0 once, 1 two to four times, 2 five times or more).
pub fn bucket(capitalised: u32, lower: u32) -> u8 {
    let seen = u64::from(capitalised) + u64::from(lower);
    let class = match (capitalised, lower) {
        (0, 0) => return UNSEEN,
        (0, _) => ALWAYS_LOWER,
        (_, 0) => ALWAYS_CAPITALISED,
        // Compared in integers: 4c < n is "fewer than a quarter".
        _ if 4 * u64::from(capitalised) < seen => MOSTLY_LOWER,
        _ if 4 * u64::from(capitalised) <= 3 * seen => MIXED,
        _ => MOSTLY_CAPITALISED,
    };
    let tier = match seen {
        1 => 0,
        2..=4 => 1,
        _ => 2,
    };
    class | tier << 4
}

/// The class of a bucket byte (its low four bits).
pub fn class(bucket: u8) -> u8 {
    bucket & 0x0f
}

/// A table of word buckets, read in place.
#[derive(Clone, Copy, Debug)]
pub struct CaseTable {
    bytes: &'static [u8],
    len: usize,
}

impl CaseTable {
    /// Checks the length the entry count promises; `None` when it does not match.
    pub fn from_bytes(bytes: &'static [u8]) -> Option<CaseTable> {
        let len = usize::try_from(read_u32(bytes, 0)).ok()?;
        (bytes.len() == encoded_len(len)).then_some(CaseTable { bytes, len })
    }

    /// The bucket of a folded word ([`UNSEEN`] when absent).
    pub fn get(&self, folded: &str) -> u8 {
        let key = word_hash(folded);
        let (mut low, mut high) = (0usize, self.len);
        while low < high {
            let middle = low + (high - low) / 2;
            let at = read_u32(self.bytes, 4 + 4 * middle);
            match at.cmp(&key) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return self.bytes.get(4 + 4 * self.len + middle).copied().unwrap_or(UNSEEN),
            }
        }
        UNSEEN
    }

    /// Entries in the table.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table has no entries.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Bytes of a table of `len` entries.
pub fn encoded_len(len: usize) -> usize {
    4 + 5 * len
}

/// Encodes (folded word, capitalised count, lower-case count) triples as a table; words never
/// seen are left out. Deterministic: entries are sorted by hash, and a hash two words share
/// (rare: 32 bits) keeps the bucket of the word that sorts first.
pub fn encode<'w>(words: impl IntoIterator<Item = (&'w str, u32, u32)>) -> Vec<u8> {
    let mut entries: Vec<(u32, &str, u8)> =
        words.into_iter().filter(|&(_, c, l)| c + l > 0).map(|(w, c, l)| (word_hash(w), w, bucket(c, l))).collect();
    entries.sort_unstable();
    entries.dedup_by_key(|e| e.0);
    let mut bytes = Vec::with_capacity(encoded_len(entries.len()));
    bytes.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (hash, _, _) in &entries {
        bytes.extend_from_slice(&hash.to_le_bytes());
    }
    bytes.extend(entries.iter().map(|e| e.2));
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_follow_the_share_written_capitalised() {
        assert_eq!(bucket(0, 0), UNSEEN);
        assert_eq!(class(bucket(0, 7)), ALWAYS_LOWER);
        assert_eq!(class(bucket(1, 9)), MOSTLY_LOWER);
        assert_eq!(class(bucket(1, 3)), MIXED);
        assert_eq!(class(bucket(3, 1)), MIXED);
        assert_eq!(class(bucket(9, 1)), MOSTLY_CAPITALISED);
        assert_eq!(class(bucket(2, 0)), ALWAYS_CAPITALISED);
        // How often it was seen: once, a few times, often.
        assert_eq!(bucket(1, 0) >> 4, 0);
        assert_eq!(bucket(2, 2) >> 4, 1);
        assert_eq!(bucket(40, 2) >> 4, 2);
    }

    #[test]
    fn tables_answer_by_word_and_refuse_a_wrong_length() {
        let bytes = encode([("apple", 30, 2), ("said", 0, 90), ("nato", 4, 0), ("never", 0, 0)]);
        assert_eq!(bytes.len(), encoded_len(3));
        let table = CaseTable::from_bytes(Box::leak(bytes.clone().into_boxed_slice())).expect("table");
        assert_eq!(table.len(), 3);
        assert_eq!(table.get("apple"), bucket(30, 2));
        assert_eq!(table.get("said"), bucket(0, 90));
        assert_eq!(table.get("nato"), bucket(4, 0));
        assert_eq!(table.get("never"), UNSEEN);
        assert_eq!(table.get("kestrel"), UNSEEN);
        // Deterministic whatever the order the words come in.
        assert_eq!(encode([("nato", 4, 0), ("said", 0, 90), ("apple", 30, 2)]), bytes);
        let short = &bytes[..bytes.len() - 1];
        assert!(CaseTable::from_bytes(Box::leak(short.to_vec().into_boxed_slice())).is_none());
        let empty = CaseTable::from_bytes(Box::leak(encode([]).into_boxed_slice())).expect("empty table");
        assert!(empty.is_empty());
        assert_eq!(empty.get("apple"), UNSEEN);
    }
}
