//! Reading the SCHEMA arguments every command takes into a loaded schema, and reporting its
//! diagnostics the same way everywhere. A URL is introspected with the command's endpoint flags
//! ([`FetchArgs`]); everything else is read by the model.

use crate::cmd::fetch_args::FetchArgs;
use crate::output;
use apollo_compiler::diagnostic::Diagnostic;
use apollo_compiler::validation::DiagnosticData;
use schemalift_model::{DiagnosticList, Edition, LoadError, LoadedSchema, NewerRule, SchemaSource};

/// Load the schema named by the arguments (several files merge into one schema; a URL is
/// fetched with the endpoint flags and stands alone, like an introspection file). Syntax errors
/// come back as a [`LoadError::Syntax`] inside the error, for callers that report them.
pub fn load_with(args: &[String], fetch: &FetchArgs) -> anyhow::Result<LoadedSchema> {
    let sources: Vec<SchemaSource> = args.iter().map(|arg| SchemaSource::parse(arg)).collect();
    let url = sources.iter().find_map(|source| match source {
        SchemaSource::Url(url) => Some(url),
        _ => None,
    });
    let loaded = match url {
        // A fetch prints its own warnings, those of the answer included.
        Some(url) if sources.len() == 1 => return fetch.fetch_schema(url),
        Some(url) => {
            return Err(LoadError::MixedFormats {
                name: schemalift_fetch::redact_url(url),
            }
            .into())
        }
        None => schemalift_model::load(&sources)?,
    };
    loaded.warnings.iter().for_each(output::warning);
    Ok(loaded)
}

/// A short name for the arguments in messages and generated files: the file, or the first file
/// and a count; a URL as [`shown`].
pub fn describe(args: &[String]) -> String {
    match args {
        [one] if one == "-" => "<stdin>".to_owned(),
        [one] => shown(one),
        [first, rest @ ..] => format!("{} (+{} more)", shown(first), rest.len()),
        [] => "<no schema>".to_owned(),
    }
}

/// One argument as every command shows it: a URL through the redaction `fetch` uses (no
/// password, no query values), anything else as given.
pub fn shown(arg: &str) -> String {
    match SchemaSource::parse(arg) {
        SchemaSource::Url(_) => schemalift_fetch::redact_url(arg),
        _ => arg.to_owned(),
    }
}

/// Print the diagnostics of a syntax error, so the one-line error that follows has its context.
pub fn print_syntax_errors(error: &anyhow::Error) {
    if let Some(LoadError::Syntax(diagnostics)) = error.downcast_ref::<LoadError>() {
        print_diagnostics(diagnostics);
    }
}

/// Print diagnostics rustc-style on stderr: file:line:col, the source snippet, colour only on a
/// terminal.
pub fn print_diagnostics(diagnostics: &DiagnosticList) {
    print_reports(diagnostics.iter().map(|d| (d, None)), diagnostics.len());
}

/// Print the diagnostics of a loaded schema that count under `edition`, each from a rule newer
/// than October 2021 followed by a note naming the rule and its edition.
pub fn print_loaded_diagnostics(loaded: &LoadedSchema, edition: Edition) {
    let count = loaded.diagnostics_under(edition).count();
    print_reports(loaded.diagnostics_under(edition), count);
}

/// A broken file can have a diagnostic per token; past a screenful they stop helping.
fn print_reports<'a>(
    diagnostics: impl Iterator<Item = (Diagnostic<'a, DiagnosticData>, Option<&'static NewerRule>)>,
    count: usize,
) {
    const SHOWN: usize = 50;
    let color = output::stderr_color();
    if count > SHOWN {
        eprintln!("(showing the first {SHOWN} of {count} diagnostics; `--format json` lists all)");
    }
    for (diagnostic, rule) in diagnostics.take(SHOWN) {
        if color {
            eprint!("{diagnostic:?}");
        } else {
            eprint!("{diagnostic}");
        }
        if let Some(rule) = rule {
            eprintln!("   = note: {rule}");
        }
    }
}

/// "N error(s)".
pub fn errors(count: usize) -> String {
    format!("{count} error{}", if count == 1 { "" } else { "s" })
}

/// Load for a command that needs the schema to be usable: syntax errors print their diagnostics
/// and fail; an invalid schema fails unless `allow_invalid`, in which case its errors are warnings.
pub fn load_usable_with(
    args: &[String],
    fetch: &FetchArgs,
    allow_invalid: bool,
) -> anyhow::Result<LoadedSchema> {
    let loaded = load_with(args, fetch).inspect_err(print_syntax_errors)?;
    if loaded.is_valid() {
        return Ok(loaded);
    }
    let name = describe(args);
    let count = loaded.diagnostics.len();
    // Real published schemas (GitHub's, Braintree's) break rules the September 2025 edition
    // added; they still describe a working API, so reading them goes on.
    if loaded.is_valid_under(Edition::October2021) {
        let rules: std::collections::BTreeSet<String> = (loaded.newer_rules.iter().flatten())
            .map(|rule| format!("{} ({})", rule.name, rule.edition))
            .collect();
        let rules = rules.into_iter().collect::<Vec<_>>().join(", ");
        output::warning(format!(
            "{name} breaks {} of rules newer than October 2021: {rules}; going on (`schemalift validate` shows them)",
            errors(count)
        ));
        return Ok(loaded);
    }
    print_loaded_diagnostics(&loaded, Edition::default());
    let summary = format!("{name} is not a valid schema ({})", errors(count));
    if !allow_invalid {
        anyhow::bail!("{summary}; see `schemalift validate`, or pass --allow-invalid");
    }
    output::warning(format!("{summary}; going on with what could be built"));
    Ok(loaded)
}
