use lede_core::{Analyzer, Context, Document, Metadata};
use lede_stance::{Stance, StanceAnalyzer, StanceOutput};

fn analyse(doc: &Document) -> StanceOutput {
    let mut ctx = Context::new();
    let e = lede_entity::EntityAnalyzer.analyze(doc, &ctx).unwrap();
    ctx.insert(lede_entity::NAME, e);
    let q = lede_quote::QuoteAnalyzer.analyze(doc, &ctx).unwrap();
    ctx.insert(lede_quote::NAME, q);
    let s = StanceAnalyzer::default().analyze(doc, &ctx).unwrap();
    s.as_any().downcast_ref::<StanceOutput>().unwrap().clone()
}

fn norm(s: &str) -> String {
    s.replace('\u{2019}', "'")
}

/// The acceptance criteria on the seed article.
#[test]
fn seed_article() {
    let Some(path) = crate::shared("seed/000_47459a84323fbb6b.txt") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let doc = Document::from_plain_text("seed", text, Metadata::default());
    let out = analyse(&doc);
    assert_eq!(out.targets[0].label, "Ukraine joining NATO");
    let rec = |actor: &str| {
        out.stances
            .iter()
            .find(|r| r.target == 0 && r.actor == actor)
            .unwrap_or_else(|| panic!("no record for {actor}: {:#?}", out.stances))
    };
    let has = |actor: &str, words: &str| {
        rec(actor)
            .evidence
            .iter()
            .any(|e| norm(&e.span.text).contains(words))
    };
    assert_eq!(rec("Jens Stoltenberg").stance, Stance::Favor);
    assert!(has(
        "Jens Stoltenberg",
        "Ukraine's rightful place is in NATO"
    ));
    assert!(has("Jens Stoltenberg", "deserves to join"));
    assert_eq!(rec("NATO leaders").stance, Stance::Favor);
    assert!(has("NATO leaders", "would join the alliance"));
    assert!(matches!(
        rec("Volodymyr Zelenskyy").stance,
        Stance::Favor | Stance::Neutral
    ));
    assert_eq!(rec("Kremlin").stance, Stance::Against);
    assert!(has("Kremlin", "preventing Ukraine from joining NATO"));
    assert_eq!(rec("Dmitry Peskov").stance, Stance::Against);
    assert!(has("Dmitry Peskov", "preventing Ukraine from joining NATO"));
    assert!(has("Dmitry Peskov", "serious, significant threat"));
}

#[test]
fn corpus_snapshots() {
    insta::glob!("../../../../tests/corpus", "*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = Document::from_plain_text("doc", text, Metadata::default());
        // entity indices shift whenever the entity analyser finds one more or one fewer
        // entity; the names they stand for are in the snapshot already
        insta::assert_yaml_snapshot!(analyse(&doc), {
            ".targets[].entity" => "[index]",
            ".stances[].actor_entity" => "[index]",
        });
    });
}
