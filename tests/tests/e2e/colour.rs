//! End-to-end: colour. Human output (the text diff report, validation reports, the `error:` and
//! `warning:` prefixes) is coloured only where it should be: `--color always` colours a pipe,
//! `--color never` and a pipe without the flag do not (the tests run with `NO_COLOR` set), and
//! data (JSON, SDL) never carries an escape sequence.

use schemalift_tests::{run, text};

const OLD: &str = "schemas/spacelift/schema.graphql";
const NEW: &str = "schemas/spacelift/schema-next.graphql";
const ESC: char = '\x1b';

/// The text with its styles taken out.
fn strip(coloured: &str) -> String {
    anstream::adapter::strip_str(coloured).to_string()
}

#[test]
fn the_diff_report_is_coloured_when_asked_and_otherwise_plain() {
    let plain = run("diff", &[OLD, NEW]);
    let never = run("diff", &["--color", "never", OLD, NEW]);
    let always = run("diff", &["--color", "always", OLD, NEW]);
    for out in [&plain, &never, &always] {
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    }
    let (plain, never, always) = (
        text(&plain.stdout),
        text(&never.stdout),
        text(&always.stdout),
    );
    assert!(!plain.contains(ESC), "{plain}");
    assert_eq!(never, plain);
    // Breaking changes in red, and only the styling differs.
    assert!(always.contains("\x1b[1m\x1b[31mBreaking ("), "{always:?}");
    assert_eq!(strip(&always), plain);
}

#[test]
fn data_formats_never_carry_colour() {
    for format in ["json", "markdown", "github", "sarif"] {
        let out = run("diff", &["--color", "always", "--format", format, OLD, NEW]);
        assert!(!text(&out.stdout).contains(ESC), "{format}");
    }
    let out = run("convert", &["--color", "always", NEW]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains(ESC));
}

#[test]
fn validation_reports_and_error_lines_are_coloured_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.graphql");
    std::fs::write(&broken, "type Query { a: Missing }\n").unwrap();
    let broken = broken.to_str().unwrap();
    let plain = run("validate", &[broken]);
    let always = run("validate", &["--color", "always", broken]);
    assert_eq!(plain.status.code(), Some(1));
    assert_eq!(always.status.code(), Some(1));
    let (plain, always) = (text(&plain.stderr), text(&always.stderr));
    assert!(plain.contains("Missing") && !plain.contains(ESC), "{plain}");
    assert!(always.contains(ESC), "{always:?}");
    assert_eq!(strip(&always), plain);

    let missing = run("validate", &["--color", "always", "no-such-file.graphql"]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = text(&missing.stderr);
    assert!(
        stderr.starts_with("\x1b[1m\x1b[31merror:\x1b[0m "),
        "{stderr:?}"
    );
    assert!(strip(&stderr).starts_with("error: "), "{stderr:?}");
}
