//! `--format conll|brat|timeml`, `--out-dir` and `lede schema`: what lede writes, lede's own
//! readers read back (`lede eval ner`, `lede eval quotes`, `lede eval timex`).

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::{json_success, lede, root, stdout_success};

const DATE: &str = "2024-03-12";

fn records(args: &[&str]) -> Vec<Value> {
    let out = stdout_success(
        lede()
            .current_dir(root())
            .args(["analyze", "--format", "jsonl", "--date", DATE])
            .args(args),
    );
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn conll_reads_back_as_the_records_mentions() {
    let conll = stdout_success(lede().current_dir(root()).args([
        "analyze",
        "--format",
        "conll",
        "--date",
        DATE,
        "tests/corpus",
    ]));
    let conll = String::from_utf8(conll).unwrap();
    let recs = records(&["tests/corpus"]);
    assert_eq!(conll.matches("-DOCSTART-").count(), recs.len());
    let docs = lede_entity::conll::parse(&conll).expect("lede's CoNLL reader reads it");
    assert_eq!(docs.len(), recs.len());
    for (doc, rec) in docs.iter().zip(&recs) {
        let mut got = Vec::new();
        for s in &doc.sentences {
            for c in lede_entity::conll::chunks(&s.tags) {
                got.push((
                    serde_json::to_value(c.etype).unwrap(),
                    s.words[c.start..c.end].concat(),
                ));
            }
        }
        let want: Vec<(Value, String)> = rec["results"]["entity"]["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["kind"] == "name")
            .map(|m| {
                let words: String = m["text"].as_str().unwrap().split_whitespace().collect();
                (m["type"].clone(), words)
            })
            .collect();
        assert!(!want.is_empty());
        assert_eq!(got, want, "{}", rec["id"]);
    }
}

#[test]
fn conll_scores_one_against_itself_through_eval_ner() {
    // no dateline, section or line break inside a sentence: what `lede eval ner` runs on the
    // tokens is what `lede analyze` runs on the document
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(
        &article,
        "Talks Resume in Vienna as Veloria Returns\n\nMaria Okafor, the chief negotiator of \
         Veloria, met Kofi Mensah of the Lagos Port Authority on Monday. Okafor said the United \
         Nations would host the next round in Geneva, and Mensah agreed.\n",
    )
    .unwrap();
    let conll = stdout_success(lede().args(["analyze", "--format", "conll"]).arg(&article));
    let gold = dir.path().join("a.conll");
    fs::write(&gold, conll).unwrap();
    let v = json_success(
        lede()
            .args(["eval", "ner", "--format", "json", "--gold"])
            .arg(&gold),
    );
    assert!(v["gold_entities"].as_u64().unwrap() >= 5, "{v}");
    assert_eq!(v["overall"]["f1"].as_f64(), Some(1.0), "{v}");
}

/// The characters `start..end` of `text`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn brat_files_read_back_through_eval_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    let run = lede()
        .current_dir(root())
        .args(["analyze", "--format", "brat", "--date", DATE, "--out-dir"])
        .arg(&out)
        .arg("tests/corpus")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty(), "files, not stdout");
    assert!(out.join("annotation.conf").is_file());
    let mut events = 0;
    for entry in fs::read_dir(root().join("tests/corpus")).unwrap() {
        let input = entry.unwrap().path();
        if input.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let stem = format!(
            "tests_corpus_{}",
            input.file_stem().unwrap().to_str().unwrap()
        );
        let text = fs::read_to_string(out.join(format!("{stem}.txt"))).unwrap();
        assert_eq!(
            text,
            fs::read_to_string(&input).unwrap(),
            "the text as read"
        );
        let ann = fs::read_to_string(out.join(format!("{stem}.ann"))).unwrap();
        for line in ann.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols[0].starts_with('E') {
                events += 1;
                continue;
            }
            let (_, offsets) = cols[1].split_once(' ').unwrap();
            let pieces: Vec<String> = offsets
                .split(';')
                .map(|f| {
                    let (a, b) = f.split_once(' ').unwrap();
                    chars(&text, a.parse().unwrap(), b.parse().unwrap())
                })
                .collect();
            assert_eq!(pieces.join(" "), cols[2], "{line}");
        }
    }
    assert!(events > 20, "{events} attributions");
    let v = json_success(
        lede()
            .args(["eval", "quotes", "--format", "json", "--gold"])
            .arg(&out),
    );
    assert_eq!(v["documents"], 12);
    for part in ["source", "cue", "content"] {
        assert_eq!(v["exact"][part]["f1"].as_f64(), Some(1.0), "{part}: {v}");
    }
}

fn count_files(dir: &Path, ext: &str) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == ext)
        })
        .count()
}

#[test]
fn timeml_writes_one_file_per_document_that_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    fs::write(
        &input,
        "{\"id\": \"q/1\", \"text\": \"She said \\\"we meet on Friday\\\" & left on 3 May 2024.\\r\\nNext week, talks.\"}\n\
         {\"id\": \"q:1\", \"text\": \"The vote was held in 2019 <after> a long debate.\"}\n\
         {\"id\": \"empty\", \"text\": \"\"}\n",
    )
    .unwrap();
    let out = dir.path().join("tml");
    let run = lede()
        .args(["analyze", "--format", "timeml", "--date", DATE, "--out-dir"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "one document is empty");
    assert_eq!(
        count_files(&out, "tml"),
        2,
        "the empty document has no text to write"
    );
    let first = fs::read_to_string(out.join("q_1.tml")).unwrap();
    assert!(
        first.contains("She said \"we meet on "),
        "`\"` stays as it is: {first}"
    );
    assert!(
        first.contains("&amp; left") && first.contains("&#13;\n"),
        "{first}"
    );
    let second = fs::read_to_string(out.join("q_1-2.tml")).unwrap();
    assert!(second.contains("&lt;after&gt;"), "{second}");
    // what it writes, `eval timex` reads: scoring the files against themselves is perfect
    let v = json_success(
        lede()
            .args(["eval", "timex", "--format", "json", "--gold"])
            .arg(&out),
    );
    assert!(v["strict"]["f1"].as_f64() == Some(1.0), "{v}");
}

#[test]
fn one_file_formats_take_one_document_without_out_dir() {
    for format in ["timeml", "brat"] {
        let out = lede()
            .current_dir(root())
            .args(["analyze", "--format", format, "tests/corpus"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(out.stdout.is_empty(), "{format}: nothing written");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("give --out-dir DIR"), "{err}");
        // one document: to stdout
        let one = stdout_success(lede().current_dir(root()).args([
            "analyze",
            "--format",
            format,
            "tests/corpus/01_diplomacy_geneva.txt",
        ]));
        assert!(!one.is_empty(), "{format}");
    }
    let out = lede()
        .current_dir(root())
        .args([
            "analyze",
            "--format",
            "jsonl",
            "--out-dir",
            "x",
            "tests/corpus",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format html, timeml or brat"));
}

#[test]
fn schema_is_the_committed_file() {
    let printed = stdout_success(lede().arg("schema"));
    let committed = fs::read(root().join("docs/record.schema.json")).unwrap();
    assert_eq!(printed, committed);
    let v: Value = serde_json::from_slice(&printed).unwrap();
    assert_eq!(v["properties"]["schema_version"]["const"], 1);
    // real output is checked against it by the Python tests (crates/lede-python/tests)
}
