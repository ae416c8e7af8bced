//! The scanning context: the shared tokens with the quotation-mark state of each, and the
//! accessors every rule reads them through.

use lede_core::{Paragraph, Span, Token, TokenKind};

use super::cue::transcript_label;
use crate::lexicon;
use crate::marks::{Marks, Pair};

pub(super) struct Cx<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub pairs: &'a [Pair],
    /// For each token, 1 + the index of the pair whose marks enclose it (marks included), or 0.
    pub qp: Vec<u32>,
    /// End (byte offset) of the dateline opening the first body paragraph (`Kyiv:`), or 0.
    pub dateline_end: usize,
    /// The article is (or holds) a transcript: two paragraphs or more open with a speaker
    /// label in capitals and a colon (`TAPPER:`, `Q:`, `A:`).
    pub transcript: bool,
}

impl<'a> Cx<'a> {
    pub(super) fn new(
        text: &'a str,
        toks: &'a [Token],
        paragraphs: &[Paragraph],
        marks: &'a Marks,
    ) -> Self {
        let pairs = &marks.pairs;
        let qp = crate::marks::token_pairs(toks, pairs);
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
            .and_then(|p| {
                lede_core::text::dateline_len(p.span.slice(text)).map(|n| p.span.start + n)
            })
            .unwrap_or(0);
        let transcript = paragraphs
            .iter()
            .filter(|p| !p.is_headline && transcript_label(p.span.slice(text)).is_some())
            .count()
            >= 2;
        Cx {
            text,
            toks,
            pairs,
            qp,
            dateline_end,
            transcript,
        }
    }
}

// The accessors take any index: past the last token a word is empty and a token is
// punctuation, so that a rule probing one token too far never panics.
impl Cx<'_> {
    pub(super) fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.span.slice(self.text))
    }

    pub(super) fn is(&self, i: usize, word: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.span.slice(self.text).eq_ignore_ascii_case(word))
    }

    pub(super) fn kind(&self, i: usize) -> TokenKind {
        self.toks.get(i).map_or(TokenKind::Punct, |t| t.kind)
    }

    pub(super) fn lower<'b>(&self, i: usize, buf: &'b mut [u8; 24]) -> Option<&'b str> {
        lexicon::lower(self.w(i), buf)
    }

    pub(super) fn in_quote(&self, i: usize) -> bool {
        self.qp.get(i).is_some_and(|&q| q != 0)
    }

    pub(super) fn pair_of(&self, i: usize) -> Option<usize> {
        let q = *self.qp.get(i)?;
        (q != 0).then(|| q as usize - 1)
    }

    pub(super) fn is_open_mark(&self, i: usize) -> Option<usize> {
        let p = self.pair_of(i)?;
        (self.pairs[p].open.start == self.toks[i].span.start).then_some(p)
    }

    pub(super) fn is_close_mark(&self, i: usize) -> Option<usize> {
        let p = self.pair_of(i)?;
        let c = self.pairs[p].close?;
        (c.end == self.toks[i].span.end).then_some(p)
    }

    pub(super) fn punct(&self, i: usize, c: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct && t.span.slice(self.text) == c)
    }

    pub(super) fn capitalised(&self, i: usize) -> bool {
        self.w(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The text span of tokens `a..b` (empty at the text's end when the range is).
    pub(super) fn span(&self, a: usize, b: usize) -> Span {
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
    pub(super) fn possessive_apostrophe(&self, i: usize) -> bool {
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
    pub(super) fn clitic(&self, i: usize) -> bool {
        let w = self.w(i);
        (w.starts_with('\'') || w.starts_with('’')) && w.len() <= 4
    }

    /// A number in digits or words (`10`, `three`).
    pub(super) fn number_word(&self, i: usize) -> bool {
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

    /// A preposition whose object is not who spoke (`Voters who spoke to Lede Wire said`).
    pub(super) fn preposition(&self, i: usize) -> bool {
        let mut buf = [0u8; 24];
        self.lower(i, &mut buf).is_some_and(|l| {
            matches!(
                l,
                "to" | "with" | "from" | "by" | "at" | "in" | "on" | "for" | "about"
            )
        })
    }

    /// A token that can be part of a source noun phrase.
    pub(super) fn np_token(&self, i: usize) -> bool {
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
}

/// The first token starting at or after byte `pos`.
pub(super) fn first_token_at(cx: &Cx, pos: usize) -> usize {
    cx.toks.partition_point(|t| t.span.start < pos)
}

/// Punctuation at `k` that ends a sentence or a clause (`.`, `?`, `!`, `;`, `:`, a dash): a
/// subject phrase does not run across it.
pub(super) fn clause_break(cx: &Cx, k: usize) -> bool {
    cx.kind(k) == TokenKind::Punct && matches!(cx.w(k), "." | "?" | "!" | ";" | ":" | "—" | "–")
}
