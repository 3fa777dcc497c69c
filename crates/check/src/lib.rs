//! schemalift-check: what changed between two versions of a schema and whom it hurts.
//!
//! [`diff`] compares two schemas and returns every [`Change`], each with a kind from the
//! catalogue ([`ChangeKind`], one table giving its criticality, message and reason) and a schema
//! coordinate. [`rules`] lets a team's `schemalift.toml` ignore, lower or approve changes, [`ops`]
//! checks client operations against the new schema and tells which breaking changes they use,
//! [`report`] renders the result (text, JSON, Markdown, GitHub annotations) and [`textual`]
//! prints a unified diff of the two schemas in canonical form; [`FailOn`] decides, by `--fail-on`,
//! whether the result fails a CI job.

// Only a test reads the catalogue table: it keeps docs/diff.md equal to the code.
#[cfg(test)]
mod catalogue;
mod change;
pub mod config;
mod diff;
pub mod graphql_config;
pub mod ops;
pub mod report;
pub mod rules;
pub mod textual;
mod verdict;

pub use change::{Change, ChangeKind, Criticality, KindSpec, Presentation};
pub use diff::{diff, input_change_is_safe, output_change_is_safe};
pub use schemalift_model::Coordinate;
pub use verdict::FailOn;
