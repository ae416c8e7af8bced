//! The JSON that travels between host and plugin (schema version [`SCHEMA_VERSION`]).
//!
//! Plugins deserialise [`Request`] and the SDK serialises their output into a [`Response`].
//! Readers ignore unknown fields, so the host may add fields within a schema version; removing
//! or changing a field is a new schema version.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use lede_plugin_abi::SCHEMA_VERSION;

use crate::Error;

/// A half-open byte range `[start, end)` into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The text of the span; empty when it is not a valid range of `text` (never panics).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The span with its text, as every span in output must carry it.
    pub fn with_text(self, text: &str) -> TextSpan {
        TextSpan {
            start: self.start,
            end: self.end,
            text: self.slice(text).to_owned(),
        }
    }

    pub fn contains(self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
}

/// A span with its text, the shape of every span in lede's output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Metadata of the document; everything is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Metadata {
    pub title: Option<String>,
    /// Where the headline stands in the text, when it is part of it.
    pub headline_span: Option<Span>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub section: Option<String>,
    /// The dateline (`KYIV:`) where one opens the body.
    pub dateline: Option<Span>,
}

/// The document: its id, its text exactly as given (every span points into it), metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub metadata: Metadata,
}

/// A paragraph of the shared text layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    /// Index range into [`Layers::sentences`].
    pub first_sentence: usize,
    pub end_sentence: usize,
    /// The headline is a paragraph of its own.
    #[serde(default)]
    pub headline: bool,
}

/// A sentence of the shared text layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index range into [`Layers::tokens`].
    pub first_token: usize,
    pub end_token: usize,
    /// Index into [`Layers::paragraphs`].
    pub paragraph: usize,
}

impl Sentence {
    pub fn span(self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// What kind of token it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters (possibly with inner hyphens, apostrophes or abbreviation periods).
    Word,
    /// Starts with a digit: `3.5`, `1,500`, `1.2bn`.
    Number,
    /// A quotation mark.
    Quote,
    /// Any other punctuation or symbol.
    Punct,
    /// A kind this SDK version does not know (sent by a newer host).
    #[serde(other)]
    Other,
}

/// A token of the shared text layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn span(self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The shared text layers lede computed for the document, so that every analyser agrees on
/// sentence and token boundaries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layers {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl Layers {
    /// The index of the sentence containing byte `pos`.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences
            .get(i)
            .filter(|s| s.start <= pos && pos < s.end)
            .map(|_| i)
    }
}

/// One document to analyse.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub schema_version: u32,
    pub document: Document,
    #[serde(default)]
    pub layers: Layers,
    /// The outputs of the analysers this plugin requires (and of the optional ones that ran),
    /// by analyser name, as lede prints them.
    #[serde(default)]
    pub inputs: BTreeMap<String, Value>,
    /// The plugin's options.
    #[serde(default)]
    pub options: Map<String, Value>,
}

impl Request {
    /// The document's text.
    pub fn text(&self) -> &str {
        &self.document.text
    }

    /// The output of analyser `name` read as `T`: `Ok(None)` when it did not run, an error when
    /// it has another shape than `T`.
    pub fn input<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, Error> {
        match self.inputs.get(name) {
            None => Ok(None),
            Some(v) => T::deserialize(v).map(Some).map_err(|e| {
                Error::new(format!("output of `{name}` has an unexpected shape: {e}"))
            }),
        }
    }
}

/// The plugin's answer for one document: its findings, or an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// What the plugin says about itself (the table's `manifest`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    #[serde(default)]
    pub description: String,
    /// Analysers whose outputs this plugin cannot work without.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Analysers whose outputs this plugin uses when the host has them.
    #[serde(default)]
    pub optional: Vec<String>,
}

/// What `create` receives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateRequest {
    pub schema_version: u32,
    #[serde(default)]
    pub options: Map<String, Value>,
}
