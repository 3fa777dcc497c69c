//! End-to-end: every command that prints to stdout stops quietly when the reader of its output
//! has gone away (`schemalift diff A B | head -1`): exit status 0 (ripgrep's convention, handled
//! once in `crates/cli/src/main.rs`), no panic, no "Broken pipe" on stderr.
//!
//! Each case runs the binary with a stdout pipe whose read end is already closed, so the first
//! write fails whatever the output's size; one more case reads a few bytes of a large output
//! first, as `head -c 10` does.

use schemalift_tests::{corpus_arg, schemalift, server, text};
use std::io::Read;
use std::process::{Command, Output, Stdio};

const OLD: &str = "schemas/spacelift/schema.graphql";
const NEW: &str = "schemas/spacelift/schema-next.graphql";

/// A stdout for the child whose reader is gone before the child starts.
fn closed_stdout() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    writer.into()
}

/// `schemalift ARGS` in the repository root with a closed stdout and an empty token cache.
fn run_closed(args: &[&str], cache: &std::path::Path) -> Output {
    let mut cmd: Command = schemalift();
    cmd.args(args)
        .current_dir(schemalift_tests::repo_root())
        .env("SCHEMALIFT_CACHE_DIR", cache)
        .stdin(Stdio::null())
        .stdout(closed_stdout())
        .stderr(Stdio::piped());
    cmd.output().expect("run schemalift")
}

fn assert_quiet(args: &[&str], out: &Output) {
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.to_lowercase().contains("broken pipe"),
        "schemalift {args:?} with a closed stdout wrote: {stderr}"
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "schemalift {args:?} with a closed stdout: status {:?}, stderr: {stderr}",
        out.status
    );
}

#[test]
fn every_command_that_prints_stops_quietly_on_a_closed_stdout() {
    let cache = tempfile::tempdir().expect("temp dir");
    let cases: &[&[&str]] = &[
        &["validate", OLD],
        &["validate", "--format", "json", OLD],
        // Invalid: the JSON report goes to stdout, and the broken pipe wins over status 1.
        &[
            "validate",
            "--format",
            "json",
            "tests/fixtures/unknown-type.graphql",
        ],
        &["convert", OLD],
        &["convert", "--to", "json", OLD],
        &["diff", OLD, NEW],
        &["diff", "--format", "json", OLD, NEW],
        &["diff", "--format", "markdown", OLD, NEW],
        &["diff", "--format", "github", OLD, NEW],
        &["diff", "--text", OLD, NEW],
        &["changelog", OLD, NEW],
        &["auth", "status"],
        &["auth", "logout"],
        &["--help"],
        &["--version"],
    ];
    for args in cases {
        assert_quiet(args, &run_closed(args, cache.path()));
    }
}

#[test]
fn fetch_to_stdout_stops_quietly_on_a_closed_stdout() {
    let sdl = std::fs::read_to_string(schemalift_tests::sample("spacelift/schema.graphql"))
        .expect("sample schema");
    let server = server::start(&sdl);
    let cache = tempfile::tempdir().expect("temp dir");
    for args in [
        &["fetch", server.url.as_str()][..],
        &["fetch", server.url.as_str(), "--format", "json"][..],
    ] {
        assert_quiet(args, &run_closed(args, cache.path()));
    }
    assert!(server.requests() >= 2, "the fetches reached the server");
}

/// `schemalift convert GITHUB --to json | head -c 10`: 5 MB of JSON, the reader leaves after ten
/// bytes.
#[test]
fn a_reader_that_leaves_early_stops_a_large_output_quietly() {
    let github = corpus_arg("github/github-2024-07-08.graphql");
    let args = ["convert", "--to", "json", github.as_str()];
    let mut child = schemalift()
        .args(args)
        .current_dir(schemalift_tests::repo_root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run schemalift");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).expect("the first ten bytes");
    assert_eq!(&first[..1], b"{");
    drop(stdout);
    let out = child.wait_with_output().expect("wait for schemalift");
    assert_quiet(&args, &out);
}

/// A write error other than a closed pipe is still an error: `/dev/full` (no space left).
#[cfg(target_os = "linux")]
#[test]
fn other_write_errors_still_fail() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = schemalift()
        .args(["convert", OLD])
        .current_dir(schemalift_tests::repo_root())
        .stdout(full)
        .output()
        .expect("run schemalift");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
}
