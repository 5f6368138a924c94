//! Every link of the article as a structured, resolved, classified record.
//!
//! For HTML, one [`Link`] per [`Anchor`] of the document model (every `<a href>` in tree order, from
//! the single HTML5 parse); for plain text, one per bare `http(s)://` or `www.` URL token. Nothing
//! here re-parses markup or reads another analysis, so `FEATURE_LINKS` alone costs one pass over
//! the anchors: linear in their number, one URL parse and one Public Suffix List lookup each.
//!
//! Rules decided here:
//! - `url` is the WHATWG parse of `href` against `<base href>` (itself resolved against
//!   `base_url`; ignored, as browsers ignore it, when unusable) else against `base_url`. Without
//!   either, absolute hrefs parse alone and relative ones keep an empty `url`; one warning says how
//!   many. They are still classified by their path (`/tags/x` is a TAG without a host).
//! - A plain-text `www.` URL resolves as `https://www.…`: the web is served over HTTPS today, and
//!   guessing `http` would hand consumers a URL that mostly redirects.
//! - `canonical_url` is `url` without tracking parameters (`data/links/tracking_params.txt`) and
//!   without its `#fragment`, which never names a different document; the other parameters keep
//!   their order and encoding. Non-web schemes (`mailto:`) keep their `url` unchanged.
//! - `domain` is the registrable domain by the Public Suffix List; an IP address or a host the
//!   list cannot split (`localhost`) is its own domain. Only network schemes (`http(s)`, `ftp`,
//!   `ws(s)`) have one: the "host" of `whatsapp://send` is no site.
//! - `external` compares `domain` with `base_url`'s registrable domain; without `base_url` (or a
//!   `base_url` without a host), with the domain most of the document's links share, ties going to
//!   the one seen first. Links without a domain (mailto, javascript, app schemes, unresolved) are
//!   never external.
//! - `kind`, first rule that applies: EMPTY (nothing but whitespace), FRAGMENT (`#…`, or the
//!   page's own URL, `base_url` else the base, with a fragment), SCRIPT, EMAIL, then for web links
//!   SOCIAL (host list, subdomains included), MEDIA (extension of the last segment), HOME (`/`
//!   without a non-tracking query), ARTICLE when a date (or year and month) is followed by a slug
//!   or id, TAG (`/tags/<name>`, `/topic/…`, `/people/…`, `/author/…`:
//!   `data/links/tag_segments.txt`), ARTICLE again for a story marker (`/article/<id>`), a slug of
//!   four or more words, or a numeric id of five or more digits (in the path or as `?p=`/`?id=`),
//!   SECTION for at most three short named segments that are no service page (`/about-us`), else
//!   OTHER. App share schemes (`whatsapp:`) are SOCIAL.
//! - `date`: the first valid calendar date (1900–2099) written as `/YYYY/MM/DD/` (month as number or
//!   English name), `YYYYMMDD` or `YYYY-MM-DD` inside a segment.
//! - `slug_terms`: the words of the last path segment that is no index document (`index.html`,
//!   `amp`), id, number or `page/<n>`, extension stripped, percent-decoded, lower case; a date,
//!   numeric ids and hashes inside it are dropped. For a TAG only the segments after the tag marker
//!   count, so an id-only tag (`/topics/c0vv2pjz7xvt`) has none rather than the word "topics".
//! - `rel`: split on ASCII whitespace, ASCII lower case, each token once (as `relList` keeps it).
//! - Plain text: e-mail addresses, which the tokenizer also marks as URL tokens, are no links.
//!
//! # Contract with the entity stage
//! The entity stage reads, per link: [`Link::kind`], [`Link::slug_terms`] (for a [`LinkKind::Tag`]
//! they are the words of the tag's name, in order: `/tags/donald-trump` → `donald`, `trump`, also
//! via [`Link::tag_name_terms`]), [`Link::span`] (where the anchor text sits in the document text;
//! empty for an anchor without text) and [`Link::text`], and reports [`Link::url`] (falling back
//! to `href` when `url` is empty) in `Entity.urls`. The matching of names against anchors and slugs
//! is done once, by the entity stage, from these fields.

mod classify;
mod date;
mod lists;
mod path;
mod resolve;
mod slug;

use std::collections::{HashMap, HashSet};

use url::{Position, Url};

use super::document::{Anchor, Document, SourceFormat, TokenKind};
use super::{Feature, Pacer, TextSpan, Warning};
use resolve::{BaseHref, Resolution};

/// Links resolved between two looks at the stop flag (a short one costs about a microsecond).
const PACE_LINKS: u32 = 64;
/// URL bytes that count as one more link for the pacing: resolving and classifying a link
/// costs in proportion to its URL, and against an 8 KiB `<base href>` 64 links took 10 ms.
const PACE_URL_BYTES: usize = 64;

/// Stands in for the missing base when a relative link is classified by its path alone; the
/// `.invalid` top-level domain is reserved never to resolve, and nothing of it reaches the output.
static PATH_ONLY_BASE: std::sync::LazyLock<Option<Url>> =
    std::sync::LazyLock::new(|| Url::parse("http://unresolved.invalid/").ok());

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkKind {
    Article,
    Tag,
    Section,
    Home,
    Social,
    Media,
    Email,
    Fragment,
    Script,
    Empty,
    Other,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The attribute as written.
    pub href: String,
    /// Resolved by the WHATWG rules; empty when it cannot be resolved.
    pub url: String,
    /// `url` without tracking parameters.
    pub canonical_url: String,
    pub scheme: String,
    pub host: String,
    /// Registrable domain by the Public Suffix List.
    pub domain: String,
    pub path: String,
    pub text: String,
    pub image_alt: String,
    pub title: String,
    /// Lower-case tokens of the `rel` attribute.
    pub rel: Vec<String>,
    pub target: String,
    pub external: bool,
    pub kind: LinkKind,
    /// `YYYY-MM-DD` found in the path, or empty.
    pub date: String,
    pub slug_terms: Vec<String>,
    /// The anchor text in the document text; meaningless when not `in_body`.
    pub span: TextSpan,
    /// Inside the text that was read: the extracted article (always, without extraction).
    pub in_body: bool,
}

impl Link {
    /// The words of a tag page's name (`/tags/vladimir-putin` → `vladimir`, `putin`); `None` for
    /// other kinds and for tags named only by an id.
    pub fn tag_name_terms(&self) -> Option<&[String]> {
        (self.kind == LinkKind::Tag && !self.slug_terms.is_empty()).then_some(self.slug_terms.as_slice())
    }
}

/// Builds a [`Link`] for every anchor (or bare URL in plain text), in document order.
pub fn extract(document: &Document, base_url: Option<&url::Url>) -> (Vec<Link>, Vec<Warning>) {
    let base_href = match document.format {
        SourceFormat::Html => document.base_href.as_deref(),
        SourceFormat::PlainText => None,
    };
    let (base, base_href_state) = resolve::choose_base(base_href, base_url);
    let context = Context { base: base.as_ref(), page: base_url.or(base.as_ref()) };
    // The anchors' hrefs come from the source, so this is the source's length unless a caller
    // built the document by hand.
    let input_len = document.source.len().max(document.anchors.iter().map(|a| a.href.len()).sum());
    let mut tally = Tally { url_budget: url_budget(input_len), ..Tally::default() };
    // A stop request ends the list where it is (the pipeline discards it).
    let mut pacer = Pacer::every(PACE_LINKS);
    let mut links: Vec<Link> = Vec::new();
    match document.format {
        SourceFormat::Html => {
            // Sized once: `take_while` hides the count, and doubling would leave up to half of
            // a large page's link records allocated and unused.
            links.reserve_exact(document.anchors.len());
            links.extend(
                document
                    .anchors
                    .iter()
                    .take_while(|anchor| !pacer.stop_after(pace_steps(anchor.href.len(), &context)))
                    .map(|anchor| from_anchor(anchor, &context, &mut tally)),
            );
        }
        SourceFormat::PlainText => links.extend(
            bare_urls(document)
                .take_while(|(text, _)| !pacer.stop_after(pace_steps(text.len(), &context)))
                .map(|(text, span)| from_bare_url(text, span, &context, &mut tally)),
        ),
    }
    mark_external(&mut links, base_url);
    (links, tally.warnings(&base_href_state))
}

/// How many short links' worth of work one link of `href_len` bytes is, resolved in `context`.
fn pace_steps(href_len: usize, context: &Context) -> u32 {
    let base_len = context.base.map_or(0, |base| base.as_str().len());
    u32::try_from(1 + (href_len + base_len) / PACE_URL_BYTES).unwrap_or(u32::MAX)
}

/// What links resolve against and which page they sit on.
struct Context<'a> {
    base: Option<&'a Url>,
    /// The document's own URL (`base_url`, else the base), for same-page fragments.
    page: Option<&'a Url>,
}

/// Longest resolved URL kept; a longer one leaves `url` empty. Common servers refuse longer
/// request lines, and it bounds the cost of resolving one link against a long base.
pub const MAX_URL_BYTES: usize = 8 * 1024;
/// Resolved URL bytes (`url` and `canonical_url`) a document may produce per byte of source.
pub const URL_BYTES_PER_SOURCE_BYTE: usize = 8;
/// Resolved URL bytes allowed on top of the per-byte budget.
pub const URL_BYTES_ALLOWANCE: usize = 1024 * 1024;

/// The resolved-URL bytes a document of `source_len` bytes may produce. Without it, a long
/// base times many short relative links makes the answer quadratic in the input.
fn url_budget(source_len: usize) -> usize {
    source_len.saturating_mul(URL_BYTES_PER_SOURCE_BYTE).saturating_add(URL_BYTES_ALLOWANCE)
}

/// Counts of what could not be resolved, reported once per document rather than per link.
#[derive(Default)]
struct Tally {
    relative: usize,
    invalid: usize,
    /// Links whose resolved URL is longer than [`MAX_URL_BYTES`].
    too_long: usize,
    /// Links left unresolved because the document's URL budget was spent.
    over_budget: usize,
    /// Resolved-URL bytes still allowed.
    url_budget: usize,
}

impl Tally {
    fn warnings(&self, base_href: &BaseHref) -> Vec<Warning> {
        let mut warnings = Vec::new();
        if let BaseHref::Unusable(raw) = base_href {
            warnings.push(Warning::new(
                Some(Feature::Links),
                format!(
                    "<base href=\"{}\"> was ignored: it gives no absolute URL to resolve links against",
                    shorten(raw)
                ),
            ));
        }
        if self.relative > 0 {
            warnings.push(Warning::new(
                Some(Feature::Links),
                format!(
                    "{} relative link{} left unresolved (url empty): no base_url and no absolute <base href>",
                    self.relative,
                    plural(self.relative)
                ),
            ));
        }
        if self.too_long > 0 {
            warnings.push(Warning::new(
                Some(Feature::Links),
                format!(
                    "{} link{} would resolve to a URL longer than {MAX_URL_BYTES} bytes (url empty)",
                    self.too_long,
                    plural(self.too_long)
                ),
            ));
        }
        if self.over_budget > 0 {
            warnings.push(Warning::new(
                Some(Feature::Links),
                format!(
                    "{} link{} left unresolved (url empty): the resolved URLs would exceed {URL_BYTES_PER_SOURCE_BYTE} bytes per byte of the document",
                    self.over_budget,
                    plural(self.over_budget)
                ),
            ));
        }
        if self.invalid > 0 {
            warnings.push(Warning::new(
                Some(Feature::Links),
                format!(
                    "{} link{} with an href that is no valid URL (url empty)",
                    self.invalid,
                    plural(self.invalid)
                ),
            ));
        }
        warnings
    }
}

/// The publication date a URL's path states (`/2024/03/12/slug`), `YYYY-MM-DD`.
pub fn path_date(url: &Url) -> Option<String> {
    date::find(&path::segments(url.path())).map(|found| found.date)
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// At most 100 characters of caller input in a message.
fn shorten(raw: &str) -> String {
    match raw.char_indices().nth(100) {
        Some((cut, _)) => format!("{}…", &raw[..cut]),
        None => raw.to_string(),
    }
}

fn from_anchor(anchor: &Anchor, context: &Context, tally: &mut Tally) -> Link {
    let mut link = resolved_link(&anchor.href, &anchor.href, context, tally);
    link.text = anchor.text.clone();
    link.image_alt = anchor.image_alt.clone();
    link.title = anchor.title.clone().unwrap_or_default();
    link.rel = anchor.rel.as_deref().map(rel_tokens).unwrap_or_default();
    link.target = anchor.target.clone().unwrap_or_default();
    link.span = anchor.span;
    link.in_body = anchor.in_body;
    link
}

fn from_bare_url(text: &str, span: TextSpan, context: &Context, tally: &mut Tally) -> Link {
    let parsed =
        if starts_with_ignore_case(text, "www.") { format!("https://{text}") } else { text.to_string() };
    let mut link = resolved_link(text, &parsed, context, tally);
    link.text = text.to_string();
    link.span = span;
    link
}

/// The URL tokens of a plain-text document that are web addresses (not e-mail addresses).
fn bare_urls(document: &Document) -> impl Iterator<Item = (&str, TextSpan)> {
    document
        .tokens
        .iter()
        .filter(|token| token.kind == TokenKind::Url)
        .filter_map(|token| document.text.get(token.span.range()).map(|text| (text, token.span)))
        .filter(|(text, _)| {
            ["http://", "https://", "www."].iter().any(|prefix| starts_with_ignore_case(text, prefix))
        })
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// `href` without what the URL parser ignores: surrounding C0 controls and spaces, tabs and newlines.
fn cleaned(href: &str) -> String {
    href.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

/// A link with everything that depends on the URL alone: resolution, parts, kind, date, slug.
fn resolved_link(href: &str, parse_input: &str, context: &Context, tally: &mut Tally) -> Link {
    let mut link = Link {
        href: href.to_string(),
        url: String::new(),
        canonical_url: String::new(),
        scheme: String::new(),
        host: String::new(),
        domain: String::new(),
        path: String::new(),
        text: String::new(),
        image_alt: String::new(),
        title: String::new(),
        rel: Vec::new(),
        target: String::new(),
        external: false,
        kind: LinkKind::Other,
        date: String::new(),
        slug_terms: Vec::new(),
        span: TextSpan::default(),
        in_body: true,
    };
    let cleaned = cleaned(parse_input);
    if tally.url_budget == 0 {
        // Not even resolved: resolving against a base costs as much as the URL it makes.
        tally.over_budget += 1;
        return link;
    }
    match resolve::resolve(parse_input, context.base) {
        Resolution::Resolved(url) if url.as_str().len() > MAX_URL_BYTES => {
            tally.url_budget = tally.url_budget.saturating_sub(url.as_str().len());
            tally.too_long += 1;
        }
        Resolution::Resolved(url) if 2 * url.as_str().len() > tally.url_budget => {
            tally.url_budget = 0;
            tally.over_budget += 1;
        }
        Resolution::Resolved(url) => {
            tally.url_budget -= 2 * url.as_str().len();
            let canonical = resolve::canonical(&url);
            link.kind = if cleaned.is_empty() {
                LinkKind::Empty
            } else if cleaned.starts_with('#') || is_same_page_fragment(&url, context.page) {
                LinkKind::Fragment
            } else {
                match url.scheme() {
                    "javascript" => LinkKind::Script,
                    "mailto" => LinkKind::Email,
                    "http" | "https" => {
                        let query = canonical.query();
                        let facts = classify::classify(url.host_str(), url.path(), query);
                        link.date = facts.date;
                        link.slug_terms = facts.slug_terms;
                        facts.kind
                    }
                    scheme if lists::is_social_scheme(scheme) => LinkKind::Social,
                    _ => LinkKind::Other,
                }
            };
            link.canonical_url = canonical.into();
            link.scheme = url.scheme().to_string();
            link.host = url.host_str().unwrap_or_default().to_string();
            link.domain = resolve::registrable_domain(&url);
            link.path = url.path().to_string();
            link.url = url.into();
        }
        Resolution::Relative => {
            tally.relative += 1;
            link.kind = if cleaned.is_empty() {
                LinkKind::Empty
            } else if cleaned.starts_with('#') {
                LinkKind::Fragment
            } else {
                match resolve::resolve(parse_input, PATH_ONLY_BASE.as_ref()) {
                    Resolution::Resolved(shape) => {
                        let facts =
                            classify::classify(None, shape.path(), resolve::canonical(&shape).query());
                        link.date = facts.date;
                        link.slug_terms = facts.slug_terms;
                        facts.kind
                    }
                    _ => LinkKind::Other,
                }
            };
        }
        Resolution::Invalid => {
            tally.invalid += 1;
            let scheme = cleaned.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
            link.kind = match scheme.as_deref().unwrap_or_default() {
                "javascript" => LinkKind::Script,
                "mailto" => LinkKind::Email,
                _ => LinkKind::Other,
            };
        }
    }
    link
}

/// A URL that differs from the page's own only by its fragment.
fn is_same_page_fragment(url: &Url, page: Option<&Url>) -> bool {
    url.fragment().is_some()
        && page.is_some_and(|page| page[..Position::AfterQuery] == url[..Position::AfterQuery])
}

/// `rel` split on ASCII whitespace, lower case, each token once.
fn rel_tokens(rel: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    rel.split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .filter(|token| seen.insert(token.clone()))
        .collect()
}

/// Sets `external` on every link with a domain, against `base_url`'s domain or, without one, the
/// domain most links share (ties to the one seen first).
fn mark_external(links: &mut [Link], base_url: Option<&Url>) {
    let from_base = base_url.map(resolve::registrable_domain).filter(|domain| !domain.is_empty());
    let reference = from_base.or_else(|| most_common_domain(links));
    let Some(reference) = reference else { return };
    for link in links.iter_mut().filter(|link| !link.domain.is_empty()) {
        link.external = link.domain != reference;
    }
}

fn most_common_domain(links: &[Link]) -> Option<String> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (index, link) in links.iter().enumerate().filter(|(_, link)| !link.domain.is_empty()) {
        counts.entry(link.domain.as_str()).or_insert((0, index)).0 += 1;
    }
    counts
        .into_iter()
        .max_by(|(_, (count_a, first_a)), (_, (count_b, first_b))| {
            count_a.cmp(count_b).then(first_b.cmp(first_a))
        })
        .map(|(domain, _)| domain.to_string())
}

#[cfg(test)]
mod tests;
