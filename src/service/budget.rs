//! The memory budget for request bytes still arriving, across all connections
//! (`--max-buffered-request-bytes`).
//!
//! tonic buffers a message until its last byte is in, so a client that announces a large
//! message and sends it slowly (or never finishes) holds memory for as long as it likes;
//! sixteen such streams took the server from 34 to 492 MB. Every request body is metered
//! ([`MeteredBody`]): the bytes of each gRPC message that has not fully arrived count against
//! the budget, and are released when the message is complete (it is then decoded and
//! analysed under the other limits) or the call ends. While the budget is spent, new calls are
//! refused RESOURCE_EXHAUSTED before anything is read; calls already running go on.

use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::{Buf, Bytes};
use http_body::Frame;
use tonic::body::Body;
use tonic::Status;

/// gRPC's length-prefixed framing: a compression flag byte and a 4-byte big-endian length.
const MESSAGE_HEADER_BYTES: usize = 5;

/// Request bytes held across all connections, against a limit.
#[derive(Debug)]
pub struct RequestBudget {
    held: AtomicUsize,
    limit: usize,
}

impl RequestBudget {
    pub fn new(limit: usize) -> Arc<RequestBudget> {
        Arc::new(RequestBudget { held: AtomicUsize::new(0), limit })
    }

    pub fn held(&self) -> usize {
        self.held.load(Ordering::Relaxed)
    }

    /// RESOURCE_EXHAUSTED naming the flag while the budget is spent.
    pub fn admit(&self) -> Result<(), Status> {
        let held = self.held();
        if held < self.limit {
            return Ok(());
        }
        Err(Status::resource_exhausted(format!(
            "the server holds {held} bytes of requests still arriving; the limit is {} (--max-buffered-request-bytes); retry with backoff",
            self.limit
        )))
    }

    fn take(&self, bytes: usize) {
        self.held.fetch_add(bytes, Ordering::Relaxed);
    }

    fn give_back(&self, bytes: usize) {
        self.held.fetch_sub(bytes, Ordering::Relaxed);
    }
}

/// Where a body is in gRPC's framing.
#[derive(Debug, Default)]
struct Framing {
    /// Header bytes of the current message seen so far (up to five).
    header: [u8; MESSAGE_HEADER_BYTES],
    header_seen: usize,
    /// Payload bytes of the current message still to come, once its header is complete.
    payload_left: usize,
}

impl Framing {
    /// Reads `data`; returns how many of its bytes end a message (complete messages, from the
    /// first byte of `data` to the end of the last message it completes).
    fn completes(&mut self, mut data: &[u8]) -> usize {
        let total = data.len();
        let mut through = 0;
        while !data.is_empty() {
            if self.header_seen < MESSAGE_HEADER_BYTES {
                let take = (MESSAGE_HEADER_BYTES - self.header_seen).min(data.len());
                self.header[self.header_seen..self.header_seen + take].copy_from_slice(&data[..take]);
                self.header_seen += take;
                data = &data[take..];
                if self.header_seen < MESSAGE_HEADER_BYTES {
                    break;
                }
                let length = u32::from_be_bytes([self.header[1], self.header[2], self.header[3], self.header[4]]);
                self.payload_left = usize::try_from(length).unwrap_or(usize::MAX);
            }
            let take = self.payload_left.min(data.len());
            self.payload_left -= take;
            data = &data[take..];
            if self.payload_left == 0 {
                self.header_seen = 0;
                through = total - data.len();
            }
        }
        through
    }
}

/// A request body whose incomplete messages count against the budget.
pub struct MeteredBody {
    inner: Body,
    budget: Arc<RequestBudget>,
    framing: Framing,
    /// Bytes counted for the message that has not fully arrived.
    held: usize,
}

impl MeteredBody {
    pub fn new(inner: Body, budget: Arc<RequestBudget>) -> MeteredBody {
        MeteredBody { inner, budget, framing: Framing::default(), held: 0 }
    }

    fn count(&mut self, data: &Bytes) {
        let completed = self.framing.completes(data.chunk());
        // The bytes before `completed` finish the messages in flight; the rest start the next.
        let started = data.len() - completed;
        if completed > 0 {
            self.budget.give_back(self.held);
            self.held = 0;
        }
        self.budget.take(started);
        self.held += started;
    }

    fn release(&mut self) {
        self.budget.give_back(self.held);
        self.held = 0;
    }
}

impl Drop for MeteredBody {
    fn drop(&mut self) {
        self.release();
    }
}

impl http_body::Body for MeteredBody {
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Status>>> {
        let this = &mut *self;
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    this.count(data);
                }
            }
            // The body is over (or broken): nothing more of it will be buffered.
            Poll::Ready(None | Some(Err(_))) => this.release(),
            Poll::Pending => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(len: usize) -> Vec<u8> {
        let mut out = vec![0];
        out.extend_from_slice(&u32::try_from(len).unwrap().to_be_bytes());
        out.extend(std::iter::repeat_n(b'x', len));
        out
    }

    #[test]
    fn framing_finds_where_messages_end_across_chunks() {
        let mut framing = Framing::default();
        let two = [message(3), message(10)].concat();
        // The first message (8 bytes) ends inside the first chunk; the second is still open.
        assert_eq!(framing.completes(&two[..12]), 8);
        assert_eq!(framing.completes(&two[12..14]), 0);
        assert_eq!(framing.completes(&two[14..]), two.len() - 14);
        // A header cut in two.
        let one = message(2);
        assert_eq!(framing.completes(&one[..3]), 0);
        assert_eq!(framing.completes(&one[3..]), 4);
        assert_eq!(framing.completes(&message(0)), 5);
    }

    #[test]
    fn incomplete_messages_are_held_and_released() {
        let budget = RequestBudget::new(100);
        let big = message(200);
        let mut body = MeteredBody::new(Body::empty(), Arc::clone(&budget));
        body.count(&Bytes::copy_from_slice(&big[..150]));
        assert_eq!(budget.held(), 150);
        let refused = budget.admit().unwrap_err();
        assert_eq!(refused.code(), tonic::Code::ResourceExhausted);
        assert!(refused.message().contains("--max-buffered-request-bytes"), "{}", refused.message());
        body.count(&Bytes::copy_from_slice(&big[150..]));
        assert_eq!(budget.held(), 0, "a complete message is released");
        body.count(&Bytes::copy_from_slice(&big[..20]));
        assert_eq!(budget.held(), 20);
        drop(body);
        assert_eq!(budget.held(), 0, "an abandoned call gives its bytes back");
        assert!(budget.admit().is_ok());
    }
}
