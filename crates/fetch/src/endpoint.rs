//! The GraphQL endpoint a fetch talks to: parsed once, normalised the way Spacelift's own tools
//! do (a bare account URL means its `/graphql`), and shown without anything secret in it:
//! [`redact_url`] is the one way every command shows a URL (the password and the query's
//! values replaced by `***`).

use crate::FetchError;
use reqwest::Url;
use std::fmt;

/// A normalised GraphQL endpoint URL.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Endpoint {
    url: Url,
}

impl Endpoint {
    /// Parse what a user typed: `https://acme.app.spacelift.io`, `https://acme.app.spacelift.io/`
    /// and `https://acme.app.spacelift.io/graphql` are the same endpoint. A URL without a scheme
    /// gets `https://` (a JWT's `aud` claim and `SPACELIFT_API_KEY_ENDPOINT` are sometimes bare
    /// host names). Any other path is kept as given, for servers that answer elsewhere.
    pub fn parse(input: &str) -> Result<Endpoint, FetchError> {
        let trimmed = input.trim();
        let with_scheme = if trimmed.contains("://") {
            trimmed.to_owned()
        } else {
            format!("https://{trimmed}")
        };
        let invalid = |message: String| FetchError::InvalidEndpoint {
            endpoint: redact_url(trimmed),
            message,
        };
        let mut url = Url::parse(&with_scheme).map_err(|e| invalid(e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(invalid(format!(
                "unsupported scheme `{}` (use http or https)",
                url.scheme()
            )));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(invalid("no host".to_owned()));
        }
        if url.path().is_empty() || url.path() == "/" {
            url.set_path("/graphql");
        }
        url.set_fragment(None);
        Ok(Endpoint { url })
    }

    /// The URL requests go to.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The identity tokens are cached under: scheme, host, port and path, never credentials
    /// or a query string.
    pub fn cache_identity(&self) -> String {
        let mut url = self.url.clone();
        let _ = url.set_username("");
        let _ = url.set_password(None);
        url.set_query(None);
        url.to_string()
    }
}

impl fmt::Display for Endpoint {
    /// The URL with any password and query values in it replaced, so messages can name the
    /// endpoint safely.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact_url(self.url.as_str()))
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Endpoint({self})")
    }
}

/// A URL as every command shows it: `https://user:pass@host/gql?token=abc&v=1` →
/// `https://user:***@host/gql?token=***&v=***`. Passwords and query values (`?token=`,
/// `?api_key=`, a bare `?secret`) are where credentials ride in URLs; the scheme, host, port,
/// path and parameter names stay, so the URL is still recognisable. Works on strings that do
/// not parse, and leaves text without `://` (a file name) as it is.
pub fn redact_url(url: &str) -> String {
    let url = redact_userinfo(url);
    let Some(query_start) = url.find('?') else {
        return url;
    };
    let (head, rest) = url.split_at(query_start);
    let rest = &rest[1..];
    let (query, fragment) = match rest.find('#') {
        Some(hash) => (&rest[..hash], &rest[hash..]),
        None => (rest, ""),
    };
    if query.is_empty() {
        return url.clone();
    }
    let redacted: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) => format!("{name}=***"),
            None if pair.is_empty() => String::new(),
            None => "***".to_owned(),
        })
        .collect();
    format!("{head}?{}{fragment}", redacted.join("&"))
}

/// `https://user:pass@host/` → `https://user:***@host/`, also for strings that do not parse.
fn redact_userinfo(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match authority.rfind('@') {
        Some(at) => {
            let userinfo = &authority[..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}://{}:***@{}", &url[..scheme_end], user, &rest[at + 1..])
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_account_urls_mean_their_graphql_path() {
        for input in [
            "https://acme.app.spacelift.io",
            "https://acme.app.spacelift.io/",
            "https://acme.app.spacelift.io/graphql",
            "acme.app.spacelift.io",
        ] {
            assert_eq!(
                Endpoint::parse(input).unwrap().url().as_str(),
                "https://acme.app.spacelift.io/graphql",
                "{input}"
            );
        }
    }

    #[test]
    fn other_paths_and_ports_are_kept() {
        let e = Endpoint::parse("http://127.0.0.1:8080/api/gql?x=1").unwrap();
        assert_eq!(e.url().as_str(), "http://127.0.0.1:8080/api/gql?x=1");
        assert_eq!(e.cache_identity(), "http://127.0.0.1:8080/api/gql");
    }

    #[test]
    fn passwords_never_show() {
        let e = Endpoint::parse("https://me:hunter2@example.com/graphql").unwrap();
        assert_eq!(e.to_string(), "https://me:***@example.com/graphql");
        assert!(!format!("{e:?}").contains("hunter2"));
        assert!(!e.cache_identity().contains("hunter2"));
        let e = Endpoint::parse("https://me:hunter2@example.com/gql?token=tok3n&v=1").unwrap();
        assert_eq!(
            e.to_string(),
            "https://me:***@example.com/gql?token=***&v=***"
        );
        let err = Endpoint::parse("ftp://me:hunter2@example.com").unwrap_err();
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(err.to_string().contains("unsupported scheme"), "{err}");
    }

    #[test]
    fn urls_show_without_passwords_or_query_values() {
        for (input, shown) in [
            ("http://u:pw@h:8080/graphql", "http://u:***@h:8080/graphql"),
            ("http://h/g?token=abc", "http://h/g?token=***"),
            (
                "http://h/g?a=1&&b&c=#frag",
                "http://h/g?a=***&&***&c=***#frag",
            ),
            ("https://h/g?", "https://h/g?"),
            ("schema.graphql", "schema.graphql"),
            ("git:HEAD~1:schema.graphql", "git:HEAD~1:schema.graphql"),
            ("http://h/p@x?k=v", "http://h/p@x?k=***"),
        ] {
            assert_eq!(redact_url(input), shown, "{input}");
        }
    }
}
