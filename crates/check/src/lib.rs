//! schemalift-check (work in progress).
