//! Test plugin: does what no plugin should, as its `mode` option says, on every document whose
//! text contains `MISBEHAVE`; on the others it answers `{"bytes": N}` (the text's length), so
//! that tests can check that documents analysed by the same plugin, before and after a failure,
//! keep their results.
//!
//! Modes: `abort`, `segfault`, `stack-overflow`, `exit` (`std::process::exit(0)`), `loop`
//! (forever), `leak` (50 MB per document, never freed), `huge` (an answer of `bytes` bytes,
//! default 300 MB), `stdout` (prints to stdout, then closes it), `chdir` (moves to the root
//! folder). With `--plugin-isolation process` (the default) each becomes an error for this
//! plugin on that document; in-process, most of them take `lede` down: that is the point.
// A segfault and closing a file descriptor need raw pointers and descriptors.
#![allow(unsafe_code)]

use std::hint::black_box;
use std::os::fd::FromRawFd as _;

use lede_plugin_sdk::{export_analyzer, Analyzer, Error, Options, Request};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Abort,
    Segfault,
    StackOverflow,
    Exit,
    Loop,
    Leak,
    Huge(usize),
    Stdout,
    Chdir,
}

pub struct Misbehave {
    mode: Mode,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum Found {
    Bytes { bytes: usize },
    Huge { padding: String },
}

/// Recursion that the optimiser cannot turn into a loop.
#[allow(unconditional_recursion)]
fn deeper(n: u64) -> u64 {
    let frame = black_box([n; 64]);
    deeper(frame[3] + 1) + frame[7]
}

impl Analyzer for Misbehave {
    const NAME: &'static str = "misbehave";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str =
        "test plugin that misbehaves on documents containing MISBEHAVE";
    type Output = Found;

    fn new(options: &Options) -> Result<Self, Error> {
        let bytes = options
            .get("bytes")
            .map_or(Some(300 << 20), |b| b.as_u64().map(|b| b as usize))
            .ok_or("`bytes` must be a number")?;
        let mode = match options.get("mode").and_then(|m| m.as_str()) {
            Some("abort") => Mode::Abort,
            Some("segfault") => Mode::Segfault,
            Some("stack-overflow") => Mode::StackOverflow,
            Some("exit") => Mode::Exit,
            Some("loop") => Mode::Loop,
            Some("leak") => Mode::Leak,
            Some("huge") => Mode::Huge(bytes),
            Some("stdout") => Mode::Stdout,
            Some("chdir") => Mode::Chdir,
            other => return Err(Error::new(format!("unknown mode {other:?}"))),
        };
        Ok(Self { mode })
    }

    fn analyze(&self, request: &Request) -> Result<Found, Error> {
        let text = request.text();
        if !text.contains("MISBEHAVE") {
            return Ok(Found::Bytes { bytes: text.len() });
        }
        match self.mode {
            Mode::Abort => std::process::abort(),
            // SAFETY: none; writing through a null pointer is the misbehaviour under test.
            Mode::Segfault => unsafe { std::ptr::null_mut::<u64>().write_volatile(7) },
            Mode::StackOverflow => {
                black_box(deeper(0));
            }
            Mode::Exit => std::process::exit(0),
            Mode::Loop => loop {
                std::hint::spin_loop();
            },
            Mode::Leak => std::mem::forget(black_box(vec![1u8; 50 << 20])),
            Mode::Huge(bytes) => {
                return Ok(Found::Huge {
                    padding: "x".repeat(bytes),
                })
            }
            Mode::Stdout => {
                println!("{{\"id\": \"not a record: misbehave wrote this to stdout\"}}");
                // SAFETY: none; closing the process's stdout behind its back is the
                // misbehaviour under test.
                drop(unsafe { std::os::fd::OwnedFd::from_raw_fd(1) });
            }
            Mode::Chdir => std::env::set_current_dir("/").map_err(|e| e.to_string())?,
        }
        Ok(Found::Bytes { bytes: text.len() })
    }
}

export_analyzer!(Misbehave);
