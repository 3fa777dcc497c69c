//! Where the binary writes: one-line errors and warnings on stderr, colour only on a terminal.

use std::io::IsTerminal;

/// Whether stderr is a terminal (and `NO_COLOR` is unset), so diagnostics may use colour.
pub fn stderr_color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Print an error as `error: <message>: <cause>: <cause>` on one line, skipping causes that the
/// message before them already quotes.
pub fn error(err: &anyhow::Error) {
    let mut line = String::new();
    for cause in err.chain().map(ToString::to_string) {
        if line.is_empty() {
            line = cause;
        } else if !line.ends_with(&cause) {
            line = format!("{line}: {cause}");
        }
    }
    eprintln!("error: {line}");
}

/// Print a warning line on stderr.
pub fn warning(message: impl std::fmt::Display) {
    eprintln!("warning: {message}");
}
