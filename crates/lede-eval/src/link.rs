//! In-article entity linking (`lede eval link`) against GUM CoNLL-U files. The gold named mentions
//! (mentions whose first word after a determiner and whose last word are proper nouns) are
//! grouped by their gold entity id; the analyser runs on the article's text rebuilt from the
//! tokens; each gold mention takes the entity of the predicted mention that overlaps it most
//! (none: a singleton). Scores are pairwise precision/recall/F1 over pairs of gold named
//! mentions of one document: a pair is predicted together when both got the same entity.

use std::path::Path;

use lede_core::{Document, Metadata};
use serde::Serialize;

use crate::{Prf, Result};

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub pairwise: Prf,
    pub documents: usize,
    pub gold_mentions: usize,
    pub found_mentions: usize,
}

/// A gold mention: byte span in the rebuilt text and gold entity id.
struct GoldMention {
    start: usize,
    end: usize,
    entity: String,
}

struct GoldDoc {
    text: String,
    mentions: Vec<GoldMention>,
}

/// A mention still open while reading: entity id, start byte, and the (UPOS, is proper noun)
/// of its words so far.
type OpenMention = (String, usize, Vec<(String, bool)>);

/// Rebuilds the documents of one CoNLL-U file: the syntactic words (not multiword surface
/// forms) joined by spaces (none after `SpaceAfter=No`), sentences by newlines, paragraphs by
/// blank lines; and their gold named mentions.
fn parse_conllu(name: &str, input: &str) -> Result<Vec<GoldDoc>> {
    let mut docs = Vec::new();
    for d in crate::conllu::parse(name, input)? {
        let mut cur = GoldDoc {
            text: String::new(),
            mentions: Vec::new(),
        };
        let mut open: Vec<OpenMention> = Vec::new();
        for sent in &d.sentences {
            if !cur.text.is_empty() {
                cur.text.push('\n');
                if sent.new_paragraph {
                    cur.text.push('\n');
                }
            }
            let mut space_after = true;
            for t in sent.tokens.iter().filter(|t| !t.is_range()) {
                if space_after && !cur.text.is_empty() && !cur.text.ends_with('\n') {
                    cur.text.push(' ');
                }
                let start = cur.text.len();
                cur.text.push_str(t.form);
                space_after = t.space_after();
                read_mentions(t, start, cur.text.len(), &mut open, &mut cur.mentions);
            }
        }
        if !cur.text.is_empty() {
            docs.push(cur);
        }
    }
    Ok(docs)
}

/// The `Entity=` field of one word: mentions it opens, then the word joins every open
/// mention, then the mentions it closes (named ones are kept).
fn read_mentions(
    t: &crate::conllu::Token,
    start: usize,
    end: usize,
    open: &mut Vec<OpenMention>,
    found: &mut Vec<GoldMention>,
) {
    let entity_field = t
        .misc
        .split('|')
        .find_map(|f| f.strip_prefix("Entity="))
        .unwrap_or("");
    let bytes = entity_field.as_bytes();
    let mut i = 0;
    let mut closes: Vec<String> = Vec::new();
    while i < bytes.len() {
        if bytes[i] == b'(' {
            let rest = &entity_field[i + 1..];
            let stop = rest.find(['(', ')']).unwrap_or(rest.len());
            let content = &rest[..stop];
            let id = content.split('-').next().unwrap_or("").to_owned();
            open.push((id.clone(), start, Vec::new()));
            if rest[stop..].starts_with(')') {
                closes.push(id);
                i += 1 + stop + 1;
            } else {
                i += 1 + stop;
            }
        } else if bytes[i].is_ascii_digit() {
            let rest = &entity_field[i..];
            let stop = rest.find(['(', ')']).unwrap_or(rest.len());
            if rest[stop..].starts_with(')') {
                closes.push(rest[..stop].to_owned());
                i += stop + 1;
            } else {
                i += stop.max(1);
            }
        } else {
            i += 1;
        }
    }
    for m in open.iter_mut() {
        m.2.push((t.upos.to_owned(), t.upos == "PROPN"));
    }
    for id in closes {
        if let Some(pos) = open.iter().rposition(|m| m.0 == id) {
            let (eid, s, words) = open.remove(pos);
            if is_named(&words) {
                found.push(GoldMention {
                    start: s,
                    end,
                    entity: eid,
                });
            }
        }
    }
}

/// A named mention: a proper name, possibly with a determiner, inner prepositions, numbers,
/// punctuation and a possessive (`the University of Texas`, `Mountain View, California`), but
/// no common noun, verb, adjective or conjunction (`Texas student Ahmed Mohamed` and
/// coordinations are descriptions, not names).
fn is_named(words: &[(String, bool)]) -> bool {
    let content: Vec<&(String, bool)> = words
        .iter()
        .skip_while(|w| w.0 == "DET")
        .filter(|w| w.0 != "PUNCT" && w.0 != "PART")
        .collect();
    content.first().is_some_and(|w| w.1)
        && content.last().is_some_and(|w| w.1)
        && content
            .iter()
            .all(|w| matches!(w.0.as_str(), "PROPN" | "ADP" | "NUM" | "DET"))
}

/// Scores in-article linking on the CoNLL-U files at `gold` (a file or a folder).
pub fn evaluate(gold: &Path) -> Result<Report> {
    let mut docs = Vec::new();
    for f in crate::files_with_extension(gold, "conllu")? {
        let text = crate::read_to_string(&f, "reading")?;
        docs.extend(parse_conllu(&f.display().to_string(), &text)?);
    }
    let analyzer = lede_entity::EntityAnalyzer;
    let (mut tp, mut pred_pairs, mut gold_pairs) = (0usize, 0usize, 0usize);
    let (mut n_gold, mut n_found) = (0usize, 0usize);
    for (i, d) in docs.iter().enumerate() {
        let doc = Document::from_plain_text(format!("doc{i}"), d.text.clone(), Metadata::default());
        let out = analyzer.run(&doc);
        let assigned: Vec<Option<usize>> = d
            .mentions
            .iter()
            .map(|g| {
                out.mentions
                    .iter()
                    .filter(|m| m.span.start < g.end && g.start < m.span.end)
                    .max_by_key(|m| m.span.end.min(g.end) - m.span.start.max(g.start))
                    .map(|m| m.entity)
            })
            .collect();
        n_gold += d.mentions.len();
        n_found += assigned.iter().filter(|a| a.is_some()).count();
        for a in 0..d.mentions.len() {
            for b in a + 1..d.mentions.len() {
                let gold_same = d.mentions[a].entity == d.mentions[b].entity;
                let pred_same = assigned[a].is_some() && assigned[a] == assigned[b];
                gold_pairs += usize::from(gold_same);
                pred_pairs += usize::from(pred_same);
                tp += usize::from(gold_same && pred_same);
            }
        }
    }
    Ok(Report {
        pairwise: Prf::from_counts(tp, pred_pairs, gold_pairs),
        documents: docs.len(),
        gold_mentions: n_gold,
        found_mentions: n_found,
    })
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} documents, {} gold named mentions ({} overlapped by a predicted mention)",
            self.documents, self.gold_mentions, self.found_mentions
        )?;
        writeln!(f, "pairwise {}", self.pairwise)
    }
}
