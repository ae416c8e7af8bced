//! Trains the attribution filter (`src/filter.rs`, `model/attribution_filter.tsv`) on `PolNeAR`
//! training annotations: every direct or indirect attribution the rules build (without the
//! filter) is an example, positive when its cue is exactly a gold cue of that annotation file.
//! An averaged perceptron (Collins 2002), 8 epochs, in a fixed order; five-fold
//! cross-validation by article prints the cue precision, recall and F1 that each threshold would
//! give, to choose `MIN_SCORE`.
//!
//!     cargo run --release -p lede-quote --example learn_filter -- \
//!         ../shared/data/quotes/polnear/data/train crates/lede-quote/model/attribution_filter.tsv
//!
//! The output holds feature names (words of cue phrases and their neighbours) and weights, no
//! text of the corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use lede_core::{Analyzer, Context, Document, Metadata};
use lede_eval::{brat, polnear};

const EPOCHS: usize = 8;
const FOLDS: usize = 5;
const THRESHOLDS: &[f64] = &[-8.0, -6.0, -5.0, -4.0, -3.0, -2.0, -1.0, 0.0];

struct Example {
    article: usize,
    features: Vec<String>,
    positive: bool,
}

fn train(examples: &[&Example]) -> BTreeMap<String, f64> {
    let mut w: BTreeMap<String, f64> = BTreeMap::new();
    let mut total: BTreeMap<String, f64> = BTreeMap::new();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut step = 0.0;
    for epoch in 0..EPOCHS {
        fastrand::Rng::with_seed(epoch as u64 + 1).shuffle(&mut order);
        for &i in &order {
            let ex = examples[i];
            step += 1.0;
            let s: f64 = ex.features.iter().filter_map(|f| w.get(f)).sum();
            if (s > 0.0) != ex.positive {
                let d = if ex.positive { 1.0 } else { -1.0 };
                for f in &ex.features {
                    *w.entry(f.clone()).or_default() += d;
                    *total.entry(f.clone()).or_default() += d * step;
                }
            }
        }
    }
    w.into_iter()
        .map(|(f, x)| {
            let t = total.get(&f).copied().unwrap_or(0.0);
            (f, x - t / step)
        })
        .collect()
}

fn score(w: &BTreeMap<String, f64>, ex: &Example) -> f64 {
    ex.features.iter().filter_map(|f| w.get(f)).sum()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [split, out_path] = args.as_slice() else {
        return Err("usage: learn_filter POLNEAR_SPLIT_DIR OUTPUT.tsv".into());
    };
    let split = Path::new(split);
    let anns = polnear::annotation_files(split)?;
    let mut article_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut examples: Vec<Example> = Vec::new();
    let mut gold_total = 0usize;
    let mut cache: BTreeMap<String, (String, lede_quote::QuoteOutput)> = BTreeMap::new();
    for ann_path in &anns {
        let article = polnear::article_of(ann_path);
        if !cache.contains_key(&article) {
            let text = polnear::article_text(split, &article)?;
            let doc = Document::from_plain_text(article.clone(), text.clone(), Metadata::default());
            let ents = lede_entity::EntityAnalyzer.analyze(&doc, &Context::new())?;
            let ents = ents
                .as_any()
                .downcast_ref::<lede_entity::EntityOutput>()
                .ok_or("entity output")?;
            cache.insert(
                article.clone(),
                (text, lede_quote::analyze_unfiltered(&doc, ents)),
            );
        }
        let (text, out) = &cache[&article];
        let ann_text = std::fs::read_to_string(ann_path)?;
        let gold: BTreeSet<(usize, usize)> = polnear::cue_spans(&brat::parse(&ann_text, text)?)
            .into_iter()
            .collect();
        let n = article_index.len();
        let idx = *article_index.entry(article).or_insert(n);
        gold_total += gold.len();
        let mut seen = BTreeSet::new();
        for q in &out.quotations {
            if lede_quote::filter::score(text, q).is_none() {
                continue;
            }
            let Some(c) = &q.cue else { continue };
            if !seen.insert((c.start, c.end)) {
                continue;
            }
            examples.push(Example {
                article: idx,
                features: lede_quote::filter::features(text, q),
                positive: gold.contains(&(c.start, c.end)),
            });
        }
    }
    eprintln!(
        "{} annotation files, {} articles, {} examples ({} positive)",
        anns.len(),
        article_index.len(),
        examples.len(),
        examples.iter().filter(|e| e.positive).count()
    );
    // cross-validation by article
    let mut fold_of: Vec<usize> = (0..article_index.len()).map(|i| i % FOLDS).collect();
    fastrand::Rng::with_seed(7).shuffle(&mut fold_of);
    let mut held_scores = vec![0.0; examples.len()];
    for fold in 0..FOLDS {
        let training: Vec<&Example> = examples
            .iter()
            .filter(|e| fold_of[e.article] != fold)
            .collect();
        let w = train(&training);
        for (i, e) in examples.iter().enumerate() {
            if fold_of[e.article] == fold {
                held_scores[i] = score(&w, e);
            }
        }
    }
    let gold = gold_total;
    let prf = |keep: &dyn Fn(usize) -> bool| {
        let kept: Vec<usize> = (0..examples.len()).filter(|&i| keep(i)).collect();
        let tp = kept.iter().filter(|&&i| examples[i].positive).count();
        let p = tp as f64 / kept.len().max(1) as f64;
        let r = tp as f64 / gold.max(1) as f64;
        (p, r, 2.0 * p * r / (p + r).max(f64::MIN_POSITIVE))
    };
    let (prec, rec, f1) = prf(&|_| true);
    eprintln!(
        "no filter: cue P {prec:.4} R {rec:.4} F1 {f1:.4} (gold cues counted per annotation file)"
    );
    for &t in THRESHOLDS {
        let (prec, rec, f1) = prf(&|i| held_scores[i] >= t);
        eprintln!("threshold {t:>5}: held-out cue P {prec:.4} R {rec:.4} F1 {f1:.4}");
    }
    let all: Vec<&Example> = examples.iter().collect();
    let weights = train(&all);
    let mut lines = String::new();
    for (feature, x) in &weights {
        let x = (x * 1000.0).round() / 1000.0;
        if x != 0.0 && !feature.contains(['\t', '\n']) {
            let _ = writeln!(lines, "{feature}\t{x}");
        }
    }
    std::fs::write(out_path, lines)?;
    eprintln!("wrote {out_path}");
    Ok(())
}
