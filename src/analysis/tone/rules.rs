//! The rules that turn one sentence's tokens into tone markers: lexicon and multi-word
//! entries, negation, degree words, hedges, contrast, ALL CAPS and exclamation emphasis.
//!
//! The rule constants are VADER's empirically derived ones (Hutto & Gilbert 2014) where VADER
//! has the rule; hedges and clause-bounded windows are ours. Every effect is visible as a
//! marker, and the sentence's valence sum is exactly the sum of its markers' valences.

use std::ops::Range;

use super::lexicon::{Lexicon, Modifier, PhraseEffect};
use super::quotes::SpeechCursor;
use super::{ToneMarker, ToneMarkerKind};
use crate::analysis::document::{Document, Token, TokenKind};
use crate::analysis::TextSpan;

/// Added in the direction of the valence of an ALL CAPS lexicon word in mixed-case text.
const CAPS_INCREMENT: f32 = 0.733;
/// What a negation multiplies the valence by: flipped and damped ("not good" is not "bad").
const NEGATION_SCALAR: f32 = -0.74;
/// How a degree word's effect fades with distance (1, 2, 3 words before the lexicon word).
const DEGREE_DECAY: [f32; 3] = [1.0, 0.95, 0.9];
/// How far back (in words, within the clause) negation and degree words reach.
const MODIFIER_WINDOW: usize = 3;
/// `no` reaches less far than other negations ("no problem", "no real problem").
const NO_WINDOW: usize = 2;
/// How far back (in words, within the clause) a hedge reaches.
const HEDGE_WINDOW: usize = 6;
/// `never so`/`never this` before a lexicon word intensify it instead of negating it.
const NEVER_SO_FACTOR: f32 = 1.25;
/// Weight of the clause before and after a contrast word.
const BEFORE_CONTRAST: f32 = 0.5;
const AFTER_CONTRAST: f32 = 1.5;
/// Each `!` (up to four) adds this much in the direction of the sentence's valence.
const EXCLAMATION_INCREMENT: f32 = 0.292;
const MAX_EXCLAMATIONS: usize = 4;
/// Two or three `?` add this much each; more add [`MANY_QUESTIONS_INCREMENT`] in all.
const QUESTION_INCREMENT: f32 = 0.18;
const MANY_QUESTIONS_INCREMENT: f32 = 0.96;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordKind {
    Text,
    Emoticon,
    Emoji,
    /// Numbers and URLs: words that carry no valence but count for windows and shares.
    Other,
}

/// What the rules add to one of the document's words (a token, or a hyphenated compound).
#[derive(Clone, Debug)]
struct Scored {
    /// Index into [`Document::words`].
    word: usize,
    span: TextSpan,
    kind: WordKind,
    /// ALL CAPS, unless a hashtag (`#TAG` is no shouting).
    all_caps: bool,
    title_case: bool,
    clause: u32,
    quoted: bool,
}

impl Scored {
    /// The form the lexicon is looked up by: lower case (curly apostrophes made straight), or
    /// an emoticon as written (`:D`, `XD` are case-sensitive).
    fn form<'d>(&self, document: &'d Document) -> &'d str {
        let word = &document.words[self.word];
        match self.kind {
            WordKind::Emoticon => document.slice(word.span),
            _ => document.word_lower(word),
        }
    }
}

/// A word or a matched multi-word entry, with what the lexicon says about it.
#[derive(Clone, Debug)]
struct Unit {
    /// Where the marker goes: the head word of a headed phrase, else the whole unit.
    span: TextSpan,
    words: Range<usize>,
    /// The phrase that matched, if one did.
    phrase: Option<u32>,
    valence: Option<f32>,
    modifier: Option<Modifier>,
    clause: u32,
    quoted: bool,
    all_caps: bool,
}

/// Buffers reused across sentences so scoring allocates nothing per token.
#[derive(Default)]
pub struct Scratch {
    words: Vec<Scored>,
    units: Vec<Unit>,
    /// Per unit: whether it modified a lexicon word (and so becomes a marker).
    used: Vec<bool>,
    hits: Vec<Hit>,
}

/// A lexicon word's valence while the rules work on it.
#[derive(Clone, Copy, Debug)]
struct Hit {
    unit: usize,
    valence: f32,
    negated: bool,
}

/// What one sentence contributed, besides its markers.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SentenceCounts {
    /// Word and number tokens (as `stats.words` counts them).
    pub words: usize,
    /// Lexicon hits scored positive and negative after modifiers.
    pub positive_words: usize,
    pub negative_words: usize,
    /// Words that are neither a hit nor part of one (VADER's neutral count).
    pub neutral_words: usize,
    /// Words inside speech regions.
    pub quoted_words: usize,
}

/// Scores the tokens `tokens` of one sentence, appending its markers to `markers`.
pub fn score_sentence(
    document: &Document,
    tokens: Range<usize>,
    lexicon: &Lexicon,
    speech: &mut SpeechCursor<'_>,
    scratch: &mut Scratch,
    markers: &mut Vec<ToneMarker>,
) -> SentenceCounts {
    let mut counts = SentenceCounts::default();
    let emphasis = collect_words(document, tokens, speech, scratch, &mut counts);
    build_units(document, lexicon, scratch);
    let first_marker = markers.len();
    apply_rules(document, lexicon, scratch, markers, &mut counts);
    exclamation_markers(document, &emphasis, first_marker, markers);
    counts
}

/// The `!` and `?` tokens of the sentence, for emphasis.
#[derive(Default)]
struct Punctuation {
    exclamations: Vec<(TextSpan, usize, bool)>,
    questions: Vec<(TextSpan, usize, bool)>,
}

fn collect_words(
    document: &Document,
    tokens: Range<usize>,
    speech: &mut SpeechCursor<'_>,
    scratch: &mut Scratch,
    counts: &mut SentenceCounts,
) -> Punctuation {
    let Scratch { words, .. } = scratch;
    words.clear();
    let mut punctuation = Punctuation::default();
    let skip = document.dateline.as_ref().map(|d| d.span);
    let first_token = tokens.start;
    let all_tokens = &document.tokens[tokens];
    let mut clause = 0u32;
    let mut index = 0;
    while index < all_tokens.len() {
        let token = all_tokens[index];
        index += 1;
        if skip.is_some_and(|s| s.contains(token.span)) {
            continue;
        }
        let text = document.slice(token.span);
        let quoted = speech.contains(token.span);
        if token.kind.is_wordlike() {
            counts.words += 1;
            counts.quoted_words += usize::from(quoted);
        }
        let glued = |at: usize, mark: &str| {
            all_tokens
                .get(at)
                .is_some_and(|t: &Token| document.slice(t.span) == mark)
                && (all_tokens[at].span.end == token.span.start
                    || all_tokens[at].span.start == token.span.end)
        };
        let before = index.checked_sub(2);
        let after_mark = |mark: &str| before.is_some_and(|b| glued(b, mark));
        // `@handle` and `&gt;` are names and markup, not words; `#TAG` is no shouting.
        let markup = after_mark("@") || (after_mark("&") && glued(index, ";"));
        let hashtag = after_mark("#");
        let kind = match token.kind {
            TokenKind::Word if markup => WordKind::Other,
            TokenKind::Word => WordKind::Text,
            TokenKind::Emoticon => WordKind::Emoticon,
            TokenKind::Emoji => WordKind::Emoji,
            TokenKind::Number | TokenKind::Url => WordKind::Other,
            TokenKind::Punctuation => {
                let exclamations = text.matches('!').count();
                let questions = text.matches('?').count();
                if exclamations > 0 {
                    punctuation
                        .exclamations
                        .push((token.span, exclamations, quoted));
                } else if questions > 0 {
                    punctuation.questions.push((token.span, questions, quoted));
                }
                if text.chars().any(is_clause_break) {
                    clause += 1;
                }
                continue;
            }
            TokenKind::Clitic | TokenKind::Symbol => continue,
        };
        // Every word-like token of a sentence starts or continues one of the document's words.
        let Some(word_index) = document.word_of_token(first_token + index - 1) else { continue };
        let word = &document.words[word_index];
        if matches!(kind, WordKind::Emoticon | WordKind::Emoji) {
            // A face stands on its own: no word before it modifies it, and it modifies nothing.
            clause += 1;
        }
        // A compound's further parts (`jaw-dropping`) are words of `stats` too.
        let further_parts = word.tokens.len() / 2;
        counts.words += further_parts;
        counts.quoted_words += further_parts * usize::from(quoted);
        index += 2 * further_parts;
        words.push(Scored {
            word: word_index,
            span: word.span,
            kind,
            all_caps: word.casing.is_all_caps() && !hashtag,
            title_case: word.casing.is_title_case(),
            clause,
            quoted,
        });
        if matches!(kind, WordKind::Emoticon | WordKind::Emoji) {
            clause += 1;
        }
    }
    punctuation
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '(' | ')' | '“' | '”' | '"' | '«' | '»' | '—' | '–'
    )
}

/// Groups words into units: multi-word entries (longest first) or single words.
fn build_units(document: &Document, lexicon: &Lexicon, scratch: &mut Scratch) {
    let Scratch { words, units, .. } = scratch;
    units.clear();
    let text_of = |w: &Scored| w.form(document);
    let text_words = words.iter().filter(|w| w.kind == WordKind::Text).count();
    let title_words = words
        .iter()
        .skip(1)
        .filter(|w| w.kind == WordKind::Text && w.title_case)
        .count();
    // In running text a capitalised word next to another is part of a name ("Opal Divine",
    // "Hope Street"); in a headline in title case, capitals say nothing.
    let names_stand_out = title_words * 2 < text_words;
    let in_name = |index: usize| {
        let word = &words[index];
        let title = |i: usize| {
            words
                .get(i)
                .is_some_and(|w| w.title_case && w.kind == WordKind::Text)
        };
        names_stand_out && index > 0 && word.title_case && (title(index - 1) || title(index + 1))
    };
    let mut index = 0;
    while index < words.len() {
        let word = &words[index];
        let entry = match word.kind {
            WordKind::Text => lexicon.entry(text_of(word)),
            WordKind::Emoticon => lexicon
                .entry(text_of(word))
                .or_else(|| lexicon.entry(&text_of(word).to_lowercase())),
            WordKind::Emoji | WordKind::Other => None,
        };
        let matched = entry.and_then(|entry| {
            entry.phrases.iter().copied().find(|&p| {
                let phrase = lexicon.phrase(p);
                index + phrase.words.len() <= words.len()
                    && phrase
                        .words
                        .iter()
                        .zip(&words[index..])
                        .all(|(pw, w)| **pw == *text_of(w))
                    && words[index..index + phrase.words.len()]
                        .iter()
                        .all(|w| w.clause == word.clause)
            })
        });
        if let Some(p) = matched {
            let phrase = lexicon.phrase(p);
            let end = index + phrase.words.len();
            let whole = TextSpan::new(word.span.start, words[end - 1].span.end);
            let (span, valence, modifier) = match phrase.effect {
                PhraseEffect::Valence { valence, head } => {
                    let span = head.map_or(whole, |h| words[index + h].span);
                    (span, (valence != 0.0).then_some(valence), None)
                }
                PhraseEffect::Modifier(modifier) => (whole, None, Some(modifier)),
            };
            let all_caps = words[index..end].iter().all(|w| w.all_caps);
            units.push(Unit {
                span,
                words: index..end,
                phrase: Some(p),
                valence,
                modifier,
                clause: word.clause,
                quoted: word.quoted,
                all_caps,
            });
            index = end;
            continue;
        }
        let mut valence = entry.and_then(|e| e.valence).filter(|_| !in_name(index));
        let mut modifier = entry.and_then(|e| e.modifier);
        if modifier.is_none() && word.kind == WordKind::Text && text_of(word).contains("n't") {
            modifier = Some(Modifier::Negation);
        }
        if word.kind == WordKind::Emoji {
            valence = lexicon.emoji(text_of(word));
        }
        // A capitalised hedge mid-sentence is a name or a month ("May"), not a hedge.
        if matches!(modifier, Some(Modifier::Hedge(_))) && word.title_case && index > 0 {
            modifier = None;
        }
        units.push(Unit {
            span: word.span,
            words: index..index + 1,
            phrase: None,
            valence,
            modifier,
            clause: word.clause,
            quoted: word.quoted,
            all_caps: word.all_caps,
        });
        index += 1;
    }
}

fn apply_rules(
    document: &Document,
    lexicon: &Lexicon,
    scratch: &mut Scratch,
    markers: &mut Vec<ToneMarker>,
    counts: &mut SentenceCounts,
) {
    let Scratch {
        words,
        units,
        used,
        hits,
        ..
    } = scratch;
    used.clear();
    used.resize(units.len(), false);
    hits.clear();
    let caps_stand_out = {
        let text_words = words
            .iter()
            .filter(|w| w.kind == WordKind::Text && w.span.len() > 1);
        let (mut caps, mut other) = (false, false);
        for word in text_words {
            if word.all_caps {
                caps = true;
            } else {
                other = true;
            }
        }
        caps && other
    };
    let lower_of = |unit: &Unit| words[unit.words.start].form(document);
    let mut emphasis_units = Vec::new();

    for (index, unit) in units.iter().enumerate() {
        let Some(base) = unit.valence else { continue };
        // A negation or shifter that is also a lexicon word ("no", "stop") counts as a word
        // only when it modifies nothing; decided after the loop.
        if unit.modifier.is_some() {
            continue;
        }
        let sign = base.signum();
        let mut valence = base;
        if unit.all_caps && caps_stand_out {
            valence += sign * CAPS_INCREMENT;
            emphasis_units.push(index);
        }
        let mut negated = false;
        let window_start = index.saturating_sub(MODIFIER_WINDOW);
        for (distance, before) in (window_start..index).rev().enumerate() {
            let other = &units[before];
            if other.clause != unit.clause {
                break;
            }
            match other.modifier {
                Some(Modifier::Degree(weight)) => {
                    let mut scalar = weight * DEGREE_DECAY[distance];
                    if other.all_caps && caps_stand_out {
                        scalar += CAPS_INCREMENT * weight.signum();
                    }
                    valence += sign * scalar;
                    used[before] = true;
                }
                Some(Modifier::Negation) if distance < NO_WINDOW || lower_of(other) != "no" => {
                    let next_word = units.get(before + 1).map(lower_of);
                    let is_never = lower_of(other) == "never";
                    if is_never && before + 1 < index && matches!(next_word, Some("so" | "this")) {
                        valence *= NEVER_SO_FACTOR;
                    } else {
                        valence *= NEGATION_SCALAR;
                        negated = !negated;
                    }
                    used[before] = true;
                }
                Some(Modifier::Shifter(factor)) if !negated => {
                    valence *= -factor;
                    negated = true;
                    used[before] = true;
                }
                _ => {}
            }
        }
        // "happy he was not": a negation closing the clause reaches back.
        let closing_negation = (index + 1..units.len())
            .take(MODIFIER_WINDOW)
            .take_while(|&after| units[after].clause == unit.clause)
            .find(|&after| {
                let closes_clause = units.get(after + 1).is_none_or(|u| u.clause != unit.clause);
                units[after].modifier == Some(Modifier::Negation) && closes_clause
            });
        if let Some(after) = closing_negation.filter(|_| !negated) {
            valence *= NEGATION_SCALAR;
            negated = true;
            used[after] = true;
        }
        let hedge_start = index.saturating_sub(HEDGE_WINDOW);
        let hedge = (hedge_start..index)
            .rev()
            .take_while(|&b| units[b].clause == unit.clause)
            .find_map(|b| match units[b].modifier {
                Some(Modifier::Hedge(factor)) => Some((b, factor)),
                _ => None,
            });
        if let Some((before, factor)) = hedge {
            valence *= factor;
            used[before] = true;
        }
        hits.push(Hit {
            unit: index,
            valence,
            negated,
        });
    }
    for (index, unit) in units.iter().enumerate() {
        if let (Some(valence), Some(Modifier::Negation | Modifier::Shifter(_))) =
            (unit.valence, unit.modifier)
        {
            if !used[index] {
                hits.push(Hit {
                    unit: index,
                    valence,
                    negated: false,
                });
            }
        }
    }
    hits.sort_by_key(|h| h.unit);

    if let Some(contrast) = units
        .iter()
        .position(|u| u.modifier == Some(Modifier::Contrast))
    {
        for hit in hits.iter_mut() {
            hit.valence *= if hit.unit < contrast {
                BEFORE_CONTRAST
            } else {
                AFTER_CONTRAST
            };
        }
        used[contrast] = true;
    }
    // Hedges mark uncertainty even when they qualify no lexicon word.
    for (index, unit) in units.iter().enumerate() {
        if matches!(unit.modifier, Some(Modifier::Hedge(_))) {
            used[index] = true;
        }
    }

    let hit_words: usize = hits.iter().map(|h| units[h.unit].words.len()).sum();
    counts.neutral_words += words.len().saturating_sub(hit_words);
    for hit in hits.iter() {
        let unit = &units[hit.unit];
        if hit.valence == 0.0 {
            continue;
        }
        let kind = if hit.valence > 0.0 {
            counts.positive_words += 1;
            ToneMarkerKind::Positive
        } else {
            counts.negative_words += 1;
            ToneMarkerKind::Negative
        };
        markers.push(marker(
            document,
            lexicon,
            words,
            unit,
            kind,
            hit.valence,
            hit.negated,
        ));
    }
    for (index, unit) in units.iter().enumerate() {
        if !used[index] {
            continue;
        }
        let kind = match unit.modifier {
            Some(Modifier::Negation | Modifier::Shifter(_)) => ToneMarkerKind::Negation,
            Some(Modifier::Degree(w)) if w > 0.0 => ToneMarkerKind::Intensifier,
            Some(Modifier::Degree(_)) => ToneMarkerKind::Downtoner,
            Some(Modifier::Hedge(_)) => ToneMarkerKind::Hedge,
            Some(Modifier::Contrast) => ToneMarkerKind::Contrast,
            None => continue,
        };
        markers.push(marker(document, lexicon, words, unit, kind, 0.0, false));
    }
    for &index in &emphasis_units {
        markers.push(marker(
            document,
            lexicon,
            words,
            &units[index],
            ToneMarkerKind::Emphasis,
            0.0,
            false,
        ));
    }
}

fn marker(
    document: &Document,
    lexicon: &Lexicon,
    words: &[Scored],
    unit: &Unit,
    kind: ToneMarkerKind,
    valence: f32,
    negated: bool,
) -> ToneMarker {
    let text = document.slice(unit.span).to_string();
    let entry = match unit.phrase {
        Some(p) => lexicon.phrase(p).text.to_string(),
        None => words[unit.words.start].form(document).to_string(),
    };
    ToneMarker {
        text,
        span: unit.span,
        valence,
        kind,
        negated,
        quoted: unit.quoted,
        entry,
    }
}

/// `!` always becomes an emphasis marker; it carries the increment it adds to the sentence
/// (in the direction of the sentence's valence, 0 when the sentence has none), as do 2+ `?`.
fn exclamation_markers(
    document: &Document,
    punctuation: &Punctuation,
    first_marker: usize,
    markers: &mut Vec<ToneMarker>,
) {
    let sum: f32 = markers[first_marker..].iter().map(|m| m.valence).sum();
    let sign = if sum > 0.0 {
        1.0
    } else if sum < 0.0 {
        -1.0
    } else {
        0.0
    };
    let mut remaining = MAX_EXCLAMATIONS;
    for &(span, count, quoted) in &punctuation.exclamations {
        let counted = count.min(remaining);
        remaining -= counted;
        let valence = sign * EXCLAMATION_INCREMENT * counted as f32;
        markers.push(punctuation_marker(document, span, valence, quoted));
    }
    let questions: usize = punctuation.questions.iter().map(|q| q.1).sum();
    if questions > 1 {
        let total = if questions <= 3 {
            QUESTION_INCREMENT * questions as f32
        } else {
            MANY_QUESTIONS_INCREMENT
        };
        for &(span, count, quoted) in &punctuation.questions {
            let valence = sign * total * count as f32 / questions as f32;
            markers.push(punctuation_marker(document, span, valence, quoted));
        }
    }
}

fn punctuation_marker(
    document: &Document,
    span: TextSpan,
    valence: f32,
    quoted: bool,
) -> ToneMarker {
    let text = document.slice(span).to_string();
    ToneMarker {
        entry: text.clone(),
        text,
        span,
        valence,
        kind: ToneMarkerKind::Emphasis,
        negated: false,
        quoted,
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::ENGLISH;
    use super::super::quotes::SpeechCursor;
    use super::*;
    use crate::analysis::ContentFormat;

    /// Markers of the first sentence of `text`.
    fn markers(text: &str) -> Vec<ToneMarker> {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let mut speech = SpeechCursor::new(&[]);
        let mut markers = Vec::new();
        let tokens = document
            .sentences
            .first()
            .map_or(0..0, |s| s.tokens.clone());
        score_sentence(
            &document,
            tokens,
            &ENGLISH,
            &mut speech,
            &mut Scratch::default(),
            &mut markers,
        );
        markers
    }

    fn valence_of(text: &str, word: &str) -> f32 {
        let found = markers(text);
        found
            .iter()
            .find(|m| {
                m.text == word
                    && matches!(m.kind, ToneMarkerKind::Positive | ToneMarkerKind::Negative)
            })
            .unwrap_or_else(|| panic!("no {word} in {found:?}"))
            .valence
    }

    fn has(text: &str, word: &str, kind: ToneMarkerKind) -> bool {
        markers(text)
            .iter()
            .any(|m| m.text == word && m.kind == kind)
    }

    #[test]
    fn negation_before_within_the_window_and_clause() {
        let good = valence_of("The food was good.", "good");
        assert!(good > 0.0);
        assert!(
            (valence_of("The food was not good.", "good") - good * NEGATION_SCALAR).abs() < 1e-5
        );
        assert!(valence_of("It was never really good.", "good") < 0.0);
        assert!(valence_of("She is no longer happy.", "happy") < 0.0);
        assert!(has(
            "She is no longer happy.",
            "no longer",
            ToneMarkerKind::Negation
        ));
        assert!(valence_of("I did not know, good food helps.", "good") > 0.0);
        assert!(valence_of("Not that it matters much, good.", "good") > 0.0);
    }

    #[test]
    fn negation_closing_the_clause_reaches_back() {
        assert!(valence_of("Happy he was not.", "Happy") < 0.0);
        assert!(valence_of("It is good and not bad.", "good") > 0.0);
    }

    #[test]
    fn degree_words_scale_in_the_direction_of_the_valence() {
        let bad = valence_of("That was bad.", "bad");
        assert!((valence_of("That was very bad.", "bad") - (bad - 0.293)).abs() < 1e-5);
        assert!(valence_of("That was somewhat bad.", "bad") > bad);
        assert!(has(
            "That was very bad.",
            "very",
            ToneMarkerKind::Intensifier
        ));
        assert!(has(
            "That was slightly bad.",
            "slightly",
            ToneMarkerKind::Downtoner
        ));
        assert!(
            !has("The very large room.", "very", ToneMarkerKind::Intensifier),
            "modifies nothing"
        );
    }

    #[test]
    fn contrast_shifts_weight_to_the_second_clause() {
        let text = "The food was good but the service was terrible.";
        assert!(
            (valence_of(text, "good") - valence_of("The food was good.", "good") * 0.5).abs()
                < 1e-5
        );
        assert!(
            (valence_of(text, "terrible") - valence_of("It was terrible.", "terrible") * 1.5).abs()
                < 1e-5
        );
        assert!(has(text, "but", ToneMarkerKind::Contrast));
    }

    #[test]
    fn capitals_stand_out_only_in_mixed_case() {
        let loud = valence_of("The show was GREAT tonight.", "GREAT");
        assert!(
            (loud - (valence_of("The show was great tonight.", "great") + CAPS_INCREMENT)).abs()
                < 1e-5
        );
        assert!(has(
            "The show was GREAT tonight.",
            "GREAT",
            ToneMarkerKind::Emphasis
        ));
        assert!(!has(
            "THE SHOW WAS GREAT TONIGHT.",
            "GREAT",
            ToneMarkerKind::Emphasis
        ));
    }

    #[test]
    fn exclamations_carry_their_increment() {
        let found = markers("What a great day!!!");
        let emphasis: f32 = found
            .iter()
            .filter(|m| m.kind == ToneMarkerKind::Emphasis)
            .map(|m| m.valence)
            .sum();
        assert!(
            (emphasis - 3.0 * EXCLAMATION_INCREMENT).abs() < 1e-5,
            "{found:?}"
        );
        let neutral = markers("Stand up now!");
        assert!(
            neutral.iter().any(|m| m.text == "!" && m.valence == 0.0),
            "{neutral:?}"
        );
    }

    #[test]
    fn hedges_soften_and_are_shown() {
        let plain = valence_of("Rebels killed the mayor.", "killed");
        assert!(valence_of("Rebels reportedly killed the mayor.", "killed") > plain);
        assert!(has(
            "Rebels reportedly killed the mayor.",
            "reportedly",
            ToneMarkerKind::Hedge
        ));
        assert!(has(
            "Talks are expected to resume.",
            "expected to",
            ToneMarkerKind::Hedge
        ));
        assert!(!has("Talks resume in May.", "May", ToneMarkerKind::Hedge));
    }

    #[test]
    fn multi_word_entries_and_neutral_phrases() {
        assert_eq!(
            markers("Interest rates rose in the United States.")
                .iter()
                .filter(|m| m.valence != 0.0)
                .count(),
            0
        );
        let timing = markers("It was bad timing.");
        assert!(
            timing
                .iter()
                .any(|m| m.text == "bad" && m.entry == "bad timing"),
            "{timing:?}"
        );
        assert!(markers("The plan fell flat.")
            .iter()
            .any(|m| m.text == "fell flat" && m.valence < 0.0));
    }

    #[test]
    fn hyphenated_words_are_one_marker() {
        let found = markers("A jaw-dropping hearing.");
        let marker = found
            .iter()
            .find(|m| m.text == "jaw-dropping")
            .expect("joined");
        assert!(marker.valence < 0.0);
    }

    #[test]
    fn handles_and_names_carry_no_valence() {
        assert!(markers("Thanks @happy for the tip.")
            .iter()
            .all(|m| m.text != "happy"));
        assert!(
            markers("Thanks @happy-sad for the tip.").iter().all(|m| !m.text.contains("sad")),
            "a hyphenated handle is markup as a whole"
        );
        assert!(markers("They met on Hope Street yesterday.")
            .iter()
            .all(|m| m.text != "Hope"));
        assert!(markers("Hope is all they have left.")
            .iter()
            .any(|m| m.text == "Hope"));
    }

    #[test]
    fn shifters_reverse_what_follows() {
        assert!(valence_of("The treaty ended the war.", "war") > 0.0);
        assert!(has(
            "The treaty ended the war.",
            "ended",
            ToneMarkerKind::Negation
        ));
    }
}
