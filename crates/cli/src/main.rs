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

/// mimalloc instead of the system allocator: a fifth less CPU time for `docs` of a large schema,
/// 5–15% off every command, for a few MiB more peak memory (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code.into(),
        // The reader of stdout went away (`| head`): stop quietly with status 0, as ripgrep does.
        // The Rust runtime ignores SIGPIPE, so a closed pipe is an io::Error of kind BrokenPipe
        // from whichever write met it; every command returns it, and this is the one place that
        // handles it.
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            output::error(&err);
            exit::Exit::Error.into()
        }
    }
}
