//! Tests of the numbers plugin through the SDK, the way a plugin author tests a plugin in
//! their own CI: snapshots over articles (here the project's `tests/corpus/`) and the entity
//! logic on hand-made `entity` outputs. Loading the built library into `lede` is tested by
//! `crates/lede-cli/tests/cli/plugins.rs`.

use lede_plugin_numbers::Numbers;
use lede_plugin_sdk::testing::{analyze_file, Document, Metadata, Test};
use serde_json::{json, Value};

/// The plugin's output over every corpus article, one snapshot per article (`entity` is optional
/// for this plugin, so `analyze_file` does not run it: these snapshots do not move when the
/// entity analyser changes).
#[test]
fn corpus_snapshots() {
    insta::glob!("../../../../tests/corpus", "*.txt", |path| {
        insta::assert_yaml_snapshot!(analyze_file::<Numbers>(path));
    });
}

/// The hard cases of numeric claims, in an article written for this plugin: what a plugin
/// author does with their own articles (`docs/plugins.md`).
#[test]
fn own_article_snapshots() {
    insta::glob!("articles", "*.txt", |path| {
        insta::assert_yaml_snapshot!(analyze_file::<Numbers>(path));
    });
}

fn doc(text: &str) -> Document {
    Document::new("test", text, Metadata::default())
}

/// A hand-made entity output: (start, end) of each mention with its entity's canonical name.
fn entities(text: &str, mentions: &[(&str, &str)]) -> Value {
    let mut canon: Vec<&str> = Vec::new();
    let mut ms = Vec::new();
    for (surface, canonical) in mentions {
        let start = text.find(surface).expect("mention in text");
        let id = canon
            .iter()
            .position(|c| c == canonical)
            .unwrap_or_else(|| {
                canon.push(canonical);
                canon.len() - 1
            });
        ms.push(
            json!({"start": start, "end": start + surface.len(), "text": surface,
                       "type": "ORG", "kind": "name", "entity": id}),
        );
    }
    let ents: Vec<Value> = canon
        .iter()
        .enumerate()
        .map(|(i, c)| json!({"id": i, "canonical": c, "type": "ORG", "mentions": []}))
        .collect();
    json!({"mentions": ms, "entities": ents})
}

fn claim_entities(out: &Value) -> Vec<(String, Option<String>)> {
    out["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap_or_default().to_owned(),
                c["entity"]["canonical"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[test]
fn a_claim_is_about_the_entity_of_its_clause_not_the_speaker() {
    let text = "Shares of Keystone Freight rose 24.6 percent on Monday. \
                Ana Ruiz said Harbor would save about $90 million a year.";
    let inputs = entities(
        text,
        &[
            ("Keystone Freight", "Keystone Freight Corp."),
            ("Ana Ruiz", "Ana Ruiz"),
            ("Harbor", "Harbor Logistics"),
        ],
    );
    let out = Test::<Numbers>::new()
        .input("entity", inputs)
        .analyze_document(&doc(text));
    assert_eq!(
        claim_entities(&out),
        vec![
            (
                "24.6 percent".to_owned(),
                Some("Keystone Freight Corp.".to_owned())
            ),
            (
                "about $90 million a year".to_owned(),
                Some("Harbor Logistics".to_owned())
            ),
        ]
    );
}

#[test]
fn an_entity_after_the_claim_is_used_when_none_precedes_and_never_across_sentences() {
    let text = "More than 300 workers walked out at Nordmill. Police arrested 12 people.";
    let inputs = entities(text, &[("Nordmill", "Nordmill AG")]);
    let out = Test::<Numbers>::new()
        .input("entity", inputs)
        .analyze_document(&doc(text));
    assert_eq!(
        claim_entities(&out),
        vec![
            (
                "More than 300 workers".to_owned(),
                Some("Nordmill AG".to_owned())
            ),
            ("12 people".to_owned(), None),
        ]
    );
}

#[test]
fn without_entity_output_claims_have_no_entity_and_a_wrong_shape_is_an_error() {
    let text = "The storm cut power to 85,000 homes.";
    let out = Test::<Numbers>::new().analyze_document(&doc(text));
    assert_eq!(
        claim_entities(&out),
        vec![("85,000 homes".to_owned(), None)]
    );
    let out = Test::<Numbers>::new()
        .input("entity", json!({"mentions": 3}))
        .analyze_document(&doc(text));
    assert!(
        out["error"].as_str().is_some_and(|e| e.contains("entity")),
        "{out}"
    );
}

#[test]
fn every_claim_carries_its_sentence_and_exact_span() {
    let text =
        "Headline here\n\nOfficials said 1,500 troops were sent. A 16-foot deep crater opened.";
    let out = Test::<Numbers>::new().analyze_text("t", text);
    let claims = out["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 2, "{out}");
    for c in claims {
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], c["text"].as_str().unwrap());
        let (ss, se) = (
            c["sentence"]["start"].as_u64().unwrap() as usize,
            c["sentence"]["end"].as_u64().unwrap() as usize,
        );
        assert!(ss <= s && e <= se, "{c}");
        assert_eq!(&text[ss..se], c["sentence"]["text"].as_str().unwrap());
    }
}

/// The `kinds` option keeps only the claims of those kinds; an unknown option or kind is an
/// error from `new` (which stops `lede` before any document).
#[test]
fn kinds_option_filters_and_unknown_options_are_refused() {
    assert!(Test::<Numbers>::try_with_options(json!({"kinds": ["money"]})).is_ok());
    let err = Test::<Numbers>::try_with_options(json!({"kind": ["money"]}))
        .err()
        .unwrap();
    assert!(err.to_string().contains("`kind`"), "{err}");
    let err = Test::<Numbers>::try_with_options(json!({"kinds": ["cash"]}))
        .err()
        .unwrap();
    assert!(err.to_string().contains("`cash`"), "{err}");
    let doc = doc("Sales rose 4 percent to $12 million, and 300 workers were hired.");
    let all = Test::<Numbers>::new();
    let money = Test::<Numbers>::with_options(json!({"kinds": ["money", "percent"]}));
    let kinds = |n: &Test<Numbers>| {
        n.analyze_document(&doc)["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["kind"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&all), ["percent", "money", "count"]);
    assert_eq!(kinds(&money), ["percent", "money"]);
}
