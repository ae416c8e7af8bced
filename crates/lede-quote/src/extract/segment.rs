//! Segments: the sentences of a paragraph, joined where a quotation or a lowercase continuation
//! crosses the boundary, and cut where the sentence splitter missed one before a quotation.

use lede_core::TokenKind;

use super::cx::{first_token_at, Cx};
use crate::lexicon::{self, CueStrength};

/// Sentences of one paragraph, joined where a quotation or a lowercase continuation crosses
/// the boundary. Returns token ranges.
pub(super) fn segments(cx: &Cx, sents: &[lede_core::Sentence]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    // the sentence splitter may miss a boundary before a quotation (`Mr. Lou said. ''So it's
    // ...'' he said.`): a full stop outside quotation marks and an opening mark right after it
    // start a new sentence
    let mut pieces: Vec<(usize, usize)> = Vec::with_capacity(sents.len());
    for s in sents {
        let mut a = s.first_token;
        for i in s.first_token + 1..s.end_token {
            let stop = cx.punct(i - 1, ".") || cx.punct(i - 1, "?") || cx.punct(i - 1, "!");
            if stop && !cx.in_quote(i - 1) && cx.is_open_mark(i).is_some() {
                pieces.push((a, i));
                a = i;
            }
        }
        pieces.push((a, s.end_token));
    }
    for (a, e) in pieces {
        if a >= e {
            continue;
        }
        let join = out.last().is_some_and(|&(_, pe)| {
            // a quotation open across the boundary
            pe > 0 && cx.in_quote(pe - 1) && cx.in_quote(a) && cx.qp[pe - 1] == cx.qp[a] && cx.is_open_mark(a).is_none()
                // `“... now.” he said.`: a sentence starting in lowercase goes on the one before
                || cx.kind(a) == TokenKind::Word && cx.w(a).chars().next().is_some_and(char::is_lowercase)
                // `“Why now?” Priebus said.`: a short attribution after a question or exclamation
                || pe >= 2 && cx.is_close_mark(pe - 1).is_some()
                    && (cx.punct(pe - 2, "?") || cx.punct(pe - 2, "!"))
                    && e - a <= 12
                    && (a..e).any(|i| {
                        let mut buf = [0u8; 24];
                        cx.lower(i, &mut buf)
                            .and_then(lexicon::cue)
                            .is_some_and(|(s, _)| s == CueStrength::Speech)
                    })
        });
        if join {
            if let Some(last) = out.last_mut() {
                last.1 = e;
            }
        } else {
            out.push((a, e));
        }
    }
    out
}

/// Pairs whose opening mark lies in tokens `[a, e)`.
pub(super) fn segment_pairs(cx: &Cx, a: usize, e: usize) -> Vec<usize> {
    let mut v = Vec::new();
    for i in a..e {
        if let Some(p) = cx.is_open_mark(i) {
            v.push(p);
        }
    }
    v
}

/// A full stop, question or exclamation mark outside quotation marks between byte offsets.
pub(super) fn sentence_break_between(cx: &Cx, from: usize, to: usize) -> bool {
    let a = first_token_at(cx, from);
    let b = first_token_at(cx, to);
    (a..b).any(|i| !cx.in_quote(i) && (cx.punct(i, ".") || cx.punct(i, "?") || cx.punct(i, "!")))
}
