//! Operation documents: parsed together (fragments may live in other files), validated against
//! the schema with `file:line:col` errors, and prepared for code generation: `__typename` is added
//! where a result needs it to tell union members apart, and each operation gets the exact document
//! text it sends (itself plus the fragments it uses).

use apollo_compiler::executable::{Fragment, Operation, Selection, SelectionSet};
use apollo_compiler::validation::{DiagnosticList, Valid};
use apollo_compiler::{ExecutableDocument, Name, Node, Schema};
use schemalift_model::{locate_all, Located};
use std::collections::BTreeSet;

/// One operation document as read: `name` is what errors show (the path as given).
pub use schemalift_model::documents::Document as OperationSource;

/// Why operation documents cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OperationsError {
    /// Syntax or validation errors, each located at `file:line:col`.
    #[error("{} error{} in the operation documents", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Invalid(Vec<Located>),
    /// Generated names come from operation names, so every operation needs one.
    #[error(
        "{0}: an anonymous operation cannot be generated; give it a name (`query Name {{ … }}`)"
    )]
    Anonymous(String),
    #[error("the operation documents contain no operation (only fragments)")]
    NoOperations,
}

impl OperationsError {
    /// Every located error, for printing one per line.
    pub fn located(&self) -> &[Located] {
        match self {
            OperationsError::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

/// Parse all sources into one executable document and validate it against `schema`.
pub fn parse_and_validate(
    schema: &Valid<Schema>,
    sources: &[OperationSource],
) -> Result<Valid<ExecutableDocument>, OperationsError> {
    let mut errors = DiagnosticList::new(Default::default());
    let mut builder = ExecutableDocument::builder(Some(schema), &mut errors);
    for source in sources {
        builder = builder.parse(source.text.as_str(), source.name.as_str());
    }
    let document = builder.build();
    if !errors.is_empty() {
        return Err(OperationsError::Invalid(locate_all(&errors)));
    }
    if let Some(anonymous) = &document.operations.anonymous {
        let at = anonymous
            .location()
            .and_then(|span| {
                let file = document.sources.get(&span.file_id())?;
                let lc = span.line_column(&document.sources)?;
                Some(format!(
                    "{}:{}:{}",
                    file.path().display(),
                    lc.line,
                    lc.column
                ))
            })
            .unwrap_or_else(|| "<operations>".to_owned());
        return Err(OperationsError::Anonymous(at));
    }
    if document.operations.named.is_empty() {
        return Err(OperationsError::NoOperations);
    }
    document
        .validate(schema)
        .map_err(|with_errors| OperationsError::Invalid(locate_all(&with_errors.errors)))
}

/// The document with `__typename` selected in every selection set of an interface or union type
/// (as Apollo Client does), so that union results can be discriminated at run time whatever the
/// user selected. Adding a field the schema defines on every composite type keeps it valid.
pub fn with_typenames(schema: &Schema, document: &ExecutableDocument) -> ExecutableDocument {
    let mut document = document.clone();
    for operation in document.operations.named.values_mut() {
        let operation = operation.make_mut();
        add_typenames(schema, &mut operation.selection_set, true);
    }
    for fragment in document.fragments.values_mut() {
        let fragment = fragment.make_mut();
        add_typenames(schema, &mut fragment.selection_set, true);
    }
    document
}

fn is_abstract(schema: &Schema, ty: &str) -> bool {
    schema
        .types
        .get(ty)
        .is_some_and(|t| t.is_interface() || t.is_union())
}

fn add_typenames(schema: &Schema, set: &mut SelectionSet, here: bool) {
    for selection in &mut set.selections {
        match selection {
            Selection::Field(field) if field.selection_set.is_some() => {
                if let Some(set) = &mut field.make_mut().selection_set {
                    add_typenames(schema, set, true);
                }
            }
            // An inline fragment's fields merge into its parent, which has `__typename` already.
            Selection::InlineFragment(inline) => {
                add_typenames(schema, &mut inline.make_mut().selection_set, false);
            }
            Selection::Field(_) | Selection::FragmentSpread(_) => {}
        }
    }
    let has_typename = set
        .fields()
        .any(|f| f.name == "__typename" && f.alias.is_none() && f.directives.is_empty());
    // An empty selection (`field {}`, September 2026) asks for the object and nothing of it:
    // there is nothing to tell apart, and the text sent keeps the `{}` as written.
    if here && !has_typename && !set.selections.is_empty() && is_abstract(schema, &set.ty) {
        if let Ok(field) = set.new_field(schema, apollo_compiler::name!("__typename")) {
            set.selections.insert(0, Selection::Field(Node::new(field)));
        }
    }
}

/// The fragments `operation` uses, directly or through other fragments, sorted by name.
pub fn fragments_used(document: &ExecutableDocument, set: &SelectionSet) -> BTreeSet<Name> {
    let mut used = BTreeSet::new();
    collect_spreads(document, set, &mut used);
    used
}

fn collect_spreads(document: &ExecutableDocument, set: &SelectionSet, used: &mut BTreeSet<Name>) {
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                if let Some(set) = &field.selection_set {
                    collect_spreads(document, set, used)
                }
            }
            Selection::InlineFragment(inline) => {
                collect_spreads(document, &inline.selection_set, used)
            }
            Selection::FragmentSpread(spread) => {
                if used.insert(spread.fragment_name.clone()) {
                    if let Some(fragment) = document.fragments.get(&spread.fragment_name) {
                        collect_spreads(document, &fragment.selection_set, used);
                    }
                }
            }
        }
    }
}

/// The text an operation sends: the operation, then the fragments it uses in name order, printed
/// by apollo-compiler's serializer (so the text is canonical whatever the source formatting).
///
/// Descriptions of the operation, its variables and its fragments are left out: they document
/// the generated code, mean nothing to the server, and a server older than the September 2025
/// edition would refuse them.
pub fn document_text(document: &ExecutableDocument, operation: &Node<Operation>) -> String {
    let mut single = ExecutableDocument::new();
    let mut operation = operation.clone();
    if operation.description.is_some()
        || operation.variables.iter().any(|v| v.description.is_some())
    {
        let operation = operation.make_mut();
        operation.description = None;
        for variable in &mut operation.variables {
            if variable.description.is_some() {
                variable.make_mut().description = None;
            }
        }
    }
    let used = fragments_used(document, &operation.selection_set);
    single.operations.insert(operation);
    for name in used {
        if let Some(fragment) = document.fragments.get(&name) {
            let mut fragment = Node::<Fragment>::clone(fragment);
            if fragment.description.is_some() {
                fragment.make_mut().description = None;
            }
            single.fragments.insert(name.clone(), fragment);
        }
    }
    let mut text = single.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const SDL: &str = r#"
        type Query { node(id: ID!): Node, search: [Result!]! }
        interface Node { id: ID! }
        type User implements Node { id: ID! name: String }
        type Post implements Node { id: ID! title: String }
        union Result = User | Post
    "#;

    fn schema() -> Valid<Schema> {
        Schema::parse_and_validate(SDL, "schema.graphql").expect("valid test schema")
    }

    fn source(name: &str, text: &str) -> OperationSource {
        OperationSource {
            name: name.to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn fragments_may_live_in_other_files() {
        let schema = schema();
        let doc = parse_and_validate(
            &schema,
            &[
                source("a.graphql", "query A { node(id: 1) { ...N } }"),
                source("b.graphql", "fragment N on Node { id }"),
            ],
        )
        .expect("valid operations");
        assert_eq!(doc.operations.named.len(), 1);
        assert_eq!(doc.fragments.len(), 1);
    }

    #[test]
    fn errors_are_located_in_their_file() {
        let schema = schema();
        let err = parse_and_validate(
            &schema,
            &[
                source("ok.graphql", "query A { search { __typename } }"),
                source("bad.graphql", "query B {\n  node(id: 1) { nope }\n}"),
            ],
        )
        .expect_err("unknown field");
        let located = err.located();
        assert_eq!(located.len(), 1, "{located:?}");
        assert_eq!(located[0].position(), "bad.graphql:2:17");
        assert!(
            located[0].message.contains("nope"),
            "{}",
            located[0].message
        );
    }

    #[test]
    fn syntax_errors_are_located() {
        let schema = schema();
        let err = parse_and_validate(&schema, &[source("s.graphql", "query A {\n  search {")])
            .expect_err("syntax error");
        assert_eq!(err.located()[0].file, "s.graphql");
        assert_eq!(err.located()[0].line, Some(2));
    }

    #[test]
    fn anonymous_operations_are_refused_with_their_position() {
        let schema = schema();
        let err = parse_and_validate(
            &schema,
            &[source("x.graphql", "\n{ search { __typename } }")],
        )
        .expect_err("anonymous");
        assert_eq!(
            err.to_string(),
            "x.graphql:2:1: an anonymous operation cannot be generated; give it a name (`query Name { … }`)"
        );
    }

    #[test]
    fn typename_is_added_to_abstract_selections_only_once() {
        let schema = schema();
        let doc = parse_and_validate(
            &schema,
            &[source(
                "a.graphql",
                "query A { node(id: 1) { id ... on User { name } } search { __typename ... on Post { title } } }",
            )],
        )
        .expect("valid");
        let doc = with_typenames(&schema, &doc);
        let operation = &doc.operations.named["A"];
        let text = document_text(&doc, operation);
        assert_eq!(text.matches("__typename").count(), 2, "{text}");
        // The result is still valid against the schema.
        ExecutableDocument::parse_and_validate(&schema, text.as_str(), "again.graphql")
            .expect("still valid");
    }

    #[test]
    fn empty_selection_sets_stay_empty_in_the_text_sent() {
        let schema = schema();
        let doc = parse_and_validate(
            &schema,
            &[source(
                "a.graphql",
                "query A { node(id: 1) {} search {} other: node(id: 2) { id } }",
            )],
        )
        .expect("valid in the September 2026 edition");
        let doc = with_typenames(&schema, &doc);
        let text = document_text(&doc, &doc.operations.named["A"]);
        assert!(text.contains("node(id: 1) {}"), "{text}");
        assert!(text.contains("search {}"), "{text}");
        // The non-empty abstract selection still gets its __typename.
        assert_eq!(text.matches("__typename").count(), 1, "{text}");
        ExecutableDocument::parse_and_validate(&schema, text.as_str(), "again.graphql")
            .expect("still valid");
    }

    #[test]
    fn document_text_leaves_descriptions_out() {
        let schema = schema();
        let doc = parse_and_validate(
            &schema,
            &[source(
                "a.graphql",
                r#""""Find a node."""
                query A("Its ID." $id: ID!) { node(id: $id) { ...N } }
                "The node's ID." fragment N on Node { id }"#,
            )],
        )
        .expect("valid");
        let operation = &doc.operations.named["A"];
        assert_eq!(operation.description.as_deref(), Some("Find a node."));
        let text = document_text(&doc, operation);
        assert_eq!(
            text,
            "query A($id: ID!) {\n  node(id: $id) {\n    ...N\n  }\n}\n\nfragment N on Node {\n  id\n}\n"
        );
    }

    #[test]
    fn document_text_carries_the_fragments_it_uses_transitively() {
        let schema = schema();
        let doc = parse_and_validate(
            &schema,
            &[source(
                "a.graphql",
                "query A { node(id: 1) { ...Outer } } query B { me: node(id: 2) { ...Other } } fragment Outer on Node { ...Inner } fragment Inner on Node { id } fragment Other on User { name }",
            )],
        )
        .expect("valid");
        let text = document_text(&doc, &doc.operations.named["A"]);
        assert!(text.contains("fragment Outer"), "{text}");
        assert!(text.contains("fragment Inner"), "{text}");
        assert!(!text.contains("Other"), "{text}");
        assert!(!text.contains("query B"), "{text}");
    }
}
