//! Reading the SCHEMA arguments every command takes into a loaded schema, and reporting its
//! diagnostics the same way everywhere. A URL is introspected with the command's endpoint flags
//! ([`FetchArgs`]); everything else is read by the model. SCHEMA and `--ops` left out come from
//! the project's graphql-config ([`from_graphql_config`]).

use crate::cmd::fetch_args::FetchArgs;
use crate::output;
use apollo_compiler::diagnostic::{Diagnostic, ToCliReport};
use apollo_compiler::validation::DiagnosticData;
use schemalift_check::graphql_config::{GraphqlConfig, GraphqlConfigError};
use schemalift_model::{
    DiagnosticList, Edition, LoadError, LoadedSchema, Located, NewerRule, SchemaSource,
};

/// Whether a command needs operation documents (`--ops`) from the graphql-config when none are
/// given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Documents {
    /// The command takes no documents (`validate`, `docs`).
    Unused,
    /// It works without them (`diff`).
    Optional,
    /// It cannot work without them (`codegen`).
    Required,
}

/// The SCHEMA and `--ops` arguments a command goes on with: as given, or from the graphql-config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inputs {
    pub schemas: Vec<String>,
    pub ops: Vec<String>,
}

/// What graphql-config files are called, for messages.
const CONFIG_NAMES: &str =
    "graphql-config (.graphqlrc…, graphql.config.…, package.json \"graphql\")";

/// The SCHEMA arguments of a command without `--ops` (validate, docs), from graphql-config when
/// none is given, as [`from_graphql_config`] takes them.
pub(crate) fn schemas_from_graphql_config(
    schemas: &[String],
    project: Option<&str>,
) -> anyhow::Result<Vec<String>> {
    Ok(from_graphql_config(schemas, &[], project, true, Documents::Unused)?.schemas)
}

/// The SCHEMA arguments and `--ops` of a command, those left out taken from the graphql-config
/// found upwards from the current directory (the `--project` named, else `default`), with one
/// line on stderr saying what was taken from which file. `schema_needed`: the command takes
/// SCHEMA arguments, which must then come from somewhere.
pub(crate) fn from_graphql_config(
    schemas: &[String],
    ops: &[String],
    project: Option<&str>,
    schema_needed: bool,
    documents: Documents,
) -> anyhow::Result<Inputs> {
    let given = Inputs {
        schemas: schemas.to_vec(),
        ops: ops.to_vec(),
    };
    let schema_missing = schema_needed && schemas.is_empty();
    let ops_missing = documents != Documents::Unused && ops.is_empty();
    if !schema_missing && !ops_missing {
        if let Some(name) = project {
            output::warning(format!(
                "--project {name} is not used: the schema and operations were given"
            ));
        }
        return Ok(given);
    }
    let cwd = std::env::current_dir()?;
    // Operations are optional to diff: a config it cannot read (JavaScript) or that names no
    // default project does not stop it.
    let optional = !schema_missing && documents == Documents::Optional && project.is_none();
    let found = match GraphqlConfig::find(&cwd) {
        Err(error @ GraphqlConfigError::Code { .. }) if optional => {
            output::warning(format!("{error}; going on without operations"));
            return Ok(given);
        }
        found => found?,
    };
    let Some(config) = found else {
        let place = format!("found in {} or above it", cwd.display());
        if schema_missing {
            anyhow::bail!("no SCHEMA given and no {CONFIG_NAMES} {place}");
        }
        if documents == Documents::Required {
            anyhow::bail!("no --ops given and no {CONFIG_NAMES} {place} to take documents from");
        }
        if let Some(name) = project {
            anyhow::bail!("--project {name}: no {CONFIG_NAMES} {place}");
        }
        return Ok(given);
    };
    let chosen = match config.project(project) {
        Ok(chosen) => chosen,
        Err(error @ GraphqlConfigError::NoDefault { .. }) if optional => {
            output::warning(format!("{error}; going on without operations"));
            return Ok(given);
        }
        Err(error) => return Err(error.into()),
    };
    let file = config.path.display();
    let label = match config.multi_project {
        true => format!(" (project {})", chosen.name),
        false => String::new(),
    };
    let mut taken = Vec::new();
    let mut inputs = given;
    if schema_missing {
        if chosen.schema.is_empty() {
            anyhow::bail!("no SCHEMA given and {file}{label} has no `schema`");
        }
        inputs.schemas = chosen.schema_args()?;
        taken.push("schema");
    }
    if ops_missing {
        let found = chosen.documents()?;
        if !found.skipped.is_empty() {
            output::warning(format!(
                "{file}{label}: documents {} skipped: schemalift reads operations from .graphql and .gql files only",
                found.skipped.join(", ")
            ));
        }
        if found.paths.is_empty() {
            let problem = match chosen.documents.is_empty() {
                true => "has no `documents`",
                false => "has documents matching no .graphql or .gql file",
            };
            match documents {
                Documents::Required => anyhow::bail!("no --ops given and {file}{label} {problem}"),
                _ if !chosen.documents.is_empty() || !found.skipped.is_empty() => output::warning(
                    format!("{file}{label} {problem}; going on without operations"),
                ),
                _ => {}
            }
        } else {
            inputs.ops = found.paths;
            taken.push("documents");
        }
    }
    if !taken.is_empty() {
        eprintln!("using {} from {file}{label}", taken.join(" and "));
    }
    Ok(inputs)
}

/// Load the schema named by the arguments (several files merge into one schema; a URL is
/// fetched with the endpoint flags and stands alone, like an introspection file). Syntax errors
/// come back as a [`LoadError::Syntax`] inside the error, for callers that report them.
pub(crate) fn load_with(args: &[String], fetch: &FetchArgs) -> anyhow::Result<LoadedSchema> {
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
pub(crate) fn describe(args: &[String]) -> String {
    match args {
        [one] if one == "-" => "<stdin>".to_owned(),
        [one] => shown(one),
        [first, rest @ ..] => format!("{} (+{} more)", shown(first), rest.len()),
        [] => "<no schema>".to_owned(),
    }
}

/// One argument as every command shows it: a URL through the redaction `fetch` uses (no
/// password, no query values), anything else as given.
pub(crate) fn shown(arg: &str) -> String {
    match SchemaSource::parse(arg) {
        SchemaSource::Url(_) => schemalift_fetch::redact_url(arg),
        _ => arg.to_owned(),
    }
}

/// Print the diagnostics of a syntax error, so the one-line error that follows has its context.
pub(crate) fn print_syntax_errors(error: &anyhow::Error) {
    if let Some(LoadError::Syntax(diagnostics)) = error.downcast_ref::<LoadError>() {
        print_diagnostics(diagnostics);
    }
}

/// Print diagnostics rustc-style on stderr: file:line:col, the source snippet, colour only on a
/// terminal.
pub(crate) fn print_diagnostics(diagnostics: &DiagnosticList) {
    print_reports(diagnostics.iter().map(|d| (d, None)), diagnostics.len());
}

/// Print the diagnostics of a loaded schema that count under `edition`, each from a rule newer
/// than October 2021 followed by a note naming the rule and its edition.
pub(crate) fn print_loaded_diagnostics(loaded: &LoadedSchema, edition: Edition) {
    let count = loaded.diagnostics_under(edition).count();
    print_reports(loaded.diagnostics_under(edition), count);
}

/// The widest line a diagnostic report may print. A report quotes its source line, and a file
/// with a very long line (minified SDL, a damaged file) would flood the terminal with it: such a
/// diagnostic is printed on one line, `error: file:line:col: message`, instead.
const WIDEST: usize = 500;

/// Characters of a diagnostic's message printed on that one line (a message can quote a token,
/// and a token can be a megabyte long).
const LONGEST_MESSAGE: usize = 300;

/// A broken file can have a diagnostic per token; past a screenful they stop helping.
const SHOWN: usize = 50;

fn print_reports<'a>(
    diagnostics: impl Iterator<Item = (Diagnostic<'a, DiagnosticData>, Option<&'static NewerRule>)>,
    count: usize,
) {
    let mut text = String::new();
    if count > SHOWN {
        text.push_str(&format!(
            "(showing the first {SHOWN} of {count} diagnostics; `--format json` lists all)\n"
        ));
    }
    for (diagnostic, rule) in diagnostics.take(SHOWN) {
        text.push_str(&report(&diagnostic, rule));
    }
    // One write: a report written piece by piece to unbuffered stderr cost a system call per
    // character (a 200 000-character line took 20 s).
    output::styled_stderr(&text);
}

/// One diagnostic as a report with its source snippet, or on one line when the snippet would be
/// wider than [`WIDEST`].
fn report(diagnostic: &Diagnostic<'_, DiagnosticData>, rule: Option<&'static NewerRule>) -> String {
    // Rendering a report costs the length of the lines it quotes (2 000 000 characters took
    // 6 s for 50 reports): a file with a wide line is not rendered at all.
    let mut report = if wide_source(diagnostic) {
        String::new()
    } else {
        // `Debug` is the coloured rendering; the stream strips the colour where it is off.
        format!("{diagnostic:?}")
    };
    let plain = anstream::adapter::strip_str(&report).to_string();
    if report.is_empty() || plain.lines().any(|line| line.chars().count() > WIDEST) {
        let located = Located::with_rule(diagnostic, rule);
        return format!(
            "{}{}: {}\n",
            output::error_prefix(),
            located.position(),
            shorten(&located.message, LONGEST_MESSAGE)
        );
    }
    if let Some(rule) = rule {
        report.push_str(&format!("   = note: {rule}\n"));
    }
    report
}

/// Whether a line the diagnostic points at is wider than [`WIDEST`]. Only the lines of its own
/// span count: GitHub's schema has 600-character description lines that no diagnostic quotes,
/// and its errors keep their snippets and notes. (A label elsewhere on a wide line is caught
/// after rendering, in [`report`].)
fn wide_source(diagnostic: &Diagnostic<'_, DiagnosticData>) -> bool {
    let Some(span) = diagnostic.error.location() else {
        return false;
    };
    let Some(file) = diagnostic.sources.get(&span.file_id()) else {
        return false;
    };
    let text = file.source_text();
    let (start, end) = (
        span.offset().min(text.len()),
        span.end_offset().min(text.len()),
    );
    let first = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let last = text[end..].find('\n').map_or(text.len(), |i| end + i);
    text.get(first..last).is_none_or(|lines| {
        lines
            .split('\n')
            .any(|line| line.len() > WIDEST && line.chars().count() > WIDEST)
    })
}

/// Print errors that each stand on one line (operations that do not validate), at most
/// [`SHOWN`] of them and none wider than [`WIDEST`]: a damaged document can have an error per
/// token.
pub(crate) fn print_error_lines<T: std::fmt::Display>(prefix: &str, errors: &[T]) {
    let mut text = String::new();
    for error in errors.iter().take(SHOWN) {
        let line = shorten(&format!("{prefix}{error}"), WIDEST);
        text.push_str(&format!(
            "{}{}\n",
            output::error_prefix(),
            output::escape_controls(&line)
        ));
    }
    if errors.len() > SHOWN {
        text.push_str(&format!(
            "(showed the first {SHOWN} of {} errors)\n",
            errors.len()
        ));
    }
    output::styled_stderr(&text);
}

/// `text` cut to `longest` characters, saying how much was left out.
fn shorten(text: &str, longest: usize) -> String {
    let count = text.chars().count();
    if count <= longest {
        return text.to_owned();
    }
    let kept: String = text.chars().take(longest).collect();
    format!("{kept}… ({} more characters)", count - longest)
}

/// "N error(s)".
pub(crate) fn errors(count: usize) -> String {
    format!("{count} error{}", if count == 1 { "" } else { "s" })
}

/// Load for a command that needs the schema to be usable: syntax errors print their diagnostics
/// and fail; an invalid schema fails unless `allow_invalid`, in which case its errors are warnings.
pub(crate) fn load_usable_with(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The syntax errors of `sdl`, as a command sees them.
    fn syntax_errors(sdl: &str) -> DiagnosticList {
        match apollo_compiler::Schema::parse(sdl, "long.graphql") {
            Ok(_) => panic!("expected syntax errors"),
            Err(with_errors) => with_errors.errors,
        }
    }

    /// A report as it reaches a reader without colour.
    fn plain(diagnostic: &Diagnostic<'_, DiagnosticData>) -> String {
        anstream::adapter::strip_str(&report(diagnostic, None)).to_string()
    }

    #[test]
    fn a_diagnostic_on_a_megabyte_line_is_one_short_line() {
        // Issue 12's mutation tests: 2 000 000 quotes inserted into a line of the sample
        // schema made `validate` print each of 50 reports with the whole line, a character per
        // system call, for over 20 s.
        let sdl = format!("type Query {{ a: Int }}\n{}\n", "\"".repeat(200_000));
        let errors = syntax_errors(&sdl);
        let diagnostic = errors.iter().next().unwrap();
        let line = plain(&diagnostic);
        assert!(line.starts_with("error: long.graphql:2:"), "{line}");
        assert_eq!(line.lines().count(), 1, "{line}");
        assert!(line.len() < WIDEST + LONGEST_MESSAGE, "{}", line.len());
    }

    #[test]
    fn a_diagnostic_on_an_ordinary_line_keeps_its_snippet() {
        let errors = syntax_errors("type Query {\n  a: Int\n  b(: Int\n}\n");
        let diagnostic = errors.iter().next().unwrap();
        let text = plain(&diagnostic);
        assert!(text.contains("long.graphql:3:"), "{text}");
        assert!(text.contains("b(: Int"), "{text}");
    }

    #[test]
    fn a_wide_line_elsewhere_in_the_file_keeps_the_snippet() {
        // GitHub's 2024 schema: 600-character description lines, errors on ordinary ones.
        let sdl = format!(
            "\"{}\"\ntype Query {{\n  a: Int\n  b(: Int\n}}\n",
            "x".repeat(WIDEST * 2)
        );
        let errors = syntax_errors(&sdl);
        let diagnostic = errors.iter().next().unwrap();
        let text = plain(&diagnostic);
        assert!(text.lines().count() > 1, "{text}");
        assert!(text.contains("b(: Int"), "{text}");
    }

    #[test]
    fn long_messages_are_shortened_and_say_by_how_much() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("abcdefghij", 4), "abcd… (6 more characters)");
    }
}
