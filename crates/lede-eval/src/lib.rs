//! Gold-data readers and the scorers behind `lede eval`.
//!
//! One reader per gold format, shared by every task and example that reads it:
//! [`conllu`] (GUM), [`brat`] and [`polnear`] (BRAT standoff attributions; [`brat_writer`]
//! writes lede's output in the same form), [`timeml`]
//! (TempEval-3 `.tml` and `WikiWars`), [`basil`]. The `CoNLL` NER reader
//! (`lede_entity::conll`) and the FNC-1 reader (`lede_stance::fnc::FncData`) stay in the
//! analyser crates because their training code reads them, and a reader cannot sit above its
//! user; the scorers here call them.
//!
//! One module per task, each with a `Report` (serialisable, and printed as text through
//! `Display`) and an `evaluate` function that runs the analyser the way `lede analyze` does and
//! scores it: [`sentences`], [`ner`], [`link`], [`quotes`], [`timex`], [`stance`],
//! [`speakers`]. `lede eval` is a thin wrapper over them.

pub mod basil;
pub mod brat;
pub mod brat_writer;
pub mod conllu;
pub mod link;
pub mod ner;
pub mod polnear;
pub mod quotes;
pub mod sentences;
pub mod speakers;
pub mod stance;
pub mod timeml;
pub mod timex;

use std::path::{Path, PathBuf};

use serde::Serialize;

/// What can go wrong while evaluating: gold data that is missing or malformed, or an analyser
/// that fails on it. Messages name the file (and line) or the document.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem stated in full.
    #[error("{0}")]
    Invalid(String),
    /// What was being done, and the error that stopped it.
    #[error("{context}")]
    Context {
        context: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Adds what was being done to an error (the cause stays in the chain).
pub(crate) trait ResultExt<T> {
    fn context_with(self, context: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: std::error::Error + Send + Sync + 'static> ResultExt<T> for Result<T, E> {
    fn context_with(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| Error::Context {
            context: context(),
            source: Box::new(e),
        })
    }
}

/// Reads a file, naming it in the error (`what` is said before the path: "cannot read").
pub(crate) fn read_to_string(path: &Path, what: &str) -> Result<String> {
    std::fs::read_to_string(path).context_with(|| format!("{what} {}", path.display()))
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
        Self::from_ratios(ratio(tp, predicted), ratio(tp, gold))
    }

    /// From precision and recall; F1 is their harmonic mean (0 when both are 0).
    pub fn from_ratios(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Self {
            precision,
            recall,
            f1,
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

/// The entries under `dir` down to `depth` levels (1: the folder's own entries), depth first
/// and sorted by name, symbolic links followed, that `keep` accepts. An entry that cannot be
/// read is an error: `{what} {dir}`, then the cause.
pub(crate) fn walk(
    dir: &Path,
    depth: usize,
    what: &str,
    keep: impl Fn(&walkdir::DirEntry) -> bool,
) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let entries = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(depth)
        .follow_links(true)
        .sort_by_file_name();
    for entry in entries {
        let entry = entry.context_with(|| format!("{what} {}", dir.display()))?;
        if keep(&entry) {
            out.push(entry.into_path());
        }
    }
    Ok(out)
}

/// The gold files to read: `path` itself when it is a file, otherwise the files of the folder
/// with extension `ext`, sorted (an empty folder is an error naming it).
pub fn files_with_extension(path: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let files = walk(path, 1, "cannot read gold folder", |e| {
        e.path().extension().is_some_and(|x| x == ext)
    })?;
    if files.is_empty() {
        return Err(Error::Invalid(format!(
            "no .{ext} files in {}",
            path.display()
        )));
    }
    Ok(files)
}
