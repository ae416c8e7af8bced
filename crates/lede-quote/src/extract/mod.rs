//! Finding quotations: quotation marks, speech cues, source phrases and contents.
//!
//! Everything is a linear scan over the shared tokens, segment by segment. A segment is a
//! sentence, or several sentences joined when a quotation runs across their boundary (the
//! sentence splitter may cut inside `“A. B,” he said`). In each segment every cue is tried
//! (`cue`) and an attribution built around it (`attribute`, `long_subject`) from a source
//! phrase (`source`) and a content (`content`); the quotation marks no cue took are placed
//! after (`unattributed`).

mod attribute;
mod content;
mod cue;
mod cx;
mod long_subject;
mod segment;
mod source;
mod unattributed;

use lede_core::{Layers, Paragraph, Span};

use self::content::content_part;
use self::cx::Cx;
use crate::marks::Marks;
use crate::types::QuoteKind;

/// A quotation before speaker resolution.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub kind: QuoteKind,
    pub parts: Vec<Span>,
    /// Pairs (indices into `Marks::pairs`) the parts come from, for direct and partial quotes.
    pub pairs: Vec<usize>,
    pub cue: Option<Span>,
    pub source: Option<Span>,
    /// The speaker is taken from the quotation before (a follow-on quote without a cue).
    pub from_context: bool,
    /// Index of the quotation whose source this one shares (`..., adding that`).
    pub shares_source_of: Option<usize>,
    pub confidence: f64,
}

/// The quotations found so far in a document, and the quotation that took each pair of marks.
struct Found {
    out: Vec<Raw>,
    pair_quote: Vec<Option<usize>>,
}

impl Found {
    /// Pair `p` is part of a quotation already.
    fn taken(&self, p: usize) -> bool {
        self.pair_quote[p].is_some()
    }

    fn quote_of(&self, p: usize) -> Option<usize> {
        self.pair_quote[p]
    }

    /// Adds a quotation; it takes its pairs.
    fn push(&mut self, raw: Raw) {
        let idx = self.out.len();
        for &p in &raw.pairs {
            self.pair_quote[p] = Some(idx);
        }
        self.out.push(raw);
    }

    /// Quotation `q` takes pair `p` as a further part.
    fn join(&mut self, cx: &Cx, q: usize, p: usize) {
        self.out[q].parts.push(content_part(cx, &cx.pairs[p]));
        self.out[q].pairs.push(p);
        self.pair_quote[p] = Some(q);
    }

    /// Quotation `from` goes in front of quotation `into`, which keeps its cue and source.
    fn merge_into(&mut self, from: usize, into: usize) {
        let mut parts = std::mem::take(&mut self.out[from].parts);
        let mut ps = std::mem::take(&mut self.out[from].pairs);
        parts.append(&mut self.out[into].parts);
        ps.append(&mut self.out[into].pairs);
        self.out[into].parts = parts;
        self.out[into].pairs = ps;
        for &p in &self.out[into].pairs {
            self.pair_quote[p] = Some(into);
        }
    }
}

/// Extracts quotations from a document's layers.
pub(crate) fn extract(
    text: &str,
    layers: &Layers,
    paragraphs: &[Paragraph],
    marks: &Marks,
) -> Vec<Raw> {
    let cx = Cx::new(text, &layers.tokens, paragraphs, marks);
    let mut f = Found {
        out: Vec::new(),
        pair_quote: vec![None; marks.pairs.len()],
    };
    // headlines too: `Ukraine Belongs in Alliance One Day, Says NATO Chief Stoltenberg`
    for (pi, para) in paragraphs.iter().enumerate() {
        let sents = &layers.sentences[para.first_sentence..para.end_sentence];
        let segments = segment::segments(&cx, sents);
        let para_first_quote = f.out.len();
        for &(a, e) in &segments {
            lede_core::budget::checkpoint();
            attribute_cues(&cx, &mut f, a, e);
        }
        // quotation marks not used by an attribution: follow-on quotes, partial quotes, terms
        for &(a, e) in &segments {
            for p in segment::segment_pairs(&cx, a, e) {
                unattributed::place(&cx, &mut f, p, (a, e), para_first_quote, pi);
            }
        }
    }
    unattributed::chain_paragraphs(&cx, &mut f);
    let mut out = f.out;
    out.retain(|r| !r.parts.is_empty() && r.parts.iter().all(|p| !p.is_empty()));
    out
}

/// Tries every cue of segment `[a, e)` in text order; an attribution takes the tokens up to
/// its end, and the scan goes on after them.
fn attribute_cues(cx: &Cx, f: &mut Found, a: usize, e: usize) {
    if a >= e {
        return;
    }
    let seg_first_quote = f.out.len();
    let mut consumed_until = a; // tokens before this are taken by an earlier attribution
    let mut i = a;
    while i < e {
        if i < consumed_until {
            i += 1;
            continue;
        }
        let Some(cue) = cx.cue_at(i, a) else {
            i += 1;
            continue;
        };
        let lo = consumed_until.max(a);
        if let Some((mut raw, end_tok)) =
            attribute::attribute(cx, &cue, lo, a, e, &f.out[seg_first_quote..])
        {
            if raw.shares_source_of.is_some() {
                raw.shares_source_of = Some(seg_first_quote + raw.shares_source_of.unwrap_or(0));
            }
            f.push(raw);
            consumed_until = end_tok.max(cue.end);
            i = consumed_until;
        } else {
            i = cue.end;
        }
    }
}
