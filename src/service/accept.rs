//! The accept loop: every accepted socket gets TCP_NODELAY (tonic's own setting does not apply
//! to an incoming stream of our making), at most `--max-connections` are served at once, and
//! accept errors (out of descriptors, above all) are logged at warn and backed off instead of
//! retried in a tight loop that would starve the runtime.
//!
//! A connection holds its permit until its socket is dropped; while none is free the loop
//! stops accepting and further clients wait in the kernel's listen backlog.
//!
//! A connection with no call open for `--connection-idle-timeout` is closed (the socket reads
//! as timed out, so hyper drops it): an idle or half-opened socket cannot hold a permit and
//! its buffers for ever. Calls are counted by the call layer through [`ConnectionInfo`], which
//! tonic puts in every request's extensions.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::stream::{self, Stream};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tonic::transport::server::{Connected, TcpConnectInfo};

/// First pause after an accept error; it doubles on each further error up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(5);
const MAX_BACKOFF: Duration = Duration::from_secs(1);

/// An accepted socket and its share of `--max-connections`.
pub struct Connection {
    stream: TcpStream,
    _permit: OwnedSemaphorePermit,
    activity: Arc<Activity>,
    idle_timeout: Duration,
    /// Wakes the reading side when the connection may have become idle for too long.
    idle_timer: Pin<Box<tokio::time::Sleep>>,
}

/// The calls open on one connection, and since when it has had none.
#[derive(Debug)]
pub struct Activity {
    opened: tokio::time::Instant,
    open_calls: AtomicUsize,
    /// Milliseconds after `opened` when the last call ended (0: none has yet).
    idle_since_ms: AtomicU64,
}

impl Activity {
    fn new() -> Activity {
        Activity { opened: tokio::time::Instant::now(), open_calls: AtomicUsize::new(0), idle_since_ms: AtomicU64::new(0) }
    }

    /// Counts a call until the returned guard is dropped.
    pub fn call_opened(self: &Arc<Self>) -> OpenCall {
        self.open_calls.fetch_add(1, Ordering::Relaxed);
        OpenCall(Arc::clone(self))
    }

    /// When the connection counts as idle for `timeout`, if no call is open.
    fn idle_deadline(&self, timeout: Duration) -> Option<tokio::time::Instant> {
        if self.open_calls.load(Ordering::Relaxed) > 0 {
            return None;
        }
        let since = Duration::from_millis(self.idle_since_ms.load(Ordering::Relaxed));
        Some(self.opened + since + timeout)
    }
}

/// One open call of a connection; dropped when the call's response is over.
#[derive(Debug)]
pub struct OpenCall(Arc<Activity>);

impl Drop for OpenCall {
    fn drop(&mut self) {
        let activity = &self.0;
        let since = u64::try_from(activity.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        activity.idle_since_ms.store(since, Ordering::Relaxed);
        activity.open_calls.fetch_sub(1, Ordering::Relaxed);
    }
}

/// What tonic attaches to each request of a connection: the peer's addresses (as tonic's own
/// [`TcpConnectInfo`]) and the connection's call count.
#[derive(Clone, Debug)]
pub struct ConnectionInfo {
    pub tcp: TcpConnectInfo,
    pub activity: Arc<Activity>,
}

struct Acceptor {
    listener: TcpListener,
    permits: Arc<Semaphore>,
    max_connections: usize,
    idle_timeout: Duration,
    backoff: Duration,
    /// The limit was reached and said so; said again only after it frees up.
    warned_full: bool,
}

/// The connections accepted on `listener`, at most `max_connections` open at once, each closed
/// after `idle_timeout` without a call. Never yields an error: tonic would stop serving on one.
pub fn incoming(
    listener: TcpListener,
    max_connections: usize,
    idle_timeout: Duration,
) -> impl Stream<Item = Result<Connection, io::Error>> {
    let acceptor = Acceptor {
        listener,
        permits: Arc::new(Semaphore::new(max_connections.max(1))),
        max_connections,
        idle_timeout,
        backoff: FIRST_BACKOFF,
        warned_full: false,
    };
    stream::unfold(acceptor, |mut acceptor| async move {
        let connection = acceptor.next().await;
        Some((Ok(connection), acceptor))
    })
}

impl Acceptor {
    async fn next(&mut self) -> Connection {
        loop {
            let permit = self.permit().await;
            match self.listener.accept().await {
                Ok((stream, _)) => {
                    self.backoff = FIRST_BACKOFF;
                    // Without it small answers wait for the peer's delayed ACK (Nagle).
                    if let Err(error) = stream.set_nodelay(true) {
                        tracing::warn!(%error, "could not set TCP_NODELAY on an accepted connection");
                    }
                    return Connection {
                        stream,
                        _permit: permit,
                        activity: Arc::new(Activity::new()),
                        idle_timeout: self.idle_timeout,
                        idle_timer: Box::pin(tokio::time::sleep(self.idle_timeout)),
                    };
                }
                Err(error) => {
                    tracing::warn!(%error, backoff_ms = self.backoff.as_millis() as u64, "accepting a connection failed; pausing");
                    drop(permit);
                    tokio::time::sleep(self.backoff).await;
                    self.backoff = (self.backoff * 2).min(MAX_BACKOFF);
                }
            }
        }
    }

    async fn permit(&mut self) -> OwnedSemaphorePermit {
        if let Ok(permit) = Arc::clone(&self.permits).try_acquire_owned() {
            self.warned_full = false;
            return permit;
        }
        if !self.warned_full {
            self.warned_full = true;
            tracing::warn!(max_connections = self.max_connections, "connection limit reached (--max-connections); new clients wait");
        }
        // The semaphore is never closed, so acquiring only ever waits.
        loop {
            if let Ok(permit) = Arc::clone(&self.permits).acquire_owned().await {
                return permit;
            }
        }
    }
}

impl Connected for Connection {
    type ConnectInfo = ConnectionInfo;

    fn connect_info(&self) -> Self::ConnectInfo {
        ConnectionInfo { tcp: self.stream.connect_info(), activity: Arc::clone(&self.activity) }
    }
}

impl Connection {
    /// Whether the connection has been without calls for the idle timeout. Keeps the timer
    /// armed so the reading side is woken to look again: at the idle deadline when no call is
    /// open, one timeout from now while calls are (the last one may end without a read).
    fn idle_for_too_long(&mut self, cx: &mut Context<'_>) -> bool {
        if self.idle_timeout.is_zero() {
            return false;
        }
        let now = tokio::time::Instant::now();
        let wake_at = match self.activity.idle_deadline(self.idle_timeout) {
            Some(deadline) if deadline <= now => return true,
            Some(deadline) => deadline,
            None if self.idle_timer.deadline() <= now => now + self.idle_timeout,
            None => self.idle_timer.deadline(),
        };
        if self.idle_timer.deadline() != wake_at {
            self.idle_timer.as_mut().reset(wake_at);
        }
        // Registers the waker; when it has already fired, the next read looks again.
        if self.idle_timer.as_mut().poll(cx).is_ready() {
            cx.waker().wake_by_ref();
        }
        false
    }
}

impl AsyncRead for Connection {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        if self.idle_for_too_long(cx) {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "no call on this connection within --connection-idle-timeout",
            )));
        }
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Connection {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}
