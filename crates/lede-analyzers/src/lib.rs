//! lede-analyzers: the analysers lede ships, and how a run sets them up: which ones, their
//! options, plugins (`--plugin`, `LEDE_PLUGIN_PATH`) and the resolved [`Pipeline`]. The `lede`
//! binary and the Python package both build their pipeline here, so that they run the same
//! analysers the same way.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use lede_core::{Analyzer, Pipeline, PipelineError};
use serde::Serialize;
use serde_json::{Map, Value};

/// The `text` analyser is lede-core's (it prints the core's own layers).
pub use lede_core::{ParagraphOut, TextAnalyzer, TextOutput};

/// All built-in analysers (default options), in the order `lede analyzers` lists them.
pub fn builtin() -> Vec<Arc<dyn Analyzer>> {
    vec![
        Arc::new(TextAnalyzer),
        Arc::new(lede_entity::EntityAnalyzer),
        Arc::new(lede_quote::QuoteAnalyzer),
        Arc::new(lede_timeline::TimelineAnalyzer),
        Arc::new(lede_stance::StanceAnalyzer::default()),
    ]
}

/// Why the analysers could not be set up: nothing has been analysed yet (a usage error).
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    Stance(#[from] lede_stance::LexiconError),
    #[error(transparent)]
    Plugin(#[from] lede_plugin_host::LoadError),
    #[error("cannot read the folders of {}", lede_plugin_host::PLUGIN_PATH_ENV)]
    PluginPath(#[source] lede_plugin_host::LoadError),
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
}

/// What a run asks of the analysers: the options of `lede analyze` that choose and configure
/// them (`--analyzers`, `--plugin`, `--plugin-option`, `--target`, `--only-targets`, `--headline`, `--lexicon`).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Analysers to run (all available ones when `None`); the analysers they require run too.
    pub analyzers: Option<Vec<String>>,
    /// Plugin libraries to load, in order.
    pub plugins: Vec<PathBuf>,
    /// Whether the folders listed in `LEDE_PLUGIN_PATH` are loaded too.
    pub plugin_path_env: bool,
    /// `(plugin, key, value)`: the plugin gets `{key: value}` among its options.
    pub plugin_options: Vec<(String, String, Value)>,
    /// Stance targets given by the user.
    pub stance_targets: Vec<String>,
    /// A headline to classify each article against (FNC-1).
    pub stance_headline: Option<String>,
    /// A stance lexicon file added to the built-in one.
    pub stance_lexicon: Option<PathBuf>,
    /// Only the user's stance targets (`--only-targets`): none detected in the headline, and
    /// not the people and organisations actors mention.
    pub stance_only_targets: bool,
    /// Where plugins run (in this process unless told otherwise: worker processes need the
    /// `lede` program, see [`lede_plugin_host::worker`]).
    pub isolation: lede_plugin_host::Isolation,
    /// Time each analyser may spend on one document ([`lede_core::budget`]); none by default.
    pub budget: Option<std::time::Duration>,
}

impl Options {
    /// Every analyser available with these options: built-in ones, then plugins.
    pub fn available(&self) -> Result<Vec<Arc<dyn Analyzer>>, SetupError> {
        let mut all = builtin();
        // the stance analyser takes options
        if let Some(slot) = all.iter_mut().find(|a| a.name() == lede_stance::NAME) {
            let opts = lede_stance::StanceOptions {
                targets: self.stance_targets.clone(),
                headline: self.stance_headline.clone(),
                lexicon: self.stance_lexicon.clone(),
                only_user_targets: self.stance_only_targets,
            };
            *slot = Arc::new(lede_stance::StanceAnalyzer::new(&opts)?);
        }
        let mut paths = self.plugins.clone();
        if self.plugin_path_env {
            if let Some(list) = std::env::var_os(lede_plugin_host::PLUGIN_PATH_ENV) {
                paths.extend(
                    lede_plugin_host::plugin_path_files(&list).map_err(SetupError::PluginPath)?,
                );
            }
        }
        let mut options: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
        for (plugin, key, value) in &self.plugin_options {
            options
                .entry(plugin.clone())
                .or_default()
                .insert(key.clone(), value.clone());
        }
        all.extend(lede_plugin_host::load_plugins(
            &paths,
            &all,
            &options,
            &self.isolation,
        )?);
        Ok(all)
    }

    /// The analysers asked for and what they require, in the order they run.
    pub fn pipeline(&self) -> Result<Pipeline, SetupError> {
        Ok(Pipeline::build(self.available()?, self.analyzers.as_deref())?.budget(self.budget))
    }
}

/// What `lede analyzers --json` (and the Python package's `analyzers()`) says of an analyser.
/// Fields in alphabetical order, as every object of lede's JSON output.
#[derive(Debug, Clone, Serialize)]
pub struct AnalyzerInfo {
    pub description: String,
    pub name: String,
    /// Analysers it uses when they are available.
    pub optional: Vec<String>,
    /// Analysers it cannot work without.
    pub requires: Vec<String>,
    pub version: String,
}

impl AnalyzerInfo {
    pub fn of(a: &dyn Analyzer) -> Self {
        Self {
            description: a.description().to_owned(),
            name: a.name().to_owned(),
            optional: a.optional(),
            requires: a.requires(),
            version: a.version().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    /// The plugin SDK's `testing` helper runs lede's analysers before a plugin in its author's
    /// tests; it cannot depend on this crate (which loads plugins), so it keeps its own list,
    /// which must be this one.
    #[test]
    fn the_sdk_testing_helper_runs_the_builtin_analysers() {
        let names = |list: Vec<std::sync::Arc<dyn lede_core::Analyzer>>| {
            list.iter()
                .map(|a| (a.name().to_owned(), a.version().to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(lede_plugin_sdk::testing::builtin_analyzers()),
            names(super::builtin())
        );
    }
}
