//! Properties of the diff over real schemas (the sample Spacelift schema, the vendored corpus):
//! a schema has no changes against itself, every change has its mirror image in the reverse
//! diff, and random known edits are found with the right kind and coordinate.

use apollo_compiler::schema::{ExtendedType, FieldDefinition};
use apollo_compiler::Node;
use apollo_compiler::{Name, Schema};
use proptest::prelude::*;
use schemalift_check::{diff, ChangeKind};
use schemalift_model::{load, SchemaSource};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap()
}

use schemalift_corpus::file as corpus;

fn schema(path: PathBuf) -> Schema {
    let loaded = load(&[SchemaSource::Path(path.clone())])
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    loaded.schema.into_inner()
}

fn spacelift() -> &'static Schema {
    static S: OnceLock<Schema> = OnceLock::new();
    S.get_or_init(|| schema(repo().join("schemas/spacelift/schema.graphql")))
}

/// The kind that undoes `kind` when the diff runs the other way.
fn mirror(kind: ChangeKind) -> Vec<ChangeKind> {
    use ChangeKind::*;
    match kind {
        TypeAdded => vec![TypeRemoved],
        TypeRemoved => vec![TypeAdded],
        FieldAdded => vec![FieldRemoved],
        FieldRemoved => vec![FieldAdded],
        RequiredArgumentAdded | OptionalArgumentAdded | ArgumentWithDefaultAdded => {
            vec![ArgumentRemoved]
        }
        ArgumentRemoved => vec![
            RequiredArgumentAdded,
            OptionalArgumentAdded,
            ArgumentWithDefaultAdded,
        ],
        RequiredInputFieldAdded | OptionalInputFieldAdded | InputFieldWithDefaultAdded => {
            vec![InputFieldRemoved]
        }
        InputFieldRemoved => vec![
            RequiredInputFieldAdded,
            OptionalInputFieldAdded,
            InputFieldWithDefaultAdded,
        ],
        EnumValueAdded => vec![EnumValueRemoved],
        EnumValueRemoved => vec![EnumValueAdded],
        UnionMemberAdded => vec![UnionMemberRemoved],
        UnionMemberRemoved => vec![UnionMemberAdded],
        InterfaceAdded => vec![InterfaceRemoved],
        InterfaceRemoved => vec![InterfaceAdded],
        DirectiveAdded => vec![DirectiveRemoved],
        DirectiveRemoved => vec![DirectiveAdded],
        DirectiveLocationAdded => vec![DirectiveLocationRemoved],
        DirectiveLocationRemoved => vec![DirectiveLocationAdded],
        DirectiveRepeatableAdded => vec![DirectiveRepeatableRemoved],
        DirectiveRepeatableRemoved => vec![DirectiveRepeatableAdded],
        DescriptionAdded => vec![DescriptionRemoved],
        DescriptionRemoved => vec![DescriptionAdded],
        DirectiveUsageAdded => vec![DirectiveUsageRemoved],
        DirectiveUsageRemoved => vec![DirectiveUsageAdded],
        RootTypeAdded => vec![RootTypeRemoved],
        RootTypeRemoved => vec![RootTypeAdded],
        DefaultValueAdded => vec![DefaultValueRemoved, BecameRequired],
        DefaultValueRemoved | BecameRequired => vec![DefaultValueAdded],
        Deprecated => vec![Undeprecated],
        Undeprecated => vec![Deprecated],
        SpecifiedByAdded => vec![SpecifiedByRemoved],
        SpecifiedByRemoved => vec![SpecifiedByAdded],
        OneOfAdded => vec![OneOfRemoved],
        OneOfRemoved => vec![OneOfAdded],
        FieldTypeChanged | FieldTypeNarrowed => vec![FieldTypeChanged, FieldTypeNarrowed],
        ArgumentTypeChanged | ArgumentTypeWidened => vec![ArgumentTypeChanged, ArgumentTypeWidened],
        InputFieldTypeChanged | InputFieldTypeWidened => {
            vec![InputFieldTypeChanged, InputFieldTypeWidened]
        }
        other => vec![other],
    }
}

#[test]
fn a_schema_has_no_changes_against_itself() {
    assert!(diff(spacelift(), spacelift()).is_empty());
    for file in [
        "github/github-2024-07-08.graphql",
        "linear/linear-2026-07-22.graphql",
        "shopify/storefront-2026-04.json",
    ] {
        let s = schema(corpus(file));
        let changes = diff(&s, &s);
        assert!(
            changes.is_empty(),
            "{file}: {:?}",
            &changes[..changes.len().min(3)]
        );
    }
}

#[test]
fn every_change_has_its_mirror_in_the_reverse_diff() {
    let pairs = [
        (
            "github/github-2024-06-11.graphql",
            "github/github-2024-07-08.graphql",
        ),
        (
            "linear/linear-2025-05-13.graphql",
            "linear/linear-2026-07-22.graphql",
        ),
        (
            "shopify/storefront-2025-07.json",
            "shopify/storefront-2026-04.json",
        ),
    ];
    for (a, b) in pairs {
        let (a_schema, b_schema) = (schema(corpus(a)), schema(corpus(b)));
        let forward = diff(&a_schema, &b_schema);
        let backward = diff(&b_schema, &a_schema);
        assert!(!forward.is_empty(), "{a} -> {b} should differ");
        assert_eq!(forward.len(), backward.len(), "{a} <-> {b}");
        for change in &forward {
            let found = backward.iter().any(|back| {
                back.coordinate == change.coordinate
                    && mirror(change.kind).contains(&back.kind)
                    && back.old == change.new
                    && back.new == change.old
            });
            assert!(found, "{a} -> {b}: no mirror for {change:?}");
        }
    }
}

fn objects(schema: &Schema) -> Vec<Name> {
    schema
        .types
        .iter()
        .filter(
            |(_, t)| matches!(t, ExtendedType::Object(o) if !t.is_built_in() && o.fields.len() > 1),
        )
        .map(|(n, _)| n.clone())
        .collect()
}

fn enums(schema: &Schema) -> Vec<Name> {
    schema
        .types
        .iter()
        .filter(
            |(_, t)| matches!(t, ExtendedType::Enum(e) if !t.is_built_in() && e.values.len() > 1),
        )
        .map(|(n, _)| n.clone())
        .collect()
}

#[derive(Debug, Clone, Copy)]
enum Edit {
    RemoveField,
    AddField,
    FieldToList,
    RemoveEnumValue,
    RemoveType,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_edits_are_found_with_kind_and_coordinate(
        edit in prop_oneof![
            Just(Edit::RemoveField), Just(Edit::AddField), Just(Edit::FieldToList),
            Just(Edit::RemoveEnumValue), Just(Edit::RemoveType),
        ],
        pick in any::<prop::sample::Index>(),
        member in any::<prop::sample::Index>(),
    ) {
        let old = spacelift();
        let mut new = old.clone();
        let (kind, coordinate) = match edit {
            Edit::RemoveType | Edit::RemoveField | Edit::AddField | Edit::FieldToList => {
                let names = objects(old);
                let ty = pick.get(&names).clone();
                if matches!(edit, Edit::RemoveType) {
                    // Removing a type leaves dangling references elsewhere; the diff reports the
                    // type (the fields that returned it are unchanged by name).
                    new.types.shift_remove(&ty);
                    (ChangeKind::TypeRemoved, ty.to_string())
                } else {
                    let ExtendedType::Object(object) = new.types.get_mut(&ty).unwrap() else { unreachable!() };
                    let object = object.make_mut();
                    let fields: Vec<Name> = object.fields.keys().cloned().collect();
                    let field = member.get(&fields).clone();
                    match edit {
                        Edit::RemoveField => {
                            object.fields.shift_remove(&field);
                            (ChangeKind::FieldRemoved, format!("{ty}.{field}"))
                        }
                        Edit::AddField => {
                            let name = Name::new("zzAddedByTest").unwrap();
                            let def = FieldDefinition {
                                description: None,
                                name: name.clone(),
                                arguments: vec![],
                                ty: apollo_compiler::ty!(String),
                                directives: Default::default(),
                            };
                            object.fields.insert(name, Node::new(def));
                            (ChangeKind::FieldAdded, format!("{ty}.zzAddedByTest"))
                        }
                        _ => {
                            let def = object.fields.get_mut(&field).unwrap().make_mut();
                            def.ty = apollo_compiler::ast::Type::List(Box::new(def.ty.clone()));
                            (ChangeKind::FieldTypeChanged, format!("{ty}.{field}"))
                        }
                    }
                }
            }
            Edit::RemoveEnumValue => {
                let names = enums(old);
                let ty = pick.get(&names).clone();
                let ExtendedType::Enum(e) = new.types.get_mut(&ty).unwrap() else { unreachable!() };
                let e = e.make_mut();
                let values: Vec<Name> = e.values.keys().cloned().collect();
                let value = member.get(&values).clone();
                e.values.shift_remove(&value);
                (ChangeKind::EnumValueRemoved, format!("{ty}.{value}"))
            }
        };
        let found: Vec<_> = diff(old, &new)
            .into_iter()
            .map(|c| (c.kind, c.coordinate.to_string()))
            .collect();
        prop_assert_eq!(found, vec![(kind, coordinate)]);
    }
}
