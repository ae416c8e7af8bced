//! Finding numeric claims in one sentence: a small tokeniser of its own (numbers like `1.2bn`
//! and `16-foot` need finer tokens than the shared layer gives) and a left-to-right parser
//! that reads, around each number, a qualifier (`more than`), a currency (`$`, `euros`), a
//! scale (`billion`), a range (`10-12`, `between 300 and 400`), a unit (`%`, `metres`, a
//! counted noun) and a rate (`a day`), and that skips what is not a claim: years, dates,
//! times, ordinals, phone numbers and labels (`number 9`, `Covid-19`).
//!
//! One file a step: `tokens` (the scanner's tokens), `decimal` (exact values), `words` (the word
//! tables, as data), `parser` (a number and what stands around it at a token), `claim` (from a
//! number to a claim, and what is not one); `scan` below runs them over a sentence.

// The parser walks token indices (`i`, `j`, `k`) and numbers (`n`, `m`) like the grammar it
// follows; longer names made the index arithmetic harder to check, not easier.
#![allow(clippy::many_single_char_names)]

use serde::{Deserialize, Serialize};

use claim::claim_at;
use parser::Parser;
use tokens::tokenize;
pub(crate) use words::SPEECH_VERBS;

mod claim;
mod decimal;
mod parser;
mod tokens;
mod words;

#[cfg(test)]
mod tests;

/// What a claim measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An amount of money: `$1.2bn`, `68 million euros`.
    Money,
    /// `3.5 percent`, `76%`.
    Percent,
    /// A change of a rate: `7 basis points`, `2 percentage points`.
    PercentagePoints,
    /// A measured quantity: `1.8 metres`, `160 kilometres an hour`, `30 years`.
    Quantity,
    /// A number of things: `1,500 troops`, `three ports`, `thousands of people`.
    Count,
    /// `one in five`, `two-thirds of`, `nine out of 10`.
    Ratio,
    /// Someone's age: `the 24-year-old`, `Per Holmen, 64,`.
    Age,
    /// A tally: `ruling 6-3`, `a 3-1 win`.
    Score,
    /// A number without a unit: `compared with 24,100`.
    Number,
}

/// How the claim qualifies its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// `about`, `some`, `nearly`, `an estimated`.
    Approximately,
    /// `more than`, `over`, `just over`.
    MoreThan,
    /// `at least`, `no fewer than`.
    AtLeast,
    /// `less than`, `under`, `below`.
    LessThan,
    /// `at most`, `no more than`.
    AtMost,
    /// `up to`, `as many as`.
    UpTo,
    /// `exactly`.
    Exactly,
}

/// One numeric claim, before it is tied to its sentence and entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub high: Option<f64>,
    pub against: Option<f64>,
    pub unit: Option<String>,
    pub per: Option<String>,
    pub dimension: Option<String>,
    pub of: Option<String>,
    pub qualifier: Option<Qualifier>,
    /// `dozens of`, `thousands of`: the value is a lower bound of a vague amount.
    pub vague: bool,
}

impl Found {
    /// A claim of `kind` over `start..end` with its value and nothing else (no range, unit,
    /// rate or qualifier), as the ratio forms find them; others fill in more.
    fn new(kind: Kind, start: usize, end: usize, value: f64) -> Self {
        Self {
            kind,
            start,
            end,
            value,
            high: None,
            against: None,
            unit: None,
            per: None,
            dimension: None,
            of: None,
            qualifier: None,
            vague: false,
        }
    }
}

/// Finds the numeric claims in `text[span]` (one sentence).
pub fn scan(text: &str, start: usize, end: usize) -> Vec<Found> {
    let Some(sentence) = text.get(start..end) else {
        return Vec::new();
    };
    let toks = tokenize(sentence, start);
    let p = Parser { toks: &toks, text };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match claim_at(&p, i) {
            Some((found, next)) => {
                if let Some(f) = found {
                    out.push(f);
                }
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}
