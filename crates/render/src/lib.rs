//! schemalift-render (work in progress).
pub mod codegen;
