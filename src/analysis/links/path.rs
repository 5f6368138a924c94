//! A URL path as a sequence of decoded segments, with the shapes the classifier and the slug and
//! date finders look at: extensions, words, ids, index pages.

use percent_encoding::percent_decode_str;

use super::lists::is_media_extension;

/// Extensions of web pages and feeds, stripped before a segment is read as a slug.
const PAGE_EXTENSIONS: &[&str] = &[
    "html", "htm", "shtml", "xhtml", "php", "php3", "asp", "aspx", "jsp", "jspx", "cfm", "cgi", "cms", "do",
    "xml", "rss", "atom", "json",
];

/// Segment stems that name a page's default document or an alternate rendering of the page above.
const INDEX_STEMS: &[&str] = &["index", "default", "amp"];

/// One non-empty path segment, percent-decoded and lower-cased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    /// Byte length of `text` without a recognised page or media extension.
    stem_len: usize,
}

impl Segment {
    pub fn new(raw: &str) -> Segment {
        let text = percent_decode_str(raw).decode_utf8_lossy().to_lowercase();
        let stem_len = match text.rsplit_once('.') {
            Some((stem, extension))
                if !stem.is_empty()
                    && (PAGE_EXTENSIONS.contains(&extension) || is_media_extension(extension)) =>
            {
                stem.len()
            }
            _ => text.len(),
        };
        Segment { text, stem_len }
    }

    /// The segment without a recognised extension (`photo.jpg` → `photo`).
    pub fn stem(&self) -> &str {
        &self.text[..self.stem_len]
    }

    /// The recognised extension, lower case, without the dot.
    pub fn extension(&self) -> Option<&str> {
        self.text.get(self.stem_len + 1..).filter(|extension| !extension.is_empty())
    }

    /// The alphanumeric runs of the stem (`what-is-it_2` → `what`, `is`, `it`, `2`).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.stem().split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty())
    }

    pub fn has_letter(&self) -> bool {
        self.stem().chars().any(char::is_alphabetic)
    }

    pub fn is_index(&self) -> bool {
        INDEX_STEMS.contains(&self.stem())
    }

    pub fn is_numeric(&self) -> bool {
        !self.stem().is_empty() && self.stem().bytes().all(|b| b.is_ascii_digit())
    }

    /// Numbers, hashes and opaque ids (`68612345`, `c0vv2pjz7xvt`): a segment without letters, or a
    /// single word mixing letters with three or more digits. `covid19` and `g20` stay words.
    pub fn is_id_like(&self) -> bool {
        if !self.has_letter() {
            return true;
        }
        let mut words = self.words();
        match (words.next(), words.next()) {
            (Some(word), None) => is_hash_word(word),
            _ => false,
        }
    }

    /// Carries meaning for the reader: not an index document, not an id.
    pub fn is_meaningful(&self) -> bool {
        !self.is_index() && !self.is_id_like()
    }
}

/// The non-empty segments of a serialised URL path (`/world/us-news/` → `world`, `us-news`).
pub fn segments(path: &str) -> Vec<Segment> {
    path.split('/').filter(|raw| !raw.is_empty()).map(Segment::new).collect()
}

/// A word of at least five digits: an article or database id.
pub fn is_numeric_id_word(word: &str) -> bool {
    word.len() >= 5 && word.bytes().all(|b| b.is_ascii_digit())
}

/// Letters mixed with three or more digits (`c0vv2pjz7xvt`, `3f2a9c8e`): a hash or opaque id, where
/// `covid19` or `g20` are words.
pub fn is_hash_word(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && word.bytes().filter(u8::is_ascii_digit).count() >= 3
}

/// Not a word a reader would say: a numeric id or a hash.
pub fn is_id_word(word: &str) -> bool {
    is_numeric_id_word(word) || is_hash_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_decoded_lower_cased_and_non_empty() {
        let found = segments("/World//Caf%C3%A9-Society/%E2%9C%93/");
        let texts: Vec<&str> = found.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["world", "café-society", "✓"]);
        assert!(segments("/").is_empty());
        assert!(segments("").is_empty());
    }

    #[test]
    fn broken_percent_escapes_do_not_fail() {
        let found = segments("/%E2%9C/%zz/%");
        assert_eq!(found.len(), 3);
        assert_eq!(found[1].text, "%zz");
    }

    #[test]
    fn only_known_extensions_are_stripped() {
        let page = Segment::new("story-of-the-day.html");
        assert_eq!((page.stem(), page.extension()), ("story-of-the-day", Some("html")));
        let photo = Segment::new("Photo.JPG");
        assert_eq!((photo.stem(), photo.extension()), ("photo", Some("jpg")));
        let dotted = Segment::new("st.petersburg");
        assert_eq!((dotted.stem(), dotted.extension()), ("st.petersburg", None));
        let hidden = Segment::new(".html");
        assert_eq!((hidden.stem(), hidden.extension()), (".html", None));
    }

    #[test]
    fn ids_and_index_documents_are_not_meaningful() {
        for id in ["68612345", "2024", "c0vv2pjz7xvt", "a1234567", "-_-"] {
            assert!(Segment::new(id).is_id_like(), "{id}");
        }
        for word in ["covid19", "g20", "world-europe-68612345", "us-news"] {
            assert!(!Segment::new(word).is_id_like(), "{word}");
        }
        assert!(!Segment::new("index.html").is_meaningful());
        assert!(!Segment::new("amp").is_meaningful());
        assert!(Segment::new("politics").is_meaningful());
    }
}
