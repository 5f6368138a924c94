//! Sentence and document scores from the markers: the normalisation, the shares, the
//! GDELT-style densities, and the narrator and quoted-speech summaries.

use super::lexicon::Lexicon;
use super::quotes::{self, SpeechCursor};
use super::rules::{self, Scratch};
use super::speakers;
use super::{SentenceTone, Tone, ToneMarker, ToneMarkerKind, ToneSummary};
use crate::analysis::document::Document;

/// α in `x / √(x² + α)`: VADER's value, which maps a sum of 4 (one strongly emotive word
/// with emphasis) to about 0.72.
pub const ALPHA: f64 = 15.0;

/// Maps a valence sum to -1..1.
pub fn normalize(sum: f64) -> f32 {
    let score = sum / (sum * sum + ALPHA).sqrt();
    if score.is_finite() {
        score.clamp(-1.0, 1.0) as f32
    } else {
        sum.signum() as f32
    }
}

/// A sentence's (or a voice's) valence sum and magnitude, from its markers.
fn sum_and_magnitude<'a>(markers: impl Iterator<Item = &'a ToneMarker>) -> (f64, f64) {
    markers.fold((0.0, 0.0), |(sum, magnitude), m| {
        (
            sum + f64::from(m.valence),
            magnitude + f64::from(m.valence.abs()),
        )
    })
}

/// Combines units (sentences, or one voice's part of each sentence) given as
/// `(valence sum, magnitude)`: the score normalises `Σ sums / √n` over the `n` units that
/// carry any marker valence, the way independent evidence is pooled (a long text neither
/// saturates at ±1 nor fades to 0, and neutral sentences do not dilute it); the magnitudes
/// add up. One emotive unit scores exactly as that unit does; none scores zero.
pub fn combine(units: impl Iterator<Item = (f64, f64)>) -> ToneSummary {
    let (mut sum, mut magnitude, mut count) = (0.0f64, 0.0f64, 0usize);
    for (unit_sum, unit_magnitude) in units {
        sum += unit_sum;
        magnitude += unit_magnitude;
        count += usize::from(unit_magnitude > 0.0);
    }
    if count == 0 {
        return ToneSummary::default();
    }
    ToneSummary {
        score: normalize(sum / (count as f64).sqrt()),
        magnitude: magnitude as f32,
        markers: Vec::new(),
    }
}

/// The valence sum and magnitude of a sentence, from its markers.
pub fn sentence_sum(tone: &Tone, sentence: &SentenceTone) -> (f64, f64) {
    sum_and_magnitude(
        tone.markers
            .get(sentence.markers.clone())
            .unwrap_or_default()
            .iter(),
    )
}

pub fn score_document(document: &Document, lexicon: &Lexicon) -> Tone {
    let speech = quotes::speech_regions(document);
    let mut cursor = SpeechCursor::new(&speech);
    let mut scratch = Scratch::default();
    let mut markers: Vec<ToneMarker> = Vec::new();
    let mut sentences = Vec::with_capacity(document.sentences.len());
    let (mut narrator, mut quoted, mut all) = (Vec::new(), Vec::new(), Vec::new());
    let (mut words, mut positive_words, mut negative_words, mut neutral_words) = (0, 0, 0, 0);

    for sentence in &document.sentences {
        // A stop request leaves the sentences scored so far (the pipeline discards them).
        if crate::analysis::stop_requested() {
            break;
        }
        let first = markers.len();
        let counts = rules::score_sentence(
            document,
            sentence.tokens.clone(),
            lexicon,
            &mut cursor,
            &mut scratch,
            &mut markers,
        );
        if counts.words == 0 && markers.len() == first {
            continue;
        }
        markers[first..].sort_by(|a, b| {
            (a.span.start, a.span.end, a.kind).cmp(&(b.span.start, b.span.end, b.kind))
        });
        words += counts.words;
        positive_words += counts.positive_words;
        negative_words += counts.negative_words;
        neutral_words += counts.neutral_words;

        let own = &markers[first..];
        let (sum, magnitude) = sum_and_magnitude(own.iter());
        all.push((sum, magnitude));
        sentences.push(SentenceTone {
            span: sentence.span,
            score: normalize(sum),
            magnitude: magnitude as f32,
            quoted: counts.quoted_words * 2 > counts.words,
            markers: first..markers.len(),
        });
        let (narrator_sum, narrator_magnitude) =
            sum_and_magnitude(own.iter().filter(|m| !m.quoted));
        if counts.words > counts.quoted_words || narrator_magnitude > 0.0 {
            narrator.push((narrator_sum, narrator_magnitude));
        }
        let (quoted_sum, quoted_magnitude) = sum_and_magnitude(own.iter().filter(|m| m.quoted));
        if counts.quoted_words > 0 || quoted_magnitude > 0.0 {
            quoted.push((quoted_sum, quoted_magnitude));
        }
    }

    let document_summary = combine(all.into_iter());
    let (positive, negative, neutral) = shares(&markers, neutral_words);
    let per_word = |count: usize| {
        if words == 0 {
            0.0
        } else {
            count as f64 / words as f64
        }
    };
    Tone {
        score: document_summary.score,
        magnitude: document_summary.magnitude,
        positive,
        negative,
        neutral,
        narrator: combine(narrator.into_iter()),
        quoted: combine(quoted.into_iter()),
        tone_per_100_words: ((per_word(positive_words) - per_word(negative_words)) * 100.0) as f32,
        emotive_share: per_word(positive_words + negative_words).min(1.0) as f32,
        quotes: speakers::find(document, &markers, &speech),
        markers,
        sentences,
        speech,
        target_cache: super::target::Cache::default(),
    }
}

/// VADER's shares: each lexicon hit weighs 1 + |valence| on its side, emphasis its
/// increment, and every other word 1 on the neutral side.
fn shares(markers: &[ToneMarker], neutral_words: usize) -> (f32, f32, f32) {
    let (mut positive, mut negative) = (0.0f64, 0.0f64);
    for marker in markers {
        let weight = f64::from(marker.valence.abs());
        let side = if marker.valence > 0.0 {
            &mut positive
        } else {
            &mut negative
        };
        match marker.kind {
            ToneMarkerKind::Positive | ToneMarkerKind::Negative => *side += 1.0 + weight,
            _ => *side += weight,
        }
    }
    let neutral = neutral_words as f64;
    let total = positive + negative + neutral;
    if total == 0.0 {
        return (0.0, 0.0, 1.0);
    }
    (
        (positive / total) as f32,
        (negative / total) as f32,
        (neutral / total) as f32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_is_bounded_odd_and_uses_alpha() {
        assert_eq!(normalize(0.0), 0.0);
        assert!((normalize(4.0) - (4.0 / (16.0f64 + ALPHA).sqrt()) as f32).abs() < 1e-6);
        assert_eq!(normalize(-3.0), -normalize(3.0));
        assert!(normalize(1e300) <= 1.0 && normalize(-1e300) >= -1.0);
        assert!(!normalize(f64::MAX).is_nan());
    }

    #[test]
    fn shares_sum_to_one() {
        let (p, n, u) = shares(&[], 0);
        assert_eq!((p, n, u), (0.0, 0.0, 1.0));
        let (p, n, u) = shares(&[], 7);
        assert!((p + n + u - 1.0).abs() < 1e-6);
    }

    #[test]
    fn combining_pools_sums_over_the_root_of_the_count() {
        assert_eq!(combine(std::iter::empty()), ToneSummary::default());
        assert_eq!(
            combine([(0.0, 0.0), (0.0, 0.0)].into_iter()),
            ToneSummary::default()
        );
        let one = combine([(2.0, 2.0), (0.0, 0.0)].into_iter());
        assert_eq!(one.score, normalize(2.0));
        let two = combine([(2.0, 2.0), (-1.0, 1.5)].into_iter());
        assert_eq!(two.score, normalize(1.0 / 2f64.sqrt()));
        assert!((two.magnitude - 3.5).abs() < 1e-6);
    }
}
