//! Links into entities: an anchor whose text is a mention, or a tag page whose slug names an
//! entity, adds its URL to that entity; a tag slug that names nothing in the text yields an
//! entity known only from the link.

use foldhash::HashMap;

use super::gazetteer::{ascii_key, name_key, Lexicon};
use super::mentions::Candidate;
use crate::analysis::links::{Link, LinkKind};

/// What the links say, per group (indexes into the caller's group list).
pub(crate) struct LinkFacts {
    /// Per group, URLs in document order of their links, without repeats.
    pub urls: Vec<Vec<String>>,
    /// Tag slugs that named no group: (display name, folded words, url).
    pub unmatched_tags: Vec<(String, Vec<String>, String)>,
}

fn url_of(link: &Link) -> Option<&str> {
    let url = if link.url.is_empty() { link.href.as_str() } else { link.url.as_str() };
    (!url.is_empty()).then_some(url)
}

/// `group_of_candidate[i]` is the group of candidate `i`; `group_keys` are the ASCII keys
/// ([`ascii_key`]) each group answers to (its forms), used to match slugs.
pub(crate) fn link(
    lexicon: &Lexicon,
    language: &str,
    text: &str,
    links: &[Link],
    candidates: &[Candidate],
    group_of_candidate: &[usize],
    group_keys: &[Vec<String>],
) -> LinkFacts {
    let mut urls: Vec<Vec<String>> = vec![Vec::new(); group_keys.len()];
    let mut add = |group: usize, url: &str| {
        if !urls[group].iter().any(|u| u == url) {
            urls[group].push(url.to_string());
        }
    };
    // Full names win over partial forms when a slug could be either.
    let mut by_key: HashMap<&str, usize> = HashMap::default();
    for (group, keys) in group_keys.iter().enumerate() {
        for (rank, key) in keys.iter().enumerate() {
            if rank == 0 || !by_key.contains_key(key.as_str()) {
                by_key.entry(key.as_str()).or_insert(group);
            }
        }
    }
    let mut unmatched_tags = Vec::new();
    // Links of the page furniture (outside the extracted article) say nothing about its names.
    for link in links.iter().filter(|link| link.in_body) {
        let Some(url) = url_of(link) else { continue };
        if !link.span.is_empty() && link.span.end <= text.len() {
            let from = candidates.partition_point(|c| c.span.start < link.span.start);
            for (offset, candidate) in candidates[from..].iter().enumerate() {
                if candidate.span.start >= link.span.end {
                    break;
                }
                if link.span.contains(candidate.span) && anchor_is_the_name(lexicon, language, text, link, candidate) {
                    add(group_of_candidate[from + offset], url);
                }
            }
        }
        if link.kind == LinkKind::Tag && !link.slug_terms.is_empty() {
            let slug = ascii_key(&link.slug_terms.join(" "));
            if slug.is_empty() {
                continue;
            }
            match by_key.get(slug.as_str()) {
                Some(&group) => add(group, url),
                None => {
                    if !unmatched_tags.iter().any(|(_, _, u): &(String, Vec<String>, String)| u == url) {
                        let display = link.slug_terms.iter().map(|t| title_case(t)).collect::<Vec<_>>().join(" ");
                        let words = name_key(&display).split(' ').map(str::to_string).collect();
                        unmatched_tags.push((display, words, url.to_string()));
                    }
                }
            }
        }
    }
    LinkFacts { urls, unmatched_tags }
}

/// The anchor text is the mention, give or take a title, `the`, a possessive and punctuation.
fn anchor_is_the_name(lexicon: &Lexicon, language: &str, text: &str, link: &Link, candidate: &Candidate) -> bool {
    let before = name_key(strip_punctuation(&text[link.span.start..candidate.span.start]));
    let after = name_key(strip_punctuation(&text[candidate.span.end..link.span.end]));
    let before_ok = before.is_empty() || before == "the" || lexicon.is_title(language, &before) || before.ends_with(&format!(" {}", candidate.title.to_lowercase())) && !candidate.title.is_empty();
    let after_ok = after.is_empty() || after == "'s" || after == "’s" || after == "s";
    before_ok && after_ok
}

fn strip_punctuation(text: &str) -> &str {
    text.trim_matches(|c: char| !c.is_alphanumeric())
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
