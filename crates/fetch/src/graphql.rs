//! Reading an HTTP reply as a GraphQL response, and recognising the answers that need more than
//! "it failed": introspection switched off, credentials refused, newer introspection fields
//! unknown to an older server, a query-depth limit. Each is a table of phrases, matched
//! case-insensitively, because servers word them differently.

use crate::auth::Redactor;
use crate::http::Reply;
use crate::{Endpoint, FetchError};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// A GraphQL response: `data` (absent when null) and the errors' messages, scrubbed of secrets.
#[derive(Debug)]
pub(crate) struct GraphQLResponse {
    pub status: u16,
    /// `data` as the server wrote it: an introspection answer is megabytes, and its reader
    /// deserializes the text straight into typed structs instead of a JSON tree.
    pub data: Option<Box<RawValue>>,
    pub errors: Vec<String>,
    /// Sent as `application/graphql-response+json` (GraphQL over HTTP, September 2026): its
    /// status says whether the request was valid, not which rule refused it.
    pub graphql_response_json: bool,
}

impl GraphQLResponse {
    /// `data` as a JSON tree, for the small answers (probe, viewer, token exchange).
    pub(crate) fn data_value(&self) -> Option<Value> {
        serde_json::from_str(self.data.as_ref()?.get()).ok()
    }
}

/// The top level of a response body. Both members are `Some` when present, even as `null`:
/// a body with either is a GraphQL response.
#[derive(Deserialize, Default)]
struct Body {
    #[serde(default, deserialize_with = "present")]
    data: Option<Box<RawValue>>,
    #[serde(default, deserialize_with = "present")]
    errors: Option<Value>,
}

fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// The media type of GraphQL over HTTP (September 2026): a body of this type is a GraphQL
/// response whatever the status — 4xx for a request that failed before execution, `294 Partial
/// Success` for data with errors — never an HTTP failure.
pub(crate) const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// Interpret a reply. JSON with `data` or `errors` is a GraphQL response whatever the status
/// (servers answer 400 with errors for invalid queries, and `application/graphql-response+json`
/// answers 4xx and 294 by design); anything else is an HTTP-level error.
pub(crate) fn interpret(
    reply: Reply,
    endpoint: &Endpoint,
    redactor: &Redactor,
) -> Result<GraphQLResponse, FetchError> {
    // Only an object is read as a `Body` (serde would also take an array for a struct); any
    // other JSON is checked for being JSON at all.
    let parsed = if reply.body.trim_ascii_start().starts_with(b"{") {
        serde_json::from_slice::<Body>(&reply.body)
    } else {
        serde_json::from_slice::<IgnoredAny>(&reply.body).map(|_| Body::default())
    };
    let message = match parsed {
        Ok(body) if body.data.is_some() || body.errors.is_some() => {
            let data = body.data.filter(|d| d.get() != "null");
            let errors = match body.errors {
                Some(Value::Array(errors)) => errors
                    .iter()
                    .map(|e| redactor.scrub(&error_message(e)))
                    .collect(),
                Some(Value::Null) | None => Vec::new(),
                Some(other) => vec![redactor.scrub(&error_message(&other))],
            };
            let graphql_response_json = reply.content_type.as_deref().is_some_and(|t| {
                t.split(';')
                    .next()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case(GRAPHQL_RESPONSE_JSON))
            });
            return Ok(GraphQLResponse {
                status: reply.status,
                data,
                errors,
                graphql_response_json,
            });
        }
        Ok(_) => "JSON, but neither `data` nor `errors` in it".to_owned(),
        Err(e) => e.to_string(),
    };
    if reply.status == 401 {
        return Err(FetchError::Unauthorized {
            endpoint: endpoint.to_string(),
            status: reply.status,
            message: redactor.scrub(&body_excerpt(&reply)),
            hint: "pass credentials: --token, --api-key-id/--api-key-secret or --github-token",
        });
    }
    if !(200..300).contains(&reply.status) {
        return Err(FetchError::Http {
            endpoint: endpoint.to_string(),
            status: reply.status,
            detail: redactor.scrub(&body_excerpt(&reply)),
        });
    }
    Err(FetchError::NotJson {
        endpoint: endpoint.to_string(),
        status: reply.status,
        content_type: reply.content_type,
        message,
    })
}

/// One error's message, with its `extensions.code` when it has one.
fn error_message(error: &Value) -> String {
    let message = match error.get("message") {
        Some(Value::String(m)) => m.clone(),
        _ => error.to_string(),
    };
    match error.pointer("/extensions/code").and_then(Value::as_str) {
        Some(code) if !message.contains(code) => format!("{message} [{code}]"),
        _ => message,
    }
}

/// What a non-GraphQL body says, in one short line: an HTML page by its title, text by its start.
fn body_excerpt(reply: &Reply) -> String {
    const LONGEST: usize = 200;
    let text = String::from_utf8_lossy(&reply.body);
    let text = text.trim();
    if text.is_empty() {
        return "empty body".to_owned();
    }
    let lower = text.to_ascii_lowercase();
    let is_html = reply
        .content_type
        .as_deref()
        .is_some_and(|t| t.contains("html"))
        || lower.starts_with("<!doctype html")
        || lower.starts_with("<html");
    if is_html {
        let title = lower
            .find("<title>")
            .and_then(|start| {
                let after = start + "<title>".len();
                lower[after..]
                    .find("</title>")
                    .map(|end| text[after..after + end].trim().to_owned())
            })
            .filter(|t| !t.is_empty());
        return match title {
            Some(title) => format!(
                "an HTML page, not GraphQL (\"{}\")",
                one_line(&title, LONGEST)
            ),
            None => "an HTML page, not GraphQL".to_owned(),
        };
    }
    one_line(text, LONGEST)
}

fn one_line(text: &str, longest: usize) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > longest {
        format!("{}…", line.chars().take(longest).collect::<String>())
    } else {
        line
    }
}

/// Whether any message contains one of the phrases (all lowercase).
fn mentions(errors: &[String], phrases: &[&str]) -> bool {
    errors.iter().any(|message| {
        let message = message.to_ascii_lowercase();
        phrases.iter().any(|phrase| message.contains(phrase))
    })
}

/// The one word every Spacelift client matches for refused credentials.
pub(crate) fn is_unauthorized(response: &GraphQLResponse) -> bool {
    response.status == 401 || mentions(&response.errors, &["unauthorized", "unauthenticated"])
}

/// "Introspection is not allowed/disabled" in the words of Apollo Server, graphql-java,
/// Hot Chocolate, GraphQL Armor, Yoga and others: the word introspection plus a refusal.
pub(crate) fn is_introspection_disabled(response: &GraphQLResponse) -> bool {
    const REFUSALS: [&str; 6] = [
        "not allowed",
        "disabled",
        "not enabled",
        "not permitted",
        "forbidden",
        "is off",
    ];
    response.errors.iter().any(|message| {
        let message = message.to_ascii_lowercase();
        message.contains("introspection") && REFUSALS.iter().any(|r| message.contains(r))
    })
}

/// Whether the server rejected the query for asking newer introspection fields: an error naming
/// one (each feature's phrases are in its [`crate::probe::CATALOGUE`] row), or the 400/422 some servers answer invalid queries with (Rover's rule). An
/// `application/graphql-response+json` answer is 400 for every invalid query, so there only
/// its messages count.
pub(crate) fn rejects_newer_fields(response: &GraphQLResponse) -> bool {
    response
        .errors
        .iter()
        .any(|message| crate::probe::rejects_a_feature(&message.to_ascii_lowercase()))
        || (!response.graphql_response_json && matches!(response.status, 400 | 422))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, content_type: &str, body: &str) -> Reply {
        Reply {
            status,
            content_type: Some(content_type.to_owned()),
            body: body.as_bytes().to_vec(),
        }
    }

    fn endpoint() -> Endpoint {
        Endpoint::parse("http://127.0.0.1:1/graphql").unwrap()
    }

    #[test]
    fn graphql_errors_with_any_status_are_responses() {
        let r = interpret(
            reply(400, "application/json", r#"{"errors":[{"message":"Cannot query field \"isRepeatable\" on type \"__Directive\".","extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}"#),
            &endpoint(),
            &Redactor::default(),
        )
        .unwrap();
        assert!(r.data.is_none());
        assert!(rejects_newer_fields(&r));
        assert!(
            r.errors[0].ends_with("[GRAPHQL_VALIDATION_FAILED]"),
            "{:?}",
            r.errors
        );
    }

    /// GraphQL over HTTP, September 2026: 4xx and 294 answers of the GraphQL media type are
    /// responses, their errors the message; a 400 of that type says nothing about newer fields.
    #[test]
    fn graphql_response_json_answers_are_responses_whatever_the_status() {
        for status in [294, 400, 403, 422] {
            let r = interpret(
                reply(
                    status,
                    "application/graphql-response+json; charset=utf-8",
                    r#"{"errors":[{"message":"Query depth limit of 10 exceeded, found 15."}]}"#,
                ),
                &endpoint(),
                &Redactor::default(),
            )
            .unwrap();
            assert!(r.graphql_response_json, "{status}");
            assert_eq!(r.errors, ["Query depth limit of 10 exceeded, found 15."]);
            assert!(!rejects_newer_fields(&r), "{status}");
        }
        let partial = interpret(
            reply(
                294,
                "application/graphql-response+json",
                r#"{"data":{"__schema":{}},"errors":[{"message":"a resolver failed"}]}"#,
            ),
            &endpoint(),
            &Redactor::default(),
        )
        .unwrap();
        assert!(partial.data.is_some());
        let plain = interpret(
            reply(400, "application/json", r#"{"errors":[{"message":"bad"}]}"#),
            &endpoint(),
            &Redactor::default(),
        )
        .unwrap();
        assert!(!plain.graphql_response_json);
        assert!(
            rejects_newer_fields(&plain),
            "Rover's rule for application/json"
        );
    }

    #[test]
    fn html_pages_are_named_by_title() {
        let e = interpret(
            reply(
                502,
                "text/html",
                "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
            ),
            &endpoint(),
            &Redactor::default(),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "http://127.0.0.1:1/graphql: HTTP 502: an HTML page, not GraphQL (\"502 Bad Gateway\")"
        );
    }

    #[test]
    fn invalid_json_on_200() {
        let e = interpret(
            reply(200, "application/json", "{\"data\": "),
            &endpoint(),
            &Redactor::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("HTTP 200: the answer is not JSON (EOF while parsing"),
            "{e}"
        );
    }

    #[test]
    fn secrets_echoed_by_servers_are_scrubbed() {
        let redactor = Redactor::default();
        redactor.add("tok-123456");
        let r = interpret(
            reply(
                200,
                "application/json",
                r#"{"errors":[{"message":"unauthorized: bad token tok-123456"}]}"#,
            ),
            &endpoint(),
            &redactor,
        )
        .unwrap();
        assert_eq!(r.errors, ["unauthorized: bad token ***"]);
        assert!(is_unauthorized(&r));
        let e = interpret(
            reply(500, "text/plain", "boom tok-123456"),
            &endpoint(),
            &redactor,
        )
        .unwrap_err()
        .to_string();
        assert!(!e.contains("tok-123456"), "{e}");
    }

    #[test]
    fn recognises_disabled_introspection() {
        let response = |message: &str| GraphQLResponse {
            status: 400,
            data: None,
            errors: vec![message.to_owned()],
            graphql_response_json: false,
        };
        assert!(is_introspection_disabled(&response(
            "GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type."
        )));
        assert!(is_introspection_disabled(&response(
            "Introspection has been disabled for this schema"
        )));
        assert!(!is_introspection_disabled(&response(
            "Cannot query field \"isOneOf\""
        )));
    }
}
