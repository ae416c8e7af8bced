//! When to colour: one rule for every stream, `--color` first, then anstream's reading of the
//! environment: `NO_COLOR` set and not empty turns colour off (<https://no-color.org>),
//! `CLICOLOR_FORCE` turns it on, `CLICOLOR=0` off; otherwise colour only on a terminal whose
//! `TERM` supports it.

use anstream::stream::RawStream;
use anstream::{AutoStream, ColorChoice};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Color {
    /// Colour on a terminal, unless the environment says otherwise.
    #[default]
    Auto,
    Always,
    Never,
}

/// Makes `choice` the rule of the whole process.
pub fn set(choice: Color) {
    match choice {
        Color::Auto => ColorChoice::Auto,
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
    }
    .write_global();
}

/// Whether what goes to `stream` may carry ANSI styles.
pub fn enabled<S: RawStream>(stream: &S) -> bool {
    AutoStream::choice(stream) != ColorChoice::Never
}
