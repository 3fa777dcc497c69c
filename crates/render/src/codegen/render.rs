//! Rendering the view through the language's templates into files: which template makes which
//! file comes from the language catalogue; the text is normalised (no trailing spaces, no runs
//! of blank lines, one final newline) so template whitespace never shows in the output.

use super::lang::{Language, Per};
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
            files.push(GeneratedFile {
                path: file,
                contents: match view.language {
                    Language::Go => align_go(&normalise(&text, view.language)),
                    Language::TypeScript | Language::Python => normalise(&text, view.language),
                },
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

/// Align the columns of struct fields and constant declarations as gofmt does, so generated Go
/// is gofmt-clean: within a `type X struct {}` or `const ()` block, each run of consecutive
/// declaration lines (a comment or blank line ends a run) pads every column but the last to the
/// widest cell plus one space.
fn align_go(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut run: Vec<Vec<&str>> = Vec::new();
    let mut in_block = false;
    let flush = |run: &mut Vec<Vec<&str>>, out: &mut String| {
        let columns = run.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for cells in run.iter() {
            for (i, cell) in cells.iter().enumerate() {
                if i + 1 < cells.len() {
                    widths[i] = widths[i].max(cell.chars().count());
                }
            }
        }
        for cells in run.drain(..) {
            out.push('\t');
            for (i, cell) in cells.iter().enumerate() {
                out.push_str(cell);
                if i + 1 < cells.len() {
                    let pad = widths[i] - cell.chars().count() + 1;
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push('\n');
        }
    };
    for line in text.lines() {
        let declaration = in_block
            && line.starts_with('\t')
            && !line.starts_with("\t\t")
            && !line.trim_start().starts_with("//");
        if declaration {
            // Struct fields: name, type, tag; constants: name, type, `= value`.
            // Struct fields: name, type, tag; constants: name, type, `= value`. Neither names nor
            // types contain spaces.
            let mut cells = Vec::with_capacity(3);
            let mut rest = line.trim();
            for _ in 0..2 {
                match rest.split_once(char::is_whitespace) {
                    Some((cell, after)) => {
                        cells.push(cell);
                        rest = after.trim_start();
                    }
                    None => break,
                }
            }
            cells.push(rest);
            run.push(cells);
            continue;
        }
        flush(&mut run, &mut out);
        if line.starts_with("type ") && line.ends_with(" struct {") || line == "const (" {
            in_block = true;
        } else if line == "}" || line == ")" {
            in_block = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_go_like_gofmt() {
        let text = "type A struct {\n\tId string `json:\"id\"`\n\tRunsBefore *string `json:\"runsBefore,omitempty\"`\n\t// doc\n\tX int `json:\"x\"`\n}\n\nconst (\n\tPolicyTypePlan PolicyType = \"PLAN\"\n\tPolicyTypeLoginX PolicyType = \"LOGIN_X\"\n)\n\nfunc f() {\n\tx := 1\n}\n";
        let expected = "type A struct {\n\tId         string  `json:\"id\"`\n\tRunsBefore *string `json:\"runsBefore,omitempty\"`\n\t// doc\n\tX int `json:\"x\"`\n}\n\nconst (\n\tPolicyTypePlan   PolicyType = \"PLAN\"\n\tPolicyTypeLoginX PolicyType = \"LOGIN_X\"\n)\n\nfunc f() {\n\tx := 1\n}\n";
        assert_eq!(align_go(text), expected);
    }

    #[test]
    fn normalises_whitespace() {
        assert_eq!(normalise("\n\na  \n\n\n\nb\n\n", Language::Go), "a\n\nb\n");
        assert_eq!(normalise("a\n\n\n\nb", Language::Python), "a\n\n\nb\n");
        assert_eq!(normalise("\n  \n", Language::TypeScript), "");
    }
}
