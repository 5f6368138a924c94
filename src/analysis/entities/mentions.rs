//! Mention detection: runs of capitalised words (with name connectors, initials, hyphens and
//! gazetteer phrases), titles split off, possessives dropped, sentence-initial capitals checked
//! against how the document writes the word elsewhere.
//!
//! Sentences written in capitals or in title case (headlines), and documents with no capitals at
//! all, say nothing through case: there only gazetteer phrases and names the rest of the document
//! established are taken. Every step is a bounded look at nearby tokens, so detection is linear.

use foldhash::{HashMap, HashSet};

use super::gazetteer::{name_key, Lexicon};
use super::typing::{self, is_connector, Evidence, MentionFacts};
use crate::analysis::document::{is_abbreviation, Casing, Document, TokenKind};
use crate::analysis::TextSpan;

/// One name found in the text.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    /// The name only: no title, no possessive.
    pub span: TextSpan,
    /// Folded words of the name (hyphenated parts kept together).
    pub words: Vec<String>,
    /// The title before the name as written (`Mr`, `Defence Secretary`), or empty.
    pub title: String,
    pub evidence: Evidence,
    /// Found in text whose case says nothing (all caps, title case, no capitals).
    pub caseless: bool,
    /// The gazetteer's spelling, for names only found in caseless text.
    pub display: Option<String>,
}

/// Longest run of words taken as one name; longer capitalised runs are cut.
const MAX_NAME_WORDS: usize = 8;
/// Longest known name looked up in caseless text, in words.
const MAX_KNOWN_WORDS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// Starts with a capital and has lower-case letters (`Trump`, `McDonald`, `iPhone`).
    Upper,
    /// Two or more letters, none lower case (`NATO`, `JD`); or a single capital (`J`).
    AllCaps,
    Lower,
}

/// What separates a word from the next one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    Space,
    /// A full stop glued to the word (`Mr.`, `J.`), then space.
    Dot,
    Ampersand,
    /// Anything else: punctuation, numbers, a possessive, the end of the sentence.
    Break,
}

/// A word as mention detection splits the text: the document's words, with the parts of a
/// hyphenated compound joined only where they make one name (`Jean-Claude`, not `Kremlin-run`),
/// and what separates each from the next.
#[derive(Clone, Debug)]
struct Word {
    span: TextSpan,
    case: Case,
    gap: Gap,
    possessive: bool,
    sentence_start: bool,
}

struct Sentence {
    words: Vec<Word>,
    caseless: bool,
}

/// How often each folded word is written capitalised mid-sentence and in lower case.
#[derive(Default)]
struct Usage<'t> {
    capitalised_inside: HashMap<&'t str, u32>,
    lower: HashSet<&'t str>,
}

pub(crate) struct Detector<'a> {
    lexicon: &'a Lexicon,
    language: &'a str,
    document: &'a Document,
    text: &'a str,
    folded: &'a str,
}

/// Lower-case second parts of hyphenated words that make an adjective, not a name (`Kremlin-run`).
const COMPOUND_SUFFIXES: &[&str] = &[
    "led", "based", "born", "owned", "run", "made", "style", "era", "like", "held", "built", "bound", "wide", "free",
    "type", "level", "class", "sized", "area", "zone", "made", "backed", "linked", "tied", "only", "first", "born",
];


impl<'a> Detector<'a> {
    pub fn new(lexicon: &'a Lexicon, language: &'a str, document: &'a Document) -> Self {
        Detector { lexicon, language, document, text: &document.text, folded: &document.folded }
    }

    fn folded(&self, span: TextSpan) -> &'a str {
        &self.folded[span.range()]
    }

    pub fn detect(&self) -> Vec<Candidate> {
        let sentences = self.sentences();
        let usage = self.usage(&sentences);
        let mut candidates = Vec::new();
        // A stop request ends the search (the pipeline discards what was found).
        for sentence in sentences.iter().filter(|s| !s.caseless).take_while(|_| !crate::analysis::stop_requested()) {
            self.cased_sentence(sentence, &usage, &mut candidates);
        }
        if sentences.iter().any(|s| s.caseless) {
            let known = KnownNames::from(&candidates);
            for sentence in sentences.iter().filter(|s| s.caseless) {
                self.caseless_sentence(sentence, &known, &mut candidates);
            }
        }
        candidates.sort_by_key(|c| (c.span.start, c.span.end));
        candidates
    }

    /// Words per sentence, with sentence starts found after `.`, `!`, `?` and `:` as well as at
    /// the model's sentence starts (the model may not split sentences inside a paragraph).
    fn sentences(&self) -> Vec<Sentence> {
        let document = self.document;
        let skip = document.dateline.as_ref().map(|d| d.span);
        let no_capitals = !self.text.chars().any(char::is_uppercase);
        let mut out = Vec::with_capacity(document.sentences.len());
        for sentence in &document.sentences {
            let tokens = document.tokens.get(sentence.tokens.clone()).unwrap_or(&[]);
            let token_index = sentence.tokens.start;
            let mut words: Vec<Word> = Vec::new();
            let mut pending_start = true;
            let mut previous_end = None;
            let mut i = 0;
            while i < tokens.len() {
                let token = tokens[i];
                if skip.is_some_and(|s| s.contains(token.span)) {
                    i += 1;
                    continue;
                }
                if previous_end.is_some_and(|end| self.text[end..token.span.start].contains('\n')) {
                    pending_start = true;
                    if let Some(last) = words.last_mut() {
                        last.gap = Gap::Break;
                    }
                }
                previous_end = Some(token.span.end);
                if token.kind != TokenKind::Word {
                    let text = &self.text[token.span.range()];
                    let ends_sentence = matches!(text, "!" | "?" | ":" | "…" | ";")
                        || (text == "." && !words.last().is_some_and(|w| self.is_abbreviation(w)));
                    if ends_sentence {
                        pending_start = true;
                    }
                    if let Some(last) = words.last_mut() {
                        last.gap = match (text, last.gap) {
                            (".", Gap::Space) if token.span.start == last.span.end => Gap::Dot,
                            ("&", Gap::Space) => Gap::Ampersand,
                            _ => Gap::Break,
                        };
                        if token.kind == TokenKind::Clitic {
                            last.possessive = true;
                        }
                    }
                    i += 1;
                    continue;
                }
                // A word, with hyphenated capitalised parts joined (`Jean-Claude`, `al-Assad`).
                let mut end = i;
                while end + 2 < tokens.len()
                    && &self.text[tokens[end + 1].span.range()] == "-"
                    && tokens[end + 1].span.start == tokens[end].span.end
                    && tokens[end + 2].span.start == tokens[end + 1].span.end
                    && tokens[end + 2].kind == TokenKind::Word
                    && self.joins_hyphenated(&self.text[tokens[end].span.range()], &self.text[tokens[end + 2].span.range()])
                {
                    end += 2;
                }
                let mut span = TextSpan::new(token.span.start, tokens[end].span.end);
                let mut possessive = false;
                let written = &self.text[span.range()];
                for suffix in ["'s", "’s", "'S", "’S"] {
                    if written.len() > suffix.len() + 1 && written.ends_with(suffix) {
                        span.end -= suffix.len();
                        possessive = true;
                        break;
                    }
                }
                let case = self.case_of(token_index + i..token_index + end + 1, span);
                if pending_start && !words.is_empty() {
                    let finished = std::mem::take(&mut words);
                    let caseless = no_capitals || is_caseless(&finished, self.folded);
                    out.push(Sentence { words: finished, caseless });
                }
                previous_end = Some(tokens[end].span.end);
                if let Some(last) = words.last_mut() {
                    if self.leaves_anchor(last.span.start, span.start) {
                        last.gap = Gap::Break;
                    }
                }
                words.push(Word {
                    span,
                    case,
                    gap: if possessive { Gap::Break } else { Gap::Space },
                    possessive,
                    sentence_start: pending_start,
                });
                pending_start = false;
                i = end + 1;
            }
            if !words.is_empty() {
                let caseless = no_capitals || is_caseless(&words, self.folded);
                out.push(Sentence { words, caseless });
            }
        }
        out
    }

    /// How the name word of `tokens` (`span`: without a possessive `'s`) is written: the
    /// document's casing of its word when it is one, else of its own text.
    fn case_of(&self, tokens: std::ops::Range<usize>, span: TextSpan) -> Case {
        let document = self.document;
        let whole_word = document.word_of_token(tokens.start).map(|w| &document.words[w]).filter(|w| w.span == span && w.tokens == tokens);
        let casing = whole_word.map_or_else(|| Casing::of(&self.text[span.range()]), |w| w.casing);
        case_of(casing, &self.text[span.range()])
    }

    /// Whether the word at `from` is inside an anchor that the word at `to` is not inside. A
    /// name never runs out of one anchor into the text or the next anchor (a row of share
    /// buttons `X Facebook Email` is no name), while a title before a linked name
    /// (`President <a>Ana Silva</a>`) still joins it.
    fn leaves_anchor(&self, from: usize, to: usize) -> bool {
        match self.document.anchor_at(from) {
            Some(anchor) => self.document.anchor_at(to) != Some(anchor),
            None => false,
        }
    }

    /// Whether `left-right` is one name: the right part capitalised (`Jean-Claude`), or a short
    /// lower-case syllable after a capitalised one (`Jae-myung`) that is no compound suffix.
    fn joins_hyphenated(&self, left: &str, right: &str) -> bool {
        if starts_upper(right) {
            return true;
        }
        let short = |w: &str| (2..=5).contains(&w.chars().count());
        starts_upper(left)
            && left.chars().skip(1).all(char::is_lowercase)
            && short(left)
            && short(right)
            && right.chars().all(char::is_lowercase)
            && !COMPOUND_SUFFIXES.contains(&right)
    }

    /// A function word of the language, unless written as an acronym (`US` is not `us`).
    fn is_function_word(&self, word: &Word) -> bool {
        let folded = self.folded(word.span);
        self.lexicon.is_function_word(self.language, folded) && !(word.case == Case::AllCaps && folded.chars().count() >= 2)
    }

    fn is_abbreviation(&self, word: &Word) -> bool {
        let folded = self.folded(word.span);
        folded.chars().count() == 1
            || folded.contains('.')
            || is_abbreviation(folded)
            || self.lexicon.is_title(self.language, folded)
    }

    fn usage<'s>(&'s self, sentences: &[Sentence]) -> Usage<'s> {
        let mut usage = Usage::default();
        for sentence in sentences.iter().filter(|s| !s.caseless) {
            for word in &sentence.words {
                let folded = self.folded(word.span);
                match word.case {
                    Case::Lower => {
                        usage.lower.insert(folded);
                    }
                    _ if !word.sentence_start => *usage.capitalised_inside.entry(folded).or_default() += 1,
                    _ => {}
                }
            }
        }
        usage
    }

    fn capitalised(word: &Word) -> bool {
        word.case != Case::Lower
    }

    /// The last word index of a gazetteer phrase starting at word `i`, if its words are
    /// capitalised as a name is (connectors may be lower case).
    fn phrase_end(&self, words: &[Word], i: usize) -> Option<usize> {
        let (_, end) = self.lexicon.phrase_at(self.folded, words[i].span.start)?;
        let mut k = i;
        loop {
            let word = &words[k];
            let folded = self.folded(word.span);
            if word.case == Case::Lower && !is_connector(folded) {
                return None;
            }
            if word.span.end == end || (word.gap == Gap::Dot && word.span.end + 1 == end) {
                return Some(k);
            }
            if word.span.end > end || k + 1 >= words.len() || k - i >= MAX_NAME_WORDS {
                return None;
            }
            if !matches!(word.gap, Gap::Space | Gap::Dot | Gap::Ampersand) {
                return None;
            }
            k += 1;
        }
    }

    /// Words that may head an `X of Y` name (`Bank of England`, `Gulf of Mexico`).
    fn heads_of_phrase(&self, folded: &str) -> bool {
        self.lexicon.org_words.contains_key(folded)
            || matches!(
                folded,
                "republic" | "kingdom" | "emirate" | "state" | "states" | "gulf" | "bay" | "sea" | "strait" | "straits"
                    | "isle" | "island" | "islands" | "cape" | "lake" | "mount" | "duke" | "duchess" | "house" | "chamber"
                    | "secretary" | "hall" | "statue" | "port" | "province" | "prince" | "princess" | "queen" | "king"
            )
    }

    fn cased_sentence(&self, sentence: &Sentence, usage: &Usage<'_>, out: &mut Vec<Candidate>) {
        let words = &sentence.words;
        let mut i = 0;
        while i < words.len() {
            if !Self::capitalised(&words[i]) {
                i += 1;
                continue;
            }
            let mut chunks: Vec<(usize, usize)> = Vec::new();
            let mut end = i;
            if let Some(k) = self.phrase_end(words, i) {
                chunks.push((i, k));
                end = k;
            }
            while end + 1 < words.len() && end + 1 - i < MAX_NAME_WORDS {
                let word = &words[end];
                let next = end + 1;
                let joins = match word.gap {
                    Gap::Space => true,
                    Gap::Dot => self.is_abbreviation(word) && word.case != Case::Lower,
                    Gap::Ampersand => Self::capitalised(&words[next]),
                    Gap::Break => false,
                };
                if !joins {
                    break;
                }
                if Self::capitalised(&words[next]) {
                    end = match self.phrase_end(words, next) {
                        Some(k) => {
                            chunks.push((next, k));
                            k
                        }
                        None => next,
                    };
                    continue;
                }
                let folded = self.folded(words[next].span);
                let bridge = if folded == "of" && self.heads_of_phrase(self.folded(word.span)) {
                    if words.get(next + 1).is_some_and(|w| self.folded(w.span) == "the") { 2 } else { 1 }
                } else if is_connector(folded) && folded != "of" && folded != "the" && folded != "and" {
                    if words.get(next + 1).is_some_and(|w| is_connector(self.folded(w.span))) { 2 } else { 1 }
                } else {
                    0
                };
                let target = next + bridge;
                let bridged = bridge > 0
                    && words[end..target].iter().all(|w| w.gap == Gap::Space)
                    && words.get(target).is_some_and(Self::capitalised);
                if !bridged {
                    break;
                }
                end = target;
            }
            self.split_sequence(sentence, i, end, &chunks, usage, out);
            i = end + 1;
        }
    }

    /// Splits a capitalised run at its title (`Nato Secretary General Jens Stoltenberg` → `Nato` and,
    /// titled, `Jens Stoltenberg`) and emits what remains.
    fn split_sequence(
        &self,
        sentence: &Sentence,
        first: usize,
        last: usize,
        chunks: &[(usize, usize)],
        usage: &Usage<'_>,
        out: &mut Vec<Candidate>,
    ) {
        let words = &sentence.words;
        let in_chunk = |k: usize| chunks.iter().any(|&(a, b)| a <= k && k <= b);
        let mut title: Option<(usize, usize)> = None;
        let mut k = first;
        while k <= last {
            if in_chunk(k) {
                k += 1;
                continue;
            }
            if !self.lexicon.title_starts.contains(self.folded(words[k].span)) {
                k += 1;
                continue;
            }
            let longest = (1..=self.lexicon.max_title_words.min(last - k + 1)).rev().find(|&n| {
                let phrase = (k..k + n).map(|j| self.folded(words[j].span)).collect::<Vec<_>>().join(" ");
                self.lexicon.is_title(self.language, &phrase)
            });
            match longest {
                Some(n) if k + n <= last && !self.names_a_body(&words[k + n..=last]) => {
                    title = Some((k, k + n - 1));
                    k += n;
                }
                _ => k += 1,
            }
        }
        match title {
            Some((title_first, title_last)) => {
                if title_first > first {
                    self.emit(sentence, first, title_first - 1, None, usage, out);
                }
                self.emit(sentence, title_last + 1, last, Some((title_first, title_last)), usage, out);
            }
            None => self.emit(sentence, first, last, None, usage, out),
        }
    }

    /// A run after a would-be title that is really part of an organisation's or place's name
    /// (`Justice Department`, `General Motors`).
    fn names_a_body(&self, words: &[Word]) -> bool {
        let key = words.iter().map(|w| self.folded(w.span)).collect::<Vec<_>>().join(" ");
        self.lexicon.known(&key).is_some_and(|p| p.known.organization)
            || words.iter().any(|w| self.lexicon.org_words.contains_key(self.folded(w.span)))
    }

    fn emit(
        &self,
        sentence: &Sentence,
        mut first: usize,
        mut last: usize,
        title: Option<(usize, usize)>,
        usage: &Usage<'_>,
        out: &mut Vec<Candidate>,
    ) {
        let words = &sentence.words;
        let full_phrase = |a: usize, b: usize| {
            let key = (a..=b).map(|j| self.folded(words[j].span)).collect::<Vec<_>>().join(" ");
            self.lexicon.known(&key).is_some()
        };
        // Leading function words, days and connectors are not part of a name (`The`, `On`).
        while first <= last {
            let folded = self.folded(words[first].span);
            let function_word = self.is_function_word(&words[first]);
            let drop = function_word && (words[first].sentence_start || folded == "the")
                || (first < last && self.lexicon.never_alone.contains(folded))
                || is_connector(folded) && words[first].case == Case::Lower;
            if !drop || full_phrase(first, last) {
                break;
            }
            first += 1;
        }
        while last > first && is_connector(self.folded(words[last].span)) {
            last -= 1;
        }
        if first > last {
            return;
        }
        let titled = title.is_some();
        // A sentence-initial capital says nothing: keep the word only when the document or the
        // gazetteers vouch for it.
        if words[first].sentence_start && !titled {
            let folded = self.folded(words[first].span);
            let vouched = usage.capitalised_inside.contains_key(folded)
                || words[first].case == Case::AllCaps && folded.chars().count() >= 2
                || self.lexicon.known(folded).is_some_and(|p| p.known.strong_place() || p.known.organization || p.known.demonym);
            let acronym = words[first].case == Case::AllCaps && folded.chars().count() >= 2;
            let common = !acronym && (usage.lower.contains(folded) || self.lexicon.any_function_word.contains(folded));
            if first == last {
                if !vouched || common && !usage.capitalised_inside.contains_key(folded) {
                    return;
                }
            } else if !vouched
                && !self.lexicon.given_names.contains(folded)
                && self.phrase_end(words, first).is_none()
                && (common
                    || self.lexicon.role_words.contains(folded)
                    || self.lexicon.given_names.contains(self.folded(words[first + 1].span))
                    || self.lexicon.known(&self.key_of(words, first + 1, last)).is_some())
            {
                first += 1;
            }
        }
        if self.language == "de" {
            // German capitalises every noun: drop leading words until a given name or known word.
            while first < last
                && !self.lexicon.given_names.contains(self.folded(words[first].span))
                && self.lexicon.known(self.folded(words[first].span)).is_none()
                && words[first].case != Case::AllCaps
                && (first + 1..=last).any(|j| self.lexicon.given_names.contains(self.folded(words[j].span)))
            {
                first += 1;
            }
        }
        let folded_first = self.folded(words[first].span);
        if first == last && !titled && (self.lexicon.never_alone.contains(folded_first) || self.is_function_word(&words[first])) {
            return;
        }
        let title_text = title.map(|(a, b)| self.text[words[a].span.start..words[b].span.end].to_string()).unwrap_or_default();
        let context_start = title.map_or(first, |(a, _)| a);
        let previous = context_start
            .checked_sub(1)
            .filter(|&p| words[p].gap == Gap::Space)
            .map(|p| self.folded(words[p].span));
        let next = (words[last].gap == Gap::Space).then(|| words.get(last + 1).map(|w| self.folded(w.span))).flatten();
        if let Some(candidate) = self.candidate(
            &words[first..=last],
            title_text,
            previous,
            next,
            words[last].possessive,
            false,
        ) {
            if self.language != "de" || candidate.evidence.is_specific() {
                out.push(candidate);
            }
        }
    }

    fn key_of(&self, words: &[Word], first: usize, last: usize) -> String {
        (first..=last).map(|j| self.folded(words[j].span)).collect::<Vec<_>>().join(" ")
    }

    #[allow(clippy::too_many_arguments)]
    fn candidate(
        &self,
        words: &[Word],
        title: String,
        previous: Option<&str>,
        next: Option<&str>,
        possessive: bool,
        caseless: bool,
    ) -> Option<Candidate> {
        let (first, last) = (words.first()?, words.last()?);
        let span = TextSpan::new(first.span.start, last.span.end);
        let key = name_key(&self.text[span.range()]);
        let folded: Vec<&str> = words.iter().map(|w| self.folded(w.span)).collect();
        let written: Vec<&str> = words.iter().map(|w| &self.text[w.span.range()]).collect();
        let facts = MentionFacts { words: &folded, written: &written, key: &key, titled: !title.is_empty(), previous, next, possessive };
        let evidence = typing::evidence(self.lexicon, &facts);
        let display = if caseless { self.lexicon.known(&key).map(|p| p.display.clone()) } else { None };
        Some(Candidate {
            span,
            words: folded.iter().map(|w| w.to_string()).collect(),
            title,
            evidence,
            caseless,
            display,
        })
    }

    /// Caseless text: names the cased text established, then gazetteer phrases.
    fn caseless_sentence(&self, sentence: &Sentence, known: &KnownNames, out: &mut Vec<Candidate>) {
        let words = &sentence.words;
        let mut i = 0;
        while i < words.len() {
            let folded = self.folded(words[i].span);
            let may_be_title = self.lexicon.title_starts.contains(folded);
            let title_words = (1..=self.lexicon.max_title_words.min(words.len() - i - 1)).rev().filter(|_| may_be_title).find(|&n| {
                let phrase = self.key_of(words, i, i + n - 1);
                self.lexicon.is_title(self.language, &phrase) && words[i..i + n].iter().all(|w| w.gap != Gap::Break)
            });
            let name_start = i + title_words.unwrap_or(0);
            let found = self.known_name_end(words, name_start, known).or_else(|| {
                (title_words.is_none() && !self.lexicon.any_function_word.contains(folded))
                    .then(|| self.caseless_phrase_end(words, i))
                    .flatten()
            });
            let Some(end) = found else {
                i += 1;
                continue;
            };
            let title = title_words.map(|n| self.text[words[i].span.start..words[i + n - 1].span.end].to_string()).unwrap_or_default();
            let previous = i.checked_sub(1).filter(|&p| words[p].gap == Gap::Space).map(|p| self.folded(words[p].span));
            let next = (words[end].gap == Gap::Space).then(|| words.get(end + 1).map(|w| self.folded(w.span))).flatten();
            if let Some(candidate) =
                self.candidate(&words[name_start..=end], title, previous, next, words[end].possessive, true)
            {
                out.push(candidate);
            }
            i = end + 1;
        }
    }

    fn known_name_end(&self, words: &[Word], start: usize, known: &KnownNames) -> Option<usize> {
        let first = words.get(start)?;
        if !known.first_words.contains(self.folded(first.span)) {
            return None;
        }
        let mut best = None;
        let mut key = String::new();
        for k in start..words.len().min(start + MAX_KNOWN_WORDS) {
            if k > start {
                if words[k - 1].gap != Gap::Space {
                    break;
                }
                key.push(' ');
            }
            key.push_str(self.folded(words[k].span));
            if known.keys.contains(&key) {
                best = Some(k);
            }
        }
        best
    }

    fn caseless_phrase_end(&self, words: &[Word], start: usize) -> Option<usize> {
        let (index, end) = self.lexicon.phrase_at(self.folded, words[start].span.start)?;
        let known = self.lexicon.phrases[index].known;
        let last = (start..words.len().min(start + MAX_NAME_WORDS)).find(|&k| words[k].span.end == end)?;
        let key = self.key_of(words, start, last);
        let usable = known.strong_place() || known.organization || known.demonym || (known.city && last > start);
        (usable && !self.lexicon.any_function_word.contains(key.as_str())).then_some(last)
    }
}

/// Names found in cased text, looked up again in caseless text.
struct KnownNames {
    keys: HashSet<String>,
    first_words: HashSet<String>,
}

impl KnownNames {
    fn from(candidates: &[Candidate]) -> Self {
        let keys: HashSet<String> = candidates.iter().map(|c| c.words.join(" ")).collect();
        let first_words = candidates.iter().filter_map(|c| c.words.first().cloned()).collect();
        KnownNames { keys, first_words }
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The case of a name word written `word` with `casing`: by its first letter, and whether any
/// letter is lower case.
fn case_of(casing: Casing, word: &str) -> Case {
    if casing.first_letter_is_capital() && !casing.has_lower() {
        Case::AllCaps
    } else if casing.first_letter_is_capital() {
        Case::Upper
    } else if let Some((prefix, rest)) = word.split_once('-') {
        // `al-Assad`, `el-Sisi`: a lower-case particle glued to a name.
        if is_connector(prefix) && starts_upper(rest) { Case::Upper } else { Case::Lower }
    } else {
        Case::Lower
    }
}

/// Short function words that only title case capitalises mid-sentence (`Ready To Talk`); names
/// rarely contain them capitalised.
const HEADLINE_FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "to", "of", "in", "on", "for", "with", "at", "by", "from", "and", "or", "is", "are", "as", "after",
    "over", "into", "says", "will", "be", "der", "die", "das", "und", "im", "les", "et", "des", "los", "las", "en",
];

/// A sentence whose capitals carry no information: shouted, or a title-case headline (most words
/// capitalised, function words among them: `Putin Says He Is Ready To Talk`).
fn is_caseless(words: &[Word], folded: &str) -> bool {
    let total = words.len();
    if total < 2 {
        return false;
    }
    let all_caps = words.iter().filter(|w| w.case == Case::AllCaps && w.span.len() > 1).count();
    if all_caps * 10 >= total * 6 {
        return true;
    }
    let capitalised = words.iter().filter(|w| w.case != Case::Lower).count();
    let capitalised_function_words = words
        .iter()
        .skip(1)
        .filter(|w| w.case == Case::Upper && HEADLINE_FUNCTION_WORDS.contains(&&folded[w.span.range()]))
        .count();
    total >= 4 && capitalised * 10 >= total * 8 && capitalised_function_words >= 1
}

#[cfg(test)]
mod tests {
    use super::super::gazetteer::LEXICON;
    use super::*;
    use crate::analysis::ContentFormat;

    fn names(text: &str) -> Vec<(String, String)> {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let detector = Detector::new(&LEXICON, "en", &document);
        detector
            .detect()
            .into_iter()
            .map(|c| {
                assert!(!document.text[c.span.range()].ends_with("'s"));
                (document.text[c.span.range()].to_string(), c.title)
            })
            .collect()
    }

    fn texts(text: &str) -> Vec<String> {
        names(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn a_name_never_runs_out_of_its_anchor() {
        let html = "<p>Share: <a href=\"https://x.com/share\">X</a> <a href=\"https://facebook.com/sharer\">Facebook</a> <a href=\"mailto:?s=1\">Email</a></p>\
            <p>Mayor <a href=\"/tags/ana-silva\">Ana Silva</a> opened the pier.</p>";
        let document = Document::parse(html.to_string(), crate::analysis::ContentFormat::Html);
        let candidates = Detector::new(&LEXICON, "en", &document).detect();
        let texts: Vec<&str> = candidates.iter().map(|c| &document.text[c.span.range()]).collect();
        assert!(!texts.iter().any(|t| t.contains("Facebook Email") || t.contains("X Facebook")), "{texts:?}");
        let silva = candidates.iter().find(|c| &document.text[c.span.range()] == "Ana Silva").expect("the linked name");
        assert_eq!(silva.title, "Mayor");
    }

    #[test]
    fn titles_are_split_off_and_kept() {
        let found = names("Nato Secretary General Jens Stoltenberg met UK Defence Secretary John Healey and Mr. Smith.");
        assert_eq!(
            found,
            vec![
                ("Nato".to_string(), String::new()),
                ("Jens Stoltenberg".to_string(), "Secretary General".to_string()),
                ("UK".to_string(), String::new()),
                ("John Healey".to_string(), "Defence Secretary".to_string()),
                ("Smith".to_string(), "Mr".to_string()),
            ]
        );
    }

    #[test]
    fn sentence_initial_function_words_and_days_are_not_names() {
        assert_eq!(texts("On Wednesday, Mr Trump spoke. The Pentagon said it would wait."), vec!["Trump", "Pentagon"]);
        assert_eq!(texts("Heavy rain fell on Kyiv. Heavy was the mood."), vec!["Kyiv"]);
    }

    #[test]
    fn possessives_connectors_and_phrases() {
        assert_eq!(texts("He met Trump's envoy."), vec!["Trump"]);
        assert_eq!(texts("He met Trump’s envoy."), vec!["Trump"]);
        assert_eq!(texts("He met Mohammed bin Salman in the Gulf of Mexico."), vec!["Mohammed bin Salman", "Gulf of Mexico"]);
        assert_eq!(texts("He spoke with the Bank of England and Jean-Claude Juncker."), vec!["Bank of England", "Jean-Claude Juncker"]);
        assert_eq!(texts("a post on Truth Social today"), vec!["Truth Social"]);
        assert_eq!(texts("a strike on Bosnia and Herzegovina"), vec!["Bosnia and Herzegovina"]);
        assert_eq!(texts("a rebuke from Bashar al-Assad."), vec!["Bashar al-Assad"]);
    }

    #[test]
    fn a_sentence_initial_name_is_kept_when_the_document_vouches_for_it() {
        assert_eq!(texts("He called Emmanuel Macron. “Emmanuel, enough!” he wrote."), vec!["Emmanuel Macron", "Emmanuel"]);
    }

    #[test]
    fn headlines_in_capitals_use_known_names_and_gazetteers() {
        let found = texts("PUTIN WARNS UKRAINE OVER CRIMEA\n\nPresident Vladimir Putin spoke to reporters.");
        assert!(found.contains(&"UKRAINE".to_string()), "{found:?}");
        assert!(found.contains(&"CRIMEA".to_string()), "{found:?}");
        assert!(!found.contains(&"WARNS".to_string()), "{found:?}");
    }

    #[test]
    fn text_without_capitals_still_finds_gazetteer_places() {
        assert_eq!(texts("talks in kyiv and moscow ended as the war went on"), vec!["kyiv", "moscow"]);
    }
}
