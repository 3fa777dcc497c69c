//! `schemalift diff OLD NEW`: classify every change between two schema versions (breaking,
//! dangerous, safe), apply the team's rules, check client operations, and report for people, CI
//! and pull requests.

use crate::cmd::fetch_args::FetchArgs;
use crate::exit::Exit;
use crate::schema_arg::Documents;
use crate::{output, schema_arg};
use anyhow::Context;
use clap::ValueEnum;
use schemalift_check::config::Config;
use schemalift_check::ops::{self, OperationsReport};
use schemalift_check::report::{self, DiffReport};
use schemalift_model::{Edition, LoadedSchema};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
OLD and NEW are each a schema file (.graphql, .graphqls, .gql), a directory of them, an
introspection .json, `-` for stdin, or git:REV:PATH (read from the git repository in the current
directory), e.g. `schemalift diff git:origin/main:schema.graphql schema.graphql`.

Without --ops, the operations are the `documents` of the project's graphql-config (.graphqlrc,
.graphqlrc.yml, graphql.config.yml, the graphql key of package.json, …) found in the current
directory or above it, if there is one: a line on stderr says so. --project NAME picks a project
of that file.

Rules come from the [diff] section of --config FILE, or of schemalift.toml in the current
directory or the nearest one above it, up to the repository root (see the README: ignore,
criticality, deprecated-removals, ignore-descriptions, approve).

Exit codes:
  0  nothing fails the check chosen by --fail-on
  1  something does: a breaking change (default), a breaking or dangerous one (--fail-on
     dangerous), a breaking change that one of the --ops operations uses (--fail-on
     used-breaking); also an --ops operation that does not validate against NEW
     (--fail-on none always exits 0 once the diff ran)
  2  usage or input error: unreadable or unparsable schema, bad config, bad --ops files, or an
     invalid schema with --strict";

/// Classify every change between two schema versions as breaking, dangerous or safe.
///
/// A schema that does not validate is still compared where it can be, with its errors shown as
/// warnings (unless --strict).
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub(super) struct Args {
    /// The old schema (see below for the forms a schema can take).
    #[arg(value_name = "OLD")]
    old: String,
    /// The new schema.
    #[arg(value_name = "NEW")]
    new: String,
    /// Report format: grouped text, JSON (stable, documented), Markdown for pull requests and
    /// changelogs, GitHub workflow annotations, SARIF 2.1.0 for code scanning, or GitLab Code
    /// Quality.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// What makes the command exit 1.
    #[arg(long, value_enum, default_value_t = FailOn::Breaking)]
    fail_on: FailOn,
    /// The configuration file whose [diff] section holds the rules (default: schemalift.toml
    /// found upwards from the current directory, up to the repository root).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Client operation documents: files, directories or glob patterns (repeatable, e.g.
    /// 'ops/**/*.graphql'), read as codegen --ops reads them; validate them against NEW and tell
    /// which breaking changes they use. Default: the `documents` of the graphql-config, if any.
    #[arg(long, value_name = "GLOB")]
    ops: Vec<String>,
    /// The graphql-config project whose documents are the operations when --ops is left out
    /// (default: the project named `default`).
    #[arg(long, value_name = "NAME")]
    project: Option<String>,
    /// Print a unified diff of the two schemas in canonical (sorted) SDL instead of the report.
    #[arg(long)]
    text: bool,
    /// Refuse a schema that does not validate (exit 2) instead of diffing it with warnings.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Markdown,
    Github,
    Sarif,
    Gitlab,
}

/// `--fail-on`, as clap parses it; the policy is [`schemalift_check::FailOn`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Breaking,
    Dangerous,
    UsedBreaking,
    None,
}

impl From<FailOn> for schemalift_check::FailOn {
    fn from(flag: FailOn) -> Self {
        match flag {
            FailOn::Breaking => Self::Breaking,
            FailOn::Dangerous => Self::Dangerous,
            FailOn::UsedBreaking => Self::UsedBreaking,
            FailOn::None => Self::None,
        }
    }
}

pub(super) fn run(args: Args) -> anyhow::Result<Exit> {
    let ops = schema_arg::from_graphql_config(
        &[],
        &args.ops,
        args.project.as_deref(),
        false,
        Documents::Optional,
    )?
    .ops;
    let fail_on = schemalift_check::FailOn::from(args.fail_on);
    if fail_on.needs_operations() && ops.is_empty() {
        anyhow::bail!("--fail-on used-breaking needs --ops GLOB (the operations to check) or a graphql-config with documents");
    }
    let rules = Config::find(args.config.as_deref())?.diff;
    // Read operations before the (slower) schemas so a bad glob fails fast.
    let op_files = (!ops.is_empty())
        .then(|| schemalift_model::documents::read(&ops))
        .transpose()?;

    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| load_side("OLD", &args.old, &args.fetch));
        let new = load_side("NEW", &args.new, &args.fetch);
        let old = old
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("loading OLD failed unexpectedly")));
        (old, new)
    });
    let (old, new) = (old?, new?);
    let mut warnings = Vec::new();
    // URLs as every command shows them (no password, no query values).
    let (old_name, new_name) = (schema_arg::shown(&args.old), schema_arg::shown(&args.new));
    for (side, arg, loaded) in [("OLD", &old_name, &old), ("NEW", &new_name, &new)] {
        if loaded.is_valid() {
            continue;
        }
        let located = loaded.located_under(Edition::default());
        // Published schemas (GitHub's) break rules newer than October 2021 and still describe
        // a working API: warned about, never refused.
        let only_newer = loaded.is_valid_under(Edition::October2021);
        let summary = if only_newer {
            format!(
                "{side} {arg} breaks rules newer than October 2021 ({})",
                schema_arg::errors(located.len())
            )
        } else {
            format!(
                "{side} {arg} is not a valid schema ({})",
                schema_arg::errors(located.len())
            )
        };
        if args.strict && !only_newer {
            schema_arg::print_loaded_diagnostics(loaded, Edition::default());
            anyhow::bail!("{summary}; refusing to diff it with --strict");
        }
        let going_on = if only_newer {
            "diffing it"
        } else {
            "diffing what could be built"
        };
        output::warning(format!("{summary}; {going_on}"));
        for error in located.iter().take(5) {
            output::warning(format!("  {error}"));
        }
        warnings.push(summary);
        warnings.extend(located.iter().map(|e| format!("{side}: {e}")));
    }

    let changes = schemalift_check::diff(&old.schema, &new.schema);

    if args.text {
        output::stdout(&schemalift_check::textual::unified(
            &old.schema,
            &new.schema,
            &old_name,
            &new_name,
        ))?;
    }

    let mut findings = rules.apply(changes);
    for stale in rules.unused_approvals(&findings) {
        let message = format!("{stale} matches no change; remove it from the rules file");
        output::warning(&message);
        warnings.push(message);
    }
    let operations: Option<OperationsReport> = match &op_files {
        Some(files) => {
            let report = ops::check(files, &old.schema, &new.schema)?;
            report.annotate(&mut findings);
            schema_arg::print_error_lines(
                "operation does not validate against NEW: ",
                &report.errors,
            );
            Some(report)
        }
        None => None,
    };

    let report = DiffReport {
        old_name,
        new_name,
        findings,
        new_schema: &new.schema,
        warnings,
        operations: operations.as_ref(),
        rules_file: rules.path.as_ref().map(|p| p.display().to_string()),
    };
    if !args.text {
        match args.format {
            // The human report is styled; the machine formats are data, written as they are.
            Format::Text => output::styled_stdout(&report::text(&report))?,
            Format::Json => output::stdout(&report::json(&report))?,
            Format::Markdown => output::stdout(&report::markdown(&report))?,
            Format::Github => output::stdout(&report::github(&report))?,
            Format::Sarif => output::stdout(&report::sarif(&report, &std::env::current_dir()?))?,
            Format::Gitlab => output::stdout(&report::gitlab(&report, &std::env::current_dir()?))?,
        }
    }

    let ops_invalid = operations.as_ref().is_some_and(|o| !o.errors.is_empty());
    Ok(if fail_on.fails(&report.counts(), ops_invalid) {
        Exit::Problem
    } else {
        Exit::Ok
    })
}

/// Load one side; syntax errors print their diagnostics, every error names the side.
fn load_side(side: &str, arg: &str, fetch: &FetchArgs) -> anyhow::Result<LoadedSchema> {
    schema_arg::load_with(std::slice::from_ref(&arg.to_owned()), fetch)
        .inspect_err(schema_arg::print_syntax_errors)
        .with_context(|| format!("{side} {}", schema_arg::shown(arg)))
}
