//! Finding quotations: quotation marks, speech cues, source phrases and contents.
//!
//! Everything is a linear scan over the shared tokens, segment by segment. A segment is a
//! sentence, or several sentences joined when a quotation runs across their boundary (the
//! sentence splitter may cut inside `“A. B,” he said`).

use lede_core::{Layers, Paragraph, Span, Token, TokenKind};

use crate::lexicon::{self, CueForm, CueStrength};
use crate::marks::{Marks, Pair};
use crate::types::QuoteKind;

/// A learned cue phrase that is a cue at least this often (per mille) in the training texts
/// attributes without a `that` complement. Chosen on the training split: 250 gave the best cue
/// F1 between 150 and 600 with the first rules; with the issue 5 round 2 rules, 200 (cue F1 62.3)
/// beats 150 (62.2) and 250 (62.1).
const LOOSE_MIN: u16 = 200;

/// A quotation before speaker resolution.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub kind: QuoteKind,
    pub parts: Vec<Span>,
    /// Pairs (indices into `Marks::pairs`) the parts come from, for direct and partial quotes.
    pub pairs: Vec<usize>,
    pub cue: Option<Span>,
    pub source: Option<Span>,
    /// The speaker is taken from the quotation before (a follow-on quote without a cue).
    pub from_context: bool,
    /// Index of the quotation whose source this one shares (`..., adding that`).
    pub shares_source_of: Option<usize>,
    pub confidence: f64,
}

struct Cx<'a> {
    text: &'a str,
    toks: &'a [Token],
    pairs: &'a [Pair],
    /// For each token, 1 + the index of the pair whose marks enclose it (marks included), or 0.
    qp: Vec<u32>,
    /// End (byte offset) of the dateline opening the first body paragraph (`Kyiv:`), or 0.
    dateline_end: usize,
    /// The article is (or holds) a transcript: two paragraphs or more open with a speaker
    /// label in capitals and a colon (`TAPPER:`, `Q:`, `A:`).
    transcript: bool,
}

#[derive(Clone, Copy)]
struct Cue {
    /// First and end token of the cue (with auxiliaries and adverbs before the verb).
    start: usize,
    end: usize,
    /// The verb token itself.
    verb: usize,
    strength: CueStrength,
    form: CueForm,
    according: bool,
    colon: bool,
    /// Learned to be a cue often enough to need no `that` complement.
    loose: bool,
}

enum Content {
    Pairs(Vec<usize>),
    Span(usize, usize),
}

// The accessors take any index: past the last token a word is empty and a token is
// punctuation, so that a rule probing one token too far never panics.
impl Cx<'_> {
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.span.slice(self.text))
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.span.slice(self.text).eq_ignore_ascii_case(word))
    }

    fn kind(&self, i: usize) -> TokenKind {
        self.toks.get(i).map_or(TokenKind::Punct, |t| t.kind)
    }

    fn lower<'b>(&self, i: usize, buf: &'b mut [u8; 24]) -> Option<&'b str> {
        lexicon::lower(self.w(i), buf)
    }

    fn in_quote(&self, i: usize) -> bool {
        self.qp.get(i).is_some_and(|&q| q != 0)
    }

    fn pair_of(&self, i: usize) -> Option<usize> {
        let q = *self.qp.get(i)?;
        (q != 0).then(|| q as usize - 1)
    }

    fn is_open_mark(&self, i: usize) -> Option<usize> {
        let p = self.pair_of(i)?;
        (self.pairs[p].open.start == self.toks[i].span.start).then_some(p)
    }

    fn is_close_mark(&self, i: usize) -> Option<usize> {
        let p = self.pair_of(i)?;
        let c = self.pairs[p].close?;
        (c.end == self.toks[i].span.end).then_some(p)
    }

    fn punct(&self, i: usize, c: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct && t.span.slice(self.text) == c)
    }

    fn capitalised(&self, i: usize) -> bool {
        self.w(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The text span of tokens `a..b` (empty at the text's end when the range is).
    fn span(&self, a: usize, b: usize) -> Span {
        let end_of_text = self.toks.last().map_or(0, |t| t.span.end);
        let start = self.toks.get(a).map_or(end_of_text, |t| t.span.start);
        let end = b
            .checked_sub(1)
            .and_then(|l| self.toks.get(l))
            .map_or(start, |t| t.span.end.max(start));
        Span::new(start, end)
    }

    /// A lone `'`/`’` glued to a plural noun and followed by a word (`the nurses' union`): a
    /// possessive, not a quotation mark.
    fn possessive_apostrophe(&self, i: usize) -> bool {
        let w = self.w(i);
        if !(w == "'" || w == "’") || i == 0 || i + 1 >= self.toks.len() {
            return false;
        }
        let (prev, this, next) = (self.toks[i - 1], self.toks[i], self.toks[i + 1]);
        prev.span.end == this.span.start
            && self.w(i - 1).ends_with(['s', 'S'])
            && next.span.start > this.span.end
            && next.kind == TokenKind::Word
    }

    /// Clitic `’s` / `'s` that belongs to the noun phrase it ends.
    fn clitic(&self, i: usize) -> bool {
        let w = self.w(i);
        (w.starts_with('\'') || w.starts_with('’')) && w.len() <= 4
    }

    /// A number in digits or words (`10`, `three`).
    fn number_word(&self, i: usize) -> bool {
        let mut buf = [0u8; 24];
        self.kind(i) == TokenKind::Number
            || self.lower(i, &mut buf).is_some_and(|l| {
                matches!(
                    l,
                    "one"
                        | "two"
                        | "three"
                        | "four"
                        | "five"
                        | "six"
                        | "seven"
                        | "eight"
                        | "nine"
                        | "ten"
                )
            })
    }

    /// A token that can be part of a source noun phrase.
    fn np_token(&self, i: usize) -> bool {
        let mut buf = [0u8; 24];
        match self.kind(i) {
            TokenKind::Word => {
                if self.clitic(i) {
                    return true;
                }
                match self.lower(i, &mut buf) {
                    Some(l) => {
                        // lowercase `-ly` words are adverbs (`reportedly`), names are not
                        let adverb = l.ends_with("ly") && !self.capitalised(i);
                        !lexicon::np_stop(l)
                            && lexicon::cue(l).is_none()
                            && (lexicon::pronoun_kind(l).is_none() || l == "her")
                            && !adverb
                    }
                    None => true,
                }
            }
            TokenKind::Number => {
                let w = self.w(i);
                !(w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
            }
            TokenKind::Quote => self.possessive_apostrophe(i),
            TokenKind::Punct => false,
        }
    }

    /// The source phrase ending right before token `end` (exclusive), not before `lo`.
    fn source_before(&self, end: usize, lo: usize) -> Option<(usize, usize)> {
        let mut buf = [0u8; 24];
        let mut j = end;
        // `Trump on Monday said`, `officials Tuesday said`
        while j > lo {
            let l = self.lower(j - 1, &mut buf).unwrap_or("");
            if lexicon::time_word(l) && self.capitalised(j - 1) || l == "today" || l == "yesterday"
            {
                j -= 1;
                if j > lo && self.is(j - 1, "on") {
                    j -= 1;
                }
            } else {
                break;
            }
        }
        if j <= lo {
            return None;
        }
        if let Some(l) = self.lower(j - 1, &mut buf) {
            if lexicon::subject_pronoun(l) && self.kind(j - 1) == TokenKind::Word {
                return Some((j - 1, j));
            }
        }
        let mut i = j;
        while i > lo && j - i < 12 {
            if self.np_token(i - 1) {
                i -= 1;
            } else if i < j
                && i >= lo + 2
                && self.np_token(i - 2)
                && (self.is(i - 1, "of")
                    || (self.is(i - 1, "for")
                        && (self.capitalised(i)
                            || self.is(i, "the")
                            || (i..j).any(|k| self.capitalised(k))))
                    // `Donald J. Trump and Senator Bernie Sanders`
                    || (self.is(i - 1, "and") && self.capitalised(i) && self.capitalised(i - 2))
                    // `three in 10`, `one in five` (survey shares)
                    || (self.is(i - 1, "in") && self.number_word(i) && self.number_word(i - 2)))
            {
                // `spokesman for the Kremlin`, `Dr. Ines Adeyemi of the U.N. Environment Programme`
                i -= 1;
            } else if i >= lo + 2
                && (self.is(i - 1, "those") || self.is(i - 1, "these"))
                && self.is(i - 2, "of")
            {
                // `a majority of those polled`
                i -= 1;
            } else if self.punct(i - 1, ")") {
                // `Sen. Mitch McConnell (R-Ky.) said`: a parenthesis inside the phrase
                let Some(open) = (i.saturating_sub(8).max(lo)..i - 1)
                    .rev()
                    .find(|&k| self.punct(k, "("))
                else {
                    break;
                };
                if open == lo || !self.np_token(open - 1) {
                    break;
                }
                i = open;
            } else {
                break;
            }
        }
        if i == j {
            return None;
        }
        // the object of a preposition is not the subject: `Voters who spoke to Lede Wire
        // said` is said by the voters
        if i > lo {
            let mut b = [0u8; 24];
            let prev = self.lower(i - 1, &mut b).unwrap_or("");
            if matches!(
                prev,
                "to" | "with" | "from" | "by" | "at" | "in" | "on" | "for" | "about"
            ) {
                let who = (i.saturating_sub(8).max(lo + 1)..i - 1)
                    .rev()
                    .find(|&k| self.is(k, "who") || self.is(k, "that"));
                if let Some((s, _)) = who.and_then(|w| self.source_before(w, lo)) {
                    return Some((s, j));
                }
            }
        }
        Some((i, j))
    }

    /// The source phrase after an inverted cue (`said Peskov`, `said Farhana Khera, executive
    /// director of ...`), up to `hi`.
    fn source_after(&self, start: usize, hi: usize) -> Option<(usize, usize)> {
        let mut buf = [0u8; 24];
        if start >= hi {
            return None;
        }
        let l = self.lower(start, &mut buf).unwrap_or("");
        // `said Will Haddad`: a capitalised stop word before a capitalised word is a first name
        let first_name = self.capitalised(start) && start + 1 < hi && self.capitalised(start + 1);
        if lexicon::time_word(l) || lexicon::np_stop(l) && !matches!(l, "the" | "a") && !first_name
        {
            return None;
        }
        if matches!(l, "he" | "she" | "they" | "it" | "i" | "we") {
            // `said he.` ends the sentence; `said she expected` is a preposed cue
            let end = start + 1 >= hi || self.kind(start + 1) == TokenKind::Punct;
            return end.then_some((start, start + 1));
        }
        // `said former Massachusetts congressman Barney Frank`: a lowercase title before a name
        let titled = self.kind(start) == TokenKind::Word
            && (start + 1..(start + 4).min(hi))
                .take_while(|&k| self.kind(k) == TokenKind::Word)
                .any(|k| self.capitalised(k));
        if !(self.capitalised(start)
            || matches!(
                l,
                "the" | "a" | "an" | "another" | "one" | "his" | "her" | "their" | "its" | "our"
            )
            || titled)
        {
            return None;
        }
        let mut i = start;
        let mut passed_comma = false;
        while i < hi {
            let t = &self.toks[i];
            match t.kind {
                TokenKind::Punct => {
                    let s = self.w(i);
                    if s == "," {
                        // `, adding that` / `, according to`: the source ends; so does it
                        // before a relative clause (`Ramos, who lives in Miami`)
                        if i + 1 < hi
                            && (self.cue_starts(i + 1)
                                || self.is(i + 1, "who")
                                || self.is(i + 1, "which")
                                || participle_next(self, i, hi))
                        {
                            break;
                        }
                        passed_comma = true;
                    } else if matches!(s, "." | "!" | "?" | ";" | ":" | "—" | "–")
                        || !passed_comma && s == "("
                    {
                        break;
                    }
                }
                // `the nurses' union`: a possessive apostrophe stays inside the phrase
                TokenKind::Quote if self.possessive_apostrophe(i) => {}
                TokenKind::Quote => break,
                TokenKind::Word | TokenKind::Number => {
                    if !passed_comma {
                        let l = self.lower(i, &mut buf).unwrap_or("");
                        // `a person close to the Clintons`, `a professor at Harvard`: a
                        // preposition with a name or a determiner after it stays in the phrase
                        let pp = matches!(l, "to" | "at" | "with" | "from") && i + 1 < hi && {
                            let mut nbuf = [0u8; 24];
                            let next = self.lower(i + 1, &mut nbuf).unwrap_or("");
                            matches!(next, "the" | "both")
                                || self.capitalised(i + 1) && !lexicon::time_word(next)
                        };
                        if i > start && lexicon::np_stop(l) && l != "of" && l != "for" && !pp {
                            break;
                        }
                    }
                }
            }
            i += 1;
        }
        while i > start && self.kind(i - 1) == TokenKind::Punct {
            i -= 1;
        }
        (i > start).then_some((start, i))
    }

    /// A cue begins at token `i` (a gerund or `according to`): a clause boundary for contents.
    fn cue_starts(&self, i: usize) -> bool {
        let mut buf = [0u8; 24];
        if self.is(i, "according") && self.is(i + 1, "to") {
            return true;
        }
        self.lower(i, &mut buf)
            .and_then(lexicon::cue)
            .is_some_and(|(_, f)| f == CueForm::Gerund)
    }

    /// Token `i` is a lowercase verb (`barked`, `mused`, `answers`, `read`) after a closing
    /// quotation mark that follows `,`, `?` or `!`, with only a short subject between: a
    /// pronoun, or a noun phrase (`“Go home,” Trump barked`, `“Why?” a staffer in the room
    /// wondered`, `“Vote,” it read.`). A present-tense `-s` form must end the clause.
    fn verb_after_quote(&self, i: usize) -> bool {
        let w = self.w(i);
        if self.kind(i) != TokenKind::Word || !w.bytes().all(|b| b.is_ascii_lowercase()) {
            return false;
        }
        let clause_ends = i + 1 >= self.toks.len()
            || self.punct(i + 1, ".")
            || self.punct(i + 1, ",")
            || self.punct(i + 1, ";");
        let past = w.len() >= 5 && w.ends_with("ed");
        let present = w.len() >= 5 && w.ends_with('s') && !w.ends_with("ss") && clause_ends;
        if !(past || present || w == "read" && clause_ends) {
            return false;
        }
        let mut buf = [0u8; 24];
        // the subject: a pronoun right before the verb, or up to eight noun-phrase tokens
        // (prepositions and determiners inside: `a staffer in the room`)
        let mut j = i;
        if j > 0
            && self
                .lower(j - 1, &mut buf)
                .is_some_and(|l| lexicon::subject_pronoun(l) || l == "it")
        {
            j -= 1;
        } else {
            while j > 0 && i - j < 8 {
                let k = j - 1;
                let inner = self.lower(k, &mut buf).is_some_and(|l| {
                    matches!(l, "in" | "of" | "at" | "for" | "the" | "a" | "an" | "from")
                });
                if self.np_token(k) || inner && j < i {
                    j = k;
                } else {
                    break;
                }
            }
        }
        if j == i || j < 2 || self.is_close_mark(j - 1).is_none() {
            return false;
        }
        // the subject opens with a name, a determiner or a pronoun, not a preposition
        let first = self.lower(j, &mut buf).unwrap_or("");
        if matches!(first, "in" | "of" | "at" | "for" | "from") {
            return false;
        }
        matches!(self.w(j - 2), "," | "?" | "!")
    }

    /// `Sanders: Brexit's message could draw Trump support`: a colon after one to four
    /// capitalised words opening a segment (a headline or a line that quotes a named source),
    /// not a label in capitals (`UPDATE:`) nor a single letter (`Q:`).
    fn name_colon(&self, i: usize, seg_start: usize) -> bool {
        // a transcript's speaker label opening its paragraph (`TAPPER: Do you think ...`)
        if self.transcript && i > seg_start && self.toks[i].span.end > self.dateline_end {
            let line_start = self.text[..self.toks[seg_start].span.start]
                .rsplit('\n')
                .next()
                .is_some_and(|b| b.trim().is_empty());
            let label = self.text[self.toks[seg_start].span.start..self.toks[i].span.end].trim();
            if line_start && transcript_label(label).is_some() {
                return true;
            }
        }
        i > seg_start
            && i - seg_start <= 4
            && i + 1 < self.toks.len()
            && (seg_start..i).all(|k| {
                let w = self.w(k);
                self.kind(k) == TokenKind::Word
                    && self.capitalised(k)
                    && w.len() > 1
                    && w.chars().any(char::is_lowercase)
                    && !self.in_quote(k)
            })
            && !self.is(seg_start, "The")
            && self.toks[i].span.end > self.dateline_end
    }

    /// The cue at token `i`, if any.
    fn cue_at(&self, i: usize, seg_start: usize) -> Option<Cue> {
        if self.in_quote(i) {
            return None;
        }
        let mut buf = [0u8; 24];
        match self.kind(i) {
            TokenKind::Word => {}
            TokenKind::Punct if self.w(i) == ":" => {
                // `Stoltenberg: “...”`: a colon between a name and an opening mark
                let next_opens = i + 1 < self.toks.len() && self.is_open_mark(i + 1).is_some();
                if (next_opens || self.name_colon(i, seg_start)) && i > seg_start {
                    return Some(Cue {
                        start: i,
                        end: i + 1,
                        verb: i,
                        strength: CueStrength::Speech,
                        form: CueForm::Finite,
                        according: false,
                        colon: true,
                        loose: true,
                    });
                }
                return None;
            }
            _ => return None,
        }
        let l = self.lower(i, &mut buf)?;
        if l == "according" && self.is(i + 1, "to") {
            return Some(Cue {
                start: i,
                end: i + 2,
                verb: i,
                strength: CueStrength::Speech,
                form: CueForm::Finite,
                according: true,
                colon: false,
                loose: true,
            });
        }
        let hand = lexicon::cue(l);
        // the learned table: phrases of up to three words (`called for`, `said Tuesday`)
        let mut low: [String; 3] = Default::default();
        let mut n = 0;
        while n < 3 && i + n < self.toks.len() && !self.in_quote(i + n) {
            let t = self.toks[i + n];
            if t.kind == TokenKind::Quote {
                break;
            }
            low[n] = self.w(i + n).to_lowercase();
            n += 1;
        }
        let refs: Vec<&str> = low[..n].iter().map(String::as_str).collect();
        let learned = lexicon::learned(&refs);
        let (strength, form) = match (hand, learned) {
            (Some(h), _) => h,
            // `“Go home,” Trump barked`: any past-tense verb right after a quotation and its
            // subject reports it, whether or not the lexicon knows the verb
            (None, _) if self.verb_after_quote(i) => (CueStrength::Speech, CueForm::Finite),
            (None, Some((_, rate))) if rate >= LOOSE_MIN => {
                let form = if l.ends_with("ing") {
                    CueForm::Gerund
                } else {
                    CueForm::Finite
                };
                (CueStrength::Weak, form)
            }
            _ => return None,
        };
        let loose = learned.is_some_and(|(_, r)| r >= LOOSE_MIN);
        let learned_len = learned.map_or(1, |(len, _)| len);
        // auxiliaries and adverbs just before the verb belong to the cue
        let mut start = i;
        while start > seg_start && start + 3 > i {
            let Some(p) = self.lower(start - 1, &mut buf) else {
                break;
            };
            // `jokingly said`: a manner adverb before the verb belongs to the cue too
            let adverb = p.len() > 5 && p.ends_with("ly") && !self.capitalised(start - 1);
            if lexicon::cue_prefix(p) || adverb {
                start -= 1;
            } else {
                break;
            }
        }
        // `went on to say`, `goes on to note`: the phrase is the cue, its subject the source
        if start >= seg_start + 3
            && self.is(start - 1, "to")
            && self.is(start - 2, "on")
            && ["went", "goes", "go", "going"]
                .iter()
                .any(|w| self.is(start - 3, w))
        {
            start -= 3;
        }
        // `said in a statement`: PolNeAR mostly counts it as the cue (`said in an interview` mostly not)
        let mut end = i + learned_len.max(1);
        if self.is(i + 1, "in")
            && (self.is(i + 2, "a") || self.is(i + 2, "an"))
            && self.is(i + 3, "statement")
        {
            end = i + 4;
        }
        Some(Cue {
            start,
            end,
            verb: i,
            strength,
            form,
            according: false,
            colon: false,
            loose,
        })
    }
}

/// Extracts quotations from a document's layers.
pub(crate) fn extract(
    text: &str,
    layers: &Layers,
    paragraphs: &[Paragraph],
    marks: &Marks,
) -> Vec<Raw> {
    let toks = &layers.tokens;
    let pairs = &marks.pairs;
    let mut qp = vec![0u32; toks.len()];
    {
        let mut pi = 0;
        for (ti, t) in toks.iter().enumerate() {
            while pi < pairs.len() && pairs[pi].outer().end <= t.span.start {
                pi += 1;
            }
            if let Some(p) = pairs.get(pi) {
                if p.outer().start <= t.span.start && t.span.end <= p.outer().end {
                    qp[ti] = pi as u32 + 1;
                }
            }
        }
    }
    // (a section line may stand between the headline and the dateline; the first paragraph
    // of running text has the dateline or there is none)
    let dateline_end = paragraphs
        .iter()
        .filter(|p| !p.is_headline)
        .take(3)
        .find(|p| {
            let t = p.span.slice(text).trim();
            lede_core::text::dateline_len(t).is_some()
                || t.split_whitespace().count() > 4
                || t.ends_with(['.', '?', '!'])
        })
        .and_then(|p| lede_core::text::dateline_len(p.span.slice(text)).map(|n| p.span.start + n))
        .unwrap_or(0);
    let transcript = paragraphs
        .iter()
        .filter(|p| !p.is_headline && transcript_label(p.span.slice(text)).is_some())
        .count()
        >= 2;
    let cx = Cx {
        text,
        toks,
        pairs,
        qp,
        dateline_end,
        transcript,
    };
    let mut out: Vec<Raw> = Vec::new();
    let mut used_pair = vec![false; pairs.len()];
    let mut pair_quote: Vec<Option<usize>> = vec![None; pairs.len()];

    // headlines too: `Ukraine Belongs in Alliance One Day, Says NATO Chief Stoltenberg`
    for (pi, para) in paragraphs.iter().enumerate() {
        let sents = &layers.sentences[para.first_sentence..para.end_sentence];
        let segments = segments(&cx, sents);
        let para_first_quote = out.len();
        for &(a, e) in &segments {
            if a >= e {
                continue;
            }
            let seg_first_quote = out.len();
            let mut consumed_until = a; // tokens before this are taken by an earlier attribution
            let mut i = a;
            while i < e {
                if i < consumed_until {
                    i += 1;
                    continue;
                }
                let Some(cue) = cx.cue_at(i, a) else {
                    i += 1;
                    continue;
                };
                let lo = consumed_until.max(a);
                if let Some((raw, end_tok)) =
                    attribute(&cx, &cue, lo, a, e, &out[seg_first_quote..])
                {
                    let idx = out.len();
                    let mut raw = raw;
                    if raw.shares_source_of.is_some() {
                        raw.shares_source_of =
                            Some(seg_first_quote + raw.shares_source_of.unwrap_or(0));
                    }
                    for &p in &raw.pairs {
                        used_pair[p] = true;
                        pair_quote[p] = Some(idx);
                    }
                    out.push(raw);
                    consumed_until = end_tok.max(cue.end);
                    i = consumed_until;
                } else {
                    i = cue.end;
                }
            }
        }
        // quotation marks not used by an attribution: follow-on quotes, partial quotes, terms
        for &(a, e) in &segments {
            for p in segment_pairs(&cx, a, e) {
                if used_pair[p] {
                    continue;
                }
                let pair = cx.pairs[p];
                if pair.inner.is_empty() {
                    continue;
                }
                // a quotation continued from the previous paragraph joins it
                if pair.continues && p > 0 {
                    if let Some(q) = pair_quote[p - 1] {
                        out[q].parts.push(content_part(&cx, &pair));
                        out[q].pairs.push(p);
                        used_pair[p] = true;
                        pair_quote[p] = Some(q);
                        continue;
                    }
                }
                let open_tok = first_token_at(&cx, pair.open.start);
                // `“...” — Jorge Falcon`: a dash and a name after the quotation
                if let Some((dash, s, se)) = dash_source(&cx, &pair) {
                    used_pair[p] = true;
                    pair_quote[p] = Some(out.len());
                    out.push(Raw {
                        kind: QuoteKind::Direct,
                        parts: vec![content_part(&cx, &pair)],
                        pairs: vec![p],
                        cue: Some(cx.toks[dash].span),
                        source: Some(cx.span(s, se)),
                        from_context: false,
                        shares_source_of: None,
                        confidence: 0.7,
                    });
                    continue;
                }
                let standalone = covers_segment(&cx, &pair, a, e)
                    || starts_sentence_to_end(&cx, &pair, open_tok, a, e);
                if !standalone && is_term(&cx, &pair, open_tok, a) {
                    used_pair[p] = true;
                    pair_quote[p] = Some(out.len());
                    out.push(Raw {
                        kind: QuoteKind::Term,
                        parts: vec![content_part(&cx, &pair)],
                        pairs: vec![p],
                        cue: None,
                        source: None,
                        from_context: false,
                        shares_source_of: None,
                        confidence: 0.7,
                    });
                    continue;
                }
                // inside the content of an indirect attribution: a partial quote of it
                let host = out[para_first_quote..].iter().position(|r| {
                    r.kind == QuoteKind::Indirect && r.parts.iter().any(|s| s.contains(pair.inner))
                });
                if let Some(h) = host {
                    let h = para_first_quote + h;
                    let host = out[h].clone();
                    used_pair[p] = true;
                    pair_quote[p] = Some(out.len());
                    out.push(Raw {
                        kind: QuoteKind::Partial,
                        parts: vec![content_part(&cx, &pair)],
                        pairs: vec![p],
                        cue: host.cue,
                        source: host.source,
                        from_context: false,
                        shares_source_of: Some(h),
                        confidence: host.confidence * 0.95,
                    });
                    continue;
                }
                if standalone {
                    // `“A,” X said. “B.”`: a follow-on quote joins the quotation before it in
                    // the paragraph
                    // (the last one before it: an attribution later in the paragraph is
                    // found first, by the cue scan)
                    let prev = out[para_first_quote..].iter().rposition(|r| {
                        r.kind == QuoteKind::Direct
                            && r.parts.first().is_some_and(|f| f.end <= pair.open.start)
                    });
                    // ... unless a sentence of its own quoting the speaker stands between them
                    // (`“A,” X said. B “c,” he added. “D.”`: D goes on with the second one)
                    let prev = prev.filter(|&q| {
                        !attribution_after(&cx, &out, para_first_quote + q, pair.open.start, true)
                    });
                    if let Some(q) = prev {
                        let q = para_first_quote + q;
                        if out[q]
                            .parts
                            .last()
                            .is_some_and(|l| l.end <= pair.open.start)
                        {
                            out[q].parts.push(content_part(&cx, &pair));
                            out[q].pairs.push(p);
                            used_pair[p] = true;
                            pair_quote[p] = Some(q);
                            continue;
                        }
                    }
                    // a quote paragraph after a paragraph whose last quotation is direct
                    // the attribution just before in this paragraph (`..., X wrote. “B.”`),
                    // else a direct quotation ending the paragraph before
                    let in_para = out[para_first_quote..]
                        .iter()
                        .rposition(|r| r.kind == QuoteKind::Indirect && r.cue.is_some())
                        .map(|q| q + para_first_quote)
                        .filter(|&q| {
                            out[q]
                                .parts
                                .last()
                                .is_some_and(|l| l.end <= pair.open.start)
                        });
                    let ctx_prev = in_para.or_else(|| {
                        // (an attribution inside its sentence, `“A,” X said, referring to
                        // B`, does not end it; one in a sentence of its own does)
                        out[..para_first_quote]
                            .iter()
                            .rposition(|r| {
                                r.kind != QuoteKind::Term && r.kind != QuoteKind::Partial
                            })
                            .and_then(|last| {
                                out[..=last]
                                    .iter()
                                    .rposition(|r| r.kind == QuoteKind::Direct)
                                    .filter(|&q| {
                                        q == last
                                            || !attribution_after(
                                                &cx,
                                                &out[..=last],
                                                q,
                                                pair.open.start,
                                                false,
                                            )
                                    })
                            })
                            .filter(|&q| {
                                out[q]
                                    .pairs
                                    .last()
                                    .is_some_and(|&lp| cx.pairs[lp].paragraph + 1 >= pi)
                            })
                    });
                    // `“A,” X said.` then a paragraph `“B.”`: PolNeAR annotates B as a further
                    // part of the same content, as for a quotation that runs on
                    if let Some(q) = ctx_prev.filter(|_| in_para.is_none()) {
                        out[q].parts.push(content_part(&cx, &pair));
                        out[q].pairs.push(p);
                        used_pair[p] = true;
                        pair_quote[p] = Some(q);
                        continue;
                    }
                    used_pair[p] = true;
                    pair_quote[p] = Some(out.len());
                    // `“Modern Family.”` on a line of its own with no speaker before: a title
                    let kind = if ctx_prev.is_none() && word_count(&cx, &pair) <= 3 {
                        QuoteKind::Term
                    } else {
                        QuoteKind::Direct
                    };
                    out.push(Raw {
                        kind,
                        parts: vec![content_part(&cx, &pair)],
                        pairs: vec![p],
                        cue: None,
                        source: None,
                        from_context: ctx_prev.is_some(),
                        shares_source_of: ctx_prev,
                        confidence: if ctx_prev.is_some() { 0.6 } else { 0.3 },
                    });
                    continue;
                }
                // embedded in the writer's sentence, no cue: a short one is a term
                let words = word_count(&cx, &pair);
                let kind = if words <= 4 && !ends_sentence(&cx, &pair) {
                    QuoteKind::Term
                } else {
                    QuoteKind::Partial
                };
                used_pair[p] = true;
                pair_quote[p] = Some(out.len());
                out.push(Raw {
                    kind,
                    parts: vec![content_part(&cx, &pair)],
                    pairs: vec![p],
                    cue: None,
                    source: None,
                    from_context: false,
                    shares_source_of: None,
                    confidence: 0.4,
                });
            }
        }
    }
    // chains over paragraphs: a direct quotation whose pair runs on takes the next pairs
    for q in 0..out.len() {
        if out[q].kind != QuoteKind::Direct {
            continue;
        }
        let mut last = *out[q].pairs.last().unwrap_or(&usize::MAX);
        while last < pairs.len() && pairs[last].close.is_none() && last + 1 < pairs.len() {
            let n = last + 1;
            if !pairs[n].continues {
                break;
            }
            if let Some(other) = pair_quote[n] {
                if other != q {
                    // attributed in the next paragraph (`“B,” she said`): the quotation without
                    // a cue before joins that one
                    if out[q].cue.is_none()
                        && out[other].cue.is_some()
                        && out[other].kind == QuoteKind::Direct
                    {
                        let mut parts = std::mem::take(&mut out[q].parts);
                        let mut ps = std::mem::take(&mut out[q].pairs);
                        parts.append(&mut out[other].parts);
                        ps.append(&mut out[other].pairs);
                        out[other].parts = parts;
                        out[other].pairs = ps;
                        for &p in &out[other].pairs {
                            pair_quote[p] = Some(other);
                        }
                    }
                    break;
                }
            } else {
                out[q].parts.push(content_part(&cx, &pairs[n]));
                out[q].pairs.push(n);
                pair_quote[n] = Some(q);
            }
            last = n;
        }
    }
    out.retain(|r| !r.parts.is_empty() && r.parts.iter().all(|p| !p.is_empty()));
    out
}

fn word_count(cx: &Cx, pair: &Pair) -> usize {
    pair.inner.slice(cx.text).split_whitespace().count()
}

fn ends_sentence(cx: &Cx, pair: &Pair) -> bool {
    pair.inner
        .slice(cx.text)
        .trim_end()
        .ends_with(['.', '!', '?', ','])
        && word_count(cx, pair) > 2
}

fn first_token_at(cx: &Cx, pos: usize) -> usize {
    cx.toks.partition_point(|t| t.span.start < pos)
}

/// The content of a pair as a part: inside the marks, without the trailing comma or period
/// that belongs to the sentence around it.
fn content_part(cx: &Cx, pair: &Pair) -> Span {
    let s = pair.inner.slice(cx.text);
    let t = s.trim_end_matches([',', '.', ';', ':', ' ']);
    Span::new(pair.inner.start, pair.inner.start + t.len())
}

/// Pairs whose opening mark lies in tokens `[a, e)`.
fn segment_pairs(cx: &Cx, a: usize, e: usize) -> Vec<usize> {
    let mut v = Vec::new();
    for i in a..e {
        if let Some(p) = cx.is_open_mark(i) {
            v.push(p);
        }
    }
    v
}

/// The pair covers its segment: nothing but punctuation outside it.
fn covers_segment(cx: &Cx, pair: &Pair, a: usize, e: usize) -> bool {
    let o = pair.outer();
    (a..e).all(|i| {
        let t = cx.toks[i];
        o.contains(t.span) || matches!(t.kind, TokenKind::Punct | TokenKind::Quote)
    })
}

/// A dash attribution after a closed quotation: the dash token and the name after it, which
/// must end its line (or be followed by the next quotation).
fn dash_source(cx: &Cx, pair: &Pair) -> Option<(usize, usize, usize)> {
    let close = pair.close?;
    let k = cx.toks.partition_point(|t| t.span.start < close.end);
    // the dash on the same line, even when the sentence splitter ended the sentence before it
    if k >= cx.toks.len()
        || !matches!(cx.w(k), "—" | "―" | "–")
        || cx.text[close.end..cx.toks[k].span.start].contains('\n')
    {
        return None;
    }
    let s = k + 1;
    if s >= cx.toks.len() || !cx.capitalised(s) {
        return None;
    }
    // a name: capitalised words (and `of`, `de`, an age after a comma)
    let mut n = s;
    while n < cx.toks.len()
        && n < s + 8
        && (cx.capitalised(n)
            || cx.kind(n) == TokenKind::Number
            || cx.punct(n, ",")
            || cx.clitic(n)
            || ["of", "de", "van", "von", "da", "al"]
                .iter()
                .any(|w| cx.is(n, w)))
        && !cx.in_quote(n)
    {
        n += 1;
    }
    while n > s && cx.punct(n - 1, ",") {
        n -= 1;
    }
    // nothing after the name on its line but punctuation, or a quotation opening
    let ends = n >= cx.toks.len()
        || cx.is_open_mark(n).is_some()
        || matches!(cx.w(n), "." | "/")
        || cx.toks[n].span.start > cx.toks[n - 1].span.end
            && cx.text[cx.toks[n - 1].span.end..cx.toks[n].span.start].contains('\n');
    (n > s && ends).then_some((k, s, n))
}

/// The pair opens a sentence inside the segment (`..., said X. “B.”`) and runs to its end.
fn starts_sentence_to_end(cx: &Cx, pair: &Pair, open_tok: usize, a: usize, e: usize) -> bool {
    if open_tok <= a || open_tok >= e {
        return false;
    }
    let prev = cx.w(open_tok - 1);
    if !matches!(prev, "." | "?" | "!") {
        return false;
    }
    let o = pair.outer();
    (open_tok..e).all(|i| {
        let t = cx.toks[i];
        o.contains(t.span) || matches!(t.kind, TokenKind::Punct | TokenKind::Quote)
    })
}

/// Scare quotes and titles: a marker word right before (`calls its “...”`, `so-called “...”`),
/// or a short capitalised title.
fn is_term(cx: &Cx, pair: &Pair, open_tok: usize, seg_start: usize) -> bool {
    let mut buf = [0u8; 24];
    let words = word_count(cx, pair);
    if words == 0 || words > 6 {
        return false;
    }
    let lo = open_tok.saturating_sub(3).max(seg_start);
    for i in (lo..open_tok).rev() {
        if let Some(l) = cx.lower(i, &mut buf) {
            if lexicon::term_marker(l) {
                return true;
            }
            if l == "as"
                && i > 0
                && cx
                    .lower(i - 1, &mut buf)
                    .is_some_and(|p| p == "known" || p == "described")
            {
                return true;
            }
        }
    }
    false
}

/// Sentences of one paragraph, joined where a quotation or a lowercase continuation crosses
/// the boundary. Returns token ranges.
fn segments(cx: &Cx, sents: &[lede_core::Sentence]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    // the sentence splitter may miss a boundary before a quotation (`Mr. Lou said. ''So it's
    // ...'' he said.`): a full stop outside quotation marks and an opening mark right after it
    // start a new sentence
    let mut pieces: Vec<(usize, usize)> = Vec::with_capacity(sents.len());
    for s in sents {
        let mut a = s.first_token;
        for i in s.first_token + 1..s.end_token {
            let stop = cx.punct(i - 1, ".") || cx.punct(i - 1, "?") || cx.punct(i - 1, "!");
            if stop && !cx.in_quote(i - 1) && cx.is_open_mark(i).is_some() {
                pieces.push((a, i));
                a = i;
            }
        }
        pieces.push((a, s.end_token));
    }
    for (a, e) in pieces {
        if a >= e {
            continue;
        }
        let join = out.last().is_some_and(|&(_, pe)| {
            // a quotation open across the boundary
            pe > 0 && cx.in_quote(pe - 1) && cx.in_quote(a) && cx.qp[pe - 1] == cx.qp[a] && cx.is_open_mark(a).is_none()
                // `“... now.” he said.`: a sentence starting in lowercase goes on the one before
                || cx.kind(a) == TokenKind::Word && cx.w(a).chars().next().is_some_and(char::is_lowercase)
                // `“Why now?” Priebus said.`: a short attribution after a question or exclamation
                || pe >= 2 && cx.is_close_mark(pe - 1).is_some()
                    && (cx.punct(pe - 2, "?") || cx.punct(pe - 2, "!"))
                    && e - a <= 12
                    && (a..e).any(|i| {
                        let mut buf = [0u8; 24];
                        cx.lower(i, &mut buf)
                            .and_then(lexicon::cue)
                            .is_some_and(|(s, _)| s == CueStrength::Speech)
                    })
        });
        if join {
            if let Some(last) = out.last_mut() {
                last.1 = e;
            }
        } else {
            out.push((a, e));
        }
    }
    out
}

/// The end of a content that starts at `k`: the segment end without the final full stop,
/// cut before `; `, and before `, <cue>` clauses (`, adding that`, `, according to`, `, and
/// X said`).
#[allow(clippy::many_single_char_names)] // k..e are token indices, as everywhere here
fn content_end(cx: &Cx, k: usize, e: usize) -> usize {
    let mut buf = [0u8; 24];
    let mut j = k;
    while j < e {
        if !cx.in_quote(j) && cx.kind(j) == TokenKind::Punct {
            let s = cx.w(j);
            // a dash opens an aside or a new clause: `the tide is turning — and the Senate
            // ...` (not a hyphen between spaces: on the dev split that cost more contents than
            // it gave)
            if s == ";" || j > k && matches!(s, "—" | "--" | "–") {
                break;
            }
        }
        // `He said that A and said that B`: a second cue with the same subject
        if !cx.in_quote(j) && j > k && (cx.is(j, "and") || cx.is(j, "but")) {
            let mut n = j + 1;
            if cx.lower(n, &mut buf).is_some_and(lexicon::cue_prefix) {
                n += 1;
            }
            if n < e
                && cx
                    .lower(n, &mut buf)
                    .and_then(lexicon::cue)
                    .is_some_and(|(s, f)| s == CueStrength::Speech && f == CueForm::Finite)
            {
                break;
            }
        }
        if !cx.in_quote(j) && cx.kind(j) == TokenKind::Punct {
            let s = cx.w(j);
            if s == "," {
                // `, echoing a memo`: a participle clause after the content
                if participle_next(cx, j, e) {
                    break;
                }
                // a cue within the next few words, with no punctuation between
                let mut n = j + 1;
                let mut found = false;
                while n < e && n <= j + 7 && cx.kind(n) == TokenKind::Word && !cx.in_quote(n) {
                    if cx.is(n, "according") && cx.is(n + 1, "to") {
                        found = true;
                        break;
                    }
                    if cx
                        .lower(n, &mut buf)
                        .and_then(lexicon::cue)
                        .is_some_and(|(s, _)| s == CueStrength::Speech)
                    {
                        found = true;
                        break;
                    }
                    n += 1;
                }
                if found {
                    break;
                }
            }
        }
        j += 1;
    }
    // drop final punctuation outside quotation marks
    while j > k && cx.kind(j - 1) == TokenKind::Punct && !cx.in_quote(j - 1) {
        j -= 1;
    }
    j
}

/// Content before a postposed cue: from the segment start (after a leading `Nevertheless,`)
/// to `end` (exclusive).
fn content_before(cx: &Cx, a: usize, end: usize) -> Option<Content> {
    let mut a = a;
    // a leading single adverb and comma: `Nevertheless, ...`
    if a + 2 < end && cx.punct(a + 1, ",") && cx.kind(a) == TokenKind::Word {
        a += 2;
    }
    if a >= end {
        return None;
    }
    // exactly one quotation
    if let Some(p) = cx.is_open_mark(a) {
        let last = end - 1;
        if cx.is_close_mark(last) == Some(p)
            || cx.punct(last, ",") && last > a && cx.is_close_mark(last - 1) == Some(p)
        {
            return Some(Content::Pairs(vec![p]));
        }
        // a quotation that runs on from the paragraph before ends here: `B,” he said`
        cx.pairs[p].close?;
    }
    let mut e = end;
    while e > a && cx.kind(e - 1) == TokenKind::Punct && !cx.in_quote(e - 1) {
        e -= 1;
    }
    (e > a).then_some(Content::Span(a, e))
}

/// Content after a preposed cue at token `k`.
fn content_after(cx: &Cx, k: usize, e: usize, addressee: bool) -> Option<(Content, usize)> {
    let mut buf = [0u8; 24];
    let mut k = k;
    if k >= e {
        return None;
    }
    // `told reporters that`, `told Politico, “...”`: skip the addressee
    // ... but none is needed before a quotation (`asked, “Why?”`)
    let quote_next =
        (cx.punct(k, ",") || cx.punct(k, ":")) && k + 1 < e && cx.is_open_mark(k + 1).is_some();
    if addressee && !cx.is(k, "that") && cx.is_open_mark(k).is_none() && !quote_next {
        let mut n = k;
        while n < e && n < k + 8 && !cx.in_quote(n) && cx.kind(n) != TokenKind::Punct {
            if cx.is(n, "that") || cx.is(n, "to") || cx.is(n, "not") {
                break;
            }
            n += 1;
        }
        if n > k && n < e {
            k = n;
            // `urged Stoltenberg, who has ..., to push`: skip a relative clause
            if cx.punct(k, ",") && (cx.is(k + 1, "who") || cx.is(k + 1, "which")) {
                let mut m = k + 1;
                while m < e && !cx.punct(m, ",") {
                    m += 1;
                }
                k = m;
            }
            if cx.punct(k, ",") || cx.punct(k, ":") {
                k += 1;
            }
        } else {
            return None;
        }
    }
    // adverbials between cue and `that`: `said in 2008 that`, `said on Monday that`
    if !cx.is(k, "that") {
        let mut n = k;
        while n < e && n < k + 8 && cx.kind(n) != TokenKind::Punct && !cx.in_quote(n) {
            if cx.is(n, "that") {
                break;
            }
            n += 1;
        }
        if n > k && n < e && cx.is(n, "that") {
            let first = cx.lower(k, &mut buf).unwrap_or("");
            if matches!(
                first,
                "in" | "on"
                    | "at"
                    | "during"
                    | "last"
                    | "this"
                    | "earlier"
                    | "later"
                    | "repeatedly"
            ) || lexicon::time_word(first)
            {
                k = n;
            }
        } else if lexicon::time_word(cx.lower(k, &mut buf).unwrap_or(""))
            && cx.capitalised(k)
            && !cx.clitic(k + 1)
        {
            // `said Tuesday he would` (not `said Thursday's speeches ...`)
            k += 1;
        }
    }
    // `posted on social media: “...”`: a short adverbial before a colon and a quotation
    if cx.is_open_mark(k).is_none() {
        if let Some(n) = words_before_quote(cx, k, e, 8) {
            if n > k && !(k..n).any(|m| cx.is(m, "that")) {
                k = n;
            }
        }
    }
    // `said: “...”`, `said, “...”`; a content never opens with that punctuation, nor with a
    // quotation mark left unpaired (`he said: “We are farmers` at the end of an article)
    let mut unpaired_mark = None;
    while k < e
        && (cx.punct(k, ":")
            || cx.punct(k, ",")
            || cx.kind(k) == TokenKind::Quote && !cx.in_quote(k))
    {
        if cx.kind(k) == TokenKind::Quote {
            unpaired_mark = Some(k);
        }
        k += 1;
    }
    if k >= e {
        return None;
    }
    if let Some(p) = cx.is_open_mark(k) {
        let end = content_end(cx, k, e);
        if end > k && cx.is_close_mark(end - 1) == Some(p) {
            return Some((Content::Pairs(vec![p]), end));
        }
        // `cautioned “let's not pretend this fixes it,” before voting ...`: a quotation
        // closed by its own punctuation is the whole content; what follows is the writer's
        if let Some(close) = cx.pairs[p].close {
            let inner = cx.pairs[p].inner.slice(cx.text);
            if inner.ends_with([',', '.', '?', '!']) {
                let after = first_token_at(cx, close.end);
                if after <= e {
                    return Some((Content::Pairs(vec![p]), after));
                }
            }
        }
        if cx.pairs[p].close.is_none() {
            // runs on into the next paragraph
            return Some((Content::Pairs(vec![p]), e));
        }
    }
    let end = content_end(cx, k, e);
    // `Trump: ‘I’m the Worst Thing ...’`: a mark the pairing left open (a single quote among
    // apostrophes) still opens the content when a mark closes it
    if let Some(m) = unpaired_mark.filter(|_| end > k && cx.kind(end - 1) == TokenKind::Quote) {
        if (m + 1..k).all(|j| cx.kind(j) == TokenKind::Quote) {
            return Some((Content::Span(m, end), end));
        }
    }
    (end > k).then_some((Content::Span(k, end), end))
}

/// Tries to build an attribution around `cue` in segment `[a, e)`; `lo` is the first token not
/// taken by an earlier attribution. Returns the quotation and the first token after it.
fn attribute(
    cx: &Cx,
    cue: &Cue,
    lo: usize,
    a: usize,
    e: usize,
    seg_prev: &[Raw],
) -> Option<(Raw, usize)> {
    let mut buf = [0u8; 24];
    if cue.according {
        // `according to SRC, CONTENT` / `CONTENT, according to SRC`
        let src_start = cue.end;
        let mut src_end = src_start;
        while src_end < e && !cx.in_quote(src_end) && !matches!(cx.kind(src_end), TokenKind::Punct)
        {
            src_end += 1;
        }
        if src_end == src_start {
            return None;
        }
        let source = Some(cx.span(src_start, src_end));
        // `Two members had argued for holding rates, according to people familiar with it`:
        // the whole clause, with the attribution inside it, is what the people reported
        let (content, end) = if cue.start > a && cx.punct(cue.start - 1, ",") {
            (
                content_before(cx, lo, cue.start - 1)
                    .or_else(|| content_before(cx, a, cue.start - 1))?,
                content_end(cx, src_end, e).max(src_end),
            )
        } else if cue.start <= lo + 1 || cx.punct(cue.start - 1, ",") {
            if !cx.punct(src_end, ",") {
                return None;
            }
            content_after(cx, src_end + 1, e, false)?
        } else {
            return None;
        };
        return Some((
            make(cx, QuoteKind::Indirect, content, cue, source, None, 0.75),
            end,
        ));
    }
    if cue.colon {
        let (s, se) = match cx.source_before(cue.start, lo) {
            Some((s, se)) if s == lo => (s, se),
            // `Okoye welcomed the decision: “...”`
            _ => subject_at(cx, lo, cue.start)?,
        };
        let (mut content, mut end) = content_after(cx, cue.end, e, false)?;
        let name_line = cue.start + 1 == cue.end && cx.name_colon(cue.start, a);
        if !(matches!(content, Content::Pairs(_)) || name_line) {
            return None;
        }
        // a transcript's turn is the whole paragraph after its label, final mark included
        if cx.transcript
            && name_line
            && transcript_label(cx.span(s, cue.end).slice(cx.text)).is_some()
        {
            let from = cx.toks.get(cue.end).map_or(cx.text.len(), |t| t.span.start);
            let para_end = cx.text[from..]
                .find('\n')
                .map_or(cx.text.len(), |n| from + n);
            let last = first_token_at(cx, para_end);
            if last > cue.end {
                content = Content::Span(cue.end, last);
                end = end.max(last.min(e));
            }
        }
        // `She then addressed the supporters again: “...”`: PolNeAR's cue runs from the verb
        // after the subject to the colon
        let mut cue = *cue;
        if se < cue.start && cue.start - se <= 8 && !(se..cue.start).any(|k| cx.in_quote(k)) {
            cue.start = se;
        }
        // a headline's `Name: words` reports the words without marks
        let kind = kind_of(&content);
        return Some((
            make(cx, kind, content, &cue, Some(cx.span(s, se)), None, 0.7),
            end,
        ));
    }
    let verb_lower = cx.lower(cue.verb, &mut buf).unwrap_or("").to_owned();
    let addressee = lexicon::takes_addressee(&verb_lower);
    let before = cue.start.checked_sub(1).filter(|&b| b >= lo);

    let appositive = appositive_before(cx, cue.start, lo, cue.strength == CueStrength::Speech);
    // postposed, inverted: `“...,” said Peskov` / `CONTENT, said X`
    if let (Some(b), None) = (before, appositive) {
        let after_content = cx.punct(b, ",") || cx.is_close_mark(b).is_some();
        // `“Who?” asked Sen. Cantwell`: after a closing mark even a verb that takes an
        // addressee is inverted before its subject
        if after_content
            && cue.form == CueForm::Finite
            && (!addressee || cx.is_close_mark(b).is_some())
        {
            let reaches_end = |se: usize| {
                // only punctuation up to the segment end or the next quotation
                let mut k = se;
                while k < e && cx.kind(k) == TokenKind::Punct {
                    k += 1;
                }
                k >= e
                    || cx.is_open_mark(k).is_some()
                    || cx.punct(se, ",")
                        && se + 1 < e
                        && (cx.cue_starts(se + 1) || cx.is(se + 1, "who") || cx.is(se + 1, "which"))
                    || ["—", "–", ";", "("].iter().any(|d| cx.punct(se, d))
                    // `said Smith on Tuesday.`
                    || (cx.is(se, "on") || cx.is(se, "in") || cx.is(se, "at") || cx.is(se, "during"))
                        && tail_only(cx, se, e)
            };
            if let Some((s, se)) = cx
                .source_after(cue.end, e)
                .filter(|&(_, se)| reaches_end(se) || cx.is_close_mark(b).is_some())
            {
                // (no content before the comma: not this pattern, `X, who ..., said the
                // family deserved better` is read below)
                if let Some(content) =
                    content_before(cx, lo, if cx.punct(b, ",") { b } else { b + 1 })
                {
                    let mut raw = make(
                        cx,
                        kind_of(&content),
                        content,
                        cue,
                        Some(cx.span(s, se)),
                        None,
                        0.85,
                    );
                    let end = follow_on(cx, &mut raw, se, e);
                    return Some((raw, end));
                }
            }
        }
    }
    // `Asked whether ..., Lambert said ...`: the question is attributed to the person
    // answering it, named after the comma
    if (cx.is(cue.verb, "asked") && (cue.verb == a || cue.verb == a + 1 && cx.is(a, "when")))
        && cue.start == cue.verb
    {
        let comma =
            (cue.end..e.min(cue.end + 30)).find(|&k| cx.punct(k, ",") && !cx.in_quote(k))?;
        let next_cue = (comma + 1..e.min(comma + 9)).find(|&k| cx.cue_at(k, a).is_some())?;
        let (s, se) = cx.source_before(next_cue, comma + 1)?;
        if s != comma + 1 || cue.end >= comma {
            return None;
        }
        let raw = make(
            cx,
            QuoteKind::Indirect,
            Content::Span(cue.end, comma),
            cue,
            Some(cx.span(s, se)),
            None,
            0.6,
        );
        return Some((raw, comma));
    }
    // gerund after a comma: `..., adding that ...` shares the source of the clause
    if cue.form == CueForm::Gerund {
        let (content, end) = content_after(cx, cue.end, e, addressee)?;
        // `a statement saying, “...”`: without a comma before, only a quotation after
        if !before.is_some_and(|b| cx.punct(b, ",")) && !matches!(content, Content::Pairs(_)) {
            return None;
        }
        let shared = seg_prev.len().checked_sub(1);
        let source = shared.and_then(|q| seg_prev[q].source).or_else(|| {
            // the subject of the clause: a noun phrase at the segment start
            subject_at(cx, a, cue.start).map(|(s, se)| cx.span(s, se))
        });
        source?;
        let mut raw = make(cx, kind_of(&content), content, cue, source, None, 0.7);
        raw.shares_source_of = shared;
        return Some((raw, end));
    }
    // postposed: `CONTENT, SRC said` / `“...,” SRC said`
    let (src, src_lo) = match cx.source_before(cue.start, lo) {
        Some((s, se)) => (Some((s, se)), s),
        None => (None, cue.start),
    };
    let (src, src_lo) = match appositive {
        Some((s, se)) if src.is_none() => (Some((s, se)), s),
        _ => (src, src_lo),
    };
    if let Some((s, se)) = src {
        if src_lo > lo {
            let p = src_lo - 1;
            let closes = cx.is_close_mark(p).is_some();
            let asked = cx.is(lo, "asked") || cx.is(lo, "when") && cx.is(lo + 1, "asked");
            if closes
                || cx.punct(p, ",")
                    && (tail_only(cx, cue.end, e) || gerund_next(cx, cue.end, e))
                    && !asked
            {
                let content = content_before(cx, lo, if closes { p + 1 } else { p });
                if let Some(content) = content {
                    let conf = if cue.strength == CueStrength::Speech {
                        0.9
                    } else {
                        0.6
                    };
                    let mut raw = make(
                        cx,
                        kind_of(&content),
                        content,
                        cue,
                        Some(cx.span(s, se)),
                        None,
                        conf,
                    );
                    let end = follow_on(cx, &mut raw, cue.end, e);
                    return Some((raw, end));
                }
            }
        }
    }
    if let Some(raw) = quote_then_long_subject(cx, cue, lo, e) {
        return Some(raw);
    }
    if src.is_none() {
        // (from the segment start: a relative clause inside the subject may have been read
        // as an attribution of its own, `Kasich, who has refused to endorse X, said ...`)
        if let Some(raw) = long_subject_then_clause(cx, cue, a, e, addressee) {
            return Some(raw);
        }
    }
    // preposed: `SRC said (that) CONTENT`, `SRC said: “...”`
    let (s, se) = if let Some(x) = src {
        x
    } else {
        // `The Kremlin has ..., but repeated that`: the subject of the clause
        let b = before?;
        if !(cx.is(b, "but") || cx.is(b, "and")) {
            // `..., Smith, a pastor in Ames, said: “...”`, `He went on to say, “...”`: a cue
            // right before a quotation attributes it even when no subject is found next to
            // the cue; the subject of the clause, if any, is the source
            let mut k = cue.end;
            if k < e && (cx.punct(k, ",") || cx.punct(k, ":")) {
                k += 1;
            }
            if cue.form == CueForm::Gerund {
                return None;
            }
            if k < e && cx.is_open_mark(k).is_some() {
                let (content, end) = content_after(cx, k, e, false)?;
                if !matches!(content, Content::Pairs(_)) {
                    return None;
                }
                let source = subject_at(cx, a, cue.start).map(|(s, se)| cx.span(s, se));
                let raw = make(cx, QuoteKind::Direct, content, cue, source, None, 0.5);
                return Some((raw, end));
            }
            // `Jeb Bush in a Medium post said he would ...`, `Grassley, facing a challenge in
            // Iowa, a swing state, said he ...`: a verb of saying with a clause after it reports
            // that clause; the source is the subject of the sentence when one is found
            if cue.strength != CueStrength::Speech
                || !cue.loose && cx.lower(cue.verb, &mut buf) != Some("said")
            {
                return None;
            }
            let (content, end) = content_after(cx, cue.end, e, addressee)?;
            let Content::Span(k0, _) = content else {
                return None;
            };
            let mut b2 = [0u8; 24];
            let first = cx.lower(k0, &mut b2).unwrap_or("");
            if !(first == "that" || lexicon::subject_pronoun(first) || cx.capitalised(k0)) {
                return None;
            }
            let source = subject_at(cx, a, cue.start).map(|(s, se)| cx.span(s, se));
            let raw = make(cx, QuoteKind::Indirect, content, cue, source, None, 0.45);
            return Some((raw, end));
        }
        // the source of the attribution before in the sentence, else the subject
        match seg_prev.last().and_then(|r| r.source) {
            Some(src) => {
                let s = first_token_at(cx, src.start);
                let se = first_token_at(cx, src.end);
                (s, se)
            }
            None => subject_at(cx, a, b)?,
        }
    };
    // `The candidate continued, saying, “...”`: the gerund after the comma reports what follows
    if gerund_next(cx, cue.end, e) {
        return None;
    }
    let (content, end) = content_after(cx, cue.end, e, addressee)?;
    if cue.strength == CueStrength::Weak && !cue.loose {
        // a stance verb needs a clear complement
        let ok = match &content {
            Content::Pairs(_) => true,
            Content::Span(k, _) => cx.is(*k, "that"),
        };
        if !ok {
            return None;
        }
    }
    let conf = if cue.strength == CueStrength::Speech {
        0.8
    } else {
        0.55
    };
    // the object of a preposition is not who spoke (`Voters who spoke to Lede Wire said`
    // when the relative clause was not found): keep the quotation, leave the source unknown
    let pp_object = s > a && {
        let mut b = [0u8; 24];
        cx.lower(s - 1, &mut b).is_some_and(|p| {
            matches!(
                p,
                "to" | "with" | "from" | "by" | "at" | "in" | "on" | "for" | "about"
            )
        })
    };
    // ... unless the phrase before the preposition starts the clause: `Economists at Nordbank
    // said`, `The Teamsters local in Columbus warned`
    let source = if pp_object {
        cx.source_before(s - 1, lo)
            .filter(|&(s2, _)| s2 == a || s2 == lo || cx.punct(s2 - 1, ","))
            .map(|(s2, _)| cx.span(s2, se))
    } else {
        Some(cx.span(s, se))
    };
    let raw = make(cx, kind_of(&content), content, cue, source, None, conf);
    Some((raw, end))
}

/// `“...,” the leader of the opposition group, Anita Brandt, said`: a quotation
/// closed by a comma, then a subject the phrase rules do not cover (appositives, relative
/// clauses, participles) and a verb of saying that ends the clause. The whole stretch between
/// the quotation and the cue is the source.
fn quote_then_long_subject(cx: &Cx, cue: &Cue, lo: usize, e: usize) -> Option<(Raw, usize)> {
    if cue.form != CueForm::Finite || cue.strength != CueStrength::Speech || cue.according {
        return None;
    }
    let p = cx.is_open_mark(lo)?;
    let close = cx.pairs[p].close?;
    let mut s = first_token_at(cx, close.end);
    let comma_inside = cx.pairs[p].inner.slice(cx.text).ends_with(',');
    if cx.punct(s, ",") {
        s += 1;
    } else if !comma_inside {
        return None;
    }
    if s >= cue.start || cue.start - s > 30 {
        return None;
    }
    let clean = (s..cue.start).all(|k| match cx.kind(k) {
        TokenKind::Quote => cx.possessive_apostrophe(k),
        _ => !clause_break(cx, k),
    });
    // the clause ends with the cue: a short tail, a gerund clause or the next quotation
    let next_quote = {
        let mut k = cue.end;
        while k < e && (cx.punct(k, ",") || cx.punct(k, ":")) {
            k += 1;
        }
        k < e && cx.is_open_mark(k).is_some()
    };
    if !clean
        || !(tail_only(cx, cue.end, e)
            || gerund_next(cx, cue.end, e)
            || participle_next(cx, cue.end, e)
            || next_quote)
    {
        return None;
    }
    let mut se = cue.start;
    while se > s && cx.kind(se - 1) == TokenKind::Punct {
        se -= 1;
    }
    if se == s {
        return None;
    }
    let mut raw = make(
        cx,
        QuoteKind::Direct,
        Content::Pairs(vec![p]),
        cue,
        Some(cx.span(s, se)),
        None,
        0.6,
    );
    let end = follow_on(cx, &mut raw, cue.end, e);
    Some((raw, end))
}

/// Fewer than `max` words from token `k`, then `,` or `:` and an opening quotation mark
/// (`posted on social media: “...”`): the index of that comma or colon.
fn words_before_quote(cx: &Cx, k: usize, e: usize, max: usize) -> Option<usize> {
    let mut n = k;
    while n < e
        && n < k + max
        && matches!(cx.kind(n), TokenKind::Word | TokenKind::Number)
        && !cx.in_quote(n)
    {
        n += 1;
    }
    (n + 1 < e && (cx.punct(n, ",") || cx.punct(n, ":")) && cx.is_open_mark(n + 1).is_some())
        .then_some(n)
}

/// `Rachel Berg, a philanthropist from Monsey, New York, said the speeches ...`: a name (or
/// a noun phrase) opening the clause, a comma, an apposition or relative clause the phrase
/// rules do not cover (commas, quotations and clauses inside), a comma, then a verb of saying
/// and what was said. The whole stretch before the cue is the source.
fn long_subject_then_clause(
    cx: &Cx,
    cue: &Cue,
    lo: usize,
    e: usize,
    addressee: bool,
) -> Option<(Raw, usize)> {
    if cue.form != CueForm::Finite || cue.strength != CueStrength::Speech || cue.according {
        return None;
    }
    let close = cue.start.checked_sub(1)?;
    if close <= lo + 2 || close - lo > 45 || !cx.punct(close, ",") {
        return None;
    }
    // the head: a noun phrase from the clause start to the first comma
    let first = (lo..close).find(|&k| cx.punct(k, ",") && !cx.in_quote(k))?;
    if cx.source_before(first, lo) != Some((lo, first)) || !cx.capitalised(lo) {
        return None;
    }
    let inside_ok = (first + 1..close).all(|k| cx.in_quote(k) || !clause_break(cx, k));
    if !inside_ok || first + 1 >= close {
        return None;
    }
    let (content, end) = content_after(cx, cue.end, e, addressee)?;
    if let Content::Span(k0, k1) = content {
        // a clause, not an object (`said nothing`, `said so`)
        let mut b = [0u8; 24];
        let w = cx.lower(k0, &mut b).unwrap_or("");
        let opens_clause = w == "that"
            || lexicon::subject_pronoun(w)
            || cx.capitalised(k0)
            || matches!(
                w,
                "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "this"
            );
        if !opens_clause || k1 - k0 < 3 {
            return None;
        }
    }
    let raw = make(
        cx,
        kind_of(&content),
        content,
        cue,
        Some(cx.span(lo, close)),
        None,
        0.6,
    );
    Some((raw, end))
}

/// The speaker label opening a transcript paragraph: one to three words in capitals (or one
/// capital letter, `Q`, `A`), then a colon: `TAPPER:`, `JAKE TAPPER:`, `Q:`. Returns the label.
fn transcript_label(paragraph: &str) -> Option<&str> {
    let (label, _) = paragraph.split_once(':')?;
    let label = label.trim();
    let words: Vec<&str> = label.split_whitespace().collect();
    let caps = |w: &str| {
        w.chars().any(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | '’'))
    };
    ((1..=3).contains(&words.len()) && words.iter().all(|w| caps(w))).then_some(label)
}

/// Punctuation at `k` that ends a sentence or a clause (`.`, `?`, `!`, `;`, `:`, a dash): a
/// subject phrase does not run across it.
fn clause_break(cx: &Cx, k: usize) -> bool {
    cx.kind(k) == TokenKind::Punct && matches!(cx.w(k), "." | "?" | "!" | ";" | ":" | "—" | "–")
}

/// A comma at `k` and a participle clause after it (`, echoing a memo`, `, pointing to`).
fn participle_next(cx: &Cx, k: usize, e: usize) -> bool {
    let next = cx.toks.get(k + 1).map_or("", |t| t.span.slice(cx.text));
    cx.punct(k, ",")
        && k + 1 < e
        && next.len() > 4
        && next.ends_with("ing")
        && next.starts_with(|c: char| c.is_ascii_lowercase())
}

/// `..., Spicer said, adding, “...”`: a comma and a gerund cue (not `according to`) at `k`.
fn gerund_next(cx: &Cx, k: usize, e: usize) -> bool {
    k + 1 < e && cx.punct(k, ",") && !cx.is(k + 1, "according") && cx.cue_starts(k + 1)
}

/// After a postposed cue only a short tail may follow (`officials said Tuesday.`, `told a
/// press conference.`), not a content of its own (`..., Peskov said that ...`).
fn tail_only(cx: &Cx, from: usize, e: usize) -> bool {
    if from > 0 && cx.punct(from - 1, ":") {
        return false;
    }
    let mut words = 0;
    for i in from..e {
        if cx.is(i, "that") || cx.kind(i) == TokenKind::Quote || cx.punct(i, ":") {
            return false;
        }
        if cx.kind(i) == TokenKind::Word {
            words += 1;
        }
    }
    words <= 8
}

/// `Dmitry Peskov, the Kremlin spokesman, said`: the name and its appositive before the cue.
fn appositive_before(cx: &Cx, cue_start: usize, lo: usize, speech: bool) -> Option<(usize, usize)> {
    if cue_start < lo + 4 || !cx.punct(cue_start - 1, ",") {
        return None;
    }
    // the comma that opens the appositive or relative clause
    let close = cue_start - 1;
    let open = (close.saturating_sub(24).max(lo + 1)..close)
        .rev()
        .find(|&k| {
            cx.punct(k, ",") || cx.kind(k) == TokenKind::Quote && !cx.possessive_apostrophe(k)
        })?;
    if !cx.punct(open, ",") || open + 1 >= close {
        return None;
    }
    let relative = cx.is(open + 1, "who") || cx.is(open + 1, "which");
    // a noun phrase with prepositional phrases inside (`an organizer with the Coalition for
    // Real Justice`), not a phrase opening with a preposition (`Stranch, in her dissent, said`)
    let inside = |k: usize| {
        let mut b = [0u8; 24];
        cx.lower(k, &mut b).is_some_and(|l| {
            matches!(
                l,
                "of" | "for"
                    | "with"
                    | "at"
                    | "in"
                    | "from"
                    | "on"
                    | "to"
                    | "and"
                    | "the"
                    | "a"
                    | "an"
            )
        })
    };
    let np = !matches!(
        cx.lower(open + 1, &mut [0u8; 24]).unwrap_or(""),
        "of" | "for" | "with" | "at" | "in" | "from" | "on" | "to" | "and"
    ) && (open + 1..close).all(|k| {
        cx.np_token(k) || inside(k) || cx.punct(k, "(") || cx.punct(k, ")") || cx.punct(k, "-")
    });
    // `Murphy, though, said`, `Stranch, in her dissent, said`: a short aside, not part of
    // the source; only before a verb of saying (`Two members, however, had argued ...,
    // according to people familiar` is better read from `according to`)
    let aside = speech
        && !relative
        && !np
        && close - open <= 6
        && (open + 1..close).all(|k| !cx.in_quote(k));
    if !(relative || np || aside) {
        return None;
    }
    let (mut n, mut ne) = cx.source_before(open, lo)?;
    // `Per Holmen, 64, who has run ...`: an age between the name and the clause
    if ne == n + 1 && cx.kind(n) == TokenKind::Number && n > lo + 1 && cx.punct(n - 1, ",") {
        (n, ne) = cx.source_before(n - 1, lo)?;
    }
    if !cx.capitalised(n) && !cx.capitalised(ne - 1) {
        return None;
    }
    // the name must start a clause: segment start, after a closing mark or a comma
    let starts_clause = n == lo
        || cx.punct(n - 1, ",")
        || cx.is_close_mark(n - 1).is_some()
        || n == lo + 1 && (cx.is(lo, "But") || cx.is(lo, "And") || cx.is(lo, "So"));
    // PolNeAR's sources keep an appositive (`Rahm Emanuel, his chief of staff`) and mostly a
    // relative clause too (`Ramos, who lives in Miami`: 304 against 133 in the training split)
    starts_clause.then_some((n, if aside { ne } else { close }))
}

/// The subject noun phrase at the start of a clause `[a, limit)`: a determiner and a run of
/// capitalised words (`The White House`), or a determiner and one or two nouns (`The minister`).
fn subject_at(cx: &Cx, a: usize, limit: usize) -> Option<(usize, usize)> {
    let mut buf = [0u8; 24];
    let mut s = a;
    // skip a leading conjunction
    if cx.is(s, "but") || cx.is(s, "and") {
        s += 1;
    }
    if s >= limit {
        return None;
    }
    if let Some(l) = cx.lower(s, &mut buf) {
        if matches!(l, "he" | "she" | "they" | "it" | "we" | "i") {
            return Some((s, s + 1));
        }
    }
    let mut n = s;
    if cx
        .lower(n, &mut buf)
        .is_some_and(|l| matches!(l, "the" | "a" | "an" | "its" | "his" | "her" | "their"))
    {
        n += 1;
    }
    let body = n;
    while n < limit
        && n < s + 8
        && cx.np_token(n)
        && (cx.capitalised(n) || cx.clitic(n) || cx.kind(n) == TokenKind::Number)
    {
        n += 1;
    }
    if n == body {
        // lowercase nouns: `The minister`, `The labour minister`
        while n < limit && n < body + 2 && cx.np_token(n) && !cx.w(n).ends_with("ed") {
            n += 1;
        }
    }
    (n > body && cx.capitalised(s)).then_some((s, n))
}

/// After a postposed attribution: `“A,” X said, “B.”` takes the second quotation too.
fn follow_on(cx: &Cx, raw: &mut Raw, after: usize, e: usize) -> usize {
    let mut k = after;
    if raw.kind != QuoteKind::Direct {
        return k;
    }
    // `he told reporters outside the building, “B.”`: a short tail before the comma
    if let Some(n) = words_before_quote(cx, k, e, 10) {
        k = n;
    }
    if (cx.punct(k, ",") || cx.punct(k, ":")) && k + 1 < e {
        if let Some(p) = cx.is_open_mark(k + 1) {
            let end = content_end(cx, k + 1, e);
            let closes_at_end = end > k + 1 && cx.is_close_mark(end - 1) == Some(p);
            if closes_at_end || cx.pairs[p].close.is_none() {
                raw.parts.push(content_part(cx, &cx.pairs[p]));
                raw.pairs.push(p);
                k = end;
            }
        }
    }
    k
}

fn kind_of(c: &Content) -> QuoteKind {
    match c {
        Content::Pairs(_) => QuoteKind::Direct,
        Content::Span(..) => QuoteKind::Indirect,
    }
}

fn make(
    cx: &Cx,
    kind: QuoteKind,
    content: Content,
    cue: &Cue,
    source: Option<Span>,
    shares: Option<usize>,
    confidence: f64,
) -> Raw {
    let (parts, pairs) = match content {
        Content::Pairs(ps) => (
            ps.iter().map(|&p| content_part(cx, &cx.pairs[p])).collect(),
            ps,
        ),
        Content::Span(a, b) => (vec![cx.span(a, b)], Vec::new()),
    };
    Raw {
        kind,
        parts,
        pairs,
        cue: Some(cx.span(cue.start, cue.end)),
        source,
        from_context: false,
        shares_source_of: shares,
        confidence,
    }
}

/// An indirect attribution after quotation `q` (in `out`), cued before `pos`, in a sentence of
/// its own (`“A,” X said. B “c,” he added.`), not inside the sentence of `q` (`“A,” X said,
/// referring to B`); with `quoting`, only one that quotes (has a partial quotation of its own).
fn attribution_after(cx: &Cx, out: &[Raw], q: usize, pos: usize, quoting: bool) -> bool {
    let Some(from) = out[q]
        .cue
        .map(|c| c.end)
        .or(out[q].parts.first().map(|p| p.end))
    else {
        return false;
    };
    (q + 1..out.len()).any(|h| {
        let r = &out[h];
        let start = r.parts.first().map_or(0, |p| p.start);
        r.kind == QuoteKind::Indirect
            && r.cue.is_some_and(|c| c.end <= pos)
            && start > from
            && sentence_break_between(cx, from, start)
            && (!quoting
                || out
                    .iter()
                    .any(|p| p.kind == QuoteKind::Partial && p.shares_source_of == Some(h)))
    })
}

/// A full stop, question or exclamation mark outside quotation marks between byte offsets.
fn sentence_break_between(cx: &Cx, from: usize, to: usize) -> bool {
    let a = first_token_at(cx, from);
    let b = first_token_at(cx, to);
    (a..b).any(|i| !cx.in_quote(i) && (cx.punct(i, ".") || cx.punct(i, "?") || cx.punct(i, "!")))
}
