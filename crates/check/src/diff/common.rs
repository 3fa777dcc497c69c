//! What every kind of element can carry: a description, a deprecation, applied directives and (for
//! input values) a default value.

use crate::change::{Change, ChangeKind};
use apollo_compiler::ast::{Directive, Value};
use apollo_compiler::Node;
use schemalift_model::builtins::{self, DEFAULT_DEPRECATION_REASON};
use schemalift_model::Coordinate;

pub(super) fn description(
    coordinate: &Coordinate,
    old: Option<&Node<str>>,
    new: Option<&Node<str>>,
    out: &mut Vec<Change>,
) {
    let kind = match (old, new) {
        (None, Some(_)) => ChangeKind::DescriptionAdded,
        (Some(_), None) => ChangeKind::DescriptionRemoved,
        (Some(a), Some(b)) if a.as_str() != b.as_str() => ChangeKind::DescriptionChanged,
        _ => return,
    };
    let mut change = Change::new(kind, coordinate.clone());
    change.old = old.map(|d| d.to_string());
    change.new = new.map(|d| d.to_string());
    out.push(change);
}

/// The deprecation reason, if the directives deprecate the element.
pub(super) fn deprecation<'a>(
    mut directives: impl Iterator<Item = &'a Directive>,
) -> Option<String> {
    let deprecated = directives.find(|d| d.name == builtins::DEPRECATED)?;
    let reason = deprecated
        .specified_argument_by_name("reason")
        .and_then(|value| value.as_str().map(str::to_owned));
    Some(reason.unwrap_or_else(|| DEFAULT_DEPRECATION_REASON.to_owned()))
}

pub(super) fn deprecations<'a>(
    coordinate: &Coordinate,
    old: impl Iterator<Item = &'a Directive>,
    new: impl Iterator<Item = &'a Directive>,
    out: &mut Vec<Change>,
) {
    let change = match (deprecation(old), deprecation(new)) {
        (None, Some(reason)) => {
            Change::new(ChangeKind::Deprecated, coordinate.clone()).new_value(reason)
        }
        (Some(reason), None) => {
            Change::new(ChangeKind::Undeprecated, coordinate.clone()).old(reason)
        }
        (Some(a), Some(b)) if a != b => {
            Change::new(ChangeKind::DeprecationReasonChanged, coordinate.clone())
                .old(a)
                .new_value(b)
        }
        _ => return,
    };
    out.push(change);
}

/// Applied directives (other than those with their own kinds), matched by name; a directive
/// applied once on both sides with other arguments is one "changed" change.
pub(super) fn usages<'a>(
    coordinate: &Coordinate,
    old: impl Iterator<Item = &'a Directive> + Clone,
    new: impl Iterator<Item = &'a Directive> + Clone,
    out: &mut Vec<Change>,
) {
    // The directives with change kinds of their own are not plain usages.
    let relevant = |d: &&Directive| !builtins::WITH_OWN_MEANING.contains(&d.name.as_str());
    // The common case, nothing changed, costs no printing.
    if old
        .clone()
        .filter(relevant)
        .eq(new.clone().filter(relevant))
    {
        return;
    }
    let printed = |list: &mut dyn Iterator<Item = &'a Directive>| -> Vec<(String, String)> {
        let mut v: Vec<_> = list
            .filter(relevant)
            .map(|d| (d.name.to_string(), d.to_string()))
            .collect();
        v.sort();
        v
    };
    let (mut old, mut new) = (printed(&mut old.clone()), printed(&mut new.clone()));
    // Identical applications cancel out, wherever they are.
    let mut i = 0;
    while i < old.len() {
        if let Some(j) = new.iter().position(|n| *n == old[i]) {
            new.remove(j);
            old.remove(i);
        } else {
            i += 1;
        }
    }
    for (name, text) in &old {
        let same_name =
            |list: &Vec<(String, String)>| list.iter().filter(|(n, _)| n == name).count();
        if same_name(&old) == 1 && same_name(&new) == 1 {
            if let Some((_, after)) = new.iter().find(|(n, _)| n == name) {
                out.push(
                    Change::new(ChangeKind::DirectiveUsageChanged, coordinate.clone())
                        .old(text.clone())
                        .new_value(after.clone()),
                );
                continue;
            }
        }
        out.push(
            Change::new(ChangeKind::DirectiveUsageRemoved, coordinate.clone()).old(text.clone()),
        );
    }
    for (name, text) in &new {
        let changed = old.iter().filter(|(n, _)| n == name).count() == 1
            && new.iter().filter(|(n, _)| n == name).count() == 1;
        if !changed {
            out.push(
                Change::new(ChangeKind::DirectiveUsageAdded, coordinate.clone())
                    .new_value(text.clone()),
            );
        }
    }
}

/// Default values, compared as GraphQL values (object field order does not matter). Returns
/// whether a default was removed, for the caller to decide whether the value became required.
pub(super) fn default_value(
    coordinate: &Coordinate,
    old: Option<&Node<Value>>,
    new: Option<&Node<Value>>,
    out: &mut Vec<Change>,
) {
    let change = match (old, new) {
        (None, Some(v)) => {
            Change::new(ChangeKind::DefaultValueAdded, coordinate.clone()).new_value(v.to_string())
        }
        (Some(v), None) => {
            Change::new(ChangeKind::DefaultValueRemoved, coordinate.clone()).old(v.to_string())
        }
        (Some(a), Some(b)) if !values_equal(a, b) => {
            Change::new(ChangeKind::DefaultValueChanged, coordinate.clone())
                .old(a.to_string())
                .new_value(b.to_string())
        }
        _ => return,
    };
    out.push(change);
}

/// Structural equality of GraphQL values, ignoring the order of input object fields and the
/// spelling of numbers (`1.0` and `1.00` are the same float).
pub(super) fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(name, value)| {
                    y.iter()
                        .any(|(other, v)| other == name && values_equal(value, v))
                })
        }
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| values_equal(a, b))
        }
        (Value::Float(x), Value::Float(y)) => match (x.try_to_f64(), y.try_to_f64()) {
            (Ok(x), Ok(y)) => x == y,
            _ => x.as_str() == y.as_str(),
        },
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        let doc = apollo_compiler::ast::Document::parse(
            format!("type Q {{ f(a: In = {text}): Int }}"),
            "v",
        )
        .unwrap();
        match &doc.definitions[0] {
            apollo_compiler::ast::Definition::ObjectTypeDefinition(o) => {
                (**o.fields[0].arguments[0].default_value.as_ref().unwrap()).clone()
            }
            _ => unreachable!(),
        }
    }

    #[test]
    fn object_field_order_does_not_matter() {
        assert!(values_equal(
            &value("{a: 1, b: [X]}"),
            &value("{b: [X], a: 1}")
        ));
        assert!(!values_equal(&value("{a: 1}"), &value("{a: 2}")));
        assert!(!values_equal(&value("[1, 2]"), &value("[2, 1]")));
        assert!(values_equal(&value("1.0"), &value("1.00")));
    }
}
