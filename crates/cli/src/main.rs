//! The `schemalift` binary: parses the command line and calls the library crates.
//!
//! Thin by design (see ARCHITECTURE.md): each sub-command lives in `cmd/<name>.rs` and only turns
//! flags into library calls and library results into output and an exit code.

mod cmd;
mod exit;
mod output;
mod schema_arg;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code.into(),
        Err(err) => {
            output::error(&err);
            exit::Exit::Error.into()
        }
    }
}
