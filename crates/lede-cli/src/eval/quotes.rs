//! `lede eval quotes`: source, cue and content precision/recall/F1 against `PolNeAR`-style gold
//! (BRAT standoff: `text/<article>.txt` and `attributions/<article>_<annotator>.ann`).
//!
//! Each `.ann` file is scored as its own document against the analyser's output for its text
//! (articles with two annotators count twice). Spans are compared in two ways: exact (the same
//! fragments) and overlap (one-to-one matching of spans that share a character). Discontinuous
//! spans are compared as their fragments after joining fragments separated only by whitespace
//! (`“A.”;“B.”` written as two fragments or one is the same span).
//!
//! Mapping of the analyser's output onto `PolNeAR`'s conventions: the content of a direct or
//! partial quotation includes its quotation marks and the punctuation inside them; a partial
//! quotation inside the content of an indirect one is part of that content, not an
//! attribution of its own; terms (scare quotes, titles) are not attributions.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use lede_core::{Analyzer, Context, Document, Metadata, Span};
use lede_quote::{QuoteKind, QuoteOutput};
use rayon::prelude::*;
use serde::Serialize;

use super::{EvalFormat, Prf};
use crate::ExitStatus;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder with `text/*.txt` and `attributions/*.ann` (a `PolNeAR` split).
    #[arg(long)]
    pub gold: PathBuf,
    #[arg(long, value_enum, default_value_t)]
    pub format: EvalFormat,
    /// Print missed (`-`) and spurious (`+`) spans, exact match, to stderr.
    #[arg(long)]
    pub errors: bool,
}

/// A span as a list of fragments (byte offsets), normalised.
type Frags = Vec<(usize, usize)>;

#[derive(Debug, Default)]
struct DocSpans {
    source: Vec<Frags>,
    cue: Vec<Frags>,
    content: Vec<Frags>,
}

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

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    exact: [Counts; 3],
    overlap: [Counts; 3],
    quoted_exact: Counts,
    quoted_overlap: Counts,
}

#[derive(Debug, Serialize)]
pub struct Scores {
    pub source: Prf,
    pub cue: Prf,
    pub content: Prf,
}

#[derive(Debug, Serialize)]
pub struct QuotedScores {
    pub content: Prf,
}

#[derive(Debug, Serialize)]
pub struct QuotedReport {
    pub exact: QuotedScores,
    pub overlap: QuotedScores,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub documents: usize,
    pub exact: Scores,
    pub overlap: Scores,
    /// Contents that open with a quotation mark.
    pub quoted: QuotedReport,
}

pub fn run(args: &Args) -> Result<ExitStatus> {
    let report = evaluate(&args.gold, args.errors)?;
    match args.format {
        EvalFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        EvalFormat::Text => {
            println!("quotes: {} documents", report.documents);
            for (name, s) in [("exact", &report.exact), ("overlap", &report.overlap)] {
                println!("{name}");
                println!("  source   {}", s.source);
                println!("  cue      {}", s.cue);
                println!("  content  {}", s.content);
            }
            println!("quoted contents");
            println!("  exact    {}", report.quoted.exact.content);
            println!("  overlap  {}", report.quoted.overlap.content);
        }
    }
    Ok(ExitStatus::Success)
}

/// Scores the quote analyser on every `.ann` file under `gold/attributions`.
pub fn evaluate(gold: &Path, errors: bool) -> Result<Report> {
    let ann_dir = gold.join("attributions");
    let text_dir = gold.join("text");
    let mut anns: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("reading {}", ann_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    if anns.is_empty() {
        anyhow::bail!("{}: no .ann files", ann_dir.display());
    }
    let tallies: Vec<Tally> = anns
        .par_iter()
        .map(|ann| score_file(ann, &text_dir, errors))
        .collect::<Result<_>>()?;
    let mut t = Tally::default();
    for x in &tallies {
        for k in 0..3 {
            t.exact[k].add(x.exact[k]);
            t.overlap[k].add(x.overlap[k]);
        }
        t.quoted_exact.add(x.quoted_exact);
        t.quoted_overlap.add(x.quoted_overlap);
    }
    let scores = |c: &[Counts; 3]| Scores {
        source: c[0].prf(),
        cue: c[1].prf(),
        content: c[2].prf(),
    };
    Ok(Report {
        documents: anns.len(),
        exact: scores(&t.exact),
        overlap: scores(&t.overlap),
        quoted: QuotedReport {
            exact: QuotedScores {
                content: t.quoted_exact.prf(),
            },
            overlap: QuotedScores {
                content: t.quoted_overlap.prf(),
            },
        },
    })
}

fn score_file(ann: &Path, text_dir: &Path, errors: bool) -> Result<Tally> {
    let stem = ann
        .file_stem()
        .and_then(|s| s.to_str())
        .with_context(|| format!("{}: bad file name", ann.display()))?;
    let article = stem.rsplit_once('_').map_or(stem, |(a, _)| a);
    let text_path = text_dir.join(format!("{article}.txt"));
    let text = std::fs::read_to_string(&text_path).with_context(|| {
        format!(
            "{}: reading its text {}",
            ann.display(),
            text_path.display()
        )
    })?;
    let ann_text =
        std::fs::read_to_string(ann).with_context(|| format!("reading {}", ann.display()))?;
    let gold = read_ann(&ann_text, &text).with_context(|| format!("{}", ann.display()))?;
    let doc = Document::from_plain_text(article, text, Metadata::default());
    let pred = predict(&doc).with_context(|| format!("{}: analysing", ann.display()))?;
    if errors {
        print_errors(stem, doc.text(), &gold, &pred);
    }
    Ok(tally(doc.text(), &gold, &pred))
}

/// Runs the entity and quote analysers on one document.
fn predict(doc: &Document) -> Result<DocSpans> {
    let ctx = Context::new();
    let entities = lede_entity::EntityAnalyzer
        .analyze(doc, &ctx)
        .map_err(|e| anyhow::anyhow!("entity: {e}"))?;
    let ents = entities
        .as_any()
        .downcast_ref::<lede_entity::EntityOutput>()
        .context("entity output has an unexpected type")?;
    let out = lede_quote::analyze(doc, ents);
    Ok(to_polnear(doc.text(), &out))
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

fn to_polnear(text: &str, out: &QuoteOutput) -> DocSpans {
    let mut d = DocSpans::default();
    let indirect: Vec<(Option<usize>, Span)> = out
        .quotations
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .flat_map(|q| {
            q.parts
                .iter()
                .map(move |p| (q.cue.as_ref().map(|c| c.start), p.span()))
        })
        .collect();
    for q in &out.quotations {
        match q.kind {
            QuoteKind::Term => continue,
            QuoteKind::Partial => {
                let inside = q
                    .parts
                    .iter()
                    .all(|p| indirect.iter().any(|(_, s)| s.contains(p.span())));
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
            if let Some(last) = d.content.last_mut() {
                let gap = text
                    .get(last.last().map_or(0, |l| l.1)..frags.first().map_or(0, |f| f.0))
                    .unwrap_or("\n");
                if !gap.contains('\n') {
                    let mut all = last.clone();
                    all.extend(frags);
                    *last = normalise(text, all);
                    continue;
                }
            }
        }
        d.content.push(normalise(text, frags));
        if let Some(c) = &q.cue {
            d.cue.push(vec![(c.start, c.end)]);
        }
        if let Some(s) = &q.source {
            // a source with an appositive or a relative clause before its cue keeps the comma
            // that closes it in `PolNeAR` (`Ramos, who lives in Miami, said`: 983 of 1,058
            // such sources in the training split)
            let before_cue = q.cue.as_ref().is_some_and(|c| c.start > s.end);
            let end = if before_cue && s.text.contains(", ") && text[s.end..].starts_with(',') {
                s.end + 1
            } else {
                s.end
            };
            d.source.push(vec![(s.start, end)]);
        }
    }
    dedup(&mut d.source);
    dedup(&mut d.cue);
    dedup(&mut d.content);
    d
}

fn dedup(v: &mut Vec<Frags>) {
    let set: BTreeSet<Frags> = v.drain(..).collect();
    v.extend(set);
}

/// Sorts fragments and joins those separated only by whitespace.
fn normalise(text: &str, mut f: Frags) -> Frags {
    f.sort_unstable();
    let mut out: Frags = Vec::with_capacity(f.len());
    for (a, b) in f {
        if let Some(last) = out.last_mut() {
            let gap = text.get(last.1.min(a)..a).unwrap_or("x");
            if a <= last.1 || gap.trim().is_empty() {
                last.1 = last.1.max(b);
                continue;
            }
        }
        out.push((a, b));
    }
    out
}

/// Reads one BRAT `.ann` file: character offsets converted to byte offsets into `text`.
fn read_ann(ann: &str, text: &str) -> Result<DocSpans> {
    // char index -> byte offset
    let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_at.push(text.len());
    let conv = |c: usize| -> Result<usize> {
        byte_at.get(c).copied().with_context(|| {
            format!(
                "offset {c} is beyond the text ({} characters)",
                byte_at.len() - 1
            )
        })
    };
    let mut spans: std::collections::BTreeMap<&str, (&str, Frags)> =
        std::collections::BTreeMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or("");
        let body = cols.next().unwrap_or("");
        // a span text with a line break continues on the next line: not an annotation
        let numbered = id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit());
        if !numbered {
            continue;
        }
        if id.starts_with('T') {
            let (ty, offs) = body
                .split_once(' ')
                .with_context(|| format!("line {}: bad span line", n + 1))?;
            let mut frags = Frags::new();
            for f in offs.split(';') {
                let (a, b) = f
                    .trim()
                    .split_once(' ')
                    .with_context(|| format!("line {}: bad offsets `{f}`", n + 1))?;
                let a: usize = a
                    .parse()
                    .with_context(|| format!("line {}: bad offset", n + 1))?;
                let b: usize = b
                    .parse()
                    .with_context(|| format!("line {}: bad offset", n + 1))?;
                frags.push((conv(a)?, conv(b)?));
            }
            spans.insert(id, (ty, frags));
        } else if id.starts_with('E') {
            let args: Vec<(&str, &str)> = body
                .split_whitespace()
                .filter_map(|a| a.split_once(':'))
                .collect();
            events.push(args);
        }
    }
    let mut d = DocSpans::default();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for args in events {
        let Some(&(ty, _)) = args.first() else {
            continue;
        };
        if !ty.starts_with("Attribution") {
            continue;
        }
        for &(role, tid) in &args[1..] {
            if !seen.insert(tid) {
                continue;
            }
            let Some((_, frags)) = spans.get(tid) else {
                continue;
            };
            let frags = normalise(text, frags.clone());
            match role {
                "Source" => d.source.push(frags),
                "Cue" => d.cue.push(frags),
                "Content" => d.content.push(frags),
                _ => {}
            }
        }
    }
    dedup(&mut d.source);
    dedup(&mut d.cue);
    dedup(&mut d.content);
    Ok(d)
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

fn quoted(text: &str, v: &[Frags]) -> Vec<Frags> {
    v.iter()
        .filter(|f| {
            f.first()
                .and_then(|&(a, _)| text.get(a..))
                .and_then(|s| s.chars().next())
                .is_some_and(is_mark)
        })
        .cloned()
        .collect()
}

fn tally(text: &str, gold: &DocSpans, pred: &DocSpans) -> Tally {
    let pairs = [
        (&pred.source, &gold.source),
        (&pred.cue, &gold.cue),
        (&pred.content, &gold.content),
    ];
    let mut t = Tally::default();
    for (k, (p, g)) in pairs.iter().enumerate() {
        t.exact[k] = exact(p, g);
        t.overlap[k] = overlap(p, g);
    }
    let qp = quoted(text, &pred.content);
    let qg = quoted(text, &gold.content);
    t.quoted_exact = exact(&qp, &qg);
    t.quoted_overlap = overlap(&qp, &qg);
    t
}

fn print_errors(name: &str, text: &str, gold: &DocSpans, pred: &DocSpans) {
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
    eprint!("{out}");
}
