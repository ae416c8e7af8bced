//! Round trips of the built-in analysers' outputs through the SDK's types.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lede_core::{Analyzer, Document, Metadata, Pipeline};
use lede_plugin_sdk::outputs::{EntityOutput, QuoteOutput, StanceOutput, TimelineOutput};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Our own articles: the test corpus and the examples.
fn articles() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["tests/corpus", "examples/articles"] {
        let dir = root().join(dir);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 10, "too few articles: {files:?}");
    files
}

/// `value` read as `T` and written back: the same JSON, or a message saying what differs.
fn round_trip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<T, String> {
    let typed: T =
        serde_json::from_value(value.clone()).map_err(|e| format!("does not read: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("does not write: {e}"))?;
    if &back == value {
        Ok(typed)
    } else {
        Err(format!(
            "written back differently:\n  printed: {value}\n  written: {back}"
        ))
    }
}

/// Every built-in output of every article reads into its type and writes back unchanged; the
/// articles exercise the optional parts (speakers, roles, unpaired marks, events, headline
/// stance) so that those are checked too.
#[test]
fn the_typed_outputs_are_what_the_analysers_print() {
    let mut failures = Vec::new();
    let (mut speakers, mut roles, mut events, mut stances, mut headlines) = (0, 0, 0, 0, 0);
    for path in articles() {
        let text = std::fs::read_to_string(&path).unwrap();
        let headline = text.lines().next().unwrap_or_default().to_owned();
        let metadata = Metadata {
            date: chrono::NaiveDate::from_ymd_opt(2024, 3, 1),
            ..Metadata::default()
        };
        let id = path.file_name().unwrap().to_string_lossy().into_owned();
        let doc = Document::from_plain_text(id.clone(), text, metadata);
        // the stance analyser with a headline to classify the article against, as
        // `lede analyze --headline` sets it
        let mut analyzers = lede_plugin_sdk::testing::builtin_analyzers();
        let stance = lede_stance::StanceAnalyzer::new(&lede_stance::StanceOptions {
            headline: Some(headline),
            ..lede_stance::StanceOptions::default()
        })
        .unwrap();
        for a in &mut analyzers {
            if a.name() == "stance" {
                *a = Arc::new(stance.clone()) as Arc<dyn Analyzer>;
            }
        }
        let record = Pipeline::build(analyzers, None).unwrap().analyze(&doc);
        assert!(
            record.error.is_none() && record.errors.is_empty(),
            "{id}: {record:?}"
        );
        let out = |name: &str| &record.results[name];
        let mut check = |name: &str, result: Result<(), String>| {
            if let Err(e) = result {
                failures.push(format!("{id}, {name}: {e}"));
            }
        };
        check(
            "entity",
            round_trip::<EntityOutput>(out("entity")).map(|e| {
                roles += e.entities.iter().filter(|e| e.roles.is_some()).count();
            }),
        );
        check(
            "quote",
            round_trip::<QuoteOutput>(out("quote")).map(|q| {
                speakers += q.quotations.iter().filter(|q| q.speaker.is_some()).count();
            }),
        );
        check(
            "timeline",
            round_trip::<TimelineOutput>(out("timeline")).map(|t| {
                events += t.timeline.len();
            }),
        );
        check(
            "stance",
            round_trip::<StanceOutput>(out("stance")).map(|s| {
                stances += s.stances.len();
                headlines += usize::from(s.headline.is_some());
            }),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for (what, n) in [
        ("resolved speakers", speakers),
        ("entities with roles", roles),
        ("dated events", events),
        ("stances", stances),
        ("headline stances", headlines),
    ] {
        assert!(
            n > 0,
            "no {what} in the articles: the round trip checked too little"
        );
    }
}
