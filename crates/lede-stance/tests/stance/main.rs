//! Integration tests of the stance analyser and the FNC-1 model.

/// Rules on our own sentences, with hand-built entity output (independent of the tagger):
/// negation, flipping frames, negated actions, user targets, user lexicons, headline targets.
mod rules;

/// The FNC-1 model: behaviour on our own pairs, and the dev-split gate on the shared data.
mod fnc;

/// The whole pipeline (entity, quote, stance): the seed article's acceptance criteria and
/// snapshots over tests/corpus.
mod pipeline;

use std::path::PathBuf;

/// `../shared/<sub>` beside the workspace (always there in CI). A test that calls this is
/// marked `#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]` (or `shared_seed`;
/// see `tests/shared.rs` at the root), so it runs only when the folder was there at build time.
pub fn shared(sub: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(sub);
    assert!(p.exists(), "{} is missing", p.display());
    p
}
