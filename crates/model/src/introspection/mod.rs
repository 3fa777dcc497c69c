//! Introspection, both ways: [`from_json`] turns an introspection result of any era into a
//! schema; [`to_json`] answers [`QUERY`] over a schema exactly as a spec-compliant server would,
//! through apollo-compiler's introspection executor ([`execute`], which the fetch tests' server
//! uses too).

mod answer;
mod execute;
mod from_json;

pub use answer::Answer;
pub use execute::execute;
pub use from_json::{from_json, from_value, Converted};

/// The full modern introspection query: descriptions, the schema description, `specifiedByURL`,
/// `isRepeatable`, deprecated arguments, input fields and (September 2026) directives,
/// `isOneOf`, and type references ten levels deep (as graphql-js 16.8+).
pub const QUERY: &str = include_str!("query.graphql");

/// The response a spec-compliant server gives to [`QUERY`] for this schema:
/// `{"data":{"__schema":…}}`.
pub fn to_json(schema: &apollo_compiler::Schema) -> serde_json::Value {
    serde_json::to_value(Answer::new(schema)).expect("introspection answers serialize")
}

/// [`to_json`] as text, without building the JSON tree.
pub fn to_json_string(schema: &apollo_compiler::Schema, pretty: bool) -> String {
    let answer = Answer::new(schema);
    let text = if pretty {
        serde_json::to_string_pretty(&answer)
    } else {
        serde_json::to_string(&answer)
    };
    text.expect("introspection answers serialize")
}
