//! Directive definitions: added, removed (marked when deprecated first), locations, `repeatable`,
//! arguments, description, deprecation and the directives applied to them (September 2026).
//! An `extend directive` is part of its definition here: apollo-compiler merges it in. Built-in
//! directives are compared with the specification only: NEW redefining one on other locations.

use super::{arguments, common};
use crate::change::{Change, ChangeKind};
use apollo_compiler::schema::DirectiveDefinition;
use apollo_compiler::{Name, Schema};
use schemalift_model::builtins;
use schemalift_model::Coordinate;

pub(super) fn diff(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    redefined_built_ins(old, new, out);
    // A built-in directive is the specification's, whichever edition's variant a server lists
    // (graphql-js 16's `@deprecated` lacks `DIRECTIVE_DEFINITION`): not a change of the API.
    let own = |(name, _): &(&Name, _)| !builtins::is_directive(name);
    for (name, before) in old.directive_definitions.iter().filter(own) {
        let coordinate = Coordinate::directive(name.clone());
        let Some(after) = new.directive_definitions.get(name) else {
            let mut change = Change::new(ChangeKind::DirectiveRemoved, coordinate);
            change.deprecated_before_removal =
                common::deprecation(before.directives.iter().map(|d| &**d)).is_some();
            out.push(change);
            continue;
        };
        if before == after {
            continue;
        }
        common::description(
            &coordinate,
            before.description.as_ref(),
            after.description.as_ref(),
            out,
        );
        for location in before
            .locations
            .iter()
            .filter(|l| !after.locations.contains(*l))
        {
            out.push(
                Change::new(ChangeKind::DirectiveLocationRemoved, coordinate.clone())
                    .old(location.name()),
            );
        }
        for location in after
            .locations
            .iter()
            .filter(|l| !before.locations.contains(*l))
        {
            out.push(
                Change::new(ChangeKind::DirectiveLocationAdded, coordinate.clone())
                    .new_value(location.name()),
            );
        }
        match (before.repeatable, after.repeatable) {
            (true, false) => out.push(Change::new(
                ChangeKind::DirectiveRepeatableRemoved,
                coordinate.clone(),
            )),
            (false, true) => out.push(Change::new(
                ChangeKind::DirectiveRepeatableAdded,
                coordinate.clone(),
            )),
            _ => {}
        }
        arguments::diff(&coordinate, &before.arguments, &after.arguments, out);
        let (old, new) = (
            before.directives.iter().map(|d| &**d),
            after.directives.iter().map(|d| &**d),
        );
        common::deprecations(&coordinate, old.clone(), new.clone(), out);
        common::usages(&coordinate, old, new, out);
    }
    for name in new
        .directive_definitions
        .keys()
        .filter(|n| !builtins::is_directive(n))
    {
        if !old.directive_definitions.contains_key(name) {
            out.push(Change::new(
                ChangeKind::DirectiveAdded,
                Coordinate::directive(name.clone()),
            ));
        }
    }
}

/// Built-in directives that NEW redefines on locations that are not the specification's (see
/// [`builtins::CORE_LOCATIONS`]), unless OLD already defined them on the same locations. Another
/// edition's variant (graphql-js 16's `@deprecated` without `DIRECTIVE_DEFINITION`) is not one.
fn redefined_built_ins(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    let locations = |d: &DirectiveDefinition| -> Vec<&'static str> {
        let mut names: Vec<_> = d.locations.iter().map(|l| l.name()).collect();
        names.sort_unstable();
        names.dedup();
        names
    };
    let mut spec = None;
    for name in builtins::DIRECTIVES {
        let Some(after) = new.directive_definitions.get(name) else {
            continue;
        };
        let spec = spec.get_or_insert_with(Schema::new);
        let Some(standard) = spec.directive_definitions.get(name) else {
            continue;
        };
        let (after_locations, standard_locations) = (locations(after), locations(standard));
        let misplaced = after_locations
            .iter()
            .any(|l| !standard_locations.contains(l))
            || builtins::core_locations(name)
                .iter()
                .any(|l| !after_locations.contains(l));
        let unchanged = old
            .directive_definitions
            .get(name)
            .is_some_and(|before| locations(before) == after_locations);
        if misplaced && !unchanged {
            out.push(
                Change::new(
                    ChangeKind::BuiltInDirectiveRedefined,
                    Coordinate::directive(after.name.clone()),
                )
                .old(standard_locations.join(" | "))
                .new_value(after_locations.join(" | ")),
            );
        }
    }
}
