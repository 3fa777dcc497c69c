//! The template environment every renderer uses: the built-in templates of one target (the
//! repository's `templates/<target>/`, embedded at compile time), overlaid file by file with a
//! user's `--templates DIR`, and template errors reduced to one line that names the template file,
//! the line and the problem.
//!
//! An override replaces the built-in template of the same name; every built-in also stays
//! reachable as `builtin/<name>`, so an override can `{% extends "builtin/type.md.jinja" %}` and
//! replace a single `{% block %}` instead of copying the whole template. Files in DIR that are not
//! built-in names are loaded too, for overrides to `{% include %}` or `{% import %}`.

use minijinja::{Environment, UndefinedBehavior};
use std::fmt;
use std::path::{Path, PathBuf};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));
}

/// The prefix under which every built-in template stays reachable from an override.
pub(crate) const BUILTIN_PREFIX: &str = "builtin/";

/// The built-in templates of `target` (a `templates/` sub-folder such as `markdown`), as
/// (name within the target, source), sorted by name.
pub(crate) fn builtin_templates(
    target: &str,
) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    builtin::BUILTIN.iter().filter_map(move |(name, source)| {
        name.strip_prefix(target)
            .and_then(|rest| rest.strip_prefix('/'))
            .map(|rest| (rest, *source))
    })
}

/// A template that failed to load or render: which one, where, and why, in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The template's name, or the path of the override file it came from.
    pub template: String,
    /// 1-based line in the template, when minijinja knows it.
    pub line: Option<usize>,
    /// What went wrong, e.g. `syntax error: unexpected end of input`.
    pub problem: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "template {}", self.template)?;
        if let Some(line) = self.line {
            write!(f, " line {line}")?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for TemplateError {}

/// Why the template environment could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum EnvError {
    #[error("cannot read the templates directory {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("templates directory {}: {} is not UTF-8 text", dir.display(), path.display())]
    NotText { dir: PathBuf, path: PathBuf },
    #[error("there are no built-in templates for `{0}`")]
    UnknownTarget(String),
    #[error(transparent)]
    Template(#[from] TemplateError),
}

/// The templates of one target with their overrides, ready to render.
pub struct Templates {
    env: Environment<'static>,
    /// Override names → the file each came from, for error messages.
    overrides: Vec<(String, PathBuf)>,
}

impl Templates {
    /// Load the built-in templates of `target`, then every file of `overrides` (recursively, named
    /// by its path relative to the directory) on top of them.
    ///
    /// The environment keeps trailing newlines, trims the newline after a block tag and the
    /// whitespace before it (so templates can be indented for reading), and treats an undefined
    /// variable as an error rather than an empty string: a typo in an override fails loudly.
    pub fn load(target: &str, overrides: Option<&Path>) -> Result<Templates, EnvError> {
        let mut env = Environment::new();
        env.set_keep_trailing_newline(true);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let mut any = false;
        for (name, source) in builtin_templates(target) {
            any = true;
            env.add_template(name, source)
                .map_err(|e| template_error(&e, &[]))?;
            env.add_template_owned(format!("{BUILTIN_PREFIX}{name}"), source)
                .map_err(|e| template_error(&e, &[]))?;
        }
        if !any {
            return Err(EnvError::UnknownTarget(target.to_owned()));
        }
        let mut loaded = Vec::new();
        if let Some(dir) = overrides {
            let mut files = list_files(dir)?;
            files.sort();
            for (name, path) in files {
                let bytes = std::fs::read(&path).map_err(|source| EnvError::Read {
                    path: path.clone(),
                    source,
                })?;
                let source = String::from_utf8(bytes).map_err(|_| EnvError::NotText {
                    dir: dir.to_owned(),
                    path: path.clone(),
                })?;
                loaded.push((name.clone(), path));
                env.add_template_owned(name, source)
                    .map_err(|e| template_error(&e, &loaded))?;
            }
        }
        Ok(Templates {
            env,
            overrides: loaded,
        })
    }

    /// The environment, to add target-specific filters and functions.
    pub fn env_mut(&mut self) -> &mut Environment<'static> {
        &mut self.env
    }

    pub fn env(&self) -> &Environment<'static> {
        &self.env
    }

    /// Names of the templates that came from the overrides directory, with their files.
    pub fn overrides(&self) -> &[(String, PathBuf)] {
        &self.overrides
    }

    /// Render template `name` with `context`.
    pub fn render<S: serde::Serialize>(
        &self,
        name: &str,
        context: S,
    ) -> Result<String, TemplateError> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(&e, &self.overrides))?;
        template
            .render(context)
            .map_err(|e| template_error(&e, &self.overrides))
    }

    /// Reduce a minijinja error to a [`TemplateError`], naming override files by their path.
    pub fn error(&self, err: &minijinja::Error) -> TemplateError {
        template_error(err, &self.overrides)
    }
}

/// The innermost error that knows its template: an error raised inside an included template or a
/// macro is wrapped by the caller's, and the inner one is where the user must look.
fn innermost(err: &minijinja::Error) -> &minijinja::Error {
    let mut best = err;
    let mut current: &dyn std::error::Error = err;
    while let Some(next) = current.source() {
        if let Some(inner) = next.downcast_ref::<minijinja::Error>() {
            if inner.name().is_some() {
                best = inner;
            }
        }
        current = next;
    }
    best
}

fn template_error(err: &minijinja::Error, overrides: &[(String, PathBuf)]) -> TemplateError {
    let err = innermost(err);
    let name = err.name().unwrap_or("<unknown>");
    let template = overrides
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, path)| path.display().to_string())
        .unwrap_or_else(|| name.to_owned());
    let problem = match err.detail() {
        Some(detail) => format!("{}: {detail}", err.kind()),
        None => err.kind().to_string(),
    };
    TemplateError {
        template,
        line: err.line(),
        problem,
    }
}

/// The files under `root`, recursively, each named by its path relative to `root` with `/`
/// separators. Hidden entries (a leading `.`) are skipped, with what is under them; symbolic
/// links are followed, a link back up the tree (a loop, as walkdir reports it) skipped.
fn list_files(root: &Path) -> Result<Vec<(String, PathBuf)>, EnvError> {
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walk {
        if entry.as_ref().is_err_and(|e| e.loop_ancestor().is_some()) {
            continue;
        }
        let entry = entry.map_err(|e| EnvError::Read {
            path: e.path().unwrap_or(root).to_owned(),
            source: e.into(),
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        if let Ok(relative) = entry.path().strip_prefix(root) {
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((name, entry.into_path()));
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_markdown_templates_are_embedded() {
        let names: Vec<_> = builtin_templates("markdown").map(|(n, _)| n).collect();
        assert!(names.contains(&"type.md.jinja"), "{names:?}");
        assert!(names.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn overrides_are_listed_by_relative_path_without_hidden_entries() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("partials/deep")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for file in [
            "index.md.jinja",
            "partials/deep/x.jinja",
            ".hidden",
            ".git/HEAD",
        ] {
            std::fs::write(root.join(file), "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root, root.join("partials/up")).unwrap();
        let mut names: Vec<String> = list_files(root)
            .unwrap()
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        names.sort();
        assert_eq!(names, ["index.md.jinja", "partials/deep/x.jinja"]);
        let missing = list_files(&root.join("nope")).unwrap_err();
        assert!(matches!(missing, EnvError::Read { .. }), "{missing}");
    }

    #[test]
    fn an_unknown_target_is_an_error() {
        let err = Templates::load("cobol", None)
            .err()
            .expect("no such target");
        assert_eq!(
            err.to_string(),
            "there are no built-in templates for `cobol`"
        );
    }

    #[test]
    fn an_override_replaces_a_builtin_and_can_extend_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("helper.jinja"),
            "{% macro shout(x) %}{{ x | upper }}{% endmacro %}",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("type.md.jinja"),
            "{% from \"helper.jinja\" import shout %}{{ shout(\"hi\") }}\n",
        )
        .unwrap();
        let templates = Templates::load("markdown", Some(dir.path())).unwrap();
        let out = templates.render("type.md.jinja", ()).unwrap();
        assert_eq!(out, "HI\n");
        assert!(templates
            .env()
            .get_template("builtin/type.md.jinja")
            .is_ok());
    }

    #[test]
    fn a_syntax_error_names_the_override_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("type.md.jinja");
        std::fs::write(&path, "line one\n{% if %}\n").unwrap();
        let err = Templates::load("markdown", Some(dir.path()))
            .err()
            .expect("syntax error");
        let EnvError::Template(err) = err else {
            panic!("not a template error: {err}");
        };
        assert_eq!(err.template, path.display().to_string());
        assert_eq!(err.line, Some(2));
        assert!(err.problem.starts_with("syntax error"), "{}", err.problem);
    }

    #[test]
    fn an_undefined_variable_is_an_error_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.md.jinja"), "a\nb\n{{ nope.field }}\n").unwrap();
        let templates = Templates::load("markdown", Some(dir.path())).unwrap();
        let err = templates.render("x.md.jinja", ()).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.problem.contains("undefined"), "{}", err.problem);
    }

    #[test]
    fn an_error_in_an_included_template_names_that_template() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("outer.md.jinja"),
            "x\n{% include \"inner.md.jinja\" %}\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("inner.md.jinja"), "\n\n{{ 1 + nope }}\n").unwrap();
        let templates = Templates::load("markdown", Some(dir.path())).unwrap();
        let err = templates.render("outer.md.jinja", ()).unwrap_err();
        assert!(err.template.ends_with("inner.md.jinja"), "{err}");
        assert_eq!(err.line, Some(3));
    }
}
