//! Proto3 JSON of our messages, byte for byte as `grpcurl -emit-defaults` prints them, written
//! straight from the prost structs (no encode–decode round trip through a dynamic message).
//!
//! The field walk of each message is generated at build time from the descriptor set
//! (`build/json_writer.rs` writes `impl JsonMessage`); this module owns the formatting, which follows
//! the Go protobuf JSON writer that grpcurl uses:
//! - every field, in field-number order, with its lowerCamelCase JSON name; unset messages are
//!   `null`; a oneof shows only its set case;
//! - enums by value name (the number when the value is unknown), 64-bit integers as strings;
//! - floats in the shortest form that reads back to the same value (`1`, `0.6666667`), in
//!   exponent form below 1e-6 and from 1e21; NaN and infinities as the strings JSON allows;
//! - strings escaped as Go's `encoding/json` does, HTML-safe (`<`, `>`, `&` as `\u003c`…);
//! - pretty output indents by two spaces, and writes an empty array or object across two lines
//!   with an indented blank line between, as Go's indenter does.

use std::sync::LazyLock;

use prost_reflect::{DescriptorPool, DeserializeOptions, DynamicMessage};

/// Parses a message of the contract written as proto3 JSON (lowerCamelCase or proto field
/// names, enums by name or number), refusing unknown fields; through the contract's own
/// descriptor set (prost-reflect), so no hand-written mapping can drift from the proto.
pub fn from_json<T: prost::Message + JsonMessage + Default>(text: &str) -> Result<T, String> {
    let descriptor = descriptors()
        .get_message_by_name(T::FULL_NAME)
        .ok_or_else(|| format!("{} is not in the contract", T::FULL_NAME))?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let message = DynamicMessage::deserialize_with_options(
        descriptor,
        &mut deserializer,
        &DeserializeOptions::new().deny_unknown_fields(true),
    )
    .map_err(|e| e.to_string())?;
    deserializer.end().map_err(|e| e.to_string())?;
    message.transcode_to::<T>().map_err(|e| e.to_string())
}

fn descriptors() -> &'static DescriptorPool {
    static POOL: LazyLock<DescriptorPool> = LazyLock::new(|| {
        // The descriptor set is produced by build.rs from the same proto as the generated code;
        // failing to decode it is a build defect, not an input error.
        DescriptorPool::decode(super::FILE_DESCRIPTOR_SET).expect("the embedded descriptor set decodes")
    });
    &POOL
}

/// A message of the contract: its full proto name, and how it writes itself as proto3 JSON.
pub trait JsonMessage {
    const FULL_NAME: &'static str;
    fn write_json(&self, json: &mut JsonWriter);
}

/// Serialises a message: indented as grpcurl prints it when `pretty`, compact otherwise.
pub fn to_json(message: &impl JsonMessage, pretty: bool) -> String {
    let mut json = JsonWriter { out: String::new(), pretty, open: Vec::new() };
    message.write_json(&mut json);
    json.out
}

/// Appends JSON tokens, placing commas, line breaks and indentation.
pub struct JsonWriter {
    out: String,
    pretty: bool,
    /// For each open array or object: whether it has an element yet.
    open: Vec<bool>,
}

impl JsonWriter {
    pub fn begin_object(&mut self) {
        self.out.push('{');
        self.open.push(false);
    }

    pub fn end_object(&mut self) {
        self.close('}');
    }

    pub fn begin_array(&mut self) {
        self.out.push('[');
        self.open.push(false);
    }

    pub fn end_array(&mut self) {
        self.close(']');
    }

    /// Starts an object member; its value is written next.
    pub fn key(&mut self, name: &str) {
        self.element();
        self.escaped(name);
        self.out.push_str(if self.pretty { ": " } else { ":" });
    }

    /// Starts an array element; its value is written next.
    pub fn item(&mut self) {
        self.element();
    }

    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    pub fn bool(&mut self, value: bool) {
        self.out.push_str(if value { "true" } else { "false" });
    }

    pub fn int(&mut self, value: i64) {
        self.out.push_str(&value.to_string());
    }

    /// A 64-bit integer, which proto3 JSON writes as a string.
    pub fn quoted_int(&mut self, value: i128) {
        self.out.push('"');
        self.out.push_str(&value.to_string());
        self.out.push('"');
    }

    pub fn string(&mut self, value: &str) {
        self.escaped(value);
    }

    /// An enum value: its name, or its number when this build does not know it.
    pub fn enumeration(&mut self, number: i32, name: Option<&str>) {
        match name {
            Some(name) => self.escaped(name),
            None => self.int(i64::from(number)),
        }
    }

    pub fn float32(&mut self, value: f32) {
        let magnitude = value.abs();
        let exponent_form = magnitude != 0.0 && !(1e-6..1e21).contains(&magnitude);
        self.float(f64::from(value), value.is_nan(), value.is_infinite(), || {
            if exponent_form {
                format!("{value:e}")
            } else {
                value.to_string()
            }
        });
    }

    pub fn float64(&mut self, value: f64) {
        let magnitude = value.abs();
        let exponent_form = magnitude != 0.0 && !(1e-6..1e21).contains(&magnitude);
        self.float(value, value.is_nan(), value.is_infinite(), || {
            if exponent_form {
                format!("{value:e}")
            } else {
                value.to_string()
            }
        });
    }

    fn float(&mut self, value: f64, nan: bool, infinite: bool, finite: impl FnOnce() -> String) {
        if nan {
            self.out.push_str("\"NaN\"");
        } else if infinite {
            self.out.push_str(if value > 0.0 { "\"Infinity\"" } else { "\"-Infinity\"" });
        } else {
            // Rust writes `1e21` where Go writes `1e+21`.
            let text = finite();
            match text.split_once('e') {
                Some((mantissa, exponent)) if !exponent.starts_with('-') => {
                    self.out.push_str(mantissa);
                    self.out.push_str("e+");
                    self.out.push_str(exponent);
                }
                _ => self.out.push_str(&text),
            }
        }
    }

    fn element(&mut self) {
        let depth = self.open.len();
        if let Some(has_element) = self.open.last_mut() {
            if *has_element {
                self.out.push(',');
            }
            *has_element = true;
        }
        if self.pretty {
            self.newline(depth);
        }
    }

    fn close(&mut self, bracket: char) {
        let had_element = self.open.pop().unwrap_or(true);
        if self.pretty {
            let depth = self.open.len();
            if !had_element {
                self.newline(depth + 1);
            }
            self.newline(depth);
        }
        self.out.push(bracket);
    }

    fn newline(&mut self, depth: usize) {
        self.out.push('\n');
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    fn escaped(&mut self, text: &str) {
        self.out.push('"');
        let mut plain_from = 0;
        for (at, c) in text.char_indices() {
            let escape = match c {
                '"' => Some("\\\""),
                '\\' => Some("\\\\"),
                '\n' => Some("\\n"),
                '\r' => Some("\\r"),
                '\t' => Some("\\t"),
                '\u{8}' => Some("\\b"),
                '\u{c}' => Some("\\f"),
                '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => None,
                c if c < ' ' => None,
                _ => continue,
            };
            self.out.push_str(&text[plain_from..at]);
            match escape {
                Some(escape) => self.out.push_str(escape),
                None => self.out.push_str(&format!("\\u{:04x}", u32::from(c))),
            }
            plain_from = at + c.len_utf8();
        }
        self.out.push_str(&text[plain_from..]);
        self.out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::v1 as pb;

    #[test]
    fn unset_messages_are_null_and_empty_lists_span_two_lines() {
        let answer = pb::AnalyzeResponse { id: "x".into(), ..Default::default() };
        let compact = to_json(&answer, false);
        assert!(compact.starts_with(r#"{"id":"x","analyzerVersion":"","text":"","language":null,"keywords":[],"#), "{compact}");
        let pretty = to_json(&answer, true);
        assert!(pretty.contains("\n  \"keywords\": [\n    \n  ],\n"), "{pretty}");
        assert!(pretty.contains("\n  \"error\": null"), "{pretty}");
    }

    #[test]
    fn floats_are_shortest_and_go_shaped() {
        let json = |value: f32| {
            let mut writer = JsonWriter { out: String::new(), pretty: false, open: Vec::new() };
            writer.float32(value);
            writer.out
        };
        assert_eq!(json(1.0), "1");
        assert_eq!(json(2.0 / 3.0), "0.6666667");
        assert_eq!(json(-0.25), "-0.25");
        assert_eq!(json(1.5e-7), "1.5e-7");
        assert_eq!(json(3e22), "3e+22");
        assert_eq!(json(f32::NAN), "\"NaN\"");
        assert_eq!(json(f32::NEG_INFINITY), "\"-Infinity\"");
    }

    #[test]
    fn strings_are_escaped_html_safe() {
        let error = pb::DocumentError { code: 3, code_name: "a<b>&\"\\\n\u{1}\u{2028}é".into(), message: String::new() };
        assert_eq!(
            to_json(&error, false),
            r#"{"code":3,"codeName":"a\u003cb\u003e\u0026\"\\\n\u0001\u2028é","message":""}"#
        );
    }

    #[test]
    fn a_oneof_shows_only_its_set_case_and_maps_are_objects() {
        let result = pb::BatchResult {
            id: "y".into(),
            outcome: Some(pb::batch_result::Outcome::Error(pb::DocumentError::default())),
        };
        assert_eq!(to_json(&result, false), r#"{"error":{"code":0,"codeName":"","message":""},"id":"y"}"#);
        let entity = pb::Entity { metadata: [("b".to_string(), "2".to_string())].into(), ..Default::default() };
        assert!(to_json(&entity, false).contains(r#""metadata":{"b":"2"}"#));
    }
}
