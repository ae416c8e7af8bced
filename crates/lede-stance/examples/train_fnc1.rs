//! Trains the FNC-1 headline/body model committed as `model/fnc1.bin` (see `MODEL.md`):
//!
//! ```text
//! cargo run --release -p lede-stance --example train_fnc1 -- \
//!     ../shared/data/stance/fnc1/train_stances.reconstructed.csv \
//!     ../shared/data/stance/fnc1/train_bodies.csv crates/lede-stance/model/fnc1.bin
//! ```
//!
//! It trains on the pairs whose body is in the 80% training part of the split by body id
//! (`lede_stance::fnc::is_dev_body`) and prints the scores on the 20% dev part.

use std::path::PathBuf;
use std::process::ExitCode;

use lede_stance::fnc::{official_score, FncData, FncLabel, FncModel, PreparedBody, Split};

const SEED: u64 = 7;
const EPOCHS: usize = 8;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [stances, bodies, out] = args.as_slice() else {
        eprintln!("usage: train_fnc1 STANCES.csv BODIES.csv OUT.bin");
        return ExitCode::from(2);
    };
    let data = match FncData::read(stances, bodies) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let train: Vec<_> = data
        .pairs
        .iter()
        .filter(|p| Split::Train.keeps(p.body_id))
        .collect();
    let dev: Vec<_> = data
        .pairs
        .iter()
        .filter(|p| Split::Dev.keeps(p.body_id))
        .collect();
    eprintln!("train pairs {}, dev pairs {}", train.len(), dev.len());
    let model = FncModel::train(&data, &train, EPOCHS, SEED);
    let bytes = model.to_bytes();
    // score the model as it will be loaded (quantised), not the float weights
    let model = match FncModel::from_bytes(&bytes) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let mut gold = Vec::new();
    let mut pred = Vec::new();
    let mut cache = std::collections::BTreeMap::<u32, PreparedBody>::new();
    for p in &dev {
        let b = cache
            .entry(p.body_id)
            .or_insert_with(|| model.prepare_body(&data.bodies[&p.body_id]));
        gold.push(p.label);
        pred.push(model.predict_prepared(&p.headline, b).label);
    }
    let (s, m) = official_score(&gold, &pred);
    let mut f1s = Vec::new();
    for l in FncLabel::ALL {
        let tp = gold
            .iter()
            .zip(&pred)
            .filter(|(g, p)| **g == l && **p == l)
            .count();
        let np = pred.iter().filter(|p| **p == l).count();
        let ng = gold.iter().filter(|g| **g == l).count();
        let f = if np + ng == 0 {
            0.0
        } else {
            2.0 * tp as f64 / (np + ng) as f64
        };
        eprintln!("{:<10} F1 {f:.4} (gold {ng}, predicted {np})", l.as_str());
        f1s.push(f);
    }
    eprintln!(
        "dev: official score {:.4}, macro-F1 {:.4}, model {} bytes",
        s / m,
        f1s.iter().sum::<f64>() / 4.0,
        bytes.len()
    );
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
