//! `lede analyze` and `lede analyzers`.

use std::cell::RefCell;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::Args;
use lede_core::{Analyzer, Pipeline};

use crate::input::{self, InputFormat, ReadOptions};
use crate::output::{self, Format, Style, Writer};
use crate::progress::Progress;
use crate::ExitStatus;
use clap::ValueEnum as _;
use lede_render::files::OutDir;

/// Options that choose and configure analysers, shared by every command that runs them.
#[derive(Debug, Args, Clone)]
pub struct AnalyzerArgs {
    /// Analysers to run, comma-separated (default: all built-in ones). Analysers they require
    /// run too.
    #[arg(long, short = 'a', value_delimiter = ',')]
    pub analyzers: Option<Vec<String>>,
    /// Load an analyser plugin from this library (repeatable; see docs/plugins.md). Plugins
    /// are native code running with your rights: load only libraries you trust. Folders listed
    /// in `LEDE_PLUGIN_PATH` are loaded too.
    #[arg(long = "plugin", value_name = "PATH")]
    pub plugins: Vec<PathBuf>,
    /// An option for a plugin, `NAME.KEY=VALUE` (repeatable): the plugin `NAME` gets
    /// `{"KEY": VALUE}` among its options, VALUE read as JSON when it is JSON
    /// (`numbers.kinds=["money","percent"]`), else as a string.
    #[arg(long = "plugin-option", value_name = "NAME.KEY=VALUE", value_parser = parse_plugin_option)]
    pub plugin_options: Vec<(String, String, serde_json::Value)>,
    /// Where plugins run: `process` (each in worker processes of its own: a crash, an exit, a
    /// hang or a flood of output is an error for that plugin on that document) or `none` (in
    /// this process: faster, but a misbehaving plugin takes the whole run down).
    #[arg(long, value_enum, default_value_t = Isolation::Process)]
    pub plugin_isolation: Isolation,
    /// Seconds a plugin worker may take to start or to answer one document (isolation
    /// `process`).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = parse_seconds)]
    pub plugin_timeout: f64,
    /// Address space each plugin worker may use (isolation `process`): bytes, or with a K, M
    /// or G suffix.
    #[arg(long, value_name = "SIZE", default_value = "2G", value_parser = parse_size)]
    pub plugin_memory: u64,
    /// The largest answer accepted from a plugin for one document (isolation `process`):
    /// bytes, or with a K, M or G suffix.
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = parse_size)]
    pub plugin_max_output: u64,
    /// Seconds each built-in analyser may spend on one document before it is stopped with an
    /// error for that document (0: no limit). Plugins in worker processes have
    /// `--plugin-timeout` instead.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = parse_budget)]
    pub analyzer_budget: f64,
    /// Stance: a target to report actors' stance toward (repeatable): a proposition
    /// (`Ukraine joining NATO`), an entity (`NATO`) or free text.
    #[arg(long = "target", value_name = "TARGET")]
    pub stance_targets: Vec<String>,
    /// Stance: a headline to classify each article against (agree, disagree, discuss,
    /// unrelated).
    #[arg(long = "headline", value_name = "HEADLINE")]
    pub stance_headline: Option<String>,
    /// Stance: a lexicon file that adds to or overrides the built-in cues (see
    /// crates/lede-stance/src/lexicon.rs for the format).
    #[arg(long = "lexicon", value_name = "FILE")]
    pub stance_lexicon: Option<PathBuf>,
    /// Stance: report only the `--target` targets (no targets detected from the headline or
    /// the title, and not the people and organisations the actors mention).
    #[arg(long = "only-targets", requires = "stance_targets")]
    pub stance_only_targets: bool,
}

impl AnalyzerArgs {
    /// The options as the library takes them.
    pub fn options(&self) -> lede_analyzers::Options {
        lede_analyzers::Options {
            analyzers: self.analyzers.clone(),
            plugins: self.plugins.clone(),
            plugin_path_env: true,
            plugin_options: self.plugin_options.clone(),
            stance_targets: self.stance_targets.clone(),
            stance_headline: self.stance_headline.clone(),
            stance_lexicon: self.stance_lexicon.clone(),
            stance_only_targets: self.stance_only_targets,
            isolation: self.isolation(),
            budget: (self.analyzer_budget > 0.0)
                .then(|| std::time::Duration::from_secs_f64(self.analyzer_budget)),
        }
    }

    /// Where plugins run: worker processes of this very program, or this process.
    fn isolation(&self) -> lede_plugin_host::Isolation {
        match self.plugin_isolation {
            Isolation::None => lede_plugin_host::Isolation::None,
            Isolation::Process => {
                lede_plugin_host::Isolation::Process(lede_plugin_host::worker::WorkerConfig {
                    // (an unknown path fails when the first worker starts, naming the program)
                    program: std::env::current_exe().unwrap_or_else(|_| "lede".into()),
                    args: vec!["plugin-worker".into()],
                    timeout: std::time::Duration::from_secs_f64(self.plugin_timeout),
                    memory: Some(self.plugin_memory),
                    max_output: self.plugin_max_output,
                })
            }
        }
    }

    /// Every analyser available with these options: built-in ones, then plugins.
    pub fn available(&self) -> Result<Vec<Arc<dyn Analyzer>>> {
        Ok(self.options().available()?)
    }

    pub fn pipeline(&self) -> Result<Pipeline> {
        Ok(self.options().pipeline()?)
    }
}

/// Where plugins run (`--plugin-isolation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Isolation {
    /// Each plugin in worker processes (`lede plugin-worker`).
    Process,
    /// In the `lede` process.
    None,
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v <= 1e6 => Ok(v),
        _ => Err(format!("invalid duration {s:?}: expected seconds, above 0")),
    }
}

fn parse_budget(s: &str) -> Result<f64, String> {
    if s.trim() == "0" {
        return Ok(0.0);
    }
    parse_seconds(s)
}

/// Bytes with an optional binary K, M or G suffix (`512M`).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 10),
        Some((i, 'm' | 'M')) => (&t[..i], 20),
        Some((i, 'g' | 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("invalid size {s:?}: expected bytes, or a number with K, M or G"))
}

/// Options that read documents, shared by every command that reads them.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files, folders (their .txt, .jsonl and .ndjson files, sorted) or `-` for stdin (the
    /// default when stdin is not a terminal).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// Publication date (YYYY-MM-DD) for documents whose metadata has none. Relative dates are
    /// resolved against it; without it they stay unresolved.
    #[arg(long, value_parser = parse_date_arg)]
    pub date: Option<NaiveDate>,
    /// Documents larger than this many bytes are refused with an error record. News articles
    /// are tens of kilobytes; analysers need several hundred bytes of memory per byte of text
    /// and some take time growing faster than the length, so a runaway input (a whole dump
    /// without newlines) is refused rather than analysed for hours.
    #[arg(long, default_value_t = lede_core::input::DEFAULT_MAX_DOC_BYTES)]
    pub max_doc_bytes: usize,
}

impl InputArgs {
    /// Fails (a usage error) when no input is given and stdin is a terminal: waiting for typed
    /// input would look like a hang.
    pub fn check(&self) -> Result<()> {
        anyhow::ensure!(
            !self.inputs.is_empty() || !io::stdin().is_terminal(),
            "no input: give files, folders or `-` for stdin (see `lede analyze --help`)"
        );
        Ok(())
    }

    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            format: self.input_format,
            doc: lede_core::DocOptions {
                date: self.date,
                max_doc_bytes: self.max_doc_bytes,
                limit_option: "--max-doc-bytes",
            },
        }
    }
}

/// `NAME.KEY=VALUE` for `--plugin-option`.
fn parse_plugin_option(s: &str) -> Result<(String, String, serde_json::Value), String> {
    let bad = || format!("invalid plugin option {s:?}: expected NAME.KEY=VALUE");
    let (name_key, value) = s.split_once('=').ok_or_else(bad)?;
    let (name, key) = name_key.split_once('.').ok_or_else(bad)?;
    if name.is_empty() || key.is_empty() {
        return Err(bad());
    }
    let value =
        serde_json::from_str(value).unwrap_or_else(|_| serde_json::Value::String(value.to_owned()));
    Ok((name.to_owned(), key.to_owned(), value))
}

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    lede_core::input::parse_date(s)
        .ok_or_else(|| format!("invalid date {s:?}: expected YYYY-MM-DD"))
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,
    /// Output format (default: text on a terminal, jsonl otherwise).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Worker threads, 1 to 1024 (default: all cores). Output is identical for any number.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,
    /// What span offsets count: UTF-8 bytes (Rust, Go) or characters, i.e. Unicode code points
    /// (Python's `text[start:end]`).
    #[arg(long, value_enum, default_value_t)]
    pub offsets: Offsets,
    /// Write one file per document into this folder (created when missing), named after the
    /// document's id: `ID.html` (and an `index.html` listing them) for `--format html`,
    /// `ID.tml` for `--format timeml`, `ID.txt` and `ID.ann` (and BRAT's `annotation.conf`) for
    /// `--format brat`. Without it, these formats take one document and write it to stdout.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// No progress bar and no warning per failed document (the closing count stays).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Offsets {
    /// Byte offsets into the UTF-8 text.
    #[default]
    Bytes,
    /// Character (code point) offsets.
    Chars,
}

#[derive(Debug, Args)]
pub struct AnalyzersArgs {
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Builds the rayon pool for `--jobs`.
pub fn thread_pool(jobs: Option<u16>) -> Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(j) = jobs {
        anyhow::ensure!(j > 0, "--jobs must be at least 1");
        b = b.num_threads(usize::from(j));
    }
    b.build().context("cannot start worker threads")
}

pub fn run(args: &AnalyzeArgs) -> Result<ExitStatus> {
    run_with(args, false)
}

/// `lede stance --headline ...` in text: only each article's verdict on the headline, its
/// probabilities and the sentences that decided it (`--format json` or `--analyzers` give the
/// whole analysis).
pub fn run_verdicts(args: &AnalyzeArgs) -> Result<ExitStatus> {
    run_with(args, true)
}

fn run_with(args: &AnalyzeArgs, verdicts: bool) -> Result<ExitStatus> {
    args.input.check()?;
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        Format::Text
    } else {
        Format::Jsonl
    });
    anyhow::ensure!(
        args.out_dir.is_none() || format.per_document(),
        "--out-dir writes one file per document: it goes with --format html, timeml or brat"
    );
    let pipeline = args.analyzer.pipeline()?;
    let pool = thread_pool(args.jobs)?;
    // writers of other formats re-read the text; character offsets are counted in it
    let chars = args.offsets == Offsets::Chars && format.is_record();
    let pipeline = pipeline.keep_text(format.needs_text() || chars);
    let mut out_dir = match &args.out_dir {
        Some(dir) => {
            let mut out = OutDir::create(dir)
                .with_context(|| format!("cannot create the folder {}", dir.display()))?;
            if format == Format::Brat {
                out.write(
                    "annotation",
                    "conf",
                    lede_eval::brat_writer::ANNOTATION_CONF.as_bytes(),
                )?;
            }
            if format == Format::Html {
                // the index's name, kept from the documents
                out.stem_for("index");
            }
            Some(out)
        }
        None => None,
    };
    let stdout = io::stdout();
    let style = Style {
        color: crate::color::enabled(&io::stdout()),
        width: text_width(),
    };
    let mut writer = Writer::new(BufWriter::new(stdout.lock()), format).with_style(style);
    let mut verdict_out = BufWriter::new(io::stdout());
    let mut failed = 0usize;
    let mut total = 0usize;
    // a one-file-per-document format without --out-dir: the one document, written at the end
    let mut single: Option<lede_core::Record> = None;
    // `--format html --out-dir`: the rows of index.html
    let mut index = Vec::new();
    let progress = RefCell::new(Progress::start(
        &args.input.inputs,
        args.input.input_format,
        args.quiet,
    ));
    let docs = input::documents(&args.input.inputs, args.input.read_options()).inspect(|d| {
        if let Ok(d) = d {
            progress.borrow_mut().read(d.text());
        }
    });
    let chunk = pool.current_num_threads() * 16;
    let result = pipeline.run_stream(&pool, docs, chunk, |mut rec| -> Result<()> {
        total += 1;
        if chars {
            rec.use_char_offsets();
        }
        if rec.has_error() {
            failed += 1;
            if !args.quiet {
                let what = rec.error.clone().unwrap_or_else(|| {
                    rec.errors
                        .iter()
                        .map(|e| format!("{}: {}", e.analyzer, e.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                });
                tracing::warn!("{}: {what}", rec.id);
            }
        }
        progress.borrow_mut().done();
        if verdicts {
            write_verdict(&mut verdict_out, &rec)?;
        } else if let Some(dir) = out_dir.as_mut() {
            let stem = output::write_files(dir, format, &rec)
                .with_context(|| format!("cannot write the files of {}", rec.id))?;
            if let (Format::Html, Some(stem)) = (format, stem) {
                index.push(lede_render::html::IndexEntry::new(
                    format!("{stem}.html"),
                    &rec,
                ));
            }
        } else if format.per_document() {
            anyhow::ensure!(
                single.is_none(),
                "several documents: --format {} writes one file per document, give --out-dir DIR",
                format
                    .to_possible_value()
                    .map_or("?".into(), |v| v.get_name().to_owned())
            );
            single = Some(rec);
        } else {
            writer.write(&rec)?;
        }
        Ok(())
    });
    progress.into_inner().finish();
    result?;
    if let (Format::Html, Some(dir)) = (format, &out_dir) {
        dir.write("index", "html", lede_render::html::index(&index).as_bytes())
            .with_context(|| format!("cannot write {}", dir.path().join("index.html").display()))?;
    }
    verdict_out.flush()?;
    if let Some(rec) = single {
        writer.write(&rec)?;
    }
    writer.finish()?;
    if failed > 0 {
        // stderr may be closed too; the exit code still tells.
        let _ = writeln!(
            io::stderr(),
            "{failed} of {total} documents had errors (see their `error`/`errors` fields)"
        );
        Ok(ExitStatus::Failure)
    } else {
        Ok(ExitStatus::Success)
    }
}

/// The width the text summary wraps to: the terminal's (at most 120 columns: longer lines
/// read badly), else 100.
fn text_width() -> usize {
    terminal_size::terminal_size_of(io::stdout())
        .map_or(100, |(w, _)| usize::from(w.0).clamp(40, 120))
}

/// One article's headline verdict as text: the label and how it was reached, the
/// probabilities, then the deciding sentences with their byte spans.
fn write_verdict(out: &mut impl Write, rec: &lede_core::Record) -> io::Result<()> {
    let verdict = rec
        .results
        .get(lede_stance::NAME)
        .and_then(|v| v.get("headline"))
        .and_then(|v| serde_json::from_value::<lede_stance::HeadlineStance>(v.clone()).ok());
    let Some(v) = verdict else {
        let why = rec.error.as_deref().unwrap_or("no headline verdict");
        writeln!(out, "{}: {why}", rec.id)?;
        return Ok(());
    };
    let how = match v.decided_by {
        lede_stance::Verdict::Model => "FNC-1 model",
        lede_stance::Verdict::Contradiction => "the article's actor says the opposite",
    };
    writeln!(out, "{}: {} ({how})", rec.id, v.label.as_str())?;
    let probs: Vec<String> = v
        .probabilities
        .iter()
        .map(|(k, p)| format!("{} {p:.3}", k.as_str()))
        .collect();
    writeln!(out, "  {}", probs.join("  "))?;
    for s in &v.sentences {
        let text: String = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(out, "  [{}..{}] {text}", s.start, s.end)?;
    }
    Ok(())
}

pub fn list(args: &AnalyzersArgs) -> Result<ExitStatus> {
    // With `--analyzers`, the resolved selection (requirements first) and the errors of a bad
    // one; without, everything available.
    let available = if args.analyzer.analyzers.is_some() {
        args.analyzer.pipeline()?.analyzers().to_vec()
    } else {
        args.analyzer.available()?
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        let list: Vec<lede_analyzers::AnalyzerInfo> = available
            .iter()
            .map(|a| lede_analyzers::AnalyzerInfo::of(a.as_ref()))
            .collect();
        serde_json::to_writer_pretty(&mut out, &list)?;
        writeln!(out)?;
    } else {
        // Columns sized to their content, so that long plugin names stay aligned.
        let rows: Vec<[String; 4]> = available
            .iter()
            .map(|a| {
                let reqs: Vec<String> = a
                    .requires()
                    .into_iter()
                    .chain(a.optional().into_iter().map(|o| format!("{o}?")))
                    .collect();
                let reqs = if reqs.is_empty() {
                    "-".to_owned()
                } else {
                    reqs.join(",")
                };
                [
                    a.name().to_owned(),
                    a.version().to_owned(),
                    reqs,
                    a.description().to_owned(),
                ]
            })
            .collect();
        let header = ["NAME", "VERSION", "REQUIRES", "DESCRIPTION"].map(str::to_owned);
        let width = |c: usize| {
            rows.iter()
                .chain([&header])
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        };
        let (w0, w1, w2) = (width(0), width(1), width(2));
        for [name, version, reqs, description] in std::iter::once(&header).chain(&rows) {
            let line = format!("{name:<w0$}  {version:<w1$}  {reqs:<w2$}  {description}");
            writeln!(out, "{}", line.trim_end())?;
        }
        if rows.iter().any(|r| r[2].contains('?')) {
            writeln!(out, "(`x?`: uses analyser x when it is available)")?;
        }
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}
