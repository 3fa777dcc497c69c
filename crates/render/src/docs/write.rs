//! Writing rendered docs into the output directory: every file atomically, and stale pages of an
//! earlier run removed, but only from a directory that schemalift wrote.
//!
//! The marker file `.schemalift-docs` lists, one per line, the files schemalift wrote there. A
//! run removes the listed files it no longer writes and never touches anything else: a file it
//! did not write is neither removed nor overwritten (the run refuses instead). The marker is
//! rewritten before the pages, listing the old and the new files together, so a run that stops
//! half-way still knows every file it may have written; after the pages it lists only the new
//! ones.

use super::RenderedFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// The marker file's name.
pub const MARKER: &str = ".schemalift-docs";

const MARKER_HEADER: &str = "# Files written by `schemalift docs`. A later run removes the ones it no longer writes;\n# files not listed here are never touched.\n";

/// What a write did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written: new ones and ones whose contents changed.
    pub written: usize,
    /// Files that already held exactly what this run renders, left untouched.
    pub unchanged: usize,
    /// Stale files of an earlier run that were removed, relative to the directory.
    pub removed: Vec<String>,
}

/// Why the docs could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{} exists and was not written by schemalift docs{}; refusing to overwrite it (choose a new or empty output directory, or remove the file)",
        path.display(),
        if *others > 0 { format!(" (nor were {others} other files it would replace)") } else { String::new() }
    )]
    WouldOverwrite { path: PathBuf, others: usize },
    #[error("{} is not a directory", .0.display())]
    NotADirectory(PathBuf),
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Write `files` into `dir` (created if missing) and remove the stale files of an earlier run.
pub fn write(dir: &Path, files: &[RenderedFile]) -> Result<WriteReport, WriteError> {
    if dir.exists() && !dir.is_dir() {
        return Err(WriteError::NotADirectory(dir.to_owned()));
    }
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let marker = dir.join(MARKER);
    let previous = read_marker(&marker)?;
    let new: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();

    let foreign: Vec<PathBuf> = new
        .iter()
        .filter(|path| !previous.contains(**path))
        .map(|path| dir.join(path))
        .filter(|path| path.symlink_metadata().is_ok())
        .collect();
    if let Some(first) = foreign.first() {
        return Err(WriteError::WouldOverwrite {
            path: first.clone(),
            others: foreign.len() - 1,
        });
    }

    let union: BTreeSet<&str> = previous
        .iter()
        .map(String::as_str)
        .chain(new.iter().copied())
        .collect();
    write_marker(&marker, &union)?;

    let dirs: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| dir.join(&f.path).parent().map(Path::to_owned))
        .collect();
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(io_error(d))?;
    }
    let unchanged = files
        .par_iter()
        .map(|file| {
            let path = dir.join(&file.path);
            write_page(&path, file.contents.as_bytes()).map_err(io_error(&path))
        })
        .try_fold(|| 0, |n, written| written.map(|w| n + usize::from(!w)))
        .try_reduce(|| 0, |a, b| Ok(a + b))?;

    let mut removed = Vec::new();
    for stale in previous.iter().filter(|p| !new.contains(p.as_str())) {
        let path = dir.join(stale);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                removed.push(stale.clone());
                remove_empty_parents(dir, &path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(&path)(e)),
        }
    }
    write_marker(&marker, &new)?;
    Ok(WriteReport {
        written: files.len() - unchanged,
        unchanged,
        removed,
    })
}

/// The files a marker lists. Only plain relative paths count: a marker edited to name
/// `../something` or an absolute path must not make a run delete outside the directory.
fn read_marker(marker: &Path) -> Result<BTreeSet<String>, WriteError> {
    let text = match std::fs::read_to_string(marker) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(io_error(marker)(e)),
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter(|line| {
            let path = Path::new(line);
            path.components().all(|c| matches!(c, Component::Normal(_)))
                && path.file_name() != Some(MARKER.as_ref())
        })
        .map(str::to_owned)
        .collect())
}

fn write_marker(marker: &Path, files: &BTreeSet<&str>) -> Result<(), WriteError> {
    let mut text = String::from(MARKER_HEADER);
    for file in files {
        text.push_str(file);
        text.push('\n');
    }
    write_file(marker, text.as_bytes()).map_err(io_error(marker))
}

/// Write a page unless it already holds exactly `bytes`; returns whether it wrote. Leaving an
/// unchanged page alone keeps its modification time, so a static site generator rebuilds only
/// what changed, and it spares the file system the cost of replacing a file, which on ext4 (that
/// flushes a file replaced by rename) costs more than rendering it. Only a file of the same size
/// is read to compare.
fn write_page(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_file() && meta.len() == bytes.len() as u64 && std::fs::read(path)? == bytes {
            return Ok(false);
        }
    }
    write_file(path, bytes)?;
    Ok(true)
}

/// Write atomically: a temporary file in the same directory, renamed over the target, so a
/// reader never sees a half-written page and a failure leaves the previous one. Unlike
/// `schemalift_model::write_atomic` this does not fsync each file: a docs run writes thousands of
/// pages that a rerun reproduces byte for byte, and an fsync per page would cost more than
/// rendering them.
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".schemalift-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    set_default_permissions(file.as_file())?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn set_default_permissions(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // Temporary files are private (0600); pages are ordinary files.
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Remove the directories above a removed file that are now empty, up to (not including) `root`.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut current = file.parent();
    while let Some(d) = current {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        current = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> RenderedFile {
        RenderedFile {
            path: path.to_owned(),
            contents: contents.to_owned(),
        }
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        fn walk(root: &Path, d: &Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(root, &p, out);
                } else {
                    out.push(
                        p.strip_prefix(root)
                            .unwrap()
                            .to_string_lossy()
                            .replace('\\', "/"),
                    );
                }
            }
        }
        walk(dir, dir, &mut out);
        out.sort();
        out
    }

    #[test]
    fn a_rerun_removes_only_its_own_stale_pages() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        write(&out, &[file("README.md", "a"), file("objects/Old.md", "o")]).unwrap();
        std::fs::write(out.join("notes.md"), "mine").unwrap();
        let report = write(&out, &[file("README.md", "b"), file("enums/New.md", "n")]).unwrap();
        assert_eq!(report.removed, vec!["objects/Old.md".to_owned()]);
        assert_eq!(
            listing(&out),
            vec![".schemalift-docs", "README.md", "enums/New.md", "notes.md"]
        );
        assert!(
            !out.join("objects").exists(),
            "the emptied folder is removed"
        );
        assert_eq!(std::fs::read_to_string(out.join("README.md")).unwrap(), "b");
        assert_eq!((report.written, report.unchanged), (2, 0));
    }

    #[test]
    fn an_unchanged_page_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let files = [file("README.md", "same"), file("a.md", "old")];
        write(dir.path(), &files).unwrap();
        let modified = |p: &str| {
            std::fs::metadata(dir.path().join(p))
                .unwrap()
                .modified()
                .unwrap()
        };
        let before = modified("README.md");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let report = write(
            dir.path(),
            &[file("README.md", "same"), file("a.md", "new")],
        )
        .unwrap();
        assert_eq!((report.written, report.unchanged), (1, 1));
        assert_eq!(modified("README.md"), before);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
            "new"
        );
    }

    #[test]
    fn a_users_directory_is_written_into_but_nothing_of_theirs_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("README.md"), "the user's readme").unwrap();
        let err = write(dir.path(), &[file("README.md", "x"), file("a.md", "y")]).unwrap_err();
        assert!(
            err.to_string()
                .contains("README.md exists and was not written by schemalift docs"),
            "{err}"
        );
        assert_eq!(listing(dir.path()), vec!["README.md"]);
        // Without a clash the pages go in beside the user's files, which stay.
        write(dir.path(), &[file("a.md", "y")]).unwrap();
        write(dir.path(), &[file("b.md", "z")]).unwrap();
        assert_eq!(
            listing(dir.path()),
            vec![".schemalift-docs", "README.md", "b.md"]
        );
    }

    #[test]
    fn a_tampered_marker_cannot_reach_outside_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        std::fs::write(
            out.join(MARKER),
            format!("../precious.txt\n{}/precious.txt\n", dir.path().display()),
        )
        .unwrap();
        write(&out, &[file("README.md", "x")]).unwrap();
        assert!(dir.path().join("precious.txt").exists());
    }
}
