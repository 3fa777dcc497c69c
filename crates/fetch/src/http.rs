//! The HTTP client every request goes through: reqwest with rustls, proxies from the
//! environment (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`), extra CA certificates from
//! `SPACELIFT_API_TLS_CA` or `SSL_CERT_FILE`, a per-request timeout, the user's headers, a
//! `User-Agent: schemalift/<version>` and retries (see [`crate::retry`]).

use crate::auth::{Redactor, Secret};
use crate::retry::{parse_retry_after, RetryPolicy};
use crate::{Endpoint, FetchError};
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER,
};
use std::fmt;
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
    /// Parse `Name: Value`: split at the first colon (values such as URLs keep theirs), both
    /// sides trimmed. The error never repeats the value.
    pub fn parse(text: &str) -> Result<Header, FetchError> {
        let Some((name, value)) = text.split_once(':') else {
            return Err(FetchError::Credentials(format!(
                "header `{}` has no colon: expected `Name: Value`",
                text.chars()
                    .take_while(|c| !c.is_whitespace())
                    .take(40)
                    .collect::<String>()
            )));
        };
        let name = name.trim();
        if HeaderName::from_bytes(name.as_bytes()).is_err() || name.is_empty() {
            return Err(FetchError::Credentials(format!(
                "`{name}` is not a valid header name"
            )));
        }
        let value = value.trim();
        if HeaderValue::from_str(value).is_err() {
            return Err(FetchError::Credentials(format!(
                "the value of header `{name}` has characters a header cannot carry"
            )));
        }
        Ok(Header {
            name: name.to_owned(),
            value: Secret::new(value),
        })
    }

    /// Headers from a file: one `Name: Value` a line; blank lines and `#` comments skipped.
    pub fn parse_file(path: &std::path::Path) -> Result<Vec<Header>, FetchError> {
        let text = std::fs::read_to_string(path).map_err(|e| FetchError::CredentialsFile {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
            .map(|(n, line)| {
                Header::parse(line).map_err(|e| FetchError::CredentialsFile {
                    path: path.to_owned(),
                    message: format!("line {}: {e}", n + 1),
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
    options: HttpOptions,
    headers: HeaderMap,
    redactor: Redactor,
}

impl HttpClient {
    pub fn new(options: HttpOptions, redactor: Redactor) -> Result<HttpClient, FetchError> {
        let mut headers = HeaderMap::new();
        headers.insert(
            "Spacelift-Client-Type",
            HeaderValue::from_static("schemalift"),
        );
        for header in &options.headers {
            redactor.add(header.value.expose());
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
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(options.timeout)
            .connect_timeout(options.timeout.min(Duration::from_secs(30)))
            .use_rustls_tls();
        if !options.tls {
            // Without trust roots an https redirect would fail as a certificate error; say
            // what happened instead.
            builder =
                builder
                    .tls_built_in_root_certs(false)
                    .redirect(reqwest::redirect::Policy::custom(|attempt| {
                        if attempt.url().scheme() == "https" {
                            let error = format!(
                                "redirected to {}: give the https endpoint itself",
                                attempt.url()
                            );
                            attempt.error(error)
                        } else if attempt.previous().len() >= 10 {
                            attempt.error("too many redirects")
                        } else {
                            attempt.follow()
                        }
                    }));
        }
        for (variable, path) in extra_ca_files() {
            let pem = std::fs::read(&path)
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
        let client = builder
            .build()
            .map_err(|e| FetchError::Client(e.to_string()))?;
        Ok(HttpClient {
            client,
            options,
            headers,
            redactor,
        })
    }

    /// POST a JSON body, retrying transport failures and "later" statuses. The last reply is
    /// returned whatever its status; only a transport failure on every attempt is an error.
    pub async fn post(
        &self,
        endpoint: &Endpoint,
        body: &serde_json::Value,
        bearer: Option<&Secret>,
    ) -> Result<Reply, FetchError> {
        let body = serde_json::to_vec(body).map_err(|e| FetchError::Client(e.to_string()))?;
        let policy = self.options.retry;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut headers = self.headers.clone();
            if let Some(bearer) = bearer {
                let mut value = HeaderValue::from_str(&format!("Bearer {}", bearer.expose()))
                    .map_err(|_| {
                        FetchError::Credentials(
                            "the token has characters a header cannot carry".into(),
                        )
                    })?;
                value.set_sensitive(true);
                // The credentials' bearer replaces an Authorization given with -H.
                headers.insert(AUTHORIZATION, value);
            }
            let request = self
                .client
                .post(endpoint.url().clone())
                .headers(headers)
                .header(CONTENT_TYPE, "application/json")
                .header(
                    reqwest::header::ACCEPT,
                    "application/graphql-response+json, application/json",
                )
                .body(body.clone());
            let retries_left = attempt <= policy.retries;
            match self.send(request).await {
                Ok((reply, retry_after)) => {
                    if retries_left && RetryPolicy::retryable_status(reply.status) {
                        tokio::time::sleep(policy.delay(attempt - 1, retry_after)).await;
                        continue;
                    }
                    return Ok(reply);
                }
                Err(error) => {
                    if retries_left && !error.is_redirect() {
                        tokio::time::sleep(policy.delay(attempt - 1, None)).await;
                        continue;
                    }
                    return Err(self.transport_error(endpoint, &error, attempt));
                }
            }
        }
    }

    async fn send(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<(Reply, Option<Duration>), reqwest::Error> {
        let response = request.send().await?;
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
        let body = response.bytes().await?.to_vec();
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
        // reqwest's own messages are generic ("error sending request", "client error
        // (Connect)"); the innermost cause says what happened (refused, DNS, TLS).
        let mut innermost: &dyn std::error::Error = error;
        while let Some(cause) = innermost.source() {
            innermost = cause;
        }
        let what = if error.is_connect() {
            "cannot connect"
        } else if error.is_body() || error.is_decode() {
            "the answer broke off"
        } else {
            "request failed"
        };
        let message = format!("{what}: {innermost}");
        FetchError::Connect {
            endpoint: endpoint.to_string(),
            message: self.redactor.scrub(&message),
            attempts,
        }
    }
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
    fn bad_headers_do_not_echo_values() {
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
        assert!(e.contains("line 2"), "{e}");
    }
}
