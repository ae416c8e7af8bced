//! `lede eval timex`: temporal expressions against `TimeML` gold (`.tml`, TempEval-3), or
//! `WikiWars` (TIMEX2: `.sgm` input beside APF `.apf.xml` keys).
//!
//! Definitions (TempEval-3): strict counts a system expression whose extent equals a gold
//! one, relaxed one whose extent overlaps a gold one; precision is over system expressions,
//! recall over gold ones. Attribute F1 (value, type) is computed as the official TE3 scorer
//! does: the attribute's accuracy over relaxed-matched pairs times the relaxed F1.
//! Each file is analysed on its own raw text (tags removed) with its own DCT.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use lede_timeline::eval::{self as te, Counts};
use lede_timeline::timeml::{self, TimemlDoc};
use serde::Serialize;

use super::{EvalFormat, Prf};
use crate::ExitStatus;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of `TimeML` `.tml` files (searched recursively), one file, or a `WikiWars` folder
    /// (with `in/` and `key/`).
    #[arg(long)]
    pub gold: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
}

#[derive(Debug, Serialize)]
struct AttrF1 {
    f1: f64,
    accuracy: f64,
}

#[derive(Debug, Serialize)]
struct Report {
    documents: usize,
    gold: usize,
    system: usize,
    strict: Prf,
    relaxed: Prf,
    value: AttrF1,
    #[serde(rename = "type")]
    kind: AttrF1,
}

fn collect(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> Result<()> {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, ext, out)?;
        } else if p.to_string_lossy().ends_with(ext) {
            out.push(p);
        }
    }
    Ok(())
}

/// The gold documents under `gold`: `TimeML` files, or `WikiWars` when the folder has `key/`.
fn gold_docs(gold: &Path) -> Result<Vec<(String, TimemlDoc)>> {
    let mut docs = Vec::new();
    let wikiwars = find_wikiwars(gold);
    if let Some(root) = wikiwars {
        let mut keys = Vec::new();
        collect(&root.join("key"), ".xml", &mut keys)?;
        for key in keys {
            let name = key
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = name.split('.').next().unwrap_or_default().to_owned();
            let sgm = root.join("in").join(format!("{stem}.sgm"));
            let input = std::fs::read_to_string(&sgm)
                .with_context(|| format!("cannot read {}", sgm.display()))?;
            let apf = std::fs::read_to_string(&key)
                .with_context(|| format!("cannot read {}", key.display()))?;
            let doc = timeml::wikiwars(&input, &apf)
                .with_context(|| format!("{}: not a WikiWars document", sgm.display()))?;
            docs.push((stem, doc));
        }
    } else {
        let mut files = Vec::new();
        collect(gold, ".tml", &mut files)?;
        for f in files {
            let src = std::fs::read_to_string(&f)
                .with_context(|| format!("cannot read {}", f.display()))?;
            let doc =
                timeml::parse(&src).with_context(|| format!("{}: bad TimeML", f.display()))?;
            let id = f
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            docs.push((id, doc));
        }
    }
    anyhow::ensure!(
        !docs.is_empty(),
        "no TimeML (.tml) or WikiWars documents under {}",
        gold.display()
    );
    Ok(docs)
}

/// The `WikiWars` root (the folder holding `in/` and `key/`) at or just below `dir`.
fn find_wikiwars(dir: &Path) -> Option<PathBuf> {
    let is_root = |d: &Path| d.join("in").is_dir() && d.join("key").is_dir();
    if is_root(dir) {
        return Some(dir.to_path_buf());
    }
    let mut subs: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    subs.sort();
    subs.into_iter().find(|p| is_root(p))
}

pub fn run(args: &Args) -> Result<ExitStatus> {
    let docs = gold_docs(&args.gold)?;
    let mut total = Counts::default();
    for (id, doc) in &docs {
        let sys = te::run_on(doc, id);
        total += te::score(doc, &sys);
    }
    let s = total.scores();
    let conv = |p: te::Prf| Prf {
        precision: p.precision,
        recall: p.recall,
        f1: p.f1,
    };
    let report = Report {
        documents: docs.len(),
        gold: total.gold,
        system: total.system,
        strict: conv(s.strict),
        relaxed: conv(s.relaxed),
        value: AttrF1 {
            f1: s.value_f1,
            accuracy: s.value_accuracy,
        },
        kind: AttrF1 {
            f1: s.type_f1,
            accuracy: s.type_accuracy,
        },
    };
    match args.format {
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        EvalFormat::Text => {
            println!(
                "{} documents, {} gold expressions, {} found",
                report.documents, report.gold, report.system
            );
            println!("strict   {}", report.strict);
            println!("relaxed  {}", report.relaxed);
            println!(
                "value    F1 {:6.2}  (accuracy on relaxed matches {:.2})",
                report.value.f1 * 100.0,
                report.value.accuracy * 100.0
            );
            println!(
                "type     F1 {:6.2}  (accuracy on relaxed matches {:.2})",
                report.kind.f1 * 100.0,
                report.kind.accuracy * 100.0
            );
        }
    }
    Ok(ExitStatus::Success)
}
