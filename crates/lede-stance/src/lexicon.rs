//! Lexicons: word valences (VADER, MIT licence, see `data/VADER-LICENSE.txt`), the stance cue
//! lexicon written for this project (support/oppose verbs and frames, negators), and user
//! lexicons loaded with `--lexicon FILE` that add to or override both.
//!
//! User lexicon format: one entry per line, `#` starts a comment, fields separated by tabs or
//! runs of spaces:
//!
//! ```text
//! # word or phrase (lowercase)   value
//! sanctions                      -1.5
//! rightful place                 2.5
//! prevent                        flip
//! not                            negate
//! ```
//!
//! A number is a valence (positive = in favour, negative = against, about -4..4 as in VADER).
//! `flip` marks a frame word that turns the stance toward what follows it (`prevent X from
//! joining`); `negate` marks a negator. A phrase of several words is matched as a whole.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::words::lower_words;

/// The VADER lexicon, reduced to `word<TAB>mean valence` (alphabetic entries only).
const VADER: &str = include_str!("../data/vader_lexicon.tsv");
/// Stance cues written for this project (same format as a user lexicon).
const STANCE_CUES: &str = include_str!("../data/stance_cues.txt");

/// What a lexicon entry does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cue {
    /// A valence: > 0 favours, < 0 opposes.
    Valence(f32),
    /// Turns the stance toward the complement around (`prevent`, `stop ... from`).
    Flip,
    /// A negator (`not`, `no`, `never`).
    Negate,
}

/// An error reading a lexicon file.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read lexicon {path}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("lexicon {path}, line {line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
}

/// Single words and phrases (lowercase word sequences) with their cue. Stance cues take
/// precedence over VADER valences; user entries take precedence over both.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    words: HashMap<String, Cue>,
    /// Phrases keyed by their first word: (rest of the words, cue), longest first.
    phrases: HashMap<String, Vec<(Vec<String>, Cue)>>,
}

impl Lexicon {
    /// VADER's valences alone: the FNC-1 model's polarity features read these, so that
    /// editing the stance cues does not change what the trained model sees.
    pub fn vader() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let mut lex = Lexicon::default();
            for line in VADER.lines() {
                let mut it = line.split('\t');
                if let (Some(w), Some(v)) = (it.next(), it.next()) {
                    if let Ok(v) = v.trim().parse::<f32>() {
                        lex.words.insert(w.to_owned(), Cue::Valence(v));
                    }
                }
            }
            lex
        })
    }

    /// The built-in lexicon: VADER valences plus this project's stance cues.
    pub fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let mut lex = Self::vader().clone();
            // The built-in cue file is part of the crate and tested; a parse error there
            // is a bug caught by the unit tests, so entries that fail are skipped here.
            let _ = lex.add_entries(STANCE_CUES, "builtin stance cues");
            lex
        })
    }

    /// The built-in lexicon with the entries of a user file added (they override).
    pub fn with_file(path: &Path) -> Result<Lexicon, LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let mut lex = Self::builtin().clone();
        lex.add_entries(&text, &path.display().to_string())?;
        Ok(lex)
    }

    /// Adds entries in the user-lexicon format; `origin` names the source in errors.
    pub fn add_entries(&mut self, text: &str, origin: &str) -> Result<(), LexiconError> {
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |message: String| LexiconError::Parse {
                path: origin.to_owned(),
                line: i + 1,
                message,
            };
            // the value is the last field; the phrase is everything before it
            let (phrase, value) = line
                .rsplit_once(['\t', ' '])
                .ok_or_else(|| err(format!("expected `word value`, found {line:?}")))?;
            let cue = match value.trim() {
                "flip" => Cue::Flip,
                "negate" => Cue::Negate,
                v => Cue::Valence(v.parse::<f32>().map_err(|_| {
                    err(format!(
                        "value {v:?} is neither a number nor `flip` nor `negate`"
                    ))
                })?),
            };
            let ws = lower_words(phrase);
            match ws.as_slice() {
                [] => return Err(err(format!("no word in {phrase:?}"))),
                [w] => {
                    self.words.insert(w.clone(), cue);
                }
                [first, rest @ ..] => {
                    let list = self.phrases.entry(first.clone()).or_default();
                    list.retain(|(r, _)| r.as_slice() != rest);
                    list.push((rest.to_vec(), cue));
                    list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
                }
            }
        }
        Ok(())
    }

    /// The cue of the single word `w` (lowercase).
    pub fn word(&self, w: &str) -> Option<Cue> {
        self.words.get(w).copied()
    }

    /// The longest phrase or word starting at `words[i]`: (number of words, cue).
    pub fn match_at<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<(usize, Cue)> {
        let first = words.get(i)?.as_ref();
        if let Some(list) = self.phrases.get(first) {
            for (rest, cue) in list {
                let n = rest.len();
                if i + 1 + n <= words.len()
                    && rest
                        .iter()
                        .zip(&words[i + 1..=i + n])
                        .all(|(a, b)| a == b.as_ref())
                {
                    return Some((n + 1, *cue));
                }
            }
        }
        self.word(first).map(|c| (1, c))
    }

    /// Sum of the valences of `words` (no negation handling): a quick polarity feature.
    pub fn valence_sum<S: AsRef<str>>(&self, words: &[S]) -> f32 {
        words
            .iter()
            .filter_map(|w| match self.word(w.as_ref()) {
                Some(Cue::Valence(v)) => Some(v),
                _ => None,
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_cues_parse() {
        let mut lex = Lexicon::default();
        lex.add_entries(STANCE_CUES, "stance_cues.txt").unwrap();
        assert!(matches!(lex.word("prevent"), Some(Cue::Flip)));
    }

    #[test]
    fn phrases_match_longest() {
        let mut lex = Lexicon::default();
        lex.add_entries("rightful place 2.0\nrightful 0.5\n", "t")
            .unwrap();
        let ws = ["its", "rightful", "place"];
        assert_eq!(lex.match_at(&ws, 1), Some((2, Cue::Valence(2.0))));
        assert_eq!(lex.match_at(&ws[..2], 1), Some((1, Cue::Valence(0.5))));
    }

    #[test]
    fn bad_value_is_an_error_with_line() {
        let mut lex = Lexicon::default();
        let e = lex.add_entries("# c\nfoo bar\n", "x.txt").unwrap_err();
        assert!(e.to_string().contains("x.txt, line 2"), "{e}");
    }
}
