//! One reader of CoNLL-U files (the GUM news files) for the evals that use them: documents
//! (`# newdoc`), their sentences with a paragraph flag (`# newpar`), and each sentence's
//! token lines. Empty nodes (`1.1`) have no surface form and are left out; multiword-token
//! ranges (`1-2`) are kept before their parts, so that each eval chooses the surface form or
//! the syntactic words.

use crate::{Error, Result, ResultExt as _};

/// One token line.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// The id, or the first id of a multiword range.
    pub first: usize,
    /// The id, or the last id of a multiword range.
    pub last: usize,
    pub form: &'a str,
    pub upos: &'a str,
    pub misc: &'a str,
}

impl Token<'_> {
    /// A multiword-token range (`1-2 don't`), whose parts follow it.
    pub fn is_range(&self) -> bool {
        self.last > self.first
    }

    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|f| f == "SpaceAfter=No")
    }
}

#[derive(Debug, Default)]
pub struct Sentence<'a> {
    /// A `# newpar` comment stands before it.
    pub new_paragraph: bool,
    pub tokens: Vec<Token<'a>>,
}

#[derive(Debug, Default)]
pub struct Doc<'a> {
    pub id: String,
    pub sentences: Vec<Sentence<'a>>,
}

/// Parses one file. A `# newdoc` comment starts a document (named by its `id`, else
/// `NAME#N`); sentences before any are one document named `name`. Documents without sentences
/// are left out.
pub fn parse<'a>(name: &str, input: &'a str) -> Result<Vec<Doc<'a>>> {
    let mut docs: Vec<Doc<'a>> = Vec::new();
    let mut cur = Doc {
        id: name.to_owned(),
        ..Doc::default()
    };
    let mut sent = Sentence::default();
    let mut new_paragraph = false;
    let finish = |cur: &mut Doc<'a>, sent: &mut Sentence<'a>, new_paragraph: &mut bool| {
        if !sent.tokens.is_empty() {
            sent.new_paragraph = std::mem::take(new_paragraph);
            cur.sentences.push(std::mem::take(sent));
        }
    };
    for (line_no, line) in input.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            finish(&mut cur, &mut sent, &mut new_paragraph);
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(id) = comment.strip_prefix("newdoc") {
                finish(&mut cur, &mut sent, &mut new_paragraph);
                let n = docs.len() + usize::from(!cur.sentences.is_empty()) + 1;
                if !cur.sentences.is_empty() {
                    docs.push(std::mem::take(&mut cur));
                }
                let id = id.trim_start().trim_start_matches("id").trim_start();
                let id = id.trim_start_matches('=').trim();
                cur.id = if id.is_empty() {
                    format!("{name}#{n}")
                } else {
                    id.to_owned()
                };
                cur.sentences.clear();
                new_paragraph = false;
            } else if comment == "newpar" || comment.starts_with("newpar ") {
                finish(&mut cur, &mut sent, &mut new_paragraph);
                new_paragraph = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            return Err(Error::Invalid(format!(
                "{name}: line {}: expected 10 tab-separated columns, found {}",
                line_no + 1,
                cols.len()
            )));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node: no surface form
        }
        let parse_id = |s: &str| -> Result<usize> {
            s.parse()
                .context_with(|| format!("{name}: line {}: bad token id {s:?}", line_no + 1))
        };
        let (first, last) = if let Some((a, b)) = id.split_once('-') {
            (parse_id(a)?, parse_id(b)?)
        } else {
            let n = parse_id(id)?;
            (n, n)
        };
        sent.tokens.push(Token {
            first,
            last,
            form: cols[1],
            upos: cols[3],
            misc: cols[9],
        });
    }
    finish(&mut cur, &mut sent, &mut new_paragraph);
    if !cur.sentences.is_empty() {
        docs.push(cur);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# newdoc id = a\n# newpar\n# sent_id = 1\n\
        1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\
        1\tdo\tdo\tAUX\t_\t_\t_\t_\t_\t_\n\
        2\tn't\tnot\tPART\t_\t_\t_\t_\t_\t_\n\
        2.1\tgo\tgo\tVERB\t_\t_\t_\t_\t_\t_\n\
        3\t.\t.\tPUNCT\t_\t_\t_\t_\t_\t_\n\n\
        # newpar\n\
        1\tYes\tyes\tINTJ\t_\t_\t_\t_\t_\t_\n\n\
        # newdoc\n\
        1\tNo\tno\tINTJ\t_\t_\t_\t_\t_\t_\n";

    #[test]
    fn documents_sentences_paragraphs_and_ranges() {
        let docs = parse("f", FILE).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "a");
        assert_eq!(docs[1].id, "f#2");
        let s = &docs[0].sentences;
        assert_eq!(s.len(), 2);
        assert!(s[0].new_paragraph && s[1].new_paragraph);
        let forms: Vec<&str> = s[0].tokens.iter().map(|t| t.form).collect();
        assert_eq!(forms, ["don't", "do", "n't", "."]);
        assert!(s[0].tokens[0].is_range() && !s[0].tokens[0].space_after());
        assert!(!docs[1].sentences[0].new_paragraph);
    }

    #[test]
    fn a_short_line_is_an_error_naming_file_and_line() {
        let e = parse("g.conllu", "1\tx\n").unwrap_err().to_string();
        assert!(e.contains("g.conllu: line 1"), "{e}");
    }
}
