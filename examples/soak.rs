//! Traffic for `scripts/soak.sh`: several clients on one loopback server send a mix of
//! ordinary articles, batches, streams and the hostile shapes of issue #16 (re-opened
//! formatting elements, a long `<base href>` with many links, a tag with very many attributes,
//! deep tables; half of them with a 50 ms deadline, so they are cancelled mid-analysis) for a
//! fixed time, and print how many calls ended with which status. Meanwhile
//! one more connection asks for health every 20 ms and the time of each answer is reported
//! (p50, p99, max): the runtime must stay responsive while the workers are busy with hostile
//! documents. The script samples the server's RSS meanwhile.
//!
//! The traffic shares the server's machine, which a real caller does not: its threads run at
//! [`TRAFFIC_NICENESS`] so that the server, not the load generator, has the cores first, and
//! the health probe has a thread and runtime of its own at normal priority, so that its
//! answers are not timed behind the clients' decoding of large answers.
//!
//! `cargo run --release --example soak -- <address> <seconds> [clients]`

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use textanalytics::proto::v1 as pb;
use textanalytics::proto::v1::text_analytics_client::TextAnalyticsClient;

const ARTICLE: &str = "The port authority of Eastmere said on Monday that the new container \
terminal would open in the spring. \"We expect twice the traffic within two years,\" said its \
director, Hanna Lind. Local residents worry about noise, and the council will hold a hearing.";

fn hostile(kind: usize) -> String {
    match kind % 4 {
        0 => {
            let open: String = (0..250).map(|i| format!("<b id={i}>")).collect();
            format!("<p>{open}{}", "<p>x".repeat(200_000))
        }
        1 => {
            let base = format!("<base href=\"https://news.example.com/{}/\">", "b".repeat(8000));
            format!("{base}{}", "<a href=r>l</a>".repeat(50_000))
        }
        2 => {
            let attributes: String = (0..100_000).map(|i| format!(" a{i}")).collect();
            format!("<p{attributes}>x</p>")
        }
        _ => "<table><tr><td><table><b>fostered<tr><td>cell".repeat(15_000),
    }
}

fn request(id: String, content: String, html: bool) -> pb::AnalyzeRequest {
    let format = if html { pb::ContentFormat::Html } else { pb::ContentFormat::PlainText };
    pb::AnalyzeRequest { id, content, format: format as i32, ..Default::default() }
}

type Tally = Arc<Mutex<BTreeMap<String, u64>>>;

fn record(tally: &Tally, outcome: &str) {
    if let Ok(mut tally) = tally.lock() {
        *tally.entry(outcome.to_string()).or_insert(0) += 1;
    }
}

fn outcome<T>(result: &Result<T, tonic::Status>) -> String {
    match result {
        Ok(_) => "OK".to_string(),
        Err(status) => format!("{:?}", status.code()),
    }
}

async fn client_loop(address: String, until: Instant, client_index: usize, tally: Tally) {
    let Ok(mut client) = TextAnalyticsClient::connect(address).await else {
        record(&tally, "connect failed");
        return;
    };
    client = client.max_decoding_message_size(64 * 1024 * 1024);
    let mut step = client_index;
    while Instant::now() < until {
        step += 1;
        let timeout = Duration::from_secs(5);
        let label;
        let result = match step % 6 {
            0 | 1 => {
                label = "article";
                let mut call = tonic::Request::new(request(format!("a{step}"), ARTICLE.repeat(8), false));
                call.set_timeout(timeout);
                client.analyze(call).await.map(|_| ())
            }
            2 => {
                label = "batch";
                let requests = (0..10).map(|i| request(format!("b{i}"), ARTICLE.to_string(), false)).collect();
                let mut call = tonic::Request::new(pb::BatchAnalyzeRequest { requests });
                call.set_timeout(timeout);
                client.batch_analyze(call).await.map(|_| ())
            }
            3 => {
                label = "stream";
                let requests: Vec<_> = (0..5).map(|i| request(format!("s{i}"), ARTICLE.to_string(), false)).collect();
                let mut call = tonic::Request::new(tokio_stream::iter(requests));
                call.set_timeout(timeout);
                match client.analyze_stream(call).await {
                    Ok(answers) => {
                        let mut answers = answers.into_inner();
                        let mut last = Ok(());
                        while let Some(answer) = answers.message().await.transpose() {
                            last = answer.map(|_| ());
                        }
                        last
                    }
                    Err(status) => Err(status),
                }
            }
            4 => {
                label = "hostile";
                let mut call = tonic::Request::new(request(format!("h{step}"), hostile(step / 6), true));
                call.set_timeout(timeout);
                client.analyze(call).await.map(|_| ())
            }
            _ => {
                // Most of these are cancelled mid-analysis: the server measures how long its
                // worker goes on after the cancel.
                label = "hostile with a 50 ms deadline";
                let mut call = tonic::Request::new(request(format!("d{step}"), hostile(step / 6), true));
                call.set_timeout(Duration::from_millis(50));
                client.analyze(call).await.map(|_| ())
            }
        };
        record(&tally, &format!("{label} {}", outcome(&result)));
    }
}

/// Health checks every 20 ms until `until`; the time each answer took, sorted.
async fn health_probe(address: String, until: Instant) -> Vec<Duration> {
    let Ok(channel) = tonic::transport::Endpoint::from_shared(address) else { return Vec::new() };
    let Ok(channel) = channel.connect().await else { return Vec::new() };
    let mut health = tonic_health::pb::health_client::HealthClient::new(channel);
    let mut times = Vec::new();
    while Instant::now() < until {
        let started = Instant::now();
        let request = tonic_health::pb::HealthCheckRequest { service: String::new() };
        if health.check(request).await.is_ok() {
            times.push(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    times.sort();
    times
}

/// Niceness of the traffic's threads: above the server's analysis threads (5), so the load
/// generator never takes a core the server wanted.
const TRAFFIC_NICENESS: i32 = 10;

fn lower_priority() {
    // SAFETY: gettid and setpriority take plain integers; with PRIO_PROCESS and a thread id
    // they change that one thread's niceness.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, TRAFFIC_NICENESS);
    }
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let address = args.next().unwrap_or_else(|| "http://127.0.0.1:50051".to_string());
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(600);
    let clients: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(8);
    let until = Instant::now() + Duration::from_secs(seconds);
    let probe_address = address.clone();
    let probe = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("probe runtime");
        runtime.block_on(health_probe(probe_address, until))
    });
    let traffic = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .on_thread_start(lower_priority)
        .build()
        .expect("traffic runtime");
    let tally: Tally = Arc::default();
    traffic.block_on(async {
        let tasks: Vec<_> = (0..clients)
            .map(|index| tokio::spawn(client_loop(address.clone(), until, index, Arc::clone(&tally))))
            .collect();
        for task in tasks {
            let _ = task.await;
        }
    });
    let health_times = probe.join().unwrap_or_default();
    let counts = tally.lock().map(|tally| tally.clone()).unwrap_or_default();
    for (outcome, count) in &counts {
        println!("{outcome}: {count}");
    }
    println!(
        "health checks: {} answered, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        health_times.len(),
        percentile(&health_times, 0.5).as_secs_f64() * 1e3,
        percentile(&health_times, 0.99).as_secs_f64() * 1e3,
        percentile(&health_times, 1.0).as_secs_f64() * 1e3,
    );
}
