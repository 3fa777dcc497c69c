//! Where each request's bearer token comes from: the raw token as given, or a JWT exchanged
//! from an API key or GitHub token — taken from the cache while it has more than 30 seconds to
//! live (spacectl's margin), exchanged again otherwise or when the server says unauthorized.

use super::{exchange, CachedToken, Credentials, Redactor, Secret, TokenCache};
use crate::http::HttpClient;
use crate::{Endpoint, FetchError};

/// Tokens are renewed this long before they expire, so none runs out mid-request.
const REFRESH_MARGIN_SECS: i64 = 30;

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub(crate) struct TokenSource {
    credentials: Credentials,
    cache: Option<(TokenCache, String)>,
    current: Option<(Secret, i64)>,
    /// Exchanges made by this source (each one is a billed login at Spacelift).
    pub exchanges: u32,
    /// What the user should know (a cache that cannot be written), for the fetch's warnings.
    pub warnings: Vec<String>,
}

impl TokenSource {
    pub fn new(
        credentials: Credentials,
        endpoint: &Endpoint,
        cache: Option<TokenCache>,
    ) -> TokenSource {
        let cache = match &credentials {
            Credentials::Token(_) => None,
            Credentials::ApiKey { id, secret } => cache.map(|c| {
                let key = TokenCache::key(endpoint, credentials.method(), Some(id), secret);
                (c, key)
            }),
            Credentials::GitHub(token) => cache.map(|c| {
                let key = TokenCache::key(endpoint, credentials.method(), None, token);
                (c, key)
            }),
        };
        TokenSource {
            credentials,
            cache,
            current: None,
            exchanges: 0,
            warnings: Vec::new(),
        }
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Whether a refused token can be replaced by exchanging again.
    pub fn can_refresh(&self) -> bool {
        !matches!(self.credentials, Credentials::Token(_))
    }

    /// The bearer for the next request. `renew` discards the current token (the server refused
    /// it) and exchanges again.
    pub async fn bearer(
        &mut self,
        http: &HttpClient,
        endpoint: &Endpoint,
        redactor: &Redactor,
        renew: bool,
    ) -> Result<Secret, FetchError> {
        if let Credentials::Token(token) = &self.credentials {
            return Ok(token.clone());
        }
        let fresh = |valid_until: i64| now() + REFRESH_MARGIN_SECS < valid_until;
        if renew {
            self.current = None;
            if let Some((cache, key)) = &self.cache {
                cache.remove(key);
            }
        }
        if let Some((token, valid_until)) = &self.current {
            if fresh(*valid_until) {
                return Ok(token.clone());
            }
        }
        if !renew {
            if let Some(cached) = self.cache.as_ref().and_then(|(cache, key)| cache.get(key)) {
                if fresh(cached.valid_until) {
                    let token = cached.jwt();
                    redactor.add(token.expose());
                    self.current = Some((token.clone(), cached.valid_until));
                    return Ok(token);
                }
            }
        }
        let (token, valid_until) =
            exchange::exchange(http, endpoint, &self.credentials, redactor).await?;
        self.exchanges += 1;
        if let Some((cache, key)) = &self.cache {
            let key_id = match &self.credentials {
                Credentials::ApiKey { id, .. } => Some(id.clone()),
                _ => None,
            };
            let entry = CachedToken::new(
                endpoint,
                self.credentials.method(),
                key_id,
                &token,
                valid_until,
            );
            // The exchange is done (and billed): a cache that cannot keep its token must not
            // throw it away. Go on without the cache rather than exchange again for nothing.
            if let Err(e) = cache.put(key, &entry) {
                self.warnings.push(format!(
                    "{e}; continuing without the token cache (the next run exchanges the credentials again; --no-cache skips the cache)"
                ));
                self.cache = None;
            }
        }
        self.current = Some((token.clone(), valid_until));
        Ok(token)
    }
}
