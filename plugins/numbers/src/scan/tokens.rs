//! The scanner's own tokens: numbers like `1.2bn` and `16-foot` need finer tokens than the
//! shared layer gives; `space` says whether whitespace stands before a token.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokKind {
    Num,
    Word,
    Sym,
}

#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: TokKind,
    /// Whitespace before it (tokens glued together form `1.2bn`, `16-foot`, `US$`).
    pub(super) space: bool,
    pub(super) lower: String,
}

pub(super) fn tokenize(text: &str, base: usize) -> Vec<Tok> {
    let mut toks = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut space = true;
    while i < chars.len() {
        let (s, c) = chars[i];
        if c.is_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let kind;
        let mut j = i + 1;
        if c.is_ascii_digit() {
            kind = TokKind::Num;
            while j < chars.len() {
                let d = chars[j].1;
                let next_digit = chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
                if d.is_ascii_digit() || ((d == ',' || d == '.') && next_digit) {
                    j += 1;
                } else {
                    break;
                }
            }
        } else if c.is_alphabetic() {
            kind = TokKind::Word;
            let mut seg = 1;
            while j < chars.len() {
                let d = chars[j].1;
                let next_alpha = chars.get(j + 1).is_some_and(|n| n.1.is_alphabetic());
                if d.is_alphabetic() {
                    j += 1;
                    seg += 1;
                } else if (d == '\'' || d == '’') && next_alpha {
                    j += 1;
                } else if d == '.' && next_alpha && seg == 1 {
                    // abbreviations written with points: p.m., U.S.
                    j += 1;
                    seg = 0;
                } else {
                    break;
                }
            }
        } else {
            kind = TokKind::Sym;
        }
        let e = chars.get(j).map_or(text.len(), |x| x.0);
        toks.push(Tok {
            start: base + s,
            end: base + e,
            kind,
            space,
            lower: text[s..e].to_lowercase(),
        });
        space = false;
        i = j;
    }
    toks
}
