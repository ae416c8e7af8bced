//! The tagger's labels: one layer over the tokens of a paragraph, begin/inside for the
//! source, the cue and the content of attributions, and a label for a content fragment that
//! continues the content before it (`“A,” she said, “B.”`: B continues A).
//!
//! One layer is enough: in `PolNeAR` the spans of different attributions do not overlap (5
//! of the 22,500 contents of the training split overlap another).

/// Number of labels.
pub const NL: usize = 8;

pub const O: u8 = 0;
pub const SOURCE_B: u8 = 1;
pub const SOURCE_I: u8 = 2;
pub const CUE_B: u8 = 3;
pub const CUE_I: u8 = 4;
pub const CONTENT_B: u8 = 5;
pub const CONTENT_I: u8 = 6;
/// The first token of a content fragment that continues the content before it.
pub const CONTENT_MORE: u8 = 7;

/// What a chunk of tokens is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Source,
    Cue,
    Content,
}

/// Label `next` may follow label `prev` (`prev` is `None` at the start of a sequence).
pub fn allowed(prev: Option<u8>, next: u8) -> bool {
    match next {
        SOURCE_I => matches!(prev, Some(SOURCE_B | SOURCE_I)),
        CUE_I => matches!(prev, Some(CUE_B | CUE_I)),
        CONTENT_I => matches!(prev, Some(CONTENT_B | CONTENT_I | CONTENT_MORE)),
        _ => true,
    }
}

/// A run of tokens with one role: `[start, end)` token indices; `more` for a content
/// fragment that continues the content before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    pub role: Role,
    pub start: usize,
    pub end: usize,
    pub more: bool,
}

/// The chunks of a label sequence (indices relative to it, plus `offset`).
pub fn chunks(labels: &[u8], offset: usize) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    for (i, &l) in labels.iter().enumerate() {
        let (role, begins, more) = match l {
            SOURCE_B => (Role::Source, true, false),
            SOURCE_I => (Role::Source, false, false),
            CUE_B => (Role::Cue, true, false),
            CUE_I => (Role::Cue, false, false),
            CONTENT_B => (Role::Content, true, false),
            CONTENT_MORE => (Role::Content, true, true),
            CONTENT_I => (Role::Content, false, false),
            _ => continue,
        };
        let k = offset + i;
        match out.last_mut() {
            Some(c) if !begins && c.role == role && c.end == k => c.end = k + 1,
            _ => out.push(Chunk {
                role,
                start: k,
                end: k + 1,
                more,
            }),
        }
    }
    out
}

/// The label of each token of a sequence from spans given as token ranges: `(role, ranges)`,
/// where the ranges after the first of a content are its further fragments. Spans are
/// written in the order given; a later one does not overwrite an earlier one.
pub fn encode(n: usize, spans: &[(Role, Vec<(usize, usize)>)]) -> Vec<u8> {
    let mut out = vec![O; n];
    for (role, ranges) in spans {
        for (k, &(a, b)) in ranges.iter().enumerate() {
            let b = b.min(n);
            if a >= b || out[a..b].iter().any(|&l| l != O) {
                continue;
            }
            let (first, rest) = match role {
                Role::Source => (SOURCE_B, SOURCE_I),
                Role::Cue => (CUE_B, CUE_I),
                Role::Content if k > 0 => (CONTENT_MORE, CONTENT_I),
                Role::Content => (CONTENT_B, CONTENT_I),
            };
            out[a] = first;
            for l in &mut out[a + 1..b] {
                *l = rest;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_then_chunks_round_trips() {
        let spans = vec![
            (Role::Content, vec![(0, 2), (5, 7)]),
            (Role::Source, vec![(2, 3)]),
            (Role::Cue, vec![(3, 4)]),
        ];
        let labels = encode(8, &spans);
        assert_eq!(
            labels,
            [
                CONTENT_B,
                CONTENT_I,
                SOURCE_B,
                CUE_B,
                O,
                CONTENT_MORE,
                CONTENT_I,
                O
            ]
        );
        let c = chunks(&labels, 10);
        assert_eq!(c.len(), 4);
        assert_eq!((c[0].start, c[0].end, c[0].more), (10, 12, false));
        assert_eq!(
            (c[3].role, c[3].start, c[3].end, c[3].more),
            (Role::Content, 15, 17, true)
        );
        for w in labels.windows(2) {
            assert!(allowed(Some(w[0]), w[1]));
        }
        assert!(!allowed(None, CONTENT_I));
        assert!(!allowed(Some(SOURCE_B), CUE_I));
    }
}
