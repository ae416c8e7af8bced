//! TimeML output: the TIMEX3-annotated text in the TempEval-3 format, as `lede analyze
//! --format timeml` writes it (`lede_eval::timeml` reads it back).

use std::fmt::Write as _;

use chrono::NaiveDate;
use lede_core::Span;

use crate::Timex;

/// Escapes character data (text between tags): `&`, `<` and `>` only, so that the text an XML
/// parser reads back is the document's text character for character (the TempEval-3 scorer
/// compares them); a carriage return as `&#13;` (a parser turns a raw CR or CRLF into LF); a
/// character XML 1.0 cannot hold (other control characters, U+FFFE, U+FFFF) as U+FFFD, one
/// character for one.
fn escape_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if !xml_char(c) => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
}

/// Escapes an attribute value (in double quotes): `"` too, and white space other than the
/// space as character references (a parser turns raw tabs and line breaks into spaces).
fn escape_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c => escape_text(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}

/// Whether XML 1.0 allows the character (its `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// A TIMEX3 to write: extent, type, value, and the optional `mod`, `quant` and `freq`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimexMark<'a> {
    pub span: Span,
    pub kind: &'a str,
    pub value: &'a str,
    pub modifier: Option<&'a str>,
    pub quant: Option<&'a str>,
    pub freq: Option<&'a str>,
}

impl<'a> From<&'a Timex> for TimexMark<'a> {
    fn from(t: &'a Timex) -> Self {
        TimexMark {
            span: t.span.span(),
            kind: t.kind.as_str(),
            value: &t.value,
            modifier: t.modifier,
            quant: t.quant,
            freq: t.freq.as_deref(),
        }
    }
}

/// Writes one document in the TempEval-3 TimeML format: `<DOCID>`, `<DCT>` (when known) and
/// the text with inline `<TIMEX3>` tags (`tid`, `type`, `value`, and `mod`, `quant`, `freq`
/// when the expression has them). Marks that overlap an
/// earlier one or do not fall on character boundaries are skipped, so the XML stays
/// well-formed.
pub fn write(id: &str, text: &str, dct: Option<NaiveDate>, marks: &[TimexMark<'_>]) -> String {
    let mut out = String::with_capacity(text.len() + 256 + marks.len() * 96);
    out.push_str("<?xml version=\"1.0\" ?>\n");
    out.push_str("<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\n");
    out.push_str("<DOCID>");
    escape_text(&mut out, id);
    out.push_str("</DOCID>\n\n");
    if let Some(d) = dct {
        let v = d.format("%Y-%m-%d").to_string();
        let _ = write!(
            out,
            "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{v}\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">{v}</TIMEX3></DCT>\n\n"
        );
    }
    out.push_str("<TEXT>");
    let mut sorted: Vec<&TimexMark<'_>> = marks.iter().collect();
    sorted.sort_by_key(|m| m.span);
    let mut pos = 0;
    let mut n = 0;
    for m in sorted {
        let s = m.span;
        if s.start < pos
            || s.end > text.len()
            || s.is_empty()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            continue;
        }
        escape_text(&mut out, &text[pos..s.start]);
        n += 1;
        let _ = write!(out, "<TIMEX3 tid=\"t{n}\" type=\"{}\" value=\"", m.kind);
        escape_attr(&mut out, m.value);
        out.push('"');
        for (name, v) in [("mod", m.modifier), ("quant", m.quant), ("freq", m.freq)] {
            if let Some(v) = v {
                let _ = write!(out, " {name}=\"");
                escape_attr(&mut out, v);
                out.push('"');
            }
        }
        out.push('>');
        escape_text(&mut out, &text[s.start..s.end]);
        out.push_str("</TIMEX3>");
        pos = s.end;
    }
    escape_text(&mut out, &text[pos..]);
    out.push_str("</TEXT>\n\n</TimeML>\n");
    out
}

/// Writes one document from its output record: the `timeline` analyser's JSON output (its
/// `timexes`), as `lede analyze --format timeml` has it. Without that output the text is
/// written with no TIMEX3.
pub fn write_from_json(
    id: &str,
    text: &str,
    dct: Option<NaiveDate>,
    timeline: Option<&serde_json::Value>,
) -> String {
    let items = timeline
        .and_then(|v| v.get("timexes"))
        .and_then(serde_json::Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let marks: Vec<TimexMark<'_>> = items
        .iter()
        .filter_map(|t| {
            let span = t.get("span")?;
            Some(TimexMark {
                span: Span::new(
                    usize::try_from(span.get("start")?.as_u64()?).ok()?,
                    usize::try_from(span.get("end")?.as_u64()?).ok()?,
                ),
                kind: t.get("type")?.as_str()?,
                value: t.get("value")?.as_str()?,
                modifier: t.get("mod").and_then(serde_json::Value::as_str),
                quant: t.get("quant").and_then(serde_json::Value::as_str),
                freq: t.get("freq").and_then(serde_json::Value::as_str),
            })
        })
        .collect();
    write(id, text, dct, &marks)
}
