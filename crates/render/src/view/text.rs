//! Descriptions as Markdown: tidied for pages, shortened for lists, flattened for table cells.
//!
//! A description is the schema author's Markdown and is passed through. What is touched renders
//! the same or better and keeps Markdown linters quiet: whitespace (trailing spaces, runs of
//! blank lines, a blank line before a list or fence that interrupts a paragraph), bare URLs made
//! autolinks, placeholders like `<owner>` escaped, fences without a language marked `text`.

/// The description tidied: trailing whitespace removed from every line, leading and trailing
/// blank lines dropped, runs of blank lines collapsed to one; in prose, placeholders that look
/// like HTML tags escaped and bare URLs made autolinks. `None` when nothing is left.
pub fn clean(description: &str) -> Option<String> {
    let text = tidy(description)?;
    // `[A-Z][a-z]` in a regular expression reads as a reference link with an undefined label;
    // escaping the label's bracket renders the same and says what is meant.
    let has_definitions = text
        .lines()
        .any(|l| l.trim_start().starts_with('[') && l.contains("]:"));
    Some(map_prose(&text, |prose| {
        let prose = autolink(&escape_placeholders(prose));
        if has_definitions || !prose.contains("][") {
            prose
        } else {
            prose.replace("][", "]\\[")
        }
    }))
}

fn tidy(description: &str) -> Option<String> {
    let mut out = String::with_capacity(description.len());
    let mut blank_run = false;
    // Since the last blank line: inside a code fence, seen a list item, just closed a fence.
    let (mut fenced, mut in_list, mut after_fence) = (false, false, false);
    for line in description.lines() {
        let line = line.trim_end();
        if line.is_empty() && !fenced {
            blank_run = !out.is_empty();
            in_list = false;
            after_fence = false;
            continue;
        }
        let fence = is_fence(line);
        // Blocks that interrupt a paragraph render the same with a blank line before them, and
        // Markdown linters (MD031, MD032) ask for one.
        let needs_blank = !fenced
            && (after_fence || (fence && !in_list) || (!in_list && interrupts_with_list(line)));
        if blank_run || (needs_blank && !out.is_empty()) {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank_run = false;
        after_fence = fenced && fence;
        if fence {
            fenced = !fenced;
        } else if !fenced && starts_list_item(line) {
            in_list = true;
        }
        out.push_str(line);
        // A fence without a language is plain text; saying so lets renderers skip guessing.
        if fence && fenced && line.trim_start().trim_start_matches(['`', '~']).is_empty() {
            out.push_str("text");
        }
    }
    (!out.is_empty()).then_some(out)
}

fn is_fence(line: &str) -> bool {
    let trimmed = line.trim_start();
    line.len() - trimmed.len() < 4 && (trimmed.starts_with("```") || trimmed.starts_with("~~~"))
}

/// A list item that starts a list even in the middle of a paragraph (CommonMark: a bullet with
/// text, or an ordered item numbered 1), not indented as code.
fn interrupts_with_list(line: &str) -> bool {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() >= 4 || !starts_list_item(trimmed) {
        return false;
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    digits == 0 || &trimmed[..digits] == "1"
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

/// Apply `f` to the prose of a description: everything outside fenced code blocks, indented code
/// lines and code spans, whose text must stay exactly as written.
fn map_prose(text: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut fenced = false;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            out.push_str(line);
            continue;
        }
        if fenced || line.starts_with("    ") || line.starts_with('\t') {
            out.push_str(line);
            continue;
        }
        // Split at backtick runs: a run opens a code span that the next run of the same length
        // closes.
        let mut open_ticks = 0;
        let mut segment_start = 0;
        let bytes = line.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if bytes[at] != b'`' {
                at += 1;
                continue;
            }
            let run_start = at;
            while at < bytes.len() && bytes[at] == b'`' {
                at += 1;
            }
            let run = at - run_start;
            if open_ticks == 0 {
                out.push_str(&f(&line[segment_start..run_start]));
                segment_start = run_start;
                open_ticks = run;
            } else if run == open_ticks {
                out.push_str(&line[segment_start..at]);
                segment_start = at;
                open_ticks = 0;
            }
        }
        if open_ticks == 0 {
            out.push_str(&f(&line[segment_start..]));
        } else {
            // An unclosed run is literal backticks, not a code span.
            out.push_str(&line[segment_start..segment_start + open_ticks]);
            out.push_str(&f(&line[segment_start + open_ticks..]));
        }
    }
    out
}

/// Escape `<name>` when `name` is not an HTML element: descriptions write placeholders such as
/// `https://<account>.app.spacelift.io` or `<owner>/<repo>` that a Markdown renderer would take
/// for an unknown HTML tag and drop, losing the text.
fn escape_placeholders(prose: &str) -> String {
    if !prose.contains('<') {
        return prose.to_owned();
    }
    let mut out = String::with_capacity(prose.len() + 8);
    let mut previous = '\0';
    for (at, c) in prose.char_indices() {
        if c == '<' && previous != '\\' {
            if let Some(name) = tag_name(&prose[at + 1..]) {
                if !HTML_ELEMENTS.contains(&name.to_ascii_lowercase().as_str()) {
                    out.push('\\');
                }
            }
        }
        out.push(c);
        previous = c;
    }
    out
}

/// Wrap bare `http(s)://` URLs in `<…>`: only GitHub-flavoured renderers link bare URLs;
/// CommonMark ones (mdBook, Hugo's default) show them as text. A URL already inside a link, an
/// autolink or quotes is left alone, and trailing punctuation stays outside.
fn autolink(prose: &str) -> String {
    if !prose.contains("http") {
        return prose.to_owned();
    }
    let mut out = String::with_capacity(prose.len() + 8);
    let mut rest = prose;
    while let Some(at) = rest.find("http") {
        let (before, candidate) = rest.split_at(at);
        out.push_str(before);
        let starts_url = candidate.starts_with("https://") || candidate.starts_with("http://");
        // After `(` a URL is bare unless the `(` opens a link's destination (`](`).
        let bare = match before.chars().last() {
            None => true,
            Some('(') => !before.ends_with("]("),
            // Quoted in prose, not an HTML attribute's value.
            Some(quote @ ('"' | '\'')) => !before.ends_with(&format!("={quote}")),
            Some(c) => c.is_whitespace() || matches!(c, ',' | ';' | '{'),
        };
        if !(starts_url && bare) {
            out.push_str("http");
            rest = &candidate[4..];
            continue;
        }
        let mut end = candidate
            .find(char::is_whitespace)
            .unwrap_or(candidate.len());
        while end > 0 && candidate[..end].ends_with(['.', ',', ';', ':', '!', '?', ')', '\'', '"'])
        {
            end -= 1;
        }
        let url = &candidate[..end];
        if url.contains(['<', '>', '\\']) {
            // A URL with a placeholder in it is not a real address; an autolink cannot hold it.
            out.push_str(url);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        rest = &candidate[end..];
    }
    out.push_str(rest);
    out
}

/// Shift the ATX headings of a description so the shallowest one is at `level`: a description
/// written with `### Examples` sits under the page's own headings, never above or beside them out
/// of order. Levels stop at 6.
pub fn shift_headings(text: &str, level: usize) -> String {
    let heading_level = |line: &str| -> Option<usize> {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        ((1..=6).contains(&hashes) && line[hashes..].starts_with(' ')).then_some(hashes)
    };
    let mut fenced = false;
    let mut shallowest = None;
    for line in text.lines() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fenced = !fenced;
        } else if !fenced {
            if let Some(h) = heading_level(line) {
                shallowest = Some(shallowest.map_or(h, |s: usize| s.min(h)));
            }
        }
    }
    let Some(shallowest) = shallowest else {
        return text.to_owned();
    };
    if shallowest == level {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    fenced = false;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fenced = !fenced;
        }
        match heading_level(line).filter(|_| !fenced) {
            Some(h) => {
                let new = (h + level).saturating_sub(shallowest).clamp(1, 6);
                out.push_str(&"#".repeat(new));
                out.push_str(&line[h..]);
            }
            None => out.push_str(line),
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
        if i > 0 && starts_list_item(paragraph) {
            out.push_str("<br>");
        } else if i > 0 {
            out.push_str("<br><br>");
        }
        for (j, line) in paragraph.lines().enumerate() {
            let line = line.trim();
            // A heading cannot live in a cell; its text in bold says the same.
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            let bold;
            let line = if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
                bold = format!("**{}**", line[hashes..].trim());
                bold.as_str()
            } else {
                line
            };
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
        let clean = |t: &str| clean(t).unwrap();
        assert_eq!(
            clean("at https://<account>.app.io, <b>bold</b>, `<T>` and <https://x.io>"),
            "at https://\\<account>.app.io, <b>bold</b>, `<T>` and <https://x.io>"
        );
        assert_eq!(clean("<owner>/<repo>"), "\\<owner>/\\<repo>");
        // (A fence also gets a blank line after it; see the next test.)
        assert_eq!(clean("```\n<x>\n```\n<y>"), "```text\n<x>\n```\n\n\\<y>");
        assert_eq!(clean("a < b and 2<3"), "a < b and 2<3");
        assert_eq!(clean("text\n\n    <code>\n"), "text\n\n    <code>");
        assert_eq!(clean("a ``<x> ` y`` <z>"), "a ``<x> ` y`` \\<z>");
    }

    #[test]
    fn lists_and_fences_get_the_blank_lines_around_them_that_linters_ask_for() {
        let clean = |t: &str| clean(t).unwrap();
        assert_eq!(
            clean("Events:\n- created\n- deleted\n1. not a new list"),
            "Events:\n\n- created\n- deleted\n1. not a new list"
        );
        assert_eq!(clean("Steps:\n1. one\n2. two"), "Steps:\n\n1. one\n2. two");
        // Only a list numbered 1 interrupts a paragraph; a dash without text is not an item.
        assert_eq!(clean("In 2024\n2. is prose"), "In 2024\n2. is prose");
        assert_eq!(
            clean("Example:\n```\na\n\nb\n```\nAfter"),
            "Example:\n\n```text\na\n\nb\n```\n\nAfter"
        );
        assert_eq!(
            clean("code:\n\n    - not a list"),
            "code:\n\n    - not a list"
        );
        assert_eq!(cell(&clean("Events:\n- a\n- b")), "Events:<br>- a<br>- b");
        assert_eq!(clean("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(
            clean("pattern: <code>^[A-Z][a-z]$</code>"),
            "pattern: <code>^[A-Z]\\[a-z]$</code>"
        );
    }

    #[test]
    fn bare_urls_become_autolinks() {
        let clean = |t: &str| clean(t).unwrap();
        assert_eq!(
            clean("See https://docs.github.com/x. Or [this](https://a.b) or <http://c.d>."),
            "See <https://docs.github.com/x>. Or [this](https://a.b) or <http://c.d>."
        );
        assert_eq!(clean("(https://a.b/c)."), "(<https://a.b/c>).");
        assert_eq!(
            clean("e.g. 'https://a.b/c' or {https://d.e) but <a href='https://f.g'>"),
            "e.g. '<https://a.b/c>' or {<https://d.e>) but <a href='https://f.g'>"
        );
        assert_eq!(clean("[a] (https://a.b/c)"), "[a] (<https://a.b/c>)");
        assert_eq!(
            clean("`https://a.b` httpclient"),
            "`https://a.b` httpclient"
        );
    }

    #[test]
    fn headings_shift_to_the_level_asked() {
        assert_eq!(
            shift_headings(
                "Intro\n\n### Examples\n\n#### One\n```\n# not a heading\n```",
                2
            ),
            "Intro\n\n## Examples\n\n### One\n```\n# not a heading\n```"
        );
        assert_eq!(shift_headings("# Top", 5), "##### Top");
        assert_eq!(shift_headings("#hashtag", 2), "#hashtag");
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
        assert_eq!(
            cell("Intro.\n\n### Examples\n\nx"),
            "Intro.<br><br>**Examples**<br><br>x"
        );
    }
}
