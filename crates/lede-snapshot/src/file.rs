//! Snapshot files: their names (from document ids) and their insta-compatible layout.
//!
//! A file is insta's `.snap` format: a YAML header between `---` lines, then the body:
//!
//! ```text
//! ---
//! source: lede snapshot
//! expression: text
//! info:
//!   analyzer: text
//!   document: tests/corpus/a.txt
//! ---
//! paragraphs:
//!   - ...
//! ```
//!
//! The header is written exactly as insta writes it, so that a snapshot accepted with `cargo
//! insta accept` (which re-serialises the header) is byte-identical to one accepted with
//! `lede snapshot review`. Only the body is compared; the header is for people and tools.

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::yaml;

/// Extension of accepted snapshots.
pub const SNAP: &str = "snap";
/// Suffix of pending snapshots (written beside the accepted one, as insta does).
pub const PENDING_SUFFIX: &str = ".snap.new";

/// Longest encoded document id kept whole in a file name; longer ones are cut and hashed so the
/// name stays well under the 255-byte limit of common file systems.
const MAX_ID_BYTES: usize = 120;

/// The file stem for one document and analyser: `<encoded id>__<encoded analyser>`.
///
/// The id is percent-encoded: bytes outside `[A-Za-z0-9._-]` become `%XX` (so `/` is `%2F`), and
/// a leading `.` becomes `%2E` (no hidden files). Percent-encoding is injective, so two ids never
/// share a name, and the id can be read back from the name. An encoded id longer than 120 bytes
/// is cut to 100 bytes and followed by `~` and a 64-bit FNV-1a hash of the full id (`~` never
/// occurs in an encoded id, so a cut name cannot equal a whole one).
///
/// The analyser name is encoded the same way, and additionally any `_` that starts it or
/// follows another `_`: the analyser part then never contains `__`, so the last `__` of a
/// stem always separates id from analyser (insta reads `module__name` the same way).
pub fn stem(doc_id: &str, analyzer: &str) -> String {
    let mut id = encode(doc_id, false);
    if id.len() > MAX_ID_BYTES {
        let mut cut = 100;
        // never split a `%XX` escape
        while id[..cut].ends_with('%') || id[..cut - 1].ends_with('%') {
            cut -= 1;
        }
        id.truncate(cut);
        let _ = write!(id, "~{:016x}", fnv1a(doc_id.as_bytes()));
    }
    format!("{id}__{}", encode(analyzer, true))
}

fn encode(s: &str, analyzer: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_underscore = true; // so that a leading `_` is escaped in analyser names
    for (i, b) in s.bytes().enumerate() {
        let keep = match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' => true,
            b'.' => i > 0,
            b'_' => !(analyzer && prev_underscore),
            _ => false,
        };
        if keep {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
        prev_underscore = keep && b == b'_';
    }
    out
}

/// Reads the document id back from a file stem, when the stem was not cut.
pub fn decode_id(stem: &str) -> Option<String> {
    let (id, _) = stem.rsplit_once("__")?;
    if id.contains('~') {
        return None;
    }
    let bytes = id.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = id.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// 64-bit FNV-1a: tiny, stable across platforms and Rust versions (unlike `DefaultHasher`).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// What the header says about a snapshot.
#[derive(Debug, Clone)]
pub struct Header {
    pub document: String,
    pub analyzer: String,
    pub analyzer_version: String,
    /// The analyser's options (a plugin's `--plugin-option`s) as compact JSON, when it has any:
    /// a snapshot says what produced it.
    pub options: Option<String>,
}

/// The full text of a snapshot file: insta header, `---`, body.
pub fn render(header: &Header, body: &str) -> String {
    let mut out = String::from("---\nsource: lede snapshot\nexpression: ");
    yaml::emit_header_str(&mut out, &header.analyzer);
    out.push_str("\ninfo:\n  analyzer: ");
    yaml::emit_header_str(&mut out, &header.analyzer);
    out.push_str("\n  analyzer_version: ");
    yaml::emit_header_str(&mut out, &header.analyzer_version);
    out.push_str("\n  document: ");
    yaml::emit_header_str(&mut out, &header.document);
    // keys in insta's (alphabetical) order
    if let Some(options) = &header.options {
        out.push_str("\n  options: ");
        yaml::emit_header_str(&mut out, options);
    }
    out.push_str("\n---\n");
    out.push_str(&normalize(body));
    out.push('\n');
    out
}

/// The body as insta compares it: CRLF as LF, trailing whitespace trimmed.
pub fn normalize(body: &str) -> String {
    body.trim_end().replace("\r\n", "\n")
}

/// The body of a snapshot file (everything after the header), normalised. A file without a
/// header is read whole, so a hand-edited file still compares by content.
pub fn body_of(contents: &str) -> String {
    let mut lines = contents.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return normalize(contents);
    }
    let mut offset = first.len();
    for line in lines {
        offset += line.len();
        if line.trim_end() == "---" {
            return normalize(&contents[offset..]);
        }
    }
    // a header that never ends: insta reads no body either
    String::new()
}

/// Reads a snapshot's body; `None` when the file does not exist.
pub fn read_body(path: &Path) -> io::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(s) => Ok(Some(body_of(&s))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The pending path beside an accepted snapshot path.
pub fn pending_path(snap: &Path) -> PathBuf {
    let mut s = snap.as_os_str().to_owned();
    s.push(".new");
    PathBuf::from(s)
}

/// Every file under `dir` (recursively) whose name ends with `suffix`, sorted. Symbolic links
/// to folders are not followed.
pub fn find(dir: &Path, suffix: &str) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(dir).min_depth(1) {
            let entry = entry?;
            if !entry.file_type().is_dir()
                && entry
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.ends_with(suffix))
            {
                out.push(entry.into_path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Writes `contents` to `path` through a temporary file beside it and a rename, so that an
/// interrupted run never leaves half a snapshot. The file gets the permissions a plain write
/// would give it (`0o666` less the umask), not the temporary file's private ones.
pub fn write_atomic(path: &Path, contents: &str) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".lede-snapshot-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(contents.as_bytes())?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ids_stay_readable() {
        assert_eq!(stem("article-1.txt", "text"), "article-1.txt__text");
        assert_eq!(
            stem("tests/corpus/a.txt", "quote"),
            "tests%2Fcorpus%2Fa.txt__quote"
        );
        assert_eq!(stem("feed.jsonl:12", "text"), "feed.jsonl%3A12__text");
        assert_eq!(stem(".hidden", "text"), "%2Ehidden__text");
        assert_eq!(stem("Zürich", "text"), "Z%C3%BCrich__text");
    }

    #[test]
    fn names_are_collision_free_and_reversible() {
        let ids = [
            "a/b", "a_b", "a%2Fb", "a b", "a__b", "a__", "_", "a:b", "A/B", "a\u{0}b", "",
        ];
        let mut seen = std::collections::BTreeSet::new();
        for id in ids {
            let s = stem(id, "text");
            assert!(seen.insert(s.clone()), "collision for {id:?}: {s}");
            assert_eq!(decode_id(&s).as_deref(), Some(id), "{s}");
            assert!(s.bytes().all(|b| b.is_ascii_graphic()), "{s}");
        }
    }

    #[test]
    fn analyser_part_never_contains_a_double_underscore() {
        // (id "a", analyser "__b") and (id "a__", analyser "b") must differ
        let a = stem("a", "__b");
        let b = stem("a__", "b");
        assert_ne!(a, b);
        assert_eq!(decode_id(&a).as_deref(), Some("a"));
        assert_eq!(decode_id(&b).as_deref(), Some("a__"));
        assert_eq!(stem("x", "my_plugin"), "x__my_plugin");
    }

    #[test]
    fn long_ids_are_cut_and_hashed() {
        let long = "x/".repeat(200);
        let s = stem(&long, "text");
        assert!(s.len() < 160, "{}", s.len());
        assert!(s.contains('~'));
        assert_eq!(decode_id(&s), None);
        let other = format!("{long}y");
        assert_ne!(stem(&other, "text"), s);
        // stable across runs and platforms
        assert_eq!(stem(&long, "text"), s);
    }

    #[test]
    fn body_round_trips_through_render() {
        let h = Header {
            document: "tests/corpus/a.txt".into(),
            analyzer: "text".into(),
            analyzer_version: "0.1.0".into(),
            options: None,
        };
        let file = render(&h, "words: 3\n");
        assert_eq!(
            file,
            "---\nsource: lede snapshot\nexpression: text\ninfo:\n  analyzer: text\n  \
             analyzer_version: 0.1.0\n  document: tests/corpus/a.txt\n---\nwords: 3\n"
        );
        assert_eq!(body_of(&file), "words: 3");
        let with_options = Header {
            options: Some(r#"{"kinds":["money"]}"#.into()),
            ..h
        };
        let file = render(&with_options, "words: 3\n");
        assert!(
            file.contains("\n  document: tests/corpus/a.txt\n  options: "),
            "{file}"
        );
        assert!(file.contains("kinds"), "{file}");
        assert_eq!(body_of(&file), "words: 3");
        assert_eq!(body_of("words: 3\r\nx: 1\r\n"), "words: 3\nx: 1");
    }

    #[test]
    fn atomic_writes_replace_whole_files_and_leave_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/a__text.snap");
        write_atomic(&path, "first\n").unwrap();
        write_atomic(&path, "second\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second\n");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a__text.snap"]);
        #[cfg(unix)]
        {
            // the mode a plain write gives, not the temporary file's 0o600
            use std::os::unix::fs::PermissionsExt as _;
            let plain = dir.path().join("plain");
            std::fs::write(&plain, "x").unwrap();
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode();
            assert_eq!(mode(&path), mode(&plain));
        }
    }
}
