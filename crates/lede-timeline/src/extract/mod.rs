//! Finding and normalising temporal expressions: a grammar over the shared tokens of one
//! sentence. Each token is classified once by the lexicon; an expression can only start at a
//! token that is not [`Lex::Other`], and the rules try the longest reading from there.
//!
//! This module holds the scanner and the dispatch on the first token ([`Scanner::at`]); each
//! family of rules is a file of its own:
//! - `dates`: weekdays, months, days, years, seasons, holidays;
//! - `clock`: times of day and the date that may follow one;
//! - `relative`: `today`, `last year`, `next Tuesday`, `three days ago`;
//! - `periods`: quarters, halves, centuries, hyphenated compounds (`third-quarter`);
//! - `quantity`: counts and lengths (`18 months`) and sets (`every year`);
//! - `tense`: the direction a clause points to (past or future);
//! - `words`: the context words that tell a date from a verb, a noun or a count;
//! - `calendar`: date arithmetic and TIMEX3 value notation.

// The grammar walks token indices (`i`, `j`) and calendar fields (`y`, `m`, `d`): the short
// names are the notation of the rules.
#![allow(clippy::many_single_char_names)]

mod calendar;
mod clock;
mod dates;
mod periods;
mod quantity;
mod relative;
mod tense;
mod words;

pub(crate) use calendar::duration;
use calendar::{decade_value, time_value};

use chrono::NaiveDate;
use lede_core::Span;

use crate::lexicon::{Deictic, Lex, Rel, Unit};
use crate::TimexType;

/// One token of the sentence being scanned.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    pub lex: Lex,
    pub span: Span,
}

impl Tok<'_> {
    fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// A recognised expression before anchoring: its token range, type and value.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub ty: TimexType,
    pub value: String,
    /// False when the value needed a document creation time that the document does not have.
    pub resolved: bool,
}

/// What the rules need to know about the place of an expression.
pub(crate) struct Scanner<'a, 't> {
    pub toks: &'t [Tok<'a>],
    pub dct: Option<NaiveDate>,
    /// In a narrative (see `is_narrative`), the year last named in the text: the reference
    /// for months and days without a year.
    pub narrative_year: std::cell::Cell<Option<i32>>,
    /// The sentence before this one spoke of a quarter (earnings reports compare quarters).
    pub quarter_before: bool,
}

type M = Option<(usize, Found)>;

fn found(ty: TimexType, value: impl Into<String>) -> Found {
    Found {
        ty,
        value: value.into(),
        resolved: true,
    }
}

fn unresolved(ty: TimexType, value: impl Into<String>) -> Found {
    Found {
        ty,
        value: value.into(),
        resolved: false,
    }
}

impl<'a> Scanner<'a, '_> {
    fn lex(&self, i: usize) -> Lex {
        self.toks.get(i).map_or(Lex::Other, |t| t.lex)
    }

    fn text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text)
    }

    /// The longest expression starting at token `i`: the exclusive end token and the value.
    /// A year followed by `'s first quarter` (`this year's third quarter`, `next year's first
    /// half`) becomes that quarter or half.
    pub fn at(&self, i: usize) -> M {
        let (end, f) = self.at_inner(i)?;
        if f.ty == TimexType::Date && f.value.len() == 4 && matches!(self.text(end), "'s" | "’s")
        {
            if let Lex::Ord(n @ 1..=4) = self.lex(end + 1) {
                let code = match self.lex(end + 2) {
                    Lex::Unit(Unit::Quarter, false) => Some(format!("Q{n}")),
                    Lex::Half if n <= 2 => Some(format!("H{n}")),
                    _ => None,
                };
                if let Some(code) = code {
                    let value = format!("{}-{code}", f.value);
                    return Some((end + 3, Found { value, ..f }));
                }
            }
        }
        Some((end, f))
    }

    fn at_inner(&self, i: usize) -> M {
        match self.lex(i) {
            Lex::Approx | Lex::More | Lex::Up | Lex::Over | Lex::Just | Lex::At => {
                let start = self.modifier(i)?;
                if start == i {
                    return None;
                }
                match self.lex(start) {
                    Lex::Num(_) | Lex::A | Lex::Few | Lex::Hyph => self.quantity_expr(start, false),
                    _ => None,
                }
            }
            Lex::Edge => {
                // early next year / late Friday / mid March
                if self.text(i + 1) == "-" {
                    return None;
                }
                let (end, f) = self.core(i + 1)?;
                (f.ty != TimexType::Duration).then_some((end, f))
            }
            Lex::Earlier | Lex::Later => match self.lex(i + 1) {
                Lex::Rel(Rel::This)
                | Lex::Deictic(
                    Deictic::Today | Deictic::Tonight | Deictic::Yesterday | Deictic::Tomorrow,
                ) => self.core(i + 1),
                _ => None,
            },
            _ => self.core(i),
        }
    }

    /// Skips approximating modifiers (`about`, `more than`, `up to`, `just over`): returns the
    /// first token after them.
    fn modifier(&self, i: usize) -> Option<usize> {
        let mut j = i;
        loop {
            match (self.lex(j), self.lex(j + 1)) {
                (Lex::Approx | Lex::Over | Lex::Just, _) => j += 1,
                (Lex::More, Lex::Than) | (Lex::Up, Lex::To) | (Lex::At, Lex::Least) => j += 2,
                _ => return Some(j),
            }
        }
    }

    fn core(&self, i: usize) -> M {
        let t = self.toks.get(i)?;
        match t.lex {
            Lex::Deictic(d) => self.deictic(i, d),
            Lex::Rel(r) => self.rel_expr(i, i, r, false),
            Lex::The => self.the_expr(i),
            Lex::Weekday(d) => self.weekday_expr(i, d),
            Lex::Month(m) => self.month_expr(i, m),
            Lex::Year(y) => self.year_expr(i, y),
            Lex::Decade(v, n) => Some((i + 1, found(TimexType::Date, decade_value(v, n)))),
            Lex::Num(_) | Lex::A | Lex::Few => {
                if let Some(m) = self.clock(i) {
                    return Some(m);
                }
                if let Some(m) = self.day_month(i) {
                    return Some(m);
                }
                // `nineteen ninety-six`, `nineteen eighty` (transcribed speech)
                if let Some(m) = self.spoken_year(i) {
                    return Some(m);
                }
                // `490 BC`
                if let Lex::Num(n) = t.lex {
                    let next = self.text(i + 1);
                    if n > 0 && matches!(next, "BC" | "B.C." | "BCE" | "B.C.E.") {
                        return Some((i + 2, found(TimexType::Date, format!("BC{n:04}"))));
                    }
                }
                self.quantity_expr(i, false)
            }
            Lex::Ord(n) => self.ord_expr(i, n),
            Lex::Hyph => self.hyph_expr(i),
            Lex::Season(s) => {
                if !t.capitalized() && !matches!(self.lex(i + 1), Lex::Year(_) | Lex::Of) {
                    return None;
                }
                self.season_tail(i, i + 1, s)
            }
            Lex::SetAdv(v) => {
                // `annual`, `daily` before a noun are adjectives of frequency too (TimeML SET).
                Some((i + 1, found(TimexType::Set, v)))
            }
            Lex::Every => self.every_expr(i),
            Lex::Fiscal => match (self.lex(i + 1), self.lex(i + 2)) {
                (Lex::Year(y), _) | (Lex::Unit(Unit::Year, false), Lex::Year(y)) => {
                    let end = if matches!(self.lex(i + 1), Lex::Year(_)) {
                        i + 2
                    } else {
                        i + 3
                    };
                    Some((end, found(TimexType::Date, format!("{y:04}"))))
                }
                _ => None,
            },
            Lex::Holiday if t.capitalized() => self.holiday(i),
            // `for years`, `within weeks`, `the first time in decades`: an unspecified length
            Lex::Unit(u, true)
                if i > 0
                    && matches!(
                        self.text(i - 1).to_ascii_lowercase().as_str(),
                        "for" | "within" | "in" | "over"
                    )
                    && !matches!(self.text(i + 1), "of" | "old" | "to" | "ago")
                    && !matches!(u, Unit::Second | Unit::Quarter) =>
            {
                Some((i + 1, found(TimexType::Duration, duration(None, u))))
            }
            Lex::QuarterName(n) if t.text.starts_with('Q') => {
                self.period_of_year(i + 1, &format!("Q{n}"), n, 4)
            }
            Lex::Noon | Lex::Midnight => {
                let t = if t.lex == Lex::Noon {
                    "T12:00"
                } else {
                    "T24:00"
                };
                let (end, date) = self.trailing_date(i + 1);
                Some((end, time_value(date, t)))
            }
            _ => None,
        }
    }
}
