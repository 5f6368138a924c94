//! How soon an analysis stops after its cancel, in one process: each hostile shape of the soak
//! is analysed on a thread of its own and cancelled at 14 points spread over its run; prints the
//! milliseconds from the cancel to the analysis returning (its answer or error dropped), as the
//! thread's CPU time, which other load on the machine does not stretch (the wall time it
//! stretches is the larger of each pair in the last line).
//! The server's figure under load is the soak's (`textanalytics_stop_overrun_seconds`).
//!
//! `cargo run --release --example cancel_overrun`

use std::os::unix::thread::JoinHandleExt;
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

/// CPU time `thread` has used so far.
fn cpu_time(thread: libc::pthread_t) -> Duration {
    let mut clock: libc::clockid_t = 0;
    let mut time = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: both calls only write the out-parameters given; the thread is alive (joined later).
    unsafe {
        libc::pthread_getcpuclockid(thread, &mut clock);
        libc::clock_gettime(clock, &mut time);
    }
    Duration::new(time.tv_sec as u64, time.tv_nsec as u32)
}

/// CPU and wall milliseconds from cancelling an analysis `after` its start to its return.
fn overrun(content: &str, options: &AnalysisOptions, after: Duration) -> (f64, f64) {
    let flag = CancelFlag::new();
    let (worker_flag, input, options) = (flag.clone(), content.to_string(), options.clone());
    let worker = std::thread::spawn(move || {
        drop(analysis::analyze(input, &options, &worker_flag));
        // SAFETY: reads this thread's own id.
        (Instant::now(), cpu_time(unsafe { libc::pthread_self() }))
    });
    std::thread::sleep(after);
    let (cancelled, cpu_at_cancel) = (Instant::now(), cpu_time(worker.as_pthread_t()));
    flag.cancel();
    let (returned, cpu_at_return) = worker.join().unwrap_or((cancelled, cpu_at_cancel));
    let ms = |duration: Duration| duration.as_secs_f64() * 1e3;
    (ms(cpu_at_return.saturating_sub(cpu_at_cancel)), ms(returned.saturating_duration_since(cancelled)))
}

fn main() {
    let options = AnalysisOptions { format: ContentFormat::Html, ..AnalysisOptions::default() };
    for (name, content) in shapes() {
        let started = Instant::now();
        drop(analysis::analyze(content.clone(), &options, &CancelFlag::new()));
        let full = started.elapsed();
        let overruns: Vec<(u32, (f64, f64))> =
            (2u32..100).step_by(7).map(|percent| (percent, overrun(&content, &options, full * percent / 100))).collect();
        let cpu: Vec<String> = overruns.iter().map(|(percent, (cpu, _))| format!("{percent}%: {cpu:.1}")).collect();
        println!("{name} (whole analysis {:.1} ms), CPU ms: {}", full.as_secs_f64() * 1e3, cpu.join(", "));
        let worst_wall = overruns.iter().map(|(_, (_, wall))| *wall).fold(0.0, f64::max);
        let worst_cpu = overruns.iter().map(|(_, (cpu, _))| *cpu).fold(0.0, f64::max);
        println!("    worst: {worst_cpu:.1} ms CPU, {worst_wall:.1} ms wall");
    }
}
