//! The pipeline runner at its boundary: registry errors before any document, failure isolation
//! between analysers, input order, and determinism across thread counts.

use std::sync::Arc;

use lede_core::{
    AnalyzeError, Analyzer, Context, Document, Metadata, Output, Pipeline, PipelineError, Record,
};
use serde::Serialize;

/// A configurable test analyser.
struct Fake {
    name: &'static str,
    requires: Vec<&'static str>,
    behaviour: Behaviour,
}

#[derive(Clone, Copy)]
enum Behaviour {
    /// Counts the words of the document (from the shared layers).
    Words,
    /// Reads its first requirement's `Count` and doubles it.
    Double,
    /// Panics on documents containing `boom`, counts words otherwise.
    PanicOn,
    /// Returns an error on documents containing `fail`, counts words otherwise.
    FailOn,
    /// Sleeps a little, longer for earlier documents, so that parallel completion order differs
    /// from input order.
    Slow,
    /// On documents containing `spin`: loops forever, passing budget checkpoints.
    Spin,
    /// On documents containing `stall`: waits (at most 10 s) until [`GATE`] opens, and says
    /// whether it did; counts words otherwise and counts itself in [`DONE`].
    Stall,
}

/// Documents finished by a `Stall` analyser, and the gate a stalled document waits for.
static DONE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static GATE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

#[derive(Debug, Serialize)]
struct Count {
    n: usize,
}

impl Fake {
    fn boxed(
        name: &'static str,
        requires: &[&'static str],
        behaviour: Behaviour,
    ) -> Arc<dyn Analyzer> {
        Arc::new(Self {
            name,
            requires: requires.to_vec(),
            behaviour,
        })
    }
}

impl Analyzer for Fake {
    fn name(&self) -> &str {
        self.name
    }

    fn version(&self) -> &'static str {
        "0.0.1"
    }

    fn requires(&self) -> Vec<String> {
        self.requires.iter().map(|s| (*s).to_owned()).collect()
    }

    fn analyze(&self, doc: &Document, ctx: &Context) -> Result<Output, AnalyzeError> {
        let words = doc.layers().word_count();
        let n = match self.behaviour {
            Behaviour::Words => words,
            Behaviour::Double => ctx.require::<Count>(self.requires[0])?.n * 2,
            Behaviour::PanicOn => {
                assert!(!doc.text().contains("boom"), "test analyser exploded");
                words
            }
            Behaviour::FailOn => {
                if doc.text().contains("fail") {
                    return Err(AnalyzeError::Input("this text cannot be analysed".into()));
                }
                words
            }
            Behaviour::Spin => {
                let mut i = 0u64;
                while doc.text().contains("spin") {
                    lede_core::budget::checkpoint();
                    i = std::hint::black_box(i + 1);
                }
                words
            }
            Behaviour::Stall => {
                use std::sync::atomic::Ordering;
                if !doc.text().contains("stall") {
                    DONE.fetch_add(1, Ordering::SeqCst);
                    return Ok(Arc::new(Count { n: words }));
                }
                let start = std::time::Instant::now();
                while !GATE.load(Ordering::SeqCst) {
                    if start.elapsed().as_secs() >= 10 {
                        return Ok(Arc::new(Count { n: 0 }));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                1
            }
            Behaviour::Slow => {
                let k: u64 = doc.id.trim_start_matches("doc").parse().unwrap_or(0);
                std::thread::sleep(std::time::Duration::from_millis(20u64.saturating_sub(k)));
                words
            }
        };
        Ok(Arc::new(Count { n }))
    }
}

fn doc(id: &str, text: &str) -> Document {
    Document::new(id, text, Metadata::default())
}

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
}

fn run(p: &Pipeline, threads: usize, docs: Vec<Result<Document, Record>>) -> Vec<Record> {
    let mut out = Vec::new();
    p.run_stream(&pool(threads), docs, 3, |r| {
        out.push(r);
        Ok::<(), ()>(())
    })
    .unwrap();
    out
}

fn names(p: &Pipeline) -> Vec<&str> {
    p.analyzers().iter().map(|a| a.name()).collect()
}

#[test]
fn unknown_analyser_is_named_with_the_available_ones() {
    let err = Pipeline::build(
        vec![Fake::boxed("words", &[], Behaviour::Words)],
        Some(&["wrods".to_owned()]),
    )
    .unwrap_err();
    assert!(matches!(err, PipelineError::Unknown { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("`wrods`") && msg.contains("words"), "{msg}");
}

#[test]
fn unknown_requirement_names_both_analysers() {
    let err = Pipeline::build(
        vec![Fake::boxed("quotes", &["entities"], Behaviour::Double)],
        None,
    )
    .unwrap_err();
    assert!(
        matches!(err, PipelineError::UnknownRequirement { .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("`quotes`") && msg.contains("`entities`"),
        "{msg}"
    );
}

#[test]
fn dependency_cycle_is_reported_with_its_path() {
    let err = Pipeline::build(
        vec![
            Fake::boxed("a", &["b"], Behaviour::Double),
            Fake::boxed("b", &["c"], Behaviour::Double),
            Fake::boxed("c", &["a"], Behaviour::Double),
        ],
        None,
    )
    .unwrap_err();
    let PipelineError::Cycle(path) = &err else {
        panic!("expected a cycle, got {err:?}");
    };
    assert_eq!(path, "a -> b -> c -> a");
}

#[test]
fn duplicate_names_are_refused() {
    let err = Pipeline::build(
        vec![
            Fake::boxed("words", &[], Behaviour::Words),
            Fake::boxed("words", &[], Behaviour::FailOn),
        ],
        None,
    )
    .unwrap_err();
    assert!(
        matches!(&err, PipelineError::Duplicate(n) if n == "words"),
        "{err:?}"
    );
}

#[test]
fn requirements_run_first_and_are_pulled_in_when_not_selected() {
    let p = Pipeline::build(
        vec![
            Fake::boxed("double", &["words"], Behaviour::Double),
            Fake::boxed("words", &[], Behaviour::Words),
            Fake::boxed("other", &[], Behaviour::Words),
        ],
        Some(&["double".to_owned()]),
    )
    .unwrap();
    assert_eq!(names(&p), ["words", "double"]);
    let r = p.analyze(&doc("d", "Three words here."));
    assert_eq!(r.results["words"]["n"], 3);
    assert_eq!(r.results["double"]["n"], 6);
    assert!(!r.has_error());
}

fn isolation_pipeline() -> Pipeline {
    Pipeline::build(
        vec![
            Fake::boxed("words", &[], Behaviour::Words),
            Fake::boxed("fragile", &[], Behaviour::PanicOn),
            Fake::boxed("picky", &[], Behaviour::FailOn),
            Fake::boxed("after_fragile", &["fragile"], Behaviour::Double),
            Fake::boxed("after_picky", &["picky"], Behaviour::Double),
            Fake::boxed("after_words", &["words"], Behaviour::Double),
        ],
        None,
    )
    .unwrap()
}

#[test]
fn a_panicking_analyser_fails_alone_and_its_dependants_report_it() {
    let p = isolation_pipeline();
    let r = p.analyze(&doc("d", "The boom was heard for miles."));
    assert!(r.error.is_none(), "the document itself did not fail");
    let failed: Vec<(&str, &str)> = r
        .errors
        .iter()
        .map(|e| (e.analyzer.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert_eq!(failed[0].0, "fragile");
    assert!(failed[0].1.contains("panicked") && failed[0].1.contains("test analyser exploded"));
    assert_eq!(failed[1].0, "after_fragile");
    assert!(failed[1].1.contains("`fragile`"), "{}", failed[1].1);
    // the others are intact
    assert_eq!(r.results["words"]["n"], 6);
    assert_eq!(r.results["picky"]["n"], 6);
    assert_eq!(r.results["after_picky"]["n"], 12);
    assert_eq!(r.results["after_words"]["n"], 12);
    assert!(!r.results.contains_key("fragile") && !r.results.contains_key("after_fragile"));
}

#[test]
fn a_failing_analyser_fails_alone_and_its_dependants_report_it() {
    let p = isolation_pipeline();
    let r = p.analyze(&doc("d", "Talks fail again."));
    let failed: Vec<&str> = r.errors.iter().map(|e| e.analyzer.as_str()).collect();
    assert_eq!(failed, ["picky", "after_picky"]);
    assert_eq!(r.errors[0].message, "this text cannot be analysed");
    assert!(r.errors[1].message.contains("`picky`"));
    assert_eq!(r.results["fragile"]["n"], 3);
    assert_eq!(r.results["after_fragile"]["n"], 6);
    assert!(r.has_error());
}

#[test]
fn an_empty_document_gets_an_error_and_keeps_its_metadata() {
    let p = isolation_pipeline();
    let meta = Metadata {
        title: Some("Nothing here".into()),
        ..Metadata::default()
    };
    for text in ["", "  \n\r\n\t "] {
        let r = p.analyze(&Document::new("empty", text, meta.clone()));
        assert_eq!(r.error.as_deref(), Some("document is empty"));
        assert_eq!(r.metadata.title.as_deref(), Some("Nothing here"));
        assert!(r.results.is_empty());
    }
}

#[test]
fn records_come_out_in_input_order_with_read_failures_in_place() {
    let p = Pipeline::build(vec![Fake::boxed("slow", &[], Behaviour::Slow)], None).unwrap();
    let mut inputs: Vec<Result<Document, Record>> = (0..10)
        .map(|i| Ok(doc(&format!("doc{i}"), &"word ".repeat(i + 1))))
        .collect();
    inputs.insert(4, Err(Record::failed("unreadable", "cannot open")));
    let out = run(&p, 4, inputs);
    let ids: Vec<&str> = out.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "doc0",
            "doc1",
            "doc2",
            "doc3",
            "unreadable",
            "doc4",
            "doc5",
            "doc6",
            "doc7",
            "doc8",
            "doc9"
        ]
    );
    assert_eq!(out[4].error.as_deref(), Some("cannot open"));
    assert_eq!(out[10].results["slow"]["n"], 10);
}

#[test]
fn a_failing_sink_stops_the_stream() {
    let p = Pipeline::build(vec![Fake::boxed("words", &[], Behaviour::Words)], None).unwrap();
    let docs: Vec<Result<Document, Record>> = (0..100)
        .map(|i| Ok(doc(&format!("d{i}"), "A b c.")))
        .collect();
    let mut seen = 0;
    let res = p.run_stream(&pool(2), docs, 4, |_| {
        seen += 1;
        if seen == 5 {
            Err("closed")
        } else {
            Ok(())
        }
    });
    assert_eq!(res, Err("closed"));
    assert_eq!(seen, 5);
}

#[test]
fn output_is_identical_with_one_thread_and_many() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let files: Vec<_> = walkdir::WalkDir::new(&corpus)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert!(files.len() >= 8, "the corpus has at least 8 articles");
    let docs = || -> Vec<Result<Document, Record>> {
        files
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).unwrap();
                Ok(Document::from_plain_text(
                    f.file_name().unwrap().to_string_lossy(),
                    text,
                    Metadata::default(),
                ))
            })
            .collect()
    };
    let p = isolation_pipeline();
    let json = |threads| serde_json::to_string(&run(&p, threads, docs())).unwrap();
    let one = json(1);
    assert_eq!(one, json(4));
    assert_eq!(one, json(7));
}

/// A slow document holds back only the records after it: the record before it is handed out
/// while it is still being analysed, and the other thread goes on with the documents after it.
#[test]
fn a_slow_document_delays_only_the_records_after_it() {
    use std::sync::atomic::Ordering;
    let p = Pipeline::build(vec![Fake::boxed("stall", &[], Behaviour::Stall)], None).unwrap();
    let docs: Vec<Result<Document, Record>> = (0..40)
        .map(|i| {
            let text = if i == 1 {
                "This one will stall."
            } else {
                "Two words."
            };
            Ok(doc(&format!("d{i}"), text))
        })
        .collect();
    let mut order = Vec::new();
    let mut done_when_first_out = 0;
    p.run_stream(&pool(2), docs, 16, |r| {
        if r.id == "d0" {
            // d1 is still stalled: d0 did not wait for it, and the other thread kept working
            done_when_first_out = DONE.load(Ordering::SeqCst);
            let start = std::time::Instant::now();
            while DONE.load(Ordering::SeqCst) < 10 && start.elapsed().as_secs() < 10 {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            GATE.store(true, Ordering::SeqCst);
        }
        order.push((r.id.clone(), r.results["stall"]["n"].as_u64().unwrap()));
        Ok::<(), ()>(())
    })
    .unwrap();
    let ids: Vec<String> = (0..40).map(|i| format!("d{i}")).collect();
    assert_eq!(
        order.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>(),
        ids
    );
    assert_eq!(
        order[1].1, 1,
        "d1 was released by the gate, not by its time-out"
    );
    assert!(done_when_first_out >= 1);
    assert!(DONE.load(Ordering::SeqCst) >= 10);
}

#[test]
fn an_analyser_over_its_budget_fails_alone_and_the_run_goes_on() {
    let p = Pipeline::build(
        vec![
            Fake::boxed("words", &[], Behaviour::Words),
            Fake::boxed("spinner", &[], Behaviour::Spin),
            Fake::boxed("after_spinner", &["spinner"], Behaviour::Double),
        ],
        None,
    )
    .unwrap()
    .budget(Some(std::time::Duration::from_millis(50)));
    let docs: Vec<Result<Document, Record>> = ["Calm text.", "This will spin now.", "Calm again."]
        .iter()
        .enumerate()
        .map(|(i, t)| Ok(doc(&format!("d{i}"), t)))
        .collect();
    let start = std::time::Instant::now();
    let out = run(&p, 2, docs);
    assert!(start.elapsed().as_secs() < 5);
    assert_eq!(out.len(), 3);
    assert!(!out[0].has_error() && !out[2].has_error());
    let errs: Vec<(&str, &str)> = out[1]
        .errors
        .iter()
        .map(|e| (e.analyzer.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(errs[0].0, "spinner");
    assert!(errs[0].1.contains("time budget of 0.05 s"), "{}", errs[0].1);
    assert_eq!(errs[1].0, "after_spinner");
    assert_eq!(out[1].results["words"]["n"], 4);
}

#[test]
fn a_stop_flag_ends_the_run_after_whole_records_even_during_a_long_analysis() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = Arc::new(AtomicBool::new(false));
    let p = Pipeline::build(vec![Fake::boxed("spinner", &[], Behaviour::Spin)], None)
        .unwrap()
        .stop_when(stop.clone());
    // the third document would spin forever: no budget, only the stop flag ends it
    let docs: Vec<Result<Document, Record>> = (0..50)
        .map(|i| {
            let text = if i == 3 {
                "Round and round we spin."
            } else {
                "Calm."
            };
            Ok(doc(&format!("d{i}"), text))
        })
        .collect();
    let mut seen = Vec::new();
    let flag = stop.clone();
    let start = std::time::Instant::now();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        flag.store(true, Ordering::SeqCst);
    });
    p.run_stream(&pool(2), docs, 8, |r| {
        seen.push(r.id);
        Ok::<(), ()>(())
    })
    .unwrap();
    assert!(start.elapsed().as_secs() < 5);
    assert_eq!(
        seen,
        ["d0", "d1", "d2"],
        "records up to the one in progress"
    );
}
