//! Code generated from `proto/textanalytics/v1/text_analytics.proto` at build time, and the
//! encoded descriptor set that server reflection serves.

/// The `textanalytics.v1` package: messages, the server trait and the client.
// `BatchResult.outcome` holds a whole answer or a small error; boxing it would only cost an
// allocation per result.
#[allow(clippy::large_enum_variant)]
pub mod v1 {
    tonic::include_proto!("textanalytics.v1");
    // `impl json::JsonMessage` for every message, generated from the same descriptors.
    include!(concat!(env!("OUT_DIR"), "/textanalytics.v1.json.rs"));
}

pub mod json;

/// The encoded `FileDescriptorSet` of the contract (with comments), for server reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/textanalytics_descriptor.bin"));
