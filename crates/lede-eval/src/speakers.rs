//! Speakers (`lede eval speakers`): are quotations attributed to the right person? Gold: BASIL's quoted
//! spans with a named speaker (`quote` = yes, speaker not `AUTHOR` nor `other_*`), each
//! distinct (article, span, speaker) once. Each article (title as headline, paragraphs as the
//! body) runs through the entity and quote analysers. A gold span is located in its paragraph
//! (`context`); it is *covered* when a quotation (not a term) overlaps it, and its speaker is
//! *correct* when that quotation's resolved speaker names the gold speaker (the same name, an
//! alias of the entity, or the same surname: the matching of `lede eval stance`).
//!
//! Reported: coverage (covered / located), accuracy on all located spans (correct / located:
//! what a user gets, a span no quotation covers counting as wrong), accuracy on covered spans
//! (correct / covered: an unresolved speaker counts as wrong), accuracy on resolved ones
//! (correct / covered with a speaker), and the share of covered spans left unresolved.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use lede_core::{Analyzer, Context};
use rayon::prelude::*;
use serde::Serialize;

use crate::basil::{self, locate, names_match};
use crate::{ratio, Error, Result};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Distinct quoted spans with a named speaker.
    pub gold_spans: usize,
    /// Of those, found in the article's text.
    pub located: usize,
    pub covered: usize,
    pub resolved: usize,
    pub correct: usize,
    pub coverage: f64,
    /// Correct over all located spans.
    pub accuracy_on_all: f64,
    pub accuracy_on_covered: f64,
    pub accuracy_on_resolved: f64,
    pub unresolved_share: f64,
}

#[derive(Default)]
struct Counts {
    located: usize,
    covered: usize,
    resolved: usize,
    correct: usize,
    errors: String,
}

fn eval_article(
    article: &basil::Article,
    gold: &[(&str, &str, &str)],
    errors: bool,
) -> Result<Counts> {
    let doc = article.document();
    let ents = lede_entity::EntityAnalyzer
        .analyze(&doc, &Context::new())
        .map_err(|e| Error::Invalid(format!("{}: entity: {e}", article.uuid)))?;
    let ents = ents
        .as_any()
        .downcast_ref::<lede_entity::EntityOutput>()
        .ok_or_else(|| Error::Invalid("entity output has an unexpected type".to_owned()))?;
    let out = lede_quote::analyze(&doc, ents);
    let text = doc.text();
    let mut counts = Counts::default();
    for &(span, context, speaker) in gold {
        let Some((start, end)) = locate(text, context, span) else {
            continue;
        };
        counts.located += 1;
        let overlap = |q: &lede_quote::Quotation| -> usize {
            q.parts
                .iter()
                .map(|p| p.end.min(end).saturating_sub(p.start.max(start)))
                .sum()
        };
        let best = out
            .quotations
            .iter()
            .filter(|q| q.kind != lede_quote::QuoteKind::Term && overlap(q) > 0)
            .max_by_key(|q| overlap(q));
        let Some(q) = best else { continue };
        counts.covered += 1;
        let names: Vec<String> = q.speaker.as_ref().map_or_else(Vec::new, |sp| {
            let mut n = vec![sp.name.clone()];
            if let Some(ent) = ents.entities.get(sp.entity) {
                n.extend(ent.aliases.iter().cloned());
            }
            n
        });
        counts.resolved += usize::from(!names.is_empty());
        if names_match(speaker, &names) {
            counts.correct += 1;
        } else if errors {
            use std::fmt::Write as _;
            let _ = writeln!(
                counts.errors,
                "{}\tgold {speaker}\tfound {} ({})\t{}",
                article.uuid,
                names.first().map_or("-", String::as_str),
                q.speaker
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |sp| format!("{:?}", sp.via)),
                span.replace('\n', " ")
            );
        }
    }
    Ok(counts)
}

/// Runs the entity and quote analysers on the BASIL articles in `dir` and scores the speakers
/// of the gold quoted spans; covered spans whose speaker is wrong or unresolved are appended
/// to `errors` when given.
pub fn evaluate(dir: &Path, errors: Option<&mut String>) -> Result<Report> {
    let (articles, spans) = basil::read(dir)?;
    let list = errors.is_some();
    // distinct (article, span, paragraph, speaker): one span may carry several targets
    let mut gold: BTreeMap<&str, BTreeSet<(&str, &str, &str)>> = BTreeMap::new();
    for s in spans.iter().filter(|s| s.named_quote()) {
        let Some(span) = s.span.as_deref() else {
            continue;
        };
        gold.entry(s.article_uuid.as_str()).or_default().insert((
            span,
            s.context.as_deref().unwrap_or(""),
            s.speaker.as_str(),
        ));
    }
    let counts: Vec<Counts> = articles
        .par_iter()
        .filter_map(|a| {
            let g: Vec<(&str, &str, &str)> = gold.get(a.uuid.as_str())?.iter().copied().collect();
            Some(eval_article(a, &g, list))
        })
        .collect::<Result<_>>()?;
    let mut r = Report {
        gold_spans: gold.values().map(BTreeSet::len).sum(),
        ..Report::default()
    };
    let mut listed = String::new();
    for c in &counts {
        r.located += c.located;
        r.covered += c.covered;
        r.resolved += c.resolved;
        r.correct += c.correct;
        listed.push_str(&c.errors);
    }
    if let Some(errors) = errors {
        errors.push_str(&listed);
    }
    r.coverage = ratio(r.covered, r.located);
    r.accuracy_on_all = ratio(r.correct, r.located);
    r.accuracy_on_covered = ratio(r.correct, r.covered);
    r.accuracy_on_resolved = ratio(r.correct, r.resolved);
    r.unresolved_share = ratio(r.covered - r.resolved, r.covered);
    Ok(r)
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = self;
        writeln!(
            f,
            "{} quoted spans with a named speaker, {} located in their article",
            r.gold_spans, r.located
        )?;
        writeln!(
            f,
            "  covered by a quotation  {:>5}  ({:.1}%)",
            r.covered,
            100.0 * r.coverage
        )?;
        writeln!(
            f,
            "  speaker correct         {:>5}  ({:.1}% of all located, {:.1}% of covered, {:.1}% of resolved)",
            r.correct,
            100.0 * r.accuracy_on_all,
            100.0 * r.accuracy_on_covered,
            100.0 * r.accuracy_on_resolved
        )?;
        writeln!(
            f,
            "  speaker unresolved      {:>5}  ({:.1}% of covered)",
            r.covered - r.resolved,
            100.0 * r.unresolved_share
        )
    }
}
