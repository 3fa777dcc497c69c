//! The small files a fetch reads — header files, API key files, client certificates and keys,
//! CA bundles, spacectl's `config.json`, cached tokens — read as regular files only and up to a
//! limit, so that `/dev/zero` cannot eat the memory and a FIFO cannot block the run: the file's
//! type is checked before it is opened (opening a FIFO blocks until a writer comes).

use std::io::{self, Read};
use std::path::Path;

/// Credentials, headers, certificates, keys, spacectl's profiles, a cached token: a few KiB each.
pub(crate) const SMALL_FILE_LIMIT: u64 = 1 << 20;

/// A CA bundle may hold every root a system trusts (about 200 KiB today).
pub(crate) const CA_BUNDLE_LIMIT: u64 = 16 << 20;

/// The whole file, if it is a regular file (symbolic links followed) of at most `limit` bytes.
/// The errors say which of those it is not; `NotFound` stays `NotFound`.
pub(crate) fn read_bounded(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    // `metadata` does not open the file, so a FIFO is refused before anything can block on it.
    regular(&std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    // Checked again on what was opened, in case the path was swapped in between.
    regular(&file.metadata()?)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::other(format!(
            "larger than {}, too large for this kind of file",
            size(limit)
        )));
    }
    Ok(bytes)
}

/// [`read_bounded`] as UTF-8 text.
pub(crate) fn read_bounded_text(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read_bounded(path, limit)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

fn regular(metadata: &std::fs::Metadata) -> io::Result<()> {
    if metadata.is_file() {
        return Ok(());
    }
    let what = if metadata.is_dir() {
        "a directory"
    } else {
        "a device, FIFO or socket"
    };
    Err(io::Error::other(format!("not a regular file ({what})")))
}

/// `256 MiB`, `1 MiB`, `512 KiB`, `100 bytes`: a limit as people write it.
pub(crate) fn size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit && bytes.is_multiple_of(unit) {
            return format!("{} {name}", bytes / unit);
        }
    }
    for (unit, name) in UNITS {
        if bytes >= unit {
            return format!("{:.1} {name}", bytes as f64 / unit as f64);
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_directories_and_fifos_are_refused_without_blocking() {
        let e = read_bounded(Path::new("/dev/zero"), SMALL_FILE_LIMIT).unwrap_err();
        assert_eq!(
            e.to_string(),
            "not a regular file (a device, FIFO or socket)"
        );
        let dir = tempfile::tempdir().unwrap();
        let e = read_bounded(dir.path(), SMALL_FILE_LIMIT).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a directory)");
        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap();
            assert!(made.success());
            // Opening it would block until a writer comes: it must be refused before.
            let e = read_bounded(&fifo, SMALL_FILE_LIMIT).unwrap_err();
            assert!(e.to_string().starts_with("not a regular file"), "{e}");
        }
        let e = read_bounded(&dir.path().join("nope"), SMALL_FILE_LIMIT).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn files_over_the_limit_are_refused_and_at_the_limit_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, vec![b'a'; 1024]).unwrap();
        assert_eq!(read_bounded(&path, 1024).unwrap().len(), 1024);
        let e = read_bounded(&path, 1023).unwrap_err();
        assert!(e.to_string().starts_with("larger than 1023 bytes"), "{e}");
        assert_eq!(read_bounded_text(&path, 1024).unwrap(), "a".repeat(1024));
        std::fs::write(&path, [0xff, 0xfe]).unwrap();
        assert_eq!(
            read_bounded_text(&path, 1024).unwrap_err().to_string(),
            "not UTF-8 text"
        );
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(256 << 20), "256 MiB");
        assert_eq!(size(1 << 20), "1 MiB");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(100), "100 bytes");
        assert_eq!(size(1 << 30), "1 GiB");
    }
}
