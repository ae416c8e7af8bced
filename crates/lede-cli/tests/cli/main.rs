//! Integration tests of the `lede` binary: one test binary, one module per area.

mod common;
