//! The protobuf codec of the generated service: prost's, except that a message that fails to
//! decode (invalid UTF-8 in a `string` field, malformed wire data) is the caller's mistake and
//! answers `INVALID_ARGUMENT`, where tonic-prost says `INTERNAL`.

use tonic::codec::{BufferSettings, Codec, DecodeBuf, Decoder};
use tonic::Status;
use tonic_prost::{ProstCodec, ProstDecoder, ProstEncoder};

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

impl<U: prost::Message + Default> Decoder for CallerInputDecoder<U> {
    type Item = U;
    type Error = Status;

    fn decode(&mut self, buf: &mut DecodeBuf<'_>) -> Result<Option<U>, Status> {
        // ProstDecoder fails only on undecodable input; its message names the field
        // (`AnalyzeRequest.content: invalid string value: data is not UTF-8 encoded`).
        self.inner
            .decode(buf)
            .map_err(|status| Status::invalid_argument(status.message().to_string()))
    }

    fn buffer_settings(&self) -> BufferSettings {
        self.inner.buffer_settings()
    }
}
