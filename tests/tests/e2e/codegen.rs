//! `schemalift codegen` end to end: snapshots of the generated Spacelift and September 2026
//! edition clients, the generated code type-checked by each language's own strict checker (tsc,
//! mypy, go vet + go build) for the Spacelift sample, the September 2026 sample (`@oneOf` inputs
//! that reject two keys, empty selection sets, descriptions) and realistic operations against
//! GitHub's schema, and the errors users meet.
//!
//! The type-check tests need the toolchains (see `Toolchain`). Without one they print a notice
//! and pass, unless the environment variable CI is set: in CI a missing toolchain fails.

use schemalift_tests::{corpus, repo_root, schemalift};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const LANGUAGES: [&str; 3] = ["typescript", "python", "go"];
const SPACELIFT_SCHEMA: &str = "schemas/spacelift/schema.graphql";
const SPACELIFT_OPS: &str = "schemas/spacelift/operations";
/// Operations written for codegen that reach what the bundled ones do not.
const SPACELIFT_EXTRA_OPS: &str = "tests/codegen/spacelift";
const GITHUB_SCHEMA: &str = "github/github-2024-07-08.graphql";
/// A September 2026 schema with a `@oneOf` input, and operations with descriptions on
/// operations, fragments and variables and an empty selection set.
const EDITION_2026_SCHEMA: &str = "schemas/edition-2026/schema.graphql";
const EDITION_2026_OPS: &str = "schemas/edition-2026/operations";

/// Run `schemalift codegen` from the repository root (so paths in headers are relative).
fn codegen(args: &[&str]) -> Output {
    schemalift()
        .current_dir(repo_root())
        .arg("codegen")
        .args(args)
        .output()
        .expect("run schemalift")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Generate a client and insist it worked.
fn generate(lang: &str, schema: &str, ops: &str, out: &Path, extra: &[&str]) -> String {
    let out_arg = out.display().to_string();
    let mut args = vec![schema, "--lang", lang, "--ops", ops, "-o", out_arg.as_str()];
    if ops == SPACELIFT_OPS {
        args.extend(["--ops", SPACELIFT_EXTRA_OPS]);
    }
    args.extend_from_slice(extra);
    let output = codegen(&args);
    assert!(
        output.status.success(),
        "codegen {lang} failed: {}",
        stderr(&output)
    );
    stderr(&output)
}

/// Every generated file of a directory, in name order, as one text for a snapshot.
fn concatenated(dir: &Path) -> String {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read output")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    names.sort();
    let mut text = String::new();
    for path in names {
        let name = path.file_name().expect("name").to_string_lossy();
        let contents = std::fs::read_to_string(&path).expect("read generated file");
        text.push_str(&format!("=== {name} ===\n{contents}\n"));
    }
    text
}

#[test]
fn spacelift_clients_match_their_snapshots() {
    for lang in LANGUAGES {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("spacelift");
        let log = generate(lang, SPACELIFT_SCHEMA, SPACELIFT_OPS, &out, &[]);
        assert!(log.contains("for 12 operations"), "{log}");
        // The sample's JSON scalar is not mapped: a warning, and the JSON value type.
        assert!(log.contains("warning: custom scalar JSON has no"), "{log}");
        insta::assert_snapshot!(format!("codegen_spacelift_{lang}"), concatenated(&out));
    }
}

#[test]
fn output_is_deterministic_and_stale_files_are_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("client");
    generate("go", SPACELIFT_SCHEMA, SPACELIFT_OPS, &out, &[]);
    let first = concatenated(&out);
    generate("go", SPACELIFT_SCHEMA, SPACELIFT_OPS, &out, &[]);
    assert_eq!(first, concatenated(&out), "same input, same bytes");

    // One operation only: the other operations' files go, the user's own file stays.
    std::fs::write(out.join("extra.go"), "package client\n").expect("write user file");
    let one = format!("{SPACELIFT_OPS}/Viewer.graphql");
    let log = generate("go", SPACELIFT_SCHEMA, &one, &out, &[]);
    assert!(log.contains("removed"), "{log}");
    assert!(!out.join("stack_details.go").exists());
    assert!(out.join("viewer.go").exists());
    assert!(out.join("extra.go").exists());
}

#[test]
fn scalar_mappings_come_from_flags_and_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("schemalift.toml");
    std::fs::write(
        &config,
        "[codegen.typescript.scalars]\nJSON = \"Record<string, unknown>\"\n",
    )
    .expect("write config");
    let out = dir.path().join("ts");
    let config_arg = config.display().to_string();
    let log = generate(
        "typescript",
        SPACELIFT_SCHEMA,
        SPACELIFT_OPS,
        &out,
        &["--config", &config_arg],
    );
    assert!(
        !log.contains("warning"),
        "mapped scalars do not warn: {log}"
    );
    let schema = std::fs::read_to_string(out.join("schema.ts")).expect("schema.ts");
    assert!(
        schema.contains("export type JSON = Record<string, unknown>;"),
        "{schema}"
    );

    let out = dir.path().join("go");
    generate(
        "go",
        SPACELIFT_SCHEMA,
        SPACELIFT_OPS,
        &out,
        &["--scalar", "JSON=map[string]any"],
    );
    let schema = std::fs::read_to_string(out.join("schema.go")).expect("schema.go");
    assert!(schema.contains("type JSON = map[string]any"), "{schema}");
}

#[test]
fn invalid_operations_are_reported_at_file_line_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ops = dir.path().join("ops");
    std::fs::create_dir(&ops).expect("mkdir");
    std::fs::write(
        ops.join("Bad.graphql"),
        "query Bad {\n  viewer {\n    id\n    nope\n  }\n}\n",
    )
    .expect("write");
    let ops_arg = ops.display().to_string();
    let out = dir.path().join("out").display().to_string();
    let output = codegen(&[
        SPACELIFT_SCHEMA,
        "--lang",
        "go",
        "--ops",
        &ops_arg,
        "-o",
        &out,
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    let position = format!("{}:4:5:", ops.join("Bad.graphql").display());
    assert!(err.contains(&position), "{err}");
    assert!(err.contains("nope"), "{err}");
    assert!(!Path::new(&out).exists(), "nothing is written");
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out").display().to_string();
    let nothing = dir.path().join("*.graphql").display().to_string();
    let output = codegen(&[
        SPACELIFT_SCHEMA,
        "--lang",
        "python",
        "--ops",
        &nothing,
        "-o",
        &out,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("matches no operation documents"),
        "{}",
        stderr(&output)
    );

    let output = codegen(&[
        SPACELIFT_SCHEMA,
        "--lang",
        "go",
        "--ops",
        SPACELIFT_OPS,
        "-o",
        &out,
        "--scalar",
        "JSON",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("expected Name=type"),
        "{}",
        stderr(&output)
    );

    let output = codegen(&[
        SPACELIFT_SCHEMA,
        "--lang",
        "cobol",
        "--ops",
        SPACELIFT_OPS,
        "-o",
        &out,
    ]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn templates_can_be_overridden_and_errors_name_the_template_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    // Override one template, extending the built-in one to add a banner.
    std::fs::write(
        templates.join("index.ts.jinja"),
        "// Our banner\n{% include \"builtin/index.ts.jinja\" %}",
    )
    .expect("write override");
    let out = dir.path().join("ts");
    let templates_arg = templates.display().to_string();
    generate(
        "typescript",
        SPACELIFT_SCHEMA,
        SPACELIFT_OPS,
        &out,
        &["--templates", &templates_arg],
    );
    let index = std::fs::read_to_string(out.join("index.ts")).expect("index.ts");
    assert!(index.starts_with("// Our banner\n"), "{index}");
    assert!(
        index.contains("export * from \"./StackDetails.js\";"),
        "{index}"
    );

    std::fs::write(
        templates.join("schema.ts.jinja"),
        "line one\n{{ view.no_such_thing.at_all }}\n",
    )
    .expect("write broken override");
    let out = dir.path().join("broken").display().to_string();
    let output = codegen(&[
        SPACELIFT_SCHEMA,
        "--lang",
        "typescript",
        "--ops",
        SPACELIFT_OPS,
        "-o",
        &out,
        "--templates",
        &templates_arg,
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("schema.ts.jinja line 2"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// A toolchain the type-check tests need, and where to find it.
struct Toolchain {
    /// The program, e.g. `tsc`.
    program: &'static str,
    /// An environment variable that may name it.
    env: &'static str,
    /// Where `.ci/run` installs it, relative to the repository root.
    installed: &'static str,
}

const TSC: Toolchain = Toolchain {
    program: "tsc",
    env: "SCHEMALIFT_TSC",
    installed: "target/codegen-tools/node_modules/.bin/tsc",
};
const MYPY: Toolchain = Toolchain {
    program: "mypy",
    env: "SCHEMALIFT_MYPY",
    installed: "",
};
const GO: Toolchain = Toolchain {
    program: "go",
    env: "SCHEMALIFT_GO",
    installed: "",
};

impl Toolchain {
    /// The program's path, or `None` (with a notice) when it is missing outside CI.
    fn find(&self) -> Option<PathBuf> {
        let candidates = std::env::var_os(self.env)
            .map(PathBuf::from)
            .into_iter()
            .chain((!self.installed.is_empty()).then(|| repo_root().join(self.installed)))
            .chain(std::env::var_os("PATH").into_iter().flat_map(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(self.program))
                    .collect::<Vec<_>>()
            }));
        for candidate in candidates {
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is required in CI (see .ci/run)",
            self.program
        );
        eprintln!(
            "notice: {} not found (set {} or install it): skipping this type check",
            self.program, self.env
        );
        None
    }
}

fn run_checked(mut command: Command, what: &str) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("run {what}: {e}"));
    assert!(
        output.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn copy(from: &Path, to: &Path) {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
}

/// The GitHub operations written for these tests, against the newest valid GitHub SDL.
fn github_args() -> (String, String) {
    (
        corpus(GITHUB_SCHEMA).display().to_string(),
        repo_root()
            .join("tests/codegen/github")
            .display()
            .to_string(),
    )
}

/// `--scalar` flags for GitHub's date and commit ID scalars: a type of the target language.
fn github_scalars(string_type: &str) -> [String; 4] {
    [
        "--scalar".to_owned(),
        format!("DateTime={string_type}"),
        "--scalar".to_owned(),
        format!("GitObjectID={string_type}"),
    ]
}

fn github_generate(lang: &str, string_type: &str, out: &Path) {
    let (schema, ops) = github_args();
    let scalars = github_scalars(string_type);
    let extra: Vec<&str> = scalars.iter().map(String::as_str).collect();
    let log = generate(lang, &schema, &ops, out, &extra);
    // URI is left unmapped on purpose: it falls back to the JSON value type, with a warning.
    assert!(log.contains("warning: custom scalar URI has no"), "{log}");
}

#[test]
#[ignore = "needs tsc: CI installs it and runs ignored tests"]
fn typescript_type_checks_strictly() {
    let Some(tsc) = TSC.find() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let scaffold = repo_root().join("tests/codegen/typescript");
    copy(&scaffold.join("tsconfig.json"), &root.join("tsconfig.json"));
    copy(
        &scaffold.join("use_spacelift.ts"),
        &root.join("use_spacelift.ts"),
    );
    generate(
        "typescript",
        SPACELIFT_SCHEMA,
        SPACELIFT_OPS,
        &root.join("spacelift"),
        &[],
    );
    github_generate("typescript", "string", &root.join("github"));
    let mut command = Command::new(tsc);
    command
        .current_dir(root)
        .args(["--noEmit", "-p", "tsconfig.json"]);
    run_checked(command, "tsc --strict --noEmit");
}

#[test]
#[ignore = "needs mypy: CI installs it and runs ignored tests"]
fn python_type_checks_strictly() {
    let Some(mypy) = MYPY.find() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    copy(
        &repo_root().join("tests/codegen/python/use_spacelift.py"),
        &root.join("use_spacelift.py"),
    );
    generate(
        "python",
        SPACELIFT_SCHEMA,
        SPACELIFT_OPS,
        &root.join("spacelift"),
        &[],
    );
    github_generate("python", "str", &root.join("github"));
    let mut command = Command::new(mypy);
    command
        .current_dir(root)
        .env("MYPY_CACHE_DIR", root.join(".mypy_cache"))
        .args([
            "--strict",
            "--no-incremental",
            "use_spacelift.py",
            "spacelift",
            "github",
        ]);
    run_checked(command, "mypy --strict");
}

#[test]
#[ignore = "needs go: CI installs it and runs ignored tests"]
fn go_vets_and_builds() {
    let Some(go) = GO.find() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(
        root.join("go.mod"),
        "module example.com/codegen\n\ngo 1.19\n",
    )
    .expect("go.mod");
    copy(
        &repo_root().join("tests/codegen/go/use/main.go"),
        &root.join("use/main.go"),
    );
    generate(
        "go",
        SPACELIFT_SCHEMA,
        SPACELIFT_OPS,
        &root.join("spacelift"),
        &[],
    );
    github_generate("go", "string", &root.join("github"));
    for args in [&["vet", "./..."][..], &["build", "./..."][..]] {
        let mut command = Command::new(&go);
        command
            .current_dir(root)
            .args(args)
            // Standard library only: nothing to download.
            .env("GOPROXY", "off")
            .env("GOFLAGS", "-mod=mod");
        run_checked(command, &format!("go {}", args[0]));
    }
    // gofmt-clean, like hand-written Go.
    let gofmt = go.with_file_name("gofmt");
    if gofmt.is_file() {
        let output = Command::new(gofmt)
            .current_dir(root)
            .args(["-l", "spacelift", "github"])
            .output()
            .expect("run gofmt");
        assert!(
            output.stdout.is_empty(),
            "not gofmt-clean: {}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

/// The end-to-end client run: generate from the e2e operations into `root/e2eclient`, start the
/// test server with one API key, run `command` (which gets ENDPOINT KEY_ID SECRET appended) and
/// check the typed result it prints.
fn run_against_server(lang: &str, root: &Path, command: Command) {
    const KEY_ID: &str = "01HKEY";
    const SECRET: &str = "s3cret";
    generate(
        lang,
        SPACELIFT_SCHEMA,
        "tests/codegen/e2e",
        &root.join("e2eclient"),
        &[],
    );
    let sdl = std::fs::read_to_string(repo_root().join(SPACELIFT_SCHEMA)).expect("sample schema");
    let mut config = schemalift_tests::server::Config::new(&sdl);
    config.api_keys = vec![(KEY_ID.to_owned(), SECRET.to_owned())];
    let server = schemalift_tests::server::start_with(config);
    let mut command = command;
    command.args([server.url.as_str(), KEY_ID, SECRET]);
    let output = command.output().expect("run the generated client");
    assert!(
        output.status.success(),
        "{lang} client failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let result: serde_json::Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("{lang} client printed {stdout:?}: {e}"));
    assert_eq!(result["viewer"], format!("api::{KEY_ID}"), "{result}");
    assert!(
        result["validUntil"]
            .as_i64()
            .is_some_and(|t| t > 1_700_000_000),
        "{result}"
    );
    assert_eq!(result["wrong"], "unauthorized", "{result}");
    assert_eq!(server.exchanges(), 1, "one successful exchange");
    let viewer_requests: Vec<_> = server
        .seen()
        .into_iter()
        .filter(|seen| seen.kind == "viewer")
        .collect();
    assert_eq!(viewer_requests.len(), 1);
    let authorization = viewer_requests[0]
        .header("authorization")
        .unwrap_or_default();
    assert!(authorization.starts_with("Bearer ey"), "{authorization}");
}

#[test]
fn python_client_talks_to_the_test_server() {
    let Some(python) = PYTHON.find() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    copy(
        &repo_root().join("tests/codegen/python/e2e.py"),
        &root.join("e2e.py"),
    );
    let mut command = Command::new(python);
    command.current_dir(root).arg("e2e.py");
    run_against_server("python", root, command);
}

#[test]
#[ignore = "needs go: CI installs it and runs ignored tests"]
fn go_client_talks_to_the_test_server() {
    let Some(go) = GO.find() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(
        root.join("go.mod"),
        "module example.com/codegen\n\ngo 1.19\n",
    )
    .expect("go.mod");
    copy(
        &repo_root().join("tests/codegen/go/e2e/main.go"),
        &root.join("e2e/main.go"),
    );
    let mut command = Command::new(go);
    command
        .current_dir(root)
        .env("GOPROXY", "off")
        .env("GOFLAGS", "-mod=mod")
        .args(["run", "./e2e"]);
    run_against_server("go", root, command);
}

#[test]
#[ignore = "needs tsc: CI installs it and runs ignored tests"]
fn typescript_client_talks_to_the_test_server() {
    let Some(tsc) = TSC.find() else { return };
    let Some(node) = NODE.find() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let scaffold = repo_root().join("tests/codegen/typescript");
    copy(&scaffold.join("tsconfig.json"), &root.join("tsconfig.json"));
    copy(&scaffold.join("e2e.ts"), &root.join("e2e.ts"));
    // Node runs the compiled output as ES modules.
    std::fs::write(root.join("package.json"), "{ \"type\": \"module\" }\n").expect("package.json");
    // Generate first so that tsc compiles the client with the script.
    generate(
        "typescript",
        SPACELIFT_SCHEMA,
        "tests/codegen/e2e",
        &root.join("e2eclient"),
        &[],
    );
    let mut compile = Command::new(tsc);
    compile.current_dir(root).args(["-p", "tsconfig.json"]);
    run_checked(compile, "tsc");
    let mut command = Command::new(node);
    command.current_dir(root).arg("out/e2e.js");
    run_against_server("typescript", root, command);
}

const PYTHON: Toolchain = Toolchain {
    program: "python3",
    env: "SCHEMALIFT_PYTHON",
    installed: "",
};
const NODE: Toolchain = Toolchain {
    program: "node",
    env: "SCHEMALIFT_NODE",
    installed: "",
};

/// `--scalar DateTime=TYPE` for the September 2026 sample.
fn edition_2026_generate(lang: &str, string_type: &str, out: &Path) {
    let scalar = format!("DateTime={string_type}");
    let log = generate(
        lang,
        EDITION_2026_SCHEMA,
        EDITION_2026_OPS,
        out,
        &["--scalar", &scalar],
    );
    assert!(log.contains("for 3 operations"), "{log}");
    assert!(!log.contains("warning"), "{log}");
}

#[test]
fn edition_2026_clients_match_their_snapshots() {
    for (lang, string_type) in [
        ("typescript", "string"),
        ("python", "str"),
        ("go", "string"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("edition2026");
        edition_2026_generate(lang, string_type, &out);
        let text = concatenated(&out);
        // The text sent keeps the empty selection sets and leaves the descriptions out.
        assert!(
            text.contains("  stack(by: $by) {}\n  node(id: $node) {}\n"),
            "{text}"
        );
        assert!(!text.contains("\"The stack to look for.\" $by"), "{text}");
        // Each description is documentation: operation, fragment and variable.
        for description in [
            "Fetch one stack by exactly one of its keys, with its latest runs.",
            "The fields every view of a stack shows.",
            "The stack to look for.",
        ] {
            assert!(text.contains(description), "{lang}: {description}");
        }
        insta::assert_snapshot!(format!("codegen_edition_2026_{lang}"), text);
    }
}

#[test]
#[ignore = "needs tsc: CI installs it and runs ignored tests"]
fn edition_2026_typescript_type_checks_and_one_of_rejects_two_keys() {
    let Some(tsc) = TSC.find() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let scaffold = repo_root().join("tests/codegen/typescript");
    copy(&scaffold.join("tsconfig.json"), &root.join("tsconfig.json"));
    // Its `@ts-expect-error` lines fail the check unless StackBy rejects two keys, no key and
    // a null key, and the empty selection's type rejects a key.
    copy(
        &scaffold.join("use_edition_2026.ts"),
        &root.join("use_edition_2026.ts"),
    );
    edition_2026_generate("typescript", "string", &root.join("edition2026"));
    let mut command = Command::new(tsc);
    command
        .current_dir(root)
        .args(["--noEmit", "-p", "tsconfig.json"]);
    run_checked(command, "tsc --strict --noEmit");
}

#[test]
#[ignore = "needs mypy: CI installs it and runs ignored tests"]
fn edition_2026_python_type_checks_and_one_of_rejects_two_keys() {
    let Some(mypy) = MYPY.find() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    // --strict reports unused `type: ignore` comments: the script's mark the errors mypy must
    // find (two keys, no key, a None key, a key in the empty selection's type).
    copy(
        &repo_root().join("tests/codegen/python/use_edition_2026.py"),
        &root.join("use_edition_2026.py"),
    );
    edition_2026_generate("python", "str", &root.join("edition2026"));
    let mut command = Command::new(mypy);
    command
        .current_dir(root)
        .env("MYPY_CACHE_DIR", root.join(".mypy_cache"))
        .args([
            "--strict",
            "--no-incremental",
            "use_edition_2026.py",
            "edition2026",
        ]);
    run_checked(command, "mypy --strict");
}

#[test]
#[ignore = "needs go: CI installs it and runs ignored tests"]
fn edition_2026_go_vets_builds_and_one_of_validates() {
    let Some(go) = GO.find() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(
        root.join("go.mod"),
        "module example.com/codegen\n\ngo 1.19\n",
    )
    .expect("go.mod");
    let package = root.join("edition2026");
    edition_2026_generate("go", "string", &package);
    // Validate must refuse zero and two fields, and an operation given such a value must fail
    // before sending it.
    copy(
        &repo_root().join("tests/codegen/go/edition2026/oneof_test.go"),
        &package.join("oneof_test.go"),
    );
    for args in [
        &["vet", "./..."][..],
        &["build", "./..."][..],
        &["test", "-count=1", "./..."][..],
    ] {
        let mut command = Command::new(&go);
        command
            .current_dir(root)
            .args(args)
            .env("GOPROXY", "off")
            .env("GOFLAGS", "-mod=mod");
        run_checked(command, &format!("go {}", args[0]));
    }
    let gofmt = go.with_file_name("gofmt");
    if gofmt.is_file() {
        let output = Command::new(gofmt)
            .current_dir(root)
            .args(["-l", "edition2026"])
            .output()
            .expect("run gofmt");
        assert!(
            output.stdout.is_empty(),
            "not gofmt-clean: {}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

/// Operations named like a keyword or like a runtime file in another case: every file name is
/// unique whatever its case (macOS and Windows file systems fold case, and tsc refuses
/// `Client.ts` beside `client.ts`), and Python can import every module.
#[test]
fn file_names_are_unique_whatever_their_case_and_importable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ops = dir.path().join("ops.graphql");
    std::fs::write(
        &ops,
        "query Client { viewer { id } }\nquery Class { viewer { id } }\nquery client2 { viewer { id } }\n",
    )
    .unwrap();
    let ops = ops.display().to_string();
    for lang in ["typescript", "python", "go"] {
        let out = dir.path().join(lang);
        generate(lang, SPACELIFT_SCHEMA, &ops, &out, &[]);
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_lowercase())
            .collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "{lang}: {names:?}");
    }
    // `from .class import …` would be a SyntaxError: the package must import.
    let python = Command::new("python3")
        .current_dir(dir.path())
        .args(["-c", "import python"])
        .output()
        .expect("python3 runs");
    assert!(
        python.status.success(),
        "{}",
        String::from_utf8_lossy(&python.stderr)
    );
}

/// Fragments that each spread the next one twice (once directly, once in an inline fragment)
/// describe 2^30 paths to one field: each (fragment, runtime type) is expanded once, so this
/// finishes at once instead of running for minutes and taking gigabytes.
#[test]
fn fragment_fan_out_is_expanded_once_per_fragment() {
    const DEPTH: usize = 30;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut document = String::from("query FanOut { viewer { ...F0 } }\n");
    for i in 0..DEPTH {
        let next = i + 1;
        document.push_str(&format!(
            "fragment F{i} on Viewer {{ ...F{next} ... on Viewer {{ ...F{next} }} }}\n"
        ));
    }
    document.push_str(&format!("fragment F{DEPTH} on Viewer {{ id }}\n"));
    let ops = dir.path().join("fan-out.graphql");
    std::fs::write(&ops, document).unwrap();
    let out = dir.path().join("out");
    assert!(codegen_finishes("typescript", &ops, &out).success());
    let fragments = std::fs::read_to_string(out.join("fragments.ts")).unwrap();
    assert!(fragments.contains("F30"), "{fragments}");
}

/// Run codegen on the sample schema and `ops`, killed after a minute. A guard, not a timing:
/// an exponential or quadratic walk over a large input never ends in any time a test can wait.
fn codegen_finishes(lang: &str, ops: &Path, out: &Path) -> std::process::ExitStatus {
    let mut child = schemalift()
        .current_dir(repo_root())
        .args(["codegen", SPACELIFT_SCHEMA, "--lang", lang, "--ops"])
        .arg(ops)
        .arg("-o")
        .arg(out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().ok();
            panic!("codegen of {} did not finish", ops.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Large clients have thousands of operations: 5,000 of them went over a minute when every
/// operation file serialized the whole view again; now the work grows with the count.
#[test]
fn thousands_of_operations_take_linear_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ops = dir.path().join("many.graphql");
    let document: String = (0..5000)
        .map(|i| format!("query Op{i}($id: ID!) {{ stack(id: $id) {{ id name }} }}\n"))
        .collect();
    std::fs::write(&ops, document).unwrap();
    let out = dir.path().join("out");
    assert!(codegen_finishes("python", &ops, &out).success());
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        5004 + 1,
        "5,000 modules, 4 shared files and the marker"
    );
}
