//! Building an attribution around a cue: its source, its content and where it ends, for each
//! order of the three (`SRC said CONTENT`, `CONTENT, SRC said`, `“...,” said SRC`, `according
//! to SRC, CONTENT`, `SRC: “...”`, `..., adding that ...`).

use lede_core::{Span, TokenKind};

use super::content::{
    content_after, content_before, content_end, content_part, gerund_next, kind_of, tail_only,
    words_before_quote, Content,
};
use super::cue::{transcript_label, Cue};
use super::cx::{first_token_at, Cx};
use super::long_subject::{long_subject_then_clause, quote_then_long_subject};
use super::source::{appositive_before, subject_at};
use super::Raw;
use crate::lexicon::{self, CueForm, CueStrength};
use crate::types::QuoteKind;

/// Tries to build an attribution around `cue` in segment `[a, e)`; `lo` is the first token not
/// taken by an earlier attribution. Returns the quotation and the first token after it.
pub(super) fn attribute(
    cx: &Cx,
    cue: &Cue,
    lo: usize,
    a: usize,
    e: usize,
    seg_prev: &[Raw],
) -> Option<(Raw, usize)> {
    let mut buf = [0u8; 24];
    if cue.according {
        // `according to SRC, CONTENT` / `CONTENT, according to SRC`
        let src_start = cue.end;
        let mut src_end = src_start;
        while src_end < e && !cx.in_quote(src_end) && !matches!(cx.kind(src_end), TokenKind::Punct)
        {
            src_end += 1;
        }
        if src_end == src_start {
            return None;
        }
        let source = Some(cx.span(src_start, src_end));
        // `Two members had argued for holding rates, according to people familiar with it`:
        // the whole clause, with the attribution inside it, is what the people reported
        let (content, end) = if cue.start > a && cx.punct(cue.start - 1, ",") {
            (
                content_before(cx, lo, cue.start - 1)
                    .or_else(|| content_before(cx, a, cue.start - 1))?,
                content_end(cx, src_end, e).max(src_end),
            )
        } else if cue.start <= lo + 1 || cx.punct(cue.start - 1, ",") {
            if !cx.punct(src_end, ",") {
                return None;
            }
            content_after(cx, src_end + 1, e, false)?
        } else {
            return None;
        };
        return Some((
            // (a quotation after `according to X,` is still reported speech)
            Raw {
                kind: QuoteKind::Indirect,
                ..make(cx, content, cue, source, 0.75)
            },
            end,
        ));
    }
    if cue.colon {
        let (s, se) = match cx.source_before(cue.start, lo) {
            Some((s, se)) if s == lo => (s, se),
            // `Okoye welcomed the decision: “...”`
            _ => subject_at(cx, lo, cue.start)?,
        };
        let (mut content, mut end) = content_after(cx, cue.end, e, false)?;
        let name_line = cue.start + 1 == cue.end && cx.name_colon(cue.start, a);
        if !(matches!(content, Content::Pairs(_)) || name_line) {
            return None;
        }
        // a transcript's turn is the whole paragraph after its label, final mark included
        if cx.transcript
            && name_line
            && transcript_label(cx.span(s, cue.end).slice(cx.text)).is_some()
        {
            let from = cx.toks.get(cue.end).map_or(cx.text.len(), |t| t.span.start);
            let para_end = cx.text[from..]
                .find('\n')
                .map_or(cx.text.len(), |n| from + n);
            let last = first_token_at(cx, para_end);
            if last > cue.end {
                content = Content::Span(cue.end, last);
                end = end.max(last.min(e));
            }
        }
        // `She then addressed the supporters again: “...”`: PolNeAR's cue runs from the verb
        // after the subject to the colon
        let mut cue = *cue;
        if se < cue.start && cue.start - se <= 8 && !(se..cue.start).any(|k| cx.in_quote(k)) {
            cue.start = se;
        }
        // (a headline's `Name: words` reports the words without marks: indirect)
        return Some((make(cx, content, &cue, Some(cx.span(s, se)), 0.7), end));
    }
    let verb_lower = cx.lower(cue.verb, &mut buf).unwrap_or("").to_owned();
    let addressee = lexicon::takes_addressee(&verb_lower);
    let before = cue.start.checked_sub(1).filter(|&b| b >= lo);

    let appositive = appositive_before(cx, cue.start, lo, cue.strength == CueStrength::Speech);
    // postposed, inverted: `“...,” said Peskov` / `CONTENT, said X`
    if let (Some(b), None) = (before, appositive) {
        let after_content = cx.punct(b, ",") || cx.is_close_mark(b).is_some();
        // `“Who?” asked Sen. Cantwell`: after a closing mark even a verb that takes an
        // addressee is inverted before its subject
        if after_content
            && cue.form == CueForm::Finite
            && (!addressee || cx.is_close_mark(b).is_some())
        {
            let reaches_end = |se: usize| {
                // only punctuation up to the segment end or the next quotation
                let mut k = se;
                while k < e && cx.kind(k) == TokenKind::Punct {
                    k += 1;
                }
                k >= e
                    || cx.is_open_mark(k).is_some()
                    || cx.punct(se, ",")
                        && se + 1 < e
                        && (cx.cue_starts(se + 1) || cx.is(se + 1, "who") || cx.is(se + 1, "which"))
                    || ["—", "–", ";", "("].iter().any(|d| cx.punct(se, d))
                    // `said Smith on Tuesday.`
                    || (cx.is(se, "on") || cx.is(se, "in") || cx.is(se, "at") || cx.is(se, "during"))
                        && tail_only(cx, se, e)
            };
            if let Some((s, se)) = cx
                .source_after(cue.end, e)
                .filter(|&(_, se)| reaches_end(se) || cx.is_close_mark(b).is_some())
            {
                // (no content before the comma: not this pattern, `X, who ..., said the
                // family deserved better` is read below)
                if let Some(content) =
                    content_before(cx, lo, if cx.punct(b, ",") { b } else { b + 1 })
                {
                    let mut raw = make(cx, content, cue, Some(cx.span(s, se)), 0.85);
                    let end = follow_on(cx, &mut raw, se, e);
                    return Some((raw, end));
                }
            }
        }
    }
    // `Asked whether ..., Lambert said ...`: the question is an attribution without a source
    // in the text (the reporter asked it; `PolNeAR` annotates it so); the person named after
    // the comma answers it, and is only checked for
    if (cx.is(cue.verb, "asked") && (cue.verb == a || cue.verb == a + 1 && cx.is(a, "when")))
        && cue.start == cue.verb
    {
        let comma =
            (cue.end..e.min(cue.end + 30)).find(|&k| cx.punct(k, ",") && !cx.in_quote(k))?;
        let next_cue = (comma + 1..e.min(comma + 9)).find(|&k| cx.cue_at(k, a).is_some())?;
        let (s, _) = cx.source_before(next_cue, comma + 1)?;
        if s != comma + 1 || cue.end >= comma {
            return None;
        }
        let raw = make(cx, Content::Span(cue.end, comma), cue, None, 0.6);
        return Some((raw, comma));
    }
    // gerund after a comma: `..., adding that ...` shares the source of the clause
    if cue.form == CueForm::Gerund {
        let (content, end) = content_after(cx, cue.end, e, addressee)?;
        // `a statement saying, “...”`: without a comma before, only a quotation after
        if !before.is_some_and(|b| cx.punct(b, ",")) && !matches!(content, Content::Pairs(_)) {
            return None;
        }
        let shared = seg_prev.len().checked_sub(1);
        let source = shared.and_then(|q| seg_prev[q].source).or_else(|| {
            // the subject of the clause: a noun phrase at the segment start
            subject_at(cx, a, cue.start).map(|(s, se)| cx.span(s, se))
        });
        source?;
        let mut raw = make(cx, content, cue, source, 0.7);
        raw.shares_source_of = shared;
        return Some((raw, end));
    }
    // postposed: `CONTENT, SRC said` / `“...,” SRC said`
    let (src, src_lo) = match cx.source_before(cue.start, lo) {
        Some((s, se)) => (Some((s, se)), s),
        None => (None, cue.start),
    };
    let (src, src_lo) = match appositive {
        Some((s, se)) if src.is_none() => (Some((s, se)), s),
        _ => (src, src_lo),
    };
    if let Some((s, se)) = src {
        if src_lo > lo {
            let p = src_lo - 1;
            let closes = cx.is_close_mark(p).is_some();
            let asked = cx.is(lo, "asked") || cx.is(lo, "when") && cx.is(lo + 1, "asked");
            if closes
                || cx.punct(p, ",")
                    && (tail_only(cx, cue.end, e) || gerund_next(cx, cue.end, e))
                    && !asked
            {
                let content = content_before(cx, lo, if closes { p + 1 } else { p });
                if let Some(content) = content {
                    let conf = if cue.strength == CueStrength::Speech {
                        0.9
                    } else {
                        0.6
                    };
                    let mut raw = make(cx, content, cue, Some(cx.span(s, se)), conf);
                    let end = follow_on(cx, &mut raw, cue.end, e);
                    return Some((raw, end));
                }
            }
        }
    }
    if let Some(raw) = quote_then_long_subject(cx, cue, lo, e) {
        return Some(raw);
    }
    if src.is_none() {
        // (from the segment start: a relative clause inside the subject may have been read
        // as an attribution of its own, `Kasich, who has refused to endorse X, said ...`)
        if let Some(raw) = long_subject_then_clause(cx, cue, a, e, addressee) {
            return Some(raw);
        }
    }
    // preposed: `SRC said (that) CONTENT`, `SRC said: “...”`
    let (s, se) = if let Some(x) = src {
        x
    } else {
        // `The Kremlin has ..., but repeated that`: the subject of the clause
        let b = before?;
        if !(cx.is(b, "but") || cx.is(b, "and")) {
            // `..., Smith, a pastor in Ames, said: “...”`, `He went on to say, “...”`: a cue
            // right before a quotation attributes it even when no subject is found next to
            // the cue; the subject of the clause, if any, is the source
            let mut k = cue.end;
            if k < e && (cx.punct(k, ",") || cx.punct(k, ":")) {
                k += 1;
            }
            if cue.form == CueForm::Gerund {
                return None;
            }
            if k < e && cx.is_open_mark(k).is_some() {
                let (content, end) = content_after(cx, k, e, false)?;
                if !matches!(content, Content::Pairs(_)) {
                    return None;
                }
                let source = subject_at(cx, a, cue.start).map(|(s, se)| cx.span(s, se));
                let raw = make(cx, content, cue, source, 0.5);
                return Some((raw, end));
            }
            // `Jeb Bush in a Medium post said he would ...`, `Grassley, facing a challenge in
            // Iowa, a swing state, said he ...`: a verb of saying with a clause after it reports
            // that clause; the source is the subject of the sentence when one is found
            if cue.strength != CueStrength::Speech
                || !cue.loose && cx.lower(cue.verb, &mut buf) != Some("said")
            {
                return None;
            }
            let (content, end) = content_after(cx, cue.end, e, addressee)?;
            let Content::Span(k0, _) = content else {
                return None;
            };
            let mut b2 = [0u8; 24];
            let first = cx.lower(k0, &mut b2).unwrap_or("");
            if !(first == "that" || lexicon::subject_pronoun(first) || cx.capitalised(k0)) {
                return None;
            }
            let source = subject_at(cx, a, cue.start).map(|(s, se)| cx.span(s, se));
            let raw = make(cx, content, cue, source, 0.45);
            return Some((raw, end));
        }
        // the source of the attribution before in the sentence, else the subject
        match seg_prev.last().and_then(|r| r.source) {
            Some(src) => {
                let s = first_token_at(cx, src.start);
                let se = first_token_at(cx, src.end);
                (s, se)
            }
            None => subject_at(cx, a, b)?,
        }
    };
    // `The candidate continued, saying, “...”`: the gerund after the comma reports what follows
    if gerund_next(cx, cue.end, e) {
        return None;
    }
    let (content, end) = content_after(cx, cue.end, e, addressee)?;
    if cue.strength == CueStrength::Weak && !cue.loose {
        // a stance verb needs a clear complement
        let ok = match &content {
            Content::Pairs(_) => true,
            Content::Span(k, _) => cx.is(*k, "that"),
        };
        if !ok {
            return None;
        }
    }
    let conf = if cue.strength == CueStrength::Speech {
        0.8
    } else {
        0.55
    };
    // the object of a preposition is not who spoke (`Voters who spoke to Lede Wire said`
    // when the relative clause was not found): keep the quotation, leave the source unknown
    let pp_object = s > a && cx.preposition(s - 1);
    // ... unless the phrase before the preposition starts the clause: `Economists at Nordbank
    // said`, `The Teamsters local in Columbus warned`
    let source = if pp_object {
        cx.source_before(s - 1, lo)
            .filter(|&(s2, _)| s2 == a || s2 == lo || cx.punct(s2 - 1, ","))
            .map(|(s2, _)| cx.span(s2, se))
    } else {
        Some(cx.span(s, se))
    };
    let raw = make(cx, content, cue, source, conf);
    Some((raw, end))
}

/// After a postposed attribution: `“A,” X said, “B.”` takes the second quotation too.
pub(super) fn follow_on(cx: &Cx, raw: &mut Raw, after: usize, e: usize) -> usize {
    let mut k = after;
    if raw.kind != QuoteKind::Direct {
        return k;
    }
    // `he told reporters outside the building, “B.”`: a short tail before the comma
    if let Some(n) = words_before_quote(cx, k, e, 10) {
        k = n;
    }
    if (cx.punct(k, ",") || cx.punct(k, ":")) && k + 1 < e {
        if let Some(p) = cx.is_open_mark(k + 1) {
            let end = content_end(cx, k + 1, e);
            let closes_at_end = end > k + 1 && cx.is_close_mark(end - 1) == Some(p);
            if closes_at_end || cx.pairs[p].close.is_none() {
                raw.parts.push(content_part(cx, &cx.pairs[p]));
                raw.pairs.push(p);
                k = end;
            }
        }
    }
    k
}

/// The attribution of `content` to `source` through `cue`: direct when the content is
/// quotation marks, indirect otherwise.
pub(super) fn make(
    cx: &Cx,
    content: Content,
    cue: &Cue,
    source: Option<Span>,
    confidence: f64,
) -> Raw {
    let kind = kind_of(&content);
    let (parts, pairs) = match content {
        Content::Pairs(ps) => (
            ps.iter().map(|&p| content_part(cx, &cx.pairs[p])).collect(),
            ps,
        ),
        Content::Span(a, b) => (vec![cx.span(a, b)], Vec::new()),
    };
    Raw {
        kind,
        parts,
        pairs,
        cue: Some(cx.span(cue.start, cue.end)),
        source,
        from_context: false,
        shares_source_of: None,
        confidence,
    }
}
