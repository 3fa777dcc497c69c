//! Diagnostics flattened to what a report needs: file, line, column, message, severity.

use crate::NewerRule;
use apollo_compiler::diagnostic::{Diagnostic, ToCliReport};
use apollo_compiler::validation::{DiagnosticData, DiagnosticList};
use serde::Serialize;

/// One diagnostic with its position resolved (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub severity: &'static str,
    /// The rule, when it is newer than October 2021 (see [`crate::edition`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    /// The edition that introduced that rule, e.g. `September 2025`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<&'static str>,
}

impl Located {
    pub fn of(diagnostic: &Diagnostic<'_, DiagnosticData>) -> Self {
        let location = diagnostic.error.location();
        let source =
            location.and_then(|span| Some((span, diagnostic.sources.get(&span.file_id())?)));
        let file = source
            .map(|(_, file)| file.path().display().to_string())
            .unwrap_or_default();
        // A definition's span starts at its description; point at the definition itself.
        let start = source.and_then(|(span, file)| {
            let offset = skip_description(file.source_text(), span.offset());
            file.get_line_column(offset)
        });
        Located {
            file,
            line: start.as_ref().map(|s| s.line),
            column: start.as_ref().map(|s| s.column),
            message: diagnostic.error.to_string(),
            severity: "error",
            rule: None,
            since: None,
        }
    }

    /// The diagnostic, naming the newer rule that reported it.
    pub fn with_rule(
        diagnostic: &Diagnostic<'_, DiagnosticData>,
        rule: Option<&NewerRule>,
    ) -> Self {
        Located {
            rule: rule.map(|r| r.name),
            since: rule.map(|r| r.edition.title()),
            ..Located::of(diagnostic)
        }
    }

    /// `file:line:col`, or as much of it as is known.
    pub fn position(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", self.file),
            _ => self.file.clone(),
        }
    }
}

impl std::fmt::Display for Located {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.position(), self.message)?;
        match (self.rule, self.since) {
            (Some(rule), Some(since)) => write!(f, " (rule {rule}, since {since})"),
            _ => Ok(()),
        }
    }
}

/// The offset of the first token after a description string starting at `offset`, or `offset`.
fn skip_description(text: &str, offset: usize) -> usize {
    let Some(rest) = text.get(offset..) else {
        return offset;
    };
    let end = if let Some(block) = rest.strip_prefix("\"\"\"") {
        // Block strings end at the first unescaped `"""`.
        let mut search = 0;
        loop {
            match block[search..].find("\"\"\"") {
                Some(i) if block[..search + i].ends_with('\\') => search += i + 3,
                Some(i) => break Some(3 + search + i + 3),
                None => break None,
            }
        }
    } else if let Some(string) = rest.strip_prefix('"') {
        let mut escaped = false;
        string
            .char_indices()
            .find(|&(_, c)| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end
            })
            .map(|(i, _)| 1 + i + 1)
    } else {
        None
    };
    match end {
        Some(end) => {
            let after = &rest[end..];
            offset + end + (after.len() - after.trim_start().len())
        }
        None => offset,
    }
}

/// Every diagnostic of a list, located, in the list's (source) order.
pub fn locate_all(list: &DiagnosticList) -> Vec<Located> {
    list.iter().map(|d| Located::of(&d)).collect()
}

#[cfg(test)]
mod tests {
    use super::skip_description;

    #[test]
    fn skips_descriptions_to_the_definition() {
        let text = "type Q {\n  \"\"\"a \\\"\"\" b\"\"\"\n  f: Int\n  \"one \\\" line\" g: Int\n  h: Int }";
        let f = text.find("\"\"\"").unwrap();
        assert_eq!(&text[skip_description(text, f)..][..6], "f: Int");
        let g = text.find("\"one").unwrap();
        assert_eq!(&text[skip_description(text, g)..][..6], "g: Int");
        let h = text.find("h:").unwrap();
        assert_eq!(skip_description(text, h), h);
    }
}
