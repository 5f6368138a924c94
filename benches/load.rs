//! What callers see over gRPC: the release server pinned to one core, a tonic client beside it.
//!
//! `taskset -c 1 cargo bench --bench load` (the server runs under `taskset -c 0`, so client and
//! server never share a core). For a 2.6 KB English article it reports:
//! - start to SERVING (exec of the binary to the first `SERVING` health answer);
//! - calls/s with p50 and p99 latency at 1, 8 and 64 calls in flight (closed loop);
//! - p50/p99 at half of the saturated rate (open loop, paced);
//! - the server's CPU per call (utime + stime from `/proc`) next to the analysis alone, measured
//!   in this process on the same article: their difference is the transport and encoding cost;
//! - how fast overload is refused: calls beyond `--max-pending-documents` get
//!   `RESOURCE_EXHAUSTED`; the bench prints goodput and those answers' latency with no admission
//!   wait, with a 2 ms one and with a 50 ms one;
//! - the server's peak RSS.
//!
//! `LOAD_SECONDS` sets each phase's length (default 5). Figures vary with the machine; compare
//! them within one run. Nothing here asserts a time.

use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use textanalytics::analysis::{analyze, AnalysisOptions, CancelFlag, ContentFormat};
use textanalytics::proto::v1 as pb;
use textanalytics::proto::v1::text_analytics_client::TextAnalyticsClient;
use tokio::sync::Mutex;
use tonic::transport::Channel;

const ARTICLE: &str = include_str!("corpus/en.html");

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the release binary on core 0 with one worker, plus `extra` flags.
    fn start(extra: &[&str]) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let listen = addr.to_string();
        let mut args = vec!["-c", "0", env!("CARGO_BIN_EXE_textanalytics"), "serve", "--listen", &listen];
        args.extend(["--workers", "1", "--drain-delay", "0s", "--log-format", "json"]);
        args.extend(extra);
        let child = Command::new("taskset")
            .args(&args)
            .stdout(Stdio::null())
            // The per-call log lines are written (their cost is part of a call) and discarded.
            .stderr(Stdio::null())
            .spawn()
            .expect("taskset and the server binary run");
        Server { child, addr }
    }

    fn proc_field(&self, file: &str, key: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/{file}", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with(key))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// utime + stime in clock ticks (100 per second on Linux).
    fn cpu_ticks(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        // Fields after the command name, which is in parentheses and may contain spaces.
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after.split_whitespace().collect();
        let field = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
        field(11) + field(12)
    }

    fn peak_rss_mib(&self) -> u64 {
        self.proc_field("status", "VmHWM:").unwrap_or(0) / 1024
    }
}

fn request() -> pb::AnalyzeRequest {
    pb::AnalyzeRequest { id: "load".into(), content: ARTICLE.into(), ..Default::default() }
}

async fn wait_serving(addr: SocketAddr, started: Instant) -> (Channel, Duration) {
    let endpoint = tonic::transport::Endpoint::from_shared(format!("http://{addr}")).expect("valid URI");
    loop {
        if let Ok(channel) = endpoint.connect().await {
            let mut health = tonic_health::pb::health_client::HealthClient::new(channel.clone());
            let check = health.check(tonic_health::pb::HealthCheckRequest { service: String::new() }).await;
            if check.is_ok_and(|r| r.get_ref().status == 1) {
                return (channel, started.elapsed());
            }
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

#[derive(Default)]
struct Outcomes {
    ok: Vec<Duration>,
    refused: Vec<Duration>,
    other: usize,
}

impl Outcomes {
    fn record(&mut self, result: Result<(), tonic::Code>, latency: Duration) {
        match result {
            Ok(()) => self.ok.push(latency),
            Err(tonic::Code::ResourceExhausted) => self.refused.push(latency),
            Err(_) => self.other += 1,
        }
    }
}

fn percentile(latencies: &mut [Duration], p: f64) -> Duration {
    if latencies.is_empty() {
        return Duration::ZERO;
    }
    latencies.sort_unstable();
    let index = ((latencies.len() - 1) as f64 * p).round() as usize;
    latencies[index]
}

async fn one_call(client: &mut TextAnalyticsClient<Channel>) -> Result<(), tonic::Code> {
    client.analyze(request()).await.map(|_| ()).map_err(|s| s.code())
}

/// `in_flight` loops, each calling as soon as its previous call answered, for `length`.
async fn closed_loop(channel: &Channel, in_flight: usize, length: Duration) -> Outcomes {
    let outcomes = Arc::new(Mutex::new(Outcomes::default()));
    let end = Instant::now() + length;
    let mut tasks = Vec::new();
    for _ in 0..in_flight {
        let mut client = TextAnalyticsClient::new(channel.clone());
        let outcomes = Arc::clone(&outcomes);
        tasks.push(tokio::spawn(async move {
            while Instant::now() < end {
                let sent = Instant::now();
                let result = one_call(&mut client).await;
                outcomes.lock().await.record(result, sent.elapsed());
            }
        }));
    }
    for task in tasks {
        task.await.expect("a load task finishes");
    }
    Arc::try_unwrap(outcomes).ok().expect("all tasks done").into_inner()
}

/// Calls sent at a fixed `rate` per second whatever the answers (open loop), for `length`.
async fn paced(channel: &Channel, rate: f64, length: Duration) -> Outcomes {
    let outcomes = Arc::new(Mutex::new(Outcomes::default()));
    let interval = Duration::from_secs_f64(1.0 / rate.max(1.0));
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let end = Instant::now() + length;
    let mut tasks = Vec::new();
    while Instant::now() < end {
        ticker.tick().await;
        let mut client = TextAnalyticsClient::new(channel.clone());
        let outcomes = Arc::clone(&outcomes);
        tasks.push(tokio::spawn(async move {
            let sent = Instant::now();
            let result = one_call(&mut client).await;
            outcomes.lock().await.record(result, sent.elapsed());
        }));
    }
    for task in tasks {
        task.await.expect("a paced call finishes");
    }
    Arc::try_unwrap(outcomes).ok().expect("all tasks done").into_inner()
}

fn report(label: &str, outcomes: &mut Outcomes, length: Duration) -> f64 {
    let rate = outcomes.ok.len() as f64 / length.as_secs_f64();
    let (p50, p99) = (percentile(&mut outcomes.ok, 0.5), percentile(&mut outcomes.ok, 0.99));
    println!(
        "{label:<28} {rate:>8.0} calls/s   p50 {:>7.3} ms   p99 {:>7.3} ms   refused {}   other errors {}",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        outcomes.refused.len(),
        outcomes.other
    );
    rate
}

/// Mean CPU time of the analysis alone on this thread, in µs.
fn analysis_alone_us() -> f64 {
    let options = AnalysisOptions { format: ContentFormat::Sniff, ..AnalysisOptions::default() };
    let run = || std::hint::black_box(analyze(ARTICLE.to_string(), &options, &CancelFlag::new()).ok());
    for _ in 0..200 {
        run();
    }
    let rounds = 2000;
    let started = Instant::now();
    for _ in 0..rounds {
        run();
    }
    started.elapsed().as_secs_f64() * 1e6 / f64::from(rounds)
}

async fn saturation_phases(length: Duration) {
    let started = Instant::now();
    let server = Server::start(&[]);
    let (channel, serving) = wait_serving(server.addr, started).await;
    println!("start to SERVING             {:>8.1} ms", serving.as_secs_f64() * 1e3);
    let alone = analysis_alone_us();
    println!("analysis alone (in process)  {alone:>8.0} µs per article ({} bytes)", ARTICLE.len());
    let _ = closed_loop(&channel, 1, Duration::from_millis(500)).await;

    let ticks_before = server.cpu_ticks();
    let mut single = closed_loop(&channel, 1, length).await;
    let ticks = server.cpu_ticks() - ticks_before;
    let calls = single.ok.len().max(1) as f64;
    let server_us = ticks as f64 * 1e4 / calls;
    let p50_single = percentile(&mut single.ok, 0.5).as_secs_f64() * 1e6;
    report("1 in flight", &mut single, length);
    println!(
        "server CPU per call          {server_us:>8.0} µs (transport and encoding ≈ {:.0} µs); p50 above the analysis ≈ {:.0} µs",
        server_us - alone,
        p50_single - alone
    );
    let mut saturated = 0.0f64;
    for in_flight in [8, 64] {
        let mut outcomes = closed_loop(&channel, in_flight, length).await;
        saturated = saturated.max(report(&format!("{in_flight} in flight"), &mut outcomes, length));
    }
    let mut half = paced(&channel, saturated / 2.0, length).await;
    report(&format!("paced at {:.0}/s (half)", saturated / 2.0), &mut half, length);
    println!("server peak RSS              {:>8} MiB", server.peak_rss_mib());
}

/// 64 calls in flight against room for 2: goodput and how fast the rest are refused, with the
/// admission wait `wait` (`--admission-wait`).
async fn overload_phase(length: Duration, wait: &str) {
    let server = Server::start(&["--max-pending-documents", "2", "--admission-wait", wait]);
    let (channel, _) = wait_serving(server.addr, Instant::now()).await;
    let mut outcomes = closed_loop(&channel, 64, length).await;
    report(&format!("64 in flight, 2 admitted, wait {wait}"), &mut outcomes, length);
    let (p50, p99) = (percentile(&mut outcomes.refused, 0.5), percentile(&mut outcomes.refused, 0.99));
    println!(
        "refusals (RESOURCE_EXHAUSTED) p50 {:>7.3} ms   p99 {:>7.3} ms",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` would run this too, so only run
    // when asked to benchmark.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let seconds = std::env::var("LOAD_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    let length = Duration::from_secs(seconds);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        saturation_phases(length).await;
        overload_phase(length, "0s").await;
        overload_phase(length, "2ms").await;
        overload_phase(length, "50ms").await;
    });
}
