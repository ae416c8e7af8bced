//! `lede eval sentences`: sentence-boundary precision/recall/F1 against CoNLL-U gold.

use std::path::PathBuf;

use anyhow::Result;

use super::EvalFormat;
use crate::ExitStatus;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of CoNLL-U files (or one file).
    #[arg(long)]
    pub gold: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
}

pub fn run(_args: &Args) -> Result<ExitStatus> {
    anyhow::bail!("not implemented yet")
}
