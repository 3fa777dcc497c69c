//! Operation documents (`--ops` of `diff` and `codegen`): files, directories (every `.graphql`
//! and `.gql` file under them) and glob patterns (`ops/**/*.graphql`), each file read once, in
//! path order, so that what a command reports never depends on the order a directory lists.
//! One reader, so both commands accept the same arguments and say the same things about them.

use crate::source::{max_input_bytes, read_capped};
use crate::LoadError;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Extensions of operation documents looked for under a directory (a named file or a glob match
/// is read whatever its extension).
pub const EXTENSIONS: [&str; 2] = ["graphql", "gql"];

/// One operation document: its path as shown in messages, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub name: String,
    pub text: String,
}

/// Why operation documents could not be read: one line each, naming the argument or file.
#[derive(Debug, thiserror::Error)]
pub enum DocumentsError {
    #[error("--ops {pattern:?}: {message}")]
    Pattern { pattern: String, message: String },
    #[error("--ops {0:?} matches no operation documents (.graphql or .gql files)")]
    NoMatch(String),
    #[error(transparent)]
    Read(#[from] LoadError),
}

/// Read every operation document the arguments name, each once, sorted by path.
pub fn read(patterns: &[String]) -> Result<Vec<Document>, DocumentsError> {
    let mut paths = BTreeSet::new();
    for pattern in patterns {
        let found = expand(pattern)?;
        if found.is_empty() {
            return Err(DocumentsError::NoMatch(pattern.clone()));
        }
        paths.extend(found);
    }
    paths.into_iter().map(|path| read_one(&path)).collect()
}

/// The files one argument names: itself, the documents under it, or a glob's matching files.
fn expand(pattern: &str) -> Result<Vec<PathBuf>, DocumentsError> {
    let path = Path::new(pattern);
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    if path.is_dir() {
        return under(path);
    }
    let matches = glob::glob(pattern).map_err(|e| DocumentsError::Pattern {
        pattern: pattern.to_owned(),
        message: e.msg.to_owned(),
    })?;
    Ok(matches.flatten().filter(|p| p.is_file()).collect())
}

/// The operation documents under a directory, symbolic links not followed (a link back up the
/// tree cannot loop, and nothing outside the directory is read by surprise).
fn under(dir: &Path) -> Result<Vec<PathBuf>, DocumentsError> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| LoadError::Io {
            path: e.path().unwrap_or(dir).to_owned(),
            source: e.into(),
        })?;
        let document = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e));
        if document && entry.file_type().is_file() {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}

fn read_one(path: &Path) -> Result<Document, DocumentsError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    let bytes = read_capped(file, &name, path, max_input_bytes())?;
    let text = String::from_utf8(bytes).map_err(|_| LoadError::NotText { name: name.clone() })?;
    Ok(Document { name, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(root: &Path, documents: &[Document]) -> Vec<String> {
        documents
            .iter()
            .map(|d| {
                Path::new(&d.name)
                    .strip_prefix(root)
                    .expect("under root")
                    .display()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn files_directories_and_globs_are_read_once_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("b.graphql"), "query B { x }").unwrap();
        std::fs::write(root.join("sub/a.gql"), "query A { x }").unwrap();
        std::fs::write(root.join("notes.txt"), "not an operation").unwrap();
        let glob = format!("{}/*.graphql", root.display());
        let file = root.join("b.graphql").display().to_string();
        let documents = read(&[glob, root.display().to_string(), file]).unwrap();
        assert_eq!(names(root, &documents), ["b.graphql", "sub/a.gql"]);
        assert_eq!(documents[1].text, "query A { x }");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_back_up_a_directory_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.graphql"), "query A { x }").unwrap();
        std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
        let documents = read(&[root.display().to_string()]).unwrap();
        assert_eq!(names(root, &documents), ["a.graphql"]);
    }

    #[test]
    fn what_matches_nothing_or_cannot_be_read_is_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let pattern = format!("{}/*.graphql", dir.path().display());
        let error = read(std::slice::from_ref(&pattern))
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            format!("--ops {pattern:?} matches no operation documents (.graphql or .gql files)")
        );
        let error = read(&["[".into()]).unwrap_err().to_string();
        assert!(error.starts_with("--ops \"[\": "), "{error}");
        std::fs::write(dir.path().join("bad.graphql"), [0xff, 0xfe]).unwrap();
        let error = read(&[dir.path().display().to_string()])
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with("bad.graphql: not UTF-8 text (is it a binary file?)"),
            "{error}"
        );
    }
}
