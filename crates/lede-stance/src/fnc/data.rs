//! The FNC-1 files, the train/dev splits, and the official score.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

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

impl From<crate::linear::FormatError> for FncError {
    fn from(e: crate::linear::FormatError) -> Self {
        FncError::Model(e.0)
    }
}

/// The seed of the train/dev splits of the FNC-1 training file.
pub const SPLIT_SEED: u64 = 20_170_601;

/// Which pairs to use.
///
/// FNC-1 groups its headlines and bodies by claim: every headline is paired with the bodies
/// reporting its claim (agree, disagree, discuss) and with bodies of other claims
/// (unrelated). The competition test has claims of its own, so its headlines *and* bodies are
/// all unseen. [`Split::Train`] and [`Split::Dev`] reproduce that: a claim is the connected
/// group of headlines and bodies joined by related pairs, and 20% of the claims (chosen by a
/// seeded hash of the claim's lowest body id) are dev. A pair belongs to a side when its
/// headline and its body both do; an original unrelated pair of a dev headline with a training
/// body keeps its headline and gets a body drawn from another dev claim instead (seeded), as
/// the competition test drew its unrelated pairs among its own bodies. Training never sees a
/// dev headline or body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Split {
    /// Pairs whose headline and body both belong to the 80% training claims.
    Train,
    /// Pairs of the 20% dev claims: unseen headlines and unseen bodies.
    Dev,
    /// The first split (kept for comparison): 80% of the bodies by body id, all headlines
    /// shared, so that dev claims are seen in training.
    TrainByBody,
    /// The dev part of the split by body id.
    DevByBody,
    /// Every pair (e.g. the official competition test files).
    #[default]
    All,
}

/// True when body `id` belongs to the 20% dev part of the split by body id
/// ([`Split::DevByBody`]): a seeded hash of the id, independent of the other bodies.
pub fn is_dev_body(id: u32) -> bool {
    fastrand::Rng::with_seed(SPLIT_SEED ^ (u64::from(id) << 20)).u32(..100) >= 80
}

/// True when the claim whose lowest body id is `key` is a dev claim ([`Split::Dev`]).
fn is_dev_claim(key: u32) -> bool {
    fastrand::Rng::with_seed(SPLIT_SEED.rotate_left(17) ^ u64::from(key)).u32(..100) < 20
}

/// The root of `x` in a union-find forest, halving the path on the way.
fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Claims: groups of headlines and bodies joined by related pairs (union-find).
struct Claims {
    /// Claim key (its lowest body id) of each headline and each body.
    headline: BTreeMap<String, u32>,
    body: BTreeMap<u32, u32>,
}

impl Claims {
    fn new(data: &FncData) -> Self {
        // nodes: bodies by id, headlines after them
        let bodies: Vec<u32> = data.bodies.keys().copied().collect();
        let mut heads: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &data.pairs {
            let n = bodies.len() + heads.len();
            heads.entry(p.headline.as_str()).or_insert(n);
        }
        let mut parent: Vec<usize> = (0..bodies.len() + heads.len()).collect();
        for p in data.pairs.iter().filter(|p| p.label != FncLabel::Unrelated) {
            let (Ok(b), Some(&h)) = (
                bodies.binary_search(&p.body_id),
                heads.get(p.headline.as_str()),
            ) else {
                continue;
            };
            let (rb, rh) = (find(&mut parent, b), find(&mut parent, h));
            parent[rb.max(rh)] = rb.min(rh);
        }
        // bodies come first and in id order, so a root that is a body is the lowest body id
        // of its group; a group without a body (a headline never related) is keyed past them
        let key = |parent: &mut [usize], x: usize| -> u32 {
            let r = find(parent, x);
            bodies.get(r).copied().unwrap_or(u32::MAX - r as u32)
        };
        let body = bodies
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, key(&mut parent, i)))
            .collect();
        let headline = heads
            .iter()
            .map(|(h, &i)| ((*h).to_owned(), key(&mut parent, i)))
            .collect();
        Self { headline, body }
    }
}

impl FncData {
    /// The pairs of a split, in file order (see [`Split`] for how dev pairs are made).
    pub fn split(&self, split: Split) -> Vec<FncPair> {
        match split {
            Split::All => self.pairs.clone(),
            Split::TrainByBody | Split::DevByBody => self
                .pairs
                .iter()
                .filter(|p| is_dev_body(p.body_id) == (split == Split::DevByBody))
                .cloned()
                .collect(),
            Split::Train | Split::Dev => {
                let claims = Claims::new(self);
                let dev_body = |id: u32| claims.body.get(&id).is_some_and(|&k| is_dev_claim(k));
                let dev_head = |h: &str| claims.headline.get(h).is_some_and(|&k| is_dev_claim(k));
                let want_dev = split == Split::Dev;
                // dev bodies by claim, for the drawn unrelated pairs
                let dev_bodies: Vec<(u32, u32)> = claims
                    .body
                    .iter()
                    .filter(|(_, &k)| is_dev_claim(k))
                    .map(|(&id, &k)| (id, k))
                    .collect();
                let mut rng = fastrand::Rng::with_seed(SPLIT_SEED);
                let mut out = Vec::new();
                for p in &self.pairs {
                    let (h, b) = (dev_head(&p.headline), dev_body(p.body_id));
                    if h == want_dev && b == want_dev {
                        out.push(p.clone());
                    } else if want_dev && h && p.label == FncLabel::Unrelated {
                        let own = claims.headline.get(&p.headline).copied();
                        let others = dev_bodies.iter().filter(|(_, k)| Some(*k) != own).count();
                        if others == 0 {
                            continue;
                        }
                        let pick = rng.usize(..others);
                        if let Some(&(id, _)) =
                            dev_bodies.iter().filter(|(_, k)| Some(*k) != own).nth(pick)
                        {
                            out.push(FncPair {
                                headline: p.headline.clone(),
                                body_id: id,
                                label: FncLabel::Unrelated,
                            });
                        }
                    }
                }
                out
            }
        }
    }

    /// The claim key (lowest body id of its group) of every pair's headline, for
    /// cross-validation folds that keep each claim whole (a related pair's body is of the same
    /// claim).
    pub fn claim_keys<'a>(&self, pairs: impl IntoIterator<Item = &'a FncPair>) -> Vec<u32> {
        let claims = Claims::new(self);
        pairs
            .into_iter()
            .map(|p| {
                claims
                    .headline
                    .get(&p.headline)
                    .copied()
                    .unwrap_or(p.body_id)
            })
            .collect()
    }

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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

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
    fn split_by_body_is_roughly_80_20() {
        let dev = (0..10_000u32).filter(|&i| is_dev_body(i)).count();
        assert!((1_700..2_300).contains(&dev), "{dev}");
    }

    #[test]
    fn claim_split_keeps_headlines_and_bodies_apart() {
        // five claims of two bodies and two headlines each, every headline paired with every
        // body; many seeds' worth of claims so that both sides get some
        let mut data = FncData::default();
        for c in 0..40u32 {
            for b in 0..2 {
                data.bodies.insert(c * 10 + b, format!("body {c} {b}"));
            }
        }
        for c in 0..40u32 {
            for h in 0..2 {
                for c2 in 0..40u32 {
                    for b in 0..2 {
                        data.pairs.push(FncPair {
                            headline: format!("claim {c} headline {h}"),
                            body_id: c2 * 10 + b,
                            label: if c == c2 {
                                FncLabel::Agree
                            } else {
                                FncLabel::Unrelated
                            },
                        });
                    }
                }
            }
        }
        let train = data.split(Split::Train);
        let dev = data.split(Split::Dev);
        assert!(!train.is_empty() && !dev.is_empty());
        let heads: BTreeSet<&str> = train.iter().map(|p| p.headline.as_str()).collect();
        let bodies: BTreeSet<u32> = train.iter().map(|p| p.body_id).collect();
        assert!(dev
            .iter()
            .all(|p| !heads.contains(p.headline.as_str()) && !bodies.contains(&p.body_id)));
        // every dev headline keeps its number of pairs: unrelated ones get dev bodies
        let n = |ps: &[FncPair], h: &str| ps.iter().filter(|p| p.headline == h).count();
        assert!(dev
            .iter()
            .all(|p| n(&dev, &p.headline) == n(&data.pairs, &p.headline)));
        assert!(dev
            .iter()
            .filter(|p| p.label == FncLabel::Unrelated)
            .all(|p| p.body_id / 10
                != p.headline[6..]
                    .split(' ')
                    .next()
                    .unwrap()
                    .parse::<u32>()
                    .unwrap()));
    }
}
