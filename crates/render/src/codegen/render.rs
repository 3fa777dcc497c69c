//! Rendering the view through the language's templates into files: which template makes which
//! file comes from the language catalogue; the text is normalised (no trailing spaces, no runs
//! of blank lines, one final newline) so template whitespace never shows in the output.

use super::lang::{Language, Per};
use super::view::CodegenView;
use minijinja::{context, Environment};
use std::path::PathBuf;

/// One file of a generated client, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// A template failed: which one, where, and what went wrong, on one line.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RenderError(pub String);

/// The name a language's template has in the environment: `<language>/<file>`.
pub fn template_name(language: Language, template: &str) -> String {
    format!("{}/{template}", language.spec().name)
}

fn describe(err: &minijinja::Error) -> String {
    let name = err.name().unwrap_or("<template>");
    let mut message = match err.line() {
        Some(line) => format!("template {name} line {line}: {}", err.kind()),
        None => format!("template {name}: {}", err.kind()),
    };
    if let Some(detail) = err.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    message
}

/// Render every file of the client.
pub fn render(
    view: &CodegenView,
    env: &Environment<'_>,
) -> Result<Vec<GeneratedFile>, RenderError> {
    let spec = view.language.spec();
    let mut files = Vec::new();
    for output in spec.files {
        let name = template_name(view.language, output.template);
        let template = env
            .get_template(&name)
            .map_err(|e| RenderError(describe(&e)))?;
        let mut render_one = |file: String, ctx: minijinja::Value| -> Result<(), RenderError> {
            let text = template
                .render(ctx)
                .map_err(|e| RenderError(describe(&e)))?;
            files.push(GeneratedFile {
                path: PathBuf::from(file),
                contents: normalise(&text, view.language),
            });
            Ok(())
        };
        match output.per {
            Per::Client => render_one(output.file.to_owned(), context! { view => view })?,
            Per::IfFragments if view.fragments.decls.is_empty() => {}
            Per::IfFragments => render_one(output.file.to_owned(), context! { view => view })?,
            Per::Operation => {
                for operation in &view.operations {
                    render_one(
                        operation.file.clone(),
                        context! { view => view, operation => operation },
                    )?;
                }
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Trailing spaces removed, runs of blank lines cut to what the language's style allows, one
/// final newline (none for an empty file).
fn normalise(text: &str, language: Language) -> String {
    let max_blank = match language {
        // PEP 8: two blank lines between top-level definitions.
        Language::Python => 2,
        Language::TypeScript | Language::Go => 1,
    };
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    let mut started = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if started {
            for _ in 0..blank.min(max_blank) {
                out.push('\n');
            }
        }
        blank = 0;
        started = true;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_whitespace() {
        assert_eq!(normalise("\n\na  \n\n\n\nb\n\n", Language::Go), "a\n\nb\n");
        assert_eq!(normalise("a\n\n\n\nb", Language::Python), "a\n\n\nb\n");
        assert_eq!(normalise("\n  \n", Language::TypeScript), "");
    }
}
