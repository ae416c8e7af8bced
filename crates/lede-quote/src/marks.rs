//! Pairing of double quotation marks, paragraph by paragraph.
//!
//! Marks are paired locally: an unmatched mark in one paragraph never shifts the pairing of the
//! rest of the article. A paragraph that ends inside an open quotation and a next paragraph that
//! opens with a mark form one quotation over several paragraphs (the news convention: no closing
//! mark at the end of a paragraph that the quotation continues beyond). Single quotation marks
//! are left alone: inside a double-quoted span they are a nested quotation, elsewhere mostly
//! apostrophes.

use lede_core::{Paragraph, Span, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// One paired quotation (top level).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pair {
    /// The opening mark.
    pub open: Span,
    /// The closing mark; `None` when the quotation runs on into the next paragraph.
    pub close: Option<Span>,
    /// Between the marks, trimmed of whitespace.
    pub inner: Span,
    /// The quotation continues one from the previous paragraph.
    pub continues: bool,
    pub paragraph: usize,
}

impl Pair {
    /// From the opening mark to the closing mark (or the inner end), marks included.
    pub fn outer(&self) -> Span {
        Span::new(
            self.open.start,
            self.close.map_or(self.inner.end, |c| c.end),
        )
    }

    /// The quotation as a part of a quotation's content: inside the marks, without the
    /// trailing comma or period that belongs to the sentence around it.
    pub fn part(&self, text: &str) -> Span {
        let s = self.inner.slice(text);
        let t = s.trim_end_matches([',', '.', ';', ':', ' ']);
        Span::new(self.inner.start, self.inner.start + t.len())
    }
}

#[derive(Debug, Default)]
pub(crate) struct Marks {
    pub pairs: Vec<Pair>,
    pub unpaired: Vec<(Span, usize)>,
}

/// The double quotation marks of `s` (one paragraph) with their role, offsets relative to `s`.
fn find_marks(s: &str) -> Vec<(Span, Role)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let found = match c {
            b'"' => Some((1, contextual(s, i, 1))),
            b'`' if b.get(i + 1) == Some(&b'`') => Some((2, Role::Open)),
            // `''` closes after `` ` `` openings, and is both marks in some house styles
            // `'''` after a word closes a nested quotation and then the outer one (`the word
            // 'temporary,'''`): the first apostrophe is the single mark
            b'\''
                if b.get(i + 1) == Some(&b'\'')
                    && !(b.get(i + 2) == Some(&b'\'')
                        && s[..i]
                            .chars()
                            .next_back()
                            .is_some_and(|c| !c.is_whitespace())) =>
            {
                Some((2, contextual(s, i, 2)))
            }
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x9C | 0x9E) => Some((3, Role::Open)),
                Some(0x9D) => Some((3, Role::Close)),
                _ => None,
            },
            0xC2 => match b.get(i + 1) {
                Some(0xAB) => Some((2, Role::Open)),
                Some(0xBB) => Some((2, Role::Close)),
                _ => None,
            },
            _ => None,
        };
        if let Some((len, role)) = found {
            out.push((Span::new(i, i + len), role));
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// The role of a straight `"` from its neighbours: after a space it opens, before a space or
/// punctuation it closes.
fn contextual(s: &str, i: usize, len: usize) -> Role {
    let before = s[..i].chars().next_back();
    let after = s[i + len..].chars().next();
    let opens =
        before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | '/'));
    let closes = after.is_none_or(|c| {
        c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–')
    });
    match (opens, closes) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => Role::Either,
    }
}

fn trimmed(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return Span::new(
            span.start + lead.min(s.len()),
            span.start + lead.min(s.len()),
        );
    }
    Span::new(span.start + lead, span.end - trail)
}

/// Pairs the marks of every paragraph.
pub(crate) fn pair(text: &str, paragraphs: &[Paragraph]) -> Marks {
    let mut out = Marks::default();
    let mut continues = false;
    for (pi, p) in paragraphs.iter().enumerate() {
        let ps = p.span.slice(text);
        let marks = find_marks(ps);
        let abs = |s: Span| Span::new(s.start + p.span.start, s.end + p.span.start);
        let mut open: Option<Span> = None;
        let mut first = true;
        for (m, role) in marks {
            let m = abs(m);
            match (open, role) {
                (None, Role::Open | Role::Either) => open = Some(m),
                (None, Role::Close) => out.unpaired.push((m, pi)),
                (Some(o), Role::Close | Role::Either) => {
                    out.pairs.push(Pair {
                        open: o,
                        close: Some(m),
                        inner: trimmed(text, Span::new(o.end, m.start)),
                        continues: continues && first,
                        paragraph: pi,
                    });
                    first = false;
                    open = None;
                }
                (Some(o), Role::Open) => {
                    out.unpaired.push((o, pi));
                    open = Some(m);
                }
            }
        }
        let mut next_continues = false;
        if let Some(o) = open {
            // runs on when the next paragraph opens with a quotation mark
            let next_opens = paragraphs.get(pi + 1).is_some_and(|n| {
                let ns = n.span.slice(text);
                find_marks(ns)
                    .first()
                    .is_some_and(|(m, r)| m.start == 0 && *r != Role::Close)
            });
            if next_opens && !p.is_headline {
                out.pairs.push(Pair {
                    open: o,
                    close: None,
                    inner: trimmed(text, Span::new(o.end, p.span.end)),
                    continues: continues && first,
                    paragraph: pi,
                });
                next_continues = true;
            } else {
                out.unpaired.push((o, pi));
            }
        }
        continues = next_continues;
    }
    out
}

/// For each token, 1 + the index of the pair whose marks enclose it (marks included), or 0.
pub(crate) fn token_pairs(toks: &[Token], pairs: &[Pair]) -> Vec<u32> {
    let mut qp = vec![0u32; toks.len()];
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
    qp
}
