//! The English tone lexicon, built once from the embedded data under `data/tone/`: word
//! valences (VADER's lexicon overlaid with our news lexicon), modifier words (negation, degree,
//! hedges, contrast), multi-word entries, and emoji valences derived from their descriptions.

use std::sync::LazyLock;

// foldhash: one or two lookups per token dominate the stage's time, and nothing iterates
// these maps into output, so its per-process seed cannot leak into answers.
use foldhash::{HashMap, HashMapExt};

use crate::analysis::Language;

const VADER_LEXICON: &str = include_str!("../../../data/tone/vader_lexicon.tsv");
const NEWS_LEXICON: &str = include_str!("../../../data/tone/news_lexicon.tsv");
const MODIFIERS: &str = include_str!("../../../data/tone/modifiers.tsv");
const PHRASES: &str = include_str!("../../../data/tone/phrases.tsv");
const EMOJI: &str = include_str!("../../../data/tone/vader_emoji.tsv");

/// How a modifier word changes the lexicon words after it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Modifier {
    /// Flips and damps the valence (`not`, `never`, `no longer`).
    Negation,
    /// Adds `weight` in the direction of the valence: positive for intensifiers (`very`),
    /// negative for downtoners (`somewhat`).
    Degree(f32),
    /// Scales the valence by `factor` (< 1): the writer does not vouch for it (`reportedly`).
    Hedge(f32),
    /// Shifts weight from the clause before to the clause after (`but`, `however`).
    Contrast,
    /// A verb of ending or lessening that reverses what follows, scaled by `factor`
    /// (`ended the war`, `reduce poverty`); shown as a negation.
    Shifter(f32),
}

/// What a multi-word entry does when it matches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PhraseEffect {
    /// A valence for the whole phrase (0 = the phrase is neutral, whatever its words say).
    /// `head` is the word the marker sits on; `None` puts it on the whole phrase.
    Valence {
        valence: f32,
        head: Option<usize>,
    },
    Modifier(Modifier),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    /// The phrase as written in the data, lower case, without the head mark.
    pub text: Box<str>,
    pub words: Vec<Box<str>>,
    pub effect: PhraseEffect,
}

/// Everything the lexicon knows about one lower-case word (or emoticon).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    pub valence: Option<f32>,
    pub modifier: Option<Modifier>,
    /// Indexes into [`Lexicon::phrases`] of the phrases that start with this word, longest first.
    pub phrases: Vec<u32>,
}

#[derive(Debug)]
pub struct Lexicon {
    words: HashMap<Box<str>, Entry>,
    phrases: Vec<Phrase>,
    emoji: HashMap<Box<str>, f32>,
}

/// The English lexicon, parsed on first use.
pub static ENGLISH: LazyLock<Lexicon> = LazyLock::new(Lexicon::english);

/// The lexicon built in for a language (the registry's [`Language::has_tone_lexicon`] says
/// which have one; a unit test keeps the two in step).
pub fn of(language: Language) -> Option<&'static Lexicon> {
    match language {
        Language::English => Some(&ENGLISH),
        _ => None,
    }
}

impl Lexicon {
    fn english() -> Lexicon {
        let mut lexicon = Lexicon {
            words: HashMap::new(),
            phrases: Vec::new(),
            emoji: HashMap::new(),
        };
        for (key, valence) in valence_lines(VADER_LEXICON).chain(valence_lines(NEWS_LEXICON)) {
            if key.contains(' ') {
                // VADER's few multi-word entries ("fed up") work as phrases.
                lexicon.add_phrase(
                    key,
                    PhraseEffect::Valence {
                        valence,
                        head: None,
                    },
                );
            } else if valence == 0.0 {
                // The news lexicon removes senses that mislead on news ("party").
                lexicon.words.remove(key);
            } else {
                lexicon.words.entry(key.into()).or_default().valence = Some(valence);
            }
        }
        for (key, modifier) in modifier_lines(MODIFIERS) {
            if key.contains(' ') {
                lexicon.add_phrase(key, PhraseEffect::Modifier(modifier));
            } else {
                lexicon.words.entry(key.into()).or_default().modifier = Some(modifier);
            }
        }
        for (key, valence) in valence_lines(PHRASES) {
            let head = key.split(' ').position(|w| w.starts_with('*'));
            lexicon.add_phrase(
                &key.replace('*', ""),
                PhraseEffect::Valence { valence, head },
            );
        }
        lexicon.index_phrases();
        lexicon.emoji = emoji_valences(&lexicon);
        lexicon
    }

    fn add_phrase(&mut self, text: &str, effect: PhraseEffect) {
        let words: Vec<Box<str>> = text
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(Into::into)
            .collect();
        if words.len() < 2 {
            return;
        }
        // A later line for the same phrase wins, as a later lexicon line wins for a word.
        self.phrases.retain(|p| *p.text != *text);
        self.phrases.push(Phrase {
            text: text.into(),
            words,
            effect,
        });
    }

    fn index_phrases(&mut self) {
        let mut order: Vec<usize> = (0..self.phrases.len()).collect();
        order.sort_by(|&a, &b| {
            let (pa, pb) = (&self.phrases[a], &self.phrases[b]);
            pb.words
                .len()
                .cmp(&pa.words.len())
                .then_with(|| pa.text.cmp(&pb.text))
        });
        for index in order {
            let first = self.phrases[index].words[0].clone();
            self.words
                .entry(first)
                .or_default()
                .phrases
                .push(index as u32);
        }
    }

    /// The entry for a lower-case word; emoticons are tried as written first (`:D`).
    pub fn entry(&self, lower: &str) -> Option<&Entry> {
        self.words.get(lower)
    }

    pub fn phrase(&self, index: u32) -> &Phrase {
        &self.phrases[index as usize]
    }

    pub fn emoji(&self, emoji: &str) -> Option<f32> {
        self.emoji.get(emoji).copied().or_else(|| {
            // Tokens may carry a variation selector the table lacks.
            let bare = emoji.trim_end_matches('\u{fe0f}');
            (bare.len() != emoji.len())
                .then(|| self.emoji.get(bare).copied())
                .flatten()
        })
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.words.values().filter(|e| e.valence.is_some()).count()
    }

    #[cfg(test)]
    pub fn phrase_count(&self) -> usize {
        self.phrases.len()
    }
}

/// `key<TAB>valence` lines; `#` comments and blank lines are skipped, as are malformed lines
/// (a unit test checks that the shipped files have none).
fn valence_lines(data: &str) -> impl Iterator<Item = (&str, f32)> {
    data_lines(data).filter_map(|fields| {
        let valence: f32 = fields.get(1)?.trim().parse().ok()?;
        (valence.is_finite() && fields[0].len() == fields[0].trim().len())
            .then_some((fields[0], valence))
    })
}

/// `key<TAB>kind<TAB>weight` lines of the modifier list.
fn modifier_lines(data: &str) -> impl Iterator<Item = (&str, Modifier)> {
    data_lines(data).filter_map(|fields| {
        let weight: f32 = fields.get(2).map_or(Some(0.0), |w| w.trim().parse().ok())?;
        let modifier = match *fields.get(1)? {
            "negation" => Modifier::Negation,
            "booster" => Modifier::Degree(weight.abs()),
            "dampener" => Modifier::Degree(-weight.abs()),
            "hedge" => Modifier::Hedge(weight),
            "contrast" => Modifier::Contrast,
            "shifter" => Modifier::Shifter(weight.abs()),
            _ => return None,
        };
        Some((fields[0], modifier))
    })
}

fn data_lines(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').collect::<Vec<_>>())
}

/// VADER reads an emoji as its description; the same words summed give the emoji's valence,
/// unless the whole description is a multi-word entry ("broken heart").
fn emoji_valences(lexicon: &Lexicon) -> HashMap<Box<str>, f32> {
    data_lines(EMOJI)
        .filter_map(|fields| {
            let description = fields.get(1)?;
            let whole = lexicon
                .phrases
                .iter()
                .find(|p| *p.text == **description)
                .and_then(|p| match p.effect {
                    PhraseEffect::Valence { valence, .. } => Some(valence),
                    PhraseEffect::Modifier(_) => None,
                });
            let valence: f32 = whole.unwrap_or_else(|| {
                description
                    .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
                    .filter_map(|word| lexicon.entry(&word.to_lowercase()).and_then(|e| e.valence))
                    .sum()
            });
            (valence != 0.0).then(|| (fields[0].into(), valence))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_and_the_built_in_lexicons_agree() {
        for language in Language::ALL {
            assert_eq!(of(language).is_some(), language.has_tone_lexicon(), "{language:?}");
        }
    }

    #[test]
    fn every_data_line_parses() {
        for (name, data) in [
            ("vader", VADER_LEXICON),
            ("news", NEWS_LEXICON),
            ("phrases", PHRASES),
        ] {
            for fields in data_lines(data) {
                assert!(
                    valence_lines(&fields.join("\t")).count() == 1,
                    "{name}: malformed line {fields:?}"
                );
            }
        }
        for fields in data_lines(MODIFIERS) {
            assert!(
                modifier_lines(&fields.join("\t")).count() == 1,
                "modifiers: malformed line {fields:?}"
            );
        }
    }

    #[test]
    fn lexicon_is_at_least_vaders_size() {
        let vader_words = valence_lines(VADER_LEXICON)
            .filter(|(k, _)| !k.contains(' '))
            .count();
        assert!(vader_words >= 7400, "{vader_words}");
        assert!(
            ENGLISH.len() >= vader_words,
            "{} < {vader_words}",
            ENGLISH.len()
        );
    }

    #[test]
    fn news_lexicon_extends_and_overrides() {
        let valence = |w: &str| ENGLISH.entry(w).and_then(|e| e.valence);
        assert!(valence("pounded").is_some_and(|v| v < 0.0));
        assert!(valence("jaw-dropping").is_some_and(|v| v < 0.0));
        assert!(valence("ceasefire").is_some_and(|v| v > 0.0));
        // Events headlines state bare, which VADER does not rate.
        assert!(valence("sinks").is_some_and(|v| v < 0.0));
        assert!(valence("slain").is_some_and(|v| v < -3.0));
        assert!(valence("wedding").is_some_and(|v| v > 0.0));
        assert!(valence("happy").is_some_and(|v| v > 2.0));
        assert_eq!(valence("party"), None);
    }

    #[test]
    fn modifiers_and_phrases_are_indexed() {
        assert_eq!(
            ENGLISH.entry("not").and_then(|e| e.modifier),
            Some(Modifier::Negation)
        );
        assert!(
            matches!(ENGLISH.entry("very").and_then(|e| e.modifier), Some(Modifier::Degree(w)) if w > 0.0)
        );
        assert!(
            matches!(ENGLISH.entry("somewhat").and_then(|e| e.modifier), Some(Modifier::Degree(w)) if w < 0.0)
        );
        let starts_bad: Vec<&str> = ENGLISH.entry("bad").map_or(Vec::new(), |e| {
            e.phrases
                .iter()
                .map(|&i| &*ENGLISH.phrase(i).text)
                .collect()
        });
        assert!(starts_bad.contains(&"bad timing"), "{starts_bad:?}");
        assert!(ENGLISH.phrase_count() > 50);
    }

    #[test]
    fn emoji_take_the_valence_of_their_description() {
        assert!(ENGLISH.emoji("😀").is_some_and(|v| v > 0.0));
        assert!(ENGLISH.emoji("😠").is_some_and(|v| v < 0.0));
        assert!(ENGLISH.emoji("💔").is_some_and(|v| v < 0.0));
    }
}
