//! Trains the entity tagger from CoNLL-2003 English train and writes the model file that
//! `lede-entity` embeds. Reproducible: the same data and options give the same bytes.
//!
//! ```text
//! cargo run --release -p lede-entity --bin lede-train-ner -- \
//!     --train ../shared/data/ner/eng.train --dev ../shared/data/ner/eng.testa \
//!     --out crates/lede-entity/model/ner.model
//! ```

use std::fmt::Write as _;
use std::process::ExitCode;

use lede_entity::conll;
use lede_entity::tagger::Model;
use lede_entity::train::{self, TrainOptions};

fn usage() -> ExitCode {
    eprintln!(
        "usage: lede-train-ner --train FILE [--dev FILE]... --out FILE [--epochs N] \
         [--lowercase-share X] [--upper-share X] [--prune X] [--seed N] [--seeds N] \
         [--clusters-from JSONL]... [--clusters-out FILE]"
    );
    ExitCode::from(2)
}

fn read(path: &str) -> Result<Vec<conll::GoldDocument>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    conll::parse(&text).map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut train_path = None;
    let mut dev_paths: Vec<String> = Vec::new();
    let mut out = None;
    let mut opts = TrainOptions::default();
    let mut cluster_sources: Vec<String> = Vec::new();
    let mut seeds = 1usize;
    let mut clusters_out = None;
    let mut i = 0;
    while i < args.len() {
        let val = args.get(i + 1).cloned();
        let Some(val) = val else { return usage() };
        let ok = match args[i].as_str() {
            "--train" => {
                train_path = Some(val);
                true
            }
            "--dev" => {
                dev_paths.push(val);
                true
            }
            "--clusters-from" => {
                cluster_sources.push(val);
                true
            }
            "--clusters-out" => {
                clusters_out = Some(val);
                true
            }
            "--out" => {
                out = Some(val);
                true
            }
            "--epochs" => val.parse().map(|v| opts.epochs = v).is_ok(),
            "--lowercase-share" => val.parse().map(|v| opts.lowercase_share = v).is_ok(),
            "--upper-share" => val.parse().map(|v| opts.upper_share = v).is_ok(),
            "--prune" => val.parse().map(|v| opts.prune = v).is_ok(),
            "--seed" => val.parse().map(|v| opts.seed = v).is_ok(),
            "--seeds" => val.parse().map(|v: usize| seeds = v.max(1)).is_ok(),
            _ => false,
        };
        if !ok {
            return usage();
        }
        i += 2;
    }
    let (Some(train_path), Some(out)) = (train_path, out) else {
        return usage();
    };
    let docs = match read(&train_path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut devs = Vec::new();
    for p in &dev_paths {
        match read(p) {
            Ok(d) => devs.push((p.rsplit('/').next().unwrap_or(p).to_owned(), d)),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    eprintln!("training on {} documents, {opts:?}", docs.len());
    let mut base = lede_entity::load_with_model(Model::default());
    if !cluster_sources.is_empty() {
        let mut counter = lede_entity::clusters::Counter::default();
        for src in &cluster_sources {
            let text = match std::fs::read_to_string(src) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: {src}: {e}");
                    return ExitCode::from(2);
                }
            };
            for line in text.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    counter.add_text(t);
                }
            }
        }
        let clusters = counter.cluster(&lede_entity::clusters::ClusterOptions::default());
        let bytes = lede_entity::clusters::to_bytes(&clusters);
        eprintln!("{} word clusters, {} bytes", clusters.len(), bytes.len());
        if let Some(out) = &clusters_out {
            if let Err(e) = std::fs::write(out, &bytes) {
                eprintln!("error: {out}: {e}");
                return ExitCode::from(2);
            }
        }
        base.clusters = lede_entity::parse_clusters(&bytes);
    }
    let res = base.resources();
    let mut models = Vec::new();
    for k in 0..seeds {
        let mut o = opts.clone();
        o.seed = opts.seed + k as u64;
        models.push(train::train(&docs, &res, &o, |epoch, model| {
            let mut line = format!("epoch {epoch}: {} features", model.len());
            for (name, dev) in &devs {
                let s = lede_entity::eval::score_with(model, &base, dev);
                let _ = write!(line, ", {name} F1 {:.4}", s.overall.f1());
            }
            eprintln!("seed {}: {line}", o.seed);
        }));
    }
    let model = if models.len() == 1 {
        models.pop().unwrap_or_default()
    } else {
        Model::average(&models)
    };
    if models.len() > 1 {
        let mut line = format!(
            "averaged over {} seeds: {} features",
            models.len(),
            model.len()
        );
        for (name, dev) in &devs {
            let s = lede_entity::eval::score_with(&model, &base, dev);
            let _ = write!(line, ", {name} F1 {:.4}", s.overall.f1());
        }
        eprintln!("{line}");
    }
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("error: {out}: {e}");
        return ExitCode::from(2);
    }
    eprintln!(
        "wrote {out}: {} features, {} bytes",
        model.len(),
        bytes.len()
    );
    ExitCode::SUCCESS
}
