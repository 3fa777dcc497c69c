//! Where a schema comes from, and reading it into text: files, directories, standard input and
//! `git:REV:PATH`. URLs are named here but fetched by `schemalift-fetch`.
//!
//! Every input is read up to a cap ([`MAX_INPUT_BYTES`], or `SCHEMALIFT_MAX_INPUT_BYTES`), so
//! `/dev/zero` or an endless standard input ends in an error rather than out of memory. A
//! directory is walked once per real directory: a symbolic link back up the tree is not a loop.

use crate::LoadError;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The most bytes one input (a file, standard input, a `git:` blob) may hold: far above any real
/// schema (the largest public ones are about 5 MB), low enough that `/dev/zero` or an endless
/// pipe stops long before memory runs out.
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// The environment variable that overrides [`MAX_INPUT_BYTES`] (a number of bytes).
pub const MAX_INPUT_BYTES_VAR: &str = "SCHEMALIFT_MAX_INPUT_BYTES";

/// The input cap in force: `SCHEMALIFT_MAX_INPUT_BYTES` when set to a number, else
/// [`MAX_INPUT_BYTES`].
pub fn max_input_bytes() -> u64 {
    std::env::var(MAX_INPUT_BYTES_VAR)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(MAX_INPUT_BYTES)
}

/// Read at most `limit` bytes from `reader`; more is an error naming `name` and the cap.
pub(crate) fn read_capped(
    reader: impl Read,
    name: &str,
    path: &Path,
    limit: u64,
) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Io {
            path: path.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::TooLarge {
            name: name.to_owned(),
            limit,
        });
    }
    Ok(bytes)
}

/// File extensions read as SDL when a directory is given.
pub const SDL_EXTENSIONS: [&str; 3] = ["graphql", "graphqls", "gql"];

/// One place a schema (or part of one) comes from, as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaSource {
    /// `-`: standard input.
    Stdin,
    /// A file (SDL or introspection JSON) or a directory of SDL files.
    Path(PathBuf),
    /// An `http://` or `https://` GraphQL endpoint, introspected by `schemalift-fetch`.
    Url(String),
    /// `git:REV:PATH`: a file at a revision of the git repository in the current directory.
    Git { rev: String, path: PathBuf },
}

impl SchemaSource {
    pub fn parse(arg: &str) -> SchemaSource {
        if arg == "-" {
            SchemaSource::Stdin
        } else if arg.starts_with("http://") || arg.starts_with("https://") {
            SchemaSource::Url(arg.to_owned())
        } else if let Some((rev, path)) = arg
            .strip_prefix("git:")
            .and_then(|rest| rest.split_once(':'))
        {
            SchemaSource::Git {
                rev: rev.to_owned(),
                path: PathBuf::from(path),
            }
        } else {
            SchemaSource::Path(PathBuf::from(arg))
        }
    }
}

impl std::fmt::Display for SchemaSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SchemaSource::Stdin => f.write_str("<stdin>"),
            SchemaSource::Path(path) => write!(f, "{}", path.display()),
            SchemaSource::Url(url) => f.write_str(url),
            SchemaSource::Git { rev, path } => write!(f, "git:{rev}:{}", path.display()),
        }
    }
}

/// The text of one schema document and the name diagnostics show for it.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub text: String,
}

impl Input {
    /// Whether the text is an introspection result rather than SDL: JSON starts with `{`, and
    /// SDL never does.
    pub fn is_json(&self) -> bool {
        self.text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
    }
}

/// Read every source into text, expanding directories into their SDL files (sorted by path, so
/// the merge order is deterministic).
pub fn read_inputs(sources: &[SchemaSource]) -> Result<Vec<Input>, LoadError> {
    let mut inputs = Vec::new();
    for source in sources {
        match source {
            SchemaSource::Stdin => {
                let bytes = read_capped(
                    std::io::stdin().lock(),
                    "<stdin>",
                    Path::new("<stdin>"),
                    max_input_bytes(),
                )?;
                inputs.push(text_input("<stdin>".to_owned(), bytes)?);
            }
            SchemaSource::Path(path) if path.is_dir() => {
                let files = sdl_files(path)?;
                if files.is_empty() {
                    return Err(LoadError::NoSchemaFiles { dir: path.clone() });
                }
                for file in files {
                    inputs.push(read_file(&file)?);
                }
            }
            SchemaSource::Path(path) => inputs.push(read_file(path)?),
            SchemaSource::Url(url) => return Err(LoadError::NeedsFetch { url: url.clone() }),
            SchemaSource::Git { rev, path } => inputs.push(read_git(rev, path)?),
        }
    }
    if inputs.is_empty() {
        return Err(LoadError::NoInput);
    }
    Ok(inputs)
}

fn read_file(path: &Path) -> Result<Input, LoadError> {
    let file = std::fs::File::open(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
    let name = path.display().to_string();
    let bytes = read_capped(file, &name, path, max_input_bytes())?;
    text_input(path.display().to_string(), bytes)
}

fn text_input(name: String, bytes: Vec<u8>) -> Result<Input, LoadError> {
    let text = String::from_utf8(bytes).map_err(|_| LoadError::NotText { name: name.clone() })?;
    // A NUL byte never occurs in SDL or JSON text, but does in binary files that happen to be UTF-8.
    if text.contains('\0') {
        return Err(LoadError::NotText { name });
    }
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(LoadError::Empty { name });
    }
    Ok(Input { name, text })
}

/// The SDL files under a directory, recursively, sorted by path. Symbolic links are followed, but
/// each real directory is walked once, so neither a link back up the tree (which walkdir reports
/// as a loop) nor two links to one directory repeat files.
fn sdl_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut visited = HashSet::new();
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            !entry.file_type().is_dir()
                || std::fs::canonicalize(entry.path()).map_or(true, |real| visited.insert(real))
        });
    for entry in walk {
        if entry.as_ref().is_err_and(|e| e.loop_ancestor().is_some()) {
            continue;
        }
        let entry = entry.map_err(|e| LoadError::Io {
            path: e.path().unwrap_or(dir).to_owned(),
            source: e.into(),
        })?;
        let sdl = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SDL_EXTENSIONS.contains(&e));
        if sdl && !entry.file_type().is_dir() {
            files.push(entry.into_path());
        }
    }
    files.sort();
    Ok(files)
}

/// `git show REV:./PATH` in the current directory's repository.
fn read_git(rev: &str, path: &Path) -> Result<Input, LoadError> {
    let error = |message: String| LoadError::Git {
        rev: rev.to_owned(),
        path: path.display().to_string(),
        message,
    };
    // git would read `--output=FILE` and the like as an option; `--end-of-options` below says
    // so to git too, but a revision never starts with `-`.
    if rev.starts_with('-') {
        return Err(error(
            "a revision cannot start with `-` (it would be read as an option)".into(),
        ));
    }
    let spec = if path.is_absolute() {
        // git wants paths relative to the repository; make an absolute one relative to the cwd.
        let cwd = std::env::current_dir().map_err(|e| error(e.to_string()))?;
        let relative = path
            .strip_prefix(&cwd)
            .map_err(|_| error("an absolute path must be inside the current directory".into()))?;
        format!("{rev}:./{}", relative.display())
    } else {
        format!("{rev}:./{}", path.display())
    };
    let mut child = Command::new("git")
        .args(["show", "--no-textconv", "--end-of-options", &spec])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| error(format!("cannot run git: {e}")))?;
    let name = format!("git:{rev}:{}", path.display());
    let stdout = child.stdout.take().expect("piped stdout");
    let bytes = match read_capped(stdout, &name, Path::new(&name), max_input_bytes()) {
        Ok(bytes) => bytes,
        Err(err) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(err);
        }
    };
    let output = child
        .wait_with_output()
        .map_err(|e| error(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let message = stderr.lines().next().unwrap_or("git show failed").trim();
        return Err(error(message.trim_start_matches("fatal: ").to_owned()));
    }
    text_input(name, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind_of_source() {
        assert_eq!(SchemaSource::parse("-"), SchemaSource::Stdin);
        assert_eq!(
            SchemaSource::parse("https://acme.app.spacelift.io/graphql"),
            SchemaSource::Url("https://acme.app.spacelift.io/graphql".into())
        );
        assert_eq!(
            SchemaSource::parse("git:origin/main:schema.graphql"),
            SchemaSource::Git {
                rev: "origin/main".into(),
                path: "schema.graphql".into()
            }
        );
        assert_eq!(
            SchemaSource::parse("schemas/a.graphql"),
            SchemaSource::Path("schemas/a.graphql".into())
        );
    }

    #[test]
    fn binary_and_empty_inputs_are_refused() {
        let err = text_input("x".into(), vec![0xff, 0xfe, 0x00]).unwrap_err();
        assert_eq!(err.to_string(), "x: not UTF-8 text (is it a binary file?)");
        let err = text_input("y".into(), b"\x00\x01abc".to_vec()).unwrap_err();
        assert!(matches!(err, LoadError::NotText { .. }));
        let err = text_input("z".into(), b"  \n\t".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "z: empty, no schema definitions");
    }

    #[test]
    fn detects_json_by_content() {
        let json = Input {
            name: "a".into(),
            text: "\u{feff}  {\"__schema\":{}}".into(),
        };
        assert!(json.is_json());
        let sdl = Input {
            name: "b".into(),
            text: "type Query { a: Int }".into(),
        };
        assert!(!sdl.is_json());
    }

    #[test]
    fn reading_stops_at_the_cap() {
        let err =
            read_capped(std::io::repeat(0), "endless", Path::new("endless"), 1024).unwrap_err();
        assert_eq!(
            err.to_string(),
            "endless: larger than 1024 bytes, the input limit (set SCHEMALIFT_MAX_INPUT_BYTES to change it)"
        );
        let bytes = read_capped(&[7u8; 1024][..], "exact", Path::new("exact"), 1024).unwrap();
        assert_eq!(bytes.len(), 1024, "exactly the cap is allowed");
        #[cfg(unix)]
        {
            let zero = std::fs::File::open("/dev/zero").unwrap();
            let err = read_capped(zero, "/dev/zero", Path::new("/dev/zero"), 4096).unwrap_err();
            assert!(
                matches!(err, LoadError::TooLarge { limit: 4096, .. }),
                "{err}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_directory_with_symbolic_link_loops_is_walked_once() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("schema");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("a.graphql"), "type Query { a: Int }").unwrap();
        std::fs::write(root.join("sub/b.graphql"), "type B { b: Int }").unwrap();
        // One loop back to the root, and one from the subdirectory to itself and its parent.
        symlink("..", root.join("sub/up")).unwrap();
        symlink(".", root.join("sub/self")).unwrap();
        symlink(&root, root.join("again")).unwrap();
        let (sender, received) = std::sync::mpsc::channel();
        {
            let root = root.clone();
            std::thread::spawn(move || sender.send(sdl_files(&root).unwrap()));
        }
        let files = received
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the walk ends");
        assert_eq!(
            files,
            vec![root.join("a.graphql"), root.join("sub/b.graphql")]
        );
    }
}
