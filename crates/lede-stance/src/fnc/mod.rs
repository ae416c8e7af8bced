//! FNC-1 headline/body stance: does an article body agree with, disagree with, discuss, or
//! stand unrelated to a headline?
//!
//! Two linear softmax models over hashed sparse features, trained here (see `MODEL.md` and
//! `examples/train_fnc1.rs`):
//! 1. related vs unrelated, from headline/body similarity (TF-IDF cosine, stem overlap in the
//!    body, its lead and its best sentence, shared bigrams), binned so a linear model can use
//!    thresholds;
//! 2. agree / disagree / discuss for related pairs, from headline words, the words of the
//!    body sentences closest to the headline, refuting and hedging cue words, and polarity.

mod data;
mod features;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Serialize;

pub use crate::linear::{softmax, Linear};
pub use data::{
    is_dev_body, official_score, FncData, FncError, FncLabel, FncPair, Split, SPLIT_SEED,
};
pub use features::{Features, Idf, Prepared, PreparedBody};

use crate::lexicon::Lexicon;
use crate::linear::Reader;
use crate::words::{lower_words, stem};
use features::{related_features, similarity, stance_features};

/// Mean negative log-likelihood of `data` at temperature `t`.
pub fn log_loss(data: &[(Vec<f32>, usize)], t: f32) -> f64 {
    let mut sum = 0.0f64;
    for (s, y) in data {
        let mut p: Vec<f32> = s.iter().map(|x| x / t).collect();
        softmax(&mut p);
        sum -= f64::from(p.get(*y).copied().unwrap_or(0.0).max(1e-9)).ln();
    }
    sum / data.len().max(1) as f64
}

/// The temperature among 0.25 .. 64 (steps of 5%) with the lowest log loss.
fn fit_temperature(data: &[(Vec<f32>, usize)]) -> f32 {
    let mut best = (f64::INFINITY, 1.0f32);
    let mut t = 0.25f32;
    while t <= 64.0 {
        let l = log_loss(data, t);
        if l < best.0 {
            best = (l, t);
        }
        t *= 1.05;
    }
    best.1
}

/// Passes of averaged SGD over the training pairs.
const EPOCHS: usize = 8;
/// A stem is a lexical feature of the stance stage when the related pairs of this many
/// claims use it (chosen by cross-validation by claim among 0, 5, 15, 40): words of one claim
/// teach the model which claims are true, not how a body disagrees.
const MIN_CLAIMS: usize = 15;

const MAGIC: &[u8; 8] = b"LEDEFNC2";
const MAGIC_V1: &[u8; 8] = b"LEDEFNC1";
/// Hash bits of the related model (few, dense features).
const RELATED_BITS: u32 = 14;
/// Hash bits of the stance model (words).
const STANCE_BITS: u32 = 18;

/// A prediction for one headline/body pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FncPrediction {
    pub label: FncLabel,
    /// Probabilities of agree, disagree, discuss, unrelated.
    pub probabilities: BTreeMap<FncLabel, f32>,
    /// The body sentences closest to the headline (byte ranges into the body), which the
    /// agree/disagree/discuss stage reads most closely; best first.
    pub sentences: Vec<(usize, usize)>,
}

/// The two-stage FNC-1 model.
#[derive(Debug, Clone)]
pub struct FncModel {
    pub idf: Idf,
    pub related: Linear,
    pub stance: Linear,
    /// Temperatures that calibrate each stage's probabilities (scores are divided by them
    /// before the softmax; the argmax, and so the label, does not change).
    pub temperature: [f32; 2],
}

/// The two stages' class scores for one pair, for calibration.
#[derive(Debug, Clone)]
pub struct FncScores {
    /// related, unrelated
    pub related: Vec<f32>,
    /// agree, disagree, discuss
    pub stance: Vec<f32>,
}

/// The model committed with the crate (`model/fnc1.bin`, see `MODEL.md`).
const BUILTIN: &[u8] = include_bytes!("../../model/fnc1.bin");

impl FncModel {
    /// The built-in model, loaded once.
    pub fn builtin() -> Result<&'static FncModel, FncError> {
        static M: OnceLock<Result<FncModel, String>> = OnceLock::new();
        M.get_or_init(|| FncModel::from_bytes(BUILTIN).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| FncError::Model(e.clone()))
    }

    pub fn from_bytes(b: &[u8]) -> Result<Self, FncError> {
        let mut r = Reader { b, pos: 0 };
        let magic = r.take(8)?;
        // version 1 had no temperatures
        let calibrated = magic == MAGIC;
        if !calibrated && magic != MAGIC_V1 {
            return Err(FncError::Model("not a lede FNC-1 model (bad magic)".into()));
        }
        let mut temperature = [1.0f32; 2];
        if calibrated {
            for t in &mut temperature {
                *t = f32::from_bits(r.u32()?);
                if !(t.is_finite() && *t > 0.0) {
                    return Err(FncError::Model("bad temperature".into()));
                }
            }
        }
        let bits = r.u32()?;
        if bits > 24 {
            return Err(FncError::Model("bad idf size".into()));
        }
        let table = r.take(1 << bits)?.to_vec();
        let idf = Idf { bits, table };
        let related = Linear::read(&mut r)?;
        let stance = Linear::read(&mut r)?;
        if related.classes != 2 || stance.classes != 3 {
            return Err(FncError::Model("unexpected class counts".into()));
        }
        Ok(Self {
            idf,
            related,
            stance,
            temperature,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for t in self.temperature {
            out.extend(t.to_bits().to_le_bytes());
        }
        out.extend(self.idf.bits.to_le_bytes());
        out.extend(&self.idf.table);
        self.related.write(&mut out);
        self.stance.write(&mut out);
        out
    }

    pub fn prepare_body(&self, body: &str) -> PreparedBody {
        PreparedBody::new(body, &self.idf)
    }

    /// Both stages' class scores for a headline against a prepared body, and the body
    /// sentences closest to the headline.
    fn scores_prepared(&self, headline: &str, body: &PreparedBody) -> (FncScores, Vec<usize>) {
        let h = Prepared::new(headline);
        let (sim, top) = similarity(&h, body, &self.idf);
        let related =
            self.related
                .scores(&related_features(&sim, h.content.len(), self.related.bits));
        let stance = self.stance.scores(&stance_features(
            &h,
            body,
            &sim,
            &top,
            Lexicon::vader(),
            self.stance.bits,
            &|_| true,
        ));
        (FncScores { related, stance }, top)
    }

    /// Both stages' class scores (before temperature and softmax), for calibration.
    pub fn scores(&self, headline: &str, body: &PreparedBody) -> FncScores {
        self.scores_prepared(headline, body).0
    }

    /// Classifies a headline against a prepared body.
    pub fn predict_prepared(&self, headline: &str, body: &PreparedBody) -> FncPrediction {
        let (sc, top) = self.scores_prepared(headline, body);
        let with_t = |v: &[f32], t: f32| {
            let mut v: Vec<f32> = v.iter().map(|x| x / t).collect();
            softmax(&mut v);
            v
        };
        let pr = with_t(&sc.related, self.temperature[0]);
        let ps = with_t(&sc.stance, self.temperature[1]);
        // pr[0] = related
        let mut probabilities = BTreeMap::new();
        for (i, l) in FncLabel::ALL[..3].iter().enumerate() {
            probabilities.insert(*l, pr[0] * ps[i]);
        }
        probabilities.insert(FncLabel::Unrelated, pr[1]);
        let label = if pr[1] > 0.5 {
            FncLabel::Unrelated
        } else {
            let i = (0..3).fold(0, |b, i| if ps[i] > ps[b] { i } else { b });
            FncLabel::ALL[i]
        };
        let sentences = top
            .iter()
            .filter_map(|&i| body.text.sentence_bytes.get(i).copied())
            .collect();
        FncPrediction {
            label,
            probabilities,
            sentences,
        }
    }

    pub fn predict(&self, headline: &str, body: &str) -> FncPrediction {
        self.predict_prepared(headline, &self.prepare_body(body))
    }

    /// Trains both stages on `pairs` (bodies from `data`), deterministically for `seed`.
    pub fn train(data: &FncData, pairs: &[&FncPair], seed: u64) -> Self {
        let epochs = EPOCHS;
        let body_ids: BTreeSet<u32> = pairs.iter().map(|p| p.body_id).collect();
        let heads: BTreeSet<&str> = pairs.iter().map(|p| p.headline.as_str()).collect();
        let mut docs: Vec<Prepared> = body_ids
            .iter()
            .filter_map(|id| data.bodies.get(id))
            .map(|b| Prepared::new(b))
            .collect();
        docs.extend(heads.iter().map(|h| Prepared::new(h)));
        let idf = Idf::fit(docs.iter());
        let bodies: BTreeMap<u32, PreparedBody> = body_ids
            .iter()
            .filter_map(|id| Some((*id, PreparedBody::new(data.bodies.get(id)?, &idf))))
            .collect();
        let lex = Lexicon::vader();
        // claim frequency of each stem (headlines and bodies of the related pairs): only
        // stems of many claims are lexical features of the stance stage
        let keys = data.claim_keys(pairs.iter().copied());
        let mut claims_of: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for (p, &k) in pairs.iter().zip(&keys) {
            if p.label == FncLabel::Unrelated {
                continue;
            }
            let Some(b) = bodies.get(&p.body_id) else {
                continue;
            };
            for w in lower_words(&p.headline).iter().chain(&b.text.words) {
                claims_of.entry(stem(w).to_owned()).or_default().insert(k);
            }
        }
        let keep = |s: &str| claims_of.get(s).is_some_and(|c| c.len() >= MIN_CLAIMS);
        let (mut rx, mut ry, mut sx, mut sy) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for p in pairs {
            let Some(b) = bodies.get(&p.body_id) else {
                continue;
            };
            let h = Prepared::new(&p.headline);
            let (sim, top) = similarity(&h, b, &idf);
            rx.push(related_features(&sim, h.content.len(), RELATED_BITS));
            ry.push(usize::from(p.label == FncLabel::Unrelated));
            if p.label != FncLabel::Unrelated {
                sx.push(stance_features(&h, b, &sim, &top, lex, STANCE_BITS, &keep));
                sy.push(p.label.index());
            }
        }
        let mut related = Linear::new(2, RELATED_BITS);
        related.train(&rx, &ry, &[1.0, 1.0], epochs, seed);
        // rare classes weigh more (inverse frequency), for macro-F1: chosen over the inverse
        // square root by cross-validation by claim (disagree F1 0.130 -> 0.153)
        let mut counts = [0usize; 3];
        for &y in &sy {
            counts[y] += 1;
        }
        let total = sy.len().max(1) as f32;
        let cw: Vec<f32> = counts
            .iter()
            .map(|&c| total / (3.0 * c.max(1) as f32))
            .collect();
        let mut stance = Linear::new(3, STANCE_BITS);
        stance.train(&sx, &sy, &cw, epochs, seed ^ 1);
        Self {
            idf,
            related,
            stance,
            temperature: [1.0, 1.0],
        }
    }

    /// Fits each stage's temperature to held-out scores and labels (`related`: 0 related, 1
    /// unrelated; `stance`: agree, disagree, discuss), minimising the log loss over a grid.
    pub fn calibrate(&mut self, related: &[(Vec<f32>, usize)], stance: &[(Vec<f32>, usize)]) {
        self.temperature = [fit_temperature(related), fit_temperature(stance)];
    }
}
