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

/// `../shared/<sub>` next to the workspace, or `None` (with a message) when it is absent.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(sub);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "skipping: {} is absent (the shared data is only in CI)",
            p.display()
        );
        None
    }
}
