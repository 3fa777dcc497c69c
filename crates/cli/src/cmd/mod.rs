//! The sub-commands, one module each, and the top-level `Cli` that clap parses.

use crate::exit::Exit;
use clap::{Parser, Subcommand};

mod auth;
mod changelog;
mod codegen;
mod convert;
mod diff;
mod docs;
mod fetch;
pub(crate) mod fetch_args;
mod validate;

/// Fetch, validate, diff and render GraphQL schemas of APIs you do not own.
///
/// Exit codes: 0 ok, 1 the check found a problem (an invalid schema, a breaking change),
/// 2 usage or input error.
#[derive(Debug, Parser)]
#[command(
    name = "schemalift",
    version,
    about,
    long_about,
    propagate_version = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
    /// `--color auto|always|never` on every sub-command: auto colours a terminal unless
    /// `NO_COLOR` is set (`CLICOLOR_FORCE` colours anything).
    #[command(flatten)]
    color: colorchoice_clap::Color,
}

#[derive(Debug, Subcommand)]
enum Command {
    Validate(validate::Args),
    Convert(convert::Args),
    Diff(diff::Args),
    Changelog(changelog::Args),
    Docs(docs::Args),
    Codegen(codegen::Args),
    Fetch(fetch::Args),
    Auth(auth::Args),
}

pub(crate) fn run(cli: Cli) -> anyhow::Result<Exit> {
    // anstream's choice, and through concolor's `api` feature (Cargo.toml) apollo-compiler's
    // for its diagnostic reports.
    cli.color.write_global();
    match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Changelog(args) => changelog::run(args),
        Command::Docs(args) => docs::run(args),
        Command::Codegen(args) => codegen::run(args),
        Command::Fetch(args) => fetch::run(args),
        Command::Auth(args) => auth::run(args),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        // Catches clashing flags between commands and the endpoint flags they flatten.
        super::Cli::command().debug_assert();
    }
}
