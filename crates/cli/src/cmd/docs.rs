//! `schemalift docs [SCHEMA...] -o DIR [--templates DIR] [--single-file] [--front-matter
//! docusaurus|hugo] [--mdbook]`: Markdown reference documentation; without SCHEMA, of the schema
//! of the project's graphql-config.

use crate::cmd::fetch_args::FetchArgs;
use crate::exit::Exit;
use crate::{output, schema_arg};
use clap::ValueEnum;
use schemalift_model::Format;
use schemalift_render::docs::{self, DocsOptions, FrontMatter};
use std::path::PathBuf;

/// Write Markdown reference documentation of a schema into a directory.
///
/// The schema's descriptions are the documentation: an index page (README.md), a page per kind
/// (queries, mutations, subscriptions, objects, interfaces, unions, enums, input objects, scalars,
/// directives) and a page per type, with every field, argument and enum value under a stable
/// anchor, links between types, deprecations, implementations, union membership and "used by".
/// Root fields come with an example operation. Without SCHEMA, the `schema` of the project's
/// graphql-config (.graphqlrc, …) is documented.
///
/// Output is deterministic. Pages of an earlier run that are no longer produced are removed, but
/// only the ones schemalift listed in DIR/.schemalift-docs; a file schemalift did not write is
/// never removed or overwritten. Templates are built in; --templates DIR overrides any of them by
/// file name (see docs/templates.md). Exit codes: 0 ok, 2 unreadable or invalid schema, template
/// error or unwritable directory.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Schema files, a directory, `-` for stdin, an introspection .json, git:REV:PATH, or a URL
    /// to introspect.
    ///
    /// Default: the `schema` of the graphql-config (.graphqlrc, .graphqlrc.yml, graphql.config.yml,
    /// package.json's "graphql", …) in the current directory or the nearest one above it, up to
    /// the repository root.
    #[arg(value_name = "SCHEMA")]
    schemas: Vec<String>,
    /// The graphql-config project whose schema to use when no SCHEMA is given (default: the
    /// project named `default`).
    #[arg(long, value_name = "NAME")]
    project: Option<String>,
    /// The output directory (created if missing).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// A directory of templates that override the built-in ones by file name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Write the whole reference as one document (DIR/README.md).
    #[arg(long)]
    single_file: bool,
    /// Add front matter for a static site generator.
    #[arg(long, value_enum, value_name = "GENERATOR")]
    front_matter: Option<FrontMatterArg>,
    /// Write an mdBook: the pages and SUMMARY.md in DIR/src, and DIR/book.toml, so `mdbook build
    /// DIR` makes a site in DIR/book.
    #[arg(long)]
    mdbook: bool,
    /// Document an invalid schema anyway (its errors become warnings).
    #[arg(long)]
    allow_invalid: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FrontMatterArg {
    Docusaurus,
    Hugo,
}

pub(super) fn run(args: Args) -> anyhow::Result<Exit> {
    // Templates first: a broken override should fail before any schema work.
    let templates = docs::templates(args.templates.as_deref())?;
    let schemas = schema_arg::schemas_from_graphql_config(&args.schemas, args.project.as_deref())?;
    let loaded = schema_arg::load_usable_with(&schemas, &args.fetch, args.allow_invalid)?;
    if loaded.format == Format::Introspection {
        output::warning(
            "introspection JSON carries no applied directives, so the docs show none but @deprecated",
        );
    }
    let options = DocsOptions {
        single_file: args.single_file,
        front_matter: args.front_matter.map(|f| match f {
            FrontMatterArg::Docusaurus => FrontMatter::Docusaurus,
            FrontMatterArg::Hugo => FrontMatter::Hugo,
        }),
        mdbook: args.mdbook,
    };
    let files = docs::render(&loaded.schema, &templates, &options)?;
    let report = docs::write(&args.output, &files)?;
    for warning in &report.warnings {
        output::warning(warning);
    }
    let removed = match report.removed.len() {
        0 => String::new(),
        1 => ", removed 1 stale page".to_owned(),
        n => format!(", removed {n} stale pages"),
    };
    let unchanged = match report.unchanged {
        0 => String::new(),
        n => format!(", {n} unchanged"),
    };
    eprintln!(
        "wrote {} file{} to {}{unchanged}{removed}",
        report.written,
        if report.written == 1 { "" } else { "s" },
        args.output.display()
    );
    Ok(Exit::Ok)
}
