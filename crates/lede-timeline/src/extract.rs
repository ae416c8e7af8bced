//! Finding and normalising temporal expressions: a grammar over the shared tokens of one
//! sentence. Each token is classified once by the lexicon; an expression can only start at a
//! token that is not [`Lex::Other`], and the rules below try the longest reading from there.

// The grammar walks token indices (`i`, `j`) and calendar fields (`y`, `m`, `d`): the short
// names are the notation of the rules.
#![allow(clippy::many_single_char_names)]

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use lede_core::Span;

use crate::lexicon::{
    lex, month_word, number_word, ordinal_word, unit_word, Deictic, Lex, Rel, Unit,
};
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

pub(crate) fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

fn shift_months(d: NaiveDate, months: i32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 + months;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

fn weekday_from(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// Prepositions and modifiers that can stand before either a month name or a year
/// (`in May`, `since 2008`, `between ... and ...`, `early 1990`).
fn date_context(l: &str) -> bool {
    matches!(
        l,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "before"
            | "after"
            | "during"
            | "of"
            | "from"
            | "to"
            | "through"
            | "throughout"
            | "early"
            | "late"
            | "mid"
            | "between"
            | "and"
            | "or"
    )
}

/// Words before a capitalised month name that make it a month (and not `May` the verb or
/// `March` the noun).
fn month_context(prev: &str) -> bool {
    let l = prev.to_ascii_lowercase();
    date_context(&l)
        || matches!(
            l.as_str(),
            "last" | "next" | "this" | "each" | "every" | "on" | "for" | "end"
        )
}

/// Words before a number that make it a year rather than a count.
fn year_context(prev: &str) -> bool {
    let l = prev.to_ascii_lowercase();
    date_context(&l)
        || matches!(
            l.as_str(),
            "fiscal"
                | "year"
                | "circa"
                | "c."
                | "around"
                | "("
                | ","
                | "–"
                | "-"
                | "summer"
                | "spring"
                | "winter"
                | "autumn"
                | "fall"
        )
}

impl<'a> Scanner<'a, '_> {
    fn lex(&self, i: usize) -> Lex {
        self.toks.get(i).map_or(Lex::Other, |t| t.lex)
    }

    fn text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text)
    }

    /// Whether the sentence around token `i` speaks of the future (then bare weekdays and
    /// months point forward).
    pub fn future(&self, i: usize) -> bool {
        self.tense(i) == Some(true)
    }

    /// The tense of the clause around token `i`: `Some(true)` for the future (a future
    /// auxiliary or `plans to`), `Some(false)` for the past (a past-tense verb other than a
    /// reporting one: `said` reports in the past whatever it reports), `None` when nothing
    /// tells. The nearest marker wins, looking left first.
    pub fn tense(&self, i: usize) -> Option<bool> {
        let lo = i.saturating_sub(20);
        let hi = (i + 8).min(self.toks.len());
        for j in (lo..i).rev() {
            let w = self.text(j);
            if matches!(w, ";" | "." | "?" | "!") {
                break;
            }
            if is_future_marker(w, self.text(j + 1)) {
                return Some(true);
            }
            if is_past_marker(w) {
                return Some(false);
            }
        }
        for j in i..hi {
            let w = self.text(j);
            if matches!(w, ";" | "." | "?" | "!") {
                break;
            }
            if is_future_marker(w, self.text(j + 1)) {
                return Some(true);
            }
            if is_past_marker(w) {
                return Some(false);
            }
        }
        None
    }

    /// The year of month `m` as the clause's tense points: backward in the past, forward in
    /// the future, the nearest occurrence when nothing tells.
    fn year_for_month(&self, i: usize, m: u32, d: NaiveDate) -> i32 {
        if let Some(y) = self.narrative_year.get() {
            return y;
        }
        let (y, cur) = (d.year(), d.month() as i32);
        let m = m as i32;
        match self.tense(i) {
            Some(true) => {
                if m >= cur {
                    y
                } else {
                    y + 1
                }
            }
            // a past-tense clause may still name a date of the next two months (`payable
            // Dec. 15`, `the meeting set for Nov. 6`): only further ahead goes back a year
            Some(false) => {
                if m <= cur + 2 {
                    y
                } else {
                    y - 1
                }
            }
            None => {
                if m - cur > 6 {
                    y - 1
                } else if cur - m > 6 {
                    y + 1
                } else {
                    y
                }
            }
        }
    }

    /// Whether this sentence itself speaks of a quarter of a year (not `a quarter point`,
    /// `a quarter of the votes`).
    pub fn mentions_quarter_here(&self) -> bool {
        self.toks.iter().enumerate().any(|(k, t)| {
            let period = matches!(t.lex, Lex::Unit(Unit::Quarter, _))
                && !(k > 0 && self.lex(k - 1) == Lex::A)
                && !matches!(self.text(k + 1), "point" | "points" | "of" | "percentage");
            period || (t.lex == Lex::Hyph && t.text.to_ascii_lowercase().ends_with("-quarter"))
        })
    }

    pub fn mentions_quarter(&self) -> bool {
        self.quarter_before || self.mentions_quarter_here()
    }

    /// The most recent complete quarter before DCT: what `the quarter` of an earnings report
    /// is.
    fn reporting_quarter(&self, back_years: i32) -> Option<String> {
        let d = self.dct?;
        let m = shift_months(d, -3 - 12 * back_years);
        Some(format!("{:04}-Q{}", m.year(), quarter_of(m)))
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
                Some((end, Self::time_value(date, t)))
            }
            _ => None,
        }
    }

    fn spoken_year(&self, i: usize) -> M {
        let Lex::Num(c @ (11..=20)) = self.lex(i) else {
            return None;
        };
        if !self.text(i).chars().all(char::is_alphabetic) {
            return None;
        }
        let (end, rest) = self.quantity(i + 1)?;
        let rest = rest?;
        if !(10..100).contains(&rest) || matches!(self.lex(end), Lex::Unit(..)) {
            return None;
        }
        let y = c * 100 + rest;
        Some((end, found(TimexType::Date, format!("{y:04}"))))
    }

    fn deictic(&self, i: usize, d: Deictic) -> M {
        let day = |n: i64| self.dct.map(|x| x + Duration::days(n));
        let date_of = |n: i64| match day(n) {
            Some(x) => found(TimexType::Date, ymd(x)),
            None => unresolved(TimexType::Date, "XXXX-XX-XX"),
        };
        Some(match d {
            Deictic::Today => (i + 1, date_of(0)),
            Deictic::Yesterday | Deictic::Tomorrow => {
                let n = if d == Deictic::Yesterday { -1 } else { 1 };
                if let Lex::DayPart(p) = self.lex(i + 1) {
                    return Some((i + 2, Self::time_value(day(n), &format!("T{p}"))));
                }
                (i + 1, date_of(n))
            }
            Deictic::Tonight | Deictic::Overnight => (i + 1, Self::time_value(day(0), "TNI")),
            Deictic::Present => {
                // `now` inside `right now` / `until now` is still the present.
                (i + 1, found(TimexType::Date, "PRESENT_REF"))
            }
            Deictic::PastRef => (i + 1, found(TimexType::Date, "PAST_REF")),
            Deictic::Current => match self.lex(i + 1) {
                Lex::Unit(u, false) => {
                    return self.unit_relative(i + 2, u, 0);
                }
                _ => return None,
            },
        })
    }

    /// `Christmas`, `Thanksgiving (Day)`, `Christmas Eve`: the one nearest to DCT in the
    /// clause's direction (Easter is movable and left unresolved).
    // every rule returns `M`, so that rules compose with `?` and `or_else`
    #[allow(clippy::unnecessary_wraps)]
    fn holiday(&self, i: usize) -> M {
        let name = self.text(i).to_ascii_lowercase();
        let mut end = i + 1;
        let next = self.text(end).to_ascii_lowercase();
        let eve = next == "eve";
        if next == "day" || eve {
            end += 1;
        }
        let Some(dct) = self.dct else {
            return Some((end, unresolved(TimexType::Date, "XXXX-XX-XX")));
        };
        let on = |y: i32| -> Option<NaiveDate> {
            match name.as_str() {
                "christmas" => NaiveDate::from_ymd_opt(y, 12, if eve { 24 } else { 25 }),
                "halloween" => NaiveDate::from_ymd_opt(y, 10, 31),
                // the fourth Thursday of November
                "thanksgiving" => NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Thu, 4),
                _ => None,
            }
        };
        let Some(this_year) = on(dct.year()) else {
            return Some((end, unresolved(TimexType::Date, "XXXX-XX-XX")));
        };
        let date = match self.tense(i) {
            Some(true) if this_year < dct => on(dct.year() + 1),
            Some(false) if this_year > dct => on(dct.year() - 1),
            _ => Some(this_year),
        };
        Some((
            end,
            date.map_or_else(
                || unresolved(TimexType::Date, "XXXX-XX-XX"),
                |d| found(TimexType::Date, ymd(d)),
            ),
        ))
    }

    /// A TIME value on a date (or an unresolved date).
    fn time_value(date: Option<NaiveDate>, t: &str) -> Found {
        match date {
            Some(d) => found(TimexType::Time, format!("{}{t}", ymd(d))),
            None => unresolved(TimexType::Time, format!("XXXX-XX-XX{t}")),
        }
    }

    /// `this week`, `last year`, ...: the unit that contains DCT shifted by `by`.
    fn unit_relative(&self, end: usize, u: Unit, by: i32) -> M {
        let Some(d) = self.dct else {
            let v = match u {
                Unit::Year => "XXXX",
                Unit::Month => "XXXX-XX",
                Unit::Week => "XXXX-WXX",
                Unit::Weekend => "XXXX-WXX-WE",
                Unit::Quarter => "XXXX-QX",
                Unit::Day => "XXXX-XX-XX",
                Unit::Decade => "XXX",
                Unit::Century => "XX",
                _ => return None,
            };
            return Some((end, unresolved(TimexType::Date, v)));
        };
        let v = match u {
            Unit::Year => format!("{:04}", d.year() + by),
            Unit::Month => {
                let m = shift_months(d, by);
                format!("{:04}-{:02}", m.year(), m.month())
            }
            Unit::Week => week(d + Duration::weeks(i64::from(by))),
            Unit::Weekend => format!("{}-WE", week(d + Duration::weeks(i64::from(by)))),
            Unit::Quarter => {
                let m = shift_months(d, by * 3);
                format!("{:04}-Q{}", m.year(), quarter_of(m))
            }
            Unit::Day => ymd(d + Duration::days(i64::from(by))),
            Unit::Decade => format!("{:03}", d.year() / 10 + by),
            Unit::Century => format!("{:02}", d.year() / 100 + by),
            _ => return None,
        };
        Some((end, found(TimexType::Date, v)))
    }

    /// Expressions opened by `this`, `last`, `next`, `past`, ... (`start` includes a `the`).
    fn rel_expr(&self, start: usize, i: usize, r: Rel, the: bool) -> M {
        let _ = start;
        let j = i + 1;
        if r == Rel::Latest {
            // `the latest quarter` / `the latest period` of an earnings report
            let next = self.text(j).to_ascii_lowercase();
            if the && matches!(next.as_str(), "quarter" | "period") {
                return match self.reporting_quarter(0) {
                    Some(v) => Some((j + 1, found(TimexType::Date, v))),
                    None => Some((j + 1, unresolved(TimexType::Date, "XXXX-QX"))),
                };
            }
            return None;
        }
        // the past two years / last three months / the next few days
        if r != Rel::This {
            if let Some((qend, n)) = self.quantity(j) {
                if let Lex::Unit(u, _) = self.lex(qend) {
                    if the || !matches!(self.lex(j), Lex::A) {
                        return Some((qend + 1, found(TimexType::Duration, duration(n, u))));
                    }
                }
            }
        }
        match self.lex(j) {
            Lex::Unit(u, true) => {
                let v = match r {
                    Rel::Past | Rel::Last if !the => {
                        return Some((j + 1, found(TimexType::Date, "PAST_REF")));
                    }
                    Rel::This if u == Unit::Day => {
                        return Some((j + 1, found(TimexType::Date, "PRESENT_REF")));
                    }
                    Rel::This => return None,
                    _ => duration(None, u),
                };
                Some((j + 1, found(TimexType::Duration, v)))
            }
            Lex::Unit(u, false) => match r {
                Rel::This => self.unit_relative(j + 1, u, 0),
                Rel::Last | Rel::Past if the => {
                    Some((j + 1, found(TimexType::Duration, duration(Some(1), u))))
                }
                Rel::Past => Some((j + 1, found(TimexType::Duration, duration(Some(1), u)))),
                Rel::Last | Rel::Previous => self.unit_relative(j + 1, u, -1),
                Rel::Next | Rel::Coming | Rel::Following => self.unit_relative(j + 1, u, 1),
                Rel::Recent | Rel::Latest => None,
            },
            Lex::Weekday(d) => {
                let dir = match r {
                    Rel::Last | Rel::Previous | Rel::Past => -2,
                    Rel::Next | Rel::Coming | Rel::Following => 2,
                    _ => {
                        if self.future(i) {
                            1
                        } else {
                            -1
                        }
                    }
                };
                let end = j + 1;
                Some(self.weekday_value(end, d, dir))
            }
            Lex::Month(m) => {
                let Some(d) = self.dct else {
                    return Some((j + 1, unresolved(TimexType::Date, format!("XXXX-{m:02}"))));
                };
                let y = match r {
                    Rel::Last | Rel::Previous | Rel::Past => {
                        if m < d.month() {
                            d.year()
                        } else {
                            d.year() - 1
                        }
                    }
                    Rel::Next | Rel::Coming | Rel::Following => {
                        if m > d.month() {
                            d.year()
                        } else {
                            d.year() + 1
                        }
                    }
                    _ => d.year(),
                };
                Some((j + 1, found(TimexType::Date, format!("{y:04}-{m:02}"))))
            }
            Lex::Season(s) => {
                let Some(d) = self.dct else {
                    return Some((j + 1, unresolved(TimexType::Date, format!("XXXX-{s}"))));
                };
                // January and February belong to the winter that began the year before
                let cur = season_index(d);
                let cur_y = if d.month() <= 2 {
                    d.year() - 1
                } else {
                    d.year()
                };
                let idx = season_pos(s);
                let y = match r {
                    Rel::Last | Rel::Previous | Rel::Past => {
                        if idx < cur {
                            cur_y
                        } else {
                            cur_y - 1
                        }
                    }
                    Rel::Next | Rel::Coming | Rel::Following => {
                        if idx > cur {
                            cur_y
                        } else {
                            cur_y + 1
                        }
                    }
                    _ => cur_y,
                };
                Some((j + 1, found(TimexType::Date, format!("{y:04}-{s}"))))
            }
            Lex::DayPart(p) => {
                let n = match r {
                    Rel::This => 0,
                    Rel::Last | Rel::Previous | Rel::Past => -1,
                    Rel::Next | Rel::Coming | Rel::Following => 1,
                    Rel::Recent | Rel::Latest => return None,
                };
                let day = self.dct.map(|x| x + Duration::days(n));
                Some((j + 1, Self::time_value(day, &format!("T{p}"))))
            }
            _ if the && r == Rel::Past => Some((j, found(TimexType::Date, "PAST_REF"))),
            _ => None,
        }
    }

    /// A weekday, resolved: `dir` -1 / 1 for the nearest one at or before / after DCT, -2 / 2
    /// for one strictly before / after.
    fn weekday_value(&self, end: usize, d: u32, dir: i32) -> (usize, Found) {
        let Some(dct) = self.dct else {
            return (end, unresolved(TimexType::Date, format!("XXXX-WXX-{d}")));
        };
        let target = i64::from(weekday_from(d).num_days_from_monday());
        let cur = i64::from(dct.weekday().num_days_from_monday());
        let back = (cur - target).rem_euclid(7);
        let fwd = (target - cur).rem_euclid(7);
        let delta = match dir {
            -1 => -back,
            // nothing tells: the past (news reports more than it announces), unless the day
            // is tomorrow's
            0 => {
                if fwd <= 1 {
                    fwd
                } else {
                    -back
                }
            }
            1 => fwd,
            -2 => {
                if back == 0 {
                    -7
                } else {
                    -back
                }
            }
            _ => {
                if fwd == 0 {
                    7
                } else {
                    fwd
                }
            }
        };
        (
            end,
            found(TimexType::Date, ymd(dct + Duration::days(delta))),
        )
    }

    fn weekday_expr(&self, i: usize, d: u32) -> M {
        if !self.toks[i].capitalized() {
            return None;
        }
        // Wednesday, March 3 (, 2021)
        let mut j = i + 1;
        if self.lex(j) == Lex::Comma {
            j += 1;
        }
        if let Lex::Month(m) = self.lex(j) {
            if let Some(r) = self.month_expr(j, m) {
                if r.0 > j + 1 {
                    return Some(r);
                }
            }
        }
        let dir = match self.tense(i) {
            Some(true) => 1,
            Some(false) => -1,
            None => 0,
        };
        let (end, f) = self.weekday_value(i + 1, d, dir);
        // `Monday at midnight`, `Friday at 3 p.m.`
        if self.lex(end) == Lex::At && f.resolved {
            let t = match self.lex(end + 1) {
                Lex::Noon => Some((end + 2, "T12:00".to_owned())),
                Lex::Midnight => Some((end + 2, "T24:00".to_owned())),
                Lex::Num(_) => self
                    .clock(end + 1)
                    .filter(|(_, c)| c.ty == TimexType::Time)
                    .and_then(|(e, c)| Some((e, c.value.split_once('T')?.1.to_owned())))
                    .map(|(e, t)| (e, format!("T{t}"))),
                _ => None,
            };
            if let Some((e, t)) = t {
                return Some((
                    e,
                    Found {
                        ty: TimexType::Time,
                        value: format!("{}{t}", f.value),
                        resolved: true,
                    },
                ));
            }
        }
        if let Lex::DayPart(p) = self.lex(end) {
            if !self.text(end).ends_with('s') {
                let v = format!("{}T{p}", f.value);
                return Some((
                    end + 1,
                    Found {
                        ty: TimexType::Time,
                        value: v,
                        resolved: f.resolved,
                    },
                ));
            }
        }
        Some((end, f))
    }

    /// A date after a time of day (`10 p.m. Wednesday`, `5 p.m. EST, Nov. 9`): the end and
    /// the date (DCT when none follows).
    fn trailing_date(&self, i: usize) -> (usize, Option<NaiveDate>) {
        let mut j = i;
        if self.lex(j) == Lex::Comma {
            j += 1;
        }
        match self.lex(j) {
            Lex::Weekday(d) if self.toks[j].capitalized() => {
                let dir = if self.future(j) { 1 } else { -1 };
                let (end, f) = self.weekday_value(j + 1, d, dir);
                (end, NaiveDate::parse_from_str(&f.value, "%Y-%m-%d").ok())
            }
            Lex::Month(m) => match self.month_expr(j, m) {
                Some((end, f)) if end > j + 1 => {
                    (end, NaiveDate::parse_from_str(&f.value, "%Y-%m-%d").ok())
                }
                _ => (i, self.dct),
            },
            Lex::Deictic(Deictic::Today) => (j + 1, self.dct),
            Lex::Deictic(Deictic::Yesterday) => (j + 1, self.dct.map(|d| d - Duration::days(1))),
            Lex::Deictic(Deictic::Tomorrow) => (j + 1, self.dct.map(|d| d + Duration::days(1))),
            _ => (i, self.dct),
        }
    }

    /// `3 p.m.`, `10:35 a.m. local time`, `7:15`.
    fn clock(&self, i: usize) -> M {
        let Lex::Num(h) = self.lex(i) else {
            return None;
        };
        let mut j = i + 1;
        let mut min = 0;
        let mut has_min = false;
        if self.lex(j) == Lex::Colon {
            if let Lex::Num(m) = self.lex(j + 1) {
                if self.text(j + 1).len() == 2
                    && m < 60
                    && self.toks[j].span.end == self.toks[j + 1].span.start
                {
                    min = m;
                    has_min = true;
                    j += 2;
                }
            }
        }
        let mut hour = h;
        match self.lex(j) {
            Lex::AmPm(pm) if (1..=12).contains(&h) => {
                if pm && h < 12 {
                    hour += 12;
                } else if !pm && h == 12 {
                    hour = 0;
                }
                j += 1;
            }
            _ if has_min && h <= 24 => {}
            _ => return None,
        }
        // time zones and `local time` belong to the expression
        if self.lex(j) == Lex::Zone && self.toks[j].text.chars().all(|c| c.is_ascii_uppercase()) {
            j += 1;
        } else if self.lex(j) == Lex::Local && self.lex(j + 1) == Lex::TimeWord {
            j += 2;
        }
        let (end, date) = self.trailing_date(j);
        let t = format!("T{hour:02}:{min:02}");
        Some((end, Self::time_value(date, &t)))
    }

    /// `3 March 2008`, `3 March`.
    fn day_month(&self, i: usize) -> M {
        let Lex::Num(d) = self.lex(i) else {
            return None;
        };
        let Lex::Month(m) = self.lex(i + 1) else {
            return None;
        };
        if !(1..=31).contains(&d) || !self.toks[i + 1].capitalized() {
            return None;
        }
        if let Lex::Year(y) = self.lex(i + 2) {
            return Some((
                i + 3,
                found(TimexType::Date, format!("{y:04}-{m:02}-{d:02}")),
            ));
        }
        Some((i + 2, self.month_day_value(i, m, d)))
    }

    fn month_day_value(&self, i: usize, m: u32, d: u32) -> Found {
        let Some(dct) = self.dct else {
            return unresolved(TimexType::Date, format!("XXXX-{m:02}-{d:02}"));
        };
        let y = self.year_for_month(i, m, dct);
        found(TimexType::Date, format!("{y:04}-{m:02}-{d:02}"))
    }

    fn month_expr(&self, i: usize, m: u32) -> M {
        let t = self.toks[i];
        if !t.capitalized() {
            return None;
        }
        // March 3 (, 2008) / March 3rd
        match self.lex(i + 1) {
            Lex::Num(d) | Lex::Ord(d) if (1..=31).contains(&d) => {
                let mut j = i + 2;
                if self.lex(j) == Lex::Comma {
                    j += 1;
                }
                if let Lex::Year(y) = self.lex(j) {
                    return Some((
                        j + 1,
                        found(TimexType::Date, format!("{y:04}-{m:02}-{d:02}")),
                    ));
                }
                // `May 5` is a date; but `March 3` in a list of numbers is rare enough.
                return Some((i + 2, self.month_day_value(i, m, d)));
            }
            Lex::Year(y) => {
                return Some((i + 2, found(TimexType::Date, format!("{y:04}-{m:02}"))));
            }
            // `June last year`, `January next year`
            Lex::Rel(r @ (Rel::Last | Rel::This | Rel::Next))
                if self.lex(i + 2) == Lex::Unit(Unit::Year, false) =>
            {
                let by = match r {
                    Rel::Last => -1,
                    Rel::Next => 1,
                    _ => 0,
                };
                return Some((
                    i + 3,
                    match self.dct {
                        Some(d) => found(TimexType::Date, format!("{:04}-{m:02}", d.year() + by)),
                        None => unresolved(TimexType::Date, format!("XXXX-{m:02}")),
                    },
                ));
            }
            Lex::Of if matches!(self.lex(i + 2), Lex::Year(_)) => {
                if let Lex::Year(y) = self.lex(i + 2) {
                    return Some((i + 3, found(TimexType::Date, format!("{y:04}-{m:02}"))));
                }
            }
            _ => {}
        }
        // A month alone: ambiguous words need a temporal context before them.
        let lower = t.text.to_ascii_lowercase();
        let ambiguous = matches!(lower.as_str(), "may" | "march" | "sun." | "jan" | "dec");
        let prev = if i > 0 { self.text(i - 1) } else { "" };
        if ambiguous && !month_context(prev) {
            return None;
        }
        if ambiguous
            && lower == "march"
            && matches!(self.text(i + 1), "on" | "to" | "through" | "against" | "in")
        {
            return None;
        }
        Some((i + 1, self.month_year(i, m)))
    }

    fn year_expr(&self, i: usize, y: i32) -> M {
        // `1100 GMT`, `at 1545 hrs`: a time of day on the 24-hour clock, not a year
        let next_zone = (self.lex(i + 1) == Lex::Zone
            && self.text(i + 1).chars().all(|c| c.is_ascii_uppercase()))
            || matches!(self.text(i + 1), "hrs" | "hours" | "local" | "GMT");
        let prev_at = i > 0 && matches!(self.text(i - 1), "at" | "At" | "by" | "until");
        if (next_zone || prev_at) && y % 100 < 60 && y / 100 <= 24 && self.text(i).len() == 4 {
            let mut j = i + 1;
            if next_zone {
                j += 1;
                if self.text(j) == "time" || self.text(j) == "hours" {
                    j += 1;
                }
            }
            let (end, date) = self.trailing_date(j);
            let t = format!("T{:02}:{:02}", y / 100, y % 100);
            // `by 2000` stays a year; `at 1545` is a time
            if next_zone || !(1900..=2100).contains(&y) {
                return Some((end, Self::time_value(date, &t)));
            }
        }
        if !(1000..=2100).contains(&y) {
            return None;
        }
        let prev = if i > 0 { self.text(i - 1) } else { "" };
        let next = self.text(i + 1);
        let glued_next = self
            .toks
            .get(i + 1)
            .is_some_and(|t| t.span.start == self.toks[i].span.end);
        if matches!(
            prev,
            "$" | "#" | "£" | "€" | "No." | "no." | "Nos." | "+" | "×"
        ) || next == "%"
            || (glued_next && matches!(next, "-" | "/" | ":" | "–"))
        {
            return None;
        }
        let lower_next = next.to_ascii_lowercase();
        if matches!(
            lower_next.as_str(),
            "percent"
                | "per"
                | "million"
                | "billion"
                | "people"
                | "troops"
                | "times"
                | "miles"
                | "feet"
                | "meters"
                | "metres"
                | "km"
                | "kilometers"
                | "tons"
                | "tonnes"
                | "dollars"
                | "shares"
                | "points"
                | "votes"
                | "members"
                | "workers"
                | "soldiers"
                | "men"
                | "women"
                | "children"
                | "residents"
                | "jobs"
                | "cars"
                | "units"
                | "hours"
                | "days"
                | "years"
                | "yards"
                | "acres"
                | "pounds"
        ) {
            return None;
        }
        let context = year_context(prev) || i == 0;
        if !(1500..=2099).contains(&y) && !context {
            return None;
        }
        // a year before a lowercase plural noun is a count (`2000 troops`)
        if !context
            && next.len() > 3
            && next.ends_with('s')
            && next.chars().next().is_some_and(char::is_lowercase)
            && !matches!(
                next,
                "was" | "has" | "is" | "as" | "does" | "says" | "sees" | "marks"
            )
        {
            return None;
        }
        Some((i + 1, found(TimexType::Date, format!("{y:04}"))))
    }

    /// A count: digits, number words (`twenty four`), `a`, `a few`, `several`. `None` inside is
    /// an unspecified count (`X` in the value).
    fn quantity(&self, i: usize) -> Option<(usize, Option<u32>)> {
        match self.lex(i) {
            Lex::Num(n) => {
                if n % 10 == 0 && (20..100).contains(&n) {
                    if let Lex::Num(m) = self.lex(i + 1) {
                        if m < 10 {
                            return Some((i + 2, Some(n + m)));
                        }
                    }
                }
                if n == 100 {
                    return None;
                }
                Some((i + 1, Some(n)))
            }
            Lex::A => match self.lex(i + 1) {
                Lex::Few => {
                    let j = if self.lex(i + 2) == Lex::Of {
                        i + 3
                    } else {
                        i + 2
                    };
                    Some((j, None))
                }
                Lex::Num(12) if self.text(i + 1).eq_ignore_ascii_case("dozen") => {
                    Some((i + 2, Some(12)))
                }
                _ => Some((i + 1, Some(1))),
            },
            Lex::Few => Some((i + 1, None)),
            Lex::Hyph => {
                let lower = self.text(i).to_ascii_lowercase();
                let mut parts = lower.split('-');
                let (a, b) = (parts.next()?, parts.next()?);
                if parts.next().is_some() {
                    return None;
                }
                let (a, b) = (number_word(a)?, number_word(b)?);
                (a >= 20 && b < 10).then_some((i + 1, Some(a + b)))
            }
            _ => None,
        }
    }

    /// `18 months`, `two years ago`, `a week later`.
    fn quantity_expr(&self, i: usize, _the: bool) -> M {
        let (qend, n) = self.quantity(i)?;
        let Lex::Unit(u, plural) = self.lex(qend) else {
            return None;
        };
        // `a second time`, `one day` (some day) are not expressions of time.
        if matches!(self.lex(i), Lex::A | Lex::Num(1)) && matches!(u, Unit::Second) {
            return None;
        }
        if n == Some(1) && plural {
            return None;
        }
        let uend = qend + 1;
        // `a quarter point`, `a quarter of the votes`: a fraction, not a period
        if u == Unit::Quarter
            && self.lex(i) == Lex::A
            && !matches!(
                self.lex(uend),
                Lex::Ago | Lex::Earlier | Lex::Later | Lex::Other
            )
        {
            return None;
        }
        if u == Unit::Quarter && self.lex(i) == Lex::A && self.lex(uend) == Lex::Other {
            let next = self.text(uend);
            if next.chars().next().is_some_and(char::is_alphanumeric) {
                return None;
            }
        }
        // `$90 million a year`, `four flights a week`: a rate. TimeBank leaves rates
        // unmarked, so they are not reported as expressions.
        if self.lex(i) == Lex::A && !plural && i > 0 {
            let prev = self.text(i - 1).to_ascii_lowercase();
            let amount = prev.ends_with('%')
                || prev.chars().next().is_some_and(|c| c.is_ascii_digit())
                || (prev.len() > 3 && prev.ends_with('s') && self.lex(i - 1) == Lex::Other)
                || matches!(
                    prev.as_str(),
                    "million"
                        | "billion"
                        | "trillion"
                        | "percent"
                        | "%"
                        | "times"
                        | "once"
                        | "twice"
                        | "cents"
                        | "dollars"
                        | "euros"
                        | "pounds"
                        | "bn"
                        | "m"
                );
            if amount && !matches!(self.lex(uend), Lex::Ago | Lex::Earlier | Lex::Later) {
                return None;
            }
        }
        match self.lex(uend) {
            Lex::Ago | Lex::Earlier => {
                // `profit rose in the quarter from $5 million a year earlier`: in a sentence
                // about a quarter, a year back is the same quarter a year before.
                if u == Unit::Year && n == Some(1) && self.mentions_quarter() {
                    if let Some(v) = self.reporting_quarter(1) {
                        return Some((uend + 1, found(TimexType::Date, v)));
                    }
                }
                return Some((uend + 1, self.shifted(n, u, -1)));
            }
            Lex::Later if self.future(i) => return Some((uend + 1, self.shifted(n, u, 1))),
            Lex::Old => return None,
            _ => {}
        }
        if self.text(i).eq_ignore_ascii_case("one") && u == Unit::Day && !plural {
            return None;
        }
        Some((uend, found(TimexType::Duration, duration(n, u))))
    }

    /// DCT shifted by `n` units, at the granularity of the unit.
    fn shifted(&self, n: Option<u32>, u: Unit, sign: i32) -> Found {
        let (Some(d), Some(n)) = (self.dct, n) else {
            return found(
                TimexType::Date,
                if sign < 0 { "PAST_REF" } else { "FUTURE_REF" },
            );
        };
        let k = n as i32 * sign;
        let v = match u {
            Unit::Year => format!("{:04}", d.year() + k),
            Unit::Decade => format!("{:04}", d.year() + 10 * k),
            Unit::Century => format!("{:04}", d.year() + 100 * k),
            Unit::Month => {
                let m = shift_months(d, k);
                format!("{:04}-{:02}", m.year(), m.month())
            }
            Unit::Quarter => {
                let m = shift_months(d, 3 * k);
                format!("{:04}-Q{}", m.year(), quarter_of(m))
            }
            Unit::Week | Unit::Weekend => week(d + Duration::weeks(i64::from(k))),
            Unit::Day => ymd(d + Duration::days(i64::from(k))),
            Unit::Hour | Unit::Minute | Unit::Second => ymd(d),
        };
        found(TimexType::Date, v)
    }

    fn the_expr(&self, i: usize) -> M {
        let j = i + 1;
        match self.lex(j) {
            Lex::Rel(r) => self.rel_expr(i, j, r, true),
            // `the 1988 third quarter`, `the fiscal first quarter`, `the year-ago third quarter`
            Lex::Year(_) | Lex::Fiscal | Lex::Hyph
                if matches!(self.lex(j + 1), Lex::Ord(1..=4))
                    && self.lex(j + 2) == Lex::Unit(Unit::Quarter, false) =>
            {
                let Lex::Ord(n) = self.lex(j + 1) else {
                    return None;
                };
                let code = format!("Q{n}");
                match self.lex(j) {
                    Lex::Year(y) => Some((j + 3, found(TimexType::Date, format!("{y:04}-{code}")))),
                    Lex::Fiscal => self.period_of_year(j + 3, &code, n, 4),
                    _ => {
                        let lower = self.text(j).to_ascii_lowercase();
                        if !matches!(lower.as_str(), "year-ago" | "year-earlier") {
                            return None;
                        }
                        let (end, f) = self.period_of_year(j + 3, &code, n, 4)?;
                        let v = match f.value.get(..4).and_then(|y| y.parse::<i32>().ok()) {
                            Some(y) => format!("{:04}{}", y - 1, &f.value[4..]),
                            None => f.value,
                        };
                        Some((end, Found { value: v, ..f }))
                    }
                }
            }
            Lex::Ord(n) => {
                // the first nine months
                if let Some((qend, q)) = self.quantity(j + 1) {
                    if let Lex::Unit(u, true) = self.lex(qend) {
                        if n == 1 {
                            return Some((qend + 1, found(TimexType::Duration, duration(q, u))));
                        }
                    }
                }
                self.ord_expr(j, n)
            }
            Lex::Decade(v, k) => Some((j + 1, found(TimexType::Date, decade_value(v, k)))),
            Lex::Edge => match self.lex(j + 1) {
                Lex::Decade(v, k) => Some((j + 2, found(TimexType::Date, decade_value(v, k)))),
                _ => None,
            },
            Lex::Future => Some((j + 1, found(TimexType::Date, "FUTURE_REF"))),
            // `the near future`, `the foreseeable future`
            Lex::Other
                if self.lex(j + 1) == Lex::Future
                    && matches!(
                        self.text(j).to_ascii_lowercase().as_str(),
                        "near" | "foreseeable" | "immediate" | "distant"
                    ) =>
            {
                Some((j + 2, found(TimexType::Date, "FUTURE_REF")))
            }
            // `the year ended March 31`: a fiscal year, a one-year period
            Lex::Unit(Unit::Year, false)
                if matches!(self.text(j + 1), "ended" | "ending" | "ends") =>
            {
                Some((j + 1, found(TimexType::Duration, "P1Y")))
            }
            Lex::Unit(Unit::Quarter, false) if !self.future(i) => match self.reporting_quarter(0) {
                Some(v) => Some((j + 1, found(TimexType::Date, v))),
                None => Some((j + 1, unresolved(TimexType::Date, "XXXX-QX"))),
            },
            Lex::Unit(Unit::Weekend, false) => {
                let Some(d) = self.dct else {
                    return Some((j + 1, unresolved(TimexType::Date, "XXXX-WXX-WE")));
                };
                let sat = if self.future(i) {
                    d + Duration::days(i64::from(
                        (5 - d.weekday().num_days_from_monday() as i32).rem_euclid(7),
                    ))
                } else {
                    d - Duration::days(i64::from(
                        (d.weekday().num_days_from_monday() as i32 - 5).rem_euclid(7),
                    ))
                };
                Some((j + 1, found(TimexType::Date, format!("{}-WE", week(sat)))))
            }
            Lex::Num(_) | Lex::Few => {
                let (qend, n) = self.quantity(j)?;
                match self.lex(qend) {
                    Lex::Unit(u, true) if !matches!(self.lex(qend + 1), Lex::Ago | Lex::Old) => {
                        Some((qend + 1, found(TimexType::Duration, duration(n, u))))
                    }
                    _ => None,
                }
            }
            Lex::Season(s) => self.season_tail(i, j + 1, s),
            Lex::End => {
                if self.lex(j + 1) != Lex::Of {
                    return None;
                }
                // `the end of the year`: the DCT's year (month, week, quarter)
                if self.lex(j + 2) == Lex::The {
                    if let Lex::Unit(u, false) = self.lex(j + 3) {
                        if matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Quarter) {
                            return self.unit_relative(j + 4, u, 0);
                        }
                    }
                }
                let (end, f) = self.core(j + 2)?;
                (f.ty == TimexType::Date).then_some((end, f))
            }
            Lex::Hyph => {
                // `the year-earlier quarter` is one expression, but in `the third-quarter
                // results` the article belongs to the noun outside it.
                let (end, f) = self.hyph_expr(j)?;
                (f.ty == TimexType::Date && end > j + 1).then_some((end, f))
            }
            Lex::Unit(u, false) if matches!(self.lex(j + 1), Lex::Ago | Lex::Earlier) => {
                let _ = u;
                None
            }
            _ => None,
        }
    }

    /// `summer 2008`, `the spring of 1999`, `the summer` (start: where the extent starts).
    // every rule returns `M`, so that rules compose with `?` and `or_else`
    #[allow(clippy::unnecessary_wraps)]
    fn season_tail(&self, start: usize, after: usize, s: &'static str) -> M {
        let _ = start;
        match (self.lex(after), self.lex(after + 1)) {
            (Lex::Year(y), _) | (Lex::Of, Lex::Year(y)) => {
                let end = if self.lex(after) == Lex::Of {
                    after + 2
                } else {
                    after + 1
                };
                Some((end, found(TimexType::Date, format!("{y:04}-{s}"))))
            }
            _ => {
                let Some(d) = self.dct else {
                    return Some((after, unresolved(TimexType::Date, format!("XXXX-{s}"))));
                };
                Some((
                    after,
                    found(TimexType::Date, format!("{:04}-{s}", d.year())),
                ))
            }
        }
    }

    /// `third quarter`, `first half`, `20th century`.
    fn ord_expr(&self, i: usize, n: u32) -> M {
        let j = i + 1;
        match self.lex(j) {
            Lex::Unit(Unit::Quarter, false) if (1..=4).contains(&n) => {
                self.period_of_year(j + 1, &format!("Q{n}"), n, 4)
            }
            Lex::Half if (1..=2).contains(&n) => self.period_of_year(j + 1, &format!("H{n}"), n, 2),
            Lex::Unit(Unit::Century, false) if n > 0 => {
                Some((j + 1, found(TimexType::Date, format!("{:02}", n - 1))))
            }
            _ => None,
        }
    }

    /// A quarter or half, with an explicit year after it or the one DCT points to.
    // every rule returns `M`, so that rules compose with `?` and `or_else`
    #[allow(clippy::unnecessary_wraps)]
    fn period_of_year(&self, after: usize, code: &str, n: u32, per_year: u32) -> M {
        match (self.lex(after), self.lex(after + 1), self.lex(after + 2)) {
            (Lex::Of, Lex::Year(y), _) => {
                return Some((after + 2, found(TimexType::Date, format!("{y:04}-{code}"))));
            }
            (Lex::Of, Lex::Fiscal, Lex::Year(y)) => {
                return Some((after + 3, found(TimexType::Date, format!("{y:04}-{code}"))));
            }
            (Lex::Year(y), _, _) => {
                return Some((after + 1, found(TimexType::Date, format!("{y:04}-{code}"))));
            }
            _ => {}
        }
        let Some(d) = self.dct else {
            return Some((after, unresolved(TimexType::Date, format!("XXXX-{code}"))));
        };
        let cur = if per_year == 4 {
            quarter_of(d)
        } else {
            (d.month() - 1) / 6 + 1
        };
        // a period later in the year than DCT, in a past-tense report, is last year's
        let y = if n > cur && !self.future(after) {
            d.year() - 1
        } else {
            d.year()
        };
        Some((after, found(TimexType::Date, format!("{y:04}-{code}"))))
    }

    fn hyph_expr(&self, i: usize) -> M {
        let lower = self.text(i).to_ascii_lowercase();
        let parts: Vec<&str> = lower.split('-').collect();
        match parts.as_slice() {
            [a, b] => {
                let unit = unit_word(b).filter(|(_, plural)| !plural).map(|(u, _)| u);
                let num = number_word(a).or_else(|| a.parse::<u32>().ok().filter(|&n| n < 1000));
                if let (Some(n), Some(u)) = (num, unit) {
                    // `two-year` (a duration, as an adjective)
                    return Some((i + 1, found(TimexType::Duration, duration(Some(n), u))));
                }
                if let (Some(n), Some(Unit::Quarter)) = (ordinal_word(a), unit) {
                    if (1..=4).contains(&n) {
                        return self.period_of_year(i + 1, &format!("Q{n}"), n, 4);
                    }
                }
                if let (Some(n), true) = (ordinal_word(a), *b == "half") {
                    if (1..=2).contains(&n) {
                        return self.period_of_year(i + 1, &format!("H{n}"), n, 2);
                    }
                }
                if matches!(*a, "mid" | "early" | "late") {
                    if let Some(m) = month_word(b) {
                        let y = self.month_year(i, m);
                        return Some((i + 1, y));
                    }
                    return match lex(b) {
                        Lex::Year(y) => Some((i + 1, found(TimexType::Date, format!("{y:04}")))),
                        Lex::Decade(v, k) => {
                            Some((i + 1, found(TimexType::Date, decade_value(v, k))))
                        }
                        _ => None,
                    };
                }
                if *a == "year" && matches!(*b, "earlier" | "ago") {
                    // the year-earlier quarter / period
                    let Some(d) = self.dct else {
                        return Some((i + 1, unresolved(TimexType::Date, "XXXX")));
                    };
                    let next = self.text(i + 1).to_ascii_lowercase();
                    if matches!(next.as_str(), "quarter" | "period") || self.mentions_quarter() {
                        let end = if matches!(next.as_str(), "quarter" | "period") {
                            i + 2
                        } else {
                            i + 1
                        };
                        let v = self.reporting_quarter(1).unwrap_or_default();
                        return Some((end, found(TimexType::Date, v)));
                    }
                    return Some((
                        i + 1,
                        found(TimexType::Date, format!("{:04}", d.year() - 1)),
                    ));
                }
                None
            }
            _ => None,
        }
    }

    fn month_year(&self, i: usize, m: u32) -> Found {
        let Some(d) = self.dct else {
            return unresolved(TimexType::Date, format!("XXXX-{m:02}"));
        };
        let y = self.year_for_month(i, m, d);
        found(TimexType::Date, format!("{y:04}-{m:02}"))
    }

    /// `every year`, `each Thursday`, `every two weeks`.
    fn every_expr(&self, i: usize) -> M {
        let j = i + 1;
        if self.text(i).eq_ignore_ascii_case("per") && !matches!(self.lex(j), Lex::Unit(..)) {
            return None;
        }
        match self.lex(j) {
            Lex::Unit(u, false) => Some((j + 1, found(TimexType::Set, duration(Some(1), u)))),
            Lex::Weekday(d) => Some((j + 1, found(TimexType::Set, format!("XXXX-WXX-{d}")))),
            Lex::Month(m) if self.toks[j].capitalized() => {
                Some((j + 1, found(TimexType::Set, format!("XXXX-{m:02}"))))
            }
            Lex::DayPart(p) => Some((j + 1, found(TimexType::Set, format!("TXX{p}")))),
            Lex::Season(s) => Some((j + 1, found(TimexType::Set, format!("XXXX-{s}")))),
            Lex::Num(_) | Lex::Few => {
                let (qend, n) = self.quantity(j)?;
                match self.lex(qend) {
                    Lex::Unit(u, true) => Some((qend + 1, found(TimexType::Set, duration(n, u)))),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

fn decade_value(v: i32, digits: u8) -> String {
    if digits == 2 {
        format!("{v:02}")
    } else {
        format!("{v:03}")
    }
}

/// `P2Y`, `PT3H`, `PXM`.
pub(crate) fn duration(n: Option<u32>, u: Unit) -> String {
    let (code, time) = u.code();
    let n = n.map_or_else(|| "X".to_owned(), |n| n.to_string());
    let t = if time { "T" } else { "" };
    match u {
        Unit::Decade if n != "X" => format!("P{}Y", n.parse::<u32>().unwrap_or(1) * 10),
        _ => format!("P{t}{n}{code}"),
    }
}

fn season_index(d: NaiveDate) -> u32 {
    match d.month() {
        3..=5 => 0,
        6..=8 => 1,
        9..=11 => 2,
        _ => 3,
    }
}

fn season_pos(s: &str) -> u32 {
    match s {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

fn is_future_marker(w: &str, next: &str) -> bool {
    let lw = w.to_ascii_lowercase();
    match lw.as_str() {
        "will" | "'ll" | "’ll" | "shall" | "wo" | "tomorrow" => true,
        "going" | "plans" | "plan" | "planned" | "scheduled" | "expected" | "set" => {
            next.eq_ignore_ascii_case("to")
        }
        // `due on Jan. 25`, `due in March` (but `due to` gives a cause)
        "due" => matches!(next, "on" | "in" | "by" | "for"),
        _ => false,
    }
}

fn is_past_marker(w: &str) -> bool {
    let lw = w.to_ascii_lowercase();
    if matches!(
        lw.as_str(),
        "added"
            | "reported"
            | "announced"
            | "stated"
            | "noted"
            | "indicated"
            | "explained"
            | "expected"
            | "scheduled"
            | "planned"
            | "proposed"
            | "estimated"
            | "projected"
    ) {
        return false;
    }
    matches!(
        lw.as_str(),
        "was"
            | "were"
            | "had"
            | "did"
            | "yesterday"
            | "ago"
            | "last"
            | "earlier"
            | "began"
            | "fell"
            | "rose"
            | "came"
            | "went"
            | "took"
            | "made"
            | "won"
            | "lost"
            | "met"
            | "sold"
            | "bought"
            | "paid"
            | "left"
            | "held"
            | "gave"
            | "got"
            | "saw"
            | "brought"
            | "drove"
            | "flew"
            | "fought"
            | "struck"
            | "spoke"
            | "wrote"
            | "sent"
            | "spent"
            | "built"
            | "broke"
            | "chose"
            | "grew"
            | "drew"
            | "threw"
            | "stood"
            | "ran"
            | "led"
            | "kept"
            | "felt"
            | "found"
            | "became"
            | "hit"
            | "shot"
            | "knew"
            | "thought"
    ) || (lw.len() > 4 && lw.ends_with("ed") && w.chars().next().is_some_and(char::is_lowercase))
}
