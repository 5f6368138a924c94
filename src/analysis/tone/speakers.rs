//! Who said what: one [`Quote`] per speech region, with its attribution verb, its speaker and
//! the tone of what was said.
//!
//! Pipeline. [`find`] (inside tone scoring, before entities exist) looks for an attribution
//! verb next to each region — after it (`“…,” Mr Ruiz wrote`, `…, said Ms Ruiz`,
//! `…, according to the ministry`) or before it in its sentence (`Ruiz said the plan…`,
//! `According to the ministry, …`) — and takes the phrase next to the verb as the speaker: a
//! run of capitalised words, a short noun phrase after a determiner, or a pronoun. A direct
//! quote with no verb that follows an attributed quote in the same paragraph, with no sentence
//! between, continues it and gets the same verb and speaker. [`attribute`] (after entities)
//! resolves the phrase to the entity named inside it, a pronoun to the nearest earlier speaker
//! of the paragraph compatible with it (`he`/`she`: a person; `it`/`they`: an organisation),
//! else to the nearest such entity mentioned before it in the paragraph (up to
//! [`PRONOUN_LOOKBACK`] mentions back), and gives each entity
//! the indices of its quotes and the pooled tone of what it said.

use super::quotes::is_attribution;
use super::{scoring, Tone, ToneMarker, ToneSummary};
use crate::analysis::document::{Document, Token, TokenKind};
use crate::analysis::entities::{Entity, EntityType};
use crate::analysis::TextSpan;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Quote {
    /// The speech region (one of [`Tone::speech`]).
    pub span: TextSpan,
    /// The speaker's entity name when resolved to one, else the phrase as written (`the
    /// ministry`); empty when no speaker was found or a pronoun stayed unresolved.
    pub speaker: String,
    /// Index into the analysis's entities.
    pub speaker_entity: Option<usize>,
    /// The attribution verb as written (`said`, `wrote`, `according to`); empty when none.
    pub verb: String,
    pub verb_span: Option<TextSpan>,
    /// Where the speaker is named next to the verb: a name, a noun phrase or a pronoun.
    pub speaker_span: Option<TextSpan>,
    /// The tone of the region's markers; `markers` lists them.
    pub tone: ToneSummary,
}

/// Tokens after a region in which its attribution verb may stand.
const VERB_AFTER: usize = 6;
/// Tokens before a region (in its sentence) in which its attribution verb may stand.
const VERB_BEFORE: usize = 10;
/// Words of a speaker phrase at most (`Defence Secretary Ana Maria Ruiz`).
const PHRASE_WORDS: usize = 5;
/// Words that may stand between a speaker and a following verb (`Ruiz also said`).
const VERB_ADVERBS: &[&str] = &["also", "then", "later", "again", "has", "had", "have", "previously", "once", "further"];
const DETERMINERS: &[&str] = &["the", "a", "an", "one", "another", "his", "her", "its", "their", "our"];
const PERSON_PRONOUNS: &[&str] = &["he", "she"];
const GROUP_PRONOUNS: &[&str] = &["it", "they"];
/// How many entity mentions back a pronoun with no earlier speaker looks for its referent.
const PRONOUN_LOOKBACK: usize = 20;

/// Quotes for the speech regions, attributed to phrases of the text (not yet to entities).
pub fn find(document: &Document, markers: &[ToneMarker], speech: &[TextSpan]) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::with_capacity(speech.len());
    for &span in speech {
        let first = document.tokens.partition_point(|t| t.span.start < span.start);
        let after = document.tokens.partition_point(|t| t.span.start < span.end);
        // A verb in the next sentence speaks for a direct quote (`“Stop!” Ms Ruiz wrote`, which
        // may be split after the `!`), never for reported speech that ended its sentence.
        let direct = document.slice(span).ends_with(['”', '"', '»', '’', '\'']);
        let limit = if direct {
            document.tokens.len()
        } else {
            after.checked_sub(1).and_then(|last| document.sentence_of(last)).map_or(after, |s| document.sentences[s].tokens.end)
        };
        let attribution = verb_after(document, after, limit).or_else(|| verb_before(document, first));
        let mut quote = Quote { span, tone: region_tone(markers, span), ..Quote::default() };
        if let Some((verb_span, speaker_span)) = attribution {
            quote.verb = document.slice(verb_span).to_string();
            quote.verb_span = Some(verb_span);
            quote.speaker_span = speaker_span;
        } else if let Some(previous) = quotes.last().filter(|p| continues(document, p, span)) {
            quote.verb.clone_from(&previous.verb);
            quote.verb_span = previous.verb_span;
            quote.speaker_span = previous.speaker_span;
        }
        if let Some(phrase) = quote.speaker_span.filter(|s| !is_pronoun(document.slice(*s))) {
            quote.speaker = document.slice(phrase).to_string();
        }
        quotes.push(quote);
    }
    quotes
}

/// The pooled tone of the markers inside `span`.
fn region_tone(markers: &[ToneMarker], span: TextSpan) -> ToneSummary {
    let from = markers.partition_point(|m| m.span.start < span.start);
    let mut summary = ToneSummary::default();
    let (mut sum, mut magnitude) = (0.0f64, 0.0f64);
    for (index, marker) in markers.iter().enumerate().skip(from).take_while(|(_, m)| m.span.end <= span.end) {
        if marker.valence != 0.0 {
            sum += f64::from(marker.valence);
            magnitude += f64::from(marker.valence.abs());
            summary.markers.push(index as u32);
        }
    }
    summary.score = scoring::normalize(sum);
    summary.magnitude = magnitude as f32;
    summary
}

/// Whether a direct quote with no verb of its own continues `previous`: same paragraph, and
/// no sentence starts between the two.
fn continues(document: &Document, previous: &Quote, span: TextSpan) -> bool {
    let opens_with_mark = document.slice(span).starts_with(['“', '"', '«', '‘']);
    let block_of = |offset: usize| document.blocks.partition_point(|b| b.span.end <= offset);
    let sentence_starts_between = {
        let gap_start = previous.verb_span.map_or(previous.span.end, |v| v.end.max(previous.span.end));
        let after_previous = document.sentences.partition_point(|s| s.span.start <= gap_start);
        document.sentences.get(after_previous).is_some_and(|s| s.span.start < span.start && !s.span.contains(span))
    };
    opens_with_mark
        && previous.speaker_span.is_some()
        && block_of(previous.span.start) == block_of(span.start)
        && !sentence_starts_between
}

fn word_is(document: &Document, token: &Token, list: &[&str]) -> bool {
    token.kind == TokenKind::Word && list.iter().any(|w| document.token_text(token).eq_ignore_ascii_case(w))
}

fn is_pronoun(phrase: &str) -> bool {
    PERSON_PRONOUNS.iter().chain(GROUP_PRONOUNS).any(|p| p.eq_ignore_ascii_case(phrase))
}

fn stops_search(document: &Document, token: &Token) -> bool {
    token.is_terminal_punctuation(&document.text)
}

/// `according to` with `according` at `index`: the span of both words.
fn according_to(document: &Document, index: usize) -> Option<TextSpan> {
    let (according, to) = (document.tokens.get(index)?, document.tokens.get(index + 1)?);
    (word_is(document, according, &["according"]) && word_is(document, to, &["to"]))
        .then(|| TextSpan::new(according.span.start, to.span.end))
}

/// An attribution verb right after a region (`“…,” Mr Ruiz wrote`, `…, said Ms Ruiz`), before
/// token `limit`, and the speaker phrase next to it.
fn verb_after(document: &Document, after: usize, limit: usize) -> Option<(TextSpan, Option<TextSpan>)> {
    let tokens = &document.tokens;
    let end = (after + VERB_AFTER).min(limit).min(tokens.len());
    for (index, token) in tokens.iter().enumerate().take(end).skip(after) {
        if stops_search(document, token) {
            return None;
        }
        if let Some(verb) = according_to(document, index) {
            return Some((verb, phrase_forward(document, index + 2)));
        }
        if is_attribution(document, token) {
            let between = phrase_backward(document, after, index);
            return Some((token.span, between.or_else(|| phrase_forward(document, index + 1))));
        }
    }
    None
}

/// An attribution verb before a region in its sentence (`Ruiz said the plan…`,
/// `According to the ministry, …`) and the speaker phrase next to it.
fn verb_before(document: &Document, first: usize) -> Option<(TextSpan, Option<TextSpan>)> {
    let tokens = &document.tokens;
    let sentence_start = document.sentence_of(first).map_or(first, |s| document.sentences[s].tokens.start);
    let floor = first.saturating_sub(VERB_BEFORE).max(sentence_start);
    for index in (floor..first).rev() {
        let token = &tokens[index];
        if stops_search(document, token) {
            return None;
        }
        if let Some(verb) = according_to(document, index) {
            return Some((verb, phrase_forward(document, index + 2)));
        }
        if is_attribution(document, token) {
            return Some((token.span, phrase_backward(document, sentence_start, index).or_else(|| phrase_forward(document, index + 1))));
        }
    }
    None
}

/// The speaker phrase ending right before token `end` (not before `floor`): a pronoun, a run
/// of capitalised words, or a determiner and up to two more words (`the city council`).
fn phrase_backward(document: &Document, floor: usize, end: usize) -> Option<TextSpan> {
    let tokens = &document.tokens;
    let mut last = end;
    while last > floor && word_is(document, &tokens[last - 1], VERB_ADVERBS) {
        last -= 1;
    }
    let word = tokens.get(last.checked_sub(1)?).filter(|t| t.kind == TokenKind::Word && last > floor)?;
    if is_pronoun(document.token_text(word)) {
        return Some(word.span);
    }
    if word.is_capitalized(&document.text) {
        let run = tokens[floor..last]
            .iter()
            .rev()
            .take(PHRASE_WORDS)
            .take_while(|t| t.kind == TokenKind::Word && t.is_capitalized(&document.text))
            .count();
        return phrase_of(document, last - run, last);
    }
    let determiner = (last.saturating_sub(3).max(floor)..last - 1)
        .rev()
        .take_while(|&i| tokens[i].kind == TokenKind::Word)
        .find(|&i| word_is(document, &tokens[i], DETERMINERS))?;
    phrase_of(document, determiner, last)
}

/// The speaker phrase starting at token `start`: a pronoun, a run of capitalised words, or a
/// determiner and the words up to the next punctuation (at most [`PHRASE_WORDS`]).
fn phrase_forward(document: &Document, start: usize) -> Option<TextSpan> {
    let tokens = &document.tokens;
    let first = tokens.get(start).filter(|t| t.kind == TokenKind::Word)?;
    if is_pronoun(document.token_text(first)) {
        return Some(first.span);
    }
    let determiner = word_is(document, first, DETERMINERS);
    let end = tokens[start..]
        .iter()
        .take(PHRASE_WORDS)
        .take_while(|t| t.kind == TokenKind::Word && (determiner || t.is_capitalized(&document.text)))
        .count();
    phrase_of(document, start, start + end)
}

/// The span of tokens `first..last` when it names someone (holds a word that is not a
/// determiner).
fn phrase_of(document: &Document, first: usize, last: usize) -> Option<TextSpan> {
    let tokens = document.tokens.get(first..last)?;
    let named = tokens.iter().any(|t| !word_is(document, t, DETERMINERS) && !word_is(document, t, VERB_ADVERBS));
    (named && !tokens.is_empty()).then(|| TextSpan::new(tokens[0].span.start, tokens[tokens.len() - 1].span.end))
}

/// Resolves each quote's speaker phrase to an entity, and gives each entity its quotes and the
/// tone of what it said (see the module docs).
pub fn attribute(document: &Document, tone: &mut Tone, entities: &mut [Entity]) {
    let mut mentions: Vec<(TextSpan, usize)> = entities
        .iter()
        .enumerate()
        .flat_map(|(index, e)| e.mentions.iter().filter_map(move |m| m.span.map(|s| (s, index))))
        .collect();
    mentions.sort_unstable();
    let block_of = |offset: usize| document.blocks.partition_point(|b| b.span.end <= offset);
    // The latest resolved speaker per kind (person, organisation) with its paragraph: what a
    // later pronoun of the same paragraph refers to, found in constant time.
    let mut latest: [Option<(usize, usize)>; 2] = [None, None];
    for quote in tone.quotes.iter_mut() {
        let Some(phrase) = quote.speaker_span else { continue };
        let block = block_of(phrase.start);
        let word = document.slice(phrase).to_ascii_lowercase();
        let resolved = if is_pronoun(&word) {
            let kind = if PERSON_PRONOUNS.contains(&word.as_str()) { EntityType::Person } else { EntityType::Organization };
            let slot = usize::from(kind == EntityType::Organization);
            latest[slot].filter(|&(b, _)| b == block).map(|(_, e)| e).or_else(|| {
                let before = mentions.partition_point(|(s, _)| s.start < phrase.start);
                mentions[..before]
                    .iter()
                    .rev()
                    .take(PRONOUN_LOOKBACK)
                    .take_while(|(s, _)| block_of(s.start) == block)
                    .map(|&(_, e)| e)
                    .find(|&e| entities[e].entity_type == kind)
            })
        } else {
            let from = mentions.partition_point(|(s, _)| s.end <= phrase.start);
            mentions[from..].iter().take_while(|(s, _)| s.start < phrase.end).map(|&(_, e)| e).next()
        };
        quote.speaker_entity = resolved;
        if let Some(entity) = resolved {
            quote.speaker.clone_from(&entities[entity].name);
            match entities[entity].entity_type {
                EntityType::Person => latest[0] = Some((block, entity)),
                EntityType::Organization => latest[1] = Some((block, entity)),
                _ => {}
            }
        }
    }
    for (index, quote) in tone.quotes.iter().enumerate() {
        if let Some(entity) = quote.speaker_entity {
            entities[entity].quotes.push(index as u32);
        }
    }
    for entity in entities.iter_mut() {
        if entity.quotes.is_empty() {
            continue;
        }
        let said = entity.quotes.iter().map(|&q| &tone.quotes[q as usize].tone);
        entity.speech_tone = Some(pool(tone, said));
    }
}

/// Pools the tone of several quotes: their markers' sums combined over `√n` as sentences are.
fn pool<'a>(tone: &Tone, quotes: impl Iterator<Item = &'a ToneSummary>) -> ToneSummary {
    let mut markers = Vec::new();
    let units: Vec<(f64, f64)> = quotes
        .map(|q| {
            markers.extend_from_slice(&q.markers);
            q.markers.iter().fold((0.0, 0.0), |(sum, magnitude), &m| {
                let valence = f64::from(tone.markers[m as usize].valence);
                (sum + valence, magnitude + valence.abs())
            })
        })
        .collect();
    markers.sort_unstable();
    markers.dedup();
    ToneSummary { markers, ..scoring::combine(units.into_iter()) }
}

#[cfg(test)]
mod tests {
    use crate::analysis::language::LanguageHint;
    use crate::analysis::{analyze, AnalysisOptions, CancelFlag};

    /// (speech, speaker, verb) of each quote, and each entity's (name, quote count).
    fn said(text: &str) -> (Vec<(String, String, String)>, Vec<(String, usize)>) {
        let options = AnalysisOptions { language_hint: Some(LanguageHint::parse("en").expect("a valid hint")), ..AnalysisOptions::default() };
        let analysis = analyze(text.to_string(), &options, &CancelFlag::new()).expect("valid text");
        let tone = analysis.tone.expect("English has tone");
        let quotes = tone
            .quotes
            .iter()
            .map(|q| (analysis.document.slice(q.span).to_string(), q.speaker.clone(), q.verb.clone()))
            .collect();
        for (index, quote) in tone.quotes.iter().enumerate() {
            if let Some(entity) = quote.speaker_entity {
                assert!(analysis.entities[entity].quotes.contains(&(index as u32)));
                assert_eq!(quote.speaker, analysis.entities[entity].name);
            }
        }
        let speakers = analysis.entities.iter().filter(|e| !e.quotes.is_empty()).map(|e| (e.name.clone(), e.quotes.len())).collect();
        (quotes, speakers)
    }

    #[test]
    fn a_quote_its_continuation_and_later_reported_speech_share_their_speaker() {
        let text = "Prime Minister Elena Varga urged the rebel commander Tomas Brekk on Friday to halt the shelling of Novigrad. \
            “Tomas, enough!” Ms Varga wrote on her official channel after artillery hit the city overnight, killing at least five civilians. \
            “I am deeply disappointed by these attacks. Pointless, and terrible timing.” \
            The remarks marked a shift from a statement a day earlier, when Ms Varga said the opposition leader Ivo Marsh was stalling the negotiations. \
            On Thursday, Ms Varga said she might meet Mr Brekk next month. She also said that the rebel commander has “a real regard” for her.";
        let (quotes, speakers) = said(text);
        assert!(quotes.len() >= 4, "{quotes:?}");
        for (speech, speaker, _) in &quotes {
            assert_eq!(speaker, "Elena Varga", "{speech}");
        }
        assert_eq!(quotes[0].0, "“Tomas, enough!”");
        assert_eq!(quotes[0].2, "wrote");
        assert!(quotes[1].0.starts_with("“I am deeply") && quotes[1].2 == "wrote", "{quotes:?}");
        assert_eq!(speakers, [("Elena Varga".to_string(), quotes.len())]);
    }

    #[test]
    fn said_after_the_quote_and_according_to() {
        let (quotes, _) = said("“The bridge will reopen in May,” said Ms Ana Ruiz, the transport minister.");
        assert_eq!(quotes[0].1, "Ana Ruiz");
        assert_eq!(quotes[0].2, "said");
        let (quotes, _) = said("Forty people were hurt in the collapse, according to the ministry.");
        assert_eq!(quotes.len(), 1, "{quotes:?}");
        assert_eq!((quotes[0].1.as_str(), quotes[0].2.as_str()), ("the ministry", "according to"));
        let (quotes, _) = said("According to the ministry, forty people were hurt in the collapse.");
        assert_eq!((quotes[0].1.as_str(), quotes[0].2.as_str()), ("the ministry", "According to"));
    }

    #[test]
    fn a_pronoun_goes_to_the_paragraphs_earlier_speaker_not_the_nearest_name() {
        let text = "Mayor Jonas Lindqvist said the budget was a mess. He met Governor Petra Holm on Monday. He said the talks were useless.";
        let (quotes, _) = said(text);
        assert_eq!(quotes.len(), 2, "{quotes:?}");
        assert!(quotes.iter().all(|q| q.1 == "Jonas Lindqvist"), "{quotes:?}");
    }

    #[test]
    fn unattributed_speech_has_no_speaker() {
        let (quotes, speakers) = said("The sign read “No entry for anyone after dark” in red letters.");
        assert!(quotes.iter().all(|q| q.1.is_empty() && q.2.is_empty()), "{quotes:?}");
        assert!(speakers.is_empty());
    }
}
