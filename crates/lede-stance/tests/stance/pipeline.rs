use lede_core::{Analyzer, Context, Document, Metadata};
use lede_stance::fnc::FncLabel;
use lede_stance::{Stance, StanceAnalyzer, StanceOptions, StanceOutput, Verdict};

fn analyse(doc: &Document) -> StanceOutput {
    analyse_with(doc, &StanceAnalyzer::default())
}

fn analyse_with(doc: &Document, stance: &StanceAnalyzer) -> StanceOutput {
    let mut ctx = Context::new();
    let e = lede_entity::EntityAnalyzer.analyze(doc, &ctx).unwrap();
    ctx.insert(lede_entity::NAME, e);
    let q = lede_quote::QuoteAnalyzer.analyze(doc, &ctx).unwrap();
    ctx.insert(lede_quote::NAME, q);
    let s = stance.analyze(doc, &ctx).unwrap();
    s.as_any().downcast_ref::<StanceOutput>().unwrap().clone()
}

/// The headline verdict of `headline` against the article `text`.
fn verdict(text: &str, headline: &str) -> lede_stance::HeadlineStance {
    let doc = Document::from_plain_text("h", text.to_owned(), Metadata::default());
    let stance = StanceAnalyzer::new(&StanceOptions {
        headline: Some(headline.to_owned()),
        ..StanceOptions::default()
    })
    .unwrap();
    analyse_with(&doc, &stance).headline.unwrap()
}

/// The headlines that contradict the seed article: NATO's chief says Ukraine belongs
/// in NATO; these say NATO is against it.
#[test]
#[cfg_attr(not(shared_seed), ignore = "needs ../shared/seed")]
fn seed_article_contradicting_headlines_disagree() {
    let path = crate::shared("seed/000_47459a84323fbb6b.txt");
    let text = std::fs::read_to_string(path).unwrap();
    for h in [
        "NATO rejects Ukraine membership bid",
        "Ukraine will never join NATO, says alliance chief",
        "Stoltenberg rules out NATO membership for Ukraine",
    ] {
        let v = verdict(&text, h);
        assert_eq!(v.label, FncLabel::Disagree, "{h}: {v:#?}");
        assert_eq!(v.decided_by, Verdict::Contradiction);
        assert!(!v.sentences.is_empty());
        let sum: f64 = v.probabilities.values().sum();
        assert!((sum - 1.0).abs() < 0.01, "{sum}");
    }
    // the article's own claim is no contradiction
    let v = verdict(
        &text,
        "NATO chief says Ukraine deserves to join the alliance",
    );
    assert_ne!(v.label, FncLabel::Disagree, "{v:#?}");
}

/// Contradictions on articles of our own: the same mechanism, other names and frames.
#[test]
fn contradicting_headlines_on_our_articles() {
    let text = "Norway Moves Closer to Membership\n\nEuropean Union commissioner Maria Holm \
                said on Tuesday that Norway deserves to join the European Union and that its \
                application would be welcomed. \"Norway belongs in the European Union,\" Holm \
                told reporters in Brussels. Officials in Oslo said they were pleased.\n";
    for h in [
        "European Union rejects Norway membership bid",
        "Norway will never join the European Union, says bloc commissioner",
        "Holm rules out European Union membership for Norway",
    ] {
        let v = verdict(text, h);
        assert_eq!(v.label, FncLabel::Disagree, "{h}: {v:#?}");
        assert!(v
            .sentences
            .iter()
            .any(|s| s.text.contains("deserves to join")));
    }
    // a headline that repeats the article's position is no contradiction
    let v = verdict(text, "Norway deserves to join European Union, says Holm");
    assert_ne!(v.label, FncLabel::Disagree, "{v:#?}");
    // and without a proposition there is nothing to check: the model decides
    let v = verdict(text, "Oslo weather stays mild");
    assert_eq!(v.decided_by, Verdict::Model);
}

fn norm(s: &str) -> String {
    s.replace('\u{2019}', "'")
}

/// The acceptance criteria on the seed article.
#[test]
#[cfg_attr(not(shared_seed), ignore = "needs ../shared/seed")]
fn seed_article() {
    let path = crate::shared("seed/000_47459a84323fbb6b.txt");
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
