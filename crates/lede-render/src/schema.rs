//! The JSON Schema of the record (`lede schema`), kept in `docs/record.schema.json` and
//! checked against real output by the CLI's tests.

/// The schema (JSON Schema draft 2020-12), as committed under `docs/`.
pub const RECORD: &str = include_str!("../../../docs/record.schema.json");
