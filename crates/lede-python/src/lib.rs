//! `lede._lede`: the native part of the Python package `lede` (the pure-Python part, stubs and
//! docs are in `python/lede/`).
//!
//! API boundary: documents come in as `str` or `dict` (the JSON Lines fields) and records go out
//! as `dict`s equal to `json.loads` of what `lede analyze --offsets chars --format jsonl`
//! prints. The pipeline is built by `lede_analyzers` and documents are read by
//! `lede_core::document_from_json`, as in the CLI, so a document gets the same record (and the
//! same error) either way. Analysis runs with the GIL released, on a rayon pool for `pipe()`.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use lede_core::input::{build_document, document_id, parse_date};
use lede_core::{DocOptions, Document, Metadata, Pipeline, Record};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyIterator, PyList, PyString};
use rayon::prelude::*;
use serde_json::{Map, Value};

/// How the user names the size limit in Python (`pipe(..., max_doc_bytes=N)`).
const LIMIT_OPTION: &str = "max_doc_bytes=";

/// The options that choose the analysers, as keyword arguments.
struct AnalyzerKw {
    analyzers: Option<Vec<String>>,
    targets: Option<Vec<String>>,
    headline: Option<String>,
    lexicon: Option<PathBuf>,
    plugins: Option<Vec<PathBuf>>,
    plugin_options: Option<Value>,
}

impl AnalyzerKw {
    fn options(&self) -> PyResult<lede_analyzers::Options> {
        let mut plugin_options = Vec::new();
        match &self.plugin_options {
            None | Some(Value::Null) => {}
            Some(Value::Object(plugins)) => {
                for (plugin, opts) in plugins {
                    let Value::Object(opts) = opts else {
                        return Err(PyTypeError::new_err(format!(
                            "plugin_options[{plugin:?}] must be a dict of options"
                        )));
                    };
                    for (k, v) in opts {
                        plugin_options.push((plugin.clone(), k.clone(), v.clone()));
                    }
                }
            }
            Some(_) => {
                return Err(PyTypeError::new_err(
                    "plugin_options must be a dict: {plugin name: {key: value}}",
                ))
            }
        }
        Ok(lede_analyzers::Options {
            analyzers: self.analyzers.clone(),
            plugins: self.plugins.clone().unwrap_or_default(),
            plugin_path_env: true,
            plugin_options,
            stance_targets: self.targets.clone().unwrap_or_default(),
            stance_headline: self.headline.clone(),
            stance_lexicon: self.lexicon.clone(),
            ..lede_analyzers::Options::default()
        })
    }

    /// The pipeline for these options. Pipelines are kept (a few, by their options): building
    /// one sets up every analyser, which `analyze()` in a loop should not pay each time.
    fn pipeline(&self, keep_text: bool) -> PyResult<Arc<Pipeline>> {
        const KEEP: usize = 8;
        static CACHE: Mutex<Vec<(String, Arc<Pipeline>)>> = Mutex::new(Vec::new());
        let options = self.options()?;
        let key = format!("{options:?} {keep_text}");
        let mut cache = CACHE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(i) = cache.iter().position(|(k, _)| *k == key) {
            let hit = cache.remove(i);
            let p = hit.1.clone();
            cache.push(hit);
            return Ok(p);
        }
        let pipeline = options.pipeline().map_err(|e| setup_error(&e))?;
        let pipeline = Arc::new(pipeline.keep_text(keep_text));
        if cache.len() >= KEEP {
            cache.remove(0);
        }
        cache.push((key, pipeline.clone()));
        Ok(pipeline)
    }
}

/// A setup error (unknown analyser, plugin that cannot load) as `ValueError`, with its causes.
fn setup_error(e: &dyn std::error::Error) -> PyErr {
    let mut msg = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        msg.push_str(": ");
        msg.push_str(&c.to_string());
        cause = c.source();
    }
    PyValueError::new_err(msg)
}

/// `offsets="chars"` (Python indices) or `"bytes"` (UTF-8 byte offsets).
fn char_offsets(offsets: &str) -> PyResult<bool> {
    match offsets {
        "chars" => Ok(true),
        "bytes" => Ok(false),
        other => Err(PyValueError::new_err(format!(
            "offsets must be \"chars\" or \"bytes\", not {other:?}"
        ))),
    }
}

/// The `date` argument: `None`, `"YYYY-MM-DD"` or a `datetime.date`.
fn date_arg(date: Option<&Bound<'_, PyAny>>) -> PyResult<Option<NaiveDate>> {
    let Some(d) = date else { return Ok(None) };
    if d.is_none() {
        return Ok(None);
    }
    let s: String = match d.cast::<PyString>() {
        Ok(s) => s.to_cow()?.into_owned(),
        Err(_) if d.hasattr("isoformat")? => d.call_method0("isoformat")?.extract()?,
        Err(_) => {
            return Err(PyTypeError::new_err(
                "date must be a str (YYYY-MM-DD) or a datetime.date",
            ))
        }
    };
    parse_date(&s)
        .map(Some)
        .ok_or_else(|| PyValueError::new_err(format!("invalid date {s:?}: expected YYYY-MM-DD")))
}

/// One field of a document `dict` as the JSON value the JSON Lines reader would see: strings,
/// numbers, booleans and `None` as themselves; a `datetime.date` as its ISO form; anything
/// else as a value that is none of those (so `text=[...]` reads as "`text` is not a string").
fn field_value(v: &Bound<'_, PyAny>) -> Value {
    if v.is_none() {
        return Value::Null;
    }
    if let Ok(s) = v.cast::<PyString>() {
        return match s.to_cow() {
            Ok(s) => Value::String(s.into_owned()),
            // a lone surrogate cannot be UTF-8: not a usable string
            Err(_) => Value::Array(Vec::new()),
        };
    }
    if v.is_instance_of::<PyBool>() {
        return Value::Bool(v.is_truthy().unwrap_or(false));
    }
    if v.is_instance_of::<PyInt>() {
        if let Ok(n) = v.extract::<i64>() {
            return Value::from(n);
        }
        if let Ok(n) = v.extract::<u64>() {
            return Value::from(n);
        }
        return v
            .str()
            .map_or(Value::Array(Vec::new()), |s| Value::String(s.to_string()));
    }
    if v.is_instance_of::<PyFloat>() {
        return v
            .extract::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Array(Vec::new()), Value::Number);
    }
    if v.hasattr("isoformat").unwrap_or(false) {
        if let Ok(s) = v
            .call_method0("isoformat")
            .and_then(|s| s.extract::<String>())
        {
            return Value::String(s);
        }
    }
    Value::Array(Vec::new())
}

/// The fields of a document `dict` (the JSON Lines fields; others are ignored).
const FIELDS: [&str; 7] = ["id", "text", "title", "date", "source", "url", "section"];

/// A document from a Python object: a `str` (the text; its first line is the headline when
/// `first_line_title`, as in a plain-text file) or a `dict` with the JSON Lines fields. Anything else, or a text that is not valid Unicode, gives its error
/// record. `index` (0-based position in the input) is the id when the document has none.
fn document_from_py(
    obj: &Bound<'_, PyAny>,
    index: usize,
    opts: &DocOptions,
    first_line_title: bool,
) -> Result<Document, Record> {
    let fallback_id = index.to_string();
    if let Ok(s) = obj.cast::<PyString>() {
        let Ok(text) = s.to_cow() else {
            return Err(Record::failed(
                fallback_id,
                "the text is not valid Unicode (it holds a lone surrogate)",
            ));
        };
        if text.len() > opts.max_doc_bytes {
            return Err(Record::failed(fallback_id, opts.too_large()));
        }
        let meta = Metadata {
            date: opts.date,
            ..Metadata::default()
        };
        return build_document(fallback_id, meta, |id, meta| {
            if first_line_title {
                Document::from_plain_text(id, text, meta)
            } else {
                Document::new(id, text, meta)
            }
        });
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for key in FIELDS {
            if let Ok(Some(v)) = d.get_item(key) {
                if key == "text" && v.cast::<PyString>().is_ok_and(|t| t.to_cow().is_err()) {
                    return Err(Record::failed(
                        document_id(&map, fallback_id),
                        "the text is not valid Unicode (it holds a lone surrogate)",
                    ));
                }
                map.insert(key.to_owned(), field_value(&v));
            }
        }
        return lede_core::document_from_json(&map, fallback_id, opts);
    }
    let kind = obj
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string());
    Err(Record::failed(
        fallback_id,
        format!("a document must be a str or a dict, not {kind}"),
    ))
}

/// A record as a Python `dict` (offsets already converted where asked).
fn record_to_py<'py>(py: Python<'py>, rec: &Record) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, rec)?)
}

/// Rewrites the records' spans to character offsets, in parallel when a pool is given.
fn finish(records: &mut [Record], chars: bool) {
    if chars {
        records.par_iter_mut().for_each(|r| {
            r.use_char_offsets();
        });
    }
    for r in records {
        r.text = None;
    }
}

/// Analyses one article and returns its record (a `dict`).
///
/// `text` is the article's text, without its headline (give that as `title`), unless
/// `first_line_title` says that line 1 is the headline, as in a plain-text file given to
/// `lede analyze` (then spans index the whole text, headline included). `date` (a
/// `YYYY-MM-DD` string or a `datetime.date`) is the publication date that relative dates are
/// resolved against. `analyzers` chooses analysers (default: all; those they require run too),
/// `targets` and `headline` configure stance, `plugins` loads native plugins (paths), and
/// `plugin_options` gives them options (`{"numbers": {"kinds": ["money"]}}`). Spans count
/// characters (`text[start:end] == span["text"]`) unless `offsets="bytes"`.
///
/// An empty text gives a record with `error`; an analyser that fails is reported in `errors`.
/// Unknown analysers and plugins that cannot load raise `ValueError`.
#[pyfunction]
#[pyo3(signature = (text, *, id=None, title=None, date=None, first_line_title=false, analyzers=None, targets=None, headline=None, lexicon=None, plugins=None, plugin_options=None, offsets="chars"))]
#[allow(clippy::too_many_arguments)]
fn analyze<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    id: Option<String>,
    title: Option<String>,
    date: Option<&Bound<'py, PyAny>>,
    first_line_title: bool,
    analyzers: Option<Vec<String>>,
    targets: Option<Vec<String>>,
    headline: Option<String>,
    lexicon: Option<PathBuf>,
    plugins: Option<Vec<PathBuf>>,
    plugin_options: Option<&Bound<'py, PyAny>>,
    offsets: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let chars = char_offsets(offsets)?;
    let kw = AnalyzerKw {
        analyzers,
        targets,
        headline,
        lexicon,
        plugins,
        plugin_options: plugin_options.map(depythonize_value).transpose()?,
    };
    let pipeline = kw.pipeline(chars)?;
    let date = date_arg(date)?;
    let id = id.unwrap_or_else(|| "0".to_owned());
    let text = text.to_cow()?.into_owned();
    let meta = Metadata {
        title,
        date,
        ..Metadata::default()
    };
    let doc = build_document(id, meta, |id, meta| {
        if first_line_title {
            Document::from_plain_text(id, text, meta)
        } else {
            Document::new(id, text, meta)
        }
    });
    let mut records = py.detach(move || {
        vec![match doc {
            Ok(doc) => pipeline.analyze(&doc),
            Err(rec) => rec,
        }]
    });
    finish(&mut records, chars);
    record_to_py(py, &records[0])
}

fn depythonize_value(v: &Bound<'_, PyAny>) -> PyResult<Value> {
    Ok(pythonize::depythonize(v)?)
}

/// The records of many articles, lazily and in input order: an iterator of `dict`s.
///
/// `docs` is any iterable of `str` (an article's text) or `dict` (the JSON Lines fields: `id`,
/// `text`, `title`, `date`, `source`, `url`, `section`). It is read `batch_size` documents at a
/// time (default 16 per thread); each batch is analysed on lede's thread pool (`jobs` threads,
/// default all cores) with the GIL released. With `first_line_title`, line 1 of each `str` is
/// its headline, as in a plain-text file. A document that cannot be analysed (empty, no
/// `text`, a bad `date`, not a `str` or `dict`) yields its record with `error`, and the others go
/// on. A document without `id` gets its 0-based position as id. `date` is the publication date
/// of documents that have none. The other keyword arguments are `analyze()`'s.
#[pyfunction]
#[pyo3(signature = (docs, *, jobs=None, batch_size=None, date=None, first_line_title=false, analyzers=None, targets=None, headline=None, lexicon=None, plugins=None, plugin_options=None, offsets="chars", max_doc_bytes=lede_core::input::DEFAULT_MAX_DOC_BYTES))]
#[allow(clippy::too_many_arguments)]
fn pipe<'py>(
    docs: &Bound<'py, PyAny>,
    jobs: Option<usize>,
    batch_size: Option<usize>,
    date: Option<&Bound<'py, PyAny>>,
    first_line_title: bool,
    analyzers: Option<Vec<String>>,
    targets: Option<Vec<String>>,
    headline: Option<String>,
    lexicon: Option<PathBuf>,
    plugins: Option<Vec<PathBuf>>,
    plugin_options: Option<&Bound<'py, PyAny>>,
    offsets: &str,
    max_doc_bytes: usize,
) -> PyResult<Pipe> {
    let chars = char_offsets(offsets)?;
    if jobs.is_some_and(|j| !(1..=1024).contains(&j)) {
        return Err(PyValueError::new_err("jobs must be between 1 and 1024"));
    }
    if batch_size == Some(0) {
        return Err(PyValueError::new_err("batch_size must be at least 1"));
    }
    let kw = AnalyzerKw {
        analyzers,
        targets,
        headline,
        lexicon,
        plugins,
        plugin_options: plugin_options.map(depythonize_value).transpose()?,
    };
    let pipeline = kw.pipeline(chars)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .thread_name(|i| format!("lede-{i}"))
        .build()
        .map_err(|e| PyValueError::new_err(format!("cannot start worker threads: {e}")))?;
    let batch_size = batch_size.unwrap_or(pool.current_num_threads() * 16);
    Ok(Pipe {
        docs: Some(docs.try_iter()?.unbind()),
        pipeline,
        pool: Arc::new(pool),
        doc: DocOptions {
            date: date_arg(date)?,
            max_doc_bytes,
            limit_option: LIMIT_OPTION,
        },
        chars,
        first_line_title,
        batch_size,
        index: 0,
        ready: VecDeque::new(),
        error: None,
    })
}

/// The iterator `pipe()` returns.
#[pyclass(module = "lede._lede")]
struct Pipe {
    /// The documents still to read; `None` once exhausted.
    docs: Option<Py<PyIterator>>,
    pipeline: Arc<Pipeline>,
    pool: Arc<rayon::ThreadPool>,
    doc: DocOptions,
    chars: bool,
    /// Whether line 1 of a `str` document is its headline.
    first_line_title: bool,
    batch_size: usize,
    /// Position of the next document in the input.
    index: usize,
    /// Records analysed and not yet returned.
    ready: VecDeque<Record>,
    /// An exception raised by the input iterator, raised after the documents read before it.
    error: Option<PyErr>,
}

#[pymethods]
impl Pipe {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(
        mut slf: PyRefMut<'py, Self>,
        py: Python<'py>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        loop {
            if let Some(rec) = slf.ready.pop_front() {
                return record_to_py(py, &rec).map(Some);
            }
            if let Some(e) = slf.error.take() {
                return Err(e);
            }
            let Some(docs) = slf.docs.as_ref().map(|d| d.clone_ref(py)) else {
                return Ok(None);
            };
            let mut docs = docs.into_bound(py);
            let mut batch = Vec::with_capacity(slf.batch_size);
            while batch.len() < slf.batch_size {
                match docs.next() {
                    None => {
                        slf.docs = None;
                        break;
                    }
                    Some(Err(e)) => {
                        slf.error = Some(e);
                        slf.docs = None;
                        break;
                    }
                    Some(Ok(obj)) => {
                        let index = slf.index;
                        slf.index += 1;
                        batch.push(document_from_py(
                            &obj,
                            index,
                            &slf.doc,
                            slf.first_line_title,
                        ));
                    }
                }
            }
            let (pipeline, pool, chars) = (slf.pipeline.clone(), slf.pool.clone(), slf.chars);
            let records = py.detach(move || {
                let mut records = pipeline.analyze_batch(&pool, &mut batch);
                pool.install(|| finish(&mut records, chars));
                records
            });
            slf.ready.extend(records);
        }
    }
}

/// The available analysers (built-in ones, then `plugins`), each a `dict` with `name`,
/// `version`, `requires`, `optional` and `description`. With `analyzers`, only those and what
/// they require, in the order they run.
#[pyfunction]
#[pyo3(signature = (*, analyzers=None, plugins=None))]
fn analyzers(
    py: Python<'_>,
    analyzers: Option<Vec<String>>,
    plugins: Option<Vec<PathBuf>>,
) -> PyResult<Bound<'_, PyList>> {
    let selected = analyzers.is_some();
    let options = AnalyzerKw {
        analyzers,
        targets: None,
        headline: None,
        lexicon: None,
        plugins,
        plugin_options: None,
    }
    .options()?;
    let list = if selected {
        options
            .pipeline()
            .map_err(|e| setup_error(&e))?
            .analyzers()
            .to_vec()
    } else {
        options.available().map_err(|e| setup_error(&e))?
    };
    let infos: Vec<lede_analyzers::AnalyzerInfo> = list
        .iter()
        .map(|a| lede_analyzers::AnalyzerInfo::of(a.as_ref()))
        .collect();
    let out = PyList::empty(py);
    for info in &infos {
        out.append(pythonize::pythonize(py, info)?)?;
    }
    Ok(out)
}

/// The native module; `lede/__init__.py` re-exports it.
#[pymodule]
fn _lede(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", lede_core::SCHEMA_VERSION)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(pipe, m)?)?;
    m.add_function(wrap_pyfunction!(analyzers, m)?)?;
    m.add_class::<Pipe>()?;
    Ok(())
}
