//! End-to-end: `schemalift convert` between SDL and introspection JSON, atomically.

use schemalift_tests::{corpus_arg, run, text};
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
    let sdl = names(&corpus_arg("github/github-2021-10-01.graphql"));
    let json = names(&corpus_arg("github/github-2021-10-01.json"));
    assert!(sdl.len() > 1000, "{}", sdl.len());
    assert_eq!(sdl, json);
}

#[cfg(unix)]
mod special_outputs {
    use schemalift_tests::{bin, repo_root, schemalift, text};
    use std::fs;
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;
    use std::time::Duration;

    const SCHEMA: &str = "schemas/spacelift/schema.graphql";

    fn convert_to(out: &std::path::Path) -> std::process::Output {
        schemalift()
            .args(["convert", SCHEMA, "-o"])
            .arg(out)
            .current_dir(repo_root())
            .output()
            .unwrap()
    }

    #[test]
    fn a_fifo_is_written_in_place_for_its_reader() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        assert!(Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let (sender, received) = std::sync::mpsc::channel();
        {
            let fifo = fifo.clone();
            std::thread::spawn(move || sender.send(fs::read_to_string(fifo).unwrap()));
        }
        let out = convert_to(&fifo);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(!fs::metadata(&fifo).unwrap().is_file(), "still a FIFO");
        let read = received.recv_timeout(Duration::from_secs(20)).unwrap();
        assert!(read.contains("type Query"), "the reader got the schema");
    }

    #[test]
    fn dev_null_and_dev_stdout_stay_what_they_are() {
        if !fs::read_to_string("/proc/self/status")
            .unwrap_or_default()
            .lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(2) == Some("0"))
        {
            eprintln!("notice: not root, so replacing /dev/null could not happen; skipped");
            return;
        }
        let out = convert_to(std::path::Path::new("/dev/null"));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(
            !fs::metadata("/dev/null").unwrap().is_file(),
            "/dev/null is a device"
        );
        let out = convert_to(std::path::Path::new("/dev/stdout"));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains("type Query"),
            "written to the pipe"
        );
    }

    #[test]
    fn a_symbolic_link_stays_a_link_and_its_target_gets_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/schema.graphql");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("schema.graphql");
        std::os::unix::fs::symlink("real/schema.graphql", &link).unwrap();
        let out = convert_to(&link);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(fs::read_to_string(&target).unwrap().contains("type Query"));
    }

    #[test]
    fn a_new_file_respects_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private.graphql");
        let out = Command::new("sh")
            .arg("-c")
            .arg("umask 077; exec \"$0\" convert \"$1\" -o \"$2\"")
            .arg(bin())
            .arg(SCHEMA)
            .arg(&path)
            .current_dir(repo_root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }
}
