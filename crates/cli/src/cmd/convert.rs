//! `schemalift convert SCHEMA [-o FILE] [--to sdl|json] [--sort]`: SDL ⇄ introspection JSON.

use crate::cmd::fetch_args::FetchArgs;
use crate::exit::Exit;
use crate::{output, schema_arg};
use clap::ValueEnum;
use schemalift_model::{introspection, sdl, write_atomic, Valid};
use std::path::PathBuf;

/// Convert a schema between SDL and introspection JSON.
///
/// The output format is --to, else inferred from the -o extension (.json is introspection JSON,
/// anything else SDL), else SDL. JSON is exactly what a spec-compliant server answers to the full
/// modern introspection query. Files are written atomically: a failure never truncates an existing
/// file. Exit codes: 0 ok, 2 the schema could not be read or is invalid.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Schema files, a directory, `-` for stdin, an introspection .json, git:REV:PATH, or a URL.
    #[arg(required = true, value_name = "SCHEMA")]
    schemas: Vec<String>,
    /// Write here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format (default: from the -o extension, else sdl).
    #[arg(long, value_enum)]
    to: Option<Target>,
    /// Sort types, fields, arguments and values lexicographically (as graphql-js
    /// lexicographicSortSchema), for stable diffs.
    #[arg(long)]
    sort: bool,
    /// Convert an invalid schema anyway (its errors become warnings).
    #[arg(long)]
    allow_invalid: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Target {
    Sdl,
    Json,
}

pub(super) fn run(args: Args) -> anyhow::Result<Exit> {
    let target = args.to.unwrap_or_else(|| match &args.output {
        Some(path) if path.extension().is_some_and(|e| e == "json") => Target::Json,
        _ => Target::Sdl,
    });
    let loaded = schema_arg::load_usable_with(&args.schemas, &args.fetch, args.allow_invalid)?;
    let text = match target {
        Target::Sdl => sdl::print(&loaded.schema, args.sort),
        Target::Json => {
            let schema = if args.sort {
                Valid::assume_valid(sdl::sorted(&loaded.schema))
            } else {
                loaded.schema
            };
            let mut json = introspection::to_json_string(&schema, true);
            json.push('\n');
            json
        }
    };
    match &args.output {
        Some(path) => {
            write_atomic(path, text.as_bytes())
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => {
            output::stdout(&text)?;
        }
    }
    Ok(Exit::Ok)
}
