//! A team's diff rules, the `[diff]` section of `schemalift.toml` (read by [`crate::config`]),
//! applied to the changes: each change becomes a [`Finding`] that records its
//! effective criticality and which rule, if any, touched it.
//!
//! ```toml
//! [diff]
//! ignore-descriptions = true          # drop description-only changes
//! deprecated-removals = "dangerous"   # removals of elements deprecated in OLD: breaking (default) | dangerous | safe
//!
//! [[diff.ignore]]                     # drop changes by coordinate glob and/or kind
//! coordinate = "Query.internal*"
//! kind = "field-removed"
//!
//! [[diff.criticality]]                # re-rate a kind (and/or coordinates) for this API
//! kind = "enum-value-added"
//! criticality = "breaking"
//!
//! [[diff.approve]]                    # let one intended change pass: kind + exact coordinate
//! kind = "field-removed"
//! coordinate = "Mutation.contextCreate"
//! reason = "announced in the changelog in March"
//! ```

use crate::change::{Change, ChangeKind, Criticality};
use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use std::path::PathBuf;

/// The rules of a configuration file, compiled.
#[derive(Debug, Default)]
pub struct Rules {
    /// Where they came from, for messages.
    pub path: Option<PathBuf>,
    ignore_descriptions: bool,
    deprecated_removals: Option<Criticality>,
    ignore: Vec<Matcher>,
    criticality: Vec<(Matcher, Criticality)>,
    approve: Vec<Approval>,
}

#[derive(Debug)]
struct Matcher {
    /// Position in its list, for naming the rule in reports (`ignore[2]`).
    index: usize,
    coordinate: Option<(String, GlobMatcher)>,
    kind: Option<ChangeKind>,
}

impl Matcher {
    fn matches(&self, change: &Change, coordinate: &str) -> bool {
        self.kind.is_none_or(|k| k == change.kind)
            && self
                .coordinate
                .as_ref()
                .is_none_or(|(_, glob)| glob.is_match(coordinate))
    }

    fn describe(&self, list: &str) -> String {
        let mut parts = Vec::new();
        if let Some(kind) = self.kind {
            parts.push(format!("kind = {kind}"));
        }
        if let Some((glob, _)) = &self.coordinate {
            parts.push(format!("coordinate = {glob}"));
        }
        format!("{list}[{}] ({})", self.index, parts.join(", "))
    }
}

#[derive(Debug)]
struct Approval {
    index: usize,
    kind: ChangeKind,
    coordinate: String,
    reason: Option<String>,
}

/// The `[diff]` section as written; [`Rules::from_section`] checks and compiles it.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DiffSection {
    #[serde(default)]
    ignore_descriptions: bool,
    deprecated_removals: Option<CriticalityName>,
    #[serde(default)]
    ignore: Vec<MatchEntry>,
    #[serde(default)]
    criticality: Vec<CriticalityEntry>,
    #[serde(default)]
    approve: Vec<ApproveEntry>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum CriticalityName {
    Breaking,
    Dangerous,
    Safe,
}

impl From<CriticalityName> for Criticality {
    fn from(name: CriticalityName) -> Self {
        match name {
            CriticalityName::Breaking => Criticality::Breaking,
            CriticalityName::Dangerous => Criticality::Dangerous,
            CriticalityName::Safe => Criticality::Safe,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MatchEntry {
    coordinate: Option<String>,
    kind: Option<String>,
    #[allow(dead_code)] // documentation for humans reading the file
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CriticalityEntry {
    coordinate: Option<String>,
    kind: Option<String>,
    criticality: CriticalityName,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApproveEntry {
    kind: String,
    coordinate: String,
    reason: Option<String>,
}

/// A change with what the rules made of it.
#[derive(Debug, Clone)]
pub struct Finding {
    pub change: Change,
    /// The criticality after rules (the catalogue's unless a rule changed it).
    pub criticality: Criticality,
    /// Dropped by an ignore rule: not shown or counted, only listed as ignored.
    pub ignored: bool,
    /// The rule that touched the change and what it did, e.g.
    /// `approve[0] (Mutation.contextCreate): breaking -> safe`.
    pub rule: Option<String>,
    /// With `--ops`: the operations that use what the change touches (`file:line:col name`).
    pub used_by: Option<Vec<String>>,
}

impl Finding {
    pub fn new(change: Change) -> Self {
        Finding {
            criticality: change.criticality(),
            change,
            ignored: false,
            rule: None,
            used_by: None,
        }
    }

    /// Breaking, and (when operations were checked) used by at least one of them.
    pub fn is_used_breaking(&self) -> bool {
        self.criticality == Criticality::Breaking
            && self.used_by.as_ref().is_none_or(|ops| !ops.is_empty())
    }
}

impl Rules {
    /// The rules of a configuration file's text (tests; commands use [`crate::config::Config`]).
    pub fn parse(text: &str) -> Result<Rules, String> {
        crate::config::Config::parse(text).map(|config| config.diff)
    }

    /// Whether no rule is set.
    pub fn is_empty(&self) -> bool {
        !self.ignore_descriptions
            && self.deprecated_removals.is_none()
            && self.ignore.is_empty()
            && self.criticality.is_empty()
            && self.approve.is_empty()
    }

    /// Check and compile the `[diff]` section: change kinds and coordinate globs.
    pub fn from_section(d: DiffSection) -> Result<Rules, String> {
        let kind = |code: &Option<String>, list: &str, i: usize| -> Result<_, String> {
            code.as_deref()
                .map(|code| {
                    ChangeKind::from_code(code).ok_or_else(|| {
                        format!("{list}[{i}]: unknown change kind `{code}` (see docs/diff.md for the list)")
                    })
                })
                .transpose()
        };
        let glob = |pattern: &Option<String>, list: &str, i: usize| -> Result<_, String> {
            pattern
                .as_deref()
                .map(|p| {
                    Glob::new(p)
                        .map(|g| (p.to_owned(), g.compile_matcher()))
                        .map_err(|e| format!("{list}[{i}]: bad coordinate glob `{p}`: {e}"))
                })
                .transpose()
        };
        let mut rules = Rules {
            ignore_descriptions: d.ignore_descriptions,
            deprecated_removals: d.deprecated_removals.map(Into::into),
            ..Rules::default()
        };
        for (index, entry) in d.ignore.iter().enumerate() {
            if entry.coordinate.is_none() && entry.kind.is_none() {
                return Err(format!(
                    "ignore[{index}]: give a coordinate, a kind or both"
                ));
            }
            rules.ignore.push(Matcher {
                index,
                coordinate: glob(&entry.coordinate, "ignore", index)?,
                kind: kind(&entry.kind, "ignore", index)?,
            });
        }
        for (index, entry) in d.criticality.iter().enumerate() {
            let matcher = Matcher {
                index,
                coordinate: glob(&entry.coordinate, "criticality", index)?,
                kind: kind(&entry.kind, "criticality", index)?,
            };
            rules.criticality.push((matcher, entry.criticality.into()));
        }
        for (index, entry) in d.approve.into_iter().enumerate() {
            let Some(kind) = kind(&Some(entry.kind), "approve", index)? else {
                continue;
            };
            rules.approve.push(Approval {
                index,
                kind,
                coordinate: entry.coordinate,
                reason: entry.reason,
            });
        }
        Ok(rules)
    }

    /// Apply the rules to the changes, in this order: ignore (descriptions, then `ignore`
    /// entries), deprecated removals, `criticality` entries, approvals. The first rule that
    /// changes something is the one reported.
    pub fn apply(&self, changes: Vec<Change>) -> Vec<Finding> {
        changes
            .into_iter()
            .map(|change| self.apply_one(Finding::new(change)))
            .collect()
    }

    fn apply_one(&self, mut finding: Finding) -> Finding {
        let change = &finding.change;
        if self.ignore_descriptions && change.kind.is_description() {
            finding.ignored = true;
            finding.rule = Some("ignore-descriptions".to_owned());
            return finding;
        }
        let coordinate = change.coordinate.to_string();
        if let Some(rule) = self.ignore.iter().find(|m| m.matches(change, &coordinate)) {
            finding.ignored = true;
            finding.rule = Some(format!("{}: ignored", rule.describe("ignore")));
            return finding;
        }
        let set = |finding: &mut Finding, to: Criticality, rule: String| {
            if finding.criticality != to {
                finding.rule = Some(format!("{rule}: {} -> {to}", finding.criticality));
                finding.criticality = to;
            }
        };
        if let (Some(to), true) = (self.deprecated_removals, change.deprecated_before_removal) {
            set(&mut finding, to, format!("deprecated-removals = {to}"));
        }
        let change = &finding.change;
        if let Some((rule, to)) = self
            .criticality
            .iter()
            .find(|(m, _)| m.matches(change, &coordinate))
        {
            let name = rule.describe("criticality");
            set(&mut finding, *to, name);
        }
        let change = &finding.change;
        if let Some(approval) = self
            .approve
            .iter()
            .find(|a| a.kind == change.kind && a.coordinate == coordinate)
        {
            let mut name = format!(
                "approve[{}] ({} {})",
                approval.index, approval.kind, coordinate
            );
            if let Some(reason) = &approval.reason {
                name.push_str(&format!(" \"{reason}\""));
            }
            set(&mut finding, Criticality::Safe, name);
        }
        finding
    }

    /// Approvals that matched no change: stale entries to delete once the change has shipped.
    pub fn unused_approvals(&self, findings: &[Finding]) -> Vec<String> {
        self.approve
            .iter()
            .filter(|a| {
                !findings.iter().any(|f| {
                    f.change.kind == a.kind && f.change.coordinate.to_string() == a.coordinate
                })
            })
            .map(|a| format!("approve[{}] ({} {})", a.index, a.kind, a.coordinate))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use apollo_compiler::name;
    use schemalift_model::Coordinate;

    fn removed(ty: &str, field: &str, deprecated: bool) -> Change {
        let mut c = Change::new(
            ChangeKind::FieldRemoved,
            Coordinate::member(
                apollo_compiler::Name::new(ty).unwrap(),
                apollo_compiler::Name::new(field).unwrap(),
            ),
        );
        c.deprecated_before_removal = deprecated;
        c
    }

    #[test]
    fn each_rule_has_its_effect_and_is_named() {
        let rules = Rules::parse(
            r#"
[diff]
ignore-descriptions = true
deprecated-removals = "dangerous"
[[diff.ignore]]
coordinate = "Query.internal*"
[[diff.criticality]]
kind = "enum-value-added"
criticality = "breaking"
[[diff.approve]]
kind = "field-removed"
coordinate = "Stack.old"
reason = "announced"
[[diff.approve]]
kind = "field-removed"
coordinate = "Stack.never"
"#,
        )
        .unwrap();
        let changes = vec![
            Change::new(
                ChangeKind::DescriptionChanged,
                Coordinate::ty(name!("Stack")),
            ),
            removed("Query", "internalDebug", false),
            removed("Stack", "legacy", true),
            Change::new(
                ChangeKind::EnumValueAdded,
                Coordinate::member(name!("E"), name!("V")),
            ),
            removed("Stack", "old", false),
            removed("Stack", "kept", false),
        ];
        let f = rules.apply(changes);
        assert!(f[0].ignored && f[0].rule.as_deref() == Some("ignore-descriptions"));
        assert!(f[1].ignored);
        assert_eq!(
            f[1].rule.as_deref(),
            Some("ignore[0] (coordinate = Query.internal*): ignored")
        );
        assert_eq!(f[2].criticality, Criticality::Dangerous);
        assert_eq!(
            f[2].rule.as_deref(),
            Some("deprecated-removals = dangerous: breaking -> dangerous")
        );
        assert_eq!(f[3].criticality, Criticality::Breaking);
        assert_eq!(f[4].criticality, Criticality::Safe);
        assert!(f[4].rule.as_deref().unwrap().starts_with("approve[0]"));
        assert_eq!(f[5].criticality, Criticality::Breaking);
        assert!(f[5].rule.is_none());
        assert_eq!(
            rules.unused_approvals(&f),
            vec!["approve[1] (field-removed Stack.never)"]
        );
    }

    #[test]
    fn bad_files_are_one_line_errors() {
        let err = Rules::parse("[diff]\nignore = [{ kind = \"field-gone\" }]\n").unwrap_err();
        assert!(err.contains("unknown change kind `field-gone`"), "{err}");
        let err = Rules::parse("[diff]\nignore-descriptions = \"yes\"\n").unwrap_err();
        assert!(err.starts_with("2:23:"), "{err}");
        assert!(!err.contains('\n'));
        let err = Rules::parse("[diff]\nfrobnicate = 1\n").unwrap_err();
        assert!(err.contains("unknown field"), "{err}");
    }
}
