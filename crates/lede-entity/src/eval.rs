//! NER scoring shared by `lede eval ner` and the training command: CoNLL exact-span
//! precision, recall and F1, overall and per type, over gold documents tagged by
//! [`crate::analyze_words`] (the analyser's own code path).

use std::collections::{BTreeMap, BTreeSet};

use crate::conll::{self, GoldDocument};
use crate::tagger::Model;
use crate::types::EntityType;
use crate::Loaded;

/// Counts for one type (or overall).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn f1(&self) -> f64 {
        if self.predicted + self.gold == 0 {
            return 0.0;
        }
        2.0 * self.tp as f64 / (self.predicted + self.gold) as f64
    }
}

/// Scores of a run.
#[derive(Debug, Clone, Default)]
pub struct NerScore {
    pub overall: Counts,
    pub by_type: BTreeMap<EntityType, Counts>,
}

/// Tags gold documents with `res` and scores exact spans. Predicted types that the gold data
/// never uses (MISC in UNER, which has none) are left out of the scoring, since the gold
/// scheme cannot say whether they are right.
pub fn score(res: &Loaded, docs: &[GoldDocument]) -> NerScore {
    score_with(&res.model, res, docs)
}

/// [`score`] with another model (during training).
pub fn score_with(model: &Model, res: &Loaded, docs: &[GoldDocument]) -> NerScore {
    let mut gold_types: BTreeSet<EntityType> = BTreeSet::new();
    let mut golds = Vec::new();
    let mut preds = Vec::new();
    for (di, doc) in docs.iter().enumerate() {
        let sents: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let no_break = |_: usize, _: usize| false;
        let evidence = |_: usize, _: usize, _: usize| lede_core::Span::new(0, 0).with_text("");
        let wa = crate::analyze_words(model, res, &sents, &no_break, &evidence);
        for (si, s) in doc.sentences.iter().enumerate() {
            for c in conll::chunks(&s.tags) {
                gold_types.insert(c.etype);
                golds.push((di, si, c.start, c.end, c.etype));
            }
        }
        for (i, m) in wa.mentions.iter().enumerate() {
            preds.push((
                di,
                m.sentence,
                m.tok_start,
                m.tok_end,
                wa.linked.mention_type[i],
            ));
        }
    }
    let gold_set: BTreeSet<_> = golds.iter().copied().collect();
    let mut out = NerScore::default();
    for t in &gold_types {
        out.by_type.insert(*t, Counts::default());
    }
    for g in &golds {
        out.overall.gold += 1;
        if let Some(c) = out.by_type.get_mut(&g.4) {
            c.gold += 1;
        }
    }
    for p in &preds {
        if !gold_types.contains(&p.4) {
            continue;
        }
        out.overall.predicted += 1;
        let hit = gold_set.contains(p);
        if let Some(c) = out.by_type.get_mut(&p.4) {
            c.predicted += 1;
            if hit {
                c.tp += 1;
            }
        }
        if hit {
            out.overall.tp += 1;
        }
    }
    out
}
