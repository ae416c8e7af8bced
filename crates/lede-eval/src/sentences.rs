//! Sentence boundaries (`lede eval sentences`): sentence-boundary precision/recall/F1 against CoNLL-U gold (the GUM
//! news files).
//!
//! How a document is rebuilt: the tokens of each CoNLL-U sentence are joined with a space
//! unless the token carries `SpaceAfter=No` (multiword-token ranges `1-2` give the surface form
//! and their parts are skipped; empty nodes `1.1` are skipped); sentences of one paragraph are
//! joined the same way; a `# newpar` comment starts a new paragraph, and paragraphs are joined by
//! a blank line. The text is then read with [`Document::new`] (no headline line: GUM's first
//! paragraph is an ordinary sentence for the gold) and split by the shared text layers.
//!
//! How it is scored (the usual boundary-based definition): a boundary is the byte offset where
//! a sentence ENDS (after its last token, before any whitespace). Gold boundaries are the ends
//! of the CoNLL-U sentences, predicted boundaries the ends of [`lede_core::Sentence`] spans; a
//! predicted boundary is correct when the gold has a boundary at the same offset. Precision =
//! correct / predicted, recall = correct / gold, micro-averaged over all documents. Paragraph
//! ends count too (they are boundaries in both), so the text output also gives the figure over
//! boundaries inside paragraphs only, which is the harder part.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use lede_core::{Document, Metadata};
use serde::Serialize;

use crate::{Prf, Result};

/// One gold document rebuilt from CoNLL-U.
#[derive(Debug, Default)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    /// End offsets of the gold sentences, ascending.
    pub sentence_ends: Vec<usize>,
    /// End offsets of the paragraphs.
    pub paragraph_ends: Vec<usize>,
}

/// Rebuilds the documents of a CoNLL-U file (see the module comment).
pub fn parse_conllu(name: &str, input: &str) -> Result<Vec<GoldDoc>> {
    let mut docs = Vec::new();
    for d in crate::conllu::parse(name, input)? {
        let mut doc = GoldDoc {
            id: d.id,
            ..GoldDoc::default()
        };
        // what goes before the next token: nothing, a space or a paragraph break
        let mut pending_sep = "";
        for sent in &d.sentences {
            if sent.new_paragraph && !doc.text.is_empty() {
                pending_sep = "\n\n";
            }
            let mut skip_until = 0;
            for t in &sent.tokens {
                if t.is_range() {
                    skip_until = t.last;
                } else if t.first <= skip_until {
                    continue; // a part of a multiword token already written
                }
                doc.text.push_str(pending_sep);
                doc.text.push_str(t.form);
                pending_sep = if t.space_after() { " " } else { "" };
            }
            doc.sentence_ends.push(doc.text.len());
        }
        close_doc(&mut doc);
        docs.push(doc);
    }
    Ok(docs)
}

/// Paragraph ends are the sentence ends followed by a blank line (or the end of the text).
fn close_doc(doc: &mut GoldDoc) {
    doc.paragraph_ends = doc
        .sentence_ends
        .iter()
        .copied()
        .filter(|&e| e == doc.text.len() || doc.text[e..].starts_with("\n\n"))
        .collect();
}

/// Counts for one document or a whole run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
    pub inner_correct: usize,
    pub inner_predicted: usize,
    pub inner_gold: usize,
}

/// Scores the shared sentence splitter on one gold document; missed and spurious boundaries
/// are appended to `errors` when given.
pub fn score(doc: &GoldDoc, errors: Option<&mut String>) -> Counts {
    let d = Document::new(doc.id.clone(), doc.text.clone(), Metadata::default());
    let predicted: BTreeSet<usize> = d.layers().sentences.iter().map(|s| s.span.end).collect();
    let gold: BTreeSet<usize> = doc.sentence_ends.iter().copied().collect();
    let para: BTreeSet<usize> = doc.paragraph_ends.iter().copied().collect();
    let mut c = Counts {
        predicted: predicted.len(),
        gold: gold.len(),
        correct: predicted.intersection(&gold).count(),
        ..Counts::default()
    };
    c.inner_predicted = predicted.difference(&para).count();
    c.inner_gold = gold.difference(&para).count();
    c.inner_correct = predicted
        .intersection(&gold)
        .filter(|e| !para.contains(e))
        .count();
    if let Some(out) = errors {
        for (what, set, other) in [
            ("missed", &gold, &predicted),
            ("spurious", &predicted, &gold),
        ] {
            for &e in set.difference(other) {
                let _ = writeln!(
                    out,
                    "{} {what} at {e}: {}",
                    doc.id,
                    context(&doc.text, e).replace('\n', "⏎")
                );
            }
        }
    }
    c
}

fn context(text: &str, at: usize) -> String {
    let mut a = at.saturating_sub(60);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (at + 60).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{} ‖ {}", &text[a..at], &text[at..b])
}

/// The scores over a folder of CoNLL-U files. Serialised, it is the figure over all
/// boundaries; as text, also the one inside paragraphs.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    #[serde(flatten)]
    pub all: Prf,
    #[serde(skip)]
    pub inside_paragraphs: Prf,
    #[serde(skip)]
    pub documents: usize,
    #[serde(skip)]
    pub counts: Counts,
}

/// Scores the sentence splitter on every `.conllu` file of `gold` (or that file); missed and
/// spurious boundaries are appended to `errors` when given.
pub fn evaluate(gold: &Path, mut errors: Option<&mut String>) -> Result<Report> {
    let mut total = Counts::default();
    let mut docs = 0usize;
    for file in crate::files_with_extension(gold, "conllu")? {
        let name = file.display().to_string();
        let input = crate::read_to_string(&file, "cannot read")?;
        for doc in parse_conllu(&name, &input)? {
            docs += 1;
            let c = score(&doc, errors.as_deref_mut());
            total.correct += c.correct;
            total.predicted += c.predicted;
            total.gold += c.gold;
            total.inner_correct += c.inner_correct;
            total.inner_predicted += c.inner_predicted;
            total.inner_gold += c.inner_gold;
        }
    }
    Ok(Report {
        all: Prf::from_counts(total.correct, total.predicted, total.gold),
        inside_paragraphs: Prf::from_counts(
            total.inner_correct,
            total.inner_predicted,
            total.inner_gold,
        ),
        documents: docs,
        counts: total,
    })
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "sentence boundaries ({} documents, {} gold, {} predicted)",
            self.documents, self.counts.gold, self.counts.predicted
        )?;
        writeln!(f, "  all boundaries         {}", self.all)?;
        writeln!(f, "  inside paragraphs only {}", self.inside_paragraphs)
    }
}
