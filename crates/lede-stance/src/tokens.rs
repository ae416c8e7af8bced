//! The document's tokens as the stance rules read them: lowercase forms, byte spans, kinds,
//! capitalisation, and whether each token is inside an entity mention, the headline or starts
//! a sentence.

use lede_core::{Document, Span, TokenKind};
use lede_entity::EntityOutput;

use crate::targets::GENERIC_ORG;

/// Lowercase forms of the document's tokens (punctuation kept as is), with the entity
/// mention covering each token.
pub(crate) struct Words {
    pub(crate) lower: Vec<String>,
    pub(crate) spans: Vec<Span>,
    pub(crate) kinds: Vec<TokenKind>,
    /// Uppercase first letter.
    pub(crate) capital: Vec<bool>,
    /// Inside an entity mention.
    pub(crate) in_mention: Vec<bool>,
    /// Inside the headline.
    pub(crate) headline: Vec<bool>,
    /// First token of a sentence.
    pub(crate) sentence_start: Vec<bool>,
}

impl Words {
    pub(crate) fn new(doc: &Document, entities: &EntityOutput) -> Self {
        let layers = doc.layers();
        let text = doc.text();
        let n = layers.tokens.len();
        let mut lower = Vec::with_capacity(n);
        let mut spans = Vec::with_capacity(n);
        let mut kinds = Vec::with_capacity(n);
        let mut capital = Vec::with_capacity(n);
        for t in &layers.tokens {
            let s = t.span.slice(text);
            let mut l = String::with_capacity(s.len());
            for c in s.chars() {
                if c == '’' || c == '‘' {
                    l.push('\'');
                } else {
                    l.extend(c.to_lowercase());
                }
            }
            lower.push(l);
            spans.push(t.span);
            kinds.push(t.kind);
            capital.push(s.starts_with(char::is_uppercase));
        }
        let mut in_mention = vec![false; n];
        for m in &entities.mentions {
            let a = spans.partition_point(|s: &Span| s.end <= m.span.start);
            let b = spans.partition_point(|s: &Span| s.start < m.span.end);
            for f in in_mention.iter_mut().take(b).skip(a) {
                *f = true;
            }
        }
        let headline = spans
            .iter()
            .map(|s| doc.metadata.headline_span().is_some_and(|h| h.contains(*s)))
            .collect();
        let mut sentence_start = vec![false; n];
        for s in &layers.sentences {
            if let Some(f) = sentence_start.get_mut(s.first_token) {
                *f = true;
            }
        }
        Self {
            lower,
            spans,
            kinds,
            capital,
            in_mention,
            headline,
            sentence_start,
        }
    }

    /// Token index range covered by a byte span.
    pub(crate) fn range(&self, span: Span) -> (usize, usize) {
        let a = self.spans.partition_point(|s| s.end <= span.start);
        let b = self.spans.partition_point(|s| s.start < span.end);
        (a, b.max(a))
    }

    pub(crate) fn is_punct(&self, i: usize) -> bool {
        matches!(self.kinds[i], TokenKind::Punct | TokenKind::Quote)
    }

    /// Marks every occurrence of the word sequence `name` (lowercase words). A name matches
    /// only where it is capitalised (the alias `IS` is not the verb `is`), except a generic
    /// noun standing for an organisation (`the alliance`).
    pub(crate) fn mark(&self, name: &[String], flags: &mut [u8], bit: u8) {
        if name.is_empty() {
            return;
        }
        let generic = name.len() == 1 && GENERIC_ORG.contains(&name[0].as_str());
        for i in 0..self.lower.len().saturating_sub(name.len() - 1) {
            if (generic || self.capital[i])
                && name.iter().zip(&self.lower[i..]).all(|(a, b)| a == b)
            {
                for f in &mut flags[i..i + name.len()] {
                    *f |= bit;
                }
            }
        }
    }
}

pub(crate) fn name_words(s: &str) -> Vec<String> {
    crate::words::lower_words(s)
        .into_iter()
        .flat_map(|w| {
            // match core tokens, which split the possessive clitic off
            match w.strip_suffix("'s") {
                Some(base) => vec![base.to_owned(), "'s".to_owned()],
                None => vec![w],
            }
        })
        .collect()
}
