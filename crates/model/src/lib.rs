//! The shared parsed model of schemalift: one way in, two ways out.
//!
//! Every other crate speaks apollo-compiler's [`Schema`]. This crate turns the places a schema
//! comes from ([`SchemaSource`]: files, directories, standard input, `git:REV:PATH`; URLs are
//! resolved by `schemalift-fetch`) into one, whether they hold SDL or an introspection result of
//! any era, and writes it back out as SDL ([`sdl::print`]) or as introspection JSON
//! ([`introspection::to_json`]).
//!
//! An invalid schema still loads: [`LoadedSchema`] carries the partial schema together with its
//! diagnostics, so commands that can work on it (diff) do, and `validate` reports them.

pub mod builtins;
mod coordinate;
mod diagnostics;
pub mod documents;
pub mod edition;
mod error;
pub mod introspection;
mod load;
pub mod sdl;
mod source;
mod write;

pub use apollo_compiler::validation::{DiagnosticList, Valid};
pub use apollo_compiler::Schema;
pub use coordinate::Coordinate;
pub use diagnostics::{locate_all, Located};
pub use edition::{Edition, NewerRule};
pub use error::LoadError;
pub use load::{load, load_inputs, Format, LoadedSchema};
pub use source::{
    max_input_bytes, read_inputs, Input, SchemaSource, MAX_INPUT_BYTES, MAX_INPUT_BYTES_VAR,
    SDL_EXTENSIONS,
};
pub use write::{replace_file, replace_private, write_atomic, Durability};
