//! Turning an API key or a GitHub token into a Spacelift JWT: one mutation each, from a table,
//! answered with `{ jwt validUntil }` (`validUntil` in unix seconds) or `null` for a credential
//! Spacelift does not know.

use super::{jwt, Credentials, Redactor, Secret};
use crate::graphql::{self, GraphQLResponse};
use crate::http::HttpClient;
use crate::{Endpoint, FetchError};
use serde_json::{json, Value};

/// One exchange mutation: its text, the field it answers in, and its variables.
struct Exchange {
    mutation: &'static str,
    field: &'static str,
}

const API_KEY: Exchange = Exchange {
    mutation: "mutation SchemaliftApiKeyUser($id: ID!, $secret: String!) { apiKeyUser(id: $id, secret: $secret) { jwt validUntil } }",
    field: "apiKeyUser",
};

const GITHUB: Exchange = Exchange {
    mutation: "mutation SchemaliftOauthUser($token: String!) { oauthUser(token: $token) { jwt validUntil } }",
    field: "oauthUser",
};

/// When neither `validUntil` nor the JWT's `exp` says how long a token lives, assume briefly:
/// the cost is one more exchange, never a stale token.
const ASSUMED_LIFETIME_SECS: i64 = 300;

/// Exchange credentials for a JWT and its expiry (unix seconds). Raw tokens have nothing to
/// exchange and are not passed here.
pub(super) async fn exchange(
    http: &HttpClient,
    endpoint: &Endpoint,
    credentials: &Credentials,
    redactor: &Redactor,
) -> Result<(Secret, i64), FetchError> {
    let (exchange, variables) = match credentials {
        Credentials::ApiKey { id, secret } => {
            (&API_KEY, json!({ "id": id, "secret": secret.expose() }))
        }
        Credentials::GitHub(token) => (&GITHUB, json!({ "token": token.expose() })),
        Credentials::Token(token) => return Ok((token.clone(), i64::MAX)),
    };
    let body = json!({ "query": exchange.mutation, "variables": variables });
    // The body holds the secret: it goes to the endpoint or nowhere, never on to a redirect.
    let reply = http.post_secret(endpoint, &body).await?;
    let response: GraphQLResponse = graphql::interpret(reply, endpoint, redactor)?;
    let failed = |message: String| FetchError::Exchange {
        endpoint: endpoint.to_string(),
        message,
    };
    let data = response.data_value();
    let user = data.as_ref().and_then(|data| data.get(exchange.field));
    match user {
        Some(Value::Object(user)) => {
            let token = user
                .get("jwt")
                .and_then(Value::as_str)
                .filter(|t| !t.is_empty())
                .ok_or_else(|| failed(format!("{} has no jwt", exchange.field)))?;
            redactor.add(token);
            let valid_until = user
                .get("validUntil")
                .and_then(Value::as_f64)
                .map(|v| v as i64)
                .or_else(|| jwt::claims(token).and_then(|c| c.expires_at))
                .unwrap_or_else(|| super::source::now() + ASSUMED_LIFETIME_SECS);
            Ok((Secret::new(token), valid_until))
        }
        Some(Value::Null) | None if response.errors.is_empty() && response.data.is_some() => {
            Err(match credentials {
                Credentials::ApiKey { id, .. } => FetchError::UnknownApiKey {
                    endpoint: endpoint.to_string(),
                    key_id: id.clone(),
                },
                _ => FetchError::UnknownGitHubToken {
                    endpoint: endpoint.to_string(),
                },
            })
        }
        _ => Err(failed(if response.errors.is_empty() {
            format!("unexpected answer (HTTP {})", response.status)
        } else {
            format!("HTTP {}: {}", response.status, response.errors.join("; "))
        })),
    }
}
