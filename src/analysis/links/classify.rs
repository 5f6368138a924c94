//! The kind, date and slug of a web link (an `http(s)` URL, or a relative path nothing resolved),
//! read from its host, path and query.

use super::date::{self, DatePlace, PathDate};
use super::lists::{is_article_segment, is_media_extension, is_social_host, is_tag_segment, is_utility_page};
use super::path::{self, is_numeric_id_word, Segment};
use super::slug;
use super::LinkKind;

/// Query parameters whose numeric value identifies an article (`?p=123` on WordPress).
const ARTICLE_ID_PARAMS: &[&str] = &[
    "p",
    "id",
    "aid",
    "articleid",
    "article_id",
    "storyid",
    "story_id",
    "newsid",
    "news_id",
    "postid",
    "post_id",
];

/// A slug of at least this many words, three with letters, names one story rather than a section.
const ARTICLE_SLUG_WORDS: usize = 4;

/// A section path has at most this many segments, each of at most this many words.
const SECTION_MAX_SEGMENTS: usize = 3;
const SECTION_MAX_WORDS: usize = 3;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebFacts {
    pub kind: LinkKind,
    pub date: String,
    pub slug_terms: Vec<String>,
}

/// Classifies a web link. `host` is `None` for a relative link left unresolved; `query` is the
/// query without tracking parameters.
pub fn classify(host: Option<&str>, url_path: &str, query: Option<&str>) -> WebFacts {
    let segments = path::segments(url_path);
    let date = date::find(&segments);
    let facts = |kind, slug_from| WebFacts {
        kind,
        date: date.as_ref().map(|d| d.date.clone()).unwrap_or_default(),
        slug_terms: slug::terms(&segments, slug_from, date.as_ref()),
    };
    if host.is_some_and(is_social_host) {
        return facts(LinkKind::Social, 0);
    }
    if segments.last().and_then(Segment::extension).is_some_and(is_media_extension) {
        return facts(LinkKind::Media, 0);
    }
    if segments.iter().all(Segment::is_index) && query.is_none_or(str::is_empty) {
        return WebFacts { kind: LinkKind::Home, date: String::new(), slug_terms: Vec::new() };
    }
    if is_dated_story(&segments, date.as_ref()) {
        return facts(LinkKind::Article, 0);
    }
    if let Some(marker) = marker_with_name(&segments, is_tag_segment) {
        return facts(LinkKind::Tag, marker + 1);
    }
    let found = facts(LinkKind::Other, 0);
    let kind = if marker_with_name(&segments, is_article_segment).is_some()
        || has_story_slug(&found.slug_terms)
        || has_numeric_id(&segments, query)
    {
        LinkKind::Article
    } else if is_section(&segments) {
        LinkKind::Section
    } else {
        LinkKind::Other
    };
    WebFacts { kind, ..found }
}

/// A date (or a year and month) followed by what names the story: a later segment or more words
/// in the dated segment. A bare `/2024/03/22/` is a day's archive, not a story.
fn is_dated_story(segments: &[Segment], date: Option<&PathDate>) -> bool {
    let meaningful_after = |index: usize| segments.iter().skip(index + 1).any(|s| !s.is_index());
    if let Some(date) = date {
        if meaningful_after(date.last_segment()) {
            return true;
        }
        if let DatePlace::Words { segment, word, count } = date.place {
            let other_words = segments[segment].words().enumerate().any(|(position, text)| {
                !(word..word + count).contains(&position) && text.chars().any(char::is_alphabetic)
            });
            if other_words {
                return true;
            }
        }
    }
    date::year_month(segments)
        .is_some_and(|month| segments.iter().skip(month + 1).any(Segment::is_meaningful))
}

/// The index of the first marker segment (`tags`, `topic`, `article`…) when a name or id follows it.
fn marker_with_name(segments: &[Segment], is_marker: fn(&str) -> bool) -> Option<usize> {
    segments
        .iter()
        .position(|segment| is_marker(segment.stem()))
        .filter(|&marker| segments.iter().skip(marker + 1).any(|s| !s.is_index()))
}

fn has_story_slug(slug_terms: &[String]) -> bool {
    let with_letters = slug_terms.iter().filter(|term| term.chars().any(char::is_alphabetic)).count();
    slug_terms.len() >= ARTICLE_SLUG_WORDS && with_letters >= ARTICLE_SLUG_WORDS - 1
}

/// A numeric article id in the path (`world-europe-68612345`, `/a1234567`) or the query (`?p=123`).
fn has_numeric_id(segments: &[Segment], query: Option<&str>) -> bool {
    let id_word = |word: &str| {
        let digits_from = word.find(|c: char| c.is_ascii_digit()).unwrap_or(word.len());
        let (prefix, digits) = word.split_at(digits_from);
        prefix.len() <= 3 && prefix.bytes().all(|b| b.is_ascii_alphabetic()) && is_numeric_id_word(digits)
    };
    if segments.iter().any(|segment| segment.words().any(id_word)) {
        return true;
    }
    query.unwrap_or_default().split('&').any(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        ARTICLE_ID_PARAMS.contains(&name.to_ascii_lowercase().as_str())
            && value.len() >= 3
            && value.bytes().all(|b| b.is_ascii_digit())
    })
}

/// A short path of short named segments (`/world/us-news/`), not a service page (`/about-us`).
fn is_section(segments: &[Segment]) -> bool {
    let named: Vec<&Segment> = segments.iter().filter(|s| !s.is_index()).collect();
    (1..=SECTION_MAX_SEGMENTS).contains(&named.len())
        && named.iter().all(|segment| {
            segment.is_meaningful()
                && segment.words().count() <= SECTION_MAX_WORDS
                && segment.words().next().is_none_or(|first| !is_utility_page(first))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(host: &str, path: &str, query: Option<&str>) -> LinkKind {
        classify(Some(host), path, query).kind
    }

    fn kind(path: &str) -> LinkKind {
        kind_of("www.example.com", path, None)
    }

    #[test]
    fn tag_pages() {
        for path in [
            "/tags/donald-trump",
            "/tag/climate/",
            "/topic/person/ada-lovelace",
            "/topics/ukraine",
            "/people/volodymyr-zelensky",
            "/author/jane-doe/",
            "/by/jane-doe",
            "/profile/jane-doe",
            "/news/topics/c0vv2pjz7xvt",
            "/hub/russia-ukraine-war",
            "/themen/caf%C3%A9",
            "/tags/some-very-long-tag-name-here",
        ] {
            assert_eq!(kind(path), LinkKind::Tag, "{path}");
        }
        assert_eq!(classify(None, "/tags/vladimir-putin", None).slug_terms, ["vladimir", "putin"]);
        assert!(classify(None, "/news/topics/c0vv2pjz7xvt", None).slug_terms.is_empty());
    }

    #[test]
    fn a_marker_segment_without_a_name_is_an_index() {
        assert_eq!(kind("/tags/"), LinkKind::Section);
        assert_eq!(kind("/articles/"), LinkKind::Section);
        assert_eq!(kind("/topics/index.html"), LinkKind::Section);
    }

    #[test]
    fn dated_and_slugged_and_numbered_articles() {
        for path in [
            "/world/us-news/2024/03/22/what-is-truth-social-donald-trumps-social-media-platform/",
            "/2024/03/22/politics/vote/index.html",
            "/world/2024/mar/22/talks",
            "/world/europe/talks-resume-2024-03-22/",
            "/news/20240322-talks",
            "/2024/03/harbour-reopens",
            "/opinion/why-the-harbour-must-reopen-now",
            "/news/world-europe-68612345",
            "/a1234567",
            "/people/2024/03/22/celebrity-story",
            "/news/articles/c0vv2pjz7xvt",
            "/article/ferry-strike-ends-3f2a9c8e7b6d5a4f",
            "/p/notes-from-the-harbour",
            "/politics/2024/03/22/vote-delayed/",
            "/news/2024/3/22/vote-delayed",
            "/international/article/2024/03/22/vote-delayed_6218_3210.html",
            "/international/vote-delayed-20240322",
            "/story/vote-13100000",
        ] {
            assert_eq!(kind(path), LinkKind::Article, "{path}");
        }
        assert_eq!(kind_of("www.example.com", "/", Some("p=1234")), LinkKind::Article);
        assert_eq!(kind_of("www.example.com", "/index.php", Some("id=98765&lang=en")), LinkKind::Article);
    }

    #[test]
    fn dates_come_with_their_article() {
        let facts = classify(Some("www.example.com"), "/news/us/2025/04/23/harbour-talks-stall/", None);
        assert_eq!(facts.kind, LinkKind::Article);
        assert_eq!(facts.date, "2025-04-23");
        assert_eq!(facts.slug_terms, ["harbour", "talks", "stall"]);
    }

    #[test]
    fn archives_are_not_articles() {
        assert_eq!(kind("/2024/03/22/"), LinkKind::Other);
        assert_eq!(classify(Some("example.com"), "/2024/03/22/", None).date, "2024-03-22");
        assert_eq!(kind("/2024/03/"), LinkKind::Other);
    }

    #[test]
    fn sections() {
        for path in [
            "/world/us-news/",
            "/sport",
            "/sport/football/premier-league",
            "/business/index.html",
            "/world.html",
        ] {
            assert_eq!(kind(path), LinkKind::Section, "{path}");
        }
        assert_eq!(kind_of("www.example.com", "/world", Some("page=2")), LinkKind::Section);
    }

    #[test]
    fn service_pages_and_deep_paths_are_other() {
        for path in ["/about-us", "/privacy-policy", "/search", "/newsletters", "/a/b/c/d", "/x/12/y3"] {
            assert_eq!(kind(path), LinkKind::Other, "{path}");
        }
    }

    #[test]
    fn home_is_the_root_without_a_query() {
        assert_eq!(kind("/"), LinkKind::Home);
        assert_eq!(kind(""), LinkKind::Home);
        assert_eq!(kind("/index.html"), LinkKind::Home);
        assert_eq!(kind_of("www.example.com", "/", Some("")), LinkKind::Home);
        assert_ne!(kind_of("www.example.com", "/", Some("s=harbour")), LinkKind::Home);
        assert!(classify(Some("example.com"), "/", None).slug_terms.is_empty());
    }

    #[test]
    fn social_hosts_win_over_path_shapes() {
        assert_eq!(kind_of("twitter.com", "/intent/tweet", Some("url=x")), LinkKind::Social);
        assert_eq!(kind_of("www.facebook.com", "/sharer/sharer.php", Some("u=x")), LinkKind::Social);
        assert_eq!(kind_of("www.linkedin.com", "/shareArticle", Some("mini=true")), LinkKind::Social);
        assert_eq!(kind_of("www.youtube.com", "/", None), LinkKind::Social);
        assert_eq!(kind_of("x.com", "/2024/03/22/some-long-story-path", None), LinkKind::Social);
    }

    #[test]
    fn media_by_extension() {
        for path in
            ["/img/harbour.JPG", "/files/report-2024.pdf", "/v/clip.mp4", "/a/podcast.mp3", "/logo.svg"]
        {
            assert_eq!(kind(path), LinkKind::Media, "{path}");
        }
    }
}
