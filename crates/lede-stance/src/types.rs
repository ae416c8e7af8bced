//! Output of the stance analyser.

use std::collections::BTreeMap;

use lede_core::TextSpan;
use serde::{Deserialize, Serialize};

use crate::fnc::FncLabel;

/// An actor's position toward a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Stance {
    Favor,
    Against,
    Neutral,
}

/// Where a target came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetSource {
    /// Detected from the headline (or the lead when the headline has none).
    Headline,
    /// Given by the user (`--target`).
    User,
    /// A person or organisation an actor speaks about with words that carry a polarity.
    Mentioned,
}

/// What kind of target it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A proposition `subject action object`: `Ukraine joining NATO`.
    Proposition,
    /// An entity of the article: stance toward `NATO`.
    Entity,
    /// Free text matched by its content words.
    Text,
}

/// A claim or entity that actors take positions on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Normalised label: `Ukraine joining NATO` (names are the entity analyser's canonical
    /// names where it found them).
    pub label: String,
    pub source: TargetSource,
    pub kind: TargetKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// Index of the entity (entity targets, or the subject of a proposition) in the entity
    /// analyser's output.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    /// Other names of the target entity in the article (the entity analyser's aliases).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub aliases: Vec<String>,
    /// Where it was found (headline targets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found_in: Option<TextSpan>,
}

/// How a piece of evidence is attributed to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A quotation (direct, partial or indirect) with a resolved speaker, from the quote
    /// analyser.
    Quote,
    /// Reported speech or an act of the actor found here (`The Kremlin repeated that ...`,
    /// `..., says NATO chief Stoltenberg`).
    Reported,
}

/// How an evidence unit refers to an entity target.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TargetVia {
    /// The unit names the target (a name, an alias, a description the entity analyser
    /// linked), or it is about a proposition or free-text target.
    #[default]
    Name,
    /// A pronoun in the unit stands for the target (`he`, `her`: the nearest person of the
    /// pronoun's sex named before it; in quotation marks, not the speaker).
    Pronoun,
    /// The sentence that reports the unit names the target, outside the actor's words (`X
    /// attacked Y, saying "..."`).
    Context,
    /// The actor speaks of itself (`"I did nothing wrong," X said`: X toward X).
    Own,
}

impl TargetVia {
    pub fn is_name(&self) -> bool {
        *self == TargetVia::Name
    }
}

/// One piece of evidence: the actor's own words or act about the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The actor's own words in quotation marks (a direct or partial quotation).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub quoted: bool,
    pub span: TextSpan,
    /// How it refers to the target (omitted: by name).
    #[serde(skip_serializing_if = "TargetVia::is_name", default)]
    pub via: TargetVia,
    /// The polarity this piece contributes (> 0 in favour).
    pub score: f64,
    /// The cue words that decided it, with their signed contribution.
    pub cues: Vec<CueHit>,
}

/// A cue word or phrase that moved the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CueHit {
    #[serde(flatten)]
    pub span: TextSpan,
    /// Signed contribution after negation and frames.
    pub weight: f64,
    /// Set when a negator or a flipping frame turned it around: the word that did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flipped_by: Option<String>,
}

/// The position of one actor toward one target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StanceRecord {
    /// The actor's name: the entity's canonical name, or a group (`NATO leaders`).
    pub actor: String,
    /// Index of the actor's entity in the entity analyser's output.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor_entity: Option<usize>,
    /// Other names of the actor in the article (the entity analyser's aliases).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub actor_aliases: Vec<String>,
    /// Index into [`StanceOutput::targets`].
    pub target: usize,
    pub target_label: String,
    pub stance: Stance,
    /// In [-1, 1]: > 0 in favour (entity targets: the probability of favour minus that of
    /// against).
    pub score: f64,
    /// Entity targets: the polarity model's calibrated probabilities of FAVOR, AGAINST and
    /// NEUTRAL (see `crates/lede-stance/MODEL.md`); absent for propositions and free text,
    /// which the rules decide.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub probabilities: Option<BTreeMap<Stance, f64>>,
    pub evidence: Vec<Evidence>,
}

/// Article vs headline: the FNC-1 task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadlineStance {
    pub headline: String,
    pub label: FncLabel,
    pub probabilities: BTreeMap<FncLabel, f64>,
    /// What decided the label.
    pub decided_by: Verdict,
    /// The sentences that decided it: the body sentences closest to the headline (the
    /// model), or the actor's evidence that contradicts the headline's claim.
    pub sentences: Vec<TextSpan>,
}

/// How a headline verdict was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The FNC-1 model alone.
    Model,
    /// The headline states an actor's position on a proposition and the article gives the
    /// same actor's opposite position: disagree.
    Contradiction,
}

/// The stance analyser's output for one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StanceOutput {
    pub targets: Vec<Target>,
    /// Sorted by target, then by first evidence position.
    pub stances: Vec<StanceRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<HeadlineStance>,
    /// Problems that did not stop the analysis (e.g. a user target with no match).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub diagnostics: Vec<String>,
}
