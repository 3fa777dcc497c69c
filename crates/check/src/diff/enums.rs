//! Enum values: added (dangerous), removed (breaking, marked when deprecated before), and for a
//! value both sides have, its description, deprecation and directives.

use super::common;
use crate::change::{Change, ChangeKind};
use apollo_compiler::schema::EnumType;
use apollo_compiler::Name;
use schemalift_model::Coordinate;

pub(super) fn diff(ty: &Name, old: &EnumType, new: &EnumType, out: &mut Vec<Change>) {
    for (name, before) in &old.values {
        let coordinate = Coordinate::member(ty.clone(), name.clone());
        match new.values.get(name) {
            None => {
                let mut change = Change::new(ChangeKind::EnumValueRemoved, coordinate);
                change.deprecated_before_removal =
                    common::deprecation(before.directives.iter().map(|d| &**d)).is_some();
                out.push(change);
            }
            Some(after) if before != after => {
                common::description(
                    &coordinate,
                    before.description.as_ref(),
                    after.description.as_ref(),
                    out,
                );
                let (old, new) = (
                    before.directives.iter().map(|d| &**d),
                    after.directives.iter().map(|d| &**d),
                );
                common::deprecations(&coordinate, old.clone(), new.clone(), out);
                common::usages(&coordinate, old, new, out);
            }
            Some(_) => {}
        }
    }
    for name in new.values.keys().filter(|v| !old.values.contains_key(*v)) {
        out.push(Change::new(
            ChangeKind::EnumValueAdded,
            Coordinate::member(ty.clone(), name.clone()),
        ));
    }
}
