//! lede-timeline: temporal expressions in news text (TimeML TIMEX3: DATE, TIME, DURATION,
//! SET), normalised against the document creation time (DCT, the publication date), anchored
//! to the events they date, and ordered into a timeline. Also writes TimeML (`lede_eval::timeml`
//! reads it).
//!
//! Determinism invariant: values depend only on the text and its metadata. Without a DCT,
//! relative expressions keep `X` placeholders (`XXXX-WXX-2`) and `resolved: false`; the clock
//! of the machine is never read (chrono's `clock` feature is off in the workspace).

// TimeML's vocabulary (TIMEX3, PRESENT_REF, DCT, TempEval) is the subject of every doc comment
// here; it reads better without backticks.
#![allow(clippy::doc_markdown)]

mod anchor;
mod extract;
mod lexicon;
pub mod timeml;

use std::sync::Arc;

use chrono::NaiveDate;
use lede_core::{AnalyzeError, Analyzer, Context, Document, Output, Span, TextSpan, TokenKind};
use serde::Serialize;

pub use anchor::{interval, Interval};

/// The TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One temporal expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// `t1`, `t2`, ... in text order (`t0` is the DCT in TimeML output).
    pub id: String,
    pub span: TextSpan,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TIMEX3 value: `2008`, `2023-04-20`, `2022-04`, `P1Y`, `PRESENT_REF`, `XXXX-WXX-2`.
    pub value: String,
    /// False when the value is relative and the document has no DCT to resolve it against.
    pub resolved: bool,
    /// TIMEX3 `mod`: `START`, `MID`, `END` (`early 2008`, `the end of May`), `APPROX`
    /// (`about two years`), `LESS_THAN`, `MORE_THAN`, `EQUAL_OR_LESS`, `EQUAL_OR_MORE`.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<&'static str>,
    /// SET: the quantifier, `EVERY` or `EACH` (`EVERY OTHER` for `alternate Fridays`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quant: Option<&'static str>,
    /// SET: how often in each period (`2X` for `twice a week`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    /// Inside quotation marks (quoted speech).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_quote: bool,
    /// The event this expression dates: the governing verb or event noun.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<TextSpan>,
}

/// One point of the timeline: an anchored event and when it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    /// The TIMEX3 value the event is anchored to (the DCT for the lead's event).
    pub value: String,
    /// The expression's id, or `t0` for the DCT.
    pub timex: String,
    /// `before`, `now` (overlaps the DCT) or `after`, relative to the DCT.
    pub relation: &'static str,
    pub event: TextSpan,
    /// The clause that tells the event.
    pub clause: TextSpan,
}

/// The `timeline` analyser's output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineOutput {
    /// The document creation time used, if any.
    pub dct: Option<NaiveDate>,
    /// Set when relative expressions could not be resolved for want of a DCT.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub timexes: Vec<Timex>,
    /// Dated events, earliest first; the DCT is "now".
    pub timeline: Vec<TimelineEntry>,
}

/// The `timeline` analyser.
#[derive(Debug, Default, Clone, Copy)]
pub struct TimelineAnalyzer;

impl Analyzer for TimelineAnalyzer {
    fn name(&self) -> &'static str {
        "timeline"
    }

    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    fn description(&self) -> &'static str {
        "temporal expressions (TIMEX3) normalised against the publication date, anchored events, timeline"
    }

    fn analyze(&self, doc: &Document, _ctx: &Context) -> Result<Output, AnalyzeError> {
        Ok(Arc::new(analyze(doc)))
    }
}

/// Runs the whole analysis on one document.
pub fn analyze(doc: &Document) -> TimelineOutput {
    let dct = doc.metadata.date;
    let mut timexes = find_timexes(doc, dct);
    anchor::mark_quotes(doc, &mut timexes);
    anchor::anchor_events(doc, &mut timexes);
    let timeline = anchor::timeline(doc, dct, &timexes);
    let note = (dct.is_none() && timexes.iter().any(|t| !t.resolved)).then(|| {
        "no publication date (metadata `date` or --date): relative expressions are left unresolved"
            .to_owned()
    });
    TimelineOutput {
        dct,
        note,
        timexes,
        timeline,
    }
}

/// Finds and normalises the temporal expressions of a document (without anchoring).
pub fn find_timexes(doc: &Document, dct: Option<NaiveDate>) -> Vec<Timex> {
    let text = doc.text();
    let layers = doc.layers();
    let mut out = Vec::new();
    let mut toks: Vec<extract::Tok<'_>> = Vec::new();
    let narrative = is_narrative(text, layers, dct);
    let mut narrative_year: Option<i32> = None;
    let mut reference = extract::Reference::default();
    let mut quarter_before = false;
    for s in &layers.sentences {
        lede_core::budget::checkpoint();
        toks.clear();
        let mut any = false;
        let sentence = &layers.tokens[s.tokens()];
        for (k, t) in sentence.iter().enumerate() {
            let word = t.span.slice(text);
            let lex = match t.kind {
                TokenKind::Quote if is_year_apostrophe(text, sentence, k) => lexicon::Lex::Apos,
                TokenKind::Quote => lexicon::Lex::Other,
                // `the fall of Rome` is no autumn (`the fall of 1943` is)
                _ if word.eq_ignore_ascii_case("fall") && fall_of_something(text, sentence, k) => {
                    lexicon::Lex::Other
                }
                _ => lexicon::lex(word),
            };
            any |= !matches!(lex, lexicon::Lex::Other);
            toks.push(extract::Tok {
                text: word,
                lex,
                span: t.span,
            });
        }
        if !any {
            quarter_before = false;
            continue;
        }
        let sc = extract::Scanner {
            toks: &toks,
            dct,
            narrative,
            narrative_year: std::cell::Cell::new(narrative_year),
            reference: std::cell::Cell::new(reference),
            quarter_before,
        };
        let mut i = 0;
        while i < toks.len() {
            if matches!(toks[i].lex, lexicon::Lex::Other) {
                i += 1;
                continue;
            }
            // `1861-1863`, `1915-17`: two years, each its own expression (as TimeML marks them)
            if matches!(toks[i].lex, lexicon::Lex::Hyph) {
                let bc = matches!(toks.get(i + 1).map(|t| t.text), Some("BC" | "B.C." | "BCE"));
                if let Some((y1, len1, start2, y2)) = year_range(toks[i].text, bc) {
                    let s = toks[i].span;
                    // `499-493 BC`: the era belongs to the second year's extent
                    let end2 = if bc { toks[i + 1].span.end } else { s.end };
                    let value = |y: i32| {
                        if bc {
                            format!("BC{y:04}")
                        } else {
                            format!("{y:04}")
                        }
                    };
                    let (y1, y2) = if bc { (-y1, -y2) } else { (y1, y2) };
                    for (span, y) in [
                        (Span::new(s.start, s.start + len1), y1),
                        (Span::new(s.start + start2, end2), y2),
                    ] {
                        out.push(Timex {
                            id: format!("t{}", out.len() + 1),
                            span: span.with_text(text),
                            kind: TimexType::Date,
                            value: value(y.abs()),
                            resolved: true,
                            modifier: None,
                            quant: None,
                            freq: None,
                            in_quote: false,
                            event: None,
                        });
                    }
                    if narrative {
                        sc.narrative_year.set(Some(y2));
                    }
                    let mut r = sc.reference.get();
                    r.note(&value(y2.abs()));
                    sc.reference.set(r);
                    i += if bc { 2 } else { 1 };
                    continue;
                }
            }
            match sc.at(i) {
                Some((end, _)) if end > i && end <= toks.len() && is_title(&toks, i, end) => {
                    i = end;
                }
                Some((end, f)) if end > i && end <= toks.len() => {
                    let span = Span::new(toks[i].span.start, toks[end - 1].span.end);
                    // in a narrative, an explicit year becomes the reference for later months
                    let explicit = f.value.starts_with("BC")
                        || toks[i..end]
                            .iter()
                            .any(|t| matches!(t.lex, lexicon::Lex::Year(_)));
                    // a year planned or foreseen (`a campaign planned for 1976`) is not the
                    // narrative's present
                    if narrative && explicit && !sc.ahead_from_left(i) {
                        if let Some(y) = extract::year_of(&f.value) {
                            sc.narrative_year.set(Some(y));
                        }
                    }
                    // the time named becomes the reference of anaphoric expressions after it
                    if f.resolved && matches!(f.ty, TimexType::Date | TimexType::Time) {
                        let mut r = sc.reference.get();
                        r.note(&f.value);
                        sc.reference.set(r);
                    }
                    out.push(Timex {
                        id: format!("t{}", out.len() + 1),
                        span: span.with_text(text),
                        kind: f.ty,
                        value: f.value,
                        resolved: f.resolved,
                        modifier: f.modifier,
                        quant: f.quant,
                        freq: f.freq,
                        in_quote: false,
                        event: None,
                    });
                    i = end;
                }
                _ => i += 1,
            }
        }
        narrative_year = sc.narrative_year.get();
        reference = sc.reference.get();
        quarter_before = sc.mentions_quarter_here();
    }
    out
}

/// Whether the `fall` at token `k` is followed by `of` and something other than a year or a
/// two-digit year (`the fall of Saigon`).
fn fall_of_something(text: &str, sentence: &[lede_core::Token], k: usize) -> bool {
    let word = |j: usize| sentence.get(j).map_or("", |t| t.span.slice(text));
    if word(k + 1) != "of" {
        return false;
    }
    let next = word(k + 2);
    let year = next.len() == 4 && next.bytes().all(|b| b.is_ascii_digit());
    !(year || matches!(next, "'" | "’" | "that" | "this" | "last" | "next"))
}

/// Whether tokens `[i, end)` that read as an expression are a title: in title case right
/// after an opening quotation mark that closes soon after (`"This Week"`, `''60
/// Minutes''`).
fn is_title(toks: &[extract::Tok<'_>], i: usize, end: usize) -> bool {
    let capitalized = |t: &extract::Tok<'_>| t.text.starts_with(char::is_uppercase);
    let words = &toks[i..end];
    let title_case = words
        .iter()
        .all(|t| capitalized(t) || !t.text.starts_with(char::is_alphabetic))
        && words.iter().any(capitalized);
    if !title_case || i == 0 {
        return false;
    }
    let prev = &toks[i - 1];
    let quote = |t: &str| matches!(t, "\"" | "“" | "”" | "`" | "``" | "'" | "‘" | "’" | "''");
    // the quotation closes after a few more words of the title (`"This Week With David
    // Brinkley"`), not after a sentence (`"Tomorrow we fight"`)
    let closes = || {
        for t in toks.iter().skip(end).take(6) {
            if quote(t.text) {
                return true;
            }
            let small = matches!(t.text, "of" | "with" | "the" | "and" | "a" | "in" | "on");
            if t.text.starts_with(char::is_lowercase) && !small {
                return false;
            }
        }
        false
    };
    quote(prev.text) && closes()
}

/// Whether the quotation-mark token `k` of a sentence is the apostrophe of an abbreviated
/// year (`'05`, `’98`): written against two digits, after a space or a bracket.
fn is_year_apostrophe(text: &str, sentence: &[lede_core::Token], k: usize) -> bool {
    let t = sentence[k];
    let Some(next) = sentence.get(k + 1) else {
        return false;
    };
    let after_word = text[..t.span.start].ends_with(char::is_alphanumeric);
    let digits = next.span.slice(text);
    let year_like = matches!(t.span.slice(text), "'" | "’")
        && !after_word
        && next.span.start == t.span.end
        && next.kind == TokenKind::Number
        && (digits.len() == 2 || (digits.len() == 3 && digits.ends_with('s')))
        && !text[next.span.end..].starts_with(char::is_alphanumeric);
    // a closing single quote later in the sentence makes this one an opening quote
    // (`'60 Minutes'`)
    year_like
        && !sentence[k + 1..].iter().any(|q| {
            q.kind == TokenKind::Quote
                && matches!(q.span.slice(text), "'" | "’")
                && text[..q.span.start].ends_with(|c: char| c.is_alphanumeric() || c == '.')
                && !text[q.span.end..].starts_with(char::is_alphanumeric)
        })
}

/// `1861-1863` or `1915-17` (or before Christ, `bc`: `499-493`, counting down): the first
/// year, its byte length, the byte offset of the second, the second.
fn year_range(word: &str, bc: bool) -> Option<(i32, usize, usize, i32)> {
    let (a, b) = word.split_once(['-', '–'])?;
    let sep = word.len() - a.len() - b.len();
    if bc {
        let y1: i32 = a.parse().ok().filter(|_| (1..=4).contains(&a.len()))?;
        let y2: i32 = b.parse().ok().filter(|_| (1..=4).contains(&b.len()))?;
        let ok = a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()) && y1 > y2 && y2 > 0;
        return ok.then_some((y1, a.len(), a.len() + sep, y2));
    }
    if a.len() != 4 || !(b.len() == 2 || b.len() == 4) {
        return None;
    }
    if !a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y1: i32 = a.parse().ok()?;
    let mut y2: i32 = b.parse().ok()?;
    if b.len() == 2 {
        y2 += y1 / 100 * 100;
    }
    ((1000..=2100).contains(&y1) && y2 > y1 && y2 - y1 < 100).then_some((
        y1,
        a.len(),
        a.len() + sep,
        y2,
    ))
}

/// Whether the text narrates a past far from its publication date (a history, an obituary):
/// then months and days without a year take the year last named in the text rather than
/// the DCT's. Decided once per document from the explicit years in it (four digits, or
/// before Christ): at least five, and four in five of them more than three years before the
/// DCT (news with some history in it stays anchored on its DCT).
fn is_narrative(text: &str, layers: &lede_core::Layers, dct: Option<NaiveDate>) -> bool {
    use chrono::Datelike;
    let Some(dct) = dct else {
        return false;
    };
    let (mut far, mut all) = (0usize, 0usize);
    let mut past_years: Vec<i32> = Vec::new();
    for (k, t) in layers.tokens.iter().enumerate() {
        if t.kind != TokenKind::Number {
            continue;
        }
        // a year before Christ (`490 BC`) is far
        let era = layers.tokens.get(k + 1).map(|e| e.span.slice(text));
        if matches!(era, Some("BC" | "B.C." | "BCE")) {
            all += 1;
            far += 1;
            continue;
        }
        if t.span.len() < 4 {
            continue;
        }
        let w = t.span.slice(text);
        let Some(y) = w.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
            continue;
        };
        if (1000..=2100).contains(&y) && (w.len() == 4 || w[4..].starts_with(['-', '–', 's'])) {
            all += 1;
            if dct.year() - y > 3 {
                far += 1;
            }
            if y < dct.year() && !past_years.contains(&y) {
                past_years.push(y);
            }
        }
    }
    all >= 5 && (far * 5 >= all * 4 || past_years.len() >= 5)
}
