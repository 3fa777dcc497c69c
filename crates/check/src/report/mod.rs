//! Rendering a diff: one [`DiffReport`] (findings after rules and operations, warnings, the NEW
//! schema for source lines) and six renderers: `text` for people, `json` for machines,
//! `markdown` for pull-request comments and changelogs, `github` for workflow annotations,
//! `sarif` for code scanning (also of `validate`'s diagnostics) and `gitlab` for GitLab's Code
//! Quality widget. Positions, paths relative to the working directory and fingerprints are
//! computed here, once, for every format that prints them.

mod github;
mod gitlab;
mod json;
mod markdown;
pub mod sarif;
mod text;

use crate::change::Criticality;
use crate::ops::OperationsReport;
use crate::rules::Finding;
use apollo_compiler::Schema;

pub use github::render as github;
pub use gitlab::render as gitlab;
pub use json::render as json;
pub use markdown::render as markdown;
pub use sarif::render as sarif;
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
        self.position(finding).map(|p| (p.file, p.line))
    }

    /// [`DiffReport::location`] with the 1-based column.
    pub fn position(&self, finding: &Finding) -> Option<Position> {
        let span = finding.change.coordinate.locate(self.new_schema)?;
        let file = self.new_schema.sources.get(&span.file_id())?;
        let at = file.get_line_column(span.offset())?;
        Some(Position {
            file: file.path().display().to_string(),
            line: at.line,
            column: at.column,
        })
    }

    /// Where a finding is shown in formats that need a place for every finding (SARIF, GitLab):
    /// its [`position`](DiffReport::position), else (a removed type) the start of NEW's first
    /// file, else (NEW from introspection) none.
    pub fn position_or_start(&self, finding: &Finding) -> Option<Position> {
        self.position(finding).or_else(|| {
            let (_, file) = (self.new_schema.sources.iter())
                .find(|(id, _)| **id != apollo_compiler::parser::FileId::BUILT_IN)?;
            Some(Position {
                file: file.path().display().to_string(),
                line: 1,
                column: 1,
            })
        })
    }

    /// The shown findings (not ignored), in report order, each with a fingerprint that is the
    /// same on every run for the same change and unique within the report: a hash of kind,
    /// coordinate, old and new values, and, for the rare identical pair, its occurrence number.
    pub fn fingerprinted(&self) -> Vec<(&Finding, String)> {
        let mut seen = std::collections::HashMap::new();
        self.findings
            .iter()
            .filter(|f| !f.ignored)
            .map(|finding| {
                let change = &finding.change;
                let key = format!(
                    "{}\u{1f}{}\u{1f}{}\u{1f}{}",
                    change.kind.code(),
                    change.coordinate,
                    change.old.as_deref().unwrap_or(""),
                    change.new.as_deref().unwrap_or("")
                );
                let occurrence = seen.entry(key.clone()).or_insert(0usize);
                *occurrence += 1;
                let key = match *occurrence {
                    1 => key,
                    n => format!("{key}\u{1f}{n}"),
                };
                (finding, format!("{:016x}", fnv1a(key.as_bytes())))
            })
            .collect()
    }
}

/// A place in a file: 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// FNV-1a, 64 bits: a hash that is the same on every platform and Rust version, so fingerprints
/// stay stable across runs and upgrades (std's `DefaultHasher` promises neither).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A file path as CI tools want it: relative to `base` (the working directory) when under it,
/// with `/` separators. Paths outside `base` stay absolute.
pub fn relative_path(path: &str, base: &std::path::Path) -> String {
    let path = std::path::Path::new(path);
    let relative = path.strip_prefix(base).unwrap_or(path);
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_owned).unwrap_or(text)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::change::Presentation;
    use crate::rules::Finding;

    /// A deprecated directive removed, one deprecated, one undeprecated, one with another
    /// reason, and a field removed after deprecation, in every format.
    fn reports() -> [String; 4] {
        let old = Schema::parse(
            "type Query { q: Int old: Int @deprecated(reason: \"Use q.\") }\n\
             directive @gone @deprecated(reason: \"Use @kept.\") on FIELD\n\
             directive @plain on FIELD\n\
             directive @kept on FIELD\n\
             directive @audited on FIELD_DEFINITION\n\
             extend directive @audited @deprecated(reason: \"Always on.\")\n\
             directive @cached @deprecated(reason: \"Old reason.\") on FIELD_DEFINITION\n",
            "old.graphql",
        )
        .unwrap();
        let new = Schema::parse(
            "type Query { q: Int }\n\
             directive @kept @deprecated(reason: \"Use @new.\") on FIELD\n\
             directive @audited on FIELD_DEFINITION\n\
             directive @cached @deprecated(reason: \"New reason.\") on FIELD_DEFINITION\n",
            "new.graphql",
        )
        .unwrap();
        let report = DiffReport {
            old_name: "old.graphql".into(),
            new_name: "new.graphql".into(),
            findings: crate::diff(&old, &new)
                .into_iter()
                .map(Finding::new)
                .collect(),
            new_schema: &new,
            warnings: vec![],
            operations: None,
            rules_file: None,
        };
        [
            plain_text(&report),
            markdown(&report),
            json(&report),
            github(&report),
        ]
    }

    #[test]
    fn every_format_marks_a_deprecated_directive_removed_as_it_does_a_field() {
        for out in reports() {
            for line in [
                "Directive `@gone` was removed (deprecated before removal)",
                "Field `Query.old` was removed (deprecated before removal)",
            ] {
                assert!(out.contains(line), "{line:?} missing from:\n{out}");
            }
            // A plain directive removed has no mark.
            assert!(out.contains("Directive `@plain` was removed"), "{out}");
            assert!(!out.contains("`@plain` was removed (deprecated"), "{out}");
        }
    }

    #[test]
    fn formats_that_list_safe_changes_give_directive_deprecation_reasons() {
        let [text, markdown, json, github] = reports();
        for out in [&text, &markdown, &json] {
            for line in [
                "`@kept` was deprecated: Use @new.",
                "`@audited` is no longer deprecated (was: Always on.)",
                "Deprecation reason of `@cached` changed from \\\"Old reason.\\\" to \\\"New reason.\\\"",
            ] {
                // JSON escapes the quotes; the others print them as they are.
                let line = if std::ptr::eq(out, &json) {
                    line.to_owned()
                } else {
                    line.replace("\\\"", "\"")
                };
                assert!(out.contains(&line), "{line:?} missing from:\n{out}");
            }
        }
        // GitHub annotations are for breaking and dangerous changes only.
        assert!(!github.contains("@kept"), "{github}");
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let change = |coordinate: &str, kind: &str| {
            json["changes"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["coordinate"] == coordinate && c["kind"] == kind)
                .unwrap_or_else(|| panic!("{kind} {coordinate} in {json}"))
                .clone()
        };
        assert_eq!(change("@kept", "deprecated")["new"], "Use @new.");
        assert_eq!(change("@audited", "undeprecated")["old"], "Always on.");
        let removed = change("@gone", "directive-removed");
        assert_eq!(removed["deprecated_before_removal"], true);
        assert_eq!(removed["criticality"], "breaking");
        assert_eq!(
            change("@plain", "directive-removed")["deprecated_before_removal"],
            false
        );
    }

    /// One breaking, one dangerous and one safe change, each shown as its criticality's
    /// presentation says, in every format; only breaking and dangerous ones are annotated.
    #[test]
    fn every_format_shows_each_criticality_from_its_presentation() {
        let old =
            Schema::parse("type Query { a: Int b: Int }\nenum E { X }\n", "o.graphql").unwrap();
        let new = Schema::parse(
            "type Query { a: Int c: Int }\nenum E { X Y }\n",
            "n.graphql",
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
        let (text, markdown, github) = (plain_text(&report), markdown(&report), github(&report));
        for criticality in Criticality::ALL {
            let shown = criticality.presentation();
            assert!(text.contains(&format!("{} (1)", shown.title)), "{text}");
            assert!(
                markdown.contains(&format!("### {} {} (1)", shown.mark, shown.title)),
                "{markdown}"
            );
            let annotations = github
                .lines()
                .filter(|l| l.contains(&format!("title={} schema change", shown.code)))
                .count();
            match shown.annotation {
                Some(command) => {
                    assert_eq!(annotations, 1, "{github}");
                    assert!(
                        github.contains(&format!("::{command} file=n.graphql")),
                        "{github}"
                    );
                }
                None => assert_eq!(annotations, 0, "{github}"),
            }
        }
        assert_eq!(text.matches("  ✖ ").count(), 1, "{text}");
        let json: serde_json::Value = serde_json::from_str(&json(&report)).unwrap();
        assert_eq!(json["counts"]["breaking"], 1);
        assert_eq!(json["counts"]["dangerous"], 1);
        assert_eq!(json["counts"]["safe"], 1);

        // The text report paints each group's title (bold) and each mark in its colour, and
        // nothing else: the styles stripped, it is the plain text.
        let styled = super::text(&report);
        for criticality in Criticality::ALL {
            let Presentation {
                style, mark, title, ..
            } = criticality.presentation();
            let bold = style.bold();
            assert!(
                styled.contains(&format!("{bold}{title} (1){bold:#}\n")),
                "{styled:?}"
            );
            assert!(
                styled.contains(&format!("  {style}{mark}{style:#} ")),
                "{styled:?}"
            );
        }
    }

    /// The text report as a reader without colour sees it.
    fn plain_text(report: &DiffReport<'_>) -> String {
        anstream::adapter::strip_str(&text(report)).to_string()
    }
}
