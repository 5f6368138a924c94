//! The analyzer version every answer carries: the crate version plus a hash of the embedded
//! data and of the code that decides answers (the analysis core, the edge mapping, the JSON
//! writer and the proto; computed by build.rs), so equal versions give byte-identical answers.

/// `<crate version>+data.<16 hex digits>`, e.g. `0.1.0+data.7b3c0e5a9d21f4c8`.
pub const ANALYZER_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+data.",
    env!("TEXTANALYTICS_DATA_HASH")
);

/// The analyzer version; a function so callers need not know it is a constant.
pub fn analyzer_version() -> &'static str {
    ANALYZER_VERSION
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_names_the_crate_version_and_a_data_hash() {
        let (crate_version, data_hash) = analyzer_version().split_once("+data.").unwrap();
        assert_eq!(crate_version, env!("CARGO_PKG_VERSION"));
        assert_eq!(data_hash.len(), 16);
        assert!(data_hash.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
