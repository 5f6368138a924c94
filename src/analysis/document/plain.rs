//! Plain-text input: the text is the content unchanged; paragraphs are separated by blank lines.

use super::{Block, BlockKind, Extraction, OffsetMap};
use crate::analysis::TextSpan;

pub fn extract(source: &str) -> Extraction {
    let blocks = vec![Block { span: TextSpan::new(0, source.len()), kind: BlockKind::Paragraph }];
    Extraction { text: source.to_string(), offsets: OffsetMap::identity(source.len()), blocks, ..Extraction::default() }
}
