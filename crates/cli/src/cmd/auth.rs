//! `schemalift auth status | logout [ENDPOINT]`: the cached Spacelift tokens, and which
//! credentials a fetch takes when no flag gives any.

use crate::exit::Exit;
use crate::output;
use schemalift_fetch::auth::TokenCache;
use schemalift_fetch::Endpoint;
use std::io::Write;

/// Show or delete the JWTs cached by `schemalift fetch` (never the tokens themselves).
///
/// Tokens exchanged from API keys and GitHub tokens are cached per endpoint and key in
/// $SCHEMALIFT_CACHE_DIR/tokens (default: the user's cache directory), mode 0600. `status` also
/// says which credentials a fetch without credential flags uses: the SPACELIFT_API_* variables,
/// or spacectl's current profile.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// List cached tokens (endpoint, method, key ID, expiry) and the default credentials.
    Status,
    /// Delete the cached tokens of ENDPOINT, or all of them.
    Logout {
        /// The endpoint, with or without /graphql.
        endpoint: Option<String>,
    },
}

pub(super) fn run(args: Args) -> anyhow::Result<Exit> {
    let cache = TokenCache::default_location()?;
    // Write errors (a closed pipe among them) go back to `main`.
    let mut stdout = std::io::stdout().lock();
    match args.action {
        Action::Status => {
            let tokens = cache.list()?;
            let defaults = default_credentials();
            if tokens.is_empty() {
                writeln!(stdout, "no cached tokens in {}", cache.dir().display())?;
                if let Some(defaults) = defaults {
                    writeln!(stdout, "{defaults}")?;
                }
                stdout.flush()?;
                return Ok(Exit::Ok);
            }
            let now = now();
            let rows: Vec<[String; 4]> = tokens
                .iter()
                .map(|(_, token)| {
                    [
                        token.endpoint.clone(),
                        token.method.to_string(),
                        token.key_id.clone().unwrap_or_else(|| "-".to_owned()),
                        expiry(token.valid_until, now),
                    ]
                })
                .collect();
            let header = ["ENDPOINT", "METHOD", "KEY ID", "EXPIRES"].map(str::to_owned);
            let widths: Vec<usize> = (0..4)
                .map(|i| {
                    rows.iter()
                        .chain([&header])
                        .map(|r| r[i].chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            for row in [&header].into_iter().chain(&rows) {
                let line: Vec<String> = row
                    .iter()
                    .zip(&widths)
                    .map(|(cell, w)| format!("{cell:<w$}"))
                    .collect();
                writeln!(stdout, "{}", line.join("  ").trim_end())?;
            }
            writeln!(
                stdout,
                "({} in {})",
                plural(tokens.len()),
                cache.dir().display()
            )?;
            if let Some(defaults) = defaults {
                writeln!(stdout, "{defaults}")?;
            }
        }
        Action::Logout { endpoint } => {
            let endpoint = endpoint.as_deref().map(Endpoint::parse).transpose()?;
            let removed = cache.logout(endpoint.as_ref())?;
            match &endpoint {
                Some(e) => writeln!(stdout, "removed {} for {e}", plural(removed))?,
                None => writeln!(stdout, "removed {}", plural(removed))?,
            }
        }
    }
    stdout.flush()?;
    Ok(Exit::Ok)
}

/// What `fetch` would take with no credential flag ([`schemalift_fetch::default_credentials`]);
/// problems reading spacectl's file are warnings, as in `fetch`.
fn default_credentials() -> Option<String> {
    schemalift_fetch::default_credentials(&|name| std::env::var(name).ok(), &mut |warning| {
        output::warning(warning)
    })
}

fn plural(n: usize) -> String {
    format!("{n} cached token{}", if n == 1 { "" } else { "s" })
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// `2026-11-29 05:12 UTC (in 41 min)` or `… (expired)`.
fn expiry(valid_until: i64, now: i64) -> String {
    let when = utc(valid_until);
    let left = valid_until - now;
    let relative = if left <= 0 {
        "expired".to_owned()
    } else if left < 120 {
        format!("in {left} s")
    } else if left < 7200 {
        format!("in {} min", left / 60)
    } else {
        format!("in {} h", left / 3600)
    };
    format!("{when} ({relative})")
}

/// Unix seconds as a UTC date and time (Howard Hinnant's civil-from-days).
fn utc(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(1_795_000_000), "2026-11-18 11:06 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(expiry(1000, 1000), "1970-01-01 00:16 UTC (expired)");
        assert_eq!(expiry(4000, 1000), "1970-01-01 01:06 UTC (in 50 min)");
    }
}
