//! The example operation of every root field of real schemas (the vendored corpus, `tests/corpus/`) is a valid
//! operation of that schema: apollo-compiler parses and validates each one.

use apollo_compiler::{ExecutableDocument, Schema};
use schemalift_model::{load, SchemaSource};
use schemalift_render::view::{build, Layout};
use std::path::PathBuf;

use schemalift_corpus::file as corpus;

fn assert_examples_valid(path: PathBuf, at_least: usize) {
    let loaded = load(&[SchemaSource::Path(path.clone())]).expect("corpus schema loads");
    let schema: &apollo_compiler::validation::Valid<Schema> = &loaded.schema;
    let doc = build(schema, Layout::Pages, "README.md");
    let mut checked = 0;
    for ty in doc.types.iter().filter(|t| t.root_operation.is_some()) {
        for field in &ty.fields {
            let example = field
                .example
                .as_deref()
                .expect("root fields have an example");
            if let Err(errors) =
                ExecutableDocument::parse_and_validate(schema, example, "example.graphql")
            {
                panic!(
                    "{}: example of {} is invalid:\n{example}\n{}",
                    path.display(),
                    field.coordinate,
                    errors.errors
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked >= at_least,
        "{}: only {checked} examples",
        path.display()
    );
}

#[test]
fn every_root_field_example_of_github_is_valid() {
    assert_examples_valid(corpus("github/github-2024-07-08.graphql"), 250);
}

#[test]
fn every_root_field_example_of_other_apis_is_valid() {
    assert_examples_valid(corpus("linear/linear-2026-07-22.graphql"), 300);
    assert_examples_valid(corpus("saleor/saleor-2026-08-19.graphql"), 200);
    assert_examples_valid(corpus("shopify/storefront-2026-04.json"), 40);
    assert_examples_valid(corpus("artsy/artsy-2026-08-20.graphql"), 100);
}

#[test]
fn the_spacelift_sample_examples_are_valid() {
    assert_examples_valid(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas/spacelift/schema.graphql"),
        50,
    );
}
