//! `lede bench`: runs on a tiny input in both modes and reports consistent figures.

use std::fmt::Write as _;
use std::fs;

use crate::common::{json_success, lede, stdout_success};

fn tiny_input() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tiny.jsonl");
    let mut lines = String::new();
    for i in 0..20 {
        let _ = writeln!(
        lines,
            "{{\"id\": \"d{i}\", \"text\": \"KYIV: Mr. Vale said the U.S. plan costs $1.2bn. “It will work,” he said.\\n\\nTalks resume on Jan. {i}.\"}}"
        );
    }
    // one unreadable line: left out of the timing and counted
    lines.push_str("not json\n");
    fs::write(&path, lines).unwrap();
    (dir, path)
}

#[test]
fn layers_only_reports_words_and_rates_per_thread_count() {
    let (_dir, path) = tiny_input();
    let v = json_success(
        lede()
            .args([
                "bench",
                "--layers-only",
                "--threads",
                "1,2",
                "--repeat",
                "2",
            ])
            .args(["--format", "json"])
            .arg(&path),
    );
    assert_eq!(v["measures"], "layers");
    assert_eq!(v["documents"], 20);
    assert_eq!(v["unreadable"], 1);
    // words of one document: KYIV Mr. Vale said the U.S. plan costs 1.2bn It will work he said
    // Talks resume on Jan. N = 19 (the `$`, quotes and punctuation are not words)
    assert_eq!(v["words"], 20 * 19);
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    for (run, threads) in runs.iter().zip([1, 2]) {
        assert_eq!(run["threads"], threads);
        let wall = run["wall_seconds"].as_f64().unwrap();
        let wps = run["words_per_second"].as_f64().unwrap();
        assert!(wall > 0.0 && wps > 0.0, "{run}");
        // words per second is the words of all passes over the wall time
        assert!(
            (wps * wall - 2.0 * 20.0 * 19.0).abs() < 1e-6 * wps.max(1.0),
            "{run}"
        );
        assert_eq!(run["failed"], 0);
    }
}

#[test]
fn pipeline_mode_runs_the_chosen_analysers_and_prints_a_table() {
    let (_dir, path) = tiny_input();
    let stdout = stdout_success(
        lede()
            .args(["bench", "-a", "text", "--threads", "1", "--repeat", "1"])
            .arg(&path),
    );
    let text = String::from_utf8(stdout).unwrap();
    assert!(text.contains("pipeline: text"), "{text}");
    assert!(text.contains("20 documents"), "{text}");
    assert!(text.contains("words/cpu-s"), "{text}");
}

#[test]
fn bench_refuses_bad_arguments() {
    let (_dir, path) = tiny_input();
    for args in [
        vec!["--threads", "0"],
        vec!["--repeat", "0"],
        vec!["-a", "nosuch"],
    ] {
        let out = lede().arg("bench").args(&args).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn bench_reads_stdin_when_no_input_is_named() {
    let (_dir, path) = tiny_input();
    let v = json_success(
        lede()
            .args(["bench", "--layers-only", "--threads", "1", "--repeat", "1"])
            .args(["--format", "json"])
            .pipe_stdin(&path)
            .unwrap(),
    );
    assert_eq!(v["documents"], 20);
}
