//! Integration tests of the `lede` binary: one test binary, one module per area.

mod common;

/// `lede analyze` / `lede analyzers`: bad inputs, exit codes, broken pipe, determinism, formats.
mod analyze;

/// `lede snapshot` / `lede snapshot review`: writing, checking, reviewing, unreferenced and
/// redacted snapshots, insta compatibility, thread-count determinism.
mod snapshot;

/// `--plugin` / `LEDE_PLUGIN_PATH`: the numbers plugin end to end, and every failure case
/// (panic, bad JSON, ABI mismatch, missing symbol, not a library, name clash).
mod plugins;

/// `lede eval sentences`: the GUM news gate and scoring on a small CoNLL-U file.
mod eval_sentences;

/// `lede eval ner` / `lede eval link`: JSON shape on small files, bad input, dev-data gates.
mod eval_entity;

/// `lede bench`: both modes on a tiny input, argument errors.
mod bench;

/// `lede eval timex` and `--format timeml`: TE3 gates, a small TimeML file, output that reads
/// back.
mod eval_timex;

/// `lede analyze` with `--target`, `--headline`, `--lexicon`; `lede eval stance` on FNC-1 dev;
/// `lede eval speakers` on a small BASIL folder and on BASIL.
mod stance;

/// `--format conll|brat|timeml`, `--out-dir`, `lede schema`: output that lede's own readers
/// read back.
mod formats;

/// What people see: `--format html` in headless Chromium (DOM and screenshot), the text
/// summary, colours, the progress bar on a pseudo-terminal, log lines, completions, man pages.
mod view;
