//! Integration tests of lede-core at its public boundary, one module per area.

/// The pipeline runner: registry errors, failure isolation, order, determinism.
mod pipeline;

/// The shared text layers: sentences, tokens, datelines on hard cases; span invariants.
mod text;
