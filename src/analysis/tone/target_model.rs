//! The trained model behind the tone toward a target: explainable features of one mention and
//! a multinomial logistic regression over them.
//!
//! Features of a mention (all read from its sentence, at most [`target::FAR_WINDOW`] tokens
//! away, so a mention costs the same in a sentence of any length):
//! * dense: the per-relation valence sums of the lexicon markers ([`target::relation_sums`]),
//!   the sentence's score, whether the mention is the speaker of the sentence's speech or
//!   inside speech, the valence of negated markers in its clause, and a bias;
//! * hashed ([`Group`]): each word by direction and distance bucket (`L1:praised`,
//!   `R2:killed`), the two words on each side (`L:accused the`), the words of the mention's
//!   clause, the words of the sentence, and each marker's lexicon entry with its relation
//!   (`BeforeNear:attack-`). Words are lower-cased, digits read as `0`; a feature's row is its
//!   FNV-1a hash modulo [`weights::BUCKETS`], after the dense rows.
//!
//! `logits[c] = Σ value · W[row][c]` over the classes negative, neutral, positive; the weights
//! are fitted by `eval/tone/train_target.py` on NewsMTSC train over exactly these features,
//! which `examples/tone_targets.rs` dumps from this code, and embedded from
//! `data/tone/target_model.rs`. [`score`] reads the class probabilities as a score whose
//! ±0.05 band is the neutral class.

use super::target::{self, Contribution, Located, Relation, FEATURES};
use super::Tone;
use crate::analysis::document::{Document, Token, TokenKind};

mod weights {
    use super::{CLASSES, DENSE, GROUPS};
    include!("../../../data/tone/target_model.rs");
}

/// Negative, neutral, positive.
pub const CLASSES: usize = 3;

/// Dense feature rows after the relation sums.
const SENTENCE_SCORE: usize = FEATURES;
const SPEAKS: usize = FEATURES + 1;
const QUOTED: usize = FEATURES + 2;
const NEGATED_IN_CLAUSE: usize = FEATURES + 3;
const BIAS: usize = FEATURES + 4;
/// Number of dense feature rows.
pub const DENSE: usize = FEATURES + 5;

/// Words on each side whose distance bucket is a feature ([`Group::Context`]).
const CONTEXT: usize = 20;

/// What a feature is; hashed groups can be left out of a model (`weights::ENABLED`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// `key` is the dense row.
    Dense = 0,
    /// A word with its direction and distance bucket.
    Context = 1,
    /// The two words right before, or right after, the mention.
    Bigram = 2,
    /// A word of the mention's clause.
    Clause = 3,
    /// A word of the sentence.
    Sentence = 4,
    /// A lexicon marker's entry with its relation and sign.
    MarkerRelation = 5,
}

/// Number of [`Group`]s.
pub const GROUPS: usize = 6;

/// One feature occurrence; repeated keys add up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Feature {
    pub group: Group,
    /// The dense row, or the full 32-bit hash.
    pub key: u32,
    pub value: f32,
}

impl Feature {
    /// The weight row this feature reads.
    pub fn row(&self) -> usize {
        match self.group {
            Group::Dense => self.key as usize,
            _ => DENSE + self.key as usize % weights::BUCKETS,
        }
    }
}

/// FNV-1a, 32 bits: a stable hash the trainer never has to reproduce (it reads the keys).
struct Hasher(u32);

impl Hasher {
    fn new(group: Group, tag: u8) -> Hasher {
        let mut hasher = Hasher(0x811c_9dc5);
        hasher.byte(group as u8);
        hasher.byte(tag);
        hasher
    }

    fn byte(&mut self, byte: u8) {
        self.0 = (self.0 ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }

    fn bytes(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.byte(b));
    }

    fn separator(&mut self) {
        self.byte(0xff);
    }
}

/// A token as the model reads it, appended to `out`: lower case, every number as `0`, `’` as `'`.
pub(super) fn token_form(document: &Document, token: &Token, out: &mut Vec<u8>) {
    if token.kind == TokenKind::Number {
        return out.push(b'0');
    }
    let text = document.token_text(token);
    if text.is_ascii() {
        return out.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
    }
    let mut buffer = [0u8; 4];
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c == '’' { '\'' } else { c };
        out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
    }
}

/// A token's hashed-feature keys that do not depend on the mention reading it, computed once
/// per document ([`target::TokenFacts`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenHashes {
    /// [`Group::Sentence`].
    sentence: u32,
    /// [`Group::Clause`], before and after the mention.
    clause: [u32; 2],
}

/// The keys of [`TokenHashes`] of a token read as `form` ([`token_form`]).
pub(super) fn token_hashes(form: &[u8]) -> TokenHashes {
    // The three keys in one pass over the form: each byte feeds three independent hashes.
    let mut keys = [Hasher::new(Group::Sentence, 0), Hasher::new(Group::Clause, 0), Hasher::new(Group::Clause, 1)];
    for &byte in form {
        keys.iter_mut().for_each(|hasher| hasher.byte(byte));
    }
    let [sentence, before, after] = keys.map(|hasher| hasher.0);
    TokenHashes { sentence, clause: [before, after] }
}

/// The distance bucket of a token `distance` tokens from the mention (1 = adjacent).
fn bucket(distance: usize) -> u8 {
    match distance {
        0..=3 => distance as u8,
        4..=6 => 4,
        7..=10 => 5,
        _ => 6,
    }
}

fn dense(row: usize, value: f32) -> Feature {
    Feature { group: Group::Dense, key: row as u32, value }
}

/// Where [`features`] puts each feature, in order: a list (what the trainer reads) or the
/// running class logits (what scoring reads, with no list built per mention).
pub(super) trait Sink {
    fn push(&mut self, feature: Feature);
}

impl Sink for Vec<Feature> {
    fn push(&mut self, feature: Feature) {
        Vec::push(self, feature);
    }
}

/// Class logits summed feature by feature, over the groups the model was trained with.
#[derive(Default)]
pub(super) struct Logits(pub [f64; CLASSES]);

impl Sink for Logits {
    fn push(&mut self, feature: Feature) {
        if !weights::ENABLED[feature.group as usize] {
            return;
        }
        let row = &weights::WEIGHTS[feature.row()];
        for (logit, weight) in self.0.iter_mut().zip(row) {
            *logit += f64::from(*weight) * f64::from(feature.value);
        }
    }
}

/// The features of one placed mention (see the module docs), pushed to `out`.
pub(super) fn features(tone: &Tone, located: &Located<'_>, contributions: &[Contribution], out: &mut impl Sink) {
    let Located { tokens, first, end, window, .. } = located;
    let (first, end) = (*first, *end);
    for (row, sum) in target::relation_sums(tone, contributions).into_iter().enumerate() {
        if sum != 0.0 {
            out.push(dense(row, sum));
        }
    }
    out.push(dense(SENTENCE_SCORE, tone.sentences[located.sentence].score));
    out.push(dense(SPEAKS, f32::from(u8::from(located.speaks))));
    out.push(dense(QUOTED, f32::from(u8::from(located.quoted))));
    let negated: f32 = contributions
        .iter()
        .filter(|c| matches!(c.relation, Relation::BeforeNear | Relation::AfterNear | Relation::Passive | Relation::SameClause))
        .map(|c| &tone.markers[c.marker])
        .filter(|m| m.negated)
        .map(|m| m.valence)
        .sum();
    out.push(dense(NEGATED_IN_CLAUSE, negated));
    out.push(dense(BIAS, 1.0));

    let mention_clause = |at: usize| if at < first { window.mark(first).0 } else { window.mark(end - 1).0 };
    let from = first.saturating_sub(target::FAR_WINDOW);
    let to = (end + target::FAR_WINDOW).min(tokens.len());
    for at in (from..first).chain(end..to) {
        let hashes = located.hashes(at);
        let distance = if at < first { first - at } else { at + 1 - end };
        let after = u8::from(at >= end);
        out.push(Feature { group: Group::Sentence, key: hashes.sentence, value: 1.0 });
        if distance <= CONTEXT {
            let mut hasher = Hasher::new(Group::Context, after << 4 | bucket(distance));
            hasher.bytes(located.form(at));
            out.push(Feature { group: Group::Context, key: hasher.0, value: 1.0 });
        }
        if (window.start..window.end).contains(&at) && window.mark(at).0 == mention_clause(at) {
            out.push(Feature { group: Group::Clause, key: hashes.clause[usize::from(after)], value: 1.0 });
        }
    }
    if first >= 2 {
        out.push(bigram(located.form(first - 2), located.form(first - 1), 0));
    }
    if end + 2 <= tokens.len() {
        out.push(bigram(located.form(end), located.form(end + 1), 1));
    }
    for contribution in contributions {
        out.push(marker_feature(tone, contribution));
    }
}

/// A marker's lexicon entry with its relation and sign.
fn marker_feature(tone: &Tone, contribution: &Contribution) -> Feature {
    let marker = &tone.markers[contribution.marker];
    let mut hasher = Hasher::new(Group::MarkerRelation, contribution.relation as u8);
    hasher.bytes(marker.entry.as_bytes());
    hasher.byte(u8::from(marker.valence < 0.0));
    Feature { group: Group::MarkerRelation, key: hasher.0, value: 1.0 }
}

fn bigram(a: &[u8], b: &[u8], after: u8) -> Feature {
    let mut hasher = Hasher::new(Group::Bigram, after);
    hasher.bytes(a);
    hasher.separator();
    hasher.bytes(b);
    Feature { group: Group::Bigram, key: hasher.0, value: 1.0 }
}

/// Whether a marker's contribution moves the logits: its relation's dense row or its
/// entry-with-relation row separates positive from negative.
pub(super) fn moves(tone: &Tone, contribution: &Contribution) -> bool {
    let valence = tone.markers[contribution.marker].valence;
    let separates = |feature: Feature| {
        let row = &weights::WEIGHTS[feature.row()];
        weights::ENABLED[feature.group as usize] && row[0] != row[2]
    };
    valence != 0.0
        && (separates(dense(target::feature(contribution.relation, valence), valence))
            || separates(marker_feature(tone, contribution)))
}

/// A score in −1..1 from averaged logits: the most probable class decides the side of the
/// ±0.05 band; inside it the score is 0.049 · (p₊ − p₋), beyond it 0.05 + 0.95 · |p₊ − p₋|.
pub fn score(logits: [f64; CLASSES]) -> f32 {
    let top = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !top.is_finite() {
        return 0.0;
    }
    let exp = logits.map(|l| (l - top).exp());
    let total: f64 = exp.iter().sum();
    let [negative, neutral, positive] = exp.map(|e| e / total);
    let lean = positive - negative;
    // Ties go to the neutral class, then to neither polar side.
    let score = if neutral >= positive && neutral >= negative {
        0.049 * lean
    } else if positive > negative {
        0.05 + 0.95 * lean
    } else {
        -(0.05 - 0.95 * lean)
    };
    score.clamp(-1.0, 1.0) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tone::{analyze, target};
    use crate::analysis::{language::DetectedLanguage, ContentFormat, TextSpan};

    fn features_of(text: &str, word: &str) -> Vec<Feature> {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let english = DetectedLanguage::hinted("en").expect("a valid code");
        let tone = analyze(&document, &english).0.expect("English has tone");
        let start = text.find(word).expect("word in text");
        let (mut contributions, mut features) = (Vec::new(), Vec::new());
        assert!(target::mention_features(&document, &tone, TextSpan::new(start, start + word.len()), &mut contributions, &mut features));
        features
    }

    fn keys(features: &[Feature], group: Group) -> Vec<u32> {
        let mut keys: Vec<u32> = features.iter().filter(|f| f.group == group).map(|f| f.key).collect();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn words_are_read_lower_case_with_numbers_as_zero() {
        let a = features_of("Voters PRAISED Lind after 3 weeks.", "Lind");
        let b = features_of("Voters praised Lind after 71 weeks.", "Lind");
        for group in [Group::Context, Group::Bigram, Group::Clause, Group::Sentence] {
            assert_eq!(keys(&a, group), keys(&b, group), "{group:?}");
        }
        let c = features_of("Voters praised Lind before 71 weeks.", "Lind");
        assert_ne!(keys(&b, Group::Context), keys(&c, Group::Context));
    }

    #[test]
    fn direction_and_distance_tell_words_apart() {
        let before = features_of("Critics attacked Lind yesterday.", "Lind");
        let after = features_of("Lind attacked critics yesterday.", "Lind");
        assert_ne!(keys(&before, Group::Context), keys(&after, Group::Context));
        assert_eq!(keys(&before, Group::Sentence), keys(&after, Group::Sentence));
        let dense = |features: &[Feature], row: usize| features.iter().find(|f| f.group == Group::Dense && f.key == row as u32).map(|f| f.value);
        assert_eq!(dense(&before, BIAS), Some(1.0));
        assert!(dense(&before, SENTENCE_SCORE).is_some_and(|s| s < 0.0));
    }

    #[test]
    fn token_keys_are_each_groups_own_hash_of_the_form() {
        let key = |group: Group, tag: u8, form: &[u8]| {
            let mut hasher = Hasher::new(group, tag);
            hasher.bytes(form);
            hasher.0
        };
        for form in [&b""[..], b"0", b"praised", "öffentlich".as_bytes()] {
            let hashes = token_hashes(form);
            assert_eq!(hashes.sentence, key(Group::Sentence, 0, form));
            assert_eq!(hashes.clause, [key(Group::Clause, 0, form), key(Group::Clause, 1, form)]);
        }
    }

    #[test]
    fn every_feature_reads_a_weight_row() {
        let features = features_of("A long, winding and dreadful speech by Lind, the mayor, angered everyone.", "Lind");
        assert!(features.iter().all(|f| f.row() < weights::WEIGHTS.len()));
        let mut logits = Logits::default();
        features.iter().for_each(|feature| logits.push(*feature));
        assert!(logits.0.iter().all(|l| l.is_finite()));
    }

    #[test]
    fn the_score_sides_with_the_most_probable_class() {
        assert!(score([0.0, 0.0, 3.0]) >= 0.05);
        assert!(score([3.0, 0.0, 0.0]) <= -0.05);
        assert!(score([0.0, 3.0, 2.9]).abs() < 0.05 && score([0.0, 3.0, 2.9]) > 0.0);
        assert!(score([2.0, 2.0, 2.0]).abs() < 0.05);
        // A polar class only just ahead of the other still clears the band.
        assert!(score([1.0, 0.0, 1.0 + 1e-9]) >= 0.05);
        assert_eq!(score([f64::NAN; CLASSES]), 0.0);
        assert!((-1.0..=1.0).contains(&score([0.0, 0.0, 1e300])));
    }
}
