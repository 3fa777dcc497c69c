//! A fetch from start to finish: the options a caller gives, the session that holds the HTTP
//! client, the endpoint and the token source, and the blocking [`Client`] the command line
//! uses (one tokio runtime per client, so `--watch` keeps its token between polls).

use crate::auth::{Credentials, Redactor, TokenCache, TokenSource};
use crate::graphql::{self, GraphQLResponse};
use crate::http::{ClientCertificate, Header, HttpClient, HttpOptions};
use crate::introspect::{self, Introspection};
use crate::probe::Capabilities;
use crate::query::DEFAULT_DEPTH;
use crate::retry::{self, Deadline, Limits, RetryPolicy};
use crate::{Endpoint, FetchError};
use apollo_compiler::Schema;
use schemalift_model::introspection::Converted;
use schemalift_model::LoadedSchema;
use serde_json::{json, Value};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Called with a short description of each step ("exchanging the API key", "introspecting"),
/// for a progress indicator.
#[derive(Clone)]
pub struct Progress(pub Arc<dyn Fn(&str) + Send + Sync>);

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Progress")
    }
}

/// How to fetch. `Debug` shows no secret (credentials and header values are [`crate::Secret`]s).
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub headers: Vec<Header>,
    pub credentials: Option<Credentials>,
    /// Where exchanged tokens are cached; `None` is `--no-cache`.
    pub cache: Option<TokenCache>,
    /// Presented to servers that ask for one (mutual TLS).
    pub client_certificate: Option<ClientCertificate>,
    /// Per request.
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// The whole fetch — every request, retry and wait, the exchange included — ends by then;
    /// `None` is [`retry::default_max_time`] of `timeout` and `retry.retries`.
    pub max_time: Option<Duration>,
    /// Bytes of one answer, decoded; a larger one ends the fetch.
    pub max_response_size: u64,
    /// Ask the June 2018 query without probing.
    pub legacy: bool,
    /// Type-reference levels.
    pub depth: usize,
    /// When credentials are given, ask `{ viewer { id } }` and warn when it is null.
    pub check_viewer: bool,
    pub progress: Option<Progress>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            headers: Vec::new(),
            credentials: None,
            cache: None,
            client_certificate: None,
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            max_time: None,
            max_response_size: retry::DEFAULT_MAX_RESPONSE_SIZE,
            legacy: false,
            depth: DEFAULT_DEPTH,
            check_viewer: true,
            progress: None,
        }
    }
}

/// A fetched schema.
#[derive(Debug)]
pub struct Fetched {
    pub endpoint: Endpoint,
    /// The schema built from the answer (not yet validated).
    pub schema: Schema,
    pub capabilities: Capabilities,
    pub depth: usize,
    /// Things the user should know: partial answers, fallbacks, refused credentials.
    pub warnings: Vec<String>,
}

impl Fetched {
    /// The schema validated, for every command that takes a SCHEMA: a URL loads like an
    /// introspection file, without writing the answer out and reading it back.
    pub fn into_loaded(self) -> LoadedSchema {
        // What could not be represented is already among the fetch's own warnings.
        let warnings = Vec::new();
        LoadedSchema::from_introspection(Converted {
            schema: self.schema,
            warnings,
        })
    }
}

/// The async state of a fetch: one endpoint, its HTTP client and token source.
pub(crate) struct Session {
    endpoint: Endpoint,
    http: HttpClient,
    auth: Option<TokenSource>,
    redactor: Redactor,
    progress: Option<Progress>,
}

impl Session {
    fn new(endpoint: Endpoint, options: &FetchOptions) -> Result<Session, FetchError> {
        let redactor = Redactor::default();
        if let Some(credentials) = &options.credentials {
            redactor.add_credentials(credentials);
        }
        let http = HttpClient::new(
            HttpOptions {
                timeout: options.timeout,
                retry: options.retry,
                headers: options.headers.clone(),
                tls: HttpOptions::needs_tls(&endpoint),
                client_certificate: options.client_certificate.clone(),
            },
            redactor.clone(),
        )?;
        let auth = options
            .credentials
            .clone()
            .map(|credentials| TokenSource::new(credentials, &endpoint, options.cache.clone()));
        Ok(Session {
            endpoint,
            http,
            auth,
            redactor,
            progress: options.progress.clone(),
        })
    }

    pub(crate) fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    pub(crate) fn redactor(&self) -> &Redactor {
        &self.redactor
    }

    pub(crate) fn progress(&self, step: &str) {
        if let Some(progress) = &self.progress {
            (progress.0)(step);
        }
    }

    /// Send a query with the current bearer. When the server refuses it (HTTP 401, or an
    /// "unauthorized" error) and the token came from an exchange, exchange again and retry once.
    pub(crate) async fn graphql(&mut self, query: &str) -> Result<GraphQLResponse, FetchError> {
        let body = json!({ "query": query });
        let mut renewed = false;
        loop {
            let bearer = match &mut self.auth {
                Some(auth) => {
                    if !renewed && auth.can_refresh() {
                        if let Some(progress) = &self.progress {
                            (progress.0)("authenticating");
                        }
                    }
                    Some(
                        auth.bearer(&self.http, &self.endpoint, &self.redactor, renewed)
                            .await?,
                    )
                }
                None => None,
            };
            let reply = self
                .http
                .post(&self.endpoint, &body, bearer.as_ref())
                .await?;
            let refused = match graphql::interpret(reply, &self.endpoint, &self.redactor) {
                Ok(response) if !graphql::is_unauthorized(&response) => return Ok(response),
                Ok(response) => Refused::Response(response),
                Err(FetchError::Unauthorized {
                    status, message, ..
                }) => Refused::Status(status, message),
                Err(other) => return Err(other),
            };
            let can_renew = self.auth.as_ref().is_some_and(TokenSource::can_refresh);
            if can_renew && !renewed {
                renewed = true;
                continue;
            }
            return match refused {
                // Data beside an "unauthorized" error is still an answer (a field the caller
                // may not read); the caller decides.
                Refused::Response(response) if response.data.is_some() => Ok(response),
                Refused::Response(response) => Err(self.unauthorized(
                    response.status,
                    crate::error::summarize(&response.errors, crate::error::SUMMARY_LONGEST),
                )),
                Refused::Status(status, message) => Err(self.unauthorized(status, message)),
            };
        }
    }

    /// Whether `endpoint` answers `{ __typename }` as GraphQL, asked once without credentials
    /// (it is only a hint for an error message).
    pub(crate) async fn answers_graphql_at(&self, endpoint: &Endpoint) -> bool {
        let body = json!({ "query": "query SchemaliftPath { __typename }" });
        match self.http.post(endpoint, &body, None).await {
            Ok(reply) => graphql::interpret(reply, endpoint, &self.redactor)
                .is_ok_and(|response| response.data.is_some()),
            Err(_) => false,
        }
    }

    fn unauthorized(&self, status: u16, message: String) -> FetchError {
        let hint = match self.auth.as_ref().map(TokenSource::credentials) {
            None => "this endpoint needs credentials: --token, --api-key-id with --api-key-secret (or --api-key-file), --github-token, the SPACELIFT_API_* variables, or a spacectl profile for this endpoint (--profile)",
            Some(Credentials::Token(_)) => "the token was refused; it may have expired (API tokens are never refreshed): get a new one",
            Some(_) => "a freshly exchanged token was refused too: check that the key (or GitHub user) has access to this account",
        };
        FetchError::Unauthorized {
            endpoint: self.endpoint.to_string(),
            status,
            message,
            hint,
        }
    }

    async fn fetch(&mut self, options: &FetchOptions) -> Result<Fetched, FetchError> {
        // Each fetch (each `--watch` poll) has the whole deadline.
        let max_time = options
            .max_time
            .unwrap_or_else(|| retry::default_max_time(options.timeout, options.retry.retries));
        self.http.set_limits(Limits {
            max_response_size: options.max_response_size,
            deadline: Some(Deadline::after(max_time)),
        });
        let Introspection {
            schema,
            capabilities,
            depth,
            mut warnings,
        } = introspect::introspect(self, options.legacy, options.depth).await?;
        if options.check_viewer && self.auth.is_some() {
            if let Some(warning) = self.check_viewer().await {
                warnings.push(warning);
            }
        }
        if let Some(auth) = &mut self.auth {
            warnings.append(&mut auth.warnings);
        }
        Ok(Fetched {
            endpoint: self.endpoint.clone(),
            schema,
            capabilities,
            depth,
            warnings,
        })
    }

    /// Spacelift answers introspection without credentials, so a fetch that worked proves
    /// nothing about them: ask who we are, as spacectl does.
    async fn check_viewer(&mut self) -> Option<String> {
        const NOT_ACCEPTED: &str = "answered introspection, but `viewer` is null: the credentials were not accepted (Spacelift answers introspection anonymously, so a schema alone proves nothing)";
        self.progress("checking the credentials");
        match self
            .graphql("query SchemaliftViewer { viewer { id } }")
            .await
        {
            Ok(response) => match response.data_value().as_ref().and_then(|d| d.get("viewer")) {
                Some(Value::Null) => Some(format!("{} {NOT_ACCEPTED}", self.endpoint)),
                Some(_) => None,
                // No `viewer` field: not a Spacelift endpoint, nothing to check.
                None if graphql::is_unauthorized(&response) => {
                    Some(format!("{} {NOT_ACCEPTED}", self.endpoint))
                }
                None => None,
            },
            Err(FetchError::Unauthorized { .. }) => {
                Some(format!("{} {NOT_ACCEPTED}", self.endpoint))
            }
            Err(other) => Some(format!("could not check the credentials: {other}")),
        }
    }
}

enum Refused {
    Response(GraphQLResponse),
    Status(u16, String),
}

/// A blocking client for one endpoint, for the command line: it keeps its runtime, HTTP
/// connections and token between fetches (`--watch`).
pub struct Client {
    runtime: tokio::runtime::Runtime,
    session: Session,
    options: FetchOptions,
}

impl Client {
    pub fn new(endpoint: Endpoint, options: FetchOptions) -> Result<Client, FetchError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| FetchError::Client(e.to_string()))?;
        let session = Session::new(endpoint, &options)?;
        Ok(Client {
            runtime,
            session,
            options,
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        self.session.endpoint()
    }

    /// Introspect the endpoint once (authenticating first if needed).
    pub fn fetch(&mut self) -> Result<Fetched, FetchError> {
        let Client {
            runtime,
            session,
            options,
        } = self;
        runtime.block_on(session.fetch(options))
    }

    /// Token exchanges this client made (each one a billed login at Spacelift).
    pub fn exchanges(&self) -> u32 {
        self.session.auth.as_ref().map_or(0, |auth| auth.exchanges)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", self.session.endpoint())
            .field("options", &self.options)
            .finish()
    }
}

/// Fetch `url` once, blocking: what commands that take a SCHEMA call for a URL.
pub fn fetch_blocking(url: &str, options: &FetchOptions) -> Result<Fetched, FetchError> {
    Client::new(Endpoint::parse(url)?, options.clone())?.fetch()
}

/// The session in process against the test server of the end-to-end suite (a real HTTP server
/// on 127.0.0.1 with Spacelift's exchanges emulated): what each request carries and how often
/// the session logs in, without the binary in between.
#[cfg(test)]
mod tests {
    use super::*;
    use schemalift_tests::server::{self, Config, Failure};

    const SDL: &str = "type Query { viewer: Viewer }\ntype Viewer { id: ID! }";

    fn api_key() -> Credentials {
        Credentials::ApiKey {
            id: "01KEY".into(),
            secret: crate::Secret::new("s3cret"),
        }
    }

    /// A server that answers only bearers it issued for the key `01KEY` / `s3cret`.
    fn spacelift_like() -> server::TestServer {
        let mut config = Config::new(SDL);
        config.require_auth = true;
        config.api_keys = vec![("01KEY".into(), "s3cret".into())];
        server::start_with(config)
    }

    fn session(url: &str, credentials: Option<Credentials>) -> Session {
        let options = FetchOptions {
            credentials,
            ..FetchOptions::default()
        };
        Session::new(Endpoint::parse(url).unwrap(), &options).unwrap()
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future)
    }

    fn exchanges(session: &Session) -> u32 {
        session.auth.as_ref().map_or(0, |auth| auth.exchanges)
    }

    #[test]
    fn an_api_key_is_exchanged_once_and_its_token_sent_with_every_query() {
        let server = spacelift_like();
        let mut session = session(&server.url, Some(api_key()));
        block_on(async {
            for _ in 0..3 {
                let response = session.graphql("{ __typename }").await.unwrap();
                assert!(response.errors.is_empty(), "{:?}", response.errors);
            }
        });
        assert_eq!((server.exchanges(), exchanges(&session)), (1, 1));
        let issued = server.issued_tokens();
        let seen = server.seen();
        // The exchange itself goes without a bearer; every query after it carries the JWT.
        assert_eq!(seen[0].kind, "exchange");
        assert_eq!(seen[0].header("authorization"), None);
        let bearer = format!("Bearer {}", issued[0]);
        for query in &seen[1..] {
            assert_eq!(query.header("authorization"), Some(bearer.as_str()));
            assert!(
                !query.body.contains("s3cret"),
                "the key secret left the exchange"
            );
        }
        assert_eq!(seen.len(), 4);
    }

    #[test]
    fn a_refused_exchanged_token_is_exchanged_again_once() {
        let server = spacelift_like();
        let mut session = session(&server.url, Some(api_key()));
        block_on(async {
            session.graphql("{ __typename }").await.unwrap();
            server.fail_next(&[Failure::Unauthorized]);
            session.graphql("{ __typename }").await.unwrap();
        });
        assert_eq!((server.exchanges(), exchanges(&session)), (2, 2));
        let kinds: Vec<_> = server.seen().iter().map(|seen| seen.kind).collect();
        assert_eq!(
            kinds,
            [
                "exchange",
                "introspection",
                "failure",
                "exchange",
                "introspection"
            ]
        );
        // The retry carries the new token, not the refused one.
        let issued = server.issued_tokens();
        let last = server.seen().pop().unwrap();
        assert_eq!(
            last.header("authorization"),
            Some(format!("Bearer {}", issued[1]).as_str())
        );
    }

    #[test]
    fn a_refused_raw_token_is_not_retried_and_the_error_says_what_to_do() {
        let server = spacelift_like();
        let mut session = session(
            &server.url,
            Some(Credentials::Token(crate::Secret::new("not-a-jwt"))),
        );
        let error = block_on(session.graphql("{ __typename }")).unwrap_err();
        let FetchError::Unauthorized { hint, .. } = &error else {
            panic!("{error:?}");
        };
        assert!(hint.starts_with("the token was refused"), "{hint}");
        assert!(!error.to_string().contains("not-a-jwt"), "{error}");
        assert_eq!((server.requests(), server.exchanges()), (1, 0));
    }

    #[test]
    fn no_credentials_for_a_closed_endpoint_names_every_way_to_give_them() {
        let server = spacelift_like();
        let mut session = session(&server.url, None);
        let error = block_on(session.graphql("{ __typename }")).unwrap_err();
        let FetchError::Unauthorized { hint, .. } = &error else {
            panic!("{error:?}");
        };
        assert!(
            hint.contains("--api-key-id") && hint.contains("--github-token"),
            "{hint}"
        );
        assert_eq!(server.requests(), 1);
    }

    #[test]
    fn only_a_graphql_endpoint_answers_graphql() {
        let server = server::start(SDL);
        let session = session(&server.url, None);
        let elsewhere = Endpoint::parse(&server.url.replace("/graphql", "/api")).unwrap();
        block_on(async {
            assert!(session.answers_graphql_at(session.endpoint()).await);
            assert!(!session.answers_graphql_at(&elsewhere).await);
        });
    }

    #[test]
    fn a_fetch_returns_the_served_schema_and_checks_the_credentials_with_viewer() {
        let server = spacelift_like();
        let options = FetchOptions {
            credentials: Some(api_key()),
            ..FetchOptions::default()
        };
        let mut client = Client::new(Endpoint::parse(&server.url).unwrap(), options).unwrap();
        let fetched = client.fetch().unwrap();
        assert!(fetched.warnings.is_empty(), "{:?}", fetched.warnings);
        let field = fetched.schema.type_field("Viewer", "id").unwrap();
        assert_eq!(field.ty.to_string(), "ID!");
        let kinds: Vec<_> = server.seen().iter().map(|seen| seen.kind).collect();
        assert_eq!(kinds.first(), Some(&"exchange"));
        assert_eq!(kinds.last(), Some(&"viewer"));
        // A second fetch by the same client (a `--watch` poll) reuses the token.
        client.fetch().unwrap();
        assert_eq!((server.exchanges(), client.exchanges()), (1, 1));
    }
}
