//! End-to-end: `schemalift changelog OLD NEW` renders the diff as release notes whose links land
//! on the right pages and anchors of the new version's docs.

use crate::docs_support;

use docs_support::{broken_links, links, tree};
use schemalift_tests::{corpus, run, text};

const OLD: &str = "schemas/spacelift/schema.graphql";
const NEW: &str = "schemas/spacelift/schema-next.graphql";

#[test]
fn sample_release_notes_match_their_snapshot() {
    let out = run("changelog", &[OLD, NEW]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("changelog_sample", text(&out.stdout));
}

/// Docs of NEW in a directory, the changelog beside them, every link checked.
fn assert_links_resolve(old: &str, new: &str, min_links: usize) {
    let dir = tempfile::tempdir().unwrap();
    let docs = run(
        "docs",
        &[new, "-o", dir.path().to_str().unwrap(), "--allow-invalid"],
    );
    assert_eq!(docs.status.code(), Some(0), "{}", text(&docs.stderr));
    let notes = dir.path().join("CHANGELOG.md");
    let out = run("changelog", &[old, new, "-o", notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let files = tree(dir.path());
    let changelog = &files["CHANGELOG.md"];
    assert!(
        links(changelog).len() >= min_links,
        "{} links:\n{changelog}",
        links(changelog).len()
    );
    let (broken, _) = broken_links(&files);
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn every_link_of_the_sample_changelog_lands_in_the_new_docs() {
    assert_links_resolve(OLD, NEW, 25);
}

#[test]
fn every_link_of_a_github_changelog_lands_in_the_new_docs() {
    let old = corpus("github/github-2024-06-11.graphql");
    let new = corpus("github/github-2024-07-08.graphql");
    assert_links_resolve(old.to_str().unwrap(), new.to_str().unwrap(), 100);
}

#[test]
fn docs_url_prefixes_every_link() {
    let out = run(
        "changelog",
        &[OLD, NEW, "--docs-url", "https://example.com/api"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let notes = text(&out.stdout);
    let all = links(&notes);
    assert!(!all.is_empty());
    assert!(
        all.iter()
            .all(|l| l.starts_with("https://example.com/api/")),
        "{all:?}"
    );
}

#[test]
fn identical_schemas_have_no_changes_and_a_bad_one_is_exit_2() {
    let out = run("changelog", &[OLD, OLD]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("0 breaking, 0 dangerous and 0 safe changes.\n\nNo changes.\n")
    );
    let out = run("changelog", &[OLD, "tests/fixtures/malformed.graphql"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr)
        .lines()
        .last()
        .unwrap()
        .starts_with("error: "));
}
