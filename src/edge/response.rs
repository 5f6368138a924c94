//! Core results → proto: the answer to one analysed document, and the language table of
//! `GetCapabilities`.
//!
//! Used by the gRPC service, the HTTP gateway and the offline CLI alike, so all give the same
//! answer. Every
//! span of an answer is converted to the caller's offset encoding in one call of
//! [`Document::encode_spans`](crate::analysis::document::Document::encode_spans): the spans are
//! gathered in a fixed order ([`collect_spans`]) and the builders below consume the encoded
//! spans in that same order.

use std::vec::IntoIter;

use crate::analysis::capabilities::LanguageSupport;
use crate::analysis::document::{EncodedSpan, OffsetEncoding, Page};
use crate::analysis::entities::{Entity, EntityType, Mention, MentionKind};
use crate::analysis::keywords::{KeyPhrase, KeyTerm, Keyword};
use crate::analysis::language::{DetectedLanguage, LanguageAlternative, LanguageSpan};
use crate::analysis::links::{Link, LinkKind};
use crate::analysis::tone::speakers::Quote;
use crate::analysis::tone::{SentenceTone, Tone, ToneMarker, ToneMarkerKind, ToneSummary};
use crate::analysis::{stop_requested, Analysis, Feature, TextSpan, TextStats, Warning};
use crate::proto::v1 as pb;
use crate::version::analyzer_version;

/// Builds the answer for one analysed document.
pub fn to_proto(
    analysis: Analysis,
    id: String,
    include_text: bool,
    encoding: OffsetEncoding,
) -> pb::AnalyzeResponse {
    let collected = collect_spans(&analysis);
    let encoded = analysis.document.encode_spans(&collected, encoding);
    drop(collected);
    let mut spans = SpanCursor {
        encoded: encoded.into_iter(),
    };

    let Analysis {
        document,
        language,
        language_spans,
        keywords,
        key_phrases,
        key_terms,
        entities,
        tone,
        links,
        stats,
        published_date,
        page,
        warnings,
    } = analysis;
    // The spans are encoded, so of the document only its text may still be needed; the rest
    // (source, tokens, words, anchors) goes before the answer's lists are built beside it.
    let mut document = document;
    let text = if include_text { std::mem::take(&mut document.text) } else { String::new() };
    drop(document);

    pb::AnalyzeResponse {
        id,
        analyzer_version: analyzer_version().to_string(),
        text,
        language: Some(language_to_proto(language)),
        keywords: keywords
            .into_iter()
            .map(|k| keyword_to_proto(k, &mut spans))
            .collect(),
        key_phrases: key_phrases
            .into_iter()
            .map(|p| key_phrase_to_proto(p, &mut spans))
            .collect(),
        // A stop request (the call is gone) cuts the longest lists short; the answer is dropped.
        entities: entities
            .into_iter()
            .take_while(|_| !stop_requested())
            .map(|e| entity_to_proto(e, &mut spans))
            .collect(),
        tone: tone.map(|t| tone_to_proto(t, &mut spans)),
        links: links_to_proto(links, &mut spans),
        stats: Some(stats_to_proto(stats)),
        published_date: published_date.unwrap_or_default(),
        warnings: warnings.into_iter().map(warning_to_proto).collect(),
        error: None,
        key_terms: key_terms
            .into_iter()
            .map(|t| key_term_to_proto(t, &mut spans))
            .collect(),
        page: page.map(|p| page_to_proto(p, &mut spans)),
        language_spans: language_spans
            .into_iter()
            .map(|l| language_span_to_proto(l, &mut spans))
            .collect(),
    }
}

/// The links' records. A page may have tens of thousands of links (a megabyte of short
/// anchors is 70,000), and both lists of records at once would double the document's peak
/// memory, so the analysis's list is consumed from its end and shrunk as it empties.
fn links_to_proto(mut links: Vec<Link>, spans: &mut SpanCursor) -> Vec<pb::Link> {
    let mut body_spans: Vec<pb::Span> = links.iter().filter(|l| l.in_body).map(|_| spans.next()).collect();
    let mut converted = Vec::with_capacity(links.len());
    while let Some(link) = links.pop() {
        if stop_requested() {
            // The call is gone and the answer is dropped; stop converting, and free the tens of
            // thousands of records off this worker (that took milliseconds of its time).
            crate::analysis::reclaim((converted, links));
            return Vec::new();
        }
        let span = if link.in_body { body_spans.pop() } else { None };
        converted.push(link_to_proto(link, span));
        if (links.capacity() - links.len()) * std::mem::size_of::<Link>() >= SHRINK_STEP_BYTES {
            links.shrink_to_fit();
        }
    }
    converted.reverse();
    converted
}

/// How much of the emptied link list may stay allocated while the answer's list grows.
const SHRINK_STEP_BYTES: usize = 1 << 20;

/// Every span of the answer, in the order the builders of [`to_proto`] consume them.
fn collect_spans(analysis: &Analysis) -> Vec<TextSpan> {
    let mut spans = Vec::new();
    for keyword in &analysis.keywords {
        spans.extend_from_slice(&keyword.spans);
    }
    for phrase in &analysis.key_phrases {
        spans.extend_from_slice(&phrase.spans);
    }
    for entity in &analysis.entities {
        spans.extend(entity.mentions.iter().filter_map(|m| m.span));
    }
    if let Some(tone) = &analysis.tone {
        spans.extend(tone.markers.iter().map(|m| m.span));
        spans.extend(tone.sentences.iter().map(|s| s.span));
        spans.extend_from_slice(&tone.speech);
        for quote in &tone.quotes {
            spans.push(quote.span);
            spans.extend(quote.verb_span);
        }
    }
    spans.extend(analysis.links.iter().filter(|l| l.in_body).map(|l| l.span));
    for term in &analysis.key_terms {
        spans.extend_from_slice(&term.spans);
    }
    spans.extend(analysis.page.iter().map(|p| p.body));
    spans.extend(analysis.language_spans.iter().map(|l| l.span));
    spans
}

/// Hands out the encoded spans in collection order.
struct SpanCursor {
    encoded: IntoIter<EncodedSpan>,
}

impl SpanCursor {
    fn next(&mut self) -> pb::Span {
        // The cursor runs dry only if collect_spans and the builders disagree, which the unit
        // tests rule out; an empty span is the least harmful answer then.
        let encoded = self.encoded.next().unwrap_or_default();
        pb::Span {
            start: encoded.start,
            end: encoded.end,
            source_start: encoded.source_start,
            source_end: encoded.source_end,
        }
    }

    fn all(&mut self, spans: Vec<TextSpan>) -> Vec<pb::Span> {
        spans.iter().map(|_| self.next()).collect()
    }
}

/// Scores leave the service finite: NaN or infinity (a division by zero upstream) becomes 0.
fn finite(value: f32) -> f32 {
    if value.is_finite() {
        value
    } else {
        0.0
    }
}

/// Counts beyond u32 cannot occur for content within the size limits; saturate rather than wrap.
fn count(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn language_to_proto(language: DetectedLanguage) -> pb::Language {
    pb::Language {
        code: language.code,
        code_alpha3: language.code_alpha3,
        name: language.name,
        script: language.script,
        confidence: finite(language.confidence),
        reliable: language.reliable,
        from_hint: language.from_hint,
        alternatives: language.alternatives.into_iter().map(alternative_to_proto).collect(),
    }
}

fn alternative_to_proto(alternative: LanguageAlternative) -> pb::LanguageAlternative {
    pb::LanguageAlternative {
        code: alternative.code,
        code_alpha3: alternative.code_alpha3,
        confidence: finite(alternative.confidence),
    }
}

fn language_span_to_proto(span: LanguageSpan, spans: &mut SpanCursor) -> pb::LanguageSpan {
    pb::LanguageSpan {
        span: Some(spans.next()),
        code: span.code,
        confidence: finite(span.confidence),
    }
}

fn keyword_to_proto(keyword: Keyword, spans: &mut SpanCursor) -> pb::Keyword {
    pb::Keyword {
        stem: keyword.stem,
        text: keyword.text,
        count: keyword.count,
        score: finite(keyword.score),
        spans: spans.all(keyword.spans),
    }
}

fn key_phrase_to_proto(phrase: KeyPhrase, spans: &mut SpanCursor) -> pb::KeyPhrase {
    pb::KeyPhrase {
        text: phrase.text,
        stems: phrase.stems,
        count: phrase.count,
        score: finite(phrase.score),
        spans: spans.all(phrase.spans),
    }
}

fn key_term_to_proto(term: KeyTerm, spans: &mut SpanCursor) -> pb::KeyTerm {
    pb::KeyTerm {
        text: term.text,
        stems: term.stems,
        count: term.count,
        score: finite(term.score),
        spans: spans.all(term.spans),
        phrase: term.phrase,
    }
}

fn entity_to_proto(entity: Entity, spans: &mut SpanCursor) -> pb::Entity {
    pb::Entity {
        name: entity.name,
        r#type: entity_type_to_proto(entity.entity_type) as i32,
        salience: finite(entity.salience),
        mentions: entity
            .mentions
            .into_iter()
            .map(|m| mention_to_proto(m, spans))
            .collect(),
        urls: entity.urls,
        metadata: entity.metadata,
        tone: entity.tone.map(tone_summary_to_proto),
        quotes: entity.quotes,
        speech_tone: entity.speech_tone.map(tone_summary_to_proto),
    }
}

fn mention_to_proto(mention: Mention, spans: &mut SpanCursor) -> pb::Mention {
    pb::Mention {
        text: mention.text,
        span: mention.span.map(|_| spans.next()),
        kind: mention_kind_to_proto(mention.kind) as i32,
        title: mention.title,
    }
}

fn entity_type_to_proto(entity_type: EntityType) -> pb::EntityType {
    match entity_type {
        EntityType::Person => pb::EntityType::Person,
        EntityType::Organization => pb::EntityType::Organization,
        EntityType::Location => pb::EntityType::Location,
        EntityType::Nationality => pb::EntityType::Nationality,
        EntityType::Event => pb::EntityType::Event,
        EntityType::Work => pb::EntityType::Work,
        EntityType::Date => pb::EntityType::Date,
        EntityType::Money => pb::EntityType::Money,
        EntityType::Percent => pb::EntityType::Percent,
        EntityType::Quantity => pb::EntityType::Quantity,
        EntityType::Other => pb::EntityType::Other,
    }
}

fn mention_kind_to_proto(kind: MentionKind) -> pb::MentionKind {
    match kind {
        MentionKind::Proper => pb::MentionKind::Proper,
        MentionKind::Partial => pb::MentionKind::Partial,
        MentionKind::Titled => pb::MentionKind::Titled,
        MentionKind::Linked => pb::MentionKind::Linked,
    }
}

fn tone_to_proto(tone: Tone, spans: &mut SpanCursor) -> pb::Tone {
    pb::Tone {
        score: finite(tone.score),
        magnitude: finite(tone.magnitude),
        positive: finite(tone.positive),
        negative: finite(tone.negative),
        neutral: finite(tone.neutral),
        markers: tone
            .markers
            .into_iter()
            .map(|m| tone_marker_to_proto(m, spans))
            .collect(),
        sentences: tone
            .sentences
            .into_iter()
            .map(|s| sentence_tone_to_proto(s, spans))
            .collect(),
        narrator: Some(tone_summary_to_proto(tone.narrator)),
        quoted: Some(tone_summary_to_proto(tone.quoted)),
        tone_per_100_words: finite(tone.tone_per_100_words),
        emotive_share: finite(tone.emotive_share),
        speech: spans.all(tone.speech),
        quotes: tone.quotes.into_iter().map(|q| quote_to_proto(q, spans)).collect(),
    }
}

fn tone_marker_to_proto(marker: ToneMarker, spans: &mut SpanCursor) -> pb::ToneMarker {
    pb::ToneMarker {
        text: marker.text,
        span: Some(spans.next()),
        valence: finite(marker.valence),
        kind: tone_marker_kind_to_proto(marker.kind) as i32,
        negated: marker.negated,
        quoted: marker.quoted,
        entry: marker.entry,
    }
}

fn sentence_tone_to_proto(sentence: SentenceTone, spans: &mut SpanCursor) -> pb::SentenceTone {
    pb::SentenceTone {
        span: Some(spans.next()),
        score: finite(sentence.score),
        magnitude: finite(sentence.magnitude),
        quoted: sentence.quoted,
        markers_start: count(sentence.markers.start),
        markers_end: count(sentence.markers.end),
    }
}

fn quote_to_proto(quote: Quote, spans: &mut SpanCursor) -> pb::Quote {
    pb::Quote {
        span: Some(spans.next()),
        speaker: quote.speaker,
        speaker_entity: quote.speaker_entity.and_then(|e| i32::try_from(e).ok()).unwrap_or(-1),
        verb: quote.verb,
        verb_span: quote.verb_span.map(|_| spans.next()),
        tone: Some(tone_summary_to_proto(quote.tone)),
    }
}

fn tone_summary_to_proto(summary: ToneSummary) -> pb::ToneSummary {
    pb::ToneSummary {
        score: finite(summary.score),
        magnitude: finite(summary.magnitude),
        markers: summary.markers,
    }
}

fn tone_marker_kind_to_proto(kind: ToneMarkerKind) -> pb::ToneMarkerKind {
    match kind {
        ToneMarkerKind::Positive => pb::ToneMarkerKind::Positive,
        ToneMarkerKind::Negative => pb::ToneMarkerKind::Negative,
        ToneMarkerKind::Negation => pb::ToneMarkerKind::Negation,
        ToneMarkerKind::Intensifier => pb::ToneMarkerKind::Intensifier,
        ToneMarkerKind::Downtoner => pb::ToneMarkerKind::Downtoner,
        ToneMarkerKind::Hedge => pb::ToneMarkerKind::Hedge,
        ToneMarkerKind::Emphasis => pb::ToneMarkerKind::Emphasis,
        ToneMarkerKind::Contrast => pb::ToneMarkerKind::Contrast,
    }
}

fn link_to_proto(link: Link, span: Option<pb::Span>) -> pb::Link {
    pb::Link {
        href: link.href,
        url: link.url,
        canonical_url: link.canonical_url,
        scheme: link.scheme,
        host: link.host,
        domain: link.domain,
        path: link.path,
        text: link.text,
        image_alt: link.image_alt,
        title: link.title,
        rel: link.rel,
        target: link.target,
        external: link.external,
        kind: link_kind_to_proto(link.kind) as i32,
        date: link.date,
        slug_terms: link.slug_terms,
        span,
        in_body: link.in_body,
    }
}

fn page_to_proto(page: Page, spans: &mut SpanCursor) -> pb::Page {
    pb::Page {
        title: page.title,
        authors: page.authors,
        published_date: page.published_date,
        modified_date: page.modified_date,
        site_name: page.site_name,
        canonical_url: page.canonical_url,
        description: page.description,
        image_url: page.image_url,
        section: page.section,
        tags: page.tags,
        body: Some(spans.next()),
        extracted: page.extracted,
    }
}

fn link_kind_to_proto(kind: LinkKind) -> pb::LinkKind {
    match kind {
        LinkKind::Article => pb::LinkKind::Article,
        LinkKind::Tag => pb::LinkKind::Tag,
        LinkKind::Section => pb::LinkKind::Section,
        LinkKind::Home => pb::LinkKind::Home,
        LinkKind::Social => pb::LinkKind::Social,
        LinkKind::Media => pb::LinkKind::Media,
        LinkKind::Email => pb::LinkKind::Email,
        LinkKind::Fragment => pb::LinkKind::Fragment,
        LinkKind::Script => pb::LinkKind::Script,
        LinkKind::Empty => pb::LinkKind::Empty,
        LinkKind::Other => pb::LinkKind::Other,
    }
}

/// The language table of `GetCapabilities`, in the core's order.
pub fn language_support_to_proto(languages: Vec<LanguageSupport>) -> Vec<pb::LanguageSupport> {
    languages
        .into_iter()
        .map(|l| pb::LanguageSupport {
            code: l.code,
            code_alpha3: l.code_alpha3,
            name: l.name,
            detection: l.detection,
            stemming: l.stemming,
            stop_words: l.stop_words,
            tone_lexicon: l.tone_lexicon,
            entities: l.entities,
            keyword_phrase_rules: l.keyword_phrase_rules,
            keyword_connectors: l.keyword_connectors,
        })
        .collect()
}

fn stats_to_proto(stats: TextStats) -> pb::TextStats {
    pb::TextStats {
        characters: count(stats.characters),
        words: count(stats.words),
        sentences: count(stats.sentences),
        paragraphs: count(stats.paragraphs),
    }
}

fn warning_to_proto(warning: Warning) -> pb::Warning {
    pb::Warning {
        feature: warning
            .feature
            .map_or(pb::Feature::Unspecified, feature_to_proto) as i32,
        message: warning.message,
    }
}

fn feature_to_proto(feature: Feature) -> pb::Feature {
    match feature {
        Feature::Language => pb::Feature::Language,
        Feature::Keywords => pb::Feature::Keywords,
        Feature::Entities => pb::Feature::Entities,
        Feature::Tone => pb::Feature::Tone,
        Feature::Links => pb::Feature::Links,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::analysis::document::Document;
    use crate::analysis::{AnalysisOptions, CancelFlag, ContentFormat};

    const TEXT: &str = "Mayor Ana Ruiz opened the harbour bridge. \"A great day,\" Ruiz said. See www.example.org today.";

    fn span_of(needle: &str) -> TextSpan {
        let start = TEXT.find(needle).unwrap();
        TextSpan::new(start, start + needle.len())
    }

    fn first_word(span: TextSpan) -> TextSpan {
        let len = TEXT[span.range()].find(' ').unwrap_or(span.len());
        TextSpan::new(span.start, span.start + len)
    }

    /// An analysis with every kind of span filled in, each span distinct, so a disagreement
    /// between collect_spans and the builders shows up as a wrong offset.
    fn full_analysis() -> Analysis {
        let document = Document::parse(TEXT.to_string(), ContentFormat::PlainText);
        let mut analysis = crate::analysis::analyze(
            TEXT.to_string(),
            &AnalysisOptions::default(),
            &CancelFlag::new(),
        )
        .unwrap();
        analysis.document = document;
        analysis.keywords = vec![Keyword {
            stem: "bridg".into(),
            text: "bridge".into(),
            count: 1,
            score: f32::NAN,
            spans: vec![span_of("bridge")],
        }];
        analysis.key_phrases = vec![KeyPhrase {
            text: "harbour bridge".into(),
            stems: vec!["harbour".into(), "bridg".into()],
            count: 1,
            score: 0.5,
            spans: vec![span_of("harbour bridge")],
        }];
        analysis.key_terms = vec![KeyTerm {
            text: "harbour".into(),
            stems: vec!["harbour".into()],
            count: 1,
            score: 1.0,
            spans: vec![span_of("harbour")],
            phrase: false,
        }];
        analysis.entities = vec![Entity {
            name: "Ana Ruiz".into(),
            entity_type: EntityType::Person,
            salience: f32::INFINITY,
            mentions: vec![
                Mention {
                    text: "Ana Ruiz".into(),
                    span: Some(span_of("Ana Ruiz")),
                    kind: MentionKind::Titled,
                    title: "Mayor".into(),
                },
                Mention {
                    text: "Ruiz".into(),
                    span: None,
                    kind: MentionKind::Linked,
                    title: String::new(),
                },
                Mention {
                    text: "Ruiz".into(),
                    span: Some(first_word(span_of("Ruiz said"))),
                    kind: MentionKind::Partial,
                    title: String::new(),
                },
            ],
            urls: vec!["https://example.org/tag/ana-ruiz".into()],
            metadata: BTreeMap::from([("wikidata".to_string(), "Q1".to_string())]),
            tone: Some(ToneSummary {
                score: 0.4,
                magnitude: 0.4,
                markers: vec![0],
            }),
            quotes: Vec::new(),
            speech_tone: None,
        }];
        analysis.tone = Some(Tone {
            score: 0.3,
            magnitude: 0.6,
            positive: 1.0,
            markers: vec![ToneMarker {
                text: "great".into(),
                span: span_of("great"),
                valence: 0.6,
                kind: ToneMarkerKind::Positive,
                negated: false,
                quoted: true,
                entry: "great".into(),
            }],
            sentences: vec![SentenceTone {
                span: span_of("\"A great day,\""),
                score: 0.6,
                magnitude: 0.6,
                quoted: true,
                markers: 0..1,
            }],
            speech: vec![span_of("A great day")],
            ..Tone::default()
        });
        analysis.links = vec![Link {
            href: "www.example.org".into(),
            url: "https://www.example.org/".into(),
            canonical_url: "https://www.example.org/".into(),
            scheme: "https".into(),
            host: "www.example.org".into(),
            domain: "example.org".into(),
            path: "/".into(),
            text: "www.example.org".into(),
            image_alt: String::new(),
            title: String::new(),
            rel: vec!["nofollow".into()],
            target: String::new(),
            external: true,
            kind: LinkKind::Home,
            date: String::new(),
            slug_terms: Vec::new(),
            span: span_of("www.example.org"),
            in_body: true,
        }];
        // A furniture link between the others: it has no span and must not shift theirs.
        let mut furniture = analysis.links[0].clone();
        furniture.in_body = false;
        furniture.span = span_of("Mayor");
        analysis.links.insert(0, furniture);
        analysis.page = Some(Page { body: span_of("Ruiz opened the harbour bridge."), ..Page::default() });
        analysis
    }

    fn text_of(span: &Option<pb::Span>) -> &'static str {
        let span = span.as_ref().unwrap();
        &TEXT[span.start as usize..span.end as usize]
    }

    #[test]
    fn every_span_lands_on_its_own_text() {
        let answer = to_proto(full_analysis(), "doc-1".into(), true, OffsetEncoding::Utf8);
        let keyword = &answer.keywords[0];
        assert_eq!(text_of(&keyword.spans.first().cloned()), "bridge");
        assert_eq!(
            text_of(&answer.key_phrases[0].spans.first().cloned()),
            "harbour bridge"
        );
        let mentions = &answer.entities[0].mentions;
        assert_eq!(text_of(&mentions[0].span), "Ana Ruiz");
        assert!(mentions[1].span.is_none());
        assert_eq!(text_of(&mentions[2].span), "Ruiz");
        let tone = answer.tone.as_ref().unwrap();
        assert_eq!(text_of(&tone.markers[0].span), "great");
        assert_eq!(text_of(&tone.sentences[0].span), "\"A great day,\"");
        assert_eq!(text_of(&tone.speech.first().cloned()), "A great day");
        assert!(!answer.links[0].in_body && answer.links[0].span.is_none());
        assert_eq!(text_of(&answer.links[1].span), "www.example.org");
        let page = answer.page.as_ref().unwrap();
        assert_eq!(text_of(&page.body), "Ruiz opened the harbour bridge.");
        let term = &answer.key_terms[0];
        assert_eq!(text_of(&term.spans.first().cloned()), "harbour");
        assert_eq!((term.stems.as_slice(), term.phrase), (&["harbour".to_string()][..], false));
    }

    #[test]
    fn every_field_is_carried_over() {
        let answer = to_proto(full_analysis(), "doc-1".into(), true, OffsetEncoding::Utf8);
        assert_eq!(answer.id, "doc-1");
        assert_eq!(answer.analyzer_version, analyzer_version());
        assert_eq!(answer.text, TEXT);
        let entity = &answer.entities[0];
        assert_eq!(entity.r#type, pb::EntityType::Person as i32);
        assert_eq!(entity.mentions[0].kind, pb::MentionKind::Titled as i32);
        assert_eq!(entity.mentions[0].title, "Mayor");
        assert_eq!(
            entity.metadata.get("wikidata").map(String::as_str),
            Some("Q1")
        );
        assert_eq!(entity.urls, ["https://example.org/tag/ana-ruiz"]);
        assert_eq!(
            entity.tone,
            Some(pb::ToneSummary {
                score: 0.4,
                magnitude: 0.4,
                markers: vec![0],
            })
        );
        let link = &answer.links[0];
        assert_eq!(link.kind, pb::LinkKind::Home as i32);
        assert_eq!(
            (link.domain.as_str(), link.rel.as_slice(), link.external),
            ("example.org", &["nofollow".to_string()][..], true)
        );
        let tone = answer.tone.as_ref().unwrap();
        assert_eq!(tone.markers[0].kind, pb::ToneMarkerKind::Positive as i32);
        assert!(tone.markers[0].quoted);
        assert_eq!(tone.markers[0].entry, "great");
        assert!(tone.sentences[0].quoted);
        assert_eq!(
            (
                tone.sentences[0].markers_start,
                tone.sentences[0].markers_end
            ),
            (0, 1)
        );
        assert_eq!(answer.key_phrases[0].stems, ["harbour", "bridg"]);
        assert_eq!(
            answer.stats.unwrap().characters,
            TEXT.chars().count() as u32
        );
    }

    #[test]
    fn scores_are_never_nan_or_infinite() {
        let answer = to_proto(full_analysis(), String::new(), false, OffsetEncoding::Utf8);
        assert_eq!(answer.keywords[0].score, 0.0);
        assert_eq!(answer.entities[0].salience, 0.0);
        assert!(answer.text.is_empty());
    }

    #[test]
    fn warnings_name_their_feature() {
        let mut analysis = full_analysis();
        analysis.warnings = vec![
            Warning::new(Some(Feature::Tone), "no lexicon"),
            Warning::new(None, "no text found"),
        ];
        let answer = to_proto(analysis, String::new(), false, OffsetEncoding::Utf8);
        assert_eq!(answer.warnings[0].feature, pb::Feature::Tone as i32);
        assert_eq!(answer.warnings[1].feature, pb::Feature::Unspecified as i32);
    }
}
