//! The end-to-end tests: one test binary (one link, not one per file) that runs the real
//! `schemalift` binary as a user does, one module per command or concern. The helpers they
//! share (running the binary, scratch directories, the corpus, the test server, the external
//! tools and servers) are the `schemalift_tests` library (`tests/lib.rs`).
//!
//! Tests that need a tool outside Rust (node and the pinned npm packages, python, tsc, mypy,
//! go, markdownlint, mdbook) or take minutes are `#[ignore]`d with the reason: a plain
//! `cargo test` lists them as ignored; CI installs the tools and runs them
//! (`scripts/test.sh` passes `--include-ignored` when `CI` is set).

mod ci_formats;
mod clone;
mod closed_pipe;
mod codegen;
mod colour;
mod config;
mod convert;
mod diff;
mod docs;
mod docs_changelog;
mod docs_links;
mod docs_lint;
mod docs_support;
mod fetch;
mod graphql_config;
mod mutations;
mod notify;
mod real_servers;
mod servers;
mod url_sources;
mod validate;
mod walkthrough;
