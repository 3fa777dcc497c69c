//! End-to-end: the README's walkthrough of the Spacelift flow, run as the README writes it. The
//! server command (`<!-- walkthrough: serve -->`) is parsed by the example's own argument parser
//! and served in-process; each line of the client block (`<!-- walkthrough: client -->`) runs in
//! order, with what each step must show: one exchange, then none (the cached token), the token in
//! `auth status`, gone after `auth logout`, then a GitHub token exchanged. A README that drifts
//! (another command, another step, other credentials) fails here.

use schemalift_tests::server::{self, parse_serve_args};
use schemalift_tests::{repo_root, schemalift, text};
use std::process::Output;

/// The first ```sh block after `marker` in the README, as lines.
fn block(readme: &str, marker: &str) -> Vec<String> {
    let after = readme
        .split_once(marker)
        .unwrap_or_else(|| panic!("README has no {marker}"))
        .1;
    let body = after
        .split_once("```sh\n")
        .and_then(|(_, rest)| rest.split_once("\n```"))
        .unwrap_or_else(|| panic!("no ```sh block after {marker}"))
        .0;
    body.lines()
        .map(|line| match line.split_once("  #") {
            Some((command, _comment)) => command.trim().to_owned(),
            None => line.trim().to_owned(),
        })
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

/// A step's command line as arguments (the walkthrough quotes nothing).
fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn the_readme_walkthrough_runs_as_written() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");

    // The server, from the README's command line.
    let serve_lines = block(&readme, "<!-- walkthrough: serve -->");
    assert_eq!(serve_lines.len(), 1, "{serve_lines:?}");
    let prefix = "cargo run -p schemalift-tests --example serve -- ";
    let serve_args = serve_lines[0]
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("the serve step is `{prefix}ARGS`: {}", serve_lines[0]));
    let serve = parse_serve_args(&words(serve_args)).expect("the README's serve arguments");
    assert!(
        serve.config.require_auth,
        "the walkthrough shows a bearer being required"
    );
    let readme_port = serve.config.port;
    let (key_id, key_secret) = serve.config.api_keys[0].clone();
    let github_token = serve.config.github_tokens[0].clone();
    // What the README says the server prints is what it accepts.
    assert!(readme.contains(&format!("API key:      id {key_id}  secret {key_secret}\n")));
    assert!(readme.contains(&format!("GitHub token: {github_token}\n")));
    let mut config = serve.config;
    config.port = 0; // any free port: tests run in parallel
    config.log = false;
    config.schema_sdl =
        std::fs::read_to_string(repo_root().join(&serve.schema)).expect("the served schema");
    let server = server::start_with(config);
    let readme_base = format!("http://127.0.0.1:{readme_port}");
    let base = server.url.trim_end_matches("/graphql").to_owned();

    // The client steps.
    let scratch = tempfile::tempdir().expect("temp dir");
    let cache = scratch.path().join("cache");
    let work = scratch.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let mut env: Vec<(String, String)> = Vec::new();
    let mut outputs: Vec<(String, Output, usize)> = Vec::new();
    for line in block(&readme, "<!-- walkthrough: client -->") {
        if let Some(assignments) = line.strip_prefix("export ") {
            // The one command substitution the walkthrough uses: a fresh directory.
            let assignments = assignments.replace("$(mktemp -d)", "$MKTEMP_D");
            for assignment in assignments.split_whitespace() {
                let (name, value) = assignment
                    .split_once('=')
                    .unwrap_or_else(|| panic!("export NAME=VALUE: {line}"));
                let value = match value {
                    "$MKTEMP_D" => cache.display().to_string(),
                    value => value.replace(&readme_base, &base),
                };
                env.push((name.to_owned(), value));
            }
            continue;
        }
        let args = words(&line.replace(&readme_base, &base));
        assert_eq!(
            args[0], "schemalift",
            "a client step runs schemalift: {line}"
        );
        let out = schemalift()
            .args(&args[1..])
            .envs(env.iter().map(|(n, v)| (n, v)))
            .current_dir(&work)
            .output()
            .expect("run schemalift");
        outputs.push((line, out, server.exchanges()));
    }
    assert!(
        env.iter()
            .any(|(name, value)| name == "SCHEMALIFT_CACHE_DIR"
                && value == &cache.display().to_string()),
        "the walkthrough keeps its own token cache: {env:?}"
    );

    let steps: Vec<&str> = outputs.iter().map(|(line, _, _)| line.as_str()).collect();
    assert_eq!(
        steps,
        [
            "schemalift fetch -o fetched.graphql",
            "schemalift fetch -o fetched.graphql",
            "schemalift auth status",
            "schemalift auth logout",
            &format!("schemalift fetch --github-token {github_token} -o fetched.graphql"),
        ],
        "the README's steps"
    );
    for (line, out, _) in &outputs {
        assert_eq!(out.status.code(), Some(0), "{line}: {}", text(&out.stderr));
        for secret in [&key_secret, &github_token] {
            let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
            assert!(
                !all.contains(secret.as_str()),
                "{line} shows a secret: {all}"
            );
        }
    }
    let exchanges: Vec<usize> = outputs.iter().map(|(_, _, n)| *n).collect();
    assert_eq!(
        exchanges,
        [1, 1, 1, 1, 2],
        "one exchange, then the cached token, then the GitHub token's exchange"
    );
    let status = text(&outputs[2].1.stdout);
    assert!(status.contains(&server.url), "{status}");
    assert!(
        status.contains("api-key") && status.contains(&key_id),
        "{status}"
    );
    assert!(status.contains("(1 cached token in "), "{status}");
    assert_eq!(text(&outputs[3].1.stdout), "removed 1 cached token\n");
    let fetched = std::fs::read_to_string(work.join("fetched.graphql")).expect("fetched schema");
    assert!(fetched.contains("type Query"), "{fetched}");
    // Every introspection carried the bearer the server required.
    for seen in server.seen().iter().filter(|s| s.kind == "introspection") {
        assert!(seen.header("authorization").is_some(), "{seen:?}");
    }

    // And the bearer is required: without credentials, the fetch fails.
    let anonymous = schemalift()
        .args(["fetch", &server.url])
        .env("SCHEMALIFT_CACHE_DIR", &cache)
        .current_dir(&work)
        .output()
        .expect("run schemalift");
    assert_eq!(
        anonymous.status.code(),
        Some(2),
        "{}",
        text(&anonymous.stderr)
    );
}

#[test]
fn serve_arguments_choose_the_credentials_and_port() {
    let args = |line: &str| words(line);
    let serve = parse_serve_args(&args(
        "s.graphql --port 0 --api-key 01HMINE:s3cret --github-token gho_x --token-lifetime 60",
    ))
    .expect("valid");
    assert_eq!(serve.schema, "s.graphql");
    assert_eq!(serve.config.port, 0);
    assert!(!serve.config.require_auth);
    assert_eq!(
        serve.config.api_keys,
        [("01HMINE".to_owned(), "s3cret".to_owned())]
    );
    assert_eq!(serve.config.github_tokens, ["gho_x".to_owned()]);
    assert_eq!(serve.config.token_lifetime, 60);
    for (bad, error) in [
        ("", "no SCHEMA given"),
        (
            "s.graphql --api-key nocolon",
            "--api-key: expected ID:SECRET",
        ),
        ("s.graphql --port", "--port needs a value"),
        ("s.graphql --frobnicate", "unknown flag --frobnicate"),
    ] {
        assert_eq!(parse_serve_args(&args(bad)).unwrap_err(), error, "{bad}");
    }
}
