//! Headline claims: a headline given with `--headline` read as an actor's position on a
//! proposition (`NATO rejects Ukraine membership bid`: NATO, against, `Ukraine joining NATO`),
//! to be checked against what the same actor says in the article.
//!
//! The headline is tokenised on its own, its names are resolved against the article's
//! entities, and its polarity toward the proposition is scored with the same cues, negators
//! and frames as the article's evidence units. Only the membership frame (`X joining Y`) is a
//! proposition, as for targets detected in the article.

use lede_core::{Document, Metadata, Span, TokenKind};
use lede_entity::{EntityOutput, EntityType};

use crate::evidence::{Unit, SPEECH_VERBS};
use crate::lexicon::Lexicon;
use crate::polarity::score_unit;
use crate::targets::{main_org, proposition, resolve_name, TargetSpec, GENERIC_ORG, MEMBERSHIP};
use crate::tokens::Words;
use crate::types::{EvidenceKind, TargetSource};

/// A headline read as a claim.
pub(crate) struct Claim {
    /// The proposition, with names resolved against the article's entities.
    pub(crate) spec: TargetSpec,
    /// The entity whose position the headline states, when it names one.
    pub(crate) actor: Option<usize>,
    /// The headline's polarity toward the proposition (> 0 in favour), as evidence scores are.
    pub(crate) score: f64,
}

/// Verbs of the membership frame (the others are nouns: `membership`, `accession`, `bid`).
const MEMBERSHIP_VERBS: &[&str] = &[
    "join", "joins", "joined", "joining", "belong", "belongs", "admit", "admitted",
];

/// Reads `headline` as a claim about the article whose entities are `entities`.
// token-index arithmetic: i/j/k index tokens, n counts them
#[allow(clippy::many_single_char_names)]
pub(crate) fn read_claim(headline: &str, entities: &EntityOutput, lex: &Lexicon) -> Option<Claim> {
    let doc = Document::new("headline", headline, Metadata::default());
    let mut words = Words::new(&doc, &EntityOutput::default());
    // the whole text is a headline: title case is not a name inside a sentence
    words.headline.iter_mut().for_each(|h| *h = true);
    let n = words.lower.len();
    let m = (0..n).find(|&i| MEMBERSHIP.contains(&words.lower[i].as_str()))?;
    // names: the longest run of up to four words from a capitalised word (or a generic
    // organisation noun) that names an entity of the article
    let mut names: Vec<(usize, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let generic = GENERIC_ORG.contains(&words.lower[i].as_str());
        if words.kinds[i] != TokenKind::Word || !(words.capital[i] || generic) || i == m {
            i += 1;
            continue;
        }
        let found = (i + 1..=(i + 4).min(n)).rev().find_map(|k| {
            if (i..k).any(|j| j == m || words.kinds[j] != TokenKind::Word) {
                return None;
            }
            let text = Span::new(words.spans[i].start, words.spans[k - 1].end).slice(headline);
            resolve_name(text, entities).map(|e| (k, e))
        });
        match found {
            Some((k, e)) => {
                names.push((i, k, e));
                i = k;
            }
            None if generic => {
                if let Some(e) = main_org(entities, None) {
                    names.push((i, i + 1, e));
                }
                i += 1;
            }
            None => i += 1,
        }
    }
    let is_org = |e: usize| {
        entities
            .entities
            .get(e)
            .is_some_and(|x| x.etype == EntityType::Org)
    };
    // the attribution `..., says alliance chief`: its name is the actor, not a part
    let said = (0..n).find(|&j| j > m && SPEECH_VERBS.contains(&words.lower[j].as_str()));
    let parts: Vec<&(usize, usize, usize)> = names
        .iter()
        .filter(|x| said.is_none_or(|s| x.0 < s))
        .collect();
    // subject: `membership for/of X`, else the name just before a verb of joining, else the
    // name just before the noun (`Ukraine membership`, `Ukraine's bid`) that is no organisation
    let after_for = parts.iter().find(|x| {
        x.0 >= m + 2 && matches!(words.lower[x.0 - 1].as_str(), "for" | "of") && x.0 <= m + 3
    });
    let verb = MEMBERSHIP_VERBS.contains(&words.lower[m].as_str());
    let subject = after_for
        .or_else(|| {
            parts
                .iter()
                .filter(|x| x.1 <= m && (verb || !is_org(x.2)))
                .max_by_key(|x| x.1)
        })
        .copied()?;
    // object: an organisation other than the subject, the nearest to the frame word
    let object = parts
        .iter()
        .filter(|x| x.2 != subject.2 && is_org(x.2))
        .min_by_key(|x| x.0.abs_diff(m))
        .copied()?;
    let text = |x: &(usize, usize, usize)| {
        Span::new(words.spans[x.0].start, words.spans[x.1 - 1].end)
            .slice(headline)
            .to_owned()
    };
    let spec = proposition(
        &text(subject),
        &text(object),
        entities,
        TargetSource::Headline,
    );
    // actor: the name after `says`, else a first name that opens the headline and is followed
    // by a verb (`NATO rejects ...`, `Stoltenberg rules out ...`)
    let actor = match said {
        Some(s) => names.iter().find(|x| x.0 > s).map(|x| x.2),
        None => names
            .first()
            .filter(|x| x.0 == 0 && x.1 < n && !names.iter().any(|y| y.0 == x.1))
            .filter(|x| !MEMBERSHIP.contains(&words.lower[x.1].as_str()))
            .filter(|x| x.2 != spec.subject_entity.unwrap_or(usize::MAX))
            .map(|x| x.2),
    };
    // the headline's polarity: the words before the attribution, as one unit
    let end = said.map_or(n, |s| {
        let mut e = s;
        while e > 0 && words.is_punct(e - 1) {
            e -= 1;
        }
        e
    });
    if end == 0 {
        return None;
    }
    let unit = Unit {
        kind: EvidenceKind::Reported,
        actor: String::new(),
        actor_entity: actor,
        span: Span::new(words.spans[0].start, words.spans[end - 1].end),
        toks: (0, end),
        actor_context: (0, 0),
        context: (0, 0),
        quoted: false,
        quote_kind: None,
        resolution: None,
        pronouns: Vec::new(),
        lower: &words.lower,
    };
    let flags = spec.flags(&words, &EntityOutput::default());
    let (score, _) = score_unit(&unit, &words, &flags, lex, headline);
    Some(Claim { spec, actor, score })
}

/// True when the article's actor `e` speaks for the claim's actor `a`: the same entity, or
/// one holds a role in the other (`NATO chief` Stoltenberg speaks for NATO).
pub(crate) fn speaks_for(entities: &EntityOutput, e: usize, a: usize) -> bool {
    let role_in = |x: usize, y: usize| {
        entities
            .entities
            .get(x)
            .is_some_and(|ent| ent.roles.iter().any(|r| r.affiliation_entity == Some(y)))
    };
    e == a || role_in(e, a) || role_in(a, e)
}
