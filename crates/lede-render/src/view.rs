//! What the renderers show, read from a record's JSON results.
//!
//! Each analyser's output is read into small structs that name only the documented fields the
//! views use, every one optional or defaulted: a field an analyser adds later is ignored, one
//! it drops is left out of the view. An output that cannot be read at all (a changed shape)
//! becomes a note shown on the page, never a failure: the record stays the reference.

use std::collections::BTreeMap;

use lede_core::Record;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

/// The analysers the views know by name; anything else in `results` is shown generically.
pub const KNOWN: [&str; 5] = ["entity", "quote", "stance", "text", "timeline"];

/// A span of the text: half-open byte offsets and the text they cover.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Entity {
    pub id: Option<usize>,
    pub canonical: String,
    /// `PER`, `ORG`, `LOC`, `MISC`, ...
    #[serde(rename = "type")]
    pub ty: String,
    /// Indices into [`Article::mentions`].
    pub mentions: Vec<usize>,
    pub aliases: Vec<String>,
    pub roles: Vec<Role>,
}

impl Entity {
    /// `chief, NATO; spokesman`: the roles as people write them.
    pub fn roles_label(&self) -> String {
        self.roles
            .iter()
            .map(|r| match &r.affiliation {
                Some(a) if !a.is_empty() => format!("{}, {a}", r.role),
                _ => r.role.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Role {
    pub role: String,
    pub affiliation: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub entity: Option<usize>,
    #[serde(rename = "type")]
    pub ty: String,
    /// `name`, or how else the entity is referred to.
    pub kind: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Quotation {
    /// `direct`, `partial`, `indirect`, `term` (see docs/quotes.md).
    pub kind: String,
    pub parts: Vec<Span>,
    pub text: String,
    pub cue: Option<Span>,
    pub source: Option<Span>,
    pub speaker: Option<Speaker>,
    pub confidence: Option<f64>,
}

impl Quotation {
    /// Scare quotes and titles: marked in the text, never attributed.
    pub fn is_term(&self) -> bool {
        self.kind == "term"
    }

    /// Where the quotation's content starts and ends in the text.
    pub fn extent(&self) -> Option<(usize, usize)> {
        let start = self.parts.iter().map(|p| p.start).min()?;
        let end = self.parts.iter().map(|p| p.end).max()?;
        Some((start, end))
    }

    /// The words, parts joined by an ellipsis.
    pub fn words(&self) -> String {
        if self.parts.is_empty() {
            return self.text.clone();
        }
        self.parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" … ")
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Speaker {
    pub entity: Option<usize>,
    pub name: String,
    pub via: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Timeline {
    /// The publication date the values were resolved against.
    pub dct: Option<String>,
    pub note: Option<String>,
    pub timexes: Vec<Timex>,
    /// Dated events, earliest first.
    pub timeline: Vec<Dated>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Timex {
    pub id: String,
    pub span: Span,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    pub resolved: bool,
    pub event: Option<Span>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Dated {
    pub value: String,
    pub timex: String,
    /// `before`, `now`, `after` or `unknown`, relative to the publication date.
    pub relation: String,
    pub event: Option<Span>,
    pub clause: Option<Span>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StanceOutput {
    pub stances: Vec<Stance>,
    pub targets: Vec<Target>,
    pub headline: Option<HeadlineStance>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Stance {
    pub actor: String,
    pub actor_entity: Option<usize>,
    pub target: Option<usize>,
    pub target_label: String,
    /// `FAVOR`, `AGAINST` or `NEUTRAL`.
    pub stance: String,
    pub score: f64,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Evidence {
    pub span: Span,
    pub kind: String,
    pub score: f64,
    pub cues: Vec<Cue>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Cue {
    pub text: String,
    pub weight: f64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Target {
    pub label: String,
    pub kind: String,
    /// Where the target came from: `headline`, `user`, ...
    pub source: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HeadlineStance {
    pub headline: String,
    pub label: String,
    pub probabilities: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct EntityOutput {
    entities: Vec<Entity>,
    mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct QuoteOutput {
    quotations: Vec<Quotation>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct TextOutput {
    words: Option<u64>,
}

/// A record as the views see it.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub quotations: Vec<Quotation>,
    pub timeline: Option<Timeline>,
    pub stance: Option<StanceOutput>,
    pub words: Option<u64>,
    /// Results of analysers the views do not know (plugins), by name.
    pub others: BTreeMap<String, Value>,
    /// Outputs that could not be read, one line each.
    pub notes: Vec<String>,
}

impl Article {
    pub fn from_record(record: &Record) -> Self {
        let mut a = Article::default();
        let results = &record.results;
        if let Some(e) = read::<EntityOutput>(results, "entity", &mut a.notes) {
            a.entities = e.entities;
            a.mentions = e.mentions;
        }
        if let Some(q) = read::<QuoteOutput>(results, "quote", &mut a.notes) {
            a.quotations = q.quotations;
        }
        a.timeline = read(results, "timeline", &mut a.notes);
        a.stance = read(results, "stance", &mut a.notes);
        a.words = read::<TextOutput>(results, "text", &mut a.notes).and_then(|t| t.words);
        a.others = results
            .iter()
            .filter(|(k, _)| !KNOWN.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        a
    }

    /// The entity with this id (ids index `entities` in the entity analyser's output, but the
    /// view does not rely on it).
    pub fn entity(&self, id: usize) -> Option<&Entity> {
        self.entities
            .get(id)
            .filter(|e| e.id.is_none_or(|i| i == id))
            .or_else(|| self.entities.iter().find(|e| e.id == Some(id)))
    }

    /// The quotations people said: everything but scare quotes and titles, and without a
    /// quotation that lies wholly inside another one of the same speaker (a partial quotation
    /// inside the reported speech that carries it), so that no words are listed twice.
    pub fn said(&self) -> Vec<&Quotation> {
        self.said_indices()
            .into_iter()
            .map(|i| &self.quotations[i])
            .collect()
    }

    /// The indices of [`Article::said`]'s quotations, in the record's order. Sorted by speaker,
    /// then start, longest first: a quotation lies inside another of its speaker exactly when
    /// one before it in that order reaches as far (of two with the same extent the first in the
    /// record stays). A sort and a sweep, so that an article with tens of thousands of
    /// quotations renders in time (comparing every pair took seconds).
    pub fn said_indices(&self) -> Vec<usize> {
        let mut order: Vec<(usize, (usize, usize))> = Vec::new();
        let mut without_extent = Vec::new();
        for (i, q) in self.quotations.iter().enumerate() {
            if q.is_term() {
                continue;
            }
            match q.extent() {
                Some(extent) => order.push((i, extent)),
                None => without_extent.push(i),
            }
        }
        let quotations = &self.quotations;
        order.sort_by(|&(i, (s, e)), &(j, (t, f))| {
            speaker_key(&quotations[i])
                .cmp(&speaker_key(&quotations[j]))
                .then(s.cmp(&t))
                .then(f.cmp(&e))
                .then(i.cmp(&j))
        });
        let mut kept = without_extent;
        let mut reach: Option<usize> = None;
        for (n, &(i, (_, e))) in order.iter().enumerate() {
            let new_speaker =
                n == 0 || speaker_key(&quotations[order[n - 1].0]) != speaker_key(&quotations[i]);
            if new_speaker {
                reach = None;
            }
            if reach.is_none_or(|r| r < e) {
                kept.push(i);
            }
            reach = Some(reach.map_or(e, |r| r.max(e)));
        }
        kept.sort_unstable();
        kept
    }

    /// The speaker of a quotation as people read it: the resolved name, else the source as
    /// written (unresolved), else `None`.
    pub fn speaker_label(q: &Quotation) -> Option<(String, bool)> {
        match (&q.speaker, &q.source) {
            (Some(s), _) if !s.name.is_empty() => Some((s.name.clone(), true)),
            (_, Some(src)) if !src.text.is_empty() => Some((src.text.clone(), false)),
            _ => None,
        }
    }

    /// The roles of the entity a quotation's speaker resolved to.
    pub fn speaker_roles(&self, q: &Quotation) -> String {
        q.speaker
            .as_ref()
            .and_then(|s| s.entity)
            .and_then(|id| self.entity(id))
            .map(Entity::roles_label)
            .unwrap_or_default()
    }

    /// How many mentions each entity has, by entity id.
    pub fn mention_count(&self, e: &Entity) -> usize {
        if e.mentions.is_empty() {
            e.id.map_or(0, |id| {
                self.mentions
                    .iter()
                    .filter(|m| m.entity == Some(id))
                    .count()
            })
        } else {
            e.mentions.len()
        }
    }

    /// Entity types in a fixed order (PER, ORG, LOC, MISC, then others by name), each with its
    /// entities, most mentioned first.
    pub fn entities_by_type(&self) -> Vec<(String, Vec<&Entity>)> {
        let mut groups: BTreeMap<(usize, String), Vec<&Entity>> = BTreeMap::new();
        for e in &self.entities {
            let rank = ["PER", "ORG", "LOC", "MISC"]
                .iter()
                .position(|t| *t == e.ty)
                .unwrap_or(4);
            groups.entry((rank, e.ty.clone())).or_default().push(e);
        }
        groups
            .into_iter()
            .map(|((_, kind), mut list)| {
                // stable: ties keep the analyser's order (first mentioned first)
                list.sort_by_key(|e| std::cmp::Reverse(self.mention_count(e)));
                (kind, list)
            })
            .collect()
    }

    /// Counts for an index or a heading.
    pub fn counts(&self) -> Counts {
        Counts {
            entities: self.entities.len(),
            mentions: self.mentions.len(),
            quotations: self.said().len(),
            dated: self.timeline.as_ref().map_or(0, |t| t.timeline.len()),
            stances: self.stance.as_ref().map_or(0, |s| s.stances.len()),
        }
    }
}

/// What an article holds, in numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub entities: usize,
    pub mentions: usize,
    /// Quotations people said ([`Article::said`]).
    pub quotations: usize,
    /// Dated events on the timeline.
    pub dated: usize,
    pub stances: usize,
}

/// Who a quotation is from, for comparing speakers: the resolved speaker (entity and name), or
/// for an unresolved one the source as written (its span).
type SpeakerKey<'a> = (
    Option<(Option<usize>, &'a str)>,
    Option<(usize, usize, &'a str)>,
);

fn speaker_key(q: &Quotation) -> SpeakerKey<'_> {
    match &q.speaker {
        Some(x) => (Some((x.entity, x.name.as_str())), None),
        None => (
            None,
            q.source.as_ref().map(|s| (s.start, s.end, s.text.as_str())),
        ),
    }
}

fn read<T: DeserializeOwned>(
    results: &BTreeMap<String, Value>,
    name: &str,
    notes: &mut Vec<String>,
) -> Option<T> {
    let v = results.get(name)?;
    match T::deserialize(v) {
        Ok(t) => Some(t),
        Err(e) => {
            notes.push(format!("the `{name}` output could not be read: {e}"));
            None
        }
    }
}

/// A score for people: at most 2 decimals, no trailing zeros (`0.99`, `-0.7`, `3`).
pub fn score(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0');
    let s = s.strip_suffix('.').unwrap_or(s);
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_read_short() {
        assert_eq!(score(0.986), "0.99");
        assert_eq!(score(-0.7), "-0.7");
        assert_eq!(score(3.0), "3");
        assert_eq!(score(-0.001), "0");
    }

    fn quotation(kind: &str, start: usize, end: usize, speaker: Option<&str>) -> Quotation {
        Quotation {
            kind: kind.to_owned(),
            parts: vec![Span {
                start,
                end,
                text: String::new(),
            }],
            speaker: speaker.map(|name| Speaker {
                entity: None,
                name: name.to_owned(),
                via: None,
            }),
            ..Quotation::default()
        }
    }

    #[test]
    fn said_leaves_out_terms_and_what_the_same_speaker_said_around_it() {
        let a = Article {
            quotations: vec![
                quotation("direct", 0, 100, Some("A")),
                quotation("partial", 10, 20, Some("A")), // inside A's: left out
                quotation("partial", 30, 40, Some("B")), // inside A's, but B's
                quotation("term", 50, 60, None),
                quotation("direct", 0, 100, Some("A")), // the same extent again: left out
                quotation("direct", 90, 150, Some("A")), // overlaps, not inside
                quotation("partial", 95, 150, Some("A")), // inside the one before
                quotation("indirect", 200, 210, None),
                quotation("indirect", 202, 205, None), // no speaker, same (no) source
            ],
            ..Article::default()
        };
        assert_eq!(a.said_indices(), [0, 2, 5, 7]);
        assert_eq!(a.said().len(), 4);
    }
}
