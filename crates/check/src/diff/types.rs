//! Named types: added, removed, changed kind, and for a type both sides have, its description,
//! directives and kind-specific content (handed to the module for that kind).

use super::{common, enums, fields, input_objects, unions};
use crate::change::{Change, ChangeKind};
use apollo_compiler::collections::IndexSet;
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::Node;
use apollo_compiler::{Name, Schema};
use schemalift_model::Coordinate;

/// How the catalogue names a kind of type.
pub(super) fn kind_name(ty: &ExtendedType) -> &'static str {
    match ty {
        ExtendedType::Scalar(_) => "scalar",
        ExtendedType::Object(_) => "object",
        ExtendedType::Interface(_) => "interface",
        ExtendedType::Union(_) => "union",
        ExtendedType::Enum(_) => "enum",
        ExtendedType::InputObject(_) => "input object",
    }
}

pub(super) fn diff(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for (name, before) in &old.types {
        if before.is_built_in() {
            continue;
        }
        let coordinate = Coordinate::ty(name.clone());
        match new.types.get(name) {
            None => {
                out.push(Change::new(ChangeKind::TypeRemoved, coordinate).old(kind_name(before)))
            }
            Some(after) if std::mem::discriminant(before) != std::mem::discriminant(after) => out
                .push(
                    Change::new(ChangeKind::TypeKindChanged, coordinate)
                        .old(kind_name(before))
                        .new_value(kind_name(after)),
                ),
            Some(after) if before != after => same_kind(name, &coordinate, before, after, out),
            Some(_) => {}
        }
    }
    for (name, after) in &new.types {
        if !after.is_built_in() && !old.types.contains_key(name) {
            out.push(
                Change::new(ChangeKind::TypeAdded, Coordinate::ty(name.clone()))
                    .new_value(kind_name(after)),
            );
        }
    }
}

fn same_kind(
    name: &Name,
    coordinate: &Coordinate,
    before: &ExtendedType,
    after: &ExtendedType,
    out: &mut Vec<Change>,
) {
    common::description(coordinate, before.description(), after.description(), out);
    common::usages(
        coordinate,
        before.directives().iter().map(|d| &**d),
        after.directives().iter().map(|d| &**d),
        out,
    );
    match (before, after) {
        (ExtendedType::Object(a), ExtendedType::Object(b)) => {
            interfaces(
                coordinate,
                &a.implements_interfaces,
                &b.implements_interfaces,
                out,
            );
            fields::diff(name, &a.fields, &b.fields, out);
        }
        (ExtendedType::Interface(a), ExtendedType::Interface(b)) => {
            interfaces(
                coordinate,
                &a.implements_interfaces,
                &b.implements_interfaces,
                out,
            );
            fields::diff(name, &a.fields, &b.fields, out);
        }
        (ExtendedType::Union(a), ExtendedType::Union(b)) => unions::diff(coordinate, a, b, out),
        (ExtendedType::Enum(a), ExtendedType::Enum(b)) => enums::diff(name, a, b, out),
        (ExtendedType::InputObject(a), ExtendedType::InputObject(b)) => {
            input_objects::diff(name, a, b, out)
        }
        (ExtendedType::Scalar(a), ExtendedType::Scalar(b)) => specified_by(coordinate, a, b, out),
        // Kind changes were handled by the caller.
        _ => {}
    }
}

fn interfaces(
    coordinate: &Coordinate,
    old: &IndexSet<Node<Name>>,
    new: &IndexSet<Node<Name>>,
    out: &mut Vec<Change>,
) {
    for name in old.iter().filter(|i| !new.contains(*i)) {
        out.push(Change::new(ChangeKind::InterfaceRemoved, coordinate.clone()).old(name.as_str()));
    }
    for name in new.iter().filter(|i| !old.contains(*i)) {
        out.push(
            Change::new(ChangeKind::InterfaceAdded, coordinate.clone()).new_value(name.as_str()),
        );
    }
}

fn specified_by(
    coordinate: &Coordinate,
    before: &apollo_compiler::schema::ScalarType,
    after: &apollo_compiler::schema::ScalarType,
    out: &mut Vec<Change>,
) {
    let url = |ty: &apollo_compiler::schema::ScalarType| {
        schemalift_model::builtins::specified_by(&ty.directives).map(str::to_owned)
    };
    let change = match (url(before), url(after)) {
        (None, Some(u)) => {
            Change::new(ChangeKind::SpecifiedByAdded, coordinate.clone()).new_value(u)
        }
        (Some(u), None) => Change::new(ChangeKind::SpecifiedByRemoved, coordinate.clone()).old(u),
        (Some(a), Some(b)) if a != b => {
            Change::new(ChangeKind::SpecifiedByChanged, coordinate.clone())
                .old(a)
                .new_value(b)
        }
        _ => return,
    };
    out.push(change);
}
