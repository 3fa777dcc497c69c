//! The one writer of generated output directories (`schemalift docs` pages, `schemalift codegen`
//! clients): files are written so that nothing schemalift did not write is ever touched, a
//! failure never leaves a half-written file in place of a good one, and a rerun that renders the
//! same bytes changes nothing on disk.
//!
//! Ownership is recorded in a marker file (each command has its own, see [`Marker`]) that lists,
//! one per line, the files the command wrote there. A run removes the listed files it no longer
//! writes and never touches anything else: a file it did not write is neither removed nor
//! overwritten (the run refuses instead, before writing anything). The marker is rewritten before
//! the files, listing the old and the new ones together, so a run that stops half-way still knows
//! every file it may have written; after the files it lists only the new ones.
//!
//! How a file is written depends on what it would replace, because the safe way is also the
//! slow one:
//!
//! - A directory that does not exist yet is filled under a temporary name beside it and renamed
//!   into place in one step: it appears whole or not at all, and its files need no care of their
//!   own.
//! - A file that does not exist yet is created directly (there is no good version to protect);
//!   if writing it fails it is removed again.
//! - An existing file that already holds exactly the new bytes is left alone (its modification
//!   time stays, so static site generators and build tools rebuild only what changed).
//! - Any other existing file is replaced atomically: a temporary file in the same directory with
//!   the old file's permissions, renamed over it.
//!
//! Nothing is written or removed through a symbolic link inside the directory (the directory
//! itself may be one): a link where a folder of the output must go is an error naming it, before
//! anything is written, and a marker entry under a link (or one naming `..` or an absolute path)
//! is left alone with a warning, so an edited marker or a planted link cannot make a run delete
//! or overwrite files outside the directory. A file of ours that became a link is replaced by a
//! file, its target untouched.
//!
//! Nothing is fsynced: a docs run writes thousands of pages that a rerun reproduces byte for byte,
//! and an fsync per file costs more than rendering it.

use rayon::prelude::*;
use schemalift_model::Durability;
use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

/// The marker file that proves an output directory's files are a command's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// The marker's file name inside the output directory, e.g. `.schemalift-docs`.
    pub file_name: &'static str,
    /// The command as messages name it, e.g. `schemalift docs`.
    pub command: &'static str,
    /// Comment lines (each starting with `#`, ending with a newline) at the top of the marker.
    pub header: &'static str,
}

/// One file to write: its path relative to the output directory (`/`-separated, no `..`) and its
/// text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// What a write did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written: new ones and ones whose contents changed.
    pub written: usize,
    /// Files that already held exactly what this run renders, left untouched.
    pub unchanged: usize,
    /// Stale files of an earlier run that were removed, relative to the directory.
    pub removed: Vec<String>,
    /// Things the user should know: marker entries left alone because they name `..`, an
    /// absolute path, or a path through a symbolic link.
    pub warnings: Vec<String>,
}

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "{} exists and was not written by {command}{}; refusing to overwrite it (choose a new or empty output directory, or remove the file)",
        path.display(),
        if *others > 0 { format!(" (nor were {others} other files it would replace)") } else { String::new() }
    )]
    WouldOverwrite {
        path: PathBuf,
        command: &'static str,
        others: usize,
    },
    #[error("{} is not a directory", .0.display())]
    NotADirectory(PathBuf),
    #[error(
        "{} is a symbolic link; refusing to write through it (output goes only into real folders of the output directory: remove the link, or choose another directory)",
        .0.display()
    )]
    SymbolicLink(PathBuf),
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Write `files` into `dir` (created if missing) and remove the stale files of an earlier run of
/// the same command, as recorded in its `marker`.
pub(crate) fn write(
    dir: &Path,
    marker: &Marker,
    files: &[OutputFile],
) -> Result<WriteReport, WriteError> {
    debug_assert!(files.iter().all(|f| is_plain(&f.path)), "relative paths");
    // `docs/.` is `docs`: without the dot the directory can be created and renamed into place.
    let dir: &Path = &dir.components().collect::<PathBuf>();
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => write_into(dir, marker, files),
        Ok(_) => Err(WriteError::NotADirectory(dir.to_owned())),
        // A dangling symbolic link is not a missing directory: let creating it fail below.
        Err(e) if e.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(dir).is_err() => {
            write_new(dir, marker, files)
        }
        Err(_) => create_and_write_into(dir, marker, files),
    }
}

/// A directory that does not exist yet: fill a temporary sibling, then rename it into place.
fn write_new(dir: &Path, marker: &Marker, files: &[OutputFile]) -> Result<WriteReport, WriteError> {
    let Some(staging) = dir
        .parent()
        .zip(dir.file_name())
        .and_then(|(parent, name)| staging_dir(parent, name).ok())
    else {
        // No sibling to stage in (`/`, a path ending in `..`, a name too long to extend, a parent
        // we may not write to): create the directory and fill it by the usual rules.
        return create_and_write_into(dir, marker, files);
    };
    if let Err(err) = fill(&staging, marker, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(err);
    }
    match fs::rename(&staging, dir) {
        Ok(()) => Ok(WriteReport {
            written: files.len(),
            ..WriteReport::default()
        }),
        Err(_) => {
            // The directory appeared meanwhile: write into it by the usual rules, which also refuse
            // to overwrite a stranger's files.
            let _ = fs::remove_dir_all(&staging);
            create_and_write_into(dir, marker, files)
        }
    }
}

fn create_and_write_into(
    dir: &Path,
    marker: &Marker,
    files: &[OutputFile],
) -> Result<WriteReport, WriteError> {
    fs::create_dir_all(dir).map_err(io_error(dir))?;
    write_into(dir, marker, files)
}

/// A new, empty directory beside the output one (its parents created), with the permissions a
/// new directory gets.
fn staging_dir(parent: &Path, name: &std::ffi::OsStr) -> io::Result<PathBuf> {
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    fs::create_dir_all(parent)?;
    let mut attempt = 0u32;
    loop {
        let mut staging_name = std::ffi::OsString::from(".");
        staging_name.push(name);
        staging_name.push(format!(".schemalift-{}-{attempt}.tmp", std::process::id()));
        let staging = parent.join(staging_name);
        match fs::create_dir(&staging) {
            Ok(()) => return Ok(staging),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Write every file and the marker into `staging`, a directory nobody else sees yet.
fn fill(staging: &Path, marker: &Marker, files: &[OutputFile]) -> Result<(), WriteError> {
    create_parents(staging, files)?;
    let listed: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let marker_path = staging.join(marker.file_name);
    create_new(&marker_path, marker_text(marker, &listed).as_bytes())
        .map_err(io_error(&marker_path))?;
    files.par_iter().try_for_each(|file| {
        let path = staging.join(&file.path);
        create_new(&path, file.contents.as_bytes()).map_err(io_error(&path))
    })
}

/// An existing directory: ours (listed in the marker), the user's, or a mix.
fn write_into(
    dir: &Path,
    marker: &Marker,
    files: &[OutputFile],
) -> Result<WriteReport, WriteError> {
    let marker_path = dir.join(marker.file_name);
    let (previous, mut warnings) = read_marker(&marker_path, marker)?;
    let new: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();

    // No folder the output goes into may be a link out of the directory.
    for folder in folders(files) {
        if let Some(link) = first_link(dir, folder) {
            return Err(WriteError::SymbolicLink(link));
        }
    }

    // In an empty directory nothing can be in the way, and every file is new: no look-ups.
    let empty = previous.is_empty() && fs::read_dir(dir).map_err(io_error(dir))?.next().is_none();
    if !empty {
        let foreign: Vec<PathBuf> = new
            .iter()
            .filter(|path| !previous.contains(**path))
            .map(|path| dir.join(path))
            .filter(|path| path.symlink_metadata().is_ok())
            .collect();
        if let Some(first) = foreign.first() {
            return Err(WriteError::WouldOverwrite {
                path: first.clone(),
                command: marker.command,
                others: foreign.len() - 1,
            });
        }
    }

    let union: BTreeSet<&str> = previous
        .iter()
        .map(String::as_str)
        .chain(new.iter().copied())
        .collect();
    if union.len() > previous.len() {
        write_marker(&marker_path, marker, &union)?;
    }

    create_parents(dir, files)?;
    let unchanged = files
        .par_iter()
        .map(|file| {
            let path = dir.join(&file.path);
            let bytes = file.contents.as_bytes();
            let written = if empty {
                create_new(&path, bytes).map(|()| true)
            } else {
                put(&path, bytes)
            };
            written.map_err(io_error(&path))
        })
        .try_fold(|| 0, |n, written| written.map(|w| n + usize::from(!w)))
        .try_reduce(|| 0, |a, b| Ok(a + b))?;

    let mut removed = Vec::new();
    for stale in previous.iter().filter(|p| !new.contains(p.as_str())) {
        let path = dir.join(stale);
        if let Some(link) = stale
            .rsplit_once('/')
            .and_then(|(folder, _)| first_link(dir, folder))
        {
            warnings.push(format!(
                "left {stale} (listed in {}) alone: {} is a symbolic link",
                marker.file_name,
                link.display()
            ));
            continue;
        }
        match fs::remove_file(&path) {
            Ok(()) => {
                removed.push(stale.clone());
                remove_empty_parents(dir, &path);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(&path)(e)),
        }
    }
    if union.len() > new.len() {
        write_marker(&marker_path, marker, &new)?;
    }
    Ok(WriteReport {
        written: files.len() - unchanged,
        unchanged,
        removed,
        warnings,
    })
}

/// The folders (relative, `/`-separated) the files go in.
fn folders(files: &[OutputFile]) -> BTreeSet<&str> {
    files
        .iter()
        .filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d))
        .collect()
}

/// The first symbolic link on the way from `root` down to the relative folder `folder`, if any.
/// The walk stops at the first part that does not exist (nothing below it can be a link) or is
/// not a directory (creating the folder fails there).
fn first_link(root: &Path, folder: &str) -> Option<PathBuf> {
    let mut current = root.to_owned();
    for part in folder.split('/') {
        current.push(part);
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => return Some(current),
            Ok(meta) if meta.is_dir() => {}
            _ => return None,
        }
    }
    None
}

/// Create the directories the files go in.
fn create_parents(root: &Path, files: &[OutputFile]) -> Result<(), WriteError> {
    for d in folders(files) {
        let d = root.join(d);
        fs::create_dir_all(&d).map_err(io_error(&d))?;
    }
    Ok(())
}

fn is_plain(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// The files a marker lists, and a warning for each entry left out. Only plain relative paths
/// count: a marker edited to name `../something` or an absolute path must not make a run delete
/// outside the directory.
fn read_marker(
    path: &Path,
    marker: &Marker,
) -> Result<(BTreeSet<String>, Vec<String>), WriteError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Default::default()),
        Err(e) => return Err(io_error(path)(e)),
    };
    let mut warnings = Vec::new();
    let listed = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter(|line| {
            let plain = is_plain(line);
            if !plain {
                warnings.push(format!(
                    "ignored {line:?} in {}: not a plain path inside the directory",
                    marker.file_name
                ));
            }
            plain
        })
        .filter(|line| Path::new(line).file_name() != Some(marker.file_name.as_ref()))
        .map(str::to_owned)
        .collect();
    Ok((listed, warnings))
}

fn marker_text(marker: &Marker, files: &BTreeSet<&str>) -> String {
    let mut text = String::from(marker.header);
    for file in files {
        text.push_str(file);
        text.push('\n');
    }
    text
}

fn write_marker(path: &Path, marker: &Marker, files: &BTreeSet<&str>) -> Result<(), WriteError> {
    let text = marker_text(marker, files);
    replace(path, text.as_bytes()).map_err(io_error(path))
}

/// Write a file that may exist; returns whether it wrote (false: it already held `bytes`). Only
/// a file of the same size is read to compare.
fn put(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    // Not followed: a file of ours that became a link is replaced by a file, its target untouched.
    match fs::symlink_metadata(path) {
        Ok(meta) => {
            if meta.is_file() && meta.len() == bytes.len() as u64 && fs::read(path)? == bytes {
                return Ok(false);
            }
            replace(path, bytes)?;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => create_new(path, bytes)?,
        Err(e) => return Err(e),
    }
    Ok(true)
}

/// Create a file that does not exist yet and write it; if writing fails, remove it again, so no
/// half-written file stays behind. Should it exist after all (created since we looked), it is
/// replaced atomically instead.
fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = match File::options().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return replace(path, bytes),
        Err(e) => return Err(e),
    };
    file.write_all(bytes).inspect_err(|_| {
        let _ = fs::remove_file(path);
    })
}

/// Replace a file atomically, keeping its permissions, without an fsync (see the module doc).
fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    schemalift_model::replace_file(path, bytes, Durability::Buffered)
}

/// Remove the directories above a removed file that are now empty, up to (not including) `root`.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut current = file.parent();
    while let Some(d) = current {
        if d == root || !d.starts_with(root) || fs::remove_dir(d).is_err() {
            break;
        }
        current = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKER: Marker = Marker {
        file_name: ".schemalift-test",
        command: "schemalift test",
        header: "# Files written by `schemalift test`.\n",
    };

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile {
            path: path.to_owned(),
            contents: contents.to_owned(),
        }
    }

    fn write(dir: &Path, files: &[OutputFile]) -> Result<WriteReport, WriteError> {
        super::write(dir, &MARKER, files)
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        fn walk(root: &Path, d: &Path, out: &mut Vec<String>) {
            for e in fs::read_dir(d).unwrap() {
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
    fn a_new_directory_appears_whole_with_its_marker() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a/docs");
        let report = write(&out, &[file("README.md", "r"), file("objects/A.md", "a")]).unwrap();
        assert_eq!((report.written, report.unchanged), (2, 0));
        assert_eq!(
            listing(dir.path()),
            vec![
                "a/docs/.schemalift-test",
                "a/docs/README.md",
                "a/docs/objects/A.md"
            ],
            "no staging directory left behind"
        );
        assert_eq!(
            fs::read_to_string(out.join(".schemalift-test")).unwrap(),
            "# Files written by `schemalift test`.\nREADME.md\nobjects/A.md\n"
        );
    }

    #[test]
    fn a_new_directory_named_with_a_trailing_dot_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs/.");
        write(&out, &[file("README.md", "r")]).unwrap();
        assert_eq!(
            listing(dir.path()),
            vec!["docs/.schemalift-test", "docs/README.md"]
        );
    }

    #[test]
    fn a_name_too_long_for_a_staging_sibling_is_written_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let name = "d".repeat(250);
        write(&dir.path().join(&name), &[file("README.md", "r")]).unwrap();
        assert_eq!(
            listing(dir.path()),
            vec![
                format!("{name}/.schemalift-test"),
                format!("{name}/README.md")
            ]
        );
    }

    #[test]
    fn a_failure_in_a_new_directory_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        // `a` is both a file and the folder of `a/b`: writing `a` fails.
        let err = write(&out, &[file("a", "x"), file("a/b", "y")]).unwrap_err();
        assert!(matches!(err, WriteError::Io { .. }), "{err}");
        assert!(fs::read_dir(dir.path()).unwrap().next().is_none());
    }

    #[test]
    fn a_rerun_removes_only_its_own_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        write(&out, &[file("README.md", "a"), file("objects/Old.md", "o")]).unwrap();
        fs::write(out.join("notes.md"), "mine").unwrap();
        let report = write(&out, &[file("README.md", "b"), file("enums/New.md", "n")]).unwrap();
        assert_eq!(report.removed, vec!["objects/Old.md".to_owned()]);
        assert_eq!(
            listing(&out),
            vec![".schemalift-test", "README.md", "enums/New.md", "notes.md"]
        );
        assert!(
            !out.join("objects").exists(),
            "the emptied folder is removed"
        );
        assert_eq!(fs::read_to_string(out.join("README.md")).unwrap(), "b");
        assert_eq!((report.written, report.unchanged), (2, 0));
        assert_eq!(
            fs::read_to_string(out.join(".schemalift-test")).unwrap(),
            "# Files written by `schemalift test`.\nREADME.md\nenums/New.md\n"
        );
    }

    #[test]
    fn an_unchanged_file_is_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let files = [file("README.md", "same"), file("a.md", "old")];
        write(dir.path(), &files).unwrap();
        let modified = |p: &str| {
            fs::metadata(dir.path().join(p))
                .unwrap()
                .modified()
                .unwrap()
        };
        let before = modified("README.md");
        let marker_before = modified(".schemalift-test");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let report = write(
            dir.path(),
            &[file("README.md", "same"), file("a.md", "new")],
        )
        .unwrap();
        assert_eq!((report.written, report.unchanged), (1, 1));
        assert_eq!(modified("README.md"), before);
        assert_eq!(modified(".schemalift-test"), marker_before, "same files");
        assert_eq!(fs::read_to_string(dir.path().join("a.md")).unwrap(), "new");
    }

    #[test]
    fn a_users_directory_is_written_into_but_nothing_of_theirs_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("README.md"), "the user's readme").unwrap();
        let err = write(dir.path(), &[file("README.md", "x"), file("a.md", "y")]).unwrap_err();
        assert!(
            err.to_string()
                .contains("README.md exists and was not written by schemalift test"),
            "{err}"
        );
        assert_eq!(listing(dir.path()), vec!["README.md"]);
        // Without a clash the files go in beside the user's, which stay.
        write(dir.path(), &[file("a.md", "y")]).unwrap();
        write(dir.path(), &[file("b.md", "z")]).unwrap();
        assert_eq!(
            listing(dir.path()),
            vec![".schemalift-test", "README.md", "b.md"]
        );
    }

    #[test]
    fn an_empty_existing_directory_is_filled_in_place() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[file("x/y.md", "y"), file("z.md", "z")]).unwrap();
        assert_eq!(
            listing(dir.path()),
            vec![".schemalift-test", "x/y.md", "z.md"]
        );
    }

    #[test]
    fn a_tampered_marker_cannot_reach_outside_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        fs::create_dir(&out).unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        fs::write(
            out.join(MARKER.file_name),
            format!("../precious.txt\n{}/precious.txt\n", dir.path().display()),
        )
        .unwrap();
        let report = write(&out, &[file("README.md", "x")]).unwrap();
        assert!(dir.path().join("precious.txt").exists());
        assert_eq!(report.warnings.len(), 2, "{:?}", report.warnings);
        assert!(
            report.warnings[0].starts_with("ignored \"../precious.txt\" in .schemalift-test"),
            "{:?}",
            report.warnings
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_marker_entry_under_a_symbolic_link_is_not_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        write(&out, &[file("README.md", "x")]).unwrap();
        fs::create_dir(dir.path().join("outside")).unwrap();
        fs::write(dir.path().join("outside/precious.txt"), "keep").unwrap();
        std::os::unix::fs::symlink("../outside", out.join("evil")).unwrap();
        let mut marker = fs::read_to_string(out.join(MARKER.file_name)).unwrap();
        marker.push_str("evil/precious.txt\n");
        fs::write(out.join(MARKER.file_name), marker).unwrap();
        let report = write(&out, &[file("README.md", "x")]).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("outside/precious.txt")).unwrap(),
            "keep"
        );
        assert!(report.removed.is_empty(), "{:?}", report.removed);
        assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
        assert!(
            report.warnings[0].contains("evil is a symbolic link"),
            "{:?}",
            report.warnings
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_where_a_folder_goes_is_an_error_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        write(
            &out,
            &[file("objects/A.md", "a"), file("objects/B.md", "b")],
        )
        .unwrap();
        fs::create_dir(dir.path().join("outside")).unwrap();
        fs::write(dir.path().join("outside/A.md"), "the user's").unwrap();
        fs::write(dir.path().join("outside/B.md"), "the user's too").unwrap();
        fs::remove_dir_all(out.join("objects")).unwrap();
        std::os::unix::fs::symlink("../outside", out.join("objects")).unwrap();
        let err = write(&out, &[file("objects/A.md", "new"), file("README.md", "r")]).unwrap_err();
        assert!(
            matches!(err, WriteError::SymbolicLink(ref p) if p == &out.join("objects")),
            "{err}"
        );
        assert!(err.to_string().contains("is a symbolic link"), "{err}");
        assert_eq!(
            fs::read_to_string(dir.path().join("outside/A.md")).unwrap(),
            "the user's"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("outside/B.md")).unwrap(),
            "the user's too"
        );
        assert!(!out.join("README.md").exists(), "nothing written");
        // Deeper down too: a link below a real folder.
        fs::remove_file(out.join("objects")).unwrap();
        fs::create_dir(out.join("objects")).unwrap();
        std::os::unix::fs::symlink("../../outside", out.join("objects/deep")).unwrap();
        let err = write(&out, &[file("objects/deep/A.md", "new")]).unwrap_err();
        assert!(
            matches!(err, WriteError::SymbolicLink(ref p) if p == &out.join("objects/deep")),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("outside/A.md")).unwrap(),
            "the user's"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_of_ours_that_became_a_link_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        write(&out, &[file("a.md", "1")]).unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        fs::remove_file(out.join("a.md")).unwrap();
        std::os::unix::fs::symlink("../precious.txt", out.join("a.md")).unwrap();
        write(&out, &[file("a.md", "2")]).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
            "keep"
        );
        assert!(fs::symlink_metadata(out.join("a.md")).unwrap().is_file());
        assert_eq!(fs::read_to_string(out.join("a.md")).unwrap(), "2");
    }

    #[test]
    fn a_file_that_is_not_a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        fs::write(&out, "a file").unwrap();
        let err = write(&out, &[file("README.md", "x")]).unwrap_err();
        assert!(matches!(err, WriteError::NotADirectory(_)), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_usual_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[file("a.sh", "1")]).unwrap();
        let mode = |p: &str| {
            fs::metadata(dir.path().join(p))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        fs::write(dir.path().join("plain"), "").unwrap();
        assert_eq!(mode("a.sh"), mode("plain"), "as any new file");
        fs::set_permissions(dir.path().join("a.sh"), fs::Permissions::from_mode(0o750)).unwrap();
        write(dir.path(), &[file("a.sh", "2"), file("b.sh", "2")]).unwrap();
        assert_eq!(mode("a.sh"), 0o750);
        assert_eq!(mode("b.sh"), mode("plain"));
        assert_eq!(fs::read_to_string(dir.path().join("a.sh")).unwrap(), "2");
    }
}
