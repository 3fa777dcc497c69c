//! Writing a generated client into its directory: every file atomically, and a marker file
//! (`.schemalift-codegen`) listing what was written, so that files of operations deleted since the
//! last run are removed, and only files schemalift wrote there itself.

use super::render::GeneratedFile;
use schemalift_model::write_atomic;
use std::collections::BTreeSet;
use std::path::{Component, Path};

/// The marker file's name inside the output directory.
pub const MARKER: &str = ".schemalift-codegen";

/// Write `files` into `dir` (created if missing) and remove the files the previous run wrote
/// that this one did not. Returns the removed files' names.
pub fn write(dir: &Path, files: &[GeneratedFile]) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let written: BTreeSet<String> = files
        .iter()
        .map(|f| f.path.to_string_lossy().replace('\\', "/"))
        .collect();
    for file in files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        write_atomic(&path, file.contents.as_bytes())?;
    }
    let mut removed = Vec::new();
    let marker = dir.join(MARKER);
    if let Ok(previous) = std::fs::read_to_string(&marker) {
        for name in previous.lines().map(str::trim).filter(|l| !l.is_empty()) {
            // Only plain relative names: a tampered marker must not delete outside `dir`.
            let plain = Path::new(name)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
            if plain && !written.contains(name) {
                match std::fs::remove_file(dir.join(name)) {
                    Ok(()) => removed.push(name.to_owned()),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    let mut listing = String::from(
        "# Files schemalift codegen wrote here; the next run removes those it no longer writes.\n",
    );
    for name in &written {
        listing.push_str(name);
        listing.push('\n');
    }
    write_atomic(&marker, listing.as_bytes())?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(name: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: PathBuf::from(name),
            contents: contents.to_owned(),
        }
    }

    #[test]
    fn removes_only_files_an_earlier_run_wrote() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("mine.ts"), "user file").expect("write");
        write(dir.path(), &[file("a.ts", "a"), file("b.ts", "b")]).expect("first run");
        let removed = write(dir.path(), &[file("a.ts", "a2")]).expect("second run");
        assert_eq!(removed, ["b.ts"]);
        assert!(!dir.path().join("b.ts").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.ts")).unwrap(),
            "a2"
        );
        assert!(
            dir.path().join("mine.ts").exists(),
            "never touches other files"
        );
    }

    #[test]
    fn a_tampered_marker_cannot_delete_outside() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        std::fs::write(dir.path().join("precious"), "x").expect("write");
        std::fs::write(out.join(MARKER), "../precious\n/etc/passwd\n").expect("write");
        write(&out, &[file("a.go", "package a\n")]).expect("run");
        assert!(dir.path().join("precious").exists());
    }
}
