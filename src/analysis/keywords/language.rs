//! Per-language resources for keyword extraction: the Snowball stemmer, the stop-word set and
//! the background frequency table, each built once per language on first use.

use std::borrow::Cow;
use std::sync::OnceLock;

// foldhash rather than SipHash: these sets are read for every distinct word of every document.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use rust_stemmers::Stemmer;

use super::background::{Background, StemTable};
use crate::analysis::Language;

// `background_table(file)` and `stem_table(file)`: the tables the build script wrote for a
// list in `data/keywords/background/`, embedded.
include!(concat!(env!("OUT_DIR"), "/background_tables.rs"));
use super::candidates::Edges;

const LANGUAGE_COUNT: usize = Language::ALL.len();

/// What makes one language's resources besides its stemmer (the registry's): the NLTK list's
/// code in the `stop-words` crate, our own additions and the background table.
struct Source {
    language: Language,
    nltk_code: &'static str,
    extra_stop_words: &'static str,
    /// The word-frequency list in `data/keywords/background/`, by file name; the build script
    /// turns it into the table `background_table` returns.
    background_file: &'static str,
    /// Number words (`data/keywords/numbers/`): stop words.
    numbers: &'static str,
    /// Function words that may stand inside a phrase (`data/keywords/connectors/`).
    connectors: &'static str,
    /// Words that never open or close a phrase (`data/keywords/edges/`; empty where we have none).
    edges: &'static str,
}

const SOURCES: [Source; LANGUAGE_COUNT] = [
    source(Language::Arabic, "ar", "", "ar", include_str!("../../../data/keywords/numbers/ar.txt"), include_str!("../../../data/keywords/connectors/ar.txt")),
    source(Language::Danish, "da", "", "da", include_str!("../../../data/keywords/numbers/da.txt"), include_str!("../../../data/keywords/connectors/da.txt")),
    source(Language::Dutch, "nl", "", "nl", include_str!("../../../data/keywords/numbers/nl.txt"), include_str!("../../../data/keywords/connectors/nl.txt")),
    source(
        Language::English,
        "en",
        include_str!("../../../data/keywords/stopwords/en.txt"),
        "en",
        include_str!("../../../data/keywords/numbers/en.txt"),
        include_str!("../../../data/keywords/connectors/en.txt"),
    ),
    source(Language::Finnish, "fi", "", "fi", include_str!("../../../data/keywords/numbers/fi.txt"), include_str!("../../../data/keywords/connectors/fi.txt")),
    source(
        Language::French,
        "fr",
        include_str!("../../../data/keywords/stopwords/fr.txt"),
        "fr",
        include_str!("../../../data/keywords/numbers/fr.txt"),
        include_str!("../../../data/keywords/connectors/fr.txt"),
    ),
    source(
        Language::German,
        "de",
        include_str!("../../../data/keywords/stopwords/de.txt"),
        "de",
        include_str!("../../../data/keywords/numbers/de.txt"),
        include_str!("../../../data/keywords/connectors/de.txt"),
    ),
    source(Language::Greek, "el", "", "el", include_str!("../../../data/keywords/numbers/el.txt"), include_str!("../../../data/keywords/connectors/el.txt")),
    source(Language::Hungarian, "hu", "", "hu", include_str!("../../../data/keywords/numbers/hu.txt"), include_str!("../../../data/keywords/connectors/hu.txt")),
    source(Language::Italian, "it", "", "it", include_str!("../../../data/keywords/numbers/it.txt"), include_str!("../../../data/keywords/connectors/it.txt")),
    source(
        Language::Norwegian,
        "no",
        "",
        "nb",
        include_str!("../../../data/keywords/numbers/no.txt"),
        include_str!("../../../data/keywords/connectors/no.txt"),
    ),
    source(Language::Portuguese, "pt", "", "pt", include_str!("../../../data/keywords/numbers/pt.txt"), include_str!("../../../data/keywords/connectors/pt.txt")),
    source(Language::Romanian, "ro", "", "ro", include_str!("../../../data/keywords/numbers/ro.txt"), include_str!("../../../data/keywords/connectors/ro.txt")),
    source(
        Language::Russian,
        "ru",
        include_str!("../../../data/keywords/stopwords/ru.txt"),
        "ru",
        include_str!("../../../data/keywords/numbers/ru.txt"),
        include_str!("../../../data/keywords/connectors/ru.txt"),
    ),
    source(
        Language::Spanish,
        "es",
        include_str!("../../../data/keywords/stopwords/es.txt"),
        "es",
        include_str!("../../../data/keywords/numbers/es.txt"),
        include_str!("../../../data/keywords/connectors/es.txt"),
    ),
    source(Language::Swedish, "sv", "", "sv", include_str!("../../../data/keywords/numbers/sv.txt"), include_str!("../../../data/keywords/connectors/sv.txt")),
    source(Language::Tamil, "ta", "", "ta", include_str!("../../../data/keywords/numbers/ta.txt"), include_str!("../../../data/keywords/connectors/ta.txt")),
    source(Language::Turkish, "tr", "", "tr", include_str!("../../../data/keywords/numbers/tr.txt"), include_str!("../../../data/keywords/connectors/tr.txt")),
];

// One argument per column of the `SOURCES` table, which reads better than 18 struct literals.
#[allow(clippy::too_many_arguments)]
const fn source(
    language: Language,
    nltk_code: &'static str,
    extra_stop_words: &'static str,
    background_file: &'static str,
    numbers: &'static str,
    connectors: &'static str,
) -> Source {
    let edges = match language {
        Language::English => include_str!("../../../data/keywords/edges/en.txt"),
        Language::French => include_str!("../../../data/keywords/edges/fr.txt"),
        Language::Portuguese => include_str!("../../../data/keywords/edges/pt.txt"),
        Language::Spanish => include_str!("../../../data/keywords/edges/es.txt"),
        _ => "",
    };
    Source { language, nltk_code, extra_stop_words, background_file, numbers, connectors, edges }
}

/// Honorifics and titles in every language: never keywords, never inside a key phrase.
const TITLES: &str = include_str!("../../../data/keywords/titles.txt");
/// News agencies: stop words in every language (a dateline's or credit's word, not a topic).
const AGENCIES: &str = include_str!("../../../data/keywords/agencies.txt");
/// Name particles: connectors in every language.
const NAME_PARTICLES: &str = include_str!("../../../data/keywords/name_particles.txt");

fn source_of(language: Language) -> &'static Source {
    &SOURCES[language as usize]
}

/// Everything keyword extraction knows about one language (or about none).
pub struct Profile {
    pub stemmer: Option<Stemmer>,
    /// The language's own stop words (tests read them; extraction reads `classes`).
    #[cfg(test)]
    stop_words: HashSet<&'static str>,
    /// Stop words that may stand inside a phrase: the language's connectors and name particles.
    #[cfg(test)]
    connectors: HashSet<&'static str>,
    own_connectors: bool,
    pub background: Option<Background>,
    /// The stems of the background list's most frequent words, as `stemmer` gives them.
    stem_table: Option<StemTable>,
    /// English suffixes tell adverbs, gerunds and past forms, which do not make a phrase's edge.
    english_edges: bool,
    /// The ending of adverbs in Romance languages (`-mente`): never at a phrase's edge.
    adverb_suffix: Option<&'static str>,
    /// Verb forms and adverbs that never open or close a phrase (`data/keywords/edges/`).
    edge_words: HashSet<&'static str>,
    /// Nouns and adjectives with an ending the suffix rules would misread ("family", "building").
    edge_exceptions: HashSet<&'static str>,
    /// Every listed word's class (titles, connectors and stop words in one map), so a word is
    /// classified with one lookup; see `class`.
    classes: HashMap<&'static str, WordClass>,
    /// Endings of finite verb forms that are rarely nouns (Spanish `-ieron`, Portuguese `-aram`).
    verb_suffixes: &'static [&'static str],
    /// German capitalises every noun: a lower-case word is a verb, adjective or adverb, which
    /// may open a phrase ("erneuerbare Energien") but not close it.
    nouns_capitalised: bool,
    /// Elided articles and prepositions written onto the next word (`l'`, `d'`, `dell'`).
    elisions: &'static [&'static str],
    /// Turkish writes case endings after an apostrophe on proper nouns (`Ankara'da`).
    suffix_after_apostrophe: bool,
}

/// Finite verb endings that nouns seldom have: past tense third persons, infinitives with a
/// clitic, imperfect and conditional plurals.
const SPANISH_VERB_SUFFIXES: &[&str] = &["ieron", "aron", "ió", "rse"];
const PORTUGUESE_VERB_SUFFIXES: &[&str] = &["aram", "eram", "iram", "ou"];
const ITALIAN_VERB_SUFFIXES: &[&str] = &["arono", "erono", "irono", "ò"];
const FRENCH_VERB_SUFFIXES: &[&str] = &["èrent", "aient", "eraient", "erait"];
/// Russian reflexive verbs and present-tense third persons of the first conjugation.
const RUSSIAN_VERB_SUFFIXES: &[&str] = &["ся", "сь", "ает", "яет", "ует", "ают", "яют", "уют"];

const FRENCH_ELISIONS: &[&str] = &["l", "d", "j", "qu", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu"];
const ITALIAN_ELISIONS: &[&str] =
    &["l", "d", "c", "un", "dell", "all", "nell", "sull", "dall", "coll", "quell", "quest", "tutt", "dev", "anch"];

/// What the word lists say about a lower-cased word, in the order `class` gives them precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordClass {
    /// An honorific or title (`is_title`).
    Title,
    /// A function word that may stand inside a phrase (`is_connector`), not a title.
    Connector,
    /// Any other stop word (`is_stop_word`).
    Stop,
}

/// The class map of a profile: a title is a title whatever else it is, a connector that is no
/// title is a connector, and the remaining stop words (the language's, titles' and agencies')
/// are stop words.
fn classes_of(stop_words: &HashSet<&'static str>, connectors: &HashSet<&'static str>) -> HashMap<&'static str, WordClass> {
    let mut classes = HashMap::with_capacity(stop_words.len() + connectors.len() + titles().len() + agencies().len());
    for &word in stop_words.iter().chain(agencies()) {
        classes.insert(word, WordClass::Stop);
    }
    for &word in connectors {
        classes.insert(word, WordClass::Connector);
    }
    for &word in titles() {
        classes.insert(word, WordClass::Title);
    }
    classes
}

impl Profile {
    /// The class of a lower-cased word, in one lookup: `Title` when `is_title`, else
    /// `Connector` when `is_connector`, else `Stop` when `is_stop_word`, else `None`.
    pub fn class(&self, lower: &str) -> Option<WordClass> {
        self.classes.get(lower).copied()
    }

    #[cfg(test)]
    /// A function word of the language, or an honorific in any language.
    pub fn is_stop_word(&self, lower: &str) -> bool {
        self.stop_words.contains(lower) || titles().contains(lower) || agencies().contains(lower)
    }

    #[cfg(test)]
    /// A function word that may stand inside a phrase ("of" in "Bank of England").
    pub fn is_connector(&self, lower: &str) -> bool {
        self.connectors.contains(lower)
    }

    #[cfg(test)]
    pub fn is_title(&self, lower: &str) -> bool {
        titles().contains(lower)
    }

    #[cfg(test)]
    pub fn has_stop_words(&self) -> bool {
        !self.stop_words.is_empty()
    }

    /// The part of a word that carries its meaning, as a byte range into it, and whether
    /// something was cut off its end (a possessive, a Turkish case ending): `Trump's` → `Trump`,
    /// `d'agriculteurs` → `agriculteurs`, `Ankara'da` → `Ankara`.
    pub fn word_core(&self, word: &str) -> (std::ops::Range<usize>, bool) {
        let mut start = 0;
        if let Some(apostrophe) = first_apostrophe(word) {
            let prefix = &word[..apostrophe];
            let elided = self.elisions.iter().any(|elision| elision.eq_ignore_ascii_case(prefix));
            let rest_start = apostrophe + word[apostrophe..].chars().next().map_or(1, char::len_utf8);
            if elided && rest_start < word.len() {
                start = rest_start;
            } else if self.suffix_after_apostrophe && apostrophe > 0 {
                return (0..apostrophe, true);
            }
        }
        let core = &word[start..];
        // Every ending below ends in one of these bytes: most words end in none, and need no
        // comparison with each ending.
        if !core.ends_with(|c| matches!(c, 's' | 'S' | '\'' | '’')) {
            return (start..word.len(), false);
        }
        for ending in ["'s", "’s", "'S", "’S", "'", "’"] {
            if let Some(kept) = core.strip_suffix(ending) {
                if !kept.is_empty() {
                    return (start..start + kept.len(), true);
                }
            }
        }
        (start..word.len(), false)
    }

    /// Whether a lower-cased word may open or close a key phrase.
    pub fn phrase_edges(&self, lower: &str) -> Edges {
        if self.edge_words.contains(lower) {
            return Edges { start: false, end: false };
        }
        if self.edge_exceptions.contains(lower) {
            return Edges::BOTH;
        }
        if self.verb_suffixes.iter().any(|suffix| lower.len() > suffix.len() + 2 && lower.ends_with(suffix)) {
            return Edges { start: false, end: false };
        }
        if self.nouns_capitalised {
            return Edges { start: true, end: false };
        }
        if let Some(suffix) = self.adverb_suffix {
            let adverb = lower.len() > suffix.len() + 2 && lower.ends_with(suffix);
            return Edges { start: !adverb, end: !adverb };
        }
        if !self.english_edges {
            return Edges::BOTH;
        }
        let adverb = lower.len() > 4 && lower.ends_with("ly");
        let past = lower.len() > 4 && lower.ends_with("ed");
        // "derailing peace talks", "rebels of derailing": a verb form, not part of a noun phrase.
        let gerund = lower.len() > 5 && lower.ends_with("ing");
        Edges { start: !adverb && !gerund, end: !adverb && !past && !gerund }
    }

    /// Whether the language has connectors of its own besides the shared name particles.
    pub fn has_own_connectors(&self) -> bool {
        self.own_connectors
    }

    /// Whether the language has its own rules for phrase edges (a word list or suffix rules).
    pub fn has_phrase_rules(&self) -> bool {
        !self.edge_words.is_empty() || self.adverb_suffix.is_some() || !self.verb_suffixes.is_empty() || self.nouns_capitalised
    }

    /// Whether capitalised words should earn their rank against topic words: where verbs are
    /// kept down by phrase rules and capitals mark names rather than every noun.
    pub fn name_prior(&self) -> bool {
        self.has_phrase_rules() && !self.nouns_capitalised
    }

    #[cfg(test)]
    /// The stem of a lower-cased word; the word itself where there is no stemmer.
    pub fn stem(&self, lower: &str) -> String {
        self.stem_of(lower).into_owned()
    }

    /// `stem`, borrowing the word where stemming leaves it unchanged; a frequent word's stem
    /// comes from the embedded table the build script stemmed with the same stemmer.
    pub fn stem_of<'w>(&self, lower: &'w str) -> Cow<'w, str> {
        if let Some(stem) = self.stem_table.as_ref().and_then(|table| table.stem(lower)) {
            return Cow::Borrowed(stem);
        }
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(lower),
            None => Cow::Borrowed(lower),
        }
    }
}

/// The byte index of the first apostrophe, straight or typographic (`’`), as
/// `word.find(['\'', '’'])` gives it: a byte scan, since neither byte it looks for (`'`, and
/// the lead byte of `’`) occurs inside another character.
fn first_apostrophe(word: &str) -> Option<usize> {
    const TYPOGRAPHIC: &[u8] = "’".as_bytes();
    let bytes = word.as_bytes();
    bytes
        .iter()
        .enumerate()
        .position(|(index, &byte)| byte == b'\'' || (byte == TYPOGRAPHIC[0] && bytes[index..].starts_with(TYPOGRAPHIC)))
}

fn titles() -> &'static HashSet<&'static str> {
    static TITLE_SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    TITLE_SET.get_or_init(|| word_lines(TITLES).collect())
}

/// A news agency's name (lower case), in any language.
pub fn is_agency(lower: &str) -> bool {
    agencies().contains(lower)
}

fn agencies() -> &'static HashSet<&'static str> {
    static AGENCY_SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    AGENCY_SET.get_or_init(|| word_lines(AGENCIES).collect())
}

/// Non-empty, non-comment lines of an embedded list.
pub fn word_lines(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The profile of a language; a profile without stemmer, stop words or background for a
/// language the registry does not have.
pub fn profile(registered: Option<Language>) -> &'static Profile {
    static PROFILES: [OnceLock<Profile>; LANGUAGE_COUNT] = [const { OnceLock::new() }; LANGUAGE_COUNT];
    static UNSUPPORTED: OnceLock<Profile> = OnceLock::new();
    match registered {
        Some(language) => PROFILES[language as usize].get_or_init(|| build(source_of(language))),
        None => UNSUPPORTED.get_or_init(|| {
            let stop_words = HashSet::new();
            let connectors = word_lines(NAME_PARTICLES).collect();
            let classes = classes_of(&stop_words, &connectors);
            Profile {
                stemmer: None,
                #[cfg(test)]
                stop_words,
                #[cfg(test)]
                connectors,
                classes,
                own_connectors: false,
                background: None,
                stem_table: None,
                english_edges: false,
                adverb_suffix: None,
                edge_words: HashSet::new(),
                edge_exceptions: HashSet::new(),
                verb_suffixes: &[],
                nouns_capitalised: false,
                elisions: &[],
                suffix_after_apostrophe: false,
            }
        }),
    }
}

fn build(source: &'static Source) -> Profile {
    let stemmer = Stemmer::create(source.language.stemmer());
    let mut stop_words: HashSet<&'static str> =
        stop_words::lookup(source.nltk_code).unwrap_or_default().iter().copied().collect();
    stop_words.extend(word_lines(source.extra_stop_words));
    stop_words.extend(word_lines(source.numbers));
    let connectors = word_lines(source.connectors).chain(word_lines(NAME_PARTICLES)).collect();
    let classes = classes_of(&stop_words, &connectors);
    let background = background_table(source.background_file).and_then(Background::from_table);
    let stem_table = stem_table(source.background_file).and_then(StemTable::from_table);
    Profile {
        stemmer: Some(stemmer),
        #[cfg(test)]
        stop_words,
        #[cfg(test)]
        connectors,
        classes,
        own_connectors: word_lines(source.connectors).next().is_some(),
        background,
        stem_table,
        english_edges: source.language == Language::English,
        adverb_suffix: match source.language {
            Language::Portuguese | Language::Spanish | Language::Italian => Some("mente"),
            _ => None,
        },
        edge_words: word_lines(source.edges).filter(|line| !line.starts_with('+')).collect(),
        edge_exceptions: word_lines(source.edges).filter_map(|line| line.strip_prefix('+')).collect(),
        verb_suffixes: match source.language {
            Language::Spanish => SPANISH_VERB_SUFFIXES,
            Language::Portuguese => PORTUGUESE_VERB_SUFFIXES,
            Language::Italian => ITALIAN_VERB_SUFFIXES,
            Language::French => FRENCH_VERB_SUFFIXES,
            Language::Russian => RUSSIAN_VERB_SUFFIXES,
            _ => &[],
        },
        nouns_capitalised: source.language == Language::German,
        elisions: match source.language {
            Language::French => FRENCH_ELISIONS,
            Language::Italian => ITALIAN_ELISIONS,
            _ => &[],
        },
        suffix_after_apostrophe: source.language == Language::Turkish,
    }
}

/// The profile of a language code, for tests.
#[cfg(test)]
pub fn profile_of(code: &str) -> &'static Profile {
    profile(Language::from_code(code))
}

/// The lower-cased words of the stop list, for tests and diagnostics.
#[cfg(test)]
pub fn stop_word_count(code: &str) -> usize {
    profile_of(code).stop_words.len()
}

/// Counts words per stem in a list, for tests.
#[cfg(test)]
pub fn stems_of(code: &str, words: &[&str]) -> std::collections::HashMap<String, usize> {
    let profile = profile_of(code);
    let mut counts = std::collections::HashMap::new();
    for word in words {
        *counts.entry(profile.stem(&word.to_lowercase())).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_indexed_by_their_language() {
        for (index, source) in SOURCES.iter().enumerate() {
            assert_eq!(source.language as usize, index, "{:?}", source.language);
        }
    }

    #[test]
    fn every_stemmer_language_has_stop_words_and_a_background() {
        for source in &SOURCES {
            let profile = profile(Some(source.language));
            assert!(profile.stemmer.is_some());
            assert!(profile.has_stop_words(), "{:?} has no stop words", source.language);
            assert!(profile.background.as_ref().is_some_and(|b| b.len() > 1000), "{:?}", source.language);
        }
    }

    #[test]
    fn background_tables_are_stemmed_as_the_runtime_stems() {
        for source in &SOURCES {
            let path = format!("{}/data/keywords/background/{}.txt", env!("CARGO_MANIFEST_DIR"), source.background_file);
            let list = std::fs::read_to_string(&path).expect("a background list");
            let profile = profile(Some(source.language));
            let background = profile.background.as_ref().expect("a table");
            let unseen = background.idf("\u{1}not a stem\u{1}");
            let words: Vec<&str> =
                list.lines().map(str::trim).filter(|w| !w.is_empty() && !w.starts_with(['#', '@'])).take(300).collect();
            let missing = words.iter().filter(|word| background.idf(&profile.stem(word)) == unseen).count();
            assert_eq!(missing, 0, "{:?}: {missing} of {} common words not found", source.language, words.len());
        }
    }

    #[test]
    fn stem_tables_agree_with_the_stemmer() {
        for source in &SOURCES {
            let path = format!("{}/data/keywords/background/{}.txt", env!("CARGO_MANIFEST_DIR"), source.background_file);
            let list = std::fs::read_to_string(&path).expect("a background list");
            let profile = profile(Some(source.language));
            let table = profile.stem_table.as_ref().expect("a stem table");
            let stemmer = profile.stemmer.as_ref().expect("a stemmer");
            let mut listed = 0;
            for word in super::super::background::list_words(&list).take(super::super::background::STEM_TABLE_WORDS * 2) {
                if let Some(stem) = table.stem(word) {
                    assert_eq!(stem, stemmer.stem(word), "{:?}: {word}", source.language);
                    listed += 1;
                }
            }
            // A list shorter than the table's share is in it whole.
            let distinct: HashSet<&str> = super::super::background::list_words(&list).filter(|word| word.len() <= 255).collect();
            let expected = super::super::background::STEM_TABLE_WORDS.min(distinct.len());
            assert_eq!(table.len(), expected, "{:?}", source.language);
            assert!(listed >= table.len(), "{:?}: {listed} of {}", source.language, table.len());
        }
    }

    #[test]
    fn titles_are_stop_words_in_every_language() {
        assert!(profile_of("en").is_stop_word("mr"));
        assert!(profile_of("de").is_stop_word("president"));
        assert!(profile_of("ja").is_stop_word("mrs"));
        assert!(!profile_of("en").is_stop_word("ukraine"));
    }

    #[test]
    fn the_apostrophe_scan_finds_what_a_character_search_finds() {
        for word in ["Trump's", "Reuters’", "L’Élysée", "naïve’s", "’", "'", "plain", "", "é’'", "d'l’", "“quoted”", "€’"] {
            assert_eq!(first_apostrophe(word), word.find(['\'', '’']), "{word}");
        }
    }

    #[test]
    fn word_cores_drop_possessives_elisions_and_turkish_endings() {
        let core = |code: &str, word: &'static str| {
            let (range, cut) = profile_of(code).word_core(word);
            (&word[range], cut)
        };
        assert_eq!(core("en", "Trump's"), ("Trump", true));
        assert_eq!(core("en", "Reuters’"), ("Reuters", true));
        assert_eq!(core("en", "O'Brien"), ("O'Brien", false));
        assert_eq!(core("fr", "d'agriculteurs"), ("agriculteurs", false));
        assert_eq!(core("fr", "L’Élysée"), ("Élysée", false));
        assert_eq!(core("it", "dell'Italia"), ("Italia", false));
        assert_eq!(core("tr", "Ankara'da"), ("Ankara", true));
        assert_eq!(core("fr", "d'"), ("d", true));
    }

    #[test]
    fn number_words_are_stop_words_in_every_language() {
        let numbers = [
            ("ar", "ثلاثة"), ("da", "tyve"), ("nl", "twintig"), ("en", "thirty"), ("fi", "kolme"), ("fr", "vingt"),
            ("de", "zwanzig"), ("el", "είκοσι"), ("hu", "húsz"), ("it", "venti"), ("no", "tjue"), ("pt", "trinta"),
            ("ro", "douăzeci"), ("ru", "двадцать"), ("es", "veinte"), ("sv", "tjugo"), ("ta", "இருபது"), ("tr", "yirmi"),
        ];
        assert_eq!(numbers.len(), LANGUAGE_COUNT);
        for (code, word) in numbers {
            assert!(profile_of(code).is_stop_word(word), "{code}: {word}");
        }
        for word in ["cinquenta", "cento", "vinte"] {
            assert!(profile_of("pt").is_stop_word(word), "{word}");
        }
    }

    #[test]
    fn agencies_and_abbreviated_ranks_are_stop_words_everywhere() {
        for code in ["en", "fr", "ja"] {
            for word in ["ap", "reuters", "afp", "brig", "maj", "sgt"] {
                assert!(profile_of(code).is_stop_word(word), "{code}: {word}");
            }
        }
    }

    #[test]
    fn verbs_and_adverbs_stay_off_phrase_edges() {
        let neither = Edges { start: false, end: false };
        assert_eq!(profile_of("en").phrase_edges("derailing"), Edges { start: false, end: false });
        assert_eq!(profile_of("en").phrase_edges("overnight"), neither);
        assert_eq!(profile_of("en").phrase_edges("building"), Edges::BOTH);
        assert_eq!(profile_of("en").phrase_edges("family"), Edges::BOTH);
        assert_eq!(profile_of("en").phrase_edges("pounded"), Edges { start: true, end: false });
        assert_eq!(profile_of("pt").phrase_edges("rapidamente"), neither);
        assert_eq!(profile_of("es").phrase_edges("subieron"), neither);
        assert_eq!(profile_of("de").phrase_edges("erneuerbare"), Edges { start: true, end: false });
        assert_eq!(profile_of("fi").phrase_edges("talo"), Edges::BOTH);
        assert!(profile_of("en").has_phrase_rules() && profile_of("en").name_prior());
        assert!(profile_of("de").has_phrase_rules() && !profile_of("de").name_prior());
        assert!(!profile_of("fi").has_phrase_rules() && !profile_of("fi").has_own_connectors());
    }

    #[test]
    fn one_lookup_classes_agree_with_the_word_lists() {
        for code in ["en", "de", "fr", "pt", "ja"] {
            let profile = profile_of(code);
            let listed = profile.stop_words.iter().chain(&profile.connectors).chain(titles()).chain(agencies());
            for &word in listed.chain(["harbour", "of", "mr", "ap", "the", "von", ""].iter()) {
                let expected = if profile.is_title(word) {
                    Some(WordClass::Title)
                } else if profile.is_connector(word) {
                    Some(WordClass::Connector)
                } else if profile.is_stop_word(word) {
                    Some(WordClass::Stop)
                } else {
                    None
                };
                assert_eq!(profile.class(word), expected, "{code}: {word:?}");
            }
        }
        assert_eq!(profile_of("en").class("of"), Some(WordClass::Connector));
        assert_eq!(profile_of("en").class("mr"), Some(WordClass::Title));
        assert_eq!(profile_of("en").class("harbour"), None);
    }

    #[test]
    fn connectors_are_per_language_plus_name_particles() {
        assert!(profile_of("en").is_connector("of") && profile_of("en").is_connector("von"));
        assert!(profile_of("pt").is_connector("dos"));
        assert!(!profile_of("fr").is_connector("of"));
        assert!(profile_of("ja").is_connector("van"));
    }

    #[test]
    fn a_borrowed_stem_is_the_owned_one() {
        for (code, word) in [("en", "harbours"), ("en", "kyiv"), ("de", "angriffen"), ("ja", "tokio")] {
            let profile = profile_of(code);
            assert_eq!(profile.stem_of(word), profile.stem(word).as_str(), "{code}: {word}");
        }
        assert!(matches!(profile_of("ja").stem_of("tokio"), Cow::Borrowed("tokio")));
    }

    #[test]
    fn german_inflections_share_a_stem() {
        let stems = stems_of("de", &["Angriffe", "Angriffen", "Angriff"]);
        assert_eq!(stems.get("angriff"), Some(&3), "{stems:?}");
        assert!(stop_word_count("en") > 150);
    }
}
