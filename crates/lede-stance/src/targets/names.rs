//! Names of entities: the words that stand for an entity in the text, and the entity a name
//! from a headline or a `--target` refers to.

use lede_entity::{EntityOutput, EntityType};

use super::{HEADLINE_VERBS, MEMBERSHIP};
use crate::tokens::name_words;

pub(crate) fn entity_names(entities: &EntityOutput, e: usize) -> Vec<Vec<String>> {
    let Some(ent) = entities.entities.get(e) else {
        return Vec::new();
    };
    let mut names = vec![name_words(&ent.canonical)];
    names.extend(ent.aliases.iter().map(|a| name_words(a)));
    if ent.etype == EntityType::Loc {
        if let Some(d) = demonym(&ent.canonical) {
            names.push(vec![d]);
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// `Ukraine` -> `ukrainian`, `Russia` -> `russian`: the common regular demonyms only.
pub(crate) fn demonym(name: &str) -> Option<String> {
    let l = name.to_lowercase();
    if l.contains(' ') || l.len() < 4 {
        return None;
    }
    if let Some(s) = l.strip_suffix('e') {
        Some(format!("{s}ian"))
    } else if l.ends_with('a') {
        Some(format!("{l}n"))
    } else {
        None
    }
}

/// The entity a name refers to: canonical name, alias, or the text of one of its mentions
/// (case-insensitive); for people also the surname alone.
pub(crate) fn resolve_name(name: &str, entities: &EntityOutput) -> Option<usize> {
    let l = name.trim().to_lowercase();
    if l.is_empty() {
        return None;
    }
    let by = |f: &dyn Fn(&lede_entity::Entity) -> bool| {
        // the entity with the most mentions wins a tie, then the first
        entities
            .entities
            .iter()
            .filter(|e| f(e))
            .max_by(|a, b| {
                a.mentions
                    .len()
                    .cmp(&b.mentions.len())
                    .then(b.id.cmp(&a.id))
            })
            .map(|e| e.id)
    };
    by(&|e| e.canonical.to_lowercase() == l || e.aliases.iter().any(|a| a.to_lowercase() == l))
        .or_else(|| {
            by(&|e| {
                e.mentions.iter().any(|&m| {
                    entities
                        .mentions
                        .get(m)
                        .is_some_and(|m| m.span.text.to_lowercase() == l)
                })
            })
        })
        .or_else(|| {
            by(&|e| {
                e.etype == EntityType::Person
                    && e.canonical
                        .rsplit(' ')
                        .next()
                        .is_some_and(|s| s.to_lowercase() == l)
            })
        })
        .or_else(|| {
            // a fuller name than the article uses (`Barack Obama` for an article that says
            // `Obama` or `President Obama`): the same surname, and no other first name
            let q: Vec<&str> = l.split_whitespace().collect();
            let (&last, firsts) = q.split_last()?;
            if firsts.is_empty() {
                return None;
            }
            by(&|e| {
                if e.etype != EntityType::Person {
                    return false;
                }
                let c = e.canonical.to_lowercase();
                let cw: Vec<&str> = c.split_whitespace().collect();
                cw.last() == Some(&last)
                    && cw[..cw.len() - 1].iter().all(|w| {
                        firsts.contains(w)
                            || w.ends_with('.')
                            || w.starts_with(|ch: char| !ch.is_alphabetic())
                            || !first_name_like(w)
                    })
            })
        })
}

/// A word that could be a first name (a titled word such as `president` or `sen` is not):
/// the census lists know it.
fn first_name_like(w: &str) -> bool {
    lede_entity::first_name_gender(w).is_some()
}

/// The most mentioned organisation, for a generic noun (`the alliance`) that stands for it.
pub(crate) fn main_org(entities: &EntityOutput, not: Option<usize>) -> Option<usize> {
    entities
        .entities
        .iter()
        .filter(|e| e.etype == EntityType::Org && Some(e.id) != not)
        .max_by(|a, b| {
            a.mentions
                .len()
                .cmp(&b.mentions.len())
                .then(b.id.cmp(&a.id))
        })
        .map(|e| e.id)
}

/// The entity's canonical name, or `raw` when there is no entity or when its canonical name
/// swallowed headline words (a tagger reading `Norland Deserves to Join` as one name).
pub(crate) fn canonical_or(entities: &EntityOutput, e: Option<usize>, raw: &str) -> String {
    e.and_then(|e| entities.entities.get(e))
        .filter(|e| {
            !e.canonical.split_whitespace().any(|w| {
                let w = w.to_lowercase();
                HEADLINE_VERBS.contains(&w.as_str()) || MEMBERSHIP.contains(&w.as_str())
            })
        })
        .map_or_else(|| raw.to_owned(), |e| e.canonical.clone())
}
