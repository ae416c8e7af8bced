//! The `stance` analyser: targets, actors, evidence units and their polarity.
//!
//! Each step lives in a module of its own:
//!
//! 1. Targets (`targets`): user targets (`--target`), then a proposition detected in the
//!    headline (or the lead): a membership frame `X joins/belongs in/deserves to join Y`
//!    becomes `X joining Y`, with X and Y resolved to the entity analyser's canonical names.
//! 2. Evidence units (`evidence`): the parts of quotations whose speaker the quote analyser
//!    resolved, and reported speech or acts found here (`ACTOR said/repeated/urged ...`,
//!    `..., says ACTOR`). The writer's own sentences are never units: only actors' positions
//!    count.
//! 3. A unit is about a target when it names at least two of the target's parts (subject,
//!    action, object; the actor's own affiliation counts, as in `NATO chief ... said Ukraine
//!    ...`), or the target entity for entity targets (`targets`).
//! 4. Polarity (`polarity`): lexicon cues in the unit, turned around by a negator just before
//!    them (`not`, `no`), and by flipping frames (`preventing X from joining Y` is against `X
//!    joining Y`); a negated action (`will not join`, `no pathway to membership`) counts
//!    against. The words are read through `tokens`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use lede_core::{AnalyzeError, Analyzer, Context, Document, Output, Span, TextSpan};
use lede_entity::{EntityOutput, EntityType};
use lede_quote::QuoteOutput;

use crate::claim::{read_claim, speaks_for, Claim};
use crate::evidence::{evidence_units, Unit};
use crate::fnc::{FncError, FncLabel, FncModel};
use crate::lexicon::{Lexicon, LexiconError};
use crate::polarity::{round2, score_unit};
use crate::targets::{
    detect_headline_target, entity_target, headline_entity_targets, parse_user_target,
    title_entity_targets, TargetSpec,
};
use crate::tokens::Words;
use crate::types::{
    Evidence, HeadlineStance, Stance, StanceOutput, StanceRecord, TargetKind, TargetSource, Verdict,
};

/// The analyser's name in pipelines and output.
pub const NAME: &str = "stance";

/// Options of the stance analyser (`--target`, `--headline`, `--lexicon`).
#[derive(Debug, Clone, Default)]
pub struct StanceOptions {
    /// Targets given by the user: a proposition (`Ukraine joining NATO`), an entity (`NATO`)
    /// or free text.
    pub targets: Vec<String>,
    /// A headline to classify every article against (FNC-1: agree, disagree, discuss,
    /// unrelated).
    pub headline: Option<String>,
    /// A user lexicon added to the built-in one.
    pub lexicon: Option<PathBuf>,
    /// Only the user's targets: no target detection from the headline.
    pub only_user_targets: bool,
}

/// The stance analyser.
#[derive(Debug, Clone)]
pub struct StanceAnalyzer {
    only_user_targets: bool,
    targets: Vec<String>,
    headline: Option<String>,
    lexicon: Arc<Lexicon>,
}

impl Default for StanceAnalyzer {
    fn default() -> Self {
        Self {
            only_user_targets: false,
            targets: Vec::new(),
            headline: None,
            lexicon: Arc::new(Lexicon::builtin().clone()),
        }
    }
}

impl StanceAnalyzer {
    pub fn new(opts: &StanceOptions) -> Result<Self, LexiconError> {
        let lexicon = match &opts.lexicon {
            Some(p) => Lexicon::with_file(p)?,
            None => Lexicon::builtin().clone(),
        };
        // a `headline: ...` target asks for the FNC-1 headline mode
        let mut headline = opts.headline.clone();
        let mut targets = Vec::new();
        for t in &opts.targets {
            match t.split_once(':') {
                Some((k, rest)) if k.trim().eq_ignore_ascii_case("headline") => {
                    headline = Some(rest.trim().to_owned());
                }
                _ => targets.push(t.clone()),
            }
        }
        Ok(Self {
            only_user_targets: opts.only_user_targets,
            targets,
            headline,
            lexicon: Arc::new(lexicon),
        })
    }

    /// Analyses a document given the entity and quote outputs (for library users who run
    /// them themselves).
    pub fn analyze_with(
        &self,
        doc: &Document,
        entities: &EntityOutput,
        quotes: &QuoteOutput,
    ) -> StanceOutput {
        let mut out = StanceOutput::default();
        let words = Words::new(doc, entities);
        let mut specs = Vec::new();
        for t in &self.targets {
            match parse_user_target(t, entities, &words) {
                Some(s) => specs.push(s),
                None => out
                    .diagnostics
                    .push(format!("target {t:?} has no content word")),
            }
        }
        let detected = if self.only_user_targets {
            Vec::new()
        } else {
            match detect_headline_target(doc, entities, &words) {
                Some(s) => vec![s],
                None => match (doc.metadata.headline_span(), &doc.metadata.title) {
                    (None, Some(title)) => title_entity_targets(title, entities),
                    _ => headline_entity_targets(doc, entities, &words),
                },
            }
        };
        for s in detected {
            if !specs.iter().any(|x| x.target.label == s.target.label) {
                specs.push(s);
            }
        }
        if specs.is_empty() && self.headline.is_none() {
            return out;
        }
        let units = evidence_units(doc, entities, quotes, &words);
        out.stances = self.records(doc, entities, &words, &units, &specs);
        if !self.only_user_targets {
            // the people and organisations actors speak about, where their words carry a
            // polarity toward them
            let mentioned = mentioned_targets(entities, &words, &units, &specs);
            let mut kept: Vec<Option<usize>> = vec![None; mentioned.len()];
            let mut next = specs.len();
            let recs = self.records(doc, entities, &words, &units, &mentioned);
            let mut extra = Vec::new();
            for mut r in recs {
                if !r.evidence.iter().any(|e| !e.cues.is_empty()) {
                    continue;
                }
                let t = *kept[r.target].get_or_insert_with(|| {
                    next += 1;
                    next - 1
                });
                r.target = t;
                extra.push(r);
            }
            let mut order: Vec<(usize, usize)> = kept
                .iter()
                .enumerate()
                .filter_map(|(i, k)| k.map(|k| (k, i)))
                .collect();
            order.sort_unstable();
            let mut mentioned: Vec<Option<TargetSpec>> = mentioned.into_iter().map(Some).collect();
            specs.extend(order.into_iter().filter_map(|(_, i)| mentioned[i].take()));
            extra.sort_by_key(|r| {
                (
                    r.target,
                    r.evidence.first().map_or(0, |e| e.span.start),
                    r.actor.clone(),
                )
            });
            out.stances.extend(extra);
        }
        if let Some(h) = &self.headline {
            match self.headline_stance_with(doc, entities, &words, &units, h) {
                Ok(v) => out.headline = Some(v),
                Err(e) => out.diagnostics.push(e.to_string()),
            }
        }
        out.targets = specs
            .into_iter()
            .map(|mut s| {
                if s.target.kind == TargetKind::Entity {
                    if let Some(e) = s.target.entity.and_then(|e| entities.entities.get(e)) {
                        s.target.aliases.clone_from(&e.aliases);
                    }
                }
                s.target
            })
            .collect();
        out
    }

    /// The verdict of the article against `headline` (agree, disagree, discuss, unrelated),
    /// as `--headline` gives it, for library users and evaluations that try many headlines
    /// on one article.
    pub fn headline_stance(
        &self,
        doc: &Document,
        entities: &EntityOutput,
        quotes: &QuoteOutput,
        headline: &str,
    ) -> Result<HeadlineStance, FncError> {
        let words = Words::new(doc, entities);
        let units = evidence_units(doc, entities, quotes, &words);
        self.headline_stance_with(doc, entities, &words, &units, headline)
    }

    fn headline_stance_with(
        &self,
        doc: &Document,
        entities: &EntityOutput,
        words: &Words,
        units: &[Unit],
        headline: &str,
    ) -> Result<HeadlineStance, FncError> {
        let model = FncModel::builtin()?;
        let claim = read_claim(headline, entities, &self.lexicon);
        let records = claim
            .as_ref()
            .map(|c| self.records(doc, entities, words, units, std::slice::from_ref(&c.spec)));
        Ok(headline_verdict(
            doc,
            headline,
            model,
            entities,
            claim.as_ref().zip(records.as_deref()),
        ))
    }

    /// The records of every actor with evidence about each target.
    fn records(
        &self,
        doc: &Document,
        entities: &EntityOutput,
        words: &Words,
        units: &[Unit],
        specs: &[TargetSpec],
    ) -> Vec<StanceRecord> {
        // (target, actor key) -> record
        let mut records: BTreeMap<(usize, String), StanceRecord> = BTreeMap::new();
        for (ti, spec) in specs.iter().enumerate() {
            let flags = spec.flags(words, entities);
            for u in units {
                if !spec.is_about(u, &flags, entities) {
                    continue;
                }
                let (score, cues) = score_unit(u, words, &flags, &self.lexicon, doc.text());
                let key = (ti, u.actor_key());
                let rec = records.entry(key).or_insert_with(|| StanceRecord {
                    actor: u.actor.clone(),
                    actor_entity: u.actor_entity,
                    actor_aliases: u
                        .actor_entity
                        .and_then(|e| entities.entities.get(e))
                        .filter(|e| e.canonical == u.actor)
                        .map(|e| e.aliases.clone())
                        .unwrap_or_default(),
                    target: ti,
                    target_label: spec.target.label.clone(),
                    stance: Stance::Neutral,
                    score: 0.0,
                    evidence: Vec::new(),
                });
                rec.evidence.push(Evidence {
                    kind: u.kind,
                    quoted: u.quoted,
                    span: u.span.with_text(doc.text()),
                    score: round2(score),
                    cues,
                });
            }
        }
        let mut stances: Vec<StanceRecord> = records
            .into_values()
            .map(|mut r| {
                r.evidence.sort_by_key(|e| (e.span.start, e.span.end));
                let raw: f64 = r.evidence.iter().map(|e| e.score).sum();
                let norm = raw / (raw * raw + 4.0).sqrt();
                r.score = (norm * 1000.0).round() / 1000.0 + 0.0;
                r.stance = if norm >= 0.4 {
                    Stance::Favor
                } else if norm <= -0.4 {
                    Stance::Against
                } else {
                    Stance::Neutral
                };
                r
            })
            .collect();
        stances.sort_by_key(|r| {
            (
                r.target,
                r.evidence.first().map_or(0, |e| e.span.start),
                r.actor.clone(),
            )
        });
        stances
    }
}

/// Entity targets for the people and organisations named inside evidence units (not the
/// unit's own actor, not a target already), in order of first mention.
fn mentioned_targets(
    entities: &EntityOutput,
    words: &Words,
    units: &[Unit],
    specs: &[TargetSpec],
) -> Vec<TargetSpec> {
    let mut seen: Vec<usize> = specs.iter().filter_map(|s| s.target.entity).collect();
    let mut out = Vec::new();
    let mut firsts: Vec<(usize, usize)> = Vec::new();
    for m in &entities.mentions {
        if !matches!(m.etype, EntityType::Person | EntityType::Org) {
            continue;
        }
        let (a, b) = words.range(m.span.span());
        let inside = units
            .iter()
            .any(|u| u.toks.0 <= a && b <= u.toks.1 && u.actor_entity != Some(m.entity));
        if inside && !seen.contains(&m.entity) {
            seen.push(m.entity);
            firsts.push((a, m.entity));
        }
    }
    firsts.sort_unstable();
    for (_, e) in firsts {
        if let Some(spec) = entity_target(entities, e, TargetSource::Mentioned, &[]) {
            out.push(spec);
        }
    }
    out
}

/// The headline verdict: the FNC-1 model's, unless the headline's claim contradicts the
/// position its actor takes in the article (see [`Verdict::Contradiction`]).
fn headline_verdict(
    doc: &Document,
    headline: &str,
    model: &FncModel,
    entities: &EntityOutput,
    claim: Option<(&Claim, &[StanceRecord])>,
) -> HeadlineStance {
    let body = body_text(doc);
    let offset = doc.text().len() - body.len();
    let p = model.predict(headline, body);
    let mut probabilities: BTreeMap<FncLabel, f64> = p
        .probabilities
        .iter()
        .map(|(&k, &v)| (k, f64::from(v)))
        .collect();
    let mut label = p.label;
    let mut decided_by = Verdict::Model;
    let mut sentences: Vec<TextSpan> = p
        .sentences
        .iter()
        .map(|&(a, b)| Span::new(offset + a, offset + b).with_text(doc.text()))
        .collect();
    if let Some((c, records)) = claim {
        // the article's records of the claim's actor (or of every actor when the headline
        // names none) that take a side
        let mine: Vec<&StanceRecord> = records
            .iter()
            .filter(|r| r.stance != Stance::Neutral)
            .filter(|r| match (c.actor, r.actor_entity) {
                (Some(a), Some(e)) => speaks_for(entities, e, a),
                (Some(_), None) => false,
                (None, _) => true,
            })
            .collect();
        let raw: f64 = mine.iter().map(|r| r.score).sum();
        let body_side = raw / (raw * raw + 1.0).sqrt();
        // one clear cue in the headline, and a side in the article that opposes it
        if c.score.abs() >= 1.0 && body_side.abs() >= 0.4 && c.score * body_side < 0.0 {
            label = FncLabel::Disagree;
            decided_by = Verdict::Contradiction;
            // the contradiction's confidence: how clearly the article takes the other side
            let conf = 0.5 + 0.45 * body_side.abs();
            let rest: f64 = probabilities
                .iter()
                .filter(|(k, _)| **k != FncLabel::Disagree)
                .map(|(_, v)| v)
                .sum();
            let scale = if rest > 0.0 { (1.0 - conf) / rest } else { 0.0 };
            for (k, v) in &mut probabilities {
                *v = if *k == FncLabel::Disagree {
                    conf
                } else {
                    *v * scale
                };
            }
            sentences = mine
                .iter()
                .flat_map(|r| r.evidence.iter())
                .filter(|e| e.score * c.score < 0.0)
                .map(|e| e.span.clone())
                .collect();
            sentences.sort_by_key(|s| (s.start, s.end));
            sentences.dedup();
        }
    }
    HeadlineStance {
        headline: headline.to_owned(),
        label,
        probabilities: probabilities
            .into_iter()
            .map(|(k, v)| (k, (v * 1000.0).round() / 1000.0))
            .collect(),
        decided_by,
        sentences,
    }
}

impl Analyzer for StanceAnalyzer {
    fn name(&self) -> &'static str {
        NAME
    }

    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    fn requires(&self) -> Vec<String> {
        vec![lede_entity::NAME.to_owned(), lede_quote::NAME.to_owned()]
    }

    fn description(&self) -> &'static str {
        "stance (FAVOR/AGAINST/NEUTRAL) of actors toward targets, with evidence and cues"
    }

    fn analyze(&self, doc: &Document, ctx: &Context) -> Result<Output, AnalyzeError> {
        let entities = ctx.require::<EntityOutput>(lede_entity::NAME)?;
        let quotes = ctx.require::<QuoteOutput>(lede_quote::NAME)?;
        Ok(Arc::new(self.analyze_with(doc, entities, quotes)))
    }
}

/// The text after the headline line (the whole text when there is none).
fn body_text(doc: &Document) -> &str {
    match doc.metadata.headline_span() {
        Some(h) => doc.text().get(h.end..).unwrap_or(""),
        None => doc.text(),
    }
}
