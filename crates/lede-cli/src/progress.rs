//! The progress bar of long runs, on stderr, only when stderr is a terminal (and not
//! `--quiet`), and the log writer that keeps log lines from tearing it.
//!
//! The number of documents is counted on a thread of its own (files, and the lines of JSON
//! Lines files) while the run starts, so that the first records come at once; until it is
//! known the bar is a spinner. Words per second count the words read.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::input::InputFormat;

/// The bar being drawn, for the log writer.
static ACTIVE: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// A run shorter than this draws nothing: a bar flashing for a moment is noise.
const DELAY: Duration = Duration::from_millis(800);

pub struct Progress {
    /// `None` when nothing is ever drawn (stderr is not a terminal, or `--quiet`).
    bar: Option<ProgressBar>,
    shown: bool,
    started: Instant,
    words: u64,
    docs: u64,
}

impl Progress {
    /// A bar over these inputs when stderr is a terminal and `quiet` is off; otherwise nothing
    /// is ever drawn.
    pub fn start(inputs: &[PathBuf], format: InputFormat, quiet: bool) -> Self {
        let mut p = Self {
            bar: None,
            shown: false,
            started: Instant::now(),
            words: 0,
            docs: 0,
        };
        if quiet || !io::stderr().is_terminal() {
            return p;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(spinner_style());
        let counted = bar.clone();
        let inputs = inputs.to_vec();
        std::thread::spawn(move || {
            if let Some(n) = count_documents(&inputs, format) {
                if !counted.is_finished() {
                    counted.set_length(n);
                    counted.set_style(bar_style());
                }
            }
        });
        p.bar = Some(bar);
        p
    }

    /// Draws the bar once the run has lasted [`DELAY`].
    fn show(&mut self) {
        let Some(bar) = &self.bar else { return };
        if self.shown || self.started.elapsed() < DELAY {
            return;
        }
        self.shown = true;
        bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(8));
        bar.enable_steady_tick(Duration::from_millis(250));
        *ACTIVE.lock().unwrap_or_else(PoisonError::into_inner) = Some(bar.clone());
    }

    /// A document was read (its words count toward the rate).
    pub fn read(&mut self, text: &str) {
        if self.bar.is_some() {
            self.words += text.split_whitespace().count() as u64;
            self.show();
        }
    }

    /// A record was written.
    pub fn done(&mut self) {
        let Some(bar) = &self.bar else { return };
        self.docs += 1;
        bar.inc(1);
        // the message allocates: refresh it now and then
        if self.docs % 16 == 1 {
            let secs = bar.elapsed().as_secs_f64();
            if secs > 0.0 {
                bar.set_message(format!(
                    "{} docs/s · {} words/s",
                    thousands(self.docs as f64 / secs),
                    thousands(self.words as f64 / secs)
                ));
            }
        }
        self.show();
    }

    /// Clears the bar (the summary line follows).
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            *ACTIVE.lock().unwrap_or_else(PoisonError::into_inner) = None;
            bar.finish_and_clear();
        }
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {pos} documents · {msg} · {elapsed}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{wide_bar} {pos}/{len} documents · {msg} · ETA {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// `1234567.8` as `1,234,568`.
fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How many documents the inputs hold, as `lede analyze` reads them: a text file is one, a
/// JSON Lines file one per non-blank line, a folder its `.txt`, `.jsonl` and `.ndjson` files.
/// `None` for stdin, which cannot be read twice.
fn count_documents(inputs: &[PathBuf], format: InputFormat) -> Option<u64> {
    let mut n = 0;
    for input in inputs {
        if input.as_os_str() == "-" {
            return None;
        }
        if input.is_dir() {
            let mut files = Vec::new();
            // a folder that cannot be walked to its end still counts what was found
            let _ = crate::input::walk(input, &mut files);
            n += files.iter().map(|f| count_file(f, format)).sum::<u64>();
        } else {
            n += count_file(input, format);
        }
    }
    (!inputs.is_empty()).then_some(n)
}

fn count_file(path: &Path, format: InputFormat) -> u64 {
    let jsonl = match format {
        InputFormat::Jsonl => true,
        InputFormat::Text => false,
        InputFormat::Auto => has_ext(path, &["jsonl", "ndjson"]),
    };
    if !jsonl {
        return 1;
    }
    let Ok(file) = std::fs::File::open(path) else {
        return 1;
    };
    // in blocks: a JSON Lines file may be larger than memory
    let mut reader = io::BufReader::with_capacity(1 << 20, file);
    let (mut lines, mut blank) = (0, true);
    while let Ok(buf) = io::BufRead::fill_buf(&mut reader) {
        if buf.is_empty() {
            break;
        }
        for &b in buf {
            if b == b'\n' {
                lines += u64::from(!blank);
                blank = true;
            } else if !b.is_ascii_whitespace() {
                blank = false;
            }
        }
        let n = buf.len();
        io::BufRead::consume(&mut reader, n);
    }
    lines + u64::from(!blank)
}

fn has_ext(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.contains(&e))
}

/// Where log lines go: stderr, with the bar (if any) lifted while a line is written.
pub struct LogWriter;

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let bar = ACTIVE
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        match bar {
            Some(bar) => bar.suspend(|| io::stderr().write_all(buf))?,
            None => io::stderr().write_all(buf)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0.4), "0");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1234.0), "1,234");
        assert_eq!(thousands(1_234_567.8), "1,234,568");
    }
}
