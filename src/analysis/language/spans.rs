//! Which parts of a document are in which language: maximal runs of paragraphs (or of
//! sentences, where a paragraph switches language) in one language.
//!
//! 1. The whole content is detected once (the caller's detection). Each paragraph after the
//!    dateline is one unit. A paragraph with fewer than [`MIN_LETTERS`] letters, or whose
//!    beginning — and last sentence, when that sentence could open a run — fits the content's
//!    language ([`detector::plausible`]: a look at 48, then 160 letters with the 3–5-grams), carries the
//!    content's ranking: in a document in one language no paragraph is detected on its own.
//! 2. Any other paragraph is detected on its own. One of several sentences whose first and last
//!    sentence are reliably in two different languages is split into its sentences instead.
//! 3. A unit opens a run of a new language only when its answer is reliable and it has at least
//!    [`MIN_LETTERS`] letters, and the current run's language is not among its alternatives;
//!    otherwise it joins the run before it (a caption, a name, a short quote stays in its
//!    surroundings). Leading units that join nothing go to the first run.
//! 4. Runs cover the text without gaps: each ends where the next begins, the first starts at 0
//!    and the last ends at the text's end. A span's confidence is the letter-weighted mean of
//!    its units' confidence in the span's language.
//!
//! A probe reads at most 160 letters and a detection of its own at most [`UNIT_READ_BYTES`], so the
//! whole costs far less than one pass of the detector over the text.

use super::detector::{self, Ranked};
use crate::analysis::document::Document;
use crate::analysis::TextSpan;

/// A unit with fewer letters never opens a run of its own: captions, bylines and notices of a
/// few words carry names and borrowed words that short-text detection can take for another
/// language.
pub const MIN_LETTERS: usize = 50;
/// A unit is detected on at most its first this many bytes (a paragraph's language shows in its
/// first hundred-odd letters: 98% right at 100–199 characters on the development data; reading
/// whole paragraphs made spans cost more than the rest of the analysis).
const UNIT_READ_BYTES: usize = 200;
/// The confidence a unit needs to open a run.
const RELIABLE: f32 = 0.9;

/// One detected piece of the text.
#[derive(Clone, Debug)]
pub struct Unit {
    pub span: TextSpan,
    pub letters: usize,
    pub ranked: Vec<Ranked>,
}

impl Unit {
    fn detect(text: &str, span: TextSpan) -> Self {
        let piece = &text[span.start..span.end];
        let mut read = piece.len().min(UNIT_READ_BYTES);
        while !piece.is_char_boundary(read) {
            read -= 1;
        }
        Unit { span, letters: letter_count(piece), ranked: detector::detect(&piece[..read]).ranked }
    }

    fn confidence_in(&self, code: &str) -> f32 {
        self.ranked.iter().find(|r| r.code == code).map_or(0.0, |r| r.confidence)
    }

    fn opens_run(&self) -> bool {
        self.letters >= MIN_LETTERS && self.ranked.first().is_some_and(|r| r.confidence >= RELIABLE)
    }
}

/// A run of one language, before it is reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub span: TextSpan,
    /// The detector's code (whatlang's ISO 639-3 where whatlang knows the language).
    pub code: &'static str,
    pub confidence: f32,
    /// Letters of the units in the run, the measure of its share of the text.
    pub letters: usize,
}

/// The units of the document's content (after `content_start`), in text order; `whole` is the
/// detection of the whole content, best first.
pub fn units(document: &Document, content_start: usize, whole: &[Ranked]) -> Vec<Unit> {
    let text = &document.text;
    let fits = |piece: TextSpan| whole.first().is_some_and(|best| detector::plausible(&text[piece.start..piece.end], best.code));
    let mut units = Vec::new();
    let mut sentences = document.sentences.iter().peekable();
    for (index, block) in document.blocks.iter().enumerate() {
        // Each block reads at most a few hundred bytes; a stop leaves the units found so far.
        if crate::analysis::stop_requested() {
            break;
        }
        let span = TextSpan::new(block.span.start.max(content_start), block.span.end.max(content_start));
        let mut own: Vec<TextSpan> = Vec::new();
        while let Some(sentence) = sentences.next_if(|s| s.block <= index) {
            if sentence.block == index && sentence.span.start >= content_start {
                own.push(sentence.span);
            }
        }
        if span.is_empty() {
            continue;
        }
        let letters = letter_count(&text[span.start..span.end]);
        // Only a last sentence of MIN_LETTERS letters could open a run of its own.
        let last = own.last().filter(|s| own.len() > 1 && letter_count(&text[s.start..s.end]) >= MIN_LETTERS);
        if letters < MIN_LETTERS || (fits(span) && last.is_none_or(|&s| fits(s))) {
            units.push(Unit { span, letters, ranked: whole.to_vec() });
            continue;
        }
        let whole_unit = Unit::detect(text, span);
        match (own.first(), own.last()) {
            (Some(&first), Some(&last)) if own.len() > 1 && switches(text, first, last) => {
                units.extend(own.iter().map(|&sentence| Unit::detect(text, sentence)));
            }
            _ => units.push(whole_unit),
        }
    }
    if units.is_empty() && content_start < text.len() {
        let span = TextSpan::new(content_start, text.len());
        units.push(Unit { span, letters: letter_count(&text[content_start..]), ranked: whole.to_vec() });
    }
    units
}

fn letter_count(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// Whether two sentences of a paragraph are reliably in different languages.
fn switches(text: &str, first: TextSpan, last: TextSpan) -> bool {
    let (a, b) = (Unit::detect(text, first), Unit::detect(text, last));
    a.opens_run() && b.opens_run() && a.ranked[0].code != b.ranked[0].code
}

/// Maximal runs of one language over `units`, covering `0..text_len`.
pub fn runs(units: &[Unit], text_len: usize) -> Vec<Run> {
    let mut runs: Vec<(Run, f32)> = Vec::new();
    let mut pending: Vec<&Unit> = Vec::new();
    for unit in units {
        let joins = match runs.last() {
            Some((run, _)) => !unit.opens_run() || unit.ranked.iter().any(|r| r.code == run.code),
            None => !unit.opens_run(),
        };
        match runs.last_mut() {
            Some((run, weighted)) if joins => {
                run.span.end = unit.span.end;
                run.letters += unit.letters;
                *weighted += unit.confidence_in(run.code) * unit.letters as f32;
            }
            None if joins => pending.push(unit),
            _ => {
                let code = unit.ranked[0].code;
                let mut run = Run { span: unit.span, code, confidence: 0.0, letters: unit.letters };
                let mut weighted = unit.confidence_in(code) * unit.letters as f32;
                for earlier in pending.drain(..) {
                    run.span.start = run.span.start.min(earlier.span.start);
                    run.letters += earlier.letters;
                    weighted += earlier.confidence_in(code) * earlier.letters as f32;
                }
                runs.push((run, weighted));
            }
        }
    }
    if runs.is_empty() {
        // No unit was reliable: the whole text is one run in the language most of its letters
        // were given.
        let mut best: Option<(&'static str, usize)> = None;
        let mut letters_by_code: Vec<(&'static str, usize)> = Vec::new();
        for unit in units {
            let Some(top) = unit.ranked.first() else { continue };
            match letters_by_code.iter_mut().find(|(code, _)| *code == top.code) {
                Some((_, letters)) => *letters += unit.letters,
                None => letters_by_code.push((top.code, unit.letters)),
            }
        }
        for &(code, letters) in &letters_by_code {
            if best.is_none_or(|(best_code, most)| letters > most || (letters == most && code < best_code)) {
                best = Some((code, letters));
            }
        }
        let Some((code, _)) = best else { return Vec::new() };
        let letters: usize = units.iter().map(|u| u.letters).sum();
        let weighted: f32 = units.iter().map(|u| u.confidence_in(code) * u.letters as f32).sum();
        runs.push((Run { span: TextSpan::new(0, text_len), code, confidence: 0.0, letters }, weighted));
    }
    let count = runs.len();
    let mut finished: Vec<Run> = Vec::with_capacity(count);
    for (index, (mut run, weighted)) in runs.into_iter().enumerate() {
        run.confidence = if run.letters == 0 { 0.0 } else { (weighted / run.letters as f32).clamp(0.0, 1.0) };
        if index == 0 {
            run.span.start = 0;
        }
        if index + 1 == count {
            run.span.end = text_len;
        }
        if let Some(previous) = finished.last_mut() {
            previous.span.end = run.span.start;
        }
        finished.push(run);
    }
    finished
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(start: usize, end: usize, letters: usize, ranked: &[(&'static str, f32)]) -> Unit {
        Unit {
            span: TextSpan::new(start, end),
            letters,
            ranked: ranked.iter().map(|&(code, confidence)| Ranked { code, confidence }).collect(),
        }
    }

    #[test]
    fn paragraphs_in_two_languages_make_two_runs_covering_the_text() {
        let units = [
            unit(0, 100, 80, &[("eng", 1.0)]),
            unit(102, 200, 80, &[("eng", 0.95), ("sco", 0.05)]),
            unit(202, 300, 80, &[("deu", 1.0)]),
        ];
        let runs = runs(&units, 310);
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!((runs[0].code, runs[0].span, runs[0].letters), ("eng", TextSpan::new(0, 202), 160));
        assert_eq!((runs[1].code, runs[1].span), ("deu", TextSpan::new(202, 310)));
        assert!((runs[0].confidence - 0.975).abs() < 1e-4);
    }

    #[test]
    fn short_or_unsure_units_stay_in_their_surroundings() {
        let units = [
            unit(0, 10, 8, &[("dan", 1.0)]),
            unit(11, 100, 80, &[("eng", 1.0)]),
            unit(101, 120, 15, &[("deu", 1.0)]),
            unit(121, 200, 70, &[("nld", 0.6), ("eng", 0.4)]),
            unit(201, 300, 80, &[("eng", 1.0)]),
        ];
        let runs = runs(&units, 300);
        assert_eq!(runs.len(), 1, "{runs:?}");
        assert_eq!((runs[0].code, runs[0].span), ("eng", TextSpan::new(0, 300)));
    }

    #[test]
    fn without_a_reliable_unit_the_text_is_one_run() {
        let units = [unit(0, 10, 8, &[("dan", 0.5)]), unit(11, 30, 18, &[("nob", 0.6)])];
        let runs = runs(&units, 30);
        assert_eq!(runs.len(), 1);
        assert_eq!((runs[0].code, runs[0].span), ("nob", TextSpan::new(0, 30)));
        assert!(super::runs(&[], 0).is_empty());
    }
}
