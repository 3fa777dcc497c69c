//! Union members: added (dangerous, clients meet a new `__typename`) and removed (breaking).

use crate::change::{Change, ChangeKind};
use apollo_compiler::schema::UnionType;
use schemalift_model::Coordinate;

pub(super) fn diff(
    coordinate: &Coordinate,
    old: &UnionType,
    new: &UnionType,
    out: &mut Vec<Change>,
) {
    for member in old.members.iter().filter(|m| !new.members.contains(*m)) {
        out.push(
            Change::new(ChangeKind::UnionMemberRemoved, coordinate.clone()).old(member.as_str()),
        );
    }
    for member in new.members.iter().filter(|m| !old.members.contains(*m)) {
        out.push(
            Change::new(ChangeKind::UnionMemberAdded, coordinate.clone())
                .new_value(member.as_str()),
        );
    }
}
