//! Contents: what was said, before a postposed cue or after a preposed one, and where a
//! reported clause ends.

use lede_core::{Span, TokenKind};

use super::cx::{first_token_at, Cx};
use crate::lexicon::{self, CueForm, CueStrength};
use crate::marks::Pair;
use crate::types::QuoteKind;

pub(super) enum Content {
    Pairs(Vec<usize>),
    Span(usize, usize),
}

/// The content of a pair as a part ([`Pair::part`]).
pub(super) fn content_part(cx: &Cx, pair: &Pair) -> Span {
    pair.part(cx.text)
}

/// The end of a content that starts at `k`: the segment end without the final full stop,
/// cut before `; `, and before `, <cue>` clauses (`, adding that`, `, according to`, `, and
/// X said`).
#[allow(clippy::many_single_char_names)] // k..e are token indices, as everywhere here
pub(super) fn content_end(cx: &Cx, k: usize, e: usize) -> usize {
    let mut buf = [0u8; 24];
    let mut j = k;
    while j < e {
        if !cx.in_quote(j) && cx.kind(j) == TokenKind::Punct {
            let s = cx.w(j);
            // a dash opens an aside or a new clause: `the tide is turning — and the Senate
            // ...` (not a hyphen between spaces: on the dev split that cost more contents than
            // it gave)
            if s == ";" || j > k && matches!(s, "—" | "--" | "–") {
                break;
            }
        }
        // `He said that A and said that B`: a second cue with the same subject
        if !cx.in_quote(j) && j > k && (cx.is(j, "and") || cx.is(j, "but")) {
            let mut n = j + 1;
            if cx.lower(n, &mut buf).is_some_and(lexicon::cue_prefix) {
                n += 1;
            }
            if n < e
                && cx
                    .lower(n, &mut buf)
                    .and_then(lexicon::cue)
                    .is_some_and(|(s, f)| s == CueStrength::Speech && f == CueForm::Finite)
            {
                break;
            }
        }
        if !cx.in_quote(j) && cx.kind(j) == TokenKind::Punct {
            let s = cx.w(j);
            if s == "," {
                // `, echoing a memo`: a participle clause after the content
                if participle_next(cx, j, e) {
                    break;
                }
                // a cue within the next few words, with no punctuation between
                let mut n = j + 1;
                let mut found = false;
                while n < e && n <= j + 7 && cx.kind(n) == TokenKind::Word && !cx.in_quote(n) {
                    if cx.is(n, "according") && cx.is(n + 1, "to") {
                        found = true;
                        break;
                    }
                    if cx
                        .lower(n, &mut buf)
                        .and_then(lexicon::cue)
                        .is_some_and(|(s, _)| s == CueStrength::Speech)
                    {
                        found = true;
                        break;
                    }
                    n += 1;
                }
                if found {
                    break;
                }
            }
        }
        j += 1;
    }
    // drop final punctuation outside quotation marks
    while j > k && cx.kind(j - 1) == TokenKind::Punct && !cx.in_quote(j - 1) {
        j -= 1;
    }
    j
}

/// Content before a postposed cue: from the segment start (after a leading `Nevertheless,`)
/// to `end` (exclusive).
pub(super) fn content_before(cx: &Cx, a: usize, end: usize) -> Option<Content> {
    let mut a = a;
    // a leading single adverb and comma: `Nevertheless, ...`
    if a + 2 < end && cx.punct(a + 1, ",") && cx.kind(a) == TokenKind::Word {
        a += 2;
    }
    if a >= end {
        return None;
    }
    // exactly one quotation
    if let Some(p) = cx.is_open_mark(a) {
        let last = end - 1;
        if cx.is_close_mark(last) == Some(p)
            || cx.punct(last, ",") && last > a && cx.is_close_mark(last - 1) == Some(p)
        {
            return Some(Content::Pairs(vec![p]));
        }
        // a quotation that runs on from the paragraph before ends here: `B,” he said`
        cx.pairs[p].close?;
    }
    let mut e = end;
    while e > a && cx.kind(e - 1) == TokenKind::Punct && !cx.in_quote(e - 1) {
        e -= 1;
    }
    (e > a).then_some(Content::Span(a, e))
}

/// Content after a preposed cue at token `k`.
pub(super) fn content_after(
    cx: &Cx,
    k: usize,
    e: usize,
    addressee: bool,
) -> Option<(Content, usize)> {
    let mut buf = [0u8; 24];
    let mut k = k;
    if k >= e {
        return None;
    }
    // `told reporters that`, `told Politico, “...”`: skip the addressee
    // ... but none is needed before a quotation (`asked, “Why?”`)
    let quote_next =
        (cx.punct(k, ",") || cx.punct(k, ":")) && k + 1 < e && cx.is_open_mark(k + 1).is_some();
    if addressee && !cx.is(k, "that") && cx.is_open_mark(k).is_none() && !quote_next {
        let mut n = k;
        while n < e && n < k + 8 && !cx.in_quote(n) && cx.kind(n) != TokenKind::Punct {
            if cx.is(n, "that") || cx.is(n, "to") || cx.is(n, "not") {
                break;
            }
            n += 1;
        }
        if n > k && n < e {
            k = n;
            // `urged Stoltenberg, who has ..., to push`: skip a relative clause
            if cx.punct(k, ",") && (cx.is(k + 1, "who") || cx.is(k + 1, "which")) {
                let mut m = k + 1;
                while m < e && !cx.punct(m, ",") {
                    m += 1;
                }
                k = m;
            }
            if cx.punct(k, ",") || cx.punct(k, ":") {
                k += 1;
            }
        } else {
            return None;
        }
    }
    // adverbials between cue and `that`: `said in 2008 that`, `said on Monday that`
    if !cx.is(k, "that") {
        let mut n = k;
        while n < e && n < k + 8 && cx.kind(n) != TokenKind::Punct && !cx.in_quote(n) {
            if cx.is(n, "that") {
                break;
            }
            n += 1;
        }
        if n > k && n < e && cx.is(n, "that") {
            let first = cx.lower(k, &mut buf).unwrap_or("");
            if matches!(
                first,
                "in" | "on"
                    | "at"
                    | "during"
                    | "last"
                    | "this"
                    | "earlier"
                    | "later"
                    | "repeatedly"
            ) || lexicon::time_word(first)
            {
                k = n;
            }
        } else if lexicon::time_word(cx.lower(k, &mut buf).unwrap_or(""))
            && cx.capitalised(k)
            && !cx.clitic(k + 1)
        {
            // `said Tuesday he would` (not `said Thursday's speeches ...`)
            k += 1;
        }
    }
    // `posted on social media: “...”`: a short adverbial before a colon and a quotation
    if cx.is_open_mark(k).is_none() {
        if let Some(n) = words_before_quote(cx, k, e, 8) {
            if n > k && !(k..n).any(|m| cx.is(m, "that")) {
                k = n;
            }
        }
    }
    // `said: “...”`, `said, “...”`; a content never opens with that punctuation, nor with a
    // quotation mark left unpaired (`he said: “We are farmers` at the end of an article)
    let mut unpaired_mark = None;
    while k < e
        && (cx.punct(k, ":")
            || cx.punct(k, ",")
            || cx.kind(k) == TokenKind::Quote && !cx.in_quote(k))
    {
        if cx.kind(k) == TokenKind::Quote {
            unpaired_mark = Some(k);
        }
        k += 1;
    }
    if k >= e {
        return None;
    }
    if let Some(p) = cx.is_open_mark(k) {
        let end = content_end(cx, k, e);
        if end > k && cx.is_close_mark(end - 1) == Some(p) {
            return Some((Content::Pairs(vec![p]), end));
        }
        // `cautioned “let's not pretend this fixes it,” before voting ...`: a quotation
        // closed by its own punctuation is the whole content; what follows is the writer's
        if let Some(close) = cx.pairs[p].close {
            let inner = cx.pairs[p].inner.slice(cx.text);
            if inner.ends_with([',', '.', '?', '!']) {
                let after = first_token_at(cx, close.end);
                if after <= e {
                    return Some((Content::Pairs(vec![p]), after));
                }
            }
        }
        if cx.pairs[p].close.is_none() {
            // runs on into the next paragraph
            return Some((Content::Pairs(vec![p]), e));
        }
    }
    let end = content_end(cx, k, e);
    // `Trump: ‘I’m the Worst Thing ...’`: a mark the pairing left open (a single quote among
    // apostrophes) still opens the content when a mark closes it
    if let Some(m) = unpaired_mark.filter(|_| end > k && cx.kind(end - 1) == TokenKind::Quote) {
        if (m + 1..k).all(|j| cx.kind(j) == TokenKind::Quote) {
            return Some((Content::Span(m, end), end));
        }
    }
    (end > k).then_some((Content::Span(k, end), end))
}

/// Fewer than `max` words from token `k`, then `,` or `:` and an opening quotation mark
/// (`posted on social media: “...”`): the index of that comma or colon.
pub(super) fn words_before_quote(cx: &Cx, k: usize, e: usize, max: usize) -> Option<usize> {
    let mut n = k;
    while n < e
        && n < k + max
        && matches!(cx.kind(n), TokenKind::Word | TokenKind::Number)
        && !cx.in_quote(n)
    {
        n += 1;
    }
    (n + 1 < e && (cx.punct(n, ",") || cx.punct(n, ":")) && cx.is_open_mark(n + 1).is_some())
        .then_some(n)
}

/// A comma at `k` and a participle clause after it (`, echoing a memo`, `, pointing to`).
pub(super) fn participle_next(cx: &Cx, k: usize, e: usize) -> bool {
    let next = cx.toks.get(k + 1).map_or("", |t| t.span.slice(cx.text));
    cx.punct(k, ",")
        && k + 1 < e
        && next.len() > 4
        && next.ends_with("ing")
        && next.starts_with(|c: char| c.is_ascii_lowercase())
}

/// `..., Spicer said, adding, “...”`: a comma and a gerund cue (not `according to`) at `k`.
pub(super) fn gerund_next(cx: &Cx, k: usize, e: usize) -> bool {
    k + 1 < e && cx.punct(k, ",") && !cx.is(k + 1, "according") && cx.cue_starts(k + 1)
}

/// After a postposed cue only a short tail may follow (`officials said Tuesday.`, `told a
/// press conference.`), not a content of its own (`..., Peskov said that ...`).
pub(super) fn tail_only(cx: &Cx, from: usize, e: usize) -> bool {
    if from > 0 && cx.punct(from - 1, ":") {
        return false;
    }
    let mut words = 0;
    for i in from..e {
        if cx.is(i, "that") || cx.kind(i) == TokenKind::Quote || cx.punct(i, ":") {
            return false;
        }
        if cx.kind(i) == TokenKind::Word {
            words += 1;
        }
    }
    words <= 8
}

pub(super) fn kind_of(c: &Content) -> QuoteKind {
    match c {
        Content::Pairs(_) => QuoteKind::Direct,
        Content::Span(..) => QuoteKind::Indirect,
    }
}
