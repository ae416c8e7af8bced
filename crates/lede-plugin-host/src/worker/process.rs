//! The host side: each plugin runs in worker processes (`lede plugin-worker`), started on
//! demand, one per thread that calls the plugin at the same time, and replaced when one fails.
//!
//! Every call has a deadline. A worker that dies, exits, sends a frame over the output cap,
//! breaks the protocol or misses the deadline is killed and dropped; the call becomes an error
//! for this plugin on this document, and the next call starts a fresh worker. The worker's
//! stderr (where the plugin's stdout goes too) is forwarded to the host's stderr line by line,
//! and its last lines explain a death ("memory allocation of N bytes failed").

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Read as _, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::protocol::{
    read_frame, split_reply, write_frame, Frame, FrameError, Hello, LoadFailure, ANALYZE, CREATE,
    HELLO, LOAD_FAILED, PROTOCOL_VERSION, REPLY,
};
use crate::{CallError, LoadError, Reason, Transport};

/// How plugin workers are started and bounded.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// The program to run (the `lede` binary itself) ...
    pub program: PathBuf,
    /// ... with these arguments (`plugin-worker`), then `--memory BYTES` when set, then the
    /// library path.
    pub args: Vec<OsString>,
    /// The longest a worker may take to start, or to answer one document.
    pub timeout: Duration,
    /// Address-space limit of each worker (`RLIMIT_AS`), in bytes.
    pub memory: Option<u64>,
    /// The largest answer accepted from a worker, in bytes.
    pub max_output: u64,
}

/// Lines of a worker's stderr kept to explain its death.
const TAIL_LINES: usize = 4;
/// A forwarded stderr line is cut at this many bytes.
const MAX_LINE: usize = 2000;

/// What a dead or stuck worker did.
#[derive(Debug)]
enum Failure {
    TimedOut,
    /// The stream ended or broke: the process is gone or going.
    Ended,
    TooLarge {
        len: u64,
        cap: u64,
    },
    Protocol(String),
}

/// The last lines a worker wrote to stderr, and whether its stderr has closed.
#[derive(Default)]
struct Tail {
    lines: Mutex<(VecDeque<String>, bool)>,
    closed: std::sync::Condvar,
}

struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    frames: Receiver<Result<Frame, FrameError>>,
    tail: Arc<Tail>,
}

impl Worker {
    fn spawn(config: &WorkerConfig, library: &Path, label: &str) -> io::Result<Self> {
        let mut cmd = Command::new(&config.program);
        cmd.args(&config.args);
        if let Some(m) = config.memory {
            cmd.arg("--memory").arg(m.to_string());
        }
        cmd.arg(library)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // Its own process group: a Ctrl-C at the terminal is the host's to handle (it finishes
        // the record being written); the host ends its workers itself.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut child = cmd.spawn()?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("no stdout"))?;
        let stderr = child
            .stderr
            .take()
            .ok_or_else(|| io::Error::other("no stderr"))?;
        let (tx, frames) = mpsc::sync_channel(1);
        let cap = config.max_output;
        std::thread::Builder::new()
            .name(format!("plugin-{label}-out"))
            .spawn(move || {
                let mut r = BufReader::with_capacity(1 << 16, stdout);
                loop {
                    let frame = read_frame(&mut r, cap);
                    let end = frame.is_err();
                    if tx.send(frame).is_err() || end {
                        return;
                    }
                }
            })?;
        let tail = Arc::new(Tail::default());
        let t = tail.clone();
        let label = label.to_owned();
        std::thread::Builder::new()
            .name(format!("plugin-{label}-err"))
            .spawn(move || forward_stderr(&label, stderr, &t))?;
        Ok(Self {
            stdin: child.stdin.take(),
            child,
            frames,
            tail,
        })
    }

    /// Waits for the next frame until `deadline`.
    fn receive(&mut self, deadline: Instant) -> Result<Frame, Failure> {
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.frames.recv_timeout(wait) {
            Ok(Ok(frame)) => Ok(frame),
            Ok(Err(FrameError::TooLarge { len, cap })) => Err(Failure::TooLarge { len, cap }),
            Ok(Err(FrameError::UnknownKind(k))) => Err(Failure::Protocol(format!(
                "it sent an unknown frame kind {k:#04x}"
            ))),
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(Failure::Ended),
            Err(RecvTimeoutError::Timeout) => Err(Failure::TimedOut),
        }
    }

    /// Sends one frame and waits for the answer until `deadline`.
    fn request(&mut self, kind: u8, payload: &[u8], deadline: Instant) -> Result<Frame, Failure> {
        let stdin = self.stdin.as_mut().ok_or(Failure::Ended)?;
        if write_frame(stdin, kind, &[payload]).is_err() {
            return Err(Failure::Ended);
        }
        self.receive(deadline)
    }

    /// Kills the worker (if it still runs) and says how it ended, with its last stderr lines.
    fn bury(mut self, failure: &Failure, config: &WorkerConfig) -> String {
        drop(self.stdin.take());
        let status = match failure {
            // it ended on its own: give it a moment to be reaped with its real status
            Failure::Ended => wait_briefly(&mut self.child, Duration::from_secs(1)),
            _ => None,
        };
        let status = status.or_else(|| {
            let _ = self.child.kill();
            self.child.wait().ok()
        });
        let tail = self.tail.last_lines(Duration::from_millis(300));
        describe(failure, status, &tail, config)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // The end of its input makes an idle worker return at once (only idle workers are
        // dropped this way: a failed one is buried); one that does not is killed.
        drop(self.stdin.take());
        if wait_briefly(&mut self.child, Duration::from_secs(1)).is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn wait_briefly(child: &mut Child, max: Duration) -> Option<ExitStatus> {
    let end = Instant::now() + max;
    loop {
        match child.try_wait() {
            Ok(Some(s)) => return Some(s),
            Ok(None) if Instant::now() < end => std::thread::sleep(Duration::from_millis(5)),
            _ => return None,
        }
    }
}

impl Tail {
    fn push(&self, line: String) {
        let mut g = self
            .lines
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if g.0.len() == TAIL_LINES {
            g.0.pop_front();
        }
        g.0.push_back(line);
    }

    fn close(&self) {
        let mut g = self
            .lines
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        g.1 = true;
        self.closed.notify_all();
    }

    /// The last lines, once stderr has closed (or after `max`).
    fn last_lines(&self, max: Duration) -> Vec<String> {
        let g = self
            .lines
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (g, _) = self
            .closed
            .wait_timeout_while(g, max, |(_, closed)| !*closed)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        g.0.iter().cloned().collect()
    }
}

/// Copies the worker's stderr to ours, each line prefixed with the plugin's file name, and
/// keeps the last lines. Lines are cut at [`MAX_LINE`] bytes so that a flood without newlines
/// is never held in memory.
fn forward_stderr(label: &str, stderr: impl io::Read, tail: &Tail) {
    let mut r = BufReader::new(stderr);
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = match (&mut r).take(MAX_LINE as u64).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if n == MAX_LINE && !line.ends_with(b"\n") {
            // skip the rest of an over-long line
            skip_line(&mut r);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        if text.is_empty() {
            continue;
        }
        let _ = writeln!(io::stderr(), "plugin {label}: {text}");
        tail.push(text.to_owned());
    }
    tail.close();
}

fn skip_line(r: &mut impl BufRead) {
    loop {
        let Ok(buf) = r.fill_buf() else { return };
        if buf.is_empty() {
            return;
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            r.consume(i + 1);
            return;
        }
        let n = buf.len();
        r.consume(n);
    }
}

/// One sentence on what happened to a worker, for the document's error.
fn describe(
    failure: &Failure,
    status: Option<ExitStatus>,
    tail: &[String],
    config: &WorkerConfig,
) -> String {
    let out_of_memory = tail
        .iter()
        .any(|l| l.contains("memory allocation of") || l.contains("out of memory"));
    let mut s = match failure {
        Failure::TimedOut => format!(
            "no answer within {} (--plugin-timeout): the worker was stopped",
            seconds(config.timeout)
        ),
        Failure::TooLarge { len, cap } => format!(
            "its answer of {len} bytes is over the limit of {cap} bytes (--plugin-max-output): \
             the worker was stopped"
        ),
        Failure::Protocol(m) => format!("the worker broke the protocol ({m}) and was stopped"),
        Failure::Ended if out_of_memory => format!(
            "the worker ran out of memory{} and ended ({})",
            config
                .memory
                .map(|m| format!(" (limit {} MiB, --plugin-memory)", m >> 20))
                .unwrap_or_default(),
            status.map_or_else(|| "status unknown".to_owned(), exit_text)
        ),
        Failure::Ended => format!(
            "the worker process ended while analysing this document ({})",
            status.map_or_else(|| "status unknown".to_owned(), exit_text)
        ),
    };
    // the line that explains the end best: the allocation that failed, else the last one
    let telling = tail
        .iter()
        .find(|l| l.contains("memory allocation of"))
        .or_else(|| tail.last());
    if let Some(last) = telling {
        s.push_str("; its last words on stderr: ");
        s.extend(last.chars().take(300));
    }
    s.push_str("; a new worker takes the next document");
    s
}

fn seconds(d: Duration) -> String {
    format!("{} s", d.as_secs_f64())
}

fn exit_text(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        if let Some(sig) = status.signal() {
            return format!("killed by signal {sig}{}", signal_name(sig));
        }
    }
    match status.code() {
        Some(c) => format!("exit code {c}"),
        None => status.to_string(),
    }
}

#[cfg(unix)]
fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGABRT => ", SIGABRT: abort",
        libc::SIGSEGV => ", SIGSEGV: invalid memory access",
        libc::SIGBUS => ", SIGBUS",
        libc::SIGILL => ", SIGILL",
        libc::SIGFPE => ", SIGFPE",
        libc::SIGKILL => ", SIGKILL",
        libc::SIGTERM => ", SIGTERM",
        _ => "",
    }
}

/// What the host learns when it starts a worker for a library.
pub(crate) struct Started {
    pub hello: Hello,
    pub pool: WorkerPool,
}

/// The workers of one plugin: idle ones wait in a stack; a call takes one or starts one.
pub(crate) struct WorkerPool {
    config: Arc<WorkerConfig>,
    library: PathBuf,
    label: String,
    name: String,
    create: Vec<u8>,
    idle: Mutex<Vec<Worker>>,
}

/// Starts the first worker for `library` and reads what the library says about itself; the
/// caller then checks it and calls [`WorkerPool::create`] with the options.
pub(crate) fn start(config: Arc<WorkerConfig>, library: &Path) -> Result<Started, LoadError> {
    let label = library.file_name().map_or_else(
        || library.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let broken = |reason: String| LoadError::BadTable {
        path: library.to_owned(),
        reason,
    };
    let mut worker = Worker::spawn(&config, library, &label).map_err(|e| {
        broken(format!(
            "the worker process ({}) could not be started: {e}",
            config.program.display()
        ))
    })?;
    let deadline = Instant::now() + config.timeout;
    let frame = match worker.receive(deadline) {
        Ok(f) => f,
        Err(failure) => {
            return Err(broken(format!(
                "it did not load in its worker process: {}",
                worker.bury(&failure, &config)
            )))
        }
    };
    let path = library.to_owned();
    match frame.kind {
        HELLO => {}
        LOAD_FAILED => {
            let failure: LoadFailure = serde_json::from_slice(&frame.payload)
                .map_err(|e| broken(format!("its worker sent an unreadable load error: {e}")))?;
            return Err(match failure {
                LoadFailure::Io { reason } => LoadError::Io {
                    path,
                    source: io::Error::other(reason),
                },
                LoadFailure::NotALibrary { reason } => LoadError::NotALibrary {
                    path,
                    source: Reason(reason),
                },
                LoadFailure::MissingSymbol { symbol, reason } => LoadError::MissingSymbol {
                    path,
                    symbol,
                    source: Reason(reason),
                },
                LoadFailure::AbiMismatch { expected, found } => LoadError::AbiMismatch {
                    path,
                    expected,
                    found,
                },
                LoadFailure::BadTable { reason } => LoadError::BadTable { path, reason },
            });
        }
        other => {
            return Err(broken(format!(
                "its worker sent frame kind {other:#04x} first"
            )))
        }
    }
    let hello: Hello = serde_json::from_slice(&frame.payload)
        .map_err(|e| broken(format!("its worker sent an unreadable hello: {e}")))?;
    if hello.protocol != PROTOCOL_VERSION {
        return Err(broken(format!(
            "its worker speaks protocol {}, this lede {PROTOCOL_VERSION}: is `{}` another \
             version of lede?",
            hello.protocol,
            config.program.display()
        )));
    }
    let pool = WorkerPool {
        config,
        library: path,
        label,
        name: hello.name.clone(),
        create: Vec::new(),
        idle: Mutex::new(vec![worker]),
    };
    Ok(Started { hello, pool })
}

impl WorkerPool {
    /// Creates the plugin's instance in the first worker with `create` (the SDK's
    /// `CreateRequest` JSON), kept for the workers started later. `Err` carries the ABI status
    /// and the message.
    pub(crate) fn create(&mut self, create: Vec<u8>) -> Result<(), (u32, String)> {
        self.create = create;
        let worker = self.idle.get_mut().map_or(None, Vec::pop);
        let worker = worker.ok_or((lede_plugin_abi::STATUS_ERROR, "no worker".to_owned()))?;
        let worker = self.create_in(worker)?;
        self.idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(worker);
        Ok(())
    }

    fn create_in(&self, mut worker: Worker) -> Result<Worker, (u32, String)> {
        let deadline = Instant::now() + self.config.timeout;
        match worker.request(CREATE, &self.create, deadline) {
            Ok(f) if f.kind == REPLY => match split_reply(&f.payload) {
                Some((lede_plugin_abi::STATUS_OK, _)) => Ok(worker),
                Some((status, message)) => {
                    Err((status, String::from_utf8_lossy(message).into_owned()))
                }
                None => Err((
                    lede_plugin_abi::STATUS_ERROR,
                    worker.bury(
                        &Failure::Protocol("a reply without status".into()),
                        &self.config,
                    ),
                )),
            },
            Ok(f) => Err((
                lede_plugin_abi::STATUS_ERROR,
                worker.bury(
                    &Failure::Protocol(format!("frame kind {:#04x} to `create`", f.kind)),
                    &self.config,
                ),
            )),
            Err(failure) => Err((
                lede_plugin_abi::STATUS_ERROR,
                worker.bury(&failure, &self.config),
            )),
        }
    }

    /// A fresh worker for a call: started, checked and created.
    fn fresh(&self) -> Result<Worker, CallError> {
        let failed =
            |m: String| CallError::Failed(format!("its worker could not be restarted: {m}"));
        let mut worker = Worker::spawn(&self.config, &self.library, &self.label)
            .map_err(|e| failed(e.to_string()))?;
        let deadline = Instant::now() + self.config.timeout;
        let frame = match worker.receive(deadline) {
            Ok(f) => f,
            Err(failure) => return Err(failed(worker.bury(&failure, &self.config))),
        };
        let hello: Option<Hello> = (frame.kind == HELLO)
            .then(|| serde_json::from_slice(&frame.payload).ok())
            .flatten();
        if hello.is_none_or(|h| h.name != self.name) {
            return Err(failed("the library no longer loads as it did".into()));
        }
        self.create_in(worker).map_err(|(_, m)| failed(m))
    }
}

impl Transport for WorkerPool {
    fn call(&self, request: &[u8]) -> Result<Vec<u8>, CallError> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        let mut worker = match idle {
            Some(w) => w,
            None => self.fresh()?,
        };
        let deadline = Instant::now() + self.config.timeout;
        let failure = match worker.request(ANALYZE, request, deadline) {
            Ok(f) if f.kind == REPLY => match split_reply(&f.payload) {
                Some((status, bytes)) => {
                    let bytes = bytes.to_vec();
                    self.idle
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(worker);
                    return crate::native::status_result(status, bytes, &self.library);
                }
                None => Failure::Protocol("a reply without status".into()),
            },
            Ok(f) => Failure::Protocol(format!("frame kind {:#04x} to `analyze`", f.kind)),
            Err(failure) => failure,
        };
        Err(CallError::Failed(worker.bury(&failure, &self.config)))
    }
}
