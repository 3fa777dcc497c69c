#!/usr/bin/env bash
# The test command of the README: formatting, lints, and every test of the workspace. Tests that
# need a tool outside Rust (node and npm packages, python, tsc, mypy, go, markdownlint, mdbook)
# or take minutes (the plain clone) are #[ignore]d with the reason; CI (`CI` set, as .ci/run does
# after installing the tools) runs them too.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace -- ${CI:+--include-ignored}
