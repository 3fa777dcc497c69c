//! A real GraphQL server for the end-to-end tests, on 127.0.0.1 with a port of its own, started
//! in-process by each test: it executes introspection over a schema with apollo-compiler's
//! executor (`schemalift_model::introspection::execute`), emulates Spacelift's authentication
//! (`apiKeyUser` and `oauthUser` issue short-lived JWTs, introspection and `viewer` check the
//! bearer, an expired token gets an "unauthorized" error) and counts what it is asked.
//!
//! Knobs ([`Config`]) make it behave like the servers schemalift must survive: scripted failures
//! (500s, a 401, 429 with Retry-After, an HTML page, invalid JSON, redirects, an error echoing
//! the bearer, a request that never answers, a 503 with a long Retry-After, an endless body, a
//! gzip bomb), a 2018-era server that rejects newer introspection fields, a depth limit,
//! introspection switched off, https with a certificate of a test CA ([`TestPki`]), asking
//! for a client certificate (mutual TLS) if told to, and an answer rewritten as a newer server
//! would give it ([`Config::rewrite_answer`]).
//!
//! ```no_run
//! let server = schemalift_tests::server::start("type Query { a: Int }");
//! // run `schemalift fetch <server.url>` …
//! assert_eq!(server.exchanges(), 0);
//! ```

use apollo_compiler::ast;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use futures_util::StreamExt;
use schemalift_model::{Schema, Valid};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// One scripted answer, given instead of the real one to the next request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// This status with a plain-text body.
    Status(u16),
    /// 429 with `Retry-After: <seconds>`.
    TooManyRequests { retry_after: u64 },
    /// HTTP 401 with a plain-text body.
    Unauthorized,
    /// A gateway's HTML error page with this status.
    Html(u16),
    /// 200 with a body that is cut-off JSON.
    InvalidJson,
    /// Never answer.
    Hang,
    /// 308 Permanent Redirect to this URL.
    Redirect(String),
    /// This redirect status (301, 302, 303, 307, 308) to this URL.
    RedirectWith(u16, String),
    /// 200 with a GraphQL error that quotes the request's `Authorization` credential, as a
    /// careless server does.
    EchoAuthorization,
    /// 503 with `Retry-After: <seconds>`.
    Unavailable { retry_after: u64 },
    /// 200 with a JSON body that never ends (spaces after `{"data":`, streamed until the client
    /// hangs up).
    Endless,
    /// 200 with `Content-Encoding: gzip`: a small body that inflates to this many bytes.
    GzipBomb { inflated: usize },
}

/// Which introspection the server speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    /// Everything, up to `isOneOf` and deprecated input values.
    Modern,
    /// The June 2018 spec: no `isRepeatable`, `specifiedByURL`, `isOneOf`, schema description,
    /// deprecated arguments or input fields; asking for them is a validation error (HTTP 400).
    June2018,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub schema_sdl: String,
    /// Introspection needs a valid bearer (real Spacelift answers it anonymously; `viewer` is
    /// null without credentials either way).
    pub require_auth: bool,
    /// Seconds an issued JWT lives (`validUntil` = now + this).
    pub token_lifetime: u64,
    /// How long an exchange takes, as a real login does (so runs started together overlap).
    pub exchange_delay: Duration,
    /// API keys `apiKeyUser(id:, secret:)` accepts.
    pub api_keys: Vec<(String, String)>,
    /// GitHub tokens `oauthUser(token:)` accepts.
    pub github_tokens: Vec<String>,
    /// Raw bearer tokens accepted as they are (API tokens).
    pub api_tokens: Vec<String>,
    /// Answers given, in order, to the first requests instead of the real ones.
    pub failures: Vec<Failure>,
    pub era: Era,
    /// Answer `__type(name: "__InputValue")` with null, as WunderGraph Cosmo does, so a
    /// capability probe learns nothing.
    pub hide_input_value_type: bool,
    /// Reject queries whose selections nest deeper than this (fragments expanded).
    pub max_depth: Option<usize>,
    /// Refuse introspection as Apollo Server does in production.
    pub introspection_disabled: bool,
    /// Add this error beside the data of every introspection answer (a partial result).
    pub partial_error: Option<String>,
    /// Serve https instead of http.
    pub tls: Option<Tls>,
    /// Rewrite every answer that holds `data.__schema` (the full introspection, not the probe)
    /// before it is sent: what a server of a later GraphQL edition would answer (new type
    /// kinds, directive locations, fields nobody asked for).
    pub rewrite_answer: Option<fn(&mut Value)>,
    /// The port on 127.0.0.1; 0 (the tests' choice) takes any free one.
    pub port: u16,
    /// Print one line per request on stdout (what it was, whether it carried a bearer), as
    /// `--example serve` does.
    pub log: bool,
}

/// How the server speaks TLS.
#[derive(Debug, Clone)]
pub struct Tls {
    pub pki: TestPki,
    /// Refuse the handshake of a client without a certificate signed by the test CA.
    pub require_client_certificate: bool,
}

/// Certificates made fresh for one test: a CA, a server certificate for 127.0.0.1 and localhost,
/// and a client certificate, both signed by the CA. All PEM, ready to be written to files.
#[derive(Debug, Clone)]
pub struct TestPki {
    pub ca_certificate: String,
    pub server_certificate: String,
    pub server_key: String,
    pub client_certificate: String,
    pub client_key: String,
}

impl TestPki {
    pub fn generate() -> TestPki {
        use rcgen::{
            BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
            KeyPair, KeyUsagePurpose,
        };
        let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "schemalift test CA");
        ca.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_key = KeyPair::generate().expect("CA key");
        let ca_certificate = ca.self_signed(&ca_key).expect("CA certificate").pem();
        let issuer = Issuer::new(ca, ca_key);
        let leaf = |names: Vec<String>, common_name: &str, usage: ExtendedKeyUsagePurpose| {
            let mut params = CertificateParams::new(names).expect("leaf parameters");
            params
                .distinguished_name
                .push(DnType::CommonName, common_name);
            params.extended_key_usages = vec![usage];
            params.use_authority_key_identifier_extension = true;
            let key = KeyPair::generate().expect("leaf key");
            let certificate = params.signed_by(&key, &issuer).expect("leaf certificate");
            (certificate.pem(), key.serialize_pem())
        };
        let (server_certificate, server_key) = leaf(
            vec!["127.0.0.1".into(), "localhost".into()],
            "schemalift test server",
            ExtendedKeyUsagePurpose::ServerAuth,
        );
        let (client_certificate, client_key) = leaf(
            Vec::new(),
            "schemalift test client",
            ExtendedKeyUsagePurpose::ClientAuth,
        );
        TestPki {
            ca_certificate,
            server_certificate,
            server_key,
            client_certificate,
            client_key,
        }
    }
}

impl Tls {
    fn acceptor(&self) -> tokio_rustls::TlsAcceptor {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let certificates = |pem: &str| {
            CertificateDer::pem_slice_iter(pem.as_bytes())
                .collect::<Result<Vec<_>, _>>()
                .expect("PEM certificates")
        };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .expect("TLS versions");
        let builder = if self.require_client_certificate {
            let mut roots = rustls::RootCertStore::empty();
            for ca in certificates(&self.pki.ca_certificate) {
                roots.add(ca).expect("test CA");
            }
            let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
                Arc::new(roots),
                provider,
            )
            .build()
            .expect("client verifier");
            builder.with_client_cert_verifier(verifier)
        } else {
            builder.with_no_client_auth()
        };
        let key =
            PrivateKeyDer::from_pem_slice(self.pki.server_key.as_bytes()).expect("server key");
        let config = builder
            .with_single_cert(certificates(&self.pki.server_certificate), key)
            .expect("server certificate");
        tokio_rustls::TlsAcceptor::from(Arc::new(config))
    }
}

/// TCP connections that become TLS sessions before axum sees them. A failed handshake (a
/// client without a certificate) is dropped and the next connection awaited, as a TLS
/// terminator does.
struct TlsListener {
    tcp: tokio::net::TcpListener,
    acceptor: tokio_rustls::TlsAcceptor,
    handshakes_refused: Arc<AtomicUsize>,
}

impl axum::serve::Listener for TlsListener {
    type Io = tokio_rustls::server::TlsStream<tokio::net::TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Ok((tcp, address)) = self.tcp.accept().await else {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            };
            // Bounded, so a client that stalls mid-handshake cannot stop the server.
            let handshake =
                tokio::time::timeout(Duration::from_secs(10), self.acceptor.accept(tcp)).await;
            match handshake {
                Ok(Ok(tls)) => return (tls, address),
                _ => {
                    self.handshakes_refused.fetch_add(1, Ordering::SeqCst);
                }
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}

impl Config {
    pub fn new(schema_sdl: &str) -> Config {
        Config {
            schema_sdl: schema_sdl.to_owned(),
            require_auth: false,
            token_lifetime: 3600,
            exchange_delay: Duration::ZERO,
            api_keys: Vec::new(),
            github_tokens: Vec::new(),
            api_tokens: Vec::new(),
            failures: Vec::new(),
            era: Era::Modern,
            hide_input_value_type: false,
            max_depth: None,
            introspection_disabled: false,
            partial_error: None,
            tls: None,
            rewrite_answer: None,
            port: 0,
            log: false,
        }
    }
}

/// What one request looked like, for assertions.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `exchange`, `viewer`, `introspection` or `failure`.
    pub kind: &'static str,
    pub headers: Vec<(String, String)>,
    pub query: String,
    /// The whole request body, variables included (to show what was, or was not, sent).
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// (schema version, query and variables).
type AnswerKey = (usize, String);

struct ServerState {
    url: String,
    config: Config,
    schema: RwLock<Arc<Valid<Schema>>>,
    /// Answers already computed for a (schema version, query, variables), as a server caches.
    answers: Mutex<HashMap<AnswerKey, Arc<Vec<u8>>>>,
    version: AtomicUsize,
    failures: Mutex<VecDeque<Failure>>,
    api_tokens: Mutex<Vec<String>>,
    /// Issued JWTs with their (subject, validUntil), in the order they were issued: tests ask
    /// for "the latest" or "the second".
    tokens: Mutex<Vec<(String, (String, i64))>>,
    exchanges: AtomicUsize,
    requests: AtomicUsize,
    seen: Mutex<Vec<Seen>>,
    handshakes_refused: Arc<AtomicUsize>,
}

/// A running server; stops when dropped.
pub struct TestServer {
    /// `http://127.0.0.1:<port>/graphql` (`https://` with [`Config::tls`]).
    pub url: String,
    state: Arc<ServerState>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

/// Serve `schema_sdl` anonymously, like a public endpoint.
pub fn start(schema_sdl: &str) -> TestServer {
    start_with(Config::new(schema_sdl))
}

pub fn start_with(config: Config) -> TestServer {
    let schema = parse(&config.schema_sdl);
    let address = format!("127.0.0.1:{}", config.port);
    let listener = std::net::TcpListener::bind(&address)
        .unwrap_or_else(|e| panic!("cannot listen on {address}: {e}"));
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    let url = format!(
        "{}://{}/graphql",
        if config.tls.is_some() {
            "https"
        } else {
            "http"
        },
        listener.local_addr().expect("local address")
    );
    let acceptor = config.tls.as_ref().map(Tls::acceptor);
    let handshakes_refused = Arc::new(AtomicUsize::new(0));
    let state = Arc::new(ServerState {
        url: url.clone(),
        failures: Mutex::new(config.failures.iter().cloned().collect()),
        api_tokens: Mutex::new(config.api_tokens.clone()),
        config,
        schema: RwLock::new(Arc::new(schema)),
        answers: Mutex::new(HashMap::new()),
        version: AtomicUsize::new(0),
        tokens: Mutex::new(Vec::new()),
        exchanges: AtomicUsize::new(0),
        requests: AtomicUsize::new(0),
        seen: Mutex::new(Vec::new()),
        handshakes_refused: handshakes_refused.clone(),
    });
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = axum::Router::new()
        .route("/graphql", axum::routing::post(graphql))
        .with_state(state.clone());
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("server runtime");
        runtime.block_on(async move {
            let tcp = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            // A request that hangs must not keep the process alive: no graceful wait.
            match acceptor {
                None => tokio::select! {
                    _ = axum::serve(tcp, app) => {}
                    _ = stopped => {}
                },
                Some(acceptor) => {
                    let listener = TlsListener {
                        tcp,
                        acceptor,
                        handshakes_refused,
                    };
                    tokio::select! {
                        _ = axum::serve(listener, app) => {}
                        _ = stopped => {}
                    }
                }
            }
        });
        runtime.shutdown_background();
    });
    TestServer {
        url,
        state,
        shutdown: Some(shutdown),
    }
}

impl TestServer {
    /// Successful token exchanges (`apiKeyUser`/`oauthUser` that issued a JWT).
    pub fn exchanges(&self) -> usize {
        self.state.exchanges.load(Ordering::SeqCst)
    }

    /// TLS handshakes that failed (a client without an acceptable certificate, or one that
    /// does not trust the server).
    pub fn handshakes_refused(&self) -> usize {
        self.state.handshakes_refused.load(Ordering::SeqCst)
    }

    /// Every request received.
    pub fn requests(&self) -> usize {
        self.state.requests.load(Ordering::SeqCst)
    }

    /// The requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state
            .seen
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default()
    }

    /// JWTs issued so far, oldest first.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.state
            .tokens
            .lock()
            .map(|t| t.iter().map(|(jwt, _)| jwt.clone()).collect())
            .unwrap_or_default()
    }

    /// Serve another schema from now on (for `--watch`).
    pub fn set_schema(&self, schema_sdl: &str) {
        let schema = parse(schema_sdl);
        if let Ok(mut current) = self.state.schema.write() {
            *current = Arc::new(schema);
        }
        self.state.version.fetch_add(1, Ordering::SeqCst);
    }

    /// Accept this raw API token from now on (a token naming the server's URL can only be made
    /// once the server runs).
    pub fn accept_api_token(&self, token: &str) {
        if let Ok(mut tokens) = self.state.api_tokens.lock() {
            tokens.push(token.to_owned());
        }
    }

    /// Queue more scripted failures.
    pub fn fail_next(&self, failures: &[Failure]) {
        if let Ok(mut queue) = self.state.failures.lock() {
            queue.extend(failures.iter().cloned());
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

fn parse(sdl: &str) -> Valid<Schema> {
    schemalift_model::load_inputs(vec![schemalift_model::Input {
        name: "served.graphql".into(),
        text: sdl.to_owned(),
    }])
    .expect("the served schema parses")
    .schema
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn errors(status: StatusCode, message: &str) -> Response {
    json_response(
        status,
        json!({ "errors": [{ "message": message }] })
            .to_string()
            .into_bytes(),
    )
}

async fn graphql(
    State(state): State<Arc<ServerState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    state.requests.fetch_add(1, Ordering::SeqCst);
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let query = request
        .get("query")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let variables = match request.get("variables") {
        Some(Value::Object(v)) => v.clone(),
        _ => Map::new(),
    };
    let failure = state.failures.lock().ok().and_then(|mut f| f.pop_front());
    let kind = match &failure {
        Some(_) => "failure",
        None if query.contains("apiKeyUser") || query.contains("oauthUser") => "exchange",
        None if query.contains("viewer") => "viewer",
        None => "introspection",
    };
    if state.config.log {
        let bearer = match headers.contains_key(header::AUTHORIZATION) {
            true => "with a bearer",
            false => "without a bearer",
        };
        let what = match (kind, query.contains("oauthUser")) {
            ("exchange", true) => "exchange: GitHub token -> JWT (oauthUser)",
            ("exchange", false) => "exchange: API key -> JWT (apiKeyUser)",
            ("viewer", _) => "viewer",
            (kind, _) => kind,
        };
        use std::io::Write;
        let _ = writeln!(std::io::stdout().lock(), "{what}, {bearer}");
    }
    if let Ok(mut seen) = state.seen.lock() {
        seen.push(Seen {
            kind,
            headers: headers
                .iter()
                .map(|(n, v)| {
                    (
                        n.to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            query: query.clone(),
            body: String::from_utf8_lossy(&body).into_owned(),
        });
    }
    if let Some(Failure::EchoAuthorization) = failure {
        let credential = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .map_or("", |(_, credential)| credential);
        return errors(
            StatusCode::OK,
            &format!("token {credential} is not valid here"),
        );
    }
    if let Some(failure) = failure {
        return fail(failure).await;
    }
    match kind {
        "exchange" => {
            tokio::time::sleep(state.config.exchange_delay).await;
            exchange(&state, &query, &variables)
        }
        "viewer" => match bearer(&state, &headers) {
            Bearer::Valid(subject) => json_response(
                StatusCode::OK,
                json!({ "data": { "viewer": { "id": subject } } })
                    .to_string()
                    .into_bytes(),
            ),
            Bearer::Expired | Bearer::Unknown => errors(StatusCode::OK, "unauthorized"),
            Bearer::Missing => {
                json_response(StatusCode::OK, br#"{"data":{"viewer":null}}"#.to_vec())
            }
        },
        _ => introspect(&state, &headers, &query, variables),
    }
}

async fn fail(failure: Failure) -> Response {
    match failure {
        Failure::Status(status) => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            [(header::CONTENT_TYPE, "text/plain")],
            "Internal Server Error",
        )
            .into_response(),
        Failure::TooManyRequests { retry_after } => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry_after.to_string())],
            "slow down",
        )
            .into_response(),
        Failure::Unauthorized => (StatusCode::UNAUTHORIZED, [(header::CONTENT_TYPE, "text/plain")], "Unauthorized").into_response(),
        Failure::Html(status) => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY),
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The upstream server is unavailable.</p></body></html>",
        )
            .into_response(),
        Failure::InvalidJson => json_response(StatusCode::OK, br#"{"data": {"__schema": {"types": [{"kind": "OBJ"#.to_vec()),
        Failure::Redirect(location) => (
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, location)],
        )
            .into_response(),
        Failure::Unavailable { retry_after } => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, retry_after.to_string())],
            "Service Unavailable",
        )
            .into_response(),
        Failure::Endless => {
            let start = Bytes::from_static(br#"{"data": "#);
            let spaces = Bytes::from(vec![b' '; 64 * 1024]);
            let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(start) })
                .chain(futures_util::stream::repeat_with(move || Ok(spaces.clone())));
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                axum::body::Body::from_stream(body),
            )
                .into_response()
        }
        Failure::GzipBomb { inflated } => {
            use std::io::Write;
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            let spaces = vec![b' '; 1 << 20];
            let mut left = inflated;
            while left > 0 {
                let n = left.min(spaces.len());
                encoder.write_all(&spaces[..n]).expect("gzip in memory");
                left -= n;
            }
            let gzip = encoder.finish().expect("gzip in memory");
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "application/json"),
                    (header::CONTENT_ENCODING, "gzip"),
                ],
                gzip,
            )
                .into_response()
        }
        Failure::RedirectWith(status, location) => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::TEMPORARY_REDIRECT),
            [(header::LOCATION, location)],
        )
            .into_response(),
        Failure::EchoAuthorization => unreachable!("answered with the request's headers"),
        Failure::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            StatusCode::GATEWAY_TIMEOUT.into_response()
        }
    }
}

enum Bearer {
    Valid(String),
    Expired,
    Unknown,
    Missing,
}

fn bearer(state: &ServerState, headers: &HeaderMap) -> Bearer {
    let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return Bearer::Missing;
    };
    if state
        .api_tokens
        .lock()
        .is_ok_and(|tokens| tokens.iter().any(|t| t == token))
    {
        return Bearer::Valid("api-token-user".to_owned());
    }
    let issued = state.tokens.lock().ok().and_then(|tokens| {
        tokens
            .iter()
            .find(|(jwt, _)| jwt == token)
            .map(|(_, claims)| claims.clone())
    });
    match issued {
        Some((subject, valid_until)) if now() < valid_until => Bearer::Valid(subject),
        Some(_) => Bearer::Expired,
        None => Bearer::Unknown,
    }
}

/// `apiKeyUser` / `oauthUser`: a JWT naming this server as audience, valid for the configured
/// lifetime. An unknown key ID gets `null`, a wrong secret an "unauthorized" error.
fn exchange(state: &ServerState, query: &str, variables: &Map<String, Value>) -> Response {
    let var = |name: &str| variables.get(name).and_then(Value::as_str).unwrap_or("");
    let (field, subject) = if query.contains("apiKeyUser") {
        let (id, secret) = (var("id"), var("secret"));
        match state.config.api_keys.iter().find(|(key, _)| key == id) {
            None => return json_response(StatusCode::OK, br#"{"data":{"apiKeyUser":null}}"#.to_vec()),
            Some((_, expected)) if expected != secret => {
                return json_response(
                    StatusCode::OK,
                    json!({ "data": { "apiKeyUser": null }, "errors": [{ "message": "unauthorized" }] }).to_string().into_bytes(),
                )
            }
            Some(_) => ("apiKeyUser", format!("api::{id}")),
        }
    } else {
        let token = var("token");
        if !state.config.github_tokens.iter().any(|t| t == token) {
            return json_response(StatusCode::OK, br#"{"data":{"oauthUser":null}}"#.to_vec());
        }
        ("oauthUser", "github::octocat".to_owned())
    };
    let serial = state.exchanges.fetch_add(1, Ordering::SeqCst) + 1;
    let valid_until = now() + state.config.token_lifetime as i64;
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = URL_SAFE_NO_PAD.encode(
        json!({ "aud": [state.url.trim_end_matches("/graphql")], "exp": valid_until, "sub": subject, "jti": serial }).to_string(),
    );
    let signature = URL_SAFE_NO_PAD.encode(format!("signature-{serial}-{}", rand_suffix()));
    let jwt = format!("{header}.{claims}.{signature}");
    if let Ok(mut tokens) = state.tokens.lock() {
        tokens.push((jwt.clone(), (subject, valid_until)));
    }
    json_response(
        StatusCode::OK,
        json!({ "data": { field: { "jwt": jwt, "validUntil": valid_until } } })
            .to_string()
            .into_bytes(),
    )
}

fn rand_suffix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

fn introspect(
    state: &ServerState,
    headers: &HeaderMap,
    query: &str,
    variables: Map<String, Value>,
) -> Response {
    if state.config.require_auth {
        match bearer(state, headers) {
            Bearer::Valid(_) => {}
            _ => return errors(StatusCode::OK, "unauthorized"),
        }
    }
    if state.config.introspection_disabled
        && (query.contains("__schema") || query.contains("__type"))
    {
        return errors(
            StatusCode::BAD_REQUEST,
            "GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production",
        );
    }
    let document = match ast::Document::parse(query, "request.graphql") {
        Ok(document) => document,
        Err(invalid) => return errors(StatusCode::BAD_REQUEST, &invalid.errors.to_string()),
    };
    if let Some(max) = state.config.max_depth {
        let depth = document_depth(&document);
        if depth > max {
            return errors(
                StatusCode::BAD_REQUEST,
                &format!("'IntrospectionQuery' exceeds maximum operation depth of {max}"),
            );
        }
    }
    if state.config.era == Era::June2018 {
        if let Some(message) = newer_than_2018(&document) {
            return errors(StatusCode::BAD_REQUEST, &message);
        }
    }
    let version = state.version.load(Ordering::SeqCst);
    let key = (
        version,
        format!("{query}\n{}", Value::Object(variables.clone())),
    );
    if let Some(answer) = state.answers.lock().ok().and_then(|a| a.get(&key).cloned()) {
        return json_response(StatusCode::OK, answer.to_vec());
    }
    let schema = match state.schema.read() {
        Ok(schema) => schema.clone(),
        Err(_) => return errors(StatusCode::INTERNAL_SERVER_ERROR, "schema lock poisoned"),
    };
    let mut response = schemalift_model::introspection::execute(&schema, query, variables);
    if state.config.era == Era::June2018 {
        hide_newer_probe_fields(&document, &mut response);
    }
    if state.config.hide_input_value_type {
        null_type_lookup(&document, &mut response, "__InputValue");
    }
    if let Some(rewrite) = state.config.rewrite_answer {
        if response.pointer("/data/__schema").is_some() {
            rewrite(&mut response);
        }
    }
    if let (Some(message), Some(object)) = (&state.config.partial_error, response.as_object_mut()) {
        if object.contains_key("data") {
            object.insert(
                "errors".into(),
                json!([{ "message": message, "path": ["__schema"] }]),
            );
        }
    }
    let body = Arc::new(response.to_string().into_bytes());
    if let Ok(mut answers) = state.answers.lock() {
        answers.insert(key, body.clone());
    }
    json_response(StatusCode::OK, body.to_vec())
}

/// The fields each introspection type had in June 2018, and the type each field leads to.
const INTROSPECTION_2018: [(&str, &[(&str, &str)]); 7] = [
    (
        "__Schema",
        &[
            ("types", "__Type"),
            ("queryType", "__Type"),
            ("mutationType", "__Type"),
            ("subscriptionType", "__Type"),
            ("directives", "__Directive"),
        ],
    ),
    (
        "__Type",
        &[
            ("kind", ""),
            ("name", ""),
            ("description", ""),
            ("fields", "__Field"),
            ("interfaces", "__Type"),
            ("possibleTypes", "__Type"),
            ("enumValues", "__EnumValue"),
            ("inputFields", "__InputValue"),
            ("ofType", "__Type"),
        ],
    ),
    (
        "__Field",
        &[
            ("name", ""),
            ("description", ""),
            ("args", "__InputValue"),
            ("type", "__Type"),
            ("isDeprecated", ""),
            ("deprecationReason", ""),
        ],
    ),
    (
        "__InputValue",
        &[
            ("name", ""),
            ("description", ""),
            ("type", "__Type"),
            ("defaultValue", ""),
        ],
    ),
    (
        "__EnumValue",
        &[
            ("name", ""),
            ("description", ""),
            ("isDeprecated", ""),
            ("deprecationReason", ""),
        ],
    ),
    (
        "__Directive",
        &[
            ("name", ""),
            ("description", ""),
            ("locations", ""),
            ("args", "__InputValue"),
        ],
    ),
    ("", &[]),
];

/// Arguments 2018 introspection fields took.
const ARGUMENTS_2018: [(&str, &str, &str); 2] = [
    ("__Type", "fields", "includeDeprecated"),
    ("__Type", "enumValues", "includeDeprecated"),
];

fn fields_2018(ty: &str) -> Option<&'static [(&'static str, &'static str)]> {
    INTROSPECTION_2018
        .iter()
        .find(|(name, _)| *name == ty)
        .map(|(_, fields)| *fields)
}

/// The validation error a 2018-era server gives the first newer field or argument, if any.
fn newer_than_2018(document: &ast::Document) -> Option<String> {
    let fragments = fragments(document);
    for definition in &document.definitions {
        if let ast::Definition::OperationDefinition(operation) = definition {
            for selection in &operation.selection_set {
                if let ast::Selection::Field(field) = selection {
                    let ty = match field.name.as_str() {
                        "__schema" => "__Schema",
                        "__type" => "__Type",
                        _ => continue,
                    };
                    let selections = field.selection_set.as_deref().unwrap_or_default();
                    if let Some(message) = check_2018(ty, selections, &fragments, 0) {
                        return Some(message);
                    }
                }
            }
        }
    }
    None
}

fn check_2018(
    ty: &str,
    selections: &[ast::Selection],
    fragments: &HashMap<String, Vec<ast::Selection>>,
    level: usize,
) -> Option<String> {
    if level > 64 {
        return None;
    }
    let known = fields_2018(ty)?;
    for selection in selections {
        match selection {
            ast::Selection::Field(field) => {
                let name = field.name.as_str();
                if name == "__typename" {
                    continue;
                }
                let Some((_, leads_to)) = known.iter().find(|(f, _)| *f == name) else {
                    return Some(format!("Cannot query field \"{name}\" on type \"{ty}\"."));
                };
                for argument in &field.arguments {
                    let allowed = ARGUMENTS_2018
                        .iter()
                        .any(|(t, f, a)| *t == ty && *f == name && *a == argument.name.as_str());
                    if !allowed {
                        return Some(format!(
                            "Unknown argument \"{}\" on field \"{ty}.{name}\".",
                            argument.name
                        ));
                    }
                }
                if !leads_to.is_empty() {
                    let selections = field.selection_set.as_deref().unwrap_or_default();
                    if let Some(message) = check_2018(leads_to, selections, fragments, level + 1) {
                        return Some(message);
                    }
                }
            }
            ast::Selection::FragmentSpread(spread) => {
                if let Some(inner) = fragments.get(spread.fragment_name.as_str()) {
                    if let Some(message) = check_2018(ty, inner, fragments, level + 1) {
                        return Some(message);
                    }
                }
            }
            ast::Selection::InlineFragment(inline) => {
                if let Some(message) = check_2018(ty, &inline.selection_set, fragments, level + 1) {
                    return Some(message);
                }
            }
        }
    }
    None
}

fn fragments(document: &ast::Document) -> HashMap<String, Vec<ast::Selection>> {
    document
        .definitions
        .iter()
        .filter_map(|d| match d {
            ast::Definition::FragmentDefinition(f) => {
                Some((f.name.to_string(), f.selection_set.clone()))
            }
            _ => None,
        })
        .collect()
}

/// The deepest selection, fragments expanded (as depth-limit plugins count).
fn document_depth(document: &ast::Document) -> usize {
    let fragments = fragments(document);
    fn depth(
        selections: &[ast::Selection],
        fragments: &HashMap<String, Vec<ast::Selection>>,
        guard: usize,
    ) -> usize {
        if guard > 100 {
            return guard;
        }
        selections
            .iter()
            .map(|s| match s {
                ast::Selection::Field(f) => match f.selection_set.as_deref() {
                    None | Some([]) => 1,
                    Some(set) => 1 + depth(set, fragments, guard + 1),
                },
                ast::Selection::FragmentSpread(s) => fragments
                    .get(s.fragment_name.as_str())
                    .map_or(0, |inner| depth(inner, fragments, guard + 1)),
                ast::Selection::InlineFragment(i) => depth(&i.selection_set, fragments, guard + 1),
            })
            .max()
            .unwrap_or(0)
    }
    document
        .definitions
        .iter()
        .filter_map(|d| match d {
            ast::Definition::OperationDefinition(o) => Some(depth(&o.selection_set, &fragments, 0)),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// The root `__type(name: "…")` lookups of a query: response key → type name.
fn type_lookups(document: &ast::Document) -> Vec<(String, String)> {
    let mut lookups = Vec::new();
    for definition in &document.definitions {
        if let ast::Definition::OperationDefinition(operation) = definition {
            for selection in &operation.selection_set {
                if let ast::Selection::Field(field) = selection {
                    if field.name != "__type" {
                        continue;
                    }
                    let name = field
                        .arguments
                        .iter()
                        .find(|a| a.name == "name")
                        .and_then(|a| match a.value.as_ref() {
                            ast::Value::String(s) => Some(s.to_string()),
                            _ => None,
                        });
                    if let Some(name) = name {
                        lookups.push((field.response_name().to_string(), name));
                    }
                }
            }
        }
    }
    lookups
}

/// A 2018 server knows only its own introspection fields: trim `__type` answers about
/// introspection types to them, so a probe sees what such a server has.
fn hide_newer_probe_fields(document: &ast::Document, response: &mut Value) {
    for (key, ty) in type_lookups(document) {
        let Some(known) = fields_2018(&ty) else {
            continue;
        };
        if known.is_empty() {
            continue;
        }
        if let Some(Value::Array(fields)) = response.pointer_mut(&format!("/data/{key}/fields")) {
            fields.retain(|f| {
                f.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| known.iter().any(|(k, _)| *k == n))
            });
            for field in fields.iter_mut() {
                let name = field
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                if let Some(Value::Array(args)) = field.get_mut("args") {
                    args.retain(|a| {
                        let arg = a.get("name").and_then(Value::as_str).unwrap_or("");
                        ARGUMENTS_2018
                            .iter()
                            .any(|(t, f, x)| *t == ty && *f == name && *x == arg)
                    });
                }
            }
        }
    }
}

fn null_type_lookup(document: &ast::Document, response: &mut Value, hidden: &str) {
    for (key, ty) in type_lookups(document) {
        if ty == hidden {
            if let Some(slot) = response.pointer_mut(&format!("/data/{key}")) {
                *slot = Value::Null;
            }
        }
    }
}

/// The API key `--example serve` accepts unless told otherwise: fixed, so that the README's
/// walkthrough can be copied as it is (a local toy server, never a real credential).
pub const DEMO_API_KEY_ID: &str = "01HDEMOKEY0000000000000000";
/// The secret of [`DEMO_API_KEY_ID`].
pub const DEMO_API_KEY_SECRET: &str = "demo-api-key-secret";
/// The GitHub token `--example serve` accepts unless told otherwise.
pub const DEMO_GITHUB_TOKEN: &str = "ghp_demo000000000000000000000000000000";
/// The port `--example serve` listens on unless told otherwise.
pub const DEMO_PORT: u16 = 4417;

/// What `--example serve` is asked to do: the schema file and the server's configuration.
#[derive(Debug)]
pub struct Serve {
    pub schema: String,
    pub config: Config,
}

/// The usage line of `--example serve`.
pub const SERVE_USAGE: &str = "usage: serve SCHEMA.graphql [--port N] [--require-auth] \
[--api-key ID:SECRET] [--github-token TOKEN] [--token-lifetime SECONDS]";

/// Parse the arguments of `--example serve` (without the program name). The README's
/// walkthrough test parses the README's command line with this same function.
pub fn parse_serve_args(args: &[String]) -> Result<Serve, String> {
    let mut schema = None;
    let mut config = Config::new("");
    config.port = DEMO_PORT;
    config.log = true;
    let mut api_key = (DEMO_API_KEY_ID.to_owned(), DEMO_API_KEY_SECRET.to_owned());
    let mut github_token = DEMO_GITHUB_TOKEN.to_owned();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--port" => {
                let port = value("--port")?;
                config.port = port
                    .parse()
                    .map_err(|_| format!("--port {port:?}: expected a port number"))?;
            }
            "--require-auth" => config.require_auth = true,
            "--api-key" => {
                let key = value("--api-key")?;
                let (id, secret) = key
                    .split_once(':')
                    .filter(|(id, secret)| !id.is_empty() && !secret.is_empty())
                    .ok_or_else(|| "--api-key: expected ID:SECRET".to_owned())?;
                api_key = (id.to_owned(), secret.to_owned());
            }
            "--github-token" => github_token = value("--github-token")?,
            "--token-lifetime" => {
                let seconds = value("--token-lifetime")?;
                config.token_lifetime = seconds
                    .parse()
                    .map_err(|_| format!("--token-lifetime {seconds:?}: expected seconds"))?;
            }
            flag if flag.starts_with('-') => return Err(format!("unknown flag {flag}")),
            path if schema.is_none() => schema = Some(path.to_owned()),
            extra => return Err(format!("unexpected argument {extra}")),
        }
    }
    config.api_keys = vec![api_key];
    config.github_tokens = vec![github_token];
    let schema = schema.ok_or_else(|| "no SCHEMA given".to_owned())?;
    Ok(Serve { schema, config })
}
