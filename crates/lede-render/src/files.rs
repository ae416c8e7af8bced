//! One file per document in an output folder (`lede analyze --out-dir DIR`): each document
//! gets a file stem made from its id, unique within the run, and its files are
//! `DIR/<stem>.<ext>`.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

/// An output folder and the file stems given out so far.
#[derive(Debug)]
pub struct OutDir {
    dir: PathBuf,
    used: HashSet<String>,
}

/// The longest stem made from an id, in bytes (file names are limited to 255 bytes).
const MAX_STEM: usize = 120;

impl OutDir {
    /// Creates the folder (and its parents) when missing.
    pub fn create(dir: &Path) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(Self {
            dir: dir.to_owned(),
            used: HashSet::new(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The file stem of a document: its id made safe as a file name ([`stem_of`]), with `-2`,
    /// `-3`, ... added when an earlier document of this run had the same.
    pub fn stem_for(&mut self, id: &str) -> String {
        let base = stem_of(id);
        let mut stem = base.clone();
        let mut n = 1;
        while !self.used.insert(stem.to_lowercase()) {
            n += 1;
            stem = format!("{base}-{n}");
        }
        stem
    }

    /// Writes `DIR/<stem>.<ext>` and returns its path.
    pub fn write(&self, stem: &str, ext: &str, contents: &[u8]) -> io::Result<PathBuf> {
        let path = self.dir.join(format!("{stem}.{ext}"));
        std::fs::write(&path, contents)?;
        Ok(path)
    }
}

/// A file stem from a document id: letters, digits, `.`, `-` and `_` kept, every other run of
/// characters (path separators, `:`, spaces) one `_`, no leading `.`/`_`/`-`, a final `.txt`
/// (the input file's extension) dropped, at most 120 bytes; `document` when nothing is left.
/// `corpus/a.txt` gives `corpus_a`, `news.jsonl:3` gives `news.jsonl_3`.
pub fn stem_of(id: &str) -> String {
    let id = id.strip_suffix(".txt").unwrap_or(id);
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out
        .trim_start_matches(['.', '_', '-'])
        .trim_end_matches('_');
    let mut end = trimmed.len().min(MAX_STEM);
    while !trimmed.is_char_boundary(end) {
        end -= 1;
    }
    let stem = &trimmed[..end];
    if stem.is_empty() {
        "document".to_owned()
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe_and_unique() {
        assert_eq!(stem_of("corpus/a.txt"), "corpus_a");
        assert_eq!(stem_of("../shared/seed/000_4.txt"), "shared_seed_000_4");
        assert_eq!(stem_of("<stdin>:3"), "stdin_3");
        assert_eq!(stem_of("news.jsonl:12"), "news.jsonl_12");
        assert_eq!(stem_of("Zürich 2024"), "Zürich_2024");
        assert_eq!(stem_of("..."), "document");
        assert_eq!(stem_of(&"é".repeat(100)).len(), 120);
        let dir = tempfile::tempdir().unwrap();
        let mut out = OutDir::create(&dir.path().join("new/sub")).unwrap();
        assert_eq!(out.stem_for("a/b"), "a_b");
        assert_eq!(out.stem_for("a:b"), "a_b-2");
        assert_eq!(
            out.stem_for("A_B"),
            "A_B-3",
            "names differing in case only clash on some systems"
        );
        let p = out.write("a_b", "ann", b"x").unwrap();
        assert_eq!(std::fs::read(p).unwrap(), b"x");
    }
}
