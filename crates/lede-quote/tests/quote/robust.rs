//! No panic on any input: texts stitched at random (a fixed-seed generator, so that a failure
//! reproduces) from quotation marks of every style, cues, names, titles and punctuation, the
//! pieces the rules probe around. A panic here was a rule reading one token past the end
//! (`Mr. " told before :`).

use lede_core::{Analyzer, Context, Document, Metadata};

const PIECES: &[&str] = &[
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "''",
    "'''",
    "``",
    "«",
    "»",
    ",",
    ".",
    "?",
    "!",
    ":",
    ";",
    "—",
    "-",
    "(",
    ")",
    "\n",
    "\n\n",
    " ",
    "said",
    "told",
    "according to",
    "he",
    "she",
    "who",
    "Mr.",
    "Smith",
    "John Smith",
    "the spokesman",
    "that",
    "added",
    ", adding",
    "“Yes,”",
    "\"No.\"",
    "Will",
    "his",
    "Inc.",
    "U.S.",
    "2015",
    "before",
    "cautioned",
    "asked",
    "é",
];

#[test]
fn random_texts_never_panic() {
    let mut rng = fastrand::Rng::with_seed(7);
    let mut texts = vec!["Mr. \" told before : ".to_owned()];
    for _ in 0..3000 {
        let n = rng.usize(..60);
        let mut t = String::new();
        for _ in 0..n {
            t.push_str(PIECES[rng.usize(..PIECES.len())]);
            if rng.bool() {
                t.push(' ');
            }
        }
        texts.push(t);
    }
    for (i, t) in texts.into_iter().enumerate() {
        let doc = Document::from_plain_text(
            format!("r{i}"),
            format!("Headline\n\n{t}"),
            Metadata::default(),
        );
        let ents = lede_entity::EntityAnalyzer
            .analyze(&doc, &Context::new())
            .expect("entity analyser");
        let ents = ents
            .as_any()
            .downcast_ref::<lede_entity::EntityOutput>()
            .expect("entity output");
        let out = lede_quote::analyze(&doc, ents);
        for q in &out.quotations {
            for p in &q.parts {
                assert!(
                    p.start <= p.end && p.end <= doc.text().len(),
                    "{t:?}: {q:?}"
                );
            }
        }
    }
}
