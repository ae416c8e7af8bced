//! Features of an (actor, entity target) candidate for the polarity model: what decides
//! whether the actor's words take a side toward the target (detection), and which side
//! (polarity). Both read the evidence units with the cues the lexicon found in them (VADER,
//! the stance cues, `--lexicon` entries, turned by negators and flipping frames), how each
//! unit refers to the target, where the target stands relative to the polar words, and word
//! clusters learnt from `GloVe` (`lede-words`), which carry what a word is like to words the
//! small training set never saw.

use lede_core::Document;
use lede_entity::{EntityOutput, EntityType};
use lede_quote::{QuoteKind, Resolution};

use crate::evidence::Unit;
use crate::linear::{Features, Fx};
use crate::targets::ENTITY;
use crate::tokens::Words;
use crate::types::{CueHit, TargetVia};
use crate::words::is_stopword;

/// Hash bits of the detection stage (few, mostly structural features).
pub const DETECT_BITS: u32 = 14;
/// Hash bits of the polarity stage (cue words and clusters).
pub const POLARITY_BITS: u32 = 16;

/// What the document says about each entity: how often and how early it is named, and
/// whether the headline names it (the article's main actors are the ones it is about).
pub(crate) struct DocStats {
    mentions: Vec<usize>,
    /// 0 = the most mentioned entity of its type group (people; organisations and others).
    rank: Vec<usize>,
    in_headline: Vec<bool>,
}

impl DocStats {
    pub(crate) fn new(doc: &Document, entities: &EntityOutput) -> Self {
        let n = entities.entities.len();
        let mentions: Vec<usize> = entities.entities.iter().map(|e| e.mentions.len()).collect();
        let mut rank = vec![usize::MAX; n];
        for people in [true, false] {
            let mut ids: Vec<usize> = (0..n)
                .filter(|&i| (entities.entities[i].etype == EntityType::Person) == people)
                .collect();
            ids.sort_by_key(|&i| (std::cmp::Reverse(mentions[i]), i));
            for (r, i) in ids.into_iter().enumerate() {
                rank[i] = r;
            }
        }
        let mut in_headline = vec![false; n];
        if let Some(h) = doc.metadata.headline_span() {
            for m in &entities.mentions {
                if h.contains(m.span.span()) {
                    if let Some(x) = in_headline.get_mut(m.entity) {
                        *x = true;
                    }
                }
            }
        }
        Self {
            mentions,
            rank,
            in_headline,
        }
    }
}

/// One evidence unit of a candidate, with how it refers to the target and its cues.
pub(crate) struct Piece<'a, 'w> {
    pub(crate) unit: &'a Unit<'w>,
    pub(crate) via: TargetVia,
    pub(crate) score: f64,
    pub(crate) cues: &'a [CueHit],
}

/// The candidate's surroundings.
pub(crate) struct Scene<'a> {
    pub(crate) words: &'a Words,
    pub(crate) entities: &'a EntityOutput,
    pub(crate) stats: &'a DocStats,
    /// The target's marks (`TargetSpec::flags`).
    pub(crate) flags: &'a [u8],
    pub(crate) target: Option<usize>,
    /// The entities of the targets the analyser was asked about (or detected in the
    /// headline): an actor among them is one the reader cares about.
    pub(crate) target_entities: &'a [usize],
    /// How many evidence units the actor has in the whole article.
    pub(crate) actor_units: usize,
}

fn via_name(v: TargetVia) -> &'static str {
    match v {
        TargetVia::Name => "name",
        TargetVia::Pronoun => "pronoun",
        TargetVia::Context => "context",
        TargetVia::Own => "own",
    }
}

fn kind_name(k: Option<QuoteKind>) -> &'static str {
    match k {
        Some(QuoteKind::Direct) => "direct",
        Some(QuoteKind::Partial) => "partial",
        Some(QuoteKind::Indirect) => "indirect",
        Some(QuoteKind::Term) => "term",
        None => "reported",
    }
}

fn resolution_name(r: Option<Resolution>) -> &'static str {
    match r {
        Some(Resolution::Name) => "name",
        Some(Resolution::Pronoun) => "pronoun",
        Some(Resolution::Role) => "role",
        Some(Resolution::Appositive) => "appositive",
        Some(Resolution::Context) => "context",
        Some(Resolution::Description) => "description",
        None => "none",
    }
}

/// Token positions in the unit that stand for the target: its marked names and the pronouns
/// resolved to it.
fn target_tokens(scene: &Scene, u: &Unit) -> Vec<usize> {
    let (a, b) = u.toks;
    let mut t: Vec<usize> = (a..b)
        .filter(|&i| scene.flags.get(i).is_some_and(|f| f & ENTITY != 0))
        .collect();
    for &(i, e) in &u.pronouns {
        if Some(e) == scene.target {
            t.push(i);
        }
    }
    t.sort_unstable();
    t
}

/// Token positions of each cue hit.
fn cue_tokens(words: &Words, cues: &[CueHit]) -> Vec<(usize, f64)> {
    cues.iter()
        .map(|c| (words.range(c.span.span()).0, c.weight))
        .collect()
}

fn entity_features(fx: &mut Fx, prefix: &str, e: Option<usize>, scene: &Scene) {
    let Some(ent) = e.and_then(|e| scene.entities.entities.get(e)) else {
        fx.word(prefix, "none");
        return;
    };
    let t = match ent.etype {
        EntityType::Person => "per",
        EntityType::Org => "org",
        EntityType::Loc => "loc",
        EntityType::Misc => "misc",
    };
    fx.word(prefix, t);
    let m = scene.stats.mentions.get(ent.id).copied().unwrap_or(0) as f32;
    fx.bins(&format!("{prefix}mentions"), m, &[2.0, 3.0, 5.0, 8.0, 12.0]);
    let r = scene.stats.rank.get(ent.id).copied().unwrap_or(usize::MAX);
    fx.word(prefix, ["rank0", "rank1", "rank2", "rank3+"][r.min(3)]);
    if scene
        .stats
        .in_headline
        .get(ent.id)
        .copied()
        .unwrap_or(false)
    {
        fx.word(prefix, "headline");
    }
    if ent.actor {
        fx.word(prefix, "institution");
    }
}

/// Features of the detection stage: does the actor take a side toward the target here?
pub(crate) fn detect_features(scene: &Scene, pieces: &[Piece]) -> Features {
    let mut out = Features::new();
    let mut fx = Fx {
        bits: DETECT_BITS,
        out: &mut out,
    };
    fx.flag("bias");
    let Some(first) = pieces.first() else {
        return out;
    };
    entity_features(&mut fx, "t:", scene.target, scene);
    let group = first
        .unit
        .actor_entity
        .and_then(|e| scene.entities.entities.get(e))
        .is_none_or(|e| e.canonical != first.unit.actor);
    if group {
        fx.flag("a:group");
    }
    entity_features(&mut fx, "a:", first.unit.actor_entity, scene);
    if first
        .unit
        .actor_entity
        .is_some_and(|e| scene.target_entities.contains(&e))
    {
        fx.flag("a:is_target");
    }
    fx.bins(
        "a:units",
        scene.actor_units as f32,
        &[2.0, 3.0, 5.0, 8.0, 12.0],
    );
    let best = pieces.iter().map(|p| p.via).min().unwrap_or_default();
    fx.word("best", via_name(best));
    let mut vias = [0usize; 4];
    let (mut n_cues, mut n_pos, mut n_neg, mut quoted) = (0usize, 0usize, 0usize, 0usize);
    let mut max_cue = 0.0f64;
    let mut sum = 0.0f64;
    let mut min_dist = usize::MAX;
    let mut target_first = 0usize;
    let mut target_toks = 0usize;
    for p in pieces {
        vias[p.via as usize] += 1;
        fx.word("kind", kind_name(p.unit.quote_kind));
        fx.word("res", resolution_name(p.unit.resolution));
        quoted += usize::from(p.unit.quoted);
        sum += p.score;
        let cues = cue_tokens(scene.words, p.cues);
        for &(_, w) in &cues {
            n_cues += 1;
            if w > 0.0 {
                n_pos += 1;
            } else if w < 0.0 {
                n_neg += 1;
            }
            max_cue = max_cue.max(w.abs());
        }
        let tt = target_tokens(scene, p.unit);
        target_toks += tt.len();
        for &t in &tt {
            for &(c, _) in &cues {
                min_dist = min_dist.min(t.abs_diff(c));
            }
        }
        if let (Some(&t), Some(&(c, _))) = (tt.first(), cues.first()) {
            target_first += usize::from(t < c);
        }
        let len = (p.unit.toks.1 - p.unit.toks.0) as f32;
        fx.bins("len", len, &[6.0, 12.0, 25.0, 50.0]);
    }
    for (v, n) in [
        TargetVia::Name,
        TargetVia::Pronoun,
        TargetVia::Context,
        TargetVia::Own,
    ]
    .into_iter()
    .zip(vias)
    {
        fx.bins(&format!("via:{}", via_name(v)), n as f32, &[1.0, 2.0, 4.0]);
    }
    fx.bins("pieces", pieces.len() as f32, &[2.0, 3.0, 5.0, 8.0]);
    fx.bins("quoted", quoted as f32, &[1.0, 2.0, 4.0]);
    fx.bins("cues", n_cues as f32, &[1.0, 2.0, 3.0, 5.0, 8.0]);
    fx.bins("pos", n_pos as f32, &[1.0, 2.0, 4.0]);
    fx.bins("neg", n_neg as f32, &[1.0, 2.0, 4.0]);
    fx.bins("maxcue", max_cue as f32, &[1.0, 1.5, 2.0, 2.5, 3.0]);
    fx.bins("abssum", sum.abs() as f32, &[0.5, 1.0, 2.0, 4.0, 8.0]);
    fx.bins("ttoks", target_toks as f32, &[1.0, 2.0, 4.0]);
    if min_dist != usize::MAX {
        fx.word(
            "dist",
            match min_dist {
                0..=2 => "2",
                3..=5 => "5",
                6..=10 => "10",
                _ => "far",
            },
        );
    }
    if target_first > 0 {
        fx.flag("target_before_cue");
    }
    out
}

/// Features of the polarity stage: which side the actor's words take toward the target.
pub(crate) fn polarity_features(scene: &Scene, pieces: &[Piece]) -> Features {
    let mut out = Features::new();
    let mut fx = Fx {
        bits: POLARITY_BITS,
        out: &mut out,
    };
    fx.flag("bias");
    let words = scene.words;
    let sum: f64 = pieces.iter().map(|p| p.score).sum();
    fx.bins("s+", sum as f32, &[0.3, 1.0, 2.0, 3.0, 5.0]);
    fx.bins("s-", -sum as f32, &[0.3, 1.0, 2.0, 3.0, 5.0]);
    let (mut n_pos, mut n_neg, mut flipped) = (0usize, 0usize, 0usize);
    let mut content: Vec<usize> = Vec::new();
    let mut near: Vec<usize> = Vec::new();
    let mut first_person = 0usize;
    for p in pieces {
        fx.word("via", via_name(p.via));
        fx.word("kind", kind_name(p.unit.quote_kind));
        if p.score > 0.0 {
            fx.flag("unit+");
        } else if p.score < 0.0 {
            fx.flag("unit-");
        }
        for c in p.cues {
            let w = c.span.text.to_lowercase();
            let sign = if c.weight > 0.0 { "+" } else { "-" };
            fx.add(&[b"cue", sign.as_bytes(), w.as_bytes()], 1.0);
            if c.weight > 0.0 {
                n_pos += 1;
            } else if c.weight < 0.0 {
                n_neg += 1;
            }
            if c.flipped_by.is_some() {
                flipped += 1;
                fx.add(&[b"flipped", sign.as_bytes()], 1.0);
            }
        }
        let tt = target_tokens(scene, p.unit);
        let (a, b) = p.unit.toks;
        for i in a..b {
            let w = words.lower[i].as_str();
            if matches!(w, "i" | "we" | "my" | "our" | "me" | "us") {
                first_person += 1;
            }
            if words.is_punct(i) {
                if w == "?" {
                    fx.flag("question");
                }
                continue;
            }
            if words.in_mention[i] || is_stopword(w) || scene.flags[i] != 0 {
                continue;
            }
            content.push(i);
            if tt.iter().any(|&t| t.abs_diff(i) <= 4) {
                near.push(i);
            }
        }
    }
    fx.bins("npos", n_pos as f32, &[1.0, 2.0, 3.0, 5.0]);
    fx.bins("nneg", n_neg as f32, &[1.0, 2.0, 3.0, 5.0]);
    fx.bins("flipped", flipped as f32, &[1.0, 2.0]);
    fx.bins("first_person", first_person as f32, &[1.0, 3.0]);
    let norm = |n: usize| 1.0 / (n.max(1) as f32).sqrt();
    let wn = norm(content.len());
    for &i in &content {
        if let Some(info) = lede_words::lookup_lower(&words.lower[i]) {
            fx.add(&[b"k1", &info.cluster(1).to_le_bytes()], wn);
            fx.add(&[b"k2", &info.cluster(2).to_le_bytes()], wn);
        }
    }
    let nn = norm(near.len());
    for &i in &near {
        if let Some(info) = lede_words::lookup_lower(&words.lower[i]) {
            fx.add(&[b"n2", &info.cluster(2).to_le_bytes()], nn);
        }
    }
    out
}
