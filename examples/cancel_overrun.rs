//! How soon an analysis stops after its cancel, in one process: each hostile shape of the soak
//! is analysed on a thread of its own and cancelled at 14 points spread over its run; prints the
//! milliseconds from the cancel to the analysis returning (its answer or error dropped).
//! The server's figure under load is the soak's (`textanalytics_stop_overrun_seconds`).
//!
//! `cargo run --release --example cancel_overrun`

use std::time::{Duration, Instant};

use textanalytics::analysis::{self, AnalysisOptions, CancelFlag, ContentFormat};

fn shapes() -> Vec<(&'static str, String)> {
    let reopened: String = (0..250).map(|i| format!("<b id={i}>")).collect();
    let attributes: String = (0..100_000).map(|i| format!(" a{i}")).collect();
    vec![
        ("re-opened formatting", format!("<p>{reopened}{}", "<p>x".repeat(200_000))),
        ("long base, many links", format!("<base href=\"https://news.example.com/{}/\">{}", "b".repeat(8000), "<a href=r>l</a>".repeat(50_000))),
        ("many attributes", format!("<p{attributes}>x</p>")),
        ("deep tables", "<table><tr><td><table><b>fostered<tr><td>cell".repeat(15_000)),
    ]
}

/// Milliseconds from cancelling an analysis `after` its start to its return.
fn overrun(content: &str, options: &AnalysisOptions, after: Duration) -> f64 {
    let flag = CancelFlag::new();
    let (worker_flag, input, options) = (flag.clone(), content.to_string(), options.clone());
    let worker = std::thread::spawn(move || {
        drop(analysis::analyze(input, &options, &worker_flag));
        Instant::now()
    });
    std::thread::sleep(after);
    let cancelled = Instant::now();
    flag.cancel();
    let returned = worker.join().unwrap_or(cancelled);
    returned.saturating_duration_since(cancelled).as_secs_f64() * 1e3
}

fn main() {
    let options = AnalysisOptions { format: ContentFormat::Html, ..AnalysisOptions::default() };
    for (name, content) in shapes() {
        let started = Instant::now();
        drop(analysis::analyze(content.clone(), &options, &CancelFlag::new()));
        let full = started.elapsed();
        let points: Vec<String> = (2u32..100)
            .step_by(7)
            .map(|percent| format!("{percent}%: {:.1}", overrun(&content, &options, full * percent / 100)))
            .collect();
        println!("{name} (whole analysis {:.1} ms): {}", full.as_secs_f64() * 1e3, points.join(", "));
    }
}
