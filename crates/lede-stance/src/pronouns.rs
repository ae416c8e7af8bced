//! Third-person pronouns inside evidence units (`he`, `her`), each resolved to the nearest
//! person named before it whose sex does not rule it out. Inside quotation marks the speaker
//! is not a candidate: a speaker says `I`, and the `he` of a quotation is someone else
//! (`"He has failed," Smith said of Jones`).
//!
//! The entity analyser links names and descriptions, not pronouns; this is the little
//! resolution stance needs to see that `he` in an actor's words is the target, and the
//! polarity model weighs such a reference (`TargetVia::Pronoun`) as it learnt to.

use lede_entity::{first_name_gender, EntityOutput, EntityType, Gender};

use crate::evidence::Unit;
use crate::tokens::Words;

/// How far back (in tokens) an antecedent may be.
const REACH: usize = 250;

fn pronoun_gender(w: &str) -> Option<Gender> {
    match w {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// The sex each person entity's name or title shows, if any.
fn genders(entities: &EntityOutput, words: &Words) -> Vec<Option<Gender>> {
    let mut out: Vec<Option<Gender>> = entities
        .entities
        .iter()
        .map(|e| {
            if e.etype != EntityType::Person {
                return None;
            }
            e.canonical.split_whitespace().find_map(first_name_gender)
        })
        .collect();
    // `Mr. Trump`, `Mrs. Clinton`
    for m in &entities.mentions {
        if m.etype != EntityType::Person {
            continue;
        }
        let (a, _) = words.range(m.span.span());
        let title = (a.saturating_sub(2)..a).rev().find_map(|j| {
            match words.lower[j].trim_end_matches('.') {
                "mr" | "sir" | "lord" | "king" | "prince" => Some(Gender::Male),
                "mrs" | "ms" | "miss" | "madam" | "dame" | "lady" | "queen" | "princess" => {
                    Some(Gender::Female)
                }
                _ => None,
            }
        });
        if let (Some(g), Some(slot)) = (title, out.get_mut(m.entity)) {
            slot.get_or_insert(g);
        }
    }
    out
}

/// Fills each unit's `pronouns` with (token, entity) for the third-person pronouns it holds.
pub(crate) fn resolve_in_units(units: &mut [Unit], words: &Words, entities: &EntityOutput) {
    if units.is_empty() {
        return;
    }
    let gender = genders(entities, words);
    // (first token, entity) of every person mention, in text order
    let persons: Vec<(usize, usize)> = entities
        .mentions
        .iter()
        .filter(|m| m.etype == EntityType::Person)
        .map(|m| (words.range(m.span.span()).0, m.entity))
        .collect();
    for u in units.iter_mut() {
        let (a, b) = u.toks;
        for i in a..b {
            let Some(g) = pronoun_gender(&words.lower[i]) else {
                continue;
            };
            let upto = persons.partition_point(|&(t, _)| t < i);
            let found = persons[..upto]
                .iter()
                .rev()
                .take_while(|&&(t, _)| i - t <= REACH)
                .find(|&&(_, e)| {
                    gender.get(e).copied().flatten().is_none_or(|eg| eg == g)
                        && !(u.quoted && u.actor_entity == Some(e))
                });
            if let Some(&(_, e)) = found {
                u.pronouns.push((i, e));
            }
        }
    }
}
