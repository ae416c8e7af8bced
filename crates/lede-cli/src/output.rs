//! Output writers: `json` (one array), `jsonl` (one record per line), `text` (for people), and
//! the other formats of `lede_render` and `lede_timeline::timeml` (`conll`, `brat`, `timeml`).

use std::io::{self, Write};

use lede_core::Record;
use lede_render::files::OutDir;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable summary for people (default on a terminal).
    Text,
    /// One pretty-printed JSON array of records.
    Json,
    /// One compact JSON record per line (default when piped).
    Jsonl,
    /// TempEval-3 `TimeML`: the document's text with inline `TIMEX3` tags from the `timeline`
    /// analyser; one XML file per document with `--out-dir`.
    Timeml,
    /// CoNLL-2003 style NER: one token per line with its IOB2 entity tag.
    Conll,
    /// BRAT standoff: entity mentions and quotations (source, cue, content) as `PolNeAR`'s
    /// attributions; `.ann` and `.txt` files per document with `--out-dir`.
    Brat,
}

impl Format {
    /// Formats that are one file per document (several documents need `--out-dir`).
    pub fn per_document(self) -> bool {
        matches!(self, Format::Timeml | Format::Brat)
    }

    /// Formats that print the record itself, where `--offsets chars` applies (the others
    /// write offsets of their own, or none).
    pub fn is_record(self) -> bool {
        matches!(self, Format::Text | Format::Json | Format::Jsonl)
    }

    /// Formats that re-read the document's text.
    pub fn needs_text(self) -> bool {
        !self.is_record()
    }
}

/// Writes records one at a time, so that output streams.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    style: Style,
    count: usize,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, format: Format) -> Self {
        Self {
            out,
            format,
            style: Style::default(),
            count: 0,
        }
    }

    /// Colours for the text format (none by default).
    #[must_use]
    pub fn with_style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, record)?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                self.out
                    .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
                serde_json::to_writer_pretty(&mut self.out, record)?;
            }
            Format::Text => write_text(&mut self.out, record, self.style)?,
            Format::Timeml => self.out.write_all(timeml(record).as_bytes())?,
            Format::Conll => {
                let mut s = String::new();
                lede_render::conll::write(&mut s, record);
                self.out.write_all(s.as_bytes())?;
            }
            Format::Brat => self
                .out
                .write_all(lede_eval::brat_writer::write(record).as_bytes())?,
        }
        self.count += 1;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

/// The `TimeML` file of a record.
pub fn timeml(record: &Record) -> String {
    lede_timeline::timeml::write_from_json(
        &record.id,
        record.text.as_deref().unwrap_or_default(),
        record.metadata.date,
        record.results.get("timeline"),
    )
}

/// Writes a record's files into the output folder (`--out-dir`): `STEM.tml` for `TimeML`,
/// `STEM.txt` and `STEM.ann` for BRAT. A document without text (it could not be read) gets
/// none; its failure is reported like any other.
pub fn write_files(dir: &mut OutDir, format: Format, record: &Record) -> io::Result<()> {
    let Some(text) = record.text.as_deref() else {
        return Ok(());
    };
    let stem = dir.stem_for(&record.id);
    match format {
        Format::Timeml => {
            dir.write(&stem, "tml", timeml(record).as_bytes())?;
        }
        Format::Brat => {
            dir.write(&stem, "txt", text.as_bytes())?;
            dir.write(
                &stem,
                "ann",
                lede_eval::brat_writer::write(record).as_bytes(),
            )?;
        }
        _ => {}
    }
    Ok(())
}

/// Styling of the text format: ANSI bold/colour when stdout may be coloured ([`crate::color`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
}

const TITLE: anstyle::Style = anstyle::Style::new().bold();
const ERROR: anstyle::Style = anstyle::AnsiColor::Red.on_default();
const ANALYZER: anstyle::Style = anstyle::AnsiColor::Cyan.on_default().bold();

impl Style {
    pub fn detect() -> Self {
        Self {
            color: crate::color::enabled(&io::stdout()),
        }
    }

    fn paint(self, style: anstyle::Style, s: &str) -> String {
        if self.color {
            format!("{style}{s}{style:#}")
        } else {
            s.to_owned()
        }
    }
}

fn write_text(out: &mut impl Write, r: &Record, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.paint(TITLE, &format!("── {} ──", clean(&r.id)))
    )?;
    let m = &r.metadata;
    let fields = [
        ("headline", m.title.clone()),
        ("date", m.date.map(|d| d.to_string())),
        ("source", m.source.clone()),
        ("section", m.section.clone()),
        ("url", m.url.clone()),
    ];
    for (k, v) in fields {
        if let Some(v) = v {
            writeln!(out, "{k}: {}", clean(&v))?;
        }
    }
    if let Some(e) = &r.error {
        writeln!(
            out,
            "{}",
            style.paint(ERROR, &format!("error: {}", clean(e)))
        )?;
    }
    for f in &r.errors {
        let line = format!("error in {}: {}", f.analyzer, clean(&f.message));
        writeln!(out, "{}", style.paint(ERROR, &line))?;
    }
    for (name, value) in &r.results {
        writeln!(out, "{}", style.paint(ANALYZER, &format!("[{name}]")))?;
        let mut lines = Vec::new();
        render(value, &mut lines);
        for line in lines {
            writeln!(out, "  {line}")?;
        }
    }
    writeln!(out)
}

/// Renders any analyser's JSON output as YAML-like lines (without the base indentation).
/// Spans (objects with `start`, `end` and `text`) are shown as `[start..end] text` (offsets
/// first: the text may hold any quotation mark); empty lists and objects are left out.
fn render(v: &Value, lines: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, val) in map {
                if let Some(s) = inline(val) {
                    lines.push(format!("{k}: {s}"));
                } else if !is_empty(val) {
                    lines.push(format!("{k}:"));
                    let mut inner = Vec::new();
                    render(val, &mut inner);
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
                    render(item, &mut inner);
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
        extra.push(format!("{k}: {}", scalar(val)));
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
fn clean(s: &str) -> String {
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
        render(v, &mut out);
        out
    }

    #[test]
    fn text_rendering_is_compact_and_unescaped() {
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
}
