use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::span::{Span, TextSpan};
use crate::text::Layers;

/// Metadata of a document. Everything is optional: it comes from the input (JSON Lines fields,
/// the first line of a plain-text file) or from the command line (`--date`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The headline. For plain text it is line 1 of the text and `headline` points at it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the headline stands inside the text, when it is part of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<TextSpan>,
    /// Publication date: the document creation time that relative dates are resolved against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The dateline (`KYIV:`, `WASHINGTON (Reuters) -`) where one opens the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<TextSpan>,
}

impl Metadata {
    /// Where the headline stands inside the text, when it is part of it.
    pub fn headline_span(&self) -> Option<Span> {
        self.headline.as_ref().map(TextSpan::span)
    }

    /// Where the dateline stands, when the body opens with one.
    pub fn dateline_span(&self) -> Option<Span> {
        self.dateline.as_ref().map(TextSpan::span)
    }
}

/// One article: its id, its text exactly as given, metadata and the shared text layers.
#[derive(Debug)]
pub struct Document {
    pub id: String,
    text: String,
    pub metadata: Metadata,
    layers: OnceLock<Layers>,
}

impl Document {
    /// A document whose text has no headline line (JSON Lines input, library use).
    pub fn new(id: impl Into<String>, text: impl Into<String>, metadata: Metadata) -> Self {
        Self::build(id.into(), text.into(), metadata, false)
    }

    /// Builds the document and finds its dateline (and section), splitting the paragraphs once.
    fn build(id: String, text: String, metadata: Metadata, find_section: bool) -> Self {
        let mut doc = Self {
            id,
            text,
            metadata,
            layers: OnceLock::new(),
        };
        let paras = crate::text::paragraph_spans(&doc.text, doc.metadata.headline_span());
        doc.find_dateline(&paras);
        if find_section {
            doc.find_section(&paras);
        }
        doc
    }

    /// A plain-text article: line 1 is the headline; a short line after it that is followed by
    /// a blank line is taken as the section (as in `Headline\n\nSection\n\nBody`).
    pub fn from_plain_text(
        id: impl Into<String>,
        text: impl Into<String>,
        mut metadata: Metadata,
    ) -> Self {
        let text: String = text.into();
        let first_end = text.find('\n').unwrap_or(text.len());
        let raw_first = &text[..first_end];
        let headline = raw_first.trim_end_matches('\r').trim();
        if !headline.is_empty() {
            let start = raw_first.find(headline).unwrap_or(0);
            metadata.headline = Some(Span::new(start, start + headline.len()).with_text(&text));
            if metadata.title.is_none() {
                metadata.title = Some(headline.to_owned());
            }
        }
        Self::build(id.into(), text, metadata, true)
    }

    /// The text exactly as given: every span points into it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The headline, from metadata or the first line.
    pub fn headline(&self) -> Option<&str> {
        self.metadata.title.as_deref()
    }

    /// Shared text layers, computed once on first use.
    pub fn layers(&self) -> &Layers {
        self.layers
            .get_or_init(|| Layers::compute(&self.text, self.metadata.headline_span()))
    }

    fn find_section(&mut self, paras: &[Span]) {
        if self.metadata.section.is_some() {
            return;
        }
        // headline, then a short line without final punctuation, then the body.
        if let (Some(h), Some(second), Some(_)) =
            (self.metadata.headline_span(), paras.get(1), paras.get(2))
        {
            if paras[0].overlaps(h) {
                let s = second.slice(&self.text).trim();
                let words = s.split_whitespace().count();
                if words > 0
                    && words <= 5
                    && !s.ends_with(['.', '!', '?', ':', '"', '”'])
                    && !s.contains('\n')
                {
                    self.metadata.section = Some(s.to_owned());
                }
            }
        }
    }

    fn find_dateline(&mut self, paras: &[Span]) {
        if self.metadata.dateline.is_some() {
            return;
        }
        for p in paras.iter().take(4) {
            if self.metadata.headline_span().is_some_and(|h| p.overlaps(h)) {
                continue;
            }
            let s = p.slice(&self.text);
            if let Some(len) = crate::text::dateline_len(s) {
                self.metadata.dateline =
                    Some(Span::new(p.start, p.start + len).with_text(&self.text));
                return;
            }
            // a section line: keep looking in the next paragraph
            if s.split_whitespace().count() > 5 {
                return;
            }
        }
    }
}
