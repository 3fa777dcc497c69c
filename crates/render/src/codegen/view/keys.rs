//! The keys of objects (response keys, variables, input fields) as the language writes them: the
//! key's name, its annotation when it may be absent, its struct tag, and whether Python's class
//! syntax can hold the object's keys.

use super::imports::Refs;
use super::{Builder, FieldView};
use crate::codegen::naming::{is_identifier, Registry};
use apollo_compiler::ast::Value;
use apollo_compiler::Node;

impl Builder<'_> {
    /// A key of type `ty`, its name claimed in `keys` (the object's own namespace).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn key(
        &self,
        json: &str,
        ty: String,
        optional: bool,
        doc: Vec<String>,
        deprecated: Option<String>,
        keys: &mut Registry,
        refs: &mut Refs,
    ) -> FieldView {
        let style = &self.spec.keys;
        let annotation = if optional {
            refs.need(self.spec.imports.optional_key);
            (style.optional)(&ty)
        } else {
            ty.clone()
        };
        FieldView {
            json: json.to_owned(),
            name: keys.claim(&(style.name)(json)),
            ty,
            annotation,
            optional,
            tag: (style.tag)(json, optional),
            doc,
            description: Vec::new(),
            deprecated,
        }
    }

    /// Whether Python's class syntax can hold these keys: every key a plain attribute name.
    pub(super) fn class_syntax(&self, fields: &[FieldView]) -> bool {
        fields.iter().all(|f| {
            is_identifier(&f.json)
                && !f.json.starts_with("__")
                && !self.spec.keywords.contains(&f.json.as_str())
        })
    }
}

/// The documentation line of a default value, as GraphQL writes it, on one line.
pub(super) fn default_doc(value: &Node<Value>) -> String {
    format!("Default: {}", Value::serialize(value).no_indent())
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use crate::codegen::Language;

    const SDL: &str = r#"
        type Query { item(options: Options): Item }
        type Item { id: ID! class: String, _id: String, createdAt: Int! }
        input Options { limit: Int = 10, from: String! }
    "#;
    const OPERATIONS: &str = r#"
        query Item($options: Options, $skip: Boolean! = false) {
          item(options: $options) { id class _id createdAt @include(if: $skip) }
        }
    "#;

    /// (name, annotation, tag) of the keys of `decl`.
    fn keys(language: Language, decl: &str) -> Vec<(String, String, String)> {
        let view = fixture::view(SDL, OPERATIONS, language);
        let decls = match decl {
            "Options" => &view.inputs,
            _ => &view.operations[0].decls,
        };
        fixture::object(decls, decl)
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.annotation.clone(), f.tag.clone()))
            .collect()
    }

    fn names(keys: &[(String, String, String)]) -> Vec<&str> {
        keys.iter().map(|(name, _, _)| name.as_str()).collect()
    }

    #[test]
    fn key_names_per_language() {
        assert_eq!(
            names(&keys(Language::TypeScript, "ItemItem")),
            ["id", "class", "_id", "createdAt"]
        );
        assert_eq!(
            names(&keys(Language::Python, "ItemItem")),
            ["id", "class", "_id", "createdAt"]
        );
        // Go: exported, initialisms in capitals; `_id` spells `ID` too and steps aside.
        assert_eq!(
            names(&keys(Language::Go, "ItemItem")),
            ["ID", "Class", "ID2", "CreatedAt"]
        );
    }

    #[test]
    fn absent_keys_per_language() {
        // A conditional result key, a variable with a default, an input field with a default.
        let ts = keys(Language::TypeScript, "ItemItem");
        assert_eq!(ts[3].1, "number");
        let py = keys(Language::Python, "ItemItem");
        assert_eq!(py[3].1, "NotRequired[int]");
        assert_eq!(py[1].1, "str | None");
        let go = keys(Language::Go, "ItemItem");
        assert_eq!(
            go[3],
            (
                "CreatedAt".into(),
                "*int".into(),
                "`json:\"createdAt,omitempty\"`".into()
            )
        );
        assert_eq!(go[1].2, "`json:\"class\"`");
        let variables = keys(Language::Python, "ItemVariables");
        assert_eq!(variables[1].1, "NotRequired[bool]");
        let options = keys(Language::Go, "Options");
        assert_eq!(options[0].1, "*int");
        assert_eq!(options[1].1, "string");
    }

    #[test]
    fn defaults_are_documented() {
        let view = fixture::view(SDL, OPERATIONS, Language::TypeScript);
        let options = fixture::object(&view.inputs, "Options");
        assert_eq!(options.fields[0].doc, ["Default: 10"]);
        let variables = fixture::object(&view.operations[0].decls, "ItemVariables");
        assert_eq!(variables.fields[1].doc, ["Default: false"]);
    }

    #[test]
    fn python_class_syntax_needs_attribute_names() {
        let view = fixture::view(SDL, OPERATIONS, Language::Python);
        // `class` and `from` are keywords: the functional TypedDict form.
        assert!(!fixture::object(&view.operations[0].decls, "ItemItem").class_syntax);
        assert!(!fixture::object(&view.inputs, "Options").class_syntax);
        assert!(fixture::object(&view.operations[0].decls, "ItemVariables").class_syntax);
    }
}
