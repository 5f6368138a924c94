//! URL resolution by the WHATWG rules, the canonical form without tracking parameters, and the
//! registrable domain by the Public Suffix List.

use url::{form_urlencoded, Host, ParseError, Url};

use super::lists::is_tracking_param;

/// What parsing an `href` gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolution {
    Resolved(Url),
    /// A relative reference and nothing to resolve it against.
    Relative,
    /// Not a URL even with a base (a bad host, a bad port…).
    Invalid,
}

/// Whether `<base href>` could serve as the base, as the HTML standard decides it.
#[derive(Clone, Debug, PartialEq)]
pub enum BaseHref {
    Absent,
    Used,
    /// Present but unusable: relative without a `base_url`, unparsable, or a `data:`/`javascript:` URL.
    Unusable(String),
}

/// The URL relative links resolve against: `<base href>` (itself resolved against the document's
/// URL) when it gives a usable URL, else the document's URL.
pub fn choose_base(base_href: Option<&str>, base_url: Option<&Url>) -> (Option<Url>, BaseHref) {
    let fallback = base_url.filter(|url| !url.cannot_be_a_base()).cloned();
    let Some(raw) = base_href else {
        return (fallback, BaseHref::Absent);
    };
    if raw.len() > super::MAX_URL_BYTES {
        return (fallback, BaseHref::Unusable(raw.to_string()));
    }
    let parsed = match base_url {
        Some(document_url) => document_url.join(raw),
        None => Url::parse(raw),
    };
    match parsed {
        Ok(url) if !url.cannot_be_a_base() && !matches!(url.scheme(), "data" | "javascript") => {
            (Some(url), BaseHref::Used)
        }
        _ => (fallback, BaseHref::Unusable(raw.to_string())),
    }
}

/// Parses `href` against `base`. The parser itself strips leading and trailing C0 controls and
/// spaces and removes tabs and newlines, which covers the HTML standard's whitespace stripping.
pub fn resolve(href: &str, base: Option<&Url>) -> Resolution {
    let parsed = match base {
        Some(base) => base.join(href),
        None => Url::parse(href),
    };
    match parsed {
        Ok(url) => Resolution::Resolved(url),
        Err(ParseError::RelativeUrlWithoutBase) => Resolution::Relative,
        Err(_) => Resolution::Invalid,
    }
}

/// A web URL without its fragment and without tracking parameters; the remaining parameters keep
/// their order and their encoding, empty `&&` pairs are dropped. Other schemes come back as they are:
/// their query (a `mailto:` subject) and fragment are content, not tracking.
pub fn canonical(url: &Url) -> Url {
    if !matches!(url.scheme(), "http" | "https") {
        return url.clone();
    }
    let mut canonical = url.clone();
    canonical.set_fragment(None);
    if let Some(query) = url.query() {
        let kept: Vec<&str> =
            query.split('&').filter(|pair| !pair.is_empty() && !is_tracking_pair(pair)).collect();
        if kept.is_empty() {
            canonical.set_query(None);
        } else {
            canonical.set_query(Some(&kept.join("&")));
        }
    }
    canonical
}

fn is_tracking_pair(pair: &str) -> bool {
    let raw_name = pair.split('=').next().unwrap_or(pair);
    form_urlencoded::parse(raw_name.as_bytes()).next().is_some_and(|(name, _)| is_tracking_param(&name))
}

/// The registrable domain (`news.bbc.co.uk` → `bbc.co.uk`). An IP address is its own domain, and
/// so is a host the list cannot split (`localhost`, a bare public suffix such as `github.io`).
/// Only network schemes have one: in `whatsapp://send` the "host" is an app's verb, not a site.
pub fn registrable_domain(url: &Url) -> String {
    if !matches!(url.scheme(), "http" | "https" | "ftp" | "ws" | "wss") {
        return String::new();
    }
    match url.host() {
        None => String::new(),
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.');
            psl::domain_str(name).unwrap_or(name).to_string()
        }
        Some(ip @ (Host::Ipv4(_) | Host::Ipv6(_))) => ip.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical_of(url: &Url) -> String {
        canonical(url).into()
    }

    fn url(raw: &str) -> Url {
        Url::parse(raw).unwrap()
    }

    fn resolved(href: &str, base: Option<&Url>) -> String {
        match resolve(href, base) {
            Resolution::Resolved(url) => url.into(),
            other => panic!("{href}: {other:?}"),
        }
    }

    #[test]
    fn relative_hrefs_resolve_against_the_base() {
        let base = url("https://www.example.com/world/europe/story-one/");
        assert_eq!(resolved("/tags/kyiv", Some(&base)), "https://www.example.com/tags/kyiv");
        assert_eq!(resolved("../../asia/", Some(&base)), "https://www.example.com/world/asia/");
        assert_eq!(
            resolved("photo.jpg", Some(&base)),
            "https://www.example.com/world/europe/story-one/photo.jpg"
        );
        assert_eq!(resolved("//cdn.example.net/a.png", Some(&base)), "https://cdn.example.net/a.png");
        assert_eq!(
            resolved("?page=2", Some(&base)),
            "https://www.example.com/world/europe/story-one/?page=2"
        );
        assert_eq!(
            resolved("#comments", Some(&base)),
            "https://www.example.com/world/europe/story-one/#comments"
        );
        assert_eq!(resolved("", Some(&base)), "https://www.example.com/world/europe/story-one/");
    }

    #[test]
    fn parser_normalises_scheme_host_port_dots_and_idn() {
        assert_eq!(resolved("HTTPS://WWW.Example.COM:443/a/./b/../c", None), "https://www.example.com/a/c");
        assert_eq!(resolved("http://bücher.example/", None), "http://xn--bcher-kva.example/");
        assert_eq!(resolved("http://example.com:80/x", None), "http://example.com/x");
    }

    #[test]
    fn whitespace_tabs_and_newlines_in_href_are_ignored_as_browsers_do() {
        let base = url("https://example.com/");
        assert_eq!(resolved("  \n https://example.org/a\tb \t", None), "https://example.org/ab");
        assert_eq!(resolved(" /news/\nworld ", Some(&base)), "https://example.com/news/world");
        assert_eq!(resolved("/a b", Some(&base)), "https://example.com/a%20b");
    }

    #[test]
    fn relative_without_base_and_garbage_are_told_apart() {
        assert_eq!(resolve("/tags/kyiv", None), Resolution::Relative);
        assert_eq!(resolve("", None), Resolution::Relative);
        assert_eq!(resolve("#top", None), Resolution::Relative);
        assert_eq!(resolve("http://exa mple.com/", None), Resolution::Invalid);
        assert_eq!(resolve("http://[::1/", None), Resolution::Invalid);
        assert_eq!(resolve("https://example.com:99999/", None), Resolution::Invalid);
    }

    #[test]
    fn base_href_is_resolved_against_the_document_url() {
        let page = url("https://www.example.com/world/story/");
        let (base, state) = choose_base(Some("/mirror/"), Some(&page));
        assert_eq!(base.unwrap().as_str(), "https://www.example.com/mirror/");
        assert_eq!(state, BaseHref::Used);

        let (base, state) = choose_base(Some("https://static.example.net/"), None);
        assert_eq!(base.unwrap().as_str(), "https://static.example.net/");
        assert_eq!(state, BaseHref::Used);
    }

    #[test]
    fn unusable_base_href_falls_back_to_the_document_url() {
        let page = url("https://www.example.com/world/story/");
        for bad in ["javascript:void(0)", "data:text/html,x", "http://[broken/"] {
            let (base, state) = choose_base(Some(bad), Some(&page));
            assert_eq!(base.as_ref(), Some(&page), "{bad}");
            assert_eq!(state, BaseHref::Unusable(bad.to_string()));
        }
        let (base, state) = choose_base(Some("/relative/"), None);
        assert_eq!(base, None);
        assert_eq!(state, BaseHref::Unusable("/relative/".to_string()));
        assert_eq!(choose_base(None, None), (None, BaseHref::Absent));
    }

    #[test]
    fn canonical_drops_tracking_params_and_fragment_keeping_the_rest_in_order() {
        let link =
            url("https://example.com/a?utm_source=x&id=7&fbclid=abc&UTM_Medium=y&page=2&gclid=1#section");
        assert_eq!(canonical_of(&link), "https://example.com/a?id=7&page=2");
        assert_eq!(
            canonical_of(&url("https://example.com/a?utm_source=x&utm_medium=y")),
            "https://example.com/a"
        );
        assert_eq!(
            canonical_of(&url("https://example.com/a?b=%20c&&utm_term=z&a=1")),
            "https://example.com/a?b=%20c&a=1"
        );
        assert_eq!(canonical_of(&url("https://example.com/a?q")), "https://example.com/a?q");
        assert_eq!(canonical_of(&url("https://example.com/a?%75tm_source=x")), "https://example.com/a");
        assert_eq!(canonical_of(&url("https://example.com/a#x")), "https://example.com/a");
    }

    #[test]
    fn canonical_leaves_other_schemes_alone() {
        let mail = url("mailto:desk@example.com?subject=Tip&utm_source=x");
        assert_eq!(canonical_of(&mail), mail.as_str());
    }

    #[test]
    fn registrable_domain_follows_the_public_suffix_list() {
        let domain = |raw: &str| registrable_domain(&url(raw));
        assert_eq!(domain("https://news.bbc.co.uk/x"), "bbc.co.uk");
        assert_eq!(domain("https://www.thenationalnews.com/"), "thenationalnews.com");
        assert_eq!(domain("https://a.b.example.com.au/"), "example.com.au");
        assert_eq!(domain("https://someone.github.io/"), "someone.github.io");
        assert_eq!(domain("https://github.io/"), "github.io");
        assert_eq!(domain("http://localhost:8080/"), "localhost");
        assert_eq!(domain("http://192.168.0.1/"), "192.168.0.1");
        assert_eq!(domain("http://[::1]/"), "[::1]");
        assert_eq!(domain("https://www.example.com./"), "example.com");
        assert_eq!(domain("http://xn--bcher-kva.example/"), "xn--bcher-kva.example");
        assert_eq!(domain("https://www.xn--80aswg.xn--p1ai/"), "xn--80aswg.xn--p1ai");
        assert_eq!(domain("mailto:a@example.com"), "");
        assert_eq!(domain("whatsapp://send?text=x"), "");
        assert_eq!(domain("ftp://files.example.co.uk/a"), "example.co.uk");
    }
}
