//! A learnt filter over the attributions the rules build: an averaged perceptron, trained on
//! `PolNeAR`'s training split (`examples/learn_filter.rs`, `MODEL_CARD.md`), scores each direct
//! or indirect attribution with a cue from what stands around it (the cue and the words beside
//! it, the kind, the shape of the source and of the content, how the speaker was resolved), and
//! the analyser drops those scoring below [`MIN_SCORE`]: mostly verbs of the learnt cue table in
//! senses that report nothing (`polls show a tie`, `the levy adds 1.5 percent`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::types::{Quotation, QuoteKind};

/// Attributions scoring below this are dropped. Chosen by five-fold cross-validation on the
/// training split (the score is a sum of perceptron weights; see `MODEL_CARD.md`).
pub const MIN_SCORE: f64 = -5.0;

/// The weights, `feature<TAB>weight` lines (the training example writes them sorted).
const MODEL: &str = include_str!("../model/attribution_filter.tsv");

fn model() -> &'static BTreeMap<&'static str, f64> {
    static M: OnceLock<BTreeMap<&'static str, f64>> = OnceLock::new();
    M.get_or_init(|| {
        MODEL
            .lines()
            .filter_map(|l| {
                let (f, w) = l.rsplit_once('\t')?;
                Some((f, w.parse().ok()?))
            })
            .collect()
    })
}

/// The features of an attribution (`q` built by the rules, with its speaker resolved).
/// Public for the training example; the same function serves training and use.
pub fn features(text: &str, q: &Quotation) -> Vec<String> {
    let Some(cue) = &q.cue else {
        return Vec::new();
    };
    let lower = |s: &str| s.to_lowercase();
    let cue_l = lower(&cue.text);
    let first_word = |s: &str| s.split_whitespace().next().map(&lower).unwrap_or_default();
    let last_word = |s: &str| s.split_whitespace().last().map(&lower).unwrap_or_default();
    let clip = |s: String| s.chars().take(6).collect::<String>();
    let next = clip(first_word(text.get(cue.end..).unwrap_or("")));
    // (the word before the cue from a short window: `last_word` of the whole text before it
    // would cost time in proportion to the article)
    let mut from = cue.start.saturating_sub(64);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let prev = clip(last_word(text.get(from..cue.start).unwrap_or("")));
    let kind = match q.kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Term => "term",
    };
    let src = q.source.as_ref().map_or("", |s| s.text.as_str());
    let src_shape = match src.chars().next() {
        None => "none",
        Some(c) if c.is_uppercase() => "cap",
        Some(_) => "low",
    };
    let content = q.parts.first().map_or("", |p| p.text.as_str());
    let via = q
        .speaker
        .as_ref()
        .map_or_else(|| "none".to_owned(), |s| format!("{:?}", s.via));
    vec![
        format!("cue={cue_l}"),
        format!("w1={}", first_word(&cue_l)),
        format!("wl={}", last_word(&cue_l)),
        format!("nxt={next}"),
        format!("prv={prev}"),
        format!("kind={kind}"),
        format!(
            "src0={}",
            if src.is_empty() {
                "NONE".to_owned()
            } else {
                first_word(src)
            }
        ),
        format!("srcshape={src_shape}"),
        format!("srclen={}", src.split_whitespace().count().min(6)),
        format!("c0={}", first_word(content)),
        format!("clen={}", (content.split_whitespace().count() / 3).min(6)),
        format!("via={via}"),
        format!("conf={:.1}", q.confidence),
        format!("cue+kind={cue_l}|{kind}"),
        format!("cue+nxt={cue_l}|{next}"),
        "BIAS".to_owned(),
    ]
}

/// The perceptron's score of an attribution (`None` for one the filter does not judge: terms,
/// partial quotations and anything without a cue).
pub fn score(text: &str, q: &Quotation) -> Option<f64> {
    if q.kind != QuoteKind::Indirect || q.cue.is_none() {
        return None;
    }
    let m = model();
    Some(
        features(text, q)
            .iter()
            .filter_map(|f| m.get(f.as_str()))
            .sum(),
    )
}
