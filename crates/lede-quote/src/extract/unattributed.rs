//! Quotation marks that no cue attributed: follow-on quotes that join the quotation before,
//! partial quotes inside a reported clause, dash attributions (`“...” — Name`), terms and
//! titles, and quotations that run over several paragraphs.

use lede_core::TokenKind;

use super::content::content_part;
use super::cx::{first_token_at, Cx};
use super::segment::sentence_break_between;
use super::{Found, Raw};
use crate::lexicon;
use crate::marks::Pair;
use crate::types::QuoteKind;

/// A quotation of pair `p` alone, without cue or source.
fn of_pair(cx: &Cx, p: usize, kind: QuoteKind, confidence: f64) -> Raw {
    Raw {
        kind,
        parts: vec![content_part(cx, &cx.pairs[p])],
        pairs: vec![p],
        cue: None,
        source: None,
        from_context: false,
        shares_source_of: None,
        confidence,
    }
}

/// Places pair `p` (opening in segment `[a, e)` of paragraph `pi`, whose quotations start at
/// `para_first_quote`) when no cue took it.
#[allow(clippy::many_single_char_names)] // token indices, as everywhere in the rules
pub(super) fn place(
    cx: &Cx,
    f: &mut Found,
    p: usize,
    (a, e): (usize, usize),
    para_first_quote: usize,
    pi: usize,
) {
    if f.taken(p) {
        return;
    }
    let pair = cx.pairs[p];
    if pair.inner.is_empty() {
        return;
    }
    // a quotation continued from the previous paragraph joins it
    if pair.continues && p > 0 {
        if let Some(q) = f.quote_of(p - 1) {
            f.join(cx, q, p);
            return;
        }
    }
    let open_tok = first_token_at(cx, pair.open.start);
    // `“...” — Jorge Falcon`: a dash and a name after the quotation
    if let Some((dash, s, se)) = dash_source(cx, &pair) {
        f.push(Raw {
            cue: Some(cx.toks[dash].span),
            source: Some(cx.span(s, se)),
            ..of_pair(cx, p, QuoteKind::Direct, 0.7)
        });
        return;
    }
    let standalone =
        covers_segment(cx, &pair, a, e) || starts_sentence_to_end(cx, &pair, open_tok, a, e);
    if !standalone && is_term(cx, &pair, open_tok, a) {
        f.push(of_pair(cx, p, QuoteKind::Term, 0.7));
        return;
    }
    // inside the content of an indirect attribution: a partial quote of it
    let host = f.out[para_first_quote..].iter().position(|r| {
        r.kind == QuoteKind::Indirect && r.parts.iter().any(|s| s.contains(pair.inner))
    });
    if let Some(h) = host {
        let h = para_first_quote + h;
        let host = &f.out[h];
        let raw = Raw {
            cue: host.cue,
            source: host.source,
            shares_source_of: Some(h),
            ..of_pair(cx, p, QuoteKind::Partial, host.confidence * 0.95)
        };
        f.push(raw);
        return;
    }
    if standalone {
        // `“A,” X said. “B.”`: a follow-on quote joins the quotation before it in the
        // paragraph (the last one before it: an attribution later in the paragraph is found
        // first, by the cue scan)
        let prev = f.out[para_first_quote..].iter().rposition(|r| {
            r.kind == QuoteKind::Direct && r.parts.first().is_some_and(|s| s.end <= pair.open.start)
        });
        // ... unless a sentence of its own quoting the speaker stands between them
        // (`“A,” X said. B “c,” he added. “D.”`: D goes on with the second one)
        let prev = prev.filter(|&q| {
            !attribution_after(cx, &f.out, para_first_quote + q, pair.open.start, true)
        });
        if let Some(q) = prev {
            let q = para_first_quote + q;
            if f.out[q]
                .parts
                .last()
                .is_some_and(|l| l.end <= pair.open.start)
            {
                f.join(cx, q, p);
                return;
            }
        }
        // a quote paragraph after a paragraph whose last quotation is direct
        // the attribution just before in this paragraph (`..., X wrote. “B.”`),
        // else a direct quotation ending the paragraph before
        let in_para = f.out[para_first_quote..]
            .iter()
            .rposition(|r| r.kind == QuoteKind::Indirect && r.cue.is_some())
            .map(|q| q + para_first_quote)
            .filter(|&q| {
                f.out[q]
                    .parts
                    .last()
                    .is_some_and(|l| l.end <= pair.open.start)
            });
        let ctx_prev = in_para.or_else(|| {
            // (an attribution inside its sentence, `“A,” X said, referring to B`, does not
            // end it; one in a sentence of its own does)
            f.out[..para_first_quote]
                .iter()
                .rposition(|r| r.kind != QuoteKind::Term && r.kind != QuoteKind::Partial)
                .and_then(|last| {
                    f.out[..=last]
                        .iter()
                        .rposition(|r| r.kind == QuoteKind::Direct)
                        .filter(|&q| {
                            q == last
                                || !attribution_after(
                                    cx,
                                    &f.out[..=last],
                                    q,
                                    pair.open.start,
                                    false,
                                )
                        })
                })
                .filter(|&q| {
                    f.out[q]
                        .pairs
                        .last()
                        .is_some_and(|&lp| cx.pairs[lp].paragraph + 1 >= pi)
                })
        });
        // `“A,” X said.` then a paragraph `“B.”`: PolNeAR annotates B as a further part of
        // the same content, as for a quotation that runs on
        if let Some(q) = ctx_prev.filter(|_| in_para.is_none()) {
            f.join(cx, q, p);
            return;
        }
        // `“Modern Family.”` on a line of its own with no speaker before: a title
        let kind = if ctx_prev.is_none() && word_count(cx, &pair) <= 3 {
            QuoteKind::Term
        } else {
            QuoteKind::Direct
        };
        let confidence = if ctx_prev.is_some() { 0.6 } else { 0.3 };
        f.push(Raw {
            from_context: ctx_prev.is_some(),
            shares_source_of: ctx_prev,
            ..of_pair(cx, p, kind, confidence)
        });
        return;
    }
    // embedded in the writer's sentence, no cue: a short one is a term
    let words = word_count(cx, &pair);
    let kind = if words <= 4 && !ends_sentence(cx, &pair) {
        QuoteKind::Term
    } else {
        QuoteKind::Partial
    };
    f.push(of_pair(cx, p, kind, 0.4));
}

/// Chains over paragraphs: a direct quotation whose pair runs on takes the next pairs.
pub(super) fn chain_paragraphs(cx: &Cx, f: &mut Found) {
    let pairs = cx.pairs;
    for q in 0..f.out.len() {
        if f.out[q].kind != QuoteKind::Direct {
            continue;
        }
        let mut last = *f.out[q].pairs.last().unwrap_or(&usize::MAX);
        while last < pairs.len() && pairs[last].close.is_none() && last + 1 < pairs.len() {
            let n = last + 1;
            if !pairs[n].continues {
                break;
            }
            if let Some(other) = f.quote_of(n) {
                if other != q {
                    // attributed in the next paragraph (`“B,” she said`): the quotation
                    // without a cue before joins that one
                    if f.out[q].cue.is_none()
                        && f.out[other].cue.is_some()
                        && f.out[other].kind == QuoteKind::Direct
                    {
                        f.merge_into(q, other);
                    }
                    break;
                }
            } else {
                f.join(cx, q, n);
            }
            last = n;
        }
    }
}

fn word_count(cx: &Cx, pair: &Pair) -> usize {
    pair.inner.slice(cx.text).split_whitespace().count()
}

fn ends_sentence(cx: &Cx, pair: &Pair) -> bool {
    pair.inner
        .slice(cx.text)
        .trim_end()
        .ends_with(['.', '!', '?', ','])
        && word_count(cx, pair) > 2
}

/// The pair covers its segment: nothing but punctuation outside it.
fn covers_segment(cx: &Cx, pair: &Pair, a: usize, e: usize) -> bool {
    let o = pair.outer();
    (a..e).all(|i| {
        let t = cx.toks[i];
        o.contains(t.span) || matches!(t.kind, TokenKind::Punct | TokenKind::Quote)
    })
}

/// A dash attribution after a closed quotation: the dash token and the name after it, which
/// must end its line (or be followed by the next quotation).
fn dash_source(cx: &Cx, pair: &Pair) -> Option<(usize, usize, usize)> {
    let close = pair.close?;
    let k = cx.toks.partition_point(|t| t.span.start < close.end);
    // the dash on the same line, even when the sentence splitter ended the sentence before it
    if k >= cx.toks.len()
        || !matches!(cx.w(k), "—" | "―" | "–")
        || cx.text[close.end..cx.toks[k].span.start].contains('\n')
    {
        return None;
    }
    let s = k + 1;
    if s >= cx.toks.len() || !cx.capitalised(s) {
        return None;
    }
    // a name: capitalised words (and `of`, `de`, an age after a comma)
    let mut n = s;
    while n < cx.toks.len()
        && n < s + 8
        && (cx.capitalised(n)
            || cx.kind(n) == TokenKind::Number
            || cx.punct(n, ",")
            || cx.clitic(n)
            || ["of", "de", "van", "von", "da", "al"]
                .iter()
                .any(|w| cx.is(n, w)))
        && !cx.in_quote(n)
    {
        n += 1;
    }
    while n > s && cx.punct(n - 1, ",") {
        n -= 1;
    }
    // nothing after the name on its line but punctuation, or a quotation opening
    let ends = n >= cx.toks.len()
        || cx.is_open_mark(n).is_some()
        || matches!(cx.w(n), "." | "/")
        || cx.toks[n].span.start > cx.toks[n - 1].span.end
            && cx.text[cx.toks[n - 1].span.end..cx.toks[n].span.start].contains('\n');
    (n > s && ends).then_some((k, s, n))
}

/// The pair opens a sentence inside the segment (`..., said X. “B.”`) and runs to its end.
fn starts_sentence_to_end(cx: &Cx, pair: &Pair, open_tok: usize, a: usize, e: usize) -> bool {
    if open_tok <= a || open_tok >= e {
        return false;
    }
    let prev = cx.w(open_tok - 1);
    if !matches!(prev, "." | "?" | "!") {
        return false;
    }
    let o = pair.outer();
    (open_tok..e).all(|i| {
        let t = cx.toks[i];
        o.contains(t.span) || matches!(t.kind, TokenKind::Punct | TokenKind::Quote)
    })
}

/// Scare quotes and titles: a marker word right before (`calls its “...”`, `so-called “...”`),
/// or a short capitalised title.
fn is_term(cx: &Cx, pair: &Pair, open_tok: usize, seg_start: usize) -> bool {
    let mut buf = [0u8; 24];
    let words = word_count(cx, pair);
    if words == 0 || words > 6 {
        return false;
    }
    let lo = open_tok.saturating_sub(3).max(seg_start);
    for i in (lo..open_tok).rev() {
        if let Some(l) = cx.lower(i, &mut buf) {
            if lexicon::term_marker(l) {
                return true;
            }
            if l == "as"
                && i > 0
                && cx
                    .lower(i - 1, &mut buf)
                    .is_some_and(|p| p == "known" || p == "described")
            {
                return true;
            }
        }
    }
    false
}

/// An indirect attribution after quotation `q` (in `out`), cued before `pos`, in a sentence of
/// its own (`“A,” X said. B “c,” he added.`), not inside the sentence of `q` (`“A,” X said,
/// referring to B`); with `quoting`, only one that quotes (has a partial quotation of its own).
fn attribution_after(cx: &Cx, out: &[Raw], q: usize, pos: usize, quoting: bool) -> bool {
    let Some(from) = out[q]
        .cue
        .map(|c| c.end)
        .or(out[q].parts.first().map(|p| p.end))
    else {
        return false;
    };
    (q + 1..out.len()).any(|h| {
        let r = &out[h];
        let start = r.parts.first().map_or(0, |p| p.start);
        r.kind == QuoteKind::Indirect
            && r.cue.is_some_and(|c| c.end <= pos)
            && start > from
            && sentence_break_between(cx, from, start)
            && (!quoting
                || out
                    .iter()
                    .any(|p| p.kind == QuoteKind::Partial && p.shares_source_of == Some(h)))
    })
}
