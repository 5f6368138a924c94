//! Evaluates and tunes our language detector on JSONL items (`{"id","lang","text"}` per line).
//!
//! - `cargo run --release --example language_eval -- <file.jsonl>...` prints one tab-separated
//!   line per item: file, id, gold label, ours, our confidence, our second language, whatlang's.
//!   `eval/language/run.py` turns them into the accuracy tables.
//! - `... -- --tune <file.jsonl>...` tunes on the tuning part only (every item but each
//!   language's every 5th, which is held back): it picks the unseen-n-gram floors and the
//!   per-word cap from a small grid, then the prior of each model language the data cover by coordinate ascent within
//!   [`PRIOR_RANGE`] of its frequency tier (the others keep their tier), then the confidence
//!   scale; it writes `data/language/priors.rs` and prints
//!   the floors and scale to put in `src/analysis/language/detector.rs`.
//! - `... -- --names <own tuning.jsonl> <own held-out.jsonl> <dev file.jsonl>...` prints, for
//!   each weight of a capitalised word (`Params::name_weight`, 0 to 4 quarters), the macro
//!   accuracy on the development files' tuning part and held-back part and how many of our own
//!   news headlines with names (`eval/language/names_*.jsonl`) come back right.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};

use textanalytics::analysis::language::detector::{self, Params};
use textanalytics::analysis::language::model::LANGUAGES;

/// Priors start from how widely a language is written: these get 1.5 nats…
const COMMON: &[&str] = &["eng", "spa", "fra", "deu", "por", "rus", "ita", "ara"];
/// …these 0.75, the others 0.
const FREQUENT: &[&str] = &["nld", "pol", "tur", "ind", "vie", "swe", "ukr", "pes", "hin", "ces", "ron", "hun", "fin", "dan", "nob"];
/// Tuning moves a prior at most this far from its tier (nats).
const PRIOR_RANGE: (f32, f32) = (-3.0, 1.5);
const PRIOR_STEP: f32 = 0.5;
/// Share of the answers with confidence ≥ 0.9 that must be right on the tuning part.
const TARGET_PRECISION: f64 = 0.93;
/// Per-word caps tried (quantised steps of 1/8 nat).
const WORD_CAPS: [u32; 4] = [u32::MAX, 160, 96, 64];

struct Item {
    file: String,
    id: String,
    gold: String,
    text: String,
    held_out: bool,
}

fn load(paths: &[String]) -> Vec<Item> {
    let mut items = Vec::new();
    for path in paths {
        let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for line in BufReader::new(file).lines() {
            let line = line.unwrap_or_else(|e| panic!("{path}: {e}"));
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
            let field = |key: &str| value.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let gold = field("lang");
            let index = seen.entry(gold.clone()).or_insert(0);
            let held_out = *index % 5 == 4;
            *index += 1;
            items.push(Item { file: name.clone(), id: field("id"), gold, text: field("text"), held_out });
        }
    }
    items
}

fn tier(code: &str) -> f32 {
    if COMMON.contains(&code) {
        1.5
    } else if FREQUENT.contains(&code) {
        0.75
    } else {
        0.0
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--tune") => tune(&load(&args[1..])),
        Some("--names") if args.len() >= 4 => names(&load(&args[1..2]), &load(&args[2..3]), &load(&args[3..])),
        _ => report(&load(&args)),
    }
}

fn report(items: &[Item]) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for item in items {
        let ranked = detector::detect(&item.text).ranked;
        let (code, confidence) = ranked.first().map_or(("und", 0.0), |r| (r.code, r.confidence));
        let second = ranked.get(1).map_or("-", |r| r.code);
        let whatlang = whatlang::detect(&item.text).map_or("und", |info| info.lang().code());
        let split = if item.held_out { "heldout" } else { "tune" };
        writeln!(out, "{}\t{split}\t{}\t{}\t{code}\t{confidence:.4}\t{second}\t{whatlang}", item.file, item.id, item.gold)
            .expect("stdout");
    }
}

/// An item as the tuner sees it: the fixed answer of a script decided alone, or model scores.
enum Scored {
    Fixed(&'static str),
    Model(Vec<(usize, f32)>),
}

fn score_all(items: &[&Item], params: &Params) -> Vec<Scored> {
    items
        .iter()
        .map(|item| {
            let detection = detector::detect_with(&item.text, params);
            let script = detection.script.map(textanalytics::analysis::language::script_name);
            match script {
                Some(name @ ("Latin" | "Cyrillic" | "Arabic" | "Devanagari")) => {
                    Scored::Model(detector::model_scores(&item.text, name, params))
                }
                _ => Scored::Fixed(detection.ranked.first().map_or("und", |r| r.code)),
            }
        })
        .collect()
}

fn best(scores: &[(usize, f32)], priors: &[f32]) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for &(id, s) in scores {
        let total = s + priors[id];
        // Same tie-break as the detector: the smaller code.
        let better = match best {
            None => true,
            Some((best_id, best_total)) => total > best_total || (total == best_total && LANGUAGES[id].0 < LANGUAGES[best_id].0),
        };
        if better {
            best = Some((id, total));
        }
    }
    best.map(|(id, _)| id)
}

/// Macro accuracy over the gold languages.
fn macro_accuracy(items: &[&Item], scored: &[Scored], priors: &[f32]) -> f64 {
    let mut per_language: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (item, scored) in items.iter().zip(scored) {
        let answer = match scored {
            Scored::Fixed(code) => *code,
            Scored::Model(scores) => best(scores, priors).map_or("und", |id| LANGUAGES[id].0),
        };
        let entry = per_language.entry(item.gold.as_str()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(answer == item.gold);
    }
    per_language.values().map(|&(n, right)| right as f64 / n as f64).sum::<f64>() / per_language.len().max(1) as f64
}

fn tune(items: &[Item]) {
    let tuning: Vec<&Item> = items.iter().filter(|item| !item.held_out).collect();
    let tiers: Vec<f32> = LANGUAGES.iter().map(|&(code, _)| tier(code)).collect();
    let floors: [[u8; 6]; 3] = [
        [0, 176, 160, 160, 168, 176],
        [0, 192, 176, 168, 168, 168],
        [0, 208, 192, 184, 184, 184],
    ];
    let mut chosen: Option<([u8; 6], u32, f64)> = None;
    for floor in floors {
        for word_cap in WORD_CAPS {
            let params = Params { floor, confidence_scale: 1.0, word_cap, priors: &tiers, ..Params::SHIPPED };
            let scored = score_all(&tuning, &params);
            let accuracy = macro_accuracy(&tuning, &scored, &tiers);
            eprintln!("floor {floor:?}, word cap {word_cap}: macro {:.4} with tier priors", accuracy);
            if chosen.is_none_or(|(_, _, best)| accuracy > best) {
                chosen = Some((floor, word_cap, accuracy));
            }
        }
    }
    let Some((floor, word_cap, _)) = chosen else { return };
    let params = Params { floor, confidence_scale: 1.0, word_cap, priors: &tiers, ..Params::SHIPPED };
    let scored = score_all(&tuning, &params);
    let mut priors = tiers.clone();
    let mut current = macro_accuracy(&tuning, &scored, &priors);
    // Only languages the development data covers are tuned: pushing down the others would buy
    // accuracy on these data at those languages' cost, unseen.
    let covered: Vec<usize> =
        (0..priors.len()).filter(|&id| tuning.iter().any(|item| item.gold == LANGUAGES[id].0)).collect();
    for round in 0..3 {
        for &id in &covered {
            let mut value = tiers[id] + PRIOR_RANGE.0;
            while value <= tiers[id] + PRIOR_RANGE.1 + 1e-6 {
                let previous = priors[id];
                priors[id] = value;
                let accuracy = macro_accuracy(&tuning, &scored, &priors);
                // Only a real gain moves a prior; ties keep it nearer its tier.
                if accuracy > current + 1e-9 || (accuracy >= current - 1e-9 && (value - tiers[id]).abs() < (previous - tiers[id]).abs()) {
                    current = accuracy;
                } else {
                    priors[id] = previous;
                }
                value += PRIOR_STEP;
            }
        }
        eprintln!("round {round}: macro {current:.4}");
    }
    let scale = calibrate(&tuning, &scored, &priors);
    // The held-back part, scored with the tuned priors: the figure to compare, never tuned on;
    // over the languages `eval/language/run.py` averages (whatlang's: not Irish or Yiddish).
    let held_out: Vec<&Item> =
        items.iter().filter(|item| item.held_out && !["gle", "yid"].contains(&item.gold.as_str())).collect();
    let held_out_scored = score_all(&held_out, &params);
    println!(
        "held-back macro accuracy: {:.4} with the tier priors, {:.4} with the tuned ones",
        macro_accuracy(&held_out, &held_out_scored, &tiers),
        macro_accuracy(&held_out, &held_out_scored, &priors)
    );
    let mut source = String::from(
        "// Generated by `cargo run --release --example language_eval -- --tune` (do not edit): each model\n\
         // language's prior in nats, by id (the order of languages.rs).\n[\n",
    );
    for (id, prior) in priors.iter().enumerate() {
        source.push_str(&format!("    {prior:.2}, // {}\n", LANGUAGES[id].0));
    }
    source.push_str("]\n");
    std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/data/language/priors.rs"), source).expect("write priors.rs");
    println!("FLOOR = {floor:?}\nWORD_CAP = {word_cap}\nCONFIDENCE_SCALE = {scale}\ntuning macro accuracy {current:.4}");
}

/// The name weight's effect: development macro accuracy (tuning and held-back parts, shipped
/// priors) and our own headlines right, per weight.
fn names(own_tuning: &[Item], own_held_out: &[Item], dev: &[Item]) {
    let part = |held_out: bool| -> Vec<&Item> {
        dev.iter().filter(|item| item.held_out == held_out && !["gle", "yid"].contains(&item.gold.as_str())).collect()
    };
    let (tuning, held_back) = (part(false), part(true));
    for name_weight in 0..=detector::FULL_WEIGHT {
        let params = Params { name_weight, ..Params::SHIPPED };
        let accuracy = |items: &[&Item]| macro_accuracy(items, &score_all(items, &params), params.priors);
        let right = |items: &[Item]| {
            let wrong: Vec<String> = items
                .iter()
                .filter_map(|item| {
                    let code = detector::detect_with(&item.text, &params).ranked.first().map_or("und", |r| r.code);
                    (code != item.gold).then(|| format!("{code}: {}", item.text))
                })
                .collect();
            (items.len() - wrong.len(), wrong)
        };
        let ((tuned_right, wrong), (held_right, held_wrong)) = (right(own_tuning), right(own_held_out));
        println!(
            "name weight {name_weight}/{}: dev tuning macro {:.4}, dev held-back {:.4}; own headlines tuning {tuned_right}/{}, held-out {held_right}/{}",
            detector::FULL_WEIGHT,
            accuracy(&tuning),
            accuracy(&held_back),
            own_tuning.len(),
            own_held_out.len(),
        );
        for line in wrong.iter().chain(&held_wrong) {
            println!("    {line}");
        }
    }
}

/// The largest confidence scale (of a grid) at which the tuning answers with confidence ≥ 0.9
/// are right at least [`TARGET_PRECISION`] of the time.
fn calibrate(items: &[&Item], scored: &[Scored], priors: &[f32]) -> f32 {
    let mut chosen = 0.05;
    for step in 1..=40 {
        let scale = step as f32 * 0.05;
        let params = Params { floor: [0; 6], confidence_scale: scale, word_cap: 0, priors, ..Params::SHIPPED };
        let (mut confident, mut right) = (0usize, 0usize);
        for (item, scored) in items.iter().zip(scored) {
            let Scored::Model(scores) = scored else { continue };
            let ranked = detector::rank(scores, &params);
            if let Some(top) = ranked.first().filter(|r| r.confidence >= 0.9) {
                confident += 1;
                right += usize::from(top.code == item.gold);
            }
        }
        let precision = right as f64 / confident.max(1) as f64;
        eprintln!("scale {scale:.2}: {confident} answers ≥ 0.9, {:.4} right", precision);
        if precision >= TARGET_PRECISION {
            chosen = scale;
        }
    }
    chosen
}
