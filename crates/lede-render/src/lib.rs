//! Output renderers for people, drawn from the JSON [`Record`](lede_core::Record) that
//! `lede analyze` prints, so that a page or a summary shows exactly what the record holds:
//!
//! * [`html`]: one self-contained page per article (inline CSS and script, nothing loaded from
//!   the network), with entity mentions and quotations marked in the text;
//! * [`text`]: a short summary for a terminal.
//!
//! Renderers read the analysers' output as JSON, tolerantly: a field they do not know is
//! ignored, a missing one is left out, so that analysers can grow their output without
//! breaking the views. Other writers for people or for annotation tools (`CoNLL`, `BRAT`, `TimeML`)
//! belong here too, one module each.

pub mod html;
pub mod text;
