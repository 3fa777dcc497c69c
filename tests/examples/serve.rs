//! A local GraphQL server that answers like Spacelift's, to try `schemalift fetch` and the
//! token cache without an account (the README's walkthrough), or to profile a fetch:
//!
//! ```sh
//! cargo run -p schemalift-tests --example serve -- schemas/spacelift/schema.graphql --require-auth
//! ```
//!
//! It exchanges an API key (`apiKeyUser`) or a GitHub token (`oauthUser`) for a short-lived JWT,
//! checks the bearer of every request (introspection needs one with `--require-auth`), prints
//! the credentials it accepts at start (fixed demo values unless `--api-key ID:SECRET` or
//! `--github-token TOKEN` say otherwise) and one line per request it gets.

use schemalift_tests::server::{self, parse_serve_args, SERVE_USAGE};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let serve = match parse_serve_args(&args) {
        Ok(serve) => serve,
        Err(e) => {
            eprintln!("error: {e}\n{SERVE_USAGE}");
            std::process::exit(2);
        }
    };
    let mut config = serve.config;
    config.schema_sdl = match std::fs::read_to_string(&serve.schema) {
        Ok(sdl) => sdl,
        Err(e) => {
            eprintln!("error: {}: {e}", serve.schema);
            std::process::exit(2);
        }
    };
    let (key_id, key_secret) = config.api_keys[0].clone();
    let github_token = config.github_tokens[0].clone();
    let needs_bearer = match config.require_auth {
        true => "introspection needs a bearer",
        false => "introspection is open, as on Spacelift",
    };
    let lifetime = config.token_lifetime;
    let server = server::start_with(config);
    println!(
        "serving {} at {} ({needs_bearer})",
        serve.schema, server.url
    );
    println!("API key:      id {key_id}  secret {key_secret}");
    println!("GitHub token: {github_token}");
    println!("tokens issued live {lifetime} s; one line per request follows");
    loop {
        std::thread::park();
    }
}
