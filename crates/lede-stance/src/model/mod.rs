//! The polarity model of (actor, entity target) records, trained on BASIL (see `MODEL.md`).
//!
//! Two logistic regressions over hashed features ([`features`]):
//! 1. **detection**: do the actor's words take a side toward the target at all (BASIL's
//!    annotators marked a polar span), or do they only name it;
//! 2. **polarity**: favour or against, trained on every annotated BASIL span (the writer's and
//!    unnamed speakers' too: which side words take toward a target does not depend on who says
//!    them) and on the records matched to gold triples.
//!
//! A record takes a side when the calibrated probability of detection reaches the model's
//! threshold; its probabilities are FAVOR = p(side) x p(favour), AGAINST = p(side) x (1 -
//! p(favour)), NEUTRAL = 1 - p(side). Temperatures and the threshold are fitted on the
//! held-out predictions of an inner cross-validation by group (no example is scored by a
//! model that saw it), so `lede eval stance --basil --folds 5` measures the whole procedure.

pub(crate) mod features;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

pub use crate::linear::Features;
use crate::linear::{softmax, FormatError, Linear, Reader, TrainOptions};
use crate::types::Stance;
pub use features::{DETECT_BITS, POLARITY_BITS};

const MAGIC: &[u8; 8] = b"LEDEPOL1";

/// |squashed cue score| from which the cue words decide the side (the rules' threshold).
pub const CLEAR_CUES: f64 = 0.4;

/// The model committed with the crate (`model/polarity.bin`).
const BUILTIN: &[u8] = include_bytes!("../../model/polarity.bin");

/// The features of one candidate record, for both stages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CandidateFeatures {
    pub detect: Features,
    pub polarity: Features,
}

/// The model's calibrated probabilities for one record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Probabilities {
    pub favor: f64,
    pub against: f64,
    pub neutral: f64,
}

/// The trained two-stage model.
#[derive(Debug, Clone)]
pub struct PolarityModel {
    /// Classes: no side, a side.
    pub detect: Linear,
    /// Classes: against, favour.
    pub polarity: Linear,
    /// Temperatures of the two stages (scores are divided by them before the softmax).
    pub temperature: [f32; 2],
    /// p(side) from which a record takes a side.
    pub threshold: f32,
}

fn calibrated(m: &Linear, x: &Features, t: f32) -> f32 {
    let mut s = m.scores(x);
    for v in &mut s {
        *v /= t;
    }
    softmax(&mut s);
    s.get(1).copied().unwrap_or(0.0)
}

impl PolarityModel {
    /// The built-in model, loaded once.
    pub fn builtin() -> Result<&'static PolarityModel, FormatError> {
        static M: OnceLock<Result<PolarityModel, FormatError>> = OnceLock::new();
        M.get_or_init(|| PolarityModel::from_bytes(BUILTIN))
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn from_bytes(b: &[u8]) -> Result<Self, FormatError> {
        let mut r = Reader { b, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(FormatError("not a lede polarity model (bad magic)".into()));
        }
        let mut temperature = [1.0f32; 2];
        for t in &mut temperature {
            *t = f32::from_bits(r.u32()?);
            if !(t.is_finite() && *t > 0.0) {
                return Err(FormatError("bad temperature".into()));
            }
        }
        let threshold = f32::from_bits(r.u32()?);
        if !(0.0..=1.0).contains(&threshold) {
            return Err(FormatError("bad threshold".into()));
        }
        let detect = Linear::read(&mut r)?;
        let polarity = Linear::read(&mut r)?;
        if detect.classes != 2 || polarity.classes != 2 {
            return Err(FormatError("unexpected class counts".into()));
        }
        Ok(Self {
            detect,
            polarity,
            temperature,
            threshold,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for t in self.temperature {
            out.extend(t.to_bits().to_le_bytes());
        }
        out.extend(self.threshold.to_bits().to_le_bytes());
        self.detect.write(&mut out);
        self.polarity.write(&mut out);
        out
    }

    /// Calibrated probability that the record takes a side.
    pub fn side(&self, f: &CandidateFeatures) -> f32 {
        calibrated(&self.detect, &f.detect, self.temperature[0])
    }

    /// Calibrated probability that the side is favour.
    pub fn favor(&self, f: &Features) -> f32 {
        calibrated(&self.polarity, f, self.temperature[1])
    }

    /// The record's stance and probabilities, the polarity stage deciding the side.
    pub fn predict(&self, f: &CandidateFeatures) -> (Stance, Probabilities) {
        self.decide(self.side(f), self.favor(&f.polarity))
    }

    /// The record's stance and probabilities when the cue words' summed score, squashed into
    /// [-1, 1], is `cue_norm`: where the cues are clear (`|cue_norm| >= 0.4`, the rules'
    /// threshold) they decide the side, with `p(favour) = (1 + cue_norm) / 2`; elsewhere the
    /// polarity stage decides. Cross-validated on BASIL the polarity stage is no better than
    /// the cue sum where the cues are clear, and it errs on strong cue evidence (see
    /// `MODEL.md`); the detection stage decides whether a side is taken either way.
    pub fn predict_with_cues(
        &self,
        f: &CandidateFeatures,
        cue_norm: f64,
    ) -> (Stance, Probabilities) {
        let fav = if cue_norm.abs() >= CLEAR_CUES {
            f64::midpoint(1.0, cue_norm) as f32
        } else {
            self.favor(&f.polarity)
        };
        self.decide(self.side(f), fav)
    }

    fn decide(&self, side: f32, fav: f32) -> (Stance, Probabilities) {
        let p = Probabilities {
            favor: f64::from(side * fav),
            against: f64::from(side * (1.0 - fav)),
            neutral: f64::from(1.0 - side),
        };
        let stance = if side < self.threshold {
            Stance::Neutral
        } else if fav >= 0.5 {
            Stance::Favor
        } else {
            Stance::Against
        };
        (stance, p)
    }
}

/// A candidate record with its gold label.
#[derive(Debug, Clone)]
pub struct Example {
    pub features: CandidateFeatures,
    /// `None`: no gold triple; `Some(true)`: a gold triple in favour, `Some(false)` against.
    pub label: Option<bool>,
    /// Examples of one group (an event told by several articles) are held out together.
    pub group: u64,
}

/// An annotated span (any speaker) with its polarity toward its target.
#[derive(Debug, Clone)]
pub struct SpanExample {
    pub features: Features,
    pub favor: bool,
    pub group: u64,
}

/// Everything the model is trained on.
#[derive(Debug, Clone, Default)]
pub struct TrainingSet {
    pub candidates: Vec<Example>,
    pub spans: Vec<SpanExample>,
    /// Gold triples per group (found by a candidate or not): the recall the threshold is
    /// chosen for counts them all.
    pub gold_triples: BTreeMap<u64, usize>,
}

/// Training settings (chosen by `lede eval stance --basil --folds 5`).
#[derive(Debug, Clone, Copy)]
pub struct ModelOptions {
    pub detect: TrainOptions,
    pub polarity: TrainOptions,
    /// Weight of a positive detection example relative to a negative one.
    pub side_weight: f32,
    /// Folds of the inner cross-validation that fits temperatures and the threshold.
    pub inner_folds: u64,
}

impl Default for ModelOptions {
    fn default() -> Self {
        Self {
            detect: TrainOptions {
                epochs: 30,
                lr: 0.05,
                l2: 1e-4,
                seed: 11,
            },
            polarity: TrainOptions {
                epochs: 30,
                lr: 0.05,
                l2: 1e-4,
                seed: 13,
            },
            side_weight: 2.0,
            inner_folds: 4,
        }
    }
}

/// The fold of a group among `k`: a seeded hash, stable across runs and platforms.
pub fn fold_of(group: u64, k: u64, seed: u64) -> u64 {
    fastrand::Rng::with_seed(group ^ seed.rotate_left(17)).u64(0..k.max(1))
}

fn fit_detect(set: &TrainingSet, opts: &ModelOptions) -> Linear {
    let xs: Vec<Features> = set
        .candidates
        .iter()
        .map(|e| e.features.detect.clone())
        .collect();
    let ys: Vec<usize> = set
        .candidates
        .iter()
        .map(|e| usize::from(e.label.is_some()))
        .collect();
    let mut m = Linear::new(2, DETECT_BITS);
    m.train_with(&xs, &ys, &[1.0, opts.side_weight], opts.detect);
    m
}

fn polarity_data(set: &TrainingSet) -> (Vec<Features>, Vec<usize>) {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for s in &set.spans {
        xs.push(s.features.clone());
        ys.push(usize::from(s.favor));
    }
    for e in &set.candidates {
        if let Some(f) = e.label {
            xs.push(e.features.polarity.clone());
            ys.push(usize::from(f));
        }
    }
    (xs, ys)
}

fn fit_polarity(set: &TrainingSet, opts: &ModelOptions) -> Linear {
    let (xs, ys) = polarity_data(set);
    // 1/frequency: the rare favour class counts as much as against (macro-F1)
    let pos = ys.iter().filter(|&&y| y == 1).count().max(1) as f32;
    let neg = (ys.len() as f32 - pos).max(1.0);
    let total = pos + neg;
    let mut m = Linear::new(2, POLARITY_BITS);
    m.train_with(
        &xs,
        &ys,
        &[total / (2.0 * neg), total / (2.0 * pos)],
        opts.polarity,
    );
    m
}

/// A subset of the training set: the groups for which `keep` says true.
fn subset(set: &TrainingSet, keep: impl Fn(u64) -> bool) -> TrainingSet {
    TrainingSet {
        candidates: set
            .candidates
            .iter()
            .filter(|e| keep(e.group))
            .cloned()
            .collect(),
        spans: set
            .spans
            .iter()
            .filter(|e| keep(e.group))
            .cloned()
            .collect(),
        gold_triples: set
            .gold_triples
            .iter()
            .filter(|(g, _)| keep(**g))
            .map(|(g, n)| (*g, *n))
            .collect(),
    }
}

fn log_loss(scores: &[(Vec<f32>, usize)], t: f32) -> f64 {
    let mut sum = 0.0f64;
    for (s, y) in scores {
        let mut p: Vec<f32> = s.iter().map(|x| x / t).collect();
        softmax(&mut p);
        sum -= f64::from(p.get(*y).copied().unwrap_or(0.0).max(1e-9)).ln();
    }
    sum / scores.len().max(1) as f64
}

fn fit_temperature(scores: &[(Vec<f32>, usize)]) -> f32 {
    let mut best = (f64::INFINITY, 1.0f32);
    let mut t = 0.25f32;
    while t <= 64.0 {
        let l = log_loss(scores, t);
        if l < best.0 {
            best = (l, t);
        }
        t *= 1.05;
    }
    best.1
}

/// The threshold on p(side) with the best F1 of gold triples found (ties: the higher).
fn fit_threshold(side: &[(f32, bool)], gold: usize) -> f32 {
    let mut sorted: Vec<(f32, bool)> = side.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut best = (0.0f64, 0.5f32);
    let (mut tp, mut fp) = (0usize, 0usize);
    for (i, &(p, y)) in sorted.iter().enumerate() {
        if y {
            tp += 1;
        } else {
            fp += 1;
        }
        // only where the next score is lower (a threshold between two scores)
        if sorted.get(i + 1).is_some_and(|n| n.0.total_cmp(&p).is_eq()) {
            continue;
        }
        let f1 = 2.0 * tp as f64 / ((tp + fp) as f64 + gold.max(tp) as f64);
        if f1 > best.0 {
            best = (f1, p);
        }
    }
    best.1
}

/// Trains the model: the two stages on the whole set, their temperatures and the threshold
/// on the held-out predictions of an inner cross-validation by group.
pub fn train(set: &TrainingSet, opts: &ModelOptions) -> PolarityModel {
    let k = opts.inner_folds.max(2);
    let groups: BTreeSet<u64> = set
        .candidates
        .iter()
        .map(|e| e.group)
        .chain(set.spans.iter().map(|e| e.group))
        .collect();
    let mut side_scores: Vec<(Vec<f32>, usize)> = Vec::new();
    let mut pol_scores: Vec<(Vec<f32>, usize)> = Vec::new();
    for f in 0..k {
        let held = |g: u64| fold_of(g, k, 0x5eed) == f;
        if !groups.iter().any(|&g| held(g)) {
            continue;
        }
        let train_part = subset(set, |g| !held(g));
        let test_part = subset(set, held);
        let d = fit_detect(&train_part, opts);
        let p = fit_polarity(&train_part, opts);
        for e in &test_part.candidates {
            side_scores.push((d.scores(&e.features.detect), usize::from(e.label.is_some())));
        }
        let (xs, ys) = polarity_data(&test_part);
        for (x, y) in xs.iter().zip(ys) {
            pol_scores.push((p.scores(x), y));
        }
    }
    let t_side = fit_temperature(&side_scores);
    let t_pol = fit_temperature(&pol_scores);
    let side: Vec<(f32, bool)> = side_scores
        .iter()
        .map(|(s, y)| {
            let mut p: Vec<f32> = s.iter().map(|x| x / t_side).collect();
            softmax(&mut p);
            (p[1], *y == 1)
        })
        .collect();
    let gold: usize = set.gold_triples.values().sum();
    let threshold = fit_threshold(&side, gold);
    PolarityModel {
        detect: fit_detect(set, opts),
        polarity: fit_polarity(set, opts),
        temperature: [t_side, t_pol],
        threshold,
    }
}
