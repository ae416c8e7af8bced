//! Output renderers for people, drawn from the JSON [`Record`](lede_core::Record) that
//! `lede analyze` prints, so that a page or a summary shows exactly what the record holds:
//!
//! * [`html`]: one self-contained page per article (inline CSS and script, nothing loaded from
//!   the network), with entity mentions and quotations marked in the text;
//! * [`text`]: a short summary for a terminal.
//!
//! Renderers read the analysers' output as JSON, tolerantly: a field they do not know is
//! ignored, a missing one is left out, so that analysers can grow their output without
//! breaking the views.
//!
//! Writers for other tools, beside them:
//!
//! * [`conll`]: one token per line with IOB2 entity tags, CoNLL-2003 style (`lede analyze
//!   --format conll`), read back by `lede eval ner`;
//! * [`files`]: one file per document in an output folder (`--out-dir`), named after the ids;
//! * [`schema`]: the JSON Schema of the record (`lede schema`).
//!
//! These writers take a finished record with its text kept
//! ([`lede_core::Pipeline::keep_text`]) and its spans in bytes, as the pipeline returns it. The
//! `TimeML` writer is `lede_timeline::timeml`, and the BRAT writer `lede_eval::brat_writer` (its
//! quotations follow the conventions `lede eval quotes` scores).

pub mod conll;
pub mod files;
pub mod html;
mod marks;
pub mod schema;
pub mod text;
pub mod view;
