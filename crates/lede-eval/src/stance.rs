//! Stance (`lede eval stance`): the FNC-1 headline/body task (official score and macro-F1) and BASIL
//! speaker -> target polarity triples.
//!
//! FNC-1: every pair of the stances file (or of its train/dev part: `lede_stance::fnc::Split`,
//! by claim, or the first split by body id) is classified by the built-in model.
//!
//! BASIL: each article (title as headline, paragraphs as the body) runs through the entity,
//! quote and stance analysers with the article's `main_entities` as user targets. Gold triples
//! are the quoted spans with a named speaker (`quote` = yes, speaker not `AUTHOR`), reduced to
//! (article, speaker, target) with the majority polarity (a tie counts as negative).
//! Predicted triples are the FAVOR (pos) and AGAINST (neg) records. A triple matches when its
//! speaker and target match the gold names: equal to the entity's canonical name or one of its
//! aliases, or, for people, the same surname. `triples` scores that match; `triples_with_polarity`
//! requires the polarity too; `polarity_macro_f1_on_matched` is the macro-F1 of pos/neg over
//! the matched triples.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use lede_core::{Analyzer, Context, Document, Metadata};
use lede_entity::EntityOutput;
use lede_quote::QuoteOutput;
use lede_stance::fnc::{official_score, FncData, FncLabel, Split};
use lede_stance::model::{self, Example, ModelOptions, PolarityModel, SpanExample, TrainingSet};
use lede_stance::{Stance, StanceAnalyzer, StanceOptions, StanceOutput};
use rayon::prelude::*;
use serde::Serialize;

use crate::basil::{self, names_match};
use crate::{ratio, Error, Prf, Result, ResultExt as _};

#[derive(Debug, Clone, Serialize)]
pub struct FncReport {
    pub pairs: usize,
    pub fnc_score: f64,
    pub macro_f1: f64,
    pub per_class: BTreeMap<&'static str, f64>,
}

/// Triple scores of one way of running the analyser on BASIL.
#[derive(Debug, Clone, Serialize)]
pub struct BasilScores {
    pub predicted_triples: usize,
    pub triples: Prf,
    pub triples_with_polarity: Prf,
    pub polarity_macro_f1_on_matched: f64,
    pub matched: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct BasilReport {
    pub articles: usize,
    pub gold_triples: usize,
    /// Which polarity model decided: `built-in` (trained on these very articles: not a
    /// measure), or `cross-validated, K folds by event`.
    pub model: String,
    /// `lede analyze -a stance --only-targets --target E ...` with the article's main
    /// entities (the people and groups BASIL annotates) as the targets.
    #[serde(flatten)]
    pub targets: BasilScores,
    /// `lede analyze -a stance` with no options: targets detected in the headline and the
    /// people and organisations the actors mention.
    pub plain: BasilScores,
}

/// Either part or both; serialised as one flat object.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub fnc: Option<FncReport>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub basil: Option<BasilReport>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(r) = &self.fnc {
            writeln!(
                f,
                "FNC-1 ({} pairs): official score {:.2}%  macro-F1 {:.4}",
                r.pairs,
                r.fnc_score * 100.0,
                r.macro_f1
            )?;
            for (k, v) in &r.per_class {
                writeln!(f, "  {k:<10} F1 {v:.4}")?;
            }
        }
        if let Some(b) = &self.basil {
            writeln!(
                f,
                "BASIL ({} articles, {} gold triples; polarity model: {})",
                b.articles, b.gold_triples, b.model
            )?;
            for (what, s) in [
                ("--only-targets --target MAIN-ENTITY ...", &b.targets),
                ("no options", &b.plain),
            ] {
                writeln!(f, "  {what}: {} predicted", s.predicted_triples)?;
                writeln!(f, "    triples                {}", s.triples)?;
                writeln!(f, "    triples with polarity  {}", s.triples_with_polarity)?;
                writeln!(
                    f,
                    "    polarity macro-F1 on {} matched: {:.4}",
                    s.matched, s.polarity_macro_f1_on_matched
                )?;
            }
        }
        Ok(())
    }
}

/// Classifies the FNC-1 pairs of `split` as `lede analyze --headline` does (the entity and
/// quote analysers on the body, then the stance analyser's headline verdict: the model, or a
/// contradiction of the headline's claim) and scores them.
pub fn evaluate_fnc(stances: &Path, bodies: &Path, split: Split) -> Result<FncReport> {
    let data = FncData::read(stances, bodies).context_with(|| "reading FNC-1 files".to_owned())?;
    let pairs = data.split(split);
    // group by body so each body is analysed once; keep the file order for output
    let mut by_body: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, p) in pairs.iter().enumerate() {
        by_body.entry(p.body_id).or_default().push(i);
    }
    let groups: Vec<(u32, Vec<usize>)> = by_body.into_iter().collect();
    let stance = StanceAnalyzer::default();
    let preds: Vec<Vec<(usize, FncLabel)>> = groups
        .par_iter()
        .map(|(id, idx)| -> Result<Vec<(usize, FncLabel)>> {
            let body = data.bodies.get(id).map_or("", String::as_str);
            let doc = Document::new(format!("body {id}"), body, Metadata::default());
            let (ents, quotes) = entities_and_quotes(&doc)?;
            idx.iter()
                .map(|&i| {
                    let v = stance
                        .headline_stance(&doc, &ents, &quotes, &pairs[i].headline)
                        .context_with(|| "the built-in FNC-1 model".to_owned())?;
                    Ok((i, v.label))
                })
                .collect()
        })
        .collect::<Result<_>>()?;
    let mut flat: Vec<(usize, FncLabel)> = preds.into_iter().flatten().collect();
    flat.sort_by_key(|x| x.0);
    let gold: Vec<FncLabel> = flat.iter().map(|&(i, _)| pairs[i].label).collect();
    let pred: Vec<FncLabel> = flat.iter().map(|&(_, l)| l).collect();
    if gold.is_empty() {
        return Err(Error::Invalid(
            "no FNC-1 pairs in the chosen split".to_owned(),
        ));
    }
    let (s, m) = official_score(&gold, &pred);
    let mut per_class = BTreeMap::new();
    for l in FncLabel::ALL {
        per_class.insert(l.as_str(), f1_of(&gold, &pred, &l));
    }
    let macro_f1 = per_class.values().sum::<f64>() / per_class.len() as f64;
    Ok(FncReport {
        pairs: gold.len(),
        fnc_score: s / m,
        macro_f1,
        per_class,
    })
}

fn f1_of<T: PartialEq>(gold: &[T], pred: &[T], l: &T) -> f64 {
    let tp = gold
        .iter()
        .zip(pred)
        .filter(|(g, p)| *g == l && *p == l)
        .count();
    let np = pred.iter().filter(|p| *p == l).count();
    let ng = gold.iter().filter(|g| *g == l).count();
    if np + ng == 0 {
        0.0
    } else {
        2.0 * tp as f64 / (np + ng) as f64
    }
}

struct Predicted {
    actor_names: Vec<String>,
    target_names: Vec<String>,
    positive: bool,
}

/// (article, speaker, target) -> (pos, neg) span counts.
type Gold = BTreeMap<(String, String, String), (usize, usize)>;

/// One BASIL article with the entity and quote analysers' outputs.
struct Prepared {
    article: basil::Article,
    doc: Document,
    entities: EntityOutput,
    quotes: QuoteOutput,
    /// The event the article tells (its triplet): folds hold out whole events, since the
    /// three outlets' articles quote the same words.
    group: u64,
}

/// How `evaluate_basil` runs.
#[derive(Debug, Clone, Default)]
pub struct BasilOptions {
    /// A user lexicon for the stance analyser.
    pub lexicon: Option<PathBuf>,
    /// Cross-validate the polarity model: train on the other folds' events, score each
    /// fold's articles (`None`: the built-in model).
    pub folds: Option<u64>,
}

/// The seed of the BASIL folds.
pub const FOLD_SEED: u64 = 2019;

fn read_gold(spans: &[basil::Annotation]) -> Gold {
    let mut gold = Gold::new();
    for s in spans {
        // (`other_pro`, `other_anti`, `other_neutral` are unnamed speakers)
        if !s.named_quote() {
            continue;
        }
        let e = gold
            .entry((s.article_uuid.clone(), s.speaker.clone(), s.target.clone()))
            .or_default();
        if s.polarity == "pos" {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    gold
}

fn prepare(articles: Vec<basil::Article>) -> Result<Vec<Prepared>> {
    articles
        .into_par_iter()
        .map(|a| {
            let doc = a.document();
            let (entities, quotes) = entities_and_quotes(&doc)?;
            let key = if a.triplet_uuid.is_empty() {
                &a.uuid
            } else {
                &a.triplet_uuid
            };
            let group = lede_stance::words::fnv1a(&[key.as_bytes()]);
            Ok(Prepared {
                article: a,
                doc,
                entities,
                quotes,
                group,
            })
        })
        .collect()
}

/// The analyser as `lede analyze -a stance --only-targets --target E ...` runs it with the
/// article's main entities (`targets`), or with no options.
fn analyser(
    a: &basil::Article,
    lexicon: Option<&Path>,
    targets: bool,
    model: Option<&PolarityModel>,
) -> Result<StanceAnalyzer> {
    let opts = StanceOptions {
        targets: if targets {
            a.main_entities.clone()
        } else {
            Vec::new()
        },
        headline: None,
        lexicon: lexicon.map(Path::to_path_buf),
        only_user_targets: targets,
    };
    let s = StanceAnalyzer::new(&opts).context_with(|| format!("{}: stance", a.uuid))?;
    Ok(match model {
        Some(m) => s.with_model(Some(m.clone())),
        None => s,
    })
}

/// The training set of the polarity model from BASIL articles: every candidate record of
/// `lede analyze -a stance --only-targets --target E ...` (the main entities) labelled by the
/// gold triples, and every
/// annotated span (the writer's and unnamed speakers' too) with its polarity toward its
/// target.
fn training_set(
    prepared: &[&Prepared],
    spans: &[basil::Annotation],
    gold: &Gold,
    lexicon: Option<&Path>,
) -> Result<TrainingSet> {
    let parts: Vec<TrainingSet> = prepared
        .par_iter()
        .map(|p| -> Result<TrainingSet> {
            let a = &p.article;
            let stance = StanceAnalyzer::new(&StanceOptions {
                targets: a.main_entities.clone(),
                headline: None,
                lexicon: lexicon.map(Path::to_path_buf),
                only_user_targets: true,
            })
            .context_with(|| format!("{}: stance", a.uuid))?;
            let mut set = TrainingSet::default();
            let mine: Vec<_> = gold.iter().filter(|((u, _, _), _)| *u == a.uuid).collect();
            set.gold_triples.insert(p.group, mine.len());
            for c in stance.training_candidates(&p.doc, &p.entities, &p.quotes) {
                let label = mine
                    .iter()
                    .find(|((_, s, t), _)| {
                        names_match(s, &c.actor_names) && names_match(t, &c.target_names)
                    })
                    .map(|(_, &(pos, neg))| pos > neg);
                set.candidates.push(Example {
                    features: c.features,
                    label,
                    group: p.group,
                });
            }
            let text = p.doc.text();
            for s in spans.iter().filter(|s| s.article_uuid == a.uuid) {
                let (Some(span), Some(context)) = (&s.span, &s.context) else {
                    continue;
                };
                let Some((start, end)) = basil::locate(text, context, span) else {
                    continue;
                };
                let target = s.target.replace('_', " ");
                if let Some(f) = stance.span_features(
                    &p.doc,
                    &p.entities,
                    lede_core::Span::new(start, end),
                    &target,
                ) {
                    set.spans.push(SpanExample {
                        features: f,
                        favor: s.polarity == "pos",
                        group: p.group,
                    });
                }
            }
            Ok(set)
        })
        .collect::<Result<_>>()?;
    let mut set = TrainingSet::default();
    for p in parts {
        set.candidates.extend(p.candidates);
        set.spans.extend(p.spans);
        for (g, n) in p.gold_triples {
            *set.gold_triples.entry(g).or_default() += n;
        }
    }
    Ok(set)
}

/// The polarity model's training set from all the BASIL articles in `dir`.
pub fn basil_training_set(dir: &Path, lexicon: Option<&Path>) -> Result<TrainingSet> {
    let (articles, spans) = basil::read(dir)?;
    let gold = read_gold(&spans);
    let prepared = prepare(articles)?;
    let all: Vec<&Prepared> = prepared.iter().collect();
    training_set(&all, &spans, &gold, lexicon)
}

/// Trains the polarity model on all the BASIL articles in `dir` (the model committed as
/// `crates/lede-stance/model/polarity.bin`).
pub fn train_basil(dir: &Path, lexicon: Option<&Path>) -> Result<PolarityModel> {
    let set = basil_training_set(dir, lexicon)?;
    Ok(model::train(&set, &ModelOptions::default()))
}

/// Runs the entity, quote and stance analysers on the BASIL articles in `dir` and scores the
/// speaker -> target triples, with the built-in polarity model or cross-validated (`opts`);
/// missed (`-`), spurious (`+`) and wrong-polarity (`~`) triples of both runs are appended
/// to `errors` when given.
pub fn evaluate_basil(
    dir: &Path,
    opts: &BasilOptions,
    errors: Option<&mut String>,
) -> Result<BasilReport> {
    let (articles, spans) = basil::read(dir)?;
    let gold = read_gold(&spans);
    let prepared = prepare(articles)?;
    let lexicon = opts.lexicon.as_deref();
    // article -> the model that decides it
    let mut models: BTreeMap<u64, Option<PolarityModel>> = BTreeMap::new();
    let label = match opts.folds {
        Some(k) => {
            let k = k.max(2);
            for f in 0..k {
                let (held, rest): (Vec<&Prepared>, Vec<&Prepared>) = prepared
                    .iter()
                    .partition(|p| model::fold_of(p.group, k, FOLD_SEED) == f);
                if held.is_empty() {
                    continue;
                }
                let set = training_set(&rest, &spans, &gold, lexicon)?;
                let m = model::train(&set, &ModelOptions::default());
                for p in held {
                    models.insert(p.group, Some(m.clone()));
                }
            }
            format!("cross-validated, {k} folds by event")
        }
        None => "built-in (trained on these articles: not a measure)".to_owned(),
    };
    let run = |targets: bool| -> Result<BTreeMap<String, Vec<Predicted>>> {
        let preds: Vec<(String, Vec<Predicted>)> = prepared
            .par_iter()
            .map(|p| -> Result<(String, Vec<Predicted>)> {
                let m = models.get(&p.group).and_then(Option::as_ref);
                let stance = analyser(&p.article, lexicon, targets, m)?;
                let out = stance.analyze_with(&p.doc, &p.entities, &p.quotes);
                Ok((p.article.uuid.clone(), predicted(&out)))
            })
            .collect::<Result<_>>()?;
        Ok(preds.into_iter().collect())
    };
    let mut errors = errors;
    if let Some(e) = errors.as_deref_mut() {
        e.push_str("# --only-targets --target MAIN-ENTITY ...\n");
    }
    let targets = score_basil(&gold, &run(true)?, errors.as_deref_mut());
    if let Some(e) = errors.as_deref_mut() {
        e.push_str("# no options\n");
    }
    let plain = score_basil(&gold, &run(false)?, errors);
    Ok(BasilReport {
        articles: prepared.len(),
        gold_triples: gold.len(),
        model: label,
        targets,
        plain,
    })
}

fn score_basil(
    gold: &Gold,
    preds: &BTreeMap<String, Vec<Predicted>>,
    mut errors: Option<&mut String>,
) -> BasilScores {
    let predicted_total: usize = preds.values().map(Vec::len).sum();
    let mut matched_pred = 0usize;
    for (uuid, ps) in preds {
        for p in ps {
            let hit = gold.keys().any(|(u, s, t)| {
                u == uuid && names_match(s, &p.actor_names) && names_match(t, &p.target_names)
            });
            matched_pred += usize::from(hit);
            if let (Some(out), false) = (errors.as_deref_mut(), hit) {
                let _ = writeln!(
                    out,
                    "+ {uuid} {} -> {} {}",
                    p.actor_names.join("|"),
                    p.target_names.join("|"),
                    if p.positive { "pos" } else { "neg" }
                );
            }
        }
    }
    let mut matched_gold = 0usize;
    let mut pol_gold = Vec::new();
    let mut pol_pred = Vec::new();
    let mut with_polarity = 0usize;
    for ((u, s, t), &(pos, neg)) in gold {
        let g_pos = pos > neg;
        let Some(ps) = preds.get(u) else { continue };
        let m: Vec<&Predicted> = ps
            .iter()
            .filter(|p| names_match(s, &p.actor_names) && names_match(t, &p.target_names))
            .collect();
        if m.is_empty() {
            if let Some(out) = errors.as_deref_mut() {
                let _ = writeln!(
                    out,
                    "- {u} {s} -> {t} {}",
                    if g_pos { "pos" } else { "neg" }
                );
            }
            continue;
        }
        if let (Some(out), true) = (errors.as_deref_mut(), m[0].positive != g_pos) {
            let _ = writeln!(
                out,
                "~ {u} {s} -> {t} gold {}",
                if g_pos { "pos" } else { "neg" }
            );
        }
        matched_gold += 1;
        // several records for one pair (a person and a group): the first decides
        let p_pos = m[0].positive;
        pol_gold.push(g_pos);
        pol_pred.push(p_pos);
        with_polarity += usize::from(p_pos == g_pos);
    }
    let triples = Prf::from_ratios(
        ratio(matched_pred, predicted_total),
        ratio(matched_gold, gold.len()),
    );
    let triples_with_polarity = Prf::from_ratios(
        ratio(with_polarity, predicted_total),
        ratio(with_polarity, gold.len()),
    );
    let pm = f64::midpoint(
        f1_of(&pol_gold, &pol_pred, &true),
        f1_of(&pol_gold, &pol_pred, &false),
    );
    BasilScores {
        predicted_triples: predicted_total,
        triples,
        triples_with_polarity,
        polarity_macro_f1_on_matched: pm,
        matched: matched_gold,
    }
}

/// The entity and quote analysers' outputs on `doc`.
fn entities_and_quotes(doc: &Document) -> Result<(EntityOutput, QuoteOutput)> {
    let mut ctx = Context::new();
    let out = lede_entity::EntityAnalyzer
        .analyze(doc, &ctx)
        .map_err(|e| Error::Invalid(format!("{}: entity: {e}", doc.id)))?;
    ctx.insert(lede_entity::NAME, out);
    let out = lede_quote::QuoteAnalyzer
        .analyze(doc, &ctx)
        .map_err(|e| Error::Invalid(format!("{}: quote: {e}", doc.id)))?;
    ctx.insert(lede_quote::NAME, out);
    let unexpected = |what: &str| Error::Invalid(format!("{what} output has an unexpected type"));
    let ents = ctx
        .get::<EntityOutput>(lede_entity::NAME)
        .ok_or_else(|| unexpected("entity"))?
        .clone();
    let quotes = ctx
        .get::<QuoteOutput>(lede_quote::NAME)
        .ok_or_else(|| unexpected("quote"))?
        .clone();
    Ok((ents, quotes))
}

fn predicted(out: &StanceOutput) -> Vec<Predicted> {
    out.stances
        .iter()
        .filter(|r| r.stance != Stance::Neutral)
        .map(|r| {
            let t = out.targets.get(r.target);
            let mut target_names = vec![r.target_label.clone()];
            if let Some(t) = t {
                target_names.extend(t.aliases.iter().cloned());
            }
            Predicted {
                actor_names: std::iter::once(r.actor.clone())
                    .chain(r.actor_aliases.iter().cloned())
                    .collect(),
                target_names,
                positive: r.stance == Stance::Favor,
            }
        })
        .collect()
}
