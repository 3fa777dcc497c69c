//! The floor for `schemalift validate`: a bare program that only calls apollo-compiler's
//! `Schema::parse_and_validate` on a file. `benches/validate.sh` times it beside the real command.

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: bare_validate SCHEMA.graphql");
    let text = std::fs::read_to_string(&path).expect("readable schema");
    let valid = apollo_compiler::Schema::parse_and_validate(text, &path).is_ok();
    std::process::exit(if valid { 0 } else { 1 });
}
