//! What the operation documents make: the fragments file (a type per fragment) and one file per
//! operation (its variables and result types, its document as a string literal, its request
//! function), with the header naming the files they came from and the comments and
//! descriptions they carry.

use super::imports::{File, Refs};
use super::keys::default_doc;
use super::results::Out;
use super::{Builder, Decl, FieldView, FragmentsView, ObjectDecl, OperationView};
use crate::codegen::naming::{pascal, Registry};
use crate::codegen::operations::{document_text, fragments_used};
use crate::codegen::shape::Shape;
use apollo_compiler::ast::OperationType;
use apollo_compiler::executable::Operation;
use apollo_compiler::parser::SourceSpan;
use apollo_compiler::{ExecutableDocument, Name, Node};
use std::collections::{BTreeMap, BTreeSet};

/// The fragments file, and the type name of each fragment, which operation files refer to.
pub(super) struct Fragments {
    pub(super) view: FragmentsView,
    pub(super) type_names: BTreeMap<Name, String>,
}

impl Builder<'_> {
    /// The fragments' types: their names first, claimed in name order, then the declarations.
    pub(super) fn fragments(
        &mut self,
        document: &ExecutableDocument,
        shapes: &[(Name, Shape)],
        schema_name: &str,
    ) -> Fragments {
        let mut names: Vec<&Name> = document.fragments.keys().collect();
        names.sort();
        let type_names: BTreeMap<Name, String> = names
            .iter()
            .map(|name| ((*name).clone(), self.names.claim(&pascal(name))))
            .collect();
        let mut refs = Refs::default();
        let mut decls = Vec::new();
        for (name, shape) in shapes {
            let type_name = type_names[name].clone();
            let doc = vec![format!("The fields of fragment {name}.")];
            let first = decls.len();
            let mut out = Out {
                fragments: &type_names,
                refs: &mut refs,
                decls: &mut decls,
            };
            self.shape_decls(shape, type_name.clone(), &type_name, doc, &mut out);
            let fragment = document.fragments.get(name);
            let description = self.description(fragment.and_then(|f| f.description.as_deref()));
            if let Some(decl) = decls.get_mut(first) {
                decl.set_description(description);
            }
        }
        let sources: BTreeSet<String> = names
            .iter()
            .filter_map(|n| source_name(document, document.fragments.get(*n)?.location()))
            .collect();
        Fragments {
            view: FragmentsView {
                header: header(schema_name, sources.iter()),
                decls,
                imports: refs.imports(self.spec, File::Fragments),
                names: type_names.values().cloned().collect(),
            },
            type_names,
        }
    }

    /// An operation's file, named in `files`.
    pub(super) fn operation(
        &mut self,
        document: &ExecutableDocument,
        op: &Node<Operation>,
        shape: Shape,
        fragments: &Fragments,
        files: &mut Registry,
        schema_name: &str,
    ) -> OperationView {
        let spec = self.spec;
        let naming = &spec.naming;
        let graphql = op.name.as_ref().map(|n| n.to_string()).unwrap_or_default();
        let base = pascal(&graphql);
        let mut refs = Refs::default();
        let request = op.operation_type != OperationType::Subscription;

        let result_type = self.names.claim(&format!("{base}Result"));
        let variables_type = self.names.claim(&format!("{base}Variables"));
        let function = (naming.function)(&graphql);
        let function = if naming.function_escapes {
            self.names.claim_escaped(&function)
        } else {
            self.names.claim(&function)
        };
        let document_name = self.names.claim(&(naming.document)(&graphql));

        let mut decls = Vec::new();
        let doc = vec![format!(
            "The data {} {graphql} returns.",
            op.operation_type.name()
        )];
        let mut out = Out {
            fragments: &fragments.type_names,
            refs: &mut refs,
            decls: &mut decls,
        };
        self.shape_decls(&shape, result_type.clone(), &base, doc, &mut out);

        let variables = self.variables(op, &mut refs);
        let requires_variables = variables.iter().any(|v| !v.optional);
        decls.insert(
            0,
            Decl::Object(ObjectDecl {
                name: variables_type.clone(),
                doc: vec![format!("The variables of {graphql}.")],
                description: Vec::new(),
                class_syntax: self.class_syntax(&variables),
                fields: variables,
            }),
        );
        refs.need(self.spec.imports.object);
        if request {
            refs.need(self.spec.imports.request);
        }

        let module = files.claim(&(naming.file_stem)(&graphql));
        let file = format!("{module}.{}", self.spec.extension);

        let mut sources: Vec<String> = source_name(document, op.location()).into_iter().collect();
        let fragment_sources: BTreeSet<String> = fragments_used(document, &op.selection_set)
            .iter()
            .filter_map(|n| source_name(document, document.fragments.get(n)?.location()))
            .filter(|s| !sources.contains(s))
            .collect();
        sources.extend(fragment_sources);

        let text = document_text(document, op);
        let mut exports = vec![document_name.clone()];
        exports.extend(decls.iter().map(|d| d.name().to_owned()));
        if request {
            exports.push(function.clone());
        }
        exports.sort();
        OperationView {
            kind: op.operation_type.name(),
            file,
            module,
            header: header(schema_name, sources.iter()),
            doc: leading_comment(document, op.location())
                .iter()
                .flat_map(|l| self.spec.doc_lines(l))
                .collect(),
            description: self.description(op.description.as_deref()),
            function,
            document_name,
            document_literal: (self.spec.text.string_literal)(&text),
            variables_type,
            result_type,
            requires_variables,
            request,
            decls,
            imports: refs.imports(self.spec, File::Operation),
            exports,
            graphql,
        }
    }

    /// The keys of an operation's variables object.
    fn variables(&self, op: &Operation, refs: &mut Refs) -> Vec<FieldView> {
        let mut keys = Registry::default();
        op.variables
            .iter()
            .map(|variable| {
                let optional = !variable.ty.is_non_null() || variable.default_value.is_some();
                let ty = self.input_expr(&variable.ty, refs);
                let doc = variable
                    .default_value
                    .as_ref()
                    .map(default_doc)
                    .into_iter()
                    .collect();
                let mut view = self.key(&variable.name, ty, optional, doc, None, &mut keys, refs);
                view.description = self.description(variable.description.as_deref());
                view
            })
            .collect()
    }
}

/// `Code generated by schemalift codegen from SCHEMA and FILES. DO NOT EDIT.` (the line Go tools
/// recognise as marking generated code).
pub(super) fn header<'s>(schema: &str, sources: impl Iterator<Item = &'s String>) -> String {
    let sources: Vec<&str> = sources.map(String::as_str).collect();
    let from = if sources.is_empty() {
        schema.to_owned()
    } else {
        format!("{schema} and {}", sources.join(", "))
    };
    format!("Code generated by schemalift codegen from {from}. DO NOT EDIT.")
}

/// The file a definition came from.
fn source_name(document: &ExecutableDocument, span: Option<SourceSpan>) -> Option<String> {
    let file = document.sources.get(&span?.file_id())?;
    Some(file.path().display().to_string())
}

/// The `#` comment lines right above a definition: its documentation.
fn leading_comment(document: &ExecutableDocument, span: Option<SourceSpan>) -> Vec<String> {
    let Some(span) = span else { return Vec::new() };
    let Some(file) = document.sources.get(&span.file_id()) else {
        return Vec::new();
    };
    let text = file.source_text();
    let before = text.get(..span.offset()).unwrap_or_default();
    let mut lines: Vec<String> = before
        .lines()
        .rev()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.trim_start().starts_with('#'))
        .map(|l| l.trim_start().trim_start_matches('#').trim().to_owned())
        .collect();
    lines.reverse();
    lines
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, object};
    use crate::codegen::Language;

    const SDL: &str = r#"
        type Query { stack(id: ID!): Stack, node(id: ID!): Stack }
        type Mutation { delete(id: ID!): Boolean }
        type Subscription { runs: Int }
        type Stack { id: ID! name: String! }
    "#;

    /// (file, function, document constant) of each operation.
    fn names(operations: &str, language: Language) -> Vec<(String, String, String)> {
        fixture::view(SDL, operations, language)
            .operations
            .into_iter()
            .map(|o| (o.file, o.function, o.document_name))
            .collect()
    }

    fn owned(names: [(&str, &str, &str); 2]) -> Vec<(String, String, String)> {
        names
            .iter()
            .map(|(a, b, c)| ((*a).into(), (*b).into(), (*c).into()))
            .collect()
    }

    const TWO: &str = r#"
        mutation delete($id: ID!) { delete(id: $id) }
        query StackDetails($id: ID!) { stack(id: $id) { name } }
    "#;

    #[test]
    fn file_stems_functions_and_documents_per_language() {
        assert_eq!(
            names(TWO, Language::TypeScript),
            owned([
                ("StackDetails.ts", "stackDetails", "StackDetailsDocument"),
                // `delete` is a keyword: the function escapes with `_`, the file (whose name
                // compares without case) with a number.
                ("Delete2.ts", "delete_", "DeleteDocument"),
            ])
        );
        assert_eq!(
            names(TWO, Language::Python),
            owned([
                (
                    "stack_details.py",
                    "stack_details",
                    "STACK_DETAILS_DOCUMENT"
                ),
                ("delete.py", "delete", "DELETE_DOCUMENT"),
            ])
        );
        assert_eq!(
            names(TWO, Language::Go),
            owned([
                ("stack_details.go", "StackDetails", "StackDetailsDocument"),
                ("delete.go", "Delete", "DeleteDocument"),
            ])
        );
    }

    #[test]
    fn file_names_differ_whatever_their_case_and_spare_the_runtimes_modules() {
        let files = |ops, language| -> Vec<String> {
            names(ops, language)
                .into_iter()
                .map(|(file, _, _)| file)
                .collect()
        };
        let ops = r#"
            query stackDetails { stack(id: 1) { id } }
            query StackDetails { stack(id: 2) { id } }
        "#;
        assert_eq!(
            files(ops, Language::TypeScript),
            ["StackDetails.ts", "StackDetails2.ts"]
        );
        assert_eq!(
            files(ops, Language::Python),
            ["stack_details.py", "stack_details2.py"]
        );
        let ops = "query Client { stack(id: 1) { id } }\nquery Index { node(id: 1) { id } }";
        assert_eq!(
            files(ops, Language::TypeScript),
            ["Client2.ts", "Index2.ts"]
        );
        assert_eq!(files(ops, Language::Python), ["client2.py", "index.py"]);
        assert_eq!(files(ops, Language::Go), ["client2.go", "index.go"]);
    }

    #[test]
    fn subscriptions_have_no_request_function() {
        let ops = "subscription Runs { runs }";
        for language in Language::ALL {
            let view = fixture::view(SDL, ops, language);
            let operation = &view.operations[0];
            assert_eq!(operation.kind, "subscription");
            assert!(!operation.request, "{language}");
            assert!(!operation.exports.contains(&operation.function));
        }
        let go = fixture::view(SDL, ops, Language::Go);
        assert!(go.operations[0].imports.is_empty());
    }

    #[test]
    fn variables_are_required_only_without_a_default_or_null() {
        let view = fixture::view(SDL, TWO, Language::TypeScript);
        assert!(view.operations[0].requires_variables);
        let view = fixture::view(
            SDL,
            "query S($id: ID! = 1) { stack(id: $id) { id } }",
            Language::TypeScript,
        );
        assert!(!view.operations[0].requires_variables);
    }

    const DESCRIBED: &str = r#"
        # Shown above the operation.
        """
        Fetch a stack.
        Ends a comment */ and a docstring \""".
        """
        query Stack("The key." $id: ID!, $n: ID!) {
          stack(id: $id) { ...Summary }
          node(id: $n) {}
        }
        "What a stack shows."
        fragment Summary on Stack { id name }
    "#;

    #[test]
    fn descriptions_of_operations_fragments_and_variables_reach_the_view_escaped() {
        let ts = fixture::view(SDL, DESCRIBED, Language::TypeScript);
        let operation = &ts.operations[0];
        assert_eq!(
            operation.description,
            [
                "Fetch a stack.",
                "Ends a comment *\\/ and a docstring \"\"\"."
            ]
        );
        assert_eq!(operation.doc, ["Shown above the operation."]);
        let variables = object(&operation.decls, "StackVariables");
        assert_eq!(variables.fields[0].description, ["The key."]);
        assert!(variables.fields[1].description.is_empty());
        let summary = object(&ts.fragments.decls, "Summary");
        assert_eq!(summary.description, ["What a stack shows."]);
        assert_eq!(summary.doc, ["The fields of fragment Summary."]);
        // The text sent has none of them.
        assert!(!operation.document_literal.contains("Fetch"));
        assert!(!operation.document_literal.contains("The key."));
        assert!(!operation.document_literal.contains("What a stack"));

        let py = fixture::view(SDL, DESCRIBED, Language::Python);
        assert_eq!(
            py.operations[0].description[1],
            "Ends a comment */ and a docstring \\\"\\\"\\\"."
        );
    }

    #[test]
    fn headers_name_the_schema_and_the_documents() {
        let view = fixture::view(SDL, DESCRIBED, Language::Go);
        let from = "Code generated by schemalift codegen from s.graphql";
        assert_eq!(view.header, format!("{from}. DO NOT EDIT."));
        assert_eq!(
            view.fragments.header,
            format!("{from} and ops.graphql. DO NOT EDIT.")
        );
        assert_eq!(view.operations[0].header, view.fragments.header);
    }

    #[test]
    fn an_empty_selection_declares_an_object_without_fields() {
        for language in Language::ALL {
            let view = fixture::view(SDL, DESCRIBED, language);
            let operation = &view.operations[0];
            let node = object(&operation.decls, "StackNode");
            assert!(node.fields.is_empty(), "{language}");
            assert!(operation.document_literal.contains("node(id: $n) {}"));
        }
    }
}
