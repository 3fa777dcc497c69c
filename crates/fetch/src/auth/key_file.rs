//! Reading the file Spacelift offers to download when an API key is created.
//!
//! Its exact layout is not publicly documented and has changed over time, so this reads the
//! shapes such a file can have: `KEY=VALUE` or `Key: value` lines whose label names the secret
//! (and, if present, the key ID), spacectl-style `SPACELIFT_API_KEY_*` assignments, or a prose
//! file with the secret alone on a line. What is not found is an error that says which flag to
//! use instead; the secret never appears in a message.

use crate::FetchError;
use std::path::Path;

/// What a key file holds: the secret, and the key ID when the file names it.
#[derive(Debug)]
pub struct KeyFile {
    pub id: Option<String>,
    pub secret: super::Secret,
}

pub fn read_key_file(path: &Path) -> Result<KeyFile, FetchError> {
    let unreadable = |message: String| FetchError::CredentialsFile {
        path: path.to_owned(),
        message,
    };
    let text = crate::files::read_bounded_text(path, crate::files::SMALL_FILE_LIMIT)
        .map_err(|e| unreadable(e.to_string()))?;
    parse(&text).ok_or_else(|| {
        unreadable(
            "no API key secret found (expected a `secret: …` or `SPACELIFT_API_KEY_SECRET=…` line, or the secret alone on a line); pass --api-key-secret instead"
                .to_owned(),
        )
    })
}

fn parse(text: &str) -> Option<KeyFile> {
    let mut id = None;
    let mut secret = None;
    let mut bare = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.strip_prefix("export ").unwrap_or(line);
        match line.split_once(['=', ':']) {
            Some((label, value)) if !value.trim().is_empty() && is_label(label) => {
                let label = normalise(label);
                let value = unquote(value.trim());
                if label.ends_with("secret") {
                    secret = Some(value.to_owned());
                } else if label == "id" || label.ends_with("_id") {
                    id = Some(value.to_owned());
                }
            }
            _ if looks_like_secret(line) => bare.push(line.to_owned()),
            _ => {}
        }
    }
    let secret = secret.or_else(|| (bare.len() == 1).then(|| bare.remove(0)))?;
    Some(KeyFile {
        id,
        secret: super::Secret::new(secret),
    })
}

/// A label is a few words, not a sentence that happens to contain a colon.
fn is_label(label: &str) -> bool {
    let label = label.trim();
    !label.is_empty() && label.split_whitespace().count() <= 4
}

fn normalise(label: &str) -> String {
    label.trim().to_ascii_lowercase().replace(['-', ' '], "_")
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value)
}

/// Secrets are long runs of letters, digits and a few symbols, with no spaces.
fn looks_like_secret(line: &str) -> bool {
    line.len() >= 16
        && line
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '=' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_lines() {
        let f = parse("API key ID: 01HKEY\nAPI key secret: s3cr3t-s3cr3t-s3cr3t\n").unwrap();
        assert_eq!(f.id.as_deref(), Some("01HKEY"));
        assert_eq!(f.secret.expose(), "s3cr3t-s3cr3t-s3cr3t");
    }

    #[test]
    fn environment_assignments() {
        let f = parse(
            "export SPACELIFT_API_KEY_ID=01HKEY\nexport SPACELIFT_API_KEY_SECRET=\"abc:def\"\n",
        )
        .unwrap();
        assert_eq!(f.id.as_deref(), Some("01HKEY"));
        assert_eq!(f.secret.expose(), "abc:def");
    }

    #[test]
    fn prose_with_the_secret_alone_on_a_line() {
        let f = parse(
            "Please use the following API secret when communicating with Spacelift programmatically:\n\n\
             0123456789abcdef0123456789abcdef\n\nKeep it safe.\n",
        )
        .unwrap();
        assert_eq!(f.id, None);
        assert_eq!(f.secret.expose(), "0123456789abcdef0123456789abcdef");
    }

    #[test]
    fn nothing_usable() {
        assert!(parse("hello world\n").is_none());
        assert!(
            parse("aaaaaaaaaaaaaaaaaaaa\nbbbbbbbbbbbbbbbbbbbbbb\n").is_none(),
            "ambiguous"
        );
    }

    #[test]
    fn errors_name_the_file_not_the_secret() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.config");
        std::fs::write(&path, "just words here\n").unwrap();
        let err = read_key_file(&path).unwrap_err().to_string();
        assert!(err.contains("key.config"), "{err}");
    }
}
