//! The token cache: exchanged JWTs on disk, so that runs in a row (and CI steps) do not each
//! exchange the API key again — Spacelift bills every exchange as a user login.
//!
//! One JSON file per (endpoint, method, key) under `$SCHEMALIFT_CACHE_DIR/tokens/` (default: the
//! user's cache directory, `~/.cache/schemalift/tokens` on Linux). The file name is a SHA-256 of
//! the endpoint, the method, the key ID and a SHA-256 of the secret, so no secret is ever a
//! name, and a changed secret never reuses a token the old one earned. Files are private (0600,
//! in a 0700 directory) and written atomically.
//!
//! The directory is trusted only when it is a real directory of the user's own (not a symbolic
//! link, not another user's) and private; token files are read only when they are regular files
//! of the user's own, since whoever can plant one decides which JWT is sent. A per-key lock file
//! serialises exchanges across processes, so runs starting together on a cold cache make one
//! billed login between them.

use super::{Method, Secret};
use crate::{Endpoint, FetchError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::path::{Path, PathBuf};

/// A cached JWT and what it is for.
#[derive(Clone, Serialize, Deserialize)]
pub struct CachedToken {
    pub endpoint: String,
    pub method: Method,
    /// The API key ID (not a secret; Spacelift shows it in its UI). `None` for GitHub tokens.
    pub key_id: Option<String>,
    /// Unix seconds, Spacelift's `validUntil`.
    pub valid_until: i64,
    jwt: String,
}

impl CachedToken {
    pub fn new(
        endpoint: &Endpoint,
        method: Method,
        key_id: Option<String>,
        jwt: &Secret,
        valid_until: i64,
    ) -> CachedToken {
        CachedToken {
            endpoint: endpoint.cache_identity(),
            method,
            key_id,
            valid_until,
            jwt: jwt.expose().to_owned(),
        }
    }

    pub fn jwt(&self) -> Secret {
        Secret::new(self.jwt.clone())
    }
}

impl fmt::Debug for CachedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachedToken")
            .field("endpoint", &self.endpoint)
            .field("method", &self.method)
            .field("key_id", &self.key_id)
            .field("valid_until", &self.valid_until)
            .field("jwt", &"***")
            .finish()
    }
}

/// The directory of cached tokens.
#[derive(Debug, Clone)]
pub struct TokenCache {
    dir: PathBuf,
}

impl TokenCache {
    /// `$SCHEMALIFT_CACHE_DIR/tokens`, else the platform cache directory's `schemalift/tokens`.
    pub fn default_location() -> Result<TokenCache, FetchError> {
        let base = match std::env::var_os("SCHEMALIFT_CACHE_DIR").filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => dirs::cache_dir()
                .map(|dir| dir.join("schemalift"))
                .ok_or_else(|| FetchError::Cache {
                    path: PathBuf::from("~/.cache/schemalift"),
                    message: "no cache directory for this user; set SCHEMALIFT_CACHE_DIR or pass --no-cache".into(),
                })?,
        };
        Ok(TokenCache::at(base.join("tokens")))
    }

    pub fn at(dir: impl Into<PathBuf>) -> TokenCache {
        TokenCache { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file name for a key: no secret in it, in clear or recoverable.
    pub fn key(
        endpoint: &Endpoint,
        method: Method,
        key_id: Option<&str>,
        secret: &Secret,
    ) -> String {
        let secret_hash = Sha256::digest(secret.expose().as_bytes());
        let mut hasher = Sha256::new();
        for part in [
            endpoint.cache_identity().as_bytes(),
            method.as_str().as_bytes(),
            key_id.unwrap_or("").as_bytes(),
            &secret_hash[..],
        ] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        hex(&hasher.finalize())
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// Whether the directory can be trusted with tokens: `Ok(None)` when it can (or does not
    /// exist yet), `Ok(Some(note))` when it was group- or world-accessible and has been made
    /// private (`0700`) again, an error when it is a symbolic link, not a directory, or owned by
    /// another user — refused rather than repaired, as it is not the user's to change.
    pub fn secure(&self) -> Result<Option<String>, FetchError> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::{MetadataExt, PermissionsExt};
            let metadata = match std::fs::symlink_metadata(&self.dir) {
                Ok(metadata) => metadata,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(self.error(&self.dir, e)),
            };
            let refuse = |why: String| {
                Err(self.error(
                    &self.dir,
                    format!("{why}; the token cache must be a private directory of your own (remove it, set SCHEMALIFT_CACHE_DIR, or pass --no-cache)"),
                ))
            };
            if metadata.file_type().is_symlink() {
                return refuse("is a symbolic link".into());
            }
            if !metadata.is_dir() {
                return refuse("is not a directory".into());
            }
            if metadata.uid() != euid() {
                return refuse(format!("is owned by another user (uid {})", metadata.uid()));
            }
            let mode = metadata.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o700))
                    .map_err(|e| self.error(&self.dir, e))?;
                return Ok(Some(format!(
                    "the token cache {} was open to other users (mode {mode:o}); made it private (700)",
                    self.dir.display()
                )));
            }
        }
        Ok(None)
    }

    /// Hold the exchange for a key: `Ok(None)` while another process holds it. Released when
    /// the [`ExchangeLock`] is dropped, or by the system when its process ends.
    pub fn try_lock(&self, key: &str) -> std::io::Result<Option<ExchangeLock>> {
        create_private_dir(&self.dir)?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(self.dir.join(format!("{key}.lock")))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(ExchangeLock(file))),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }

    /// The cached token for a key, if there is a readable one. A corrupt file is as good as none.
    pub fn get(&self, key: &str) -> Option<CachedToken> {
        let bytes = read_token_file(&self.path(key)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn put(&self, key: &str, token: &CachedToken) -> Result<(), FetchError> {
        let bytes = serde_json::to_vec_pretty(token).map_err(|e| self.error(&self.dir, e))?;
        create_private_dir(&self.dir).map_err(|e| self.error(&self.dir, e))?;
        let path = self.path(key);
        schemalift_model::replace_private(&path, &bytes).map_err(|e| self.error(&path, e))
    }

    pub fn remove(&self, key: &str) {
        let _ = std::fs::remove_file(self.path(key));
    }

    /// Every cached token, with its file, sorted by endpoint then method.
    pub fn list(&self) -> Result<Vec<(PathBuf, CachedToken)>, FetchError> {
        self.secure()?;
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.error(&self.dir, e)),
        };
        let mut tokens = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                if let Some(token) = read_token_file(&path)
                    .ok()
                    .and_then(|b| serde_json::from_slice::<CachedToken>(&b).ok())
                {
                    tokens.push((path, token));
                }
            }
        }
        tokens.sort_by(|a, b| {
            (&a.1.endpoint, a.1.method.as_str(), &a.1.key_id).cmp(&(
                &b.1.endpoint,
                b.1.method.as_str(),
                &b.1.key_id,
            ))
        });
        Ok(tokens)
    }

    /// Delete the cached tokens of one endpoint, or all of them, with their lock files; returns
    /// how many tokens were deleted.
    pub fn logout(&self, endpoint: Option<&Endpoint>) -> Result<usize, FetchError> {
        let wanted = endpoint.map(Endpoint::cache_identity);
        let mut removed = 0;
        for (path, token) in self.list()? {
            if wanted.as_ref().is_none_or(|w| *w == token.endpoint) {
                std::fs::remove_file(&path).map_err(|e| self.error(&path, e))?;
                let _ = std::fs::remove_file(path.with_extension("lock"));
                removed += 1;
            }
        }
        Ok(removed)
    }

    fn error(&self, path: &Path, e: impl fmt::Display) -> FetchError {
        FetchError::Cache {
            path: path.to_owned(),
            message: e.to_string(),
        }
    }
}

/// The exchange of one key, held (see [`TokenCache::try_lock`]).
#[derive(Debug)]
pub struct ExchangeLock(#[allow(dead_code)] std::fs::File);

/// A cached token is a few hundred bytes; anything else in its place is not one, and neither is
/// a symbolic link or a file of another user's. (Nobody else can swap the file between the
/// check and the read: the directory is the user's own and private, see [`TokenCache::secure`].)
fn read_token_file(path: &Path) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let metadata = std::fs::symlink_metadata(path)?;
        if !metadata.file_type().is_file() || metadata.uid() != euid() {
            return Err(std::io::Error::other(
                "not a regular file of this user's own",
            ));
        }
    }
    crate::files::read_bounded(path, crate::files::SMALL_FILE_LIMIT)
}

#[cfg(unix)]
fn euid() -> u32 {
    rustix::process::geteuid().as_raw()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(url: &str) -> Endpoint {
        Endpoint::parse(url).unwrap()
    }

    #[test]
    fn stores_privately_and_lists_without_the_jwt() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::at(dir.path().join("tokens"));
        let e = endpoint("https://acme.app.spacelift.io");
        let secret = Secret::new("the-api-secret");
        let key = TokenCache::key(&e, Method::ApiKey, Some("01KEY"), &secret);
        assert!(!key.contains("the-api-secret"));
        let token = CachedToken::new(
            &e,
            Method::ApiKey,
            Some("01KEY".into()),
            &Secret::new("jwt.jwt.jwt"),
            42,
        );
        cache.put(&key, &token).unwrap();
        assert_eq!(cache.get(&key).unwrap().jwt(), Secret::new("jwt.jwt.jwt"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(cache.path(&key))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            let mode = std::fs::metadata(cache.dir()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        let listed = cache.list().unwrap();
        assert_eq!(listed.len(), 1);
        assert!(!format!("{listed:?}").contains("jwt.jwt.jwt"));
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(cache.dir()).unwrap().count(), 1);
    }

    #[test]
    fn keys_differ_by_endpoint_method_key_and_secret() {
        let a = endpoint("https://a.app.spacelift.io");
        let b = endpoint("https://b.app.spacelift.io/graphql");
        let s = Secret::new("s");
        let base = TokenCache::key(&a, Method::ApiKey, Some("K"), &s);
        assert_eq!(
            base,
            TokenCache::key(
                &endpoint("https://a.app.spacelift.io/"),
                Method::ApiKey,
                Some("K"),
                &s
            )
        );
        assert_ne!(base, TokenCache::key(&b, Method::ApiKey, Some("K"), &s));
        assert_ne!(base, TokenCache::key(&a, Method::Github, Some("K"), &s));
        assert_ne!(base, TokenCache::key(&a, Method::ApiKey, Some("L"), &s));
        assert_ne!(
            base,
            TokenCache::key(&a, Method::ApiKey, Some("K"), &Secret::new("t"))
        );
    }

    #[test]
    fn logout_by_endpoint_or_all() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::at(dir.path());
        let jwt = Secret::new("j");
        for (url, id) in [
            ("https://a.io/graphql", "1"),
            ("https://a.io/graphql", "2"),
            ("https://b.io/graphql", "1"),
        ] {
            let e = endpoint(url);
            let key = TokenCache::key(&e, Method::ApiKey, Some(id), &jwt);
            cache
                .put(
                    &key,
                    &CachedToken::new(&e, Method::ApiKey, Some(id.into()), &jwt, 1),
                )
                .unwrap();
        }
        assert_eq!(
            cache
                .logout(Some(&endpoint("https://a.io/graphql")))
                .unwrap(),
            2
        );
        assert_eq!(cache.list().unwrap().len(), 1);
        assert_eq!(cache.logout(None).unwrap(), 1);
        assert!(cache.list().unwrap().is_empty());
    }

    fn cached_one(cache: &TokenCache) -> String {
        let e = endpoint("https://acme.app.spacelift.io");
        let key = TokenCache::key(&e, Method::ApiKey, Some("K"), &Secret::new("s"));
        let token = CachedToken::new(
            &e,
            Method::ApiKey,
            Some("K".into()),
            &Secret::new("j.w.t"),
            42,
        );
        cache.put(&key, &token).unwrap();
        key
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_tokens_directory_is_refused_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = TokenCache::at(dir.path().join("elsewhere"));
        cached_one(&elsewhere);
        std::os::unix::fs::symlink(elsewhere.dir(), dir.path().join("tokens")).unwrap();
        let cache = TokenCache::at(dir.path().join("tokens"));
        let error = cache.secure().unwrap_err().to_string();
        assert!(
            error.contains("is a symbolic link") && error.contains("--no-cache"),
            "{error}"
        );
        assert!(
            cache.list().is_err(),
            "auth status must not list through the link"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_directory_open_to_others_is_made_private_again() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::at(dir.path().join("tokens"));
        assert_eq!(cache.secure().unwrap(), None, "no directory yet is fine");
        cached_one(&cache);
        std::fs::set_permissions(cache.dir(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let note = cache.secure().unwrap().expect("a note about the repair");
        assert!(
            note.contains("mode 777") && note.contains("private"),
            "{note}"
        );
        let mode = std::fs::metadata(cache.dir()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        assert_eq!(cache.secure().unwrap(), None);
    }

    #[cfg(unix)]
    #[test]
    fn token_files_that_are_links_or_not_the_users_are_ignored() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::at(dir.path().join("tokens"));
        let key = cached_one(&cache);
        assert!(cache.get(&key).is_some());
        // A link to a token file elsewhere (a planted JWT) is not a token.
        let planted = dir.path().join("planted.json");
        std::fs::rename(cache.path(&key), &planted).unwrap();
        std::os::unix::fs::symlink(&planted, cache.path(&key)).unwrap();
        assert!(cache.get(&key).is_none());
        assert!(cache.list().unwrap().is_empty());
        // A file of another user's: only root can make one.
        std::fs::remove_file(cache.path(&key)).unwrap();
        std::fs::rename(&planted, cache.path(&key)).unwrap();
        assert!(cache.get(&key).is_some());
        if euid() == 0 {
            std::os::unix::fs::chown(cache.path(&key), Some(4242), None).unwrap();
            assert_eq!(std::fs::metadata(cache.path(&key)).unwrap().uid(), 4242);
            assert!(
                cache.get(&key).is_none(),
                "another user's token file was read"
            );
            std::os::unix::fs::chown(cache.dir(), Some(4242), None).unwrap();
            let error = cache.secure().unwrap_err().to_string();
            assert!(
                error.contains("owned by another user (uid 4242)"),
                "{error}"
            );
        }
    }

    #[test]
    fn one_exchange_lock_per_key_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TokenCache::at(dir.path().join("tokens"));
        let held = cache.try_lock("k").unwrap().expect("free");
        assert!(cache.try_lock("k").unwrap().is_none(), "held elsewhere");
        assert!(
            cache.try_lock("other").unwrap().is_some(),
            "keys lock apart"
        );
        drop(held);
        assert!(cache.try_lock("k").unwrap().is_some());
        // Logout takes the lock files with the tokens.
        let key = cached_one(&cache);
        drop(cache.try_lock(&key).unwrap());
        assert_eq!(cache.logout(None).unwrap(), 1);
        assert!(!cache.dir().join(format!("{key}.lock")).exists());
    }
}
