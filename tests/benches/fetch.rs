//! The whole `schemalift fetch` of GitHub's schema (the corpus's largest, 1.2 MB of SDL) from
//! the local test server, timed as a user runs it: the release binary, a process per fetch,
//! probe plus introspection over loopback, the schema built and written as SDL or JSON.
//!
//! The server computes each answer once and then serves it from memory, as a production
//! server's cache would, so the figures are the client's cost plus the round trips.
//!
//! `cargo bench -p schemalift-tests --bench fetch` (builds the release binary first).

use schemalift_tests::server::{self, TestServer};
use schemalift_tests::{bin, corpus};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

fn main() {
    // Start the server and build the binary before any timing starts.
    github();
    divan::main();
}

fn github() -> &'static (TestServer, tempfile::TempDir) {
    static SERVER: OnceLock<(TestServer, tempfile::TempDir)> = OnceLock::new();
    SERVER.get_or_init(|| {
        let sdl =
            std::fs::read_to_string(corpus("github/github-2025-02-27.graphql")).expect("corpus");
        let server = server::start(&sdl);
        let dir = tempfile::tempdir().expect("temp dir");
        // Warm up: the server's answers are computed once, the binary's pages are cached.
        for args in [&[][..], &["--legacy"][..]] {
            fetch(&server, &dir, "warm.graphql", args);
        }
        (server, dir)
    })
}

fn fetch(server: &TestServer, dir: &tempfile::TempDir, output: &str, extra: &[&str]) {
    let status = Command::new(bin())
        .args(["fetch", &server.url, "-o"])
        .arg(dir.path().join(output))
        .args(extra)
        .env("SCHEMALIFT_CACHE_DIR", dir.path().join("cache"))
        .stderr(Stdio::null())
        .status()
        .expect("run schemalift");
    assert!(status.success(), "fetch failed");
}

/// Probe + full modern query, written as SDL.
#[divan::bench(sample_count = 30)]
fn fetch_github_sdl() {
    let (server, dir) = github();
    fetch(server, dir, "github.graphql", &[]);
}

/// The same, written as introspection JSON.
#[divan::bench(sample_count = 30)]
fn fetch_github_json() {
    let (server, dir) = github();
    fetch(server, dir, "github.json", &[]);
}

/// `--legacy`: one round trip, no probe.
#[divan::bench(sample_count = 30)]
fn fetch_github_legacy() {
    let (server, dir) = github();
    fetch(server, dir, "github-legacy.graphql", &["--legacy"]);
}
