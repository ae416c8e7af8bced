//! Log lines on stderr. By default they read like the rest of lede's messages
//! (`warning: ID: message`), without the module they come from; with `RUST_LOG` set (a
//! developer asking for more) they carry their level and module path (`WARN lede::analyze:
//! ...`), as `tracing` writes them.

use std::fmt;

use anstyle::{AnsiColor, Style};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::EnvFilter;

use crate::color;
use crate::progress::LogWriter;

pub fn init() {
    let ansi = color::enabled(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_writer(|| LogWriter)
        .with_ansi(ansi)
        .without_time();
    match EnvFilter::try_from_env("RUST_LOG") {
        Ok(filter) => builder.with_env_filter(filter).init(),
        Err(_) => builder
            .with_env_filter(EnvFilter::new("warn"))
            .event_format(Plain)
            .init(),
    }
}

/// `warning: message`, the level as a word and the message's fields, nothing else.
struct Plain;

impl<S, N> FormatEvent<S, N> for Plain
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let (label, color) = match *event.metadata().level() {
            Level::ERROR => ("error", AnsiColor::Red),
            Level::WARN => ("warning", AnsiColor::Yellow),
            Level::INFO => ("info", AnsiColor::Green),
            Level::DEBUG => ("debug", AnsiColor::Blue),
            Level::TRACE => ("trace", AnsiColor::Magenta),
        };
        if writer.has_ansi_escapes() {
            let style = Style::new().fg_color(Some(color.into())).bold();
            write!(writer, "{style}{label}{style:#}: ")?;
        } else {
            write!(writer, "{label}: ")?;
        }
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}
