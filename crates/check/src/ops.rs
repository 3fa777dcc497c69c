//! Operations-aware checks (`--ops GLOB`): the client's operation documents are validated against
//! the NEW schema, and read against the OLD one (which they were written for) to learn which
//! schema elements each operation uses, so every breaking change can name the operations it
//! breaks, or be reported as unused by them.

use crate::change::{ChangeKind, Criticality};
use crate::rules::Finding;
use apollo_compiler::ast::{self, Value};
use apollo_compiler::collections::HashSet;
use apollo_compiler::executable::{ExecutableDocument, Fragment, Selection, SelectionSet};
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::validation::Valid;
use apollo_compiler::{Name, Node, Schema};
use schemalift_model::documents::Document;
use schemalift_model::{locate_all, Coordinate, Located};
use std::sync::Arc;

/// An operation document that does not parse (reading them is `schemalift_model::documents`).
#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    #[error("{0}")]
    Syntax(Box<Located>),
}

/// One operation and the schema elements it uses.
#[derive(Debug, Clone)]
pub struct UsedOperation {
    /// `file:line:col Name` (or `<anonymous>`).
    pub label: String,
    /// Coordinates as printed (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `@dir`),
    /// plus `schema:query|mutation|subscription` for the root it runs on.
    pub uses: HashSet<String>,
}

/// The operations, what they use, and their errors against the NEW schema.
#[derive(Debug, Default)]
pub struct OperationsReport {
    pub files: usize,
    pub operations: Vec<UsedOperation>,
    /// Validation errors against NEW, `file:line:col: message`.
    pub errors: Vec<Located>,
}

/// Parse the files as one document (fragments may live in other files), validate it against
/// `new`, and record what each operation uses in `old`.
pub fn check(
    files: &[Document],
    old: &Valid<Schema>,
    new: &Valid<Schema>,
) -> Result<OperationsReport, OpsError> {
    let mut merged = ast::Document::new();
    for Document { name, text } in files {
        let document = ast::Document::parse(text.as_str(), name).map_err(|with| {
            let first = locate_all(&with.errors).into_iter().next();
            OpsError::Syntax(Box::new(first.unwrap_or(Located {
                file: name.clone(),
                line: None,
                column: None,
                message: "syntax error".into(),
                severity: "error",
                rule: None,
                since: None,
            })))
        })?;
        Arc::make_mut(&mut merged.sources)
            .extend(document.sources.iter().map(|(k, v)| (*k, v.clone())));
        merged.definitions.extend(document.definitions);
    }
    let errors = match merged.to_executable_validate(new) {
        Ok(_) => Vec::new(),
        Err(with) => locate_all(&with.errors),
    };
    let against_old = match merged.to_executable(old) {
        Ok(doc) => doc,
        Err(with) => with.partial,
    };
    let operations = against_old
        .operations
        .iter()
        .map(|op| {
            let mut walk = Walk {
                schema: old,
                document: &against_old,
                uses: HashSet::default(),
                fragments: HashSet::default(),
            };
            walk.uses.insert(format!("schema:{}", op.operation_type));
            for variable in &op.variables {
                walk.input_type(variable.ty.inner_named_type(), &mut HashSet::default());
            }
            walk.directives(&op.directives);
            walk.selection_set(&op.selection_set);
            let position = op
                .location()
                .and_then(|span| Some((span.line_column(&against_old.sources)?, span)))
                .map(|(lc, span)| {
                    let file = against_old
                        .sources
                        .get(&span.file_id())
                        .map(|f| f.path().display().to_string())
                        .unwrap_or_default();
                    format!("{file}:{}:{}", lc.line, lc.column)
                })
                .unwrap_or_default();
            let name = op.name.as_ref().map_or("<anonymous>", |n| n.as_str());
            UsedOperation {
                label: format!("{position} {name}"),
                uses: walk.uses,
            }
        })
        .collect();
    Ok(OperationsReport {
        files: files.len(),
        operations,
        errors,
    })
}

struct Walk<'a> {
    schema: &'a Schema,
    document: &'a ExecutableDocument,
    uses: HashSet<String>,
    fragments: HashSet<Name>,
}

impl Walk<'_> {
    fn selection_set(&mut self, set: &SelectionSet) {
        self.uses.insert(set.ty.to_string());
        for selection in &set.selections {
            match selection {
                Selection::Field(field) => {
                    if field.name.starts_with("__") {
                        continue;
                    }
                    let parent = &set.ty;
                    self.uses.insert(format!("{parent}.{}", field.name));
                    self.uses
                        .insert(field.definition.ty.inner_named_type().to_string());
                    for argument in &field.arguments {
                        self.uses
                            .insert(format!("{parent}.{}({}:)", field.name, argument.name));
                        if let Some(def) = field.definition.argument_by_name(&argument.name) {
                            self.value(&def.ty, &argument.value);
                        }
                    }
                    self.directives(&field.directives);
                    // A leaf has none; `field {}` (September 2026) an empty one.
                    if let Some(set) = &field.selection_set {
                        self.selection_set(set);
                    }
                }
                Selection::InlineFragment(inline) => {
                    self.directives(&inline.directives);
                    self.selection_set(&inline.selection_set);
                }
                Selection::FragmentSpread(spread) => {
                    self.directives(&spread.directives);
                    if self.fragments.insert(spread.fragment_name.clone()) {
                        if let Some(fragment) = self.document.fragments.get(&spread.fragment_name) {
                            self.fragment(fragment);
                        }
                    }
                }
            }
        }
    }

    fn fragment(&mut self, fragment: &Node<Fragment>) {
        self.directives(&fragment.directives);
        self.selection_set(&fragment.selection_set);
    }

    fn directives(&mut self, directives: &ast::DirectiveList) {
        for directive in directives.iter() {
            self.uses.insert(format!("@{}", directive.name));
            for argument in &directive.arguments {
                self.uses
                    .insert(format!("@{}({}:)", directive.name, argument.name));
                let ty = self
                    .schema
                    .directive_definitions
                    .get(&directive.name)
                    .and_then(|d| d.argument_by_name(&argument.name))
                    .map(|d| d.ty.clone());
                if let Some(ty) = ty {
                    self.value(&ty, &argument.value);
                }
            }
        }
    }

    /// A literal value of type `ty`: the input fields and enum values it names.
    fn value(&mut self, ty: &ast::Type, value: &Value) {
        let named = ty.inner_named_type();
        self.uses.insert(named.to_string());
        match (value, self.schema.types.get(named)) {
            (Value::List(items), _) => {
                let item = ty.item_type();
                for v in items {
                    self.value(item, v);
                }
            }
            (Value::Enum(v), Some(ExtendedType::Enum(_))) => {
                self.uses.insert(format!("{named}.{v}"));
            }
            (Value::Object(fields), Some(ExtendedType::InputObject(input))) => {
                for (name, v) in fields {
                    self.uses.insert(format!("{named}.{name}"));
                    if let Some(def) = input.fields.get(name) {
                        let ty = def.ty.clone();
                        self.value(&ty, v);
                    }
                }
            }
            // A variable's type was walked as a whole where the variable is defined.
            _ => {}
        }
    }

    /// A variable of this type: the client may send any of its (nested) input fields and values.
    fn input_type(&mut self, named: &Name, seen: &mut HashSet<Name>) {
        if !seen.insert(named.clone()) {
            return;
        }
        self.uses.insert(named.to_string());
        if let Some(ExtendedType::InputObject(input)) = self.schema.types.get(named) {
            for (name, def) in &input.fields {
                self.uses.insert(format!("{named}.{name}"));
                self.input_type(def.ty.inner_named_type(), seen);
            }
        }
    }
}

/// The coordinate whose use by an operation means the change breaks it.
fn usage_key(kind: ChangeKind, coordinate: &Coordinate, old: Option<&str>) -> String {
    use ChangeKind::*;
    match kind {
        // New requirements and new defaults hit everyone who uses the enclosing field, directive
        // or input type.
        RequiredArgumentAdded
        | RequiredInputFieldAdded
        | BecameRequired
        | ArgumentWithDefaultAdded
        | InputFieldWithDefaultAdded => coordinate
            .parent()
            .map_or_else(|| coordinate.to_string(), |p| p.to_string()),
        // Responses may carry the removed value wherever the enum is read.
        EnumValueRemoved => coordinate
            .type_name()
            .map_or_else(|| coordinate.to_string(), |t| t.to_string()),
        RootTypeRemoved | RootTypeChanged => {
            let operation = old.and_then(|o| o.split(':').next()).unwrap_or("query");
            format!("schema:{operation}")
        }
        _ => coordinate.to_string(),
    }
}

impl OperationsReport {
    /// Record on every breaking finding which operations use what it touches (an empty list means
    /// "breaking, unused by your operations").
    pub fn annotate(&self, findings: &mut [Finding]) {
        for finding in findings.iter_mut() {
            if finding.criticality != Criticality::Breaking || finding.ignored {
                continue;
            }
            let key = usage_key(
                finding.change.kind,
                &finding.change.coordinate,
                finding.change.old.as_deref(),
            );
            let users = self
                .operations
                .iter()
                .filter(|op| op.uses.contains(&key))
                .map(|op| op.label.clone())
                .collect();
            finding.used_by = Some(users);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn document(name: &str, text: &str) -> Document {
        Document {
            name: name.into(),
            text: text.into(),
        }
    }

    fn schema(sdl: &str) -> Valid<Schema> {
        Schema::parse_and_validate(sdl, "s.graphql").unwrap()
    }

    const OLD: &str =
        "type Query { stack(id: ID!): Stack stacks(filter: Filter): [Stack] other: Int }
        type Stack { id: ID! name: String old: Int state: State }
        enum State { A B }
        input Filter { state: State name: String }";

    #[test]
    fn breaking_changes_name_the_operations_they_break() {
        let new = "type Query { stack(id: ID!): Stack stacks(filter: Filter): [Stack] }
            type Stack { id: ID! name: String state: State }
            enum State { A }
            input Filter { state: State name: String! }";
        let (old, new) = (schema(OLD), schema(new));
        let files = [
            document(
                "a.graphql",
                "query One { stack(id: 1) { ...F } }\nfragment F on Stack { name old }",
            ),
            document(
                "b.graphql",
                "query Many($f: Filter) { stacks(filter: $f) { id } }",
            ),
        ];
        let report = check(&files, &old, &new).unwrap();
        assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
        assert!(
            report.errors[0].to_string().starts_with("a.graphql:2:28:"),
            "{}",
            report.errors[0]
        );
        let mut findings = Rules::default().apply(crate::diff(&old, &new));
        report.annotate(&mut findings);
        let used: Vec<_> = findings
            .iter()
            .map(|f| (f.change.coordinate.to_string(), f.used_by.clone()))
            .collect();
        assert_eq!(
            used,
            vec![
                (
                    "Filter.name".into(),
                    Some(vec!["b.graphql:1:1 Many".to_owned()])
                ),
                // No operation selects it: breaking, unused by these operations.
                ("Query.other".into(), Some(vec![])),
                (
                    "Stack.old".into(),
                    Some(vec!["a.graphql:1:1 One".to_owned()])
                ),
                // `Many` may send any `Filter` field in `$f`, `state` among them.
                (
                    "State.B".into(),
                    Some(vec!["b.graphql:1:1 Many".to_owned()])
                ),
            ]
        );
    }

    #[test]
    fn syntax_errors_name_the_file() {
        let old = schema(OLD);
        let err = check(&[document("x.graphql", "query {")], &old, &old).unwrap_err();
        assert!(err.to_string().starts_with("x.graphql:1:"), "{err}");
    }
}
