//! `slug_terms`: the words of the last meaningful path segment.

use super::date::{DatePlace, PathDate};
use super::path::{is_id_word, Segment};

/// Words of the last meaningful segment among `segments[from..]`, lower case, one per element.
/// Skipped on the way from the end: index documents (`index.html`, `amp`), ids and numbers,
/// `page/<n>` paging. Inside the chosen segment, a date, numeric ids and hashes are dropped
/// (`some-story-2024-03-22` → `some`, `story`; `world-europe-68612345` → `world`, `europe`).
pub fn terms(segments: &[Segment], from: usize, date: Option<&PathDate>) -> Vec<String> {
    let mut index = segments.len();
    while index > from {
        index -= 1;
        let segment = &segments[index];
        if !segment.is_meaningful() || is_paging(segments, index) {
            continue;
        }
        let skipped_words = match date.map(|d| d.place) {
            Some(DatePlace::Words { segment: date_segment, word, count }) if date_segment == index => {
                word..word + count
            }
            _ => 0..0,
        };
        let words: Vec<String> = segment
            .words()
            .enumerate()
            .filter(|(position, word)| !skipped_words.contains(position) && !is_id_word(word))
            .map(|(_, word)| word.to_string())
            .collect();
        if !words.is_empty() {
            return words;
        }
    }
    Vec::new()
}

/// `page` followed by a page number.
fn is_paging(segments: &[Segment], index: usize) -> bool {
    segments[index].text == "page" && segments.get(index + 1).is_some_and(Segment::is_numeric)
}

#[cfg(test)]
mod tests {
    use super::super::date;
    use super::super::path::segments;
    use super::*;

    fn slug(path: &str) -> Vec<String> {
        let segments = segments(path);
        let date = date::find(&segments);
        terms(&segments, 0, date.as_ref())
    }

    #[test]
    fn words_of_the_last_segment() {
        assert_eq!(
            slug("/world/us-news/2024/03/22/what-is-truth-social-donald-trumps-social-media-platform/"),
            ["what", "is", "truth", "social", "donald", "trumps", "social", "media", "platform"]
        );
        assert_eq!(slug("/tags/donald-trump"), ["donald", "trump"]);
        assert_eq!(slug("/world/us-news/"), ["us", "news"]);
    }

    #[test]
    fn index_documents_extensions_ids_and_paging_are_skipped() {
        assert_eq!(
            slug("/2024/03/22/politics/senate-vote-delayed/index.html"),
            ["senate", "vote", "delayed"]
        );
        assert_eq!(slug("/2024/03/22/us/Senate_Vote.html"), ["senate", "vote"]);
        assert_eq!(slug("/news/world-europe-68612345"), ["world", "europe"]);
        assert_eq!(slug("/news/68612345/"), ["news"]);
        assert_eq!(slug("/people/ada-lovelace/page/2"), ["ada", "lovelace"]);
        assert_eq!(slug("/story/long-read/amp/"), ["long", "read"]);
        assert_eq!(slug("/news/topics/c0vv2pjz7xvt"), ["topics"]);
        assert_eq!(slug("/images/harbour-at-dawn.jpg"), ["harbour", "at", "dawn"]);
        assert_eq!(slug("/article/ferry-strike-ends-3f2a9c8e7b6d5a4f"), ["ferry", "strike", "ends"]);
        assert_eq!(slug("/news/covid19-and-g20-talks"), ["covid19", "and", "g20", "talks"]);
    }

    #[test]
    fn dates_inside_the_slug_are_dropped() {
        assert_eq!(slug("/world/europe/talks-resume-2024-03-22/"), ["talks", "resume"]);
        assert_eq!(slug("/news/20240322-talks-resume"), ["talks", "resume"]);
        assert_eq!(slug("/2024/03/22/"), Vec::<String>::new());
    }

    #[test]
    fn percent_encoded_words_are_decoded() {
        assert_eq!(slug("/themen/caf%C3%A9-kultur"), ["café", "kultur"]);
        assert_eq!(slug("/%D0%BC%D0%B8%D1%80"), ["мир"]);
    }

    #[test]
    fn the_search_can_start_after_a_segment() {
        let segments = segments("/news/topics/c0vv2pjz7xvt");
        assert!(terms(&segments, 2, None).is_empty());
        let segments = super::super::path::segments("/tags/vladimir-putin");
        assert_eq!(terms(&segments, 1, None), ["vladimir", "putin"]);
    }

    #[test]
    fn nothing_meaningful_gives_no_terms() {
        assert!(slug("/").is_empty());
        assert!(slug("/12345/67890").is_empty());
        assert!(slug("/index.html").is_empty());
    }
}
