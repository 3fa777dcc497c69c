//! End-to-end: the CI formats of the real binary. `diff --format sarif` and `validate --format
//! sarif` are checked against the official SARIF 2.1.0 JSON schema (vendored in
//! tests/fixtures/sarif, see its README), `diff --format gitlab` against what GitLab's Code Quality
//! widget reads, and every format of `diff` on the Spacelift sample pair must report the same
//! findings: the same count per criticality, and in the machine formats the same kinds at the same
//! coordinates.

use schemalift_tests::{repo_root, run, text};
use serde_json::Value;
use std::collections::BTreeMap;

const OLD: &str = "schemas/spacelift/schema.graphql";
const NEW: &str = "schemas/spacelift/schema-next.graphql";

fn diff(format: &str) -> String {
    let out = run("diff", &["--format", format, OLD, NEW]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// Fails with every violation when `log` is not valid SARIF 2.1.0.
fn assert_valid_sarif(log: &Value) {
    let path = repo_root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json");
    let schema: Value = json(&std::fs::read_to_string(path).unwrap());
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );
}

/// (criticality, kind, coordinate) of every finding, counted, from the JSON report.
fn json_findings(report: &Value) -> BTreeMap<(String, String, String), usize> {
    let mut found = BTreeMap::new();
    for change in report["changes"].as_array().unwrap() {
        let key = (
            change["criticality"].as_str().unwrap().to_owned(),
            change["kind"].as_str().unwrap().to_owned(),
            change["coordinate"].as_str().unwrap().to_owned(),
        );
        *found.entry(key).or_insert(0) += 1;
    }
    found
}

#[test]
fn the_validator_rejects_what_is_not_sarif() {
    // The schema check can fail: a log without `version` and a result with an unknown level.
    let path = repo_root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json");
    let schema: Value = json(&std::fs::read_to_string(path).unwrap());
    let validator = jsonschema::validator_for(&schema).unwrap();
    let bad = serde_json::json!({
        "runs": [{ "tool": { "driver": { "name": "x" } },
                   "results": [{ "message": { "text": "m" }, "level": "fatal" }] }]
    });
    assert!(validator.iter_errors(&bad).count() >= 2);
}

#[test]
fn spacelift_pair_in_sarif_gitlab_and_every_other_format() {
    let report = json(&diff("json"));
    let counts = &report["counts"];
    let count = |c: &str| counts[c].as_u64().unwrap() as usize;
    assert_eq!(count("breaking"), 8, "{counts}");
    let findings = json_findings(&report);
    let cwd_relative_new = NEW;

    // SARIF: valid, one located result per finding, breaking ones at level error.
    let sarif = json(&diff("sarif"));
    assert_valid_sarif(&sarif);
    let run_ = &sarif["runs"][0];
    let rules = run_["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run_["results"].as_array().unwrap();
    let level = |criticality: &str| match criticality {
        "breaking" => "error",
        "dangerous" => "warning",
        _ => "note",
    };
    let mut sarif_findings = BTreeMap::new();
    for result in results {
        let properties = &result["properties"];
        let criticality = properties["criticality"].as_str().unwrap();
        assert_eq!(result["level"], level(criticality), "{result}");
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "{result}");
        let location = &result["locations"][0];
        let physical = &location["physicalLocation"];
        assert_eq!(
            physical["artifactLocation"]["uri"], cwd_relative_new,
            "{result}"
        );
        assert!(
            physical["region"]["startLine"].as_u64().unwrap() >= 1,
            "{result}"
        );
        assert!(
            physical["region"]["startColumn"].as_u64().unwrap() >= 1,
            "{result}"
        );
        let coordinate = location["logicalLocations"][0]["fullyQualifiedName"]
            .as_str()
            .unwrap();
        let key = (
            criticality.to_owned(),
            result["ruleId"].as_str().unwrap().to_owned(),
            coordinate.to_owned(),
        );
        *sarif_findings.entry(key).or_insert(0) += 1;
    }
    assert_eq!(
        sarif_findings, findings,
        "SARIF and JSON list the same findings"
    );
    let errors = results.iter().filter(|r| r["level"] == "error").count();
    assert_eq!(errors, count("breaking"));
    // Every breaking change is at the line the JSON report gives it.
    for change in report["changes"].as_array().unwrap() {
        if change["criticality"] != "breaking" || change["line"].is_null() {
            continue;
        }
        assert!(
            results.iter().any(|r| r["ruleId"] == change["kind"]
                && r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                    == change["coordinate"]
                && r["locations"][0]["physicalLocation"]["region"]["startLine"] == change["line"]),
            "{change} has no result at its line"
        );
    }
    // Fingerprints: unique, and the same on another run.
    let prints = |log: &Value| -> Vec<String> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["schemaliftFinding/v1"].to_string())
            .collect()
    };
    let first = prints(&sarif);
    let unique: std::collections::HashSet<_> = first.iter().collect();
    assert_eq!(unique.len(), first.len());
    assert_eq!(prints(&json(&diff("sarif"))), first);

    // GitLab Code Quality: one issue per finding, unique stable fingerprints, severities.
    let gitlab = json(&diff("gitlab"));
    let issues = gitlab.as_array().unwrap();
    let mut gitlab_findings = BTreeMap::new();
    for issue in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert_eq!(issue["location"]["path"], cwd_relative_new);
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        let criticality = match issue["severity"].as_str().unwrap() {
            "blocker" => "breaking",
            "major" => "dangerous",
            "info" => "safe",
            other => panic!("unexpected severity {other}"),
        };
        let coordinate = results
            .iter()
            .find(|r| r["partialFingerprints"]["schemaliftFinding/v1"] == issue["fingerprint"])
            .map(|r| r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].clone())
            .expect("the GitLab fingerprint is the SARIF one");
        let key = (
            criticality.to_owned(),
            issue["check_name"].as_str().unwrap().to_owned(),
            coordinate.as_str().unwrap().to_owned(),
        );
        *gitlab_findings.entry(key).or_insert(0) += 1;
    }
    assert_eq!(
        gitlab_findings, findings,
        "GitLab and JSON list the same findings"
    );
    let fingerprints: std::collections::HashSet<_> =
        issues.iter().map(|i| i["fingerprint"].clone()).collect();
    assert_eq!(fingerprints.len(), issues.len());
    assert_eq!(
        json(&diff("gitlab")),
        gitlab,
        "the same report on another run"
    );

    // The human formats: the same count per criticality.
    crate::diff::assert_formats_agree(OLD, NEW, counts);
}

#[test]
fn validate_writes_sarif_for_diagnostics() {
    let invalid = "tests/fixtures/unknown-type.graphql";
    let out = run("validate", &["--format", "sarif", invalid]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let log = json(&text(&out.stdout));
    assert_valid_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let json_out = run("validate", &["--format", "json", invalid]);
    let report = json(&text(&json_out.stdout));
    assert_eq!(
        results.iter().filter(|r| r["level"] == "error").count(),
        report["errors"].as_array().unwrap().len()
    );
    for result in results {
        let physical = &result["locations"][0]["physicalLocation"];
        assert_eq!(physical["artifactLocation"]["uri"], invalid, "{result}");
        assert!(physical["region"]["startLine"].as_u64().unwrap() >= 1);
    }

    let valid = run("validate", &["--format", "sarif", OLD]);
    assert_eq!(valid.status.code(), Some(0), "{}", text(&valid.stderr));
    let log = json(&text(&valid.stdout));
    assert_valid_sarif(&log);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}
