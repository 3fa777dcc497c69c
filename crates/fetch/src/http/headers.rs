//! The request headers a user adds: `-H 'Name: Value'` and `--header-file` (one a line),
//! parsed without ever repeating a value in a message (it is often a pasted token), and the
//! header map every request starts from (the user's headers, marked sensitive and registered
//! with the [`Redactor`], after `Spacelift-Client-Type`).

use crate::auth::{Redactor, Secret};
use crate::FetchError;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use std::fmt;

/// A request header given by the user. Its value may be a credential, so `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: Secret,
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ***", self.name)
    }
}

impl Header {
    /// Parse a `-H` value, `Name: Value`: split at the first colon (values such as URLs keep
    /// theirs), both sides trimmed. The error never repeats the text, which is often a pasted
    /// token.
    pub fn parse(text: &str) -> Result<Header, FetchError> {
        Header::parse_as(text, "-H value").map_err(FetchError::Credentials)
    }

    /// Parse one line of text named `what` in messages (`-H value`, `line 2`).
    fn parse_as(text: &str, what: &str) -> Result<Header, String> {
        let Some((name, value)) = text.split_once(':') else {
            return Err(format!("{what} has no colon: expected `Name: Value`"));
        };
        let name = name.trim();
        if HeaderName::from_bytes(name.as_bytes()).is_err() || name.is_empty() {
            return Err(format!(
                "{what} has no valid header name before its colon: expected `Name: Value`"
            ));
        }
        let value = value.trim();
        if HeaderValue::from_str(value).is_err() {
            return Err(format!(
                "the value of header `{name}` has characters a header cannot carry"
            ));
        }
        Ok(Header {
            name: name.to_owned(),
            value: Secret::new(value),
        })
    }

    /// Headers from a file: one `Name: Value` a line; blank lines and `#` comments skipped.
    /// Errors name the line by number, never by its text.
    pub fn parse_file(path: &std::path::Path) -> Result<Vec<Header>, FetchError> {
        let text =
            crate::files::read_bounded_text(path, crate::files::SMALL_FILE_LIMIT).map_err(|e| {
                FetchError::CredentialsFile {
                    path: path.to_owned(),
                    message: e.to_string(),
                }
            })?;
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
            .map(|(n, line)| {
                Header::parse_as(line, &format!("line {}", n + 1)).map_err(|message| {
                    FetchError::CredentialsFile {
                        path: path.to_owned(),
                        message,
                    }
                })
            })
            .collect()
    }
}

/// The headers every request carries: `Spacelift-Client-Type`, then the user's, each value
/// marked sensitive and registered with the redactor so no message shows it.
pub(super) fn header_map(user: &[Header], redactor: &Redactor) -> Result<HeaderMap, FetchError> {
    let mut headers = HeaderMap::new();
    headers.insert(
        "Spacelift-Client-Type",
        HeaderValue::from_static("schemalift"),
    );
    for header in user {
        redactor.add_header(&header.name, header.value.expose());
        let name = HeaderName::from_bytes(header.name.as_bytes()).map_err(|_| {
            FetchError::Credentials(format!("`{}` is not a valid header name", header.name))
        })?;
        let mut value = HeaderValue::from_str(header.value.expose()).map_err(|_| {
            FetchError::Credentials(format!(
                "the value of header `{}` is not valid",
                header.name
            ))
        })?;
        value.set_sensitive(true);
        // Repeated names are all sent, as curl does.
        headers.append(name, value);
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_split_at_the_first_colon_and_trim() {
        let h = Header::parse("  X-Origin :  https://example.com:8443/a ").unwrap();
        assert_eq!(h.name, "X-Origin");
        assert_eq!(h.value.expose(), "https://example.com:8443/a");
        assert_eq!(format!("{h:?}"), "X-Origin: ***");
    }

    #[test]
    fn bad_headers_do_not_echo_values() {
        let e = Header::parse("eyJhbGciOiJIUzI1NiJ9.pasted")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "-H value has no colon: expected `Name: Value`");
        let e = Header::parse("Bearer sekrit: x").unwrap_err().to_string();
        assert!(
            !e.contains("sekrit") && e.contains("no valid header name"),
            "{e}"
        );
        let e = Header::parse("Authorization Bearer-sekrit-value")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("sekrit"), "{e}");
        assert!(Header::parse(": v").is_err());
        let e = Header::parse("X: a\u{7}sekrit").unwrap_err().to_string();
        assert!(!e.contains("sekrit"), "{e}");
    }

    #[test]
    fn header_files_skip_comments_and_name_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("headers");
        std::fs::write(
            &path,
            "# secrets\nAuthorization: Bearer abc\n\nX-Team: core\n",
        )
        .unwrap();
        let headers = Header::parse_file(&path).unwrap();
        assert_eq!(headers.len(), 2);
        std::fs::write(&path, "X-Ok: 1\nbroken line\n").unwrap();
        let e = Header::parse_file(&path).unwrap_err().to_string();
        assert!(
            e.ends_with("line 2 has no colon: expected `Name: Value`"),
            "{e}"
        );
        assert!(!e.contains("broken"), "{e}");
    }

    #[test]
    fn every_request_names_the_client_and_hides_the_user_values() {
        let redactor = Redactor::default();
        let user = [Header::parse("X-Team: sekrit-team").unwrap()];
        let map = header_map(&user, &redactor).unwrap();
        assert_eq!(map["Spacelift-Client-Type"], "schemalift");
        assert!(map["X-Team"].is_sensitive());
        assert!(!redactor.scrub("team sekrit-team").contains("sekrit-team"));
    }
}
