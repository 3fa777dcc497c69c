//! Which credentials a run uses, with spacectl's precedence: flags first; then the environment,
//! `SPACELIFT_API_TOKEN`, then `SPACELIFT_API_GITHUB_TOKEN`, then the
//! `SPACELIFT_API_KEY_ID`/`_SECRET` pair, unless `SPACELIFT_API_PREFERRED_METHOD`
//! (`token|github|apikey`) puts one first. Also where the endpoint comes from when no URL is
//! given: a token's `aud` claim, else `SPACELIFT_API_KEY_ENDPOINT`.

use super::{jwt, key_file, Credentials, Secret};
use crate::FetchError;
use std::path::PathBuf;

/// The credential flags of `schemalift fetch` (and of every command that takes a URL).
#[derive(Debug, Default, Clone)]
pub struct CredentialFlags {
    pub token: Option<Secret>,
    pub api_key_id: Option<String>,
    pub api_key_secret: Option<Secret>,
    pub api_key_file: Option<PathBuf>,
    pub github_token: Option<Secret>,
}

/// Where resolved credentials came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Flags,
    Environment,
}

/// Credentials chosen for a run, and the endpoint they name (if any).
#[derive(Debug, Clone)]
pub struct Resolved {
    pub credentials: Credentials,
    /// The endpoint to use when the command line gives none: the JWT's `aud`, or
    /// `SPACELIFT_API_KEY_ENDPOINT`.
    pub endpoint: Option<String>,
    pub origin: Origin,
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

/// Resolve the credentials for a run. `env` reads an environment variable (a parameter, so
/// tests do not touch the process environment); empty values count as unset.
pub fn resolve(
    flags: &CredentialFlags,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Resolved>, FetchError> {
    let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    let env_endpoint =
        || env("SPACELIFT_API_KEY_ENDPOINT").or_else(|| env("SPACELIFT_API_ENDPOINT"));
    if let Some(credentials) = from_flags(flags)? {
        let endpoint = match &credentials {
            Credentials::Token(token) => audience(token)?,
            _ => None,
        }
        .or_else(env_endpoint);
        return Ok(Some(Resolved {
            credentials,
            endpoint,
            origin: Origin::Flags,
        }));
    }
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
            let (credentials, endpoint) = found?;
            return Ok(Some(Resolved {
                credentials,
                endpoint: endpoint.or_else(env_endpoint),
                origin: Origin::Environment,
            }));
        }
    }
    Ok(None)
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
        _ => Err(FetchError::Credentials(
            "give one of --token, --api-key-id/--api-key-secret (or --api-key-file), --github-token".into(),
        )),
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

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
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
        let r = resolve(&CredentialFlags::default(), &env(&vars))
            .unwrap()
            .unwrap();
        assert_eq!(r.credentials.method(), super::super::Method::Token);
        assert_eq!(r.endpoint.as_deref(), Some("https://t.app.spacelift.io"));
        assert_eq!(r.origin, Origin::Environment);

        // Empty token: GitHub comes next, with the key endpoint.
        let r = resolve(&CredentialFlags::default(), &env(&ALL))
            .unwrap()
            .unwrap();
        assert_eq!(r.credentials.method(), super::super::Method::Github);
        assert_eq!(r.endpoint.as_deref(), Some("https://acme.app.spacelift.io"));
    }

    #[test]
    fn preferred_method_goes_first() {
        let mut vars = ALL.to_vec();
        vars.push(("SPACELIFT_API_PREFERRED_METHOD", "apikey"));
        let r = resolve(&CredentialFlags::default(), &env(&vars))
            .unwrap()
            .unwrap();
        assert_eq!(
            r.credentials,
            Credentials::ApiKey {
                id: "01KEY".into(),
                secret: Secret::new("keysecret")
            }
        );
        let bad = env(&[("SPACELIFT_API_PREFERRED_METHOD", "password")]);
        assert!(resolve(&CredentialFlags::default(), &bad).is_err());
    }

    #[test]
    fn flags_beat_the_environment() {
        let flags = CredentialFlags {
            github_token: Some(Secret::new("flag-gh")),
            ..Default::default()
        };
        let r = resolve(&flags, &env(&ALL)).unwrap().unwrap();
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
        assert!(resolve(&half, &env(&[])).is_err());
        let two = CredentialFlags {
            token: Some(Secret::new("a")),
            github_token: Some(Secret::new("b")),
            ..Default::default()
        };
        assert!(resolve(&two, &env(&[])).is_err());
        let half_env = env(&[("SPACELIFT_API_KEY_SECRET", "s3cr3t")]);
        let err = resolve(&CredentialFlags::default(), &half_env).unwrap_err();
        assert!(!err.to_string().contains("s3cr3t"));
    }

    #[test]
    fn nothing_given_means_anonymous() {
        assert!(resolve(&CredentialFlags::default(), &env(&[]))
            .unwrap()
            .is_none());
    }
}
