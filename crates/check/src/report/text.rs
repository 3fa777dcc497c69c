//! The human report: a summary, then the changes grouped by criticality (breaking first), each
//! with its reason, the rule that touched it and, with `--ops`, the operations it breaks.
//! Always styled with each criticality's colours: whoever writes it decides whether the styles
//! reach the reader (the CLI writes through `anstream`, which strips them off a terminal, under
//! `NO_COLOR` or `--color never`).

use super::{summary, DiffReport};
use crate::change::{Criticality, Presentation};
use anstyle::Style;
use std::fmt::Write;

pub fn render(report: &DiffReport<'_>) -> String {
    let paint = |style: Style, text: &str| format!("{style}{text}{style:#}");
    let counts = report.counts();
    let mut out = String::new();
    let total = counts.breaking + counts.dangerous + counts.safe;
    if total == 0 {
        let _ = writeln!(
            out,
            "No changes between {} and {}{}",
            report.old_name,
            report.new_name,
            if counts.ignored > 0 {
                format!(" ({} ignored by rules)", counts.ignored)
            } else {
                String::new()
            }
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{} changes between {} and {}: {}\n",
        total,
        report.old_name,
        report.new_name,
        summary(&counts)
    );
    for criticality in Criticality::ALL {
        let &Presentation {
            style, mark, title, ..
        } = criticality.presentation();
        let group: Vec<_> = report.group(criticality).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "{}",
            paint(style.bold(), &format!("{title} ({})", group.len()))
        );
        for finding in group {
            let change = &finding.change;
            let _ = writeln!(out, "  {} {}", paint(style, mark), change.message());
            if let Some(reason) = change.reason() {
                let location = report
                    .location(finding)
                    .map(|(file, line)| format!(" ({file}:{line})"))
                    .unwrap_or_default();
                let _ = writeln!(out, "      {reason}{location}");
            }
            if let Some(rule) = &finding.rule {
                let _ = writeln!(out, "      rule: {rule}");
            }
            match &finding.used_by {
                Some(ops) if ops.is_empty() => {
                    let _ = writeln!(out, "      breaking, unused by your operations");
                }
                Some(ops) => {
                    let _ = writeln!(out, "      breaks: {}", ops.join(", "));
                }
                None => {}
            }
        }
        out.push('\n');
    }
    let ignored: Vec<_> = report.findings.iter().filter(|f| f.ignored).collect();
    if !ignored.is_empty() {
        let _ = writeln!(out, "Ignored by rules ({})", ignored.len());
        for finding in ignored {
            let _ = writeln!(
                out,
                "  - {} [{}]",
                finding.change.message(),
                finding.rule.as_deref().unwrap_or_default()
            );
        }
        out.push('\n');
    }
    out
}
