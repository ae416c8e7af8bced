//! Shared text layers: paragraphs, sentences and tokens, each as byte spans into the original
//! text. They are computed once per document ([`crate::Document::layers`]) and shared by all
//! analysers.
//!
//! Everything here is linear in the length of the text and never panics: a 100 MB line is
//! just a long paragraph.

use serde::Serialize;

use crate::span::Span;

/// What kind of token it is; analysers use it to skip punctuation cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters (possibly with inner hyphens, apostrophes or abbreviation periods).
    Word,
    /// Starts with a digit: `3.5`, `1,500`, `1.2bn`, `2008`.
    Number,
    /// A quotation mark: `"`, `“`, `”`, `‘`, `’`, `'`, `«`, `»`.
    Quote,
    /// Any other punctuation or symbol.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// Index range into [`Layers::tokens`].
    pub first_token: usize,
    pub end_token: usize,
    /// Index into [`Layers::paragraphs`].
    pub paragraph: usize,
}

impl Sentence {
    pub fn tokens(self) -> std::ops::Range<usize> {
        self.first_token..self.end_token
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    pub span: Span,
    /// Index range into [`Layers::sentences`].
    pub first_sentence: usize,
    pub end_sentence: usize,
    /// The headline is a paragraph of its own.
    pub is_headline: bool,
}

/// The shared layers of one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Layers {
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl Layers {
    /// Computes all layers. `headline` is the span of the headline line when the text has one.
    pub fn compute(text: &str, headline: Option<Span>) -> Self {
        let mut layers = Layers::default();
        for pspan in paragraph_spans(text, headline) {
            let is_headline = headline.is_some_and(|h| pspan.overlaps(h));
            let first_sentence = layers.sentences.len();
            let first_token = layers.tokens.len();
            tokenize_into(text, pspan, &mut layers.tokens);
            split_sentences(
                text,
                &layers.tokens[first_token..],
                first_token,
                layers.paragraphs.len(),
                is_headline,
                &mut layers.sentences,
            );
            layers.paragraphs.push(Paragraph {
                span: pspan,
                first_sentence,
                end_sentence: layers.sentences.len(),
                is_headline,
            });
        }
        layers
    }

    /// The index of the sentence containing byte offset `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        self.sentences
            .get(i)
            .filter(|s| s.span.start <= pos)
            .map(|_| i)
    }

    /// The index of the first token that ends after `pos`.
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.end <= pos)
    }

    /// The number of word and number tokens: what throughput figures count.
    pub fn word_count(&self) -> usize {
        self.tokens
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            .count()
    }
}

/// Paragraph spans (trimmed of surrounding whitespace): blocks separated by blank lines; the
/// headline line is always a paragraph of its own; in hard-wrapped wire text an indented line
/// starts a new paragraph.
pub fn paragraph_spans(text: &str, headline: Option<Span>) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_nonblank_end = 0usize;
    let mut pos = 0usize;
    let bytes = text.as_bytes();
    while pos < bytes.len() {
        let line_end = memchr_newline(bytes, pos);
        let line = &text[pos..line_end];
        let trimmed = line.trim();
        let is_headline_line = headline.is_some_and(|h| h.start >= pos && h.start <= line_end);
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_nonblank_end));
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            let content_start = pos + lead;
            let content_end = pos + line.trim_end().len();
            let indented = lead > 0 && line.starts_with([' ', '\t']);
            if let Some(s) = start {
                if indented || is_headline_line {
                    out.push(Span::new(s, last_nonblank_end));
                    start = Some(content_start);
                }
            } else {
                start = Some(content_start);
            }
            last_nonblank_end = content_end;
            if is_headline_line {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, last_nonblank_end));
                }
            }
        }
        pos = line_end + 1;
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_nonblank_end));
    }
    out
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

/// Length in bytes of a dateline opening `para` (`KYIV:`, `Kyiv:`, `WASHINGTON (Reuters) -`,
/// `LONDON, March 3 (AP) —`), including the separator and the space after it.
pub fn dateline_len(para: &str) -> Option<usize> {
    let head: &str = {
        let mut end = para.len().min(80);
        while !para.is_char_boundary(end) {
            end -= 1;
        }
        &para[..end]
    };
    for (i, c) in head.char_indices() {
        let sep_len = match c {
            ':' => 1,
            // `--` stands for a dash in press releases and typed copy
            '-' if i > 0 && head[..i].ends_with(' ') && head[i + 1..].starts_with('-') => 2,
            '-' | '—' | '–' if i > 0 && head[..i].ends_with(' ') => c.len_utf8(),
            _ => continue,
        };
        let place = head[..i].trim_end();
        if place.is_empty() {
            return None;
        }
        let words: Vec<&str> = place.split_whitespace().collect();
        if words.len() > 8 {
            return None;
        }
        let first = words[0].trim_matches(|c: char| !c.is_alphanumeric());
        let first_ok = first.chars().next().is_some_and(char::is_uppercase);
        // a dateline is a place name (capitalised or all caps), optionally a date and an
        // agency in brackets; it never contains a verb-like lowercase run of words.
        let lowercase_words = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .count();
        if !first_ok || lowercase_words > 0 {
            return None;
        }
        // (a single letter is an interview's `Q:` or `A:`, never a place)
        if c == ':'
            && (words.len() > 3
                || is_label(place)
                || place.chars().filter(|c| c.is_alphabetic()).count() < 2)
        {
            return None;
        }
        let rest = &head[i + sep_len..];
        let ws = rest.len() - rest.trim_start().len();
        if !rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '"' || c == '“')
        {
            return None;
        }
        return Some(i + sep_len + ws);
    }
    None
}

/// Words that open a paragraph with a colon without being a place: `Note:`, `Source:`,
/// `UPDATE:`, `Photo:`. A dateline with a colon is a place name, which this list never holds.
const LABELS: &[&str] = &[
    "note",
    "notes",
    "source",
    "sources",
    "update",
    "updated",
    "breaking",
    "photo",
    "photos",
    "image",
    "images",
    "video",
    "caption",
    "credit",
    "credits",
    "editor",
    "editors",
    "correction",
    "clarification",
    "related",
    "read",
    "watch",
    "listen",
    "see",
    "summary",
    "analysis",
    "opinion",
    "comment",
    "exclusive",
    "warning",
    "disclaimer",
    "advertisement",
    "contact",
    "reporting",
    "writing",
    "editing",
    "by",
    "q",
    "a",
    "question",
    "answer",
    "quote",
    "quotes",
    "transcript",
    "file",
    "pictured",
    "above",
    "below",
    "top",
    "bottom",
    "left",
    "right",
    "background",
    "context",
    "what",
    "why",
    "how",
    "when",
    "where",
    "who",
    "the",
    "this",
    "it",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
    "live",
    "latest",
    "more",
    "also",
    "tags",
    "topics",
    "share",
];

fn is_label(word: &str) -> bool {
    word.len() <= 13 && {
        let lower = word.to_lowercase();
        LABELS.contains(&lower.as_str())
    }
}

/// Zero-width characters that separate nothing visible (BOM, zero-width space and joiners):
/// skipped like spaces rather than made into tokens.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»' | '„' | '‟' | '‹' | '›'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Clitics split off a word: `Ukraine’s` -> `Ukraine` + `’s`.
const CLITICS: &[&str] = &[
    "s", "re", "ve", "ll", "d", "m", "S", "RE", "VE", "LL", "D", "M",
];

/// Tokenizes `text[span]` and appends the tokens.
pub fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = span.slice(text);
    let base = span.start;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() || is_invisible(c) {
            continue;
        }
        if c.is_alphanumeric() {
            // a word or number run, with inner connectors
            let mut end = i + c.len_utf8();
            let starts_digit = c.is_ascii_digit();
            let mut has_letter_period = false;
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() || d == '\u{AD}' {
                    end = j + d.len_utf8();
                    it.next();
                    continue;
                }
                let next = s[j + d.len_utf8()..].chars().next();
                let next_alnum = next.is_some_and(char::is_alphanumeric);
                let connector = match d {
                    '-' | '‐' | '‑' | '/' | '&' => next_alnum,
                    '.' => {
                        // 3.5 / U.S. / e.g.
                        let prev_digit = s[..j].ends_with(|c: char| c.is_ascii_digit());
                        if prev_digit && next.is_some_and(|c| c.is_ascii_digit()) {
                            true
                        } else if !starts_digit && next_alnum && single_letter_before(&s[..j]) {
                            has_letter_period = true;
                            true
                        } else {
                            false
                        }
                    }
                    ',' => {
                        // 1,500 and 12,000,000 but not `1,50` or a list `1,2`
                        let after = &s.as_bytes()[j + 1..];
                        starts_digit
                            && after.len() >= 3
                            && after[..3].iter().all(u8::is_ascii_digit)
                            && !after.get(3).is_some_and(u8::is_ascii_digit)
                    }
                    '\'' | '’' => {
                        // O'Brien stays whole; clitics split off below
                        let rest = &s[j + d.len_utf8()..];
                        let clitic_len = rest
                            .find(|c: char| !c.is_alphanumeric())
                            .unwrap_or(rest.len());
                        next_alnum
                            && !CLITICS.contains(&&rest[..clitic_len])
                            && !(s[..j].ends_with('n') && &rest[..clitic_len] == "t")
                    }
                    _ => false,
                };
                if connector {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let kind = if starts_digit {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            let word = &s[i..end];
            // n't: do|n't, ca|n't (the clitic takes the n, as treebanks split it)
            if let Some(&(j, d)) = it.peek() {
                if is_apostrophe(d) && word.len() > 1 && word.ends_with(['n', 'N']) {
                    let rest = &s[j + d.len_utf8()..];
                    if rest.starts_with(['t', 'T']) && !rest[1..].starts_with(char::is_alphanumeric)
                    {
                        let nt_end = j + d.len_utf8() + 1;
                        it.next();
                        it.next();
                        out.push(Token {
                            span: Span::new(base + i, base + end - 1),
                            kind,
                        });
                        out.push(Token {
                            span: Span::new(base + end - 1, base + nt_end),
                            kind: TokenKind::Word,
                        });
                        continue;
                    }
                }
            }
            // a trailing abbreviation period: U.S. / Mr. / Jan. / J. / No. 5
            if let Some(&(_, '.')) = it.peek() {
                if has_letter_period || keeps_period(word, &s[end + 1..]) {
                    it.next();
                    end += 1;
                }
            }
            out.push(Token {
                span: Span::new(base + i, base + end),
                kind,
            });
            continue;
        }
        if is_apostrophe(c) {
            // clitic after a word: ’s
            let after = &s[i + c.len_utf8()..];
            let len = after
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(after.len());
            let prev_alnum = s[..i].ends_with(char::is_alphanumeric);
            if prev_alnum
                && (CLITICS.contains(&&after[..len])
                    || (&after[..len] == "t" && s[..i].ends_with(['n', 'N'])))
            {
                let end = i + c.len_utf8() + len;
                while it.peek().is_some_and(|&(j, _)| j < end) {
                    it.next();
                }
                out.push(Token {
                    span: Span::new(base + i, base + end),
                    kind: TokenKind::Word,
                });
                continue;
            }
        }
        if c == '.' && s[i..].starts_with("...") {
            it.next();
            it.next();
            out.push(Token {
                span: Span::new(base + i, base + i + 3),
                kind: TokenKind::Punct,
            });
            continue;
        }
        let kind = if is_quote_char(c) {
            TokenKind::Quote
        } else {
            TokenKind::Punct
        };
        out.push(Token {
            span: Span::new(base + i, base + i + c.len_utf8()),
            kind,
        });
    }
}

fn single_letter_before(s: &str) -> bool {
    let mut rev = s.chars().rev();
    let last = rev.next();
    let before = rev.next();
    last.is_some_and(char::is_alphabetic) && before.is_none_or(|c| !c.is_alphanumeric() || c == '.')
}

/// Abbreviations that keep their period (titles, months, corporate and address forms).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm", "Sgt",
    "Cpl", "Sen", "Rep", "Gov", "Pres", "Rev", "Hon", "St", "Ste", "Mt", "Ft", "Jr", "Sr",
    "Messrs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Inc", "Corp", "Ltd", "Co", "Bros", "Plc", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "No",
    "Nos", "vs", "etc", "approx", "est", "Fig", "fig", "al", "cf", "Calif", "Fla", "Ga", "Mass",
    "Mich", "Minn", "Wash", "Ariz", "Colo", "Conn", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mo",
    "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wis", "Wyo", "Vs", "Det",
    "Insp", "Supt", "Amb", "Atty", "Rt",
];

pub(crate) fn is_abbreviation(word: &str) -> bool {
    (word.len() == 1 && word.chars().all(char::is_uppercase)) || ABBREVIATIONS.contains(&word)
}

/// Whether `word` followed by a period keeps it as part of the token; `after` is the text
/// after the period. `No.` is only the number sign before a number (`No. 2`), never the word
/// that ends `He said no.`
fn keeps_period(word: &str, after: &str) -> bool {
    // `No. 2`, `Rs. 500`, `Vol. 3`, `Art. 5`: these words are abbreviations only before a number
    if matches!(
        word,
        "No" | "Nos" | "no" | "nos" | "Rs" | "Vol" | "Art" | "Sec" | "Ch" | "Pt"
    ) {
        return after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    }
    is_abbreviation(word)
}

/// Abbreviations that usually stand inside a sentence (before a name or a number): a period
/// after them does not end a sentence even before a capital letter.
const NON_FINAL_ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.",
    "Sgt.", "Cpl.", "Sen.", "Rep.", "Gov.", "Pres.", "Rev.", "Hon.", "St.", "Mt.", "Ft.", "No.",
    "Nos.", "vs.", "Messrs.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.",
    "Sept.", "Oct.", "Nov.", "Dec.", "Fig.", "cf.", "Vs.", "Det.", "Insp.", "Supt.", "Amb.",
    "Atty.", "Rt.", "Rs.", "Vol.", "Art.", "Sec.", "Ch.", "Pt.",
];

/// Words that commonly open a sentence: after an ambiguous abbreviation (`U.S.`, `Inc.`) a
/// following capitalised word from this list signals a boundary.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "In",
    "On",
    "At",
    "For",
    "If",
    "When",
    "While",
    "As",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "There",
    "Some",
    "Many",
    "Most",
    "After",
    "Before",
    "Since",
    "However",
    "Meanwhile",
    "Still",
    "Yet",
    "So",
    "Now",
    "Last",
    "Earlier",
    "Later",
    "Officials",
    "Mr.",
    "Mrs.",
    "Ms.",
];

fn split_sentences(
    text: &str,
    toks: &[Token],
    offset: usize,
    paragraph: usize,
    is_headline: bool,
    out: &mut Vec<Sentence>,
) {
    if toks.is_empty() {
        return;
    }
    let push = |out: &mut Vec<Sentence>, a: usize, b: usize| {
        out.push(Sentence {
            span: Span::new(toks[a].span.start, toks[b - 1].span.end),
            first_token: offset + a,
            end_token: offset + b,
            paragraph,
        });
    };
    if is_headline {
        push(out, 0, toks.len());
        return;
    }
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < toks.len() {
        let tok = toks[i];
        let word = tok.span.slice(text);
        let terminal = matches!(word, "." | "!" | "?" | "..." | "…" | "?!" | "!?");
        let abbrev_final = tok.kind == TokenKind::Word && word.ends_with('.') && word.len() > 1;
        if !(terminal || abbrev_final) {
            // a line break after a line without final punctuation (a headline, a caption)
            if let Some(next) = toks.get(i + 1) {
                if next.span.start > tok.span.end
                    && bytes[tok.span.end..next.span.start].contains(&b'\n')
                    && line_break_ends_sentence(text, tok, *next)
                {
                    push(out, start, i + 1);
                    start = i + 1;
                }
            }
            i += 1;
            continue;
        }
        // absorb closing quotes, brackets and further terminal punctuation
        let mut j = i + 1;
        while j < toks.len() {
            let follow = toks[j].span.slice(text);
            // a straight quote closes unless a word follows it directly (`'”` closes both)
            // or a space stands before it (`University. ''The`: the `''` opens the next)
            let closing = matches!(follow, "”" | "’" | "»" | ")" | "]" | "." | "!" | "?")
                || (matches!(follow, "\"" | "'")
                    && toks[j].span.start == toks[j - 1].span.end
                    && toks.get(j + 1).is_none_or(|n| {
                        n.span.start != toks[j].span.end
                            || !matches!(n.kind, TokenKind::Word | TokenKind::Number)
                    }));
            if closing {
                j += 1;
            } else {
                break;
            }
        }
        if j >= toks.len() {
            break;
        }
        let next = toks[j];
        let nw = next.span.slice(text);
        let gap = &text[toks[j - 1].span.end..next.span.start];
        let opening_quote = next.kind == TokenKind::Quote && !matches!(nw, "”" | "’" | "»");
        // an opening quotation mark that starts a sentence: a capital follows it
        let quote_opens_sentence = opening_quote
            && toks.get(j + 1).is_some_and(|n| {
                n.span
                    .slice(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            });
        let starts_upper = nw
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || opening_quote
            || matches!(nw, "(" | "[" | "-" | "—" | "–" | "•" | "*");
        // `1.` opening a list item belongs to the item
        let list_marker = word == "."
            && i == start + 1
            && toks[start].kind == TokenKind::Number
            && toks[start].span.len() <= 3
            && toks[start].span.end == tok.span.start;
        let boundary = if (gap.is_empty() && !terminal) || list_marker {
            false
        } else if gap.matches('\n').count() >= 2 {
            true
        } else if abbrev_final {
            // `U.S.` at the end of a sentence vs `Mr.` before a name: an abbreviation that
            // can end a sentence ends one before a word that usually opens one, or before
            // an opening quotation mark
            let single_letter = word.len() == 2;
            !NON_FINAL_ABBREVIATIONS.contains(&word)
                && starts_upper
                && ((SENTENCE_STARTERS.contains(&nw) && !(single_letter && nw.len() == 1))
                    || (quote_opens_sentence && !single_letter))
        } else if terminal && word == "." && i > 0 && toks[i - 1].span.end == tok.span.start {
            // lowercase after a period is a continuation (`e.g. the`, an unlisted
            // abbreviation), uppercase a new sentence
            starts_upper
        } else {
            starts_upper && !gap.is_empty()
        };
        if boundary {
            push(out, start, j);
            start = j;
        }
        i = j;
    }
    if start < toks.len() {
        push(out, start, toks.len());
    }
}

/// Whether the line break between `last` (no final punctuation) and `next` ends a sentence:
/// the line is a headline, a caption, a byline or a table row, not a hard-wrapped line of
/// running text. Wrapped text (wire copy, e-mail) has lines of 45 to 90 characters, and a
/// line is shorter than that only when the next word did not fit on it; a line that ends on a
/// word although the next word would have fitted ends a sentence, as does any line in text
/// that is not wrapped at all.
fn line_break_ends_sentence(text: &str, last: Token, next: Token) -> bool {
    const WINDOW: usize = 400;
    let lw = last.span.slice(text);
    let continues = matches!(
        lw,
        "," | ";" | ":" | "-" | "–" | "—" | "(" | "[" | "&" | "/" | "“" | "‘" | "«"
    ) || FUNCTION_WORDS.contains(&lw);
    if continues {
        return false;
    }
    let nw = next.span.slice(text);
    let next_opens = nw.chars().next().is_some_and(char::is_uppercase)
        || matches!(nw, "“" | "\"" | "‘" | "«" | "•" | "*" | "-" | "—" | "–");
    if !next_opens {
        return false;
    }
    // lengths in characters, looked at through a bounded window (only short lines matter)
    let (line_start, after_newline) = line_start_before(text, last.span.end, WINDOW);
    let line = text[line_start..last.span.end].trim();
    let chars = line.chars().count();
    if chars > 120 {
        return true;
    }
    let prev_len = if after_newline {
        // `line_start - 1` is the newline ending the previous line
        let prev_end = line_start - 1;
        let (prev_start, _) = line_start_before(text, prev_end, WINDOW);
        text[prev_start..prev_end].trim().chars().count()
    } else {
        0
    };
    let next_line_end = {
        let mut end = (next.span.start + WINDOW).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text[next.span.start..end]
            .find('\n')
            .map_or(end, |p| next.span.start + p)
    };
    let next_line = text[next.span.start..next_line_end].trim();
    let next_len = next_line.chars().count();
    // the next line is itself a wrapped line that runs on: the break is inside running text
    // (a short first line is common in wire copy whose dateline was cut off)
    if (45..=90).contains(&next_len)
        && next_line_end < text.len()
        && !next_line.ends_with(['.', '?', '!', ':', '"', '”', '’', ')'])
    {
        return false;
    }
    let width = prev_len.max(chars).max(next_len);
    let wrapped = (45..=90).contains(&width) && chars + 1 + nw.chars().count() + 8 > width;
    !wrapped
}

/// The start of the line holding `pos` (a char boundary), looking back at most about
/// `window` bytes, and whether a newline precedes it (false at the start of the text and when
/// the line is longer than the window: it is then reported as starting at the window's edge).
fn line_start_before(text: &str, pos: usize, window: usize) -> (usize, bool) {
    let mut from = pos.saturating_sub(window);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..pos]
        .rfind('\n')
        .map_or((from, false), |p| (from + p + 1, true))
}

/// Closed-class words that never end a sentence: a line ending on one is wrapped text.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "for", "with", "and", "or", "but", "nor", "on", "at", "by",
    "from", "as", "that", "which", "who", "whose", "whom", "its", "their", "his", "her", "our",
    "my", "your", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will",
    "would", "shall", "should", "can", "could", "may", "might", "must", "not", "than", "this",
    "these", "those", "into", "onto", "over", "after", "before", "about", "under", "between",
    "against", "during", "if", "when", "while", "because", "so", "very", "more", "most", "such",
    "per", "vs", "via", "said", "says", "told",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize_into(text, Span::new(0, text.len()), &mut out);
        out.iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn clitics_and_abbreviations() {
        assert_eq!(
            words("Ukraine’s U.S. Mr. Smith don't 1,500 3.5 1.2bn Euro-Atlantic"),
            vec![
                "Ukraine",
                "’s",
                "U.S.",
                "Mr.",
                "Smith",
                "do",
                "n't",
                "1,500",
                "3.5",
                "1.2bn",
                "Euro-Atlantic"
            ]
        );
    }

    #[test]
    fn sentences_with_quotes() {
        let text = "“Let me be clear,” Stoltenberg said. “Ukraine’s place is in NATO.” He left.";
        let l = Layers::compute(text, None);
        let s: Vec<&str> = l.sentences.iter().map(|s| s.span.slice(text)).collect();
        assert_eq!(
            s,
            vec![
                "“Let me be clear,” Stoltenberg said.",
                "“Ukraine’s place is in NATO.”",
                "He left."
            ]
        );
    }
}
