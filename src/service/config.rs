//! Settings of `textanalytics serve`: every one a flag with a `TEXTANALYTICS_*` environment
//! variable, and the same defaults for code that builds a server without a command line.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use crate::edge::request::DEFAULT_MAX_CONTENT_BYTES;

pub const DEFAULT_LISTEN: &str = "0.0.0.0:50051";
pub const DEFAULT_MAX_BATCH: usize = 100;
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 32 * 1024 * 1024;
pub const DEFAULT_ADMISSION_WAIT: Duration = Duration::ZERO;
pub const DEFAULT_STREAM_WINDOW: usize = 16;
pub const DEFAULT_MAX_CONCURRENT_STREAMS: u32 = 256;
pub const DEFAULT_DRAIN_DELAY: Duration = Duration::from_secs(5);
pub const DEFAULT_GRACE_PERIOD: Duration = Duration::from_secs(20);
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
pub const DEFAULT_MAX_DOCUMENT_TIME: Duration = Duration::from_secs(2);
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;
pub const DEFAULT_KEEPALIVE_INTERVAL: Duration = Duration::from_secs(30);
pub const DEFAULT_KEEPALIVE_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_MAX_CONNECTION_AGE_GRACE: Duration = Duration::from_secs(30);
pub const DEFAULT_REQUEST_IDLE_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_MAX_BUFFERED_REQUEST_BYTES: usize = 64 * 1024 * 1024;
pub const DEFAULT_CONNECTION_IDLE_TIMEOUT: Duration = Duration::from_secs(300);
/// `--compress-responses auto` compresses answers at least this large.
pub const AUTO_COMPRESS_BYTES: usize = 64 * 1024;

/// When answers are compressed (only ever with an encoding the caller accepts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum CompressResponses {
    /// Never.
    Never,
    /// When the request was compressed or the answer is at least 64 KiB.
    #[default]
    Auto,
    /// Whenever the caller accepts it.
    Always,
}

impl CompressResponses {
    /// Whether an answer of `encoded_len` bytes to a request (compressed or not) is compressed.
    pub fn compresses(self, request_compressed: bool, encoded_len: usize) -> bool {
        match self {
            CompressResponses::Never => false,
            CompressResponses::Auto => request_compressed || encoded_len >= AUTO_COMPRESS_BYTES,
            CompressResponses::Always => true,
        }
    }
}

/// A setting that cannot work, named by its flag.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{flag} {problem}")]
pub struct ConfigError {
    pub flag: &'static str,
    pub problem: &'static str,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// `textanalytics serve` flags.
#[derive(Clone, Debug, Args)]
pub struct ServeConfig {
    /// Address to listen on.
    #[arg(long, env = "TEXTANALYTICS_LISTEN", default_value = DEFAULT_LISTEN)]
    pub listen: SocketAddr,

    /// Largest `content` of one document, in UTF-8 bytes (larger: INVALID_ARGUMENT).
    #[arg(long, env = "TEXTANALYTICS_MAX_CONTENT_BYTES", default_value_t = DEFAULT_MAX_CONTENT_BYTES)]
    pub max_content_bytes: usize,

    /// Most requests in one BatchAnalyze call (more: INVALID_ARGUMENT).
    #[arg(long, env = "TEXTANALYTICS_MAX_BATCH", default_value_t = DEFAULT_MAX_BATCH)]
    pub max_batch: usize,

    /// Largest request message in bytes, after decompression (larger: RESOURCE_EXHAUSTED).
    #[arg(long, env = "TEXTANALYTICS_MAX_REQUEST_BYTES", default_value_t = DEFAULT_MAX_REQUEST_BYTES)]
    pub max_request_bytes: usize,

    /// Analysis worker threads [default: the number of CPU cores].
    #[arg(long, env = "TEXTANALYTICS_WORKERS")]
    pub workers: Option<usize>,

    /// Documents admitted at once across all calls, running or queued [default: the larger of
    /// --max-batch and 8 per worker]. Beyond it calls get RESOURCE_EXHAUSTED.
    #[arg(long, env = "TEXTANALYTICS_MAX_PENDING_DOCUMENTS")]
    pub max_pending_documents: Option<usize>,

    /// How long a call may wait for room in the pool before RESOURCE_EXHAUSTED (0: refused at
    /// once when the pool is full; e.g. 50ms).
    #[arg(long, env = "TEXTANALYTICS_ADMISSION_WAIT", default_value = "0s", value_parser = parse_duration)]
    pub admission_wait: Duration,

    /// Documents of one AnalyzeStream analysed at the same time; the stream reads no further
    /// requests until the oldest is answered.
    #[arg(long, env = "TEXTANALYTICS_STREAM_WINDOW", default_value_t = DEFAULT_STREAM_WINDOW)]
    pub stream_window: usize,

    /// Concurrent HTTP/2 streams (calls) per client connection.
    #[arg(long, env = "TEXTANALYTICS_MAX_CONCURRENT_STREAMS", default_value_t = DEFAULT_MAX_CONCURRENT_STREAMS)]
    pub max_concurrent_streams: u32,

    /// After SIGTERM/SIGINT: how long health reports NOT_SERVING while still accepting calls,
    /// so load balancers stop sending (e.g. 5s, 0).
    #[arg(long, env = "TEXTANALYTICS_DRAIN_DELAY", default_value = "5s", value_parser = parse_duration)]
    pub drain_delay: Duration,

    /// After the drain delay: how long in-flight calls may take to finish before they are
    /// cancelled (open streams included).
    #[arg(long, env = "TEXTANALYTICS_GRACE_PERIOD", default_value = "20s", value_parser = parse_duration)]
    pub grace_period: Duration,

    /// Largest encoded answer in bytes, before compression: a whole Analyze or BatchAnalyze
    /// response, or one stream message (larger: RESOURCE_EXHAUSTED; in a batch, the documents
    /// that no longer fit get a DocumentError).
    #[arg(long, env = "TEXTANALYTICS_MAX_RESPONSE_BYTES", default_value_t = DEFAULT_MAX_RESPONSE_BYTES)]
    pub max_response_bytes: usize,

    /// Analysis time one document may take on a worker (longer: RESOURCE_EXHAUSTED).
    #[arg(long, env = "TEXTANALYTICS_MAX_DOCUMENT_TIME", default_value = "2s", value_parser = parse_duration)]
    pub max_document_time: Duration,

    /// Client connections served at once; further ones wait in the listen backlog.
    #[arg(long, env = "TEXTANALYTICS_MAX_CONNECTIONS", default_value_t = DEFAULT_MAX_CONNECTIONS)]
    pub max_connections: usize,

    /// Interval of HTTP/2 keepalive pings on idle connections (0 = none).
    #[arg(long, env = "TEXTANALYTICS_KEEPALIVE_INTERVAL", default_value = "30s", value_parser = parse_duration)]
    pub keepalive_interval: Duration,

    /// How long a keepalive ping may go unanswered before the connection is closed.
    #[arg(long, env = "TEXTANALYTICS_KEEPALIVE_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub keepalive_timeout: Duration,

    /// Age after which a connection is asked to go away (GOAWAY), so clients rebalance
    /// (0 = never).
    #[arg(long, env = "TEXTANALYTICS_MAX_CONNECTION_AGE", default_value = "0", value_parser = parse_duration)]
    pub max_connection_age: Duration,

    /// After --max-connection-age: how long calls on the old connection may still finish.
    #[arg(long, env = "TEXTANALYTICS_MAX_CONNECTION_AGE_GRACE", default_value = "30s", value_parser = parse_duration)]
    pub max_connection_age_grace: Duration,

    /// How long the request body of a unary call may stall (no data at all) before the call
    /// ends with DEADLINE_EXCEEDED; for streams (AnalyzeStream, health Watch, reflection) how
    /// long the first message may take.
    #[arg(long, env = "TEXTANALYTICS_REQUEST_IDLE_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub request_idle_timeout: Duration,

    /// Request bytes the server buffers across all connections for messages still arriving;
    /// while more are held, new calls (health checks excepted) get RESOURCE_EXHAUSTED.
    #[arg(long, env = "TEXTANALYTICS_MAX_BUFFERED_REQUEST_BYTES", default_value_t = DEFAULT_MAX_BUFFERED_REQUEST_BYTES)]
    pub max_buffered_request_bytes: usize,

    /// How long a connection may stay open without any call before it is closed (0 = never).
    #[arg(long, env = "TEXTANALYTICS_CONNECTION_IDLE_TIMEOUT", default_value = "5m", value_parser = parse_duration)]
    pub connection_idle_timeout: Duration,

    /// When answers are compressed: never, auto (the request was compressed or the answer is
    /// at least 64 KiB), always (whenever the caller accepts it). Large answers are encoded and
    /// compressed off the async runtime's threads.
    #[arg(long, env = "TEXTANALYTICS_COMPRESS_RESPONSES", value_enum, default_value_t = CompressResponses::Auto)]
    pub compress_responses: CompressResponses,

    /// Log line format (logs go to stderr; RUST_LOG filters them).
    #[arg(long, env = "TEXTANALYTICS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Address of a separate listener serving Prometheus metrics at `GET /metrics`; off
    /// unless given.
    #[arg(long, env = "TEXTANALYTICS_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,

    /// OTLP/gRPC collector to export every call's span to (e.g. `http://localhost:4317`);
    /// off unless given.
    #[arg(long, env = "TEXTANALYTICS_OTLP_ENDPOINT")]
    pub otlp_endpoint: Option<String>,

    /// PEM certificate chain: serve TLS (with --tls-key).
    #[arg(long, env = "TEXTANALYTICS_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// PEM private key of --tls-cert.
    #[arg(long, env = "TEXTANALYTICS_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// PEM CA certificates: clients must present a certificate they signed (needs --tls-cert).
    #[arg(long, env = "TEXTANALYTICS_TLS_CLIENT_CA", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,

    /// File of bearer tokens, one per line: calls must send `authorization: Bearer <token>`
    /// (health stays open). Reloaded on SIGHUP.
    #[arg(long, env = "TEXTANALYTICS_AUTH_TOKEN_FILE")]
    pub auth_token_file: Option<PathBuf>,

    /// With --auth-token-file: reflection needs a token too.
    #[arg(long, env = "TEXTANALYTICS_AUTH_REFLECTION")]
    pub auth_reflection: bool,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            listen: SocketAddr::from(([0, 0, 0, 0], 50051)),
            max_content_bytes: DEFAULT_MAX_CONTENT_BYTES,
            max_batch: DEFAULT_MAX_BATCH,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            workers: None,
            max_pending_documents: None,
            admission_wait: DEFAULT_ADMISSION_WAIT,
            stream_window: DEFAULT_STREAM_WINDOW,
            max_concurrent_streams: DEFAULT_MAX_CONCURRENT_STREAMS,
            drain_delay: DEFAULT_DRAIN_DELAY,
            grace_period: DEFAULT_GRACE_PERIOD,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_document_time: DEFAULT_MAX_DOCUMENT_TIME,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            keepalive_interval: DEFAULT_KEEPALIVE_INTERVAL,
            keepalive_timeout: DEFAULT_KEEPALIVE_TIMEOUT,
            max_connection_age: Duration::ZERO,
            max_connection_age_grace: DEFAULT_MAX_CONNECTION_AGE_GRACE,
            request_idle_timeout: DEFAULT_REQUEST_IDLE_TIMEOUT,
            max_buffered_request_bytes: DEFAULT_MAX_BUFFERED_REQUEST_BYTES,
            connection_idle_timeout: DEFAULT_CONNECTION_IDLE_TIMEOUT,
            compress_responses: CompressResponses::Auto,
            log_format: LogFormat::Text,
            metrics_listen: None,
            otlp_endpoint: None,
            tls_cert: None,
            tls_key: None,
            tls_client_ca: None,
            auth_token_file: None,
            auth_reflection: false,
        }
    }
}

impl ServeConfig {
    /// Refuses settings with which the server could not answer at all.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let zero = |flag| Err(ConfigError { flag, problem: "must be greater than 0" });
        if self.max_concurrent_streams == 0 {
            // HTTP/2 would let no call open a stream, health checks included.
            return zero("--max-concurrent-streams");
        }
        if self.max_connections == 0 {
            return zero("--max-connections");
        }
        if self.max_response_bytes == 0 {
            return zero("--max-response-bytes");
        }
        if self.max_document_time.is_zero() {
            return zero("--max-document-time");
        }
        if self.max_content_bytes == 0 {
            return zero("--max-content-bytes");
        }
        if self.max_batch == 0 {
            return zero("--max-batch");
        }
        if self.request_idle_timeout.is_zero() {
            return zero("--request-idle-timeout");
        }
        if self.max_buffered_request_bytes < self.max_request_bytes {
            // One request as large as allowed could never be buffered.
            return Err(ConfigError { flag: "--max-buffered-request-bytes", problem: "must be at least --max-request-bytes" });
        }
        // clap enforces these pairs on the command line; a ServeConfig built in code is checked here.
        if self.tls_cert.is_some() != self.tls_key.is_some() {
            return Err(ConfigError { flag: "--tls-cert", problem: "needs --tls-key, and --tls-key needs --tls-cert" });
        }
        if self.tls_client_ca.is_some() && self.tls_cert.is_none() {
            return Err(ConfigError { flag: "--tls-client-ca", problem: "needs --tls-cert and --tls-key" });
        }
        Ok(())
    }

    pub fn worker_count(&self) -> usize {
        self.workers.filter(|&n| n > 0).unwrap_or_else(thread_count)
    }

    pub fn pending_capacity(&self) -> usize {
        self.max_pending_documents
            .filter(|&n| n > 0)
            .unwrap_or_else(|| self.max_batch.max(8 * self.worker_count()))
    }

    pub fn stream_window(&self) -> usize {
        self.stream_window.max(1)
    }
}

fn thread_count() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `250ms`, `5s`, `2m`, or a bare number of seconds.
pub fn parse_duration(raw: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    let split = raw
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(raw.len());
    let (number, unit) = raw.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{raw:?} is not a duration like 250ms, 5s or 2m"))?;
    let seconds = match unit.trim() {
        "ms" => value / 1000.0,
        "" | "s" => value,
        "m" => value * 60.0,
        other => {
            return Err(format!(
                "unknown duration unit {other:?} in {raw:?}; use ms, s or m"
            ))
        }
    };
    Duration::try_from_secs_f64(seconds).map_err(|e| format!("{raw:?}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        serve: ServeConfig,
    }

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5h").is_err());
    }

    #[test]
    fn flags_override_defaults() {
        let cli = Cli::try_parse_from([
            "serve",
            "--max-batch",
            "7",
            "--drain-delay",
            "0",
            "--log-format",
            "json",
        ])
        .unwrap();
        assert_eq!(cli.serve.max_batch, 7);
        assert_eq!(cli.serve.drain_delay, Duration::ZERO);
        assert_eq!(cli.serve.log_format, LogFormat::Json);
    }

    #[test]
    fn settings_that_cannot_work_are_refused_naming_the_flag() {
        let cli = Cli::try_parse_from(["serve", "--max-concurrent-streams", "0"]).unwrap();
        let error = cli.serve.validate().unwrap_err();
        assert_eq!(error.to_string(), "--max-concurrent-streams must be greater than 0");
        assert!(ServeConfig::default().validate().is_ok());
        let no_time = ServeConfig { max_document_time: Duration::ZERO, ..ServeConfig::default() };
        assert_eq!(no_time.validate().unwrap_err().flag, "--max-document-time");
        let cli = Cli::try_parse_from(["serve", "--max-buffered-request-bytes", "1000"]).unwrap();
        assert_eq!(cli.serve.validate().unwrap_err().to_string(), "--max-buffered-request-bytes must be at least --max-request-bytes");
        let cli = Cli::try_parse_from(["serve", "--connection-idle-timeout", "0"]).unwrap();
        assert!(cli.serve.validate().is_ok(), "0 turns the idle timeout off");
    }

    #[test]
    fn auto_compression_follows_the_request_and_the_size() {
        let auto = CompressResponses::Auto;
        assert!(!auto.compresses(false, 1000));
        assert!(auto.compresses(true, 1000));
        assert!(auto.compresses(false, AUTO_COMPRESS_BYTES));
        assert!(auto.compresses(false, 16 * 1024 * 1024));
        assert!(!CompressResponses::Never.compresses(true, usize::MAX));
        assert!(CompressResponses::Always.compresses(false, 1));
    }

    #[test]
    fn capacity_covers_a_full_batch() {
        let config = ServeConfig {
            workers: Some(2),
            ..ServeConfig::default()
        };
        assert_eq!(config.worker_count(), 2);
        assert_eq!(config.pending_capacity(), DEFAULT_MAX_BATCH);
        let config = ServeConfig {
            workers: Some(32),
            ..ServeConfig::default()
        };
        assert_eq!(config.pending_capacity(), 256);
    }
}
