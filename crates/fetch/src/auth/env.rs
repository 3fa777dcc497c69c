//! Which credentials a run uses, with spacectl's precedence: flags first; then the environment,
//! `SPACELIFT_API_TOKEN`, then `SPACELIFT_API_GITHUB_TOKEN`, then the
//! `SPACELIFT_API_KEY_ID`/`_SECRET` pair, unless `SPACELIFT_API_PREFERRED_METHOD`
//! (`token|github|apikey`) puts one first; last, spacectl's current profile. A profile named
//! explicitly (`--profile`, or `SPACELIFT_PROFILE` as spacectl reads it) is a choice, not a
//! fallback: it beats the environment's credentials. Also where the endpoint comes from when
//! no URL is given: a token's `aud` claim, else `SPACELIFT_API_KEY_ENDPOINT`, else the
//! profile's endpoint.
//!
//! A profile's secrets go to the profile's endpoint and nowhere else: for any other endpoint the
//! current profile is passed over, and a profile named explicitly is an error.

use super::profile::{Profile, ProfileFile, ProfileFileError};
use super::{jwt, key_file, Credentials, Secret};
use crate::{Endpoint, FetchError};
use std::path::PathBuf;

/// The credential flags of `schemalift fetch` (and of every command that takes a URL).
#[derive(Debug, Default, Clone)]
pub struct CredentialFlags {
    pub token: Option<Secret>,
    pub api_key_id: Option<String>,
    pub api_key_secret: Option<Secret>,
    pub api_key_file: Option<PathBuf>,
    pub github_token: Option<Secret>,
    pub profile: ProfileChoice,
}

/// Which spacectl profile a run may fall back on.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub enum ProfileChoice {
    /// `SPACELIFT_PROFILE` if set, else the profile spacectl has selected, when neither flags
    /// nor the environment give credentials.
    #[default]
    Current,
    /// `--profile ALIAS`: this one, whatever the environment holds.
    Named(String),
    /// `--no-profile`: never read spacectl's file.
    Ignore,
}

/// Where resolved credentials came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flags,
    Environment,
    /// A spacectl profile, by alias, from this file.
    Profile {
        alias: String,
        path: PathBuf,
    },
}

/// Credentials chosen for a run, and the endpoint they name (if any).
#[derive(Debug, Clone)]
pub struct Resolved {
    pub credentials: Credentials,
    /// The endpoint to use when the command line gives none: the JWT's `aud`,
    /// `SPACELIFT_API_KEY_ENDPOINT`, or the profile's endpoint.
    pub endpoint: Option<String>,
    pub origin: Origin,
}

/// What [`resolve`] found: the credentials, if any, and what the user should hear about the
/// way there (a spacectl file that could not be read).
#[derive(Debug, Default)]
pub struct Resolution {
    pub resolved: Option<Resolved>,
    pub warnings: Vec<String>,
}

/// Environment methods in spacectl's default order, with the name
/// `SPACELIFT_API_PREFERRED_METHOD` uses for each.
const ENV_METHODS: [(&str, EnvMethod); 3] = [
    ("token", EnvMethod::Token),
    ("github", EnvMethod::GitHub),
    ("apikey", EnvMethod::ApiKey),
];

#[derive(Clone, Copy)]
enum EnvMethod {
    Token,
    GitHub,
    ApiKey,
}

/// Resolve the credentials for a run that fetches `endpoint` (`None`: the URL is yet to come
/// from the credentials). `env` reads an environment variable (a parameter, so tests do not
/// touch the process environment); empty values count as unset.
pub fn resolve(
    flags: &CredentialFlags,
    endpoint: Option<&Endpoint>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Resolution, FetchError> {
    let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    let env_endpoint =
        || env("SPACELIFT_API_KEY_ENDPOINT").or_else(|| env("SPACELIFT_API_ENDPOINT"));
    if let Some(credentials) = from_flags(flags)? {
        if matches!(flags.profile, ProfileChoice::Named(_)) {
            return Err(FetchError::Credentials(ONE_METHOD.into()));
        }
        let endpoint = match &credentials {
            Credentials::Token(token) => audience(token)?,
            _ => None,
        }
        .or_else(env_endpoint);
        return Ok(Resolution::found(credentials, endpoint, Origin::Flags));
    }
    let named = match &flags.profile {
        ProfileChoice::Named(alias) => Some((alias.trim().to_owned(), "--profile")),
        ProfileChoice::Current => {
            env("SPACELIFT_PROFILE").map(|alias| (alias.trim().to_owned(), "SPACELIFT_PROFILE"))
        }
        ProfileChoice::Ignore => None,
    };
    if let Some((alias, named_by)) = named {
        return named_profile(&alias, named_by, endpoint, &env);
    }
    if let Some((credentials, endpoint)) = from_environment(&env)? {
        let endpoint = endpoint.or_else(env_endpoint);
        return Ok(Resolution::found(
            credentials,
            endpoint,
            Origin::Environment,
        ));
    }
    if flags.profile == ProfileChoice::Current {
        return Ok(current_profile(endpoint, &env));
    }
    Ok(Resolution::default())
}

const ONE_METHOD: &str =
    "give one of --token, --api-key-id/--api-key-secret (or --api-key-file), --github-token, --profile";

impl Resolution {
    fn found(credentials: Credentials, endpoint: Option<String>, origin: Origin) -> Resolution {
        Resolution {
            resolved: Some(Resolved {
                credentials,
                endpoint,
                origin,
            }),
            warnings: Vec::new(),
        }
    }

    fn from_profile(profile: Profile, path: PathBuf) -> Resolution {
        Resolution::found(
            profile.credentials,
            Some(profile.endpoint.url().to_string()),
            Origin::Profile {
                alias: profile.alias,
                path,
            },
        )
    }

    fn warning(message: String) -> Resolution {
        Resolution {
            resolved: None,
            warnings: vec![message],
        }
    }
}

/// The environment's credentials and the endpoint a token's `aud` names.
fn from_environment(
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<(Credentials, Option<String>)>, FetchError> {
    let mut order: Vec<_> = ENV_METHODS.to_vec();
    if let Some(preferred) = env("SPACELIFT_API_PREFERRED_METHOD") {
        let preferred = preferred.trim().to_ascii_lowercase();
        let Some(position) = order.iter().position(|(name, _)| *name == preferred) else {
            return Err(FetchError::Credentials(format!(
                "SPACELIFT_API_PREFERRED_METHOD is `{preferred}`; expected token, github or apikey"
            )));
        };
        let first = order.remove(position);
        order.insert(0, first);
    }
    for (_, method) in order {
        let found = match method {
            EnvMethod::Token => env("SPACELIFT_API_TOKEN").map(|token| {
                let token = Secret::new(token.trim());
                audience(&token).map(|endpoint| (Credentials::Token(token), endpoint))
            }),
            EnvMethod::GitHub => env("SPACELIFT_API_GITHUB_TOKEN")
                .map(|token| Ok((Credentials::GitHub(Secret::new(token.trim())), None))),
            EnvMethod::ApiKey => {
                match (env("SPACELIFT_API_KEY_ID"), env("SPACELIFT_API_KEY_SECRET")) {
                    (Some(id), Some(secret)) => Some(Ok((
                        Credentials::ApiKey {
                            id: id.trim().to_owned(),
                            secret: Secret::new(secret.trim()),
                        },
                        None,
                    ))),
                    (Some(_), None) => Some(Err(FetchError::Credentials(
                        "SPACELIFT_API_KEY_ID is set but SPACELIFT_API_KEY_SECRET is not".into(),
                    ))),
                    (None, Some(_)) => Some(Err(FetchError::Credentials(
                        "SPACELIFT_API_KEY_SECRET is set but SPACELIFT_API_KEY_ID is not".into(),
                    ))),
                    (None, None) => None,
                }
            }
        };
        if let Some(found) = found {
            return found.map(Some);
        }
    }
    Ok(None)
}

/// A profile the user asked for by name: anything that keeps it from being used is an error,
/// since going on without it would fetch as someone else (or as no one).
fn named_profile(
    alias: &str,
    named_by: &str,
    endpoint: Option<&Endpoint>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Resolution, FetchError> {
    let path = ProfileFile::location(env).ok_or_else(|| {
        FetchError::Credentials(format!(
            "{named_by} `{alias}`: no home directory to find spacectl's profiles in; set SPACELIFT_CONFIG_DIR"
        ))
    })?;
    let unusable = |message: String| FetchError::Profile {
        path: path.clone(),
        message,
    };
    let file = match ProfileFile::read(&path) {
        Ok(file) => file,
        Err(ProfileFileError::Missing) => {
            return Err(unusable(format!(
                "no such file, so no profile `{alias}` ({named_by}); log in with `spacectl profile login {alias}`"
            )))
        }
        Err(ProfileFileError::Unusable(problem)) => return Err(unusable(problem)),
    };
    let profile = match file.profile(alias) {
        Ok(Some(profile)) => profile,
        Ok(None) => {
            let aliases = file.aliases();
            let known = if aliases.is_empty() {
                "it has no profiles".to_owned()
            } else {
                format!("its profiles: {}", aliases.join(", "))
            };
            return Err(unusable(format!(
                "no profile `{alias}` ({named_by}); {known}"
            )));
        }
        Err(problem) => return Err(unusable(problem)),
    };
    match endpoint {
        Some(endpoint) if !same_endpoint(&profile.endpoint, endpoint) => {
            Err(FetchError::Credentials(format!(
                "spacectl profile `{alias}` is for {}, not {endpoint}: a profile's credentials go to its own endpoint only",
                profile.endpoint
            )))
        }
        _ => Ok(Resolution::from_profile(profile, path)),
    }
}

/// spacectl's current profile, the last resort: a problem with it is a warning, and a profile
/// for another endpoint is passed over in silence (fetching a public API while logged in to
/// Spacelift is ordinary).
fn current_profile(
    endpoint: Option<&Endpoint>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Resolution {
    let Some(path) = ProfileFile::location(env) else {
        return Resolution::default();
    };
    let ignored = |problem: &str| {
        Resolution::warning(format!(
            "ignoring spacectl's profiles in {}: {problem}",
            path.display()
        ))
    };
    let file = match ProfileFile::read(&path) {
        Ok(file) => file,
        Err(ProfileFileError::Missing) => return Resolution::default(),
        Err(ProfileFileError::Unusable(problem)) => return ignored(&problem),
    };
    let Some(alias) = file.current_alias() else {
        return Resolution::default();
    };
    match file.profile(alias) {
        Ok(Some(profile)) => match endpoint {
            Some(endpoint) if !same_endpoint(&profile.endpoint, endpoint) => Resolution::default(),
            _ => Resolution::from_profile(profile, path.clone()),
        },
        Ok(None) => ignored(&format!("the current profile `{alias}` is not in it")),
        Err(problem) => ignored(&problem),
    }
}

/// Scheme, host, port and path: a profile for `https://acme…` is not one for `http://acme…`.
fn same_endpoint(a: &Endpoint, b: &Endpoint) -> bool {
    a.cache_identity() == b.cache_identity()
}

fn from_flags(flags: &CredentialFlags) -> Result<Option<Credentials>, FetchError> {
    let key_file = flags
        .api_key_file
        .as_deref()
        .map(key_file::read_key_file)
        .transpose()?;
    let api_key_id = flags
        .api_key_id
        .clone()
        .or_else(|| key_file.as_ref().and_then(|f| f.id.clone()));
    let api_key_secret = flags
        .api_key_secret
        .clone()
        .or_else(|| key_file.map(|f| f.secret));
    let api_key = match (api_key_id, api_key_secret) {
        (Some(id), Some(secret)) => Some(Credentials::ApiKey { id, secret }),
        (None, None) => None,
        (Some(_), None) => {
            return Err(FetchError::Credentials(
                "--api-key-id needs --api-key-secret or --api-key-file".into(),
            ))
        }
        (None, Some(_)) => {
            return Err(FetchError::Credentials(
                "the API key secret needs --api-key-id (the key file does not name the key)".into(),
            ))
        }
    };
    let given: Vec<Credentials> = [
        flags.token.clone().map(Credentials::Token),
        api_key,
        flags.github_token.clone().map(Credentials::GitHub),
    ]
    .into_iter()
    .flatten()
    .collect();
    match given.len() {
        0 | 1 => Ok(given.into_iter().next()),
        _ => Err(FetchError::Credentials(ONE_METHOD.into())),
    }
}

/// The endpoint a Spacelift API token is for: its single `aud`. A token that is not a JWT is
/// still sent as a bearer (other servers use opaque tokens); it just names no endpoint.
fn audience(token: &Secret) -> Result<Option<String>, FetchError> {
    let Some(claims) = jwt::claims(token.expose()) else {
        return Ok(None);
    };
    match claims.audience.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        many => Err(FetchError::Credentials(format!(
            "the API token names {} audiences; expected exactly one endpoint",
            many.len()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use std::collections::HashMap;

    /// The given variables, and a spacectl directory that does not exist unless a test names
    /// one: unit tests never read the real `~/.spacelift`.
    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let mut map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        map.entry("SPACELIFT_CONFIG_DIR".into())
            .or_insert_with(|| "/nonexistent/schemalift-tests/.spacelift".into());
        move |name| map.get(name).cloned()
    }

    fn jwt(aud: &str) -> String {
        format!(
            "h.{}.s",
            URL_SAFE_NO_PAD.encode(format!(r#"{{"aud":["{aud}"],"exp":9999999999}}"#))
        )
    }

    const ALL: [(&str, &str); 5] = [
        ("SPACELIFT_API_KEY_ID", "01KEY"),
        ("SPACELIFT_API_KEY_SECRET", "keysecret"),
        (
            "SPACELIFT_API_KEY_ENDPOINT",
            "https://acme.app.spacelift.io",
        ),
        ("SPACELIFT_API_GITHUB_TOKEN", "ghp_x"),
        ("SPACELIFT_API_TOKEN", ""),
    ];

    #[test]
    fn environment_order_is_token_github_api_key() {
        let token = jwt("https://t.app.spacelift.io");
        let mut vars = ALL.to_vec();
        vars[4].1 = &token;
        let r = resolve(&CredentialFlags::default(), None, &env(&vars))
            .unwrap()
            .resolved
            .unwrap();
        assert_eq!(r.credentials.method(), super::super::Method::Token);
        assert_eq!(r.endpoint.as_deref(), Some("https://t.app.spacelift.io"));
        assert_eq!(r.origin, Origin::Environment);

        // Empty token: GitHub comes next, with the key endpoint.
        let r = resolve(&CredentialFlags::default(), None, &env(&ALL))
            .unwrap()
            .resolved
            .unwrap();
        assert_eq!(r.credentials.method(), super::super::Method::Github);
        assert_eq!(r.endpoint.as_deref(), Some("https://acme.app.spacelift.io"));
    }

    #[test]
    fn preferred_method_goes_first() {
        let mut vars = ALL.to_vec();
        vars.push(("SPACELIFT_API_PREFERRED_METHOD", "apikey"));
        let r = resolve(&CredentialFlags::default(), None, &env(&vars))
            .unwrap()
            .resolved
            .unwrap();
        assert_eq!(
            r.credentials,
            Credentials::ApiKey {
                id: "01KEY".into(),
                secret: Secret::new("keysecret")
            }
        );
        let bad = env(&[("SPACELIFT_API_PREFERRED_METHOD", "password")]);
        assert!(resolve(&CredentialFlags::default(), None, &bad).is_err());
    }

    #[test]
    fn flags_beat_the_environment() {
        let flags = CredentialFlags {
            github_token: Some(Secret::new("flag-gh")),
            ..Default::default()
        };
        let r = resolve(&flags, None, &env(&ALL)).unwrap().resolved.unwrap();
        assert_eq!(r.credentials, Credentials::GitHub(Secret::new("flag-gh")));
        assert_eq!(r.origin, Origin::Flags);
        assert_eq!(r.endpoint.as_deref(), Some("https://acme.app.spacelift.io"));
    }

    #[test]
    fn incomplete_or_conflicting_flags_are_errors() {
        let half = CredentialFlags {
            api_key_id: Some("01KEY".into()),
            ..Default::default()
        };
        assert!(resolve(&half, None, &env(&[])).is_err());
        let two = CredentialFlags {
            token: Some(Secret::new("a")),
            github_token: Some(Secret::new("b")),
            ..Default::default()
        };
        assert!(resolve(&two, None, &env(&[])).is_err());
        let half_env = env(&[("SPACELIFT_API_KEY_SECRET", "s3cr3t")]);
        let err = resolve(&CredentialFlags::default(), None, &half_env).unwrap_err();
        assert!(!err.to_string().contains("s3cr3t"));
    }

    #[test]
    fn nothing_given_means_anonymous() {
        assert!(resolve(&CredentialFlags::default(), None, &env(&[]))
            .unwrap()
            .resolved
            .is_none());
    }

    /// A spacectl directory with a current API-key profile `acme` and an API-token profile
    /// `other`, as `spacectl profile login` leaves it.
    struct Spacectl {
        dir: tempfile::TempDir,
    }

    impl Spacectl {
        fn new() -> Spacectl {
            let spacectl = Spacectl {
                dir: tempfile::tempdir().unwrap(),
            };
            spacectl.write(
                r#"{"currentProfileAlias": "acme", "profiles": {
                  "acme": {"alias": "acme", "credentials": {"type": 1, "endpoint": "https://acme.app.spacelift.io", "key_id": "01PROFILE", "key_secret": "profile-secret"}},
                  "other": {"alias": "other", "credentials": {"type": 3, "endpoint": "https://other.app.spacelift.io", "access_token": "profile-token"}}
                }}"#,
            );
            spacectl
        }

        fn write(&self, json: &str) {
            std::fs::write(self.dir.path().join("config.json"), json).unwrap();
        }

        fn dir(&self) -> &str {
            self.dir.path().to_str().unwrap()
        }
    }

    fn acme() -> Endpoint {
        Endpoint::parse("https://acme.app.spacelift.io/").unwrap()
    }

    fn with_profile(choice: ProfileChoice) -> CredentialFlags {
        CredentialFlags {
            profile: choice,
            ..Default::default()
        }
    }

    #[test]
    fn the_current_profile_comes_last_and_only_for_its_endpoint() {
        let spacectl = Spacectl::new();
        let vars = env(&[("SPACELIFT_CONFIG_DIR", spacectl.dir())]);
        let r = resolve(&CredentialFlags::default(), Some(&acme()), &vars)
            .unwrap()
            .resolved
            .unwrap();
        assert_eq!(r.credentials.method(), super::super::Method::ApiKey);
        assert!(matches!(r.origin, Origin::Profile { ref alias, .. } if alias == "acme"));
        // No URL: the profile names the endpoint.
        let r = resolve(&CredentialFlags::default(), None, &vars)
            .unwrap()
            .resolved
            .unwrap();
        assert_eq!(
            r.endpoint.as_deref(),
            Some("https://acme.app.spacelift.io/graphql")
        );
        // Another host, or the same host over plain HTTP: not a word, and no credentials.
        for elsewhere in [
            "https://api.github.com/graphql",
            "http://acme.app.spacelift.io",
        ] {
            let other = Endpoint::parse(elsewhere).unwrap();
            let resolution = resolve(&CredentialFlags::default(), Some(&other), &vars).unwrap();
            assert!(resolution.resolved.is_none(), "{elsewhere}");
            assert!(resolution.warnings.is_empty());
        }
        // The environment beats the current profile.
        let vars = env(&[
            ("SPACELIFT_CONFIG_DIR", spacectl.dir()),
            ("SPACELIFT_API_GITHUB_TOKEN", "ghp_env"),
        ]);
        let r = resolve(&CredentialFlags::default(), Some(&acme()), &vars)
            .unwrap()
            .resolved
            .unwrap();
        assert_eq!(r.origin, Origin::Environment);
        // --no-profile never reads it.
        let vars = env(&[("SPACELIFT_CONFIG_DIR", spacectl.dir())]);
        let r = resolve(&with_profile(ProfileChoice::Ignore), Some(&acme()), &vars).unwrap();
        assert!(r.resolved.is_none());
    }

    #[test]
    fn a_named_profile_is_a_choice() {
        let spacectl = Spacectl::new();
        let other = Endpoint::parse("https://other.app.spacelift.io").unwrap();
        let vars = env(&[
            ("SPACELIFT_CONFIG_DIR", spacectl.dir()),
            ("SPACELIFT_API_KEY_ID", "01ENV"),
            ("SPACELIFT_API_KEY_SECRET", "env-secret"),
        ]);
        let named = with_profile(ProfileChoice::Named("other".into()));
        let r = resolve(&named, Some(&other), &vars)
            .unwrap()
            .resolved
            .unwrap();
        assert_eq!(
            r.credentials,
            Credentials::Token(Secret::new("profile-token"))
        );
        // SPACELIFT_PROFILE names one as spacectl reads it, over the environment's keys too.
        let by_env = env(&[
            ("SPACELIFT_CONFIG_DIR", spacectl.dir()),
            ("SPACELIFT_PROFILE", "other"),
            ("SPACELIFT_API_TOKEN", "env-token"),
        ]);
        let r = resolve(&CredentialFlags::default(), None, &by_env)
            .unwrap()
            .resolved
            .unwrap();
        assert!(matches!(r.origin, Origin::Profile { ref alias, .. } if alias == "other"));
        // For another endpoint it is an error, not a silent anonymous fetch.
        let err = resolve(&named, Some(&acme()), &vars)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("profile `other` is for https://other.app.spacelift.io/graphql, not https://acme.app.spacelift.io/graphql"),
            "{err}"
        );
        // A missing alias names the ones there are.
        let missing = with_profile(ProfileChoice::Named("prod".into()));
        let err = resolve(&missing, None, &vars).unwrap_err().to_string();
        assert!(
            err.ends_with("no profile `prod` (--profile); its profiles: acme, other"),
            "{err}"
        );
        // With credential flags it is one method too many.
        let both = CredentialFlags {
            token: Some(Secret::new("t")),
            profile: ProfileChoice::Named("other".into()),
            ..Default::default()
        };
        assert!(resolve(&both, None, &vars).is_err());
    }

    #[test]
    fn a_malformed_file_warns_unless_a_profile_was_named() {
        let spacectl = Spacectl::new();
        spacectl.write(r#"{"currentProfileAlias": "acme", "profiles": {"#);
        let vars = env(&[("SPACELIFT_CONFIG_DIR", spacectl.dir())]);
        let r = resolve(&CredentialFlags::default(), Some(&acme()), &vars).unwrap();
        assert!(r.resolved.is_none());
        let [warning] = r.warnings.as_slice() else {
            panic!("{:?}", r.warnings)
        };
        assert!(
            warning.starts_with(&format!(
                "ignoring spacectl's profiles in {}/config.json: not valid JSON (EOF",
                spacectl.dir()
            )),
            "{warning}"
        );
        let named = with_profile(ProfileChoice::Named("acme".into()));
        let err = resolve(&named, None, &vars).unwrap_err().to_string();
        assert!(err.contains("not valid JSON"), "{err}");
        // A current alias with nothing behind it.
        spacectl.write(r#"{"currentProfileAlias": "gone", "profiles": {}}"#);
        let r = resolve(&CredentialFlags::default(), None, &vars).unwrap();
        assert!(r.warnings[0].ends_with("the current profile `gone` is not in it"));
    }
}
