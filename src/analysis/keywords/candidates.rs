//! One pass over the document's tokens: every word occurrence with its stem, role and weight,
//! then per-stem and per-phrase statistics over those occurrences.
//!
//! Each distinct surface form is looked up once (lower-cased, classified and stemmed on first
//! sight); after that a token costs a hash lookup on a borrowed `&str`, so a 1 MB document does
//! not allocate per token. Phrase candidates are the windows of two to four words inside a
//! chunk — a run of words with no punctuation, sentence break, stop word or title between them —
//! so they are found in linear time.

// foldhash: several hash lookups per token dominate the stage's time; its per-process random
// seed keeps crafted collisions impractical.
use std::borrow::Cow;
use std::collections::hash_map::Entry;

use foldhash::{HashMap, HashMapExt};

use super::super::document::{Document, TokenKind};
use super::super::TextSpan;
use super::language::{Profile, WordClass};
use super::layout::Layout;

pub type TermId = u32;

/// The longest key phrase, in words.
pub const MAX_PHRASE_WORDS: usize = 4;
/// Words of the lead paragraph that get the lead bonus: a lead that runs on (a whole article in
/// one paragraph) is not all lead.
const LEAD_WORDS: u32 = 60;
/// Extra weight of an occurrence in a heading, the lead, an anchor or emphasis.
const HEADING_BONUS: f32 = 1.0;
const LEAD_BONUS: f32 = 0.5;
const ANCHOR_BONUS: f32 = 0.5;
const EMPHASIS_BONUS: f32 = 0.3;

/// The most occurrences (and twice the most distinct words) room is made for before reading.
const MAX_PRESIZED: usize = 1024;

/// Connectors allowed inside one phrase ("Ursula von der Leyen").
const MAX_CONNECTORS: usize = 2;

/// Whether a word may stand first or last in a phrase: in English an adverb ("slightly") stands
/// at neither edge and a past form ("pounded") does not close a noun phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edges {
    pub start: bool,
    pub end: bool,
}

impl Edges {
    pub const BOTH: Edges = Edges { start: true, end: true };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// May be a keyword and stand anywhere in a phrase.
    Content,
    /// A stop word that may stand inside a phrase.
    Connector,
}

/// One word occurrence that survived filtering.
#[derive(Clone, Copy, Debug)]
pub struct Occurrence {
    pub term: TermId,
    /// The word without a possessive ending.
    pub span: TextSpan,
    pub role: Role,
    /// Heading, lead, anchor and emphasis bonuses on top of 1.
    pub weight: f32,
    pub sentence: u32,
    /// A phrase may not reach back across this occurrence's start.
    pub starts_chunk: bool,
    /// Whether the word may open or close a phrase.
    pub edges: Edges,
    /// First word of its sentence, or in a heading: its capital letter says nothing.
    pub casing_uninformative: bool,
    pub in_heading: bool,
    pub capitalised: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub count: u32,
    pub weight: f64,
    pub first_sentence: u32,
    pub sentences: u32,
    last_sentence: Option<u32>,
    /// Occurrences where casing is informative, and how many of those are capitalised.
    pub informative: u32,
    pub capitalised: u32,
    /// Phrase occurrences where a lower-case word runs into a capitalised one ("striker Lucas
    /// Ferreira"): an apposition, not one phrase.
    pub mixed_casing: u32,
    /// Occurrences inside a heading.
    pub in_heading: u32,
    /// Occurrences of a capitalised phrase cut out of a longer name ("Barrier Reef Marine Park"
    /// inside "Great Barrier Reef Marine Park Authority").
    pub name_fragments: u32,
}

impl Stats {
    fn add(&mut self, occurrence: &Occurrence, capitalised: bool) {
        if self.count == 0 {
            self.first_sentence = occurrence.sentence;
        }
        self.count += 1;
        self.weight += f64::from(occurrence.weight);
        if self.last_sentence != Some(occurrence.sentence) {
            self.sentences += 1;
            self.last_sentence = Some(occurrence.sentence);
        }
        self.in_heading += u32::from(occurrence.in_heading);
        if !occurrence.casing_uninformative {
            self.informative += 1;
            self.capitalised += u32::from(capitalised);
        }
    }

    /// Share of informative occurrences that are capitalised (0 when there are none).
    pub fn capitalised_share(&self) -> f64 {
        if self.informative == 0 {
            0.0
        } else {
            f64::from(self.capitalised) / f64::from(self.informative)
        }
    }
}

pub struct Term<'a> {
    /// Borrowed from the embedded stem table or the document's lower case where the stem is
    /// one of those; only a stem the stemmer had to make is a string of its own.
    pub stem: Cow<'a, str>,
    pub stats: Stats,
}

/// A phrase as the sequence of its words' stems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PhraseKey {
    terms: [TermId; MAX_PHRASE_WORDS],
    len: u8,
}

impl PhraseKey {
    pub fn terms(&self) -> &[TermId] {
        &self.terms[..usize::from(self.len)]
    }

    /// True when `other`'s words appear contiguously inside this phrase.
    pub fn contains(&self, other: &PhraseKey) -> bool {
        let (outer, inner) = (self.terms(), other.terms());
        inner.len() <= outer.len() && outer.windows(inner.len()).any(|window| window == inner)
    }
}

pub struct Phrase {
    pub key: PhraseKey,
    pub stats: Stats,
}

/// One occurrence of a phrase: `first..=last` index `Candidates::occurrences`.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// Index into `Candidates::phrases`.
    pub phrase: usize,
    pub first: usize,
    pub last: usize,
}

pub struct Candidates<'a> {
    pub terms: Vec<Term<'a>>,
    pub occurrences: Vec<Occurrence>,
    pub phrases: Vec<Phrase>,
    /// Every phrase window in the order `for_each_phrase` visits them, each with its phrase, so
    /// that collecting a kept phrase's spans needs no second pass of hashing phrase keys.
    pub windows: Vec<Window>,
    pub sentence_count: u32,
}

/// All-caps forms that are abbreviations although their lower case is a stop word: "US" is
/// the country where "us" is a pronoun.
const CAPITALISED_ABBREVIATIONS: &[&str] = &["US"];
/// Longest part of a dotted abbreviation ("U.S", "N.Y", "Ph.D").
const MAX_ABBREVIATION_PART: usize = 2;

/// The letters of a dotted abbreviation ("u.s" → "us"), which is how readers write it and how
/// it matches its undotted spelling; `None` for any other word.
fn undotted(lower: &str) -> Option<String> {
    // Almost no word has a dot: one byte scan answers for those, where splitting would search
    // character by character twice.
    if !lower.as_bytes().contains(&b'.') {
        return None;
    }
    let mut parts = lower.split('.');
    let all_short = parts.clone().count() >= 2
        && parts.all(|part| !part.is_empty() && part.chars().count() <= MAX_ABBREVIATION_PART && part.chars().all(char::is_alphabetic));
    all_short.then(|| lower.replace('.', ""))
}

/// What a distinct surface form turned out to be.
#[derive(Clone, Copy)]
enum Surface {
    Word { term: TermId, role: Role, edges: Edges, abbreviation: bool },
    /// A stop word, title, number-like or one-character word: a chunk boundary.
    Boundary,
}

/// Interns surface forms, lower-cased words and stems.
///
/// Each map is asked through its entry, so a form seen for the first time is hashed and
/// probed for once, not once to miss and once more to insert.
struct Lexicon<'a> {
    surfaces: HashMap<&'a str, Surface>,
    words: Words<'a>,
}

/// Lower-cased words and stems, each interned to its term.
struct Words<'a> {
    profile: &'a Profile,
    /// Borrowed from the document's lower-case forms where the surface is a whole token.
    lower_to_term: HashMap<Cow<'a, str>, TermId>,
    stem_to_term: HashMap<Cow<'a, str>, TermId>,
    terms: Vec<Term<'a>>,
}

impl<'a> Lexicon<'a> {
    /// `lower` gives the surface's lower-case form where the document has it (the surface is a
    /// whole token), else `None`; it is asked only for a surface not seen before.
    fn lookup(&mut self, surface: &'a str, lower: impl FnOnce() -> Option<&'a str>) -> Surface {
        match self.surfaces.entry(surface) {
            Entry::Occupied(known) => *known.get(),
            Entry::Vacant(slot) => *slot.insert(self.words.classify_surface(surface, lower)),
        }
    }

    /// The terms, each with its stem moved out of the map into its own slot (so the map's
    /// order decides nothing).
    fn into_terms(self) -> Vec<Term<'a>> {
        let mut terms = self.words.terms;
        for (stem, term) in self.words.stem_to_term {
            if let Some(slot) = terms.get_mut(term as usize) {
                slot.stem = stem;
            }
        }
        terms
    }
}

impl<'a> Words<'a> {
    /// What a surface not seen before is.
    fn classify_surface(&mut self, surface: &'a str, lower: impl FnOnce() -> Option<&'a str>) -> Surface {
        let lower: Cow<'a, str> = lower().map_or_else(|| Cow::Owned(normalise(surface)), Cow::Borrowed);
        let dotted = undotted(&lower);
        let role = if CAPITALISED_ABBREVIATIONS.contains(&surface) { Some(Role::Content) } else { classify(self.profile, &lower) };
        match role {
            None => Surface::Boundary,
            Some(role) => {
                let capitalised = surface.chars().next().is_some_and(char::is_uppercase);
                let edges = if capitalised { Edges::BOTH } else { self.profile.phrase_edges(&lower) };
                let abbreviation = dotted.is_some();
                Surface::Word { term: self.term_of(dotted.map_or(lower, Cow::Owned)), role, edges, abbreviation }
            }
        }
    }

    fn term_of(&mut self, lower: Cow<'a, str>) -> TermId {
        let slot = match self.lower_to_term.entry(lower) {
            Entry::Occupied(known) => return *known.get(),
            Entry::Vacant(slot) => slot,
        };
        // Borrowed from the stem table, or from the document when stemming leaves the word as
        // it is: only a stem the stemmer made, or one of a word not in the document's lower
        // case, is a new string.
        let stem: Cow<'a, str> = match slot.key() {
            Cow::Borrowed(word) => self.profile.stem_of(*word),
            Cow::Owned(word) => Cow::Owned(self.profile.stem_of(word).into_owned()),
        };
        let term = match self.stem_to_term.entry(stem) {
            Entry::Occupied(known) => *known.get(),
            Entry::Vacant(new_stem) => {
                // A document has far fewer distinct stems than `TermId::MAX`.
                let term = TermId::try_from(self.terms.len()).unwrap_or(TermId::MAX);
                // The stem itself stays in the map until `into_terms`, so it is never copied.
                self.terms.push(Term { stem: Cow::Borrowed(""), stats: Stats::default() });
                new_stem.insert(term);
                term
            }
        };
        *slot.insert(term)
    }
}

/// Lower case with typographic apostrophes made plain, as the stop lists and stemmers expect:
/// the document's lower-case form of a token, for a surface that is part of one.
fn normalise(surface: &str) -> String {
    let lower = surface.to_lowercase();
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}

/// The role of a lower-cased word, or `None` when it can neither be a keyword nor stand in a
/// phrase: stop words, titles, single characters, anything starting with a digit ("400m",
/// "19-year-old") or without a letter.
fn classify(profile: &Profile, lower: &str) -> Option<Role> {
    let mut chars = lower.chars();
    let first = chars.next()?;
    if chars.next().is_none() || first.is_numeric() || !lower.chars().any(char::is_alphabetic) {
        return None;
    }
    match profile.class(lower) {
        Some(WordClass::Title | WordClass::Stop) => None,
        Some(WordClass::Connector) => Some(Role::Connector),
        None => Some(Role::Content),
    }
}

/// Walks sorted spans alongside an advancing position.
struct Cursor<'s> {
    spans: &'s [TextSpan],
    next: usize,
}

impl<'s> Cursor<'s> {
    fn new(spans: &'s [TextSpan]) -> Self {
        Cursor { spans, next: 0 }
    }

    /// Whether `span` lies inside one of the spans; positions must not decrease between calls.
    fn covers(&mut self, span: TextSpan) -> bool {
        while self.next < self.spans.len() && self.spans[self.next].end <= span.start {
            self.next += 1;
        }
        self.spans.get(self.next).is_some_and(|outer| outer.start <= span.start && span.end <= outer.end)
    }
}

/// An `@` or `/` (an e-mail address or a path, not a word). A byte test: ASCII bytes never
/// occur inside a multi-byte character, so it finds what a character search would, without
/// decoding every character of every word.
fn has_address_mark(word: &str) -> bool {
    word.bytes().any(|byte| byte == b'@' || byte == b'/')
}

fn is_sentence_end(punctuation: &str) -> bool {
    matches!(punctuation, "." | "!" | "?" | ";" | "\u{2026}" | "\u{3002}" | "\u{FF01}" | "\u{FF1F}" | "\u{061F}")
}

fn is_joiner(punctuation: &str) -> bool {
    matches!(punctuation, "-" | "‐" | "‑")
}

// Out of line, once per document: its own entry in a callgrind profile of the stage.
#[inline(never)]
pub fn collect<'a>(document: &'a Document, layout: &Layout, profile: &'a Profile) -> Candidates<'a> {
    let text = document.text.as_str();
    // Sized for a news article's share of distinct words, so the maps seldom grow; capped, so
    // that a long document's stage stopped at once by a cancel has not allocated much.
    let distinct = (document.tokens.len() / 4).min(MAX_PRESIZED / 2);
    let mut lexicon = Lexicon {
        surfaces: HashMap::with_capacity(distinct),
        words: Words {
            profile,
            lower_to_term: HashMap::with_capacity(distinct),
            stem_to_term: HashMap::with_capacity(distinct),
            terms: Vec::with_capacity(distinct),
        },
    };
    let mut anchor_cursor = Cursor::new(&document.anchor_spans);
    let mut emphasis_cursor = Cursor::new(&document.emphasis);
    let mut heading_cursor = Cursor::new(&layout.headings);
    let mut skipped_cursor = Cursor::new(&layout.skipped);
    let lead_spans: Vec<TextSpan> = layout.lead.into_iter().collect();
    let mut lead_cursor = Cursor::new(&lead_spans);
    let mut sentence_starts = document.sentences.iter().map(|sentence| sentence.tokens.start).peekable();

    let mut occurrences: Vec<Occurrence> = Vec::with_capacity((document.tokens.len() / 2).min(MAX_PRESIZED));
    let mut sentence: u32 = 0;
    let mut sentence_open = false;
    let mut at_sentence_start = true;
    let mut chunk_broken = true;
    let mut lead_words: u32 = 0;
    let mut previous_end: Option<usize> = None;
    // Where the last dotted abbreviation ended: its closing dot is part of it.
    let mut abbreviation_end: Option<usize> = None;
    let tokens = &document.tokens;
    // A stop request ends the reading early: the candidates so far are discarded with the rest.
    let mut pacer = crate::analysis::Pacer::every(256);

    for (index, token) in document.content_tokens() {
        if pacer.stop() {
            break;
        }
        while sentence_starts.next_if(|&start| start <= index).is_some() {
            if sentence_open {
                sentence += 1;
                sentence_open = false;
            }
            at_sentence_start = true;
            chunk_broken = true;
        }
        if let Some(end) = previous_end {
            // Bytes, not characters: a newline byte is always a newline (UTF-8 never uses ASCII
            // bytes inside a longer character), and the gap is seldom more than a space.
            if text.as_bytes().get(end..token.span.start).is_some_and(|gap| gap.contains(&b'\n')) {
                if sentence_open {
                    sentence += 1;
                    sentence_open = false;
                }
                at_sentence_start = true;
                chunk_broken = true;
            }
        }
        previous_end = Some(token.span.end);
        let token_text = document.token_text(token);

        if token.kind != TokenKind::Word {
            let closes_abbreviation = token_text == "." && abbreviation_end == Some(token.span.start);
            abbreviation_end = None;
            // "U.S. officials": the dot ends the abbreviation, not the sentence; before a capital
            // it may do both, and the sentence break wins.
            let next_is_lower = tokens.get(index + 1).is_some_and(|next| next.kind == TokenKind::Word && next.is_lowercase_initial(text));
            if closes_abbreviation && next_is_lower {
                continue;
            }
            if token.kind == TokenKind::Punctuation && is_sentence_end(token_text) {
                if sentence_open {
                    sentence += 1;
                    sentence_open = false;
                }
                at_sentence_start = true;
            }
            let joins_words = token.kind == TokenKind::Punctuation
                && is_joiner(token_text)
                && index > 0
                && tokens[index - 1].span.end == token.span.start
                && tokens.get(index + 1).is_some_and(|next| next.span.start == token.span.end && next.kind == TokenKind::Word);
            if !joins_words {
                chunk_broken = true;
            }
            continue;
        }
        if skipped_cursor.covers(token.span) || has_address_mark(token_text) {
            chunk_broken = true;
            continue;
        }
        let (core, possessive) = profile.word_core(token_text);
        let span = TextSpan::new(token.span.start + core.start, token.span.start + core.end);
        let word = &text[span.range()];
        let sentence_initial = at_sentence_start;
        at_sentence_start = false;
        sentence_open = true;
        let whole_token = span == token.span;
        let (term, role, edges, abbreviation) = match lexicon.lookup(word, || whole_token.then(|| document.token_lower(index))) {
            Surface::Boundary => {
                chunk_broken = true;
                abbreviation_end = None;
                continue;
            }
            Surface::Word { term, role, edges, abbreviation } => (term, role, edges, abbreviation),
        };
        let closing_dot = abbreviation
            && tokens.get(index + 1).is_some_and(|next| next.span.start == span.end && document.token_text(next) == ".");
        abbreviation_end = abbreviation.then_some(span.end);
        let span = if closing_dot { TextSpan::new(span.start, span.end + 1) } else { span };

        let in_heading = heading_cursor.covers(span);
        let mut weight = 1.0;
        if in_heading {
            weight += HEADING_BONUS;
        }
        if lead_cursor.covers(span) && lead_words < LEAD_WORDS {
            lead_words += 1;
            weight += LEAD_BONUS;
        }
        if anchor_cursor.covers(span) {
            weight += ANCHOR_BONUS;
        }
        if emphasis_cursor.covers(span) {
            weight += EMPHASIS_BONUS;
        }
        occurrences.push(Occurrence {
            term,
            span,
            role,
            weight,
            sentence,
            starts_chunk: chunk_broken,
            edges,
            casing_uninformative: sentence_initial || in_heading,
            in_heading,
            capitalised: word.chars().next().is_some_and(char::is_uppercase),
        });
        chunk_broken = possessive;
    }

    let mut terms = lexicon.into_terms();
    for occurrence in occurrences.iter().filter(|o| o.role == Role::Content) {
        if let Some(term) = terms.get_mut(occurrence.term as usize) {
            term.stats.add(occurrence, occurrence.capitalised);
        }
    }
    let (phrases, windows) = collect_phrases(&occurrences);
    let sentence_count = occurrences.last().map_or(0, |last| last.sentence + 1);
    Candidates { terms, occurrences, phrases, windows, sentence_count }
}

/// Calls `visit(key, first, last)` for every phrase window ending at each occurrence, where
/// `first..=last` are indexes into `occurrences`.
fn for_each_phrase(occurrences: &[Occurrence], mut visit: impl FnMut(PhraseKey, usize, usize)) {
    let mut chunk_start = 0;
    for (last, occurrence) in occurrences.iter().enumerate() {
        if occurrence.starts_chunk {
            chunk_start = last;
        }
        if occurrence.role != Role::Content || !occurrence.edges.end {
            continue;
        }
        let earliest = chunk_start.max((last + 1).saturating_sub(MAX_PHRASE_WORDS));
        let mut connectors = 0;
        for first in (earliest..last).rev() {
            let word = &occurrences[first];
            // A verb or adverb inside ("drones struck border") makes a clause, not a phrase.
            if !word.edges.start && !word.edges.end {
                break;
            }
            if word.role == Role::Connector {
                connectors += 1;
                if connectors > MAX_CONNECTORS {
                    break;
                }
                continue;
            }
            if !word.edges.start {
                continue;
            }
            let mut key = PhraseKey { terms: [0; MAX_PHRASE_WORDS], len: 0 };
            for (slot, member) in occurrences[first..=last].iter().enumerate() {
                key.terms[slot] = member.term;
            }
            key.len = u8::try_from(last - first + 1).unwrap_or(0);
            visit(key, first, last);
        }
    }
}

// Out of line, once per document: its own entry in a callgrind profile of the stage.
#[inline(never)]
fn collect_phrases(occurrences: &[Occurrence]) -> (Vec<Phrase>, Vec<Window>) {
    // A news article has fewer distinct phrases than occurrences, so the two seldom grow;
    // capped like the occurrences.
    let expected = occurrences.len().min(MAX_PRESIZED);
    let mut index: HashMap<PhraseKey, usize> = HashMap::with_capacity(expected);
    let mut phrases: Vec<Phrase> = Vec::with_capacity(expected);
    let mut windows: Vec<Window> = Vec::with_capacity(expected);
    for_each_phrase(occurrences, |key, first, last| {
        let slot = *index.entry(key).or_insert_with(|| {
            phrases.push(Phrase { key, stats: Stats::default() });
            phrases.len() - 1
        });
        windows.push(Window { phrase: slot, first, last });
        let members = &occurrences[first..=last];
        let capitalised = members.iter().filter(|m| m.role == Role::Content).all(|m| m.capitalised);
        let mut content = members.iter().filter(|m| m.role == Role::Content);
        let mut previous = content.next();
        for word in content {
            if previous.is_some_and(|p| !p.capitalised) && word.capitalised && !word.casing_uninformative {
                phrases[slot].stats.mixed_casing += 1;
                break;
            }
            previous = Some(word);
        }
        let capitalised_neighbour = |neighbour: Option<&Occurrence>, same_chunk: bool| {
            same_chunk
                && neighbour.is_some_and(|n| n.role == Role::Content && n.capitalised && !n.casing_uninformative)
        };
        let before = first.checked_sub(1).and_then(|i| occurrences.get(i));
        let after = occurrences.get(last + 1);
        let cut_from_a_name = capitalised
            && (capitalised_neighbour(before, !occurrences[first].starts_chunk)
                || capitalised_neighbour(after, after.is_some_and(|a| !a.starts_chunk)));
        phrases[slot].stats.name_fragments += u32::from(cut_from_a_name);
        let mut occurrence = occurrences[first];
        occurrence.weight = members.iter().map(|m| m.weight).fold(0.0, f32::max);
        phrases[slot].stats.add(&occurrence, capitalised);
    });
    (phrases, windows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::keywords::language::profile_of;
    use crate::analysis::ContentFormat;

    /// The candidates borrow the document: a test's document lives as long as the test binary.
    fn candidates(text: &str) -> (&'static Document, Candidates<'static>) {
        let document: &'static Document = Box::leak(Box::new(Document::parse(text.to_string(), ContentFormat::PlainText)));
        let layout = super::super::layout::analyse(document);
        let candidates = collect(document, &layout, profile_of("en"));
        (document, candidates)
    }

    fn phrase_texts(document: &Document, candidates: &Candidates<'_>) -> Vec<String> {
        let mut texts = Vec::new();
        for_each_phrase(&candidates.occurrences, |_, first, last| {
            let span = TextSpan::new(candidates.occurrences[first].span.start, candidates.occurrences[last].span.end);
            texts.push(document.slice(span).to_string());
        });
        texts
    }

    #[test]
    fn possessives_numbers_titles_and_stop_words_are_not_terms() {
        let (_, candidates) = candidates("Mr Smith's 2025 plan for the city's 12 bridges.");
        let stems: Vec<&str> = candidates
            .terms
            .iter()
            .filter(|t| t.stats.count > 0)
            .map(|t| t.stem.as_ref())
            .collect();
        assert_eq!(stems, ["smith", "plan", "citi", "bridg"]);
    }

    #[test]
    fn phrases_stop_at_punctuation_stop_words_and_possessives() {
        let (document, candidates) = candidates("The Bank of England raised rates, and Ukraine's leader met grain traders.");
        let texts = phrase_texts(&document, &candidates);
        assert!(texts.contains(&"Bank of England".to_string()), "{texts:?}");
        assert!(texts.contains(&"grain traders".to_string()), "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("rates and") || t.contains("Ukraine leader")), "{texts:?}");
        assert!(!texts.iter().any(|t| t.ends_with(" of") || t.starts_with("of ")), "{texts:?}");
    }

    #[test]
    fn phrases_do_not_cross_lines() {
        let (document, candidates) = candidates("Floods hit coastal towns\nRescue teams arrived");
        let texts = phrase_texts(&document, &candidates);
        assert!(!texts.iter().any(|t| t.contains('\n')), "{texts:?}");
        assert!(texts.contains(&"Rescue teams".to_string()), "{texts:?}");
    }

    #[test]
    fn windows_are_the_phrase_windows_in_order() {
        let (_, candidates) = candidates("Black Sea ports reopened. Black Sea grain moved past Black Sea ports.");
        let mut visited = Vec::new();
        for_each_phrase(&candidates.occurrences, |key, first, last| visited.push((key, first, last)));
        let recorded: Vec<(PhraseKey, usize, usize)> =
            candidates.windows.iter().map(|window| (candidates.phrases[window.phrase].key, window.first, window.last)).collect();
        assert_eq!(recorded, visited);
        assert!(visited.len() > candidates.phrases.len(), "{visited:?}");
    }

    #[test]
    fn the_address_mark_test_finds_what_a_character_search_finds() {
        for word in ["user@example", "a/b", "é/ü", "naïve", "plain", "", "@", "/"] {
            assert_eq!(has_address_mark(word), word.contains(['@', '/']), "{word}");
        }
    }

    #[test]
    fn dotted_abbreviations_are_their_letters() {
        assert_eq!(undotted("u.s").as_deref(), Some("us"));
        assert_eq!(undotted("u.s.a").as_deref(), Some("usa"));
        assert_eq!(undotted("ph.d").as_deref(), Some("phd"));
        assert_eq!(undotted("example.com"), None);
        assert_eq!(undotted("us"), None);
        assert_eq!(undotted("u..s"), None);
    }

    #[test]
    fn an_abbreviation_keeps_its_dot_without_ending_the_phrase() {
        let (document, candidates) = candidates("The U.S. economy grew. US growth slowed.");
        let us: Vec<&str> = candidates
            .occurrences
            .iter()
            .filter(|o| candidates.terms[o.term as usize].stem == "us")
            .map(|o| document.slice(o.span))
            .collect();
        assert_eq!(us, ["U.S.", "US"]);
        assert!(phrase_texts(&document, &candidates).contains(&"U.S. economy".to_string()));
    }

    #[test]
    fn one_word_has_one_term_and_counts_every_occurrence() {
        let text = "strike ".repeat(1000);
        let (_, candidates) = candidates(&text);
        let counted: Vec<u32> = candidates.terms.iter().map(|t| t.stats.count).collect();
        assert_eq!(counted, [1000]);
        assert_eq!(candidates.phrases.len(), 3);
    }
}
