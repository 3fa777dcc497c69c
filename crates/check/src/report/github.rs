//! GitHub Actions workflow commands: an `::error` annotation per breaking change and a
//! `::warning` per dangerous one, on the NEW schema's SDL line (for a removal, the line of the
//! enclosing element that is still there), then a `::notice` with the summary. Safe changes get no
//! annotation: they would bury the ones that matter under GitHub's per-step limit.

use super::{summary, DiffReport};
use crate::change::Criticality;
use std::fmt::Write;

/// Escaping for the message part of a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for a property value (`file=`, `title=`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &DiffReport<'_>) -> String {
    let mut out = String::new();
    for criticality in Criticality::ALL {
        let Some(command) = criticality.presentation().annotation else {
            continue;
        };
        for finding in report.group(criticality) {
            let change = &finding.change;
            let mut properties = Vec::new();
            if let Some((file, line)) = report.location(finding) {
                properties.push(format!("file={}", property(&file)));
                properties.push(format!("line={line}"));
            }
            properties.push(format!(
                "title={}",
                property(&format!("{criticality} schema change ({})", change.kind))
            ));
            let mut message = change.message();
            if let Some(reason) = change.reason() {
                message.push_str(". ");
                message.push_str(reason);
            }
            match &finding.used_by {
                Some(ops) if ops.is_empty() => message.push_str(" Unused by your operations."),
                Some(ops) => {
                    let _ = write!(message, " Breaks: {}.", ops.join(", "));
                }
                None => {}
            }
            if let Some(rule) = &finding.rule {
                let _ = write!(message, " Rule: {rule}.");
            }
            let _ = writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                data(&message)
            );
        }
    }
    let _ = writeln!(
        out,
        "::notice title=schemalift diff::{}",
        data(&format!(
            "{} → {}: {}",
            report.old_name,
            report.new_name,
            summary(&report.counts())
        ))
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
