//! Test plugin: speaks the ABI by hand (without the SDK) and answers every document with bytes
//! that are not JSON. lede must turn that into an error record for this analyser, naming the
//! plugin, and go on.
// A hand-written ABI implementation needs raw pointers and unmangled exports.
#![allow(unsafe_code)]

use std::ffi::c_void;

use lede_plugin_abi::{Bytes, OwnedBuf, PluginV1, ABI_MAJOR, ABI_MINOR, STATUS_OK};

#[unsafe(no_mangle)]
pub static LEDE_PLUGIN_ABI_VERSION: u32 = ABI_MAJOR;

static MANIFEST: &[u8] =
    br#"{"schema_version":1,"description":"test plugin that answers with invalid JSON"}"#;
/// Stands for the instance: this plugin has no state.
static INSTANCE: u8 = 0;
/// What every document gets: truncated JSON.
static ANSWER: &[u8] = br#"{"schema_version":1,"findings":[{"oops"#;

static TABLE: PluginV1 = PluginV1 {
    abi_major: ABI_MAJOR,
    abi_minor: ABI_MINOR,
    struct_size: size_of::<PluginV1>(),
    name: Bytes::from_static(b"testplug-bad-json"),
    version: Bytes::from_static(env!("CARGO_PKG_VERSION").as_bytes()),
    manifest: Bytes::from_static(MANIFEST),
    create,
    analyze,
    free_buf,
    destroy,
};

#[unsafe(no_mangle)]
pub extern "C" fn lede_plugin_v1() -> *const PluginV1 {
    &raw const TABLE
}

unsafe extern "C" fn create(
    _options: Bytes,
    out_instance: *mut *mut c_void,
    _out_message: *mut OwnedBuf,
) -> u32 {
    // SAFETY: the host passes a valid out-pointer.
    unsafe { out_instance.write((&raw const INSTANCE).cast_mut().cast()) };
    STATUS_OK
}

unsafe extern "C" fn analyze(_instance: *const c_void, _request: Bytes, out: *mut OwnedBuf) -> u32 {
    // The answer is static: `cap` 0 tells `free_buf` there is nothing to free.
    // SAFETY: the host passes a valid out-pointer.
    unsafe {
        out.write(OwnedBuf {
            ptr: ANSWER.as_ptr().cast_mut(),
            len: ANSWER.len(),
            cap: 0,
        });
    }
    STATUS_OK
}

unsafe extern "C" fn free_buf(_buf: OwnedBuf) {}

unsafe extern "C" fn destroy(_instance: *mut c_void) {}
