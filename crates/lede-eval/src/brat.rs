//! BRAT standoff files (`.ann`): text-bound annotations (`T` lines) and events (`E` lines),
//! with character offsets converted to byte offsets into the document's text. Columns are
//! separated by tabs (shown as spaces here):
//!
//! ```text
//! T13    Source 428 452    the influential US daily
//! T12    Content 302 340;345 427    ...
//! E4    Attribution:T15 Cue:T14 Source:T13 Content:T12
//! ```
//!
//! Other lines (relations, notes, and the continuation of a span text that holds a line break)
//! are skipped.

use crate::{Error, Result, ResultExt as _};

/// A text-bound annotation: its id, its type and its fragments as byte ranges, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBound<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub fragments: Vec<(usize, usize)>,
}

/// An event: its id and its arguments as `(role, id)` pairs; the first is `(type, trigger)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    pub id: &'a str,
    pub args: Vec<(&'a str, &'a str)>,
}

/// The annotations of one file, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations<'a> {
    pub spans: Vec<TextBound<'a>>,
    pub events: Vec<Event<'a>>,
}

impl<'a> Annotations<'a> {
    /// The text-bound annotation with this id.
    pub fn span(&self, id: &str) -> Option<&TextBound<'a>> {
        self.spans.iter().find(|s| s.id == id)
    }
}

/// Reads one `.ann` file whose offsets point into `text`. Errors name the line.
pub fn parse<'a>(ann: &'a str, text: &str) -> Result<Annotations<'a>> {
    // char index -> byte offset
    let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_at.push(text.len());
    let conv = |c: usize| -> Result<usize> {
        byte_at.get(c).copied().ok_or_else(|| {
            Error::Invalid(format!(
                "offset {c} is beyond the text ({} characters)",
                byte_at.len() - 1
            ))
        })
    };
    let mut out = Annotations::default();
    for (n, line) in ann.lines().enumerate() {
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or("");
        let body = cols.next().unwrap_or("");
        // a span text with a line break continues on the next line: not an annotation
        let numbered = id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit());
        if !numbered {
            continue;
        }
        if id.starts_with('T') {
            let (kind, offs) = body
                .split_once(' ')
                .ok_or_else(|| Error::Invalid(format!("line {}: bad span line", n + 1)))?;
            let mut fragments = Vec::new();
            for f in offs.split(';') {
                let (a, b) = f
                    .trim()
                    .split_once(' ')
                    .ok_or_else(|| Error::Invalid(format!("line {}: bad offsets `{f}`", n + 1)))?;
                let a: usize = a
                    .parse()
                    .context_with(|| format!("line {}: bad offset", n + 1))?;
                let b: usize = b
                    .parse()
                    .context_with(|| format!("line {}: bad offset", n + 1))?;
                fragments.push((conv(a)?, conv(b)?));
            }
            out.spans.push(TextBound {
                id,
                kind,
                fragments,
            });
        } else if id.starts_with('E') {
            let args = body
                .split_whitespace()
                .filter_map(|a| a.split_once(':'))
                .collect();
            out.events.push(Event { id, args });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_events_with_byte_offsets() {
        // `é` is two bytes: character offsets 4..7 are bytes 5..8
        let text = "Café sat, said X.";
        let ann = "T1\tCue 10 14\tsaid\nT2\tSource 0 4;15 16\tCafé X\n\
                   continued text\nE1\tAttribution:T3 Cue:T1 Source:T2\n#1\tNote T1\tx\n";
        let a = parse(ann, text).unwrap();
        assert_eq!(a.spans.len(), 2);
        assert_eq!(a.spans[0].kind, "Cue");
        assert_eq!(a.spans[0].fragments, [(11, 15)]);
        assert_eq!(&text[11..15], "said");
        assert_eq!(a.span("T2").unwrap().fragments, [(0, 5), (16, 17)]);
        assert_eq!(a.events[0].args[1], ("Cue", "T1"));
    }

    #[test]
    fn bad_lines_are_errors_naming_the_line() {
        let e = parse("T1\tCue 1\tx\n", "abc").unwrap_err().to_string();
        assert!(e.contains("line 1: bad offsets"), "{e}");
        let e = parse("T1\tCue 1 9\tx\n", "abc").unwrap_err().to_string();
        assert!(e.contains("beyond the text (3 characters)"), "{e}");
        let e = parse("\nT1\tCue x 2\tx\n", "abc").unwrap_err().to_string();
        assert!(e.contains("line 2: bad offset"), "{e}");
    }
}
