//! The introspection conversation with one server: probe its capabilities, ask for everything
//! it supports, and recover from what servers answer instead — newer fields unknown to a
//! 2018-era server (fall back to the 2018 query), a query-depth limit (ask shallower), partial
//! results (warn and keep going), introspection switched off (say so).

use crate::client::Session;
use crate::graphql::{self, GraphQLResponse};
use crate::probe::{self, Capabilities};
use crate::query::{self, Shape};
use crate::FetchError;
use crate::{fill, limits};
use schemalift_model::introspection::{self, Converted};
use schemalift_model::{LoadError, Schema};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

/// The fewest type-reference levels an inline query is asked with before giving up: one is
/// `kind name`, and the fill-in asks again whatever it cuts short.
const MIN_INLINE_DEPTH: usize = 1;

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
    match converse(session, legacy, depth).await {
        // The URL is used as given; when its path is not where the server answers, say where
        // it does, if that is the usual place.
        Err(FetchError::Http {
            endpoint,
            status: status @ (404 | 405),
            detail,
        }) => {
            let elsewhere = match session.endpoint().conventional() {
                Some(conventional) if session.answers_graphql_at(&conventional).await => {
                    Some(conventional.to_string())
                }
                _ => None,
            };
            Err(match elsewhere {
                Some(conventional) => FetchError::WrongPath {
                    endpoint,
                    status,
                    detail,
                    conventional,
                },
                None => FetchError::Http {
                    endpoint,
                    status,
                    detail,
                },
            })
        }
        other => other,
    }
}

async fn converse(
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
    let mut shape = Shape::Fragments;
    let mut limited_by: Option<&'static str> = None;
    let mut fell_back = false;
    let (schema, filled) = loop {
        session.progress("introspecting");
        let response = session
            .graphql(&query::build_shaped(&capabilities, depth, shape))
            .await?;
        let limit = Limited {
            depth,
            requested_depth,
            by: limited_by,
        };
        if let Some((converted, filled)) =
            schema_of(session, &response, &capabilities, &limit).await?
        {
            for message in &response.errors {
                warnings.push(format!(
                    "the server answered with data and an error: {message}"
                ));
            }
            warnings.extend(converted.warnings);
            break (converted.schema, filled);
        }
        if graphql::is_introspection_disabled(&response) {
            return Err(FetchError::IntrospectionDisabled {
                endpoint: session.endpoint().to_string(),
                status: response.status,
                messages: response.errors,
            });
        }
        // A depth limit: the same query inline (fragment spreads count as levels to some
        // limits), then inline and shallower, one level at a time; what that cuts short is
        // filled in afterwards. Armor's quiet answer may be any of its rules, so it gets the
        // same treatment and, if no depth passes, its own error.
        if let Some(refusal) = limits::depth_refusal(&response) {
            let next = match shape {
                Shape::Fragments => Some((Shape::Inline, depth)),
                Shape::Inline if depth > MIN_INLINE_DEPTH => Some((Shape::Inline, depth - 1)),
                Shape::Inline => None,
            };
            if let Some((next_shape, next_depth)) = next {
                shape = next_shape;
                depth = next_depth;
                limited_by = Some(refusal.server);
                continue;
            }
            return Err(no_data(session, response));
        }
        if shape == Shape::Fragments
            && !fell_back
            && !capabilities.is_legacy()
            && graphql::rejects_newer_fields(&response)
        {
            fell_back = true;
            warnings.push(format!(
                "the server rejected newer introspection fields ({}); used the June 2018 query, so {} are not in the result",
                summary(&response),
                crate::probe::lost_without_features()
            ));
            capabilities = Capabilities::legacy();
            continue;
        }
        return Err(no_data(session, response));
    };
    if let Some(server) = limited_by {
        let filled = match filled {
            0 => String::new(),
            1 => ", and filled in the type references it cut short with one more query".to_owned(),
            n => format!(
                ", and filled in the type references it cut short with {n} more queries, one per type"
            ),
        };
        warnings.push(format!(
            "the server limits query depth ({server}): asked without fragments, {depth} type-reference levels instead of {requested_depth}{filled}"
        ));
    }
    Ok(Introspection {
        schema,
        capabilities,
        depth,
        warnings,
    })
}

/// The depth an answer was asked at, for the message when a type is wrapped deeper.
struct Limited {
    depth: usize,
    requested_depth: usize,
    /// Whose depth limit lowered it.
    by: Option<&'static str>,
}

/// The schema in an answer, read straight from the response text, with the number of fill-in
/// queries it took; `None` when the answer has no `__schema` (the caller looks at the errors).
/// A type reference cut short by a shallow query is asked again ([`crate::fill`]).
async fn schema_of(
    session: &mut Session,
    response: &GraphQLResponse,
    capabilities: &Capabilities,
    limit: &Limited,
) -> Result<Option<(Converted, usize)>, FetchError> {
    let Some(data) = &response.data else {
        return Ok(None);
    };
    let endpoint = session.endpoint().to_string();
    match introspection::from_json(data.get(), &endpoint) {
        Ok(converted) => Ok(Some((converted, 0))),
        Err(LoadError::TooShallow { .. }) => {
            let (text, queries) = fill_in(session, data.get(), capabilities, limit).await?;
            match introspection::from_json(&text, &endpoint) {
                Ok(converted) => Ok(Some((converted, queries))),
                Err(e) => Err(unreadable(session, e, limit)),
            }
        }
        Err(LoadError::NotIntrospection { .. }) if !has_schema(data.get()) => Ok(None),
        Err(e) => Err(unreadable(session, e, limit)),
    }
}

/// Ask each type with a reference cut short again, on its own, as deep as the server lets
/// through (from the requested depth down, one level per refusal, kept for the next type), and
/// put the deeper references in place. Returns the answer's new text and the queries asked.
async fn fill_in(
    session: &mut Session,
    data: &str,
    capabilities: &Capabilities,
    limit: &Limited,
) -> Result<(String, usize), FetchError> {
    let mut data: Value = serde_json::from_str(data).map_err(|e| FetchError::Schema {
        endpoint: session.endpoint().to_string(),
        message: e.to_string(),
    })?;
    let mut depth = limit.requested_depth.max(limit.depth + 1);
    let mut queries = 0;
    let types = fill::cut_short_types(&data);
    for (done, name) in types.iter().enumerate() {
        session.progress(&format!(
            "filling in type references ({}/{})",
            done + 1,
            types.len()
        ));
        loop {
            queries += 1;
            let response = session
                .graphql(&query::type_refs_of(capabilities, name, depth))
                .await?;
            let answer = response.data_value();
            if let Some(ty) = answer.as_ref().and_then(|a| a.get("__type")) {
                fill::splice(&mut data, name, ty);
                break;
            }
            if limits::depth_refusal(&response).is_some() && depth > limit.depth + 1 {
                depth -= 1;
                continue;
            }
            // No deeper answer for this type: the conversion names what stays cut short.
            break;
        }
    }
    Ok((data.to_string(), queries))
}

/// An answer that does not convert, in one line naming the endpoint once.
fn unreadable(session: &Session, error: LoadError, limit: &Limited) -> FetchError {
    let endpoint = session.endpoint().to_string();
    match error {
        LoadError::TooShallow { coordinate, .. } => FetchError::TooDeep {
            endpoint,
            coordinate,
            depth: limit.depth,
            limited: limit.by.is_some(),
        },
        other => {
            let message = session.redactor().scrub(&other.to_string());
            // The model names its input, which is the endpoint the error already starts with.
            let message = message
                .strip_prefix(endpoint.as_str())
                .map(|rest| rest.trim_start_matches(':').trim_start().to_owned())
                .unwrap_or(message);
            FetchError::Schema { endpoint, message }
        }
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
