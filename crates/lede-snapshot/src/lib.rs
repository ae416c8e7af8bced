//! insta-compatible snapshots of analyser output, as a library: `lede snapshot` runs on it, and
//! a plugin author can snapshot their own outputs from Rust tests the same way
//! (`docs/snapshots.md`).
//!
//! One snapshot file per document and analyser ([`file::stem`]), in insta's `.snap` format, its
//! body the output as YAML ([`yaml`]) after redactions ([`config`]). A [`Session`] compares a
//! run's outputs with the accepted snapshots of a folder: locally a changed result goes to
//! `*.snap.new` for review ([`review`], or `cargo insta review`); in a check nothing is written
//! and any difference fails, shown as a unified diff ([`diff`]).

pub mod config;
pub mod diff;
pub mod file;
pub mod review;
pub mod yaml;

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

pub use config::Config;

/// New snapshots listed one by one in a local run; the rest are counted.
const LIST_NEW: usize = 20;

/// Name of the redaction config looked up in the snapshot folder.
pub const CONFIG_FILE: &str = "lede-snapshot.toml";

/// What went wrong: a file that cannot be read or written (named), a bad redaction config, or
/// the report that cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A snapshot file or folder that cannot be read, written, moved or removed.
    #[error("{context}")]
    File {
        context: String,
        #[source]
        source: io::Error,
    },
    /// The report (to stdout, or the caller's writer) cannot be written.
    #[error("cannot write the snapshot report")]
    Output(#[source] io::Error),
    /// A redaction config that does not parse, or a rule that makes no sense.
    #[error("{0}")]
    Config(String),
    /// A redaction config that is not valid TOML, with the file it came from.
    #[error("{context}")]
    ConfigFile {
        context: String,
        #[source]
        source: Box<Error>,
    },
    /// Interactive review without a terminal to ask on.
    #[error("{0}")]
    Review(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Output(e)
    }
}

pub(crate) fn file_error(context: impl FnOnce() -> String) -> impl FnOnce(io::Error) -> Error {
    move |source| Error::File {
        context: context(),
        source,
    }
}

/// True when `CI` asks for a non-interactive, write-nothing run (as insta reads it).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false" | "FALSE"))
}

/// How a session treats differences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write new snapshots, and changed ones as `.snap.new` for review.
    Local,
    /// Write changed results straight to the accepted `.snap` files.
    Accept,
    /// Compare only: write nothing, print every difference as a unified diff, fail on any.
    Check,
}

/// What to do with snapshots no output produced any more (a document or analyser gone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreferenced {
    /// List them and fail.
    Reject,
    /// List them on stderr; do not fail.
    Warn,
    /// Delete them (and their pending `.snap.new`); in a check they are rejected instead,
    /// since a check writes nothing.
    Delete,
}

/// One run over a snapshot folder.
pub struct Options<'a> {
    pub dir: &'a Path,
    pub mode: Mode,
    pub config: &'a Config,
    /// Colour the diffs (ANSI).
    pub color: bool,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub documents: usize,
    pub unchanged: usize,
    pub new: usize,
    pub changed: usize,
    /// Document ids seen more than once (their later copies get `#2`, `#3`, ... keys).
    pub duplicates: usize,
}

/// Compares outputs with the snapshots of a folder, document by document, reporting each
/// new or changed snapshot to `out`; [`Session::finish`] deals with the unreferenced ones and
/// writes the summary.
pub struct Session<'a, W: Write> {
    dir: &'a Path,
    check: bool,
    accept: bool,
    config: &'a Config,
    out: W,
    color: bool,
    /// Every accepted-snapshot path this run produced.
    expected: BTreeSet<PathBuf>,
    seen: HashMap<String, usize>,
    /// Lower-cased file stems, to warn about ids that share a file on case-insensitive file
    /// systems (macOS, Windows).
    folded: HashMap<String, String>,
    counts: Counts,
    /// Options by analyser, for the headers.
    options: HashMap<String, String>,
}

/// The end of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub counts: Counts,
    /// Unreferenced snapshots left in place that count against the run.
    pub unreferenced: usize,
    /// The run failed: a check found a difference, or a local run left changes to review.
    pub failed: bool,
}

impl<'a, W: Write> Session<'a, W> {
    pub fn new(options: &Options<'a>, out: W) -> Self {
        Self {
            dir: options.dir,
            check: options.mode == Mode::Check,
            accept: options.mode == Mode::Accept,
            config: options.config,
            out,
            color: options.color,
            expected: BTreeSet::new(),
            seen: HashMap::new(),
            folded: HashMap::new(),
            counts: Counts::default(),
            options: HashMap::new(),
        }
    }

    /// Records analyser `name`'s options (for instance a plugin's `--plugin-option`s) in the
    /// header of its snapshots. Only the body is compared: changing options shows as the
    /// changes of output they cause.
    pub fn analyzer_options(&mut self, name: &str, options: &Value) {
        self.options.insert(name.to_owned(), options.to_string());
    }

    /// Compares one document's outputs: `(analyser, analyser version, output)` each, the
    /// output being what the analyser printed (or `{"error": ...}`).
    pub fn document<'o>(
        &mut self,
        id: &str,
        outputs: impl IntoIterator<Item = (&'o str, &'o str, Value)>,
    ) -> Result<()> {
        self.counts.documents += 1;
        // Paths as ids: Windows separators as `/`, so that snapshots written on Windows match
        // a Linux CI; `./corpus/a.txt` and `corpus/a.txt` are the same document.
        let id = if cfg!(windows) {
            id.replace('\\', "/")
        } else {
            id.to_owned()
        };
        let id = id.strip_prefix("./").unwrap_or(&id);
        let n = self.seen.entry(id.to_owned()).or_insert(0);
        *n += 1;
        let key = if *n == 1 {
            id.to_owned()
        } else {
            self.counts.duplicates += 1;
            tracing::warn!(
                "document id {id:?} occurs {n} times; this copy is snapshotted as {id}#{n}"
            );
            format!("{id}#{n}")
        };
        for (name, version, mut value) in outputs {
            self.config.redact(name, &mut value);
            let body = yaml::to_string(&value);
            let header = file::Header {
                document: key.clone(),
                analyzer: name.to_owned(),
                analyzer_version: version.to_owned(),
                options: self.options.get(name).cloned(),
            };
            self.compare(&header, &body)?;
        }
        Ok(())
    }

    fn compare(&mut self, header: &file::Header, body: &str) -> Result<()> {
        let stem = file::stem(&header.document, &header.analyzer);
        let snap = self.dir.join(format!("{stem}.{}", file::SNAP));
        let pending = file::pending_path(&snap);
        self.expected.insert(snap.clone());
        if let Some(other) = self
            .folded
            .insert(stem.to_lowercase(), header.document.clone())
        {
            if other != header.document {
                tracing::warn!(
                    "document ids {other:?} and {:?} differ only in case: on a case-insensitive \
                     file system their snapshots share a file",
                    header.document
                );
            }
        }
        let old = file::read_body(&snap)
            .map_err(file_error(|| format!("cannot read {}", snap.display())))?;
        let new = file::normalize(body);
        let what = format!("{} [{}]", header.document, header.analyzer);
        match old {
            Some(old) if old == new => {
                self.counts.unchanged += 1;
                // a pending change that the result has gone back on is stale
                if !self.check && pending.exists() {
                    remove(&pending)?;
                }
            }
            None => {
                self.counts.new += 1;
                if self.check {
                    writeln!(self.out, "new: {what}: no snapshot {}", snap.display())?;
                    let d = diff::unified("", &new, "/dev/null", &snap.display().to_string());
                    self.write_diff(&d)?;
                } else {
                    write_file(&snap, &file::render(header, &new))?;
                    if pending.exists() {
                        remove(&pending)?;
                    }
                    // a first run over a big corpus would list thousands of files
                    if self.counts.new <= LIST_NEW {
                        writeln!(self.out, "new: {what} -> {}", snap.display())?;
                    }
                }
            }
            Some(old) => {
                self.counts.changed += 1;
                if self.check {
                    writeln!(self.out, "changed: {what}")?;
                    let d = diff::unified(
                        &old,
                        &new,
                        &snap.display().to_string(),
                        &format!("{} (new result)", snap.display()),
                    );
                    self.write_diff(&d)?;
                } else if self.accept {
                    write_file(&snap, &file::render(header, &new))?;
                    if pending.exists() {
                        remove(&pending)?;
                    }
                    let s = diff::stat(&old, &new);
                    writeln!(
                        self.out,
                        "accepted: {what} (+{} -{} lines) -> {}",
                        s.added,
                        s.removed,
                        snap.display()
                    )?;
                } else {
                    write_file(&pending, &file::render(header, &new))?;
                    let s = diff::stat(&old, &new);
                    writeln!(
                        self.out,
                        "changed: {what} (+{} -{} lines) -> {}",
                        s.added,
                        s.removed,
                        pending.display()
                    )?;
                }
            }
        }
        Ok(())
    }

    fn write_diff(&mut self, d: &str) -> Result<()> {
        if self.color {
            write!(self.out, "{}", diff::colorize(d))?;
        } else {
            write!(self.out, "{d}")?;
        }
        Ok(())
    }

    /// Snapshots (and pending snapshots) in the folder that this run did not produce.
    /// Returns how many were left in place and count against the run.
    fn unreferenced(&mut self, policy: Unreferenced) -> Result<usize> {
        let mut found: Vec<PathBuf> = Vec::new();
        let list_error = || format!("cannot list {}", self.dir.display());
        let snaps =
            file::find(self.dir, &format!(".{}", file::SNAP)).map_err(file_error(list_error))?;
        found.extend(snaps.into_iter().filter(|p| !self.expected.contains(p)));
        let pendings =
            file::find(self.dir, file::PENDING_SUFFIX).map_err(file_error(list_error))?;
        for p in pendings {
            let base = PathBuf::from(p.to_string_lossy().trim_end_matches(".new"));
            if !self.expected.contains(&base) {
                found.push(p);
            }
        }
        found.sort();
        if found.is_empty() {
            return Ok(0);
        }
        let delete = policy == Unreferenced::Delete && !self.check;
        let mut failing = 0;
        for p in &found {
            let doc = p
                .file_name()
                .and_then(|n| n.to_str())
                .map(|n| n.trim_end_matches(".new").trim_end_matches(".snap"))
                .and_then(file::decode_id)
                .map(|id| format!(" (document {id})"))
                .unwrap_or_default();
            if delete {
                remove(p)?;
                writeln!(self.out, "deleted unreferenced: {}{doc}", p.display())?;
            } else if policy == Unreferenced::Warn {
                self.out.flush()?;
                eprintln!("warning: unreferenced snapshot: {}{doc}", p.display());
            } else {
                failing += 1;
                writeln!(self.out, "unreferenced: {}{doc}", p.display())?;
            }
        }
        Ok(failing)
    }

    /// Deals with the snapshots this run did not produce, writes the summary, and says
    /// whether the run failed.
    pub fn finish(mut self, policy: Unreferenced) -> Result<Summary> {
        let unreferenced = self.unreferenced(policy)?;
        let c = self.counts;
        let total = c.unchanged + c.new + c.changed;
        let mut line = format!(
            "{} documents, {total} snapshots: {} unchanged, {} new, {} changed",
            c.documents, c.unchanged, c.new, c.changed
        );
        if unreferenced > 0 {
            let _ = write!(line, ", {unreferenced} unreferenced");
        }
        if !self.check && c.new > LIST_NEW {
            writeln!(
                self.out,
                "({} more new snapshots not listed)",
                c.new - LIST_NEW
            )?;
        }
        writeln!(self.out, "{line}")?;
        if c.duplicates > 0 {
            writeln!(
                self.out,
                "note: {} documents repeat an earlier id and were snapshotted as ID#N",
                c.duplicates
            )?;
        }
        let failed = if self.check {
            c.new + c.changed + unreferenced > 0
        } else if c.changed > 0 && !self.accept {
            writeln!(
                self.out,
                "{} pending snapshots: review with `lede snapshot review --dir {}` (or `cargo insta review`)",
                c.changed,
                self.dir.display()
            )?;
            true
        } else {
            unreferenced > 0
        };
        if self.check && failed {
            writeln!(
                self.out,
                "snapshot check failed: run `lede snapshot` locally (without --check/CI) and review the changes"
            )?;
        }
        self.out.flush()?;
        Ok(Summary {
            counts: c,
            unreferenced,
            failed,
        })
    }
}

fn write_file(path: &Path, contents: &str) -> Result<()> {
    file::write_atomic(path, contents)
        .map_err(file_error(|| format!("cannot write {}", path.display())))
}

fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(file_error(|| format!("cannot remove {}", path.display()))(
            e,
        )),
    }
}
