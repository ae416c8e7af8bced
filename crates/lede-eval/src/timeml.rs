//! TimeML gold files (TempEval-3 `.tml`: `<DCT>`, `<TEXT>` with inline `<TIMEX3>` and
//! `<EVENT>`, `<TLINK>`s) and `WikiWars` (SGML input with APF TIMEX2 keys).
//!
//! The raw text of a file is the content of `<TEXT>` with every tag removed and the five XML
//! entities decoded; gold spans are byte offsets into that text, so system output on the same
//! text compares directly. (The writer of `lede analyze --format timeml` is
//! `lede_timeline::timeml`; what it writes, [`parse`] reads.)

// TimeML's vocabulary (TIMEX3, DCT, WikiWars) is the subject of every doc comment here; it
// reads better without backticks.
#![allow(clippy::doc_markdown)]

use chrono::NaiveDate;
use lede_core::Span;

/// A gold TIMEX3.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GoldTimex {
    pub span: Span,
    pub kind: String,
    pub value: String,
    /// `tid` (empty in WikiWars).
    pub tid: String,
}

/// A gold EVENT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldEvent {
    pub eid: String,
    pub span: Span,
}

/// One TimeML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDoc {
    pub id: Option<String>,
    /// The document creation time (`<DCT>`'s TIMEX3 value), when it is a calendar date.
    pub dct: Option<NaiveDate>,
    /// The raw text of `<TEXT>`.
    pub text: String,
    pub timexes: Vec<GoldTimex>,
    /// Gold events (TimeML only).
    pub events: Vec<GoldEvent>,
    /// TLINKs between an expression (not the DCT) and an event: `(tid, eid)`.
    pub time_links: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimemlError {
    #[error("no <TEXT> element")]
    NoText,
    #[error("unclosed tag starting at byte {0}")]
    Unclosed(usize),
    #[error("</TIMEX3> without an opening tag at byte {0}")]
    Unbalanced(usize),
}

/// The value of attribute `name` in the inside of a tag (`TIMEX3 tid="t1" type="DATE"`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(p) = rest.find(name) {
        let before_ok = p == 0 || rest.as_bytes()[p - 1].is_ascii_whitespace();
        let after = rest[p + name.len()..].trim_start();
        if before_ok {
            if let Some(after) = after.strip_prefix('=') {
                let after = after.trim_start();
                let q = after.chars().next()?;
                if q == '"' || q == '\'' {
                    let body = &after[1..];
                    let end = body.find(q)?;
                    return Some(&body[..end]);
                }
            }
        }
        rest = &rest[p + name.len()..];
    }
    None
}

fn decode_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        let ents = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&apos;", '\''),
        ];
        if let Some((e, c)) = ents.iter().find(|(e, _)| tail.starts_with(e)) {
            out.push(*c);
            rest = &tail[e.len()..];
        } else {
            out.push('&');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
}

/// Parses a TimeML document.
pub fn parse(src: &str) -> Result<TimemlDoc, TimemlError> {
    let id = src.find("<DOCID>").and_then(|p| {
        let rest = &src[p + 7..];
        rest.find("</DOCID>").map(|e| rest[..e].trim().to_owned())
    });
    let dct = src.find("<DCT>").and_then(|p| {
        let rest = &src[p..];
        let end = rest.find("</DCT>")?;
        let v = attr(&rest[..end], "value")?;
        NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
    });
    let start = src.find("<TEXT>").ok_or(TimemlError::NoText)? + "<TEXT>".len();
    let end = src[start..].find("</TEXT>").ok_or(TimemlError::NoText)? + start;
    let body = &src[start..end];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut events = Vec::new();
    let mut open: Vec<(usize, String, String, String)> = Vec::new();
    let mut open_events: Vec<(usize, String)> = Vec::new();
    let mut pos = 0;
    while let Some(lt) = body[pos..].find('<') {
        decode_into(&mut text, &body[pos..pos + lt]);
        let tag_start = pos + lt;
        let gt = body[tag_start..]
            .find('>')
            .ok_or(TimemlError::Unclosed(start + tag_start))?;
        let tag = &body[tag_start + 1..tag_start + gt];
        if tag.starts_with("TIMEX3") {
            let kind = attr(tag, "type").unwrap_or("").to_owned();
            let value = attr(tag, "value").unwrap_or("").to_owned();
            let tid = attr(tag, "tid").unwrap_or("").to_owned();
            if tag.ends_with('/') {
                // an empty TIMEX3 (no extent) is not a mention
            } else {
                open.push((text.len(), kind, value, tid));
            }
        } else if tag.starts_with("/TIMEX3") {
            let (s, kind, value, tid) = open
                .pop()
                .ok_or(TimemlError::Unbalanced(start + tag_start))?;
            timexes.push(GoldTimex {
                span: Span::new(s, text.len()),
                kind,
                value,
                tid,
            });
        } else if tag.starts_with("EVENT") && !tag.ends_with('/') {
            open_events.push((text.len(), attr(tag, "eid").unwrap_or("").to_owned()));
        } else if tag.starts_with("/EVENT") {
            if let Some((s, eid)) = open_events.pop() {
                events.push(GoldEvent {
                    eid,
                    span: Span::new(s, text.len()),
                });
            }
        }
        pos = tag_start + gt + 1;
    }
    decode_into(&mut text, &body[pos..]);
    timexes.sort_by_key(|t| t.span);
    Ok(TimemlDoc {
        id,
        dct,
        text,
        timexes,
        events,
        time_links: time_links(src),
    })
}

/// The TLINKs between an expression other than the DCT (`t0`) and an event, through the
/// MAKEINSTANCE table (`eiid` -> `eventID`).
fn time_links(src: &str) -> Vec<(String, String)> {
    let tags = |name: &str| -> Vec<&str> {
        let open = format!("<{name} ");
        let mut out = Vec::new();
        let mut rest = src;
        while let Some(p) = rest.find(&open) {
            let end = rest[p..].find('>').map_or(rest.len(), |e| p + e);
            out.push(&rest[p..end]);
            rest = &rest[end..];
        }
        out
    };
    let instances: std::collections::BTreeMap<&str, &str> = tags("MAKEINSTANCE")
        .into_iter()
        .filter_map(|t| Some((attr(t, "eiid")?, attr(t, "eventID")?)))
        .collect();
    let mut out = Vec::new();
    for t in tags("TLINK") {
        let time = attr(t, "relatedToTime").or_else(|| attr(t, "timeID"));
        let inst = attr(t, "eventInstanceID").or_else(|| attr(t, "relatedToEventInstance"));
        if let (Some(tid), Some(ei)) = (time, inst) {
            if tid != "t0" {
                if let Some(eid) = instances.get(ei) {
                    out.push((tid.to_owned(), (*eid).to_owned()));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Reads a WikiWars document: the SGML input (`<DATETIME>` gives the DCT, `<TEXT>` the text)
/// and its APF key (TIMEX2 `VAL` and `charseq` extents: inclusive UTF-8 byte offsets into the
/// input with its tags removed). Gold expressions outside `<TEXT>` (the DATETIME itself) are
/// dropped. TIMEX2 has no type; it is derived from the value (`P…` DURATION, a time of day
/// TIME, `SET="YES"` SET, otherwise DATE) so that the type score stays comparable.
pub fn wikiwars(input: &str, apf: &str) -> Result<TimemlDoc, TimemlError> {
    // the input without tags
    let mut stripped = String::with_capacity(input.len());
    let mut text_bounds: (Option<usize>, Option<usize>) = (None, None);
    let mut rest = input;
    let mut pos = 0;
    while let Some(lt) = rest.find('<') {
        stripped.push_str(&rest[..lt]);
        let gt = rest[lt..]
            .find('>')
            .ok_or(TimemlError::Unclosed(pos + lt))?;
        let tag = &rest[lt + 1..lt + gt];
        if tag == "TEXT" {
            text_bounds.0 = Some(stripped.len());
        } else if tag == "/TEXT" {
            text_bounds.1 = Some(stripped.len());
        }
        pos += lt + gt + 1;
        rest = &rest[lt + gt + 1..];
    }
    stripped.push_str(rest);
    let (Some(ts), Some(te)) = text_bounds else {
        return Err(TimemlError::NoText);
    };
    let dct = input.find("<DATETIME>").and_then(|p| {
        let v = input[p + 10..].trim_start();
        NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
    });
    let mut timexes = Vec::new();
    let mut rest = apf;
    while let Some(p) = rest.find("<timex2 ") {
        let block_end = rest[p..].find("</timex2>").map_or(rest.len(), |e| p + e);
        let block = &rest[p..block_end];
        let head_end = block.find('>').unwrap_or(block.len());
        let head = &block[..head_end];
        let value = attr(head, "VAL").unwrap_or("").to_owned();
        let set = attr(head, "SET").is_some_and(|s| s.eq_ignore_ascii_case("yes"));
        let kind = if set {
            "SET"
        } else if value.starts_with('P') {
            "DURATION"
        } else if value.contains('T') && value.starts_with(|c: char| c.is_ascii_digit()) {
            "TIME"
        } else {
            "DATE"
        };
        let mut m = block;
        while let Some(q) = m.find("<charseq") {
            let tag_end = m[q..].find('>').map_or(m.len(), |e| q + e);
            let tag = &m[q..tag_end];
            let start = attr(tag, "START").and_then(|s| s.parse::<usize>().ok());
            let end = attr(tag, "END").and_then(|s| s.parse::<usize>().ok());
            if let (Some(s), Some(e)) = (start, end) {
                let (bs, be) = (s, e + 1);
                if bs >= ts
                    && be <= te
                    && bs < be
                    && stripped.is_char_boundary(bs)
                    && stripped.is_char_boundary(be)
                {
                    {
                        timexes.push(GoldTimex {
                            span: Span::new(bs - ts, be - ts),
                            kind: kind.to_owned(),
                            value: value.clone(),
                            tid: String::new(),
                        });
                    }
                }
            }
            m = &m[tag_end..];
        }
        rest = &rest[block_end..];
    }
    timexes.sort_by_key(|t| t.span);
    timexes.dedup();
    Ok(TimemlDoc {
        id: None,
        dct,
        text: stripped[ts..te].to_owned(),
        timexes,
        events: Vec::new(),
        time_links: Vec::new(),
    })
}
