//! lede-quote: quotations and their speakers.
//!
//! The output types in [`types`] are the contract read by the stance analyser.

mod cues_learned;
mod extract;
#[doc(hidden)]
pub mod filter;
mod lexicon;
mod marks;
mod paras;
mod resolve;
#[doc(hidden)]
pub mod tagger;
pub mod types;

use std::sync::Arc;

use lede_core::{AnalyzeError, Analyzer, Context, Document, Output, Span};
use lede_entity::EntityOutput;

pub use types::{Quotation, QuoteKind, QuoteOutput, Resolution, Speaker, UnpairedMark};

/// The analyser's name in pipelines and output.
pub const NAME: &str = "quote";

/// The quote analyser.
#[derive(Debug, Default)]
pub struct QuoteAnalyzer;

impl Analyzer for QuoteAnalyzer {
    fn name(&self) -> &'static str {
        NAME
    }

    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    fn requires(&self) -> Vec<String> {
        vec![lede_entity::NAME.to_owned()]
    }

    fn description(&self) -> &'static str {
        "quotations (direct, partial, indirect, terms) with cue, source and resolved speaker"
    }

    fn analyze(&self, doc: &Document, ctx: &Context) -> Result<Output, AnalyzeError> {
        let entities = ctx.require::<EntityOutput>(lede_entity::NAME)?;
        Ok(Arc::new(analyze(doc, entities)))
    }
}

/// Finds the quotations of `doc` and resolves their speakers against `entities`.
pub fn analyze(doc: &Document, entities: &EntityOutput) -> QuoteOutput {
    analyze_with(doc, entities, Mode::Tagger(tagger::embedded()))
}

/// [`analyze`] with the rules alone and their filter, without the tagger (for comparison).
#[doc(hidden)]
pub fn analyze_rules(doc: &Document, entities: &EntityOutput) -> QuoteOutput {
    analyze_with(doc, entities, Mode::Rules { filtered: true })
}

/// [`analyze`] with the rules alone and without the learnt filter (for training it:
/// `examples/learn_filter.rs`).
#[doc(hidden)]
pub fn analyze_unfiltered(doc: &Document, entities: &EntityOutput) -> QuoteOutput {
    analyze_with(doc, entities, Mode::Rules { filtered: false })
}

/// [`analyze`] with the given tagger weights (for training them: `examples/learn_tagger.rs`).
#[doc(hidden)]
pub fn analyze_with_model(
    doc: &Document,
    entities: &EntityOutput,
    model: &tagger::Tagger,
) -> QuoteOutput {
    analyze_with(doc, entities, Mode::Tagger(model))
}

/// [`analyze`] with the given tagger weights in place of the rules' attributions (for
/// comparison: the tagger alone).
#[doc(hidden)]
pub fn analyze_tagger_only(
    doc: &Document,
    entities: &EntityOutput,
    model: &tagger::Tagger,
) -> QuoteOutput {
    analyze_with(doc, entities, Mode::TaggerOnly(model))
}

/// [`analyze`] with the given attributions in place of the tagger's (for training it: the
/// gold attributions show what the rest of the analyser makes of a perfect tagger).
#[doc(hidden)]
pub fn analyze_with_attributions(
    doc: &Document,
    entities: &EntityOutput,
    linked: &[tagger::Linked],
) -> QuoteOutput {
    analyze_with(doc, entities, Mode::Given(linked))
}

/// The tagger's view of a document (for training it).
#[doc(hidden)]
pub fn prepare(doc: &Document, entities: &EntityOutput) -> tagger::features::Prepared {
    let text = doc.text();
    let layers = doc.layers();
    let (paragraphs, _) = paras::refine(text, layers);
    let marks = marks::pair(text, &paragraphs);
    let raws = extract::extract(text, layers, &paragraphs, &marks);
    tagger::features::prepare(text, layers, &paragraphs, &marks, &raws, entities)
}

#[derive(Clone, Copy)]
enum Mode<'a> {
    Rules { filtered: bool },
    Tagger(&'a tagger::Tagger),
    TaggerOnly(&'a tagger::Tagger),
    Given(&'a [tagger::Linked]),
}

fn analyze_with(doc: &Document, entities: &EntityOutput, mode: Mode<'_>) -> QuoteOutput {
    let text = doc.text();
    let layers = doc.layers();
    let (paragraphs, para_orig) = paras::refine(text, layers);
    let marks = marks::pair(text, &paragraphs);
    let mut raws = extract::extract(text, layers, &paragraphs, &marks);
    let mut filtered = false;
    // the filter applies to the rules' attributions, the first `rule_count` raws
    let mut rule_count = usize::MAX;
    match mode {
        Mode::Tagger(model) if !model.is_empty() => {
            // the rules' attributions (filtered below), and the tagger's where the rules
            // found none
            let prep =
                tagger::features::prepare(text, layers, &paragraphs, &marks, &raws, entities);
            let scored = tagger::scored_cues(&model.cues, &prep, model.min_margin > 0.0);
            let linked = tagger::additions(text, model, &prep, &scored, &raws);
            rule_count = raws.len();
            let added = tagger::quotations(text, &prep, &linked, &marks, &[]);
            raws.extend(added.into_iter().map(|mut r| {
                r.shares_source_of = r.shares_source_of.map(|i| i + rule_count);
                r
            }));
            filtered = true;
        }
        Mode::TaggerOnly(model) => {
            let prep =
                tagger::features::prepare(text, layers, &paragraphs, &marks, &raws, entities);
            let scored = tagger::scored_cues(&model.cues, &prep, model.min_margin > 0.0);
            let cues = tagger::cues(&prep, &scored, model.min_margin);
            let linked = tagger::attributions(model, &prep, &cues);
            raws = tagger::quotations(text, &prep, &linked, &marks, &raws);
        }
        Mode::Given(linked) => {
            let prep =
                tagger::features::prepare(text, layers, &paragraphs, &marks, &raws, entities);
            raws = tagger::quotations(text, &prep, linked, &marks, &raws);
        }
        // no usable weights: the rules and their filter
        Mode::Tagger(_) => filtered = true,
        Mode::Rules { filtered: f } => filtered = f,
    }
    if !matches!(mode, Mode::Given(_)) {
        quoted_as_saying(text, &mut raws);
        let dropped = drop_not_speech(text, &mut raws);
        if rule_count != usize::MAX {
            rule_count -= dropped[..rule_count].iter().filter(|&&d| d).count();
        }
    }
    let mut quoted: Vec<Span> = raws
        .iter()
        .filter(|r| r.kind != QuoteKind::Term)
        .flat_map(|r| r.parts.iter().copied())
        .collect();
    quoted.sort_unstable();
    let speakers = resolve::resolve(text, &raws, entities, &quoted);
    let mut quotations: Vec<Quotation> = raws
        .iter()
        .zip(speakers)
        .map(|(r, speaker)| {
            let parts: Vec<_> = r.parts.iter().map(|p| p.with_text(text)).collect();
            let joined = parts
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let mut confidence = r.confidence;
            if speaker.is_none() && r.kind != QuoteKind::Term {
                confidence *= 0.8;
            }
            Quotation {
                kind: r.kind,
                parts,
                text: joined,
                cue: r.cue.map(|c| c.with_text(text)),
                source: r.source.map(|s| s.with_text(text)),
                speaker,
                confidence: (confidence * 100.0).round() / 100.0,
            }
        })
        .collect();
    if filtered {
        // attributions the filter rejects go, and so do the partial quotations inside them
        let mut keep: Vec<bool> = quotations
            .iter()
            .enumerate()
            .map(|(i, q)| {
                i >= rule_count || filter::score(text, q).is_none_or(|s| s >= filter::MIN_SCORE)
            })
            .collect();
        for (i, r) in raws.iter().enumerate() {
            if r.kind == QuoteKind::Partial {
                if let Some(h) = r.shares_source_of.filter(|&h| h < i) {
                    keep[i] = keep[i] && keep[h];
                }
            }
        }
        let mut k = keep.into_iter();
        quotations.retain(|_| k.next().unwrap_or(true));
    }
    quotations.sort_by_key(|q| q.parts.first().map(|p| (p.start, p.end)));
    let unpaired = marks
        .unpaired
        .iter()
        .map(|&(s, paragraph)| UnpairedMark {
            span: s.with_text(text),
            paragraph: para_orig.get(paragraph).copied().unwrap_or(paragraph),
        })
        .collect();
    QuoteOutput {
        quotations,
        unpaired,
    }
}

/// Verbs that report an act, an attitude or an appearance, not words (`declined to comment`,
/// `refused to answer`, `appeared to soften`, `resisted calls to ...`, `praised the
/// volunteers`):
/// `PolNeAR` annotates many of them as attributions, but what they report is no quotation.
/// Stems, matched at the start of each word of a cue.
const NOT_SPEECH: [&str; 6] = ["declin", "refus", "appear", "seem", "resist", "prais"];

/// Leaves out the reported speech whose cue is a verb of [`NOT_SPEECH`], with the partial
/// quotations inside it. Returns which of `raws` went.
fn drop_not_speech(text: &str, raws: &mut Vec<extract::Raw>) -> Vec<bool> {
    let not_speech = |r: &extract::Raw| {
        r.kind == QuoteKind::Indirect
            && r.cue.is_some_and(|c| {
                // the cue's words, and the word before it (`resisted calls to publish`)
                let before = text[..c.start].split_whitespace().next_back().unwrap_or("");
                c.slice(text).split_whitespace().chain([before]).any(|w| {
                    NOT_SPEECH.iter().any(|stem| {
                        w.get(..stem.len())
                            .is_some_and(|p| p.eq_ignore_ascii_case(stem))
                    })
                })
            })
    };
    let gone: Vec<bool> = raws.iter().map(not_speech).collect();
    if !gone.contains(&true) {
        return gone;
    }
    let drop: Vec<bool> = raws
        .iter()
        .enumerate()
        .map(|(i, r)| {
            gone[i] || r.kind == QuoteKind::Partial && r.shares_source_of.is_some_and(|h| gone[h])
        })
        .collect();
    // indices move: renumber the links between the quotations kept
    let mut new_index = vec![None; raws.len()];
    let mut k = 0;
    for (i, &d) in drop.iter().enumerate() {
        if !d {
            new_index[i] = Some(k);
            k += 1;
        }
    }
    let mut i = 0;
    raws.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
    for r in raws.iter_mut() {
        r.shares_source_of = r.shares_source_of.and_then(|h| new_index[h]);
    }
    drop
}

/// `Tehran Radio quoted him as saying the talks would go on`: the words are his, not the
/// radio's. When the reported content of a cue `quoted`/`cited` (any form) opens with a short
/// phrase and `as saying` (or `as telling`, `as stating`), that phrase is the source and the
/// words after it the content.
fn quoted_as_saying(text: &str, raws: &mut [extract::Raw]) {
    for r in raws.iter_mut() {
        let Some(cue) = r.cue else { continue };
        let c = cue.slice(text).to_ascii_lowercase();
        if r.kind != QuoteKind::Indirect
            || !(c.starts_with("quot") || c.starts_with("cit"))
            || r.parts.len() != 1
        {
            continue;
        }
        let part = r.parts[0];
        let s = part.slice(text);
        let Some((k, marker)) = [" as saying ", " as telling ", " as stating "]
            .iter()
            .find_map(|m| s.find(m).map(|k| (k, m.len())))
        else {
            continue;
        };
        let phrase = &s[..k];
        if phrase.is_empty() || phrase.contains(',') || phrase.split_whitespace().count() > 6 {
            continue;
        }
        r.source = Some(Span::new(part.start, part.start + k));
        r.parts[0] = Span::new(part.start + k + marker, part.end);
    }
}
