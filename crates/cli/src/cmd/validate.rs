//! `schemalift validate SCHEMA...`: full spec validation with rustc-style diagnostics, or JSON.

use crate::cmd::fetch_args::FetchArgs;
use crate::exit::Exit;
use crate::schema_arg;
use clap::ValueEnum;
use schemalift_model::{locate_all, DiagnosticList, LoadError, Located};
use serde::Serialize;

/// Validate a schema against the GraphQL specification.
///
/// Several files (or a directory) are merged into one schema first, so `extend type` across files
/// works. Exit codes: 0 valid, 1 invalid (diagnostics on stderr, or the JSON report on stdout),
/// 2 the schema could not be read.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Schema files (.graphql, .graphqls, .gql), a directory, `-` for stdin, an introspection
    /// .json, git:REV:PATH, or a URL to introspect.
    #[arg(required = true, value_name = "SCHEMA")]
    schemas: Vec<String>,
    /// Report format: human-readable diagnostics, or JSON for machines.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Serialize)]
struct Report<'a> {
    schema: String,
    valid: bool,
    types: usize,
    errors: &'a [Located],
}

pub fn run(args: Args) -> anyhow::Result<Exit> {
    let name = schema_arg::describe(&args.schemas);
    let loaded = schema_arg::load_with(&args.schemas, &args.fetch);
    let (diagnostics, types): (DiagnosticList, usize) = match loaded {
        Ok(loaded) => {
            let types = loaded
                .schema
                .types
                .values()
                .filter(|t| !t.is_built_in())
                .count();
            (loaded.diagnostics, types)
        }
        Err(error) => match error.downcast::<LoadError>() {
            Ok(LoadError::Syntax(diagnostics)) => (*diagnostics, 0),
            Ok(other) => return Err(other.into()),
            Err(error) => return Err(error),
        },
    };
    let valid = diagnostics.is_empty();
    match args.format {
        Format::Json => {
            let errors = locate_all(&diagnostics);
            let report = Report {
                schema: name,
                valid,
                types,
                errors: &errors,
            };
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        Format::Text if valid => println!("{name}: valid schema, {types} types"),
        Format::Text => {
            schema_arg::print_diagnostics(&diagnostics);
            let count = diagnostics.len();
            eprintln!(
                "error: {name} is not a valid schema: {count} error{}",
                if count == 1 { "" } else { "s" }
            );
        }
    }
    Ok(if valid { Exit::Ok } else { Exit::Problem })
}
