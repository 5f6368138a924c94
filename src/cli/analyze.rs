//! `textanalytics analyze [FILE|-]`: one document from a file or stdin, the request's options as
//! flags; or `--jsonl`: one `AnalyzeRequest` JSON per input line, one answer per output line, in
//! input order, using every core.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::json;
use crate::analysis::CancelFlag;
use crate::proto::v1 as pb;
use crate::edge::request::DEFAULT_MAX_CONTENT_BYTES;
use crate::edge::status::code_name;
use crate::edge::{analyze_guarded, prepare, DocumentFailure};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    /// Sniff: HTML when a `<` is followed by a letter, `/` or `!`.
    Auto,
    Plain,
    Html,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExtractionArg {
    /// A whole page is cut to its article, a fragment read whole.
    Auto,
    /// Always cut the page to its article.
    Article,
    /// Read everything.
    None,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum EncodingArg {
    Utf8,
    Utf16,
    CodePoints,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum FeatureArg {
    Language,
    Keywords,
    Entities,
    Tone,
    Links,
}

/// `textanalytics analyze` flags: the fields of `AnalyzeRequest`.
#[derive(Clone, Debug, Args)]
pub struct AnalyzeArgs {
    /// The document to analyse; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,

    /// Read one AnalyzeRequest (proto3 JSON) per line and write one answer per line.
    #[arg(long, conflicts_with_all = ["id", "format", "base_url", "language_hint", "features", "offset_encoding", "max_keywords", "include_text", "pretty", "extraction"])]
    pub jsonl: bool,

    /// The caller's id, echoed back.
    #[arg(long)]
    pub id: Option<String>,

    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,

    /// Whether a page is cut down to its article (auto: whole pages are, fragments are not).
    #[arg(long, value_enum)]
    pub extraction: Option<ExtractionArg>,

    /// The article's own URL: resolves relative links, decides internal/external.
    #[arg(long)]
    pub base_url: Option<String>,

    /// ISO 639-1/639-3 code or BCP-47 tag to use instead of detection.
    #[arg(long)]
    pub language_hint: Option<String>,

    /// Analyses to run (comma-separated); all when absent.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub features: Vec<FeatureArg>,

    /// Unit of every span.
    #[arg(long, value_enum)]
    pub offset_encoding: Option<EncodingArg>,

    /// Cap on keywords and, separately, key phrases (0: the default, 10).
    #[arg(long)]
    pub max_keywords: Option<u32>,

    /// Return the extracted plain text in `text`.
    #[arg(long)]
    pub include_text: bool,

    /// Indent the JSON (single-document mode).
    #[arg(long)]
    pub pretty: bool,

    /// Largest content in bytes, as the server's --max-content-bytes.
    #[arg(long, env = "TEXTANALYTICS_MAX_CONTENT_BYTES", default_value_t = DEFAULT_MAX_CONTENT_BYTES)]
    pub max_content_bytes: usize,
}

impl AnalyzeArgs {
    fn request(&self, content: String) -> pb::AnalyzeRequest {
        pb::AnalyzeRequest {
            id: self.id.clone().unwrap_or_default(),
            content,
            format: match self.format {
                None | Some(FormatArg::Auto) => pb::ContentFormat::Unspecified,
                Some(FormatArg::Plain) => pb::ContentFormat::PlainText,
                Some(FormatArg::Html) => pb::ContentFormat::Html,
            } as i32,
            base_url: self.base_url.clone().unwrap_or_default(),
            language_hint: self.language_hint.clone().unwrap_or_default(),
            features: self
                .features
                .iter()
                .map(|f| match f {
                    FeatureArg::Language => pb::Feature::Language,
                    FeatureArg::Keywords => pb::Feature::Keywords,
                    FeatureArg::Entities => pb::Feature::Entities,
                    FeatureArg::Tone => pb::Feature::Tone,
                    FeatureArg::Links => pb::Feature::Links,
                } as i32)
                .collect(),
            offset_encoding: match self.offset_encoding {
                None | Some(EncodingArg::Utf8) => pb::OffsetEncoding::Utf8,
                Some(EncodingArg::Utf16) => pb::OffsetEncoding::Utf16,
                Some(EncodingArg::CodePoints) => pb::OffsetEncoding::CodePoints,
            } as i32,
            max_keywords: self.max_keywords.unwrap_or(0),
            include_text: self.include_text,
            extraction: match self.extraction {
                None | Some(ExtractionArg::Auto) => pb::ContentExtraction::Unspecified,
                Some(ExtractionArg::Article) => pb::ContentExtraction::Article,
                Some(ExtractionArg::None) => pb::ContentExtraction::None,
            } as i32,
        }
    }
}

/// Runs the command; errors go to stderr with a non-zero exit, answers to stdout.
pub fn run(args: AnalyzeArgs) -> ExitCode {
    let outcome = if args.jsonl { run_jsonl(&args) } else { run_single(&args) };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("textanalytics analyze: {error}");
            ExitCode::from(2)
        }
    }
}

/// The input stream; a file that cannot be opened is an error naming the file.
fn input(args: &AnalyzeArgs) -> io::Result<Box<dyn BufRead>> {
    Ok(match args.file.as_deref() {
        None => Box::new(io::stdin().lock()),
        Some(path) if path.as_os_str() == "-" => Box::new(io::stdin().lock()),
        Some(path) => {
            let file = std::fs::File::open(path)
                .map_err(|error| io::Error::new(error.kind(), format!("{}: {error}", path.display())))?;
            Box::new(io::BufReader::new(file))
        }
    })
}

fn run_single(args: &AnalyzeArgs) -> io::Result<ExitCode> {
    let mut bytes = Vec::new();
    input(args)?.read_to_end(&mut bytes)?;
    let content = String::from_utf8(bytes)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("content is not valid UTF-8: {e}")))?;
    match answer(args.request(content), args.max_content_bytes) {
        Ok(response) => {
            let mut out = io::stdout().lock();
            writeln!(out, "{}", json::response_to_json(&response, args.pretty))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            eprintln!("textanalytics analyze: {}: {}", code_name(failure.code()), failure.message());
            Ok(ExitCode::FAILURE)
        }
    }
}

fn answer(request: pb::AnalyzeRequest, max_content_bytes: usize) -> Result<pb::AnalyzeResponse, DocumentFailure> {
    let document = prepare(request, max_content_bytes)?;
    analyze_guarded(document, &CancelFlag::new(), "cli")
}

/// One line of `--jsonl` output: the answer, or an answer carrying only `id` and `error`. Every
/// input line gets one, blank lines included, so answers match lines by position.
fn answer_line(line: &str, max_content_bytes: usize) -> String {
    let response = if line.trim().is_empty() {
        DocumentFailure::InvalidField("the line is blank: expected an AnalyzeRequest in proto3 JSON".into())
            .to_error_answer(String::new())
    } else {
        match json::request_from_json(line) {
            Ok(request) => {
                let id = request.id.clone();
                answer(request, max_content_bytes).unwrap_or_else(|failure| failure.to_error_answer(id))
            }
            Err(reason) => {
                DocumentFailure::InvalidField(format!("the line is not an AnalyzeRequest in proto3 JSON: {reason}"))
                    .to_error_answer(json::id_of_json_line(line))
            }
        }
    };
    json::response_to_json(&response, false)
}

/// Reads lines in chunks, answers each chunk's lines on all cores, prints them in input order:
/// memory stays bounded by the chunk however long the input.
fn run_jsonl(args: &AnalyzeArgs) -> io::Result<ExitCode> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk_size = workers * 8;
    let mut lines = input(args)?.lines();
    let mut out = BufWriter::new(io::stdout().lock());
    loop {
        let chunk: Vec<String> = lines.by_ref().take(chunk_size).collect::<io::Result<_>>()?;
        if chunk.is_empty() {
            break;
        }
        let chunk: Vec<&str> = chunk.iter().map(String::as_str).collect();
        let mut answers = vec![String::new(); chunk.len()];
        let per_worker = chunk.len().div_ceil(workers).max(1);
        std::thread::scope(|scope| {
            for (lines, answers) in chunk.chunks(per_worker).zip(answers.chunks_mut(per_worker)) {
                scope.spawn(move || {
                    for (line, answer) in lines.iter().zip(answers.iter_mut()) {
                        *answer = answer_line(line, args.max_content_bytes);
                    }
                });
            }
        });
        for answer in answers {
            writeln!(out, "{answer}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
