//! Support for the end-to-end tests in `tests/tests/*.rs`: where the real `schemalift` binary is,
//! where the repository's samples and the vendored corpus are.
//!
//! The tests run the binary as a user does, so they need it built: `bin()` builds it once per test
//! executable with the same profile (a no-op when it is up to date).

pub mod external;
pub mod server;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The repository root (the workspace directory).
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
}

/// A file under the repository's `schemas/` folder.
pub fn sample(relative: &str) -> PathBuf {
    repo_root().join("schemas").join(relative)
}

/// The corpus of real public schemas, vendored in `tests/corpus/` (its location is defined once,
/// by the `schemalift-corpus` crate).
pub fn corpus_dir() -> PathBuf {
    schemalift_corpus::dir().to_path_buf()
}

/// A file of the corpus, e.g. `corpus("github/github-2024-07-08.graphql")`.
pub fn corpus(relative: &str) -> PathBuf {
    schemalift_corpus::file(relative)
}

/// A file of the corpus as the tests pass it to the binary, relative to the repository root
/// (the tests' current directory), e.g. `tests/corpus/github/github-2024-07-08.graphql`: the form
/// the binary prints back in its messages.
pub fn corpus_arg(relative: &str) -> String {
    let path = corpus(relative);
    path.strip_prefix(repo_root())
        .expect("the corpus is inside the repository")
        .to_str()
        .expect("UTF-8 corpus path")
        .to_owned()
}

/// The path of the `schemalift` binary of the current build profile, built on first use.
pub fn bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        // Test executables live in target/<profile>/deps/; the binary in target/<profile>/.
        let exe = std::env::current_exe().expect("current test executable");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("target/<profile>/deps");
        let bin = profile_dir.join(format!("schemalift{}", std::env::consts::EXE_SUFFIX));
        let release = profile_dir.file_name().is_some_and(|n| n == "release");
        // `--workspace` resolves features as `cargo test --workspace` does for normal
        // dependencies, so this reuses the artifacts already built instead of compiling again.
        let mut build = Command::new(env!("CARGO"));
        build.args(["build", "--quiet", "--workspace", "--bins"]);
        if release {
            build.arg("--release");
        }
        let status = build
            .current_dir(repo_root())
            .status()
            .expect("run cargo build");
        assert!(status.success(), "cargo build --workspace --bins failed");
        bin
    })
}

/// A `Command` for the binary with a clean, deterministic environment: no colour, no user cache.
pub fn schemalift() -> Command {
    let mut cmd = Command::new(bin());
    cmd.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    // Credentials, TLS files and spacectl's profile from the machine running the tests must not
    // reach the binary: a test that wants them sets them.
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(|n| n.starts_with("SPACELIFT_")) {
            cmd.env_remove(name);
        }
    }
    cmd.env_remove("SSL_CERT_FILE").env(
        "SPACELIFT_CONFIG_DIR",
        repo_root().join("target/no-spacectl-profile"),
    );
    cmd
}

/// Run `schemalift SUBCOMMAND ARGS...` in the repository root and wait for it.
pub fn run(subcommand: &str, args: &[&str]) -> std::process::Output {
    schemalift()
        .arg(subcommand)
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run schemalift")
}

/// Output bytes as text, for assertions and snapshots.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
