//! `CoNLL` NER output (`lede analyze --format conll`): for each document a `-DOCSTART- O` line
//! and a blank line, then each sentence of lede's text layers as one token per line (`word
//! TAG`, separated by a space) followed by a blank line, as in CoNLL-2003. Tags are IOB2:
//! `B-TYPE` on the first token of an entity mention, `I-TYPE` on the others, `O` elsewhere,
//! with the entity analyser's types (`PER`, `ORG`, `LOC`, `MISC`). A document that failed has
//! its `-DOCSTART-` line and no sentences, so there is one per input document.
//!
//! Tokens never hold white space (the tokenizer splits on it); a mention covers the tokens
//! inside its span. `lede eval ner --gold FILE` reads the output back
//! (`lede_entity::conll`).

use std::fmt::Write as _;

use lede_core::{Layers, Record};
use serde_json::Value;

/// The `-DOCSTART-` line that opens each document.
pub const DOCSTART: &str = "-DOCSTART- O";

/// One entity mention: byte span and type.
struct Mention<'a> {
    start: usize,
    end: usize,
    etype: &'a str,
}

/// The name mentions of the `entity` analyser's output, in text order.
fn mentions(record: &Record) -> Vec<Mention<'_>> {
    let list = record
        .results
        .get("entity")
        .and_then(|e| e.get("mentions"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut out: Vec<Mention<'_>> = list
        .iter()
        .filter(|m| {
            m.get("kind")
                .and_then(Value::as_str)
                .is_none_or(|k| k == "name")
        })
        .filter_map(|m| {
            Some(Mention {
                start: usize::try_from(m.get("start")?.as_u64()?).ok()?,
                end: usize::try_from(m.get("end")?.as_u64()?).ok()?,
                etype: m.get("type")?.as_str()?,
            })
        })
        .collect();
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// Appends one document. The record must have its text ([`lede_core::Pipeline::keep_text`])
/// and byte offsets; without text (a failed document) only the `-DOCSTART-` line is written.
pub fn write(out: &mut String, record: &Record) {
    out.push_str(DOCSTART);
    out.push_str("\n\n");
    let Some(text) = record.text.as_deref() else {
        return;
    };
    if record.error.is_some() {
        return;
    }
    let layers = Layers::compute(text, record.metadata.headline_span());
    let mentions = mentions(record);
    let mut next = 0; // first mention that may still cover a token
    for sentence in &layers.sentences {
        let tokens = &layers.tokens[sentence.tokens()];
        if tokens.is_empty() {
            continue;
        }
        let mut inside: Option<usize> = None; // the mention the previous token was in
        for t in tokens {
            while next < mentions.len() && mentions[next].end <= t.span.start {
                next += 1;
            }
            let covering = mentions[next..]
                .iter()
                .take_while(|m| m.start <= t.span.start)
                .position(|m| m.start <= t.span.start && t.span.end <= m.end)
                .map(|i| next + i);
            let word = &text[t.span.start..t.span.end];
            match covering {
                Some(i) => {
                    let prefix = if inside == Some(i) { "I" } else { "B" };
                    let _ = writeln!(out, "{word} {prefix}-{}", mentions[i].etype);
                }
                None => {
                    let _ = writeln!(out, "{word} O");
                }
            }
            inside = covering;
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede_core::Metadata;

    fn record(text: &str, mentions: &Value) -> Record {
        let mut r = Record::failed("d", "x");
        r.error = None;
        r.text = Some(text.to_owned());
        r.metadata = Metadata::default();
        r.results.insert(
            "entity".to_owned(),
            serde_json::json!({ "mentions": mentions }),
        );
        r
    }

    #[test]
    fn iob2_tags_per_sentence() {
        let text = "Dana Whitfield met Kofi Mensah in Accra. It rained.";
        let r = record(
            text,
            &serde_json::json!([
                {"start": 0, "end": 14, "type": "PER", "kind": "name", "text": "Dana Whitfield"},
                {"start": 19, "end": 30, "type": "PER", "kind": "name", "text": "Kofi Mensah"},
                {"start": 34, "end": 39, "type": "LOC", "kind": "name", "text": "Accra"},
            ]),
        );
        let mut out = String::new();
        write(&mut out, &r);
        assert_eq!(
            out,
            "-DOCSTART- O\n\nDana B-PER\nWhitfield I-PER\nmet O\nKofi B-PER\nMensah I-PER\n\
             in O\nAccra B-LOC\n. O\n\nIt O\nrained O\n. O\n\n"
        );
        let failed = Record::failed("e", "document is empty");
        let mut out = String::new();
        write(&mut out, &failed);
        assert_eq!(out, "-DOCSTART- O\n\n");
    }
}
