//! `fetch --watch --notify URL`: telling a team that a watched schema changed. Each change is
//! POSTed to a webhook as one JSON body: the `diff --format json` report (rendered by the
//! caller with `schemalift_check::report::json`, the stable format of docs/diff.md) with a
//! `text` field added first, a short Markdown summary (the counts, then the breaking changes)
//! that a Slack or Mattermost incoming webhook shows as it is.
//!
//! The request goes through the fetch's own [`HttpClient`]: the same retries (`--retries`,
//! backoff, `Retry-After`), one overall deadline (`--max-time`) per notification, redirects only
//! within the origin. None of the endpoint's headers or credentials go to the webhook.
//!
//! The webhook URL is itself a secret (Slack's and Mattermost's carry their token in the path),
//! so it is never shown: every message calls it "the --notify webhook", and the URL, its path
//! and its long path segments are registered with a [`Redactor`] that scrubs whatever else the
//! message quotes (a redirect target, the receiver's answer).

use crate::auth::Redactor;
use crate::http::{HttpClient, HttpOptions};
use crate::retry::{default_max_time, Deadline, Limits, RetryPolicy};
use crate::Endpoint;
use serde_json::{Map, Value};
use std::fmt;
use std::time::Duration;

/// How messages name the webhook, instead of its URL.
pub const WEBHOOK: &str = "the --notify webhook";

/// Breaking changes listed in the summary; the rest are counted ("… and 3 more").
const LISTED: usize = 20;

/// The largest answer read from a webhook (they answer `ok` or a short error).
const MAX_ANSWER: u64 = 64 << 10;

/// Characters of the receiver's answer quoted in an error.
const QUOTED: usize = 120;

/// A notification that could not be sent (or built). The message never contains the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyError(String);

impl fmt::Display for NotifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotifyError {}

/// How to send notifications: the fetch's request settings.
#[derive(Debug, Clone, Copy)]
pub struct NotifyOptions {
    /// Per request.
    pub timeout: Duration,
    pub retry: RetryPolicy,
    /// One notification, retries and waits included; `None` is [`default_max_time`].
    pub max_time: Option<Duration>,
}

/// A webhook to POST change reports to. `Debug` does not show the URL.
pub struct Notifier {
    runtime: tokio::runtime::Runtime,
    http: HttpClient,
    endpoint: Endpoint,
    redactor: Redactor,
    options: NotifyOptions,
}

impl fmt::Debug for Notifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Notifier")
            .field("url", &"***")
            .field("options", &self.options)
            .finish()
    }
}

impl Notifier {
    /// Check the URL (http or https, a host, used exactly as given) and make the client. The
    /// error never quotes the URL.
    pub fn new(url: &str, options: NotifyOptions) -> Result<Notifier, NotifyError> {
        let redactor = Redactor::default();
        register(&redactor, url);
        let invalid = |why: &str| NotifyError(format!("{WEBHOOK} is not usable: {why}"));
        let parsed = reqwest::Url::parse(url.trim()).map_err(|e| invalid(&e.to_string()))?;
        register(&redactor, parsed.as_str());
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(invalid("it must be an http or https URL"));
        }
        if parsed.host_str().is_none_or(str::is_empty) {
            return Err(invalid("it has no host"));
        }
        let endpoint = Endpoint::parse(parsed.as_str()).map_err(|e| invalid(&e.to_string()))?;
        // A webhook is posted to exactly where it says, and every real one has a path; a bare
        // host is a URL cut short when pasted (and a bare Spacelift URL would mean /graphql).
        let mut exact = parsed.clone();
        exact.set_fragment(None);
        if matches!(parsed.path(), "" | "/") || endpoint.url() != &exact {
            return Err(invalid(
                "it has no path (webhooks have one, such as Slack's /services/… or Mattermost's /hooks/…)",
            ));
        }
        let http = HttpClient::new(
            HttpOptions {
                timeout: options.timeout,
                retry: options.retry,
                // The endpoint's headers and credentials are not for the webhook.
                headers: Vec::new(),
                tls: HttpOptions::needs_tls(&endpoint),
                client_certificate: None,
            },
            redactor.clone(),
        )
        .map_err(|e| NotifyError(scrub(&redactor, &endpoint, &e.to_string())))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| NotifyError(format!("{WEBHOOK}: {e}")))?;
        Ok(Notifier {
            runtime,
            http,
            endpoint,
            redactor,
            options,
        })
    }

    /// POST the body for one change report (see [`body`]). Any 2xx answer is success.
    pub fn send(&self, report_json: &str) -> Result<(), NotifyError> {
        let body = body(report_json)?;
        let max_time = self
            .options
            .max_time
            .unwrap_or_else(|| default_max_time(self.options.timeout, self.options.retry.retries));
        self.http.set_limits(Limits {
            max_response_size: MAX_ANSWER,
            deadline: Some(Deadline::after(max_time)),
        });
        let reply = self
            .runtime
            .block_on(self.http.post(&self.endpoint, &body, None))
            .map_err(|e| NotifyError(scrub(&self.redactor, &self.endpoint, &e.to_string())))?;
        if (200..300).contains(&reply.status) {
            return Ok(());
        }
        let answer = quote(&String::from_utf8_lossy(&reply.body));
        let answer = self.redactor.scrub(&answer);
        Err(NotifyError(if answer.is_empty() {
            format!("{WEBHOOK}: HTTP {}", reply.status)
        } else {
            format!("{WEBHOOK}: HTTP {}: {answer}", reply.status)
        }))
    }
}

/// The URL and the parts of it that would give it away: the path with its query, and each long
/// path segment (Slack's secret is the last one; short ones such as `hooks` are words).
fn register(redactor: &Redactor, url: &str) {
    redactor.add(url);
    redactor.add(url.trim());
    redactor.add(&crate::endpoint::redact_url(url.trim()));
    if let Ok(parsed) = reqwest::Url::parse(url.trim()) {
        redactor.add(parsed.as_str());
        redactor.add(&crate::endpoint::redact_url(parsed.as_str()));
        let path = parsed.path();
        if path.len() > 1 {
            redactor.add(path);
            redactor.add(&format!(
                "{path}{}",
                parsed.query().map_or(String::new(), |q| format!("?{q}"))
            ));
        }
        for segment in path.split('/').filter(|s| s.len() >= 12) {
            redactor.add(segment);
        }
        if let Some(password) = parsed.password() {
            redactor.add(password);
        }
    }
}

/// A fetch error about the webhook as a message about "the --notify webhook": its URL (as
/// [`Endpoint`]'s `Display` writes it) replaced by name, anything else scrubbed.
fn scrub(redactor: &Redactor, endpoint: &Endpoint, message: &str) -> String {
    let named = message.replace(&endpoint.to_string(), WEBHOOK);
    let named = if named.starts_with(WEBHOOK) {
        named
    } else {
        format!("{WEBHOOK}: {named}")
    };
    redactor.scrub(&named)
}

/// The receiver's answer on one short line.
fn quote(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > QUOTED {
        format!("{}…", line.chars().take(QUOTED).collect::<String>())
    } else {
        line
    }
}

/// The JSON body of a notification: `text` (see [`summary`]) and then every field of the
/// `diff --format json` report, unchanged.
pub fn body(report_json: &str) -> Result<Value, NotifyError> {
    let report: Map<String, Value> = serde_json::from_str(report_json).map_err(|e| {
        NotifyError(format!(
            "cannot notify {WEBHOOK}: the change report is not a JSON object: {e}"
        ))
    })?;
    let mut body = Map::new();
    body.insert("text".to_owned(), Value::String(summary(&report)));
    for (key, value) in report {
        if key != "text" {
            body.insert(key, value);
        }
    }
    Ok(Value::Object(body))
}

/// A short Markdown summary of a report, in the subset Slack's `mrkdwn` and Mattermost both
/// show (code spans, `-` lists): which schema changed, the counts, then up to 20 breaking
/// changes. `&`, `<` and `>` are written as entities, as Slack asks, so nothing in a message
/// becomes a link or a mention.
pub fn summary(report: &Map<String, Value>) -> String {
    let count = |name: &str| {
        report
            .get("counts")
            .and_then(|c| c.get(name))
            .and_then(Value::as_u64)
            .unwrap_or(0)
    };
    let (breaking, dangerous, safe) = (count("breaking"), count("dangerous"), count("safe"));
    let total = breaking + dangerous + safe;
    let schema = report.get("new").and_then(Value::as_str).unwrap_or("");
    let mut text = format!(
        "GraphQL schema `{}` changed: {total} change{} ({breaking} breaking, {dangerous} dangerous, {safe} safe)",
        escape(schema),
        if total == 1 { "" } else { "s" }
    );
    let breaking_changes: Vec<&str> = report
        .get("changes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|c| c.get("criticality").and_then(Value::as_str) == Some("breaking"))
        .filter_map(|c| c.get("message").and_then(Value::as_str))
        .collect();
    if breaking_changes.is_empty() {
        text.push_str("\nNo breaking changes.");
        return text;
    }
    text.push_str("\n\nBreaking changes:");
    for message in breaking_changes.iter().take(LISTED) {
        text.push_str("\n- ");
        text.push_str(&escape(message));
    }
    if breaking_changes.len() > LISTED {
        text.push_str(&format!(
            "\n- … and {} more",
            breaking_changes.len() - LISTED
        ));
    }
    text
}

/// Slack's three control characters of `mrkdwn`, as entities (Mattermost decodes them too).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemalift_check::report::{self, DiffReport};
    use schemalift_check::rules::Finding;

    /// The real JSON report of two SDL versions, as the CLI renders it.
    fn report_json(old: &str, new: &str) -> String {
        let old = apollo_compiler::Schema::parse(old, "old.graphql").unwrap();
        let new = apollo_compiler::Schema::parse(new, "new.graphql").unwrap();
        let findings = schemalift_check::diff(&old, &new)
            .into_iter()
            .map(Finding::new)
            .collect();
        report::json(&DiffReport {
            old_name: "https://api.example.com/graphql (previous)".into(),
            new_name: "https://api.example.com/graphql".into(),
            findings,
            new_schema: &new,
            warnings: Vec::new(),
            operations: None,
            rules_file: None,
        })
    }

    #[test]
    fn the_body_is_the_json_report_with_a_summary_first() {
        let json = report_json(
            "type Query { a: Int b(x: Int): String c: ID }",
            "type Query { a: Int b(x: Int, y: Int = 1): String d: ID }",
        );
        let body = body(&json).unwrap();
        let report: Value = serde_json::from_str(&json).unwrap();
        let object = body.as_object().unwrap();
        assert_eq!(object.keys().next().map(String::as_str), Some("text"));
        for (key, value) in report.as_object().unwrap() {
            assert_eq!(object.get(key), Some(value), "{key}");
        }
        assert_eq!(
            body["text"],
            "GraphQL schema `https://api.example.com/graphql` changed: 3 changes (1 breaking, 1 dangerous, 1 safe)\n\nBreaking changes:\n- Field `Query.c` was removed"
        );
    }

    #[test]
    fn a_summary_without_breaking_changes_says_so() {
        let json = report_json("type Query { a: Int }", "type Query { a: Int b: Int }");
        let body = body(&json).unwrap();
        assert_eq!(
            body["text"],
            "GraphQL schema `https://api.example.com/graphql` changed: 1 change (0 breaking, 0 dangerous, 1 safe)\nNo breaking changes."
        );
    }

    #[test]
    fn a_long_list_of_breaking_changes_is_cut_and_counted() {
        let fields: String = (0..25).map(|i| format!(" f{i:02}: Int")).collect();
        let json = report_json(
            &format!("type Query {{ keep: Int {fields} }}"),
            "type Query { keep: Int }",
        );
        let text = body(&json).unwrap()["text"].as_str().unwrap().to_owned();
        assert!(text.contains("25 changes (25 breaking"), "{text}");
        assert_eq!(text.matches("\n- Field").count(), LISTED, "{text}");
        assert!(text.ends_with("\n- … and 5 more"), "{text}");
    }

    #[test]
    fn slack_control_characters_are_entities() {
        let report = serde_json::json!({
            "new": "https://h/graphql?a=1&b=2",
            "counts": { "breaking": 1, "dangerous": 0, "safe": 0 },
            "changes": [{ "criticality": "breaking", "message": "Default `<!channel>` & more" }]
        });
        let text = summary(report.as_object().unwrap());
        assert!(text.contains("`https://h/graphql?a=1&amp;b=2`"), "{text}");
        assert!(
            text.ends_with("- Default `&lt;!channel&gt;` &amp; more"),
            "{text}"
        );
    }

    #[test]
    fn a_report_that_is_not_an_object_is_an_error() {
        let e = body("[1]").unwrap_err().to_string();
        assert!(e.contains("not a JSON object"), "{e}");
    }

    const SECRET_URL: &str =
        "https://hooks.slack.test/services/T0123/B0456/s3cretS3cretS3cretS3cret";

    #[test]
    fn the_url_is_never_in_a_message() {
        let options = NotifyOptions {
            timeout: Duration::from_secs(1),
            retry: RetryPolicy::default(),
            max_time: None,
        };
        for bad in [
            "ftp://hooks.test/services/T/B/s3cretS3cretS3cretS3cret",
            "https://hooks.test",
            "not a url s3cretS3cretS3cretS3cret",
        ] {
            let e = Notifier::new(bad, options).unwrap_err().to_string();
            assert!(e.starts_with("the --notify webhook is not usable: "), "{e}");
            assert!(!e.contains("s3cret") && !e.contains("hooks.test"), "{e}");
        }
        let notifier = Notifier::new(SECRET_URL, options).unwrap();
        assert!(!format!("{notifier:?}").contains("s3cret"));
        let endpoint = Endpoint::parse(SECRET_URL).unwrap();
        let message = format!(
            "{endpoint}: refused the redirect (HTTP 307) from {SECRET_URL} to https://hooks.slack.test/other/s3cretS3cretS3cretS3cret: to another host (after 1 attempt)"
        );
        let scrubbed = scrub(&notifier.redactor, &endpoint, &message);
        assert!(
            scrubbed.starts_with("the --notify webhook: refused the redirect"),
            "{scrubbed}"
        );
        assert!(!scrubbed.contains("s3cret"), "{scrubbed}");
    }

    #[test]
    fn an_unreachable_webhook_is_a_one_line_error_without_the_url() {
        // A port nothing listens on (bound, then released).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let url = format!("http://127.0.0.1:{port}/hooks/abcdefghijklmnopqrstuvwxyz");
        let notifier = Notifier::new(
            &url,
            NotifyOptions {
                timeout: Duration::from_secs(2),
                retry: RetryPolicy {
                    retries: 1,
                    base: Duration::from_millis(10),
                    cap: Duration::from_millis(10),
                },
                max_time: None,
            },
        )
        .unwrap();
        let json = report_json("type Query { a: Int }", "type Query { b: Int }");
        let e = notifier.send(&json).unwrap_err().to_string();
        assert!(e.starts_with("the --notify webhook: cannot connect"), "{e}");
        assert!(e.contains("(after 2 attempts)"), "{e}");
        assert!(
            !e.contains("abcdefghijklmnopqrstuvwxyz") && !e.contains("/hooks"),
            "{e}"
        );
        assert!(!e.contains('\n'), "{e}");
    }
}
