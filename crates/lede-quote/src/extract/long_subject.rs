//! Subjects longer than the phrase rules cover: everything between a quotation (or the clause
//! start) and a verb of saying is the source when nothing in it breaks the clause.

use lede_core::TokenKind;

use super::attribute::{follow_on, make};
use super::content::{content_after, gerund_next, participle_next, tail_only, Content};
use super::cue::Cue;
use super::cx::{clause_break, first_token_at, Cx};
use super::Raw;
use crate::lexicon;

/// `“...,” the leader of the opposition group, Anita Brandt, said`: a quotation
/// closed by a comma, then a subject the phrase rules do not cover (appositives, relative
/// clauses, participles) and a verb of saying that ends the clause. The whole stretch between
/// the quotation and the cue is the source.
pub(super) fn quote_then_long_subject(
    cx: &Cx,
    cue: &Cue,
    lo: usize,
    e: usize,
) -> Option<(Raw, usize)> {
    if !cue.finite_speech_verb() {
        return None;
    }
    let p = cx.is_open_mark(lo)?;
    let close = cx.pairs[p].close?;
    let mut s = first_token_at(cx, close.end);
    let comma_inside = cx.pairs[p].inner.slice(cx.text).ends_with(',');
    if cx.punct(s, ",") {
        s += 1;
    } else if !comma_inside {
        return None;
    }
    if s >= cue.start || cue.start - s > 30 {
        return None;
    }
    let clean = (s..cue.start).all(|k| match cx.kind(k) {
        TokenKind::Quote => cx.possessive_apostrophe(k),
        _ => !clause_break(cx, k),
    });
    // the clause ends with the cue: a short tail, a gerund clause or the next quotation
    let next_quote = {
        let mut k = cue.end;
        while k < e && (cx.punct(k, ",") || cx.punct(k, ":")) {
            k += 1;
        }
        k < e && cx.is_open_mark(k).is_some()
    };
    if !clean
        || !(tail_only(cx, cue.end, e)
            || gerund_next(cx, cue.end, e)
            || participle_next(cx, cue.end, e)
            || next_quote)
    {
        return None;
    }
    let mut se = cue.start;
    while se > s && cx.kind(se - 1) == TokenKind::Punct {
        se -= 1;
    }
    if se == s {
        return None;
    }
    let mut raw = make(cx, Content::Pairs(vec![p]), cue, Some(cx.span(s, se)), 0.6);
    let end = follow_on(cx, &mut raw, cue.end, e);
    Some((raw, end))
}

/// `Rachel Berg, a philanthropist from Monsey, New York, said the speeches ...`: a name (or
/// a noun phrase) opening the clause, a comma, an apposition or relative clause the phrase
/// rules do not cover (commas, quotations and clauses inside), a comma, then a verb of saying
/// and what was said. The whole stretch before the cue is the source.
pub(super) fn long_subject_then_clause(
    cx: &Cx,
    cue: &Cue,
    lo: usize,
    e: usize,
    addressee: bool,
) -> Option<(Raw, usize)> {
    if !cue.finite_speech_verb() {
        return None;
    }
    let close = cue.start.checked_sub(1)?;
    if close <= lo + 2 || close - lo > 45 || !cx.punct(close, ",") {
        return None;
    }
    // the head: a noun phrase from the clause start to the first comma
    let first = (lo..close).find(|&k| cx.punct(k, ",") && !cx.in_quote(k))?;
    if cx.source_before(first, lo) != Some((lo, first)) || !cx.capitalised(lo) {
        return None;
    }
    let inside_ok = (first + 1..close).all(|k| cx.in_quote(k) || !clause_break(cx, k));
    if !inside_ok || first + 1 >= close {
        return None;
    }
    let (content, end) = content_after(cx, cue.end, e, addressee)?;
    if let Content::Span(k0, k1) = content {
        // a clause, not an object (`said nothing`, `said so`)
        let mut b = [0u8; 24];
        let w = cx.lower(k0, &mut b).unwrap_or("");
        let opens_clause = w == "that"
            || lexicon::subject_pronoun(w)
            || cx.capitalised(k0)
            || matches!(
                w,
                "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "this"
            );
        if !opens_clause || k1 - k0 < 3 {
            return None;
        }
    }
    let raw = make(cx, content, cue, Some(cx.span(lo, close)), 0.6);
    Some((raw, end))
}
