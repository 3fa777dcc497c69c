//! Errors a user can meet while reading a schema: each one line, naming the file (and line and
//! column where there is one) and what went wrong.

use crate::diagnostics::Located;
use apollo_compiler::validation::DiagnosticList;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("no schema given")]
    NoInput,
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{name}: not UTF-8 text (is it a binary file?)")]
    NotText { name: String },
    #[error("{name}: larger than {limit} bytes, the input limit (set SCHEMALIFT_MAX_INPUT_BYTES to change it)")]
    TooLarge { name: String, limit: u64 },
    #[error("{name}: empty, no schema definitions")]
    Empty { name: String },
    #[error("{}: no schema files (*.graphql, *.graphqls, *.gql) in this directory", dir.display())]
    NoSchemaFiles { dir: PathBuf },
    #[error("{url}: a URL needs `schemalift fetch` support, which this build does not have")]
    NeedsFetch { url: String },
    #[error("git:{rev}:{path}: {message}")]
    Git {
        rev: String,
        path: String,
        message: String,
    },
    #[error("{name}: an introspection result cannot be merged with other schema files")]
    MixedFormats { name: String },
    #[error("{name}:{line}:{column}: invalid JSON: {message}")]
    Json {
        name: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{name}: not an introspection result: {message}")]
    NotIntrospection { name: String, message: String },
    #[error("{name}: {path}: {message}")]
    Introspection {
        name: String,
        /// Where in the JSON, e.g. `__schema.types[3] (Query).fields[1] (viewer).type`.
        path: String,
        message: String,
    },
    /// A type reference ends in a list or non-null wrapper without its `ofType`: the
    /// introspection query asked for fewer type-reference levels than this schema nests.
    #[error("{name}: the type of {coordinate} is cut short (a wrapper without `ofType`): the introspection query was not deep enough for it")]
    TooShallow { name: String, coordinate: String },
    #[error("{}", syntax_summary(.0))]
    Syntax(Box<DiagnosticList>),
}

fn syntax_summary(diagnostics: &DiagnosticList) -> String {
    match (diagnostics.iter().next(), diagnostics.len()) {
        (Some(first), 1) => Located::of(&first).to_string(),
        (Some(first), n) => format!("{n} syntax errors, the first: {}", Located::of(&first)),
        (None, _) => "syntax error".to_owned(),
    }
}
