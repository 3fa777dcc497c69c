//! The HTTP client every request goes through: reqwest with rustls, proxies from the
//! environment (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`), extra CA certificates from
//! `SPACELIFT_API_TLS_CA` or `SSL_CERT_FILE`, a client certificate for mutual TLS
//! (`--tls-cert`/`--tls-key`, else `SPACELIFT_API_TLS_CERT`/`_KEY`, as spacectl reads them), a
//! per-request timeout, the user's headers, a `User-Agent: schemalift/<version>` and retries
//! (see [`crate::retry`]).

use crate::auth::{Redactor, Secret};
use crate::retry::{parse_retry_after, Limits, RetryPolicy};
use crate::{Endpoint, FetchError};
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER,
};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub const USER_AGENT: &str = concat!("schemalift/", env!("CARGO_PKG_VERSION"));

/// A request header given by the user. Its value may be a credential, so `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: Secret,
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ***", self.name)
    }
}

impl Header {
    /// Parse a `-H` value, `Name: Value`: split at the first colon (values such as URLs keep
    /// theirs), both sides trimmed. The error never repeats the text, which is often a pasted
    /// token.
    pub fn parse(text: &str) -> Result<Header, FetchError> {
        Header::parse_as(text, "-H value").map_err(FetchError::Credentials)
    }

    /// Parse one line of text named `what` in messages (`-H value`, `line 2`).
    fn parse_as(text: &str, what: &str) -> Result<Header, String> {
        let Some((name, value)) = text.split_once(':') else {
            return Err(format!("{what} has no colon: expected `Name: Value`"));
        };
        let name = name.trim();
        if HeaderName::from_bytes(name.as_bytes()).is_err() || name.is_empty() {
            return Err(format!(
                "{what} has no valid header name before its colon: expected `Name: Value`"
            ));
        }
        let value = value.trim();
        if HeaderValue::from_str(value).is_err() {
            return Err(format!(
                "the value of header `{name}` has characters a header cannot carry"
            ));
        }
        Ok(Header {
            name: name.to_owned(),
            value: Secret::new(value),
        })
    }

    /// Headers from a file: one `Name: Value` a line; blank lines and `#` comments skipped.
    /// Errors name the line by number, never by its text.
    pub fn parse_file(path: &std::path::Path) -> Result<Vec<Header>, FetchError> {
        let text =
            crate::files::read_bounded_text(path, crate::files::SMALL_FILE_LIMIT).map_err(|e| {
                FetchError::CredentialsFile {
                    path: path.to_owned(),
                    message: e.to_string(),
                }
            })?;
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
            .map(|(n, line)| {
                Header::parse_as(line, &format!("line {}", n + 1)).map_err(|message| {
                    FetchError::CredentialsFile {
                        path: path.to_owned(),
                        message,
                    }
                })
            })
            .collect()
    }
}

/// What came back: status, content type and body, whatever they are.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct HttpOptions {
    pub timeout: Duration,
    pub retry: RetryPolicy,
    pub headers: Vec<Header>,
    /// Whether TLS may be needed. Loading the system's trust roots costs milliseconds on every
    /// run, which a plain-HTTP endpoint (a local server, a sidecar) should not pay.
    pub tls: bool,
    pub client_certificate: Option<ClientCertificate>,
}

impl HttpOptions {
    /// TLS is needed for an https endpoint, and possibly through a proxy.
    pub fn needs_tls(endpoint: &Endpoint) -> bool {
        const PROXIES: [&str; 6] = [
            "HTTP_PROXY",
            "http_proxy",
            "HTTPS_PROXY",
            "https_proxy",
            "ALL_PROXY",
            "all_proxy",
        ];
        endpoint.url().scheme() == "https" || PROXIES.iter().any(|v| std::env::var_os(v).is_some())
    }
}

pub struct HttpClient {
    client: reqwest::Client,
    /// For a plain-HTTP endpoint (whose client has no trust roots) redirected to https on the
    /// same host: a client with them, made on the first such redirect.
    upgraded: std::sync::Mutex<Option<reqwest::Client>>,
    options: HttpOptions,
    headers: HeaderMap,
    redactor: Redactor,
    /// The current fetch's deadline and answer size cap (see [`HttpClient::set_limits`]).
    limits: std::sync::Mutex<Limits>,
}

/// Redirects followed in a row before giving up.
const MAX_REDIRECTS: usize = 10;

/// Why a redirect is not followed, or `None` when it may be. Redirects are followed by hand
/// (reqwest's own policy cannot tell one request from another):
///
/// - never for a request whose body carries credentials (the API-key and GitHub-token
///   exchanges): the secret would go wherever the server says, once more;
/// - within the origin (scheme, host and port), with everything the request carried;
/// - from http to https on the same host (an upgrade: nothing goes anywhere it did not);
/// - nowhere else: not to another host or port (where the user's headers and the bearer
///   must not go) and never from https to http (cleartext).
fn refuse_redirect(
    from: &reqwest::Url,
    to: &reqwest::Url,
    secret_body: bool,
) -> Option<&'static str> {
    if secret_body {
        return Some("the request carries credentials, which are never sent on to a redirect");
    }
    match (from.scheme(), to.scheme()) {
        (_, "http" | "https") => {}
        _ => return Some("not to http or https"),
    }
    if from.scheme() == "https" && to.scheme() == "http" {
        return Some("from https to http would send the request in cleartext");
    }
    if from.host_str() != to.host_str() {
        return Some("to another host");
    }
    if from.scheme() == to.scheme() && from.port_or_known_default() != to.port_or_known_default() {
        return Some("to another port");
    }
    None
}

/// Why one attempt failed: the transport, or a redirect refused (never retried).
enum SendError {
    Transport(reqwest::Error),
    Redirect(String),
    Client(FetchError),
    /// Larger than [`Limits::max_response_size`].
    TooLarge,
}

impl HttpClient {
    pub fn new(options: HttpOptions, redactor: Redactor) -> Result<HttpClient, FetchError> {
        let mut headers = HeaderMap::new();
        headers.insert(
            "Spacelift-Client-Type",
            HeaderValue::from_static("schemalift"),
        );
        for header in &options.headers {
            redactor.add_header(&header.name, header.value.expose());
            let name = HeaderName::from_bytes(header.name.as_bytes()).map_err(|_| {
                FetchError::Credentials(format!("`{}` is not a valid header name", header.name))
            })?;
            let mut value = HeaderValue::from_str(header.value.expose()).map_err(|_| {
                FetchError::Credentials(format!(
                    "the value of header `{}` is not valid",
                    header.name
                ))
            })?;
            value.set_sensitive(true);
            // Repeated names are all sent, as curl does.
            headers.append(name, value);
        }
        let client = build_client(&options, options.tls)?;
        Ok(HttpClient {
            client,
            upgraded: std::sync::Mutex::new(None),
            options,
            headers,
            redactor,
            limits: std::sync::Mutex::new(Limits::default()),
        })
    }

    /// Bound the requests that follow (one fetch: each `--watch` poll sets its own deadline).
    pub fn set_limits(&self, limits: Limits) {
        if let Ok(mut current) = self.limits.lock() {
            *current = limits;
        }
    }

    pub(crate) fn limits(&self) -> Limits {
        self.limits.lock().map(|l| *l).unwrap_or_default()
    }

    /// POST a JSON body, retrying transport failures and "later" statuses. The last reply is
    /// returned whatever its status; only a transport failure on every attempt is an error.
    /// Redirects are followed within the origin and from http to https on the same host.
    pub async fn post(
        &self,
        endpoint: &Endpoint,
        body: &serde_json::Value,
        bearer: Option<&Secret>,
    ) -> Result<Reply, FetchError> {
        self.post_with(endpoint, body, bearer, false).await
    }

    /// [`HttpClient::post`] for a body that carries credentials (an exchange): no redirect is
    /// followed, wherever it leads.
    pub async fn post_secret(
        &self,
        endpoint: &Endpoint,
        body: &serde_json::Value,
    ) -> Result<Reply, FetchError> {
        self.post_with(endpoint, body, None, true).await
    }

    async fn post_with(
        &self,
        endpoint: &Endpoint,
        body: &serde_json::Value,
        bearer: Option<&Secret>,
        secret_body: bool,
    ) -> Result<Reply, FetchError> {
        let body = serde_json::to_vec(body).map_err(|e| FetchError::Client(e.to_string()))?;
        let policy = self.options.retry;
        let mut headers = self.headers.clone();
        if let Some(bearer) = bearer {
            let mut value =
                HeaderValue::from_str(&format!("Bearer {}", bearer.expose())).map_err(|_| {
                    FetchError::Credentials("the token has characters a header cannot carry".into())
                })?;
            value.set_sensitive(true);
            // The credentials' bearer replaces an Authorization given with -H.
            headers.insert(AUTHORIZATION, value);
        }
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/graphql-response+json, application/json"),
        );
        let limits = self.limits();
        let past_deadline = |reason: String, attempts: u32| {
            limits.deadline.map(|deadline| FetchError::Deadline {
                endpoint: endpoint.to_string(),
                reason: self.redactor.scrub(&reason),
                max_time: deadline.max_time,
                attempts,
            })
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let retries_left = attempt <= policy.retries;
            let timeout = match limits.deadline {
                Some(deadline) if deadline.remaining().is_zero() => {
                    return Err(past_deadline("no time left".into(), attempt - 1)
                        .unwrap_or_else(|| unreachable!("a deadline was set")));
                }
                Some(deadline) => self.options.timeout.min(deadline.remaining()),
                None => self.options.timeout,
            };
            let allows = |delay: Duration| limits.deadline.is_none_or(|d| d.allows_wait(delay));
            match self
                .follow(endpoint.url(), &headers, &body, secret_body, timeout)
                .await
            {
                Ok((reply, retry_after)) => {
                    if retries_left && RetryPolicy::retryable_status(reply.status) {
                        if let Some(wait) = retry_after.filter(|wait| !allows(*wait)) {
                            let reason = format!(
                                "HTTP {}: the server asks to wait {} s before retrying (Retry-After), past what is left of the deadline",
                                reply.status,
                                wait.as_secs()
                            );
                            if let Some(error) = past_deadline(reason, attempt) {
                                return Err(error);
                            }
                        }
                        let delay = policy.delay(attempt - 1, retry_after);
                        if !allows(delay) {
                            let reason = match retry_after {
                                Some(wait) => format!("HTTP {}: the server asks to wait {} s before retrying (Retry-After), past what is left of the deadline", reply.status, wait.as_secs()),
                                None => format!("HTTP {}: no time left for another attempt", reply.status),
                            };
                            if let Some(error) = past_deadline(reason, attempt) {
                                return Err(error);
                            }
                        }
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    return Ok(reply);
                }
                Err(SendError::TooLarge) => {
                    return Err(FetchError::TooLarge {
                        endpoint: endpoint.to_string(),
                        limit: crate::files::size(limits.max_response_size),
                    })
                }
                Err(SendError::Transport(error)) => {
                    if error.is_timeout() && timeout < self.options.timeout {
                        if let Some(error) =
                            past_deadline("no answer before the deadline".into(), attempt)
                        {
                            return Err(error);
                        }
                    }
                    let delay = policy.delay(attempt - 1, None);
                    if retries_left && allows(delay) {
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    if retries_left {
                        let message = self.transport_error(endpoint, &error, attempt).to_string();
                        let reason = message
                            .strip_prefix(&format!("{endpoint}: "))
                            .unwrap_or(&message)
                            .to_owned();
                        if let Some(error) = past_deadline(reason, attempt) {
                            return Err(error);
                        }
                    }
                    return Err(self.transport_error(endpoint, &error, attempt));
                }
                Err(SendError::Redirect(message)) => {
                    return Err(FetchError::Connect {
                        endpoint: endpoint.to_string(),
                        message: self.redactor.scrub(&message),
                        attempts: attempt,
                    })
                }
                Err(SendError::Client(error)) => return Err(error),
            }
        }
    }

    /// One attempt: the request, and the redirects [`refuse_redirect`] allows, each sent with
    /// the same method, headers and body.
    async fn follow(
        &self,
        start: &reqwest::Url,
        headers: &HeaderMap,
        body: &[u8],
        secret_body: bool,
        timeout: Duration,
    ) -> Result<(Reply, Option<Duration>), SendError> {
        let mut url = start.clone();
        let mut hops = 0;
        loop {
            let client = if url.scheme() == "https" && !self.options.tls {
                self.upgraded_client().map_err(SendError::Client)?
            } else {
                self.client.clone()
            };
            let request = client
                .post(url.clone())
                .headers(headers.clone())
                .timeout(timeout)
                .body(body.to_vec());
            let response = request.send().await.map_err(SendError::Transport)?;
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok());
            let redirect = match location {
                Some(location)
                    if matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308) =>
                {
                    Some(url.join(location))
                }
                _ => None,
            };
            let Some(next) = redirect else {
                return self.read(response).await;
            };
            let refusal = |reason: &str, to: &str| {
                SendError::Redirect(format!(
                    "refused the redirect (HTTP {}) from {} to {}: {reason}; give the URL it names as the endpoint if you trust it",
                    response.status().as_u16(),
                    crate::endpoint::redact_url(url.as_str()),
                    crate::endpoint::redact_url(to),
                ))
            };
            let next = match next {
                Ok(next) => next,
                Err(_) => return Err(refusal("not a URL", location.unwrap_or_default())),
            };
            if let Some(reason) = refuse_redirect(&url, &next, secret_body) {
                return Err(refusal(reason, next.as_str()));
            }
            hops += 1;
            if hops > MAX_REDIRECTS {
                return Err(refusal("too many redirects", next.as_str()));
            }
            url = next;
        }
    }

    /// The client for https when the endpoint was plain HTTP (made once, with trust roots).
    fn upgraded_client(&self) -> Result<reqwest::Client, FetchError> {
        let mut upgraded = self
            .upgraded
            .lock()
            .map_err(|_| FetchError::Client("the https client is unusable".into()))?;
        if let Some(client) = upgraded.as_ref() {
            return Ok(client.clone());
        }
        let client = build_client(&self.options, true)?;
        *upgraded = Some(client.clone());
        Ok(client)
    }

    async fn read(
        &self,
        response: reqwest::Response,
    ) -> Result<(Reply, Option<Duration>), SendError> {
        let status = response.status().as_u16();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header(CONTENT_TYPE);
        let retry_after =
            header(RETRY_AFTER).and_then(|v| parse_retry_after(&v, SystemTime::now()));
        let body = match read_capped(response, self.limits().max_response_size).await {
            Ok(body) => body,
            Err(Unread::TooLarge) => return Err(SendError::TooLarge),
            Err(Unread::Transport(error)) => return Err(SendError::Transport(error)),
        };
        Ok((
            Reply {
                status,
                content_type,
                body,
            },
            retry_after,
        ))
    }

    fn transport_error(
        &self,
        endpoint: &Endpoint,
        error: &reqwest::Error,
        attempts: u32,
    ) -> FetchError {
        if error.is_timeout() {
            return FetchError::Timeout {
                endpoint: endpoint.to_string(),
                seconds: self.options.timeout.as_secs_f64(),
                attempts,
            };
        }
        let innermost = innermost(error);
        let what = if error.is_connect() {
            "cannot connect"
        } else if error.is_body() || error.is_decode() {
            "the answer broke off"
        } else {
            "request failed"
        };
        let mut message = format!("{what}: {innermost}");
        // rustls names the TLS alert; say what to do about the one mutual TLS sends.
        if innermost.to_string().contains("CertificateRequired") {
            message.push_str(
                "; the server asks for a client certificate: give --tls-cert and --tls-key (or SPACELIFT_API_TLS_CERT and SPACELIFT_API_TLS_KEY)",
            );
        }
        FetchError::Connect {
            endpoint: endpoint.to_string(),
            message: self.redactor.scrub(&message),
            attempts,
        }
    }
}

/// Why an answer was not read.
enum Unread {
    Transport(reqwest::Error),
    /// Larger than [`Limits::max_response_size`], decoded.
    TooLarge,
}

impl From<reqwest::Error> for Unread {
    fn from(error: reqwest::Error) -> Self {
        Unread::Transport(error)
    }
}

/// The body, decoded (gzip), read chunk by chunk and abandoned as soon as it passes `limit`:
/// neither an endless answer nor a small compressed one that inflates to gigabytes is ever
/// held whole.
async fn read_capped(mut response: reqwest::Response, limit: u64) -> Result<Vec<u8>, Unread> {
    // Without decompression the announced length is the body's: refuse it before reading.
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Err(Unread::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(Unread::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The reqwest client: rustls, trust roots only when TLS may be needed (loading the system's
/// costs milliseconds a plain-HTTP endpoint should not pay), extra CA files, the client
/// certificate, and no redirects of its own ([`HttpClient`] follows them by hand).
fn build_client(options: &HttpOptions, tls: bool) -> Result<reqwest::Client, FetchError> {
    let mut builder = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .timeout(options.timeout)
        .connect_timeout(options.timeout.min(Duration::from_secs(30)))
        .redirect(reqwest::redirect::Policy::none())
        .use_rustls_tls();
    if !tls {
        builder = builder.tls_built_in_root_certs(false);
    }
    // Loaded for plain-HTTP endpoints too, so that a wrong path is reported the day it is
    // set, not the day the endpoint moves to https.
    if let Some(certificate) = &options.client_certificate {
        builder = builder.identity(certificate.identity()?);
    }
    for (variable, path) in extra_ca_files() {
        let pem = crate::files::read_bounded(&path, crate::files::CA_BUNDLE_LIMIT)
            .map_err(|e| FetchError::Client(format!("{variable}={}: {e}", path.display())))?;
        let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            FetchError::Client(format!(
                "{variable}={}: not PEM certificates: {e}",
                path.display()
            ))
        })?;
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder
        .build()
        .map_err(|e| FetchError::Client(innermost(&e).to_string()))
}

/// reqwest's own messages are generic ("error sending request", "client error (Connect)",
/// "builder error"); the innermost cause says what happened (refused, DNS, TLS, a bad key).
fn innermost<'e>(
    error: &'e (dyn std::error::Error + 'static),
) -> &'e (dyn std::error::Error + 'static) {
    let mut innermost = error;
    while let Some(cause) = innermost.source() {
        innermost = cause;
    }
    innermost
}

/// A client certificate for mutual TLS: a PEM certificate chain and its private key, as two
/// files (or one file holding both, named twice). Only the paths are kept; the files are read
/// when the HTTP client is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCertificate {
    pub certificate: PathBuf,
    pub key: PathBuf,
    /// Named by `--tls-cert`/`--tls-key` rather than the environment, for messages.
    from_flags: bool,
}

impl ClientCertificate {
    /// The flags' pair, else the environment's (`SPACELIFT_API_TLS_CERT`/`_KEY`): never one of
    /// each, since a certificate is useless with another's key. Half a pair is an error.
    pub fn resolve(
        certificate: Option<PathBuf>,
        key: Option<PathBuf>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<ClientCertificate>, FetchError> {
        let (certificate, key, from_flags) = if certificate.is_some() || key.is_some() {
            (certificate, key, true)
        } else {
            let path = |name| {
                env(name)
                    .filter(|v| !v.trim().is_empty())
                    .map(PathBuf::from)
            };
            (
                path("SPACELIFT_API_TLS_CERT"),
                path("SPACELIFT_API_TLS_KEY"),
                false,
            )
        };
        let (cert_name, key_name) = Self::names(from_flags);
        match (certificate, key) {
            (Some(certificate), Some(key)) => Ok(Some(ClientCertificate {
                certificate,
                key,
                from_flags,
            })),
            (None, None) => Ok(None),
            (Some(certificate), None) => Err(FetchError::Client(format!(
                "{}: a client certificate needs its private key too ({key_name})",
                Self::label(cert_name, from_flags, &certificate)
            ))),
            (None, Some(key)) => Err(FetchError::Client(format!(
                "{}: a private key needs its client certificate too ({cert_name})",
                Self::label(key_name, from_flags, &key)
            ))),
        }
    }

    fn names(from_flags: bool) -> (&'static str, &'static str) {
        if from_flags {
            ("--tls-cert", "--tls-key")
        } else {
            ("SPACELIFT_API_TLS_CERT", "SPACELIFT_API_TLS_KEY")
        }
    }

    /// `--tls-cert client.pem` or `SPACELIFT_API_TLS_CERT=client.pem`, as the user wrote it.
    fn label(name: &str, from_flags: bool, path: &Path) -> String {
        let separator = if from_flags { ' ' } else { '=' };
        format!("{name}{separator}{}", path.display())
    }

    /// Read both files into the identity rustls presents: the certificate blocks of one and
    /// the private key of the other, so a combined file works for both. No message quotes a
    /// file's content.
    fn identity(&self) -> Result<reqwest::Identity, FetchError> {
        let (cert_name, key_name) = Self::names(self.from_flags);
        let cert_label = Self::label(cert_name, self.from_flags, &self.certificate);
        let key_label = Self::label(key_name, self.from_flags, &self.key);
        let read = |label: &str, path: &Path| {
            crate::files::read_bounded(path, crate::files::SMALL_FILE_LIMIT)
                .map_err(|e| FetchError::Client(format!("{label}: {e}")))
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        };
        let certificates: Vec<String> = pem_blocks(&read(&cert_label, &self.certificate)?)
            .into_iter()
            .filter(|(label, _)| label == "CERTIFICATE")
            .map(|(_, block)| block)
            .collect();
        if certificates.is_empty() {
            return Err(FetchError::Client(format!(
                "{cert_label}: no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)"
            )));
        }
        let keys: Vec<(String, String)> = pem_blocks(&read(&key_label, &self.key)?)
            .into_iter()
            .filter(|(label, _)| label.ends_with("PRIVATE KEY"))
            .collect();
        let key = match keys.as_slice() {
            [(label, _)] if label == "ENCRYPTED PRIVATE KEY" => {
                return Err(FetchError::Client(format!(
                    "{key_label}: the private key is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN)"
                )))
            }
            [(_, key)] => key,
            [] => {
                return Err(FetchError::Client(format!(
                    "{key_label}: no PEM private key in it (expected -----BEGIN PRIVATE KEY-----, or an RSA or EC one)"
                )))
            }
            _ => {
                return Err(FetchError::Client(format!(
                    "{key_label}: {} private keys in it; give the one that goes with the certificate",
                    keys.len()
                )))
            }
        };
        let pem = format!("{}{key}", certificates.concat());
        let unusable = |e: reqwest::Error| {
            FetchError::Client(format!(
                "{cert_label} with {key_label}: not a usable certificate and key ({})",
                innermost(&e)
            ))
        };
        let identity = reqwest::Identity::from_pem(pem.as_bytes()).map_err(unusable)?;
        // `from_pem` only frames the blocks; rustls decodes the key (and checks that it goes
        // with the certificate) when a client is built. A client without trust roots costs
        // little, and says which files are wrong rather than "builder error" later.
        reqwest::Client::builder()
            .use_rustls_tls()
            .tls_built_in_root_certs(false)
            .identity(identity.clone())
            .build()
            .map_err(unusable)?;
        Ok(identity)
    }
}

/// The PEM blocks of a text: (label, the block from BEGIN to END with a final newline). Text
/// around them (openssl's `Bag Attributes`, comments) is skipped, as PEM readers do.
fn pem_blocks(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines().map(str::trim) {
        if let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        {
            current = Some((label.to_owned(), format!("{line}\n")));
        } else if let Some((label, mut block)) = current.take() {
            block.push_str(line);
            block.push('\n');
            if line == format!("-----END {label}-----") {
                blocks.push((label, block));
            } else {
                current = Some((label, block));
            }
        }
    }
    blocks
}

/// Extra CA bundles to trust, as spacectl reads them: `SPACELIFT_API_TLS_CA`, else
/// `SSL_CERT_FILE`.
fn extra_ca_files() -> Vec<(&'static str, std::path::PathBuf)> {
    ["SPACELIFT_API_TLS_CA", "SSL_CERT_FILE"]
        .into_iter()
        .find_map(|variable| {
            std::env::var_os(variable)
                .filter(|v| !v.is_empty())
                .map(|path| (variable, std::path::PathBuf::from(path)))
        })
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_split_at_the_first_colon_and_trim() {
        let h = Header::parse("  X-Origin :  https://example.com:8443/a ").unwrap();
        assert_eq!(h.name, "X-Origin");
        assert_eq!(h.value.expose(), "https://example.com:8443/a");
        assert_eq!(format!("{h:?}"), "X-Origin: ***");
    }

    #[test]
    fn redirects_stay_within_the_origin_or_upgrade_and_never_carry_secrets() {
        let url = |u: &str| reqwest::Url::parse(u).unwrap();
        let from = url("http://h:8080/graphql");
        assert_eq!(
            refuse_redirect(&from, &url("http://h:8080/v2"), false),
            None
        );
        assert_eq!(
            refuse_redirect(&from, &url("https://h:8443/graphql"), false),
            None
        );
        assert_eq!(
            refuse_redirect(&from, &url("http://h:8443/graphql"), false),
            Some("to another port")
        );
        assert_eq!(
            refuse_redirect(&from, &url("https://evil/graphql"), false),
            Some("to another host")
        );
        assert_eq!(
            refuse_redirect(&url("https://h/graphql"), &url("http://h/graphql"), false),
            Some("from https to http would send the request in cleartext")
        );
        assert_eq!(
            refuse_redirect(&from, &url("ftp://h/graphql"), false),
            Some("not to http or https")
        );
        // With credentials in the body, not even within the origin.
        assert!(refuse_redirect(&from, &url("http://h:8080/v2"), true).is_some());
    }

    #[test]
    fn bad_headers_do_not_echo_values() {
        let e = Header::parse("eyJhbGciOiJIUzI1NiJ9.pasted")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "-H value has no colon: expected `Name: Value`");
        let e = Header::parse("Bearer sekrit: x").unwrap_err().to_string();
        assert!(
            !e.contains("sekrit") && e.contains("no valid header name"),
            "{e}"
        );
        let e = Header::parse("Authorization Bearer-sekrit-value")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("sekrit"), "{e}");
        assert!(Header::parse(": v").is_err());
        let e = Header::parse("X: a\u{7}sekrit").unwrap_err().to_string();
        assert!(!e.contains("sekrit"), "{e}");
    }

    #[test]
    fn header_files_skip_comments_and_name_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("headers");
        std::fs::write(
            &path,
            "# secrets\nAuthorization: Bearer abc\n\nX-Team: core\n",
        )
        .unwrap();
        let headers = Header::parse_file(&path).unwrap();
        assert_eq!(headers.len(), 2);
        std::fs::write(&path, "X-Ok: 1\nbroken line\n").unwrap();
        let e = Header::parse_file(&path).unwrap_err().to_string();
        assert!(
            e.ends_with("line 2 has no colon: expected `Name: Value`"),
            "{e}"
        );
        assert!(!e.contains("broken"), "{e}");
    }

    fn vars(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    const ENV_PAIR: &[(&str, &str)] = &[
        ("SPACELIFT_API_TLS_CERT", "/env/cert.pem"),
        ("SPACELIFT_API_TLS_KEY", "/env/key.pem"),
    ];

    #[test]
    fn the_flags_pair_beats_the_environment_pair_and_halves_are_errors() {
        let from_env = ClientCertificate::resolve(None, None, &vars(ENV_PAIR))
            .unwrap()
            .unwrap();
        assert_eq!(from_env.certificate, PathBuf::from("/env/cert.pem"));
        assert!(!from_env.from_flags);
        let from_flags =
            ClientCertificate::resolve(Some("c.pem".into()), Some("k.pem".into()), &vars(ENV_PAIR))
                .unwrap()
                .unwrap();
        assert_eq!(
            (from_flags.certificate, from_flags.key),
            ("c.pem".into(), "k.pem".into())
        );
        // A flag never pairs with the environment's other half.
        let e = ClientCertificate::resolve(Some("c.pem".into()), None, &vars(ENV_PAIR))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "cannot set up the HTTP client: --tls-cert c.pem: a client certificate needs its private key too (--tls-key)"
        );
        let e = ClientCertificate::resolve(None, None, &vars(&[("SPACELIFT_API_TLS_KEY", "/k")]))
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with("SPACELIFT_API_TLS_KEY=/k: a private key needs its client certificate too (SPACELIFT_API_TLS_CERT)"),
            "{e}"
        );
        assert!(ClientCertificate::resolve(None, None, &vars(&[]))
            .unwrap()
            .is_none());
    }

    /// A certificate and its key from a throwaway CA-less self-signed pair.
    fn pair() -> (String, String) {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["client.test".into()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        (cert.pem(), key.serialize_pem())
    }

    fn files(dir: &Path, cert: &str, key: &str) -> ClientCertificate {
        std::fs::write(dir.join("cert.pem"), cert).unwrap();
        std::fs::write(dir.join("key.pem"), key).unwrap();
        ClientCertificate {
            certificate: dir.join("cert.pem"),
            key: dir.join("key.pem"),
            from_flags: true,
        }
    }

    #[test]
    fn a_certificate_and_its_key_make_an_identity_even_from_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = pair();
        assert!(files(dir.path(), &cert, &key).identity().is_ok());
        let combined = format!("Bag Attributes: openssl\n{key}{cert}");
        assert!(files(dir.path(), &combined, &combined).identity().is_ok());
        // And the HTTP client takes it.
        let options = HttpOptions {
            timeout: Duration::from_secs(1),
            retry: RetryPolicy::default(),
            headers: Vec::new(),
            tls: true,
            client_certificate: Some(files(dir.path(), &cert, &key)),
        };
        assert!(HttpClient::new(options, Redactor::default()).is_ok());
    }

    #[test]
    fn unusable_files_are_named_and_never_quoted() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = pair();
        let error = |c: &ClientCertificate| c.identity().unwrap_err().to_string();
        let missing = ClientCertificate {
            certificate: dir.path().join("nope.pem"),
            key: dir.path().join("key.pem"),
            from_flags: false,
        };
        let e = error(&missing);
        assert!(
            e.contains(&format!(
                "SPACELIFT_API_TLS_CERT={}/nope.pem: No such file",
                dir.path().display()
            )),
            "{e}"
        );
        let e = error(&files(dir.path(), "just text, not PEM", &key));
        assert!(
            e.ends_with(
                "cert.pem: no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)"
            ),
            "{e}"
        );
        let e = error(&files(dir.path(), &cert, &cert));
        assert!(
            e.contains("--tls-key ") && e.contains("key.pem: no PEM private key in it"),
            "{e}"
        );
        assert!(!e.contains("MII"), "{e}");
        let encrypted =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIabc\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let e = error(&files(dir.path(), &cert, encrypted));
        assert!(e.contains("the private key is encrypted"), "{e}");
        let e = error(&files(dir.path(), &cert, &format!("{key}{key}")));
        assert!(e.contains("2 private keys in it"), "{e}");
        // PEM framing around garbage: rustls refuses it, and the message does not echo it.
        let garbage = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n";
        let e = error(&files(dir.path(), &cert, garbage));
        assert!(e.contains("not a usable certificate and key"), "{e}");
        assert!(!e.contains("bm90IGEga2V5"), "{e}");
        // Someone else's key.
        let (_, other_key) = pair();
        let e = error(&files(dir.path(), &cert, &other_key));
        assert!(e.contains("not a usable certificate and key"), "{e}");
    }

    #[test]
    fn pem_blocks_skip_what_is_around_them() {
        let text = "junk\n-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\nmore\n-----BEGIN EC PRIVATE KEY-----\nBBB\n-----END EC PRIVATE KEY-----";
        let blocks = pem_blocks(text);
        let labels: Vec<&str> = blocks.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["CERTIFICATE", "EC PRIVATE KEY"]);
        assert_eq!(
            blocks[0].1,
            "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n"
        );
        assert!(pem_blocks("-----BEGIN CERTIFICATE-----\nAAA\n").is_empty());
    }
}
