//! Descriptions as Markdown: tidied for pages, shortened for lists, flattened for table cells.
//!
//! A description is the schema author's Markdown and is passed through; only whitespace is
//! touched (trailing spaces, runs of blank lines), because stray whitespace changes how Markdown
//! renders and what linters report without changing what the author wrote.

/// The description tidied: trailing whitespace removed from every line, leading and trailing
/// blank lines dropped, runs of blank lines collapsed to one, placeholders that look like HTML
/// tags escaped (see [`escape_placeholders`]). `None` when nothing is left.
pub fn clean(description: &str) -> Option<String> {
    tidy(description).map(|text| escape_placeholders(&text))
}

fn tidy(description: &str) -> Option<String> {
    let mut out = String::with_capacity(description.len());
    let mut blank_run = false;
    for line in description.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run = !out.is_empty();
            continue;
        }
        if blank_run {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank_run = false;
        out.push_str(line);
    }
    (!out.is_empty()).then_some(out)
}

/// HTML elements a description may really mean; any other `<name>` is a placeholder.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// Escape `<name>` when `name` is not an HTML element: descriptions write placeholders such as
/// `https://<account>.app.spacelift.io` or `<owner>/<repo>` that a Markdown renderer would take
/// for an unknown HTML tag and drop, losing the text. Code spans and fenced code are left alone.
pub fn escape_placeholders(text: &str) -> String {
    if !text.contains('<') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut fenced = false;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        if fenced || !line.contains('<') {
            out.push_str(line);
            continue;
        }
        let mut open_ticks = 0; // length of the backtick run that opened a code span, 0 outside
        let mut chars = line.char_indices().peekable();
        let mut previous = '\0';
        while let Some((at, c)) = chars.next() {
            if c == '`' {
                let mut run = 1;
                while chars.peek().is_some_and(|&(_, n)| n == '`') {
                    chars.next();
                    run += 1;
                }
                if open_ticks == 0 {
                    open_ticks = run;
                } else if run == open_ticks {
                    open_ticks = 0;
                }
                out.extend(std::iter::repeat_n('`', run));
                previous = '`';
                continue;
            }
            if c == '<' && open_ticks == 0 && previous != '\\' {
                if let Some(name) = tag_name(&line[at + 1..]) {
                    if !HTML_ELEMENTS.contains(&name.to_ascii_lowercase().as_str()) {
                        out.push('\\');
                    }
                }
            }
            out.push(c);
            previous = c;
        }
    }
    out
}

/// The element name of what follows a `<`, if it reads like a tag: `name>`, `/name>`,
/// `name attr…`.
fn tag_name(rest: &str) -> Option<&str> {
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let end = rest
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_alphabetic() || (i > 0 && (c.is_ascii_digit() || c == '-' || c == '_')))
        })
        .map_or(rest.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    match rest[end..].chars().next() {
        Some('>') | Some(' ') | Some('/') => Some(&rest[..end]),
        _ => None,
    }
}

/// The first paragraph of a (cleaned) description on one line, for lists of entries.
pub fn summary(description: &str) -> String {
    let first = description.split("\n\n").next().unwrap_or_default();
    let joined = first.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    escape_pipes(&joined)
}

fn starts_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// A Markdown fragment made to fit one table cell: a cell is a single line, so paragraphs are
/// separated by `<br><br>`, list items start on a `<br>`, other line breaks become spaces, and
/// `|` is escaped so it cannot end the cell.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str("<br><br>");
        }
        for (j, line) in paragraph.lines().enumerate() {
            let line = line.trim();
            if j > 0 {
                if starts_list_item(line) {
                    out.push_str("<br>");
                } else {
                    out.push(' ');
                }
            }
            out.push_str(line);
        }
    }
    escape_pipes(&out)
}

/// Escape `|` for a table cell, leaving already escaped ones alone.
fn escape_pipes(text: &str) -> String {
    if !text.contains('|') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '|' && previous != '\\' {
            out.push('\\');
        }
        out.push(c);
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_trims_and_collapses_whitespace_only() {
        assert_eq!(
            clean("\n  First line.  \nsecond\n\n\n\n* item\n\n").as_deref(),
            Some("  First line.\nsecond\n\n* item")
        );
        assert_eq!(clean(" \n\n "), None);
    }

    #[test]
    fn placeholders_are_escaped_but_html_and_code_are_not() {
        assert_eq!(
            escape_placeholders(
                "at https://<account>.app.io, <b>bold</b>, `<T>` and <https://x.io>"
            ),
            "at https://\\<account>.app.io, <b>bold</b>, `<T>` and <https://x.io>"
        );
        assert_eq!(escape_placeholders("<owner>/<repo>"), "\\<owner>/\\<repo>");
        assert_eq!(
            escape_placeholders("```\n<x>\n```\n<y>"),
            "```\n<x>\n```\n\\<y>"
        );
        assert_eq!(escape_placeholders("a < b and 2<3"), "a < b and 2<3");
    }

    #[test]
    fn summary_is_the_first_paragraph_on_one_line() {
        assert_eq!(
            summary("The stack\nof runs.\n\nMore."),
            "The stack of runs."
        );
        assert_eq!(summary("a | b"), "a \\| b");
    }

    #[test]
    fn cell_keeps_paragraphs_and_list_items_apart() {
        assert_eq!(
            cell("One\ntwo.\n\nList:\n- a\n- b\n1. c"),
            "One two.<br><br>List:<br>- a<br>- b<br>1. c"
        );
        assert_eq!(cell("`a|b` and a \\| b"), "`a\\|b` and a \\| b");
    }
}
