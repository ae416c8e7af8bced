//! Targets detected in the headline: a membership proposition (or one in the lead sentence),
//! else the organisations and people the headline names.

use lede_core::{Document, Span, TokenKind};
use lede_entity::{EntityOutput, EntityType};

use super::{
    entity_target, proposition, resolve_name, TargetSpec, GENERIC_ORG, HEADLINE_VERBS, MEMBERSHIP,
};
use crate::evidence::SPEECH_VERBS;
use crate::tokens::{name_words, Words};
use crate::types::TargetSource;

/// Without a proposition, the organisations and people the headline names are the targets
/// (at most two; not one that the headline quotes: `..., Says Minister Berg`).
pub(crate) fn headline_entity_targets(
    doc: &Document,
    entities: &EntityOutput,
    words: &Words,
) -> Vec<TargetSpec> {
    let Some(h) = doc.metadata.headline_span() else {
        return Vec::new();
    };
    let (a, b) = words.range(h);
    let said_from = (a..b)
        .find(|&i| SPEECH_VERBS.contains(&words.lower[i].as_str()))
        .map_or(usize::MAX, |i| words.spans[i].start);
    let mut out: Vec<TargetSpec> = Vec::new();
    for m in &entities.mentions {
        if !h.contains(m.span.span()) || m.span.start > said_from {
            continue;
        }
        if !matches!(m.etype, EntityType::Org | EntityType::Person) {
            continue;
        }
        let Some(e) = entities.entities.get(m.entity) else {
            continue;
        };
        // an entity the body names too: taggers misread title-case headlines
        // (`Supreme Court Blocks State Law`), and what the body never names has no evidence
        let in_body = e.mentions.iter().any(|&k| {
            entities
                .mentions
                .get(k)
                .is_some_and(|x| !h.overlaps(x.span.span()))
        });
        if !in_body || out.iter().any(|t| t.subject_entity == Some(e.id)) {
            continue;
        }
        let Some(mut spec) = entity_target(
            entities,
            e.id,
            TargetSource::Headline,
            &name_words(&m.span.text),
        ) else {
            continue;
        };
        spec.target.found_in = Some(h.with_text(doc.text()));
        out.push(spec);
        if out.len() == 2 {
            break;
        }
    }
    out
}

/// A membership proposition in the headline, or else in the lead sentence.
// token-index arithmetic: a/b bound a range, i/j/s/o index tokens
#[allow(clippy::many_single_char_names)]
pub(crate) fn detect_headline_target(
    doc: &Document,
    entities: &EntityOutput,
    words: &Words,
) -> Option<TargetSpec> {
    let layers = doc.layers();
    let mut candidates: Vec<Span> = Vec::new();
    if let Some(h) = doc.metadata.headline_span() {
        candidates.push(h);
    }
    if let Some(lead) = layers.sentences.iter().find(|s| {
        doc.metadata
            .headline_span()
            .is_none_or(|h| !s.span.overlaps(h))
            && s.tokens().len() > 6
    }) {
        candidates.push(lead.span);
    }
    for span in candidates {
        let (a, b) = words.range(span);
        let Some(i) = (a..b).find(|&i| MEMBERSHIP.contains(&words.lower[i].as_str())) else {
            continue;
        };
        // subject: the nearest capitalised word before the frame that is not a title-case
        // verb (`Finland Deserves to Join`); taggers often swallow such verbs into a name, so
        // the word is resolved against the entities afterwards
        let Some(s) = (a..i).rev().find(|&j| {
            words.capital[j]
                && words.kinds[j] == TokenKind::Word
                && !crate::words::is_stopword(&words.lower[j])
                && !HEADLINE_VERBS.contains(&words.lower[j].as_str())
        }) else {
            continue;
        };
        let text = doc.text();
        let mut subject = words.spans[s].slice(text).to_owned();
        if s > a {
            let two = Span::new(words.spans[s - 1].start, words.spans[s].end).slice(text);
            if resolve_name(two, entities).is_some() {
                two.clone_into(&mut subject);
            }
        }
        // object: the first name or generic organisation noun after it
        let skip = [
            "to", "in", "into", "the", "of", "a", "an", "join", "joining", "its", "their",
            "military", "western",
        ];
        let Some(o) = (i + 1..b).find(|&j| {
            words.kinds[j] == TokenKind::Word
                && !skip.contains(&words.lower[j].as_str())
                && (words.capital[j] || GENERIC_ORG.contains(&words.lower[j].as_str()))
        }) else {
            continue;
        };
        // the capitalised run from there (`Trade Bloc`, `European Union`), up to four words:
        // its longest start that names an entity, else through a generic noun (`Alliance`
        // in `Alliance One Day`), else its first word
        let mut e = o + 1;
        while e < b && e < o + 4 && words.capital[e] && words.kinds[e] == TokenKind::Word {
            e += 1;
        }
        let run = |end: usize| {
            Span::new(words.spans[o].start, words.spans[end - 1].end)
                .slice(text)
                .to_owned()
        };
        // an entity the body names too beats one a tagger made of headline words
        // (`Alliance One Day`)
        let names_entity = |k: usize, min_mentions: usize| {
            resolve_name(&run(k), entities)
                .and_then(|id| entities.entities.get(id))
                .is_some_and(|ent| ent.mentions.len() >= min_mentions)
        };
        let end = (o + 1..=e)
            .rev()
            .find(|&k| names_entity(k, 2))
            .or_else(|| {
                (o..e)
                    .find(|&k| GENERIC_ORG.contains(&words.lower[k].as_str()))
                    .map(|k| k + 1)
            })
            .or_else(|| (o + 1..=e).rev().find(|&k| names_entity(k, 1)))
            .unwrap_or(o + 1);
        let object = run(end);
        let mut spec = proposition(&subject, &object, entities, TargetSource::Headline);
        spec.target.found_in = Some(span.with_text(text));
        return Some(spec);
    }
    None
}

/// Without a headline in the text, the people and organisations that the metadata's title
/// names (and the body names too) are the targets, at most two: wire stories come with their
/// headline as a separate field, often in capitals (`AMERICAN EXPRESS SEEKS ...`). A name is
/// the longest run of up to four capitalised words that names an entity of the body, matched
/// without regard to case.
pub(crate) fn title_entity_targets(title: &str, entities: &EntityOutput) -> Vec<TargetSpec> {
    let doc = Document::new("title", title, lede_core::Metadata::default());
    let words = Words::new(&doc, &EntityOutput::default());
    let n = words.lower.len();
    let said_from = (0..n)
        .find(|&i| SPEECH_VERBS.contains(&words.lower[i].as_str()))
        .unwrap_or(n);
    let mut out: Vec<TargetSpec> = Vec::new();
    let mut i = 0;
    while i < said_from && out.len() < 2 {
        if words.kinds[i] != TokenKind::Word || !words.capital[i] {
            i += 1;
            continue;
        }
        let found = (i + 1..=(i + 4).min(said_from)).rev().find_map(|k| {
            if (i..k).any(|j| words.kinds[j] != TokenKind::Word && words.lower[j] != "'s") {
                return None;
            }
            let text = Span::new(words.spans[i].start, words.spans[k - 1].end).slice(title);
            let e = resolve_name(text, entities)?;
            let ent = entities.entities.get(e)?;
            matches!(ent.etype, EntityType::Org | EntityType::Person).then_some((k, e))
        });
        let Some((k, e)) = found else {
            i += 1;
            continue;
        };
        if !out.iter().any(|t| t.subject_entity == Some(e)) {
            let words_of =
                name_words(Span::new(words.spans[i].start, words.spans[k - 1].end).slice(title));
            if let Some(mut spec) = entity_target(entities, e, TargetSource::Headline, &words_of) {
                spec.target.found_in = None;
                out.push(spec);
            }
        }
        i = k;
    }
    out
}
