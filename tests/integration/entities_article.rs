//! Entities end to end on a news article in the shape the service receives: an HTML fragment
//! with a leading date line, tag-page anchors around titled names, a first name alone in a
//! quote, initials, titles, acronyms and places.

use textanalytics::analysis::document::Document;
use textanalytics::analysis::entities::{self, Entity, EntityType, MentionKind};
use textanalytics::analysis::language::DetectedLanguage;
use textanalytics::analysis::links;
use textanalytics::analysis::{ContentFormat, Language};

const ARTICLE: &str = "date 2025-05-02 US President <a href=\"https://news.example.com/tags/donald-trump\">Donald Trump</a> \
told Russian President <a href=\"https://news.example.com/tags/vladimir-putin\">Vladimir Putin</a> on Friday that time was \
running out for a ceasefire in Ukraine. “Vladimir, sign the deal,” Mr Trump posted on his \
<a href=\"https://news.example.com/world/2025/01/10/explainer-truth-social/\">Truth Social account</a> hours after Russian \
drones hit apartment blocks in Kyiv. The message followed a tense week in which Mr Trump accused Ukraine's President \
Volodymyr Zelenskyy of prolonging the war by refusing to give up Crimea. Vice President JD Vance defended the plan on \
Thursday, saying Mr Zelenskyy had “no better offer”. On Saturday, Mr Trump said he could meet Mr Putin during a \
<a href=\"https://news.example.com/world/2025/04/30/trump-gulf-tour-saudi-arabia/\">tour of the Middle East</a>, which \
starts in Saudi Arabia. The Ukrainian government did not comment. Meanwhile, US Defense Secretary Pete Hegseth hosted \
Nato Secretary General Mark Rutte at the Pentagon to discuss weapons for Kyiv. Talks between European officials in \
London ended without agreement. Read more on <a href=\"https://news.example.com/tags/european-union\">our EU page</a>.";

fn english() -> DetectedLanguage {
    DetectedLanguage::hinted("en").expect("a valid language code")
}

fn analyse(content: &str, format: ContentFormat) -> (Document, Vec<Entity>) {
    let document = Document::parse(content.to_string(), format);
    let base = url::Url::parse("https://news.example.com/world/2025/05/02/story/").ok();
    let (found, _) = links::extract(&document, base.as_ref());
    let (found_entities, _) = entities::extract(&document, &english(), &found, None);
    (document, found_entities)
}

fn find<'a>(entities: &'a [Entity], name: &str) -> &'a Entity {
    entities.iter().find(|e| e.name == name).unwrap_or_else(|| {
        panic!("no entity {name}: {:?}", entities.iter().map(|e| (&e.name, e.entity_type)).collect::<Vec<_>>())
    })
}

#[test]
fn the_article_yields_the_expected_entities_and_types() {
    let (_, found) = analyse(ARTICLE, ContentFormat::Html);
    let expected = [
        ("Donald Trump", EntityType::Person),
        ("Vladimir Putin", EntityType::Person),
        ("Volodymyr Zelenskyy", EntityType::Person),
        ("JD Vance", EntityType::Person),
        ("Pete Hegseth", EntityType::Person),
        ("Mark Rutte", EntityType::Person),
        ("Nato", EntityType::Organization),
        ("Pentagon", EntityType::Organization),
        ("Truth Social", EntityType::Organization),
        ("Ukraine", EntityType::Location),
        ("Kyiv", EntityType::Location),
        ("Crimea", EntityType::Location),
        ("London", EntityType::Location),
        ("Middle East", EntityType::Location),
        ("Saudi Arabia", EntityType::Location),
        ("Russian", EntityType::Nationality),
        ("Ukrainian", EntityType::Nationality),
    ];
    for (name, entity_type) in expected {
        assert_eq!(find(&found, name).entity_type, entity_type, "{name}");
    }
    for wrong in ["The", "On", "Mr", "Trump", "Putin", "Truth", "Vladimir", "Zelenskyy", "Friday", "Meanwhile"] {
        assert!(!found.iter().any(|e| e.name == wrong), "an entity named {wrong}");
    }
}

#[test]
fn titled_partial_and_linked_mentions_join_the_full_name() {
    let (_, found) = analyse(ARTICLE, ContentFormat::Html);
    let trump = find(&found, "Donald Trump");
    let titled: Vec<_> = trump.mentions.iter().filter(|m| m.kind == MentionKind::Titled && m.text == "Trump").collect();
    assert_eq!(titled.len(), 3);
    assert!(titled.iter().all(|m| m.title == "Mr"));
    assert!(trump.urls.contains(&"https://news.example.com/tags/donald-trump".to_string()), "{:?}", trump.urls);

    let putin = find(&found, "Vladimir Putin");
    assert!(putin.mentions.iter().any(|m| m.kind == MentionKind::Partial && m.text == "Vladimir"));
    assert!(putin.mentions.iter().any(|m| m.kind == MentionKind::Titled && m.text == "Putin" && m.title == "Mr"));
    assert!(putin.urls.contains(&"https://news.example.com/tags/vladimir-putin".to_string()));

    let rutte = find(&found, "Mark Rutte");
    assert_eq!(rutte.mentions[0].title, "Secretary General");
    assert_eq!(find(&found, "Pete Hegseth").mentions[0].title, "Defense Secretary");
    assert_eq!(find(&found, "JD Vance").mentions[0].title, "Vice President");
}

#[test]
fn a_tag_page_naming_nothing_in_the_text_is_a_linked_entity() {
    let (_, found) = analyse(ARTICLE, ContentFormat::Html);
    let union = find(&found, "European Union");
    assert_eq!(union.entity_type, EntityType::Organization);
    assert_eq!(union.mentions.len(), 1);
    assert_eq!(union.mentions[0].kind, MentionKind::Linked);
    assert_eq!(union.mentions[0].span, None);
    assert_eq!(union.urls, vec!["https://news.example.com/tags/european-union".to_string()]);
}

#[test]
fn every_span_covers_exactly_its_text() {
    let (document, found) = analyse(ARTICLE, ContentFormat::Html);
    for entity in &found {
        for mention in &entity.mentions {
            if let Some(span) = mention.span {
                assert_eq!(document.slice(span), mention.text, "{}", entity.name);
            }
        }
    }
}

#[test]
fn the_main_person_is_most_salient_and_saliences_sum_to_at_most_one() {
    let (_, found) = analyse(ARTICLE, ContentFormat::Html);
    assert_eq!(found[0].name, "Donald Trump");
    let total: f32 = found.iter().map(|e| e.salience).sum();
    assert!(total <= 1.0 && total > 0.99, "{total}");
    for pair in found.windows(2) {
        assert!(pair[0].salience >= pair[1].salience);
    }
}

#[test]
fn the_same_input_gives_the_same_output() {
    let (_, first) = analyse(ARTICLE, ContentFormat::Html);
    let (_, second) = analyse(ARTICLE, ContentFormat::Html);
    assert_eq!(first, second);
}

#[test]
fn an_unsupported_language_gets_a_warning_and_no_entities() {
    let document = Document::parse("Токио и Москва".to_string(), ContentFormat::PlainText);
    let language = DetectedLanguage::hinted("ru").expect("a valid language code");
    let (found, warnings) = entities::extract(&document, &language, &[], None);
    assert!(found.is_empty());
    assert_eq!(warnings.len(), 1);
    let supports = |code: &str| entities::supports(Language::from_code(code));
    assert!(supports("en") && supports("de") && !supports("ru") && !supports("zh"));
}
