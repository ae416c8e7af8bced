//! Integration tests of the quote analyser, one binary:
//! - `snapshot`: the output over every article in `tests/corpus/` (insta, YAML);
//! - `hard_cases`: one targeted assertion per hard case, on corpus articles;
//! - `reported`: the failures users reported (issue 13), on short texts of our own;
//! - `robust`: no panic on texts stitched at random from the pieces the rules probe;
//! - `seed`: the acceptance checks on the seed article (ignored when `../shared` is absent).

mod hard_cases;
mod reported;
mod robust;
mod seed;
mod snapshot;

use std::path::Path;

use lede_core::{Analyzer, Context, Document, Metadata};
use lede_quote::{Quotation, QuoteKind, QuoteOutput};

/// Runs the entity and quote analysers on a plain-text article (headline on line 1).
pub fn analyse(path: &Path) -> (Document, QuoteOutput) {
    let text = std::fs::read_to_string(path).expect("article");
    analyse_text(&path.file_name().unwrap().to_string_lossy(), &text)
}

/// [`analyse`] on a text written in the test.
pub fn analyse_text(id: &str, text: &str) -> (Document, QuoteOutput) {
    let doc = Document::from_plain_text(id, text, Metadata::default());
    let out = lede_quote::analyze(&doc, &entities(&doc));
    (doc, out)
}

/// The entity analyser's output for `doc`.
pub fn entities(doc: &Document) -> lede_entity::EntityOutput {
    let ents = lede_entity::EntityAnalyzer
        .analyze(doc, &Context::new())
        .expect("entity analyser");
    ents.as_any()
        .downcast_ref::<lede_entity::EntityOutput>()
        .expect("entity output")
        .clone()
}

pub fn corpus(name: &str) -> (Document, QuoteOutput) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(name);
    analyse(&p)
}

/// The quotation whose text contains `needle`, of the given kind.
pub fn find<'a>(out: &'a QuoteOutput, kind: QuoteKind, needle: &str) -> &'a Quotation {
    out.quotations
        .iter()
        .find(|q| q.kind == kind && q.text.contains(needle))
        .unwrap_or_else(|| {
            panic!(
                "no {kind:?} quotation containing {needle:?}; found: {:#?}",
                out.quotations
                    .iter()
                    .map(|q| (q.kind, &q.text))
                    .collect::<Vec<_>>()
            )
        })
}

/// The cue's text, or `None`.
pub fn cue(q: &Quotation) -> Option<&str> {
    q.cue.as_ref().map(|c| c.text.as_str())
}

/// The source mention's text, or `None`.
pub fn source(q: &Quotation) -> Option<&str> {
    q.source.as_ref().map(|s| s.text.as_str())
}

/// The speaker's canonical name, or `None`.
pub fn speaker(q: &Quotation) -> Option<&str> {
    q.speaker.as_ref().map(|s| s.name.as_str())
}
