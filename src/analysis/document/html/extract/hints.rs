//! What an element's name, `role`, `class`, `id` and visibility say about it before any text is
//! counted: page furniture to drop, a likely article container, or nothing.
//!
//! Class and id values are matched as lower-case words (split at anything that is not a letter
//! or digit, so `related-posts` and `relatedPosts` both hold `related`), which keeps `ad` from
//! matching `header` or `shadow`.

use html5ever::{local_name, ns};

use super::super::tree::Element;

/// The verdict on one element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// Nothing known.
    Neutral,
    /// Furniture by its markup (`nav`, `footer`, `role=navigation`, hidden): always dropped.
    Furniture,
    /// Furniture by its class or id: dropped unless it holds most of the page's prose.
    FurnitureByName,
    /// A byline or author box: dropped from the body, read for `authors`.
    Byline,
    /// Named like an article container (`article-body`, `post-content`).
    Content,
}

/// Words of class and id values that name page furniture.
const FURNITURE_WORDS: &[&str] = &[
    "ad", "ads", "adv", "advert", "advertisement", "advertising", "adslot", "adunit", "banner", "breadcrumb",
    "breadcrumbs", "comment", "comments", "community", "consent", "cookie", "cookies", "disqus", "dropdown",
    "footer", "gdpr", "masthead", "menu", "modal", "nav", "navbar", "navigation", "newsletter", "outbrain",
    "pagination", "pager", "popular", "popup", "promo", "recirc", "recommended", "recommendations",
    "related", "replies", "share", "sharing", "sharebar", "sidebar", "signup", "skyscraper", "social",
    "sponsor", "sponsored", "subscribe", "subscription", "taboola", "toolbar", "trending", "widget",
    "mostread", "mostpopular", "tags", "topics", "login", "offcanvas", "teaser", "teasers", "carousel",
    "follow", "overlay", "jumplink", "caption", "credit", "credits", "copyright", "gallery", "slideshow", "lightbox",
];

/// Two-word names of furniture (`most-read`, `read-more`), matched on consecutive words.
const FURNITURE_PAIRS: &[(&str, &str)] = &[
    ("most", "read"),
    ("most", "popular"),
    ("read", "more"),
    ("see", "also"),
    ("more", "stories"),
    ("author", "bio"),
    ("site", "header"),
    ("site", "footer"),
    ("page", "header"),
    ("page", "footer"),
];

const BYLINE_WORDS: &[&str] = &["byline", "bylines", "author", "authors", "writer", "contributor", "dateline"];

/// Words that name a likely article container.
const CONTENT_WORDS: &[&str] = &[
    "article", "articlebody", "body", "content", "entry", "main", "post", "story", "storybody", "text",
    "prose", "richtext",
];

/// Roles of ARIA landmarks and widgets that are never the article.
const FURNITURE_ROLES: &[&str] =
    &["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar"];

pub fn hint(element: &Element) -> Hint {
    if element.name.ns != ns!(html) {
        return Hint::Neutral;
    }
    match element.name.local {
        local_name!("nav")
        | local_name!("footer")
        | local_name!("aside")
        | local_name!("header")
        | local_name!("button")
        | local_name!("select")
        | local_name!("input")
        | local_name!("textarea")
        | local_name!("noscript")
        | local_name!("dialog")
        | local_name!("menu")
        | local_name!("form")
        | local_name!("figcaption")
        | local_name!("figure") => return Hint::Furniture,
        local_name!("html") | local_name!("body") => return Hint::Neutral,
        _ => {}
    }
    if is_hidden(element) {
        return Hint::Furniture;
    }
    if let Some(role) = element.attr("role") {
        let role = role.trim().to_ascii_lowercase();
        if FURNITURE_ROLES.contains(&role.as_str()) {
            return Hint::Furniture;
        }
        if role == "main" || role == "article" {
            return Hint::Content;
        }
    }
    if element.attr("rel").is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("author"))) {
        return Hint::Byline;
    }
    by_name(element)
}

fn is_hidden(element: &Element) -> bool {
    if element.attr("hidden").is_some() {
        return true;
    }
    if element.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let compact: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        compact.contains("display:none") || compact.contains("visibility:hidden")
    })
}

fn by_name(element: &Element) -> Hint {
    let mut words: Vec<String> = Vec::new();
    for value in [element.attr("class"), element.attr("id"), element.attr("itemprop")].into_iter().flatten() {
        split_words(value, &mut words);
    }
    if words.is_empty() {
        return Hint::Neutral;
    }
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let pair = words.windows(2).any(|w| FURNITURE_PAIRS.iter().any(|(a, b)| w[0] == *a && w[1] == *b));
    // A container named both ways (`article-body with-sidebar`) is judged by its text later.
    let content = has(CONTENT_WORDS) || words.iter().any(|w| w == "articlebody");
    if has(BYLINE_WORDS) && !content {
        return Hint::Byline;
    }
    if (has(FURNITURE_WORDS) || pair) && !content {
        return Hint::FurnitureByName;
    }
    if content {
        return Hint::Content;
    }
    Hint::Neutral
}

/// Lower-case words of an attribute value: split at non-alphanumerics and at lower→upper case
/// changes (`relatedPosts` → `related`, `posts`).
fn split_words(value: &str, words: &mut Vec<String>) {
    let mut current = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            flush(&mut current, words);
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            flush(&mut current, words);
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    flush(&mut current, words);
}

fn flush(current: &mut String, words: &mut Vec<String>) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(value: &str) -> Vec<String> {
        let mut out = Vec::new();
        split_words(value, &mut out);
        out
    }

    #[test]
    fn class_values_split_into_words() {
        assert_eq!(words("relatedPosts  share-bar"), ["related", "posts", "share", "bar"]);
        assert_eq!(words("site_header"), ["site", "header"]);
        assert!(!words("shadow header").contains(&"ad".to_string()));
    }
}
