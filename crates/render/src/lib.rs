//! schemalift-render (work in progress).
