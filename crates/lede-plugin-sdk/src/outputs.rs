//! The outputs of lede's built-in analysers, as typed inputs for plugins:
//! `request.input::<QuoteOutput>("quote")`.
//!
//! These are the shapes `lede analyze --format json` prints under `results` and
//! `docs/record.schema.json` defines (schema version [`crate::wire::SCHEMA_VERSION`]). A test of
//! this crate runs the built-in analysers on articles and checks that every output reads into
//! these types and writes back to the same JSON, field for field, so that they cannot drift from
//! what the analysers print.
//!
//! Within a schema version lede may add fields and values: unknown fields are ignored, and an
//! unknown value of an enumeration reads as its `Other` variant.

use serde::{Deserialize, Serialize};

pub use crate::wire::TextSpan;

/// The kind of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Person,
    /// An organisation.
    #[serde(rename = "ORG")]
    Organization,
    /// A location.
    #[serde(rename = "LOC")]
    Location,
    /// Other names (events, nationalities, works).
    #[serde(rename = "MISC")]
    Misc,
    /// A value this SDK version does not know (sent by a newer host).
    #[serde(other)]
    Other,
}

// ---------------------------------------------------------------------------------------------
// entity

/// `entity`: named entities and their mentions, linked within the article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityOutput {
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// The entities the mentions refer to; `Mention::entity` indexes this list.
    pub entities: Vec<Entity>,
}

impl EntityOutput {
    /// The entity a mention refers to.
    pub fn entity_of(&self, mention: &Mention) -> Option<&Entity> {
        self.entities.get(mention.entity)
    }
}

/// Whether a mention is a name or a role or description standing for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A proper name: `Maria Lopez`, `Lopez`.
    Name,
    /// A role or description standing for a named entity: `the minister`.
    Nominal,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub kind: MentionKind,
    /// Index into [`EntityOutput::entities`].
    pub entity: usize,
}

/// One entity of the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Its index in [`EntityOutput::entities`].
    pub id: usize,
    /// The longest full name found in the article.
    pub canonical: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Governments and institutions that act or speak.
    #[serde(default, skip_serializing_if = "is_false")]
    pub actor: bool,
    /// Indices into [`EntityOutput::mentions`], in text order.
    pub mentions: Vec<usize>,
    /// Roles stated in the article (`minister` of `Finland`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<Role>>,
    /// Other names used for it in the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Vec<String>>,
}

/// A role of an entity, with where it was stated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    /// The role word, a lowercase lemma.
    pub role: String,
    /// Canonical name of the organisation or place the role belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    /// Index of that affiliation in [`EntityOutput::entities`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation_entity: Option<usize>,
    pub evidence: TextSpan,
}

// ---------------------------------------------------------------------------------------------
// quote

/// `quote`: quotations with their cue, source and resolved speaker.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuoteOutput {
    /// In text order of their first part.
    pub quotations: Vec<Quotation>,
    /// Quotation marks left unpaired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpaired: Option<Vec<UnpairedMark>>,
}

/// What kind of speech a quotation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Words in quotation marks, all of the sentence's content.
    Direct,
    /// Quoted words inside reported speech.
    Partial,
    /// Reported speech without quotation marks.
    Indirect,
    /// A quoted term or title (scare quotes), not speech.
    Term,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quotation {
    pub kind: QuoteKind,
    /// The content in text order (several for a split quotation); direct and partial parts
    /// exclude the marks.
    pub parts: Vec<TextSpan>,
    /// The parts joined with a space.
    pub text: String,
    /// The speech cue: `said`, `according to`, a colon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<TextSpan>,
    /// The source as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<TextSpan>,
    /// The resolved speaker, `None` when the source could not be resolved.
    pub speaker: Option<Speaker>,
    /// How sure the analyser is of the whole attribution, in `[0, 1]`.
    pub confidence: f64,
}

/// How a quotation's speaker was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerVia {
    Name,
    Pronoun,
    Role,
    Appositive,
    Context,
    Description,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// The speaker of a quotation, an entity of the `entity` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Index into [`EntityOutput::entities`].
    pub entity: usize,
    /// The entity's full name.
    pub name: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub via: SpeakerVia,
}

/// A quotation mark left unpaired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnpairedMark {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Index of its paragraph in the request's layers.
    pub paragraph: usize,
}

// ---------------------------------------------------------------------------------------------
// timeline

/// `timeline`: temporal expressions normalised against the publication date, and dated events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TimelineOutput {
    /// The document creation time (publication date), if known.
    pub dct: Option<String>,
    /// Why relative expressions are unresolved (no publication date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub timexes: Vec<Timex>,
    /// Dated events, earliest first.
    pub timeline: Vec<TimelineEntry>,
}

/// The TIMEX3 type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// A temporal expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// `t1`, `t2`, ...
    pub id: String,
    pub span: TextSpan,
    #[serde(rename = "type")]
    pub timex_type: TimexType,
    /// The TIMEX3 value (`2023-04-20`, `P3D`, `XXXX-WXX-1`).
    pub value: String,
    /// Whether the value is fully normalised.
    pub resolved: bool,
    /// TIMEX3 `mod`: `START`, `MID`, `END`, `APPROX`, `LESS_THAN`, `MORE_THAN`, `BEFORE`,
    /// `AFTER`...
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// For a SET: the quantifier (`EVERY`, `EACH`, `EVERY OTHER`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quant: Option<String>,
    /// For a SET: how often in each period (`2X`, `3D`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    /// Inside quoted speech.
    #[serde(default, skip_serializing_if = "is_false")]
    pub in_quote: bool,
    /// The event this expression dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<TextSpan>,
}

/// Where an event stands relative to the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Before,
    /// Overlaps the publication date.
    Now,
    After,
    /// No publication date.
    Unknown,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// A dated event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub value: String,
    /// The expression's id, or `t0` for the publication date.
    pub timex: String,
    pub relation: Relation,
    pub event: TextSpan,
    /// The clause that tells the event.
    pub clause: TextSpan,
}

// ---------------------------------------------------------------------------------------------
// stance

/// `stance`: actors' stance toward targets, with evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StanceOutput {
    pub targets: Vec<Target>,
    pub stances: Vec<Stance>,
    /// The article's stance toward `--headline` (FNC-1 classes), when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<HeadlineStance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<Vec<String>>,
}

/// Where a stance target comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetSource {
    /// Detected from the headline (or the lead).
    Headline,
    /// Given by the user.
    User,
    /// An entity actors speak about with polar words.
    Mentioned,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// What a stance target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Proposition,
    Entity,
    Text,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// A stance target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub label: String,
    pub source: TargetSource,
    pub kind: TargetKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// Index in the entity analyser's `entities`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Vec<String>>,
    /// Where the target was found (headline targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found_in: Option<TextSpan>,
}

/// A stance label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum StanceLabel {
    Favor,
    Against,
    Neutral,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// The stance of one actor toward one target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    pub actor: String,
    /// Index in the entity analyser's `entities`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_entity: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_aliases: Option<Vec<String>>,
    /// Index into [`StanceOutput::targets`].
    pub target: usize,
    pub target_label: String,
    pub stance: StanceLabel,
    pub score: f64,
    /// Entity targets: the polarity model's calibrated probabilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probabilities: Option<StanceProbabilities>,
    pub evidence: Vec<Evidence>,
}

/// The calibrated probabilities of a stance record.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StanceProbabilities {
    #[serde(rename = "FAVOR")]
    pub favor: f64,
    #[serde(rename = "AGAINST")]
    pub against: f64,
    #[serde(rename = "NEUTRAL")]
    pub neutral: f64,
}

/// How evidence refers to an entity target (absent: by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetVia {
    Name,
    Pronoun,
    Context,
    Own,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// How an actor's words reached the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Quote,
    Reported,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// A passage that shows a stance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The words are in quotation marks.
    #[serde(default, skip_serializing_if = "is_false")]
    pub quoted: bool,
    pub span: TextSpan,
    /// How the words refer to an entity target (`None`: by name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<TargetVia>,
    pub score: f64,
    pub cues: Vec<Cue>,
}

/// A polar word of the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub weight: f64,
    /// The word that reversed the cue's polarity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flipped_by: Option<String>,
}

/// An FNC-1 class of an article toward a headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadlineLabel {
    Agree,
    Disagree,
    Discuss,
    Unrelated,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// What decided a headline label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// The FNC-1 model.
    Model,
    /// A contradiction between the headline's claim and an actor's position in the article.
    Contradiction,
    /// A value this SDK version does not know.
    #[serde(other)]
    Other,
}

/// The article's stance toward a headline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadlineStance {
    pub headline: String,
    pub label: HeadlineLabel,
    /// By class; classes the model did not score are absent.
    pub probabilities: HeadlineProbabilities,
    pub decided_by: DecidedBy,
    /// The sentences that decided it.
    pub sentences: Vec<TextSpan>,
}

/// The probability of each FNC-1 class.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HeadlineProbabilities {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agree: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disagree: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discuss: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unrelated: Option<f64>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(b: &bool) -> bool {
    !*b
}
