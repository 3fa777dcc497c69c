//! Reading the SCHEMA arguments every command takes into a loaded schema, and reporting its
//! diagnostics the same way everywhere. A URL is introspected with the command's endpoint flags
//! ([`FetchArgs`]); everything else is read by the model.

use crate::cmd::fetch_args::FetchArgs;
use crate::output;
use schemalift_model::{DiagnosticList, LoadError, LoadedSchema, SchemaSource};

/// Load the schema named by the arguments (several files merge into one schema; a URL is
/// fetched with the endpoint flags and stands alone, like an introspection file). Syntax errors
/// come back as a [`LoadError::Syntax`] inside the error, for callers that report them.
pub fn load_with(args: &[String], fetch: &FetchArgs) -> anyhow::Result<LoadedSchema> {
    let sources: Vec<SchemaSource> = args.iter().map(|arg| SchemaSource::parse(arg)).collect();
    let url = sources.iter().find_map(|source| match source {
        SchemaSource::Url(url) => Some(url),
        _ => None,
    });
    match url {
        Some(url) if sources.len() == 1 => fetch.fetch_schema(url),
        Some(url) => Err(LoadError::MixedFormats { name: url.clone() }.into()),
        None => Ok(schemalift_model::load(&sources)?),
    }
}

/// A short name for the arguments in messages: the file, or the first file and a count.
pub fn describe(args: &[String]) -> String {
    match args {
        [one] if one == "-" => "<stdin>".to_owned(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} (+{} more)", rest.len()),
        [] => "<no schema>".to_owned(),
    }
}

/// Print the diagnostics of a syntax error, so the one-line error that follows has its context.
pub fn print_syntax_errors(error: &anyhow::Error) {
    if let Some(LoadError::Syntax(diagnostics)) = error.downcast_ref::<LoadError>() {
        print_diagnostics(diagnostics);
    }
}

/// Print diagnostics rustc-style on stderr: file:line:col, the source snippet, colour only on a
/// terminal. A broken file can have a diagnostic per token; past a screenful they stop helping.
pub fn print_diagnostics(diagnostics: &DiagnosticList) {
    const SHOWN: usize = 50;
    let color = output::stderr_color();
    if diagnostics.len() > SHOWN {
        eprintln!(
            "(showing the first {SHOWN} of {} diagnostics; `--format json` lists all)",
            diagnostics.len()
        );
    }
    for diagnostic in diagnostics.iter().take(SHOWN) {
        if color {
            eprint!("{diagnostic:?}");
        } else {
            eprint!("{diagnostic}");
        }
    }
}

/// Load for a command that needs the schema to be usable: syntax errors print their diagnostics
/// and fail; an invalid schema fails unless `allow_invalid`, in which case its errors are warnings.
pub fn load_usable_with(
    args: &[String],
    fetch: &FetchArgs,
    allow_invalid: bool,
) -> anyhow::Result<LoadedSchema> {
    let loaded = load_with(args, fetch).inspect_err(print_syntax_errors)?;
    if !loaded.is_valid() {
        print_diagnostics(&loaded.diagnostics);
        let summary = format!(
            "{} is not a valid schema ({} error{})",
            describe(args),
            loaded.diagnostics.len(),
            if loaded.diagnostics.len() == 1 {
                ""
            } else {
                "s"
            }
        );
        if !allow_invalid {
            anyhow::bail!("{summary}; see `schemalift validate`, or pass --allow-invalid");
        }
        output::warning(format!("{summary}; going on with what could be built"));
    }
    Ok(loaded)
}
