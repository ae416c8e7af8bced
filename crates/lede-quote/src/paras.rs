//! Paragraphs as the quotation conventions see them.
//!
//! The shared layers split paragraphs at blank lines (and indented lines of hard-wrapped wire
//! text). Much web-scraped news puts one paragraph per line with no blank line between: read as
//! one block, a whole article would be one paragraph, and quotation marks, follow-on quotes and
//! runs of quotation over paragraphs would pair across the article. A block with a line too long
//! to be hard-wrapped is therefore split at each line break that falls between two sentences.

use lede_core::{Layers, Paragraph, Span};

/// No hard-wrapped text has lines this long; wire text wraps near 70 columns.
const WRAPPED_MAX: usize = 100;

/// The refined paragraphs, and for each the index of the layers' paragraph it comes from.
pub(crate) fn refine(text: &str, layers: &Layers) -> (Vec<Paragraph>, Vec<usize>) {
    let mut out = Vec::with_capacity(layers.paragraphs.len());
    let mut orig = Vec::with_capacity(layers.paragraphs.len());
    for (pi, p) in layers.paragraphs.iter().enumerate() {
        let s = p.span.slice(text);
        let one_per_line =
            !p.is_headline && s.contains('\n') && s.lines().any(|l| l.len() > WRAPPED_MAX);
        if !one_per_line || p.first_sentence >= p.end_sentence {
            out.push(*p);
            orig.push(pi);
            continue;
        }
        let sents = &layers.sentences[p.first_sentence..p.end_sentence];
        let mut first = p.first_sentence;
        for (k, w) in sents.windows(2).enumerate() {
            let gap = &text[w[0].span.end.min(w[1].span.start)..w[1].span.start];
            if gap.contains('\n') {
                let end = p.first_sentence + k + 1;
                out.push(Paragraph {
                    span: Span::new(
                        layers.sentences[first].span.start.max(p.span.start),
                        w[0].span.end,
                    ),
                    first_sentence: first,
                    end_sentence: end,
                    is_headline: false,
                });
                orig.push(pi);
                first = end;
            }
        }
        out.push(Paragraph {
            span: Span::new(
                layers.sentences[first].span.start.max(p.span.start),
                p.span.end,
            ),
            first_sentence: first,
            end_sentence: p.end_sentence,
            is_headline: false,
        });
        orig.push(pi);
    }
    (out, orig)
}
