//! Finding and reading operation documents: `--ops` takes files, directories and glob patterns;
//! every match is read once, in sorted order, so output never depends on directory order.

use super::operations::OperationSource;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Extensions of operation documents when a directory is given.
pub const OPERATION_EXTENSIONS: &[&str] = &["graphql", "gql"];

/// Why operation documents could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourcesError {
    #[error("--ops {pattern:?}: {message}")]
    Pattern { pattern: String, message: String },
    #[error("--ops {0:?} matches no operation documents (.graphql or .gql files)")]
    NoMatch(String),
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

fn has_operation_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| OPERATION_EXTENSIONS.contains(&e))
}

/// The files `pattern` names: a file, every operation document under a directory (recursively),
/// or the matches of a glob (`ops/**/*.graphql`).
fn expand(pattern: &str) -> Result<Vec<PathBuf>, SourcesError> {
    let path = Path::new(pattern);
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    if path.is_dir() {
        let mut found = Vec::new();
        let mut stack = vec![path.to_owned()];
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir).map_err(|source| SourcesError::Read {
                path: dir.display().to_string(),
                source,
            })?;
            for entry in entries.flatten() {
                let entry_path = entry.path();
                if entry_path.is_dir() {
                    stack.push(entry_path);
                } else if has_operation_extension(&entry_path) {
                    found.push(entry_path);
                }
            }
        }
        return Ok(found);
    }
    let matches = glob::glob(pattern).map_err(|e| SourcesError::Pattern {
        pattern: pattern.to_owned(),
        message: e.to_string(),
    })?;
    Ok(matches
        .flatten()
        .filter(|p| p.is_file() && has_operation_extension(p))
        .collect())
}

/// Read every operation document the patterns name, each once, sorted by path.
pub fn read(patterns: &[String]) -> Result<Vec<OperationSource>, SourcesError> {
    let mut paths = BTreeSet::new();
    for pattern in patterns {
        let found = expand(pattern)?;
        if found.is_empty() {
            return Err(SourcesError::NoMatch(pattern.clone()));
        }
        paths.extend(found);
    }
    paths
        .into_iter()
        .map(|path| {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|source| SourcesError::Read {
                path: name.clone(),
                source,
            })?;
            Ok(OperationSource { name, text })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_directories_and_globs_are_read_once_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).expect("mkdir");
        std::fs::write(root.join("b.graphql"), "query B { x }").expect("write");
        std::fs::write(root.join("sub/a.gql"), "query A { x }").expect("write");
        std::fs::write(root.join("notes.txt"), "not an operation").expect("write");
        let glob = format!("{}/*.graphql", root.display());
        let dir_arg = root.display().to_string();
        let sources = read(&[glob, dir_arg]).expect("read");
        let names: Vec<String> = sources
            .iter()
            .map(|s| {
                Path::new(&s.name)
                    .strip_prefix(root)
                    .expect("under root")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["b.graphql", "sub/a.gql"]);
    }

    #[test]
    fn a_pattern_matching_nothing_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pattern = format!("{}/*.graphql", dir.path().display());
        let err = read(&[pattern]).expect_err("nothing matches");
        assert!(
            err.to_string().contains("matches no operation documents"),
            "{err}"
        );
    }
}
