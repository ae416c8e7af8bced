//! Diffs between an accepted snapshot body and a new one.

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
        assert_eq!(
            stat("a\nb\n", "a\nc\nd\n"),
            Stat {
                added: 2,
                removed: 1
            }
        );
    }
}
