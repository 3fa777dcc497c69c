//! The real GraphQL servers and the judge the end-to-end tests run with node or python
//! (`tests/tests/e2e/servers.rs`, `tests/tests/e2e/real_servers.rs`): finding the tools, checking that
//! the pinned packages are installed, running a server and reading what it was asked, and
//! graphql-js's verdict on two schemas. Without a tool a test prints a notice and passes, unless
//! the environment variable CI is set: in CI it fails, so a missing install step shows.

use crate::{repo_root, text};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The graphql-js line that judges every comparison.
pub const JUDGE: &str = "graphql17";

/// `node`, or `None` (with a notice) when it is missing outside CI.
pub fn node() -> Option<PathBuf> {
    let found = std::env::var_os("SCHEMALIFT_NODE")
        .map(PathBuf::from)
        .into_iter()
        .chain(std::env::var_os("PATH").into_iter().flat_map(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join("node"))
                .collect::<Vec<_>>()
        }))
        .find(|candidate| candidate.is_file());
    if found.is_none() {
        missing("node (set SCHEMALIFT_NODE or install it)");
    }
    found
}

/// Fail in CI, else print a notice: the caller then skips its test.
pub fn missing(what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} is required in CI (see .ci/run)"
    );
    eprintln!("notice: {what} is missing: skipping this test");
}

/// The install folder `tests/js/<name>`, if its packages are installed at the versions its
/// package.json pins (a stale install would test something else).
pub fn install(name: &str) -> Option<PathBuf> {
    let dir = repo_root().join("tests/js").join(name);
    let read = |path: PathBuf| -> Option<Value> {
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    };
    let manifest = read(dir.join("package.json"))
        .unwrap_or_else(|| panic!("{}/package.json is part of the repository", dir.display()));
    let pins = manifest["dependencies"]
        .as_object()
        .expect("package.json pins dependencies");
    for (package, pinned) in pins {
        let installed = read(dir.join("node_modules").join(package).join("package.json"));
        let version = installed.as_ref().and_then(|m| m["version"].as_str());
        if version != pinned.as_str() {
            missing(&format!(
                "npm package {package}@{} in tests/js/{name} (npm ci --prefix tests/js/{name}; found {})",
                pinned.as_str().unwrap_or("?"),
                version.unwrap_or("none")
            ));
            return None;
        }
    }
    Some(dir)
}

/// Everything a test needs: node and the named installs.
pub fn tools(installs: &[&str]) -> Option<(PathBuf, Vec<PathBuf>)> {
    let node = node()?;
    let dirs = installs
        .iter()
        .map(|name| install(name))
        .collect::<Option<Vec<_>>>()?;
    Some((node, dirs))
}

/// Run a command to completion within `limit`, killing it (and failing) when it takes longer.
pub fn run_bounded(mut command: Command, stdin: &[u8], limit: Duration, what: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("start {what}: {e}"));
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let collect = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = collect(Box::new(child.stdout.take().expect("stdout")));
    let stderr = collect(Box::new(child.stderr.take().expect("stderr")));
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} took more than {limit:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = writer.join();
    Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

pub fn ok(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what}: exit {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// How graphql-js 17.1 sees a schema.
pub enum Job<'a> {
    /// SDL, through `buildSchema`.
    Sdl(&'a Path),
    /// An introspection result, through `buildClientSchema`.
    Introspection(&'a Path),
    /// SDL as a graphql-js server answers it introspection (default values rewritten in their
    /// input type's field order), for comparing with what a server served.
    Served(&'a Path),
}

/// `printSchema(lexicographicSortSchema(…))` of each job by the judge, in one node process: the
/// printed schema, or graphql-js's error.
pub fn judge(node: &Path, judge_dir: &Path, jobs: &[Job]) -> Vec<Result<String, String>> {
    let list: Vec<Value> = jobs
        .iter()
        .map(|job| match job {
            Job::Sdl(path) => json!({ "sdl": path }),
            Job::Introspection(path) => json!({ "introspection": path }),
            Job::Served(path) => json!({ "served": path }),
        })
        .collect();
    let mut command = Command::new(node);
    command
        .arg(repo_root().join("tests/js/print.js"))
        .arg(judge_dir);
    let output = run_bounded(
        command,
        Value::Array(list).to_string().as_bytes(),
        Duration::from_secs(600),
        "node tests/js/print.js",
    );
    ok(&output, "node tests/js/print.js");
    let mut lines = output
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty());
    let first: Value = serde_json::from_slice(lines.next().expect("the version line")).unwrap();
    let pinned: Value =
        serde_json::from_slice(&std::fs::read(judge_dir.join("package.json")).unwrap()).unwrap();
    assert_eq!(
        first["version"], pinned["dependencies"]["graphql"],
        "the judge is the pinned graphql-js"
    );
    let results: Vec<Result<String, String>> = lines
        .map(|line| {
            let value: Value = serde_json::from_slice(line).expect("a JSON line");
            match (value["printed"].as_str(), value["error"].as_str()) {
                (Some(printed), _) => Ok(printed.to_owned()),
                (None, Some(error)) => Err(error.to_owned()),
                _ => panic!("unexpected line from print.js: {value}"),
            }
        })
        .collect();
    assert_eq!(results.len(), jobs.len(), "one answer per job");
    results
}

/// Panic with the first differing line when two printouts differ.
pub fn assert_same_print(expected: &str, actual: &str, what: &str) {
    if expected == actual {
        return;
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    panic!(
        "{what}: graphql-js prints them differently from line {}:\nexpected: {}\nactual:   {}",
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>")
    );
}

/// A test server run by node or python (`tests/js/serve.js`, `tests/js/real-server.js`,
/// `tests/py/serve.py`): killed when dropped.
pub struct ExternalServer {
    child: Child,
    pub url: String,
    /// The lines it printed after `listening …`: `query <JSON string>` per request.
    lines: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<String>>,
}

impl ExternalServer {
    /// Start `command`, which prints `listening URL` once it accepts connections and then
    /// `query <JSON string>` per request, and exits when its standard input closes.
    pub fn start(mut command: Command, what: &str) -> ExternalServer {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {what}: {e}"));
        let (sender, receiver) = mpsc::channel();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let kept = lines.clone();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                match line.strip_prefix("listening ") {
                    Some(url) => {
                        let _ = sender.send(url.to_owned());
                    }
                    None => kept.lock().unwrap().push(line),
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("stderr");
        let errors = stderr.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            errors.lock().unwrap().push_str(&text);
        });
        let mut server = ExternalServer {
            child,
            url: String::new(),
            lines,
            stderr,
        };
        match receiver.recv_timeout(Duration::from_secs(30)) {
            Ok(url) => server.url = url,
            Err(_) => {
                let _ = server.child.kill();
                let _ = server.child.wait();
                std::thread::sleep(Duration::from_millis(100));
                panic!(
                    "{what} did not start within 30 s:\n{}",
                    server.stderr.lock().unwrap()
                );
            }
        }
        server
    }

    /// The GraphQL documents received so far, in order.
    pub fn queries(&self) -> Vec<String> {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .filter_map(|line| line.strip_prefix("query "))
            .map(|json| serde_json::from_str(json).expect("a JSON string"))
            .collect()
    }
}

impl Drop for ExternalServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `python3` with the packages `tests/py/requirements.txt` pins, at those versions, or `None`
/// (with a notice) outside CI.
pub fn python_with_pins() -> Option<PathBuf> {
    let python = std::env::var_os("SCHEMALIFT_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let requirements = repo_root().join("tests/py/requirements.txt");
    let pins: Vec<(String, String)> = std::fs::read_to_string(&requirements)
        .expect("tests/py/requirements.txt is part of the repository")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (name, version) = line.split_once("==")?;
            Some((name.trim().to_owned(), version.trim().to_owned()))
        })
        .collect();
    let script = "import sys, importlib.metadata as m\nfor name in sys.argv[1:]:\n    try:\n        print(m.version(name))\n    except m.PackageNotFoundError:\n        print('none')\n";
    let output = Command::new(&python)
        .arg("-c")
        .arg(script)
        .args(pins.iter().map(|(name, _)| name))
        .output();
    let Some(output) = output.ok().filter(|o| o.status.success()) else {
        missing("python3 (set SCHEMALIFT_PYTHON or install it)");
        return None;
    };
    let found = String::from_utf8_lossy(&output.stdout).into_owned();
    for ((name, pinned), version) in pins.iter().zip(found.lines()) {
        if version != pinned {
            missing(&format!(
                "PyPI package {name}=={pinned} (pip install -r tests/py/requirements.txt; found {version})"
            ));
            return None;
        }
    }
    Some(python)
}
