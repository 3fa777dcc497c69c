//! End-to-end tests of `schemalift fetch --watch --notify URL`: the real binary watches the test
//! GraphQL server (`schemalift_tests::server`, whose schema the test changes between polls) and
//! posts to a small webhook receiver the test starts on 127.0.0.1. They hold that each change is
//! one POST of the `diff --format json` report with a Markdown `text`, that unchanged polls and
//! the baseline send nothing, that a receiver answering 500 costs a warning and not the watch,
//! and that the webhook URL (whose path is a secret, as Slack's is) is never printed.

use schemalift_tests::server::{self, TestServer};
use schemalift_tests::{schemalift, text};
use std::process::{Child, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SIMPLE: &str = "type Query { stacks(first: Int = 10): [Stack!]! viewer: Viewer }\n\
                      type Stack { id: ID! name: String! labels: [String!]! }\n\
                      type Viewer { id: ID! name: String }\n";

/// The secret part of the webhook's path, as in Slack's `/services/T…/B…/<secret>`.
const SECRET: &str = "xoxWebhookSecret0123456789";

/// What the receiver saw and how it answers.
#[derive(Default)]
struct Received {
    /// Path and body of every POST, in order.
    posts: Mutex<Vec<(String, serde_json::Value)>>,
    /// Requests still to answer with HTTP 500.
    failures: AtomicUsize,
}

/// A webhook receiver on 127.0.0.1, stopped when dropped.
struct Receiver {
    url: String,
    received: Arc<Received>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Receiver {
    fn start() -> Receiver {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).expect("non-blocking");
        let url = format!(
            "http://{}/services/T0001/B0002/{SECRET}",
            listener.local_addr().expect("address")
        );
        let received = Arc::new(Received::default());
        let state = received.clone();
        let app = axum::Router::new().fallback(move |uri: axum::http::Uri, body: String| {
            let state = state.clone();
            async move {
                let json = serde_json::from_str(&body).unwrap_or(serde_json::Value::Null);
                state
                    .posts
                    .lock()
                    .unwrap()
                    .push((uri.path().to_owned(), json));
                let failing = state
                    .failures
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok();
                if failing {
                    // Echo the path, as a careless receiver might: it must not be printed.
                    (
                        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                        format!("no_service at {}", uri.path()),
                    )
                } else {
                    (axum::http::StatusCode::OK, "ok".to_owned())
                }
            }
        });
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let tcp = tokio::net::TcpListener::from_std(listener).expect("listener");
                tokio::select! {
                    _ = axum::serve(tcp, app) => {}
                    _ = stopped => {}
                }
            });
        });
        Receiver {
            url,
            received,
            shutdown: Some(shutdown),
        }
    }

    fn posts(&self) -> Vec<(String, serde_json::Value)> {
        self.received.posts.lock().unwrap().clone()
    }

    fn fail_next(&self, n: usize) {
        self.received.failures.store(n, Ordering::SeqCst);
    }

    /// Wait until `n` POSTs have arrived.
    fn wait_for(&self, n: usize, child: &mut Child) {
        wait_until(child, &format!("{n} POSTs"), || self.posts().len() >= n);
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// Poll `done` until it holds; fail (killing the watch) after 20 s or if the watch exited.
fn wait_until(child: &mut Child, what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the watch exited ({status}) before {what}");
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("no {what} within 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Wait for `polls` more requests to the GraphQL server (one per poll with --legacy).
fn wait_polls(server: &TestServer, child: &mut Child, polls: usize) {
    let target = server.requests() + polls;
    wait_until(child, &format!("{polls} polls"), || {
        server.requests() >= target
    });
}

fn watch(server: &TestServer, receiver: &Receiver, dir: &std::path::Path) -> Child {
    schemalift()
        .env("SCHEMALIFT_CACHE_DIR", dir.join("cache"))
        .args([
            "fetch",
            &server.url,
            "-o",
            "watched.graphql",
            "--watch",
            "0.2",
            "--legacy",
            "--retries",
            "1",
            "--notify",
            &receiver.url,
        ])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the watch")
}

fn stop(mut child: Child) -> Output {
    let _ = child.kill();
    child.wait_with_output().expect("watch output")
}

/// Neither the URL nor its secret path in anything the binary printed.
fn assert_url_never_shown(out: &Output) {
    for stream in [text(&out.stdout), text(&out.stderr)] {
        assert!(
            !stream.contains(SECRET) && !stream.contains("/services/"),
            "the webhook URL was printed:\n{stream}"
        );
    }
}

#[test]
fn each_change_is_one_post_of_the_report_and_a_summary() {
    let server = server::start(SIMPLE);
    let receiver = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let mut child = watch(&server, &receiver, dir.path());
    wait_until(&mut child, "the first fetch", || {
        dir.path().join("watched.graphql").exists()
    });
    // The baseline and unchanged polls send nothing.
    wait_polls(&server, &mut child, 3);
    assert_eq!(receiver.posts().len(), 0, "{:?}", receiver.posts());

    // A safe change.
    server.set_schema(&SIMPLE.replace("labels: [String!]!", "labels: [String!]! space: ID"));
    receiver.wait_for(1, &mut child);
    wait_polls(&server, &mut child, 3);
    assert_eq!(receiver.posts().len(), 1, "unchanged polls posted");

    // A breaking one: a field removed and a type changed.
    server.set_schema(
        &SIMPLE
            .replace("labels: [String!]!", "space: ID")
            .replace("name: String!", "name: Int!"),
    );
    receiver.wait_for(2, &mut child);
    wait_polls(&server, &mut child, 3);
    let out = stop(child);
    let posts = receiver.posts();
    assert_eq!(posts.len(), 2, "{posts:?}");
    assert_url_never_shown(&out);
    assert!(
        !text(&out.stderr).contains("warning"),
        "{}",
        text(&out.stderr)
    );

    let (path, first) = &posts[0];
    assert_eq!(path, &format!("/services/T0001/B0002/{SECRET}"));
    assert_eq!(first["version"], 1);
    assert_eq!(first["new"], server.url.as_str());
    assert_eq!(first["counts"]["safe"], 1);
    assert_eq!(first["counts"]["breaking"], 0);
    assert_eq!(first["changes"][0]["kind"], "field-added");
    assert_eq!(first["changes"][0]["coordinate"], "Stack.space");
    assert_eq!(
        first["text"],
        format!(
            "GraphQL schema `{}` changed: 1 change (0 breaking, 0 dangerous, 1 safe)\nNo breaking changes.",
            server.url
        )
    );

    let (_, second) = &posts[1];
    assert_eq!(second["counts"]["breaking"], 2, "{second:#}");
    let kinds: Vec<&str> = second["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"field-removed"), "{kinds:?}");
    let summary = second["text"].as_str().unwrap();
    assert!(
        summary.contains(
            "changed: 2 changes (2 breaking, 0 dangerous, 0 safe)\n\nBreaking changes:\n- "
        ),
        "{summary}"
    );
    assert!(summary.contains("`Stack.labels` was removed"), "{summary}");
    assert!(summary.contains("`Stack.name`"), "{summary}");
    // Each change set is printed too, as without --notify.
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.matches(", wrote watched.graphql").count(),
        2,
        "{stdout}"
    );
}

#[test]
fn a_failing_webhook_is_a_warning_and_the_watch_goes_on() {
    let server = server::start(SIMPLE);
    let receiver = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let mut child = watch(&server, &receiver, dir.path());
    wait_until(&mut child, "the first fetch", || {
        dir.path().join("watched.graphql").exists()
    });
    // With --retries 1: both attempts of the first notification get 500.
    receiver.fail_next(2);
    server.set_schema(&SIMPLE.replace("labels: [String!]!", "labels: [String!]! space: ID"));
    receiver.wait_for(2, &mut child);
    // The watch goes on: the next change is sent.
    server.set_schema(&SIMPLE.replace("labels: [String!]!", "space: ID"));
    receiver.wait_for(3, &mut child);
    wait_polls(&server, &mut child, 2);
    let out = stop(child);
    let stderr = text(&out.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: notification not sent, the watch goes on: the --notify webhook: HTTP 500: no_service at ***"
        ],
        "{stderr}"
    );
    assert_url_never_shown(&out);
    let posts = receiver.posts();
    assert_eq!(posts.len(), 3, "{posts:?}");
    // The retry sent the same body; the later change its own.
    assert_eq!(posts[0].1, posts[1].1);
    assert_eq!(posts[2].1["counts"]["breaking"], 1);
    assert!(std::fs::read_to_string(dir.path().join("watched.graphql"))
        .unwrap()
        .contains("space: ID"));
}

#[test]
fn an_unusable_webhook_url_is_refused_before_fetching_without_being_quoted() {
    let server = server::start(SIMPLE);
    let dir = tempfile::tempdir().unwrap();
    for url in [
        format!("ftp://hooks.test/services/{SECRET}"),
        format!("hooks.test/services/{SECRET}"),
    ] {
        let out = schemalift()
            .args(["fetch", &server.url, "-o", "s.graphql", "--watch", "1"])
            .args(["--notify", &url])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with("error: the --notify webhook is not usable: "),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            !stderr.contains(SECRET) && !stderr.contains("hooks.test"),
            "{stderr}"
        );
    }
    assert_eq!(
        server.requests(),
        0,
        "fetched although --notify was unusable"
    );
    // --notify is for --watch.
    let out = schemalift()
        .args(["fetch", &server.url, "-o", "s.graphql", "--notify"])
        .arg(format!("http://127.0.0.1:1/services/{SECRET}"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out.stderr).contains(SECRET), "{}", text(&out.stderr));
}
