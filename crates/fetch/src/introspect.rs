//! The introspection conversation with one server: probe its capabilities, ask for everything
//! it supports, and recover from what servers answer instead — newer fields unknown to a
//! 2018-era server (fall back to the 2018 query), a query-depth limit (ask shallower), partial
//! results (warn and keep going), introspection switched off (say so).

use crate::client::Session;
use crate::graphql::{self, GraphQLResponse};
use crate::probe::{self, Capabilities};
use crate::query::{self, MIN_DEPTH};
use crate::FetchError;
use serde_json::Value;

/// A server's introspection answer and how it was obtained.
#[derive(Debug)]
pub struct Introspection {
    /// The response's `data`, holding `__schema`.
    pub data: Value,
    /// What the query asked for.
    pub capabilities: Capabilities,
    /// The type-reference levels the query asked for.
    pub depth: usize,
    pub warnings: Vec<String>,
}

pub(crate) async fn introspect(
    session: &mut Session,
    legacy: bool,
    depth: usize,
) -> Result<Introspection, FetchError> {
    let mut warnings = Vec::new();
    let mut capabilities = if legacy {
        Capabilities::legacy()
    } else {
        session.progress("probing introspection capabilities");
        match session.graphql(&probe::query()).await {
            Ok(response) => match response.data.as_ref().and_then(Capabilities::from_probe) {
                Some(capabilities) => capabilities,
                None => Capabilities::modern(),
            },
            // A probe is an optimisation: if the server cannot answer it, the full query is
            // asked and its errors decide. Transport failures are final either way.
            Err(e @ (FetchError::Connect { .. } | FetchError::Timeout { .. })) => return Err(e),
            Err(_) => Capabilities::modern(),
        }
    };
    let requested_depth = depth;
    let mut depth = depth;
    let mut fell_back = false;
    let data = loop {
        session.progress("introspecting");
        let mut response = session.graphql(&query::build(&capabilities, depth)).await?;
        let has_schema = response
            .data
            .as_ref()
            .is_some_and(|d| d.get("__schema").is_some_and(|s| !s.is_null()));
        if has_schema {
            for message in &response.errors {
                warnings.push(format!(
                    "the server answered with data and an error: {message}"
                ));
            }
            break response.data.take().unwrap_or_default();
        }
        if graphql::is_introspection_disabled(&response) {
            return Err(FetchError::IntrospectionDisabled {
                endpoint: session.endpoint().to_string(),
                status: response.status,
                message: response.errors.join("; "),
            });
        }
        let depth_limited = graphql::is_depth_limited(&response);
        if depth_limited && depth > MIN_DEPTH {
            depth -= 1;
            continue;
        }
        if !depth_limited
            && !fell_back
            && !capabilities.is_legacy()
            && graphql::rejects_newer_fields(&response)
        {
            fell_back = true;
            warnings.push(format!(
                "the server rejected newer introspection fields ({}); used the June 2018 query, so repeatable directives, @specifiedBy, @oneOf and deprecated arguments are not in the result",
                summary(&response)
            ));
            capabilities = Capabilities::legacy();
            continue;
        }
        return Err(no_data(session, response));
    };
    if depth < requested_depth {
        warnings.push(format!(
            "the server limits query depth: asked {depth} type-reference levels instead of {requested_depth}"
        ));
    }
    if let Some(coordinate) = truncated_type(&data) {
        return Err(FetchError::TooDeep {
            endpoint: session.endpoint().to_string(),
            coordinate,
            depth,
            limited: depth < requested_depth,
        });
    }
    Ok(Introspection {
        data,
        capabilities,
        depth,
        warnings,
    })
}

fn summary(response: &GraphQLResponse) -> String {
    match response.errors.first() {
        Some(first) => format!("HTTP {}: {first}", response.status),
        None => format!("HTTP {}", response.status),
    }
}

fn no_data(session: &Session, response: GraphQLResponse) -> FetchError {
    let messages = if response.errors.is_empty() {
        vec!["no data and no errors in the answer".to_owned()]
    } else {
        response.errors
    };
    FetchError::GraphQL {
        endpoint: session.endpoint().to_string(),
        status: response.status,
        messages,
    }
}

/// The coordinate of the first type reference the answer cut short (a list or non-null without
/// its `ofType`): the query was not deep enough for it.
pub fn truncated_type(data: &Value) -> Option<String> {
    let schema = data.get("__schema")?;
    let cut = |type_ref: &Value| -> bool {
        let mut current = type_ref;
        loop {
            match current.get("kind").and_then(Value::as_str) {
                Some("LIST" | "NON_NULL") => match current.get("ofType") {
                    Some(inner) if !inner.is_null() => current = inner,
                    _ => return true,
                },
                _ => return false,
            }
        }
    };
    fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
        value
            .get(key)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }
    for ty in list(schema, "types") {
        let name = ty.get("name").and_then(Value::as_str).unwrap_or("?");
        for field in list(ty, "fields") {
            let field_name = field.get("name").and_then(Value::as_str).unwrap_or("?");
            if field.get("type").is_some_and(cut) {
                return Some(format!("{name}.{field_name}"));
            }
            for arg in list(field, "args") {
                if arg.get("type").is_some_and(cut) {
                    let arg_name = arg.get("name").and_then(Value::as_str).unwrap_or("?");
                    return Some(format!("{name}.{field_name}({arg_name}:)"));
                }
            }
        }
        for input in list(ty, "inputFields") {
            if input.get("type").is_some_and(cut) {
                let input_name = input.get("name").and_then(Value::as_str).unwrap_or("?");
                return Some(format!("{name}.{input_name}"));
            }
        }
    }
    for directive in list(schema, "directives") {
        let name = directive.get("name").and_then(Value::as_str).unwrap_or("?");
        for arg in list(directive, "args") {
            if arg.get("type").is_some_and(cut) {
                let arg_name = arg.get("name").and_then(Value::as_str).unwrap_or("?");
                return Some(format!("@{name}({arg_name}:)"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_the_coordinate_of_a_cut_type() {
        let list_without_inner = json!({ "kind": "NON_NULL", "ofType": { "kind": "LIST", "name": null, "ofType": null } });
        let fine = json!({ "kind": "NON_NULL", "ofType": { "kind": "SCALAR", "name": "Int" } });
        let data = json!({ "__schema": { "types": [
            { "name": "Query", "fields": [
                { "name": "ok", "type": fine, "args": [] },
                { "name": "grid", "type": fine, "args": [{ "name": "cells", "type": list_without_inner }] }
            ] }
        ], "directives": [] } });
        assert_eq!(truncated_type(&data).as_deref(), Some("Query.grid(cells:)"));
        let data = json!({ "__schema": { "types": [{ "name": "In", "inputFields": [{ "name": "x", "type": list_without_inner }] }] } });
        assert_eq!(truncated_type(&data).as_deref(), Some("In.x"));
        let data = json!({ "__schema": { "types": [{ "name": "Q", "fields": [{ "name": "a", "type": fine }] }] } });
        assert_eq!(truncated_type(&data), None);
    }
}
