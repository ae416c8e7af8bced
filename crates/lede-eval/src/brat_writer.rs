//! BRAT standoff output (`lede analyze --format brat`): the `.ann` file of a document, whose
//! text is the `.txt` file beside it (the document's text exactly). Offsets count characters.
//! It lives beside the BRAT reader because the quotations are written in the conventions this
//! crate scores them in ([`crate::quotes::attributions`]), so that the two cannot drift apart.
//!
//! - each entity mention: `T1<TAB>PER 0 14<TAB>Dana Whitfield`;
//! - each quotation as a `PolNeAR` attribution: its `Source`, `Cue` and `Content` spans, an
//!   `Attribution` trigger (on the cue, else the source, else the content) and the event that
//!   links them, `E1<TAB>Attribution:T5 Source:T2 Cue:T3 Content:T4`. Spans follow `PolNeAR`'s
//!   conventions (quotation marks inside the content, and the rest of
//!   [`crate::quotes::attributions`]), which is what `lede eval quotes` scores: the output
//!   reads back through `lede eval quotes --gold DIR` with the same figures.
//!
//! A span over a line break is written as one fragment per line (`0 12;13 20`), as BRAT
//! wants; readers join fragments separated only by white space again.

use std::fmt::Write as _;

use lede_core::{CharOffsets, Record};
use lede_quote::QuoteOutput;
use serde_json::Value;

/// The `annotation.conf` that lets BRAT show the files of a folder.
pub const ANNOTATION_CONF: &str = "\
# BRAT's configuration for the files lede writes (lede analyze --format brat --out-dir).
[entities]
PER
ORG
LOC
MISC
Source
Cue
Content

[relations]

[events]
Attribution\tSource?:Source, Cue?:Cue, Content:Content

[attributes]
";

/// Byte fragments split at line breaks, trimmed of white space, as character offsets.
fn fragments(text: &str, map: &CharOffsets, frags: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(a, b) in frags {
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        let mut start = a;
        for line in piece.split_inclusive(['\n', '\r']) {
            let trimmed = line.trim_start();
            let s = start + (line.len() - trimmed.len());
            let e = s + trimmed.trim_end().len();
            if e > s {
                out.push((map.char_at(s), map.char_at(e)));
            }
            start += line.len();
        }
    }
    out
}

/// Writes the `.ann` lines of a document.
struct Ann<'a> {
    out: String,
    text: &'a str,
    map: CharOffsets,
    /// Characters of the text, for the text column.
    chars: Vec<char>,
    next_t: usize,
    next_e: usize,
}

impl<'a> Ann<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            out: String::new(),
            text,
            map: CharOffsets::new(text),
            chars: text.chars().collect(),
            next_t: 0,
            next_e: 0,
        }
    }

    /// A text-bound annotation over byte fragments; its id, or `None` when nothing is left
    /// of it.
    fn span(&mut self, kind: &str, frags: &[(usize, usize)]) -> Option<String> {
        let frags = fragments(self.text, &self.map, frags);
        if frags.is_empty() {
            return None;
        }
        self.next_t += 1;
        let id = format!("T{}", self.next_t);
        let offsets: Vec<String> = frags.iter().map(|(a, b)| format!("{a} {b}")).collect();
        let words: Vec<String> = frags
            .iter()
            .map(|&(a, b)| self.chars[a..b].iter().collect())
            .collect();
        let _ = writeln!(
            self.out,
            "{id}\t{kind} {}\t{}",
            offsets.join(";"),
            words.join(" ")
        );
        Some(id)
    }

    fn event(&mut self, args: &[(&str, &str)]) {
        self.next_e += 1;
        let args: Vec<String> = args.iter().map(|(r, t)| format!("{r}:{t}")).collect();
        let _ = writeln!(self.out, "E{}\t{}", self.next_e, args.join(" "));
    }
}

/// The `.ann` file of a document (empty for a document that failed or has no text). The
/// record must have its text ([`lede_core::Pipeline::keep_text`]) and byte offsets.
pub fn write(record: &Record) -> String {
    let Some(text) = record.text.as_deref() else {
        return String::new();
    };
    let mut ann = Ann::new(text);
    let mentions = record
        .results
        .get("entity")
        .and_then(|e| e.get("mentions"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for m in mentions {
        let (Some(s), Some(e), Some(t)) = (
            m.get("start").and_then(Value::as_u64),
            m.get("end").and_then(Value::as_u64),
            m.get("type").and_then(Value::as_str),
        ) else {
            continue;
        };
        ann.span(t, &[(s as usize, e as usize)]);
    }
    let quotes = record
        .results
        .get("quote")
        .and_then(|q| serde_json::from_value::<QuoteOutput>(q.clone()).ok());
    if let Some(quotes) = quotes {
        for a in crate::quotes::attributions(text, &quotes) {
            let source = a.source.as_deref().and_then(|f| ann.span("Source", f));
            let cue = a.cue.as_deref().and_then(|f| ann.span("Cue", f));
            let Some(content) = ann.span("Content", &a.content) else {
                continue;
            };
            let trigger = a
                .cue
                .as_deref()
                .or(a.source.as_deref())
                .unwrap_or(&a.content[..1]);
            let Some(trigger) = ann.span("Attribution", trigger) else {
                continue;
            };
            let mut args = vec![("Attribution", trigger.as_str())];
            if let Some(s) = &source {
                args.push(("Source", s));
            }
            if let Some(c) = &cue {
                args.push(("Cue", c));
            }
            args.push(("Content", &content));
            ann.event(&args);
        }
    }
    ann.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_split_at_line_breaks_in_characters() {
        let text = "Café “A\n B.” x";
        let map = CharOffsets::new(text);
        let open = text.find('“').unwrap();
        let f = fragments(text, &map, &[(open, text.find(" x").unwrap())]);
        // “A | B.” in characters: é is one character, “ one
        assert_eq!(f, [(5, 7), (9, 12)]);
    }
}
