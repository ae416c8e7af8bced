//! `lede analyze` and `lede analyzers` at the process boundary: one record per input in input
//! order whatever goes wrong, exit codes, broken pipes, thread-count determinism, and snapshots
//! of the output formats.

use std::io::Read as _;
use std::path::Path;
use std::process::Stdio;

use serde_json::Value;

use crate::common::{corpus_files, lede, root, shared_data, stdout_success};

const GOOD: &str = "Port Talks Resume\n\nLagos: Talks resumed on Monday, the union said. \
“We are ready,” its leader told reporters.\n";

/// Runs `lede analyze --format jsonl ARGS` in `dir` and returns the exit code, the records
/// and stderr.
fn analyze(dir: &Path, args: &[&str]) -> (i32, Vec<Value>, String) {
    let out = lede()
        .current_dir(dir)
        .args(["analyze", "--format", "jsonl"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
    let records = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is one JSON record"))
        .collect();
    (
        out.status.code().expect("exited normally"),
        records,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ids(records: &[Value]) -> Vec<&str> {
    records.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

fn error(r: &Value) -> &str {
    r["error"].as_str().unwrap_or("")
}

/// A good record: no error of any kind, the `text` analyser's output present.
fn assert_analysed(r: &Value) {
    assert!(r.get("error").is_none(), "unexpected error in {r}");
    assert!(
        r.get("errors").is_none(),
        "unexpected analyser errors in {r}"
    );
    assert_eq!(r["schema_version"], 1);
    assert!(
        !r["results"]["text"]["paragraphs"]
            .as_array()
            .unwrap()
            .is_empty(),
        "no paragraphs in {r}"
    );
}

fn tempdir_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

#[test]
fn invalid_utf8_file_fails_alone() {
    let mut bad = GOOD.as_bytes().to_vec();
    bad.splice(20..20, [0xff, 0xfe]);
    let dir = tempdir_with(&[
        ("a.txt", GOOD.as_bytes()),
        ("b.txt", &bad),
        ("c.txt", GOOD.as_bytes()),
    ]);
    let (code, recs, stderr) = analyze(dir.path(), &["-a", "text", "."]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(ids(&recs), ["./a.txt", "./b.txt", "./c.txt"]);
    assert_analysed(&recs[0]);
    assert_eq!(
        error(&recs[1]),
        "not valid UTF-8 (first invalid byte at offset 20)"
    );
    assert!(recs[1]
        .get("results")
        .unwrap()
        .as_object()
        .unwrap()
        .is_empty());
    assert_analysed(&recs[2]);
    assert!(stderr.contains("1 of 3 documents had errors"), "{stderr}");
}

#[test]
fn jsonl_line_that_is_not_json_fails_alone() {
    let lines = format!(
        "{}\n{{\"id\": \"two\", \"text\": unquoted}}\n\n{}\n\u{0}\u{1}garbage\n",
        serde_json::json!({"id": "one", "text": GOOD}),
        serde_json::json!({"text": GOOD}),
    );
    let mut bytes = lines.into_bytes();
    // and a line that is not UTF-8 at all
    bytes.extend_from_slice(b"{\"id\": \"x\", \"text\": \"caf\xe9\"}\n");
    let dir = tempdir_with(&[("in.jsonl", &bytes)]);
    let (code, recs, _) = analyze(dir.path(), &["-a", "text", "in.jsonl"]);
    assert_eq!(code, 1);
    // the blank line 3 is skipped but counted: ids without an `id` are `path:line`
    assert_eq!(
        ids(&recs),
        [
            "one",
            "in.jsonl:2",
            "in.jsonl:4",
            "in.jsonl:5",
            "in.jsonl:6"
        ]
    );
    assert_analysed(&recs[0]);
    assert!(
        error(&recs[1]).starts_with("line is not valid JSON: "),
        "{}",
        recs[1]
    );
    assert_analysed(&recs[2]);
    assert!(error(&recs[3]).starts_with("line is not valid JSON: "));
    assert_eq!(
        error(&recs[4]),
        "line is not valid UTF-8 (first invalid byte at offset 24)"
    );
}

#[test]
fn jsonl_line_without_text_fails_alone_and_keeps_its_metadata() {
    let bytes = [
        serde_json::json!({"id": "a", "text": GOOD}),
        serde_json::json!({"id": "b", "title": "No body", "date": "2024-03-01"}),
        serde_json::json!({"id": "c", "text": 42}),
        serde_json::json!({"id": "d", "text": GOOD, "date": "yesterday"}),
        serde_json::json!(["not", "an", "object"]),
        serde_json::json!({"id": "f", "text": GOOD}),
    ]
    .map(|v| v.to_string())
    .join("\n");
    let dir = tempdir_with(&[("in.jsonl", bytes.as_bytes())]);
    let (code, recs, _) = analyze(dir.path(), &["-a", "text", "in.jsonl"]);
    assert_eq!(code, 1);
    assert_eq!(ids(&recs), ["a", "b", "c", "d", "in.jsonl:5", "f"]);
    assert_eq!(error(&recs[1]), "JSON object has no `text` field");
    assert_eq!(recs[1]["metadata"]["title"], "No body");
    assert_eq!(recs[1]["metadata"]["date"], "2024-03-01");
    assert_eq!(error(&recs[2]), "`text` is not a string");
    assert!(error(&recs[3]).starts_with("invalid `date` \"yesterday\""));
    assert_eq!(error(&recs[4]), "line is not a JSON object");
    for i in [0, 5] {
        assert_analysed(&recs[i]);
    }
}

#[test]
fn empty_documents_fail_alone() {
    let jsonl = [
        serde_json::json!({"id": "empty-json", "text": ""}),
        serde_json::json!({"id": "good-json", "text": GOOD}),
        serde_json::json!({"id": "blank-json", "text": " \n\t "}),
    ]
    .map(|v| v.to_string())
    .join("\n");
    let dir = tempdir_with(&[
        ("1.txt", b""),
        ("2.txt", GOOD.as_bytes()),
        ("3.txt", b"\r\n  \r\n"),
        ("4.jsonl", jsonl.as_bytes()),
        ("5.jsonl", b""),
    ]);
    let (code, recs, _) = analyze(dir.path(), &["-a", "text", "."]);
    assert_eq!(code, 1);
    // an empty JSON Lines file holds no document, hence no record
    assert_eq!(
        ids(&recs),
        [
            "./1.txt",
            "./2.txt",
            "./3.txt",
            "empty-json",
            "good-json",
            "blank-json"
        ]
    );
    for i in [0, 2, 3, 5] {
        assert_eq!(error(&recs[i]), "document is empty", "{}", recs[i]);
    }
    assert_analysed(&recs[1]);
    assert_analysed(&recs[4]);
}

#[test]
fn missing_file_fails_alone() {
    let dir = tempdir_with(&[("a.txt", GOOD.as_bytes()), ("c.txt", GOOD.as_bytes())]);
    let (code, recs, stderr) = analyze(dir.path(), &["-a", "text", "a.txt", "nope.txt", "c.txt"]);
    assert_eq!(code, 1);
    assert_eq!(ids(&recs), ["a.txt", "nope.txt", "c.txt"]);
    assert_eq!(error(&recs[1]), "no such file or folder");
    assert!(
        stderr.contains("nope.txt: no such file or folder"),
        "{stderr}"
    );
    assert_analysed(&recs[0]);
    assert_analysed(&recs[2]);
}

#[test]
fn huge_document_without_newline_fails_alone() {
    const SIZE: usize = 100 * 1024 * 1024;
    let dir = tempdir_with(&[("a.txt", GOOD.as_bytes()), ("c.txt", GOOD.as_bytes())]);
    let huge: Vec<u8> = b"word ".repeat(SIZE / 5);
    std::fs::write(dir.path().join("b.txt"), &huge).unwrap();
    // the same as one JSON Lines line, between two good ones
    let mut jsonl = Vec::with_capacity(SIZE + 200);
    jsonl.extend_from_slice(
        serde_json::json!({"id": "j1", "text": GOOD})
            .to_string()
            .as_bytes(),
    );
    jsonl.extend_from_slice(b"\n{\"id\": \"j2\", \"text\": \"");
    jsonl.extend_from_slice(&huge);
    jsonl.extend_from_slice(b"\"}\n");
    jsonl.extend_from_slice(
        serde_json::json!({"id": "j3", "text": GOOD})
            .to_string()
            .as_bytes(),
    );
    std::fs::write(dir.path().join("d.jsonl"), &jsonl).unwrap();
    drop((huge, jsonl));
    let (code, recs, _) = analyze(dir.path(), &["-a", "text", "."]);
    assert_eq!(code, 1);
    assert_eq!(
        ids(&recs),
        ["./a.txt", "./b.txt", "./c.txt", "j1", "./d.jsonl:2", "j3"]
    );
    for i in [1, 4] {
        assert!(
            error(&recs[i]).starts_with("document is larger than the limit of 4194304 bytes"),
            "{}",
            recs[i]
        );
    }
    for i in [0, 2, 3, 5] {
        assert_analysed(&recs[i]);
    }
}

#[test]
fn unbalanced_quotation_marks_are_analysed_without_error() {
    let dir = tempdir_with(&[
        (
            "open.txt",
            "Minister Quits\n\nGENEVA: “We will not return, the minister said on Friday. \
             She left the room.\n\nThe talks resume next week."
                .as_bytes(),
        ),
        (
            "close.txt",
            "Deal Agreed\n\nLagos: The union accepted the offer.” Talks end,\" he said. \
             ‘Good, she added.\n"
                .as_bytes(),
        ),
    ]);
    // every analyser, built-in or added later, must cope
    let (code, recs, stderr) = analyze(dir.path(), &["close.txt", "open.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(ids(&recs), ["close.txt", "open.txt"]);
    for r in &recs {
        assert_analysed(r);
    }
}

#[test]
fn usage_errors_exit_2_with_a_message_and_no_output() {
    let corpus = root().join("tests/corpus");
    let corpus = corpus.to_str().unwrap();
    for (args, message) in [
        (
            vec!["--analyzers", "nosuch", corpus],
            "unknown analyser `nosuch`",
        ),
        (vec!["--jobs", "0", corpus], "--jobs"),
        (vec!["--date", "2024-13-01", corpus], "invalid date"),
        (vec!["--format", "xml", corpus], "xml"),
        (vec!["--no-such-option", corpus], "--no-such-option"),
    ] {
        let out = lede().arg("analyze").args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn stdin_text_and_jsonl_get_stable_ids() {
    let out = lede()
        .args([
            "analyze",
            "-f",
            "jsonl",
            "-a",
            "text",
            "--date",
            "2024-05-02",
            "-",
        ])
        .write_stdin(GOOD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["id"], "<stdin>");
    assert_eq!(r["metadata"]["title"], "Port Talks Resume");
    assert_eq!(r["metadata"]["date"], "2024-05-02");

    // no INPUT at all reads stdin when it is not a terminal; JSON Lines is recognised by `{`
    let jsonl = format!(
        "{}\n{}\n",
        serde_json::json!({"text": GOOD, "date": "2020-01-31"}),
        serde_json::json!({"text": GOOD}),
    );
    let out = lede()
        .args([
            "analyze",
            "-f",
            "jsonl",
            "-a",
            "text",
            "--date",
            "2024-05-02",
        ])
        .write_stdin(jsonl)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let recs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(ids(&recs), ["<stdin>:1", "<stdin>:2"]);
    // the document's own date wins over --date
    assert_eq!(recs[0]["metadata"]["date"], "2020-01-31");
    assert_eq!(recs[1]["metadata"]["date"], "2024-05-02");
}

#[test]
fn broken_pipe_exits_0() {
    // enough output to fill the pipe, so that `lede` is still writing when it closes
    let corpus = root().join("tests/corpus");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("lede"))
        .args(["analyze", "--format", "json", "-a", "text"])
        .args(std::iter::repeat_n(&corpus, 100))
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"[");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn same_output_with_one_thread_and_many() {
    let run = |jobs: &str| {
        let out = lede()
            .current_dir(root())
            .args([
                "analyze",
                "--format",
                "jsonl",
                "--date",
                "2026-11-20",
                "--jobs",
                jobs,
            ])
            .args(["tests/corpus", "tests/corpus"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = run("1");
    assert_eq!(
        String::from_utf8_lossy(&one).lines().count(),
        2 * corpus_files().len()
    );
    assert!(one == run("4"), "--jobs 1 and --jobs 4 differ");
}

#[test]
fn the_corpus_is_analysed_without_error_by_every_analyser() {
    let (code, recs, stderr) = analyze(&root(), &["--date", "2026-11-20", "tests/corpus"]);
    assert_eq!(code, 0, "{stderr}");
    let expected: Vec<String> = corpus_files()
        .iter()
        .map(|f| format!("tests/corpus/{}", f.file_name().unwrap().to_string_lossy()))
        .collect();
    assert_eq!(ids(&recs), expected);
    for r in &recs {
        assert_analysed(r);
    }
}

#[test]
#[cfg_attr(not(shared_seed), ignore = "needs ../shared/seed")]
fn the_seed_article_is_analysed_without_error() {
    let seed = crate::common::shared("seed");
    let (code, recs, stderr) = analyze(&seed, &["."]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(ids(&recs), ["./000_47459a84323fbb6b.txt"]);
    assert_analysed(&recs[0]);
}

#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]
fn fnc1_bodies_are_analysed_one_record_each_without_error() {
    let data = shared_data();
    let path = data.join("news/fnc1-train-bodies.jsonl");
    let expected: Vec<String> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let (code, recs, stderr) = analyze(&root(), &["--date", "2017-06-01", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(ids(&recs), expected);
    for r in &recs {
        assert_analysed(r);
    }
}

/// The text analyser only, so that the snapshots do not change when analysers are added.
fn snapshot_cmd(format: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("lede"));
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("RUST_LOG")
        .args([
            "analyze",
            "-a",
            "text",
            "--date",
            "2026-11-20",
            "--format",
            format,
        ])
        .arg("tests/corpus/01_diplomacy_geneva.txt");
    cmd
}

#[test]
fn snapshot_text_format() {
    insta_cmd::assert_cmd_snapshot!(snapshot_cmd("text"));
}

#[test]
fn snapshot_json_format() {
    insta_cmd::assert_cmd_snapshot!(snapshot_cmd("json"));
}

#[test]
fn snapshot_jsonl_format() {
    insta_cmd::assert_cmd_snapshot!(snapshot_cmd("jsonl"));
}

#[test]
fn snapshot_analyzers_list() {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("lede"));
    cmd.args(["analyzers", "-a", "text"]).env("NO_COLOR", "1");
    insta_cmd::assert_cmd_snapshot!(cmd);
}

#[cfg(unix)]
#[test]
fn output_redirected_into_the_input_folder_is_not_read_back() {
    let dir = tempdir_with(&[("a.txt", GOOD.as_bytes())]);
    let out_path = dir.path().join("out.jsonl");
    let run = |args: &[&str]| {
        let out = std::fs::File::create(&out_path).unwrap();
        let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("lede"))
            .current_dir(dir.path())
            .args(["analyze", "-f", "jsonl", "-a", "text"])
            .args(args)
            .stdout(out)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        let recs: Vec<Value> = std::fs::read_to_string(&out_path)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (status.code(), recs)
    };
    // found while walking the folder: skipped
    let (code, recs) = run(&["."]);
    assert_eq!(code, Some(0));
    assert_eq!(ids(&recs), ["./a.txt"]);
    // named explicitly: an error record
    let (code, recs) = run(&["a.txt", "out.jsonl"]);
    assert_eq!(code, Some(1));
    assert_eq!(ids(&recs), ["a.txt", "out.jsonl"]);
    assert!(error(&recs[1]).contains("this command's output"));
}

#[test]
fn byte_order_marks_are_accepted_and_utf16_is_named() {
    let mut jsonl = b"\xEF\xBB\xBF".to_vec();
    jsonl.extend_from_slice(
        serde_json::json!({"id": "bom", "text": GOOD})
            .to_string()
            .as_bytes(),
    );
    let mut txt = b"\xEF\xBB\xBF".to_vec();
    txt.extend_from_slice(GOOD.as_bytes());
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(GOOD.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let dir = tempdir_with(&[("a.jsonl", &jsonl), ("b.txt", &txt), ("c.txt", &utf16)]);
    let (code, recs, _) = analyze(dir.path(), &["-a", "text", "."]);
    assert_eq!(code, 1);
    assert_eq!(ids(&recs), ["bom", "./b.txt", "./c.txt"]);
    assert_analysed(&recs[0]);
    assert_analysed(&recs[1]);
    assert_eq!(recs[1]["metadata"]["title"], "Port Talks Resume");
    assert!(
        error(&recs[2]).ends_with("it looks like UTF-16: convert it to UTF-8"),
        "{}",
        recs[2]
    );
}

#[test]
fn the_size_limit_can_be_set() {
    let dir = tempdir_with(&[("a.txt", GOOD.as_bytes())]);
    let len = GOOD.len().to_string();
    let below = (GOOD.len() - 1).to_string();
    let (code, recs, _) = analyze(
        dir.path(),
        &["-a", "text", "--max-doc-bytes", &len, "a.txt"],
    );
    assert_eq!(code, 0);
    assert_analysed(&recs[0]);
    let (code, recs, _) = analyze(
        dir.path(),
        &["-a", "text", "--max-doc-bytes", &below, "a.txt"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        error(&recs[0]),
        format!(
            "document is larger than the limit of {below} bytes (raise it with --max-doc-bytes)"
        )
    );
}

/// Every span (`{start, end, text}`) in a JSON value, as (start, end, text).
fn spans(v: &Value, out: &mut Vec<(usize, usize, String)>) {
    match v {
        Value::Object(m) => {
            if let (Some(s), Some(e), Some(t)) = (
                m.get("start").and_then(Value::as_u64),
                m.get("end").and_then(Value::as_u64),
                m.get("text").and_then(Value::as_str),
            ) {
                out.push((
                    usize::try_from(s).unwrap(),
                    usize::try_from(e).unwrap(),
                    t.to_owned(),
                ));
            }
            m.values().for_each(|x| spans(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| spans(x, out)),
        _ => {}
    }
}

#[test]
fn offsets_count_bytes_by_default_and_characters_on_request() {
    // accents, a dash and curly quotes before the spans: bytes and characters differ
    let text = "Zürich Talks Resume\n\nZÜRICH – Talks resumed on Monday, the négociateurs said. \
                “We are ready,” said Anna Müller, who leads the Swiss délégation.\n";
    let dir = tempdir_with(&[("a.txt", text.as_bytes())]);
    let chars: Vec<char> = text.chars().collect();
    for (flag, slice) in [
        (
            "bytes",
            &(|s: usize, e: usize| text[s..e].to_owned()) as &dyn Fn(usize, usize) -> String,
        ),
        ("chars", &|s: usize, e: usize| chars[s..e].iter().collect()),
    ] {
        let (code, records, stderr) = analyze(dir.path(), &["--offsets", flag, "a.txt"]);
        assert_eq!(code, 0, "{stderr}");
        let mut found = Vec::new();
        spans(&records[0]["metadata"], &mut found);
        spans(&records[0]["results"], &mut found);
        assert!(found.len() > 10, "{found:?}");
        assert!(
            found.iter().any(|(_, _, t)| t == "Anna Müller"),
            "{found:?}"
        );
        for (s, e, t) in &found {
            assert_eq!(&slice(*s, *e), t, "--offsets {flag}: span {s}..{e}");
        }
    }
}

/// One colour rule: `--color` first, then `NO_COLOR` (set and not empty) and `CLICOLOR_FORCE`;
/// a pipe is not coloured by default.
#[test]
fn color_follows_the_flag_then_the_environment() {
    let dir = tempdir_with(&[("a.txt", b"Talks ended on Tuesday.\n")]);
    let colored = |flag: &[&str], env: &[(&str, &str)]| {
        let mut cmd = lede();
        cmd.env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR")
            .args(["analyze", "-a", "text", "--format", "text"])
            .args(flag)
            .arg(dir.path().join("a.txt"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        stdout_success(&mut cmd).contains(&0x1b)
    };
    assert!(!colored(&[], &[]), "a pipe is plain");
    assert!(colored(&["--color", "always"], &[("NO_COLOR", "1")]));
    assert!(colored(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!colored(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    assert!(colored(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "")]));
    assert!(!colored(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]));
}

#[test]
fn a_time_budget_stops_an_analyser_with_an_error_for_that_document_only() {
    // many sentences, so that the analysers reach their checkpoints often
    let long = "Minister Ada Obi met officials of Harbor Group in Lagos on Monday. ".repeat(400);
    let dir = tempdir_with(&[("a.txt", GOOD.as_bytes()), ("b.txt", long.as_bytes())]);
    let (code, recs, err) = analyze(dir.path(), &["--analyzer-budget", "0.000001", "."]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(ids(&recs), ["./a.txt", "./b.txt"]);
    let stopped: Vec<&str> = recs[1]["errors"]
        .as_array()
        .expect("errors for the long document")
        .iter()
        .filter(|e| e["message"].as_str().unwrap().contains("time budget"))
        .map(|e| e["analyzer"].as_str().unwrap())
        .collect();
    assert!(stopped.contains(&"entity"), "{}", recs[1]);
    assert!(
        recs[1]["results"]["text"].is_object(),
        "the text layers stay: {}",
        recs[1]
    );
    // without the budget the same document is analysed whole
    let (code, recs, err) = analyze(dir.path(), &["b.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(recs[0].get("errors").is_none(), "{}", recs[0]);
}
