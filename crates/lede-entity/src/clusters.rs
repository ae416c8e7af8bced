//! Word clusters learnt from unlabelled news text, used as tagger features (as Brown clusters
//! are in Ratinov & Roth 2009). Each frequent lowercase word gets a context vector (counts of
//! its left and right neighbours among the most frequent words, square-rooted and
//! normalised); the vocabulary is split in two by 2-means on cosine similarity, recursively,
//! and a word's cluster is its path of left/right choices: a bit string whose prefixes are
//! coarser clusters. Deterministic: same text, same clusters.

use std::collections::HashMap;

use lede_core::Span;

/// Options of the clustering.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Words kept (the most frequent ones seen at least `min_count` times).
    pub vocab: usize,
    pub min_count: usize,
    /// Context words (the most frequent ones).
    pub contexts: usize,
    /// Depth of the binary tree (length of the bit strings).
    pub depth: usize,
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        Self {
            vocab: 50_000,
            min_count: 2,
            contexts: 2000,
            depth: 16,
            iterations: 6,
        }
    }
}

/// Counts unigrams and neighbour pairs over texts.
#[derive(Default)]
pub struct Counter {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    counts: Vec<u64>,
    /// (word, neighbour, side) -> count
    pairs: HashMap<(u32, u32, bool), u32>,
}

impl Counter {
    fn id(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let i = self.words.len() as u32;
        self.ids.insert(w.to_owned(), i);
        self.words.push(w.to_owned());
        self.counts.push(0);
        i
    }

    /// Adds one text: tokenized with the shared tokenizer, lowercased.
    pub fn add_text(&mut self, text: &str) {
        let mut toks = Vec::new();
        lede_core::text::tokenize_into(text, Span::new(0, text.len()), &mut toks);
        let ids: Vec<u32> = toks
            .iter()
            .map(|t| {
                let w = crate::features::lower(t.span.slice(text));
                let w = if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    "<num>".to_owned()
                } else {
                    w
                };
                self.id(&w)
            })
            .collect();
        for (k, &i) in ids.iter().enumerate() {
            self.counts[i as usize] += 1;
            if k > 0 {
                *self.pairs.entry((i, ids[k - 1], false)).or_default() += 1;
            }
            if k + 1 < ids.len() {
                *self.pairs.entry((i, ids[k + 1], true)).or_default() += 1;
            }
        }
    }

    /// Clusters the vocabulary: (word, bit string) pairs sorted by word.
    pub fn cluster(&self, opts: &ClusterOptions) -> Vec<(String, String)> {
        let mut by_freq: Vec<u32> = (0..self.words.len() as u32).collect();
        by_freq.sort_by(|&a, &b| {
            self.counts[b as usize]
                .cmp(&self.counts[a as usize])
                .then_with(|| self.words[a as usize].cmp(&self.words[b as usize]))
        });
        let vocab: Vec<u32> = by_freq
            .iter()
            .copied()
            .filter(|&i| self.counts[i as usize] >= opts.min_count as u64)
            .take(opts.vocab)
            .collect();
        let ctx_index: HashMap<u32, usize> = by_freq
            .iter()
            .take(opts.contexts)
            .enumerate()
            .map(|(k, &i)| (i, k))
            .collect();
        let dims = opts.contexts * 2;
        let row_of: HashMap<u32, usize> = vocab.iter().enumerate().map(|(r, &i)| (i, r)).collect();
        let mut rows: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocab.len()];
        let mut pairs: Vec<(&(u32, u32, bool), &u32)> = self.pairs.iter().collect();
        pairs.sort_unstable();
        for (&(w, n, right), &c) in pairs {
            let (Some(&r), Some(&k)) = (row_of.get(&w), ctx_index.get(&n)) else {
                continue;
            };
            let d = k + if right { opts.contexts } else { 0 };
            rows[r].push((d as u32, (c as f32).sqrt()));
        }
        for row in &mut rows {
            let norm = row.iter().map(|(_, v)| v * v).sum::<f32>().sqrt().max(1e-9);
            for (_, v) in row.iter_mut() {
                *v /= norm;
            }
        }
        let mut codes = vec![String::new(); vocab.len()];
        // words never seen next to a context word have no vector: they get no cluster
        let all: Vec<usize> = (0..vocab.len()).filter(|&r| !rows[r].is_empty()).collect();
        split(&rows, dims, &all, 0, opts, &mut codes);
        let mut out: Vec<(String, String)> = vocab
            .iter()
            .zip(codes)
            .map(|(&i, c)| (self.words[i as usize].clone(), c))
            .filter(|(_, c)| !c.is_empty())
            .collect();
        out.sort();
        out
    }
}

fn dot(row: &[(u32, f32)], c: &[f32]) -> f32 {
    row.iter().map(|&(d, v)| v * c[d as usize]).sum()
}

fn split(
    rows: &[Vec<(u32, f32)>],
    dims: usize,
    members: &[usize],
    depth: usize,
    opts: &ClusterOptions,
    codes: &mut [String],
) {
    if depth >= opts.depth || members.len() < 2 {
        return;
    }
    let dense = |r: usize| {
        let mut v = vec![0f32; dims];
        for &(d, x) in &rows[r] {
            v[d as usize] = x;
        }
        v
    };
    // seeds: the member least like the mean, and the member least like that one
    let mut mean = vec![0f32; dims];
    for &m in members {
        for &(d, x) in &rows[m] {
            mean[d as usize] += x;
        }
    }
    let least_like = |c: &[f32]| {
        members
            .iter()
            .copied()
            .min_by(|&a, &b| dot(&rows[a], c).total_cmp(&dot(&rows[b], c)))
            .unwrap_or(members[0])
    };
    let a = least_like(&mean);
    let ca = dense(a);
    let b = least_like(&ca);
    let mut cents = [dense(b), ca];
    let mut side = vec![false; members.len()];
    for _ in 0..opts.iterations {
        for (k, &m) in members.iter().enumerate() {
            side[k] = dot(&rows[m], &cents[1]) > dot(&rows[m], &cents[0]);
        }
        let mut sums = [vec![0f32; dims], vec![0f32; dims]];
        for (k, &m) in members.iter().enumerate() {
            let s = &mut sums[usize::from(side[k])];
            for &(d, x) in &rows[m] {
                s[d as usize] += x;
            }
        }
        for (c, s) in cents.iter_mut().zip(sums) {
            let norm = s.iter().map(|v| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                *c = s.into_iter().map(|v| v / norm).collect();
            }
        }
    }
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (k, &m) in members.iter().enumerate() {
        if side[k] {
            right.push(m);
            codes[m].push('1');
        } else {
            left.push(m);
            codes[m].push('0');
        }
    }
    if left.is_empty() || right.is_empty() {
        return;
    }
    split(rows, dims, &left, depth + 1, opts, codes);
    split(rows, dims, &right, depth + 1, opts, codes);
}

/// The cluster file: deflated `word<TAB>bits` lines.
pub fn to_bytes(clusters: &[(String, String)]) -> Vec<u8> {
    let mut text = String::new();
    for (w, c) in clusters {
        if w.contains(['\t', '\n']) {
            continue;
        }
        text.push_str(w);
        text.push('\t');
        text.push_str(c);
        text.push('\n');
    }
    miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9)
}
