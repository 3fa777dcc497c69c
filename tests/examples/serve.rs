//! Serve a schema from the test server until interrupted, to try `schemalift fetch` by hand or
//! to profile it: `cargo run --release -p schemalift-tests --example serve -- SCHEMA.graphql`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: serve SCHEMA.graphql");
        std::process::exit(2);
    };
    let sdl = match std::fs::read_to_string(&path) {
        Ok(sdl) => sdl,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            std::process::exit(2);
        }
    };
    let server = schemalift_tests::server::start(&sdl);
    println!("{}", server.url);
    loop {
        std::thread::park();
    }
}
