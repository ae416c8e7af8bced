//! Integration tests of `lede-snapshot`: a [`Session`] over a folder, as a plugin author's test
//! would drive it (new, unchanged, changed, checked, reviewed, unreferenced).

use std::path::Path;

use lede_snapshot::review::{self, Decision};
use lede_snapshot::{Config, Mode, Options, Session, Summary, Unreferenced};
use serde_json::{json, Value};

/// Runs one session over `docs` (`(id, output)` of an analyser `demo` 1.0) and returns its
/// summary and report.
fn session(dir: &Path, mode: Mode, docs: &[(&str, Value)]) -> (Summary, String) {
    let config = Config::default();
    let options = Options {
        dir,
        mode,
        config: &config,
        color: false,
    };
    let mut out = Vec::new();
    let mut s = Session::new(&options, &mut out);
    for (id, value) in docs {
        s.document(id, [("demo", "1.0", value.clone())]).unwrap();
    }
    let summary = s.finish(Unreferenced::Reject).unwrap();
    (summary, String::from_utf8(out).unwrap())
}

#[test]
fn new_unchanged_changed_and_reviewed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let a = json!({"words": 3, "score": 0.123_4});
    let (s, out) = session(d, Mode::Local, &[("corpus/a.txt", a.clone())]);
    assert_eq!((s.counts.new, s.failed), (1, false), "{out}");
    let snap = d.join("corpus%2Fa.txt__demo.snap");
    let file = std::fs::read_to_string(&snap).unwrap();
    // insta's header, then the body as YAML with the score rounded by the built-in rules
    assert!(
        file.starts_with("---\nsource: lede snapshot\nexpression: demo\n"),
        "{file}"
    );
    assert!(file.ends_with("---\nscore: 0.12\nwords: 3\n"), "{file}");

    // a wobble below the redaction's precision is no change
    let same = json!({"words": 3, "score": 0.121});
    let (s, _) = session(d, Mode::Local, &[("corpus/a.txt", same)]);
    assert_eq!(s.counts.unchanged, 1);

    // a change: a check writes nothing and fails with a diff ...
    let changed = json!({"words": 4, "score": 0.12});
    let (s, out) = session(d, Mode::Check, &[("corpus/a.txt", changed.clone())]);
    assert!(s.failed && out.contains("-words: 3\n+words: 4\n"), "{out}");
    assert!(!d.join("corpus%2Fa.txt__demo.snap.new").exists());
    // ... a local run leaves it pending, and review accepts it
    let (s, _) = session(d, Mode::Local, &[("corpus/a.txt", changed)]);
    assert!(s.failed && s.counts.changed == 1);
    let pending = review::pending(d).unwrap();
    assert_eq!(pending.len(), 1);
    let mut out = Vec::new();
    let r = review::review(
        &pending,
        Some(Decision::Accept),
        false,
        &mut out,
        &mut std::io::empty(),
    )
    .unwrap();
    assert_eq!(r.accepted, 1);
    assert!(std::fs::read_to_string(&snap)
        .unwrap()
        .ends_with("words: 4\n"));
}

#[test]
fn unreferenced_snapshots_fail_when_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    session(d, Mode::Local, &[("a", json!(1)), ("b", json!(2))]);
    let (s, out) = session(d, Mode::Local, &[("a", json!(1))]);
    assert_eq!(s.unreferenced, 1);
    assert!(
        s.failed && out.contains("unreferenced: ") && out.contains("(document b)"),
        "{out}"
    );
}
