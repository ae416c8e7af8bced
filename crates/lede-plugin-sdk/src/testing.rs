//! Snapshot-testing a plugin in its author's own CI, without building the library or running
//! `lede`: the request is built by the same code as `lede analyze` builds it (same text
//! layers, same metadata) and goes through the same JSON path as in the library.
//!
//! ```ignore
//! #[test]
//! fn my_articles() {
//!     insta::glob!("articles/*.txt", |path| {
//!         insta::assert_yaml_snapshot!(lede_plugin_sdk::testing::analyze_file::<MyPlugin>(path));
//!     });
//! }
//! ```
//!
//! Enable with `lede-plugin-sdk = { version = "...", features = ["testing"] }` under
//! `[dev-dependencies]`.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::{Analyzer, Options};

/// The plugin's output for a plain-text article (line 1 is the headline, as `lede analyze`
/// reads `.txt` files), with default options and no analyser inputs: the findings, or
/// `{"error": message}`. Panics with a clear message when the file cannot be read or the
/// plugin cannot be built (this is a test helper: a panic fails the test).
pub fn analyze_file<T: Analyzer>(path: impl AsRef<Path>) -> Value {
    let plugin = T::new(&Options::new())
        .unwrap_or_else(|e| panic!("plugin `{}` could not be built: {e}", T::NAME));
    analyze_file_with(&plugin, path, &BTreeMap::new())
}

/// Like [`analyze_file`] with a plugin instance and the outputs of the analysers it uses
/// (for instance a hand-made `entity` output), by analyser name.
pub fn analyze_file_with<T: Analyzer>(
    plugin: &T,
    path: impl AsRef<Path>,
    inputs: &BTreeMap<String, Value>,
) -> Value {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    // as `lede analyze` reads text files: a leading byte-order mark is not part of the text
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    let id = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let doc = lede_core::Document::from_plain_text(id, text, lede_core::Metadata::default());
    analyze_document(plugin, &doc, inputs)
}

/// The plugin's output for a document: the findings, or `{"error": message}`.
pub fn analyze_document<T: Analyzer>(
    plugin: &T,
    doc: &lede_core::Document,
    inputs: &BTreeMap<String, Value>,
) -> Value {
    let request = crate::host::request_json(
        doc,
        inputs.iter().map(|(k, v)| (k.as_str(), v)),
        &Options::new(),
    )
    .unwrap_or_else(|e| panic!("request could not be serialised: {e}"));
    match crate::__private::handle(plugin, &request) {
        Ok(bytes) => {
            let response: crate::wire::Response = serde_json::from_slice(&bytes)
                .unwrap_or_else(|e| panic!("response is not valid JSON: {e}"));
            match (response.findings, response.error) {
                (_, Some(error)) => serde_json::json!({ "error": error }),
                (Some(findings), None) => findings,
                (None, None) => {
                    serde_json::json!({ "error": "response has neither findings nor error" })
                }
            }
        }
        Err((_, message)) => serde_json::json!({ "error": message }),
    }
}
