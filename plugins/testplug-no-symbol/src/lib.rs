//! Test plugin: exports the ABI version but no entry function, like a library built without
//! `export_analyzer!`. lede must refuse it with a message naming the file and the symbol.
// Exporting an unmangled symbol is what a plugin is; this crate has no other unsafe code.
#![allow(unsafe_code)]

#[unsafe(no_mangle)]
pub static LEDE_PLUGIN_ABI_VERSION: u32 = lede_plugin_abi::ABI_MAJOR;
