//! End-to-end: `schemalift validate` on real files, bad input included.

use schemalift_tests::{corpus_arg, run, schemalift, text};
use std::process::Output;

fn validate(args: &[&str]) -> Output {
    run("validate", args)
}

#[test]
fn the_sample_schema_is_valid() {
    let out = validate(&["schemas/spacelift/schema.graphql"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("schemas/spacelift/schema.graphql: valid schema, "));
}

#[test]
fn github_2025_is_invalid_at_the_duplicated_fields() {
    // By October 2021 rules, so that the two duplicate fields are all there is (the newer rules
    // add 12 deprecated implementations of interface fields, see the test above).
    let github = corpus_arg("github/github-2025-02-27.graphql");
    let out = validate(&["--spec", "2021", &github]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("github_2025_text", text(&out.stderr));
    let out = validate(&["--spec", "2021", "--format", "json", &github]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("github_2025_json", text(&out.stdout));
}

#[test]
fn github_2024_breaks_a_2025_rule_that_2021_does_not_apply() {
    let file = &corpus_arg("github/github-2024-07-08.graphql");
    // The September 2026 edition is the default: each error names its rule and edition.
    let out = validate(&[file]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr.matches("   = note: rule DeprecatedImplementationField (a field must not be deprecated when the interface field it implements is not), introduced by the September 2025 edition (RFC graphql-spec#1053); `--spec 2021` does not apply it").count(),
        9,
        "{stderr}"
    );
    assert!(stderr.ends_with(&format!("error: {file} is not a valid schema: 9 errors\n")));
    let out = validate(&["--spec", "2025", "--format", "json", file]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["spec"], "September 2025");
    let first = &json["errors"][0];
    assert_eq!(first["rule"], "DeprecatedImplementationField");
    assert_eq!(first["since"], "September 2025");
    assert_eq!(first["line"], 36189);
    // October 2021 rules: valid, and it says what it did not count.
    let out = validate(&["--spec", "2021", file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!("{file}: valid schema by October 2021 rules, 1593 types (9 errors of rules newer than the October 2021 edition not counted; `--spec 2026` shows them)\n")
    );
    let out = validate(&["--spec", "2021", "--format", "json", file]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            json["valid"].as_bool(),
            json["newer"].as_array().map(Vec::len)
        ),
        (Some(true), Some(9))
    );
}

#[test]
fn the_september_2026_sample_is_valid_and_newer_rules_are_named() {
    let out = validate(&["schemas/edition-2026/schema.graphql"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "required.graphql",
            "type Query { a(n: Int! @deprecated): Int }",
            "DeprecatedRequiredInputValue",
            "September 2025",
        ),
        (
            "oneof.graphql",
            "type Query { a(by: By): Int }\ninput By @oneOf { id: ID! }",
            "OneOfInputObjectFieldNonNull",
            "September 2025",
        ),
        (
            "default.graphql",
            "type Query { a(n: Int = \"three\"): Int }",
            "DefaultValueOfCorrectType",
            "September 2025",
        ),
        (
            "cycle.graphql",
            "type Query { a(i: A): Int }\ninput A @oneOf { b: B }\ninput B @oneOf { a: A }",
            "InputObjectHasUnbreakableCycle",
            "September 2026",
        ),
    ];
    for (name, sdl, rule, since) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, sdl).unwrap();
        let path = path.to_str().unwrap();
        let out = validate(&["--format", "json", path]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            (
                json["errors"][0]["rule"].as_str(),
                json["errors"][0]["since"].as_str()
            ),
            (Some(rule), Some(since)),
            "{name}: {json}"
        );
        let out = validate(&["--spec", "2021", path]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
    }
    let out = validate(&["--spec", "2018", "schemas/edition-2026/schema.graphql"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn files_and_extensions_merge() {
    let out = validate(&["tests/fixtures/split"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "tests/fixtures/split: valid schema, 4 types\n"
    );
}

#[test]
fn introspection_json_of_every_era_validates() {
    for file in [
        &corpus_arg("github/github-2021-10-01.json"),
        &corpus_arg("shopify/storefront-2026-04.json"),
    ] {
        // Shopify deprecates implementations of `Node.id`, which September 2025 forbids.
        let out = validate(&["--spec", "2021", file]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stderr));
    }
}

/// Each bad input: the exit code and the one line that explains it.
#[test]
fn bad_input_gets_one_clear_line_and_no_panic() {
    let cases: &[(&str, i32, &str)] = &[
        ("tests/fixtures/missing.graphql", 2, "error: cannot read tests/fixtures/missing.graphql: No such file or directory (os error 2)"),
        ("tests/fixtures/empty.graphql", 2, "error: tests/fixtures/empty.graphql: empty, no schema definitions"),
        ("tests/fixtures/binary.graphql", 2, "error: tests/fixtures/binary.graphql: not UTF-8 text (is it a binary file?)"),
        ("tests/fixtures/empty-dir", 2, "error: tests/fixtures/empty-dir: no schema files (*.graphql, *.graphqls, *.gql) in this directory"),
        ("tests/fixtures/truncated.json", 2, "error: tests/fixtures/truncated.json:1:22: invalid JSON: EOF while parsing a value"),
        ("tests/fixtures/not-introspection.json", 2, "error: tests/fixtures/not-introspection.json: not an introspection result: no `__schema` (expected {\"data\":{\"__schema\":…}} or {\"__schema\":…})"),
        ("tests/fixtures/malformed.graphql", 1, "error: tests/fixtures/malformed.graphql is not a valid schema: 1 error"),
        ("tests/fixtures/unknown-type.graphql", 1, "error: tests/fixtures/unknown-type.graphql is not a valid schema: 1 error"),
        ("tests/fixtures/duplicate.graphql", 1, "error: tests/fixtures/duplicate.graphql is not a valid schema: 1 error"),
    ];
    for (file, code, line) in cases {
        let out = validate(&[file]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{file}: {stderr}");
        assert_eq!(stderr.lines().last(), Some(*line), "{file}: {stderr}");
        assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    }
}

#[test]
fn diagnostics_point_at_the_problem() {
    let out = validate(&["--format", "json", "tests/fixtures/unknown-type.graphql"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"][0]["line"], 2);
    assert_eq!(
        report["errors"][0]["message"],
        "cannot find type `Stak` in this document"
    );
    let out = validate(&["--format", "json", "tests/fixtures/malformed.graphql"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"][0]["line"], 2);
}

#[test]
fn absurdly_nested_wrappers_are_refused_without_crashing() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!(
        "type Query {{ a: {}Int{} }}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let path = dir.path().join("deep.graphql");
    std::fs::write(&path, deep).unwrap();
    let out = validate(&[path.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("recursion limit"), "{stderr}");

    let mut ty = r#"{"kind":"SCALAR","name":"Int"}"#.to_owned();
    for _ in 0..5_000 {
        ty = format!(r#"{{"kind":"LIST","ofType":{ty}}}"#);
    }
    let json = format!(
        r#"{{"__schema":{{"queryType":{{"name":"Query"}},"types":[{{"kind":"OBJECT","name":"Query","fields":[{{"name":"a","args":[],"type":{ty}}}],"interfaces":[]}}]}}}}"#
    );
    let path = dir.path().join("deep.json");
    std::fs::write(&path, json).unwrap();
    let out = validate(&[path.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("recursion limit exceeded"), "{stderr}");
}

#[test]
fn a_50_mb_schema_is_read_in_one_go() {
    let dir = tempfile::tempdir().unwrap();
    let mut sdl = String::from("type Query { t0: T0 }\n");
    let mut i = 0;
    while sdl.len() < 50 * 1024 * 1024 {
        sdl.push_str(&format!(
            "\"\"\"Type number {i}, with a description long enough to look real.\"\"\"\ntype T{i} {{\n  id: ID!\n  name(locale: String = \"en\"): String\n  next: T{}\n}}\n",
            i + 1
        ));
        i += 1;
    }
    sdl.push_str(&format!("type T{i} {{ id: ID! }}\n"));
    let path = dir.path().join("huge.graphql");
    std::fs::write(&path, &sdl).unwrap();
    let out = validate(&[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).ends_with(&format!("valid schema, {} types\n", i + 2)));
}

#[test]
fn stdin_is_a_schema_source() {
    use std::io::Write;
    let mut child = schemalift()
        .args(["validate", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"type Query { a: Int }")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "<stdin>: valid schema, 1 types\n");
}

#[test]
fn git_revisions_are_schema_sources() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
    };
    git(&["init", "-q"]);
    std::fs::write(dir.path().join("schema.graphql"), "type Query { a: Int }\n").unwrap();
    git(&["add", "schema.graphql"]);
    git(&["commit", "-qm", "first"]);
    // The working copy is now broken, the committed version is not.
    std::fs::write(
        dir.path().join("schema.graphql"),
        "type Query { a: Nope }\n",
    )
    .unwrap();
    let run = |arg: &str| {
        schemalift()
            .args(["validate", arg])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = run("git:HEAD:schema.graphql");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "git:HEAD:schema.graphql: valid schema, 1 types\n"
    );
    assert_eq!(run("schema.graphql").status.code(), Some(1));
    let out = run("git:nope:schema.graphql");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim_end(),
        "error: git:nope:schema.graphql: invalid object name 'nope'."
    );
}

#[cfg(unix)]
mod hostile_inputs {
    use schemalift_tests::{repo_root, sample, schemalift, text};
    use std::fs;
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    #[test]
    fn a_git_revision_starting_with_a_dash_is_refused_not_passed_as_an_option() {
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| {
            let status = Command::new("git")
                .args(["-c", "user.name=t", "-c", "user.email=t@t"])
                .args(args)
                .current_dir(dir.path())
                .status()
                .unwrap();
            assert!(status.success(), "git {args:?}");
        };
        git(&["init", "-q"]);
        fs::copy(
            sample("spacelift/schema.graphql"),
            dir.path().join("s.graphql"),
        )
        .unwrap();
        git(&["add", "s.graphql"]);
        git(&["commit", "-qm", "schema"]);
        let out = schemalift()
            .args(["validate", "git:--output=X:s.graphql"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("a revision cannot start with `-`"),
            "{}",
            text(&out.stderr)
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "git wrote no file: {names:?}");
        // An ordinary revision still works.
        let out = schemalift()
            .args(["validate", "git:HEAD:s.graphql"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }

    #[test]
    fn a_directory_with_symbolic_link_loops_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("schema");
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::copy(sample("spacelift/schema.graphql"), root.join("s.graphql")).unwrap();
        std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
        std::os::unix::fs::symlink(".", root.join("sub/self")).unwrap();
        let mut child = schemalift()
            .args(["validate"])
            .arg(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                panic!("the walk never ended");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }

    #[test]
    fn dev_zero_stops_at_the_input_cap() {
        let out = schemalift()
            .args(["validate", "/dev/zero"])
            .env("SCHEMALIFT_MAX_INPUT_BYTES", "1048576")
            .current_dir(repo_root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("/dev/zero: larger than 1048576 bytes, the input limit"),
            "{}",
            text(&out.stderr)
        );
    }

    #[test]
    fn endless_stdin_stops_at_the_input_cap() {
        let mut child = schemalift()
            .args(["validate", "-"])
            .env("SCHEMALIFT_MAX_INPUT_BYTES", "1048576")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // Streams zeros until the reader goes away (or a bound well past the cap).
        let writer = std::thread::spawn(move || {
            let chunk = [0u8; 65536];
            for _ in 0..16 * 1024 {
                if stdin.write_all(&chunk).is_err() {
                    return true;
                }
            }
            false
        });
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("<stdin>: larger than 1048576 bytes"),
            "{}",
            text(&out.stderr)
        );
        assert!(writer.join().unwrap(), "stopped reading long before 1 GiB");
    }
}
