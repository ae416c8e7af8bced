//! The sequence tagger: an averaged perceptron over BILOU labels, decoded greedily left to
//! right with the previous two labels and the labels given earlier in the document as
//! features (Ratinov & Roth 2009). The same [`tag_document`] serves the analyser, the
//! evaluation command and training, so what is evaluated is what runs.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::features::{self, Clusters, DocContext, Mode};
use crate::gazetteer::Gazetteer;
use crate::types::EntityType;

/// Number of labels: `O` and B/I/L/U for each of the four types.
pub const NL: usize = 17;

/// The types in label order.
pub const TYPES: [EntityType; 4] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Loc,
    EntityType::Misc,
];

/// Position of a label inside its chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    B = 0,
    I = 1,
    L = 2,
    U = 3,
}

/// Label index of a position and type index.
pub fn label(pos: Pos, ty: usize) -> u8 {
    (1 + ty * 4 + pos as usize) as u8
}

/// Position and type index of a label (None for `O`).
pub fn split_label(l: u8) -> Option<(Pos, usize)> {
    if l == 0 || l as usize >= NL {
        return None;
    }
    let k = l as usize - 1;
    let pos = match k % 4 {
        0 => Pos::B,
        1 => Pos::I,
        2 => Pos::L,
        _ => Pos::U,
    };
    Some((pos, k / 4))
}

/// Whether label `next` may follow label `prev` in BILOU (`prev` 0 at sentence start).
pub fn allowed(prev: u8, next: u8) -> bool {
    let open = match split_label(prev) {
        Some((Pos::B | Pos::I, ty)) => Some(ty),
        _ => None,
    };
    match (open, split_label(next)) {
        (Some(ty), Some((Pos::I | Pos::L, t2))) => ty == t2,
        (Some(_), _) | (None, Some((Pos::I | Pos::L, _))) => false,
        (None, _) => true,
    }
}

/// Whether `l` may end a sentence.
pub fn can_end(l: u8) -> bool {
    !matches!(split_label(l), Some((Pos::B | Pos::I, _)))
}

/// BILOU labels of gold chunks over `n` tokens.
pub fn encode(n: usize, chunks: &[crate::conll::Chunk]) -> Vec<u8> {
    let mut out = vec![0u8; n];
    for c in chunks {
        let ty = TYPES.iter().position(|&t| t == c.etype).unwrap_or(3);
        if c.end <= c.start || c.end > n {
            continue;
        }
        if c.end - c.start == 1 {
            out[c.start] = label(Pos::U, ty);
        } else {
            out[c.start] = label(Pos::B, ty);
            for x in &mut out[c.start + 1..c.end - 1] {
                *x = label(Pos::I, ty);
            }
            out[c.end - 1] = label(Pos::L, ty);
        }
    }
    out
}

/// Chunks `[start, end)` with their type of a BILOU label sequence. Decoding is constrained,
/// but this stays tolerant: an unterminated chunk ends where it stops.
pub fn decode(labels: &[u8]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        match split_label(l) {
            None => {
                if let Some((s, ty)) = open.take() {
                    out.push((s, i, TYPES[ty]));
                }
            }
            Some((pos, ty)) => {
                let cont = matches!(pos, Pos::I | Pos::L) && open.is_some_and(|(_, t)| t == ty);
                if !cont {
                    if let Some((s, t)) = open.take() {
                        out.push((s, i, TYPES[t]));
                    }
                    open = Some((i, ty));
                }
                if matches!(pos, Pos::L | Pos::U) {
                    if let Some((s, t)) = open.take() {
                        out.push((s, i + 1, TYPES[t]));
                    }
                }
            }
        }
    }
    if let Some((s, t)) = open {
        out.push((s, labels.len(), TYPES[t]));
    }
    out
}

/// Something that scores a feature vector: the trained model, or the weights being trained.
pub trait Scorer {
    fn add_scores(&self, feats: &[u64], scores: &mut [f32; NL]);
}

/// Passes already-hashed keys through.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// A trained model: feature hash -> row of `NL` weights.
#[derive(Debug, Default)]
pub struct Model {
    index: IdMap<u32>,
    weights: Vec<f32>,
}

const MAGIC: &[u8; 8] = b"LEDENER1";

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("model is not deflate data: {0}")]
    Inflate(String),
    #[error("model file is truncated or has the wrong format")]
    Format,
}

impl Model {
    /// A model from `(hash, weights)` rows.
    pub fn from_rows(rows: Vec<(u64, [f32; NL])>) -> Self {
        let mut index = IdMap::default();
        index.reserve(rows.len());
        let mut weights = Vec::with_capacity(rows.len() * NL);
        for (i, (h, w)) in rows.into_iter().enumerate() {
            index.insert(h, i as u32);
            weights.extend_from_slice(&w);
        }
        Self { index, weights }
    }

    /// Averages models (the union of their features; a missing feature counts as zero):
    /// perceptrons trained on different orders of the data vote.
    pub fn average(models: &[Model]) -> Model {
        let mut sum: std::collections::BTreeMap<u64, [f32; NL]> = std::collections::BTreeMap::new();
        for m in models {
            for (&h, &r) in &m.index {
                let row = &m.weights[r as usize * NL..r as usize * NL + NL];
                let acc = sum.entry(h).or_insert([0.0; NL]);
                for (a, w) in acc.iter_mut().zip(row) {
                    *a += w / models.len() as f32;
                }
            }
        }
        Model::from_rows(sum.into_iter().collect())
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Serialises the model: magic, counts, a scale, sorted hashes (delta-coded) and
    /// weights quantised to i16, deflated.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(&h, &r)| (h, r)).collect();
        rows.sort_unstable();
        let max = self
            .weights
            .iter()
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(1e-9);
        let scale = max / 32767.0;
        let mut raw = Vec::with_capacity(rows.len() * (8 + NL * 2) + 32);
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&(NL as u32).to_le_bytes());
        raw.extend_from_slice(&(rows.len() as u64).to_le_bytes());
        raw.extend_from_slice(&scale.to_le_bytes());
        let mut prev = 0u64;
        for &(h, _) in &rows {
            raw.extend_from_slice(&(h.wrapping_sub(prev)).to_le_bytes());
            prev = h;
        }
        // label-major so that runs of zero weights compress well
        for l in 0..NL {
            for &(_, r) in &rows {
                let w = self.weights[r as usize * NL + l];
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                raw.extend_from_slice(&q.to_le_bytes());
            }
        }
        miniz_oxide::deflate::compress_to_vec(&raw, 9)
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let raw = miniz_oxide::inflate::decompress_to_vec(bytes)
            .map_err(|e| ModelError::Inflate(format!("{e:?}")))?;
        let take = |pos: &mut usize, n: usize| -> Result<&[u8], ModelError> {
            let s = raw.get(*pos..*pos + n).ok_or(ModelError::Format)?;
            *pos += n;
            Ok(s)
        };
        let mut pos = 0usize;
        if take(&mut pos, 8)? != MAGIC {
            return Err(ModelError::Format);
        }
        let nl = u32::from_le_bytes(
            take(&mut pos, 4)?
                .try_into()
                .map_err(|_| ModelError::Format)?,
        );
        if nl as usize != NL {
            return Err(ModelError::Format);
        }
        let n = u64::from_le_bytes(
            take(&mut pos, 8)?
                .try_into()
                .map_err(|_| ModelError::Format)?,
        ) as usize;
        let scale = f32::from_le_bytes(
            take(&mut pos, 4)?
                .try_into()
                .map_err(|_| ModelError::Format)?,
        );
        if raw.len() != pos + n * 8 + n * NL * 2 {
            return Err(ModelError::Format);
        }
        let mut index = IdMap::default();
        index.reserve(n);
        let mut prev = 0u64;
        for i in 0..n {
            let d = u64::from_le_bytes(
                raw[pos + i * 8..pos + i * 8 + 8]
                    .try_into()
                    .map_err(|_| ModelError::Format)?,
            );
            prev = prev.wrapping_add(d);
            index.insert(prev, i as u32);
        }
        pos += n * 8;
        let mut weights = vec![0f32; n * NL];
        for l in 0..NL {
            for i in 0..n {
                let p = pos + (l * n + i) * 2;
                let q = i16::from_le_bytes([raw[p], raw[p + 1]]);
                weights[i * NL + l] = f32::from(q) * scale;
            }
        }
        Ok(Self { index, weights })
    }
}

impl Scorer for Model {
    #[inline]
    fn add_scores(&self, feats: &[u64], scores: &mut [f32; NL]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.weights[r as usize * NL..r as usize * NL + NL];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }
}

/// Everything the tagger reads besides the weights.
pub struct Resources<'a> {
    pub gazetteer: &'a Gazetteer,
    pub clusters: &'a Clusters,
}

/// Best allowed label for the scores.
pub fn best_label(scores: &[f32; NL], prev: u8, last: bool) -> u8 {
    let mut best = 0u8;
    let mut best_s = f32::NEG_INFINITY;
    for (l, &s) in scores.iter().enumerate() {
        let l = l as u8;
        if !allowed(prev, l) || (last && !can_end(l)) {
            continue;
        }
        if s > best_s {
            best_s = s;
            best = l;
        }
    }
    best
}

/// Per-document state of the greedy decoder: the entity type last given to each word form.
#[derive(Default)]
pub struct History {
    map: features::FnvMap<String, u8>,
}

impl History {
    pub fn get(&self, lower: &str) -> u8 {
        self.map.get(lower).copied().unwrap_or(0)
    }

    pub fn record(&mut self, toks: &[features::Tok], labels: &[u8]) {
        for (t, &l) in toks.iter().zip(labels) {
            if let Some((_, ty)) = split_label(l) {
                if t.cap || t.lower.chars().next().is_some_and(char::is_alphabetic) {
                    self.map.insert(t.lower.clone(), ty as u8 + 1);
                }
            }
        }
    }
}

/// All features of token `i` given the previous labels (`feats` is cleared first).
pub fn token_feats(
    s: &features::PreparedSentence,
    i: usize,
    p1: u8,
    p2: u8,
    hist: &History,
    feats: &mut Vec<u64>,
) {
    feats.clear();
    let tok = &s.toks[i];
    feats.extend_from_slice(&tok.static_feats);
    features::context_feats(s, i, feats);
    let h = hist.get(&tok.lower);
    features::label_feats(tok, s.mode.unwrap_or(Mode::Normal), p1, p2, h, feats);
}

/// Tags one sentence greedily.
pub fn tag_sentence<S: Scorer>(
    scorer: &S,
    s: &features::PreparedSentence,
    hist: &History,
    feats: &mut Vec<u64>,
) -> Vec<u8> {
    let n = s.toks.len();
    let mut labels = Vec::with_capacity(n);
    let (mut p1, mut p2) = (0u8, 0u8);
    for i in 0..n {
        token_feats(s, i, p1, p2, hist, feats);
        let mut scores = [0f32; NL];
        scorer.add_scores(feats, &mut scores);
        let l = best_label(&scores, p1, i + 1 == n);
        labels.push(l);
        p2 = p1;
        p1 = l;
    }
    labels
}

/// Tags a document given as token strings per sentence: BILOU labels per token.
pub fn tag_document<S: Scorer>(
    scorer: &S,
    res: &Resources<'_>,
    sentences: &[Vec<&str>],
) -> Vec<Vec<u8>> {
    let doc = DocContext::new(sentences);
    let mut hist = History::default();
    let mut feats = Vec::with_capacity(96);
    let mut out = Vec::with_capacity(sentences.len());
    for words in sentences {
        lede_core::budget::checkpoint();
        let s = doc.prepare(words, res.gazetteer, res.clusters);
        let labels = tag_sentence(scorer, &s, &hist, &mut feats);
        hist.record(&s.toks, &labels);
        out.push(labels);
    }
    out
}
