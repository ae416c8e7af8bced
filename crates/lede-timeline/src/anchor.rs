//! Quoted speech, event anchoring and the timeline.
//!
//! Anchoring has no parser to lean on: it takes the nearest event word. An event noun right
//! before the expression (`Russia's invasion just over a year ago`, `the election in 2008`)
//! wins; otherwise the nearest verb in the same clause (`NATO leaders said in 2008`), looking
//! left first, then right (`On Tuesday, the minister resigned`).

// The grammar walks token indices (`i`, `j`) and calendar fields (`y`, `m`, `d`): the short
// names are the notation of the rules.
#![allow(clippy::many_single_char_names)]

use chrono::{Datelike, Duration, NaiveDate};
use lede_core::{Document, Span, TokenKind};
use serde::Serialize;

use crate::{TimelineEntry, Timex, TimexType};

/// Marks the expressions inside quotation marks. Marks are paired within each paragraph:
/// `“` opens, `”` closes, `"` toggles; a quotation still open at the end of a paragraph runs
/// to its end (the wire convention for quotes that go on in the next paragraph).
pub fn mark_quotes(doc: &Document, timexes: &mut [Timex]) {
    let text = doc.text();
    let layers = doc.layers();
    let mut regions: Vec<Span> = Vec::new();
    for p in &layers.paragraphs {
        let (Some(first), Some(last)) = (
            layers.sentences.get(p.first_sentence),
            layers.sentences.get(p.end_sentence.saturating_sub(1)),
        ) else {
            continue;
        };
        let mut open: Option<usize> = None;
        for t in &layers.tokens[first.first_token..last.end_token] {
            if t.kind != TokenKind::Quote {
                continue;
            }
            match t.span.slice(text) {
                "“" | "«" | "„" if open.is_none() => open = Some(t.span.end),
                "”" | "»" => {
                    if let Some(o) = open.take() {
                        regions.push(Span::new(o, t.span.start));
                    }
                }
                "\"" => match open.take() {
                    Some(o) => regions.push(Span::new(o, t.span.start)),
                    None => open = Some(t.span.end),
                },
                _ => {}
            }
        }
        if let Some(o) = open {
            regions.push(Span::new(o, p.span.end));
        }
    }
    for t in timexes {
        let s = t.span.span();
        t.in_quote = regions.iter().any(|r| r.contains(s));
    }
}

fn lower(w: &str) -> String {
    w.to_lowercase()
}

/// Nouns that name events (and are dated by an expression right after them).
fn is_event_noun(w: &str) -> bool {
    let l = lower(w);
    // plurals: `bombings`, `elections`
    let l = match l.strip_suffix('s') {
        Some(stem) if stem.len() > 3 && !stem.ends_with('s') => stem.to_owned(),
        _ => l,
    };
    matches!(
        l.as_str(),
        "invasion"
            | "visit"
            | "attack"
            | "attacks"
            | "war"
            | "election"
            | "elections"
            | "meeting"
            | "summit"
            | "talks"
            | "agreement"
            | "deal"
            | "vote"
            | "crash"
            | "launch"
            | "strike"
            | "strikes"
            | "protest"
            | "protests"
            | "coup"
            | "referendum"
            | "ceasefire"
            | "annexation"
            | "offensive"
            | "bombing"
            | "explosion"
            | "earthquake"
            | "fire"
            | "flood"
            | "collapse"
            | "merger"
            | "acquisition"
            | "takeover"
            | "sale"
            | "purchase"
            | "announcement"
            | "decision"
            | "ruling"
            | "verdict"
            | "trial"
            | "arrest"
            | "death"
            | "killing"
            | "shooting"
            | "speech"
            | "conference"
            | "report"
            | "victory"
            | "defeat"
            | "crisis"
            | "revolution"
            | "uprising"
            | "independence"
            | "inauguration"
            | "resignation"
            | "departure"
            | "arrival"
            | "return"
            | "release"
            | "signing"
            | "opening"
            | "closing"
            | "raid"
            | "siege"
            | "battle"
            | "treaty"
            | "accident"
            | "disaster"
            | "storm"
            | "hurricane"
            | "outbreak"
            | "pandemic"
            | "crackdown"
            | "withdrawal"
            | "occupation"
            | "incursion"
            | "assault"
            | "offer"
            | "bid"
            | "demonstration"
            | "rally"
            | "blast"
            | "massacre"
            | "founding"
            | "creation"
            | "discovery"
            | "hearing"
            | "session"
            | "debate"
            | "sanction"
            | "embargo"
            | "blockade"
            | "layoff"
            | "hike"
            | "increase"
            | "decline"
            | "drop"
            | "gain"
            | "loss"
            | "rise"
            | "earning"
            | "result"
            | "campaign"
            | "operation"
    )
}

const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do", "does",
    "did", "'s", "’s", "'ll", "’ll", "'d", "’d", "wo",
];

/// Words that are never the event, even after `to` or an auxiliary.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
    "your", "not", "never", "also", "be", "been", "to", "in", "on", "at", "of", "by", "for",
    "with", "from", "and", "or", "but", "as", "it", "he", "she", "they", "we", "you", "i", "there",
    "here", "then", "now", "still", "just", "only", "even", "already", "again",
];

/// Verbs common in news that do not end in `-ed`.
fn is_common_verb(l: &str) -> bool {
    matches!(
        l,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "tell"
            | "made"
            | "make"
            | "makes"
            | "took"
            | "take"
            | "takes"
            | "gave"
            | "give"
            | "gives"
            | "went"
            | "go"
            | "goes"
            | "came"
            | "come"
            | "comes"
            | "met"
            | "meet"
            | "meets"
            | "won"
            | "win"
            | "wins"
            | "lost"
            | "lose"
            | "loses"
            | "began"
            | "begin"
            | "begins"
            | "left"
            | "leave"
            | "leaves"
            | "held"
            | "hold"
            | "holds"
            | "sold"
            | "sell"
            | "sells"
            | "bought"
            | "buy"
            | "buys"
            | "paid"
            | "pay"
            | "pays"
            | "fell"
            | "fall"
            | "falls"
            | "rose"
            | "rise"
            | "rises"
            | "became"
            | "become"
            | "becomes"
            | "led"
            | "lead"
            | "leads"
            | "ran"
            | "run"
            | "runs"
            | "saw"
            | "see"
            | "sees"
            | "found"
            | "find"
            | "finds"
            | "got"
            | "get"
            | "gets"
            | "join"
            | "joins"
            | "visit"
            | "visits"
            | "struck"
            | "strike"
            | "fought"
            | "fight"
            | "spoke"
            | "speak"
            | "speaks"
            | "wrote"
            | "write"
            | "writes"
            | "built"
            | "build"
            | "sent"
            | "send"
            | "sends"
            | "set"
            | "put"
            | "cut"
            | "hit"
            | "quit"
            | "deserves"
            | "expects"
            | "expect"
            | "plans"
            | "plan"
            | "warns"
            | "warn"
            | "urges"
            | "urge"
            | "stands"
            | "stand"
            | "stood"
            | "remains"
            | "remain"
            | "resign"
            | "resigns"
            | "announce"
            | "announces"
            | "die"
            | "dies"
            | "kill"
            | "kills"
            | "open"
            | "opens"
            | "close"
            | "closes"
            | "start"
            | "starts"
            | "end"
            | "ends"
            | "vote"
            | "votes"
            | "launch"
            | "launches"
            | "sign"
            | "signs"
            | "attack"
            | "attacks"
            | "invade"
            | "invades"
            | "rule"
            | "rules"
            | "report"
            | "reports"
            | "show"
            | "shows"
            | "grew"
            | "grow"
            | "grows"
            | "drew"
            | "draw"
            | "draws"
            | "broke"
            | "break"
            | "breaks"
            | "spent"
            | "spend"
            | "spends"
            | "kept"
            | "keep"
            | "keeps"
            | "brought"
            | "bring"
            | "brings"
            | "thought"
            | "think"
            | "thinks"
            | "knew"
            | "know"
            | "knows"
            | "felt"
            | "feel"
            | "feels"
            | "meant"
            | "mean"
            | "means"
            | "chose"
            | "choose"
            | "flew"
            | "fly"
            | "flies"
            | "drove"
            | "drive"
            | "drives"
            | "threw"
            | "throw"
            | "throws"
    )
}

/// Whether token `i` of the sentence is a verb that can be an event (auxiliaries are not: the
/// verb after them is).
fn is_event_verb(words: &[&str], i: usize) -> bool {
    let w = words[i];
    if !w.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let l = lower(w);
    if AUXILIARIES.contains(&l.as_str()) || FUNCTION_WORDS.contains(&l.as_str()) {
        return false;
    }
    let prev = if i > 0 {
        lower(words[i - 1])
    } else {
        String::new()
    };
    // an adjective or noun use after a determiner: `the armoured equipment`
    if matches!(
        prev.as_str(),
        "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our"
    ) {
        return false;
    }
    // after a form of `be` only a participle is a verb (`was killed`, `is leaving`; not `is
    // scant`); after a modal or `to` any word is (`will join`, `to visit`)
    if matches!(
        prev.as_str(),
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am"
    ) {
        return is_common_verb(&l) || l.ends_with("ed") || l.ends_with("ing") || l.ends_with("en");
    }
    // (`'s` is more often a possessive than `is`/`has`: it does not make a verb)
    if (AUXILIARIES.contains(&prev.as_str()) && !matches!(prev.as_str(), "'s" | "’s"))
        || prev == "to"
    {
        return l.len() > 1 && l.chars().all(char::is_alphabetic);
    }
    is_common_verb(&l) || (l.len() > 4 && l.ends_with("ed"))
}

fn is_boundary(w: &str) -> bool {
    matches!(w, "," | ";" | ":" | "—" | "–" | "(" | ")" | "." | "?" | "!")
}

/// Links each expression to the event it dates.
pub fn anchor_events(doc: &Document, timexes: &mut [Timex]) {
    let text = doc.text();
    let layers = doc.layers();
    let mut prev: Option<(usize, Option<lede_core::TextSpan>)> = None;
    for t in timexes.iter_mut() {
        if !matches!(t.kind, TimexType::Date | TimexType::Time) {
            continue;
        }
        // `today, tomorrow and ...`, `in May or June`: a coordinated expression dates the same
        // event as the one before it
        if let Some((end, Some(ev))) = &prev {
            let between = text.get(*end..t.span.start).unwrap_or("x").trim();
            if matches!(between, "," | "and" | "or" | ", and" | ", or") {
                t.event = Some(ev.clone());
                prev = Some((t.span.end, t.event.clone()));
                continue;
            }
        }
        let Some(si) = layers.sentence_at(t.span.start) else {
            continue;
        };
        let s = layers.sentences[si];
        let toks = &layers.tokens[s.tokens()];
        let a = toks.partition_point(|k| k.span.end <= t.span.start);
        let b = toks.partition_point(|k| k.span.start < t.span.end);
        // find_event looks at most a few words beyond its 15-left/12-right scans: a bounded
        // window keeps the cost per expression constant on unpunctuated megabyte lines
        let lo = a.saturating_sub(CLAUSE_WINDOW);
        let hi = (b + CLAUSE_WINDOW).min(toks.len());
        let words: Vec<&str> = toks[lo..hi].iter().map(|k| k.span.slice(text)).collect();
        if let Some(e) = find_event(&words, a - lo, b - lo) {
            t.event = Some(toks[e + lo].span.with_text(text));
        }
        prev = Some((t.span.end, t.event.clone()));
    }
}

/// The event token for an expression at tokens `[a, b)` of a sentence.
fn find_event(words: &[&str], a: usize, b: usize) -> Option<usize> {
    // an event noun right after, the expression modifying it (`the Aug. 7 bombings`,
    // `Tuesday's vote`)
    let mut k = b;
    if words.get(k).is_some_and(|w| matches!(*w, "'s" | "’s")) {
        k += 1;
    }
    if words.get(k).is_some_and(|w| is_event_noun(w)) {
        return Some(k);
    }
    // an event noun right before, possibly through a preposition, unless a one-word adverb
    // (`now`, `today`) stands before a verb: then the noun is the verb's subject (`storms now
    // hit the coast`), where `the invasion a year ago changed ...` dates the noun
    let verb_after = b == a + 1 && b < words.len() && is_event_verb(words, b);
    if a > 0 && !verb_after {
        let mut j = a - 1;
        if matches!(
            lower(words[j]).as_str(),
            "in" | "on" | "since" | "of" | "at" | "during"
        ) && j > 0
        {
            j -= 1;
        }
        if is_event_noun(words[j]) {
            return Some(j);
        }
    }
    // the nearest verb to the left within the clause
    let mut crossed = false;
    let mut left = None;
    for j in (a.saturating_sub(15)..a).rev() {
        if is_boundary(words[j]) {
            if matches!(words[j], "." | "?" | "!" | ";") {
                break;
            }
            crossed = true;
            continue;
        }
        if is_event_verb(words, j) {
            left = Some((j, crossed));
            break;
        }
    }
    if let Some((j, false)) = left {
        return Some(j);
    }
    // then to the right within the clause
    for j in b..(b + 12).min(words.len()) {
        if matches!(words[j], "." | "?" | "!" | ";") {
            break;
        }
        if is_event_verb(words, j) {
            return Some(j);
        }
    }
    left.map(|(j, _)| j)
}

/// A time interval `[start, end)` in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Interval {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The interval a TIMEX3 DATE/TIME value covers, when it is a calendar value (`2008`,
/// `2022-04`, `2023-04-20T15:00`, `1989-Q3`, `1998-W08`, `1998-FA`, `199`, `PRESENT_REF`).
pub fn interval(value: &str, dct: Option<NaiveDate>) -> Option<Interval> {
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let span = |s: NaiveDate, e: NaiveDate| Some(Interval { start: s, end: e });
    if value == "PRESENT_REF" {
        let d = dct?;
        return span(d, d + Duration::days(1));
    }
    let date_part = value.split('T').next().unwrap_or(value);
    let parts: Vec<&str> = date_part.split('-').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let y_str = parts.first()?;
    if !digits(y_str) {
        return None;
    }
    let y: i32 = y_str.parse().ok()?;
    match (y_str.len(), parts.as_slice()) {
        (2, [_]) => span(ymd(y * 100, 1, 1)?, ymd(y * 100 + 100, 1, 1)?),
        (3, [_]) => span(ymd(y * 10, 1, 1)?, ymd(y * 10 + 10, 1, 1)?),
        (4, [_]) => span(ymd(y, 1, 1)?, ymd(y + 1, 1, 1)?),
        (4, [_, p]) => {
            if digits(p) {
                let m: u32 = p.parse().ok()?;
                let s = ymd(y, m, 1)?;
                let e = if m == 12 {
                    ymd(y + 1, 1, 1)?
                } else {
                    ymd(y, m + 1, 1)?
                };
                span(s, e)
            } else if let Some(q) = p.strip_prefix('Q') {
                let q: u32 = q.parse().ok()?;
                let s = ymd(y, (q - 1) * 3 + 1, 1)?;
                let e = if q == 4 {
                    ymd(y + 1, 1, 1)?
                } else {
                    ymd(y, q * 3 + 1, 1)?
                };
                span(s, e)
            } else if let Some(h) = p.strip_prefix('H') {
                let h: u32 = h.parse().ok()?;
                let s = ymd(y, (h - 1) * 6 + 1, 1)?;
                let e = if h == 2 {
                    ymd(y + 1, 1, 1)?
                } else {
                    ymd(y, 7, 1)?
                };
                span(s, e)
            } else if let Some(w) = p.strip_prefix('W') {
                let w: u32 = w.parse().ok()?;
                let s = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
                span(s, s + Duration::days(7))
            } else {
                let (sm, em) = match *p {
                    "SP" => (3, 6),
                    "SU" => (6, 9),
                    "FA" => (9, 12),
                    "WI" => (12, 15),
                    _ => return None,
                };
                let s = ymd(y, sm, 1)?;
                let e = if em > 12 {
                    ymd(y + 1, em - 12, 1)?
                } else {
                    ymd(y, em, 1)?
                };
                span(s, e)
            }
        }
        (4, [_, m, d]) if digits(m) && digits(d) => {
            let s = ymd(y, m.parse().ok()?, d.parse().ok()?)?;
            span(s, s + Duration::days(1))
        }
        (4, [_, w, _]) if w.starts_with('W') => {
            let w: u32 = w[1..].parse().ok()?;
            let s = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
            span(s, s + Duration::days(7))
        }
        _ => None,
    }
}

/// How many tokens around an anchored expression a clause may extend.
const CLAUSE_WINDOW: usize = 40;

/// The clause around tokens `[lo, hi]` of a sentence: up to the nearest clause punctuation.
fn clause(words: &[&str], lo: usize, hi: usize) -> (usize, usize) {
    let mut s = lo;
    while s > 0 && !is_boundary(words[s - 1]) {
        s -= 1;
    }
    let mut e = hi;
    while e + 1 < words.len() && !is_boundary(words[e + 1]) {
        e += 1;
    }
    (s, e)
}

/// The timeline: dated events in time order, the DCT ("now") carrying the lead's event.
pub fn timeline(doc: &Document, dct: Option<NaiveDate>, timexes: &[Timex]) -> Vec<TimelineEntry> {
    let text = doc.text();
    let layers = doc.layers();
    let mut entries: Vec<(Interval, usize, TimelineEntry)> = Vec::new();
    let relation = |iv: Interval| match dct {
        Some(d) if iv.end <= d => "before",
        Some(d) if iv.start > d => "after",
        Some(_) => "now",
        None => "unknown",
    };
    for t in timexes {
        let Some(ev) = &t.event else { continue };
        if !t.resolved || !matches!(t.kind, TimexType::Date | TimexType::Time) {
            continue;
        }
        let Some(iv) = interval(&t.value, dct) else {
            continue;
        };
        let Some(si) = layers.sentence_at(ev.start) else {
            continue;
        };
        let s = layers.sentences[si];
        let toks = &layers.tokens[s.tokens()];
        if toks.is_empty() {
            continue;
        }
        let idx = |pos: usize| {
            toks.partition_point(|k| k.span.end <= pos)
                .min(toks.len() - 1)
        };
        let (a, b) = (
            idx(ev.start.min(t.span.start)),
            idx(ev.start.max(t.span.end - 1)),
        );
        // A clause is looked for within a bounded window, so that a sentence without
        // punctuation (a megabyte on one line) costs the same per expression as a normal one.
        let lo = a.saturating_sub(CLAUSE_WINDOW);
        let hi = (b + CLAUSE_WINDOW + 1).min(toks.len());
        let words: Vec<&str> = toks[lo..hi].iter().map(|k| k.span.slice(text)).collect();
        let (cs, ce) = clause(&words, a - lo, b - lo);
        let (cs, ce) = (cs + lo, ce + lo);
        let cl = Span::new(toks[cs].span.start, toks[ce].span.end);
        entries.push((
            iv,
            t.span.start,
            TimelineEntry {
                value: t.value.clone(),
                timex: t.id.clone(),
                relation: relation(iv),
                event: ev.clone(),
                clause: cl.with_text(text),
            },
        ));
    }
    // The lead sentence (the first of the body) reports what happens at publication time.
    if let Some(d) = dct {
        let body_start = doc.metadata.dateline_span().map_or(0, |s| s.end);
        let lead = layers
            .sentences
            .iter()
            .find(|s| !layers.paragraphs[s.paragraph].is_headline && s.span.end > body_start);
        if let Some(s) = lead.filter(|s| s.end_token > s.first_token) {
            let toks = &layers.tokens[s.tokens()];
            let words: Vec<&str> = toks.iter().map(|k| k.span.slice(text)).collect();
            let first = toks.partition_point(|k| k.span.start < body_start);
            if let Some(e) = (first..words.len()).find(|&j| is_event_verb(&words, j)) {
                let start = toks[first.min(toks.len() - 1)].span.start;
                let cl = Span::new(start, s.span.end);
                let iv = Interval {
                    start: d,
                    end: d + Duration::days(1),
                };
                entries.push((
                    iv,
                    toks[e].span.start,
                    TimelineEntry {
                        value: format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
                        timex: "t0".to_owned(),
                        relation: "now",
                        event: toks[e].span.with_text(text),
                        clause: cl.with_text(text),
                    },
                ));
            }
        }
    }
    entries.sort_by_key(|x| (x.0, x.1));
    entries.into_iter().map(|(_, _, e)| e).collect()
}
