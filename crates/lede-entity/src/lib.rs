//! lede-entity: named entities and in-article linking.
//!
//! The output types in [`types`] are the contract read by the quote and stance analysers.
//!
//! Pipeline: the shared tokens of each sentence go through the tagger ([`tagger`], an averaged
//! perceptron trained here by `cargo run -p lede-entity --bin lede-train-ner`, weights embedded
//! in the binary), the BILOU labels become mentions (never crossing a newline), and the linker
//! ([`link`]) groups them into entities with canonical names, roles and actor flags. The
//! evaluation command runs the same [`analyze_words`] on gold tokens.

// CoNLL, GeoNames, BILOU and the like are names, not code: no backticks in docs.
#![allow(clippy::doc_markdown)]

pub mod clusters;
pub mod conll;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod gender;
pub mod link;
pub mod tagger;
pub mod train;
pub mod types;

use std::sync::{Arc, OnceLock};

use lede_core::{AnalyzeError, Analyzer, Context, Document, Output};

pub use gender::{first_name_gender, Gender};
pub use types::{Entity, EntityOutput, EntityType, Mention, MentionKind, Role};

use crate::features::Clusters;
use crate::gazetteer::Gazetteer;
use crate::link::{Linked, RawMention, Words};
use crate::tagger::{Model, Resources};

/// The analyser's name in pipelines and output.
pub const NAME: &str = "entity";

/// The embedded model (see `MODEL_CARD.md`).
const MODEL_BYTES: &[u8] = include_bytes!("../model/ner.model");
/// The embedded word clusters (deflated `word<TAB>bits` lines), possibly empty.
const CLUSTER_BYTES: &[u8] = include_bytes!("../model/clusters.bin");
/// The gazetteer data (see `data/build_gazetteers.py`).
const GAZETTEER: &str = include_str!("../data/gazetteer.tsv");

/// Everything the analyser loads once: model, gazetteer, clusters.
pub struct Loaded {
    pub model: Model,
    pub gazetteer: Gazetteer,
    pub clusters: Clusters,
    /// Why the embedded model could not be read, if it could not.
    pub model_error: Option<String>,
}

impl Loaded {
    pub fn resources(&self) -> Resources<'_> {
        Resources {
            gazetteer: &self.gazetteer,
            clusters: &self.clusters,
        }
    }
}

/// Parses deflated `word<TAB>bits` cluster lines (bits as a string of 0/1).
pub fn parse_clusters(bytes: &[u8]) -> Clusters {
    let mut out = Clusters::default();
    if bytes.is_empty() {
        return out;
    }
    let Ok(raw) = miniz_oxide::inflate::decompress_to_vec(bytes) else {
        return out;
    };
    let text = String::from_utf8_lossy(&raw);
    for line in text.lines() {
        let Some((w, bits)) = line.split_once('\t') else {
            continue;
        };
        if bits.is_empty() || bits.len() > 31 {
            continue;
        }
        let mut id = 1u32;
        for b in bits.bytes() {
            id = (id << 1) | u32::from(b == b'1');
        }
        out.insert(w.to_owned(), id);
    }
    out
}

/// Loads the gazetteer and clusters, with the given model.
pub fn load_with_model(model: Model) -> Loaded {
    Loaded {
        model,
        gazetteer: Gazetteer::parse(GAZETTEER),
        clusters: parse_clusters(CLUSTER_BYTES),
        model_error: None,
    }
}

/// The embedded resources, loaded on first use.
pub fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        // the model (inflate + index) and the gazetteer and clusters load in parallel: start-up
        // time is what a one-article run pays
        let (model, (gazetteer, clusters)) = std::thread::scope(|scope| {
            let side = scope.spawn(|| (Gazetteer::parse(GAZETTEER), parse_clusters(CLUSTER_BYTES)));
            let model = Model::from_bytes(MODEL_BYTES);
            let side = side
                .join()
                .unwrap_or_else(|_| (Gazetteer::default(), Clusters::default()));
            (model, side)
        });
        let (model, model_error) = match model {
            Ok(m) => (m, None),
            Err(e) => (Model::default(), Some(e.to_string())),
        };
        Loaded {
            model,
            gazetteer,
            clusters,
            model_error,
        }
    })
}

/// The result of analysing a document's words.
pub struct WordsAnalysis {
    pub mentions: Vec<RawMention>,
    pub linked: Linked,
}

/// Tags and links a document given as words per sentence. `breaks(s, i)` says that token `i`
/// of sentence `s` starts a new line, so that no mention crosses it. `evidence` turns a
/// sentence and token range into a text span for roles.
pub fn analyze_words(
    model: &Model,
    res: &Loaded,
    sentences: &[Vec<&str>],
    breaks: &dyn Fn(usize, usize) -> bool,
    evidence: &link::EvidenceFn<'_>,
) -> WordsAnalysis {
    analyze_words_with(model, res, sentences, breaks, evidence, &mut |_| {})
}

/// [`analyze_words`] with a hook that may adjust the mentions before linking (the analyser
/// uses it for what document metadata says, such as the dateline).
pub fn analyze_words_with(
    model: &Model,
    res: &Loaded,
    sentences: &[Vec<&str>],
    breaks: &dyn Fn(usize, usize) -> bool,
    evidence: &link::EvidenceFn<'_>,
    adjust: &mut dyn FnMut(&mut Vec<RawMention>),
) -> WordsAnalysis {
    let labels = tagger::tag_document(model, &res.resources(), sentences);
    // each sentence's casing, read once for the passes below
    let modes: Vec<features::Mode> = sentences
        .iter()
        .map(|w| features::sentence_mode(w))
        .collect();
    let mut mentions = Vec::new();
    for (si, (words, labels)) in sentences.iter().zip(&labels).enumerate() {
        let mode = modes[si];
        // two person chunks side by side are one name split by the tagger (`Dr. Katrin` +
        // `Vogel`); CoNLL marks adjacent distinct persons so rarely that merging is safer
        let mut chunks: Vec<(usize, usize, EntityType)> = Vec::new();
        for c in tagger::decode(labels) {
            match chunks.last_mut() {
                Some(last)
                    if last.1 == c.0
                        && last.2 == EntityType::Person
                        && c.2 == EntityType::Person =>
                {
                    last.1 = c.1;
                }
                _ => chunks.push(c),
            }
        }
        for (s, e, ty) in chunks {
            let (mut s, e) = trim_edges(words, s, e, mode);
            let (e, ty) = company_suffix(words, labels, s, e, ty);
            // a title opening a person's name is a role, not part of the name
            while ty == EntityType::Person
                && e > s + 1
                && res.gazetteer.has(words[s], gazetteer::Category::Title)
            {
                s += 1;
            }
            if s >= e {
                continue;
            }
            let mut start = s;
            for k in s + 1..=e {
                // a colon or semicolon separates names (`the Internet: 1, Scientology: 0`);
                // titles keep theirs (`Batman: Arkham VR`)
                let sep = k < e && ty != EntityType::Misc && matches!(words[k], ":" | ";");
                if k == e || breaks(si, k) || sep {
                    // the pieces lose separators and scores at their edges; drop chunks
                    // that are only punctuation or numbers
                    let edge = |w: &&str| !w.chars().any(char::is_alphabetic);
                    let mut a = start;
                    let mut b = k;
                    if sep || start > s {
                        while a < b && edge(&words[a]) {
                            a += 1;
                        }
                        while b > a && edge(&words[b - 1]) {
                            b -= 1;
                        }
                    }
                    if words[a..b]
                        .iter()
                        .any(|w| w.chars().any(char::is_alphanumeric))
                    {
                        mentions.push(RawMention {
                            sentence: si,
                            tok_start: a,
                            tok_end: b,
                            etype: ty,
                        });
                    }
                    start = k;
                }
            }
        }
    }
    let mentions = project_headlines(res, sentences, &modes, mentions);
    let mentions = add_acronyms(sentences, mentions);
    let mentions = propagate_names(sentences, mentions);
    let mut mentions = filter_lowercase(res, sentences, &modes, mentions);
    adjust(&mut mentions);
    let linked = link::link(&Words { sentences }, &mentions, &res.gazetteer, evidence);
    WordsAnalysis { mentions, linked }
}

/// Legal-form words that end company names (`Inc.`, `Corp`, `plc`, `GmbH`).
const COMPANY_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "llp",
    "lp",
    "ag",
    "gmbh",
    "sa",
    "s.a.",
    "nv",
    "n.v.",
    "bv",
    "spa",
    "s.p.a.",
    "ab",
    "asa",
    "oyj",
    "pty",
    "limited",
    "incorporated",
    "corporation",
];

/// Whether a word is a capitalised legal form of a company (`Inc.`, `Corp`; `co` or `ag` in
/// lower case are other words).
pub(crate) fn is_company_suffix(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && COMPANY_SUFFIXES.contains(&features::lower(w).as_str())
}

/// A name ending in a company's legal form is an organisation, whatever the tagger typed it:
/// `Harbor Logistics Inc.` (up to two untagged capitalised words and the suffix after the chunk
/// are taken in; the suffix must be capitalised, as `co` or `ag` in lower case are other words).
fn company_suffix(
    words: &[&str],
    labels: &[u8],
    s: usize,
    e: usize,
    ty: EntityType,
) -> (usize, EntityType) {
    let is_suffix = is_company_suffix;
    if s >= e {
        return (e, ty);
    }
    if e - s > 1 && is_suffix(words[e - 1]) {
        return (e, EntityType::Org);
    }
    for (k, w) in words.iter().enumerate().skip(e).take(3) {
        if labels.get(k).copied().unwrap_or(0) != 0
            || !w.chars().next().is_some_and(char::is_uppercase)
        {
            break;
        }
        if is_suffix(w) {
            return (k + 1, EntityType::Org);
        }
    }
    (e, ty)
}

/// Function words that never begin or end a name, even in lowercase text.
const EDGE_STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "that", "this", "these", "those", "which", "who", "is", "are", "was", "were", "be",
    "been", "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my",
    "your", "his", "its", "our", "their", "can", "could", "will", "would", "should", "may",
    "might", "must", "do", "does", "did", "not", "no", "so", "if", "as", "than", "then", "there",
    "here", "what", "when", "where", "why", "how", "all", "any", "some", "one", "also", "just",
    "about", "into", "over", "after", "before", "up", "down", "out", "said", "says", "say", "mean",
    "like", "get", "got", "have", "has", "had", "cup", "lol", "yes", "ok", "please", "thanks",
    "thank", "'s", "’s", "n't", "'m", "'re", "'ve", "'ll", "'d",
];

/// Words that are not part of a name even when capitalised (at the start of a sentence or a
/// quotation, or as an honorific before the name): courtesy titles, months and weekdays
/// (CoNLL tags none of them), pronouns and other function words.
const CAPITALISED_NON_NAMES: &[&str] = &[
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "prof.",
    "gen.",
    "sen.",
    "rep.",
    "gov.",
    "lt.",
    "col.",
    "capt.",
    "sgt.",
    "rev.",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "madam",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "the",
    "a",
    "an",
    "i",
    "my",
    "we",
    "our",
    "you",
    "your",
    "he",
    "his",
    "she",
    "her",
    "they",
    "their",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "nobody",
    "everyone",
    "someone",
    "nothing",
    "go",
    "good",
    "yes",
    "no",
    "not",
    "if",
    "but",
    "and",
    "or",
    "so",
    "in",
    "on",
    "at",
    "of",
    "for",
    "to",
    "with",
    "by",
    "from",
    "as",
    "after",
    "before",
    "when",
    "while",
    "there",
    "here",
];

/// Narrows a tagged chunk: names do not begin or end with punctuation or, outside lowercase
/// text, with an uncapitalised word; in lowercase text they do not begin or end with a
/// function word. (The tagger learnt from newswire, where such spans do not occur; on other
/// text it sometimes runs a name on into the words around it.)
fn trim_edges(words: &[&str], mut s: usize, mut e: usize, mode: features::Mode) -> (usize, usize) {
    let trimmable = |w: &str| -> bool {
        if !w.chars().any(char::is_alphanumeric) {
            return true;
        }
        let lw = features::lower(w);
        if CAPITALISED_NON_NAMES.contains(&lw.as_str())
            && !w.chars().skip(1).any(char::is_uppercase)
        {
            return true;
        }
        let has_upper_or_digit = w.chars().any(|c| c.is_uppercase() || c.is_numeric());
        if has_upper_or_digit {
            return false;
        }
        mode != features::Mode::Lower || EDGE_STOPWORDS.contains(&features::lower(w).as_str())
    };
    while s < e && trimmable(words[s]) {
        s += 1;
    }
    while e > s && trimmable(words[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// Longest name (in tokens) copied by [`propagate_names`].
const MAX_PROPAGATED: usize = 8;

/// Which tokens of each sentence some mention covers.
fn coverage(sentences: &[Vec<&str>], mentions: &[RawMention]) -> Vec<Vec<bool>> {
    let mut covered: Vec<Vec<bool>> = sentences.iter().map(|w| vec![false; w.len()]).collect();
    for m in mentions {
        if let Some(row) = covered.get_mut(m.sentence) {
            let end = m.tok_end.min(row.len());
            for c in &mut row[m.tok_start.min(end)..end] {
                *c = true;
            }
        }
    }
    covered
}

/// A name of two words or more tagged in one place is a name wherever the same words stand
/// untagged in the document (the tagger reads each sentence alone and misses some, often in
/// headlines); the copy takes the type of the first tagging. Names are looked up by their
/// words (up to [`MAX_PROPAGATED`]), so the pass is linear in the document's length.
fn propagate_names(sentences: &[Vec<&str>], mut mentions: Vec<RawMention>) -> Vec<RawMention> {
    let mut names: features::FnvMap<&[&str], EntityType> = features::FnvMap::default();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut longest = 0;
    for m in &mentions {
        let words = &sentences[m.sentence][m.tok_start..m.tok_end];
        if words.len() < 2
            || words.len() > MAX_PROPAGATED
            || !capitalised(words[0])
            || !capitalised(words[words.len() - 1])
        {
            continue;
        }
        names.entry(words).or_insert(m.etype);
        longest = longest.max(words.len());
    }
    if names.is_empty() {
        return mentions;
    }
    let covered = coverage(sentences, &mentions);
    let mut added = Vec::new();
    for (si, words) in sentences.iter().enumerate() {
        let covered = &covered[si];
        let mut i = 0;
        while i < words.len() {
            let found = (2..=longest.min(words.len() - i)).rev().find_map(|len| {
                let span = &words[i..i + len];
                names
                    .get(span)
                    .filter(|_| !covered[i..i + len].iter().any(|&c| c))
                    .map(|&t| (len, t))
            });
            if let Some((len, etype)) = found {
                added.push(RawMention {
                    sentence: si,
                    tok_start: i,
                    tok_end: i + len,
                    etype,
                });
                i += len;
            } else {
                i += 1;
            }
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.sentence, m.tok_start));
    }
    mentions
}

/// Acronyms of organisations named in full elsewhere in the document (`WHO` after `World
/// Health Organization`), which the tagger may miss because capitals read as shouting, are
/// added as mentions of the same type.
fn add_acronyms(sentences: &[Vec<&str>], mut mentions: Vec<RawMention>) -> Vec<RawMention> {
    let mut acronyms: features::FnvMap<String, EntityType> = features::FnvMap::default();
    for m in &mentions {
        let words = &sentences[m.sentence][m.tok_start..m.tok_end];
        if m.etype == EntityType::Person || words.len() < 2 {
            continue;
        }
        let letters: String = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .collect();
        if letters.chars().count() >= 2 {
            acronyms.entry(letters).or_insert(m.etype);
        }
    }
    if acronyms.is_empty() {
        return mentions;
    }
    let covered = coverage(sentences, &mentions);
    let mut added = Vec::new();
    for (si, words) in sentences.iter().enumerate() {
        for (i, w) in words.iter().enumerate() {
            let Some(&etype) = acronyms.get(*w) else {
                continue;
            };
            if !covered[si][i] {
                added.push(RawMention {
                    sentence: si,
                    tok_start: i,
                    tok_end: i + 1,
                    etype,
                });
            }
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.sentence, m.tok_start));
    }
    mentions
}

/// Gazetteer categories that are names in themselves (not first names, titles or words of
/// organisation names), as a lookup bit mask.
const NAME_CATEGORIES: u8 = (1 << gazetteer::Category::Country as u8)
    | (1 << gazetteer::Category::City as u8)
    | (1 << gazetteer::Category::Region as u8)
    | (1 << gazetteer::Category::Org as u8)
    | (1 << gazetteer::Category::Actor as u8)
    | (1 << gazetteer::Category::Demonym as u8);

/// In a sentence written all in lowercase the tagger has no case signal and over-generates
/// (web text: `lol`, `chorizo`); there a mention is kept only when the document names it in
/// normally cased text too, or the gazetteers know it.
fn filter_lowercase(
    res: &Loaded,
    sentences: &[Vec<&str>],
    modes: &[features::Mode],
    mentions: Vec<RawMention>,
) -> Vec<RawMention> {
    use features::Mode;
    if !modes.contains(&Mode::Lower) {
        return mentions;
    }
    let key = |m: &RawMention| -> String {
        sentences[m.sentence][m.tok_start..m.tok_end]
            .iter()
            .map(|w| features::lower(w))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let known: features::FnvSet<String> = mentions
        .iter()
        .filter(|m| modes[m.sentence] == Mode::Normal)
        .map(key)
        .collect();
    mentions
        .into_iter()
        .filter(|m| {
            if modes[m.sentence] != Mode::Lower {
                return true;
            }
            let k = key(m);
            let refs: Vec<&str> = k.split(' ').collect();
            known.contains(&k) || res.gazetteer.lookup(&refs) & NAME_CATEGORIES != 0
        })
        .collect()
}

/// Longest name looked up in headline projection, in tokens.
const MAX_PROJECTED: usize = 6;

/// A headline (the document's first sentence) in title case carries no case signal, and
/// the tagger (trained on newswire, whose headlines are in capitals, which it handles)
/// guesses there. Their names are taken instead from the rest of the
/// document: a headline's token sequence that was tagged as a name in a normally cased
/// sentence, a word of a person's name found there (`Stoltenberg`), or a gazetteer place,
/// organisation or demonym.
fn project_headlines(
    res: &Loaded,
    sentences: &[Vec<&str>],
    modes: &[features::Mode],
    mentions: Vec<RawMention>,
) -> Vec<RawMention> {
    use features::Mode;
    // without a body there is nothing to echo: the tagger's guesses stand
    let title_headline = sentences
        .first()
        .is_some_and(|w| modes[0] == Mode::Title && features::is_title_case(w));
    if !title_headline || sentences.len() < 2 {
        return mentions;
    }
    let mut phrases: features::FnvMap<String, EntityType> = features::FnvMap::default();
    let mut person_words: features::FnvSet<String> = features::FnvSet::default();
    for m in &mentions {
        if modes[m.sentence] != Mode::Normal {
            continue;
        }
        let words = &sentences[m.sentence][m.tok_start..m.tok_end];
        let key: Vec<String> = words.iter().map(|w| features::lower(w)).collect();
        phrases.entry(key.join(" ")).or_insert(m.etype);
        if m.etype == EntityType::Person {
            for k in key {
                if k.chars().count() > 2 {
                    person_words.insert(k);
                }
            }
        }
    }
    let mut out = Vec::with_capacity(mentions.len());
    let mut by_sentence: Vec<Vec<RawMention>> = vec![Vec::new(); sentences.len()];
    for m in mentions {
        by_sentence[m.sentence].push(m);
    }
    for (si, tagged) in by_sentence.into_iter().enumerate() {
        let mode = modes[si];
        // only the opening line: title-case lines inside a body are tables and lists, where
        // the tagger does better than an echo of the body
        if si > 0 || mode != Mode::Title {
            out.extend(tagged);
            continue;
        }
        let words = &sentences[si];
        let lowers: Vec<String> = words.iter().map(|w| features::lower(w)).collect();
        let mut projected: Vec<RawMention> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut found: Option<(usize, EntityType)> = None;
            for len in (1..=MAX_PROJECTED.min(words.len() - i)).rev() {
                let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
                if !capitalised(words[i]) || !capitalised(words[i + len - 1]) {
                    continue;
                }
                let refs: Vec<&str> = lowers[i..i + len].iter().map(String::as_str).collect();
                let key = refs.join(" ");
                if let Some(&t) = phrases.get(&key) {
                    found = Some((len, t));
                    break;
                }
                let cats = res.gazetteer.lookup(&refs);
                let cat = |c: gazetteer::Category| cats & (1 << c as u8) != 0;
                let ty = if cat(gazetteer::Category::Actor) || cat(gazetteer::Category::Org) {
                    Some(EntityType::Org)
                } else if cat(gazetteer::Category::Country)
                    || cat(gazetteer::Category::City)
                    || cat(gazetteer::Category::Region)
                {
                    Some(EntityType::Loc)
                } else if cat(gazetteer::Category::Demonym) {
                    Some(EntityType::Misc)
                } else if len == 1 && person_words.contains(&key) {
                    Some(EntityType::Person)
                } else {
                    None
                };
                if let Some(t) = ty {
                    found = Some((len, t));
                    break;
                }
            }
            if let Some((len, etype)) = found {
                projected.push(RawMention {
                    sentence: si,
                    tok_start: i,
                    tok_end: i + len,
                    etype,
                });
                i += len;
            } else {
                i += 1;
            }
        }
        drop(tagged);
        out.extend(projected);
    }
    out
}

/// The entity analyser.
#[derive(Debug, Default)]
pub struct EntityAnalyzer;

impl EntityAnalyzer {
    /// Analyses a document (what [`Analyzer::analyze`] returns, typed).
    pub fn run(&self, doc: &Document) -> EntityOutput {
        let res = loaded();
        let text = doc.text();
        let layers = doc.layers();
        let sent_tokens: Vec<&[lede_core::Token]> = layers
            .sentences
            .iter()
            .map(|s| layers.tokens.get(s.tokens()).unwrap_or(&[]))
            .collect();
        let sentences: Vec<Vec<&str>> = sent_tokens
            .iter()
            .map(|toks| toks.iter().map(|t| t.span.slice(text)).collect())
            .collect();
        let breaks = |s: usize, i: usize| -> bool {
            let toks = sent_tokens[s];
            i > 0
                && i < toks.len()
                && text
                    .get(toks[i - 1].span.end..toks[i].span.start)
                    .is_some_and(|gap| gap.contains('\n'))
        };
        let evidence = |s: usize, a: usize, b: usize| -> lede_core::TextSpan {
            let toks = sent_tokens[s];
            let a = a.min(toks.len().saturating_sub(1));
            let b = b.clamp(a + 1, toks.len().max(a + 1));
            match (toks.get(a), toks.get(b - 1)) {
                (Some(x), Some(y)) => {
                    lede_core::Span::new(x.span.start, y.span.end).with_text(text)
                }
                _ => lede_core::Span::new(0, 0).with_text(text),
            }
        };
        // the dateline (`GENEVA (Lede Wire) -`) names a place, then maybe an agency in brackets
        let dateline = doc.metadata.dateline_span();
        // the section line (`Defence Industry`) is a rubric, not a name
        let section = doc.metadata.section.as_deref().and_then(|sec| {
            layers
                .paragraphs
                .iter()
                .take(3)
                .find(|p| !p.is_headline && p.span.slice(text).trim() == sec)
                .map(|p| p.span)
        });
        let mut adjust = |mentions: &mut Vec<RawMention>| {
            if let Some(sec) = section {
                mentions.retain(|m| {
                    sent_tokens[m.sentence]
                        .get(m.tok_start)
                        .is_none_or(|t| !(sec.start <= t.span.start && t.span.start < sec.end))
                });
            }
            let Some(d) = dateline else { return };
            let mut first = true;
            for m in mentions.iter_mut() {
                let toks = sent_tokens[m.sentence];
                let (Some(a), Some(b)) = (toks.get(m.tok_start), toks.get(m.tok_end - 1)) else {
                    continue;
                };
                if a.span.start < d.start || b.span.end > d.end {
                    continue;
                }
                let bracketed = m.tok_start > 0 && sentences[m.sentence][m.tok_start - 1] == "(";
                if bracketed {
                    m.etype = EntityType::Org;
                } else if first {
                    m.etype = EntityType::Loc;
                }
                first = false;
            }
        };
        let wa = analyze_words_with(&res.model, res, &sentences, &breaks, &evidence, &mut adjust);
        let mut entities = wa.linked.entities;
        let mut mentions = Vec::with_capacity(wa.mentions.len());
        for (i, m) in wa.mentions.iter().enumerate() {
            let toks = sent_tokens[m.sentence];
            let (Some(a), Some(b)) = (toks.get(m.tok_start), toks.get(m.tok_end - 1)) else {
                continue;
            };
            mentions.push((
                i,
                Mention {
                    span: lede_core::Span::new(a.span.start, b.span.end).with_text(text),
                    etype: wa.linked.mention_type[i],
                    kind: MentionKind::Name,
                    entity: wa.linked.mention_entity[i],
                },
            ));
        }
        // mentions are produced in text order already; renumber entity mention lists
        let mut index_of = vec![usize::MAX; wa.mentions.len()];
        for (k, (i, _)) in mentions.iter().enumerate() {
            index_of[*i] = k;
        }
        for e in &mut entities {
            e.mentions = e
                .mentions
                .iter()
                .filter_map(|&i| index_of.get(i).copied().filter(|&k| k != usize::MAX))
                .collect();
        }
        EntityOutput {
            mentions: mentions.into_iter().map(|(_, m)| m).collect(),
            entities,
        }
    }
}

impl Analyzer for EntityAnalyzer {
    fn name(&self) -> &'static str {
        NAME
    }

    fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    fn description(&self) -> &'static str {
        "named entities (PER, ORG, LOC, MISC) linked within the article, with roles"
    }

    fn analyze(&self, doc: &Document, _ctx: &Context) -> Result<Output, AnalyzeError> {
        Ok(Arc::new(self.run(doc)))
    }
}
