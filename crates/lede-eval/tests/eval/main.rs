//! Integration tests of `lede-eval`: one test binary, one module per gold format or task.
//!
//! - `timeml`: reading `.tml` (and what `lede_timeline::timeml` writes), TE3 scoring, and the
//!   TE3 scores on the training data (skipped when `../shared/data` is absent; run in CI).

mod timeml;

use chrono::NaiveDate;

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// `../shared/<sub>` beside the workspace, when present (always in CI).
pub fn shared(sub: &str) -> Option<std::path::PathBuf> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(sub);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared/{sub} is absent (it is present in CI)");
        None
    }
}
