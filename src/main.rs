//! The `textanalytics` command: `serve` runs the gRPC server, `analyze` answers offline,
//! `healthcheck` probes a running server.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use textanalytics::service::{self, ServeConfig};

#[derive(Parser)]
#[command(name = "textanalytics", version = textanalytics::version::ANALYZER_VERSION, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the gRPC server (textanalytics.v1.TextAnalytics, health, reflection).
    Serve(ServeConfig),
    /// Analyse a document offline and print the answer as proto3 JSON (as grpcurl shows it).
    Analyze(textanalytics::cli::analyze::AnalyzeArgs),
    /// Ask a running server whether it is serving (gRPC health); exit 0 if so, 1 if not.
    Healthcheck(textanalytics::cli::healthcheck::HealthcheckArgs),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Serve(config) => serve(config),
        Command::Analyze(args) => textanalytics::cli::analyze::run(args),
        Command::Healthcheck(args) => textanalytics::cli::healthcheck::run(args),
    }
}

fn serve(config: ServeConfig) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("textanalytics: could not start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    // The OTLP exporter runs on the runtime, so logging starts inside it.
    let entered = runtime.enter();
    if let Err(error) = service::logging::init(config.log_format, config.otlp_endpoint.as_deref()) {
        eprintln!("textanalytics: {error}");
        return ExitCode::FAILURE;
    }
    drop(entered);
    let outcome = runtime.block_on(run(config));
    service::logging::flush();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "server failed");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: ServeConfig) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let server = service::start(config, listener).await?;
    tracing::info!(address = %server.local_addr(), version = textanalytics::version::ANALYZER_VERSION, "listening");
    wait_for_signal().await?;
    server.shutdown();
    server.wait().await?;
    Ok(())
}

/// SIGINT (Ctrl-C) or, on Unix, SIGTERM.
async fn wait_for_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result?,
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    tokio::signal::ctrl_c().await?;
    tracing::info!("shutdown signal received");
    Ok(())
}
