//! Snapshots of the analyser's output over `tests/corpus/*.txt` (articles written for the
//! project), each read as plain text (line 1 the headline) with a fixed publication date.

use lede_core::{Document, Metadata};

use crate::date;

#[test]
fn corpus_snapshots() {
    insta::glob!("../../../../tests/corpus", "*.txt", |path| {
        let text = std::fs::read_to_string(path).expect("corpus article");
        let doc = Document::from_plain_text(
            "corpus",
            text,
            Metadata {
                date: Some(date("2024-03-14")),
                ..Metadata::default()
            },
        );
        let out = lede_timeline::analyze(&doc);
        // one line per expression and per timeline entry, so that a review reads quickly
        let timexes: Vec<String> = out
            .timexes
            .iter()
            .map(|t| {
                format!(
                    "{:?} [{}..{}] {} {}{}{}",
                    t.span.text,
                    t.span.start,
                    t.span.end,
                    t.kind.as_str(),
                    t.value,
                    if t.in_quote { " (quoted)" } else { "" },
                    t.event
                        .as_ref()
                        .map(|e| format!(" -> {}", e.text))
                        .unwrap_or_default()
                )
            })
            .collect();
        let timeline: Vec<String> = out
            .timeline
            .iter()
            .map(|e| {
                format!(
                    "{} {} {}: {}",
                    e.value, e.relation, e.event.text, e.clause.text
                )
            })
            .collect();
        insta::assert_yaml_snapshot!(serde_json::json!({
            "timexes": timexes,
            "timeline": timeline,
        }));
    });
}
