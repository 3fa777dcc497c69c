//! Where a schema comes from, and reading it into text: files, directories, standard input and
//! `git:REV:PATH`. URLs are named here but fetched by `schemalift-fetch`.

use crate::LoadError;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

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
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|source| LoadError::Io {
                        path: "<stdin>".into(),
                        source,
                    })?;
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
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_owned(),
        source,
    })?;
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

/// The SDL files under a directory, recursively, sorted by path.
fn sdl_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| LoadError::Io {
            path: dir.clone(),
            source,
        })?;
        for entry in entries {
            let path = entry
                .map_err(|source| LoadError::Io {
                    path: dir.clone(),
                    source,
                })?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| SDL_EXTENSIONS.contains(&e))
            {
                files.push(path);
            }
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
    let output = Command::new("git")
        .args(["show", "--no-textconv", &spec])
        .output()
        .map_err(|e| error(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let message = stderr.lines().next().unwrap_or("git show failed").trim();
        return Err(error(message.trim_start_matches("fatal: ").to_owned()));
    }
    text_input(format!("git:{rev}:{}", path.display()), output.stdout)
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
}
