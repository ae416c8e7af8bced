//! Character offsets for users whose strings index by code point (Python's `str`): every span
//! of a record, byte offsets into the text, rewritten as Unicode scalar value offsets.

use serde_json::Value;

use crate::pipeline::Record;
use crate::span::TextSpan;

/// Maps byte offsets of one text to character (code point) offsets.
pub struct CharOffsets {
    /// The byte offset where each character starts, ascending.
    starts: Vec<usize>,
    len: usize,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        Self {
            starts: text.char_indices().map(|(b, _)| b).collect(),
            len: text.len(),
        }
    }

    /// The number of characters before byte offset `byte` (a byte inside a character counts
    /// that character as before it, so that a span never shrinks to nothing).
    pub fn char_at(&self, byte: usize) -> usize {
        if byte >= self.len {
            return self.starts.len();
        }
        self.starts.partition_point(|&s| s < byte)
    }

    fn span(&self, s: &mut TextSpan) {
        s.start = self.char_at(s.start);
        s.end = self.char_at(s.end);
    }

    /// Rewrites every span in `v`: an object with integer `start` and `end` and a string
    /// `text` (the shape every analyser's spans have, `docs/output.md`). Other numbers are left
    /// alone.
    pub fn rewrite(&self, v: &mut Value) {
        match v {
            Value::Object(map) => {
                let is_span = map.get("text").is_some_and(Value::is_string)
                    && map.get("start").is_some_and(Value::is_u64)
                    && map.get("end").is_some_and(Value::is_u64);
                if is_span {
                    for key in ["start", "end"] {
                        if let Some(n) = map.get(key).and_then(Value::as_u64) {
                            let c = usize::try_from(n).map_or(n, |b| self.char_at(b) as u64);
                            map.insert(key.to_owned(), Value::from(c));
                        }
                    }
                }
                for x in map.values_mut() {
                    self.rewrite(x);
                }
            }
            Value::Array(items) => {
                for x in items {
                    self.rewrite(x);
                }
            }
            _ => {}
        }
    }
}

impl Record {
    /// Rewrites every span of the record (metadata and results) from byte to character
    /// offsets. Needs the document's text ([`crate::Pipeline::keep_text`]); returns false, and
    /// changes nothing, without it (a document that could not be read has no spans anyway).
    pub fn use_char_offsets(&mut self) -> bool {
        let Some(text) = self.text.as_deref() else {
            return false;
        };
        let map = CharOffsets::new(text);
        if let Some(h) = self.metadata.headline.as_mut() {
            map.span(h);
        }
        if let Some(d) = self.metadata.dateline.as_mut() {
            map.span(d);
        }
        for v in self.results.values_mut() {
            map.rewrite(v);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Zürich – “Ja,” sagte sie.";
        let m = CharOffsets::new(text);
        let b = text.find("sagte").unwrap();
        assert_eq!(m.char_at(b), text[..b].chars().count());
        assert_eq!(m.char_at(text.len()), text.chars().count());
        // inside a multi-byte character: that character counts as before
        assert_eq!(m.char_at(2), 2);
    }

    #[test]
    fn rewrite_changes_spans_only() {
        let text = "Café “Ost”";
        let m = CharOffsets::new(text);
        let s = text.find("Ost").unwrap();
        let mut v = serde_json::json!({
            "count": 9,
            "items": [{"start": s, "end": s + 3, "text": "Ost", "id": 7}],
            "range": {"start": 4, "end": 5}
        });
        m.rewrite(&mut v);
        assert_eq!(v["items"][0]["start"], 6);
        assert_eq!(v["items"][0]["end"], 9);
        assert_eq!(v["items"][0]["id"], 7);
        assert_eq!(v["count"], 9);
        // no `text`: not a span of the document
        assert_eq!(v["range"]["start"], 4);
    }
}
