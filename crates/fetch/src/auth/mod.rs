//! Credentials and the bearer tokens they turn into: Spacelift's three ways in (a raw API token,
//! an API key exchanged by `apiKeyUser`, a GitHub token exchanged by `oauthUser`), resolved from
//! flags, the environment and spacectl's profile file with spacectl's precedence, exchanged JWTs
//! cached on disk and refreshed before they expire.
//!
//! Every secret is held in a [`Secret`], whose `Debug` prints nothing of it, and every text that
//! came from a server passes through a [`Redactor`] before it reaches a message.

mod cache;
mod env;
mod exchange;
mod jwt;
mod key_file;
mod profile;
mod source;

pub use cache::{CachedToken, ExchangeLock, TokenCache};
pub use env::{resolve, CredentialFlags, Origin, ProfileChoice, Resolution, Resolved};
pub use jwt::Claims;
pub use key_file::read_key_file;
pub use profile::{Profile, ProfileFile, ProfileFileError};
pub(crate) use source::TokenSource;

use std::fmt;
use std::sync::{Arc, Mutex};

/// A secret value (a token, an API key secret, a JWT). Its `Debug` never shows it and it has no
/// `Display`: the only way to the text is [`Secret::expose`], at the place it is sent.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// How a user proves who they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credentials {
    /// A JWT sent as is (`--token`, `SPACELIFT_API_TOKEN`); never refreshed.
    Token(Secret),
    /// A Spacelift API key, exchanged for a JWT by `apiKeyUser(id:, secret:)`.
    ApiKey { id: String, secret: Secret },
    /// A GitHub token, exchanged for a JWT by `oauthUser(token:)`.
    GitHub(Secret),
}

/// The kind of credentials, as shown by `schemalift auth status` and stored in the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    Token,
    ApiKey,
    Github,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Token => "token",
            Method::ApiKey => "api-key",
            Method::Github => "github",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Credentials {
    pub fn method(&self) -> Method {
        match self {
            Credentials::Token(_) => Method::Token,
            Credentials::ApiKey { .. } => Method::ApiKey,
            Credentials::GitHub(_) => Method::Github,
        }
    }

    /// The secret values, for the redactor.
    fn secrets(&self) -> Vec<&str> {
        match self {
            Credentials::Token(token) => vec![token.expose()],
            Credentials::ApiKey { secret, .. } => vec![secret.expose()],
            Credentials::GitHub(token) => vec![token.expose()],
        }
    }
}

/// Replaces every known secret in a text with `***`. Shared by everything that turns server
/// answers into messages, and told about each JWT as soon as it is obtained, because servers echo
/// what they were sent (a token in an error message, a header in an HTML error page).
#[derive(Clone, Default)]
pub struct Redactor {
    secrets: Arc<Mutex<Vec<String>>>,
}

impl Redactor {
    /// Values this short are not worth hiding and would mangle ordinary words.
    const SHORTEST: usize = 4;

    pub fn add(&self, secret: &str) {
        if secret.len() < Self::SHORTEST {
            return;
        }
        if let Ok(mut secrets) = self.secrets.lock() {
            if !secrets.iter().any(|s| s == secret) {
                secrets.push(secret.to_owned());
                // Longest first, so a secret containing another is hidden whole.
                secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
            }
        }
    }

    /// A header the user gave (`-H`, `--header-file`): its whole value, and for
    /// `Authorization` and `Proxy-Authorization` also the credential after the scheme word
    /// (`Bearer T` → `T`), because a server that refuses it echoes the token alone.
    pub fn add_header(&self, name: &str, value: &str) {
        self.add(value);
        if name.eq_ignore_ascii_case("authorization")
            || name.eq_ignore_ascii_case("proxy-authorization")
        {
            if let Some((_, credential)) = value.trim().split_once(char::is_whitespace) {
                self.add(credential.trim());
            }
        }
    }

    pub fn add_credentials(&self, credentials: &Credentials) {
        for secret in credentials.secrets() {
            self.add(secret);
        }
    }

    pub fn scrub(&self, text: &str) -> String {
        let Ok(secrets) = self.secrets.lock() else {
            return "[message withheld]".to_owned();
        };
        let mut out = text.to_owned();
        for secret in secrets.iter() {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), "***");
            }
        }
        out
    }
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Redactor")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let all = [
            Credentials::Token(Secret::new("tok-SECRET-1")),
            Credentials::ApiKey {
                id: "01KEYID".into(),
                secret: Secret::new("key-SECRET-2"),
            },
            Credentials::GitHub(Secret::new("gh-SECRET-3")),
        ];
        let printed = format!("{all:?} {all:#?}");
        assert!(!printed.contains("SECRET"), "{printed}");
        assert!(
            printed.contains("01KEYID"),
            "key ids are not secret: {printed}"
        );
    }

    #[test]
    fn redactor_hides_longest_first() {
        let r = Redactor::default();
        r.add("abcd");
        r.add("abcdefgh");
        r.add("ab");
        assert_eq!(r.scrub("x abcdefgh y abcd ab"), "x *** y *** ab");
    }

    #[test]
    fn authorization_headers_hide_their_credential_alone_too() {
        let r = Redactor::default();
        r.add_header("Authorization", "Bearer tok-SECRET-1");
        r.add_header("proxy-authorization", "Basic  dXNlcjpTRUNSRVQ=");
        r.add_header("X-Api-Key", "key-SECRET-2");
        // Only the credential of an authorization header; another header's words are not.
        r.add_header("X-Note", "Bearer notasecret");
        assert_eq!(
            r.scrub("bad token tok-SECRET-1; Bearer tok-SECRET-1; dXNlcjpTRUNSRVQ= key-SECRET-2"),
            "bad token ***; ***; *** ***"
        );
        assert_eq!(r.scrub("notasecret"), "notasecret");
    }
}
