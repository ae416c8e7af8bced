//! `lede`: reads news articles and says who said what, who and what is named, when things
//! happened and who stands where.

mod analyze;
mod bench;
mod color;
mod eval;
mod input;
mod logging;
mod output;
mod progress;
mod snapshot;

use std::io::{self, Write as _};
use std::process::ExitCode;

use clap::{CommandFactory as _, Parser, Subcommand};

/// How the process ends (see `docs/output.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Every document was analysed.
    Success,
    /// At least one document (or one analyser on a document) failed; the others were analysed.
    Failure,
    /// Usage or fatal error: nothing (or not everything) was attempted.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> Self {
        match s {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

#[derive(Debug, Parser)]
/// Reads news articles and reports quotations with their speakers, named entities, a timeline
/// and the stance of actors, as JSON or text.
///
/// Start with `lede analyze examples/articles/`; `lede help analyze` lists the options.
#[command(name = "lede", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour in text output, diffs and logs: `auto` colours a terminal unless `NO_COLOR` is set
    /// (and not empty).
    #[arg(long, value_enum, global = true, default_value_t, value_name = "WHEN")]
    color: color::Color,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyse articles and print one record per document.
    Analyze(analyze::AnalyzeArgs),
    /// List the available analysers with their versions and requirements.
    // (the stance options configure a run; a listing takes them but does not show them)
    #[command(
        mut_arg("stance_targets", |a| a.hide(true)),
        mut_arg("stance_headline", |a| a.hide(true)),
        mut_arg("stance_lexicon", |a| a.hide(true)),
        mut_arg("stance_only_targets", |a| a.hide(true))
    )]
    Analyzers(analyze::AnalyzersArgs),
    /// Score an analyser against gold data.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Measure throughput (words per second, per CPU-second) of the text layers or analysers.
    Bench(bench::BenchArgs),
    /// Snapshot analyser output over a corpus and review changes, insta-style (see
    /// docs/snapshots.md).
    Snapshot(snapshot::SnapshotArgs),
    /// Print the JSON Schema of the records `lede analyze` writes (docs/record.schema.json).
    Schema,
    /// Stance of actors toward targets: `lede analyze -a stance` (see docs/stance.md), e.g.
    /// `--target "Ukraine joining NATO"`. With `--headline "..."` alone it prints each article's
    /// verdict on the headline (agree, disagree, discuss, unrelated) with its probabilities and
    /// the sentences that decided it; `--format json` gives the whole analysis.
    Stance(analyze::AnalyzeArgs),
    /// Print a shell completion script, e.g. `lede completions bash >
    /// ~/.local/share/bash-completion/completions/lede` (see docs/cli.md).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or with `--out-dir` write one page per command
    /// (`lede.1`, `lede-analyze.1`, ...).
    Man {
        /// Write `lede.1` and a page per subcommand into this folder.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<std::path::PathBuf>,
    },
    /// Internal: runs one plugin library for a `lede` host over stdin/stdout (see
    /// docs/plugins.md, "Isolation").
    #[command(hide = true)]
    PluginWorker(PluginWorkerArgs),
}

#[derive(Debug, clap::Args)]
struct PluginWorkerArgs {
    /// Address-space limit in bytes.
    #[arg(long)]
    memory: Option<u64>,
    /// The plugin library (an absolute path).
    library: std::path::PathBuf,
}

fn main() -> ExitCode {
    // Analyser panics are caught and reported in the record; keep the default hook's
    // backtrace noise off stderr unless debugging.
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|info| {
            tracing::debug!("caught panic: {info}");
        }));
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitStatus::Error.into()
            } else {
                ExitStatus::Success.into()
            };
        }
    };
    color::set(cli.color);
    logging::init();
    let result = match cli.command {
        Command::PluginWorker(args) => {
            let code = lede_plugin_host::worker::serve(&args.library, args.memory);
            return ExitCode::from(u8::try_from(code).unwrap_or(2));
        }
        Command::Analyze(args) => analyze::run(&args),
        Command::Analyzers(args) => analyze::list(&args),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Bench(args) => bench::run(&args),
        Command::Snapshot(args) => snapshot::run(&args),
        Command::Schema => {
            print!("{}", lede_render::schema::RECORD);
            Ok(ExitStatus::Success)
        }
        Command::Stance(mut args) => {
            // a headline alone asks for the verdict; JSON or chosen analysers, for everything
            let verdicts = args.analyzer.stance_headline.is_some()
                && args.analyzer.analyzers.is_none()
                && args.format.is_none_or(|f| f == output::Format::Text);
            args.analyzer
                .analyzers
                .get_or_insert_with(|| vec![lede_stance::NAME.to_owned()]);
            if verdicts {
                analyze::run_verdicts(&args)
            } else {
                analyze::run(&args)
            }
        }
        Command::Completions { shell } => {
            let mut out = io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "lede", &mut out);
            Ok(ExitStatus::Success)
        }
        Command::Man { out_dir } => man(out_dir.as_deref()),
    };
    match result {
        Ok(status) => status.into(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitStatus::Success.into();
            }
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitStatus::Error.into()
        }
    }
}

/// A closed downstream pipe (`lede analyze ... | head`) is a normal end, not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// `lede man`: the top page to stdout, or every page into a folder.
fn man(out_dir: Option<&std::path::Path>) -> anyhow::Result<ExitStatus> {
    use anyhow::Context as _;
    let cmd = Cli::command();
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        clap_mangen::generate_to(cmd, dir)
            .with_context(|| format!("cannot write the man pages into {}", dir.display()))?;
    } else {
        let mut out = io::stdout().lock();
        clap_mangen::Man::new(cmd).render(&mut out)?;
        out.flush()?;
    }
    Ok(ExitStatus::Success)
}
