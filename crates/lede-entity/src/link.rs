//! In-article linking: mentions of the same entity are clustered (exact and case-insensitive
//! matches, gazetteer alternate names, person-name subsumption, acronyms), each cluster gets a
//! canonical name (the longest full name), a type by vote, an actor flag, and roles from
//! pre-modifiers (`Kremlin spokesman Dmitry Peskov`) and appositions (`Peskov, the Kremlin
//! spokesman,`).

use std::collections::BTreeMap;

use crate::gazetteer::{Category, Gazetteer};
use crate::types::{Entity, EntityType, Role};

/// A mention as the linker sees it: its tokens and where it stands.
#[derive(Debug, Clone)]
pub struct RawMention {
    pub sentence: usize,
    /// Token range inside the sentence.
    pub tok_start: usize,
    pub tok_end: usize,
    pub etype: EntityType,
}

/// The words of a document, per sentence, with each token's byte span (for role evidence).
pub struct Words<'a> {
    pub sentences: &'a [Vec<&'a str>],
}

/// Joins a mention's tokens as they are written: no space before a clitic or a closing
/// apostrophe (`Farmers' League`, not `Farmers ' League`).
fn detokenize(tokens: &[&str]) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        let attached = matches!(
            *t,
            "'s" | "’s" | "'" | "’" | "n't" | "n’t" | "," | "." | ")"
        ) || tokens.get(i.wrapping_sub(1)).is_some_and(|p| *p == "(");
        if i > 0 && !attached {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

const STOP: &[&str] = &["of", "the", "and", "for", "in", "on", "at", "de", "&"];

fn norm_tokens<'a>(words: &[&'a str]) -> Vec<&'a str> {
    // square brackets mark an editor's insertion (`[Barack] Obama`): not part of the name
    let mut w: Vec<&str> = words
        .iter()
        .copied()
        .filter(|t| !matches!(*t, "[" | "]"))
        .collect();
    if w.is_empty() {
        w = words.to_vec();
    }
    while w.len() > 1 && matches!(w.last(), Some(&("'s" | "’s" | "'" | "’"))) {
        w.pop();
    }
    while w.len() > 1 && w[0].eq_ignore_ascii_case("the") {
        w.remove(0);
    }
    w
}

fn key_of(words: &[&str], gaz: &Gazetteer) -> String {
    let joined = words.join(" ");
    for cat in [Category::Country, Category::City, Category::Org] {
        if let Some(c) = gaz.canonical(&joined, cat) {
            return crate::features::lower(c);
        }
    }
    crate::features::lower(&joined)
}

fn acronym(words: &[&str]) -> Option<String> {
    let letters: String = words
        .iter()
        .filter(|w| !STOP.contains(&crate::features::lower(w).as_str()))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect();
    (letters.chars().count() >= 2 && words.len() >= 2).then_some(letters)
}

fn is_acronym_form(w: &str) -> Option<String> {
    let letters: String = w.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    ((2..=6).contains(&n) && letters.chars().all(char::is_uppercase)).then_some(letters)
}

/// Words after which a place or organisation is acting or speaking.
const ACT_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "announced",
    "announces",
    "warned",
    "warns",
    "accused",
    "accuses",
    "denied",
    "denies",
    "insisted",
    "insists",
    "calls",
    "called",
    "claimed",
    "claims",
    "rejected",
    "rejects",
    "responded",
    "argued",
    "argues",
    "threatened",
    "threatens",
    "demanded",
    "demands",
    "wants",
    "urged",
    "urges",
    "stated",
    "believes",
    "condemned",
    "condemns",
    "welcomed",
    "vowed",
    "pledged",
    "agreed",
    "refused",
    "sent",
    "imposed",
    "sanctioned",
    "launched",
    "declared",
    "hopes",
    "fears",
    "feared",
    "sees",
    "saw",
    "backed",
    "supports",
    "opposes",
    "opposed",
];

/// Result of linking: entities (in order of first mention) and the entity of each mention.
pub struct Linked {
    pub entities: Vec<Entity>,
    pub mention_entity: Vec<usize>,
    /// The type of each mention after the vote (all mentions of an entity share it).
    pub mention_type: Vec<EntityType>,
}

/// A span builder for role evidence: sentence, token range -> `TextSpan`.
pub type EvidenceFn<'a> = dyn Fn(usize, usize, usize) -> lede_core::TextSpan + 'a;

/// Links mentions (in text order) of a document.
pub fn link(
    words: &Words<'_>,
    mentions: &[RawMention],
    gaz: &Gazetteer,
    evidence: &EvidenceFn<'_>,
) -> Linked {
    let toks = |m: &RawMention| -> Vec<&str> {
        norm_tokens(&words.sentences[m.sentence][m.tok_start..m.tok_end])
    };
    let mut cluster_of: Vec<usize> = vec![usize::MAX; mentions.len()];
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let keys: Vec<String> = mentions.iter().map(|m| key_of(&toks(m), gaz)).collect();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    // Multi-token mentions first, so that a bare surname links to the full name even when
    // it comes first (headlines); then single tokens.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (toks(&mentions[i]).len() < 2, i));
    for &i in &order {
        let m = &mentions[i];
        let t = toks(m);
        let mut target = by_key.get(&keys[i]).copied();
        if target.is_none() && t.len() == 1 {
            // a surname or first name of a person named in full, the most recent one
            let w = t[0];
            let lw = crate::features::lower(w);
            let mut best: Option<(usize, usize)> = None;
            for (ci, members) in clusters.iter().enumerate() {
                for &j in members {
                    let mj = &mentions[j];
                    let tj = toks(mj);
                    if tj.len() < 2 {
                        continue;
                    }
                    // a person named in full, and a bare word that is not a known place
                    let per = mj.etype == EntityType::Person
                        && (m.etype == EntityType::Person
                            || !(gaz.has(w, Category::Country) || gaz.has(w, Category::City)));
                    let hit = (per
                        && (crate::features::lower(tj[tj.len() - 1]) == lw
                            || crate::features::lower(tj[0]) == lw))
                        || is_acronym_form(w).is_some_and(|a| acronym(&tj).as_deref() == Some(&a))
                        // `the Commission` after `the European Commission`: the head word of
                        // an organisation named before
                        || (j < i
                            && mj.etype == EntityType::Org
                            && m.etype == EntityType::Org
                            && w.chars().next().is_some_and(char::is_uppercase)
                            && crate::features::lower(tj[tj.len() - 1]) == lw)
                        // `Harbor` after `Harbor Logistics Inc.`: the first word of a
                        // company named in full with its legal form, whatever the bare
                        // word was typed
                        || (mj.etype == EntityType::Org
                            && tj.len() >= 2
                            && crate::is_company_suffix(tj[tj.len() - 1])
                            && w.chars().next().is_some_and(char::is_uppercase)
                            && crate::features::lower(tj[0]) == lw);
                    if hit {
                        let dist = if j < i { i - j } else { j - i + 1_000_000 };
                        if best.is_none_or(|(d, _)| dist < d) {
                            best = Some((dist, ci));
                        }
                    }
                }
            }
            target = best.map(|(_, c)| c);
        }
        if target.is_none() && t.len() >= 2 {
            // a long form after its acronym, or a fuller person name after a partial one
            for (ci, members) in clusters.iter().enumerate() {
                let hit = members.iter().any(|&j| {
                    let tj = toks(&mentions[j]);
                    let mj = &mentions[j];
                    (tj.len() == 1
                        && is_acronym_form(tj[0])
                            .is_some_and(|a| acronym(&t).as_deref() == Some(&a)))
                        || (mj.etype == EntityType::Person
                            && m.etype == EntityType::Person
                            && tj.len() < t.len()
                            && t.ends_with(&tj))
                });
                if hit {
                    target = Some(ci);
                    break;
                }
            }
        }
        let c = target.unwrap_or_else(|| {
            clusters.push(Vec::new());
            clusters.len() - 1
        });
        clusters[c].push(i);
        cluster_of[i] = c;
        by_key.entry(keys[i].clone()).or_insert(c);
    }
    // entities in order of first mention
    for c in &mut clusters {
        c.sort_unstable();
    }
    clusters.retain(|c| !c.is_empty());
    clusters.sort_by_key(|c| c[0]);
    let mut mention_entity = vec![0usize; mentions.len()];
    let mut mention_type = vec![EntityType::Misc; mentions.len()];
    let mut entities = Vec::with_capacity(clusters.len());
    for (id, members) in clusters.iter().enumerate() {
        let mut votes: BTreeMap<EntityType, (usize, usize)> = BTreeMap::new();
        let mut actor = false;
        let mut canonical = String::new();
        let mut canon_len = (0usize, false, 0usize);
        let mut names: Vec<String> = Vec::new();
        for &i in members {
            let m = &mentions[i];
            let t = toks(m);
            let text = detokenize(&t);
            let metonym = gaz.has(&t.join(" "), Category::Actor);
            let ty = if metonym { EntityType::Org } else { m.etype };
            // a legal form (`Inc.`) settles the type as metonyms do
            let legal =
                ty == EntityType::Org && t.len() >= 2 && crate::is_company_suffix(t[t.len() - 1]);
            let e = votes.entry(ty).or_insert((0, usize::MAX - i));
            e.0 += 1 + usize::from(metonym || legal) * 10;
            actor |= metonym;
            if matches!(m.etype, EntityType::Org | EntityType::Loc) {
                let next = words.sentences[m.sentence]
                    .get(m.tok_end)
                    .copied()
                    .unwrap_or("");
                if ACT_VERBS.contains(&next) || m.etype == EntityType::Org {
                    actor = true;
                }
            }
            // the longest name; among names as long, one not in capitals (`Carlsbrook`, not
            // the dateline's `CARLSBROOK`)
            let shouted = text.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !text.chars().any(char::is_lowercase);
            let len = (t.len(), !shouted, text.len());
            if len > canon_len {
                canon_len = len;
                canonical.clone_from(&text);
            }
            if !names.contains(&text) {
                names.push(text);
            }
        }
        let etype = votes
            .iter()
            .max_by_key(|(_, v)| **v)
            .map_or(EntityType::Misc, |(t, _)| *t);
        if etype == EntityType::Person {
            actor = false;
        }
        for &i in members {
            mention_entity[i] = id;
            mention_type[i] = etype;
        }
        let aliases = names.into_iter().filter(|n| *n != canonical).collect();
        entities.push(Entity {
            id,
            canonical,
            etype,
            actor,
            mentions: members.clone(),
            roles: Vec::new(),
            aliases,
        });
    }
    // roles of persons
    for (i, m) in mentions.iter().enumerate() {
        if mention_type[i] != EntityType::Person {
            continue;
        }
        let sent = &words.sentences[m.sentence];
        let mention_ending_at = |end: usize| -> Option<(usize, usize)> {
            mentions
                .iter()
                .position(|o| o.sentence == m.sentence && o.tok_end == end)
                .map(|o| (o, mentions[o].tok_start))
        };
        let mention_starting_at = |start: usize| -> Option<usize> {
            mentions
                .iter()
                .position(|o| o.sentence == m.sentence && o.tok_start == start)
        };
        let mut found: Vec<Role> = Vec::new();
        // pre-modifier: [affiliation] title NAME
        if let Some((ts, role)) = title_ending_at(sent, m.tok_start, gaz) {
            let (aff_start, affiliation, affiliation_entity) = affiliation_before(
                sent,
                ts,
                gaz,
                &mention_ending_at,
                &mention_entity,
                &entities,
            );
            found.push(Role {
                role,
                affiliation,
                affiliation_entity,
                evidence: evidence(m.sentence, aff_start, m.tok_start),
            });
        }
        // apposition: NAME , [the|a] [affiliation['s]] title [of|for|at AFFILIATION] [,]
        if sent.get(m.tok_end) == Some(&",") {
            let mut p = m.tok_end + 1;
            if sent
                .get(p)
                .is_some_and(|w| matches!(crate::features::lower(w).as_str(), "the" | "a" | "an"))
            {
                p += 1;
            }
            let mut aff: (Option<String>, Option<usize>) = (None, None);
            if let Some(o) = mention_starting_at(p) {
                let e = mention_entity[o];
                aff = (Some(entities[e].canonical.clone()), Some(e));
                p = mentions[o].tok_end;
                if sent.get(p).is_some_and(|w| matches!(*w, "'s" | "’s")) {
                    p += 1;
                }
            } else if let Some(country) = sent
                .get(p)
                .and_then(|w| gaz.canonical(w, Category::Demonym))
            {
                aff = demonym_affiliation(country, &entities);
                p += 1;
            }
            if let Some((te, role)) = title_starting_at(sent, p, gaz) {
                let mut end = te;
                if aff.0.is_none()
                    && sent
                        .get(te)
                        .is_some_and(|w| matches!(*w, "of" | "for" | "at"))
                {
                    let mut q = te + 1;
                    if sent.get(q).is_some_and(|w| w.eq_ignore_ascii_case("the")) {
                        q += 1;
                    }
                    if let Some(o) = mention_starting_at(q) {
                        let e = mention_entity[o];
                        aff = (Some(entities[e].canonical.clone()), Some(e));
                        end = mentions[o].tok_end;
                    }
                }
                found.push(Role {
                    role,
                    affiliation: aff.0,
                    affiliation_entity: aff.1,
                    evidence: evidence(m.sentence, m.tok_end, end),
                });
            }
        }
        let e = &mut entities[mention_entity[i]];
        for r in found {
            if !e
                .roles
                .iter()
                .any(|x| x.role == r.role && x.affiliation == r.affiliation)
            {
                e.roles.push(r);
            }
        }
    }
    Linked {
        entities,
        mention_entity,
        mention_type,
    }
}

fn demonym_affiliation(country: &str, entities: &[Entity]) -> (Option<String>, Option<usize>) {
    let lc = crate::features::lower(country);
    let e = entities
        .iter()
        .find(|e| crate::features::lower(&e.canonical) == lc)
        .map(|e| e.id);
    (Some(country.to_owned()), e)
}

/// The longest title phrase (up to 3 tokens) ending just before token `end`.
fn title_ending_at(sent: &[&str], end: usize, gaz: &Gazetteer) -> Option<(usize, String)> {
    for len in (1..=3usize).rev() {
        if end < len {
            continue;
        }
        let phrase: Vec<String> = sent[end - len..end]
            .iter()
            .map(|w| crate::features::lower(w))
            .collect();
        let refs: Vec<&str> = phrase.iter().map(String::as_str).collect();
        if gaz.lookup(&refs) & (1 << Category::Title as u8) != 0 {
            return Some((end - len, phrase.join(" ")));
        }
    }
    None
}

/// The longest title phrase (up to 3 tokens) starting at token `start`.
fn title_starting_at(sent: &[&str], start: usize, gaz: &Gazetteer) -> Option<(usize, String)> {
    for len in (1..=3usize).rev() {
        if start + len > sent.len() {
            continue;
        }
        let phrase: Vec<String> = sent[start..start + len]
            .iter()
            .map(|w| crate::features::lower(w))
            .collect();
        let refs: Vec<&str> = phrase.iter().map(String::as_str).collect();
        if gaz.lookup(&refs) & (1 << Category::Title as u8) != 0 {
            return Some((start + len, phrase.join(" ")));
        }
    }
    None
}

/// The affiliation standing before a title at token `ts`: a mention (possibly with `'s`) or a
/// demonym. Returns where it starts and the affiliation.
fn affiliation_before(
    sent: &[&str],
    ts: usize,
    gaz: &Gazetteer,
    mention_ending_at: &dyn Fn(usize) -> Option<(usize, usize)>,
    mention_entity: &[usize],
    entities: &[Entity],
) -> (usize, Option<String>, Option<usize>) {
    if ts == 0 {
        return (ts, None, None);
    }
    let mut end = ts;
    if matches!(sent[end - 1], "'s" | "’s") {
        end -= 1;
    }
    if let Some((o, start)) = mention_ending_at(end) {
        let e = mention_entity[o];
        let ent = &entities[e];
        // a demonym tagged as a mention (`Ukrainian`) points at its country
        if let Some(country) = gaz.canonical(&sent[start..end].join(" "), Category::Demonym) {
            let (a, ae) = demonym_affiliation(country, entities);
            return (start, a, ae);
        }
        return (start, Some(ent.canonical.clone()), Some(e));
    }
    if let Some(country) = gaz.canonical(sent[end - 1], Category::Demonym) {
        let (a, ae) = demonym_affiliation(country, entities);
        return (end - 1, a, ae);
    }
    (ts, None, None)
}

#[cfg(test)]
mod detokenize_tests {
    #[test]
    fn clitics_and_apostrophes_attach() {
        assert_eq!(
            super::detokenize(&["Farmers", "'", "League"]),
            "Farmers' League"
        );
        assert_eq!(
            super::detokenize(&["Jens", "Stoltenberg"]),
            "Jens Stoltenberg"
        );
        assert_eq!(
            super::detokenize(&["McDonald", "'s", "Corp."]),
            "McDonald's Corp."
        );
    }
}
