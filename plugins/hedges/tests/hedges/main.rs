//! The hedges plugin in process, after the real `quote` analyser (the SDK's `testing` helper
//! runs it, since the plugin requires it): one-line snapshots over the corpus, and its logic on
//! sentences of our own. Loading the built library into `lede` is tested by
//! `crates/lede-cli/tests/cli/plugins.rs`.

use lede_plugin_hedges::Hedges;
use lede_plugin_sdk::testing::{analyze_file, Document, Metadata, Test};
use serde_json::{json, Value};

/// The documented one-line snapshot test: the findings over every corpus article, after the
/// real quote analyser.
#[test]
fn corpus_snapshots() {
    insta::glob!("../../../../tests/corpus", "*.txt", |path| {
        insta::assert_yaml_snapshot!(analyze_file::<Hedges>(path));
    });
}

/// The hedge texts of each hedged quotation, with the speaker.
fn hedges(out: &Value) -> Vec<(Option<String>, Vec<String>)> {
    out["hedged"]
        .as_array()
        .unwrap_or_else(|| panic!("no hedged list: {out}"))
        .iter()
        .map(|q| {
            let speaker = q["speaker"].as_str().map(str::to_owned);
            let words = q["hedges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["text"].as_str().unwrap().to_owned())
                .collect();
            (speaker, words)
        })
        .collect()
}

#[test]
fn hedges_inside_quotations_are_found_and_not_outside() {
    let text = "Harbour workers may strike\n\n\
                \"The talks could collapse, and we might walk out,\" said Ana Ferreira, a union \
                leader. The company may reply on Monday.";
    let out = Test::<Hedges>::new().analyze_text("t", text);
    assert_eq!(out["quotations"], 1, "{out}");
    assert_eq!(
        hedges(&out),
        vec![(
            Some("Ana Ferreira".to_owned()),
            vec!["could".to_owned(), "might".to_owned()]
        )],
        "{out}"
    );
}

#[test]
fn a_capitalised_word_inside_a_sentence_is_a_name_not_a_hedge() {
    let text = "Vote date\n\n\"The vote will be held in May,\" said Tom Berg.";
    let out = Test::<Hedges>::new().analyze_text("t", text);
    assert_eq!(out["quotations"], 1, "{out}");
    assert_eq!(hedges(&out), vec![], "{out}");
}

#[test]
fn phrases_and_option_words_are_found_and_unknown_options_refused() {
    let text = "Budget\n\n\"It is sort of a tentative plan,\" said Mia Holt.";
    let out = Test::<Hedges>::with_options(json!({"words": ["tentative"]})).analyze_text("t", text);
    let found: Vec<(String, String)> = out["hedged"][0]["hedges"]
        .as_array()
        .unwrap_or_else(|| panic!("{out}"))
        .iter()
        .map(|h| {
            (
                h["text"].as_str().unwrap().to_owned(),
                h["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("sort of".to_owned(), "phrase".to_owned()),
            ("tentative".to_owned(), "custom".to_owned())
        ],
        "{out}"
    );
    let err = Test::<Hedges>::try_with_options(json!({"word": ["x"]}))
        .err()
        .expect("an unknown option is refused");
    assert!(err.to_string().contains("`word`"), "{err}");
}

/// A hand-made quote output: the plugin reads it with the SDK's types, and a wrong shape is an
/// error for the document, naming the input.
#[test]
fn hand_made_quote_outputs_are_read_with_the_typed_output() {
    let text = "They reportedly agreed.";
    let quote = json!({"quotations": [{
        "kind": "indirect",
        "parts": [{"start": 0, "end": 23, "text": text}],
        "text": text,
        "speaker": null,
        "confidence": 0.5
    }]});
    let doc = Document::new("t", text, Metadata::default());
    let out = Test::<Hedges>::new()
        .input("quote", quote)
        .analyze_document(&doc);
    assert_eq!(
        hedges(&out),
        vec![(None, vec!["reportedly".to_owned()])],
        "{out}"
    );
    let out = Test::<Hedges>::new()
        .input("quote", json!({"quotations": 3}))
        .analyze_document(&doc);
    assert!(
        out["error"].as_str().is_some_and(|e| e.contains("`quote`")),
        "{out}"
    );
}
