//! Assembles and runs the server: the TextAnalytics service, health and reflection (v1 and
//! v1alpha, covering every service including health), compression, limits, the call layer,
//! readiness after warm-up, and the shutdown sequence.
//!
//! Shutdown: health turns NOT_SERVING, the drain delay passes (balancers stop sending), the
//! listener closes, in-flight calls get the grace period, then whatever is left is cancelled.
//! `serve_with_incoming_shutdown` alone would wait forever on an open bidirectional stream,
//! hence the explicit cancellation and a last bounded wait.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tonic::codec::CompressionEncoding;
use tonic::transport::{Certificate, Identity, ServerTlsConfig};
use tonic_health::server::{HealthReporter, HealthService};
use tonic_health::ServingStatus;

use super::auth::{self, AuthLayer, TokenFileError, Tokens};
use super::gateway::GatewayLayer;
use super::metrics;
use super::accept;
use super::api::{ServiceState, ShutdownPhases, TextAnalyticsService};
use super::budget::RequestBudget;
use super::call::CallLayer;
use super::config::{ConfigError, ServeConfig};
use super::pool::Pool;
use crate::analysis::{self, AnalysisOptions, CancelFlag, ContentFormat, FeatureSet, Language};
use crate::proto::v1::text_analytics_server::TextAnalyticsServer;
use crate::proto::FILE_DESCRIPTOR_SET;

/// How long connections get to flush the answers of cancelled calls before they are dropped.
const FINAL_FLUSH: Duration = Duration::from_secs(1);

/// The health service name clients check for the analysis service.
pub const SERVICE_NAME: &str = "textanalytics.v1.TextAnalytics";

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("invalid setting: {0}")]
    Config(#[from] ConfigError),
    #[error("could not start the analysis workers: {0}")]
    Workers(#[from] std::io::Error),
    #[error("could not build server reflection: {0}")]
    Reflection(#[from] tonic_reflection::server::Error),
    #[error("the server failed: {0}")]
    Transport(#[from] tonic::transport::Error),
    #[error("the server task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("{flag} {path}: {problem}")]
    Tls { flag: &'static str, path: String, problem: String },
    #[error("{0}")]
    Auth(#[from] TokenFileError),
}

/// A running server; [`RunningServer::shutdown`] starts the same sequence as SIGTERM.
pub struct RunningServer {
    local_addr: SocketAddr,
    metrics_addr: Option<SocketAddr>,
    begin_shutdown: CancellationToken,
    task: JoinHandle<Result<(), ServerError>>,
}

impl RunningServer {
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Where `GET /metrics` is served, when `--metrics-listen` was given.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_addr
    }

    /// Starts the shutdown sequence (idempotent).
    pub fn shutdown(&self) {
        self.begin_shutdown.cancel();
    }

    /// Waits until the server has stopped.
    pub async fn wait(self) -> Result<(), ServerError> {
        self.task.await?
    }
}

/// Serves on `listener` until [`RunningServer::shutdown`]. Health reports NOT_SERVING until
/// the embedded tables are built.
pub async fn start(
    config: ServeConfig,
    listener: TcpListener,
) -> Result<RunningServer, ServerError> {
    config.validate()?;
    super::memory::configure();
    let local_addr = listener.local_addr()?;
    let metrics_addr = match config.metrics_listen {
        Some(address) => {
            let metrics_listener = metrics::bind(address).await?;
            let bound = metrics_listener.local_addr()?;
            tokio::spawn(metrics::serve(metrics_listener));
            tracing::info!(address = %bound, "metrics listening");
            Some(bound)
        }
        None => None,
    };
    let pool = Pool::new(
        config.worker_count(),
        config.pending_capacity(),
        config.admission_wait,
    )?;
    let phases = ShutdownPhases::default();
    let state = Arc::new(ServiceState::new(&config, pool, phases.clone()));

    let (health, health_service) = tonic_health::server::health_reporter();
    set_health(&health, ServingStatus::NotServing).await;

    let reflection_v1 = reflection().build_v1()?;
    let reflection_v1alpha = reflection().build_v1alpha()?;

    let analytics = TextAnalyticsServer::new(TextAnalyticsService::new(Arc::clone(&state)))
        .max_decoding_message_size(config.max_request_bytes)
        .max_encoding_message_size(usize::MAX)
        .accept_compressed(CompressionEncoding::Gzip)
        .accept_compressed(CompressionEncoding::Zstd)
        .send_compressed(CompressionEncoding::Gzip)
        .send_compressed(CompressionEncoding::Zstd);
    let health_service = health_service
        .accept_compressed(CompressionEncoding::Gzip)
        .accept_compressed(CompressionEncoding::Zstd)
        .send_compressed(CompressionEncoding::Gzip)
        .send_compressed(CompressionEncoding::Zstd);

    let mut builder = tonic::transport::Server::builder()
        .max_concurrent_streams(Some(config.max_concurrent_streams))
        .http2_keepalive_interval(Some(config.keepalive_interval).filter(|d| !d.is_zero()))
        .http2_keepalive_timeout(Some(config.keepalive_timeout));
    if !config.max_connection_age.is_zero() {
        builder = builder
            .max_connection_age(config.max_connection_age)
            .max_connection_age_grace(config.max_connection_age_grace);
    }
    // Outermost first: the call log and deadline cover every call, gateway calls included; the
    // gateway answers its own HTTP paths and passes gRPC on; gRPC-Web is translated to gRPC.
    let gateway = GatewayLayer::new(
        TextAnalyticsService::new(Arc::clone(&state)),
        HealthService::from_health_reporter(health.clone()),
        config.max_request_bytes,
    );
    if let Some(tls) = tls_config(&config)? {
        builder = builder.tls_config(tls)?;
    }
    let tokens = config.auth_token_file.as_deref().map(Tokens::load).transpose()?;
    #[cfg(unix)]
    if let Some(tokens) = &tokens {
        tokio::spawn(auth::reload_on_hangup(tokens.clone()));
    }
    let router = builder
        .accept_http1(true)
        .layer(CallLayer::new(
            config.max_request_bytes,
            config.request_idle_timeout,
            phases.cancel_calls.clone(),
            RequestBudget::new(config.max_buffered_request_bytes),
        ))
        .layer(AuthLayer::new(tokens, config.auth_reflection))
        .layer(gateway)
        .layer(tonic_web::GrpcWebLayer::new())
        .add_service(analytics)
        .add_service(health_service)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha);

    let begin_shutdown = CancellationToken::new();
    let serve = router.serve_with_incoming_shutdown(
        accept::incoming(listener, config.max_connections, config.connection_idle_timeout),
        phases.stop_accepting.clone().cancelled_owned(),
    );
    let lifecycle = Lifecycle {
        config,
        health,
        phases,
        begin_shutdown: begin_shutdown.clone(),
    };
    let task = tokio::spawn(lifecycle.run(serve, state));
    Ok(RunningServer {
        local_addr,
        metrics_addr,
        begin_shutdown,
        task,
    })
}

struct Lifecycle {
    config: ServeConfig,
    health: HealthReporter,
    phases: ShutdownPhases,
    begin_shutdown: CancellationToken,
}

impl Lifecycle {
    async fn run(
        self,
        serve: impl std::future::Future<Output = Result<(), tonic::transport::Error>>,
        state: Arc<ServiceState>,
    ) -> Result<(), ServerError> {
        tokio::pin!(serve);
        let sequence = async {
            self.warm_up(&state).await;
            self.begin_shutdown.cancelled().await;
            tracing::info!(
                drain_delay_ms = self.config.drain_delay.as_millis() as u64,
                "shutting down: draining"
            );
            set_health(&self.health, ServingStatus::NotServing).await;
            tokio::time::sleep(self.config.drain_delay).await;
            tracing::info!(
                grace_period_ms = self.config.grace_period.as_millis() as u64,
                "no longer accepting connections"
            );
            self.phases.stop_accepting.cancel();
            tokio::time::sleep(self.config.grace_period).await;
            tracing::warn!("grace period over: cancelling the calls still running");
            self.phases.cancel_calls.cancel();
        };
        tokio::select! {
            result = &mut serve => return finish(result),
            () = sequence => {}
        }
        match tokio::time::timeout(FINAL_FLUSH, &mut serve).await {
            Ok(result) => finish(result),
            Err(_) => {
                tracing::warn!("connections still open after cancellation; closing them");
                Ok(())
            }
        }
    }

    /// Builds every embedded table (by analysing a sample with every feature) before health
    /// says SERVING, so the first real request pays no start-up cost.
    async fn warm_up(&self, state: &ServiceState) {
        let started = std::time::Instant::now();
        let (done, finished) = tokio::sync::oneshot::channel();
        if let Ok(mut admission) = state.pool.admit(1).await {
            if let Some(permit) = admission.take_one() {
                let _ = state.pool.execute(permit, move || {
                    let _ = done.send(std::panic::catch_unwind(warm_up_tables).is_ok());
                });
            }
        }
        match finished.await {
            Ok(true) => tracing::info!(
                warm_up_ms = started.elapsed().as_millis() as u64,
                workers = state.pool.workers(),
                "tables built; serving"
            ),
            _ => tracing::error!("warm-up analysis failed; serving anyway"),
        }
        set_health(&self.health, ServingStatus::Serving).await;
    }
}

/// The TLS settings the flags ask for: the server's certificate and key, and the CA that
/// client certificates must chain to.
fn tls_config(config: &ServeConfig) -> Result<Option<ServerTlsConfig>, ServerError> {
    let (Some(cert), Some(key)) = (&config.tls_cert, &config.tls_key) else {
        return Ok(None);
    };
    let read = |flag: &'static str, path: &std::path::Path| {
        std::fs::read(path).map_err(|error| ServerError::Tls { flag, path: path.display().to_string(), problem: error.to_string() })
    };
    let mut tls = ServerTlsConfig::new().identity(Identity::from_pem(read("--tls-cert", cert)?, read("--tls-key", key)?));
    if let Some(ca) = &config.tls_client_ca {
        tls = tls.client_ca_root(Certificate::from_pem(read("--tls-client-ca", ca)?));
    }
    Ok(Some(tls))
}

fn finish(result: Result<(), tonic::transport::Error>) -> Result<(), ServerError> {
    tracing::info!("server stopped");
    result.map_err(ServerError::from)
}

/// Reflection covering every service served: each version lists both reflection versions
/// (by default each would list only itself) besides the analysis and health services.
fn reflection() -> tonic_reflection::server::Builder<'static> {
    tonic_reflection::server::Builder::configure()
        .include_reflection_service(false)
        .register_encoded_file_descriptor_set(FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_reflection::pb::v1::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_reflection::pb::v1alpha::FILE_DESCRIPTOR_SET)
}

async fn set_health(health: &HealthReporter, status: ServingStatus) {
    health.set_service_status("", status).await;
    health.set_service_status(SERVICE_NAME, status).await;
}

/// A short article in plain text and in HTML through every analysis, then a line in each
/// language of the registry (keyword extraction's per-language tables are built on first use).
fn warm_up_tables() {
    const SAMPLE: &str = "date 2024-03-01\n\nThe city council of Riverton approved a new budget on Tuesday. \
        \"This is a good day for our schools,\" said Mayor Elena Park, though critics were not convinced.";
    const SAMPLE_HTML: &str = "<p>The harbour reopened after the storm, officials said.</p>\
        <p>Read more at <a href=\"https://news.example.com/tag/harbour\">harbour news</a>.</p>";
    for (content, format) in [
        (SAMPLE, ContentFormat::PlainText),
        (SAMPLE_HTML, ContentFormat::Html),
    ] {
        let options = AnalysisOptions {
            format,
            features: FeatureSet::all(),
            ..AnalysisOptions::default()
        };
        let _ = analysis::analyze(content.to_string(), &options, &CancelFlag::new());
    }
    for language in Language::ALL {
        if let Ok(options) =
            AnalysisOptions::parse(ContentFormat::PlainText, "", language.code(), FeatureSet::all(), 0)
        {
            let _ = analysis::analyze(SAMPLE.to_string(), &options, &CancelFlag::new());
        }
    }
}
