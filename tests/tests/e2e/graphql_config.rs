//! graphql-config end to end: `validate`, `docs`, `codegen` and `diff` run with no SCHEMA or
//! `--ops` in the repositories of `tests/fixtures/graphql-config/` (a single-project
//! `.graphqlrc.yml`, a two-project `graphql.config.yaml`, a `package.json` with a `graphql` key and
//! a broken `.graphqlrc`), which point at the sample Spacelift schemas and operations. Each result
//! is compared with the same command given its arguments explicitly.

use schemalift_tests::{repo_root, schemalift, text};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The sample schemas and operations as the fixtures' files name them (four levels up).
const OLD: &str = "../../../../schemas/spacelift/schema.graphql";
const NEW: &str = "../../../../schemas/spacelift/schema-next.graphql";
const OPS: &str = "../../../../schemas/spacelift/operations/*.graphql";

fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures/graphql-config").join(name)
}

/// Run the binary in `dir`, as a user in that directory of their repository would.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    schemalift()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run schemalift")
}

fn stdout(output: &Output) -> String {
    text(&output.stdout)
}

fn stderr(output: &Output) -> String {
    text(&output.stderr)
}

#[test]
fn validate_without_schema_reads_the_graphqlrc() {
    let output = run_in(&fixture("single"), &["validate"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{OLD}: valid schema, 79 types\n"));
    assert_eq!(stderr(&output), "using schema from .graphqlrc.yml\n");

    // From a directory below, the file is found above, and paths stay relative to where the
    // command runs.
    let output = run_in(&fixture("single/src"), &["validate", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "using schema from ../.graphqlrc.yml\n");
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["schema"], format!("../{OLD}"));
    assert_eq!(report["valid"], true);
}

#[test]
fn package_json_s_graphql_key_is_a_config() {
    let output = run_in(&fixture("package-json"), &["validate"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{NEW}: valid schema, 82 types\n"));
    assert_eq!(stderr(&output), "using schema from package.json\n");
}

#[test]
fn docs_without_schema_documents_the_config_s_schema() {
    let out = tempfile::tempdir().unwrap();
    let from_config = out.path().join("config");
    let explicit = out.path().join("explicit");
    let dir = fixture("package-json");
    let output = run_in(&dir, &["docs", "-o", from_config.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("using schema from package.json\nwrote "),
        "{}",
        stderr(&output)
    );
    let output = run_in(&dir, &["docs", NEW, "-o", explicit.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let readme = |dir: &Path| std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert_eq!(readme(&from_config), readme(&explicit));
}

#[test]
fn projects_are_chosen_with_project() {
    let dir = fixture("multi");
    let output = run_in(&dir, &["validate", "--project", "next"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), format!("{NEW}: valid schema, 82 types\n"));
    assert_eq!(
        stderr(&output),
        "using schema from graphql.config.yaml (project next)\n"
    );
    let output = run_in(&dir, &["validate", "--project", "app"]);
    assert_eq!(stdout(&output), format!("{OLD}: valid schema, 79 types\n"));

    // No `default` project: the names to choose from.
    let output = run_in(&dir, &["validate"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "error: graphql.config.yaml has several projects and none named `default`: choose one with --project NAME (app, next)\n"
    );
}

#[test]
fn an_unknown_project_is_an_error_naming_the_projects() {
    let dir = fixture("multi");
    let expected = "error: graphql.config.yaml has no project `web`; its projects: app, next\n";
    for args in [
        &["validate", "--project", "web"][..],
        &[
            "codegen",
            "--lang",
            "go",
            "-o",
            "unused",
            "--project",
            "web",
        ],
        &["diff", OLD, NEW, "--project", "web"],
    ] {
        let output = run_in(&dir, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&output), expected, "{args:?}");
        assert!(!dir.join("unused").exists());
    }
    // A file without `projects` has one project, `default`.
    let output = run_in(&fixture("single"), &["validate", "--project", "app"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: .graphqlrc.yml has no project `app`; its projects: default\n"
    );
}

#[test]
fn codegen_takes_the_schema_and_documents_as_ops() {
    let out = tempfile::tempdir().unwrap();
    let (from_config, explicit) = (out.path().join("config"), out.path().join("explicit"));
    let dir = fixture("single");
    let output = run_in(
        &dir,
        &[
            "codegen",
            "--lang",
            "typescript",
            "-o",
            from_config.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let messages = stderr(&output);
    assert!(
        messages.contains("warning: .graphqlrc.yml: documents src/**/*.tsx skipped: schemalift reads operations from .graphql and .gql files only\n"),
        "{messages}"
    );
    assert!(
        messages.contains(
            "using schema and documents from .graphqlrc.yml\nwrote 12 files for 8 operations into "
        ),
        "{messages}"
    );
    let stack_details = std::fs::read_to_string(from_config.join("StackDetails.ts")).unwrap();
    assert!(
        stack_details.contains("export async function stackDetails("),
        "{stack_details}"
    );
    assert!(from_config.join("Viewer.ts").is_file());

    // The same files as with the arguments given.
    let output = run_in(
        &dir,
        &[
            "codegen",
            OLD,
            "--ops",
            OPS,
            "--lang",
            "typescript",
            "-o",
            explicit.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for name in ["StackDetails.ts", "Viewer.ts", "schema.ts", "index.ts"] {
        let read = |dir: &Path| std::fs::read_to_string(dir.join(name)).unwrap();
        assert_eq!(read(&from_config), read(&explicit), "{name}");
    }
}

#[test]
fn codegen_with_a_project_uses_its_documents() {
    let out = tempfile::tempdir().unwrap();
    let output = run_in(
        &fixture("multi"),
        &[
            "codegen",
            "--lang",
            "python",
            "--project",
            "app",
            "-o",
            out.path().to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("using schema and documents from graphql.config.yaml (project app)\nwrote 7 files for 2 operations into "),
        "{}",
        stderr(&output)
    );
    assert!(out.path().join("stack_details.py").is_file());
    assert!(out.path().join("search_stacks.py").is_file());
    assert!(!out.path().join("viewer.py").exists());
}

#[test]
fn diff_takes_the_documents_as_ops() {
    let dir = fixture("single");
    let from_config = run_in(&dir, &["diff", OLD, NEW]);
    let explicit = run_in(&dir, &["diff", OLD, NEW, "--ops", OPS]);
    assert_eq!(from_config.status.code(), Some(1));
    assert_eq!(explicit.status.code(), Some(1));
    assert_eq!(stdout(&from_config), stdout(&explicit));
    let report = stdout(&from_config);
    assert!(
        report.contains("breaks: ../../../../schemas/spacelift/operations/StackDetails.graphql:2:1 StackDetails"),
        "{report}"
    );
    assert!(
        report.contains("breaking, unused by your operations"),
        "{report}"
    );
    let messages = stderr(&from_config);
    assert!(
        messages.contains("using documents from .graphqlrc.yml\n"),
        "{messages}"
    );
    assert!(
        messages.contains("error: operation does not validate against NEW: ../../../../schemas/spacelift/operations/ConfirmRun.graphql:3:29:"),
        "{messages}"
    );

    // `--fail-on used-breaking` counts the config's operations too.
    let json = run_in(
        &dir,
        &[
            "diff",
            OLD,
            NEW,
            "--format",
            "json",
            "--fail-on",
            "used-breaking",
        ],
    );
    assert_eq!(json.status.code(), Some(1), "{}", stderr(&json));
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert!(json.to_string().contains("StackDetails"), "{json}");
}

#[test]
fn diff_with_a_project_uses_its_documents_and_goes_on_without_one() {
    let dir = fixture("multi");
    let app = run_in(
        &dir,
        &["diff", OLD, NEW, "--project", "app", "--format", "json"],
    );
    let explicit = run_in(
        &dir,
        &[
            "diff",
            OLD,
            NEW,
            "--ops",
            "../../../../schemas/spacelift/operations/StackDetails.graphql",
            "--ops",
            "../../../../schemas/spacelift/operations/SearchStacks.graphql",
            "--format",
            "json",
        ],
    );
    assert_eq!(stdout(&app), stdout(&explicit));
    assert!(
        stderr(&app).starts_with("using documents from graphql.config.yaml (project app)\n"),
        "{}",
        stderr(&app)
    );
    // Viewer.graphql is excluded from `next` with `!`: ConfirmRun still fails to validate.
    let next = run_in(&dir, &["diff", OLD, NEW, "--project", "next"]);
    assert!(
        !stderr(&next).contains("Viewer.graphql"),
        "{}",
        stderr(&next)
    );
    assert!(
        stderr(&next).contains("ConfirmRun.graphql"),
        "{}",
        stderr(&next)
    );

    // Without --project, operations are optional to diff: a warning, and the plain diff.
    let plain = run_in(&dir, &["diff", OLD, NEW]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(
        stderr(&plain).starts_with("warning: graphql.config.yaml has several projects and none named `default`: choose one with --project NAME (app, next); going on without operations\n"),
        "{}",
        stderr(&plain)
    );
    assert!(!stdout(&plain).contains("unused by your operations"));
}

#[test]
fn a_broken_config_is_one_located_error() {
    let output = run_in(&fixture("bad-yaml"), &["validate"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "error: .graphqlrc:4:2: while parsing a block mapping, did not find expected key\n"
    );
}

#[test]
fn without_schema_or_config_the_error_says_what_to_give() {
    // The fixtures' own folder has no config, nor has any folder above it up to the repository.
    let dir = repo_root().join("tests/fixtures/graphql-config");
    let output = run_in(&dir, &["validate"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "error: no SCHEMA given and no graphql-config (.graphqlrc…, graphql.config.…, package.json \"graphql\") found in {} or above it\n",
            dir.display()
        )
    );
    let output = run_in(&dir, &["codegen", OLD, "--lang", "go", "-o", "unused"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: no --ops given and no graphql-config"),
        "{}",
        stderr(&output)
    );
    // diff needs none.
    let output = run_in(&dir, &["diff", &OLD[3..], &NEW[3..]]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}
