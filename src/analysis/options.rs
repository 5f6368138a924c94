use super::AnalysisError;

/// How many keywords (and, separately, key phrases) come back when the caller does not say.
pub const DEFAULT_MAX_KEYWORDS: usize = 10;

/// What the caller says the content is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ContentFormat {
    /// HTML when a `<` is followed by a letter, `/` or `!`; plain text otherwise.
    #[default]
    Sniff,
    PlainText,
    Html,
}

/// Whether a page is cut down to its article before analysis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ContentExtraction {
    /// A whole page (doctype, `<html>`, `<head>` or `<body>` in the source, or `nav`, `header`,
    /// `footer`, `aside` outside any `article`) is extracted; a fragment is read whole.
    #[default]
    Auto,
    /// Always extract the article.
    Article,
    /// Read everything.
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feature {
    Language,
    Keywords,
    Entities,
    Tone,
    Links,
}

impl Feature {
    pub const ALL: [Feature; 5] = [
        Feature::Language,
        Feature::Keywords,
        Feature::Entities,
        Feature::Tone,
        Feature::Links,
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The analyses a request asked for. Language is always determined, whatever the set says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureSet(u8);

impl FeatureSet {
    pub fn all() -> Self {
        Feature::ALL.iter().copied().collect()
    }

    pub fn none() -> Self {
        FeatureSet(0)
    }

    pub fn contains(&self, feature: Feature) -> bool {
        self.0 & feature.bit() != 0
    }

    pub fn insert(&mut self, feature: Feature) {
        self.0 |= feature.bit();
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
}

impl Default for FeatureSet {
    fn default() -> Self {
        FeatureSet::all()
    }
}

impl FromIterator<Feature> for FeatureSet {
    fn from_iter<I: IntoIterator<Item = Feature>>(iter: I) -> Self {
        let mut set = FeatureSet::none();
        for feature in iter {
            set.insert(feature);
        }
        set
    }
}

/// Everything about a request except its content, already validated.
#[derive(Clone, Debug)]
pub struct AnalysisOptions {
    pub format: ContentFormat,
    pub extraction: ContentExtraction,
    pub base_url: Option<url::Url>,
    pub language_hint: Option<super::language::LanguageHint>,
    pub features: FeatureSet,
    pub max_keywords: usize,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            format: ContentFormat::Sniff,
            extraction: ContentExtraction::Auto,
            base_url: None,
            language_hint: None,
            features: FeatureSet::all(),
            max_keywords: DEFAULT_MAX_KEYWORDS,
        }
    }
}

impl AnalysisOptions {
    /// Parses the raw request fields; an empty string means "not set".
    pub fn parse(
        format: ContentFormat,
        base_url: &str,
        language_hint: &str,
        features: FeatureSet,
        max_keywords: usize,
    ) -> Result<Self, AnalysisError> {
        let base_url = match base_url.trim() {
            "" => None,
            raw => Some(parse_base_url(raw)?),
        };
        let language_hint = match language_hint.trim() {
            "" => None,
            raw => Some(super::language::LanguageHint::parse(raw)?),
        };
        Ok(AnalysisOptions {
            format,
            extraction: ContentExtraction::Auto,
            base_url,
            language_hint,
            features: if features.is_empty() { FeatureSet::all() } else { features },
            max_keywords: if max_keywords == 0 { DEFAULT_MAX_KEYWORDS } else { max_keywords },
        })
    }
}

fn parse_base_url(raw: &str) -> Result<url::Url, AnalysisError> {
    let limit = super::links::MAX_URL_BYTES;
    if raw.len() > limit {
        return Err(AnalysisError::BaseUrlTooLong { size: raw.len(), limit });
    }
    let invalid = |reason: String| AnalysisError::InvalidBaseUrl { url: raw.to_string(), reason };
    let url = url::Url::parse(raw).map_err(|e| invalid(e.to_string()))?;
    if url.cannot_be_a_base() {
        return Err(invalid("it cannot serve as a base for relative links".to_string()));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_feature_list_means_all() {
        let options = AnalysisOptions::parse(ContentFormat::Sniff, "", "", FeatureSet::none(), 0).unwrap();
        assert!(Feature::ALL.iter().all(|f| options.features.contains(*f)));
        assert_eq!(options.max_keywords, DEFAULT_MAX_KEYWORDS);
    }

    #[test]
    fn a_single_feature_stays_alone() {
        let only_links: FeatureSet = [Feature::Links].into_iter().collect();
        let options = AnalysisOptions::parse(ContentFormat::Sniff, "", "", only_links, 3).unwrap();
        assert!(options.features.contains(Feature::Links));
        assert!(!options.features.contains(Feature::Keywords));
        assert_eq!(options.max_keywords, 3);
    }

    #[test]
    fn relative_or_garbage_base_url_is_rejected() {
        for bad in ["/news/today", "not a url", "mailto:someone@example.com"] {
            let err = AnalysisOptions::parse(ContentFormat::Sniff, bad, "", FeatureSet::all(), 0).unwrap_err();
            assert!(matches!(err, AnalysisError::InvalidBaseUrl { .. }), "{bad}: {err:?}");
            assert!(err.to_string().contains("base_url"));
        }
    }
}
