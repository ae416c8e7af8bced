//! Prints the quotations of plain-text articles (headline on line 1) as JSON, with the
//! entities of the entity analyser: `cargo run -p lede-quote --example show -- FILE...`.

use lede_core::{Analyzer, Context, Document, Metadata};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let doc = Document::from_plain_text(path.clone(), text, Metadata::default());
        let ctx = Context::new();
        let entities = match lede_entity::EntityAnalyzer.analyze(&doc, &ctx) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let Some(ents) = entities
            .as_any()
            .downcast_ref::<lede_entity::EntityOutput>()
        else {
            continue;
        };
        let out = lede_quote::analyze(&doc, ents);
        for q in &out.quotations {
            println!(
                "{:?} [{}] cue={:?} src={:?} speaker={:?} conf={}",
                q.kind,
                q.parts
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
                q.cue.as_ref().map(|c| c.text.as_str()),
                q.source.as_ref().map(|c| c.text.as_str()),
                q.speaker.as_ref().map(|s| (s.name.as_str(), s.via)),
                q.confidence
            );
        }
        for u in &out.unpaired {
            println!(
                "unpaired {:?} at {} (paragraph {})",
                u.span.text, u.span.start, u.paragraph
            );
        }
    }
}
