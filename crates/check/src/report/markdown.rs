//! The Markdown report, for pull-request comments and changelogs: a summary line, then one
//! section per criticality with a bullet per change (reason, rule and operations beneath).

use super::{summary, DiffReport};
use crate::change::Criticality;
use std::fmt::Write;

/// Markdown-significant characters in messages (which quote SDL) are escaped outside code spans.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && matches!(c, '*' | '_' | '<' | '>' | '[' | ']' | '|' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn render(report: &DiffReport<'_>) -> String {
    let counts = report.counts();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Schema changes: `{}` → `{}`\n",
        report.old_name, report.new_name
    );
    let _ = writeln!(out, "{}\n", escape(&summary(&counts)));
    for criticality in Criticality::ALL {
        let shown = criticality.presentation();
        let title = format!("### {} {}", shown.mark, shown.title);
        let group: Vec<_> = report.group(criticality).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{title} ({})\n", group.len());
        for finding in group {
            let change = &finding.change;
            let _ = write!(out, "- {}", escape(&change.message()));
            if let Some(reason) = change.reason() {
                let _ = write!(out, "  \n  {}", escape(reason));
            }
            if let Some(rule) = &finding.rule {
                let _ = write!(out, "  \n  *Rule:* {}", escape(rule));
            }
            match &finding.used_by {
                Some(ops) if ops.is_empty() => out.push_str("  \n  *Unused by your operations.*"),
                Some(ops) => {
                    let _ = write!(out, "  \n  *Breaks:* {}", escape(&ops.join(", ")));
                }
                None => {}
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if !report.warnings.is_empty() {
        out.push_str("### Warnings\n\n");
        for warning in &report.warnings {
            let _ = writeln!(out, "- {}", escape(warning));
        }
        out.push('\n');
    }
    out
}
