//! In-article linking: mentions of the same entity are clustered (exact and case-insensitive
//! matches, gazetteer alternate names, person-name subsumption, acronyms), each cluster gets a
//! canonical name (the longest full name), a type by vote, an actor flag, and roles from
//! pre-modifiers (`Kremlin spokesman Dmitry Peskov`) and appositions (`Peskov, the Kremlin
//! spokesman,`).

use std::collections::BTreeMap;

use crate::features::lower;
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
            return lower(c);
        }
    }
    lower(&joined)
}

fn acronym(words: &[&str]) -> Option<String> {
    let letters: String = words
        .iter()
        .filter(|w| !STOP.contains(&lower(w).as_str()))
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

/// Longest person name (in tokens) whose suffixes are indexed for linking a fuller name to a
/// partial one; longer mentions are not names.
const MAX_NAME_TOKENS: usize = 8;

/// The mentions already linked, indexed by everything a later mention may match on, so that
/// each mention is linked in time independent of how many came before (a 4 MB document has
/// tens of thousands of mentions). Lists hold `(mention, cluster)` in increasing mention order.
#[derive(Default)]
struct LinkIndex {
    /// Normalised key (gazetteer canonical name or lowercase form) -> first cluster.
    by_key: std::collections::HashMap<String, usize>,
    /// Multi-word persons by their lowercase last word, and by their first word.
    person_last: std::collections::HashMap<String, Vec<(usize, usize)>>,
    person_first: std::collections::HashMap<String, Vec<(usize, usize)>>,
    /// Multi-word names by their acronym (`NATO`).
    acronym: std::collections::HashMap<String, Vec<(usize, usize)>>,
    /// Multi-word organisations by their lowercase head (last) word.
    org_head: std::collections::HashMap<String, Vec<(usize, usize)>>,
    /// Multi-word organisations ending in a legal form, by their lowercase first word.
    company_first: std::collections::HashMap<String, Vec<(usize, usize)>>,
    /// Multi-word persons by their exact tokens (joined with a unit separator) -> first
    /// cluster.
    person_tokens: std::collections::HashMap<String, usize>,
}

/// The entry of `list` nearest to mention `i`: the closest one before it, else the closest
/// after it (as `(distance, cluster)`, distances after `i` ranked behind all before it).
fn nearest(list: &[(usize, usize)], i: usize, before_only: bool) -> Option<(usize, usize)> {
    let p = list.partition_point(|&(j, _)| j < i);
    if p > 0 {
        let (j, c) = list[p - 1];
        return Some((i - j, c));
    }
    if before_only {
        return None;
    }
    list.get(p)
        .filter(|&&(j, _)| j > i)
        .map(|&(j, c)| (j - i + 1_000_000, c))
}

/// Links mentions (in text order) of a document. Time is linear in the number of mentions
/// (each is looked up in [`LinkIndex`], never compared with every earlier one).
pub fn link(
    words: &Words<'_>,
    mentions: &[RawMention],
    gaz: &Gazetteer,
    evidence: &EvidenceFn<'_>,
) -> Linked {
    let all_toks: Vec<Vec<&str>> = mentions
        .iter()
        .map(|m| norm_tokens(&words.sentences[m.sentence][m.tok_start..m.tok_end]))
        .collect();
    let toks = |i: usize| -> &[&str] { &all_toks[i] };
    let mut cluster_of: Vec<usize> = vec![usize::MAX; mentions.len()];
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let keys: Vec<String> = all_toks.iter().map(|t| key_of(t, gaz)).collect();
    let mut ix = LinkIndex::default();
    // Multi-token mentions first, so that a bare surname links to the full name even when
    // it comes first (headlines); then single tokens.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (toks(i).len() < 2, i));
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    for &i in &order {
        lede_core::budget::checkpoint();
        let m = &mentions[i];
        let t = toks(i);
        let mut target = ix.by_key.get(&keys[i]).copied();
        if target.is_none() && t.len() == 1 {
            // the nearest multi-word mention this bare word can stand for
            let w = t[0];
            let lw = lower(w);
            let mut best: Option<(usize, usize)> = None;
            let mut consider = |hit: Option<(usize, usize)>| {
                if let Some(h) = hit {
                    if best.is_none_or(|b| h.0 < b.0) {
                        best = Some(h);
                    }
                }
            };
            // a surname or first name of a person named in full; a bare word that is a
            // known place is a person only when tagged as one
            let per = m.etype == EntityType::Person
                || !(gaz.has(w, Category::Country) || gaz.has(w, Category::City));
            if per {
                for list in [ix.person_last.get(&lw), ix.person_first.get(&lw)]
                    .into_iter()
                    .flatten()
                {
                    consider(nearest(list, i, false));
                }
            }
            // an acronym of a name given in full
            if let Some(list) = is_acronym_form(w).and_then(|a| ix.acronym.get(&a)) {
                consider(nearest(list, i, false));
            }
            if capitalised(w) {
                // `the Commission` after `the European Commission`: the head word of an
                // organisation named before
                if m.etype == EntityType::Org {
                    if let Some(list) = ix.org_head.get(&lw) {
                        consider(nearest(list, i, true));
                    }
                }
                // `Harbor` after `Harbor Logistics Inc.`: the first word of a company named
                // in full with its legal form, whatever the bare word was typed
                if let Some(list) = ix.company_first.get(&lw) {
                    consider(nearest(list, i, false));
                }
            }
            target = best.map(|(_, c)| c);
        }
        if target.is_none() && t.len() >= 2 && m.etype == EntityType::Person {
            // a fuller person name after a partial one (`President Barack Obama` after
            // `Barack Obama`): the earliest cluster holding one of its suffixes
            let n = t.len();
            target = (2..n.min(MAX_NAME_TOKENS + 1))
                .filter_map(|k| ix.person_tokens.get(&t[n - k..].join("\u{1f}")).copied())
                .min();
        }
        let c = target.unwrap_or_else(|| {
            clusters.push(Vec::new());
            clusters.len() - 1
        });
        clusters[c].push(i);
        cluster_of[i] = c;
        ix.by_key.entry(keys[i].clone()).or_insert(c);
        if t.len() >= 2 {
            let entry = (i, c);
            let first = lower(t[0]);
            let last = lower(t[t.len() - 1]);
            if let Some(a) = acronym(t) {
                ix.acronym.entry(a).or_default().push(entry);
            }
            match m.etype {
                EntityType::Person => {
                    ix.person_last.entry(last).or_default().push(entry);
                    ix.person_first.entry(first).or_default().push(entry);
                    if t.len() <= MAX_NAME_TOKENS {
                        ix.person_tokens.entry(t.join("\u{1f}")).or_insert(c);
                    }
                }
                EntityType::Org => {
                    if crate::is_company_suffix(t[t.len() - 1]) {
                        ix.company_first.entry(first).or_default().push(entry);
                    }
                    ix.org_head.entry(last).or_default().push(entry);
                }
                _ => {}
            }
        }
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
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for &i in members {
            let m = &mentions[i];
            let t = toks(i);
            let text = detokenize(t);
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
            if seen.insert(text.clone()) {
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
    // roles of persons; the first mention ending or starting at each token, and the first
    // entity of each lowercase canonical name, looked up rather than searched for
    let mut ending_at: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    let mut starting_at: std::collections::HashMap<(usize, usize), usize> =
        std::collections::HashMap::new();
    for (o, m) in mentions.iter().enumerate() {
        ending_at.entry((m.sentence, m.tok_end)).or_insert(o);
        starting_at.entry((m.sentence, m.tok_start)).or_insert(o);
    }
    let mut by_canonical = ByCanonical::new();
    for e in &entities {
        by_canonical.entry(lower(&e.canonical)).or_insert(e.id);
    }
    for (i, m) in mentions.iter().enumerate() {
        if mention_type[i] != EntityType::Person {
            continue;
        }
        let sent = &words.sentences[m.sentence];
        let mention_ending_at = |end: usize| -> Option<(usize, usize)> {
            ending_at
                .get(&(m.sentence, end))
                .map(|&o| (o, mentions[o].tok_start))
        };
        let mention_starting_at =
            |start: usize| -> Option<usize> { starting_at.get(&(m.sentence, start)).copied() };
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
                &by_canonical,
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
                .is_some_and(|w| matches!(lower(w).as_str(), "the" | "a" | "an"))
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
                aff = demonym_affiliation(country, &by_canonical);
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

/// The country a demonym points at, with its entity when the article names it.
fn demonym_affiliation(
    country: &str,
    by_canonical: &ByCanonical,
) -> (Option<String>, Option<usize>) {
    let e = by_canonical.get(&lower(country)).copied();
    (Some(country.to_owned()), e)
}

/// Entities by lowercase canonical name (the first of each).
type ByCanonical = std::collections::HashMap<String, usize>;

/// The longest title phrase (up to 3 tokens) ending just before token `end`.
fn title_ending_at(sent: &[&str], end: usize, gaz: &Gazetteer) -> Option<(usize, String)> {
    for len in (1..=3usize).rev() {
        if end < len {
            continue;
        }
        let phrase: Vec<String> = sent[end - len..end].iter().map(|w| lower(w)).collect();
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
        let phrase: Vec<String> = sent[start..start + len].iter().map(|w| lower(w)).collect();
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
    by_canonical: &ByCanonical,
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
            let (a, ae) = demonym_affiliation(country, by_canonical);
            return (start, a, ae);
        }
        return (start, Some(ent.canonical.clone()), Some(e));
    }
    if let Some(country) = gaz.canonical(sent[end - 1], Category::Demonym) {
        let (a, ae) = demonym_affiliation(country, by_canonical);
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
