//! Everything a fetch can fail with, each one line that names the endpoint (and the HTTP status
//! where there was one) and says what to do. Messages are built from values that have already
//! been scrubbed of secrets (see `auth::Redactor`), so printing a `FetchError` is always safe.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("invalid endpoint `{endpoint}`: {message}")]
    InvalidEndpoint { endpoint: String, message: String },

    #[error("no endpoint: give a URL, or set SPACELIFT_API_KEY_ENDPOINT (or use a SPACELIFT_API_TOKEN, whose `aud` names one, or a spacectl profile)")]
    NoEndpoint,

    #[error("{0}")]
    Credentials(String),

    #[error("cannot read {}: {message}", path.display())]
    CredentialsFile { path: PathBuf, message: String },

    #[error("spacectl profiles in {}: {message}", path.display())]
    Profile { path: PathBuf, message: String },

    #[error("cannot set up the HTTP client: {0}")]
    Client(String),

    #[error("{endpoint}: {message} (after {attempts} attempt{})", plural(*attempts))]
    Connect {
        endpoint: String,
        message: String,
        attempts: u32,
    },

    #[error("{endpoint}: no answer within {seconds} s (after {attempts} attempt{}); raise --timeout if the server is slow", plural(*attempts))]
    Timeout {
        endpoint: String,
        seconds: f64,
        attempts: u32,
    },

    #[error("{endpoint}: {reason}: gave up at the overall deadline of {} s (--max-time) after {attempts} attempt{}", seconds(*max_time), plural(*attempts))]
    Deadline {
        endpoint: String,
        reason: String,
        max_time: std::time::Duration,
        attempts: u32,
    },

    #[error("{endpoint}: the answer is larger than {limit} (--max-response-size); raise the limit if the schema really is that big")]
    TooLarge { endpoint: String, limit: String },

    #[error("{endpoint}: HTTP {status}: {detail}")]
    Http {
        endpoint: String,
        status: u16,
        detail: String,
    },

    #[error("{endpoint}: HTTP {status}: {detail}; the same server answers GraphQL at {conventional}: give that URL")]
    WrongPath {
        endpoint: String,
        status: u16,
        detail: String,
        conventional: String,
    },

    #[error(
        "{endpoint}: HTTP {status}: the answer is not JSON ({message}){}",
        content_type_note(content_type)
    )]
    NotJson {
        endpoint: String,
        status: u16,
        content_type: Option<String>,
        message: String,
    },

    #[error("{endpoint}: HTTP {status}: {}", summarize(messages, SUMMARY_LONGEST))]
    GraphQL {
        endpoint: String,
        status: u16,
        messages: Vec<String>,
    },

    #[error("{endpoint}: HTTP {status}: introspection is disabled on this server ({}); ask its owners for the schema file, or for a token that may introspect", summarize(messages, DISABLED_LONGEST))]
    IntrospectionDisabled {
        endpoint: String,
        status: u16,
        messages: Vec<String>,
    },

    #[error("{endpoint}: HTTP {status}: unauthorized ({message}); {hint}")]
    Unauthorized {
        endpoint: String,
        status: u16,
        message: String,
        hint: &'static str,
    },

    #[error("{endpoint}: the API key was refused (apiKeyUser returned null): the key ID `{key_id}` is probably wrong, or the key was deleted")]
    UnknownApiKey { endpoint: String, key_id: String },

    #[error("{endpoint}: the GitHub token was refused (oauthUser returned null): GitHub must be the account's identity provider and the token needs the read:user scope")]
    UnknownGitHubToken { endpoint: String },

    #[error("{endpoint}: token exchange failed: {message}")]
    Exchange { endpoint: String, message: String },

    #[error("{endpoint}: type `{coordinate}` is wrapped deeper than the {depth} type-reference levels the query asked for{}", deeper_hint(*limited))]
    TooDeep {
        endpoint: String,
        coordinate: String,
        depth: usize,
        /// The depth was lowered because the server limits query depth.
        limited: bool,
    },

    #[error("{endpoint}: the introspection result cannot be read: {message}")]
    Schema { endpoint: String, message: String },

    #[error("token cache {}: {message}", path.display())]
    Cache { path: PathBuf, message: String },
}

/// The longest summary of server messages in an error line: with the endpoint, the status and a
/// hint, the line stays near 300 characters.
pub(crate) const SUMMARY_LONGEST: usize = 200;

/// The server's words beside "introspection is disabled", which says most of it already.
const DISABLED_LONGEST: usize = 120;

/// Server messages in one short piece of a line. Servers repeat themselves: Yoga with
/// introspection disabled answers one error per introspection field asked (38 for the full
/// query), differing only in the field's name. Messages that differ only in quoted names and
/// numbers are one entry, the first of them with a count; the whole is cut at `longest`
/// characters, saying how many messages were left out.
pub(crate) fn summarize(messages: &[String], longest: usize) -> String {
    let mut groups: Vec<(String, &str, usize, bool)> = Vec::new();
    for message in messages {
        let message = message.trim();
        let template = template(message);
        match groups.iter_mut().find(|(t, ..)| *t == template) {
            Some((_, first, count, identical)) => {
                *count += 1;
                *identical &= *first == message;
            }
            None => groups.push((template, message, 1, true)),
        }
    }
    // Each entry: the message, and its count (kept whole when the message is cut).
    let entries: Vec<(&str, String)> = groups
        .iter()
        .map(|(_, first, count, identical)| {
            let count = match (count, identical) {
                (1, _) => String::new(),
                (n, true) => format!(" (×{n})"),
                (n, false) => format!(" (and {} more like it)", n - 1),
            };
            (*first, count)
        })
        .collect();
    let mut line = String::new();
    for (index, (message, count)) in entries.iter().enumerate() {
        let separator = if index == 0 { "" } else { "; " };
        let left = entries.len() - index - 1;
        let used = line.chars().count() + separator.len();
        if used + message.chars().count() + count.chars().count() <= longest {
            line.push_str(separator);
            line.push_str(message);
            line.push_str(count);
            continue;
        }
        let room = longest.saturating_sub(used + count.chars().count());
        if index == 0 || room >= 40 {
            let cut: String = message.chars().take(room.max(40)).collect();
            line.push_str(separator);
            line.push_str(cut.trim_end());
            line.push('…');
            line.push_str(count);
            if left > 0 {
                line.push_str(&format!(" ({left} more messages)"));
            }
        } else {
            line.push_str(&format!(" ({} more messages)", left + 1));
        }
        return line;
    }
    line
}

/// A message with its quoted parts and numbers blanked: what repeated messages share.
fn template(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(open) if c == open => {
                quote = None;
                out.push(c);
            }
            Some(_) => {}
            None if c == '"' || c == '`' => {
                quote = Some(c);
                out.push(c);
            }
            None if c.is_ascii_digit() => {
                if !out.ends_with('#') {
                    out.push('#');
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// `2`, `0.5`: seconds as the user wrote them.
fn seconds(duration: std::time::Duration) -> String {
    let s = duration.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s}")
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn content_type_note(content_type: &Option<String>) -> String {
    match content_type {
        Some(t) => format!(", Content-Type: {t}"),
        None => String::new(),
    }
}

fn deeper_hint(limited: bool) -> &'static str {
    if limited {
        " (the server's depth limit forced a shallower query; ask its owners to allow deeper introspection)"
    } else {
        " (graphql-js and most servers need at most 10)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What GraphQL Yoga answers the full query with introspection disabled: one error per
    /// introspection field.
    fn yoga_disabled() -> Vec<String> {
        ["__schema", "queryType", "mutationType", "types", "fields", "args", "type", "ofType"]
            .iter()
            .cycle()
            .take(38)
            .map(|field| format!("GraphQL introspection has been disabled, but the requested query contained the field \"{field}\"."))
            .collect()
    }

    #[test]
    fn near_identical_messages_are_one_with_a_count() {
        assert_eq!(
            summarize(&yoga_disabled(), SUMMARY_LONGEST),
            "GraphQL introspection has been disabled, but the requested query contained the field \"__schema\". (and 37 more like it)"
        );
        let same = vec!["boom".to_owned(); 3];
        assert_eq!(summarize(&same, SUMMARY_LONGEST), "boom (×3)");
        let two = vec!["a 1".to_owned(), "b".to_owned(), "a 22".to_owned()];
        assert_eq!(
            summarize(&two, SUMMARY_LONGEST),
            "a 1 (and 1 more like it); b"
        );
    }

    #[test]
    fn long_summaries_are_cut_and_say_what_is_left() {
        let many: Vec<String> = (0..30)
            .map(|i| {
                format!(
                    "error {} of a different kind {}",
                    "x".repeat(i),
                    "y".repeat(30 - i)
                )
            })
            .collect();
        let line = summarize(&many, SUMMARY_LONGEST);
        assert!(line.chars().count() <= SUMMARY_LONGEST + 30, "{line}");
        assert!(line.ends_with("more messages)"), "{line}");
        let one = vec!["z".repeat(1000)];
        let line = summarize(&one, SUMMARY_LONGEST);
        assert_eq!(line.chars().count(), SUMMARY_LONGEST + 1, "{line}");
    }

    #[test]
    fn the_disabled_line_names_the_endpoint_once_and_stays_short() {
        let line = FetchError::IntrospectionDisabled {
            endpoint: "http://127.0.0.1:4000/graphql".into(),
            status: 400,
            messages: yoga_disabled(),
        }
        .to_string();
        assert!(
            line.chars().count() <= 300,
            "{} chars: {line}",
            line.chars().count()
        );
        assert_eq!(line.matches("127.0.0.1").count(), 1, "{line}");
        assert!(
            line.contains("introspection is disabled on this server"),
            "{line}"
        );
    }
}
