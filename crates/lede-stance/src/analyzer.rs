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
use crate::linear::Features;
use crate::model::features::{detect_features, polarity_features, DocStats, Piece, Scene};
use crate::model::{CandidateFeatures, PolarityModel};
use crate::polarity::{round2, score_unit};
use crate::targets::{
    detect_headline_target, entity_target, headline_entity_targets, parse_user_target,
    title_entity_targets, TargetSpec,
};
use crate::tokens::Words;
use crate::types::{
    CueHit, Evidence, EvidenceKind, HeadlineStance, Stance, StanceOutput, StanceRecord, TargetKind,
    TargetSource, TargetVia, Verdict,
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
    /// Only the user's targets: no targets detected from the headline or the title, and no
    /// people and organisations the actors mention (`--only-targets`).
    pub only_user_targets: bool,
}

/// The stance analyser.
#[derive(Debug, Clone)]
pub struct StanceAnalyzer {
    only_user_targets: bool,
    targets: Vec<String>,
    headline: Option<String>,
    lexicon: Arc<Lexicon>,
    /// The polarity model of entity targets (`None`: the rules decide, as for propositions).
    model: Option<Arc<PolarityModel>>,
}

impl Default for StanceAnalyzer {
    fn default() -> Self {
        Self {
            only_user_targets: false,
            targets: Vec::new(),
            headline: None,
            lexicon: Arc::new(Lexicon::builtin().clone()),
            model: builtin_model(),
        }
    }
}

/// The built-in polarity model; a model file that cannot be read is a build defect caught by
/// the tests, and the rules decide meanwhile.
fn builtin_model() -> Option<Arc<PolarityModel>> {
    PolarityModel::builtin().ok().map(|m| Arc::new(m.clone()))
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
            model: builtin_model(),
        })
    }

    /// The same analyser deciding entity targets with `model` (`None`: with the rules), for
    /// evaluations that train a model on part of a data set and score the rest.
    #[must_use]
    pub fn with_model(mut self, model: Option<PolarityModel>) -> Self {
        self.model = model.map(Arc::new);
        self
    }

    /// The user's targets and those detected in the headline or the title.
    fn target_specs(
        &self,
        doc: &Document,
        entities: &EntityOutput,
        words: &Words,
        diagnostics: &mut Vec<String>,
    ) -> Vec<TargetSpec> {
        let mut specs = Vec::new();
        for t in &self.targets {
            match parse_user_target(t, entities, words) {
                Some(s) => specs.push(s),
                None => diagnostics.push(format!("target {t:?} has no content word")),
            }
        }
        let detected = if self.only_user_targets {
            Vec::new()
        } else {
            match detect_headline_target(doc, entities, words) {
                Some(s) => vec![s],
                None => match (doc.metadata.headline_span(), &doc.metadata.title) {
                    (None, Some(title)) => title_entity_targets(title, entities),
                    _ => headline_entity_targets(doc, entities, words),
                },
            }
        };
        for s in detected {
            if !specs.iter().any(|x| x.target.label == s.target.label) {
                specs.push(s);
            }
        }
        specs
    }

    /// The candidate records for training the polarity model: every (actor, entity target)
    /// pair `analyze_with` would decide (the targets of the options and the people and
    /// organisations the actors mention), with the names the actor and the target go by and
    /// the model's features.
    pub fn training_candidates(
        &self,
        doc: &Document,
        entities: &EntityOutput,
        quotes: &QuoteOutput,
    ) -> Vec<TrainingCandidate> {
        let words = Words::new(doc, entities);
        let specs = self.target_specs(doc, entities, &words, &mut Vec::new());
        let units = evidence_units(doc, entities, quotes, &words);
        let stats = DocStats::new(doc, entities);
        let mut cands = self.candidates_of(doc, entities, &words, &units, &specs, &stats);
        let mut all_specs = specs.clone();
        if !self.only_user_targets {
            let mentioned = mentioned_targets(entities, &words, &units, &specs);
            let offset = specs.len();
            cands.extend(
                self.candidates_of(doc, entities, &words, &units, &mentioned, &stats)
                    .into_iter()
                    .map(|mut c| {
                        c.record.target += offset;
                        c
                    }),
            );
            all_specs.extend(mentioned);
        }
        cands
            .into_iter()
            .filter_map(|c| {
                let features = c.features?;
                let spec = all_specs.get(c.record.target)?;
                let mut target_names = vec![spec.target.label.clone()];
                if let Some(e) = spec.subject_entity.and_then(|e| entities.entities.get(e)) {
                    target_names.extend(e.aliases.iter().cloned());
                }
                Some(TrainingCandidate {
                    actor_names: std::iter::once(c.record.actor.clone())
                        .chain(c.record.actor_aliases.iter().cloned())
                        .collect(),
                    target_names,
                    features,
                })
            })
            .collect()
    }

    /// The polarity features of a span of `doc` toward the entity named `target` (resolved
    /// against `entities` as a `--target` is), as if an actor had said it: annotated spans
    /// train the polarity stage.
    pub fn span_features(
        &self,
        doc: &Document,
        entities: &EntityOutput,
        span: Span,
        target: &str,
    ) -> Option<Features> {
        let words = Words::new(doc, entities);
        let spec = parse_user_target(target, entities, &words)?;
        if spec.target.kind != TargetKind::Entity {
            return None;
        }
        let (a, b) = words.range(span);
        if b <= a {
            return None;
        }
        let layers = doc.layers();
        let context = layers.sentence_at(span.start).map_or((a, b), |si| {
            let s = &layers.sentences[si];
            (s.first_token, s.end_token.min(words.lower.len()))
        });
        let mut units = vec![Unit {
            kind: EvidenceKind::Quote,
            actor: String::new(),
            actor_entity: None,
            span,
            toks: (a, b),
            actor_context: (a, a),
            context,
            quoted: true,
            quote_kind: Some(lede_quote::QuoteKind::Direct),
            resolution: None,
            pronouns: Vec::new(),
            lower: &words.lower,
        }];
        crate::pronouns::resolve_in_units(&mut units, &words, entities);
        let flags = spec.flags(&words, entities);
        let u = &units[0];
        let via = spec.via(u, &flags, entities).unwrap_or(TargetVia::Context);
        let (score, cues) = score_unit(u, &words, &flags, &self.lexicon, doc.text());
        let stats = DocStats::new(doc, entities);
        let scene = Scene {
            words: &words,
            entities,
            stats: &stats,
            flags: &flags,
            target: spec.subject_entity,
            target_entities: &[],
            actor_units: 1,
        };
        Some(polarity_features(
            &scene,
            &[Piece {
                unit: u,
                via,
                score,
                cues: &cues,
            }],
        ))
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
        let mut specs = self.target_specs(doc, entities, &words, &mut out.diagnostics);
        if specs.is_empty() && self.headline.is_none() && self.only_user_targets {
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
                let polar = r.evidence.iter().any(|e| !e.cues.is_empty());
                if !polar && r.stance == Stance::Neutral {
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

    /// The records of every actor with evidence about each target, decided.
    fn records(
        &self,
        doc: &Document,
        entities: &EntityOutput,
        words: &Words,
        units: &[Unit],
        specs: &[TargetSpec],
    ) -> Vec<StanceRecord> {
        let stats = DocStats::new(doc, entities);
        let mut stances: Vec<StanceRecord> = self
            .candidates_of(doc, entities, words, units, specs, &stats)
            .into_iter()
            .filter_map(|c| self.decide(c))
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

    /// A candidate's stance: the polarity model's for entity targets, the rules' (the summed
    /// evidence scores) for propositions and free text. A record that refers to its target
    /// only through a pronoun, the reporting sentence or the actor itself is kept only when
    /// it takes a side.
    fn decide(&self, c: Candidate) -> Option<StanceRecord> {
        let mut r = c.record;
        if let (Some(f), Some(model)) = (&c.features, self.model.as_deref()) {
            let raw: f64 = r.evidence.iter().map(|e| e.score).sum();
            let (stance, p) = model.predict_with_cues(f, cue_norm(raw));
            r.stance = stance;
            r.score = round3(p.favor - p.against);
            r.probabilities = Some(
                [
                    (Stance::Favor, round3(p.favor)),
                    (Stance::Against, round3(p.against)),
                    (Stance::Neutral, round3(p.neutral)),
                ]
                .into_iter()
                .collect(),
            );
        } else {
            let norm = cue_norm(r.evidence.iter().map(|e| e.score).sum());
            r.score = round3(norm);
            r.stance = if norm >= 0.4 {
                Stance::Favor
            } else if norm <= -0.4 {
                Stance::Against
            } else {
                Stance::Neutral
            };
        }
        let named = r.evidence.iter().any(|e| e.via == TargetVia::Name);
        (named || r.stance != Stance::Neutral).then_some(r)
    }

    /// Every (target, actor) pair with evidence, undecided, with the polarity model's
    /// features for entity targets.
    fn candidates_of(
        &self,
        doc: &Document,
        entities: &EntityOutput,
        words: &Words,
        units: &[Unit],
        specs: &[TargetSpec],
        stats: &DocStats,
    ) -> Vec<Candidate> {
        let mut out = Vec::new();
        let target_entities: Vec<usize> = specs.iter().filter_map(|s| s.subject_entity).collect();
        let mut actor_units: BTreeMap<String, usize> = BTreeMap::new();
        for u in units {
            *actor_units.entry(u.actor_key()).or_default() += 1;
        }
        for (ti, spec) in specs.iter().enumerate() {
            let flags = spec.flags(words, entities);
            // actor key -> (unit, via), in unit order
            let mut by_actor: BTreeMap<String, Vec<(usize, TargetVia)>> = BTreeMap::new();
            for (ui, u) in units.iter().enumerate() {
                if let Some(via) = spec.via(u, &flags, entities) {
                    by_actor.entry(u.actor_key()).or_default().push((ui, via));
                }
            }
            for pieces in by_actor.into_values() {
                let u0 = &units[pieces[0].0];
                let scored: Vec<(f64, Vec<CueHit>)> = pieces
                    .iter()
                    .map(|&(ui, _)| {
                        score_unit(&units[ui], words, &flags, &self.lexicon, doc.text())
                    })
                    .collect();
                let features = (spec.target.kind == TargetKind::Entity).then(|| {
                    let scene = Scene {
                        words,
                        entities,
                        stats,
                        flags: &flags,
                        target: spec.subject_entity,
                        target_entities: &target_entities,
                        actor_units: actor_units.get(&u0.actor_key()).copied().unwrap_or(0),
                    };
                    let ps: Vec<Piece> = pieces
                        .iter()
                        .zip(&scored)
                        .map(|(&(ui, via), (score, cues))| Piece {
                            unit: &units[ui],
                            via,
                            score: *score,
                            cues,
                        })
                        .collect();
                    CandidateFeatures {
                        detect: detect_features(&scene, &ps),
                        polarity: polarity_features(&scene, &ps),
                    }
                });
                let mut evidence: Vec<Evidence> = pieces
                    .iter()
                    .zip(scored)
                    .map(|(&(ui, via), (score, cues))| {
                        let u = &units[ui];
                        Evidence {
                            kind: u.kind,
                            quoted: u.quoted,
                            span: u.span.with_text(doc.text()),
                            via,
                            score: round2(score),
                            cues,
                        }
                    })
                    .collect();
                evidence.sort_by_key(|e| (e.span.start, e.span.end));
                out.push(Candidate {
                    record: StanceRecord {
                        actor: u0.actor.clone(),
                        actor_entity: u0.actor_entity,
                        actor_aliases: u0
                            .actor_entity
                            .and_then(|e| entities.entities.get(e))
                            .filter(|e| e.canonical == u0.actor)
                            .map(|e| e.aliases.clone())
                            .unwrap_or_default(),
                        target: ti,
                        target_label: spec.target.label.clone(),
                        stance: Stance::Neutral,
                        score: 0.0,
                        probabilities: None,
                        evidence,
                    },
                    features,
                });
            }
        }
        out
    }
}

/// A candidate record for training (see [`StanceAnalyzer::training_candidates`]).
#[derive(Debug, Clone)]
pub struct TrainingCandidate {
    /// The actor's name and aliases.
    pub actor_names: Vec<String>,
    /// The target's name and aliases.
    pub target_names: Vec<String>,
    pub features: CandidateFeatures,
}

/// A record before its stance is decided.
struct Candidate {
    record: StanceRecord,
    features: Option<CandidateFeatures>,
}

/// The summed cue scores of a record's evidence squashed into [-1, 1] (`raw / sqrt(raw^2 +
/// 4)`): +-0.4 at a summed score of about +-0.87.
fn cue_norm(raw: f64) -> f64 {
    raw / (raw * raw + 4.0).sqrt()
}

fn round3(v: f64) -> f64 {
    // `+ 0.0` turns -0.0 into 0.0
    (v * 1000.0).round() / 1000.0 + 0.0
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
    // and those a pronoun in an actor's words stands for
    for u in units {
        for &(i, e) in &u.pronouns {
            if u.actor_entity != Some(e) && !seen.contains(&e) {
                seen.push(e);
                firsts.push((i, e));
            }
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
