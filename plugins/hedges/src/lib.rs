//! lede plugin `hedges`: the hedging words inside quotations (`may`, `reportedly`, `seems`),
//! by speaker, for readers who weigh how firmly something was said. It requires the `quote`
//! analyser and reads its output with the SDK's types.

use lede_plugin_sdk::outputs::QuoteOutput;
use lede_plugin_sdk::{export_analyzer, Analyzer, Error, Options, Request, TextSpan};
use serde::{Deserialize, Serialize};

/// Hedging words and phrases by kind (lowercase; a phrase is words separated by spaces).
const HEDGES: &[(&str, &[&str])] = &[
    ("modal", &["may", "might", "could"]),
    (
        "adverb",
        &[
            "perhaps",
            "possibly",
            "probably",
            "likely",
            "unlikely",
            "apparently",
            "reportedly",
            "allegedly",
            "presumably",
            "arguably",
            "maybe",
            "roughly",
            "approximately",
        ],
    ),
    (
        "verb",
        &[
            "appear",
            "appears",
            "appeared",
            "seem",
            "seems",
            "seemed",
            "suggest",
            "suggests",
            "believe",
            "believes",
            "estimate",
            "estimates",
            "expect",
            "expects",
        ],
    ),
    (
        "phrase",
        &[
            "sort of",
            "kind of",
            "to some extent",
            "more or less",
            "in part",
        ],
    ),
];

/// The plugin's options: `--plugin-option 'hedges.words=["tentatively"]'` adds words.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HedgesOptions {
    #[serde(default)]
    words: Vec<String>,
}

pub struct Hedges {
    /// (words of the phrase, kind), longest phrases first so that they win over their parts.
    phrases: Vec<(Vec<String>, String)>,
}

/// The hedges of one quotation.
#[derive(Debug, Serialize)]
pub struct HedgedQuote {
    /// Index into the `quote` output's `quotations`.
    pub quotation: usize,
    /// The resolved speaker's name, if any.
    pub speaker: Option<String>,
    /// The quotation's text.
    pub text: String,
    pub hedges: Vec<Hedge>,
}

#[derive(Debug, Serialize)]
pub struct Hedge {
    #[serde(flatten)]
    pub span: TextSpan,
    /// `modal`, `adverb`, `verb`, `phrase`, or `custom` for words given in the options.
    pub kind: String,
}

#[derive(Debug, Serialize)]
pub struct Found {
    /// How many quotations the article has.
    pub quotations: usize,
    /// The quotations with at least one hedge, in text order.
    pub hedged: Vec<HedgedQuote>,
}

impl Analyzer for Hedges {
    const NAME: &'static str = "hedges";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");
    const DESCRIPTION: &'static str = "hedging words inside quotations";
    const REQUIRES: &'static [&'static str] = &["quote"];
    type Output = Found;

    fn new(options: &Options) -> Result<Self, Error> {
        let options: HedgesOptions =
            serde_json::from_value(serde_json::Value::Object(options.clone()))
                .map_err(|e| Error::new(format!("bad options: {e}")))?;
        let builtin = HEDGES
            .iter()
            .flat_map(|(kind, words)| words.iter().map(move |w| (w.to_string(), *kind)));
        let custom = options.words.iter().map(|w| (w.to_lowercase(), "custom"));
        let mut phrases: Vec<(Vec<String>, String)> = builtin
            .chain(custom)
            .map(|(w, kind)| {
                (
                    w.split_whitespace().map(str::to_owned).collect(),
                    kind.to_owned(),
                )
            })
            .filter(|(words, _): &(Vec<String>, _)| !words.is_empty())
            .collect();
        phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        Ok(Hedges { phrases })
    }

    fn analyze(&self, req: &Request) -> Result<Found, Error> {
        let quotes: QuoteOutput = req.input("quote")?.ok_or("no quote output")?;
        let text = req.text();
        // the words of the document with their spans, lowercased when they open a sentence (a
        // capital elsewhere is a name: `May`, `Perhaps Ltd`)
        let opens: std::collections::HashSet<usize> =
            req.layers.sentences.iter().map(|s| s.first_token).collect();
        let words: Vec<(String, usize, usize)> = (req.layers.tokens.iter().enumerate())
            .filter(|(_, t)| t.kind == lede_plugin_sdk::wire::TokenKind::Word)
            .map(|(i, t)| {
                let w = t.span().slice(text);
                let w = if opens.contains(&i) {
                    w.to_lowercase()
                } else {
                    w.to_owned()
                };
                (w, t.start, t.end)
            })
            .collect();
        let mut hedged = Vec::new();
        for (i, quote) in quotes.quotations.iter().enumerate() {
            let mut hedges = Vec::new();
            for part in &quote.parts {
                let inside: Vec<_> = words
                    .iter()
                    .filter(|(_, s, e)| part.start <= *s && *e <= part.end)
                    .collect();
                let mut at = 0;
                while at < inside.len() {
                    let found = self.phrases.iter().find(|(phrase, _)| {
                        inside.len() - at >= phrase.len()
                            && phrase.iter().zip(&inside[at..]).all(|(p, w)| *p == w.0)
                            // the words of a phrase are separated by spaces only
                            && inside[at..at + phrase.len()]
                                .windows(2)
                                .all(|w| text.get(w[0].2..w[1].1).is_some_and(|s| s.trim().is_empty()))
                    });
                    match found {
                        Some((phrase, kind)) => {
                            let (start, end) = (inside[at].1, inside[at + phrase.len() - 1].2);
                            let span = lede_plugin_sdk::Span::new(start, end).with_text(text);
                            hedges.push(Hedge {
                                span,
                                kind: kind.clone(),
                            });
                            at += phrase.len();
                        }
                        None => at += 1,
                    }
                }
            }
            if !hedges.is_empty() {
                let speaker = quote.speaker.as_ref().map(|s| s.name.clone());
                hedged.push(HedgedQuote {
                    quotation: i,
                    speaker,
                    text: quote.text.clone(),
                    hedges,
                });
            }
        }
        Ok(Found {
            quotations: quotes.quotations.len(),
            hedged,
        })
    }
}

export_analyzer!(Hedges);
