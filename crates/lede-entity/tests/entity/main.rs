//! Integration tests of the entity analyser.
//!
//! - `seed`: the seed article (from ../shared/seed, ignored when absent): the people,
//!   organisations and places it names, each one entity, with the roles the text states.
//! - `snapshots`: the analyser's output over `tests/corpus/*.txt`.
//! - `robust`: headline casing, lowercase text, newlines, odd input.
//! - `linking`: acronyms, surnames, demonyms, roles from appositions, actors.
//! - `conll`: the gold-data reader (IOB1/IOB2, CoNLL/UNER layouts) and the scorer.
//! - `scaling`: analysis time linear in the length of the document.

mod conll;
mod linking;
mod robust;
mod scaling;
mod seed;
mod shapes;
mod snapshots;

use lede_core::{Document, Metadata};
use lede_entity::{EntityAnalyzer, EntityOutput};

pub fn analyze_plain(text: &str) -> EntityOutput {
    let doc = Document::from_plain_text("t", text, Metadata::default());
    EntityAnalyzer.run(&doc)
}
