//! Integration tests of the `timeline` analyser.
//!
//! - `forms`: one test per kind of expression issue 19 lists (numeric dates, date and time
//!   together, arithmetic, sets, holidays, eras, the resolution policy);
//! - `cases`: table-driven hard cases written for these tests (direction, granularity, false
//!   positives in running text, missing DCT, quoted speech);
//! - `seed`: the acceptance checks on the seed article (ignored when `../shared` is absent);
//! - `corpus`: snapshots over `tests/corpus/*.txt` with a fixed publication date;
//! - `writer`: the `TimeML` writer and the TIMEX3 attributes it writes.
//!
//! `TimeML` output read back, and the TE3 scores, are tested in `lede-eval`, which holds the
//! reader and the scorer.

mod cases;
mod corpus;
mod forms;
mod seed;
mod writer;

use chrono::NaiveDate;
use lede_core::{Document, Metadata};
use lede_timeline::TimelineOutput;

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// Analyses a text without a headline line.
pub fn run(text: &str, dct: Option<&str>) -> TimelineOutput {
    let doc = Document::new(
        "test",
        text,
        Metadata {
            date: dct.map(date),
            ..Metadata::default()
        },
    );
    lede_timeline::analyze(&doc)
}

/// The workspace root.
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/<sub>` beside the workspace (always there in CI). A test that calls this is
/// marked `#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]` (or `shared_seed`;
/// see `tests/shared.rs` at the root), so it runs only when the folder was there at build time.
pub fn shared(sub: &str) -> std::path::PathBuf {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(sub);
    assert!(p.exists(), "{} is missing", p.display());
    p
}
