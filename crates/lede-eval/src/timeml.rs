//! TimeML gold files (TempEval-3 `.tml`: `<DCT>`, `<TEXT>` with inline `<TIMEX3>` and
//! `<EVENT>`, `<TLINK>`s) and `WikiWars` (SGML input with APF TIMEX2 keys).
//!
//! The raw text of a file is the content of `<TEXT>` with every tag removed and entities
//! decoded; gold spans are byte offsets into that text, so system output on the same text
//! compares directly. Files are read with `quick-xml`, which keeps line ends as written (an XML
//! tree builder would turn `\r\n` into `\n`, and the analyser would read another text than the
//! file holds). (The writer of `lede analyze --format timeml` is
//! `lede_timeline::timeml`; what it writes, [`parse`] reads.)

// TimeML's vocabulary (TIMEX3, DCT, WikiWars) is the subject of every doc comment here; it
// reads better without backticks.
#![allow(clippy::doc_markdown)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use lede_core::Span;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;

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
    #[error("not well-formed XML at byte {position}: {message}")]
    Xml { position: u64, message: String },
}

/// The next event, with the reader's position in the error.
fn next<'i>(reader: &mut Reader<&'i [u8]>) -> Result<Event<'i>, TimemlError> {
    reader.read_event().map_err(|e| TimemlError::Xml {
        position: reader.error_position(),
        message: e.to_string(),
    })
}

/// The value of attribute `name`, entities decoded.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(std::borrow::Cow::into_owned)
}

/// The text an entity or character reference stands for; an unknown entity stays as written.
fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = r.clone().into_inner();
    quick_xml::escape::resolve_predefined_entity(&name)
        .map_or_else(|| format!("&{name};"), str::to_owned)
}

/// A date from the first ten characters of a value (`2023-04-20T10:00` -> 2023-04-20).
fn date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

/// Parses a TimeML document: `<DOCID>`, the first TIMEX3 value in `<DCT>`, the text of
/// `<TEXT>` with its TIMEX3 and EVENT extents, and the TLINKs between an expression and an
/// event.
pub fn parse(src: &str) -> Result<TimemlDoc, TimemlError> {
    let mut reader = Reader::from_str(src);
    let mut id: Option<String> = None;
    let mut docid: Option<String> = None;
    let mut dct = None;
    let (mut in_dct, mut in_text, mut saw_text) = (false, false, false);
    let mut text = String::new();
    let mut timexes = Vec::new();
    let mut events = Vec::new();
    // open TIMEX3s: start, type, value, tid; open EVENTs: start, eid
    let mut open: Vec<(usize, String, String, String)> = Vec::new();
    let mut open_events: Vec<(usize, String)> = Vec::new();
    // MAKEINSTANCE: eiid -> eventID; TLINK: (time id, event instance id)
    let mut instances: BTreeMap<String, String> = BTreeMap::new();
    let mut links: Vec<(String, String)> = Vec::new();
    loop {
        let event = next(&mut reader)?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "TEXT" if !saw_text && !empty => in_text = true,
                "DOCID" if id.is_none() && !empty => docid = Some(String::new()),
                "DCT" if !empty => in_dct = true,
                "TIMEX3" if in_dct => {
                    dct = dct.or_else(|| attr(&e, "value").and_then(|v| date(&v)));
                }
                // an empty TIMEX3 (no extent) is not a mention
                "TIMEX3" if in_text && !empty => open.push((
                    text.len(),
                    attr(&e, "type").unwrap_or_default(),
                    attr(&e, "value").unwrap_or_default(),
                    attr(&e, "tid").unwrap_or_default(),
                )),
                "EVENT" if in_text && !empty => {
                    open_events.push((text.len(), attr(&e, "eid").unwrap_or_default()));
                }
                "MAKEINSTANCE" => {
                    if let (Some(eiid), Some(eid)) = (attr(&e, "eiid"), attr(&e, "eventID")) {
                        instances.insert(eiid, eid);
                    }
                }
                "TLINK" => {
                    let time = attr(&e, "relatedToTime").or_else(|| attr(&e, "timeID"));
                    let inst =
                        attr(&e, "eventInstanceID").or_else(|| attr(&e, "relatedToEventInstance"));
                    if let (Some(time), Some(inst)) = (time, inst) {
                        links.push((time, inst));
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "TEXT" if in_text => (in_text, saw_text) = (false, true),
                "DOCID" => id = docid.take().map(|d| d.trim().to_owned()).or(id),
                "DCT" => in_dct = false,
                "TIMEX3" if in_text => {
                    if let Some((start, kind, value, tid)) = open.pop() {
                        timexes.push(GoldTimex {
                            span: Span::new(start, text.len()),
                            kind,
                            value,
                            tid,
                        });
                    }
                }
                "EVENT" if in_text => {
                    if let Some((start, eid)) = open_events.pop() {
                        events.push(GoldEvent {
                            eid,
                            span: Span::new(start, text.len()),
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                let t = t.into_inner();
                if in_text {
                    text.push_str(&t);
                }
                if let Some(d) = &mut docid {
                    d.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                let t = reference(&r);
                if in_text {
                    text.push_str(&t);
                }
                if let Some(d) = &mut docid {
                    d.push_str(&t);
                }
            }
            Event::CData(c) if in_text => text.push_str(&c.into_inner()),
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_text {
        return Err(TimemlError::NoText);
    }
    timexes.sort_by_key(|t| t.span);
    // the links between an expression other than the DCT (`t0`) and an event
    let mut time_links: Vec<(String, String)> = links
        .into_iter()
        .filter(|(tid, _)| tid != "t0")
        .filter_map(|(tid, inst)| Some((tid, instances.get(&inst)?.clone())))
        .collect();
    time_links.sort();
    time_links.dedup();
    Ok(TimemlDoc {
        id,
        dct,
        text,
        timexes,
        events,
        time_links,
    })
}

/// Reads a WikiWars document: the SGML input (`<DATETIME>` gives the DCT, `<TEXT>` the text)
/// and its APF key (TIMEX2 `VAL` and `charseq` extents: inclusive UTF-8 byte offsets into the
/// input with its tags removed, references left as written). Gold expressions outside `<TEXT>`
/// (the DATETIME itself) are dropped. TIMEX2 has no type; it is derived from the value (`P…`
/// DURATION, a time of day TIME, `SET="YES"` SET, otherwise DATE) so that the type score stays
/// comparable.
pub fn wikiwars(input: &str, apf: &str) -> Result<TimemlDoc, TimemlError> {
    // the input without tags
    let mut stripped = String::with_capacity(input.len());
    let mut text_bounds: (Option<usize>, Option<usize>) = (None, None);
    let mut in_datetime = false;
    let mut dct = None;
    let mut reader = Reader::from_str(input);
    loop {
        match next(&mut reader)? {
            Event::Start(e) if e.name().as_ref() == "TEXT" => text_bounds.0 = Some(stripped.len()),
            Event::End(e) if e.name().as_ref() == "TEXT" => text_bounds.1 = Some(stripped.len()),
            Event::Start(e) if e.name().as_ref() == "DATETIME" => in_datetime = true,
            Event::End(e) if e.name().as_ref() == "DATETIME" => in_datetime = false,
            Event::Text(t) => {
                let t = t.into_inner();
                if in_datetime && dct.is_none() {
                    dct = date(t.trim_start());
                }
                stripped.push_str(&t);
            }
            Event::GeneralRef(r) => {
                stripped.push('&');
                stripped.push_str(&r.into_inner());
                stripped.push(';');
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let (Some(ts), Some(te)) = text_bounds else {
        return Err(TimemlError::NoText);
    };
    let mut timexes = Vec::new();
    // the TIMEX2 being read: value and derived type
    let mut current: Option<(String, &str)> = None;
    let mut reader = Reader::from_str(apf);
    loop {
        match next(&mut reader)? {
            Event::Start(e) if e.name().as_ref() == "timex2" => {
                let value = attr(&e, "VAL").unwrap_or_default();
                let set = attr(&e, "SET").is_some_and(|s| s.eq_ignore_ascii_case("yes"));
                let kind = if set {
                    "SET"
                } else if value.starts_with('P') {
                    "DURATION"
                } else if value.contains('T') && value.starts_with(|c: char| c.is_ascii_digit()) {
                    "TIME"
                } else {
                    "DATE"
                };
                current = Some((value, kind));
            }
            Event::End(e) if e.name().as_ref() == "timex2" => current = None,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "charseq" => {
                let Some((value, kind)) = &current else {
                    continue;
                };
                let start = attr(&e, "START").and_then(|s| s.parse::<usize>().ok());
                let end = attr(&e, "END").and_then(|s| s.parse::<usize>().ok());
                if let (Some(s), Some(e)) = (start, end) {
                    let (bs, be) = (s, e + 1);
                    if bs >= ts
                        && be <= te
                        && bs < be
                        && stripped.is_char_boundary(bs)
                        && stripped.is_char_boundary(be)
                    {
                        timexes.push(GoldTimex {
                            span: Span::new(bs - ts, be - ts),
                            kind: (*kind).to_owned(),
                            value: value.clone(),
                            tid: String::new(),
                        });
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
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
