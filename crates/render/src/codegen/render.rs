//! Rendering the view through the language's templates into files: which template makes which
//! file comes from the language catalogue; the text is normalised (no trailing spaces, no runs
//! of blank lines, one final newline) so template whitespace never shows in the output, then
//! finished as the catalogue says (Go: aligned like gofmt).

use super::lang::Per;
use super::view::CodegenView;
use crate::env::{TemplateError, Templates};
use minijinja::context;

/// One file of a generated client, relative to the output directory.
pub type GeneratedFile = crate::output::OutputFile;

/// A template failed: which one, the line and the problem, on one line.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct RenderError(#[from] pub TemplateError);

/// Render every file of the client with the language's templates (`Templates::load` of
/// `language.spec().name`, with any `--templates` overrides).
pub fn render(
    view: &CodegenView,
    templates: &Templates,
) -> Result<Vec<GeneratedFile>, RenderError> {
    let spec = view.language.spec();
    // Converted once and shared (minijinja values are reference-counted): serialized again for
    // every operation file, the view (which holds every operation) made codegen quadratic.
    let view_value = minijinja::Value::from_serialize(view);
    let mut files = Vec::new();
    for output in spec.files {
        let mut render_one = |file: String, ctx: minijinja::Value| -> Result<(), RenderError> {
            let text = templates.render(output.template, ctx)?;
            let text = normalise(&text, spec.finish.max_blank_lines);
            let contents = match spec.finish.format {
                Some(format) => format(&text),
                None => text,
            };
            files.push(GeneratedFile {
                path: file,
                contents,
            });
            Ok(())
        };
        match output.per {
            Per::Client => render_one(
                output.file.to_owned(),
                context! { view => view_value.clone() },
            )?,
            Per::IfFragments if view.fragments.decls.is_empty() => {}
            Per::IfFragments => render_one(
                output.file.to_owned(),
                context! { view => view_value.clone() },
            )?,
            Per::Operation => {
                for operation in &view.operations {
                    let ctx = context! { view => view_value.clone(), operation => operation };
                    render_one(operation.file.clone(), ctx)?;
                }
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Trailing spaces removed, runs of blank lines cut to `max_blank`, one final newline (none
/// for an empty file).
fn normalise(text: &str, max_blank: usize) -> String {
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
        assert_eq!(normalise("\n\na  \n\n\n\nb\n\n", 1), "a\n\nb\n");
        assert_eq!(normalise("a\n\n\n\nb", 2), "a\n\n\nb\n");
        assert_eq!(normalise("\n  \n", 1), "");
    }
}
