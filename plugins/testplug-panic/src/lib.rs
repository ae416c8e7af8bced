//! Test plugin: panics on every document. The SDK catches the panic at the boundary; lede
//! reports an error for this analyser in every record, keeps the other analysers' results and
//! exits 1.

use lede_plugin_sdk::{export_analyzer, Analyzer, Error, Options, Request};

pub struct Panicker;

impl Analyzer for Panicker {
    const NAME: &'static str = "testplug-panic";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str = "test plugin that panics on every document";
    type Output = ();

    fn new(_options: &Options) -> Result<Self, Error> {
        Ok(Panicker)
    }

    fn analyze(&self, request: &Request) -> Result<(), Error> {
        panic!("testplug-panic panics on {}", request.document.id)
    }
}

export_analyzer!(Panicker);
