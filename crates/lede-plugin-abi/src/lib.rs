//! lede-plugin-abi: the C ABI between `lede` and its analyser plugins, version 1.
//!
//! API boundary: only `#[repr(C)]` types, integers, raw pointers, `(ptr, len)` pairs and
//! constants live here, because Rust has no stable ABI: a plugin may be built by another
//! compiler version than the host, so nothing whose layout the compiler chooses (`&str`,
//! `String`, `Vec`, `Option`, trait objects) may cross the boundary. Everything richer travels
//! as JSON bytes (see `lede-plugin-sdk`'s wire types).
//!
//! The contract, in the order the host uses it:
//! 1. the library exports the `u32` static [`ABI_VERSION_SYMBOL`] holding [`ABI_MAJOR`]; the host
//!    reads it first and calls nothing when it differs from its own;
//! 2. it exports [`ENTRY_SYMBOL`], an `extern "C" fn() -> *const PluginV1` returning a table
//!    that lives as long as the library;
//! 3. the host calls [`PluginV1::create`] once, [`PluginV1::analyze`] for every document
//!    (possibly from many threads at once, on the same instance) and [`PluginV1::free_buf`] on
//!    every buffer the plugin handed out, after copying it;
//! 4. the host never unloads the library (unloading Rust libraries that used thread-locals
//!    crashes), so the table and its strings stay valid for the whole process.
//!
//! Versioning: a new minor version only appends fields to [`PluginV1`] (the host reads
//! [`PluginV1::struct_size`] before touching them); anything else is a new major version, with
//! a new entry symbol.

use core::ffi::c_void;

/// The ABI major version this crate describes. Host and plugin must agree on it exactly.
pub const ABI_MAJOR: u32 = 1;
/// The ABI minor version: a plugin built against a newer minor only appends fields that an
/// older host ignores; a host reading an older plugin checks `struct_size` first.
pub const ABI_MINOR: u32 = 0;

/// Name of the exported `u32` static holding the plugin's [`ABI_MAJOR`] (NUL-terminated for
/// the dynamic loader).
pub const ABI_VERSION_SYMBOL: &[u8] = b"LEDE_PLUGIN_ABI_VERSION\0";
/// Name of the exported `extern "C" fn() -> *const PluginV1` (NUL-terminated).
pub const ENTRY_SYMBOL: &[u8] = b"lede_plugin_v1\0";

/// Version of the JSON carried in requests, responses and manifests.
pub const SCHEMA_VERSION: u32 = 1;

/// Status: the call succeeded; the output buffer holds JSON (a response may itself carry the
/// plugin's error for this document).
pub const STATUS_OK: u32 = 0;
/// Status: the plugin failed; the output buffer holds a UTF-8 message (possibly empty).
pub const STATUS_ERROR: u32 = 1;
/// Status: the plugin panicked and caught it; the output buffer holds the panic message.
pub const STATUS_PANIC: u32 = 2;
/// Status: the host passed a null pointer or a request that is not UTF-8 JSON.
pub const STATUS_INVALID_ARGUMENT: u32 = 3;

/// Borrowed bytes: `len` bytes at `ptr`, owned by whoever passes them, valid for the call (or,
/// in [`PluginV1`], for the life of the process). `ptr` may be null only when `len` is 0.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct Bytes {
    pub ptr: *const u8,
    pub len: usize,
}

impl Bytes {
    /// Zero bytes (null pointer).
    pub const EMPTY: Self = Self {
        ptr: core::ptr::null(),
        len: 0,
    };

    /// Borrows a static byte string, for the strings of [`PluginV1`].
    pub const fn from_static(s: &'static [u8]) -> Self {
        Self {
            ptr: s.as_ptr(),
            len: s.len(),
        }
    }
}

/// A buffer the plugin allocated and handed to the host. The host copies it and gives it back
/// through [`PluginV1::free_buf`]; it never frees it with its own allocator (the two sides may
/// use different allocators). A buffer with a null `ptr` holds nothing and needs no freeing.
#[repr(C)]
#[derive(Debug)]
pub struct OwnedBuf {
    pub ptr: *mut u8,
    pub len: usize,
    /// Whatever the plugin needs to free it (for Rust: the allocation's capacity).
    pub cap: usize,
}

impl OwnedBuf {
    /// An empty buffer, as the host initialises out-parameters.
    pub const EMPTY: Self = Self {
        ptr: core::ptr::null_mut(),
        len: 0,
        cap: 0,
    };
}

/// `create(options, out_instance, out_message) -> status`: builds one analyser instance from
/// `options` (JSON, see the SDK's `CreateRequest`). On [`STATUS_OK`] `*out_instance` is set;
/// otherwise `*out_message` may hold a UTF-8 message.
pub type CreateFn = unsafe extern "C" fn(
    options: Bytes,
    out_instance: *mut *mut c_void,
    out_message: *mut OwnedBuf,
) -> u32;

/// `analyze(instance, request, out) -> status`: analyses one document. `request` is JSON (the
/// SDK's `Request`); on [`STATUS_OK`] `*out` holds the JSON response. Must be callable from
/// several threads at once on the same instance.
pub type AnalyzeFn =
    unsafe extern "C" fn(instance: *const c_void, request: Bytes, out: *mut OwnedBuf) -> u32;

/// `free_buf(buf)`: frees a buffer this plugin handed out.
pub type FreeBufFn = unsafe extern "C" fn(buf: OwnedBuf);

/// `destroy(instance)`: drops an instance made by `create`.
pub type DestroyFn = unsafe extern "C" fn(instance: *mut c_void);

/// The plugin's function table, ABI major version 1. Returned by [`ENTRY_SYMBOL`]; lives as
/// long as the library. Fields are only ever appended (minor versions).
#[repr(C)]
#[derive(Debug)]
pub struct PluginV1 {
    /// Must equal [`ABI_MAJOR`] (and the [`ABI_VERSION_SYMBOL`] static).
    pub abi_major: u32,
    /// The [`ABI_MINOR`] the plugin was built against.
    pub abi_minor: u32,
    /// `size_of::<PluginV1>()` as the plugin knows it: the host reads no field beyond it.
    pub struct_size: usize,
    /// The analyser's name (UTF-8): its key in output records. Must not clash with a built-in.
    pub name: Bytes,
    /// The analyser's version (UTF-8), shown by `lede analyzers`.
    pub version: Bytes,
    /// JSON manifest (the SDK's `Manifest`): description, required and optional analysers.
    pub manifest: Bytes,
    pub create: CreateFn,
    pub analyze: AnalyzeFn,
    pub free_buf: FreeBufFn,
    pub destroy: DestroyFn,
}

// The table is immutable data made of pointers to immutable static data and to functions:
// sharing it between threads, and building it on one thread for use on others, is safe. These
// two impls are the only unsafe code of this crate; the SDK needs them to keep the table in a
// static.
#[allow(unsafe_code)]
unsafe impl Sync for PluginV1 {}
#[allow(unsafe_code)]
unsafe impl Send for PluginV1 {}

#[cfg(test)]
mod tests {
    /// The crate's semver is the ABI's, so that a dependency requirement on this crate is a
    /// requirement on the ABI.
    #[test]
    fn the_crate_version_is_the_abi_version() {
        let major: u32 = env!("CARGO_PKG_VERSION_MAJOR").parse().unwrap();
        let minor: u32 = env!("CARGO_PKG_VERSION_MINOR").parse().unwrap();
        assert_eq!((major, minor), (super::ABI_MAJOR, super::ABI_MINOR));
    }
}
