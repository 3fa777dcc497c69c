//! End-to-end: `schemalift convert` between SDL and introspection JSON, atomically.

use schemalift_tests::{run, text};
use std::process::Output;

fn convert(args: &[&str]) -> Output {
    run("convert", args)
}

#[test]
fn merged_files_print_as_one_sorted_schema() {
    let out = convert(&["--sort", "tests/fixtures/split"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("split_sorted", text(&out.stdout));
}

#[test]
fn json_output_is_a_full_introspection_answer() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("schema.json");
    let out = convert(&["tests/fixtures/split", "-o", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let answer: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let schema = &answer["data"]["__schema"];
    assert_eq!(schema["queryType"]["name"], "Query");
    let run_state = schema["types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "RunState")
        .unwrap();
    let pending = &run_state["enumValues"][2];
    assert_eq!(pending["isDeprecated"], true);
    assert_eq!(pending["deprecationReason"], "Use QUEUED.");
    // And back: the same schema.
    let back = convert(&[json.to_str().unwrap()]);
    let again = convert(&["tests/fixtures/split"]);
    assert_eq!(text(&back.stdout), text(&again.stdout));
}

#[test]
fn a_failed_conversion_leaves_the_existing_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.graphql");
    std::fs::write(&out_path, "precious").unwrap();
    let out = convert(&[
        "tests/fixtures/malformed.graphql",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "precious");
    let out = convert(&[
        "tests/fixtures/duplicate.graphql",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).lines().last().unwrap().starts_with(
        "error: tests/fixtures/duplicate.graphql is not a valid schema (1 error); see `schemalift validate`"
    ));
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "precious");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary files left"
    );
}

#[test]
fn github_sdl_and_json_of_the_same_commit_have_the_same_types() {
    // GitHub's two endpoints wrap descriptions differently, so compare the type names.
    let names = |file: &str| -> Vec<String> {
        let out = convert(&["--sort", file]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stderr));
        text(&out.stdout)
            .lines()
            .filter(|l| {
                !l.starts_with(' ') && l.ends_with('{')
                    || l.starts_with("scalar ")
                    || l.starts_with("union ")
            })
            .map(|l| l.split(['(', '@', '=']).next().unwrap().trim().to_owned())
            .collect()
    };
    let sdl = names("../shared/corpus/github/github-2021-10-01.graphql");
    let json = names("../shared/corpus/github/github-2021-10-01.json");
    assert!(sdl.len() > 1000, "{}", sdl.len());
    assert_eq!(sdl, json);
}
