//! Arguments of a field or a directive: added (required, with a default, or optional), removed, type changed with
//! input variance, default changed, became required, description, deprecation, directives.

use super::{common, type_ref};
use crate::change::{Change, ChangeKind};
use apollo_compiler::ast::InputValueDefinition;
use apollo_compiler::Node;
use schemalift_model::Coordinate;

/// Whether a client must supply the value: non-null and no default.
pub(super) fn is_required(value: &InputValueDefinition) -> bool {
    value.ty.is_non_null() && value.default_value.is_none()
}

/// The kind of an added argument or input field, of `[required, with default, optional]`: a
/// default applies to every existing operation at once, so it is dangerous whatever the type.
pub(super) fn added_kind(
    value: &InputValueDefinition,
    [required, with_default, optional]: [ChangeKind; 3],
) -> ChangeKind {
    if is_required(value) {
        required
    } else if value.default_value.is_some() {
        with_default
    } else {
        optional
    }
}

pub(super) fn diff(
    parent: &Coordinate,
    old: &[Node<InputValueDefinition>],
    new: &[Node<InputValueDefinition>],
    out: &mut Vec<Change>,
) {
    for before in old {
        let Some(coordinate) = parent.argument(before.name.clone()) else {
            continue;
        };
        match new.iter().find(|a| a.name == before.name) {
            None => {
                let mut change = Change::new(ChangeKind::ArgumentRemoved, coordinate);
                change.old = Some(before.ty.to_string());
                change.deprecated_before_removal =
                    common::deprecation(before.directives.iter().map(|d| &**d)).is_some();
                out.push(change);
            }
            Some(after) if before != after => input_value(
                &coordinate,
                before,
                after,
                [
                    ChangeKind::ArgumentTypeChanged,
                    ChangeKind::ArgumentTypeWidened,
                ],
                out,
            ),
            Some(_) => {}
        }
    }
    for after in new {
        if old.iter().any(|a| a.name == after.name) {
            continue;
        }
        let Some(coordinate) = parent.argument(after.name.clone()) else {
            continue;
        };
        let kind = added_kind(
            after,
            [
                ChangeKind::RequiredArgumentAdded,
                ChangeKind::ArgumentWithDefaultAdded,
                ChangeKind::OptionalArgumentAdded,
            ],
        );
        out.push(Change::new(kind, coordinate).new_value(after.ty.to_string()));
    }
}

/// An argument or input field present on both sides. `type_kinds` = (breaking, safe) type change.
pub(super) fn input_value(
    coordinate: &Coordinate,
    before: &InputValueDefinition,
    after: &InputValueDefinition,
    [changed, widened]: [ChangeKind; 2],
    out: &mut Vec<Change>,
) {
    common::description(
        coordinate,
        before.description.as_ref(),
        after.description.as_ref(),
        out,
    );
    let type_changed = before.ty != after.ty;
    if type_changed {
        let kind = if type_ref::input_change_is_safe(&before.ty, &after.ty) {
            widened
        } else {
            changed
        };
        out.push(
            Change::new(kind, coordinate.clone())
                .old(before.ty.to_string())
                .new_value(after.ty.to_string()),
        );
    }
    // Losing the default of a value whose type already required it is the breaking change that
    // matters; a type change that made it required is already reported as one.
    if !type_changed && !is_required(before) && is_required(after) {
        let mut change = Change::new(ChangeKind::BecameRequired, coordinate.clone());
        change.old = before.default_value.as_ref().map(|v| v.to_string());
        out.push(change);
    } else {
        common::default_value(
            coordinate,
            before.default_value.as_ref(),
            after.default_value.as_ref(),
            out,
        );
    }
    let (old, new) = (
        before.directives.iter().map(|d| &**d),
        after.directives.iter().map(|d| &**d),
    );
    common::deprecations(coordinate, old.clone(), new.clone(), out);
    common::usages(coordinate, old, new, out);
}
