//! Hostile documents: each shape is analysed at 1× and at 8× its size, and what it costs —
//! bytes allocated (counted by this binary's allocator, per thread), tokens, bytes of the
//! encoded answer — must grow at most about eightfold. Counts, never wall time: noise does not
//! move them. Shapes that used to exhaust memory also run at full size in a child process
//! under an address-space limit (`ulimit -v`), so a regression fails that one test instead of
//! aborting the test binary.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::process::Command;

use prost::Message;
use textanalytics::analysis::document::OffsetEncoding;
use textanalytics::analysis::{self, AnalysisOptions, CancelFlag, ContentFormat, FeatureSet};
use textanalytics::edge::response as convert;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
    /// A flag to cancel once this thread's count reaches the given bytes, and the count then.
    static CANCEL_AT: std::cell::RefCell<Option<(usize, CancelFlag)>> = const { std::cell::RefCell::new(None) };
    static CANCELLED_AT: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Counts the bytes each thread allocates (growth of a reallocation included), so tests
/// running in parallel do not see each other's allocations.
struct Counting;

fn count(bytes: usize) {
    // `try_with`: the allocator also runs while a thread's locals are being torn down.
    let Ok(now) = ALLOCATED.try_with(|allocated| {
        allocated.set(allocated.get().saturating_add(bytes));
        allocated.get()
    }) else {
        return;
    };
    // Cancelling is an atomic store: nothing here allocates.
    let _ = CANCEL_AT.try_with(|cancel_at| {
        let Ok(mut cancel_at) = cancel_at.try_borrow_mut() else { return };
        if cancel_at.as_ref().is_some_and(|(at, _)| now >= *at) {
            if let Some((_, flag)) = cancel_at.as_ref() {
                flag.cancel();
            }
            let _ = CANCELLED_AT.try_with(|cancelled_at| cancelled_at.set(Some(now)));
            // Dropping the clone only decrements its count: the caller holds the flag too.
            *cancel_at = None;
        }
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size.saturating_sub(layout.size()));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What one analysis cost.
#[derive(Debug)]
struct Cost {
    allocated: usize,
    tokens: usize,
    answer: usize,
}

fn options(format: ContentFormat, base_url: &str) -> AnalysisOptions {
    AnalysisOptions::parse(format, base_url, "", FeatureSet::all(), 0).expect("valid options")
}

fn cost(content: String, options: &AnalysisOptions) -> Cost {
    let before = ALLOCATED.with(Cell::get);
    let analysis = analysis::analyze(content, options, &CancelFlag::new()).expect("an answer");
    let tokens = analysis.document.tokens.len();
    let answer = convert::to_proto(analysis, String::new(), true, OffsetEncoding::Utf8).encoded_len();
    let allocated = ALLOCATED.with(Cell::get) - before;
    Cost { allocated, tokens, answer }
}

/// The shape at 1× and 8× costs at most about eight times as much by every count (a little
/// more is allowed for allocations that double).
fn assert_linear(name: &str, shape: impl Fn(usize) -> String, options: &AnalysisOptions) {
    // Warm the embedded tables first, so their one-time allocations land in neither run.
    let _ = cost(shape(1), options);
    let small = cost(shape(1), options);
    let large = cost(shape(8), options);
    let grows_linearly = |small: usize, large: usize| large <= 12 * small.max(1) + 64 * 1024;
    assert!(
        grows_linearly(small.allocated, large.allocated)
            && grows_linearly(small.tokens, large.tokens)
            && grows_linearly(small.answer, large.answer),
        "{name}: {small:?} at 1× ({} bytes), {large:?} at 8×",
        shape(1).len()
    );
}

fn html() -> AnalysisOptions {
    options(ContentFormat::Html, "")
}

fn plain() -> AnalysisOptions {
    options(ContentFormat::PlainText, "")
}

/// `<p>`, many nested formatting elements, then many paragraphs: the tree builder re-opens
/// every active formatting element for each paragraph.
fn reopened_formatting(scale: usize) -> String {
    let open: String = (0..30 * scale).map(|i| format!("<b id={i}>")).collect();
    format!("<p>{open}{}", "<p>x".repeat(400 * scale))
}

#[test]
fn reopened_formatting_elements() {
    assert_linear("reopened formatting", reopened_formatting, &html());
}

#[test]
fn a_long_base_href_times_many_relative_links() {
    let shape = |scale: usize| {
        let base = format!("<base href=\"https://news.example.com/{}/\">", "b".repeat(800 * scale));
        format!("{base}{}", "<a href=r>l</a> ".repeat(300 * scale))
    };
    assert_linear("long base href", shape, &html());
}

#[test]
fn a_long_base_url_times_many_relative_links() {
    // base_url is a request field: its cap keeps it fixed here, the links grow.
    let base = format!("https://news.example.com/{}/", "u".repeat(7000));
    let shape = |scale: usize| "<a href=r>l</a> ".repeat(300 * scale);
    assert_linear("long base_url", shape, &options(ContentFormat::Html, &base));
}

#[test]
fn a_tag_with_very_many_attributes() {
    let shape = |scale: usize| {
        let attributes: String = (0..2000 * scale).map(|i| format!(" a{i}=v")).collect();
        format!("<p{attributes}>text after the tag</p>")
    };
    assert_linear("many attributes", shape, &html());
}

#[test]
fn deep_tables_with_foster_parenting() {
    let shape = |scale: usize| "<table><tr><td><table><b>fostered<tr><td>cell".repeat(40 * scale);
    assert_linear("deep tables", shape, &html());
}

#[test]
fn thousands_of_unclosed_inline_elements() {
    let shape = |scale: usize| "<a href=#x>a<nobr>n<font color=red>f ".repeat(300 * scale);
    assert_linear("unclosed a/nobr/font", shape, &html());
}

#[test]
fn select_and_option_floods() {
    let shape = |scale: usize| format!("<select>{}", "<option>choice<optgroup>group".repeat(500 * scale));
    assert_linear("select/option", shape, &html());
}

#[test]
fn nested_templates() {
    let shape = |scale: usize| "<template><div>t".repeat(300 * scale);
    assert_linear("template nesting", shape, &html());
}

#[test]
fn entity_floods() {
    let shape = |scale: usize| format!("<p>{}</p>", "&amp;&NotEqualTilde;&#x1F600;&nbsp".repeat(500 * scale));
    assert_linear("entities", shape, &html());
}

#[test]
fn very_long_words_and_lines() {
    let words = |scale: usize| format!("{} and then {}", "x".repeat(20_000 * scale), "y".repeat(20_000 * scale));
    assert_linear("long words", words, &plain());
    let line = |scale: usize| "words on one endless line without any full stop ".repeat(400 * scale);
    assert_linear("long line", line, &plain());
}

#[test]
fn many_quotes_and_capitalised_words() {
    let quotes = |scale: usize| "\"Quoted words here,\" said Anna. ".repeat(400 * scale);
    assert_linear("quotes", quotes, &plain());
    let capitals = |scale: usize| {
        (0..3000 * scale).map(|i| format!("Name{} ", i % 977)).collect::<String>()
    };
    assert_linear("capitalised words", capitals, &plain());
}

/// Set in the child process that runs a reproducer under the address-space limit.
const CHILD: &str = "TEXTANALYTICS_HOSTILE_CHILD";
/// Address space the child may use, in KiB: far below what the reproducers used to need
/// (several GiB), well above what a bounded analysis of them takes.
const CHILD_ADDRESS_SPACE_KIB: u64 = 2 * 1024 * 1024;

/// Runs the test `name` of this binary again in a child under [`CHILD_ADDRESS_SPACE_KIB`].
fn in_bounded_child(name: &str) {
    let exe = std::env::current_exe().expect("the test binary's path");
    // Test names in the one integration binary are paths below its crate root.
    let module = module_path!().split_once("::").map_or("", |(_, module)| module);
    let name = format!("{module}::{name}");
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {CHILD_ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\""))
        .arg(exe)
        .args(["--exact", &name, "--test-threads=1", "--quiet"])
        .env(CHILD, "1")
        .status()
        .expect("run the child");
    assert!(status.success(), "{name} failed within {CHILD_ADDRESS_SPACE_KIB} KiB of address space: {status}");
}

#[test]
fn half_a_megabyte_of_reopened_formatting_fits_the_memory_limit() {
    if std::env::var_os(CHILD).is_none() {
        return in_bounded_child("half_a_megabyte_of_reopened_formatting_fits_the_memory_limit");
    }
    let open: String = (0..250).map(|i| format!("<b id={i}>")).collect();
    let content = format!("<p>{open}{}", "<p>x".repeat(128 * 1024));
    let found = cost(content, &html());
    assert!(found.answer < 64 * 1024 * 1024, "{found:?}");
}

#[test]
fn a_long_base_href_with_many_links_fits_the_memory_limit() {
    if std::env::var_os(CHILD).is_none() {
        return in_bounded_child("a_long_base_href_with_many_links_fits_the_memory_limit");
    }
    let base = format!("<base href=\"https://news.example.com/{}/\">", "b".repeat(8000));
    let content = format!("{base}{}", "<a href=r>l</a>".repeat(60_000));
    let found = cost(content, &html());
    assert!(found.answer < 32 * 1024 * 1024, "{found:?}");
}

/// Plain text that gives every stage work: names, quotes, tone words, links, paragraphs.
fn busy_text(paragraphs: usize) -> String {
    (0..paragraphs)
        .map(|i| {
            format!(
                "Mayor Ana Silva{i} praised the wonderful harbour of Porto on Monday, see https://news.example.com/p/{i}. \
                 \"It is a terrible waste,\" said Rui Costa of the Lisbon Port Authority.\n\n"
            )
        })
        .collect()
}

/// Cancelled at points spread over the whole analysis (by bytes allocated so far, a count
/// noise does not move), the analysis stops within a small amount of further work wherever it
/// is: every stage looks at the flag inside its loops, not only between stages.
#[test]
fn a_cancelled_analysis_stops_inside_whichever_stage_it_is_in() {
    stops_soon_after_a_cancel(busy_text(250), &plain());
}

/// The same for a page: parsing, extraction, alignment and rendering each look at the flag.
#[test]
fn a_cancelled_page_stops_inside_whichever_step_of_reading_it_is_in() {
    let page: String = busy_text(120)
        .split("\n\n")
        .enumerate()
        .map(|(i, paragraph)| format!("<div class=story><p>{paragraph} <a href=\"/s/{i}\">more</a></p></div>\n"))
        .collect();
    stops_soon_after_a_cancel(format!("<html><body><nav><a href=/>Home</a></nav><article>{page}</article></body></html>"), &html());
}

fn stops_soon_after_a_cancel(content: String, options: &AnalysisOptions) {
    let _ = cost(content.clone(), options);
    let full = {
        let before = ALLOCATED.with(Cell::get);
        let analysis = analysis::analyze(content.clone(), options, &CancelFlag::new()).expect("an answer");
        drop(analysis);
        ALLOCATED.with(Cell::get) - before
    };
    let mut overruns = Vec::new();
    for percent in [3, 10, 20, 30, 40, 50, 60, 70, 80, 90, 97] {
        let flag = CancelFlag::new();
        let input = content.clone();
        let before = ALLOCATED.with(Cell::get);
        CANCELLED_AT.with(|at| at.set(None));
        CANCEL_AT.with(|cancel_at| *cancel_at.borrow_mut() = Some((before + full * percent / 100, flag.clone())));
        let outcome = analysis::analyze(input, options, &flag);
        let after = ALLOCATED.with(Cell::get);
        CANCEL_AT.with(|cancel_at| *cancel_at.borrow_mut() = None);
        let Some(cancelled_at) = CANCELLED_AT.with(Cell::get) else {
            panic!("{percent}%: the analysis never reached the cancel point");
        };
        assert!(outcome.is_err(), "{percent}%: a cancelled analysis gives no answer");
        overruns.push((percent, after - cancelled_at));
    }
    // Whole stages allocate tens of percent of the total; a check inside each keeps the work
    // after the flag to a sliver of it.
    assert!(overruns.iter().all(|&(_, overrun)| overrun <= full / 20), "bytes allocated after the cancel, of {full} in all: {overruns:?}");
}

