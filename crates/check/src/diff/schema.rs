//! The schema definition: root operation types, its description and the directives applied to it.

use super::common;
use crate::change::{Change, ChangeKind};
use apollo_compiler::Schema;
use schemalift_model::Coordinate;

pub(super) fn diff(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    let (a, b) = (&old.schema_definition, &new.schema_definition);
    let roots = [
        ("query", &a.query, &b.query),
        ("mutation", &a.mutation, &b.mutation),
        ("subscription", &a.subscription, &b.subscription),
    ];
    for (operation, before, after) in roots {
        let print = |name: &apollo_compiler::Node<apollo_compiler::Name>| {
            format!("{operation}: {}", name.as_str())
        };
        let change = match (before, after) {
            (None, Some(n)) => {
                Change::new(ChangeKind::RootTypeAdded, Coordinate::Schema).new_value(print(n))
            }
            (Some(o), None) => {
                Change::new(ChangeKind::RootTypeRemoved, Coordinate::Schema).old(print(o))
            }
            (Some(o), Some(n)) if o != n => {
                Change::new(ChangeKind::RootTypeChanged, Coordinate::Schema)
                    .old(print(o))
                    .new_value(print(n))
            }
            _ => continue,
        };
        out.push(change);
    }
    common::description(
        &Coordinate::Schema,
        a.description.as_ref(),
        b.description.as_ref(),
        out,
    );
    common::usages(
        &Coordinate::Schema,
        a.directives.iter().map(|d| &**d),
        b.directives.iter().map(|d| &**d),
        out,
    );
}
