//! Targets given by the user (`--target`): a proposition (`X joining Y`, `X joins Y`, `X
//! membership in Y`), an entity of the article, or free text matched by its content words.

use lede_entity::EntityOutput;

use super::{canonical_or, entity_names, proposition, resolve_name, TargetSpec, MEMBERSHIP};
use crate::tokens::{name_words, Words};
use crate::types::{Target, TargetKind, TargetSource};

pub(crate) fn parse_user_target(
    t: &str,
    entities: &EntityOutput,
    _words: &Words,
) -> Option<TargetSpec> {
    let ws: Vec<&str> = t.split_whitespace().collect();
    if let Some(i) = ws
        .iter()
        .position(|w| MEMBERSHIP.contains(&w.to_lowercase().as_str()))
    {
        let skip = ["to", "in", "into", "the", "of", "a", "an"];
        let subject = ws[..i].join(" ");
        let object: Vec<&str> = ws[i + 1..]
            .iter()
            .copied()
            .skip_while(|w| skip.contains(&w.to_lowercase().as_str()))
            .collect();
        if !subject.is_empty() && !object.is_empty() {
            return Some(proposition(
                &subject,
                &object.join(" "),
                entities,
                TargetSource::User,
            ));
        }
    }
    let e = resolve_name(t, entities);
    let looks_like_name = ws.iter().all(|w| w.starts_with(char::is_uppercase));
    if e.is_some() || looks_like_name {
        let mut names = vec![name_words(t)];
        if let Some(e) = e {
            names.extend(entity_names(entities, e));
        }
        names.retain(|n| !n.is_empty());
        return Some(TargetSpec {
            target: Target {
                label: canonical_or(entities, e, t.trim()),
                source: TargetSource::User,
                kind: TargetKind::Entity,
                subject: None,
                action: None,
                object: None,
                entity: e,
                found_in: None,
                aliases: Vec::new(),
            },
            subject: names,
            subject_entity: e,
            object: Vec::new(),
            object_entity: None,
            action: false,
            keywords: Vec::new(),
        });
    }
    let keywords: Vec<String> = crate::words::lower_words(t)
        .into_iter()
        .filter(|w| !crate::words::is_stopword(w))
        .map(|w| crate::words::stem(&w).to_owned())
        .collect();
    if keywords.is_empty() {
        return None;
    }
    Some(TargetSpec {
        target: Target {
            label: t.trim().to_owned(),
            source: TargetSource::User,
            kind: TargetKind::Text,
            subject: None,
            action: None,
            object: None,
            entity: None,
            found_in: None,
            aliases: Vec::new(),
        },
        subject: Vec::new(),
        subject_entity: None,
        object: Vec::new(),
        object_entity: None,
        action: false,
        keywords,
    })
}
