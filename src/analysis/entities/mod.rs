//! Named entities: mentions found, typed and merged per real-world entity.
//!
//! The stages, each in its own module: [`mentions`] finds names in the tokens (titles split off,
//! possessives dropped, sentence-initial capitals checked), [`typing`] weighs evidence for each
//! type, [`merge`] groups names per referent, [`linking`] attaches anchors and tag pages, and
//! [`salience`] ranks the entities and gives each the tone of its sentences. The word lists
//! behind them are in [`gazetteer`], embedded from `data/entities/`.
//!
//! Where this build embeds a trained [`tagger`] for the language (English, German, Spanish,
//! Dutch), the tagger finds and types the names instead of [`mentions`] and [`typing`]; titles,
//! merging, links, salience and tone stay the rules'. Text without any capital letter, and the
//! languages without a model, use the rules. Nothing is downloaded.

mod gazetteer;
mod linking;
mod mentions;
mod merge;
mod salience;
pub mod tagger;
mod typing;

use std::collections::BTreeMap;

use super::document::Document;
use super::language::DetectedLanguage;
use super::links::{Link, LinkKind};
use super::tone::{Tone, ToneSummary};
use super::{Feature, Language, TextSpan, Warning};
use gazetteer::LEXICON;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityType {
    Person,
    Organization,
    Location,
    Nationality,
    Event,
    Work,
    Date,
    Money,
    Percent,
    Quantity,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    /// The full name.
    Proper,
    /// Any part of the name alone (`Trump`, `Vladimir`).
    Partial,
    /// A name after a title (`Mr Trump`: text `Trump`, title `Mr`).
    Titled,
    /// Known only from a link (a tag page); no span.
    Linked,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// The name as written, without title or possessive.
    pub text: String,
    /// `None` only for [`MentionKind::Linked`].
    pub span: Option<TextSpan>,
    pub kind: MentionKind,
    /// `Mr`, `President`…; empty when none.
    pub title: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// The fullest form of the name.
    pub name: String,
    pub entity_type: EntityType,
    /// 0..1; the saliences of a document sum to at most 1.
    pub salience: f32,
    pub mentions: Vec<Mention>,
    /// Resolved URLs of links that point at the entity (anchor text or tag slug).
    pub urls: Vec<String>,
    pub metadata: BTreeMap<String, String>,
    /// Tone expressed toward the entity (`tone::target`), when tone was computed.
    pub tone: Option<ToneSummary>,
    /// Indices into `Tone::quotes` of what the entity said (`tone::speakers::attribute`).
    pub quotes: Vec<u32>,
    /// The pooled tone of what the entity said; `None` when it said nothing.
    pub speech_tone: Option<ToneSummary>,
}

/// Whether entities are extracted for a language: the Latin-script languages whose function
/// words and titles are listed ([`Language::has_entities`]).
pub fn supports(language: Option<Language>) -> bool {
    language.is_some_and(Language::has_entities)
}

/// Where the whole text of a navigation, share or utility link sits (any link that is not an
/// article or a tag page), sorted.
fn utility_anchor_spans(links: &[Link]) -> Vec<TextSpan> {
    let mut spans: Vec<TextSpan> = links
        .iter()
        .filter(|link| !matches!(link.kind, LinkKind::Article | LinkKind::Tag) && !link.span.is_empty())
        .map(|link| link.span)
        .collect();
    spans.sort_unstable();
    spans
}

/// A name only ever written as the whole label of a utility link (`Print`, `Email`, `Comments`,
/// a share button's `Facebook`) is page furniture: whatever typed it, the page never names it.
fn is_interface_text(entity: &Entity, utility_anchors: &[TextSpan]) -> bool {
    !entity.mentions.is_empty()
        && entity
            .mentions
            .iter()
            .all(|mention| mention.span.is_some_and(|span| utility_anchors.binary_search(&span).is_ok()))
}

/// Finds, types and merges the document's entities, most salient first.
pub fn extract(
    document: &Document,
    language: &DetectedLanguage,
    links: &[Link],
    tone: Option<&Tone>,
) -> (Vec<Entity>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let Some(registered) = language.registered.filter(|l| l.has_entities()) else {
        let name = if language.code.is_empty() { "an undetected language".to_string() } else { format!("language '{}'", language.code) };
        warnings.push(Warning::new(Some(Feature::Entities), format!("entities are not extracted for {name}")));
        return (Vec::new(), warnings);
    };
    // The tables below and the tagger are keyed by ISO 639-1 code.
    let code = registered.code();
    let model = tagger::Model::for_language(code);
    if registered == Language::German && model.is_none() {
        warnings.push(Warning::new(
            Some(Feature::Entities),
            "German capitalises every noun: only names backed by gazetteers, titles or given names are reported",
        ));
    }
    let lexicon = &*LEXICON;
    let candidates = match model {
        Some(mut model) if document.text.chars().any(char::is_uppercase) => {
            tagger::candidates(document, lexicon, code, &mut model)
        }
        _ => mentions::Detector::new(lexicon, code, document).detect(),
    };
    // Cut short by a stop request: the document is about to be discarded.
    if crate::analysis::stop_requested() {
        return (Vec::new(), warnings);
    }
    let forms = merge::forms(&candidates);
    let groups = merge::group(&forms, |form| {
        form.candidates.first().is_some_and(|&c| {
            let text = document.slice(candidates[c].span);
            text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !text.chars().any(char::is_lowercase)
        })
    });

    let mut group_of_candidate = vec![0; candidates.len()];
    for (g, group) in groups.iter().enumerate() {
        for &f in &group.forms {
            for &c in &forms[f].candidates {
                group_of_candidate[c] = g;
            }
        }
    }
    let display_of = |f: usize| -> &str {
        let form = &forms[f];
        let cased = form.candidates.iter().find(|&&c| !candidates[c].caseless);
        match cased {
            Some(&c) => document.slice(candidates[c].span),
            None => form
                .candidates
                .first()
                .map(|&c| candidates[c].display.as_deref().unwrap_or_else(|| document.slice(candidates[c].span)))
                .unwrap_or_default(),
        }
    };
    if crate::analysis::stop_requested() {
        return (Vec::new(), warnings);
    }
    let group_keys: Vec<Vec<String>> = groups
        .iter()
        .map(|g| g.forms.iter().map(|&f| gazetteer::ascii_key(display_of(f))).collect())
        .collect();
    if crate::analysis::stop_requested() {
        return (Vec::new(), warnings);
    }
    let mut link_facts = linking::link(lexicon, code, &document.text, links, &candidates, &group_of_candidate, &group_keys);

    let mut entities: Vec<Entity> = Vec::with_capacity(groups.len() + link_facts.unmatched_tags.len());
    for (g, group) in groups.iter().enumerate() {
        if crate::analysis::stop_requested() {
            return (Vec::new(), warnings);
        }
        let Some(&best) = group.forms.first() else { continue };
        let name_words = &forms[best].words;
        let mut members: Vec<usize> = group.forms.iter().flat_map(|&f| forms[f].candidates.iter().copied()).collect();
        members.sort_by_key(|&c| (candidates[c].span.start, candidates[c].span.end));
        let mentions = members
            .iter()
            .map(|&c| {
                let candidate = &candidates[c];
                let kind = if !candidate.title.is_empty() {
                    MentionKind::Titled
                } else if merge::same_words_straightened(&candidate.words, name_words) {
                    MentionKind::Proper
                } else {
                    MentionKind::Partial
                };
                Mention {
                    text: document.slice(candidate.span).to_string(),
                    span: Some(candidate.span),
                    kind,
                    title: candidate.title.clone(),
                }
            })
            .collect();
        entities.push(Entity {
            name: display_of(best).to_string(),
            entity_type: group.entity_type,
            salience: 0.0,
            mentions,
            // Each group is visited once: its URLs move into its entity.
            urls: std::mem::take(&mut link_facts.urls[g]),
            metadata: BTreeMap::new(),
            tone: None,
            quotes: Vec::new(),
            speech_tone: None,
        });
    }
    for (display, words, url) in link_facts.unmatched_tags {
        let key = words.join(" ");
        if written_only_in_lower_case(&document.text, &document.folded, &key) && lexicon.known(&key).is_none() {
            continue;
        }
        let folded: Vec<&str> = words.iter().map(String::as_str).collect();
        let evidence = typing::slug_evidence(lexicon, &key, &folded);
        // A slug is no context: only evidence beyond the weak priors types it.
        let entity_type = if evidence.is_specific() { evidence.decide() } else { EntityType::Other };
        entities.push(Entity {
            name: display.clone(),
            entity_type,
            salience: 0.0,
            mentions: vec![Mention { text: display, span: None, kind: MentionKind::Linked, title: String::new() }],
            urls: vec![url],
            metadata: BTreeMap::new(),
            tone: None,
            quotes: Vec::new(),
            speech_tone: None,
        });
    }

    let utility_anchors = utility_anchor_spans(links);
    entities.retain(|entity| !is_interface_text(entity, &utility_anchors));

    if crate::analysis::stop_requested() {
        return (Vec::new(), warnings);
    }
    let lead_end = salience::lead_end(document);
    let inputs: Vec<salience::SalienceInput<'_>> = entities
        .iter()
        .map(|e| salience::SalienceInput { mentions: &e.mentions, url_count: e.urls.len(), entity_type: e.entity_type })
        .collect();
    let saliences = salience::saliences(&inputs, document.text.len(), lead_end);
    for (entity, value) in entities.iter_mut().zip(saliences) {
        // Each entity's tone reads its sentences (the first builds the token facts it needs).
        if crate::analysis::stop_requested() {
            return (Vec::new(), warnings);
        }
        entity.salience = value;
        entity.tone = tone.and_then(|t| salience::tone_of(document, t, entity.mentions.iter().filter_map(|m| m.span)));
    }
    (most_salient_first(entities), warnings)
}

/// The entities by salience, then first mention, name and type (a stable sort). Sorts their
/// indexes, each entity's first position found once, then moves the entities into place by
/// swaps: an entity is a few hundred bytes, which a sort of the entities themselves would move
/// many times and copy into a scratch buffer as large as the list.
fn most_salient_first(mut entities: Vec<Entity>) -> Vec<Entity> {
    let firsts: Vec<usize> = entities.iter().map(first_position).collect();
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&entities[a], &entities[b]);
        y.salience
            .total_cmp(&x.salience)
            .then_with(|| firsts[a].cmp(&firsts[b]))
            .then_with(|| x.name.cmp(&y.name))
            .then_with(|| x.entity_type.cmp(&y.entity_type))
    });
    // `place[i]`: where the entity now at `i` belongs. Each swap puts one entity where it
    // belongs, so at most one swap per entity.
    let mut place = vec![0; order.len()];
    for (position, &entity) in order.iter().enumerate() {
        place[entity] = position;
    }
    for i in 0..entities.len() {
        while place[i] != i {
            let target = place[i];
            entities.swap(i, target);
            place.swap(i, target);
        }
    }
    entities
}

/// Whether the text has the words of `key` (folded) and writes every occurrence in lower case:
/// a tag page named by a common noun of the text (`harbour`) is no name.
fn written_only_in_lower_case(text: &str, folded_text: &str, key: &str) -> bool {
    let mut seen = false;
    for (start, _) in folded_text.match_indices(key) {
        let end = start + key.len();
        let whole_word = !folded_text[..start].chars().next_back().is_some_and(char::is_alphanumeric)
            && !folded_text[end..].chars().next().is_some_and(char::is_alphanumeric);
        if !whole_word {
            continue;
        }
        if text[start..end].chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        seen = true;
    }
    seen
}

/// Where an entity is first mentioned; link-only entities sort after every mentioned one.
fn first_position(entity: &Entity) -> usize {
    entity.mentions.iter().filter_map(|m| m.span).map(|s| s.start).min().unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{language, links, ContentFormat};

    fn entities_of(html: &str) -> Vec<Entity> {
        let document = Document::parse(html.to_string(), ContentFormat::Html);
        let (english, _) = language::determine(&document, None);
        let base = url::Url::parse("https://news.example.com/world/").ok();
        let (found_links, _) = links::extract(&document, base.as_ref());
        extract(&document, &english, &found_links, None).0
    }

    #[test]
    fn entities_are_ordered_as_a_stable_sort_of_them_orders_them() {
        let entity = |n: usize| {
            let start = [40, 7, 7, 90, 7][n % 5];
            let span = (n % 4 != 0).then(|| TextSpan::new(start, start + 3));
            Entity {
                name: ["Porto", "Ana Silva", "Porto", "Rui"][n % 4].to_string(),
                entity_type: [EntityType::Location, EntityType::Person, EntityType::Location][n % 3],
                salience: [0.5, 0.25, 0.5, 0.0, 0.25, 0.5][n % 6],
                mentions: vec![Mention { text: String::new(), span, kind: MentionKind::Proper, title: format!("{n}") }],
                urls: Vec::new(),
                metadata: BTreeMap::new(),
                tone: None,
                quotes: Vec::new(),
                speech_tone: None,
            }
        };
        for count in [0, 1, 2, 7, 40] {
            let entities: Vec<Entity> = (0..count).map(entity).collect();
            let mut expected = entities.clone();
            expected.sort_by(|a, b| {
                b.salience
                    .total_cmp(&a.salience)
                    .then_with(|| first_position(a).cmp(&first_position(b)))
                    .then_with(|| a.name.cmp(&b.name))
                    .then_with(|| a.entity_type.cmp(&b.entity_type))
            });
            // The titles tell equal entities apart: ties must keep their order.
            assert_eq!(most_salient_first(entities), expected, "{count}");
        }
    }

    #[test]
    fn utility_link_labels_are_no_entities_but_linked_names_are() {
        let html = "<p>Mayor <a href=\"/tags/ana-silva\">Ana Silva</a> opened the new ferry pier in Porto on Monday, \
            and residents of the harbour district welcomed the long-awaited project.</p>\
            <p><a href=\"javascript:window.print()\">Print</a> <a href=\"#comments\">Comments</a> \
            <a href=\"mailto:?subject=pier\">Email</a></p>";
        let names: Vec<String> = entities_of(html).into_iter().map(|e| e.name).collect();
        assert!(names.iter().any(|n| n == "Ana Silva"), "{names:?}");
        for furniture in ["Print", "Comments", "Email"] {
            assert!(!names.iter().any(|n| n == furniture), "{furniture} in {names:?}");
        }
    }
}

/// The error classes of issue #13, each on sentences written for these tests. They need the
/// trained taggers, so a build without the weight files skips them.
#[cfg(test)]
mod tagger_error_classes {
    use super::*;
    use crate::analysis::{language, ContentFormat};

    fn found(text: &str, code: &str) -> Vec<(String, EntityType)> {
        let document = Document::parse(text.to_string(), ContentFormat::PlainText);
        let detected = language::DetectedLanguage::hinted(code).expect("a valid code");
        let (entities, _) = extract(&document, &detected, &[], None);
        let mut out: Vec<(String, EntityType)> = entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(move |m| (m.text.clone(), e.entity_type)))
            .collect();
        out.sort();
        out
    }

    fn has(found: &[(String, EntityType)], text: &str, entity_type: EntityType) -> bool {
        found.iter().any(|(t, ty)| t == text && *ty == entity_type)
    }

    #[cfg(tagger_en)]
    #[test]
    fn abbreviations_keep_their_full_stop() {
        let f = found("The U.S. economy grew faster than analysts had expected this spring.", "en");
        assert!(has(&f, "U.S.", EntityType::Location), "{f:?}");
        let f = found("Shares of Acme Corp. rose sharply on Tuesday after the results.", "en");
        assert!(f.iter().any(|(t, ty)| t == "Acme Corp." && *ty == EntityType::Organization), "{f:?}");
    }

    #[cfg(tagger_en)]
    #[test]
    fn a_capitalised_first_word_stays_in_the_name() {
        let f = found("New Harbor Savings Bank reported a loss for the quarter.", "en");
        assert!(has(&f, "New Harbor Savings Bank", EntityType::Organization), "{f:?}");
        let f = found("North Ridge Power Authority raised prices again last week.", "en");
        assert!(f.iter().any(|(t, _)| t == "North Ridge Power Authority"), "{f:?}");
    }

    #[cfg(tagger_en)]
    #[test]
    fn unknown_company_names_are_not_people() {
        let f = found("Kestrel Dynamics and Halvorsen Mining signed the deal in Oslo on Friday.", "en");
        assert!(has(&f, "Kestrel Dynamics", EntityType::Organization), "{f:?}");
        assert!(has(&f, "Halvorsen Mining", EntityType::Organization), "{f:?}");
        let f = found("The contract went to Brightwater Logistics, which will run the depot.", "en");
        assert!(has(&f, "Brightwater Logistics", EntityType::Organization), "{f:?}");
    }

    #[cfg(tagger_en)]
    #[test]
    fn demonyms_and_weekdays_are_not_glued_to_names() {
        let f = found("Belgian Marc Dupont won the sprint ahead of two riders from Spain.", "en");
        assert!(has(&f, "Marc Dupont", EntityType::Person), "{f:?}");
        assert!(!f.iter().any(|(t, _)| t.contains("Belgian Marc")), "{f:?}");
        let f = found("Talks with Orion Freight Monday ended early, the union said.", "en");
        assert!(f.iter().any(|(t, _)| t == "Orion Freight"), "{f:?}");
        assert!(!f.iter().any(|(t, _)| t.contains("Monday")), "{f:?}");
    }

    #[cfg(tagger_en)]
    #[test]
    fn months_that_are_first_names_stay_in_the_name() {
        let f = found("Yesterday Jan Novak won the stage by four seconds.", "en");
        assert!(has(&f, "Jan Novak", EntityType::Person), "{f:?}");
        let f = found("The album was produced by June Whitfield and April Dunmore in London.", "en");
        assert!(has(&f, "June Whitfield", EntityType::Person), "{f:?}");
        assert!(has(&f, "April Dunmore", EntityType::Person), "{f:?}");
    }

    #[cfg(tagger_en)]
    #[test]
    fn a_titled_surname_is_a_person_everywhere_in_the_article() {
        let f = found(
            "Mr Halloran told reporters the plan was sound. Critics said Halloran had ignored the costs, \
             and Halloran did not reply.",
            "en",
        );
        assert!(f.iter().filter(|(t, _)| t == "Halloran").all(|(_, ty)| *ty == EntityType::Person), "{f:?}");
        assert!(f.iter().filter(|(t, _)| t == "Halloran").count() >= 2, "{f:?}");
    }

    #[cfg(tagger_es)]
    #[test]
    fn spanish_y_joins_no_names() {
        let f = found("El trabajo de María López y Juan Pérez fue presentado ayer en el congreso.", "es");
        assert!(has(&f, "María López", EntityType::Person), "{f:?}");
        assert!(has(&f, "Juan Pérez", EntityType::Person), "{f:?}");
        let f = found("Los trenes entre Madrid y Sevilla circularon con retraso durante la huelga.", "es");
        assert!(has(&f, "Madrid", EntityType::Location) && has(&f, "Sevilla", EntityType::Location), "{f:?}");
    }

    #[cfg(tagger_de)]
    #[test]
    fn german_nouns_before_zu_and_von_swallow_no_name() {
        let f = found("Die Beziehungen zu Frankreich sind nach Angaben der Regierung gut.", "de");
        assert!(!f.iter().any(|(t, _)| t.contains("Beziehungen")), "{f:?}");
        let f = found("Gestern hat Jan Novak in Berlin das Rennen gewonnen.", "de");
        assert!(has(&f, "Jan Novak", EntityType::Person), "{f:?}");
    }

    #[cfg(tagger_en)]
    #[test]
    fn an_interjection_in_a_post_is_no_organisation() {
        let f = found("OMG the new ferry timetable is out and nobody can read it lol", "en");
        assert!(!f.iter().any(|(t, ty)| t == "OMG" && *ty == EntityType::Organization), "{f:?}");
    }

    #[cfg(tagger_en)]
    #[test]
    fn clubs_named_after_their_towns_are_organisations() {
        let f = found("Leeds United beat Arsenal 2-1 on Saturday, and Celtic drew with Hearts in Glasgow.", "en");
        assert!(has(&f, "Leeds United", EntityType::Organization), "{f:?}");
        assert!(has(&f, "Arsenal", EntityType::Organization), "{f:?}");
        assert!(!f.iter().any(|(t, ty)| t == "Celtic" && *ty == EntityType::Person), "{f:?}");
        assert!(has(&f, "Glasgow", EntityType::Location), "{f:?}");
    }

    #[cfg(tagger_en)]
    #[test]
    fn headlines_in_capitals_keep_their_names_and_types() {
        let f = found("PUTIN AND ZELENSKYY TO MEET IN ISTANBUL NEXT WEEK, SAYS ERDOGAN", "en");
        assert!(has(&f, "ISTANBUL", EntityType::Location), "{f:?}");
        assert!(has(&f, "ERDOGAN", EntityType::Person), "{f:?}");
        assert!(!f.iter().any(|(t, _)| t.contains("MEET") || t.contains("WEEK")), "{f:?}");
    }

    #[cfg(tagger_en)]
    #[test]
    fn table_cells_and_headers_are_not_glued_into_names() {
        let html = "<p>Results of the regional cup, as reported by the league on Sunday.</p>\
            <table><tr><th>Team</th><th>Ground</th><th>Points</th></tr>\
            <tr><td>Dunmore Rovers</td><td>Lisbon</td><td>12</td></tr>\
            <tr><td>Kestrel Athletic</td><td>Porto</td><td>9</td></tr></table>";
        let document = Document::parse(html.to_string(), ContentFormat::Html);
        let detected = language::DetectedLanguage::hinted("en").expect("a valid code");
        let (entities, _) = extract(&document, &detected, &[], None);
        let texts: Vec<&str> = entities.iter().flat_map(|e| e.mentions.iter().map(|m| m.text.as_str())).collect();
        for glued in ["Rovers Lisbon", "Athletic Porto", "Team Ground", "Ground Points"] {
            assert!(!texts.iter().any(|t| t.contains(glued)), "{glued} in {texts:?}");
        }
        assert!(!texts.contains(&"Team") && !texts.contains(&"Points"), "{texts:?}");
        assert!(texts.contains(&"Lisbon") && texts.contains(&"Porto"), "{texts:?}");
    }

    #[cfg(tagger_es)]
    #[test]
    fn spanish_banks_joined_by_y_stay_apart() {
        let f = found("Los beneficios del BBVA y el Santander crecieron un diez por ciento este año.", "es");
        assert!(has(&f, "BBVA", EntityType::Organization), "{f:?}");
        assert!(has(&f, "Santander", EntityType::Organization) || f.iter().any(|(t, _)| t == "Santander"), "{f:?}");
        assert!(!f.iter().any(|(t, _)| t.contains(" y ")), "{f:?}");
    }

    #[cfg(tagger_nl)]
    #[test]
    fn dutch_articles_the_tagger_puts_in_a_name_stay_and_common_openers_do_not_join() {
        let f = found("De Morgen meldde gisteren dat de staking in Gent voorbij is.", "nl");
        assert!(f.iter().any(|(t, _)| t == "De Morgen"), "{f:?}");
        let f = found(
            "Volgens Philips daalde de omzet in Eindhoven. De cijfers zijn volgens analisten zwak.",
            "nl",
        );
        assert!(!f.iter().any(|(t, _)| t.starts_with("Volgens")), "{f:?}");
        assert!(f.iter().any(|(t, _)| t == "Philips"), "{f:?}");
    }

    #[test]
    fn a_tag_page_named_by_a_common_noun_is_no_entity() {
        let html = "<p>Boats filled the harbour at dawn, and the harbour master counted forty.</p>\
            <p><a href=\"https://news.example.com/tags/harbour\">More</a> \
            <a href=\"https://news.example.com/tags/ana-silva\">Tagged</a></p>";
        let document = Document::parse(html.to_string(), ContentFormat::Html);
        let detected = language::DetectedLanguage::hinted("en").expect("a valid code");
        let base = url::Url::parse("https://news.example.com/world/").ok();
        let (found_links, _) = crate::analysis::links::extract(&document, base.as_ref());
        let (entities, _) = extract(&document, &detected, &found_links, None);
        assert!(!entities.iter().any(|e| e.name.eq_ignore_ascii_case("harbour")), "{entities:?}");
        let silva = entities.iter().find(|e| e.name == "Ana Silva").expect("the tag page naming a person");
        assert_eq!(silva.mentions[0].kind, MentionKind::Linked);
    }

    #[test]
    fn french_titles_and_single_letters_are_no_entities() {
        let f = found("M. le préfet a reçu MM. Martin et Durand à la mairie de Lyon.", "fr");
        assert!(!f.iter().any(|(t, _)| t == "M" || t == "MM" || t == "M." || t == "MM."), "{f:?}");
    }
}
