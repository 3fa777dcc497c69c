//! The introspection conversation with one server: probe its capabilities, ask for everything
//! it supports, and recover from what servers answer instead — newer fields unknown to a
//! 2018-era server (fall back to the 2018 query), a query-depth limit (ask shallower), partial
//! results (warn and keep going), introspection switched off (say so).

use crate::client::Session;
use crate::graphql::{self, GraphQLResponse};
use crate::probe::{self, Capabilities};
use crate::query::{self, MIN_DEPTH};
use crate::FetchError;
use schemalift_model::introspection::{self, Converted};
use schemalift_model::{LoadError, Schema};
use serde::de::IgnoredAny;
use serde::Deserialize;

/// A server's introspection answer and how it was obtained.
#[derive(Debug)]
pub struct Introspection {
    /// The schema the answer describes (built, not yet validated).
    pub schema: Schema,
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
            Ok(response) => match response
                .data_value()
                .as_ref()
                .and_then(Capabilities::from_probe)
            {
                Some(capabilities) => capabilities,
                None => Capabilities::modern(),
            },
            // A probe is an optimisation: if the server cannot answer it, the full query is
            // asked and its errors decide. Transport failures are final either way.
            Err(
                e @ (FetchError::Connect { .. }
                | FetchError::Timeout { .. }
                | FetchError::Deadline { .. }
                | FetchError::TooLarge { .. }),
            ) => return Err(e),
            Err(_) => Capabilities::modern(),
        }
    };
    let requested_depth = depth;
    let mut depth = depth;
    let mut fell_back = false;
    let schema = loop {
        session.progress("introspecting");
        let response = session.graphql(&query::build(&capabilities, depth)).await?;
        if let Some(converted) = schema_of(session, &response, depth, requested_depth)? {
            for message in &response.errors {
                warnings.push(format!(
                    "the server answered with data and an error: {message}"
                ));
            }
            warnings.extend(converted.warnings);
            break converted.schema;
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
                "the server rejected newer introspection fields ({}); used the June 2018 query, so repeatable directives, @specifiedBy, @oneOf, deprecated arguments and deprecated directives are not in the result",
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
    Ok(Introspection {
        schema,
        capabilities,
        depth,
        warnings,
    })
}

/// The schema in an answer, read straight from the response text; `None` when the answer has
/// no `__schema` (the caller looks at the errors).
fn schema_of(
    session: &Session,
    response: &GraphQLResponse,
    depth: usize,
    requested_depth: usize,
) -> Result<Option<Converted>, FetchError> {
    let Some(data) = &response.data else {
        return Ok(None);
    };
    let endpoint = session.endpoint().to_string();
    match introspection::from_json(data.get(), &endpoint) {
        Ok(converted) => Ok(Some(converted)),
        Err(LoadError::TooShallow { coordinate, .. }) => Err(FetchError::TooDeep {
            endpoint,
            coordinate,
            depth,
            limited: depth < requested_depth,
        }),
        Err(LoadError::NotIntrospection { .. }) if !has_schema(data.get()) => Ok(None),
        Err(e) => Err(FetchError::Schema {
            endpoint,
            message: session.redactor().scrub(&e.to_string()),
        }),
    }
}

/// Whether `data` holds a non-null `__schema`, whatever its shape.
fn has_schema(data: &str) -> bool {
    #[derive(Deserialize)]
    struct Data {
        #[serde(rename = "__schema")]
        schema: Option<IgnoredAny>,
    }
    serde_json::from_str::<Data>(data).is_ok_and(|d| d.schema.is_some())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_non_null_schema_counts() {
        assert!(has_schema(r#"{"__schema":{"types":3}}"#));
        assert!(!has_schema(r#"{"__schema":null}"#));
        assert!(!has_schema(r#"{"viewer":{}}"#));
        assert!(!has_schema("[]"));
    }
}
