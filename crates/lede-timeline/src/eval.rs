//! Scoring temporal expressions with the TempEval-3 definitions.
//!
//! - strict: a system expression counts when its extent equals a gold one (precision over
//!   system expressions, recall over gold ones);
//! - relaxed: when the extents overlap;
//! - attribute F1 (value, type), as the official TE3 scorer computes it: the accuracy of the
//!   attribute over relaxed-matched pairs, multiplied by the relaxed F1.

use lede_core::{Document, Metadata};

use crate::timeml::TimemlDoc;
use crate::Timex;

/// Counts over a set of documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub system: usize,
    pub gold: usize,
    /// System expressions whose extent equals a gold extent.
    pub strict_system: usize,
    /// Gold expressions whose extent equals a system extent.
    pub strict_gold: usize,
    /// System expressions overlapping a gold one.
    pub relaxed_system: usize,
    /// Gold expressions overlapping a system one.
    pub relaxed_gold: usize,
    /// Relaxed-matched pairs, and those with the same value / type.
    pub pairs: usize,
    pub value_ok: usize,
    pub type_ok: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Self) {
        self.system += o.system;
        self.gold += o.gold;
        self.strict_system += o.strict_system;
        self.strict_gold += o.strict_gold;
        self.relaxed_system += o.relaxed_system;
        self.relaxed_gold += o.relaxed_gold;
        self.pairs += o.pairs;
        self.value_ok += o.value_ok;
        self.type_ok += o.type_ok;
    }
}

/// Precision, recall, F1 as fractions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Prf {
    fn new(p: f64, r: f64) -> Self {
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Self {
            precision: p,
            recall: r,
            f1,
        }
    }
}

/// The TE3 figures.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub strict: Prf,
    pub relaxed: Prf,
    pub value_f1: f64,
    pub type_f1: f64,
    pub value_accuracy: f64,
    pub type_accuracy: f64,
}

impl Counts {
    pub fn scores(&self) -> Scores {
        let strict = Prf::new(
            ratio(self.strict_system, self.system),
            ratio(self.strict_gold, self.gold),
        );
        let relaxed = Prf::new(
            ratio(self.relaxed_system, self.system),
            ratio(self.relaxed_gold, self.gold),
        );
        let va = ratio(self.value_ok, self.pairs);
        let ta = ratio(self.type_ok, self.pairs);
        Scores {
            strict,
            relaxed,
            value_f1: va * relaxed.f1,
            type_f1: ta * relaxed.f1,
            value_accuracy: va,
            type_accuracy: ta,
        }
    }
}

/// Scores system expressions against the gold ones of one document. Each system expression is
/// paired with the first gold expression it overlaps (preferring an exact extent).
pub fn score(gold: &TimemlDoc, system: &[Timex]) -> Counts {
    let mut c = Counts {
        system: system.len(),
        gold: gold.timexes.len(),
        ..Counts::default()
    };
    for s in system {
        let ss = s.span.span();
        if gold.timexes.iter().any(|g| g.span == ss) {
            c.strict_system += 1;
        }
        let pair = gold
            .timexes
            .iter()
            .find(|g| g.span == ss)
            .or_else(|| gold.timexes.iter().find(|g| g.span.overlaps(ss)));
        if let Some(g) = pair {
            c.relaxed_system += 1;
            c.pairs += 1;
            if g.value == s.value {
                c.value_ok += 1;
            }
            if g.kind == s.kind.as_str() {
                c.type_ok += 1;
            }
        }
    }
    for g in &gold.timexes {
        if system.iter().any(|s| s.span.span() == g.span) {
            c.strict_gold += 1;
        }
        if system.iter().any(|s| s.span.span().overlaps(g.span)) {
            c.relaxed_gold += 1;
        }
    }
    c
}

/// Runs the analyser on a gold document's raw text with its DCT.
pub fn run_on(gold: &TimemlDoc, id: &str) -> Vec<Timex> {
    let doc = Document::new(
        id,
        gold.text.clone(),
        Metadata {
            date: gold.dct,
            ..Metadata::default()
        },
    );
    crate::find_timexes(&doc, gold.dct)
}
