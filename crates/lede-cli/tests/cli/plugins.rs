//! Plugins at the process boundary: each test builds a plugin crate of `plugins/` with cargo
//! (same profile as this test run), loads the library with `--plugin` or `LEDE_PLUGIN_PATH`
//! and checks what users see: the numbers plugin's findings beside the built-in analysers',
//! `lede analyzers` listing it, and every failure case (panic, bad JSON: an error record and
//! exit 1; ABI mismatch, missing symbol, not a library, name clash: exit 2 before any document,
//! naming the file). The `misbehave` plugin does, in its worker process, what would take an
//! in-process host down (abort, segfault, stack overflow, exit, loop, leak, huge output, stdout,
//! chdir): each test checks that every document keeps its record, that the failing documents
//! name the plugin's error, that the others keep every result, and that `lede` exits 1.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::{corpus_files, lede, root};

/// The plugin crates of `plugins/` that these tests load.
const PLUGINS: &[&str] = &[
    "lede-plugin-numbers",
    "testplug-panic",
    "testplug-abi-mismatch",
    "testplug-no-symbol",
    "testplug-bad-json",
    "testplug-misbehave",
];

/// The path of plugin crate `name`'s library. The first call builds all of [`PLUGINS`] in one
/// cargo run (one feature resolution, so shared dependencies compile once), in the same profile
/// as this test binary so that `cargo test --release` builds nothing twice.
fn plugin(name: &str) -> PathBuf {
    static BUILT: OnceLock<BTreeMap<String, PathBuf>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(root())
            .args(["build", "--quiet", "--message-format=json"]);
        for p in PLUGINS {
            cmd.args(["-p", p]);
        }
        if !cfg!(debug_assertions) {
            cmd.arg("--release");
        }
        let out = cmd.output().expect("cargo runs");
        assert!(
            out.status.success(),
            "cargo build of the plugins failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|m| m["reason"] == "compiler-artifact")
            .filter(|m| {
                m["target"]["kind"]
                    .as_array()
                    .is_some_and(|k| k.iter().any(|k| k == "cdylib"))
            })
            .filter_map(|m| {
                let lib = m["filenames"].as_array()?.iter().find_map(|f| {
                    let f = PathBuf::from(f.as_str()?);
                    f.extension()
                        .is_some_and(|e| e == std::env::consts::DLL_EXTENSION)
                        .then_some(f)
                })?;
                Some((m["target"]["name"].as_str()?.to_owned(), lib))
            })
            .collect()
    });
    // cargo names the library target after the package, with `_` for `-`
    built
        .get(&name.replace('-', "_"))
        .unwrap_or_else(|| panic!("cargo build reported no cdylib for {name}: {built:?}"))
        .clone()
}

fn corpus() -> PathBuf {
    root().join("tests/corpus")
}

/// Runs `lede ARGS` and returns (exit code, stdout, stderr).
fn run(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = lede()
        .env_remove("LEDE_PLUGIN_PATH")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().expect("exited normally, not by a signal"),
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

fn jsonl(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON record per line"))
        .collect()
}

/// The built-in analysers' names, from `lede analyzers --json` without plugins.
fn builtins() -> Vec<String> {
    let (code, out, err) = run(&[os("analyzers"), os("--json")]);
    assert_eq!(code, 0, "{err}");
    let list: Vec<Value> = serde_json::from_str(&out).unwrap();
    list.iter()
        .map(|a| a["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn numbers_plugin_findings_sit_beside_the_builtin_results() {
    let lib = plugin("lede-plugin-numbers");
    let article = corpus().join("05_merger.txt");
    let (code, out, err) = run(&[
        os("analyze"),
        os("--format"),
        os("json"),
        os("--plugin"),
        lib.as_os_str(),
        article.as_os_str(),
    ]);
    assert!(code == 0 || code == 1, "{err}");
    let records: Vec<Value> = serde_json::from_str(&out).expect("a JSON array");
    assert_eq!(records.len(), 1);
    let results = records[0]["results"].as_object().unwrap();
    for b in builtins() {
        let failed = records[0]["errors"]
            .as_array()
            .is_some_and(|e| e.iter().any(|e| e["analyzer"] == b.as_str()));
        assert!(results.contains_key(&b) || failed, "built-in `{b}` missing");
    }
    // The claims without the entity they are about (that part follows the entity analyser,
    // which has its own snapshots; the plugin's entity logic is tested in its own crate).
    let mut claims = results["numbers"]["claims"].clone();
    for c in claims.as_array_mut().expect("claims") {
        let had = c.as_object_mut().unwrap().remove("entity");
        if let Some(e) = had {
            let m = &e["mention"];
            let (s, t) = (
                m["start"].as_u64().unwrap() as usize,
                m["text"].as_str().unwrap(),
            );
            let text = std::fs::read_to_string(&article).unwrap();
            assert_eq!(
                &text[s..s + t.len()],
                t,
                "entity mention span points into the text"
            );
        }
    }
    insta::assert_yaml_snapshot!("numbers_05_merger", claims);
}

#[test]
fn plugin_options_reach_the_plugin_and_bad_ones_are_refused() {
    let lib = plugin("lede-plugin-numbers");
    let article = corpus().join("05_merger.txt");
    let claims = |extra: &[&str]| {
        let mut args = vec![
            os("analyze"),
            os("-a"),
            os("numbers"),
            os("--format"),
            os("jsonl"),
            os("--plugin"),
            lib.as_os_str(),
        ];
        args.extend(extra.iter().map(|s| os(s)));
        args.push(article.as_os_str());
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        jsonl(&out)[0]["results"]["numbers"]["claims"]
            .as_array()
            .unwrap()
            .clone()
    };
    let all = claims(&[]);
    let money = claims(&["--plugin-option", r#"numbers.kinds=["money"]"#]);
    assert!(!money.is_empty() && money.len() < all.len(), "{money:?}");
    assert!(money.iter().all(|c| c["kind"] == "money"), "{money:?}");
    // a misspelt option stops the run before any document, naming the plugin and the option
    let (code, out, err) = run(&[
        os("analyze"),
        os("--plugin"),
        lib.as_os_str(),
        os("--plugin-option"),
        os("numbers.kind=money"),
        article.as_os_str(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("`numbers`") && err.contains("`kind`"), "{err}");
    // ... and so do options for a plugin that is not loaded (a typo in its name)
    let (code, _, err) = run(&[
        os("analyze"),
        os("--plugin"),
        lib.as_os_str(),
        os("--plugin-option"),
        os("number.kinds=money"),
        article.as_os_str(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`number`") && err.contains("`numbers`"),
        "{err}"
    );
    let (code, _, err) = run(&[
        os("analyze"),
        os("--plugin-option"),
        os("numbers"),
        article.as_os_str(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("NAME.KEY=VALUE"), "{err}");
}

#[test]
fn analyzers_lists_the_plugin_with_its_version_and_abi() {
    let lib = plugin("lede-plugin-numbers");
    let (code, out, err) = run(&[os("analyzers"), os("--plugin"), lib.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    let line = out
        .lines()
        .find(|l| l.starts_with("numbers "))
        .unwrap_or_else(|| panic!("numbers not listed:\n{out}"));
    assert!(line.contains(env!("CARGO_PKG_VERSION")), "{line}");
    assert!(
        line.contains(&format!("ABI {}.", lede_plugin_abi_major())),
        "{line}"
    );
    let (code, out, _) = run(&[
        os("analyzers"),
        os("--json"),
        os("--plugin"),
        lib.as_os_str(),
    ]);
    assert_eq!(code, 0);
    let list: Vec<Value> = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = list.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(
        names.last(),
        Some(&"numbers"),
        "plugins come after built-ins"
    );
}

/// The ABI major version, read from the ABI crate's source (the CLI does not depend on it).
fn lede_plugin_abi_major() -> u32 {
    let src = std::fs::read_to_string(root().join("crates/lede-plugin-abi/src/lib.rs")).unwrap();
    src.lines()
        .find_map(|l| l.strip_prefix("pub const ABI_MAJOR: u32 = "))
        .and_then(|v| v.trim_end_matches(';').parse().ok())
        .expect("ABI_MAJOR in lede-plugin-abi")
}

#[test]
fn plugin_path_folders_are_loaded() {
    let lib = plugin("lede-plugin-numbers");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&lib, dir.path().join(lib.file_name().unwrap())).unwrap();
    std::fs::write(dir.path().join("README.txt"), "not a library").unwrap();
    let out = lede()
        .env("LEDE_PLUGIN_PATH", dir.path())
        .args(["analyzers"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.lines().any(|l| l.starts_with("numbers ")),
        "{stdout}"
    );
}

#[test]
fn a_panicking_plugin_gives_an_error_in_every_record_and_exit_1() {
    let lib = plugin("testplug-panic");
    let (code, out, err) = run(&[
        os("analyze"),
        os("--format"),
        os("jsonl"),
        os("--plugin"),
        lib.as_os_str(),
        corpus().as_os_str(),
    ]);
    assert_eq!(code, 1, "{err}");
    let records = jsonl(&out);
    let articles = corpus_files().len();
    assert_eq!(records.len(), articles, "one record per document");
    let builtins = builtins();
    for r in &records {
        let errors = r["errors"].as_array().expect("errors");
        let mine: Vec<&Value> = errors
            .iter()
            .filter(|e| e["analyzer"] == "testplug-panic")
            .collect();
        assert_eq!(mine.len(), 1, "{r}");
        let msg = mine[0]["message"].as_str().unwrap();
        assert!(
            msg.contains("panicked") && msg.contains("libtestplug_panic"),
            "{msg}"
        );
        // the panic message travels across the boundary
        assert!(msg.contains("testplug-panic panics on"), "{msg}");
        assert!(r["error"].is_null(), "the document itself did not fail");
        for b in &builtins {
            assert!(r["results"].get(b).is_some(), "built-in `{b}` lost: {r}");
        }
    }
}

#[test]
fn invalid_json_from_a_plugin_becomes_an_error_record() {
    let lib = plugin("testplug-bad-json");
    let article = corpus().join("06_storm.txt");
    let (code, out, err) = run(&[
        os("analyze"),
        os("--format"),
        os("jsonl"),
        os("--plugin"),
        lib.as_os_str(),
        article.as_os_str(),
    ]);
    assert_eq!(code, 1, "{err}");
    let records = jsonl(&out);
    assert_eq!(records.len(), 1);
    let e = &records[0]["errors"][0];
    assert_eq!(e["analyzer"], "testplug-bad-json");
    let msg = e["message"].as_str().unwrap();
    assert!(
        msg.contains("invalid JSON") && msg.contains("libtestplug_bad_json"),
        "{msg}"
    );
    assert!(records[0]["results"].get("testplug-bad-json").is_none());
}

/// Runs `lede analyze --plugin LIB` on the corpus and expects a refusal before any document.
fn refused(lib: &Path) -> String {
    let (code, out, err) = run(&[
        os("analyze"),
        os("--format"),
        os("jsonl"),
        os("--plugin"),
        lib.as_os_str(),
        corpus().as_os_str(),
    ]);
    assert_eq!(code, 2, "usage error expected:\n{err}");
    assert!(out.is_empty(), "no document may be analysed: {out}");
    assert!(
        err.contains(&lib.display().to_string()),
        "the message names the file:\n{err}"
    );
    err
}

#[test]
fn an_abi_mismatch_is_refused_naming_file_and_versions() {
    let lib = plugin("testplug-abi-mismatch");
    let err = refused(&lib.canonicalize().unwrap());
    let major = lede_plugin_abi_major();
    assert!(
        err.contains(&format!("ABI version {}", major + 1))
            && err.contains(&format!("expects ABI version {major}")),
        "{err}"
    );
    // `lede analyzers` refuses it the same way
    let (code, _, _) = run(&[os("analyzers"), os("--plugin"), lib.as_os_str()]);
    assert_eq!(code, 2);
}

#[test]
fn a_missing_entry_symbol_is_refused_naming_file_and_symbol() {
    let lib = plugin("testplug-no-symbol");
    let err = refused(&lib.canonicalize().unwrap());
    assert!(err.contains("lede_plugin_v1"), "{err}");
}

#[test]
fn a_file_that_is_not_a_library_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("libfake.so");
    std::fs::write(&fake, "this is text").unwrap();
    let err = refused(&fake.canonicalize().unwrap());
    assert!(err.contains("not a loadable library"), "{err}");
    let missing = dir.path().join("nothing-here.so");
    let (code, _, err) = run(&[os("analyzers"), os("--plugin"), missing.as_os_str()]);
    assert_eq!(code, 2);
    assert!(err.contains("nothing-here.so"), "{err}");
}

#[test]
fn two_plugins_with_one_name_are_refused() {
    let lib = plugin("lede-plugin-numbers");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("libnumbers_copy.so");
    std::fs::copy(&lib, &copy).unwrap();
    let (code, out, err) = run(&[
        os("analyzers"),
        os("--plugin"),
        lib.as_os_str(),
        os("--plugin"),
        copy.as_os_str(),
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("named `numbers`") && err.contains("libnumbers_copy.so"),
        "{err}"
    );
    // the same file twice is loaded once, not a clash
    let (code, _, err) = run(&[
        os("analyzers"),
        os("--plugin"),
        lib.as_os_str(),
        os("--plugin"),
        lib.as_os_str(),
    ]);
    assert_eq!(code, 0, "{err}");
}

/// 1,000 documents through a plugin: byte-identical output on one thread and on all.
#[test]
fn a_thousand_documents_give_the_same_output_on_one_thread_and_many() {
    let lib = plugin("lede-plugin-numbers");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    let articles: Vec<String> = corpus_files()
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(!articles.is_empty());
    let mut lines = String::new();
    for i in 0..1000 {
        // vary the text so that documents differ beyond their id
        let text = format!(
            "{} Officials counted {} people and {}% turnout.",
            articles[i % articles.len()],
            i * 7,
            i % 100
        );
        lines.push_str(&serde_json::json!({"id": format!("doc{i}"), "text": text}).to_string());
        lines.push('\n');
    }
    std::fs::write(&input, lines).unwrap();
    let go = |jobs: &str| {
        run(&[
            os("analyze"),
            os("--format"),
            os("jsonl"),
            os("-a"),
            os("numbers"),
            os("-j"),
            os(jobs),
            os("--plugin"),
            lib.as_os_str(),
            input.as_os_str(),
        ])
    };
    let (code1, one, err1) = go("1");
    assert_eq!(code1, 0, "{err1}");
    let (code4, many, err4) = go("8");
    assert_eq!(code4, 0, "{err4}");
    let records = jsonl(&one);
    assert_eq!(records.len(), 1000);
    assert!(records.iter().all(|r| !r["results"]["numbers"]["claims"]
        .as_array()
        .unwrap()
        .is_empty()));
    assert!(one == many, "output differs between 1 and 8 threads");
}

/// Ten short documents; those in `marked` contain `MISBEHAVE`, which sets the plugin off.
fn misbehave_input(dir: &Path, marked: &[usize]) -> PathBuf {
    let input = dir.join("docs.jsonl");
    let mut lines = String::new();
    for i in 0..10 {
        let mut text = format!(
            "Harbor officials met on Monday in Lagos.\n\nTalks on document {i} went on, \
             the minister said."
        );
        if marked.contains(&i) {
            text.push_str(" MISBEHAVE here.");
        }
        lines.push_str(&serde_json::json!({"id": format!("doc{i}"), "text": text}).to_string());
        lines.push('\n');
    }
    std::fs::write(&input, lines).unwrap();
    input
}

/// Runs the misbehave plugin in `mode` over ten documents of which `marked` set it off, and
/// checks what every failure must leave intact, and exit code 1 when a document failed (0
/// otherwise). Returns the errors of the marked documents, stderr and the wall time.
fn misbehave(mode: &str, marked: &[usize], extra: &[&str]) -> (Vec<String>, String, f64) {
    let lib = plugin("testplug-misbehave");
    let dir = tempfile::tempdir().unwrap();
    let input = misbehave_input(dir.path(), marked);
    let option = format!("misbehave.mode={mode}");
    let mut args = vec![
        os("analyze"),
        os("--format"),
        os("jsonl"),
        os("-a"),
        os("misbehave,text,timeline"),
        os("--plugin"),
        lib.as_os_str(),
        os("--plugin-option"),
        os(&option),
    ];
    args.extend(extra.iter().map(|a| os(a)));
    args.push(input.as_os_str());
    let start = std::time::Instant::now();
    let (code, out, err) = run(&args);
    let elapsed = start.elapsed().as_secs_f64();
    let records = jsonl(&out);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let expected: Vec<String> = (0..10).map(|i| format!("doc{i}")).collect();
    assert_eq!(
        ids, expected,
        "{mode}: every document has its record, in order"
    );
    let mut errors = Vec::new();
    for (i, r) in records.iter().enumerate() {
        assert!(r["error"].is_null(), "{mode}: {r}");
        for builtin in ["text", "timeline"] {
            assert!(
                r["results"].get(builtin).is_some(),
                "{mode}: {builtin} lost: {r}"
            );
        }
        let mine: Vec<&str> = r["errors"]
            .as_array()
            .map(|e| {
                e.iter()
                    .filter(|e| e["analyzer"] == "misbehave")
                    .map(|e| e["message"].as_str().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        if marked.contains(&i) {
            if let Some(m) = mine.first() {
                assert!(m.contains("libtestplug_misbehave"), "{mode}: {m}");
                errors.push((*m).to_owned());
            }
        } else {
            assert!(mine.is_empty(), "{mode}: an unmarked document failed: {r}");
            let text_len = r["results"]["text"]["paragraphs"].as_array().map(Vec::len);
            assert!(text_len.is_some(), "{r}");
            assert!(
                r["results"]["misbehave"]["bytes"].as_u64().is_some(),
                "{mode}: the plugin's result on an unmarked document is lost: {r}"
            );
        }
    }
    let expected_code = i32::from(!errors.is_empty());
    assert_eq!(code, expected_code, "{mode}: exit code\n{err}");
    (errors, err, elapsed)
}

#[test]
fn a_plugin_that_aborts_or_crashes_loses_only_its_own_results() {
    for (mode, expected) in [
        ("abort", "SIGABRT"),
        ("segfault", "SIGSEGV"),
        ("stack-overflow", "stack overflow"),
    ] {
        let (errors, _, _) = misbehave(mode, &[2, 6], &[]);
        assert_eq!(errors.len(), 2, "{mode}: {errors:?}");
        for e in errors {
            assert!(
                e.contains(expected) && e.contains("new worker"),
                "{mode}: {e}"
            );
        }
    }
}

#[test]
fn a_plugin_that_exits_with_0_still_gives_exit_1_and_every_record() {
    let (errors, _, _) = misbehave("exit", &[0, 9], &[]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors.iter().all(|e| e.contains("exit code 0")),
        "{errors:?}"
    );
}

#[test]
fn a_looping_plugin_costs_one_timeout_per_document() {
    let (errors, _, elapsed) = misbehave("loop", &[1, 5], &["--plugin-timeout", "1", "-j", "1"]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors.iter().all(|e| e.contains("--plugin-timeout")),
        "{errors:?}"
    );
    // two documents at one second each, on one thread, and the rest is quick
    assert!(elapsed < 2.0 * 1.0 + 6.0, "took {elapsed:.1} s");
}

#[test]
fn a_leaking_plugin_hits_its_memory_limit_and_is_restarted() {
    // 50 MB leaked per marked document: a 200 MiB worker survives a few, then fails one
    let marked: Vec<usize> = (0..10).filter(|i| i % 5 != 0).collect();
    let (errors, _, _) = misbehave("leak", &marked, &["--plugin-memory", "200M", "-j", "1"]);
    assert!(!errors.is_empty(), "the limit was never reached");
    assert!(
        errors.len() < marked.len(),
        "restarted workers work: {errors:?}"
    );
    assert!(
        errors
            .iter()
            .all(|e| e.contains("out of memory") && e.contains("200 MiB")),
        "{errors:?}"
    );
}

#[test]
fn a_plugin_with_a_huge_answer_is_cut_at_the_output_cap() {
    let (errors, _, _) = misbehave(
        "huge",
        &[4],
        &[
            "--plugin-option",
            "misbehave.bytes=4000000",
            "--plugin-max-output",
            "1M",
        ],
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("over the limit of 1048576 bytes"),
        "{errors:?}"
    );
}

#[test]
fn a_plugin_writing_to_stdout_never_reaches_ours() {
    // run() and misbehave() already parsed every stdout line as a record; the plugin's line
    // went to stderr, labelled, and closing its stdout changed nothing
    let (errors, err, _) = misbehave("stdout", &[3, 4, 8], &[]);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        err.contains("plugin libtestplug_misbehave.so: {\"id\": \"not a record"),
        "{err}"
    );
}

#[test]
fn a_plugin_changing_folder_does_not_move_lede() {
    // relative inputs read after the plugin moved to `/` are still found (more files than
    // `lede` reads ahead, so that most are opened after the first documents were analysed)
    let lib = plugin("testplug-misbehave");
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..60).map(|i| format!("a{i:02}.txt")).collect();
    for (i, n) in names.iter().enumerate() {
        let marker = if i < 3 { " MISBEHAVE" } else { "" };
        std::fs::write(
            dir.path().join(n),
            format!("Headline {i}\n\nThe council met on Monday.{marker}\n"),
        )
        .unwrap();
    }
    let mut cmd = lede();
    cmd.current_dir(dir.path())
        .env_remove("LEDE_PLUGIN_PATH")
        .args([
            "analyze",
            "--format",
            "jsonl",
            "-a",
            "misbehave",
            "-j",
            "1",
            "--plugin-option",
            "misbehave.mode=chdir",
            "--plugin",
        ]);
    cmd.arg(&lib).args(&names);
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = jsonl(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(records.len(), names.len());
    for r in &records {
        assert!(r["error"].is_null() && r["errors"].is_null(), "{r}");
        assert!(r["results"]["misbehave"]["bytes"].as_u64().is_some(), "{r}");
    }
}

#[test]
fn in_process_plugins_give_the_same_records_as_isolated_ones() {
    let lib = plugin("lede-plugin-numbers");
    let go = |isolation: &str| {
        run(&[
            os("analyze"),
            os("--format"),
            os("jsonl"),
            os("--plugin-isolation"),
            os(isolation),
            os("--plugin"),
            lib.as_os_str(),
            corpus().as_os_str(),
        ])
    };
    let (code, isolated, err) = go("process");
    assert!(code == 0, "{err}");
    let (code, in_process, err) = go("none");
    assert!(code == 0, "{err}");
    assert!(
        isolated == in_process,
        "records differ between isolation modes"
    );
    assert!(isolated.contains("\"numbers\""));
}
