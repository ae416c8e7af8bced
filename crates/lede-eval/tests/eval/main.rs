//! Integration tests of `lede-eval`: one test binary, one module per gold format or task.
//!
//! - `timeml`: reading `.tml` (and what `lede_timeline::timeml` writes), TE3 scoring, and the
//!   TE3 scores on the training data (ignored when `../shared/data` is absent; run in CI).

mod timeml;

use chrono::NaiveDate;

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
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
