//! End-to-end: one `schemalift.toml` for every command. A file that holds every section serves
//! `diff` and `codegen` alike, found the same way (upwards from the current directory, up to the
//! repository root); an unknown key is an error naming the file, line and column, whichever
//! command reads it.

use schemalift_tests::{sample, schemalift, text};
use std::path::Path;
use std::process::Output;

/// Every section the file knows today, each with something that shows its effect.
const EVERY_SECTION: &str = r#"# the rules of `schemalift diff`
[diff]
ignore-descriptions = true

[[diff.approve]]
kind = "field-type-changed"
coordinate = "ConfigElement.checksum"
reason = "announced in the March changelog"

# the scalar mappings of `schemalift codegen`
[codegen.scalars]
JSON = "unknown"

[codegen.typescript.scalars]
JSON = "Record<string, unknown>"

[codegen.python.scalars]
JSON = "dict[str, object]"

[codegen.go.scalars]
JSON = "map[string]any"
"#;

/// A repository (a directory with `.git`) with the file at its root and a sub-directory to run
/// from, inside a parent directory that may hold a file of its own.
struct Project {
    parent: tempfile::TempDir,
}

impl Project {
    fn new(config: &str) -> Project {
        let parent = tempfile::tempdir().expect("temp dir");
        let project = Project { parent };
        std::fs::create_dir_all(project.root().join(".git")).unwrap();
        std::fs::create_dir_all(project.root().join("ci/check")).unwrap();
        std::fs::write(project.root().join("schemalift.toml"), config).unwrap();
        project
    }

    fn root(&self) -> std::path::PathBuf {
        self.parent.path().join("repo")
    }

    /// `schemalift ARGS` from `repo/ci/check`.
    fn run(&self, args: &[&str]) -> Output {
        schemalift()
            .args(args)
            .current_dir(self.root().join("ci/check"))
            .output()
            .expect("run schemalift")
    }
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

fn diff_json(project: &Project) -> serde_json::Value {
    let (old, new) = (
        sample("spacelift/schema.graphql"),
        sample("spacelift/schema-next.graphql"),
    );
    let out = project.run(&["diff", "--format", "json", &path(&old), &path(&new)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON report")
}

fn codegen(project: &Project, lang: &str) -> Output {
    let out = project.root().join("out").join(lang);
    project.run(&[
        "codegen",
        &path(&sample("spacelift/schema.graphql")),
        "--lang",
        lang,
        "--ops",
        &path(&sample("spacelift/operations")),
        // Operations that reach the `JSON` scalar.
        "--ops",
        &path(&schemalift_tests::repo_root().join("tests/codegen/spacelift")),
        "-o",
        &path(&out),
    ])
}

#[test]
fn a_file_with_every_section_serves_diff_and_codegen() {
    let project = Project::new(EVERY_SECTION);
    let config = project.root().join("schemalift.toml");

    let json = diff_json(&project);
    assert_eq!(json["rules_file"], path(&config), "the file found upwards");
    let approved = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["coordinate"] == "ConfigElement.checksum")
        .expect("the approved change is listed");
    assert_eq!(approved["criticality"], "safe", "{approved}");
    assert!(
        json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| !c["kind"].as_str().unwrap().contains("description")),
        "ignore-descriptions applied"
    );
    let ignored = json["ignored"].as_array().expect("ignored changes listed");
    assert_eq!(
        ignored
            .iter()
            .filter(|c| c["kind"].as_str().unwrap().starts_with("description-"))
            .count(),
        6,
        "the six description changes of the sample are ignored: {ignored:?}"
    );

    for (lang, file, expected) in [
        (
            "typescript",
            "schema.ts",
            "export type JSON = Record<string, unknown>;",
        ),
        ("python", "schema.py", "dict[str, object]"),
        ("go", "schema.go", "map[string]any"),
    ] {
        let out = codegen(&project, lang);
        let stderr = text(&out.stderr);
        assert!(out.status.success(), "codegen {lang}: {stderr}");
        assert!(
            !stderr.contains("warning"),
            "JSON is mapped by the file, no warning: {stderr}"
        );
        let generated =
            std::fs::read_to_string(project.root().join("out").join(lang).join(file)).unwrap();
        assert!(generated.contains(expected), "{lang}: {generated}");
    }
}

#[test]
fn an_unknown_key_is_an_error_with_its_file_and_line_for_every_command() {
    let project =
        Project::new("[diff]\nignore-descriptions = true\n\n[codegen]\nlanguage = \"go\"\n");
    let config = project.root().join("schemalift.toml");
    let expected = format!(
        "error: {}:5:1: unknown field `language`, expected one of `scalars`, `typescript`, `python`, `go`\n",
        config.display()
    );
    let diff = project.run(&[
        "diff",
        &path(&sample("spacelift/schema.graphql")),
        &path(&sample("spacelift/schema-next.graphql")),
    ]);
    assert_eq!(diff.status.code(), Some(2));
    assert_eq!(text(&diff.stderr), expected);
    let generated = codegen(&project, "go");
    assert_eq!(generated.status.code(), Some(2));
    assert_eq!(text(&generated.stderr), expected);

    // An unknown section too.
    std::fs::write(&config, "[diff]\n\n[lint]\nrules = []\n").unwrap();
    let out = codegen(&project, "typescript");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: {}:3:2: unknown field `lint`, expected `diff` or `codegen`\n",
            config.display()
        )
    );
}

#[test]
fn a_file_above_the_repository_root_is_not_read() {
    let project = Project::new("");
    std::fs::remove_file(project.root().join("schemalift.toml")).unwrap();
    // Above the repository: a file that would break every command if it were read.
    std::fs::write(project.parent.path().join("schemalift.toml"), "[bogus]\n").unwrap();
    let json = diff_json(&project);
    assert!(json["rules_file"].is_null(), "{}", json["rules_file"]);
    let out = codegen(&project, "typescript");
    assert!(out.status.success(), "{}", text(&out.stderr));
}
