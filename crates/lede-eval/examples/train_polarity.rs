//! Trains the stance polarity model on all the BASIL articles and writes it (the model
//! committed as `crates/lede-stance/model/polarity.bin`; see `crates/lede-stance/MODEL.md`).
//!
//!     cargo run --release -p lede-eval --example train_polarity -- \
//!         ../shared/data/stance/basil crates/lede-stance/model/polarity.bin
//!
//! The procedure is measured by `lede eval stance --basil DIR --folds 5`, which trains the
//! same way on four fifths of the events and scores the fifth.
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        eprintln!("usage: train_polarity BASIL-DIR OUT-FILE");
        return ExitCode::from(2);
    };
    let model = match lede_eval::stance::train_basil(&PathBuf::from(dir), None) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("train_polarity: {e}");
            return ExitCode::FAILURE;
        }
    };
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("train_polarity: {out}: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "wrote {out}: {} bytes; temperatures {:.3} / {:.3}, threshold {:.3}",
        bytes.len(),
        model.temperature[0],
        model.temperature[1],
        model.threshold
    );
    ExitCode::SUCCESS
}
