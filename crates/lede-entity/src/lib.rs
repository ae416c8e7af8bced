//! lede-entity: named entities and in-article linking.
//!
//! The output types in [`types`] are the contract read by the quote and stance analysers.

pub mod types;

use std::sync::Arc;

use lede_core::{AnalyzeError, Analyzer, Context, Document, Output};

pub use types::{Entity, EntityOutput, EntityType, Mention, MentionKind, Role};

/// The analyser's name in pipelines and output.
pub const NAME: &str = "entity";

/// The entity analyser. (Work in progress: finds nothing until the tagger lands.)
#[derive(Debug, Default)]
pub struct EntityAnalyzer;

impl Analyzer for EntityAnalyzer {
    fn name(&self) -> &'static str {
        NAME
    }

    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    fn description(&self) -> &'static str {
        "named entities (PER, ORG, LOC, MISC) linked within the article, with roles"
    }

    fn analyze(&self, _doc: &Document, _ctx: &Context) -> Result<Output, AnalyzeError> {
        Ok(Arc::new(EntityOutput::default()))
    }
}
