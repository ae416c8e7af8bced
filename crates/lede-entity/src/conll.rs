//! Reader for CoNLL-style NER files: 2 or 4 space-separated columns (`word [POS chunk] tag`),
//! the UNER tab-separated layout (`id token tag ...`, `#` comment lines), IOB1 or IOB2 tags,
//! `-DOCSTART-` (or `# newdoc`) document boundaries and blank lines between sentences.
//!
//! The training command and `lede eval ner` share it, so both read gold data the same way.

use crate::types::EntityType;

/// One sentence of gold data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldSentence {
    pub words: Vec<String>,
    /// The raw tags as written (`B-PER`, `I-LOC`, `O`).
    pub tags: Vec<String>,
}

/// One document: its sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldDocument {
    pub sentences: Vec<GoldSentence>,
}

/// A chunk over token indices `[start, end)` of one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub etype: EntityType,
}

/// A line the reader could not understand.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct ConllError {
    pub line: usize,
    pub problem: String,
}

/// The CoNLL type of a tag suffix (`PER`, `PERSON`, `ORG`, `LOC`, `GPE`, `MISC`).
pub fn parse_type(s: &str) -> Option<EntityType> {
    match s {
        "PER" | "PERSON" => Some(EntityType::Person),
        "ORG" | "ORGANIZATION" => Some(EntityType::Org),
        "LOC" | "LOCATION" | "GPE" => Some(EntityType::Loc),
        "MISC" => Some(EntityType::Misc),
        _ => None,
    }
}

/// Parses CoNLL text into documents. Lines that are not token lines (comments) are skipped;
/// a token line without a tag column is an error.
pub fn parse(text: &str) -> Result<Vec<GoldDocument>, ConllError> {
    let mut docs: Vec<GoldDocument> = Vec::new();
    let mut doc = GoldDocument::default();
    let mut sent = GoldSentence::default();
    let flush_sent = |doc: &mut GoldDocument, sent: &mut GoldSentence| {
        if !sent.words.is_empty() {
            doc.sentences.push(std::mem::take(sent));
        }
    };
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush_sent(&mut doc, &mut sent);
            continue;
        }
        if line.starts_with('#') && (line.starts_with("# ") || line.contains('=')) {
            if line.starts_with("# newdoc") {
                flush_sent(&mut doc, &mut sent);
                if !doc.sentences.is_empty() {
                    docs.push(std::mem::take(&mut doc));
                }
            }
            continue;
        }
        let tabbed = line.contains('\t');
        let cols: Vec<&str> = if tabbed {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        if cols.first() == Some(&"-DOCSTART-") {
            flush_sent(&mut doc, &mut sent);
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let (word, tag) = if tabbed && cols.len() >= 3 && cols[0].parse::<usize>().is_ok() {
            (cols[1], cols[2])
        } else if cols.len() >= 2 {
            (cols[0], cols[cols.len() - 1])
        } else {
            return Err(ConllError {
                line: n + 1,
                problem: format!("expected a word and a tag, found {line:?}"),
            });
        };
        let tag = tag.trim();
        let valid = tag == "O"
            || (tag.len() > 2 && matches!(&tag[..2], "B-" | "I-" | "E-" | "S-" | "L-" | "U-"));
        if !valid {
            return Err(ConllError {
                line: n + 1,
                problem: format!("not an IOB tag: {tag:?}"),
            });
        }
        sent.words.push(word.to_owned());
        sent.tags.push(tag.to_owned());
    }
    flush_sent(&mut doc, &mut sent);
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Chunks of a tag sequence, reading IOB1 and IOB2 alike: a chunk starts at `B-X`, or at
/// `I-X` after anything but `X`. Tags of unknown types are ignored.
pub fn chunks(tags: &[String]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, EntityType)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, ty) = if tag == "O" || tag.len() < 3 {
            ("O", None)
        } else {
            (&tag[..1], parse_type(&tag[2..]))
        };
        let continues =
            matches!(prefix, "I" | "L" | "E") && cur.is_some_and(|(_, t)| Some(t) == ty);
        if !continues {
            if let Some((s, t)) = cur.take() {
                out.push(Chunk {
                    start: s,
                    end: i,
                    etype: t,
                });
            }
            if let Some(t) = ty {
                cur = Some((i, t));
            }
        }
        if matches!(prefix, "L" | "E" | "U" | "S") {
            if let Some((s, t)) = cur.take() {
                out.push(Chunk {
                    start: s,
                    end: i + 1,
                    etype: t,
                });
            }
        }
    }
    if let Some((s, t)) = cur {
        out.push(Chunk {
            start: s,
            end: tags.len(),
            etype: t,
        });
    }
    out
}
