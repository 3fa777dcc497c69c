//! schemalift-render: everything schemalift writes through templates.
//!
//! - `env`: the minijinja environment: built-in templates of a target (`templates/<target>/`,
//!   embedded at compile time) overlaid with `--templates DIR`, template errors in one line.
//! - [`view`]: the serializable view model of a schema that documentation templates see.
//! - [`docs`]: `schemalift docs`, Markdown reference pages written atomically into a directory.
//! - `output`: the marker-guarded writer of output directories that docs and codegen share.
//! - `anchors`: the stable anchors of fields, arguments and enum values.
//! - [`changelog`]: `schemalift changelog`, the diff of two versions as Markdown release notes.
//! - [`codegen`]: `schemalift codegen`, typed clients for TypeScript, Python and Go.

mod anchors;
pub mod changelog;
pub mod codegen;
pub mod docs;
mod env;
mod output;
pub mod view;

pub use env::{EnvError, TemplateError, Templates};
pub use output::{WriteError, WriteReport};
