//! schemalift-fetch: a GraphQL schema from a live endpoint, with Spacelift's authentication.
//!
//! [`Client::fetch`] (or [`fetch_blocking`]) probes what the server's introspection supports,
//! asks for all of it, and recovers from what real servers answer instead: 2018-era servers
//! that reject newer fields, depth limits, partial answers, retryable HTTP failures. Credentials
//! ([`auth::Credentials`]: a token, a Spacelift API key or a GitHub token, resolved by
//! [`auth::resolve`] with spacectl's precedence, spacectl's profile file last) are exchanged for JWTs, cached per endpoint and
//! key ([`auth::TokenCache`]), refreshed before they expire and when the server refuses them.
//! Secrets never reach a message, a log or a `Debug` output.
//!
//! The answer becomes a schema through `schemalift_model::introspection::from_json`, read
//! straight from the response text.

pub mod auth;
mod client;
mod endpoint;
mod error;
mod files;
mod fill;
mod graphql;
mod http;
mod introspect;
mod limits;
pub mod notify;
mod probe;
mod query;
mod retry;
mod target;
mod watch;

pub use auth::{Credentials, Secret};
pub use client::{fetch_blocking, Client, FetchOptions, Fetched, Progress};
pub use endpoint::{redact_url, Endpoint};
pub use error::FetchError;
pub use http::{ClientCertificate, Header, USER_AGENT};
pub use introspect::Introspection;
pub use probe::{Capabilities, Feature};
pub use query::{
    build as introspection_query, build_shaped as introspection_query_shaped, Shape, DEFAULT_DEPTH,
    MIN_DEPTH,
};
pub use retry::{default_max_time, RetryPolicy, DEFAULT_MAX_RESPONSE_SIZE, MAX_RETRIES};
pub use target::{default_credentials, Settings, Target};
pub use watch::{watch, WatchEnd, Watcher};

/// A fixed environment, for the tests of what reads variables through a lookup function.
#[cfg(test)]
fn test_env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}
