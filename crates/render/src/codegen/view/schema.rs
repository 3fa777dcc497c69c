//! The schema file: the enums, input objects (`@oneOf` ones as members of which exactly one is
//! given) and custom scalars the operations reach, under their declared names, and what the
//! file imports.

use super::imports::{File, Refs};
use super::reach::Reach;
use super::types::non_null;
use super::{Builder, Decl, EnumValueView, EnumView, Import, ObjectDecl, OneOfDecl, OneOfMember};
use super::{ScalarView, Warning};
use crate::codegen::naming::{pascal, Registry};
use crate::codegen::scalars::ScalarMap;
use crate::codegen::shape::deprecation;
use apollo_compiler::schema::{ExtendedType, InputObjectType};
use apollo_compiler::Name;
use std::collections::BTreeSet;

/// What the schema file declares and imports.
pub(super) struct SchemaTypes {
    pub(super) scalars: Vec<ScalarView>,
    pub(super) enums: Vec<EnumView>,
    pub(super) inputs: Vec<Decl>,
    pub(super) imports: Vec<Import>,
}

impl Builder<'_> {
    /// Declare the schema types `reach` found: their names first, claimed in name order (a
    /// schema type keeps its GraphQL name, as the language spells type names), then the
    /// declarations.
    pub(super) fn schema_types(&mut self, reach: &Reach, mapping: &ScalarMap) -> SchemaTypes {
        let mut names: Vec<&Name> = reach
            .enums
            .iter()
            .chain(&reach.inputs)
            .chain(&reach.scalars)
            .collect();
        names.sort();
        for name in names {
            let claimed = self
                .names
                .claim_escaped(&(self.spec.naming.schema_type)(name));
            self.type_names.insert(name.clone(), claimed);
        }
        let scalars = self.scalars(&reach.scalars, mapping);
        let enums = self.enums(&reach.enums);
        let mut refs = Refs::default();
        let inputs = self.inputs(&reach.inputs, &mut refs);
        for scalar in &scalars {
            if let Some(module) = (self.spec.imports.scalar_target)(&scalar.target) {
                refs.need_module(module);
            }
        }
        if !enums.is_empty() {
            refs.need(self.spec.imports.enums);
        }
        if !scalars.is_empty() {
            refs.need(self.spec.imports.scalars);
        }
        SchemaTypes {
            scalars,
            enums,
            inputs,
            imports: refs.imports(self.spec, File::Schema),
        }
    }

    /// Custom scalars: the mapped type, or the JSON value type with a warning.
    fn scalars(&mut self, reached: &BTreeSet<Name>, mapping: &ScalarMap) -> Vec<ScalarView> {
        let mut views = Vec::new();
        for name in reached {
            let (target, mapped) = match mapping.get(name.as_str()) {
                Some(target) => (target.clone(), true),
                None => {
                    self.warnings.push(unmapped(
                        name,
                        self.spec.name,
                        self.spec.types.unknown_scalar,
                    ));
                    self.uses_json_value = true;
                    (self.spec.types.unknown_scalar.to_owned(), false)
                }
            };
            let description = self
                .schema
                .types
                .get(name)
                .and_then(|t| t.description())
                .map(|d| d.to_string());
            views.push(ScalarView {
                graphql: name.to_string(),
                name: self.type_names[name].clone(),
                target,
                mapped,
                doc: self.doc(description.as_deref()),
            });
        }
        views
    }

    fn enums(&mut self, reached: &BTreeSet<Name>) -> Vec<EnumView> {
        let mut views = Vec::new();
        for name in reached {
            let Some(ExtendedType::Enum(def)) = self.schema.types.get(name) else {
                continue;
            };
            let type_name = self.type_names[name].clone();
            let values = def
                .values
                .values()
                .map(|value| {
                    let constant = match self.spec.naming.enum_constant {
                        Some(constant) => self.names.claim(&constant(&type_name, &value.value)),
                        None => value.value.to_string(),
                    };
                    EnumValueView {
                        value: value.value.to_string(),
                        name: constant,
                        doc: self.doc(value.description.as_deref()),
                        deprecated: deprecation(&value.directives),
                    }
                })
                .collect();
            views.push(EnumView {
                graphql: name.to_string(),
                name: type_name,
                doc: self.doc(def.description.as_deref()),
                values,
            });
        }
        views
    }

    fn inputs(&mut self, reached: &BTreeSet<Name>, refs: &mut Refs) -> Vec<Decl> {
        let mut decls = Vec::new();
        for name in reached {
            let Some(ExtendedType::InputObject(def)) = self.schema.types.get(name) else {
                continue;
            };
            if def.is_one_of() {
                decls.push(self.one_of(name, def, refs));
                continue;
            }
            let mut keys = Registry::default();
            let fields = def
                .fields
                .values()
                .map(|field| {
                    let optional = !field.ty.is_non_null() || field.default_value.is_some();
                    let ty = self.input_expr(&field.ty, refs);
                    let mut doc = self.doc(field.description.as_deref());
                    doc.extend(field.default_value.as_ref().map(super::keys::default_doc));
                    self.key(
                        &field.name,
                        ty,
                        optional,
                        doc,
                        deprecation(&field.directives),
                        &mut keys,
                        refs,
                    )
                })
                .collect::<Vec<_>>();
            decls.push(Decl::Object(ObjectDecl {
                name: self.type_names[name].clone(),
                doc: self.doc(def.description.as_deref()),
                description: Vec::new(),
                class_syntax: self.class_syntax(&fields),
                fields,
            }));
        }
        if !decls.is_empty() {
            refs.need(self.spec.imports.object);
        }
        decls
    }

    /// A `@oneOf` input object: one member per field, each the field made non-null and
    /// required, spelled as the language's [`crate::codegen::lang::OneOfStyle`] says.
    fn one_of(&mut self, name: &Name, def: &InputObjectType, refs: &mut Refs) -> Decl {
        let type_name = self.type_names[name].clone();
        let style = &self.spec.one_of;
        refs.need(style.imports);
        let mut keys = Registry::with_reserved(style.methods.iter().copied());
        let members = def
            .fields
            .values()
            .map(|field| {
                // Validation makes every field of a oneOf input nullable and without a default:
                // each member gives one of them, non-null.
                let ty = self.input_expr(&non_null(&field.ty), refs);
                let doc = self.doc(field.description.as_deref());
                let mut view = self.key(
                    &field.name,
                    ty,
                    false,
                    doc,
                    deprecation(&field.directives),
                    &mut keys,
                    refs,
                );
                (view.annotation, view.tag) = (style.field)(&field.name, &view.ty);
                let member_name = if style.member_types {
                    self.names
                        .claim(&format!("{type_name}{}", pascal(&field.name)))
                } else {
                    String::new()
                };
                OneOfMember {
                    name: member_name,
                    class_syntax: self.class_syntax(std::slice::from_ref(&view)),
                    field: view,
                }
            })
            .collect();
        let mut doc = self.doc(def.description.as_deref());
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(format!(
            "{type_name} is a @oneOf input: exactly one of its fields must be given."
        ));
        Decl::OneOf(OneOfDecl {
            name: type_name,
            doc,
            members,
        })
    }
}

/// The warning for a custom scalar nobody mapped.
fn unmapped(name: &Name, language: &str, fallback: &str) -> Warning {
    format!(
        "custom scalar {name} has no {language} type; using {fallback} (map it with --scalar {name}=TYPE or [codegen.scalars] in schemalift.toml)"
    )
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, one_of};
    use crate::codegen::Language;

    const ONE_OF: &str = r#"
        type Query { stack(by: StackBy!): Stack, find(key: StackById): Stack }
        type Stack { id: ID! name: String! }
        "Find a stack."
        input StackBy @oneOf {
          id: ID
          "The slug."
          slug: String
          validate: [String!] @deprecated(reason: "Gone.")
        }
        "A schema type whose name a member of StackBy would take."
        scalar StackById
    "#;
    const FIND: &str =
        "query Find($by: StackBy!, $k: StackById) { stack(by: $by) { id } find(key: $k) { id } }";

    #[test]
    fn one_of_members_are_required_and_non_null_in_every_language() {
        for language in Language::ALL {
            let view = fixture::view(ONE_OF, FIND, language);
            let decl = one_of(&view.inputs);
            let keys: Vec<&str> = decl.members.iter().map(|m| m.field.json.as_str()).collect();
            assert_eq!(keys, ["id", "slug", "validate"], "{language}");
            assert!(decl.members.iter().all(|m| !m.field.optional));
            assert_eq!(decl.members[1].field.doc, ["The slug."]);
            assert_eq!(decl.members[2].field.deprecated.as_deref(), Some("Gone."));
            assert_eq!(
                decl.doc,
                [
                    "Find a stack.",
                    "",
                    "StackBy is a @oneOf input: exactly one of its fields must be given."
                ]
            );
        }
        let ts = fixture::view(ONE_OF, FIND, Language::TypeScript);
        let annotations: Vec<&str> = one_of(&ts.inputs)
            .members
            .iter()
            .map(|m| m.field.annotation.as_str())
            .collect();
        assert_eq!(annotations, ["string", "string", "Array<string>"]);
        assert!(one_of(&ts.inputs).members.iter().all(|m| m.name.is_empty()));
    }

    #[test]
    fn python_one_of_members_claim_names_through_the_registry() {
        let view = fixture::view(ONE_OF, FIND, Language::Python);
        let names: Vec<&str> = one_of(&view.inputs)
            .members
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        // The schema's own StackById keeps its name; the member steps aside.
        assert_eq!(names, ["StackById2", "StackBySlug", "StackByValidate"]);
        assert!(view.scalars.iter().any(|s| s.name == "StackById"));
        assert_eq!(one_of(&view.inputs).members[0].field.annotation, "str");
        let typing = view.schema_imports.iter().find(|i| i.module == "typing");
        assert_eq!(typing.expect("typing").names, ["TypeAlias", "TypedDict"]);
    }

    #[test]
    fn go_one_of_fields_are_pointers_that_avoid_the_method_names() {
        let view = fixture::view(ONE_OF, FIND, Language::Go);
        let fields: Vec<(&str, &str, &str)> = one_of(&view.inputs)
            .members
            .iter()
            .map(|m| {
                let field = &m.field;
                (
                    field.name.as_str(),
                    field.annotation.as_str(),
                    field.tag.as_str(),
                )
            })
            .collect();
        assert_eq!(
            fields,
            [
                ("ID", "*string", "`json:\"id,omitempty\"`"),
                ("Slug", "*string", "`json:\"slug,omitempty\"`"),
                // `Validate` is the method's name.
                ("Validate2", "*[]string", "`json:\"validate,omitempty\"`"),
            ]
        );
        let modules: Vec<&str> = view
            .schema_imports
            .iter()
            .map(|i| i.module.as_str())
            .collect();
        assert_eq!(modules, ["encoding/json", "fmt"]);
    }

    const ENUMS: &str = r#"
        type Query { runs(state: RunState): [Run!]! }
        type Run { state: RunState! }
        "Where a run is."
        enum RunState { QUEUED "Done." FINISHED OPEN_TOFU @deprecated(reason: "Gone.") }
    "#;

    #[test]
    fn enum_values_are_literals_or_go_constants() {
        let ops = "query Runs($s: RunState) { runs(state: $s) { state } }";
        for language in [Language::TypeScript, Language::Python] {
            let view = fixture::view(ENUMS, ops, language);
            let names: Vec<&str> = view.enums[0]
                .values
                .iter()
                .map(|v| v.name.as_str())
                .collect();
            assert_eq!(names, ["QUEUED", "FINISHED", "OPEN_TOFU"], "{language}");
        }
        let go = fixture::view(ENUMS, ops, Language::Go);
        let enum_ = &go.enums[0];
        let names: Vec<&str> = enum_.values.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(
            names,
            ["RunStateQueued", "RunStateFinished", "RunStateOpenTofu"]
        );
        assert_eq!(enum_.doc, ["Where a run is."]);
        assert_eq!(enum_.values[1].doc, ["Done."]);
        assert_eq!(enum_.values[2].deprecated.as_deref(), Some("Gone."));
        assert_eq!(enum_.values[2].value, "OPEN_TOFU");
        let python = fixture::view(ENUMS, ops, Language::Python);
        let typing = python.schema_imports.iter().find(|i| i.module == "typing");
        assert_eq!(typing.expect("typing").names, ["Literal", "TypeAlias"]);
    }

    const SCALARS: &str = r#"
        type Query { at: Time, doc: JSON, name: String }
        "An instant."
        scalar Time
        scalar JSON
    "#;

    #[test]
    fn unmapped_scalars_fall_back_to_the_json_value_type_with_a_warning() {
        for language in Language::ALL {
            let (view, warnings) = fixture::view_with(
                SCALARS,
                "query Q { at doc name }",
                language,
                &[("Time", "T")],
            );
            let spec = language.spec();
            let targets: Vec<(&str, &str, bool)> = view
                .scalars
                .iter()
                .map(|s| (s.name.as_str(), s.target.as_str(), s.mapped))
                .collect();
            assert_eq!(
                targets,
                [
                    ("JSON", spec.types.unknown_scalar, false),
                    ("Time", "T", true)
                ]
            );
            assert_eq!(view.scalars[1].doc, ["An instant."]);
            assert!(view.uses_json_value);
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(warnings[0].starts_with(&format!(
                "custom scalar JSON has no {} type; using {}",
                spec.name, spec.types.unknown_scalar
            )));
        }
    }

    #[test]
    fn scalar_targets_bring_their_imports() {
        let ops = "query Q { at }";
        let go = fixture::view_with(SCALARS, ops, Language::Go, &[("Time", "time.Time")]).0;
        let modules: Vec<&str> = go
            .schema_imports
            .iter()
            .map(|i| i.module.as_str())
            .collect();
        assert_eq!(modules, ["time"]);
        let py = fixture::view_with(
            SCALARS,
            ops,
            Language::Python,
            &[("Time", "datetime.datetime")],
        )
        .0;
        let modules: Vec<&str> = py
            .schema_imports
            .iter()
            .map(|i| i.module.as_str())
            .collect();
        assert_eq!(modules, ["datetime", "typing"]);
        assert!(!py.uses_json_value);
    }

    #[test]
    fn schema_type_names_step_aside_for_keywords_and_the_runtime() {
        let sdl = r#"
            type Query { a(x: Client, y: type): Int }
            input Client { v: Int }
            input type { v: Int }
        "#;
        let ops = "query A($x: Client, $y: type) { a(x: $x, y: $y) }";
        let names = |language| -> Vec<String> {
            let view = fixture::view(sdl, ops, language);
            view.inputs.iter().map(|d| d.name().to_owned()).collect()
        };
        // TypeScript: `type` is a keyword, escaped with `_`; `Client` is free.
        assert_eq!(names(Language::TypeScript), ["Client", "type_"]);
        // Python: the runtime's `Client` is taken.
        assert_eq!(names(Language::Python), ["Client_", "type"]);
        // Go: exported spelling; the runtime's `Client` is taken.
        assert_eq!(names(Language::Go), ["Client_", "Type"]);
    }
}
