use std::collections::{BTreeMap, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use rayon::prelude::*;
use serde::Serialize;

use crate::analyzer::{AnalyzeError, Analyzer, Context};
use crate::budget::{self, Exceeded};
use crate::document::{Document, Metadata};

/// Version of the output record format (`docs/output.md`).
pub const SCHEMA_VERSION: u32 = 1;

/// Problems with the set of analysers, found before any document is read.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("unknown analyser `{name}` (available: {available})")]
    Unknown { name: String, available: String },
    #[error("analyser `{analyzer}` requires `{requires}`, which is not available (available: {available})")]
    UnknownRequirement {
        analyzer: String,
        requires: String,
        available: String,
    },
    #[error("analysers depend on each other in a cycle: {0}")]
    Cycle(String),
    #[error("two analysers are named `{0}`")]
    Duplicate(String),
}

/// One analyser's failure on one document.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AnalyzerFailure {
    pub analyzer: String,
    pub message: String,
}

/// The result of one input document: always exactly one per input, in input order.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub schema_version: u32,
    pub id: String,
    pub metadata: Metadata,
    /// Each analyser's output by analyser name (sorted).
    pub results: BTreeMap<String, serde_json::Value>,
    /// Analysers that failed on this document; the others' results are intact.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<AnalyzerFailure>,
    /// Set when the document itself could not be read or analysed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The document's text, kept only when the pipeline was asked to
    /// ([`Pipeline::keep_text`]) for writers that re-emit it (`TimeML`). Never serialised.
    #[serde(skip)]
    pub text: Option<String>,
}

impl Record {
    /// The record of a document that could not be read.
    pub fn failed(id: impl Into<String>, error: impl Into<String>) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            metadata: Metadata::default(),
            results: BTreeMap::new(),
            errors: Vec::new(),
            error: Some(error.into()),
            text: None,
        }
    }

    /// True when the document or any analyser failed.
    pub fn has_error(&self) -> bool {
        self.error.is_some() || !self.errors.is_empty()
    }
}

/// A resolved set of analysers in dependency order.
pub struct Pipeline {
    analyzers: Vec<Arc<dyn Analyzer>>,
    keep_text: bool,
    /// Time each analyser may spend on one document ([`crate::budget`]).
    budget: Option<Duration>,
    /// Set from outside (an interrupt) to stop a run between records.
    stop: Option<Arc<AtomicBool>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.analyzers.iter().map(|a| a.name()))
            .finish()
    }
}

impl Pipeline {
    /// Resolves `selected` (names; all of `available` when `None`) and everything they require,
    /// in dependency order. Unknown names, unknown requirements and cycles are errors.
    pub fn build(
        available: Vec<Arc<dyn Analyzer>>,
        selected: Option<&[String]>,
    ) -> Result<Self, PipelineError> {
        let mut by_name: HashMap<String, Arc<dyn Analyzer>> = HashMap::new();
        let mut order_names: Vec<String> = Vec::new();
        for a in available {
            let name = a.name().to_owned();
            if by_name.insert(name.clone(), a).is_some() {
                return Err(PipelineError::Duplicate(name));
            }
            order_names.push(name);
        }
        let mut sorted = order_names.clone();
        sorted.sort();
        let available_list = sorted.join(", ");
        let roots: Vec<String> = match selected {
            Some(names) => names.to_vec(),
            None => order_names,
        };
        for r in &roots {
            if !by_name.contains_key(r) {
                return Err(PipelineError::Unknown {
                    name: r.clone(),
                    available: available_list.clone(),
                });
            }
        }
        let mut marks = HashMap::new();
        let mut out = Vec::new();
        for r in &roots {
            visit(
                r,
                &by_name,
                &mut marks,
                &mut Vec::new(),
                &mut out,
                &available_list,
            )?;
        }
        Ok(Self {
            analyzers: out,
            keep_text: false,
            budget: None,
            stop: None,
        })
    }

    /// Gives every analyser at most `budget` of time per document: past it, the analyser's
    /// next [`budget::checkpoint`] stops it and the record gets an error for it (see
    /// [`crate::budget`]). `None` (the default) sets no limit.
    #[must_use]
    pub fn budget(mut self, budget: Option<Duration>) -> Self {
        self.budget = budget;
        self
    }

    /// A flag that stops [`Pipeline::run_stream`] when set (from a signal handler, say): no
    /// new document is started, analyses in progress stop at their next checkpoint, and
    /// records finished before are still handed out, in order, up to the first one missing.
    #[must_use]
    pub fn stop_when(mut self, flag: Arc<AtomicBool>) -> Self {
        self.stop = Some(flag);
        self
    }

    fn stopping(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    }

    /// Keep each document's text in its [`Record::text`] (for writers that re-emit it).
    #[must_use]
    pub fn keep_text(mut self, keep: bool) -> Self {
        self.keep_text = keep;
        self
    }

    /// The analysers in the order they run.
    pub fn analyzers(&self) -> &[Arc<dyn Analyzer>] {
        &self.analyzers
    }

    /// Runs every analyser on one document. Never panics: a panicking analyser becomes an
    /// error of that analyser, and analysers requiring it report a missing requirement.
    pub fn analyze(&self, doc: &Document) -> Record {
        let mut ctx = Context::new();
        let mut results = BTreeMap::new();
        let mut errors = Vec::new();
        let mut failed: Vec<&str> = Vec::new();
        if doc.text().trim().is_empty() {
            let mut r = Record::failed(doc.id.clone(), "document is empty");
            r.metadata = doc.metadata.clone();
            return r;
        }
        for a in &self.analyzers {
            let name = a.name();
            let reqs = a.requires();
            if let Some(missing) = reqs.iter().find(|r| failed.contains(&r.as_str())) {
                errors.push(AnalyzerFailure {
                    analyzer: name.to_owned(),
                    message: AnalyzeError::MissingRequirement(missing.clone()).to_string(),
                });
                failed.push(name);
                continue;
            }
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let _budget = budget::enter(self.budget, self.stop.clone());
                a.analyze(doc, &ctx)
            }));
            let result = match outcome {
                Ok(Ok(out)) => match out.to_json() {
                    Ok(json) => {
                        results.insert(name.to_owned(), json);
                        ctx.insert(name, out);
                        Ok(())
                    }
                    Err(e) => Err(format!("output could not be serialised: {e}")),
                },
                Ok(Err(e)) => Err(e.to_string()),
                Err(unwind) => match unwind.downcast_ref::<Exceeded>() {
                    Some(e) => Err(e.to_string()),
                    None => Err(format!("analyser panicked: {}", panic_message(&*unwind))),
                },
            };
            if let Err(message) = result {
                errors.push(AnalyzerFailure {
                    analyzer: name.to_owned(),
                    message,
                });
                failed.push(name);
            }
        }
        Record {
            schema_version: SCHEMA_VERSION,
            id: doc.id.clone(),
            metadata: doc.metadata.clone(),
            results,
            errors,
            error: None,
            text: self.keep_text.then(|| doc.text().to_owned()),
        }
    }

    /// Analyses a stream of documents on `pool`, handing records to `sink` in input order as
    /// soon as each one and all before it are done. At most `window` documents are read ahead
    /// of the first record not yet handed out, so memory is bounded by the window, not the
    /// stream, and a slow document holds back only the records after it (while the other
    /// threads go on with the window). Inputs that failed to read (`Err(record)`) are passed
    /// through in order. Stops early, returning the error, when `sink` fails (e.g. on a closed
    /// pipe), and returns `Ok` without reading further once the [`Pipeline::stop_when`] flag
    /// is set.
    pub fn run_stream<I, E>(
        &self,
        pool: &rayon::ThreadPool,
        inputs: I,
        window: usize,
        mut sink: impl FnMut(Record) -> Result<(), E>,
    ) -> Result<(), E>
    where
        I: IntoIterator<Item = Result<Document, Record>>,
    {
        let window = window.max(1);
        let cancel = AtomicBool::new(false);
        let (tx, rx) = mpsc::channel::<(usize, Record)>();
        let mut inputs = inputs.into_iter();
        let mut result = Ok(());
        pool.in_place_scope(|scope| {
            // records done but waiting for an earlier one, by input position
            let mut ready: BTreeMap<usize, Record> = BTreeMap::new();
            let (mut read, mut written) = (0usize, 0usize);
            let mut exhausted = false;
            loop {
                while !exhausted && read - written < window && !self.stopping() {
                    match inputs.next() {
                        None => exhausted = true,
                        Some(Err(record)) => {
                            ready.insert(read, record);
                        }
                        Some(Ok(doc)) => {
                            let (tx, cancel) = (tx.clone(), &cancel);
                            let seq = read;
                            scope.spawn(move |_| {
                                if cancel.load(Ordering::Relaxed) || self.stopping() {
                                    return;
                                }
                                // `analyze` guards every analyser; this guards the rest, so
                                // that a record is never missing from the order
                                let record = catch_unwind(AssertUnwindSafe(|| self.analyze(&doc)))
                                    .unwrap_or_else(|_| {
                                        Record::failed(
                                            doc.id.clone(),
                                            "internal error while analysing the document \
                                             (please report it)",
                                        )
                                    });
                                let _ = tx.send((seq, record));
                            });
                        }
                    }
                    if !exhausted {
                        read += 1;
                    }
                }
                while let Some(record) = ready.remove(&written) {
                    // once stopping, a record may come from an interrupted analysis: none is
                    // handed out
                    if self.stopping() {
                        cancel.store(true, Ordering::Relaxed);
                        return;
                    }
                    written += 1;
                    if let Err(e) = sink(record) {
                        result = Err(e);
                        cancel.store(true, Ordering::Relaxed);
                        return;
                    }
                }
                if written == read && (exhausted || self.stopping()) {
                    return;
                }
                // Wait for the next record; wake up now and then to notice a stop.
                match rx.recv_timeout(Duration::from_millis(50)) {
                    Ok((seq, record)) => {
                        ready.insert(seq, record);
                        ready.extend(rx.try_iter());
                    }
                    Err(_) if self.stopping() => {
                        cancel.store(true, Ordering::Relaxed);
                        return;
                    }
                    Err(_) => {}
                }
            }
        });
        result
    }

    /// Analyses a batch of documents in parallel on `pool` (draining `batch`), and returns
    /// their records in input order; inputs that failed to read (`Err(record)`) are passed
    /// through in their place. [`Pipeline::run_stream`] and the Python package's `pipe()` both
    /// go through it.
    pub fn analyze_batch(
        &self,
        pool: &rayon::ThreadPool,
        batch: &mut Vec<Result<Document, Record>>,
    ) -> Vec<Record> {
        pool.install(|| {
            batch
                .par_drain(..)
                .map(|item| match item {
                    Ok(doc) => self.analyze(&doc),
                    Err(rec) => rec,
                })
                .collect()
        })
    }
}

/// Visit marks of the depth-first topological sort.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Temp,
    Done,
}
/// Depth-first topological sort with cycle detection.
fn visit(
    name: &str,
    by_name: &HashMap<String, Arc<dyn Analyzer>>,
    marks: &mut HashMap<String, Mark>,
    stack: &mut Vec<String>,
    out: &mut Vec<Arc<dyn Analyzer>>,
    available: &str,
) -> Result<(), PipelineError> {
    match marks.get(name) {
        Some(Mark::Done) => return Ok(()),
        Some(Mark::Temp) => {
            let pos = stack.iter().position(|s| s == name).unwrap_or(0);
            let mut cycle = stack[pos..].to_vec();
            cycle.push(name.to_owned());
            return Err(PipelineError::Cycle(cycle.join(" -> ")));
        }
        None => {}
    }
    marks.insert(name.to_owned(), Mark::Temp);
    stack.push(name.to_owned());
    let a = by_name[name].clone();
    let mut reqs = a.requires();
    reqs.sort();
    // optional inputs that are available run first; absent ones are simply not there
    let mut optional: Vec<String> = a
        .optional()
        .into_iter()
        .filter(|o| by_name.contains_key(o))
        .collect();
    optional.sort();
    for o in optional {
        visit(&o, by_name, marks, stack, out, available)?;
    }
    for r in reqs {
        if !by_name.contains_key(&r) {
            return Err(PipelineError::UnknownRequirement {
                analyzer: name.to_owned(),
                requires: r,
                available: available.to_owned(),
            });
        }
        visit(&r, by_name, marks, stack, out, available)?;
    }
    stack.pop();
    marks.insert(name.to_owned(), Mark::Done);
    out.push(a);
    Ok(())
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::analyzer::Output;

    /// A test analyser that fails or reports which inputs it saw.
    struct Probe {
        name: &'static str,
        requires: Vec<String>,
        optional: Vec<String>,
        fail: bool,
    }

    impl Analyzer for Probe {
        fn name(&self) -> &str {
            self.name
        }
        fn version(&self) -> &'static str {
            "0"
        }
        fn requires(&self) -> Vec<String> {
            self.requires.clone()
        }
        fn optional(&self) -> Vec<String> {
            self.optional.clone()
        }
        fn analyze(&self, _doc: &Document, ctx: &Context) -> Result<Output, AnalyzeError> {
            if self.fail {
                return Err(AnalyzeError::Failed("no".into()));
            }
            let seen: Vec<String> = ctx.iter().map(|(k, _)| k.to_owned()).collect();
            Ok(Arc::new(seen))
        }
    }

    fn probe(
        name: &'static str,
        requires: &[&str],
        optional: &[&str],
        fail: bool,
    ) -> Arc<dyn Analyzer> {
        Arc::new(Probe {
            name,
            requires: requires.iter().map(|s| (*s).to_owned()).collect(),
            optional: optional.iter().map(|s| (*s).to_owned()).collect(),
            fail,
        })
    }

    #[test]
    fn optional_inputs_run_first_and_their_failure_does_not_block() {
        let doc = Document::new("d", "Some text.", Metadata::default());
        let p = Pipeline::build(
            vec![
                probe("user", &[], &["opt", "absent"], false),
                probe("opt", &[], &[], true),
            ],
            Some(&["user".to_owned()]),
        )
        .unwrap();
        let names: Vec<&str> = p.analyzers().iter().map(|a| a.name()).collect();
        assert_eq!(
            names,
            ["opt", "user"],
            "an available optional input runs first"
        );
        let r = p.analyze(&doc);
        assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
        assert_eq!(r.errors[0].analyzer, "opt");
        assert!(
            r.results.contains_key("user"),
            "the optional input's failure does not block"
        );

        // the same input as a requirement does block
        let p = Pipeline::build(
            vec![
                probe("user", &["opt"], &[], false),
                probe("opt", &[], &[], true),
            ],
            Some(&["user".to_owned()]),
        )
        .unwrap();
        let r = p.analyze(&doc);
        assert_eq!(r.errors.len(), 2);
        assert!(
            r.errors[1].message.contains("required analyser `opt`"),
            "{:?}",
            r.errors
        );
    }
}
