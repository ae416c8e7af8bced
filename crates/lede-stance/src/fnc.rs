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

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::lexicon::Lexicon;
use crate::words::{fnv1a, is_stopword, lower_words, stem, SplitMix64};

/// The four FNC-1 classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FncLabel {
    Agree,
    Disagree,
    Discuss,
    Unrelated,
}

impl FncLabel {
    pub const ALL: [FncLabel; 4] = [
        FncLabel::Agree,
        FncLabel::Disagree,
        FncLabel::Discuss,
        FncLabel::Unrelated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FncLabel::Agree => "agree",
            FncLabel::Disagree => "disagree",
            FncLabel::Discuss => "discuss",
            FncLabel::Unrelated => "unrelated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// One labelled headline/body pair.
#[derive(Debug, Clone)]
pub struct FncPair {
    pub headline: String,
    pub body_id: u32,
    pub label: FncLabel,
}

/// The FNC-1 files read into memory.
#[derive(Debug, Clone, Default)]
pub struct FncData {
    pub bodies: BTreeMap<u32, String>,
    pub pairs: Vec<FncPair>,
}

/// An error reading FNC-1 files or a model.
#[derive(Debug, thiserror::Error)]
pub enum FncError {
    #[error("cannot read {path}")]
    Csv { path: String, source: csv::Error },
    #[error("{path}, record {record}: {message}")]
    Record {
        path: String,
        record: usize,
        message: String,
    },
    #[error("stance model: {0}")]
    Model(String),
}

/// The seed of the train/dev split of the FNC-1 training bodies.
pub const SPLIT_SEED: u64 = 20_170_601;

/// True when body `id` belongs to the 20% dev part of the 80/20 split by body id. The split
/// hashes the id with [`SPLIT_SEED`], so it does not depend on which other bodies a file holds.
pub fn is_dev_body(id: u32) -> bool {
    SplitMix64(SPLIT_SEED ^ (u64::from(id) << 20)).next_u64() % 100 >= 80
}

/// Which pairs to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Split {
    /// Pairs whose body is in the 80% training part.
    Train,
    /// Pairs whose body is in the 20% dev part.
    Dev,
    /// Every pair (e.g. the official competition test files).
    #[default]
    All,
}

impl Split {
    pub fn keeps(self, body_id: u32) -> bool {
        match self {
            Split::Train => !is_dev_body(body_id),
            Split::Dev => is_dev_body(body_id),
            Split::All => true,
        }
    }
}

impl FncData {
    /// Reads `Headline,Body ID,Stance` and `Body ID,articleBody` CSV files (with headers).
    pub fn read(stances: &Path, bodies: &Path) -> Result<Self, FncError> {
        let mut data = FncData::default();
        let bpath = bodies.display().to_string();
        let mut rdr = csv::Reader::from_path(bodies).map_err(|source| FncError::Csv {
            path: bpath.clone(),
            source,
        })?;
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|source| FncError::Csv {
                path: bpath.clone(),
                source,
            })?;
            let bad = |message: String| FncError::Record {
                path: bpath.clone(),
                record: i + 1,
                message,
            };
            let id = rec
                .get(0)
                .and_then(|s| s.trim().parse::<u32>().ok())
                .ok_or_else(|| bad("first field is not a body id".into()))?;
            let body = rec
                .get(1)
                .ok_or_else(|| bad("missing articleBody".into()))?;
            data.bodies.insert(id, body.to_owned());
        }
        let spath = stances.display().to_string();
        let mut rdr = csv::Reader::from_path(stances).map_err(|source| FncError::Csv {
            path: spath.clone(),
            source,
        })?;
        for (i, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|source| FncError::Csv {
                path: spath.clone(),
                source,
            })?;
            let bad = |message: String| FncError::Record {
                path: spath.clone(),
                record: i + 1,
                message,
            };
            let headline = rec.get(0).ok_or_else(|| bad("missing headline".into()))?;
            let body_id = rec
                .get(1)
                .and_then(|s| s.trim().parse::<u32>().ok())
                .ok_or_else(|| bad("second field is not a body id".into()))?;
            let label = rec
                .get(2)
                .and_then(FncLabel::parse)
                .ok_or_else(|| bad("third field is not agree/disagree/discuss/unrelated".into()))?;
            if !data.bodies.contains_key(&body_id) {
                return Err(bad(format!("body id {body_id} is not in {bpath}")));
            }
            data.pairs.push(FncPair {
                headline: headline.to_owned(),
                body_id,
                label,
            });
        }
        Ok(data)
    }
}

/// The FNC-1 official score of predictions against gold labels, as (score, maximum).
pub fn official_score(gold: &[FncLabel], pred: &[FncLabel]) -> (f64, f64) {
    let mut score = 0.0;
    let mut max = 0.0;
    for (&g, &p) in gold.iter().zip(pred) {
        let g_rel = g != FncLabel::Unrelated;
        let p_rel = p != FncLabel::Unrelated;
        max += if g_rel { 1.0 } else { 0.25 };
        if g == p {
            score += 0.25;
            if g_rel {
                score += 0.5;
            }
        }
        if g_rel && p_rel {
            score += 0.25;
        }
    }
    (score, max)
}

// ---------------------------------------------------------------------------------------------
// Text preparation

/// A headline or body reduced to what the features need.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Lowercase words.
    pub words: Vec<String>,
    /// Stems of the content words (no stop words), in order.
    pub content: Vec<String>,
    /// Sentences as ranges into `words`.
    pub sentences: Vec<(usize, usize)>,
    /// The text ends with a question mark.
    pub question: bool,
}

impl Prepared {
    pub fn new(text: &str) -> Self {
        let mut words = Vec::new();
        let mut sentences = Vec::new();
        for sent in split_sentences(text) {
            let start = words.len();
            words.extend(lower_words(sent));
            if words.len() > start {
                sentences.push((start, words.len()));
            }
        }
        let content = words
            .iter()
            .filter(|w| !is_stopword(w) && w.chars().any(char::is_alphabetic))
            .map(|w| stem(w).to_owned())
            .collect();
        Self {
            words,
            content,
            sentences,
            question: text.trim_end().ends_with('?'),
        }
    }
}

/// Crude sentence split for the model's features: after `.`, `!`, `?` or a line break.
fn split_sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let end_here = matches!(b, b'\n')
            || (matches!(b, b'.' | b'!' | b'?')
                && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace));
        if end_here {
            out.push(&text[start..=i]);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out.into_iter()
}

/// Hashed inverse document frequencies of stems.
#[derive(Debug, Clone)]
pub struct Idf {
    bits: u32,
    /// Quantised idf (value / 16).
    table: Vec<u8>,
}

impl Idf {
    const BITS: u32 = 17;

    fn bucket(&self, stem: &str) -> usize {
        (fnv1a(&[b"idf", stem.as_bytes()]) & ((1u64 << self.bits) - 1)) as usize
    }

    pub fn get(&self, stem: &str) -> f32 {
        f32::from(self.table[self.bucket(stem)]) / 16.0
    }

    /// Computes idf = ln((n + 1) / (df + 1)) + 1 over the given documents.
    pub fn fit<'a>(docs: impl Iterator<Item = &'a Prepared>) -> Self {
        let mut idf = Idf {
            bits: Self::BITS,
            table: vec![0; 1 << Self::BITS],
        };
        let mut df = vec![0u32; 1 << Self::BITS];
        let mut n = 0u32;
        for d in docs {
            n += 1;
            let uniq: BTreeSet<&str> = d.content.iter().map(String::as_str).collect();
            for s in uniq {
                df[idf.bucket(s)] += 1;
            }
        }
        for (t, &c) in idf.table.iter_mut().zip(&df) {
            let v = ((f64::from(n) + 1.0) / (f64::from(c) + 1.0)).ln() + 1.0;
            *t = (v * 16.0).round().clamp(0.0, 255.0) as u8;
        }
        idf
    }
}

// ---------------------------------------------------------------------------------------------
// Features

/// A sparse feature vector: (hashed index, value).
pub type Features = Vec<(u32, f32)>;

struct Fx<'a> {
    bits: u32,
    out: &'a mut Features,
}

impl Fx<'_> {
    fn add(&mut self, parts: &[&[u8]], v: f32) {
        let idx = (fnv1a(parts) & ((1u64 << self.bits) - 1)) as u32;
        self.out.push((idx, v));
    }

    fn flag(&mut self, name: &str) {
        self.add(&[name.as_bytes()], 1.0);
    }

    fn word(&mut self, prefix: &str, w: &str) {
        self.add(&[prefix.as_bytes(), w.as_bytes()], 1.0);
    }

    /// Cumulative threshold features: `name>=t` for every threshold `t <= v`.
    fn bins(&mut self, name: &str, v: f32, thresholds: &[f32]) {
        for (i, &t) in thresholds.iter().enumerate() {
            if v >= t {
                self.add(&[name.as_bytes(), &[i as u8]], 1.0);
            }
        }
    }
}

const REFUTE: &[&str] = &[
    "fake",
    "fraud",
    "hoax",
    "false",
    "deny",
    "denies",
    "denied",
    "not",
    "despite",
    "nope",
    "doubt",
    "doubts",
    "bogus",
    "debunk",
    "debunked",
    "debunks",
    "prank",
    "pranks",
    "retract",
    "retracted",
    "untrue",
    "rumor",
    "rumour",
    "myth",
    "satire",
    "satirical",
    "no",
    "never",
    "refute",
    "refuted",
    "refutes",
    "dismiss",
    "dismissed",
    "dismisses",
    "wrong",
    "incorrect",
    "misleading",
    "fabricated",
    "isn't",
    "wasn't",
    "didn't",
    "doesn't",
];

const HEDGE: &[&str] = &[
    "reportedly",
    "allegedly",
    "alleged",
    "claim",
    "claims",
    "claimed",
    "rumored",
    "rumoured",
    "unconfirmed",
    "according",
    "apparently",
    "may",
    "might",
    "could",
    "suggest",
    "suggests",
    "possibly",
    "purportedly",
    "unverified",
    "believed",
    "report",
    "reports",
    "reported",
    "appears",
    "seems",
    "if",
    "whether",
    "speculation",
];

const SIM_BINS: &[f32] = &[
    0.02, 0.04, 0.06, 0.08, 0.1, 0.13, 0.16, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8,
];
const FRAC_BINS: &[f32] = &[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
const COUNT_BINS: &[f32] = &[1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0];

/// Similarity measures between a headline and a body.
#[derive(Debug, Clone, Copy, Default)]
struct Sim {
    cosine: f32,
    overlap: f32,
    lead_overlap: f32,
    best_sentence: f32,
    bigrams: f32,
}

fn tfidf(p: &[String], idf: &Idf) -> (BTreeMap<String, f32>, f32) {
    let mut tf: BTreeMap<String, f32> = BTreeMap::new();
    for s in p {
        *tf.entry(s.clone()).or_default() += 1.0;
    }
    let mut norm = 0.0f32;
    for (s, v) in &mut tf {
        *v = (1.0 + v.ln()) * idf.get(s);
        norm += *v * *v;
    }
    (tf, norm.sqrt())
}

/// A body prepared once for all the headlines paired with it.
#[derive(Debug, Clone)]
pub struct PreparedBody {
    pub text: Prepared,
    vec: BTreeMap<String, f32>,
    norm: f32,
    stems: BTreeSet<String>,
    lead: BTreeSet<String>,
    bigrams: BTreeSet<(String, String)>,
    /// Content stems of each sentence.
    sentence_stems: Vec<BTreeSet<String>>,
}

impl PreparedBody {
    pub fn new(text: &str, idf: &Idf) -> Self {
        let text = Prepared::new(text);
        let (vec, norm) = tfidf(&text.content, idf);
        let stems: BTreeSet<String> = text.content.iter().cloned().collect();
        let lead = text.content.iter().take(60).cloned().collect();
        let bigrams = text
            .content
            .windows(2)
            .map(|w| (w[0].clone(), w[1].clone()))
            .collect();
        let sentence_stems = text
            .sentences
            .iter()
            .map(|&(a, b)| {
                text.words[a..b]
                    .iter()
                    .filter(|w| !is_stopword(w))
                    .map(|w| stem(w).to_owned())
                    .collect()
            })
            .collect();
        Self {
            text,
            vec,
            norm,
            stems,
            lead,
            bigrams,
            sentence_stems,
        }
    }
}

fn similarity(h: &Prepared, b: &PreparedBody, idf: &Idf) -> (Sim, Vec<usize>) {
    let (hv, hn) = tfidf(&h.content, idf);
    let dot: f32 = hv
        .iter()
        .map(|(s, v)| v * b.vec.get(s).copied().unwrap_or(0.0))
        .sum();
    let cosine = if hn > 0.0 && b.norm > 0.0 {
        dot / (hn * b.norm)
    } else {
        0.0
    };
    let hs: BTreeSet<&str> = h.content.iter().map(String::as_str).collect();
    let n = hs.len().max(1) as f32;
    let overlap = hs.iter().filter(|s| b.stems.contains(**s)).count() as f32 / n;
    let lead_overlap = hs.iter().filter(|s| b.lead.contains(**s)).count() as f32 / n;
    let mut scored: Vec<(usize, usize)> = b
        .sentence_stems
        .iter()
        .enumerate()
        .map(|(i, ss)| (hs.iter().filter(|s| ss.contains(**s)).count(), i))
        .collect();
    // most overlapping first; earlier sentences first among ties
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let best_sentence = scored.first().map_or(0.0, |s| s.0 as f32 / n);
    let top = scored
        .iter()
        .take(3)
        .filter(|s| s.0 > 0)
        .map(|s| s.1)
        .collect();
    let bigrams = h
        .content
        .windows(2)
        .filter(|w| b.bigrams.contains(&(w[0].clone(), w[1].clone())))
        .count() as f32;
    (
        Sim {
            cosine,
            overlap,
            lead_overlap,
            best_sentence,
            bigrams,
        },
        top,
    )
}

fn sim_features(fx: &mut Fx, sim: &Sim, hlen: usize) {
    fx.flag("bias");
    fx.bins("cos", sim.cosine, SIM_BINS);
    fx.add(&[b"cosv".as_slice()], sim.cosine);
    fx.bins("ovl", sim.overlap, FRAC_BINS);
    fx.bins("lead", sim.lead_overlap, FRAC_BINS);
    fx.bins("best", sim.best_sentence, FRAC_BINS);
    fx.bins("bigr", sim.bigrams, COUNT_BINS);
    fx.bins("hlen", hlen as f32, COUNT_BINS);
    // overlap means more for long headlines: cross the two coarse bins
    let ob = (sim.overlap * 5.0).floor() as u8;
    let hb = (hlen.min(12) / 3) as u8;
    fx.add(&[b"ovl*hlen".as_slice(), &[ob, hb]], 1.0);
    let cb = (sim.cosine * 10.0).floor().min(9.0) as u8;
    fx.add(&[b"cos*ovl".as_slice(), &[cb, ob]], 1.0);
}

fn count_in(words: &[String], list: &[&str]) -> usize {
    words.iter().filter(|w| list.contains(&w.as_str())).count()
}

/// Features of the related/unrelated model.
fn related_features(sim: &Sim, hlen: usize, bits: u32) -> Features {
    let mut out = Vec::new();
    let mut fx = Fx {
        bits,
        out: &mut out,
    };
    sim_features(&mut fx, sim, hlen);
    out
}

/// Features of the agree/disagree/discuss model.
fn stance_features(
    h: &Prepared,
    b: &PreparedBody,
    sim: &Sim,
    top: &[usize],
    lex: &Lexicon,
    bits: u32,
) -> Features {
    let mut out = Vec::new();
    let mut fx = Fx {
        bits,
        out: &mut out,
    };
    sim_features(&mut fx, sim, h.content.len());
    for w in &h.words {
        fx.word("h:", stem(w));
    }
    for w in h.words.windows(2) {
        fx.add(&[b"hb:".as_slice(), w[0].as_bytes(), w[1].as_bytes()], 1.0);
    }
    if h.words.is_empty() {
        fx.flag("h:empty");
    }
    let mut top_words: Vec<String> = Vec::new();
    for &si in top {
        let (a, e) = b.text.sentences[si];
        top_words.extend(b.text.words[a..e].iter().cloned());
    }
    let uniq: BTreeSet<&str> = top_words.iter().map(String::as_str).collect();
    for w in &uniq {
        fx.word("s:", stem(w));
    }
    let body_uniq: BTreeSet<&str> = b.text.words.iter().map(String::as_str).collect();
    for w in &body_uniq {
        fx.add(&[b"b:".as_slice(), stem(w).as_bytes()], 0.5);
    }
    for (name, words) in [("h", &h.words), ("s", &top_words), ("b", &b.text.words)] {
        let r = count_in(words, REFUTE);
        let hd = count_in(words, HEDGE);
        fx.bins(&format!("refute:{name}"), r as f32, COUNT_BINS);
        fx.bins(&format!("hedge:{name}"), hd as f32, COUNT_BINS);
        let n = words.len().max(1) as f32;
        fx.bins(
            &format!("refute%:{name}"),
            r as f32 / n * 100.0,
            &[0.5, 1.0, 2.0, 4.0],
        );
        fx.bins(
            &format!("hedge%:{name}"),
            hd as f32 / n * 100.0,
            &[0.5, 1.0, 2.0, 4.0],
        );
    }
    for w in &h.words {
        if REFUTE.contains(&w.as_str()) {
            fx.word("hr:", w);
        }
    }
    for w in &uniq {
        if REFUTE.contains(w) || HEDGE.contains(w) {
            fx.word("sr:", w);
        }
    }
    let hp = lex.valence_sum(&h.words);
    let sp = lex.valence_sum(&top_words);
    let sign = |v: f32| -> u8 { u8::from(v >= -0.5) + u8::from(v > 0.5) };
    fx.add(&[b"pol".as_slice(), &[sign(hp), sign(sp)]], 1.0);
    if h.question {
        fx.flag("hq");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Linear softmax models

/// A multinomial logistic regression over hashed features.
#[derive(Debug, Clone)]
pub struct Linear {
    pub classes: usize,
    pub bits: u32,
    /// `w[idx * classes + c]`; absent buckets (pruned) are zero.
    w: Vec<f32>,
}

impl Linear {
    pub fn new(classes: usize, bits: u32) -> Self {
        Self {
            classes,
            bits,
            w: vec![0.0; classes << bits],
        }
    }

    pub fn probs(&self, x: &[(u32, f32)]) -> Vec<f32> {
        let mut s = vec![0.0f32; self.classes];
        for &(i, v) in x {
            let base = i as usize * self.classes;
            for (c, sc) in s.iter_mut().enumerate() {
                *sc += self.w.get(base + c).copied().unwrap_or(0.0) * v;
            }
        }
        softmax(&mut s);
        s
    }

    /// Averaged SGD on the softmax loss with class weights and L2; deterministic for a seed.
    // the update reads like the textbook formula with its one-letter names
    #[allow(clippy::many_single_char_names)]
    pub fn train(
        &mut self,
        xs: &[Features],
        ys: &[usize],
        class_weight: &[f32],
        epochs: usize,
        seed: u64,
    ) {
        let k = self.classes;
        let mut acc = vec![0.0f32; self.w.len()];
        let mut order: Vec<usize> = (0..xs.len()).collect();
        let mut rng = SplitMix64(seed);
        let mut t = 1.0f32;
        let lr0 = 0.1f32;
        let l2 = 1e-6f32;
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &n in &order {
                let x = &xs[n];
                let p = self.probs(x);
                let lr = lr0 / (1.0 + t * 1e-5);
                let cw = class_weight[ys[n]];
                for &(i, v) in x {
                    let base = i as usize * k;
                    for (c, &pc) in p.iter().enumerate() {
                        let target = if c == ys[n] { 1.0 } else { 0.0 };
                        let wi = base + c;
                        let g = cw * (pc - target) * v + l2 * self.w[wi];
                        let d = lr * g;
                        self.w[wi] -= d;
                        acc[wi] -= t * d;
                    }
                }
                t += 1.0;
            }
        }
        for (w, a) in self.w.iter_mut().zip(&acc) {
            *w -= a / t;
        }
    }

    fn write(&self, out: &mut Vec<u8>) {
        let max = self.w.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let k = self.classes;
        let kept: Vec<usize> = (0..self.w.len() / k)
            .filter(|&i| {
                self.w[i * k..(i + 1) * k]
                    .iter()
                    .any(|v| (v / scale).round().abs() >= 1.0 && v.abs() >= 1e-3)
            })
            .collect();
        out.extend((k as u32).to_le_bytes());
        out.extend(self.bits.to_le_bytes());
        out.extend(scale.to_le_bytes());
        out.extend((kept.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for &i in &kept {
            // delta-encoded indices keep the file compressible
            let d = i as u32 - prev;
            prev = i as u32;
            out.extend(d.to_le_bytes());
            for c in 0..k {
                let q = (self.w[i * k + c] / scale).round() as i16;
                out.extend(q.to_le_bytes());
            }
        }
    }

    fn read(r: &mut Reader) -> Result<Self, FncError> {
        let k = r.u32()? as usize;
        let bits = r.u32()?;
        if k == 0 || k > 8 || bits > 24 {
            return Err(FncError::Model("bad linear model header".into()));
        }
        let scale = f32::from_bits(r.u32()?);
        let n = r.u32()? as usize;
        let mut m = Linear::new(k, bits);
        let mut idx = 0u32;
        for _ in 0..n {
            idx = idx
                .checked_add(r.u32()?)
                .ok_or_else(|| FncError::Model("bad index".into()))?;
            let base = idx as usize * k;
            if base + k > m.w.len() {
                return Err(FncError::Model("index out of range".into()));
            }
            for c in 0..k {
                m.w[base + c] = f32::from(r.i16()?) * scale;
            }
        }
        Ok(m)
    }
}

fn softmax(s: &mut [f32]) {
    let max = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in s.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in s.iter_mut() {
        *v /= sum;
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], FncError> {
        let s = self
            .b
            .get(self.pos..self.pos + n)
            .ok_or_else(|| FncError::Model("truncated model file".into()))?;
        self.pos += n;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, FncError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }

    fn i16(&mut self) -> Result<i16, FncError> {
        let s = self.take(2)?;
        Ok(i16::from_le_bytes([s[0], s[1]]))
    }
}

// ---------------------------------------------------------------------------------------------
// The model

const MAGIC: &[u8; 8] = b"LEDEFNC1";
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
}

/// The two-stage FNC-1 model.
#[derive(Debug, Clone)]
pub struct FncModel {
    pub idf: Idf,
    pub related: Linear,
    pub stance: Linear,
}

/// The model committed with the crate (`model/fnc1.bin`, see `MODEL.md`).
const BUILTIN: &[u8] = include_bytes!("../model/fnc1.bin");

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
        if r.take(8)? != MAGIC {
            return Err(FncError::Model("not a lede FNC-1 model (bad magic)".into()));
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
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(self.idf.bits.to_le_bytes());
        out.extend(&self.idf.table);
        self.related.write(&mut out);
        self.stance.write(&mut out);
        out
    }

    pub fn prepare_body(&self, body: &str) -> PreparedBody {
        PreparedBody::new(body, &self.idf)
    }

    /// Classifies a headline against a prepared body.
    pub fn predict_prepared(&self, headline: &str, body: &PreparedBody) -> FncPrediction {
        let h = Prepared::new(headline);
        let (sim, top) = similarity(&h, body, &self.idf);
        let pr = self
            .related
            .probs(&related_features(&sim, h.content.len(), self.related.bits));
        let ps = self.stance.probs(&stance_features(
            &h,
            body,
            &sim,
            &top,
            Lexicon::vader(),
            self.stance.bits,
        ));
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
        FncPrediction {
            label,
            probabilities,
        }
    }

    pub fn predict(&self, headline: &str, body: &str) -> FncPrediction {
        self.predict_prepared(headline, &self.prepare_body(body))
    }

    /// Trains both stages on `pairs` (bodies from `data`), deterministically for `seed`.
    pub fn train(data: &FncData, pairs: &[&FncPair], epochs: usize, seed: u64) -> Self {
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
                sx.push(stance_features(&h, b, &sim, &top, lex, STANCE_BITS));
                sy.push(p.label.index());
            }
        }
        let mut related = Linear::new(2, RELATED_BITS);
        related.train(&rx, &ry, &[1.0, 1.0], epochs, seed);
        // rare classes weigh more (inverse square root of frequency), for macro-F1
        let mut counts = [0usize; 3];
        for &y in &sy {
            counts[y] += 1;
        }
        let total = sy.len().max(1) as f32;
        let cw: Vec<f32> = counts
            .iter()
            .map(|&c| (total / (3.0 * c.max(1) as f32)).sqrt())
            .collect();
        let mut stance = Linear::new(3, STANCE_BITS);
        stance.train(&sx, &sy, &cw, epochs, seed ^ 1);
        Self {
            idf,
            related,
            stance,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_score_counts_like_the_scorer() {
        use FncLabel::{Agree, Discuss, Unrelated};
        let gold = [Agree, Unrelated, Discuss];
        let (s, m) = official_score(&gold, &[Agree, Unrelated, Agree]);
        assert!((m - 2.25).abs() < 1e-9);
        assert!((s - (1.0 + 0.25 + 0.25)).abs() < 1e-9);
    }

    #[test]
    fn split_is_roughly_80_20() {
        let dev = (0..10_000u32).filter(|&i| is_dev_body(i)).count();
        assert!((1_700..2_300).contains(&dev), "{dev}");
    }

    #[test]
    fn sentences_split_on_final_punctuation() {
        let s: Vec<&str> = split_sentences("A b. C d! 3.5 e\nf").collect();
        assert_eq!(s, ["A b.", " C d!", " 3.5 e\n", "f"]);
    }
}
