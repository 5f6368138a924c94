//! What a whole page says about itself, beside its text: the article's metadata.

use crate::analysis::TextSpan;

/// Page metadata, each field from the most trusted source that states it: JSON-LD
/// `NewsArticle`/`Article`, OpenGraph and `article:*` meta, `<meta name>`, `<time datetime>`,
/// byline text, the URL path. Empty strings and lists mean "not stated".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The headline.
    pub title: String,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD`.
    pub published_date: String,
    /// `YYYY-MM-DD`.
    pub modified_date: String,
    pub site_name: String,
    pub canonical_url: String,
    pub description: String,
    pub image_url: String,
    pub section: String,
    pub tags: Vec<String>,
    /// The article body in the document text (headline excluded).
    pub body: TextSpan,
    /// Whether boilerplate was removed.
    pub extracted: bool,
}
