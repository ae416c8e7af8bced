//! Named entities (`lede eval ner`): `CoNLL` exact-span precision/recall/F1 of the entity analyser, overall and
//! per type, on CoNLL-format gold files (2 or 4 columns, IOB1 or IOB2, `-DOCSTART-`; the UNER
//! tab-separated files too). The tagger runs on the gold tokens through the analyser's own
//! code path (`lede_entity::analyze_words`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::{Error, Prf, Result, ResultExt as _};

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub overall: Prf,
    pub by_type: BTreeMap<String, Prf>,
    pub documents: usize,
    pub gold_entities: usize,
    pub predicted_entities: usize,
}

/// The gold files under `path`: the file itself, or the data files of a folder (sorted;
/// README and LICENSE files skipped).
pub fn gold_files(path: &Path) -> Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let out = crate::walk(path, 1, "reading", |e| {
        let name = e.file_name().to_string_lossy().to_lowercase();
        e.file_type().is_file()
            && !name.starts_with("readme")
            && !name.starts_with("license")
            && !e.path().extension().is_some_and(|x| {
                ["md", "rst", "py"]
                    .iter()
                    .any(|y| x.eq_ignore_ascii_case(y))
            })
    })?;
    if out.is_empty() {
        return Err(Error::Invalid(format!(
            "no gold files in {}",
            path.display()
        )));
    }
    Ok(out)
}

/// Scores the entity tagger on the `CoNLL` files at `gold` (a file or a folder).
pub fn evaluate(gold: &Path) -> Result<Report> {
    let mut docs = Vec::new();
    for f in gold_files(gold)? {
        let text = crate::read_to_string(&f, "reading")?;
        let parsed = lede_entity::conll::parse(&text)
            .context_with(|| format!("{} is not CoNLL NER data", f.display()))?;
        docs.extend(parsed);
    }
    let res = lede_entity::loaded();
    if let Some(e) = &res.model_error {
        return Err(Error::Invalid(format!(
            "the embedded entity model cannot be read: {e}"
        )));
    }
    let score = lede_entity::eval::score(res, &docs);
    let prf = |c: &lede_entity::eval::Counts| Prf::from_counts(c.tp, c.predicted, c.gold);
    Ok(Report {
        overall: prf(&score.overall),
        by_type: score
            .by_type
            .iter()
            .map(|(t, c)| (type_name(*t).to_owned(), prf(c)))
            .collect(),
        documents: docs.len(),
        gold_entities: score.overall.gold,
        predicted_entities: score.overall.predicted,
    })
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} documents, {} gold entities, {} predicted",
            self.documents, self.gold_entities, self.predicted_entities
        )?;
        writeln!(f, "{:<8} {}", "overall", self.overall)?;
        for (t, p) in &self.by_type {
            writeln!(f, "{t:<8} {p}")?;
        }
        Ok(())
    }
}

fn type_name(t: lede_entity::EntityType) -> &'static str {
    match t {
        lede_entity::EntityType::Person => "PER",
        lede_entity::EntityType::Org => "ORG",
        lede_entity::EntityType::Loc => "LOC",
        lede_entity::EntityType::Misc => "MISC",
    }
}
