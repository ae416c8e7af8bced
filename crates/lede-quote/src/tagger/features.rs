//! What the tagger sees of each token, as hashed features (FNV-1a over a template id and
//! values): the word and its neighbours, its shape, the lexicon's verdict on it, quotation-mark
//! state, its place in the paragraph and sentence, the entity layer, the labels the rules gave
//! (their attributions are the tagger's strongest evidence), and the nearest possible cue on
//! each side.
//!
//! Everything is computed once per document, label-independent: the model keeps one weight per
//! label for each feature.

use lede_core::{Layers, Paragraph, Span, Token, TokenKind};
use lede_entity::{EntityOutput, EntityType, MentionKind};

use super::labels::{self, Role};
use super::Linked;
use crate::extract::Raw;
use crate::lexicon::{self, CueForm, CueStrength};
use crate::marks::Marks;
use crate::types::QuoteKind;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

#[inline]
fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// One document as the tagger sees it.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// Byte span of each token.
    pub tokens: Vec<Span>,
    /// The features of token `i` are `feats[offsets[i]..offsets[i + 1]]`.
    pub feats: Vec<u64>,
    pub offsets: Vec<u32>,
    /// Token ranges tagged as one sequence: the paragraphs.
    pub sequences: Vec<(usize, usize)>,
    /// Sentence index of each token (sentences of the shared layers).
    pub sentence: Vec<u32>,
    /// For each token, 1 + the index of the pair of quotation marks around it, or 0.
    pub quote_pair: Vec<u32>,
    /// The label the rules' attributions give each token.
    pub rule: Vec<u8>,
    /// The rules' attributions as token ranges.
    pub rule_attrs: Vec<Linked>,
    /// Hash of each token's lowercase form.
    pub low: Vec<u64>,
    /// Quotation-mark state of each token (outside, opening, closing, inside; +4 when the
    /// quotation runs on into the next paragraph).
    pub quote: Vec<u8>,
    /// Prefix counts (entry `i` counts tokens before `i`): commas, quotation marks, and the
    /// words the lexicon or the rules take for a possible cue.
    pub commas: Vec<u32>,
    pub marks: Vec<u32>,
    pub cands: Vec<u32>,
}

impl Prepared {
    pub fn token_feats(&self, i: usize) -> &[u64] {
        &self.feats[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// The end of the sequence holding token `i` (the token count when none does).
    pub fn sequence_end(&self, i: usize) -> usize {
        let k = self.sequences.partition_point(|&(_, b)| b <= i);
        self.sequences
            .get(k)
            .filter(|&&(a, _)| a <= i)
            .map_or(self.tokens.len(), |&(_, b)| b)
    }

    /// The token range covering byte span `s` (tokens that overlap it).
    pub fn token_range(&self, s: Span) -> (usize, usize) {
        let a = self.tokens.partition_point(|t| t.end <= s.start);
        let b = self.tokens.partition_point(|t| t.start < s.end);
        (a, b.max(a))
    }
}

/// Per-token facts the features combine.
struct Tok<'a> {
    low: &'a str,
    /// Word clusters (`lede_words`) at the four granularities, `u16::MAX` when unknown.
    cl: [u16; 4],
    shape: u8,
    lex: u8,
    quote: u8,
    ent: u8,
    rule: u8,
    cand: bool,
}

const PAD: Tok<'static> = Tok {
    low: "<pad>",
    cl: [u16::MAX - 1; 4],
    shape: b'_',
    lex: 0,
    quote: 0,
    ent: 0,
    rule: 0,
    cand: false,
};

fn shape(text: &str, t: &Token) -> u8 {
    let w = t.span.slice(text);
    match t.kind {
        TokenKind::Number => b'd',
        TokenKind::Quote => b'q',
        TokenKind::Punct => b'p',
        TokenKind::Word => {
            let upper = w.chars().next().is_some_and(char::is_uppercase);
            let any_lower = w.chars().any(char::is_lowercase);
            match (upper, any_lower) {
                (true, true) => b'C',
                (true, false) => b'A',
                _ => b'l',
            }
        }
    }
}

/// The lexicon's code for a lowercase word: cue class, learned-table rate, auxiliaries,
/// pronouns, function words.
fn lexicon_code(low: &str, next: &str, next2: &str) -> u8 {
    let mut code = match lexicon::cue(low) {
        Some((CueStrength::Speech, CueForm::Finite)) => 1,
        Some((CueStrength::Speech, CueForm::Gerund)) => 2,
        Some((CueStrength::Weak, _)) => 3,
        None => 0,
    };
    if code == 0 {
        let words = [low, next, next2];
        if let Some((_, rate)) = lexicon::learned(&words) {
            code = match rate {
                0..=199 => 4,
                200..=399 => 5,
                400..=699 => 6,
                _ => 7,
            };
        }
    }
    if code == 0 {
        code = if lexicon::cue_prefix(low) {
            8
        } else if lexicon::pronoun_kind(low).is_some() {
            9
        } else if lexicon::time_word(low) {
            10
        } else if lexicon::np_stop(low) {
            11
        } else {
            0
        };
    }
    code
}

fn entity_code(t: EntityType, k: MentionKind, begin: bool) -> u8 {
    let t = match t {
        EntityType::Person => 1,
        EntityType::Org => 2,
        EntityType::Loc => 3,
        EntityType::Misc => 4,
    };
    let k = u8::from(k == MentionKind::Nominal);
    t * 4 + k * 2 + u8::from(begin)
}

fn bucket(d: usize) -> u8 {
    match d {
        0..=3 => d as u8,
        4..=5 => 4,
        6..=8 => 5,
        9..=15 => 6,
        16..=30 => 7,
        _ => 8,
    }
}

/// The rules' attributions as token ranges and as labels over the tokens (contents of direct
/// quotations with their marks, as `PolNeAR` marks them; terms and partial quotations left
/// out).
fn rule_labels(prep: &Prepared, raws: &[Raw], marks: &Marks) -> (Vec<u8>, Vec<Linked>) {
    let mut spans: Vec<(Role, Vec<(usize, usize)>)> = Vec::new();
    let mut attrs = Vec::new();
    for r in raws {
        if matches!(r.kind, QuoteKind::Term | QuoteKind::Partial) {
            continue;
        }
        let parts: Vec<(usize, usize)> = if r.pairs.is_empty() {
            r.parts.iter().map(|&p| prep.token_range(p)).collect()
        } else {
            r.pairs
                .iter()
                .filter_map(|&p| marks.pairs.get(p))
                .map(|p| prep.token_range(p.outer()))
                .collect()
        };
        let cue = r.cue.map(|c| prep.token_range(c));
        let source = r.source.map(|s| prep.token_range(s));
        if let Some(c) = cue {
            spans.push((Role::Cue, vec![c]));
            attrs.push(Linked {
                cue: c,
                source,
                content: parts.clone(),
            });
        }
        if let Some(s) = source {
            spans.push((Role::Source, vec![s]));
        }
        spans.push((Role::Content, parts));
    }
    (labels::encode(prep.tokens.len(), &spans), attrs)
}

/// Prepares a document: `paragraphs` are the quote analyser's paragraphs, `raws` the rules'
/// quotations.
pub(crate) fn prepare(
    text: &str,
    layers: &Layers,
    paragraphs: &[Paragraph],
    marks: &Marks,
    raws: &[Raw],
    entities: &EntityOutput,
) -> Prepared {
    let toks = &layers.tokens;
    let n = toks.len();
    let mut prep = Prepared {
        tokens: toks.iter().map(|t| t.span).collect(),
        ..Prepared::default()
    };
    prep.sentence = vec![0; n];
    for (si, s) in layers.sentences.iter().enumerate() {
        for k in s.first_token..s.end_token.min(n) {
            prep.sentence[k] = si as u32;
        }
    }
    for p in paragraphs {
        if p.first_sentence >= p.end_sentence {
            continue;
        }
        let a = layers.sentences[p.first_sentence].first_token;
        let b = layers.sentences[p.end_sentence - 1].end_token;
        if a < b {
            prep.sequences.push((a, b.min(n)));
        }
    }
    let low_text = text.to_ascii_lowercase();
    prep.quote_pair = crate::marks::token_pairs(toks, &marks.pairs);
    let qp = &prep.quote_pair;
    (prep.rule, prep.rule_attrs) = rule_labels(&prep, raws, marks);
    let rule = &prep.rule;
    let mut ent = vec![0u8; n];
    for m in &entities.mentions {
        let (a, b) = prep.token_range(m.span.span());
        for (k, e) in ent.iter_mut().enumerate().take(b).skip(a) {
            *e = entity_code(m.etype, m.kind, k == a);
        }
    }
    let lows: Vec<&str> = toks.iter().map(|t| t.span.slice(&low_text)).collect();
    let info: Vec<Tok> = (0..n)
        .map(|i| {
            let low = lows[i];
            let lex = if toks[i].kind == TokenKind::Word {
                lexicon_code(
                    low,
                    lows.get(i + 1).copied().unwrap_or(""),
                    lows.get(i + 2).copied().unwrap_or(""),
                )
            } else {
                0
            };
            let quote = match qp[i] {
                0 => 0,
                q => {
                    let pair = &marks.pairs[q as usize - 1];
                    let t = toks[i].span;
                    let runs_on = u8::from(pair.close.is_none()) * 4;
                    runs_on
                        + if t.start == pair.open.start {
                            1
                        } else if pair.close.is_some_and(|c| c.end == t.end) {
                            2
                        } else {
                            3
                        }
                }
            };
            let colon = toks[i].kind == TokenKind::Punct && low == ":";
            let cl = if toks[i].kind == TokenKind::Word {
                let info = if low.is_ascii() {
                    lede_words::lookup_lower(low)
                } else {
                    lede_words::lookup(toks[i].span.slice(text))
                };
                info.map_or([u16::MAX; 4], |w| w.clusters)
            } else {
                [u16::MAX; 4]
            };
            Tok {
                low,
                cl,
                shape: shape(text, &toks[i]),
                lex,
                quote,
                ent: ent[i],
                rule: rule[i],
                cand: rule[i] == labels::CUE_B
                    || (matches!(lex, 1..=3 | 5..=7) && qp[i] == 0)
                    || colon,
            }
        })
        .collect();
    prep.low = info.iter().map(|t| hash(1, t.low.as_bytes())).collect();
    prep.quote = info.iter().map(|t| t.quote).collect();
    let prefix = |f: &dyn Fn(usize) -> bool| -> Vec<u32> {
        let mut v = Vec::with_capacity(n + 1);
        let mut c = 0u32;
        v.push(0);
        for i in 0..n {
            c += u32::from(f(i));
            v.push(c);
        }
        v
    };
    prep.commas = prefix(&|i| info[i].low == ",");
    prep.marks = prefix(&|i| toks[i].kind == TokenKind::Quote);
    prep.cands = prefix(&|i| info[i].cand);
    prep.offsets.push(0);
    let mut next_seq = 0;
    for (si, &(a, b)) in prep.sequences.clone().iter().enumerate() {
        // tokens outside every paragraph get no features
        while next_seq < a {
            prep.offsets.push(prep.feats.len() as u32);
            next_seq += 1;
        }
        let mut left_cand: Vec<Option<usize>> = vec![None; b - a];
        let mut last = None;
        for i in a..b {
            left_cand[i - a] = last;
            if info[i].cand {
                last = Some(i);
            }
        }
        let mut right_cand: Vec<Option<usize>> = vec![None; b - a];
        let mut next = None;
        for i in (a..b).rev() {
            right_cand[i - a] = next;
            if info[i].cand {
                next = Some(i);
            }
        }
        let headline = paragraphs.iter().any(|p| {
            p.is_headline && p.first_sentence < p.end_sentence && {
                let s = layers.sentences[p.first_sentence].first_token;
                s == a
            }
        });
        for i in a..b {
            let at = |k: isize| -> &Tok {
                let j = i as isize + k;
                if j < a as isize || j >= b as isize {
                    &PAD
                } else {
                    &info[j as usize]
                }
            };
            let t = &info[i];
            let mut f = Feats {
                out: &mut prep.feats,
            };
            f.push(0, b"");
            f.push(1, t.low.as_bytes());
            f.push(2, at(-1).low.as_bytes());
            f.push(3, at(1).low.as_bytes());
            f.push(4, at(-2).low.as_bytes());
            f.push(5, at(2).low.as_bytes());
            f.push2(6, at(-1).low.as_bytes(), t.low.as_bytes());
            f.push2(7, t.low.as_bytes(), at(1).low.as_bytes());
            f.push(8, &[t.shape]);
            f.push(9, &[at(-1).shape, t.shape, at(1).shape]);
            if t.low.len() > 4 {
                let s = t.low.as_bytes();
                f.push(10, &s[s.len() - 3..]);
            }
            f.push(11, &[t.lex]);
            f.push(12, &[at(-1).lex, t.lex, at(1).lex]);
            f.push(13, &[t.quote]);
            f.push(14, &[at(-1).quote, t.quote, at(1).quote]);
            f.push(15, &[t.ent]);
            f.push(16, &[at(-1).ent, t.ent, at(1).ent]);
            f.push(17, &[t.rule]);
            f.push(18, &[at(-1).rule, t.rule, at(1).rule]);
            f.push2(19, &[t.rule], t.low.as_bytes());
            f.push(20, &[t.rule, t.quote]);
            // place in the paragraph and the sentence
            f.push(21, &[bucket(i - a), u8::from(headline), bucket(si.min(3))]);
            let sent = prep.sentence[i];
            let first_in_sentence = i == a || prep.sentence[i - 1] != sent;
            let last_in_sentence = i + 1 == b || prep.sentence[i + 1] != sent;
            f.push(
                22,
                &[u8::from(first_in_sentence), u8::from(last_in_sentence)],
            );
            // the nearest possible cue on each side
            let side = |c: Option<usize>| -> (u8, u8, &str) {
                match c {
                    None => (9, 0, "<none>"),
                    Some(c) => (
                        bucket(c.abs_diff(i)),
                        u8::from(prep.sentence[c] != sent),
                        info[c].low,
                    ),
                }
            };
            let (dl, sl, wl) = side(left_cand[i - a]);
            let (dr, sr, wr) = side(right_cand[i - a]);
            f.push(23, &[dl, sl]);
            f.push(24, &[dr, sr]);
            f.push2(25, &[sl], wl.as_bytes());
            f.push2(26, &[sr], wr.as_bytes());
            f.push(27, &[dl, sl, dr, sr, t.quote.min(4)]);
            f.push(28, &[dl.min(5), sl, t.rule]);
            f.push(29, &[dr.min(5), sr, t.rule]);
            // the sentence around: how far its ends are, what ends it
            let s = &layers.sentences[sent as usize];
            let to_end = bucket(s.end_token.saturating_sub(i + 1));
            let from_start = bucket(i.saturating_sub(s.first_token));
            f.push(30, &[to_end, from_start]);
            f.push(31, &[to_end, at(1).shape, t.quote.min(4)]);
            f.push(32, &[to_end, t.rule]);
            f.push(33, &[from_start, t.rule]);
            f.push2(34, &[dl, sl], wl.as_bytes());
            // word clusters: of the word, of its neighbours, of the nearest possible cues
            let cb = |c: u16| c.to_le_bytes();
            f.push(35, &cb(t.cl[1]));
            f.push(36, &cb(t.cl[3]));
            f.push2(37, &cb(at(-1).cl[0]), &cb(at(1).cl[0]));
            f.push2(38, &cb(t.cl[2]), &[t.rule]);
            let cand_cl = |c: Option<usize>| c.map_or(u16::MAX - 2, |c| info[c].cl[2]);
            f.push2(39, &[dl.min(5), sl], &cb(cand_cl(left_cand[i - a])));
            f.push2(40, &[dr.min(5), sr], &cb(cand_cl(right_cand[i - a])));
            f.push2(41, &cb(at(-1).cl[1]), &cb(t.cl[1]));
            prep.offsets.push(prep.feats.len() as u32);
            next_seq = i + 1;
        }
    }
    while prep.offsets.len() < n + 1 {
        prep.offsets.push(prep.feats.len() as u32);
    }
    prep
}

/// The hash of a template and a value.
#[inline]
pub(crate) fn hash(template: u8, value: &[u8]) -> u64 {
    mix(mix(FNV_OFFSET, &[template]), value)
}

struct Feats<'a> {
    out: &'a mut Vec<u64>,
}

impl Feats<'_> {
    fn push(&mut self, template: u8, value: &[u8]) {
        self.out.push(mix(mix(FNV_OFFSET, &[template]), value));
    }

    fn push2(&mut self, template: u8, a: &[u8], b: &[u8]) {
        self.out
            .push(mix(mix(mix(mix(FNV_OFFSET, &[template]), a), &[0xff]), b));
    }
}
