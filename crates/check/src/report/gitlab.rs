//! GitLab Code Quality: the JSON array a merge request's Code Quality widget reads (a job's
//! `artifacts: reports: codequality:`). One entry per shown finding: `description` (message and
//! reason), `check_name` (the kind's code), `fingerprint` (stable across runs, unique in the
//! report), `severity` from the criticality's presentation (`blocker` breaking, `major` dangerous,
//! `info` safe), and `location.path` (relative to the working directory, which in a GitLab job is
//! the repository root) with `location.lines.begin`.

use super::{relative_path, DiffReport};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The Code Quality report of a diff; `base` is the directory paths are made relative to. A
/// finding NEW has no place for (a removed type) is put on line 1 of NEW's first file, or, when NEW
/// has no file (introspection), of NEW as the user named it: GitLab needs a location for each.
pub fn render(report: &DiffReport<'_>, base: &Path) -> String {
    let issues: Vec<Issue> = report
        .fingerprinted()
        .into_iter()
        .map(|(finding, fingerprint)| {
            let change = &finding.change;
            let mut description = change.message();
            if let Some(reason) = change.reason() {
                description.push_str(". ");
                description.push_str(reason);
            }
            if let Some(rule) = &finding.rule {
                description.push_str(&format!(" Rule: {rule}."));
            }
            let (path, begin) = match report.position_or_start(finding) {
                Some(position) => (relative_path(&position.file, base), position.line),
                None => (relative_path(&report.new_name, base), 1),
            };
            Issue {
                description,
                check_name: change.kind.code(),
                fingerprint,
                severity: finding.criticality.presentation().gitlab_severity,
                location: Location {
                    path,
                    lines: Lines { begin },
                },
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Criticality;
    use crate::rules::Finding;
    use apollo_compiler::Schema;

    #[test]
    fn one_entry_per_finding_with_severity_path_line_and_unique_fingerprint() {
        let old =
            Schema::parse("type Query { a: Int b: Int }\nenum E { X }\n", "o.graphql").unwrap();
        let new = Schema::parse(
            "type Query {\n  a: Int\n  c: Int\n}\nenum E { X Y }\n",
            "/repo/n.graphql",
        )
        .unwrap();
        let report = DiffReport {
            old_name: "o.graphql".into(),
            new_name: "n.graphql".into(),
            findings: crate::diff(&old, &new)
                .into_iter()
                .map(Finding::new)
                .collect(),
            new_schema: &new,
            warnings: vec![],
            operations: None,
            rules_file: None,
        };
        let json: serde_json::Value =
            serde_json::from_str(&render(&report, Path::new("/repo"))).unwrap();
        let issues = json.as_array().unwrap();
        assert_eq!(issues.len(), 3);
        for criticality in Criticality::ALL {
            let severity = criticality.presentation().gitlab_severity;
            assert_eq!(
                issues.iter().filter(|i| i["severity"] == severity).count(),
                1,
                "{severity}: {json}"
            );
        }
        let added = issues
            .iter()
            .find(|i| i["check_name"] == "field-added")
            .unwrap();
        assert_eq!(added["location"]["path"], "n.graphql");
        assert_eq!(added["location"]["lines"]["begin"], 3);
        let prints: std::collections::HashSet<_> =
            issues.iter().map(|i| i["fingerprint"].clone()).collect();
        assert_eq!(prints.len(), 3);
    }
}
