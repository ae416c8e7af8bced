//! Speaker resolution: from the source phrase as written to an entity of the entity analyser,
//! through names, appositives, pronouns and roles. When nothing fits, the speaker stays unknown.

use lede_core::Span;
use lede_entity::{EntityOutput, EntityType, MentionKind};

use crate::extract::Raw;
use crate::lexicon::{self, PronounKind};
use crate::types::{QuoteKind, Resolution, Speaker};

fn speaker(ents: &EntityOutput, id: usize, via: Resolution) -> Option<Speaker> {
    let e = ents.entities.get(id)?;
    Some(Speaker {
        entity: e.id,
        name: e.canonical.clone(),
        etype: e.etype,
        via,
    })
}

fn speaking_type(t: EntityType) -> bool {
    matches!(t, EntityType::Person | EntityType::Org)
}

/// Resolves the speakers of `raws` (in extraction order). `quoted` are the spans of direct
/// quotations: names inside someone else's words are not antecedents of a later `he`.
pub(crate) fn resolve(
    text: &str,
    raws: &[Raw],
    ents: &EntityOutput,
    quoted: &[Span],
) -> Vec<Option<Speaker>> {
    let mut out: Vec<Option<Speaker>> = Vec::with_capacity(raws.len());
    for r in raws {
        let inherited = r
            .shares_source_of
            .and_then(|q| out.get(q).cloned().flatten());
        let sp = if r.kind == QuoteKind::Term {
            None
        } else if r.from_context {
            inherited.map(|mut s| {
                s.via = Resolution::Context;
                s
            })
        } else if let Some(src) = r.source {
            mention(text, src, ents, quoted).or_else(|| {
                // a shared source (`..., adding`) resolved before
                inherited.filter(|s| r.shares_source_of.is_some() && s.via != Resolution::Context)
            })
        } else {
            inherited
        };
        out.push(sp);
    }
    out
}

/// Resolves one source phrase.
fn mention(text: &str, src: Span, ents: &EntityOutput, quoted: &[Span]) -> Option<Speaker> {
    let ms = &ents.mentions;
    // 1. a name inside the source phrase (`Kremlin spokesman Dmitry Peskov`, `Peskov, the
    //    Kremlin spokesman,`): the first person named, else the first speaking entity.
    let first = ms.partition_point(|m| m.span.end <= src.start);
    let inside: Vec<usize> = (first..ms.len())
        .take_while(|&i| ms[i].span.start < src.end)
        .filter(|&i| src.contains(ms[i].span.span()) || ms[i].span.span().overlaps(src))
        .collect();
    let pick = inside
        .iter()
        .find(|&&i| ms[i].kind == MentionKind::Name && ms[i].etype == EntityType::Person)
        .or_else(|| {
            inside
                .iter()
                .find(|&&i| ms[i].kind == MentionKind::Name && speaking_type(ms[i].etype))
        })
        .or_else(|| inside.iter().find(|&&i| speaking_type(ms[i].etype)));
    if let Some(&i) = pick {
        let s = src.slice(text);
        let via = if ms[i].kind == MentionKind::Nominal {
            Resolution::Role
        } else if s.contains(',') {
            Resolution::Appositive
        } else {
            Resolution::Name
        };
        return speaker(ents, ms[i].entity, via);
    }
    let words: Vec<String> = src
        .slice(text)
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // 2. a pronoun
    if words.len() == 1 {
        if let Some(kind) = lexicon::pronoun_kind(&words[0]) {
            return pronoun(text, src, kind, ents, quoted);
        }
    }
    // 3. a role or title (`the spokesman`, `the Kremlin spokesman`, `NATO's chief`)
    let mut best: Option<(usize, usize, usize)> = None; // (score, distance, entity)
    for e in &ents.entities {
        for role in &e.roles {
            if !words
                .iter()
                .any(|w| w == &role.role || w.trim_end_matches('s') == role.role)
            {
                continue;
            }
            let mut score = 1;
            if let Some(aff) = &role.affiliation {
                let aff = aff.to_lowercase();
                if aff.split_whitespace().all(|a| words.iter().any(|w| w == a)) {
                    score += 1;
                }
            }
            let dist = e
                .mentions
                .iter()
                .filter_map(|&mi| ms.get(mi))
                .map(|m| m.span.start.abs_diff(src.start))
                .min()
                .unwrap_or(usize::MAX);
            let better = best.is_none_or(|(bs, bd, _)| score > bs || score == bs && dist < bd);
            if better {
                best = Some((score, dist, e.id));
            }
        }
    }
    best.and_then(|(_, _, id)| speaker(ents, id, Resolution::Role))
}

/// The nearest compatible entity mentioned before a pronoun.
fn pronoun(
    text: &str,
    src: Span,
    kind: PronounKind,
    ents: &EntityOutput,
    quoted: &[Span],
) -> Option<Speaker> {
    let ms = &ents.mentions;
    let before = ms.partition_point(|m| m.span.end <= src.start);
    if kind == PronounKind::Relative {
        // `Stoltenberg, who said`: the mention right before the comma
        let m = ms.get(before.checked_sub(1)?)?;
        let gap = text.get(m.span.end..src.start)?;
        if gap.trim().trim_matches(',').trim().is_empty() && speaking_type(m.etype) {
            return speaker(ents, m.entity, Resolution::Pronoun);
        }
        return None;
    }
    let want = match kind {
        PronounKind::Person => EntityType::Person,
        PronounKind::Org => EntityType::Org,
        PronounKind::Plural | PronounKind::Relative => return None,
    };
    for m in ms[..before].iter().rev() {
        if m.etype != want {
            continue;
        }
        let inside_quote = {
            let i = quoted.partition_point(|q| q.end <= m.span.start);
            quoted.get(i).is_some_and(|q| q.start <= m.span.start)
        };
        if inside_quote {
            continue;
        }
        return speaker(ents, m.entity, Resolution::Pronoun);
    }
    None
}
