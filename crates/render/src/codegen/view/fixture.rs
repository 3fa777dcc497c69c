//! Test fixtures: a view built from a schema and operation documents given as text.

use super::{build, CodegenView, Decl, ObjectDecl, OneOfDecl, Options, Warning};
use crate::codegen::operations::{parse_and_validate, with_typenames, OperationSource};
use crate::codegen::scalars::ScalarMap;
use crate::codegen::Language;
use apollo_compiler::validation::Valid;
use apollo_compiler::{ExecutableDocument, Schema};

/// The schema and the validated operations (in `ops.graphql`), with `__typename` added.
pub(super) fn parse(sdl: &str, operations: &str) -> (Valid<Schema>, ExecutableDocument) {
    let schema = Schema::parse_and_validate(sdl, "s.graphql").expect("valid schema");
    let source = OperationSource {
        name: "ops.graphql".into(),
        text: operations.into(),
    };
    let document = parse_and_validate(&schema, &[source]).expect("valid operations");
    let document = with_typenames(&schema, &document);
    (schema, document)
}

/// The view and its warnings, with custom scalars mapped by `scalars`.
pub(super) fn view_with(
    sdl: &str,
    operations: &str,
    language: Language,
    scalars: &[(&str, &str)],
) -> (CodegenView, Vec<Warning>) {
    let (schema, document) = parse(sdl, operations);
    let options = Options {
        language,
        scalars: scalars
            .iter()
            .map(|(name, ty)| ((*name).to_owned(), (*ty).to_owned()))
            .collect::<ScalarMap>(),
        schema_name: "s.graphql".into(),
        package: None,
    };
    build(&schema, &document, &options)
}

pub(super) fn view(sdl: &str, operations: &str, language: Language) -> CodegenView {
    view_with(sdl, operations, language, &[]).0
}

/// The object declaration named `name`.
pub(super) fn object<'v>(decls: &'v [Decl], name: &str) -> &'v ObjectDecl {
    decls
        .iter()
        .find_map(|d| match d {
            Decl::Object(o) if o.name == name => Some(o),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no object {name} in {:?}", names(decls)))
}

/// The first `@oneOf` declaration.
pub(super) fn one_of(decls: &[Decl]) -> &OneOfDecl {
    decls
        .iter()
        .find_map(|d| match d {
            Decl::OneOf(o) => Some(o),
            _ => None,
        })
        .expect("a oneOf declaration")
}

/// The names of the declarations, in order.
pub(super) fn names(decls: &[Decl]) -> Vec<&str> {
    decls.iter().map(Decl::name).collect()
}
