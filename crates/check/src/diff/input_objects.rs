//! Input objects: fields added (required, with a default, or optional), removed, changed with input variance, and
//! the input object becoming or ceasing to be `@oneOf`.

use super::{arguments, common};
use crate::change::{Change, ChangeKind};
use apollo_compiler::schema::InputObjectType;
use apollo_compiler::Name;
use schemalift_model::Coordinate;

pub(super) fn diff(ty: &Name, old: &InputObjectType, new: &InputObjectType, out: &mut Vec<Change>) {
    let coordinate = Coordinate::ty(ty.clone());
    match (old.is_one_of(), new.is_one_of()) {
        (false, true) => out.push(Change::new(ChangeKind::OneOfAdded, coordinate)),
        (true, false) => out.push(Change::new(ChangeKind::OneOfRemoved, coordinate)),
        _ => {}
    }
    for (name, before) in &old.fields {
        let coordinate = Coordinate::member(ty.clone(), name.clone());
        match new.fields.get(name) {
            None => {
                let mut change = Change::new(ChangeKind::InputFieldRemoved, coordinate);
                change.old = Some(before.ty.to_string());
                change.deprecated_before_removal =
                    common::deprecation(before.directives.iter().map(|d| &**d)).is_some();
                out.push(change);
            }
            Some(after) if before != after => arguments::input_value(
                &coordinate,
                before,
                after,
                [
                    ChangeKind::InputFieldTypeChanged,
                    ChangeKind::InputFieldTypeWidened,
                ],
                out,
            ),
            Some(_) => {}
        }
    }
    for (name, after) in &new.fields {
        if old.fields.contains_key(name) {
            continue;
        }
        let kind = arguments::added_kind(
            after,
            [
                ChangeKind::RequiredInputFieldAdded,
                ChangeKind::InputFieldWithDefaultAdded,
                ChangeKind::OptionalInputFieldAdded,
            ],
        );
        out.push(
            Change::new(kind, Coordinate::member(ty.clone(), name.clone()))
                .new_value(after.ty.to_string()),
        );
    }
}
