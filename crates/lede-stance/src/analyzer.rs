//! The `stance` analyser: targets, actors, evidence units and their polarity.
//!
//! 1. Targets: user targets (`--target`), then a proposition detected in the headline (or the
//!    lead): a membership frame `X joins/belongs in/deserves to join Y` becomes `X joining Y`,
//!    with X and Y resolved to the entity analyser's canonical names.
//! 2. Evidence units: the parts of quotations whose speaker the quote analyser resolved, and
//!    reported speech or acts found here (`ACTOR said/repeated/urged ...`, `..., says ACTOR`).
//!    The writer's own sentences are never units: only actors' positions count.
//! 3. A unit is about a target when it names at least two of the target's parts (subject,
//!    action, object; the actor's own affiliation counts, as in `NATO chief ... said Ukraine
//!    ...`), or the target entity for entity targets.
//! 4. Polarity: lexicon cues in the unit, turned around by a negator just before them (`not`,
//!    `no`), and by flipping frames (`preventing X from joining Y` is against `X joining Y`);
//!    a negated action (`will not join`, `no pathway to membership`) counts against.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use lede_core::{AnalyzeError, Analyzer, Context, Document, Output, Span, TokenKind};
use lede_entity::{EntityOutput, EntityType};
use lede_quote::{QuoteKind, QuoteOutput};

use crate::fnc::FncModel;
use crate::lexicon::{Cue, Lexicon, LexiconError};
use crate::types::{
    CueHit, Evidence, EvidenceKind, HeadlineStance, Stance, StanceOutput, StanceRecord, Target,
    TargetKind, TargetSource,
};

/// The analyser's name in pipelines and output.
pub const NAME: &str = "stance";

/// Options of the stance analyser (`--target`, `--headline`, `--lexicon`).
#[derive(Debug, Clone, Default)]
pub struct StanceOptions {
    /// Targets given by the user: a proposition (`Ukraine joining NATO`), an entity (`NATO`)
    /// or free text.
    pub targets: Vec<String>,
    /// A headline to classify every article against (FNC-1: agree, disagree, discuss,
    /// unrelated).
    pub headline: Option<String>,
    /// A user lexicon added to the built-in one.
    pub lexicon: Option<PathBuf>,
    /// Only the user's targets: no target detection from the headline.
    pub only_user_targets: bool,
}

/// The stance analyser.
#[derive(Debug, Clone)]
pub struct StanceAnalyzer {
    only_user_targets: bool,
    targets: Vec<String>,
    headline: Option<String>,
    lexicon: Arc<Lexicon>,
}

impl Default for StanceAnalyzer {
    fn default() -> Self {
        Self {
            only_user_targets: false,
            targets: Vec::new(),
            headline: None,
            lexicon: Arc::new(Lexicon::builtin().clone()),
        }
    }
}

impl StanceAnalyzer {
    pub fn new(opts: &StanceOptions) -> Result<Self, LexiconError> {
        let lexicon = match &opts.lexicon {
            Some(p) => Lexicon::with_file(p)?,
            None => Lexicon::builtin().clone(),
        };
        // a `headline: ...` target asks for the FNC-1 headline mode
        let mut headline = opts.headline.clone();
        let mut targets = Vec::new();
        for t in &opts.targets {
            match t.split_once(':') {
                Some((k, rest)) if k.trim().eq_ignore_ascii_case("headline") => {
                    headline = Some(rest.trim().to_owned());
                }
                _ => targets.push(t.clone()),
            }
        }
        Ok(Self {
            only_user_targets: opts.only_user_targets,
            targets,
            headline,
            lexicon: Arc::new(lexicon),
        })
    }

    /// Analyses a document given the entity and quote outputs (for library users who run
    /// them themselves).
    pub fn analyze_with(
        &self,
        doc: &Document,
        entities: &EntityOutput,
        quotes: &QuoteOutput,
    ) -> StanceOutput {
        let mut out = StanceOutput::default();
        if let Some(h) = &self.headline {
            match FncModel::builtin() {
                Ok(m) => {
                    let body = body_text(doc);
                    let p = m.predict(h, body);
                    out.headline = Some(HeadlineStance {
                        headline: h.clone(),
                        label: p.label,
                        probabilities: p
                            .probabilities
                            .into_iter()
                            .map(|(k, v)| (k, (f64::from(v) * 1000.0).round() / 1000.0))
                            .collect(),
                    });
                }
                Err(e) => out.diagnostics.push(e.to_string()),
            }
        }
        let words = Words::new(doc, entities);
        let mut specs = Vec::new();
        for t in &self.targets {
            match parse_user_target(t, entities, &words) {
                Some(s) => specs.push(s),
                None => out
                    .diagnostics
                    .push(format!("target {t:?} has no content word")),
            }
        }
        let detected = if self.only_user_targets {
            Vec::new()
        } else {
            match detect_headline_target(doc, entities, &words) {
                Some(s) => vec![s],
                None => headline_entity_targets(doc, entities, &words),
            }
        };
        for s in detected {
            if !specs.iter().any(|x| x.target.label == s.target.label) {
                specs.push(s);
            }
        }
        if specs.is_empty() {
            return out;
        }
        let units = evidence_units(doc, entities, quotes, &words);
        // (target, actor key) -> record
        let mut records: BTreeMap<(usize, String), StanceRecord> = BTreeMap::new();
        for (ti, spec) in specs.iter().enumerate() {
            let flags = spec.flags(&words, entities);
            for u in &units {
                if !spec.is_about(u, &flags, entities) {
                    continue;
                }
                let (score, cues) = score_unit(u, &words, &flags, &self.lexicon, doc.text());
                let key = (ti, u.actor_key());
                let rec = records.entry(key).or_insert_with(|| StanceRecord {
                    actor: u.actor.clone(),
                    actor_entity: u.actor_entity,
                    actor_aliases: u
                        .actor_entity
                        .and_then(|e| entities.entities.get(e))
                        .filter(|e| e.canonical == u.actor)
                        .map(|e| e.aliases.clone())
                        .unwrap_or_default(),
                    target: ti,
                    target_label: spec.target.label.clone(),
                    stance: Stance::Neutral,
                    score: 0.0,
                    evidence: Vec::new(),
                });
                rec.evidence.push(Evidence {
                    kind: u.kind,
                    quoted: u.quoted,
                    span: u.span.with_text(doc.text()),
                    score: round2(score),
                    cues,
                });
            }
        }
        let mut stances: Vec<StanceRecord> = records
            .into_values()
            .map(|mut r| {
                r.evidence.sort_by_key(|e| (e.span.start, e.span.end));
                let raw: f64 = r.evidence.iter().map(|e| e.score).sum();
                let norm = raw / (raw * raw + 4.0).sqrt();
                r.score = (norm * 1000.0).round() / 1000.0 + 0.0;
                r.stance = if norm >= 0.4 {
                    Stance::Favor
                } else if norm <= -0.4 {
                    Stance::Against
                } else {
                    Stance::Neutral
                };
                r
            })
            .collect();
        stances.sort_by_key(|r| {
            (
                r.target,
                r.evidence.first().map_or(0, |e| e.span.start),
                r.actor.clone(),
            )
        });
        out.targets = specs
            .into_iter()
            .map(|mut s| {
                if s.target.kind == TargetKind::Entity {
                    if let Some(e) = s.target.entity.and_then(|e| entities.entities.get(e)) {
                        s.target.aliases.clone_from(&e.aliases);
                    }
                }
                s.target
            })
            .collect();
        out.stances = stances;
        out
    }
}

impl Analyzer for StanceAnalyzer {
    fn name(&self) -> &'static str {
        NAME
    }

    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    fn requires(&self) -> Vec<String> {
        vec![lede_entity::NAME.to_owned(), lede_quote::NAME.to_owned()]
    }

    fn description(&self) -> &'static str {
        "stance (FAVOR/AGAINST/NEUTRAL) of actors toward targets, with evidence and cues"
    }

    fn analyze(&self, doc: &Document, ctx: &Context) -> Result<Output, AnalyzeError> {
        let entities = ctx.require::<EntityOutput>(lede_entity::NAME)?;
        let quotes = ctx.require::<QuoteOutput>(lede_quote::NAME)?;
        Ok(Arc::new(self.analyze_with(doc, entities, quotes)))
    }
}

/// The text after the headline line (the whole text when there is none).
fn body_text(doc: &Document) -> &str {
    match doc.metadata.headline_span() {
        Some(h) => doc.text().get(h.end..).unwrap_or(""),
        None => doc.text(),
    }
}

// ---------------------------------------------------------------------------------------------
// Words

/// Lowercase forms of the document's tokens (punctuation kept as is), with the entity
/// mention covering each token.
struct Words {
    lower: Vec<String>,
    spans: Vec<Span>,
    kinds: Vec<TokenKind>,
    /// Uppercase first letter.
    capital: Vec<bool>,
    /// Inside an entity mention.
    in_mention: Vec<bool>,
    /// Inside the headline.
    headline: Vec<bool>,
    /// First token of a sentence.
    sentence_start: Vec<bool>,
}

impl Words {
    fn new(doc: &Document, entities: &EntityOutput) -> Self {
        let layers = doc.layers();
        let text = doc.text();
        let n = layers.tokens.len();
        let mut lower = Vec::with_capacity(n);
        let mut spans = Vec::with_capacity(n);
        let mut kinds = Vec::with_capacity(n);
        let mut capital = Vec::with_capacity(n);
        for t in &layers.tokens {
            let s = t.span.slice(text);
            let mut l = String::with_capacity(s.len());
            for c in s.chars() {
                if c == '’' || c == '‘' {
                    l.push('\'');
                } else {
                    l.extend(c.to_lowercase());
                }
            }
            lower.push(l);
            spans.push(t.span);
            kinds.push(t.kind);
            capital.push(s.starts_with(char::is_uppercase));
        }
        let mut in_mention = vec![false; n];
        for m in &entities.mentions {
            let a = spans.partition_point(|s: &Span| s.end <= m.span.start);
            let b = spans.partition_point(|s: &Span| s.start < m.span.end);
            for f in in_mention.iter_mut().take(b).skip(a) {
                *f = true;
            }
        }
        let headline = spans
            .iter()
            .map(|s| doc.metadata.headline_span().is_some_and(|h| h.contains(*s)))
            .collect();
        let mut sentence_start = vec![false; n];
        for s in &layers.sentences {
            if let Some(f) = sentence_start.get_mut(s.first_token) {
                *f = true;
            }
        }
        Self {
            lower,
            spans,
            kinds,
            capital,
            in_mention,
            headline,
            sentence_start,
        }
    }

    /// Token index range covered by a byte span.
    fn range(&self, span: Span) -> (usize, usize) {
        let a = self.spans.partition_point(|s| s.end <= span.start);
        let b = self.spans.partition_point(|s| s.start < span.end);
        (a, b.max(a))
    }

    fn is_punct(&self, i: usize) -> bool {
        matches!(self.kinds[i], TokenKind::Punct | TokenKind::Quote)
    }

    /// Marks every occurrence of the word sequence `name` (lowercase words). A name matches
    /// only where it is capitalised (the alias `IS` is not the verb `is`), except a generic
    /// noun standing for an organisation (`the alliance`).
    fn mark(&self, name: &[String], flags: &mut [u8], bit: u8) {
        if name.is_empty() {
            return;
        }
        let generic = name.len() == 1 && GENERIC_ORG.contains(&name[0].as_str());
        for i in 0..self.lower.len().saturating_sub(name.len() - 1) {
            if (generic || self.capital[i])
                && name.iter().zip(&self.lower[i..]).all(|(a, b)| a == b)
            {
                for f in &mut flags[i..i + name.len()] {
                    *f |= bit;
                }
            }
        }
    }
}

fn name_words(s: &str) -> Vec<String> {
    crate::words::lower_words(s)
        .into_iter()
        .flat_map(|w| {
            // match core tokens, which split the possessive clitic off
            match w.strip_suffix("'s") {
                Some(base) => vec![base.to_owned(), "'s".to_owned()],
                None => vec![w],
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Targets

const SUBJECT: u8 = 1;
const OBJECT: u8 = 2;
const ACTION: u8 = 4;
const ENTITY: u8 = 8;

/// Words of the membership frame `X joining Y`.
const MEMBERSHIP: &[&str] = &[
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
const HEADLINE_VERBS: &[&str] = &[
    "deserves", "deserve", "must", "should", "will", "could", "can", "may", "might", "set",
    "wants", "want", "seeks", "seek", "hopes", "hope", "plans", "plan", "bids", "bid", "aims",
    "vows", "says", "say", "to", "not", "never", "soon", "one", "day", "eyes", "pushes",
];

/// Nouns for the request to join, part of the action in the body (`would not block the
/// application`) but too vague to detect a membership frame in a headline.
const MEMBERSHIP_BID: &[&str] = &["application", "bid", "candidacy", "enlargement"];

/// Generic nouns that stand for an organisation named elsewhere in the article.
const GENERIC_ORG: &[&str] = &[
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
struct TargetSpec {
    target: Target,
    subject: Vec<Vec<String>>,
    subject_entity: Option<usize>,
    object: Vec<Vec<String>>,
    object_entity: Option<usize>,
    action: bool,
    /// Content words of a text target.
    keywords: Vec<String>,
}

impl TargetSpec {
    fn flags(&self, words: &Words, entities: &EntityOutput) -> Vec<u8> {
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

    fn is_about(&self, u: &Unit, flags: &[u8], entities: &EntityOutput) -> bool {
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

fn entity_names(entities: &EntityOutput, e: usize) -> Vec<Vec<String>> {
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
fn demonym(name: &str) -> Option<String> {
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
fn resolve_name(name: &str, entities: &EntityOutput) -> Option<usize> {
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
}

/// The most mentioned organisation, for a generic noun (`the alliance`) that stands for it.
fn main_org(entities: &EntityOutput, not: Option<usize>) -> Option<usize> {
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
fn canonical_or(entities: &EntityOutput, e: Option<usize>, raw: &str) -> String {
    e.and_then(|e| entities.entities.get(e))
        .filter(|e| {
            !e.canonical.split_whitespace().any(|w| {
                let w = w.to_lowercase();
                HEADLINE_VERBS.contains(&w.as_str()) || MEMBERSHIP.contains(&w.as_str())
            })
        })
        .map_or_else(|| raw.to_owned(), |e| e.canonical.clone())
}

/// Builds a proposition `subject joining object` from two names.
fn proposition(
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

fn parse_user_target(t: &str, entities: &EntityOutput, _words: &Words) -> Option<TargetSpec> {
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

/// Without a proposition, the organisations and people the headline names are the targets
/// (at most two; not one that the headline quotes: `..., Says Minister Berg`).
fn headline_entity_targets(
    doc: &Document,
    entities: &EntityOutput,
    words: &Words,
) -> Vec<TargetSpec> {
    let Some(h) = doc.metadata.headline_span() else {
        return Vec::new();
    };
    let (a, b) = words.range(h);
    let said_from = (a..b)
        .find(|&i| SPEECH_VERBS.contains(&words.lower[i].as_str()))
        .map_or(usize::MAX, |i| words.spans[i].start);
    let mut out: Vec<TargetSpec> = Vec::new();
    for m in &entities.mentions {
        if !h.contains(m.span.span()) || m.span.start > said_from {
            continue;
        }
        if !matches!(m.etype, EntityType::Org | EntityType::Person) {
            continue;
        }
        let Some(e) = entities.entities.get(m.entity) else {
            continue;
        };
        // an entity the body names too: taggers misread title-case headlines
        // (`Supreme Court Blocks State Law`), and what the body never names has no evidence
        let in_body = e.mentions.iter().any(|&k| {
            entities
                .mentions
                .get(k)
                .is_some_and(|x| !h.overlaps(x.span.span()))
        });
        if !in_body || out.iter().any(|t| t.subject_entity == Some(e.id)) {
            continue;
        }
        let mut names = entity_names(entities, e.id);
        names.push(name_words(&m.span.text));
        names.retain(|n| !n.is_empty());
        out.push(TargetSpec {
            target: Target {
                label: e.canonical.clone(),
                source: TargetSource::Headline,
                kind: TargetKind::Entity,
                subject: None,
                action: None,
                object: None,
                entity: Some(e.id),
                found_in: Some(h.with_text(doc.text())),
                aliases: Vec::new(),
            },
            subject: names,
            subject_entity: Some(e.id),
            object: Vec::new(),
            object_entity: None,
            action: false,
            keywords: Vec::new(),
        });
        if out.len() == 2 {
            break;
        }
    }
    out
}

/// A membership proposition in the headline, or else in the lead sentence.
// token-index arithmetic: a/b bound a range, i/j/s/o index tokens
#[allow(clippy::many_single_char_names)]
fn detect_headline_target(
    doc: &Document,
    entities: &EntityOutput,
    words: &Words,
) -> Option<TargetSpec> {
    let layers = doc.layers();
    let mut candidates: Vec<Span> = Vec::new();
    if let Some(h) = doc.metadata.headline_span() {
        candidates.push(h);
    }
    if let Some(lead) = layers.sentences.iter().find(|s| {
        doc.metadata
            .headline_span()
            .is_none_or(|h| !s.span.overlaps(h))
            && s.tokens().len() > 6
    }) {
        candidates.push(lead.span);
    }
    for span in candidates {
        let (a, b) = words.range(span);
        let Some(i) = (a..b).find(|&i| MEMBERSHIP.contains(&words.lower[i].as_str())) else {
            continue;
        };
        // subject: the nearest capitalised word before the frame that is not a title-case
        // verb (`Finland Deserves to Join`); taggers often swallow such verbs into a name, so
        // the word is resolved against the entities afterwards
        let Some(s) = (a..i).rev().find(|&j| {
            words.capital[j]
                && words.kinds[j] == TokenKind::Word
                && !crate::words::is_stopword(&words.lower[j])
                && !HEADLINE_VERBS.contains(&words.lower[j].as_str())
        }) else {
            continue;
        };
        let text = doc.text();
        let mut subject = words.spans[s].slice(text).to_owned();
        if s > a {
            let two = Span::new(words.spans[s - 1].start, words.spans[s].end).slice(text);
            if resolve_name(two, entities).is_some() {
                two.clone_into(&mut subject);
            }
        }
        // object: the first name or generic organisation noun after it
        let skip = [
            "to", "in", "into", "the", "of", "a", "an", "join", "joining", "its", "their",
            "military", "western",
        ];
        let Some(o) = (i + 1..b).find(|&j| {
            words.kinds[j] == TokenKind::Word
                && !skip.contains(&words.lower[j].as_str())
                && (words.capital[j] || GENERIC_ORG.contains(&words.lower[j].as_str()))
        }) else {
            continue;
        };
        // the capitalised run from there (`Trade Bloc`, `European Union`), up to four words:
        // its longest start that names an entity, else through a generic noun (`Alliance`
        // in `Alliance One Day`), else its first word
        let mut e = o + 1;
        while e < b && e < o + 4 && words.capital[e] && words.kinds[e] == TokenKind::Word {
            e += 1;
        }
        let run = |end: usize| {
            Span::new(words.spans[o].start, words.spans[end - 1].end)
                .slice(text)
                .to_owned()
        };
        // an entity the body names too beats one a tagger made of headline words
        // (`Alliance One Day`)
        let names_entity = |k: usize, min_mentions: usize| {
            resolve_name(&run(k), entities)
                .and_then(|id| entities.entities.get(id))
                .is_some_and(|ent| ent.mentions.len() >= min_mentions)
        };
        let end = (o + 1..=e)
            .rev()
            .find(|&k| names_entity(k, 2))
            .or_else(|| {
                (o..e)
                    .find(|&k| GENERIC_ORG.contains(&words.lower[k].as_str()))
                    .map(|k| k + 1)
            })
            .or_else(|| (o + 1..=e).rev().find(|&k| names_entity(k, 1)))
            .unwrap_or(o + 1);
        let object = run(end);
        let mut spec = proposition(&subject, &object, entities, TargetSource::Headline);
        spec.target.found_in = Some(span.with_text(text));
        return Some(spec);
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Evidence units

/// Verbs that introduce an actor's speech or stance-taking act.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "declared",
    "declares",
    "repeated",
    "repeats",
    "reiterated",
    "argued",
    "argues",
    "arguing",
    "insisted",
    "insists",
    "stressed",
    "warned",
    "warns",
    "pledged",
    "pledges",
    "urged",
    "urges",
    "vowed",
    "vows",
    "promised",
    "announced",
    "added",
    "claimed",
    "claims",
    "maintained",
    "wrote",
    "tweeted",
    "stated",
    "affirmed",
    "demanded",
    "rejected",
    "rejects",
    "denied",
    "denies",
    "opposed",
    "opposes",
    "supported",
    "supports",
    "backed",
    "backs",
    "welcomed",
    "welcomes",
    "condemned",
    "condemns",
    "criticized",
    "criticised",
    "called",
    "calls",
];

/// Plural nouns that make a group of an organisation: `NATO leaders`.
const GROUP_NOUNS: &[&str] = &[
    "leaders",
    "officials",
    "members",
    "ministers",
    "diplomats",
    "lawmakers",
    "governments",
    "allies",
    "spokesmen",
    "commanders",
    "generals",
];

#[derive(Debug, Clone)]
struct Unit<'w> {
    kind: EvidenceKind,
    actor: String,
    actor_entity: Option<usize>,
    span: Span,
    toks: (usize, usize),
    /// Tokens just before the actor's mention (its title: `NATO chief`, `Ukrainian President`).
    actor_context: (usize, usize),
    /// The reporting sentence: what the unit is about may be named there (`urged NATO's
    /// chief ... to push for more`).
    context: (usize, usize),
    /// The actor's own words in quotation marks.
    quoted: bool,
    lower: &'w [String],
}

impl Unit<'_> {
    fn actor_key(&self) -> String {
        // a group (`NATO leaders`) is another actor than its organisation (`NATO`)
        match self.actor_entity {
            Some(e) => format!("e{e:08}:{}", self.actor),
            None => format!("n:{}", self.actor),
        }
    }

    fn words(&self, a: usize, b: usize) -> impl Iterator<Item = &str> {
        self.lower[a..b].iter().map(String::as_str)
    }
}

/// The actor named by a source mention: a group (`NATO leaders`) when a plural noun follows
/// the organisation's name, else the entity's canonical name.
fn actor_from_mention(
    m_end_tok: usize,
    ent: &lede_entity::Entity,
    words: &Words,
    text: &str,
    mention_span: Span,
) -> (String, Span) {
    if let Some(next) = words.lower.get(m_end_tok) {
        if ent.etype != EntityType::Person && GROUP_NOUNS.contains(&next.as_str()) {
            let name = format!(
                "{} {}",
                mention_span
                    .slice(text)
                    .trim_start_matches("the ")
                    .trim_start_matches("The "),
                words.spans[m_end_tok].slice(text)
            );
            return (
                name,
                Span::new(mention_span.start, words.spans[m_end_tok].end),
            );
        }
    }
    (ent.canonical.clone(), mention_span)
}

fn evidence_units<'w>(
    doc: &Document,
    entities: &EntityOutput,
    quotes: &QuoteOutput,
    words: &'w Words,
) -> Vec<Unit<'w>> {
    let text = doc.text();
    let layers = doc.layers();
    let mut units = Vec::new();
    let mut covered: Vec<Span> = Vec::new();
    for q in &quotes.quotations {
        if q.kind == QuoteKind::Term {
            continue;
        }
        // an unresolved speaker leaves the sentence to the reported-speech rules below
        let Some(sp) = &q.speaker else { continue };
        let (actor, actor_context) = match &q.source {
            Some(src) => {
                let (a, b) = words.range(src.span());
                let group = words.lower[a..b]
                    .last()
                    .is_some_and(|w| GROUP_NOUNS.contains(&w.as_str()))
                    && sp.etype != EntityType::Person;
                let name = if group {
                    src.text
                        .trim_start_matches("the ")
                        .trim_start_matches("The ")
                        .to_owned()
                } else {
                    sp.name.clone()
                };
                (name, (a.saturating_sub(3), b))
            }
            None => (sp.name.clone(), (0, 0)),
        };
        if let Some(c) = &q.cue {
            covered.push(c.span());
        }
        let context = q
            .cue
            .as_ref()
            .and_then(|c| layers.sentence_at(c.start))
            .map_or((0, 0), |si| {
                let s = &layers.sentences[si];
                (s.first_token, s.end_token.min(words.lower.len()))
            });
        for p in &q.parts {
            covered.push(p.span());
            let (a, mut b) = words.range(p.span());
            let mut span = p.span();
            if q.kind == QuoteKind::Indirect {
                // the writer's aside after a dash or `though` is not the speaker's
                if let Some(j) = (a + 1..b).find(|&j| {
                    matches!(
                        words.lower[j].as_str(),
                        "—" | "–" | ";" | "though" | "although" | "whereas"
                    )
                }) {
                    b = j;
                    while b > a + 1 && words.is_punct(b - 1) {
                        b -= 1;
                    }
                    span = Span::new(span.start, words.spans[b - 1].end);
                }
            }
            if b <= a {
                continue;
            }
            units.push(Unit {
                kind: EvidenceKind::Quote,
                actor: actor.clone(),
                actor_entity: Some(sp.entity),
                span,
                toks: (a, b),
                actor_context,
                context,
                quoted: matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial),
                lower: &words.lower,
            });
        }
    }
    // token -> mention index
    let mut mention_at: Vec<Option<usize>> = vec![None; words.lower.len()];
    for (mi, m) in entities.mentions.iter().enumerate() {
        let (a, b) = words.range(m.span.span());
        for slot in &mut mention_at[a..b] {
            *slot = Some(mi);
        }
    }
    for s in &doc.layers().sentences {
        let (sa, sb) = (s.first_token, s.end_token.min(words.lower.len()));
        for i in sa..sb {
            if !SPEECH_VERBS.contains(&words.lower[i].as_str()) {
                continue;
            }
            if covered.iter().any(|c| c.overlaps(words.spans[i])) {
                continue;
            }
            if let Some(mut u) = reported_unit(i, sa, sb, words, &mention_at, entities, text) {
                // a quotation inside the clause is its own unit: the clause stops before it
                // (`said it will try to prevent X from joining Y, arguing that ...`)
                if let Some(cut) = covered
                    .iter()
                    .filter(|c| c.overlaps(u.span) && c.start > u.span.start)
                    .map(|c| c.start)
                    .min()
                {
                    let mut end = words.range(Span::new(u.span.start, cut)).1;
                    while end > u.toks.0 + 1 && words.is_punct(end - 1) {
                        end -= 1;
                    }
                    if end <= u.toks.0 + 1 {
                        continue;
                    }
                    u.toks.1 = end;
                    u.span = Span::new(u.span.start, words.spans[end - 1].end);
                }
                if covered.iter().any(|c| c.overlaps(u.span)) {
                    continue;
                }
                units.push(u);
            }
        }
    }
    units.sort_by_key(|u| (u.span.start, u.span.end));
    units
}

/// A reported-speech unit around the speech verb at token `i` of the sentence `[sa, sb)`.
fn reported_unit<'w>(
    i: usize,
    sa: usize,
    sb: usize,
    words: &'w Words,
    mention_at: &[Option<usize>],
    entities: &EntityOutput,
    text: &str,
) -> Option<Unit<'w>> {
    let mention_span = |mi: usize| -> Option<(Span, usize, usize)> {
        let m = entities.mentions.get(mi)?;
        let (a, b) = words.range(m.span.span());
        Some((m.span.span(), a, b))
    };
    // inverted attribution: `..., says NATO Chief Stoltenberg`
    if i > sa && matches!(words.lower[i - 1].as_str(), "," | "\u{201d}" | "\"") {
        let mut last = None;
        let mut j = i + 1;
        while j < sb && j <= i + 5 && words.kinds[j] == TokenKind::Word {
            if let Some(mi) = mention_at[j] {
                last = Some(mi);
            }
            j += 1;
        }
        if let Some(mi) = last {
            let m = &entities.mentions[mi];
            let ent = entities.entities.get(m.entity)?;
            let (ms, ma, _) = mention_span(mi)?;
            let end = words.spans[i - 1].start;
            let start = words.spans[sa].start;
            if end <= start {
                return None;
            }
            return Some(Unit {
                kind: EvidenceKind::Reported,
                actor: ent.canonical.clone(),
                actor_entity: Some(m.entity),
                span: Span::new(start, end),
                toks: (sa, i - 1),
                actor_context: (i + 1, ma.max(i + 1)),
                context: (sa, sb),
                quoted: false,
                lower: &words.lower,
            })
            .filter(|_| ms.end > start);
        }
        return None;
    }
    // normal order: the nearest mention before the verb, within 15 tokens, with no other
    // speech verb between
    let lo = i.saturating_sub(15).max(sa);
    // objects of prepositions are not subjects (`The Teamsters local in Columbus warned`,
    // `support from NATO's members`): look further back past them
    let mut subj = None;
    let mut j = i;
    while j > lo {
        j -= 1;
        if SPEECH_VERBS.contains(&words.lower[j].as_str()) {
            break;
        }
        let Some(mi) = mention_at[j] else { continue };
        let (_, ma, _) = mention_span(mi)?;
        let after_prep = ma > sa
            && matches!(
                words.lower[ma - 1].as_str(),
                "from"
                    | "of"
                    | "by"
                    | "with"
                    | "to"
                    | "for"
                    | "against"
                    | "in"
                    | "at"
                    | "on"
                    | "near"
            );
        if after_prep {
            j = ma.min(j);
            continue;
        }
        subj = Some(mi);
        break;
    }
    let mi = subj?;
    let m = entities.mentions.get(mi)?;
    let ent = entities.entities.get(m.entity)?;
    let (ms, ma, mb) = mention_span(mi)?;
    let (actor, _) = actor_from_mention(mb, ent, words, text, ms);
    // the clause: from the verb to a clause boundary
    let mut end = sb;
    let mut j = i + 1;
    while j < sb {
        let w = words.lower[j].as_str();
        let boundary = matches!(
            w,
            ";" | "—" | "–" | "but" | "though" | "although" | "whereas"
        ) || (w == ","
            && j + 2 < sb
            && words.lower[j + 1] == "and"
            && mention_at[j + 2].is_some())
            || (j > i + 1
                && SPEECH_VERBS.contains(&w)
                && mention_at[j - 1].is_some()
                && mention_at[j - 1] != Some(mi));
        if boundary {
            end = j;
            break;
        }
        j += 1;
    }
    // trailing punctuation out
    while end > i + 1 && words.is_punct(end - 1) {
        end -= 1;
    }
    if end <= i + 1 {
        return None;
    }
    Some(Unit {
        kind: EvidenceKind::Reported,
        actor,
        actor_entity: Some(m.entity),
        span: Span::new(words.spans[i].start, words.spans[end - 1].end),
        toks: (i, end),
        actor_context: (ma.saturating_sub(3).max(sa), ma),
        context: (sa, sb),
        quoted: false,
        lower: &words.lower,
    })
}

// ---------------------------------------------------------------------------------------------
// Polarity

/// VADER's scalar for a negated valence.
const NEGATION_SCALAR: f32 = -0.74;
/// What a flipping frame (`preventing X from joining`) or a negated action contributes.
const FRAME_WEIGHT: f32 = 2.0;

// token-index arithmetic: a/b bound the unit, i/j/n index tokens
#[allow(clippy::many_single_char_names)]
fn score_unit(
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
        let Some((n, cue)) = lex.match_at(&words.lower[..b], i) else {
            // a negated action: `will not join`, `no pathway ... for membership`
            if flags[i] & ACTION != 0 {
                if let Some((ni, nw)) = &last_negator {
                    if i - ni <= 5 {
                        hits.push(CueHit {
                            span: Span::new(words.spans[*ni].start, words.spans[i].end)
                                .with_text(text),
                            weight: f64::from(-FRAME_WEIGHT),
                            flipped_by: Some(nw.clone()),
                        });
                        last_negator = None;
                    }
                }
            }
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

fn round2(v: f64) -> f64 {
    // `+ 0.0` turns -0.0 into 0.0
    (v * 100.0).round() / 100.0 + 0.0
}
