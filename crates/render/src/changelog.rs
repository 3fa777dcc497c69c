//! `schemalift changelog`: the changes between two schema versions as Markdown release notes,
//! rendered through `templates/markdown/changelog.md.jinja`.
//!
//! The changes come from `schemalift_check::diff`; this module turns them into a serializable view
//! (grouped breaking, dangerous, safe) and links every element that still exists into the new
//! version's docs, as `schemalift docs` lays them out. A removed element links to the nearest
//! thing that is still there: its type, for a removed field.

use crate::env::{TemplateError, Templates};
use crate::view::{self, Layout, SchemaDoc};
use apollo_compiler::Schema;
use schemalift_check::{Change, Criticality};
use serde::Serialize;
use std::collections::HashMap;

/// The template that renders the release notes.
pub const TEMPLATE: &str = "changelog.md.jinja";

/// What the changelog template sees.
#[derive(Debug, Clone, Serialize)]
pub struct ChangelogView {
    /// How the old and the new schema were named on the command line.
    pub old: String,
    pub new: String,
    /// Number of changes of each criticality, and in all.
    pub breaking: usize,
    pub dangerous: usize,
    pub safe: usize,
    pub total: usize,
    /// Breaking, dangerous and safe changes, in that order; empty groups included.
    pub groups: Vec<ChangeGroup>,
}

/// The changes of one criticality.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeGroup {
    /// `breaking`, `dangerous` or `safe`.
    pub criticality: &'static str,
    pub title: String,
    pub changes: Vec<ChangeView>,
}

/// One change.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// The catalogue's stable code, e.g. `field-removed`.
    pub code: &'static str,
    pub criticality: &'static str,
    /// The schema coordinate of the element, e.g. `Stack.state`, `Query.stack(id:)`.
    pub coordinate: String,
    /// The catalogue message, plain (Markdown code spans around names).
    pub message: String,
    /// The message with the element's name linked into the docs, when there is a link.
    pub linked_message: String,
    /// How a client breaks, for breaking and dangerous changes.
    pub reason: Option<&'static str>,
    /// Where the element (or, once removed, its nearest remaining owner) is documented: the docs
    /// base joined with the page and anchor of the new version's docs.
    pub link: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub deprecated_before_removal: bool,
}

/// Build the view of `changes` between `old_name` and `new_name`. `new_schema` lays out the
/// links; `docs_base` is prefixed to them (the docs directory or site, relative to where the
/// changelog is read, with a trailing `/`; empty when the changelog sits in the docs directory).
pub fn view(
    changes: &[Change],
    new_schema: &Schema,
    old_name: &str,
    new_name: &str,
    docs_base: &str,
) -> ChangelogView {
    let doc = view::build(new_schema, Layout::Pages, "README.md");
    let links = link_index(&doc);
    let change_view = |change: &Change| {
        let coordinate = change.coordinate.to_string();
        let link = resolve(&links, &coordinate).map(|l| format!("{docs_base}{l}"));
        let message = change.message();
        let linked_message = match &link {
            Some(link) => link_code_span(&message, &coordinate, link),
            None => message.clone(),
        };
        ChangeView {
            code: change.kind.code(),
            criticality: change.criticality().as_str(),
            coordinate,
            message,
            linked_message,
            reason: change.reason(),
            link,
            old: change.old.clone(),
            new: change.new.clone(),
            deprecated_before_removal: change.deprecated_before_removal,
        }
    };
    let groups: Vec<ChangeGroup> = Criticality::ALL
        .iter()
        .map(|&criticality| ChangeGroup {
            criticality: criticality.as_str(),
            title: format!("{} changes", criticality.presentation().title),
            changes: changes
                .iter()
                .filter(|c| c.criticality() == criticality)
                .map(change_view)
                .collect(),
        })
        .collect();
    let count = |i: usize| groups[i].changes.len();
    ChangelogView {
        old: old_name.to_owned(),
        new: new_name.to_owned(),
        breaking: count(0),
        dangerous: count(1),
        safe: count(2),
        total: changes.len(),
        groups,
    }
}

/// `message` with the code span that names `coordinate` (`` `Stack.runs` `` or
/// `` `Stack.runs: [Run!]!` ``) made a link.
fn link_code_span(message: &str, coordinate: &str, link: &str) -> String {
    let opening = format!("`{coordinate}");
    let mut search = 0;
    while let Some(found) = message[search..].find(&opening) {
        let start = search + found;
        let after = &message[start + opening.len()..];
        if after.starts_with('`') || after.starts_with(':') || after.starts_with(' ') {
            if let Some(close) = after.find('`') {
                let end = start + opening.len() + close + 1;
                return format!(
                    "{}[{}]({link}){}",
                    &message[..start],
                    &message[start..end],
                    &message[end..]
                );
            }
        }
        search = start + opening.len();
    }
    message.to_owned()
}

/// Render the release notes.
pub fn render(view: &ChangelogView, templates: &Templates) -> Result<String, TemplateError> {
    templates
        .render(TEMPLATE, minijinja::context! { changelog => view })
        .map(|text| crate::docs::tidy(&text))
}

/// Schema coordinate → link, for every documented element of the new schema.
fn link_index(doc: &SchemaDoc) -> HashMap<String, String> {
    let mut links = HashMap::new();
    for ty in &doc.types {
        links.insert(ty.name.clone(), ty.link.clone());
        for field in &ty.fields {
            links.insert(field.coordinate.clone(), field.link.clone());
            for arg in &field.arguments {
                links.insert(arg.coordinate.clone(), arg.link.clone());
            }
        }
        for field in &ty.input_fields {
            links.insert(field.coordinate.clone(), field.link.clone());
        }
        for value in &ty.values {
            links.insert(value.coordinate.clone(), value.link.clone());
        }
    }
    for directive in &doc.directives {
        links.insert(format!("@{}", directive.name), directive.link.clone());
        for arg in &directive.arguments {
            links.insert(arg.coordinate.clone(), arg.link.clone());
        }
    }
    links
}

/// The link of `coordinate`, or of the nearest enclosing element that exists: `Type.field(arg:)`
/// → `Type.field` → `Type`; `@dir(arg:)` → `@dir`.
fn resolve<'a>(links: &'a HashMap<String, String>, coordinate: &str) -> Option<&'a String> {
    let mut current = coordinate;
    loop {
        if let Some(link) = links.get(current) {
            return Some(link);
        }
        current = if let Some(at) = current.find('(') {
            &current[..at]
        } else if let Some(at) = current.rfind('.') {
            &current[..at]
        } else {
            return None;
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_resolve_to_themselves_or_their_nearest_owner() {
        let links: HashMap<String, String> = [
            ("Stack", "objects/Stack.md"),
            ("Stack.runs", "objects/Stack.md#field-runs"),
            ("@beta", "directives/beta.md"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
        let link = |c| resolve(&links, c).map(String::as_str);
        assert_eq!(link("Stack.runs"), Some("objects/Stack.md#field-runs"));
        assert_eq!(
            link("Stack.runs(first:)"),
            Some("objects/Stack.md#field-runs")
        );
        assert_eq!(link("Stack.gone"), Some("objects/Stack.md"));
        assert_eq!(link("@beta(reason:)"), Some("directives/beta.md"));
        assert_eq!(link("Gone.field"), None);
        assert_eq!(link("schema"), None);
    }

    #[test]
    fn directive_changes_link_to_the_directive_page() {
        let old = Schema::parse(
            "type Query { q: Int }\n\
             directive @old(x: Int) on FIELD\n\
             directive @gone @deprecated on FIELD\n\
             directive @audited on FIELD\n\
             extend directive @audited @deprecated(reason: \"Always on.\")",
            "old.graphql",
        )
        .unwrap();
        let new = Schema::parse(
            "type Query { q: Int }\n\
             directive @old(x: Int, y: Int) @deprecated(reason: \"Use @new.\") on FIELD\n\
             directive @audited on FIELD",
            "new.graphql",
        )
        .unwrap();
        let changes = schemalift_check::diff(&old, &new);
        let view = view(&changes, &new, "old", "new", "docs/");
        let all: Vec<&ChangeView> = view.groups.iter().flat_map(|g| &g.changes).collect();
        let find = |code: &str, at: &str| {
            *all.iter()
                .find(|c| c.code == code && c.coordinate == at)
                .unwrap_or_else(|| panic!("{code} {at} in {all:#?}"))
        };
        let deprecated = find("deprecated", "@old");
        assert_eq!(deprecated.link.as_deref(), Some("docs/directives/old.md"));
        assert_eq!(
            deprecated.linked_message,
            "[`@old`](docs/directives/old.md) was deprecated: Use @new."
        );
        let undeprecated = find("undeprecated", "@audited");
        assert_eq!(
            undeprecated.linked_message,
            "[`@audited`](docs/directives/audited.md) is no longer deprecated (was: Always on.)"
        );
        // A directive argument links to its row on the directive's page.
        let added = find("optional-argument-added", "@old(y:)");
        assert_eq!(added.link.as_deref(), Some("docs/directives/old.md#arg-y"));
        // A removed directive has no page left to link to, and keeps its mark.
        let removed = find("directive-removed", "@gone");
        assert_eq!(removed.link, None);
        assert!(removed.deprecated_before_removal);
        assert!(removed
            .linked_message
            .ends_with("(deprecated before removal)"));
    }

    #[test]
    fn the_code_span_naming_the_element_becomes_the_link() {
        assert_eq!(
            link_code_span("Field `Stack.x: Int` was added", "Stack.x", "s.md#field-x"),
            "Field [`Stack.x: Int`](s.md#field-x) was added"
        );
        assert_eq!(
            link_code_span("Type `Stack.xy` and `Stack.x`", "Stack.x", "l"),
            "Type `Stack.xy` and [`Stack.x`](l)"
        );
        assert_eq!(link_code_span("no span", "Stack.x", "l"), "no span");
    }
}
