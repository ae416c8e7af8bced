//! `lede snapshot`: insta-style snapshot review of a corpus, so that a newsroom sees in CI what
//! an upgrade of lede, a new lexicon or a plugin changes in its own articles (`docs/snapshots.md`).
//!
//! One snapshot file per document and analyser ([`file::stem`]), in insta's `.snap` format.
//! Locally a changed result goes to `*.snap.new` for review (`lede snapshot review` or `cargo
//! insta review`); with `--check` or `CI` set nothing is written and any difference fails.

pub mod config;
mod diff;
mod file;
mod review;
mod yaml;

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use clap::{Args, Subcommand, ValueEnum};
use lede_core::Record;
use serde_json::json;

use crate::analyze::{thread_pool, AnalyzerArgs, InputArgs};
use crate::{input, ExitStatus};
use config::Config;

/// New snapshots listed one by one in a local run; the rest are counted.
const LIST_NEW: usize = 20;

/// Name of the redaction config looked up in the snapshot folder.
pub const CONFIG_FILE: &str = "lede-snapshot.toml";

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SnapshotArgs {
    #[command(subcommand)]
    pub command: Option<SnapshotCommand>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,
    /// Folder of the snapshot files (created when missing).
    #[arg(long, value_name = "SNAPSHOTS", required = true)]
    pub dir: Option<PathBuf>,
    /// Compare only: write nothing, print every difference as a unified diff, exit 1 on any.
    /// Implied when the `CI` environment variable is set (to anything but `0` or `false`).
    #[arg(long)]
    pub check: bool,
    /// Write changed results straight to the accepted `.snap` files instead of `.snap.new`.
    #[arg(long, conflicts_with = "check")]
    pub accept: bool,
    /// What to do with snapshots no input produced any more (a document or analyser gone).
    #[arg(long, value_enum, default_value_t = Unreferenced::Warn)]
    pub unreferenced: Unreferenced,
    /// Redaction config (default: `SNAPSHOTS/lede-snapshot.toml` when present, else the
    /// built-in rules).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Worker threads (default: all cores). Snapshots are identical for any number.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

#[derive(Debug, Subcommand)]
pub enum SnapshotCommand {
    /// Show each pending snapshot (`*.snap.new`) as a diff and accept or reject it.
    Review(review::ReviewArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Unreferenced {
    /// List them and fail (exit 1).
    Reject,
    /// List them on stderr; do not fail.
    Warn,
    /// Delete them (and their pending `.snap.new`); under `--check` they are rejected instead,
    /// since a check writes nothing.
    Delete,
}

/// True when `CI` asks for a non-interactive, write-nothing run (as insta reads it).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false" | "FALSE"))
}

pub fn run(args: &SnapshotArgs) -> Result<ExitStatus> {
    if let Some(SnapshotCommand::Review(r)) = &args.command {
        return review::run(r);
    }
    let dir = args.dir.clone().context("--dir is required")?;
    let ci = in_ci();
    let check = args.check || ci;
    if args.accept && check {
        bail!("--accept cannot be used in a check (CI is set in the environment)");
    }
    if args.input.inputs.is_empty() {
        bail!("no input: give the corpus files or folders (or `-` for stdin) to snapshot");
    }
    for input in &args.input.inputs {
        if input.as_os_str() != "-" && !input.exists() {
            bail!("input {} does not exist", input.display());
        }
    }
    if dir.exists() && !dir.is_dir() {
        bail!("--dir {} is not a folder", dir.display());
    }
    let default_config = dir.join(CONFIG_FILE);
    let config = if let Some(p) = &args.config {
        Config::load(p)?
    } else if default_config.is_file() {
        Config::load(&default_config)?
    } else {
        Config::default()
    };
    let pipeline = args.analyzer.pipeline()?;
    let analyzers: Vec<(String, String)> = pipeline
        .analyzers()
        .iter()
        .map(|a| (a.name().to_owned(), a.version().to_owned()))
        .collect();
    let pool = thread_pool(args.jobs)?;
    let stdout = io::stdout();
    let mut run = Run {
        dir: &dir,
        check,
        accept: args.accept,
        config: &config,
        analyzers: &analyzers,
        out: BufWriter::new(stdout.lock()),
        color: diff::use_color(),
        expected: BTreeSet::new(),
        seen: HashMap::new(),
        folded: HashMap::new(),
        counts: Counts::default(),
    };
    let docs = input::documents(&args.input.inputs, args.input.read_options());
    let chunk = pool.current_num_threads() * 16;
    pipeline.run_stream(&pool, docs, chunk, |rec| run.record(&rec))?;
    let unreferenced = run.unreferenced(args.unreferenced)?;
    run.summary(unreferenced)
}

#[derive(Debug, Default)]
struct Counts {
    documents: usize,
    unchanged: usize,
    new: usize,
    changed: usize,
    /// Document ids seen more than once (their later copies get `#2`, `#3`, ... keys).
    duplicates: usize,
}

struct Run<'a, W: Write> {
    dir: &'a Path,
    check: bool,
    accept: bool,
    config: &'a Config,
    analyzers: &'a [(String, String)],
    out: W,
    color: bool,
    /// Every accepted-snapshot path this run produced.
    expected: BTreeSet<PathBuf>,
    seen: HashMap<String, usize>,
    /// Lower-cased file stems, to warn about ids that share a file on case-insensitive file
    /// systems (macOS, Windows).
    folded: HashMap<String, String>,
    counts: Counts,
}

impl<W: Write> Run<'_, W> {
    fn record(&mut self, rec: &Record) -> Result<()> {
        self.counts.documents += 1;
        // Paths as ids: Windows separators as `/`, so that snapshots written on Windows match
        // a Linux CI; `./corpus/a.txt` and `corpus/a.txt` are the same document.
        let id = if cfg!(windows) {
            rec.id.replace('\\', "/")
        } else {
            rec.id.clone()
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
        for (name, version) in self.analyzers {
            let mut value = if let Some(e) = &rec.error {
                json!({ "error": e })
            } else if let Some(v) = rec.results.get(name) {
                v.clone()
            } else if let Some(f) = rec.errors.iter().find(|f| &f.analyzer == name) {
                json!({ "error": f.message })
            } else {
                json!({ "error": "the analyser returned no output" })
            };
            self.config.redact(name, &mut value);
            let body = yaml::to_string(&value);
            let header = file::Header {
                document: key.clone(),
                analyzer: name.clone(),
                analyzer_version: version.clone(),
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
        let old =
            file::read_body(&snap).with_context(|| format!("cannot read {}", snap.display()))?;
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
        let snaps = file::find(self.dir, &format!(".{}", file::SNAP))
            .with_context(|| format!("cannot list {}", self.dir.display()))?;
        found.extend(snaps.into_iter().filter(|p| !self.expected.contains(p)));
        let pendings = file::find(self.dir, file::PENDING_SUFFIX)
            .with_context(|| format!("cannot list {}", self.dir.display()))?;
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

    fn summary(mut self, unreferenced: usize) -> Result<ExitStatus> {
        let c = &self.counts;
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
        Ok(if failed {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        })
    }
}

fn write_file(path: &Path, contents: &str) -> Result<()> {
    file::write_atomic(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot remove {}", path.display())),
    }
}
