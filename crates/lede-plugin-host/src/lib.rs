//! lede-plugin-host: loads analyser plugins and wraps each as a [`lede_core::Analyzer`].
//!
//! API boundary: [`load_plugins`] takes explicit library paths and folders (never the working
//! directory by default) and returns analysers; nothing else of the ABI leaks out. The
//! transport is behind [`Transport`] (JSON request in, JSON response out): by default a pool of
//! worker processes ([`Isolation::Process`], see [`worker`]), or the library loaded into this
//! process ([`Isolation::None`]).
//!
//! Architecture invariant: loading fails before any document is read (a usage error), and once
//! loaded a plugin can only fail per document (an error record for that analyser), whatever
//! the plugin does in its worker: crash, exit, loop, exhaust memory, flood its output; libraries
//! are never unloaded.

mod native;
pub mod worker;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lede_core::{AnalyzeError, Analyzer, Context, Document, Output};
use lede_plugin_abi::{ABI_MAJOR, SCHEMA_VERSION};
use lede_plugin_sdk::wire::{CreateRequest, Manifest, Response};
use serde::Serialize;
use serde_json::{Map, Value};

/// The environment variable listing folders of plugins, separated like `PATH`.
pub const PLUGIN_PATH_ENV: &str = "LEDE_PLUGIN_PATH";

/// Why a plugin could not be loaded. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("plugin {}: cannot read it", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("plugin {} is not a loadable library", path.display())]
    NotALibrary { path: PathBuf, source: Reason },
    #[error(
        "plugin {} has no symbol `{symbol}`: it is not a lede plugin, or was not built with \
         lede_plugin_sdk::export_analyzer!", path.display()
    )]
    MissingSymbol {
        path: PathBuf,
        symbol: String,
        source: Reason,
    },
    #[error(
        "plugin {} was built for plugin ABI version {found}, but this lede expects ABI version \
         {expected}: rebuild the plugin against a lede-plugin-sdk for ABI {expected}", path.display()
    )]
    AbiMismatch {
        path: PathBuf,
        expected: u32,
        found: u32,
    },
    #[error("plugin {} is broken: {reason}", path.display())]
    BadTable { path: PathBuf, reason: String },
    #[error("plugin `{name}` ({}) could not start: {message}", path.display())]
    Create {
        path: PathBuf,
        name: String,
        message: String,
    },
    #[error("plugin {} is named `{name}`, like {other}: analyser names must be unique", path.display())]
    NameClash {
        path: PathBuf,
        name: String,
        other: String,
    },
    #[error(
        "plugin `{name}` ({}) requires the analyser `{requires}`, which is not available \
         (available: {available})", path.display()
    )]
    MissingRequirement {
        path: PathBuf,
        name: String,
        requires: String,
        available: String,
    },
    #[error("options given for the plugin `{name}`, but no plugin of that name is loaded (loaded: {loaded})")]
    OptionsForUnknown { name: String, loaded: String },
}

/// The loader's own words for a failure (from the dynamic loader, possibly in a worker).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct Reason(pub String);

/// Where plugins run.
#[derive(Debug, Clone, Default)]
pub enum Isolation {
    /// Each plugin in worker processes: a crash, an exit, a hang, a memory or output limit
    /// becomes an error for that plugin on that document.
    Process(worker::WorkerConfig),
    /// In this process: no per-call cost, but a plugin that aborts, loops or writes to stdout
    /// takes the whole run with it.
    #[default]
    None,
}

/// A failed call through a [`Transport`].
#[derive(Debug, Clone, thiserror::Error)]
pub enum CallError {
    /// The plugin panicked (and caught it at the boundary).
    #[error("panicked: {0}")]
    Panic(String),
    #[error("{0}")]
    Failed(String),
}

/// How requests reach a plugin: one JSON request in, one JSON response out. Must be callable
/// from many threads at once.
pub trait Transport: Send + Sync {
    fn call(&self, request: &[u8]) -> Result<Vec<u8>, CallError>;
}

/// What a plugin says about itself, for `lede analyzers`.
#[derive(Debug, Clone, Serialize)]
pub struct PluginInfo {
    pub name: String,
    pub version: String,
    pub path: PathBuf,
    /// The ABI major version of the library (equal to this host's).
    pub abi_major: u32,
    /// The ABI minor version the library was built against.
    pub abi_minor: u32,
    pub description: String,
    /// Analysers the plugin cannot work without.
    pub requires: Vec<String>,
    /// Analysers it uses when present.
    pub optional: Vec<String>,
}

/// The fields of a plugin's table, however they were read.
struct Table {
    name: String,
    version: String,
    abi_minor: u32,
    manifest: Vec<u8>,
}

/// A plugin's output for one document, as the plugin returned it.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct PluginOutput(pub Value);

/// A loaded plugin as an [`Analyzer`].
pub struct PluginAnalyzer {
    info: PluginInfo,
    description: String,
    /// Required analysers, then the optional ones the host has (resolved at load time).
    inputs: Vec<String>,
    options: Map<String, Value>,
    transport: Box<dyn Transport>,
}

impl std::fmt::Debug for PluginAnalyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginAnalyzer")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

impl PluginAnalyzer {
    /// Loads the library at `path` into this process: checks its ABI version before anything
    /// else, reads its table and manifest, and creates the analyser with `options`.
    pub fn load(path: &Path, options: Map<String, Value>) -> Result<Self, LoadError> {
        Self::load_with(path, &Isolation::None, |_| options)
    }

    /// Loads the library at `path` as `isolation` says, with the options chosen by the
    /// plugin's name (known only once its table is read).
    pub fn load_with(
        path: &Path,
        isolation: &Isolation,
        options_for: impl FnOnce(&str) -> Map<String, Value>,
    ) -> Result<Self, LoadError> {
        // An absolute path, so that the dynamic loader never searches its own folders.
        let path = path.canonicalize().map_err(|source| LoadError::Io {
            path: path.to_owned(),
            source,
        })?;
        match isolation {
            Isolation::None => {
                let loaded = native::load(&path)?;
                let table = Table {
                    name: loaded.name.clone(),
                    version: loaded.version.clone(),
                    abi_minor: loaded.table.abi_minor,
                    manifest: loaded.manifest.clone(),
                };
                Self::finish(path.clone(), table, options_for, |create| {
                    native::NativeTransport::create(&loaded, &path, create)
                        .map(|t| Box::new(t) as Box<dyn Transport>)
                })
            }
            Isolation::Process(config) => {
                let started = worker::process::start(Arc::new(config.clone()), &path)?;
                let mut pool = started.pool;
                let h = started.hello;
                let table = Table {
                    name: h.name,
                    version: h.version,
                    abi_minor: h.abi_minor,
                    manifest: h.manifest.into_bytes(),
                };
                Self::finish(path, table, options_for, |create| {
                    pool.create(create.to_vec())
                        .map(|()| Box::new(pool) as Box<dyn Transport>)
                })
            }
        }
    }

    /// Checks what the library says about itself, chooses its options and creates it.
    fn finish(
        path: PathBuf,
        table: Table,
        options_for: impl FnOnce(&str) -> Map<String, Value>,
        create: impl FnOnce(&[u8]) -> Result<Box<dyn Transport>, (u32, String)>,
    ) -> Result<Self, LoadError> {
        let bad = |reason: String| LoadError::BadTable {
            path: path.clone(),
            reason,
        };
        let manifest: Manifest = serde_json::from_slice(&table.manifest)
            .map_err(|e| bad(format!("its manifest is not valid JSON: {e}")))?;
        if manifest.schema_version != SCHEMA_VERSION {
            return Err(bad(format!(
                "its manifest has schema version {}, this lede reads {SCHEMA_VERSION}",
                manifest.schema_version
            )));
        }
        if table.name.is_empty() || table.name.contains(char::is_whitespace) {
            return Err(bad(format!(
                "its name {:?} is empty or has spaces",
                table.name
            )));
        }
        let options = options_for(&table.name);
        let request = serde_json::to_vec(&CreateRequest {
            schema_version: SCHEMA_VERSION,
            options: options.clone(),
        })
        .map_err(|e| bad(e.to_string()))?;
        let transport = create(&request).map_err(|(status, m)| LoadError::Create {
            path: path.clone(),
            name: table.name.clone(),
            message: if status == lede_plugin_abi::STATUS_PANIC {
                format!("panicked: {m}")
            } else {
                m
            },
        })?;
        let info = PluginInfo {
            name: table.name,
            version: table.version,
            abi_major: ABI_MAJOR,
            abi_minor: table.abi_minor,
            description: manifest.description,
            requires: manifest.requires,
            optional: manifest.optional,
            path,
        };
        Ok(Self::from_transport(info, options, transport))
    }

    /// A plugin behind any transport (another process, WASM, a test double).
    pub fn from_transport(
        info: PluginInfo,
        options: Map<String, Value>,
        transport: Box<dyn Transport>,
    ) -> Self {
        let uses = if info.optional.is_empty() {
            String::new()
        } else {
            format!(", uses {} when present", info.optional.join(","))
        };
        let description = format!(
            "{}{}[plugin, ABI {}.{}{uses}, {}]",
            info.description,
            if info.description.is_empty() { "" } else { " " },
            info.abi_major,
            info.abi_minor,
            info.path.display()
        );
        Self {
            inputs: info.requires.clone(),
            info,
            description,
            options,
            transport,
        }
    }

    pub fn info(&self) -> &PluginInfo {
        &self.info
    }

    /// Checks the plugin's requirements against the names of the analysers the host has, and
    /// adds the optional ones that are there.
    pub fn resolve(&mut self, available: &[String]) -> Result<(), LoadError> {
        for r in &self.info.requires {
            if !available.contains(r) {
                return Err(LoadError::MissingRequirement {
                    path: self.info.path.clone(),
                    name: self.info.name.clone(),
                    requires: r.clone(),
                    available: available.join(", "),
                });
            }
        }
        let mut inputs = self.info.requires.clone();
        for o in &self.info.optional {
            if available.contains(o) && !inputs.contains(o) {
                inputs.push(o.clone());
            }
        }
        self.inputs = inputs;
        Ok(())
    }

    fn error(&self, message: impl std::fmt::Display) -> AnalyzeError {
        AnalyzeError::Failed(format!(
            "plugin {}: {message}",
            self.info.path.file_name().map_or_else(
                || self.info.path.display().to_string(),
                |n| n.to_string_lossy().into_owned()
            )
        ))
    }
}

impl Analyzer for PluginAnalyzer {
    fn name(&self) -> &str {
        &self.info.name
    }

    fn version(&self) -> &str {
        &self.info.version
    }

    fn requires(&self) -> Vec<String> {
        self.info.requires.clone()
    }

    fn optional(&self) -> Vec<String> {
        self.info.optional.clone()
    }

    fn description(&self) -> &str {
        &self.description
    }

    fn analyze(&self, doc: &Document, ctx: &Context) -> Result<Output, AnalyzeError> {
        let mut inputs: BTreeMap<&str, Value> = BTreeMap::new();
        for name in &self.inputs {
            match ctx.output(name) {
                Some(out) => {
                    let json = out.to_json().map_err(|e| {
                        self.error(format!(
                            "the output of `{name}` could not be serialised: {e}"
                        ))
                    })?;
                    inputs.insert(name, json);
                }
                None if self.info.requires.contains(name) => {
                    return Err(AnalyzeError::MissingRequirement(name.clone()));
                }
                None => {}
            }
        }
        let request = lede_plugin_sdk::host::request_json(
            doc,
            inputs.iter().map(|(k, v)| (*k, v)),
            &self.options,
        )
        .map_err(|e| self.error(format!("request could not be serialised: {e}")))?;
        let bytes = self.transport.call(&request).map_err(|e| self.error(e))?;
        let response: Response = serde_json::from_slice(&bytes)
            .map_err(|e| self.error(format!("returned invalid JSON: {e}")))?;
        if response.schema_version != SCHEMA_VERSION {
            return Err(self.error(format!(
                "returned schema version {}, expected {SCHEMA_VERSION}",
                response.schema_version
            )));
        }
        match (response.findings, response.error) {
            (_, Some(message)) => Err(self.error(message)),
            (Some(findings), None) => Ok(Arc::new(PluginOutput(findings))),
            (None, None) => Err(self.error("returned neither findings nor an error")),
        }
    }
}

/// The library files in the folders of a `LEDE_PLUGIN_PATH`-style list, sorted within each
/// folder. Only files with the platform's library suffix are taken; a missing folder is an
/// error (a typo should not silently load nothing).
pub fn plugin_path_files(list: &OsStr) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    for dir in std::env::split_paths(list) {
        if dir.as_os_str().is_empty() {
            continue;
        }
        // a missing folder, or a file in its place, is an error (a walk would yield nothing)
        let folder = std::fs::metadata(&dir).and_then(|m| {
            if m.is_dir() {
                Ok(())
            } else {
                Err(std::io::Error::new(
                    std::io::ErrorKind::NotADirectory,
                    "not a folder",
                ))
            }
        });
        if let Err(source) = folder {
            return Err(LoadError::Io { path: dir, source });
        }
        let mut files = Vec::new();
        let entries = walkdir::WalkDir::new(&dir)
            .min_depth(1)
            .max_depth(1)
            .follow_links(true)
            .sort_by_file_name();
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                // the folder itself cannot be read; an unreadable entry is skipped
                Err(e) if e.depth() == 0 => {
                    return Err(LoadError::Io {
                        path: dir.clone(),
                        source: e.into(),
                    })
                }
                Err(_) => continue,
            };
            if entry.file_type().is_file()
                && entry
                    .path()
                    .extension()
                    .is_some_and(|e| e == std::env::consts::DLL_EXTENSION)
            {
                files.push(entry.into_path());
            }
        }
        out.extend(files);
    }
    Ok(out)
}

/// Loads the plugins at `paths` (each library once, in order), refuses names that clash with
/// `existing` analysers or with each other, and resolves their requirements against all of
/// them.
pub fn load_plugins(
    paths: &[PathBuf],
    existing: &[Arc<dyn Analyzer>],
    options: &BTreeMap<String, Map<String, Value>>,
    isolation: &Isolation,
) -> Result<Vec<Arc<dyn Analyzer>>, LoadError> {
    let mut names: BTreeMap<String, String> = existing
        .iter()
        .map(|a| {
            (
                a.name().to_owned(),
                format!("the built-in analyser `{}`", a.name()),
            )
        })
        .collect();
    let mut seen = Vec::new();
    let mut plugins: Vec<PluginAnalyzer> = Vec::new();
    for path in paths {
        let canonical = path.canonicalize().map_err(|source| LoadError::Io {
            path: path.clone(),
            source,
        })?;
        if seen.contains(&canonical) {
            continue;
        }
        seen.push(canonical);
        let p = PluginAnalyzer::load_with(path, isolation, |name| {
            options.get(name).cloned().unwrap_or_default()
        })?;
        if let Some(other) = names.get(p.name()) {
            return Err(LoadError::NameClash {
                path: p.info.path.clone(),
                name: p.info.name.clone(),
                other: other.clone(),
            });
        }
        names.insert(
            p.info.name.clone(),
            format!("the plugin {}", p.info.path.display()),
        );
        tracing::debug!(
            "loaded plugin `{}` {} from {}",
            p.info.name,
            p.info.version,
            p.info.path.display()
        );
        plugins.push(p);
    }
    // options for a plugin that is not there are a mistake (a typo in the name), not a no-op
    if let Some(name) = options
        .keys()
        .find(|n| !plugins.iter().any(|p| &p.info.name == *n))
    {
        return Err(LoadError::OptionsForUnknown {
            name: name.clone(),
            loaded: if plugins.is_empty() {
                "none".to_owned()
            } else {
                plugins
                    .iter()
                    .map(|p| format!("`{}`", p.info.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        });
    }
    let available: Vec<String> = names.into_keys().collect();
    plugins
        .into_iter()
        .map(|mut p| {
            p.resolve(&available)?;
            Ok(Arc::new(p) as Arc<dyn Analyzer>)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A transport that answers every request with fixed bytes, and checks the request.
    struct Fixed(Result<&'static str, CallError>);

    impl Transport for Fixed {
        fn call(&self, request: &[u8]) -> Result<Vec<u8>, CallError> {
            // the request is what the SDK reads
            let req: lede_plugin_sdk::Request =
                serde_json::from_slice(request).expect("a request the SDK can read");
            assert_eq!(req.schema_version, SCHEMA_VERSION);
            assert!(!req.layers.sentences.is_empty());
            self.0.clone().map(|s| s.as_bytes().to_vec())
        }
    }

    fn plugin(answer: Result<&'static str, CallError>, requires: &[&str]) -> PluginAnalyzer {
        let info = PluginInfo {
            name: "fake".into(),
            version: "1.2.3".into(),
            path: PathBuf::from("/plugins/libfake.so"),
            abi_major: ABI_MAJOR,
            abi_minor: 0,
            description: "a fake".into(),
            requires: requires.iter().map(|s| (*s).to_owned()).collect(),
            optional: vec!["entity".into()],
        };
        PluginAnalyzer::from_transport(info, Map::new(), Box::new(Fixed(answer)))
    }

    fn run(p: &PluginAnalyzer) -> Result<Value, String> {
        let doc = Document::new(
            "d",
            "Talks resumed. 40 ships wait.",
            lede_core::Metadata::default(),
        );
        p.analyze(&doc, &Context::new())
            .map(|o| o.to_json().unwrap())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn findings_become_the_output() {
        let p = plugin(Ok(r#"{"schema_version":1,"findings":{"n":[1,2]}}"#), &[]);
        assert_eq!(run(&p).unwrap(), serde_json::json!({"n": [1, 2]}));
        assert!(p.description().contains("ABI 1.0"), "{}", p.description());
    }

    #[test]
    fn every_kind_of_failure_is_an_error_naming_the_file() {
        for (answer, expected) in [
            (
                Ok("{\"schema_version\":1,\"findings\":["),
                "returned invalid JSON",
            ),
            (
                Ok("{\"schema_version\":9,\"findings\":[]}"),
                "schema version 9",
            ),
            (
                Ok("{\"schema_version\":1,\"error\":\"no model\"}"),
                "no model",
            ),
            (
                Ok("{\"schema_version\":1}"),
                "neither findings nor an error",
            ),
            (Err(CallError::Panic("boom".into())), "panicked: boom"),
            (Err(CallError::Failed("oops".into())), "oops"),
        ] {
            let err = run(&plugin(answer, &[])).unwrap_err();
            assert!(
                err.contains("libfake.so") && err.contains(expected),
                "{err}"
            );
        }
    }

    #[test]
    fn requirements_are_resolved_against_the_host() {
        let mut p = plugin(Ok("{}"), &["quote"]);
        let err = p.resolve(&["entity".into(), "text".into()]).unwrap_err();
        assert!(
            err.to_string().contains("requires the analyser `quote`"),
            "{err}"
        );
        p.resolve(&["entity".into(), "quote".into()]).unwrap();
        assert_eq!(p.requires(), vec!["quote".to_owned()]);
        assert_eq!(
            p.optional(),
            vec!["entity".to_owned()],
            "optional inputs stay optional"
        );
        let mut p = plugin(Ok("{}"), &[]);
        p.resolve(&["text".into()]).unwrap();
        assert!(
            p.requires().is_empty(),
            "an absent optional analyser is not required"
        );
        // a required analyser without output for the document stops the call
        let mut p = plugin(Ok("{}"), &["quote"]);
        p.resolve(&["quote".into()]).unwrap();
        assert!(run(&p).unwrap_err().contains("quote"));
    }

    #[test]
    fn plugin_path_lists_only_libraries_sorted_and_a_missing_folder_is_an_error() {
        let dir =
            std::env::temp_dir().join(format!("lede-plugin-host-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let ext = std::env::consts::DLL_EXTENSION;
        for f in [
            format!("b.{ext}"),
            format!("a.{ext}"),
            "notes.txt".to_owned(),
        ] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let files = plugin_path_files(dir.as_os_str()).unwrap();
        let names: Vec<_> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec![format!("a.{ext}"), format!("b.{ext}")]);
        let missing = dir.join("nope");
        let err = plugin_path_files(missing.as_os_str()).unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
