//! `lede eval ner`: `CoNLL` exact-span precision/recall/F1 of the entity analyser, overall and
//! per type, on CoNLL-format gold files (2 or 4 columns, IOB1 or IOB2, `-DOCSTART-`; the UNER
//! tab-separated files too). The tagger runs on the gold tokens through the analyser's own
//! code path (`lede_entity::analyze_words`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use serde::Serialize;

use super::{EvalFormat, Prf};
use crate::ExitStatus;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A `CoNLL` file, or a folder of them (`.conll`, `.txt`, `.iob2`, `.bio`, `.testa`, ...).
    #[arg(long)]
    pub gold: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
}

#[derive(Debug, Serialize)]
struct Report {
    overall: Prf,
    by_type: BTreeMap<String, Prf>,
    documents: usize,
    gold_entities: usize,
    predicted_entities: usize,
}

/// The gold files under `path`: the file itself, or the data files of a folder (sorted;
/// README and LICENSE files skipped).
pub fn gold_files(path: &Path) -> Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path).with_context(|| format!("reading {}", path.display()))? {
        let p = entry?.path();
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if !p.is_file()
            || name.starts_with("readme")
            || name.starts_with("license")
            || p.extension().is_some_and(|e| {
                ["md", "rst", "py"]
                    .iter()
                    .any(|x| e.eq_ignore_ascii_case(x))
            })
        {
            continue;
        }
        out.push(p);
    }
    out.sort();
    if out.is_empty() {
        anyhow::bail!("no gold files in {}", path.display());
    }
    Ok(out)
}

pub fn run(args: &Args) -> Result<ExitStatus> {
    let mut docs = Vec::new();
    for f in gold_files(&args.gold)? {
        let text =
            std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
        let parsed = lede_entity::conll::parse(&text)
            .with_context(|| format!("{} is not CoNLL NER data", f.display()))?;
        docs.extend(parsed);
    }
    let res = lede_entity::loaded();
    if let Some(e) = &res.model_error {
        anyhow::bail!("the embedded entity model cannot be read: {e}");
    }
    let score = lede_entity::eval::score(res, &docs);
    let prf = |c: &lede_entity::eval::Counts| Prf::from_counts(c.tp, c.predicted, c.gold);
    let report = Report {
        overall: prf(&score.overall),
        by_type: score
            .by_type
            .iter()
            .map(|(t, c)| (type_name(*t).to_owned(), prf(c)))
            .collect(),
        documents: docs.len(),
        gold_entities: score.overall.gold,
        predicted_entities: score.overall.predicted,
    };
    match args.format {
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        EvalFormat::Text => {
            println!(
                "{} documents, {} gold entities, {} predicted",
                report.documents, report.gold_entities, report.predicted_entities
            );
            println!("{:<8} {}", "overall", report.overall);
            for (t, p) in &report.by_type {
                println!("{t:<8} {p}");
            }
        }
    }
    Ok(ExitStatus::Success)
}

fn type_name(t: lede_entity::EntityType) -> &'static str {
    match t {
        lede_entity::EntityType::Person => "PER",
        lede_entity::EntityType::Org => "ORG",
        lede_entity::EntityType::Loc => "LOC",
        lede_entity::EntityType::Misc => "MISC",
    }
}
