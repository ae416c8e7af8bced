//! Output writers: `json` (one array), `jsonl` (one record per line), and the renderers and
//! writers of `lede_render`, `lede_timeline::timeml` and `lede_eval::brat_writer`: `text` (a
//! summary for people), `html` (a page per document), `conll`, `brat`, `timeml`.

use std::io::{self, Write};

use lede_core::Record;
use lede_render::files::OutDir;
use lede_render::html;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A short summary for people: entities, who said what, timeline, stances (default on a
    /// terminal).
    Text,
    /// One pretty-printed JSON array of records.
    Json,
    /// One compact JSON record per line (default when piped).
    Jsonl,
    /// A self-contained HTML page per document, quotations and entities marked; with
    /// `--out-dir` one file each and an `index.html`.
    Html,
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
        matches!(self, Format::Timeml | Format::Brat | Format::Html)
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

    /// Colours and width for the text format.
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
            Format::Text => {
                let text = lede_render::text::summary(record, self.style.width);
                if self.style.color {
                    self.out.write_all(text.as_bytes())?;
                } else {
                    self.out
                        .write_all(anstream::adapter::strip_str(&text).to_string().as_bytes())?;
                }
            }
            Format::Html => self
                .out
                .write_all(html::page(record, record.text.as_deref()).as_bytes())?,
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
/// `STEM.txt` and `STEM.ann` for BRAT, `STEM.html` for HTML; returns the stem. A document
/// without text (it could not be read) gets no files but an HTML page, which shows its error;
/// its failure is reported like any other.
pub fn write_files(
    dir: &mut OutDir,
    format: Format,
    record: &Record,
) -> io::Result<Option<String>> {
    if format == Format::Html {
        let stem = dir.stem_for(&record.id);
        dir.write(
            &stem,
            "html",
            html::page(record, record.text.as_deref()).as_bytes(),
        )?;
        return Ok(Some(stem));
    }
    let Some(text) = record.text.as_deref() else {
        return Ok(None);
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
    Ok(Some(stem))
}

/// How the text summary looks: colours (escape codes are stripped when off) and width.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
        }
    }
}
