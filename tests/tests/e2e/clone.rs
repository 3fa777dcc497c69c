//! The repository stands on its own: `git clone` of the current HEAD into an empty temporary
//! folder, with nothing beside it, passes the corpus tests there (the corpus crate's own check,
//! the model's round trip of every schema and the diff properties, which read every vendored
//! schema). A test that read a file beside the repository rather than in it would fail here.
//!
//! The clone builds into a target directory of its own (`<target>/plain-clone`, kept between
//! runs): sharing this build's would let the clone's crates, which cargo hashes by their path
//! inside the workspace, replace this checkout's with ones that point into the deleted clone.
//! It takes minutes on two cores the first time: ignored in a plain `cargo test`, run by CI
//! (`scripts/test.sh` passes `--include-ignored` when `CI` is set).

use schemalift_tests::{repo_root, text};
use std::path::{Path, PathBuf};
use std::process::Command;

/// This build's target directory and profile, from the test executable's path
/// (`<target>/<profile>/deps/<test>`).
fn target_and_profile() -> (PathBuf, String) {
    let exe = std::env::current_exe().expect("current test executable");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("<target>/<profile>/deps");
    let profile = profile_dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("profile directory name")
        .to_owned();
    let target = profile_dir.parent().expect("<target>").to_path_buf();
    (target, profile)
}

#[test]
#[ignore = "clones the repository and builds its corpus tests there (minutes): CI runs ignored tests"]
fn a_plain_clone_passes_its_corpus_tests() {
    let scratch = tempfile::tempdir().expect("temp dir");
    let clone = scratch.path().join("schemalift");
    let out = Command::new("git")
        .args(["clone", "--quiet", "--no-hardlinks"])
        .arg(repo_root())
        .arg(&clone)
        .output()
        .expect("run git clone");
    assert!(out.status.success(), "git clone: {}", text(&out.stderr));
    // Nothing beside the clone: the folder holds the clone only.
    let beside: Vec<_> = std::fs::read_dir(scratch.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, ["schemalift"]);
    assert!(clone.join("tests/corpus/github/README.md").is_file());

    let (target, profile) = target_and_profile();
    let mut test = Command::new(env!("CARGO"));
    test.current_dir(&clone)
        .env("CARGO_TARGET_DIR", target.join("plain-clone"))
        .env_remove("SCHEMALIFT_CORPUS")
        .args([
            "test",
            "--quiet",
            "-p",
            "schemalift-corpus",
            "-p",
            "schemalift-model",
            "-p",
            "schemalift-check",
            "--test",
            "round_trip",
            "--test",
            "properties",
            "--lib",
        ]);
    if profile == "release" {
        test.arg("--release");
    }
    let out = test.output().expect("run cargo test in the clone");
    assert!(
        out.status.success(),
        "the corpus tests fail in a plain clone:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}
