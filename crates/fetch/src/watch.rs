//! `fetch --watch`: poll an endpoint and act on each change. [`watch`] holds the decisions —
//! a poll whose printed schema is the same is nothing; one whose text differs is written, and
//! announced to the webhook only when the schema itself changed; a failed poll is a warning and
//! the next one is tried, unless it was the last of `--polls` — and a [`Watcher`] does the rest
//! (the clock, the poll, printing, diffing, writing, notifying), so the decisions are tested
//! with a scripted watcher, no server and no sleeping.

use crate::{FetchError, Fetched};
use apollo_compiler::Schema;
use std::time::Duration;

/// What [`watch`] needs from its caller.
pub trait Watcher {
    /// One difference between two schemas (the command line's is `schemalift_check::Change`;
    /// this crate does not depend on the diff).
    type Change;
    /// Why writing or printing failed; it ends the watch.
    type Error;
    /// Wait before the next poll.
    fn wait(&mut self, interval: Duration);
    /// Fetch once.
    fn poll(&mut self) -> Result<Fetched, FetchError>;
    /// The text written to the file for a schema.
    fn render(&self, schema: &Schema) -> String;
    /// What changed from `old` to `new`.
    fn diff(&self, old: &Schema, new: &Schema) -> Vec<Self::Change>;
    /// Something the user should know (a fetch's warnings, a failed poll).
    fn warn(&mut self, message: &str);
    /// The text changed: write it and say what changed (`changes` is empty when only the
    /// printed text differs).
    fn write(
        &mut self,
        fetched: &Fetched,
        text: &str,
        changes: &[Self::Change],
    ) -> Result<(), Self::Error>;
    /// Announce a schema change (`changes` is never empty). A failure is the watcher's to
    /// report; the watch goes on.
    fn notify(&mut self, fetched: &Fetched, changes: Vec<Self::Change>);
}

/// How a watch with a number of polls ended.
#[derive(Debug)]
pub enum WatchEnd {
    /// Every poll was made, the last one answered.
    Done,
    /// The last of `polls` failed: a CI job must not pass on a dead endpoint. The file keeps
    /// the last good schema.
    LastPollFailed { polls: u64, error: FetchError },
}

/// Poll every `interval` until `polls` are done (or forever): `schema` and `text` are the first
/// fetch's, the baseline, never a change.
pub fn watch<W: Watcher>(
    watcher: &mut W,
    mut schema: Schema,
    mut text: String,
    interval: Duration,
    polls: Option<u64>,
) -> Result<WatchEnd, W::Error> {
    let mut done = 0;
    while polls.is_none_or(|polls| done < polls) {
        watcher.wait(interval);
        done += 1;
        let fetched = match watcher.poll() {
            Ok(fetched) => fetched,
            Err(error) if polls == Some(done) => {
                return Ok(WatchEnd::LastPollFailed { polls: done, error })
            }
            Err(error) => {
                watcher.warn(&format!("poll failed, will try again: {error}"));
                continue;
            }
        };
        for warning in &fetched.warnings {
            watcher.warn(warning);
        }
        let new_text = watcher.render(&fetched.schema);
        if new_text == text {
            continue;
        }
        // Same schema, different text (description order, the server's formatting): written,
        // but nothing to announce.
        let changes = watcher.diff(&schema, &fetched.schema);
        watcher.write(&fetched, &new_text, &changes)?;
        if !changes.is_empty() {
            watcher.notify(&fetched, changes);
        }
        schema = fetched.schema;
        text = new_text;
    }
    Ok(WatchEnd::Done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Capabilities, Endpoint};
    use std::collections::VecDeque;

    /// A poll's answer: an SDL text, or a failure.
    enum Answer {
        Sdl(&'static str),
        Fails,
    }

    /// Answers from a script, and a log of everything the watch did.
    struct Script {
        answers: VecDeque<Answer>,
        log: Vec<String>,
        /// Make every write fail.
        unwritable: bool,
    }

    fn script(answers: impl IntoIterator<Item = Answer>) -> Script {
        Script {
            answers: answers.into_iter().collect(),
            log: Vec::new(),
            unwritable: false,
        }
    }

    fn schema(sdl: &str) -> Schema {
        Schema::parse(sdl, "s.graphql").unwrap()
    }

    impl Watcher for Script {
        type Change = String;
        type Error = String;

        fn wait(&mut self, interval: Duration) {
            self.log.push(format!("wait {}", interval.as_secs()));
        }

        fn poll(&mut self) -> Result<Fetched, FetchError> {
            match self.answers.pop_front().expect("no poll past the script") {
                Answer::Sdl(sdl) => Ok(Fetched {
                    endpoint: Endpoint::parse("http://127.0.0.1:1/graphql").unwrap(),
                    schema: schema(sdl),
                    capabilities: Capabilities::modern(),
                    depth: 10,
                    warnings: sdl
                        .contains("partial")
                        .then(|| "partial answer".to_owned())
                        .into_iter()
                        .collect(),
                }),
                Answer::Fails => Err(FetchError::NoEndpoint),
            }
        }

        /// The SDL as written, so that formatting alone makes a different text.
        fn render(&self, schema: &Schema) -> String {
            schema
                .sources
                .values()
                .map(|s| s.source_text().to_string())
                .collect()
        }

        /// The names of the types added.
        fn diff(&self, old: &Schema, new: &Schema) -> Vec<String> {
            new.types
                .keys()
                .filter(|name| !old.types.contains_key(*name))
                .map(|name| name.to_string())
                .collect()
        }

        fn warn(&mut self, message: &str) {
            self.log.push(format!("warn {message}"));
        }

        fn write(&mut self, _: &Fetched, _: &str, changes: &[String]) -> Result<(), String> {
            if self.unwritable {
                return Err("read-only".into());
            }
            self.log.push(format!("write {changes:?}"));
            Ok(())
        }

        fn notify(&mut self, _: &Fetched, changes: Vec<String>) {
            self.log.push(format!("notify {changes:?}"));
        }
    }

    const FIRST: &str = "type Query { a: Int }";

    fn run(script: &mut Script, polls: Option<u64>) -> Result<WatchEnd, String> {
        let first = schema(FIRST);
        let text = script.render(&first);
        watch(script, first, text, Duration::from_secs(5), polls)
    }

    #[test]
    fn the_same_schema_is_nothing_and_a_change_is_written_then_announced() {
        let mut s = script([
            Answer::Sdl(FIRST),
            Answer::Sdl("type Query { a: Int b: B } type B { x: Int }"),
            Answer::Sdl("type Query { a: Int b: B } type B { x: Int }"),
        ]);
        assert!(matches!(run(&mut s, Some(3)), Ok(WatchEnd::Done)));
        assert_eq!(
            s.log,
            [
                "wait 5",
                "wait 5",
                r#"write ["B"]"#,
                r#"notify ["B"]"#,
                "wait 5"
            ]
        );
    }

    #[test]
    fn a_different_text_without_a_schema_change_is_written_but_not_announced() {
        let mut s = script([
            Answer::Sdl("type Query {  a: Int }"),
            Answer::Sdl("type Query { a: Int c: C } type C { y: Int }"),
        ]);
        run(&mut s, Some(2)).unwrap();
        assert_eq!(
            s.log,
            [
                "wait 5",
                "write []",
                "wait 5",
                r#"write ["C"]"#,
                r#"notify ["C"]"#
            ]
        );
    }

    #[test]
    fn a_failed_poll_is_a_warning_unless_it_is_the_last() {
        let mut s = script([Answer::Fails, Answer::Sdl(FIRST), Answer::Fails]);
        match run(&mut s, Some(3)) {
            Ok(WatchEnd::LastPollFailed { polls: 3, error }) => {
                assert!(matches!(error, FetchError::NoEndpoint))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(s.log.len(), 4, "{:?}", s.log);
        assert!(s.log[1].starts_with("warn poll failed, will try again: "));
        // Failing then answering: the watch ends well.
        let mut s = script([Answer::Fails, Answer::Sdl(FIRST)]);
        assert!(matches!(run(&mut s, Some(2)), Ok(WatchEnd::Done)));
    }

    #[test]
    fn a_fetch_s_warnings_are_passed_on_and_a_failed_write_ends_the_watch() {
        let mut s = script([Answer::Sdl(
            "\"partial\" type Query { a: Int } type D { z: Int }",
        )]);
        s.unwritable = true;
        assert_eq!(run(&mut s, Some(2)).unwrap_err(), "read-only");
        assert_eq!(s.log, ["wait 5", "warn partial answer"]);
    }

    #[test]
    fn without_polls_it_goes_on() {
        // The script runs out on the fourth poll: the watch asked for it.
        let mut s = script([Answer::Sdl(FIRST), Answer::Fails, Answer::Sdl(FIRST)]);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&mut s, None)));
        assert!(outcome.is_err());
        assert_eq!(s.log.len(), 5, "{:?}", s.log);
        assert!(s.log[2].starts_with("warn poll failed, will try again: "));
    }
}
