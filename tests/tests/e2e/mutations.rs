//! Mutation tests: real inputs, damaged in seeded, reproducible ways, fed to every command and
//! every flag that reads a file, through the real binary.
//!
//! The inputs are the ones users hand schemalift: the sample schemas (`schemas/`), an
//! introspection JSON of the corpus, the sample operations documents, a `schemalift.toml`, a
//! `--header-file`, a Spacelift API key file, spacectl's `config.json` and a PEM client
//! certificate. Each mutation is one of: bytes deleted, inserted or replaced, the file truncated,
//! lines duplicated or deleted, two tokens swapped, a brace, bracket, parenthesis or quote added
//! or removed, a number made huge, NUL bytes, invalid UTF-8, a byte-order mark or CR line ends,
//! deep nesting, or the whole input twice. Every run must end (a per-run watchdog kills it after
//! 20 s and fails the test), without a panic or a signal, with exit 0, 1 or 2; exit 2 with an
//! error line, exit 1 with something said; and where the damaged input is not a schema or an
//! operations document (whose diagnostics are listed one by one), with a stderr of a few lines.
//!
//! A failing case is named by its family, run and mutation (the seed is fixed, so it repeats),
//! and its input is kept under `target/mutation-failures/` to reproduce it by hand.

use schemalift_tests::server::{self, Config, TestPki};
use schemalift_tests::{bin, corpus_dir, repo_root, sample, schemalift};
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The one seed: change it to explore (`SCHEMALIFT_MUTATIONS_SEED`), keep it to reproduce.
const SEED: u64 = 0x5eed_2026_1203_0012;

/// Runs per family are this many times each family's base count (about 2,000 runs in all,
/// 30 s on two cores); `SCHEMALIFT_MUTATIONS_SCALE` changes it, to explore.
const SCALE: usize = 3;

fn knob(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| {
            let v = v.trim();
            match v.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16).ok(),
                None => v.parse().ok(),
            }
        })
        .unwrap_or(default)
}

/// A run that takes longer is a hang.
const WATCHDOG: Duration = Duration::from_secs(20);

/// Binaries run at once: each is short, so more than the two cores keeps them busy.
const WORKERS: usize = 4;

// --- a small deterministic generator (no dependency, same sequence everywhere) --------------

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// In `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// --- mutations ------------------------------------------------------------------------------

/// Bytes that mean something to one of the parsers (GraphQL, JSON, TOML, PEM, headers), and some
/// that mean trouble.
const HOSTILE: &[u8] =
    b"{}[]()<>:;!@$#&|=\"'\\\n\r\t ,.0123456789aZ_-+*/`~\x00\x1b\x7f\xff\xc3\x80";

/// Damage `input` in one way; returns the damaged bytes and what was done, for the case's name.
fn mutate(rng: &mut Rng, input: &[u8]) -> (Vec<u8>, String) {
    let mut out = input.to_vec();
    let len = out.len();
    let at = rng.below(len + 1);
    let what = match rng.below(17) {
        0 => {
            let n = 1 + rng.below(16);
            let end = (at + n).min(len);
            out.drain(at..end);
            format!("deleted {} bytes at {at}", end - at)
        }
        1 => {
            let n = 1 + rng.below(8);
            let bytes: Vec<u8> = (0..n).map(|_| *rng.pick(HOSTILE)).collect();
            out.splice(at..at, bytes.iter().copied());
            format!("inserted {bytes:?} at {at}")
        }
        2 => {
            out.truncate(at);
            format!("truncated to {at} bytes")
        }
        3 => {
            let lines = line_starts(&out);
            let first = rng.below(lines.len());
            let count = 1 + rng.below(20);
            let start = lines[first];
            let end = lines.get(first + count).copied().unwrap_or(out.len());
            let copy = out[start..end].to_vec();
            out.splice(end..end, copy);
            format!("duplicated lines {}..{}", first + 1, first + count)
        }
        4 => {
            let lines = line_starts(&out);
            let line = rng.below(lines.len());
            let end = lines.get(line + 1).copied().unwrap_or(out.len());
            out.drain(lines[line]..end);
            format!("deleted line {}", line + 1)
        }
        5 => swap_tokens(rng, &mut out),
        6 => {
            const PAIRS: &[u8] = b"{}[]()\"";
            let c = *rng.pick(PAIRS);
            match out.iter().enumerate().filter(|(_, b)| **b == c).count() {
                n if n > 0 && rng.below(2) == 0 => {
                    let nth = rng.below(n);
                    let index = out
                        .iter()
                        .enumerate()
                        .filter(|(_, b)| **b == c)
                        .nth(nth)
                        .map(|(i, _)| i)
                        .unwrap_or(0);
                    out.remove(index);
                    format!("removed `{}` at {index}", c as char)
                }
                _ => {
                    out.insert(at, c);
                    format!("inserted `{}` at {at}", c as char)
                }
            }
        }
        7 => huge_number(rng, &mut out),
        8 => {
            let n = 1 + rng.below(3);
            out.splice(at..at, std::iter::repeat_n(0u8, n));
            format!("inserted {n} NUL at {at}")
        }
        9 => {
            const INVALID: &[&[u8]] = &[
                b"\xff",
                b"\xc3\x28",
                b"\xed\xa0\x80",
                b"\xf0\x28\x8c\x28",
                b"\x80",
                b"\xfe\xff",
            ];
            let bytes = *rng.pick(INVALID);
            out.splice(at..at, bytes.iter().copied());
            format!("inserted invalid UTF-8 {bytes:?} at {at}")
        }
        10 | 11 => deep_nesting(rng, &mut out, at),
        12 => {
            let choice = rng.below(3);
            match choice {
                0 => {
                    out.splice(0..0, *b"\xef\xbb\xbf");
                    "a byte-order mark".to_owned()
                }
                1 => {
                    out = String::from_utf8_lossy(&out)
                        .replace('\n', "\r\n")
                        .into_bytes();
                    "CRLF line ends".to_owned()
                }
                _ => {
                    out = out
                        .iter()
                        .map(|b| if *b == b'\n' { b'\r' } else { *b })
                        .collect();
                    "CR line ends".to_owned()
                }
            }
        }
        13 => {
            out.extend_from_slice(input);
            "the whole input twice".to_owned()
        }
        14 => {
            // A byte replaced by another from the input (a typo of the file's own alphabet).
            if len == 0 {
                "empty".to_owned()
            } else {
                let index = at.min(len - 1);
                let by = out[rng.below(len)];
                out[index] = by;
                format!("replaced byte {index} by {by:?}")
            }
        }
        15 => {
            // A word replaced by another that means something to the grammar.
            const WORDS: &[&str] = &[
                "type",
                "extend",
                "schema",
                "query",
                "fragment",
                "on",
                "null",
                "true",
                "...",
                "@deprecated",
                "implements",
                "&",
                "|",
                "=",
                "!",
                "$x",
                "__typename",
                "[",
                "]",
                "\"\"\"",
                "#",
                "-----BEGIN CERTIFICATE-----",
                "[diff]",
                "{}",
                "[]",
                "-1",
            ];
            let word = *rng.pick(WORDS);
            out.splice(at..at, format!(" {word} ").into_bytes());
            format!("inserted `{word}` at {at}")
        }
        _ => {
            // A very long run of one character (a name, a string, a number, whitespace).
            let c = *rng.pick(b"a9 \"#");
            let n = *rng.pick(&[1_000usize, 100_000, 2_000_000]);
            out.splice(at..at, std::iter::repeat_n(c, n));
            format!("inserted {n} × `{}` at {at}", c as char)
        }
    };
    (out, what)
}

/// Where each line starts (at least `[0]`).
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(i, b)| **b == b'\n' && i + 1 < bytes.len())
                .map(|(i, _)| i + 1),
        )
        .collect()
}

/// Two whitespace-separated tokens trade places.
fn swap_tokens(rng: &mut Rng, out: &mut Vec<u8>) -> String {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, b) in out.iter().enumerate() {
        match (b.is_ascii_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                tokens.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, out.len()));
    }
    if tokens.len() < 2 {
        return "no tokens to swap".to_owned();
    }
    let (mut a, mut b) = (rng.below(tokens.len()), rng.below(tokens.len()));
    if a == b {
        b = (a + 1) % tokens.len();
    }
    if a > b {
        std::mem::swap(&mut a, &mut b);
    }
    let (first, second) = (tokens[a], tokens[b]);
    let mut swapped = out[..first.0].to_vec();
    swapped.extend_from_slice(&out[second.0..second.1]);
    swapped.extend_from_slice(&out[first.1..second.0]);
    swapped.extend_from_slice(&out[first.0..first.1]);
    swapped.extend_from_slice(&out[second.1..]);
    *out = swapped;
    format!("swapped tokens {a} and {b}")
}

/// A run of digits replaced by a number no type holds (or a digit-free spot given one).
fn huge_number(rng: &mut Rng, out: &mut Vec<u8>) -> String {
    const HUGE: &[&str] = &[
        "99999999999999999999999999999999999999999",
        "18446744073709551616",
        "-9223372036854775809",
        "1e999999",
        "-0.0e-99999",
        "4294967296",
        "NaN",
    ];
    let number = *rng.pick(HUGE);
    let digits: Vec<usize> = out
        .iter()
        .enumerate()
        .filter(|(i, b)| b.is_ascii_digit() && (*i == 0 || !out[i - 1].is_ascii_digit()))
        .map(|(i, _)| i)
        .collect();
    if digits.is_empty() {
        let at = rng.below(out.len() + 1);
        out.splice(at..at, number.bytes());
        return format!("inserted {number} at {at}");
    }
    let start = *rng.pick(&digits);
    let end = start
        + out[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    out.splice(start..end, number.bytes());
    format!("number at {start} made {number}")
}

/// Brackets, braces, list types, selections or JSON objects nested far deeper than any real
/// input, opened and closed (or only opened).
fn deep_nesting(rng: &mut Rng, out: &mut Vec<u8>, at: usize) -> String {
    let depth = *rng.pick(&[200usize, 2_000, 100_000]);
    let (open, close): (&str, &str) = *rng.pick(&[
        ("[", "]"),
        ("{", "}"),
        ("(", ")"),
        ("{ a ", "}"),
        ("{\"a\":", "}"),
        ("[", "Int]"),
        ("... on Query { ", "}"),
        ("a = [", "]"),
        ("[a.", "]"),
    ]);
    let closed = rng.below(3) != 0;
    let mut nest = open.repeat(depth);
    if closed {
        nest.push_str(&close.repeat(depth));
    }
    // A list type around a type name, where one is near, as a schema writes `[[Int]]`.
    let type_at = out[at..]
        .windows(2)
        .position(|w| w == b": ")
        .map(|i| at + i + 2);
    let at = match (open, type_at) {
        ("[", Some(position)) if closed => position,
        _ => at,
    };
    out.splice(at..at, nest.into_bytes());
    format!(
        "nested `{open}` {depth} deep at {at}{}",
        if closed { "" } else { ", never closed" }
    )
}

// --- the cases ------------------------------------------------------------------------------

/// One command family: which real input it damages and how the command line uses it.
struct Family {
    name: String,
    /// The real input.
    input: PathBuf,
    /// Where the damaged copy goes, relative to the case's directory.
    file: String,
    runs: usize,
    /// The damaged input is not a schema or operations document: its error is one line.
    one_line: bool,
    /// On stdin instead of a file.
    stdin: bool,
    /// The command line; `{}` in an argument is the damaged file, `{dir}` the case directory.
    args: Vec<String>,
    env: Vec<(String, String)>,
    /// Files copied beside the damaged one first (the rest of an operations folder).
    siblings: Vec<(PathBuf, String)>,
}

impl Family {
    fn new(
        name: impl Into<String>,
        input: PathBuf,
        file: &str,
        runs: usize,
        args: &[impl AsRef<str>],
    ) -> Self {
        Family {
            name: name.into(),
            input,
            file: file.to_owned(),
            runs,
            one_line: false,
            stdin: false,
            args: args.iter().map(|a| a.as_ref().to_owned()).collect(),
            env: Vec::new(),
            siblings: Vec::new(),
        }
    }

    fn one_line(mut self) -> Self {
        self.one_line = true;
        self
    }

    fn stdin(mut self) -> Self {
        self.stdin = true;
        self
    }

    fn env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    fn siblings(mut self, dir: &Path, into: &str, except: &str) -> Self {
        for entry in std::fs::read_dir(dir).expect("operations folder") {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name != except {
                self.siblings.push((path, format!("{into}/{name}")));
            }
        }
        self
    }
}

/// What a run showed, for the checks.
struct Run {
    code: Option<i32>,
    hung: bool,
    stdout_empty: bool,
    stderr: String,
    elapsed: Duration,
}

fn run_case(family: &Family, dir: &Path, damaged: &[u8]) -> Run {
    let file = dir.join(&family.file);
    std::fs::create_dir_all(file.parent().unwrap()).expect("case dir");
    if !family.stdin {
        std::fs::write(&file, damaged).expect("write the damaged input");
    }
    for (from, to) in &family.siblings {
        std::fs::copy(from, dir.join(to)).expect("copy a sibling");
    }
    let dir_text = dir.to_str().expect("UTF-8 temp dir");
    let args: Vec<OsString> = family
        .args
        .iter()
        .map(|a| {
            a.replace("{dir}", dir_text)
                .replace("{}", &family.file)
                .into()
        })
        .collect();
    let mut command: Command = schemalift();
    command
        .args(&args)
        .current_dir(dir)
        .env("SCHEMALIFT_CACHE_DIR", dir.join("cache"))
        .env("RUST_BACKTRACE", "0")
        .stdin(if family.stdin {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in &family.env {
        command.env(name, value.replace("{dir}", dir_text));
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("start schemalift");
    let feeder = family.stdin.then(|| {
        let mut stdin = child.stdin.take().expect("stdin");
        let bytes = damaged.to_vec();
        std::thread::spawn(move || {
            use std::io::Write;
            // A binary that stops reading early closes the pipe: not a failure.
            let _ = stdin.write_all(&bytes);
        })
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes.is_empty()
    });
    let err_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let mut hung = false;
    let status = loop {
        match child.try_wait().expect("wait") {
            Some(status) => break status,
            None if started.elapsed() > WATCHDOG => {
                hung = true;
                let _ = child.kill();
                break child.wait().expect("wait after kill");
            }
            None => std::thread::sleep(Duration::from_millis(3)),
        }
    };
    let elapsed = started.elapsed();
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    Run {
        code: status.code(),
        hung,
        stdout_empty: out_reader.join().unwrap_or(true),
        stderr: err_reader.join().unwrap_or_default(),
        elapsed,
    }
}

/// What is wrong with a run, if anything.
fn judge(family: &Family, run: &Run) -> Option<String> {
    if run.hung {
        return Some(format!("did not finish within {} s", WATCHDOG.as_secs()));
    }
    if run.stderr.contains("panicked") || run.code == Some(101) {
        return Some("panicked".to_owned());
    }
    let Some(code) = run.code else {
        return Some("killed by a signal (abort, stack overflow, out of memory?)".to_owned());
    };
    if !(0..=2).contains(&code) {
        return Some(format!("exit {code}, not 0, 1 or 2"));
    }
    let lines: Vec<&str> = run.stderr.lines().collect();
    let error_line = lines.iter().any(|l| {
        let l = l.trim_start();
        l.starts_with("error:") || l.starts_with("Error:")
    });
    if code == 2 && !error_line {
        return Some("exit 2 without an error line".to_owned());
    }
    if code == 1 && run.stdout_empty && run.stderr.trim().is_empty() {
        return Some("exit 1 and nothing said".to_owned());
    }
    let error_lines = lines.iter().filter(|l| l.starts_with("error:")).count();
    if family.one_line {
        // One error, perhaps after a warning: a few lines.
        if error_lines > 1 || lines.len() > 4 {
            return Some(format!(
                "{} lines on stderr, {error_lines} of them `error:`",
                lines.len()
            ));
        }
    } else if error_lines > 55 || lines.len() > 2_000 {
        // Diagnostics are listed one by one, but a screenful (50) is enough.
        return Some(format!(
            "{} lines on stderr, {error_lines} of them `error:`",
            lines.len()
        ));
    }
    // Diagnostics and errors quote their input; none may flood the terminal.
    if let Some(long) = lines.iter().find(|l| l.chars().count() > 1_100) {
        return Some(format!(
            "a stderr line of {} characters",
            long.chars().count()
        ));
    }
    None
}

/// The inputs and the command lines that read them.
fn families(server_url: &str, pki: &TestPki, inputs: &Path) -> Vec<Family> {
    let spacelift = sample("spacelift/schema.graphql");
    let spacelift_next = sample("spacelift/schema-next.graphql");
    let edition = sample("edition-2026/schema.graphql");
    let edition_next = sample("edition-2026/schema-next.graphql");
    let ops = sample("spacelift/operations");
    let edition_ops = sample("edition-2026/operations");
    let json = corpus_dir().join("shopify/storefront-2025-07.json");
    let p = |path: &Path| path.to_str().expect("UTF-8 path").to_owned();
    let (spacelift_s, spacelift_next_s, edition_s, edition_next_s, ops_s, edition_ops_s, json_s) = (
        p(&spacelift),
        p(&spacelift_next),
        p(&edition),
        p(&edition_next),
        p(&ops),
        p(&edition_ops),
        p(&json),
    );

    // Real inputs that have no file in the repository, written as users write them.
    let write = |name: &str, content: &str| {
        let path = inputs.join(name);
        std::fs::write(&path, content).expect("write a real input");
        path
    };
    let rules = write(
        "schemalift.toml",
        r#"# Rules for the Spacelift API, as in docs/diff.md
[diff]
ignore-descriptions = true
deprecated-removals = "dangerous"

[[diff.ignore]]
coordinate = "Query.internal*"
kind = "field-removed"

[[diff.criticality]]
kind = "enum-value-added"
criticality = "breaking"

[[diff.approve]]
kind = "field-removed"
coordinate = "Mutation.contextCreate"
reason = "announced in the March changelog"

[codegen.scalars]
DateTime = "string"

[codegen.python.scalars]
DateTime = "str"

[codegen.go.scalars]
DateTime = "time.Time"
"#,
    );
    let headers = write(
        "headers.txt",
        "# sent with every request\nX-Team: platform\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig\nX-Trace: on\n",
    );
    let key_file = write(
        "api-key.config",
        "Please use the following API secret when communicating with Spacelift programmatically:\n\napi-key-secret-0123456789\n",
    );
    let spacectl = write(
        "config.json",
        &serde_json::to_string_pretty(&serde_json::json!({
            "currentProfileAlias": "local",
            "profiles": {
                "local": {"alias": "local", "credentials": {
                    "type": 1, "endpoint": server_url,
                    "key_id": "01HKEYID", "key_secret": "api-key-secret-0123456789"}},
                "gh": {"alias": "gh", "credentials": {
                    "type": 2, "endpoint": "https://gh.app.spacelift.io",
                    "access_token": "ghp_githubtoken0123456789"}}
            }
        }))
        .unwrap(),
    );
    let certificate = write(
        "client.pem",
        &format!("{}{}", pki.client_certificate, pki.client_key),
    );

    let fetch = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = [
            "fetch",
            server_url,
            "-o",
            "{dir}/out/fetched.graphql",
            "--legacy",
            "--retries",
            "0",
            "--timeout",
            "5",
            "--no-cache",
        ]
        .iter()
        .map(|a| a.to_string())
        .collect();
        args.extend(extra.iter().map(|a| a.to_string()));
        args
    };

    let mut families = Vec::new();
    // Schemas: every command, both sides, every format and language.
    for (schema, other, name, runs) in [
        (&spacelift, &spacelift_next_s, "spacelift", 3),
        (&edition, &edition_next_s, "edition-2026", 1),
    ] {
        let f = |label: &str, runs: usize, args: &[&str]| {
            Family::new(
                format!("{label} ({name})"),
                schema.clone(),
                "schema.graphql",
                runs,
                args,
            )
        };
        let ops_arg = if name == "spacelift" {
            ops_s.as_str()
        } else {
            edition_ops_s.as_str()
        };
        families.extend([
            f("validate", 12 * runs, &["validate", "{}"]),
            f(
                "validate --format json",
                6 * runs,
                &["validate", "--format", "json", "{}"],
            ),
            f(
                "validate --spec 2021",
                4 * runs,
                &["validate", "--spec", "2021", "{}"],
            ),
            f(
                "validate --spec 2025",
                3 * runs,
                &["validate", "--spec", "2025", "{}"],
            ),
            f("diff OLD", 6 * runs, &["diff", "{}", other]),
            f("diff NEW", 6 * runs, &["diff", other, "{}"]),
            f(
                "diff --format json",
                4 * runs,
                &["diff", other, "{}", "--format", "json"],
            ),
            f(
                "diff --format markdown",
                4 * runs,
                &["diff", "{}", other, "--format", "markdown"],
            ),
            f(
                "diff --format github",
                4 * runs,
                &["diff", other, "{}", "--format", "github"],
            ),
            f("diff --text", 3 * runs, &["diff", "{}", other, "--text"]),
            f(
                "diff --ops",
                4 * runs,
                &["diff", other, "{}", "--ops", ops_arg],
            ),
            f(
                "diff --strict",
                2 * runs,
                &["diff", "{}", other, "--strict"],
            ),
            f(
                "convert to json",
                6 * runs,
                &["convert", "{}", "--to", "json"],
            ),
            f(
                "convert -o .json --sort",
                3 * runs,
                &["convert", "{}", "-o", "{dir}/out/s.json", "--sort"],
            ),
            f("docs", 4 * runs, &["docs", "{}", "-o", "{dir}/out/docs"]),
            f(
                "docs --single-file --allow-invalid",
                3 * runs,
                &[
                    "docs",
                    "{}",
                    "-o",
                    "{dir}/out/docs",
                    "--single-file",
                    "--allow-invalid",
                ],
            ),
            f(
                "docs --mdbook --front-matter hugo",
                2 * runs,
                &[
                    "docs",
                    "{}",
                    "-o",
                    "{dir}/out/docs",
                    "--mdbook",
                    "--front-matter",
                    "hugo",
                ],
            ),
            f(
                "codegen typescript",
                4 * runs,
                &[
                    "codegen",
                    "{}",
                    "--lang",
                    "typescript",
                    "--ops",
                    ops_arg,
                    "-o",
                    "{dir}/out/ts",
                ],
            ),
            f(
                "codegen python",
                4 * runs,
                &[
                    "codegen",
                    "{}",
                    "--lang",
                    "python",
                    "--ops",
                    ops_arg,
                    "-o",
                    "{dir}/out/py",
                ],
            ),
            f(
                "codegen go",
                4 * runs,
                &[
                    "codegen",
                    "{}",
                    "--lang",
                    "go",
                    "--ops",
                    ops_arg,
                    "-o",
                    "{dir}/out/go",
                    "--scalar",
                    "DateTime=time.Time",
                ],
            ),
            f(
                "changelog OLD",
                3 * runs,
                &["changelog", "{}", other, "-o", "{dir}/out/CHANGELOG.md"],
            ),
            f(
                "changelog NEW",
                3 * runs,
                &[
                    "changelog",
                    other,
                    "{}",
                    "-o",
                    "{dir}/out/CHANGELOG.md",
                    "--docs-url",
                    "https://docs.example.com/api",
                ],
            ),
        ]);
    }
    families.push(
        Family::new(
            "validate - (stdin)",
            spacelift.clone(),
            "stdin.graphql",
            12,
            &["validate", "-"],
        )
        .stdin(),
    );
    // The other side given as a directory of one file.
    families.push(Family::new(
        "diff DIR",
        spacelift.clone(),
        "schema-dir/schema.graphql",
        6,
        &["diff", &spacelift_next_s, "schema-dir"],
    ));

    // Introspection JSON of the corpus.
    let j = |label: &str, runs: usize, args: &[&str]| {
        Family::new(label, json.clone(), "storefront.json", runs, args)
    };
    families.extend([
        j("validate JSON", 14, &["validate", "{}"]),
        j(
            "validate --format json JSON",
            4,
            &["validate", "--format", "json", "{}"],
        ),
        j("convert JSON to sdl", 10, &["convert", "{}", "--to", "sdl"]),
        j(
            "convert JSON to json --sort",
            4,
            &["convert", "{}", "--to", "json", "--sort"],
        ),
        j(
            "diff JSON OLD",
            6,
            &["diff", "{}", &json_s, "--format", "json"],
        ),
        j("diff JSON NEW", 4, &["diff", &json_s, "{}"]),
        j(
            "docs JSON --single-file",
            2,
            &["docs", "{}", "-o", "{dir}/out/docs", "--single-file"],
        ),
        j(
            "changelog JSON",
            2,
            &["changelog", &json_s, "{}", "-o", "{dir}/out/CHANGELOG.md"],
        ),
    ]);

    // Operations documents: one file of the folder damaged, the rest as they are.
    for (label, file, args) in [
        (
            "diff --ops",
            "SearchStacks.graphql",
            vec!["diff", &spacelift_s, &spacelift_next_s, "--ops", "ops"],
        ),
        (
            "diff --ops --fail-on used-breaking",
            "StackDetails.graphql",
            vec![
                "diff",
                &spacelift_s,
                &spacelift_next_s,
                "--ops",
                "ops/*.graphql",
                "--fail-on",
                "used-breaking",
                "--format",
                "markdown",
            ],
        ),
        (
            "codegen typescript --ops",
            "SearchStacks.graphql",
            vec![
                "codegen",
                &spacelift_s,
                "--lang",
                "typescript",
                "--ops",
                "ops",
                "-o",
                "{dir}/out/ts",
            ],
        ),
        (
            "codegen python --ops",
            "TriggerRun.graphql",
            vec![
                "codegen",
                &spacelift_s,
                "--lang",
                "python",
                "--ops",
                "ops",
                "-o",
                "{dir}/out/py",
            ],
        ),
        (
            "codegen go --ops",
            "StackDetails.graphql",
            vec![
                "codegen",
                &spacelift_s,
                "--lang",
                "go",
                "--ops",
                "ops",
                "-o",
                "{dir}/out/go",
            ],
        ),
    ] {
        families.push(
            Family::new(label, ops.join(file), &format!("ops/{file}"), 14, &args)
                .siblings(&ops, "ops", file),
        );
    }
    for (label, args) in [
        (
            "codegen typescript --ops (2026)",
            vec![
                "codegen",
                &edition_s,
                "--lang",
                "typescript",
                "--ops",
                "ops",
                "-o",
                "{dir}/out/ts",
            ],
        ),
        (
            "codegen go --ops (2026)",
            vec![
                "codegen",
                &edition_s,
                "--lang",
                "go",
                "--ops",
                "ops",
                "-o",
                "{dir}/out/go",
            ],
        ),
        (
            "diff --ops (2026)",
            vec!["diff", &edition_s, &edition_next_s, "--ops", "ops"],
        ),
    ] {
        families.push(
            Family::new(
                label,
                edition_ops.join("Stack.graphql"),
                "ops/Stack.graphql",
                10,
                &args,
            )
            .siblings(&edition_ops, "ops", "Stack.graphql"),
        );
    }

    // schemalift.toml, given and found.
    families.extend([
        Family::new(
            "diff --config",
            rules.clone(),
            "schemalift.toml",
            16,
            &["diff", &spacelift_s, &spacelift_next_s, "--config", "{}"],
        )
        .one_line(),
        Family::new(
            "diff (schemalift.toml found)",
            rules.clone(),
            "schemalift.toml",
            8,
            &["diff", &spacelift_s, &spacelift_next_s, "--format", "json"],
        )
        .one_line(),
        Family::new(
            "codegen --config",
            rules.clone(),
            "schemalift.toml",
            10,
            &[
                "codegen",
                &spacelift_s,
                "--lang",
                "go",
                "--ops",
                &ops_s,
                "-o",
                "{dir}/out/go",
                "--config",
                "{}",
            ],
        )
        .one_line(),
        Family::new(
            "codegen (schemalift.toml found)",
            rules.clone(),
            "schemalift.toml",
            6,
            &[
                "codegen",
                &spacelift_s,
                "--lang",
                "python",
                "--ops",
                &ops_s,
                "-o",
                "{dir}/out/py",
            ],
        )
        .one_line(),
    ]);

    // fetch's file inputs, against the test server.
    families.extend([
        Family::new(
            "fetch --header-file",
            headers.clone(),
            "headers.txt",
            16,
            &fetch(&["--header-file", "{}"]),
        )
        .one_line(),
        Family::new(
            "validate URL --header-file",
            headers.clone(),
            "headers.txt",
            6,
            &[
                "validate",
                server_url,
                "--header-file",
                "{}",
                "--legacy",
                "--retries",
                "0",
                "--timeout",
                "5",
            ],
        )
        .one_line(),
        Family::new(
            "fetch --api-key-file",
            key_file.clone(),
            "api-key.config",
            16,
            &fetch(&["--api-key-id", "01HKEYID", "--api-key-file", "{}"]),
        )
        .one_line(),
        Family::new(
            "fetch --tls-cert --tls-key",
            certificate.clone(),
            "client.pem",
            16,
            &fetch(&["--tls-cert", "{}", "--tls-key", "{}"]),
        )
        .one_line(),
        Family::new(
            "fetch with SPACELIFT_API_TLS_CERT",
            certificate.clone(),
            "client.pem",
            4,
            &fetch(&[]),
        )
        .env("SPACELIFT_API_TLS_CERT", "{dir}/client.pem")
        .env("SPACELIFT_API_TLS_KEY", "{dir}/client.pem")
        .one_line(),
        Family::new(
            "fetch with SSL_CERT_FILE",
            certificate.clone(),
            "ca.pem",
            6,
            &fetch(&[]),
        )
        .env("SSL_CERT_FILE", "{dir}/ca.pem")
        .one_line(),
        Family::new(
            "fetch with spacectl's config.json",
            spacectl.clone(),
            "spacelift/config.json",
            16,
            &[
                "fetch",
                "-o",
                "{dir}/out/fetched.graphql",
                "--legacy",
                "--retries",
                "0",
                "--timeout",
                "5",
                "--no-cache",
            ],
        )
        .env("SPACELIFT_CONFIG_DIR", "{dir}/spacelift")
        .one_line(),
        Family::new(
            "fetch --profile local",
            spacectl.clone(),
            "spacelift/config.json",
            6,
            &[
                "fetch",
                "--profile",
                "local",
                "-o",
                "{dir}/out/fetched.graphql",
                "--legacy",
                "--retries",
                "0",
                "--timeout",
                "5",
                "--no-cache",
            ],
        )
        .env("SPACELIFT_CONFIG_DIR", "{dir}/spacelift")
        .one_line(),
        Family::new(
            "auth status with spacectl's config.json",
            spacectl.clone(),
            "spacelift/config.json",
            12,
            &["auth", "status"],
        )
        .env("SPACELIFT_CONFIG_DIR", "{dir}/spacelift")
        .one_line(),
    ]);
    families
}

#[test]
fn damaged_inputs_never_panic_hang_or_flood() {
    // Built before the clock starts.
    let _ = bin();
    let started = Instant::now();
    let sdl = std::fs::read_to_string(sample("spacelift/schema.graphql")).expect("sample");
    let mut config = Config::new(&sdl);
    config.api_keys = vec![("01HKEYID".into(), "api-key-secret-0123456789".into())];
    let server = server::start_with(config);
    let pki = TestPki::generate();
    let scratch = tempfile::tempdir().expect("scratch");
    // Not above the cases' directories, so no case finds the real schemalift.toml by itself.
    let inputs = scratch.path().join("inputs");
    std::fs::create_dir_all(&inputs).expect("inputs");
    let families = families(&server.url, &pki, &inputs);

    // Every case, with its own seed: (family, run).
    let seed = knob("SCHEMALIFT_MUTATIONS_SEED", SEED);
    let scale = knob("SCHEMALIFT_MUTATIONS_SCALE", SCALE as u64) as usize;
    let cases: Vec<(usize, usize)> = families
        .iter()
        .enumerate()
        .flat_map(|(f, family)| (0..family.runs * scale).map(move |r| (f, r)))
        .collect();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::<String>::new());
    let slowest = Mutex::new((Duration::ZERO, String::new()));
    let spent = Mutex::new(vec![Duration::ZERO; families.len()]);
    let codes = Mutex::new([0usize; 3]);
    let kept = repo_root().join("target/mutation-failures");
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(&(f, r)) = cases.get(index) else {
                    break;
                };
                let family = &families[f];
                let input = std::fs::read(&family.input).expect("read a real input");
                let mut rng = Rng::new(seed ^ (f as u64).wrapping_mul(0x1000_0001) ^ r as u64);
                let (damaged, what) = mutate(&mut rng, &input);
                let dir = scratch.path().join("cases").join(index.to_string());
                let run = run_case(family, &dir, &damaged);
                let label = format!("{} #{r}: {what}", family.name);
                if let Some(code) = run.code.filter(|c| (0..=2).contains(c)) {
                    codes.lock().unwrap()[code as usize] += 1;
                }
                spent.lock().unwrap()[f] += run.elapsed;
                {
                    let mut slowest = slowest.lock().unwrap();
                    if run.elapsed > slowest.0 {
                        *slowest = (run.elapsed, label.clone());
                    }
                }
                if let Some(problem) = judge(family, &run) {
                    let _ = std::fs::create_dir_all(&kept);
                    let keep = kept.join(format!("case-{index}-{}", family.file.replace('/', "_")));
                    let _ = std::fs::write(&keep, &damaged);
                    let stderr: String = run
                        .stderr
                        .lines()
                        .take(6)
                        .map(|l| l.chars().take(160).collect::<String>())
                        .collect::<Vec<_>>()
                        .join("\n    ");
                    failures.lock().unwrap().push(format!(
                        "{label}: {problem} (exit {:?}, input kept as {})\n    {stderr}",
                        run.code,
                        keep.display()
                    ));
                }
                let _ = std::fs::remove_dir_all(&dir);
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    let [ok, found, errors] = codes.into_inner().unwrap();
    let (slowest, slowest_case) = slowest.into_inner().unwrap();
    println!(
        "mutations: {} runs of {} command families (seed {seed:#x}) in {:.1} s (exit 0: {ok}, 1: {found}, 2: {errors}); slowest {:.1} s: {slowest_case}",
        cases.len(),
        families.len(),
        started.elapsed().as_secs_f64(),
        slowest.as_secs_f64(),
    );
    let mut spent: Vec<(Duration, &str)> = spent
        .into_inner()
        .unwrap()
        .into_iter()
        .zip(families.iter().map(|f| f.name.as_str()))
        .collect();
    spent.sort_by_key(|(time, _)| std::cmp::Reverse(*time));
    for (time, name) in spent.iter().take(5) {
        println!("  {:.1} s in {name}", time.as_secs_f64());
    }
    assert!(
        failures.is_empty(),
        "{} of {} runs failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
