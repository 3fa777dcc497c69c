//! Exit codes, part of the command-line interface: 0 ok, 1 the check found a problem, 2 usage or
//! input error.

use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything went well.
    Ok,
    /// The command ran and found a problem: an invalid schema, a breaking change.
    Problem,
    /// The command could not run: bad usage, unreadable or unparsable input, a failed request.
    Error,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(match exit {
            Exit::Ok => 0,
            Exit::Problem => 1,
            Exit::Error => 2,
        })
    }
}
