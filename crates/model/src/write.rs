//! Writing output files atomically: a temporary file in the same directory, then a rename, so a
//! failure never leaves a truncated file or destroys the previous one.

use std::io::Write;
use std::path::Path;

/// Whether a write waits for the disk before the rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// fsync before the rename: the one file a user asked for survives a crash whole.
    Synced,
    /// Left to the kernel: thousands of generated pages that a rerun reproduces byte for byte,
    /// where an fsync each costs more than rendering them.
    Buffered,
}

/// Replace (or create) `path` atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_file(path, bytes, Durability::Synced)
}

/// Replace (or create) `path` atomically: a temporary file in the same directory, renamed over
/// the target, so a reader never sees a half-written file and a failure leaves the previous one.
pub fn replace_file(path: &Path, bytes: &[u8], durability: Durability) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".schemalift-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    // A temporary file is private (0600); the result gets the permissions of the file it replaces,
    // or the usual ones for a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(),
    };
    file.as_file().set_permissions(permissions)?;
    if durability == Durability::Synced {
        file.as_file().sync_all()?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> std::fs::Permissions {
    tempfile::tempfile()
        .and_then(|f| f.metadata())
        .map(|m| m.permissions())
        .expect("a temporary file has permissions")
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
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_directory_fails_without_side_effects() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/out.graphql");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
