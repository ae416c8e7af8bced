//! `lede eval`: scores analysers against gold data. Each task has its own module with a
//! reader for its gold format and a scorer; they share [`Prf`] and the JSON/text printing.

mod basil;
mod conllu;
mod link;
mod ner;
mod quotes;
mod sentences;
mod speakers;
mod stance;
mod timex;

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;

use crate::ExitStatus;

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Sentence boundaries against CoNLL-U files (GUM news).
    Sentences(sentences::Args),
    /// Quotations (source, cue, content) against PolNeAR-style BRAT gold (`text/`, `attributions/`).
    Quotes(quotes::Args),
    /// Named entities: exact-span P/R/F1, overall and per type, on `CoNLL` and UNER files.
    Ner(ner::Args),
    /// In-article entity linking: pairwise P/R/F1 over gold named mentions (GUM CoNLL-U).
    Link(link::Args),
    /// Temporal expressions: TempEval-3 strict/relaxed P/R/F1, value and type F1 (`TimeML`
    /// `.tml` files, or a `WikiWars` folder).
    Timex(timex::Args),
    /// Stance: FNC-1 headline/body (official score, macro-F1) and BASIL speaker -> target
    /// polarity triples.
    Stance(stance::Args),
    /// Speakers: whether BASIL's quoted spans with a named speaker are found inside a quotation
    /// and resolved to that person.
    Speakers(speakers::Args),
}

pub fn run(cmd: EvalCommand) -> Result<ExitStatus> {
    match cmd {
        EvalCommand::Sentences(a) => sentences::run(&a),
        EvalCommand::Quotes(a) => quotes::run(&a),
        EvalCommand::Ner(a) => ner::run(&a),
        EvalCommand::Link(a) => link::run(&a),
        EvalCommand::Speakers(a) => speakers::run(&a),
        EvalCommand::Timex(a) => timex::run(&a),
        EvalCommand::Stance(a) => stance::run(&a),
    }
}

/// `a / b`, or 0 when `b` is 0 (an empty set scores 0).
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Precision, recall and F1 as fractions in [0, 1].
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// From counts of true positives, predictions and gold items. Empty sets score 0.
    pub fn from_counts(tp: usize, predicted: usize, gold: usize) -> Self {
        let p = ratio(tp, predicted);
        let r = ratio(tp, gold);
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Self {
            precision: p,
            recall: r,
            f1: f,
        }
    }
}

impl std::fmt::Display for Prf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:6.2}  R {:6.2}  F1 {:6.2}",
            self.precision * 100.0,
            self.recall * 100.0,
            self.f1 * 100.0
        )
    }
}

/// `--format` of eval commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum EvalFormat {
    #[default]
    Text,
    Json,
}

/// The gold files to read: `path` itself when it is a file, otherwise the files of the folder
/// with extension `ext`, sorted (an empty folder is an error naming it).
pub fn files_with_extension(path: &std::path::Path, ext: &str) -> Result<Vec<std::path::PathBuf>> {
    use anyhow::Context as _;
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("cannot read gold folder {}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    anyhow::ensure!(!files.is_empty(), "no .{ext} files in {}", path.display());
    Ok(files)
}
