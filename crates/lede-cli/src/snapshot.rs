//! `lede snapshot`: insta-style snapshot review of a corpus, so that a newsroom sees in CI what
//! an upgrade of lede, a new lexicon or a plugin changes in its own articles (`docs/snapshots.md`).
//! The arguments, and the pipeline feeding a [`lede_snapshot::Session`]; snapshot files,
//! redactions, diffs and review are `lede_snapshot`'s.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal};
use std::path::PathBuf;

use anyhow::{bail, Context as _, Result};
use clap::{Args, Subcommand, ValueEnum};
use lede_core::Record;
use lede_snapshot::{review, Config, Mode, Options, Session, CONFIG_FILE};
use serde_json::json;

use crate::analyze::{thread_pool, AnalyzerArgs, InputArgs};
use crate::{input, ExitStatus};

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
    Review(ReviewArgs),
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

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Folder of the snapshot files.
    #[arg(long, value_name = "SNAPSHOTS")]
    pub dir: PathBuf,
    /// Accept every pending snapshot without asking.
    #[arg(long, conflicts_with = "reject_all")]
    pub accept_all: bool,
    /// Reject (delete) every pending snapshot without asking.
    #[arg(long)]
    pub reject_all: bool,
}

pub fn run(args: &SnapshotArgs) -> Result<ExitStatus> {
    if let Some(SnapshotCommand::Review(r)) = &args.command {
        return run_review(r);
    }
    let dir = args.dir.clone().context("--dir is required")?;
    let check = args.check || lede_snapshot::in_ci();
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
    // what was asked for (`-a`), or everything; analysers that run only because an asked one
    // requires them are not snapshotted
    let asked = |name: &str| {
        args.analyzer
            .analyzers
            .as_ref()
            .is_none_or(|list| list.iter().any(|a| a == name))
    };
    let analyzers: Vec<(String, String)> = pipeline
        .analyzers()
        .iter()
        .filter(|a| asked(a.name()))
        .map(|a| (a.name().to_owned(), a.version().to_owned()))
        .collect();
    let pool = thread_pool(args.jobs)?;
    let mode = if check {
        Mode::Check
    } else if args.accept {
        Mode::Accept
    } else {
        Mode::Local
    };
    let options = Options {
        dir: &dir,
        mode,
        config: &config,
        color: crate::color::enabled(&io::stdout()),
    };
    let stdout = io::stdout();
    let mut session = Session::new(&options, BufWriter::new(stdout.lock()));
    for (name, opts) in analyzer_options(&args.analyzer) {
        session.analyzer_options(&name, &opts);
    }
    let docs = input::documents(&args.input.inputs, args.input.read_options());
    let chunk = pool.current_num_threads() * 16;
    pipeline.run_stream(&pool, docs, chunk, |rec| {
        let outputs = analyzers
            .iter()
            .map(|(name, version)| (name.as_str(), version.as_str(), output_of(&rec, name)));
        session.document(&rec.id, outputs)
    })?;
    let summary = session.finish(match args.unreferenced {
        Unreferenced::Reject => lede_snapshot::Unreferenced::Reject,
        Unreferenced::Warn => lede_snapshot::Unreferenced::Warn,
        Unreferenced::Delete => lede_snapshot::Unreferenced::Delete,
    })?;
    Ok(if summary.failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// The options each analyser was given, for the snapshot headers: plugins' `--plugin-option`s
/// and the stance analyser's `--target`, `--headline` and `--lexicon`.
fn analyzer_options(args: &AnalyzerArgs) -> BTreeMap<String, serde_json::Value> {
    let mut out: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    for (plugin, key, value) in &args.plugin_options {
        let entry = out.entry(plugin.clone()).or_insert_with(|| json!({}));
        entry[key.as_str()] = value.clone();
    }
    let mut stance = serde_json::Map::new();
    if !args.stance_targets.is_empty() {
        stance.insert("targets".into(), json!(args.stance_targets));
    }
    if let Some(h) = &args.stance_headline {
        stance.insert("headline".into(), json!(h));
    }
    if let Some(l) = &args.stance_lexicon {
        stance.insert("lexicon".into(), json!(l.display().to_string()));
    }
    if args.stance_only_targets {
        stance.insert("only_targets".into(), json!(true));
    }
    if !stance.is_empty() {
        out.insert("stance".into(), serde_json::Value::Object(stance));
    }
    out
}

/// What one analyser gave for a record: its output, or its error (or the document's).
fn output_of(rec: &Record, name: &str) -> serde_json::Value {
    if let Some(e) = &rec.error {
        json!({ "error": e })
    } else if let Some(v) = rec.results.get(name) {
        v.clone()
    } else if let Some(f) = rec.errors.iter().find(|f| f.analyzer == name) {
        json!({ "error": f.message })
    } else {
        json!({ "error": "the analyser returned no output" })
    }
}

/// `lede snapshot review`.
fn run_review(args: &ReviewArgs) -> Result<ExitStatus> {
    if !args.dir.is_dir() {
        bail!("--dir {} is not a folder", args.dir.display());
    }
    let pending = review::pending(&args.dir)?;
    if pending.is_empty() {
        println!("no pending snapshots in {}", args.dir.display());
        return Ok(ExitStatus::Success);
    }
    let all = if args.accept_all {
        Some(review::Decision::Accept)
    } else if args.reject_all {
        Some(review::Decision::Reject)
    } else {
        None
    };
    if all.is_none() && !io::stdin().is_terminal() {
        bail!(
            "{} pending snapshots and stdin is not a terminal: pass --accept-all or --reject-all",
            pending.len()
        );
    }
    review::review(
        &pending,
        all,
        crate::color::enabled(&io::stdout()),
        &mut io::stdout().lock(),
        &mut io::stdin().lock(),
    )?;
    Ok(ExitStatus::Success)
}
