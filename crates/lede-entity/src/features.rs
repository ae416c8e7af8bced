//! Feature extraction for the sequence tagger. Features are hashed to `u64` (FNV-1a with a
//! template id), so the model is a map from hash to one weight per label.
//!
//! Everything the tagger knows about a token is computed once per document in [`Prepared`]:
//! the lowercase form, the word shape, gazetteer matches and document-level casing, so that the
//! greedy decoder only combines them with the previous labels.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::gazetteer::Gazetteer;

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

/// FNV-1a as a `Hasher` for the string-keyed maps of the tagger: keys are short words, for
/// which it is several times faster than the default SipHash (no untrusted-key DoS concern:
/// the maps are built from our own data or one document).
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(FNV_OFFSET)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = mix(self.0, bytes);
    }
}

/// A `HashMap` with the FNV hasher.
pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A `HashSet` with the FNV hasher.
pub type FnvSet<K> = std::collections::HashSet<K, BuildHasherDefault<Fnv>>;

/// Hash of a template and one string.
#[inline]
pub fn h1(t: u8, a: &str) -> u64 {
    mix(mix(FNV_OFFSET, &[t]), a.as_bytes())
}

/// Hash of a template and two strings.
#[inline]
pub fn h2(t: u8, a: &str, b: &str) -> u64 {
    mix(
        mix(mix(mix(FNV_OFFSET, &[t]), a.as_bytes()), &[0xff]),
        b.as_bytes(),
    )
}

/// Hash of a template, a string and a small number.
#[inline]
pub fn hsn(t: u8, a: &str, n: u64) -> u64 {
    mix(mix(mix(FNV_OFFSET, &[t]), a.as_bytes()), &n.to_le_bytes())
}

/// Hash of a template and three strings.
#[inline]
pub fn h3(template: u8, first: &str, second: &str, third: &str) -> u64 {
    let h = mix(mix(mix(FNV_OFFSET, &[template]), first.as_bytes()), &[0xff]);
    mix(mix(mix(h, second.as_bytes()), &[0xff]), third.as_bytes())
}

/// Hash of a template and a small number.
#[inline]
pub fn hn(t: u8, n: u64) -> u64 {
    mix(mix(FNV_OFFSET, &[t]), &n.to_le_bytes())
}

/// Casing of the sentence the token stands in: all-caps and title-case headlines make
/// capitalisation meaningless, lowercase text makes it absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal = 0,
    AllCaps = 1,
    Title = 2,
    Lower = 3,
}

/// A token prepared for feature extraction.
#[derive(Debug, Clone)]
pub struct Tok {
    pub form: String,
    pub lower: String,
    pub shape: String,
    /// Gazetteer matches: bit `cat * 4 + pos` (pos: B, I, L, U).
    pub gaz: u32,
    pub cap: bool,
    /// Word-level feature hashes that never change with context.
    pub static_feats: Vec<u64>,
    /// Cluster id of the lowercase form (0 = unknown).
    pub cluster: u32,
    /// Personal-name hints (bit 0 first name, bit 1 surname).
    pub name: u8,
}

/// Word shape, compressed: `Stoltenberg` -> `Xx`, `NATO` -> `X`, `2008` -> `d`, `U.S.` -> `X.X.`.
pub fn shape(w: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k != last {
            out.push(k);
            last = k;
        }
        if out.len() > 8 {
            break;
        }
    }
    out
}

/// Lowercase form, with typographic apostrophes folded so `’s` and `'s` share features.
pub fn lower(w: &str) -> String {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return w.to_owned();
    }
    w.chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_wordlike(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_alphabetic)
}

/// Whether a line is in headline title case: every word longer than three letters
/// capitalised (short function words like `in`, `of`, `the` may not be), at least two of them.
pub fn is_title_case(words: &[&str]) -> bool {
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| is_wordlike(w) && w.chars().count() > 3)
        .collect();
    long.len() >= 2
        && long
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !long.iter().all(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        })
}

/// The casing mode of a sentence.
pub fn sentence_mode(words: &[&str]) -> Mode {
    let mut letters = 0usize;
    let mut upper_words = 0usize;
    let mut cap_words = 0usize;
    let mut lower_words = 0usize;
    let mut long_words = 0usize;
    for w in words.iter().filter(|w| is_wordlike(w)) {
        letters += 1;
        if w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        {
            upper_words += 1;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            cap_words += 1;
        } else {
            lower_words += 1;
        }
        if w.chars().count() > 3 {
            long_words += 1;
        }
    }
    if letters == 0 {
        return Mode::Normal;
    }
    if letters >= 2 && upper_words * 10 >= letters * 8 {
        Mode::AllCaps
    } else if cap_words == 0 && letters >= 3 {
        Mode::Lower
    } else if letters >= 3 && long_words >= 2 && cap_words * 10 >= letters * 7 {
        Mode::Title
    } else {
        let _ = lower_words;
        Mode::Normal
    }
}

/// Template ids (one byte each). Changing them invalidates trained models.
mod t {
    pub const BIAS: u8 = 0;
    pub const FORM: u8 = 1;
    pub const LOWER: u8 = 2;
    pub const PREFIX: u8 = 3;
    pub const SUFFIX: u8 = 4;
    pub const SHAPE: u8 = 5;
    pub const HYPHEN_HEAD: u8 = 6;
    pub const GAZ: u8 = 7;
    pub const CLUSTER: u8 = 8;
    pub const LEN: u8 = 9;
    pub const L_M1: u8 = 20;
    pub const L_P1: u8 = 21;
    pub const L_M2: u8 = 22;
    pub const L_P2: u8 = 23;
    pub const S_M1: u8 = 24;
    pub const S_P1: u8 = 25;
    pub const S_TRI: u8 = 26;
    pub const BI_M1: u8 = 27;
    pub const BI_P1: u8 = 28;
    pub const GAZ_M1: u8 = 29;
    pub const GAZ_P1: u8 = 30;
    pub const FIRST_SHAPE: u8 = 31;
    pub const MODE_SHAPE: u8 = 32;
    pub const MODE_LOWER: u8 = 33;
    pub const DOCCASE: u8 = 34;
    pub const DOCCASE_SHAPE: u8 = 35;
    pub const CL_M1: u8 = 36;
    pub const CL_P1: u8 = 37;
    pub const DOCCASE_MODE: u8 = 38;
    pub const F_M1: u8 = 39;
    pub const F_P1: u8 = 40;
    pub const SH_LM1: u8 = 41;
    pub const SH_LP1: u8 = 42;
    pub const CL_M2: u8 = 43;
    pub const CL_P2: u8 = 44;
    pub const CL_SHAPE: u8 = 45;
    pub const P1: u8 = 50;
    pub const P12: u8 = 51;
    pub const P1_LOWER: u8 = 52;
    pub const P1_SHAPE: u8 = 53;
    pub const HIST: u8 = 54;
    pub const HIST_SHAPE: u8 = 55;
    pub const HIST_MODE: u8 = 56;
    pub const NAME: u8 = 60;
    pub const NAME_M1: u8 = 61;
    pub const NAME_P1: u8 = 62;
}

/// The word-level features of one token (independent of context).
fn word_feats(w: &str, lower: &str, shape: &str, gaz: u32, cluster: u32, out: &mut Vec<u64>) {
    out.push(hn(t::BIAS, 0));
    out.push(h1(t::FORM, w));
    out.push(h1(t::LOWER, lower));
    out.push(h1(t::SHAPE, shape));
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    let n = chars.len();
    out.push(hn(t::LEN, n.min(12) as u64));
    if n > 1 {
        for k in 1..=4.min(n - 1) {
            let end = chars.get(k).map_or(lower.len(), |c| c.0);
            out.push(h1(t::PREFIX, &lower[..end]));
            let start = chars[n - k].0;
            out.push(h1(t::SUFFIX, &lower[start..]));
        }
    }
    if let Some(p) = lower.find('-') {
        if p > 0 {
            out.push(h1(t::HYPHEN_HEAD, &lower[..p]));
            out.push(h1(t::HYPHEN_HEAD, &lower[p..]));
        }
    }
    for bit in 0..32 {
        if gaz & (1 << bit) != 0 {
            out.push(hn(t::GAZ, bit));
        }
    }
    if cluster != 0 {
        for bits in [4u32, 8, 12, 16, 24] {
            let depth = 32 - cluster.leading_zeros();
            if depth >= bits {
                out.push(hn(
                    t::CLUSTER,
                    u64::from(cluster >> (depth - bits)) | (u64::from(bits) << 40),
                ));
            }
        }
        out.push(hn(t::CLUSTER, u64::from(cluster) | (1 << 50)));
    }
}

/// A document prepared for tagging: what the tagger needs to know of the whole document
/// before it reads a sentence (how each word is cased elsewhere). Sentences are prepared one
/// at a time with [`DocContext::prepare`], so memory does not grow with the document's
/// length beyond a small map of its vocabulary.
#[derive(Debug, Default)]
pub struct DocContext {
    /// Document casing category per lowercase form, as seen in the middle of normally cased
    /// sentences: bit 0 capitalised, bit 1 lowercase.
    doccase: FnvMap<String, u8>,
}

#[derive(Debug, Default)]
pub struct PreparedSentence {
    pub toks: Vec<Tok>,
    pub mode: Option<Mode>,
    /// Document casing category per token: 0 unseen, 1 capitalised only, 2 lowercase only, 3 both.
    pub doccase: Vec<u8>,
}

/// Word clusters: lowercase form -> bit-string id (with a leading 1 bit).
pub type Clusters = FnvMap<String, u32>;

impl DocContext {
    /// Reads the casing of every word of a document (token strings per sentence).
    pub fn new(sentences: &[Vec<&str>]) -> Self {
        let mut doccase: FnvMap<String, u8> = FnvMap::default();
        for words in sentences {
            if sentence_mode(words) != Mode::Normal {
                continue;
            }
            for w in words.iter().skip(1) {
                if !w.chars().next().is_some_and(char::is_alphabetic) {
                    continue;
                }
                let cap = w.chars().next().is_some_and(char::is_uppercase);
                let bit = if cap { 1 } else { 2 };
                let lw = lower(w);
                match doccase.get_mut(lw.as_str()) {
                    Some(b) => *b |= bit,
                    None => {
                        doccase.insert(lw, bit);
                    }
                }
            }
        }
        Self { doccase }
    }

    /// Prepares one sentence for tagging.
    pub fn prepare(
        &self,
        words: &[&str],
        gaz: &Gazetteer,
        clusters: &Clusters,
    ) -> PreparedSentence {
        let mode = sentence_mode(words);
        let lowers: Vec<String> = words.iter().map(|w| lower(w)).collect();
        let gazbits = gaz.match_sentence(&lowers);
        let mut toks = Vec::with_capacity(words.len());
        for (i, (w, lw)) in words.iter().zip(lowers).enumerate() {
            let sh = shape(w);
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            let cluster = clusters.get(lw.as_str()).copied().unwrap_or(0);
            let name = gaz.name_bits(&lw);
            let mut sf = Vec::with_capacity(24);
            word_feats(w, &lw, &sh, gazbits[i], cluster, &mut sf);
            if name != 0 {
                // crossed with capitalisation: `Will` and `will` differ
                sf.push(hn(t::NAME, u64::from(name) | (u64::from(cap) << 4)));
            }
            toks.push(Tok {
                form: (*w).to_owned(),
                lower: lw,
                shape: sh,
                gaz: gazbits[i],
                cap,
                static_feats: sf,
                cluster,
                name,
            });
        }
        let doccase = toks
            .iter()
            .map(|t| self.doccase.get(t.lower.as_str()).copied().unwrap_or(0))
            .collect();
        PreparedSentence {
            toks,
            mode: Some(mode),
            doccase,
        }
    }
}

/// Context features of token `i` that do not depend on predicted labels.
pub fn context_feats(s: &PreparedSentence, i: usize, out: &mut Vec<u64>) {
    let toks = &s.toks;
    let n = toks.len();
    let mode = s.mode.unwrap_or(Mode::Normal) as u64;
    let tok = &toks[i];
    let get = |j: isize| -> Option<&Tok> {
        if j < 0 {
            None
        } else {
            toks.get(j as usize)
        }
    };
    let ii = i as isize;
    let lm1 = get(ii - 1).map_or("<s>", |t| t.lower.as_str());
    let lp1 = get(ii + 1).map_or("</s>", |t| t.lower.as_str());
    let lm2 = get(ii - 2).map_or("<s>", |t| t.lower.as_str());
    let lp2 = get(ii + 2).map_or("</s>", |t| t.lower.as_str());
    let sm1 = get(ii - 1).map_or("<s>", |t| t.shape.as_str());
    let sp1 = get(ii + 1).map_or("</s>", |t| t.shape.as_str());
    out.push(h1(t::L_M1, lm1));
    out.push(h1(t::L_P1, lp1));
    out.push(h1(t::L_M2, lm2));
    out.push(h1(t::L_P2, lp2));
    out.push(h1(t::S_M1, sm1));
    out.push(h1(t::S_P1, sp1));
    out.push(h3(t::S_TRI, sm1, &tok.shape, sp1));
    out.push(h2(t::BI_M1, lm1, &tok.lower));
    out.push(h2(t::BI_P1, &tok.lower, lp1));
    if let Some(p) = get(ii - 1) {
        if p.gaz != 0 {
            out.push(hn(t::GAZ_M1, u64::from(p.gaz)));
        }
        if p.cluster != 0 {
            let d = 32 - p.cluster.leading_zeros();
            out.push(hn(t::CL_M1, u64::from(p.cluster >> d.saturating_sub(8))));
        }
    }
    if let Some(p) = get(ii + 1) {
        if p.gaz != 0 {
            out.push(hn(t::GAZ_P1, u64::from(p.gaz)));
        }
        if p.cluster != 0 {
            let d = 32 - p.cluster.leading_zeros();
            out.push(hn(t::CL_P1, u64::from(p.cluster >> d.saturating_sub(8))));
        }
    }
    for (tpl, j) in [(t::NAME_M1, ii - 1), (t::NAME_P1, ii + 1)] {
        if let Some(p) = get(j) {
            if p.name != 0 {
                out.push(hn(
                    tpl,
                    u64::from(p.name) | (u64::from(p.cap) << 4) | (u64::from(tok.cap) << 5),
                ));
            }
        }
    }
    if i == 0 || (i == 1 && !is_wordlike(&toks[0].lower)) {
        out.push(h1(t::FIRST_SHAPE, &tok.shape));
    }
    out.push(hsn(t::MODE_SHAPE, &tok.shape, mode));
    if mode != 0 {
        out.push(hsn(t::MODE_LOWER, &tok.lower, mode));
    }
    let dc = s.doccase.get(i).copied().unwrap_or(0);
    out.push(hn(t::DOCCASE, u64::from(dc)));
    out.push(hsn(t::DOCCASE_SHAPE, &tok.shape, u64::from(dc)));
    // case-sensitive neighbours, and the shape of the word with each neighbour
    out.push(h1(t::F_M1, get(ii - 1).map_or("<s>", |t| t.form.as_str())));
    out.push(h1(t::F_P1, get(ii + 1).map_or("</s>", |t| t.form.as_str())));
    out.push(h2(t::SH_LM1, &tok.shape, lm1));
    out.push(h2(t::SH_LP1, &tok.shape, lp1));
    for (tpl, j) in [(t::CL_M2, ii - 2), (t::CL_P2, ii + 2)] {
        if let Some(p) = get(j) {
            if p.cluster != 0 {
                let d = 32 - p.cluster.leading_zeros();
                out.push(hn(tpl, u64::from(p.cluster >> d.saturating_sub(6))));
            }
        }
    }
    if tok.cluster != 0 {
        let d = 32 - tok.cluster.leading_zeros();
        out.push(hsn(
            t::CL_SHAPE,
            &tok.shape,
            u64::from(tok.cluster >> d.saturating_sub(10)),
        ));
    }
    out.push(hn(
        t::DOCCASE_MODE,
        u64::from(dc) | (mode << 8) | (u64::from(tok.cap) << 16),
    ));
    let _ = n;
}

/// Features that depend on the previous labels and on labels given earlier in the document.
pub fn label_feats(tok: &Tok, mode: Mode, p1: u8, p2: u8, hist: u8, out: &mut Vec<u64>) {
    out.push(hn(t::P1, u64::from(p1)));
    out.push(hn(t::P12, u64::from(p1) | (u64::from(p2) << 8)));
    out.push(hsn(t::P1_LOWER, &tok.lower, u64::from(p1)));
    out.push(hsn(t::P1_SHAPE, &tok.shape, u64::from(p1)));
    out.push(hn(t::HIST, u64::from(hist)));
    out.push(hsn(t::HIST_SHAPE, &tok.shape, u64::from(hist)));
    out.push(hn(t::HIST_MODE, u64::from(hist) | ((mode as u64) << 8)));
}
