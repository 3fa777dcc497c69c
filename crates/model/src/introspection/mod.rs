//! Introspection, both ways: [`from_json`] turns an introspection result of any era into a
//! schema; [`to_json`] answers [`QUERY`] over a schema exactly as a spec-compliant server would,
//! through apollo-compiler's introspection executor ([`execute`], which the fetch tests' server
//! uses too).

mod execute;
mod from_json;

pub use execute::{execute, to_json};
pub use from_json::{from_json, from_value};

/// The full modern introspection query: descriptions, the schema description, `specifiedByURL`,
/// `isRepeatable`, deprecated arguments and input fields, `isOneOf`, and type references ten
/// levels deep (as graphql-js 16.8+).
pub const QUERY: &str = include_str!("query.graphql");
