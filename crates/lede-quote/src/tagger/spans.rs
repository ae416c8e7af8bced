//! Stage two: for one cue, which tokens of its paragraph are its source and which its content.
//!
//! The same labels and decoder as stage one, over the cue's paragraph, with the cue's tokens
//! fixed (`CUE_B`, `CUE_I`) and the cue labels barred elsewhere; the features are the tokens'
//! own and their relation to this cue: the side and distance, the cue's word, what stands
//! between (a sentence boundary, commas, quotation marks, other possible cues), and what the
//! rules made of the same cue. Knowing the cue is what decides the boundaries (`CofeNet`'s
//! cue-aware decoding does the same with a neural network); a cue whose content comes out empty
//! is no attribution.

use super::features::{hash, Prepared};
use super::labels::{CUE_B, CUE_I, NL};
use super::model::{viterbi, Model};
use super::Linked;

/// Labels allowed at token `i` for the cue `[cs, ce)`, as a bit mask.
pub fn mask((cs, ce): (usize, usize), i: usize) -> u16 {
    let all = (1u16 << NL) - 1;
    if i == cs {
        1 << CUE_B
    } else if i > cs && i < ce {
        1 << CUE_I
    } else {
        all & !(1 << CUE_B) & !(1 << CUE_I)
    }
}

/// The rules' attribution of a cue: the one whose cue overlaps it.
pub fn rule_for(prep: &Prepared, (cs, ce): (usize, usize)) -> Option<&Linked> {
    prep.rule_attrs
        .iter()
        .find(|r| r.cue.0 < ce && cs < r.cue.1)
}

fn bucket(d: usize) -> u8 {
    match d {
        0..=3 => d as u8,
        4..=5 => 4,
        6..=8 => 5,
        9..=15 => 6,
        16..=30 => 7,
        _ => 8,
    }
}

/// What the rules' attribution of the cue says of token `i`: none, source, first content
/// fragment, later fragment; with whether `i` starts and ends that range.
fn rule_code(rule: Option<&Linked>, i: usize) -> u8 {
    let Some(r) = rule else { return 0 };
    let edge = |(a, b): (usize, usize)| u8::from(i == a) * 2 + u8::from(i + 1 == b);
    if let Some(s) = r.source.filter(|s| s.0 <= i && i < s.1) {
        return 4 + edge(s);
    }
    for (k, &c) in r.content.iter().enumerate() {
        if c.0 <= i && i < c.1 {
            return if k == 0 { 8 } else { 12 } + edge(c);
        }
    }
    1
}

fn h(template: u8, values: &[u64]) -> u64 {
    let mut bytes = [0u8; 64];
    let mut n = 0;
    for v in values.iter().take(8) {
        bytes[n..n + 8].copy_from_slice(&v.to_le_bytes());
        n += 8;
    }
    hash(template, &bytes[..n])
}

/// A cue with what the features read around it: the rules' attribution of it, and landmarks
/// in its sequence (after it: the first `that`, comma, opening quotation mark, colon and
/// sentence end; before it: the last comma, closing quotation mark and sentence start).
pub struct CueCtx<'a> {
    pub cue: (usize, usize),
    rule: Option<&'a Linked>,
    after: [Option<usize>; 5],
    before: [Option<usize>; 3],
}

impl<'a> CueCtx<'a> {
    pub fn new(prep: &'a Prepared, (a, b): (usize, usize), cue: (usize, usize)) -> Self {
        let (cs, ce) = cue;
        let that = hash(1, b"that");
        let comma = hash(1, b",");
        let colon = hash(1, b":");
        let mut after = [None; 5];
        let sent = prep.sentence[ce - 1];
        for i in ce..b {
            let q = prep.quote[i] % 4;
            let found = [
                prep.low[i] == that,
                prep.low[i] == comma,
                q == 1,
                prep.low[i] == colon,
                prep.sentence[i] != sent,
            ];
            for (slot, f) in after.iter_mut().zip(found) {
                if f && slot.is_none() {
                    *slot = Some(i);
                }
            }
        }
        let mut before = [None; 3];
        let sent = prep.sentence[cs];
        for i in (a..cs).rev() {
            let q = prep.quote[i] % 4;
            let found = [prep.low[i] == comma, q == 2, prep.sentence[i] != sent];
            for (slot, f) in before.iter_mut().zip(found) {
                if f && slot.is_none() {
                    *slot = Some(i);
                }
            }
        }
        Self {
            cue,
            rule: rule_for(prep, cue),
            after,
            before,
        }
    }
}

/// Where token `i` stands against a landmark: none, before, at, after.
fn against(lm: Option<usize>, i: usize) -> u64 {
    match lm {
        None => 0,
        Some(l) if i < l => 1,
        Some(l) if i == l => 2,
        Some(_) => 3,
    }
}

/// The features of token `i` that depend on the cue (pushed to `out`).
pub fn relative(prep: &Prepared, cx: &CueCtx<'_>, i: usize, out: &mut Vec<u64>) {
    let (cs, ce) = cx.cue;
    let rule = cx.rule;
    let (side, d, near) = if i < cs {
        (0u64, cs - i, cs)
    } else if i >= ce {
        (2, i + 1 - ce, ce - 1)
    } else {
        (1, 0, i)
    };
    let (lo, hi) = if i < cs { (i + 1, cs) } else { (ce, i) };
    let between = |v: &[u32]| if hi > lo { v[hi] - v[lo] } else { 0 };
    let d = u64::from(bucket(d));
    let cross = u64::from(prep.sentence[i] != prep.sentence[near]);
    let head = prep.low[ce - 1];
    let first = prep.low[cs];
    let w = prep.low[i];
    let quote = u64::from(prep.quote[i]);
    let rc = u64::from(rule_code(rule, i));
    let rule_label = u64::from(prep.rule[i]);
    let cands = u64::from(between(&prep.cands).min(2));
    let commas = u64::from(between(&prep.commas).min(3));
    let marks = u64::from(between(&prep.marks).min(2));
    out.push(h(100, &[side, d]));
    out.push(h(101, &[side, d, head]));
    out.push(h(102, &[side, d.min(4), first]));
    out.push(h(103, &[side, w]));
    out.push(h(104, &[side, d.min(4), w]));
    out.push(h(105, &[side, cross, quote]));
    out.push(h(106, &[side, cands, cross]));
    out.push(h(107, &[side, commas, marks]));
    out.push(h(108, &[side, rc]));
    out.push(h(109, &[rc, rule_label]));
    out.push(h(110, &[rc, w]));
    out.push(h(111, &[side, d, quote, rc]));
    out.push(h(112, &[head, side, rc]));
    out.push(h(113, &[side, cross, rule_label]));
    out.push(h(114, &[side, d, cross, cands, commas]));
    out.push(h(115, &[head, side, d.min(4)]));
    // landmarks
    if side == 2 {
        let [that, comma, open, colon, end] = cx.after.map(|l| against(l, i));
        out.push(h(116, &[that, comma, open, colon, end]));
        out.push(h(117, &[that, d.min(4)]));
        out.push(h(118, &[open, quote, end]));
        out.push(h(119, &[head, that, open, colon]));
        out.push(h(120, &[comma, end, rule_label]));
    } else if side == 0 {
        let [comma, close, start] = cx.before.map(|l| against(l, i));
        out.push(h(121, &[comma, close, start]));
        out.push(h(122, &[close, quote, d.min(4)]));
        out.push(h(123, &[head, comma, close, start]));
    }
}

/// The labels of the paragraph `[a, b)` for the cue `[cs, ce)`; `base` holds the emission
/// scores of the tokens' own features under `model` (computed by the caller once per
/// paragraph).
pub fn decode(
    model: &Model,
    prep: &Prepared,
    (a, b): (usize, usize),
    cue: (usize, usize),
    base: &[[f32; NL]],
) -> Vec<u8> {
    let cx = CueCtx::new(prep, (a, b), cue);
    let mut em = Vec::with_capacity(b - a);
    let mut feats = Vec::with_capacity(16);
    for i in a..b {
        let mut e = base[i - a];
        feats.clear();
        relative(prep, &cx, i, &mut feats);
        for f in &feats {
            if let Some(&r) = model.index.get(f) {
                for (o, w) in e.iter_mut().zip(&model.rows[r as usize]) {
                    *o += w;
                }
            }
        }
        let m = mask(cue, i);
        for (l, x) in e.iter_mut().enumerate() {
            if m & (1 << l) == 0 {
                *x = f32::NEG_INFINITY;
            }
        }
        em.push(e);
    }
    viterbi(&em, &model.trans)
}
