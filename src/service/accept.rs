//! The accept loop: every accepted socket gets TCP_NODELAY (tonic's own setting does not apply
//! to an incoming stream of our making), at most `--max-connections` are served at once, and
//! accept errors (out of descriptors, above all) are logged at warn and backed off instead of
//! retried in a tight loop that would starve the runtime.
//!
//! A connection holds its permit until its socket is dropped; while none is free the loop
//! stops accepting and further clients wait in the kernel's listen backlog.

use std::io;
use std::pin::Pin;
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
}

struct Acceptor {
    listener: TcpListener,
    permits: Arc<Semaphore>,
    max_connections: usize,
    backoff: Duration,
    /// The limit was reached and said so; said again only after it frees up.
    warned_full: bool,
}

/// The connections accepted on `listener`, at most `max_connections` open at once. Never
/// yields an error: tonic would stop serving on one.
pub fn incoming(listener: TcpListener, max_connections: usize) -> impl Stream<Item = Result<Connection, io::Error>> {
    let acceptor = Acceptor {
        listener,
        permits: Arc::new(Semaphore::new(max_connections.max(1))),
        max_connections,
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
                    return Connection { stream, _permit: permit };
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
    type ConnectInfo = TcpConnectInfo;

    fn connect_info(&self) -> Self::ConnectInfo {
        self.stream.connect_info()
    }
}

impl AsyncRead for Connection {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
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
