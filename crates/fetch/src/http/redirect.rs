//! Which redirects are followed. reqwest's own policy cannot tell one request from another, so
//! [`super::HttpClient`] follows redirects by hand and asks [`refuse_redirect`] at each hop.

/// Redirects followed in a row before giving up.
pub(super) const MAX_REDIRECTS: usize = 10;

/// Why a redirect is not followed, or `None` when it may be. Redirects are followed by hand
/// (reqwest's own policy cannot tell one request from another):
///
/// - never for a request whose body carries credentials (the API-key and GitHub-token
///   exchanges): the secret would go wherever the server says, once more;
/// - within the origin (scheme, host and port), with everything the request carried;
/// - from http to https on the same host (an upgrade: nothing goes anywhere it did not);
/// - nowhere else: not to another host or port (where the user's headers and the bearer
///   must not go) and never from https to http (cleartext).
pub(super) fn refuse_redirect(
    from: &reqwest::Url,
    to: &reqwest::Url,
    secret_body: bool,
) -> Option<&'static str> {
    if secret_body {
        return Some("the request carries credentials, which are never sent on to a redirect");
    }
    match (from.scheme(), to.scheme()) {
        (_, "http" | "https") => {}
        _ => return Some("not to http or https"),
    }
    if from.scheme() == "https" && to.scheme() == "http" {
        return Some("from https to http would send the request in cleartext");
    }
    if from.host_str() != to.host_str() {
        return Some("to another host");
    }
    if from.scheme() == to.scheme() && from.port_or_known_default() != to.port_or_known_default() {
        return Some("to another port");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_stay_within_the_origin_or_upgrade_and_never_carry_secrets() {
        let url = |u: &str| reqwest::Url::parse(u).unwrap();
        let from = url("http://h:8080/graphql");
        assert_eq!(
            refuse_redirect(&from, &url("http://h:8080/v2"), false),
            None
        );
        assert_eq!(
            refuse_redirect(&from, &url("https://h:8443/graphql"), false),
            None
        );
        assert_eq!(
            refuse_redirect(&from, &url("http://h:8443/graphql"), false),
            Some("to another port")
        );
        assert_eq!(
            refuse_redirect(&from, &url("https://evil/graphql"), false),
            Some("to another host")
        );
        assert_eq!(
            refuse_redirect(&url("https://h/graphql"), &url("http://h/graphql"), false),
            Some("from https to http would send the request in cleartext")
        );
        assert_eq!(
            refuse_redirect(&from, &url("ftp://h/graphql"), false),
            Some("not to http or https")
        );
        // With credentials in the body, not even within the origin.
        assert!(refuse_redirect(&from, &url("http://h:8080/v2"), true).is_some());
    }
}
