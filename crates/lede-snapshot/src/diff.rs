//! Diffs between an accepted snapshot body and a new one.

use std::fmt::Write as _;

use similar::{ChangeTag, TextDiff};

/// Lines added and removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stat {
    pub added: usize,
    pub removed: usize,
}

/// Counts changed lines (for the one-line summary of a local run).
pub fn stat(old: &str, new: &str) -> Stat {
    let mut s = Stat::default();
    for change in TextDiff::from_lines(old, new).iter_all_changes() {
        match change.tag() {
            ChangeTag::Insert => s.added += 1,
            ChangeTag::Delete => s.removed += 1,
            ChangeTag::Equal => {}
        }
    }
    s
}

/// A unified diff with 3 lines of context, `---`/`+++` naming the two sides. Both bodies get a
/// final newline first so that the last line never shows as "no newline at end of file".
pub fn unified(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    let old = with_newline(old);
    let new = with_newline(new);
    TextDiff::from_lines(&old, &new)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}

/// ANSI colours for a unified diff: removed lines red, added green, hunk headers cyan, file
/// headers bold.
pub fn colorize(diff: &str) -> String {
    use anstyle::{AnsiColor, Style};
    let mut out = String::with_capacity(diff.len() + diff.len() / 4);
    for line in diff.split_inclusive('\n') {
        let style = if line.starts_with("+++") || line.starts_with("---") {
            Style::new().bold()
        } else if line.starts_with('+') {
            AnsiColor::Green.on_default()
        } else if line.starts_with('-') {
            AnsiColor::Red.on_default()
        } else if line.starts_with("@@") {
            AnsiColor::Cyan.on_default()
        } else {
            out.push_str(line);
            continue;
        };
        let (text, nl) = match line.strip_suffix('\n') {
            Some(t) => (t, "\n"),
            None => (line, ""),
        };
        let _ = write!(out, "{style}{text}{style:#}{nl}");
    }
    out
}

fn with_newline(s: &str) -> String {
    if s.is_empty() || s.ends_with('\n') {
        s.to_owned()
    } else {
        format!("{s}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unified_diff_shows_changed_lines() {
        let d = unified("a: 1\nb: 2\n", "a: 1\nb: 3", "old", "new");
        assert!(d.starts_with("--- old\n+++ new\n"), "{d}");
        assert!(d.contains("-b: 2\n+b: 3\n"), "{d}");
        assert!(!d.contains("No newline"), "{d}");
        let c = colorize(&d);
        assert!(
            c.contains("\x1b[31m-b: 2\x1b[0m\n\x1b[32m+b: 3\x1b[0m\n"),
            "{c:?}"
        );
        assert!(c.contains(" a: 1\n"), "context lines stay plain: {c:?}");
        assert_eq!(
            stat("a\nb\n", "a\nc\nd\n"),
            Stat {
                added: 2,
                removed: 1
            }
        );
    }
}
