//! The learnt attribution tagger, trained on `PolNeAR`'s training split
//! (`examples/learn_tagger.rs`, `MODEL_CARD.md`), in two stages of the same kind of model (a
//! first-order linear model over one layer of labels: source, cue, content, begin/inside,
//! decoded exactly by Viterbi), with the rules' attributions among the features:
//!
//! 1. over each paragraph, the labels of all attributions at once: its cues are kept;
//! 2. for each cue, over its paragraph again, the source and content of that cue
//!    ([`spans`]); a cue without a content is dropped.
//!
//! The rules still pair quotation marks, find terms and give the speaker resolution its sources.

pub mod features;
pub mod labels;
pub mod model;
pub mod spans;
pub mod train;

use std::sync::OnceLock;

use lede_core::Span;

use self::features::Prepared;
use self::labels::{chunks, Role, NL};
pub use self::model::{Model, ModelError};
use crate::extract::Raw;
use crate::marks::Marks;
use crate::types::QuoteKind;

/// A cue's tokens and the tokens of the sequence (paragraph) it lies in.
pub type CueAt = ((usize, usize), (usize, usize));

/// One attribution as token ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    pub cue: (usize, usize),
    pub source: Option<(usize, usize)>,
    /// Fragments in text order.
    pub content: Vec<(usize, usize)>,
}

/// The weights of both stages.
#[derive(Debug, Clone, Default)]
pub struct Tagger {
    pub cues: Model,
    pub spans: Model,
    /// A cue of stage one is kept when the best labelling scores at least this much more than
    /// the best one that leaves its tokens outside every span ([`CUE_MARGIN`]).
    pub min_margin: f32,
}

/// The margin of [`Tagger::min_margin`] for the embedded weights, chosen by cross-validation
/// on `PolNeAR`'s training split (`MODEL_CARD.md`).
pub const CUE_MARGIN: f32 = 0.0;

impl Tagger {
    pub fn is_empty(&self) -> bool {
        self.cues.is_empty() || self.spans.is_empty()
    }
}

/// The embedded weights.
const CUES_BYTES: &[u8] = include_bytes!("../../model/tagger_cues.bin");
const SPANS_BYTES: &[u8] = include_bytes!("../../model/tagger_spans.bin");

/// The embedded model, read on first use (empty when a file cannot be read: the analyser then
/// falls back on the rules alone).
pub fn embedded() -> &'static Tagger {
    static M: OnceLock<Tagger> = OnceLock::new();
    M.get_or_init(|| Tagger {
        cues: Model::from_bytes(CUES_BYTES).unwrap_or_default(),
        spans: Model::from_bytes(SPANS_BYTES).unwrap_or_default(),
        min_margin: CUE_MARGIN,
    })
}

/// Stage one: the label of every token (`O` outside the tagged sequences).
pub fn tag(model: &Model, prep: &Prepared) -> Vec<u8> {
    let mut out = vec![labels::O; prep.tokens.len()];
    for &(a, b) in &prep.sequences {
        let l = model.decode(prep, a, b);
        out[a..b].copy_from_slice(&l);
    }
    out
}

/// A cue of stage one: its tokens, its sequence, and how much the best labelling scores above
/// the best one without it (its tokens outside every span).
#[derive(Debug, Clone, Copy)]
pub struct ScoredCue {
    pub cue: (usize, usize),
    pub seq: (usize, usize),
    pub margin: f32,
}

/// Stage one's cues, with their margins (infinite unless `with_margins`: each costs a
/// second decoding of its paragraph).
pub fn scored_cues(model: &Model, prep: &Prepared, with_margins: bool) -> Vec<ScoredCue> {
    let mut out = Vec::new();
    for &(a, b) in &prep.sequences {
        let em = model.emission_matrix(prep, a, b);
        let (best_labels, best) = model::viterbi_scored(&em, &model.trans);
        for c in chunks(&best_labels, a) {
            if c.role != Role::Cue {
                continue;
            }
            if !with_margins {
                out.push(ScoredCue {
                    cue: (c.start, c.end),
                    seq: (a, b),
                    margin: f32::INFINITY,
                });
                continue;
            }
            let mut without = em.clone();
            for e in &mut without[c.start - a..c.end - a] {
                for (l, x) in e.iter_mut().enumerate() {
                    if l != usize::from(labels::O) {
                        *x = f32::NEG_INFINITY;
                    }
                }
            }
            let (_, alt) = model::viterbi_scored(&without, &model.trans);
            out.push(ScoredCue {
                cue: (c.start, c.end),
                seq: (a, b),
                margin: best - alt,
            });
        }
    }
    out
}

/// The cues of stage one whose margin reaches `min_margin`, and the rules' cues that none of
/// them overlaps, with the sequence each lies in, in text order.
pub fn cues(prep: &Prepared, scored: &[ScoredCue], min_margin: f32) -> Vec<CueAt> {
    let mut out = Vec::new();
    for &(a, b) in &prep.sequences {
        let start = out.len();
        for c in scored {
            if c.seq == (a, b) && c.margin >= min_margin {
                out.push((c.cue, c.seq));
            }
        }
        let tagged = out.len();
        for r in &prep.rule_attrs {
            let c = r.cue;
            if c.0 >= a
                && c.1 <= b
                && c.0 < c.1
                && !out[start..tagged]
                    .iter()
                    .any(|&(o, _)| o.0 < c.1 && c.0 < o.1)
            {
                out.push((c, (a, b)));
            }
        }
        out[start..].sort_unstable();
    }
    out
}

/// The fewest tokens in the content of an attribution the tagger adds.
const MIN_ADDED_TOKENS: usize = 3;

/// The attributions the tagger adds to the rules': stage two's attribution of each cue of
/// stage one whose margin reaches the tagger's, when neither that cue nor the attribution's
/// content overlaps the cue, source or content of a quotation of the rules, and the content
/// has at least [`MIN_ADDED_TOKENS`] tokens.
///
/// A cue that opens a clause before its content and source as a participle not in `-ing`
/// (`Asked whether ..., X replied`) keeps no source: X was asked, the question is not X's.
pub(crate) fn additions(
    text: &str,
    tagger: &Tagger,
    prep: &Prepared,
    scored: &[ScoredCue],
    rules: &[Raw],
) -> Vec<Linked> {
    let mut taken = vec![false; prep.tokens.len()];
    for r in rules {
        for s in r.parts.iter().chain(&r.cue).chain(&r.source) {
            let (a, b) = prep.token_range(*s);
            for t in &mut taken[a..b] {
                *t = true;
            }
        }
    }
    let free = |(a, b): (usize, usize)| !taken[a..b].iter().any(|&t| t);
    let cues: Vec<CueAt> = scored
        .iter()
        .filter(|c| c.margin >= tagger.min_margin && free(c.cue))
        .map(|c| (c.cue, c.seq))
        .collect();
    let mut out = attributions(tagger, prep, &cues);
    for l in &mut out {
        let (Some(s), Some(first), Some(last)) = (l.source, l.content.first(), l.content.last())
        else {
            continue;
        };
        let cue_word = &text[prep.tokens[l.cue.0].start..prep.tokens[l.cue.0].end];
        if l.cue.1 <= first.0 && last.1 <= s.0 && !cue_word.ends_with("ing") {
            l.source = None;
        }
    }
    // a statement takes a few words: a content of one or two (`Okafor was not convinced`
    // read as `Okafor` reported) is a misreading
    // and the speaker is what users look for: an addition without a source in the text is
    // left out, and so is one whose content opens with a preposition (`warned of a sharp
    // slowdown` read as `of a sharp slowdown` reported)
    let prepositions: Vec<u64> = [
        "of", "to", "about", "for", "on", "with", "from", "at", "by", "in",
    ]
    .iter()
    .map(|w| features::hash(1, w.as_bytes()))
    .collect();
    out.retain(|l| {
        l.source.is_some()
            && l.content.iter().all(|&c| free(c))
            && l.content.iter().map(|c| c.1 - c.0).sum::<usize>() >= MIN_ADDED_TOKENS
            && l.content
                .first()
                .is_some_and(|c| !prepositions.contains(&prep.low[c.0]))
    });
    out
}

/// The attribution stage two finds for each cue (those with a content), in text order.
pub fn attributions(tagger: &Tagger, prep: &Prepared, cues: &[CueAt]) -> Vec<Linked> {
    let mut out = Vec::new();
    let mut base: Vec<[f32; NL]> = Vec::new();
    let mut base_seq = (usize::MAX, 0);
    for &(cue, seq) in cues {
        if seq != base_seq {
            base.clear();
            for i in seq.0..seq.1 {
                let mut e = [0.0; NL];
                tagger.spans.emissions(prep, i, &mut e);
                base.push(e);
            }
            base_seq = seq;
        }
        let l = spans::decode(&tagger.spans, prep, seq, cue, &base);
        let mut content: Vec<(usize, usize)> = Vec::new();
        let mut sources: Vec<(usize, usize)> = Vec::new();
        for c in chunks(&l, seq.0) {
            match c.role {
                Role::Content => content.push((c.start, c.end)),
                Role::Source => sources.push((c.start, c.end)),
                Role::Cue => {}
            }
        }
        if content.is_empty() {
            continue;
        }
        // the source nearest the cue
        let source = sources.into_iter().min_by_key(|s| {
            if s.1 <= cue.0 {
                cue.0 - s.1
            } else {
                s.0.saturating_sub(cue.1)
            }
        });
        out.push(Linked {
            cue,
            source,
            content,
        });
    }
    out
}

/// The byte span of tokens `[a, b)`.
fn bytes(prep: &Prepared, (a, b): (usize, usize)) -> Span {
    Span::new(prep.tokens[a].start, prep.tokens[b - 1].end)
}

/// The quotations of the tagged attributions, in the form the rules give them (so that speaker
/// resolution and the output are shared), then the rules' terms that no attribution covers.
pub(crate) fn quotations(
    text: &str,
    prep: &Prepared,
    linked: &[Linked],
    marks: &Marks,
    rules: &[Raw],
) -> Vec<Raw> {
    let qp = &prep.quote_pair;
    let mut out: Vec<Raw> = Vec::with_capacity(linked.len() + 4);
    // covered bytes (cue, source and content of every attribution), for the rules' leftovers
    let mut covered: Vec<Span> = Vec::new();
    for l in linked {
        let cue = bytes(prep, l.cue);
        let source = l.source.map(|s| {
            // the analyser's sources end before a comma (`PolNeAR` keeps the one closing an
            // appositive: the eval maps it)
            let mut s = s;
            while s.1 > s.0 + 1
                && text[prep.tokens[s.1 - 1].start..prep.tokens[s.1 - 1].end] == *","
            {
                s.1 -= 1;
            }
            bytes(prep, s)
        });
        // a fragment that is exactly one pair of marks is a quotation
        let pair_of = |&(a, b): &(usize, usize)| -> Option<usize> {
            let p = *qp.get(a)?;
            (p != 0 && qp[b - 1] == p)
                .then_some(p as usize - 1)
                .filter(|&p| {
                    let pair = &marks.pairs[p];
                    pair.open.start == prep.tokens[a].start
                        && pair.close.map_or(b == prep.sequence_end(a), |c| {
                            c.end == prep.tokens[b - 1].end
                        })
                })
        };
        let pairs: Vec<Option<usize>> = l.content.iter().map(pair_of).collect();
        let rule_conf = rules
            .iter()
            .find(|r| r.cue == Some(cue))
            .map(|r| r.confidence);
        let confidence = rule_conf.unwrap_or(0.6);
        let idx = out.len();
        covered.push(cue);
        covered.extend(source);
        let raw = if pairs.iter().all(Option::is_some) {
            let ps: Vec<usize> = pairs.into_iter().flatten().collect();
            Raw {
                kind: QuoteKind::Direct,
                parts: ps.iter().map(|&p| marks.pairs[p].part(text)).collect(),
                pairs: ps,
                cue: Some(cue),
                source,
                from_context: false,
                shares_source_of: None,
                confidence,
            }
        } else {
            Raw {
                kind: QuoteKind::Indirect,
                parts: l.content.iter().map(|&f| bytes(prep, f)).collect(),
                pairs: Vec::new(),
                cue: Some(cue),
                source,
                from_context: false,
                shares_source_of: None,
                confidence,
            }
        };
        covered.extend(l.content.iter().map(|&f| bytes(prep, f)));
        let indirect = raw.kind == QuoteKind::Indirect;
        let parts = raw.parts.clone();
        out.push(raw);
        // quoted words inside a reported content: partial quotations of it
        if indirect {
            for (p, pair) in marks.pairs.iter().enumerate() {
                if pair.inner.is_empty() || !parts.iter().any(|s| s.contains(pair.outer())) {
                    continue;
                }
                out.push(Raw {
                    kind: QuoteKind::Partial,
                    parts: vec![pair.part(text)],
                    pairs: vec![p],
                    cue: Some(cue),
                    source,
                    from_context: false,
                    shares_source_of: Some(idx),
                    confidence: confidence * 0.95,
                });
            }
        }
    }
    // an attribution without a source in the text shares the source of the one before it in
    // its sentence (`X said A, adding that B`)
    for i in 0..out.len() {
        if out[i].source.is_some() || out[i].kind == QuoteKind::Partial {
            continue;
        }
        let Some(cue) = out[i].cue else { continue };
        let sent = prep.sentence[prep.token_range(cue).0];
        let prev = (0..i).rev().find(|&j| {
            out[j].kind != QuoteKind::Partial
                && out[j].source.is_some()
                && out[j]
                    .cue
                    .is_some_and(|c| prep.sentence[prep.token_range(c).0] == sent)
        });
        out[i].shares_source_of = prev;
    }
    // the rules' terms that no attribution covers
    for r in rules {
        if r.kind != QuoteKind::Term
            || r.parts
                .iter()
                .any(|p| covered.iter().any(|c| c.overlaps(*p)))
        {
            continue;
        }
        out.push(r.clone());
    }
    out
}
