//! Named entities: mentions found, typed and merged per real-world entity.

use std::collections::BTreeMap;

use super::document::Document;
use super::language::DetectedLanguage;
use super::links::Link;
use super::tone::{Tone, ToneSummary};
use super::{TextSpan, Warning};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    Person,
    Organization,
    Location,
    Nationality,
    Event,
    Work,
    Date,
    Money,
    Percent,
    Quantity,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    /// The full name.
    Proper,
    /// Any part of the name alone (`Trump`, `Vladimir`).
    Partial,
    /// A name after a title (`Mr Trump`: text `Trump`, title `Mr`).
    Titled,
    /// Known only from a link (a tag page); no span.
    Linked,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// The name as written, without title or possessive.
    pub text: String,
    /// `None` only for [`MentionKind::Linked`].
    pub span: Option<TextSpan>,
    pub kind: MentionKind,
    /// `Mr`, `President`…; empty when none.
    pub title: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// The fullest form of the name.
    pub name: String,
    pub entity_type: EntityType,
    /// 0..1; the saliences of a document sum to at most 1.
    pub salience: f32,
    pub mentions: Vec<Mention>,
    /// Resolved URLs of links that point at the entity (anchor text or tag slug).
    pub urls: Vec<String>,
    pub metadata: BTreeMap<String, String>,
    /// Tone of the sentences that mention the entity, when tone was computed.
    pub tone: Option<ToneSummary>,
}

/// Finds, types and merges the document's entities.
pub fn extract(
    _document: &Document,
    _language: &DetectedLanguage,
    _links: &[Link],
    _tone: Option<&Tone>,
) -> (Vec<Entity>, Vec<Warning>) {
    (Vec::new(), Vec::new())
}
