//! Input readers: files, folders and stdin, as plain text or JSON Lines, turned into a lazy
//! stream of documents. A document that cannot be read becomes a failed [`Record`] in its
//! place, so that every input yields exactly one output record.

// A document that cannot be read is returned as the `Record` that reports it (the pipeline's
// stream item type). Records are built once per failed document and moved straight to the
// output, so boxing them would only add an allocation.
#![allow(clippy::result_large_err)]

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use lede_core::input::build_document;
use lede_core::{DocOptions, Document, Metadata, Record};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// By extension (`.jsonl`, `.ndjson` are JSON Lines, anything else plain text); stdin by its
    /// first character (`{` means JSON Lines).
    Auto,
    /// One article per file; line 1 is the headline.
    Text,
    /// One JSON object per line: `id`, `text`, optional `title`, `date`, `source`, `url`.
    Jsonl,
}

/// How documents are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub format: InputFormat,
    /// Publication date and size limit.
    pub doc: DocOptions,
}

#[derive(Debug, Clone)]
enum Source {
    Stdin,
    File(PathBuf),
}

/// Expands the inputs: a folder becomes its `.txt`, `.jsonl` and `.ndjson` files (recursively,
/// sorted); a missing path becomes an error record.
fn expand(inputs: &[PathBuf]) -> Vec<Result<Source, Record>> {
    let own = stdout_id();
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Ok(Source::Stdin));
        } else if input.is_dir() {
            let mut files = Vec::new();
            if let Err(e) = walk(input, &mut files) {
                out.push(Err(Record::failed(
                    input.display().to_string(),
                    format!("cannot read folder: {e}"),
                )));
            }
            files.sort();
            // `lede analyze dir > dir/out.jsonl` would otherwise read its own growing output
            // forever.
            files.retain(|f| {
                let own = own.is_some() && file_id(f) == own;
                if own {
                    tracing::warn!("{}: skipped: it is this command's output", f.display());
                }
                !own
            });
            if files.is_empty() {
                tracing::warn!(
                    "{}: no .txt, .jsonl or .ndjson files in this folder",
                    input.display()
                );
            }
            out.extend(files.into_iter().map(|f| Ok(Source::File(f))));
        } else if own.is_some() && file_id(input) == own {
            out.push(Err(Record::failed(
                input.display().to_string(),
                "not read: it is also this command's output (stdout is redirected to it)",
            )));
        } else if input.exists() {
            out.push(Ok(Source::File(input.clone())));
        } else {
            out.push(Err(Record::failed(
                input.display().to_string(),
                "no such file or folder",
            )));
        }
    }
    out
}

/// Device and inode of a file (following links), to recognise the same file under two names.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Device and inode of the regular file stdout is redirected to, if it is one.
#[cfg(unix)]
fn stdout_id() -> Option<(u64, u64)> {
    use std::os::fd::AsFd as _;
    use std::os::unix::fs::MetadataExt as _;
    let fd = io::stdout().as_fd().try_clone_to_owned().ok()?;
    let m = File::from(fd).metadata().ok()?;
    m.is_file().then(|| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &Path) -> Option<(u64, u64)> {
    None
}

#[cfg(not(unix))]
fn stdout_id() -> Option<(u64, u64)> {
    None
}

/// Collects the `.txt`, `.jsonl` and `.ndjson` files under `dir`. Symbolic links to folders are
/// not followed (a link to a parent would recurse forever); links to files are. (The progress
/// bar counts documents with it too.)
pub fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), walkdir::Error> {
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type();
        if (kind.is_file() || (kind.is_symlink() && path.is_file()))
            && matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt" | "jsonl" | "ndjson")
            )
        {
            out.push(entry.into_path());
        }
    }
    Ok(())
}

/// A lazy stream of documents (or failure records) over all inputs, in order. No inputs at all
/// means stdin.
pub fn documents(
    inputs: &[PathBuf],
    opts: ReadOptions,
) -> impl Iterator<Item = Result<Document, Record>> {
    let stdin = [PathBuf::from("-")];
    let inputs = if inputs.is_empty() {
        &stdin[..]
    } else {
        inputs
    };
    expand(inputs).into_iter().flat_map(
        move |src| -> Box<dyn Iterator<Item = Result<Document, Record>>> {
            let opts = opts.clone();
            match src {
                Err(rec) => Box::new(std::iter::once(Err(rec))),
                Ok(Source::File(path)) => {
                    let id = path.display().to_string();
                    let jsonl = match opts.format {
                        InputFormat::Jsonl => true,
                        InputFormat::Text => false,
                        InputFormat::Auto => matches!(
                            path.extension().and_then(|e| e.to_str()),
                            Some("jsonl" | "ndjson")
                        ),
                    };
                    match File::open(&path) {
                        Err(e) => Box::new(std::iter::once(Err(Record::failed(
                            id,
                            format!("cannot open: {e}"),
                        )))),
                        Ok(f) if jsonl => Box::new(JsonLines::new(id, BufReader::new(f), opts)),
                        Ok(f) => Box::new(std::iter::once(read_text(id, f, &opts))),
                    }
                }
                Ok(Source::Stdin) => {
                    let mut reader = BufReader::new(io::stdin());
                    let jsonl = match opts.format {
                        InputFormat::Jsonl => true,
                        InputFormat::Text => false,
                        InputFormat::Auto => looks_like_jsonl(&mut reader),
                    };
                    if jsonl {
                        Box::new(JsonLines::new("<stdin>".to_owned(), reader, opts))
                    } else {
                        Box::new(std::iter::once(read_text(
                            "<stdin>".to_owned(),
                            reader,
                            &opts,
                        )))
                    }
                }
            }
        },
    )
}

fn looks_like_jsonl(reader: &mut impl BufRead) -> bool {
    loop {
        let Ok(buf) = reader.fill_buf() else {
            return false;
        };
        if buf.is_empty() {
            return false;
        }
        let skip = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if skip < buf.len() {
            let rest = &buf[skip..];
            let rest = rest.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(rest);
            // a BOM cut at the end of the buffer is rare enough to read as text
            return rest.first() == Some(&b'{');
        }
        let n = buf.len();
        reader.consume(n);
    }
}

fn read_text(id: String, reader: impl Read, opts: &ReadOptions) -> Result<Document, Record> {
    let mut bytes = Vec::new();
    let limit = opts.doc.max_doc_bytes as u64 + 1;
    if let Err(e) = reader.take(limit).read_to_end(&mut bytes) {
        return Err(Record::failed(id, format!("cannot read: {e}")));
    }
    if bytes.len() > opts.doc.max_doc_bytes {
        return Err(Record::failed(id, opts.doc.too_large()));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.as_bytes();
            let hint = if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
                "; it looks like UTF-16: convert it to UTF-8"
            } else {
                ""
            };
            return Err(Record::failed(
                id,
                format!(
                    "not valid UTF-8 (first invalid byte at offset {}){hint}",
                    e.utf8_error().valid_up_to()
                ),
            ));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    let meta = Metadata {
        date: opts.doc.date,
        ..Metadata::default()
    };
    build_document(id, meta, |id, meta| {
        Document::from_plain_text(id, text, meta)
    })
}

/// JSON Lines reader: one document per non-blank line.
struct JsonLines<R> {
    name: String,
    reader: R,
    line_no: usize,
    opts: ReadOptions,
    done: bool,
}

impl<R: BufRead> JsonLines<R> {
    fn new(name: String, reader: R, opts: ReadOptions) -> Self {
        Self {
            name,
            reader,
            line_no: 0,
            opts,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Document, Record>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        loop {
            if self.done {
                return None;
            }
            buf.clear();
            self.line_no += 1;
            let fallback_id = format!("{}:{}", self.name, self.line_no);
            let limit = self.opts.doc.max_doc_bytes as u64 * 2 + 1;
            match (&mut self.reader).take(limit).read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(Record::failed(
                        fallback_id,
                        format!("cannot read: {e}"),
                    )));
                }
            }
            if buf.len() as u64 >= limit && !buf.ends_with(b"\n") {
                // Skip the rest of this oversized line without holding it in memory.
                loop {
                    let Ok(chunk) = self.reader.fill_buf() else {
                        self.done = true;
                        break;
                    };
                    if chunk.is_empty() {
                        break;
                    }
                    if let Some(i) = chunk.iter().position(|&b| b == b'\n') {
                        self.reader.consume(i + 1);
                        break;
                    }
                    let n = chunk.len();
                    self.reader.consume(n);
                }
                return Some(Err(Record::failed(fallback_id, self.opts.doc.too_large())));
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(parse_json_line(&buf, fallback_id, &self.opts));
        }
    }
}

fn parse_json_line(
    line: &[u8],
    fallback_id: String,
    opts: &ReadOptions,
) -> Result<Document, Record> {
    // Editors on Windows start files with a byte-order mark; JSON parsers reject it.
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    if let Err(e) = std::str::from_utf8(line) {
        return Err(Record::failed(
            fallback_id,
            format!(
                "line is not valid UTF-8 (first invalid byte at offset {})",
                e.valid_up_to()
            ),
        ));
    }
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => {
            return Err(Record::failed(
                fallback_id,
                format!("line is not valid JSON: {e}"),
            ))
        }
    };
    let Value::Object(obj) = value else {
        return Err(Record::failed(fallback_id, "line is not a JSON object"));
    };
    lede_core::document_from_json(&obj, fallback_id, &opts.doc)
}
