//! From what the user gave to what a fetch needs: the endpoint (the URL given, else the one the
//! credentials name) and the [`FetchOptions`] (credentials with spacectl's precedence, headers
//! and header files, the client certificate, the token cache, limits and query shape), and the
//! one-line summary `auth status` gives of the credentials a run without credential flags takes.
//! The command line only turns its flags into [`Settings`]; the environment and the cache
//! location are passed in, so the decisions are unit-tested here.

use crate::auth::{self, CredentialFlags, Origin, TokenCache};
use crate::{
    ClientCertificate, Credentials, Endpoint, FetchError, FetchOptions, Header, Progress,
    RetryPolicy, Secret,
};
use std::path::PathBuf;
use std::time::Duration;

/// How to reach an endpoint, as the user said it (flags; the environment is read later).
#[derive(Debug, Clone)]
pub struct Settings {
    /// `-H` values, parsed when the target is resolved (an error never repeats one).
    pub headers: Vec<Secret>,
    pub header_file: Option<PathBuf>,
    pub credentials: CredentialFlags,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// Neither read nor write the token cache.
    pub no_cache: bool,
    pub timeout: Duration,
    pub retries: u32,
    pub max_time: Option<Duration>,
    pub max_response_size: u64,
    pub legacy: bool,
    pub depth: usize,
}

/// An endpoint and the options to fetch it with.
#[derive(Debug)]
pub struct Target {
    pub endpoint: Endpoint,
    pub options: FetchOptions,
}

impl Settings {
    /// Resolve the endpoint and the options from the process environment and the default cache
    /// location. What the user should know about the way there (a spacectl file that cannot be
    /// read) goes to `warn`, before any error.
    pub fn target(
        &self,
        url: Option<&str>,
        progress: Option<Progress>,
        warn: &mut dyn FnMut(&str),
    ) -> Result<Target, FetchError> {
        self.target_in(
            url,
            progress,
            &|name| std::env::var(name).ok(),
            &TokenCache::default_location,
            warn,
        )
    }

    /// [`Settings::target`] with the environment and the cache location given.
    pub fn target_in(
        &self,
        url: Option<&str>,
        progress: Option<Progress>,
        env: &dyn Fn(&str) -> Option<String>,
        cache_location: &dyn Fn() -> Result<TokenCache, FetchError>,
        warn: &mut dyn FnMut(&str),
    ) -> Result<Target, FetchError> {
        let given = url.map(Endpoint::parse).transpose()?;
        let resolution = auth::resolve(&self.credentials, given.as_ref(), env)?;
        for warning in &resolution.warnings {
            warn(warning);
        }
        let resolved = resolution.resolved;
        let endpoint = match (given, resolved.as_ref().and_then(|r| r.endpoint.as_deref())) {
            (Some(endpoint), _) => endpoint,
            (None, Some(url)) => Endpoint::parse_spacelift(url)?,
            (None, None) => return Err(FetchError::NoEndpoint),
        };
        let client_certificate =
            ClientCertificate::resolve(self.tls_cert.clone(), self.tls_key.clone(), env)?;
        let mut headers = Vec::new();
        for header in &self.headers {
            headers.push(Header::parse(header.expose())?);
        }
        if let Some(path) = &self.header_file {
            headers.extend(Header::parse_file(path)?);
        }
        // Only exchanged credentials are cached: nothing to cache without any.
        let cache = if self.no_cache || resolved.is_none() {
            None
        } else {
            Some(cache_location()?)
        };
        Ok(Target {
            endpoint,
            options: FetchOptions {
                headers,
                credentials: resolved.map(|r| r.credentials),
                cache,
                client_certificate,
                timeout: self.timeout,
                retry: RetryPolicy {
                    retries: self.retries,
                    ..RetryPolicy::default()
                },
                max_time: self.max_time,
                max_response_size: self.max_response_size,
                legacy: self.legacy,
                depth: self.depth,
                check_viewer: true,
                progress,
            },
        })
    }
}

/// `without credential flags, fetch uses API key 01HKEY from spacectl profile `acme`
/// (~/.spacelift/config.json) for https://acme.app.spacelift.io/graphql`: what a fetch would
/// take with no credential flag, never a secret; `None` when it takes none. Problems reading
/// spacectl's file, and credentials that cannot be used, go to `warn`, as in a fetch.
pub fn default_credentials(
    env: &dyn Fn(&str) -> Option<String>,
    warn: &mut dyn FnMut(&str),
) -> Option<String> {
    let resolution = match auth::resolve(&CredentialFlags::default(), None, env) {
        Ok(resolution) => resolution,
        Err(e) => {
            warn(&e.to_string());
            return None;
        }
    };
    for warning in &resolution.warnings {
        warn(warning);
    }
    let resolved = resolution.resolved?;
    let what = match &resolved.credentials {
        Credentials::ApiKey { id, .. } => format!("API key {id}"),
        Credentials::GitHub(_) => "a GitHub token".to_owned(),
        Credentials::Token(_) => "an API token".to_owned(),
    };
    let from = match &resolved.origin {
        Origin::Profile { alias, path } => {
            format!("spacectl profile `{alias}` ({})", path.display())
        }
        Origin::Environment | Origin::Flags => "the SPACELIFT_API_* variables".to_owned(),
    };
    let endpoint = match resolved.endpoint.as_deref().map(Endpoint::parse) {
        Some(Ok(endpoint)) => format!(" for {endpoint}"),
        _ => String::new(),
    };
    Some(format!(
        "without credential flags, fetch uses {what} from {from}{endpoint}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::ProfileChoice;
    use crate::test_env as vars;

    fn settings() -> Settings {
        Settings {
            headers: Vec::new(),
            header_file: None,
            credentials: CredentialFlags {
                // Never the real ~/.spacelift of whoever runs the tests.
                profile: ProfileChoice::Ignore,
                ..CredentialFlags::default()
            },
            tls_cert: None,
            tls_key: None,
            no_cache: false,
            timeout: Duration::from_secs(60),
            retries: 3,
            max_time: None,
            max_response_size: 1 << 20,
            legacy: false,
            depth: 10,
        }
    }

    const API_KEY: &[(&str, &str)] = &[
        (
            "SPACELIFT_API_KEY_ENDPOINT",
            "https://acme.app.spacelift.io",
        ),
        ("SPACELIFT_API_KEY_ID", "01HKEY"),
        ("SPACELIFT_API_KEY_SECRET", "sekrit"),
    ];

    fn cache() -> Result<TokenCache, FetchError> {
        Ok(TokenCache::at("/cache"))
    }

    fn no_cache_wanted() -> Result<TokenCache, FetchError> {
        panic!("the cache location is only looked up for credentials")
    }

    fn target(
        settings: &Settings,
        url: Option<&str>,
        env: &dyn Fn(&str) -> Option<String>,
        cache_location: &dyn Fn() -> Result<TokenCache, FetchError>,
    ) -> Result<Target, FetchError> {
        settings.target_in(url, None, env, cache_location, &mut |w| {
            panic!("unexpected warning {w}")
        })
    }

    #[test]
    fn the_url_given_wins_and_without_credentials_there_is_no_cache() {
        let t = target(
            &settings(),
            Some("http://127.0.0.1:4000/graphql"),
            &vars(&[]),
            &no_cache_wanted,
        )
        .unwrap();
        assert_eq!(t.endpoint.to_string(), "http://127.0.0.1:4000/graphql");
        assert!(t.options.credentials.is_none() && t.options.cache.is_none());
        assert_eq!(t.options.retry.retries, 3);
        assert!(t.options.check_viewer);
    }

    #[test]
    fn without_a_url_the_credentials_name_the_endpoint() {
        let t = target(&settings(), None, &vars(API_KEY), &cache).unwrap();
        assert_eq!(
            t.endpoint.to_string(),
            "https://acme.app.spacelift.io/graphql"
        );
        assert!(matches!(
            t.options.credentials,
            Some(Credentials::ApiKey { .. })
        ));
        assert_eq!(
            t.options.cache.as_ref().map(|c| c.dir().to_owned()),
            Some(PathBuf::from("/cache"))
        );
        let e = target(&settings(), None, &vars(&[]), &no_cache_wanted).unwrap_err();
        assert!(matches!(e, FetchError::NoEndpoint), "{e}");
    }

    #[test]
    fn no_cache_means_none_and_a_broken_location_is_an_error_only_when_needed() {
        let settings = Settings {
            no_cache: true,
            ..settings()
        };
        let t = target(&settings, None, &vars(API_KEY), &no_cache_wanted).unwrap();
        assert!(t.options.cache.is_none() && t.options.credentials.is_some());
        let broken = || Err(FetchError::Client("no cache directory".into()));
        let e = target(&self::settings(), None, &vars(API_KEY), &broken).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot set up the HTTP client: no cache directory"
        );
    }

    #[test]
    fn headers_from_flags_then_the_file_and_the_client_certificate_from_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("headers");
        std::fs::write(&file, "# team\nX-Team: core\n").unwrap();
        let settings = Settings {
            headers: vec![Secret::new("Authorization: Bearer abc")],
            header_file: Some(file),
            ..settings()
        };
        let env = vars(&[
            ("SPACELIFT_API_TLS_CERT", "/c.pem"),
            ("SPACELIFT_API_TLS_KEY", "/k.pem"),
        ]);
        let t = target(&settings, Some("http://h/graphql"), &env, &no_cache_wanted).unwrap();
        let names: Vec<&str> = t.options.headers.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["Authorization", "X-Team"]);
        let certificate = t.options.client_certificate.unwrap();
        assert_eq!(certificate.certificate, PathBuf::from("/c.pem"));
        let bad = Settings {
            headers: vec![Secret::new("sekrit-without-colon")],
            ..self::settings()
        };
        let e = target(&bad, Some("http://h/graphql"), &vars(&[]), &no_cache_wanted)
            .unwrap_err()
            .to_string();
        assert!(!e.contains("sekrit"), "{e}");
    }

    #[test]
    fn the_default_credentials_are_described_without_secrets() {
        let mut warnings = Vec::new();
        let line = default_credentials(&vars(API_KEY), &mut |w| warnings.push(w.to_owned()));
        assert_eq!(
            line.as_deref(),
            Some("without credential flags, fetch uses API key 01HKEY from the SPACELIFT_API_* variables for https://acme.app.spacelift.io/graphql")
        );
        assert!(warnings.is_empty());
        let env = |name: &str| match name {
            // An empty spacectl directory: no profile, so no credentials.
            "SPACELIFT_CONFIG_DIR" => Some("/nonexistent-schemalift-test".to_owned()),
            _ => None,
        };
        assert_eq!(default_credentials(&env, &mut |_| {}), None);
    }
}
