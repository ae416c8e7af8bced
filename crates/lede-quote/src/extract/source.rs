//! Source phrases: the noun phrase before a cue (`the Kremlin spokesman said`), after an
//! inverted one (`said Peskov`), with an appositive or relative clause (`Dmitry Peskov, the
//! Kremlin spokesman, said`), and the subject opening a clause.

use lede_core::TokenKind;

use super::content::participle_next;
use super::cx::Cx;
use crate::lexicon;

impl Cx<'_> {
    /// The source phrase ending right before token `end` (exclusive), not before `lo`.
    pub(super) fn source_before(&self, end: usize, lo: usize) -> Option<(usize, usize)> {
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
        if i > lo && self.preposition(i - 1) {
            let who = (i.saturating_sub(8).max(lo + 1)..i - 1)
                .rev()
                .find(|&k| self.is(k, "who") || self.is(k, "that"));
            if let Some((s, _)) = who.and_then(|w| self.source_before(w, lo)) {
                return Some((s, j));
            }
        }
        Some((i, j))
    }

    /// The source phrase after an inverted cue (`said Peskov`, `said Farhana Khera, executive
    /// director of ...`), up to `hi`.
    pub(super) fn source_after(&self, start: usize, hi: usize) -> Option<(usize, usize)> {
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
}

/// `Dmitry Peskov, the Kremlin spokesman, said`: the name and its appositive before the cue.
pub(super) fn appositive_before(
    cx: &Cx,
    cue_start: usize,
    lo: usize,
    speech: bool,
) -> Option<(usize, usize)> {
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
pub(super) fn subject_at(cx: &Cx, a: usize, limit: usize) -> Option<(usize, usize)> {
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
