//! Reading the NER development corpora (CoNLL-2003, CoNLL-2002, GermEval 2014) into documents
//! of text with gold name spans, for `train_ner` (`eval/entities/dev.py` builds the same texts).
//!
//! Tokens are joined by spaces except before closing punctuation and after an opening bracket,
//! so the text reads like an article and the core tokenises it as it would one.

use std::fs;
use std::path::Path;

/// A gold name: byte range in the text and type index (PER, ORG, LOC, MISC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub kind: usize,
}

pub struct CorpusDocument {
    pub text: String,
    pub gold: Vec<GoldSpan>,
}

/// Sentences per document where a corpus has no document markers.
const SENTENCES_PER_CHUNK: usize = 20;

fn type_index(class: &str) -> Option<usize> {
    match class {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        "MISC" | "OTH" => Some(3),
        // GermEval's derivations and parts (`deutschen`, `EU-weit`) are no names.
        _ => None,
    }
}

fn glued_to_previous(token: &str) -> bool {
    matches!(token, "," | "." | ";" | ":" | "?" | "!" | ")" | "]" | "'s" | "%" | "n't")
}

/// Builds one document from sentences of (token, label) pairs, labels in IOB1 or IOB2.
fn document(sentences: &[Vec<(String, String)>]) -> CorpusDocument {
    let mut text = String::new();
    let mut gold = Vec::new();
    for sentence in sentences {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let mut open: Option<(usize, usize, usize)> = None; // start, end, type
        let mut previous_token = "";
        for (token, label) in sentence {
            if !text.is_empty() && !text.ends_with('\n') && !glued_to_previous(token) && !matches!(previous_token, "(" | "[") {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(token);
            let end = text.len();
            previous_token = token;
            let (prefix, class) = label.split_once('-').unwrap_or(("O", ""));
            let kind = if label == "O" { None } else { type_index(class) };
            match (kind, open) {
                (Some(k), Some((s, _, t))) if t == k && prefix == "I" => open = Some((s, end, t)),
                (Some(k), _) => {
                    if let Some((s, e, t)) = open.take() {
                        gold.push(GoldSpan { start: s, end: e, kind: t });
                    }
                    open = Some((start, end, k));
                }
                (None, _) => {
                    if let Some((s, e, t)) = open.take() {
                        gold.push(GoldSpan { start: s, end: e, kind: t });
                    }
                }
            }
        }
        if let Some((s, e, t)) = open.take() {
            gold.push(GoldSpan { start: s, end: e, kind: t });
        }
    }
    CorpusDocument { text, gold }
}

/// Reads a corpus file: `token … label` lines (CoNLL), or GermEval's `index token outer inner`.
pub fn read(path: &Path) -> Vec<CorpusDocument> {
    let raw = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let germeval = path.extension().is_some_and(|e| e == "tsv");
    let mut documents = Vec::new();
    let mut sentences: Vec<Vec<(String, String)>> = Vec::new();
    let mut sentence: Vec<(String, String)> = Vec::new();
    let mut has_markers = false;
    let flush_document = |sentences: &mut Vec<Vec<(String, String)>>, documents: &mut Vec<CorpusDocument>| {
        if !sentences.is_empty() {
            documents.push(document(sentences));
            sentences.clear();
        }
    };
    for line in raw.lines() {
        if line.starts_with("-DOCSTART-") {
            has_markers = true;
            if !sentence.is_empty() {
                sentences.push(std::mem::take(&mut sentence));
            }
            flush_document(&mut sentences, &mut documents);
            continue;
        }
        if line.starts_with('#') && germeval {
            continue;
        }
        let fields: Vec<&str> = if germeval { line.split('\t').collect() } else { line.split(' ').collect() };
        if line.trim().is_empty() {
            if !sentence.is_empty() {
                sentences.push(std::mem::take(&mut sentence));
                // GermEval's sentences come from unrelated pages: each is a document.
                if germeval || (!has_markers && sentences.len() >= SENTENCES_PER_CHUNK) {
                    flush_document(&mut sentences, &mut documents);
                }
            }
            continue;
        }
        let (token, label) = if germeval {
            (fields.get(1).copied().unwrap_or(""), fields.get(2).copied().unwrap_or("O"))
        } else {
            (fields[0], fields.last().copied().unwrap_or("O"))
        };
        sentence.push((token.to_string(), label.to_string()));
    }
    if !sentence.is_empty() {
        sentences.push(sentence);
    }
    flush_document(&mut sentences, &mut documents);
    documents
}

/// The training and development files of a language, relative to the corpus folder.
pub fn files(language: &str) -> (Option<&'static str>, &'static str) {
    match language {
        "en" => (Some("conll2003/eng.train"), "conll2003/eng.testa"),
        "es" => (Some("conll2002/esp.train"), "conll2002/esp.testa"),
        "nl" => (Some("conll2002/ned.train"), "conll2002/ned.testa"),
        "de" => (None, "germeval2014/NER-de-dev.tsv"),
        other => panic!("no NER data for language {other}"),
    }
}
