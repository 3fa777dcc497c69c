//! The corpus of real public GraphQL schemas that the tests and benchmarks read (GitHub, Linear,
//! Saleor, Artsy, Braintree, Shopify), vendored in this folder with each source's README (origin,
//! commit and date, licence).
//!
//! This crate is the one place that knows where the corpus is: the tests and benchmarks of
//! `schemalift-model`, `schemalift-check` and `schemalift-render` take it as a dev-dependency, and
//! `schemalift-tests` re-exports it for the end-to-end tests. It has no dependencies, so it costs
//! nothing to build.

use std::path::{Path, PathBuf};

/// The corpus folder: one sub-folder per API.
pub fn dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the corpus, e.g. `file("github/github-2024-07-08.graphql")`; panics with the path
/// when it is missing, so a test names what it could not find.
pub fn file(relative: &str) -> PathBuf {
    let path = dir().join(relative);
    assert!(path.is_file(), "corpus file {} missing", path.display());
    path
}

/// Every schema of the corpus (`.graphql` SDL and `.json` introspection), sorted by path.
pub fn schemas() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let apis =
        std::fs::read_dir(dir()).unwrap_or_else(|e| panic!("corpus at {}: {e}", dir().display()));
    for api in apis.flatten().filter(|entry| entry.path().is_dir()) {
        let entries = std::fs::read_dir(api.path())
            .unwrap_or_else(|e| panic!("corpus folder {}: {e}", api.path().display()));
        files.extend(entries.flatten().map(|entry| entry.path()).filter(|path| {
            path.extension()
                .is_some_and(|e| e == "graphql" || e == "json")
        }));
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_api_has_schemas_and_a_readme_with_its_licence() {
        let schemas = super::schemas();
        assert!(schemas.len() >= 20, "corpus incomplete: {schemas:?}");
        for api in [
            "artsy",
            "braintree",
            "github",
            "linear",
            "saleor",
            "shopify",
        ] {
            assert!(
                schemas.iter().any(|s| s.parent().unwrap().ends_with(api)),
                "no schema of {api}"
            );
            let readme = std::fs::read_to_string(super::dir().join(api).join("README.md"))
                .unwrap_or_else(|e| panic!("{api}/README.md: {e}"));
            assert!(
                ["MIT", "BSD-3-Clause"].iter().any(|l| readme.contains(l)),
                "{api}/README.md names no licence"
            );
            assert!(
                readme.contains("Source:"),
                "{api}/README.md names no source"
            );
        }
    }
}
