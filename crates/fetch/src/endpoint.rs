//! The GraphQL endpoint a fetch talks to: parsed once, used as given (only a bare Spacelift
//! account URL means its `/graphql`, as Spacelift's own tools have it), and shown without
//! anything secret in it:
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
    /// Parse what a user typed. The URL is used as given, path and all (GraphQL Yoga served at
    /// `/` answers there, and nowhere else); only a bare Spacelift account URL, with no path
    /// (`https://acme.app.spacelift.io`, `…/`), means its `/graphql`. A URL without a scheme gets
    /// `https://` (a JWT's `aud` claim and `SPACELIFT_API_KEY_ENDPOINT` are sometimes bare host
    /// names).
    pub fn parse(input: &str) -> Result<Endpoint, FetchError> {
        Endpoint::parse_with(input, is_spacelift_host)
    }

    /// Parse an endpoint named by Spacelift credentials (`SPACELIFT_API_KEY_ENDPOINT`, a token's
    /// `aud`, a spacectl profile): those name an account, self-hosted ones included, so a bare
    /// URL means its `/graphql` whatever the host, as spacectl has it.
    pub fn parse_spacelift(input: &str) -> Result<Endpoint, FetchError> {
        Endpoint::parse_with(input, |_| true)
    }

    fn parse_with(
        input: &str,
        bare_means_graphql: fn(&str) -> bool,
    ) -> Result<Endpoint, FetchError> {
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
        let bare = (url.path().is_empty() || url.path() == "/") && url.query().is_none();
        if bare && url.host_str().is_some_and(bare_means_graphql) {
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

    /// The same origin's `/graphql`, when that is not this endpoint already: where most
    /// servers answer, named in the error when the given path answers 404 or 405.
    pub fn conventional(&self) -> Option<Endpoint> {
        let mut url = self.url.clone();
        url.set_path("/graphql");
        url.set_query(None);
        (url != self.url).then_some(Endpoint { url })
    }
}

/// The hosts of Spacelift's accounts, whose bare URL means `/graphql`: `acme.app.spacelift.io`,
/// `acme.app.us.spacelift.io`.
const SPACELIFT_HOST_SUFFIXES: [&str; 1] = [".spacelift.io"];

fn is_spacelift_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    SPACELIFT_HOST_SUFFIXES
        .iter()
        .any(|suffix| host.ends_with(suffix))
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
    fn a_url_is_used_as_given() {
        for input in [
            "http://127.0.0.1:4000/",
            "http://127.0.0.1:4000",
            "https://api.example.com/",
            "https://api.example.com/v1/graphql",
            "https://acme.app.spacelift.io/api",
        ] {
            let expected = if input.ends_with(":4000") {
                format!("{input}/")
            } else {
                input.to_owned()
            };
            assert_eq!(
                Endpoint::parse(input).unwrap().url().as_str(),
                expected,
                "{input}"
            );
        }
        assert_eq!(
            Endpoint::parse("https://acme.app.us.spacelift.io")
                .unwrap()
                .url()
                .as_str(),
            "https://acme.app.us.spacelift.io/graphql"
        );
        assert_eq!(
            Endpoint::parse_spacelift("https://spacelift.corp.example")
                .unwrap()
                .url()
                .as_str(),
            "https://spacelift.corp.example/graphql",
            "credentials name an account, self-hosted too"
        );
    }

    #[test]
    fn the_conventional_path_is_offered_only_when_it_differs() {
        let root = Endpoint::parse("http://127.0.0.1:4000/?k=v").unwrap();
        assert_eq!(
            root.conventional().unwrap().url().as_str(),
            "http://127.0.0.1:4000/graphql"
        );
        let graphql = Endpoint::parse("http://127.0.0.1:4000/graphql").unwrap();
        assert_eq!(graphql.conventional(), None);
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
