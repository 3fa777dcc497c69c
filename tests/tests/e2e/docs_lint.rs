//! The rendered docs against the tools that consume them: markdownlint (npm `markdownlint-cli`)
//! lints the pages of the sample and of every API in the corpus, and mdBook builds the `--mdbook`
//! variant into a site whose every page exists.
//!
//! Outside CI a missing tool skips its test with a notice; in CI (the `CI` variable set) the tools
//! must be installed (see the README's test section) and a missing one fails.

use schemalift_tests::{corpus, run, text};
use std::path::Path;
use std::process::Command;

/// Whether `tool --version` runs; when it does not, fail in CI and skip elsewhere with a notice.
fn available(tool: &str, install: &str) -> bool {
    let found = Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{tool} is not installed, and CI must run this test: {install}"
        );
        eprintln!("SKIPPED: {tool} is not installed ({install})");
    }
    found
}

/// The rules the pages are held to: markdownlint's defaults, except line length (descriptions
/// are the schema's own text, one paragraph a line), inline HTML other than the anchors and line
/// breaks the pages use and the inline elements schema authors write in descriptions (passed
/// through as written), and headings repeated under different parents (every type has "Fields").
const CONFIG: &str = r#"{
  "default": true,
  "MD013": false,
  "MD033": { "allowed_elements": ["a", "br", "em", "strong", "code", "blockquote"] },
  "MD024": { "siblings_only": true }
}"#;

fn lint(schema: &str, extra: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("docs");
    let mut args = vec![schema, "-o", out_dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = run("docs", &args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let config = dir.path().join("markdownlint.json");
    std::fs::write(&config, CONFIG).unwrap();
    let lint = Command::new("markdownlint")
        .arg("--config")
        .arg(&config)
        .arg(&out_dir)
        .output()
        .expect("run markdownlint");
    let report = text(&lint.stderr) + &text(&lint.stdout);
    assert!(
        lint.status.success(),
        "{schema} {extra:?}: markdownlint found {} problems:\n{}",
        report.lines().count(),
        report.lines().take(30).collect::<Vec<_>>().join("\n")
    );
}

const MARKDOWNLINT: &str = "npm install -g markdownlint-cli@0.47.0";

#[test]
#[ignore = "needs markdownlint: CI installs it and runs ignored tests"]
fn the_sample_docs_pass_markdownlint_in_every_layout() {
    if !available("markdownlint", MARKDOWNLINT) {
        return;
    }
    let sample = "schemas/spacelift/schema.graphql";
    lint(sample, &[]);
    lint(sample, &["--single-file"]);
    lint(sample, &["--front-matter", "docusaurus"]);
    lint(sample, &["--mdbook"]);
}

/// The newest SDL of every API in the corpus: each writes its descriptions differently
/// (Saleor's lists right under a sentence, Braintree's regular expressions and HTML, quoted
/// URLs).
#[test]
#[ignore = "needs markdownlint: CI installs it and runs ignored tests"]
fn every_corpus_apis_docs_pass_markdownlint() {
    if !available("markdownlint", MARKDOWNLINT) {
        return;
    }
    for schema in [
        "github/github-2024-07-08.graphql",
        "saleor/saleor-2026-08-19.graphql",
        "artsy/artsy-2026-08-20.graphql",
        "braintree/braintree-2025-04-29.graphql",
        "linear/linear-2026-07-22.graphql",
        "shopify/storefront-2025-07.json",
    ] {
        lint(corpus(schema).to_str().unwrap(), &[]);
    }
}

#[test]
#[ignore = "needs mdbook: CI installs it and runs ignored tests"]
fn mdbook_builds_the_sample_into_a_site() {
    if !available("mdbook", "cargo install mdbook --locked --version 0.5.4") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        "docs",
        &[
            "schemas/spacelift/schema.graphql",
            "-o",
            dir.path().to_str().unwrap(),
            "--mdbook",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let build = Command::new("mdbook")
        .arg("build")
        .arg(dir.path())
        .output()
        .expect("run mdbook");
    assert!(
        build.status.success(),
        "mdbook build failed:\n{}",
        text(&build.stderr)
    );
    let site = dir.path().join("book");
    for page in [
        "index.html",
        "queries.html",
        "objects/Stack.html",
        "enums/RunState.html",
    ] {
        assert!(site.join(page).is_file(), "no {page} in the site");
    }
    // mdBook turned the pages' links into links between HTML pages.
    let stack = std::fs::read_to_string(site.join("objects/Stack.html")).unwrap();
    assert!(
        stack.contains("href=\"../objects/Run.html\""),
        "no link to Run"
    );
    assert!(
        stack.contains("id=\"field-runs\""),
        "no anchor of the runs field"
    );
    assert!(
        !Path::new(&site.join("book")).exists(),
        "the site is not inside itself"
    );
}
