//! lede-plugin-sdk: what a lede analyser plugin depends on.
//!
//! A plugin is a `cdylib` crate with one type implementing [`Analyzer`] and one line
//! `lede_plugin_sdk::export_analyzer!(MyType);`. The macro exports the symbols of the C ABI
//! ([`lede_plugin_abi`]); the SDK turns the JSON request into a [`wire::Request`], the output
//! into a [`wire::Response`], catches every panic at the boundary (a panic becomes an error for
//! that document, the host goes on), and allocates and frees its own buffers.
//!
//! ```
//! use lede_plugin_sdk::{export_analyzer, Analyzer, Error, Options, Request};
//!
//! pub struct Shouting;
//!
//! impl Analyzer for Shouting {
//!     const NAME: &'static str = "shouting";
//!     const VERSION: &'static str = env!("CARGO_PKG_VERSION");
//!     type Output = Vec<lede_plugin_sdk::TextSpan>;
//!
//!     fn new(_options: &Options) -> Result<Self, Error> {
//!         Ok(Shouting)
//!     }
//!
//!     fn analyze(&self, req: &Request) -> Result<Self::Output, Error> {
//!         Ok(req.layers.tokens.iter()
//!             .filter(|t| { let s = t.span().slice(req.text()); s.len() > 1 && s.chars().all(char::is_uppercase) })
//!             .map(|t| t.span().with_text(req.text()))
//!             .collect())
//!     }
//! }
//!
//! export_analyzer!(Shouting);
//! ```
//!
//! See `docs/plugins.md` for the whole walk-through and the contract.

#[doc(hidden)]
pub mod __private;
#[cfg(feature = "host")]
pub mod host;
pub mod outputs;
#[cfg(feature = "testing")]
pub mod testing;
pub mod wire;

pub use lede_plugin_abi as abi;
pub use serde_json;
pub use wire::{Request, Span, TextSpan};

/// Options given to the plugin (a JSON object; empty unless the user set some).
pub type Options = serde_json::Map<String, serde_json::Value>;

/// An error of the plugin: for one document (from [`Analyzer::analyze`]) it becomes an error
/// record for this analyser on that document; from [`Analyzer::new`] it stops `lede` before
/// any document is read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Error(String);

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl From<String> for Error {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl From<&str> for Error {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Self(e.to_string())
    }
}

/// An analyser plugin.
///
/// Threading: `analyze` is called from many threads at once on the same instance, hence
/// `Sync`; keep per-document state on the stack. Determinism: the output must depend only on
/// the request (lede promises byte-identical output for any number of threads).
pub trait Analyzer: Send + Sync + Sized + 'static {
    /// The analyser's name: its key in output records. Lowercase, no spaces; it must not be the
    /// name of a built-in analyser (`lede analyzers` lists them).
    const NAME: &'static str;
    /// The plugin's version, usually `env!("CARGO_PKG_VERSION")`.
    const VERSION: &'static str;
    /// One line for `lede analyzers`.
    const DESCRIPTION: &'static str = "";
    /// Analysers this plugin cannot work without (e.g. `entity`). They run before it, their
    /// outputs are in [`Request::inputs`], and when one fails on a document this plugin is not
    /// called for it. Loading fails when the host has no analyser of that name.
    const REQUIRES: &'static [&'static str] = &[];
    /// Analysers whose outputs the plugin uses when the host has them: they run before it and
    /// their outputs are in [`Request::inputs`]; a host without them still loads the plugin.
    const OPTIONAL: &'static [&'static str] = &[];
    /// The findings for one document, serialised as JSON into the record.
    type Output: serde::Serialize;

    /// Builds the analyser once, when `lede` loads the plugin.
    fn new(options: &Options) -> Result<Self, Error>;

    /// Analyses one document.
    fn analyze(&self, request: &Request) -> Result<Self::Output, Error>;
}

/// Exports a type implementing [`Analyzer`] as a lede plugin: the ABI version static and the
/// entry function of `lede_plugin_abi`. Use it once, in a `cdylib` crate.
#[macro_export]
macro_rules! export_analyzer {
    ($plugin:ty) => {
        /// The ABI major version of this plugin, read by the host before anything else.
        #[unsafe(no_mangle)]
        pub static LEDE_PLUGIN_ABI_VERSION: u32 = $crate::abi::ABI_MAJOR;

        /// The plugin's function table.
        #[unsafe(no_mangle)]
        pub extern "C" fn lede_plugin_v1() -> *const $crate::abi::PluginV1 {
            static TABLE: ::std::sync::OnceLock<$crate::abi::PluginV1> =
                ::std::sync::OnceLock::new();
            $crate::__private::entry::<$plugin>(&TABLE)
        }
    };
}
