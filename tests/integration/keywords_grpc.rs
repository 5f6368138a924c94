//! `key_terms` and the keyword capability flags through the generated client, on a story of our
//! own: one ranked list of words and phrases, capped by `max_keywords`, with spans on the text.

use crate::common;

use common::{request, start, test_config};
use textanalytics::proto::v1 as pb;

const FERRY_STORY: &str = "Ferry strike strands island commuters\n\n\
Ferry crews on the Baltic island of Hiddensee walked out on Monday, leaving commuters without a \
ferry service. The ferry operator said the strike would cost the island's hotels dearly. Ferry \
crews want a pay rise; the ferry operator offered less. Island commuters waited at the harbour \
as the strike went on, and the ferry operator called for talks.";

#[tokio::test]
async fn key_terms_mix_words_and_phrases_best_first_capped_by_max_keywords() {
    let server = start(test_config()).await;
    let mut analyze = request("ferry", FERRY_STORY);
    analyze.max_keywords = 10;
    let answer = server.client().analyze(analyze).await.unwrap().into_inner();
    let terms = &answer.key_terms;
    assert!(!terms.is_empty() && terms.len() <= 10, "{terms:?}");
    assert_eq!(terms[0].score, 1.0);
    assert!(terms.windows(2).all(|pair| pair[0].score >= pair[1].score), "{terms:?}");
    assert!(terms.iter().any(|t| t.phrase) && terms.iter().any(|t| !t.phrase), "{terms:?}");
    for term in terms {
        assert_eq!(term.phrase, term.stems.len() > 1, "{term:?}");
        assert_eq!(term.count as usize, term.spans.len(), "{term:?}");
        for span in &term.spans {
            let found = &FERRY_STORY[span.start as usize..span.end as usize];
            assert!(found.eq_ignore_ascii_case(&term.text) || found.contains(char::is_whitespace) == term.phrase);
        }
    }
    let ferry = terms.iter().find(|t| t.stems == ["ferri"]).expect("ferry is a key term");
    assert_eq!(ferry.count, 7);
    // The old lists stay, each capped on its own.
    assert!(answer.keywords.len() <= 10 && answer.key_phrases.len() <= 10);
}

#[tokio::test]
async fn capabilities_flag_languages_with_thin_phrase_data() {
    let server = start(test_config()).await;
    let answer = server.client().get_capabilities(pb::GetCapabilitiesRequest {}).await.unwrap().into_inner();
    let language = |code: &str| answer.languages.iter().find(|l| l.code == code).cloned().expect(code);
    let english = language("en");
    assert!(english.keyword_phrase_rules && english.keyword_connectors);
    let portuguese = language("pt");
    assert!(portuguese.keyword_phrase_rules && portuguese.keyword_connectors);
    let finnish = language("fi");
    assert!(finnish.stemming && !finnish.keyword_phrase_rules && !finnish.keyword_connectors, "{finnish:?}");
    let japanese = language("ja");
    assert!(!japanese.keyword_phrase_rules && !japanese.keyword_connectors);
}
