//! Build script: compiles the proto contract without a system `protoc` (protox), writes the
//! descriptor set that server reflection serves, and hashes the embedded data so the
//! analyzer version changes whenever a word list or lexicon does.

use std::fs;
use std::path::{Path, PathBuf};

#[cfg(feature = "server")]
use prost::Message;
use rust_stemmers::{Algorithm, Stemmer};

// The background-table layout and writer are the library's own files, so the tables the build
// writes and the reader that looks them up cannot disagree.
#[path = "src/analysis/keywords/background/format.rs"]
mod format;
#[path = "src/analysis/keywords/background/writer.rs"]
mod writer;
// Likewise the language model's layout: the build writes the table the detector reads.
#[path = "src/analysis/language/layout.rs"]
mod layout;
#[path = "src/analysis/language/densify.rs"]
mod densify;
#[path = "src/analysis/language/word_pairs_table.rs"]
mod word_pairs_table;
#[cfg(feature = "server")]
#[path = "build/json_writer.rs"]
mod json_writer;

const PROTO_ROOT: &str = "proto";
#[cfg(feature = "server")]
const PROTO_FILE: &str = "textanalytics/v1/text_analytics.proto";
const DATA_DIR: &str = "data";
const BACKGROUND_DIR: &str = "data/keywords/background";
const LANGUAGE_MODEL: &str = "data/language/model.bin";
const WORD_PAIRS: &str = "data/language/word_pairs.tsv";

/// Each background list and the Snowball stemmer its words are stemmed with: the same
/// algorithm keyword extraction stems the language with (a test checks they agree).
const BACKGROUND_STEMMERS: [(&str, Algorithm); 18] = [
    ("ar", Algorithm::Arabic),
    ("da", Algorithm::Danish),
    ("de", Algorithm::German),
    ("el", Algorithm::Greek),
    ("en", Algorithm::English),
    ("es", Algorithm::Spanish),
    ("fi", Algorithm::Finnish),
    ("fr", Algorithm::French),
    ("hu", Algorithm::Hungarian),
    ("it", Algorithm::Italian),
    ("nb", Algorithm::Norwegian),
    ("nl", Algorithm::Dutch),
    ("pt", Algorithm::Portuguese),
    ("ro", Algorithm::Romanian),
    ("ru", Algorithm::Russian),
    ("sv", Algorithm::Swedish),
    ("ta", Algorithm::Tamil),
    ("tr", Algorithm::Turkish),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed={DATA_DIR}");
    for dir in ANSWER_CODE_DIRS {
        println!("cargo:rerun-if-changed={dir}");
    }
    println!("cargo:rerun-if-changed=build");

    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    #[cfg(feature = "server")]
    compile_proto(&out_dir)?;
    write_background_tables(&out_dir)?;
    write_language_model(&out_dir)?;
    write_word_pairs(&out_dir)?;

    detect_tagger_weights();
    let data_hash = hash_dirs(&[DATA_DIR].into_iter().chain(ANSWER_CODE_DIRS).collect::<Vec<_>>())?;
    println!("cargo:rustc-env=TEXTANALYTICS_DATA_HASH={data_hash:016x}");
    Ok(())
}

/// Languages whose entity tagger weights may be embedded (`data/entities/tagger/<code>.bin`).
const TAGGER_LANGUAGES: [&str; 4] = ["en", "de", "es", "nl"];

/// Sets `tagger_<code>` for each weight file present, so a build without them (a distributor
/// who removed them) still compiles and falls back to the rule-based recogniser.
fn detect_tagger_weights() {
    for code in TAGGER_LANGUAGES {
        println!("cargo::rustc-check-cfg=cfg(tagger_{code})");
        if Path::new(DATA_DIR).join("entities/tagger").join(format!("{code}.bin")).is_file() {
            println!("cargo:rustc-cfg=tagger_{code}");
        }
    }
}

/// The contract's code and descriptors, for the server (the analysis core alone needs neither).
#[cfg(feature = "server")]
fn compile_proto(out_dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    // Source info keeps the proto comments, so `grpcurl describe` shows them.
    let descriptors = protox::Compiler::new([PROTO_ROOT])?
        .include_source_info(true)
        .open_files([PROTO_FILE])?
        .file_descriptor_set();
    fs::write(
        out_dir.join("textanalytics_descriptor.bin"),
        descriptors.encode_to_vec(),
    )?;
    fs::write(
        out_dir.join("textanalytics.v1.json.rs"),
        json_writer::generate(&descriptors, "textanalytics.v1"),
    )?;

    tonic_prost_build::configure()
        // Decoding errors are the caller's (invalid UTF-8 in a string field, malformed
        // protobuf); the wrapped codec answers INVALID_ARGUMENT instead of tonic's INTERNAL.
        .codec_path("crate::service::codec::ProtoCodec")
        .btree_map(".textanalytics.v1.Entity.metadata")
        .compile_fds(descriptors)?;
    Ok(())
}

/// Stems and sums every background list once, here, into a table the server reads in place
/// (no start-up work), with a second table of its most frequent words' stems, and writes
/// `background_tables.rs`, which embeds them by file name.
fn write_background_tables(out_dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let table_dir = out_dir.join("background");
    fs::create_dir_all(&table_dir)?;
    let mut lookup = String::from(
        "/// The embedded background table written from `data/keywords/background/{file}.txt`.\n\
         pub fn background_table(file: &str) -> Option<&'static [u8]> {\n    match file {\n",
    );
    let mut stem_lookup = String::from(
        "/// The embedded word-to-stem table of the most frequent words of the same list.\n\
         pub fn stem_table(file: &str) -> Option<&'static [u8]> {\n    match file {\n",
    );
    for (file, algorithm) in BACKGROUND_STEMMERS {
        let list = fs::read_to_string(Path::new(BACKGROUND_DIR).join(format!("{file}.txt")))?;
        let stemmer = Stemmer::create(algorithm);
        let table = writer::write_table(&list, |word| stemmer.stem(word).into_owned());
        fs::write(table_dir.join(format!("{file}.bin")), table)?;
        let stems = writer::write_stem_table(&list, |word| stemmer.stem(word).into_owned());
        fs::write(table_dir.join(format!("{file}.stems.bin")), stems)?;
        lookup.push_str(&format!(
            "        {file:?} => Some(include_bytes!(concat!(env!(\"OUT_DIR\"), \"/background/{file}.bin\"))),\n"
        ));
        stem_lookup.push_str(&format!(
            "        {file:?} => Some(include_bytes!(concat!(env!(\"OUT_DIR\"), \"/background/{file}.stems.bin\"))),\n"
        ));
    }
    lookup.push_str("        _ => None,\n    }\n}\n");
    lookup.push_str(&stem_lookup);
    lookup.push_str("        _ => None,\n    }\n}\n");
    fs::write(out_dir.join("background_tables.rs"), lookup)?;
    Ok(())
}

/// Rewrites the committed language model with dense rows for its most listed n-grams
/// (`src/analysis/language/densify.rs`), as `language_model.bin`, which the detector embeds.
fn write_language_model(out_dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let table = densify::densify(&fs::read(LANGUAGE_MODEL)?)?;
    fs::write(out_dir.join("language_model.bin"), table)?;
    Ok(())
}

/// Hashes the committed word-pair list (`src/analysis/language/word_pairs_table.rs`) into
/// `language_word_pairs.bin`, which the detector embeds.
fn write_word_pairs(out_dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let table = word_pairs_table::build(&fs::read_to_string(WORD_PAIRS)?)?;
    fs::write(out_dir.join("language_word_pairs.bin"), table)?;
    Ok(())
}

/// The code that decides what an answer says, besides the data: the analysis core, the mapping
/// to the proto, the JSON writer and the contract. Its source is hashed into the analyzer version with the data, so a
/// change of rules without a change of data still changes the version.
const ANSWER_CODE_DIRS: [&str; 4] = ["src/analysis", "src/edge", "src/proto", PROTO_ROOT];

/// FNV-1a (64 bit) over every file below `dirs`, visited in sorted path order, hashing each
/// path and its contents so renames count as changes too.
fn hash_dirs(dirs: &[&str]) -> std::io::Result<u64> {
    let mut files = Vec::new();
    for dir in dirs {
        if Path::new(dir).is_dir() {
            collect_files(Path::new(dir), &mut files)?;
        }
    }
    files.sort();
    let mut hash = Fnv1a::new();
    for file in files {
        hash.write(file.to_string_lossy().as_bytes());
        hash.write(&[0]);
        hash.write(&fs::read(&file)?);
        hash.write(&[0]);
    }
    Ok(hash.finish())
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

struct Fnv1a(u64);

impl Fnv1a {
    fn new() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}
