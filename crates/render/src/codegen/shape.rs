//! Result shapes: what a selection set returns, as a language-neutral tree that mirrors the JSON a
//! server sends.
//!
//! Fields are collected the way the GraphQL specification's CollectFields does it, once per
//! possible runtime type of the selection set: inline fragments and fragment spreads whose type
//! condition applies merge their fields into the parent, same response keys merge their
//! sub-selections. Runtime types that collect the same fields form one group; one group is a plain
//! object, several are a union discriminated by `__typename`. A sub-selection that is exactly what
//! a named fragment returns is a reference to that fragment's type instead of a copy.

use apollo_compiler::ast::Type;
use apollo_compiler::collections::{HashMap, HashSet};
use apollo_compiler::executable::{Field, Selection, SelectionSet};
use apollo_compiler::schema::{ExtendedType, Implementers};
use apollo_compiler::{ExecutableDocument, Name, Node, Schema};
use indexmap::IndexMap;

/// What a selection set returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Every possible runtime type returns the same fields.
    Object(ObjectShape),
    /// Runtime types return different fields: one variant per group, told apart by `__typename`.
    Union(UnionShape),
}

/// An object in the response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectShape {
    /// The runtime types this object can be: the values `__typename` can take, sorted.
    pub typenames: Vec<Name>,
    /// The fields in response order.
    pub fields: Vec<FieldShape>,
}

/// A union of objects told apart by `__typename`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionShape {
    pub variants: Vec<Variant>,
}

/// One member of a union shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// What the member is called after: its only runtime type, or `Other` for a group of types
    /// the selection does not tell apart.
    pub label: String,
    pub object: ObjectShape,
}

/// One key of a response object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldShape {
    /// The response key: the alias, else the field name.
    pub key: Name,
    /// The schema field it selects.
    pub name: Name,
    pub ty: OutType,
    /// Under `@skip`, `@include` or `@defer` everywhere it is selected: the key may be absent.
    pub conditional: bool,
    pub description: Option<String>,
    pub deprecation: Option<String>,
}

/// The type of a response value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutType {
    pub nullable: bool,
    pub kind: OutKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutKind {
    List(Box<OutType>),
    /// A built-in or custom scalar, by GraphQL name.
    Scalar(Name),
    Enum(Name),
    /// `__typename`: one of these names.
    Typename(Vec<Name>),
    Composite(Box<Shape>),
    /// Exactly what the named fragment returns.
    Fragment(Name),
}

/// The reason given by `@deprecated`, or the specification's default reason.
pub fn deprecation(directives: &apollo_compiler::ast::DirectiveList) -> Option<String> {
    schemalift_model::builtins::deprecation(directives).map(str::to_owned)
}

/// Fields of one response key collected for one runtime type.
struct Collected<'d> {
    fields: Vec<&'d Node<Field>>,
    conditional: bool,
}

/// Computes shapes over one executable document; named fragments are shaped once.
pub struct Shaper<'a> {
    schema: &'a Schema,
    document: &'a ExecutableDocument,
    implementers: HashMap<Name, Implementers>,
    fragments: HashMap<Name, Shape>,
}

const CONDITIONAL_DIRECTIVES: [&str; 3] = ["skip", "include", "defer"];

fn is_conditional(directives: &apollo_compiler::ast::DirectiveList) -> bool {
    CONDITIONAL_DIRECTIVES.iter().any(|d| directives.has(d))
}

impl<'a> Shaper<'a> {
    pub fn new(schema: &'a Schema, document: &'a ExecutableDocument) -> Self {
        Shaper {
            schema,
            document,
            implementers: schema.implementers_map(),
            fragments: HashMap::default(),
        }
    }

    /// The shape a named fragment returns, or `None` if the document has no such fragment.
    pub fn fragment(&mut self, name: &Name) -> Option<Shape> {
        if let Some(shape) = self.fragments.get(name) {
            return Some(shape.clone());
        }
        let document = self.document;
        let fragment = document.fragments.get(name)?;
        let shape = self.selection_set(&fragment.selection_set);
        self.fragments.insert(name.clone(), shape.clone());
        Some(shape)
    }

    /// The object types a value of `ty` can be at run time, sorted by name.
    fn possible_types(&self, ty: &Name) -> Vec<Name> {
        let mut types: Vec<Name> = match self.schema.types.get(ty) {
            Some(ExtendedType::Object(_)) => vec![ty.clone()],
            Some(ExtendedType::Union(union)) => {
                union.members.iter().map(|m| Name::clone(m)).collect()
            }
            Some(ExtendedType::Interface(_)) => self
                .implementers
                .get(ty)
                .map(|i| i.objects.iter().cloned().collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        types.sort();
        types
    }

    fn applies(&self, condition: &str, concrete: &str) -> bool {
        condition == concrete || self.schema.is_subtype(condition, concrete)
    }

    /// CollectFields for the runtime type `concrete`. `expanded` holds the fragments already
    /// collected, with whether they were conditional there: spreading one again adds the same
    /// fields, so it is expanded at most once unconditionally and once conditionally. Without
    /// it, fragments that each spread the next twice cost 2^depth.
    fn collect<'d>(
        &self,
        selections: &'d [Selection],
        concrete: &Name,
        conditional: bool,
        expanded: &mut HashSet<(&'d Name, bool)>,
        out: &mut IndexMap<Name, Collected<'d>>,
    ) where
        'a: 'd,
    {
        for selection in selections {
            match selection {
                Selection::Field(field) => {
                    let conditional = conditional || is_conditional(&field.directives);
                    out.entry(field.response_name().clone())
                        .and_modify(|c| {
                            if !c.fields.iter().any(|f| f.ptr_eq(field)) {
                                c.fields.push(field);
                            }
                            c.conditional &= conditional;
                        })
                        .or_insert_with(|| Collected {
                            fields: vec![field],
                            conditional,
                        });
                }
                Selection::InlineFragment(inline) => {
                    let applies = inline
                        .type_condition
                        .as_ref()
                        .is_none_or(|c| self.applies(c, concrete));
                    if applies {
                        let conditional = conditional || is_conditional(&inline.directives);
                        let selections = &inline.selection_set.selections;
                        self.collect(selections, concrete, conditional, expanded, out);
                    }
                }
                Selection::FragmentSpread(spread) => {
                    let document: &'a ExecutableDocument = self.document;
                    if let Some(fragment) = document.fragments.get(&spread.fragment_name) {
                        let conditional = conditional || is_conditional(&spread.directives);
                        if self.applies(fragment.type_condition(), concrete)
                            && !expanded.contains(&(&fragment.name, false))
                            && expanded.insert((&fragment.name, conditional))
                        {
                            let selections = &fragment.selection_set.selections;
                            self.collect(selections, concrete, conditional, expanded, out);
                        }
                    }
                }
            }
        }
    }

    /// The shape of a selection set.
    pub fn selection_set(&mut self, set: &SelectionSet) -> Shape {
        let mut possible = self.possible_types(&set.ty);
        let typenames = possible.clone();
        if possible.is_empty() {
            // An interface nothing implements: collect as if for the interface itself.
            possible.push(set.ty.clone());
        }
        // Group runtime types by the exact field occurrences they collect.
        let mut groups: Vec<(Vec<Name>, IndexMap<Name, Collected<'_>>)> = Vec::new();
        let mut signatures: Vec<Vec<(Name, Vec<*const Field>, bool)>> = Vec::new();
        for concrete in &possible {
            let mut collected = IndexMap::new();
            let mut expanded = HashSet::default();
            self.collect(
                &set.selections,
                concrete,
                false,
                &mut expanded,
                &mut collected,
            );
            let signature: Vec<_> = collected
                .iter()
                .map(|(key, c)| {
                    let ptrs = c.fields.iter().map(|f| &***f as *const Field).collect();
                    (key.clone(), ptrs, c.conditional)
                })
                .collect();
            match signatures.iter().position(|s| *s == signature) {
                Some(i) => groups[i].0.push(concrete.clone()),
                None => {
                    signatures.push(signature);
                    groups.push((vec![concrete.clone()], collected));
                }
            }
        }
        if groups.len() <= 1 {
            let collected = groups.pop().map(|(_, c)| c).unwrap_or_default();
            return Shape::Object(self.object(typenames, &set.ty, collected));
        }
        let variants = groups
            .into_iter()
            .map(|(types, collected)| {
                let label = match types.as_slice() {
                    [one] => one.to_string(),
                    _ => "Other".to_owned(),
                };
                let parent = types[0].clone();
                Variant {
                    label,
                    object: self.object(types, &parent, collected),
                }
            })
            .collect();
        Shape::Union(UnionShape { variants })
    }

    fn object(
        &mut self,
        typenames: Vec<Name>,
        _parent: &Name,
        collected: IndexMap<Name, Collected<'_>>,
    ) -> ObjectShape {
        let mut fields = Vec::with_capacity(collected.len());
        for (key, entry) in collected {
            let Some(first) = entry.fields.first() else {
                continue;
            };
            let definition = &first.definition;
            let ty = if first.name == "__typename" {
                OutType {
                    nullable: false,
                    kind: OutKind::Typename(typenames.clone()),
                }
            } else {
                self.out_type(&definition.ty, &entry.fields)
            };
            fields.push(FieldShape {
                key,
                name: first.name.clone(),
                ty,
                conditional: entry.conditional,
                description: definition.description.as_ref().map(|d| d.to_string()),
                deprecation: deprecation(&definition.directives),
            });
        }
        ObjectShape { typenames, fields }
    }

    fn out_type(&mut self, ty: &Type, occurrences: &[&Node<Field>]) -> OutType {
        match ty {
            Type::Named(name) | Type::NonNullNamed(name) => OutType {
                nullable: matches!(ty, Type::Named(_)),
                kind: self.named_kind(name, occurrences),
            },
            Type::List(inner) | Type::NonNullList(inner) => OutType {
                nullable: matches!(ty, Type::List(_)),
                kind: OutKind::List(Box::new(self.out_type(inner, occurrences))),
            },
        }
    }

    fn named_kind(&mut self, name: &Name, occurrences: &[&Node<Field>]) -> OutKind {
        match self.schema.types.get(name) {
            Some(ExtendedType::Enum(_)) => OutKind::Enum(name.clone()),
            Some(ExtendedType::Object(_) | ExtendedType::Interface(_) | ExtendedType::Union(_)) => {
                let merged = SelectionSet {
                    ty: name.clone(),
                    selections: occurrences
                        .iter()
                        .flat_map(|f| {
                            f.selection_set
                                .iter()
                                .flat_map(|s| s.selections.iter().cloned())
                        })
                        .collect(),
                };
                let shape = self.selection_set(&merged);
                // Reuse a fragment's type when the sub-selection spreads it and adds nothing.
                for selection in &merged.selections {
                    if let Selection::FragmentSpread(spread) = selection {
                        if spread.directives.is_empty()
                            && self.fragment(&spread.fragment_name).as_ref() == Some(&shape)
                        {
                            return OutKind::Fragment(spread.fragment_name.clone());
                        }
                    }
                }
                OutKind::Composite(Box::new(shape))
            }
            // Scalars, and anything unknown (validation has ruled that out) as a scalar.
            _ => OutKind::Scalar(name.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codegen::operations::{parse_and_validate, with_typenames, OperationSource};
    use apollo_compiler::validation::Valid;

    const SDL: &str = r#"
        type Query { node(id: ID!): Node, search: [Result!]!, me: User }
        interface Node { id: ID! }
        type User implements Node { id: ID! name: String friends: [User] role: Role! }
        type Post implements Node { id: ID! title: String author: User! }
        type Comment implements Node { id: ID! body: String! }
        union Result = User | Post | Comment
        enum Role { ADMIN MEMBER }
    "#;

    fn shape_of(operation: &str) -> Shape {
        let schema: Valid<Schema> = Schema::parse_and_validate(SDL, "s.graphql").expect("schema");
        let doc = parse_and_validate(
            &schema,
            &[OperationSource {
                name: "op.graphql".into(),
                text: operation.into(),
            }],
        )
        .expect("valid operation");
        let doc = with_typenames(&schema, &doc);
        let mut shaper = Shaper::new(&schema, &doc);
        let op = doc.operations.named.values().next().expect("one operation");
        shaper.selection_set(&op.selection_set)
    }

    fn object(shape: &Shape) -> &ObjectShape {
        match shape {
            Shape::Object(o) => o,
            Shape::Union(_) => panic!("expected an object, got {shape:?}"),
        }
    }

    fn composite(ty: &OutType) -> &Shape {
        match &ty.kind {
            OutKind::Composite(shape) => shape,
            OutKind::List(inner) => composite(inner),
            other => panic!("expected a composite, got {other:?}"),
        }
    }

    #[test]
    fn aliases_nullability_lists_and_enums() {
        let root = shape_of("query Q { me { who: name friends { id } role } }");
        let me = &object(&root).fields[0];
        assert!(me.ty.nullable);
        let me = object(composite(&me.ty));
        let keys: Vec<_> = me.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["who", "friends", "role"]);
        assert_eq!(me.fields[0].name, "name");
        let OutKind::List(item) = &me.fields[1].ty.kind else {
            panic!("list")
        };
        assert!(me.fields[1].ty.nullable && item.nullable);
        assert_eq!(
            me.fields[2].ty.kind,
            OutKind::Enum(Name::new_unchecked("Role"))
        );
        assert!(!me.fields[2].ty.nullable);
    }

    #[test]
    fn inline_fragments_on_a_union_become_a_discriminated_union() {
        let root = shape_of(
            "query Q { search { ... on User { name } ... on Post { title author { id } } } }",
        );
        let search = composite(&object(&root).fields[0].ty);
        let Shape::Union(union) = search else {
            panic!("union expected: {search:?}")
        };
        let labels: Vec<_> = union.variants.iter().map(|v| v.label.as_str()).collect();
        // Comment selects nothing but __typename; a group of one is named after its type.
        assert_eq!(labels, ["Comment", "Post", "User"]);
        let post = &union.variants[1].object;
        let keys: Vec<_> = post.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["__typename", "title", "author"]);
        assert_eq!(
            post.fields[0].ty.kind,
            OutKind::Typename(vec![Name::new_unchecked("Post")])
        );
    }

    #[test]
    fn selections_on_an_interface_that_do_not_differ_stay_one_object() {
        let root = shape_of("query Q { node(id: 1) { id } }");
        let node = object(composite(&object(&root).fields[0].ty));
        assert_eq!(node.typenames.len(), 3);
        assert_eq!(node.fields.len(), 2, "__typename and id: {node:?}");
    }

    #[test]
    fn fragment_spreads_merge_and_are_reused_when_alone() {
        let root =
            shape_of("query Q { me { ...U friends { ...U } } } fragment U on User { id name }");
        let me = object(composite(&object(&root).fields[0].ty));
        let keys: Vec<_> = me.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["id", "name", "friends"]);
        let OutKind::List(item) = &me.fields[2].ty.kind else {
            panic!("list")
        };
        assert_eq!(item.kind, OutKind::Fragment(Name::new_unchecked("U")));
    }

    #[test]
    fn an_empty_selection_is_one_object_without_fields() {
        let root = shape_of("query Q { node(id: 1) {} me {} }");
        for field in &object(&root).fields {
            let shape = object(composite(&field.ty));
            assert!(shape.fields.is_empty(), "{shape:?}");
        }
        // Every type the interface can be, with nothing to tell them apart.
        assert_eq!(
            object(composite(&object(&root).fields[0].ty))
                .typenames
                .len(),
            3
        );
    }

    #[test]
    fn conditional_fields_are_marked() {
        let root = shape_of(
            "query Q($x: Boolean!) { me { id name @include(if: $x) ... @skip(if: $x) { role } } }",
        );
        let me = object(composite(&object(&root).fields[0].ty));
        let conditional: Vec<_> = me.fields.iter().map(|f| f.conditional).collect();
        assert_eq!(conditional, [false, true, true]);
    }

    #[test]
    fn same_key_in_two_places_merges_sub_selections() {
        let root = shape_of("query Q { me { friends { id } ... on User { friends { name } } } }");
        let me = object(composite(&object(&root).fields[0].ty));
        let friends = object(composite(&me.fields[0].ty));
        let keys: Vec<_> = friends.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["id", "name"]);
    }
}
