//! The change catalogue as a Markdown table, generated from [`ChangeKind::spec`] for
//! docs/diff.md; a test keeps the page equal to the code, so the docs cannot drift.

use crate::change::ChangeKind;
use std::fmt::Write;

pub(crate) const START: &str = "<!-- catalogue:start (generated from crates/check/src/change.rs; SCHEMALIFT_BLESS=1 cargo test -p schemalift-check catalogue rewrites it) -->";
pub(crate) const END: &str = "<!-- catalogue:end -->";

/// One row per kind: code, criticality, where it applies, message template, reason.
pub(crate) fn markdown() -> String {
    let mut out = String::from(
        "| kind | criticality | applies to | message | how a client breaks |\n|---|---|---|---|---|\n",
    );
    for kind in ChangeKind::ALL {
        let spec = kind.spec();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            spec.code,
            spec.criticality,
            spec.applies_to,
            spec.message.replace('|', "\\|"),
            spec.reason.unwrap_or("—").replace('|', "\\|"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn docs_page_matches_the_code() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/diff.md");
        let page = std::fs::read_to_string(&path).expect("docs/diff.md exists");
        let (before, rest) = page
            .split_once(START)
            .expect("docs/diff.md has the start marker");
        let (_, after) = rest
            .split_once(END)
            .expect("docs/diff.md has the end marker");
        let expected = format!("{before}{START}\n{}{END}{after}", markdown());
        if std::env::var_os("SCHEMALIFT_BLESS").is_some() {
            std::fs::write(&path, &expected).expect("rewrite docs/diff.md");
        } else {
            assert!(
                page == expected,
                "docs/diff.md's catalogue is out of date: run SCHEMALIFT_BLESS=1 cargo test -p schemalift-check catalogue"
            );
        }
    }
}
