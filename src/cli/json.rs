//! The CLI's proto3 JSON, through the contract's one JSON mapping (`crate::proto::json`), which
//! the HTTP gateway shares.

use crate::proto::v1 as pb;

/// Serialises an answer as proto3 JSON with every field present, as `grpcurl -emit-defaults`
/// prints it (indented when `pretty`).
pub fn response_to_json(response: &pb::AnalyzeResponse, pretty: bool) -> String {
    crate::proto::json::to_json(response, pretty)
}

/// Parses one `AnalyzeRequest` written as proto3 JSON (lowerCamelCase or proto field names).
pub fn request_from_json(line: &str) -> Result<pb::AnalyzeRequest, String> {
    crate::proto::json::from_json(line)
}

/// The `id` of a line that is a JSON object with a string `id` but no valid `AnalyzeRequest`,
/// so its error answer can still be matched to it; empty otherwise.
pub fn id_of_json_line(line: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(line) {
        Ok(serde_json::Value::Object(fields)) => match fields.get("id") {
            Some(serde_json::Value::String(id)) => id.clone(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_read_camel_case_and_enum_names() {
        let request = request_from_json(
            r#"{"id":"a1","content":"Hello","offsetEncoding":"OFFSET_ENCODING_UTF16","maxKeywords":3,"features":["FEATURE_LINKS"]}"#,
        )
        .unwrap();
        assert_eq!(request.id, "a1");
        assert_eq!(request.offset_encoding, pb::OffsetEncoding::Utf16 as i32);
        assert_eq!(request.max_keywords, 3);
        assert_eq!(request.features, vec![pb::Feature::Links as i32]);
    }

    #[test]
    fn unknown_fields_and_broken_json_are_errors() {
        assert!(request_from_json(r#"{"contnet":"typo"}"#).is_err());
        assert!(request_from_json(r#"{"content":"#).is_err());
        assert!(request_from_json(r#"{"content":"a"} trailing"#).is_err());
    }

    #[test]
    fn ids_are_read_from_lines_that_are_no_request() {
        assert_eq!(id_of_json_line(r#"{"id":"a7","contnet":"typo"}"#), "a7");
        assert_eq!(id_of_json_line(r#"{"id":7}"#), "");
        assert_eq!(id_of_json_line("not json"), "");
        assert_eq!(id_of_json_line(r#"["id"]"#), "");
    }

    #[test]
    fn responses_carry_defaults_in_camel_case() {
        let json = response_to_json(&pb::AnalyzeResponse { id: "x".into(), ..Default::default() }, false);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["id"], "x");
        assert_eq!(value["keyPhrases"], serde_json::json!([]));
        assert_eq!(value["publishedDate"], "");
    }
}
