//! lede-core: the document model, the shared text layers, the [`Analyzer`] trait and the
//! pipeline that runs analysers over documents in parallel.
//!
//! Architecture invariant: this crate knows no analyser crate and no plugin. Analysers depend on
//! it, never the other way round. The one analyser defined here, [`TextAnalyzer`] (`text`),
//! prints this crate's own text layers.
//!
//! Offsets invariant: every span is a half-open byte range `[start, end)` into
//! [`Document::text`], which is never altered after the document is built ([`CharOffsets`] turns
//! a record's spans into character offsets for output).

mod analyzer;
pub mod budget;
mod document;
pub mod input;
mod offsets;
mod pipeline;
mod span;
pub mod text;
mod text_analyzer;

pub use analyzer::{AnalyzeError, Analyzer, Context, Output, OutputData};
pub use document::{Document, Metadata};
pub use input::{document_from_json, DocOptions};
pub use offsets::CharOffsets;
pub use pipeline::{AnalyzerFailure, Pipeline, PipelineError, Record, SCHEMA_VERSION};
pub use span::{Span, TextSpan};
pub use text::{Layers, Paragraph, Sentence, Token, TokenKind};
pub use text_analyzer::{ParagraphOut, TextAnalyzer, TextOutput};
