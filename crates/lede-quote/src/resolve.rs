//! Speaker resolution: from the source phrase as written to an entity of the entity analyser,
//! through names, appositives, pronouns and roles. When nothing fits, the speaker stays unknown.

use std::collections::BTreeMap;

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
    let mut st = State::new(text, ents);
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
            mention(text, src, ents, quoted, &mut st).or_else(|| {
                // a shared source (`..., adding`) resolved before
                inherited.filter(|s| r.shares_source_of.is_some() && s.via != Resolution::Context)
            })
        } else {
            inherited
        };
        if let (Some(s), Some(src)) = (&sp, r.source) {
            if s.etype == EntityType::Person {
                st.recent = Some((src.start, s.entity));
            }
        }
        out.push(sp);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// What resolution has learnt so far in the document: the last person who spoke, and the
/// gender of people from their titles and from pronouns resolved to them.
struct State {
    recent: Option<(usize, usize)>,
    gender: BTreeMap<usize, Gender>,
}

impl State {
    fn new(text: &str, ents: &EntityOutput) -> Self {
        let mut gender = BTreeMap::new();
        for m in &ents.mentions {
            let before = text.get(..m.span.start).unwrap_or("").trim_end();
            let t = m.span.text.as_str();
            let g = if t.starts_with("Mr.") || t.starts_with("Mr ") || before.ends_with("Mr.") {
                Some(Gender::Male)
            } else if ["Mrs.", "Ms.", "Mrs ", "Ms "]
                .iter()
                .any(|p| t.starts_with(p))
                || before.ends_with("Mrs.")
                || before.ends_with("Ms.")
            {
                Some(Gender::Female)
            } else {
                None
            };
            if let Some(g) = g {
                gender.entry(m.entity).or_insert(g);
            }
        }
        // then a person's first name (`Maria Lopez`), where titles and pronouns did not tell
        for (id, e) in ents.entities.iter().enumerate() {
            if e.etype != EntityType::Person {
                continue;
            }
            let mut words = e.canonical.split_whitespace();
            if let (Some(first), Some(_)) = (words.next(), words.next()) {
                if let Some(g) = lede_entity::first_name_gender(first) {
                    gender.entry(id).or_insert(match g {
                        lede_entity::Gender::Male => Gender::Male,
                        lede_entity::Gender::Female => Gender::Female,
                    });
                }
            }
        }
        Self {
            recent: None,
            gender,
        }
    }

    fn compatible(&self, entity: usize, g: Option<Gender>) -> bool {
        match (g, self.gender.get(&entity)) {
            (Some(a), Some(&b)) => a == b,
            _ => true,
        }
    }
}

/// Resolves one source phrase.
fn mention(
    text: &str,
    src: Span,
    ents: &EntityOutput,
    quoted: &[Span],
    st: &mut State,
) -> Option<Speaker> {
    let ms = &ents.mentions;
    // 1. a name inside the source phrase (`Kremlin spokesman Dmitry Peskov`, `Peskov, the
    //    Kremlin spokesman,`): the first person named, else the first speaking entity.
    let first = ms.partition_point(|m| m.span.end <= src.start);
    // a possessor is not the speaker: `Diallo's former team-mate, Ousmane Keita`
    let possessive = |i: usize| {
        let after = text.get(ms[i].span.end..).unwrap_or("");
        after.starts_with("'s") || after.starts_with("’s") || after.starts_with('\'')
    };
    // names inside a relative clause of the source are not the speaker (`Voters who spoke to
    // Lede Wire`)
    let src_text = src.slice(text);
    let head_end = [" who ", " that ", " which "]
        .iter()
        .filter_map(|w| src_text.find(w))
        .min()
        .map_or(src.end, |k| src.start + k);
    let inside: Vec<usize> = (first..ms.len())
        .take_while(|&i| ms[i].span.start < head_end)
        .filter(|&i| src.contains(ms[i].span.span()) || ms[i].span.span().overlaps(src))
        .filter(|&i| !possessive(i))
        .collect();
    // the head of `Harbor chief executive Dana Whitfield` is the last name; in an appositive
    // (`Dana Whitfield, Harbor's chief executive`) the first; a name after `of` is a modifier
    // (`the health ministry of Qasimir`)
    let after_of = |i: usize| {
        text.get(src.start..ms[i].span.start)
            .is_some_and(|b| b.trim_end().ends_with(" of") || b.trim_end() == "of")
    };
    let inside: Vec<usize> = inside.into_iter().filter(|&i| !after_of(i)).collect();
    let appositive = src_text.contains(',');
    let person =
        |i: &&usize| ms[**i].kind == MentionKind::Name && ms[**i].etype == EntityType::Person;
    let person_pick = if appositive {
        inside.iter().find(person)
    } else {
        inside.iter().rev().find(person)
    };
    let pick = person_pick
        .or_else(|| {
            inside
                .iter()
                .find(|&&i| ms[i].kind == MentionKind::Name && speaking_type(ms[i].etype))
        })
        .or_else(|| inside.iter().find(|&&i| speaking_type(ms[i].etype)));
    if let Some(&i) = pick {
        let s = src.slice(text);
        // `The Kremlin spokesman`: an organisation modifying a role noun is not the speaker
        // when the person holding the role is known
        let after = text.get(ms[i].span.end..src.end).unwrap_or("");
        if ms[i].etype != EntityType::Person
            && after
                .split_whitespace()
                .any(|w| w.starts_with(char::is_lowercase))
        {
            let words = lower_words(text, src);
            if let Some(id) = role_holder(&words, src, ents) {
                return speaker(ents, id, Resolution::Role);
            }
        }
        let via = if ms[i].kind == MentionKind::Nominal {
            Resolution::Role
        } else if s.contains(',') {
            Resolution::Appositive
        } else {
            Resolution::Name
        };
        return speaker(ents, ms[i].entity, via);
    }
    let words = lower_words(text, src);
    // 2. a pronoun
    if words.len() == 1 {
        if let Some(kind) = lexicon::pronoun_kind(&words[0]) {
            return pronoun(text, src, (kind, &words[0]), ents, quoted, st);
        }
    }
    // 3. a role or title (`the spokesman`, `the Kremlin spokesman`, `NATO's chief`)
    if let Some(id) = role_holder(&words, src, ents) {
        return speaker(ents, id, Resolution::Role);
    }
    // 4. `the company`, `the ministry`: the nearest organisation named before
    if words.len() == 2 && words[0] == "the" && org_noun(&words[1]) {
        let before = ms.partition_point(|m| m.span.end <= src.start);
        // the organisation's name says what it is (`the ministry` -> `Ministry of Health`),
        // or the description is a generic business word (`the company`)
        let generic = matches!(
            words[1].as_str(),
            "company" | "firm" | "group" | "corporation" | "airline" | "insurer" | "lender"
        );
        // names inside reported speech count here (`X said Harbor Logistics will cut jobs.
        // The company said ...`)
        let m = ms[..before].iter().rev().find(|m| {
            m.etype == EntityType::Org
                && ents.entities.get(m.entity).is_some_and(|e| {
                    e.canonical.to_lowercase().contains(words[1].as_str()) || generic
                })
        })?;
        return speaker(ents, m.entity, Resolution::Description);
    }
    None
}

/// The entity holding the role named in the source words (`spokesman`), preferring one whose
/// affiliation is named too, then the one mentioned nearest.
fn role_holder(words: &[String], src: Span, ents: &EntityOutput) -> Option<usize> {
    let ms = &ents.mentions;
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
    best.map(|(_, _, id)| id)
}

/// Nouns that describe an organisation in a definite description (`the company said`).
fn org_noun(w: &str) -> bool {
    matches!(
        w,
        "company"
            | "firm"
            | "group"
            | "ministry"
            | "agency"
            | "bank"
            | "party"
            | "union"
            | "department"
            | "organisation"
            | "organization"
            | "committee"
            | "council"
            | "newspaper"
            | "club"
            | "airline"
            | "insurer"
            | "lender"
            | "regulator"
            | "carrier"
            | "corporation"
            | "network"
            | "alliance"
            | "foundation"
            | "institute"
            | "fund"
            | "authority"
    )
}

/// The entity a pronoun stands for: the nearest compatible entity mentioned before it outside
/// quotations (names inside someone's words are not antecedents), else the last person quoted.
fn pronoun(
    text: &str,
    src: Span,
    (kind, word): (PronounKind, &str),
    ents: &EntityOutput,
    quoted: &[Span],
    st: &mut State,
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
    let g = match word {
        "he" | "him" => Some(Gender::Male),
        "she" | "her" => Some(Gender::Female),
        _ => None,
    };
    let candidates = || {
        ms[..before]
            .iter()
            .rev()
            .take_while(|m| src.start - m.span.start <= 1500)
            .filter(|m| m.etype == want && st.compatible(m.entity, g))
            .filter(|m| {
                let i = quoted.partition_point(|q| q.end <= m.span.start);
                quoted.get(i).is_none_or(|q| q.start > m.span.start)
            })
    };
    let found = (|| {
        // the nearest sentence naming a compatible entity, and in it the first one named, its
        // subject (`Lopez met Berg on Friday. “...,” she said.`: Lopez, not the nearer Berg)
        if let Some(nearest) = candidates().next() {
            let start = sentence_start(text, nearest.span.start);
            let first = candidates()
                .take_while(|m| m.span.start >= start)
                .last()
                .unwrap_or(nearest);
            return Some(first.entity);
        }
        // nobody named nearby outside quotations: the last person quoted
        if want == EntityType::Person {
            if let Some((pos, e)) = st.recent {
                if pos < src.start && st.compatible(e, g) {
                    return Some(e);
                }
            }
        }
        None
    })()?;
    if let Some(g) = g {
        st.gender.entry(found).or_insert(g);
    }
    speaker(ents, found, Resolution::Pronoun)
}

/// Where the sentence holding byte `pos` starts: after the last full stop, question or
/// exclamation mark before it (not a short capitalised abbreviation: `Gov.`, `U.S.`), a line
/// break, or a closing quotation mark followed by a capital (`“...,” Stoltenberg told`: the
/// attribution after a quotation is a clause of its own).
fn sentence_start(text: &str, pos: usize) -> usize {
    let before = text.get(..pos).unwrap_or("");
    let para_start = before.rfind('\n').map_or(0, |i| i + 1);
    // word by word from the end; `rest` is always a prefix, so its length is where `w` ends
    let mut rest = &before[para_start..];
    loop {
        rest = rest.trim_end();
        if rest.is_empty() {
            return para_start;
        }
        let (head, w) = rest.rsplit_once(char::is_whitespace).unwrap_or(("", rest));
        let t = w.trim_end_matches(['’', '\'', ')']);
        let abbrev = t.len() <= 5 && t.starts_with(char::is_uppercase) && t.ends_with('.');
        if w.ends_with(['"', '”']) || t.ends_with(['.', '?', '!']) && !abbrev {
            return para_start + rest.len();
        }
        rest = head;
    }
}

fn lower_words(text: &str, src: Span) -> Vec<String> {
    src.slice(text)
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
