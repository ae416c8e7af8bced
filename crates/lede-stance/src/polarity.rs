//! Polarity of an evidence unit toward a target: lexicon cues, turned by a negator just
//! before them and by frames that flip the stance toward what follows (`preventing X from
//! joining Y`); a negated action (`will not join`) counts against.

use lede_core::{Span, TokenKind};

use crate::evidence::Unit;
use crate::lexicon::{Cue, Lexicon};
use crate::targets::{ACTION, ENTITY, OBJECT, SUBJECT};
use crate::tokens::Words;
use crate::types::CueHit;

/// VADER's scalar for a negated valence.
pub(crate) const NEGATION_SCALAR: f32 = -0.74;
/// What a flipping frame (`preventing X from joining`) or a negated action contributes.
pub(crate) const FRAME_WEIGHT: f32 = 2.0;

// token-index arithmetic: a/b bound the unit, i/j/n index tokens
#[allow(clippy::many_single_char_names)]
pub(crate) fn score_unit(
    u: &Unit,
    words: &Words,
    flags: &[u8],
    lex: &Lexicon,
    text: &str,
) -> (f64, Vec<CueHit>) {
    let (a, b) = u.toks;
    let mut hits = Vec::new();
    let mut last_negator: Option<(usize, String)> = None;
    // (until token, frame word)
    let mut flip: Option<(usize, String)> = None;
    // `a threat to peace`: the words after a strong cue's `to` say what is harmed or helped,
    // they are not a second judgement
    let mut skip_until = 0usize;
    let mut i = a;
    while i < b {
        if flip.as_ref().is_some_and(|(until, _)| i > *until) {
            flip = None;
        }
        if words.is_punct(i) && !matches!(words.lower[i].as_str(), "'s" | "-") {
            // a clause break ends a negator's reach
            if matches!(words.lower[i].as_str(), "," | ";" | ":" | "—" | "–" | ".") {
                last_negator = None;
                skip_until = 0;
            }
            i += 1;
            continue;
        }
        // a negated action: `will not join`, `no pathway ... for membership`; it says the
        // action will not happen, whatever valence the action word has (`join` in VADER)
        if flags[i] & ACTION != 0 {
            if let Some((ni, nw)) = last_negator.take_if(|(ni, _)| i - *ni <= 5) {
                hits.push(CueHit {
                    span: Span::new(words.spans[ni].start, words.spans[i].end).with_text(text),
                    weight: f64::from(-FRAME_WEIGHT),
                    flipped_by: Some(nw),
                });
                i += 1;
                continue;
            }
        }
        let Some((n, cue)) = lex.match_at(&words.lower[..b], i) else {
            i += 1;
            continue;
        };
        let span = Span::new(words.spans[i].start, words.spans[i + n - 1].end);
        match cue {
            Cue::Negate => {
                last_negator = Some((i + n - 1, span.slice(text).to_owned()));
            }
            Cue::Flip => {
                // the frame applies when a part of the target follows soon
                let reach = (i + n..(i + n + 6).min(b))
                    .find(|&j| flags[j] & (SUBJECT | ACTION | ENTITY) != 0);
                if let Some(j) = reach {
                    // scope: through the last part of the target within a few words
                    // (`stop X from happily joining Y`), not past a clause break
                    let until = (j..(j + 6).min(b))
                        .take_while(|&k| {
                            !matches!(words.lower[k].as_str(), "," | ";" | ":" | "." | "—" | "–")
                        })
                        .filter(|&k| flags[k] != 0)
                        .last()
                        .unwrap_or(j);
                    let word = span.slice(text).to_owned();
                    let negated = last_negator.take().map(|(_, w)| w);
                    hits.push(CueHit {
                        span: span.with_text(text),
                        weight: f64::from(if negated.is_some() {
                            FRAME_WEIGHT
                        } else {
                            -FRAME_WEIGHT
                        }),
                        flipped_by: negated,
                    });
                    flip = Some((until, word));
                }
            }
            Cue::Valence(v) if v != 0.0 => {
                // names are not cues (`Hope`, `Justice Department`, `United States`)
                let in_name = (flags[i] & (SUBJECT | OBJECT | ENTITY) != 0 || words.in_mention[i])
                    && words.capital[i];
                // nor are capitalised words inside a sentence (`Defense Secretary`, `Justice
                // Department` missed by the tagger), except in title-case headlines
                let titled = words.capital[i]
                    && !words.headline[i]
                    && i > 0
                    && !words.sentence_start[i]
                    && !matches!(words.kinds[i - 1], TokenKind::Quote)
                    && !matches!(words.lower[i - 1].as_str(), ":" | "(" | "—" | "–" | "-");
                let in_name = in_name || titled;
                if v.abs() >= 2.0
                    && words
                        .lower
                        .get(i + n)
                        .is_some_and(|w| matches!(w.as_str(), "to" | "for" | "against"))
                {
                    skip_until = i + n + 5;
                } else if i < skip_until {
                    i += n;
                    continue;
                }
                // words far from every part of the target say less about it; for an
                // entity, words far from its mentions are about something else
                let near = (i.saturating_sub(8).max(a)..(i + n + 8).min(b)).any(|j| flags[j] != 0);
                let entity_target = flags[a..b].iter().any(|f| f & ENTITY != 0);
                if !in_name && (near || !entity_target) {
                    let mut w = if near { v } else { v * 0.5 };
                    let mut by = None;
                    if let Some((ni, nw)) = &last_negator {
                        if i - ni <= 3 {
                            w *= NEGATION_SCALAR;
                            by = Some(nw.clone());
                        }
                    }
                    if let Some((until, fw)) = &flip {
                        if i <= *until {
                            w = -w;
                            by = Some(fw.clone());
                        }
                    }
                    hits.push(CueHit {
                        span: span.with_text(text),
                        weight: round2(f64::from(w)),
                        flipped_by: by,
                    });
                }
            }
            Cue::Valence(_) => {}
        }
        i += n;
    }
    let score: f64 = hits.iter().map(|h| h.weight).sum();
    (score, hits)
}

pub(crate) fn round2(v: f64) -> f64 {
    // `+ 0.0` turns -0.0 into 0.0
    (v * 100.0).round() / 100.0 + 0.0
}
