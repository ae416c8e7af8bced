//! `--format text`: a short summary of an article for people on a terminal: headline and date;
//! entities by type with their roles; who said what; the timeline; stances with their
//! strongest evidence. Analysers the summary does not know (plugins) follow as indented YAML-like lines.
//!
//! Styles are `anstyle` escape codes, always written: the caller's stream (`anstream`) strips
//! them when colour is off, so there is one place that decides. Everything taken from the
//! article is cleaned of control characters, which could move the cursor or recolour the
//! terminal.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use lede_core::Record;
use serde_json::Value;

use crate::view::{score, Article, Quotation, StanceOutput, Timeline};

const HEAD: Style = Style::new().bold();
const SECTION: Style = Style::new().bold().underline();
const DIM: Style = Style::new().dimmed();
const NAME: Style = Style::new().bold();
const ERROR: Style = AnsiColor::Red.on_default().bold();
const DATE: Style = AnsiColor::Cyan.on_default();

/// The summary of one record, lines at most `width` columns wide (but for single words that
/// do not fit), ending with a blank line.
pub fn summary(record: &Record, width: usize) -> String {
    let width = width.max(40);
    let a = Article::from_record(record);
    let mut out = String::new();
    let m = &record.metadata;
    let title = m.title.as_deref().map_or_else(|| clean(&record.id), clean);
    for line in wrap(&title, width, "", "") {
        let _ = writeln!(out, "{HEAD}{line}{HEAD:#}");
    }
    let mut meta: Vec<String> = Vec::new();
    meta.extend(m.date.map(|d| d.to_string()));
    meta.extend(m.source.as_deref().map(clean));
    meta.extend(m.section.as_deref().map(clean));
    meta.push(clean(&record.id));
    meta.extend(a.words.map(|w| format!("{w} words")));
    for line in wrap(&meta.join(" · "), width, "", "") {
        let _ = writeln!(out, "{DIM}{line}{DIM:#}");
    }
    if let Some(e) = &record.error {
        let _ = writeln!(out, "{ERROR}error: {}{ERROR:#}", clean(e));
    }
    for f in &record.errors {
        let _ = writeln!(
            out,
            "{ERROR}error in {}: {}{ERROR:#}",
            clean(&f.analyzer),
            clean(&f.message)
        );
    }
    for n in &a.notes {
        let _ = writeln!(out, "{ERROR}{}{ERROR:#}", clean(n));
    }
    entities(&mut out, &a, width);
    quotations(&mut out, &a, width);
    if let Some(t) = &a.timeline {
        timeline(&mut out, t, width);
    }
    if let Some(s) = &a.stance {
        stances(&mut out, s, width);
    }
    for (name, value) in &a.others {
        let _ = writeln!(out, "\n{SECTION}{}{SECTION:#}", clean(name));
        let mut lines = Vec::new();
        yaml_lines(value, &mut lines);
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    out.push('\n');
    out
}

fn section(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{SECTION}{title}{SECTION:#}");
}

fn entities(out: &mut String, a: &Article, width: usize) {
    let groups = a.entities_by_type();
    if groups.is_empty() {
        return;
    }
    section(out, "Entities");
    let col = groups
        .iter()
        .map(|(t, _)| t.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    for (ty, list) in &groups {
        let items: Vec<String> = list
            .iter()
            .map(|e| {
                let mut s = clean(&e.canonical);
                let roles = e.roles_label();
                if !roles.is_empty() {
                    let _ = write!(s, " ({})", clean(&roles));
                }
                let n = a.mention_count(e);
                if n > 1 {
                    let _ = write!(s, " ×{n}");
                }
                s
            })
            .collect();
        let head = format!("  {:<col$}  ", clean(ty));
        let indent = " ".repeat(head.chars().count());
        for (i, line) in wrap(&items.join(", "), width, &head, &indent)
            .into_iter()
            .enumerate()
        {
            if i == 0 {
                let rest = &line[head.len()..];
                let _ = writeln!(out, "{NAME}{head}{NAME:#}{rest}");
            } else {
                let _ = writeln!(out, "{line}");
            }
        }
    }
}

fn quotations(out: &mut String, a: &Article, width: usize) {
    let said = a.said();
    if said.is_empty() {
        return;
    }
    section(out, "Who said what");
    for q in said {
        let speaker = match Article::speaker_label(q) {
            Some((name, true)) => clean(&name),
            Some((src, false)) => format!("{} (not resolved)", clean(&src)),
            None => "(unknown)".to_owned(),
        };
        let kind = clean(&q.kind);
        let head_plain = format!("  {speaker} · {kind} · ");
        let head = format!("  {NAME}{speaker}{NAME:#} {DIM}· {kind} ·{DIM:#} ");
        let words = quoted_words(q);
        for (i, line) in wrap(&words, width, &head_plain, "      ")
            .into_iter()
            .enumerate()
        {
            match line.strip_prefix(&head_plain) {
                Some(rest) if i == 0 => {
                    let _ = writeln!(out, "{head}{rest}");
                }
                _ => {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
    }
}

/// Quoted words in quotation marks, reported speech as it is.
fn quoted_words(q: &Quotation) -> String {
    let words = clean(&q.words());
    if matches!(q.kind.as_str(), "direct" | "partial") {
        format!("“{words}”")
    } else {
        words
    }
}

fn timeline(out: &mut String, t: &Timeline, width: usize) {
    if t.timeline.is_empty() && t.note.is_none() {
        return;
    }
    match &t.dct {
        Some(dct) => section(out, &format!("Timeline · published {}", clean(dct))),
        None => section(out, "Timeline"),
    }
    if let Some(n) = &t.note {
        for line in wrap(&clean(n), width, "  ", "  ") {
            let _ = writeln!(out, "{DIM}{line}{DIM:#}");
        }
    }
    let col = t
        .timeline
        .iter()
        .map(|d| d.value.chars().count())
        .max()
        .unwrap_or(0);
    for d in &t.timeline {
        let value = clean(&d.value);
        let event = d.event.as_ref().map(|e| clean(&e.text)).unwrap_or_default();
        // a relative expression shows what it resolved from
        let expr = t
            .timexes
            .iter()
            .find(|x| x.id == d.timex)
            .map(|x| clean(&x.span.text))
            .filter(|e| *e != d.value)
            .map(|e| format!(" (“{e}”)"))
            .unwrap_or_default();
        let clause = d
            .clause
            .as_ref()
            .map(|c| {
                clean(&c.text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let used = 2 + col + 2 + event.chars().count() + expr.chars().count() + 3;
        let room = width.saturating_sub(used);
        let clause = if clause.is_empty() || room < 12 {
            String::new()
        } else {
            format!(" · {}", truncate(&clause, room))
        };
        let _ = writeln!(
            out,
            "  {DATE}{value:<col$}{DATE:#}  {NAME}{event}{NAME:#}{expr}{DIM}{clause}{DIM:#}"
        );
    }
}

fn stances(out: &mut String, s: &StanceOutput, width: usize) {
    if s.stances.is_empty() && s.headline.is_none() {
        return;
    }
    section(out, "Stance");
    if let Some(h) = &s.headline {
        let p = h
            .probabilities
            .get(&h.label)
            .map(|p| format!(" ({})", score(*p)))
            .unwrap_or_default();
        let line = format!(
            "  toward the headline “{}”: {}{p}",
            clean(&h.headline),
            clean(&h.label)
        );
        for l in wrap(&line, width, "", "    ") {
            let _ = writeln!(out, "{l}");
        }
    }
    // stances grouped by target, in the order the targets first appear
    let mut labels: Vec<&str> = Vec::new();
    for st in &s.stances {
        if !labels.contains(&st.target_label.as_str()) {
            labels.push(&st.target_label);
        }
    }
    let col = s
        .stances
        .iter()
        .map(|st| st.actor.chars().count())
        .max()
        .unwrap_or(0);
    for label in labels {
        let from = s
            .targets
            .iter()
            .find(|t| t.label == label && !t.source.is_empty())
            .map(|t| format!(" {DIM}({}){DIM:#}", target_source(&t.source)))
            .unwrap_or_default();
        let _ = writeln!(out, "  toward {NAME}{}{NAME:#}{from}", clean(label));
        for st in s.stances.iter().filter(|st| st.target_label == label) {
            let color = match st.stance.as_str() {
                "FAVOR" => AnsiColor::Green,
                "AGAINST" => AnsiColor::Red,
                _ => AnsiColor::Yellow,
            };
            let style = color.on_default().bold();
            let more = match st.evidence.len() {
                0 | 1 => String::new(),
                n => format!("  {DIM}({n} pieces of evidence){DIM:#}"),
            };
            let _ = writeln!(
                out,
                "    {:<col$}  {style}{:<7}{style:#} {}{more}",
                clean(&st.actor),
                clean(&st.stance),
                score(st.score)
            );
            // the strongest piece, on one line: its cues first (what decided it), then its words
            if let Some(ev) = st
                .evidence
                .iter()
                .max_by(|a, b| a.score.abs().total_cmp(&b.score.abs()))
            {
                let cues: Vec<String> = ev
                    .cues
                    .iter()
                    .map(|c| format!("{} {}", clean(&c.text), signed(c.weight)))
                    .collect();
                let mut line = cues.join(", ");
                if !line.is_empty() {
                    line.push_str(": ");
                }
                line.push_str(
                    &clean(&ev.span.text)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                let _ = writeln!(
                    out,
                    "      {DIM}{}{DIM:#}",
                    truncate(&line, width.saturating_sub(6))
                );
            }
        }
    }
}

/// Where a target came from, as people say it.
fn target_source(source: &str) -> String {
    match source {
        "headline" => "from the headline".to_owned(),
        "user" => "given with --target".to_owned(),
        other => clean(other),
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

/// At most `n` characters, with an ellipsis when cut.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Greedy word wrap: the first line starts with `first`, the others with `rest`; lines are at
/// most `width` characters unless one word is longer. White space runs become one space.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_owned();
    let mut len = first.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if !empty && len + 1 + w > width {
            lines.push(std::mem::replace(&mut line, rest.to_owned()));
            len = rest.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += w;
        empty = false;
    }
    lines.push(line);
    lines
}

/// Renders any analyser's JSON output as YAML-like lines (without the base indentation), for
/// analysers the summary does not know. Spans (objects with `start`, `end` and `text`) are
/// shown as `[start..end] text` (offsets first: the text may hold any quotation mark); empty
/// lists and objects are left out.
pub fn yaml_lines(v: &Value, lines: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, val) in map {
                if let Some(s) = inline(val) {
                    lines.push(format!("{}: {s}", clean(k)));
                } else if !is_empty(val) {
                    lines.push(format!("{}:", clean(k)));
                    let mut inner = Vec::new();
                    yaml_lines(val, &mut inner);
                    lines.extend(inner.into_iter().map(|l| format!("  {l}")));
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                if let Some(s) = inline(item) {
                    lines.push(format!("- {s}"));
                } else {
                    let mut inner = Vec::new();
                    yaml_lines(item, &mut inner);
                    if inner.is_empty() {
                        lines.push("- {}".to_owned());
                    }
                    for (i, l) in inner.into_iter().enumerate() {
                        lines.push(if i == 0 {
                            format!("- {l}")
                        } else {
                            format!("  {l}")
                        });
                    }
                }
            }
        }
        _ => lines.push(scalar(v)),
    }
}

/// The one-line form of a scalar or a span, `None` for anything that needs several lines.
fn inline(v: &Value) -> Option<String> {
    match v {
        Value::Object(_) => as_span(v),
        Value::Array(items) => inline_list(items),
        _ => Some(scalar(v)),
    }
}

/// A short list of scalars on one line (`[0, 7, 15]`, `[Stoltenberg]`), so that lists of
/// mention ids or aliases do not take a line per item.
fn inline_list(items: &[Value]) -> Option<String> {
    const MAX: usize = 100;
    if items.is_empty() || !items.iter().all(is_scalar) {
        return None;
    }
    let parts: Vec<String> = items.iter().map(scalar).collect();
    let len = parts.iter().map(|p| p.chars().count() + 2).sum::<usize>();
    (len <= MAX).then(|| format!("[{}]", parts.join(", ")))
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Array(_))
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => clean(s),
        // Scores for people: 4 decimals are plenty, and hide the noise of f32 values widened
        // to f64 (0.800000011920929). JSON output keeps the exact value.
        Value::Number(n) if n.is_f64() => n.as_f64().map_or_else(
            || n.to_string(),
            |f| {
                let s = format!("{f:.4}");
                let s = s.trim_end_matches('0');
                s.strip_suffix('.').unwrap_or(s).to_owned()
            },
        ),
        other => other.to_string(),
    }
}

/// A span (`start`, `end`, `text`) on one line as `[start..end] text`; other scalar fields of
/// the same object follow in parentheses (`[8..15] Belongs (weight: 2)`).
fn as_span(v: &Value) -> Option<String> {
    let map = v.as_object()?;
    let start = map.get("start")?.as_u64()?;
    let end = map.get("end")?.as_u64()?;
    let text = map.get("text")?.as_str()?;
    let mut extra = Vec::new();
    for (k, val) in map {
        if matches!(k.as_str(), "start" | "end" | "text") {
            continue;
        }
        if !is_scalar(val) {
            return None;
        }
        extra.push(format!("{}: {}", clean(k), scalar(val)));
    }
    let line = format!("[{start}..{end}] {}", clean(text));
    Some(if extra.is_empty() {
        line
    } else {
        format!("{line} ({})", extra.join(", "))
    })
}

/// Text as people read it, on one line: line breaks become `⏎`, other control characters
/// (which could move the cursor or change colours on a terminal) become `�`.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push('⏎'),
            '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &Value) -> Vec<String> {
        let mut out = Vec::new();
        yaml_lines(v, &mut out);
        out
    }

    #[test]
    fn generic_rendering_is_compact_and_unescaped() {
        let v = serde_json::json!({
            "aliases": ["Okafor", "the negotiator"],
            "cues": [{"start": 8, "end": 15, "text": "urged", "weight": 0.800_000_011_920_929}],
            "empty": [],
            "quote": {"start": 3, "end": 30, "text": "“We will not,”\r\nshe said\t\u{1b}[31m"},
            "items": [{"kind": "direct", "ids": [1, 2]}, {}],
            "long": (0..40).collect::<Vec<_>>(),
        });
        let got = lines(&v);
        let mut expected = vec![
            "aliases: [Okafor, the negotiator]",
            "cues:",
            "  - [8..15] urged (weight: 0.8)",
            "items:",
            "  - ids: [1, 2]",
            "    kind: direct",
            "  - {}",
            "long:",
        ];
        let numbers: Vec<String> = (0..40).map(|i| format!("  - {i}")).collect();
        expected.extend(numbers.iter().map(String::as_str));
        expected.push("quote: [3..30] “We will not,”⏎she said �[31m");
        assert_eq!(got, expected);
    }

    #[test]
    fn wrap_keeps_to_the_width_with_a_hanging_indent() {
        let got = wrap("one two three four five six", 12, "> ", "  ");
        assert_eq!(got, ["> one two", "  three four", "  five six"]);
        assert!(got.iter().all(|l| l.chars().count() <= 12));
        // a word longer than the width stands alone
        assert_eq!(
            wrap("a supercalifragilistic b", 8, "", ""),
            ["a", "supercalifragilistic", "b"]
        );
        assert_eq!(wrap("", 8, "> ", ""), ["> "]);
    }
}
