//! `lede snapshot` end to end on tiny corpora written into temporary folders. Runs use the
//! `text` analyser (always present), so these tests do not move when analysers are added.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::lede;

/// A corpus folder and a snapshot folder side by side.
struct Setup {
    tmp: tempfile::TempDir,
}

impl Setup {
    fn new(docs: &[(&str, &str)]) -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        fs::create_dir_all(tmp.path().join("corpus")).unwrap();
        let s = Self { tmp };
        for (name, text) in docs {
            s.write_doc(name, text);
        }
        s
    }

    fn write_doc(&self, name: &str, text: &str) {
        fs::write(self.tmp.path().join("corpus").join(name), text).unwrap();
    }

    fn snaps(&self) -> PathBuf {
        self.tmp.path().join("snaps")
    }

    /// `lede snapshot corpus --dir snaps -a text` run in the temporary folder, outside CI.
    fn run(&self, extra: &[&str]) -> assert_cmd::assert::Assert {
        lede()
            .current_dir(self.tmp.path())
            .env_remove("CI")
            .args(["snapshot", "corpus", "--dir", "snaps", "-a", "text"])
            .args(extra)
            .assert()
    }

    fn run_ci(&self, extra: &[&str]) -> assert_cmd::assert::Assert {
        lede()
            .current_dir(self.tmp.path())
            .env("CI", "true")
            .args(["snapshot", "corpus", "--dir", "snaps", "-a", "text"])
            .args(extra)
            .assert()
    }

    fn review(&self, flag: &str) -> assert_cmd::assert::Assert {
        lede()
            .current_dir(self.tmp.path())
            .env_remove("CI")
            .args(["snapshot", "review", "--dir", "snaps", flag])
            .assert()
    }

    /// Every file of the snapshot folder with its bytes.
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        folder_contents(&self.snaps())
    }
}

fn folder_contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, fs::read(e.path()).unwrap())
        })
        .collect()
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

const A: &str = "Council approves budget\n\nThe city council approved the budget on Tuesday. \
                 \"We had no choice,\" the mayor said.\n";
const B: &str = "Storm closes port\n\nA storm closed the port overnight. Ferries will resume \
                 on Friday.\n";

const SNAP_A: &str = "corpus%2Fa.txt__text.snap";
const SNAP_B: &str = "corpus%2Fb.txt__text.snap";

#[test]
fn first_run_writes_insta_compatible_snapshots_and_a_rerun_is_clean() {
    let s = Setup::new(&[("a.txt", A), ("b.txt", B)]);
    let first = s.run(&[]).success();
    assert!(stdout(&first).contains("2 new"), "{}", stdout(&first));
    let files = s.files();
    assert_eq!(
        files.keys().cloned().collect::<Vec<_>>(),
        [SNAP_A, SNAP_B],
        "one file per document and analyser, named from the id"
    );

    // insta itself reads the file: header fields and body
    let snap = insta::Snapshot::from_file(&s.snaps().join(SNAP_A)).expect("insta parses it");
    assert_eq!(snap.metadata().expression(), Some("text"));
    let body = snap.as_text().expect("text snapshot").to_string();
    assert!(
        body.contains("text: The city council approved the budget on Tuesday."),
        "{body}"
    );
    assert!(body.contains("words: "), "{body}");
    // insta re-serialises a snapshot when `cargo insta accept` moves it into place: the bytes
    // must not change, or every accepted snapshot would differ from one lede writes.
    let resaved = s.tmp.path().join("resaved.snap");
    snap.save(&resaved).unwrap();
    assert_eq!(fs::read(&resaved).unwrap(), files[SNAP_A]);

    let again = s.run(&[]).success();
    assert!(
        stdout(&again).contains("2 unchanged, 0 new, 0 changed"),
        "{}",
        stdout(&again)
    );
    assert_eq!(s.files(), files, "an unchanged rerun writes nothing");
    s.run_ci(&[]).success();
    s.run(&["--check"]).success();
}

#[test]
fn changed_input_is_pending_locally_and_fails_a_check_with_a_diff() {
    let s = Setup::new(&[("a.txt", A), ("b.txt", B)]);
    s.run(&[]).success();
    let accepted = s.files();
    s.write_doc("a.txt", &A.replace("Tuesday", "Wednesday"));

    // --check and CI=true: a unified diff, exit 1, nothing written
    for check in [s.run(&["--check"]), s.run_ci(&[])] {
        let check = check.code(1);
        let out = stdout(&check);
        assert!(out.contains("changed: corpus/a.txt [text]"), "{out}");
        assert!(
            out.contains("-        text: The city council approved the budget on Tuesday."),
            "{out}"
        );
        assert!(
            out.contains("+        text: The city council approved the budget on Wednesday."),
            "{out}"
        );
        assert!(out.contains("@@ "), "unified diff hunk header: {out}");
        assert!(
            !out.contains("corpus/b.txt"),
            "unchanged document listed: {out}"
        );
        assert_eq!(s.files(), accepted, "a check writes nothing");
    }

    // locally: `.snap.new` beside the old one, a short summary, exit 1 (review pending)
    let local = s.run(&[]).code(1);
    let out = stdout(&local);
    assert!(out.contains("changed: corpus/a.txt [text] (+"), "{out}");
    assert!(out.contains("lede snapshot review"), "{out}");
    let files = s.files();
    assert_eq!(
        files[SNAP_A], accepted[SNAP_A],
        "accepted snapshot untouched"
    );
    let pending = String::from_utf8(files[&format!("{SNAP_A}.new")].clone()).unwrap();
    assert!(pending.contains("on Wednesday."), "{pending}");
    assert!(insta::Snapshot::from_file(&s.snaps().join(format!("{SNAP_A}.new"))).is_ok());

    // review --accept-all makes it the accepted one; the next check passes
    let review = s.review("--accept-all").success();
    assert!(
        stdout(&review).contains("1 accepted"),
        "{}",
        stdout(&review)
    );
    let files = s.files();
    assert!(!files.contains_key(&format!("{SNAP_A}.new")));
    assert_eq!(files[SNAP_A], pending.as_bytes());
    s.run(&["--check"]).success();
    s.run_ci(&[]).success();
}

#[test]
fn rejected_changes_keep_failing_and_review_needs_a_terminal_or_a_flag() {
    let s = Setup::new(&[("a.txt", A)]);
    s.run(&[]).success();
    let accepted = s.files();
    s.write_doc("a.txt", &A.replace("budget", "plans"));
    s.run(&[]).code(1);
    // not a terminal and no flag: a usage error, nothing decided
    let no_flag = lede()
        .current_dir(s.tmp.path())
        .args(["snapshot", "review", "--dir", "snaps"])
        .write_stdin("a\n")
        .assert()
        .code(2);
    assert!(
        stderr(&no_flag).contains("--accept-all"),
        "{}",
        stderr(&no_flag)
    );
    assert_eq!(s.files().len(), 2);
    s.review("--reject-all").success();
    assert_eq!(
        s.files(),
        accepted,
        "rejecting removes only the pending file"
    );
    s.run(&["--check"]).code(1);
    let nothing = s.review("--accept-all").success();
    assert!(stdout(&nothing).contains("no pending snapshots"));
}

#[test]
fn a_changed_analyser_option_is_a_difference() {
    let s = Setup::new(&[("a.txt", A)]);
    s.run(&[]).success();
    // a size limit below the document turns its result into an error: the snapshot says so
    let check = s.run(&["--check", "--max-doc-bytes", "20"]).code(1);
    let out = stdout(&check);
    assert!(
        out.contains("+error: document is larger than the limit"),
        "{out}"
    );
    s.run(&["--max-doc-bytes", "20"]).code(1);
    assert!(s.files().contains_key(&format!("{SNAP_A}.new")));
    // back to the old option: the stale pending file goes, the check is clean
    s.run(&[]).success();
    assert!(!s.files().contains_key(&format!("{SNAP_A}.new")));
}

/// `-a stance` snapshots the stance analyser only (entity and quote run, since it requires them,
/// but are not snapshotted), and the header records the options it was given.
#[test]
fn only_the_asked_analysers_are_snapshotted_with_their_options_in_the_header() {
    let s = Setup::new(&[("a.txt", A)]);
    lede()
        .current_dir(s.tmp.path())
        .env_remove("CI")
        .args(["snapshot", "corpus", "--dir", "snaps", "-a", "stance"])
        .args(["--target", "the budget", "--accept"])
        .assert()
        .success();
    let files = s.files();
    let names: Vec<&String> = files.keys().collect();
    assert_eq!(names, ["corpus%2Fa.txt__stance.snap"], "{names:?}");
    let snap = String::from_utf8(files["corpus%2Fa.txt__stance.snap"].clone()).unwrap();
    let header = snap.split("\n---\n").next().unwrap();
    assert!(header.contains("\n  options: "), "{snap}");
    assert!(header.contains("the budget"), "{snap}");
    // without options, no options line
    s.run(&["--accept"]).success();
    let text = String::from_utf8(s.files()["corpus%2Fa.txt__text.snap"].clone()).unwrap();
    assert!(!text.contains("options:"), "{text}");
}

#[test]
fn accept_writes_changes_straight_into_the_snapshots() {
    let s = Setup::new(&[("a.txt", A)]);
    s.run(&[]).success();
    s.write_doc("a.txt", &A.replace("mayor", "clerk"));
    s.run(&[]).code(1);
    let accept = s.run(&["--accept"]).success();
    assert!(
        stdout(&accept).contains("accepted: corpus/a.txt [text]"),
        "{}",
        stdout(&accept)
    );
    let files = s.files();
    assert_eq!(
        files.len(),
        1,
        "the pending file is gone: {:?}",
        files.keys()
    );
    assert!(String::from_utf8_lossy(&files[SNAP_A]).contains("the clerk said."));
    s.run(&["--check"]).success();
}

#[test]
fn a_first_run_over_many_documents_lists_a_few_and_counts_the_rest() {
    let s = Setup::new(&[]);
    for i in 0..25 {
        s.write_doc(
            &format!("d{i:02}.txt"),
            &format!("Item {i}\n\nA short report number {i}.\n"),
        );
    }
    let out = stdout(&s.run(&[]).success());
    assert_eq!(
        out.lines().filter(|l| l.starts_with("new: ")).count(),
        20,
        "{out}"
    );
    assert!(out.contains("(5 more new snapshots not listed)"), "{out}");
    assert!(
        out.contains("25 documents, 25 snapshots: 0 unchanged, 25 new"),
        "{out}"
    );
    assert_eq!(s.files().len(), 25);
}

#[test]
fn a_new_document_fails_a_check_and_is_written_locally() {
    let s = Setup::new(&[("a.txt", A)]);
    s.run(&[]).success();
    s.write_doc("b.txt", B);
    let check = s.run_ci(&[]).code(1);
    assert!(
        stdout(&check).contains("new: corpus/b.txt [text]"),
        "{}",
        stdout(&check)
    );
    assert!(!s.files().contains_key(SNAP_B));
    s.run(&[]).success();
    assert!(s.files().contains_key(SNAP_B));
}

#[test]
fn unreferenced_snapshots_are_reported() {
    let s = Setup::new(&[("a.txt", A), ("b.txt", B)]);
    s.run(&[]).success();
    fs::remove_file(s.tmp.path().join("corpus/b.txt")).unwrap();

    // default: a warning naming the file and the document, not a failure
    let warn = s.run(&["--check"]).success();
    let err = stderr(&warn);
    assert!(err.contains("unreferenced snapshot"), "{err}");
    assert!(
        err.contains(SNAP_B) && err.contains("(document corpus/b.txt)"),
        "{err}"
    );

    let reject = s.run(&["--check", "--unreferenced", "reject"]).code(1);
    assert!(
        stdout(&reject).contains(&format!("unreferenced: snaps/{SNAP_B}")),
        "{}",
        stdout(&reject)
    );
    // under a check `delete` writes nothing and rejects
    s.run_ci(&["--unreferenced", "delete"]).code(1);
    assert!(s.files().contains_key(SNAP_B));

    let delete = s.run(&["--unreferenced", "delete"]).success();
    assert!(
        stdout(&delete).contains("deleted unreferenced"),
        "{}",
        stdout(&delete)
    );
    assert_eq!(s.files().keys().cloned().collect::<Vec<_>>(), [SNAP_A]);
    s.run(&["--check", "--unreferenced", "reject"]).success();
}

#[test]
fn a_redacted_field_change_does_not_fail() {
    let s = Setup::new(&[("a.txt", A)]);
    fs::create_dir_all(s.snaps()).unwrap();
    fs::write(
        s.snaps().join("lede-snapshot.toml"),
        "[[redact]]\nanalyzer = \"text\"\npath = \"paragraphs.*.sentences.*.text\"\nignore = true\n",
    )
    .unwrap();
    s.run(&[]).success();
    let body = String::from_utf8(s.files()[SNAP_A].clone()).unwrap();
    assert!(body.contains("text: \"[redacted]\""), "{body}");
    assert!(!body.contains("council"), "{body}");

    // same length, so offsets and word count stay: only the redacted text differs
    s.write_doc("a.txt", &A.replace("Tuesday", "Fridays"));
    s.run(&["--check"]).success();
    s.run_ci(&[]).success();

    // without the rule the same change fails
    let empty = s.tmp.path().join("empty.toml");
    fs::write(&empty, "").unwrap();
    s.run(&["--check", "--config", empty.to_str().unwrap()])
        .code(1);

    // a broken config is a usage error naming the file
    fs::write(
        s.snaps().join("lede-snapshot.toml"),
        "[[redact]]\npath = \"x\"\n",
    )
    .unwrap();
    let bad = s.run(&["--check"]).code(2);
    assert!(
        stderr(&bad).contains("lede-snapshot.toml"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn jsonl_ids_become_safe_distinct_names() {
    let s = Setup::new(&[]);
    s.write_doc(
        "feed.jsonl",
        concat!(
            "{\"id\": \"world/2024/a b\", \"text\": \"One sentence here.\"}\n",
            "{\"id\": \"world/2024/a b\", \"text\": \"Another sentence here.\"}\n",
            "{\"text\": \"No id at all.\"}\n",
            "not json\n",
        ),
    );
    s.run(&[]).success();
    let names: Vec<String> = s.files().keys().cloned().collect();
    assert_eq!(
        names,
        [
            "corpus%2Ffeed.jsonl%3A3__text.snap",
            "corpus%2Ffeed.jsonl%3A4__text.snap",
            "world%2F2024%2Fa%20b%232__text.snap",
            "world%2F2024%2Fa%20b__text.snap",
        ]
    );
    let bad = String::from_utf8(s.files()["corpus%2Ffeed.jsonl%3A4__text.snap"].clone()).unwrap();
    assert!(bad.contains("error: \"line is not valid JSON"), "{bad}");
    s.run(&["--check"]).success();
}

#[test]
fn snapshots_are_identical_for_any_number_of_threads() {
    let s = Setup::new(&[]);
    for i in 0..40 {
        s.write_doc(
            &format!("doc{i:02}.txt"),
            &format!(
                "Report {i}\n\nOfficials said on Monday that {i} homes were damaged. \"We are \
                 rebuilding,\" one said.\n\nMore rain is expected.{}\n",
                " It fell hard.".repeat(i % 5)
            ),
        );
    }
    s.run(&["--jobs", "1"]).success();
    let one = s.files();
    assert_eq!(one.len(), 40);
    fs::remove_dir_all(s.snaps()).unwrap();
    s.run(&["--jobs", "4"]).success();
    assert_eq!(s.files(), one);
}

/// Where cargo-insta is installed, it lists the pending snapshots `lede snapshot` wrote (in a
/// folder made a Cargo package by the stub manifest of docs/snapshots.md) and its `accept`
/// leaves files byte-identical to `lede snapshot review --accept-all`. Ignored unless asked
/// for (`cargo test -p lede-cli -- --ignored cargo_insta`): cargo-insta is not a test
/// dependency.
#[test]
#[ignore = "needs cargo-insta (cargo install cargo-insta), run with --ignored"]
fn cargo_insta_lists_and_accepts_pending_snapshots() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let has_insta = std::process::Command::new(&cargo)
        .args(["insta", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        has_insta,
        "cargo-insta is not installed (`cargo install cargo-insta`)"
    );
    let s = Setup::new(&[("a.txt", A), ("b.txt", B)]);
    s.run(&[]).success();
    s.write_doc("a.txt", &A.replace("Tuesday", "Thursday"));
    s.run(&[]).code(1);
    fs::write(
        s.snaps().join("Cargo.toml"),
        "[package]\nname = \"lede-snapshots\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[lib]\npath = \"lib.rs\"\n\n[workspace]\n",
    )
    .unwrap();
    // the same pending state, reviewed by lede, for comparison
    let by_lede = s.tmp.path().join("by-lede");
    fs::create_dir_all(&by_lede).unwrap();
    for (name, bytes) in s.files() {
        fs::write(by_lede.join(name), bytes).unwrap();
    }
    lede()
        .args(["snapshot", "review", "--accept-all", "--dir"])
        .arg(&by_lede)
        .assert()
        .success();

    let insta = |args: &[&str]| {
        let out = std::process::Command::new(&cargo)
            .arg("insta")
            .args(args)
            .current_dir(s.snaps())
            .env_remove("CI")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let listed = insta(&["pending-snapshots"]);
    assert!(listed.contains(SNAP_A), "{listed}");
    assert!(!listed.contains(SNAP_B), "{listed}");
    insta(&["accept"]);
    for name in [SNAP_A, SNAP_B] {
        assert_eq!(
            fs::read(s.snaps().join(name)).unwrap(),
            fs::read(by_lede.join(name)).unwrap(),
            "{name}"
        );
    }
    assert!(!s.snaps().join(format!("{SNAP_A}.new")).exists());
    s.run(&["--check"]).success();
}

/// The acceptance check on real news text: all available analysers over the FNC-1
/// train bodies, with 1 thread and with all, give identical snapshot folders.
#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]
fn fnc1_bodies_snapshot_identically_with_one_and_all_threads() {
    let data = crate::common::shared_data();
    let input = data.join("news/fnc1-train-bodies.jsonl");
    let tmp = tempfile::tempdir().unwrap();
    let run = |dir: &str, jobs: Option<&str>| {
        let mut cmd = lede();
        cmd.current_dir(tmp.path())
            .env_remove("CI")
            .arg("snapshot")
            .arg(&input)
            .args(["--dir", dir]);
        if let Some(j) = jobs {
            cmd.args(["--jobs", j]);
        }
        cmd.assert().success();
        folder_contents(&tmp.path().join(dir))
    };
    let one = run("one", Some("1"));
    let all = run("all", None);
    assert!(one.len() >= 1683, "{} files", one.len());
    assert!(
        one == all,
        "snapshot folders differ between --jobs 1 and all threads"
    );
}

#[test]
fn usage_errors() {
    let s = Setup::new(&[("a.txt", A)]);
    let missing = lede()
        .current_dir(s.tmp.path())
        .env_remove("CI")
        .args(["snapshot", "nope", "--dir", "snaps"])
        .assert()
        .code(2);
    assert!(stderr(&missing).contains("nope"), "{}", stderr(&missing));
    assert!(!s.snaps().exists());
    let accept_in_ci = s.run_ci(&["--accept"]).code(2);
    assert!(
        stderr(&accept_in_ci).contains("--accept"),
        "{}",
        stderr(&accept_in_ci)
    );
}
