//! The C side of the ABI, generic over the plugin type; used by [`crate::export_analyzer!`].
//!
//! This module holds the SDK's unsafe code: turning raw pointers from the host into slices,
//! boxing the instance behind a `void*`, and handing out buffers that only this library frees.
//! Every `extern "C"` function catches panics: unwinding across the boundary is undefined
//! behaviour.
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Once, OnceLock};

use lede_plugin_abi::{
    Bytes, OwnedBuf, PluginV1, ABI_MAJOR, ABI_MINOR, SCHEMA_VERSION, STATUS_ERROR,
    STATUS_INVALID_ARGUMENT, STATUS_OK, STATUS_PANIC,
};

use crate::wire::{CreateRequest, Manifest, Request, Response};
use crate::Analyzer;

/// The body of the exported entry function: builds the table once.
pub fn entry<T: Analyzer>(cell: &'static OnceLock<PluginV1>) -> *const PluginV1 {
    catch_unwind(|| std::ptr::from_ref(cell.get_or_init(table::<T>))).unwrap_or(std::ptr::null())
}

/// The manifest of `T`.
pub fn manifest<T: Analyzer>() -> Manifest {
    Manifest {
        schema_version: SCHEMA_VERSION,
        description: T::DESCRIPTION.to_owned(),
        requires: T::REQUIRES.iter().map(|s| (*s).to_owned()).collect(),
        optional: T::OPTIONAL.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn table<T: Analyzer>() -> PluginV1 {
    // Serialising a struct of strings cannot fail; an empty manifest would be refused by the
    // host with a clear message anyway.
    let manifest = serde_json::to_vec(&manifest::<T>()).unwrap_or_default();
    // Built once per process and never freed, like the library itself.
    let manifest: &'static [u8] = Box::leak(manifest.into_boxed_slice());
    PluginV1 {
        abi_major: ABI_MAJOR,
        abi_minor: ABI_MINOR,
        struct_size: size_of::<PluginV1>(),
        name: Bytes::from_static(T::NAME.as_bytes()),
        version: Bytes::from_static(T::VERSION.as_bytes()),
        manifest: Bytes::from_static(manifest),
        create: create::<T>,
        analyze: analyze::<T>,
        free_buf,
        destroy: destroy::<T>,
    }
}

/// Handles one JSON request: the part of `analyze` that needs no pointer, shared with
/// the `testing` module (feature `testing`). `Err` carries an ABI status and a message.
pub fn handle<T: Analyzer>(plugin: &T, request: &[u8]) -> Result<Vec<u8>, (u32, String)> {
    let request: Request = serde_json::from_slice(request)
        .map_err(|e| (STATUS_INVALID_ARGUMENT, format!("invalid request: {e}")))?;
    let response = match plugin.analyze(&request) {
        Ok(out) => match serde_json::to_value(out) {
            Ok(findings) => Response {
                schema_version: SCHEMA_VERSION,
                findings: Some(findings),
                error: None,
            },
            Err(e) => Response {
                schema_version: SCHEMA_VERSION,
                findings: None,
                error: Some(format!("output could not be serialised: {e}")),
            },
        },
        Err(e) => Response {
            schema_version: SCHEMA_VERSION,
            findings: None,
            error: Some(e.to_string()),
        },
    };
    serde_json::to_vec(&response).map_err(|e| (STATUS_ERROR, e.to_string()))
}

/// Parses `create`'s options (empty bytes mean no options).
pub fn create_request(bytes: &[u8]) -> Result<CreateRequest, String> {
    if bytes.is_empty() {
        return Ok(CreateRequest::default());
    }
    serde_json::from_slice(bytes).map_err(|e| format!("invalid options: {e}"))
}

/// The text of a panic payload.
pub fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_owned()
    }
}

/// The panic message, dropping the payload without letting a panicking `Drop` escape.
fn take_panic(p: Box<dyn std::any::Any + Send>) -> String {
    let message = panic_message(&*p);
    let _ = catch_unwind(AssertUnwindSafe(move || drop(p)));
    message
}

/// The plugin's panics are reported in the host's records; the default hook would print each
/// one to stderr as well. This library has its own copy of std, so this hook only concerns the
/// plugin. `RUST_BACKTRACE` keeps the default, for debugging.
fn quiet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("RUST_BACKTRACE").is_none() {
            std::panic::set_hook(Box::new(|_| {}));
        }
    });
}

/// Hands `bytes` to the host through `out`.
///
/// # Safety
/// `out` must be valid for writes.
unsafe fn give(out: *mut OwnedBuf, bytes: Vec<u8>) {
    let mut bytes = std::mem::ManuallyDrop::new(bytes);
    // SAFETY: the caller checked `out`; the buffer is freed by `free_buf` with the same
    // (ptr, len, cap).
    unsafe {
        out.write(OwnedBuf {
            ptr: bytes.as_mut_ptr(),
            len: bytes.len(),
            cap: bytes.capacity(),
        });
    }
}

/// The bytes behind `b`, `None` for a null pointer with a non-zero length.
///
/// # Safety
/// A non-null `b.ptr` must point at `b.len` readable bytes for `'a`.
unsafe fn borrow<'a>(b: Bytes) -> Option<&'a [u8]> {
    if b.ptr.is_null() {
        (b.len == 0).then_some(&[][..])
    } else {
        // SAFETY: guaranteed by the caller (the ABI contract).
        Some(unsafe { std::slice::from_raw_parts(b.ptr, b.len) })
    }
}

unsafe extern "C" fn create<T: Analyzer>(
    options: Bytes,
    out_instance: *mut *mut c_void,
    out_message: *mut OwnedBuf,
) -> u32 {
    if out_instance.is_null() || out_message.is_null() {
        return STATUS_INVALID_ARGUMENT;
    }
    quiet_panics();
    // SAFETY: the host passes bytes valid for the call.
    let Some(options) = (unsafe { borrow(options) }) else {
        return STATUS_INVALID_ARGUMENT;
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let req = create_request(options)?;
        T::new(&req.options).map_err(|e| e.to_string())
    }));
    // SAFETY: both out-pointers were checked for null and are the host's locals.
    unsafe {
        match outcome {
            Ok(Ok(instance)) => {
                out_instance.write(Box::into_raw(Box::new(instance)).cast());
                STATUS_OK
            }
            Ok(Err(message)) => {
                give(out_message, message.into_bytes());
                STATUS_ERROR
            }
            Err(p) => {
                give(out_message, take_panic(p).into_bytes());
                STATUS_PANIC
            }
        }
    }
}

unsafe extern "C" fn analyze<T: Analyzer>(
    instance: *const c_void,
    request: Bytes,
    out: *mut OwnedBuf,
) -> u32 {
    if instance.is_null() || out.is_null() {
        return STATUS_INVALID_ARGUMENT;
    }
    // SAFETY: `instance` came from `create::<T>` and is alive until `destroy`; the request
    // bytes are valid for the call.
    let (plugin, request) = unsafe { (&*instance.cast::<T>(), borrow(request)) };
    let Some(request) = request else {
        return STATUS_INVALID_ARGUMENT;
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| handle(plugin, request)));
    // SAFETY: `out` was checked for null and is the host's local.
    unsafe {
        match outcome {
            Ok(Ok(json)) => {
                give(out, json);
                STATUS_OK
            }
            Ok(Err((status, message))) => {
                give(out, message.into_bytes());
                status
            }
            Err(p) => {
                give(out, take_panic(p).into_bytes());
                STATUS_PANIC
            }
        }
    }
}

unsafe extern "C" fn free_buf(buf: OwnedBuf) {
    if buf.ptr.is_null() {
        return;
    }
    let _ = catch_unwind(|| {
        // SAFETY: the buffer was made by `give` from a Vec with exactly these parts.
        drop(unsafe { Vec::from_raw_parts(buf.ptr, buf.len, buf.cap) });
    });
}

unsafe extern "C" fn destroy<T: Analyzer>(instance: *mut c_void) {
    if instance.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `instance` came from `Box::into_raw` in `create::<T>`, destroyed once.
        drop(unsafe { Box::from_raw(instance.cast::<T>()) });
    }));
}
