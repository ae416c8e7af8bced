//! Training of the tagger: a greedy averaged perceptron (Collins 2002; Ratinov & Roth 2009)
//! over the same features and decoder as tagging, with optional case-augmented copies of the
//! training documents so that lowercase and all-caps text is not foreign to the model.

use crate::conll::{self, GoldDocument};
use crate::features::{self, DocContext};
use crate::tagger::{self, History, IdMap, Model, Resources, Scorer, NL};

/// Training options.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Share of documents that also get a lowercased copy (0 to 1).
    pub lowercase_share: f64,
    /// Share of documents that also get an all-caps copy.
    pub upper_share: f64,
    pub seed: u64,
    /// Features whose averaged weights all stay below this are dropped from the model.
    pub prune: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            epochs: 10,
            lowercase_share: 0.0,
            upper_share: 0.05,
            seed: 7,
            prune: 0.0,
        }
    }
}

struct Trainer {
    index: IdMap<u32>,
    w: Vec<[f32; NL]>,
    tot: Vec<[f32; NL]>,
    ts: Vec<[u32; NL]>,
    clock: u32,
}

impl Scorer for Trainer {
    fn add_scores(&self, feats: &[u64], scores: &mut [f32; NL]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for (s, w) in scores.iter_mut().zip(&self.w[r as usize]) {
                    *s += w;
                }
            }
        }
    }
}

impl Trainer {
    fn update(&mut self, feats: &[u64], label: usize, delta: f32) {
        for &f in feats {
            let next = self.w.len() as u32;
            let r = *self.index.entry(f).or_insert(next) as usize;
            if r == self.w.len() {
                self.w.push([0.0; NL]);
                self.tot.push([0.0; NL]);
                self.ts.push([0; NL]);
            }
            let elapsed = (self.clock - self.ts[r][label]) as f32;
            self.tot[r][label] += elapsed * self.w[r][label];
            self.ts[r][label] = self.clock;
            self.w[r][label] += delta;
        }
    }

    fn averaged(&self, prune: f32) -> Model {
        let c = self.clock.max(1) as f32;
        let mut rows = Vec::with_capacity(self.index.len());
        let mut entries: Vec<(u64, u32)> = self.index.iter().map(|(&h, &r)| (h, r)).collect();
        entries.sort_unstable();
        for (h, r) in entries {
            let r = r as usize;
            let mut avg = [0f32; NL];
            for (l, a) in avg.iter_mut().enumerate() {
                let total = self.tot[r][l] + (self.clock - self.ts[r][l]) as f32 * self.w[r][l];
                *a = total / c;
            }
            if avg.iter().any(|a| a.abs() > prune) {
                rows.push((h, avg));
            }
        }
        Model::from_rows(rows)
    }
}

/// A small deterministic generator (xorshift) for shuffling and sampling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One training document: words per sentence and gold BILOU labels.
struct TrainDoc {
    words: Vec<Vec<String>>,
    labels: Vec<Vec<u8>>,
}

fn to_train(doc: &GoldDocument, case: fn(&str) -> String) -> TrainDoc {
    TrainDoc {
        words: doc
            .sentences
            .iter()
            .map(|s| s.words.iter().map(|w| case(w)).collect())
            .collect(),
        labels: doc
            .sentences
            .iter()
            .map(|s| tagger::encode(s.words.len(), &conll::chunks(&s.tags)))
            .collect(),
    }
}

/// Trains a model. `progress` receives one line per epoch; `dev_eval`, when given, is called
/// after each epoch with the averaged model so far (for the log only: the last epoch is kept).
pub fn train(
    docs: &[GoldDocument],
    res: &Resources<'_>,
    opts: &TrainOptions,
    mut epoch_done: impl FnMut(usize, &Model),
) -> Model {
    let mut rng = Rng(opts.seed.max(1));
    let mut train_docs: Vec<TrainDoc> = Vec::new();
    for d in docs {
        train_docs.push(to_train(d, str::to_owned));
        if rng.unit() < opts.lowercase_share {
            train_docs.push(to_train(d, str::to_lowercase));
        }
        if rng.unit() < opts.upper_share {
            train_docs.push(to_train(d, str::to_uppercase));
        }
    }
    let mut tr = Trainer {
        index: IdMap::default(),
        w: Vec::new(),
        tot: Vec::new(),
        ts: Vec::new(),
        clock: 0,
    };
    let mut order: Vec<usize> = (0..train_docs.len()).collect();
    let mut feats = Vec::with_capacity(128);
    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &di in &order {
            let d = &train_docs[di];
            let sents: Vec<Vec<&str>> = d
                .words
                .iter()
                .map(|s| s.iter().map(String::as_str).collect())
                .collect();
            let doc = DocContext::new(&sents);
            let mut hist = History::default();
            for (words, gold) in sents.iter().zip(&d.labels) {
                let s = &doc.prepare(words, res.gazetteer, res.clusters);
                let n = s.toks.len();
                let (mut p1, mut p2) = (0u8, 0u8);
                let mut pred_labels = Vec::with_capacity(n);
                for (i, &g) in gold.iter().enumerate().take(n) {
                    tagger::token_feats(s, i, p1, p2, &hist, &mut feats);
                    let mut scores = [0f32; NL];
                    tr.add_scores(&feats, &mut scores);
                    let pred = tagger::best_label(&scores, p1, i + 1 == n);
                    tr.clock += 1;
                    if pred != g {
                        tr.update(&feats, g as usize, 1.0);
                        tr.update(&feats, pred as usize, -1.0);
                    }
                    pred_labels.push(pred);
                    p2 = p1;
                    p1 = pred;
                }
                hist.record(&s.toks, &pred_labels);
            }
        }
        let model = tr.averaged(opts.prune);
        epoch_done(epoch + 1, &model);
    }
    let _ = features::lower;
    tr.averaged(opts.prune)
}
