use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::document::Document;

/// The output of an analyser: a typed value that dependants downcast to read, and that the
/// runner serialises for output.
pub trait OutputData: Any + Send + Sync + fmt::Debug {
    /// The value as JSON, for output and for plugins.
    fn to_json(&self) -> Result<serde_json::Value, serde_json::Error>;
    /// The value as `Any`, for [`Context::get`].
    fn as_any(&self) -> &dyn Any;
}

impl<T> OutputData for T
where
    T: serde::Serialize + Any + Send + Sync + fmt::Debug,
{
    fn to_json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::to_value(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A shared, type-erased analyser output.
pub type Output = Arc<dyn OutputData>;

/// Why an analyser produced no output for a document. Partial results belong in the output
/// itself (as diagnostics), not here.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AnalyzeError {
    /// The document is not something this analyser can work on.
    #[error("{0}")]
    Input(String),
    /// An analyser this one requires failed or did not run.
    #[error("required analyser `{0}` has no output for this document")]
    MissingRequirement(String),
    /// Anything else (a plugin error, an I/O problem, a caught panic).
    #[error("{0}")]
    Failed(String),
}

/// The outputs of the analysers that ran before, by name.
#[derive(Default, Debug)]
pub struct Context {
    outputs: BTreeMap<String, Output>,
}

impl Context {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, name: impl Into<String>, output: Output) {
        self.outputs.insert(name.into(), output);
    }

    /// The typed output of analyser `name`, when it ran and has type `T`.
    pub fn get<T: Any>(&self, name: &str) -> Option<&T> {
        self.outputs
            .get(name)?
            .as_ref()
            .as_any()
            .downcast_ref::<T>()
    }

    /// The type-erased output of analyser `name`.
    pub fn output(&self, name: &str) -> Option<&Output> {
        self.outputs.get(name)
    }

    /// The typed output of a required analyser, or the error to return when it is missing.
    pub fn require<T: Any>(&self, name: &str) -> Result<&T, AnalyzeError> {
        self.get(name)
            .ok_or_else(|| AnalyzeError::MissingRequirement(name.to_owned()))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Output)> {
        self.outputs.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// An analyser: built-in ones and plugin adapters both implement this.
///
/// Implementations must never panic (the runner catches panics anyway and reports them as an
/// error of this analyser for that document) and must be deterministic: the output depends only
/// on the document and the outputs of the required analysers.
pub trait Analyzer: Send + Sync {
    /// A short unique name: `entity`, `quote`, a plugin's name.
    fn name(&self) -> &str;
    /// The analyser's version, shown by `lede analyzers` and in snapshots' metadata.
    fn version(&self) -> &str;
    /// The names of the analysers whose outputs this one reads from the [`Context`].
    fn requires(&self) -> Vec<String> {
        Vec::new()
    }
    /// Analysers this one reads when they are available: they run first when present, and
    /// their absence or failure on a document does not stop this one.
    fn optional(&self) -> Vec<String> {
        Vec::new()
    }
    /// A one-line description for `lede analyzers`.
    // Implementations (plugins) return text they own, so the bound stays tied to `self`.
    #[allow(clippy::unnecessary_literal_bound)]
    fn description(&self) -> &str {
        ""
    }
    /// Analyses one document.
    fn analyze(&self, doc: &Document, ctx: &Context) -> Result<Output, AnalyzeError>;
}
