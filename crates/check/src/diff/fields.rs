//! Fields of objects and interfaces: added, removed, type changed with output variance, and what
//! changed on a field both sides have (arguments, description, deprecation, directives).

use super::{arguments, common, type_ref};
use crate::change::{Change, ChangeKind};
use apollo_compiler::collections::IndexMap;
use apollo_compiler::schema::FieldDefinition;
use apollo_compiler::Name;
use apollo_compiler::Node;
use schemalift_model::Coordinate;

pub(super) fn diff(
    ty: &Name,
    old: &IndexMap<Name, Node<FieldDefinition>>,
    new: &IndexMap<Name, Node<FieldDefinition>>,
    out: &mut Vec<Change>,
) {
    for (name, before) in old {
        let coordinate = Coordinate::member(ty.clone(), name.clone());
        match new.get(name) {
            None => {
                let mut change = Change::new(ChangeKind::FieldRemoved, coordinate);
                change.old = Some(before.ty.to_string());
                change.deprecated_before_removal =
                    common::deprecation(before.directives.iter().map(|d| &**d)).is_some();
                out.push(change);
            }
            // Most fields are unchanged; one comparison skips them.
            Some(after) if before != after => field(&coordinate, before, after, out),
            Some(_) => {}
        }
    }
    for (name, after) in new {
        if !old.contains_key(name) {
            out.push(
                Change::new(
                    ChangeKind::FieldAdded,
                    Coordinate::member(ty.clone(), name.clone()),
                )
                .new_value(after.ty.to_string()),
            );
        }
    }
}

fn field(
    coordinate: &Coordinate,
    before: &FieldDefinition,
    after: &FieldDefinition,
    out: &mut Vec<Change>,
) {
    common::description(
        coordinate,
        before.description.as_ref(),
        after.description.as_ref(),
        out,
    );
    if before.ty != after.ty {
        let kind = if type_ref::output_change_is_safe(&before.ty, &after.ty) {
            ChangeKind::FieldTypeNarrowed
        } else {
            ChangeKind::FieldTypeChanged
        };
        out.push(
            Change::new(kind, coordinate.clone())
                .old(before.ty.to_string())
                .new_value(after.ty.to_string()),
        );
    }
    arguments::diff(coordinate, &before.arguments, &after.arguments, out);
    let (old, new) = (
        before.directives.iter().map(|d| &**d),
        after.directives.iter().map(|d| &**d),
    );
    common::deprecations(coordinate, old.clone(), new.clone(), out);
    common::usages(coordinate, old, new, out);
}
