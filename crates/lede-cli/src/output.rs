//! Output writers: `json` (one array), `jsonl` (one record per line) and `text` (for people).

use std::io::{self, Write};

use lede_core::Record;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable summary for people (default on a terminal).
    Text,
    /// One pretty-printed JSON array of records.
    Json,
    /// One compact JSON record per line (default when piped).
    Jsonl,
}

/// Writes records one at a time, so that output streams.
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    count: usize,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, format: Format) -> Self {
        Self {
            out,
            format,
            count: 0,
        }
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
            Format::Text => write_text(&mut self.out, record)?,
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

fn write_text(out: &mut impl Write, r: &Record) -> io::Result<()> {
    writeln!(out, "── {} ──", r.id)?;
    if let Some(t) = &r.metadata.title {
        writeln!(out, "headline: {t}")?;
    }
    if let Some(d) = r.metadata.date {
        writeln!(out, "date: {d}")?;
    }
    if let Some(e) = &r.error {
        writeln!(out, "error: {e}")?;
    }
    for f in &r.errors {
        writeln!(out, "error in {}: {}", f.analyzer, f.message)?;
    }
    for (name, value) in &r.results {
        writeln!(out, "[{name}]")?;
        write_value(out, value, 1)?;
    }
    writeln!(out)
}

/// A YAML-like rendering of any analyser's JSON output. Spans (objects with `start`, `end` and
/// `text`) are shown as their text with the offsets after it.
fn write_value(out: &mut impl Write, v: &Value, depth: usize) -> io::Result<()> {
    let pad = "  ".repeat(depth);
    match v {
        Value::Object(map) => {
            for (k, val) in map {
                if is_scalar(val) {
                    writeln!(out, "{pad}{k}: {}", scalar(val))?;
                } else if let Some(s) = as_span(val) {
                    writeln!(out, "{pad}{k}: {s}")?;
                } else if is_empty(val) {
                    continue;
                } else {
                    writeln!(out, "{pad}{k}:")?;
                    write_value(out, val, depth + 1)?;
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                if is_scalar(item) {
                    writeln!(out, "{pad}- {}", scalar(item))?;
                } else if let Some(s) = as_span(item) {
                    writeln!(out, "{pad}- {s}")?;
                } else {
                    writeln!(out, "{pad}-")?;
                    write_value(out, item, depth + 1)?;
                }
            }
        }
        _ => writeln!(out, "{pad}{}", scalar(v))?,
    }
    Ok(())
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
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn as_span(v: &Value) -> Option<String> {
    let m = v.as_object()?;
    if m.len() != 3 {
        return None;
    }
    let (s, e, t) = (
        m.get("start")?.as_u64()?,
        m.get("end")?.as_u64()?,
        m.get("text")?.as_str()?,
    );
    Some(format!("{t:?} [{s}..{e}]"))
}
