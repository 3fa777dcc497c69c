//! Filters the Markdown templates use (listed in docs/templates.md): links relative to the page,
//! text made safe for a table cell, code spans that survive backticks, and YAML strings.

use crate::view::text;
use minijinja::{Environment, Error, ErrorKind, State, Value};

pub(super) fn register(env: &mut Environment<'static>) {
    env.add_filter("href", href);
    env.add_filter("cell", cell);
    env.add_filter("code", code);
    env.add_filter("yaml_string", yaml_string);
    env.add_filter("headings", headings);
    env.add_filter("name_cell", name_cell);
    env.add_filter("description_cell", description_cell);
}

/// A link from the view model (relative to the output root, or a `#fragment` in a single file)
/// made relative to the page being rendered: `page.path` tells where that is. A link into the
/// page itself becomes its fragment.
fn href(state: &State, link: &str) -> String {
    if link.starts_with('#') {
        return link.to_owned();
    }
    let current = state
        .lookup("page")
        .and_then(|page| page.get_attr("path").ok())
        .and_then(|path| path.as_str().map(str::to_owned))
        .unwrap_or_default();
    relative(&current, link)
}

fn relative(current: &str, link: &str) -> String {
    let (path, fragment) = match link.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (link, None),
    };
    if path == current {
        if let Some(fragment) = fragment {
            return format!("#{fragment}");
        }
    }
    let depth = current.matches('/').count();
    let mut out = "../".repeat(depth);
    out.push_str(link);
    out
}

/// A description placed under a heading of level `level - 1`: its own headings shifted so the
/// shallowest is at `level` (see [`text::shift_headings`]).
fn headings(value: &str, level: usize) -> String {
    text::shift_headings(value, level)
}

/// An attribute of a view-model item: a missing one is a template error naming it, not an empty
/// string.
fn attr(item: &Value, name: &str) -> Result<Value, Error> {
    let value = item.get_attr(name)?;
    if value.is_undefined() {
        return Err(Error::new(
            ErrorKind::UndefinedError,
            format!("the item has no attribute `{name}`"),
        ));
    }
    Ok(value)
}

fn text_attr(item: &Value, name: &str) -> Result<Option<String>, Error> {
    let value = attr(item, name)?;
    Ok(value.as_str().map(str::to_owned))
}

/// The first cell of a row: the item's anchor and its name as code, struck through when
/// deprecated. The item is a field, argument, input field or enum value of the view model.
fn name_cell(item: Value) -> Result<String, Error> {
    let anchor = text_attr(&item, "anchor")?.unwrap_or_default();
    let name = code(&text_attr(&item, "name")?.unwrap_or_default());
    let deprecated = !attr(&item, "deprecation")?.is_none();
    Ok(if deprecated {
        format!("<a id=\"{anchor}\"></a>~~{name}~~")
    } else {
        format!("<a id=\"{anchor}\"></a>{name}")
    })
}

/// The description cell of a row: the deprecation first (so it is seen), the description, the
/// directives applied to the item, each part made to fit a table cell.
fn description_cell(item: Value) -> Result<String, Error> {
    let mut parts: Vec<String> = Vec::new();
    let deprecation = attr(&item, "deprecation")?;
    if !deprecation.is_none() {
        let reason = deprecation.get_attr("reason")?;
        parts.push(format!(
            "**Deprecated:** {}",
            text::cell(reason.as_str().unwrap_or_default())
        ));
    }
    if let Some(description) = text_attr(&item, "description")? {
        parts.push(text::cell(&description));
    }
    let directives = attr(&item, "directives")?;
    let applied: Vec<String> = directives
        .try_iter()?
        .filter_map(|d| d.as_str().map(code))
        .collect();
    if !applied.is_empty() {
        parts.push(format!("Directives: {}", applied.join(" ")));
    }
    Ok(parts.join("<br><br>"))
}

/// See [`text::cell`].
fn cell(value: &str) -> String {
    text::cell(value)
}

/// A code span holding `value` verbatim: fenced with more backticks than the longest run inside
/// it, padded with spaces when it starts or ends with a backtick.
fn code(value: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in value.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    if value.starts_with('`') || value.ends_with('`') {
        format!("{fence} {value} {fence}")
    } else {
        format!("{fence}{value}{fence}")
    }
}

/// A double-quoted YAML string, for front matter.
fn yaml_string(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(relative("README.md", "objects/A.md"), "objects/A.md");
        assert_eq!(
            relative("objects/B.md", "enums/E.md#value-X"),
            "../enums/E.md#value-X"
        );
        assert_eq!(relative("objects/B.md", "objects/B.md#field-x"), "#field-x");
        assert_eq!(relative("objects/B.md", "queries.md"), "../queries.md");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("[Int!]!"), "`[Int!]!`");
        assert_eq!(code("\"a`b\""), "``\"a`b\"``");
        assert_eq!(code("`x`"), "`` `x` ``");
    }

    #[test]
    fn yaml_strings_are_quoted() {
        assert_eq!(yaml_string("a: \"b\""), "\"a: \\\"b\\\"\"");
    }
}
