//! Where each request's bearer token comes from: the raw token as given, or a JWT exchanged
//! from an API key or GitHub token — taken from the cache while it has more than 30 seconds to
//! live (spacectl's margin), exchanged again otherwise or when the server says unauthorized.
//! An exchange holds the cache's lock for its key, and looks in the cache again once it has it:
//! runs that start together on a cold cache wait for the first one's token instead of each
//! logging in.

use super::{exchange, CachedToken, Credentials, ExchangeLock, Redactor, Secret, TokenCache};
use crate::http::HttpClient;
use crate::{Endpoint, FetchError};
use std::time::{Duration, Instant};

/// Tokens are renewed this long before they expire, so none runs out mid-request.
const REFRESH_MARGIN_SECS: i64 = 30;

/// How often a run waiting for another run's exchange looks again.
const LOCK_POLL: Duration = Duration::from_millis(50);

/// The longest a run waits for another's exchange when it has no deadline of its own; an
/// exchange takes a second, so a lock held longer belongs to a stuck process.
const LONGEST_LOCK_WAIT: Duration = Duration::from_secs(120);

fn fresh(valid_until: i64) -> bool {
    now() + REFRESH_MARGIN_SECS < valid_until
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub(crate) struct TokenSource {
    credentials: Credentials,
    cache: Option<(TokenCache, String)>,
    /// Whether the cache directory has been checked (see [`TokenCache::secure`]).
    cache_checked: bool,
    current: Option<(Secret, i64)>,
    /// Exchanges made by this source (each one is a billed login at Spacelift).
    pub exchanges: u32,
    /// What the user should know (a cache that cannot be written), for the fetch's warnings.
    pub warnings: Vec<String>,
}

impl TokenSource {
    pub(crate) fn new(
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
            cache_checked: false,
            current: None,
            exchanges: 0,
            warnings: Vec::new(),
        }
    }

    pub(crate) fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Whether a refused token can be replaced by exchanging again.
    pub(crate) fn can_refresh(&self) -> bool {
        !matches!(self.credentials, Credentials::Token(_))
    }

    /// The bearer for the next request. `renew` discards the current token (the server refused
    /// it) and exchanges again.
    pub(crate) async fn bearer(
        &mut self,
        http: &HttpClient,
        endpoint: &Endpoint,
        redactor: &Redactor,
        renew: bool,
    ) -> Result<Secret, FetchError> {
        if let Credentials::Token(token) = &self.credentials {
            return Ok(token.clone());
        }
        // The refused token, which neither memory nor the cache may hand out again.
        let refused = if renew {
            self.current.take().map(|(token, _)| token)
        } else {
            None
        };
        if let Some((token, valid_until)) = &self.current {
            if fresh(*valid_until) {
                return Ok(token.clone());
            }
        }
        self.check_cache();
        if !renew {
            if let Some(token) = self.cached(redactor, None) {
                return Ok(token);
            }
        }
        let _lock = self.lock(http).await;
        // Another run may have exchanged (or renewed) while this one waited for the lock.
        if let Some(token) = self.cached(redactor, refused.as_ref()) {
            return Ok(token);
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

    /// Check the cache directory once: a repaired one is a warning, an untrusted one is not used.
    fn check_cache(&mut self) {
        if std::mem::replace(&mut self.cache_checked, true) {
            return;
        }
        let Some((cache, _)) = &self.cache else {
            return;
        };
        match cache.secure() {
            Ok(None) => {}
            Ok(Some(note)) => self.warnings.push(note),
            Err(e) => {
                self.warnings.push(format!(
                    "{e}; continuing without the token cache (--no-cache skips it)"
                ));
                self.cache = None;
            }
        }
    }

    /// A fresh cached token that is not the `refused` one (which is dropped from the cache).
    fn cached(&mut self, redactor: &Redactor, refused: Option<&Secret>) -> Option<Secret> {
        let (cache, key) = self.cache.as_ref()?;
        let cached = cache.get(key)?;
        let token = cached.jwt();
        if refused == Some(&token) {
            cache.remove(key);
            return None;
        }
        if !fresh(cached.valid_until) {
            return None;
        }
        redactor.add(token.expose());
        self.current = Some((token.clone(), cached.valid_until));
        Some(token)
    }

    /// The exchange lock for this key, waited for within the fetch's deadline. `None` without a
    /// cache, or when no lock can be had in time: then the run exchanges on its own.
    async fn lock(&self, http: &HttpClient) -> Option<ExchangeLock> {
        let (cache, key) = self.cache.as_ref()?;
        let deadline = http.limits().deadline;
        let started = Instant::now();
        loop {
            match cache.try_lock(key) {
                Ok(Some(lock)) => return Some(lock),
                Ok(None)
                    if started.elapsed() + LOCK_POLL < LONGEST_LOCK_WAIT
                        && deadline.is_none_or(|d| d.allows_wait(LOCK_POLL)) =>
                {
                    tokio::time::sleep(LOCK_POLL).await
                }
                // Held too long, or no lock file can be made (an unwritable cache, whose
                // failure the exchange's `put` reports).
                _ => return None,
            }
        }
    }
}
