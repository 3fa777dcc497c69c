//! Rendering a diff: one [`DiffReport`] (findings after rules and operations, warnings, the NEW
//! schema for source lines) and four renderers: `text` for people, `json` for machines,
//! `markdown` for pull-request comments and changelogs, `github` for workflow annotations.

mod github;
mod json;
mod markdown;
mod text;

use crate::change::Criticality;
use crate::ops::OperationsReport;
use crate::rules::Finding;
use apollo_compiler::Schema;

pub use github::render as github;
pub use json::render as json;
pub use markdown::render as markdown;
pub use text::render as text;

/// Everything a renderer needs.
pub struct DiffReport<'a> {
    /// How the user named the two sides.
    pub old_name: String,
    pub new_name: String,
    pub findings: Vec<Finding>,
    /// The NEW schema, to find the file and line of each change.
    pub new_schema: &'a Schema,
    /// Problems that did not stop the diff (an invalid side, unused approvals).
    pub warnings: Vec<String>,
    pub operations: Option<&'a OperationsReport>,
    /// The rules file that applied, if any.
    pub rules_file: Option<String>,
}

/// Counts of shown changes per criticality, and of ignored ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub breaking: usize,
    pub dangerous: usize,
    pub safe: usize,
    pub ignored: usize,
    /// With `--ops`: breaking changes that some operation uses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub used_breaking: Option<usize>,
}

impl DiffReport<'_> {
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for finding in &self.findings {
            match (finding.ignored, finding.criticality) {
                (true, _) => counts.ignored += 1,
                (false, Criticality::Breaking) => counts.breaking += 1,
                (false, Criticality::Dangerous) => counts.dangerous += 1,
                (false, Criticality::Safe) => counts.safe += 1,
            }
        }
        if self.operations.is_some() {
            counts.used_breaking = Some(
                self.findings
                    .iter()
                    .filter(|f| !f.ignored && f.is_used_breaking())
                    .count(),
            );
        }
        counts
    }

    /// The shown findings of one criticality, in diff order.
    pub fn group(&self, criticality: Criticality) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| !f.ignored && f.criticality == criticality)
    }

    /// The NEW schema's file and 1-based line for a change: the element, or for a removal the
    /// nearest enclosing element still there. Looked up only by renderers that print it.
    pub fn location(&self, finding: &Finding) -> Option<(String, usize)> {
        let span = finding.change.coordinate.locate(self.new_schema)?;
        let file = self.new_schema.sources.get(&span.file_id())?;
        let line = file.get_line_column(span.offset())?.line;
        Some((file.path().display().to_string(), line))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The one-line summary every format starts or ends with.
pub fn summary(counts: &Counts) -> String {
    let mut line = format!(
        "{}, {} dangerous, {} safe",
        plural(counts.breaking, "breaking change", "breaking changes"),
        counts.dangerous,
        counts.safe
    );
    if let Some(used) = counts.used_breaking {
        line.push_str(&format!(
            " ({used} of the breaking used by your operations)"
        ));
    }
    if counts.ignored > 0 {
        line.push_str(&format!(", {} ignored by rules", counts.ignored));
    }
    line
}
