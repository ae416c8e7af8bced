//! The tagger's weights and its decoder: a first-order linear model over the labels (one
//! weight per label for each feature, one per pair of labels for transitions), decoded exactly
//! by Viterbi under the begin/inside constraints.
//!
//! The embedded file (`model/tagger.bin`) is deflated: a header (`LEDEQTG1`, the number of
//! labels and of features, the scale of the quantised weights, the prior), the transition weights as
//! `f32`, then one row per feature sorted by hash: the hash as `u64` and one `i16` per label.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::features::Prepared;
use super::labels::{allowed, NL};

/// Magic bytes of the model file.
const MAGIC: &[u8; 8] = b"LEDEQTG1";

/// The feature hashes are already mixed: the map uses them as they are.
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

/// Feature hash -> row index.
pub type Index = HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("the tagger model cannot be inflated")]
    Inflate,
    #[error("the tagger model has the wrong magic, label count or length")]
    Shape,
}

/// The weights.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub index: Index,
    pub rows: Vec<[f32; NL]>,
    pub trans: [[f32; NL]; NL],
    /// Added to the score of the label the rules give a token: the model learns where to
    /// depart from the rules.
    pub prior: f32,
}

impl Model {
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The emission scores of token `i`.
    pub fn emissions(&self, prep: &Prepared, i: usize, out: &mut [f32; NL]) {
        *out = [0.0; NL];
        out[usize::from(prep.rule[i]) % NL] = self.prior;
        for h in prep.token_feats(i) {
            if let Some(&r) = self.index.get(h) {
                let row = &self.rows[r as usize];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
    }

    /// The best labels of tokens `[a, b)` (Viterbi under the begin/inside constraints).
    pub fn decode(&self, prep: &Prepared, a: usize, b: usize) -> Vec<u8> {
        let n = b.saturating_sub(a);
        if n == 0 {
            return Vec::new();
        }
        viterbi(&self.emission_matrix(prep, a, b), &self.trans)
    }

    /// The emission scores of tokens `[a, b)`.
    pub fn emission_matrix(&self, prep: &Prepared, a: usize, b: usize) -> Vec<[f32; NL]> {
        let mut em = vec![[0.0f32; NL]; b.saturating_sub(a)];
        for (k, e) in em.iter_mut().enumerate() {
            self.emissions(prep, a + k, e);
        }
        em
    }

    /// Serialises the model (see the module comment).
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .rows
            .iter()
            .flat_map(|r| r.iter())
            .chain(self.trans.iter().flat_map(|r| r.iter()))
            .fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(&h, &r)| (h, r)).collect();
        rows.sort_unstable();
        let mut out = Vec::with_capacity(32 + rows.len() * (8 + 2 * NL));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(NL as u32).to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&self.prior.to_le_bytes());
        for row in &self.trans {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for (h, r) in rows {
            out.extend_from_slice(&h.to_le_bytes());
            for w in &self.rows[r as usize] {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        miniz_oxide::deflate::compress_to_vec(&out, 9)
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let raw =
            miniz_oxide::inflate::decompress_to_vec(bytes).map_err(|_| ModelError::Inflate)?;
        let header = 8 + 4 + 4 + 4 + 4 + 4 * NL * NL;
        if raw.len() < header || &raw[..8] != MAGIC {
            return Err(ModelError::Shape);
        }
        let u32_at = |p: usize| u32::from_le_bytes([raw[p], raw[p + 1], raw[p + 2], raw[p + 3]]);
        let f32_at = |p: usize| f32::from_le_bytes([raw[p], raw[p + 1], raw[p + 2], raw[p + 3]]);
        let nl = u32_at(8) as usize;
        let count = u32_at(12) as usize;
        let scale = f32_at(16);
        let prior = f32_at(20);
        let row_len = 8 + 2 * NL;
        if nl != NL || raw.len() != header + count * row_len {
            return Err(ModelError::Shape);
        }
        let mut model = Model {
            prior,
            ..Model::default()
        };
        for (i, row) in model.trans.iter_mut().enumerate() {
            for (j, w) in row.iter_mut().enumerate() {
                *w = f32_at(24 + 4 * (i * NL + j));
            }
        }
        model.index.reserve(count);
        model.rows.reserve(count);
        for r in 0..count {
            let p = header + r * row_len;
            let mut h = [0u8; 8];
            h.copy_from_slice(&raw[p..p + 8]);
            let mut row = [0.0f32; NL];
            for (k, w) in row.iter_mut().enumerate() {
                let q = i16::from_le_bytes([raw[p + 8 + 2 * k], raw[p + 9 + 2 * k]]);
                *w = f32::from(q) * scale;
            }
            model.index.insert(u64::from_le_bytes(h), r as u32);
            model.rows.push(row);
        }
        Ok(model)
    }
}

/// Exact decoding of a first-order model: `em` are the emission scores of each position,
/// `trans[p][l]` the score of label `l` after label `p`; only allowed sequences are considered.
pub fn viterbi(em: &[[f32; NL]], trans: &[[f32; NL]; NL]) -> Vec<u8> {
    viterbi_scored(em, trans).0
}

/// [`viterbi`] with the score of the best sequence.
pub fn viterbi_scored(em: &[[f32; NL]], trans: &[[f32; NL]; NL]) -> (Vec<u8>, f32) {
    let n = em.len();
    if n == 0 {
        return (Vec::new(), 0.0);
    }
    let mut score = vec![[f32::NEG_INFINITY; NL]; n];
    let mut back = vec![[0u8; NL]; n];
    for l in 0..NL {
        if allowed(None, l as u8) {
            score[0][l] = em[0][l];
        }
    }
    for k in 1..n {
        for l in 0..NL {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for p in 0..NL {
                if score[k - 1][p] == f32::NEG_INFINITY || !allowed(Some(p as u8), l as u8) {
                    continue;
                }
                let s = score[k - 1][p] + trans[p][l];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            if best > f32::NEG_INFINITY {
                score[k][l] = best + em[k][l];
                back[k][l] = arg;
            }
        }
    }
    let mut last = 0u8;
    let mut best = f32::NEG_INFINITY;
    for (l, &s) in score[n - 1].iter().enumerate() {
        if s > best {
            best = s;
            last = l as u8;
        }
    }
    let mut out = vec![0u8; n];
    out[n - 1] = last;
    for k in (1..n).rev() {
        out[k - 1] = back[k][out[k] as usize];
    }
    (out, best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::labels::{CONTENT_B, CONTENT_I, O};

    #[test]
    fn viterbi_keeps_to_the_constraints() {
        // inside-content scores best at the first position, where it is not allowed
        let mut em = vec![[0.0f32; NL]; 3];
        em[0][CONTENT_I as usize] = 5.0;
        em[0][CONTENT_B as usize] = 1.0;
        em[1][CONTENT_I as usize] = 2.0;
        em[2][O as usize] = 1.0;
        let trans = [[0.0f32; NL]; NL];
        assert_eq!(viterbi(&em, &trans), [CONTENT_B, CONTENT_I, O]);
    }

    #[test]
    fn bytes_round_trip() {
        let mut m = Model::default();
        m.index.insert(42, 0);
        m.rows.push([1.0, -2.0, 0.5, 0.0, 0.0, 0.0, 0.0, 3.0]);
        m.trans[1][2] = -1.5;
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.rows.len(), 1);
        assert!((back.rows[back.index[&42] as usize][1] + 2.0).abs() < 1e-3);
        assert!((back.trans[1][2] + 1.5).abs() < 1e-6);
        assert!(matches!(
            Model::from_bytes(b"junk"),
            Err(ModelError::Inflate)
        ));
    }
}
