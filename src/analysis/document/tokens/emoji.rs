//! Whether a grapheme cluster is an emoji.
//!
//! Pictographs from the supplementary planes, the pictographic symbols of the BMP (`❤`, `☀`,
//! `✔`), flags (regional-indicator pairs) and keycaps are emoji. Characters that are text by
//! default (`©`, `™`, arrows, `▶`) are emoji only with the emoji variation selector U+FE0F.
//! The ranges follow Unicode's Extended_Pictographic property (emoji-data.txt), coarsened.

const EMOJI_VARIATION_SELECTOR: char = '\u{FE0F}';
const KEYCAP: char = '\u{20E3}';

/// Pictographic characters that are emoji on their own.
fn is_pictographic(c: char) -> bool {
    matches!(
        c,
        '\u{2600}'..='\u{27BF}'
            | '\u{2B05}'..='\u{2B07}'
            | '\u{2B1B}'..='\u{2B1C}'
            | '\u{2B50}'
            | '\u{2B55}'
            | '\u{231A}'..='\u{231B}'
            | '\u{23E9}'..='\u{23F3}'
            | '\u{23F8}'..='\u{23FA}'
            | '\u{1F000}'..='\u{1F0FF}'
            | '\u{1F170}'..='\u{1F1E5}'
            | '\u{1F200}'..='\u{1F251}'
            | '\u{1F300}'..='\u{1F64F}'
            | '\u{1F680}'..='\u{1F6FF}'
            | '\u{1F7E0}'..='\u{1F7FF}'
            | '\u{1F900}'..='\u{1FAFF}'
    )
}

/// Characters that become emoji with U+FE0F (text presentation by default).
fn is_text_default_pictograph(c: char) -> bool {
    matches!(
        c,
        '\u{00A9}'
            | '\u{00AE}'
            | '\u{203C}'
            | '\u{2049}'
            | '\u{2122}'
            | '\u{2139}'
            | '\u{2194}'..='\u{21AA}'
            | '\u{2328}'
            | '\u{23CF}'
            | '\u{24C2}'
            | '\u{25AA}'..='\u{25FE}'
            | '\u{2934}'..='\u{2935}'
            | '\u{3030}'
            | '\u{303D}'
            | '\u{3297}'
            | '\u{3299}'
    )
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

pub fn is_emoji(cluster: &str) -> bool {
    let has_selector = cluster.contains(EMOJI_VARIATION_SELECTOR);
    let mut regional_indicators = 0;
    for c in cluster.chars() {
        if is_pictographic(c) || (has_selector && is_text_default_pictograph(c)) || c == KEYCAP {
            return true;
        }
        if is_regional_indicator(c) {
            regional_indicators += 1;
        }
    }
    regional_indicators == 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictographs_flags_and_keycaps_are_emoji() {
        for cluster in ["\u{1F600}", "\u{2764}", "\u{1F1E9}\u{1F1EA}", "1\u{FE0F}\u{20E3}", "\u{00A9}\u{FE0F}"] {
            assert!(is_emoji(cluster), "{cluster:?}");
        }
    }

    #[test]
    fn text_symbols_are_not_emoji() {
        for cluster in ["\u{00A9}", "\u{2122}", "\u{2192}", "$", "\u{1F1E9}", "a"] {
            assert!(!is_emoji(cluster), "{cluster:?}");
        }
    }
}
