//! What the FNC-1 models read: headlines and bodies reduced to words, stems and sentences,
//! hashed IDF, similarity measures, and the sparse features of both stages.

use std::collections::{BTreeMap, BTreeSet};

use crate::lexicon::Lexicon;
use crate::words::{fnv1a, is_stopword, lower_words, stem};

/// A headline or body reduced to what the features need.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Lowercase words.
    pub words: Vec<String>,
    /// Stems of the content words (no stop words), in order.
    pub content: Vec<String>,
    /// Sentences as ranges into `words`.
    pub sentences: Vec<(usize, usize)>,
    /// The byte range of each sentence in the text.
    pub sentence_bytes: Vec<(usize, usize)>,
    /// The text ends with a question mark.
    pub question: bool,
}

impl Prepared {
    pub fn new(text: &str) -> Self {
        let mut words = Vec::new();
        let mut sentences = Vec::new();
        let mut sentence_bytes = Vec::new();
        let mut at = 0;
        for sent in split_sentences(text) {
            let start = words.len();
            words.extend(lower_words(sent));
            if words.len() > start {
                sentences.push((start, words.len()));
                // trimmed of the spaces and line breaks around it
                let lead = sent.len() - sent.trim_start().len();
                sentence_bytes.push((at + lead, at + sent.trim_end().len()));
            }
            at += sent.len();
        }
        let content = words
            .iter()
            .filter(|w| !is_stopword(w) && w.chars().any(char::is_alphabetic))
            .map(|w| stem(w).to_owned())
            .collect();
        Self {
            words,
            content,
            sentences,
            sentence_bytes,
            question: text.trim_end().ends_with('?'),
        }
    }
}

/// Crude sentence split for the model's features: after `.`, `!`, `?` or a line break.
fn split_sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let end_here = matches!(b, b'\n')
            || (matches!(b, b'.' | b'!' | b'?')
                && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace));
        if end_here {
            out.push(&text[start..=i]);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out.into_iter()
}

/// Hashed inverse document frequencies of stems.
#[derive(Debug, Clone)]
pub struct Idf {
    pub(super) bits: u32,
    /// Quantised idf (value / 16).
    pub(super) table: Vec<u8>,
}

impl Idf {
    const BITS: u32 = 17;

    fn bucket(&self, stem: &str) -> usize {
        (fnv1a(&[b"idf", stem.as_bytes()]) & ((1u64 << self.bits) - 1)) as usize
    }

    pub fn get(&self, stem: &str) -> f32 {
        f32::from(self.table[self.bucket(stem)]) / 16.0
    }

    /// Computes idf = ln((n + 1) / (df + 1)) + 1 over the given documents.
    pub fn fit<'a>(docs: impl Iterator<Item = &'a Prepared>) -> Self {
        let mut idf = Idf {
            bits: Self::BITS,
            table: vec![0; 1 << Self::BITS],
        };
        let mut df = vec![0u32; 1 << Self::BITS];
        let mut n = 0u32;
        for d in docs {
            n += 1;
            let uniq: BTreeSet<&str> = d.content.iter().map(String::as_str).collect();
            for s in uniq {
                df[idf.bucket(s)] += 1;
            }
        }
        for (t, &c) in idf.table.iter_mut().zip(&df) {
            let v = ((f64::from(n) + 1.0) / (f64::from(c) + 1.0)).ln() + 1.0;
            *t = (v * 16.0).round().clamp(0.0, 255.0) as u8;
        }
        idf
    }
}

/// A sparse feature vector: (hashed index, value).
pub use crate::linear::Features;
use crate::linear::Fx;

const REFUTE: &[&str] = &[
    "fake",
    "fraud",
    "hoax",
    "false",
    "deny",
    "denies",
    "denied",
    "not",
    "despite",
    "nope",
    "doubt",
    "doubts",
    "bogus",
    "debunk",
    "debunked",
    "debunks",
    "prank",
    "pranks",
    "retract",
    "retracted",
    "untrue",
    "rumor",
    "rumour",
    "myth",
    "satire",
    "satirical",
    "no",
    "never",
    "refute",
    "refuted",
    "refutes",
    "dismiss",
    "dismissed",
    "dismisses",
    "wrong",
    "incorrect",
    "misleading",
    "fabricated",
    "isn't",
    "wasn't",
    "didn't",
    "doesn't",
];

const HEDGE: &[&str] = &[
    "reportedly",
    "allegedly",
    "alleged",
    "claim",
    "claims",
    "claimed",
    "rumored",
    "rumoured",
    "unconfirmed",
    "according",
    "apparently",
    "may",
    "might",
    "could",
    "suggest",
    "suggests",
    "possibly",
    "purportedly",
    "unverified",
    "believed",
    "report",
    "reports",
    "reported",
    "appears",
    "seems",
    "if",
    "whether",
    "speculation",
];

const SIM_BINS: &[f32] = &[
    0.02, 0.04, 0.06, 0.08, 0.1, 0.13, 0.16, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8,
];
const FRAC_BINS: &[f32] = &[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
const COUNT_BINS: &[f32] = &[1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0];

/// Similarity measures between a headline and a body.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Sim {
    cosine: f32,
    overlap: f32,
    lead_overlap: f32,
    best_sentence: f32,
    bigrams: f32,
}

fn tfidf(p: &[String], idf: &Idf) -> (BTreeMap<String, f32>, f32) {
    let mut tf: BTreeMap<String, f32> = BTreeMap::new();
    for s in p {
        *tf.entry(s.clone()).or_default() += 1.0;
    }
    let mut norm = 0.0f32;
    for (s, v) in &mut tf {
        *v = (1.0 + v.ln()) * idf.get(s);
        norm += *v * *v;
    }
    (tf, norm.sqrt())
}

/// A body prepared once for all the headlines paired with it.
#[derive(Debug, Clone)]
pub struct PreparedBody {
    pub text: Prepared,
    vec: BTreeMap<String, f32>,
    norm: f32,
    stems: BTreeSet<String>,
    lead: BTreeSet<String>,
    bigrams: BTreeSet<(String, String)>,
    /// Content stems of each sentence.
    sentence_stems: Vec<BTreeSet<String>>,
}

impl PreparedBody {
    pub fn new(text: &str, idf: &Idf) -> Self {
        let text = Prepared::new(text);
        let (vec, norm) = tfidf(&text.content, idf);
        let stems: BTreeSet<String> = text.content.iter().cloned().collect();
        let lead = text.content.iter().take(60).cloned().collect();
        let bigrams = text
            .content
            .windows(2)
            .map(|w| (w[0].clone(), w[1].clone()))
            .collect();
        let sentence_stems = text
            .sentences
            .iter()
            .map(|&(a, b)| {
                text.words[a..b]
                    .iter()
                    .filter(|w| !is_stopword(w))
                    .map(|w| stem(w).to_owned())
                    .collect()
            })
            .collect();
        Self {
            text,
            vec,
            norm,
            stems,
            lead,
            bigrams,
            sentence_stems,
        }
    }
}

pub(super) fn similarity(h: &Prepared, b: &PreparedBody, idf: &Idf) -> (Sim, Vec<usize>) {
    let (hv, hn) = tfidf(&h.content, idf);
    let dot: f32 = hv
        .iter()
        .map(|(s, v)| v * b.vec.get(s).copied().unwrap_or(0.0))
        .sum();
    let cosine = if hn > 0.0 && b.norm > 0.0 {
        dot / (hn * b.norm)
    } else {
        0.0
    };
    let hs: BTreeSet<&str> = h.content.iter().map(String::as_str).collect();
    let n = hs.len().max(1) as f32;
    let overlap = hs.iter().filter(|s| b.stems.contains(**s)).count() as f32 / n;
    let lead_overlap = hs.iter().filter(|s| b.lead.contains(**s)).count() as f32 / n;
    let mut scored: Vec<(usize, usize)> = b
        .sentence_stems
        .iter()
        .enumerate()
        .map(|(i, ss)| (hs.iter().filter(|s| ss.contains(**s)).count(), i))
        .collect();
    // most overlapping first; earlier sentences first among ties
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let best_sentence = scored.first().map_or(0.0, |s| s.0 as f32 / n);
    let top = scored
        .iter()
        .take(3)
        .filter(|s| s.0 > 0)
        .map(|s| s.1)
        .collect();
    let bigrams = h
        .content
        .windows(2)
        .filter(|w| b.bigrams.contains(&(w[0].clone(), w[1].clone())))
        .count() as f32;
    (
        Sim {
            cosine,
            overlap,
            lead_overlap,
            best_sentence,
            bigrams,
        },
        top,
    )
}

fn sim_features(fx: &mut Fx, sim: &Sim, hlen: usize) {
    fx.flag("bias");
    fx.bins("cos", sim.cosine, SIM_BINS);
    fx.add(&[b"cosv".as_slice()], sim.cosine);
    fx.bins("ovl", sim.overlap, FRAC_BINS);
    fx.bins("lead", sim.lead_overlap, FRAC_BINS);
    fx.bins("best", sim.best_sentence, FRAC_BINS);
    fx.bins("bigr", sim.bigrams, COUNT_BINS);
    fx.bins("hlen", hlen as f32, COUNT_BINS);
    // overlap means more for long headlines: cross the two coarse bins
    let ob = (sim.overlap * 5.0).floor() as u8;
    let hb = (hlen.min(12) / 3) as u8;
    fx.add(&[b"ovl*hlen".as_slice(), &[ob, hb]], 1.0);
    let cb = (sim.cosine * 10.0).floor().min(9.0) as u8;
    fx.add(&[b"cos*ovl".as_slice(), &[cb, ob]], 1.0);
}

fn count_in(words: &[String], list: &[&str]) -> usize {
    words.iter().filter(|w| list.contains(&w.as_str())).count()
}

/// Features of the related/unrelated model.
pub(super) fn related_features(sim: &Sim, hlen: usize, bits: u32) -> Features {
    let mut out = Vec::new();
    let mut fx = Fx {
        bits,
        out: &mut out,
    };
    sim_features(&mut fx, sim, hlen);
    out
}

/// Negators: what turns a claim around (refuting words are in `REFUTE`).
const NEGATION: &[&str] = &[
    "not", "no", "never", "nothing", "none", "neither", "nor", "nobody", "isn't", "wasn't",
    "aren't", "weren't", "didn't", "doesn't", "don't", "won't", "can't", "cannot", "couldn't",
    "hasn't", "haven't", "hadn't",
];

fn has_any(words: &[String], list: &[&str]) -> bool {
    words.iter().any(|w| list.contains(&w.as_str()))
}

/// Features of the agree/disagree/discuss model. `keep` says which stems may be lexical
/// features (training keeps the words of many claims, so that the model learns how bodies
/// take positions rather than which claims are true).
// h: headline, b: body, as in the training code
#[allow(clippy::many_single_char_names)]
pub(super) fn stance_features(
    h: &Prepared,
    b: &PreparedBody,
    sim: &Sim,
    top: &[usize],
    lex: &Lexicon,
    bits: u32,
    keep: &dyn Fn(&str) -> bool,
) -> Features {
    let mut out = Vec::new();
    let mut fx = Fx {
        bits,
        out: &mut out,
    };
    sim_features(&mut fx, sim, h.content.len());
    for w in &h.words {
        let st = stem(w);
        if keep(st) {
            fx.word("h:", st);
        }
    }
    for w in h.words.windows(2) {
        if keep(stem(&w[0])) && keep(stem(&w[1])) {
            fx.add(&[b"hb:".as_slice(), w[0].as_bytes(), w[1].as_bytes()], 1.0);
        }
    }
    if h.words.is_empty() {
        fx.flag("h:empty");
    }
    let mut top_words: Vec<String> = Vec::new();
    for &si in top {
        let (a, e) = b.text.sentences[si];
        top_words.extend(b.text.words[a..e].iter().cloned());
    }
    let uniq: BTreeSet<&str> = top_words.iter().map(String::as_str).collect();
    for w in &uniq {
        let st = stem(w);
        if keep(st) {
            fx.word("s:", st);
        }
    }
    let body_uniq: BTreeSet<&str> = b.text.words.iter().map(String::as_str).collect();
    for w in &body_uniq {
        let st = stem(w);
        if keep(st) {
            fx.add(&[b"b:".as_slice(), st.as_bytes()], 0.5);
        }
    }
    for (name, words) in [("h", &h.words), ("s", &top_words), ("b", &b.text.words)] {
        let r = count_in(words, REFUTE);
        let hd = count_in(words, HEDGE);
        fx.bins(&format!("refute:{name}"), r as f32, COUNT_BINS);
        fx.bins(&format!("hedge:{name}"), hd as f32, COUNT_BINS);
        let n = words.len().max(1) as f32;
        fx.bins(
            &format!("refute%:{name}"),
            r as f32 / n * 100.0,
            &[0.5, 1.0, 2.0, 4.0],
        );
        fx.bins(
            &format!("hedge%:{name}"),
            hd as f32 / n * 100.0,
            &[0.5, 1.0, 2.0, 4.0],
        );
    }
    for w in &h.words {
        if REFUTE.contains(&w.as_str()) {
            fx.word("hr:", w);
        }
    }
    for w in &uniq {
        if REFUTE.contains(w) || HEDGE.contains(w) {
            fx.word("sr:", w);
        }
    }
    let hp = lex.valence_sum(&h.words);
    let sp = lex.valence_sum(&top_words);
    let sign = |v: f32| -> u8 { u8::from(v >= -0.5) + u8::from(v > 0.5) };
    fx.add(&[b"pol".as_slice(), &[sign(hp), sign(sp)]], 1.0);
    if h.question {
        fx.flag("hq");
    }
    {
        // negation and refutation on one side and not the other
        let neg_h = u8::from(has_any(&h.words, NEGATION)) + 2 * u8::from(has_any(&h.words, REFUTE));
        let neg_s =
            u8::from(has_any(&top_words, NEGATION)) + 2 * u8::from(has_any(&top_words, REFUTE));
        fx.add(&[b"negx".as_slice(), &[neg_h, neg_s]], 1.0);
        let hed_h = u8::from(has_any(&h.words, HEDGE) || h.question);
        fx.add(&[b"hedx".as_slice(), &[hed_h, neg_s]], 1.0);
        // refuting words in every sentence that shares half the headline's content
        let hs: BTreeSet<&str> = h.content.iter().map(String::as_str).collect();
        let need = (hs.len() as f32 * 0.5).ceil().max(2.0) as usize;
        let mut refute_close = 0usize;
        let mut hedge_close = 0usize;
        let mut close = 0usize;
        for (si, ss) in b.sentence_stems.iter().enumerate() {
            let n = hs.iter().filter(|s| ss.contains(**s)).count();
            if n >= need.min(hs.len().max(1)) {
                close += 1;
                let (x, y) = b.text.sentences[si];
                let ws = &b.text.words[x..y];
                refute_close += count_in(ws, REFUTE) + count_in(ws, NEGATION);
                hedge_close += count_in(ws, HEDGE);
            }
        }
        fx.bins("close", close as f32, COUNT_BINS);
        fx.bins("refute:close", refute_close as f32, COUNT_BINS);
        fx.bins("hedge:close", hedge_close as f32, COUNT_BINS);
        if close > 0 {
            fx.bins(
                "refute/close",
                refute_close as f32 / close as f32,
                &[0.2, 0.5, 1.0, 2.0],
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_on_final_punctuation() {
        let s: Vec<&str> = split_sentences("A b. C d! 3.5 e\nf").collect();
        assert_eq!(s, ["A b.", " C d!", " 3.5 e\n", "f"]);
    }
}
