//! The flags that say how to reach a GraphQL endpoint — headers, credentials (spacectl's
//! profile included), client certificate, cache, timeout, retries, query shape — for
//! `schemalift fetch` and for every command whose SCHEMA may be a URL
//! (`#[command(flatten)] fetch: FetchArgs`).

use schemalift_fetch::auth::{CredentialFlags, ProfileChoice};
use schemalift_fetch::{FetchError, Progress, Secret, Settings, Target};
use std::path::PathBuf;
use std::time::Duration;

fn secret(value: &str) -> Result<Secret, String> {
    Ok(Secret::new(value))
}

/// How to reach an endpoint. Credential values are parsed straight into [`Secret`]s, so the
/// derived `Debug` shows none of them.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Endpoint options (when a SCHEMA is a URL)")]
pub(crate) struct FetchArgs {
    /// A request header, `Name: Value` (split at the first colon, trimmed). Repeatable.
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE", value_parser = secret)]
    pub headers: Vec<Secret>,
    /// Read headers from a file, one `Name: Value` a line (`#` comments), to keep secrets off
    /// the command line.
    #[arg(long, value_name = "FILE")]
    pub header_file: Option<PathBuf>,
    /// A bearer token (a Spacelift API token is a JWT naming its endpoint); else
    /// SPACELIFT_API_TOKEN.
    #[arg(long, value_name = "TOKEN", value_parser = secret)]
    pub token: Option<Secret>,
    /// A Spacelift API key ID, exchanged with its secret for a JWT; else SPACELIFT_API_KEY_ID.
    #[arg(long, value_name = "ID")]
    pub api_key_id: Option<String>,
    /// The API key's secret; else SPACELIFT_API_KEY_SECRET.
    #[arg(long, value_name = "SECRET", value_parser = secret)]
    pub api_key_secret: Option<Secret>,
    /// The file Spacelift offers when an API key is created: its secret (and key ID, if it
    /// names one) are read from it.
    #[arg(long, value_name = "FILE")]
    pub api_key_file: Option<PathBuf>,
    /// A GitHub token, exchanged for a JWT (when GitHub is the account's identity provider);
    /// else SPACELIFT_API_GITHUB_TOKEN.
    #[arg(long, value_name = "TOKEN", value_parser = secret)]
    pub github_token: Option<Secret>,
    /// Use this spacectl profile (from ${SPACELIFT_CONFIG_DIR:-~/.spacelift}/config.json)
    /// rather than the current one; else SPACELIFT_PROFILE. Without it, the current profile is
    /// used when nothing else gives credentials. A profile's credentials only go to its own
    /// endpoint.
    #[arg(long, value_name = "ALIAS", conflicts_with = "no_profile")]
    pub profile: Option<String>,
    /// Never read spacectl's profiles.
    #[arg(long)]
    pub no_profile: bool,
    /// A PEM client certificate (chain) for mutual TLS, with --tls-key; else
    /// SPACELIFT_API_TLS_CERT.
    #[arg(long, value_name = "FILE")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert (may be the same file); else SPACELIFT_API_TLS_KEY.
    #[arg(long, value_name = "FILE")]
    pub tls_key: Option<PathBuf>,
    /// Neither read nor write the token cache (every run exchanges credentials again).
    #[arg(long)]
    pub no_cache: bool,
    /// Seconds to wait for each request.
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = positive_seconds)]
    pub timeout: Duration,
    /// Retries on connection errors, timeouts, 408, 425, 429 and 5xx (exponential backoff with
    /// jitter; Retry-After honoured within --max-time), at most 10.
    #[arg(long, value_name = "N", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(0..=schemalift_fetch::MAX_RETRIES as i64))]
    pub retries: u32,
    /// Seconds the whole fetch may take — every request, retry and wait, token exchange
    /// included (each --watch poll gets its own). A Retry-After that would pass it ends the
    /// fetch at once. Default: 2 × (retries + 1) × timeout + 30.
    #[arg(long, value_name = "SECONDS", value_parser = positive_seconds)]
    pub max_time: Option<Duration>,
    /// The largest answer accepted, decompressed: bytes, or with K, M or G (KiB, MiB, GiB).
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = byte_size)]
    pub max_response_size: u64,
    /// Ask the June 2018 introspection query without probing (for servers that mishandle the
    /// probe).
    #[arg(long)]
    pub legacy: bool,
    /// Type-reference levels the query asks for (`[[[[T!]!]!]!]!` needs 10).
    #[arg(long, value_name = "N", default_value_t = schemalift_fetch::DEFAULT_DEPTH,
          value_parser = depth)]
    pub depth: usize,
}

fn depth(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if (schemalift_fetch::MIN_DEPTH..=64).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{value}` is not a depth between {} and 64",
            schemalift_fetch::MIN_DEPTH
        )),
    }
}

/// `1048576`, `512K`, `256M`, `1G` (powers of 1024; `KiB`, `MB` and such read the same).
fn byte_size(value: &str) -> Result<u64, String> {
    let bad =
        || format!("`{value}` is not a size: bytes, or a number with K, M or G (at least 1K)");
    let trimmed = value.trim();
    let split = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let number: u64 = number.parse().map_err(|_| bad())?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return Err(bad()),
    };
    match number.checked_mul(1 << shift) {
        Some(bytes) if bytes >= 1024 => Ok(bytes),
        _ => Err(bad()),
    }
}

fn positive_seconds(value: &str) -> Result<Duration, String> {
    match value.parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds.is_finite() && seconds <= 86_400.0 => {
            Ok(Duration::from_secs_f64(seconds))
        }
        _ => Err(format!(
            "`{value}` is not a number of seconds between 0 and 86400"
        )),
    }
}

impl FetchArgs {
    /// The flags as the fetch library takes them.
    pub(crate) fn settings(&self) -> Settings {
        Settings {
            headers: self.headers.clone(),
            header_file: self.header_file.clone(),
            credentials: CredentialFlags {
                token: self.token.clone(),
                api_key_id: self.api_key_id.clone(),
                api_key_secret: self.api_key_secret.clone(),
                api_key_file: self.api_key_file.clone(),
                github_token: self.github_token.clone(),
                profile: match (&self.profile, self.no_profile) {
                    (Some(alias), _) => ProfileChoice::Named(alias.clone()),
                    (None, true) => ProfileChoice::Ignore,
                    (None, false) => ProfileChoice::Current,
                },
            },
            tls_cert: self.tls_cert.clone(),
            tls_key: self.tls_key.clone(),
            no_cache: self.no_cache,
            timeout: self.timeout,
            retries: self.retries,
            max_time: self.max_time,
            max_response_size: self.max_response_size,
            legacy: self.legacy,
            depth: self.depth,
        }
    }

    /// Resolve the endpoint (the URL given, else the one the credentials name) and the options
    /// ([`Settings::target`]), printing what the user should know about the way there.
    pub(crate) fn target(
        &self,
        url: Option<&str>,
        progress: Option<Progress>,
    ) -> Result<Target, FetchError> {
        self.settings().target(url, progress, &mut |warning| {
            crate::output::warning(warning)
        })
    }

    /// Fetch a URL given as a SCHEMA and load it, printing the fetch's warnings. For
    /// `schema_arg` to resolve `SchemaSource::Url`.
    pub(crate) fn fetch_schema(&self, url: &str) -> anyhow::Result<schemalift_model::LoadedSchema> {
        let target = self.target(Some(url), None)?;
        let fetched = schemalift_fetch::Client::new(target.endpoint, target.options)?.fetch()?;
        for warning in &fetched.warnings {
            crate::output::warning(warning);
        }
        Ok(fetched.into_loaded())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(byte_size("1048576"), Ok(1 << 20));
        assert_eq!(byte_size("256M"), Ok(256 << 20));
        assert_eq!(byte_size("512KiB"), Ok(512 << 10));
        assert_eq!(byte_size("1g"), Ok(1 << 30));
        for bad in ["", "M", "12X", "-1M", "100", "99999999999999G"] {
            assert!(byte_size(bad).is_err(), "{bad}");
        }
    }
}
