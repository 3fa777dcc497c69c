//! The HTTP client every request goes through: reqwest with rustls, proxies from the
//! environment (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`), extra CA certificates from
//! `SPACELIFT_API_TLS_CA` or `SSL_CERT_FILE`, a client certificate for mutual TLS
//! (`--tls-cert`/`--tls-key`, else `SPACELIFT_API_TLS_CERT`/`_KEY`, as spacectl reads them), a
//! per-request timeout, the user's headers, a `User-Agent: schemalift/<version>` and retries
//! (see [`crate::retry`]).
//!
//! One concern a module: [`headers`] (the user's headers), [`tls`] (extra CA files and the
//! client certificate), [`redirect`] (which redirects are followed); this module sends, follows
//! redirects, retries and reads the answer within its size cap.

mod headers;
mod redirect;
mod tls;

pub use headers::Header;
pub use tls::ClientCertificate;

use crate::auth::{Redactor, Secret};
use crate::retry::{parse_retry_after, Limits, RetryPolicy};
use crate::{Endpoint, FetchError};
use redirect::{refuse_redirect, MAX_REDIRECTS};
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use std::time::{Duration, SystemTime};

pub const USER_AGENT: &str = concat!("schemalift/", env!("CARGO_PKG_VERSION"));

/// What came back: status, content type and body, whatever they are.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

#[derive(Debug, Clone)]
pub(crate) struct HttpOptions {
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
    pub(crate) fn needs_tls(endpoint: &Endpoint) -> bool {
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

pub(crate) struct HttpClient {
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

/// Why one attempt failed: the transport, or a redirect refused (never retried).
enum SendError {
    Transport(reqwest::Error),
    Redirect(String),
    Client(FetchError),
    /// Larger than [`Limits::max_response_size`].
    TooLarge,
}

impl HttpClient {
    pub(crate) fn new(options: HttpOptions, redactor: Redactor) -> Result<HttpClient, FetchError> {
        let headers = headers::header_map(&options.headers, &redactor)?;
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
    pub(crate) fn set_limits(&self, limits: Limits) {
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
    pub(crate) async fn post(
        &self,
        endpoint: &Endpoint,
        body: &serde_json::Value,
        bearer: Option<&Secret>,
    ) -> Result<Reply, FetchError> {
        self.post_with(endpoint, body, bearer, false).await
    }

    /// [`HttpClient::post`] for a body that carries credentials (an exchange): no redirect is
    /// followed, wherever it leads.
    pub(crate) async fn post_secret(
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
    for certificate in tls::extra_roots()? {
        builder = builder.add_root_certificate(certificate);
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
