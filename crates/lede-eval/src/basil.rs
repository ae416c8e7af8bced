//! The BASIL files (`basil_articles.jsonl`, `basil_phrase_annotations.jsonl`), read by the
//! stance and speaker evals: articles rebuilt as plain text (title as headline, paragraphs
//! separated by blank lines), annotated spans, and the name matching both evals use.

use std::path::Path;

use lede_core::{Document, Metadata};

use crate::{Result, ResultExt as _};

#[derive(Debug, serde::Deserialize)]
pub struct Article {
    pub uuid: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub main_entities: Vec<String>,
    /// The three articles (one per outlet) that tell one event share it.
    #[serde(default)]
    pub triplet_uuid: String,
    #[serde(default)]
    pub paragraphs: Vec<Vec<String>>,
}

impl Article {
    /// The article as a plain-text document: title, blank line, paragraphs (their sentences
    /// joined by spaces) separated by blank lines.
    pub fn document(&self) -> Document {
        let mut text = self.title.clone();
        text.push_str("\n\n");
        let body: Vec<String> = self.paragraphs.iter().map(|p| p.join(" ")).collect();
        text.push_str(&body.join("\n\n"));
        text.push('\n');
        Document::from_plain_text(self.uuid.clone(), text, Metadata::default())
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct Annotation {
    pub article_uuid: String,
    /// `AUTHOR` for the writer's own words, `other_*` for unnamed speakers, else a name with
    /// underscores (`Donald_Trump`).
    pub speaker: String,
    /// `yes` for a quoted span.
    pub quote: String,
    pub target: String,
    pub polarity: String,
    /// The annotated words (null in a few annotations).
    #[serde(default)]
    pub span: Option<String>,
    /// The paragraph they stand in.
    #[serde(default)]
    pub context: Option<String>,
}

impl Annotation {
    /// A quoted span with a named speaker.
    pub fn named_quote(&self) -> bool {
        self.quote == "yes"
            && self.speaker != "AUTHOR"
            && !self.speaker.is_empty()
            && !self.speaker.starts_with("other_")
    }
}

/// Reads a JSON Lines file (blank lines skipped); errors name the file and line.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let text = crate::read_to_string(path, "cannot read")?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).context_with(|| format!("{}, line {}", path.display(), i + 1))
        })
        .collect()
}

/// Reads both files of a BASIL folder.
pub fn read(dir: &Path) -> Result<(Vec<Article>, Vec<Annotation>)> {
    Ok((
        read_jsonl(&dir.join("basil_articles.jsonl"))?,
        read_jsonl(&dir.join("basil_phrase_annotations.jsonl"))?,
    ))
}

/// Where `span` stands in `text`: inside its paragraph when the paragraph is found, else its
/// first occurrence.
pub fn locate(text: &str, context: &str, span: &str) -> Option<(usize, usize)> {
    if span.trim().is_empty() {
        return None;
    }
    let start = match text.find(context).filter(|_| !context.is_empty()) {
        Some(p) => p + context.find(span)?,
        None => text.find(span)?,
    };
    Some((start, start + span.len()))
}

/// Lowercase words of a name (`Donald_Trump` -> `donald trump`).
pub fn norm_name(s: &str) -> String {
    s.replace('_', " ")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when the gold name names the predicted entity: the same name, one of its aliases, or
/// the same surname (the gold surname as a word of a short predicted name, so that `Mr. Trump`
/// and `President Trump` match `Donald_Trump`). BASIL cuts some names at their first
/// non-ASCII letter (`Felipe_Calder` for Felipe Calderón): a gold surname of four letters or
/// more that begins a predicted word counts as that surname.
pub fn names_match(gold: &str, names: &[String]) -> bool {
    let g = norm_name(gold);
    let g_last = g.rsplit(' ').next().unwrap_or("");
    names.iter().any(|n| {
        let n = norm_name(n);
        let words: Vec<&str> = n.split(' ').collect();
        n == g
            || (!g_last.is_empty()
                && words.len() <= 4
                && words.iter().any(|w| {
                    *w == g_last
                        || g_last.len() >= 4
                            && w.strip_prefix(g_last).is_some_and(|rest| {
                                rest.chars().next().is_some_and(|c| !c.is_ascii())
                            })
                }))
    })
}
