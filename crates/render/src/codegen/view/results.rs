//! Result types: a selection set's shape as declarations, the object type first and the types
//! of its nested selections after it, a union of objects (told apart by `__typename`) as the
//! union and then each variant's object.

use super::imports::Refs;
use super::{Builder, Decl, ObjectDecl, UnionDecl, VariantView};
use crate::codegen::naming::{pascal, Registry};
use crate::codegen::shape::{ObjectShape, OutKind, OutType, Shape};
use apollo_compiler::Name;
use std::collections::BTreeMap;

/// Past this many possible types, a `__typename` that does not discriminate anything is typed as
/// a plain string rather than a union of literals (`node(id:) { id }` on GitHub: 400 types).
const MAX_TYPENAME_LITERALS: usize = 50;

/// Where result declarations go, and what they may refer to.
pub(super) struct Out<'o> {
    /// Fragment → its declared type name.
    pub(super) fragments: &'o BTreeMap<Name, String>,
    pub(super) refs: &'o mut Refs,
    pub(super) decls: &'o mut Vec<Decl>,
}

impl Builder<'_> {
    /// The declarations for a shape named `name`, in reading order, appended to `out.decls`;
    /// nested types are named `prefix` and the response key.
    pub(super) fn shape_decls(
        &mut self,
        shape: &Shape,
        name: String,
        prefix: &str,
        doc: Vec<String>,
        out: &mut Out,
    ) {
        let union = match shape {
            Shape::Object(object) => {
                return self.object_decls(object, name, prefix, doc, false, out)
            }
            Shape::Union(union) => union,
        };
        let mut fields = Registry::with_reserved(self.spec.keys.union_members.iter().copied());
        let variants: Vec<(VariantView, &ObjectShape)> = union
            .variants
            .iter()
            .map(|variant| {
                let variant_name = self
                    .names
                    .claim(&format!("{name}{}", pascal(&variant.label)));
                let view = VariantView {
                    field: fields.claim(&pascal(&variant.label)),
                    name: variant_name,
                    typenames: variant
                        .object
                        .typenames
                        .iter()
                        .map(|t| t.to_string())
                        .collect(),
                };
                (view, &variant.object)
            })
            .collect();
        out.refs.need(self.spec.imports.union);
        let index = out.decls.len();
        out.decls.push(Decl::Union(UnionDecl {
            name: name.clone(),
            doc,
            description: Vec::new(),
            variants: Vec::new(),
        }));
        let mut views = Vec::new();
        for (view, object) in variants {
            let variant_doc = vec![format!(
                "{name} when __typename is {}.",
                view.typenames.join(" or ")
            )];
            let prefix = view.name.clone();
            self.object_decls(object, view.name.clone(), &prefix, variant_doc, true, out);
            views.push(view);
        }
        if let Some(Decl::Union(union)) = out.decls.get_mut(index) {
            union.variants = views;
        }
    }

    /// An object's declaration, then its nested types'. `discriminates`: the object is a
    /// union's variant, whose `__typename` tells it apart.
    fn object_decls(
        &mut self,
        object: &ObjectShape,
        name: String,
        prefix: &str,
        doc: Vec<String>,
        discriminates: bool,
        out: &mut Out,
    ) {
        out.refs.need(self.spec.imports.object);
        let index = out.decls.len();
        out.decls.push(Decl::Object(ObjectDecl {
            name,
            doc,
            description: Vec::new(),
            fields: Vec::new(),
            class_syntax: true,
        }));
        let mut keys = Registry::default();
        let mut fields = Vec::new();
        for field in &object.fields {
            let child = format!("{prefix}{}", pascal(&field.key));
            let ty = self.out_expr(&field.ty, &child, discriminates, out);
            let doc = self.doc(field.description.as_deref());
            fields.push(self.key(
                &field.key,
                ty,
                field.conditional,
                doc,
                field.deprecation.clone(),
                &mut keys,
                out.refs,
            ));
        }
        let class_syntax = self.class_syntax(&fields);
        if let Some(Decl::Object(decl)) = out.decls.get_mut(index) {
            decl.fields = fields;
            decl.class_syntax = class_syntax;
        }
    }

    /// The language type of a response value; composite values declare their types (named
    /// `child`) into `out.decls`.
    fn out_expr(
        &mut self,
        ty: &OutType,
        child: &str,
        discriminates: bool,
        out: &mut Out,
    ) -> String {
        let inner = match &ty.kind {
            OutKind::List(item) => {
                let item = self.out_expr(item, child, discriminates, out);
                self.spec.list(&item)
            }
            OutKind::Scalar(name) | OutKind::Enum(name) => self.named_type(name, out.refs),
            OutKind::Typename(names) => {
                let names: Vec<String> = if discriminates || names.len() <= MAX_TYPENAME_LITERALS {
                    names.iter().map(|n| n.to_string()).collect()
                } else {
                    Vec::new()
                };
                if !names.is_empty() {
                    out.refs.need(self.spec.imports.typename_literals);
                }
                self.spec.typename(&names)
            }
            OutKind::Fragment(name) => {
                let declared = out
                    .fragments
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| pascal(name));
                out.refs.fragments.insert(declared.clone());
                declared
            }
            OutKind::Composite(shape) => {
                let name = self.names.claim(child);
                self.shape_decls(shape, name.clone(), &name, Vec::new(), out);
                name
            }
        };
        if ty.nullable {
            self.spec.nullable(&inner)
        } else {
            inner
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, names, object};
    use super::super::{Decl, UnionDecl};
    use crate::codegen::Language;

    const SDL: &str = r#"
        type Query { stack: Stack, search: [Result!], tags: [[String]!] }
        type Stack { id: ID! labels: [String!]! owner: User }
        type User { login: String! }
        type Module { name: String }
        union Result = Stack | Module
    "#;
    const OPERATIONS: &str = r#"
        query Q {
          stack { id labels owner { login } }
          tags
          search { ... on Stack { id } ... on Module { name } }
        }
    "#;

    fn union<'v>(decls: &'v [Decl], name: &str) -> &'v UnionDecl {
        decls
            .iter()
            .find_map(|d| match d {
                Decl::Union(u) if u.name == name => Some(u),
                _ => None,
            })
            .expect("union")
    }

    /// (key, type) of an object's fields.
    fn fields(decls: &[Decl], name: &str) -> Vec<(String, String)> {
        object(decls, name)
            .fields
            .iter()
            .map(|f| (f.json.clone(), f.ty.clone()))
            .collect()
    }

    #[test]
    fn declarations_come_in_reading_order() {
        let view = fixture::view(SDL, OPERATIONS, Language::TypeScript);
        assert_eq!(
            names(&view.operations[0].decls),
            [
                "QVariables",
                "QResult",
                "QStack",
                "QStackOwner",
                "QSearch",
                "QSearchModule",
                "QSearchStack"
            ]
        );
    }

    #[test]
    fn nullable_and_list_results_per_language() {
        let expected = [
            (
                Language::TypeScript,
                [
                    "QStack | null",
                    "Array<Array<string | null>> | null",
                    "Array<QSearch> | null",
                ],
            ),
            (
                Language::Python,
                [
                    "QStack | None",
                    "list[list[str | None]] | None",
                    "list[QSearch] | None",
                ],
            ),
            (Language::Go, ["*QStack", "[][]*string", "[]QSearch"]),
        ];
        for (language, types) in expected {
            let view = fixture::view(SDL, OPERATIONS, language);
            let fields = fields(&view.operations[0].decls, "QResult");
            let types_of: Vec<&str> = fields.iter().map(|(_, ty)| ty.as_str()).collect();
            assert_eq!(types_of, types, "{language}");
        }
    }

    #[test]
    fn unions_are_told_apart_by_typename() {
        let ts = fixture::view(SDL, OPERATIONS, Language::TypeScript);
        let decls = &ts.operations[0].decls;
        let search = union(decls, "QSearch");
        let variants: Vec<(&str, &[String])> = search
            .variants
            .iter()
            .map(|v| (v.name.as_str(), v.typenames.as_slice()))
            .collect();
        assert_eq!(
            variants,
            [
                ("QSearchModule", &["Module".to_owned()][..]),
                ("QSearchStack", &["Stack".to_owned()][..])
            ]
        );
        let typename = &fields(decls, "QSearchStack")[0];
        assert_eq!(typename, &("__typename".to_owned(), "\"Stack\"".to_owned()));
        assert_eq!(
            object(decls, "QSearchModule").doc,
            ["QSearch when __typename is Module."]
        );

        let py = fixture::view(SDL, OPERATIONS, Language::Python);
        let typename = &fields(&py.operations[0].decls, "QSearchStack")[0];
        assert_eq!(typename.1, "Literal[\"Stack\"]");
        let typing = py.operations[0]
            .imports
            .iter()
            .find(|i| i.module == "typing");
        assert_eq!(
            typing.expect("typing").names,
            ["Literal", "TypeAlias", "TypedDict", "cast"]
        );

        // Go: a wrapper struct with a field per variant and JSON methods.
        let go = fixture::view(SDL, OPERATIONS, Language::Go);
        let search = union(&go.operations[0].decls, "QSearch");
        let wrapper: Vec<&str> = search.variants.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(wrapper, ["Module", "Stack"]);
        let modules: Vec<&str> = go.operations[0]
            .imports
            .iter()
            .map(|i| i.module.as_str())
            .collect();
        assert_eq!(modules, ["context", "encoding/json"]);
    }

    #[test]
    fn a_variant_field_named_like_the_wrapper_members_steps_aside_in_go() {
        let sdl = r#"
            type Query { x: U }
            type Typename { a: Int }
            type B { b: Int }
            union U = Typename | B
        "#;
        let ops = "query X { x { ... on Typename { a } ... on B { b } } }";
        let go = fixture::view(sdl, ops, Language::Go);
        let x = union(&go.operations[0].decls, "XX");
        let wrapper: Vec<&str> = x.variants.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(wrapper, ["B", "Typename2"]);
    }

    #[test]
    fn a_selection_that_is_one_fragment_spread_is_the_fragments_type() {
        let ops = r#"
            query Q { stack { ...Owner } }
            fragment Owner on Stack { owner { login } }
        "#;
        let ts = fixture::view(SDL, ops, Language::TypeScript);
        assert_eq!(names(&ts.fragments.decls), ["Owner", "OwnerOwner"]);
        assert_eq!(ts.fragments.names, ["Owner"]);
        let operation = &ts.operations[0];
        assert_eq!(
            fields(&operation.decls, "QResult")[0],
            ("stack".to_owned(), "Owner | null".to_owned())
        );
        let imports: Vec<(&str, &[String])> = operation
            .imports
            .iter()
            .map(|i| (i.module.as_str(), i.names.as_slice()))
            .collect();
        assert_eq!(imports, [("./fragments.js", &["Owner".to_owned()][..])]);
    }
}
