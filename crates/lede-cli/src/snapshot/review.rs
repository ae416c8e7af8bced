//! `lede snapshot review`: accept or reject pending snapshots without cargo-insta.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};
use clap::Args;

use super::{diff, file};
use crate::ExitStatus;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Accept,
    Reject,
    Skip,
}

pub fn run(args: &ReviewArgs) -> Result<ExitStatus> {
    if !args.dir.is_dir() {
        bail!("--dir {} is not a folder", args.dir.display());
    }
    let pending = file::find(&args.dir, file::PENDING_SUFFIX)
        .with_context(|| format!("cannot list {}", args.dir.display()))?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if pending.is_empty() {
        writeln!(out, "no pending snapshots in {}", args.dir.display())?;
        return Ok(ExitStatus::Success);
    }
    let mut fixed = if args.accept_all {
        Some(Decision::Accept)
    } else if args.reject_all {
        Some(Decision::Reject)
    } else {
        None
    };
    if fixed.is_none() && !io::stdin().is_terminal() {
        bail!(
            "{} pending snapshots and stdin is not a terminal: pass --accept-all or --reject-all",
            pending.len()
        );
    }
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let (mut accepted, mut rejected, mut skipped) = (0usize, 0usize, 0usize);
    for (i, new_path) in pending.iter().enumerate() {
        let snap = snap_path(new_path);
        let new_text = std::fs::read_to_string(new_path)
            .with_context(|| format!("cannot read {}", new_path.display()))?;
        let new_body = file::body_of(&new_text);
        let old_body =
            file::read_body(&snap).with_context(|| format!("cannot read {}", snap.display()))?;
        let decision = if let Some(d) = fixed {
            d
        } else {
            writeln!(out, "\n[{}/{}] {}", i + 1, pending.len(), snap.display())?;
            let old_name = if old_body.is_some() {
                snap.display().to_string()
            } else {
                "/dev/null".to_owned()
            };
            let d = diff::unified(
                old_body.as_deref().unwrap_or(""),
                &new_body,
                &old_name,
                &new_path.display().to_string(),
            );
            if diff::use_color() {
                write!(out, "{}", diff::colorize(&d))?;
            } else {
                write!(out, "{d}")?;
            }
            let (d, all) = ask(&mut out, &mut input)?;
            if all {
                fixed = Some(d);
            }
            d
        };
        match decision {
            Decision::Accept => {
                std::fs::rename(new_path, &snap).with_context(|| {
                    format!("cannot move {} to {}", new_path.display(), snap.display())
                })?;
                accepted += 1;
                writeln!(out, "accepted: {}", snap.display())?;
            }
            Decision::Reject => {
                std::fs::remove_file(new_path)
                    .with_context(|| format!("cannot remove {}", new_path.display()))?;
                rejected += 1;
                writeln!(out, "rejected: {}", new_path.display())?;
            }
            Decision::Skip => skipped += 1,
        }
    }
    writeln!(
        out,
        "{accepted} accepted, {rejected} rejected, {skipped} skipped"
    )?;
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// `x.snap.new` -> `x.snap`.
fn snap_path(new_path: &Path) -> PathBuf {
    let s = new_path.to_string_lossy();
    PathBuf::from(s.strip_suffix(".new").unwrap_or(&s).to_owned())
}

/// Asks until the answer is understood; end of input skips the rest.
fn ask(out: &mut impl Write, input: &mut impl BufRead) -> Result<(Decision, bool)> {
    loop {
        write!(
            out,
            "accept [a], reject [r], skip [s], accept all [A], reject all [R], skip all [q]? "
        )?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Ok((Decision::Skip, true));
        }
        return Ok(match line.trim() {
            "a" | "y" => (Decision::Accept, false),
            "r" | "n" => (Decision::Reject, false),
            "s" | "" => (Decision::Skip, false),
            "A" => (Decision::Accept, true),
            "R" => (Decision::Reject, true),
            "q" => (Decision::Skip, true),
            other => {
                writeln!(out, "unknown answer {other:?}")?;
                continue;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers() {
        let mut out = Vec::new();
        let mut inp = io::Cursor::new("x\nA\n");
        assert_eq!(ask(&mut out, &mut inp).unwrap(), (Decision::Accept, true));
        assert!(String::from_utf8(out)
            .unwrap()
            .contains("unknown answer \"x\""));
        let mut inp = io::Cursor::new("");
        assert_eq!(
            ask(&mut Vec::new(), &mut inp).unwrap(),
            (Decision::Skip, true)
        );
        assert_eq!(
            snap_path(Path::new("d/a__text.snap.new")),
            PathBuf::from("d/a__text.snap")
        );
    }
}
