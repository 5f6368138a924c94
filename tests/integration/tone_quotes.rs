//! Who said what, end to end through the real server: our own story in the shape of the
//! service's typical input, where a governor's direct quote, its continuation and her later
//! reported speech (named, then as `she`) are all hers, and every entity's tone is explained
//! by markers of the answer.

use crate::common;

use common::{request, start, test_config};

/// Our own story in the shape of the service's input (also the tone benchmark's text).
const ARTICLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/eval/tone/fixture_article.html"));

#[tokio::test]
async fn every_quote_of_the_story_is_the_governors() {
    let server = start(test_config()).await;
    let mut html = request("ruiz", ARTICLE);
    html.format = textanalytics::proto::v1::ContentFormat::Html as i32;
    let answer = server.client().analyze(html).await.expect("an answer").into_inner();
    let tone = answer.tone.expect("tone is computed for English");
    assert_eq!(tone.quotes.len(), tone.speech.len());
    assert!(tone.quotes.len() >= 4, "{:?}", tone.quotes);
    let ruiz = answer.entities.iter().position(|e| e.name == "Elena Ruiz").expect("the governor is an entity");
    for (index, quote) in tone.quotes.iter().enumerate() {
        assert_eq!(quote.span, Some(tone.speech[index]));
        assert_eq!((quote.speaker.as_str(), quote.speaker_entity), ("Elena Ruiz", ruiz as i32), "{quote:?}");
        assert!(!quote.verb.is_empty() && quote.verb_span.is_some(), "{quote:?}");
    }
    let entity = &answer.entities[ruiz];
    assert_eq!(entity.quotes, (0..tone.quotes.len() as u32).collect::<Vec<_>>());
    let said = entity.speech_tone.as_ref().expect("she said something");
    assert!(said.score < 0.0, "the blackouts are not acceptable: {said:?}");
    for entity in &answer.entities {
        let toward = entity.tone.as_ref().expect("tone toward every entity");
        assert!(toward.markers.iter().all(|&m| (m as usize) < tone.markers.len()));
        assert_eq!(toward.markers.is_empty(), toward.score == 0.0 && toward.magnitude == 0.0, "{entity:?}");
    }
    let bellini = answer.entities.iter().find(|e| e.name == "Marco Bellini").expect("the utility chief is an entity");
    assert!(bellini.quotes.is_empty() && bellini.speech_tone.is_none());
}
