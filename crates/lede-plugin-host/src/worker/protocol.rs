//! The wire between the host and a plugin worker process: length-prefixed frames over the
//! worker's stdin and stdout, carrying the same JSON as the C ABI.
//!
//! A frame is one kind byte, the payload's length as a little-endian `u64`, and the payload.
//! The host sends [`CREATE`] (the SDK's `CreateRequest`) once and then [`ANALYZE`] (the SDK's
//! `Request`) for each document; the worker first sends [`HELLO`] (what the library says about
//! itself) or [`LOAD_FAILED`], and then one [`REPLY`] per request: the ABI status as a
//! little-endian `u32` followed by the bytes the plugin returned (a `Response` when the status
//! is `STATUS_OK`, a message otherwise). One request is answered before the next is sent.
//!
//! The decoder never trusts a length: a frame longer than the reader's cap is refused before
//! anything is allocated for it (the host's cap is `--plugin-max-output`).

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};

/// The version of this framing and of [`Hello`]; both ends are the same binary, so a mismatch
/// means a stale worker program.
pub const PROTOCOL_VERSION: u32 = 1;

/// Host to worker: create the instance (payload: the SDK's `CreateRequest` JSON).
pub const CREATE: u8 = b'c';
/// Host to worker: analyse one document (payload: the SDK's `Request` JSON).
pub const ANALYZE: u8 = b'a';
/// Worker to host: the library loaded (payload: [`Hello`] JSON).
pub const HELLO: u8 = b'h';
/// Worker to host: the library could not be loaded (payload: [`LoadFailure`] JSON).
pub const LOAD_FAILED: u8 = b'l';
/// Worker to host: the answer to a request (payload: status `u32` LE, then the bytes).
pub const REPLY: u8 = b'r';

/// Bytes before the payload: the kind and the length.
pub const HEADER_LEN: usize = 9;

/// One frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub kind: u8,
    pub payload: Vec<u8>,
}

/// Why a frame could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    /// The stream ended cleanly before a new frame.
    #[error("the stream ended")]
    Closed,
    /// The stream ended inside a frame.
    #[error("the stream ended in the middle of a frame")]
    Truncated,
    #[error("a frame of {len} bytes is over the limit of {cap} bytes")]
    TooLarge { len: u64, cap: u64 },
    #[error("unknown frame kind {0:#04x}")]
    UnknownKind(u8),
    #[error(transparent)]
    Io(#[from] io::Error),
}

fn known(kind: u8) -> bool {
    matches!(kind, CREATE | ANALYZE | HELLO | LOAD_FAILED | REPLY)
}

/// Writes one frame and flushes.
pub fn write_frame(out: &mut impl Write, kind: u8, payload: &[&[u8]]) -> io::Result<()> {
    let len: usize = payload.iter().map(|p| p.len()).sum();
    let mut header = [0u8; HEADER_LEN];
    header[0] = kind;
    header[1..].copy_from_slice(&(len as u64).to_le_bytes());
    out.write_all(&header)?;
    for p in payload {
        out.write_all(p)?;
    }
    out.flush()
}

/// Reads one frame whose payload is at most `cap` bytes.
pub fn read_frame(input: &mut impl Read, cap: u64) -> Result<Frame, FrameError> {
    let mut header = [0u8; HEADER_LEN];
    let mut got = 0;
    while got < HEADER_LEN {
        match input.read(&mut header[got..]) {
            Ok(0) if got == 0 => return Err(FrameError::Closed),
            Ok(0) => return Err(FrameError::Truncated),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    let kind = header[0];
    if !known(kind) {
        return Err(FrameError::UnknownKind(kind));
    }
    let mut len_bytes = [0u8; 8];
    len_bytes.copy_from_slice(&header[1..]);
    let len = u64::from_le_bytes(len_bytes);
    if len > cap {
        return Err(FrameError::TooLarge { len, cap });
    }
    // Grown as bytes arrive, never allocated from the length alone.
    let mut payload = Vec::new();
    input.take(len).read_to_end(&mut payload)?;
    if (payload.len() as u64) < len {
        return Err(FrameError::Truncated);
    }
    Ok(Frame { kind, payload })
}

/// A [`REPLY`] payload split into the ABI status and the plugin's bytes.
pub fn split_reply(payload: &[u8]) -> Option<(u32, &[u8])> {
    let (status, rest) = payload.split_first_chunk::<4>()?;
    Some((u32::from_le_bytes(*status), rest))
}

/// What the worker says once the library is loaded: the fields of the plugin's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    pub protocol: u32,
    pub name: String,
    pub version: String,
    pub abi_minor: u32,
    /// The table's manifest bytes, read as UTF-8 (lossily: the host then refuses it as JSON).
    pub manifest: String,
}

/// Why the worker could not load the library (the host turns it into a `LoadError` naming the
/// file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LoadFailure {
    Io { reason: String },
    NotALibrary { reason: String },
    MissingSymbol { symbol: String, reason: String },
    AbiMismatch { expected: u32, found: u32 },
    BadTable { reason: String },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_hostile_lengths_are_refused() {
        let mut buf = Vec::new();
        write_frame(&mut buf, ANALYZE, &[b"{\"a\":", b"1}"]).unwrap();
        write_frame(&mut buf, REPLY, &[&0u32.to_le_bytes(), b"{}"]).unwrap();
        let mut r = &buf[..];
        let f = read_frame(&mut r, 100).unwrap();
        assert_eq!((f.kind, &f.payload[..]), (ANALYZE, &b"{\"a\":1}"[..]));
        let f = read_frame(&mut r, 100).unwrap();
        assert_eq!(split_reply(&f.payload), Some((0, &b"{}"[..])));
        assert!(matches!(read_frame(&mut r, 100), Err(FrameError::Closed)));

        // a length over the cap is refused before reading (or allocating) the payload
        let mut huge = vec![REPLY];
        huge.extend_from_slice(&u64::MAX.to_le_bytes());
        let err = read_frame(&mut &huge[..], 1 << 20).unwrap_err();
        assert!(
            matches!(err, FrameError::TooLarge { len: u64::MAX, .. }),
            "{err}"
        );
        // a stream cut inside the header or the payload
        assert!(matches!(
            read_frame(&mut &huge[..4], 10),
            Err(FrameError::Truncated)
        ));
        let mut short = vec![REPLY];
        short.extend_from_slice(&10u64.to_le_bytes());
        short.extend_from_slice(b"abc");
        assert!(matches!(
            read_frame(&mut &short[..], 100),
            Err(FrameError::Truncated)
        ));
        let mut unknown = vec![b'z'];
        unknown.extend_from_slice(&0u64.to_le_bytes());
        assert!(matches!(
            read_frame(&mut &unknown[..], 100),
            Err(FrameError::UnknownKind(b'z'))
        ));
        assert_eq!(split_reply(b"ab"), None);
    }
}
