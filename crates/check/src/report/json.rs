//! The JSON report, a stable interface (documented in docs/diff.md): the two sides, counts per
//! criticality, every change with kind, criticality, coordinate, message, reason, the reference
//! implementations' rating where schemalift's differs (`peers`), old and new
//! values, the NEW file and line, and what rules and operations said about it.

use super::DiffReport;
use crate::rules::Finding;
use serde::Serialize;

/// Bumped when a field changes meaning or disappears (adding fields does not bump it).
pub(super) const VERSION: u32 = 1;

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    old: &'a str,
    new: &'a str,
    counts: super::Counts,
    changes: Vec<JsonChange<'a>>,
    ignored: Vec<JsonChange<'a>>,
    warnings: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    rules_file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    operations: Option<JsonOperations<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    kind: &'static str,
    criticality: crate::Criticality,
    coordinate: String,
    message: String,
    reason: Option<&'static str>,
    /// How the reference implementations rate the kind, where schemalift differs (catalogue).
    peers: Option<&'static str>,
    old: Option<&'a str>,
    new: Option<&'a str>,
    deprecated_before_removal: bool,
    file: Option<String>,
    line: Option<usize>,
    rule: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    used_by: Option<&'a [String]>,
}

#[derive(Serialize)]
struct JsonOperations<'a> {
    files: usize,
    operations: usize,
    errors: Vec<String>,
    #[serde(skip)]
    _marker: std::marker::PhantomData<&'a ()>,
}

fn change<'a>(report: &DiffReport<'_>, finding: &'a Finding) -> JsonChange<'a> {
    let location = report.location(finding);
    let c = &finding.change;
    JsonChange {
        kind: c.kind.code(),
        criticality: finding.criticality,
        coordinate: c.coordinate.to_string(),
        message: c.message(),
        reason: c.reason(),
        peers: c.kind.spec().peers,
        old: c.old.as_deref(),
        new: c.new.as_deref(),
        deprecated_before_removal: c.deprecated_before_removal,
        line: location.as_ref().map(|(_, line)| *line),
        file: location.map(|(file, _)| file),
        rule: finding.rule.as_deref(),
        used_by: finding.used_by.as_deref(),
    }
}

pub fn render(report: &DiffReport<'_>) -> String {
    let json = Json {
        version: VERSION,
        old: &report.old_name,
        new: &report.new_name,
        counts: report.counts(),
        changes: report
            .findings
            .iter()
            .filter(|f| !f.ignored)
            .map(|f| change(report, f))
            .collect(),
        ignored: report
            .findings
            .iter()
            .filter(|f| f.ignored)
            .map(|f| change(report, f))
            .collect(),
        warnings: &report.warnings,
        rules_file: report.rules_file.as_deref(),
        operations: report.operations.map(|ops| JsonOperations {
            files: ops.files,
            operations: ops.operations.len(),
            errors: ops.errors.iter().map(ToString::to_string).collect(),
            _marker: std::marker::PhantomData,
        }),
    };
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
    text.push('\n');
    text
}
