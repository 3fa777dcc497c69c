//! Where the binary writes: results on stdout (a write error, a closed pipe among them, comes back
//! to `main`), one-line errors and warnings on stderr. Colour goes through `anstream`: human
//! reports and message prefixes are always styled, and the stream strips the styles unless it is
//! a terminal with colour wanted (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`, as anstream reads them).
//! Data (SDL, JSON, Markdown) is written as it is, never filtered.

use anstyle::{AnsiColor, Style};
use std::io::Write;

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();

/// Write a command's result to stdout and flush it. Errors come back, so a closed pipe
/// (`| head`) reaches `main`, which stops quietly (`is_broken_pipe`).
pub(crate) fn stdout(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// Write a styled human report to stdout, coloured as the terminal and `--color` allow.
pub(crate) fn styled_stdout(text: &str) -> std::io::Result<()> {
    // Buffered: the strip filter writes each unstyled span on its own, and stdout's own line
    // buffering would write a long report line by line.
    let mut stdout = std::io::BufWriter::new(anstream::stdout().lock());
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// Write styled text (diagnostic reports) to stderr in one go: stderr is unbuffered, and a
/// report written piece by piece costs a system call per piece.
pub(crate) fn styled_stderr(text: &str) {
    let mut stderr = std::io::BufWriter::new(anstream::stderr().lock());
    // Nothing is left to tell about a failed write to stderr.
    let _ = stderr
        .write_all(text.as_bytes())
        .and_then(|()| stderr.flush());
}

/// `error: ` as a line of errors starts, styled.
pub(crate) fn error_prefix() -> String {
    format!("{ERROR}error:{ERROR:#} ")
}

/// Whether an error is, anywhere in its chain of causes, a write to a closed pipe: the reader of
/// stdout went away (`schemalift diff A B | head -1`), which is not a failure of the command.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Print an error as `error: <message>: <cause>: <cause>` on one line, skipping causes that the
/// message before them already quotes.
pub(crate) fn error(err: &anyhow::Error) {
    let mut line = String::new();
    for cause in err.chain().map(ToString::to_string) {
        if line.is_empty() {
            line = cause;
        } else if !line.ends_with(&cause) {
            line = format!("{line}: {cause}");
        }
    }
    styled_stderr(&format!(
        "{}{}\n",
        error_prefix(),
        escape_controls(&capped(&line))
    ));
}

/// Print a warning line on stderr.
pub(crate) fn warning(message: impl std::fmt::Display) {
    styled_stderr(&format!(
        "{WARNING}warning:{WARNING:#} {}\n",
        escape_controls(&capped(&message.to_string()))
    ));
}

/// The longest error or warning line, in characters. Messages quote their input (a TOML value,
/// a token), and a damaged file can make that a megabyte: past this, the line is cut and says
/// how much was left out.
const LONGEST_LINE: usize = 1_000;

fn capped(line: &str) -> std::borrow::Cow<'_, str> {
    let count = line.chars().count();
    if count <= LONGEST_LINE {
        return line.into();
    }
    let kept: String = line.chars().take(LONGEST_LINE).collect();
    format!("{kept}… ({} more characters)", count - LONGEST_LINE).into()
}

/// A message with its control characters written out (`\x1b`, `\r`, `\n`): errors and warnings
/// quote server text, whose ESC, OSC, BEL, CR or LF could clear the screen, set the window
/// title or split the one line a message promises.
pub(crate) fn escape_controls(message: &str) -> std::borrow::Cow<'_, str> {
    if !message.chars().any(char::is_control) {
        return message.into();
    }
    message
        .chars()
        .map(|c| match c {
            '\n' => "\\n".to_owned(),
            '\r' => "\\r".to_owned(),
            '\t' => "\\t".to_owned(),
            c if c.is_control() => format!("\\x{:02x}", c as u32),
            c => c.to_string(),
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::{escape_controls, is_broken_pipe};
    use anyhow::Context;
    use std::io::{Error, ErrorKind};

    #[test]
    fn a_broken_pipe_is_found_anywhere_in_the_chain() {
        let pipe = || Error::new(ErrorKind::BrokenPipe, "Broken pipe (os error 32)");
        assert!(is_broken_pipe(&anyhow::Error::from(pipe())));
        let wrapped: anyhow::Result<()> = Err(pipe()).context("writing the report");
        assert!(is_broken_pipe(&wrapped.unwrap_err()));
        let other = anyhow::Error::from(Error::new(ErrorKind::PermissionDenied, "denied"));
        assert!(!is_broken_pipe(&other));
        assert!(!is_broken_pipe(&anyhow::anyhow!(
            "Broken pipe, as text only"
        )));
    }

    #[test]
    fn a_line_quoting_a_huge_value_is_cut() {
        // Issue 12's mutation tests: 2 000 braces inserted into a value of schemalift.toml made
        // `diff` print the TOML error, which quotes the value, on one line of 4 131 characters.
        let line = format!("unknown variant `brea{}king`", "{".repeat(2_000));
        let cut = super::capped(&line);
        assert!(cut.ends_with("{… (1026 more characters)"), "{cut}");
        assert_eq!(
            cut.chars().count(),
            super::LONGEST_LINE + "… (1026 more characters)".chars().count()
        );
        assert_eq!(super::capped("short"), "short");
    }

    #[test]
    fn control_characters_are_written_out() {
        assert_eq!(escape_controls("plain text"), "plain text");
        assert_eq!(
            escape_controls("bad\x1b[2J\x1b]0;title\x07 token\r\nnext"),
            "bad\\x1b[2J\\x1b]0;title\\x07 token\\r\\nnext"
        );
        assert_eq!(escape_controls("\u{9b}x"), "\\x9bx");
    }
}
