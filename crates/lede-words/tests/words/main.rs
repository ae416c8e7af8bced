//! Integration tests of the word tables.
//!
//! - `embedded`: the tables in the binary: case-insensitive lookup, ranks, cluster ranges, and
//!   that words used alike share clusters while unrelated words do not.
//! - `tables`: the file formats round-trip and bad bytes are refused, not a panic.
//! - `kmeans`: the clustering finds obvious groups and is deterministic.

mod embedded;
mod kmeans;
mod tables;
