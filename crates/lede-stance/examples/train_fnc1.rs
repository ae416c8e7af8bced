//! Trains the FNC-1 headline/body model committed as `model/fnc1.bin` (see `MODEL.md`):
//!
//! ```text
//! cargo run --release -p lede-stance --example train_fnc1 -- \
//!     ../shared/data/stance/fnc1/train_stances.reconstructed.csv \
//!     ../shared/data/stance/fnc1/train_bodies.csv crates/lede-stance/model/fnc1.bin
//! ```
//!
//! It trains on the pairs of the training claims (`Split::Train`: no headline and no body of
//! the dev claims), prints the 5-fold cross-validation by claim on them (the figure choices are
//! made on), then the scores on the dev claims (`Split::Dev`: unseen headlines and bodies), and
//! writes the model. `--cv-only` stops after the cross-validation.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use lede_stance::fnc::{
    log_loss, official_score, FncData, FncLabel, FncModel, FncPair, PreparedBody, Split,
};

const SEED: u64 = 7;
const FOLDS: u32 = 5;

fn main() -> ExitCode {
    let mut cv_only = false;
    let mut args: Vec<PathBuf> = Vec::new();
    for a in std::env::args_os().skip(1) {
        if a == "--cv-only" {
            cv_only = true;
        } else {
            args.push(PathBuf::from(a));
        }
    }
    let (stances, bodies, out) = match args.as_slice() {
        [s, b, o] => (s, b, Some(o)),
        [s, b] if cv_only => (s, b, None),
        _ => {
            eprintln!("usage: train_fnc1 [--cv-only] STANCES.csv BODIES.csv [OUT.bin]");
            return ExitCode::from(2);
        }
    };
    let data = match FncData::read(stances, bodies) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let train = data.split(Split::Train);
    let dev = data.split(Split::Dev);
    eprintln!("train pairs {}, dev pairs {}", train.len(), dev.len());

    // cross-validation by claim on the training claims
    let keys = data.claim_keys(&train);
    let fold = |k: u32| fastrand::Rng::with_seed(u64::from(k) ^ 0x5eed).u32(..FOLDS);
    let mut gold = Vec::new();
    let mut pred = Vec::new();
    let mut cal_related = Vec::new();
    let mut cal_stance = Vec::new();
    for f in 0..FOLDS {
        let tr: Vec<&FncPair> = train
            .iter()
            .zip(&keys)
            .filter(|(_, &k)| fold(k) != f)
            .map(|(p, _)| p)
            .collect();
        let te: Vec<&FncPair> = train
            .iter()
            .zip(&keys)
            .filter(|(_, &k)| fold(k) == f)
            .map(|(p, _)| p)
            .collect();
        let m = FncModel::train(&data, &tr, SEED);
        held_out_scores(&m, &data, &te, &mut cal_related, &mut cal_stance);
        let (g, p) = predict(&m, &data, &te);
        report(&format!("cv fold {f}"), &g, &p);
        gold.extend(g);
        pred.extend(p);
    }
    report("cv (5 folds by claim)", &gold, &pred);
    if cv_only {
        return ExitCode::SUCCESS;
    }

    let refs: Vec<&FncPair> = train.iter().collect();
    let mut model = FncModel::train(&data, &refs, SEED);
    // temperatures fitted on the cross-validation's held-out scores
    model.calibrate(&cal_related, &cal_stance);
    eprintln!(
        "temperatures: related {:.3}, stance {:.3}",
        model.temperature[0], model.temperature[1]
    );
    let bytes = model.to_bytes();
    // score the model as it will be loaded (quantised), not the float weights
    let model = match FncModel::from_bytes(&bytes) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let dev_refs: Vec<&FncPair> = dev.iter().collect();
    let (mut dev_related, mut dev_stance) = (Vec::new(), Vec::new());
    held_out_scores(&model, &data, &dev_refs, &mut dev_related, &mut dev_stance);
    eprintln!(
        "dev log loss: related {:.4} -> {:.4}, stance {:.4} -> {:.4} (uncalibrated -> calibrated)",
        log_loss(&dev_related, 1.0),
        log_loss(&dev_related, model.temperature[0]),
        log_loss(&dev_stance, 1.0),
        log_loss(&dev_stance, model.temperature[1]),
    );
    let (g, p) = predict(&model, &data, &dev_refs);
    report("dev (unseen claims)", &g, &p);
    eprintln!("model {} bytes", bytes.len());
    if let Some(out) = out {
        if let Err(e) = std::fs::write(out, &bytes) {
            eprintln!("error: cannot write {}: {e}", out.display());
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

/// Each stage's scores and gold class for `pairs` (the stance stage on related pairs only).
fn held_out_scores(
    m: &FncModel,
    data: &FncData,
    pairs: &[&FncPair],
    related: &mut Vec<(Vec<f32>, usize)>,
    stance: &mut Vec<(Vec<f32>, usize)>,
) {
    let mut cache = BTreeMap::<u32, PreparedBody>::new();
    for p in pairs {
        let b = cache
            .entry(p.body_id)
            .or_insert_with(|| m.prepare_body(&data.bodies[&p.body_id]));
        let s = m.scores(&p.headline, b);
        related.push((s.related, usize::from(p.label == FncLabel::Unrelated)));
        if p.label != FncLabel::Unrelated {
            stance.push((s.stance, p.label.index()));
        }
    }
}

fn predict(m: &FncModel, data: &FncData, pairs: &[&FncPair]) -> (Vec<FncLabel>, Vec<FncLabel>) {
    let mut cache = BTreeMap::<u32, PreparedBody>::new();
    let mut gold = Vec::new();
    let mut pred = Vec::new();
    for p in pairs {
        let b = cache
            .entry(p.body_id)
            .or_insert_with(|| m.prepare_body(&data.bodies[&p.body_id]));
        gold.push(p.label);
        pred.push(m.predict_prepared(&p.headline, b).label);
    }
    (gold, pred)
}

fn report(name: &str, gold: &[FncLabel], pred: &[FncLabel]) {
    let (s, m) = official_score(gold, pred);
    let mut f1s = Vec::new();
    let mut line = String::new();
    for l in FncLabel::ALL {
        let tp = gold
            .iter()
            .zip(pred)
            .filter(|(g, p)| **g == l && **p == l)
            .count();
        let np = pred.iter().filter(|p| **p == l).count();
        let ng = gold.iter().filter(|g| **g == l).count();
        let f = if np + ng == 0 {
            0.0
        } else {
            2.0 * tp as f64 / (np + ng) as f64
        };
        let _ = write!(line, " {} {f:.3} ({ng}/{np})", l.as_str());
        f1s.push(f);
    }
    eprintln!(
        "{name}: score {:.4} macro-F1 {:.4} |{line}",
        s / m,
        f1s.iter().sum::<f64>() / 4.0
    );
}
