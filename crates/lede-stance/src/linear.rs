//! Multinomial logistic regression over hashed sparse features: averaged SGD training, and a
//! compact quantised file format. Shared by the FNC-1 model and the actor/target polarity
//! model.

/// A sparse feature vector: (hashed index, value).
pub type Features = Vec<(u32, f32)>;

/// Builds a hashed feature vector: each feature's name (a few byte strings) is hashed into
/// `bits` bits.
pub struct Fx<'a> {
    pub bits: u32,
    pub out: &'a mut Features,
}

impl Fx<'_> {
    pub fn add(&mut self, parts: &[&[u8]], v: f32) {
        let idx = (crate::words::fnv1a(parts) & ((1u64 << self.bits) - 1)) as u32;
        self.out.push((idx, v));
    }

    pub fn flag(&mut self, name: &str) {
        self.add(&[name.as_bytes()], 1.0);
    }

    pub fn word(&mut self, prefix: &str, w: &str) {
        self.add(&[prefix.as_bytes(), w.as_bytes()], 1.0);
    }

    /// Cumulative threshold features: `name>=t` for every threshold `t <= v`.
    pub fn bins(&mut self, name: &str, v: f32, thresholds: &[f32]) {
        for (i, &t) in thresholds.iter().enumerate() {
            if v >= t {
                self.add(&[name.as_bytes(), &[i as u8]], 1.0);
            }
        }
    }
}

/// A model file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FormatError(pub String);

/// Training settings of [`Linear::train_with`].
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Initial learning rate.
    pub lr: f32,
    /// L2 penalty per update.
    pub l2: f32,
    pub seed: u64,
}

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
        let mut s = self.scores(x);
        softmax(&mut s);
        s
    }

    /// The class scores (logits) before the softmax.
    pub fn scores(&self, x: &[(u32, f32)]) -> Vec<f32> {
        let mut s = vec![0.0f32; self.classes];
        for &(i, v) in x {
            let base = i as usize * self.classes;
            for (c, sc) in s.iter_mut().enumerate() {
                *sc += self.w.get(base + c).copied().unwrap_or(0.0) * v;
            }
        }
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
        self.train_with(
            xs,
            ys,
            class_weight,
            TrainOptions {
                epochs,
                lr: 0.1,
                l2: 1e-6,
                seed,
            },
        );
    }

    /// [`Linear::train`] with every setting given.
    #[allow(clippy::many_single_char_names)]
    pub fn train_with(
        &mut self,
        xs: &[Features],
        ys: &[usize],
        class_weight: &[f32],
        opts: TrainOptions,
    ) {
        let k = self.classes;
        let mut acc = vec![0.0f32; self.w.len()];
        let mut order: Vec<usize> = (0..xs.len()).collect();
        let mut rng = fastrand::Rng::with_seed(opts.seed);
        let mut t = 1.0f32;
        let lr0 = opts.lr;
        let l2 = opts.l2;
        for _ in 0..opts.epochs {
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

    pub fn write(&self, out: &mut Vec<u8>) {
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

    pub fn read(r: &mut Reader) -> Result<Self, FormatError> {
        let k = r.u32()? as usize;
        let bits = r.u32()?;
        if k == 0 || k > 8 || bits > 24 {
            return Err(FormatError("bad linear model header".into()));
        }
        let scale = f32::from_bits(r.u32()?);
        let n = r.u32()? as usize;
        let mut m = Linear::new(k, bits);
        let mut idx = 0u32;
        for _ in 0..n {
            idx = idx
                .checked_add(r.u32()?)
                .ok_or_else(|| FormatError("bad index".into()))?;
            let base = idx as usize * k;
            if base + k > m.w.len() {
                return Err(FormatError("index out of range".into()));
            }
            for c in 0..k {
                m.w[base + c] = f32::from(r.i16()?) * scale;
            }
        }
        Ok(m)
    }
}

pub fn softmax(s: &mut [f32]) {
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

/// Reads a model file from the front.
pub struct Reader<'a> {
    pub b: &'a [u8],
    pub pos: usize,
}

impl Reader<'_> {
    pub fn take(&mut self, n: usize) -> Result<&[u8], FormatError> {
        let s = self
            .b
            .get(self.pos..self.pos + n)
            .ok_or_else(|| FormatError("truncated model file".into()))?;
        self.pos += n;
        Ok(s)
    }

    pub fn u32(&mut self) -> Result<u32, FormatError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }

    pub fn i16(&mut self) -> Result<i16, FormatError> {
        let s = self.take(2)?;
        Ok(i16::from_le_bytes([s[0], s[1]]))
    }
}
