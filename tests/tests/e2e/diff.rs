//! End-to-end: `schemalift diff` on the sample Spacelift pair, GitHub's published versions and the
//! September 2026 edition pair (directive deprecation, `@oneOf`), in all four formats, with rules,
//! operations, `git:` sources, `--text`, and bad input.

use schemalift_tests::{corpus_arg, repo_root, run, schemalift, text};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

const OLD: &str = "schemas/spacelift/schema.graphql";
const NEW: &str = "schemas/spacelift/schema-next.graphql";

fn diff(args: &[&str]) -> Output {
    run("diff", args)
}

fn github(date: &str) -> String {
    // Relative to the repository root, where the tests run the binary, so snapshots are stable.
    corpus_arg(&format!("github/github-{date}.graphql"))
}

#[test]
fn spacelift_pair_in_every_format() {
    for format in ["text", "json", "markdown", "github"] {
        let out = diff(&["--format", format, OLD, NEW]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert_eq!(text(&out.stderr), "", "no warnings on valid schemas");
        insta::assert_snapshot!(format!("diff_spacelift_{format}"), text(&out.stdout));
    }
}

#[test]
fn json_is_what_the_docs_promise() {
    let out = diff(&["--format", "json", OLD, NEW]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["counts"]["breaking"], 8);
    let changes = json["changes"].as_array().unwrap();
    for change in changes {
        for key in [
            "kind",
            "criticality",
            "coordinate",
            "message",
            "reason",
            "old",
            "new",
            "file",
            "line",
            "rule",
        ] {
            assert!(change.get(key).is_some(), "{key} missing in {change}");
        }
        let unsafe_ = change["criticality"] != "safe";
        assert_eq!(change["reason"].is_string(), unsafe_, "{change}");
    }
    // Every breaking change intended by schemas/spacelift/CHANGES.md is found, at its coordinate.
    let breaking: Vec<&str> = changes
        .iter()
        .filter(|c| c["criticality"] == "breaking")
        .map(|c| c["coordinate"].as_str().unwrap())
        .collect();
    for coordinate in [
        "Mutation.contextCreate",
        "ConfigElement.checksum",
        "Mutation.runConfirm(run:)",
        "PolicyType.TERRAFORM_PLAN",
        "StackConfigVendor",
        "StackConfigVendorOpenTofu",
        "SpaceInput.inheritEntities",
        "Mutation.stackLock(lockNote:)",
    ] {
        assert!(breaking.contains(&coordinate), "{coordinate}: {breaking:?}");
    }
}

/// One small real pair (one breaking change) in every format, as snapshots; larger pairs are
/// checked by kind counts (`github_pairs_by_kind`), which a reviewer can read.
#[test]
fn github_adjacent_pair_in_every_format() {
    let (old, new) = ("2024-03-06", "2024-03-07");
    for format in ["text", "json", "markdown", "github"] {
        let out = diff(&["--format", format, &github(old), &github(new)]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        insta::assert_snapshot!(
            format!("diff_github_{old}_{new}_{format}"),
            text(&out.stdout)
        );
    }
}

/// `(criticality, kind) -> count` of `diff --format json OLD NEW`, one line each under the
/// pair's counts, and the counts themselves.
fn kinds(old: &str, new: &str) -> (String, serde_json::Value) {
    let out = diff(&["--format", "json", old, new]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        text(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut kinds: BTreeMap<(String, String), usize> = BTreeMap::new();
    for change in json["changes"].as_array().unwrap() {
        let key = (
            change["criticality"].as_str().unwrap().to_owned(),
            change["kind"].as_str().unwrap().to_owned(),
        );
        *kinds.entry(key).or_default() += 1;
    }
    let mut listing = String::new();
    for ((criticality, kind), n) in kinds {
        listing.push_str(&format!("  {criticality:9} {kind:30} {n}\n"));
    }
    (listing, json["counts"].clone())
}

/// Every human format (text, Markdown, GitHub annotations) reports the counts the JSON report
/// gives; `ci_formats` checks the machine formats.
pub(crate) fn assert_formats_agree(old: &str, new: &str, counts: &serde_json::Value) {
    let count = |c: &str| counts[c].as_u64().unwrap();
    let text_report = text(&diff(&["--format", "text", old, new]).stdout);
    let markdown = text(&diff(&["--format", "markdown", old, new]).stdout);
    let github = text(&diff(&["--format", "github", old, new]).stdout);
    for (criticality, title, mark, annotation) in [
        ("breaking", "Breaking", "✖", Some("::error ")),
        ("dangerous", "Dangerous", "⚠", Some("::warning ")),
        ("safe", "Safe", "✔", None),
    ] {
        let n = count(criticality);
        if n == 0 {
            continue;
        }
        assert!(
            text_report.contains(&format!("{title} ({n})")),
            "{title} ({n})"
        );
        assert!(
            markdown.contains(&format!("### {mark} {title} ({n})")),
            "{title} ({n})"
        );
        if let Some(command) = annotation {
            let shown = github.lines().filter(|l| l.starts_with(command)).count();
            assert_eq!(shown as u64, n, "{command}");
        }
    }
}

#[test]
fn github_newest_is_invalid_but_diffed_with_warnings() {
    let (old, new) = (github("2024-07-08"), github("2025-02-27"));
    let (listing, counts) = kinds(&old, &new);
    insta::assert_snapshot!("diff_github_newest_kinds", format!("{counts}\n{listing}"));
    assert_formats_agree(&old, &new, &counts);
    let out = diff(&[&old, &new]);
    insta::assert_snapshot!("diff_github_newest_warnings", text(&out.stderr));
    let strict = diff(&["--strict", &old, &new]);
    assert_eq!(strict.status.code(), Some(2));
    assert!(
        text(&strict.stderr).contains(&format!(
            "error: NEW {new} is not a valid schema (14 errors); refusing to diff it with --strict"
        )),
        "{}",
        text(&strict.stderr)
    );
    // A schema that breaks only rules newer than October 2021 is diffed even with --strict.
    let strict = diff(&["--strict", &old, &old]);
    assert_eq!(strict.status.code(), Some(0), "{}", text(&strict.stderr));
}

/// Changes per kind and criticality for the month-to-years pairs, whose full reports are too
/// long to review as snapshots.
#[test]
fn github_pairs_by_kind() {
    let mut all = String::new();
    for (old, new) in [
        ("2024-06-28", "2024-07-08"),
        ("2024-06-11", "2024-07-08"),
        ("2024-01-24", "2024-07-08"),
        ("2023-02-23", "2024-07-08"),
        ("2022-06-27", "2024-07-08"),
        ("2023-02-23", "2025-02-27"),
    ] {
        let (listing, counts) = kinds(&github(old), &github(new));
        all.push_str(&format!("{old} -> {new}: {counts}\n{listing}"));
        if old == "2024-06-28" {
            assert_formats_agree(&github(old), &github(new), &counts);
        }
    }
    insta::assert_snapshot!("diff_github_long_pairs", all);
}

#[test]
fn sdl_and_introspection_of_one_commit_differ_only_where_the_formats_do() {
    // The same schema in two formats: what remains are the things introspection cannot carry
    // (applied directives other than @deprecated); nothing breaking.
    let out = diff(&[
        "--format",
        "json",
        &corpus_arg("github/github-2021-10-01.graphql"),
        &corpus_arg("github/github-2021-10-01.json"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["counts"]["breaking"], 0, "{}", json["counts"]);
    assert_eq!(json["counts"]["dangerous"], 0, "{}", json["counts"]);
}

const EDITION_2026: &str = "schemas/edition-2026/schema.graphql";
const EDITION_2026_NEXT: &str = "schemas/edition-2026/schema-next.graphql";

/// The JSON changes of `diff OLD NEW` as (kind, criticality, coordinate, deprecated before
/// removal), in the report's order, and the changes themselves for their values.
fn json_changes(old: &str, new: &str) -> (Vec<(String, String, String, bool)>, serde_json::Value) {
    let out = diff(&["--format", "json", old, new]);
    assert_eq!(
        text(&out.stderr),
        "",
        "both sides are valid September 2026 schemas"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_owned(),
                c["criticality"].as_str().unwrap().to_owned(),
                c["coordinate"].as_str().unwrap().to_owned(),
                c["deprecated_before_removal"].as_bool().unwrap(),
            )
        })
        .collect();
    (found, json)
}

fn expect(rows: &[(&str, &str, &str, bool)]) -> Vec<(String, String, String, bool)> {
    rows.iter()
        .map(|(k, c, at, marked)| (k.to_string(), c.to_string(), at.to_string(), *marked))
        .collect()
}

/// The value of `key` in the change of `kind` at `coordinate`.
fn value<'a>(json: &'a serde_json::Value, kind: &str, coordinate: &str, key: &str) -> &'a str {
    json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind && c["coordinate"] == coordinate)
        .and_then(|c| c[key].as_str())
        .unwrap_or_else(|| panic!("{kind} {coordinate} has no {key}"))
}

#[test]
fn edition_2026_directive_deprecations_and_one_of() {
    let (found, json) = json_changes(EDITION_2026, EDITION_2026_NEXT);
    assert_eq!(
        found,
        expect(&[
            // Deprecated by `extend directive` in OLD, not at all in NEW.
            ("undeprecated", "safe", "@audited", false),
            ("deprecation-reason-changed", "safe", "@cached", false),
            ("deprecated", "safe", "@tag", false),
            ("directive-usage-added", "safe", "@tag", false),
            ("directive-added", "safe", "@traced", false),
            ("description-changed", "safe", "StackBy", false),
            ("one-of-removed", "dangerous", "StackBy", false),
        ])
    );
    assert_eq!(
        value(&json, "undeprecated", "@audited", "old"),
        "Every mutation is audited now."
    );
    assert_eq!(
        value(&json, "deprecation-reason-changed", "@cached", "old"),
        "Use `@cacheControl(maxAge:)`."
    );
    assert_eq!(
        value(&json, "deprecation-reason-changed", "@cached", "new"),
        "Use `@cacheControl(maxAge:)`; `@cached` goes in 2.0."
    );
    assert_eq!(
        value(&json, "deprecated", "@tag", "new"),
        "Owners are listed in the schema registry."
    );
    assert_eq!(
        value(&json, "directive-usage-added", "@tag", "new"),
        "@since(version: \"1.0\")"
    );
    assert!(value(&json, "one-of-removed", "StackBy", "reason").contains("exactly-one check"));
    // Directive changes point at the directive's line in NEW.
    let line = |kind: &str, at: &str| {
        json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == kind && c["coordinate"] == at)
            .map(|c| c["line"].clone())
            .unwrap()
    };
    let next = std::fs::read_to_string(repo_root().join(EDITION_2026_NEXT)).unwrap();
    let line_of = |prefix: &str| next.lines().position(|l| l.starts_with(prefix)).unwrap() + 1;
    assert_eq!(line("deprecated", "@tag"), line_of("directive @tag"));
    assert_eq!(
        line("undeprecated", "@audited"),
        line_of("directive @audited")
    );

    // Only a dangerous change: the default exit code passes, `--fail-on dangerous` fails.
    let code = |args: &[&str]| diff(args).status.code();
    assert_eq!(code(&[EDITION_2026, EDITION_2026_NEXT]), Some(0));
    assert_eq!(
        code(&["--fail-on", "dangerous", EDITION_2026, EDITION_2026_NEXT]),
        Some(1)
    );

    // The text report gives the reasons and says why dropping @oneOf is dangerous.
    let out = text(&diff(&[EDITION_2026, EDITION_2026_NEXT]).stdout);
    for line in [
        "✔ `@tag` was deprecated: Owners are listed in the schema registry.",
        "✔ `@audited` is no longer deprecated (was: Every mutation is audited now.)",
        "⚠ Input object `StackBy` is no longer @oneOf",
        "lose the exactly-one check",
    ] {
        assert!(out.contains(line), "{line:?} missing from:\n{out}");
    }
}

#[test]
fn edition_2026_the_other_way_removes_a_deprecated_directive_and_adds_one_of() {
    let (found, json) = json_changes(EDITION_2026_NEXT, EDITION_2026);
    assert_eq!(
        found,
        expect(&[
            // Deprecated again, by OLD's `extend directive`.
            ("deprecated", "safe", "@audited", false),
            ("deprecation-reason-changed", "safe", "@cached", false),
            ("undeprecated", "safe", "@tag", false),
            ("directive-usage-removed", "safe", "@tag", false),
            // @traced was deprecated before it went.
            ("directive-removed", "breaking", "@traced", true),
            ("description-changed", "safe", "StackBy", false),
            ("one-of-added", "breaking", "StackBy", false),
        ])
    );
    assert_eq!(
        value(&json, "deprecated", "@audited", "new"),
        "Every mutation is audited now."
    );
    assert_eq!(
        value(&json, "directive-removed", "@traced", "message"),
        "Directive `@traced` was removed (deprecated before removal)"
    );
    assert_eq!(
        diff(&[EDITION_2026_NEXT, EDITION_2026]).status.code(),
        Some(1)
    );
    // The `deprecated-removals` rule lowers a deprecated directive's removal like a field's.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("schemalift.toml");
    std::fs::write(&config, "[diff]\ndeprecated-removals = \"safe\"\n").unwrap();
    let out = diff(&[
        "--format",
        "json",
        "--config",
        config.to_str().unwrap(),
        EDITION_2026_NEXT,
        EDITION_2026,
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let traced = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["coordinate"] == "@traced")
        .unwrap();
    assert_eq!(traced["criticality"], "safe", "{traced}");
    assert!(traced["rule"].is_string(), "{traced}");
}

#[test]
fn fail_on_decides_the_exit_code() {
    let code = |args: &[&str]| diff(args).status.code();
    assert_eq!(code(&[OLD, OLD]), Some(0));
    assert_eq!(code(&[OLD, NEW]), Some(1));
    assert_eq!(code(&["--fail-on", "none", OLD, NEW]), Some(0));
    // Only a dangerous change: an enum value added.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.graphql"), dir.path().join("b.graphql"));
    std::fs::write(&a, "type Query { s: State }\nenum State { A }\n").unwrap();
    std::fs::write(&b, "type Query { s: State }\nenum State { A B }\n").unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    assert_eq!(code(&[a, b]), Some(0));
    assert_eq!(code(&["--fail-on", "dangerous", a, b]), Some(1));
    assert_eq!(code(&["--fail-on", "dangerous", b, a]), Some(1));
    let out = diff(&[OLD, OLD]);
    assert_eq!(
        text(&out.stdout),
        format!("No changes between {OLD} and {OLD}\n")
    );
}

#[test]
fn operations_tell_used_from_unused_breaking_changes() {
    let ops = "schemas/spacelift/operations/*.graphql";
    let out = diff(&["--ops", ops, OLD, NEW]);
    insta::assert_snapshot!("diff_spacelift_ops_text", text(&out.stdout));
    insta::assert_snapshot!("diff_spacelift_ops_stderr", text(&out.stderr));
    let json = diff(&["--ops", ops, "--format", "json", OLD, NEW]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let used = json["counts"]["used_breaking"].as_u64().unwrap();
    let breaking = json["counts"]["breaking"].as_u64().unwrap();
    assert!(
        used < breaking,
        "some breaking changes are unused: {used}/{breaking}"
    );
    for change in json["changes"].as_array().unwrap() {
        assert_eq!(
            change["used_by"].is_array(),
            change["criticality"] == "breaking",
            "{change}"
        );
    }
    // An operation written against OLD that selects a removed field fails validation against NEW.
    let dir = tempfile::tempdir().unwrap();
    let op = dir.path().join("uses-removed.graphql");
    std::fs::write(
        &op,
        "mutation Make($input: ContextInput!) {\n  contextCreate(input: $input) { id }\n}\n",
    )
    .unwrap();
    let out = diff(&[
        "--ops",
        op.to_str().unwrap(),
        "--fail-on",
        "used-breaking",
        OLD,
        NEW,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("uses-removed.graphql:2:3:"),
        "file:line:col of the broken selection: {stderr}"
    );
    assert!(text(&out.stdout).contains("uses-removed.graphql:1:1 Make"));
    // Unused breaking changes alone do not fail `--fail-on used-breaking`.
    let harmless = dir.path().join("harmless.graphql");
    std::fs::write(&harmless, "query { viewer { id } }\n").unwrap();
    let out = diff(&[
        "--ops",
        harmless.to_str().unwrap(),
        "--fail-on",
        "used-breaking",
        OLD,
        NEW,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

#[test]
fn rules_from_the_nearest_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("ci/check");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(
        dir.path().join("schemalift.toml"),
        r#"[diff]
ignore-descriptions = true
deprecated-removals = "dangerous"

[[diff.ignore]]
coordinate = "StackConfigVendor*"

[[diff.approve]]
kind = "field-type-changed"
coordinate = "ConfigElement.checksum"
reason = "announced in the March changelog"

[[diff.approve]]
kind = "input-field-type-changed"
coordinate = "SpaceInput.inheritEntities"

[[diff.approve]]
kind = "argument-type-changed"
coordinate = "Mutation.runConfirm(run:)"
"#,
    )
    .unwrap();
    let (old, new) = (repo_root().join(OLD), repo_root().join(NEW));
    let out = schemalift()
        .args(["diff", old.to_str().unwrap(), new.to_str().unwrap()])
        .current_dir(&nested)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "every break is lowered, ignored or approved: {}",
        text(&out.stdout)
    );
    let stdout = text(&out.stdout).replace(&*repo_root().to_string_lossy(), "<repo>");
    insta::assert_snapshot!("diff_spacelift_rules", stdout);
    // A broken rules file is an input error.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[diff]\nignore = [{ kind = \"no-such-kind\" }]\n").unwrap();
    let out = diff(&["--config", bad.to_str().unwrap(), OLD, NEW]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unknown change kind `no-such-kind`"),
        "{}",
        text(&out.stderr)
    );
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        text(&status.stderr)
    );
}

#[test]
fn git_sources_read_the_repository_in_the_current_directory() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    std::fs::copy(repo_root().join(OLD), dir.path().join("schema.graphql")).unwrap();
    git(dir.path(), &["add", "schema.graphql"]);
    git(dir.path(), &["commit", "-qm", "v1"]);
    std::fs::copy(repo_root().join(NEW), dir.path().join("schema.graphql")).unwrap();
    let out = schemalift()
        .args([
            "diff",
            "--format",
            "json",
            "git:HEAD:schema.graphql",
            "schema.graphql",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["counts"]["breaking"], 8);
    let bad = schemalift()
        .args(["diff", "git:no-such-rev:schema.graphql", "schema.graphql"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).starts_with("error: OLD git:no-such-rev:schema.graphql"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn text_prints_a_canonical_unified_diff() {
    let out = diff(&["--text", &github("2024-03-06"), &github("2024-03-07")]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("diff_github_2024-03-06_text_unified", text(&out.stdout));
}

#[test]
fn bad_input_is_a_clear_error_with_exit_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["no/such.graphql", NEW], "error: OLD no/such.graphql"),
        (
            &[OLD, "tests/fixtures/malformed.graphql"],
            "error: NEW tests/fixtures/malformed.graphql",
        ),
        (
            &[OLD, "tests/fixtures/truncated.json"],
            "error: NEW tests/fixtures/truncated.json",
        ),
        (
            &[OLD, "tests/fixtures/binary.graphql"],
            "error: NEW tests/fixtures/binary.graphql",
        ),
        (
            &["--fail-on", "used-breaking", OLD, NEW],
            "error: --fail-on used-breaking needs --ops",
        ),
        (
            &["--ops", "no/such/*.graphql", OLD, NEW],
            "error: --ops \"no/such/*.graphql\" matches no operation documents (.graphql or .gql files)",
        ),
        (
            &["--ops", "tests/fixtures/malformed.graphql", OLD, NEW],
            "error: tests/fixtures/malformed.graphql:",
        ),
        (
            &["--config", "no/such.toml", OLD, NEW],
            "error: cannot read no/such.toml",
        ),
    ];
    for (args, expected) in cases {
        let out = diff(args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        let last = stderr.lines().last().unwrap_or_default();
        assert!(last.starts_with(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn help_documents_the_exit_codes() {
    let out = diff(&["--help"]);
    let help = text(&out.stdout);
    for needle in [
        "Exit codes:",
        "0  nothing fails",
        "1  something does",
        "2  usage or input error",
        "git:REV:PATH",
    ] {
        assert!(help.contains(needle), "{needle}: {help}");
    }
}
