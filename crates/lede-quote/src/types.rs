//! Output of the quote analyser. The stance analyser reads these types from the context
//! (`ctx.require::<QuoteOutput>("quote")`). Changes here are additive only.

use lede_core::TextSpan;
use lede_entity::EntityType;
use serde::{Deserialize, Serialize};

/// What a quotation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Words in quotation marks standing as a sentence or more: `“Let me be clear ...,” X said.`
    Direct,
    /// Quoted words embedded in the writer's sentence: `would pose a “serious threat”`.
    Partial,
    /// Reported speech without quotation marks: `X said (that) ...`, `according to X, ...`.
    Indirect,
    /// Scare quotes or a title: `what Moscow calls its “special military operation”`. Not speech.
    Term,
}

/// The person or organisation a quotation is attributed to, as resolved against the entities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// Index into the entity analyser's `entities`.
    pub entity: usize,
    /// The entity's canonical name (`Jens Stoltenberg`).
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// How the source mention was resolved to the entity.
    pub via: Resolution,
}

/// How a source mention was linked to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The source mention is (or contains) a name of the entity.
    Name,
    /// A pronoun: the nearest compatible entity before it.
    Pronoun,
    /// A role or title (`the Kremlin spokesman`) matched to the entity holding it.
    Role,
    /// An appositive next to the source (`Dmitry Peskov, the Kremlin spokesman, said`).
    Appositive,
    /// No source mention near the quote (a continuing quote, a bare quote): the speaker of the
    /// quotation just before it.
    Context,
    /// A definite description of an organisation (`the company`, `the ministry`): the nearest
    /// organisation named before it.
    Description,
}

/// One quotation: what was said, how it was introduced, by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quotation {
    pub kind: QuoteKind,
    /// The content, in text order. A split quote (`“A,” X said. “B.”`) or a quote over
    /// several paragraphs has several parts. Direct and partial parts exclude the marks.
    pub parts: Vec<TextSpan>,
    /// The content as one string (the parts joined with a space).
    pub text: String,
    /// The speech cue: `said`, `told`, `according to`, or a colon/dash attribution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<TextSpan>,
    /// The source as written: `Stoltenberg`, `he`, `the Kremlin spokesman`, `a senior official`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<TextSpan>,
    /// The resolved speaker, or `null` when the source could not be resolved (never guessed).
    pub speaker: Option<Speaker>,
    /// Between 0 and 1: how sure the analyser is of the whole attribution.
    pub confidence: f64,
}

/// A quotation mark that found no partner within its paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnpairedMark {
    #[serde(flatten)]
    pub span: TextSpan,
    /// Index of the paragraph in the document's layers.
    pub paragraph: usize,
}

/// The quote analyser's output for one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuoteOutput {
    /// In text order of their first part.
    pub quotations: Vec<Quotation>,
    /// Quotation marks left unpaired (an odd number of marks, a typo): reported, not fatal.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub unpaired: Vec<UnpairedMark>,
}
