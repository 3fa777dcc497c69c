//! End-to-end: `schemalift docs` on the bundled Spacelift sample: snapshots of the pages, links,
//! determinism, the output directory rules, template overrides and broken templates, and the
//! single-file, front-matter and mdBook variants; and on the September 2026 sample: deprecated
//! directives, directives applied to directive definitions, `@oneOf`.

use crate::docs_support;

use docs_support::{broken_links, tree};
use schemalift_tests::{run, sample, text};
use std::path::Path;
use std::process::Output;

const SAMPLE: &str = "schemas/spacelift/schema.graphql";

fn docs(args: &[&str]) -> Output {
    run("docs", args)
}

/// Render the sample into `dir` with extra flags; panics with stderr when it fails.
fn render(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec![SAMPLE, "-o", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = docs(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    out
}

#[test]
fn sample_pages_match_their_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let out = render(dir.path(), &[]);
    let files = tree(dir.path());
    assert_eq!(
        text(&out.stderr),
        format!(
            "wrote {} files to {}\n",
            files.len() - 1,
            dir.path().display()
        )
    );
    let listing: Vec<&str> = files.keys().map(String::as_str).collect();
    insta::assert_snapshot!("sample_listing", listing.join("\n"));
    for page in [
        "README.md",
        "queries.md",
        "objects.md",
        "objects/Stack.md",
        "objects/StackConfigVendorTerraform.md",
        "interfaces/Node.md",
        "unions/StackConfigVendor.md",
        "enums/RunState.md",
        "inputs/StackInput.md",
        "inputs/StackRef.md",
        "scalars/JSON.md",
        "directives/beta.md",
    ] {
        let name = format!("sample_{}", page.trim_end_matches(".md").replace('/', "_"));
        insta::assert_snapshot!(name, files[page]);
    }
}

const EDITION_2026: &str = "schemas/edition-2026/schema.graphql";

/// The September 2026 sample rendered with `extra` flags: every file by path.
fn render_2026(extra: &[&str]) -> std::collections::BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![EDITION_2026, "-o", dir.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = docs(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    tree(dir.path())
}

#[test]
fn edition_2026_deprecated_directives_are_struck_through_with_their_reason() {
    let files = render_2026(&[]);
    for page in [
        "directives.md",
        "directives/cached.md",
        "directives/audited.md",
        "directives/cacheControl.md",
        "inputs/StackBy.md",
    ] {
        let name = format!(
            "edition_2026_{}",
            page.trim_end_matches(".md").replace('/', "_")
        );
        insta::assert_snapshot!(name, files[page]);
    }
    // Not deprecated: a plain heading and no notice.
    let tag = &files["directives/tag.md"];
    assert!(tag.starts_with("# @tag\n"), "{tag}");
    assert!(!tag.contains("Deprecated"), "{tag}");
    // The index counts the two deprecated directives with the other deprecated elements.
    let deprecated_elements = |index: &str| {
        let (before, _) = index.split_once(" deprecated elements.").unwrap();
        before.rsplit(' ').next().unwrap().parse::<usize>().unwrap()
    };
    assert_eq!(deprecated_elements(&files["README.md"]), 7);
    let (broken, _) = broken_links(&files);
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn edition_2026_single_file_and_front_matter() {
    let files = render_2026(&["--single-file"]);
    let page = &files["README.md"];
    for line in [
        "### <a id=\"directive-cached\"></a>~~`@cached`~~",
        "**Deprecated:** Use `@cacheControl(maxAge:)`.",
        "### <a id=\"directive-audited\"></a>~~`@audited`~~",
        "**Deprecated:** Every mutation is audited now.",
        "### <a id=\"directive-cacheControl\"></a>`@cacheControl`",
        "Directives: `@since(version: \"1.2\")`",
        "Exactly one of the fields must be given (`@oneOf`).",
    ] {
        assert!(page.contains(line), "{line:?} missing from:\n{page}");
    }
    let (broken, _) = broken_links(&files);
    assert!(broken.is_empty(), "{broken:#?}");
    // Front matter keeps the plain title; only the heading is struck through.
    let files = render_2026(&["--front-matter", "docusaurus"]);
    let cached = &files["directives/cached.md"];
    assert!(
        cached.starts_with("---\nsidebar_label: \"@cached\"\n---\n\n# ~~@cached~~\n"),
        "{cached}"
    );
}

#[test]
fn every_link_and_anchor_of_the_sample_resolves_in_every_layout() {
    for extra in [
        &[][..],
        &["--single-file"],
        &["--mdbook"],
        &["--front-matter", "hugo"],
    ] {
        let dir = tempfile::tempdir().unwrap();
        render(dir.path(), extra);
        let files = tree(dir.path());
        let (broken, checked) = broken_links(&files);
        assert!(broken.is_empty(), "{extra:?}: {broken:#?}");
        assert!(checked > 500, "{extra:?}: only {checked} links");
    }
}

#[test]
fn output_is_deterministic() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    render(a.path(), &[]);
    render(b.path(), &[]);
    assert_eq!(tree(a.path()), tree(b.path()));
    // And a rerun into the same directory changes nothing.
    let before = tree(a.path());
    render(a.path(), &[]);
    assert_eq!(tree(a.path()), before);
}

#[test]
fn a_rerun_removes_pages_of_types_that_are_gone_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("schema.graphql");
    let out = dir.path().join("docs");
    let sdl = std::fs::read_to_string(sample("spacelift/schema.graphql")).unwrap();
    std::fs::write(&schema, &sdl).unwrap();
    let args = [schema.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let first = docs(&args);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(out.join("objects/StackOutput.md").exists());
    std::fs::write(out.join("my-notes.md"), "kept").unwrap();

    // The next version of the schema renames StackOutput.
    let without = sdl.replace("StackOutput", "StackOutputGone");
    std::fs::write(&schema, without).unwrap();
    let second = docs(&args);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    assert!(
        text(&second.stderr).contains("removed 1 stale page"),
        "{}",
        text(&second.stderr)
    );
    assert!(!out.join("objects/StackOutput.md").exists());
    assert!(out.join("objects/StackOutputGone.md").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("my-notes.md")).unwrap(),
        "kept"
    );
}

#[test]
fn a_directory_schemalift_did_not_write_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "my project").unwrap();
    let out = docs(&[SAMPLE, "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: ")
            && stderr.contains("README.md exists and was not written by schemalift docs"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(tree(dir.path()).len(), 1, "nothing written");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "my project"
    );
}

#[test]
fn a_template_override_replaces_the_builtin_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    // Replace one block of the built-in type page; the rest stays built-in.
    std::fs::write(
        templates.join("type.md.jinja"),
        "{% extends \"builtin/type.md.jinja\" %}\n{% block breadcrumb %}\nKind: {{ type.kind }}; {{ type.fields | length }} fields.\n\n{% endblock %}\n",
    )
    .unwrap();
    // And the index page entirely.
    std::fs::write(
        templates.join("index.md.jinja"),
        "# {{ schema.counts.types }} types\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    render(&out, &["--templates", templates.to_str().unwrap()]);
    let files = tree(&out);
    assert_eq!(files["README.md"], "# 84 types\n");
    let stack = &files["objects/Stack.md"];
    assert!(
        stack.starts_with("# Stack\n\nKind: objects; 40 fields.\n\n"),
        "{stack}"
    );
    assert!(stack.contains("| <a id=\"field-id\"></a>`id` |"), "{stack}");
    assert!(files["enums/RunState.md"].starts_with("# RunState\n\nKind: enums; 0 fields.\n\n"));
    // Pages of templates without an override are the built-in ones.
    let builtin = tempfile::tempdir().unwrap();
    render(builtin.path(), &[]);
    let builtin = tree(builtin.path());
    for page in ["enums.md", "queries.md", "directives/beta.md"] {
        assert_eq!(files[page], builtin[page], "{page}");
    }
}

#[test]
fn a_broken_template_names_the_file_and_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let out_dir = dir.path().join("out");

    // A syntax error: found when the templates load.
    let broken = templates.join("kind.md.jinja");
    std::fs::write(
        &broken,
        "# {{ kind.title }}\n\n{% for e in kind.entries %}\n- {{ e.name }}\n",
    )
    .unwrap();
    let out = docs(&[
        SAMPLE,
        "-o",
        out_dir.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        format!(
            "error: template {} line 4: syntax error: unexpected end of input, expected end of block",
            broken.display()
        ),
    );
    assert!(!out_dir.exists(), "nothing written");

    // A render error: an undefined variable, found while rendering.
    std::fs::write(
        &broken,
        "# {{ kind.title }}\n\n{{ kind.no_such_thing.name }}\n",
    )
    .unwrap();
    let out = docs(&[
        SAMPLE,
        "-o",
        out_dir.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "error: template {} line 3: undefined value",
            broken.display()
        )),
        "{stderr}"
    );
    assert!(!out_dir.exists(), "nothing written");
}

#[test]
fn single_file_holds_every_type_and_anchor() {
    let dir = tempfile::tempdir().unwrap();
    render(dir.path(), &["--single-file"]);
    let files = tree(dir.path());
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        vec![".schemalift-docs", "README.md"]
    );
    let doc = &files["README.md"];
    let ids = docs_support::anchors(doc);
    for id in [
        "kind-queries",
        "Query.field-stack",
        "Query.arg-stack-id",
        "type-Stack",
        "Stack.field-runs",
        "Stack.arg-runs-first",
        "RunState.value-PENDING",
        "StackInput.field-name",
        "directive-beta",
        "directive-beta.arg-reason",
    ] {
        assert!(ids.contains(id), "no anchor {id}");
    }
    // Switching layouts removes the pages of the other one.
    render(dir.path(), &[]);
    render(dir.path(), &["--single-file"]);
    assert_eq!(tree(dir.path()).len(), 2);
}

#[test]
fn front_matter_for_docusaurus_and_hugo() {
    let dir = tempfile::tempdir().unwrap();
    render(dir.path(), &["--front-matter", "docusaurus"]);
    let files = tree(dir.path());
    assert!(
        files["objects/Stack.md"].starts_with(
            "---\nsidebar_label: \"Stack\"\n---\n\n# Stack\n\n[API reference](../README.md)"
        ),
        "{}",
        files["objects/Stack.md"]
    );
    let dir = tempfile::tempdir().unwrap();
    render(dir.path(), &["--front-matter", "hugo"]);
    let files = tree(dir.path());
    assert!(!files.contains_key("README.md"));
    assert!(files["_index.md"]
        .starts_with("---\ntitle: \"API reference\"\nlinkTitle: \"API reference\"\n---\n"));
    assert!(files["objects/Stack.md"].contains("[API reference](../_index.md)"));
}

#[test]
fn mdbook_gets_a_summary_of_every_page() {
    let dir = tempfile::tempdir().unwrap();
    render(dir.path(), &["--mdbook"]);
    let files = tree(dir.path());
    // mdBook's layout: the sources in src/, the configuration beside them.
    assert_eq!(
        files["book.toml"],
        "[book]\ntitle = \"API reference\"\nsrc = \"src\"\n"
    );
    let summary = &files["src/SUMMARY.md"];
    insta::assert_snapshot!("sample_mdbook_summary", summary);
    // Every page but the summary itself is in it.
    let listed: std::collections::BTreeSet<String> = docs_support::links(summary)
        .into_iter()
        .map(|link| format!("src/{link}"))
        .collect();
    let pages: Vec<&String> = files
        .keys()
        .filter(|p| p.ends_with(".md") && *p != "src/SUMMARY.md")
        .collect();
    assert_eq!(pages.len(), 98);
    for page in pages {
        assert!(listed.contains(page), "{page} is not in SUMMARY.md");
    }
}

#[test]
fn introspection_json_input_warns_that_applied_directives_are_missing() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("schema.json");
    let convert = run("convert", &[SAMPLE, "-o", json.to_str().unwrap()]);
    assert_eq!(convert.status.code(), Some(0), "{}", text(&convert.stderr));
    let out_dir = dir.path().join("out");
    let out = docs(&[json.to_str().unwrap(), "-o", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).starts_with("warning: introspection JSON carries no applied directives")
    );
    // The same pages otherwise, but for what only SDL carries.
    let sdl_dir = dir.path().join("sdl");
    render(&sdl_dir, &[]);
    let (from_json, from_sdl) = (tree(&out_dir), tree(&sdl_dir));
    assert_eq!(
        from_json.keys().collect::<Vec<_>>(),
        from_sdl.keys().collect::<Vec<_>>()
    );
    assert_eq!(
        from_json["enums/RunState.md"],
        from_sdl["enums/RunState.md"]
    );
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = docs(&[
        "tests/fixtures/malformed.graphql",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr)
        .lines()
        .last()
        .unwrap()
        .starts_with("error: "));
    assert!(!out_dir.exists());
    // An output path that is a file.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let out = docs(&[SAMPLE, "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!("error: {} is not a directory\n", file.display())
    );
}

#[cfg(unix)]
#[test]
fn a_rerun_neither_deletes_nor_writes_through_symbolic_links() {
    let scratch = tempfile::tempdir().unwrap();
    let out_dir = scratch.path().join("D");
    let d = out_dir.to_str().unwrap();
    let out = docs(&["schemas/spacelift/schema.graphql", "-o", d]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let outside = scratch.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("precious.txt"), "keep").unwrap();
    std::os::unix::fs::symlink("../outside", out_dir.join("evil")).unwrap();
    let marker = out_dir.join(".schemalift-docs");
    let mut listed = std::fs::read_to_string(&marker).unwrap();
    listed.push_str("evil/precious.txt\n");
    std::fs::write(&marker, listed).unwrap();
    let out = docs(&["schemas/spacelift/schema.graphql", "-o", d]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(outside.join("precious.txt")).unwrap(),
        "keep"
    );
    assert!(
        text(&out.stderr).contains("warning: left evil/precious.txt"),
        "{}",
        text(&out.stderr)
    );

    // A folder the pages go in, replaced by a link to the user's files: an error, nothing written.
    let objects: Vec<_> = std::fs::read_dir(out_dir.join("objects"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    std::fs::remove_dir_all(out_dir.join("objects")).unwrap();
    for name in &objects {
        std::fs::write(outside.join(name), "the user's").unwrap();
    }
    std::os::unix::fs::symlink("../outside", out_dir.join("objects")).unwrap();
    let out = docs(&["schemas/spacelift/schema.graphql", "-o", d]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("objects is a symbolic link"),
        "{}",
        text(&out.stderr)
    );
    for name in &objects {
        assert_eq!(
            std::fs::read_to_string(outside.join(name)).unwrap(),
            "the user's"
        );
    }
}
