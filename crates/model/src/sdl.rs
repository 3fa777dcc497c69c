//! Writing a schema as SDL: in the schema's own order (the file's, or the server's for
//! introspection), or sorted lexicographically as graphql-js `lexicographicSortSchema` does.
//!
//! Extensions (`extend type` across several files) are folded into their definitions, so the
//! output is one document that describes the whole schema once.

use crate::builtins;
use apollo_compiler::ast::FieldDefinition;
use apollo_compiler::collections::{IndexMap, IndexSet};
use apollo_compiler::schema::{DirectiveList, ExtendedType};
use apollo_compiler::{ExtensionId, Name, Node, Schema};

pub fn print(schema: &Schema, sort: bool) -> String {
    let mut schema = schema.clone();
    // A schema may define a built-in directive itself (older tools required `@oneOf`); printed
    // output leaves every built-in out, as graphql-js `printSchema` does, by name.
    schema
        .directive_definitions
        .retain(|name, _| !builtins::is_directive(name));
    if has_extensions(&schema) {
        fold_extensions(&mut schema);
    }
    if sort {
        sort_schema(&mut schema);
    }
    schema.to_string()
}

/// A copy of the schema with everything sorted lexicographically, for output that must not depend
/// on the server's or the file's order.
pub fn sorted(schema: &Schema) -> Schema {
    let mut schema = schema.clone();
    sort_schema(&mut schema);
    schema
}

fn has_extensions(schema: &Schema) -> bool {
    extended(schema.schema_definition.iter_extension_ids())
        || schema
            .types
            .values()
            .any(|ty| extended(ty.iter_extension_ids()))
        || (schema.directive_definitions.values()).any(|def| extended(def.iter_extension_ids()))
}

fn extended<'a>(mut ids: impl Iterator<Item = Option<&'a ExtensionId>>) -> bool {
    ids.any(|id| id.is_some())
}

/// The same node without its extension origin, so it prints inside its definition.
fn folded<T: Clone>(node: &mut Node<T>) {
    if node.extension_id().is_some() {
        *node = node.same_location(T::clone(node));
    }
}

fn fold_extensions(schema: &mut Schema) {
    let definition = schema.schema_definition.make_mut();
    for root in [
        &mut definition.query,
        &mut definition.mutation,
        &mut definition.subscription,
    ]
    .into_iter()
    .flatten()
    {
        folded(root);
    }
    fold_directives(&mut definition.directives);
    for def in schema.directive_definitions.values_mut() {
        if extended(def.iter_extension_ids()) {
            fold_directives(&mut def.make_mut().directives);
        }
    }
    for ty in schema.types.values_mut() {
        if !extended(ty.iter_extension_ids()) {
            continue;
        }
        match ty {
            ExtendedType::Scalar(node) => fold_directives(&mut node.make_mut().directives),
            ExtendedType::Object(node) => {
                let node = node.make_mut();
                fold_fields(
                    &mut node.directives,
                    &mut node.implements_interfaces,
                    &mut node.fields,
                );
            }
            ExtendedType::Interface(node) => {
                let node = node.make_mut();
                fold_fields(
                    &mut node.directives,
                    &mut node.implements_interfaces,
                    &mut node.fields,
                );
            }
            ExtendedType::Union(node) => {
                let node = node.make_mut();
                fold_directives(&mut node.directives);
                fold_names(&mut node.members);
            }
            ExtendedType::Enum(node) => {
                let node = node.make_mut();
                fold_directives(&mut node.directives);
                fold_map(&mut node.values);
            }
            ExtendedType::InputObject(node) => {
                let node = node.make_mut();
                fold_directives(&mut node.directives);
                fold_map(&mut node.fields);
            }
        }
    }
}

type Fields = IndexMap<Name, Node<FieldDefinition>>;

/// Objects and interfaces alike: directives, interfaces, fields.
fn fold_fields(
    directives: &mut DirectiveList,
    interfaces: &mut IndexSet<Node<Name>>,
    fields: &mut Fields,
) {
    fold_directives(directives);
    fold_names(interfaces);
    fold_map(fields);
}

fn sort_fields(interfaces: &mut IndexSet<Node<Name>>, fields: &mut Fields) {
    interfaces.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
    fields.sort_unstable_keys();
    for field in fields.values_mut() {
        field
            .make_mut()
            .arguments
            .sort_by(|a, b| a.name.cmp(&b.name));
    }
}

fn fold_directives(directives: &mut DirectiveList) {
    directives.iter_mut().for_each(folded);
}

fn fold_names(names: &mut IndexSet<Node<Name>>) {
    *names = std::mem::take(names)
        .into_iter()
        .map(|mut name| {
            folded(&mut name);
            name
        })
        .collect();
}

fn fold_map<T: Clone>(components: &mut IndexMap<Name, Node<T>>) {
    components.values_mut().for_each(folded);
}

fn sort_schema(schema: &mut Schema) {
    schema.types.sort_unstable_keys();
    schema.directive_definitions.sort_unstable_keys();
    for def in schema.directive_definitions.values_mut() {
        def.make_mut().arguments.sort_by(|a, b| a.name.cmp(&b.name));
    }
    for ty in schema.types.values_mut() {
        if ty.is_built_in() {
            continue;
        }
        match ty {
            ExtendedType::Scalar(_) => {}
            ExtendedType::Object(node) => {
                let node = node.make_mut();
                sort_fields(&mut node.implements_interfaces, &mut node.fields);
            }
            ExtendedType::Interface(node) => {
                let node = node.make_mut();
                sort_fields(&mut node.implements_interfaces, &mut node.fields);
            }
            ExtendedType::Union(node) => node
                .make_mut()
                .members
                .sort_unstable_by(|a, b| a.as_str().cmp(b.as_str())),
            ExtendedType::Enum(node) => node.make_mut().values.sort_unstable_keys(),
            ExtendedType::InputObject(node) => node.make_mut().fields.sort_unstable_keys(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{load_inputs, Input};

    fn load(files: &[(&str, &str)]) -> Schema {
        let inputs = files
            .iter()
            .map(|(name, text)| Input {
                name: (*name).into(),
                text: (*text).into(),
            })
            .collect();
        load_inputs(inputs).unwrap().schema.into_inner()
    }

    #[test]
    fn folds_extensions_and_omits_built_ins() {
        let schema = load(&[
            (
                "a.graphql",
                "type Query { b: Int }\ninput In @oneOf { x: Int }",
            ),
            ("b.graphql", "extend type Query { a(x: In): Int }"),
        ]);
        insta::assert_snapshot!(print(&schema, false), @r"
        type Query {
          b: Int
          a(x: In): Int
        }

        input In @oneOf {
          x: Int
        }
        ");
    }

    #[test]
    fn directives_on_directives_and_directive_extensions_print_in_file_order_and_sorted() {
        let schema = load(&[
            (
                "a.graphql",
                "directive @since(v: String!) on DIRECTIVE_DEFINITION | FIELD_DEFINITION\n\
                 directive @zeta @since(v: \"2\") on FIELD\n\
                 directive @alpha(b: Int, a: Int) @deprecated(reason: \"Use @zeta.\") on FIELD\n\
                 type Query { a: Int }",
            ),
            ("b.graphql", "extend directive @zeta @deprecated"),
        ]);
        insta::assert_snapshot!(print(&schema, false), @r#"
        directive @since(v: String!) on DIRECTIVE_DEFINITION | FIELD_DEFINITION

        directive @zeta @since(v: "2") @deprecated on FIELD

        directive @alpha(b: Int, a: Int) @deprecated(reason: "Use @zeta.") on FIELD

        type Query {
          a: Int
        }
        "#);
        insta::assert_snapshot!(print(&schema, true), @r#"
        directive @alpha(a: Int, b: Int) @deprecated(reason: "Use @zeta.") on FIELD

        directive @since(v: String!) on DIRECTIVE_DEFINITION | FIELD_DEFINITION

        directive @zeta @since(v: "2") @deprecated on FIELD

        type Query {
          a: Int
        }
        "#);
    }

    #[test]
    fn sorts_like_graphql_js() {
        let schema = load(&[(
            "a.graphql",
            "type Query { z(b: Int, a: Int): U y: E }\nunion U = Z | A\ntype Z { f: Int }\ntype A { f: Int }\nenum E { B A }",
        )]);
        insta::assert_snapshot!(print(&schema, true), @r"
        type A {
          f: Int
        }

        enum E {
          A
          B
        }

        type Query {
          y: E
          z(a: Int, b: Int): U
        }

        union U = A | Z

        type Z {
          f: Int
        }
        ");
    }
}
