//! Our language detector: a script pre-filter, then character 1–5-gram Markov scores from the
//! embedded model (lingua's log-probabilities, pruned and quantised), then calibrated
//! confidences.
//!
//! 1. **Script.** whatlang's script detection over the text read. A script only one language
//!    writes (Hangul, Thai, Greek, Georgian…) decides alone; Han decides between Chinese and
//!    Japanese by the presence of kana; Hebrew is left to whatlang (Hebrew or Yiddish, which the
//!    model lacks). Latin, Cyrillic, Arabic and Devanagari go on to the model, whose candidates
//!    are the languages written in that script.
//! 2. **Evidence.** The text is read word by word (maximal runs of letters, lower-cased). Every
//!    1–5-gram inside a word is looked up once in the merged table, which answers for all
//!    languages together. A language scores `max(0, floor[n] − q)` per n-gram (`q` is minus the
//!    log of the n-gram's frequency in the language): how much more often than an n-gram of
//!    that order it does not list the language writes it, so letters a language never uses
//!    (ß, ő, ș, ą…) and whole short words (which are their own 2–5-grams) weigh heavily at once.
//!    Per word, a language may trail the word's best language by at most [`WORD_CAP`] (a guard
//!    against one brand name outweighing a sentence; tuned off, see there). In a Latin-script
//!    text with words in lower case, a capitalised word counts [`NAME_WEIGHT`]/[`FULL_WEIGHT`]: names
//!    (`Nakamura beats Takahashi in final`) are no evidence of the language around them.
//! 3. **Short-text prior.** Every language gets a small bonus by how widely it is written
//!    (tuned within bounds, see [`PRIORS`]), so among near ties on a few words the common
//!    language wins; on longer text the evidence dwarfs it.
//! 4. **Early stop.** Reading ends when the leader is [`DECISIVE_NATS`] ahead of the runner-up
//!    (checked every [`CHECK_EVERY_LETTERS`] letters from [`FIRST_CHECK_LETTERS`] on), or after [`MAX_LETTERS`] letters, so the
//!    cost is bounded on any input.
//! 5. **Confidence.** A softmax over the scores, scaled by [`CONFIDENCE_SCALE`] (calibrated on a
//!    held-out part of the development data, see `eval/language/`).

use whatlang::{Lang, Script};

use super::layout::PAIRS;
use super::model::{finalise, hash_byte, language_count, Model, Postings, HASH_START, LANGUAGES, STEPS_PER_NAT};
use super::word_pairs;

/// The longest n-gram the model holds.
const MAX_ORDER: usize = 5;
/// Quantised log-probability (in steps of 1/8 nat) an n-gram a language's table lacks is
/// taken to have, per order (index = order).
const FLOOR: [u8; MAX_ORDER + 1] = [0, 176, 160, 160, 168, 176];
/// Reading stops once the leader is this many nats ahead…
pub const DECISIVE_NATS: f32 = 60.0;
/// …checked from this many letters on (a name or two in another language must not decide a
/// text's beginning)…
const FIRST_CHECK_LETTERS: usize = 128;
/// …after every this many letters…
const CHECK_EVERY_LETTERS: usize = 64;
/// …and in any case after this many letters.
pub const MAX_LETTERS: usize = 2_000;
/// Softmax temperature: confidences are `softmax(score × CONFIDENCE_SCALE)`.
const CONFIDENCE_SCALE: f32 = 0.9;
/// Per word, a language trails the word's best by at most this many quantised steps. The tuner
/// tries caps from 8 to 20 nats; on the development data every one cost accuracy (their words
/// are real evidence), so none is set.
const WORD_CAP: u32 = u32::MAX;
/// A word written with a capital, in a Latin-script text that also has words starting in lower
/// case, weighs this many [`FULL_WEIGHT`]ths of a lower-case word: it is most often a name, and
/// names travel between languages (`Halvorsen`, `Nakamura` and `Thessaloniki` in English
/// headlines made them Norwegian, Tagalog and Yoruba). Chosen with `language_eval -- --names`
/// on the development data's tuning part and our own tuning headlines: 1/8 takes those from
/// 20 to 39 of 46 right and the development macro accuracy from 91.32 to 91.56%; 2/8 scored
/// 91.64% there but 34 of 46; 0 (names ignored) 90.43% and 44 of 46. Cyrillic, Arabic and
/// Devanagari text weighs every word alike: weighing its capitals less cost Ukrainian and
/// Russian items (91.51% with every model script).
const NAME_WEIGHT: u32 = 1;
/// The weight of a word that is no likely name.
pub const FULL_WEIGHT: u32 = 8;
/// Each model language's prior, in nats, by id (`data/language/priors.rs`, written by
/// `cargo run --release --example language_eval -- --tune`): how widely the language is
/// written, adjusted on the tuning part of the development data within a bounded range.
static PRIORS: &[f32] = &include!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/language/priors.rs"));

/// The detector's tunable parameters; [`Params::SHIPPED`] are the ones the service uses.
#[derive(Clone, Copy, Debug)]
pub struct Params<'a> {
    /// Quantised log-probability of an n-gram a language lacks, per order (index = order).
    pub floor: [u8; MAX_ORDER + 1],
    pub confidence_scale: f32,
    /// A language trails the word's best language by at most this much evidence per word
    /// (quantised steps): one borrowed word or brand name cannot decide a sentence.
    pub word_cap: u32,
    /// The weight, in [`FULL_WEIGHT`]ths, of a capitalised word in a Latin-script text with
    /// lower-case words.
    pub name_weight: u32,
    /// Prior in nats per model language id.
    pub priors: &'a [f32],
}

impl Params<'static> {
    pub const SHIPPED: Params<'static> =
        Params { floor: FLOOR, confidence_scale: CONFIDENCE_SCALE, word_cap: WORD_CAP, name_weight: NAME_WEIGHT, priors: PRIORS };
}

/// Longer runs of letters are read in pieces of this many.
const MAX_WORD_LETTERS: usize = 64;
/// A runner-up is listed only from this confidence on.
const MIN_ALTERNATIVE: f32 = 0.01;
/// At most this many languages are ranked in an answer.
pub const MAX_RANKED: usize = 3;

/// One ranked language: its code (whatlang's ISO 639-3 where whatlang knows it) and confidence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranked {
    pub code: &'static str,
    pub confidence: f32,
}

/// What the detector found: the text's script (None: no letters of any known script) and the
/// languages best first (empty exactly when the script is None).
#[derive(Clone, Debug, PartialEq)]
pub struct Detection {
    pub script: Option<Script>,
    pub ranked: Vec<Ranked>,
}

/// Detects the language of `text`.
pub fn detect(text: &str) -> Detection {
    detect_with(text, &Params::SHIPPED)
}

/// Detects the language of `text` with the given parameters (the evaluation tunes them).
pub fn detect_with(text: &str, params: &Params) -> Detection {
    let Some(script) = script_of(text) else {
        return Detection { script: None, ranked: Vec::new() };
    };
    let ranked = match script {
        Script::Latin | Script::Cyrillic | Script::Arabic | Script::Devanagari => {
            rank(&model_scores(text, super::script_name(script), params), params)
        }
        Script::Mandarin if !text.chars().any(is_kana) => vec![certain("cmn")],
        Script::Mandarin | Script::Hiragana | Script::Katakana => vec![certain("jpn")],
        Script::Hebrew => whatlang_among(text, &[Lang::Heb, Lang::Yid]),
        other => other.langs().first().map_or_else(Vec::new, |lang| vec![certain(lang.code())]),
    };
    Detection { script: Some(script), ranked }
}

/// The script of the text's beginning (whatlang's), None when it has no letter: whatlang names
/// a script for some texts without one (spaces of other scripts). Chinese, Japanese and Korean
/// text with Latin names, abbreviations and units in it (`所属事務所はBreath。`, `身長172cm`)
/// is CJK however many Latin letters it holds, within [`CJK_WEIGHT`].
pub fn script_of(text: &str) -> Option<Script> {
    let window = reading_window(text);
    if !window.chars().any(char::is_alphabetic) {
        return None;
    }
    if only_latin(window) {
        return Some(Script::Latin);
    }
    let script = whatlang::detect_script(window)?;
    Some(if script == Script::Latin { cjk_among_latin(window).unwrap_or(script) } else { script })
}

/// Whether whatlang would count every character of `window` that it counts at all as Latin:
/// ASCII, its Latin blocks (U+0080–U+024F, U+1E00–U+1EFF) and General Punctuation (U+2000–U+206F:
/// the dashes and curly quotes of news text, which no script of its own claims). Then, given a
/// letter, the script is Latin without whatlang's tries of up to 25 scripts per character, and
/// no CJK character is there to outweigh it.
fn only_latin(window: &str) -> bool {
    window
        .chars()
        .all(|c| matches!(c, '\0'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' | '\u{2000}'..='\u{206f}'))
}

/// How many Latin letters one Han, kana or Hangul character outweighs when the script is
/// chosen: one such character is a syllable or a word, a Latin letter a sound, so a CJK
/// sentence with a product name in it is still the CJK sentence, while an English text quoting
/// a Chinese name stays English.
const CJK_WEIGHT: usize = 3;

/// The CJK script of a window whose letters are mostly Latin by count but not by weight.
fn cjk_among_latin(window: &str) -> Option<Script> {
    // Every character counted below is encoded with a lead byte from 0xE3 to 0xEF: text without
    // one (all of a European text) is left as it is after one cheap pass over its bytes.
    if !window.bytes().any(|b| (0xe3..=0xef).contains(&b)) {
        return None;
    }
    let (mut latin, mut han, mut kana, mut hangul) = (0usize, 0usize, 0usize, 0usize);
    for c in window.chars() {
        match c {
            _ if is_kana(c) => kana += 1,
            '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' => han += 1,
            '\u{ac00}'..='\u{d7af}' | '\u{3130}'..='\u{318f}' => hangul += 1,
            _ if c.is_alphabetic() => latin += 1,
            _ => {}
        }
    }
    if CJK_WEIGHT * (han + kana + hangul) < latin {
        return None;
    }
    Some(if hangul > han + kana {
        Script::Hangul
    } else if kana > 0 {
        Script::Hiragana
    } else {
        Script::Mandarin
    })
}

fn certain(code: &'static str) -> Ranked {
    Ranked { code, confidence: 1.0 }
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9d}')
}

/// The beginning of the text that script detection reads: enough letters for the scores, not
/// the whole of a long text.
pub fn reading_window(text: &str) -> &str {
    prefix(text, MAX_LETTERS * 4)
}

/// whatlang's choice among a few languages, for scripts whose languages the model lacks.
fn whatlang_among(text: &str, langs: &[Lang]) -> Vec<Ranked> {
    let detector = whatlang::Detector::with_allowlist(langs.to_vec());
    match detector.detect(reading_window(text)) {
        Some(info) => vec![Ranked { code: info.lang().code(), confidence: info.confidence() as f32 }],
        None => langs.first().map_or_else(Vec::new, |lang| vec![Ranked { code: lang.code(), confidence: 0.0 }]),
    }
}

/// Room for every model language id (a unit test checks the model has no more); fixed-size
/// arrays keep the per-n-gram loop free of bounds checks and allocations.
pub const MAX_LANGUAGES: usize = super::layout::LANES;

/// How much of a text is read, and with which n-grams.
#[derive(Clone, Copy, Debug)]
struct Reading {
    /// Reading ends after this many letters…
    max_letters: usize,
    /// …or once the leader is [`DECISIVE_NATS`] ahead, checked from this many letters on.
    first_check: usize,
    /// The shortest n-gram order looked up: 1 reads everything; 3 skips the letters and
    /// letter pairs, which are most of the postings and least of the evidence.
    min_order: usize,
}

/// A whole text: every order, up to [`MAX_LETTERS`].
const WHOLE: Reading = Reading { max_letters: MAX_LETTERS, first_check: FIRST_CHECK_LETTERS, min_order: 1 };

/// Running evidence per model language.
struct Evidence {
    model: Model,
    candidate: [bool; MAX_LANGUAGES],
    gain: [u32; MAX_LANGUAGES],
    /// The current word's evidence, added to `gain` (capped, or weighted) when the word ends;
    /// unused for a word of full weight when there is no cap.
    word_gain: [u32; MAX_LANGUAGES],
    capped: bool,
    /// Whether the current word's n-grams go to `word_gain` first.
    buffered: bool,
    /// The latest n-grams' evidence in 16-bit lanes, which a vector instruction adds eight at
    /// a time (against four in `gain`'s), moved to `gain` or `word_gain` at the word's end or
    /// after [`STAGED_NGRAMS`] n-grams, whichever comes first.
    staged: [u16; MAX_LANGUAGES],
    staged_ngrams: u32,
    letters: usize,
    /// Each near-twin pair's word evidence ([`word_pairs`]) in [`FULL_WEIGHT`]ths of a step.
    pair_words: [i64; PAIRS.len()],
}

/// An n-gram adds at most `u8::MAX` per language (floors are bytes), so this many fit a
/// 16-bit lane without overflow: the sums stay exactly those of 32-bit ones.
const STAGED_NGRAMS: u32 = (u16::MAX / u8::MAX as u16) as u32;

impl Evidence {
    fn new(script: &str, word_cap: u32) -> Self {
        let mut candidate = [false; MAX_LANGUAGES];
        for (slot, &(_, s)) in candidate.iter_mut().zip(LANGUAGES) {
            *slot = s == script;
        }
        Evidence {
            model: Model::embedded(),
            candidate,
            gain: [0; MAX_LANGUAGES],
            word_gain: [0; MAX_LANGUAGES],
            capped: word_cap != u32::MAX,
            buffered: false,
            staged: [0; MAX_LANGUAGES],
            staged_ngrams: 0,
            letters: 0,
            pair_words: [0; PAIRS.len()],
        }
    }

    /// Adds the n-grams of one lower-cased word, given as UTF-8 with its character starts,
    /// weighing `weight` [`FULL_WEIGHT`]ths.
    fn add_word(&mut self, word: &[u8], starts: &[usize], params: &Params, min_order: usize, weight: u32) {
        let floor = &params.floor;
        self.buffered = self.capped || weight != FULL_WEIGHT;
        for (index, &start) in starts.iter().enumerate() {
            let mut state = HASH_START;
            let mut end_of_previous = start;
            for order in 1..=MAX_ORDER {
                let Some(&end) = starts.get(index + order).or((index + order == starts.len()).then_some(&word.len())) else {
                    break;
                };
                state = word[end_of_previous..end].iter().fold(state, |h, &b| hash_byte(h, b));
                end_of_previous = end;
                if order >= min_order {
                    self.add_ngram(finalise(state), floor[order]);
                }
            }
        }
        self.flush_staged();
        self.letters += starts.len();
        if !self.buffered {
            return;
        }
        if weight != FULL_WEIGHT {
            for gain in &mut self.word_gain {
                *gain = *gain * weight / FULL_WEIGHT;
            }
        }
        let least = if self.capped {
            let best = self.word_gain.iter().zip(&self.candidate).filter(|(_, &c)| c).map(|(&g, _)| g).max().unwrap_or(0);
            best.saturating_sub(params.word_cap)
        } else {
            0
        };
        for (total, word) in self.gain.iter_mut().zip(self.word_gain.iter_mut()) {
            *total += (*word).max(least);
            *word = 0;
        }
    }

    #[inline]
    fn add_ngram(&mut self, h: u64, floor: u8) {
        let gains = &mut self.staged;
        match self.model.lookup(h) {
            Postings::Dense(row) => add_row(gains, row, floor),
            Postings::Sparse(postings) => {
                // Four postings a step: the loop's own bookkeeping was most of a posting's cost.
                let mut quads = postings.chunks_exact(8);
                for quad in &mut quads {
                    for posting in quad.chunks_exact(2) {
                        add_posting(gains, posting, floor);
                    }
                }
                for posting in quads.remainder().chunks_exact(2) {
                    add_posting(gains, posting, floor);
                }
            }
        }
        self.staged_ngrams += 1;
        if self.staged_ngrams == STAGED_NGRAMS {
            self.flush_staged();
        }
    }

    /// Moves the staged evidence to the word's (when buffered) or the text's.
    fn flush_staged(&mut self) {
        if self.staged_ngrams == 0 {
            return;
        }
        let gains = if self.buffered { &mut self.word_gain } else { &mut self.gain };
        for (gain, staged) in gains.iter_mut().zip(&mut self.staged) {
            *gain += u32::from(*staged);
            *staged = 0;
        }
        self.staged_ngrams = 0;
    }

    /// Adds a lower-cased word's evidence between near-twin languages.
    fn add_pair_words(&mut self, word: &[u8], weight: u32) {
        for (total, steps) in self.pair_words.iter_mut().zip(word_pairs::steps(word)) {
            *total += i64::from(steps) * i64::from(weight);
        }
    }

    /// Evidence in nats of the candidates, by model language id, near twins settled by their
    /// words.
    fn scores(&self) -> Vec<(usize, f32)> {
        let mut gain = self.gain.map(i64::from);
        word_pairs::settle(&mut gain, &self.candidate, &self.pair_words);
        (0..language_count()).filter(|&id| self.candidate[id]).map(|id| (id, gain[id] as f32 / STEPS_PER_NAT)).collect()
    }

    fn decisive(&self) -> bool {
        let mut best = [0u32; 2];
        for (&gain, _) in self.gain.iter().zip(&self.candidate).filter(|(_, &c)| c) {
            if gain > best[0] {
                best = [gain, best[0]];
            } else if gain > best[1] {
                best[1] = gain;
            }
        }
        (best[0] - best[1]) as f32 / STEPS_PER_NAT >= DECISIVE_NATS
    }
}

/// Adds one posting (language id, cost) of an n-gram: the n-gram's evidence for that language.
#[inline(always)]
fn add_posting(gains: &mut [u16; MAX_LANGUAGES], posting: &[u8], floor: u8) {
    // The mask keeps the index in bounds without a check; ids are below MAX_LANGUAGES (a unit
    // test checks).
    let id = usize::from(posting[0]) & (MAX_LANGUAGES - 1);
    gains[id] += u16::from(floor.saturating_sub(posting[1]));
}

/// Adds a dense row's evidence for every language at once (one fixed-width loop the compiler
/// turns into vector instructions). A language the row does not list has `q = u8::MAX` there,
/// above any floor, so it gains nothing, as it gained nothing without a posting.
#[inline(always)]
fn add_row(gains: &mut [u16; MAX_LANGUAGES], row: &[u8; MAX_LANGUAGES], floor: u8) {
    for (gain, &q) in gains.iter_mut().zip(row) {
        *gain += u16::from(floor.saturating_sub(q));
    }
}

/// The evidence, in nats and without priors, for each model language (by id) written in
/// `script`, from the text's words.
pub fn model_scores(text: &str, script: &str, params: &Params) -> Vec<(usize, f32)> {
    read(text, script, params, WHOLE)
}

fn read(text: &str, script: &str, params: &Params, reading: Reading) -> Vec<(usize, f32)> {
    evidence_of(text, script, params, reading).scores()
}

fn evidence_of(text: &str, script: &str, params: &Params, reading: Reading) -> Evidence {
    let mut evidence = Evidence::new(script, params.word_cap);
    let mut word: Vec<u8> = Vec::with_capacity(64);
    let mut starts: Vec<usize> = Vec::with_capacity(64);
    let mut next_check = reading.first_check;
    let mut buffer = [0u8; 4];
    let names_weigh_less = params.name_weight != FULL_WEIGHT && script == "Latin" && has_lower_case_word(text);
    // Every near-twin pair is written in Latin letters.
    let twins = script == "Latin";
    let mut capitalised = false;
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphabetic() {
            if starts.is_empty() {
                capitalised = c.is_uppercase();
            }
            for lower in c.to_lowercase() {
                starts.push(word.len());
                word.extend_from_slice(lower.encode_utf8(&mut buffer).as_bytes());
            }
            // A run of letters longer than any word is read in pieces, so memory stays bounded.
            if starts.len() < MAX_WORD_LETTERS {
                continue;
            }
        }
        if starts.is_empty() {
            continue;
        }
        let weight = if names_weigh_less && capitalised { params.name_weight } else { FULL_WEIGHT };
        evidence.add_word(&word, &starts, params, reading.min_order, weight);
        if twins {
            evidence.add_pair_words(&word, weight);
        }
        word.clear();
        starts.clear();
        if evidence.letters >= reading.max_letters {
            break;
        }
        if evidence.letters >= next_check {
            if evidence.decisive() {
                break;
            }
            next_check = evidence.letters + CHECK_EVERY_LETTERS;
        }
    }
    evidence
}

/// Whether a word of the text's reading window starts with a lower-case letter: only then do
/// capitals mark names (a headline in title case or a text in capitals has no such word, and
/// all its words weigh alike).
fn has_lower_case_word(text: &str) -> bool {
    let mut previous_is_letter = false;
    for c in reading_window(text).chars() {
        let is_letter = c.is_alphabetic();
        if is_letter && !previous_is_letter && c.is_lowercase() {
            return true;
        }
        previous_is_letter = is_letter;
    }
    false
}

/// A paragraph probe reads this many letters, then, when that does not settle it, this many
/// (a paragraph of an English article often opens with a German or Dutch name or two)…
const PROBE_LETTERS: [usize; 2] = [48, 160];
/// …with the 3–5-grams only, and a language fits when it trails the best by at most this many
/// nats (priors included).
const PROBE_MARGIN_NATS: f32 = 6.0;

/// Whether the beginning of `text` may well be in the language `code` (a detector code): a
/// cheap look, for telling the paragraphs of a document in one language from those that need
/// a detection of their own. False when the script of the text's beginning is not one `code`
/// is written in; for a model script, when `code` trails the best language by more than
/// [`PROBE_MARGIN_NATS`] on the first [`PROBE_LETTERS`] letters (3–5-grams only; the longer
/// look only when the shorter does not fit); for a script decided alone, when the detection
/// differs. Text without letters fits any language.
pub fn plausible(text: &str, code: &str) -> bool {
    let longest = PROBE_LETTERS[PROBE_LETTERS.len() - 1];
    let head = prefix(text, longest * 4);
    let Some(script) = script_of(head) else { return true };
    let params = &Params::SHIPPED;
    match script {
        Script::Latin | Script::Cyrillic | Script::Arabic | Script::Devanagari => PROBE_LETTERS.iter().any(|&letters| {
            let probe = Reading { max_letters: letters, first_check: usize::MAX, min_order: 3 };
            let scores = read(head, super::script_name(script), params, probe);
            let with_prior = |(id, s): (usize, f32)| s + params.priors.get(id).copied().unwrap_or(0.0);
            let best = scores.iter().copied().map(with_prior).fold(f32::NEG_INFINITY, f32::max);
            scores.iter().copied().any(|(id, s)| LANGUAGES[id].0 == code && with_prior((id, s)) >= best - PROBE_MARGIN_NATS)
        }),
        _ => detect(head).ranked.first().is_some_and(|r| r.code == code),
    }
}

/// The text's first `limit` bytes at most, cut at a character boundary.
fn prefix(text: &str, limit: usize) -> &str {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The best [`MAX_RANKED`] languages with softmax confidences over all candidates, priors
/// added; ties go to the smaller code.
pub fn rank(scores: &[(usize, f32)], params: &Params) -> Vec<Ranked> {
    let mut scores: Vec<(usize, f32)> =
        scores.iter().map(|&(id, s)| (id, s + params.priors.get(id).copied().unwrap_or(0.0))).collect();
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| LANGUAGES[a.0].0.cmp(LANGUAGES[b.0].0)));
    let Some(&(_, best)) = scores.first() else { return Vec::new() };
    let scale = params.confidence_scale;
    let total: f32 = scores.iter().map(|&(_, s)| ((s - best) * scale).exp()).sum();
    scores
        .iter()
        .take(MAX_RANKED)
        .map(|&(id, s)| Ranked { code: LANGUAGES[id].0, confidence: ((s - best) * scale).exp() / total })
        .enumerate()
        // A runner-up without a chance is no alternative.
        .filter(|&(index, ranked)| index == 0 || ranked.confidence >= MIN_ALTERNATIVE)
        .map(|(_, ranked)| ranked)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(text: &str) -> &'static str {
        detect(text).ranked.first().map_or("und", |r| r.code)
    }

    /// A lower-case ASCII word's evidence summed n-gram by n-gram in 32 bits, by model id.
    fn direct_sums(word: &str) -> Vec<(usize, f32)> {
        let model = Model::embedded();
        let mut gains = [0u32; MAX_LANGUAGES];
        for start in 0..word.len() {
            for order in 1..=MAX_ORDER.min(word.len() - start) {
                let key = &word[start..start + order];
                let floor = FLOOR[order];
                let q_of = |id: usize| match model.lookup(super::super::model::hash(key)) {
                    Postings::Dense(row) => row[id],
                    Postings::Sparse(pairs) => pairs.chunks(2).find(|p| usize::from(p[0]) == id).map_or(u8::MAX, |p| p[1]),
                };
                for (id, gain) in gains.iter_mut().enumerate() {
                    *gain += u32::from(floor.saturating_sub(q_of(id)));
                }
            }
        }
        (0..language_count()).filter(|&id| LANGUAGES[id].1 == "Latin").map(|id| (id, gains[id] as f32 / STEPS_PER_NAT)).collect()
    }

    #[test]
    fn staged_sums_equal_sums_in_32_bits_even_past_a_flush() {
        // 64 letters make 310 n-grams, more than a 16-bit stage holds before it is moved on.
        let long = "abcdefghijklmnopqrstuvwxyzaeiouaeioustrengthschmerzthethethethee";
        assert_eq!(long.len(), MAX_WORD_LETTERS);
        for word in ["the", "schmetterling", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", long] {
            let evidence = evidence_of(word, "Latin", &Params::SHIPPED, WHOLE);
            let sums: Vec<(usize, f32)> = (0..language_count())
                .filter(|&id| evidence.candidate[id])
                .map(|id| (id, evidence.gain[id] as f32 / STEPS_PER_NAT))
                .collect();
            assert_eq!(sums, direct_sums(word), "{word}");
        }
    }

    #[test]
    fn near_twins_are_told_apart_by_their_everyday_words() {
        // Sentences of our own, the same message in each language of a pair.
        assert_eq!(best("Dia bisa datang ke kantor karena sudah tidak sakit lagi."), "ind");
        assert_eq!(best("Dia boleh datang ke pejabat kerana sudah tidak sakit lagi."), "msa");
        assert_eq!(best("Hva skal vi gjøre med alle pengene som ble igjen?"), "nob");
        assert_eq!(best("Hvad skal vi gøre med alle de penge, der blev tilbage?"), "dan");
        assert_eq!(best("Pero el gobierno dijo que no habrá más impuestos este año."), "spa");
        assert_eq!(best("Mas o governo disse que não haverá mais impostos este ano."), "por");
        assert_eq!(best("Vláda řekla, že letos nebudou žádné nové daně."), "ces");
        assert_eq!(best("Vláda povedala, že tento rok nebudú žiadne nové dane."), "slk");
        assert_eq!(best("Vlada je rekla, da letos ne bo novih davkov."), "slv");
        assert_eq!(best("Vlada je rekla da ove godine neće biti novih poreza."), "hrv");
        // Tagalog written with English words in it stays Tagalog; English stays English.
        assert_eq!(best("Ang ganda ng weather ngayon kaya sobrang happy ako."), "tgl");
        assert_eq!(best("The weather is lovely today, so I am very happy."), "eng");
    }

    #[test]
    fn names_do_not_outvote_the_words_around_them() {
        // Each was Norwegian, Tagalog, Yoruba or Danish while names weighed as much as words.
        for text in [
            "Kestrel Dynamics and Halvorsen Mining signed the deal.",
            "Papadopoulos elected mayor of Thessaloniki",
            "Kristensen and Mortensen open new bakery in Aarhus",
            "Oyelaran and Adeyemi win Lagos poll",
        ] {
            assert_eq!(best(text), "eng", "{text}");
        }
        // German nouns are capitalised too: the lower-case words carry the sentence.
        assert_eq!(best("Die Bundesregierung hat das Gesetz am Freitag beschlossen."), "deu");
        // Without a word in lower case, every word weighs alike.
        assert!(!has_lower_case_word("Jorgensen Wins Gold In Oslo"));
        assert!(has_lower_case_word("Jorgensen wins gold"));
    }

    #[test]
    fn the_latin_shortcut_agrees_with_whatlang() {
        for text in [
            "Hello “world” — a café’s naïve façade…",
            "Ærøskøbing, Łódź, Đà Nẵng, ẞ, © 2026 «ok»\u{a0}",
            "Straße\u{2009}–\u{2011}x\u{7f}",
        ] {
            assert!(only_latin(text), "{text}");
            assert_eq!(whatlang::detect_script(text), Some(Script::Latin), "{text}");
            assert_eq!(script_of(text), Some(Script::Latin), "{text}");
        }
        // Anything else goes to whatlang (and the CJK weighting).
        for text in ["Hello Привет мир", "ǅ ɐ ʃ ⁿ", "所属事務所はBreath。", "Ὀδυσσεύς"] {
            assert!(!only_latin(text), "{text}");
        }
    }

    #[test]
    fn everyday_sentences_in_their_language() {
        for (code, text) in [
            ("eng", "The weather will stay cold for the rest of the week."),
            ("deu", "Das Wetter bleibt für den Rest der Woche kalt."),
            ("fra", "Le temps restera froid pour le reste de la semaine."),
            ("spa", "El tiempo seguirá frío durante el resto de la semana."),
            ("rus", "Погода останется холодной до конца недели."),
            ("ukr", "Погода залишиться холодною до кінця тижня."),
            ("pol", "Pogoda pozostanie zimna do końca tygodnia."),
        ] {
            assert_eq!(best(text), code, "{text}");
        }
    }

    #[test]
    fn scripts_of_one_language_decide_alone() {
        assert_eq!(best("오늘 날씨가 좋습니다"), "kor");
        assert_eq!(best("今日はいい天気です"), "jpn");
        assert_eq!(best("今天天气很好"), "cmn");
        assert_eq!(best("Σήμερα ο καιρός είναι καλός"), "ell");
    }

    #[test]
    fn latin_names_and_units_in_cjk_text_leave_it_cjk() {
        assert_eq!(best("所属事務所はBreath。"), "jpn");
        assert_eq!(best("NPTLはRed Hat Enterprise Linuxのバージョン3から搭載された。"), "jpn");
        assert_eq!(best("苹果发布新款iPhone Pro Max手机"), "cmn");
        assert_eq!(best("삼성전자 Galaxy Note 출시"), "kor");
        // An English sentence quoting a Chinese name stays English.
        assert_eq!(best("The governor of the province, written 广东 in Chinese, met the delegation on Monday."), "eng");
    }

    #[test]
    fn text_without_letters_has_no_language() {
        for text in ["", "12345 !!!", "\u{a0}\u{3000}\u{2003}\u{200b}", "— … 2024-03-01 \u{1F600}"] {
            let detection = detect(text);
            assert_eq!(detection, Detection { script: None, ranked: Vec::new() }, "{text:?}");
        }
    }

    #[test]
    fn ranked_languages_are_few_ordered_and_sum_below_one() {
        let ranked = detect("Der Bundestag hat am Freitag das Gesetz beschlossen.").ranked;
        assert!(!ranked.is_empty() && ranked.len() <= MAX_RANKED);
        assert!(ranked.windows(2).all(|w| w[0].confidence >= w[1].confidence));
        let sum: f32 = ranked.iter().map(|r| r.confidence).sum();
        assert!(sum <= 1.0 + 1e-4 && ranked[0].confidence > 0.5, "{ranked:?}");
    }

    #[test]
    fn every_model_language_has_a_slot() {
        assert!(LANGUAGES.len() <= MAX_LANGUAGES);
    }

    #[test]
    fn a_probe_tells_a_paragraph_of_the_language_from_one_of_another() {
        let english = "The council will meet again next week to discuss the new budget for the schools.";
        let german = "Der Stadtrat trifft sich nächste Woche erneut, um den neuen Haushalt zu beraten.";
        assert!(plausible(english, "eng"));
        assert!(!plausible(german, "eng"));
        assert!(plausible(german, "deu"));
        assert!(!plausible("Совет снова соберётся на следующей неделе.", "eng"), "another script");
        assert!(plausible("2024 — 15:30", "eng"), "no letters: nothing against it");
    }

    #[test]
    fn reading_is_bounded_on_huge_inputs() {
        let text = "wort ".repeat(200_000);
        assert!(!detect(&text).ranked.is_empty());
        let one_word = "a".repeat(1 << 20);
        assert!(!detect(&one_word).ranked.is_empty());
    }
}
