//! Bearer-token authentication (`--auth-token-file`): a tower layer that lets a call through
//! only with `authorization: Bearer <token>` naming one of the file's tokens.
//!
//! - The file holds one token per line; blank lines and `#` comments are skipped. It is read at
//!   start (a missing or empty file is a start-up error naming the flag) and again on SIGHUP; a
//!   reload that fails keeps the tokens in force and logs why.
//! - Tokens are compared in constant time against every token, so timing tells nothing of
//!   how much of a guess was right or which token it was near.
//! - Health (gRPC and `/healthz`) stays open, so probes need no secret; reflection is open
//!   unless `--auth-reflection`.
//! - A refusal is `UNAUTHENTICATED` (HTTP 401 for the JSON gateway) and names nothing secret.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};

use futures_util::future::BoxFuture;
use subtle::ConstantTimeEq;
use tonic::body::Body;
use tonic::Status;

use super::gateway;

const HEALTH_PREFIX: &str = "/grpc.health.v1.Health/";
const REFLECTION_PREFIX: &str = "/grpc.reflection.";
const GATEWAY_HEALTH: &str = "/healthz";

#[derive(Debug, thiserror::Error)]
pub enum TokenFileError {
    #[error("--auth-token-file {path}: {source}")]
    Unreadable { path: String, source: std::io::Error },
    #[error("--auth-token-file {path}: the file holds no token")]
    Empty { path: String },
}

/// The accepted tokens, replaced whole on reload.
#[derive(Clone)]
pub struct Tokens {
    path: PathBuf,
    current: Arc<RwLock<Arc<Vec<Vec<u8>>>>>,
}

impl Tokens {
    pub fn load(path: &Path) -> Result<Tokens, TokenFileError> {
        let tokens = read_tokens(path)?;
        Ok(Tokens { path: path.to_path_buf(), current: Arc::new(RwLock::new(Arc::new(tokens))) })
    }

    /// Reads the file again; on failure the tokens in force stay.
    pub fn reload(&self) -> Result<usize, TokenFileError> {
        let tokens = read_tokens(&self.path)?;
        let count = tokens.len();
        if let Ok(mut current) = self.current.write() {
            *current = Arc::new(tokens);
        }
        Ok(count)
    }

    fn accepts(&self, presented: &[u8]) -> bool {
        let tokens = match self.current.read() {
            Ok(tokens) => Arc::clone(&tokens),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        };
        // Every token is compared, whatever matched: no early exit to time.
        tokens.iter().fold(subtle::Choice::from(0), |found, token| found | token.as_slice().ct_eq(presented)).into()
    }
}

fn read_tokens(path: &Path) -> Result<Vec<Vec<u8>>, TokenFileError> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| TokenFileError::Unreadable { path: path.display().to_string(), source })?;
    let tokens: Vec<Vec<u8>> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.as_bytes().to_vec())
        .collect();
    if tokens.is_empty() {
        return Err(TokenFileError::Empty { path: path.display().to_string() });
    }
    Ok(tokens)
}

/// Reloads `tokens` on every SIGHUP for as long as the task runs.
#[cfg(unix)]
pub async fn reload_on_hangup(tokens: Tokens) {
    let Ok(mut hangups) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()) else {
        tracing::warn!("cannot listen for SIGHUP: tokens will not be reloaded");
        return;
    };
    while hangups.recv().await.is_some() {
        match tokens.reload() {
            Ok(count) => tracing::info!(tokens = count, "auth tokens reloaded"),
            Err(error) => tracing::warn!(%error, "auth tokens not reloaded; the previous ones stay"),
        }
    }
}

/// Without tokens (no `--auth-token-file`) every call passes.
#[derive(Clone)]
pub struct AuthLayer {
    tokens: Option<Tokens>,
    protect_reflection: bool,
}

impl AuthLayer {
    pub fn new(tokens: Option<Tokens>, protect_reflection: bool) -> Self {
        AuthLayer { tokens, protect_reflection }
    }
}

impl<S> tower::Layer<S> for AuthLayer {
    type Service = Auth<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Auth { inner, layer: self.clone() }
    }
}

#[derive(Clone)]
pub struct Auth<S> {
    inner: S,
    layer: AuthLayer,
}

impl<S> tower::Service<http::Request<Body>> for Auth<S>
where
    S: tower::Service<http::Request<Body>, Response = http::Response<Body>, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<http::Response<Body>, Infallible>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        if self.layer.tokens.is_none() || self.layer.is_open(request.uri().path()) || self.layer.presents_a_token(&request) {
            return Box::pin(self.inner.call(request));
        }
        let refusal = Status::unauthenticated("a valid bearer token is required (authorization: Bearer <token>)");
        let answer = if gateway::is_grpc(&request) { refusal.into_http() } else { gateway::error(&refusal) };
        Box::pin(async move { Ok(answer) })
    }
}

impl AuthLayer {
    fn is_open(&self, path: &str) -> bool {
        path.starts_with(HEALTH_PREFIX)
            || path == GATEWAY_HEALTH
            || (!self.protect_reflection && path.starts_with(REFLECTION_PREFIX))
    }

    fn presents_a_token<B>(&self, request: &http::Request<B>) -> bool {
        let Some(tokens) = &self.tokens else {
            return true;
        };
        request
            .headers()
            .get(http::header::AUTHORIZATION)
            .and_then(|value| value.as_bytes().strip_prefix(b"Bearer "))
            .is_some_and(|token| tokens.accepts(token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(contents: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!("textanalytics-tokens-{}-{}", std::process::id(), contents.len()));
        std::fs::write(&path, contents).expect("write the token file");
        path
    }

    #[test]
    fn tokens_are_lines_without_comments_and_reload_replaces_them() {
        let path = file("# callers\nalpha-123\n\n  beta-456  \n");
        let tokens = Tokens::load(&path).expect("tokens");
        assert!(tokens.accepts(b"alpha-123") && tokens.accepts(b"beta-456"));
        assert!(!tokens.accepts(b"alpha-12") && !tokens.accepts(b"alpha-1234") && !tokens.accepts(b""));
        std::fs::write(&path, "gamma-789\n").expect("rewrite");
        assert_eq!(tokens.reload().expect("reloaded"), 1);
        assert!(tokens.accepts(b"gamma-789") && !tokens.accepts(b"alpha-123"));
        std::fs::write(&path, "# nothing\n").expect("rewrite");
        assert!(matches!(tokens.reload(), Err(TokenFileError::Empty { .. })));
        assert!(tokens.accepts(b"gamma-789"), "a failed reload keeps the tokens in force");
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn a_missing_file_names_the_flag() {
        let error = Tokens::load(Path::new("/no/such/tokens")).err().expect("an error");
        assert!(error.to_string().starts_with("--auth-token-file /no/such/tokens"), "{error}");
    }

    #[test]
    fn health_is_open_and_reflection_only_by_default() {
        let tokens = Tokens { path: PathBuf::new(), current: Arc::new(RwLock::new(Arc::new(vec![b"t".to_vec()]))) };
        let open = AuthLayer::new(Some(tokens.clone()), false);
        assert!(open.is_open("/grpc.health.v1.Health/Check") && open.is_open("/healthz"));
        assert!(open.is_open("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"));
        assert!(!open.is_open("/textanalytics.v1.TextAnalytics/Analyze") && !open.is_open("/v1/analyze"));
        assert!(!AuthLayer::new(Some(tokens), true).is_open("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"));
    }
}
