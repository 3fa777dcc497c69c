//! Example operations for root fields: a short, valid operation that calls the field, with its
//! required arguments as variables and a depth-limited selection of the result, so a reader sees
//! at once how the field is used (SpectaQL and Magidoc do the same with depth 1–2).
//!
//! The selection takes leaf fields without required arguments first, then a few object fields
//! one level down; abstract results select `__typename` and a few members through inline
//! fragments. Deprecated fields are left out. A test validates the example of every root field of
//! real schemas with apollo-compiler.

use apollo_compiler::ast::{self, FieldDefinition, OperationType};
use apollo_compiler::collections::IndexMap;
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::Name;
use apollo_compiler::Node;
use apollo_compiler::Schema;
use std::fmt::Write as _;

/// How deep the selection goes below the root field.
const MAX_DEPTH: usize = 2;
/// Leaf fields selected per object.
const MAX_LEAVES: usize = 6;
/// Object fields expanded per object (at depths below `MAX_DEPTH`).
const MAX_OBJECTS: usize = 2;
/// Union members and interface implementations spelled out with an inline fragment.
const MAX_FRAGMENTS: usize = 2;

/// The example operation for `field` of the `operation` root type (`query`, `mutation`,
/// `subscription`), as GraphQL text without a trailing newline.
pub(super) fn operation(
    schema: &Schema,
    operation: OperationType,
    field: &FieldDefinition,
) -> String {
    let required: Vec<&ast::InputValueDefinition> = field
        .arguments
        .iter()
        .map(|a| a.as_ref())
        .filter(|a| a.is_required())
        .collect();
    let mut out = String::new();
    out.push_str(operation.name());
    out.push(' ');
    out.push_str(&pascal_case(&field.name));
    if !required.is_empty() {
        let variables: Vec<String> = required
            .iter()
            .map(|a| format!("${}: {}", a.name, a.ty))
            .collect();
        let _ = write!(out, "({})", variables.join(", "));
    }
    out.push_str(" {\n  ");
    out.push_str(&field.name);
    if !required.is_empty() {
        let arguments: Vec<String> = required
            .iter()
            .map(|a| format!("{}: ${}", a.name, a.name))
            .collect();
        let _ = write!(out, "({})", arguments.join(", "));
    }
    selection(schema, field.ty.inner_named_type(), 1, &mut out);
    out.push_str("\n}");
    out
}

fn pascal_case(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn usable(field: &FieldDefinition) -> bool {
    !field.directives.has(schemalift_model::builtins::DEPRECATED)
        && !field.arguments.iter().any(|a| a.is_required())
}

fn is_leaf(schema: &Schema, name: &str) -> bool {
    matches!(
        schema.types.get(name),
        Some(ExtendedType::Scalar(_) | ExtendedType::Enum(_)) | None
    )
}

/// Append ` { … }` for a field of type `type_name` at `depth` (1 = the root field's result);
/// nothing for a leaf type.
fn selection(schema: &Schema, type_name: &str, depth: usize, out: &mut String) {
    let Some(ty) = schema.types.get(type_name) else {
        return;
    };
    let indent = "  ".repeat(depth + 1);
    let mut lines: Vec<String> = Vec::new();
    match ty {
        ExtendedType::Scalar(_) | ExtendedType::Enum(_) | ExtendedType::InputObject(_) => return,
        ExtendedType::Object(o) => object_lines(schema, &o.fields, depth, &indent, &mut lines),
        ExtendedType::Interface(i) => {
            lines.push(format!("{indent}__typename"));
            object_lines(schema, &i.fields, depth, &indent, &mut lines);
            let mut implementers: Vec<&str> = schema
                .types
                .iter()
                .filter(|(_, t)| matches!(t, ExtendedType::Object(o) if o.implements_interfaces.contains(type_name)))
                .map(|(n, _)| n.as_str())
                .collect();
            implementers.sort_unstable();
            fragment_lines(schema, &implementers, &indent, &mut lines);
        }
        ExtendedType::Union(u) => {
            lines.push(format!("{indent}__typename"));
            let members: Vec<&str> = u.members.iter().map(|m| m.as_str()).collect();
            fragment_lines(schema, &members, &indent, &mut lines);
        }
    }
    if lines.is_empty() {
        lines.push(format!("{indent}__typename"));
    }
    out.push_str(" {\n");
    out.push_str(&lines.join("\n"));
    out.push('\n');
    out.push_str(&"  ".repeat(depth));
    out.push('}');
}

fn object_lines(
    schema: &Schema,
    fields: &IndexMap<Name, Node<FieldDefinition>>,
    depth: usize,
    indent: &str,
    lines: &mut Vec<String>,
) {
    let usable_fields = || fields.values().filter(|f| usable(f));
    // Below the first level a few leaves say enough.
    let leaves = if depth == 1 {
        MAX_LEAVES
    } else {
        MAX_LEAVES / 2
    };
    for field in usable_fields()
        .filter(|f| is_leaf(schema, f.ty.inner_named_type()))
        .take(leaves)
    {
        lines.push(format!("{indent}{}", field.name));
    }
    if depth >= MAX_DEPTH {
        return;
    }
    for field in usable_fields()
        .filter(|f| !is_leaf(schema, f.ty.inner_named_type()))
        .take(MAX_OBJECTS)
    {
        let mut line = format!("{indent}{}", field.name);
        selection(schema, field.ty.inner_named_type(), depth + 1, &mut line);
        lines.push(line);
    }
}

/// Inline fragments on a few possible types, each selecting its leaf fields.
fn fragment_lines(schema: &Schema, possible: &[&str], indent: &str, lines: &mut Vec<String>) {
    for name in possible.iter().take(MAX_FRAGMENTS) {
        let Some(ExtendedType::Object(object)) = schema.types.get(*name) else {
            continue;
        };
        let inner = format!("{indent}  ");
        let leaves: Vec<String> = object
            .fields
            .values()
            .filter(|f| usable(f) && is_leaf(schema, f.ty.inner_named_type()))
            .take(MAX_LEAVES / 2)
            .map(|f| format!("{inner}{}", f.name))
            .collect();
        if leaves.is_empty() {
            continue;
        }
        lines.push(format!(
            "{indent}... on {name} {{\n{}\n{indent}}}",
            leaves.join("\n")
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use apollo_compiler::ExecutableDocument;

    const SDL: &str = r#"
        type Query {
          stack(id: ID!, withRuns: Boolean = false): Stack
          search(term: String!): [Result!]!
          version: String!
        }
        type Stack { id: ID! name: String! old: String @deprecated runs(first: Int): [Run!]! owner: User! }
        type Run { id: ID! state: State! }
        type User { login: String! }
        enum State { QUEUED FINISHED }
        union Result = Stack | Run
    "#;

    fn example(field: &str) -> String {
        let schema = Schema::parse_and_validate(SDL, "s.graphql").unwrap();
        let query = schema.get_object("Query").unwrap();
        let text = operation(&schema, OperationType::Query, &query.fields[field]);
        ExecutableDocument::parse_and_validate(&schema, text.as_str(), "example.graphql")
            .unwrap_or_else(|e| panic!("invalid example:\n{text}\n{e}"));
        text
    }

    #[test]
    fn required_arguments_become_variables_and_the_selection_is_depth_limited() {
        assert_eq!(
            example("stack"),
            "query Stack($id: ID!) {\n  stack(id: $id) {\n    id\n    name\n    runs {\n      id\n      state\n    }\n    owner {\n      login\n    }\n  }\n}"
        );
    }

    #[test]
    fn unions_select_typename_and_members() {
        assert_eq!(
            example("search"),
            "query Search($term: String!) {\n  search(term: $term) {\n    __typename\n    ... on Stack {\n      id\n      name\n    }\n    ... on Run {\n      id\n      state\n    }\n  }\n}"
        );
    }

    #[test]
    fn a_leaf_field_has_no_selection() {
        assert_eq!(example("version"), "query Version {\n  version\n}");
    }
}
