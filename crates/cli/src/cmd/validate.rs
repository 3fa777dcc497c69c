//! `schemalift validate [SCHEMA...]`: full spec validation with rustc-style diagnostics, or JSON,
//! by the rules of one edition of the specification (`--spec`); without SCHEMA, the schema of the
//! project's graphql-config.

use crate::cmd::fetch_args::FetchArgs;
use crate::exit::Exit;
use crate::{output, schema_arg};
use clap::ValueEnum;
use schemalift_model::{locate_all, Edition, LoadError, Located};
use serde::Serialize;

/// Validate a schema against the GraphQL specification.
///
/// Several files (or a directory) are merged into one schema first, so `extend type` across files
/// works. Without SCHEMA, the `schema` of the project's graphql-config (.graphqlrc, …) is
/// validated. Errors from rules newer than October 2021 name the rule and the edition that
/// introduced it. Exit codes: 0 valid, 1 invalid (diagnostics on stderr, or the JSON report on
/// stdout), 2 the schema could not be read.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Schema files (.graphql, .graphqls, .gql), a directory, `-` for stdin, an introspection
    /// .json, git:REV:PATH, or a URL to introspect.
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
    /// Report format: human-readable diagnostics, JSON for machines, or SARIF 2.1.0 for code
    /// scanning.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The edition of the GraphQL specification whose rules apply: October 2021, September 2025
    /// or September 2026. Every edition reads every syntax; an older one leaves out newer rules.
    #[arg(long, value_enum, default_value_t = Spec::Y2026)]
    spec: Spec,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Sarif,
}

/// `--spec`, by year.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Spec {
    #[value(name = "2021")]
    Y2021,
    #[value(name = "2025")]
    Y2025,
    #[value(name = "2026")]
    Y2026,
}

impl From<Spec> for Edition {
    fn from(spec: Spec) -> Edition {
        match spec {
            Spec::Y2021 => Edition::October2021,
            Spec::Y2025 => Edition::September2025,
            Spec::Y2026 => Edition::September2026,
        }
    }
}

#[derive(Serialize)]
struct Report<'a> {
    schema: String,
    spec: &'static str,
    valid: bool,
    types: usize,
    errors: &'a [Located],
    /// Errors of rules newer than the chosen edition, not counted.
    #[serde(skip_serializing_if = "<[Located]>::is_empty")]
    newer: &'a [Located],
}

pub(super) fn run(args: Args) -> anyhow::Result<Exit> {
    let schemas = schema_arg::schemas_from_graphql_config(&args.schemas, args.project.as_deref())?;
    let name = schema_arg::describe(&schemas);
    let edition = Edition::from(args.spec);
    let (errors, newer, types, loaded) = match schema_arg::load_with(&schemas, &args.fetch) {
        Ok(loaded) => {
            let types = (loaded.schema.types.values())
                .filter(|t| !t.is_built_in())
                .count();
            let errors = loaded.located_under(edition);
            let all = loaded.located_under(Edition::default());
            let newer: Vec<Located> = all.into_iter().filter(|e| !errors.contains(e)).collect();
            (errors, newer, types, Some(loaded))
        }
        Err(error) => match error.downcast::<LoadError>() {
            Ok(LoadError::Syntax(diagnostics)) => {
                if let Format::Text = args.format {
                    schema_arg::print_diagnostics(&diagnostics);
                }
                (locate_all(&diagnostics), Vec::new(), 0, None)
            }
            Ok(other) => return Err(other.into()),
            Err(error) => return Err(error),
        },
    };
    let valid = errors.is_empty();
    match args.format {
        Format::Json => {
            let report = Report {
                schema: name,
                spec: edition.title(),
                valid,
                types,
                errors: &errors,
                newer: &newer,
            };
            let mut json = serde_json::to_string_pretty(&report)?;
            json.push('\n');
            output::stdout(&json)?;
        }
        Format::Sarif => {
            let base = std::env::current_dir()?;
            let sarif = schemalift_check::report::sarif::diagnostics(&errors, &newer, &base);
            output::stdout(&sarif)?;
        }
        Format::Text => {
            if let Some(loaded) = &loaded {
                schema_arg::print_loaded_diagnostics(loaded, edition);
            }
            let not_counted = match newer.len() {
                0 => String::new(),
                n => format!(
                    " ({} of rules newer than the {edition} edition not counted; `--spec 2026` shows them)",
                    schema_arg::errors(n)
                ),
            };
            // The default edition goes without saying.
            let rules = match edition == Edition::default() {
                true => String::new(),
                false => format!(" by {edition} rules"),
            };
            if valid {
                output::stdout(&format!(
                    "{name}: valid schema{rules}, {types} types{not_counted}\n"
                ))?;
            } else {
                eprintln!(
                    "error: {name} is not a valid schema{rules}: {}{not_counted}",
                    schema_arg::errors(errors.len())
                );
            }
        }
    }
    Ok(if valid { Exit::Ok } else { Exit::Problem })
}
