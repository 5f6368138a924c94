//! How common a stem is in the language at large, from an embedded word-frequency table.
//!
//! A single article is too small a sample to tell a topical word from a merely frequent one;
//! the table supplies what a corpus would: an inverse-document-frequency estimate per stem, so
//! "said" weighs little and "Zelenskyy" a lot. Tables list words with their Zipf frequency
//! (log10 of occurrences per billion words) in groups headed by `@z`; the frequencies of all
//! words sharing a stem are summed, so the estimate is per stem as the scorer counts.

use std::collections::HashMap;

/// Words in a typical news article: turns a per-word probability into the chance that an
/// article contains the word at least once, which is what document frequency measures.
const ARTICLE_LENGTH: f64 = 600.0;

pub struct Background {
    /// Occurrences per billion words, summed over the words sharing each stem.
    per_billion: HashMap<String, f64>,
    /// The Zipf frequency assumed for a stem the table does not list: a little below its
    /// rarest entry, since the table holds the most common words.
    unseen_zipf: f64,
}

impl Background {
    pub fn parse(table: &str, stem: impl Fn(&str) -> String) -> Background {
        let mut per_billion: HashMap<String, f64> = HashMap::new();
        let mut zipf = f64::NAN;
        let mut rarest = f64::INFINITY;
        for line in table.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(value) = line.strip_prefix('@') {
                zipf = value.parse().unwrap_or(f64::NAN);
                continue;
            }
            if !zipf.is_finite() {
                continue;
            }
            rarest = rarest.min(zipf);
            *per_billion.entry(stem(line)).or_insert(0.0) += 10f64.powf(zipf);
        }
        let unseen_zipf = if rarest.is_finite() { rarest - 0.3 } else { 3.0 };
        Background { per_billion, unseen_zipf }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.per_billion.len()
    }

    /// Zipf frequency of a stem: log10 of its occurrences per billion words.
    pub fn zipf(&self, stem: &str) -> f64 {
        match self.per_billion.get(stem) {
            Some(&per_billion) => per_billion.log10(),
            None => self.unseen_zipf,
        }
    }

    /// Inverse document frequency estimated from the word's frequency in the language:
    /// `-ln P(an article contains it)`, near zero for words every article has.
    pub fn idf(&self, stem: &str) -> f64 {
        idf_of_zipf(self.zipf(stem))
    }
}

/// `-ln(1 - e^(-p·L))` for a word with probability `p` per word in an article of `L` words.
pub fn idf_of_zipf(zipf: f64) -> f64 {
    let per_word = 10f64.powf(zipf - 9.0);
    let in_article = -(-per_word * ARTICLE_LENGTH).exp_m1();
    // The clamp keeps the logarithm finite and the result non-negative at both extremes.
    (-in_article.clamp(1e-12, 1.0).ln()).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "# test\n@6.0\nsaid\n@4.5\nstrike\n@4.2\nstrikes\n@3.0\nkyiv\n";

    fn table() -> Background {
        Background::parse(TABLE, |w| w.trim_end_matches('s').to_string())
    }

    #[test]
    fn frequencies_of_a_stem_are_summed() {
        let background = table();
        let strike = background.zipf("strike");
        assert!(strike > 4.5 && strike < 4.7, "{strike}");
        assert_eq!(background.len(), 3);
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
            let idf = idf_of_zipf(zipf);
            assert!(idf.is_finite() && idf >= 0.0, "{zipf}: {idf}");
        }
    }
}
