//! Review of pending snapshots (`*.snap.new`): each shown as a diff against the accepted one,
//! then accepted (moved over it), rejected (deleted) or skipped, without cargo-insta.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use crate::{diff, file, file_error, Result};

/// What happens to one pending snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Reject,
    Skip,
}

/// How many pending snapshots went which way.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Reviewed {
    pub accepted: usize,
    pub rejected: usize,
    pub skipped: usize,
}

/// The pending snapshots under `dir`, sorted.
pub fn pending(dir: &Path) -> Result<Vec<PathBuf>> {
    file::find(dir, file::PENDING_SUFFIX)
        .map_err(file_error(|| format!("cannot list {}", dir.display())))
}

/// Reviews `pending` (from [`pending`]): with `all` given, applies it to each; otherwise shows
/// each diff on `out` (coloured when `color`) and asks on `input`. Reports each decision and a
/// final count on `out`.
pub fn review(
    pending: &[PathBuf],
    all: Option<Decision>,
    color: bool,
    out: &mut impl Write,
    input: &mut impl BufRead,
) -> Result<Reviewed> {
    let mut fixed = all;
    let mut r = Reviewed::default();
    for (i, new_path) in pending.iter().enumerate() {
        let snap = snap_path(new_path);
        let new_text = std::fs::read_to_string(new_path)
            .map_err(file_error(|| format!("cannot read {}", new_path.display())))?;
        let new_body = file::body_of(&new_text);
        let old_body = file::read_body(&snap)
            .map_err(file_error(|| format!("cannot read {}", snap.display())))?;
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
            if color {
                write!(out, "{}", diff::colorize(&d))?;
            } else {
                write!(out, "{d}")?;
            }
            let (d, all) = ask(out, input)?;
            if all {
                fixed = Some(d);
            }
            d
        };
        match decision {
            Decision::Accept => {
                std::fs::rename(new_path, &snap).map_err(file_error(|| {
                    format!("cannot move {} to {}", new_path.display(), snap.display())
                }))?;
                r.accepted += 1;
                writeln!(out, "accepted: {}", snap.display())?;
            }
            Decision::Reject => {
                std::fs::remove_file(new_path).map_err(file_error(|| {
                    format!("cannot remove {}", new_path.display())
                }))?;
                r.rejected += 1;
                writeln!(out, "rejected: {}", new_path.display())?;
            }
            Decision::Skip => r.skipped += 1,
        }
    }
    writeln!(
        out,
        "{} accepted, {} rejected, {} skipped",
        r.accepted, r.rejected, r.skipped
    )?;
    out.flush()?;
    Ok(r)
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
    use std::io;

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
