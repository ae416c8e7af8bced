//! Output of the entity analyser. Quote and stance read these types from the context
//! (`ctx.require::<EntityOutput>("entity")`).

use lede_core::TextSpan;
use serde::{Deserialize, Serialize};

/// The CoNLL entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityType {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "MISC")]
    Misc,
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A proper name: `Jens Stoltenberg`, `Stoltenberg`, `NATO`.
    Name,
    /// A role or description standing for a named entity: `the Kremlin spokesman`.
    Nominal,
}

/// One mention in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    #[serde(flatten)]
    pub span: TextSpan,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub kind: MentionKind,
    /// Index into [`EntityOutput::entities`].
    pub entity: usize,
}

/// A role or title attached to an entity: `chief` of `NATO`, `spokesman` of `the Kremlin`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The role word as a lowercase lemma: `spokesman`, `president`, `chief`.
    pub role: String,
    /// Canonical name of the organisation or place the role belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// Index of that affiliation in [`EntityOutput::entities`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation_entity: Option<usize>,
    /// Where the role was stated (`Kremlin spokesman`, `, the Kremlin spokesman,`).
    pub evidence: TextSpan,
}

/// One entity of the article: all mentions of the same person, organisation or place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Index in [`EntityOutput::entities`], stable for a given input.
    pub id: usize,
    /// The longest full name found in the article.
    pub canonical: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// Governments and institutions that act or speak (`the Kremlin`, `Washington`,
    /// `Downing Street`): usable as speakers and stance actors.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub actor: bool,
    /// Indices into [`EntityOutput::mentions`], in text order.
    pub mentions: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub roles: Vec<Role>,
    /// Other names used for it in the article (`NATO` for `North Atlantic Treaty Organization`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub aliases: Vec<String>,
}

/// The entity analyser's output for one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityOutput {
    /// In text order.
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
}

impl EntityOutput {
    /// The entity whose mention covers byte offset `pos`.
    pub fn entity_at(&self, pos: usize) -> Option<&Entity> {
        let m = self
            .mentions
            .iter()
            .find(|m| m.span.start <= pos && pos < m.span.end)?;
        self.entities.get(m.entity)
    }
}
