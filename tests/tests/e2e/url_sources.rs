//! End-to-end: every command that takes a SCHEMA also takes a URL, introspected with the same
//! endpoint flags as `schemalift fetch` (here against the local test server, with an API key).

use schemalift_tests::server::{self, Config};
use schemalift_tests::{run, sample, schemalift, text};

fn sample_sdl() -> String {
    std::fs::read_to_string(sample("spacelift/schema.graphql")).unwrap()
}

#[test]
fn validate_and_diff_take_urls() {
    let server = server::start(&sample_sdl());
    let out = run("validate", &[&server.url]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).ends_with("valid schema, 79 types\n"),
        "{}",
        text(&out.stdout)
    );

    // The live schema against the next version: the same changes as file against file, but for
    // applied directives (`@beta`), which introspection does not carry.
    let next = sample("spacelift/schema-next.graphql");
    let next = next.to_str().unwrap();
    let from_url = run("diff", &["--format", "json", &server.url, next]);
    let from_file = run(
        "diff",
        &[
            "--format",
            "json",
            sample("spacelift/schema.graphql").to_str().unwrap(),
            next,
        ],
    );
    assert_eq!(
        from_url.status.code(),
        Some(1),
        "{}",
        text(&from_url.stderr)
    );
    let changes = |out: &std::process::Output| {
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let report: &Vec<serde_json::Value> = report["changes"].as_array().unwrap();
        report
            .iter()
            .filter(|c| !c["kind"].as_str().unwrap().starts_with("directive-usage"))
            .map(|c| (c["kind"].clone(), c["coordinate"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(changes(&from_url), changes(&from_file));
}

#[test]
fn urls_use_the_credential_flags_and_never_print_secrets() {
    let mut config = Config::new(&sample_sdl());
    config.require_auth = true;
    config.api_keys = vec![("01KEY".into(), "s3cret-value".into())];
    let server = server::start_with(config);
    let cache = tempfile::tempdir().unwrap();
    let out = schemalift()
        .args([
            "convert",
            &server.url,
            "--api-key-id",
            "01KEY",
            "--api-key-secret",
            "s3cret-value",
        ])
        .env("SCHEMALIFT_CACHE_DIR", cache.path())
        .output()
        .unwrap();
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("type Stack implements Node & Labelled"),
        "{stdout}"
    );
    for token in server.issued_tokens() {
        assert!(!stdout.contains(&token) && !stderr.contains(&token));
    }
    assert!(!stdout.contains("s3cret-value") && !stderr.contains("s3cret-value"));
    assert_eq!(server.exchanges(), 1);

    // Without credentials the server refuses, and the error says so on one line.
    let out = schemalift()
        .args(["validate", &server.url, "--no-cache", "--retries", "0"])
        .env("SCHEMALIFT_CACHE_DIR", cache.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr)
            .lines()
            .filter(|l| l.starts_with("error:"))
            .count(),
        1
    );
}
