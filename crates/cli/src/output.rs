//! Where the binary writes: one-line errors and warnings on stderr, colour only on a terminal.

use std::io::IsTerminal;

/// Whether stderr is a terminal (and `NO_COLOR` is unset), so diagnostics may use colour.
pub fn stderr_color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Print an error as `error: <message>: <cause>: <cause>` on one line.
pub fn error(err: &anyhow::Error) {
    let chain: Vec<String> = err.chain().map(ToString::to_string).collect();
    eprintln!("error: {}", chain.join(": "));
}

/// Print a warning line on stderr.
pub fn warning(message: impl std::fmt::Display) {
    eprintln!("warning: {message}");
}
