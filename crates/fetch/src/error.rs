//! Everything a fetch can fail with, each one line that names the endpoint (and the HTTP status
//! where there was one) and says what to do. Messages are built from values that have already
//! been scrubbed of secrets (see `auth::Redactor`), so printing a `FetchError` is always safe.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("invalid endpoint `{endpoint}`: {message}")]
    InvalidEndpoint { endpoint: String, message: String },

    #[error("no endpoint: give a URL, or set SPACELIFT_API_KEY_ENDPOINT (or use a SPACELIFT_API_TOKEN, whose `aud` names one, or a spacectl profile)")]
    NoEndpoint,

    #[error("{0}")]
    Credentials(String),

    #[error("cannot read {}: {message}", path.display())]
    CredentialsFile { path: PathBuf, message: String },

    #[error("spacectl profiles in {}: {message}", path.display())]
    Profile { path: PathBuf, message: String },

    #[error("cannot set up the HTTP client: {0}")]
    Client(String),

    #[error("{endpoint}: {message} (after {attempts} attempt{})", plural(*attempts))]
    Connect {
        endpoint: String,
        message: String,
        attempts: u32,
    },

    #[error("{endpoint}: no answer within {seconds} s (after {attempts} attempt{}); raise --timeout if the server is slow", plural(*attempts))]
    Timeout {
        endpoint: String,
        seconds: f64,
        attempts: u32,
    },

    #[error("{endpoint}: {reason}: gave up at the overall deadline of {} s (--max-time) after {attempts} attempt{}", seconds(*max_time), plural(*attempts))]
    Deadline {
        endpoint: String,
        reason: String,
        max_time: std::time::Duration,
        attempts: u32,
    },

    #[error("{endpoint}: the answer is larger than {limit} (--max-response-size); raise the limit if the schema really is that big")]
    TooLarge { endpoint: String, limit: String },

    #[error("{endpoint}: HTTP {status}: {detail}")]
    Http {
        endpoint: String,
        status: u16,
        detail: String,
    },

    #[error(
        "{endpoint}: HTTP {status}: the answer is not JSON ({message}){}",
        content_type_note(content_type)
    )]
    NotJson {
        endpoint: String,
        status: u16,
        content_type: Option<String>,
        message: String,
    },

    #[error("{endpoint}: HTTP {status}: {}", messages.join("; "))]
    GraphQL {
        endpoint: String,
        status: u16,
        messages: Vec<String>,
    },

    #[error("{endpoint}: HTTP {status}: introspection is disabled on this server ({message}); ask its owners for the schema file, or for a token that may introspect")]
    IntrospectionDisabled {
        endpoint: String,
        status: u16,
        message: String,
    },

    #[error("{endpoint}: HTTP {status}: unauthorized ({message}); {hint}")]
    Unauthorized {
        endpoint: String,
        status: u16,
        message: String,
        hint: &'static str,
    },

    #[error("{endpoint}: the API key was refused (apiKeyUser returned null): the key ID `{key_id}` is probably wrong, or the key was deleted")]
    UnknownApiKey { endpoint: String, key_id: String },

    #[error("{endpoint}: the GitHub token was refused (oauthUser returned null): GitHub must be the account's identity provider and the token needs the read:user scope")]
    UnknownGitHubToken { endpoint: String },

    #[error("{endpoint}: token exchange failed: {message}")]
    Exchange { endpoint: String, message: String },

    #[error("{endpoint}: type `{coordinate}` is wrapped deeper than the {depth} type-reference levels the query asked for{}", deeper_hint(*limited))]
    TooDeep {
        endpoint: String,
        coordinate: String,
        depth: usize,
        /// The depth was lowered because the server limits query depth.
        limited: bool,
    },

    #[error("{endpoint}: the introspection result cannot be read: {message}")]
    Schema { endpoint: String, message: String },

    #[error("token cache {}: {message}", path.display())]
    Cache { path: PathBuf, message: String },
}

/// `2`, `0.5`: seconds as the user wrote them.
fn seconds(duration: std::time::Duration) -> String {
    let s = duration.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s}")
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn content_type_note(content_type: &Option<String>) -> String {
    match content_type {
        Some(t) => format!(", Content-Type: {t}"),
        None => String::new(),
    }
}

fn deeper_hint(limited: bool) -> &'static str {
    if limited {
        " (the server's depth limit forced a shallower query; ask its owners to allow deeper introspection)"
    } else {
        " (graphql-js and most servers need at most 10)"
    }
}
