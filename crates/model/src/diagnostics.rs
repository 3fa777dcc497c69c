//! Diagnostics flattened to what a report needs: file, line, column, message, severity.

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
}

impl Located {
    pub fn of(diagnostic: &Diagnostic<'_, DiagnosticData>) -> Self {
        let location = diagnostic.error.location();
        let file = location
            .and_then(|span| diagnostic.sources.get(&span.file_id()))
            .map(|file| file.path().display().to_string())
            .unwrap_or_default();
        let start = diagnostic.line_column_range().map(|range| range.start);
        Located {
            file,
            line: start.map(|s| s.line),
            column: start.map(|s| s.column),
            message: diagnostic.error.to_string(),
            severity: "error",
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
        write!(f, "{}: {}", self.position(), self.message)
    }
}

/// Every diagnostic of a list, located, in the list's (source) order.
pub fn locate_all(list: &DiagnosticList) -> Vec<Located> {
    list.iter().map(|d| Located::of(&d)).collect()
}
