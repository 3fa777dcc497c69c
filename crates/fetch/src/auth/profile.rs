//! spacectl's profiles, read and never written: `${SPACELIFT_CONFIG_DIR:-$HOME/.spacelift}/config.json`
//! holds one set of credentials per alias and names the current one, so a user who ran
//! `spacectl profile login` can fetch without giving credentials again.
//!
//! The file is read as plain JSON and walked by hand rather than deserialized into structs:
//! serde's type errors quote the offending value, and in this file a misplaced value may be a
//! secret. Every problem is a message naming the profile and the field, never a value.
//!
//! A profile's credentials only go to the profile's own endpoint (see `env::resolve`).

use super::{Credentials, Secret};
use crate::Endpoint;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// One spacectl profile, ready to use.
#[derive(Debug, Clone)]
pub struct Profile {
    pub alias: String,
    /// Where its credentials are valid (and the only place they are sent).
    pub endpoint: Endpoint,
    pub credentials: Credentials,
}

/// spacectl's `config.json`, as read from disk. Its `Debug` shows the path and the aliases,
/// never the JSON (which holds secrets in clear).
pub struct ProfileFile {
    path: PathBuf,
    root: Map<String, Value>,
}

impl std::fmt::Debug for ProfileFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileFile")
            .field("path", &self.path)
            .field("current", &self.current_alias())
            .field("aliases", &self.aliases())
            .finish()
    }
}

/// Why the file could not be used. `Missing` is the ordinary case of someone who never used
/// spacectl; the others are problems worth telling.
#[derive(Debug)]
pub enum ProfileFileError {
    Missing,
    Unusable(String),
}

impl ProfileFile {
    /// The file spacectl uses: `$SPACELIFT_CONFIG_DIR/config.json`, else
    /// `$HOME/.spacelift/config.json`. `None` when there is no home directory to look in.
    pub fn location(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
        let dir = match env("SPACELIFT_CONFIG_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => env("HOME")
                .map(PathBuf::from)
                .or_else(dirs::home_dir)?
                .join(".spacelift"),
        };
        Some(dir.join("config.json"))
    }

    pub fn read(path: &Path) -> Result<ProfileFile, ProfileFileError> {
        // A FIFO here must not block a fetch that needs no profile, nor `/dev/zero` fill memory.
        let bytes = match crate::files::read_bounded(path, crate::files::SMALL_FILE_LIMIT) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ProfileFileError::Missing)
            }
            Err(e) => return Err(ProfileFileError::Unusable(e.to_string())),
        };
        ProfileFile::parse(path, &bytes).map_err(ProfileFileError::Unusable)
    }

    /// serde_json's syntax errors give a position, never the text around it, so they are safe
    /// to repeat.
    fn parse(path: &Path, bytes: &[u8]) -> Result<ProfileFile, String> {
        let value: Value =
            serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON ({e})"))?;
        let Value::Object(root) = value else {
            return Err("not a JSON object".to_owned());
        };
        if !matches!(
            root.get("profiles"),
            None | Some(Value::Null | Value::Object(_))
        ) {
            return Err("`profiles` is not an object".to_owned());
        }
        Ok(ProfileFile {
            path: path.to_owned(),
            root,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The alias spacectl has selected, if any (none after logging out of every profile).
    pub fn current_alias(&self) -> Option<&str> {
        self.root
            .get("currentProfileAlias")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|alias| !alias.is_empty())
    }

    /// Every alias in the file, sorted, for messages.
    pub fn aliases(&self) -> Vec<&str> {
        let mut aliases: Vec<&str> = self.profiles().keys().map(String::as_str).collect();
        aliases.sort_unstable();
        aliases
    }

    fn profiles(&self) -> &Map<String, Value> {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        match self.root.get("profiles") {
            Some(Value::Object(profiles)) => profiles,
            _ => EMPTY.get_or_init(Map::new),
        }
    }

    /// The profile named `alias`: `Ok(None)` when there is no such profile, an error (without
    /// any value from the file) when it is there but cannot be used.
    pub fn profile(&self, alias: &str) -> Result<Option<Profile>, String> {
        let Some(profile) = self.profiles().get(alias) else {
            return Ok(None);
        };
        let problem = |what: &str| format!("profile `{alias}`: {what}");
        let credentials = profile
            .get("credentials")
            .and_then(Value::as_object)
            .ok_or_else(|| problem("no `credentials` object"))?;
        let text = |field: &str| {
            credentials
                .get(field)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|value| !value.is_empty())
        };
        let required = |field: &str, kind: &str| {
            text(field).ok_or_else(|| problem(&format!("{kind} credentials without `{field}`")))
        };
        let endpoint = text("endpoint").ok_or_else(|| problem("no `endpoint`"))?;
        // spacectl stores the bare account URL and posts to its `/graphql`, whatever the host
        // (self-hosted Spacelift has its own domain).
        let endpoint = Endpoint::parse_spacelift(endpoint).map_err(|e| problem(&e.to_string()))?;
        let credentials = match credentials.get("type").and_then(Value::as_u64) {
            Some(1) => Credentials::ApiKey {
                id: required("key_id", "API key")?.to_owned(),
                secret: Secret::new(required("key_secret", "API key")?),
            },
            Some(2) => Credentials::GitHub(Secret::new(required("access_token", "GitHub")?)),
            Some(3) => Credentials::Token(Secret::new(required("access_token", "API token")?)),
            Some(other) => {
                return Err(problem(&format!(
                    "credentials type {other} is not one schemalift knows (1 API key, 2 GitHub token, 3 API token)"
                )))
            }
            None => return Err(problem("credentials without a numeric `type`")),
        };
        Ok(Some(Profile {
            alias: alias.to_owned(),
            endpoint,
            credentials,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Method;

    const SECRET: &str = "profile-secret-value-42";

    fn file(json: &str) -> Result<ProfileFile, String> {
        ProfileFile::parse(
            Path::new("/home/me/.spacelift/config.json"),
            json.as_bytes(),
        )
    }

    fn spacectl_file() -> ProfileFile {
        file(&format!(
            r#"{{
              "currentProfileAlias": "acme",
              "profiles": {{
                "acme": {{"alias": "acme", "credentials": {{"type": 1, "endpoint": "https://acme.app.spacelift.io", "key_id": "01HKEY", "key_secret": "{SECRET}"}}}},
                "gh": {{"alias": "gh", "credentials": {{"type": 2, "endpoint": "https://gh.app.spacelift.io/", "access_token": "ghp_{SECRET}"}}}},
                "browser": {{"alias": "browser", "credentials": {{"type": 3, "endpoint": "https://sso.app.spacelift.io", "access_token": "jwt.{SECRET}.sig"}}}},
                "broken": {{"alias": "broken", "credentials": {{"type": 1, "endpoint": "https://x.app.spacelift.io", "key_id": "01H", "key_secret": ""}}}},
                "future": {{"alias": "future", "credentials": {{"type": 7, "endpoint": "https://x.app.spacelift.io", "access_token": "{SECRET}"}}}}
              }}
            }}"#
        ))
        .unwrap()
    }

    #[test]
    fn reads_each_credentials_type() {
        let f = spacectl_file();
        assert!(!format!("{f:?}").contains(SECRET), "{f:?}");
        assert_eq!(f.current_alias(), Some("acme"));
        assert_eq!(f.aliases(), ["acme", "broken", "browser", "future", "gh"]);
        let acme = f.profile("acme").unwrap().unwrap();
        assert_eq!(
            acme.credentials,
            Credentials::ApiKey {
                id: "01HKEY".into(),
                secret: Secret::new(SECRET)
            }
        );
        assert_eq!(
            acme.endpoint.url().as_str(),
            "https://acme.app.spacelift.io/graphql"
        );
        let gh = f.profile("gh").unwrap().unwrap();
        assert_eq!(gh.credentials.method(), Method::Github);
        assert_eq!(
            gh.endpoint.url().as_str(),
            "https://gh.app.spacelift.io/graphql"
        );
        let browser = f.profile("browser").unwrap().unwrap();
        assert_eq!(
            browser.credentials,
            Credentials::Token(Secret::new(format!("jwt.{SECRET}.sig")))
        );
        assert!(f.profile("nobody").unwrap().is_none());
    }

    #[test]
    fn unusable_profiles_say_why_without_values() {
        let f = spacectl_file();
        for (alias, expected) in [
            (
                "broken",
                "profile `broken`: API key credentials without `key_secret`",
            ),
            ("future", "profile `future`: credentials type 7 is not one"),
        ] {
            let e = f.profile(alias).unwrap_err();
            assert!(e.starts_with(expected), "{e}");
            assert!(!e.contains(SECRET), "{e}");
        }
        let f = file(r#"{"profiles": {"p": {"credentials": "profile-secret-value-42"}}}"#).unwrap();
        let e = f.profile("p").unwrap_err();
        assert_eq!(e, "profile `p`: no `credentials` object");
        let f = file(r#"{"profiles": {"p": {"credentials": {"type": "1", "endpoint": "https://a.io", "access_token": "t"}}}}"#).unwrap();
        assert!(f.profile("p").unwrap_err().contains("numeric `type`"));
        let f = file(r#"{"profiles": {"p": {"credentials": {"type": 3, "access_token": "t"}}}}"#)
            .unwrap();
        assert_eq!(f.profile("p").unwrap_err(), "profile `p`: no `endpoint`");
    }

    #[test]
    fn malformed_files_are_described_by_position_only() {
        let e = file(&format!(r#"{{"profiles": {{"a": "{SECRET}" "#)).unwrap_err();
        assert!(
            e.starts_with("not valid JSON (") && e.contains("line 1"),
            "{e}"
        );
        assert!(!e.contains(SECRET), "{e}");
        assert_eq!(file("[1, 2]").unwrap_err(), "not a JSON object");
        assert_eq!(
            file(&format!(r#"{{"profiles": "{SECRET}"}}"#)).unwrap_err(),
            "`profiles` is not an object"
        );
    }

    #[test]
    fn no_current_profile_after_logout() {
        let f = file(r#"{"currentProfileAlias": "", "profiles": {}}"#).unwrap();
        assert_eq!(f.current_alias(), None);
        let f = file("{}").unwrap();
        assert_eq!(f.current_alias(), None);
        assert!(f.aliases().is_empty());
    }

    #[test]
    fn location_follows_spacectl() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            ProfileFile::location(&env(&[
                ("SPACELIFT_CONFIG_DIR", "/etc/sl"),
                ("HOME", "/home/me")
            ])),
            Some(PathBuf::from("/etc/sl/config.json"))
        );
        assert_eq!(
            ProfileFile::location(&env(&[("HOME", "/home/me")])),
            Some(PathBuf::from("/home/me/.spacelift/config.json"))
        );
    }

    #[test]
    fn a_missing_file_is_not_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            ProfileFile::read(&dir.path().join("config.json")),
            Err(ProfileFileError::Missing)
        ));
        std::fs::write(dir.path().join("config.json"), "{").unwrap();
        assert!(matches!(
            ProfileFile::read(&dir.path().join("config.json")),
            Err(ProfileFileError::Unusable(_))
        ));
    }
}
