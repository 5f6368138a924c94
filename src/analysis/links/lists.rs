//! The embedded word lists of the link analysis (see `data/links/` and `data/README.md`),
//! parsed once per process.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Non-empty lines that are not `#` comments, trimmed.
fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

fn set(list: &'static str) -> HashSet<&'static str> {
    entries(list).collect()
}

static SOCIAL_HOSTS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../../data/links/social_hosts.txt")));

static SOCIAL_SCHEMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../../data/links/social_schemes.txt")));

static MEDIA_EXTENSIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../../data/links/media_extensions.txt")));

static TAG_SEGMENTS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../../data/links/tag_segments.txt")));

static ARTICLE_SEGMENTS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../../data/links/article_segments.txt")));

static UTILITY_PAGES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("../../../data/links/utility_pages.txt")));

/// Exact names and `prefix*` entries of the tracking-parameter list.
struct TrackingParams {
    names: HashSet<&'static str>,
    prefixes: Vec<&'static str>,
}

static TRACKING_PARAMS: LazyLock<TrackingParams> = LazyLock::new(|| {
    let mut params = TrackingParams { names: HashSet::new(), prefixes: Vec::new() };
    for entry in entries(include_str!("../../../data/links/tracking_params.txt")) {
        match entry.strip_suffix('*') {
            Some(prefix) => params.prefixes.push(prefix),
            None => {
                params.names.insert(entry);
            }
        }
    }
    params
});

/// `host` or one of its parent domains is a social network, video platform or share service.
pub fn is_social_host(host: &str) -> bool {
    let mut candidate = host.trim_end_matches('.');
    loop {
        if SOCIAL_HOSTS.contains(candidate) {
            return true;
        }
        match candidate.split_once('.') {
            Some((_, parent)) => candidate = parent,
            None => return false,
        }
    }
}

/// A messaging app's own scheme (`whatsapp:`, `tg:`).
pub fn is_social_scheme(scheme: &str) -> bool {
    SOCIAL_SCHEMES.contains(scheme)
}

/// `extension` is lower case, without the dot.
pub fn is_media_extension(extension: &str) -> bool {
    MEDIA_EXTENSIONS.contains(extension)
}

/// `segment` is a lower-case, percent-decoded path segment.
pub fn is_tag_segment(segment: &str) -> bool {
    TAG_SEGMENTS.contains(segment)
}

/// `segment` is a lower-case, percent-decoded path segment.
pub fn is_article_segment(segment: &str) -> bool {
    ARTICLE_SEGMENTS.contains(segment)
}

/// `word` is the lower-case first word of a path segment.
pub fn is_utility_page(word: &str) -> bool {
    UTILITY_PAGES.contains(word)
}

/// `name` is a percent-decoded query parameter name, in any case.
pub fn is_tracking_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let params = &*TRACKING_PARAMS;
    params.names.contains(name.as_str()) || params.prefixes.iter().any(|prefix| name.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn social_hosts_match_their_subdomains_only() {
        assert!(is_social_host("twitter.com"));
        assert!(is_social_host("mobile.twitter.com"));
        assert!(is_social_host("www.facebook.com"));
        assert!(is_social_host("m.youtube.com."));
        assert!(!is_social_host("nottwitter.com"));
        assert!(!is_social_host("example.com"));
        assert!(!is_social_host("com"));
    }

    #[test]
    fn tracking_params_match_names_and_prefixes_in_any_case() {
        assert!(is_tracking_param("utm_source"));
        assert!(is_tracking_param("UTM_Campaign"));
        assert!(is_tracking_param("fbclid"));
        assert!(is_tracking_param("GCLID"));
        assert!(!is_tracking_param("utm"));
        assert!(!is_tracking_param("page"));
        assert!(!is_tracking_param("q"));
    }

    #[test]
    fn every_list_loads_without_comments_or_blanks() {
        for list in [
            &*SOCIAL_HOSTS,
            &*SOCIAL_SCHEMES,
            &*MEDIA_EXTENSIONS,
            &*TAG_SEGMENTS,
            &*ARTICLE_SEGMENTS,
            &*UTILITY_PAGES,
        ] {
            assert!(!list.is_empty());
            assert!(list
                .iter()
                .all(|entry| !entry.starts_with('#') && entry.trim() == *entry && !entry.is_empty()));
            assert!(list.iter().all(|entry| entry.to_lowercase() == *entry), "lists are lower case");
        }
        assert!(TRACKING_PARAMS.prefixes.contains(&"utm_"));
    }
}
