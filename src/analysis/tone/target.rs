//! Tone toward a target — an entity's mentions — rather than the tone of the sentences near it.
//!
//! Pipeline, per mention: the markers of its sentence are each given one [`Relation`] to the
//! mention, from the tokens between them: right before it in its clause (`praised the mayor`,
//! `the corrupt mayor`), right after it as its predicate (`the mayor resigned`) or as a passive
//! (`the mayor was attacked`), elsewhere in its clause, in another clause, in speech the mention
//! is the speaker of (`Ruiz said the plan was a disaster`: said *by* Ruiz, not about her), in
//! someone else's speech, or beyond [`WINDOW`] tokens. Those relations (per relation and sign,
//! the valence sums), with the words around the mention, are the features of a trained
//! multinomial logistic regression ([`model`]); an entity's class logits are the average over
//! its mentions, read as a score whose ±0.05 band is the neutral class. Every marker whose
//! relation moves the logits is listed in the summary; an entity no marker bears on scores 0,
//! so every score is explained by its markers.
//!
//! What a mention reads of each token that does not depend on the mention — its clause and
//! word numbers, its hashed-feature keys — is computed once per document, on the first call,
//! and kept in [`Tone::target_cache`]: the mentions of every entity in a sentence read the
//! same tokens, so each mention only adds its own part.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use super::quotes::is_attribution;
use super::{Tone, ToneSummary};
use crate::analysis::document::{Document, Token, TokenKind};
use crate::analysis::TextSpan;

/// How a marker stands to a mention; the order is the order of the fitted weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    /// Up to [`NEAR`] words before the mention in its clause, or inside it.
    BeforeNear = 0,
    /// Up to [`NEAR`] words after the mention in its clause: its predicate.
    AfterNear = 1,
    /// After the mention in its clause, with a form of `be`/`get` between: done to it.
    Passive = 2,
    /// Elsewhere in the mention's clause.
    SameClause = 3,
    /// In another clause of the sentence.
    OtherClause = 4,
    /// Inside speech the mention is the speaker of.
    SpeechByTarget = 5,
    /// Inside speech the mention is neither inside nor the speaker of.
    QuotedOther = 6,
    /// More than [`WINDOW`] tokens away, but within [`FAR_WINDOW`]; markers further away do
    /// not bear on the mention.
    Far = 7,
}

/// Number of [`Relation`]s.
pub const RELATIONS: usize = 8;
/// Number of features: each relation's positive and negative valence apart, since news
/// readers weigh blame and praise differently.
pub const FEATURES: usize = 2 * RELATIONS;

pub use super::target_model as model;

/// Tokens on each side of a mention that are read; markers beyond are [`Relation::Far`]. Keeps
/// each mention's cost bounded whatever the sentence length.
pub const WINDOW: usize = 40;
/// Tokens on each side of a mention beyond which markers are not read at all.
pub const FAR_WINDOW: usize = 120;
/// Words between a marker and the mention for the marker to be its modifier or predicate.
const NEAR: usize = 3;
/// Words after the mention in which `said` makes it a speaker (`Ruiz, the mayor, said`).
const SPEAKER_AFTER: usize = 4;
/// Words before the mention in which `said` makes it a speaker (`said Ms Ruiz`).
const SPEAKER_BEFORE: usize = 2;

/// Whether a lower-case word opens a new clause even without punctuation.
fn is_clause_word(lower: &[u8]) -> bool {
    // A `match` on the bytes branches on the length first: this runs for every token.
    matches!(
        lower,
        b"but" | b"although" | b"though" | b"while" | b"whereas" | b"however" | b"because" | b"since" | b"when"
            | b"who" | b"which" | b"whom" | b"whose" | b"where" | b"that" | b"after" | b"before" | b"if" | b"unless"
    )
}

/// Whether a lower-case word is a form of `be` or `get`, which makes a following sentiment
/// word something done to the subject.
fn is_passive_auxiliary(lower: &[u8]) -> bool {
    matches!(lower, b"is" | b"are" | b"was" | b"were" | b"be" | b"been" | b"being" | b"get" | b"gets" | b"got" | b"gotten")
}

/// One marker's bearing on a target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contribution {
    /// Index into [`Tone::markers`].
    pub marker: usize,
    pub relation: Relation,
    /// Tokens between the marker and the mention (for keeping the nearest mention's relation).
    pub distance: usize,
    /// Index into [`Tone::sentences`].
    pub sentence: usize,
}

/// The per-token facts of a document that every mention reads ([`TokenFacts`]), filled on
/// first use. Not part of the answer: two caches always compare equal.
#[derive(Clone, Default)]
pub struct Cache(OnceLock<TokenFacts>);

impl PartialEq for Cache {
    fn eq(&self, _: &Cache) -> bool {
        true
    }
}

impl fmt::Debug for Cache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.get().is_some() { "Cache(filled)" } else { "Cache(empty)" })
    }
}

/// Per token of a document, what does not depend on the mention reading it.
#[derive(Clone, Debug)]
pub(super) struct TokenFacts {
    /// Clause breaks ([`is_clause_break`]) among the tokens up to and including this one.
    /// Only differences and equalities of these numbers are read, so counting from the
    /// document's start reads the same as counting from a window's.
    clause: Vec<u32>,
    /// Word-like tokens before this one.
    words: Vec<u32>,
    /// The token's hashed-feature keys ([`model::TokenHashes`]).
    hashes: Vec<model::TokenHashes>,
    /// Every token as the model reads it ([`model::token_form`]), one after another; token
    /// `i`'s is `forms[form_starts[i]..form_starts[i + 1]]`.
    forms: Vec<u8>,
    form_starts: Vec<u32>,
    /// The document these facts are of: its text length (with the token count).
    text_len: usize,
}

impl TokenFacts {
    fn of(document: &Document) -> TokenFacts {
        let count = document.tokens.len();
        let (mut clause, mut words) = (Vec::with_capacity(count), Vec::with_capacity(count));
        let (mut clauses, mut word_count) = (0u32, 0u32);
        for token in &document.tokens {
            clauses += u32::from(is_clause_break(document, token));
            clause.push(clauses);
            words.push(word_count);
            word_count += u32::from(token.kind.is_wordlike());
        }
        let (mut forms, mut form_starts, mut hashes) = (Vec::new(), Vec::with_capacity(count + 1), Vec::with_capacity(count));
        for token in &document.tokens {
            let start = forms.len();
            form_starts.push(start as u32);
            model::token_form(document, token, &mut forms);
            hashes.push(model::token_hashes(&forms[start..]));
        }
        form_starts.push(forms.len() as u32);
        TokenFacts { clause, words, hashes, forms, form_starts, text_len: document.text.len() }
    }

    fn form(&self, token: usize) -> &[u8] {
        &self.forms[self.form_starts[token] as usize..self.form_starts[token + 1] as usize]
    }

    fn fits(&self, document: &Document) -> bool {
        self.words.len() == document.tokens.len() && self.text_len == document.text.len()
    }
}

/// The document's token facts: the tone's cache, filled now if empty; computed apart (not
/// kept) when the cache holds another document's.
fn facts<'t>(document: &Document, tone: &'t Tone) -> Cow<'t, TokenFacts> {
    let cached = tone.target_cache.0.get_or_init(|| TokenFacts::of(document));
    if cached.fits(document) {
        Cow::Borrowed(cached)
    } else {
        Cow::Owned(TokenFacts::of(document))
    }
}

/// A mention placed in its sentence: what both the relations and the model's features read.
pub(super) struct Located<'a> {
    /// The tokens of the mention's sentence.
    pub tokens: &'a [Token],
    facts: &'a TokenFacts,
    /// The index in [`Document::tokens`] of the sentence's first token.
    offset: usize,
    /// The mention's tokens: `first..end` of `tokens`.
    pub first: usize,
    pub end: usize,
    /// Index into [`Tone::sentences`].
    pub sentence: usize,
    pub window: Window<'a>,
    /// The mention lies inside speech.
    pub quoted: bool,
    /// The mention is the speaker of the sentence's speech (`Ruiz said …`).
    pub speaks: bool,
}

impl Located<'_> {
    /// Token `at` of the sentence as the model reads it ([`model::token_form`]).
    pub(super) fn form(&self, at: usize) -> &[u8] {
        self.facts.form(self.offset + at)
    }

    /// The hashed-feature keys of token `at` of the sentence.
    pub(super) fn hashes(&self, at: usize) -> model::TokenHashes {
        self.facts.hashes[self.offset + at]
    }
}

/// Places a mention in its sentence; `None` when no sentence with tone holds it.
pub(super) fn locate<'a>(document: &'a Document, tone: &Tone, facts: &'a TokenFacts, mention: TextSpan) -> Option<Located<'a>> {
    let sentence = document
        .sentences
        .get(document.sentences.partition_point(|s| s.span.end <= mention.start))
        .filter(|s| s.span.start <= mention.start)?;
    let tone_index = tone.sentences.partition_point(|s| s.span.end <= mention.start);
    tone.sentences.get(tone_index).filter(|s| s.span == sentence.span)?;
    let range = sentence.tokens.clone();
    let tokens = &document.tokens[range.clone()];
    let first = tokens.partition_point(|t| t.span.end <= mention.start);
    let end = tokens.partition_point(|t| t.span.start < mention.end).max(first + 1).min(tokens.len());
    if first >= end {
        return None;
    }
    let window = Window::new(facts, range.clone(), first, end);
    let quoted = inside(&tone.speech, mention);
    let speaks = !quoted && window.is_speaker(document, tokens, first, end);
    Some(Located { tokens, facts, offset: range.start, first, end, sentence: tone_index, window, quoted, speaks })
}

/// The markers of the mention's sentence with their relation to it, appended to `out`.
pub fn relate(document: &Document, tone: &Tone, mention: TextSpan, out: &mut Vec<Contribution>) {
    let facts = facts(document, tone);
    if let Some(located) = locate(document, tone, &facts, mention) {
        relate_located(document, tone, &located, out);
    }
}

/// [`relate`] for a mention already placed.
fn relate_located(document: &Document, tone: &Tone, located: &Located<'_>, out: &mut Vec<Contribution>) {
    let Located { tokens, first, end, window, .. } = located;
    let (first, end) = (*first, *end);
    let markers = tone.sentences[located.sentence].markers.clone();
    // Only markers within FAR_WINDOW tokens are visited, so a mention costs the same in a
    // sentence of any length.
    let reach = TextSpan::new(
        tokens[first.saturating_sub(FAR_WINDOW)].span.start,
        tokens[(end + FAR_WINDOW).min(tokens.len()) - 1].span.end,
    );
    let sentence_markers = &tone.markers[markers.clone()];
    let from = markers.start + sentence_markers.partition_point(|m| m.span.start < reach.start);
    let to = markers.start + sentence_markers.partition_point(|m| m.span.start < reach.end);
    for index in from..to {
        let marker = &tone.markers[index];
        if marker.valence == 0.0 {
            continue;
        }
        let at = tokens.partition_point(|t| t.span.end <= marker.span.start);
        let (relation, distance) = if at < window.start || at >= window.end {
            (Relation::Far, WINDOW + 1)
        } else if marker.quoted && !located.quoted {
            let relation = if located.speaks { Relation::SpeechByTarget } else { Relation::QuotedOther };
            (relation, at.abs_diff(first))
        } else if !marker.quoted && located.quoted {
            (Relation::OtherClause, at.abs_diff(first))
        } else {
            window.positional(document, tokens, at, first, end)
        };
        out.push(Contribution { marker: index, relation, distance, sentence: located.sentence });
    }
}

/// The tone expressed toward the entity mentioned at `mentions`: the trained model's
/// ([`model`]) class logits of each mention that lies in a sentence, averaged, read as a score.
/// Zero with no markers when no mention lies in a sentence, or when no marker moved the
/// logits (the score is always explained by its markers).
pub fn toward(document: &Document, tone: &Tone, mentions: impl IntoIterator<Item = TextSpan>) -> ToneSummary {
    let (mut logits, mut count) = ([0.0f64; model::CLASSES], 0usize);
    let (mut contributions, mut markers) = (Vec::new(), Vec::new());
    let facts = facts(document, tone);
    for mention in mentions {
        // Summed as the features come, in the order `mention_features` lists them: the
        // additions a sum over that list would make, without building the list.
        let mut mention_logits = model::Logits::default();
        if !located_features(document, tone, &facts, mention, &mut contributions, &mut mention_logits) {
            continue;
        }
        for (sum, value) in logits.iter_mut().zip(mention_logits.0) {
            *sum += value;
        }
        count += 1;
        markers.extend(contributions.iter().filter(|c| model::moves(tone, c)).map(|c| c.marker as u32));
    }
    markers.sort_unstable();
    markers.dedup();
    if count == 0 || markers.is_empty() {
        return ToneSummary::default();
    }
    let magnitude: f64 = markers.iter().map(|&m| f64::from(tone.markers[m as usize].valence.abs())).sum();
    ToneSummary {
        score: model::score(logits.map(|l| l / count as f64)),
        magnitude: magnitude as f32,
        markers,
    }
}

/// The markers bearing on one mention ([`relate`]) and the model's features of it, replacing
/// the contents of both; false (both empty) when no sentence with tone holds the mention.
pub fn mention_features(
    document: &Document,
    tone: &Tone,
    mention: TextSpan,
    contributions: &mut Vec<Contribution>,
    features: &mut Vec<model::Feature>,
) -> bool {
    features.clear();
    located_features(document, tone, &facts(document, tone), mention, contributions, features)
}

/// [`mention_features`] with the document's token facts at hand, the features pushed to
/// `features` (left as it is when no sentence with tone holds the mention).
fn located_features(
    document: &Document,
    tone: &Tone,
    facts: &TokenFacts,
    mention: TextSpan,
    contributions: &mut Vec<Contribution>,
    features: &mut impl model::Sink,
) -> bool {
    contributions.clear();
    let Some(located) = locate(document, tone, facts, mention) else {
        return false;
    };
    relate_located(document, tone, &located, contributions);
    model::features(tone, &located, contributions, features);
    true
}

/// The feature a marker's valence goes to: its relation, positive and negative apart.
pub(super) fn feature(relation: Relation, valence: f32) -> usize {
    2 * relation as usize + usize::from(valence < 0.0)
}

/// Sums of marker valence per feature ([`feature`]): the model's first dense features.
pub fn relation_sums(tone: &Tone, contributions: &[Contribution]) -> [f32; FEATURES] {
    let mut sums = [0.0f32; FEATURES];
    for c in contributions {
        let valence = tone.markers[c.marker].valence;
        sums[feature(c.relation, valence)] += valence;
    }
    sums
}

fn inside(regions: &[TextSpan], span: TextSpan) -> bool {
    let at = regions.partition_point(|r| r.end <= span.start);
    regions.get(at).is_some_and(|r| r.start <= span.start && span.end <= r.end)
}

/// Whether a word token, lower-cased in ASCII, is a word `listed` accepts (lower-case ASCII
/// words of up to [`LONGEST_LISTED`] bytes).
fn lower_is_listed(document: &Document, token: &Token, listed: impl Fn(&[u8]) -> bool) -> bool {
    let text = document.token_text(token).as_bytes();
    if token.kind != TokenKind::Word || text.len() > LONGEST_LISTED {
        return false;
    }
    // Lower-cased once on the stack, not once per listed word: this runs for every token.
    let mut buffer = [0u8; LONGEST_LISTED];
    for (slot, byte) in buffer.iter_mut().zip(text) {
        *slot = byte.to_ascii_lowercase();
    }
    let lower = &buffer[..text.len()];
    listed(lower)
}

/// The longest word of [`is_clause_word`], [`is_passive_auxiliary`] and `according`.
const LONGEST_LISTED: usize = 9;

pub(super) fn is_clause_break(document: &Document, token: &Token) -> bool {
    match token.kind {
        TokenKind::Punctuation => document
            .token_text(token)
            .chars()
            .any(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '“' | '”' | '"' | '«' | '»' | '—' | '–')),
        TokenKind::Word => lower_is_listed(document, token, is_clause_word),
        _ => false,
    }
}

/// The tokens around a mention (`start..end` of its sentence) with their clause and word
/// numbers.
pub(super) struct Window<'a> {
    pub start: usize,
    pub end: usize,
    /// Per token of the sentence: [`TokenFacts`]' clause and word numbers.
    clause: &'a [u32],
    words: &'a [u32],
}

impl<'a> Window<'a> {
    /// The window of a mention at `first..end` of the sentence whose document tokens are
    /// `sentence`.
    fn new(facts: &'a TokenFacts, sentence: std::ops::Range<usize>, first: usize, end: usize) -> Window<'a> {
        let start = first.saturating_sub(WINDOW);
        let stop = (end + WINDOW).min(sentence.len());
        Window { start, end: stop, clause: &facts.clause[sentence.clone()], words: &facts.words[sentence] }
    }

    /// (clause number, word number) of a token of the window; only their equalities and
    /// differences mean anything.
    pub(super) fn mark(&self, token: usize) -> (u32, u32) {
        debug_assert!((self.start..self.end).contains(&token));
        (self.clause[token], self.words[token])
    }

    /// Whether an attribution verb next to the mention makes it the speaker of the sentence's
    /// speech (`Ruiz said`, `said Ms Ruiz`, `according to Ruiz`).
    fn is_speaker(&self, document: &Document, tokens: &[Token], first: usize, end: usize) -> bool {
        let mut words_after = tokens[end..self.end].iter().filter(|t| t.kind == TokenKind::Word).take(SPEAKER_AFTER);
        // The nearest words before, on the stack: this runs for every mention.
        let mut words_before = tokens[self.start..first].iter().rev().filter(|t| t.kind == TokenKind::Word);
        let before: [Option<&Token>; SPEAKER_BEFORE] = std::array::from_fn(|_| words_before.next());
        words_after.any(|t| is_attribution(document, t))
            || before.iter().flatten().any(|t| is_attribution(document, t))
            || matches!(before, [Some(nearest), Some(second)]
                if lower_is_listed(document, nearest, |w| w == b"to") && lower_is_listed(document, second, |w| w == b"according"))
    }

    /// The relation of a marker at token `at` to a mention at `first..end` in the same voice.
    fn positional(&self, document: &Document, tokens: &[Token], at: usize, first: usize, end: usize) -> (Relation, usize) {
        if (first..end).contains(&at) {
            return (Relation::BeforeNear, 0);
        }
        let (target_clause, target_words) = if at < first { self.mark(first) } else { self.mark(end - 1) };
        let (clause, words) = self.mark(at);
        let between = words.abs_diff(target_words) as usize;
        let distance = at.abs_diff(first);
        if clause != target_clause {
            return (Relation::OtherClause, distance);
        }
        // Word numbers count the marker's or the mention's own word too.
        if between > NEAR + 1 {
            return (Relation::SameClause, distance);
        }
        if at < first {
            return (Relation::BeforeNear, distance);
        }
        let passive = tokens[end..at].iter().any(|t| lower_is_listed(document, t, is_passive_auxiliary));
        (if passive { Relation::Passive } else { Relation::AfterNear }, distance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tone::{analyze, summarize_sentences};
    use crate::analysis::{language::DetectedLanguage, ContentFormat};

    fn scored(text: &str) -> (Document, Tone) {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let english = DetectedLanguage::hinted("en").expect("a valid code");
        let tone = analyze(&document, &english).0.expect("English has tone");
        (document, tone)
    }

    fn span_of(text: &str, word: &str) -> TextSpan {
        let start = text.find(word).expect("word in text");
        TextSpan::new(start, start + word.len())
    }

    fn relations(text: &str, word: &str) -> Vec<(String, Relation)> {
        let (document, tone) = scored(text);
        let mut out = Vec::new();
        relate(&document, &tone, span_of(text, word), &mut out);
        out.iter().map(|c| (document.slice(tone.markers[c.marker].span).to_string(), c.relation)).collect()
    }

    #[test]
    fn praise_and_attack_go_to_their_objects() {
        let text = "The senator praised the mayor but attacked the governor.";
        assert_eq!(relations(text, "mayor"), [("praised".into(), Relation::BeforeNear), ("attacked".into(), Relation::OtherClause)]);
        assert_eq!(relations(text, "governor"), [("praised".into(), Relation::OtherClause), ("attacked".into(), Relation::BeforeNear)]);
        let (document, tone) = scored(text);
        let mayor = toward(&document, &tone, [span_of(text, "mayor")]);
        let governor = toward(&document, &tone, [span_of(text, "governor")]);
        assert!(mayor.score > governor.score, "{mayor:?} {governor:?}");
        assert!(governor.score <= -0.05, "{governor:?}");
        let word = |index: &u32| document.slice(tone.markers[*index as usize].span).to_string();
        assert!(mayor.markers.iter().map(word).any(|w| w == "praised"), "{mayor:?}");
        assert!(governor.markers.iter().map(word).any(|w| w == "attacked"), "{governor:?}");
    }

    #[test]
    fn criticism_is_negative_toward_its_object() {
        let text = "Okafor criticised Lind over the delays.";
        let (document, tone) = scored(text);
        let lind = toward(&document, &tone, [span_of(text, "Lind")]);
        assert!(lind.score <= -0.05, "{lind:?}");
        let criticised = tone.markers.iter().position(|m| document.slice(m.span) == "criticised").expect("a marker");
        assert!(lind.markers.contains(&(criticised as u32)), "{lind:?}");
    }

    #[test]
    fn predicates_and_passives_after_the_subject() {
        let text = "Okafor was killed near the border.";
        assert_eq!(relations(text, "Okafor"), [("killed".into(), Relation::Passive)]);
        let text = "Okafor criticised the new budget plan.";
        assert_eq!(relations(text, "Okafor"), [("criticised".into(), Relation::AfterNear)]);
    }

    #[test]
    fn speech_is_said_by_its_speaker_not_about_them() {
        let text = "Ruiz said the plan was a disaster.";
        assert_eq!(relations(text, "Ruiz"), [("disaster".into(), Relation::SpeechByTarget)]);
        let (document, tone) = scored("Ruiz said the plan was a disaster.");
        let ruiz = toward(&document, &tone, [TextSpan::new(0, 4)]);
        assert!(summarize_sentences(&tone, [TextSpan::new(0, 4)]).score <= -0.05);
        assert!(ruiz.score > -0.05, "a negative statement by Ruiz, not about her: {ruiz:?}");
    }

    #[test]
    fn the_summary_lists_the_markers_that_moved_it() {
        let text = "Voters praised Lind. The harbour was calm.";
        let (document, tone) = scored(text);
        let lind = toward(&document, &tone, [span_of(text, "Lind"), span_of(text, "Lind")]);
        let praised = tone.markers.iter().position(|m| document.slice(m.span) == "praised").expect("a marker");
        assert_eq!(lind.markers, [praised as u32]);
        assert!(lind.score > 0.05 && lind.magnitude > 0.0, "{lind:?}");
        let calm = toward(&document, &tone, [span_of(text, "harbour")]);
        assert_eq!(calm.markers.len(), usize::from(tone.markers.iter().any(|m| document.slice(m.span) == "calm")));
        assert_eq!(toward(&document, &tone, []), ToneSummary::default());
    }

    #[test]
    fn the_cache_of_token_facts_changes_no_answer() {
        let text = "The senator praised the mayor but attacked the governor. Critics said the governor failed.";
        let names = ["senator", "mayor", "governor", "Critics"];
        let (document, shared) = scored(text);
        for name in names {
            let fresh = scored(text).1;
            assert_eq!(toward(&document, &shared, [span_of(text, name)]), toward(&document, &fresh, [span_of(text, name)]), "{name}");
        }
        assert!(format!("{:?}", shared.target_cache).contains("filled"));
        // A cache filled from another document is not read.
        let (other, _) = scored("Lind won the vote.");
        let misfilled = scored(text).1;
        assert_eq!(toward(&other, &misfilled, []), ToneSummary::default());
        let fresh = scored(text).1;
        assert_eq!(toward(&document, &misfilled, [span_of(text, "governor")]), toward(&document, &fresh, [span_of(text, "governor")]));
    }

    #[test]
    fn listed_words_fit_the_lower_casing_buffer() {
        // The longest listed words are recognised through the buffer, whatever their case.
        assert_eq!("according".len(), LONGEST_LISTED);
        let (document, _) = scored("BUT Although WHICH accordingly WHEREAS gotten Being");
        let listed = |test: fn(&[u8]) -> bool| -> Vec<bool> { document.tokens.iter().map(|t| lower_is_listed(&document, t, test)).collect() };
        assert_eq!(listed(is_clause_word), [true, true, true, false, true, false, false]);
        assert_eq!(listed(is_passive_auxiliary), [false, false, false, false, false, true, true]);
        let according = |w: &[u8]| w == b"according";
        assert!(!document.tokens.iter().any(|t| lower_is_listed(&document, t, according)), "`accordingly` is longer");
    }

    #[test]
    fn far_markers_and_long_sentences_stay_bounded() {
        let sentence = |fillers: usize| {
            let mut text = String::from("Lind arrived");
            for _ in 0..fillers {
                text.push_str(" and waited");
            }
            text + " in a terrible mood."
        };
        assert_eq!(relations(&sentence(30), "Lind"), [("terrible".into(), Relation::Far)]);
        assert!(relations(&sentence(200), "Lind").is_empty());
    }
}
