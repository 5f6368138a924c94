//! Every integration test in one binary: linking one test executable instead of nineteen keeps
//! the cold test command short. Each module holds one concern; `common` starts real servers on
//! ephemeral ports and builds requests.

mod common;

mod cli;
mod content_extraction;
mod deploy;
mod document_props;
mod entities_article;
mod entities_bad_input;
mod golden;
mod grpc_api;
mod grpc_hooks;
mod grpc_tools;
mod hostile_documents;
mod keywords_articles;
mod keywords_error_classes;
mod keywords_grpc;
mod keywords_robustness;
mod language_accuracy;
mod language_grpc;
mod links_fixtures;
mod links_grpc;
mod links_plain_text;
mod links_spans;
mod links_whatwg;
mod reliability_grpc;
mod tls_auth;
mod tone_article;
mod tone_inputs;
mod tone_quotes;
