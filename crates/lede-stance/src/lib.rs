//! lede-stance: who stands where. The `stance` analyser finds the targets an article is about
//! (from the headline, or given by the user) and, for each actor (resolved speakers of
//! quotations, acting institutions) with attributable words about a target, a FAVOR / AGAINST
//! / NEUTRAL record with its evidence spans and the cue words that decided it. Beside it, the
//! FNC-1 headline/body classifier ([`fnc`]) says whether an article agrees with, disagrees
//! with, discusses or is unrelated to a given headline.

mod analyzer;
mod claim;
mod evidence;
pub mod fnc;
pub mod lexicon;
pub mod linear;
pub mod model;
mod polarity;
mod pronouns;
mod targets;
mod tokens;
pub mod types;
pub mod words;

pub use analyzer::{StanceAnalyzer, StanceOptions, TrainingCandidate, NAME};
pub use lexicon::{Cue, Lexicon, LexiconError};
pub use types::{
    CueHit, Evidence, EvidenceKind, HeadlineStance, Stance, StanceOutput, StanceRecord, Target,
    TargetKind, TargetSource, TargetVia, Verdict,
};
