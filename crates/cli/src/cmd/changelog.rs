//! `schemalift changelog OLD NEW [-o FILE] [--templates DIR] [--docs-url BASE]`: release notes
//! from the diff of two schema versions.

use crate::cmd::fetch_args::FetchArgs;
use crate::exit::Exit;
use crate::{output, schema_arg};
use schemalift_model::write_atomic;
use schemalift_render::{changelog, docs};
use std::path::PathBuf;

/// Write the changes between two schema versions as Markdown release notes.
///
/// Breaking, dangerous and safe changes (as `schemalift diff` classifies them), each with the
/// reason a client breaks, and every element linked into the new version's docs as `schemalift
/// docs` writes them. Rendered through the built-in template changelog.md.jinja, which
/// --templates DIR can override. An invalid schema is used as far as it could be built, with a
/// warning. Exit codes: 0 ok (breaking changes included: this command reports, `diff` judges),
/// 2 unreadable schema, template error or unwritable file.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The old schema: a file, a directory, `-`, an introspection .json, git:REV:PATH, or a URL.
    #[arg(value_name = "OLD")]
    old: String,
    /// The new schema.
    #[arg(value_name = "NEW")]
    new: String,
    /// Write here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// A directory of templates that override the built-in ones by file name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Where the new version's docs are, as seen from the changelog: a URL or a relative path to
    /// the directory `schemalift docs` wrote (default: the changelog sits in that directory).
    #[arg(long, value_name = "BASE", default_value = "")]
    docs_url: String,
    #[command(flatten)]
    fetch: FetchArgs,
}

pub(super) fn run(args: Args) -> anyhow::Result<Exit> {
    let templates = docs::templates(args.templates.as_deref())?;
    let old = schema_arg::load_usable_with(std::slice::from_ref(&args.old), &args.fetch, true)?;
    let new = schema_arg::load_usable_with(std::slice::from_ref(&args.new), &args.fetch, true)?;
    let changes = schemalift_check::diff(&old.schema, &new.schema);
    let mut base = args.docs_url.clone();
    if !base.is_empty() && !base.ends_with('/') {
        base.push('/');
    }
    let (old_name, new_name) = (schema_arg::shown(&args.old), schema_arg::shown(&args.new));
    let view = changelog::view(&changes, &new.schema, &old_name, &new_name, &base);
    let text = changelog::render(&view, &templates)?;
    match &args.output {
        Some(path) => {
            write_atomic(path, text.as_bytes())
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            eprintln!(
                "wrote {} ({} breaking, {} dangerous, {} safe changes)",
                path.display(),
                view.breaking,
                view.dangerous,
                view.safe
            );
        }
        None => {
            output::stdout(&text)?;
        }
    }
    Ok(Exit::Ok)
}
