//! The tagger's features: one function, used by the runtime decoder and by the offline trainer
//! (`examples/train_ner.rs`), so the two can never disagree.
//!
//! Each feature is a template id and a few byte strings, hashed (FNV-1a, then a final mix) into a
//! `u64`; the model maps the hash to a row of its weight table. Nothing is allocated per feature.

use std::cell::Cell;

use foldhash::{HashMap, HashSet};

use super::super::gazetteer::{Lexicon, Listing};
use super::{german, usual_case};
use crate::analysis::document::{Document, TokenKind};
use crate::analysis::TextSpan;

/// What the gazetteer says about a token, as the first (`B`) or a later (`I`) word of a phrase.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct GazetteerMark {
    /// 0 none, 1 place, 2 organisation, 3 demonym, 4 more than one of these.
    kind: u8,
    first: bool,
}

/// The languages whose weights were trained with the extended templates: caseless shapes for
/// sentences in capitals, and a gazetteer hit or the tag before it with the neighbouring words.
/// Measured with `examples/train_ner.rs` on the held-out half of each development split, they
/// gain Spanish 2.3 points of PER/ORG/LOC F1 (clubs and firms named after places: `del
/// Barcelona`), leave Dutch where it was and cost English 1.8 and German 0.7 (1.0 in
/// cross-validation with its beam and German cues), so only Spanish uses them. A weight file and its template set belong together: changing this list means
/// retraining the languages it adds or drops.
const EXTENDED_TEMPLATES: &[&str] = &["es"];

/// Whether a language's weights use the extended templates.
pub(crate) fn extended(language: &str) -> bool {
    EXTENDED_TEMPLATES.contains(&language)
}

/// Languages that read the previous tag with the gazetteer mark without the rest of the extended
/// set: Dutch, decoded with a beam, gained 0.7 of PER/ORG/LOC F1 on half A from it (82.7 → 83.4,
/// tagger alone). A weight file and its template set belong together.
const TAG_GAZETTEER_LANGUAGES: &[&str] = &["nl"];

/// Whether a language's history features read the previous tag with the gazetteer mark (the
/// extended set has it).
pub(crate) fn tag_gazetteer(language: &str) -> bool {
    extended(language) || TAG_GAZETTEER_LANGUAGES.contains(&language)
}

/// Bits of [`Lexical`]: what the word lists say about a folded word.
const GIVEN_NAME: u16 = 1;
const TITLE: u16 = 1 << 1;
const ROLE_WORD: u16 = 1 << 2;
const ORG_WORD: u16 = 1 << 3;
const FACILITY_HEAD: u16 = 1 << 4;
const EVENT_HEAD: u16 = 1 << 5;
const NEVER_ALONE: u16 = 1 << 6;
const FUNCTION_WORD: u16 = 1 << 7;
/// Set once the other bits have been looked up.
const LOOKED_UP: u16 = 1 << 15;

/// A token's word-list memberships, looked up the first time a feature asks: a token's
/// neighbours ask about it too (the given name before a surname, the title before a name, the
/// organisation word closing a run), and only tokens near a capital are ever asked about.
#[derive(Default)]
struct Lexical(Cell<u16>);

impl Lexical {
    /// Inlined: two asks in three find the bits kept; only the first looks them up.
    #[inline(always)]
    fn get(&self, lexicon: &Lexicon, language: &str, folded: &str) -> u16 {
        let known = self.0.get();
        if known & LOOKED_UP != 0 {
            return known;
        }
        self.look_up(lexicon, language, folded)
    }

    #[inline(never)]
    fn look_up(&self, lexicon: &Lexicon, language: &str, folded: &str) -> u16 {
        let listing = lexicon.listing(folded);
        let bits = [
            (listing.is_in(Listing::GIVEN_NAME) || german_cues(language) && german::is_given_name(folded), GIVEN_NAME),
            (listing.is_title(language), TITLE),
            (listing.is_in(Listing::ROLE_WORD), ROLE_WORD),
            (listing.is_in(Listing::ORG_WORD), ORG_WORD),
            (listing.is_in(Listing::FACILITY_HEAD), FACILITY_HEAD),
            (listing.is_in(Listing::EVENT_HEAD), EVENT_HEAD),
            (listing.is_in(Listing::NEVER_ALONE), NEVER_ALONE),
            (listing.is_function_word(language), FUNCTION_WORD),
        ]
        .iter()
        .fold(LOOKED_UP, |all, &(is, bit)| if is { all | bit } else { all });
        self.0.set(bits);
        bits
    }
}

/// One token as the features see it.
pub(crate) struct TokenView<'d> {
    pub span: TextSpan,
    written: &'d str,
    /// Lower-cased with byte offsets kept ([`super::super::gazetteer::fold`]).
    pub folded: &'d str,
    shape: [u8; 8],
    shape_len: u8,
    pub has_upper: bool,
    first_in_sentence: bool,
    first_in_block: bool,
    gazetteer: GazetteerMark,
    lexical: Lexical,
}

impl TokenView<'_> {
    fn shape(&self) -> &[u8] {
        &self.shape[..usize::from(self.shape_len)]
    }
}

/// A sentence of tokens (document order), the unit the decoder walks.
pub(crate) struct SentenceView<'d> {
    pub tokens: Vec<TokenView<'d>>,
    /// Indexes of the tokens in [`Document::tokens`].
    pub token_indexes: Vec<usize>,
    /// Written in capitals or with no lower-case word: case says little here.
    caseless: bool,
    /// Written in capitals (`KESTREL DYNAMICS WINS`; not title case): a model with a table for
    /// such text scores the sentence with it.
    pub capitals: bool,
}

/// How the whole document writes each folded word: whether it appears in lower case, and
/// whether it appears capitalised after a sentence's first word.
pub(crate) struct Usage<'d> {
    lower: HashSet<&'d str>,
    capitalised_inside: HashSet<&'d str>,
}

/// The languages whose weights were trained with the organisation-suffix features (a
/// capitalised word ending in one of [`DUTCH_ORG_SUFFIXES`], or followed by one): Dutch half A
/// 81.2 → 82.7 (tagger alone). A German list of 46 heads (`-verband`, `-ministerium`, `-bank`)
/// cost German 0.4 of cross-validated F1 on top of its cues, so German reads none. A weight file
/// and its template set belong together.
const ORG_SUFFIX_LANGUAGES: &[&str] = &["nl"];

/// Heads of Dutch organisation names, also written as the end of a compound (`Rabobank`,
/// `Gemeenteraad`, `Vakbond`): the organisation-word suffix feature.
const DUTCH_ORG_SUFFIXES: &[&str] = &[
    "bank", "partij", "raad", "bond", "omroep", "groep", "unie", "ministerie", "stichting", "vereniging", "maatschappij",
    "fonds", "kamer", "dienst", "bureau", "krant", "blad", "club", "centrum", "instituut", "universiteit", "hogeschool",
    "ziekenhuis", "college", "commissie", "federatie", "holding", "concern", "verbond", "genootschap", "beweging",
];

/// Which organisation-word suffix a folded word ends with (1 + its index), 0 none.
fn org_suffix(folded: &str) -> u8 {
    DUTCH_ORG_SUFFIXES.iter().position(|s| folded.ends_with(s)).map_or(0, |p| p as u8 + 1)
}

/// The languages whose weights read the German cues: how common the word is in the language at
/// large, and the compound head it ends with ([`german`]), German given names (as given names),
/// and what the gazetteer knows about the name a genitive is formed from (`Erfurts`). Measured
/// with `examples/train_ner.rs`'s 5-fold cross-validation on GermEval's development split,
/// decoded with a beam, 20 epochs: PER/ORG/LOC F1 (mean of the folds) 56.9 → 62.0
/// (`data/README.md`). A weight file and its
/// template set belong together.
const GERMAN_CUE_LANGUAGES: &[&str] = &["de"];

/// Whether a language's features read the German cues.
fn german_cues(language: &str) -> bool {
    GERMAN_CUE_LANGUAGES.contains(&language)
}

/// What the gazetteer knows about the name a German genitive in `-s` is formed from (`Erfurts`
/// → `Erfurt`): 1 a place, 2 an organisation, 3 both, 0 neither or no genitive.
fn genitive_kind(lexicon: &Lexicon, folded: &str) -> u8 {
    let Some(known) = folded.strip_suffix('s').and_then(|stem| lexicon.known(stem)).map(|p| p.known) else { return 0 };
    match (known.place(), known.organization) {
        (true, false) => 1,
        (false, true) => 2,
        (true, true) => 3,
        (false, false) => 0,
    }
}

/// What one pass over a token's characters tells the features: its shape and which kinds of
/// letters it has (a token is read once, not once per question).
struct Letters {
    shape: [u8; 8],
    shape_len: u8,
    upper: bool,
    lower: bool,
    /// Any alphabetic character (every upper- or lower-case one is: Unicode's `Alphabetic`
    /// contains `Uppercase` and `Lowercase`).
    alphabetic: bool,
}

/// The collapsed character classes of a word (`Xx`, `X.X.`, `dd`, `x-Xx`, at most 8 bytes) and
/// whether it has upper-case, lower-case and alphabetic characters.
fn letters_of(written: &str) -> Letters {
    let mut out = Letters { shape: [0u8; 8], shape_len: 0, upper: false, lower: false, alphabetic: false };
    let mut len = 0usize;
    let mut last = 0u8;
    // Once the shape is full it takes no more classes, but the letter kinds still read on.
    let mut full = false;
    for c in written.chars() {
        let class = if c.is_uppercase() {
            out.upper = true;
            b'X'
        } else if c.is_lowercase() {
            out.lower = true;
            b'x'
        } else {
            out.alphabetic |= c.is_alphabetic();
            if c.is_numeric() {
                b'd'
            } else if c.is_ascii() {
                c as u8
            } else {
                b'*'
            }
        };
        if !full && class != last {
            if len == out.shape.len() {
                full = true;
                continue;
            }
            out.shape[len] = class;
            len += 1;
            last = class;
        }
    }
    out.alphabetic |= out.upper || out.lower;
    // `len` is at most 8, so the cast cannot truncate.
    out.shape_len = len as u8;
    out
}

/// The collapsed character classes of a word: `Xx`, `X.X.`, `dd`, `x-Xx`, at most 8 bytes.
fn shape_of(written: &str) -> ([u8; 8], u8) {
    let letters = letters_of(written);
    (letters.shape, letters.shape_len)
}

/// The shape of a word in a caseless sentence: `C` and the shape of its folded form (`Cx`,
/// `Cx.x.`, `Cd`), so caseless words never share weights with cased ones.
fn caseless_shape_of(folded: &str) -> ([u8; 8], u8) {
    let (inner, inner_len) = shape_of(folded);
    let mut shape = [0u8; 8];
    shape[0] = b'C';
    let len = usize::from(inner_len).min(shape.len() - 1);
    shape[1..=len].copy_from_slice(&inner[..len]);
    // `len` is at most 7, so the cast cannot truncate.
    (shape, len as u8 + 1)
}

/// The document's sentences as token views, dateline tokens left out.
pub(crate) fn sentences<'d>(document: &'d Document, folded: &'d str, lexicon: &Lexicon, extended: bool) -> Vec<SentenceView<'d>> {
    let skip = document.dateline.as_ref().map(|d| d.span);
    let mut out = Vec::with_capacity(document.sentences.len());
    let mut previous_block = usize::MAX;
    for sentence in &document.sentences {
        // A stop request leaves the sentences read so far (the pipeline discards the rest).
        if crate::analysis::stop_requested() {
            break;
        }
        let mut tokens = Vec::with_capacity(sentence.tokens.len());
        let mut token_indexes = Vec::with_capacity(sentence.tokens.len());
        // Words (tokens with a letter), those without a capital, those with a lower-case letter.
        let (mut words, mut lower, mut any_lower) = (0usize, 0usize, 0usize);
        let first_in_block = sentence.block != previous_block;
        previous_block = sentence.block;
        for index in sentence.tokens.clone() {
            let Some(token) = document.tokens.get(index) else { continue };
            if skip.is_some_and(|s| s.contains(token.span)) || token.kind == TokenKind::Emoji {
                continue;
            }
            let written = &document.text[token.span.range()];
            let letters = letters_of(written);
            if letters.alphabetic {
                words += 1;
                lower += usize::from(!letters.upper);
                any_lower += usize::from(letters.lower);
            }
            tokens.push(TokenView {
                span: token.span,
                written,
                folded: &folded[token.span.range()],
                shape: letters.shape,
                shape_len: letters.shape_len,
                has_upper: letters.upper,
                first_in_sentence: tokens.is_empty(),
                first_in_block: tokens.is_empty() && first_in_block,
                gazetteer: GazetteerMark::default(),
                lexical: Lexical::default(),
            });
            token_indexes.push(index);
        }
        if tokens.is_empty() {
            continue;
        }
        mark_gazetteer(&mut tokens, folded, lexicon);
        let caseless = words >= 2 && lower * 5 < words;
        let capitals = words >= 2 && any_lower * 5 < words;
        if caseless && extended {
            // Capitals say nothing here: every word would look like an acronym (`X`) and share
            // the weights that mixed-case acronyms taught. The shape of the folded word, marked
            // as caseless, keeps only what case cannot fake (digits, dots, hyphens).
            for token in &mut tokens {
                (token.shape, token.shape_len) = caseless_shape_of(token.folded);
            }
        }
        out.push(SentenceView { tokens, token_indexes, caseless, capitals });
    }
    out
}

/// Marks the tokens that gazetteer phrases cover, looked up only where a capital starts a word.
fn mark_gazetteer(tokens: &mut [TokenView<'_>], folded: &str, lexicon: &Lexicon) {
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].has_upper {
            i += 1;
            continue;
        }
        let Some((index, end)) = lexicon.phrase_at(folded, tokens[i].span.start) else {
            i += 1;
            continue;
        };
        let Some(last) = tokens[i..].iter().position(|t| t.span.end >= end).map(|k| i + k) else { break };
        if tokens[last].span.end != end {
            i += 1;
            continue;
        }
        let known = lexicon.phrases[index].known;
        let kinds = [known.place(), known.organization, known.demonym];
        let kind = match kinds.iter().filter(|k| **k).count() {
            0 => 0,
            1 => kinds.iter().position(|k| *k).map_or(0, |p| p as u8 + 1),
            _ => 4,
        };
        for (k, token) in tokens[i..=last].iter_mut().enumerate() {
            token.gazetteer = GazetteerMark { kind, first: k == 0 };
        }
        i = last + 1;
    }
}

/// The most words the usage sets are sized for before the first insert (a news article's
/// distinct words number a few hundred).
const USAGE_SIZED_FOR: usize = 512;

/// How the document writes its words, for the sentence-initial and all-caps features.
pub(crate) fn usage<'d>(sentences: &[SentenceView<'d>]) -> Usage<'d> {
    // Sized up front for an article's words: a set grown insert by insert rehashes all it holds,
    // again and again. At most [`USAGE_SIZED_FOR`]: a long or repetitive document has far fewer
    // distinct words than tokens, and its sets grow from there.
    let tokens: usize = sentences.iter().filter(|s| !s.caseless).map(|s| s.tokens.len()).sum();
    let sized = || HashSet::with_capacity_and_hasher(tokens.min(USAGE_SIZED_FOR), Default::default());
    let mut usage = Usage { lower: sized(), capitalised_inside: sized() };
    for sentence in sentences.iter().filter(|s| !s.caseless) {
        for token in &sentence.tokens {
            if token.has_upper {
                if !token.first_in_sentence {
                    usage.capitalised_inside.insert(token.folded);
                }
            } else if token.written.chars().next().is_some_and(char::is_lowercase) {
                usage.lower.insert(token.folded);
            }
        }
    }
    usage
}

/// Whether the decoder scores a token at all: names are capitalised words, and the words right
/// next to them (`Bank of England`, `U.S.`); everything else is `O` without a look-up.
pub(crate) fn worth_scoring(sentence: &SentenceView<'_>, i: usize) -> bool {
    let upper = |k: usize| sentence.tokens.get(k).is_some_and(|t| t.has_upper);
    upper(i) || (i > 0 && upper(i - 1)) || upper(i + 1)
}

/// 64-bit FNV-1a with a final mix, so every bit of the result depends on every input byte.
#[derive(Clone, Copy)]
struct FeatureHash(u64);

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

impl FeatureHash {
    /// A const fn, so a feature's template byte is hashed when the crate is compiled.
    #[inline(always)]
    const fn new(template: u8) -> Self {
        FeatureHash((FNV_OFFSET ^ template as u64).wrapping_mul(FNV_PRIME))
    }

    #[inline(always)]
    fn byte(&mut self, byte: u8) {
        self.0 ^= u64::from(byte);
        self.0 = self.0.wrapping_mul(FNV_PRIME);
    }

    /// The bytes one at a time, as FNV-1a goes, four to a loop step and the last few unrolled (a
    /// token hashes a few hundred bytes in parts of a few each: the loop's own compare and branch
    /// cost as much as the hashing).
    #[inline(always)]
    fn part(mut self, bytes: &[u8]) -> Self {
        let mut rest = bytes;
        while let [a, b, c, d, tail @ ..] = rest {
            self.byte(*a);
            self.byte(*b);
            self.byte(*c);
            self.byte(*d);
            rest = tail;
        }
        // The last three bytes or fewer without a loop: most parts end with one.
        match *rest {
            [a, b, c] => {
                self.byte(a);
                self.byte(b);
                self.byte(c);
            }
            [a, b] => {
                self.byte(a);
                self.byte(b);
            }
            [a] => self.byte(a),
            _ => {}
        }
        self.byte(0xff);
        self
    }

    /// [`FeatureHash::part`] of a part whose length is known when compiling (a flag, a tag,
    /// a gazetteer mark): unrolled.
    #[inline(always)]
    fn fixed<const N: usize>(mut self, bytes: [u8; N]) -> Self {
        for b in bytes {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }

    #[inline(always)]
    fn finish(self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// The 32-bit hash of a folded word that [`super::usual_case`] tables are keyed by.
pub(crate) fn word_hash(folded: &str) -> u32 {
    // The low 32 bits of the mixed hash: every bit depends on every byte.
    FeatureHash::new(0xca).part(folded.as_bytes()).finish() as u32
}

/// Calls `seen(folded word, capitalised)` for every word a document writes after a sentence's
/// first word, outside sentences in capitals or without case: what [`super::usual_case`] counts.
pub(crate) fn case_sightings<'d>(sentences: &[SentenceView<'d>], mut seen: impl FnMut(&'d str, bool)) {
    for sentence in sentences.iter().filter(|s| !s.caseless && !s.capitals) {
        for token in sentence.tokens.iter().filter(|t| !t.first_in_sentence) {
            match token.written.chars().next() {
                Some(c) if c.is_uppercase() => seen(token.folded, true),
                Some(c) if c.is_lowercase() => seen(token.folded, false),
                _ => {}
            }
        }
    }
}

/// How far the capitalised-run features look either way, in tokens.
const MAX_RUN: usize = 6;

const START: &[u8] = b"<s>";
const END: &[u8] = b"</s>";

/// The features of token `i` that do not depend on earlier decisions.
pub(crate) fn token_features(
    lexicon: &Lexicon,
    language: &str,
    sentence: &SentenceView<'_>,
    usage: &Usage<'_>,
    usual: &[u8],
    i: usize,
    out: &mut Vec<u64>,
) {
    let tokens = &sentence.tokens;
    let token = &tokens[i];
    let word = token.folded.as_bytes();
    let h = FeatureHash::new;
    let mut push = |hash: FeatureHash| out.push(hash.finish());
    let folded_at = |k: isize| -> &[u8] {
        let at = i as isize + k;
        if at < 0 {
            START
        } else {
            tokens.get(at as usize).map_or(END, |t| t.folded.as_bytes())
        }
    };
    let shape_at = |k: isize| -> &[u8] {
        let at = i as isize + k;
        if at < 0 {
            START
        } else {
            tokens.get(at as usize).map_or(END, |t| t.shape())
        }
    };
    let flag = |b: bool| -> [u8; 1] { [if b { b'1' } else { b'0' }] };
    let caseless = flag(sentence.caseless);
    let first = flag(token.first_in_sentence);

    push(h(0));
    push(h(1).part(token.written.as_bytes()));
    push(h(2).part(word));
    push(h(3).part(token.shape()).fixed(first).fixed(caseless));
    push(h(4).part(word).fixed(first));
    push(h(5).part(word).fixed(caseless));
    push(h(6).fixed(flag(token.first_in_block)).part(token.shape()));
    // Prefixes and suffixes of up to four characters, shorter than the word.
    for (n, (b, _)) in token.folded.char_indices().skip(1).take(4).enumerate() {
        push(h(10 + n as u8).part(&word[..b]));
    }
    let suffixes = token.folded.chars().count().saturating_sub(1).min(4);
    for (n, (b, _)) in token.folded.char_indices().rev().take(suffixes).enumerate() {
        push(h(21 + n as u8).part(&word[b..]));
    }
    // Neighbours.
    push(h(30).part(folded_at(-1)));
    push(h(31).part(folded_at(1)));
    push(h(32).part(folded_at(-2)));
    push(h(33).part(folded_at(2)));
    push(h(34).part(folded_at(-1)).part(word));
    push(h(35).part(word).part(folded_at(1)));
    push(h(36).part(shape_at(-1)));
    push(h(37).part(shape_at(1)));
    push(h(38).part(shape_at(-1)).part(token.shape()).part(shape_at(1)));
    push(h(39).part(folded_at(-1)).part(token.shape()));
    push(h(40).part(token.shape()).part(folded_at(1)));
    // What a full stop or bracket is glued to (`Corp.`, `U.S.`).
    let glued = flag(i > 0 && tokens[i - 1].span.end == token.span.start);
    push(h(41).fixed(glued).part(shape_at(-1)).part(token.shape()));
    if token.written == "." {
        push(h(42).fixed(glued).part(folded_at(-1)));
    }
    // The run of capitalised tokens around this one: where the token sits in it, and whether an
    // organisation word or a place closes it (`New Harbor Savings Bank`, `Kestrel Dynamics`).
    let extended = extended(language);
    // Word-list bits of a token, looked up once per token and kept (see [`Lexical`]).
    let bits_of = |k: usize| tokens[k].lexical.get(lexicon, language, tokens[k].folded);
    if token.has_upper && !(extended && sentence.caseless) {
        let run_start = (i.saturating_sub(MAX_RUN)..i).rev().take_while(|&k| tokens[k].has_upper).last().unwrap_or(i);
        let run_end = (i + 1..tokens.len().min(i + MAX_RUN)).take_while(|&k| tokens[k].has_upper).last().unwrap_or(i);
        let position = [(i - run_start).min(3) as u8, (run_end - run_start + 1).min(4) as u8];
        push(h(43).fixed(position).fixed(first));
        let org_later = (i..=run_end).any(|k| bits_of(k) & ORG_WORD != 0);
        push(h(44).fixed(flag(org_later)).fixed(position));
        push(h(45).part(tokens[run_end].folded.as_bytes()).fixed(position));
    }
    // Gazetteers and lexicons.
    let mark = |k: isize| -> [u8; 2] {
        let at = i as isize + k;
        let g = if at < 0 { GazetteerMark::default() } else { tokens.get(at as usize).map_or_else(GazetteerMark::default, |t| t.gazetteer) };
        [g.kind, u8::from(g.first)]
    };
    push(h(50).fixed(mark(0)));
    push(h(51).fixed(mark(-1)).fixed(mark(0)).fixed(mark(1)));
    let here = bits_of(i);
    let before = i.checked_sub(1).map_or(0, bits_of);
    let after = if i + 1 < tokens.len() { bits_of(i + 1) } else { 0 };
    let is = |bits: u16| flag(here & bits != 0);
    push(h(52).fixed(is(GIVEN_NAME)).part(token.shape()));
    push(h(53).fixed(flag(after & GIVEN_NAME != 0)));
    push(h(54).fixed(flag(before & GIVEN_NAME != 0)));
    let titled = before & (TITLE | ROLE_WORD) != 0 || i >= 2 && tokens[i - 1].written == "." && bits_of(i - 2) & TITLE != 0;
    push(h(55).fixed(flag(titled)));
    push(h(56).fixed(is(TITLE)).fixed(is(ROLE_WORD)));
    push(h(57).fixed(is(ORG_WORD)));
    push(h(58).fixed(flag(after & ORG_WORD != 0)));
    push(h(59).fixed(is(FACILITY_HEAD)).fixed(is(EVENT_HEAD)));
    push(h(60).fixed(is(NEVER_ALONE)).fixed(is(FUNCTION_WORD)));
    // Extended set: a known place after an article is often a club or a firm (`del Barcelona`, `bij Philips`),
    // after a preposition a place (`in Berlin`); two words before say whose name follows
    // (`ministro de`, `chairman of`).
    if extended {
        push(h(61).fixed(mark(0)).part(folded_at(-1)));
        push(h(62).fixed(mark(0)).part(folded_at(1)));
        push(h(63).part(folded_at(-2)).part(folded_at(-1)));
    }
    // Dutch writes organisation heads into compounds (`Rabobank`, `Gemeenteraad`).
    if ORG_SUFFIX_LANGUAGES.contains(&language) && token.has_upper {
        let here = org_suffix(token.folded);
        let next = tokens.get(i + 1).map_or(0, |t| org_suffix(t.folded));
        push(h(113).fixed([u8::from(here != 0), u8::from(next != 0)]).part(token.shape()));
        if here != 0 {
            push(h(114).fixed([here]));
        }
    }
    // German capitalises every noun: how common the word is in German (after which word), how
    // common the word its compound ends with, and, for a genitive, what the gazetteer knows about
    // its name.
    if german_cues(language) && token.has_upper {
        let band = german::frequency_band(token.folded);
        push(h(117).fixed([band]).fixed(first));
        push(h(118).fixed([band]).part(folded_at(-1)));
        if token.gazetteer.kind == 0 && token.folded.ends_with('s') {
            push(h(124).fixed([genitive_kind(lexicon, token.folded)]));
        }
        push(h(125).fixed([german::compound_head_band(token.folded), u8::from(band != 0)]));
    }
    // How the rest of the document writes the word.
    push(h(70).fixed(flag(usage.lower.contains(token.folded))).fixed(flag(usage.capitalised_inside.contains(token.folded))).fixed(first).fixed(caseless));
    // How the language usually writes the word and its neighbours (a sentence in capitals scored
    // by a table trained with them: `usual` has a bucket per token, empty otherwise).
    if usual.len() == tokens.len() {
        let class_at = |k: isize| -> u8 {
            let at = i as isize + k;
            if at < 0 {
                0xfe
            } else {
                usual.get(at as usize).map_or(0xff, |&b| usual_case::class(b))
            }
        };
        let here = class_at(0);
        push(h(90).fixed([usual[i]]));
        push(h(91).fixed([class_at(-1), here, class_at(1)]));
        push(h(92).fixed([class_at(-1), here]));
        push(h(93).fixed([here, class_at(1)]));
        push(h(94).fixed([here]).fixed(first));
        push(h(95).fixed([here]).fixed(mark(0)));
        push(h(96).fixed([here]).part(token.shape()).part(folded_at(-1)));
        push(h(97).fixed([here]).part(folded_at(-1)));
        push(h(98).fixed([here]).part(folded_at(1)));
        push(h(99).fixed([class_at(-1)]).part(word));
        push(h(100).fixed([class_at(1)]).part(word));
        push(h(101).fixed([class_at(-2), class_at(-1), here, class_at(1), class_at(2)]));
    }
}

/// The features that depend on the two previous tags and on the type the document last gave the
/// same word (`remembered`, 0 when none); with `tag_gazetteer` ([`tag_gazetteer`]), the previous
/// tag with the gazetteer mark too.
/// `usual` is the token's [`super::usual_case`] bucket when the sentence is scored with them.
pub(crate) fn history_features(
    token: &TokenView<'_>,
    tag_gazetteer: bool,
    usual: Option<u8>,
    previous: u8,
    before: u8,
    remembered: u8,
    out: &mut Vec<u64>,
) {
    let h = FeatureHash::new;
    let mut push = |hash: FeatureHash| out.push(hash.finish());
    push(h(80).fixed([previous]));
    push(h(81).fixed([before, previous]));
    push(h(82).fixed([previous]).part(token.folded.as_bytes()));
    push(h(83).fixed([previous]).part(token.shape()));
    push(h(84).fixed([remembered]).part(token.shape()));
    if tag_gazetteer {
        push(h(85).fixed([previous, token.gazetteer.kind, u8::from(token.gazetteer.first)]));
    }
    if let Some(bucket) = usual {
        push(h(86).fixed([previous, usual_case::class(bucket)]));
    }
}

/// Remembers, per folded word, the type the document last gave it (for [`history_features`]).
#[derive(Default)]
pub(crate) struct Memory<'d> {
    types: HashMap<&'d str, u8>,
}

impl<'d> Memory<'d> {
    pub fn recall(&self, token: &TokenView<'d>) -> u8 {
        if token.has_upper {
            self.types.get(token.folded).copied().unwrap_or(0)
        } else {
            0
        }
    }

    /// `entity_type` is 1 + the type index of the tag given to the token, 0 for `O`.
    pub fn remember(&mut self, token: &TokenView<'d>, entity_type: u8) {
        if token.has_upper && token.folded.chars().count() > 1 {
            self.types.insert(token.folded, entity_type);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_character_classes() {
        let shape = |w: &str| {
            let (s, n) = shape_of(w);
            String::from_utf8_lossy(&s[..usize::from(n)]).into_owned()
        };
        assert_eq!(shape("Kestrel"), "Xx");
        assert_eq!(shape("U.S"), "X.X");
        assert_eq!(shape("NATO"), "X");
        assert_eq!(shape("1996"), "d");
        assert_eq!(shape("McDonald"), "XxXx");
        // Eight classes at most: the ninth and later are dropped.
        assert_eq!(shape("x-1.a-b.c-d-E"), "x-d.x-x.");
        let caseless = |w: &str| {
            let (s, n) = caseless_shape_of(w);
            String::from_utf8_lossy(&s[..usize::from(n)]).into_owned()
        };
        assert_eq!(caseless("u.s"), "Cx.x");
        assert_eq!(caseless("1996"), "Cd");
        assert_eq!(caseless("x-1.a-b.c-d"), "Cx-d.x-x");
    }

    #[test]
    fn one_pass_over_the_letters_answers_as_one_pass_per_question() {
        for word in ["Kestrel", "u.s", "NATO", "1996", "x-1.a-b.c-d-E", "a.b.c.d.e.f", "Ça", "東京", "ǅemal", "-", "ⅫⅫ", ""] {
            let letters = letters_of(word);
            assert_eq!(letters.upper, word.chars().any(char::is_uppercase), "{word}");
            assert_eq!(letters.lower, word.chars().any(char::is_lowercase), "{word}");
            assert_eq!(letters.alphabetic, word.chars().any(char::is_alphabetic), "{word}");
        }
        // What `alphabetic` leans on, for every character.
        let cased_but_not_alphabetic = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .find(|c| (c.is_uppercase() || c.is_lowercase()) && !c.is_alphabetic());
        assert_eq!(cased_but_not_alphabetic, None);
    }

    #[test]
    fn looked_up_word_list_bits_match_the_lexicon() {
        use crate::analysis::ContentFormat;
        let lexicon = &*super::super::super::gazetteer::LEXICON;
        let text = "Herr Anna Weber of the Harbor Authority met Mr. Smith at the Olympic Stadium on Monday and said the Cup was won.";
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let sentences = sentences(&document, &document.folded, lexicon, false);
        let mut seen = 0;
        for token in sentences.iter().flat_map(|s| &s.tokens) {
            let word = token.folded;
            let expected = [
                (lexicon.given_names.contains(word), GIVEN_NAME),
                (lexicon.is_title("en", word), TITLE),
                (lexicon.role_words.contains(word), ROLE_WORD),
                (lexicon.org_words.contains_key(word), ORG_WORD),
                (lexicon.facility_heads.contains(word), FACILITY_HEAD),
                (lexicon.event_heads.contains(word), EVENT_HEAD),
                (lexicon.never_alone.contains(word), NEVER_ALONE),
                (lexicon.is_function_word("en", word), FUNCTION_WORD),
            ];
            for (is, bit) in expected {
                // Asked twice: the second answer comes from the token's cache.
                assert_eq!(token.lexical.get(lexicon, "en", word) & bit != 0, is, "{word} {bit}");
                assert_eq!(token.lexical.get(lexicon, "en", word) & bit != 0, is, "{word} {bit} (cached)");
                seen += usize::from(is);
            }
        }
        // The sentence has a title, given names, an organisation word, a day, function words.
        assert!(seen >= 6, "{seen}");
    }

    #[test]
    fn sentences_in_capitals_are_told_from_title_case() {
        use crate::analysis::ContentFormat;
        let lexicon = &*super::super::super::gazetteer::LEXICON;
        let capitals = |text: &str| {
            let document = Document::parse(text.to_string(), ContentFormat::PlainText);
            let views = sentences(&document, &document.folded, lexicon, false);
            views.iter().map(|s| s.capitals).collect::<Vec<_>>()
        };
        assert_eq!(capitals("KESTREL DYNAMICS WINS NAVY CONTRACT"), [true]);
        assert_eq!(capitals("Kestrel Dynamics Wins Navy Contract"), [false]);
        assert_eq!(capitals("Kestrel Dynamics won a contract from the NATO navy."), [false]);
        // One lower-case word in five or more is still capitals (`McDONALD`, `iPHONE`).
        assert_eq!(capitals("McDONALD AND HALVORSEN SIGN DEAL IN OSLO"), [true]);
    }

    #[test]
    fn case_sightings_count_words_after_the_first_outside_capitals() {
        use crate::analysis::ContentFormat;
        let lexicon = &*super::super::super::gazetteer::LEXICON;
        let text = "Shares of Apple rose in London. APPLE SHARES RISE IN LONDON\n\nThe apple fell.";
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let views = sentences(&document, &document.folded, lexicon, false);
        let mut seen = Vec::new();
        case_sightings(&views, |word, capitalised| seen.push((word, capitalised)));
        // Not `shares` or `the` (first words), nothing from the headline in capitals.
        assert_eq!(seen, [("of", false), ("apple", true), ("rose", false), ("in", false), ("london", true), ("apple", false), ("fell", false)]);
    }

    #[test]
    fn usual_case_features_come_only_with_buckets_and_follow_them() {
        use crate::analysis::ContentFormat;
        let lexicon = &*super::super::super::gazetteer::LEXICON;
        let document = Document::parse("APPLE SHARES RISE IN LONDON".to_string(), ContentFormat::PlainText);
        let views = sentences(&document, &document.folded, lexicon, false);
        let sentence = &views[0];
        assert!(sentence.capitals);
        let usage = usage(&views);
        let features = |usual: &[u8]| {
            let mut out = Vec::new();
            token_features(lexicon, "en", sentence, &usage, usual, 0, &mut out);
            out
        };
        let none = features(&[]);
        let capitalised = [usual_case::bucket(9, 0), usual_case::bucket(0, 9), usual_case::bucket(0, 9), usual_case::bucket(0, 99), usual_case::bucket(9, 0)];
        let mut lower = capitalised;
        lower[0] = usual_case::bucket(0, 9);
        let with = features(&capitalised);
        // The same features and then the usual-case ones; other buckets, other features.
        assert_eq!(&with[..none.len()], none.as_slice());
        assert_eq!(with.len(), none.len() + 12);
        assert_ne!(with, features(&lower));
        // A bucket list that does not cover the sentence is ignored.
        assert_eq!(features(&capitalised[..2]), none);
        let token = &sentence.tokens[0];
        let mut plain = Vec::new();
        history_features(token, false, None, 0, 0, 0, &mut plain);
        let mut read = Vec::new();
        history_features(token, false, Some(capitalised[0]), 0, 0, 0, &mut read);
        assert_eq!(read.len(), plain.len() + 1);
        assert_eq!(&read[..plain.len()], plain.as_slice());
    }

    #[test]
    fn dutch_organisation_heads_are_read_inside_compounds_for_dutch_only() {
        use crate::analysis::ContentFormat;
        assert_ne!(org_suffix("rabobank"), 0);
        assert_ne!(org_suffix("gemeenteraad"), 0);
        assert_eq!(org_suffix("rabobank"), org_suffix("bank"));
        assert_eq!(org_suffix("amsterdam"), 0);
        let lexicon = &*super::super::super::gazetteer::LEXICON;
        let document = Document::parse("Volgens de Rabobank daalt de rente.".to_string(), ContentFormat::PlainText);
        let views = sentences(&document, &document.folded, lexicon, false);
        let usage = usage(&views);
        let count = |language: &str| {
            let mut out = Vec::new();
            token_features(lexicon, language, &views[0], &usage, &[], 2, &mut out);
            out.len()
        };
        assert_eq!(count("nl"), count("en") + 2);
        // German reads its own cues instead (three for a capitalised word not ending in `s`).
        assert_eq!(count("de"), count("en") + 3);
    }

    #[test]
    fn german_cues_are_read_for_german_only_and_for_capitalised_words() {
        use crate::analysis::ContentFormat;
        let lexicon = &*super::super::super::gazetteer::LEXICON;
        let document = Document::parse("Gestern lobte Torsten die Regierung Berlins und sagte nichts.".to_string(), ContentFormat::PlainText);
        let views = sentences(&document, &document.folded, lexicon, false);
        let usage = usage(&views);
        let count = |language: &str, i: usize| {
            let mut out = Vec::new();
            token_features(lexicon, language, &views[0], &usage, &[], i, &mut out);
            out.len()
        };
        let words: Vec<&str> = views[0].tokens.iter().map(|t| t.folded).collect();
        assert_eq!(words[2..6], ["torsten", "die", "regierung", "berlins"]);
        // The frequency band (twice) and the compound head; a genitive in `-s` adds its name's
        // gazetteer kind; a lower-case word reads none of them.
        assert_eq!(count("de", 4), count("en", 4) + 3);
        assert_eq!(count("de", 5), count("en", 5) + 4);
        assert_eq!(count("de", 3), count("en", 3));
        assert!(!german_cues("en") && !german_cues("nl") && german_cues("de"));
        // `Torsten` is a given name to German only (the shared list lacks it).
        let torsten = &views[0].tokens[2];
        assert!(torsten.lexical.get(lexicon, "de", torsten.folded) & GIVEN_NAME != 0);
        let english = Document::parse("Gestern lobte Torsten".to_string(), ContentFormat::PlainText);
        let english_views = sentences(&english, &english.folded, lexicon, false);
        let english_torsten = &english_views[0].tokens[2];
        assert!(english_torsten.lexical.get(lexicon, "en", english_torsten.folded) & GIVEN_NAME == 0);
    }

    #[test]
    fn a_genitive_reads_what_the_gazetteer_knows_about_its_name() {
        let lexicon = &*super::super::super::gazetteer::LEXICON;
        assert_eq!(genitive_kind(lexicon, "berlins"), 1);
        assert_eq!(genitive_kind(lexicon, "kestrels"), 0);
        assert_eq!(genitive_kind(lexicon, "berlin"), 0, "no genitive");
    }

    #[test]
    fn the_previous_tag_meets_the_gazetteer_mark_in_spanish_and_dutch_only() {
        assert!(tag_gazetteer("es") && tag_gazetteer("nl"));
        assert!(!tag_gazetteer("en") && !tag_gazetteer("de"));
        use crate::analysis::ContentFormat;
        let lexicon = &*super::super::super::gazetteer::LEXICON;
        let document = Document::parse("Hij woont in Amsterdam.".to_string(), ContentFormat::PlainText);
        let views = sentences(&document, &document.folded, lexicon, false);
        let history = |language: &str| {
            let mut out = Vec::new();
            history_features(&views[0].tokens[3], tag_gazetteer(language), None, 0, 0, 0, &mut out);
            out.len()
        };
        assert_eq!(history("nl"), history("en") + 1);
    }

    /// FNV-1a a byte at a time with the final mix: the hash the shipped weights were trained
    /// with, written the plain way.
    fn reference_hash(template: u8, parts: &[&[u8]]) -> u64 {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        let mut byte = |b: u8| h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        byte(template);
        for part in parts {
            part.iter().for_each(|&b| byte(b));
            byte(0xff);
        }
        let mut x = h;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    }

    #[test]
    fn feature_hashes_are_the_plain_fnv_of_their_bytes() {
        let bytes: Vec<u8> = (0u8..40).map(|b| b.wrapping_mul(37) ^ 0xa5).collect();
        for len in 0..bytes.len() {
            for split in [0, len / 3, len] {
                let (a, b) = bytes[..len].split_at(split);
                let hashed = FeatureHash::new(7).part(a).part(b).finish();
                assert_eq!(hashed, reference_hash(7, &[a, b]), "{len} {split}");
            }
        }
        assert_eq!(FeatureHash::new(0).finish(), reference_hash(0, &[]));
        assert_eq!(FeatureHash::new(9).fixed([3, 1]).fixed(*b"1").finish(), reference_hash(9, &[&[3, 1], b"1"]));
        assert_eq!(FeatureHash::new(9).fixed([]).finish(), reference_hash(9, &[&[]]));
        // Pinned values (computed apart from this code): the shipped weights and usual-case
        // tables are keyed by exactly these.
        assert_eq!(FeatureHash::new(2).part(b"london").finish(), 0xbb68_47ac_3362_28eb);
        assert_eq!(word_hash("london"), 0x70a3_f365);
    }

    #[test]
    fn feature_hashes_depend_on_template_and_every_part() {
        let hash = |t: u8, parts: &[&[u8]]| parts.iter().fold(FeatureHash::new(t), |h, p| h.part(p)).finish();
        assert_ne!(hash(1, &[b"ab"]), hash(2, &[b"ab"]));
        assert_ne!(hash(1, &[b"a", b"b"]), hash(1, &[b"ab"]));
        assert_eq!(hash(3, &[b"x"]), hash(3, &[b"x"]));
    }
}
