//! `schemalift codegen`: typed GraphQL clients for TypeScript, Python and Go.
//!
//! The pipeline: read the operation documents (`schemalift_model::documents`, shared with `diff --ops`), validate them against the schema
//! ([`operations`]), shape every selection set into a language-neutral result tree ([`shape`]),
//! spell it for one language ([`view`], using [`lang`], [`naming`] and [`scalars`]), and render
//! the language's templates (templates/<language>/) over that view ([`render`]). Output is
//! deterministic: operations, fragments and schema types are sorted by name, names are claimed
//! in that order.
//!
//! Everything that differs between languages is a field of the language's entry in the
//! [`lang`] catalogue, so a fourth language is a new entry plus a templates folder.

pub mod lang;
pub mod naming;
pub mod operations;
pub mod render;
pub mod scalars;
pub mod shape;
pub mod view;

pub use lang::Language;
pub use operations::{OperationSource, OperationsError};
pub use render::{GeneratedFile, RenderError};
pub use view::{CodegenView, Options};

use crate::output::{self as out, Marker, WriteError, WriteReport};
use apollo_compiler::validation::Valid;
use apollo_compiler::Schema;
use std::path::Path;

/// The marker that lists the files `schemalift codegen` wrote into a directory, so that files of
/// operations deleted since the last run are removed, and only those.
pub const MARKER: Marker = Marker {
    file_name: ".schemalift-codegen",
    command: "schemalift codegen",
    header:
        "# Files schemalift codegen wrote here; the next run removes those it no longer writes.\n",
};

/// Write a generated client into `dir` (created if missing) by the rules of [`crate::output`].
pub fn write(dir: &Path, files: &[GeneratedFile]) -> Result<WriteReport, WriteError> {
    out::write(dir, &MARKER, files)
}

/// A generated client, ready to write.
#[derive(Debug)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    /// Things the user should know (unmapped custom scalars).
    pub warnings: Vec<String>,
    pub operations: usize,
}

/// Why a client could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    #[error(transparent)]
    Operations(#[from] OperationsError),
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// Validate the operations and build the view model for `options.language`.
pub fn view(
    schema: &Valid<Schema>,
    sources: &[OperationSource],
    options: &Options,
) -> Result<(CodegenView, Vec<String>), OperationsError> {
    let document = operations::parse_and_validate(schema, sources)?;
    let document = operations::with_typenames(schema, &document);
    Ok(view::build(schema, &document, options))
}

/// Generate the client: validate, build the view, render every file through `templates` (the
/// language's built-in templates and any overrides).
pub fn generate(
    schema: &Valid<Schema>,
    sources: &[OperationSource],
    options: &Options,
    templates: &crate::env::Templates,
) -> Result<Generated, CodegenError> {
    let (view, warnings) = view(schema, sources, options)?;
    let files = render::render(&view, templates)?;
    Ok(Generated {
        files,
        warnings,
        operations: view.operations.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn templates(language: Language) -> crate::env::Templates {
        crate::env::Templates::load(language.spec().name, None).expect("built-in templates")
    }

    #[test]
    fn spacelift_sample_renders_in_every_language() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let sdl = std::fs::read_to_string(root.join("schemas/spacelift/schema.graphql")).unwrap();
        let schema = schemalift_model::load_inputs(vec![schemalift_model::Input {
            name: "schemas/spacelift/schema.graphql".into(),
            text: sdl,
        }])
        .unwrap()
        .schema;
        let patterns = vec![root
            .join("schemas/spacelift/operations")
            .display()
            .to_string()];
        let sources = schemalift_model::documents::read(&patterns).unwrap();
        let dir = tempfile::tempdir().unwrap();
        for language in Language::ALL {
            let options = Options {
                language,
                scalars: Default::default(),
                schema_name: "schema.graphql".into(),
                package: Some("spacelift".into()),
            };
            let generated = generate(&schema, &sources, &options, &templates(language)).unwrap();
            let out = dir.path().join(language.spec().name);
            write(&out, &generated.files).unwrap();
        }
    }
}
