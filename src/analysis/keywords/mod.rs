//! Keyword stems and key phrases: what an article is about, as a short ranked list.
//!
//! Words come from the document's tokens (outside the dateline, bylines and URLs), are
//! lower-cased, stripped of possessives and stemmed with rust-stemmers in the document's
//! language; stop words (NLTK lists plus our own news additions), honorifics and titles,
//! numbers and one-character words are never keywords. Stems and phrases of two to four words
//! are scored on one 0..1 scale (see `scoring.rs`); each keyword carries its most frequent
//! surface form, and every result carries the spans of all its occurrences.
//!
//! A keyword whose occurrences all lie inside a kept key phrase stays in the keyword list: the
//! two lists answer different questions (which stems, which phrases), and a caller merging them
//! by score sees both.

mod background;
/// The word-frequency list reader, for the German tagger's frequency bands.
pub(crate) use background::frequency_list;
mod candidates;
mod language;
mod layout;
mod scoring;
mod terms;

use foldhash::HashMap;

use super::document::Document;
use super::language::DetectedLanguage;
use super::{Feature, Language, TextSpan, Warning};
use candidates::{Candidates, Role};
use scoring::Ranking;
use terms::Pick;


#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// rust-stemmers' stem in the document's language (lower-cased word where there is no stemmer).
    pub stem: String,
    /// The most frequent surface form, with its casing.
    pub text: String,
    pub count: u32,
    /// 0..1, on the same scale as key phrases' scores.
    pub score: f32,
    pub spans: Vec<TextSpan>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct KeyPhrase {
    pub text: String,
    pub stems: Vec<String>,
    pub count: u32,
    pub score: f32,
    pub spans: Vec<TextSpan>,
}

/// One entry of the ranked list that mixes single words and phrases.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyTerm {
    pub text: String,
    /// One stem for a single word, one per word (connectors included) for a phrase.
    pub stems: Vec<String>,
    pub count: u32,
    /// 0..1, on the scale of `keywords` and `key_phrases`.
    pub score: f32,
    pub spans: Vec<TextSpan>,
    pub phrase: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Keywords {
    pub keywords: Vec<Keyword>,
    pub key_phrases: Vec<KeyPhrase>,
    /// Words and phrases in one list, best first.
    pub key_terms: Vec<KeyTerm>,
    pub warnings: Vec<Warning>,
}

/// What keyword extraction can do for a language, for `GetCapabilities`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeywordSupport {
    /// A Snowball stemmer groups inflections under one stem.
    pub stemming: bool,
    /// An embedded stop-word list keeps function words out.
    pub stop_words: bool,
    /// An embedded word-frequency table tells common words from topical ones.
    pub background_frequencies: bool,
    /// Verb and adverb lists or suffix rules keep verbs off key phrases' edges.
    pub phrase_rules: bool,
    /// The language's own connectors (`of`, `de`, `der`) may stand inside a phrase.
    pub connectors: bool,
}

/// What keyword extraction supports for a language (every language of the registry has a
/// stemmer, stop words and a background table; any other gets none).
pub fn support(registered: Option<Language>) -> KeywordSupport {
    let supported = registered.is_some();
    let profile = language::profile(registered);
    KeywordSupport {
        stemming: supported,
        stop_words: supported,
        background_frequencies: supported,
        phrase_rules: profile.has_phrase_rules(),
        connectors: profile.has_own_connectors(),
    }
}

/// Ranks the document's keywords and key phrases; `max` caps each list separately.
pub fn extract(document: &Document, language: &DetectedLanguage, max: usize) -> Keywords {
    let profile = language::profile(language.registered);
    let mut warnings = Vec::new();
    if profile.stemmer.is_none() {
        let named = if language.code.is_empty() { "an undetermined language".to_string() } else { format!("'{}'", language.code) };
        warnings.push(Warning::new(
            Some(Feature::Keywords),
            format!("no stemmer or stop words for {named}: keywords are lower-cased words"),
        ));
    }
    if max == 0 {
        return Keywords { warnings, ..Keywords::default() };
    }
    let layout = layout::analyse(document);
    let candidates = candidates::collect(document, &layout, profile);
    // A stop request cut the candidates short: ranking them would be wasted work.
    if crate::analysis::stop_requested() {
        return Keywords { warnings, ..Keywords::default() };
    }
    let ranking = scoring::rank(&candidates, profile, max);
    if crate::analysis::stop_requested() {
        return Keywords { warnings, ..Keywords::default() };
    }
    let (keywords, key_phrases, key_terms) = assemble(document, &candidates, &ranking);
    Keywords { keywords, key_phrases, key_terms, warnings }
}

/// Surface forms a result's short list holds before an index by form takes over its search.
const LISTED_FORMS: usize = 8;

/// One surface form of a result and how often it was seen.
struct Form<'a> {
    text: &'a str,
    /// Occurrences where casing is informative.
    informative: u32,
    all: u32,
    first_seen: usize,
}

/// Tallies the surface forms of one result so the most frequent can be shown. Most results
/// have one to three forms, found fastest in a short list searched in order; past
/// `LISTED_FORMS`, an index by form finds them, so a word spelled a thousand ways stays linear.
#[derive(Default)]
struct Surfaces<'a> {
    /// In first-seen order.
    forms: Vec<Form<'a>>,
    /// Form → its place in `forms`; empty until `forms` outgrows `LISTED_FORMS`.
    index: HashMap<&'a str, usize>,
}

impl<'a> Surfaces<'a> {
    fn add(&mut self, text: &'a str, informative: bool, order: usize) {
        let known = if self.index.is_empty() {
            self.forms.iter().position(|form| form.text == text)
        } else {
            self.index.get(text).copied()
        };
        let position = known.unwrap_or_else(|| self.insert(text, order));
        let form = &mut self.forms[position];
        form.informative += u32::from(informative);
        form.all += 1;
    }

    /// Adds a form not seen before, indexing the forms once there are too many to search.
    fn insert(&mut self, text: &'a str, order: usize) -> usize {
        let position = self.forms.len();
        self.forms.push(Form { text, informative: 0, all: 0, first_seen: order });
        if !self.index.is_empty() {
            self.index.insert(text, position);
        } else if self.forms.len() > LISTED_FORMS {
            self.index = self.forms.iter().enumerate().map(|(position, form)| (form.text, position)).collect();
        }
        position
    }

    /// Most frequent where casing is informative (so a sentence-initial capital does not win),
    /// then most frequent overall, then first seen.
    fn best(&self) -> &'a str {
        self.forms
            .iter()
            .max_by(|a, b| a.informative.cmp(&b.informative).then(a.all.cmp(&b.all)).then(b.first_seen.cmp(&a.first_seen)))
            .map_or("", |form| form.text)
    }
}

struct Collected<'a> {
    spans: Vec<TextSpan>,
    surfaces: Surfaces<'a>,
}

// Out of line, once per document: its own entry in a callgrind profile of the stage.
#[inline(never)]
fn assemble(document: &Document, candidates: &Candidates<'_>, ranking: &Ranking) -> (Vec<Keyword>, Vec<KeyPhrase>, Vec<KeyTerm>) {
    let text = document.text.as_str();
    // Sized by the result's count, which is how many spans it gets: no span list grows.
    let new_collected = |count: u32| Collected { spans: Vec::with_capacity(count as usize), surfaces: Surfaces::default() };

    // Words of either list, each collected once.
    let mut keyword_slot: Vec<Option<usize>> = vec![None; candidates.terms.len()];
    let mut word_indexes: Vec<usize> = Vec::new();
    let mixed_words = ranking.terms.iter().filter_map(|ranked| match ranked.pick {
        Pick::Word(index) => Some(index),
        Pick::Phrase(_) => None,
    });
    for index in ranking.keywords.iter().map(|scored| scored.index).chain(mixed_words) {
        if keyword_slot[index].is_none() {
            keyword_slot[index] = Some(word_indexes.len());
            word_indexes.push(index);
        }
    }
    let mut keyword_found: Vec<Collected> = word_indexes.iter().map(|&index| new_collected(candidates.terms[index].stats.count)).collect();
    for (order, occurrence) in candidates.occurrences.iter().enumerate() {
        if occurrence.role != Role::Content {
            continue;
        }
        if let Some(slot) = keyword_slot[occurrence.term as usize] {
            let found = &mut keyword_found[slot];
            found.spans.push(occurrence.span);
            found.surfaces.add(&text[occurrence.span.range()], !occurrence.casing_uninformative, order);
        }
    }

    // Per phrase of the candidates, its place among the kept phrases.
    let mut phrase_slot: Vec<Option<usize>> = vec![None; candidates.phrases.len()];
    for (slot, scored) in ranking.phrases.iter().enumerate() {
        phrase_slot[scored.index] = Some(slot);
    }
    let mut phrase_found: Vec<Collected> =
        ranking.phrases.iter().map(|scored| new_collected(candidates.phrases[scored.index].stats.count)).collect();
    let occurrences = &candidates.occurrences;
    for window in &candidates.windows {
        if let Some(slot) = phrase_slot[window.phrase] {
            let (first, last) = (&occurrences[window.first], &occurrences[window.last]);
            let span = TextSpan::new(first.span.start, last.span.end);
            let found = &mut phrase_found[slot];
            found.spans.push(span);
            found.surfaces.add(&text[span.range()], !first.casing_uninformative, window.first);
        }
    }

    let scaled = |raw: f64, scale: f64| if scale > 0.0 { (raw / scale).clamp(0.0, 1.0) as f32 } else { 0.0 };
    let score = |raw: f64| scaled(raw, ranking.scale);
    let keywords: Vec<Keyword> = ranking
        .keywords
        .iter()
        .zip(&keyword_found)
        .map(|(scored, found)| Keyword {
            stem: candidates.terms[scored.index].stem.to_string(),
            text: found.surfaces.best().to_string(),
            count: saturating_count(found.spans.len()),
            score: score(scored.raw),
            spans: found.spans.clone(),
        })
        .collect();
    let key_phrases: Vec<KeyPhrase> = ranking
        .phrases
        .iter()
        .zip(&phrase_found)
        .map(|(scored, found)| KeyPhrase {
            text: collapse_whitespace(found.surfaces.best()),
            stems: scoring::phrase_stems(&candidates.phrases[scored.index].key, &candidates.terms),
            count: saturating_count(found.spans.len()),
            score: score(scored.raw),
            spans: found.spans.clone(),
        })
        .collect();
    let terms_scale = ranking.terms.first().map_or(0.0, |best| best.raw);
    let key_terms = ranking
        .terms
        .iter()
        .filter_map(|ranked| {
            let score = scaled(ranked.raw, terms_scale);
            match ranked.pick {
                Pick::Word(index) => {
                    let found = &keyword_found[keyword_slot[index]?];
                    Some(KeyTerm {
                        text: found.surfaces.best().to_string(),
                        stems: vec![candidates.terms[index].stem.to_string()],
                        count: saturating_count(found.spans.len()),
                        score,
                        spans: found.spans.clone(),
                        phrase: false,
                    })
                }
                Pick::Phrase(index) => {
                    let phrase = &key_phrases[phrase_slot[index]?];
                    Some(KeyTerm {
                        text: phrase.text.clone(),
                        stems: phrase.stems.clone(),
                        count: phrase.count,
                        score,
                        spans: phrase.spans.clone(),
                        phrase: true,
                    })
                }
            }
        })
        .collect();
    (keywords, key_phrases, key_terms)
}

fn saturating_count(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// A phrase that spans a double space or a line break inside its sentence reads as one line.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ContentFormat;

    fn language(code: &str) -> DetectedLanguage {
        DetectedLanguage::hinted(code).expect("a valid language code")
    }

    fn run(text: &str, code: &str, max: usize) -> Keywords {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        extract(&document, &language(code), max)
    }

    #[test]
    fn support_follows_the_stemmer_languages() {
        for language in Language::ALL {
            assert!(support(Some(language)).stemming && support(Some(language)).stop_words, "{language:?}");
        }
        assert!(!support(None).stemming);
    }

    #[test]
    fn spans_cover_every_occurrence_without_the_possessive() {
        let result = run("Harbour workers struck. The harbour's owners said the Harbour would reopen.", "en", 10);
        let harbour = result.keywords.iter().find(|k| k.stem == "harbour").expect("harbour is a keyword");
        assert_eq!(harbour.count, 3);
        let texts: Vec<&str> = harbour.spans.iter().map(|s| &"Harbour workers struck. The harbour's owners said the Harbour would reopen."[s.range()]).collect();
        assert_eq!(texts, ["Harbour", "harbour", "Harbour"]);
    }

    #[test]
    fn the_readable_form_prefers_mid_sentence_casing() {
        let result = run("Strikes hit the port. Dock strikes spread. More strikes are planned.", "en", 10);
        let strike = result.keywords.iter().find(|k| k.stem == "strike").expect("strike is a keyword");
        assert_eq!(strike.text, "strikes");
        assert_eq!(strike.count, 3);
    }

    #[test]
    fn scores_share_one_scale_and_are_sorted() {
        let result = run(
            "Grain exports from the Black Sea ports resumed. Black Sea shipping insurers raised premiums. Grain prices fell as Black Sea cargoes moved.",
            "en",
            10,
        );
        let all: Vec<f32> = result.keywords.iter().map(|k| k.score).chain(result.key_phrases.iter().map(|p| p.score)).collect();
        assert!(all.iter().all(|s| (0.0..=1.0).contains(s)));
        assert!(all.contains(&1.0));
        assert!(result.keywords.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(result.key_phrases.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(result.key_phrases.iter().any(|p| p.stems == ["black", "sea"] && p.count == 3), "{:?}", result.key_phrases);
    }

    #[test]
    fn a_phrase_inside_a_better_phrase_is_dropped() {
        let result = run(
            "The Port of Rotterdam closed. Port of Rotterdam officials met unions. The Port of Rotterdam reopened on Friday.",
            "en",
            10,
        );
        let stems: Vec<Vec<String>> = result.key_phrases.iter().map(|p| p.stems.clone()).collect();
        assert!(stems.contains(&vec!["port".to_string(), "of".to_string(), "rotterdam".to_string()]), "{stems:?}");
        assert!(!stems.iter().any(|s| s == &["port", "of", "rotterdam", "offici"]), "{stems:?}");
    }

    #[test]
    fn max_caps_each_list_separately() {
        let text = "Floods swept villages in the river valley. Rescue boats reached stranded farmers. \
                    Army helicopters dropped food parcels. Relief camps sheltered displaced families.";
        let result = run(text, "en", 3);
        assert_eq!(result.keywords.len(), 3);
        assert_eq!(result.key_phrases.len(), 3);
        assert!(run(text, "en", 0).keywords.is_empty());
    }

    #[test]
    fn unsupported_language_gets_lower_cased_words_and_a_warning() {
        let result = run("Tokio Tokio Osaka Kyoto", "ja", 10);
        assert_eq!(result.keywords.first().map(|k| k.stem.as_str()), Some("tokio"));
        assert_eq!(result.warnings.len(), 1);
    }

    #[test]
    fn surfaces_past_the_short_list_are_tallied_alike() {
        let forms: Vec<String> = (0..3 * LISTED_FORMS).map(|index| format!("form{index}")).collect();
        let mut surfaces = Surfaces::default();
        for (order, form) in forms.iter().enumerate() {
            surfaces.add(form, true, order);
        }
        surfaces.add(&forms[2 * LISTED_FORMS], true, forms.len());
        surfaces.add(&forms[1], false, forms.len() + 1);
        assert_eq!(surfaces.best(), forms[2 * LISTED_FORMS]);
        assert_eq!(surfaces.forms.len(), forms.len());
        assert_eq!((surfaces.forms[1].informative, surfaces.forms[1].all), (1, 2));
        let mut few = Surfaces::default();
        few.add("Strikes", false, 0);
        few.add("strikes", true, 1);
        few.add("Strikes", true, 2);
        few.add("strikes", true, 3);
        assert_eq!(few.best(), "strikes");
    }

    #[test]
    fn output_is_deterministic() {
        let text = "Alpha beta gamma delta. Gamma delta alpha beta. Beta alpha delta gamma.";
        assert_eq!(run(text, "en", 10), run(text, "en", 10));
    }
}
