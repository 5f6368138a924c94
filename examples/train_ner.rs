//! Trains the entity tagger's weights for one language: an averaged perceptron over the
//! tagger's own features and greedy decoder (`textanalytics::analysis::entities::tagger`), on the
//! documents of the NER development corpora as the core tokenises them.
//!
//! ```text
//! cargo run --release --example train_ner -- --language en [--epochs N] [--bits 18]
//!     [--data ../shared/dev/ner] [--out data/entities/tagger/en.bin] [--folds 5]
//!     [--upper-every N] [--capitals BASE.bin [--usual-case]] [--evaluate FILE.bin] [--tune]
//!     [--errors N] [--beam N]
//! ```
//!
//! The decoder is the tagger's: greedy, or a beam for the languages it decodes so
//! (`tagger::beam_width`), trained then with early update (the gold prefix gains and the best
//! hypothesis's loses when gold falls out of the beam). `--beam N` overrides the width, for
//! training and scoring alike (1: greedy). `--errors N` lists the misses and false alarms in the
//! first N documents of half A (the tuning half), or with `--folds`, of fold 0's held-out ones.
//!
//! `--capitals BASE.bin` keeps BASE's cased table and adds a second one, trained on an
//! upper-cased copy of every training document, that the tagger uses for sentences written in
//! capitals (headlines, results tables). With `--usual-case` that table also reads how the
//! training split usually writes each word (`tagger::usual_case`: counted on the documents as
//! written, every word after a sentence's first; stored at the end of the file, `TANER003`).
//! While training, each document's own words are left out of the counts it sees, so a name seen
//! in one document only is as unseen to it as a new name will be to the shipped model.
//!
//! English, Spanish and Dutch train on their train split; the development split is cut into two
//! halves (alternate documents): half A chooses the number of epochs (`--tune` prints F1 after
//! every epoch), half B is reported and never looked at while tuning. German has only GermEval's
//! development split: `--folds K` reports K-fold cross-validation, and the shipped model trains
//! on all of it. Deterministic: documents are visited in an order fixed by a seeded shuffle.

#[path = "ner_corpus/mod.rs"]
mod ner_corpus;

use std::path::PathBuf;

use ner_corpus::CorpusDocument;
use textanalytics::analysis::document::Document;
use std::collections::HashMap;

use textanalytics::analysis::entities::tagger::usual_case::{self, CaseTable};
use textanalytics::analysis::entities::tagger::{self, Scorer, TAGS};
use textanalytics::analysis::ContentFormat;

/// A document as the core sees it, with a gold tag per token.
struct Example {
    document: Document,
    gold: Vec<u8>,
}

/// Upper-cases every character whose upper case keeps its UTF-8 length (so gold offsets hold).
fn upper_cased(corpus: &CorpusDocument) -> CorpusDocument {
    let text = corpus
        .text
        .chars()
        .map(|c| {
            let mut upper = c.to_uppercase();
            match (upper.next(), upper.next()) {
                (Some(u), None) if u.len_utf8() == c.len_utf8() => u,
                _ => c,
            }
        })
        .collect();
    CorpusDocument { text, gold: corpus.gold.clone() }
}

fn example(corpus: &CorpusDocument) -> Example {
    let document = Document::parse(corpus.text.clone(), ContentFormat::PlainText);
    let mut gold = vec![0u8; document.tokens.len()];
    for span in &corpus.gold {
        let mut first = true;
        for (i, token) in document.tokens.iter().enumerate() {
            if token.span.start >= span.start && token.span.start < span.end {
                gold[i] = if first { 1 + 2 * span.kind as u8 } else { 2 + 2 * span.kind as u8 };
                first = false;
            }
        }
    }
    Example { document, gold }
}

/// Perceptron weights with the bookkeeping for averaging (Collins 2002, lazily updated).
struct Perceptron {
    mask: u64,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    clock: u32,
    gold: Vec<u8>,
    /// Learns only from sentences in capitals (the capitals table).
    only_capitals: bool,
    /// Whether the current sentence is one to learn from.
    learning: bool,
    /// Usual-case counts, when the table learns those features: all training documents', and
    /// per training example, its source document's (left out while it is decoded).
    counts: Option<LeaveOneOut>,
    /// The training example being decoded.
    current: usize,
    in_capitals: bool,
    /// `--beam N`: the decoder's width instead of the language's.
    beam: Option<usize>,
}

/// (capitalised, lower case) sightings per folded word.
type Counts = HashMap<String, (u32, u32)>;

/// The usual-case counts of the training documents, each example's own left out.
struct LeaveOneOut {
    all: Counts,
    /// Per source document, its own counts.
    own: Vec<Counts>,
    /// Per training example, its source document.
    source: Vec<usize>,
}

/// The usual-case counts of some documents as written.
fn case_counts<'c>(documents: impl IntoIterator<Item = &'c Example>, language: &str) -> Counts {
    let mut counts = Counts::new();
    for example in documents {
        tagger::case_sightings(&example.document, language, |word, capitalised| {
            let entry = counts.entry(word.to_string()).or_default();
            if capitalised {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        });
    }
    counts
}

/// The table the shipped model reads, built from counts (deterministic: sorted by hash).
fn case_table(counts: &Counts) -> Vec<u8> {
    usual_case::encode(counts.iter().map(|(w, &(c, l))| (w.as_str(), c, l)))
}

impl Perceptron {
    fn new(bits: u32) -> Self {
        let size = (1usize << bits) * TAGS;
        Perceptron {
            mask: (1u64 << bits) - 1,
            weights: vec![0.0; size],
            totals: vec![0.0; size],
            stamps: vec![0; size],
            clock: 0,
            gold: Vec::new(),
            only_capitals: false,
            learning: true,
            counts: None,
            current: 0,
            in_capitals: false,
            beam: None,
        }
    }

    fn update(&mut self, index: usize, delta: f32) {
        self.totals[index] += f64::from(self.clock - self.stamps[index]) * f64::from(self.weights[index]);
        self.stamps[index] = self.clock;
        self.weights[index] += delta;
    }

    fn averaged(&self) -> Vec<f32> {
        let clock = f64::from(self.clock.max(1));
        self.weights
            .iter()
            .zip(&self.totals)
            .zip(&self.stamps)
            .map(|((&w, &t), &s)| ((t + f64::from(self.clock - s) * f64::from(w)) / clock) as f32)
            .collect()
    }
}

impl Scorer for Perceptron {
    fn add_scores(&self, feature: u64, scores: &mut [f32; TAGS]) {
        let row = (feature & self.mask) as usize * TAGS;
        for (score, w) in scores.iter_mut().zip(&self.weights[row..row + TAGS]) {
            *score += w;
        }
    }

    fn use_capitals(&mut self, capitals: bool) {
        self.learning = capitals || !self.only_capitals;
        self.in_capitals = capitals;
    }

    fn usual_case(&self, folded: &str) -> Option<u8> {
        let counts = self.counts.as_ref().filter(|_| self.in_capitals)?;
        let (c, l) = counts.all.get(folded).copied().unwrap_or_default();
        let own = &counts.own[counts.source[self.current]];
        let (oc, ol) = own.get(folded).copied().unwrap_or_default();
        Some(usual_case::bucket(c - oc, l - ol))
    }

    fn beam(&self) -> Option<usize> {
        self.beam
    }

    fn gold(&self, token: usize) -> Option<u8> {
        self.learning.then(|| self.gold[token])
    }

    fn learn(&mut self, feature: u64, tag: u8, delta: f32) {
        let row = (feature & self.mask) as usize * TAGS;
        self.update(row + usize::from(tag), delta);
    }

    fn tick(&mut self) {
        self.clock += 1;
    }

    fn choose(&mut self, token: usize, features: &[u64], scores: &[f32; TAGS], previous: u8) -> u8 {
        let predicted = tagger::best_allowed(scores, previous);
        if !self.learning {
            return predicted;
        }
        let gold = self.gold[token];
        self.clock += 1;
        if predicted != gold {
            for &feature in features {
                let row = (feature & self.mask) as usize * TAGS;
                self.update(row + usize::from(gold), 1.0);
                self.update(row + usize::from(predicted), -1.0);
            }
        }
        predicted
    }
}

/// Fixed weights for evaluation: a cased table and, optionally, one for sentences in capitals.
struct Fixed<'w> {
    mask: u64,
    weights: &'w [f32],
    cased: &'w [f32],
    capitals: Option<&'w [f32]>,
    usual_case: Option<CaseTable>,
    in_capitals: bool,
    beam: Option<usize>,
}

impl<'w> Fixed<'w> {
    fn new(mask: u64, tables: &Tables<'w>) -> Self {
        Fixed { mask, weights: tables.0, cased: tables.0, capitals: tables.1, usual_case: tables.2, in_capitals: false, beam: beam_option() }
    }
}

/// `--beam N` on the command line: the decoder's width instead of the language's.
fn beam_option() -> Option<usize> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == "--beam").and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok())
}

/// A model's tables: cased, for sentences in capitals when it has one, and the usual-case
/// table that one reads when it was trained with it.
type Tables<'w> = (&'w [f32], Option<&'w [f32]>, Option<CaseTable>);

impl Scorer for Fixed<'_> {
    fn beam(&self) -> Option<usize> {
        self.beam
    }

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
        let row = (feature & self.mask) as usize * TAGS;
        for (score, w) in scores.iter_mut().zip(&self.weights[row..row + TAGS]) {
            *score += w;
        }
    }
}

/// A small deterministic generator for the visiting order (xorshift64*).
struct Shuffle(u64);

impl Shuffle {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn permute(&mut self, items: &mut [usize]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

fn epoch(model: &mut Perceptron, examples: &[Example], order: &[usize], language: &str) {
    for &i in order {
        model.gold.clone_from(&examples[i].gold);
        model.current = i;
        tagger::decode(&examples[i].document, language, model);
    }
}

/// Per type and overall: (true positives, predicted, gold), exact token-span matches.
fn score(weights: Tables<'_>, mask: u64, examples: &[&Example], language: &str) -> [[usize; 3]; 5] {
    let mut counts = [[0usize; 3]; 5];
    let mut scorer = Fixed::new(mask, &weights);
    for example in examples {
        let tags = tagger::decode(&example.document, language, &mut scorer).tags;
        let predicted = tagger::spans(&tags);
        let gold = tagger::spans(&example.gold);
        for (range, kind) in &predicted {
            counts[*kind][1] += 1;
            counts[4][1] += 1;
            if gold.iter().any(|(r, k)| r == range && k == kind) {
                counts[*kind][0] += 1;
                counts[4][0] += 1;
            }
        }
        for (_, kind) in &gold {
            counts[*kind][2] += 1;
            counts[4][2] += 1;
        }
    }
    counts
}

/// Lists the misses and false alarms on some held-out documents.
fn print_errors(weights: Tables<'_>, mask: u64, examples: &[&Example], language: &str) {
    let mut scorer = Fixed::new(mask, &weights);
    for example in examples {
        let tags = tagger::decode(&example.document, language, &mut scorer).tags;
        let predicted = tagger::spans(&tags);
        let gold = tagger::spans(&example.gold);
        let text = |r: &std::ops::Range<usize>| {
            let tokens = &example.document.tokens;
            example.document.text[tokens[r.start].span.start..tokens[r.end - 1].span.end].to_string()
        };
        for (range, kind) in &predicted {
            if !gold.contains(&(range.clone(), *kind)) {
                let truth = gold.iter().find(|(r, _)| r.start < range.end && range.start < r.end);
                let truth = truth.map(|(r, k)| format!("{} {}", tagger::TYPE_NAMES[*k], text(r))).unwrap_or_else(|| "nothing".into());
                println!("  false {} {:?} (gold: {truth})", tagger::TYPE_NAMES[*kind], text(range));
            }
        }
        for (range, kind) in &gold {
            if !predicted.iter().any(|(r, _)| r.start < range.end && range.start < r.end) {
                println!("  missed {} {:?}", tagger::TYPE_NAMES[*kind], text(range));
            }
        }
    }
}

fn f1(c: [usize; 3]) -> (f64, f64, f64) {
    let p = if c[1] == 0 { 0.0 } else { c[0] as f64 / c[1] as f64 };
    let r = if c[2] == 0 { 0.0 } else { c[0] as f64 / c[2] as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (100.0 * p, 100.0 * r, 100.0 * f)
}

/// PER/ORG/LOC micro scores (MISC left out, as the product's headline figure) and all four.
fn report(label: &str, counts: &[[usize; 3]; 5]) {
    let mut ppl = [0usize; 3];
    for c in &counts[..3] {
        for k in 0..3 {
            ppl[k] += c[k];
        }
    }
    let (p, r, f) = f1(ppl);
    let per_type: Vec<String> = tagger::TYPE_NAMES
        .iter()
        .zip(counts)
        .map(|(name, c)| {
            let (p, r, f) = f1(*c);
            format!("{name} P {p:.1} R {r:.1} F {f:.1}")
        })
        .collect();
    println!("{label}: PER/ORG/LOC P {p:.1} R {r:.1} F1 {f:.1} | {}", per_type.join(" | "));
}

fn train(examples: &[Example], bits: u32, epochs: usize, language: &str, mut tune: impl FnMut(usize, &[f32])) -> Vec<f32> {
    train_table(examples, bits, epochs, language, false, None, &mut tune)
}

/// Trains one table; `only_capitals` learns from sentences in capitals only.
fn train_table(
    examples: &[Example],
    bits: u32,
    epochs: usize,
    language: &str,
    only_capitals: bool,
    counts: Option<LeaveOneOut>,
    tune: &mut impl FnMut(usize, &[f32]),
) -> Vec<f32> {
    let mut model = Perceptron::new(bits);
    model.only_capitals = only_capitals;
    model.counts = counts;
    model.beam = beam_option();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut shuffle = Shuffle(0x9e37_79b9_7f4a_7c15);
    for e in 0..epochs {
        shuffle.permute(&mut order);
        epoch(&mut model, examples, &order, language);
        tune(e + 1, &model.averaged());
    }
    model.averaged()
}

/// The weight file: header, then each table's averaged weights scaled to `i16` (each table
/// scaled on its own: a token is scored from one table only), then the usual-case table if any.
fn write(path: &PathBuf, weights: (&[f32], Option<&[f32]>), usual: Option<&[u8]>, bits: u32) {
    let magic = match (weights.1.is_some(), usual.is_some()) {
        (true, true) => tagger::MAGIC_WITH_USUAL_CASE,
        (true, false) => tagger::MAGIC_WITH_CAPITALS,
        _ => tagger::MAGIC,
    };
    let mut bytes = Vec::with_capacity(tagger::HEADER_LEN + weights.0.len() * 4);
    bytes.extend_from_slice(magic);
    bytes.extend_from_slice(&bits.to_le_bytes());
    bytes.extend_from_slice(&(TAGS as u32).to_le_bytes());
    for table in std::iter::once(weights.0).chain(weights.1) {
        let largest = table.iter().fold(0.0f32, |m, w| m.max(w.abs())).max(f32::MIN_POSITIVE);
        let scale = f32::from(i16::MAX) / largest;
        for w in table {
            bytes.extend_from_slice(&((w * scale).round() as i16).to_le_bytes());
        }
    }
    bytes.extend_from_slice(usual.unwrap_or_default());
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("output folder");
    }
    std::fs::write(path, bytes).expect("weights written");
    println!("wrote {} ({} buckets)", path.display(), 1usize << bits);
}

/// Reads a weight file [`write`] wrote back into (unscaled) tables, its usual-case table and its
/// bucket bits.
fn read_weights(path: &PathBuf) -> (Vec<f32>, Option<Vec<f32>>, Option<CaseTable>, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let usual = &bytes[..8] == tagger::MAGIC_WITH_USUAL_CASE;
    let two = usual || &bytes[..8] == tagger::MAGIC_WITH_CAPITALS;
    assert!(two || &bytes[..8] == tagger::MAGIC, "not a weight file");
    let bits = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    let table = (1usize << bits) * TAGS * 2;
    let end = tagger::HEADER_LEN + if two { 2 * table } else { table };
    let mut weights: Vec<f32> = bytes[tagger::HEADER_LEN..end].chunks_exact(2).map(|p| f32::from(i16::from_le_bytes([p[0], p[1]]))).collect();
    let capitals = two.then(|| weights.split_off(weights.len() / 2));
    let case = usual.then(|| CaseTable::from_bytes(Box::leak(bytes[end..].to_vec().into_boxed_slice())).expect("usual-case table"));
    (weights, capitals, case, bits)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let option = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let language = option("--language").unwrap_or_else(|| "en".to_string());
    let epochs: usize = option("--epochs").and_then(|v| v.parse().ok()).unwrap_or(8);
    let bits: u32 = option("--bits").and_then(|v| v.parse().ok()).unwrap_or(18);
    let folds: usize = option("--folds").and_then(|v| v.parse().ok()).unwrap_or(5);
    let tune_mode = args.iter().any(|a| a == "--tune");
    let usual_case_wanted = args.iter().any(|a| a == "--usual-case");
    let upper_every: usize = option("--upper-every").and_then(|v| v.parse().ok()).unwrap_or(0);
    let data = PathBuf::from(option("--data").unwrap_or_else(|| "../shared/dev/ner".to_string()));
    let out = PathBuf::from(option("--out").unwrap_or_else(|| format!("data/entities/tagger/{language}.bin")));
    let (train_file, dev_file) = ner_corpus::files(&language);
    let dev: Vec<Example> = ner_corpus::read(&data.join(dev_file)).iter().map(example).collect();
    // Another corpus added to every training set (`--also conll2002/ned.train`).
    let also: Vec<Example> = option("--also").map(|f| ner_corpus::read(&data.join(f)).iter().map(example).collect()).unwrap_or_default();
    let errors: usize = option("--errors").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mask = (1u64 << bits) - 1;

    let half_a: Vec<&Example> = dev.iter().step_by(2).collect();
    let half_b: Vec<&Example> = dev.iter().skip(1).step_by(2).collect();
    let upper_dev: Vec<Example> = ner_corpus::read(&data.join(dev_file)).iter().map(|d| example(&upper_cased(d))).collect();
    let upper_a: Vec<&Example> = upper_dev.iter().step_by(2).collect();
    let upper_b: Vec<&Example> = upper_dev.iter().skip(1).step_by(2).collect();
    let report_halves = |tables: Tables<'_>, mask: u64| {
        report("dev half A (tuning)", &score(tables, mask, &half_a, &language));
        report("dev half B (held out)", &score(tables, mask, &half_b, &language));
        report("dev half A (tuning), upper-cased", &score(tables, mask, &upper_a, &language));
        report("dev half B (held out), upper-cased", &score(tables, mask, &upper_b, &language));
        print_errors(tables, mask, &half_a[..errors.min(half_a.len())], &language);
    };

    // `--evaluate FILE`: score saved weights on the development halves, without training.
    if let Some(saved) = option("--evaluate") {
        let (weights, capitals, case, saved_bits) = read_weights(&PathBuf::from(saved));
        report_halves((&weights, capitals.as_deref(), case), (1u64 << saved_bits) - 1);
        return;
    }
    // `--capitals BASE`: keeps BASE's cased table and trains a table for sentences in capitals
    // on an upper-cased copy of every training document; half A upper-cased chooses the epochs.
    if let Some(base) = option("--capitals") {
        let (cased, _, _, base_bits) = read_weights(&PathBuf::from(base));
        assert_eq!(base_bits, bits, "--bits must match the base file's");
        let train_file = train_file.expect("a train split");
        // Every document upper-cased, and as written: its headlines in capitals, with the case the
        // rest of the document gives their words (only sentences in capitals teach this table).
        let corpus = ner_corpus::read(&data.join(train_file));
        let mut train_set: Vec<Example> = corpus.iter().map(|d| example(&upper_cased(d))).collect();
        train_set.extend(corpus.iter().map(example));
        println!("{language}: {} training documents (half of them upper-cased)", train_set.len());
        // `--usual-case`: how the training documents as written write each word, for the table
        // and (each document's own left out) for training.
        let as_written = &train_set[corpus.len()..];
        let all = case_counts(as_written, &language);
        let usual_bytes: Option<Vec<u8>> = usual_case_wanted.then(|| case_table(&all));
        let usual = usual_bytes.as_ref().map(|b| CaseTable::from_bytes(Box::leak(b.clone().into_boxed_slice())).expect("usual-case table"));
        if let Some(table) = &usual {
            println!("usual-case table: {} words", table.len());
        }
        let counts = usual_case_wanted.then(|| LeaveOneOut {
            all,
            own: as_written.iter().map(|e| case_counts([e], &language)).collect(),
            source: (0..train_set.len()).map(|k| k % corpus.len()).collect(),
        });
        let capitals = train_table(&train_set, bits, epochs, &language, true, counts, &mut |e, w: &[f32]| {
            if tune_mode {
                let tables = (cased.as_slice(), Some(w), usual);
                report(&format!("epoch {e} dev half A (tuning), upper-cased"), &score(tables, mask, &upper_a, &language));
                report(&format!("epoch {e} dev half A (tuning)"), &score(tables, mask, &half_a, &language));
            }
        });
        report_halves((&cased, Some(&capitals), usual), mask);
        write(&out, (&cased, Some(&capitals)), usual_bytes.as_deref(), bits);
        return;
    }
    let weights = match train_file {
        Some(train_file) => {
            let corpus = ner_corpus::read(&data.join(train_file));
            let mut train_set: Vec<Example> = corpus.iter().map(example).collect();
            // An upper-cased copy of every `--upper-every`-th document teaches text without case.
            if upper_every > 0 {
                train_set.extend(corpus.iter().step_by(upper_every).map(|d| example(&upper_cased(d))));
            }
            train_set.extend(also);
            println!("{language}: {} training documents, dev halves of {} and {}", train_set.len(), half_a.len(), half_b.len());
            let weights = train(&train_set, bits, epochs, &language, |e, w| {
                if tune_mode {
                    report(&format!("epoch {e} dev half A (tuning)"), &score((w, None, None), mask, &half_a, &language));
                }
            });
            report_halves((&weights, None, None), mask);
            weights
        }
        None => {
            // Cross-validation: fold k holds out every `folds`-th document starting at k.
            let mut total = [[0usize; 3]; 5];
            for k in 0..folds {
                let mut train_set: Vec<Example> =
                    dev.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, e)| Example { document: e.document.clone(), gold: e.gold.clone() }).collect();
                train_set.extend(also.iter().map(|e| Example { document: e.document.clone(), gold: e.gold.clone() }));
                let held: Vec<&Example> = dev.iter().enumerate().filter(|(i, _)| i % folds == k).map(|(_, e)| e).collect();
                let weights = train(&train_set, bits, epochs, &language, |e, w| {
                    if tune_mode {
                        report(&format!("fold {k} epoch {e}"), &score((w, None, None), mask, &held, &language));
                    }
                });
                let counts = score((&weights, None, None), mask, &held, &language);
                if k == 0 {
                    print_errors((&weights, None, None), mask, &held[..errors.min(held.len())], &language);
                }
                report(&format!("fold {k} held out"), &counts);
                for (t, c) in total.iter_mut().zip(counts) {
                    for i in 0..3 {
                        t[i] += c[i];
                    }
                }
            }
            report(&format!("{folds}-fold cross-validation"), &total);
            let mut all: Vec<Example> = dev.iter().map(|e| Example { document: e.document.clone(), gold: e.gold.clone() }).collect();
            all.extend(also);
            train(&all, bits, epochs, &language, |_, _| {})
        }
    };
    write(&out, (&weights, None), None, bits);
}
