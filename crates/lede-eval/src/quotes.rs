//! Quotations (`lede eval quotes`): source, cue and content precision/recall/F1 against `PolNeAR`-style gold
//! (BRAT standoff: `text/<article>.txt` and `attributions/<article>_<annotator>.ann`, or a
//! plain BRAT folder of `<article>.txt` and `<article>.ann` as `lede analyze --format brat`
//! writes it).
//!
//! Each `.ann` file is scored as its own document against the analyser's output for its text
//! (articles with two annotators count twice). Spans are compared in two ways: exact (the same
//! fragments) and overlap (one-to-one matching of spans that share a character). Discontinuous
//! spans are compared as their fragments after joining fragments separated only by whitespace
//! (`“A.”;“B.”` written as two fragments or one is the same span).
//!
//! Three more figures: *quoted contents*, the contents (gold and predicted) that hold a double
//! quotation mark anywhere (direct quotations and reported speech that quotes some words), and
//! *linked* attributions, which count only when the source, the cue and the content all match
//! one gold attribution (exact: the same three spans, or no source on both sides; overlap: each
//! of the three overlaps, one-to-one).
//!
//! Mapping of the analyser's output onto `PolNeAR`'s conventions ([`to_polnear`]): the content
//! of a direct or partial quotation includes its quotation marks and the punctuation inside
//! them; a source with an appositive or a relative clause before its cue keeps the comma that
//! closes it; a partial quotation inside the content of an indirect one is part of that
//! content, not an attribution of its own; a follow-on quotation without a cue joins the
//! content before it in its paragraph; terms (scare quotes, titles) are not attributions.

use std::collections::BTreeSet;
use std::path::Path;

use lede_core::{Analyzer, Context, Document, Metadata, Span};
use lede_quote::{QuoteKind, QuoteOutput};
use rayon::prelude::*;
use serde::Serialize;

use crate::polnear::{self, normalise, Attribution as Gold, Attributions as DocSpans, Frags};
use crate::{Error, Prf, Result, ResultExt as _};

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
    fn prf(self) -> Prf {
        Prf::from_counts(self.tp, self.pred, self.gold)
    }
}

/// The counts of one or more documents, to be added up and turned into a [`Report`].
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    documents: usize,
    exact: [Counts; 3],
    overlap: [Counts; 3],
    quoted_exact: Counts,
    quoted_overlap: Counts,
    linked_exact: Counts,
    linked_overlap: Counts,
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.documents += o.documents;
        for k in 0..3 {
            self.exact[k].add(o.exact[k]);
            self.overlap[k].add(o.overlap[k]);
        }
        self.quoted_exact.add(o.quoted_exact);
        self.quoted_overlap.add(o.quoted_overlap);
        self.linked_exact.add(o.linked_exact);
        self.linked_overlap.add(o.linked_overlap);
    }

    pub fn report(&self) -> Report {
        let scores = |c: &[Counts; 3]| Scores {
            source: c[0].prf(),
            cue: c[1].prf(),
            content: c[2].prf(),
        };
        Report {
            documents: self.documents,
            exact: scores(&self.exact),
            overlap: scores(&self.overlap),
            quoted: QuotedReport {
                exact: QuotedScores {
                    content: self.quoted_exact.prf(),
                },
                overlap: QuotedScores {
                    content: self.quoted_overlap.prf(),
                },
            },
            linked: LinkedReport {
                exact: self.linked_exact.prf(),
                overlap: self.linked_overlap.prf(),
            },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    pub source: Prf,
    pub cue: Prf,
    pub content: Prf,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuotedScores {
    pub content: Prf,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuotedReport {
    pub exact: QuotedScores,
    pub overlap: QuotedScores,
}

/// Attributions whose source, cue and content all match one gold attribution.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedReport {
    pub exact: Prf,
    pub overlap: Prf,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub documents: usize,
    pub exact: Scores,
    pub overlap: Scores,
    /// Contents that hold a double quotation mark.
    pub quoted: QuotedReport,
    pub linked: LinkedReport,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "quotes: {} documents", self.documents)?;
        for (name, s) in [("exact", &self.exact), ("overlap", &self.overlap)] {
            writeln!(f, "{name}")?;
            writeln!(f, "  source   {}", s.source)?;
            writeln!(f, "  cue      {}", s.cue)?;
            writeln!(f, "  content  {}", s.content)?;
        }
        writeln!(f, "quoted contents (holding a double quotation mark)")?;
        writeln!(f, "  exact    {}", self.quoted.exact.content)?;
        writeln!(f, "  overlap  {}", self.quoted.overlap.content)?;
        writeln!(
            f,
            "linked attributions (source, cue and content of one gold attribution)"
        )?;
        writeln!(f, "  exact    {}", self.linked.exact)?;
        writeln!(f, "  overlap  {}", self.linked.overlap)
    }
}

/// Scores the quote analyser on every `.ann` file under `gold/attributions`; missed (`-`) and
/// spurious (`+`) spans (exact match) are appended to `errors` when given, file by file.
pub fn evaluate(gold: &Path, errors: Option<&mut String>) -> Result<Report> {
    let anns = polnear::annotation_files(gold)?;
    let list = errors.is_some();
    let tallies: Vec<(Tally, String)> = anns
        .par_iter()
        .map(|ann| score_file(ann, gold, list))
        .collect::<Result<_>>()?;
    if let Some(errors) = errors {
        for (_, e) in &tallies {
            errors.push_str(e);
        }
    }
    let mut t = Tally::default();
    for (x, _) in &tallies {
        t.add(x);
    }
    Ok(t.report())
}

fn score_file(ann: &Path, split: &Path, list_errors: bool) -> Result<(Tally, String)> {
    let stem = ann
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| Error::Invalid(format!("{}: bad file name", ann.display())))?;
    let article = polnear::article_of(ann);
    let text = polnear::article_text(split, &article).context_with(|| {
        format!(
            "{}: reading its text {}",
            ann.display(),
            polnear::article_path(split, &article).display()
        )
    })?;
    let ann_text = crate::read_to_string(ann, "reading")?;
    let gold = crate::brat::parse(&ann_text, &text)
        .map(|a| polnear::linked(&a, &text))
        .context_with(|| format!("{}", ann.display()))?;
    let doc = Document::from_plain_text(article, text, Metadata::default());
    let out = predict(&doc).context_with(|| format!("{}: analysing", ann.display()))?;
    let pred = to_polnear(doc.text(), &out);
    let errors = if list_errors {
        errors(stem, doc.text(), &DocSpans::of(&gold), &DocSpans::of(&pred))
    } else {
        String::new()
    };
    Ok((tally(doc.text(), &gold, &pred), errors))
}

/// Runs the entity and quote analysers on one document.
fn predict(doc: &Document) -> Result<QuoteOutput> {
    let ctx = Context::new();
    let entities = lede_entity::EntityAnalyzer
        .analyze(doc, &ctx)
        .map_err(|e| Error::Invalid(format!("entity: {e}")))?;
    let ents = entities
        .as_any()
        .downcast_ref::<lede_entity::EntityOutput>()
        .ok_or_else(|| Error::Invalid("entity output has an unexpected type".to_owned()))?;
    Ok(lede_quote::analyze(doc, ents))
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '`' | '\'')
}

/// Extends a part of a quotation to its marks (and the punctuation inside them).
fn with_marks(text: &str, s: Span) -> (usize, usize) {
    let mut start = s.start;
    let before = &text[..start.min(text.len())];
    if let Some(c) = before.chars().next_back() {
        if is_mark(c) {
            start -= c.len_utf8();
            // `` and '' openings
            if (c == '`' || c == '\'') && before[..before.len() - 1].ends_with(c) {
                start -= 1;
            }
        }
    }
    let mut end = s.end;
    let after = text.get(end..).unwrap_or("");
    // `... 'Clinton,' "`: a space may stand between a nested closing mark and the outer one
    let punct = after.len() - after.trim_start_matches([',', '.', ';', ':', ' ']).len();
    let rest = &after[punct..];
    if let Some(c) = rest.chars().next() {
        if is_mark(c) {
            end += punct + c.len_utf8();
            if c == '\'' && rest[1..].starts_with('\'') {
                end += 1;
            }
        }
    }
    (start, end)
}

/// One attribution of the analyser's output in `PolNeAR`'s conventions: what `lede analyze
/// --format brat` writes, and (flattened) what this eval scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub source: Option<Frags>,
    pub cue: Option<Frags>,
    pub content: Frags,
}

/// The attributions of a quote output, in text order, mapped onto `PolNeAR`'s conventions
/// (see the module's documentation).
pub fn attributions(text: &str, out: &QuoteOutput) -> Vec<Attribution> {
    let mut found: Vec<Attribution> = Vec::new();
    let indirect: Vec<Span> = out
        .quotations
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .flat_map(|q| q.parts.iter().map(lede_core::TextSpan::span))
        .collect();
    for q in &out.quotations {
        match q.kind {
            QuoteKind::Term => continue,
            QuoteKind::Partial => {
                let inside = q
                    .parts
                    .iter()
                    .all(|p| indirect.iter().any(|s| s.contains(p.span())));
                if inside || q.cue.is_none() {
                    continue;
                }
            }
            QuoteKind::Direct | QuoteKind::Indirect => {}
        }
        let frags: Frags = q
            .parts
            .iter()
            .map(|p| {
                if q.kind == QuoteKind::Indirect {
                    (p.start, p.end)
                } else {
                    with_marks(text, p.span())
                }
            })
            .collect();
        // a follow-on quotation without a cue (`... , X wrote. “B.”`) continues the content of
        // the attribution before it in the paragraph: `PolNeAR` joins them into one content
        let follow_on = q.cue.is_none()
            && q.speaker
                .as_ref()
                .is_some_and(|s| s.via == lede_quote::Resolution::Context);
        if follow_on {
            if let Some(last) = found.last_mut() {
                let gap = text
                    .get(last.content.last().map_or(0, |l| l.1)..frags.first().map_or(0, |f| f.0))
                    .unwrap_or("\n");
                if !gap.contains('\n') {
                    let mut all = last.content.clone();
                    all.extend(frags);
                    last.content = normalise(text, all);
                    continue;
                }
            }
        }
        let source = q.source.as_ref().map(|s| {
            // a source with an appositive or a relative clause before its cue keeps the comma
            // that closes it in `PolNeAR` (`Ramos, who lives in Miami, said`: 983 of 1,058
            // such sources in the training split)
            let before_cue = q.cue.as_ref().is_some_and(|c| c.start > s.end);
            let end = if before_cue && s.text.contains(", ") && text[s.end..].starts_with(',') {
                s.end + 1
            } else {
                s.end
            };
            vec![(s.start, end)]
        });
        found.push(Attribution {
            source,
            cue: q.cue.as_ref().map(|c| vec![(c.start, c.end)]),
            content: normalise(text, frags),
        });
    }
    found
}

/// What this eval scores of a quote output: its [`attributions`] as `PolNeAR` attributions
/// (an attribution without a cue has an empty one).
pub fn to_polnear(text: &str, out: &QuoteOutput) -> Vec<polnear::Attribution> {
    attributions(text, out)
        .into_iter()
        .map(|a| polnear::Attribution {
            source: a.source,
            cue: a.cue.unwrap_or_default(),
            content: a.content,
        })
        .collect()
}

fn exact(pred: &[Frags], gold: &[Frags]) -> Counts {
    let g: BTreeSet<&Frags> = gold.iter().collect();
    Counts {
        tp: pred.iter().filter(|p| g.contains(p)).count(),
        pred: pred.len(),
        gold: gold.len(),
    }
}

fn overlaps(a: &Frags, b: &Frags) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.0 < y.1 && y.0 < x.1))
}

/// One-to-one greedy matching of overlapping spans (in text order).
fn overlap(pred: &[Frags], gold: &[Frags]) -> Counts {
    let mut used = vec![false; pred.len()];
    let mut tp = 0;
    for g in gold {
        if let Some(i) = (0..pred.len()).find(|&i| !used[i] && overlaps(&pred[i], g)) {
            used[i] = true;
            tp += 1;
        }
    }
    Counts {
        tp,
        pred: pred.len(),
        gold: gold.len(),
    }
}

/// A content that holds a double quotation mark (`"`, `“`, `”`, `„`, `«`, `»`, or a doubled
/// `''` or ``` `` ```).
fn holds_double_mark(text: &str, f: &Frags) -> bool {
    f.iter().any(|&(a, b)| {
        let s = text.get(a..b).unwrap_or("");
        s.contains(['"', '“', '”', '„', '«', '»']) || s.contains("''") || s.contains("``")
    })
}

fn quoted(text: &str, v: &[Frags]) -> Vec<Frags> {
    v.iter()
        .filter(|f| holds_double_mark(text, f))
        .cloned()
        .collect()
}

/// Linked attributions: exact when all three spans are equal (no source on both sides counts
/// as equal), overlap when each overlaps, one-to-one in text order.
fn linked(pred: &[Gold], gold: &[Gold]) -> (Counts, Counts) {
    let pred: BTreeSet<&Gold> = pred.iter().filter(|a| !a.cue.is_empty()).collect();
    let gold: BTreeSet<&Gold> = gold.iter().collect();
    let exact = Counts {
        tp: pred.iter().filter(|p| gold.contains(*p)).count(),
        pred: pred.len(),
        gold: gold.len(),
    };
    let sources_overlap = |p: &Option<Frags>, g: &Option<Frags>| match (p, g) {
        (None, None) => true,
        (Some(p), Some(g)) => overlaps(p, g),
        _ => false,
    };
    let pred: Vec<&Gold> = pred.into_iter().collect();
    let mut used = vec![false; pred.len()];
    let mut tp = 0;
    for g in &gold {
        let hit = (0..pred.len()).find(|&i| {
            !used[i]
                && overlaps(&pred[i].cue, &g.cue)
                && overlaps(&pred[i].content, &g.content)
                && sources_overlap(&pred[i].source, &g.source)
        });
        if let Some(i) = hit {
            used[i] = true;
            tp += 1;
        }
    }
    let overlap = Counts {
        tp,
        pred: pred.len(),
        gold: gold.len(),
    };
    (exact, overlap)
}

/// The counts of one document: `gold` from its annotation file, `pred` from [`to_polnear`].
pub fn tally(text: &str, gold: &[Gold], pred: &[Gold]) -> Tally {
    let (g, p) = (DocSpans::of(gold), DocSpans::of(pred));
    let pairs = [
        (&p.source, &g.source),
        (&p.cue, &g.cue),
        (&p.content, &g.content),
    ];
    let mut t = Tally {
        documents: 1,
        ..Tally::default()
    };
    for (k, (p, g)) in pairs.iter().enumerate() {
        t.exact[k] = exact(p, g);
        t.overlap[k] = overlap(p, g);
    }
    let qp = quoted(text, &p.content);
    let qg = quoted(text, &g.content);
    t.quoted_exact = exact(&qp, &qg);
    t.quoted_overlap = overlap(&qp, &qg);
    (t.linked_exact, t.linked_overlap) = linked(pred, gold);
    t
}

/// The missed (`-`) and spurious (`+`) spans of one file, one per line.
fn errors(name: &str, text: &str, gold: &DocSpans, pred: &DocSpans) -> String {
    use std::fmt::Write as _;
    let show = |f: &Frags| {
        f.iter()
            .map(|&(a, b)| text.get(a..b).unwrap_or("").replace('\n', " "))
            .collect::<Vec<_>>()
            .join(" ; ")
    };
    let mut out = String::new();
    for (what, p, g) in [
        ("source", &pred.source, &gold.source),
        ("cue", &pred.cue, &gold.cue),
        ("content", &pred.content, &gold.content),
    ] {
        let gs: BTreeSet<&Frags> = g.iter().collect();
        let ps: BTreeSet<&Frags> = p.iter().collect();
        for x in g.iter().filter(|x| !ps.contains(x)) {
            let _ = writeln!(out, "{name}\t-{what}\t{}\t{}", x[0].0, show(x));
        }
        for x in p.iter().filter(|x| !gs.contains(x)) {
            let _ = writeln!(out, "{name}\t+{what}\t{}\t{}", x[0].0, show(x));
        }
    }
    out
}
