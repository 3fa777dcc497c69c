//! Writing output files atomically: a temporary file in the same directory, then a rename, so a
//! failure never leaves a truncated file or destroys the previous one.
//!
//! The rename suits regular files only. [`write_atomic`], the writer of a user's `-o FILE`, looks
//! first at what is there: a device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a pipe a
//! reader waits on) is written in place, never replaced; a symbolic link is followed and its
//! target replaced atomically, so the link stays a link. New files get the permissions the umask
//! allows (`0o666 & !umask`), like any file a program creates; a replaced file keeps its own.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Whether a write waits for the disk before the rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// fsync before the rename: the one file a user asked for survives a crash whole.
    Synced,
    /// Left to the kernel: thousands of generated pages that a rerun reproduces byte for byte,
    /// where an fsync each costs more than rendering them.
    Buffered,
}

/// How many symbolic links [`write_atomic`] follows before giving up, as Linux does.
const MAX_LINKS: usize = 40;

/// Write the file a user named (`-o FILE`): a regular file (or a new one) is replaced atomically
/// and durably; a symbolic link's target is replaced the same way, the link left as it is; a
/// device, FIFO or socket, and anything under `/dev/` or `/proc/` that is not a regular file
/// there, is opened and written in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if writes_in_place(path) {
        return write_in_place(path, bytes);
    }
    let target = resolve_links(path)?;
    replace_file(&target, bytes, Durability::Synced)
}

/// Whether `path` must be written in place rather than replaced: it is (or a link leads to)
/// something other than a regular file or directory, or it names a stream such as `/dev/stdout`.
fn writes_in_place(path: &Path) -> bool {
    match fs::metadata(path) {
        Ok(meta) => {
            let special = !meta.is_file() && !meta.is_dir();
            // `/dev/stdout` and `/proc/self/fd/1` are links to whatever standard output is: a
            // regular file there is the shell's `> file`, written through the descriptor.
            let stream = path.starts_with("/dev/") || path.starts_with("/proc/");
            special || (stream && meta.is_file())
        }
        Err(_) => false,
    }
}

/// Open an existing non-regular file (or a stream) and write to it; only a regular file is
/// truncated.
fn write_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let regular = fs::metadata(path).is_ok_and(|m| m.is_file());
    let mut file = fs::OpenOptions::new()
        .write(true)
        .truncate(regular)
        .open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Follow `path` through symbolic links (a dangling one too) to the file they name.
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// Replace (or create) `path` atomically: a temporary file in the same directory, renamed over
/// the target, so a reader never sees a half-written file and a failure leaves the previous one.
/// A symbolic link at `path` is itself replaced (see [`write_atomic`] for following it).
pub fn replace_file(path: &Path, bytes: &[u8], durability: Durability) -> io::Result<()> {
    replace(path, bytes, durability, false)
}

/// [`replace_file`] for a secret (a cached token): the file is 0600 from its first byte, whatever
/// the umask or the mode of the file it replaces, and synced before the rename.
pub fn replace_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, Durability::Synced, true)
}

fn replace(path: &Path, bytes: &[u8], durability: Durability, private: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".schemalift-").suffix(".tmp");
    // Created with the mode any new file gets (0o666 less the umask), unless private: then
    // tempfile's own 0600.
    #[cfg(unix)]
    if !private {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    // A replaced file keeps its permissions (a private one stays 0600).
    if let Ok(existing) = fs::symlink_metadata(path) {
        if existing.is_file() && !private {
            file.as_file().set_permissions(existing.permissions())?;
        }
    }
    if durability == Durability::Synced {
        file.as_file().sync_all()?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.graphql");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_is_0600_even_where_a_readable_one_was() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        replace_private(&path, b"secret").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"secret");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_missing_directory_fails_without_side_effects() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/out.graphql");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link_and_its_target_is_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/schema.graphql");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.graphql");
        std::os::unix::fs::symlink("real/schema.graphql", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(fs::read_dir(dir.path().join("real")).unwrap().count(), 1);
        // A dangling link: its target is created.
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink("real/new.graphql", &dangling).unwrap();
        write_atomic(&dangling, b"created").unwrap();
        assert!(fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(
            fs::read_to_string(dir.path().join("real/new.graphql")).unwrap(),
            "created"
        );
        // A loop is an error, not a hang.
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        assert!(write_atomic(&a, b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let (sender, received) = std::sync::mpsc::channel();
        {
            let fifo = fifo.clone();
            std::thread::spawn(move || sender.send(fs::read(fifo).unwrap()));
        }
        write_atomic(&fifo, b"through the pipe").unwrap();
        assert!(!fs::metadata(&fifo).unwrap().is_file(), "still a FIFO");
        let read = received.recv_timeout(std::time::Duration::from_secs(10));
        assert_eq!(
            read.as_deref(),
            Ok(&b"through the pipe"[..]),
            "the reader got it"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn dev_null_is_written_in_place() {
        // Writing /dev/null in place needs no privileges; replacing it would (and would break
        // the machine), so this holds for any user.
        write_atomic(Path::new("/dev/null"), b"gone").unwrap();
        let meta = fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file(), "/dev/null is still a device");
    }
}
