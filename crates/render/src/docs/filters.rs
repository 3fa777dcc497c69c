//! Filters the Markdown templates use (listed in docs/templates.md): links relative to the page,
//! text made safe for a table cell, code spans that survive backticks, and YAML strings.

use crate::view::text;
use minijinja::{Environment, State};

pub fn register(env: &mut Environment<'static>) {
    env.add_filter("href", href);
    env.add_filter("cell", cell);
    env.add_filter("code", code);
    env.add_filter("yaml_string", yaml_string);
    env.add_filter("headings", headings);
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
