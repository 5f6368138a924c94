//! The document model every analysis reads: the text as a reader sees it, an offset map back to
//! the source, blocks (paragraphs), anchors and emphasis from the markup, tokens and sentences,
//! and the words the analyses read ([`Word`]: compounds joined, lower-cased, case and
//! possessive, sentence and anchor of each).
//!
//! Built once per request by [`Document::parse`]; nothing downstream re-parses, re-tokenises
//! or lower-cases the text again.

mod dateline;
mod html;
mod offsets;
mod page;
mod plain;
mod tokens;
mod words;

pub use html::{MAX_TAG_ATTRIBUTES, MAX_TAG_BYTES, NODES_PER_KIB};
pub use offsets::{EncodedSpan, OffsetEncoding, OffsetMap};
pub use page::Page;
pub use tokens::{is_abbreviation, Sentence, Token, TokenKind, MAX_COMPOUND_WORDS};
pub use words::{fold, Case, Casing, Word};

use super::{stop_requested, CancelFlag, ContentExtraction, ContentFormat, TextSpan, Warning};

/// What the content turned out to be after sniffing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SourceFormat {
    #[default]
    PlainText,
    Html,
}

/// A paragraph-level unit of the text: a `<p>`, a heading, a list item, a plain-text paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub span: TextSpan,
    pub kind: BlockKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// `h1`..`h6` (level 1..6) and the document `<title>` (level 0).
    Heading(u8),
    ListItem,
    Quote,
    TableCell,
    Preformatted,
}

/// An `<a>` element with an `href` attribute, in document (tree) order, as the HTML5 tree
/// builder left it. Attribute values are decoded; `None` means the attribute is absent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub href: String,
    pub title: Option<String>,
    pub rel: Option<String>,
    pub target: Option<String>,
    /// The anchor's descendant text nodes (skipping `script`, `style`, `template`),
    /// concatenated and whitespace-collapsed, as the Link API defines `text`.
    pub text: String,
    /// `alt` of the images inside the anchor, joined by a space.
    pub image_alt: String,
    /// Where the anchor's text sits in [`Document::text`] (empty at its position when it has none).
    pub span: TextSpan,
    /// Inside the text that was read (the extracted article); false for links of the page
    /// furniture, whose `span` means nothing.
    pub in_body: bool,
}

/// A leading `date YYYY-MM-DD` line (or a dateline) that states when the article was published.
/// Its span is metadata, not content: analyses skip tokens inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub span: TextSpan,
}

#[derive(Clone, Debug, Default)]
pub struct Document {
    pub source: String,
    pub format: SourceFormat,
    pub text: String,
    pub offsets: OffsetMap,
    /// Paragraph-level blocks in text order, non-overlapping.
    pub blocks: Vec<Block>,
    pub anchors: Vec<Anchor>,
    /// Text inside `b`, `strong`, `em`, `i`, `mark` and headings, sorted by start, non-overlapping.
    pub emphasis: Vec<TextSpan>,
    /// The first `<base href>` of the page, as written.
    pub base_href: Option<String>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// The words of the sentences, in text order (see [`Word`]).
    pub words: Vec<Word>,
    /// Every token lower-cased, in token order: token `i`'s form is [`Document::token_lower`].
    pub lower: String,
    /// Where each token's form starts in `lower`, and a final end.
    lower_starts: Vec<u32>,
    /// The text folded with byte offsets kept ([`fold`]): text spans index it.
    pub folded: String,
    /// The anchors' non-empty spans, sorted.
    pub anchor_spans: Vec<TextSpan>,
    pub dateline: Option<Dateline>,
    /// The page's metadata and article body, for a whole page (or any HTML when extraction
    /// was asked for).
    pub page: Option<Page>,
    /// What extraction degraded (nesting capped, no text found…).
    pub warnings: Vec<Warning>,
}

/// What an extractor (HTML or plain text) hands to the rest of the model.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub text: String,
    pub offsets: OffsetMap,
    pub blocks: Vec<Block>,
    pub anchors: Vec<Anchor>,
    pub emphasis: Vec<TextSpan>,
    pub base_href: Option<String>,
    pub page: Option<Page>,
    pub warnings: Vec<Warning>,
}

impl SourceFormat {
    /// What the request's format makes of the source: as declared, or sniffed.
    fn of(source: &str, format: ContentFormat) -> SourceFormat {
        match format {
            ContentFormat::PlainText => SourceFormat::PlainText,
            ContentFormat::Html => SourceFormat::Html,
            ContentFormat::Sniff if looks_like_html(source) => SourceFormat::Html,
            ContentFormat::Sniff => SourceFormat::PlainText,
        }
    }
}

impl Document {
    /// Builds the model from a request's content, reading all of it.
    pub fn parse(source: String, format: ContentFormat) -> Document {
        Document::parse_with(source, format, ContentExtraction::None, &CancelFlag::new())
    }

    /// Builds the model, cutting a page down to its article as `extraction` says, and cutting
    /// HTML parsing short once `cancel` is set (the caller then checks the flag and discards
    /// the document).
    pub fn parse_with(source: String, format: ContentFormat, extraction: ContentExtraction, cancel: &CancelFlag) -> Document {
        let format = SourceFormat::of(&source, format);
        let extraction = match format {
            SourceFormat::PlainText => plain::extract(&source),
            SourceFormat::Html => html::extract(&source, extraction, cancel),
        };
        Document::assemble(source, format, extraction)
    }

    /// The page read whole without looking for its article or metadata: how HTML was read
    /// before extraction existed, the baseline the extraction benchmark compares against.
    pub fn parse_without_page(source: String, format: ContentFormat) -> Document {
        let format = SourceFormat::of(&source, format);
        let extraction = match format {
            SourceFormat::PlainText => plain::extract(&source),
            SourceFormat::Html => html::extract_without_page(&source, &CancelFlag::new()),
        };
        Document::assemble(source, format, extraction)
    }

    /// What a stopped analysis gets: its source, nothing read from it. What the passes had
    /// built (a page's text, anchors, tokens) is freed on the background reclaim thread, as the
    /// caller has gone and freeing it took milliseconds of the worker's time.
    fn discard(mut self) -> Document {
        let kept = Document { source: std::mem::take(&mut self.source), format: self.format, ..Document::default() };
        crate::analysis::reclaim(self);
        kept
    }

    /// A stop request ([`stop_requested`]) between the passes leaves the document empty: the
    /// caller discards it, and every pass walks the whole text.
    fn assemble(source: String, format: SourceFormat, extraction: Extraction) -> Document {
        let Extraction { text, offsets, blocks, anchors, emphasis, base_href, page, warnings } = extraction;
        let mut document =
            Document { source, format, text, offsets, blocks, anchors, emphasis, base_href, page, warnings, ..Document::default() };
        if stop_requested() {
            return document.discard();
        }
        document.dateline = dateline::find(&document.text, &document.blocks);
        let metadata = document.dateline.as_ref().map(|d| d.span);
        (document.tokens, document.sentences) = tokens::tokenize(&document.text, &document.blocks, metadata);
        if stop_requested() {
            return document.discard();
        }
        (document.lower, document.lower_starts) = words::lower_forms(&document.text, &document.tokens);
        document.anchor_spans = words::anchor_spans(&document.anchors);
        let inputs = words::Inputs {
            text: &document.text,
            tokens: &document.tokens,
            lower_starts: &document.lower_starts,
            anchor_spans: &document.anchor_spans,
        };
        document.words = words::words(&inputs, &mut document.sentences);
        if stop_requested() {
            return document.discard();
        }
        document.folded = fold(&document.text);
        document
    }

    /// The text a span covers.
    pub fn slice(&self, span: TextSpan) -> &str {
        &self.text[span.range()]
    }

    /// The text of a token.
    pub fn token_text(&self, token: &Token) -> &str {
        self.slice(token.span)
    }

    /// Token `index`'s lower-case form (empty when out of range).
    pub fn token_lower(&self, index: usize) -> &str {
        let start = self.lower_starts.get(index).map_or(0, |&s| s as usize);
        let end = self.lower_starts.get(index + 1).map_or(start, |&e| e as usize);
        self.lower.get(start..end).unwrap_or("")
    }

    /// A word's lower-case form.
    pub fn word_lower(&self, word: &Word) -> &str {
        self.lower.get(word.lower.clone()).unwrap_or("")
    }

    /// The index of the word that token `index` is part of, if any. O(log words).
    pub fn word_of_token(&self, index: usize) -> Option<usize> {
        let candidate = self.words.partition_point(|w| w.tokens.start <= index).checked_sub(1)?;
        self.words[candidate].tokens.contains(&index).then_some(candidate)
    }

    /// The index into [`Document::anchor_spans`] of the anchor containing `position`. O(log anchors).
    pub fn anchor_at(&self, position: usize) -> Option<u32> {
        words::anchor_at(&self.anchor_spans, position)
    }

    /// Tokens that are content: everything outside the dateline.
    pub fn content_tokens(&self) -> impl Iterator<Item = (usize, &Token)> {
        let skip = self.dateline.as_ref().map(|d| d.span);
        self.tokens
            .iter()
            .enumerate()
            .filter(move |(_, t)| skip.is_none_or(|s| !s.contains(t.span)))
    }

    /// Converts text spans to the caller's encoding, with their source ranges.
    pub fn encode_spans(&self, spans: &[TextSpan], encoding: OffsetEncoding) -> Vec<EncodedSpan> {
        self.offsets.encode(&self.text, &self.source, spans, encoding)
    }
}

/// API.md's sniffing rule: HTML when some `<` is followed by a letter, `/` or `!`.
pub fn looks_like_html(content: &str) -> bool {
    content
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_follows_the_api_rule() {
        assert!(looks_like_html("Hello <b>world</b>"));
        assert!(looks_like_html("<!doctype html>"));
        assert!(looks_like_html("text </p>"));
        assert!(!looks_like_html("a < b and c <= d"));
        assert!(!looks_like_html("1<2"));
    }
}
