//! `lede eval`: the arguments of each task and the printing of its report; readers and
//! scorers are `lede_eval`'s.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;
use lede_eval::{link, ner, quotes, sentences, speakers, stance, timex};
use serde::Serialize;

use crate::ExitStatus;

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Sentence boundaries against CoNLL-U files (GUM news).
    Sentences(SentencesArgs),
    /// Quotations (source, cue, content) against PolNeAR-style BRAT gold (`text/`, `attributions/`).
    Quotes(QuotesArgs),
    /// Named entities: exact-span P/R/F1, overall and per type, on `CoNLL` and UNER files.
    Ner(NerArgs),
    /// In-article entity linking: pairwise P/R/F1 over gold named mentions (GUM CoNLL-U).
    Link(LinkArgs),
    /// Temporal expressions: TempEval-3 strict/relaxed P/R/F1, value and type F1 (`TimeML`
    /// `.tml` files, or a `WikiWars` folder).
    Timex(TimexArgs),
    /// Stance: FNC-1 headline/body (official score, macro-F1) and BASIL speaker -> target
    /// polarity triples.
    Stance(StanceArgs),
    /// Speakers: whether BASIL's quoted spans with a named speaker are found inside a quotation
    /// and resolved to that person.
    Speakers(SpeakersArgs),
}

/// `--format` of eval commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum EvalFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct SentencesArgs {
    /// Folder of CoNLL-U files (or one file).
    #[arg(long)]
    pub gold: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
    /// Print each missed and each spurious boundary with some context (text format).
    #[arg(long)]
    pub errors: bool,
}

#[derive(Debug, clap::Args)]
pub struct QuotesArgs {
    /// Folder with `text/*.txt` and `attributions/*.ann` (a `PolNeAR` split), or a BRAT
    /// folder of `X.txt` and `X.ann` (`lede analyze --format brat --out-dir`).
    #[arg(long)]
    pub gold: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
    /// Print missed (`-`) and spurious (`+`) spans, exact match, to stderr.
    #[arg(long)]
    pub errors: bool,
}

#[derive(Debug, clap::Args)]
pub struct NerArgs {
    /// A `CoNLL` file, or a folder of them (`.conll`, `.txt`, `.iob2`, `.bio`, `.testa`, ...).
    #[arg(long)]
    pub gold: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
}

#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// A folder of CoNLL-U files with `Entity=` annotations (GUM), or one file.
    #[arg(long)]
    pub gold: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
}

#[derive(Debug, clap::Args)]
pub struct TimexArgs {
    /// Folder of `TimeML` `.tml` files (searched recursively), one file, or a `WikiWars` folder
    /// (with `in/` and `key/`).
    #[arg(long)]
    pub gold: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SplitArg {
    /// The pairs of the 80% training claims.
    Train,
    /// The pairs of the 20% dev claims: headlines and bodies unseen in training.
    Dev,
    /// The first split, 80% of the bodies by id (headlines shared with dev).
    TrainByBody,
    /// The dev part of the first split: unseen bodies, but claims seen in training.
    DevByBody,
    /// Every pair.
    #[default]
    All,
}

#[derive(Debug, clap::Args)]
pub struct StanceArgs {
    /// FNC-1 stances CSV (`Headline,Body ID,Stance`).
    #[arg(long, requires = "fnc_bodies")]
    pub fnc_stances: Option<PathBuf>,
    /// FNC-1 bodies CSV (`Body ID,articleBody`).
    #[arg(long, requires = "fnc_stances")]
    pub fnc_bodies: Option<PathBuf>,
    /// Which FNC-1 pairs to score: `dev` holds the claims (headlines and bodies) that
    /// training never saw, as the competition test does (see `lede_stance::fnc::Split`).
    #[arg(long, value_enum, default_value_t)]
    pub split: SplitArg,
    /// Folder with the BASIL JSONL files (`basil_articles.jsonl`,
    /// `basil_phrase_annotations.jsonl`).
    #[arg(long)]
    pub basil: Option<PathBuf>,
    /// A user lexicon for the stance analyser (BASIL).
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// BASIL: cross-validate the polarity model, K folds by event (each fold's articles
    /// decided by a model trained on the other folds); without it, the built-in model, which
    /// was trained on these articles.
    #[arg(long, value_name = "K", requires = "basil", value_parser = clap::value_parser!(u64).range(2..=20))]
    pub folds: Option<u64>,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
    /// Print BASIL's missed (`-`) and spurious (`+`) triples to stderr.
    #[arg(long)]
    pub errors: bool,
}

#[derive(Debug, clap::Args)]
pub struct SpeakersArgs {
    /// Folder with the BASIL JSONL files (`basil_articles.jsonl`,
    /// `basil_phrase_annotations.jsonl`).
    #[arg(long)]
    pub basil: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
    /// Print each covered span whose speaker is wrong or unresolved, to stderr.
    #[arg(long)]
    pub errors: bool,
}

pub fn run(cmd: EvalCommand) -> Result<ExitStatus> {
    match cmd {
        EvalCommand::Sentences(a) => {
            let mut errors = String::new();
            let report = sentences::evaluate(&a.gold, a.errors.then_some(&mut errors))?;
            match a.format {
                // the figure over all boundaries, on one line
                EvalFormat::Json => println!("{}", serde_json::to_string(&report)?),
                EvalFormat::Text => print!("{errors}{report}"),
            }
        }
        EvalCommand::Quotes(a) => {
            let mut errors = String::new();
            let report = quotes::evaluate(&a.gold, a.errors.then_some(&mut errors))?;
            eprint!("{errors}");
            print_report(&report, a.format)?;
        }
        EvalCommand::Ner(a) => print_report(&ner::evaluate(&a.gold)?, a.format)?,
        EvalCommand::Link(a) => print_report(&link::evaluate(&a.gold)?, a.format)?,
        EvalCommand::Timex(a) => print_report(&timex::evaluate(&a.gold)?, a.format)?,
        EvalCommand::Speakers(a) => {
            let mut errors = String::new();
            let report = speakers::evaluate(&a.basil, a.errors.then_some(&mut errors))?;
            eprint!("{errors}");
            print_report(&report, a.format)?;
        }
        EvalCommand::Stance(a) => {
            if a.fnc_stances.is_none() && a.basil.is_none() {
                anyhow::bail!("give --fnc-stances and --fnc-bodies, or --basil DIR (or both)");
            }
            let split = match a.split {
                SplitArg::Train => lede_stance::fnc::Split::Train,
                SplitArg::Dev => lede_stance::fnc::Split::Dev,
                SplitArg::TrainByBody => lede_stance::fnc::Split::TrainByBody,
                SplitArg::DevByBody => lede_stance::fnc::Split::DevByBody,
                SplitArg::All => lede_stance::fnc::Split::All,
            };
            let fnc = match (&a.fnc_stances, &a.fnc_bodies) {
                (Some(s), Some(b)) => Some(stance::evaluate_fnc(s, b, split)?),
                _ => None,
            };
            let mut errors = String::new();
            let basil = match &a.basil {
                Some(dir) => Some(stance::evaluate_basil(
                    dir,
                    &stance::BasilOptions {
                        lexicon: a.lexicon.clone(),
                        folds: a.folds,
                    },
                    a.errors.then_some(&mut errors),
                )?),
                None => None,
            };
            eprint!("{errors}");
            print_report(&stance::Report { fnc, basil }, a.format)?;
        }
    }
    Ok(ExitStatus::Success)
}

/// A report as pretty JSON or as its text form.
fn print_report<R: Serialize + std::fmt::Display>(report: &R, format: EvalFormat) -> Result<()> {
    match format {
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(report)?),
        EvalFormat::Text => print!("{report}"),
    }
    Ok(())
}
