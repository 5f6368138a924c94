//! Publication dates written into URL paths: `/2024/03/22/`, `/2024/mar/22/`, `/20240322/`,
//! `slug-2024-03-22`. Only real calendar dates between 1900 and 2099 count.

use super::path::Segment;

const MONTH_NAMES: &[(&str, u32)] = &[
    ("jan", 1),
    ("january", 1),
    ("feb", 2),
    ("february", 2),
    ("mar", 3),
    ("march", 3),
    ("apr", 4),
    ("april", 4),
    ("may", 5),
    ("jun", 6),
    ("june", 6),
    ("jul", 7),
    ("july", 7),
    ("aug", 8),
    ("august", 8),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
    ("oct", 10),
    ("october", 10),
    ("nov", 11),
    ("november", 11),
    ("dec", 12),
    ("december", 12),
];

/// A date found in a path, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathDate {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub place: DatePlace,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePlace {
    /// Year, month and day are the segments `first`, `first + 1`, `first + 2`.
    Segments { first: usize },
    /// Inside segment `segment`, as `count` consecutive words from word `word`
    /// (three for `2024-03-22`, one for `20240322`).
    Words { segment: usize, word: usize, count: usize },
}

impl PathDate {
    /// Index of the last segment that holds the date.
    pub fn last_segment(&self) -> usize {
        match self.place {
            DatePlace::Segments { first } => first + 2,
            DatePlace::Words { segment, .. } => segment,
        }
    }
}

/// The first valid date of the path, scanning segments left to right.
pub fn find(segments: &[Segment]) -> Option<PathDate> {
    for (index, segment) in segments.iter().enumerate() {
        if let Some(date) = segments.get(index..index + 3).and_then(date_of_segments) {
            return Some(PathDate { date, place: DatePlace::Segments { first: index } });
        }
        if let Some((date, word, count)) = date_in_words(segment) {
            return Some(PathDate { date, place: DatePlace::Words { segment: index, word, count } });
        }
    }
    None
}

/// Whether a year segment is followed by a month segment (`/2024/03/slug`, `/2024/mar/slug`): an
/// archive path shape even when no day is given. Returns the index of the month segment.
pub fn year_month(segments: &[Segment]) -> Option<usize> {
    segments
        .windows(2)
        .position(|pair| year(&pair[0].text).is_some() && month(&pair[1].text).is_some())
        .map(|i| i + 1)
}

fn date_of_segments(three: &[Segment]) -> Option<String> {
    let [y, m, d] = three else { return None };
    validated(year(&y.text)?, month(&m.text)?, day(&d.text)?)
}

/// `2024-03-22` / `2024_03_22` as three words, or `20240322` as one.
fn date_in_words(segment: &Segment) -> Option<(String, usize, usize)> {
    let words: Vec<&str> = segment.words().collect();
    for (index, word) in words.iter().enumerate() {
        if word.len() == 8 && word.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(date) = validated_parts(&word[..4], &word[4..6], &word[6..]) {
                return Some((date, index, 1));
            }
        }
        if let [y, m, d] = words.get(index..index + 3).unwrap_or_default() {
            if m.len() == 2 && d.len() == 2 {
                if let Some(date) = validated_parts(y, m, d) {
                    return Some((date, index, 3));
                }
            }
        }
    }
    None
}

fn validated_parts(y: &str, m: &str, d: &str) -> Option<String> {
    validated(year(y)?, number(m)?, number(d)?)
}

fn year(text: &str) -> Option<u32> {
    (text.len() == 4).then(|| number(text)).flatten().filter(|y| (1900..=2099).contains(y))
}

fn month(text: &str) -> Option<u32> {
    if text.len() <= 2 {
        return number(text).filter(|m| (1..=12).contains(m));
    }
    MONTH_NAMES.iter().find(|(name, _)| *name == text).map(|(_, m)| *m)
}

fn day(text: &str) -> Option<u32> {
    (text.len() <= 2).then(|| number(text)).flatten()
}

fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn validated(year: u32, month: u32, day: u32) -> Option<String> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in_month).contains(&day).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::super::path::segments;
    use super::*;

    fn date_of(path: &str) -> Option<String> {
        find(&segments(path)).map(|found| found.date)
    }

    #[test]
    fn dates_as_segments() {
        assert_eq!(date_of("/world/us-news/2024/03/22/some-story/").as_deref(), Some("2024-03-22"));
        assert_eq!(date_of("/2024/3/5/politics/x.html").as_deref(), Some("2024-03-05"));
        assert_eq!(date_of("/world/2024/mar/22/some-story").as_deref(), Some("2024-03-22"));
        assert_eq!(date_of("/2023/September/01/x").as_deref(), Some("2023-09-01"));
    }

    #[test]
    fn dates_inside_segments() {
        assert_eq!(date_of("/news/20240322/some-story").as_deref(), Some("2024-03-22"));
        assert_eq!(date_of("/world/europe/some-story-2024-03-22/").as_deref(), Some("2024-03-22"));
        assert_eq!(date_of("/2024-03-22-some-story").as_deref(), Some("2024-03-22"));
        assert_eq!(date_of("/a/2024_02_29_leap.html").as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn the_place_of_the_date_is_reported() {
        let found = find(&segments("/news/some-story-2024-03-22")).unwrap();
        assert_eq!(found.place, DatePlace::Words { segment: 1, word: 2, count: 3 });
        let found = find(&segments("/x/2024/03/22/y")).unwrap();
        assert_eq!(found.place, DatePlace::Segments { first: 1 });
        assert_eq!(found.last_segment(), 3);
    }

    #[test]
    fn impossible_dates_and_ids_are_not_dates() {
        for path in [
            "/2023/02/29/x",
            "/2024/13/01/x",
            "/2024/04/31/x",
            "/1850/01/01/x",
            "/news/68612345",
            "/news/20241340",
            "/2024/03/",
            "/2024-3-22-x",
            "/tags/2024-elections",
            "/12345/06/07",
        ] {
            assert_eq!(date_of(path), None, "{path}");
        }
    }

    #[test]
    fn the_first_date_wins() {
        assert_eq!(date_of("/2024/03/22/story-2025-01-01").as_deref(), Some("2024-03-22"));
    }

    #[test]
    fn year_and_month_without_day_is_an_archive_shape() {
        assert_eq!(year_month(&segments("/2024/03/some-story")), Some(1));
        assert_eq!(year_month(&segments("/blog/2024/jun/")), Some(2));
        assert_eq!(year_month(&segments("/world/us-news")), None);
        assert_eq!(year_month(&segments("/2024/99/x")), None);
    }
}
