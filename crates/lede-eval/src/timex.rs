//! Temporal expressions (`lede eval timex`) against `TimeML` gold (`.tml`, TempEval-3), or
//! `WikiWars` (TIMEX2: `.sgm` input beside APF `.apf.xml` keys).
//!
//! Definitions (TempEval-3): strict counts a system expression whose extent equals a gold
//! one, relaxed one whose extent overlaps a gold one; precision is over system expressions,
//! recall over gold ones. Attribute F1 (value, type) is computed as the official TE3 scorer
//! does: the attribute's accuracy over relaxed-matched pairs times the relaxed F1.
//! Each file is analysed on its own raw text (tags removed) with its own DCT.

use std::path::{Path, PathBuf};

use lede_core::{Document, Metadata};
use lede_timeline::Timex;
use serde::Serialize;

use crate::timeml::{self, TimemlDoc};
use crate::{ratio, Error, Prf, Result, ResultExt as _};

#[derive(Debug, Clone, Serialize)]
pub struct AttrF1 {
    pub f1: f64,
    pub accuracy: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub documents: usize,
    pub gold: usize,
    pub system: usize,
    pub strict: Prf,
    pub relaxed: Prf,
    pub value: AttrF1,
    #[serde(rename = "type")]
    pub kind: AttrF1,
}

/// `path` itself when it is a file, else the files under it (at any depth) whose name ends
/// with `suffix`, in path order.
fn collect(path: &Path, suffix: &str) -> Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    crate::walk(path, usize::MAX, "cannot read", |e| {
        !e.file_type().is_dir() && e.path().to_string_lossy().ends_with(suffix)
    })
}

/// The gold documents under `gold` with their ids: `TimeML` files (searched recursively), or
/// `WikiWars` when the folder (or one just below it) has `in/` and `key/`.
pub fn gold_docs(gold: &Path) -> Result<Vec<(String, TimemlDoc)>> {
    let mut docs = Vec::new();
    let wikiwars = find_wikiwars(gold);
    if let Some(root) = wikiwars {
        for key in collect(&root.join("key"), ".xml")? {
            let name = key
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = name.split('.').next().unwrap_or_default().to_owned();
            let sgm = root.join("in").join(format!("{stem}.sgm"));
            let input = crate::read_to_string(&sgm, "cannot read")?;
            let apf = crate::read_to_string(&key, "cannot read")?;
            let doc = timeml::wikiwars(&input, &apf)
                .context_with(|| format!("{}: not a WikiWars document", sgm.display()))?;
            docs.push((stem, doc));
        }
    } else {
        for f in collect(gold, ".tml")? {
            let src = crate::read_to_string(&f, "cannot read")?;
            let doc =
                timeml::parse(&src).context_with(|| format!("{}: bad TimeML", f.display()))?;
            let id = f
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            docs.push((id, doc));
        }
    }
    if docs.is_empty() {
        return Err(Error::Invalid(format!(
            "no TimeML (.tml) or WikiWars documents under {}",
            gold.display()
        )));
    }
    Ok(docs)
}

/// The `WikiWars` root (the folder holding `in/` and `key/`) at or just below `dir`.
fn find_wikiwars(dir: &Path) -> Option<PathBuf> {
    let is_root = |d: &Path| d.join("in").is_dir() && d.join("key").is_dir();
    if is_root(dir) {
        return Some(dir.to_path_buf());
    }
    let subs = crate::walk(dir, 1, "cannot read", |e| e.file_type().is_dir()).ok()?;
    subs.into_iter().find(|p| is_root(p))
}

/// Scores the timeline analyser on the gold documents under `gold` (see [`gold_docs`]).
pub fn evaluate(gold: &Path) -> Result<Report> {
    let docs = gold_docs(gold)?;
    let mut total = Counts::default();
    for (id, doc) in &docs {
        let sys = run_on(doc, id);
        total += score(doc, &sys);
    }
    let s = total.scores();
    Ok(Report {
        documents: docs.len(),
        gold: total.gold,
        system: total.system,
        strict: s.strict,
        relaxed: s.relaxed,
        value: AttrF1 {
            f1: s.value_f1,
            accuracy: s.value_accuracy,
        },
        kind: AttrF1 {
            f1: s.type_f1,
            accuracy: s.type_accuracy,
        },
    })
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} documents, {} gold expressions, {} found",
            self.documents, self.gold, self.system
        )?;
        writeln!(f, "strict   {}", self.strict)?;
        writeln!(f, "relaxed  {}", self.relaxed)?;
        writeln!(
            f,
            "value    F1 {:6.2}  (accuracy on relaxed matches {:.2})",
            self.value.f1 * 100.0,
            self.value.accuracy * 100.0
        )?;
        writeln!(
            f,
            "type     F1 {:6.2}  (accuracy on relaxed matches {:.2})",
            self.kind.f1 * 100.0,
            self.kind.accuracy * 100.0
        )
    }
}

/// Counts over a set of documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub system: usize,
    pub gold: usize,
    /// System expressions whose extent equals a gold extent.
    pub strict_system: usize,
    /// Gold expressions whose extent equals a system extent.
    pub strict_gold: usize,
    /// System expressions overlapping a gold one.
    pub relaxed_system: usize,
    /// Gold expressions overlapping a system one.
    pub relaxed_gold: usize,
    /// Relaxed-matched pairs, and those with the same value / type.
    pub pairs: usize,
    pub value_ok: usize,
    pub type_ok: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Self) {
        self.system += o.system;
        self.gold += o.gold;
        self.strict_system += o.strict_system;
        self.strict_gold += o.strict_gold;
        self.relaxed_system += o.relaxed_system;
        self.relaxed_gold += o.relaxed_gold;
        self.pairs += o.pairs;
        self.value_ok += o.value_ok;
        self.type_ok += o.type_ok;
    }
}

/// The TE3 figures.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub strict: Prf,
    pub relaxed: Prf,
    pub value_f1: f64,
    pub type_f1: f64,
    pub value_accuracy: f64,
    pub type_accuracy: f64,
}

impl Counts {
    pub fn scores(&self) -> Scores {
        let strict = Prf::from_ratios(
            ratio(self.strict_system, self.system),
            ratio(self.strict_gold, self.gold),
        );
        let relaxed = Prf::from_ratios(
            ratio(self.relaxed_system, self.system),
            ratio(self.relaxed_gold, self.gold),
        );
        let va = ratio(self.value_ok, self.pairs);
        let ta = ratio(self.type_ok, self.pairs);
        Scores {
            strict,
            relaxed,
            value_f1: va * relaxed.f1,
            type_f1: ta * relaxed.f1,
            value_accuracy: va,
            type_accuracy: ta,
        }
    }
}

/// Scores system expressions against the gold ones of one document. Each system expression is
/// paired with the first gold expression it overlaps (preferring an exact extent).
pub fn score(gold: &TimemlDoc, system: &[Timex]) -> Counts {
    let mut c = Counts {
        system: system.len(),
        gold: gold.timexes.len(),
        ..Counts::default()
    };
    for s in system {
        let ss = s.span.span();
        if gold.timexes.iter().any(|g| g.span == ss) {
            c.strict_system += 1;
        }
        let pair = gold
            .timexes
            .iter()
            .find(|g| g.span == ss)
            .or_else(|| gold.timexes.iter().find(|g| g.span.overlaps(ss)));
        if let Some(g) = pair {
            c.relaxed_system += 1;
            c.pairs += 1;
            if g.value == s.value {
                c.value_ok += 1;
            }
            if g.kind == s.kind.as_str() {
                c.type_ok += 1;
            }
        }
    }
    for g in &gold.timexes {
        if system.iter().any(|s| s.span.span() == g.span) {
            c.strict_gold += 1;
        }
        if system.iter().any(|s| s.span.span().overlaps(g.span)) {
            c.relaxed_gold += 1;
        }
    }
    c
}

/// Runs the analyser on a gold document's raw text with its DCT.
pub fn run_on(gold: &TimemlDoc, id: &str) -> Vec<Timex> {
    let doc = Document::new(
        id,
        gold.text.clone(),
        Metadata {
            date: gold.dct,
            ..Metadata::default()
        },
    );
    lede_timeline::find_timexes(&doc, gold.dct)
}
