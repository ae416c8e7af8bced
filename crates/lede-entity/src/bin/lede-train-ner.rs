//! Trains the entity tagger from CoNLL-2003 English train and writes the model file that
//! `lede-entity` embeds. Reproducible: the same data and options give the same bytes.
//!
//! ```text
//! cargo run --release -p lede-entity --bin lede-train-ner -- \
//!     --train ../shared/data/ner/eng.train --dev ../shared/data/ner/eng.testa \
//!     --out crates/lede-entity/model/ner.model
//! ```

use std::process::ExitCode;

use lede_entity::conll;
use lede_entity::tagger::Model;
use lede_entity::train::{self, TrainOptions};

fn usage() -> ExitCode {
    eprintln!(
        "usage: lede-train-ner --train FILE [--dev FILE] --out FILE [--epochs N] \
         [--lowercase-share X] [--upper-share X] [--prune X] [--seed N]"
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
    let mut dev_path = None;
    let mut out = None;
    let mut opts = TrainOptions::default();
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
                dev_path = Some(val);
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
    let dev = match dev_path.as_deref().map(read).transpose() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    eprintln!("training on {} documents, {opts:?}", docs.len());
    let base = lede_entity::load_with_model(Model::default());
    let res = base.resources();
    let model = train::train(&docs, &res, &opts, |epoch, model| {
        if let Some(dev) = &dev {
            let s = lede_entity::eval::score_with(model, &base, dev);
            eprintln!(
                "epoch {epoch}: {} features, dev F1 {:.4}",
                model.len(),
                s.overall.f1()
            );
        } else {
            eprintln!("epoch {epoch}: {} features", model.len());
        }
    });
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
