//! In-process benchmarks of the model on GitHub's largest valid schema: load (parse + validate),
//! SDL printing (file order and sorted), introspection JSON out and back in.
//! Run with `cargo bench -p schemalift-model`; results go to BENCHMARKS.md.

use schemalift_model::{introspection, load_inputs, sdl, Input, LoadedSchema};
use std::sync::LazyLock;

fn main() {
    divan::main();
}

static SDL: LazyLock<String> = LazyLock::new(|| {
    let path = schemalift_corpus::file("github/github-2024-07-08.graphql");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
});

static LOADED: LazyLock<LoadedSchema> = LazyLock::new(|| load(SDL.clone()));

static JSON: LazyLock<String> =
    LazyLock::new(|| introspection::to_json(&LOADED.schema).to_string());

fn load(text: String) -> LoadedSchema {
    load_inputs(vec![Input {
        name: "github.graphql".into(),
        text,
    }])
    .unwrap()
}

#[divan::bench(sample_count = 10)]
fn load_and_validate_sdl() -> LoadedSchema {
    load(SDL.clone())
}

#[divan::bench(sample_count = 10)]
fn print_sdl() -> String {
    sdl::print(&LOADED.schema, false)
}

#[divan::bench(sample_count = 10)]
fn print_sorted_sdl() -> String {
    sdl::print(&LOADED.schema, true)
}

#[divan::bench(sample_count = 10)]
fn to_introspection_json_text() -> String {
    introspection::to_json_string(&LOADED.schema, false)
}

#[divan::bench(sample_count = 10)]
fn execute_introspection_query() -> serde_json::Value {
    introspection::execute(&LOADED.schema, introspection::QUERY, Default::default())
}

#[divan::bench(sample_count = 10)]
fn load_introspection_json() -> LoadedSchema {
    load(JSON.clone())
}
