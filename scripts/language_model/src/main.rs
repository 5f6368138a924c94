//! Builds `data/language/model.bin` and `data/language/languages.rs` from lingua-rs's published
//! per-language models (`lingua-<name>-language-model` 1.3.0, Apache-2.0; only `models/ngrams.fst`
//! is read).
//!
//! Pipeline, per language of a script shared by several languages (a script of its own decides
//! alone at run time and needs no table):
//! 1. read every character 1–5-gram with lingua's log-probability of its last character given
//!    the others (the unigram's: its share of all letters);
//! 2. rank each order's n-grams by their joint log-probability (the sum of the conditional ones
//!    along the n-gram's prefixes, i.e. how often the n-gram occurs) and keep the most frequent
//!    that cover [`MASS`]`[n]` of the order's occurrences, at most [`KEEP`]`[n]`, so the table
//!    holds what texts actually contain and the same share of it for every language (a
//!    language with a small training corpus would otherwise keep its one-off n-grams, whose
//!    conditional probabilities are near 1);
//! 3. store the joint log-probability, quantised to steps of 1/[`STEPS_PER_NAT`] nat in one
//!    byte. The joint, not lingua's conditional: a conditional after a rare context is near 1
//!    whenever the context occurred once (a language with a small, web-noisy corpus would win
//!    every borrowed word), while the joint says how often the n-gram occurs.
//!
//! All languages' entries are merged under one key per n-gram: an open-addressing table of
//! `(fingerprint, postings)` slots, each posting a `(language, quantised log-probability)` pair,
//! so one probe answers for every language at once. The hash is the one the detector uses
//! (`src/analysis/language/model.rs`); both must change together. Output is a function of the
//! input files only: languages are read in a fixed order, ties in ranks are broken by the n-gram.
//!
//! Usage: `cargo run --release -- <directory of lingua-*-language-model-1.3.0> <data/language>`

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fst::{Map, Streamer};

/// How many n-grams of each order (index = order) are kept per language.
const KEEP: [usize; 6] = [0, usize::MAX, 4_000, 20_000, 25_000, 25_000];
/// Share of each order's occurrences (index = order) the kept n-grams must cover.
const MASS: [f64; 6] = [0.0, 1.0, 0.999, 0.99, 0.97, 0.95];
/// Quantisation: a stored byte `q` means a joint log-probability of `-q / STEPS_PER_NAT`.
const STEPS_PER_NAT: f64 = 8.0;
/// Share of the slots in use.
const LOAD: f64 = 0.8;
const MAGIC: &[u8; 4] = b"TALM";
const VERSION: u32 = 1;

/// lingua's crate name, the code the service reports (whatlang's where whatlang knows the
/// language), and the script (whatlang's name) it is written in.
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("afrikaans", "afr", "Latin"),
    ("albanian", "sqi", "Latin"),
    ("arabic", "ara", "Arabic"),
    ("azerbaijani", "aze", "Latin"),
    ("basque", "eus", "Latin"),
    ("belarusian", "bel", "Cyrillic"),
    ("bokmal", "nob", "Latin"),
    ("bosnian", "bos", "Latin"),
    ("bulgarian", "bul", "Cyrillic"),
    ("catalan", "cat", "Latin"),
    ("croatian", "hrv", "Latin"),
    ("czech", "ces", "Latin"),
    ("danish", "dan", "Latin"),
    ("dutch", "nld", "Latin"),
    ("english", "eng", "Latin"),
    ("esperanto", "epo", "Latin"),
    ("estonian", "est", "Latin"),
    ("finnish", "fin", "Latin"),
    ("french", "fra", "Latin"),
    ("ganda", "lug", "Latin"),
    ("german", "deu", "Latin"),
    ("hindi", "hin", "Devanagari"),
    ("hungarian", "hun", "Latin"),
    ("icelandic", "isl", "Latin"),
    ("indonesian", "ind", "Latin"),
    ("irish", "gle", "Latin"),
    ("italian", "ita", "Latin"),
    ("kazakh", "kaz", "Cyrillic"),
    ("latin", "lat", "Latin"),
    ("latvian", "lav", "Latin"),
    ("lithuanian", "lit", "Latin"),
    ("macedonian", "mkd", "Cyrillic"),
    ("malay", "msa", "Latin"),
    ("maori", "mri", "Latin"),
    ("marathi", "mar", "Devanagari"),
    ("mongolian", "mon", "Cyrillic"),
    ("nynorsk", "nno", "Latin"),
    ("persian", "pes", "Arabic"),
    ("polish", "pol", "Latin"),
    ("portuguese", "por", "Latin"),
    ("romanian", "ron", "Latin"),
    ("russian", "rus", "Cyrillic"),
    ("serbian", "srp", "Cyrillic"),
    ("shona", "sna", "Latin"),
    ("slovak", "slk", "Latin"),
    ("slovene", "slv", "Latin"),
    ("somali", "som", "Latin"),
    ("sotho", "sot", "Latin"),
    ("spanish", "spa", "Latin"),
    ("swahili", "swa", "Latin"),
    ("swedish", "swe", "Latin"),
    ("tagalog", "tgl", "Latin"),
    ("tsonga", "tso", "Latin"),
    ("tswana", "tsn", "Latin"),
    ("turkish", "tur", "Latin"),
    ("ukrainian", "ukr", "Cyrillic"),
    ("urdu", "urd", "Arabic"),
    ("vietnamese", "vie", "Latin"),
    ("welsh", "cym", "Latin"),
    ("xhosa", "xho", "Latin"),
    ("yoruba", "yor", "Latin"),
    ("zulu", "zul", "Latin"),
];

/// FNV-1a over the n-gram's UTF-8 bytes, then a 64-bit finaliser so that both halves are
/// well mixed (the low bits pick the slot, the high ones are the fingerprint).
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    finalise(h)
}

fn finalise(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The home slot: the low half of the hash scaled to the slot count (no modulo).
fn slot_of(h: u64, slot_count: usize) -> usize {
    ((h & 0xffff_ffff) * slot_count as u64 >> 32) as usize
}

fn fingerprint(h: u64) -> u32 {
    ((h >> 32) as u32).max(1)
}

fn read_model(path: &Path) -> Map<Vec<u8>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Map::new(bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The n-grams kept for one language with their quantised joint log-probability.
fn kept_ngrams(model: &Map<Vec<u8>>) -> Vec<(String, u8)> {
    let mut by_order: Vec<Vec<(f64, String, f64)>> = vec![Vec::new(); 6];
    let mut stream = model.stream();
    while let Some((key, value)) = stream.next() {
        let Ok(ngram) = std::str::from_utf8(key) else { continue };
        let order = ngram.chars().count();
        if !(1..=5).contains(&order) {
            continue;
        }
        let conditional = f64::from_bits(value);
        let mut joint = 0.0;
        let mut complete = true;
        for (end, _) in ngram.char_indices().skip(1).chain(std::iter::once((ngram.len(), ' '))) {
            match model.get(&ngram[..end]) {
                Some(bits) => joint += f64::from_bits(bits),
                None => complete = false,
            }
        }
        if complete {
            by_order[order].push((joint, ngram.to_string(), conditional));
        }
    }
    let mut kept = Vec::new();
    for (order, mut entries) in by_order.into_iter().enumerate() {
        entries.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let total: f64 = entries.iter().map(|e| e.0.exp()).sum();
        let mut mass = 0.0;
        let covering = entries
            .iter()
            .take_while(|e| {
                let before = mass;
                mass += e.0.exp();
                before < MASS[order] * total
            })
            .count();
        entries.truncate(KEEP[order].min(covering));
        kept.extend(entries.into_iter().map(|(joint, ngram, _)| (ngram, quantise(joint))));
    }
    kept
}

fn quantise(log_probability: f64) -> u8 {
    (-log_probability * STEPS_PER_NAT).round().clamp(0.0, 255.0) as u8
}

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [models, out] = args.as_slice() else {
        eprintln!("usage: language_model <lingua models directory> <output directory>");
        std::process::exit(2);
    };
    // n-gram → postings, in a BTreeMap so the table is laid out in the same order every run.
    let mut postings: BTreeMap<String, Vec<(u8, u8)>> = BTreeMap::new();
    for (id, (name, code, _)) in LANGUAGES.iter().enumerate() {
        let path = models.join(format!("lingua-{name}-language-model-1.3.0/models/ngrams.fst"));
        let kept = kept_ngrams(&read_model(&path));
        eprintln!("{code}: {} n-grams kept", kept.len());
        for (ngram, q) in kept {
            postings.entry(ngram).or_default().push((id as u8, q));
        }
    }
    let table = layout(&postings);
    std::fs::write(out.join("model.bin"), table).expect("write model.bin");
    std::fs::write(out.join("languages.rs"), languages_source()).expect("write languages.rs");
}

/// The binary table: header, slots, postings (see the module docs of the detector's model.rs).
fn layout(postings: &BTreeMap<String, Vec<(u8, u8)>>) -> Vec<u8> {
    let keys = postings.len();
    // Linear probing stays short at this load; the slot count need not be a power of two.
    let slot_count = (keys as f64 / LOAD).ceil() as usize;
    let mut slots = vec![(0u32, 0u32); slot_count];
    let mut flat: Vec<u8> = Vec::new();
    let mut longest_probe = 0;
    for (ngram, entries) in postings {
        let h = hash(ngram.as_bytes());
        let start = flat.len() / 2;
        assert!(start < 1 << 24 && entries.len() < 256, "postings overflow");
        for &(language, q) in entries {
            flat.extend([language, q]);
        }
        let mut index = slot_of(h, slot_count);
        let mut probe = 0;
        while slots[index].0 != 0 {
            assert_ne!(slots[index].0, fingerprint(h), "fingerprint collision on {ngram:?}: lower the load");
            index = if index + 1 == slot_count { 0 } else { index + 1 };
            probe += 1;
        }
        longest_probe = longest_probe.max(probe);
        slots[index] = (fingerprint(h), (start as u32) << 8 | entries.len() as u32);
    }
    eprintln!(
        "{keys} keys, {} postings, {slot_count} slots, longest probe {longest_probe}",
        flat.len() / 2
    );
    let mut out = Vec::with_capacity(16 + slot_count * 8 + flat.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(slot_count as u32).to_le_bytes());
    out.extend_from_slice(&(LANGUAGES.len() as u32).to_le_bytes());
    for (fp, packed) in slots {
        out.extend_from_slice(&fp.to_le_bytes());
        out.extend_from_slice(&packed.to_le_bytes());
    }
    out.extend_from_slice(&flat);
    out
}

fn languages_source() -> String {
    let mut source = String::from(
        "// Generated by scripts/language_model (do not edit): the languages of model.bin, by id,\n\
         // with the code the service reports and the script they are written in.\n\
         &[\n",
    );
    for (_, code, script) in LANGUAGES {
        writeln!(source, "    ({code:?}, {script:?}),").expect("writing to a String");
    }
    source.push_str("]\n");
    source
}
