//! Loading: text inputs (SDL, possibly several files, or one introspection result) into one
//! apollo-compiler schema with its diagnostics.

use crate::edition::{self, NewerRule};
use crate::{introspection, read_inputs, Input, LoadError, SchemaSource};
use crate::{Edition, Located};
use apollo_compiler::ast;
use apollo_compiler::diagnostic::Diagnostic;
use apollo_compiler::validation::{DiagnosticData, DiagnosticList, Valid};
use apollo_compiler::Schema;

/// What the inputs were written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Sdl,
    Introspection,
}

/// A schema ready for every command, valid or not.
#[derive(Debug)]
pub struct LoadedSchema {
    /// The schema. When `diagnostics` is not empty it is the partial schema apollo-compiler could
    /// build (first definitions win), marked valid only so that read-only commands can walk it.
    pub schema: Valid<Schema>,
    /// Build and validation errors under the September 2026 edition; empty when the schema is
    /// valid.
    pub diagnostics: DiagnosticList,
    /// For each diagnostic, in order: the rule newer than October 2021 that reported it, if any.
    pub newer_rules: Vec<Option<&'static NewerRule>>,
    /// What of an introspection answer could not be represented (see
    /// [`introspection::Converted`]).
    pub warnings: Vec<String>,
    pub format: Format,
}

impl LoadedSchema {
    /// A schema read from introspection JSON (fetched from a server), validated as a loaded one
    /// is.
    pub fn from_introspection(converted: introspection::Converted) -> LoadedSchema {
        let mut loaded = finish(converted.schema, None, Format::Introspection);
        loaded.warnings = converted.warnings;
        loaded
    }

    /// Valid under the September 2026 edition.
    pub fn is_valid(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// The diagnostics that count under `edition`, each with the newer rule that reported it.
    pub fn diagnostics_under(
        &self,
        edition: Edition,
    ) -> impl Iterator<Item = (Diagnostic<'_, DiagnosticData>, Option<&'static NewerRule>)> {
        self.diagnostics
            .iter()
            .zip(&self.newer_rules)
            .filter(move |(_, rule)| rule.is_none_or(|rule| rule.edition <= edition))
            .map(|(diagnostic, rule)| (diagnostic, *rule))
    }

    /// Valid under `edition`'s rules. Under October 2021, what breaks only newer rules is a
    /// warning for commands that read the schema rather than judge it.
    pub fn is_valid_under(&self, edition: Edition) -> bool {
        self.diagnostics_under(edition).next().is_none()
    }

    /// The diagnostics that count under `edition`, located, each naming its newer rule.
    pub fn located_under(&self, edition: Edition) -> Vec<Located> {
        (self.diagnostics_under(edition))
            .map(|(diagnostic, rule)| Located::with_rule(&diagnostic, rule))
            .collect()
    }
}

/// Read and load the given sources as one schema.
pub fn load(sources: &[SchemaSource]) -> Result<LoadedSchema, LoadError> {
    load_inputs(read_inputs(sources)?)
}

/// Load text inputs: one introspection result, or any number of SDL documents merged (so
/// `extend type` across files works). Syntax errors are an `Err`; an invalid schema is not.
pub fn load_inputs(inputs: Vec<Input>) -> Result<LoadedSchema, LoadError> {
    if let Some(json) = inputs.iter().find(|input| input.is_json()) {
        if inputs.len() > 1 {
            return Err(LoadError::MixedFormats {
                name: json.name.clone(),
            });
        }
        let converted = introspection::from_json(&json.text, &json.name)?;
        return Ok(LoadedSchema::from_introspection(converted));
    }
    let (mut syntax, mut documents) = (None::<DiagnosticList>, Vec::with_capacity(inputs.len()));
    for input in inputs {
        match ast::Document::parse(input.text, &input.name) {
            Ok(document) => documents.push(document),
            Err(with_errors) => match &mut syntax {
                Some(list) => list.merge(with_errors.errors),
                None => syntax = Some(with_errors.errors),
            },
        }
    }
    if let Some(list) = syntax {
        return Err(LoadError::Syntax(Box::new(list)));
    }
    let mut builder = Schema::builder();
    for document in &documents {
        builder = builder.add_ast(document);
    }
    let (schema, build_errors) = match builder.build() {
        Ok(schema) => (schema, None),
        Err(with_errors) => (with_errors.partial, Some(with_errors.errors)),
    };
    Ok(finish(schema, build_errors, Format::Sdl))
}

fn finish(schema: Schema, build_errors: Option<DiagnosticList>, format: Format) -> LoadedSchema {
    let (schema, diagnostics) = match (schema.validate(), build_errors) {
        (Ok(valid), None) => {
            let empty = DiagnosticList::new(valid.sources.clone());
            (valid, empty)
        }
        (Ok(valid), Some(errors)) => (valid, errors),
        (Err(invalid), build_errors) => {
            let mut diagnostics = invalid.errors;
            if let Some(errors) = build_errors {
                diagnostics.merge(errors);
            }
            (Valid::assume_valid(invalid.partial), diagnostics)
        }
    };
    let newer_rules = edition::classify(&schema, &diagnostics);
    LoadedSchema {
        schema,
        diagnostics,
        newer_rules,
        warnings: Vec::new(),
        format,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sdl(name: &str, text: &str) -> Input {
        Input {
            name: name.into(),
            text: text.into(),
        }
    }

    #[test]
    fn merges_files_with_extensions() {
        let loaded = load_inputs(vec![
            sdl("a.graphql", "type Query { a: Int }"),
            sdl("b.graphql", "extend type Query { b: String }"),
        ])
        .unwrap();
        assert!(loaded.is_valid());
        assert_eq!(loaded.schema.get_object("Query").unwrap().fields.len(), 2);
    }

    #[test]
    fn invalid_schema_loads_with_its_errors() {
        let loaded = load_inputs(vec![sdl(
            "dup.graphql",
            "type Query { a: Int\n a: String }\n",
        )])
        .unwrap();
        assert!(!loaded.is_valid());
        let located = crate::locate_all(&loaded.diagnostics);
        assert_eq!(located.len(), 1, "{located:?}");
        assert_eq!(located[0].file, "dup.graphql");
        assert_eq!(located[0].line, Some(2));
        assert_eq!(
            located[0].to_string(),
            "dup.graphql:2:2: duplicate definitions for the `a` field of object type `Query`"
        );
    }

    #[test]
    fn syntax_errors_are_errors_with_a_position() {
        let err = load_inputs(vec![sdl("bad.graphql", "type Query {\n  a: \n")]).unwrap_err();
        let message = err.to_string();
        assert_eq!(
            message,
            "2 syntax errors, the first: bad.graphql:2:7: syntax error: expected a Type"
        );
    }

    #[test]
    fn one_of_is_built_in() {
        let loaded = load_inputs(vec![sdl(
            "o.graphql",
            "type Query { a(by: By): Int }\ninput By @oneOf { id: ID name: String }",
        )])
        .unwrap();
        assert!(loaded.is_valid(), "{}", loaded.diagnostics);
    }

    #[test]
    fn json_cannot_mix_with_sdl() {
        let err = load_inputs(vec![
            sdl("a.graphql", "type Query { a: Int }"),
            sdl("b.json", "{\"__schema\": {}}"),
        ])
        .unwrap_err();
        assert!(matches!(err, LoadError::MixedFormats { .. }));
    }
}
