//! SARIF 2.1.0, the format GitHub code scanning and other CI tools read: [`render`] for a diff,
//! [`diagnostics`] for `validate`. One `rule` per change kind (every kind of the catalogue, its
//! code as id, its descriptions and help from the catalogue row) or per validation rule, one
//! `result` per shown finding or diagnostic at the level its criticality's presentation gives
//! (`error`, `warning`, `note`), located in NEW (path relative to the working directory, line and
//! column) with the schema coordinate as a logical location, and a fingerprint that is the same on
//! every run. The output is checked against the official SARIF 2.1.0 JSON schema by the end-to-end
//! tests (tests/tests/e2e/ci_formats.rs).

use super::{relative_path, DiffReport, Position};
use crate::change::{ChangeKind, Criticality};
use schemalift_model::{Located, NewerRule};
use serde_json::{json, Value};
use std::path::Path;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/schemalift/schemalift";
/// The `partialFingerprints` key: a version in the name, as SARIF asks, so a change of the
/// hashing is a new key rather than a silent mismatch.
const FINGERPRINT_KEY: &str = "schemaliftFinding/v1";
/// The rule of every diagnostic that no newer-rule entry names: the October 2021 specification's
/// validation and syntax.
const SPEC_RULE: &str = "graphql-specification";

/// One tool run holding `rules` and `results`, wrapped in the log object.
fn log(rules: Vec<Value>, results: Vec<Value>) -> String {
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "schemalift",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// The rule of a change kind, every text from its catalogue row.
fn kind_rule(kind: ChangeKind) -> Value {
    let spec = kind.spec();
    let presentation = spec.criticality.presentation();
    let short = format!(
        "{} change to {}: {}",
        presentation.title, spec.applies_to, spec.code
    );
    let full = spec.reason.unwrap_or(SAFE_REASON);
    let mut help = format!("{} ({})", full, presentation.code);
    if let Some(peers) = spec.peers {
        help.push_str(" Reference implementations: ");
        help.push_str(peers);
    }
    json!({
        "id": spec.code,
        "shortDescription": { "text": short },
        "fullDescription": { "text": full },
        "help": { "text": help },
        "defaultConfiguration": { "level": presentation.sarif_level },
        "properties": {
            "criticality": presentation.code,
            "tags": ["graphql", "schema-change", presentation.code],
        },
    })
}

/// What a safe kind means for clients, the full description of every safe rule.
const SAFE_REASON: &str = "No client can tell, or it only gains something.";

/// A physical location from a position, relative to `base`.
fn physical(position: &Position, base: &Path) -> Value {
    json!({
        "artifactLocation": { "uri": uri(&relative_path(&position.file, base)) },
        "region": { "startLine": position.line, "startColumn": position.column },
    })
}

/// A path as a URI reference: relative paths stay relative, absolute ones become `file://`,
/// and every byte outside the unreserved set and `/` is percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The SARIF log of a diff: every catalogue kind as a rule, every shown finding as a result.
/// `base` is the directory paths are made relative to (the working directory).
pub fn render(report: &DiffReport<'_>, base: &Path) -> String {
    let rules = ChangeKind::ALL.iter().map(|k| kind_rule(*k)).collect();
    let results = report
        .fingerprinted()
        .into_iter()
        .map(|(finding, fingerprint)| {
            let change = &finding.change;
            let rule_index = ChangeKind::ALL.iter().position(|k| *k == change.kind);
            let mut message = change.message();
            if let Some(reason) = change.reason() {
                message.push_str(". ");
                message.push_str(reason);
            }
            match &finding.used_by {
                Some(ops) if ops.is_empty() => message.push_str(" Unused by your operations."),
                Some(ops) => message.push_str(&format!(" Breaks: {}.", ops.join(", "))),
                None => {}
            }
            if let Some(rule) = &finding.rule {
                message.push_str(&format!(" Rule: {rule}."));
            }
            let mut location = json!({
                "logicalLocations": [{
                    "fullyQualifiedName": change.coordinate.to_string(),
                    "kind": "member",
                }]
            });
            if let Some(position) = report.position_or_start(finding) {
                location["physicalLocation"] = physical(&position, base);
            }
            json!({
                "ruleId": change.kind.code(),
                "ruleIndex": rule_index,
                "level": finding.criticality.presentation().sarif_level,
                "message": { "text": message },
                "locations": [location],
                "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
                "properties": {
                    "criticality": finding.criticality.as_str(),
                    "coordinate": change.coordinate.to_string(),
                    "old": change.old,
                    "new": change.new,
                    "deprecatedBeforeRemoval": change.deprecated_before_removal,
                    "rule": finding.rule,
                },
            })
        })
        .collect();
    log(rules, results)
}

/// The SARIF log of `validate`: `errors` at level `error`, `newer` (errors of rules newer than
/// the chosen edition, not counted) at level `note`. Rules: the specification's, and every newer
/// rule of the model's edition catalogue.
pub fn diagnostics(errors: &[Located], newer: &[Located], base: &Path) -> String {
    let newer_rules: Vec<&NewerRule> = schemalift_model::edition::newer_rules().collect();
    let mut rules = vec![json!({
        "id": SPEC_RULE,
        "shortDescription": { "text": "The schema must satisfy the GraphQL specification." },
        "fullDescription": { "text": "A syntax or validation rule of the October 2021 GraphQL specification." },
        "help": { "text": "A schema that does not validate is rejected by servers and tools; fix the definition the message names." },
        "defaultConfiguration": { "level": Criticality::Breaking.presentation().sarif_level },
    })];
    rules.extend(newer_rules.iter().map(|rule| {
        json!({
            "id": rule.name,
            "shortDescription": { "text": rule.summary },
            "fullDescription": { "text": format!("{} (introduced by the {} edition: {}).", rule.summary, rule.edition.title(), rule.source) },
            "help": { "text": rule.to_string() },
            "helpUri": rule.edition.url(),
            "defaultConfiguration": { "level": Criticality::Breaking.presentation().sarif_level },
        })
    }));
    let result = |located: &Located, level: &str| {
        let index = located
            .rule
            .and_then(|name| newer_rules.iter().position(|r| r.name == name))
            .map_or(0, |i| i + 1);
        let id = located.rule.unwrap_or(SPEC_RULE);
        let mut location = json!({});
        if !located.file.is_empty() {
            let mut physical = json!({
                "artifactLocation": { "uri": uri(&relative_path(&located.file, base)) },
            });
            if let Some(line) = located.line {
                physical["region"] = json!({ "startLine": line });
                if let Some(column) = located.column {
                    physical["region"]["startColumn"] = json!(column);
                }
            }
            location["physicalLocation"] = physical;
        }
        let key = format!(
            "{id}\u{1f}{}\u{1f}{}",
            relative_path(&located.file, base),
            located.message
        );
        json!({
            "ruleId": id,
            "ruleIndex": index,
            "level": level,
            "message": { "text": located.message },
            "locations": [location],
            "partialFingerprints": { FINGERPRINT_KEY: format!("{:016x}", super::fnv1a(key.as_bytes())) },
        })
    };
    let results = (errors.iter().map(|e| result(e, "error")))
        .chain(newer.iter().map(|e| result(e, "note")))
        .collect();
    log(rules, results)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Finding;
    use apollo_compiler::Schema;

    fn sarif(old: &str, new: &str) -> Value {
        let old = Schema::parse(old, "old.graphql").unwrap();
        let new = Schema::parse(new, "/work/repo/api/new schema.graphql").unwrap();
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
        serde_json::from_str(&render(&report, Path::new("/work/repo"))).unwrap()
    }

    #[test]
    fn results_carry_level_location_coordinate_and_fingerprint() {
        let log = sarif(
            "type Query { a: Int b: Int }\nenum E { X }\ntype Gone { x: Int }\n",
            "type Query {\n  a: Int\n  c: Int\n}\nenum E { X Y }\n",
        );
        let run = &log["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            ChangeKind::ALL.len()
        );
        let results = run["results"].as_array().unwrap();
        let by_rule = |id: &str| {
            results
                .iter()
                .find(|r| r["ruleId"] == id)
                .unwrap_or_else(|| panic!("{id} in {results:?}"))
        };
        let added = by_rule("field-added");
        assert_eq!(added["level"], "note");
        let physical = &added["locations"][0]["physicalLocation"];
        assert_eq!(
            physical["artifactLocation"]["uri"],
            "api/new%20schema.graphql"
        );
        assert_eq!(physical["region"]["startLine"], 3);
        assert_eq!(physical["region"]["startColumn"], 3);
        assert_eq!(
            added["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "Query.c"
        );
        assert_eq!(by_rule("enum-value-added")["level"], "warning");
        // A removed type has no place in NEW: the result points at the start of NEW's file.
        let removed = by_rule("type-removed");
        assert_eq!(removed["level"], "error");
        assert_eq!(
            removed["locations"][0]["physicalLocation"]["region"]["startLine"],
            1
        );
        let index = removed["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            run["tool"]["driver"]["rules"][index]["id"], "type-removed",
            "ruleIndex points at the rule"
        );
        // Fingerprints are unique and the same on a second run.
        let prints: std::collections::HashSet<_> = results
            .iter()
            .map(|r| r["partialFingerprints"][FINGERPRINT_KEY].as_str().unwrap())
            .collect();
        assert_eq!(prints.len(), results.len());
        let again = sarif(
            "type Query { a: Int b: Int }\nenum E { X }\ntype Gone { x: Int }\n",
            "type Query {\n  a: Int\n  c: Int\n}\nenum E { X Y }\n",
        );
        assert_eq!(again, log);
    }

    #[test]
    fn levels_come_from_the_presentation_row() {
        for criticality in Criticality::ALL {
            let kind = ChangeKind::ALL
                .iter()
                .find(|k| k.criticality() == criticality)
                .unwrap();
            assert_eq!(
                kind_rule(*kind)["defaultConfiguration"]["level"],
                criticality.presentation().sarif_level
            );
        }
        assert_eq!(Criticality::Breaking.presentation().sarif_level, "error");
        assert_eq!(Criticality::Safe.presentation().sarif_level, "note");
    }

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("a b/c#d.graphql"), "a%20b/c%23d.graphql");
        assert_eq!(uri("/tmp/x.graphql"), "file:///tmp/x.graphql");
        assert_eq!(
            relative_path("/work/repo/s.graphql", Path::new("/work/repo")),
            "s.graphql"
        );
        assert_eq!(
            relative_path("./s.graphql", Path::new("/elsewhere")),
            "s.graphql"
        );
    }
}
