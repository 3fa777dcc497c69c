//! `schemalift.toml`, the one configuration file of every command: found and read here, once,
//! the same way for `diff` and `codegen` (and any later command with a section).
//!
//! The file is `--config FILE` when given, else the first `schemalift.toml` in the current
//! directory or a directory above it. The search stops at the root of the repository the current
//! directory is in (the first directory that holds `.git`), so a file above the project (in a
//! home directory, say) never changes a project's results; outside a repository it goes up to
//! the filesystem root. No file is the empty configuration.
//!
//! Every section is known here, and every key of every section: an unknown one is an error that
//! names the file, line and column, so a typo never passes silently.
//!
//! ```toml
//! [diff]                              # crate::rules: ignore, re-rate or approve changes
//! ignore-descriptions = true
//!
//! [codegen.scalars]                   # custom scalar -> type, for every language
//! DateTime = "string"
//!
//! [codegen.go.scalars]                # … overridden for one language (typescript, python, go)
//! DateTime = "time.Time"
//! ```
//!
//! It lives in this crate because `diff`'s rules are its largest section and `schemalift-render`
//! (codegen) already depends on this crate; the CLI only passes `--config` on.

use crate::rules::{DiffSection, Rules};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name searched for upwards from the current directory.
pub const FILE_NAME: &str = "schemalift.toml";

/// A configuration file, read and checked: every section compiled.
#[derive(Debug, Default)]
pub struct Config {
    /// Where it came from; `None` when no file was found.
    pub path: Option<PathBuf>,
    /// `[diff]`: the team's rules for `schemalift diff`.
    pub diff: Rules,
    /// `[codegen]`: custom scalar mappings for `schemalift codegen`.
    pub codegen: CodegenSection,
}

/// `[codegen]`: `scalars` for every language, and a table per language whose `scalars` win.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodegenSection {
    #[serde(default)]
    pub scalars: BTreeMap<String, String>,
    #[serde(default)]
    pub typescript: LanguageSection,
    #[serde(default)]
    pub python: LanguageSection,
    #[serde(default)]
    pub go: LanguageSection,
}

/// `[codegen.<language>]`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSection {
    #[serde(default)]
    pub scalars: BTreeMap<String, String>,
}

impl CodegenSection {
    /// The `[codegen.<language>]` table of a language by its name (`typescript`, `python`,
    /// `go`); `None` for a language the file format does not know.
    pub fn language(&self, name: &str) -> Option<&LanguageSection> {
        match name {
            "typescript" => Some(&self.typescript),
            "python" => Some(&self.python),
            "go" => Some(&self.go),
            _ => None,
        }
    }
}

/// The whole file as written: every section it may hold.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    diff: DiffSection,
    #[serde(default)]
    codegen: CodegenSection,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `message` starts with `LINE:COLUMN: ` when the problem has a place in the file.
    #[error("{path}:{message}")]
    Invalid { path: PathBuf, message: String },
}

impl Config {
    /// `explicit` (`--config FILE`) if given, else the file found upwards from the current
    /// directory, else the empty configuration.
    pub fn find(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        match explicit {
            Some(path) => Config::load(path),
            None => {
                let cwd = std::env::current_dir().map_err(|source| ConfigError::Read {
                    path: PathBuf::from("."),
                    source,
                })?;
                Config::discover(&cwd)
            }
        }
    }

    /// The first `schemalift.toml` in `start` or above it, up to the repository root (a
    /// directory holding `.git`) or the filesystem root; the empty configuration if none.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        match Config::locate(start) {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }

    /// Where [`Config::discover`] finds the file.
    pub fn locate(start: &Path) -> Option<PathBuf> {
        search_dirs(start)
            .map(|dir| dir.join(FILE_NAME))
            .find(|path| path.is_file())
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        let mut config = Config::parse(&text).map_err(|message| ConfigError::Invalid {
            path: path.to_owned(),
            message,
        })?;
        config.diff.path = Some(path.to_owned());
        config.path = Some(path.to_owned());
        Ok(config)
    }

    /// Parse and check the text of a configuration file. The error is one line, `LINE:COLUMN:
    /// problem` when it has a place (syntax, unknown keys, wrong types), else ` [section]
    /// problem`, to follow the file name.
    pub fn parse(text: &str) -> Result<Config, String> {
        let file: File = toml::from_str(text).map_err(|e| match toml_error(text, &e) {
            (Some((line, column)), gist) => format!("{line}:{column}: {gist}"),
            (None, gist) => format!(" {gist}"),
        })?;
        let diff = Rules::from_section(file.diff).map_err(|e| format!(" [diff] {e}"))?;
        Ok(Config {
            path: None,
            diff,
            codegen: file.codegen,
        })
    }
}

/// The directories a configuration file is looked for in, nearest first: `start` and those above
/// it, up to the repository root (the first directory holding `.git`, searched too) or the
/// filesystem root. `schemalift.toml` and graphql-config files are found the same way.
pub fn search_dirs(start: &Path) -> impl Iterator<Item = &Path> {
    let mut past_root = false;
    start.ancestors().take_while(move |dir| {
        let searched = !past_root;
        past_root = past_root || dir.join(".git").exists();
        searched
    })
}

/// A TOML error as its place in `text` (line and column, from 1), if it has one, and its gist:
/// toml's message spans several lines with a source excerpt, the first says what is wrong.
pub(crate) fn toml_error(text: &str, error: &toml::de::Error) -> (Option<(usize, usize)>, String) {
    let gist = error.message().lines().next().unwrap_or("invalid TOML");
    let place = error.span().map(|span| line_column(text, span.start));
    (place, gist.to_owned())
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVERY_SECTION: &str = r#"
[diff]
ignore-descriptions = true
deprecated-removals = "dangerous"

[[diff.ignore]]
coordinate = "Query.internal*"

[codegen.scalars]
DateTime = "string"

[codegen.go.scalars]
DateTime = "time.Time"
"#;

    #[test]
    fn a_file_holds_every_section() {
        let config = Config::parse(EVERY_SECTION).expect("valid");
        assert_eq!(config.codegen.scalars["DateTime"], "string");
        assert_eq!(config.codegen.go.scalars["DateTime"], "time.Time");
        assert_eq!(
            config.codegen.language("go").unwrap().scalars["DateTime"],
            "time.Time"
        );
        assert!(config.codegen.language("rust").is_none());
        assert!(!config.diff.is_empty());
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line_and_column() {
        let err =
            Config::parse("[diff]\nignore-descriptions = true\n\n[codgen]\nx = 1\n").unwrap_err();
        assert!(err.starts_with("4:2: unknown field `codgen`"), "{err}");
        assert!(err.contains("`diff`") && err.contains("`codegen`"), "{err}");
        let err = Config::parse("[codegen.rust.scalars]\nDateTime = \"String\"\n").unwrap_err();
        assert!(err.starts_with("1:10: unknown field `rust`"), "{err}");
        let err = Config::parse("[diff]\nfrobnicate = 1\n").unwrap_err();
        assert!(err.starts_with("2:1: unknown field `frobnicate`"), "{err}");
        let err = Config::parse("[codegen.scalars]\nDateTime = 1\n").unwrap_err();
        assert!(err.starts_with("2:12: invalid type"), "{err}");
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn discovery_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        let deep = repo.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), EVERY_SECTION).unwrap();
        // No repository: up to the filesystem root, so the file above is found.
        assert_eq!(
            Config::locate(&deep),
            Some(dir.path().join(FILE_NAME)),
            "outside a repository"
        );
        // Inside a repository, the file above its root is not.
        std::fs::create_dir(repo.join(".git")).unwrap();
        assert_eq!(Config::locate(&deep), None);
        std::fs::write(repo.join(FILE_NAME), "[diff]\n").unwrap();
        assert_eq!(Config::locate(&deep), Some(repo.join(FILE_NAME)));
        let config = Config::discover(&deep).unwrap();
        assert_eq!(config.path, Some(repo.join(FILE_NAME)));
    }

    #[test]
    fn load_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "[diff]\nignore = [{ kind = \"field-gone\" }]\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "{}: [diff] ignore[0]: unknown change kind `field-gone` (see docs/diff.md for the list)",
                path.display()
            )
        );
        std::fs::write(&path, "[diff]\nbogus = 1\n").unwrap();
        let err = Config::load(&path).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}:2:1: unknown field `bogus`", path.display())),
            "{err}"
        );
    }
}
