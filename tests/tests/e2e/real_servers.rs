//! `schemalift fetch` from the servers most GraphQL APIs run on, each started by the test on
//! 127.0.0.1: Apollo Server 5, GraphQL Yoga 5 (plain, served at `/`, and behind GraphQL Armor's
//! max-depth plugin, loud and quiet), graphql-http on graphql-js 17.1, and Ariadne on
//! graphql-core 3.3 under uvicorn. Each serves the Spacelift sample and GitHub's schema from the
//! corpus, and graphql-js judges the fetched schema the same as the served one
//! (`printSchema(lexicographicSortSchema(…))`, as `servers.rs` does): the server's own
//! graphql-js for the node servers, 17.1 for Ariadne. Servers with introspection
//! off must give exit 2 and one short line saying so; a path the server does not answer on
//! must name the one it does.
//!
//! The servers are `tests/js/real-server.js` (packages pinned in `tests/js/servers`),
//! `tests/js/serve.js` and `tests/py/serve.py` (`tests/py/requirements.txt`); `.ci/run` installs
//! them. Without node, python or the pinned packages a test prints a notice and passes, unless
//! the environment variable CI is set: in CI it fails.

use schemalift_tests::external::{
    assert_same_print, judge, ok, python_with_pins, run_bounded, tools, ExternalServer, Job,
};
use schemalift_tests::{corpus_dir, repo_root, sample, schemalift, text};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// The install folder of the node servers.
const SERVERS: &str = "servers";

/// GitHub's schema, the large one every server must serve whole: the one of 2023-02-23
/// (1,370 types). The later ones break a September 2025 rule (a deprecated field implementing
/// an interface field that is not), which graphql-js 17 and graphql-core 3.3 enforce, so they
/// refuse to serve or judge them.
fn github() -> PathBuf {
    corpus_dir().join("github/github-2023-02-23.graphql")
}

fn spacelift() -> PathBuf {
    sample("spacelift/schema.graphql")
}

/// A node server of `tests/js/real-server.js` (`kind` as it lists them) serving `schema`.
fn node_server(node: &Path, kind: &str, schema: &Path, path: Option<&str>) -> ExternalServer {
    let mut command = Command::new(node);
    command
        .arg(repo_root().join("tests/js/real-server.js"))
        .arg(kind)
        .arg(schema)
        .args(path);
    ExternalServer::start(command, &format!("the {kind} server"))
}

/// `schemalift fetch URL -o fetched.graphql` in `scratch`, within three minutes.
fn fetch(url: &str, scratch: &Path) -> Output {
    let mut command = schemalift();
    command
        .env("SCHEMALIFT_CACHE_DIR", scratch.join("cache"))
        .args(["fetch", url, "--timeout", "60", "-o", "fetched.graphql"])
        .current_dir(scratch);
    run_bounded(command, b"", Duration::from_secs(180), "schemalift fetch")
}

/// Fetch from `server` and have graphql-js judge the result the same schema as `schema`.
/// `judge_dir` is the install of the graphql-js the server runs: graphql-js 16 answers an object
/// default value in its input type's field order and 17 as the SDL wrote it, so only the
/// server's own version rebuilds both sides as the server answers them.
/// Returns schemalift's standard error, for the caller to check its warnings.
fn fetch_and_judge(
    node: &Path,
    judge_dir: &Path,
    server: &ExternalServer,
    schema: &Path,
) -> String {
    let scratch = tempfile::tempdir().expect("temp dir");
    let output = fetch(&server.url, scratch.path());
    ok(&output, &format!("schemalift fetch {}", server.url));
    let fetched = scratch.path().join("fetched.graphql");
    // Servers write default values their own way (graphql-js in the input type's field order,
    // whatever the SDL wrote): both sides are judged as a graphql-js server would answer them.
    let printed = judge(
        node,
        judge_dir,
        &[Job::Served(schema), Job::Served(&fetched)],
    );
    let served = printed[0]
        .as_ref()
        .unwrap_or_else(|e| panic!("graphql-js cannot build {}: {e}", schema.display()));
    let got = printed[1]
        .as_ref()
        .unwrap_or_else(|e| panic!("graphql-js cannot build the fetched SDL: {e}"));
    assert_same_print(
        served,
        got,
        &format!("{} served at {}, fetched", schema.display(), server.url),
    );
    text(&output.stderr)
}

/// The lines schemalift wrote besides `wrote …`.
fn warnings(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| !l.starts_with("wrote "))
        .collect()
}

/// Both schemas from one node server kind, with no warning.
fn node_kind_serves_both(kind: &str, path: Option<&str>) {
    let Some((node, dirs)) = tools(&[SERVERS]) else {
        return;
    };
    for schema in [spacelift(), github()] {
        let server = node_server(&node, kind, &schema, path);
        let stderr = fetch_and_judge(&node, &dirs[0], &server, &schema);
        assert_eq!(warnings(&stderr), Vec::<&str>::new(), "{kind}: {stderr}");
        let queries = server.queries();
        assert_eq!(
            queries.len(),
            2,
            "{kind}: a probe and one query: {queries:#?}"
        );
    }
}

#[test]
#[ignore = "needs node and the npm packages of tests/js/servers: CI installs it and runs ignored tests"]
fn apollo_server_5_serves_what_schemalift_fetches() {
    node_kind_serves_both("apollo", None);
}

#[test]
#[ignore = "needs node and the npm packages of tests/js/servers: CI installs it and runs ignored tests"]
fn graphql_yoga_5_serves_what_schemalift_fetches() {
    node_kind_serves_both("yoga", None);
}

/// Yoga served at `/` answers only there: the URL is used as given, not turned into
/// `/graphql`.
#[test]
#[ignore = "needs node and the npm packages of tests/js/servers: CI installs it and runs ignored tests"]
fn a_url_path_is_used_as_given() {
    let Some((node, dirs)) = tools(&[SERVERS]) else {
        return;
    };
    let server = node_server(&node, "yoga", &spacelift(), Some("/"));
    assert!(server.url.ends_with('/'), "{}", server.url);
    fetch_and_judge(&node, &dirs[0], &server, &spacelift());
}

/// A path the server does not answer on (404) names the same origin's `/graphql` when that
/// answers, in one line, exit 2.
#[test]
#[ignore = "needs node and the npm packages of tests/js/servers: CI installs it and runs ignored tests"]
fn a_wrong_path_names_where_the_server_answers() {
    let Some((node, _)) = tools(&[SERVERS]) else {
        return;
    };
    let server = node_server(&node, "yoga", &spacelift(), None);
    let api = server.url.replace("/graphql", "/api");
    let scratch = tempfile::tempdir().expect("temp dir");
    let output = fetch(&api, scratch.path());
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: {api}: HTTP 404: "))
            && stderr.trim_end().ends_with(&format!(
                "the same server answers GraphQL at {}: give that URL",
                server.url
            )),
        "{stderr}"
    );
}

/// GraphQL Armor's max-depth at 10, counting fragment spreads (two levels each): the fragment
/// query is refused at any depth, the inline one passes at 5 levels, which GitHub's and the
/// sample's types need no more than. Loud and quiet ("Query validation error.") alike.
#[test]
#[ignore = "needs node and the npm packages of tests/js/servers: CI installs it and runs ignored tests"]
fn yoga_with_armor_max_depth_10_gives_the_complete_schema() {
    let Some((node, dirs)) = tools(&[SERVERS]) else {
        return;
    };
    for (kind, server_name) in [
        ("yoga-armor", "GraphQL Armor max-depth"),
        (
            "yoga-armor-quiet",
            "GraphQL Armor, quiet (exposeLimits: false)",
        ),
    ] {
        for schema in [spacelift(), github()] {
            let server = node_server(&node, kind, &schema, None);
            let stderr = fetch_and_judge(&node, &dirs[0], &server, &schema);
            assert_eq!(
                warnings(&stderr),
                [format!("warning: the server limits query depth ({server_name}): asked without fragments, 5 type-reference levels instead of 10")],
                "{kind}"
            );
            let queries = server.queries();
            assert!(
                !queries.last().unwrap().contains("..."),
                "{kind}: the query that passed is inline"
            );
        }
    }
}

/// At max depth 8 the inline query passes only at 3 levels, which cuts `[T!]!` short; each
/// type with such a member is asked again on its own (`__type`, 4 levels pass), and the result
/// is GitHub's whole schema.
#[test]
#[ignore = "needs node and the npm packages of tests/js/servers: CI installs it and runs ignored tests"]
fn a_shallower_limit_is_filled_in_type_by_type() {
    let Some((node, dirs)) = tools(&[SERVERS]) else {
        return;
    };
    let schema = github();
    let server = node_server(&node, "yoga-armor:8", &schema, None);
    let stderr = fetch_and_judge(&node, &dirs[0], &server, &schema);
    let warnings = warnings(&stderr);
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].starts_with("warning: the server limits query depth (GraphQL Armor max-depth): asked without fragments, 3 type-reference levels instead of 10, and filled in the type references it cut short with ")
            && warnings[0].ends_with(" more queries, one per type"),
        "{stderr}"
    );
    let fill_ins = server
        .queries()
        .iter()
        .filter(|q| q.contains("SchemaliftTypeRefs"))
        .count();
    assert!(fill_ins > 10, "{fill_ins} types filled in");
}

/// graphql-http on graphql-js 17.1 with GitHub's schema (`servers.rs` fetches the samples).
#[test]
#[ignore = "needs node and the npm packages of tests/js/graphql17: CI installs it and runs ignored tests"]
fn graphql_http_on_graphql_js_17_serves_github_whole() {
    let Some((node, dirs)) = tools(&[schemalift_tests::external::JUDGE]) else {
        return;
    };
    let schema = github();
    let mut command = Command::new(&node);
    command
        .arg(repo_root().join("tests/js/serve.js"))
        .arg(&dirs[0])
        .arg(&schema);
    let server = ExternalServer::start(command, "the graphql-js server");
    let stderr = fetch_and_judge(&node, &dirs[0], &server, &schema);
    assert_eq!(warnings(&stderr), Vec::<&str>::new(), "{stderr}");
}

/// Ariadne (schema-first, graphql-core 3.3) under uvicorn.
#[test]
#[ignore = "needs python with tests/py/requirements.txt, and node with tests/js/graphql17: CI installs it and runs ignored tests"]
fn ariadne_under_uvicorn_serves_what_schemalift_fetches() {
    let Some((node, dirs)) = tools(&[schemalift_tests::external::JUDGE]) else {
        return;
    };
    let Some(python) = python_with_pins() else {
        return;
    };
    for schema in [spacelift(), github()] {
        let mut command = Command::new(&python);
        command
            .arg(repo_root().join("tests/py/serve.py"))
            .arg(&schema);
        let server = ExternalServer::start(command, "the Ariadne server");
        let stderr = fetch_and_judge(&node, &dirs[0], &server, &schema);
        assert_eq!(warnings(&stderr), Vec::<&str>::new(), "{stderr}");
    }
}

/// Apollo Server with `introspection: false` and Yoga with `useDisableIntrospection` (which
/// answers one error per introspection field, 38 of them): exit 2, one line under 300
/// characters that names the endpoint once and says introspection is disabled.
#[test]
#[ignore = "needs node and the npm packages of tests/js/servers: CI installs it and runs ignored tests"]
fn introspection_off_is_one_short_line() {
    let Some((node, _)) = tools(&[SERVERS]) else {
        return;
    };
    for kind in ["apollo-no-introspection", "yoga-no-introspection"] {
        let server = node_server(&node, kind, &spacelift(), None);
        let scratch = tempfile::tempdir().expect("temp dir");
        let output = fetch(&server.url, scratch.path());
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{kind}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{kind}: {stderr}");
        let line = stderr.trim_end();
        assert!(
            line.chars().count() <= 300,
            "{kind}: {} chars: {line}",
            line.chars().count()
        );
        assert_eq!(line.matches(&server.url).count(), 1, "{kind}: {line}");
        assert!(
            line.contains(": introspection is disabled on this server ("),
            "{kind}: {line}"
        );
    }
}
