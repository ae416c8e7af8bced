//! Evidence units: the stretches of text that carry an actor's own position. The parts of
//! quotations whose speaker the quote analyser resolved, and reported speech or acts found
//! here (`ACTOR said/repeated/urged ... that ...`, `..., says ACTOR`). The writer's own
//! sentences are never units.

use lede_core::{Document, Span, TokenKind};
use lede_entity::{EntityOutput, EntityType};
use lede_quote::{QuoteKind, QuoteOutput, Resolution};

use crate::tokens::Words;
use crate::types::EvidenceKind;

/// Verbs that introduce an actor's speech or stance-taking act.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "declared",
    "declares",
    "repeated",
    "repeats",
    "reiterated",
    "argued",
    "argues",
    "arguing",
    "insisted",
    "insists",
    "stressed",
    "warned",
    "warns",
    "pledged",
    "pledges",
    "urged",
    "urges",
    "vowed",
    "vows",
    "promised",
    "announced",
    "added",
    "claimed",
    "claims",
    "maintained",
    "wrote",
    "tweeted",
    "stated",
    "affirmed",
    "demanded",
    "rejected",
    "rejects",
    "denied",
    "denies",
    "opposed",
    "opposes",
    "supported",
    "supports",
    "backed",
    "backs",
    "welcomed",
    "welcomes",
    "condemned",
    "condemns",
    "criticized",
    "criticised",
    "called",
    "calls",
];

/// Plural nouns that make a group of an organisation: `NATO leaders`.
pub(crate) const GROUP_NOUNS: &[&str] = &[
    "leaders",
    "officials",
    "members",
    "ministers",
    "diplomats",
    "lawmakers",
    "governments",
    "allies",
    "spokesmen",
    "commanders",
    "generals",
];

#[derive(Debug, Clone)]
pub(crate) struct Unit<'w> {
    pub(crate) kind: EvidenceKind,
    pub(crate) actor: String,
    pub(crate) actor_entity: Option<usize>,
    pub(crate) span: Span,
    pub(crate) toks: (usize, usize),
    /// Tokens just before the actor's mention (its title: `NATO chief`, `Ukrainian President`).
    pub(crate) actor_context: (usize, usize),
    /// The reporting sentence: what the unit is about may be named there (`urged NATO's
    /// chief ... to push for more`).
    pub(crate) context: (usize, usize),
    /// The actor's own words in quotation marks.
    pub(crate) quoted: bool,
    /// What the quote analyser found (reported units found here: none).
    pub(crate) quote_kind: Option<QuoteKind>,
    /// How the quote analyser resolved the speaker.
    pub(crate) resolution: Option<Resolution>,
    /// Third-person pronouns in the unit and the entity each stands for (`crate::pronouns`).
    pub(crate) pronouns: Vec<(usize, usize)>,
    pub(crate) lower: &'w [String],
}

impl Unit<'_> {
    pub(crate) fn actor_key(&self) -> String {
        // a group (`NATO leaders`) is another actor than its organisation (`NATO`)
        match self.actor_entity {
            Some(e) => format!("e{e:08}:{}", self.actor),
            None => format!("n:{}", self.actor),
        }
    }

    pub(crate) fn words(&self, a: usize, b: usize) -> impl Iterator<Item = &str> {
        self.lower[a..b].iter().map(String::as_str)
    }
}

/// The actor named by a source mention: a group (`NATO leaders`) when a plural noun follows
/// the organisation's name, else the entity's canonical name.
pub(crate) fn actor_from_mention(
    m_end_tok: usize,
    ent: &lede_entity::Entity,
    words: &Words,
    text: &str,
    mention_span: Span,
) -> (String, Span) {
    if let Some(next) = words.lower.get(m_end_tok) {
        if ent.etype != EntityType::Person && GROUP_NOUNS.contains(&next.as_str()) {
            let name = format!(
                "{} {}",
                mention_span
                    .slice(text)
                    .trim_start_matches("the ")
                    .trim_start_matches("The "),
                words.spans[m_end_tok].slice(text)
            );
            return (
                name,
                Span::new(mention_span.start, words.spans[m_end_tok].end),
            );
        }
    }
    (ent.canonical.clone(), mention_span)
}

pub(crate) fn evidence_units<'w>(
    doc: &Document,
    entities: &EntityOutput,
    quotes: &QuoteOutput,
    words: &'w Words,
) -> Vec<Unit<'w>> {
    let text = doc.text();
    let layers = doc.layers();
    let mut units = Vec::new();
    let mut covered: Vec<Span> = Vec::new();
    for q in &quotes.quotations {
        if q.kind == QuoteKind::Term {
            continue;
        }
        // an unresolved speaker leaves the sentence to the reported-speech rules below
        let Some(sp) = &q.speaker else { continue };
        let (actor, actor_context) = match &q.source {
            Some(src) => {
                let (a, b) = words.range(src.span());
                let group = words.lower[a..b]
                    .last()
                    .is_some_and(|w| GROUP_NOUNS.contains(&w.as_str()))
                    && sp.etype != EntityType::Person;
                let name = if group {
                    src.text
                        .trim_start_matches("the ")
                        .trim_start_matches("The ")
                        .to_owned()
                } else {
                    sp.name.clone()
                };
                (name, (a.saturating_sub(3), b))
            }
            None => (sp.name.clone(), (0, 0)),
        };
        if let Some(c) = &q.cue {
            covered.push(c.span());
        }
        let context = q
            .cue
            .as_ref()
            .and_then(|c| layers.sentence_at(c.start))
            .map_or((0, 0), |si| {
                let s = &layers.sentences[si];
                (s.first_token, s.end_token.min(words.lower.len()))
            });
        for p in &q.parts {
            covered.push(p.span());
            let (a, mut b) = words.range(p.span());
            let mut span = p.span();
            if q.kind == QuoteKind::Indirect {
                // the writer's aside after a dash or `though` is not the speaker's
                if let Some(j) = (a + 1..b).find(|&j| {
                    matches!(
                        words.lower[j].as_str(),
                        "—" | "–" | ";" | "though" | "although" | "whereas"
                    )
                }) {
                    b = j;
                    while b > a + 1 && words.is_punct(b - 1) {
                        b -= 1;
                    }
                    span = Span::new(span.start, words.spans[b - 1].end);
                }
            }
            if b <= a {
                continue;
            }
            units.push(Unit {
                kind: EvidenceKind::Quote,
                actor: actor.clone(),
                actor_entity: Some(sp.entity),
                span,
                toks: (a, b),
                actor_context,
                context,
                quoted: matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial),
                quote_kind: Some(q.kind),
                resolution: Some(sp.via),
                pronouns: Vec::new(),
                lower: &words.lower,
            });
        }
    }
    // token -> mention index
    let mut mention_at: Vec<Option<usize>> = vec![None; words.lower.len()];
    for (mi, m) in entities.mentions.iter().enumerate() {
        let (a, b) = words.range(m.span.span());
        for slot in &mut mention_at[a..b] {
            *slot = Some(mi);
        }
    }
    for s in &doc.layers().sentences {
        lede_core::budget::checkpoint();
        let (sa, sb) = (s.first_token, s.end_token.min(words.lower.len()));
        for i in sa..sb {
            if !SPEECH_VERBS.contains(&words.lower[i].as_str()) {
                continue;
            }
            if covered.iter().any(|c| c.overlaps(words.spans[i])) {
                continue;
            }
            if let Some(mut u) = reported_unit(i, sa, sb, words, &mention_at, entities, text) {
                // a quotation inside the clause is its own unit: the clause stops before it
                // (`said it will try to prevent X from joining Y, arguing that ...`)
                if let Some(cut) = covered
                    .iter()
                    .filter(|c| c.overlaps(u.span) && c.start > u.span.start)
                    .map(|c| c.start)
                    .min()
                {
                    let mut end = words.range(Span::new(u.span.start, cut)).1;
                    while end > u.toks.0 + 1 && words.is_punct(end - 1) {
                        end -= 1;
                    }
                    if end <= u.toks.0 + 1 {
                        continue;
                    }
                    u.toks.1 = end;
                    u.span = Span::new(u.span.start, words.spans[end - 1].end);
                }
                if covered.iter().any(|c| c.overlaps(u.span)) {
                    continue;
                }
                units.push(u);
            }
        }
    }
    units.sort_by_key(|u| (u.span.start, u.span.end));
    crate::pronouns::resolve_in_units(&mut units, words, entities);
    units
}

/// A reported-speech unit around the speech verb at token `i` of the sentence `[sa, sb)`.
pub(crate) fn reported_unit<'w>(
    i: usize,
    sa: usize,
    sb: usize,
    words: &'w Words,
    mention_at: &[Option<usize>],
    entities: &EntityOutput,
    text: &str,
) -> Option<Unit<'w>> {
    let mention_span = |mi: usize| -> Option<(Span, usize, usize)> {
        let m = entities.mentions.get(mi)?;
        let (a, b) = words.range(m.span.span());
        Some((m.span.span(), a, b))
    };
    // inverted attribution: `..., says NATO Chief Stoltenberg`
    if i > sa && matches!(words.lower[i - 1].as_str(), "," | "\u{201d}" | "\"") {
        let mut last = None;
        let mut j = i + 1;
        while j < sb && j <= i + 5 && words.kinds[j] == TokenKind::Word {
            if let Some(mi) = mention_at[j] {
                last = Some(mi);
            }
            j += 1;
        }
        if let Some(mi) = last {
            let m = &entities.mentions[mi];
            let ent = entities.entities.get(m.entity)?;
            let (ms, ma, _) = mention_span(mi)?;
            let end = words.spans[i - 1].start;
            let start = words.spans[sa].start;
            if end <= start {
                return None;
            }
            return Some(Unit {
                kind: EvidenceKind::Reported,
                actor: ent.canonical.clone(),
                actor_entity: Some(m.entity),
                span: Span::new(start, end),
                toks: (sa, i - 1),
                actor_context: (i + 1, ma.max(i + 1)),
                context: (sa, sb),
                quoted: false,
                quote_kind: None,
                resolution: None,
                pronouns: Vec::new(),
                lower: &words.lower,
            })
            .filter(|_| ms.end > start);
        }
        return None;
    }
    // normal order: the nearest mention before the verb, within 15 tokens, with no other
    // speech verb between
    let lo = i.saturating_sub(15).max(sa);
    // objects of prepositions are not subjects (`The Teamsters local in Columbus warned`,
    // `support from NATO's members`): look further back past them
    let mut subj = None;
    let mut j = i;
    while j > lo {
        j -= 1;
        if SPEECH_VERBS.contains(&words.lower[j].as_str()) {
            break;
        }
        let Some(mi) = mention_at[j] else { continue };
        let (_, ma, _) = mention_span(mi)?;
        let after_prep = ma > sa
            && matches!(
                words.lower[ma - 1].as_str(),
                "from"
                    | "of"
                    | "by"
                    | "with"
                    | "to"
                    | "for"
                    | "against"
                    | "in"
                    | "at"
                    | "on"
                    | "near"
            );
        if after_prep {
            j = ma.min(j);
            continue;
        }
        subj = Some(mi);
        break;
    }
    let mi = subj?;
    let m = entities.mentions.get(mi)?;
    let ent = entities.entities.get(m.entity)?;
    let (ms, ma, mb) = mention_span(mi)?;
    let (actor, _) = actor_from_mention(mb, ent, words, text, ms);
    // the clause: from the verb to a clause boundary
    let mut end = sb;
    let mut j = i + 1;
    while j < sb {
        let w = words.lower[j].as_str();
        let boundary = matches!(
            w,
            ";" | "—" | "–" | "but" | "though" | "although" | "whereas"
        ) || (w == ","
            && j + 2 < sb
            && words.lower[j + 1] == "and"
            && mention_at[j + 2].is_some())
            || (j > i + 1
                && SPEECH_VERBS.contains(&w)
                && mention_at[j - 1].is_some()
                && mention_at[j - 1] != Some(mi));
        if boundary {
            end = j;
            break;
        }
        j += 1;
    }
    // trailing punctuation out
    while end > i + 1 && words.is_punct(end - 1) {
        end -= 1;
    }
    if end <= i + 1 {
        return None;
    }
    Some(Unit {
        kind: EvidenceKind::Reported,
        actor,
        actor_entity: Some(m.entity),
        span: Span::new(words.spans[i].start, words.spans[end - 1].end),
        toks: (i, end),
        actor_context: (ma.saturating_sub(3).max(sa), ma),
        context: (sa, sb),
        quoted: false,
        quote_kind: None,
        resolution: None,
        pronouns: Vec::new(),
        lower: &words.lower,
    })
}
