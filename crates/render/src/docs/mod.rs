//! `schemalift docs`: Markdown reference documentation of a schema.
//!
//! The view model is built once; the pages are planned from it (an index, a page per kind, a
//! page per type and directive, or one document), rendered in parallel through the `markdown`
//! templates, and only then written (see [`write`]), so a template error writes nothing.

mod filters;

use crate::env::{EnvError, TemplateError, Templates};
use crate::output::{self, Marker, WriteError, WriteReport};
use crate::view::{self, DirectiveDoc, KindDoc, Layout, SchemaDoc, TypeDoc};
use apollo_compiler::Schema;
use minijinja::Value;
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;

/// The templates folder of the Markdown docs.
pub const TARGET: &str = "markdown";

/// Front matter for a static site generator, added at the top of every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatter {
    /// `id`, `title`, `sidebar_label` (YAML).
    Docusaurus,
    /// `title`, `linkTitle` (YAML); the index page becomes `_index.md`, Hugo's section page.
    Hugo,
}

impl FrontMatter {
    fn name(self) -> &'static str {
        match self {
            FrontMatter::Docusaurus => "docusaurus",
            FrontMatter::Hugo => "hugo",
        }
    }
}

/// How to render the docs.
#[derive(Debug, Clone, Default)]
pub struct DocsOptions {
    /// One document (the index file) instead of a page per type.
    pub single_file: bool,
    pub front_matter: Option<FrontMatter>,
    /// mdBook's layout: the pages and SUMMARY.md (its table of contents) in `src/`, a book.toml
    /// beside it, so `mdbook build DIR` makes a site in DIR/book.
    pub mdbook: bool,
}

impl DocsOptions {
    /// The index page's file name.
    pub fn index_file(&self) -> &'static str {
        match self.front_matter {
            Some(FrontMatter::Hugo) => "_index.md",
            _ => "README.md",
        }
    }

    fn layout(&self) -> Layout {
        if self.single_file {
            Layout::SingleFile
        } else {
            Layout::Pages
        }
    }
}

/// One output file: its path relative to the output directory (`/`-separated) and its text.
pub type RenderedFile = output::OutputFile;

/// The marker that lists the pages `schemalift docs` wrote into a directory.
pub const MARKER: Marker = Marker {
    file_name: ".schemalift-docs",
    command: "schemalift docs",
    header: "# Files written by `schemalift docs`. A later run removes the ones it no longer writes;\n# files not listed here are never touched.\n",
};

/// Write rendered docs into `dir` (created if missing), leaving unchanged pages alone and removing
/// the pages of an earlier run that are no longer rendered (see [`output`] for the rules).
pub fn write(dir: &Path, files: &[RenderedFile]) -> Result<WriteReport, WriteError> {
    output::write(dir, &MARKER, files)
}

/// The Markdown templates with their filters, overlaid with `overrides` (`--templates DIR`).
pub fn templates(overrides: Option<&Path>) -> Result<Templates, EnvError> {
    let mut templates = Templates::load(TARGET, overrides)?;
    filters::register(templates.env_mut());
    Ok(templates)
}

/// What every page's template sees as `page`.
#[derive(Debug, Clone, Serialize)]
pub struct PageInfo {
    /// This page's path relative to the output root.
    pub path: String,
    /// The page title (also the front matter's).
    pub title: String,
    /// The page documents a deprecated element (a directive, September 2026): its heading is
    /// struck through; the front matter's title is not.
    pub deprecated: bool,
    /// `docusaurus`, `hugo`, or none.
    pub front_matter: Option<&'static str>,
    /// True in a single-file document.
    pub single_file: bool,
    /// Heading level of the page's sections: 2 on a page of its own; deeper when the same
    /// template part is laid out inside a single-file document.
    pub level: usize,
}

/// One section of a single-file document: a kind and what it lists.
#[derive(Debug, Serialize)]
struct Section<'a> {
    kind: &'a KindDoc,
    /// For root kinds, the root type whose fields the section documents.
    root_type: Option<&'a TypeDoc>,
    types: Vec<&'a TypeDoc>,
    directives: &'a [DirectiveDoc],
}

/// A page of the docs: which part of the view model it shows.
#[derive(Debug, Clone, Copy)]
enum Page {
    Index,
    Single,
    Kind(usize),
    Type(usize),
    Directive(usize),
    Summary,
}

/// Render the documentation of `schema`: every file, in path order, not yet written.
pub fn render(
    schema: &Schema,
    templates: &Templates,
    options: &DocsOptions,
) -> Result<Vec<RenderedFile>, TemplateError> {
    let doc = view::build(schema, options.layout(), options.index_file());
    // What every page sees as `schema` is turned into a template value once and shared; the rest
    // of each context is built inside the parallel render, as turning the view model into
    // template values is a good part of the work.
    let info = Value::from_serialize(&doc.info);
    let mut files = plan(&doc, options)
        .par_iter()
        .map(|&page| {
            let (path, template, context) = context(&doc, &info, page, options);
            templates
                .render(template, context)
                .map(|text| RenderedFile {
                    path,
                    contents: tidy(&text),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if options.mdbook {
        // mdBook's own layout: book.toml beside src/, so `mdbook build DIR` writes the site to
        // DIR/book, outside the sources it reads.
        for file in &mut files {
            file.path.insert_str(0, "src/");
        }
        files.push(RenderedFile {
            path: "book.toml".to_owned(),
            contents: templates.render(
                "book.toml.jinja",
                minijinja::context! { schema => Value::from_serialize(&doc.info) },
            )?,
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Every page of the docs.
fn plan(doc: &SchemaDoc, options: &DocsOptions) -> Vec<Page> {
    let mut pages = Vec::new();
    if options.single_file {
        pages.push(Page::Single);
    } else {
        pages.push(Page::Index);
        pages.extend((0..doc.kinds.len()).map(Page::Kind));
        pages.extend(
            doc.types
                .iter()
                .enumerate()
                // A root type is documented on its kind's page.
                .filter(|(_, t)| t.root_operation.is_none())
                .map(|(i, _)| Page::Type(i)),
        );
        pages.extend((0..doc.directives.len()).map(Page::Directive));
    }
    if options.mdbook {
        pages.push(Page::Summary);
    }
    pages
}

const INDEX_TITLE: &str = "API reference";

fn page_info(path: &str, title: &str, options: &DocsOptions) -> Value {
    page_info_of(path, title, false, options)
}

fn page_info_of(path: &str, title: &str, deprecated: bool, options: &DocsOptions) -> Value {
    Value::from_serialize(PageInfo {
        path: path.to_owned(),
        title: title.to_owned(),
        deprecated,
        front_matter: options.front_matter.map(FrontMatter::name),
        single_file: options.single_file,
        level: 2,
    })
}

fn root_type<'a>(doc: &'a SchemaDoc, kind: &KindDoc) -> Option<&'a TypeDoc> {
    let name = kind.root_type.as_ref()?;
    doc.types
        .binary_search_by(|t| t.name.as_str().cmp(name))
        .ok()
        .map(|i| &doc.types[i])
}

/// A page's path, template and context.
fn context(
    doc: &SchemaDoc,
    info: &Value,
    page: Page,
    options: &DocsOptions,
) -> (String, &'static str, Value) {
    let schema = info.clone();
    match page {
        Page::Index => (
            doc.info.index.clone(),
            "index.md.jinja",
            minijinja::context! {
                page => page_info(&doc.info.index, INDEX_TITLE, options),
                schema,
            },
        ),
        Page::Single => {
            let sections: Vec<Section> = doc
                .kinds
                .iter()
                .map(|kind| Section {
                    kind,
                    root_type: root_type(doc, kind),
                    types: if kind.root_type.is_some() {
                        Vec::new()
                    } else {
                        doc.types.iter().filter(|t| t.kind == kind.id).collect()
                    },
                    directives: if kind.id == view::kinds::DIRECTIVES.id {
                        &doc.directives
                    } else {
                        &[]
                    },
                })
                .collect();
            (
                doc.info.index.clone(),
                "single.md.jinja",
                minijinja::context! {
                    page => page_info(&doc.info.index, INDEX_TITLE, options),
                    schema,
                    sections => Value::from_serialize(&sections),
                },
            )
        }
        Page::Kind(i) => {
            let kind = &doc.kinds[i];
            (
                kind.page.clone(),
                "kind.md.jinja",
                minijinja::context! {
                    page => page_info(&kind.page, kind.title, options),
                    schema,
                    kind => Value::from_serialize(kind),
                    root_type => Value::from_serialize(root_type(doc, kind)),
                },
            )
        }
        Page::Type(i) => {
            let ty = &doc.types[i];
            (
                ty.page.clone(),
                "type.md.jinja",
                minijinja::context! {
                    page => page_info(&ty.page, &ty.name, options),
                    schema,
                    type => Value::from_serialize(ty),
                },
            )
        }
        Page::Directive(i) => {
            let directive = &doc.directives[i];
            (
                directive.page.clone(),
                "directive.md.jinja",
                minijinja::context! {
                    page => page_info_of(
                        &directive.page,
                        &format!("@{}", directive.name),
                        directive.deprecation.is_some(),
                        options,
                    ),
                    schema,
                    directive => Value::from_serialize(directive),
                },
            )
        }
        Page::Summary => {
            let options = DocsOptions {
                front_matter: None,
                ..options.clone()
            };
            (
                "SUMMARY.md".to_owned(),
                "SUMMARY.md.jinja",
                minijinja::context! {
                    page => page_info("SUMMARY.md", "Summary", &options),
                    schema,
                    kinds => Value::from_serialize(&doc.kinds),
                },
            )
        }
    }
}

/// Whitespace that templates leave behind, removed the same way for built-in and user templates:
/// trailing spaces, runs of blank lines, and anything but one newline at the end. Markdown
/// renders the same without them and linters stop flagging them.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        if line.starts_with('|') && line.contains("|  |") {
            // An empty table cell: one space each side, as in every other cell.
            let mut row = line.to_owned();
            while row.contains("|  |") {
                row = row.replace("|  |", "| |");
            }
            out.push_str(&row);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_collapses_blank_lines_and_ends_with_one_newline() {
        assert_eq!(tidy("\n\n# A  \n\n\n\ntext\n\n"), "# A\n\ntext\n");
        assert_eq!(tidy("| a |  |  | b |\n"), "| a | | | b |\n");
    }
}
