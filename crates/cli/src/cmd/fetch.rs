//! `schemalift fetch [URL] [-o FILE] [--format sdl|json] [--watch SECONDS]`: introspect a live
//! endpoint (with Spacelift's authentication) and write its schema.

use super::fetch_args::FetchArgs;
use crate::exit::Exit;
use crate::output;
use clap::ValueEnum;
use schemalift_check::report::{self, DiffReport};
use schemalift_check::rules::Finding;
use schemalift_check::Change;
use schemalift_fetch::notify::{Notifier, NotifyOptions};
use schemalift_fetch::{
    Client, Endpoint, FetchError, Fetched, Progress, RetryPolicy, Secret, WatchEnd, Watcher,
};
use schemalift_model::{introspection, sdl, write_atomic, Schema};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Introspect a GraphQL endpoint and write its schema as SDL or introspection JSON.
///
/// The server's capabilities are probed first, then everything it supports is asked for
/// (descriptions, deprecated arguments and input fields, repeatable directives, @specifiedBy,
/// @oneOf); servers that reject newer fields get the June 2018 query, depth-limited servers a
/// shallower one. Credentials (Spacelift API token, API key, GitHub token; flags, else the
/// SPACELIFT_API_* variables as spacectl reads them) are exchanged for a JWT that is cached per
/// endpoint and key until 30 s before it expires (`schemalift auth status`).
/// Every fetch is bounded: one overall deadline (--max-time) for all its requests, retries and
/// waits, and a cap on the decoded size of each answer (--max-response-size).
/// Exit codes: 0 ok, 2 the endpoint could not be fetched (with --watch --polls: the last poll
/// failed; the file keeps the last good schema).
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// The endpoint, with or without /graphql (default: the endpoint the credentials name:
    /// the token's audience or SPACELIFT_API_KEY_ENDPOINT).
    #[arg(value_name = "URL")]
    url: Option<String>,
    /// Write here (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format (default: from the -o extension, .json is introspection JSON; else sdl).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Sort types, fields, arguments and values lexicographically, for stable diffs.
    #[arg(long)]
    sort: bool,
    /// Poll every SECONDS; on each change rewrite the file and print what changed. Needs -o.
    #[arg(long, value_name = "SECONDS", requires = "output", value_parser = watch_interval)]
    watch: Option<Duration>,
    /// With --watch: stop after this many polls (default: until interrupted). The exit status
    /// is then the last poll's: 2 when it failed.
    #[arg(long, value_name = "N", requires = "watch")]
    polls: Option<u64>,
    /// With --watch: on each change, POST the `diff --format json` report, its `text` field a
    /// Markdown summary (counts, then the breaking changes) that a Slack or Mattermost incoming
    /// webhook shows as it is. Retried as the fetch is (--timeout, --retries, --max-time); a
    /// failure is a warning and the watch goes on. The URL is never printed.
    #[arg(long, value_name = "URL", requires = "watch", value_parser = secret)]
    notify: Option<Secret>,
    #[command(flatten)]
    endpoint: FetchArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Sdl,
    Json,
}

/// The webhook URL carries its secret in the path (Slack's do): `Debug` must not show it.
fn secret(value: &str) -> Result<Secret, String> {
    Ok(Secret::new(value))
}

fn watch_interval(value: &str) -> Result<Duration, String> {
    match value.parse::<f64>() {
        Ok(s) if (0.1..=86_400.0).contains(&s) => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!(
            "`{value}` is not a number of seconds between 0.1 and 86400"
        )),
    }
}

pub(super) fn run(args: Args) -> anyhow::Result<Exit> {
    let format = args.format.unwrap_or_else(|| match &args.output {
        Some(path) if path.extension().is_some_and(|e| e == "json") => Format::Json,
        _ => Format::Sdl,
    });
    // A webhook that cannot be used is an error before anything is fetched.
    let notifier = match &args.notify {
        Some(url) => Some(Notifier::new(
            url.expose(),
            NotifyOptions {
                timeout: args.endpoint.timeout,
                retry: RetryPolicy {
                    retries: args.endpoint.retries,
                    ..RetryPolicy::default()
                },
                max_time: args.endpoint.max_time,
            },
        )?),
        None => None,
    };
    let spinner = Spinner::start();
    let target = args
        .endpoint
        .target(args.url.as_deref(), spinner.progress())?;
    let mut client = Client::new(target.endpoint, target.options)?;
    let first = client.fetch();
    spinner.finish();
    let fetched = first?;
    report(&fetched);
    let text = render(&fetched.schema, format, args.sort);
    match &args.output {
        Some(path) => {
            write(path, &text)?;
            eprintln!(
                "wrote {} ({} types) from {}",
                path.display(),
                type_count(&fetched.schema),
                fetched.endpoint
            );
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())?;
        }
    }
    let (Some(interval), Some(path)) = (args.watch, &args.output) else {
        return Ok(Exit::Ok);
    };
    eprintln!(
        "watching {} every {:.1} s",
        client.endpoint(),
        interval.as_secs_f64()
    );
    let mut watcher = Watching {
        client: &mut client,
        path,
        format,
        sort: args.sort,
        notifier: notifier.as_ref(),
    };
    match schemalift_fetch::watch(&mut watcher, fetched.schema, text, interval, args.polls)? {
        WatchEnd::Done => Ok(Exit::Ok),
        WatchEnd::LastPollFailed { polls, error } => Err(anyhow::anyhow!(
            "the last poll ({polls} of {polls}) failed, {} keeps the last good schema: {error}",
            path.display()
        )),
    }
}

/// `--watch` as the command line does it ([`schemalift_fetch::watch`] decides): the real clock,
/// the client, the file, `schemalift_check::diff`, stdout and the `--notify` webhook.
struct Watching<'a> {
    client: &'a mut Client,
    path: &'a Path,
    format: Format,
    sort: bool,
    notifier: Option<&'a Notifier>,
}

impl Watcher for Watching<'_> {
    type Change = Change;
    type Error = anyhow::Error;

    fn wait(&mut self, interval: Duration) {
        std::thread::sleep(interval);
    }

    fn poll(&mut self) -> Result<Fetched, FetchError> {
        self.client.fetch()
    }

    fn render(&self, schema: &Schema) -> String {
        render(schema, self.format, self.sort)
    }

    fn diff(&self, old: &Schema, new: &Schema) -> Vec<Change> {
        schemalift_check::diff(old, new)
    }

    fn warn(&mut self, message: &str) {
        output::warning(message);
    }

    fn write(&mut self, fetched: &Fetched, text: &str, changes: &[Change]) -> anyhow::Result<()> {
        write(self.path, text)?;
        let mut stdout = std::io::stdout().lock();
        writeln!(
            stdout,
            "{}: {} change{}, wrote {}",
            fetched.endpoint,
            changes.len(),
            if changes.len() == 1 { "" } else { "s" },
            self.path.display()
        )?;
        for change in changes {
            writeln!(
                stdout,
                "  {:<9} {}",
                change.criticality().to_string(),
                change.message()
            )?;
        }
        if changes.is_empty() {
            // Same schema, different text (descriptions order, formatting of the server).
            writeln!(stdout, "  (no schema change; the printed text differs)")?;
        }
        stdout.flush()?;
        Ok(())
    }

    fn notify(&mut self, fetched: &Fetched, changes: Vec<Change>) {
        if let Some(notifier) = self.notifier {
            notify(notifier, &fetched.endpoint, changes, &fetched.schema);
        }
    }
}

/// POST one change set to the `--notify` webhook, as `diff --format json` renders it. A failure
/// is one warning line (which never names the URL) and the watch goes on.
fn notify(notifier: &Notifier, endpoint: &Endpoint, changes: Vec<Change>, schema: &Schema) {
    let report = DiffReport {
        old_name: format!("{endpoint} (previous)"),
        new_name: endpoint.to_string(),
        findings: changes.into_iter().map(Finding::new).collect(),
        new_schema: schema,
        warnings: Vec::new(),
        operations: None,
        rules_file: None,
    };
    if let Err(e) = notifier.send(&report::json(&report)) {
        output::warning(format!("notification not sent, the watch goes on: {e}"));
    }
}

fn report(fetched: &Fetched) {
    for warning in &fetched.warnings {
        output::warning(warning);
    }
}

fn render(schema: &Schema, format: Format, sort: bool) -> String {
    match format {
        Format::Sdl => sdl::print(schema, sort),
        Format::Json => {
            let mut json = if sort {
                introspection::to_json_string(&sdl::sorted(schema), true)
            } else {
                introspection::to_json_string(schema, true)
            };
            json.push('\n');
            json
        }
    }
}

fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    write_atomic(path, text.as_bytes())
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
}

fn type_count(schema: &Schema) -> usize {
    schema.types.values().filter(|t| !t.is_built_in()).count()
}

/// A spinner on stderr for fetches slower than a second, on a terminal only.
struct Spinner {
    bar: Option<indicatif::ProgressBar>,
}

impl Spinner {
    const DELAY: Duration = Duration::from_secs(1);

    fn start() -> Spinner {
        if !std::io::stderr().is_terminal() {
            return Spinner { bar: None };
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message("connecting");
        let shown = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Self::DELAY);
            if !shown.is_finished() {
                shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Spinner { bar: Some(bar) }
    }

    fn progress(&self) -> Option<Progress> {
        let bar = self.bar.clone()?;
        Some(Progress(Arc::new(move |step: &str| {
            bar.set_message(step.to_owned())
        })))
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
