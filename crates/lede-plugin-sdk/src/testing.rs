//! Snapshot-testing a plugin in its author's own CI, without building the library or installing
//! `lede`. The plugin runs in process behind the same pipeline as in `lede analyze`: lede's
//! built-in analysers that it requires run first, on the same text layers, their outputs and the
//! plugin's options go into the same JSON request (built by the code the `lede` host uses), and
//! the response goes through the same JSON path as from the library.
//!
//! ```ignore
//! #[test]
//! fn my_articles() {
//!     insta::glob!("articles/*.txt", |path| {
//!         insta::assert_yaml_snapshot!(lede_plugin_sdk::testing::analyze_file::<MyPlugin>(path));
//!     });
//! }
//! ```
//!
//! Enable with `lede-plugin-sdk = { version = "...", features = ["testing"] }` under
//! `[dev-dependencies]`. The feature compiles lede's analysers into your tests (never into the
//! plugin), and re-exports what a test needs ([`Document`], [`Metadata`]).
//!
//! Which analysers run: every one in the plugin's [`Analyzer::REQUIRES`]; one of its
//! [`Analyzer::OPTIONAL`] analysers only when asked ([`Test::run`]), so that snapshots do not
//! move with an analyser the plugin can do without unless you want them to. [`Test::input`]
//! replaces an analyser's output by a hand-made one (to test the plugin's logic on inputs you
//! control), which also lets a plugin that requires another plugin be tested.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use lede_core::{AnalyzeError, Context, Output, Pipeline};
use serde::Serialize;
use serde_json::Value;

pub use lede_core::{Document, Metadata};

use crate::{Analyzer, Error, Options};

/// The plugin's output for a plain-text article (line 1 is the headline, as `lede analyze`
/// reads `.txt` files), with default options, after the built-in analysers it requires: the
/// findings, or `{"error": message}`. Panics with a clear message when the file cannot be read
/// or the plugin cannot be built (a test helper: a panic fails the test).
pub fn analyze_file<T: Analyzer>(path: impl AsRef<Path>) -> Value {
    Test::<T>::new().analyze_file(path)
}

/// The built-in analysers of lede, with their default options, in the order `lede analyzers`
/// lists them. lede-analyzers' tests check that this is the list `lede` has.
pub fn builtin_analyzers() -> Vec<Arc<dyn lede_core::Analyzer>> {
    vec![
        Arc::new(lede_core::TextAnalyzer),
        Arc::new(lede_entity::EntityAnalyzer),
        Arc::new(lede_quote::QuoteAnalyzer),
        Arc::new(lede_timeline::TimelineAnalyzer),
        Arc::new(lede_stance::StanceAnalyzer::default()),
    ]
}

/// A plugin set up for tests: its options, the optional analysers to run too, hand-made inputs
/// and a publication date.
///
/// ```ignore
/// use lede_plugin_sdk::testing::Test;
/// let out = Test::<Hedges>::with_options(serde_json::json!({"words": ["reportedly"]}))
///     .date("2024-03-01")
///     .analyze_file("tests/articles/budget.txt");
/// ```
pub struct Test<T: Analyzer> {
    plugin: Arc<T>,
    options: Options,
    run: Vec<String>,
    inputs: BTreeMap<String, Value>,
    date: Option<chrono::NaiveDate>,
}

impl<T: Analyzer> Default for Test<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Analyzer> Test<T> {
    /// The plugin built with no options. Panics when `new` refuses that.
    pub fn new() -> Self {
        Self::with_options(Value::Object(Options::new()))
    }

    /// The plugin built with `options` (a JSON object, as `--plugin-option NAME.KEY=VALUE`
    /// gives them), which every request carries too. Panics when they are not an object or `new`
    /// refuses them; [`Test::try_with_options`] returns the refusal instead.
    pub fn with_options(options: impl Serialize) -> Self {
        Self::try_with_options(options)
            .unwrap_or_else(|e| panic!("plugin `{}` could not be built: {e}", T::NAME))
    }

    /// Like [`Test::with_options`], with `new`'s refusal as an `Err` (to test option checking).
    pub fn try_with_options(options: impl Serialize) -> Result<Self, Error> {
        let options = match serde_json::to_value(options)? {
            Value::Object(map) => map,
            other => {
                return Err(Error::new(format!(
                    "options must be an object, not {other}"
                )))
            }
        };
        let plugin = T::new(&options)?;
        Ok(Self::build(plugin, options))
    }

    /// An instance you built yourself, with no options in its requests.
    pub fn from_plugin(plugin: T) -> Self {
        Self::build(plugin, Options::new())
    }

    fn build(plugin: T, options: Options) -> Self {
        Self {
            plugin: Arc::new(plugin),
            options,
            run: Vec::new(),
            inputs: BTreeMap::new(),
            date: None,
        }
    }

    /// Also runs the built-in analyser `name` (one of the plugin's `OPTIONAL` ones) and passes
    /// its output, as `lede analyze` does when the host has it.
    #[must_use]
    pub fn run(mut self, name: &str) -> Self {
        if !self.run.iter().any(|n| n == name) {
            self.run.push(name.to_owned());
        }
        self
    }

    /// Passes `output` as the output of analyser `name` instead of running it.
    #[must_use]
    pub fn input(mut self, name: &str, output: Value) -> Self {
        self.inputs.insert(name.to_owned(), output);
        self
    }

    /// The publication date (`YYYY-MM-DD`) of the documents read by [`Test::analyze_file`] and
    /// [`Test::analyze_text`], as `lede analyze --date` sets it. Panics on another format.
    #[must_use]
    pub fn date(mut self, date: &str) -> Self {
        self.date = Some(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .unwrap_or_else(|e| panic!("date {date:?} is not YYYY-MM-DD: {e}")),
        );
        self
    }

    /// The plugin instance.
    pub fn plugin(&self) -> &T {
        &self.plugin
    }

    /// The output for a plain-text article file (line 1 is the headline; a leading byte-order
    /// mark is dropped, as `lede analyze` reads text files). Panics when it cannot be read.
    pub fn analyze_file(&self, path: impl AsRef<Path>) -> Value {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let id = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.analyze_text(id, text)
    }

    /// The output for a plain-text article given as a string (line 1 is the headline).
    pub fn analyze_text(&self, id: impl Into<String>, text: impl Into<String>) -> Value {
        let text: String = text.into();
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let metadata = Metadata {
            date: self.date,
            ..Metadata::default()
        };
        self.analyze_document(&Document::from_plain_text(id, text, metadata))
    }

    /// The output for a document you built (for instance [`Document::new`], without a headline
    /// line, as JSON Lines input is read): the findings, or `{"error": message}`.
    pub fn analyze_document(&self, doc: &Document) -> Value {
        let adapter = InProcess {
            plugin: Arc::clone(&self.plugin),
            options: self.options.clone(),
            inputs: self.inputs.clone(),
            requires: T::REQUIRES
                .iter()
                .map(|s| (*s).to_owned())
                .chain(self.run.iter().cloned())
                .filter(|n| !self.inputs.contains_key(n))
                .collect(),
        };
        let mut available = builtin_analyzers();
        for name in &adapter.requires {
            assert!(
                available.iter().any(|a| a.name() == name),
                "plugin `{}` needs `{name}`, which is not one of lede's built-in analysers \
                 (text, entity, quote, timeline, stance): give its output with Test::input",
                T::NAME
            );
        }
        available.push(Arc::new(adapter));
        let pipeline = Pipeline::build(available, Some(&[T::NAME.to_owned()]))
            .unwrap_or_else(|e| panic!("the analysers could not be set up: {e}"));
        let mut record = pipeline.analyze(doc);
        if let Some(error) = record.error {
            return serde_json::json!({ "error": error });
        }
        if let Some(findings) = record.results.remove(T::NAME) {
            return findings;
        }
        let message = record
            .errors
            .iter()
            .find(|f| f.analyzer == T::NAME)
            .map_or("the plugin returned no output", |f| f.message.as_str());
        serde_json::json!({ "error": message })
    }
}

/// The plugin as one more analyser of the pipeline, as the `lede` host wraps a loaded library,
/// but calling the plugin's request handler directly.
struct InProcess<T> {
    plugin: Arc<T>,
    options: Options,
    /// Hand-made outputs of analysers, by name.
    inputs: BTreeMap<String, Value>,
    /// Built-in analysers whose outputs go into the request.
    requires: Vec<String>,
}

impl<T: Analyzer> lede_core::Analyzer for InProcess<T> {
    fn name(&self) -> &str {
        T::NAME
    }

    fn version(&self) -> &str {
        T::VERSION
    }

    fn requires(&self) -> Vec<String> {
        self.requires.clone()
    }

    fn analyze(&self, doc: &Document, ctx: &Context) -> Result<Output, AnalyzeError> {
        let mut inputs = self.inputs.clone();
        for name in &self.requires {
            let out = ctx
                .output(name)
                .ok_or_else(|| AnalyzeError::MissingRequirement(name.clone()))?;
            let json = out.to_json().map_err(|e| {
                AnalyzeError::Failed(format!(
                    "the output of `{name}` could not be serialised: {e}"
                ))
            })?;
            inputs.insert(name.clone(), json);
        }
        let request = crate::host::request_json(
            doc,
            inputs.iter().map(|(k, v)| (k.as_str(), v)),
            &self.options,
        )
        .map_err(|e| AnalyzeError::Failed(format!("request could not be serialised: {e}")))?;
        let bytes = crate::__private::handle(&*self.plugin, &request)
            .map_err(|(_, message)| AnalyzeError::Failed(message))?;
        let response: crate::wire::Response = serde_json::from_slice(&bytes)
            .map_err(|e| AnalyzeError::Failed(format!("response is not valid JSON: {e}")))?;
        match (response.findings, response.error) {
            (_, Some(error)) => Err(AnalyzeError::Failed(error)),
            (Some(findings), None) => Ok(Arc::new(Findings(findings))),
            (None, None) => Err(AnalyzeError::Failed(
                "response has neither findings nor error".to_owned(),
            )),
        }
    }
}

/// The plugin's findings as an analyser output.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Findings(Value);
