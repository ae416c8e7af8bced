//! `lede eval link`: in-article linking against GUM CoNLL-U files. The gold named mentions
//! (mentions whose first word after a determiner and whose last word are proper nouns) are
//! grouped by their gold entity id; the analyser runs on the article's text rebuilt from the
//! tokens; each gold mention takes the entity of the predicted mention that overlaps it most
//! (none: a singleton). Scores are pairwise precision/recall/F1 over pairs of gold named
//! mentions of one document: a pair is predicted together when both got the same entity.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use lede_core::{Document, Metadata};
use serde::Serialize;

use super::{EvalFormat, Prf};
use crate::ExitStatus;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A folder of CoNLL-U files with `Entity=` annotations (GUM), or one file.
    #[arg(long)]
    pub gold: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
}

#[derive(Debug, Serialize)]
struct Report {
    pairwise: Prf,
    documents: usize,
    gold_mentions: usize,
    found_mentions: usize,
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

/// Parses one CoNLL-U file into documents (`# newdoc`), rebuilding the text: tokens joined by
/// spaces (none after `SpaceAfter=No`), sentences by newlines, paragraphs by blank lines.
fn parse_conllu(text: &str) -> Vec<GoldDoc> {
    let mut docs = Vec::new();
    let mut cur = GoldDoc {
        text: String::new(),
        mentions: Vec::new(),
    };
    let mut open: Vec<OpenMention> = Vec::new();
    let mut space_after = true;
    for line in text.lines() {
        if line.starts_with("# newdoc") {
            if !cur.text.is_empty() {
                docs.push(std::mem::replace(
                    &mut cur,
                    GoldDoc {
                        text: String::new(),
                        mentions: Vec::new(),
                    },
                ));
            }
            open.clear();
            continue;
        }
        if line.starts_with("# newpar") && !cur.text.is_empty() {
            cur.text.push('\n');
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !cur.text.is_empty() && !cur.text.ends_with('\n') {
                cur.text.push('\n');
            }
            space_after = true;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        if !space_after && !cur.text.is_empty() {
            // no space
        } else if !cur.text.is_empty() && !cur.text.ends_with('\n') {
            cur.text.push(' ');
        }
        let start = cur.text.len();
        cur.text.push_str(cols[1]);
        let end = cur.text.len();
        let upos = cols[3];
        let misc = cols[9];
        space_after = !misc.split('|').any(|f| f == "SpaceAfter=No");
        let entity_field = misc
            .split('|')
            .find_map(|f| f.strip_prefix("Entity="))
            .unwrap_or("");
        // opens first (they start at this token), then the token joins every open mention,
        // then closes
        let bytes = entity_field.as_bytes();
        let mut i = 0;
        let mut closes: Vec<String> = Vec::new();
        let mut opened_here: Vec<usize> = Vec::new();
        while i < bytes.len() {
            if bytes[i] == b'(' {
                let rest = &entity_field[i + 1..];
                let stop = rest.find(['(', ')']).unwrap_or(rest.len());
                let content = &rest[..stop];
                let id = content.split('-').next().unwrap_or("").to_owned();
                open.push((id.clone(), start, Vec::new()));
                opened_here.push(open.len() - 1);
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
        for m in &mut open {
            m.2.push((upos.to_owned(), upos == "PROPN"));
        }
        for id in closes {
            if let Some(pos) = open.iter().rposition(|m| m.0 == id) {
                let (eid, s, words) = open.remove(pos);
                if is_named(&words) {
                    cur.mentions.push(GoldMention {
                        start: s,
                        end,
                        entity: eid,
                    });
                }
            }
        }
    }
    if !cur.text.is_empty() {
        docs.push(cur);
    }
    docs
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

pub fn run(args: &Args) -> Result<ExitStatus> {
    let mut docs = Vec::new();
    for f in super::files_with_extension(&args.gold, "conllu")? {
        let text =
            std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
        docs.extend(parse_conllu(&text));
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
    let report = Report {
        pairwise: Prf::from_counts(tp, pred_pairs, gold_pairs),
        documents: docs.len(),
        gold_mentions: n_gold,
        found_mentions: n_found,
    };
    match args.format {
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        EvalFormat::Text => {
            println!(
                "{} documents, {} gold named mentions ({} overlapped by a predicted mention)",
                report.documents, report.gold_mentions, report.found_mentions
            );
            println!("pairwise {}", report.pairwise);
        }
    }
    Ok(ExitStatus::Success)
}
