//! The embedded word lists behind entity detection and typing, parsed once per process.
//!
//! Everything here is `include_str!` from `data/entities/` (sources and licences in
//! `data/README.md`). Names are compared in a folded form ([`fold`]): lower case where lowering
//! keeps the UTF-8 length, so a folded copy of the text has the same byte offsets as the text.

use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

/// The document model's folding, which the gazetteers' keys are made with.
pub(crate) use crate::analysis::document::fold;

/// What a gazetteer name is known to be; one name can be several things.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Known {
    pub country: bool,
    pub capital: bool,
    pub subdivision: bool,
    pub city: bool,
    pub region: bool,
    pub organization: bool,
    pub demonym: bool,
}

impl Known {
    /// A place whose name is rarely anything else (a country, a capital, a region).
    pub fn strong_place(&self) -> bool {
        self.country || self.capital || self.subdivision || self.region
    }

    pub fn place(&self) -> bool {
        self.strong_place() || self.city
    }

    pub fn any(&self) -> bool {
        self.place() || self.organization || self.demonym
    }
}

/// One entry of the phrase automaton.
pub(crate) struct Phrase {
    /// The name as the list writes it (used as the display name for caseless text).
    pub display: String,
    pub known: Known,
}

pub(crate) struct Lexicon {
    /// Places, regions, known organisations and demonyms, by folded name.
    pub phrases: Vec<Phrase>,
    pub phrase_index: HashMap<String, usize>,
    /// Leftmost-longest, anchored: asked "which phrase starts exactly here" at token starts.
    pub automaton: AhoCorasick,
    pub given_names: HashSet<String>,
    /// Folded title phrase → the languages it is a title in ([`language_bits`]; `*` entries of
    /// the list are in every language): one look-up answers [`Lexicon::is_title`].
    titles: HashMap<String, u8>,
    pub max_title_words: usize,
    /// First words of titles, so most words are ruled out without building a phrase.
    pub title_starts: HashSet<String>,
    pub role_words: HashSet<String>,
    /// Folded organisation word → true when it counts anywhere in the name, false when only last.
    pub org_words: HashMap<String, bool>,
    pub event_heads: HashSet<String>,
    /// Last words that make a name a place built by people (`Stadium`, `Airport`, `Square`).
    pub facility_heads: HashSet<String>,
    /// Words capitalised only at a sentence start → the languages they are function words of
    /// ([`language_bits`]).
    function_words: HashMap<String, u8>,
    /// Every language's function words together (for caseless text, where any may appear).
    pub any_function_word: HashSet<String>,
    /// Never a name on their own (days, months, a few abbreviations).
    pub never_alone: HashSet<String>,
    /// Every single word of the lists above that the tagger asks about, with the lists it is
    /// in: one look-up instead of one per list ([`Lexicon::listing`]).
    listings: HashMap<String, Listing>,
}

/// Which of the tagger's word lists a folded word is in ([`Lexicon::listing`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Listing {
    /// [`Listing::GIVEN_NAME`] and the other list bits.
    lists: u8,
    /// The [`language_bits`] of the languages the word is a title in.
    title_languages: u8,
    /// The [`language_bits`] of the languages the word is a function word of.
    function_languages: u8,
}

impl Listing {
    pub const GIVEN_NAME: u8 = 1;
    pub const ROLE_WORD: u8 = 1 << 1;
    pub const ORG_WORD: u8 = 1 << 2;
    pub const FACILITY_HEAD: u8 = 1 << 3;
    pub const EVENT_HEAD: u8 = 1 << 4;
    pub const NEVER_ALONE: u8 = 1 << 5;

    /// Whether the word is in any of the lists of `bits` ([`Listing::GIVEN_NAME`]…).
    pub fn is_in(self, bits: u8) -> bool {
        self.lists & bits != 0
    }

    /// [`Lexicon::is_title`] of the word.
    pub fn is_title(self, language: &str) -> bool {
        self.title_languages & (language_bits(language) | EVERY_LANGUAGE) != 0
    }

    /// [`Lexicon::is_function_word`] of the word.
    pub fn is_function_word(self, language: &str) -> bool {
        self.function_languages & language_bits(language) != 0
    }
}

/// Languages whose function words and titles are listed (their order gives their bits).
const LANGUAGES: &[&str] = &["en", "de", "fr", "es", "it", "pt", "nl"];

/// The bit of a word list's language column: one per [`LANGUAGES`] entry, and the top bit for
/// `*` (every language); 0 for a language without lists.
fn language_bits(language: &str) -> u8 {
    match LANGUAGES.iter().position(|l| *l == language) {
        Some(p) => 1 << p,
        None if language == "*" => EVERY_LANGUAGE,
        None => 0,
    }
}

const EVERY_LANGUAGE: u8 = 1 << 7;

impl Lexicon {
    pub fn is_title(&self, language: &str, folded: &str) -> bool {
        self.titles.get(folded).is_some_and(|bits| bits & (language_bits(language) | EVERY_LANGUAGE) != 0)
    }

    pub fn is_function_word(&self, language: &str, folded: &str) -> bool {
        self.function_words.get(folded).is_some_and(|bits| bits & language_bits(language) != 0)
    }

    /// The phrase (by index into [`Lexicon::phrases`]) that starts at byte `start` of `folded`.
    pub fn phrase_at(&self, folded: &str, start: usize) -> Option<(usize, usize)> {
        let input = Input::new(folded).range(start..).anchored(Anchored::Yes);
        let found = self.automaton.try_find(input).ok().flatten()?;
        Some((found.pattern().as_usize(), found.end()))
    }

    pub fn known(&self, folded_name: &str) -> Option<&Phrase> {
        self.phrase_index.get(folded_name).map(|&i| &self.phrases[i])
    }

    /// The lists a folded word is in: what `given_names.contains`, `is_title` and the other
    /// membership tests of the tagger's word lists answer, in one look-up.
    pub fn listing(&self, folded: &str) -> Listing {
        self.listings.get(folded).copied().unwrap_or_default()
    }
}

/// The [`Listing`] of every word of the tagger's lists, built from the lists themselves.
fn listings(lexicon: &Lexicon) -> HashMap<String, Listing> {
    let mut listings: HashMap<String, Listing> = HashMap::default();
    let sets = [
        (&lexicon.given_names, Listing::GIVEN_NAME),
        (&lexicon.role_words, Listing::ROLE_WORD),
        (&lexicon.facility_heads, Listing::FACILITY_HEAD),
        (&lexicon.event_heads, Listing::EVENT_HEAD),
        (&lexicon.never_alone, Listing::NEVER_ALONE),
    ];
    for (set, bit) in sets {
        for word in set {
            listings.entry(word.clone()).or_default().lists |= bit;
        }
    }
    for word in lexicon.org_words.keys() {
        listings.entry(word.clone()).or_default().lists |= Listing::ORG_WORD;
    }
    for (title, &bits) in &lexicon.titles {
        listings.entry(title.clone()).or_default().title_languages |= bits;
    }
    for (word, &bits) in &lexicon.function_words {
        listings.entry(word.clone()).or_default().function_languages |= bits;
    }
    listings
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

/// A folded key for comparing names: folded, typographic apostrophes made plain, spaces single.
pub(crate) fn name_key(text: &str) -> String {
    name_key_of_folded(&fold(text))
}

/// [`name_key`] of text already folded (a span of [`crate::analysis::document::Document::folded`]
/// is the fold of the same span of the text: folding goes character by character).
pub(crate) fn name_key_of_folded(folded: &str) -> String {
    single_spaced(folded.chars().map(|c| if c == '’' { '\'' } else { c }), folded.len())
}

/// Folds and drops the diacritics of common Latin letters: how URL slugs write names.
pub(crate) fn ascii_key(text: &str) -> String {
    let folded = fold(text);
    // One pass over the fold: `name_key`'s apostrophe (which the slug map makes a space), the
    // slug map, and single spaces. Both maps leave spaces spaces and make nothing else one but
    // the listed marks, so collapsing once at the end is collapsing after each step.
    single_spaced(folded.chars().map(|c| if c == '’' { ' ' } else { ascii_letter(c) }), folded.len())
}

/// The slug form of one folded character.
fn ascii_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ğ' => 'g',
        'ř' => 'r',
        '-' | '\'' | '.' => ' ',
        other => other,
    }
}

/// The characters' words (split at Unicode white space, as `split_whitespace`) joined by single
/// spaces, in a string of `capacity` bytes.
fn single_spaced(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn build() -> Lexicon {
    let mut phrases: Vec<Phrase> = Vec::new();
    let mut phrase_index: HashMap<String, usize> = HashMap::default();
    let mut add = |name: &str, mark: &dyn Fn(&mut Known)| {
        let key = fold(name);
        let index = *phrase_index.entry(key).or_insert_with(|| {
            phrases.push(Phrase { display: name.to_string(), known: Known::default() });
            phrases.len() - 1
        });
        mark(&mut phrases[index].known);
    };
    for line in lines(include_str!("../../../data/entities/places.tsv")) {
        let Some((name, kind)) = line.split_once('\t') else { continue };
        match kind {
            "country" => add(name, &|k| k.country = true),
            "capital" => add(name, &|k| k.capital = true),
            "subdivision" => add(name, &|k| k.subdivision = true),
            _ => add(name, &|k| k.city = true),
        }
    }
    for name in lines(include_str!("../../../data/entities/regions.txt")) {
        add(name, &|k| k.region = true);
    }
    for name in lines(include_str!("../../../data/entities/known_orgs.txt")) {
        add(name, &|k| k.organization = true);
    }
    for name in lines(include_str!("../../../data/entities/demonyms.txt")) {
        add(name, &|k| k.demonym = true);
    }
    // Patterns are the folded names in index order, so a match's pattern id is the phrase index.
    let mut patterns: Vec<String> = vec![String::new(); phrases.len()];
    for (key, &index) in &phrase_index {
        patterns[index] = key.clone();
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .build(&patterns)
        // Patterns are a few thousand short strings: building cannot exceed the automaton limits.
        .expect("gazetteer automaton builds");

    let given_names =
        lines(include_str!("../../../data/entities/given_names.txt")).map(fold).collect::<HashSet<_>>();

    let mut titles: HashMap<String, u8> = HashMap::default();
    let mut max_title_words = 1;
    let mut title_starts = HashSet::default();
    for line in lines(include_str!("../../../data/entities/titles.tsv")) {
        let Some((language, title)) = line.split_once('\t') else { continue };
        max_title_words = max_title_words.max(title.split_whitespace().count());
        let key = name_key(title);
        title_starts.insert(key.split(' ').next().unwrap_or_default().to_string());
        *titles.entry(key).or_default() |= language_bits(language);
    }

    let role_words = lines(include_str!("../../../data/entities/role_words.txt")).map(fold).collect();

    let mut org_words = HashMap::default();
    for line in lines(include_str!("../../../data/entities/org_words.tsv")) {
        let Some((word, place)) = line.split_once('\t') else { continue };
        let anywhere = place == "any";
        let entry = org_words.entry(fold(word)).or_insert(anywhere);
        *entry |= anywhere;
    }
    let event_heads = lines(include_str!("../../../data/entities/event_words.txt")).map(name_key).collect();
    let facility_heads = lines(include_str!("../../../data/entities/facility_words.txt")).map(fold).collect();

    let mut function_words: HashMap<String, u8> = HashMap::default();
    let mut any_function_word = HashSet::default();
    let mut never_alone = HashSet::default();
    for line in lines(include_str!("../../../data/entities/common_words.tsv")) {
        let Some((language, word)) = line.split_once('\t') else { continue };
        if language == "*" {
            never_alone.insert(word.to_string());
        } else {
            *function_words.entry(word.to_string()).or_default() |= language_bits(language);
            any_function_word.insert(word.to_string());
        }
    }

    let mut lexicon = Lexicon {
        listings: HashMap::default(),
        phrases,
        phrase_index,
        automaton,
        given_names,
        titles,
        max_title_words,
        title_starts,
        role_words,
        org_words,
        event_heads,
        facility_heads,
        function_words,
        any_function_word,
        never_alone,
    };
    lexicon.listings = listings(&lexicon);
    lexicon
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_byte_offsets() {
        for text in ["ZÜRICH İstanbul Kyiv", "ẞ straße", "ÅNGSTRÖM"] {
            assert_eq!(fold(text).len(), text.len(), "{text}");
        }
        assert_eq!(fold("KYIV"), "kyiv");
    }

    #[test]
    fn gazetteers_know_places_bodies_and_demonyms() {
        let lexicon = &*LEXICON;
        assert!(lexicon.known("ukraine").is_some_and(|p| p.known.country));
        assert!(lexicon.known("london").is_some_and(|p| p.known.capital));
        assert!(lexicon.known("middle east").is_some_and(|p| p.known.region));
        assert!(lexicon.known("pentagon").is_some_and(|p| p.known.organization));
        assert!(lexicon.known("russian").is_some_and(|p| p.known.demonym));
        assert!(lexicon.known("texas").is_some_and(|p| p.known.subdivision));
        assert!(lexicon.given_names.contains("vladimir"));
        assert!(lexicon.is_title("en", "defence secretary"));
        assert!(!lexicon.is_title("en", "trump"));
        assert!(lexicon.never_alone.contains("wednesday"));
    }

    #[test]
    fn titles_and_function_words_count_only_in_their_languages() {
        let lexicon = &*LEXICON;
        assert!(lexicon.is_title("de", "herr"));
        assert!(!lexicon.is_title("en", "herr"));
        // `*` titles are titles in every language, even one without lists.
        for language in ["en", "de", "nl", "xx"] {
            assert!(lexicon.is_title(language, "mr"), "{language}");
        }
        assert!(lexicon.is_function_word("es", "el"));
        assert!(!lexicon.is_function_word("en", "el"));
        assert!(!lexicon.is_function_word("xx", "the"));
        assert!(!lexicon.is_function_word("*", "the"));
    }

    #[test]
    fn the_automaton_finds_the_longest_phrase_at_a_position() {
        let text = fold("flew to Saudi Arabia today");
        let start = text.find("saudi").unwrap_or(0);
        let (index, end) = LEXICON.phrase_at(&text, start).unwrap_or((0, 0));
        assert_eq!(&text[start..end], "saudi arabia");
        assert_eq!(LEXICON.phrases[index].display, "Saudi Arabia");
    }

    #[test]
    fn one_listing_answers_what_each_list_answers() {
        let lexicon = &*LEXICON;
        let mut words: Vec<&str> = lexicon.listings.keys().map(String::as_str).collect();
        words.extend(["trump", "kestrel", "", "defence secretary"]);
        for word in words {
            let listing = lexicon.listing(word);
            assert_eq!(listing.is_in(Listing::GIVEN_NAME), lexicon.given_names.contains(word), "{word}");
            assert_eq!(listing.is_in(Listing::ROLE_WORD), lexicon.role_words.contains(word), "{word}");
            assert_eq!(listing.is_in(Listing::ORG_WORD), lexicon.org_words.contains_key(word), "{word}");
            assert_eq!(listing.is_in(Listing::FACILITY_HEAD), lexicon.facility_heads.contains(word), "{word}");
            assert_eq!(listing.is_in(Listing::EVENT_HEAD), lexicon.event_heads.contains(word), "{word}");
            assert_eq!(listing.is_in(Listing::NEVER_ALONE), lexicon.never_alone.contains(word), "{word}");
            for language in LANGUAGES.iter().copied().chain(["xx", "*"]) {
                assert_eq!(listing.is_title(language), lexicon.is_title(language, word), "{word} {language}");
                assert_eq!(listing.is_function_word(language), lexicon.is_function_word(language, word), "{word} {language}");
            }
        }
        assert!(lexicon.listing("mr").is_title("en") && lexicon.listing("vladimir").is_in(Listing::GIVEN_NAME));
    }

    /// The keys as first written: fold, split, map, join, map, split, join.
    fn keys_step_by_step(text: &str) -> (String, String) {
        let name = fold(text).split_whitespace().map(|w| w.replace('’', "'")).collect::<Vec<_>>().join(" ");
        let slug: String = name.chars().map(ascii_letter).collect();
        (name.clone(), slug.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    #[test]
    fn one_pass_keys_are_the_step_by_step_keys() {
        for text in [
            "", "  ", "Volodymyr  Zelenskyy", " São\u{a0}Paulo ", "O’Neill’s - Café", "Jean-Luc\tMélenchon.",
            "U.S. ’ '", "ZÜRICH\u{2003}İstanbul", "l’Équipe — Paris", "’ ’", "-.-", "Ça va\n",
        ] {
            let (name, slug) = keys_step_by_step(text);
            assert_eq!(name_key(text), name, "{text:?}");
            assert_eq!(name_key_of_folded(&fold(text)), name, "{text:?}");
            assert_eq!(ascii_key(text), slug, "{text:?}");
        }
    }

    #[test]
    fn slugs_compare_without_diacritics() {
        assert_eq!(ascii_key("Volodymyr Zelenskyy"), "volodymyr zelenskyy");
        assert_eq!(ascii_key("São Paulo"), "sao paulo");
        assert_eq!(ascii_key("Jean-Luc Mélenchon"), "jean luc melenchon");
    }
}
