//! Descriptions as Markdown: tidied for pages, shortened for lists, flattened for table cells.
//!
//! A description is the schema author's Markdown and is passed through; only whitespace is
//! touched (trailing spaces, runs of blank lines), because stray whitespace changes how Markdown
//! renders and what linters report without changing what the author wrote.

/// The description tidied: trailing whitespace removed from every line, leading and trailing
/// blank lines dropped, runs of blank lines collapsed to one. `None` when nothing is left.
pub fn clean(description: &str) -> Option<String> {
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
