//! `textanalytics healthcheck`: one gRPC health check against a running server, for Docker's
//! `HEALTHCHECK` and Kubernetes exec probes, where no grpcurl is installed. Exits 0 when the
//! server (or the named service) says SERVING, 1 otherwise, with the reason on stderr.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

use crate::service::config::parse_duration;

#[derive(Clone, Debug, Args)]
pub struct HealthcheckArgs {
    /// The server to ask: `host:port` or a URL (`http://host:port`).
    #[arg(long, env = "TEXTANALYTICS_HEALTHCHECK_ADDR", default_value = "127.0.0.1:50051")]
    pub addr: String,

    /// The service to ask about (e.g. `textanalytics.v1.TextAnalytics`); empty for the server.
    #[arg(long, default_value = "")]
    pub service: String,

    /// How long to wait for the answer, connection included.
    #[arg(long, default_value = "2s", value_parser = parse_duration)]
    pub timeout: Duration,

    /// PEM CA certificate to verify the server's TLS certificate with: speaks TLS.
    #[arg(long, env = "TEXTANALYTICS_HEALTHCHECK_TLS_CA")]
    pub tls_ca: Option<std::path::PathBuf>,

    /// The name the server's certificate must carry (default: the host of --addr).
    #[arg(long, requires = "tls_ca")]
    pub tls_domain: Option<String>,
}

pub fn run(args: HealthcheckArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => return unhealthy(&format!("cannot start the async runtime: {error}")),
    };
    match runtime.block_on(check(&args)) {
        Ok(ServingStatus::Serving) => {
            println!("SERVING");
            ExitCode::SUCCESS
        }
        Ok(status) => unhealthy(status.as_str_name()),
        Err(reason) => unhealthy(&reason),
    }
}

async fn check(args: &HealthcheckArgs) -> Result<ServingStatus, String> {
    let scheme = if args.tls_ca.is_some() { "https" } else { "http" };
    let url = if args.addr.contains("://") { args.addr.clone() } else { format!("{scheme}://{}", args.addr) };
    let mut endpoint = tonic::transport::Endpoint::from_shared(url.clone())
        .map_err(|error| format!("--addr {url:?} is not an address: {error}"))?
        .connect_timeout(args.timeout)
        .timeout(args.timeout);
    if let Some(ca) = &args.tls_ca {
        let pem = std::fs::read(ca).map_err(|error| format!("--tls-ca {}: {error}", ca.display()))?;
        let mut tls = tonic::transport::ClientTlsConfig::new().ca_certificate(tonic::transport::Certificate::from_pem(pem));
        if let Some(domain) = &args.tls_domain {
            tls = tls.domain_name(domain.clone());
        }
        endpoint = endpoint.tls_config(tls).map_err(|error| format!("TLS settings: {error}"))?;
    }
    let call = async {
        let channel = endpoint.connect().await.map_err(|error| format!("cannot connect to {url}: {error}"))?;
        let answer = HealthClient::new(channel)
            .check(HealthCheckRequest { service: args.service.clone() })
            .await
            .map_err(|status| format!("{:?}: {}", status.code(), status.message()))?;
        Ok(answer.into_inner().status())
    };
    tokio::time::timeout(args.timeout, call).await.map_err(|_| format!("no answer from {url} within {:?}", args.timeout))?
}

fn unhealthy(reason: &str) -> ExitCode {
    eprintln!("textanalytics healthcheck: {reason}");
    ExitCode::FAILURE
}
