//! Comparing two schemas: [`diff`] walks both, one module per concern, and returns every
//! [`Change`] in a deterministic order. Elements are matched by name, so reordering never counts as
//! a change; the content of an added or removed element is not reported separately.

mod arguments;
mod common;
mod directives;
mod enums;
mod fields;
mod input_objects;
mod schema;
mod type_ref;
mod types;
mod unions;

use crate::change::Change;
use apollo_compiler::Schema;

pub use type_ref::{input_change_is_safe, output_change_is_safe};

/// Every change from `old` to `new`, sorted by coordinate, then kind.
pub fn diff(old: &Schema, new: &Schema) -> Vec<Change> {
    let mut changes = Vec::new();
    schema::diff(old, new, &mut changes);
    directives::diff(old, new, &mut changes);
    types::diff(old, new, &mut changes);
    let mut keyed: Vec<_> = changes
        .into_iter()
        .map(|change| (change.coordinate.to_string(), change))
        .collect();
    keyed.sort_by(|(a, x), (b, y)| (a, x.kind, &x.old, &x.new).cmp(&(b, y.kind, &y.old, &y.new)));
    keyed.into_iter().map(|(_, change)| change).collect()
}

#[cfg(test)]
mod tests;
