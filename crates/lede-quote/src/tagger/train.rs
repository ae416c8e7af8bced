//! Training the tagger: an averaged structured perceptron (Collins 2002) over label sequences,
//! decoded by the same Viterbi as the analyser. The caller gives the order of the sequences in
//! each epoch (`examples/learn_tagger.rs` shuffles with a seeded `fastrand`), so that the same
//! data and seeds give the same weights, byte for byte.

use super::labels::NL;
use super::model::{viterbi, Index, Model};

/// One training sequence: the feature ids of each token (`ids[offs[k]..offs[k + 1]]`) and
/// the gold labels.
#[derive(Debug, Clone, Default)]
pub struct Sequence {
    pub ids: Vec<u32>,
    pub offs: Vec<u32>,
    pub gold: Vec<u8>,
    /// The rules' label of each token (see [`Model::prior`]).
    pub rule: Vec<u8>,
    /// The labels allowed at each token, as bit masks (empty: all).
    pub mask: Vec<u16>,
}

impl Sequence {
    fn feats(&self, k: usize) -> &[u32] {
        &self.ids[self.offs[k] as usize..self.offs[k + 1] as usize]
    }
}

/// The weights being learnt, with the sums for averaging.
pub struct Perceptron {
    w: Vec<[f64; NL]>,
    u: Vec<[f64; NL]>,
    tw: [[f64; NL]; NL],
    tu: [[f64; NL]; NL],
    step: f64,
    prior: f64,
}

impl Perceptron {
    /// A perceptron over `n` features, with a fixed `prior` for the rules' labels.
    pub fn new(n: usize, prior: f64) -> Self {
        Self {
            w: vec![[0.0; NL]; n],
            u: vec![[0.0; NL]; n],
            tw: [[0.0; NL]; NL],
            tu: [[0.0; NL]; NL],
            step: 1.0,
            prior,
        }
    }

    /// The current (not averaged) labels of a sequence.
    pub fn predict(&self, s: &Sequence) -> Vec<u8> {
        let n = s.gold.len();
        let mut em = vec![[0.0f32; NL]; n];
        for (k, e) in em.iter_mut().enumerate() {
            let mut acc = [0.0f64; NL];
            if let Some(&r) = s.rule.get(k) {
                acc[usize::from(r) % NL] = self.prior;
            }
            for &f in s.feats(k) {
                for (a, w) in acc.iter_mut().zip(&self.w[f as usize]) {
                    *a += w;
                }
            }
            let m = s.mask.get(k).copied().unwrap_or(u16::MAX);
            for (l, (o, a)) in e.iter_mut().zip(acc).enumerate() {
                *o = if m & (1 << l) == 0 {
                    f32::NEG_INFINITY
                } else {
                    a as f32
                };
            }
        }
        let mut trans = [[0.0f32; NL]; NL];
        for (t, w) in trans.iter_mut().zip(&self.tw) {
            for (x, y) in t.iter_mut().zip(w) {
                *x = *y as f32;
            }
        }
        viterbi(&em, &trans)
    }

    /// One step: decodes `s` and moves the weights toward its gold labels when they differ.
    pub fn learn(&mut self, seq: &Sequence) {
        let pred = self.predict(seq);
        let step = self.step;
        if pred != seq.gold {
            for k in 0..seq.gold.len() {
                let (g, p) = (seq.gold[k] as usize, pred[k] as usize);
                if g != p {
                    for &f in seq.feats(k) {
                        let f = f as usize;
                        self.w[f][g] += 1.0;
                        self.u[f][g] += step;
                        self.w[f][p] -= 1.0;
                        self.u[f][p] -= step;
                    }
                }
                if k > 0 {
                    let (gp, pp) = (seq.gold[k - 1] as usize, pred[k - 1] as usize);
                    if (gp, g) != (pp, p) {
                        self.tw[gp][g] += 1.0;
                        self.tu[gp][g] += step;
                        self.tw[pp][p] -= 1.0;
                        self.tu[pp][p] -= step;
                    }
                }
            }
        }
        self.step += 1.0;
    }

    /// The averaged weights as a model, with `hashes[i]` the hash of feature `i`. Features
    /// whose weights all average to zero are left out.
    pub fn model(&self, hashes: &[u64]) -> Model {
        let c = self.step;
        let mut m = Model {
            prior: self.prior as f32,
            ..Model::default()
        };
        for (i, (w, u)) in self.w.iter().zip(&self.u).enumerate() {
            let mut row = [0.0f32; NL];
            for l in 0..NL {
                row[l] = (w[l] - u[l] / c) as f32;
            }
            if row.iter().all(|&x| x.abs() < 1e-6) {
                continue;
            }
            m.index.insert(hashes[i], m.rows.len() as u32);
            m.rows.push(row);
        }
        for p in 0..NL {
            for l in 0..NL {
                m.trans[p][l] = (self.tw[p][l] - self.tu[p][l] / c) as f32;
            }
        }
        m
    }
}

/// Numbers the features seen at least `min_count` times in `hashes` (each token's features in
/// turn), in order of first appearance: the index and the hash of each id.
pub fn number_features<'a, I>(hashes: I, min_count: u32) -> (Index, Vec<u64>)
where
    I: Iterator<Item = &'a u64> + Clone,
{
    let mut counts: Index = Index::default();
    for &h in hashes.clone() {
        *counts.entry(h).or_insert(0) += 1;
    }
    let mut index = Index::default();
    let mut order = Vec::new();
    for &h in hashes {
        if counts.get(&h).is_some_and(|&c| c >= min_count) && !index.contains_key(&h) {
            index.insert(h, order.len() as u32);
            order.push(h);
        }
    }
    (index, order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::labels::{CUE_B, O};

    #[test]
    fn learns_a_separable_sequence() {
        // feature 0 marks a cue, feature 1 anything else
        let s = Sequence {
            ids: vec![1, 0, 1],
            offs: vec![0, 1, 2, 3],
            gold: vec![O, CUE_B, O],
            rule: vec![O, O, O],
            mask: Vec::new(),
        };
        let mut p = Perceptron::new(2, 0.0);
        for _ in 0..3 {
            p.learn(&s);
        }
        assert_eq!(p.predict(&s), s.gold);
        let m = p.model(&[10, 11]);
        assert!(m.rows[m.index[&10] as usize][CUE_B as usize] > 0.0);
    }
}
