//! Targets: what actors take positions on. A target is a proposition (`Ukraine joining NATO`),
//! an entity of the article, or free text given by the user; [`TargetSpec`] holds the names
//! that stand for its parts, marks them in the document ([`TargetSpec::flags`]) and says
//! whether an evidence unit is about it ([`TargetSpec::is_about`]).

mod headline;
mod names;
mod user;

use lede_entity::EntityOutput;

use crate::evidence::Unit;
use crate::tokens::{name_words, Words};
use crate::types::{Target, TargetKind, TargetSource, TargetVia};

pub(crate) use headline::{detect_headline_target, headline_entity_targets, title_entity_targets};
use names::{canonical_or, demonym, entity_names};
pub(crate) use names::{main_org, resolve_name};
pub(crate) use user::parse_user_target;

/// An entity target: the entity `e` of the article, named by its names and aliases and by
/// `extra` (the words a headline used).
pub(crate) fn entity_target(
    entities: &EntityOutput,
    e: usize,
    source: TargetSource,
    extra: &[String],
) -> Option<TargetSpec> {
    let ent = entities.entities.get(e)?;
    let mut names = entity_names(entities, e);
    if !extra.is_empty() {
        names.push(extra.to_vec());
    }
    names.retain(|n| !n.is_empty());
    Some(TargetSpec {
        target: Target {
            label: ent.canonical.clone(),
            source,
            kind: TargetKind::Entity,
            subject: None,
            action: None,
            object: None,
            entity: Some(e),
            found_in: None,
            aliases: Vec::new(),
        },
        subject: names,
        subject_entity: Some(e),
        object: Vec::new(),
        object_entity: None,
        action: false,
        keywords: Vec::new(),
    })
}

pub(crate) const SUBJECT: u8 = 1;
pub(crate) const OBJECT: u8 = 2;
pub(crate) const ACTION: u8 = 4;
pub(crate) const ENTITY: u8 = 8;

/// Words of the membership frame `X joining Y`.
pub(crate) const MEMBERSHIP: &[&str] = &[
    "join",
    "joins",
    "joined",
    "joining",
    "belong",
    "belongs",
    "membership",
    "accession",
    "admission",
    "admit",
    "admitted",
    "member",
    "entry",
];

/// Verbs and modals that title-case headlines capitalise before a membership frame.
pub(crate) const HEADLINE_VERBS: &[&str] = &[
    "deserves", "deserve", "must", "should", "will", "could", "can", "may", "might", "set",
    "wants", "want", "seeks", "seek", "hopes", "hope", "plans", "plan", "bids", "bid", "aims",
    "vows", "says", "say", "to", "not", "never", "soon", "one", "day", "eyes", "pushes",
];

/// Nouns for the request to join, part of the action in the body (`would not block the
/// application`) but too vague to detect a membership frame in a headline.
pub(crate) const MEMBERSHIP_BID: &[&str] = &["application", "bid", "candidacy", "enlargement"];

/// Generic nouns that stand for an organisation named elsewhere in the article.
pub(crate) const GENERIC_ORG: &[&str] = &[
    "alliance",
    "bloc",
    "union",
    "organization",
    "organisation",
    "club",
    "coalition",
    "pact",
    "league",
    "federation",
];

#[derive(Debug, Clone)]
pub(crate) struct TargetSpec {
    pub(crate) target: Target,
    pub(crate) subject: Vec<Vec<String>>,
    pub(crate) subject_entity: Option<usize>,
    pub(crate) object: Vec<Vec<String>>,
    pub(crate) object_entity: Option<usize>,
    pub(crate) action: bool,
    /// Content words of a text target.
    pub(crate) keywords: Vec<String>,
}

impl TargetSpec {
    pub(crate) fn flags(&self, words: &Words, entities: &EntityOutput) -> Vec<u8> {
        let mut flags = vec![0u8; words.lower.len()];
        let mark_entity = |e: Option<usize>, bit: u8, flags: &mut [u8]| {
            let Some(e) = e else { return };
            for m in &entities.mentions {
                if m.entity == e {
                    let (a, b) = words.range(m.span.span());
                    for f in &mut flags[a..b] {
                        *f |= bit;
                    }
                }
            }
        };
        let subject_bit = if self.target.kind == TargetKind::Proposition {
            SUBJECT
        } else {
            ENTITY
        };
        mark_entity(self.subject_entity, subject_bit, &mut flags);
        mark_entity(self.object_entity, OBJECT, &mut flags);
        for n in &self.subject {
            words.mark(n, &mut flags, subject_bit);
        }
        for n in &self.object {
            words.mark(n, &mut flags, OBJECT);
        }
        if self.action {
            for (i, w) in words.lower.iter().enumerate() {
                if MEMBERSHIP.contains(&w.as_str()) || MEMBERSHIP_BID.contains(&w.as_str()) {
                    flags[i] |= ACTION;
                }
            }
        }
        flags
    }

    /// How the unit refers to the target, if it does. Entity targets: by name, by a pronoun
    /// resolved to it, in the reporting sentence outside the actor's words, or as the actor
    /// itself; propositions and free text: as [`TargetSpec::is_about`] says.
    pub(crate) fn via(&self, u: &Unit, flags: &[u8], entities: &EntityOutput) -> Option<TargetVia> {
        if self.target.kind != TargetKind::Entity {
            return self.is_about(u, flags, entities).then_some(TargetVia::Name);
        }
        let e = self.subject_entity;
        if e.is_some() && u.actor_entity == e {
            return Some(TargetVia::Own);
        }
        let (a, b) = u.toks;
        if flags[a..b].iter().any(|f| f & ENTITY != 0) {
            return Some(TargetVia::Name);
        }
        if e.is_some() && u.pronouns.iter().any(|&(_, p)| Some(p) == e) {
            return Some(TargetVia::Pronoun);
        }
        let (ca, cb) = u.context;
        let (xa, xb) = u.actor_context;
        let in_context = (ca..cb.min(flags.len()))
            .any(|i| flags[i] & ENTITY != 0 && !(a..b).contains(&i) && !(xa..xb).contains(&i));
        in_context.then_some(TargetVia::Context)
    }

    pub(crate) fn is_about(&self, u: &Unit, flags: &[u8], entities: &EntityOutput) -> bool {
        let (a, b) = u.toks;
        let mut seen = 0u8;
        for &f in &flags[a..b] {
            seen |= f;
        }
        match self.target.kind {
            TargetKind::Entity => seen & ENTITY != 0 && u.actor_entity != self.subject_entity,
            TargetKind::Text => {
                let (a, b) = u.toks;
                let n = self
                    .keywords
                    .iter()
                    .filter(|k| u.words(a, b).any(|w| w.starts_with(k.as_str())))
                    .count();
                !self.keywords.is_empty() && n * 5 >= self.keywords.len() * 3
            }
            TargetKind::Proposition => {
                // the actor's affiliation, and the reporting sentence, can name a part of the
                // proposition
                for &f in &flags[u.actor_context.0..u.actor_context.1] {
                    seen |= f & (SUBJECT | OBJECT);
                }
                for &f in &flags[u.context.0..u.context.1] {
                    seen |= f & (SUBJECT | OBJECT);
                }
                if let Some(e) = u.actor_entity.and_then(|e| entities.entities.get(e)) {
                    for r in &e.roles {
                        if r.affiliation_entity.is_some()
                            && r.affiliation_entity == self.object_entity
                        {
                            seen |= OBJECT;
                        }
                        if r.affiliation_entity.is_some()
                            && r.affiliation_entity == self.subject_entity
                        {
                            seen |= SUBJECT;
                        }
                    }
                }
                (seen & (SUBJECT | OBJECT | ACTION)).count_ones() >= 2
            }
        }
    }
}

/// Builds a proposition `subject joining object` from two names.
pub(crate) fn proposition(
    subject: &str,
    object: &str,
    entities: &EntityOutput,
    source: TargetSource,
) -> TargetSpec {
    let se = resolve_name(subject, entities);
    let mut oe = resolve_name(object, entities);
    // `Alliance`, `Trade Bloc`: a generic head noun
    let generic = object
        .rsplit(' ')
        .next()
        .is_some_and(|w| GENERIC_ORG.contains(&w.to_lowercase().as_str()));
    // `Alliance` in a headline is the organisation the article names, not an entity `Alliance`
    // (an entity named only once, by the headline's generic words: `Trade Bloc`)
    let named_generic = oe.and_then(|e| entities.entities.get(e)).is_some_and(|e| {
        GENERIC_ORG.contains(&e.canonical.to_lowercase().as_str()) || e.mentions.len() <= 1
    });
    if generic && (oe.is_none() || named_generic) {
        oe = main_org(entities, se).or(oe);
    }
    let s = canonical_or(entities, se, subject);
    let o = canonical_or(entities, oe, object);
    let mut subj_names = vec![name_words(subject)];
    if let Some(e) = se {
        subj_names.extend(entity_names(entities, e));
    } else if let Some(d) = demonym(subject) {
        subj_names.push(vec![d]);
    }
    let mut obj_names = vec![name_words(object)];
    if generic {
        // `the bloc`, `the alliance` in the body
        if let Some(w) = object.rsplit(' ').next() {
            obj_names.push(name_words(w));
        }
    }
    if let Some(e) = oe {
        obj_names.extend(entity_names(entities, e));
    }
    subj_names.retain(|n| !n.is_empty());
    obj_names.retain(|n| !n.is_empty());
    TargetSpec {
        target: Target {
            label: format!("{s} joining {o}"),
            source,
            kind: TargetKind::Proposition,
            subject: Some(s),
            action: Some("join".to_owned()),
            object: Some(o),
            entity: se,
            found_in: None,
            aliases: Vec::new(),
        },
        subject: subj_names,
        subject_entity: se,
        object: obj_names,
        object_entity: oe,
        action: true,
        keywords: Vec::new(),
    }
}
