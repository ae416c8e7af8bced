//! The SDK against the real analysers: the typed outputs of `lede_plugin_sdk::outputs` read
//! what the built-in analysers print and write it back unchanged, on every article of
//! `tests/corpus` and `examples/articles` (so that the types cannot drift from the analysers).

mod outputs;
