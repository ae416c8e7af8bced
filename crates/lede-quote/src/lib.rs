//! lede-quote: quotations and their speakers.
//!
//! The output types in [`types`] are the contract read by the stance analyser.

pub mod types;

use std::sync::Arc;

use lede_core::{AnalyzeError, Analyzer, Context, Document, Output};
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

    fn analyze(&self, _doc: &Document, ctx: &Context) -> Result<Output, AnalyzeError> {
        let _entities = ctx.require::<EntityOutput>(lede_entity::NAME)?;
        Ok(Arc::new(QuoteOutput::default()))
    }
}
