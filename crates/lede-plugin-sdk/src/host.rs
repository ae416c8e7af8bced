//! Builds the JSON request for a `lede_core` document: the one place that decides what a
//! plugin receives, shared by the `lede` host and by `testing` (feature `testing`) so that a plugin's
//! tests see exactly what `lede analyze` sends.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::wire::{Paragraph, Sentence, Span, Token, TokenKind, SCHEMA_VERSION};

#[derive(Serialize)]
struct RequestRef<'a, I: Serialize> {
    schema_version: u32,
    document: DocumentRef<'a>,
    layers: LayersRef,
    inputs: I,
    options: &'a Map<String, Value>,
}

#[derive(Serialize)]
struct DocumentRef<'a> {
    id: &'a str,
    text: &'a str,
    metadata: MetadataRef<'a>,
}

#[derive(Serialize)]
struct MetadataRef<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline_span: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<Span>,
}

#[derive(Serialize)]
struct LayersRef {
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    tokens: Vec<Token>,
}

fn span(s: lede_core::Span) -> Span {
    Span::new(s.start, s.end)
}

/// The JSON request for `doc`, with `inputs` (analyser name, its JSON output; in name order
/// for byte-stable requests) and the plugin's `options`.
pub fn request_json<'a>(
    doc: &lede_core::Document,
    inputs: impl IntoIterator<Item = (&'a str, &'a Value)>,
    options: &Map<String, Value>,
) -> Result<Vec<u8>, serde_json::Error> {
    let inputs: std::collections::BTreeMap<&str, &Value> = inputs.into_iter().collect();
    let layers = doc.layers();
    let md = &doc.metadata;
    let request = RequestRef {
        schema_version: SCHEMA_VERSION,
        document: DocumentRef {
            id: &doc.id,
            text: doc.text(),
            metadata: MetadataRef {
                title: md.title.as_deref(),
                headline_span: md.headline_span().map(span),
                date: md.date.map(|d| d.format("%Y-%m-%d").to_string()),
                source: md.source.as_deref(),
                url: md.url.as_deref(),
                section: md.section.as_deref(),
                dateline: md.dateline_span().map(span),
            },
        },
        layers: LayersRef {
            paragraphs: layers
                .paragraphs
                .iter()
                .map(|p| Paragraph {
                    start: p.span.start,
                    end: p.span.end,
                    first_sentence: p.first_sentence,
                    end_sentence: p.end_sentence,
                    headline: p.is_headline,
                })
                .collect(),
            sentences: layers
                .sentences
                .iter()
                .map(|s| Sentence {
                    start: s.span.start,
                    end: s.span.end,
                    first_token: s.first_token,
                    end_token: s.end_token,
                    paragraph: s.paragraph,
                })
                .collect(),
            tokens: layers
                .tokens
                .iter()
                .map(|t| Token {
                    start: t.span.start,
                    end: t.span.end,
                    kind: match t.kind {
                        lede_core::TokenKind::Word => TokenKind::Word,
                        lede_core::TokenKind::Number => TokenKind::Number,
                        lede_core::TokenKind::Quote => TokenKind::Quote,
                        lede_core::TokenKind::Punct => TokenKind::Punct,
                    },
                })
                .collect(),
        },
        inputs,
        options,
    };
    serde_json::to_vec(&request)
}
