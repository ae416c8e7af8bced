//! lede-quote: quotations and their speakers.
//!
//! The output types in [`types`] are the contract read by the stance analyser.

mod cues_learned;
mod extract;
mod lexicon;
mod marks;
mod paras;
mod resolve;
pub mod types;

use std::sync::Arc;

use lede_core::{AnalyzeError, Analyzer, Context, Document, Output, Span};
use lede_entity::EntityOutput;

pub use types::{Quotation, QuoteKind, QuoteOutput, Resolution, Speaker, UnpairedMark};

/// The analyser's name in pipelines and output.
pub const NAME: &str = "quote";

/// The quote analyser. (Work in progress: finds nothing yet.)
#[derive(Debug, Default)]
pub struct QuoteAnalyzer;

impl Analyzer for QuoteAnalyzer {
    fn name(&self) -> &'static str {
        NAME
    }

    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    fn requires(&self) -> Vec<String> {
        vec![lede_entity::NAME.to_owned()]
    }

    fn description(&self) -> &'static str {
        "quotations (direct, partial, indirect, terms) with cue, source and resolved speaker"
    }

    fn analyze(&self, doc: &Document, ctx: &Context) -> Result<Output, AnalyzeError> {
        let entities = ctx.require::<EntityOutput>(lede_entity::NAME)?;
        Ok(Arc::new(analyze(doc, entities)))
    }
}

/// Finds the quotations of `doc` and resolves their speakers against `entities`.
pub fn analyze(doc: &Document, entities: &EntityOutput) -> QuoteOutput {
    let text = doc.text();
    let layers = doc.layers();
    let (paragraphs, para_orig) = paras::refine(text, layers);
    let marks = marks::pair(text, &paragraphs);
    let raws = extract::extract(text, layers, &paragraphs, &marks);
    let mut quoted: Vec<Span> = raws
        .iter()
        .filter(|r| r.kind != QuoteKind::Term)
        .flat_map(|r| r.parts.iter().copied())
        .collect();
    quoted.sort_unstable();
    let speakers = resolve::resolve(text, &raws, entities, &quoted);
    let mut quotations: Vec<Quotation> = raws
        .iter()
        .zip(speakers)
        .map(|(r, speaker)| {
            let parts: Vec<_> = r.parts.iter().map(|p| p.with_text(text)).collect();
            let joined = parts
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let mut confidence = r.confidence;
            if speaker.is_none() && r.kind != QuoteKind::Term {
                confidence *= 0.8;
            }
            Quotation {
                kind: r.kind,
                parts,
                text: joined,
                cue: r.cue.map(|c| c.with_text(text)),
                source: r.source.map(|s| s.with_text(text)),
                speaker,
                confidence: (confidence * 100.0).round() / 100.0,
            }
        })
        .collect();
    quotations.sort_by_key(|q| q.parts.first().map(|p| (p.start, p.end)));
    let unpaired = marks
        .unpaired
        .iter()
        .map(|&(s, paragraph)| UnpairedMark {
            span: s.with_text(text),
            paragraph: para_orig.get(paragraph).copied().unwrap_or(paragraph),
        })
        .collect();
    QuoteOutput {
        quotations,
        unpaired,
    }
}
