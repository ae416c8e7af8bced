//! Finding and normalising temporal expressions: a grammar over the shared tokens of one
//! sentence. Each token is classified once by the lexicon; an expression can only start at a
//! token that is not [`Lex::Other`], and the rules try the longest reading from there.
//!
//! This module holds the scanner and the dispatch on the first token ([`Scanner::at`]); each
//! family of rules is a file of its own:
//! - `dates`: weekdays, months, days, years, seasons, holidays;
//! - `clock`: times of day and the date that may follow one;
//! - `relative`: `today`, `last year`, `next Tuesday`, `three days ago`, `the following
//!   year`;
//! - `periods`: quarters, halves, centuries, hyphenated compounds (`third-quarter`);
//! - `holidays`: the table of named days and how each is computed per year;
//! - `numeric`: dates written in digits (`2008-04-17`, `6/12/2008`, `'05`);
//! - `quantity`: counts and lengths (`18 months`, `five hundred and twelve days`), and
//!   lengths counted from an anchor (`two weeks from next Tuesday`);
//! - `sets`: recurring times (`every other week`, `twice a week`, `annually`);
//! - `reference`: the time anaphoric expressions count from (`the next day`, `that year`);
//! - `tense`: the direction a clause points to (past or future);
//! - `words`: the context words that tell a date from a verb, a noun or a count;
//! - `calendar`: date arithmetic and TIMEX3 value notation.

// The grammar walks token indices (`i`, `j`) and calendar fields (`y`, `m`, `d`): the short
// names are the notation of the rules.
#![allow(clippy::many_single_char_names)]

mod calendar;
mod clock;
mod dates;
mod holidays;
mod numeric;
mod periods;
mod quantity;
mod reference;
mod relative;
mod sets;
mod tense;
mod words;

pub(crate) use reference::{year_of, Reference};

pub(crate) use calendar::duration;
use calendar::time_value;

use std::cell::Cell;

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
    /// TIMEX3 `mod`, `quant` and `freq`.
    pub modifier: Option<&'static str>,
    pub quant: Option<&'static str>,
    pub freq: Option<String>,
}

impl Found {
    fn with_mod(self, modifier: Option<&'static str>) -> Self {
        Found {
            modifier: modifier.or(self.modifier),
            ..self
        }
    }

    fn with_quant(self, quant: &'static str) -> Self {
        Found {
            quant: Some(quant),
            ..self
        }
    }
}

/// What the rules need to know about the place of an expression.
pub(crate) struct Scanner<'a, 't> {
    pub toks: &'t [Tok<'a>],
    pub dct: Option<NaiveDate>,
    /// The document narrates a past far from its publication date (see `is_narrative`).
    pub narrative: bool,
    /// In a narrative, the year last named in the text: the reference for months, days,
    /// seasons and holidays without a year.
    pub narrative_year: Cell<Option<i32>>,
    /// The last day, month and year named: what anaphoric expressions count from.
    pub reference: Cell<Reference>,
    /// The sentence before this one spoke of a quarter (earnings reports compare quarters).
    pub quarter_before: bool,
}

type M = Option<(usize, Found)>;

fn found(ty: TimexType, value: impl Into<String>) -> Found {
    Found {
        ty,
        value: value.into(),
        resolved: true,
        modifier: None,
        quant: None,
        freq: None,
    }
}

fn unresolved(ty: TimexType, value: impl Into<String>) -> Found {
    Found {
        ty,
        value: value.into(),
        resolved: false,
        modifier: None,
        quant: None,
        freq: None,
    }
}

/// Whether a DATE value names one day (`2023-04-20`, or unresolved `XXXX-XX-XX`,
/// `XXXX-WXX-5`): a time of day can follow it.
fn is_day(value: &str) -> bool {
    let b = value.as_bytes();
    (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        || (value.starts_with("XXXX-WXX-") && b.len() == 10 && b[9].is_ascii_digit())
}

impl<'a> Scanner<'a, '_> {
    fn lex(&self, i: usize) -> Lex {
        self.toks.get(i).map_or(Lex::Other, |t| t.lex)
    }

    fn text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text)
    }

    /// Whether token `i` is `word` in any case.
    fn is(&self, i: usize, word: &str) -> bool {
        self.text(i).eq_ignore_ascii_case(word)
    }

    /// The longest expression starting at token `i`: the exclusive end token and the value.
    pub fn at(&self, i: usize) -> M {
        let (end, f) = self.at_inner(i)?;
        Some(self.extend(end, f))
    }

    /// What may follow an expression and belong to it: a quarter or half of its year (`1998
    /// first quarter`, `this year's third quarter`, `next year's first half`), a time of
    /// day on its day (`Friday at 8 p.m.`, `last Monday at noon`, `Friday night`), the date
    /// of its weekday (`this coming Sunday, March 8`), or a hedge (`the next year or so`,
    /// `1994 or later`).
    fn extend(&self, end: usize, f: Found) -> (usize, Found) {
        let (end, f) = self.extend_inner(end, f);
        let hedge = match (
            self.text(end).to_ascii_lowercase().as_str(),
            self.text(end + 1).to_ascii_lowercase().as_str(),
        ) {
            ("or", "so") => Some("APPROX"),
            ("or", "later" | "after") | ("and", "beyond" | "later") => Some("ON_OR_AFTER"),
            ("or", "earlier" | "before") => Some("ON_OR_BEFORE"),
            _ => None,
        };
        match hedge {
            Some("APPROX") if f.ty != TimexType::Set => (end + 2, f.with_mod(hedge)),
            Some(_) if f.ty == TimexType::Date => (end + 2, f.with_mod(hedge)),
            _ => (end, f),
        }
    }

    fn extend_inner(&self, end: usize, f: Found) -> (usize, Found) {
        if f.ty == TimexType::Date && f.value.len() == 4 {
            let k = if matches!(self.text(end), "'s" | "’s") {
                end + 1
            } else {
                end
            };
            if let Lex::Ord(n @ 1..=4) = self.lex(k) {
                let code = match self.lex(k + 1) {
                    Lex::Unit(Unit::Quarter, false) => Some(format!("Q{n}")),
                    Lex::Half if n <= 2 => Some(format!("H{n}")),
                    _ => None,
                };
                if let Some(code) = code {
                    let value = format!("{}-{code}", f.value);
                    return (k + 2, Found { value, ..f });
                }
            }
        }
        // `this coming Sunday, March 8`: the weekday's date, written out
        let weekday_last = end > 0 && matches!(self.lex(end - 1), Lex::Weekday(_));
        if f.ty == TimexType::Date && weekday_last && self.lex(end) == Lex::Comma {
            let date = match self.lex(end + 1) {
                Lex::Month(m) => self.month_expr(end + 1, m),
                Lex::Num(_) => self.day_month(end + 1),
                _ => None,
            };
            if let Some((e, d)) = date.filter(|(_, d)| is_day(&d.value)) {
                return self.extend_inner(e, d);
            }
        }
        if f.ty == TimexType::Date && is_day(&f.value) {
            if let Some((e, t)) = self.time_after(end) {
                let value = format!("{}{t}", f.value);
                return (
                    e,
                    Found {
                        ty: TimexType::Time,
                        value,
                        ..f
                    },
                );
            }
        }
        (end, f)
    }

    fn at_inner(&self, i: usize) -> M {
        match self.lex(i) {
            Lex::Approx | Lex::More | Lex::Up | Lex::Over | Lex::Just | Lex::At => {
                let (start, modifier) = self.modifier(i);
                if start == i {
                    return None;
                }
                match self.lex(start) {
                    Lex::Num(_) | Lex::A | Lex::Few | Lex::Hyph => self
                        .quantity_expr(start)
                        .map(|(e, f)| (e, f.with_mod(modifier))),
                    _ => None,
                }
            }
            Lex::Edge => {
                // early next year / late Friday / mid March
                if self.text(i + 1) == "-" {
                    return None;
                }
                let modifier = match self.text(i).to_ascii_lowercase().as_str() {
                    "early" => "START",
                    "mid" => "MID",
                    _ => "END",
                };
                // `mid afternoon`, `late morning`: a part of the publication day (or of the
                // day that follows: `late morning yesterday`)
                if let Lex::DayPart(p) = self.lex(i + 1) {
                    if self.text(i + 1).ends_with('s') {
                        return None;
                    }
                    let (end, date) = self.trailing_date(i + 2);
                    let f = time_value(date, &format!("T{p}"));
                    return Some((end, f.with_mod(Some(modifier))));
                }
                let (end, f) = self.core(i + 1)?;
                (f.ty != TimexType::Duration).then(|| (end, f.with_mod(Some(modifier))))
            }
            Lex::Earlier | Lex::Later => match self.lex(i + 1) {
                Lex::Rel(Rel::This)
                | Lex::That
                | Lex::Deictic(
                    Deictic::Today | Deictic::Tonight | Deictic::Yesterday | Deictic::Tomorrow,
                ) => self.core(i + 1),
                _ => None,
            },
            _ => self.core(i),
        }
    }

    /// Skips approximating modifiers (`about`, `more than`, `up to`, `just over`): the first
    /// token after them, and the TIMEX3 `mod` they give.
    fn modifier(&self, i: usize) -> (usize, Option<&'static str>) {
        let mut j = i;
        let mut modifier = None;
        loop {
            let m = match (self.lex(j), self.lex(j + 1)) {
                (Lex::Approx, _) => match self.text(j).to_ascii_lowercase().as_str() {
                    "nearly" | "almost" => (1, "LESS_THAN"),
                    _ => (1, "APPROX"),
                },
                (Lex::Over, _) => {
                    if self.is(j, "under") {
                        (1, "LESS_THAN")
                    } else {
                        (1, "MORE_THAN")
                    }
                }
                (Lex::Just, _) => (1, ""),
                (Lex::More, Lex::Than) => {
                    if self.is(j, "more") {
                        (2, "MORE_THAN")
                    } else {
                        (2, "LESS_THAN")
                    }
                }
                (Lex::Up, Lex::To) => (2, "EQUAL_OR_LESS"),
                (Lex::At, Lex::Least) => (2, "EQUAL_OR_MORE"),
                _ => return (j, modifier),
            };
            j += m.0;
            if !m.1.is_empty() && modifier.is_none() {
                modifier = Some(m.1);
            }
        }
    }

    fn core(&self, i: usize) -> M {
        let t = self.toks.get(i)?;
        match t.lex {
            Lex::Deictic(d) => self.deictic(i, d),
            Lex::Rel(r) => self.rel_expr(i, r, false),
            Lex::The => self.the_expr(i),
            Lex::That => self.that_expr(i),
            Lex::Weekday(d) => self.weekday_expr(i, d),
            Lex::Weekdays(d) => self.weekdays(i, d),
            Lex::Month(m) => self.month_expr(i, m),
            Lex::Year(y) => self.year_expr(i, y),
            Lex::Decade(v, n) => self.decade(i, v, n),
            Lex::Num(_) | Lex::A | Lex::Few => {
                if let Some(m) = self.a_date(i) {
                    return Some(m);
                }
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
                // `490 BC`, `79 AD`
                if let Some(m) = self.era_year(i) {
                    return Some(m);
                }
                // `three times a day`
                if let Some(m) = self.times_a(i) {
                    return Some(m);
                }
                // `25` in `April 24 and 25`
                if let Some(m) = self.coordinated_day(i) {
                    return Some(m);
                }
                self.quantity_expr(i)
            }
            Lex::NumAmPm(..) => self.clock(i),
            Lex::Numeric => self.numeric_date(i),
            Lex::Apos => self.apos_year(i),
            Lex::Ad => self.era_year(i),
            Lex::Ord(n) => self.ord_expr(i, n),
            Lex::Hyph => self.hyph_expr(i),
            Lex::Season(s) => {
                if !t.capitalized() && !matches!(self.lex(i + 1), Lex::Year(_) | Lex::Of) {
                    return None;
                }
                self.season_tail(i + 1, s)
            }
            Lex::SetAdv(v) => {
                // `annual`, `daily` before a noun are adjectives of frequency too (TimeML SET).
                Some((i + 1, found(TimexType::Set, v)))
            }
            Lex::SetAdverb(v) => self.set_adverb(i, v),
            Lex::Times(n) => self.times_a(i).filter(|_| n > 0),
            Lex::Alternate => self.alternate(i),
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
            Lex::Holiday => self.holiday(i, None),
            // `year end`, `year's end`
            Lex::Unit(Unit::Year, false) => {
                let k = if matches!(self.text(i + 1), "'s" | "’s") {
                    i + 2
                } else {
                    i + 1
                };
                if !self.is(k, "end") {
                    return None;
                }
                self.year_end(i, k + 1)
            }
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
