//! Test plugin: claims an ABI major version this lede does not speak. lede must refuse it with
//! a message naming the file and both versions, and call nothing in it (the entry function
//! below would abort the process if it were called).
// Exporting unmangled symbols is what a plugin is; this crate has no other unsafe code.
#![allow(unsafe_code)]

/// One more than the ABI lede speaks.
#[unsafe(no_mangle)]
pub static LEDE_PLUGIN_ABI_VERSION: u32 = lede_plugin_abi::ABI_MAJOR + 1;

/// Must never be called: the host reads the version first.
#[unsafe(no_mangle)]
pub extern "C" fn lede_plugin_v1() -> *const lede_plugin_abi::PluginV1 {
    std::process::abort()
}
