//! The protobuf codec of the generated service: prost's, except that a message that fails to
//! decode (invalid UTF-8 in a `string` field, malformed wire data) is the caller's mistake and
//! answers `INVALID_ARGUMENT`, where tonic-prost says `INTERNAL`, and that a large message is
//! decoded off the async runtime's threads (tonic decodes while the handler's future is polled;
//! a 32 MiB batch takes tens of milliseconds, which health checks and timers would wait out).
//!
//! A `BatchAnalyzeRequest` is decoded entry by entry when the whole fails, so that one document
//! with invalid UTF-8 gets its own `DocumentError` and the others are answered: each entry that
//! cannot be decoded becomes a stand-in request ([`unreadable_entry`]) that
//! [`crate::edge::prepare`] refuses naming the field.

use std::any::Any;

use bytes::{Buf, Bytes};
use prost::encoding::{decode_key, decode_varint, skip_field, DecodeContext, WireType};
use prost::Message;
use tonic::codec::{BufferSettings, Codec, DecodeBuf, Decoder};
use tonic::Status;
use tonic_prost::{ProstCodec, ProstDecoder, ProstEncoder};

use crate::edge::request::UNREADABLE_ENTRY_FORMAT;
use crate::proto::v1 as pb;


/// Named in build.rs as the codec path of the generated server and client.
#[derive(Debug, Clone)]
pub struct ProtoCodec<T, U> {
    inner: ProstCodec<T, U>,
}

impl<T, U> Default for ProtoCodec<T, U> {
    fn default() -> Self {
        ProtoCodec {
            inner: ProstCodec::default(),
        }
    }
}

impl<T, U> Codec for ProtoCodec<T, U>
where
    T: prost::Message + Send + 'static,
    U: prost::Message + Default + Send + 'static,
{
    type Encode = T;
    type Decode = U;
    type Encoder = ProstEncoder<T>;
    type Decoder = CallerInputDecoder<U>;

    fn encoder(&mut self) -> Self::Encoder {
        self.inner.encoder()
    }

    fn decoder(&mut self) -> Self::Decoder {
        CallerInputDecoder {
            inner: self.inner.decoder(),
        }
    }
}

/// prost's decoder with its errors reclassified as the sender's.
#[derive(Debug)]
pub struct CallerInputDecoder<U> {
    inner: ProstDecoder<U>,
}

/// Messages at least this large are decoded inside `block_in_place`.
const OFF_RUNTIME_DECODE_BYTES: usize = 256 * 1024;

impl<U: prost::Message + Default + 'static> Decoder for CallerInputDecoder<U> {
    type Item = U;
    type Error = Status;

    fn decode(&mut self, buf: &mut DecodeBuf<'_>) -> Result<Option<U>, Status> {
        if buf.remaining() >= OFF_RUNTIME_DECODE_BYTES && super::call::can_leave_runtime() {
            return tokio::task::block_in_place(|| self.decode_here(buf));
        }
        self.decode_here(buf)
    }

    fn buffer_settings(&self) -> BufferSettings {
        self.inner.buffer_settings()
    }
}

impl<U: prost::Message + Default + 'static> CallerInputDecoder<U> {
    fn decode_here(&mut self, buf: &mut DecodeBuf<'_>) -> Result<Option<U>, Status> {
        let is_batch = std::any::TypeId::of::<U>() == std::any::TypeId::of::<pb::BatchAnalyzeRequest>();
        if !is_batch {
            // ProstDecoder fails only on undecodable input; its message names the field
            // (`AnalyzeRequest.content: invalid string value: data is not UTF-8 encoded`).
            return self
                .inner
                .decode(buf)
                .map_err(|status| Status::invalid_argument(status.message().to_string()));
        }
        let bytes = buf.copy_to_bytes(buf.remaining());
        let batch = match pb::BatchAnalyzeRequest::decode(bytes.clone()) {
            Ok(batch) => batch,
            Err(whole) => decode_batch_by_entry(bytes).ok_or_else(|| Status::invalid_argument(whole.to_string()))?,
        };
        let batch: Box<dyn Any> = Box::new(batch);
        // U is BatchAnalyzeRequest, checked above, so the downcast cannot fail.
        batch.downcast::<U>().map(|batch| Some(*batch)).map_err(|_| Status::internal("batch decoder type mismatch"))
    }
}

/// A batch whose framing is sound but some entries are not: every entry decoded alone, the
/// unreadable ones as stand-ins. `None` when the batch itself is malformed.
fn decode_batch_by_entry(mut bytes: Bytes) -> Option<pb::BatchAnalyzeRequest> {
    let mut requests = Vec::new();
    while bytes.has_remaining() {
        let (tag, wire_type) = decode_key(&mut bytes).ok()?;
        if tag != 1 || wire_type != WireType::LengthDelimited {
            // Not `requests`: skipped, as prost skips unknown fields.
            skip_field(wire_type, tag, &mut bytes, DecodeContext::default()).ok()?;
            continue;
        }
        let len = usize::try_from(decode_varint(&mut bytes).ok()?).ok()?;
        if len > bytes.remaining() {
            return None;
        }
        let entry = bytes.split_to(len);
        requests.push(pb::AnalyzeRequest::decode(entry.clone()).unwrap_or_else(|error| unreadable_entry(&entry, &error)));
    }
    Some(pb::BatchAnalyzeRequest { requests })
}

/// The stand-in for an entry prost could not decode: its `id` (lossily, so the answer can
/// still carry it), [`UNREADABLE_ENTRY_FORMAT`], and as `content` what was wrong, starting
/// with the field (`content: invalid string value: data is not UTF-8 encoded`).
fn unreadable_entry(entry: &Bytes, error: &prost::DecodeError) -> pb::AnalyzeRequest {
    let message = error.to_string();
    let reason = match message.split_once("AnalyzeRequest.") {
        Some((_, field_and_reason)) => field_and_reason.to_string(),
        None => format!("could not be decoded: {message}"),
    };
    pb::AnalyzeRequest {
        id: lossy_id(entry.clone()),
        content: reason,
        format: UNREADABLE_ENTRY_FORMAT,
        ..Default::default()
    }
}

/// Field 1 (`id`) of an encoded AnalyzeRequest, invalid UTF-8 replaced; empty when unreadable.
fn lossy_id(mut entry: Bytes) -> String {
    let mut id = String::new();
    while entry.has_remaining() {
        let Ok((tag, wire_type)) = decode_key(&mut entry) else { break };
        if tag == 1 && wire_type == WireType::LengthDelimited {
            let Some(len) = decode_varint(&mut entry).ok().and_then(|len| usize::try_from(len).ok()) else { break };
            if len > entry.remaining() {
                break;
            }
            id = String::from_utf8_lossy(&entry.split_to(len)).into_owned();
        } else if skip_field(wire_type, tag, &mut entry, DecodeContext::default()).is_err() {
            break;
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An AnalyzeRequest with `id` and raw `content` bytes.
    fn entry(id: &[u8], content: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for (key, value) in [(0x0a_u8, id), (0x12_u8, content)] {
            out.push(key);
            prost::encoding::encode_varint(value.len() as u64, &mut out);
            out.extend_from_slice(value);
        }
        out
    }

    fn batch(entries: &[Vec<u8>]) -> Bytes {
        let mut out = Vec::new();
        for entry in entries {
            out.push(0x0a);
            prost::encoding::encode_varint(entry.len() as u64, &mut out);
            out.extend_from_slice(entry);
        }
        Bytes::from(out)
    }

    #[test]
    fn one_unreadable_entry_becomes_a_stand_in_and_the_others_decode() {
        let bytes = batch(&[entry(b"ok", b"Fine text."), entry(b"bad", b"caf\xe9"), entry(b"", b"More."), entry(b"x\xff", b"Text.")]);
        assert!(pb::BatchAnalyzeRequest::decode(bytes.clone()).is_err());
        let decoded = decode_batch_by_entry(bytes).expect("sound framing");
        assert_eq!(decoded.requests.len(), 4);
        assert_eq!(decoded.requests[0].content, "Fine text.");
        assert_eq!(decoded.requests[1].format, UNREADABLE_ENTRY_FORMAT);
        assert!(decoded.requests[1].content.starts_with("content: invalid string value"), "{}", decoded.requests[1].content);
        assert_eq!(decoded.requests[1].id, "bad");
        assert_eq!(decoded.requests[2].content, "More.");
        assert!(decoded.requests[3].content.starts_with("id: invalid string value"));
        assert_eq!(decoded.requests[3].id, "x\u{fffd}");
    }

    #[test]
    fn a_malformed_batch_stays_malformed() {
        let mut bytes = batch(&[entry(b"a", b"x")]).to_vec();
        bytes.truncate(bytes.len() - 1);
        assert!(decode_batch_by_entry(Bytes::from(bytes)).is_none());
    }
}
