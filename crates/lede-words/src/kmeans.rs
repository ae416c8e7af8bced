//! Spherical k-means (cosine similarity) over unit vectors, deterministic for a given seed:
//! k-means++ seeding with `fastrand`, assignments computed in parallel but each word's result
//! independent of the thread split, centroid sums accumulated in word order in `f64`. The same
//! input and seed give the same clusters on every run and thread count.

use rayon::prelude::*;

/// Vectors are padded to a multiple of this many lanes, so that dot products vectorise.
pub const LANES: usize = 8;

/// A set of unit vectors, row-major, each `dim` long (`dim` a multiple of [`LANES`]).
pub struct Vectors {
    pub dim: usize,
    pub data: Vec<f32>,
}

impl Vectors {
    /// Unit-normalised rows from raw vectors of length `raw_dim` (zero-padded to a multiple
    /// of [`LANES`]; an all-zero vector stays zero).
    pub fn normalised(rows: &[Vec<f32>], raw_dim: usize) -> Self {
        let dim = raw_dim.div_ceil(LANES) * LANES;
        let mut data = vec![0f32; rows.len() * dim];
        for (r, row) in rows.iter().enumerate() {
            let norm = row
                .iter()
                .take(raw_dim)
                .map(|&x| f64::from(x) * f64::from(x))
                .sum::<f64>()
                .sqrt();
            if norm > 0.0 {
                for (d, &x) in row.iter().take(raw_dim).enumerate() {
                    data[r * dim + d] = (f64::from(x) / norm) as f32;
                }
            }
        }
        Self { dim, data }
    }

    pub fn len(&self) -> usize {
        self.data.len() / self.dim.max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn row(&self, r: usize) -> &[f32] {
        &self.data[r * self.dim..(r + 1) * self.dim]
    }
}

/// Dot product in [`LANES`] partial sums (a fixed order, so the same result everywhere).
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; LANES];
    for (ca, cb) in a.chunks_exact(LANES).zip(b.chunks_exact(LANES)) {
        for k in 0..LANES {
            acc[k] += ca[k] * cb[k];
        }
    }
    acc.iter().sum()
}

/// The centroid most like row `v` (ties: the lower index) and its similarity.
fn nearest(v: &[f32], cents: &Vectors) -> (u32, f32) {
    let mut best = (0u32, f32::NEG_INFINITY);
    for c in 0..cents.len() {
        let s = dot(v, cents.row(c));
        if s > best.1 {
            best = (c as u32, s);
        }
    }
    best
}

/// Clusters `vecs` into `k` groups; returns each row's cluster id. `progress` gets a line per
/// iteration.
pub fn cluster(
    vecs: &Vectors,
    k: usize,
    iterations: usize,
    seed: u64,
    progress: &mut dyn FnMut(&str),
) -> Vec<u32> {
    let n = vecs.len();
    let dim = vecs.dim;
    if n == 0 || k == 0 {
        return vec![0; n];
    }
    let k = k.min(n);
    let mut rng = fastrand::Rng::with_seed(seed);
    // k-means++: each next seed drawn with probability proportional to its distance
    // (1 - cosine) to the nearest seed so far
    let mut cents = Vectors {
        dim,
        data: Vec::with_capacity(k * dim),
    };
    let first = rng.usize(..n);
    cents.data.extend_from_slice(vecs.row(first));
    let mut dist: Vec<f64> = (0..n)
        .into_par_iter()
        .map(|r| f64::from((1.0 - dot(vecs.row(r), cents.row(0))).max(0.0)))
        .collect();
    while cents.len() < k {
        let total: f64 = dist.iter().sum();
        let pick = if total > 0.0 {
            let target = rng.f64() * total;
            let mut acc = 0.0;
            let mut pick = n - 1;
            for (r, &d) in dist.iter().enumerate() {
                acc += d;
                if acc > target {
                    pick = r;
                    break;
                }
            }
            pick
        } else {
            rng.usize(..n)
        };
        cents.data.extend_from_slice(vecs.row(pick));
        let c = cents.len() - 1;
        let cents_ref = &cents;
        dist.par_iter_mut().enumerate().for_each(|(r, d)| {
            let nd = f64::from((1.0 - dot(vecs.row(r), cents_ref.row(c))).max(0.0));
            if nd < *d {
                *d = nd;
            }
        });
    }
    let mut assign = vec![0u32; n];
    for it in 0..iterations {
        let found: Vec<(u32, f32)> = (0..n)
            .into_par_iter()
            .map(|r| nearest(vecs.row(r), &cents))
            .collect();
        let changed = found
            .iter()
            .zip(&assign)
            .filter(|((c, _), a)| c != *a)
            .count();
        let mean_sim = found.iter().map(|(_, s)| f64::from(*s)).sum::<f64>() / n as f64;
        for (a, (c, _)) in assign.iter_mut().zip(&found) {
            *a = *c;
        }
        progress(&format!(
            "k={k} iteration {}: {changed} changed, mean similarity {mean_sim:.4}",
            it + 1
        ));
        // new centroids: normalised sums of their members, in row order
        let mut sums = vec![0f64; k * dim];
        let mut counts = vec![0usize; k];
        for (r, &c) in assign.iter().enumerate() {
            counts[c as usize] += 1;
            let s = &mut sums[c as usize * dim..(c as usize + 1) * dim];
            for (acc, &x) in s.iter_mut().zip(vecs.row(r)) {
                *acc += f64::from(x);
            }
        }
        // an empty cluster takes the row least like its own centroid
        let mut worst: Vec<(usize, f32)> = found
            .iter()
            .enumerate()
            .map(|(r, (_, s))| (r, *s))
            .collect();
        worst.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let mut worst = worst.into_iter();
        for c in 0..k {
            let s = &mut sums[c * dim..(c + 1) * dim];
            if counts[c] == 0 {
                if let Some((r, _)) = worst.next() {
                    for (acc, &x) in s.iter_mut().zip(vecs.row(r)) {
                        *acc = f64::from(x);
                    }
                }
            }
            let norm = s.iter().map(|x| x * x).sum::<f64>().sqrt();
            let row = &mut cents.data[c * dim..(c + 1) * dim];
            if norm > 0.0 {
                for (v, x) in row.iter_mut().zip(s.iter()) {
                    *v = (x / norm) as f32;
                }
            }
        }
        if changed == 0 {
            break;
        }
    }
    assign
}
