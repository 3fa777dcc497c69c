//! graphql-config: the `.graphqlrc` (or `graphql.config.yml`, or `package.json`'s `graphql` key)
//! that the GraphQL language server, graphql-eslint and GraphQL Code Generator read, so that a
//! repository already set up for them needs no SCHEMA or `--ops` arguments.
//!
//! The file is found as [`crate::config`] finds `schemalift.toml` ([`crate::config::search_dirs`]:
//! the current directory, then each one above it up to the repository root), and within a
//! directory in graphql-config's own order ([`SEARCH_PLACES`]). A `package.json` without a
//! `graphql` key does not count, as in graphql-config; a JavaScript or TypeScript config is an
//! error saying so, since schemalift does not run code to read its configuration.
//!
//! ```yaml
//! schema: schema/*.graphql              # files, globs, directories, URLs: a string or a list
//! documents: src/**/*.{graphql,tsx}     # only .graphql and .gql files are read; `!glob` excludes
//! projects:                             # optional: then `--project NAME`, else `default`
//!   app: { schema: https://api.example.com/graphql, documents: app/**/*.graphql }
//! ```
//!
//! Entries are resolved against the file's directory as written relative to the directory the
//! search started in (`../ops/*.graphql`), so messages name files as a user in that directory
//! would type them. Keys schemalift has no use for (`extensions`, `include`, `exclude`) are
//! ignored, as graphql-config allows any; so are a pointer's options (`{url: {headers: …}}`
//! reads as `url`). Environment variables (`${VAR}`) are not expanded.

use crate::config::{search_dirs, toml_error};
use schemalift_model::documents::EXTENSIONS;
use schemalift_model::SchemaSource;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// How a config file is written, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Json,
    /// `.graphqlrc`: JSON when it starts with `{`, else YAML.
    YamlOrJson,
    Toml,
    /// `package.json`, whose `graphql` key holds the configuration.
    PackageJson,
    /// JavaScript or TypeScript, named here to be refused clearly.
    Code,
}

/// The file names graphql-config looks for in each directory, in its order (its cosmiconfig
/// search places for the config name `graphql`, legacy `.graphqlconfig` files left out).
pub const SEARCH_PLACES: [(&str, Syntax); 16] = [
    ("graphql.config.ts", Syntax::Code),
    ("graphql.config.js", Syntax::Code),
    ("graphql.config.cjs", Syntax::Code),
    ("graphql.config.json", Syntax::Json),
    ("graphql.config.yaml", Syntax::Yaml),
    ("graphql.config.yml", Syntax::Yaml),
    ("graphql.config.toml", Syntax::Toml),
    (".graphqlrc", Syntax::YamlOrJson),
    (".graphqlrc.ts", Syntax::Code),
    (".graphqlrc.js", Syntax::Code),
    (".graphqlrc.cjs", Syntax::Code),
    (".graphqlrc.json", Syntax::Json),
    (".graphqlrc.yml", Syntax::Yaml),
    (".graphqlrc.yaml", Syntax::Yaml),
    (".graphqlrc.toml", Syntax::Toml),
    ("package.json", Syntax::PackageJson),
];

/// The largest config file read (a `package.json` with a long `dependencies` list is a few KiB).
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Extensions a `documents` entry may name for schemalift to read it: GraphQL documents.
const DOCUMENT_EXTENSIONS: [&str; 3] = ["graphql", "gql", "graphqls"];

/// A graphql-config file, read: its projects with every entry resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphqlConfig {
    /// The file, as messages show it (relative to the directory the search started in).
    pub path: PathBuf,
    /// The projects by name: `projects`' entries, or one named `default` for a file without
    /// `projects`.
    pub projects: BTreeMap<String, Project>,
    /// Whether the file has `projects` (messages then name the project used).
    pub multi_project: bool,
}

/// One project of a graphql-config: where its schema and its operation documents are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub name: String,
    /// The config file it comes from, as [`GraphqlConfig::path`].
    pub file: PathBuf,
    /// `schema`: files, directories and globs resolved against the config's directory; URLs and
    /// `git:REV:PATH` as written.
    pub schema: Vec<String>,
    /// `documents` entries, resolved as `schema`'s, `!` exclusions left out.
    pub documents: Vec<String>,
    /// `documents` entries written `!glob`, resolved: matching files are left out.
    pub excluded: Vec<String>,
}

/// The operation documents a project names: paths for `schemalift_model::documents::read`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Documents {
    /// Files (a glob's `.graphql` and `.gql` matches) and directories, sorted, each once.
    pub paths: Vec<String>,
    /// Entries left out because they name source files (`src/**/*.tsx`), not GraphQL documents.
    pub skipped: Vec<String>,
}

/// Why a graphql-config could not be used: one line, naming the file (and line and column when
/// the problem has a place in it).
#[derive(Debug, thiserror::Error)]
pub enum GraphqlConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: u64,
        column: u64,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{path}: a JavaScript or TypeScript graphql-config cannot be read by schemalift (it would have to run it); write it as .graphqlrc.yml, .graphqlrc.json or .graphqlrc.toml, or give the schema on the command line")]
    Code { path: PathBuf },
    #[error("{path} has no project `{name}`; its projects: {names}")]
    UnknownProject {
        path: PathBuf,
        name: String,
        names: String,
    },
    #[error("{path} has several projects and none named `default`: choose one with --project NAME ({names})")]
    NoDefault { path: PathBuf, names: String },
    #[error("{path}: {key} {entry:?}{project} matches no file")]
    NoMatch {
        path: PathBuf,
        key: &'static str,
        entry: String,
        project: String,
    },
    #[error("{path}: {key} {entry:?}{project}: {message}")]
    Pattern {
        path: PathBuf,
        key: &'static str,
        entry: String,
        project: String,
        message: String,
    },
}

impl GraphqlConfig {
    /// The graphql-config that applies in `start`: the first of [`SEARCH_PLACES`] in `start`, else
    /// in the directories above it up to the repository root. `None` when there is none.
    pub fn find(start: &Path) -> Result<Option<GraphqlConfig>, GraphqlConfigError> {
        for (depth, dir) in search_dirs(start).enumerate() {
            // How the directory is written from `start`: "", "..", "../..", …
            let shown_dir: PathBuf = std::iter::repeat_n("..", depth).collect();
            for (name, syntax) in SEARCH_PLACES {
                let path = dir.join(name);
                // Regular files only: a FIFO named .graphqlrc must not block the command.
                if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                    continue;
                }
                let shown = shown_dir.join(name);
                let text = read_file(&path, &shown)?;
                if let Some(config) = GraphqlConfig::parse(&text, syntax, &shown, &shown_dir)? {
                    return Ok(Some(config));
                }
            }
        }
        Ok(None)
    }

    /// Read the text of a config file written in `syntax`; `path` names it in messages and `dir`
    /// is its directory as entries are resolved against. `None` for a `package.json` without a
    /// `graphql` key, which is no graphql-config.
    pub fn parse(
        text: &str,
        syntax: Syntax,
        path: &Path,
        dir: &Path,
    ) -> Result<Option<GraphqlConfig>, GraphqlConfigError> {
        let invalid = |message: &str| GraphqlConfigError::Invalid {
            path: path.to_owned(),
            message: message.to_owned(),
        };
        let raw = match syntax {
            Syntax::Code => {
                return Err(GraphqlConfigError::Code {
                    path: path.to_owned(),
                })
            }
            Syntax::PackageJson => match from_json::<PackageJson>(text, path)?.graphql {
                Some(raw) => raw,
                None => return Ok(None),
            },
            _ if text.trim().is_empty() => return Err(invalid("the file is empty")),
            Syntax::Json => from_json(text, path)?,
            Syntax::YamlOrJson if text.trim_start().starts_with('{') => from_json(text, path)?,
            Syntax::Yaml | Syntax::YamlOrJson => from_yaml(text, path)?,
            Syntax::Toml => from_toml(text, path)?,
        };
        let project = |name: &str, schema: Pointers, documents: Pointers| {
            let (excluded, documents): (Vec<String>, Vec<String>) =
                documents.0.into_iter().partition(|d| d.starts_with('!'));
            Project {
                name: name.to_owned(),
                file: path.to_owned(),
                schema: resolve_all(dir, schema.0),
                documents: resolve_all(dir, documents),
                excluded: resolve_all(dir, excluded.iter().map(|e| e[1..].to_owned()).collect()),
            }
        };
        let multi_project = raw.projects.is_some();
        let projects = match raw.projects {
            Some(projects) if projects.is_empty() => {
                return Err(invalid(
                    "`projects` is empty: it needs at least one project",
                ))
            }
            Some(projects) => (projects.into_iter())
                .map(|(name, p)| {
                    let project = project(&name, p.schema, p.documents);
                    (name, project)
                })
                .collect(),
            None => {
                let default = project("default", raw.schema, raw.documents);
                BTreeMap::from([("default".to_owned(), default)])
            }
        };
        Ok(Some(GraphqlConfig {
            path: path.to_owned(),
            projects,
            multi_project,
        }))
    }

    /// The project named `name`, or without a name the one named `default` (a file without
    /// `projects` has only that one).
    pub fn project(&self, name: Option<&str>) -> Result<&Project, GraphqlConfigError> {
        let names = || {
            let names: Vec<&str> = self.projects.keys().map(String::as_str).collect();
            names.join(", ")
        };
        match name {
            Some(name) => {
                self.projects
                    .get(name)
                    .ok_or_else(|| GraphqlConfigError::UnknownProject {
                        path: self.path.clone(),
                        name: name.to_owned(),
                        names: names(),
                    })
            }
            None => self
                .projects
                .get("default")
                .ok_or_else(|| GraphqlConfigError::NoDefault {
                    path: self.path.clone(),
                    names: names(),
                }),
        }
    }
}

impl Project {
    /// `" (project NAME)"` for messages, or nothing for the `default` project.
    fn label(&self) -> String {
        match self.name.as_str() {
            "default" => String::new(),
            name => format!(" (project {name})"),
        }
    }

    /// The schema as SCHEMA arguments: a glob becomes the files it matches, in path order (it
    /// must match one); a file, directory, URL or `git:REV:PATH` stays as it is, for the loader to
    /// read.
    pub fn schema_args(&self) -> Result<Vec<String>, GraphqlConfigError> {
        let mut args = Vec::new();
        for entry in &self.schema {
            let local = matches!(SchemaSource::parse(entry), SchemaSource::Path(_));
            if !local || !is_glob(entry) {
                args.push(entry.clone());
                continue;
            }
            let matches = self.glob("schema", entry)?;
            if matches.is_empty() {
                return Err(self.no_match("schema", entry));
            }
            args.extend(matches);
        }
        Ok(args)
    }

    /// The operation documents: each glob's `.graphql` and `.gql` files and each named file or
    /// directory, less the `!` exclusions. A glob may match nothing (graphql-config allows it);
    /// a named file that does not exist is an error. Entries naming source files (`*.tsx`,
    /// `app.js`) are skipped, and listed.
    pub fn documents(&self) -> Result<Documents, GraphqlConfigError> {
        let excluded = (self.excluded.iter())
            .map(|e| glob::Pattern::new(e).map_err(|error| self.pattern("documents", e, error.msg)))
            .collect::<Result<Vec<_>, _>>()?;
        let kept = |path: &str| !excluded.iter().any(|p| p.matches(path));
        let mut paths = BTreeSet::new();
        let mut skipped = Vec::new();
        for entry in &self.documents {
            let path = Path::new(entry);
            let extension = path.extension().and_then(|e| e.to_str());
            if path.is_dir() {
                if kept(entry) {
                    paths.insert(entry.clone());
                }
            } else if extension.is_some_and(|e| !DOCUMENT_EXTENSIONS.contains(&e)) {
                skipped.push(entry.clone());
            } else if is_glob(entry) {
                let matches = self.glob("documents", entry)?;
                let documents = matches.into_iter().filter(|m| {
                    let extension = Path::new(m).extension().and_then(|e| e.to_str());
                    extension.is_some_and(|e| EXTENSIONS.contains(&e)) && kept(m)
                });
                paths.extend(documents);
            } else if path.is_file() {
                if kept(entry) {
                    paths.insert(entry.clone());
                }
            } else {
                return Err(self.no_match("documents", entry));
            }
        }
        Ok(Documents {
            paths: paths.into_iter().collect(),
            skipped,
        })
    }

    /// The files a glob matches, in path order.
    fn glob(&self, key: &'static str, entry: &str) -> Result<Vec<String>, GraphqlConfigError> {
        let matches = glob::glob(entry).map_err(|e| self.pattern(key, entry, e.msg))?;
        let mut files: Vec<String> = (matches.flatten())
            .filter(|p| p.is_file())
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        files.sort();
        Ok(files)
    }

    fn no_match(&self, key: &'static str, entry: &str) -> GraphqlConfigError {
        GraphqlConfigError::NoMatch {
            path: self.file.clone(),
            key,
            entry: entry.to_owned(),
            project: self.label(),
        }
    }

    fn pattern(&self, key: &'static str, entry: &str, message: &str) -> GraphqlConfigError {
        GraphqlConfigError::Pattern {
            path: self.file.clone(),
            key,
            entry: entry.to_owned(),
            project: self.label(),
            message: message.to_owned(),
        }
    }
}

/// Whether an entry is a glob pattern rather than a path.
fn is_glob(entry: &str) -> bool {
    entry.contains(['*', '?', '['])
}

/// Entries resolved against the config's directory (`dir`, as written from where the search
/// started), braces expanded (`*.{graphql,gql}`: graphql-config's globs have them, the `glob`
/// crate does not); URLs and `git:REV:PATH` as written.
fn resolve_all(dir: &Path, entries: Vec<String>) -> Vec<String> {
    let mut resolved = Vec::new();
    for entry in entries {
        if !matches!(SchemaSource::parse(&entry), SchemaSource::Path(_)) {
            resolved.push(entry);
            continue;
        }
        for expanded in expand_braces(&entry) {
            let mut relative = expanded.as_str();
            while let Some(rest) = relative.strip_prefix("./") {
                relative = rest;
            }
            let joined = dir.join(relative).to_string_lossy().into_owned();
            if !resolved.contains(&joined) {
                resolved.push(joined);
            }
        }
    }
    resolved
}

/// `a/{b,c}/*.{x,y}` as the four patterns it stands for; nested braces too. Unbalanced braces are
/// left as written.
fn expand_braces(pattern: &str) -> Vec<String> {
    let Some(open) = pattern.find('{') else {
        return vec![pattern.to_owned()];
    };
    let mut depth = 0;
    let mut close = None;
    let mut commas = Vec::new();
    for (i, c) in pattern[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + i);
                    break;
                }
            }
            ',' if depth == 1 => commas.push(open + i),
            _ => {}
        }
    }
    let Some(close) = close else {
        return vec![pattern.to_owned()];
    };
    let (head, tail) = (&pattern[..open], &pattern[close + 1..]);
    let mut bounds = vec![open];
    bounds.extend(&commas);
    bounds.push(close);
    let mut expanded = Vec::new();
    for pair in bounds.windows(2) {
        let alternative = &pattern[pair[0] + 1..pair[1]];
        expanded.extend(expand_braces(&format!("{head}{alternative}{tail}")));
    }
    expanded
}

/// Read a config file, regular and at most [`MAX_FILE_BYTES`].
fn read_file(path: &Path, shown: &Path) -> Result<String, GraphqlConfigError> {
    let read_error = |source| GraphqlConfigError::Read {
        path: shown.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut bytes = Vec::new();
    (file.take(MAX_FILE_BYTES + 1))
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(GraphqlConfigError::Invalid {
            path: shown.to_owned(),
            message: "larger than 1 MiB: not a graphql-config".to_owned(),
        });
    }
    String::from_utf8(bytes).map_err(|_| GraphqlConfigError::Invalid {
        path: shown.to_owned(),
        message: "not UTF-8 text".to_owned(),
    })
}

fn from_json<T: de::DeserializeOwned>(text: &str, path: &Path) -> Result<T, GraphqlConfigError> {
    serde_json::from_str(text).map_err(|e| {
        // serde_json's message ends with " at line L column C", which the location says.
        let message = e.to_string();
        let message = match message.rsplit_once(" at line ") {
            Some((message, _)) => message.to_owned(),
            None => message,
        };
        GraphqlConfigError::Syntax {
            path: path.to_owned(),
            line: e.line() as u64,
            column: e.column() as u64,
            message,
        }
    })
}

fn from_yaml<T: de::DeserializeOwned>(text: &str, path: &Path) -> Result<T, GraphqlConfigError> {
    serde_saphyr::from_str(text).map_err(|e| {
        // The plain message, without the source snippet the default rendering adds, on one line.
        let bare = e.without_snippet().to_string();
        let message = bare.lines().next().unwrap_or("invalid YAML").trim();
        let message = strip_location(message);
        match e.location() {
            Some(at) if at.line() > 0 => GraphqlConfigError::Syntax {
                path: path.to_owned(),
                line: at.line(),
                column: at.column(),
                message,
            },
            _ => GraphqlConfigError::Invalid {
                path: path.to_owned(),
                message,
            },
        }
    })
}

/// A YAML message without the ` at line L, column C` serde-saphyr appends (the error's location
/// says it first).
fn strip_location(message: &str) -> String {
    match message.rsplit_once(" at line ") {
        Some((message, place)) if place.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            message.to_owned()
        }
        _ => message.to_owned(),
    }
}

fn from_toml<T: de::DeserializeOwned>(text: &str, path: &Path) -> Result<T, GraphqlConfigError> {
    toml::from_str(text).map_err(|e| {
        let path = path.to_owned();
        match toml_error(text, &e) {
            (Some((line, column)), message) => GraphqlConfigError::Syntax {
                path,
                line: line as u64,
                column: column as u64,
                message,
            },
            (None, message) => GraphqlConfigError::Invalid { path, message },
        }
    })
}

/// The file as written: the keys schemalift reads; any other is ignored.
#[derive(Deserialize)]
struct RawConfig {
    #[serde(default)]
    schema: Pointers,
    #[serde(default)]
    documents: Pointers,
    #[serde(default)]
    projects: Option<BTreeMap<String, RawProject>>,
}

#[derive(Deserialize)]
struct RawProject {
    #[serde(default)]
    schema: Pointers,
    #[serde(default)]
    documents: Pointers,
}

#[derive(Deserialize)]
struct PackageJson {
    graphql: Option<RawConfig>,
}

/// `schema` or `documents`: a string, a list, or a map from pointer to its options (the options
/// ignored), or a list of strings and such maps.
#[derive(Debug, Default)]
struct Pointers(Vec<String>);

const EXPECTED: &str = "a path, glob or URL, or a list of them";

impl<'de> Deserialize<'de> for Pointers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PointersVisitor { in_list: false })
    }
}

struct PointersVisitor {
    /// Inside a list: no list again.
    in_list: bool,
}

impl<'de> Visitor<'de> for PointersVisitor {
    type Value = Pointers;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Pointers, E> {
        Ok(Pointers(vec![value.to_owned()]))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Pointers, E> {
        Ok(Pointers::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Pointers, E> {
        Ok(Pointers::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Pointers, A::Error> {
        if self.in_list {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &self));
        }
        let mut all = Vec::new();
        while let Some(Entry(pointers)) = seq.next_element::<Entry>()? {
            all.extend(pointers.0);
        }
        Ok(Pointers(all))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pointers, A::Error> {
        let mut all = Vec::new();
        while let Some((key, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
            all.push(key);
        }
        Ok(Pointers(all))
    }
}

/// One element of a list of pointers.
struct Entry(Pointers);

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        (deserializer.deserialize_any(PointersVisitor { in_list: true })).map(Entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SINGLE: &str = "schema: schema.graphql\ndocuments: 'ops/*.graphql'\nextensions:\n  codegen: { generates: {} }\n";

    fn parse(text: &str, syntax: Syntax) -> GraphqlConfig {
        let path = Path::new("cfg/file");
        GraphqlConfig::parse(text, syntax, path, Path::new("cfg"))
            .unwrap()
            .expect("a graphql-config")
    }

    fn error(text: &str, syntax: Syntax) -> String {
        GraphqlConfig::parse(text, syntax, Path::new(".graphqlrc.yml"), Path::new(""))
            .unwrap_err()
            .to_string()
    }

    /// A directory holding `.git` (the search stops there), with `files` written in it.
    fn repository(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn a_single_project_is_default_and_resolved_against_the_file_s_directory() {
        let config = parse(SINGLE, Syntax::Yaml);
        assert!(!config.multi_project);
        let project = config.project(None).unwrap();
        assert_eq!(project.name, "default");
        assert_eq!(project.schema, ["cfg/schema.graphql"]);
        assert_eq!(project.documents, ["cfg/ops/*.graphql"]);
        assert_eq!(config.project(Some("default")).unwrap(), project);
        assert_eq!(
            config.project(Some("app")).unwrap_err().to_string(),
            "cfg/file has no project `app`; its projects: default"
        );
    }

    #[test]
    fn every_file_name_is_found_in_graphql_config_s_order() {
        let texts = [
            (Syntax::Yaml, "schema: a.graphql"),
            (Syntax::Json, r#"{"schema": "a.graphql"}"#),
            (Syntax::YamlOrJson, "schema: a.graphql"),
            (Syntax::Toml, "schema = \"a.graphql\""),
            (
                Syntax::PackageJson,
                r#"{"name": "x", "graphql": {"schema": "a.graphql"}}"#,
            ),
        ];
        for (name, syntax) in SEARCH_PLACES {
            let Some((_, text)) = texts.iter().find(|(s, _)| *s == syntax) else {
                continue;
            };
            let repo = repository(&[(name, text)]);
            let config = GraphqlConfig::find(repo.path()).unwrap().expect(name);
            assert_eq!(config.path, Path::new(name));
            assert_eq!(
                config.project(None).unwrap().schema,
                ["a.graphql"],
                "{name}"
            );
        }
        // The first in order wins within a directory.
        let repo = repository(&[
            (".graphqlrc.yml", "schema: second.graphql"),
            ("graphql.config.json", r#"{"schema": "first.graphql"}"#),
        ]);
        let config = GraphqlConfig::find(repo.path()).unwrap().unwrap();
        assert_eq!(config.path, Path::new("graphql.config.json"));
        // A `.graphqlrc` holding JSON reads as JSON.
        let config = parse(
            r#"{"schema": ["a.graphql", "b.graphql"]}"#,
            Syntax::YamlOrJson,
        );
        assert_eq!(config.projects["default"].schema.len(), 2);
    }

    #[test]
    fn the_search_goes_up_to_the_repository_root_and_names_the_file_from_the_start() {
        let repo = repository(&[(".graphqlrc.yml", SINGLE), ("app/src/x.txt", "")]);
        let start = repo.path().join("app/src");
        let config = GraphqlConfig::find(&start).unwrap().unwrap();
        assert_eq!(config.path, Path::new("../../.graphqlrc.yml"));
        let project = config.project(None).unwrap();
        assert_eq!(project.schema, ["../../schema.graphql"]);
        // Above the repository root nothing is looked for.
        let outer = repository(&[(".graphqlrc.yml", SINGLE)]);
        let inner = outer.path().join("inner");
        std::fs::create_dir_all(inner.join(".git")).unwrap();
        assert_eq!(GraphqlConfig::find(&inner).unwrap(), None);
    }

    #[test]
    fn package_json_counts_only_with_a_graphql_key() {
        let repo = repository(&[
            (".graphqlrc.yml", "schema: above.graphql"),
            ("web/package.json", r#"{"name": "web", "version": "1.0.0"}"#),
        ]);
        let config = GraphqlConfig::find(&repo.path().join("web"))
            .unwrap()
            .unwrap();
        assert_eq!(config.path, Path::new("../.graphqlrc.yml"));
        let text = r#"{"name": "web", "graphql": {"schema": "s.graphql", "documents": ["a.graphql", "!b.graphql"]}}"#;
        let config = parse(text, Syntax::PackageJson);
        let project = config.project(None).unwrap();
        assert_eq!(project.documents, ["cfg/a.graphql"]);
        assert_eq!(project.excluded, ["cfg/b.graphql"]);
    }

    #[test]
    fn projects_are_chosen_by_name_or_default() {
        let text = "projects:\n  app:\n    schema: [app.graphql, 'https://x.test/graphql']\n    documents: ./app/**/*.{graphql,gql}\n  admin:\n    schema: { 'admin.graphql': { loader: x } }\n";
        let config = parse(text, Syntax::Yaml);
        assert!(config.multi_project);
        let app = config.project(Some("app")).unwrap();
        assert_eq!(app.schema, ["cfg/app.graphql", "https://x.test/graphql"]);
        assert_eq!(app.documents, ["cfg/app/**/*.graphql", "cfg/app/**/*.gql"]);
        assert_eq!(config.projects["admin"].schema, ["cfg/admin.graphql"]);
        assert_eq!(
            config.project(None).unwrap_err().to_string(),
            "cfg/file has several projects and none named `default`: choose one with --project NAME (admin, app)"
        );
        let with_default = parse(
            "projects:\n  default: { schema: d.graphql }\n  other: { schema: o.graphql }\n",
            Syntax::Yaml,
        );
        assert_eq!(
            with_default.project(None).unwrap().schema,
            ["cfg/d.graphql"]
        );
    }

    #[test]
    fn bad_files_are_one_line_with_their_place() {
        let yaml = error("schema: a.graphql\ndocuments: [a, b\n", Syntax::Yaml);
        assert!(yaml.starts_with(".graphqlrc.yml:"), "{yaml}");
        assert_eq!(yaml.lines().count(), 1, "{yaml}");
        let (_, rest) = yaml.split_once(':').unwrap();
        let mut place = rest.splitn(3, ':');
        let line: u64 = place.next().unwrap().parse().expect(&yaml);
        let _column: u64 = place.next().unwrap().parse().expect(&yaml);
        assert!((2..=3).contains(&line), "{yaml}");

        let wrong_type = error("schema: 3\n", Syntax::Yaml);
        assert!(wrong_type.starts_with(".graphqlrc.yml:1:"), "{wrong_type}");
        assert!(wrong_type.contains(EXPECTED), "{wrong_type}");

        let json = error("{\n  \"schema\": \"a.graphql\",\n}\n", Syntax::Json);
        assert_eq!(json, ".graphqlrc.yml:3:1: trailing comma");
        let toml = error("schema = [\n", Syntax::Toml);
        assert!(toml.starts_with(".graphqlrc.yml:"), "{toml}");

        assert!(error("", Syntax::Yaml).ends_with("the file is empty"));
        assert!(error("projects: {}\n", Syntax::Yaml).contains("`projects` is empty"));
        assert!(error("module.exports = {}", Syntax::Code).contains("JavaScript or TypeScript"));
    }

    #[test]
    fn unknown_keys_are_ignored() {
        let text = "schema: s.graphql\ninclude: src/**\nexclude: [x]\nextensions: { endpoints: { dev: http://x } }\n";
        assert_eq!(
            parse(text, Syntax::Yaml).projects["default"].schema,
            ["cfg/s.graphql"]
        );
    }

    #[test]
    fn documents_are_graphql_files_less_exclusions_and_source_files() {
        let repo = repository(&[
            ("ops/a.graphql", "query A { a }"),
            ("ops/b.gql", "query B { a }"),
            ("ops/skip.graphql", "query S { a }"),
            ("ops/c.ts", "gql`query C { a }`"),
            ("more/d.graphql", "query D { a }"),
        ]);
        let root = repo.path().display().to_string();
        let text =
            "schema: s.graphql\ndocuments: ['ops/*', 'src/**/*.tsx', more, '!ops/skip.graphql']\n";
        let config = GraphqlConfig::parse(text, Syntax::Yaml, Path::new("x"), repo.path()).unwrap();
        let documents = config.unwrap().projects["default"].documents().unwrap();
        let relative: Vec<&str> = (documents.paths.iter())
            .map(|p| p.strip_prefix(&format!("{root}/")).unwrap())
            .collect();
        assert_eq!(relative, ["more", "ops/a.graphql", "ops/b.gql"]);
        assert_eq!(documents.skipped, [format!("{root}/src/**/*.tsx")]);

        let missing = GraphqlConfig::parse(
            "documents: nope.graphql",
            Syntax::Yaml,
            Path::new("x"),
            repo.path(),
        )
        .unwrap()
        .unwrap();
        let error = missing.projects["default"]
            .documents()
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            format!("x: documents \"{root}/nope.graphql\" matches no file")
        );
    }

    #[test]
    fn schema_globs_become_files_and_urls_stay() {
        let repo = repository(&[("s/b.graphql", ""), ("s/a.graphql", "")]);
        let text = "schema: ['s/*.graphql', 'https://x.test/graphql', 'git:main:s.graphql']";
        let config = GraphqlConfig::parse(text, Syntax::Yaml, Path::new("x"), repo.path())
            .unwrap()
            .unwrap();
        let args = config.projects["default"].schema_args().unwrap();
        let root = repo.path().display();
        assert_eq!(
            args,
            [
                format!("{root}/s/a.graphql"),
                format!("{root}/s/b.graphql"),
                "https://x.test/graphql".to_owned(),
                "git:main:s.graphql".to_owned()
            ]
        );
        let text = "projects: { app: { schema: 'none/*.graphql' } }";
        let config = GraphqlConfig::parse(text, Syntax::Yaml, Path::new("x"), repo.path())
            .unwrap()
            .unwrap();
        let error = config.projects["app"]
            .schema_args()
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            format!("x: schema \"{root}/none/*.graphql\" (project app) matches no file")
        );
    }

    #[test]
    fn braces_expand_like_graphql_config_s_globs() {
        assert_eq!(expand_braces("a.graphql"), ["a.graphql"]);
        assert_eq!(
            expand_braces("{a,b/{c,d}}/*.{x,y}"),
            ["a/*.x", "a/*.y", "b/c/*.x", "b/c/*.y", "b/d/*.x", "b/d/*.y"]
        );
        assert_eq!(expand_braces("a{b"), ["a{b"]);
    }
}
