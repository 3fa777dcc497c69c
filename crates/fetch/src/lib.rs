//! schemalift-fetch (work in progress).
