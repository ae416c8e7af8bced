//! `--format html`: one self-contained page per article, and an index of several pages.
//!
//! A page holds everything it needs (inline CSS and one small script, nothing from the
//! network) and works from `file://`. Everything taken from the article (text, title,
//! metadata, analysers' output) goes through [`maud`]'s escaping or the escaping of
//! [`marks`]: markup in an article is shown as text. A Content Security Policy allows no
//! script but the page's own (by its hash), as a second wall should anything slip through.

use std::sync::LazyLock;

use lede_core::Record;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::marks::{self, Mark, Point};
use crate::view::{score, Article, Counts, Dated, Quotation, Timeline};

const STYLE: &str = include_str!("html/page.css");
const SCRIPT: &str = include_str!("html/page.js");
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The policy: no network, no plugin, no script but [`SCRIPT`].
static CSP: LazyLock<String> = LazyLock::new(|| {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{}'",
        base64(&Sha256::digest(SCRIPT.as_bytes()))
    )
});

/// The page of one record. `text` is the document's text (the record's spans index it); a
/// record without text (a document that could not be read) gets a page with its error.
pub fn page(record: &Record, text: Option<&str>) -> String {
    let a = Article::from_record(record);
    let title = title_of(record);
    let body = html! {
        header {
            h1 { (title) }
            (meta_line(record, &a))
        }
        (errors(record, &a))
        @if let Some(text) = text {
            div.columns {
                section.article aria-label="Article" {
                    h2 { "Article" }
                    (legend(&a))
                    div.text { (PreEscaped(marked_text(text, &a))) }
                }
                (entities(&a))
            }
        }
        (who_said_what(&a))
        @if let Some(t) = &a.timeline { (timeline(t)) }
        (stances(&a))
        (others(&a))
        footer {
            "Made by lede " (VERSION) " from the record of " code { (record.id) }
            ". Hover a marked word for details; click a name to highlight every mention of it."
        }
    };
    document(&title, &body)
}

/// One row of the index: what it shows of a page, kept small so that an index of millions of
/// documents does not hold their records.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    /// The page's file name, relative to the index.
    pub href: String,
    pub title: String,
    pub id: String,
    pub date: Option<String>,
    pub counts: Counts,
    /// The document's error and its analysers' errors, empty when there are none.
    pub errors: String,
}

impl IndexEntry {
    pub fn new(href: String, record: &Record) -> Self {
        Self {
            href,
            title: title_of(record),
            id: record.id.clone(),
            date: record.metadata.date.map(|d| d.to_string()),
            counts: Article::from_record(record).counts(),
            errors: error_summary(record),
        }
    }
}

/// The index of several pages, with counts per article.
pub fn index(entries: &[IndexEntry]) -> String {
    let failed = entries.iter().filter(|e| !e.errors.is_empty()).count();
    let body = html! {
        header {
            h1 { "Articles" }
            p.meta {
                (count(entries.len(), "document", "documents"))
                @if failed > 0 { " · " span.err { (failed) " with errors" } }
            }
        }
        table.index {
            thead { tr {
                th.num { "#" } th { "headline" } th { "date" } th.num { "entities" }
                th.num { "mentions" } th.num { "quotations" } th.num { "dated events" }
                th.num { "stances" } th { "errors" }
            } }
            tbody {
                @for (i, e) in entries.iter().enumerate() {
                    @let c = e.counts;
                    tr {
                        td.num { (i + 1) }
                        td { a href=(e.href) { (e.title) } br; small { (e.id) } }
                        td { @if let Some(d) = &e.date { (d) } }
                        td.num { (c.entities) } td.num { (c.mentions) } td.num { (c.quotations) }
                        td.num { (c.dated) } td.num { (c.stances) }
                        td.err { (e.errors) }
                    }
                }
            }
        }
        footer { "Made by lede " (VERSION) "." }
    };
    document("Articles", &body)
}

fn document(title: &str, body: &Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(*CSP);
                meta name="referrer" content="no-referrer";
                meta name="generator" content={ "lede " (VERSION) };
                title { (title) " · lede" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (body)
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
    .into_string()
}

/// The headline, else the id.
fn title_of(r: &Record) -> String {
    r.metadata
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| r.id.clone())
}

fn error_summary(r: &Record) -> String {
    let mut parts: Vec<String> = r.error.iter().cloned().collect();
    parts.extend(
        r.errors
            .iter()
            .map(|e| format!("{}: {}", e.analyzer, e.message)),
    );
    parts.join("; ")
}

fn meta_line(r: &Record, a: &Article) -> Markup {
    let m = &r.metadata;
    // only web addresses become links: a `javascript:` URL in the metadata stays text
    let link = m
        .url
        .as_deref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    let c = a.counts();
    html! {
        p.meta {
            @if let Some(d) = m.date { time datetime=(d) { (d) } " · " }
            @if let Some(s) = &m.source { (s) " · " }
            @if let Some(s) = &m.section { (s) " · " }
            @if let Some(u) = link {
                a href=(u) rel="noopener noreferrer" { (u) } " · "
            } @else if let Some(u) = &m.url { (u) " · " }
            code { (r.id) }
        }
        p.counts {
            @if let Some(w) = a.words { (w) " words · " }
            (count(c.entities, "entity", "entities")) " · "
            (count(c.quotations, "quotation", "quotations")) " · "
            (count(c.dated, "dated event", "dated events")) " · "
            (count(c.stances, "stance", "stances"))
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn errors(r: &Record, a: &Article) -> Markup {
    html! {
        @if r.error.is_some() || !r.errors.is_empty() || !a.notes.is_empty() {
            section.errors role="alert" {
                @if let Some(e) = &r.error { p { "This document could not be analysed: " (e) } }
                @for e in &r.errors { p { "The " code { (e.analyzer) } " analyser failed: " (e.message) } }
                @for n in &a.notes { p { (n) } }
            }
        }
    }
}

/// A CSS class name from an entity type (any string in a record): letters, digits, `-`, `_`.
fn type_class(kind: &str) -> String {
    let clean: String = kind
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    format!("t-{clean}")
}

fn legend(a: &Article) -> Markup {
    let types = a.entities_by_type();
    html! {
        p.legend {
            @for (kind, _) in &types { span class={ "m " (type_class(kind)) } { (kind) } " " }
            @if !a.quotations.is_empty() {
                span.q { "quotation" } " " span.cue { "cue" } " " span.src { "source" } " "
            }
            @if a.timeline.as_ref().is_some_and(|t| !t.timexes.is_empty()) { span.tx { "time" } }
        }
    }
}

/// The marks of every analyser the view knows, and the speaker badges.
fn marked_text(text: &str, a: &Article) -> String {
    let mut marks = Vec::new();
    let mut points = Vec::new();
    // badges for the quotations listed as said (not for a partial quotation inside the
    // reported speech of the same speaker, which would repeat the name)
    let mut listed = vec![false; a.quotations.len()];
    for i in a.said_indices() {
        listed[i] = true;
    }
    for (qi, q) in a.quotations.iter().enumerate() {
        let speaker = Article::speaker_label(q);
        let tip = match &speaker {
            Some((name, true)) => format!("{name} ({})", q.kind),
            Some((src, false)) => format!("{src}, not resolved ({})", q.kind),
            None if q.is_term() => "scare quotes or a title (not attributed)".to_owned(),
            None => format!("no speaker found ({})", q.kind),
        };
        for (pi, p) in q.parts.iter().enumerate() {
            marks.push(Mark {
                start: p.start,
                end: p.end,
                rank: 0,
                class: format!(
                    "q q-{}",
                    q.kind.replace(|c: char| !c.is_ascii_alphanumeric(), "")
                ),
                attrs: vec![("data-q", qi.to_string()), ("title", tip.clone())],
                id: (pi == 0).then(|| format!("q{qi}")),
            });
        }
        for (span, class, rank) in [(&q.source, "src", 2), (&q.cue, "cue", 3)] {
            if let Some(s) = span {
                marks.push(Mark {
                    start: s.start,
                    end: s.end,
                    rank,
                    class: class.to_owned(),
                    attrs: vec![("data-q", qi.to_string())],
                    id: None,
                });
            }
        }
        if let (true, Some((label, resolved)), Some((_, end))) = (listed[qi], &speaker, q.extent())
        {
            let label = if *resolved {
                label.clone()
            } else {
                format!("{label}?")
            };
            points.push(Point {
                at: end,
                class: "badge",
                attrs: vec![("data-q", qi.to_string()), ("data-speaker", label)],
            });
        }
    }
    if let Some(s) = &a.stance {
        for (si, st) in s.stances.iter().enumerate() {
            for (ei, ev) in st.evidence.iter().enumerate() {
                marks.push(Mark {
                    start: ev.span.start,
                    end: ev.span.end,
                    rank: 1,
                    class: "ev".to_owned(),
                    attrs: Vec::new(),
                    id: Some(format!("ev{si}-{ei}")),
                });
            }
        }
    }
    for (mi, m) in a.mentions.iter().enumerate() {
        let entity = m.entity.and_then(|id| a.entity(id));
        let mut tip = entity.map_or_else(|| m.text.clone(), |e| e.canonical.clone());
        tip.push_str(" · ");
        tip.push_str(&m.ty);
        if !m.kind.is_empty() && m.kind != "name" {
            tip.push_str(" · ");
            tip.push_str(&m.kind);
        }
        if let Some(roles) = entity.map(crate::view::Entity::roles_label) {
            if !roles.is_empty() {
                tip.push_str(" · ");
                tip.push_str(&roles);
            }
        }
        let mut attrs = vec![("data-m", mi.to_string()), ("title", tip)];
        if let Some(id) = m.entity {
            attrs.push(("data-e", id.to_string()));
        }
        marks.push(Mark {
            start: m.start,
            end: m.end,
            rank: 4,
            class: format!("m {}", type_class(&m.ty)),
            attrs,
            id: None,
        });
    }
    if let Some(t) = &a.timeline {
        for x in &t.timexes {
            let tip = format!(
                "{} {}{}",
                x.kind,
                x.value,
                if x.resolved { "" } else { " (not resolved)" }
            );
            marks.push(Mark {
                start: x.span.start,
                end: x.span.end,
                rank: 5,
                class: "tx".to_owned(),
                attrs: vec![("title", tip)],
                id: Some(format!("t-{}", x.id)),
            });
        }
    }
    marks::render(text, &marks, &points)
}

fn entities(a: &Article) -> Markup {
    html! {
        section #entities aria-label="Entities" {
            h2 { "Entities" }
            @if a.entities.is_empty() { p.none { "No entities." } }
            @for (kind, list) in a.entities_by_type() {
                h3 { (kind) }
                ul.entities {
                    @for e in list {
                        li {
                            span class={ "m chip " (type_class(&e.ty)) } data-e=[e.id] title="click to highlight every mention" {
                                (e.canonical)
                            }
                            " " small { "×" (a.mention_count(e)) }
                            @let roles = e.roles_label();
                            @if !roles.is_empty() { " · " span.role { (roles) } }
                            @if !e.aliases.is_empty() { " · " span.aliases { "also " (e.aliases.join(", ")) } }
                        }
                    }
                }
            }
        }
    }
}

fn who_said_what(a: &Article) -> Markup {
    let said = a.said();
    html! {
        section #quotes aria-label="Who said what" {
            h2 { "Who said what" }
            @if said.is_empty() { p.none { "No quotations." } } @else {
                table.quotes {
                    thead { tr { th { "speaker" } th { "role" } th { "kind" } th { "the words" } th.num { "confidence" } } }
                    tbody {
                        @for q in &said { (quote_row(a, q)) }
                    }
                }
            }
        }
    }
}

fn quote_row(a: &Article, q: &Quotation) -> Markup {
    let index = a
        .quotations
        .iter()
        .position(|x| std::ptr::eq(x, q))
        .unwrap_or_default();
    html! {
        tr {
            td.speaker {
                @match Article::speaker_label(q) {
                    Some((name, true)) => { strong { (name) } }
                    Some((src, false)) => { (src) " " small.unresolved { "(not resolved)" } }
                    None => { small.unresolved { "unknown" } }
                }
            }
            td { (a.speaker_roles(q)) }
            td { (q.kind) }
            td { a href={ "#q" (index) } { (q.words()) } }
            td.num { @if let Some(c) = q.confidence { (score(c)) } }
        }
    }
}

/// Dated events on a vertical axis, earliest first, with the publication date marked where
/// it falls (after the events before it).
fn timeline(t: &Timeline) -> Markup {
    const ROW: usize = 40;
    const TOP: usize = 24;
    let mut rows: Vec<Row<'_>> = t.timeline.iter().map(Row::Event).collect();
    if let Some(dct) = &t.dct {
        let at = t
            .timeline
            .iter()
            .rposition(|d| d.relation == "before")
            .map_or(0, |i| i + 1);
        rows.insert(at, Row::Dct(dct));
    }
    let height = TOP * 2 + rows.len().max(1) * ROW;
    let axis_x = 150;
    html! {
        section #timeline aria-label="Timeline" {
            h2 { "Timeline" }
            @if let Some(n) = &t.note { p.none { (n) } }
            @if t.timeline.is_empty() { p.none { "No dated events." } } @else {
                svg.timeline xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 960 " (height) }
                    width="960" height=(height) role="img" aria-label="Dated events on a time axis" {
                    line.axis x1=(axis_x) y1=(TOP / 2) x2=(axis_x) y2=(height - TOP / 2) {}
                    @for (i, row) in rows.iter().enumerate() {
                        @let y = TOP + i * ROW + ROW / 2;
                        @match row {
                            Row::Dct(d) => {
                                g.dct {
                                    line x1=(axis_x - 8) y1=(y) x2="950" y2=(y) {}
                                    text x=(axis_x - 12) y=(y + 5) text-anchor="end" { (d) }
                                    text x=(axis_x + 16) y=(y + 5) { "publication date" }
                                }
                            }
                            Row::Event(d) => { (event_row(t, d, axis_x, y)) }
                        }
                    }
                }
            }
            @if !t.timexes.is_empty() {
                details {
                    summary { "Time expressions (" (t.timexes.len()) ")" }
                    table {
                        thead { tr { th { "expression" } th { "type" } th { "value" } th { "event" } } }
                        tbody {
                            @for x in &t.timexes {
                                tr {
                                    td { a href={ "#t-" (x.id) } { (x.span.text) } }
                                    td { (x.kind) }
                                    td { (x.value) @if !x.resolved { " " small.unresolved { "(not resolved)" } } }
                                    td { @if let Some(e) = &x.event { (e.text) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

enum Row<'a> {
    Event(&'a Dated),
    Dct(&'a str),
}

fn event_row(t: &Timeline, d: &Dated, axis_x: usize, y: usize) -> Markup {
    let timex = t.timexes.iter().find(|x| x.id == d.timex);
    let expr = timex.map(|x| x.span.text.as_str()).unwrap_or_default();
    let event = d
        .event
        .as_ref()
        .map(|e| e.text.as_str())
        .unwrap_or_default();
    let clause = d
        .clause
        .as_ref()
        .map(|c| c.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    // a relative expression shows what it resolved to
    let resolved = (!expr.is_empty() && expr != d.value).then(|| format!("“{expr}” → {}", d.value));
    let class = format!(
        "ev-row rel-{}",
        d.relation.replace(|c: char| !c.is_ascii_alphanumeric(), "")
    );
    html! {
        g class=(class) {
            title { (&clause) }
            circle cx=(axis_x) cy=(y) r="6" {}
            text.date x=(axis_x - 12) y=(y + 5) text-anchor="end" { (d.value) }
            a href={ "#t-" (d.timex) } {
                text x=(axis_x + 16) y=(y) {
                    tspan.event { (event) }
                    " " tspan.clause { (truncate(&clause, 95)) }
                }
            }
            @if let Some(r) = resolved {
                text.resolved x=(axis_x + 16) y=(y + 16) { (r) }
            }
        }
    }
}

/// At most `n` characters, with an ellipsis when cut.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

fn stances(a: &Article) -> Markup {
    let Some(s) = &a.stance else {
        return html! {};
    };
    html! {
        section #stance aria-label="Stance" {
            h2 { "Stance" }
            @if let Some(h) = &s.headline {
                p { "Article toward the headline " q { (h.headline) } ": " strong { (h.label) }
                    @if let Some(p) = h.probabilities.get(&h.label) { " (" (score(*p)) ")" } }
            }
            @if !s.targets.is_empty() {
                p.targets { "Targets: "
                    @for (i, t) in s.targets.iter().enumerate() {
                        @if i > 0 { ", " }
                        strong { (t.label) } @if !t.source.is_empty() { " " small { "(from the " (t.source) ")" } }
                    }
                }
            }
            @if s.stances.is_empty() { p.none { "No actor takes a stance on these targets." } } @else {
                table.stances {
                    thead { tr { th { "actor" } th { "target" } th { "stance" } th { "evidence" } } }
                    tbody {
                        @for (si, st) in s.stances.iter().enumerate() {
                            tr {
                                td { strong { (st.actor) } }
                                td { (st.target_label) }
                                td { span class={ "stance s-" (st.stance.to_ascii_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "")) } { (st.stance) } " " (score(st.score)) }
                                td {
                                    ul.evidence {
                                        @for (ei, ev) in st.evidence.iter().enumerate() {
                                            li {
                                                a href={ "#ev" (si) "-" (ei) } { (truncate(&ev.span.text, 140)) }
                                                " " small { (ev.kind) " · " (signed(ev.score)) }
                                                @if !ev.cues.is_empty() {
                                                    " " small.cues { "(" (ev.cues.iter().map(|c| format!("{} {}", c.text, signed(c.weight))).collect::<Vec<_>>().join(", ")) ")" }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn signed(x: f64) -> String {
    let s = score(x);
    if x > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

/// Analysers the view does not know (plugins): their output as JSON, folded.
fn others(a: &Article) -> Markup {
    html! {
        @if !a.others.is_empty() {
            section #others aria-label="Other analysers" {
                h2 { "Other analysers" }
                @for (name, v) in &a.others {
                    details {
                        summary { code { (name) } " " (summary_of(v)) }
                        pre { (serde_json::to_string_pretty(v).unwrap_or_default()) }
                    }
                }
            }
        }
    }
}

fn summary_of(v: &Value) -> String {
    match v {
        Value::Object(m) => m
            .iter()
            .filter_map(|(k, v)| v.as_array().map(|a| format!("{}: {}", k, a.len())))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Array(a) => format!("{} items", a.len()),
        _ => String::new(),
    }
}

/// Standard base64 with padding (RFC 4648), for the script's hash in the policy.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
