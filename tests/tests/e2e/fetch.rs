//! End-to-end tests of `schemalift fetch` and `schemalift auth`: the real binary against the
//! real local test server (`schemalift_tests::server`), one scenario each — every auth method,
//! spacectl's profiles, the token cache, refresh, retries, timeouts, broken answers, old and
//! limited servers, mutual TLS — and the round trip of every corpus schema.

use schemalift_tests::server::{self, Config, Era, Failure, TestPki, Tls};
use schemalift_tests::{corpus_dir, sample, schemalift, text};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

const SIMPLE: &str = "type Query { stacks(first: Int = 10): [Stack!]! viewer: Viewer }\n\
                      type Stack { id: ID! name: String! labels: [String!]! }\n\
                      type Viewer { id: ID! name: String }\n";

/// A scratch directory with its own token cache.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cache(&self) -> PathBuf {
        self.path("cache")
    }

    /// `schemalift ARGS` with this cache, no Spacelift variables from the outer environment,
    /// spacectl's directory in the scratch space (see [`Scratch::spacectl`]; never the user's
    /// `~/.spacelift`), and the given variables.
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = schemalift();
        cmd.env("SPACELIFT_CONFIG_DIR", self.spacectl_dir())
            .env("SCHEMALIFT_CACHE_DIR", self.cache())
            .envs(env.iter().copied())
            .args(args)
            .current_dir(self.dir.path());
        cmd.output().expect("run schemalift")
    }

    /// A file the test writes for the binary to read (kept apart from what the binary writes).
    fn input(&self, name: &str, content: &str) -> String {
        let dir = self.path("inputs");
        std::fs::create_dir_all(&dir).expect("inputs dir");
        std::fs::write(dir.join(name), content).expect("write input");
        format!("inputs/{name}")
    }

    /// spacectl's configuration directory, among the inputs: it holds secrets in clear, as the
    /// real one does.
    fn spacectl_dir(&self) -> PathBuf {
        self.path("inputs").join("spacelift")
    }

    /// Write spacectl's `config.json`; returns its path.
    fn spacectl(&self, config: &serde_json::Value) -> PathBuf {
        std::fs::create_dir_all(self.spacectl_dir()).expect("spacectl dir");
        let path = self.spacectl_dir().join("config.json");
        std::fs::write(&path, serde_json::to_string_pretty(config).unwrap()).expect("config.json");
        path
    }

    /// Every file the binary may have written (all but the token cache and the test's inputs),
    /// as text.
    fn files_outside_cache(&self) -> Vec<(PathBuf, String)> {
        fn walk(dir: &Path, skip: &[PathBuf], out: &mut Vec<(PathBuf, String)>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if skip.iter().any(|s| path.starts_with(s)) {
                    continue;
                }
                if path.is_dir() {
                    walk(&path, skip, out);
                } else {
                    out.push((
                        path.clone(),
                        String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default())
                            .into_owned(),
                    ));
                }
            }
        }
        let mut out = Vec::new();
        walk(
            self.dir.path(),
            &[self.cache(), self.path("inputs")],
            &mut out,
        );
        out
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.cache().join("tokens"))
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    }
}

fn ok(output: &Output) {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    );
}

fn fails(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(2),
        "expected exit 2\nstdout:\n{}\nstderr:\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    let stderr = text(&output.stderr);
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "one error line: {stderr}"
    );
    stderr
}

/// The introspection view of a schema (what a server can tell), sorted: two schemas that
/// compare equal this way are the same schema as far as any client can know.
fn canonical(sdl: &str, name: &str) -> String {
    let loaded = schemalift_model::load_inputs(vec![schemalift_model::Input {
        name: name.into(),
        text: sdl.into(),
    }])
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    let sorted = schemalift_model::sdl::sorted(&loaded.schema);
    let mut json = schemalift_model::introspection::to_json(&sorted);
    // SDL leaves built-in directives out by name, as graphql-js does, so a schema's own variant
    // of one (Braintree's British `@specifiedBy`) does not survive a fetch to SDL.
    if let Some(directives) = json["data"]["__schema"]["directives"].as_array_mut() {
        directives.retain(|d| {
            !schemalift_model::builtins::is_directive(d["name"].as_str().unwrap_or_default())
        });
    }
    serde_json::to_string_pretty(&json).unwrap()
}

fn assert_same_schema(served: &str, fetched: &str, name: &str) {
    let (a, b) = (canonical(served, name), canonical(fetched, "fetched"));
    if a != b {
        let first = a
            .lines()
            .zip(b.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        panic!(
            "{name}: fetched schema differs from the served one near line {first}:\nserved:  {}\nfetched: {}",
            a.lines().nth(first).unwrap_or(""),
            b.lines().nth(first).unwrap_or("")
        );
    }
}

/// Secrets must never show: not on stdout or stderr, not in any file but the token cache.
fn assert_never_shown(scratch: &Scratch, outputs: &[&Output], secrets: &[&str]) {
    for secret in secrets {
        for output in outputs {
            assert!(
                !text(&output.stdout).contains(secret),
                "secret on stdout: {}",
                text(&output.stdout)
            );
            assert!(
                !text(&output.stderr).contains(secret),
                "secret on stderr: {}",
                text(&output.stderr)
            );
        }
        for (path, content) in scratch.files_outside_cache() {
            assert!(!content.contains(secret), "secret in {}", path.display());
        }
    }
}

fn assert_cache_private(scratch: &Scratch) {
    let files = scratch.cache_files();
    assert!(!files.is_empty(), "no token cached");
    for file in files {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }
}

fn spacelift_server() -> (Config, String) {
    let sdl = std::fs::read_to_string(sample("spacelift/schema.graphql")).expect("sample schema");
    let mut config = Config::new(&sdl);
    config.require_auth = true;
    config.api_keys = vec![("01HKEYID".into(), "api-key-secret-0123456789".into())];
    config.github_tokens = vec!["ghp_githubtoken0123456789".into()];
    (config, sdl)
}

// --- the schema itself ---------------------------------------------------------------------

#[test]
fn the_fetched_sample_schema_equals_the_served_one() {
    let sdl = std::fs::read_to_string(sample("spacelift/schema.graphql")).unwrap();
    let server = server::start(&sdl);
    let scratch = Scratch::new();
    let out = scratch.run(&["fetch", &server.url, "-o", "schema.graphql"], &[]);
    ok(&out);
    let fetched = std::fs::read_to_string(scratch.path("schema.graphql")).unwrap();
    assert_same_schema(&sdl, &fetched, "spacelift/schema.graphql");
    assert!(
        text(&out.stderr).contains("wrote schema.graphql"),
        "{}",
        text(&out.stderr)
    );
    // Anonymous: no viewer check, no exchange.
    assert_eq!(server.exchanges(), 0);
    assert!(server.seen().iter().all(|s| s.kind == "introspection"));
    // The probe, then one query asking for everything.
    let seen = server.seen();
    assert_eq!(seen.len(), 2, "{seen:#?}");
    assert!(seen[0].query.contains("SchemaliftCapabilities"));
    for field in [
        "isRepeatable",
        "specifiedByURL",
        "isOneOf",
        "args(includeDeprecated: true)",
        "inputFields(includeDeprecated: true)",
    ] {
        assert!(seen[1].query.contains(field), "{field} not asked");
    }
    assert_eq!(
        seen[1].header("user-agent"),
        Some(concat!("schemalift/", env!("CARGO_PKG_VERSION")))
    );
}

#[test]
fn every_corpus_schema_round_trips() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .flatten()
        .flat_map(|dir| {
            std::fs::read_dir(dir.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "graphql"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "corpus too small: {files:?}");
    let scratch = Scratch::new();
    for file in files {
        let sdl = std::fs::read_to_string(&file).unwrap();
        let server = server::start(&sdl);
        let out = scratch.run(&["fetch", &server.url, "-o", "fetched.graphql"], &[]);
        ok(&out);
        let fetched = std::fs::read_to_string(scratch.path("fetched.graphql")).unwrap();
        assert_same_schema(&sdl, &fetched, &file.display().to_string());
    }
}

#[test]
fn json_output_by_extension_or_flag_and_stdout() {
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    ok(&scratch.run(&["fetch", &server.url, "-o", "schema.json"], &[]));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(scratch.path("schema.json")).unwrap())
            .unwrap();
    assert!(json["data"]["__schema"]["types"].is_array());
    let out = scratch.run(&["fetch", &server.url, "--format", "json"], &[]);
    ok(&out);
    assert_eq!(
        text(&out.stdout),
        std::fs::read_to_string(scratch.path("schema.json")).unwrap()
    );
    let out = scratch.run(&["fetch", &server.url], &[]);
    ok(&out);
    assert_same_schema(SIMPLE, &text(&out.stdout), "simple");
}

#[test]
fn headers_from_flags_and_files_are_sent_and_never_printed() {
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    let headers = scratch.input(
        "headers",
        "# team secrets\nX-Api-Key: file-header-secret-42\n",
    );
    let out = scratch.run(
        &[
            "fetch",
            &server.url,
            "-H",
            "X-Origin:  https://example.com:8443/a ",
            "--header-file",
            &headers,
        ],
        &[],
    );
    ok(&out);
    let seen = server.seen();
    assert!(seen
        .iter()
        .all(|s| s.header("x-origin") == Some("https://example.com:8443/a")));
    assert!(seen
        .iter()
        .all(|s| s.header("x-api-key") == Some("file-header-secret-42")));
    // A failing fetch with the same headers names the endpoint, not them.
    let out = scratch.run(
        &[
            "fetch",
            "http://127.0.0.1:1/graphql",
            "--retries",
            "0",
            "--header-file",
            &headers,
        ],
        &[],
    );
    let stderr = fails(&out);
    assert!(
        stderr.contains("http://127.0.0.1:1/graphql: cannot connect"),
        "{stderr}"
    );
    assert_never_shown(&scratch, &[&out], &["file-header-secret-42"]);
}

// --- authentication -----------------------------------------------------------------------

#[test]
fn api_key_flags_exchange_once_and_the_cache_serves_the_next_run() {
    let (config, sdl) = spacelift_server();
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let args = [
        "fetch",
        &server.url,
        "-o",
        "schema.graphql",
        "--api-key-id",
        "01HKEYID",
        "--api-key-secret",
        "api-key-secret-0123456789",
    ];
    let first = scratch.run(&args, &[]);
    ok(&first);
    assert_eq!(server.exchanges(), 1);
    assert_same_schema(
        &sdl,
        &std::fs::read_to_string(scratch.path("schema.graphql")).unwrap(),
        "spacelift",
    );
    let second = scratch.run(&args, &[]);
    ok(&second);
    assert_eq!(
        server.exchanges(),
        1,
        "the second run must reuse the cached token"
    );
    assert_cache_private(&scratch);
    // Every request after the exchange carried the bearer.
    let jwt = server.issued_tokens().pop().unwrap();
    for seen in server.seen().iter().filter(|s| s.kind != "exchange") {
        assert_eq!(
            seen.header("authorization"),
            Some(format!("Bearer {jwt}").as_str())
        );
    }
    let status = scratch.run(&["auth", "status"], &[]);
    ok(&status);
    let listing = text(&status.stdout);
    assert!(
        listing.contains(&server.url)
            && listing.contains("api-key")
            && listing.contains("01HKEYID"),
        "{listing}"
    );
    assert!(listing.contains("(in "), "{listing}");
    assert_never_shown(
        &scratch,
        &[&first, &second, &status],
        &["api-key-secret-0123456789", &jwt],
    );
    // --no-cache exchanges again, and leaves the cache alone.
    ok(&scratch.run(&[&args[..], &["--no-cache"]].concat(), &[]));
    assert_eq!(server.exchanges(), 2);
    let logout = scratch.run(&["auth", "logout", &server.url], &[]);
    ok(&logout);
    assert!(
        text(&logout.stdout).contains("removed 1 cached token"),
        "{}",
        text(&logout.stdout)
    );
    assert!(scratch.cache_files().is_empty());
}

#[test]
fn api_key_from_the_environment_names_the_endpoint() {
    let (config, _) = spacelift_server();
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let env = [
        (
            "SPACELIFT_API_KEY_ENDPOINT",
            server.url.trim_end_matches("/graphql"),
        ),
        ("SPACELIFT_API_KEY_ID", "01HKEYID"),
        ("SPACELIFT_API_KEY_SECRET", "api-key-secret-0123456789"),
    ];
    let out = scratch.run(&["fetch", "-o", "s.graphql"], &env);
    ok(&out);
    assert_eq!(server.exchanges(), 1);
    assert_cache_private(&scratch);
    let jwt = server.issued_tokens().pop().unwrap();
    assert_never_shown(&scratch, &[&out], &["api-key-secret-0123456789", &jwt]);
}

#[test]
fn api_key_file_gives_the_secret() {
    let (config, _) = spacelift_server();
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let key_file = scratch.input(
        "api-key.config",
        "Please use the following API secret when communicating with Spacelift programmatically:\n\napi-key-secret-0123456789\n",
    );
    let out = scratch.run(
        &[
            "fetch",
            &server.url,
            "-o",
            "s.graphql",
            "--api-key-id",
            "01HKEYID",
            "--api-key-file",
            &key_file,
        ],
        &[],
    );
    ok(&out);
    assert_eq!(server.exchanges(), 1);
    assert_cache_private(&scratch);
    let jwt = server.issued_tokens().pop().unwrap();
    assert_never_shown(&scratch, &[&out], &["api-key-secret-0123456789", &jwt]);
    // A key file without a secret is a one-line error naming the file.
    let empty = scratch.input("empty.config", "nothing to see here\n");
    let stderr = fails(&scratch.run(
        &[
            "fetch",
            &server.url,
            "--api-key-id",
            "01HKEYID",
            "--api-key-file",
            &empty,
        ],
        &[],
    ));
    assert!(
        stderr.contains("inputs/empty.config: no API key secret found"),
        "{stderr}"
    );
}

#[test]
fn github_token_by_flag_and_environment() {
    let (config, _) = spacelift_server();
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let by_flag = scratch.run(
        &[
            "fetch",
            &server.url,
            "-o",
            "s.graphql",
            "--github-token",
            "ghp_githubtoken0123456789",
        ],
        &[],
    );
    ok(&by_flag);
    assert_eq!(server.exchanges(), 1);
    assert!(server.seen().iter().any(|s| s.query.contains("oauthUser")));
    let by_env = scratch.run(
        &["fetch", "-o", "s.graphql"],
        &[
            ("SPACELIFT_API_GITHUB_TOKEN", "ghp_githubtoken0123456789"),
            ("SPACELIFT_API_KEY_ENDPOINT", &server.url),
        ],
    );
    ok(&by_env);
    assert_eq!(server.exchanges(), 1, "same endpoint and token: cached");
    assert_cache_private(&scratch);
    let jwt = server.issued_tokens().pop().unwrap();
    assert_never_shown(
        &scratch,
        &[&by_flag, &by_env],
        &["ghp_githubtoken0123456789", &jwt],
    );
    // A token Spacelift does not know.
    let refused = scratch.run(
        &[
            "fetch",
            &server.url,
            "--github-token",
            "ghp_unknown0123456789",
        ],
        &[],
    );
    let stderr = fails(&refused);
    assert!(stderr.contains("GitHub token was refused"), "{stderr}");
    assert_never_shown(&scratch, &[&refused], &["ghp_unknown0123456789"]);
}

/// A Spacelift-style API token: a JWT whose `aud` is the endpoint.
fn api_token(audience: &str) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256"}"#),
        URL_SAFE_NO_PAD.encode(format!(
            r#"{{"aud":["{audience}"],"exp":4102444800,"sub":"api::me"}}"#
        )),
        URL_SAFE_NO_PAD.encode("api-token-signature")
    )
}

#[test]
fn api_token_from_the_environment_takes_its_endpoint_from_aud() {
    let (config, sdl) = spacelift_server();
    let server = server::start_with(config);
    // Ports are only known once the server runs, so the token is made for it afterwards.
    let token = api_token(server.url.trim_end_matches("/graphql"));
    server.accept_api_token(&token);
    let scratch = Scratch::new();
    let out = scratch.run(
        &["fetch", "-o", "s.graphql"],
        &[("SPACELIFT_API_TOKEN", &token)],
    );
    ok(&out);
    assert_eq!(server.exchanges(), 0, "API tokens are sent as they are");
    assert_same_schema(
        &sdl,
        &std::fs::read_to_string(scratch.path("s.graphql")).unwrap(),
        "spacelift",
    );
    assert!(
        scratch.cache_files().is_empty(),
        "raw tokens are not cached"
    );
    assert_never_shown(&scratch, &[&out], &[&token]);
    // The same token by flag, for an endpoint given explicitly.
    let out = scratch.run(&["fetch", &server.url, "--token", &token], &[]);
    ok(&out);
    assert_never_shown(&scratch, &[&out], &[&token]);
    // A token the server refuses: exit 2, a hint, and still not shown.
    let foreign = api_token("https://elsewhere.app.spacelift.io");
    let out = scratch.run(&["fetch", &server.url, "--token", &foreign], &[]);
    let stderr = fails(&out);
    assert!(stderr.contains("the token was refused"), "{stderr}");
    assert_never_shown(&scratch, &[&out], &[&foreign]);
}

#[test]
fn wrong_api_key_id_or_secret_fail_clearly_and_secretly() {
    let (config, _) = spacelift_server();
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let wrong_id = scratch.run(
        &[
            "fetch",
            &server.url,
            "--api-key-id",
            "01HWRONG",
            "--api-key-secret",
            "api-key-secret-0123456789",
        ],
        &[],
    );
    let stderr = fails(&wrong_id);
    assert!(
        stderr.contains("key ID `01HWRONG` is probably wrong"),
        "{stderr}"
    );
    let wrong_secret = scratch.run(
        &[
            "fetch",
            &server.url,
            "--api-key-id",
            "01HKEYID",
            "--api-key-secret",
            "not-the-secret-987654",
        ],
        &[],
    );
    let stderr = fails(&wrong_secret);
    assert!(
        stderr.contains("token exchange failed") && stderr.contains("unauthorized"),
        "{stderr}"
    );
    assert_eq!(server.exchanges(), 0);
    assert_never_shown(
        &scratch,
        &[&wrong_id, &wrong_secret],
        &["api-key-secret-0123456789", "not-the-secret-987654"],
    );
    let anonymous = scratch.run(&["fetch", &server.url], &[]);
    let stderr = fails(&anonymous);
    assert!(
        stderr.contains("unauthorized") && stderr.contains("needs credentials"),
        "{stderr}"
    );
}

#[test]
fn credentials_that_introspection_ignores_are_caught_by_viewer() {
    // Like Spacelift: introspection answers anyone; `viewer` tells whether we are someone.
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    let out = scratch.run(
        &[
            "fetch",
            &server.url,
            "-o",
            "s.graphql",
            "--token",
            "expired-or-foreign-token-123",
        ],
        &[],
    );
    ok(&out);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("`viewer` is null: the credentials were not accepted"),
        "{stderr}"
    );
    assert_never_shown(&scratch, &[&out], &["expired-or-foreign-token-123"]);
}

#[test]
fn a_refused_cached_token_is_exchanged_again_once() {
    let (config, _) = spacelift_server();
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let args = [
        "fetch",
        &server.url,
        "-o",
        "s.graphql",
        "--api-key-id",
        "01HKEYID",
        "--api-key-secret",
        "api-key-secret-0123456789",
    ];
    ok(&scratch.run(&args, &[]));
    // The server forgets the token (revoked, or a stale cache from elsewhere): it answers
    // "unauthorized" and the client must exchange again, once.
    // The token's file, not its exchange lock (`<key>.lock`) beside it.
    let cached = (scratch.cache_files().into_iter())
        .find(|path| path.extension().is_none_or(|e| e != "lock"))
        .unwrap();
    let jwt = server.issued_tokens().pop().unwrap();
    let content = std::fs::read_to_string(&cached).unwrap();
    std::fs::write(&cached, content.replace(&jwt, "revoked.token.value")).unwrap();
    let out = scratch.run(&args, &[]);
    ok(&out);
    assert_eq!(server.exchanges(), 2);
    // And a 401 from the server is treated the same way.
    server.fail_next(&[Failure::Unauthorized]);
    let out = scratch.run(&args, &[]);
    ok(&out);
    assert_eq!(server.exchanges(), 3);
}

#[test]
fn watch_refreshes_the_token_before_it_expires_and_reports_changes() {
    let (mut config, _) = spacelift_server();
    config.schema_sdl = SIMPLE.to_owned();
    // 33 s of life is fresh for 3 s under the 30 s margin, so polls 1 s apart must refresh.
    config.token_lifetime = 33;
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let child = schemalift()
        .env("SCHEMALIFT_CACHE_DIR", scratch.cache())
        .args([
            "fetch",
            &server.url,
            "-o",
            "watched.graphql",
            "--watch",
            "1",
            "--polls",
            "6",
            "--no-cache",
        ])
        .args([
            "--api-key-id",
            "01HKEYID",
            "--api-key-secret",
            "api-key-secret-0123456789",
        ])
        .current_dir(scratch.dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    server.set_schema(&SIMPLE.replace("labels: [String!]!", "labels: [String!]! space: ID"));
    let out = child.wait_with_output().unwrap();
    ok(&out);
    assert!(
        server.exchanges() >= 2,
        "no refresh: {} exchanges",
        server.exchanges()
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("1 change, wrote watched.graphql"),
        "{stdout}"
    );
    assert!(stdout.contains("Stack.space"), "{stdout}");
    assert!(
        !text(&out.stderr).contains("poll failed"),
        "{}",
        text(&out.stderr)
    );
    assert!(std::fs::read_to_string(scratch.path("watched.graphql"))
        .unwrap()
        .contains("space: ID"));
    let jwts = server.issued_tokens();
    let jwts: Vec<&str> = jwts.iter().map(String::as_str).collect();
    assert_never_shown(
        &scratch,
        &[&out],
        &[&["api-key-secret-0123456789"][..], &jwts].concat(),
    );
}

// --- spacectl's profiles -------------------------------------------------------------------

/// spacectl's `config.json` with these profiles (alias, credentials) and a current one.
fn spacectl_config(current: &str, profiles: &[(&str, serde_json::Value)]) -> serde_json::Value {
    let profiles: serde_json::Map<String, serde_json::Value> = profiles
        .iter()
        .map(|(alias, credentials)| {
            (
                alias.to_string(),
                serde_json::json!({ "alias": alias, "credentials": credentials }),
            )
        })
        .collect();
    serde_json::json!({ "currentProfileAlias": current, "profiles": profiles })
}

/// Type 1: an API key, as `spacectl profile login` stores it (endpoint without /graphql).
fn api_key_profile(endpoint: &str, id: &str, secret: &str) -> serde_json::Value {
    serde_json::json!({ "type": 1, "endpoint": endpoint.trim_end_matches("/graphql"), "key_id": id, "key_secret": secret })
}

/// Type 2: a GitHub token, good on `spacelift_server()`.
fn github_profile(endpoint: &str) -> serde_json::Value {
    serde_json::json!({ "type": 2, "endpoint": endpoint, "access_token": "ghp_githubtoken0123456789" })
}

/// A file's bytes and modification time: what "never written" means.
fn untouched(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    (
        std::fs::read(path).unwrap(),
        std::fs::metadata(path).unwrap().modified().unwrap(),
    )
}

/// Whether any request the server received carried `secret`, in a header or its body.
fn sent(server: &server::TestServer, secret: &str) -> bool {
    server
        .seen()
        .iter()
        .any(|s| s.body.contains(secret) || s.headers.iter().any(|(_, v)| v.contains(secret)))
}

#[test]
fn the_current_profile_api_key_is_exchanged_once_and_cached() {
    let (config, sdl) = spacelift_server();
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let file = scratch.spacectl(&spacectl_config(
        "acme",
        &[(
            "acme",
            api_key_profile(&server.url, "01HKEYID", "api-key-secret-0123456789"),
        )],
    ));
    let before = untouched(&file);
    // No URL: the profile names the endpoint, as a token's `aud` would.
    let first = scratch.run(&["fetch", "-o", "s.graphql"], &[]);
    ok(&first);
    assert_eq!(server.exchanges(), 1);
    assert_same_schema(
        &sdl,
        &std::fs::read_to_string(scratch.path("s.graphql")).unwrap(),
        "spacelift",
    );
    // The same endpoint given as a URL (the profile's bare endpoint means its /graphql, as
    // spacectl has it): the cached token.
    let second = scratch.run(&["fetch", &server.url, "-o", "s.graphql"], &[]);
    ok(&second);
    assert_eq!(
        server.exchanges(),
        1,
        "the second run must reuse the cached token"
    );
    assert_cache_private(&scratch);
    let status = scratch.run(&["auth", "status"], &[]);
    ok(&status);
    let listing = text(&status.stdout);
    assert!(
        listing.contains("api-key") && listing.contains("01HKEYID"),
        "{listing}"
    );
    assert!(
        listing.contains(&format!(
            "without credential flags, fetch uses API key 01HKEYID from spacectl profile `acme` ({}) for {}",
            file.display(),
            server.url
        )),
        "{listing}"
    );
    assert_eq!(
        untouched(&file),
        before,
        "config.json must never be written"
    );
    assert_eq!(
        std::fs::read_dir(scratch.spacectl_dir()).unwrap().count(),
        1,
        "nothing beside config.json"
    );
    let jwt = server.issued_tokens().pop().unwrap();
    assert_never_shown(
        &scratch,
        &[&first, &second, &status],
        &["api-key-secret-0123456789", &jwt],
    );
}

#[test]
fn a_profile_api_token_is_sent_as_it_is() {
    let (config, _) = spacelift_server();
    let server = server::start_with(config);
    let token = api_token(server.url.trim_end_matches("/graphql"));
    server.accept_api_token(&token);
    let scratch = Scratch::new();
    scratch.spacectl(&spacectl_config(
        "browser",
        &[(
            "browser",
            serde_json::json!({ "type": 3, "endpoint": server.url.trim_end_matches("/graphql"), "access_token": token }),
        )],
    ));
    let out = scratch.run(&["fetch", &server.url, "-o", "s.graphql"], &[]);
    ok(&out);
    assert_eq!(server.exchanges(), 0, "API tokens are never exchanged");
    let bearer = format!("Bearer {token}");
    assert!(server
        .seen()
        .iter()
        .all(|s| s.header("authorization") == Some(bearer.as_str())));
    assert!(
        scratch.cache_files().is_empty(),
        "raw tokens are not cached"
    );
    assert_never_shown(&scratch, &[&out], &[&token]);
}

#[test]
fn a_profile_for_another_endpoint_sends_nothing_there() {
    // The profile is for `home`; the fetch goes to `public`, which must not see its secret.
    let (config, _) = spacelift_server();
    let home = server::start_with(config);
    let public = server::start(SIMPLE);
    let scratch = Scratch::new();
    scratch.spacectl(&spacectl_config(
        "acme",
        &[
            (
                "acme",
                api_key_profile(&home.url, "01HKEYID", "api-key-secret-0123456789"),
            ),
            ("gh", github_profile(&home.url)),
        ],
    ));
    let out = scratch.run(&["fetch", &public.url, "-o", "s.graphql"], &[]);
    ok(&out);
    assert!(
        !text(&out.stderr).contains("warning"),
        "passed over in silence: {}",
        text(&out.stderr)
    );
    assert!(public.seen().iter().all(|s| s.kind == "introspection"));
    assert!(public
        .seen()
        .iter()
        .all(|s| s.header("authorization").is_none()));
    for secret in [
        "api-key-secret-0123456789",
        "01HKEYID",
        "ghp_githubtoken0123456789",
    ] {
        assert!(!sent(&public, secret), "{secret} sent to another endpoint");
    }
    assert_eq!(home.requests(), 0);
    // Named explicitly, a profile for another endpoint is an error, before any request.
    let named = scratch.run(&["fetch", &public.url, "--profile", "gh"], &[]);
    let stderr = fails(&named);
    assert!(
        stderr.contains(&format!(
            "spacectl profile `gh` is for {}, not {}",
            home.url, public.url
        )),
        "{stderr}"
    );
    assert!(!sent(&public, "ghp_githubtoken0123456789"));
    assert!(scratch.cache_files().is_empty());
    assert_never_shown(
        &scratch,
        &[&out, &named],
        &["api-key-secret-0123456789", "ghp_githubtoken0123456789"],
    );
}

#[test]
fn the_environment_beats_the_current_profile() {
    let (config, _) = spacelift_server();
    let server = server::start_with(config);
    let scratch = Scratch::new();
    scratch.spacectl(&spacectl_config(
        "acme",
        &[(
            "acme",
            api_key_profile(&server.url, "01HPROFILE", "profile-secret-0123456789"),
        )],
    ));
    let out = scratch.run(
        &["fetch", &server.url, "-o", "s.graphql"],
        &[
            ("SPACELIFT_API_KEY_ID", "01HKEYID"),
            ("SPACELIFT_API_KEY_SECRET", "api-key-secret-0123456789"),
        ],
    );
    ok(&out);
    assert_eq!(server.exchanges(), 1);
    assert!(sent(&server, "01HKEYID"));
    assert!(!sent(&server, "01HPROFILE") && !sent(&server, "profile-secret-0123456789"));
    let jwt = server.issued_tokens().pop().unwrap();
    assert_never_shown(
        &scratch,
        &[&out],
        &[
            "api-key-secret-0123456789",
            "profile-secret-0123456789",
            &jwt,
        ],
    );
}

#[test]
fn profile_picks_another_and_no_profile_ignores_them() {
    let (config, _) = spacelift_server();
    let server = server::start_with(config);
    let scratch = Scratch::new();
    // The current profile's key is one the server does not know; `gh` is a good GitHub token.
    scratch.spacectl(&spacectl_config(
        "stale",
        &[
            (
                "stale",
                api_key_profile(&server.url, "01HSTALE", "stale-secret-0123456789"),
            ),
            ("gh", github_profile(&server.url)),
        ],
    ));
    let current = scratch.run(&["fetch", &server.url], &[]);
    let stderr = fails(&current);
    assert!(
        stderr.contains("key ID `01HSTALE` is probably wrong"),
        "{stderr}"
    );
    let picked = scratch.run(
        &["fetch", &server.url, "-o", "s.graphql", "--profile", "gh"],
        &[],
    );
    ok(&picked);
    assert_eq!(server.exchanges(), 1);
    assert!(server.seen().iter().any(|s| s.query.contains("oauthUser")));
    assert_cache_private(&scratch);
    // SPACELIFT_PROFILE picks one too, as in spacectl: the cached token serves it.
    let by_env = scratch.run(
        &["fetch", "-o", "s.graphql"],
        &[("SPACELIFT_PROFILE", "gh")],
    );
    ok(&by_env);
    assert_eq!(server.exchanges(), 1);
    // A profile that is not there names those that are.
    let missing = scratch.run(&["fetch", &server.url, "--profile", "prod"], &[]);
    let stderr = fails(&missing);
    assert!(
        stderr.contains("no profile `prod` (--profile); its profiles: gh, stale"),
        "{stderr}"
    );
    // --no-profile: anonymous, so this server refuses.
    let before = server.requests();
    let ignored = scratch.run(&["fetch", &server.url, "--no-profile"], &[]);
    let stderr = fails(&ignored);
    assert!(stderr.contains("needs credentials"), "{stderr}");
    assert!(server.seen()[before..]
        .iter()
        .all(|s| s.kind != "exchange" && s.header("authorization").is_none()));
    let jwt = server.issued_tokens().pop().unwrap();
    assert_never_shown(
        &scratch,
        &[&current, &picked, &by_env, &missing, &ignored],
        &["stale-secret-0123456789", "ghp_githubtoken0123456789", &jwt],
    );
}

#[test]
fn a_malformed_spacectl_file_warns_unless_a_profile_was_named() {
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    std::fs::create_dir_all(scratch.spacectl_dir()).unwrap();
    let file = scratch.spacectl_dir().join("config.json");
    std::fs::write(
        &file,
        r#"{"currentProfileAlias": "acme", "profiles": {"acme": {"credentials": {"type": 1, "key_secret": "half-written-secret-42""#,
    )
    .unwrap();
    let out = scratch.run(&["fetch", &server.url, "-o", "s.graphql"], &[]);
    ok(&out);
    let stderr = text(&out.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].starts_with(&format!(
            "warning: ignoring spacectl's profiles in {}: not valid JSON (EOF while parsing",
            file.display()
        )),
        "{stderr}"
    );
    let named = scratch.run(&["fetch", &server.url, "--profile", "acme"], &[]);
    let stderr = fails(&named);
    assert!(
        stderr.contains(&format!(
            "spacectl profiles in {}: not valid JSON",
            file.display()
        )),
        "{stderr}"
    );
    // A profile that parses but lacks what its type needs, said without its values.
    let stderr = fails(&scratch.run(
        &["fetch", &server.url, "--profile", "acme"],
        &[("SPACELIFT_CONFIG_DIR", "inputs/nowhere")],
    ));
    assert!(
        stderr.contains("no such file, so no profile `acme`"),
        "{stderr}"
    );
    scratch.spacectl(&spacectl_config(
        "acme",
        &[(
            "acme",
            serde_json::json!({ "type": 1, "endpoint": server.url, "key_secret": "half-written-secret-42" }),
        )],
    ));
    let incomplete = scratch.run(&["fetch", &server.url, "-o", "s.graphql"], &[]);
    ok(&incomplete);
    assert!(
        text(&incomplete.stderr).contains("profile `acme`: API key credentials without `key_id`"),
        "{}",
        text(&incomplete.stderr)
    );
    assert_eq!(server.exchanges(), 0);
    assert!(!sent(&server, "half-written-secret-42"));
    assert_never_shown(
        &scratch,
        &[&out, &named, &incomplete],
        &["half-written-secret-42"],
    );
}

// --- mutual TLS -----------------------------------------------------------------------------

#[test]
fn mutual_tls_fails_without_the_client_certificate_and_works_with_it() {
    let pki = TestPki::generate();
    let mut config = Config::new(SIMPLE);
    config.tls = Some(Tls {
        pki: pki.clone(),
        require_client_certificate: true,
    });
    let server = server::start_with(config);
    assert!(server.url.starts_with("https://127.0.0.1:"));
    let scratch = Scratch::new();
    let ca = scratch.input("ca.pem", &pki.ca_certificate);
    let cert = scratch.input("client.pem", &pki.client_certificate);
    let key = scratch.input("client-key.pem", &pki.client_key);
    let trust = ("SPACELIFT_API_TLS_CA", ca.as_str());

    let without = scratch.run(&["fetch", &server.url, "--retries", "0"], &[trust]);
    let stderr = fails(&without);
    assert!(
        stderr.contains(&format!("{}: request failed: received fatal alert: CertificateRequired; the server asks for a client certificate: give --tls-cert and --tls-key", server.url)),
        "{stderr}"
    );
    // The client may exit on the alert before the server's task records the failed handshake.
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.handshakes_refused() == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(server.handshakes_refused() >= 1, "no refused handshake");
    assert_eq!(server.requests(), 0, "no request without a certificate");

    let by_env = scratch.run(
        &["fetch", &server.url, "-o", "env.graphql"],
        &[
            trust,
            ("SPACELIFT_API_TLS_CERT", &cert),
            ("SPACELIFT_API_TLS_KEY", &key),
        ],
    );
    ok(&by_env);
    assert_same_schema(
        SIMPLE,
        &std::fs::read_to_string(scratch.path("env.graphql")).unwrap(),
        "simple",
    );
    // Flags beat the environment: a broken pair there does not matter.
    let by_flags = scratch.run(
        &[
            "fetch",
            &server.url,
            "-o",
            "flags.graphql",
            "--tls-cert",
            &cert,
            "--tls-key",
            &key,
        ],
        &[
            trust,
            ("SPACELIFT_API_TLS_CERT", "inputs/nonexistent.pem"),
            ("SPACELIFT_API_TLS_KEY", "inputs/nonexistent.pem"),
        ],
    );
    ok(&by_flags);

    // One file holding both works for both flags.
    let both = scratch.input(
        "both.pem",
        &format!("{}{}", pki.client_key, pki.client_certificate),
    );
    ok(&scratch.run(
        &[
            "fetch",
            &server.url,
            "--tls-cert",
            &both,
            "--tls-key",
            &both,
        ],
        &[trust],
    ));

    // Broken pairs are one line naming the flag or variable and the path.
    let refused = |flags: &[&str], env: &[(&str, &str)], expected: &str| {
        let args = [&["fetch", server.url.as_str()][..], flags].concat();
        let stderr = fails(&scratch.run(&args, &[&[trust][..], env].concat()));
        assert!(
            stderr.contains(&format!("error: cannot set up the HTTP client: {expected}")),
            "{stderr}"
        );
    };
    refused(
        &["--tls-key", &key],
        &[],
        &format!("--tls-key {key}: a private key needs its client certificate too (--tls-cert)"),
    );
    refused(
        &[],
        &[("SPACELIFT_API_TLS_CERT", &cert)],
        &format!("SPACELIFT_API_TLS_CERT={cert}: a client certificate needs its private key too (SPACELIFT_API_TLS_KEY)"),
    );
    refused(
        &["--tls-cert", &ca, "--tls-key", &ca],
        &[],
        &format!("--tls-key {ca}: no PEM private key in it"),
    );
    refused(
        &["--tls-cert", &cert, "--tls-key", "inputs/missing-key.pem"],
        &[],
        "--tls-key inputs/missing-key.pem: No such file or directory",
    );
    // Someone else's key (the server's) with the client certificate.
    let server_key = scratch.input("server-key.pem", &pki.server_key);
    let stderr = fails(&scratch.run(
        &[
            "fetch",
            &server.url,
            "--tls-cert",
            &cert,
            "--tls-key",
            &server_key,
        ],
        &[trust],
    ));
    assert!(
        stderr.contains("not a usable certificate and key"),
        "{stderr}"
    );
    assert_never_shown(
        &scratch,
        &[&without, &by_env, &by_flags],
        &[pki.client_key.lines().nth(1).unwrap()],
    );
}

// --- HTTP failures ------------------------------------------------------------------------

#[test]
fn retries_500s_and_honours_retry_after() {
    let mut config = Config::new(SIMPLE);
    config.failures = vec![Failure::Status(500), Failure::Status(503)];
    let server = server::start_with(config);
    let scratch = Scratch::new();
    ok(&scratch.run(&["fetch", &server.url, "-o", "s.graphql"], &[]));
    assert_eq!(server.requests(), 4, "two failures, the probe, the query");
    server.fail_next(&[Failure::TooManyRequests { retry_after: 1 }]);
    let started = Instant::now();
    ok(&scratch.run(&["fetch", &server.url, "-o", "s.graphql"], &[]));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After ignored"
    );
    // Out of retries: the last status is the error.
    server.fail_next(&[Failure::Status(500), Failure::Status(500)]);
    let stderr = fails(&scratch.run(&["fetch", &server.url, "--retries", "1", "--legacy"], &[]));
    assert!(
        stderr.contains(&format!("{}: HTTP 500: Internal Server Error", server.url)),
        "{stderr}"
    );
}

#[test]
fn a_server_that_never_answers_times_out_within_bounds() {
    let mut config = Config::new(SIMPLE);
    config.failures = vec![Failure::Hang; 4];
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let started = Instant::now();
    let out = scratch.run(
        &["fetch", &server.url, "--timeout", "1", "--retries", "1"],
        &[],
    );
    let stderr = fails(&out);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        stderr.contains("no answer within 1 s (after 2 attempts)"),
        "{stderr}"
    );
}

#[test]
fn html_error_pages_and_invalid_json_are_named() {
    let mut config = Config::new(SIMPLE);
    config.failures = vec![Failure::Html(502)];
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let stderr = fails(&scratch.run(&["fetch", &server.url, "--retries", "0", "--legacy"], &[]));
    assert!(
        stderr.contains("HTTP 502: an HTML page, not GraphQL (\"502 Bad Gateway\")"),
        "{stderr}"
    );
    server.fail_next(&[Failure::InvalidJson, Failure::InvalidJson]);
    let stderr = fails(&scratch.run(&["fetch", &server.url], &[]));
    assert!(
        stderr.contains("HTTP 200: the answer is not JSON (EOF while parsing"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Content-Type: application/json"),
        "{stderr}"
    );
}

#[test]
fn a_redirect_to_another_host_is_refused_naming_both_urls() {
    let mut config = Config::new(SIMPLE);
    config.failures = vec![Failure::Redirect(
        "https://acme.app.spacelift.io/graphql".into(),
    )];
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let stderr = fails(&scratch.run(&["fetch", &server.url, "--legacy"], &[]));
    assert!(
        stderr.contains(&format!(
            "refused the redirect (HTTP 308) from {} to https://acme.app.spacelift.io/graphql: to another host; give the URL it names as the endpoint if you trust it",
            server.url
        )),
        "{stderr}"
    );
    assert!(stderr.contains("after 1 attempt"), "{stderr}");
}

// --- servers of other eras and limits -------------------------------------------------------

const MODERN_FEATURES: &str =
    "type Query { a(old: Int @deprecated(reason: \"no\"), by: By): Int }\n\
    input By @oneOf { id: ID, slug: String }\n\
    directive @tag(name: String!) repeatable on FIELD_DEFINITION\n";

#[test]
fn a_2018_server_is_probed_and_asked_only_what_it_knows() {
    let mut config = Config::new(SIMPLE);
    config.era = Era::June2018;
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let out = scratch.run(&["fetch", &server.url, "-o", "s.graphql"], &[]);
    ok(&out);
    assert!(
        !text(&out.stderr).contains("warning"),
        "{}",
        text(&out.stderr)
    );
    assert_same_schema(
        SIMPLE,
        &std::fs::read_to_string(scratch.path("s.graphql")).unwrap(),
        "simple",
    );
    assert_eq!(server.requests(), 2, "probe and query, no rejected attempt");
}

#[test]
fn a_2018_server_that_hides_the_probe_gets_the_fallback() {
    let mut config = Config::new(MODERN_FEATURES);
    config.era = Era::June2018;
    config.hide_input_value_type = true;
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let out = scratch.run(&["fetch", &server.url, "-o", "s.graphql"], &[]);
    ok(&out);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("rejected newer introspection fields (HTTP 400: Cannot query field"),
        "{stderr}"
    );
    let fetched = std::fs::read_to_string(scratch.path("s.graphql")).unwrap();
    assert!(
        fetched.contains("directive @tag(name: String!) on FIELD_DEFINITION"),
        "{fetched}"
    );
    // --legacy goes straight to the 2018 query: one request, no warning.
    let before = server.requests();
    let out = scratch.run(&["fetch", &server.url, "--legacy"], &[]);
    ok(&out);
    assert_eq!(server.requests() - before, 1);
    assert!(
        !text(&out.stderr).contains("warning"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn modern_features_survive_from_a_modern_server() {
    let server = server::start(MODERN_FEATURES);
    let scratch = Scratch::new();
    let out = scratch.run(&["fetch", &server.url], &[]);
    ok(&out);
    let sdl = text(&out.stdout);
    for expected in ["repeatable", "@oneOf", "@deprecated(reason: \"no\")"] {
        assert!(sdl.contains(expected), "{expected} lost:\n{sdl}");
    }
    assert_same_schema(MODERN_FEATURES, &sdl, "modern");
}

#[test]
fn a_depth_limited_server_gets_a_shallower_query() {
    let mut config = Config::new(SIMPLE);
    config.max_depth = Some(12);
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let out = scratch.run(&["fetch", &server.url, "-o", "s.graphql"], &[]);
    ok(&out);
    let stderr = text(&out.stderr);
    assert!(
        stderr
            .contains("the server limits query depth (graphql-depth-limit (Apollo Server, Express)): asked without fragments, 7 type-reference levels instead of 10"),
        "{stderr}"
    );
    assert_same_schema(
        SIMPLE,
        &std::fs::read_to_string(scratch.path("s.graphql")).unwrap(),
        "simple",
    );
    // A type deeper than the limit allows cannot be read: say which.
    let mut config = Config::new("type Query { grid: [[[[[[Int!]!]!]!]!]!]! }");
    config.max_depth = Some(12);
    let server = server::start_with(config);
    let stderr = fails(&scratch.run(&["fetch", &server.url], &[]));
    assert!(
        stderr.contains("type `Query.grid` is wrapped deeper than the 7 type-reference levels"),
        "{stderr}"
    );
}

#[test]
fn disabled_introspection_is_recognised() {
    let mut config = Config::new(SIMPLE);
    config.introspection_disabled = true;
    let server = server::start_with(config);
    let stderr = fails(&Scratch::new().run(&["fetch", &server.url], &[]));
    assert!(
        stderr.contains("HTTP 400: introspection is disabled on this server"),
        "{stderr}"
    );
}

#[test]
fn partial_answers_warn_and_keep_going() {
    let mut config = Config::new(SIMPLE);
    config.partial_error = Some("could not resolve the description of Stack".into());
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let out = scratch.run(&["fetch", &server.url, "-o", "s.graphql"], &[]);
    ok(&out);
    assert!(
        text(&out.stderr)
            .contains("warning: the server answered with data and an error: could not resolve"),
        "{}",
        text(&out.stderr)
    );
}

/// Server text with terminal escapes (clear screen, window title, bell) and line breaks reaches
/// the terminal written out, on the one line the message promises.
#[test]
fn server_text_cannot_drive_the_terminal() {
    let mut config = Config::new(SIMPLE);
    config.partial_error = Some("boom\x1b[2J\x1b]0;pwned\x07\r\nerror: forged line".into());
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let out = scratch.run(&["fetch", &server.url, "-o", "s.graphql"], &[]);
    ok(&out);
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains('\x1b') && !stderr.contains('\x07') && !stderr.contains('\r'),
        "{stderr:?}"
    );
    let warning = stderr
        .lines()
        .find(|l| l.contains("answered with data and an error"))
        .unwrap_or_else(|| panic!("{stderr:?}"));
    assert!(
        warning.ends_with(r"boom\x1b[2J\x1b]0;pwned\x07\r\nerror: forged line"),
        "{warning}"
    );
    assert!(
        !stderr.lines().any(|l| l.starts_with("error: forged")),
        "{stderr:?}"
    );
}

#[test]
fn usage_errors() {
    let scratch = Scratch::new();
    let stderr = fails(&scratch.run(&["fetch"], &[]));
    assert!(stderr.contains("no endpoint"), "{stderr}");
    let stderr = fails(&scratch.run(&["fetch", "ftp://example.com"], &[]));
    assert!(stderr.contains("unsupported scheme"), "{stderr}");
    let stderr = fails(&scratch.run(&["fetch", "http://127.0.0.1:1", "--api-key-id", "01H"], &[]));
    assert!(
        stderr.contains("--api-key-id needs --api-key-secret"),
        "{stderr}"
    );
    let stderr = fails(&scratch.run(
        &["fetch", "http://127.0.0.1:1"],
        &[("SSL_CERT_FILE", "/nonexistent/ca.pem")],
    ));
    assert!(
        stderr.contains("cannot set up the HTTP client: SSL_CERT_FILE=/nonexistent/ca.pem"),
        "{stderr}"
    );
    let out = scratch.run(&["fetch", "http://127.0.0.1:1", "--watch", "5"], &[]);
    assert_eq!(out.status.code(), Some(2), "--watch needs -o");
}

/// What a server of a later GraphQL edition might answer: a directive location and a type kind
/// this schemalift does not know, and a member of `__Type` nobody asked for.
fn from_the_future(answer: &mut serde_json::Value) {
    use serde_json::json;
    let schema = &mut answer["data"]["__schema"];
    let types = schema["types"].as_array_mut().expect("types");
    for ty in types.iter_mut() {
        ty["dimensions"] = json!({ "unasked": [1, 2, 3] });
    }
    let stack = types
        .iter_mut()
        .find(|t| t["name"] == "Stack")
        .expect("Stack");
    stack["fields"].as_array_mut().expect("fields").push(json!({
        "name": "embedding", "description": null, "args": [],
        "type": { "kind": "NON_NULL", "name": null, "ofType": { "kind": "VECTOR", "name": "Embedding", "ofType": null } },
        "isDeprecated": false, "deprecationReason": null,
    }));
    types.insert(
        0,
        json!({ "kind": "VECTOR", "name": "Embedding", "description": null, "dimensions": 3 }),
    );
    let directives = schema["directives"].as_array_mut().expect("directives");
    let at = directives
        .iter()
        .position(|d| d["name"] == "tag")
        .expect("@tag");
    let mut tag = directives.remove(at);
    tag["locations"]
        .as_array_mut()
        .expect("locations")
        .push(json!("QUANTUM_FIELD"));
    directives.insert(0, tag);
}

#[test]
fn a_newer_servers_unknown_kinds_and_locations_are_dropped_with_one_warning_each() {
    let served =
        format!("{SIMPLE}directive @tag(name: String!) repeatable on OBJECT | FIELD_DEFINITION\n");
    let mut config = Config::new(&served);
    config.rewrite_answer = Some(from_the_future);
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let out = scratch.run(&["fetch", &server.url], &[]);
    ok(&out);
    assert_same_schema(&served, &text(&out.stdout), "served.graphql");
    let stderr = text(&out.stderr);
    let url = &server.url;
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            format!("warning: {url}: type kind `VECTOR` is newer than this schemalift knows: dropped the type `Embedding` (__schema.types[0] (Embedding)), `Stack.embedding`"),
            format!("warning: {url}: directive location `QUANTUM_FIELD` is newer than this schemalift knows: dropped it from `@tag` (__schema.directives[0] (@tag))"),
        ],
        "{stderr}"
    );
    let introspections = server
        .seen()
        .iter()
        .filter(|s| s.kind == "introspection")
        .count();
    assert_eq!(introspections, 2, "the probe and one full query, no retry");
}

// --- resource limits ------------------------------------------------------------------------

/// `schemalift ARGS` as [`Scratch::run`] does, killed if it has not ended within `limit` (a
/// run that blocks on a FIFO or reads `/dev/zero` forever must fail the test, not hang it).
fn run_within(scratch: &Scratch, limit: Duration, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = schemalift();
    let started = Instant::now();
    let mut child = cmd
        .env("SPACELIFT_CONFIG_DIR", scratch.spacectl_dir())
        .env("SCHEMALIFT_CACHE_DIR", scratch.cache())
        .envs(env.iter().copied())
        .args(args)
        .current_dir(scratch.dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run schemalift");
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!(
                "schemalift {args:?} still running after {limit:?}\nstderr:\n{}",
                text(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn an_endless_answer_stops_at_the_response_size_cap() {
    // Built first, so the guard of `run_within` measures the run alone.
    schemalift_tests::bin();
    let mut config = Config::new(SIMPLE);
    config.failures = vec![Failure::Endless];
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let out = run_within(
        &scratch,
        Duration::from_secs(30),
        &[
            "fetch",
            &server.url,
            "--legacy",
            "--retries",
            "0",
            "--timeout",
            "20",
            "--max-response-size",
            "1M",
        ],
        &[],
    );
    let stderr = fails(&out);
    assert!(
        stderr.contains(&format!(
            "{}: the answer is larger than 1 MiB (--max-response-size)",
            server.url
        )),
        "{stderr}"
    );
    // Not retried: an answer too large once is too large again.
    assert_eq!(server.requests(), 1);
}

#[test]
fn a_gzip_bomb_stops_at_the_response_size_cap() {
    let mut config = Config::new(SIMPLE);
    // About 64 KiB on the wire, 64 MiB inflated.
    config.failures = vec![Failure::GzipBomb { inflated: 64 << 20 }];
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let out = run_within(
        &scratch,
        Duration::from_secs(30),
        &[
            "fetch",
            &server.url,
            "--legacy",
            "--retries",
            "0",
            "--max-response-size",
            "1M",
        ],
        &[],
    );
    let stderr = fails(&out);
    assert!(
        stderr.contains(&format!(
            "{}: the answer is larger than 1 MiB (--max-response-size)",
            server.url
        )),
        "{stderr}"
    );
    // The client asked for gzip, so the cap is on what it inflated, not on what it received.
    assert!(server.seen()[0]
        .header("accept-encoding")
        .is_some_and(|v| v.contains("gzip")));
    // Under the cap the same server is fetched as always.
    ok(&run_within(
        &scratch,
        Duration::from_secs(30),
        &["fetch", &server.url, "--max-response-size", "1M"],
        &[],
    ));
}

#[test]
fn a_retry_after_past_the_deadline_ends_the_fetch_at_once() {
    // Built first, so the guard of `run_within` measures the run alone.
    schemalift_tests::bin();
    let mut config = Config::new(SIMPLE);
    config.failures = vec![Failure::Unavailable { retry_after: 100 }];
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let out = run_within(
        &scratch,
        Duration::from_secs(30),
        &["fetch", &server.url, "--max-time", "2"],
        &[],
    );
    let stderr = fails(&out);
    assert!(
        stderr.contains(&format!(
            "{}: HTTP 503: the server asks to wait 100 s before retrying (Retry-After), past what is left of the deadline: gave up at the overall deadline of 2 s (--max-time) after 1 attempt",
            server.url
        )),
        "{stderr}"
    );
    assert_eq!(server.requests(), 1, "{:?}", server.seen());
}

#[test]
fn the_deadline_bounds_a_server_that_never_answers_whatever_the_timeout() {
    // Built first, so the guard of `run_within` measures the run alone.
    schemalift_tests::bin();
    let mut config = Config::new(SIMPLE);
    config.failures = vec![Failure::Hang; 4];
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let out = run_within(
        &scratch,
        Duration::from_secs(30),
        &["fetch", &server.url, "--timeout", "60", "--max-time", "1.5"],
        &[],
    );
    let stderr = fails(&out);
    assert!(
        stderr.contains("no answer before the deadline: gave up at the overall deadline of 1.5 s (--max-time) after 1 attempt"),
        "{stderr}"
    );
}

#[test]
fn retries_are_capped() {
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    for too_many in ["11", "4294967295"] {
        let out = scratch.run(&["fetch", &server.url, "--retries", too_many], &[]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        assert!(stderr.contains("--retries"), "{stderr}");
        assert!(stderr.contains("0..=10"), "{stderr}");
    }
    assert_eq!(server.requests(), 0);
    ok(&scratch.run(&["fetch", &server.url, "--retries", "10"], &[]));
}

#[test]
fn devices_are_refused_as_credential_and_certificate_files() {
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    let limit = Duration::from_secs(20);
    let refused = |args: &[&str], env: &[(&str, &str)], named: &str| {
        let out = run_within(
            &scratch,
            limit,
            &[&["fetch", &server.url][..], args].concat(),
            env,
        );
        let stderr = fails(&out);
        assert!(
            stderr.contains(named)
                && stderr.contains("/dev/zero")
                && stderr.contains("not a regular file (a device, FIFO or socket)"),
            "{args:?} {env:?}: {stderr}"
        );
    };
    refused(&["--header-file", "/dev/zero"], &[], "cannot read");
    refused(
        &["--api-key-id", "01HKEYID", "--api-key-file", "/dev/zero"],
        &[],
        "cannot read",
    );
    refused(
        &["--tls-cert", "/dev/zero", "--tls-key", "/dev/zero"],
        &[],
        "--tls-cert",
    );
    refused(&[], &[("SSL_CERT_FILE", "/dev/zero")], "SSL_CERT_FILE");
    assert_eq!(server.requests(), 0);
}

#[cfg(unix)]
#[test]
fn a_fifo_as_spacectl_config_never_blocks_a_fetch() {
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    std::fs::create_dir_all(scratch.spacectl_dir()).unwrap();
    let fifo = scratch.spacectl_dir().join("config.json");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // No profile asked for: a warning, and the fetch goes on.
    let out = run_within(
        &scratch,
        Duration::from_secs(20),
        &["fetch", &server.url, "-o", "s.graphql"],
        &[],
    );
    ok(&out);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "warning: ignoring spacectl's profiles in {}: not a regular file (a device, FIFO or socket)",
            fifo.display()
        )),
        "{stderr}"
    );
    // A profile asked for by name: an error, at once.
    let stderr = fails(&run_within(
        &scratch,
        Duration::from_secs(20),
        &["fetch", &server.url, "--profile", "acme"],
        &[],
    ));
    assert!(
        stderr.contains(&format!(
            "spacectl profiles in {}: not a regular file",
            fifo.display()
        )),
        "{stderr}"
    );
    // So is /dev/zero in its place (which would otherwise fill the memory).
    std::fs::remove_file(&fifo).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &fifo).unwrap();
    let out = run_within(
        &scratch,
        Duration::from_secs(20),
        &["fetch", &server.url, "-o", "s.graphql"],
        &[],
    );
    ok(&out);
    assert!(
        text(&out.stderr).contains("not a regular file"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_unwritable_token_cache_warns_and_the_fetch_goes_on() {
    let (config, _) = spacelift_server();
    let server = server::start_with(config);
    let scratch = Scratch::new();
    // A regular file where the cache directory should be: unwritable even for root.
    let blocked = scratch.input("not-a-directory", "");
    let out = run_within(
        &scratch,
        Duration::from_secs(30),
        &[
            "fetch",
            &server.url,
            "-o",
            "schema.graphql",
            "--api-key-id",
            "01HKEYID",
            "--api-key-secret",
            "api-key-secret-0123456789",
        ],
        &[("SCHEMALIFT_CACHE_DIR", &blocked)],
    );
    ok(&out);
    assert_eq!(server.exchanges(), 1, "one exchange, not one per request");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("continuing without the token cache") && stderr.contains("--no-cache"),
        "{stderr}"
    );
    assert!(scratch.path("schema.graphql").exists());
    assert_never_shown(&scratch, &[&out], &["api-key-secret-0123456789"]);
}

#[test]
fn concurrent_cold_cache_fetches_make_one_exchange() {
    let (mut config, _) = spacelift_server();
    // A login that takes a while, as a real one can: without a lock every run would log in.
    config.exchange_delay = Duration::from_millis(500);
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let runs: Vec<_> = (0..6)
        .map(|i| {
            let out = format!("schema-{i}.graphql");
            let mut cmd = schemalift();
            cmd.env("SPACELIFT_CONFIG_DIR", scratch.spacectl_dir())
                .env("SCHEMALIFT_CACHE_DIR", scratch.cache())
                .args(["fetch", &server.url, "-o", &out])
                .args(["--api-key-id", "01HKEYID", "--api-key-secret"])
                .arg("api-key-secret-0123456789")
                .current_dir(scratch.dir.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().expect("run schemalift")
        })
        .collect();
    for child in runs {
        ok(&child.wait_with_output().expect("output"));
    }
    assert_eq!(server.exchanges(), 1, "one billed login for all six runs");
}

#[cfg(unix)]
#[test]
fn a_token_cache_that_is_not_the_users_own_is_not_trusted() {
    use std::os::unix::fs::PermissionsExt;
    let (config, _) = spacelift_server();
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let args = [
        "fetch",
        &server.url,
        "-o",
        "schema.graphql",
        "--api-key-id",
        "01HKEYID",
        "--api-key-secret",
        "api-key-secret-0123456789",
    ];
    ok(&scratch.run(&args, &[]));
    assert_eq!(server.exchanges(), 1);
    let tokens = scratch.cache().join("tokens");

    // Open to everyone: made private again, with a warning, and its token still used.
    std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = scratch.run(&args, &[]);
    ok(&out);
    assert!(
        text(&out.stderr).contains("made it private (700)"),
        "{}",
        text(&out.stderr)
    );
    let mode = std::fs::metadata(&tokens).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
    assert_eq!(server.exchanges(), 1);

    // A symbolic link (whoever made it chose its tokens): not followed, not written through.
    let elsewhere = scratch.path("elsewhere");
    std::fs::rename(&tokens, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &tokens).unwrap();
    let before = std::fs::read_dir(&elsewhere).unwrap().count();
    let out = scratch.run(&args, &[]);
    ok(&out);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("is a symbolic link")
            && stderr.contains("continuing without the token cache"),
        "{stderr}"
    );
    assert_eq!(
        server.exchanges(),
        2,
        "the linked cache's token is not used"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), before);
    let status = scratch.run(&["auth", "status"], &[]);
    assert!(
        text(&status.stderr).contains("is a symbolic link"),
        "{}",
        text(&status.stderr)
    );
    assert_ne!(status.status.code(), Some(0));

    // A token file of another user's (only root can make one) is not read.
    std::fs::remove_file(&tokens).unwrap();
    std::fs::rename(&elsewhere, &tokens).unwrap();
    let root =
        std::fs::metadata(&tokens).is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
    if root {
        for entry in std::fs::read_dir(&tokens).unwrap().flatten() {
            std::os::unix::fs::chown(entry.path(), Some(4242), None).unwrap();
        }
        ok(&scratch.run(&args, &[]));
        assert_eq!(
            server.exchanges(),
            3,
            "another user's token file is not read"
        );
    }
}

#[test]
fn watch_fails_when_its_last_poll_fails() {
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    let child = schemalift()
        .env("SCHEMALIFT_CACHE_DIR", scratch.cache())
        .env("SPACELIFT_CONFIG_DIR", scratch.spacectl_dir())
        .args([
            "fetch",
            &server.url,
            "-o",
            "watched.graphql",
            "--watch",
            "0.5",
            "--polls",
            "3",
            "--legacy",
            "--retries",
            "0",
        ])
        .current_dir(scratch.dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once the first fetch is written, every later request fails.
    let started = Instant::now();
    while !scratch.path("watched.graphql").exists() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no first fetch"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    server.fail_next(&vec![Failure::Status(500); 10]);
    let out = child.wait_with_output().unwrap();
    let stderr = fails(&out);
    assert_eq!(
        stderr
            .matches("warning: poll failed, will try again")
            .count(),
        2,
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "error: the last poll (3 of 3) failed, watched.graphql keeps the last good schema:"
        ) && stderr.contains("HTTP 500"),
        "{stderr}"
    );
    assert!(std::fs::read_to_string(scratch.path("watched.graphql"))
        .unwrap()
        .contains("type Stack"));
}

// --- secrets: redirects, echoed credentials, URLs ------------------------------------------

/// The one error line of a refused redirect, from `from` to `to`.
fn assert_redirect_refused(stderr: &str, status: u16, from: &str, to: &str, reason: &str) {
    assert!(
        stderr.contains(&format!(
            "refused the redirect (HTTP {status}) from {from} to {to}: {reason}"
        )),
        "{stderr}"
    );
}

#[test]
fn exchanges_never_follow_a_redirect_with_the_secret_in_the_body() {
    let (config, _) = spacelift_server();
    let elsewhere = server::start_with(config.clone());
    let server = server::start_with(config);
    let scratch = Scratch::new();
    let api_key = |url: &str| {
        scratch.run(
            &[
                "fetch",
                url,
                "--retries",
                "0",
                "--no-cache",
                "--api-key-id",
                "01HKEYID",
                "--api-key-secret",
                "api-key-secret-0123456789",
            ],
            &[],
        )
    };
    // To another port of the same host, and to the endpoint itself: neither is followed.
    server.fail_next(&[Failure::Redirect(elsewhere.url.clone())]);
    let away = api_key(&server.url);
    assert_redirect_refused(
        &fails(&away),
        308,
        &server.url,
        &elsewhere.url,
        "the request carries credentials, which are never sent on to a redirect",
    );
    assert_eq!(elsewhere.requests(), 0, "the secret went on");
    let itself = format!("{}?again", server.url);
    server.fail_next(&[Failure::RedirectWith(307, itself)]);
    let same = api_key(&server.url);
    assert_redirect_refused(
        &fails(&same),
        307,
        &server.url,
        &format!("{}?***", server.url),
        "the request carries credentials",
    );
    assert_eq!(server.exchanges(), 0);
    // The GitHub token's exchange alike.
    server.fail_next(&[Failure::RedirectWith(307, elsewhere.url.clone())]);
    let github = scratch.run(
        &["fetch", &server.url, "--retries", "0", "--no-cache"],
        &[("SPACELIFT_API_GITHUB_TOKEN", "ghp_githubtoken0123456789")],
    );
    assert_redirect_refused(
        &fails(&github),
        307,
        &server.url,
        &elsewhere.url,
        "the request carries credentials",
    );
    assert_eq!(elsewhere.requests(), 0, "the token went on");
    assert_never_shown(
        &scratch,
        &[&away, &same, &github],
        &["api-key-secret-0123456789", "ghp_githubtoken0123456789"],
    );
}

#[test]
fn no_request_follows_a_redirect_to_another_origin_or_down_to_http() {
    let elsewhere = server::start(SIMPLE);
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    let headers = scratch.input("headers", "Authorization: Bearer file-bearer-0123\n");
    let fetch = |url: &str| {
        scratch.run(
            &[
                "fetch",
                url,
                "--legacy",
                "--retries",
                "0",
                "-H",
                "X-Api-Key: hdr-key-secret-4242",
                "--header-file",
                &headers,
            ],
            &[],
        )
    };
    let mut outputs = Vec::new();
    for status in [301, 302, 303, 307, 308] {
        server.fail_next(&[Failure::RedirectWith(status, elsewhere.url.clone())]);
        let out = fetch(&server.url);
        assert_redirect_refused(
            &fails(&out),
            status,
            &server.url,
            &elsewhere.url,
            "to another port",
        );
        outputs.push(out);
    }
    let other_host = elsewhere.url.replace("127.0.0.1", "localhost");
    server.fail_next(&[Failure::Redirect(other_host.clone())]);
    let out = fetch(&server.url);
    assert_redirect_refused(
        &fails(&out),
        308,
        &server.url,
        &other_host,
        "to another host",
    );
    outputs.push(out);
    assert_eq!(elsewhere.requests(), 0, "headers went to another origin");

    // From https down to http on the same host: refused, nothing sent in cleartext.
    let pki = TestPki::generate();
    let mut config = Config::new(SIMPLE);
    config.tls = Some(Tls {
        pki: pki.clone(),
        require_client_certificate: false,
    });
    let secure = server::start_with(config);
    let ca = scratch.input("ca.pem", &pki.ca_certificate);
    secure.fail_next(&[Failure::Redirect(elsewhere.url.clone())]);
    let down = scratch.run(
        &[
            "fetch",
            &secure.url,
            "--legacy",
            "--retries",
            "0",
            "-H",
            "X-Api-Key: hdr-key-secret-4242",
        ],
        &[("SPACELIFT_API_TLS_CA", &ca)],
    );
    assert_redirect_refused(
        &fails(&down),
        308,
        &secure.url,
        &elsewhere.url,
        "from https to http would send the request in cleartext",
    );
    assert_eq!(elsewhere.requests(), 0, "sent in cleartext");
    outputs.push(down);
    let outputs: Vec<&Output> = outputs.iter().collect();
    assert_never_shown(
        &scratch,
        &outputs,
        &["hdr-key-secret-4242", "file-bearer-0123"],
    );
}

#[test]
fn a_same_host_upgrade_to_https_is_followed_with_the_headers() {
    let pki = TestPki::generate();
    let mut config = Config::new(SIMPLE);
    config.tls = Some(Tls {
        pki: pki.clone(),
        require_client_certificate: false,
    });
    let secure = server::start_with(config);
    let plain = server::start(SIMPLE);
    plain.fail_next(&[Failure::RedirectWith(301, secure.url.clone())]);
    let scratch = Scratch::new();
    let ca = scratch.input("ca.pem", &pki.ca_certificate);
    let out = scratch.run(
        &["fetch", &plain.url, "--legacy", "-H", "X-Team: core"],
        &[("SPACELIFT_API_TLS_CA", &ca)],
    );
    ok(&out);
    assert_same_schema(SIMPLE, &text(&out.stdout), "simple");
    let seen = secure.seen();
    assert_eq!(seen.len(), 1, "{seen:#?}");
    assert_eq!(seen[0].header("x-team"), Some("core"));
    assert!(
        seen[0].body.contains("__schema"),
        "the POST body went along"
    );
}

#[test]
fn an_authorization_credential_echoed_alone_is_hidden() {
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    server.fail_next(&[Failure::EchoAuthorization]);
    let by_flag = scratch.run(
        &[
            "fetch",
            &server.url,
            "--legacy",
            "--retries",
            "0",
            "-H",
            "Authorization: Bearer hdr-bearer-secret-77",
        ],
        &[],
    );
    let stderr = fails(&by_flag);
    assert!(stderr.contains("token *** is not valid here"), "{stderr}");
    let headers = scratch.input("headers", "Authorization: Token file-token-secret-88\n");
    server.fail_next(&[Failure::EchoAuthorization]);
    let by_file = scratch.run(
        &[
            "fetch",
            &server.url,
            "--legacy",
            "--retries",
            "0",
            "--header-file",
            &headers,
        ],
        &[],
    );
    let stderr = fails(&by_file);
    assert!(stderr.contains("token *** is not valid here"), "{stderr}");
    assert_never_shown(
        &scratch,
        &[&by_flag, &by_file],
        &["hdr-bearer-secret-77", "file-token-secret-88"],
    );
}

#[test]
fn header_lines_without_a_colon_are_named_not_quoted() {
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    let by_flag = scratch.run(&["fetch", &server.url, "-H", "pasted-token-secret-1"], &[]);
    let stderr = fails(&by_flag);
    assert!(
        stderr.contains("-H value has no colon: expected `Name: Value`"),
        "{stderr}"
    );
    let headers = scratch.input("headers", "X-Team: core\npasted-token-secret-2\n");
    let by_file = scratch.run(&["fetch", &server.url, "--header-file", &headers], &[]);
    let stderr = fails(&by_file);
    assert!(
        stderr.contains("line 2 has no colon: expected `Name: Value`"),
        "{stderr}"
    );
    assert_eq!(server.requests(), 0);
    assert_never_shown(
        &scratch,
        &[&by_flag, &by_file],
        &["pasted-token-secret-1", "pasted-token-secret-2"],
    );
}

#[test]
fn urls_show_without_password_or_query_values_in_every_command() {
    let server = server::start(SIMPLE);
    let scratch = Scratch::new();
    let url = server
        .url
        .replace("http://", "http://me:url-pass-secret-5@")
        + "?token=url-query-secret-6";
    let shown = server.url.replace("http://", "http://me:***@") + "?token=***";
    let secrets = ["url-pass-secret-5", "url-query-secret-6"];

    let validate = scratch.run(&["validate", &url], &[]);
    ok(&validate);
    let validate_json = scratch.run(&["validate", &url, "--format", "json"], &[]);
    ok(&validate_json);
    let diff = scratch.run(&["diff", &url, &url, "--format", "json"], &[]);
    ok(&diff);
    assert!(
        text(&diff.stdout).contains(&shown),
        "{}",
        text(&diff.stdout)
    );
    let diff_text = scratch.run(&["diff", &url, &url], &[]);
    ok(&diff_text);
    let ops = scratch.input("ops.graphql", "query Stacks { stacks { id name } }\n");
    let codegen = scratch.run(
        &[
            "codegen",
            &url,
            "--lang",
            "typescript",
            "--ops",
            &ops,
            "-o",
            "generated",
        ],
        &[],
    );
    ok(&codegen);
    let docs = scratch.run(&["docs", &url, "-o", "docs"], &[]);
    ok(&docs);
    let changelog = scratch.run(&["changelog", &url, &url, "-o", "changelog.md"], &[]);
    ok(&changelog);
    let generated: Vec<(PathBuf, String)> = scratch
        .files_outside_cache()
        .into_iter()
        .filter(|(path, _)| path.starts_with(scratch.path("generated")))
        .collect();
    assert!(!generated.is_empty());
    assert!(
        generated
            .iter()
            .any(|(_, content)| content.contains(&shown)),
        "the header names the URL, redacted: {generated:#?}"
    );
    let changelog_md = std::fs::read_to_string(scratch.path("changelog.md")).unwrap();
    assert!(changelog_md.contains(&shown), "{changelog_md}");
    assert_never_shown(
        &scratch,
        &[
            &validate,
            &validate_json,
            &diff,
            &diff_text,
            &codegen,
            &docs,
            &changelog,
        ],
        &secrets,
    );
}
