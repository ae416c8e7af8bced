//! lede-quote: quotations and their speakers.
//!
//! The output types in [`types`] are the contract read by the stance analyser.

mod cues_learned;
mod extract;
#[doc(hidden)]
pub mod filter;
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

/// The quote analyser.
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
    analyze_with(doc, entities, true)
}

/// [`analyze`] without the learnt filter (for training it: `examples/learn_filter.rs`).
#[doc(hidden)]
pub fn analyze_unfiltered(doc: &Document, entities: &EntityOutput) -> QuoteOutput {
    analyze_with(doc, entities, false)
}

fn analyze_with(doc: &Document, entities: &EntityOutput, filtered: bool) -> QuoteOutput {
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
    if filtered {
        // attributions the filter rejects go, and so do the partial quotations inside them
        let mut keep: Vec<bool> = quotations
            .iter()
            .map(|q| filter::score(text, q).is_none_or(|s| s >= filter::MIN_SCORE))
            .collect();
        for (i, r) in raws.iter().enumerate() {
            if r.kind == QuoteKind::Partial {
                if let Some(h) = r.shares_source_of.filter(|&h| h < i) {
                    keep[i] = keep[i] && keep[h];
                }
            }
        }
        let mut k = keep.into_iter();
        quotations.retain(|_| k.next().unwrap_or(true));
    }
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
