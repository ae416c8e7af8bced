//! The worker side: `lede plugin-worker LIBRARY` loads one plugin library in its own process
//! and answers the host's frames until its stdin closes.
//!
//! Before the library is loaded, the protocol streams are moved off file descriptors 0 and 1:
//! the plugin's `println!` then lands on stderr (which the host forwards to its own stderr)
//! and a plugin reading stdin reads nothing, so neither can corrupt the frames. The address
//! space is limited (`--plugin-memory`) before the library's initialisers run, and a watchdog
//! thread ends the worker when the host is gone, even while the plugin loops.
#![allow(unsafe_code)]

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::Path;
use std::time::Duration;

use lede_plugin_abi::{STATUS_INVALID_ARGUMENT, STATUS_OK};

use super::protocol::{
    read_frame, write_frame, Hello, LoadFailure, ANALYZE, CREATE, HELLO, LOAD_FAILED,
    PROTOCOL_VERSION, REPLY,
};
use crate::native::{self, NativeTransport};
use crate::LoadError;

/// Runs the worker for `library` with at most `memory` bytes of address space; returns the
/// process exit code (0 when the host closed the stream, 2 when the protocol broke).
pub fn serve(library: &Path, memory: Option<u64>) -> i32 {
    let (input, output) = match protocol_streams() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("lede plugin-worker: cannot set up its streams: {e}");
            return 2;
        }
    };
    if let Some(bytes) = memory {
        if let Err(e) = limit_memory(bytes) {
            eprintln!("lede plugin-worker: cannot limit memory to {bytes} bytes: {e}");
            return 2;
        }
    }
    watch_parent();
    match run(
        library,
        &mut BufReader::new(input),
        &mut BufWriter::new(output),
    ) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("lede plugin-worker: {e}");
            2
        }
    }
}

fn run(library: &Path, input: &mut impl io::Read, output: &mut impl Write) -> io::Result<()> {
    let loaded = match native::load(library) {
        Ok(l) => l,
        Err(e) => {
            let json = serde_json::to_vec(&failure(e)).map_err(io::Error::other)?;
            return write_frame(output, LOAD_FAILED, &[&json]);
        }
    };
    let hello = Hello {
        protocol: PROTOCOL_VERSION,
        name: loaded.name.clone(),
        version: loaded.version.clone(),
        abi_minor: loaded.table.abi_minor,
        manifest: String::from_utf8_lossy(&loaded.manifest).into_owned(),
    };
    let json = serde_json::to_vec(&hello).map_err(io::Error::other)?;
    write_frame(output, HELLO, &[&json])?;
    // The host is trusted: its frames are read without a cap.
    let create = match read_frame(input, u64::MAX) {
        Ok(f) if f.kind == CREATE => f,
        Ok(f) => return Err(unexpected(f.kind)),
        Err(super::protocol::FrameError::Closed) => return Ok(()),
        Err(e) => return Err(io::Error::other(e)),
    };
    let transport = match NativeTransport::create(&loaded, library, &create.payload) {
        Ok(t) => {
            reply(output, STATUS_OK, b"")?;
            t
        }
        Err((status, message)) => return reply(output, status, message.as_bytes()),
    };
    loop {
        let frame = match read_frame(input, u64::MAX) {
            Ok(f) => f,
            Err(super::protocol::FrameError::Closed) => return Ok(()),
            Err(e) => return Err(io::Error::other(e)),
        };
        if frame.kind != ANALYZE {
            reply(
                output,
                STATUS_INVALID_ARGUMENT,
                format!("unexpected frame kind {:#04x}", frame.kind).as_bytes(),
            )?;
            continue;
        }
        let (status, bytes) = transport.call_raw(&frame.payload);
        reply(output, status, &bytes)?;
    }
}

fn reply(output: &mut impl Write, status: u32, bytes: &[u8]) -> io::Result<()> {
    write_frame(output, REPLY, &[&status.to_le_bytes(), bytes])
}

fn unexpected(kind: u8) -> io::Error {
    io::Error::other(format!("unexpected frame kind {kind:#04x} before `create`"))
}

/// The load error as the host will rebuild it (with its own path).
fn failure(e: LoadError) -> LoadFailure {
    match e {
        LoadError::Io { source, .. } => LoadFailure::Io {
            reason: source.to_string(),
        },
        LoadError::NotALibrary { source, .. } => LoadFailure::NotALibrary {
            reason: source.to_string(),
        },
        LoadError::MissingSymbol { symbol, source, .. } => LoadFailure::MissingSymbol {
            symbol,
            reason: source.to_string(),
        },
        LoadError::AbiMismatch {
            expected, found, ..
        } => LoadFailure::AbiMismatch { expected, found },
        other => LoadFailure::BadTable {
            reason: match other {
                LoadError::BadTable { reason, .. } => reason,
                other => other.to_string(),
            },
        },
    }
}

/// Moves the protocol off descriptors 0 and 1 (new descriptors, closed on exec) and points 1
/// at stderr and 0 at `/dev/null`, so that the plugin's own use of stdin and stdout cannot
/// touch the frames.
#[cfg(unix)]
fn protocol_streams() -> io::Result<(File, File)> {
    use std::os::fd::AsFd as _;
    let input = File::from(io::stdin().as_fd().try_clone_to_owned()?);
    let output = File::from(io::stdout().as_fd().try_clone_to_owned()?);
    let null = File::open("/dev/null")?;
    {
        use std::os::fd::AsRawFd as _;
        // SAFETY: dup2 on descriptors this process owns; 0 and 1 are replaced atomically and
        // the protocol keeps its own duplicates.
        let ok = unsafe { libc::dup2(2, 1) >= 0 && libc::dup2(null.as_raw_fd(), 0) >= 0 };
        if !ok {
            return Err(io::Error::last_os_error());
        }
    }
    Ok((input, output))
}

#[cfg(not(unix))]
fn protocol_streams() -> io::Result<(File, File)> {
    Err(io::Error::other(
        "plugin workers need a Unix system: use --plugin-isolation none",
    ))
}

/// Limits the address space (`RLIMIT_AS`): an allocation beyond it fails, and the worker ends
/// with Rust's "memory allocation of N bytes failed", which the host reports.
#[cfg(unix)]
fn limit_memory(bytes: u64) -> io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: a plain system call with a valid pointer to a local.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &raw const limit) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(unix))]
fn limit_memory(_: u64) -> io::Result<()> {
    Ok(())
}

/// Ends the worker when its parent is gone (the host was killed): a looping plugin would
/// otherwise never read the end of its stdin.
#[cfg(unix)]
fn watch_parent() {
    let parent = std::os::unix::process::parent_id();
    let spawned = std::thread::Builder::new()
        .name("parent-watch".into())
        .spawn(move || loop {
            std::thread::sleep(Duration::from_millis(250));
            if std::os::unix::process::parent_id() != parent {
                // SAFETY: `_exit` ends the process at once without running destructors or
                // handlers that a stuck plugin thread might hold locks for.
                unsafe { libc::_exit(3) };
            }
        });
    if let Err(e) = spawned {
        eprintln!("lede plugin-worker: cannot start its parent watch: {e}");
    }
}

#[cfg(not(unix))]
fn watch_parent() {}
