//! Page metadata from the tree: JSON-LD, `<meta>` (OpenGraph, `article:*`, `name=`, `itemprop`),
//! `<link rel=canonical>`, `<time>`, the `<title>`, the first `<h1>` and the bylines that
//! extraction took out of the body. Each field takes the first source, in order of trust, that
//! states it.

use html5ever::{local_name, ns};
use serde_json::Value;

use super::super::tree::{Dom, NodeData, NodeId};
use super::dates::{day_number, normalise};
use super::hints::{hint, Hint};
use super::{text_of, Selection};
use crate::analysis::document::Page;

/// JSON-LD types that describe the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "TechArticle",
    "Report",
    "SocialMediaPosting",
];

/// Candidates per field, by source; the first non-empty wins.
#[derive(Default)]
struct Sources {
    json_ld: Option<Value>,
    /// `(key, content)` of every `<meta>` with a `property`, `name` or `itemprop`, lower-case key.
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    time: Option<String>,
    /// The first date written in the page's text: a `<time>`'s text or a short element named
    /// like a date (`class="post-date"`, `published`, `timestamp`).
    visible_date: Option<String>,
    title_element: Option<String>,
    h1: Option<String>,
}

pub fn read(dom: &Dom, selection: &Selection) -> Page {
    let sources = gather(dom);
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|key| {
            sources.metas.iter().find(|(k, v)| k == key && !v.trim().is_empty()).map(|(_, v)| clean(v))
        })
    };
    let ld = sources.json_ld.as_ref();
    let ld_str = |key: &str| ld.and_then(|v| v.get(key)).and_then(first_string);

    let title = ld_str("headline")
        .or_else(|| meta(&["og:title", "twitter:title"]))
        .or_else(|| sources.h1.clone())
        .or_else(|| sources.title_element.clone())
        .unwrap_or_default();

    let bylines: Vec<String> = selection.bylines.iter().map(|&id| text_of(dom, id)).filter(|t| !t.is_empty()).collect();
    let mut authors = ld.and_then(|v| v.get("author")).map(names).unwrap_or_default();
    if authors.is_empty() {
        authors = meta(&["article:author", "author", "parsely-author", "sailthru.author", "dc.creator"])
            .filter(|a| !a.contains("://"))
            .map(|a| split_names(&a))
            .unwrap_or_default();
    }
    if authors.is_empty() {
        authors = bylines.iter().find_map(|b| Some(split_names(b)).filter(|n| !n.is_empty())).unwrap_or_default();
    }

    let date_from = |ld_key: &str, meta_keys: &[&str]| -> Option<String> {
        ld_str(ld_key).and_then(|d| normalise(&d)).or_else(|| meta(meta_keys).and_then(|d| normalise(&d)))
    };
    let machine = date_from(
        "datePublished",
        &[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "date",
            "pubdate",
            "publishdate",
            "publish-date",
            "publication_date",
            "dc.date.issued",
            "dc.date",
            "dcterms.date",
            "sailthru.date",
            "parsely-pub-date",
            "citation_publication_date",
            "article.published",
        ],
    )
    .or_else(|| sources.time.as_deref().and_then(normalise));
    let canonical_for_date = sources.canonical.clone().or_else(|| meta(&["og:url"]));
    let url_date = canonical_for_date
        .and_then(|u| url::Url::parse(&u).ok())
        .and_then(|u| crate::analysis::links::path_date(&u));
    let visible = sources.visible_date.clone().or_else(|| bylines.iter().find_map(|b| normalise(b)));
    let published_date = published(machine, visible, url_date).unwrap_or_default();
    let modified_date =
        date_from("dateModified", &["article:modified_time", "og:updated_time", "datemodified", "last-modified"])
            .unwrap_or_default();

    let site_name = ld
        .and_then(|v| v.get("publisher"))
        .and_then(|p| p.get("name").and_then(first_string).or_else(|| first_string(p)))
        .or_else(|| meta(&["og:site_name", "application-name"]))
        .unwrap_or_default();
    let canonical_url = sources
        .canonical
        .clone()
        .or_else(|| meta(&["og:url"]))
        .or_else(|| ld_str("url"))
        .unwrap_or_default();
    let description =
        ld_str("description").or_else(|| meta(&["og:description", "description", "twitter:description"])).unwrap_or_default();
    let image_url = ld
        .and_then(|v| v.get("image"))
        .and_then(image_of)
        .or_else(|| meta(&["og:image", "twitter:image", "og:image:url"]))
        .unwrap_or_default();
    let section = ld_str("articleSection").or_else(|| meta(&["article:section", "section"])).unwrap_or_default();
    let mut tags = ld.and_then(|v| v.get("keywords")).map(keywords).unwrap_or_default();
    if tags.is_empty() {
        tags = sources.metas.iter().filter(|(k, _)| k == "article:tag").map(|(_, v)| clean(v)).collect();
    }
    if tags.is_empty() {
        tags = meta(&["news_keywords", "keywords"]).map(|k| split_list(&k)).unwrap_or_default();
    }
    dedup(&mut tags);
    dedup(&mut authors);

    Page {
        title,
        authors,
        published_date,
        modified_date,
        site_name,
        canonical_url,
        description,
        image_url,
        section,
        tags,
        body: Default::default(),
        extracted: selection.extracted,
    }
}

/// What the page calls itself: `<title>`, `og:title`, `twitter:title`, to recognise the headline.
/// Whether the page's head calls it an article (`og:type` `article`, `article:*` meta): such a
/// page's best container is its article even when short.
pub fn declares_article(dom: &Dom) -> bool {
    for node in &dom.nodes {
        let NodeData::Element(e) = &node.data else { continue };
        if e.name.ns != ns!(html) {
            continue;
        }
        match e.name.local {
            local_name!("meta") => {
                let key = e.attr("property").or_else(|| e.attr("name")).unwrap_or_default().trim().to_ascii_lowercase();
                let content = e.attr("content").unwrap_or_default().trim();
                if (key == "og:type" && content.eq_ignore_ascii_case("article")) || key.starts_with("article:") {
                    return true;
                }
            }
            local_name!("body") => return false,
            _ => {}
        }
    }
    false
}

pub fn titles(dom: &Dom) -> Vec<String> {
    let mut titles = Vec::new();
    let mut title_seen = false;
    for (id, node) in dom.nodes.iter().enumerate() {
        let NodeData::Element(e) = &node.data else { continue };
        if e.name.ns != ns!(html) || node.parent == super::super::tree::NO_NODE {
            continue;
        }
        match e.name.local {
            local_name!("title") if !title_seen => {
                title_seen = true;
                titles.push(text_of(dom, id as NodeId));
            }
            local_name!("meta") => {
                let key = e.attr("property").or_else(|| e.attr("name")).unwrap_or_default();
                if key.eq_ignore_ascii_case("og:title") || key.eq_ignore_ascii_case("twitter:title") {
                    titles.extend(e.attr("content").map(clean));
                }
            }
            // The title and the page's own meta come before the body.
            local_name!("body") => break,
            _ => {}
        }
    }
    titles
}

/// A timestamp is often UTC, one day off the date the page shows its readers: a date the page
/// writes (in its text or its URL) within a day of the timestamp wins; without a timestamp, the
/// written date, then the URL's.
fn published(machine: Option<String>, visible: Option<String>, url_date: Option<String>) -> Option<String> {
    let Some(machine) = machine else { return visible.or(url_date) };
    let near = |local: &String| match (day_number(&machine), day_number(local)) {
        (Some(a), Some(b)) => (a - b).abs() <= 1,
        _ => false,
    };
    visible.into_iter().chain(url_date).find(near).or(Some(machine))
}

/// Class and id words of elements that hold the article's date.
const DATE_WORDS: &[&str] = &["date", "time", "published", "publish", "posted", "timestamp", "pubdate", "dateline"];

fn names_a_date(element: &super::super::tree::Element) -> bool {
    [element.attr("class"), element.attr("id")].into_iter().flatten().any(|value| {
        value
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| DATE_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)))
            || value.to_ascii_lowercase().contains("date")
    })
}

/// Date-named elements looked at, at most (each costs a walk to the root).
const MAX_DATE_CHECKS: usize = 64;

/// Inside page furniture (a site header's "today" date, a sidebar's list): an ancestor hinted
/// as furniture, other than an article's own `<header>`.
fn in_furniture(dom: &Dom, id: NodeId) -> bool {
    let mut at = dom.nodes[id as usize].parent;
    // A `<header>` below us whose article (if any) is still to come, walking up.
    let mut open_header = false;
    while at != super::super::tree::NO_NODE {
        if let NodeData::Element(e) = &dom.nodes[at as usize].data {
            let html = e.name.ns == ns!(html);
            if html && e.name.local == local_name!("article") {
                open_header = false;
            } else if html && e.name.local == local_name!("header") {
                open_header = true;
            } else if matches!(hint(e), Hint::Furniture | Hint::FurnitureByName) {
                return true;
            }
        }
        at = dom.nodes[at as usize].parent;
    }
    open_header
}

fn gather(dom: &Dom) -> Sources {
    let mut sources = Sources::default();
    let mut preferred_time = None;
    let mut date_checks = 0;
    for (id, node) in dom.nodes.iter().enumerate() {
        let NodeData::Element(e) = &node.data else { continue };
        if e.name.ns != ns!(html) || node.parent == super::super::tree::NO_NODE {
            continue;
        }
        let id = id as NodeId;
        match e.name.local {
            local_name!("meta") => {
                let key = e.attr("property").or_else(|| e.attr("name")).or_else(|| e.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, e.attr("content")) {
                    sources.metas.push((key.trim().to_ascii_lowercase(), content.to_string()));
                }
            }
            local_name!("link") => {
                let canonical = e.attr("rel").is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("canonical")));
                if canonical && sources.canonical.is_none() {
                    sources.canonical = e.attr("href").map(|h| h.trim().to_string()).filter(|h| !h.is_empty());
                }
            }
            local_name!("script") => {
                let is_ld = e.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_ld && sources.json_ld.is_none() {
                    let raw = raw_text(dom, id);
                    sources.json_ld = match serde_json::from_str::<Value>(&raw) {
                        Ok(value) => find_article(value),
                        // Hand-written JSON-LD is often invalid (a raw newline in a string):
                        // its plain string fields are still readable.
                        Err(_) => lenient(&raw),
                    };
                }
            }
            local_name!("time") => {
                if sources.visible_date.is_none() && date_checks < MAX_DATE_CHECKS {
                    date_checks += 1;
                    if !in_furniture(dom, id) {
                        sources.visible_date = normalise(&text_of(dom, id));
                    }
                }
                let Some(datetime) = e.attr("datetime").filter(|d| normalise(d).is_some()) else { continue };
                let published = e.attr("pubdate").is_some()
                    || e.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                    || e.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains("publish"));
                if published && preferred_time.is_none() {
                    preferred_time = Some(datetime.to_string());
                }
                if sources.time.is_none() {
                    sources.time = Some(datetime.to_string());
                }
            }
            _ if sources.visible_date.is_none() && date_checks < MAX_DATE_CHECKS && names_a_date(e) => {
                date_checks += 1;
                let text = text_of(dom, id);
                if text.len() <= 120 && !in_furniture(dom, id) {
                    sources.visible_date = normalise(&text);
                }
            }
            local_name!("title") if sources.title_element.is_none() => {
                sources.title_element = Some(text_of(dom, id)).filter(|t| !t.is_empty());
            }
            local_name!("h1") if sources.h1.is_none() => {
                sources.h1 = Some(text_of(dom, id)).filter(|t| !t.is_empty());
            }
            _ => {}
        }
    }
    if preferred_time.is_some() {
        sources.time = preferred_time;
    }
    sources
}

/// The character data of an element as written (for `<script>`).
fn raw_text(dom: &Dom, id: NodeId) -> String {
    let mut out = String::new();
    let mut child = dom.nodes[id as usize].first_child;
    while child != super::super::tree::NO_NODE {
        if let NodeData::Text(runs) = &dom.nodes[child as usize].data {
            for run in runs {
                out.push_str(&dom.incoming[run.start as usize..run.end as usize]);
            }
        }
        child = dom.nodes[child as usize].next_sibling;
    }
    out
}

/// The string fields we read, found by their keys in JSON-LD that does not parse.
fn lenient(raw: &str) -> Option<Value> {
    let mut map = serde_json::Map::new();
    for key in ["headline", "datePublished", "dateModified"] {
        let quoted = format!("\"{key}\"");
        let Some(at) = raw.find(&quoted) else { continue };
        let rest = raw[at + quoted.len()..].trim_start();
        let Some(rest) = rest.strip_prefix(':').map(str::trim_start) else { continue };
        let Some(rest) = rest.strip_prefix('"') else { continue };
        if let Some(end) = rest.find('"') {
            map.insert(key.to_string(), Value::String(rest[..end].to_string()));
        }
    }
    (!map.is_empty()).then_some(Value::Object(map))
}

/// The first object describing an article, through arrays and `@graph`; failing that, the
/// first web page (`WebPage`, `MedicalWebPage`…) that states a date.
fn find_article(value: Value) -> Option<Value> {
    let mut stack = vec![value];
    let mut page = None;
    let mut steps = 0;
    while let Some(v) = stack.pop() {
        steps += 1;
        if steps > 10_000 {
            break;
        }
        match v {
            Value::Array(items) => stack.extend(items.into_iter().rev()),
            Value::Object(mut map) => {
                let is_article = match map.get("@type") {
                    Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                    Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                    _ => false,
                };
                if is_article {
                    return Some(Value::Object(map));
                }
                let is_page = match map.get("@type") {
                    Some(Value::String(t)) => t.ends_with("WebPage"),
                    Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(|t| t.ends_with("WebPage"))),
                    _ => false,
                };
                if is_page && page.is_none() && map.contains_key("datePublished") {
                    page = Some(Value::Object(map.clone()));
                }
                if let Some(graph) = map.remove("@graph") {
                    stack.push(graph);
                }
            }
            _ => {}
        }
    }
    page
}

fn first_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(first_string),
        _ => None,
    }
}

/// Author names from a JSON-LD `author`: a string, a `Person`, or a list of either.
fn names(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) if !s.contains("://") => split_names(s),
        Value::Object(map) => map.get("name").and_then(first_string).into_iter().collect(),
        Value::Array(items) => items.iter().flat_map(names).collect(),
        _ => Vec::new(),
    }
}

fn image_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(map) => map.get("url").and_then(first_string),
        Value::Array(items) => items.iter().find_map(image_of),
        _ => None,
    }
}

fn keywords(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => split_list(s),
        Value::Array(items) => items.iter().filter_map(first_string).collect(),
        _ => Vec::new(),
    }
}

fn split_list(raw: &str) -> Vec<String> {
    raw.split(',').map(clean).filter(|s| !s.is_empty()).collect()
}

/// Names in a byline: `By Ana Silva and Rui Costa` → `Ana Silva`, `Rui Costa`. Dates, times
/// and words after a separator (`|`, `•`) are not names.
fn split_names(raw: &str) -> Vec<String> {
    let first_part = raw.split(['|', '•', '·', '\n']).next().unwrap_or("");
    let trimmed = first_part.trim();
    let lowered = trimmed.to_lowercase();
    let without_by = if lowered.starts_with("by ") { &trimmed[3..] } else { trimmed };
    without_by
        .split([',', '&', ';'])
        .flat_map(|part| part.split(" and "))
        .map(clean)
        .filter(|name| looks_like_name(name))
        .collect()
}

fn looks_like_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=4).contains(&words)
        && name.chars().next().is_some_and(char::is_uppercase)
        && !name.chars().any(|c| c.is_ascii_digit())
        && normalise(name).is_none()
}

/// Whitespace collapsed and markup dropped (JSON-LD headlines sometimes carry `<b>` tags).
fn clean(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    let mut in_tag = false;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' if chars.peek().is_some_and(|n| n.is_ascii_alphabetic() || *n == '/') => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dedup(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|item| seen.insert(item.to_lowercase()));
}
