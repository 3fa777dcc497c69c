//! The link checker over real schemas: docs for every GitHub schema of the shared corpus (SDL and
//! introspection JSON, 1,100 to 1,600 types each), with every relative link and anchor resolved,
//! every type on its page and every field, argument and enum value under its anchor.

use crate::docs_support;

use apollo_compiler::schema::ExtendedType;
use apollo_compiler::Schema;
use docs_support::{anchors, broken_links, tree};
use schemalift_tests::{corpus_dir, run, text};
use std::collections::BTreeMap;
use std::path::Path;

/// The folder each kind of type is documented in; root types are on their kind's page.
fn page_of(schema: &Schema, name: &str, ty: &ExtendedType) -> String {
    let def = &schema.schema_definition;
    for (root, page) in [
        (&def.query, "queries.md"),
        (&def.mutation, "mutations.md"),
        (&def.subscription, "subscriptions.md"),
    ] {
        if root.as_ref().is_some_and(|r| r.as_str() == name) {
            return page.to_owned();
        }
    }
    let folder = match ty {
        ExtendedType::Scalar(_) => "scalars",
        ExtendedType::Object(_) => "objects",
        ExtendedType::Interface(_) => "interfaces",
        ExtendedType::Union(_) => "unions",
        ExtendedType::Enum(_) => "enums",
        ExtendedType::InputObject(_) => "inputs",
    };
    format!("{folder}/{name}.md")
}

/// Every type has its page and every member its anchor there.
fn assert_complete(schema: &Schema, files: &BTreeMap<String, String>, label: &str) {
    let mut checked = 0;
    for (name, ty) in schema.types.iter().filter(|(n, _)| !n.starts_with("__")) {
        let page = page_of(schema, name, ty);
        let text = files
            .get(&page)
            .unwrap_or_else(|| panic!("{label}: type {name} has no page {page}"));
        let ids = anchors(text);
        let mut expect = |id: String| {
            assert!(ids.contains(&id), "{label}: {page} has no anchor {id}");
            checked += 1;
        };
        let fields = match ty {
            ExtendedType::Object(o) => Some(&o.fields),
            ExtendedType::Interface(i) => Some(&i.fields),
            _ => None,
        };
        for field in fields.into_iter().flat_map(|f| f.values()) {
            expect(format!("field-{}", field.name));
            for arg in &field.arguments {
                expect(format!("arg-{}-{}", field.name, arg.name));
            }
        }
        if let ExtendedType::InputObject(input) = ty {
            for field in input.fields.keys() {
                expect(format!("field-{field}"));
            }
        }
        if let ExtendedType::Enum(e) = ty {
            for value in e.values.keys() {
                expect(format!("value-{value}"));
            }
        }
    }
    for name in schema.directive_definitions.keys() {
        assert!(
            files.contains_key(&format!("directives/{name}.md")),
            "{label}: directive @{name} has no page"
        );
    }
    assert!(checked > 5_000, "{label}: only {checked} anchors checked");
}

fn load(path: &Path) -> Schema {
    let loaded = schemalift_model::load(&[schemalift_model::SchemaSource::Path(path.to_owned())])
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    loaded.schema.into_inner()
}

#[test]
fn every_github_schema_renders_with_every_link_and_anchor_resolved() {
    let mut schemas: Vec<_> = std::fs::read_dir(corpus_dir().join("github"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("graphql" | "json")
            )
        })
        .collect();
    schemas.sort();
    assert!(schemas.len() >= 10, "{schemas:?}");
    for path in schemas {
        let label = path.file_name().unwrap().to_string_lossy().into_owned();
        let dir = tempfile::tempdir().unwrap();
        // One of GitHub's published schemas is invalid (a field defined twice); it is documented
        // as far as it could be built.
        let out = run(
            "docs",
            &[
                path.to_str().unwrap(),
                "-o",
                dir.path().to_str().unwrap(),
                "--allow-invalid",
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{label}: {}", text(&out.stderr));
        let files = tree(dir.path());
        let (broken, checked) = broken_links(&files);
        assert!(
            broken.is_empty(),
            "{label}: {} broken links, first: {:#?}",
            broken.len(),
            &broken[..broken.len().min(10)]
        );
        assert!(checked > 15_000, "{label}: only {checked} links checked");
        assert_complete(&load(&path), &files, &label);
    }
}
