//! The publication date a document states about itself.

use super::Dateline;

/// A leading `date YYYY-MM-DD` line.
pub fn find(_text: &str) -> Option<Dateline> {
    None
}
