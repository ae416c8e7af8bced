//! The native transport: a shared library speaking the C ABI of `lede-plugin-abi`.
//!
//! All of the host's unsafe code is here: loading a library runs its initialisers, and every
//! call through the function table trusts the plugin to keep the contract. Plugins are trusted
//! native code (they run with the user's rights); what this module guarantees is that a plugin
//! built for another ABI is never called, and that buffers are freed by the side that
//! allocated them.
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::path::{Path, PathBuf};

use lede_plugin_abi::{
    Bytes, OwnedBuf, PluginV1, ABI_MAJOR, ABI_MINOR, ABI_VERSION_SYMBOL, ENTRY_SYMBOL,
    STATUS_ERROR, STATUS_INVALID_ARGUMENT, STATUS_OK, STATUS_PANIC,
};
use libloading::{Library, Symbol};

use crate::{CallError, LoadError, Reason, Transport};

/// What the library says about itself, read before it is used.
#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    pub table: &'static PluginV1,
    pub name: String,
    pub version: String,
    pub manifest: Vec<u8>,
}

fn symbol_name(s: &[u8]) -> String {
    String::from_utf8_lossy(s.strip_suffix(b"\0").unwrap_or(s)).into_owned()
}

/// Loads the library at `path` (absolute) and reads its table, checking the ABI version first.
pub(crate) fn load(path: &Path) -> Result<Loaded, LoadError> {
    // SAFETY: loading runs the library's initialisers; plugins are trusted native code that
    // the user named explicitly (documented in docs/plugins.md).
    let lib = unsafe { Library::new(path) }.map_err(|e| LoadError::NotALibrary {
        path: path.to_owned(),
        source: Reason(e.to_string()),
    })?;
    // Never unloaded: unloading Rust libraries that used thread-locals crashes, and the table
    // and its strings must outlive every analyser.
    let lib: &'static Library = Box::leak(Box::new(lib));
    let missing = |symbol: &[u8], e: libloading::Error| LoadError::MissingSymbol {
        path: path.to_owned(),
        symbol: symbol_name(symbol),
        source: Reason(e.to_string()),
    };
    // SAFETY: the symbol is a `u32` static by the ABI contract; we read it and nothing else
    // before knowing the plugin speaks our ABI.
    let found = unsafe {
        let sym: Symbol<*const u32> = lib
            .get(ABI_VERSION_SYMBOL)
            .map_err(|e| missing(ABI_VERSION_SYMBOL, e))?;
        let ptr: *const u32 = *sym;
        if ptr.is_null() {
            return Err(LoadError::BadTable {
                path: path.to_owned(),
                reason: "the ABI version symbol is null".into(),
            });
        }
        ptr.read_unaligned()
    };
    if found != ABI_MAJOR {
        return Err(LoadError::AbiMismatch {
            path: path.to_owned(),
            expected: ABI_MAJOR,
            found,
        });
    }
    let bad = |reason: String| LoadError::BadTable {
        path: path.to_owned(),
        reason,
    };
    // SAFETY: same ABI major: the entry symbol has this signature.
    let table: *const PluginV1 = unsafe {
        let entry: Symbol<unsafe extern "C" fn() -> *const PluginV1> = lib
            .get(ENTRY_SYMBOL)
            .map_err(|e| missing(ENTRY_SYMBOL, e))?;
        entry()
    };
    if table.is_null() {
        return Err(bad("the entry function returned no table".into()));
    }
    // SAFETY: the first three fields exist in every v1 table; read them alone before trusting
    // the rest of the struct.
    let (abi_major, abi_minor, struct_size) =
        unsafe { ((*table).abi_major, (*table).abi_minor, (*table).struct_size) };
    if abi_major != ABI_MAJOR {
        return Err(LoadError::AbiMismatch {
            path: path.to_owned(),
            expected: ABI_MAJOR,
            found: abi_major,
        });
    }
    if struct_size < size_of::<PluginV1>() {
        return Err(bad(format!(
            "its table has {struct_size} bytes, ABI {ABI_MAJOR}.{abi_minor} needs at least {} \
             (this lede speaks ABI {ABI_MAJOR}.{ABI_MINOR})",
            size_of::<PluginV1>()
        )));
    }
    // A null function pointer is not a valid Rust `fn`: look at the raw bits of each function
    // field (a plugin not written with the SDK could leave one empty) before making a
    // reference to the table.
    // SAFETY: the table has at least `size_of::<PluginV1>()` bytes (checked above); the fields
    // are pointer-sized and aligned, and reading them as `usize` makes no claim about them.
    let null_fn = unsafe {
        [
            (
                "create",
                std::ptr::addr_of!((*table).create).cast::<usize>().read(),
            ),
            (
                "analyze",
                std::ptr::addr_of!((*table).analyze).cast::<usize>().read(),
            ),
            (
                "free_buf",
                std::ptr::addr_of!((*table).free_buf).cast::<usize>().read(),
            ),
            (
                "destroy",
                std::ptr::addr_of!((*table).destroy).cast::<usize>().read(),
            ),
        ]
        .into_iter()
        .find(|(_, bits)| *bits == 0)
    };
    if let Some((field, _)) = null_fn {
        return Err(bad(format!("its `{field}` function is null")));
    }
    // SAFETY: a complete v1 table that lives as long as the (never unloaded) library.
    let table: &'static PluginV1 = unsafe { &*table };
    let text = |b: Bytes, what: &str| -> Result<Vec<u8>, LoadError> {
        if b.ptr.is_null() && b.len > 0 {
            return Err(bad(format!("its {what} is a null pointer")));
        }
        // SAFETY: static bytes of the library, by the contract.
        Ok(unsafe { borrow(b) }.to_vec())
    };
    let utf8 = |v: Vec<u8>, what: &str| {
        String::from_utf8(v).map_err(|_| bad(format!("its {what} is not UTF-8")))
    };
    let name = utf8(text(table.name, "name")?, "name")?;
    let version = utf8(text(table.version, "version")?, "version")?;
    let manifest = text(table.manifest, "manifest")?;
    Ok(Loaded {
        table,
        name,
        version,
        manifest,
    })
}

/// The bytes behind `b` (empty for a null pointer).
///
/// # Safety
/// A non-null `b.ptr` must point at `b.len` readable bytes for `'a`.
unsafe fn borrow<'a>(b: Bytes) -> &'a [u8] {
    if b.ptr.is_null() {
        &[]
    } else {
        // SAFETY: guaranteed by the caller.
        unsafe { std::slice::from_raw_parts(b.ptr, b.len) }
    }
}

/// Copies a buffer the plugin handed out and gives it back to the plugin's `free_buf`.
fn take(table: &PluginV1, buf: OwnedBuf) -> Vec<u8> {
    if buf.ptr.is_null() {
        return Vec::new();
    }
    // SAFETY: the plugin handed out `len` bytes at `ptr`, valid until we free them, which we
    // do right after copying, through the plugin's own allocator.
    unsafe {
        let bytes = std::slice::from_raw_parts(buf.ptr, buf.len).to_vec();
        (table.free_buf)(buf);
        bytes
    }
}

/// One plugin instance behind the C ABI.
pub(crate) struct NativeTransport {
    table: &'static PluginV1,
    instance: *mut c_void,
    path: PathBuf,
}

// The contract requires `analyze` to be callable from many threads at once on one instance
// (the SDK requires `Sync` of the plugin type); the pointer is only passed back to the plugin.
unsafe impl Send for NativeTransport {}
unsafe impl Sync for NativeTransport {}

impl NativeTransport {
    /// Calls `create` with `options` (the SDK's `CreateRequest` JSON).
    pub(crate) fn create(
        loaded: &Loaded,
        path: &Path,
        options: &[u8],
    ) -> Result<Self, (u32, String)> {
        let table = loaded.table;
        let mut instance: *mut c_void = std::ptr::null_mut();
        let mut message = OwnedBuf::EMPTY;
        // SAFETY: valid options bytes for the call and two valid out-pointers.
        let status = unsafe {
            (table.create)(
                Bytes {
                    ptr: options.as_ptr(),
                    len: options.len(),
                },
                &raw mut instance,
                &raw mut message,
            )
        };
        let message = String::from_utf8_lossy(&take(table, message)).into_owned();
        if status != STATUS_OK {
            return Err((status, message));
        }
        if instance.is_null() {
            return Err((STATUS_ERROR, "create returned no instance".into()));
        }
        Ok(Self {
            table,
            instance,
            path: path.to_owned(),
        })
    }
}

impl NativeTransport {
    /// One call of `analyze`: the ABI status and the bytes the plugin returned.
    pub(crate) fn call_raw(&self, request: &[u8]) -> (u32, Vec<u8>) {
        let mut out = OwnedBuf::EMPTY;
        // SAFETY: a live instance, request bytes valid for the call, a valid out-pointer.
        let status = unsafe {
            (self.table.analyze)(
                self.instance,
                Bytes {
                    ptr: request.as_ptr(),
                    len: request.len(),
                },
                &raw mut out,
            )
        };
        (status, take(self.table, out))
    }
}

impl Transport for NativeTransport {
    fn call(&self, request: &[u8]) -> Result<Vec<u8>, CallError> {
        let (status, bytes) = self.call_raw(request);
        status_result(status, bytes, &self.path)
    }
}

/// A status and the plugin's bytes as the result of a call.
pub(crate) fn status_result(
    status: u32,
    bytes: Vec<u8>,
    path: &Path,
) -> Result<Vec<u8>, CallError> {
    let text = || String::from_utf8_lossy(&bytes).into_owned();
    match status {
        STATUS_OK => Ok(bytes),
        STATUS_PANIC => Err(CallError::Panic(text())),
        STATUS_ERROR => Err(CallError::Failed(text())),
        STATUS_INVALID_ARGUMENT => Err(CallError::Failed(format!(
            "the plugin refused the request: {}",
            text()
        ))),
        other => Err(CallError::Failed(format!(
            "unknown status {other} from {}",
            path.display()
        ))),
    }
}

impl Drop for NativeTransport {
    fn drop(&mut self) {
        // SAFETY: the instance came from `create` and is destroyed once; the library stays.
        unsafe { (self.table.destroy)(self.instance) };
    }
}
