//! `lede bench`: throughput of the shared text layers, or of any analysers, over documents
//! that are read into memory first (reading and parsing the input is not timed).
//!
//! Two modes, and what each one measures:
//! - `--layers-only`: [`Layers::compute`] (paragraphs, sentences, tokens) on every document and
//!   nothing else: no analyser, no output, no serialisation. This is the figure for "the text
//!   layers".
//! - otherwise: [`Pipeline::analyze`] with the chosen analysers (`--analyzers`, default all) on
//!   fresh documents, so the layers are computed again in every pass; this includes turning
//!   each analyser's output into JSON values (what `lede analyze` does before writing), but not
//!   writing them.
//!
//! Every thread count runs `--repeat` passes after one untimed warm-up pass; the figures are
//! totals over the passes. Words are the word and number tokens of the text layers
//! ([`Layers::word_count`]). CPU time is the whole process's (all threads), so "words per
//! CPU-second" is comparable between one thread and many.

use std::hint::black_box;
use std::io::{self, IsTerminal, Write};
use std::time::Instant;

use anyhow::{Context as _, Result};
use lede_core::{Document, Layers, Pipeline};
use rayon::prelude::*;
use serde::Serialize;

use crate::analyze::{AnalyzerArgs, InputArgs};
use crate::input;
use crate::ExitStatus;

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,
    /// Time only the shared text layers (paragraphs, sentences, tokens): no analyser, no output.
    #[arg(long)]
    pub layers_only: bool,
    /// Thread counts to measure, comma-separated (default: 1 and all cores).
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Vec<u16>,
    /// Timed passes over the documents for each thread count.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: BenchFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum BenchFormat {
    #[default]
    Text,
    Json,
}

/// The whole report (`--format json`).
#[derive(Debug, Serialize)]
pub struct Report {
    /// `layers` (text layers only) or `pipeline` (analysers, layers included).
    pub measures: &'static str,
    /// The analysers run, in order (empty for `layers`).
    pub analyzers: Vec<String>,
    /// Documents timed (inputs that could not be read are left out and counted apart).
    pub documents: usize,
    pub unreadable: usize,
    /// Words and bytes of one pass.
    pub words: usize,
    pub bytes: usize,
    pub repeat: u32,
    pub runs: Vec<Run>,
}

/// One thread count; figures are totals over all timed passes.
#[derive(Debug, Serialize)]
pub struct Run {
    pub threads: usize,
    pub wall_seconds: f64,
    pub cpu_seconds: f64,
    pub words_per_second: f64,
    pub words_per_cpu_second: f64,
    pub mb_per_second: f64,
    pub documents_per_second: f64,
    /// Documents on which an analyser failed, over all passes (always 0 for `layers`).
    pub failed: usize,
}

pub fn run(args: &BenchArgs) -> Result<ExitStatus> {
    // like `lede analyze`: stdin when nothing is named and something is piped in
    let inputs = if args.input.inputs.is_empty() {
        anyhow::ensure!(
            !io::stdin().is_terminal(),
            "no input: give the files or folders to benchmark on, or `-` for stdin"
        );
        vec![std::path::PathBuf::from("-")]
    } else {
        args.input.inputs.clone()
    };
    let mut docs = Vec::new();
    let mut unreadable = 0usize;
    for item in input::documents(&inputs, args.input.read_options()) {
        match item {
            Ok(doc) => docs.push(doc),
            Err(rec) => {
                unreadable += 1;
                tracing::warn!(
                    "{}: left out: {}",
                    rec.id,
                    rec.error.as_deref().unwrap_or("unreadable")
                );
            }
        }
    }
    anyhow::ensure!(!docs.is_empty(), "no readable document in the input");
    let pipeline = if args.layers_only {
        None
    } else {
        Some(args.analyzer.pipeline()?)
    };
    let words: usize = docs.par_iter().map(|d| d.layers().word_count()).sum();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let mut threads: Vec<usize> = args.threads.iter().map(|&t| usize::from(t)).collect();
    if threads.is_empty() {
        let all = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        threads.push(1);
        if all > 1 {
            threads.push(all);
        }
    }
    let mut runs = Vec::new();
    for &n in &threads {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .context("cannot start worker threads")?;
        // warm-up pass: page in the code and the text, start the threads
        let _ = pass(&pool, &docs, pipeline.as_ref());
        let mut wall = 0.0;
        let mut cpu = 0.0;
        let mut failed = 0;
        for _ in 0..args.repeat {
            let t = pass(&pool, &docs, pipeline.as_ref());
            wall += t.wall;
            cpu += t.cpu;
            failed += t.failed;
        }
        let passes = f64::from(args.repeat);
        let per = |x: f64, secs: f64| if secs > 0.0 { x / secs } else { 0.0 };
        runs.push(Run {
            threads: n,
            wall_seconds: wall,
            cpu_seconds: cpu,
            words_per_second: per(words as f64 * passes, wall),
            words_per_cpu_second: per(words as f64 * passes, cpu),
            mb_per_second: per(bytes as f64 * passes / 1e6, wall),
            documents_per_second: per(docs.len() as f64 * passes, wall),
            failed,
        });
    }
    let report = Report {
        measures: if pipeline.is_some() {
            "pipeline"
        } else {
            "layers"
        },
        analyzers: pipeline.as_ref().map_or_else(Vec::new, |p| {
            p.analyzers().iter().map(|a| a.name().to_owned()).collect()
        }),
        documents: docs.len(),
        unreadable,
        words,
        bytes,
        repeat: args.repeat,
        runs,
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match args.format {
        BenchFormat::Json => writeln!(out, "{}", serde_json::to_string(&report)?)?,
        BenchFormat::Text => write_text(&mut out, &report)?,
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}

struct Timing {
    wall: f64,
    cpu: f64,
    failed: usize,
}

/// One pass over all documents on `pool`.
fn pass(pool: &rayon::ThreadPool, docs: &[Document], pipeline: Option<&Pipeline>) -> Timing {
    // fresh documents (built before the clock starts), so that cached layers are not reused
    let fresh: Vec<Document> = if pipeline.is_some() {
        docs.iter()
            .map(|d| Document::new(d.id.clone(), d.text().to_owned(), d.metadata.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let cpu0 = cpu_time::ProcessTime::try_now().ok();
    let wall0 = Instant::now();
    let failed = pool.install(|| match pipeline {
        None => {
            let n: usize = docs
                .par_iter()
                .map(|d| {
                    let layers = Layers::compute(d.text(), d.metadata.headline_span());
                    black_box(&layers);
                    layers.tokens.len()
                })
                .sum();
            black_box(n);
            0
        }
        Some(p) => fresh
            .par_iter()
            .map(|d| usize::from(black_box(p.analyze(d)).has_error()))
            .sum(),
    });
    let wall = wall0.elapsed().as_secs_f64();
    let cpu = cpu0
        .and_then(|c| c.try_elapsed().ok())
        .map_or(0.0, |d| d.as_secs_f64());
    drop(fresh);
    Timing { wall, cpu, failed }
}

fn write_text(out: &mut impl Write, r: &Report) -> io::Result<()> {
    let what = if r.measures == "layers" {
        "text layers only (paragraphs, sentences, tokens)".to_owned()
    } else {
        format!("pipeline: {}", r.analyzers.join(","))
    };
    writeln!(
        out,
        "lede bench: {what}\n{} documents ({} unreadable left out), {} words, {:.2} MB, {} timed pass(es) per thread count",
        r.documents,
        r.unreadable,
        r.words,
        r.bytes as f64 / 1e6,
        r.repeat
    )?;
    writeln!(
        out,
        "{:>7} {:>9} {:>9} {:>12} {:>14} {:>8} {:>8}",
        "threads", "wall s", "cpu s", "words/s", "words/cpu-s", "MB/s", "failed"
    )?;
    for run in &r.runs {
        writeln!(
            out,
            "{:>7} {:>9.3} {:>9.3} {:>12.0} {:>14.0} {:>8.2} {:>8}",
            run.threads,
            run.wall_seconds,
            run.cpu_seconds,
            run.words_per_second,
            run.words_per_cpu_second,
            run.mb_per_second,
            run.failed
        )?;
    }
    Ok(())
}
