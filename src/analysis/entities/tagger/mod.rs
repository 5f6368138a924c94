//! A learned name tagger: an averaged perceptron over BIO tags (PER, ORG, LOC, MISC), decoded
//! left to right per sentence of the [`Document`]: greedily, or for the languages of
//! [`BEAM_LANGUAGES`] with a small beam.
//!
//! Pipeline: the document's tokens become [`features::SentenceView`]s (folded text, shape,
//! gazetteer marks); only tokens that are capitalised or touch a capitalised token are scored,
//! the rest are `O` without a look-up, so the cost follows the names, not the text. A scored
//! token's features (its word, affixes, shape, neighbours, gazetteer and lexicon membership, how
//! the document writes the word elsewhere, the previous two tags and the type the document last
//! gave the word) are hashed into rows of a fixed weight table; the best tag that BIO allows wins.
//! A sentence written in capitals (a headline, a results table) is scored with a second table
//! where the language's file has one (English, Dutch), trained on upper-cased text: there case says nothing, and
//! the cased table, which leans on it, loses names. English's also reads how the training split
//! usually writes each word and its neighbours ([`usual_case`]), the case the sentence lost.
//! German, which capitalises every noun, also reads what [`german`] knows of German words: how
//! common a word and its compound head are in the language at large, and German given names.
//! Tag runs become [`Candidate`]s for the rest of the entity pipeline, with titles split off;
//! before, rules mend what the tagger gets wrong the same way every time: a Spanish name's ends
//! ([`spanish`]: `de` chains, numbers, lower-case words), a Dutch person's name after an article
//! or a preposition of place ([`dutch`]), an organisation's bracketed code (`Mladost (BJ)`).
//!
//! The weights are embedded per language from `data/entities/tagger/<code>.bin` (trained by
//! `examples/train_ner.rs`, sources in `data/README.md`) and read in place: a 16-byte header
//! (`TANER001`, bucket bits, tag count as little-endian `u32`) and then `i16` weights, row-major,
//! one row of [`TAGS`] weights per hash bucket; `TANER002` files hold a second table of the same
//! size after the first, the one for sentences in capitals; `TANER003` files add, after both, the
//! [`usual_case`] word table that one reads. `build.rs` sets `tagger_<code>` for each file
//! present; a build without a language's file falls back to the rule-based detector.

mod features;
mod dutch;
mod german;
mod spanish;
pub mod usual_case;

use std::ops::Range;

use foldhash::HashSet;

use super::gazetteer::{name_key_of_folded, Lexicon};
use super::mentions::Candidate;
use super::typing::Evidence;
use super::EntityType;
use crate::analysis::document::{Document, TokenKind};
use crate::analysis::TextSpan;
use features::SentenceView;

/// `O`, then `B-` and `I-` of each of [`TYPE_NAMES`]: tag `1 + 2k` begins type `k`, `2 + 2k`
/// continues it.
pub const TAGS: usize = 9;
/// The types the tagger learns, in tag order (CoNLL's classes).
pub const TYPE_NAMES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// First bytes of a weight file with one table.
pub const MAGIC: &[u8; 8] = b"TANER001";
/// First bytes of a weight file with a second table, for sentences written in capitals.
pub const MAGIC_WITH_CAPITALS: &[u8; 8] = b"TANER002";
/// First bytes of a weight file with a table for capitals trained with the [`usual_case`]
/// features, and the word table they read after the two weight tables.
pub const MAGIC_WITH_USUAL_CASE: &[u8; 8] = b"TANER003";
/// Bytes before the weights.
pub const HEADER_LEN: usize = 16;

/// Scores tags for a token from its hashed features. The runtime [`Model`] only scores; the
/// trainer also learns in [`Scorer::choose`].
pub trait Scorer {
    /// Adds the weights of `feature` for every tag to `scores`.
    fn add_scores(&self, feature: u64, scores: &mut [f32; TAGS]);

    /// The summed weights of a token's features, per tag.
    fn score(&self, features: &[u64]) -> [f32; TAGS] {
        let mut scores = [0.0f32; TAGS];
        for &feature in features {
            self.add_scores(feature, &mut scores);
        }
        scores
    }

    /// The tag for document token `token`, given its features and scores and the tag before it.
    fn choose(&mut self, _token: usize, _features: &[u64], scores: &[f32; TAGS], previous: u8) -> u8 {
        best_allowed(scores, previous)
    }

    /// Called before each sentence: whether it is written in capitals. A scorer with a table of
    /// its own for such sentences switches to it; the others score every sentence alike.
    fn use_capitals(&mut self, _capitals: bool) {}

    /// The [`usual_case`] bucket of a folded word, when the table scoring the current sentence
    /// was trained with those features (`None`: no such features).
    fn usual_case(&self, _folded: &str) -> Option<u8> {
        None
    }

    /// The beam width to decode with, when the scorer overrides the language's ([`beam_width`]).
    fn beam(&self) -> Option<usize> {
        None
    }

    /// Beam decoding: the gold tag of document token `token` while learning from the current
    /// sentence (`None`: not learning).
    fn gold(&self, _token: usize) -> Option<u8> {
        None
    }

    /// Beam decoding, while learning: adds `delta` to the weight of `feature` for `tag`.
    fn learn(&mut self, _feature: u64, _tag: u8, _delta: f32) {}

    /// Beam decoding, while learning: one scored token has been decoded (the averaging clock).
    fn tick(&mut self) {}
}

/// Languages decoded with a beam over the BIO tags (width [`BEAM_WIDTH`]) instead of greedily,
/// and trained with the same decoder (perceptron with early update). A weight file and its
/// decoder belong together: changing this list means retraining the languages it adds or drops.
/// German gained 3.2 points of PER/ORG/LOC F1 from it (the mean of its five cross-validation
/// folds, greedy 8 epochs 53.7 → beam 20 epochs 56.9).
const BEAM_LANGUAGES: &[&str] = &["es", "nl", "de"];

/// Hypotheses kept per token by the beam decoder.
const BEAM_WIDTH: usize = 4;

/// How many hypotheses the decoder keeps for a language (1: greedy).
pub fn beam_width(language: &str) -> usize {
    if BEAM_LANGUAGES.contains(&language) {
        BEAM_WIDTH
    } else {
        1
    }
}

/// Whether BIO allows `tag` after `previous`: an `I-` only continues its own type.
pub fn allowed(previous: u8, tag: u8) -> bool {
    tag == 0 || tag % 2 == 1 || previous != 0 && (previous + 1) / 2 == tag / 2
}

/// The best-scoring tag that may follow `previous` (ties go to the lower tag, `O` first).
pub fn best_allowed(scores: &[f32; TAGS], previous: u8) -> u8 {
    let mut best = 0u8;
    for tag in 1..TAGS as u8 {
        if allowed(previous, tag) && scores[usize::from(tag)] > scores[usize::from(best)] {
            best = tag;
        }
    }
    best
}

/// The type index (into [`TYPE_NAMES`]) of a tag other than `O`.
pub fn type_of(tag: u8) -> usize {
    usize::from(tag.saturating_sub(1) / 2)
}

/// The decoder's answer: a tag per document token (`O` where nothing was scored) and whether the
/// token's sentence is written without case information.
pub struct Tagged {
    pub tags: Vec<u8>,
    pub caseless: Vec<bool>,
}

/// Tags every token of `document` with `scorer`, sentence by sentence.
pub fn decode(document: &Document, language: &str, scorer: &mut impl Scorer) -> Tagged {
    decode_folded(document, &document.folded, language, scorer)
}

fn decode_folded(document: &Document, folded: &str, language: &str, scorer: &mut impl Scorer) -> Tagged {
    let lexicon = &*super::gazetteer::LEXICON;
    let mut tagged = Tagged { tags: vec![0; document.tokens.len()], caseless: vec![false; document.tokens.len()] };
    let extended = features::extended(language);
    let tag_gazetteer = features::tag_gazetteer(language);
    let sentences = features::sentences(document, folded, lexicon, extended);
    let usage = features::usage(&sentences);
    let mut memory = features::Memory::default();
    let width = scorer.beam().unwrap_or_else(|| beam_width(language)).max(1);
    let mut buffer: Vec<u64> = Vec::with_capacity(64);
    let mut usual: Vec<u8> = Vec::new();
    for sentence in &sentences {
        // A stop request leaves the remaining tokens untagged (the pipeline discards them).
        if crate::analysis::stop_requested() {
            break;
        }
        let (mut previous, mut before) = (0u8, 0u8);
        let caseless = sentence_is_caseless(sentence);
        scorer.use_capitals(sentence.capitals);
        usual.clear();
        if scorer.usual_case("").is_some() {
            usual.extend(sentence.tokens.iter().map(|t| scorer.usual_case(t.folded).unwrap_or(usual_case::UNSEEN)));
        }
        if width > 1 {
            let context = Context { lexicon, language, tag_gazetteer, usage: &usage, usual: &usual };
            let best = decode_beam(&context, sentence, &memory, scorer, width);
            for (i, token) in sentence.tokens.iter().enumerate() {
                let tag = best[i];
                memory.remember(token, if tag == 0 { 0 } else { type_of(tag) as u8 + 1 });
                tagged.tags[sentence.token_indexes[i]] = tag;
                tagged.caseless[sentence.token_indexes[i]] = caseless;
            }
            continue;
        }
        for (i, token) in sentence.tokens.iter().enumerate() {
            let index = sentence.token_indexes[i];
            let tag = if features::worth_scoring(sentence, i) {
                buffer.clear();
                features::token_features(lexicon, language, sentence, &usage, &usual, i, &mut buffer);
                let bucket = usual.get(i).copied();
                features::history_features(token, tag_gazetteer, bucket, previous, before, memory.recall(token), &mut buffer);
                let scores = scorer.score(&buffer);
                scorer.choose(index, &buffer, &scores, previous)
            } else {
                0
            };
            memory.remember(token, if tag == 0 { 0 } else { type_of(tag) as u8 + 1 });
            tagged.tags[index] = tag;
            tagged.caseless[index] = caseless;
            before = previous;
            previous = tag;
        }
    }
    tagged
}

/// What the features of a sentence's tokens read besides the sentence.
struct Context<'a, 'd> {
    lexicon: &'a Lexicon,
    language: &'a str,
    /// History features with the gazetteer mark ([`features::tag_gazetteer`]).
    tag_gazetteer: bool,
    usage: &'a features::Usage<'d>,
    usual: &'a [u8],
}

/// The type the document last gave the word of token `i` (as [`features::Memory::recall`]),
/// reading the hypothesis's own `tags` for the sentence's earlier tokens first.
fn recall_in(memory: &features::Memory<'_>, sentence: &SentenceView<'_>, tags: &[u8], i: usize) -> u8 {
    let token = &sentence.tokens[i];
    if !token.has_upper {
        return 0;
    }
    let same = |j: &usize| {
        let other = &sentence.tokens[*j];
        other.has_upper && other.folded == token.folded && other.folded.chars().count() > 1
    };
    match (0..i).rev().find(same) {
        Some(j) if tags[j] == 0 => 0,
        Some(j) => type_of(tags[j]) as u8 + 1,
        None => memory.recall(token),
    }
}

/// The history features of token `i` on the path `tags` (its tags for tokens `..i`).
fn path_history(context: &Context<'_, '_>, sentence: &SentenceView<'_>, memory: &features::Memory<'_>, tags: &[u8], i: usize, out: &mut Vec<u64>) {
    let previous = if i > 0 { tags[i - 1] } else { 0 };
    let before = if i > 1 { tags[i - 2] } else { 0 };
    let remembered = recall_in(memory, sentence, tags, i);
    let bucket = context.usual.get(i).copied();
    features::history_features(&sentence.tokens[i], context.tag_gazetteer, bucket, previous, before, remembered, out);
}

/// A partial tagging of a sentence and its score.
struct Hypothesis {
    tags: Vec<u8>,
    score: f32,
}

/// Decodes one sentence keeping the `width` best partial taggings per token (the history
/// features computed per hypothesis). A scorer that is learning ([`Scorer::gold`]) is updated
/// the first time the gold tagging falls out of the beam (early update: the gold prefix gains,
/// the best hypothesis's prefix loses), or at the end when the best hypothesis is not gold.
fn decode_beam(context: &Context<'_, '_>, sentence: &SentenceView<'_>, memory: &features::Memory<'_>, scorer: &mut impl Scorer, width: usize) -> Vec<u8> {
    let n = sentence.tokens.len();
    // The token features of each scored token (they do not depend on the tags), and their scores.
    let mut token_features: Vec<u64> = Vec::with_capacity(32 * n);
    let mut ranges: Vec<Option<Range<usize>>> = Vec::with_capacity(n);
    let mut token_scores: Vec<[f32; TAGS]> = Vec::with_capacity(n);
    for i in 0..n {
        if features::worth_scoring(sentence, i) {
            let start = token_features.len();
            features::token_features(context.lexicon, context.language, sentence, context.usage, context.usual, i, &mut token_features);
            token_scores.push(scorer.score(&token_features[start..]));
            ranges.push(Some(start..token_features.len()));
        } else {
            token_scores.push([0.0; TAGS]);
            ranges.push(None);
        }
    }
    // Unscored tokens are `O` on every path, the gold one too.
    let gold: Option<Vec<u8>> = (0..n).map(|i| if ranges[i].is_some() { scorer.gold(sentence.token_indexes[i]) } else { Some(0) }).collect();
    let mut learning = gold.is_some();
    // The beam is `beam[..live]`; later entries, and `spare`, are vectors kept for reuse.
    let mut beam = vec![Hypothesis { tags: Vec::with_capacity(n), score: 0.0 }];
    let mut spare: Vec<Hypothesis> = Vec::with_capacity(width);
    let mut live = 1;
    let mut candidates: Vec<(f32, usize, u8)> = Vec::with_capacity(width * TAGS);
    let mut history: Vec<u64> = Vec::with_capacity(8);
    for i in 0..n {
        if ranges[i].is_none() {
            for hypothesis in &mut beam[..live] {
                hypothesis.tags.push(0);
            }
            continue;
        }
        candidates.clear();
        for (h, hypothesis) in beam[..live].iter().enumerate() {
            history.clear();
            path_history(context, sentence, memory, &hypothesis.tags, i, &mut history);
            let mut scores = token_scores[i];
            for &feature in &history {
                scorer.add_scores(feature, &mut scores);
            }
            let previous = hypothesis.tags.last().copied().unwrap_or(0);
            for tag in 0..TAGS as u8 {
                if allowed(previous, tag) {
                    candidates.push((hypothesis.score + scores[usize::from(tag)], h, tag));
                }
            }
        }
        // Best first; ties keep the earlier hypothesis and the lower tag (width 1 is greedy).
        let order = |a: &(f32, usize, u8), b: &(f32, usize, u8)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2));
        if candidates.len() > width {
            candidates.select_nth_unstable_by(width - 1, order);
            candidates.truncate(width);
        }
        candidates.sort_unstable_by(order);
        // The next beam reuses the vectors of the hypotheses that fell out.
        while spare.len() < candidates.len() {
            spare.push(Hypothesis { tags: Vec::with_capacity(n), score: 0.0 });
        }
        for (next, &(score, h, tag)) in spare.iter_mut().zip(&candidates) {
            next.tags.clear();
            next.tags.extend_from_slice(&beam[h].tags);
            next.tags.push(tag);
            next.score = score;
        }
        std::mem::swap(&mut beam, &mut spare);
        live = candidates.len();
        if let (true, Some(gold)) = (learning, gold.as_deref()) {
            scorer.tick();
            if !beam[..live].iter().any(|h| h.tags == gold[..=i]) {
                let predicted = beam[0].tags.clone();
                update(context, sentence, memory, scorer, &token_features, &ranges, &gold[..=i], &predicted);
                learning = false;
            }
        }
    }
    let best = beam.swap_remove(0).tags;
    if let (true, Some(gold)) = (learning, gold.as_deref()) {
        if best != gold {
            update(context, sentence, memory, scorer, &token_features, &ranges, gold, &best);
        }
    }
    best
}

/// The perceptron step of [`decode_beam`]: every feature on the `gold` path gains one for its
/// tag, every feature on the `predicted` path loses one.
#[allow(clippy::too_many_arguments)]
fn update(
    context: &Context<'_, '_>,
    sentence: &SentenceView<'_>,
    memory: &features::Memory<'_>,
    scorer: &mut impl Scorer,
    token_features: &[u64],
    ranges: &[Option<Range<usize>>],
    gold: &[u8],
    predicted: &[u8],
) {
    let mut history: Vec<u64> = Vec::with_capacity(8);
    for (i, range) in ranges.iter().enumerate().take(gold.len()) {
        let Some(range) = range else { continue };
        for (tags, delta) in [(gold, 1.0f32), (predicted, -1.0)] {
            history.clear();
            path_history(context, sentence, memory, tags, i, &mut history);
            for &feature in token_features[range.clone()].iter().chain(&history) {
                scorer.learn(feature, tags[i], delta);
            }
        }
    }
}

/// Calls `seen(folded word, capitalised)` for every word `document` writes capitalised or in
/// lower case after a sentence's first word, outside sentences in capitals: the counts a
/// [`usual_case`] table is built from.
pub fn case_sightings<'d>(document: &'d Document, language: &str, seen: impl FnMut(&'d str, bool)) {
    let lexicon = &*super::gazetteer::LEXICON;
    let sentences = features::sentences(document, &document.folded, lexicon, features::extended(language));
    features::case_sightings(&sentences, seen);
}

fn sentence_is_caseless(sentence: &SentenceView<'_>) -> bool {
    let mut words = sentence.tokens.iter().filter(|t| t.folded.chars().any(char::is_alphabetic)).peekable();
    words.peek().is_some() && words.clone().nth(1).is_some() && words.all(|t| t.has_upper)
}

/// Runs of tags as (document token range, type index), in order.
pub fn spans(tags: &[u8]) -> Vec<(Range<usize>, usize)> {
    let mut out: Vec<(Range<usize>, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = tag != 0 && tag % 2 == 0 && open.is_some_and(|(_, t)| t == type_of(tag));
        if continues {
            continue;
        }
        if let Some((start, t)) = open.take() {
            out.push((start..i, t));
        }
        if tag != 0 {
            open = Some((i, type_of(tag)));
        }
    }
    if let Some((start, t)) = open {
        out.push((start..tags.len(), t));
    }
    out
}

/// Why weight bytes cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("the weight file does not start with {MAGIC:?}")]
    Magic,
    #[error("the weight file is {found} bytes, its header promises {expected}")]
    Length { found: usize, expected: usize },
    #[error("the weight file has {0} tags per row, the tagger {TAGS}")]
    Tags(u32),
    #[error("the weight file's usual-case table is malformed")]
    UsualCase,
}

/// Embedded weights, read in place.
#[derive(Clone, Copy)]
pub struct Model {
    /// The table for text with case information, a row per bucket.
    cased: &'static [[u8; ROW_BYTES]],
    /// The table for sentences in capitals, when the file has one.
    capitals: Option<&'static [[u8; ROW_BYTES]]>,
    /// The table scoring the current sentence.
    weights: &'static [[u8; ROW_BYTES]],
    mask: u64,
    /// How the language usually writes words, read by the capitals table when it was trained so.
    usual_case: Option<usual_case::CaseTable>,
    /// Whether the current sentence is scored with the capitals table.
    in_capitals: bool,
}

/// The little-endian `u32` at `at`, 0 past the end (the callers check lengths first).
fn read_u32(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0u8; 4];
    if let Some(b) = bytes.get(at..at + 4) {
        word.copy_from_slice(b);
    }
    u32::from_le_bytes(word)
}

impl Model {
    /// Checks the header and length; reads nothing else.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Model, ModelError> {
        let (tables, with_usual_case) = match bytes.get(..MAGIC.len()) {
            Some(m) if m == MAGIC => (1, false),
            Some(m) if m == MAGIC_WITH_CAPITALS => (2, false),
            Some(m) if m == MAGIC_WITH_USUAL_CASE => (2, true),
            _ => return Err(ModelError::Magic),
        };
        let bits = read_u32(bytes, 8).min(30);
        let tags = read_u32(bytes, 12);
        if tags as usize != TAGS {
            return Err(ModelError::Tags(tags));
        }
        let table = (1usize << bits) * TAGS * 2;
        let expected = HEADER_LEN + tables * table;
        if bytes.len() != expected && !(with_usual_case && bytes.len() > expected) {
            return Err(ModelError::Length { found: bytes.len(), expected });
        }
        // A table is a whole number of rows: `table` is rows × `ROW_BYTES`.
        let cased = bytes[HEADER_LEN..HEADER_LEN + table].as_chunks().0;
        let capitals = (tables == 2).then(|| bytes[HEADER_LEN + table..expected].as_chunks().0);
        let usual_case = match with_usual_case {
            true => Some(usual_case::CaseTable::from_bytes(&bytes[expected..]).ok_or(ModelError::UsualCase)?),
            false => None,
        };
        Ok(Model { cased, capitals, weights: cased, mask: (1u64 << bits) - 1, usual_case, in_capitals: false })
    }

    /// Whether the model has a table of its own for sentences in capitals.
    pub fn has_capitals_table(&self) -> bool {
        self.capitals.is_some()
    }

    /// The embedded model of a language (ISO 639-1 code), when this build has one.
    pub fn for_language(code: &str) -> Option<Model> {
        Model::from_bytes(embedded(code)?).ok()
    }
}

/// The weight files this build embeds (see `build.rs`).
fn embedded(code: &str) -> Option<&'static [u8]> {
    match code {
        #[cfg(tagger_en)]
        "en" => Some(include_bytes!("../../../../data/entities/tagger/en.bin")),
        #[cfg(tagger_de)]
        "de" => Some(include_bytes!("../../../../data/entities/tagger/de.bin")),
        #[cfg(tagger_es)]
        "es" => Some(include_bytes!("../../../../data/entities/tagger/es.bin")),
        #[cfg(tagger_nl)]
        "nl" => Some(include_bytes!("../../../../data/entities/tagger/nl.bin")),
        _ => None,
    }
}

/// Bytes of one weight row.
const ROW_BYTES: usize = TAGS * 2;

impl Model {
    /// The weight row of `feature`. The mask keeps the row inside the table whose length
    /// `from_bytes` checked.
    fn row(&self, feature: u64) -> Option<&'static [u8; ROW_BYTES]> {
        self.weights.get((feature & self.mask) as usize)
    }
}

impl Scorer for Model {
    fn use_capitals(&mut self, capitals: bool) {
        self.in_capitals = capitals && self.capitals.is_some();
        self.weights = match self.capitals {
            Some(table) if capitals => table,
            _ => self.cased,
        };
    }

    fn usual_case(&self, folded: &str) -> Option<u8> {
        let table = self.usual_case.as_ref().filter(|_| self.in_capitals)?;
        Some(table.get(folded))
    }

    fn add_scores(&self, feature: u64, scores: &mut [f32; TAGS]) {
        let Some(row) = self.row(feature) else { return };
        for (t, score) in scores.iter_mut().enumerate() {
            *score += f32::from(i16::from_le_bytes([row[2 * t], row[2 * t + 1]]));
        }
    }

    /// Sums in integers, which the compiler vectorises; the answer is the floating-point sum's
    /// to the bit: a token has fewer than a hundred features of at most 2^15 each, so every
    /// partial sum is an integer below 2^24, which `f32` holds exactly.
    fn score(&self, features: &[u64]) -> [f32; TAGS] {
        let mut sums = [0i32; TAGS];
        for &feature in features {
            let Some(row) = self.row(feature) else { continue };
            for (t, sum) in sums.iter_mut().enumerate() {
                *sum += i32::from(i16::from_le_bytes([row[2 * t], row[2 * t + 1]]));
            }
        }
        // Exact: see above.
        sums.map(|s| s as f32)
    }
}

/// Evidence the tagger's type gives one mention; a title adds the rules' person evidence.
const TAGGER_WEIGHT: f32 = 5.0;
const TITLE_WEIGHT: f32 = 3.0;

/// The tagger's names as candidates for merging, linking and salience.
pub(crate) fn candidates(document: &Document, lexicon: &Lexicon, language: &str, model: &mut Model) -> Vec<Candidate> {
    let folded = document.folded.as_str();
    let mut tagged = decode_folded(document, folded, language, model);
    if crate::analysis::stop_requested() {
        return Vec::new();
    }
    let titles = title_marks(document, &folded, lexicon, language);
    repair(document, &folded, lexicon, language, &titles, &mut tagged.tags);
    if spanish::applies(language) {
        spanish::mend(document, folded, &mut tagged.tags);
    }
    if dutch::applies(language) {
        dutch::retype_persons(document, folded, &mut tagged.tags);
    }
    let anchors = &document.anchor_spans;
    let mut out = Vec::new();
    for (range, type_index) in spans(&tagged.tags) {
        if crate::analysis::stop_requested() {
            return Vec::new();
        }
        let pieces = split_at_titles(document, &folded, lexicon, &titles, range);
        for piece in pieces.into_iter().flat_map(|piece| bounded(document, &folded, &anchors, piece)) {
            let Some(mut range) = trim(document, &folded, lexicon, language, piece) else { continue };
            if type_index == ORGANIZATION {
                range.end += bracketed_code_after(document, &tagged.tags, range.end);
            }
            if is_sentence_initial_function_word(document, &folded, lexicon, language, &range) {
                continue;
            }
            let span = TextSpan::new(document.tokens[range.start].span.start, document.tokens[range.end - 1].span.end);
            let text = &document.text[span.range()];
            if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                continue;
            }
            let title = title_before(document, &titles, range.start);
            let key = name_key_of_folded(&folded[span.range()]);
            let words: Vec<String> = key.split(' ').map(str::to_string).collect();
            let caseless = tagged.caseless[range.start];
            out.push(Candidate {
                span,
                evidence: evidence(lexicon, type_index, &key, &words, !title.is_empty()),
                display: if caseless { lexicon.known(&key).map(|p| p.display.clone()) } else { None },
                words,
                title,
                caseless,
            });
        }
    }
    out
}

/// Type index of organisations in [`TYPE_NAMES`].
const ORGANIZATION: usize = 1;

/// How many tokens from `at` form a bracketed code of one or two capitals right after a name
/// (`Mladost (BJ)`, `Rad (B)`: league tables tell namesake clubs apart so, and the code belongs
/// to the club's name); 0 when none, or when the tagger tagged the code itself.
fn bracketed_code_after(document: &Document, tags: &[u8], at: usize) -> usize {
    let tokens = &document.tokens;
    let (Some(open), Some(code), Some(close)) = (tokens.get(at), tokens.get(at + 1), tokens.get(at + 2)) else { return 0 };
    let letters = document.token_text(code);
    let is_code = code.kind == TokenKind::Word
        && (1..=2).contains(&letters.len())
        && letters.bytes().all(|b| b.is_ascii_uppercase())
        && tags[at + 1] == 0;
    let glued = open.span.end == code.span.start && code.span.end == close.span.start;
    let spaced = at > 0 && &document.text[tokens[at - 1].span.end..open.span.start] == " ";
    if is_code && glued && spaced && document.token_text(open) == "(" && document.token_text(close) == ")" {
        3
    } else {
        0
    }
}

/// Month names that are also given names: news corpora rarely show them as names, so the tagger
/// leaves them out of a person's name (`Jan Novak` → `Novak`).
const MONTH_GIVEN_NAMES: &[&str] = &["jan", "june", "april", "august"];

/// Abbreviations whose full stop belongs to the name (`Acme Corp.`, `Smith Jr.`).
const DOTTED_ABBREVIATIONS: &[&str] = &["corp", "inc", "co", "ltd", "jr", "sr", "bros", "st"];

/// Function words that often open the name of a body or a place (`New`, `North`, `National`).
const NAME_OPENERS: &[&str] = &[
    "new", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "national",
    "international", "federal", "united", "first", "global", "world", "state",
];

/// Fixes, on the tags, what news corpora taught the tagger wrongly or never showed it:
/// - a month that is also a given name, left untagged, before a capitalised word starts a
///   person's name (`Jan Novak`, `June Whitfield`; a tagged `Jan` is the tagger's, as in a
///   company named after its founder);
/// - the capitalised first word of a sentence right before an organisation or a place belongs
///   to it (`New Harbor Savings Bank`), unless it is a function word, a day, a title or a word
///   the document also writes in lower case (`Volgens Reuters`);
/// - the full stop glued to an abbreviation ending a name belongs to it (`U.S.`, `Acme Corp.`);
/// - a capitalised word right after a title the tagger left untagged is a person (`Mr Trump`).
fn repair(document: &Document, folded: &str, lexicon: &Lexicon, language: &str, titles: &[bool], tags: &mut [u8]) {
    let tokens = &document.tokens;
    let word = |t: usize| &folded[tokens[t].span.range()];
    let spaced = |a: usize, b: usize| &document.text[tokens[a].span.end..tokens[b].span.start] == " ";
    let plain_capitalised = |t: usize| {
        tokens[t].kind == TokenKind::Word
            && tokens[t].is_capitalized(&document.text)
            && !lexicon.is_function_word(language, word(t))
            && !lexicon.never_alone.contains(word(t))
            && !lexicon.title_starts.contains(word(t))
    };
    for t in 0..tokens.len().saturating_sub(1) {
        let next = t + 1;
        let untagged = tags[t] == 0;
        if untagged && MONTH_GIVEN_NAMES.contains(&word(t)) && tokens[t].is_capitalized(&document.text) && spaced(t, next) && plain_capitalised(next) {
            tags[t] = 1;
            let mut k = next;
            tags[k] = 2;
            while k + 1 < tokens.len() && tags[k + 1] != 0 && tags[k + 1] % 2 == 0 {
                k += 1;
                tags[k] = 2;
            }
        }
    }
    // Words the document also writes in lower case are common words (`Volgens`, `Según`), built
    // only when a sentence-initial word is a candidate.
    let mut lower_case: Option<HashSet<&str>> = None;
    for t in 1..tokens.len() {
        let begins_body = matches!(tags[t], 3 | 5);
        let opens = |k: usize| tokens[k].is_capitalized(&document.text) && NAME_OPENERS.contains(&word(k));
        let mut common = |k: usize| {
            let set = lower_case.get_or_insert_with(|| lower_case_words(document, folded));
            set.contains(word(k))
        };
        let mut opener = |k: usize| if begins_body { plain_capitalised(k) && !common(k) || opens(k) } else { opens(k) };
        if matches!(tags[t], 1 | 3 | 5) && tags[t - 1] == 0 && spaced(t - 1, t) && document.is_sentence_initial(t - 1) && opener(t - 1) {
            tags[t - 1] = tags[t];
            tags[t] += 1;
        }
    }
    for t in 1..tokens.len() {
        let after_title = titles[t - 1] && !titles[t] && tags[t] == 0 && spaced(t - 1, t) && plain_capitalised(t);
        if after_title && tags.get(t + 1).is_none_or(|&n| n == 0 || n % 2 == 1) {
            tags[t] = 1;
        }
    }
    // A surname the document gives a person elsewhere is the person here too (`Guterres presses
    // Lula` in a headline, where case and position say nothing).
    let mut surnames: HashSet<&str> = HashSet::default();
    for (range, type_index) in spans(tags) {
        let last = range.end - 1;
        if type_index == 0 && range.len() > 1 && tokens[last].kind == TokenKind::Word {
            surnames.insert(word(last));
        }
    }
    for t in 0..tokens.len() {
        let isolated = (t == 0 || tags[t - 1] == 0) && tags.get(t + 1).is_none_or(|&n| n == 0 || n % 2 == 1);
        if tags[t] == 0 && isolated && plain_capitalised(t) && surnames.contains(word(t)) {
            tags[t] = 1;
        }
    }
    for t in 1..tokens.len() {
        let ends_name = tags[t] == 0 && tags[t - 1] != 0 && is_glued_dot(document, t);
        if ends_name {
            let last = &document.text[tokens[t - 1].span.range()];
            let dotted = last.contains('.') || last.chars().count() == 1 || DOTTED_ABBREVIATIONS.contains(&word(t - 1));
            if dotted {
                tags[t] = 2 * (type_of(tags[t - 1]) as u8 + 1);
            }
        }
    }
}

/// The folded words the document writes starting with a lower-case letter.
fn lower_case_words<'f>(document: &Document, folded: &'f str) -> HashSet<&'f str> {
    document
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && document.text[t.span.range()].chars().next().is_some_and(char::is_lowercase))
        .map(|t| &folded[t.span.range()])
        .collect()
}

/// Longest name, in words; a longer tagged run (a list of capitalised words) is cut.
const MAX_NAME_WORDS: usize = 8;

/// Cuts a run after every [`MAX_NAME_WORDS`] words; where a word repeats the one before it
/// (`Kyiv Kyiv`: a list, not a name); at punctuation other than a glued full stop, hyphen,
/// apostrophe or ampersand (`Inês Carvalho · March`); and where it leaves an anchor (a row of
/// links, `Email Print Comments`, is no name).
fn bounded(document: &Document, folded: &str, anchors: &[TextSpan], range: Range<usize>) -> Vec<Range<usize>> {
    let tokens = &document.tokens;
    let anchor_at = |t: usize| {
        let position = tokens[t].span.start;
        let index = anchors.partition_point(|s| s.start <= position).checked_sub(1)?;
        (position < anchors[index].end).then_some(index)
    };
    let mut pieces = Vec::new();
    let (mut start, mut words) = (range.start, 0);
    let mut previous: Option<&str> = None;
    for t in range.clone() {
        let token = &tokens[t];
        if token.kind == TokenKind::Word {
            let word = &folded[token.span.range()];
            let repeated = previous == Some(word);
            previous = Some(word);
            let leaves_anchor = t > start && (anchor_at(t - 1).is_some() || anchor_at(t).is_some()) && anchor_at(t - 1) != anchor_at(t);
            if t > start && (words == MAX_NAME_WORDS || repeated || leaves_anchor) {
                pieces.push(start..t);
                start = t;
                words = 0;
            }
            words += 1;
        } else if !matches!(token.kind, TokenKind::Number | TokenKind::Clitic)
            && !is_glued_dot(document, t)
            && !matches!(document.token_text(token), "-" | "'" | "’" | "&")
        {
            if start < t {
                pieces.push(start..t);
            }
            start = t + 1;
            words = 0;
            previous = None;
        }
    }
    if start < range.end {
        pieces.push(start..range.end);
    }
    pieces
}

/// Languages whose news writes articles into names (`De Morgen`, `Het Parool`): there a function
/// word the tagger put at a name's start stays (cutting it cost Dutch 5.4 points of F1 on the
/// held-out half of its development split; Spanish and English lose nothing by the cut).
const ARTICLES_IN_NAMES: &[&str] = &["nl"];

/// Drops punctuation at either end of a tagged run, keeping a full stop glued to an
/// abbreviation (`U.S.`, `Corp.`); drops days and months at either end (`Orion Freight
/// Monday`, `On Thursday`) and, outside [`ARTICLES_IN_NAMES`], a function word opening the
/// sentence (`The Ukrainian`).
fn trim(document: &Document, folded: &str, lexicon: &Lexicon, language: &str, mut range: Range<usize>) -> Option<Range<usize>> {
    let tokens = &document.tokens;
    let word = |t: usize| &folded[tokens[t].span.range()];
    let is_name_part = |t: usize| matches!(tokens[t].kind, TokenKind::Word | TokenKind::Number);
    let calendar = |t: usize| lexicon.never_alone.contains(word(t)) && !MONTH_GIVEN_NAMES.contains(&word(t));
    let cuts_articles = !ARTICLES_IN_NAMES.contains(&language);
    let opening_function_word = |t: usize| {
        cuts_articles && document.is_sentence_initial(t) && lexicon.is_function_word(language, word(t)) && !NAME_OPENERS.contains(&word(t))
    };
    while range.start < range.end && (!is_name_part(range.start) || calendar(range.start) || opening_function_word(range.start)) {
        range.start += 1;
    }
    // `Santillana del Mar`: after `de` a month's abbreviation names a place, not a date.
    let after_de = |t: usize| t > range.start && spanish::opens_chain(word(t - 1));
    while range.end > range.start && calendar(range.end - 1) && !after_de(range.end - 1) {
        range.end -= 1;
    }
    while range.end > range.start {
        let last = range.end - 1;
        let kept_dot = last > range.start
            && is_glued_dot(document, last)
            && tokens[last - 1].kind == TokenKind::Word
            && !(beam_width(language) > 1 && ends_sentence(document, last) && !is_abbreviation(word(last - 1)));
        if is_name_part(last) || kept_dot {
            break;
        }
        range.end -= 1;
    }
    (!range.is_empty()).then_some(range)
}

/// Whether token `t` is the last of its sentence.
fn ends_sentence(document: &Document, t: usize) -> bool {
    document.sentence_of(t).is_some_and(|s| document.sentences[s].tokens.end == t + 1)
}

/// A folded word a full stop abbreviates (`Corp`, `Jr`, the `S` of `U.S.`): in the languages
/// decoded with a beam (which, unlike the greedy decoder, tags a sentence's full stop into a name
/// now and then), the full stop ending a sentence stays in a name only after one (`la Comisión.`
/// → `Comisión`, `Acme Corp.` stays). English and German keep every glued full stop, as before.
fn is_abbreviation(folded: &str) -> bool {
    DOTTED_ABBREVIATIONS.contains(&folded) || folded.chars().count() == 1
}

/// A full stop glued to the word before it (`Mr.`, `U.S.`).
fn is_glued_dot(document: &Document, t: usize) -> bool {
    t > 0 && document.token_text(&document.tokens[t]) == "." && document.tokens[t - 1].span.end == document.tokens[t].span.start
}

/// Per document token, whether it is part of a title phrase of the lexicon (`Mr.`, `Vice
/// President`, `Defence Secretary`): titles are never inside a name.
fn title_marks(document: &Document, folded: &str, lexicon: &Lexicon, language: &str) -> Vec<bool> {
    let tokens = &document.tokens;
    let mut marks = vec![false; tokens.len()];
    // Reused from one title start to the next: the words, and their folded forms joined by
    // spaces with where each prefix of them ends.
    let (mut words, mut key, mut key_ends) = (Vec::new(), String::new(), Vec::new());
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind != TokenKind::Word || !lexicon.title_starts.contains(&folded[tokens[i].span.range()]) {
            i += 1;
            continue;
        }
        // The words from `i` on, separated by single spaces (or a glued full stop and a space).
        words.clear();
        words.push(i);
        let mut at = i;
        while words.len() < lexicon.max_title_words {
            let mut next = at + 1;
            if next < tokens.len() && is_glued_dot(document, next) {
                next += 1;
            }
            let Some(token) = tokens.get(next) else { break };
            if token.kind != TokenKind::Word || &document.text[tokens[next - 1].span.end..token.span.start] != " " {
                break;
            }
            words.push(next);
            at = next;
        }
        key.clear();
        key_ends.clear();
        for (n, &t) in words.iter().enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(&folded[tokens[t].span.range()]);
            key_ends.push(key.len());
        }
        match (1..=words.len()).rev().find(|&n| lexicon.is_title(language, &key[..key_ends[n - 1]])) {
            Some(n) => {
                let mut last = words[n - 1];
                if last + 1 < tokens.len() && is_glued_dot(document, last + 1) {
                    last += 1;
                }
                marks[i..=last].fill(true);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    marks
}

/// Cuts a tagged run at the titles inside it (`Nato Secretary` + `General Mark Rutte`), unless
/// what follows the title names a body (`General Motors`, `President Hotel Group`).
fn split_at_titles(document: &Document, folded: &str, lexicon: &Lexicon, titles: &[bool], range: Range<usize>) -> Vec<Range<usize>> {
    if !titles[range.clone()].iter().any(|t| *t) {
        return vec![range];
    }
    let span = document.tokens[range.start].span.start..document.tokens[range.end - 1].span.end;
    let names_a_body = lexicon.known(&name_key_of_folded(&folded[span])).is_some_and(|p| p.known.organization)
        || range.clone().any(|t| !titles[t] && lexicon.org_words.contains_key(&folded[document.tokens[t].span.range()]));
    if names_a_body {
        return vec![range];
    }
    let mut pieces = Vec::new();
    let mut start = range.start;
    for t in range.clone() {
        if titles[t] {
            if start < t {
                pieces.push(start..t);
            }
            start = t + 1;
        }
    }
    if start < range.end {
        pieces.push(start..range.end);
    }
    pieces
}

/// Longest title looked back for, in tokens (words and glued full stops).
const MAX_TITLE_TOKENS: usize = 8;

/// The title phrase right before a name (`Mr`, `Defence Secretary`), as written, or empty.
fn title_before(document: &Document, titles: &[bool], start: usize) -> String {
    let tokens = &document.tokens;
    let mut first = start;
    // Titles are a few words long; a longer run of title words is cut at the nearest ones.
    while first > 0 && titles[first - 1] && start - first < 2 * MAX_TITLE_TOKENS {
        let gap = &document.text[tokens[first - 1].span.end..tokens[first].span.start];
        if !(gap.is_empty() || gap == " ") {
            break;
        }
        first -= 1;
    }
    if first == start {
        return String::new();
    }
    let mut last = start - 1;
    if is_glued_dot(document, last) {
        last -= 1;
    }
    document.text[tokens[first].span.start..tokens[last].span.end].to_string()
}

/// A lone function word at a sentence start (`Meanwhile`, `However`) is no name, whatever the
/// tagger says.
fn is_sentence_initial_function_word(document: &Document, folded: &str, lexicon: &Lexicon, language: &str, range: &Range<usize>) -> bool {
    if range.len() != 1 || !document.is_sentence_initial(range.start) {
        return false;
    }
    let token = &document.tokens[range.start];
    lexicon.is_function_word(language, &folded[token.span.range()]) && !token.is_all_caps(&document.text)
}

/// The tagger's type as evidence; MISC becomes a nationality or an event when the lexicons say
/// so and stays untyped (`Other`) otherwise.
fn evidence(lexicon: &Lexicon, type_index: usize, key: &str, words: &[String], titled: bool) -> Evidence {
    let mut evidence = Evidence::default();
    // A lone word the lexicon knows as a demonym is a nationality, whatever the tagger thought.
    let demonym = words.len() == 1 && !titled && lexicon.known(key).is_some_and(|p| p.known.demonym);
    let entity_type = match type_index {
        _ if demonym => Some(EntityType::Nationality),
        // Names of people and places do not end in `Authority`, `Fund` or `Ministry`.
        0 | 2 if words.len() > 1 && words.last().is_some_and(|w| lexicon.org_words.contains_key(w.as_str())) => {
            Some(EntityType::Organization)
        }
        0 => Some(EntityType::Person),
        1 => Some(EntityType::Organization),
        2 => Some(EntityType::Location),
        _ if lexicon.known(key).is_some_and(|p| p.known.demonym) => Some(EntityType::Nationality),
        _ if lexicon.known(key).is_some_and(|p| p.known.strong_place()) => Some(EntityType::Location),
        _ if words.last().is_some_and(|w| lexicon.event_heads.contains(w.as_str())) || lexicon.event_heads.contains(key) => {
            Some(EntityType::Event)
        }
        _ => None,
    };
    if let Some(entity_type) = entity_type {
        evidence.add(entity_type, TAGGER_WEIGHT);
    }
    if titled {
        evidence.add(EntityType::Person, TITLE_WEIGHT);
    }
    evidence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_allows_inside_tags_only_after_their_own_type() {
        assert!(allowed(0, 1));
        assert!(!allowed(0, 2));
        assert!(allowed(1, 2));
        assert!(allowed(2, 2));
        assert!(!allowed(3, 2));
        assert!(allowed(3, 4));
    }

    #[test]
    fn runs_of_tags_become_spans() {
        // O B-PER I-PER B-PER B-LOC I-LOC O I-ORG (an orphan I- opens a span too)
        let tags = [0, 1, 2, 1, 5, 6, 0, 4];
        assert_eq!(spans(&tags), vec![(1..3, 0), (3..4, 0), (4..6, 2), (7..8, 1)]);
    }

    #[test]
    fn integer_sums_score_exactly_as_feature_by_feature_sums() {
        for code in ["en", "de", "es", "nl"] {
            let Some(model) = Model::for_language(code) else { continue };
            // Pseudo-random features (a fixed sequence), 60 a token: more than a token has.
            let mut x = 0x9e37_79b9_7f4a_7c15u64;
            for _ in 0..200 {
                let features: Vec<u64> = (0..60)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        x
                    })
                    .collect();
                let mut one_by_one = [0.0f32; TAGS];
                for &f in &features {
                    model.add_scores(f, &mut one_by_one);
                }
                assert_eq!(model.score(&features), one_by_one, "{code}");
            }
        }
    }

    /// A weight file of two buckets with the given magic and tables of constant weights.
    fn constant_tables(magic: &[u8; 8], weights: &[i16]) -> &'static [u8] {
        let mut bytes = magic.to_vec();
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(&(TAGS as u32).to_le_bytes());
        for &w in weights {
            for _ in 0..2 * TAGS {
                bytes.extend_from_slice(&w.to_le_bytes());
            }
        }
        Box::leak(bytes.into_boxed_slice())
    }

    #[test]
    fn sentences_in_capitals_are_scored_with_their_own_table() {
        let mut model = Model::from_bytes(constant_tables(MAGIC_WITH_CAPITALS, &[3, -7])).expect("two tables");
        assert!(model.has_capitals_table());
        assert_eq!(model.score(&[1, 2]), [6.0; TAGS]);
        model.use_capitals(true);
        assert_eq!(model.score(&[1, 2]), [-14.0; TAGS]);
        model.use_capitals(false);
        assert_eq!(model.score(&[1]), [3.0; TAGS]);
        // One table: every sentence is scored with it.
        let mut single = Model::from_bytes(constant_tables(MAGIC, &[5])).expect("one table");
        assert!(!single.has_capitals_table());
        single.use_capitals(true);
        assert_eq!(single.score(&[9]), [5.0; TAGS]);
        // A second-table magic with one table's bytes is refused.
        assert!(matches!(Model::from_bytes(constant_tables(MAGIC_WITH_CAPITALS, &[5])), Err(ModelError::Length { .. })));
    }

    #[test]
    fn the_usual_case_table_is_read_only_with_the_table_for_capitals() {
        let table = usual_case::encode([("apple", 30, 2), ("said", 0, 90)]);
        let mut bytes = constant_tables(MAGIC_WITH_USUAL_CASE, &[3, -7]).to_vec();
        bytes.extend_from_slice(&table);
        let mut model = Model::from_bytes(Box::leak(bytes.clone().into_boxed_slice())).expect("two tables and a word table");
        assert!(model.has_capitals_table());
        assert_eq!(model.usual_case("apple"), None);
        model.use_capitals(true);
        assert_eq!(model.score(&[1]), [-7.0; TAGS]);
        assert_eq!(model.usual_case("apple"), Some(usual_case::bucket(30, 2)));
        assert_eq!(model.usual_case("said"), Some(usual_case::bucket(0, 90)));
        assert_eq!(model.usual_case("kestrel"), Some(usual_case::UNSEEN));
        model.use_capitals(false);
        assert_eq!(model.usual_case("apple"), None);
        // A cut word table is refused; so is a word table without the magic that announces it.
        let cut = &bytes[..bytes.len() - 1];
        assert_eq!(Model::from_bytes(Box::leak(cut.to_vec().into_boxed_slice())).err(), Some(ModelError::UsualCase));
        let mut unannounced = constant_tables(MAGIC_WITH_CAPITALS, &[3, -7]).to_vec();
        unannounced.extend_from_slice(&table);
        assert!(matches!(Model::from_bytes(Box::leak(unannounced.into_boxed_slice())), Err(ModelError::Length { .. })));
        // Files with no word table never read it.
        let mut old = Model::from_bytes(constant_tables(MAGIC_WITH_CAPITALS, &[3, -7])).expect("two tables");
        old.use_capitals(true);
        assert_eq!(old.usual_case("apple"), None);
    }

    #[test]
    fn english_reads_how_words_are_usually_written_in_capitals() {
        let Some(mut model) = Model::for_language("en") else { return };
        model.use_capitals(true);
        let class = |word: &str| model.usual_case(word).map(usual_case::class);
        // `said`: lower case but for a few headlines in title case and a name (`Said`).
        assert!(matches!(class("said"), Some(usual_case::ALWAYS_LOWER | usual_case::MOSTLY_LOWER)));
        assert!(matches!(class("london"), Some(usual_case::ALWAYS_CAPITALISED | usual_case::MOSTLY_CAPITALISED)));
        assert_eq!(class("qqqzzxv"), Some(usual_case::UNSEEN));
    }

    #[test]
    fn english_and_dutch_have_a_table_for_capitals() {
        for code in ["en", "nl"] {
            if embedded(code).is_some() {
                assert!(Model::for_language(code).is_some_and(|m| m.has_capitals_table()), "{code}");
            }
        }
        // Only English's reads how words are usually written.
        if let Some(bytes) = embedded("en") {
            assert_eq!(&bytes[..8], MAGIC_WITH_USUAL_CASE);
        }
        if let Some(bytes) = embedded("nl") {
            assert_eq!(&bytes[..8], MAGIC_WITH_CAPITALS);
        }
    }

    #[test]
    fn a_calendar_word_after_de_stays_in_the_name() {
        use crate::analysis::ContentFormat;
        let lexicon = &*super::super::gazetteer::LEXICON;
        let trimmed = |text: &str, first: &str, last: &str| {
            let document = Document::parse(text.to_string(), ContentFormat::PlainText);
            let at = |word: &str| document.tokens.iter().position(|t| document.token_text(t) == word).expect("the word");
            let range = trim(&document, &document.folded, lexicon, "es", at(first)..at(last) + 1).expect("a name");
            document.text[document.tokens[range.start].span.start..document.tokens[range.end - 1].span.end].to_string()
        };
        assert_eq!(trimmed("Pasearon por Santillana del Mar ayer.", "Santillana", "Mar"), "Santillana del Mar");
        assert_eq!(trimmed("Vive en Villa del Sol de May.", "Villa", "May"), "Villa del Sol de May");
        // Elsewhere a day or a month closing a run is no part of the name.
        assert_eq!(trimmed("Llega Kestrel Dynamics Monday.", "Kestrel", "Monday"), "Kestrel Dynamics");
    }

    #[test]
    fn a_bracketed_club_code_belongs_to_the_name_before_it() {
        use crate::analysis::ContentFormat;
        let text = "Dinamo (K) 2 Rudar (BJ) 1, Sloga (Pale) 0, Iskra (ABC) 0, Zora(Z) 1.";
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let tags = vec![0u8; document.tokens.len()];
        let code_length = |word: &str| {
            let t = document.tokens.iter().position(|t| document.token_text(t) == word).expect("the word");
            bracketed_code_after(&document, &tags, t + 1)
        };
        assert_eq!(code_length("Dinamo"), 3);
        assert_eq!(code_length("Rudar"), 3);
        // A word in brackets, a longer code, or brackets glued to the name are not codes.
        assert_eq!(code_length("Sloga"), 0);
        assert_eq!(code_length("Iskra"), 0);
        assert_eq!(code_length("Zora"), 0);
    }

    #[test]
    fn a_beam_of_one_decodes_as_the_greedy_decoder() {
        use crate::analysis::ContentFormat;
        let Some(mut model) = Model::for_language("en") else { return };
        let text = "Anna Weber of the Harbor Authority met Mr. Smith in London. Weber said Kestrel Dynamics would buy New Harbor Savings Bank.";
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let greedy = decode(&document, "en", &mut model).tags;
        assert!(greedy.iter().any(|&t| t != 0));
        let lexicon = &*super::super::gazetteer::LEXICON;
        let sentences = features::sentences(&document, &document.folded, lexicon, false);
        let usage = features::usage(&sentences);
        let context = Context { lexicon, language: "en", tag_gazetteer: false, usage: &usage, usual: &[] };
        let mut memory = features::Memory::default();
        for sentence in &sentences {
            let tags = decode_beam(&context, sentence, &memory, &mut model, 1);
            for (i, token) in sentence.tokens.iter().enumerate() {
                assert_eq!(tags[i], greedy[sentence.token_indexes[i]], "{}", token.folded);
                memory.remember(token, if tags[i] == 0 { 0 } else { type_of(tags[i]) as u8 + 1 });
            }
        }
        assert_eq!(beam_width("en"), 1);
        assert_eq!(beam_width("de"), BEAM_WIDTH);
        assert_eq!(beam_width("es"), BEAM_WIDTH);
    }

    /// A learning scorer with no weights that records the beam's updates.
    struct Recorder {
        gold: Vec<u8>,
        learnt: Vec<(u8, f32)>,
        ticks: usize,
    }

    impl Scorer for Recorder {
        fn add_scores(&self, _feature: u64, _scores: &mut [f32; TAGS]) {}
        fn gold(&self, token: usize) -> Option<u8> {
            Some(self.gold[token])
        }
        fn learn(&mut self, _feature: u64, tag: u8, delta: f32) {
            self.learnt.push((tag, delta));
        }
        fn tick(&mut self) {
            self.ticks += 1;
        }
    }

    #[test]
    fn the_beam_learns_when_gold_falls_out_of_it() {
        use crate::analysis::ContentFormat;
        let document = Document::parse("Anna Weber spoke.".to_string(), ContentFormat::PlainText);
        let lexicon = &*super::super::gazetteer::LEXICON;
        let sentences = features::sentences(&document, &document.folded, lexicon, true);
        let usage = features::usage(&sentences);
        let context = Context { lexicon, language: "es", tag_gazetteer: true, usage: &usage, usual: &[] };
        let memory = features::Memory::default();
        // B-PER I-PER O O. With no weights every tag ties: a beam of two keeps `O` and `B-PER`
        // for `Anna`, then `O O` and `O B-PER`: gold (`B-PER I-PER`) is out after two tokens.
        let mut recorder = Recorder { gold: vec![1, 2, 0, 0], learnt: Vec::new(), ticks: 0 };
        let tags = decode_beam(&context, &sentences[0], &memory, &mut recorder, 2);
        assert_eq!(tags, [0, 0, 0, 0]);
        assert_eq!(recorder.ticks, 2, "learning stops at the early update");
        let gained: Vec<u8> = recorder.learnt.iter().filter(|l| l.1 > 0.0).map(|l| l.0).collect();
        let lost: Vec<u8> = recorder.learnt.iter().filter(|l| l.1 < 0.0).map(|l| l.0).collect();
        assert!(gained.contains(&1) && gained.contains(&2) && !gained.contains(&0));
        assert!(lost.iter().all(|&t| t == 0) && !lost.is_empty());
        // A wide enough beam keeps gold to the end: a full update there, since the best is `O`s.
        let mut wide = Recorder { gold: vec![1, 2, 0, 0], learnt: Vec::new(), ticks: 0 };
        decode_beam(&context, &sentences[0], &memory, &mut wide, 64);
        assert_eq!(wide.ticks, 3, "`spoke` is scored (next to a capital), the full stop is not");
        assert!(wide.learnt.iter().any(|&(t, d)| t == 2 && d > 0.0));
    }

    #[test]
    fn a_sentence_s_full_stop_leaves_a_beam_language_s_name_unless_it_abbreviates() {
        use crate::analysis::ContentFormat;
        assert!(is_abbreviation("corp") && is_abbreviation("s") && !is_abbreviation("comisión"));
        let Some(mut model) = Model::for_language("es") else { return };
        let lexicon = &*super::super::gazetteer::LEXICON;
        let text = "El presidente del Gobierno, Pedro Sánchez, pidió este martes a la Unión Europea un fondo común para la vivienda. «No podemos esperar otra década», dijo en Bruselas tras reunirse con la presidenta de la Comisión. Según el ministerio, los alquileres subieron.";
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let dot = document.tokens.iter().position(|t| document.token_text(t) == "." && t.span.start == text.find("Comisión.").unwrap() + "Comisión".len());
        assert!(dot.is_some_and(|d| ends_sentence(&document, d)));
        let names: Vec<&str> = candidates(&document, lexicon, "es", &mut model).iter().map(|c| &text[c.span.range()]).collect();
        assert!(names.contains(&"Comisión"), "{names:?}");
        assert!(names.iter().all(|n| !n.ends_with('.')), "{names:?}");
    }

    #[test]
    fn german_finds_names_its_training_sentences_never_showed_it() {
        use crate::analysis::ContentFormat;
        let Some(mut model) = Model::for_language("de") else { return };
        let lexicon = &*super::super::gazetteer::LEXICON;
        let text = "Am Montag eröffnete Torsten Kleinwächter die neue Ausstellung im Rathaus von Erfurt. Die Besucher lobten die Auswahl der Bilder.";
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let names: Vec<&str> = candidates(&document, lexicon, "de", &mut model).iter().map(|c| &text[c.span.range()]).collect();
        assert!(names.contains(&"Torsten Kleinwächter") && names.contains(&"Erfurt"), "{names:?}");
        for noun in ["Ausstellung", "Rathaus", "Besucher", "Auswahl", "Bilder"] {
            assert!(!names.iter().any(|n| n.contains(noun)), "{noun} in {names:?}");
        }
    }

    #[test]
    fn weight_files_are_checked_before_use() {
        static SHORT: [u8; 20] = *b"TANER001\x02\0\0\0\x09\0\0\0\0\0\0\0";
        assert!(matches!(Model::from_bytes(&SHORT), Err(ModelError::Length { .. })));
        assert_eq!(Model::from_bytes(b"nonsense-header!").err(), Some(ModelError::Magic));
        for code in ["en", "de", "es", "nl"] {
            if let Some(bytes) = embedded(code) {
                assert!(Model::from_bytes(bytes).is_ok(), "{code}");
            }
        }
    }
}
