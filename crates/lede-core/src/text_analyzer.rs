//! The `text` analyser: the shared text layers as output. It lives here, beside the layers it
//! prints, so that everything that runs lede's analysers (the `lede` binary through
//! lede-analyzers, the plugin SDK's `testing` helper) has it without depending on each other.

use std::sync::Arc;

use serde::Serialize;

use crate::analyzer::{AnalyzeError, Analyzer, Context, Output};
use crate::document::Document;
use crate::span::TextSpan;

/// `text`: the document's paragraphs and sentences (the shared layers), useful on its own for
/// sentence splitting.
pub struct TextAnalyzer;

#[derive(Debug, Serialize)]
pub struct TextOutput {
    pub paragraphs: Vec<ParagraphOut>,
    pub words: usize,
}

#[derive(Debug, Serialize)]
pub struct ParagraphOut {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub headline: bool,
    pub sentences: Vec<TextSpan>,
}

impl Analyzer for TextAnalyzer {
    fn name(&self) -> &'static str {
        "text"
    }

    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    fn description(&self) -> &'static str {
        "paragraphs and sentences (the shared text layers)"
    }

    fn analyze(&self, doc: &Document, _ctx: &Context) -> Result<Output, AnalyzeError> {
        let layers = doc.layers();
        let text = doc.text();
        let paragraphs = layers
            .paragraphs
            .iter()
            .map(|p| ParagraphOut {
                headline: p.is_headline,
                sentences: layers.sentences[p.first_sentence..p.end_sentence]
                    .iter()
                    .map(|s| s.span.with_text(text))
                    .collect(),
            })
            .collect();
        Ok(Arc::new(TextOutput {
            paragraphs,
            words: layers.word_count(),
        }))
    }
}
