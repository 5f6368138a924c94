//! Every link of the article as a structured, resolved, classified record.

use super::document::Document;
use super::{TextSpan, Warning};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkKind {
    Article,
    Tag,
    Section,
    Home,
    Social,
    Media,
    Email,
    Fragment,
    Script,
    Empty,
    Other,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The attribute as written.
    pub href: String,
    /// Resolved by the WHATWG rules; empty when it cannot be resolved.
    pub url: String,
    /// `url` without tracking parameters.
    pub canonical_url: String,
    pub scheme: String,
    pub host: String,
    /// Registrable domain by the Public Suffix List.
    pub domain: String,
    pub path: String,
    pub text: String,
    pub image_alt: String,
    pub title: String,
    /// Lower-case tokens of the `rel` attribute.
    pub rel: Vec<String>,
    pub target: String,
    pub external: bool,
    pub kind: LinkKind,
    /// `YYYY-MM-DD` found in the path, or empty.
    pub date: String,
    pub slug_terms: Vec<String>,
    /// The anchor text in the document text.
    pub span: TextSpan,
}

/// Builds a [`Link`] for every anchor (or bare URL in plain text), in document order.
pub fn extract(_document: &Document, _base_url: Option<&url::Url>) -> (Vec<Link>, Vec<Warning>) {
    (Vec::new(), Vec::new())
}
