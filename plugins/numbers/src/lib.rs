//! lede-plugin-numbers: numeric claims for fact-checkers, as a lede plugin.
//!
//! Finds quantities with units (`a 16-foot deep crater`, `160 kilometres an hour`),
//! percentages (`3.5 percent`, `76% of votes`), money (`$1.2bn`, `1.2 billion euros`,
//! `$12 million a day`), counts (`1,500 troops`, `thousands of people`), ranges
//! (`between 300 and 400`, `10-12 million`), ratios (`one in five`, `two-thirds of`), ages and
//! tallies, each with its qualifier (`more than`, `up to`), the sentence it stands in and,
//! when the `entity` analyser ran, the entity it is about. Years, dates, times, ordinals,
//! phone numbers and labels (`number 9`, `Covid-19`) are not claims and are skipped.
//!
//! It is the worked example of `docs/plugins.md`: the whole plugin is the [`Numbers`] type,
//! its `impl Analyzer` and one `export_analyzer!` line. One option, `kinds`, keeps only the
//! claims of the kinds listed (`lede analyze --plugin-option 'numbers.kinds=["money"]'`).

mod scan;

use lede_plugin_sdk::wire::Layers;
use lede_plugin_sdk::{export_analyzer, Analyzer, Error, Options, Request, Span, TextSpan};
use serde::{Deserialize, Serialize};

pub use scan::{Kind, Qualifier};

/// The analyser.
#[derive(Debug, Default)]
pub struct Numbers {
    /// The kinds of claim to report (option `kinds`); all when `None`.
    kinds: Option<Vec<Kind>>,
}

/// The plugin's options: `kinds`, a list of kinds to report (`["money", "percent"]`; default
/// all). An unknown option is an error, so that a typo is not silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersOptions {
    kinds: Option<Vec<Kind>>,
}

/// One numeric claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub kind: Kind,
    /// The claim as written, with its qualifier, currency, unit and rate.
    #[serde(flatten)]
    pub span: TextSpan,
    /// The number (the low end of a range; the lower bound of `thousands of`).
    pub value: f64,
    /// The high end of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// The other side of a tally (`6-3`: value 6, against 3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub against: Option<f64>,
    /// ISO currency code for money, `%`, a unit of measure, or the counted noun.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What a rate is per: `day` in `$12 million a day`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// What a length measures: `deep` in `a 16-foot deep crater`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// What a percentage is of: `votes` in `76% of votes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// A vague amount (`dozens of`, `thousands of`): `value` is a rough lower bound.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub vague: bool,
    /// The sentence the claim stands in.
    pub sentence: TextSpan,
    /// The entity the claim is about, when the entity analyser ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityRef>,
}

/// The entity a claim is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRef {
    /// The entity's id in the `entity` analyser's output.
    pub id: usize,
    pub canonical: String,
    #[serde(rename = "type")]
    pub etype: String,
    /// The mention the claim was tied to.
    pub mention: TextSpan,
}

/// The plugin's output for one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NumbersOutput {
    /// In text order.
    pub claims: Vec<Claim>,
}

/// The parts of the entity analyser's output this plugin reads (it ignores the rest, so that
/// the entity analyser can grow without breaking it).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EntityInput {
    #[serde(default)]
    pub mentions: Vec<MentionInput>,
    #[serde(default)]
    pub entities: Vec<EntityItem>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MentionInput {
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub text: String,
    /// Index into `entities`.
    pub entity: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EntityItem {
    pub id: usize,
    pub canonical: String,
    #[serde(rename = "type", default)]
    pub etype: String,
}

/// The entity a claim at `claim` in `sentence` is about: the nearest mention before it in the
/// sentence with no speech verb between them (the subject of its clause, not a speaker), else
/// the nearest mention after it in the sentence.
fn about<'e>(
    text: &str,
    sentence: Span,
    claim: Span,
    entities: &'e EntityInput,
) -> Option<(&'e MentionInput, &'e EntityItem)> {
    let in_sentence = |m: &&MentionInput| m.start >= sentence.start && m.end <= sentence.end;
    let speech_between = |from: usize, to: usize| {
        text.get(from..to).is_some_and(|between| {
            between
                .split(|c: char| !c.is_alphabetic())
                .any(|w| scan::SPEECH_VERBS.contains(&w.to_lowercase().as_str()))
        })
    };
    let before = entities
        .mentions
        .iter()
        .filter(in_sentence)
        .filter(|m| m.end <= claim.start && !speech_between(m.end, claim.start))
        .max_by_key(|m| (m.end, m.start));
    let after = || {
        entities
            .mentions
            .iter()
            .filter(in_sentence)
            .filter(|m| m.start >= claim.end && !speech_between(claim.end, m.start))
            .min_by_key(|m| (m.start, m.end))
    };
    let m = before.or_else(after)?;
    let e = entities.entities.get(m.entity)?;
    Some((m, e))
}

/// Finds the claims of a document given its text and layers, and the entity output if any.
pub fn find_claims(text: &str, layers: &Layers, entities: Option<&EntityInput>) -> NumbersOutput {
    let sentences: Vec<Span> = if layers.sentences.is_empty() {
        vec![Span::new(0, text.len())]
    } else {
        layers.sentences.iter().map(|s| s.span()).collect()
    };
    let mut claims = Vec::new();
    for s in sentences {
        for f in scan::scan(text, s.start, s.end) {
            let span = Span::new(f.start, f.end);
            let entity = entities
                .and_then(|ents| about(text, s, span, ents))
                .map(|(m, e)| EntityRef {
                    id: e.id,
                    canonical: e.canonical.clone(),
                    etype: e.etype.clone(),
                    mention: Span::new(m.start, m.end).with_text(text),
                });
            claims.push(Claim {
                kind: f.kind,
                span: span.with_text(text),
                value: f.value,
                high: f.high,
                against: f.against,
                unit: f.unit,
                per: f.per,
                dimension: f.dimension,
                of: f.of,
                qualifier: f.qualifier,
                vague: f.vague,
                sentence: s.with_text(text),
                entity,
            });
        }
    }
    NumbersOutput { claims }
}

impl Analyzer for Numbers {
    const NAME: &'static str = "numbers";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str =
        "numeric claims (money, percentages, quantities, counts, ranges, ratios) with their sentence and entity";
    /// Optional: the claims are useful without entities, and a host without the entity
    /// analyser can still load the plugin; when `entity` is there it runs first and each claim
    /// names the entity it is about.
    const OPTIONAL: &'static [&'static str] = &["entity"];
    type Output = NumbersOutput;

    fn new(options: &Options) -> Result<Self, Error> {
        let o: NumbersOptions = serde_json::from_value(options.clone().into())
            .map_err(|e| Error::new(format!("bad options: {e}")))?;
        Ok(Numbers { kinds: o.kinds })
    }

    fn analyze(&self, request: &Request) -> Result<NumbersOutput, Error> {
        let entities: Option<EntityInput> = request.input("entity")?;
        let mut out = find_claims(request.text(), &request.layers, entities.as_ref());
        if let Some(kinds) = &self.kinds {
            out.claims.retain(|c| kinds.contains(&c.kind));
        }
        Ok(out)
    }
}

export_analyzer!(Numbers);
